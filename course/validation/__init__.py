"""The validation suite: every model against published benchmarks (``python -m course validate``).

Each ``course/validation/<topic>.py`` (a module whose name does not start with ``_``) defines
``BENCHMARKS: tuple[Benchmark, ...]``. This package only collects and runs them.
"""

from __future__ import annotations

import importlib
import pkgutil

from course.validation._base import Benchmark, Result, run

__all__ = ["Benchmark", "Result", "all_benchmarks", "run", "run_all"]


def all_benchmarks() -> tuple[Benchmark, ...]:
    """Every topic's benchmarks, topics in alphabetical order, each table in its own order."""
    out: list[Benchmark] = []
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        out.extend(module.BENCHMARKS)
    ids = [b.id for b in out]
    dupes = sorted({i for i in ids if ids.count(i) > 1})
    if dupes:
        raise ValueError(f"benchmark ids must be unique; repeated: {dupes}")
    return tuple(out)


def run_all() -> tuple[Result, ...]:
    """Run every benchmark (seconds: the axon benchmarks integrate the model)."""
    return tuple(run(b) for b in all_benchmarks())
