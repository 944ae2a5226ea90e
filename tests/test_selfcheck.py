"""Tests for the self-check, version 2 (notebook 06): urgency tiers, floors, monotonicity, text rules, form.

Where the rules come from (full citations in REFERENCES.md, Notebook 06):
- Vocabularies, tiers, the floor table, the self-care conditions, monotonicity and the text rules:
  COURSE_SPEC.md, "The self-check, version 2". The clinical sources behind each floor row are NHS
  "Leg cramps" (urgent if a cramp lasts > 10 min or a wound could cause tetanus; see a GP with numbness
  or swelling), NHS "DVT" / NICE NG158 (urgent same day), Society for Endocrinology acute hypocalcaemia
  guidance 2016 (tingling, carpopedal spasm → urgent; after thyroidectomy → hospital), BOAST compartment
  syndrome, cauda equina pathways (999/A&E), NICE NG51 sepsis, NICE NG232 head injury, Hew-Butler et al.
  2015 (exercise-associated hyponatraemia: do not advise more fluid). The clinical vignettes with one
  source each are in tests/data/selfcheck_vignettes.toml (tests/test_vignettes.py).
- Text contrast ≥ 4.5:1: WCAG 2.1 SC 1.4.3 (relative-luminance formula).

Rewritten for version 2 (2026-12): the version-1 test that capped "swelling or redness alone" at
"monitor" locked in an unsafe rule (it contradicted the NHS leg-cramps page and the source article) and
was removed; so were the tests that required one "seek_care" tier for every red flag.
"""

from __future__ import annotations

import dataclasses
import html
import itertools
from types import SimpleNamespace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from course import DISCLAIMER, EMERGENCY_LINE
from course.selfcheck import (
    AGE_BANDS,
    ANSWER_FIELDS,
    BODY_REGIONS,
    CONTEXTS,
    CRITERIA,
    DANGER_SIGNS,
    DESTINATIONS,
    EXAMPLES,
    FLOORS,
    HYDRATIONS,
    INTENSITIES,
    LOCATIONS,
    SELF_CARE_CONDITIONS,
    SYMPTOMS,
    TIERS,
    TIMINGS,
    TRENDS,
    Answers,
    Floor,
    Intensity,
    Timing,
    all_answers,
    answers_from_presentation,
    assess,
    floor_table,
    screen,
    tier_rank,
    urgency_of,
)

SETS = {"symptoms": SYMPTOMS, "danger_signs": DANGER_SIGNS, "context": CONTEXTS}
BENIGN = dict(
    recent_injury=False, days_since_injury=None, timing="no_pattern", intensity="mild", trend="lessening",
    duration_weeks=1.0, location="localized", symptoms=frozenset(), hydration="adequate",
    danger_signs=frozenset(), context=frozenset(), body_region="arm_or_hand", age_band="16_to_64",
)
HEALING = {**BENIGN, "recent_injury": True, "days_since_injury": 4.0, "timing": "rest_after_injury",
           "duration_weeks": 0.5, "body_region": "leg"}


def make(base: dict = HEALING, **kw) -> Answers:
    return Answers(**{**base, **kw})


def rank(a: Answers) -> int:
    return tier_rank(urgency_of(a))


# ------------------------------------------------------------------------------------------------
# Vocabulary and validation
# ------------------------------------------------------------------------------------------------
def test_vocabulary_is_exactly_the_spec():
    assert TIERS == ("emergency_now", "urgent_today", "see_soon", "routine", "self_care")
    assert set(DANGER_SIGNS) == {
        "chest_pain", "breathing_or_swallowing_difficulty", "jaw_stiff_or_locked", "confusion_or_fainting",
        "one_sided_face_or_body_weakness", "saddle_numbness_or_bladder_bowel_change",
        "dark_or_very_little_urine", "tense_limb_pain_out_of_proportion"}
    assert set(CONTEXTS) == {
        "recent_surgery", "immobile_or_long_journey", "cast_or_tight_bandage", "wound_or_puncture",
        "head_or_neck_injury", "neck_or_thyroid_surgery", "new_or_changed_medicine",
        "pregnant_or_recently_gave_birth", "drank_lots_of_plain_water"}
    assert set(BODY_REGIONS) == {"leg", "foot", "back", "neck_or_shoulder", "arm_or_hand", "face_or_jaw",
                                 "chest_or_abdomen", "several_areas"}
    assert set(AGE_BANDS) == {"under_16", "16_to_64", "65_or_over"}
    assert set(SYMPTOMS) == {"swelling", "redness", "fever", "numbness", "tingling", "weakness", "warmth",
                             "one_leg_swollen", "mouth_or_fingertip_tingling", "hand_or_foot_clawing",
                             "cramp_over_10_minutes", "feeling_very_unwell"}
    assert set(TIMINGS) == {"rest_after_injury", "during_exertion", "after_exertion", "night", "no_pattern"}
    assert INTENSITIES == ("mild", "moderate", "severe") and TRENDS == ("lessening", "unchanged", "worsening")
    assert set(LOCATIONS) == {"localized", "widespread", "radiating"}
    assert set(HYDRATIONS) == {"adequate", "poor", "heavy_sweating"}
    assert set(ANSWER_FIELDS) == {f.name for f in dataclasses.fields(Answers)}


