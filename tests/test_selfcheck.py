"""Tests for the self-check (notebook 06): rules engine, widget, quizzes.

Where the rules come from (full citations in REFERENCES.md (Notebook 06)):
- The answer vocabulary, the red flags and the conditions for "consistent_with_healing":
  COURSE_SPEC.md, "Public API — course.selfcheck" and "The distinguishing criteria".
- The criteria themselves (timing, intensity, location, accompanying symptoms; lessening vs persisting):
  the course's source article, section "Distinguishing Healing Spasms From Warning Signs"; nerve
  symptoms (numbness, weakness) prompting evaluation: its section "Nerve Compression Or Injury".
- Cold in the first 48 h, heat after the acute phase: the source article's treatment table.
- Text contrast ≥ 4.5:1: W3C WCAG 2.1, success criterion 1.4.3 (contrast formula from its
  definition of relative luminance).

The decision-table test is exhaustive over every categorical answer (symptoms as all 64 subsets),
crossed with numeric answers on both sides of each threshold (6 weeks; spasms older than the injury).
"""

from __future__ import annotations

import itertools
import math
import random
import re
from collections import Counter
from types import SimpleNamespace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from course import DISCLAIMER
from course.quizzes.selfcheck import CRITERIA_QUESTIONS, QUESTIONS
from course.selfcheck import (
    ANSWER_FIELDS,
    CRITERIA,
    HYDRATIONS,
    INTENSITIES,
    LOCATIONS,
    SYMPTOMS,
    TIMINGS,
    TRENDS,
    VERDICT_LABELS,
    VERDICTS,
    Answers,
    Assessment,
    Hydration,
    Intensity,
    Location,
    Timing,
    Trend,
    answers_from_presentation,
    assess,
)

# ------------------------------------------------------------------------------------------------
# Helpers: an independent reading of the spec's rules (not the engine's code)
# ------------------------------------------------------------------------------------------------
RANK = {"consistent_with_healing": 0, "monitor": 1, "seek_care": 2}


def make(**kw) -> Answers:
    """Answers for a textbook healing case, with fields overridden by ``kw``."""
    base = dict(
        recent_injury=True,
        days_since_injury=4.0,
        timing="rest_after_injury",
        intensity="mild",
        trend="lessening",
        duration_weeks=0.5,
        location="localized",
        symptoms=frozenset(),
        hydration="adequate",
    )
    base.update(kw)
    return Answers(**base)


def spec_red_flags(a: Answers) -> set[str]:
    """COURSE_SPEC red flags: numbness or tingling, weakness, fever, redness together with swelling,
    severe intensity, a worsening trend, spasms lasting 6 weeks or more that are not lessening."""
    flags = {s for s in ("numbness", "tingling", "weakness", "fever") if s in a.symptoms}
    if {"redness", "swelling"} <= a.symptoms:
        flags.add("redness_with_swelling")
    if a.intensity == "severe":
        flags.add("severe_intensity")
    if a.trend == "worsening":
        flags.add("worsening")
    if a.duration_weeks >= 6 and a.trend != "lessening":
        flags.add("persisting_6_weeks")
    return flags


def spec_healing_conditions(a: Answers) -> bool:
    """COURSE_SPEC: consistent_with_healing needs all of: a recent injury, localized, mild or moderate,
    not worsening, no accompanying symptoms, no red flag."""
    return (
        a.recent_injury
        and a.location == "localized"
        and a.intensity in ("mild", "moderate")
        and a.trend != "worsening"
        and not a.symptoms
        and not spec_red_flags(a)
    )


ALL_SYMPTOM_SETS = [
    frozenset(c) for r in range(len(SYMPTOMS) + 1) for c in itertools.combinations(SYMPTOMS, r)
]
# (recent_injury, days_since_injury, duration_weeks): both sides of the 6-week threshold, exactly on it,
# and spasms that began before the injury (6 weeks of spasms, injury 1 day ago).
NUMERIC = [
    (True, 1.0, 0.5),
    (True, 1.0, 6.0),
    (True, 45.0, 2.0),
    (True, 45.0, 6.0),
    (False, None, 0.5),
    (False, None, 6.0),
]


