"""Real-browser smoke test of the welcome notebook in JupyterLab (its Voilà app: ``test_voila.py``)."""

from __future__ import annotations

import time

import pytest

from reference.browser import lab as ui
from tests.browser.reflow import assert_lab_layout

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def test_welcome_runs_in_jupyterlab_and_slider_moves_plot(page, lab, render_times, layout_checks):
    ui.open_notebook(page, lab, "00_welcome.ipynb")
    start = ui.run_all(page)
    page.wait_for_selector(f"{ui.EXPLORER} .widget-slider")
    ui.wait_for_explorer_figure(page, min_traces=2)
    render_times.append(("00_welcome.ipynb (1 explorer figure)", time.monotonic() - start))
    assert ui.error_texts(page) == []
    before, after = ui.move_slider_until_changed(page, key="ArrowRight", times=5)
    # the marker (figure 0, trace 1) moved to a less negative E_K: K⁺ went up in steps of 0.1 mM
    assert ui.as_json(after)[0][1][1][0] > ui.as_json(before)[0][1][1][0]
    assert page.locator(".widget-radio-box").count() >= 1  # the quiz rendered too
    assert ui.error_texts(page) == []
    # one screen at 1366 × 768 and reflow at 390 px and 200 % zoom, on this page (tests/browser/reflow.py)
    assert_lab_layout(page, "00_welcome.ipynb", 1, layout_checks)
    assert ui.error_texts(page) == []