def test_new_answers_are_required():
    kw = dict(HEALING)
    for name in ("danger_signs", "context", "body_region", "age_band"):
        partial = {k: v for k, v in kw.items() if k != name}
        with pytest.raises(TypeError, match=name):
            Answers(**partial)


def test_enum_members_are_stored_as_plain_strings():
    a = make(timing=Timing.REST_AFTER_INJURY, intensity=Intensity.MODERATE)
    assert type(a.timing) is str and type(a.intensity) is str and a.intensity == "moderate"


@pytest.mark.parametrize(
    ("kw", "exc", "words"),
    [
        ({"timing": 5}, TypeError, ["timing", "string"]),
        ({"body_region": None}, TypeError, ["body_region"]),
        ({"age_band": "adult"}, ValueError, ["age_band", "16_to_64"]),
        ({"danger_signs": "chest_pain"}, TypeError, ["danger_signs", "set"]),
        ({"context": {"surgery"}}, ValueError, ["context", "recent_surgery"]),
        ({"symptoms": [None]}, TypeError, ["symptoms"]),
        ({"symptoms": None}, TypeError, ["symptoms"]),
        ({"recent_injury": "yes"}, TypeError, ["recent_injury"]),
        ({"days_since_injury": 100.0}, ValueError, ["days_since_injury", "84"]),
        ({"days_since_injury": float("nan")}, ValueError, ["days_since_injury"]),
        ({"duration_weeks": -1.0}, ValueError, ["duration_weeks", "520"]),
        ({"recent_injury": False}, ValueError, ["days_since_injury", "recent_injury"]),
        ({"recent_injury": False, "days_since_injury": None}, ValueError, ["rest_after_injury", "recent_injury"]),
        ({"days_since_injury": None}, ValueError, ["days_since_injury", "missing"]),
    ],
)
def test_bad_or_contradictory_answers_get_a_clear_message(kw, exc, words):
    with pytest.raises(exc) as info:
        make(**kw)
    for w in words:
        assert w in str(info.value), (w, str(info.value))


def test_minus_zero_is_read_as_zero_and_huge_numbers_give_short_messages():
    a = make(days_since_injury=-0.0, duration_weeks=-0.0)
    assert str(a.days_since_injury) == "0.0" and str(a.duration_weeks) == "0.0"
    assert "-0" not in a.describe()[4][1]
    with pytest.raises(ValueError) as info:
        make(duration_weeks=10**400)
    assert "duration_weeks" in str(info.value) and len(str(info.value)) < 200


def test_answers_from_presentation_needs_exactly_the_fields():
    good = make().as_dict()
    assert answers_from_presentation(good) == make()
    with pytest.raises(ValueError, match="missing age_band"):
        answers_from_presentation({k: v for k, v in good.items() if k != "age_band"})
    with pytest.raises(ValueError, match="unknown extra"):
        answers_from_presentation({**good, "extra": 1})


# ------------------------------------------------------------------------------------------------
# The floor table: every row on its own, and the spec's rows written out independently
# ------------------------------------------------------------------------------------------------
def trigger(f: Floor) -> Answers:
    """The most benign answers that fire floor ``f`` (built from its clauses)."""
    kw = dict(HEALING if f.injury is not False else BENIGN)
    kw["trend"] = "lessening"
    for name, values in f.any_of.items():
        value = sorted(values)[0]
        kw[name] = frozenset({value}) | kw.get(name, frozenset()) if name in SETS else value
    for name, values in f.all_of.items():
        kw[name] = frozenset(values) | kw.get(name, frozenset())
    kw.update(f.at_least)
    if f.days_over is not None:
        kw["days_since_injury"] = f.days_over + 1.0
    if f.days_at_most is not None:
        kw["days_since_injury"] = f.days_at_most
        kw["duration_weeks"] = 0.0
    if f.weeks_at_least is not None:
        kw["duration_weeks"] = f.weeks_at_least
        if kw["recent_injury"]:
            kw["days_since_injury"] = 84.0
    return Answers(**kw)