def decision_table():
    for injury, days, weeks in NUMERIC:
        timings = TIMINGS if injury else tuple(t for t in TIMINGS if t != "rest_after_injury")
        for timing, intensity, trend, location, symptoms, hydration in itertools.product(
            timings, INTENSITIES, TRENDS, LOCATIONS, ALL_SYMPTOM_SETS, HYDRATIONS
        ):
            yield Answers(injury, days, timing, intensity, trend, weeks, location, symptoms, hydration)


@pytest.fixture(scope="module")
def table() -> list[Assessment]:
    return [assess(a) for a in decision_table()]


# ------------------------------------------------------------------------------------------------
# Vocabulary (COURSE_SPEC public API)
# ------------------------------------------------------------------------------------------------
def test_vocabulary_is_exactly_the_spec():
    assert TIMINGS == ("rest_after_injury", "during_exertion", "after_exertion", "night", "no_pattern")
    assert INTENSITIES == ("mild", "moderate", "severe")
    assert TRENDS == ("lessening", "unchanged", "worsening")
    assert LOCATIONS == ("localized", "widespread", "radiating")
    assert set(SYMPTOMS) == {"swelling", "redness", "fever", "numbness", "tingling", "weakness"}
    assert HYDRATIONS == ("adequate", "poor", "heavy_sweating")
    assert set(VERDICTS) == {"consistent_with_healing", "monitor", "seek_care"}
    assert ANSWER_FIELDS == tuple(Answers.__dataclass_fields__)


def test_enum_members_are_accepted_and_stored_as_plain_strings():
    a = make(timing=Timing.NIGHT, intensity=Intensity.MODERATE, trend=Trend.UNCHANGED,
             location=Location.LOCALIZED, hydration=Hydration.POOR, symptoms=["swelling", "swelling"])
    assert type(a.timing) is str and a.timing == "night"
    assert type(a.hydration) is str and a.symptoms == frozenset({"swelling"})
    assert type(next(iter(a.symptoms))) is str


# ------------------------------------------------------------------------------------------------
# The exhaustive decision table
# ------------------------------------------------------------------------------------------------
def test_decision_table_size_and_every_verdict_reachable(table):
    # 64 symptom subsets x 3 x 3 x 3 x 3 categorical answers x (5 timings with injury, 4 without)
    per_numeric = 64 * 3**4
    assert len(table) == per_numeric * (5 * 4 + 4 * 2)
    counts = Counter(a.verdict for a in table)
    assert set(counts) == set(VERDICTS), counts  # the table is not vacuous: every verdict occurs


def test_red_flags_always_give_seek_care(table):
    for res in table:
        expected = spec_red_flags(res.answers)
        assert {f.flag for f in res.red_flags} == expected, res.answers
        if expected:
            assert res.verdict == "seek_care", res.answers
        else:
            # seek_care is reserved for red flags: without one the tool never escalates silently
            assert res.verdict != "seek_care", res.answers
        for f in res.red_flags:
            assert f.why and f.label


def test_consistent_with_healing_satisfies_every_spec_condition(table):
    n_healing = 0
    for res in table:
        if res.verdict == "consistent_with_healing":
            n_healing += 1
            assert spec_healing_conditions(res.answers), res.answers
            assert not res.red_flags
            assert all(r.direction != "problem" for r in res.reasons), res.answers
    assert n_healing > 0


def test_swelling_or_redness_alone_is_at_most_monitor(table):
    for res in table:
        a = res.answers
        if a.symptoms & {"swelling", "redness"}:
            assert res.verdict != "consistent_with_healing"
        if a.symptoms in (frozenset({"swelling"}), frozenset({"redness"})) and not spec_red_flags(a):
            assert res.verdict == "monitor"
            assert "inflammation" in res.reason("accompanying symptoms").points_to


