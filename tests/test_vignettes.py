"""Clinical vignettes for the self-check engine (``course.selfcheck``, version 3).

``tests/data/selfcheck_vignettes.toml`` holds clinical pictures, each with the disposition its named source
(NHS condition page, NICE guideline or CKS, specialist guidance) gives it. This module

* checks the data on its own: every answer inside the spec's vocabularies (V3.2), a source for every case,
  at least 120 cases and 8 per category, every V3.2 look-alike family and benign control covered, and every
  expected tier at least the spec's floor for those answers, so the data can never ask the engine for less
  than the spec does;
* runs ``assess`` on every case and reports, per expected tier, exact matches, under-triage and
  over-triage, with emergency and urgent under-triage on their own lines (Semigran et al. BMJ 2015;
  Hill et al. MJA 2020 report emergency under-triage separately). The table is printed in the pytest
  terminal summary and written to ``test-artifacts/vignettes.txt``;
* recognition robustness (V3.2): every emergency case is run again with every emergency question answered
  "no" and must still reach the minimum stated in the case (``min_without_ticks``: at least urgent_today,
  emergency_now where the pattern itself is one).

Assertions: no case is under-triaged at any tier (so emergency and urgent under-triage are 0); over-triage
is only reported, and fails only if more than 1 in 10 (rounded up) of the routine and self-care cases are
over-triaged by two tiers or more (COURSE_SPEC V3.2; a usability check: a tool that sends every cramp to a
doctor today teaches people to ignore it).

An expected tier is never lowered to make the engine pass: a disagreement is either an engine fault or,
if the source says so in its own words, a correction of the data.
"""

from __future__ import annotations

import math
import tomllib
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

DATA = Path(__file__).resolve().parent / "data" / "selfcheck_vignettes.toml"
ARTIFACT = Path(__file__).resolve().parents[1] / "test-artifacts" / "vignettes.txt"

# The spec's vocabularies (COURSE_SPEC.md, "V3.2 The self-check, version 3"), written out here on purpose:
# the data is checked against the specification, not against whatever the engine happens to accept.
TIERS = ("emergency_now", "urgent_today", "see_soon", "routine", "self_care")  # most urgent first
CHOICES: dict[str, frozenset[str]] = {
    "timing": frozenset({"rest_after_injury", "during_exertion", "after_exertion", "night", "no_pattern"}),
    "intensity": frozenset({"mild", "moderate", "severe"}),
    "trend": frozenset({"lessening", "unchanged", "worsening"}),
    "location": frozenset({"localized", "widespread", "radiating"}),
    "hydration": frozenset({"adequate", "poor", "heavy_sweating"}),
    "body_region": frozenset({"leg", "foot", "back", "neck_or_shoulder", "arm_or_hand", "face_or_jaw",
                              "chest_or_abdomen", "several_areas"}),
    "age_band": frozenset({"under_5", "5_to_15", "16_to_64", "65_or_over"}),
    "onset": frozenset({"sudden", "gradual"}),
}
SETS: dict[str, frozenset[str]] = {
    "symptoms": frozenset({"swelling", "redness", "fever", "numbness", "tingling", "weakness", "warmth",
                           "one_leg_swollen", "one_arm_swollen", "both_legs_swollen", "calf_tender",
                           "mouth_or_fingertip_tingling", "cramp_over_10_minutes", "feeling_very_unwell",
                           "pain_on_chewing_or_new_headache", "both_legs_pain_or_tingling",
                           "racing_or_irregular_heartbeat", "involuntary_twisting_or_eyes_rolling_up"}),
    "danger_signs": frozenset({
        "chest_pain", "pain_with_sweating_nausea_or_breathlessness", "breathing_or_swallowing_difficulty",
        "jaw_stiff_or_locked", "confusion_or_fainting", "one_sided_face_or_body_weakness", "speech_or_vision_change",
        "sudden_severe_pain", "saddle_numbness_or_bladder_bowel_change", "both_legs_weak_or_numb",
        "dark_or_very_little_urine", "tense_limb_pain_out_of_proportion", "cold_pale_or_numb_limb",
        "cannot_bear_weight_or_move_limb", "fever_with_stiff_neck_headache_or_rash", "hand_or_foot_clawing"}),
    "context": frozenset({"recent_surgery", "immobile_or_long_journey", "cast_or_tight_bandage",
                          "wound_or_puncture", "fall", "head_or_neck_injury", "neck_or_thyroid_surgery",
                          "new_or_changed_medicine", "pregnant_or_recently_gave_birth",
                          "drank_lots_of_plain_water"}),
    "history": frozenset({"statin", "diuretic", "acid_reducing_ppi", "antipsychotic_or_anti_sickness",
                          "serotonergic_antidepressant_or_tramadol", "anticoagulant", "steroid_or_immunosuppressant",
                          "cancer", "hormonal_contraception_or_hrt", "previous_clot", "injects_drugs",
                          "recreational_drugs"}),
}
FIELDS = ("recent_injury", "days_since_injury", "timing", "intensity", "trend", "duration_weeks", "location",
          "symptoms", "hydration", "danger_signs", "context", "body_region", "age_band", "onset", "history")
