"""Time every explorer's slider callback: median and p95 over >= 200 calls with varied values.

Setting a control's ``value`` from Python runs the explorer's callback synchronously (model +
figure update), which is what a slider drag costs in the kernel. Run with ``make bench`` or
``python benchmarks/bench_callbacks.py [explorer ...]``.
"""

from __future__ import annotations

import importlib
import itertools
import statistics
import sys
import time

import ipywidgets as widgets
import numpy as np

from course.ui import EXPLORERS

N_CALLS = 240
BUDGET_MS = 16.0


def control_values(control: widgets.ValueWidget, n: int) -> list:
    """Values spread over a control's whole range (sliders), or cycling through its options."""
    if isinstance(control, (widgets.FloatSlider, widgets.IntSlider)):
        grid = np.linspace(control.min, control.max, n)
        rng = np.random.default_rng(0)
        values = rng.permutation(grid)
        return [int(v) for v in values] if isinstance(control, widgets.IntSlider) else [float(v) for v in values]
    if isinstance(control, (widgets.Dropdown, widgets.RadioButtons, widgets.ToggleButtons, widgets.Select)):
        opts = [o[1] if isinstance(o, tuple) else o for o in control.options]
        return list(itertools.islice(itertools.cycle(opts), n))
    if isinstance(control, (widgets.Checkbox, widgets.ToggleButton)):
        return [bool(i % 2) for i in range(n)]
    return []


def bench_explorer(name: str, n_calls: int = N_CALLS) -> dict:
    module = importlib.import_module(f"course.ui.{EXPLORERS[name]}")
    t0 = time.perf_counter()
    explorer = getattr(module, name)()
    build_ms = (time.perf_counter() - t0) * 1e3
    controls = {k: c for k, c in getattr(explorer, "controls", {}).items() if control_values(c, 2)}
    if not controls:
        return {"name": name, "build_ms": build_ms, "times": []}
    per_control = max(1, n_calls // len(controls))
    # a form (the self-check) answers on its Check button: start from a complete worked case
    # and time "change one answer + Check"
    check = getattr(explorer, "check_button", None)
    if check is not None and getattr(explorer, "case_buttons", None):
        explorer.load_case(next(iter(explorer.case_buttons)))
    times = []
    for control in controls.values():
        original = control.value
        for value in control_values(control, per_control):
            if value == control.value:
                continue
            t = time.perf_counter()
            control.value = value
            if check is not None:
                check.click()
            times.append((time.perf_counter() - t) * 1e3)
        control.value = original
    return {"name": name, "build_ms": build_ms, "times": times, "controls": list(controls)}


def main(argv: list[str]) -> int:
    names = argv or list(EXPLORERS)
    print(f"{'explorer':<24}{'calls':>7}{'median ms':>11}{'p95 ms':>9}{'max ms':>9}{'build ms':>10}  verdict")
    worst = 0.0
    for name in names:
        try:
            r = bench_explorer(name)
        except ImportError as exc:
            print(f"{name:<24}  not available: {exc}")
            continue
        t = np.array(r["times"])
        if t.size == 0:
            print(f"{name:<24}{0:>7}  (no value controls; build {r['build_ms']:.0f} ms)")
            continue
        p95 = float(np.percentile(t, 95))
        worst = max(worst, p95)
        verdict = "ok" if p95 < BUDGET_MS else f"OVER {BUDGET_MS:.0f} ms budget"
        print(
            f"{name:<24}{t.size:>7}{statistics.median(t):>11.2f}{p95:>9.2f}{t.max():>9.2f}"
            f"{r['build_ms']:>10.0f}  {verdict}"
        )
    print(f"worst p95: {worst:.2f} ms (budget {BUDGET_MS:.0f} ms, one 60 Hz frame)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