def test_each_cause_is_named_in_the_reasons(table):
    for res in table:
        a = res.answers
        if a.location == "widespread" and a.hydration in ("poor", "heavy_sweating"):
            assert res.verdict != "consistent_with_healing"
            loc = res.reason("location")
            assert "electrolyte" in loc.points_to and "dehydration" in loc.points_to
            hyd = res.reason("context: hydration")
            assert hyd.direction == "problem" and "electrolyte" in hyd.points_to
            assert "electrolytes_dehydration" in res.likely_causes
        if a.location == "radiating":
            assert res.verdict != "consistent_with_healing"
            assert "nerve" in res.reason("location").points_to
        if a.timing in ("during_exertion", "after_exertion"):
            assert "overuse" in res.reason("timing").points_to
            assert res.verdict != "consistent_with_healing"
        if a.symptoms & {"numbness", "tingling", "weakness"}:
            assert "nerve" in res.reason("accompanying symptoms").points_to
        if "fever" in a.symptoms:
            assert "infection" in res.reason("accompanying symptoms").points_to


def test_one_reason_per_criterion_with_the_answer_given(table):
    distinct = {}
    for res in table:
        assert tuple(r.criterion for r in res.reasons) == CRITERIA
        distinct.update((id(r), r) for r in res.reasons)
        a = res.answers
        assert res.reason("intensity").answer.startswith(a.intensity)
        assert res.reason("course over time").answer in ("lessening", "about the same", "worsening")
        symptoms_answer = res.reason("accompanying symptoms").answer
        assert symptoms_answer == ("none" if not a.symptoms else symptoms_answer)
        assert all(s in symptoms_answer for s in a.symptoms)
    for r in distinct.values():  # reasons are shared between rows: check each distinct one once
        assert r.direction in ("healing", "neutral", "problem")
        assert r.answer and r.why and r.points_to


def test_next_steps_follow_the_course(table):
    for res in table:
        steps = " ".join(res.next_steps).lower()
        assert res.next_steps
        assert "health professional" in steps  # always says when to get help
        if res.verdict == "seek_care":
            assert res.next_steps[0].startswith("See a health professional")
            assert "heat" not in steps  # no heat advice when a red flag may mean infection
        if res.verdict == "consistent_with_healing":
            assert "controlled" in steps and "fluid" in steps
            # source article treatment table: cold within the first 48 h, heat after the acute phase
            if res.answers.days_since_injury <= 2:
                assert "first 48 hours" in steps and "cold" in steps
            else:
                assert "heat" in steps
        if "electrolytes_dehydration" in res.likely_causes and res.verdict != "seek_care":
            assert "electrolytes" in steps
        if "overuse" in res.likely_causes and res.verdict != "seek_care":
            assert "rest" in steps


def test_verdict_counts_are_stable(table):
    # Not a hard-coded oracle: the counts follow from the rules. With red flags decided by the spec
    # alone, the number of seek_care rows must equal the number of rows with any spec red flag.
    counts = Counter(a.verdict for a in table)
    n_flagged = sum(bool(spec_red_flags(a.answers)) for a in table)
    assert counts["seek_care"] == n_flagged
    assert counts["consistent_with_healing"] <= sum(spec_healing_conditions(a.answers) for a in table)


# ------------------------------------------------------------------------------------------------
# Properties
# ------------------------------------------------------------------------------------------------
answers_strategy = st.builds(
    lambda injury, days, timing, intensity, trend, weeks, location, symptoms, hydration: Answers(
        injury,
        days if injury else None,
        timing if (injury or timing != "rest_after_injury") else "night",
        intensity, trend, weeks, location, symptoms, hydration,
    ),
    st.booleans(),
    st.integers(0, 365).map(float),
    st.sampled_from(TIMINGS),
    st.sampled_from(INTENSITIES),
    st.sampled_from(TRENDS),
    st.floats(0, 520, allow_nan=False),
    st.sampled_from(LOCATIONS),
    st.frozensets(st.sampled_from(SYMPTOMS)),
    st.sampled_from(HYDRATIONS),
)