DAYS_RANGE = (0.0, 84.0)  # "within the past 12 weeks"
DURATION_RANGE = (0.0, 520.0)
NO_DAYS = "none"  # TOML has no null: days_since_injury = "none" stands for None

#: category -> the expected tiers a case of that category may have
CATEGORIES: dict[str, frozenset[str]] = {
    "emergency": frozenset({"emergency_now"}),
    "urgent": frozenset({"urgent_today"}),
    "soon": frozenset({"see_soon"}),
    "routine": frozenset({"routine"}),
    "self_care": frozenset({"self_care"}),
    "benign": frozenset({"routine", "self_care"}),
}
MIN_CASES = 120
MIN_PER_CATEGORY = 8
CASE_KEYS = {"id", "category", "expected", "condition", "picture", "source", "source_says", "answers"}
#: Optional keys: ``family`` (the look-alike family or benign control of V3.2 the case belongs to) and, on
#: every emergency case, ``min_without_ticks`` (the least tier it must still reach with every emergency
#: question answered "no": at least urgent_today; emergency_now where the pattern itself is one).
OPTIONAL_KEYS = {"family", "min_without_ticks"}
#: COURSE_SPEC V3.2, "Evaluation the project keeps": the look-alikes and benign controls the set must cover.
FAMILIES = frozenset({
    "cardiac pain", "aortic dissection", "stroke/TIA", "meningitis", "exertional compartment syndrome",
    "necrotising fasciitis", "neuroleptic malignant syndrome", "serotonin syndrome", "generalised tetanus",
    "cord compression (cancer)", "hip fracture", "epidural abscess", "acute limb ischaemia", "DVT (leg)",
    "DVT (arm)", "DVT (on the pill)", "DVT (in pregnancy)", "septic joint (child)", "septic joint (older adult)",
    "giant-cell arteritis", "statin myopathy", "hypokalaemia", "hyponatraemia", "hypomagnesaemia", "acute dystonia",
    "Guillain-Barre", "motor neurone disease", "cervical myelopathy", "MS",
    "night cramps", "exercise cramps", "eyelid twitch", "benign fasciculation", "writer's cramp",
    "pregnancy cramps", "pregnancy ankle swelling", "children's exercise cramps", "wry neck", "recovering strain",
})
#: COURSE_SPEC V3.2: over-triage by 2 tiers or more among routine and self-care cases, at most 1 in 10
#: (rounded up).
USABILITY_SHARE = 0.10


def rank(tier: str) -> int:
    """0 for self_care … 4 for emergency_now: a higher rank is more urgent."""
    return len(TIERS) - 1 - TIERS.index(tier)


# ----------------------------------------------------------------------------------------------- data


def _load() -> list[dict[str, Any]]:
    with DATA.open("rb") as fh:
        return tomllib.load(fh)["cases"]


RAW_CASES = _load()
CASE_IDS = [c.get("id", f"#{i}") for i, c in enumerate(RAW_CASES)]


def answers_kwargs(case: dict[str, Any]) -> dict[str, Any]:
    """The case's answers as keyword arguments for ``Answers`` (sets as frozensets, "none" as None)."""
    a = dict(case["answers"])
    if a["days_since_injury"] == NO_DAYS:
        a["days_since_injury"] = None
    for name in SETS:
        a[name] = frozenset(a[name])
    return a


