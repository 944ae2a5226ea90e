"""Tests for the self-check, version 3 (notebook 07): urgency tiers, floors, monotonicity, text rules, form.

Where the rules come from (full citations in REFERENCES.md, Notebook 07):
- Vocabularies, tiers, the floor table, the self-care conditions, monotonicity and the text rules:
  COURSE_SPEC.md, "The self-check, version 2". The clinical sources behind each floor row are NHS
  "Leg cramps" (urgent if a cramp lasts > 10 min or a wound could cause tetanus; see a GP with numbness
  or swelling), NHS "DVT" / NICE NG158 (urgent same day), Society for Endocrinology acute hypocalcaemia
  guidance 2016 (tingling, carpopedal spasm → urgent; after thyroidectomy → hospital), BOAST compartment
  syndrome, cauda equina pathways (999/A&E), NICE NG51 sepsis, NICE NG232 head injury, Hew-Butler et al.
  2015 (exercise-associated hyponatraemia: do not advise more fluid). The clinical vignettes with one
  source each are in tests/data/selfcheck_vignettes.toml (tests/test_vignettes.py).
- Text contrast ≥ 4.5:1: WCAG 2.1 SC 1.4.3 (relative-luminance formula).

Version 3 (COURSE_SPEC V3.2): the vocabulary test now spells out the 16 emergency questions, `history`,
four age bands and `onset`; the spec-table test covers the V3.2 rows (the flat see_soon rows for under-16s
and for the face or jaw, retired by V3.2, were removed from it); new tests: every floor carries its own
advice, retired values name their replacements, no self-care step at urgent_today or above, no engine
code in what people read, and the one non-monotone clause (`unless`) explains every lower tier.

Rewritten for version 2 (2026-12): the version-1 test that capped "swelling or redness alone" at
"monitor" locked in an unsafe rule (it contradicted the NHS leg-cramps page and the source article) and
was removed; so were the tests that required one "seek_care" tier for every red flag.
"""

from __future__ import annotations

import copy
import dataclasses
import html
import itertools
from pathlib import Path
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
    HISTORY,
    HYDRATIONS,
    INTENSITIES,
    LABELS,
    LOCATIONS,
    NO_ADVICE,
    ONSETS,
    SELF_CARE_CONDITIONS,
    SELF_CARE_WORDS,
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