@settings(max_examples=150, deadline=None)
@given(answers_strategy, st.sampled_from(SYMPTOMS))
def test_adding_a_symptom_never_makes_the_verdict_safer(a, extra):
    before = assess(a)
    after = assess(Answers(**{**a.as_dict(), "symptoms": a.symptoms | {extra}}))
    assert RANK[after.verdict] >= RANK[before.verdict]


@settings(max_examples=150, deadline=None)
@given(answers_strategy)
def test_more_severe_or_worse_course_never_makes_the_verdict_safer(a):
    base = RANK[assess(a).verdict]
    for field, order in (("intensity", INTENSITIES), ("trend", TRENDS)):
        i = order.index(getattr(a, field))
        for worse in order[i:]:
            assert RANK[assess(Answers(**{**a.as_dict(), field: worse})).verdict] >= base


@settings(max_examples=100, deadline=None)
@given(answers_strategy)
def test_summary_is_plain_deterministic_text_with_everything(a):
    res = assess(a)
    text = res.summary()
    assert text == assess(a).summary()
    assert VERDICT_LABELS[res.verdict].upper() in text and f"({res.verdict})" in text
    assert DISCLAIMER in text
    for criterion in CRITERIA:
        assert f"  - {criterion} (" in text
    for f in res.red_flags:
        assert f.label in text
    for step in res.next_steps:
        assert step in text
    assert "<" not in text and "0x" not in text


# ------------------------------------------------------------------------------------------------
# Worked cases of the issue
# ------------------------------------------------------------------------------------------------
def test_mild_localized_spasms_after_a_strain_lessening_are_consistent_with_healing():
    res = assess(make(days_since_injury=4.0, intensity="mild", location="localized", trend="lessening"))
    assert res.verdict == "consistent_with_healing"
    assert not res.red_flags
    assert res.reason("timing").direction == "healing"
    assert res.reason("location").direction == "healing"


def test_widespread_cramps_after_heavy_sweating_with_poor_fluid_point_to_electrolytes():
    for hydration in ("poor", "heavy_sweating"):
        res = assess(make(recent_injury=False, days_since_injury=None, timing="after_exertion",
                          intensity="moderate", trend="unchanged", duration_weeks=1.0,
                          location="widespread", hydration=hydration))
        assert res.verdict == "monitor"
        loc = res.reason("location")
        assert loc.direction == "problem"
        assert "electrolyte" in loc.points_to and "dehydration" in loc.points_to
        assert "electrolyte" in res.reason("context: hydration").points_to
        assert "electrolytes_dehydration" in res.likely_causes


def test_radiating_spasms_with_numbness_need_care_for_a_nerve_cause():
    res = assess(make(location="radiating", symptoms={"numbness"}, trend="unchanged", timing="no_pattern",
                      days_since_injury=10.0, duration_weeks=1.0))
    assert res.verdict == "seek_care"
    assert [f.flag for f in res.red_flags] == ["numbness"]
    assert "nerve" in res.reason("location").points_to
    assert "nerve" in res.reason("accompanying symptoms").points_to
    assert "nerve" in res.likely_causes


def test_swelling_redness_and_fever_need_care_for_infection():
    res = assess(make(symptoms={"swelling", "redness", "fever"}))
    assert res.verdict == "seek_care"
    assert {f.flag for f in res.red_flags} == {"fever", "redness_with_swelling"}
    assert "infection" in res.reason("accompanying symptoms").points_to
    assert "infection_inflammation" in res.likely_causes


def test_severe_persistent_pain_needs_care():
    res = assess(make(intensity="severe", trend="unchanged"))
    assert res.verdict == "seek_care"
    assert [f.flag for f in res.red_flags] == ["severe_intensity"]


