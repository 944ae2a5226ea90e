"""Time the full strict-nbval course build: every stored notebook re-run and compared, in one pytest call.

Goal (issue "whole-course proof"): under 60 s on the 2-core reference machine.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def main() -> int:
    cmd = [
        sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--nbval", "--nbval-current-env",
        "--nbval-sanitize-with", "nbval_sanitize.cfg", "notebooks",
    ]
    t0 = time.perf_counter()
    result = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True)
    elapsed = time.perf_counter() - t0
    summary = result.stdout.strip().splitlines()[-1] if result.stdout.strip() else "(no output)"
    print(f"strict nbval over notebooks/: {summary}")
    print(f"course build (strict nbval) time: {elapsed:.1f} s (goal < 60 s)")
    return result.returncode


if __name__ == "__main__":
    sys.exit(main())
