"""The Voilà app view (COURSE_SPEC V3.6 "Voilà apps"): each notebook's "No code?" link opens only its app.

Without a browser: every notebook names the template, the template picks its cells by the same markers as
``course.voila.APP_MARKERS``, every app has its explorer (and the self-check its disclaimer), and this
environment has the template installed where Voilà looks. ``tests/browser/test_voila.py`` loads each app in
Chromium and checks what it shows (and that no uncaught error happens).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import nbformat
import pytest

from course.build import notebook_paths
from course.voila import APP_MARKERS, TEMPLATE, app_cells, explorer_cells, template_files


def test_the_template_uses_the_same_markers_as_the_package():
    text = template_files()["index.html.j2"]
    m = re.search(r"set app_markers = \[(.*?)\]", text)
    assert m, "the template no longer sets app_markers"
    assert tuple(re.findall(r"'([^']*)'", m.group(1))) == APP_MARKERS
    assert '"base_template": "lab"' in template_files()["conf.json"]


@pytest.mark.parametrize("path", notebook_paths(), ids=lambda p: p.name[:2])
def test_every_notebook_opens_as_its_app(path):
    nb = nbformat.read(path, as_version=4)
    assert nb.metadata.get("voila") == {"template": TEMPLATE}
    cells = app_cells(nb)
    explorers = explorer_cells(nb)
    assert explorers and set(explorers) <= set(cells), "an explorer would be missing from the app"
    assert len(cells) <= 4, f"the app should be the explorer and its questions, not {len(cells)} cells"
    assert nb.cells[0].cell_type == "markdown" and nb.cells[0].source.startswith("# "), "the app's title"
    if path.name.startswith("07_"):  # the self-check app shows the disclaimer with its emergency route
        assert any("DISCLAIMER" in nb.cells[i].source for i in cells)


def test_this_environment_has_the_current_template_installed():
    target = Path(sys.prefix) / "share" / "jupyter" / "voila" / "templates" / TEMPLATE
    for name, text in template_files().items():
        assert (target / name).is_file(), f"{target / name} missing: run `python -m course lab-settings`"
        assert (target / name).read_text(encoding="utf-8") == text, f"{target / name} is stale: run lab-settings"