def test_spasms_worsening_after_6_weeks_need_care():
    res = assess(make(days_since_injury=50.0, duration_weeks=6.5, trend="worsening"))
    assert res.verdict == "seek_care"
    assert {f.flag for f in res.red_flags} == {"worsening", "persisting_6_weeks"}
    assert res.reason("duration").direction == "problem"


def test_six_week_threshold_and_lessening_exception():
    # COURSE_SPEC: spasms lasting 6 weeks or more that are not lessening are a red flag
    assert assess(make(days_since_injury=50.0, duration_weeks=6.0, trend="unchanged")).verdict == "seek_care"
    assert assess(make(days_since_injury=50.0, duration_weeks=5.5, trend="unchanged")).verdict != "seek_care"
    assert assess(make(days_since_injury=50.0, duration_weeks=7.0, trend="lessening")).verdict != "seek_care"


def test_spasms_that_began_before_the_injury_are_not_explained_by_it():
    res = assess(make(days_since_injury=2.0, duration_weeks=4.0))
    assert res.verdict == "monitor"
    assert res.reason("duration").causes == ("unrelated_to_injury",)


def test_cold_first_then_heat():
    # source article treatment table: cold within the first 48 hours, heat after the acute phase
    early = " ".join(assess(make(days_since_injury=1.0, duration_weeks=0.0)).next_steps)
    late = " ".join(assess(make(days_since_injury=10.0, duration_weeks=1.0)).next_steps)
    assert "first 48 hours" in early and "cold" in early.lower()
    assert "Past the first 48 hours, heat" in late


# ------------------------------------------------------------------------------------------------
# Bad input: clear messages, never a silent default
# ------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("kw", "exc", "words"),
    [
        (dict(recent_injury=False, days_since_injury=3.0, timing="night"), ValueError,
         ["days_since_injury", "recent_injury"]),
        (dict(days_since_injury=None), ValueError, ["days_since_injury", "missing"]),
        (dict(days_since_injury=-1.0), ValueError, ["days_since_injury", "[0, 365] days"]),
        (dict(recent_injury=False, days_since_injury=None), ValueError, ["rest_after_injury", "'night'"]),
        (dict(timing="morning"), ValueError, ["timing", "'rest_after_injury'", "'no_pattern'"]),
        (dict(intensity="extreme"), ValueError, ["intensity", "'mild'", "'severe'"]),
        (dict(trend=None), ValueError, ["trend", "'lessening'"]),
        (dict(location="left leg"), ValueError, ["location", "'radiating'"]),
        (dict(hydration="ok"), ValueError, ["hydration", "'heavy_sweating'"]),
        (dict(symptoms={"itching"}), ValueError, ["symptoms", "'numbness'"]),
        (dict(symptoms="fever"), TypeError, ["symptoms", "'fever'"]),
        (dict(symptoms=None), TypeError, ["symptoms", "empty for none"]),
        (dict(recent_injury="yes"), TypeError, ["recent_injury", "True or False"]),
        (dict(duration_weeks=-0.5), ValueError, ["duration_weeks", "weeks"]),
        (dict(duration_weeks="2"), TypeError, ["duration_weeks"]),
        (dict(timing=Intensity.MILD), ValueError, ["timing"]),
    ],
)
def test_bad_or_contradictory_answers_get_a_clear_message(kw, exc, words):
    with pytest.raises(exc) as info:
        make(**kw)
    for w in words:
        assert w in str(info.value), str(info.value)


def test_missing_answers_are_not_filled_in():
    with pytest.raises(TypeError, match="hydration"):
        Answers(True, 3.0, "rest_after_injury", "mild", "lessening", 0.5, "localized", frozenset())  # type: ignore[call-arg]