SETS = {"symptoms": SYMPTOMS, "danger_signs": DANGER_SIGNS, "context": CONTEXTS, "history": HISTORY}
BENIGN = dict(
    recent_injury=False, days_since_injury=None, timing="no_pattern", intensity="mild", trend="lessening",
    duration_weeks=1.0, location="localized", symptoms=frozenset(), hydration="adequate",
    danger_signs=frozenset(), context=frozenset(), body_region="arm_or_hand", age_band="16_to_64",
    onset="gradual", history=frozenset(),
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
    # COURSE_SPEC V3.2, "Answers — changed and new fields"
    assert TIERS == ("emergency_now", "urgent_today", "see_soon", "routine", "self_care")
    assert set(DANGER_SIGNS) == {
        "chest_pain", "pain_with_sweating_nausea_or_breathlessness", "breathing_or_swallowing_difficulty",
        "jaw_stiff_or_locked", "confusion_or_fainting", "one_sided_face_or_body_weakness", "speech_or_vision_change",
        "sudden_severe_pain", "saddle_numbness_or_bladder_bowel_change", "both_legs_weak_or_numb",
        "dark_or_very_little_urine", "tense_limb_pain_out_of_proportion", "cold_pale_or_numb_limb",
        "cannot_bear_weight_or_move_limb", "fever_with_stiff_neck_headache_or_rash", "hand_or_foot_clawing"}
    assert len(DANGER_SIGNS) == 16
    assert set(HISTORY) == {
        "statin", "diuretic", "acid_reducing_ppi", "antipsychotic_or_anti_sickness",
        "serotonergic_antidepressant_or_tramadol", "anticoagulant", "steroid_or_immunosuppressant", "cancer",
        "hormonal_contraception_or_hrt", "previous_clot", "injects_drugs", "recreational_drugs"}
    assert set(CONTEXTS) == {
        "recent_surgery", "immobile_or_long_journey", "cast_or_tight_bandage", "wound_or_puncture", "fall",
        "head_or_neck_injury", "neck_or_thyroid_surgery", "new_or_changed_medicine",
        "pregnant_or_recently_gave_birth", "drank_lots_of_plain_water"}
    assert set(BODY_REGIONS) == {"leg", "foot", "back", "neck_or_shoulder", "arm_or_hand", "face_or_jaw",
                                 "chest_or_abdomen", "several_areas"}
    assert set(AGE_BANDS) == {"under_5", "5_to_15", "16_to_64", "65_or_over"}
    assert set(ONSETS) == {"sudden", "gradual"}
    assert set(SYMPTOMS) == {"swelling", "redness", "fever", "numbness", "tingling", "weakness", "warmth",
                             "one_leg_swollen", "one_arm_swollen", "both_legs_swollen", "calf_tender",
                             "mouth_or_fingertip_tingling", "cramp_over_10_minutes", "feeling_very_unwell",
                             "pain_on_chewing_or_new_headache", "both_legs_pain_or_tingling",
                             "racing_or_irregular_heartbeat", "involuntary_twisting_or_eyes_rolling_up"}
    assert set(TIMINGS) == {"rest_after_injury", "during_exertion", "after_exertion", "night", "no_pattern"}
    assert INTENSITIES == ("mild", "moderate", "severe") and TRENDS == ("lessening", "unchanged", "worsening")
    assert set(LOCATIONS) == {"localized", "widespread", "radiating"}
    assert set(HYDRATIONS) == {"adequate", "poor", "heavy_sweating"}
    assert set(ANSWER_FIELDS) == {f.name for f in dataclasses.fields(Answers)}
    # every value people can choose has a label in words
    for name, vocab in {**SETS, "age_band": AGE_BANDS, "onset": ONSETS, "body_region": BODY_REGIONS}.items():
        assert set(LABELS[name]) == set(vocab), name
        assert all(text and "_" not in text for text in LABELS[name].values()), name


@pytest.mark.parametrize(("kw", "names"), [
    ({"age_band": "under_16"}, ["age_band", "under_5", "5_to_15", "16_to_64", "65_or_over"]),
    ({"symptoms": {"hand_or_foot_clawing"}}, ["hand_or_foot_clawing", "danger_signs"]),
])
def test_retired_values_name_their_replacements(kw, names):
    with pytest.raises(ValueError) as info:
        make(**kw)
    assert all(n in str(info.value) for n in names), str(info.value)


def test_new_answers_are_required():
    kw = dict(HEALING)
    for name in ("danger_signs", "context", "body_region", "age_band", "onset", "history"):
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
        ({"history": {"warfarin"}}, ValueError, ["history", "anticoagulant"]),
        ({"history": "statin"}, TypeError, ["history", "set"]),
        ({"onset": "slow"}, ValueError, ["onset", "sudden", "gradual"]),
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
    assert "-0" not in dict(a.describe())["recent injury"]
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
    clauses = {**f.any_of}
    if f.either:
        name, values = next(iter(f.either.items()))
        clauses.setdefault(name, values)
    for name, values in clauses.items():
        value = sorted(values)[0]
        kw[name] = frozenset({value}) | kw.get(name, frozenset()) if name in SETS else value
        if name == "timing" and value != "rest_after_injury" and kw["timing"] == value and kw["recent_injury"]:
            pass
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
    # its own advice is given whenever its tier is the result's tier
    if floor.has_advice and floor.tier == r.urgency:
        assert floor.advice in r.next_steps, floor.key


def test_every_floor_carries_its_own_advice_in_its_row():
    """COURSE_SPEC V3.2: every floor carries its own advice, or an explicit "none", in the same row."""
    for f in FLOORS:
        assert isinstance(f.advice, str) and f.advice.strip(), f.key
        assert f.advice == NO_ADVICE or len(f.advice) > 20, f.key
    row = dict(key="x", tier="see_soon", label="x", why="x")
    with pytest.raises(TypeError, match="advice"):
        Floor(**row, criterion="intensity")  # type: ignore[call-arg]  # a row without advice cannot be made
    for empty in ("", "   "):
        with pytest.raises(ValueError, match="advice"):
            Floor(**row, advice=empty, criterion="intensity")
    assert Floor(**row, advice=NO_ADVICE, criterion="intensity").has_advice is False
    # at urgent_today or above a row's own advice is never a self-care or exercise step
    for f in FLOORS:
        if tier_rank(f.tier) >= tier_rank("urgent_today"):
            assert not SELF_CARE_WORDS.search(f.advice.lower()), f.key


def _a(**kw) -> Answers:
    base = HEALING if kw.get("recent_injury", True) else BENIGN
    return Answers(**{**base, **{k: frozenset(v) if isinstance(v, set) else v for k, v in kw.items()}})


_NO_INJURY = dict(recent_injury=False, days_since_injury=None, timing="no_pattern")
_CLOT_RISKS = [{"context": {c}} for c in ("recent_surgery", "immobile_or_long_journey", "cast_or_tight_bandage",
                                          "pregnant_or_recently_gave_birth")] + [
    {"history": {h}} for h in ("hormonal_contraception_or_hrt", "previous_clot", "cancer")]

SPEC_TABLE = [  # (row of COURSE_SPEC V3.2's floor table (and version 2's kept rows), answers, at least)
    ("any danger sign", [{"danger_signs": {s}} for s in DANGER_SIGNS], "emergency_now"),
    ("wound + widespread, several areas, face/jaw or neck (generalised tetanus)",
     [{"context": {"wound_or_puncture"}, "location": "widespread"}]
     + [{"context": {"wound_or_puncture"}, "body_region": r} for r in ("several_areas", "face_or_jaw",
                                                                       "neck_or_shoulder")], "emergency_now"),
    ("weakness with sudden onset (no injury: after one the sudden start is the injury); weakness + cancer + back",
     [{**_NO_INJURY, "symptoms": {"weakness"}, "onset": "sudden"}]
     + [{"symptoms": {"weakness"}, "history": {"cancer"}, "body_region": r} for r in ("back", "several_areas")],
     "emergency_now"),
    ("fever + very unwell + antipsychotic/serotonergic history or a wound",
     [{**_NO_INJURY, "symptoms": {"fever", "feeling_very_unwell"}, **x}
      for x in ({"history": {"antipsychotic_or_anti_sickness"}},
                {"history": {"serotonergic_antidepressant_or_tramadol"}}, {"context": {"wound_or_puncture"}})],
     "emergency_now"),
    ("severe + worsening + swelling + numbness or tingling, with or without injury (compartment syndrome)",
     [{**inj, "intensity": "severe", "trend": "worsening", "symptoms": {"swelling", s}}
      for s in ("numbness", "tingling") for inj in ({}, _NO_INJURY, {"days_since_injury": 30.0,
                                                                     "duration_weeks": 4.0})], "emergency_now"),
    ("head/neck injury + radiating, nerve symptoms or neck region",
     [{"context": {"head_or_neck_injury"}, "location": "radiating"},
      {"context": {"head_or_neck_injury"}, "body_region": "neck_or_shoulder"}]
     + [{"context": {"head_or_neck_injury"}, "symptoms": {s}} for s in ("numbness", "tingling", "weakness")],
     "emergency_now"),
    ("one leg or one arm swollen", [{"symptoms": {s}, "body_region": r} for s in ("one_leg_swollen", "one_arm_swollen")
                                    for r in ("leg", "arm_or_hand", "back")], "urgent_today"),
    ("calf tender, warmth, redness or swelling in one limb + any clot risk",
     [{**_NO_INJURY, "symptoms": {s}, "body_region": r, **risk}
      for s in ("calf_tender", "warmth", "redness", "swelling") for r in ("leg", "foot", "arm_or_hand")
      for risk in _CLOT_RISKS], "urgent_today"),
    ("statin with muscle pain not explained by exertion or injury",
     [{**_NO_INJURY, "history": {"statin"}, "timing": t} for t in ("night", "no_pattern")], "urgent_today"),
    ("diuretic or PPI with weakness or tingling",
     [{"history": {h}, "symptoms": {s}} for h in ("diuretic", "acid_reducing_ppi") for s in ("weakness", "tingling")],
     "urgent_today"),
    ("diuretic or PPI with cramps only", [{**_NO_INJURY, "history": {h}} for h in ("diuretic", "acid_reducing_ppi")],
     "see_soon"),
    ("anticoagulant + swelling after an injury or a fall",
     [{"history": {"anticoagulant"}, "symptoms": {"swelling"}},
      {**_NO_INJURY, "history": {"anticoagulant"}, "symptoms": {"swelling"}, "context": {"fall"}}], "urgent_today"),
    ("fever + injects drugs or steroid/immunosuppressant",
     [{"symptoms": {"fever"}, "history": {h}} for h in ("injects_drugs", "steroid_or_immunosuppressant")],
     "urgent_today"),
    ("fall at 65 or over + severe", [{**_NO_INJURY, "context": {"fall"}, "age_band": "65_or_over",
                                      "intensity": "severe"}], "urgent_today"),
    ("jaw pain on chewing or new headache at 65 or over",
     [{"symptoms": {"pain_on_chewing_or_new_headache"}, "age_band": "65_or_over", "body_region": r}
      for r in ("face_or_jaw", "neck_or_shoulder")], "urgent_today"),
    ("under 5", [{"age_band": "under_5"}], "urgent_today"),
    ("5 to 15 with fever", [{"age_band": "5_to_15", "symptoms": {"fever"}}], "urgent_today"),
    ("both legs swollen without pregnancy", [{**_NO_INJURY, "symptoms": {"both_legs_swollen"}}], "see_soon"),
    ("new or changed medicine", [{"context": {"new_or_changed_medicine"}}], "urgent_today"),
    ("feeling very unwell with sudden onset", [{"symptoms": {"feeling_very_unwell"}, "onset": "sudden"}],
     "urgent_today"),
    ("severe + swelling + no injury", [{**_NO_INJURY, "intensity": "severe", "symptoms": {"swelling"}}],
     "urgent_today"),
    ("severe + worsening + radiating + numbness, tingling or pain down both legs",
     [{"intensity": "severe", "trend": "worsening", "location": "radiating", "symptoms": {s}}
      for s in ("numbness", "tingling", "both_legs_pain_or_tingling")], "urgent_today"),
    ("version 2, kept: low Ca, cramp > 10 min, weakness, wound, fever + red + swollen, fever + very unwell",
     [{"symptoms": {"mouth_or_fingertip_tingling"}}, {"symptoms": {"cramp_over_10_minutes"}},
      {"symptoms": {"weakness"}}, {"context": {"wound_or_puncture"}},
      {"symptoms": {"fever", "redness", "swelling"}}, {"symptoms": {"fever", "feeling_very_unwell"}}],
     "urgent_today"),
    ("version 2, kept: severe + swelling within 2 days of an injury",
     [{"intensity": "severe", "symptoms": {"swelling"}, "days_since_injury": d, "duration_weeks": 0.0}
      for d in (0.0, 1.0, 2.0)], "urgent_today"),
    ("version 2, kept: fever; numbness or tingling; radiating; severe; worsening; chest or belly",
     [{"symptoms": {"fever"}}, {"symptoms": {"numbness"}}, {"symptoms": {"tingling"}}, {"location": "radiating"},
      {"intensity": "severe"}, {"trend": "worsening"}, {"body_region": "chest_or_abdomen"}], "see_soon"),
    ("version 2, kept: swelling/redness with no injury",
     [{**_NO_INJURY, "symptoms": {s}} for s in ("swelling", "redness")], "see_soon"),
    ("version 2, kept: swelling/redness after an injury, not lessening after day 3",
     [{"symptoms": {s}, "trend": t, "days_since_injury": 5.0}
      for s in ("swelling", "redness") for t in ("unchanged", "worsening")], "see_soon"),
    ("version 2, kept: >= 6 weeks and not lessening",
     [{**_NO_INJURY, "duration_weeks": w, "trend": t} for w in (6.0, 52.0) for t in ("unchanged", "worsening")],
     "see_soon"),
    ("face or jaw: 2 weeks or more, or pain on chewing",
     [{**_NO_INJURY, "body_region": "face_or_jaw", "duration_weeks": 2.0},
      {**_NO_INJURY, "body_region": "face_or_jaw", "symptoms": {"pain_on_chewing_or_new_headache"}}], "see_soon"),
    ("version 2, kept: lots of plain water + widespread or several areas",
     [{**_NO_INJURY, "context": {"drank_lots_of_plain_water"}, "location": "widespread"},
      {**_NO_INJURY, "context": {"drank_lots_of_plain_water"}, "body_region": "several_areas"}], "see_soon"),
]


@pytest.mark.parametrize(("row", "cases", "tier"), SPEC_TABLE, ids=[r[0] for r in SPEC_TABLE])
def test_spec_floor_table_rows(row, cases, tier):
    for kw in cases:
        a = _a(**kw)
        assert tier_rank(urgency_of(a)) >= tier_rank(tier), (row, kw, urgency_of(a))


def test_sudden_onset_after_an_injury_is_the_injury():
    # a calf strain is sudden; weakness or a numb foot with it is urgent today or see soon, not a stroke
    assert urgency_of(_a(onset="sudden", symptoms={"weakness"})) == "urgent_today"
    assert urgency_of(_a(onset="sudden", symptoms={"numbness"})) == "see_soon"
    assert urgency_of(_a(**_NO_INJURY, onset="sudden", symptoms={"weakness"})) == "emergency_now"
    assert urgency_of(_a(**_NO_INJURY, onset="sudden", symptoms={"tingling"})) == "urgent_today"


def test_retired_version_2_floors_are_gone():
    """V3.2 retired: the flat see_soon for under-16s and for the face or jaw, the neck rule for a simple fall,
    and the "cramping on exertion at 65 or over" floor outside the leg and foot."""
    assert urgency_of(_a(age_band="5_to_15")) == "self_care"  # a 12-year-old's easing strain
    assert urgency_of(_a(**_NO_INJURY, age_band="5_to_15", trend="lessening")) == "routine"
    twitch = _a(**_NO_INJURY, body_region="face_or_jaw", duration_weeks=0.7)  # NHS: see a GP after 2 weeks
    assert urgency_of(twitch) == "routine"
    assert urgency_of(_a(context={"fall"}, body_region="neck_or_shoulder")) == "routine"  # fall: no neck rule
    hands = _a(**{**_NO_INJURY, "timing": "during_exertion"}, age_band="65_or_over", body_region="arm_or_hand",
               duration_weeks=3.0, trend="lessening")
    assert urgency_of(hands) == "routine"
    assert urgency_of(dataclasses.replace(hands, body_region="leg")) == "see_soon"


def test_pregnancy_explains_both_legs_swollen_and_names_pre_eclampsia():
    """NHS "Swollen ankles, feet and fingers in pregnancy": normal, unless sudden with headache or vision change."""
    ankles = _a(**{**_NO_INJURY, "timing": "night"}, symptoms={"both_legs_swollen", "swelling"},
                context={"pregnant_or_recently_gave_birth"}, body_region="foot")
    r = assess(ankles)
    assert r.urgency == "routine", [f.flag for f in r.red_flags]
    assert any("pre-eclampsia" in s for s in r.safety_net)
    assert urgency_of(dataclasses.replace(ankles, context=frozenset())) == "see_soon"
    # redness is not explained by pregnancy, which is itself a clot risk (NICE NG158): a doctor today
    assert urgency_of(dataclasses.replace(ankles, symptoms=ankles.symptoms | {"redness"})) == "urgent_today"


def test_floor_table_is_printable_in_words_and_read_only():
    rows = floor_table()
    assert len(rows) == len(FLOORS) >= 60
    codes = {v for vocab in (*SETS.values(), AGE_BANDS, ONSETS, BODY_REGIONS, TIMINGS, LOCATIONS) for v in vocab
             if "_" in v}
    for t, when, why in rows:
        assert t in TIERS and when and why
        assert not any(code in when for code in codes), when  # people see labels, never engine codes
    with pytest.raises(TypeError):
        FLOORS[0].any_of["danger_signs"] = frozenset()  # type: ignore[index]
    with pytest.raises(dataclasses.FrozenInstanceError):
        FLOORS[0].tier = "routine"  # type: ignore[misc]


def test_emergency_screen_on_its_own():
    for s in DANGER_SIGNS:
        flags = screen({s})
        assert len(flags) == 1 and flags[0].tier == "emergency_now" and flags[0].advice
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
        "history": {"history": frozenset({"anticoagulant"})},
        "age": {"age_band": "under_5"},
        "region": {"body_region": "face_or_jaw"},
    }
    for name, kw in breaking.items():
        a = Answers(**{**HEALING, **kw}) if name != "a recent injury" else Answers(**kw)
        assert assess(a).urgency != "self_care", name
    # allowed context, a 5-15-year-old, sudden onset (a strain starts suddenly), the pill,
    # and "unchanged" in the first 21 days
    assert assess(make(context=frozenset({"recent_surgery"}))).urgency == "self_care"
    assert assess(make(age_band="5_to_15", onset="sudden")).urgency == "self_care"
    assert assess(make(history=frozenset({"hormonal_contraception_or_hrt"}))).urgency == "self_care"
    assert assess(make(trend="unchanged", days_since_injury=10.0, duration_weeks=1.0)).urgency == "self_care"


