"""The treatment explorer of notebook 06 without widgets: its pure ``compute`` against the model
(course.healing), its figure builders (course.figures.treatment), and the thin render of one explorer."""

from __future__ import annotations

import html
from dataclasses import fields, replace

import ipywidgets as widgets
import numpy as np
import pytest

from course import healing as hm
from course.figures.treatment import (
    HORIZON_DAYS,
    RATE_TRACES,
    WEEKLY_TRACES,
    heat_cold_figure,
    matching_treatment_figure,
    rate_figure,
    weekly_figure,
)
from course.ui.treatment import (
    ADVICE_ICONS,
    RATE_GRID_DAYS,
    TreatmentExplorer,
    TreatmentInputs,
    treatment_explorer,
)

DEFAULT = TreatmentInputs()


def _mods(inputs: TreatmentInputs) -> dict:
    return dict(
        severity=inputs.severity, start_day=inputs.start_day, heat_start_day=inputs.heat_start_day,
        dehydration_hypothesis=inputs.dehydration_hypothesis,
    )


def _assert_view_matches_model(inputs: TreatmentInputs) -> None:
    view = TreatmentExplorer.compute(inputs)
    mods = _mods(inputs)
    key, chosen = inputs.scenario, inputs.treatments
    np.testing.assert_allclose(view.rate_without, hm.spasm_rate(RATE_GRID_DAYS, key, **mods), rtol=1e-12)
    with_t = hm.spasm_rate(RATE_GRID_DAYS, key, treatments=chosen, **mods)
    np.testing.assert_allclose(view.rate_with, with_t, rtol=1e-12)
    weeks = HORIZON_DAYS // 7
    np.testing.assert_allclose(view.weekly_without, hm.weekly_expected(key, weeks, **mods), rtol=1e-12)
    np.testing.assert_allclose(view.weekly_with, hm.weekly_expected(key, weeks, treatments=chosen, **mods), rtol=1e-12)
    assert view.total_without == pytest.approx(hm.expected_daily(key, HORIZON_DAYS, **mods).sum(), rel=1e-12)
    assert view.avoided == pytest.approx(hm.spasms_avoided(key, chosen, HORIZON_DAYS, **mods), abs=1e-9)
    assert view.y_max == pytest.approx(1.08 * max(view.rate_without.max(), view.rate_with.max()))
    assert view.show_heat == ("heat" in chosen)
    assert f"{view.total_without:.1f}" in view.summary_html and f"{abs(view.avoided):.1f}" in view.summary_html


def test_default_view_is_the_model():
    assert DEFAULT == TreatmentInputs("healing", "moderate", ("rest", "cold", "heat"), 0.0, hm.ACUTE_PHASE_DAYS, False)
    _assert_view_matches_model(DEFAULT)
    view = TreatmentExplorer.compute(DEFAULT)
    expected = hm.spasms_avoided("healing", DEFAULT.treatments, start_day=0.0, heat_start_day=hm.ACUTE_PHASE_DAYS)
    assert view.avoided == pytest.approx(expected) and view.avoided > 0.0
    assert not view.heat_flagged and view.other_view is None
    assert "the choice avoids" in view.summary_html and "Untreated, the evidence" not in view.summary_html


@pytest.mark.parametrize(
    "change",
    [
        dict(severity="severe", start_day=7.0),
        dict(severity="mild", treatments=("cold",), start_day=3.5),
        dict(scenario="nerve_compression", treatments=("professional",)),
        dict(scenario="overuse", treatments=("rest", "hydration"), start_day=14.0),
        dict(scenario="infection", treatments=("rest", "professional"), heat_start_day=0.0),
        dict(scenario="electrolyte_imbalance", treatments=("hydration",)),
        dict(scenario="dehydration", treatments=("hydration",), dehydration_hypothesis=True),
    ],
)
def test_every_view_is_the_model(change):
    _assert_view_matches_model(replace(DEFAULT, **change))