@settings(max_examples=60, deadline=None)
@given(
    st.sampled_from(["days_since_injury", "duration_weeks"]),
    st.one_of(
        st.just(math.nan), st.just(math.inf), st.just(-math.inf), st.floats(-1e9, -1e-9),
        st.floats(1e4, 1e300), st.just("3"), st.just([1.0]), st.just(True), st.just(complex(1, 1)),
    ),
)
def test_bad_numbers_raise_only_value_or_type_error_naming_the_field(field, value):
    with pytest.raises((ValueError, TypeError)) as info:
        make(**{field: value})
    assert field in str(info.value)


def test_answers_from_presentation_checks_keys():
    good = make().as_dict()
    assert answers_from_presentation(good) == make()
    with pytest.raises(ValueError, match="missing hydration"):
        answers_from_presentation({k: v for k, v in good.items() if k != "hydration"})
    with pytest.raises(ValueError, match="unknown mood"):
        answers_from_presentation({**good, "mood": "fine"})
    with pytest.raises(TypeError, match="presentation"):
        answers_from_presentation([("timing", "night")])  # type: ignore[arg-type]
    assert assess(good) == assess(make())  # a dict of the fields is accepted and validated
    with pytest.raises(ValueError, match="missing timing"):
        assess({k: v for k, v in good.items() if k != "timing"})
    with pytest.raises(TypeError, match="answers"):
        assess(("timing", "night"))  # type: ignore[arg-type]


# ------------------------------------------------------------------------------------------------
# Notebook-04 scenarios as worked cases (course.healing is written in parallel)
# ------------------------------------------------------------------------------------------------
SCENARIO_NAMES = (
    "healing", "overuse", "electrolyte_imbalance", "dehydration", "nerve_compression", "infection"
)


@pytest.mark.parametrize("name", SCENARIO_NAMES)
def test_scenarios_classify_as_their_cause(name):
    healing = pytest.importorskip("course.healing")
    from course.selfcheck import scenario_answers

    assert set(healing.SCENARIOS) == set(SCENARIO_NAMES)
    assert set(healing.SCENARIOS[name].presentation) == set(ANSWER_FIELDS)
    res = assess(scenario_answers(name))
    expected = {
        "healing": ("consistent_with_healing", "healing"),
        "overuse": (None, "overuse"),
        "electrolyte_imbalance": (None, "electrolytes_dehydration"),
        "dehydration": (None, "electrolytes_dehydration"),
        "nerve_compression": ("seek_care", "nerve"),
        "infection": ("seek_care", "infection_inflammation"),
    }[name]
    verdict, cause = expected
    if verdict is None:
        assert res.verdict != "consistent_with_healing"
    else:
        assert res.verdict == verdict
    assert cause in res.likely_causes, (name, res.likely_causes)


# ------------------------------------------------------------------------------------------------
# Quizzes
# ------------------------------------------------------------------------------------------------
def test_criteria_quiz_answers_match_the_engine():
    cases = [
        make(days_since_injury=5.0, symptoms={"numbness"}),
        make(recent_injury=False, days_since_injury=None, timing="after_exertion", intensity="moderate",
             trend="unchanged", duration_weeks=0.5, location="widespread", hydration="heavy_sweating"),
        make(days_since_injury=2.0, symptoms={"swelling"}),
    ]
    verdicts = [assess(c).verdict for c in cases]
    assert verdicts == ["seek_care", "monitor", "monitor"]
    assert "See a health professional" in CRITERIA_QUESTIONS[0].options[CRITERIA_QUESTIONS[0].correct]
    assert "Overuse" in CRITERIA_QUESTIONS[1].options[CRITERIA_QUESTIONS[1].correct]
    assert set(assess(cases[1]).likely_causes) >= {"overuse", "electrolytes_dehydration"}
    # closing case of the final quiz: radiating, worsening, tingling after a back strain
    closing = assess(make(days_since_injury=21.0, duration_weeks=3.0, location="radiating", trend="worsening",
                          timing="no_pattern", symptoms={"tingling"}))
    assert closing.verdict == "seek_care" and "nerve" in closing.likely_causes
    assert "red flags" in QUESTIONS[-1].options[QUESTIONS[-1].correct]