@pytest.mark.parametrize("floor", FLOORS, ids=[f.key for f in FLOORS])
def test_every_floor_on_its_own(floor):
    a = trigger(floor)
    r = assess(a)
    assert floor.fires(a)
    assert tier_rank(r.urgency) >= tier_rank(floor.tier), (floor.key, r.urgency)
    flag = next(fl for fl in r.red_flags if fl.flag == floor.key)
    assert flag.tier == floor.tier and flag.why and flag.label
    # the reason of its criterion names it
    assert floor.why in r.reason(floor.criterion).why


SPEC_TABLE = [  # (row of COURSE_SPEC's floor table, answers, at least)
    ("any danger sign", [{"danger_signs": {s}} for s in DANGER_SIGNS], "emergency_now"),
    ("head/neck injury + radiating", [{"context": {"head_or_neck_injury"}, "location": "radiating"}], "emergency_now"),
    ("head/neck injury + numbness/tingling/weakness",
     [{"context": {"head_or_neck_injury"}, "symptoms": {s}} for s in ("numbness", "tingling", "weakness")],
     "emergency_now"),
    ("head/neck injury + neck region", [{"context": {"head_or_neck_injury"}, "body_region": "neck_or_shoulder"}],
     "emergency_now"),
    ("one leg swollen", [{"symptoms": {"one_leg_swollen"}, "body_region": "arm_or_hand"}], "urgent_today"),
    ("leg swelling/warmth/redness + clot risk",
     [{"symptoms": {s}, "context": {c}, "body_region": "leg"}
      for s in ("swelling", "warmth", "redness")
      for c in ("recent_surgery", "immobile_or_long_journey", "cast_or_tight_bandage",
                "pregnant_or_recently_gave_birth")], "urgent_today"),
    ("possible low Ca", [{"symptoms": {"mouth_or_fingertip_tingling"}}, {"symptoms": {"hand_or_foot_clawing"}}],
     "urgent_today"),
    ("cramp > 10 min; weakness; wound",
     [{"symptoms": {"cramp_over_10_minutes"}}, {"symptoms": {"weakness"}}, {"context": {"wound_or_puncture"}}],
     "urgent_today"),
    ("fever + redness + swelling; fever + very unwell",
     [{"symptoms": {"fever", "redness", "swelling"}}, {"symptoms": {"fever", "feeling_very_unwell"}}],
     "urgent_today"),
    ("severe + swelling within 2 days of an injury",
     [{"intensity": "severe", "symptoms": {"swelling"}, "days_since_injury": d, "duration_weeks": 0.0}
      for d in (0.0, 1.0, 2.0)], "urgent_today"),
    ("fever alone; numbness or tingling; radiating; severe; worsening",
     [{"symptoms": {"fever"}}, {"symptoms": {"numbness"}}, {"symptoms": {"tingling"}}, {"location": "radiating"},
      {"intensity": "severe"}, {"trend": "worsening"}], "see_soon"),
    ("swelling/redness with no injury", [{**BENIGN, "symptoms": {s}} for s in ("swelling", "redness")], "see_soon"),
    ("swelling/redness after an injury, not lessening after day 3",
     [{"symptoms": {s}, "trend": t, "days_since_injury": 5.0}
      for s in ("swelling", "redness") for t in ("unchanged", "worsening")], "see_soon"),
    ("≥ 6 weeks and not lessening",
     [{**BENIGN, "duration_weeks": w, "trend": t} for w in (6.0, 52.0) for t in ("unchanged", "worsening")],
     "see_soon"),
    ("new medicine; under 16; chest/abdomen; face/jaw",  # the engine gives urgent_today for a new medicine (statins)
     [{"context": {"new_or_changed_medicine"}}, {"age_band": "under_16"}, {"body_region": "chest_or_abdomen"},
      {"body_region": "face_or_jaw"}], "see_soon"),
    ("lots of plain water + widespread or several areas",
     [{**BENIGN, "context": {"drank_lots_of_plain_water"}, "location": "widespread"},
      {**BENIGN, "context": {"drank_lots_of_plain_water"}, "body_region": "several_areas"}], "see_soon"),
]


