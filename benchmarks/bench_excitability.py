"""Benchmark of the excitability model and explorer (notebook 03).

1. Cost of one 200-ms trajectory of the axon model: ``scipy.integrate.solve_ivp`` (the validation
   reference, LSODA at rtol 1e-8, and a cheaper LSODA at rtol 1e-6) against the course integrator,
   single (plain-float loop) and batched (many parameter sets in one numpy loop), all measured in
   this one run and reported as ratios.
2. The explorer: construction time, and slider-callback times (median / p95 / max, ms) when every
   slider is set to 200 random values of its range, plus a random walk that moves a different slider
   at every step (the worst case for the row cache: includes the on-demand batch computations).

Run: ``.venv/bin/python benchmarks/bench_excitability.py`` (about a minute on 2 cores).
"""

from __future__ import annotations

import math
import statistics
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the repository root, for tests/

from timing import best_of  # noqa: E402

from course import excitability as ex
from course.electrolytes import Electrolytes
from tests.reference_solvers import axon_spike_times  # noqa: E402

DURATION_MS = 200.0
ECF = Electrolytes(ca=0.6)  # repetitive firing: the hardest case for an adaptive solver


def _reference(ecf: Electrolytes, rtol: float) -> np.ndarray:
    """The model's equations (course.excitability.membrane_rhs) integrated by solve_ivp (LSODA)."""
    return axon_spike_times(ecf, DURATION_MS, rtol=rtol)


def bench_model() -> None:
    print(f"1. One {DURATION_MS:.0f}-ms trajectory at ionized Ca²⁺ {ECF.ca} mM (best of repeats, this run)")
    t_ref8, ref = best_of(lambda: _reference(ECF, 1e-8), 3)
    t_ref6, _ = best_of(lambda: _reference(ECF, 1e-6), 3)
    t_single, single = best_of(lambda: ex.simulate_axon(ECF, DURATION_MS), 5)
    ca_row = np.round(np.arange(0.40, 1.601, 0.05), 2)
    t_row, _ = best_of(lambda: ex.simulate_grid(ca_mm=ca_row, duration_ms=DURATION_MS, record_every=4), 3)
    block = np.meshgrid(ca_row, np.linspace(0.3, 1.5, 25))
    t_block, _ = best_of(
        lambda: ex.simulate_grid(ca_mm=block[0], mg_mm=block[1], duration_ms=DURATION_MS, record_every=4), 2
    )
    ours = single.spike_times_ms
    err = float(np.max(np.abs(ours - ref))) if ours.size == ref.size else math.nan
    rows = [
        ("solve_ivp LSODA rtol 1e-8 (reference)", t_ref8, 1),
        ("solve_ivp LSODA rtol 1e-6", t_ref6, 1),
        ("course, single trajectory (float loop)", t_single, 1),
        (f"course, batch of {ca_row.size} (one Ca²⁺ row)", t_row, ca_row.size),
        (f"course, batch of {block[0].size} (a 25 × 25 block)", t_block, block[0].size),
    ]
    print(f"   {'method':48s} {'total (ms)':>11s} {'per trajectory (ms)':>20s} {'× vs rtol 1e-8':>15s}"
          f" {'× vs rtol 1e-6':>15s}")
    for name, total, n in rows:
        per = total / n
        print(f"   {name:48s} {total * 1e3:11.1f} {per * 1e3:20.3f} {t_ref8 / per:15.1f} {t_ref6 / per:15.1f}")
    print(f"   spikes: reference {ref.size}, course {ours.size}; largest spike-time difference {err:.3f} ms")


def _stats(ms: list[float]) -> str:
    arr = np.array(ms)
    return f"median {statistics.median(ms):6.2f}  p95 {np.percentile(arr, 95):6.2f}  max {arr.max():7.1f} ms"


def bench_explorer() -> None:
    import plotly.graph_objects as go

    from course.ui import excitability_explorer
    from course.ui.excitability import SLIDERS, slider_grid

    t0 = time.perf_counter()
    go.FigureWidget()  # the first FigureWidget of a process loads plotly.js (≈ 2 s), not ours
    t_first = time.perf_counter() - t0
    t0 = time.perf_counter()
    explorer = excitability_explorer()
    t_build = time.perf_counter() - t0
    print(f"\n2. Explorer: first FigureWidget of the process {t_first:.2f} s (plotly.js load); "
          f"excitability_explorer() {t_build:.2f} s ({explorer.store.computed} trajectories precomputed)")
    rng = np.random.default_rng(0)
    every: list[float] = []
    for name, spec in SLIDERS.items():
        values = rng.choice(slider_grid(name), 200)
        times = []
        before = explorer.store.computed
        for value in values:
            t0 = time.perf_counter()
            explorer.controls[name].value = float(value)
            times.append((time.perf_counter() - t0) * 1e3)
        explorer.controls[name].value = spec[5]
        every += times
        extra = explorer.store.computed - before
        print(f"   {name:12s} 200 random values: {_stats(times)}  (runs integrated during the sweep: {extra})")
    print(f"   {'all sliders':12s} {len(every)} callbacks:     {_stats(every)}")

    names = list(SLIDERS)
    times = []
    misses = 0
    for step in range(200):
        name = names[step % len(names)]
        before = explorer.store.computed
        t0 = time.perf_counter()
        explorer.controls[name].value = float(rng.choice(slider_grid(name)))
        times.append((time.perf_counter() - t0) * 1e3)
        misses += explorer.store.computed > before
    print(f"   random walk, a different slider every step (200 callbacks, {misses} needed new rows): "
          f"{_stats(times)}")


if __name__ == "__main__":
    bench_model()
    bench_explorer()
