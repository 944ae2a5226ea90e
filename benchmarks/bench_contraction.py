"""Speed of the contraction model (notebook 02), measured in one run on this machine.

1. One trajectory (fast fibre, 20 Hz, 1 s): the course's fixed-step integrator against
   ``scipy.integrate.solve_ivp`` at matched accuracy. Both are compared with a tight reference
   (Radau, rtol 1e-10); solve_ivp's tolerance is loosened step by step and the loosest one whose
   maximal force error is no larger than the course integrator's is timed. Printed: both times and
   their ratio.
2. ``force_frequency`` over 50 frequencies (issue target < 100 ms).
3. The explorer: construction time, the accuracy of its precomputed force–frequency table (coarser step)
   against ``force_frequency``, and a seeded random walk over all its controls — at every move one
   control, picked at random, jumps to a random value of its range (p50, p95, max; target p95 < 16 ms).

Run: ``.venv/bin/python benchmarks/bench_contraction.py`` (scipy is needed here only).
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the repository root, for tests/

from timing import best_of  # noqa: E402

from course import contraction as c
from reference.solvers import contraction_force as reference_force  # noqa: E402

#: Moves of the explorer's random walk and its seed.
WALK_MOVES = 600
WALK_SEED = 12


def _solve(
    trace: c.ContractionTrace, method: str, rtol: float, atol: float, pulse_max_step: float = np.inf
) -> np.ndarray:
    """Force (fraction of max) of the model integrated by solve_ivp at the trace's time points."""
    return reference_force(trace, method=method, rtol=rtol, atol=atol, pulse_max_step=pulse_max_step)


def bench_integrator(method: str = "Radau") -> None:
    print(f"1) one trajectory, fast fibre, 20 Hz, 1000 ms, dt {c.DT_MS} ms")
    trace = c.simulate_contraction(20.0, 1000.0)
    t_ref = time.perf_counter()
    ref = _solve(trace, "Radau", 1e-8, 1e-10, pulse_max_step=0.05)
    t_ref = time.perf_counter() - t_ref
    t_mine, trace = best_of(lambda: c.simulate_contraction(20.0, 1000.0), 20)
    err_mine = float(np.max(np.abs(trace.force - ref)) / ref.max())
    print(f"   reference: Radau rtol 1e-8, max step 0.05 ms inside release pulses: {t_ref:.2f} s")
    print(f"   course integrator: {1000 * t_mine:.2f} ms, max force error {100 * err_mine:.3f} % of max")
    chosen = None
    for rtol in (1e-2, 3e-3, 1e-3, 3e-4, 1e-4, 3e-5, 1e-5, 3e-6, 1e-6, 1e-7, 1e-8):
        t0 = time.perf_counter()
        force = _solve(trace, method, rtol, rtol * 1e-2)
        elapsed = time.perf_counter() - t0
        err = float(np.max(np.abs(force - ref)) / ref.max())
        print(f"   solve_ivp {method} rtol {rtol:.0e}: {1000 * elapsed:.0f} ms, max force error "
              f"{100 * err:.3f} %")
        if err <= err_mine:
            chosen = (rtol, elapsed, err)
            break
    if chosen is None:
        print("   solve_ivp did not reach the course integrator's accuracy in the tolerances tried")
        return
    rtol, elapsed, err = chosen
    print(
        f"   matched accuracy: solve_ivp {method} (rtol {rtol:.0e}) {1000 * elapsed:.0f} ms vs course "
        f"{1000 * t_mine:.2f} ms per trajectory -> ratio {elapsed / t_mine:.0f}x"
    )


def bench_force_frequency() -> None:
    freqs = np.linspace(1.0, 100.0, 50)
    t, _ = best_of(lambda: c.force_frequency(freqs), 5)
    times = []
    for _ in range(5):
        t0 = time.perf_counter()
        c.force_frequency(freqs)
        times.append(time.perf_counter() - t0)
    print(
        f"2) force_frequency, 50 frequencies, {c.FF_TRAIN_MS:.0f}-ms trains: best {1000 * t:.0f} ms, "
        f"median {1000 * np.median(times):.0f} ms (target < 100 ms)"
    )


def _walk_values(control) -> list:
    """Every value a control can take (slider positions or toggle options)."""
    if hasattr(control, "options") and not hasattr(control, "step"):
        return [value for _, value in control.options]
    n = int(round((control.max - control.min) / control.step))
    values = [control.min + k * control.step for k in range(n + 1)]
    return [int(v) for v in values] if isinstance(control.value, int) else [round(v, 6) for v in values]


def bench_table_accuracy() -> None:
    from course.ui.contraction import GRID_DT_MS, RELEASE_PCT, SERCA_PCT, _grid, _tables

    tables = _tables()
    worst = 0.0
    for name, table in tables.items():
        p = c.FIBRE_PARAMS[name]
        for rel in _grid(*RELEASE_PCT) / 100.0:
            for ser in _grid(*SERCA_PCT) / 100.0:
                exact = c.force_frequency(
                    c.FF_FREQS_HZ, fibre=name, release_peak_um_per_ms=p.release_peak_um_per_ms * rel,
                    serca_vmax_um_per_ms=p.serca_vmax_um_per_ms * ser,
                )
                worst = max(worst, float(np.max(np.abs(table.curve(rel, ser) - exact))))
    print(f"   table (dt {GRID_DT_MS} ms) vs force_frequency (dt {c.FF_DT_MS} ms), every release × SERCA "
          f"position, both fibres: max error {100 * worst:.2f} % of maximal force")


def bench_explorer() -> None:
    from course.ui import contraction_explorer

    t0 = time.perf_counter()
    ex = contraction_explorer()
    print(f"3) explorer: built in {time.perf_counter() - t0:.2f} s (includes the force–frequency tables)")
    bench_table_accuracy()
    rng = np.random.default_rng(WALK_SEED)
    names = sorted(ex.controls)
    values = {name: _walk_values(ex.controls[name]) for name in names}
    times, cpu, per_control = [], [], {name: [] for name in names}
    for _ in range(WALK_MOVES):
        name = names[int(rng.integers(len(names)))]
        choices = [v for v in values[name] if v != ex.controls[name].value]
        value = choices[int(rng.integers(len(choices)))]
        t0, c0 = time.perf_counter(), time.process_time()
        ex.controls[name].value = value
        ms = 1000 * (time.perf_counter() - t0)
        cpu.append(1000 * (time.process_time() - c0))
        times.append(ms)
        per_control[name].append(ms)
    for name in names:
        arr = np.array(per_control[name])
        print(f"   {name:11s} n={arr.size:3d}: p50 {np.median(arr):5.2f} ms, p95 {np.percentile(arr, 95):5.2f} ms, "
              f"max {arr.max():5.1f} ms")
    arr = np.array(times)
    print(
        f"   random walk, seed {WALK_SEED}, {arr.size} moves over all controls: p50 {np.median(arr):.2f} ms, "
        f"p95 {np.percentile(arr, 95):.2f} ms, max {arr.max():.1f} ms (target p95 < 16 ms)"
    )
    arr = np.array(cpu)
    print(f"   same walk, CPU time of this process (less sensitive to other load): p50 {np.median(arr):.2f} ms, "
          f"p95 {np.percentile(arr, 95):.2f} ms")


if __name__ == "__main__":
    print(f"load average at start: {os.getloadavg()[0]:.2f} (2 cores shared)")
    bench_integrator()
    bench_force_frequency()
    bench_explorer()
    print(f"load average at end: {os.getloadavg()[0]:.2f}")
