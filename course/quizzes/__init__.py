"""Knowledge checks as plain data: one TOML file per topic, read with :mod:`tomllib`.

Each ``course/quizzes/<topic>.toml`` holds

* ``[[question]]`` — a multiple-choice question: ``prompt``, ``kind`` (its level: ``"recall"`` — the
  answer is on the page above; ``"application"`` — a taught rule on a new case or a number to compute;
  ``"prediction"`` — the outcome is not yet shown; ``"transfer"`` — a context the course does not cover),
  ``calculation = true`` if the student must compute a number, an optional ``block`` (a notebook may
  show several quiz blocks; default ``"main"``) and its ``[[question.option]]`` entries, each with
  ``text``, ``feedback`` and ``correct = true`` on exactly one of them (feedback on a wrong option
  explains the misconception without naming the right option);
* ``[[explain]]`` — an "explain in your own words" prompt with its ``model_answer``;
* ``[[task]]`` — an open question to try with an explorer, with its ``answer`` (shown on a click).

:func:`load` returns the questions of a topic (or of one block); :func:`explain_prompts` and
:func:`tasks` return the other two kinds. Options are shown in a shuffled order that is fixed per
question (:attr:`Question.display_order`, seeded by the question text), so stored notebook outputs
stay identical run to run while the right answer is not always in the same place.
"""

from __future__ import annotations

import hashlib
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import numpy as np

__all__ = ["Question", "Explain", "Task", "load", "explain_prompts", "tasks", "TOPICS", "KINDS", "topics"]

#: Topics in course order (the notebook each belongs to: 00 … 07).
TOPICS: tuple[str, ...] = (
    "welcome", "electrolytes", "contraction", "excitability", "reflex", "healing", "treatment", "selfcheck"
)
#: Question kinds (levels). Application, prediction and transfer ask for more than recall.
KINDS: tuple[str, ...] = ("recall", "prediction", "application", "transfer")


def topics() -> list[str]:
    """Every topic that has a question file (``course/quizzes/<topic>.toml``), found on disk, sorted."""
    root = resources.files("course.quizzes")
    return sorted(p.name[: -len(".toml")] for p in root.iterdir() if p.name.endswith(".toml"))


@dataclass(frozen=True)
class Question:
    """One multiple-choice question with feedback for every option.

    ``options`` and ``feedback`` are in the order of the data file; ``correct`` is the index of the
    single right option in that order. :attr:`display_order` is the order shown to the student.
    """

    prompt: str
    options: tuple[str, ...]
    correct: int
    feedback: tuple[str, ...]
    kind: str = "recall"
    block: str = "main"
    calculation: bool = False
    topic: str = ""

    def __post_init__(self) -> None:
        if len(self.options) < 2:
            raise ValueError(f"options must hold at least 2 answers, got {len(self.options)}")
        if len(self.feedback) != len(self.options):
            raise ValueError(
                f"feedback must have one entry per option ({len(self.options)}), got {len(self.feedback)}"
            )
        if not 0 <= self.correct < len(self.options):
            raise ValueError(f"correct={self.correct} is outside the allowed range [0, {len(self.options) - 1}]")
        if self.kind not in KINDS:
            raise ValueError(f"kind={self.kind!r} is not valid; choose one of: " + ", ".join(map(repr, KINDS)))

    @property
    def display_order(self) -> tuple[int, ...]:
        """Indices of :attr:`options` in the order shown: a shuffle fixed by the prompt's text."""
        seed = int.from_bytes(hashlib.sha256(self.prompt.encode("utf-8")).digest()[:8], "little")
        return tuple(int(i) for i in np.random.default_rng(seed).permutation(len(self.options)))

    @property
    def qid(self) -> str:
        """A stable id for records and the gradebook: ``"<topic>:<first 8 hex of the prompt's SHA-256>"``."""
        return f"{self.topic}:{hashlib.sha256(self.prompt.encode('utf-8')).hexdigest()[:8]}"

    @property
    def shown_correct(self) -> int:
        """Position of the right option as shown to the student."""
        return self.display_order.index(self.correct)


@dataclass(frozen=True)
class Explain:
    """An "explain in your own words" prompt and the model answer shown after the student writes."""

    prompt: str
    model_answer: str
    block: str = "main"
    topic: str = ""


@dataclass(frozen=True)
class Task:
    """An open question to answer with an explorer, and its answer (revealed on a click)."""

    prompt: str
    answer: str
    block: str = "main"
    topic: str = ""


def _check_topic(topic: str) -> str:
    known = set(TOPICS) | set(topics())
    if topic not in known:
        raise ValueError(f"topic={topic!r} is not valid; choose one of: " + ", ".join(map(repr, sorted(known))))
    return topic


@cache
def _data(topic: str) -> dict[str, Any]:
    path = resources.files("course.quizzes").joinpath(f"{_check_topic(topic)}.toml")
    if not path.is_file():  # transition: a topic not yet converted keeps its Python module
        import importlib

        module = importlib.import_module(f"course.quizzes.{topic}")
        return {"_questions": list(module.QUESTIONS)}
    return tomllib.loads(path.read_text("utf-8"))


def _question(raw: dict[str, Any], topic: str) -> Question:
    opts = raw.get("option", [])
    flags = [bool(o.get("correct", False)) for o in opts]
    if flags.count(True) != 1:
        raise ValueError(f"{topic}: question {raw.get('prompt', '')[:60]!r} needs exactly one correct option, "
                         f"found {flags.count(True)}")
    return Question(
        prompt=raw["prompt"],
        options=tuple(o["text"] for o in opts),
        correct=flags.index(True),
        feedback=tuple(o["feedback"] for o in opts),
        kind=raw.get("kind", "recall"),
        block=raw.get("block", "main"),
        calculation=bool(raw.get("calculation", False)),
        topic=topic,
    )


def load(topic: str, block: str | None = None) -> list[Question]:
    """The questions of one topic (e.g. ``"electrolytes"``), optionally of one ``block`` only."""
    data = _data(topic)
    questions = list(data.get("_questions", [])) or [_question(q, topic) for q in data.get("question", [])]
    if block is not None:
        questions = [q for q in questions if q.block == block]
        if not questions:
            raise ValueError(f"block={block!r} has no questions in topic {topic!r}")
    return questions


def explain_prompts(topic: str) -> list[Explain]:
    """The "explain in your own words" prompts of one topic."""
    return [Explain(e["prompt"], e["model_answer"], e.get("block", "main"), topic)
            for e in _data(topic).get("explain", [])]


def tasks(topic: str) -> list[Task]:
    """The explorer tasks of one topic (open questions with answers)."""
    return [Task(t["prompt"], t["answer"], t.get("block", "main"), topic) for t in _data(topic).get("task", [])]
