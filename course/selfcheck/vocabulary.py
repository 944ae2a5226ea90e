"""The self-check's answer vocabulary (version 3): the strings of the course spec, their labels, :class:`Answers`.

Everything a person can say to the self-check is here, with the plain-language label the form shows
(:data:`LABELS`; people see labels, never these codes). Values retired in version 3 raise a
``ValueError`` that names their replacement (:data:`RETIRED`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, fields
from enum import StrEnum
from types import MappingProxyType
from typing import Any

import numpy as np

from course._checks import check_choice, check_number, short_repr
from course.healing import SCENARIOS

__all__ = [
    "Timing", "Intensity", "Trend", "Location", "Symptom", "Hydration", "DangerSign", "Context", "History",
    "BodyRegion", "AgeBand", "Onset", "Urgency", "Verdict",
    "TIMINGS", "INTENSITIES", "TRENDS", "LOCATIONS", "SYMPTOMS", "HYDRATIONS", "DANGER_SIGNS", "CONTEXTS",
    "HISTORY", "BODY_REGIONS", "AGE_BANDS", "ONSETS", "TIERS", "VERDICTS", "DIRECTIONS", "CRITERIA",
    "ANSWER_FIELDS", "SET_FIELDS", "CHOICE_FIELDS", "LABELS", "QUESTION_LABELS", "RETIRED", "TIER_LABELS",
    "TIER_ICONS", "TIER_VERDICT", "VERDICT_LABELS", "VERDICT_ICONS", "CAUSE_LABELS",
    "DAYS_RANGE", "DURATION_WEEKS_RANGE", "PERSISTING_WEEKS", "SHORTLY_AFTER_DAYS", "LATE_ONSET_DAYS",
    "SELF_CARE_MAX_DAYS", "SWELLING_SETTLES_DAYS", "ONSET_TOLERANCE_DAYS",
    "Answers", "answers_from_presentation", "scenario_answers", "tier_rank", "label",
]


class Timing(StrEnum):
    """When the spasms happen."""

    REST_AFTER_INJURY = "rest_after_injury"
    DURING_EXERTION = "during_exertion"
    AFTER_EXERTION = "after_exertion"
    NIGHT = "night"
    NO_PATTERN = "no_pattern"


class Intensity(StrEnum):
    """How strong the spasms are (ordered, mildest first)."""

    MILD = "mild"
    MODERATE = "moderate"
    SEVERE = "severe"


class Trend(StrEnum):
    """How the spasms change over time (ordered, best first)."""

    LESSENING = "lessening"
    UNCHANGED = "unchanged"
    WORSENING = "worsening"


class Location(StrEnum):
    """Where the spasms are felt."""

    LOCALIZED = "localized"
    WIDESPREAD = "widespread"
    RADIATING = "radiating"


class Symptom(StrEnum):
    """Accompanying symptoms (any subset, including none)."""

    SWELLING = "swelling"
    REDNESS = "redness"
    FEVER = "fever"
    NUMBNESS = "numbness"
    TINGLING = "tingling"
    WEAKNESS = "weakness"
    WARMTH = "warmth"
    ONE_LEG_SWOLLEN = "one_leg_swollen"
    ONE_ARM_SWOLLEN = "one_arm_swollen"
    BOTH_LEGS_SWOLLEN = "both_legs_swollen"
    CALF_TENDER = "calf_tender"
    MOUTH_OR_FINGERTIP_TINGLING = "mouth_or_fingertip_tingling"
    CRAMP_OVER_10_MINUTES = "cramp_over_10_minutes"
    FEELING_VERY_UNWELL = "feeling_very_unwell"
    PAIN_ON_CHEWING_OR_NEW_HEADACHE = "pain_on_chewing_or_new_headache"
    BOTH_LEGS_PAIN_OR_TINGLING = "both_legs_pain_or_tingling"
    RACING_OR_IRREGULAR_HEARTBEAT = "racing_or_irregular_heartbeat"
    INVOLUNTARY_TWISTING_OR_EYES_ROLLING_UP = "involuntary_twisting_or_eyes_rolling_up"


class Hydration(StrEnum):
    """Fluid context: drinking enough, drinking too little, or heavy sweating."""

    ADEQUATE = "adequate"
    POOR = "poor"
    HEAVY_SWEATING = "heavy_sweating"


class DangerSign(StrEnum):
    """The emergency screen, asked first, one yes/no question each ("now, or in the past 24 hours")."""

    CHEST_PAIN = "chest_pain"
    PAIN_WITH_SWEATING_NAUSEA_OR_BREATHLESSNESS = "pain_with_sweating_nausea_or_breathlessness"
    BREATHING_OR_SWALLOWING_DIFFICULTY = "breathing_or_swallowing_difficulty"
    JAW_STIFF_OR_LOCKED = "jaw_stiff_or_locked"
    CONFUSION_OR_FAINTING = "confusion_or_fainting"
    ONE_SIDED_FACE_OR_BODY_WEAKNESS = "one_sided_face_or_body_weakness"
    SPEECH_OR_VISION_CHANGE = "speech_or_vision_change"
    SUDDEN_SEVERE_PAIN = "sudden_severe_pain"
    SADDLE_NUMBNESS_OR_BLADDER_BOWEL_CHANGE = "saddle_numbness_or_bladder_bowel_change"
    BOTH_LEGS_WEAK_OR_NUMB = "both_legs_weak_or_numb"
    DARK_OR_VERY_LITTLE_URINE = "dark_or_very_little_urine"
    TENSE_LIMB_PAIN_OUT_OF_PROPORTION = "tense_limb_pain_out_of_proportion"
    COLD_PALE_OR_NUMB_LIMB = "cold_pale_or_numb_limb"
    CANNOT_BEAR_WEIGHT_OR_MOVE_LIMB = "cannot_bear_weight_or_move_limb"
    FEVER_WITH_STIFF_NECK_HEADACHE_OR_RASH = "fever_with_stiff_neck_headache_or_rash"
    HAND_OR_FOOT_CLAWING = "hand_or_foot_clawing"


class Context(StrEnum):
    """What else is going on (any subset, including none)."""

    RECENT_SURGERY = "recent_surgery"
    IMMOBILE_OR_LONG_JOURNEY = "immobile_or_long_journey"
    CAST_OR_TIGHT_BANDAGE = "cast_or_tight_bandage"
    WOUND_OR_PUNCTURE = "wound_or_puncture"
    FALL = "fall"
    HEAD_OR_NECK_INJURY = "head_or_neck_injury"
    NECK_OR_THYROID_SURGERY = "neck_or_thyroid_surgery"
    NEW_OR_CHANGED_MEDICINE = "new_or_changed_medicine"
    PREGNANT_OR_RECENTLY_GAVE_BIRTH = "pregnant_or_recently_gave_birth"
    DRANK_LOTS_OF_PLAIN_WATER = "drank_lots_of_plain_water"


class History(StrEnum):
    """Long-term medicines (every one taken now, however recently started) and conditions."""

    STATIN = "statin"
    DIURETIC = "diuretic"
    ACID_REDUCING_PPI = "acid_reducing_ppi"
    ANTIPSYCHOTIC_OR_ANTI_SICKNESS = "antipsychotic_or_anti_sickness"
    SEROTONERGIC_ANTIDEPRESSANT_OR_TRAMADOL = "serotonergic_antidepressant_or_tramadol"
    ANTICOAGULANT = "anticoagulant"
    STEROID_OR_IMMUNOSUPPRESSANT = "steroid_or_immunosuppressant"
    CANCER = "cancer"
    HORMONAL_CONTRACEPTION_OR_HRT = "hormonal_contraception_or_hrt"
    PREVIOUS_CLOT = "previous_clot"
    INJECTS_DRUGS = "injects_drugs"
    RECREATIONAL_DRUGS = "recreational_drugs"


class BodyRegion(StrEnum):
    """Where in the body (the main area)."""

    LEG = "leg"
    FOOT = "foot"
    BACK = "back"
    NECK_OR_SHOULDER = "neck_or_shoulder"
    ARM_OR_HAND = "arm_or_hand"
    FACE_OR_JAW = "face_or_jaw"
    CHEST_OR_ABDOMEN = "chest_or_abdomen"
    SEVERAL_AREAS = "several_areas"


class AgeBand(StrEnum):
    """Age of the person the answers are about."""

    UNDER_5 = "under_5"
    CHILD = "5_to_15"
    ADULT = "16_to_64"
    OLDER = "65_or_over"


class Onset(StrEnum):
    """How the spasms or pain began (ordered: sudden is the more urgent answer)."""

    GRADUAL = "gradual"
    SUDDEN = "sudden"


class Urgency(StrEnum):
    """The five urgency tiers, most urgent first."""

    EMERGENCY_NOW = "emergency_now"
    URGENT_TODAY = "urgent_today"
    SEE_SOON = "see_soon"
    ROUTINE = "routine"
    SELF_CARE = "self_care"


class Verdict(StrEnum):
    """The three-way verdict of version 1, derived from the urgency tier."""

    CONSISTENT_WITH_HEALING = "consistent_with_healing"
    MONITOR = "monitor"
    SEEK_CARE = "seek_care"


def _values(enum: type[StrEnum]) -> tuple[str, ...]:
    return tuple(m.value for m in enum)


TIMINGS = _values(Timing)
INTENSITIES = _values(Intensity)
TRENDS = _values(Trend)
LOCATIONS = _values(Location)
SYMPTOMS = _values(Symptom)
HYDRATIONS = _values(Hydration)
DANGER_SIGNS = _values(DangerSign)
CONTEXTS = _values(Context)
HISTORY = _values(History)
BODY_REGIONS = _values(BodyRegion)
AGE_BANDS = _values(AgeBand)
ONSETS = _values(Onset)
#: Urgency tiers, most urgent first.
TIERS = _values(Urgency)
#: Verdicts from safest to most urgent (version 1 order).
VERDICTS = _values(Verdict)
#: Which way one criterion leans.
DIRECTIONS: tuple[str, ...] = ("healing", "neutral", "problem")

#: The criteria, in the order reasons are listed (one reason each, always).
CRITERIA: tuple[str, ...] = (
    "danger signs",
    "age",
    "onset",
    "context",
    "history",
    "body region",
    "timing",
    "intensity",
    "location",
    "accompanying symptoms",
    "course over time",
    "duration",
    "context: hydration",
)

#: The fields of :class:`Answers`, in order (also the keys of a notebook-04 ``presentation``).
ANSWER_FIELDS: tuple[str, ...] = (
    "recent_injury",
    "days_since_injury",
    "timing",
    "intensity",
    "trend",
    "duration_weeks",
    "location",
    "symptoms",
    "hydration",
    "danger_signs",
    "context",
    "body_region",
    "age_band",
    "onset",
    "history",
)

#: Set-valued fields and their vocabularies (an empty set means "none of these", answered).
SET_FIELDS: Mapping[str, tuple[str, ...]] = MappingProxyType({
    "symptoms": SYMPTOMS, "danger_signs": DANGER_SIGNS, "context": CONTEXTS, "history": HISTORY,
})
#: Single-choice fields and their vocabularies.
CHOICE_FIELDS: Mapping[str, tuple[str, ...]] = MappingProxyType({
    "timing": TIMINGS, "intensity": INTENSITIES, "trend": TRENDS, "location": LOCATIONS,
    "hydration": HYDRATIONS, "body_region": BODY_REGIONS, "age_band": AGE_BANDS, "onset": ONSETS,
})
#: Ordered answers (lowest first): raising one never lowers the tier.
ORDINAL: Mapping[str, tuple[str, ...]] = MappingProxyType({
    "intensity": INTENSITIES, "trend": TRENDS, "onset": ONSETS,
})

_ro = MappingProxyType

#: Plain-language label of every categorical answer (used by the form and the summary).
LABELS: Mapping[str, Mapping[str, str]] = _ro({
    "timing": _ro({
        "rest_after_injury": "at rest, after an injury",
        "during_exertion": "during heavy exertion",
        "after_exertion": "after heavy exertion",
        "night": "at night",
        "no_pattern": "no clear pattern",
    }),
    "intensity": _ro({
        "mild": "mild: a twitch or a cramp that settles quickly",
        "moderate": "moderate: uncomfortable, eases within minutes",
        "severe": "severe: strong pain",
    }),
    "trend": _ro({
        "lessening": "lessening",
        "unchanged": "about the same",
        "worsening": "worsening",
    }),
    "location": _ro({
        "localized": "localized, near one spot",
        "widespread": "widespread, in several muscles",
        "radiating": "with pain or tingling spreading along a limb",
    }),
    "symptoms": _ro({
        "swelling": "swelling",
        "redness": "redness",
        "fever": "fever (feeling hot and shivery, or 38 °C or more)",
        "numbness": "numbness",
        "tingling": "tingling (pins and needles)",
        "weakness": "weakness",
        "warmth": "the area feels warm",
        "one_leg_swollen": "one leg (calf or thigh) swollen",
        "one_arm_swollen": "one arm swollen",
        "both_legs_swollen": "both legs or both ankles swollen",
        "calf_tender": "a calf that is tender to touch or aches when you walk",
        "mouth_or_fingertip_tingling": "tingling around the mouth or in the fingertips",
        "cramp_over_10_minutes": "a single cramp lasting over 10 minutes",
        "feeling_very_unwell": "feeling very unwell",
        "pain_on_chewing_or_new_headache": "jaw pain when chewing, or a new kind of headache",
        "both_legs_pain_or_tingling": "pain or tingling down both legs",
        "racing_or_irregular_heartbeat": "a racing, pounding or irregular heartbeat",
        "involuntary_twisting_or_eyes_rolling_up":
            "muscles twisting on their own (neck, tongue, jaw), or the eyes rolling up",
    }),
    "hydration": _ro({
        "adequate": "drinking to thirst",
        "poor": "drinking too little",
        "heavy_sweating": "heavy sweating",
    }),
    "danger_signs": _ro({
        "chest_pain": "chest pain, pressure or tightness",
        "pain_with_sweating_nausea_or_breathlessness":
            "pain in the arm, jaw, neck, back or upper belly together with sweating, feeling sick or "
            "being short of breath",
        "breathing_or_swallowing_difficulty": "difficulty breathing or swallowing, or a tight throat",
        "jaw_stiff_or_locked": "a stiff jaw, or a jaw that will not open",
        "confusion_or_fainting": "confusion, fainting or a fit (seizure)",
        "one_sided_face_or_body_weakness":
            "a face drooping, or an arm or leg weak or numb on one side, even if it has passed",
        "speech_or_vision_change": "slurred or muddled speech, or sudden loss or change of vision",
        "sudden_severe_pain": "sudden, severe pain: the worst ever, or a tearing or ripping pain",
        "saddle_numbness_or_bladder_bowel_change":
            "numbness between the legs or around the bottom, or a change in bladder or bowel control "
            "(including difficulty starting to pass urine)",
        "both_legs_weak_or_numb": "both legs weak or numb",
        "dark_or_very_little_urine": "dark (tea- or cola-coloured) urine, or passing very little",
        "tense_limb_pain_out_of_proportion":
            "an arm or leg that is tense and tight, with pain far worse than expected (with or without an injury)",
        "cold_pale_or_numb_limb": "an arm or leg that has gone cold, pale or blue, or numb",
        "cannot_bear_weight_or_move_limb": "cannot stand or put weight on a leg, or cannot move an arm or leg",
        "fever_with_stiff_neck_headache_or_rash":
            "a fever with a stiff neck, a bad headache, dislike of bright light, or a rash that does not "
            "fade under a pressed glass",
        "hand_or_foot_clawing": "hands or feet cramping into a claw",
    }),
    "context": _ro({
        "recent_surgery": "an operation in the past 12 weeks",
        "immobile_or_long_journey": "bed rest, long sitting or a long journey (over 4 hours)",
        "cast_or_tight_bandage": "a plaster cast, splint or tight bandage",
        "wound_or_puncture": "a recent wound, puncture, bite or burn",
        "fall": "a trip or a fall from standing height",
        "head_or_neck_injury":
            "a blow to the head or neck, a fall from above head height or down stairs, or a high-speed crash",
        "neck_or_thyroid_surgery": "recent neck or thyroid surgery",
        "new_or_changed_medicine": "a medicine started or changed in the past 3 months",
        "pregnant_or_recently_gave_birth": "pregnant, or gave birth in the past 6 weeks",
        "drank_lots_of_plain_water": "drank a lot of plain water (for example during a long race)",
    }),
    "history": _ro({
        "statin": "a statin for cholesterol (such as atorvastatin or simvastatin)",
        "diuretic": "a water tablet (diuretic, such as furosemide or a thiazide)",
        "acid_reducing_ppi": "an acid-reducing tablet (such as omeprazole or lansoprazole)",
        "antipsychotic_or_anti_sickness":
            "an antipsychotic, or an anti-sickness medicine (such as metoclopramide or prochlorperazine)",
        "serotonergic_antidepressant_or_tramadol": "an antidepressant (such as sertraline), or tramadol",
        "anticoagulant": "a blood thinner (anticoagulant, such as warfarin, apixaban or rivaroxaban)",
        "steroid_or_immunosuppressant": "steroid tablets, or medicine that weakens the immune system",
        "cancer": "cancer now or in the past",
        "hormonal_contraception_or_hrt": "the combined pill or other hormonal contraception, or HRT",
        "previous_clot": "a blood clot (DVT or in the lung) in the past",
        "injects_drugs": "injecting drugs",
        "recreational_drugs": "taking recreational drugs (such as cocaine, ecstasy or amphetamines)",
    }),
    "body_region": _ro({
        "leg": "leg (calf or thigh)",
        "foot": "foot",
        "back": "back",
        "neck_or_shoulder": "neck or shoulder",
        "arm_or_hand": "arm or hand",
        "face_or_jaw": "face or jaw",
        "chest_or_abdomen": "chest or belly",
        "several_areas": "several areas",
    }),
    "age_band": _ro({
        "under_5": "under 5",
        "5_to_15": "5 to 15",
        "16_to_64": "16 to 64",
        "65_or_over": "65 or over",
    }),
    "onset": _ro({
        "sudden": "suddenly, over seconds to minutes",
        "gradual": "gradually, over hours or days",
    }),
})

#: The emergency screen as questions (one yes/no question per item, "now or in the past 24 hours").
QUESTION_LABELS: Mapping[str, str] = _ro({
    s: f"Now, or at any time in the past 24 hours: {text}?" for s, text in LABELS["danger_signs"].items()
})

#: Values of version 2 retired in version 3: (field, value) → where to say it now.
RETIRED: Mapping[tuple[str, str], str] = _ro({
    ("age_band", "under_16"): (
        "age_band='under_16' was retired in version 3; choose one of: 'under_5', '5_to_15', '16_to_64', "
        "'65_or_over'"
    ),
    ("symptoms", "hand_or_foot_clawing"): (
        "symptoms item 'hand_or_foot_clawing' moved in version 3 to the emergency screen: put it in "
        "danger_signs (danger_signs={'hand_or_foot_clawing'})"
    ),
})

TIER_LABELS: Mapping[str, str] = _ro({
    "emergency_now": "Emergency: get help now",
    "urgent_today": "Urgent: see a doctor today",
    "see_soon": "See a GP or physiotherapist within a week",
    "routine": "No appointment now: watch, with a time limit",
    "self_care": "Self-care: consistent with a recovering strain",
})

#: A text icon per tier, so the urgency never depends on colour alone.
TIER_ICONS: Mapping[str, str] = _ro({
    "emergency_now": "‼", "urgent_today": "❗", "see_soon": "✚", "routine": "◆", "self_care": "✔",
})

TIER_VERDICT: Mapping[str, str] = _ro({
    "emergency_now": "seek_care", "urgent_today": "seek_care", "see_soon": "seek_care", "routine": "monitor",
    "self_care": "consistent_with_healing",
})

VERDICT_LABELS: Mapping[str, str] = _ro({
    "consistent_with_healing": "Consistent with healing",
    "monitor": "Monitor, with a time limit",
    "seek_care": "See a health professional",
})

#: A text icon per verdict (version 1), so the verdict never depends on colour alone.
VERDICT_ICONS: Mapping[str, str] = _ro({"consistent_with_healing": "✔", "monitor": "◆", "seek_care": "✚"})

#: What a criterion can point to.
CAUSE_LABELS: Mapping[str, str] = _ro({
    "healing": "a recovering strain",
    "overuse": "exertion and muscle fatigue",
    "electrolytes": "a blood-salt problem (calcium, magnesium, sodium or potassium)",
    "nerve": "an irritated or compressed nerve",
    "infection_inflammation": "infection or inflammation",
    "clot": "a blood clot (DVT)",
    "circulation": "the heart or the blood vessels",
    "medicine": "a medicine",
    "unrelated_to_injury": "a cause other than the injury",
    "persisting_problem": "a persisting or growing problem",
    "outside_scope": "something this self-check cannot judge",
})

#: ``days_since_injury`` range (days): a *recent* injury is one in the past 12 weeks.
DAYS_RANGE: tuple[float, float] = (0.0, 84.0)
#: Allowed duration of the spasms so far (weeks): up to ten years.
DURATION_WEEKS_RANGE: tuple[float, float] = (0.0, 520.0)
#: Spasms lasting this many weeks or more without easing need their cause found (see_soon).
PERSISTING_WEEKS = 6.0
#: Inflammation and proliferation phases, ≈ day 0–21 (Laumonier & Menetrey 2016): "about the same"
#: is still compatible with self-care only in this window.
SHORTLY_AFTER_DAYS = 21.0
#: Spasms that began more than this many days after the injury were not set off by it.
LATE_ONSET_DAYS = 7.0
#: Self-care only up to 6 weeks after the injury (the proliferation phase is long over by then).
SELF_CARE_MAX_DAYS = 42.0
#: Swelling after a strain should be settling after this many days.
SWELLING_SETTLES_DAYS = 3.0
#: Onset up to this many days *before* the injury still counts as "at the injury" (rounded answers:
#: a duration typed in weeks to one decimal can put the onset a day early; V3.2).
ONSET_TOLERANCE_DAYS = 1.0

_RANK: Mapping[str, int] = _ro({t: len(TIERS) - 1 - i for i, t in enumerate(TIERS)})


def tier_rank(tier: str) -> int:
    """4 for ``emergency_now`` … 0 for ``self_care`` (higher = more urgent)."""
    return _RANK[check_choice("tier", tier, TIERS)]


def label(field: str, value: str) -> str:
    """The words people see for one answer value (``LABELS[field][value]``)."""
    return LABELS[check_choice("field", field, tuple(LABELS))][check_choice(field, value, tuple(LABELS[field]))]


# ----------------------------------------------------------------------------------------------
# Validation
# ----------------------------------------------------------------------------------------------
def _choice(name: str, value: object, valid: tuple[str, ...]) -> str:
    if not isinstance(value, str):
        raise TypeError(
            f"{name} must be a string, got {short_repr(value)} of type {type(value).__name__}; "
            "valid values: " + ", ".join(repr(v) for v in valid)
        )
    retired = RETIRED.get((name, str(value)))
    if retired is not None:
        raise ValueError(retired)
    return str(check_choice(name, value, valid))  # str() turns an enum member into a plain str


def _number(name: str, value: object, lo: float, hi: float, unit: str) -> float:
    if type(value) is float and lo <= value <= hi:  # fast path (NaN fails the comparison)
        return value + 0.0  # −0.0 → 0.0
    return check_number(name, value, lo, hi, unit) + 0.0


def item_set(name: str, value: object, valid: tuple[str, ...]) -> frozenset[str]:
    """``value`` (a set, list or tuple of names from ``valid``) as a frozenset of plain strings."""
    if type(value) is frozenset and all(type(s) is str for s in value) and value <= frozenset(valid):
        return value  # fast path: already a valid frozenset of plain strings
    if value is None or isinstance(value, (str, bytes, Mapping)):
        raise TypeError(
            f"{name} must be a set of names (empty for 'none of these'), got {short_repr(value)}; "
            "valid names: " + ", ".join(repr(s) for s in valid)
        )
    try:
        items = list(value)  # type: ignore[call-overload]
    except TypeError as exc:
        raise TypeError(
            f"{name} must be a set of names (empty for 'none of these'), got {short_repr(value)} "
            f"of type {type(value).__name__}"
        ) from exc
    return frozenset(_choice(name, s, valid) for s in items)


@dataclass(frozen=True)
class Answers:
    """One person's answers to the self-check form (every field required; nothing is filled in).

    Parameters
    ----------
    recent_injury
        ``True`` for a strain, tear, operation or blow to the muscle within the past 12 weeks.
    days_since_injury
        Days since that injury, in ``[0, 84]`` days; required with an injury, ``None`` without one.
    timing, intensity, trend, location, hydration, body_region, age_band, onset
        One value each from :data:`TIMINGS`, :data:`INTENSITIES`, :data:`TRENDS`, :data:`LOCATIONS`,
        :data:`HYDRATIONS`, :data:`BODY_REGIONS`, :data:`AGE_BANDS`, :data:`ONSETS`.
        ``"rest_after_injury"`` timing needs an injury.
    duration_weeks
        How long the spasms have been going on, in weeks, ``[0, 520]``.
    symptoms, danger_signs, context, history
        Subsets of :data:`SYMPTOMS`, :data:`DANGER_SIGNS` (the "yes" answers of the emergency screen),
        :data:`CONTEXTS`, :data:`HISTORY` (set, list or tuple; empty means "none of these", answered).
        Duplicates are merged; stored as frozensets.

    A wrong type raises ``TypeError``; a value outside the vocabulary or range, a retired value
    (:data:`RETIRED`, the message names the new one) or a contradiction (days given with no injury,
    rest-after-injury timing with no injury) raises ``ValueError`` naming the field(s) and the valid
    values. ``str``-valued enums are stored as plain strings and ``-0.0`` as ``0.0``.
    """

    recent_injury: bool
    days_since_injury: float | None
    timing: str
    intensity: str
    trend: str
    duration_weeks: float
    location: str
    symptoms: frozenset[str]
    hydration: str
    danger_signs: frozenset[str]
    context: frozenset[str]
    body_region: str
    age_band: str
    onset: str
    history: frozenset[str]

    def __post_init__(self) -> None:
        put = object.__setattr__
        injury = self.recent_injury
        if type(injury) is not bool and not isinstance(injury, np.bool_):
            raise TypeError(
                f"recent_injury must be True or False, got {short_repr(injury)} of type {type(injury).__name__}"
            )
        injury = bool(injury)
        put(self, "recent_injury", injury)
        days = self.days_since_injury
        if days is not None:
            if not injury:
                raise ValueError(
                    f"days_since_injury={short_repr(days)} was given but recent_injury is False: either "
                    "answer recent_injury=True or leave days_since_injury=None"
                )
            try:
                days = _number("days_since_injury", days, *DAYS_RANGE, "days")
            except ValueError as exc:
                raise ValueError(f"{exc}; a recent injury is one within the past 12 weeks: for an older one "
                                 "answer recent_injury=False") from None
        elif injury:
            raise ValueError(
                "days_since_injury is missing: with recent_injury=True give the days since the injury, "
                f"in [{DAYS_RANGE[0]:g}, {DAYS_RANGE[1]:g}] days"
            )
        put(self, "days_since_injury", days)
        for name, valid in CHOICE_FIELDS.items():
            put(self, name, _choice(name, getattr(self, name), valid))
        if self.timing == "rest_after_injury" and not injury:
            raise ValueError(
                "timing='rest_after_injury' needs recent_injury=True; with no recent injury choose one of: "
                + ", ".join(repr(t) for t in TIMINGS if t != "rest_after_injury")
            )
        put(self, "duration_weeks", _number("duration_weeks", self.duration_weeks, *DURATION_WEEKS_RANGE, "weeks"))
        for name, valid in SET_FIELDS.items():
            put(self, name, item_set(name, getattr(self, name), valid))

    @property
    def onset_day(self) -> float | None:
        """Day the spasms began, counted from the injury (negative = before it); ``None`` without one."""
        if self.days_since_injury is None:
            return None
        return self.days_since_injury - 7.0 * self.duration_weeks

    @property
    def onset_at_injury(self) -> bool:
        """The spasms began at the injury: from :data:`ONSET_TOLERANCE_DAYS` before it to
        :data:`LATE_ONSET_DAYS` after it."""
        day = self.onset_day
        return day is not None and -ONSET_TOLERANCE_DAYS - 1e-9 <= day <= LATE_ONSET_DAYS

    def as_dict(self) -> dict[str, Any]:
        """The answers as a plain dict (sets as tuples in vocabulary order)."""
        out = {f.name: getattr(self, f.name) for f in fields(self)}
        for name, valid in SET_FIELDS.items():
            out[name] = ordered(out[name], valid)
        return out

    def describe(self) -> list[tuple[str, str]]:
        """(question, answer in words) pairs, in form order — for summaries and tables."""
        injury = f"yes, {days_text(self.days_since_injury)} ago" if self.recent_injury else "no"
        return [
            ("danger signs", set_text("danger_signs", self.danger_signs)),
            ("age", LABELS["age_band"][self.age_band]),
            ("onset", LABELS["onset"][self.onset]),
            ("recent injury", injury),
            ("context", set_text("context", self.context)),
            ("history", set_text("history", self.history)),
            ("body region", LABELS["body_region"][self.body_region]),
            ("timing", LABELS["timing"][self.timing]),
            ("intensity", LABELS["intensity"][self.intensity]),
            ("course over time", LABELS["trend"][self.trend]),
            ("duration", weeks_text(self.duration_weeks)),
            ("location", LABELS["location"][self.location]),
            ("accompanying symptoms", set_text("symptoms", self.symptoms)),
            ("hydration", LABELS["hydration"][self.hydration]),
        ]


def ordered(items: Iterable[str], valid: tuple[str, ...]) -> tuple[str, ...]:
    """``items`` in vocabulary order."""
    present = set(items)
    return tuple(s for s in valid if s in present)


def join(words: list[str]) -> str:
    """'a', 'a and b', 'a, b, and c' (Oxford comma)."""
    if len(words) <= 2:
        return " and ".join(words)
    return ", ".join(words[:-1]) + ", and " + words[-1]


def set_text(name: str, items: frozenset[str]) -> str:
    """The labels of a set answer in words ("none of these" when empty)."""
    if not items:
        return "none of these"
    return join([LABELS[name][s] for s in ordered(items, SET_FIELDS[name])])


def days_text(days: float | None) -> str:
    return "1 day" if days == 1 else f"{days:g} days"


def weeks_text(weeks: float) -> str:
    return "1 week" if weeks == 1 else f"{weeks:g} weeks"


def answers_from_presentation(presentation: Mapping[str, Any]) -> Answers:
    """Turn a notebook-04 scenario's ``presentation`` dict into :class:`Answers`.

    The keys must be exactly :data:`ANSWER_FIELDS`; missing or unknown keys raise ``ValueError``
    naming them (nothing is filled in), and the values are validated like any :class:`Answers`.
    """
    if not isinstance(presentation, Mapping):
        raise TypeError(f"presentation must be a mapping of answers, got {type(presentation).__name__}")
    keys = set(presentation)
    missing = [k for k in ANSWER_FIELDS if k not in keys]
    unknown = sorted(map(str, keys - set(ANSWER_FIELDS)))
    if missing or unknown:
        parts = []
        if missing:
            parts.append("missing " + ", ".join(missing))
        if unknown:
            parts.append("unknown " + ", ".join(unknown))
        raise ValueError(
            "presentation answers are incomplete or wrong (" + "; ".join(parts) + "); expected exactly: "
            + ", ".join(ANSWER_FIELDS)
        )
    return Answers(**{k: presentation[k] for k in ANSWER_FIELDS})


def scenario_answers(name: str) -> Answers:
    """:class:`Answers` of one notebook-04 scenario (``course.healing.SCENARIOS[name].presentation``)."""
    check_choice("scenario", name, tuple(SCENARIOS))
    return answers_from_presentation(SCENARIOS[name].presentation)
