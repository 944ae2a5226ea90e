"""The self-check form in a real browser, driven with the keyboard: JupyterLab and Voilà.

Two worked cases are typed into the form (radio buttons and check boxes selected with the
space bar, numbers typed, the Check button pressed with Enter) and the verdict is read from the
page. Under Voilà the same form runs, and one explorer (notebook 01) answers its slider.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from course.ui.selfcheck import LABELS
from tests.browser import lab as ui
from tests.browser.servers import voila

pytestmark = [pytest.mark.browser, pytest.mark.slow]

HEALING_CASE = {
    "recent_injury": "yes", "days_since_injury": "4", "timing": "rest_after_injury", "intensity": "mild",
    "trend": "lessening", "duration_weeks": "0.5", "location": "localized", "hydration": "adequate",
}


def _press_until_checked(page, box, attempts: int = 3) -> None:
    """Focus a radio button / check box and press Space until the page shows it checked.

    A key press that arrives while the widget view is still being wired up can be lost; the
    state shown on the page is what counts, so press again (Space never unchecks a radio button).
    """
    for _ in range(attempts - 1):
        box.focus()
        page.keyboard.press("Space")
        try:
            expect(box).to_be_checked(timeout=5_000)
            return
        except AssertionError:
            continue
    box.focus()
    page.keyboard.press("Space")
    expect(box).to_be_checked(timeout=5_000)


def _radio(page, field: str, value: str) -> None:
    text = value if field == "recent_injury" else LABELS[field][value]
    label = page.locator(f".selfcheck-{field.replace('_', '-')} label", has_text=text).first
    _press_until_checked(page, label.locator("input"))


def _number(page, field: str, value: str) -> None:
    box = page.locator(f".selfcheck-{field.replace('_', '-')} input").first
    expect(box).to_be_enabled(timeout=15_000)  # "days since injury" opens once "yes" reached the kernel
    box.focus()
    page.keyboard.press("Control+A")
    page.keyboard.type(value)
    page.keyboard.press("Tab")
    expect(box).to_have_value(re.compile(rf"^{re.escape(value)}(\.0+)?$"))


def _checkbox(page, symptom: str) -> None:
    _press_until_checked(page, page.locator(f".selfcheck-symptom-{symptom} input").first)


def _check_and_read(page, expected: str) -> str:
    page.locator(".selfcheck-check").first.focus()
    page.keyboard.press("Enter")
    verdict = page.locator(f'.selfcheck-verdict [data-verdict="{expected}"]')
    try:
        verdict.wait_for(timeout=30_000)
    except Exception as exc:  # noqa: BLE001 - say what the page shows instead
        shown = page.locator(".selfcheck-verdict").first.inner_text()
        raise AssertionError(f"expected verdict {expected!r}, the page shows: {shown!r}") from exc
    return verdict.inner_text()


def fill_and_check_two_cases(page) -> tuple[str, str]:
    page.locator(".selfcheck-form").wait_for()
    for field in ("recent_injury", "timing", "intensity", "trend", "location", "hydration"):
        _radio(page, field, HEALING_CASE[field])
    _number(page, "days_since_injury", HEALING_CASE["days_since_injury"])
    _number(page, "duration_weeks", HEALING_CASE["duration_weeks"])
    first = _check_and_read(page, "consistent_with_healing")
    # second case: the same spasms, but radiating from the back with numbness → a nerve red flag
    _radio(page, "location", "radiating")
    _checkbox(page, "numbness")
    second = _check_and_read(page, "seek_care")
    return first, second


def test_self_check_form_in_jupyterlab(page, lab):
    ui.open_notebook(page, lab, "06_self_check.ipynb")
    ui.run_all(page)
    first, second = fill_and_check_two_cases(page)
    print(f"\nverdicts read from the page: {first.splitlines()[0]!r} / {second.splitlines()[0]!r}")
    assert "healing" in first.lower()
    assert "health professional" in second.lower() or "seek" in second.lower()
    reasons = page.locator(".selfcheck-reasons").first.inner_text().lower()
    assert "numbness" in reasons and "location" in reasons
    assert "diagnos" in page.locator(".selfcheck-disclaimer").first.inner_text().lower()
    assert ui.error_texts(page) == []


def test_self_check_and_an_explorer_under_voila(page, tmp_path):
    with voila(tmp_path, "06_self_check.ipynb") as server:
        page.goto(server.base_url + "/")
        fill_and_check_two_cases(page)
        assert ui.error_texts(page) == []
    with voila(tmp_path / "v01", "01_membrane_and_electrolytes.ipynb") as server:
        page.goto(server.base_url + "/")
        n = ui.wait_for_all_figures(page, 0, min_figures=2)  # potentials and V_rest-vs-K⁺
        assert n == 2
        ui.move_slider_until_changed(page, 0, key="ArrowRight")
        assert ui.error_texts(page) == []