def test_onset_up_to_a_day_before_the_injury_counts_as_at_the_injury():
    # V3.2: rounded answers (weeks to one decimal) can put the onset a day early (review F10)
    for days, weeks in ((4.0, 0.7), (1.0, 0.3), (7.0, 1.1)):  # onset day -0.9, -1.1 + tolerance?, -0.7
        a = make(days_since_injury=days, duration_weeks=weeks)
        expected = days - 7 * weeks >= -1.0
        assert (urgency_of(a) == "self_care") == expected, (days, weeks)
        assert ("started before the injury" in assess(a).reason("duration").why) != expected


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
# Monotonicity: exhaustive over the single-choice answers, every item added, every ordinal raised.
# The one clause that is not upward-closed is a floor's ``unless`` (an answer that explains a finding:
# both legs swollen in pregnancy, V3.2); a lower tier is allowed only when such an explanation appears.
# ------------------------------------------------------------------------------------------------
ITEMS = [(name, v) for name, vocab in SETS.items() for v in vocab]
NUMERIC = [(4.0, 0.5), (1.0, 0.0), (30.0, 4.0)]
UNLESS_FLOORS = {f.key for f in FLOORS if f.unless}


def _grid(numeric, injury=(True, False)):
    for days, weeks in numeric:
        for a in all_answers(days_since_injury=days, duration_weeks=weeks):
            # hydration never changes the tier with no symptom (tested above)
            if a.hydration == "adequate" and a.recent_injury in injury:
                yield a


