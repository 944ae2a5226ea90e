"""Tests of the healing / spasm-rate teaching model (course.healing).

The spasm-rate curve is a teaching model (no published time course of spasm frequency exists), so
the tests check (a) the literature time windows it is built on, (b) the qualitative behaviour the
course teaches (healing spasms rise and fade; the other causes do not follow the phases), (c) the
link to the excitability physics of notebook 03, (d) the statistics of the simulated diaries and
(e) input validation. Sources are named in comments; see REFERENCES.md (Notebooks 04 and 05).
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scipy import integrate

from course import healing as hm
from course.excitability import gating_shift_mv

NAMES = ("healing", "overuse", "electrolyte_imbalance", "dehydration", "nerve_compression", "infection")
BASE_WEEK = 7 * hm.BASELINE_PER_DAY  # expected spasms per week with no cause at all


def weeks(scenario: str, **mods) -> np.ndarray:
    return hm.weekly_expected(scenario, 6, **mods)


# ----------------------------------------------------------------------------------------------
# Phases
# ----------------------------------------------------------------------------------------------
def test_phase_names_and_order():
    assert tuple(hm.PHASES) == ("inflammation", "proliferation", "remodeling")
    peaks = [p.peak_day for p in hm.PHASES.values()]
    starts = [p.start_day for p in hm.PHASES.values()]
    assert peaks == sorted(peaks) and starts == sorted(starts)


@pytest.mark.parametrize("severity", ["mild", "moderate", "severe"])
def test_phase_weights_nonnegative_and_ordered_in_time(severity):
    t = np.linspace(0.0, 200.0, 20001)
    w = hm.phase_weights(t, severity)
    for arr in w.values():
        assert arr.shape == t.shape
        assert np.all(arr >= 0.0) and np.all(arr <= 1.0 + 1e-12)
        assert arr[0] == 0.0  # nothing has started at the moment of injury
    peak_days = [t[np.argmax(w[n])] for n in ("inflammation", "proliferation", "remodeling")]
    # inflammation peaks before proliferation, which peaks before remodeling
    assert peak_days[0] < peak_days[1] < peak_days[2]


def test_phase_weights_peak_exactly_one_on_peak_day():
    for name, phase in hm.PHASES.items():
        w = hm.phase_weights([phase.peak_day], "moderate")[name]
        assert w[0] == pytest.approx(1.0, abs=1e-12)


def test_phase_windows_match_literature():
    # Laumonier & Menetrey 2016 (J Exp Orthop 3:15): neutrophils peak ≈ 24 h and macrophages days 1–3,
    # inflammation over by ≈ day 3–7; proliferation ≈ day 2–3 to 21–28; remodeling from day 7–10 on.
    w = hm.phase_weights([1.0, 3.0, 7.0, 21.0, 28.0, 42.0], "moderate")
    assert w["inflammation"][0] > 0.8  # strong on day 1
    assert w["inflammation"][2] < 0.02  # essentially over on day 7
    assert w["proliferation"][1] > 0.5  # running by day 3
    assert w["proliferation"][3] < 0.05 and w["proliferation"][4] < 0.005  # over by day 21–28
    assert w["remodeling"][3] == pytest.approx(1.0)  # peak at 3 weeks
    assert w["remodeling"][5] > 0.3  # still active at 6 weeks ("6 weeks and beyond")
    b1, b2 = hm.phase_boundaries("moderate")
    assert 2.0 <= b1 <= 4.0  # proliferation dominant from day 2–4
    assert 7.0 <= b2 <= 14.0  # remodeling dominant from the second week


def test_severity_stretches_timeline_by_return_to_play():
    # Ekstrand et al. 2012 (Br J Sports Med 46:112): return to play by MRI grade 1/2/3 = 17/22/73 days.
    t = np.linspace(0.0, 300.0, 300001)
    peak = {s: t[np.argmax(hm.phase_weights(t, s)["proliferation"])] for s in hm.SEVERITIES}
    assert peak["severe"] / peak["moderate"] == pytest.approx(73.0 / 22.0, rel=1e-3)
    assert peak["mild"] / peak["moderate"] == pytest.approx(17.0 / 22.0, rel=1e-3)
    b_mod = hm.phase_boundaries("moderate")
    b_sev = hm.phase_boundaries("severe")
    assert b_sev[1] / b_mod[1] == pytest.approx(73.0 / 22.0, rel=0.01)


def test_dominant_phase():
    assert hm.dominant_phase(0.0) == "inflammation"
    assert hm.dominant_phase(1.5) == "inflammation"
    assert hm.dominant_phase(6.0) == "proliferation"
    assert hm.dominant_phase(30.0) == "remodeling"


def test_sensitivity_high_in_inflammation_then_recalibrates():
    t = np.linspace(0.0, 84.0, 8401)
    s = hm.sensitivity(t, "moderate")
    assert np.all(s >= 1.0)
    assert 0.5 <= t[np.argmax(s)] <= 3.0  # peak during inflammation (neutrophil/macrophage days 1–3)
    assert s[-1] < 1.1  # back near normal by week 12 (remodeling recalibrates)
    assert np.all(np.diff(s[t > 3.0]) < 0)  # falls monotonically once inflammation has peaked
    # severity ordering at the peak
    peaks = [hm.sensitivity(t, sev).max() for sev in ("mild", "moderate", "severe")]
    assert peaks[0] < peaks[1] < peaks[2]


# ----------------------------------------------------------------------------------------------
# Scenarios: the spasm-rate course the notebooks teach
# ----------------------------------------------------------------------------------------------
def test_scenario_keys_and_fields():
    assert tuple(hm.SCENARIOS) == NAMES
    for key, sc in hm.SCENARIOS.items():
        assert sc.name == key and sc.title and sc.description
        assert sc.location in ("localized", "widespread", "radiating")
        assert isinstance(sc.symptoms, frozenset)
        assert sc.symptoms <= {"swelling", "redness", "fever", "numbness", "tingling", "weakness"}
        assert isinstance(sc.presentation, dict)
        assert sc.presentation["location"] == sc.location
        assert sc.presentation["symptoms"] == sc.symptoms
        assert 0.0 <= sc.intensity_mean <= 10.0
        assert set(sc.matching_treatments) <= set(hm.TREATMENTS)
    assert hm.SCENARIOS["nerve_compression"].location == "radiating"
    assert "numbness" in hm.SCENARIOS["nerve_compression"].symptoms
    assert {"swelling", "redness", "fever"} <= hm.SCENARIOS["infection"].symptoms
    assert hm.SCENARIOS["healing"].symptoms == frozenset()
    for key in ("electrolyte_imbalance", "dehydration"):
        assert hm.SCENARIOS[key].location == "widespread"


def test_presentations_are_valid_self_check_answers():
    # The self-check (notebook 06) uses these as worked cases: keys must be exactly its Answers fields.
    from course.selfcheck import ANSWER_FIELDS, answers_from_presentation, assess

    verdicts = {}
    for key, sc in hm.SCENARIOS.items():
        assert tuple(sc.presentation) == ANSWER_FIELDS
        assert (sc.presentation["days_since_injury"] is None) == (not sc.presentation["recent_injury"])
        verdicts[key] = assess(answers_from_presentation(sc.presentation)).verdict
    # spec criteria table: only the healing case is consistent with healing; nerve and infection are red flags
    assert verdicts["healing"] == "consistent_with_healing"
    assert verdicts["nerve_compression"] == "seek_care"
    assert verdicts["infection"] == "seek_care"
    for key in ("overuse", "electrolyte_imbalance", "dehydration"):
        assert verdicts[key] != "consistent_with_healing"


@pytest.mark.parametrize("severity", ["mild", "moderate"])
def test_healing_rises_then_fades(severity):
    w = weeks("healing", severity=severity)
    assert w[0] > w[2] > w[5]
    assert w[5] <= 1.5 * BASE_WEEK  # back within 1.5× baseline by week 6
    t = np.linspace(0.0, 42.0, 4201)
    r = hm.spasm_rate(t, "healing", severity=severity)
    assert r[0] == pytest.approx(hm.BASELINE_PER_DAY)  # starts at baseline (all weights 0 at t = 0)
    assert 0.5 <= t[np.argmax(r)] <= 3.0  # rises in the first days, peaks during inflammation


def test_severe_strain_heals_more_slowly():
    # Ekstrand 2012: grade 3 takes ≈ 73 days to return to play, so week 6 is still raised
    w = weeks("healing", severity="severe")
    assert w[0] > w[5] > 1.5 * BASE_WEEK
    assert weeks("healing", severity="severe")[5] > weeks("healing", severity="moderate")[5]


def test_other_causes_do_not_follow_the_phases():
    for key in ("nerve_compression", "overuse"):
        w = weeks(key)
        assert w[5] >= w[0], key
        assert not hm.SCENARIOS[key].follows_phases
    assert hm.SCENARIOS["healing"].follows_phases


def test_overuse_fatigue_builds_like_a_banister_trace():
    # fatigue F = L(1 − exp(−t/τ)), τ = 15 d (Calvert et al. 1976, IEEE SMC-6:94); factor 1 + 3F
    t = np.array([0.0, 7.0, 42.0])
    comp = hm.rate_components(t, "overuse")
    expected = 1.0 + hm.FATIGUE_GAIN * (1.0 - np.exp(-t / hm.FATIGUE_TAU_DAYS))
    np.testing.assert_allclose(comp["fatigue"], expected, rtol=1e-12)


@pytest.mark.parametrize("severity", ["mild", "moderate", "severe"])
def test_infection_rate_rises_after_day_3(severity):
    # fever and swelling from about day 3: the rate climbs from day 3 instead of fading
    t = np.linspace(3.0, 6.0, 301)
    r = hm.spasm_rate(t, "infection", severity=severity)
    assert np.all(np.diff(r) > 0)
    later = hm.spasm_rate(np.linspace(6.0, 42.0, 361), "infection", severity=severity)
    assert np.all(later > r[0])  # stays above the day-3 level for the six weeks
    heal = hm.spasm_rate(t, "healing", severity=severity)
    assert np.all(r[t >= 4.0] > 1.5 * heal[t >= 4.0])
    assert weeks("infection", severity=severity)[5] > 3.0 * weeks("healing", severity=severity)[5]


@pytest.mark.parametrize("key", ["electrolyte_imbalance", "dehydration"])
def test_metabolic_causes_raised_at_all_times_independent_of_phase(key):
    t = np.linspace(0.0, 84.0, 841)
    r = hm.spasm_rate(t, key)
    assert np.all(r > 1.5 * hm.BASELINE_PER_DAY)
    assert r.max() / r.min() == pytest.approx(1.0, abs=1e-12)  # flat: no phase pattern
    # combined with an injury the factor multiplies the healing curve by the same amount every day
    ratio = hm.spasm_rate(t, key, injury=True) / hm.spasm_rate(t, "healing")
    np.testing.assert_allclose(ratio, ratio[0], rtol=1e-12)
    assert ratio[0] > 1.5


def test_electrolyte_factor_comes_from_the_excitability_gating_shift():
    # Notebook 03 physics: lowering Ca²⁺/Mg²⁺ shifts Na⁺ gating negative (Frankenhaeuser & Hodgkin 1957).
    # Rate factor = exp(−Δ/2.14 mV): foot of m∞³ in the Hodgkin & Huxley 1952 rates (J Physiol 117:500),
    # α_m/β_m ∝ exp(V·(1/10 + 1/18)).
    for ca, mg in [(0.95, 0.55), (0.8, 0.85), (1.2, 0.5), (1.4, 1.0)]:
        shift = gating_shift_mv(ca, mg)
        assert hm.electrolyte_shift_mv(ca, mg) == pytest.approx(shift)
        assert hm.electrolyte_factor(ca, mg) == pytest.approx(
            min(math.exp(-shift * 3.0 * (1 / 10 + 1 / 18)), 30.0)
        )
    assert hm.electrolyte_factor(1.2, 0.85) == pytest.approx(1.0, abs=1e-9)
    cas = np.linspace(0.7, 1.6, 10)
    factors = [hm.electrolyte_factor(c, 0.85) for c in cas]
    assert np.all(np.diff(factors) < 0)  # less Ca²⁺ → more spasms
    assert hm.electrolyte_factor(0.95, 0.55) > hm.electrolyte_factor(0.95, 0.85)  # low Mg²⁺ adds


@pytest.mark.parametrize("key", ["electrolyte_imbalance", "dehydration"])
def test_matching_treatment_restores_near_baseline(key):
    w = weeks(key, treatments=("hydration",))
    untreated = weeks(key)
    assert np.all(w < untreated)
    assert np.all(w[1:] <= 1.5 * BASE_WEEK)  # from week 2 on within 1.5× baseline
    t = np.linspace(7.0, 42.0, 351)
    assert np.all(hm.spasm_rate(t, key, treatments=("hydration",)) <= 1.5 * hm.BASELINE_PER_DAY)


def test_rest_lowers_overuse():
    w_rest = weeks("overuse", treatments=("rest",))
    w = weeks("overuse")
    assert np.all(w_rest <= w) and w_rest[5] < 0.6 * w[5]
    assert hm.spasms_avoided("overuse", ("rest",)) > 5.0
    # starting rest later still helps, but less
    assert (
        0 < hm.spasms_avoided("overuse", ("rest",), start_day=14.0) < hm.spasms_avoided("overuse", ("rest",))
    )


def test_professional_care_for_nerve_and_infection():
    for key in ("nerve_compression", "infection"):
        w = weeks(key, treatments=("professional",))
        assert w[5] < 0.5 * weeks(key)[5], key
    # professional care is not modelled to change plain healing
    assert hm.spasms_avoided("healing", ("professional",)) == pytest.approx(0.0, abs=1e-12)


def test_cold_helps_only_while_inflammation_runs():
    early = hm.spasms_avoided("healing", ("cold",), start_day=0.0)
    late = hm.spasms_avoided("healing", ("cold",), start_day=7.0)
    assert early > 0.5 and 0 <= late < 0.1 * early


def test_heat_in_first_48h_is_flagged_and_never_recommended():
    # Source article's treatment table: cold within the first 48 h, heat after the acute phase.
    for key in NAMES:
        for day in (0.0, 0.5, 1.0, 1.99):
            assert "heat" not in hm.recommended_treatments(key, day)
            advice = hm.treatment_advice(key, ("heat",), day)
            assert any(a.level == "warning" and a.treatment == "heat" and "48" in a.text for a in advice)
        advice = hm.treatment_advice(key, ("heat",), 2.0)
        assert not any(a.level == "warning" and a.treatment == "heat" for a in advice)
    assert "cold" in hm.recommended_treatments("healing", 1.0)
    assert "heat" in hm.recommended_treatments("healing", 3.0)
    assert "cold" not in hm.recommended_treatments("healing", 3.0)
    # the model agrees: heat from day 0 adds spasms during the first 48 h …
    t = np.linspace(0.0, 2.0, 201)
    assert np.all(hm.spasm_rate(t[1:], "healing", treatments=("heat",)) > hm.spasm_rate(t[1:], "healing"))
    # … and starting it after the acute phase avoids more spasms than starting it on day 0
    assert hm.spasms_avoided("healing", ("heat",), start_day=2.0) > hm.spasms_avoided(
        "healing", ("heat",), start_day=0.0
    )


@settings(max_examples=30, deadline=None)
@given(day=st.floats(0.0, 1.999))
def test_heat_never_recommended_in_acute_phase_property(day):
    for key in NAMES:
        assert "heat" not in hm.recommended_treatments(key, day)


def test_professional_care_missing_is_a_warning_for_nerve_and_infection():
    for key in ("nerve_compression", "infection"):
        advice = hm.treatment_advice(key, ("rest",), 0.0)
        assert any(a.level == "warning" and a.treatment == "professional" for a in advice)
        advice = hm.treatment_advice(key, ("professional",), 0.0)
        assert not any(a.level == "warning" for a in advice)


def test_treatment_table_facts():
    assert tuple(hm.TREATMENTS) == ("rest", "hydration", "cold", "heat", "professional")
    assert hm.TREATMENTS["cold"].window_days == (0.0, 2.0)
    assert hm.TREATMENTS["heat"].window_days[0] == 2.0
    for tr in hm.TREATMENTS.values():
        assert tr.title and tr.purpose and tr.recommended_use and tr.model_effect


# ----------------------------------------------------------------------------------------------
# Integration and diaries
# ----------------------------------------------------------------------------------------------
@pytest.mark.parametrize("key", NAMES)
def test_expected_daily_matches_adaptive_integration(key):
    mods = {"treatments": ("rest", "hydration", "professional"), "start_day": 1.5}
    daily = hm.expected_daily(key, 14, **mods)
    ref = [
        integrate.quad(lambda x: float(hm.spasm_rate([x], key, **mods)[0]), d, d + 1, points=[1.5])[0]
        for d in range(14)
    ]
    np.testing.assert_allclose(daily, ref, rtol=1e-3)


def test_same_seed_same_diary_and_different_seed_differs():
    a = hm.simulate_diary("healing", 42, seed=7)
    b = hm.simulate_diary("healing", 42, seed=7)
    c = hm.simulate_diary("healing", 42, seed=8)
    for field in ("day", "intensity", "duration_s", "location", "expected_per_day"):
        np.testing.assert_array_equal(getattr(a, field), getattr(b, field))
    assert a.n_events != c.n_events or not np.array_equal(a.day, c.day)


@pytest.mark.parametrize("key", NAMES)
def test_diary_events_are_well_formed(key):
    d = hm.simulate_diary(key, 42, seed=3)
    assert d.n_events > 0
    assert np.all(np.diff(d.day) >= 0) and d.day.min() >= 0 and d.day.max() < 42
    assert np.all((d.intensity >= 0) & (d.intensity <= 10))
    assert np.all((d.duration_s >= 1) & (d.duration_s <= 600))
    assert set(d.location) == {hm.SCENARIOS[key].location}
    assert d.counts_per_day.sum() == d.n_events
    assert d.weekly_counts().sum() == d.n_events
    assert len(d.records(3)) == 3


def test_healing_diary_spasms_get_milder():
    # intensity follows the drive: early spasms stronger than late ones (model assumption)
    d = hm.simulate_diary("healing", 84, seed=0, severity="moderate")
    early = d.intensity[d.day < 7].mean()
    late = d.intensity[d.day >= 28].mean()
    assert early > late


@pytest.mark.parametrize("key,cv", [("healing", 0.0), ("infection", 0.0), ("overuse", 0.3)])
def test_cohort_mean_matches_spasm_rate(key, cv):
    c = hm.simulate_cohort(key, n_patients=10_000, days=42, seed=11, patient_cv=cv)
    assert c.counts.shape == (10_000, 42)
    # independent reference: adaptive integration of spasm_rate over each week
    ref_weeks = np.array(
        [
            integrate.quad(lambda x: float(hm.spasm_rate([x], key)[0]), 7 * w, 7 * w + 7, limit=200)[0]
            for w in range(6)
        ]
    )
    np.testing.assert_allclose(c.weekly_mean(), ref_weeks, rtol=0.03)
    assert c.counts.sum(axis=1).mean() == pytest.approx(ref_weeks.sum(), rel=0.03)


def test_cohort_is_seeded():
    a = hm.simulate_cohort("healing", n_patients=500, days=21, seed=5)
    b = hm.simulate_cohort("healing", n_patients=500, days=21, seed=5)
    np.testing.assert_array_equal(a.counts, b.counts)


# ----------------------------------------------------------------------------------------------
# Bad input
# ----------------------------------------------------------------------------------------------
def test_unknown_scenario_lists_valid_names():
    with pytest.raises(ValueError) as err:
        hm.spasm_rate([1.0], "cramp")
    for name in NAMES:
        assert name in str(err.value)
    assert "scenario" in str(err.value)


@pytest.mark.parametrize("days", [[-1.0], [float("nan")], [float("inf")], [400.0]])
def test_bad_days(days):
    with pytest.raises(ValueError, match="days"):
        hm.spasm_rate(days, "healing")
    with pytest.raises(ValueError, match="days"):
        hm.phase_weights(days)


def test_bad_modifiers():
    with pytest.raises(ValueError, match="severity"):
        hm.spasm_rate([1.0], severity="catastrophic")
    with pytest.raises(ValueError, match="treatments"):
        hm.spasm_rate([1.0], treatments=("massage",))
    with pytest.raises(TypeError, match="valid modifiers"):
        hm.spasm_rate([1.0], potassium=3.0)
    with pytest.raises(ValueError, match="ca"):
        hm.spasm_rate([1.0], ca=float("nan"))
    with pytest.raises(TypeError, match="injury"):
        hm.spasm_rate([1.0], injury="yes")
    with pytest.raises(TypeError, match="days"):
        hm.simulate_diary("healing", days=10.5)
    with pytest.raises(ValueError, match="days"):
        hm.simulate_diary("healing", days=0)
    with pytest.raises(ValueError, match="seed"):
        hm.simulate_diary("healing", seed=-1)
    with pytest.raises(TypeError, match="seed"):
        hm.simulate_diary("healing", seed=1.5)
    with pytest.raises(ValueError, match="n_patients"):
        hm.simulate_cohort("healing", n_patients=0)


BAD_NUMBERS = st.one_of(
    st.just(float("nan")),
    st.just(float("inf")),
    st.just(-float("inf")),
    st.floats(max_value=-1e-6, allow_nan=False, allow_infinity=False),
    st.floats(min_value=1e6, allow_nan=False, allow_infinity=False),
    st.text(max_size=3),
    st.none(),
    st.lists(st.integers(), max_size=2),
)
NUMERIC_MODIFIERS = (
    "ca",
    "mg",
    "fluid_deficit_pct",
    "training_load",
    "compression",
    "start_day",
    "baseline_per_day",
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name=st.sampled_from(NUMERIC_MODIFIERS), value=BAD_NUMBERS)
def test_bad_numeric_modifiers_raise_named_errors(name, value):
    with pytest.raises((ValueError, TypeError)) as err:
        hm.spasm_rate([1.0], "healing", **{name: value})
    assert name in str(err.value)


@settings(max_examples=40, deadline=None)
@given(value=BAD_NUMBERS)
def test_bad_days_values_raise_named_errors(value):
    with pytest.raises((ValueError, TypeError)) as err:
        hm.spasm_rate([value], "healing")
    assert "days" in str(err.value)


@settings(max_examples=40, deadline=None)
@given(
    key=st.sampled_from(NAMES),
    severity=st.sampled_from(("mild", "moderate", "severe")),
    ca=st.floats(0.4, 2.0),
    mg=st.floats(0.2, 2.0),
    deficit=st.floats(0.0, 8.0),
    start=st.floats(0.0, 365.0),
    treatments=st.sets(st.sampled_from(tuple(hm.TREATMENTS))),
)
def test_rate_is_positive_and_finite_for_any_valid_input(key, severity, ca, mg, deficit, start, treatments):
    t = np.linspace(0.0, 365.0, 367)
    r = hm.spasm_rate(
        t,
        key,
        severity=severity,
        ca=ca,
        mg=mg,
        fluid_deficit_pct=deficit,
        start_day=start,
        treatments=treatments,
    )
    assert np.all(np.isfinite(r)) and np.all(r > 0)


def test_heat_start_day_separates_cold_early_from_heat_later():
    # the article's combination: cold from day 0, heat after the acute phase (day 2)
    combo = hm.spasms_avoided("healing", ("cold", "heat"), start_day=0.0, heat_start_day=2.0)
    both_day0 = hm.spasms_avoided("healing", ("cold", "heat"), start_day=0.0)
    assert combo > both_day0 > 0
    advice = hm.treatment_advice("healing", ("cold", "heat"), 0.0, heat_start_day=2.0)
    assert not any(a.level == "warning" for a in advice)
    advice = hm.treatment_advice("healing", ("cold", "heat"), 3.0, heat_start_day=1.0)
    assert any(a.level == "warning" and a.treatment == "heat" for a in advice)
    assert any(a.level == "caution" and a.treatment == "cold" for a in advice)
    with pytest.raises(ValueError, match="heat_start_day"):
        hm.spasm_rate([1.0], treatments=("heat",), heat_start_day=-1.0)


def test_numbers_quoted_in_the_quizzes_match_the_model():
    # course/quizzes/healing.py and treatment.py quote these (rounded) model numbers
    peak = hm.spasm_rate([1.5], "healing")[0]
    assert round(peak, 1) == 1.5 and round(peak / hm.BASELINE_PER_DAY) == 7
    diary = hm.simulate_diary("healing", 42, seed=0)
    assert diary.n_events == 17 and round(diary.expected_per_day.sum(), 1) == 18.1
    assert round(hm.expected_daily("overuse", 42).sum()) == 25
    assert round(hm.spasms_avoided("overuse", ("rest",))) == 12
    combo = hm.spasms_avoided("healing", ("rest", "cold", "heat"), start_day=0.0, heat_start_day=2.0)
    assert round(combo) == 3
    excess = hm.expected_daily("healing", 42).sum() - 42 * hm.BASELINE_PER_DAY
    assert 0.28 < combo / excess < 0.4  # "about a third of the spasms above the baseline"
    assert round(hm.spasms_avoided("healing", ("heat",), heat_start_day=0.0), 1) == 0.6
    assert round(hm.spasms_avoided("healing", ("heat",), heat_start_day=2.0), 1) == 1.1


def test_cohort_of_10000_patients_is_fast_enough():
    # issue 6 asks for 10,000 patients × 42 days in < 1 s (measured ≈ 10–30 ms; generous sanity limit)
    import time

    hm.simulate_cohort("healing", n_patients=100, days=42, seed=0)  # warm-up
    t0 = time.perf_counter()
    hm.simulate_cohort("infection", n_patients=10_000, days=42, seed=0, patient_cv=0.3)
    assert time.perf_counter() - t0 < 1.0


def test_weekly_totals_sums_whole_weeks_on_the_last_axis():
    per_day = np.arange(16.0)  # two whole weeks and two spare days
    np.testing.assert_array_equal(hm.weekly_totals(per_day), [21.0, 70.0])
    np.testing.assert_array_equal(hm.weekly_totals(np.vstack([per_day, 2 * per_day])), [[21.0, 70.0], [42.0, 140.0]])