def answer_problems(raw: dict[str, Any]) -> list[str]:
    """Everything wrong with one ``[cases.answers]`` table against the spec's vocabularies."""
    problems = []
    missing, extra = set(FIELDS) - set(raw), set(raw) - set(FIELDS)
    if missing:
        problems.append(f"missing fields {sorted(missing)}")
    if extra:
        problems.append(f"unknown fields {sorted(extra)}")
    if missing:
        return problems
    injury = raw["recent_injury"]
    if type(injury) is not bool:
        problems.append(f"recent_injury must be true/false, got {injury!r}")
    days = raw["days_since_injury"]
    if days == NO_DAYS:
        if injury is True:
            problems.append('recent_injury = true needs days_since_injury as a number, not "none"')
    elif type(days) is not float or not DAYS_RANGE[0] <= days <= DAYS_RANGE[1]:
        problems.append(f"days_since_injury must be a float in {DAYS_RANGE} or {NO_DAYS!r}, got {days!r}")
    elif injury is not True:
        problems.append("days_since_injury given but recent_injury is false")
    weeks = raw["duration_weeks"]
    if type(weeks) is not float or not DURATION_RANGE[0] <= weeks <= DURATION_RANGE[1]:
        problems.append(f"duration_weeks must be a float in {DURATION_RANGE}, got {weeks!r}")
    for name, valid in CHOICES.items():
        if raw[name] not in valid:
            problems.append(f"{name}={raw[name]!r} is not one of {sorted(valid)}")
    if raw["timing"] == "rest_after_injury" and injury is not True:
        problems.append("timing 'rest_after_injury' needs recent_injury = true")
    for name, valid in SETS.items():
        items = raw[name]
        if not isinstance(items, list) or not all(isinstance(s, str) for s in items):
            problems.append(f"{name} must be an array of names, got {items!r}")
            continue
        if len(set(items)) != len(items):
            problems.append(f"{name} repeats an item: {items}")
        unknown = set(items) - valid
        if unknown:
            problems.append(f"{name} has unknown items {sorted(unknown)}")
    return problems


