"""The healing explorer of notebook 05 without widgets: its pure ``compute`` against the model (course.healing),
its figure builders and the notebook's static figures (course.figures.healing)."""

from __future__ import annotations

from dataclasses import replace
from types import MappingProxyType

import numpy as np
import pytest

from course import healing as hm
from course.electrolytes import NORMAL_RANGES
from course.figures.healing import (
    DEFAULT_DAYS,
    DIARY_TRACES,
    GRID_PER_DAY,
    PHASE_LETTERS,
    PHASE_TRACES,
    RATE_TRACES,
    WEEKLY_TRACES,
    day_grid,
    dehydration_claim_figure,
    diary_figure,
    phase_figure,
    phase_peak_days,
    phase_weights_figure,
    rate_figure,
    scenarios_figure,
    weekly_figure,
)
from course.ui.healing import DAY_RANGE, HYPOTHESIS_NOTE, SLIDER_RANGES, HealingExplorer, HealingInputs

DEFAULT = HealingInputs()
RATE = {name: RATE_TRACES.index(name) for name in RATE_TRACES}


def _mods_a(inputs: HealingInputs) -> dict:
    return dict(
        severity=inputs.severity, ca=inputs.ca, mg=inputs.mg, fluid_deficit_pct=inputs.fluid_deficit_pct,
        dehydration_hypothesis=inputs.dehydration_hypothesis,
    )


def _mods_b(inputs: HealingInputs) -> dict:
    return dict(severity=inputs.severity, dehydration_hypothesis=inputs.dehydration_hypothesis)


