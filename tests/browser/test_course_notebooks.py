"""Every course notebook in a real browser: run all, no errors, every explorer answers the keyboard and fits.

For each notebook: open it in JupyterLab (Chromium), run all cells, wait until every explorer
figure is drawn, assert that no error output and no unrendered widget is left, then move the
first slider of each explorer with the keyboard and assert that the plot data in the page changed.
Then, on the same page (no second run): each explorer's controls and a whole plot fit one 1366 × 768 screen
inside JupyterLab's notebook view, and every course widget (explorers, predict boxes, quizzes, own-words
boxes, questions to explore, "Download my work") reflows at a 390 px phone width and at 200 % zoom
(``tests/browser/reflow.py``). Prints the time from "Run All" to the last explorer figure drawn, and what the
layout checks measured and how long they took.
"""

from __future__ import annotations

import time

import pytest

from course.build import notebook_paths
from reference.browser import lab as ui
from tests.browser.reflow import assert_lab_layout

pytestmark = [pytest.mark.browser, pytest.mark.slow]

NOTEBOOKS = [p.name for p in notebook_paths() if not p.name.startswith("00_")]  # 00 has its own test

#: plotly figures the explorers of each notebook show (the ``figures`` of each Explorer)
EXPECTED_FIGURES = {"01": 2, "02": 3, "03": 3, "04": 1, "05": 4, "06": 2, "07": 1}


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_notebook_runs_and_every_explorer_responds(page, lab, name, render_times, layout_checks):
    ui.open_notebook(page, lab, name)
    start = ui.run_all(page)
    n_explorers = ui.expected_explorers(name)
    assert n_explorers >= 1
    ui.wait_for_explorers(page, n_explorers)
    assert ui.explorer_count(page) == n_explorers
    n_figures = sum(ui.wait_for_all_figures(page, e) for e in range(n_explorers))
    assert n_figures == EXPECTED_FIGURES[name[:2]]
    elapsed = time.monotonic() - start
    render_times.append((f"{name} ({n_figures} explorer figures)", elapsed))
    print(f"\n{name}: run all → last of {n_figures} explorer figure(s) in {n_explorers} explorer(s) "
          f"drawn in {elapsed:.1f} s")
    assert ui.error_texts(page) == []
    for e in range(n_explorers):
        if ui.slider_count(page, e) == 0:
            continue
        try:
            ui.move_slider_until_changed(page, e, key="ArrowRight")
        except Exception:  # noqa: BLE001 - the slider may start at its maximum: go the other way
            ui.move_slider_until_changed(page, e, key="ArrowLeft", times=6)
    assert ui.error_texts(page) == []
    assert_lab_layout(page, name, n_explorers, layout_checks)
    assert ui.error_texts(page) == []


def test_the_server_sends_kernel_messages_without_nagle_delay(lab):
    """The course's server extension (``course/server.py``) is loaded by a real JupyterLab and has put its
    ``TCP_NODELAY`` kernel websocket class in place (the extension logs which class it leaves or sets)."""
    log = lab.log.read_text(encoding="utf-8", errors="replace")
    assert "course.server | extension was successfully loaded" in log, log[-3000:]
    assert "course.server: kernel websockets send without Nagle's delay (TCP_NODELAY)" in log, log[-3000:]
