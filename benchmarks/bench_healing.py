"""Benchmarks for notebooks 05–05: cohort simulation and both explorers' callbacks.

Run: ``.venv/bin/python benchmarks/bench_healing.py`` (prints a small table; no assertions).

* Cohort: 10,000 virtual patients × 42 days (``course.healing.simulate_cohort``), best/median of
  repeats, and throughput in patient-days and simulated spasms per second.
* Callbacks: each control of ``healing_explorer()`` and ``treatment_explorer()`` is set to 200
  varied values; each assignment runs the callback synchronously (model + figure update). Median
  and 95th percentile in ms, per control and over all.
* Random walk (issue 12, COURSE_SPEC "Interactive speed"): a seeded walk of ``WALK_STEPS`` moves,
  each picking any control at random and giving it any valid value (a slider value on its grid, a
  menu option, a flipped check box), so every move starts from whatever state the walk left —
  not only from the defaults. p50/p95/max per move in ms against the 16 ms frame budget, as wall
  time and as the CPU time of this thread (on a shared, overloaded machine the wall time includes
  waiting for a core; the CPU time is what the move costs).
"""

from __future__ import annotations

import time

import numpy as np
from timing import timed_walk

from course import healing as hm

N_PATIENTS = 10_000
N_DAYS = 42
REPEATS = 20
N_VALUES = 200
WALK_STEPS = 2000
WALK_SEED = 12
BUDGET_MS = 16.0


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


def random_walk(explorer, steps: int = WALK_STEPS, seed: int = WALK_SEED) -> dict[str, float]:
    """Time ``steps`` seeded random moves over all controls of ``explorer``.

    Returns p50/p95/max of the wall time (``p50``, ``p95``, ``max``) and of the thread's CPU time
    (``cpu_p50``, ``cpu_p95``), all in ms, and the number of ``moves``.
    """
    t, c = timed_walk(explorer, np.random.default_rng(seed), steps)
    return {
        "moves": float(t.size),
        "p50": float(np.percentile(t, 50)),
        "p95": float(np.percentile(t, 95)),
        "max": float(t.max()),
        "cpu_p50": float(np.percentile(c, 50)),
        "cpu_p95": float(np.percentile(c, 95)),
    }


def bench_random_walks() -> dict[str, dict[str, float]]:
    from course.ui import healing_explorer, treatment_explorer

    print(f"Random walk over all controls ({WALK_STEPS} moves, seed {WALK_SEED}; budget {BUDGET_MS:g} ms p95)")
    out = {}
    for name, build in (("healing_explorer", healing_explorer), ("treatment_explorer", treatment_explorer)):
        ex = build()
        random_walk(ex, 50, seed=WALK_SEED + 1)  # warm-up (first plotly validation, caches)
        r = random_walk(ex)
        verdict = "ok" if r["p95"] < BUDGET_MS else "OVER BUDGET"
        print(
            f"  {name:18s} moves {r['moves']:5.0f}  wall p50 {r['p50']:5.2f} ms  p95 {r['p95']:5.2f} ms  "
            f"max {r['max']:6.2f} ms  {verdict} | CPU p50 {r['cpu_p50']:5.2f} ms  p95 {r['cpu_p95']:5.2f} ms"
        )
        out[name] = r
    return out


if __name__ == "__main__":
    import sys

    if "--walk" in sys.argv[1:]:
        bench_random_walks()
    else:
        bench_cohort()
        bench_healing_explorer()
        bench_treatment_explorer()
        bench_random_walks()
