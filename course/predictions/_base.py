"""The predict → observe → explain item types (the items themselves live in one module per topic).

Each :class:`Prediction` asks a question before an explorer's main lesson. Its ``observe`` function runs
the course's models when the student commits and returns an :class:`Observation`: the sentence shown,
with every number computed, and which option (or value) the model gives. Nothing here is typed in.
The widget is :func:`course.ui.predict.predict`; the answer keys in ``instructor/`` are generated
from the same entries.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

__all__ = ["Observation", "Prediction"]


@dataclass(frozen=True)
class Observation:
    """What the model shows: ``text`` (with computed numbers), the right ``choice`` index or a ``value``."""

    text: str
    choice: int | None = None
    value: float | None = None


@dataclass(frozen=True)
class Prediction:
    """One predict → observe → explain item.

    ``choices`` for a multiple-choice prediction, or ``unit`` and ``bounds`` (lo, hi) for a number;
    ``observe`` computes the model's answer; ``explanation`` is shown after it.
    """

    key: str
    notebook: str
    prompt: str
    observe: Callable[[], Observation]
    explanation: str
    choices: tuple[str, ...] = ()
    unit: str = ""
    bounds: tuple[float, float] | None = None

    def __post_init__(self) -> None:
        if bool(self.choices) == (self.bounds is not None):
            raise ValueError(f"{self.key}: give either choices or (unit, bounds), not both or neither")