@pytest.mark.parametrize(("row", "cases", "tier"), SPEC_TABLE, ids=[r[0] for r in SPEC_TABLE])
def test_spec_floor_table_rows(row, cases, tier):
    for kw in cases:  # entries built on BENIGN carry every field; the rest start from the healing strain
        a = Answers(**{**HEALING, **{k: frozenset(v) if isinstance(v, set) else v for k, v in kw.items()}})
        assert tier_rank(urgency_of(a)) >= tier_rank(tier), (row, kw, urgency_of(a))


def test_floor_table_is_printable_and_read_only():
    rows = floor_table()
    assert len(rows) == len(FLOORS) >= 30
    assert all(t in TIERS and when and why for t, when, why in rows)
    with pytest.raises(TypeError):
        FLOORS[0].any_of["danger_signs"] = frozenset()  # type: ignore[index]
    with pytest.raises(dataclasses.FrozenInstanceError):
        FLOORS[0].tier = "routine"  # type: ignore[misc]


def test_emergency_screen_on_its_own():
    for s in DANGER_SIGNS:
        flags = screen({s})
        assert len(flags) == 1 and flags[0].tier == "emergency_now"
    assert screen(frozenset()) == ()


# ------------------------------------------------------------------------------------------------
# Self-care, routine and the derived verdict
# ------------------------------------------------------------------------------------------------
def test_textbook_strain_is_self_care_and_each_condition_matters():
    assert assess(make()).urgency == "self_care"
    breaking = {
        "a recent injury": dict(BENIGN),
        "at most 42 days": {"days_since_injury": 50.0, "duration_weeks": 7.0, "trend": "lessening"},
        "began before the injury": {"days_since_injury": 4.0, "duration_weeks": 2.0},
        "began late": {"days_since_injury": 30.0, "duration_weeks": 1.0},
        "localized": {"location": "widespread"},
        "mild or moderate": {"intensity": "severe"},
        "unchanged after day 21": {"trend": "unchanged", "days_since_injury": 25.0, "duration_weeks": 3.0},
        "< 6 weeks": {"days_since_injury": 42.0, "duration_weeks": 6.0},
        "no symptoms": {"symptoms": frozenset({"warmth"})},
        "no danger signs": {"danger_signs": frozenset({"chest_pain"})},
        "context": {"context": frozenset({"immobile_or_long_journey"})},
        "age": {"age_band": "under_16"},
        "region": {"body_region": "face_or_jaw"},
    }
    for name, kw in breaking.items():
        a = Answers(**{**HEALING, **kw}) if name != "a recent injury" else Answers(**kw)
        assert assess(a).urgency != "self_care", name
    # allowed context and "unchanged" in the first 21 days
    assert assess(make(context=frozenset({"recent_surgery"}))).urgency == "self_care"
    assert assess(make(trend="unchanged", days_since_injury=10.0, duration_weeks=1.0)).urgency == "self_care"


def test_every_self_care_result_meets_every_condition():
    for a in all_answers(days_since_injury=4.0, duration_weeks=0.5):
        if urgency_of(a) == "self_care":
            assert all(test(a) for _text, test in SELF_CARE_CONDITIONS), a


def test_verdict_is_derived_from_the_tier():
    expected = {"emergency_now": "seek_care", "urgent_today": "seek_care", "see_soon": "seek_care",
                "routine": "monitor", "self_care": "consistent_with_healing"}
    for _d, a in EXAMPLES.values():
        r = assess(a)
        assert r.verdict == expected[r.urgency]


def test_fluids_alone_never_change_the_tier():
    # Dehydration alone does not change the cramp threshold (Miller 2010; Lau 2019): with no symptom ticked,
    # fluid answers change only the text. (Heavy sweating matters with "feeling very unwell" after exertion:
    # the heat-illness floor, NHS "Heat exhaustion and heatstroke"; drinking lots of plain water is a context.)
    for a in all_answers(days_since_injury=4.0, duration_weeks=0.5):
        if a.hydration == "adequate":
            tiers = {urgency_of(dataclasses.replace(a, hydration=h)) for h in HYDRATIONS}
            assert len(tiers) == 1, a