def spec_floor(a: dict[str, Any]) -> str:
    """The least urgency the spec allows for these answers (COURSE_SPEC V3.2 floors, the version-2 rows it
    keeps, and the self-care rule). Written from the spec independently of the engine; "in the leg" is read
    as leg or foot, "in one limb" as leg, foot, or arm or hand."""
    sym, ctx, danger, hist = a["symptoms"], a["context"], a["danger_signs"], a["history"]
    injured, days, weeks = a["recent_injury"], a["days_since_injury"], a["duration_weeks"]
    trend, location, region = a["trend"], a["location"], a["body_region"]
    age, sudden, severe = a["age_band"], a["onset"] == "sudden", a["intensity"] == "severe"
    pregnant = "pregnant_or_recently_gave_birth" in ctx
    explained = pregnant and "both_legs_swollen" in sym  # V3.2: both legs swollen in pregnancy explain swelling
    swelling = "swelling" in sym and not explained
    floors = []
    # emergency_now
    if danger:
        floors.append("emergency_now")
    if "head_or_neck_injury" in ctx and (
        location == "radiating" or sym & {"numbness", "tingling", "weakness"} or region == "neck_or_shoulder"
    ):
        floors.append("emergency_now")
    if "wound_or_puncture" in ctx and (location == "widespread"
                                       or region in {"several_areas", "face_or_jaw", "neck_or_shoulder"}):
        floors.append("emergency_now")
    if "weakness" in sym and (sudden or ("cancer" in hist and region in {"back", "several_areas"})):
        floors.append("emergency_now")
    if {"fever", "feeling_very_unwell"} <= sym and (
        hist & {"antipsychotic_or_anti_sickness", "serotonergic_antidepressant_or_tramadol"}
        or "wound_or_puncture" in ctx
    ):
        floors.append("emergency_now")
    if severe and trend == "worsening" and "swelling" in sym and sym & {"numbness", "tingling"}:
        floors.append("emergency_now")
    # urgent_today
    clot_risk = ctx & {"recent_surgery", "immobile_or_long_journey", "cast_or_tight_bandage",
                       "pregnant_or_recently_gave_birth"} or hist & {"hormonal_contraception_or_hrt",
                                                                     "previous_clot", "cancer"}
    limb_signs = sym & {"calf_tender", "warmth", "redness"} or swelling
    if sym & {"one_leg_swollen", "one_arm_swollen"} or (region in {"leg", "foot", "arm_or_hand"} and limb_signs
                                                          and clot_risk):
        floors.append("urgent_today")
    if "statin" in hist and not injured and a["timing"] not in {"during_exertion", "after_exertion"}:
        floors.append("urgent_today")
    if hist & {"diuretic", "acid_reducing_ppi"}:
        floors.append("urgent_today" if sym & {"weakness", "tingling"} else "see_soon")
    if "anticoagulant" in hist and "swelling" in sym and (injured or "fall" in ctx):
        floors.append("urgent_today")
    if "fever" in sym and hist & {"injects_drugs", "steroid_or_immunosuppressant"}:
        floors.append("urgent_today")
    if "fall" in ctx and age == "65_or_over" and severe:
        floors.append("urgent_today")
    if "pain_on_chewing_or_new_headache" in sym and age == "65_or_over":
        floors.append("urgent_today")
    if age == "under_5" or (age == "5_to_15" and "fever" in sym):
        floors.append("urgent_today")
    if "both_legs_swollen" in sym and not pregnant:
        floors.append("see_soon")
    if "new_or_changed_medicine" in ctx:
        floors.append("urgent_today")
    if "feeling_very_unwell" in sym and sudden:
        floors.append("urgent_today")
    if severe and swelling and not injured:
        floors.append("urgent_today")
    if severe and trend == "worsening" and location == "radiating" and sym & {"numbness", "tingling",
                                                                               "both_legs_pain_or_tingling"}:
        floors.append("urgent_today")
    # version-2 rows kept by V3.2
    if sym & {"mouth_or_fingertip_tingling", "cramp_over_10_minutes", "weakness"} or "wound_or_puncture" in ctx:
        floors.append("urgent_today")
    if "fever" in sym and ({"redness", "swelling"} <= sym or "feeling_very_unwell" in sym):
        floors.append("urgent_today")
    if severe and "swelling" in sym and injured and days <= 2:
        floors.append("urgent_today")
    if sym & {"fever", "numbness", "tingling"} or location == "radiating" or severe or trend == "worsening":
        floors.append("see_soon")
    if (swelling or "redness" in sym) and (not injured or (days > 3 and trend != "lessening")):
        floors.append("see_soon")
    if weeks >= 6 and trend != "lessening":
        floors.append("see_soon")
    if region == "chest_or_abdomen":
        floors.append("see_soon")
    if region == "face_or_jaw" and (weeks >= 2 or trend == "worsening" or "pain_on_chewing_or_new_headache" in sym):
        floors.append("see_soon")
    if "drank_lots_of_plain_water" in ctx and (location == "widespread" or region == "several_areas"):
        floors.append("see_soon")
    if floors:
        return max(floors, key=rank)
    return "self_care" if self_care_allowed(a) else "routine"


def self_care_allowed(a: dict[str, Any]) -> bool:
    """The spec's conditions for "self_care" (all must hold; V3.2: 5-15-year-olds may reach it, and onset
    up to one day before the injury counts as at the injury)."""
    if not a["recent_injury"]:
        return False
    days, weeks = a["days_since_injury"], a["duration_weeks"]
    onset = days - 7.0 * weeks  # day the spasms began, counted from the injury
    return (
        days <= 42 and -1 <= onset <= 7 and a["location"] == "localized"
        and a["intensity"] in {"mild", "moderate"}
        and (a["trend"] == "lessening" or (a["trend"] == "unchanged" and days <= 21))
        and weeks < 6 and not a["symptoms"] and not a["danger_signs"]
        and a["context"] <= {"recent_surgery", "pregnant_or_recently_gave_birth"}
        and a["age_band"] != "under_5" and a["body_region"] not in {"chest_or_abdomen", "face_or_jaw"}
    )


# ------------------------------------------------------------------------------------- data tests


def test_dataset_shape():
    assert len(RAW_CASES) >= MIN_CASES, f"{len(RAW_CASES)} vignettes, at least {MIN_CASES} needed"
    duplicates = [i for i, n in Counter(CASE_IDS).items() if n > 1]
    assert not duplicates, f"duplicate case ids: {duplicates}"
    per_category = Counter(c.get("category") for c in RAW_CASES)
    unknown = set(per_category) - set(CATEGORIES)
    assert not unknown, f"unknown categories {unknown}; valid: {sorted(CATEGORIES)}"
    short = {k: per_category.get(k, 0) for k in CATEGORIES if per_category.get(k, 0) < MIN_PER_CATEGORY}
    assert not short, f"categories with fewer than {MIN_PER_CATEGORY} cases: {short}"


