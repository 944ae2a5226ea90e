"""Knowledge-check questions: plain data, shown by :func:`course.ui.quiz.quiz`.

Each topic keeps its questions in ``course/quizzes/<topic>.py`` as a module-level
``QUESTIONS: list[Question]``. :func:`load` returns them by topic name.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass

__all__ = ["Question", "load", "TOPICS"]

#: Topic modules in course order.
TOPICS: tuple[str, ...] = (
    "welcome", "electrolytes", "contraction", "excitability", "healing", "treatment", "selfcheck"
)


@dataclass(frozen=True)
class Question:
    """One multiple-choice question with feedback for every option.

    ``feedback[i]`` explains why ``options[i]`` is right or wrong; ``correct`` is
    the index of the single right option.
    """

    prompt: str
    options: tuple[str, ...]
    correct: int
    feedback: tuple[str, ...]

    def __post_init__(self) -> None:
        if len(self.options) < 2:
            raise ValueError(f"options must hold at least 2 answers, got {len(self.options)}")
        if len(self.feedback) != len(self.options):
            raise ValueError(
                f"feedback must have one entry per option ({len(self.options)}), got {len(self.feedback)}"
            )
        if not 0 <= self.correct < len(self.options):
            raise ValueError(f"correct={self.correct} is outside the allowed range [0, {len(self.options) - 1}]")


def load(topic: str) -> list[Question]:
    """Return the questions of one topic (e.g. ``"electrolytes"``)."""
    if topic not in TOPICS:
        raise ValueError(f"topic={topic!r} is not valid; choose one of: " + ", ".join(map(repr, TOPICS)))
    module = importlib.import_module(f"course.quizzes.{topic}")
    return list(module.QUESTIONS)