def test_no_treatment_shows_the_untreated_curve_twice():
    view = TreatmentExplorer.compute(replace(DEFAULT, treatments=()))
    assert view.rate_with is view.rate_without and view.avoided == 0.0
    assert "Missing: rest and controlled movement" in view.advice_html and "with no treatment" in view.summary_html
    assert not view.show_heat and "heat from day" not in view.words_rate


@pytest.mark.parametrize("day", [0.0, 1.5, hm.ACUTE_PHASE_DAYS, 5.0])
def test_heat_in_the_first_48_hours_is_always_flagged(day):
    view = TreatmentExplorer.compute(replace(DEFAULT, treatments=("heat",), heat_start_day=day))
    flagged = day < hm.ACUTE_PHASE_DAYS
    assert view.heat_flagged is flagged
    icon, word, _colour = ADVICE_ICONS["warning"]
    assert (f"{icon} {word}:" in view.advice_html) is flagged
    assert f"heat from day {day:g}" in view.summary_html and view.heat_start_day == day


def test_recommendation_changes_after_the_acute_phase():
    view = TreatmentExplorer.compute(DEFAULT)
    rec = html.unescape(view.advice_html)
    assert "from day 0: rest and controlled movement, cold (ice) early" in rec
    assert f"from day {hm.ACUTE_PHASE_DAYS:g}: rest and controlled movement, heat after the acute phase" in rec
    later = TreatmentExplorer.compute(replace(DEFAULT, start_day=7.0))
    assert "; from day" not in html.unescape(later.advice_html)  # already past the acute phase: one line


def test_dehydration_shows_claim_beside_evidence():
    evidence = hm.expected_daily("dehydration", HORIZON_DAYS).sum()
    claim = hm.expected_daily("dehydration", HORIZON_DAYS, dehydration_hypothesis=True).sum()
    base = replace(DEFAULT, scenario="dehydration", treatments=("hydration",))
    off = TreatmentExplorer.compute(base)
    on = TreatmentExplorer.compute(replace(base, dehydration_hypothesis=True))
    assert off.total_without == pytest.approx(evidence) and off.other_view == pytest.approx(claim)
    assert on.total_without == pytest.approx(claim) and on.other_view == pytest.approx(evidence)
    assert off.avoided == pytest.approx(0.0, abs=1e-9) and on.avoided > 10.0
    for view, used in ((off, "the evidence."), (on, "the hypothesis.")):
        assert f"<b>{evidence:.0f}</b>" in view.summary_html and f"<b>{claim:.0f}</b>" in view.summary_html
        assert view.summary_html.endswith(f"{used}</div>")
    assert "hyponatraemia" in on.advice_html


def test_advice_icons_cover_every_level_and_tables_are_read_only():
    levels = {
        a.level
        for key in hm.SCENARIOS
        for chosen in ((), tuple(hm.TREATMENTS), ("heat",), ("cold",))
        for a in hm.treatment_advice(key, chosen, 5.0, 0.0)
    }
    assert levels <= set(ADVICE_ICONS) and len(levels) == len(ADVICE_ICONS)
    with pytest.raises(TypeError):
        ADVICE_ICONS["ok"] = ("", "", "")  # type: ignore[index]
    view = TreatmentExplorer.compute(DEFAULT)
    for arr in (RATE_GRID_DAYS, view.rate_without):  # the cached untreated curve cannot be changed by a caller
        assert not arr.flags.writeable


