"""The self-check form (version 3) in a real browser, driven with the keyboard: JupyterLab and Voilà.

Case 1 is typed into the form with the keyboard only: "no" to each of the 16 emergency questions
(Space on the option), "none of these" ticked for the context, the history and the symptoms (Space on
the check box), every radio question answered, the two numbers typed into their empty boxes (Tab sends
them: the boxes have ``continuous_update=False``) and Check pressed with Enter; the page must show the
self-care tier. Case 2 answers "yes" to one emergency question: the emergency box and the result banner
with the emergency destination (999) must appear at once, before Check, and Check then shows the
emergency tier. The always-visible
emergency line (999 / 112 / 911) and the disclaimer ("does not diagnose") are read from the page.
Under Voilà the same form runs (``test_voila.py`` calls :func:`fill_and_check_two_cases`).
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from course.selfcheck import DANGER_SIGNS, LABELS, Answers, assess
from reference.browser import lab as ui

pytestmark = [pytest.mark.browser, pytest.mark.slow]

#: Case 1: a recovering calf strain (the engine's ``EXAMPLES["strain_healing"]``): self-care.
HEALING_CASE = {
    "body_region": "leg", "age_band": "16_to_64", "recent_injury": "yes", "days_since_injury": "4",
    "timing": "rest_after_injury", "intensity": "mild", "trend": "lessening", "duration_weeks": "0.5",
    "location": "localized", "hydration": "adequate", "onset": "sudden",
    **{f"danger_{s}": "no" for s in DANGER_SIGNS},
}
RADIOS = (*(f"danger_{s}" for s in DANGER_SIGNS), "age_band", "onset", "recent_injury", "body_region", "timing",
          "intensity", "trend", "location", "hydration")
NONE_BOXES = ("context", "history", "symptom")  # groups answered with "none of these" in case 1
DANGER_SIGN = "chest_pain"  # case 2


def _case_answers(danger_signs: tuple[str, ...] = ()) -> Answers:
    """The answers the page is given, as the engine reads them."""
    c = HEALING_CASE
    return Answers(
        recent_injury=True, days_since_injury=float(c["days_since_injury"]), timing=c["timing"],
        intensity=c["intensity"], trend=c["trend"], duration_weeks=float(c["duration_weeks"]),
        location=c["location"], symptoms=(), hydration=c["hydration"], danger_signs=danger_signs,
        context=(), body_region=c["body_region"], age_band=c["age_band"], onset=c["onset"], history=(),
    )


def _css(name: str) -> str:
    return ".selfcheck-" + name.replace("_", "-")


def _form(page):
    """The first self-check widget on the page (every locator below is scoped to it)."""
    form = page.locator(ui.EXPLORER, has=page.locator(".selfcheck-form")).first
    form.locator(".selfcheck-form").wait_for()
    return form


def _press_until_checked(page, box, attempts: int = 3) -> None:
    """Focus a radio button / check box and press Space until the page shows it checked.

    A key press that arrives while the widget view is still being wired up can be lost; the
    state shown on the page is what counts, so press again — but only while the box is still
    unchecked (Space on a checked check box would untick it).
    """
    for attempt in range(attempts):
        if attempt and box.is_checked():
            return
        box.focus()
        page.keyboard.press("Space")
        try:
            expect(box).to_be_checked(timeout=5_000)
            return
        except AssertionError:
            if attempt == attempts - 1:
                raise


def _radio(page, form, field: str, value: str) -> None:
    text = value if field == "recent_injury" or field.startswith("danger_") else LABELS[field][value]
    label = form.locator(f"{_css(field)} label", has_text=text).first
    _press_until_checked(page, label.locator("input"))


def _checkbox(page, form, name: str) -> None:
    _press_until_checked(page, form.locator(f"{_css(name)} input").first)


def _number(page, form, field: str, value: str) -> None:
    box = form.locator(f"{_css(field)} input").first
    expect(box).to_be_enabled(timeout=15_000)  # "days since injury" opens once "yes" reached the kernel
    expect(box).to_have_value("")  # the number boxes start empty: nothing is filled in for the user
    box.focus()
    page.keyboard.press("Control+A")
    page.keyboard.type(value)
    page.keyboard.press("Tab")  # continuous_update=False: the value is sent when the box loses focus
    expect(box).to_have_value(re.compile(rf"^{re.escape(value)}$"))


def _check_and_read(page, form, expected: str) -> str:
    form.locator(".selfcheck-check").first.focus()
    page.keyboard.press("Enter")
    verdict = form.locator(f'.selfcheck-verdict [data-urgency="{expected}"]').first
    try:
        verdict.wait_for(timeout=30_000)
    except Exception as exc:  # noqa: BLE001 - say what the page shows instead
        shown = form.locator(".selfcheck-verdict").first.text_content()
        raise AssertionError(f"expected tier {expected!r}, the page shows: {shown!r}") from exc
    return verdict.text_content()


def _always_visible(form) -> None:
    """The emergency line (999 / 112 / 911) and the disclaimer are on the page, in view when scrolled to
    (JupyterLab does not lay out cells that are out of view, so scroll first)."""
    line = form.locator(".selfcheck-emergency-line").first
    line.scroll_into_view_if_needed()
    for number in ("999", "112", "911"):
        expect(line).to_contain_text(number)
    disclaimer = form.locator(".selfcheck-disclaimer").first
    disclaimer.scroll_into_view_if_needed()
    expect(disclaimer).to_contain_text(re.compile("diagnos", re.IGNORECASE))


def fill_and_check_two_cases(page) -> tuple[str, str, str]:
    """Case 1 typed with the keyboard → self-care; case 2 adds a danger sign → the emergency box at
    once, then the emergency tier. Returns (tier text 1, emergency box text, tier text 2)."""
    form = _form(page)
    _always_visible(form)
    assert assess(_case_answers()).urgency == "self_care"  # what the engine gives for the two cases
    assert assess(_case_answers((DANGER_SIGN,))).urgency == "emergency_now"
    for group in NONE_BOXES:
        _checkbox(page, form, f"{group}_none")
    for field in RADIOS:
        _radio(page, form, field, HEALING_CASE[field])
    _number(page, form, "days_since_injury", HEALING_CASE["days_since_injury"])
    _number(page, form, "duration_weeks", HEALING_CASE["duration_weeks"])
    expect(form.locator(".selfcheck-emergency [data-urgency]")).to_have_count(0)  # no danger sign yet
    first = _check_and_read(page, form, "self_care")
    # case 2: "yes" to one emergency question → the emergency destination at once, before Check is pressed,
    # in the emergency box and in the result banner
    _radio(page, form, f"danger_{DANGER_SIGN}", "yes")
    box = form.locator('.selfcheck-emergency [data-urgency="emergency_now"]').first
    box.wait_for(timeout=15_000)
    emergency = box.text_content()
    assert "999" in emergency and "emergency" in emergency.lower(), emergency
    banner = form.locator('.selfcheck-verdict [data-urgency="emergency_now"]').first
    banner.wait_for(timeout=15_000)
    assert "999" in banner.text_content()
    expect(form.locator('.selfcheck-verdict [data-urgency="self_care"]')).to_have_count(0)  # stale tier gone
    second = _check_and_read(page, form, "emergency_now")
    assert "999" in second, second
    # the banner already showed emergency_now before Check (the "yes" did that), so wait for the reasons
    # table that Check writes, not for the banner: it names the danger sign the person answered "yes" to
    reasons = form.locator(".selfcheck-reasons").first
    sign = LABELS["danger_signs"][DANGER_SIGN].split(",")[0]
    expect(reasons).to_contain_text(re.compile(re.escape(sign), re.IGNORECASE), timeout=30_000)
    assert "danger signs" in reasons.text_content().lower()
    _always_visible(form)
    return first, emergency, second


def test_self_check_form_in_jupyterlab(page, lab):
    ui.open_notebook(page, lab, "07_self_check.ipynb")
    ui.run_all(page)
    first, emergency, second = fill_and_check_two_cases(page)
    print(f"\ntiers read from the page: {first[:60]!r} / {emergency[:60]!r} / {second[:60]!r}")
    assert "self-care" in first.lower()
    assert "emergency" in second.lower()
    assert ui.error_texts(page) == []