def test_quizzes_are_well_formed():
    assert len(QUESTIONS) >= 6 and len(CRITERIA_QUESTIONS) >= 2
    for q in [*QUESTIONS, *CRITERIA_QUESTIONS]:
        assert len(q.feedback) == len(q.options) and all(q.feedback)
    covered = {int(m.group(1)) for q in QUESTIONS if (m := re.match(r"Notebook 0(\d)", q.prompt))}
    assert covered == {1, 2, 3, 4, 5}
    assert len({q.correct for q in QUESTIONS}) > 1  # the right answer is not always in the same place


# ------------------------------------------------------------------------------------------------
# The widget
# ------------------------------------------------------------------------------------------------
def _luminance(hex_colour: str) -> float:
    rgb = [int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def _contrast(a: str, b: str) -> float:
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


CASES = {
    "demo_healing": SimpleNamespace(
        title="Healing", description="a textbook case", presentation=make().as_dict()
    ),
    "demo_nerve": make(location="radiating", symptoms={"numbness"}, days_since_injury=10.0).as_dict(),
}


@pytest.fixture(scope="module")
def widget():
    from course.ui.selfcheck import self_check

    return self_check(cases=CASES)


def test_banner_text_contrast_meets_wcag_aa():
    from course.ui.selfcheck import VERDICT_COLOURS

    assert set(VERDICT_COLOURS) == set(VERDICTS)
    backgrounds = {bg for bg, _fg in VERDICT_COLOURS.values()}
    assert len(backgrounds) == 3  # each verdict its own colour (plus its own word and icon)
    for bg, fg in VERDICT_COLOURS.values():
        assert _contrast(bg, fg) >= 4.5, (bg, fg)  # WCAG 2.1 SC 1.4.3


def test_widget_handles_and_css_classes(widget):
    from course.ui.selfcheck import SelfCheck

    assert isinstance(widget, SelfCheck)
    for name in ("recent_injury", "days_since_injury", *("timing", "intensity", "trend", "location"),
                 "duration_weeks", "hydration", *(f"symptom_{s}" for s in SYMPTOMS)):
        assert name in widget.controls
    assert "selfcheck-verdict" in widget.verdict_html._dom_classes
    assert "selfcheck-check" in widget.check_button._dom_classes
    assert "selfcheck-timing" in widget.controls["timing"]._dom_classes
    assert DISCLAIMER.split(".")[0] in widget.disclaimer_html.value
    assert widget.disclaimer_html in widget.children  # always shown, before any check
    assert set(widget.case_buttons) == set(CASES)


def _fill(widget, a: Answers) -> None:
    c = widget.controls
    c["recent_injury"].value = "yes" if a.recent_injury else "no"
    if a.days_since_injury is not None:
        c["days_since_injury"].value = a.days_since_injury
    for key in ("timing", "intensity", "trend", "location", "hydration"):
        c[key].value = getattr(a, key)
    c["duration_weeks"].value = a.duration_weeks
    for s in SYMPTOMS:
        c[f"symptom_{s}"].value = s in a.symptoms


def test_widget_driven_from_python_gives_the_same_verdict_as_assess(widget):
    rng = random.Random(6)
    cases = [make(), make(symptoms={"fever"}), make(location="widespread")]
    while len(cases) < 43:
        injury = rng.random() < 0.6
        timing = rng.choice(TIMINGS)
        if not injury and timing == "rest_after_injury":
            continue
        cases.append(Answers(
            injury, float(rng.randint(0, 60)) if injury else None, timing, rng.choice(INTENSITIES),
            rng.choice(TRENDS), rng.choice([0.0, 0.5, 2.0, 6.0, 8.5]), rng.choice(LOCATIONS),
            frozenset(s for s in SYMPTOMS if rng.random() < 0.15), rng.choice(HYDRATIONS),
        ))
    for a in cases:
        _fill(widget, a)
        assert widget.assessment is None  # changing answers clears the old verdict
        assert 'data-verdict=""' in widget.verdict_html.value
        widget.check_button.click()
        expected = assess(a)
        assert widget.error is None
        assert widget.assessment == expected
        html = widget.verdict_html.value
        assert f'data-verdict="{expected.verdict}"' in html
        assert VERDICT_LABELS[expected.verdict] in html and expected.icon in html
        for r in expected.reasons:
            assert r.criterion in widget.reasons_html.value
        for f in expected.red_flags:
            assert f.label in widget.red_flags_html.value
        assert expected.next_steps[0].split(",")[0] in widget.next_steps_html.value
        fig = widget.figures["criteria"]
        assert list(fig.data[0].y) == list(CRITERIA)
        assert len(fig.data[0].x) == len(CRITERIA)


def test_widget_reports_incomplete_and_contradictory_answers(widget):
    widget.controls["timing"].value = None
    widget.check_button.click()
    assert widget.assessment is None and "timing" in widget.error
    assert 'data-verdict="error"' in widget.verdict_html.value and 'role="alert"' in widget.verdict_html.value
    widget.controls["timing"].value = "rest_after_injury"
    widget.controls["recent_injury"].value = "no"
    assert widget.controls["days_since_injury"].disabled
    widget.check_button.click()
    assert "rest_after_injury" in widget.error


def test_widget_loads_worked_cases(widget):
    widget.case_buttons["demo_nerve"].click()
    assert widget.assessment.verdict == "seek_care"
    assert "demo_nerve" in widget.case_note.value
    res = widget.load_case("demo_healing")
    assert res.verdict == "consistent_with_healing"
    assert "Healing" in widget.case_note.value
    assert widget.summary_html.value.count("Verdict:") == 1
    with pytest.raises(ValueError, match="demo_healing"):
        widget.load_case("nope")


def test_default_widget_has_one_button_per_scenario():
    healing = pytest.importorskip("course.healing")
    from course.ui.selfcheck import self_check

    w = self_check()
    assert set(w.case_buttons) == set(healing.SCENARIOS)
    for name in healing.SCENARIOS:
        assert w.load_case(name) == assess(answers_from_presentation(healing.SCENARIOS[name].presentation))


def test_notebook_examples_give_the_issue_verdicts():
    from course.selfcheck import EXAMPLES

    expected = {
        "strain_healing": ("consistent_with_healing", "healing"),
        "sweaty_cramps": ("monitor", "electrolytes_dehydration"),
        "radiating_numb": ("seek_care", "nerve"),
        "infected_strain": ("seek_care", "infection_inflammation"),
        "severe_pain": ("seek_care", "persisting_problem"),
        "worse_after_6_weeks": ("seek_care", "persisting_problem"),
    }
    assert set(EXAMPLES) == set(expected)
    for name, (_description, answers) in EXAMPLES.items():
        res = assess(answers)
        assert (res.verdict, expected[name][1] in res.likely_causes) == (expected[name][0], True), name


def test_criteria_grid_is_a_static_figure_with_text_alternative():
    from course.selfcheck import EXAMPLES
    from course.ui.selfcheck import criteria_grid, criteria_grid_text

    results = {name: assess(a) for name, (_d, a) in EXAMPLES.items()}
    fig = criteria_grid(results)
    n_points = sum(len(t.x) for t in fig.data[:3])
    assert n_points == len(results) * len(CRITERIA)
    n_flag_cells = sum(len({f.criterion for f in r.red_flags}) for r in results.values())
    assert len(fig.data[3].x) == n_flag_cells > 0
    symbols = {t.marker.symbol for t in fig.data}
    assert len(symbols) == 4  # direction carried by shape (+ red-flag frame), not colour alone
    text = criteria_grid_text(results)
    assert all(name in text for name in results) and "verdict see a health professional" in text