def test_figure_builders_draw_the_view():
    view = TreatmentExplorer.compute(replace(DEFAULT, treatments=("rest", "cold")))
    rate = rate_figure(
        RATE_GRID_DAYS, view.rate_without, view.rate_with, view.start_day, view.heat_start_day, view.show_heat,
        view.y_max,
    )
    assert [tr.name for tr in rate.data] == [
        "without treatment", "with treatment", "baseline", "treatments start", "heat starts",
    ]
    assert len(rate.data) == len(RATE_TRACES)
    np.testing.assert_array_equal(rate.data[RATE_TRACES.index("with")].y, view.rate_with)
    assert rate.data[RATE_TRACES.index("heat_start")].visible is False
    assert tuple(rate.layout.yaxis.range) == (0.0, view.y_max)
    np.testing.assert_array_equal(rate.data[RATE_TRACES.index("baseline")].y, hm.BASELINE_PER_DAY)
    weekly = weekly_figure(view.weekly_without, view.weekly_with)
    assert len(weekly.data) == len(WEEKLY_TRACES)
    np.testing.assert_array_equal(weekly.data[0].x, np.arange(1, HORIZON_DAYS // 7 + 1))
    np.testing.assert_array_equal(weekly.data[WEEKLY_TRACES.index("with")].y, view.weekly_with)


def test_static_figures_show_the_model():
    fig, text = heat_cold_figure(10)
    assert [tr.name for tr in fig.data][-1] == f"heat from day {hm.ACUTE_PHASE_DAYS:g}"
    day1 = hm.spasm_rate(np.array([1.0]), "healing", treatments=("cold",))[0]
    np.testing.assert_allclose(fig.data[1].y, hm.spasm_rate(fig.data[1].x, "healing", treatments=("cold",)))
    assert f"cold from day 0 {day1:.1f}" in text
    fig, text = matching_treatment_figure(HORIZON_DAYS)
    late = hm.ACUTE_PHASE_DAYS
    without = [hm.expected_daily(key, HORIZON_DAYS).sum() for key in hm.SCENARIOS]
    with_t = [
        hm.expected_daily(key, HORIZON_DAYS, treatments=sc.matching_treatments, heat_start_day=late).sum()
        for key, sc in hm.SCENARIOS.items()
    ]
    np.testing.assert_allclose(fig.data[0].y, without, rtol=1e-12)
    np.testing.assert_allclose(fig.data[1].y, with_t, rtol=1e-12)
    assert text.endswith(f"(baseline alone {HORIZON_DAYS * hm.BASELINE_PER_DAY:.0f}).")


@pytest.fixture(scope="module")
def ex():
    return treatment_explorer()


def test_controls_start_at_the_default_inputs_and_render_the_view(ex):
    assert isinstance(ex, TreatmentExplorer) and ex.read() == DEFAULT
    ex.controls["start_day"].value = 3.0
    ex.controls["heat"].value = False
    view = ex.view
    expected = TreatmentExplorer.compute(replace(DEFAULT, treatments=("rest", "cold"), start_day=3.0))
    for field in fields(view):
        np.testing.assert_array_equal(getattr(view, field.name), getattr(expected, field.name), err_msg=field.name)
    rate = ex.figures["rate"]
    np.testing.assert_array_equal(rate.data[RATE_TRACES.index("without")].y, view.rate_without)
    np.testing.assert_array_equal(rate.data[RATE_TRACES.index("start")].x, [3.0, 3.0])
    assert rate.data[RATE_TRACES.index("heat_start")].visible is False
    assert tuple(rate.layout.yaxis.range) == (0.0, view.y_max)
    np.testing.assert_array_equal(ex.figures["weekly"].data[1].y, view.weekly_with)
    assert ex.texts["summary"].value == view.summary_html and ex.texts["advice"].value == view.advice_html
    assert html.escape(view.words_rate) in ex.texts["rate"].value
    assert ex.result == {
        "avoided": view.avoided, "without": view.total_without, "with": view.total_with,
        "heat_flagged": view.heat_flagged, "other_view": view.other_view,
    }
    ex.controls["heat"].value = True
    ex.controls["start_day"].value = 0.0


def test_hypothesis_switch_and_slider_units(ex):
    box = ex.controls["dehydration_hypothesis"]
    assert isinstance(box, widgets.Checkbox) and box.value is False
    assert "hypothesis" in box.description.lower() and "Miller" in box.tooltip and "Lau" in box.tooltip
    for name in ("start_day", "heat_start_day"):
        assert ex.controls[name].description.endswith("(days)"), name
