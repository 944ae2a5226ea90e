"""Every course notebook as a Voilà app in Chromium: it renders completely, passes axe-core, and its app works.

One Voilà server serves the whole session (``voila_app``); each notebook is loaded once (one fresh kernel),
and everything the browser checks of it under Voilà happens on that one page load:

* the page completes (conditions, not timers: :func:`tests.browser.test_axe.wait_for_voila_widgets`) and shows
  only the app (the ``course-app`` template: title, explorer cells; no prose, no static figures), with no
  uncaught error in the page (``ui.error_texts``);
* axe-core finds no serious or critical violation in the course's own content, every explorer control has an
  accessible name, and no cell failed or widget went unrendered;
* the app answers a person: notebook 00's warm-up slider moves E_K the right way, notebook 01's explorer draws
  both of its plots and answers its slider, and notebook 07's self-check form is filled in and checked with
  the keyboard (two cases: self-care, then an emergency that shows at once), then measured at a 390 px phone
  width and at 200 % zoom: no clipped label, no overlapping option (``tests/browser/reflow.py``);
* every other app at a 1366 × 768 laptop screen shows each explorer's controls and a whole plot together, and
  reflows at 390 px and 200 % zoom (explorer, questions to explore, title).
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable

import nbformat
import pytest

from course.build import NOTEBOOK_DIR
from course.voila import app_cells
from reference.browser import lab as ui
from tests.browser.test_axe import (
    _UNNAMED,
    NOTEBOOKS,
    VOILA_CONTEXT,
    _axe_path,
    assert_no_serious,
    record,
    run_axe,
    wait_for_voila_widgets,
)

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def _welcome(page) -> None:
    before, after = ui.move_slider_until_changed(page, key="ArrowLeft", times=3)
    # the marker (figure 0, trace 1) moved to a more negative E_K: K⁺ went down
    assert ui.as_json(after)[0][1][1][0] < ui.as_json(before)[0][1][1][0]


def _membrane(page) -> None:
    assert ui.wait_for_all_figures(page, 0) == 2  # potentials and V_rest against K⁺
    ui.move_slider_until_changed(page, 0, key="ArrowRight")


def _self_check(page) -> None:
    from tests.browser.reflow import assert_reflows
    from tests.browser.test_selfcheck import fill_and_check_two_cases

    fill_and_check_two_cases(page)
    # the whole widget (emergency questions, form, result with its emergency box) at 390 px and 200 % zoom
    n = assert_reflows(page, ".course-explorer", "Voilà self-check")
    print(f"self-check reflow: {n} text elements measured at 390 px and at 200 % zoom, none clipped or overlapping")


#: what a person does with each app after the scan (by notebook number)
APP_CHECKS: dict[str, Callable] = {"00": _welcome, "01": _membrane, "07": _self_check}


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_voila_app_renders_passes_axe_and_works(page, voila_app, name):
    _axe_path()
    start = time.monotonic()
    page.goto(voila_app.voila_page(name), timeout=600_000)
    wait_for_voila_widgets(page, name)
    violations = run_axe(page, VOILA_CONTEXT)
    handles = page.locator(".noUi-handle").count()
    helpers = page.locator(".course-accessible-names").count()
    seen = f"{handles} slider handle(s), {helpers} AccessibleNames view(s)"
    print(f"\n{name}: {seen}, axe after {time.monotonic() - start:.1f} s: "
          + json.dumps({v["id"]: len(v["targets"]) for v in violations}, ensure_ascii=False))
    errors = ui.error_texts(page)
    unnamed = page.evaluate(_UNNAMED)
    # only the app (course/voila/course-app): its title, then the explorer cells, no prose or static figures
    nb = nbformat.read(NOTEBOOK_DIR / name, as_version=4)
    assert page.locator(".course-app-intro h1").count() == 1, f"Voilà {name}: not the app view"
    assert page.locator("div[cell-index]").count() == len(app_cells(nb)), f"Voilà {name}: cells beyond the app"
    assert page.locator('[data-mime-type="application/vnd.plotly.v1+json"]').count() == 0
    assert ui.plot_overlaps(page) == [], f"Voilà {name}: plot titles covered"
    record(f"voila {name}", violations)
    assert_no_serious(f"Voilà {name} ({seen})", violations)
    assert unnamed == [], f"Voilà {name}: explorer controls without an accessible name: {unnamed}"
    assert errors == [], f"Voilà {name}: a cell failed or a widget did not render, so the scan is incomplete"
    check = APP_CHECKS.get(name[:2])
    if check is not None:
        check(page)
        assert ui.error_texts(page) == []
    if name[:2] != "07":  # the self-check form is measured by its own check (filled in, with its result)
        from tests.browser.reflow import assert_one_screen, assert_reflows

        for e in range(ui.explorer_count(page)):
            assert_one_screen(page, e, f"Voilà {name} explorer {e}")
        n = assert_reflows(page, "#rendered_cells", f"Voilà {name}")
        print(f"{name}: controls and a plot on one 1366 × 768 screen; reflow: {n} text elements measured at "
              "390 px and at 200 % zoom, none clipped or overlapping")
