"""The reflex explorer (notebook 04) under a 200-move seeded random walk: wall-clock and CPU time per move.

Every step picks a control at random and moves it to any other allowed value (``timing.timed_walk``), as
``bench_callbacks.py`` does; this script also reports CPU time (which load on a shared machine barely changes)
and the load average before and after. Run: ``python benchmarks/bench_reflex_walk.py [moves] [seed]``.
"""

from __future__ import annotations

import os
import sys
import time

import numpy as np
from timing import timed_walk

from course.ui.reflex import reflex_explorer


def walk(moves: int = 200, seed: int = 0) -> dict[str, np.ndarray | float]:
    """Build the explorer, then ``moves`` random control moves; returns wall and CPU ms per move, build s."""
    t0 = time.perf_counter()
    ex = reflex_explorer()
    build_s = time.perf_counter() - t0
    wall, cpu = timed_walk(ex, np.random.default_rng(seed), moves)
    return {"wall": wall, "cpu": cpu, "build_s": build_s}


def main(argv: list[str]) -> int:
    moves = int(argv[0]) if argv else 200
    seed = int(argv[1]) if len(argv) > 1 else 0
    load0 = os.getloadavg()[0]
    r = walk(moves, seed)
    w, c = r["wall"], r["cpu"]
    print(f"reflex_explorer: {moves} moves (seed {seed}), build {r['build_s']:.1f} s")
    print(f"  wall ms: median {np.median(w):.2f}, p95 {np.percentile(w, 95):.2f}, max {w.max():.2f}")
    print(f"  CPU ms:  median {np.median(c):.2f}, p95 {np.percentile(c, 95):.2f}, max {c.max():.2f}")
    print(f"  load average (1 min) {load0:.1f} at the start, {os.getloadavg()[0]:.1f} at the end (2 cores)")
    return 0 if np.percentile(w, 95) < 16.0 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