def _assert_view_matches_model(inputs: HealingInputs) -> None:
    view = HealingExplorer.compute(inputs)
    n, t = inputs.days, view.t
    np.testing.assert_array_equal(t, np.linspace(0.0, n, n * GRID_PER_DAY + 1))
    np.testing.assert_array_equal(view.span, [0.0, n])
    mods_a, mods_b = _mods_a(inputs), _mods_b(inputs)
    np.testing.assert_allclose(view.a.rate, hm.spasm_rate(t, inputs.scenario, **mods_a), rtol=1e-12)
    np.testing.assert_allclose(view.b.rate, hm.spasm_rate(t, inputs.compare, **mods_b), rtol=1e-12)
    evidence = hm.spasm_rate(t, inputs.scenario, **{**mods_a, "dehydration_hypothesis": False})
    np.testing.assert_allclose(view.rate_evidence, evidence, rtol=1e-12)
    assert view.show_evidence == (inputs.dehydration_hypothesis and inputs.fluid_deficit_pct > 0)
    for side, key, seed, mods in (
        (view.a, inputs.scenario, inputs.seed, mods_a), (view.b, inputs.compare, inputs.seed + 1000, mods_b)
    ):
        diary = hm.simulate_diary(key, n, seed, **mods)
        np.testing.assert_array_equal(side.diary_day, diary.day)
        np.testing.assert_array_equal(side.diary_intensity, diary.intensity)
        np.testing.assert_allclose(side.weekly_expected, diary.weekly_expected(), rtol=1e-12)
        np.testing.assert_array_equal(side.weekly_counts, diary.weekly_counts())
        assert side.n_events == diary.n_events and side.title == hm.SCENARIOS[key].title
        assert side.expected_total == pytest.approx(diary.expected_per_day.sum(), rel=1e-12)
    weights = hm.phase_weights(t, inputs.severity)
    for w, name in zip(view.phase_weights, hm.PHASES, strict=True):
        np.testing.assert_allclose(w, weights[name], rtol=1e-12)
    assert view.y_max == pytest.approx(1.08 * max(view.a.rate.max(), view.b.rate.max()))
    np.testing.assert_allclose(view.band_y, [0.0, view.y_max, view.y_max, 0.0, 0.0])
    b1, b2 = hm.phase_boundaries(inputs.severity)
    cuts = [0.0, min(b1, n), min(b2, n), float(n)]
    for x, x0, x1 in zip(view.bands_x, cuts[:-1], cuts[1:], strict=True):
        np.testing.assert_allclose(x, [x0, x0, x1, x1, x0])
    np.testing.assert_array_equal(view.weekly_x[0], np.arange(1, n // 7 + 1))
    assert view.names == (f"A: {view.a.title}", f"B: {view.b.title}")
    assert f"{view.a.weekly_expected[0]:.1f}" in view.words_weekly and f"{n} days" in view.words_diary
    assert f"{view.a.rate.max():.1f} spasms/day" in view.words_rate


def test_default_inputs_are_the_controls_defaults():
    assert DEFAULT == HealingInputs(
        "healing", "electrolyte_imbalance", "moderate", DAY_RANGE[3], hm.NORMAL_CA_MM, hm.NORMAL_MG_MM, 0.0, False, 0
    )
    assert DAY_RANGE[3] == DEFAULT_DAYS
    _assert_view_matches_model(DEFAULT)


@pytest.mark.parametrize(
    "change",
    [
        dict(compare="nerve_compression", seed=3),
        dict(severity="severe", days=84),
        dict(severity="mild", days=14, scenario="overuse", compare="infection"),
        dict(scenario="electrolyte_imbalance", ca=0.8, mg=0.55, compare="healing"),
        dict(scenario="dehydration", fluid_deficit_pct=3.0, dehydration_hypothesis=True, compare="dehydration"),
        dict(scenario="healing", fluid_deficit_pct=5.0, dehydration_hypothesis=False, seed=99),
        dict(scenario="infection", ca=1.5, mg=1.2, dehydration_hypothesis=True, days=21),
    ],
    ids=lambda c: ",".join(f"{k}={v}" for k, v in c.items()),
)
def test_every_view_is_the_model(change):
    _assert_view_matches_model(replace(DEFAULT, **change))


def test_dehydration_claim_beside_the_evidence():
    off = replace(DEFAULT, scenario="dehydration", fluid_deficit_pct=3.0)
    view = HealingExplorer.compute(off)
    np.testing.assert_allclose(view.a.rate, hm.BASELINE_PER_DAY, rtol=1e-12)  # a deficit alone: no change
    assert not view.show_evidence and view.rate_evidence is view.a.rate
    assert "×1 by the evidence" in view.summary_html and "(tick the box to show it)" in view.summary_html
    assert "Without the article's hypothesis" not in view.words_rate
    on = HealingExplorer.compute(replace(off, dehydration_hypothesis=True))
    claim = hm.hydration_factor(3.0, dehydration_hypothesis=True)
    assert claim == pytest.approx(2.8)
    np.testing.assert_allclose(on.a.rate, claim * hm.BASELINE_PER_DAY, rtol=1e-12)
    np.testing.assert_allclose(on.rate_evidence, hm.BASELINE_PER_DAY, rtol=1e-12)
    assert on.show_evidence and "2.8 by the article" in on.summary_html and "(shown)" in on.summary_html
    assert f"A would stay at {hm.BASELINE_PER_DAY:.1f}/day at most" in on.words_rate
    # the switch alone, without a deficit, changes nothing and shows no second curve
    assert not HealingExplorer.compute(replace(DEFAULT, dehydration_hypothesis=True)).show_evidence


def test_summary_names_the_electrolyte_physics():
    view = HealingExplorer.compute(replace(DEFAULT, scenario="electrolyte_imbalance", ca=0.95, mg=0.55))
    shift = hm.electrolyte_shift_mv(0.95, 0.55)
    assert shift < 0 and f"{abs(shift):.1f} mV" in view.summary_html
    assert f"×{hm.approx(hm.electrolyte_factor(0.95, 0.55))};" in view.summary_html
    assert "Low calcium and magnesium" in view.summary_html
    wk = view.a.weekly_expected
    assert ("falls" if wk[-1] < wk[0] else "does not fall") in view.summary_html


def test_phase_words_and_letters_follow_the_severity():
    view = HealingExplorer.compute(replace(DEFAULT, severity="severe", days=14))
    peaks = phase_peak_days("severe")
    # v3: inflammation peaks on day 1.5 for every grade; only the later phases stretch with severity
    scale = hm.SEVERITIES["severe"].time_scale
    assert peaks == pytest.approx([p.peak_day * (1.0 if n == "inflammation" else scale) for n, p in hm.PHASES.items()])
    t = np.linspace(0.0, 300.0, 300001)
    w = hm.phase_weights(t, "severe")
    assert [t[np.argmax(w[n])] for n in hm.PHASES] == pytest.approx(peaks, abs=1e-3)
    assert f"inflammation peaks on day {peaks[0]:.1f}" in view.words_phases
    b1, b2 = hm.phase_boundaries("severe")
    assert b2 > 14 and f"remodeling on day {b2:.1f}" in view.words_phases
    x, y, text = view.letters
    assert text == ("I", "P", "")  # remodeling is not dominant within 14 days: no room for its letter
    np.testing.assert_allclose(x, [b1 / 2, (b1 + 14) / 2, 14.0])
    np.testing.assert_allclose(y, 0.95 * view.y_max)
    assert HealingExplorer.compute(DEFAULT).letters[2] == tuple(PHASE_LETTERS.values())


def test_compute_is_memoised_with_read_only_arrays():
    first, again = HealingExplorer.compute(DEFAULT), HealingExplorer.compute(DEFAULT)
    assert again.a is first.a and again.phase_weights is first.phase_weights
    other_seed = HealingExplorer.compute(replace(DEFAULT, seed=5))
    assert other_seed.a.rate is first.a.rate and other_seed.phase_weights is first.phase_weights  # only the diary
    assert not np.array_equal(other_seed.a.diary_day, first.a.diary_day)
    for arr in (first.t, first.a.rate, first.a.diary_day, first.b.weekly_expected, first.phase_weights[0]):
        assert not arr.flags.writeable
    # the model ignores a deficit without the hypothesis: the same cached curve, whatever the slider says
    assert HealingExplorer.compute(replace(DEFAULT, fluid_deficit_pct=4.0)).a.rate is first.a.rate


def test_registries_are_read_only_and_constants_come_from_the_models():
    assert isinstance(PHASE_LETTERS, MappingProxyType) and isinstance(SLIDER_RANGES, MappingProxyType)
    assert set(PHASE_LETTERS) == set(hm.PHASES) and PHASE_TRACES == tuple(hm.PHASES)
    assert all(isinstance(t, tuple) for t in (RATE_TRACES, DIARY_TRACES, WEEKLY_TRACES, DAY_RANGE))
    assert RATE_TRACES[RATE["a"]] == "a" and RATE["evidence"] == 7 and RATE["b"] == 5
    for name, (lo, hi) in (("ca", hm.CA_RANGE_MM), ("mg", hm.MG_RANGE_MM), ("fluid_deficit_pct",
                                                                       hm.FLUID_DEFICIT_RANGE_PCT)):
        assert lo <= SLIDER_RANGES[name][0] < SLIDER_RANGES[name][1] <= hi, name
    for ion in ("ca", "mg"):
        lo, hi, _ = SLIDER_RANGES[ion]
        assert lo < NORMAL_RANGES[ion][0] < NORMAL_RANGES[ion][1] < hi
    assert f"1 + {hm.DEHYDRATION_GAIN_PER_PCT:g} × deficit" in HYPOTHESIS_NOTE
    assert "about 3× at 3 % of body mass" in HYPOTHESIS_NOTE and "Miller" in HYPOTHESIS_NOTE
    assert not day_grid(14).flags.writeable and day_grid(14) is day_grid(14)


def test_figure_builders_draw_the_view():
    view = HealingExplorer.compute(replace(DEFAULT, scenario="dehydration", fluid_deficit_pct=3.0,
                                           dehydration_hypothesis=True))
    phases = phase_weights_figure(view.t, view.phase_weights)
    assert [tr.name for tr in phases.data] == [p.title for p in hm.PHASES.values()]
    np.testing.assert_array_equal(phases.data[0].y, view.phase_weights[0])
    rate = rate_figure(
        view.t, (view.a.rate, view.b.rate, view.rate_evidence), view.names, view.bands_x, view.band_y,
        view.letters, view.span, view.y_max, view.show_evidence,
    )
    assert len(rate.data) == len(RATE_TRACES)
    np.testing.assert_array_equal(rate.data[RATE["a"]].y, view.a.rate)
    np.testing.assert_array_equal(rate.data[RATE["evidence"]].y, view.rate_evidence)
    assert rate.data[RATE["evidence"]].visible is True and rate.data[RATE["b"]].name == view.names[1]
    assert tuple(rate.layout.yaxis.range) == (0.0, view.y_max) and tuple(rate.layout.xaxis.range) == (0.0, 42.0)
    np.testing.assert_allclose(rate.data[RATE["baseline"]].y, hm.BASELINE_PER_DAY)
    assert tuple(rate.data[RATE["letters"]].text) == view.letters[2]
    diary = diary_figure(
        ((view.a.diary_day, view.a.diary_intensity), (view.b.diary_day, view.b.diary_intensity)), view.names,
        view.span,
    )
    assert [tr.name for tr in diary.data] == list(view.names)
    np.testing.assert_array_equal(diary.data[DIARY_TRACES.index("b")].x, view.b.diary_day)
    weekly = weekly_figure(view.weekly_x, view.weekly_y, view.weekly_names)
    assert [tr.name for tr in weekly.data] == list(view.weekly_names)
    np.testing.assert_array_equal(weekly.data[WEEKLY_TRACES.index("b_diary")].y, view.b.weekly_counts)
    np.testing.assert_allclose(weekly.data[WEEKLY_TRACES.index("a_diary")].x, view.weekly_x[0] - 0.2)


def test_static_figures_show_the_model():
    fig, text = phase_figure("mild", 28)
    t = fig.data[0].x
    np.testing.assert_array_equal(t, day_grid(28))
    np.testing.assert_allclose(fig.data[1].y, hm.phase_weights(t, "mild")["proliferation"])
    s = hm.sensitivity(t, "mild")
    np.testing.assert_allclose(fig.data[-1].y, s)
    assert f"about {hm.approx(s.max())}×" in text and "day 28" in text
    fig, text = scenarios_figure()
    assert len(fig.data) == 1 + len(hm.SCENARIOS)
    day1 = hm.spasm_rate([1.0], "overuse")[0]
    assert f"overuse without rest {day1:.1f} →" in text and f"day {DEFAULT_DAYS}" in text
    fig, text = dehydration_claim_figure()
    deficit = hm.SCENARIOS["dehydration"].modifiers.fluid_deficit_pct
    claim, evidence = fig.data
    np.testing.assert_allclose(claim.y, hm.hydration_factor(deficit, dehydration_hypothesis=True) * evidence.y)
    assert f"1 + {hm.DEHYDRATION_GAIN_PER_PCT:g} per % deficit" in claim.name
    assert f"At a {deficit:g} % deficit" in text


def test_explorer_renders_its_view_and_the_scenario_moves_the_sliders():
    ex = HealingExplorer()
    assert ex.read() == DEFAULT
    c = ex.controls
    c["scenario"].value = "electrolyte_imbalance"
    mods = hm.SCENARIOS["electrolyte_imbalance"].modifiers
    assert (c["ca"].value, c["mg"].value) == pytest.approx((mods.ca, mods.mg))
    expected = HealingExplorer.compute(ex.read())
    assert ex.view.summary_html == expected.summary_html and ex.view.a.rate is expected.a.rate
    rate = ex.figures["rate"]
    np.testing.assert_array_equal(rate.data[RATE["a"]].y, ex.view.a.rate)
    assert rate.data[RATE["a"]].name == "A: Low calcium and magnesium"
    assert tuple(rate.layout.yaxis.range) == (0.0, ex.view.y_max)
    c["seed"].value = 9  # only the diary changes
    np.testing.assert_array_equal(ex.figures["diary"].data[0].x, ex.view.a.diary_day)
    assert ex.texts["summary"].value == ex.view.summary_html