def _newly_explained(a: Answers, b: Answers) -> bool:
    """b switches off a floor that fires for a, through that floor's ``unless`` answers."""
    return any(f.fires(a) and f.explained(b) and not f.explained(a) for f in FLOORS if f.unless)


def _with(a: Answers, name: str, value) -> Answers:
    """``a`` with one answer changed, without re-validating (the value is from the vocabulary; fast)."""
    b = copy.copy(a)
    object.__setattr__(b, name, value)
    return b


def _check_items(numeric, injury=(True, False)) -> int:
    checked = 0
    for a in _grid(numeric, injury):
        r0 = rank(a)
        for name, v in ITEMS:
            if v in getattr(a, name):
                continue
            b = _with(a, name, getattr(a, name) | {v})
            assert rank(b) >= r0 or _newly_explained(a, b), (a, name, v)
            checked += 1
    return checked


def test_adding_any_item_never_lowers_the_tier():
    # every single-choice combination after an injury 4 days ago (8,640 answers) x every one of 56 items
    assert _check_items(NUMERIC[:1], injury=(True,)) > 450_000


@pytest.mark.slow
def test_adding_any_item_never_lowers_the_tier_everywhere_else():
    # with no injury, and at days 1 and 30 (about 60 s)
    assert _check_items(NUMERIC[:1], injury=(False,)) + _check_items(NUMERIC[1:]) > 2_000_000


