"""Small helpers shared by the benchmark scripts: best-of timing and a random control value."""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from typing import Any

import ipywidgets as widgets
import numpy as np


def best_of(fn: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    """Run ``fn`` ``repeat`` times; return the fastest wall time (s) and the last result."""
    best, result = math.inf, None
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - t0)
    return best, result


def options(control: widgets.ValueWidget) -> list:
    """The values (not labels) of a selection control's options."""
    return [o[1] if isinstance(o, tuple) else o for o in control.options]


def random_value(control: widgets.ValueWidget, rng: np.random.Generator) -> Any:
    """Any allowed value of ``control`` other than its current one, or None if it has no other.

    A slider goes anywhere on its range (on its step), a selection to any other option, a toggle flips.
    """
    if isinstance(control, widgets.Checkbox | widgets.ToggleButton):
        return not control.value
    if isinstance(control, widgets.FloatSlider | widgets.IntSlider):
        n = int(round((control.max - control.min) / control.step)) + 1
        if n < 2:
            return None
        while True:
            v = min(control.min + control.step * int(rng.integers(n)), control.max)
            v = int(v) if isinstance(control, widgets.IntSlider) else float(np.round(v, 6))
            if v != control.value:
                return v
    others = [o for o in options(control) if o != control.value]
    return others[int(rng.integers(len(others)))] if others else None


def timed_walk(explorer: Any, rng: np.random.Generator, moves: int) -> tuple[np.ndarray, np.ndarray]:
    """``moves`` seeded random control moves over every control of ``explorer`` (:func:`random_value`).

    Returns the wall-clock time and the thread's CPU time of each move (ms); a control with no other value to
    take is skipped without counting as a move.
    """
    names = list(explorer.controls)
    wall: list[float] = []
    cpu: list[float] = []
    while len(wall) < moves:
        control = explorer.controls[names[int(rng.integers(len(names)))]]
        value = random_value(control, rng)
        if value is None:
            continue
        c0, t0 = time.thread_time(), time.perf_counter()
        control.value = value
        wall.append(1000.0 * (time.perf_counter() - t0))
        cpu.append(1000.0 * (time.thread_time() - c0))
    return np.array(wall), np.array(cpu)
