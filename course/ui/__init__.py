"""Interactive explorers (ipywidgets + :class:`course.ui.plot.PlotView`), one module per topic.

Functions are imported lazily so that ``import course.ui`` stays cheap and one
topic's widgets never load another's.
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

#: explorer function name → module in ``course.ui`` that defines it.
EXPLORERS: Mapping[str, str] = MappingProxyType({
    "warmup_explorer": "welcome",
    "membrane_explorer": "electrolytes",
    "contraction_explorer": "contraction",
    "excitability_explorer": "excitability",
    "healing_explorer": "healing",
    "treatment_explorer": "treatment",
    "reflex_explorer": "reflex",
    "self_check": "selfcheck",
})

__all__ = [*EXPLORERS, "EXPLORERS"]  # the quiz widget: ``from course.ui.quiz import quiz``


def __getattr__(name: str) -> Any:
    if name in EXPLORERS:
        module = importlib.import_module(f"course.ui.{EXPLORERS[name]}")
        return getattr(module, name)
    raise AttributeError(f"module 'course.ui' has no attribute {name!r}")
