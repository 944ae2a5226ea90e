"""Predict → observe → explain items, per notebook (data + the model call that answers them).

Each :class:`Prediction` asks a question before an explorer's main lesson. Its ``observe`` function runs
the course's models when the student commits and returns an :class:`Observation`: the sentence shown,
with every number computed, and which option (or value) the model gives. Nothing is typed in. The items
of each notebook live in ``course/predictions/<topic>.py``; the widget is :func:`course.ui.predict.predict`
and the instructor's answer keys are generated from the same entries.
"""

from __future__ import annotations

from types import MappingProxyType

from course.predictions import contraction, electrolytes, excitability, healing, reflex, selfcheck, treatment, welcome
from course.predictions._base import Observation, Prediction

__all__ = ["Observation", "Prediction", "PREDICTIONS", "for_notebook", "topic_of", "notebook_of_topic"]

_MODULES = (welcome, electrolytes, contraction, excitability, reflex, healing, treatment, selfcheck)

#: Every item, by key, in course order. Read-only.
PREDICTIONS: MappingProxyType[str, Prediction] = MappingProxyType(
    {p.key: p for m in _MODULES for p in m.ITEMS}
)
if len(PREDICTIONS) != sum(len(m.ITEMS) for m in _MODULES):  # pragma: no cover - a data error
    raise ValueError("two prediction items share a key")


def for_notebook(notebook: str) -> list[Prediction]:
    """The items of one notebook (``"00"`` … ``"07"``), in order."""
    return [p for p in PREDICTIONS.values() if p.notebook == notebook]


def notebook_of_topic() -> dict[str, str]:
    """Topic (the name of its module, e.g. ``"electrolytes"``) → notebook number, from the items themselves."""
    return {m.__name__.rsplit(".", 1)[1]: m.ITEMS[0].notebook for m in _MODULES if m.ITEMS}


def topic_of(key: str) -> str:
    """The topic whose module defines prediction ``key``."""
    for m in _MODULES:
        if any(p.key == key for p in m.ITEMS):
            return m.__name__.rsplit(".", 1)[1]
    raise ValueError(f"key={key!r} is not a prediction; choose one of: " + ", ".join(map(repr, PREDICTIONS)))
