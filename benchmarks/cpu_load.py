"""Keep every core busy for a bounded time: the load under which the test suite must still pass.

    python benchmarks/cpu_load.py --workers 2 --seconds 1800 &   # then, in the same shell: make test

Each worker is a process spinning on floating-point arithmetic (no I/O, no network, bounded memory); the
script stops by itself after ``--seconds`` (or on Ctrl-C / SIGTERM) and prints how much work each worker did,
so a run's log shows the load really ran. Used for V3.1's "three runs in a row with both cores busy"
(see benchmarks/RESULTS.md).
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import os
import signal
import time


def _spin(deadline: float, counter) -> None:  # noqa: ANN001 - a multiprocessing.Value
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    x, n = 1.0001, 0
    while time.monotonic() < deadline:
        for _ in range(100_000):
            x = x * 1.0000001 % 7.0 + 1e-9
        n += 1
        counter.value = n  # kept current: a worker may be terminated at any time


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2, help="busy processes (default: cores)")
    parser.add_argument("--seconds", type=float, default=600.0, help="how long to run (1–7200 s)")
    args = parser.parse_args(argv)
    if not 1 <= args.workers <= 64:
        parser.error(f"--workers={args.workers} is out of range; allowed: 1 to 64")
    if not 1 <= args.seconds <= 7200:
        parser.error(f"--seconds={args.seconds} is out of range; allowed: 1 to 7200")
    deadline = time.monotonic() + args.seconds
    counters = [mp.Value("q", 0) for _ in range(args.workers)]
    procs = [mp.Process(target=_spin, args=(deadline, c), daemon=True) for c in counters]
    start = time.monotonic()
    for p in procs:
        p.start()
    signal.signal(signal.SIGTERM, lambda *_: (_ for _ in ()).throw(KeyboardInterrupt))
    try:
        for p in procs:
            p.join()
    except KeyboardInterrupt:
        for p in procs:
            p.terminate()
    print(f"cpu_load: {args.workers} worker(s) busy for {time.monotonic() - start:.0f} s; "
          f"work units per worker: {[c.value for c in counters]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