@pytest.mark.parametrize("case", RAW_CASES, ids=CASE_IDS)
def test_case_is_well_formed(case):
    cid = case.get("id", "?")
    keys = set(case)
    assert CASE_KEYS <= keys <= CASE_KEYS | OPTIONAL_KEYS, (
        f"{cid}: keys {sorted(keys)} must be {sorted(CASE_KEYS)} plus any of {sorted(OPTIONAL_KEYS)}")
    if "family" in case:
        assert case["family"] in FAMILIES, f"{cid}: family {case['family']!r} is not one of V3.2's"
    if case["category"] == "emergency":  # V3.2 recognition robustness: the minimum without the ticks, per case
        assert case.get("min_without_ticks") in {"emergency_now", "urgent_today"}, (
            f"{cid}: an emergency case states min_without_ticks (urgent_today or emergency_now)")
    else:
        assert "min_without_ticks" not in case, f"{cid}: min_without_ticks belongs to emergency cases only"
    for key in ("id", "picture", "source", "source_says", "condition"):
        assert isinstance(case[key], str) and case[key].strip(), f"{cid}: {key} must be a non-empty string"
    assert case["expected"] in TIERS, f"{cid}: expected={case['expected']!r} is not one of {TIERS}"
    allowed = CATEGORIES.get(case["category"])
    assert allowed is not None, f"{cid}: category={case['category']!r} is not one of {sorted(CATEGORIES)}"
    assert case["expected"] in allowed, f"{cid}: a {case['category']} case cannot expect {case['expected']}"
    problems = answer_problems(case["answers"])
    assert not problems, f"{cid}: " + "; ".join(problems)


def test_every_look_alike_family_and_benign_control_is_covered():
    covered = {c.get("family") for c in RAW_CASES}
    missing = sorted(FAMILIES - covered)
    assert not missing, f"V3.2 look-alike families or benign controls with no vignette: {missing}"


def test_every_emergency_case_has_emergency_answers_to_remove():
    # the robustness run removes the "yes" answers of the emergency questions; a case without any tests
    # nothing there (its min_without_ticks must then be emergency_now and is checked as usual)
    for c in RAW_CASES:
        if c["category"] == "emergency" and not c["answers"]["danger_signs"]:
            assert c.get("min_without_ticks") == "emergency_now", c["id"]


@pytest.mark.parametrize("case", RAW_CASES, ids=CASE_IDS)
def test_expected_is_at_least_the_spec_floor(case):
    if answer_problems(case["answers"]):
        pytest.skip("malformed answers (reported by test_case_is_well_formed)")
    floor = spec_floor(answers_kwargs(case))
    assert rank(case["expected"]) >= rank(floor), (
        f"{case['id']}: expected {case['expected']} is below the spec's floor {floor} for these answers"
    )


# ----------------------------------------------------------------------------------- engine tests


def _item_text(item: Any) -> str | None:
    """One reason or red flag in a line; neutral reasons are left out to keep failure messages readable."""
    if getattr(item, "direction", None) == "neutral":
        return None
    if hasattr(item, "flag") and hasattr(item, "tier"):
        return f"{item.flag} -> {item.tier}"
    if hasattr(item, "criterion") and hasattr(item, "why"):
        return f"{item.criterion}: {item.why}"
    return str(item)


def _text(items: Any) -> str:
    if items is None:
        return "-"
    if isinstance(items, str):
        return items
    try:
        texts = [t for t in (_item_text(x) for x in items) if t]
    except TypeError:
        return str(items)
    return " | ".join(texts) or "-"


def _row(label: str, rows: list[dict[str, Any]]) -> str:
    n = len(rows)
    exact = sum(r["got"] == r["expected"] for r in rows)
    under = sum(r["delta"] < 0 for r in rows)
    over = sum(r["delta"] > 0 for r in rows)
    errors = sum(r["got"] is None for r in rows)
    line = f"{label:<24}{n:>4}{exact:>7}{under:>7}{over:>7}"
    return line + (f"   ({errors} raised)" if errors else "")


