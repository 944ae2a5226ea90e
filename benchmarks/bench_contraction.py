"""Speed of the contraction model (notebook 02), measured in one run on this machine.

1. One trajectory (fast fibre, 20 Hz, 1 s): the course's fixed-step integrator against
   ``scipy.integrate.solve_ivp`` at matched accuracy. Both are compared with a tight reference
   (Radau, rtol 1e-10); solve_ivp's tolerance is loosened step by step and the loosest one whose
   maximal force error is no larger than the course integrator's is timed. Printed: both times and
   their ratio.
2. ``force_frequency`` over 50 frequencies (issue target < 100 ms).
3. The explorer's slider callback: every control set 200 times over its range (median, p95).

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
from tests.reference_solvers import contraction_force  # noqa: E402


def _solve(
    trace: c.ContractionTrace, method: str, rtol: float, atol: float, pulse_max_step: float = np.inf
) -> np.ndarray:
    """Force (fraction of max) of the model integrated by solve_ivp at the trace's time points."""
    return contraction_force(trace, method=method, rtol=rtol, atol=atol, pulse_max_step=pulse_max_step)


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


def bench_explorer() -> None:
    from course.ui import contraction_explorer

    t0 = time.perf_counter()
    ex = contraction_explorer()
    print(f"3) explorer: built in {time.perf_counter() - t0:.2f} s (includes the force–frequency tables)")
    up_down = lambda values: list(values) + list(values)[::-1]  # noqa: E731
    sweeps = {
        "freq_hz": up_down(range(1, 101)),
        "n_stimuli": up_down(range(1, 51)) * 2,
        "release_pct": up_down(np.arange(50.0, 151.0, 10.0)) * 10,
        "serca_pct": up_down(np.arange(25.0, 201.0, 25.0)) * 13,
        "pca50": up_down(np.round(np.arange(5.4, 6.401, 0.05), 2)) * 5,
        "fibre": ["slow", "fast"] * 100,
    }
    ex.controls["n_stimuli"].value = 20
    all_times = []
    for name, values in sweeps.items():
        values = values[:200] if len(values) >= 200 else values
        times, cpu = [], []
        for v in values:
            t0, c0 = time.perf_counter(), time.process_time()
            ex.controls[name].value = v
            times.append(1000 * (time.perf_counter() - t0))
            cpu.append(1000 * (time.process_time() - c0))
        all_times += times
        times = np.array(times)
        print(
            f"   {name:11s} n={times.size}: median {np.median(times):5.2f} ms, "
            f"p95 {np.percentile(times, 95):5.2f} ms, max {times.max():5.1f} ms "
            f"(CPU time: median {np.median(cpu):5.2f} ms, p95 {np.percentile(cpu, 95):5.2f} ms)"
        )
    all_times = np.array(all_times)
    print(
        f"   all controls n={all_times.size}: median {np.median(all_times):.2f} ms, "
        f"p95 {np.percentile(all_times, 95):.2f} ms (target p95 < 16 ms)"
    )


if __name__ == "__main__":
    print(f"load average at start: {os.getloadavg()[0]:.2f} (2 cores shared)")
    bench_integrator()
    bench_force_frequency()
    bench_explorer()
    print(f"load average at end: {os.getloadavg()[0]:.2f}")