# ------------------------------------------------------------------------------------------------
# Monotonicity: exhaustive over the single-choice answers, every item added, every ordinal raised
# ------------------------------------------------------------------------------------------------
ITEMS = [(name, v) for name, vocab in SETS.items() for v in vocab]
NUMERIC = [(1.0, 0.0), (4.0, 0.5), (30.0, 4.0)]


def _grid():
    for days, weeks in NUMERIC:
        for a in all_answers(days_since_injury=days, duration_weeks=weeks):
            if a.hydration == "adequate":  # hydration never changes the tier (tested above)
                yield a


def test_adding_any_item_never_lowers_the_tier():
    checked = 0
    for a in _grid():
        r0 = rank(a)
        for name, v in ITEMS:
            b = dataclasses.replace(a, **{name: getattr(a, name) | {v}})
            assert rank(b) >= r0, (a, name, v)
            checked += 1
    assert checked > 500_000


def test_raising_intensity_trend_or_duration_never_lowers_the_tier():
    for a in _grid():
        r0 = rank(a)
        for name, order in (("intensity", INTENSITIES), ("trend", TRENDS)):
            for higher in order[order.index(getattr(a, name)) + 1:]:
                assert rank(dataclasses.replace(a, **{name: higher})) >= r0, (a, name, higher)
        # longer spasms with the same onset (time passing) never lower the tier
        if a.recent_injury:
            for extra in (1.0, 3.0, 6.0):
                if a.days_since_injury + extra * 7 <= 84:
                    b = dataclasses.replace(a, days_since_injury=a.days_since_injury + extra * 7,
                                            duration_weeks=a.duration_weeks + extra)
                    assert rank(b) >= r0, (a, extra)
        else:
            for w in (2.0, 6.0, 52.0):
                if w > a.duration_weeks:
                    assert rank(dataclasses.replace(a, duration_weeks=w)) >= r0, (a, w)


def test_floor_clauses_are_upward_closed():
    """Every floor clause is 'contains any/all of', 'at least' or 'duration at least' in the answers the
    monotonicity rule raises, so adding items can only switch floors on (this covers all 2^29 sets)."""
    for f in FLOORS:
        assert set(f.at_least) <= {"intensity", "trend"}
        assert all(v for v in f.any_of.values()) and all(v for v in f.all_of.values())


@settings(max_examples=300, deadline=None)
@given(
    st.sets(st.sampled_from(SYMPTOMS)), st.sets(st.sampled_from(CONTEXTS)), st.sets(st.sampled_from(DANGER_SIGNS)),
    st.sampled_from(BODY_REGIONS), st.sampled_from(LOCATIONS), st.sampled_from(INTENSITIES), st.sampled_from(TRENDS),
    st.sampled_from(ITEMS),
)
def test_adding_an_item_to_any_set_never_lowers_the_tier(sym, ctx, dng, region, loc, inten, trend, item):
    a = make(symptoms=sym, context=ctx, danger_signs=dng, body_region=region, location=loc, intensity=inten,
             trend=trend)
    name, v = item
    assert rank(dataclasses.replace(a, **{name: getattr(a, name) | {v}})) >= rank(a)


# ------------------------------------------------------------------------------------------------
# Text rules
# ------------------------------------------------------------------------------------------------
def _sample():
    yield from all_answers(days_since_injury=4.0, duration_weeks=0.5,
                           symptom_sets=[(), ("tingling",), ("weakness",), ("fever",), ("swelling",)],
                           context_sets=[(), ("drank_lots_of_plain_water",)])


def test_destination_comes_first_everywhere():
    for a in itertools.islice(_sample(), 0, None, 23):
        r = assess(a)
        assert r.next_steps[0] == r.destination == DESTINATIONS[r.urgency]
        assert r.summary().splitlines()[0] == r.destination
        assert DISCLAIMER in r.summary() and EMERGENCY_LINE in DISCLAIMER


def test_text_rules_over_a_grid():
    for a in itertools.islice(_sample(), 0, None, 5):
        r = assess(a)
        text = " ".join(r.next_steps)
        lowered = text.lower()
        if "drank_lots_of_plain_water" in a.context:
            assert "drink to thirst, not beyond" not in lowered or "do not drink more" in lowered
            for phrase in ("drink enough", "drink more water", "extra fluid", "replace electrolytes"):
                assert phrase not in lowered, (a, phrase)
        if "fever" in a.symptoms:
            assert "doctor" in lowered, a
        if "keep fading" in lowered:
            assert a.trend == "lessening", a
        if "began around the injury" in r.reason("duration").why:
            assert a.onset_day is not None and 0 <= a.onset_day <= 7
        if r.urgency == "routine":
            assert "2 weeks" in r.destination and "6 weeks" in r.destination
            assert any("By 2 weeks" in s for s in r.safety_net)
            assert "have them checked" not in (text + " ".join(r.safety_net)).lower()
        if "tingling" in a.symptoms and a.location == "widespread":
            assert "calcium" in lowered, a
        if "weakness" in a.symptoms and a.timing in ("during_exertion", "after_exertion"):
            assert "muscle breakdown" in lowered, a
        assert len(r.reasons) == len(CRITERIA) and [x.criterion for x in r.reasons] == list(CRITERIA)
        assert r.safety_net