def report_lines(results: list[dict[str, Any]]) -> list[str]:
    """The vignette table: per expected tier, n / exact / under-triage / over-triage, and the details."""
    lines = [f"{'expected tier':<24}{'n':>4}{'exact':>7}{'under':>7}{'over':>7}"]
    for tier in TIERS:
        lines.append(_row(tier, [r for r in results if r["expected"] == tier]))
    lines.append(_row("all cases", results))
    lines.append(_row("benign controls", [r for r in results if r["category"] == "benign"]))
    lines.append("")
    lines.append("under-triage                 with ticks   without ticks (emergency questions all 'no')")
    for tier, name in (("emergency_now", "emergency"), ("urgent_today", "urgent")):
        rows = [r for r in results if r["expected"] == tier]
        under = [r["id"] for r in rows if r["delta"] < 0]
        stripped = [r for r in rows if r.get("without") is not None]
        below_min = [r["id"] for r in stripped if rank(r["without"]) < rank(r["min_without_ticks"])]
        below_urgent = [r["id"] for r in stripped if rank(r["without"]) < rank("urgent_today")]
        lost = [r["id"] for r in stripped if rank(r["without"]) < rank(tier)]
        lines.append(f"{name + ' under-triage':<29}{len(under):>3} of {len(rows):<6}"
                     + (f"{len(lost):>3} of {len(stripped)} below {tier}; {len(below_min)} below their stated "
                        f"minimum; {len(below_urgent)} below urgent_today" if stripped else "   (not run)")
                     + (f"  {under}" if under else ""))
        if below_min:
            lines.append(f"    below their minimum without ticks: {below_min}")
    low = [r for r in results if r["expected"] in {"routine", "self_care"}]
    far = [r["id"] for r in low if r["delta"] >= 2]
    lines.append(f"over-triage by 2+ tiers among routine + self-care cases: {len(far)} of {len(low)} "
                 f"(limit {usability_limit(len(low))}, 1 in 10 rounded up)" + (f"  {far}" if far else ""))
    stripped = [r for r in results if r.get("without") is not None]
    if stripped:
        lines.append("emergency cases without their ticks (id: with -> without, stated minimum):")
        for r in stripped:
            lines.append(f"  {r['id']}: {r['got']} -> {r['without']} (at least {r['min_without_ticks']})")
    off = [r for r in results if r["got"] != r["expected"]]
    if off:
        lines.append("disagreements (id: expected -> got):")
        for r in off:
            kind = "error" if r["got"] is None else ("UNDER" if r["delta"] < 0 else "over")
            lines.append(f"  {kind:<5} {r['id']}: {r['expected']} -> {r['got'] or r['error']}")
    return lines


def usability_limit(n: int) -> int:
    """At most 1 in 10 of ``n`` cases, rounded up (COURSE_SPEC V3.2)."""
    return math.ceil(USABILITY_SHARE * n)


class _VignetteReport:
    """Prints the vignette table in pytest's terminal summary (registered at run time by ``results``)."""

    def __init__(self) -> None:
        self.lines: list[str] = []

    def pytest_terminal_summary(self, terminalreporter) -> None:
        if self.lines:
            terminalreporter.section(f"self-check vignettes ({DATA.name})")
            for line in self.lines:
                terminalreporter.write_line(line)


@pytest.fixture(scope="module")
def engine():
    try:
        from course import selfcheck
    except ImportError as exc:  # pragma: no cover - the engine is part of the course
        pytest.fail(f"course.selfcheck cannot be imported: {exc}", pytrace=False)
    missing = [name for name in ("Answers", "assess", "TIERS") if not hasattr(selfcheck, name)]
    if missing:
        pytest.fail(f"course.selfcheck has no {missing}: the version-2 engine is not there", pytrace=False)
    return selfcheck