def test_only_the_pregnancy_explanation_is_not_upward_closed():
    assert UNLESS_FLOORS == {"swelling_no_injury", "both_legs_swollen", "limb_swelling_clot_risk"}
    for f in FLOORS:
        for name, value in f.unless:
            assert (name, value) in {("context", "pregnant_or_recently_gave_birth"), ("symptoms", "both_legs_swollen")}


def _check_raises(numeric) -> None:
    for a in _grid(numeric):
        r0 = rank(a)
        for name, order in (("intensity", INTENSITIES), ("trend", TRENDS), ("onset", ("gradual", "sudden"))):
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


def test_raising_intensity_trend_onset_or_duration_never_lowers_the_tier():
    _check_raises(NUMERIC[:1])


@pytest.mark.slow
def test_raising_intensity_trend_onset_or_duration_never_lowers_the_tier_at_other_times():
    _check_raises(NUMERIC[1:])


def test_floor_clauses_are_upward_closed():
    """Every floor clause is 'contains any/all of', 'at least' or 'duration at least' in the answers the
    monotonicity rule raises, so adding items can only switch floors on (this covers every set of items),
    except the ``unless`` clause checked above."""
    for f in FLOORS:
        assert set(f.at_least) <= {"intensity", "trend", "onset"}
        assert all(v for v in f.any_of.values()) and all(v for v in f.all_of.values())
        assert all(v for v in f.either.values())


