"""The shape of one published benchmark and of its result (shared by every model's table).

Each model's benchmarks live as data in ``course/validation/<topic>.py`` as a tuple named ``BENCHMARKS``;
:func:`course.validation.all_benchmarks` collects every such module, so adding a topic adds a file and
touches nothing else.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

Kind = Literal["validation", "calibrated"]


@dataclass(frozen=True)
class Benchmark:
    """One published number a model must reproduce.

    ``low``/``high`` are the accepted range in ``unit`` (inclusive; use ``-math.inf``/``math.inf`` for a
    one-sided bound). ``compute`` runs the model and returns its value in the same unit. ``kind`` is
    ``"calibrated"`` when the model's parameters were fitted to this very number (it is reported, but not
    counted as validation). ``limitation`` is ``None`` for a benchmark the model must pass; otherwise the
    model is known to fail it, and the string says why — the same words must appear in the notebook's
    "what this model leaves out" box (``notebook`` names it).
    """

    id: str
    model: str
    claim: str
    source: str
    low: float
    high: float
    unit: str
    compute: Callable[[], float]
    kind: Kind = "validation"
    limitation: str | None = None
    notebook: str = ""

    def __post_init__(self) -> None:
        if not self.id or not self.claim or not self.source:
            raise ValueError(f"benchmark {self.id!r}: id, claim and source must be non-empty")
        if not self.low <= self.high:
            raise ValueError(f"benchmark {self.id!r}: low={self.low} must be <= high={self.high}")
        if self.kind not in ("validation", "calibrated"):
            raise ValueError(f"benchmark {self.id!r}: kind={self.kind!r}; allowed: 'validation', 'calibrated'")
        if self.limitation is not None and not (self.limitation.strip() and self.notebook):
            raise ValueError(
                f"benchmark {self.id!r}: a limitation needs non-empty text and the notebook that states it"
            )


@dataclass(frozen=True)
class Result:
    """A benchmark with the model's value and whether it falls in the published range."""

    benchmark: Benchmark
    value: float

    @property
    def passed(self) -> bool:
        v = self.value
        return math.isfinite(v) and self.benchmark.low <= v <= self.benchmark.high

    @property
    def status(self) -> str:
        if self.passed:
            return "pass" if self.benchmark.kind == "validation" else "pass (calibrated)"
        return "known limitation" if self.benchmark.limitation else "FAIL"


def run(benchmark: Benchmark) -> Result:
    """Compute one benchmark's model value (a model error counts as NaN, i.e. a failure)."""
    try:
        value = float(benchmark.compute())
    except Exception:  # noqa: BLE001 - reported as a failing row, never hidden
        value = math.nan
    return Result(benchmark, value)
