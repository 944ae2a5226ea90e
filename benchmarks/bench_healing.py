"""Benchmarks for notebooks 04–05: cohort simulation and both explorers' callbacks.

Run: ``.venv/bin/python benchmarks/bench_healing.py`` (prints a small table; no assertions).

* Cohort: 10,000 virtual patients × 42 days (``course.healing.simulate_cohort``), best/median of
  repeats, and throughput in patient-days and simulated spasms per second.
* Callbacks: each control of ``healing_explorer()`` and ``treatment_explorer()`` is set to 200
  varied values; each assignment runs the callback synchronously (model + figure update). Median
  and 95th percentile in ms, per control and over all.
"""

from __future__ import annotations

import time

import numpy as np

from course import healing as hm

N_PATIENTS = 10_000
N_DAYS = 42
REPEATS = 20
N_VALUES = 200


def bench_cohort() -> None:
    print(f"Cohort: {N_PATIENTS:,} patients × {N_DAYS} days, {REPEATS} repeats per case")
    for scenario, cv in (("healing", 0.0), ("healing", 0.3), ("infection", 0.0), ("overuse", 0.3)):
        hm.simulate_cohort(scenario, N_PATIENTS, N_DAYS, seed=0, patient_cv=cv)  # warm-up
        times = []
        events = 0
        for seed in range(REPEATS):
            t0 = time.perf_counter()
            c = hm.simulate_cohort(scenario, N_PATIENTS, N_DAYS, seed=seed, patient_cv=cv)
            times.append(time.perf_counter() - t0)
            events = int(c.counts.sum())
        med = float(np.median(times))
        print(
            f"  {scenario:10s} cv={cv:.1f}: median {1000 * med:6.1f} ms, worst {1000 * max(times):6.1f} ms; "
            f"{N_PATIENTS * N_DAYS / med / 1e6:5.1f} M patient-days/s, {events / med / 1e6:5.1f} M spasms/s"
        )


def _time_controls(explorer, plan) -> list[float]:
    everything: list[float] = []
    for name, values in plan:
        control = explorer.controls[name]
        times = []
        for v in values:
            t0 = time.perf_counter()
            control.value = v
            times.append(1000.0 * (time.perf_counter() - t0))
        everything += times
        print(f"  {name:18s} median {np.median(times):5.2f} ms   p95 {np.percentile(times, 95):5.2f} ms")
    print(f"  {'ALL':18s} median {np.median(everything):5.2f} ms   p95 {np.percentile(everything, 95):5.2f} ms")
    return everything


def _grid(lo: float, hi: float, step: float, stride: int) -> list[float]:
    """N_VALUES values on a slider's grid, consecutive values always different (stride coprime to size)."""
    n = int(round((hi - lo) / step)) + 1
    return [float(np.round(lo + step * ((i * stride) % n), 6)) for i in range(1, N_VALUES + 1)]


def bench_healing_explorer() -> None:
    from course.ui import healing_explorer

    ex = healing_explorer()
    names = list(hm.SCENARIOS)
    plan = [
        ("ca", _grid(0.6, 1.5, 0.01, 37)),
        ("mg", _grid(0.3, 1.2, 0.01, 37)),
        ("fluid_deficit_pct", _grid(0.0, 6.0, 0.1, 23)),
        ("days", [int(x) for x in _grid(14, 84, 7, 4)]),
        ("seed", [int(x) for x in _grid(0, 99, 1, 37)]),
        ("severity", [("mild", "moderate", "severe")[i % 3] for i in range(N_VALUES)]),
        ("scenario", [names[i % 6] for i in range(N_VALUES)]),
        ("compare", [names[(i + 3) % 6] for i in range(N_VALUES)]),
    ]
    print(f"healing_explorer callbacks ({N_VALUES} values per control)")
    _time_controls(ex, plan)


def bench_treatment_explorer() -> None:
    from course.ui import treatment_explorer

    ex = treatment_explorer()
    names = list(hm.SCENARIOS)
    toggles = [bool(i % 2) for i in range(N_VALUES)]
    plan = [
        ("start_day", _grid(0.0, 14.0, 0.5, 11)),
        ("heat_start_day", _grid(0.0, 14.0, 0.5, 7)),
        ("scenario", [names[i % 6] for i in range(N_VALUES)]),
        ("severity", [("mild", "moderate", "severe")[i % 3] for i in range(N_VALUES)]),
        *[(name, toggles) for name in hm.TREATMENTS],
    ]
    print(f"treatment_explorer callbacks ({N_VALUES} values per control)")
    _time_controls(ex, plan)


if __name__ == "__main__":
    bench_cohort()
    bench_healing_explorer()
    bench_treatment_explorer()