@settings(max_examples=300, deadline=None)
@given(
    st.sets(st.sampled_from(SYMPTOMS)), st.sets(st.sampled_from(CONTEXTS)), st.sets(st.sampled_from(DANGER_SIGNS)),
    st.sets(st.sampled_from(HISTORY)), st.sampled_from(BODY_REGIONS), st.sampled_from(LOCATIONS),
    st.sampled_from(INTENSITIES), st.sampled_from(TRENDS), st.sampled_from(ONSETS), st.sampled_from(AGE_BANDS),
    st.sampled_from(ITEMS),
)
def test_adding_an_item_to_any_set_never_lowers_the_tier(sym, ctx, dng, hist, region, loc, inten, trend, onset,
                                                          age, item):
    a = make(symptoms=sym, context=ctx, danger_signs=dng, history=hist, body_region=region, location=loc,
             intensity=inten, trend=trend, onset=onset, age_band=age)
    name, v = item
    b = dataclasses.replace(a, **{name: getattr(a, name) | {v}})
    assert rank(b) >= rank(a) or _newly_explained(a, b)


# ------------------------------------------------------------------------------------------------
# Text rules
# ------------------------------------------------------------------------------------------------
_SAMPLE_SETS = (
    ("symptoms", [(), ("tingling",), ("weakness",), ("fever",), ("swelling",), ("both_legs_pain_or_tingling",)]),
    ("context", [(), ("drank_lots_of_plain_water",), ("head_or_neck_injury",), ("fall",)]),
    ("history", [(), ("statin",), ("anticoagulant",)]),
    ("danger_signs", [(), (), (), ("sudden_severe_pain",)]),
)


def _sample():
    """Every single-choice combination once, its sets cycling through a few answers that change the text."""
    for i, a in enumerate(all_answers(days_since_injury=4.0, duration_weeks=0.5)):
        for name, options in _SAMPLE_SETS:
            a = _with(a, name, frozenset(options[i % len(options)]))
            i //= len(options)
        yield a


def test_destination_comes_first_everywhere():
    for a in itertools.islice(_sample(), 0, None, 7):
        r = assess(a)
        assert r.next_steps[0] == r.destination == DESTINATIONS[r.urgency]
        assert r.summary().splitlines()[0] == r.destination
        assert DISCLAIMER in r.summary() and EMERGENCY_LINE in DISCLAIMER


CODES = sorted({v for vocab in (*SETS.values(), AGE_BANDS, ONSETS, BODY_REGIONS, TIMINGS, LOCATIONS, TIERS)
                for v in vocab if "_" in v}, key=len, reverse=True)