@pytest.fixture(scope="module")
def results(engine, request) -> dict[str, dict[str, Any]]:
    """Every well-formed case run through ``assess``; the table goes to the terminal summary and a file."""
    rows = []
    for case in RAW_CASES:
        if answer_problems(case["answers"]):
            continue
        row = dict(id=case["id"], category=case["category"], expected=case["expected"], got=None, delta=-math.inf,
                   error=None, reasons="-", red_flags="-", without=None,
                   min_without_ticks=case.get("min_without_ticks")
                   or ("urgent_today" if case["category"] == "urgent" else None))
        try:
            kwargs = answers_kwargs(case)
            if case["category"] in {"emergency", "urgent"}:  # V3.2 robustness: every emergency answer "no"
                row["without"] = str(engine.urgency_of(engine.Answers(**{**kwargs, "danger_signs": frozenset()})))
            assessment = engine.assess(engine.Answers(**kwargs))
            row["got"] = str(assessment.urgency)
            row["delta"] = rank(row["got"]) - rank(row["expected"])
            row["reasons"] = _text(getattr(assessment, "reasons", None))
            row["red_flags"] = _text(getattr(assessment, "red_flags", None))
        except Exception as exc:  # noqa: BLE001 - reported per case by test_no_under_triage
            row["error"] = f"{type(exc).__name__}: {exc}"
        rows.append(row)
    lines = report_lines(rows)
    plugin_name = "selfcheck-vignettes-report"
    plugin = request.config.pluginmanager.get_plugin(plugin_name)
    if plugin is None:
        plugin = _VignetteReport()
        request.config.pluginmanager.register(plugin, plugin_name)
    plugin.lines = lines
    ARTIFACT.parent.mkdir(parents=True, exist_ok=True)
    ARTIFACT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return {r["id"]: r for r in rows}


def test_engine_uses_the_spec_vocabularies(engine):
    assert tuple(engine.TIERS) == TIERS
    names = {"timing": "TIMINGS", "intensity": "INTENSITIES", "trend": "TRENDS", "location": "LOCATIONS",
             "hydration": "HYDRATIONS", "body_region": "BODY_REGIONS", "age_band": "AGE_BANDS",
             "symptoms": "SYMPTOMS", "danger_signs": "DANGER_SIGNS", "context": "CONTEXTS", "history": "HISTORY",
             "onset": "ONSETS"}
    for field, constant in names.items():
        if hasattr(engine, constant):  # checked where the engine publishes the vocabulary
            expected = CHOICES.get(field) or SETS[field]
            assert frozenset(getattr(engine, constant)) == expected, f"{constant} differs from the spec"


@pytest.mark.parametrize("case_id", CASE_IDS)
def test_no_under_triage(results, case_id):
    r = results.get(case_id)
    if r is None:
        pytest.skip("malformed answers (reported by test_case_is_well_formed)")
    if r["got"] is None:
        pytest.fail(f"{case_id}: assess raised {r['error']}", pytrace=False)
    if r["delta"] < 0:
        pytest.fail(
            f"{case_id}: under-triage: expected {r['expected']}, got {r['got']}\n"
            f"  reasons: {r['reasons']}\n  red flags: {r['red_flags']}",
            pytrace=False,
        )


@pytest.mark.parametrize("tier", ["emergency_now", "urgent_today"])
def test_no_emergency_or_urgent_under_triage(results, tier):
    under = {i: r["got"] for i, r in results.items() if r["expected"] == tier and r["delta"] < 0}
    assert not under, f"{tier} under-triaged in {len(under)} case(s): {under}"


@pytest.mark.parametrize("case_id", [c["id"] for c in RAW_CASES if c["category"] in {"emergency", "urgent"}])
def test_emergency_recognised_without_its_ticks(results, case_id):
    """V3.2: with every emergency question answered "no", an emergency case still reaches its stated
    minimum, and no emergency or urgent case falls below urgent_today."""
    r = results.get(case_id)
    if r is None:
        pytest.skip("malformed answers (reported by test_case_is_well_formed)")
    assert r["without"] is not None, r["error"]
    least = max(r["min_without_ticks"], "urgent_today", key=rank)
    assert rank(r["without"]) >= rank(least), f"{case_id}: without its ticks {r['without']}, needs {least}"


def test_over_triage_stays_usable(results):
    low = [r for r in results.values() if r["expected"] in {"routine", "self_care"}]
    far = {r["id"]: r["got"] for r in low if r["got"] is not None and r["delta"] >= 2}
    assert low, "no routine or self-care cases"
    assert len(far) <= usability_limit(len(low)), (
        f"{len(far)} of {len(low)} routine/self-care cases are over-triaged by two tiers or more: {far}"
    )