def test_emergency_numbers_are_named_generically():
    for tier in ("emergency_now",):
        assert all(n in DESTINATIONS[tier] for n in ("999", "112", "911"))
    assert all(n in EMERGENCY_LINE for n in ("999", "112", "911"))


def test_worked_cases_give_the_expected_tiers():
    expected = {"strain_healing": "self_care", "night_cramps": "routine", "sciatica_like": "see_soon",
                "calf_after_surgery": "urgent_today", "after_thyroid_surgery": "emergency_now",
                "marathon_water": "emergency_now"}
    assert {k: assess(a).urgency for k, (_d, a) in EXAMPLES.items()} == expected
    marathon = assess(EXAMPLES["marathon_water"][1])
    assert "do not drink more" in " ".join(marathon.next_steps).lower()


# ------------------------------------------------------------------------------------------------
# The form
# ------------------------------------------------------------------------------------------------
def _luminance(hex_colour: str) -> float:
    rgb = [int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def _contrast(a: str, b: str) -> float:
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


CASES = {
    "demo_healing": SimpleNamespace(title="Healing", description="a textbook case", presentation=make().as_dict()),
    "demo_clot": make(symptoms={"one_leg_swollen"}).as_dict(),
}


@pytest.fixture
def form():
    from course.ui.selfcheck import self_check

    return self_check(cases=CASES)


def test_banner_text_contrast_meets_wcag_aa():
    from course.ui.selfcheck import TIER_COLOURS

    assert set(TIER_COLOURS) == set(TIERS)
    assert len({bg for bg, _fg in TIER_COLOURS.values()}) == len(TIERS)
    for bg, fg in TIER_COLOURS.values():
        assert _contrast(bg, fg) >= 4.5, (bg, fg)  # WCAG 2.1 SC 1.4.3


def test_form_starts_empty_and_names_every_unanswered_question(form):
    c = form.controls
    assert c["days_since_injury"].value == "" and c["duration_weeks"].value == ""
    assert all(c[k].value is None for k in ("body_region", "age_band", "recent_injury", "timing"))
    assert form.check() is None
    for word in ("danger_signs", "context", "symptoms", "body_region", "age_band", "duration_weeks", "none of these"):
        assert word in form.error


def test_a_danger_tick_shows_the_emergency_destination_at_once(form):
    form.controls["danger_chest_pain"].value = True
    assert "emergency_now" in form.emergency_html.value and "999" in form.emergency_html.value
    assert form.check() is None and "emergency_now" in form.emergency_html.value  # rest unanswered
    form.controls["danger_none"].value = True  # "none of these" clears the ticks
    assert not form.controls["danger_chest_pain"].value and form.emergency_html.value == ""
    form.controls["danger_jaw_stiff_or_locked"].value = True
    assert not form.controls["danger_none"].value


def test_numbers_out_of_range_get_a_message_not_a_clamp(form):
    form.set_answers(make())
    assert form.check().urgency == "self_care"
    for text, words in (("9999", ["duration_weeks", "520"]), ("abc", ["not a number"]), ("", ["duration_weeks"])):
        form.controls["duration_weeks"].value = text
        assert form.check() is None
        assert all(w in form.error for w in words), form.error
        assert form.controls["duration_weeks"].value == text  # left as typed
    form.controls["duration_weeks"].value = "0.5"
    form.controls["days_since_injury"].value = "200"
    assert form.check() is None and "days_since_injury" in form.error and "84" in form.error


def test_form_gives_the_same_result_as_assess(form):
    for _d, a in EXAMPLES.values():
        form.set_answers(a)
        got = form.check()
        assert got is not None and got.urgency == assess(a).urgency
        assert f'data-urgency="{got.urgency}"' in form.verdict_html.value
        assert html.escape(got.destination) in form.verdict_html.value
        assert "Safety net" in form.safety_net_html.value
        form.controls["trend"].value = "worsening" if a.trend != "worsening" else "lessening"
        assert form.assessment is None and form.result_box.layout.display == "none"  # stale result cleared


def test_form_loads_worked_cases(form):
    assert form.load_case("demo_healing").urgency == "self_care"
    assert form.load_case("demo_clot").urgency == "urgent_today"
    with pytest.raises(ValueError, match="demo_healing"):
        form.load_case("nope")


def test_every_control_has_a_label():
    from course.ui.selfcheck import QUESTIONS, self_check

    w = self_check(cases={})
    for key, control in w.controls.items():
        if hasattr(control, "options"):
            assert all(label for label, _v in control.options), key
        else:
            assert control.description, key
    assert {"danger", "context", "symptom", "body_region", "age_band"} <= set(QUESTIONS)


def test_default_form_loads_every_notebook_04_scenario():
    from course.healing import SCENARIOS
    from course.ui.selfcheck import self_check

    w = self_check()
    assert set(w.case_buttons) == set(SCENARIOS)
    for name in SCENARIOS:
        assert w.load_case(name) is not None, (name, w.error)


def test_form_linked_answers_and_one_refresh_per_change(form, monkeypatch):
    """The days box opens only with a recent injury; "none of these" clears its group and an item clears
    "none of these" (one recompute per user change, however many boxes it unticks)."""
    c = form.controls
    assert c["days_since_injury"].disabled
    c["recent_injury"].value = "yes"
    assert not c["days_since_injury"].disabled
    c["recent_injury"].value = "no"
    assert c["days_since_injury"].disabled
    for key in ("symptom_swelling", "symptom_fever", "symptom_numbness"):
        c[key].value = True
    calls = []
    monkeypatch.setattr(form, "compute", lambda inputs: calls.append(inputs) or type(form).compute(inputs))
    c["symptom_none"].value = True
    assert len(calls) == 1 and calls[0].answers is None and not calls[0].pressed
    assert not any(c[f"symptom_{s}"].value for s in SYMPTOMS)
    c["symptom_fever"].value = True
    assert len(calls) == 2 and not c["symptom_none"].value
    form.set_answers(make(symptoms={"swelling"}))
    assert len(calls) == 3 and calls[-1].answers == make(symptoms={"swelling"})
    assert not c["days_since_injury"].disabled and form.assessment is None


# ------------------------------------------------------------------------------------------------
# The form's pure compute (no widget built) and its figures
# ------------------------------------------------------------------------------------------------
def test_compute_after_check_is_the_engine_assessment():
    from course.figures.selfcheck import DIRECTION_STYLE
    from course.ui.selfcheck import SelfCheck, SelfCheckInputs

    for _d, a in EXAMPLES.values():
        view = SelfCheck.compute(SelfCheckInputs(a, danger_signs=a.danger_signs, pressed=True))
        want = assess(a)
        assert view.assessment == want and view.error is None and view.checked
        assert f'data-urgency="{want.urgency}"' in view.verdict and html.escape(want.destination) in view.verdict
        assert ('role="alert"' in view.verdict) == (want.urgency == "emergency_now")
        assert bool(view.emergency) == bool(a.danger_signs)
        r = view.result
        assert html.escape(want.destination) in r.destination and "Safety net" in r.safety_net
        assert html.escape(want.summary()) in r.summary
        assert all(html.escape(f.label) in r.red_flags for f in want.red_flags)
        assert tuple(r.points.y) == CRITERIA
        assert list(r.points.x) == [DIRECTION_STYLE[x.direction][3] for x in want.reasons]
        assert list(r.points.symbol) == [DIRECTION_STYLE[x.direction][4] for x in want.reasons]
        n_problem = sum(x.direction == "problem" for x in want.reasons)
        assert f"{n_problem} point toward a problem" in r.words and want.urgency in r.words


def test_compute_after_a_change_shows_no_result():
    from course.ui.selfcheck import SelfCheck, SelfCheckInputs

    for before, words in ((False, "Not checked yet"), (True, "Your answers changed")):
        view = SelfCheck.compute(SelfCheckInputs(make(), checked_before=before))
        assert view.assessment is None and view.result is None and view.error is None
        assert words in view.verdict and 'data-urgency=""' in view.verdict and view.emergency == ""
        assert view.checked == before


def test_compute_danger_sign_answers_at_once_and_errors_name_the_question():
    from course.ui.selfcheck import SelfCheck, SelfCheckInputs

    danger = frozenset({"chest_pain", "dark_or_very_little_urine"})
    for pressed in (False, True):  # before Check, and a Check of an otherwise unanswered form
        view = SelfCheck.compute(SelfCheckInputs(None, "unanswered: timing", danger, pressed=pressed))
        assert 'data-urgency="emergency_now"' in view.emergency and "999" in view.emergency
        assert view.emergency.count("<li>") == len(screen(danger)) == 2
        assert view.assessment is None and view.error is None and 'data-urgency=""' in view.verdict
    message = "duration_weeks='<b>' is not a number"
    view = SelfCheck.compute(SelfCheckInputs(None, message, pressed=True))
    assert view.error == message and html.escape(message) in view.verdict and "<b>'" not in view.verdict
    assert 'data-urgency="error"' in view.verdict and 'data-verdict="error"' in view.verdict
    assert view.checked and view.emergency == "" and view.result is None


def test_criteria_figures():
    from course.figures.selfcheck import (
        CRITERIA_TRACES,
        DIRECTION_STYLE,
        criteria_figure,
        criteria_grid,
        criteria_grid_text,
        criteria_points,
    )

    empty = criteria_figure(criteria_points(None))
    assert [t.name for t in empty.data] == list(CRITERIA_TRACES) and len(empty.data[0].x) == 0
    results = {name: assess(a) for name, (_d, a) in EXAMPLES.items()}
    one = criteria_figure(criteria_points(results["strain_healing"]))
    assert tuple(one.data[0].y) == CRITERIA and set(one.data[0].x) <= {s[3] for s in DIRECTION_STYLE.values()}
    grid = criteria_grid(results)
    assert [t.name for t in grid.data] == [s[1] for s in DIRECTION_STYLE.values()]
    assert sum(len(t.x) for t in grid.data) == len(results) * len(CRITERIA)
    assert [a.text.split()[-1] for a in grid.layout.annotations] == [r.urgency for r in results.values()]
    words = criteria_grid_text(results)
    assert all(f"{name}: " in words and f"urgency {r.urgency}" in words for name, r in results.items())


def test_acute_phase_has_one_home():
    from course import healing, selfcheck

    assert selfcheck.ACUTE_PHASE_DAYS is healing.ACUTE_PHASE_DAYS and "ACUTE_PHASE_DAYS" in selfcheck.__all__


# ------------------------------------------------------------------------------------------------
# Quizzes (keys checked against the engine)
# ------------------------------------------------------------------------------------------------
def test_triage_quiz_keys_match_the_engine():
    from course.quizzes.selfcheck import CRITERIA_QUESTIONS

    numb = assess(make(days_since_injury=5.0, duration_weeks=0.5, symptoms={"numbness"}))
    clot = assess(make(days_since_injury=4.0, duration_weeks=0.5, symptoms={"swelling", "warmth"},
                       context={"recent_surgery"}, intensity="moderate", trend="unchanged"))
    marathon = assess(EXAMPLES["marathon_water"][1])
    assert (numb.urgency, clot.urgency, marathon.urgency) == ("see_soon", "urgent_today", "emergency_now")
    keys = [q.options[q.correct] for q in CRITERIA_QUESTIONS[:3]]
    assert keys[0].startswith("See a GP or physiotherapist within about a week")
    assert keys[1].startswith("A doctor today") and keys[2].startswith("Call an emergency number")


def test_final_quiz_closing_case_matches_the_engine_and_no_key_is_always_longest():
    from course.quizzes.selfcheck import CRITERIA_QUESTIONS, QUESTIONS

    statin = assess(Answers(**{**BENIGN, "timing": "night", "intensity": "moderate", "trend": "unchanged",
                               "duration_weeks": 5.0, "location": "widespread", "body_region": "several_areas",
                               "context": frozenset({"new_or_changed_medicine"})}))
    assert statin.urgency == "urgent_today"  # NHS statins: unexplained muscle pain → doctor or 111 straight away
    assert QUESTIONS[-1].options[QUESTIONS[-1].correct].startswith("A doctor today")
    qs = [*CRITERIA_QUESTIONS, *QUESTIONS]
    longest = sum(max(range(len(q.options)), key=lambda i: len(q.options[i])) == q.correct for q in qs)
    assert longest / len(qs) <= 0.45
    assert all(len(q.feedback) == len(q.options) for q in qs)