def test_text_rules_over_a_grid():
    for a in itertools.islice(_sample(), 0, None, 3):
        r = assess(a)
        text = " ".join(r.next_steps)
        lowered = text.lower()
        if "drank_lots_of_plain_water" in a.context:
            assert "drink to thirst, not beyond" not in lowered or "do not drink more" in lowered
            for phrase in ("drink enough", "drink more water", "extra fluid", "replace electrolytes"):
                assert phrase not in lowered, (a, phrase)
        if "fever" in a.symptoms:  # a doctor, or the emergency department
            assert "doctor" in lowered or r.urgency == "emergency_now", a
        if "keep fading" in lowered:
            assert a.trend == "lessening", a
        if "began around the injury" in r.reason("duration").why:
            assert a.onset_at_injury
        if r.urgency == "routine":
            assert "2 weeks" in r.destination and "6 weeks" in r.destination
            assert any("By 2 weeks" in s for s in r.safety_net)
            assert "have them checked" not in (text + " ".join(r.safety_net)).lower()
        if "tingling" in a.symptoms and a.location == "widespread":
            assert "calcium" in lowered, a
        if "weakness" in a.symptoms and a.timing in ("during_exertion", "after_exertion"):
            assert "muscle breakdown" in lowered, a
        # V3.2: at urgent_today or above, no self-care or exercise step
        if tier_rank(r.urgency) >= tier_rank("urgent_today"):
            assert not SELF_CARE_WORDS.search(lowered), (a, SELF_CARE_WORDS.search(lowered))
        # no "stretch" for chest, belly or back pain unless self-care, or routine after an injury there
        if a.body_region in ("chest_or_abdomen", "back") and "stretch" in lowered:
            assert r.urgency == "self_care" or (r.urgency == "routine" and a.recent_injury), a
        # neck-immobilisation text only with a head or neck injury
        if "neck as still" in lowered:
            assert "head_or_neck_injury" in a.context, a
        # people see labels, never engine codes
        shown = r.summary() + text + " ".join(r.safety_net)
        assert not any(code in shown for code in CODES), [c for c in CODES if c in shown]
        assert len(r.reasons) == len(CRITERIA) and [x.criterion for x in r.reasons] == list(CRITERIA)
        assert r.safety_net


def test_self_care_words_pattern_catches_the_steps_it_must():
    for step in ("stretch the muscle", "build training up gradually", "keep the muscle moving gently",
                 "a wrapped cold pack", "gentle warmth may ease", "do not put heat on it", "massage"):
        assert SELF_CARE_WORDS.search(step), step
    for fine in ("heat exhaustion turning into heatstroke", "say how the injury happened"):
        assert not SELF_CARE_WORDS.search(fine), fine


def test_review_look_alikes_get_no_harmful_steps():
    """Review selfcheck-v3 F1/F6: a heart attack felt as an arm cramp, a dissection felt as a back spasm,
    a hip fracture after a fall; each reaches at least a doctor today, with no exercise or self-care step,
    even when no emergency question is answered "yes"."""
    arm = _a(**_NO_INJURY, body_region="arm_or_hand", onset="sudden", intensity="moderate",
             symptoms={"feeling_very_unwell"}, age_band="65_or_over")
    back = _a(**_NO_INJURY, body_region="back", onset="sudden", intensity="severe")
    hip = _a(**_NO_INJURY, body_region="leg", context={"fall"}, age_band="65_or_over", intensity="severe")
    for a in (arm, back, hip):
        r = assess(a)
        assert tier_rank(r.urgency) >= tier_rank("urgent_today"), (a, r.urgency)
        assert not SELF_CARE_WORDS.search(" ".join(r.next_steps).lower())


def test_emergency_numbers_are_named_generically():
    for tier in ("emergency_now",):
        assert all(n in DESTINATIONS[tier] for n in ("999", "112", "911"))
    assert all(n in EMERGENCY_LINE for n in ("999", "112", "911"))


def test_worked_cases_give_the_expected_tiers():
    expected = {"strain_healing": "self_care", "night_cramps": "routine", "sciatica_like": "see_soon",
                "calf_after_surgery": "urgent_today", "after_thyroid_surgery": "emergency_now",
                "marathon_water": "emergency_now", "arm_cramp_sweating": "emergency_now"}
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
    assert all(c[f"danger_{s}"].value is None for s in DANGER_SIGNS)  # both answers required, none preset
    assert all(c[k].value is None for k in ("body_region", "age_band", "onset", "recent_injury", "timing"))
    assert form.check() is None
    for words in ("emergency questions 1.1, 1.2", "1.16", "question 2 (age)", "question 3", "question 5",
                  "question 6", "question 13", "question 11", "none of these"):
        assert words in form.error, words
    assert not any(code in form.error for code in CODES)  # people see words, never engine codes


def test_a_yes_shows_the_emergency_box_and_destination_at_once(form):
    """V3.2 / review F7: a "yes" shows the emergency box AND the banner's emergency destination at once."""
    form.controls["danger_chest_pain"].value = "yes"
    for box in (form.emergency_html.value, form.verdict_html.value):
        assert 'data-urgency="emergency_now"' in box and "999" in box
        assert html.escape(DESTINATIONS["emergency_now"]) in box
    assert "Not checked yet" not in form.verdict_html.value
    assert form.check() is None  # the rest unanswered: the emergency answer stands, no error
    assert "999" in form.verdict_html.value and "Not checked yet" not in form.verdict_html.value
    form.controls["danger_chest_pain"].value = "no"
    assert form.emergency_html.value == "" and 'data-urgency="emergency_now"' not in form.verdict_html.value
    for s in DANGER_SIGNS:  # every question on its own
        form.controls[f"danger_{s}"].value = "yes"
        assert "999" in form.verdict_html.value, s
        form.controls[f"danger_{s}"].value = "no"


