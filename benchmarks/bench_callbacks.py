"""Time every explorer under a seeded random walk of its controls: median and p95 over >= 200 moves.

Setting a control's ``value`` from Python runs the explorer's callback synchronously (model +
figure update), which is what a slider move costs in the kernel. At every step of the walk any
control jumps to any allowed value, in any order (:func:`explorer_walk`), so caches that only cover
moves away from the defaults do not flatter the result. The self-check form (version 2)
answers on its Check button instead: it is timed by a seeded random walk over its controls (one
answer changed + Check per step; see :func:`form_walk`). Run with ``make bench`` or
``python benchmarks/bench_callbacks.py [explorer ...]``.
"""

from __future__ import annotations

import importlib
import itertools
import statistics
import sys
import time
from collections import Counter

import ipywidgets as widgets
import numpy as np
from timing import random_value

from course.selfcheck import DAYS_RANGE, DURATION_WEEKS_RANGE, EXAMPLES
from course.ui import EXPLORERS

N_CALLS = 240
BUDGET_MS = 16.0
#: Seed of the self-check form's random walk (the same walk every run).
WALK_SEED = 0


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


def _walk_step(form, rng: np.random.Generator) -> tuple[str, object] | None:
    """One user step on the self-check form: (control name, new value), or ``None`` if the step
    picked cannot be taken now (the days box while it is disabled).

    A question is picked uniformly (each check-box group, radio group and number box counts once),
    then: a radio group gets another option; a number box gets a number typed in its range (durations
    up to half a year); a check-box group gets, half of the time, "none of these" ticked (which clears
    its items; nothing to do if it is ticked already) and otherwise one item toggled, keeping the group
    answered — unticking its last ticked item ticks "none of these" instead. So each group (the
    emergency screen too) spends about half the walk at "none of these".
    """
    c = form.controls
    groups = sorted({k.rsplit("_", 1)[0] for k in c if k.endswith("_none")})
    singles = [k for k in c if not any(k.startswith(g + "_") for g in groups)]
    question = (groups + singles)[rng.integers(len(groups) + len(singles))]
    if question in groups:
        none = f"{question}_none"
        if rng.random() < 0.5:
            return None if c[none].value else (none, True)
        items = [k for k in c if k.startswith(question + "_") and k != none]
        key = items[rng.integers(len(items))]
        if not c[key].value:
            return key, True
        others = [k for k in items if k != key and c[k].value]
        return (key, False) if others else (none, True)
    control = c[question]
    if isinstance(control, widgets.RadioButtons):
        return question, random_value(control, rng)
    if isinstance(control, widgets.Text):
        if control.disabled:
            return None
        lo, hi = DAYS_RANGE if question == "days_since_injury" else DURATION_WEEKS_RANGE
        return question, f"{rng.uniform(lo, min(hi, 26.0)):.1f}"
    raise TypeError(f"the walk does not know how to move a {type(control).__name__} ({question})")


def form_walk(form, n_calls: int = N_CALLS, seed: int = WALK_SEED) -> dict:
    """Seeded random walk over the self-check form (:func:`_walk_step`), from the self-care worked
    case: ``n_calls`` steps, each one control change followed by ``check()``. Times each step (change +
    Check) and, separately, the change alone (its callbacks: "none of these" exclusivity, the stale
    result cleared, the emergency box)."""
    rng = np.random.default_rng(seed)
    form.set_answers(EXAMPLES["strain_healing"][1])
    form.check()
    times, change_times, moved, shown = [], [], Counter(), Counter()
    while len(times) < n_calls:
        step = _walk_step(form, rng)
        if step is None:
            continue
        name, value = step
        t = time.perf_counter()
        form.controls[name].value = value
        t_change = time.perf_counter()
        result = form.check()
        t_end = time.perf_counter()
        times.append((t_end - t) * 1e3)
        change_times.append((t_change - t) * 1e3)
        moved[name] += 1
        shown[result.urgency if result is not None else "error"] += 1
    return {"times": times, "change_times": change_times, "controls": sorted(moved), "shown": dict(shown)}


def bench_explorer(name: str, n_calls: int = N_CALLS) -> dict:
    module = importlib.import_module(f"course.ui.{EXPLORERS[name]}")
    t0 = time.perf_counter()
    explorer = getattr(module, name)()
    build_ms = (time.perf_counter() - t0) * 1e3
    if getattr(explorer, "check_button", None) is not None:  # the self-check form: a random walk
        return {"name": name, "build_ms": build_ms, **form_walk(explorer, n_calls)}
    controls = {k: c for k, c in getattr(explorer, "controls", {}).items() if control_values(c, 2)}
    if not controls:
        return {"name": name, "build_ms": build_ms, "times": []}
    return {"name": name, "build_ms": build_ms, **explorer_walk(controls, n_calls)}


def explorer_walk(controls: dict, n_calls: int = N_CALLS, seed: int = WALK_SEED) -> dict:
    """Seeded random walk: at every step any control jumps to any allowed value (not sweeps from defaults)."""
    rng = np.random.default_rng(seed)
    names = list(controls)
    times: list[float] = []
    moved: Counter = Counter()
    while len(times) < n_calls:
        name = names[int(rng.integers(len(names)))]
        control = controls[name]
        value = random_value(control, rng)
        if value is None:
            continue
        t = time.perf_counter()
        control.value = value
        times.append((time.perf_counter() - t) * 1e3)
        moved[name] += 1
    return {"times": times, "controls": sorted(moved)}


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
        if "shown" in r:  # the self-check walk: what the change alone costs, and what the form showed
            c = np.array(r["change_times"])
            print(
                f"{'':<24}random walk (seed {WALK_SEED}) over {len(r['controls'])} controls: change alone "
                f"median {statistics.median(c):.2f} ms, p95 {np.percentile(c, 95):.2f} ms; shown {r['shown']}"
            )
    print(f"worst p95: {worst:.2f} ms (budget {BUDGET_MS:.0f} ms, one 60 Hz frame)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
