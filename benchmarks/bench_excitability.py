"""Benchmark of the excitability model and explorer (notebook 03).

1. Cost of one 200-ms trajectory of the axon model: ``scipy.integrate.solve_ivp`` (the validation
   reference, LSODA at rtol 1e-8, and a cheaper LSODA at rtol 1e-6) against the course integrator,
   single (plain-float loop) and batched (many parameter sets in one numpy loop), all measured in
   this one run and reported as ratios.
2. The explorer: construction time and a seeded random walk over all its controls (any control, any
   value, any order): p50 / p95 / max ms per move, wall clock and CPU time.
3. The approximation error of the explorer's precomputed table against exact model runs.

Run: ``.venv/bin/python benchmarks/bench_excitability.py`` (about a minute on 2 cores).
"""

from __future__ import annotations

import math
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the repository root, for tests/

from timing import best_of  # noqa: E402

from course import excitability as ex
from course.electrolytes import Electrolytes
from reference.solvers import axon_spike_times  # noqa: E402

DURATION_MS = 200.0
ECF = Electrolytes(ca=0.6)  # repetitive firing: the hardest case for an adaptive solver


def _reference(ecf: Electrolytes, rtol: float) -> np.ndarray:
    """The model's equations (course.excitability.membrane_rhs) integrated by solve_ivp (LSODA)."""
    return axon_spike_times(ecf, DURATION_MS, rtol=rtol)


def bench_model() -> None:
    print(f"1. One {DURATION_MS:.0f}-ms trajectory at ionized Ca²⁺ {ECF.ca} mM (best of repeats, this run)")
    t_ref8, ref = best_of(lambda: _reference(ECF, 1e-8), 2)
    t_ref6, _ = best_of(lambda: _reference(ECF, 1e-6), 2)
    t_single, single = best_of(lambda: ex.simulate_axon(ECF, DURATION_MS), 3)
    ca_row = np.round(np.arange(0.40, 1.601, 0.05), 2)
    t_row, _ = best_of(lambda: ex.simulate_grid(ca_mm=ca_row, duration_ms=DURATION_MS, record_every=4), 3)
    block = np.meshgrid(ca_row, np.linspace(0.3, 1.5, 25))
    t_block, _ = best_of(
        lambda: ex.simulate_grid(ca_mm=block[0], mg_mm=block[1], duration_ms=DURATION_MS, record_every=4), 1
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
    return (f"p50 {np.percentile(arr, 50):6.2f}  p95 {np.percentile(arr, 95):6.2f}  max {arr.max():7.1f} ms"
            f"  ({arr.size} moves)")


def bench_explorer(moves: int = 400, seed: int = 0) -> None:
    """Seeded random walk: every move picks any control at random and sets it to any of its values."""
    from course.ui import excitability_explorer
    from course.ui.excitability import SLIDERS, slider_grid
    from course.ui.plot import plotly_library

    t0 = time.perf_counter()
    plotly_library()  # the first plot widget of a process reads plotly.min.js (once), not ours
    t_first = time.perf_counter() - t0
    t0 = time.perf_counter()
    explorer = excitability_explorer()
    t_build = time.perf_counter() - t0
    print(f"\n2. Explorer: first plot widget of the process {t_first:.2f} s (plotly.js read); "
          f"excitability_explorer() {t_build * 1e3:.0f} ms (loads the shipped table)")
    rng = np.random.default_rng(seed)
    names = [*SLIDERS, "fibre"]
    wall: list[float] = []
    cpu: list[float] = []
    for _ in range(moves):
        name = names[int(rng.integers(len(names)))]
        value = str(rng.choice(["motor", "sensory"])) if name == "fibre" else float(rng.choice(slider_grid(name)))
        t0, c0 = time.perf_counter(), time.process_time()
        explorer.controls[name].value = value
        wall.append((time.perf_counter() - t0) * 1e3)
        cpu.append((time.process_time() - c0) * 1e3)
    print(f"   random walk over all controls (seed {seed}), wall clock: {_stats(wall)}")
    print(f"   same moves, CPU time of this process:         {_stats(cpu)}")


def bench_table_error(n: int = 200, seed: int = 3) -> None:
    """Approximation error of the explorer's table against exact runs at random slider states."""
    from course.excitability_table import DURATION_MS, load_table
    from course.ui.excitability import slider_grid

    table = load_table()
    rng = np.random.default_rng(seed)
    vals = {name: rng.choice(slider_grid(name), n) for name in ("ca", "mg", "k", "fatigue")}
    sens = rng.integers(0, 2, n).astype(bool)
    batch = ex.simulate_grid(ca_mm=vals["ca"], mg_mm=vals["mg"], k_mm=vals["k"], fatigue_k_mm=vals["fatigue"],
                             sensory=sens, duration_ms=DURATION_MS, record_every=0)
    d_count, d_rest = [], []
    for m in range(n):
        idx = table.index(ex.gating_shift_mv(vals["ca"][m], vals["mg"][m]), vals["k"][m] + vals["fatigue"][m],
                          "sensory" if sens[m] else "motor")
        d_count.append(abs(table.spikes(*idx).size - batch.spike_times_ms[m].size))
        d_rest.append(abs(table.rest_mv[idx] - batch.rest_mv[m]))
    d_count = np.array(d_count)
    print(f"\n3. Table vs exact runs at {n} random slider states: spike count identical in "
          f"{np.mean(d_count == 0) * 100:.0f} %, largest difference {d_count.max()} spikes "
          f"({d_count.max() * 1000.0 / DURATION_MS:.0f} Hz); resting potential within {max(d_rest):.2f} mV")


if __name__ == "__main__":
    bench_model()
    bench_explorer()
    bench_table_error()
