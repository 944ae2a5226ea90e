"""Project-wide test settings.

Hypothesis: no per-example deadline (a 2-core machine under load makes timing-based failures
meaningless: performance is measured in benchmarks/, not in tests); under CI=true the examples are
derandomized so a CI run is reproducible, while local runs keep exploring new inputs.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path
from typing import NamedTuple

import pytest
from hypothesis import settings

settings.register_profile("course", deadline=None, print_blob=True)
settings.register_profile("course-ci", parent=settings.get_profile("course"), derandomize=True)
settings.load_profile("course-ci" if os.environ.get("CI", "").lower() == "true" else "course")


#: test files outside ``tests/browser`` that use the browser tests' shared session fixtures (the export)
_WITH_BROWSER = ("tests/test_export.py",)


def xdist_scope(nodeid: str) -> str:
    """The unit of work a pytest-xdist worker takes whole (``make test``: ``-n auto --dist loadfile``).

    A test file, as in xdist's ``loadfile`` (a module's fixtures are computed once; the cells of a notebook
    under nbval run in order in one kernel), except that the real-browser tests and the export tests are one
    unit: they share one JupyterLab, one Voilà server and one export (session fixtures), which a second
    worker would start again.
    """
    path = nodeid.split("::", 1)[0]
    return "browser" if path.startswith("tests/browser/") or path in _WITH_BROWSER else path


def pytest_xdist_make_scheduler(config: pytest.Config, log):  # noqa: ANN201 - xdist's Scheduling
    """``--dist loadfile`` with the browser files as one unit (see :func:`xdist_scope`)."""
    if config.getvalue("dist") != "loadfile":
        return None
    from xdist.scheduler import LoadFileScheduling

    class CourseScheduling(LoadFileScheduling):
        def _split_scope(self, nodeid: str) -> str:
            return xdist_scope(nodeid)

    return CourseScheduling(config, log)


@pytest.fixture(autouse=True)
def _student_record_in_tmp(tmp_path, monkeypatch):
    """Widgets clicked in tests write their student record to a temporary file, never the user's home."""
    monkeypatch.setenv("COURSE_RECORD", str(tmp_path / "record.jsonl"))


def _tree_digest(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


class CourseExport(NamedTuple):
    out: Path
    written: list[Path]
    notebooks: list[Path]
    pages: dict[str, str]


@pytest.fixture(scope="session")
def course_export(tmp_path_factory) -> CourseExport:
    """Export a snapshot of the course notebooks once per session, from an empty working directory.

    Shared by the export tests, the export's browser test and its axe scan (one export per run). The
    snapshot keeps the tests independent of notebooks being rebuilt while they run; the empty working
    directory and the digest of the sources show that nothing is written outside ``out``.
    """
    from course.build import notebook_paths
    from course.export import export_html

    base = tmp_path_factory.mktemp("export")
    src, cwd = base / "src", base / "cwd"
    src.mkdir()
    cwd.mkdir()
    notebooks = [Path(shutil.copy2(p, src / p.name)) for p in notebook_paths()]
    out = base / "course html"  # a space in the path on purpose
    before = _tree_digest(src)
    old_cwd = os.getcwd()
    os.chdir(cwd)
    try:
        written = export_html(out, notebooks)
    finally:
        os.chdir(old_cwd)
    assert _tree_digest(src) == before, "the export changed its source notebooks"
    assert list(cwd.iterdir()) == [], "the export wrote into the working directory"
    pages = {p.stem: (out / f"{p.stem}.html").read_text(encoding="utf-8") for p in notebooks}
    return CourseExport(out, written, notebooks, pages)