def test_numbers_out_of_range_get_a_message_not_a_clamp(form):
    form.set_answers(make())
    assert form.check().urgency == "self_care"
    for text, words in (("9999", ["question 11", "520"]), ("abc", ["not a number"]), ("", ["question 11"]),
                        ("nan", ["question 11"])):
        form.controls["duration_weeks"].value = text
        assert form.check() is None
        assert all(w in form.error for w in words), form.error
        assert form.controls["duration_weeks"].value == text  # left as typed
    form.controls["duration_weeks"].value = "0.5"
    form.controls["days_since_injury"].value = "200"
    assert form.check() is None and "days since the injury" in form.error and "84" in form.error


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
            assert control.tooltip, key  # check boxes and number boxes: the wrapping HTML label just before
    assert {"danger", "age_band", "onset", "context", "history", "symptom", "body_region"} <= set(QUESTIONS)
    # every label is its own wrapping HTML widget placed just before its control (its accessible name)
    import ipywidgets as widgets

    def walk(box):
        for child in getattr(box, "children", ()):
            yield box, child
            yield from walk(child)

    before = {}
    for parent, child in walk(w):
        kids = list(parent.children)
        i = kids.index(child)
        if i and isinstance(kids[i - 1], widgets.HTML):
            before[id(child)] = kids[i - 1]
    for key, control in w.controls.items():
        label = before.get(id(control))
        assert label is not None, key
        assert {"selfcheck-question", "selfcheck-item-label"} & set(label._dom_classes), key
    # nothing has a fixed width wider than a phone allows; labels wrap (the form's stylesheet)
    from course.ui.selfcheck import FORM_CSS

    assert "white-space: normal" in FORM_CSS and "height: auto" in FORM_CSS
    for _parent, child in walk(w):
        width = getattr(getattr(child, "layout", None), "width", None) or ""
        assert not width.endswith("px") or float(width[:-2]) <= 300, width


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
        assert f"{n_problem} point toward a problem" in r.words and want.tier_label.lower() in r.words


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
        assert view.emergency.count("<li>") == 2 * len(screen(danger)) == 4  # each sign: why, and what to do
        assert view.assessment is None and view.error is None
        assert 'data-urgency="emergency_now"' in view.verdict and "999" in view.verdict  # the banner too
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
    # each case's column is labelled with its name and urgency tier (icon and words)
    labels = list(grid.layout.xaxis.ticktext)
    assert [label.split(" (")[0] for label in labels] == list(results)
    assert [label.split(" (")[1].split()[0] for label in labels] == [r.icon for r in results.values()]
    words = criteria_grid_text(results)
    assert all(f"{name}: " in words and f"urgency: {r.tier_label.lower()}" in words for name, r in results.items())
    assert not any(code in words + "".join(labels) for code in CODES)


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


#: words of the course-wide emergency line (course.EMERGENCY_LINE) that name each item of the emergency screen
_EMERGENCY_LINE_WORDS = {
    "chest_pain": "chest pain",
    "pain_with_sweating_nausea_or_breathlessness": "pain with sweating",
    "breathing_or_swallowing_difficulty": "trouble breathing or swallowing",
    "jaw_stiff_or_locked": "locked jaw",
    "confusion_or_fainting": "fainting",
    "one_sided_face_or_body_weakness": "face drooping",
    "speech_or_vision_change": "speech or vision change",
    "sudden_severe_pain": "sudden severe or tearing pain",
    "saddle_numbness_or_bladder_bowel_change": "numbness between the legs",
    "both_legs_weak_or_numb": "both legs weak",
    "dark_or_very_little_urine": "very little urine",
    "tense_limb_pain_out_of_proportion": "tense limb",
    "cold_pale_or_numb_limb": "cold, pale limb",
    "cannot_bear_weight_or_move_limb": "unable to stand or move a limb",
    "fever_with_stiff_neck_headache_or_rash": "stiff neck",
    "hand_or_foot_clawing": "claws",
}


def test_the_emergency_line_shown_everywhere_names_every_item_of_the_emergency_screen():
    """The disclaimer's emergency route (welcome, self-check, every exported page) covers all 16 V3.2 items."""
    from course.selfcheck import DANGER_SIGNS

    assert set(_EMERGENCY_LINE_WORDS) == set(DANGER_SIGNS), "a new emergency item needs its words in EMERGENCY_LINE"
    missing = {k: w for k, w in _EMERGENCY_LINE_WORDS.items() if w not in EMERGENCY_LINE}
    assert not missing, f"EMERGENCY_LINE does not name: {missing}"
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    assert "999 (UK), 112 (EU) or 911" in readme and "claws" in readme
