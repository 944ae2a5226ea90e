"""Strict nbval still passes after re-executing every notebook (outputs are identical run to run)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from course.build import build, notebook_paths

REPO = Path(__file__).resolve().parents[1]


@pytest.mark.slow
def test_rebuilt_notebooks_pass_strict_nbval(tmp_path: Path):
    copies = []
    for p in notebook_paths():
        shutil.copy2(p, tmp_path / p.name)
        copies.append(tmp_path / p.name)
    build(copies)  # re-execute in place in the temporary folder (the repository stays untouched)
    result = subprocess.run(
        [
            sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--nbval", "--nbval-current-env",
            "--nbval-sanitize-with", str(REPO / "nbval_sanitize.cfg"), str(tmp_path),
        ],
        capture_output=True, text=True, cwd=tmp_path, timeout=900,
    )
    assert result.returncode == 0, result.stdout[-5000:] + result.stderr[-2000:]
    assert " passed" in result.stdout
