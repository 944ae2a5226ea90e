"""The self-check rules engine, version 2 (notebook 06): urgency first, then the criteria.

Pure data in, pure data out — no widgets here (the form lives in :mod:`course.ui.selfcheck`).

How a case is judged
--------------------
A case is an :class:`Answers` record. :func:`assess` returns an :class:`Assessment` whose
``urgency`` is one of five ordered tiers (:data:`TIERS`, most urgent first):

``emergency_now``  ambulance or emergency department now;
``urgent_today``   a doctor today (urgent GP, urgent-care centre or a phone line such as NHS 111);
``see_soon``       a GP or physiotherapist within about a week (a doctor for fever, medicines, blood tests);
``routine``        no appointment now: watch, with a time frame and the signs that change that;
``self_care``      consistent with an uncomplicated, recovering strain.

The tier is decided like a triage protocol, not by a vote of the criteria:

1. **Floors** (:data:`FLOORS`): every answer or combination that needs care has a minimum tier.
   A floor is a row of data — which answers trigger it, the tier it forces, and why in plain
   words — and the tier is the highest floor triggered (so nothing can outvote an emergency).
   Every triggered floor is reported as a red flag with its tier and its reason.
2. **Self-care** is given only when no floor fires *and* every condition of
   :data:`SELF_CARE_CONDITIONS` holds (a recent strain, onset at the injury, localized, mild or
   moderate, easing, short, nothing else going on).
3. Everything else is **routine**, always with a time frame.

The floor table follows the urgency levels of NHS condition pages and NHS 111 (self-care / see a GP /
urgent GP or 111 / 999 or A&E) and the sources in ``REFERENCES.md`` (Notebook 06: NHS "Leg cramps",
NICE NG158 DVT, BOAST compartment syndrome, Society for Endocrinology acute hypocalcaemia, NICE NG51
sepsis, NICE NG232 head injury, cauda equina pathways, Hew-Butler et al. 2015 on exercise-associated
hyponatraemia). The derived three-way ``verdict`` of version 1 is kept for existing callers.

It is a teaching tool: education, not diagnosis (:data:`course.DISCLAIMER`).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field, fields
from enum import StrEnum
from types import MappingProxyType
from typing import Any

import numpy as np

from course import DISCLAIMER, EMERGENCY_LINE
from course._checks import check_choice, check_number, short_repr

# The acute phase after an injury (days) belongs to the healing model: cold packs by convention there, and
# here the window in which a severe strain with swelling needs a same-day look (possible large tear or
# haematoma). Re-exported (``__all__``) so that ``course.selfcheck.ACUTE_PHASE_DAYS`` keeps working.
from course.healing import ACUTE_PHASE_DAYS, SCENARIOS

__all__ = [
    "Timing", "Intensity", "Trend", "Location", "Symptom", "Hydration", "DangerSign", "Context",
    "BodyRegion", "AgeBand", "Urgency", "Verdict",
    "TIMINGS", "INTENSITIES", "TRENDS", "LOCATIONS", "SYMPTOMS", "HYDRATIONS", "DANGER_SIGNS",
    "CONTEXTS", "BODY_REGIONS", "AGE_BANDS", "TIERS", "VERDICTS", "DIRECTIONS", "CRITERIA",
    "ANSWER_FIELDS", "LABELS", "TIER_LABELS", "TIER_ICONS", "DESTINATIONS", "TIER_VERDICT",
    "VERDICT_LABELS", "VERDICT_ICONS", "CAUSE_LABELS", "DAYS_RANGE", "DURATION_WEEKS_RANGE",
    "PERSISTING_WEEKS", "SHORTLY_AFTER_DAYS", "ACUTE_PHASE_DAYS", "LATE_ONSET_DAYS", "SELF_CARE_MAX_DAYS",
    "Floor", "FLOORS", "floor_table", "SELF_CARE_CONDITIONS",
    "Answers", "Reason", "RedFlag", "Assessment", "assess", "screen", "urgency_of", "tier_rank",
    "answers_from_presentation", "scenario_answers", "all_answers", "verdict_counts", "urgency_counts",
    "EXAMPLES", "DISCLAIMER", "EMERGENCY_LINE",
]


# ----------------------------------------------------------------------------------------------
# The answer vocabulary (exactly the strings of the course spec)
# ----------------------------------------------------------------------------------------------
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
    MOUTH_OR_FINGERTIP_TINGLING = "mouth_or_fingertip_tingling"
    HAND_OR_FOOT_CLAWING = "hand_or_foot_clawing"
    CRAMP_OVER_10_MINUTES = "cramp_over_10_minutes"
    FEELING_VERY_UNWELL = "feeling_very_unwell"


class Hydration(StrEnum):
    """Fluid context: drinking enough, drinking too little, or heavy sweating."""

    ADEQUATE = "adequate"
    POOR = "poor"
    HEAVY_SWEATING = "heavy_sweating"


class DangerSign(StrEnum):
    """The emergency screen, asked first (any one → emergency_now)."""

    CHEST_PAIN = "chest_pain"
    BREATHING_OR_SWALLOWING_DIFFICULTY = "breathing_or_swallowing_difficulty"
    JAW_STIFF_OR_LOCKED = "jaw_stiff_or_locked"
    CONFUSION_OR_FAINTING = "confusion_or_fainting"
    ONE_SIDED_FACE_OR_BODY_WEAKNESS = "one_sided_face_or_body_weakness"
    SADDLE_NUMBNESS_OR_BLADDER_BOWEL_CHANGE = "saddle_numbness_or_bladder_bowel_change"
    DARK_OR_VERY_LITTLE_URINE = "dark_or_very_little_urine"
    TENSE_LIMB_PAIN_OUT_OF_PROPORTION = "tense_limb_pain_out_of_proportion"


class Context(StrEnum):
    """What else is going on (any subset, including none)."""

    RECENT_SURGERY = "recent_surgery"
    IMMOBILE_OR_LONG_JOURNEY = "immobile_or_long_journey"
    CAST_OR_TIGHT_BANDAGE = "cast_or_tight_bandage"
    WOUND_OR_PUNCTURE = "wound_or_puncture"
    HEAD_OR_NECK_INJURY = "head_or_neck_injury"
    NECK_OR_THYROID_SURGERY = "neck_or_thyroid_surgery"
    NEW_OR_CHANGED_MEDICINE = "new_or_changed_medicine"
    PREGNANT_OR_RECENTLY_GAVE_BIRTH = "pregnant_or_recently_gave_birth"
    DRANK_LOTS_OF_PLAIN_WATER = "drank_lots_of_plain_water"


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

    UNDER_16 = "under_16"
    ADULT = "16_to_64"
    OLDER = "65_or_over"


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
BODY_REGIONS = _values(BodyRegion)
AGE_BANDS = _values(AgeBand)
#: Urgency tiers, most urgent first.
TIERS = _values(Urgency)
#: Verdicts from safest to most urgent (version 1 order).
VERDICTS = _values(Verdict)
#: Which way one criterion leans.
DIRECTIONS: tuple[str, ...] = ("healing", "neutral", "problem")

#: The criteria, in the order reasons are listed (one reason each, always).
CRITERIA: tuple[str, ...] = (
    "danger signs",
    "context",
    "body region",
    "age",
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
)

#: Plain-language label of every categorical answer (used by the form and the summary).
LABELS: Mapping[str, Mapping[str, str]] = MappingProxyType({
    "timing": MappingProxyType({
        "rest_after_injury": "at rest, after an injury",
        "during_exertion": "during heavy exertion",
        "after_exertion": "after heavy exertion",
        "night": "at night",
        "no_pattern": "no clear pattern",
    }),
    "intensity": MappingProxyType({
        "mild": "mild: a twitch or a cramp that settles quickly",
        "moderate": "moderate: uncomfortable, eases within minutes",
        "severe": "severe: strong pain",
    }),
    "trend": MappingProxyType({
        "lessening": "lessening",
        "unchanged": "about the same",
        "worsening": "worsening",
    }),
    "location": MappingProxyType({
        "localized": "localized, near one spot",
        "widespread": "widespread, in several muscles",
        "radiating": "with pain or tingling spreading along a limb",
    }),
    "symptoms": MappingProxyType({
        "swelling": "swelling",
        "redness": "redness",
        "fever": "fever",
        "numbness": "numbness",
        "tingling": "tingling (pins and needles)",
        "weakness": "weakness",
        "warmth": "the area feels warm",
        "one_leg_swollen": "one leg (calf or thigh) swollen",
        "mouth_or_fingertip_tingling": "tingling around the mouth or in the fingertips",
        "hand_or_foot_clawing": "hands or feet cramping into a claw",
        "cramp_over_10_minutes": "a single cramp lasting over 10 minutes",
        "feeling_very_unwell": "feeling very unwell",
    }),
    "hydration": MappingProxyType({
        "adequate": "drinking to thirst",
        "poor": "drinking too little",
        "heavy_sweating": "heavy sweating",
    }),
    "danger_signs": MappingProxyType({
        "chest_pain": "chest pain, pressure or tightness",
        "breathing_or_swallowing_difficulty": "difficulty breathing or swallowing, or a tight throat",
        "jaw_stiff_or_locked": "a stiff jaw, or a jaw that will not open",
        "confusion_or_fainting": "confusion, fainting or a fit",
        "one_sided_face_or_body_weakness": "sudden weakness or numbness of one side of the face or body",
        "saddle_numbness_or_bladder_bowel_change":
            "numbness between the legs or around the bottom, or a change in bladder or bowel control",
        "dark_or_very_little_urine": "dark (tea- or cola-coloured) urine, or passing very little",
        "tense_limb_pain_out_of_proportion": "a tense, tight limb with pain far worse than the injury explains",
    }),
    "context": MappingProxyType({
        "recent_surgery": "an operation in the past 12 weeks",
        "immobile_or_long_journey": "bed rest, long sitting or a long journey (over 4 hours)",
        "cast_or_tight_bandage": "a plaster cast, splint or tight bandage",
        "wound_or_puncture": "a recent wound, puncture, bite or burn",
        "head_or_neck_injury": "a recent blow to the head or neck, a fall or a crash",
        "neck_or_thyroid_surgery": "recent neck or thyroid surgery",
        "new_or_changed_medicine": "a medicine started or changed in the past 3 months",
        "pregnant_or_recently_gave_birth": "pregnant, or gave birth in the past 6 weeks",
        "drank_lots_of_plain_water": "drank a lot of plain water (for example during a long race)",
    }),
    "body_region": MappingProxyType({
        "leg": "leg (calf or thigh)",
        "foot": "foot",
        "back": "back",
        "neck_or_shoulder": "neck or shoulder",
        "arm_or_hand": "arm or hand",
        "face_or_jaw": "face or jaw",
        "chest_or_abdomen": "chest or belly",
        "several_areas": "several areas",
    }),
    "age_band": MappingProxyType({
        "under_16": "under 16",
        "16_to_64": "16 to 64",
        "65_or_over": "65 or over",
    }),
})

TIER_LABELS: Mapping[str, str] = MappingProxyType({
    "emergency_now": "Emergency: get help now",
    "urgent_today": "Urgent: see a doctor today",
    "see_soon": "See a GP or physiotherapist within a week",
    "routine": "No appointment now: watch, with a time limit",
    "self_care": "Self-care: consistent with a recovering strain",
})

#: A text icon per tier, so the urgency never depends on colour alone.
TIER_ICONS: Mapping[str, str] = MappingProxyType({
    "emergency_now": "‼",
    "urgent_today": "❗",
    "see_soon": "✚",
    "routine": "◆",
    "self_care": "✔",
})

#: One fixed destination sentence per tier: the first next step and the first line of the summary.
DESTINATIONS: Mapping[str, str] = MappingProxyType({
    "emergency_now": (
        "Call an emergency number now (999 in the UK, 112 in the EU, 911 in North America) or go "
        "straight to the nearest emergency department (A&E)."
    ),
    "urgent_today": (
        "Get a doctor's assessment today: ask for an urgent same-day GP appointment, go to an "
        "urgent-care centre, or call a phone line such as NHS 111."
    ),
    "see_soon": (
        "Book an appointment within about a week: with a GP (a doctor) if you have a fever, take a "
        "new medicine or may need blood tests; otherwise with a GP or a physiotherapist."
    ),
    "routine": (
        "No appointment is needed now: watch how the spasms go, and book a GP or physiotherapist "
        "if they are not clearly easing within 2 weeks, are still there at 6 weeks, or a warning "
        "sign below appears."
    ),
    "self_care": (
        "You can look after this yourself: the answers fit an uncomplicated strain that is "
        "recovering; no appointment is needed unless a warning sign below appears."
    ),
})

TIER_VERDICT: Mapping[str, str] = MappingProxyType({
    "emergency_now": "seek_care",
    "urgent_today": "seek_care",
    "see_soon": "seek_care",
    "routine": "monitor",
    "self_care": "consistent_with_healing",
})

VERDICT_LABELS: Mapping[str, str] = MappingProxyType({
    "consistent_with_healing": "Consistent with healing",
    "monitor": "Monitor, with a time limit",
    "seek_care": "See a health professional",
})

#: A text icon per verdict (version 1), so the verdict never depends on colour alone.
VERDICT_ICONS: Mapping[str, str] = MappingProxyType({
    "consistent_with_healing": "✔",
    "monitor": "◆",
    "seek_care": "✚",
})

#: What a criterion can point to.
CAUSE_LABELS: Mapping[str, str] = MappingProxyType({
    "healing": "a recovering strain",
    "overuse": "exertion and muscle fatigue",
    "electrolytes": "a blood-salt problem (calcium, magnesium, sodium or potassium)",
    "nerve": "an irritated or compressed nerve",
    "infection_inflammation": "infection or inflammation",
    "clot": "a blood clot (DVT)",
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

_RANK: Mapping[str, int] = MappingProxyType({t: len(TIERS) - 1 - i for i, t in enumerate(TIERS)})
_ORDINAL: Mapping[str, tuple[str, ...]] = MappingProxyType({"intensity": INTENSITIES, "trend": TRENDS})


def tier_rank(tier: str) -> int:
    """4 for ``emergency_now`` … 0 for ``self_care`` (higher = more urgent)."""
    return _RANK[check_choice("tier", tier, TIERS)]


# ----------------------------------------------------------------------------------------------
# Answers
# ----------------------------------------------------------------------------------------------
_SETS: Mapping[str, tuple[str, ...]] = MappingProxyType({
    "symptoms": SYMPTOMS, "danger_signs": DANGER_SIGNS, "context": CONTEXTS,
})
_CHOICES: Mapping[str, tuple[str, ...]] = MappingProxyType({
    "timing": TIMINGS, "intensity": INTENSITIES, "trend": TRENDS, "location": LOCATIONS,
    "hydration": HYDRATIONS, "body_region": BODY_REGIONS, "age_band": AGE_BANDS,
})


def _choice(name: str, value: object, valid: tuple[str, ...]) -> str:
    if not isinstance(value, str):
        raise TypeError(
            f"{name} must be a string, got {short_repr(value)} of type {type(value).__name__}; "
            "valid values: " + ", ".join(repr(v) for v in valid)
        )
    return str(check_choice(name, value, valid))  # str() turns an enum member into a plain str


def _number(name: str, value: object, lo: float, hi: float, unit: str) -> float:
    if type(value) is float and lo <= value <= hi:  # fast path (NaN fails the comparison)
        return value + 0.0  # −0.0 → 0.0
    return check_number(name, value, lo, hi, unit) + 0.0


def _item_set(name: str, value: object, valid: tuple[str, ...]) -> frozenset[str]:
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
    timing, intensity, trend, location, hydration, body_region, age_band
        One value each from :data:`TIMINGS`, :data:`INTENSITIES`, :data:`TRENDS`,
        :data:`LOCATIONS`, :data:`HYDRATIONS`, :data:`BODY_REGIONS`, :data:`AGE_BANDS`.
        ``"rest_after_injury"`` timing needs an injury.
    duration_weeks
        How long the spasms have been going on, in weeks, ``[0, 520]``.
    symptoms, danger_signs, context
        Subsets of :data:`SYMPTOMS`, :data:`DANGER_SIGNS`, :data:`CONTEXTS` (set, list or tuple;
        empty means "none of these", answered). Duplicates are merged; stored as frozensets.

    A wrong type raises ``TypeError``; a value outside the vocabulary or range, or a contradiction
    (days given with no injury, rest-after-injury timing with no injury), raises ``ValueError``
    naming the field(s) and the valid values. ``str``-valued enums are stored as plain strings and
    ``-0.0`` is stored as ``0.0``.
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
        for name, valid in _CHOICES.items():
            put(self, name, _choice(name, getattr(self, name), valid))
        if self.timing == "rest_after_injury" and not injury:
            raise ValueError(
                "timing='rest_after_injury' needs recent_injury=True; with no recent injury choose one of: "
                + ", ".join(repr(t) for t in TIMINGS if t != "rest_after_injury")
            )
        put(self, "duration_weeks", _number("duration_weeks", self.duration_weeks, *DURATION_WEEKS_RANGE, "weeks"))
        for name, valid in _SETS.items():
            put(self, name, _item_set(name, getattr(self, name), valid))

    @property
    def onset_day(self) -> float | None:
        """Day the spasms began, counted from the injury (negative = before it); ``None`` without one."""
        if self.days_since_injury is None:
            return None
        return self.days_since_injury - 7.0 * self.duration_weeks

    def as_dict(self) -> dict[str, Any]:
        """The answers as a plain dict (sets as tuples in vocabulary order)."""
        out = {f.name: getattr(self, f.name) for f in fields(self)}
        for name, valid in _SETS.items():
            out[name] = _ordered(out[name], valid)
        return out

    def describe(self) -> list[tuple[str, str]]:
        """(question, answer in words) pairs, in form order — for summaries and tables."""
        injury = f"yes, {_days_text(self.days_since_injury)} ago" if self.recent_injury else "no"
        return [
            ("danger signs", _set_text("danger_signs", self.danger_signs)),
            ("context", _set_text("context", self.context)),
            ("body region", LABELS["body_region"][self.body_region]),
            ("age", LABELS["age_band"][self.age_band]),
            ("recent injury", injury),
            ("timing", LABELS["timing"][self.timing]),
            ("intensity", LABELS["intensity"][self.intensity]),
            ("course over time", LABELS["trend"][self.trend]),
            ("duration", _weeks_text(self.duration_weeks)),
            ("location", LABELS["location"][self.location]),
            ("accompanying symptoms", _set_text("symptoms", self.symptoms)),
            ("hydration", LABELS["hydration"][self.hydration]),
        ]


def _ordered(items: Iterable[str], valid: tuple[str, ...]) -> tuple[str, ...]:
    present = set(items)
    return tuple(s for s in valid if s in present)


def _join(words: list[str]) -> str:
    """'a', 'a and b', 'a, b, and c' (Oxford comma)."""
    if len(words) <= 2:
        return " and ".join(words)
    return ", ".join(words[:-1]) + ", and " + words[-1]


def _set_text(name: str, items: frozenset[str]) -> str:
    if not items:
        return "none of these"
    return _join([LABELS[name][s] for s in _ordered(items, _SETS[name])])


def _days_text(days: float | None) -> str:
    return "1 day" if days == 1 else f"{days:g} days"


def _weeks_text(weeks: float) -> str:
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


# ----------------------------------------------------------------------------------------------
# The floor table: data, not a thicket of ifs
# ----------------------------------------------------------------------------------------------
def _fs(*items: str) -> frozenset[str]:
    return frozenset(items)


@dataclass(frozen=True)
class Floor:
    """One row of the minimum-urgency table.

    The row fires when **all** its clauses hold:

    * ``any_of[field]`` — the answer to ``field`` (a set, or a single value read as a one-item set)
      contains at least one of these values;
    * ``all_of[field]`` — it contains all of these values;
    * ``at_least[field]`` — an ordered answer (intensity, trend) is at least this value;
    * ``injury`` — ``True``/``False``: there is / is not a recent injury (``None``: either);
    * ``days_over`` / ``days_at_most`` — days since the injury (> / ≤, days);
    * ``weeks_at_least`` — duration of the spasms (≥, weeks).

    Every clause is upward-closed in the answers that the monotonicity rule raises (more items,
    higher intensity, worse trend, longer duration), so a floor can only switch on as they rise.
    """

    key: str
    tier: str
    label: str
    when: str
    why: str
    criterion: str
    causes: tuple[str, ...] = ()
    any_of: Mapping[str, frozenset[str]] = field(default_factory=dict)
    all_of: Mapping[str, frozenset[str]] = field(default_factory=dict)
    at_least: Mapping[str, str] = field(default_factory=dict)
    injury: bool | None = None
    days_over: float | None = None
    days_at_most: float | None = None
    weeks_at_least: float | None = None

    def __post_init__(self) -> None:
        check_choice("tier", self.tier, TIERS)
        check_choice("criterion", self.criterion, CRITERIA)
        object.__setattr__(self, "any_of", MappingProxyType(dict(self.any_of)))
        object.__setattr__(self, "all_of", MappingProxyType(dict(self.all_of)))
        object.__setattr__(self, "at_least", MappingProxyType(dict(self.at_least)))

    def fires(self, a: Answers) -> bool:
        """Whether this floor applies to the answers ``a``."""
        for name, wanted in self.any_of.items():
            if wanted.isdisjoint(_as_set(a, name)):
                return False
        for name, wanted in self.all_of.items():
            if not wanted <= _as_set(a, name):
                return False
        for name, lowest in self.at_least.items():
            order = _ORDINAL[name]
            if order.index(getattr(a, name)) < order.index(lowest):
                return False
        if self.injury is not None and a.recent_injury != self.injury:
            return False
        days = a.days_since_injury
        if self.days_over is not None and (days is None or days <= self.days_over):
            return False
        if self.days_at_most is not None and (days is None or days > self.days_at_most):
            return False
        return self.weeks_at_least is None or a.duration_weeks >= self.weeks_at_least


def _as_set(a: Answers, name: str) -> frozenset[str]:
    value = getattr(a, name)
    return value if isinstance(value, frozenset) else frozenset((value,))


_LEGS = _fs("leg", "foot", "several_areas")
_CLOT_RISK = _fs(
    "recent_surgery", "immobile_or_long_journey", "cast_or_tight_bandage", "pregnant_or_recently_gave_birth"
)
_INFLAMED = _fs("swelling", "redness", "warmth")

_DANGER_WHY: Mapping[str, tuple[str, str]] = MappingProxyType({
    "chest_pain": (
        "Chest pain or tightness can come from the heart or the lungs; a chest 'spasm' is treated as "
        "an emergency until a doctor has ruled that out.", "outside_scope"),
    "breathing_or_swallowing_difficulty": (
        "Trouble breathing or swallowing can mean the throat muscles are in spasm (laryngospasm, for "
        "example from very low blood calcium), tetanus, or a severe allergic reaction.", "electrolytes"),
    "jaw_stiff_or_locked": (
        "A jaw that is stiff or will not open (lockjaw) is an early sign of tetanus, and can also be "
        "a drug reaction (acute dystonia).", "outside_scope"),
    "confusion_or_fainting": (
        "Confusion, fainting or a fit with cramps can mean a dangerous salt imbalance (such as low "
        "sodium after overdrinking), heat illness or a problem in the brain.", "electrolytes"),
    "one_sided_face_or_body_weakness": (
        "Sudden weakness or numbness on one side of the face or body is a warning sign of a stroke.",
        "outside_scope"),
    "saddle_numbness_or_bladder_bowel_change": (
        "Numbness between the legs or around the bottom, or a change in bladder or bowel control, "
        "can mean the nerves at the base of the spine are being squeezed (cauda equina syndrome); "
        "surgery within hours can save their function.", "nerve"),
    "dark_or_very_little_urine": (
        "Dark urine or passing very little after hard exercise, a crush or a long time lying on the "
        "floor can mean muscle breakdown (rhabdomyolysis), which can damage the kidneys.", "overuse"),
    "tense_limb_pain_out_of_proportion": (
        "A tense, tight limb with pain far beyond what the injury explains can mean compartment "
        "syndrome: rising pressure that starves the muscle of blood within hours.", "persisting_problem"),
})


def _danger_floors() -> list[Floor]:
    return [
        Floor(f"danger_{s}", "emergency_now", LABELS["danger_signs"][s], f"danger sign: {s}", why,
              "danger signs", (cause,), any_of={"danger_signs": _fs(s)})
        for s, (why, cause) in _DANGER_WHY.items()
    ]


_COMPARTMENT_WHY = (
    "Severe pain that keeps rising, or tingling or numbness, in a swollen limb in the first days after an "
    "injury can be compartment syndrome developing: pressure that cuts off the muscle's blood supply, "
    "treated by surgery within hours."
)

_HEAD_NECK_WHY = (
    "After a blow to the head or neck, a fall or a crash, neck symptoms or pain, tingling, numbness "
    "or weakness spreading into the limbs can mean an injury to the neck bones or the spinal cord."
)


def _emergency_combinations() -> list[Floor]:
    head = {"context": _fs("head_or_neck_injury")}
    return [
        Floor("head_neck_radiating", "emergency_now", "head or neck injury with spreading symptoms",
              "head_or_neck_injury and location radiating", _HEAD_NECK_WHY, "context", ("nerve",),
              any_of={**head, "location": _fs("radiating")}),
        Floor("head_neck_nerve_symptoms", "emergency_now", "head or neck injury with numbness, tingling or weakness",
              "head_or_neck_injury and numbness, tingling or weakness", _HEAD_NECK_WHY, "context", ("nerve",),
              any_of={**head, "symptoms": _fs("numbness", "tingling", "weakness")}),
        Floor("low_ca_after_neck_surgery", "emergency_now", "signs of low calcium after neck or thyroid surgery",
              "neck_or_thyroid_surgery with mouth_or_fingertip_tingling or hand_or_foot_clawing",
              "Tingling around the mouth or fingers, or clawing hands, in the days after neck or thyroid "
              "surgery usually means the parathyroid glands are not working yet and blood calcium is "
              "falling; it is treated with calcium in hospital, sometimes into a vein.", "context",
              ("electrolytes",), any_of={"context": _fs("neck_or_thyroid_surgery"),
                                         "symptoms": _fs("mouth_or_fingertip_tingling", "hand_or_foot_clawing")}),
        Floor("compartment_worsening", "emergency_now", "severe, swollen and worsening soon after an injury",
              f"severe intensity with swelling, worsening, within {ACUTE_PHASE_DAYS:g} days of an injury",
              _COMPARTMENT_WHY, "intensity", ("persisting_problem",),
              all_of={"symptoms": _fs("swelling")}, at_least={"intensity": "severe", "trend": "worsening"},
              injury=True, days_at_most=ACUTE_PHASE_DAYS),
        Floor("compartment_nerve", "emergency_now", "severe, swollen and tingling soon after an injury",
              f"severe intensity with swelling and numbness, tingling or weakness, within {ACUTE_PHASE_DAYS:g} "
              "days of an injury", _COMPARTMENT_WHY, "accompanying symptoms", ("persisting_problem",),
              all_of={"symptoms": _fs("swelling")}, any_of={"symptoms": _fs("numbness", "tingling", "weakness")},
              at_least={"intensity": "severe"}, injury=True, days_at_most=ACUTE_PHASE_DAYS),
        Floor("plain_water_very_unwell", "emergency_now", "very unwell after drinking lots of plain water",
              "drank_lots_of_plain_water with feeling_very_unwell",
              "Feeling very unwell (sick, a headache) with cramps after drinking a lot of plain water can be "
              "low blood sodium with swelling of the brain starting; it needs a sodium test and treatment "
              "at once, and no more water.", "context", ("electrolytes",),
              any_of={"context": _fs("drank_lots_of_plain_water"), "symptoms": _fs("feeling_very_unwell")}),
        Floor("heat_illness", "emergency_now", "very unwell after hard exercise with heavy sweating",
              "feeling_very_unwell during or after exertion with heavy sweating",
              "Feeling very unwell during or after hard exercise with heavy sweating can be heat exhaustion "
              "turning into heatstroke; if cooling down for 30 minutes has not helped, it is an emergency.",
              "accompanying symptoms", ("overuse",),
              any_of={"symptoms": _fs("feeling_very_unwell"), "timing": _fs("during_exertion", "after_exertion"),
                      "hydration": _fs("heavy_sweating")}),
        Floor("head_neck_region", "emergency_now", "neck or shoulder spasm after a head or neck injury",
              "head_or_neck_injury and region neck_or_shoulder", _HEAD_NECK_WHY, "context", ("nerve",),
              any_of={**head, "body_region": _fs("neck_or_shoulder")}),
    ]


def _urgent_floors() -> list[Floor]:
    clot_why = (
        "A swollen, warm or red leg can be a blood clot in a deep vein (DVT), especially after "
        "surgery, a cast, bed rest, a long journey or during or after pregnancy; it needs a scan "
        "within hours, and a clot can travel to the lungs."
    )
    low_ca_why = (
        "Tingling around the mouth or in the fingertips, or hands and feet cramping into a claw "
        "(carpopedal spasm), are the classic signs of low blood calcium (tetany), for example after "
        "neck or thyroid surgery; a blood test is needed the same day."
    )
    return [
        Floor("one_leg_swollen", "urgent_today", "one leg swollen", "symptom one_leg_swollen", clot_why,
              "accompanying symptoms", ("clot",), any_of={"symptoms": _fs("one_leg_swollen")}),
        Floor("leg_swelling_clot_risk", "urgent_today", "leg swelling, warmth or redness with a clot risk",
              "swelling, warmth or redness in the leg with recent_surgery, immobile_or_long_journey, "
              "cast_or_tight_bandage or pregnant_or_recently_gave_birth", clot_why,
              "accompanying symptoms", ("clot",),
              any_of={"symptoms": _INFLAMED, "context": _CLOT_RISK, "body_region": _LEGS}),
        Floor("mouth_or_fingertip_tingling", "urgent_today", "tingling around the mouth or in the fingertips",
              "symptom mouth_or_fingertip_tingling", low_ca_why, "accompanying symptoms", ("electrolytes",),
              any_of={"symptoms": _fs("mouth_or_fingertip_tingling")}),
        Floor("hand_or_foot_clawing", "urgent_today", "hands or feet cramping into a claw",
              "symptom hand_or_foot_clawing", low_ca_why, "accompanying symptoms", ("electrolytes",),
              any_of={"symptoms": _fs("hand_or_foot_clawing")}),
        Floor("cramp_over_10_minutes", "urgent_today", "a cramp lasting over 10 minutes",
              "symptom cramp_over_10_minutes",
              "Ordinary cramps ease within minutes, especially with a stretch; one that lasts longer "
              "than 10 minutes needs a doctor the same day.", "accompanying symptoms", ("persisting_problem",),
              any_of={"symptoms": _fs("cramp_over_10_minutes")}),
        Floor("weakness", "urgent_today", "weakness", "symptom weakness",
              "New weakness means the muscle is not doing its job: a nerve may not be driving it, or, "
              "after hard exercise, the muscle itself may be breaking down.", "accompanying symptoms",
              ("nerve",), any_of={"symptoms": _fs("weakness")}),
        Floor("new_medicine", "urgent_today", "a new or changed medicine", "context new_or_changed_medicine",
              "Several medicines can cause cramps or muscle pain; with a statin, unexplained muscle pain, "
              "tenderness or weakness needs a doctor the same day (NHS advice), because rarely the muscle "
              "is breaking down.", "context", ("medicine",), any_of={"context": _fs("new_or_changed_medicine")}),
        Floor("wound_or_puncture", "urgent_today", "a recent wound or puncture",
              "context wound_or_puncture",
              "Muscle spasms after a wound, puncture, bite or burn can be the start of tetanus; a doctor "
              "should see you today and check your tetanus vaccination.", "context", ("infection_inflammation",),
              any_of={"context": _fs("wound_or_puncture")}),
        Floor("fever_red_swollen", "urgent_today", "fever with redness and swelling",
              "fever with redness and swelling",
              "Fever with a red, swollen area can be a spreading infection of the skin or muscle; it "
              "needs a doctor the same day.", "accompanying symptoms", ("infection_inflammation",),
              all_of={"symptoms": _fs("fever", "redness", "swelling")}),
        Floor("fever_very_unwell", "urgent_today", "fever while feeling very unwell",
              "fever with feeling_very_unwell",
              "Fever while feeling very unwell can be a serious infection (sepsis); get help today, "
              "and call an emergency number if it gets worse quickly.", "accompanying symptoms",
              ("infection_inflammation",), all_of={"symptoms": _fs("fever", "feeling_very_unwell")}),
        Floor("severe_swelling_acute", "urgent_today", "severe pain with swelling soon after an injury",
              f"severe intensity with swelling within {ACUTE_PHASE_DAYS:g} days of an injury",
              "Severe pain with swelling in the first days after an injury can mean a large tear, a "
              "fracture or bleeding into the muscle; it should be examined today.", "intensity",
              ("persisting_problem",), any_of={"symptoms": _fs("swelling")}, at_least={"intensity": "severe"},
              injury=True, days_at_most=ACUTE_PHASE_DAYS),
    ]


def _soon_symptom_floors() -> list[Floor]:
    return [
        Floor("fever", "see_soon", "fever", "symptom fever",
              "Fever with muscle symptoms can mean an infection; a doctor (not only a physiotherapist) "
              "should check it.", "accompanying symptoms", ("infection_inflammation",),
              any_of={"symptoms": _fs("fever")}),
        Floor("numbness_or_tingling", "see_soon", "numbness or tingling", "symptom numbness or tingling",
              "Numbness or tingling can mean a nerve is irritated or compressed, or, when the spasms are "
              "widespread, that blood calcium or magnesium is low.", "accompanying symptoms", ("nerve",),
              any_of={"symptoms": _fs("numbness", "tingling")}),
        Floor("feeling_very_unwell", "see_soon", "feeling very unwell", "symptom feeling_very_unwell",
              "Feeling very unwell alongside the spasms points to something beyond the muscle.",
              "accompanying symptoms", ("outside_scope",), any_of={"symptoms": _fs("feeling_very_unwell")}),
        Floor("inflamed_no_injury", "see_soon", "swelling, redness or warmth with no injury",
              "swelling or redness (or warmth) with no recent injury",
              "Swelling, redness or warmth that no injury explains needs its cause found: a clot, an "
              "infection or an inflamed joint or muscle.", "accompanying symptoms",
              ("infection_inflammation",), any_of={"symptoms": _INFLAMED}, injury=False),
        Floor("inflamed_not_settling", "see_soon", "swelling or redness that is not settling",
              f"swelling or redness (or warmth) after an injury, not lessening after day {SWELLING_SETTLES_DAYS:g}",
              "Swelling after a strain should be settling after the first few days; if it is not, it "
              "needs a look (a large bruise, a clot or an infection).", "accompanying symptoms",
              ("infection_inflammation",), any_of={"symptoms": _INFLAMED}, at_least={"trend": "unchanged"},
              injury=True, days_over=SWELLING_SETTLES_DAYS),
    ]


def _soon_pattern_floors() -> list[Floor]:
    return [
        Floor("radiating", "see_soon", "pain or tingling spreading along a limb", "location radiating",
              "Pain or tingling that spreads along an arm or a leg points to an irritated nerve root; a "
              "GP or physiotherapist can test strength, feeling and reflexes.", "location", ("nerve",),
              any_of={"location": _fs("radiating")}),
        Floor("severe", "see_soon", "severe intensity", "intensity severe",
              "Severe pain is more than ordinary cramps or a mild strain usually cause.", "intensity",
              ("persisting_problem",), at_least={"intensity": "severe"}),
        Floor("worsening", "see_soon", "worsening course", "trend worsening",
              "Spasms that keep getting worse are not following the course of a recovering strain.",
              "course over time", ("persisting_problem",), at_least={"trend": "worsening"}),
        Floor("persisting", "see_soon", f"{PERSISTING_WEEKS:g} weeks or more without easing",
              f"duration >= {PERSISTING_WEEKS:g} weeks and not lessening",
              f"Spasms that have gone on for {PERSISTING_WEEKS:g} weeks or more without easing need their "
              "cause looked for (for example a medicine, a nerve problem, or blood salts).", "duration",
              ("persisting_problem",), at_least={"trend": "unchanged"}, weeks_at_least=PERSISTING_WEEKS),

        Floor("exertional_calf_older", "see_soon", "cramping on exertion at 65 or over, for 2 weeks or more",
              "during_exertion, age 65_or_over, duration >= 2 weeks",
              "Cramping pain that comes on with walking and eases with rest, in an older person, can be "
              "narrowed leg arteries (peripheral arterial disease); a GP can check the pulses and blood "
              "pressure in the legs.", "timing", ("outside_scope",),
              any_of={"timing": _fs("during_exertion"), "age_band": _fs("65_or_over")}, weeks_at_least=2.0),
        Floor("under_16", "see_soon", "under 16", "age_band under_16",
              "This self-check is written for adults; spasms in a child or teenager should be judged "
              "by a GP.", "age", ("outside_scope",), any_of={"age_band": _fs("under_16")}),
        Floor("region_outside_scope", "see_soon", "chest, belly, face or jaw",
              "body_region chest_or_abdomen or face_or_jaw",
              "Spasms in the chest, the belly, the face or the jaw are outside what these criteria can "
              "judge; a doctor should see them.", "body region", ("outside_scope",),
              any_of={"body_region": _fs("chest_or_abdomen", "face_or_jaw")}),
        Floor("plain_water_widespread", "see_soon", "lots of plain water with widespread cramps",
              "drank_lots_of_plain_water with widespread spasms",
              "Cramps in several muscles after drinking a lot of plain water can go with low blood "
              "sodium (exercise-associated hyponatraemia): do not drink more.", "context", ("electrolytes",),
              any_of={"context": _fs("drank_lots_of_plain_water"), "location": _fs("widespread")}),
        Floor("plain_water_several_areas", "see_soon", "lots of plain water with cramps in several areas",
              "drank_lots_of_plain_water with several_areas",
              "Cramps in several areas after drinking a lot of plain water can go with low blood "
              "sodium (exercise-associated hyponatraemia): do not drink more.", "context", ("electrolytes",),
              any_of={"context": _fs("drank_lots_of_plain_water"), "body_region": _fs("several_areas")}),
    ]


#: The minimum-urgency table, most urgent rows first. Read-only.
FLOORS: tuple[Floor, ...] = tuple(
    _danger_floors() + _emergency_combinations() + _urgent_floors() + _soon_symptom_floors()
    + _soon_pattern_floors()
)


def floor_table() -> list[tuple[str, str, str]]:
    """The floor table as rows (minimum tier, when, why) — for the notebook and the tests."""
    return [(f.tier, f.when, f.why) for f in FLOORS]


# ----------------------------------------------------------------------------------------------
# Self-care conditions
# ----------------------------------------------------------------------------------------------
_SELF_CARE_CONTEXT = _fs("recent_surgery", "pregnant_or_recently_gave_birth")

#: Every condition "self_care" needs (each a (text, test) pair); all must hold and no floor may fire.
SELF_CARE_CONDITIONS: tuple[tuple[str, Callable[[Answers], bool]], ...] = (
    ("a recent injury", lambda a: a.recent_injury),
    (f"the injury at most {SELF_CARE_MAX_DAYS:g} days ago",
     lambda a: a.recent_injury and a.days_since_injury <= SELF_CARE_MAX_DAYS),  # type: ignore[operator]
    (f"the spasms began at the injury, not before it and not more than {LATE_ONSET_DAYS:g} days after it",
     lambda a: a.onset_day is not None and -1e-9 <= a.onset_day <= LATE_ONSET_DAYS),
    ("localized spasms", lambda a: a.location == "localized"),
    ("mild or moderate intensity", lambda a: a.intensity in ("mild", "moderate")),
    (f"lessening (or about the same only within the first {SHORTLY_AFTER_DAYS:g} days)",
     lambda a: a.trend == "lessening"
     or (a.trend == "unchanged" and a.recent_injury and a.days_since_injury <= SHORTLY_AFTER_DAYS)),  # type: ignore[operator]
    (f"lasting less than {PERSISTING_WEEKS:g} weeks", lambda a: a.duration_weeks < PERSISTING_WEEKS),
    ("no accompanying symptoms", lambda a: not a.symptoms),
    ("no danger signs", lambda a: not a.danger_signs),
    ("no context except recent surgery or pregnancy", lambda a: a.context <= _SELF_CARE_CONTEXT),
    ("aged 16 or over", lambda a: a.age_band != "under_16"),
    ("not in the chest, belly, face or jaw", lambda a: a.body_region not in ("chest_or_abdomen", "face_or_jaw")),
)


def _failed_self_care(a: Answers) -> tuple[str, ...]:
    return tuple(text for text, test in SELF_CARE_CONDITIONS if not test(a))


def urgency_of(answers: Answers) -> str:
    """Only the urgency tier of ``answers`` (what :func:`assess` gives as ``urgency``)."""
    if not isinstance(answers, Answers):
        raise TypeError(f"answers must be an Answers record, got {type(answers).__name__}")
    best = -1
    for f in FLOORS:
        r = _RANK[f.tier]
        if r > best and f.fires(answers):
            best = r
    if best >= 0:
        return TIERS[len(TIERS) - 1 - best]
    return "routine" if _failed_self_care(answers) else "self_care"


# ----------------------------------------------------------------------------------------------
# Reasons, red flags, assessment
# ----------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Reason:
    """What one criterion says about the case: its answer in words, which way it leans, why."""

    criterion: str
    answer: str
    direction: str
    causes: tuple[str, ...]
    why: str

    @property
    def points_to(self) -> str:
        if not self.causes:
            return "no clear lean either way"
        return "; ".join(CAUSE_LABELS[c] for c in self.causes)


@dataclass(frozen=True)
class RedFlag:
    """A triggered floor: ``flag`` (its key), ``label``, the ``tier`` it forces, ``why`` in plain words."""

    flag: str
    label: str
    tier: str
    why: str
    criterion: str

    @property
    def tier_label(self) -> str:
        return TIER_LABELS[self.tier]


@dataclass(frozen=True)
class Assessment:
    """The result of :func:`assess` (see the module docstring)."""

    answers: Answers
    urgency: str
    reasons: tuple[Reason, ...]
    red_flags: tuple[RedFlag, ...]
    next_steps: tuple[str, ...]
    safety_net: tuple[str, ...]
    likely_causes: tuple[str, ...] = ()
    self_care_unmet: tuple[str, ...] = ()

    @property
    def verdict(self) -> str:
        """The version-1 verdict derived from the tier (seek_care / monitor / consistent_with_healing)."""
        return TIER_VERDICT[self.urgency]

    @property
    def destination(self) -> str:
        """The fixed destination sentence of the tier (also the first next step)."""
        return DESTINATIONS[self.urgency]

    @property
    def tier_label(self) -> str:
        return TIER_LABELS[self.urgency]

    @property
    def verdict_label(self) -> str:
        return VERDICT_LABELS[self.verdict]

    @property
    def icon(self) -> str:
        return TIER_ICONS[self.urgency]

    def reason(self, criterion: str) -> Reason:
        """The reason given for one criterion (a name from :data:`CRITERIA`)."""
        check_choice("criterion", criterion, CRITERIA)
        return next(r for r in self.reasons if r.criterion == criterion)

    def summary(self) -> str:
        """Plain text: destination and tier first, then reasons, red flags, next steps, safety net, disclaimer."""
        lines = [
            self.destination,
            f"Urgency: {self.icon} {self.tier_label.upper()} ({self.urgency}; verdict {self.verdict})",
            "",
            "Your answers:",
        ]
        lines += [f"  - {q}: {a}" for q, a in self.answers.describe()]
        lines += ["", "Red flags (each sets a minimum urgency):"]
        if self.red_flags:
            lines += [f"  - {f.label} -> at least {f.tier}: {f.why}" for f in self.red_flags]
        else:
            lines.append("  - none")
        if self.self_care_unmet and not self.red_flags:
            lines += ["", "Why not self-care: not met — " + "; ".join(self.self_care_unmet) + "."]
        lines += ["", "What each criterion points to:"]
        lines += [f"  - {r.criterion} ({r.answer}): {r.direction} -> {r.points_to}. {r.why}" for r in self.reasons]
        lines += ["", "Next steps:"]
        lines += [f"  {i}. {s}" for i, s in enumerate(self.next_steps, 1)]
        lines += ["", "Safety net (what to watch for, and by when):"]
        lines += [f"  - {s}" for s in self.safety_net]
        lines += ["", DISCLAIMER]
        return "\n".join(lines)


def _reasons(a: Answers, flags: tuple[RedFlag, ...]) -> tuple[Reason, ...]:
    by_criterion: dict[str, list[Floor]] = {}
    for f in FLOORS:
        if any(fl.flag == f.key for fl in flags):
            by_criterion.setdefault(f.criterion, []).append(f)
    answers = dict(a.describe())
    out = []
    for criterion in CRITERIA:
        answer = answers.get(criterion) or answers["hydration" if criterion == "context: hydration" else "age"]
        fired = by_criterion.get(criterion, [])
        if fired:
            causes = tuple(dict.fromkeys(c for f in fired for c in f.causes))
            why = " ".join(dict.fromkeys(f"{f.why} (at least: {f.tier}.)" for f in fired))
            out.append(Reason(criterion, answer, "problem", causes, why))
        else:
            out.append(_quiet_reason(criterion, answer, a))
    return tuple(out)


def _quiet_reason(criterion: str, answer: str, a: Answers) -> Reason:
    """The reason for a criterion that raised no floor."""
    injury = a.recent_injury
    if criterion == "timing":
        return _timing_reason(answer, a)
    if criterion == "duration":
        return _duration_reason(answer, a)
    if criterion == "course over time":
        if a.trend == "lessening":
            return Reason(criterion, answer, "healing", ("healing",),
                          "Easing over time is what a recovering strain does.")
        late = injury and a.days_since_injury > SHORTLY_AFTER_DAYS  # type: ignore[operator]
        why = ("Not easing yet, more than 3 weeks after the injury: that no longer fits a recovering strain."
               if late else "Not easing yet: it should start to ease within the next week or two.")
        if not injury:
            why = "About the same: on its own this sets no minimum urgency; the time limits below apply."
        return Reason(criterion, answer, "problem" if late else "neutral", ("persisting_problem",) if late else (), why)
    if criterion == "context: hydration":
        return _hydration_reason(answer, a)
    if criterion == "location" and a.location == "widespread":
        return Reason(criterion, answer, "problem", ("overuse", "electrolytes"),
                      "Cramps in several muscles point away from one injured spot: general fatigue, a "
                      "medicine or a blood-salt problem are more likely.")
    if criterion == "location" and injury:
        return Reason(criterion, answer, "healing", ("healing",), "Spasms near one spot fit a local injury.")
    if criterion == "accompanying symptoms" and a.symptoms:
        return Reason(criterion, answer, "neutral", (),
                      "These symptoms alone set no minimum urgency here, but they rule out self-care.")
    if criterion == "context" and a.context:
        return Reason(criterion, answer, "neutral", (), "Noted; on its own it sets no minimum urgency here.")
    if criterion == "intensity" and a.intensity != "severe":
        return Reason(criterion, answer, "healing" if injury else "neutral", (),
                      "Mild or moderate spasms are within what a strain or an ordinary cramp causes.")
    return Reason(criterion, answer, "neutral", (), _QUIET_WHY.get(criterion, "Nothing here changes the urgency."))


_QUIET_WHY: Mapping[str, str] = MappingProxyType({
    "danger signs": "None of the emergency signs was ticked.",
    "context": "Nothing else going on that changes the urgency.",
    "body region": "An area the criteria of this self-check can judge.",
    "age": "An adult: within the scope of this self-check.",
    "accompanying symptoms": "No other symptoms.",
    "location": "Spasms in one spot; with no injury, local fatigue is the commonest cause.",
})


def _timing_reason(answer: str, a: Answers) -> Reason:
    if a.timing in ("during_exertion", "after_exertion"):
        return Reason("timing", answer, "problem", ("overuse",),
                      "Cramps that come with hard exercise usually follow muscle fatigue (the neuromuscular "
                      "theory of exercise-associated cramp)" + (", not the injury." if a.recent_injury else "."))
    if a.timing == "night":
        return Reason("timing", answer, "neutral", (),
                      "Night-time leg cramps are common, especially in older adults and in pregnancy, and "
                      "usually harmless.")
    if not a.recent_injury:
        return Reason("timing", answer, "neutral", ("unrelated_to_injury",),
                      "With no recent injury, something other than an injury is driving the spasms.")
    return Reason("timing", answer, "healing", ("healing",),
                  "Spasms at rest after an injury fit a recovering strain (the article's view; the evidence "
                  "on such spasms is thin — see notebook 04).")


def _duration_reason(answer: str, a: Answers) -> Reason:
    onset = a.onset_day
    if onset is not None and onset < -1e-9:
        return Reason("duration", answer, "problem", ("unrelated_to_injury",),
                      f"They started before the injury ({_days_text(a.days_since_injury)} ago), so the injury "
                      "did not set them off.")
    if onset is not None and onset > LATE_ONSET_DAYS:
        return Reason("duration", answer, "problem", ("unrelated_to_injury",),
                      f"They began about {onset:.0f} days after the injury, later than spasms set off by it "
                      "would start.")
    if a.duration_weeks >= PERSISTING_WEEKS:
        return Reason("duration", answer, "neutral", (),
                      f"{PERSISTING_WEEKS:g} weeks or more, but easing; if they stop easing, get them seen.")
    if onset is not None:
        return Reason("duration", answer, "healing", ("healing",),
                      f"They began around the injury and have lasted less than {PERSISTING_WEEKS:g} weeks.")
    return Reason("duration", answer, "neutral", (), f"Less than {PERSISTING_WEEKS:g} weeks so far.")


def _hydration_reason(answer: str, a: Answers) -> Reason:
    if "drank_lots_of_plain_water" in a.context:
        return Reason("context: hydration", answer, "problem", ("electrolytes",),
                      "Drinking well beyond thirst, especially plain water during long exercise, can dilute "
                      "blood sodium; more water would make that worse.")
    if a.hydration == "adequate":
        return Reason("context: hydration", answer, "neutral", (), "Drinking to thirst is enough.")
    return Reason("context: hydration", answer, "neutral", (),
                  "Studies that dehydrated people did not find that it made cramps come more easily; "
                  "drinking to thirst is enough, and fluids are unlikely to stop the spasms.")


def screen(danger_signs: Iterable[str]) -> tuple[RedFlag, ...]:
    """The emergency screen on its own: a red flag (tier ``emergency_now``) per danger sign given.

    The form calls this as soon as a danger sign is ticked, before the rest is answered.
    """
    signs = _item_set("danger_signs", danger_signs, DANGER_SIGNS)
    return tuple(RedFlag(f.key, f.label, f.tier, f.why, f.criterion) for f in FLOORS
                 if f.criterion == "danger signs" and not f.any_of["danger_signs"].isdisjoint(signs))


def _red_flags(a: Answers) -> tuple[RedFlag, ...]:
    return tuple(RedFlag(f.key, f.label, f.tier, f.why, f.criterion) for f in FLOORS if f.fires(a))


def assess(answers: Answers | Mapping[str, Any]) -> Assessment:
    """Apply the emergency screen, the floor table and the criteria to ``answers``.

    ``answers`` is an :class:`Answers` record, or a dict with exactly its fields. Returns an
    :class:`Assessment` with ``urgency`` in :data:`TIERS` (the highest floor triggered; self-care
    only when every :data:`SELF_CARE_CONDITIONS` holds; otherwise routine), the derived ``verdict``,
    one reason per criterion (in :data:`CRITERIA` order), every triggered floor as a red flag with
    its tier, next steps (the destination sentence first) and the safety net.
    """
    if isinstance(answers, Mapping):
        answers = answers_from_presentation(answers)
    if not isinstance(answers, Answers):
        raise TypeError(f"answers must be an Answers record (or a dict of its fields), got {type(answers).__name__}")
    a = answers
    flags = _red_flags(a)
    unmet = _failed_self_care(a)
    if flags:
        urgency = max(flags, key=lambda f: _RANK[f.tier]).tier
    else:
        urgency = "routine" if unmet else "self_care"
    reasons = _reasons(a, flags)
    if urgency == "self_care":
        causes: tuple[str, ...] = ("healing",)
    else:
        seen = dict.fromkeys(c for r in reasons if r.direction == "problem" for c in r.causes)
        causes = tuple(c for c in CAUSE_LABELS if c in seen)
    return Assessment(a, urgency, reasons, flags, _next_steps(a, urgency, flags), _safety_net(urgency),
                      causes, unmet)


# ----------------------------------------------------------------------------------------------
# Grids and worked cases
# ----------------------------------------------------------------------------------------------
def all_answers(
    days_since_injury: float = 4.0,
    duration_weeks: float = 0.5,
    symptom_sets: Iterable[Iterable[str]] | None = None,
    context_sets: Iterable[Iterable[str]] | None = None,
    danger_sets: Iterable[Iterable[str]] | None = None,
) -> Iterator[Answers]:
    """Every consistent combination of the single-choice answers, crossed with the given sets.

    By default the sets are "none" plus every single item (symptoms 13, contexts 10, danger signs
    9 options), with a recent injury ``days_since_injury`` days ago (5 timings) and with none
    (4 timings): (5 + 4) × 3 × 3 × 3 × 3 × 8 × 3 × 13 × 10 × 9 answers are too many to list, so the
    danger and context sets default to "none" plus singletons only when asked for; see the tests.
    """
    days = check_number("days_since_injury", days_since_injury, *DAYS_RANGE, "days")
    weeks = check_number("duration_weeks", duration_weeks, *DURATION_WEEKS_RANGE, "weeks")

    def sets(given: Iterable[Iterable[str]] | None) -> list[frozenset[str]]:
        return [frozenset()] if given is None else [frozenset(s) for s in given]

    symptoms, contexts, dangers = sets(symptom_sets), sets(context_sets), sets(danger_sets)
    for injury in (True, False):
        timings = TIMINGS if injury else tuple(t for t in TIMINGS if t != "rest_after_injury")
        for timing, intensity, trend, location, hydration, region, age in itertools.product(
            timings, INTENSITIES, TRENDS, LOCATIONS, HYDRATIONS, BODY_REGIONS, AGE_BANDS
        ):
            for sym, ctx, dng in itertools.product(symptoms, contexts, dangers):
                yield Answers(injury, days if injury else None, timing, intensity, trend, weeks, location,
                              sym, hydration, dng, ctx, region, age)


def urgency_counts(answers: Iterable[Answers]) -> dict[str, int]:
    """How many of ``answers`` get each tier (keys in :data:`TIERS` order)."""
    counts = dict.fromkeys(TIERS, 0)
    for a in answers:
        counts[urgency_of(a)] += 1
    return counts


def verdict_counts(answers: Iterable[Answers]) -> dict[str, int]:
    """How many of ``answers`` get each version-1 verdict (keys in :data:`VERDICTS` order)."""
    counts = dict.fromkeys(VERDICTS, 0)
    for tier, n in urgency_counts(answers).items():
        counts[TIER_VERDICT[tier]] += n
    return counts


_BASE: Mapping[str, Any] = MappingProxyType(dict(
    recent_injury=False, days_since_injury=None, timing="no_pattern", intensity="mild", trend="unchanged",
    duration_weeks=1.0, location="localized", symptoms=frozenset(), hydration="adequate",
    danger_signs=frozenset(), context=frozenset(), body_region="leg", age_band="16_to_64",
))


def _example(description: str, **kw: Any) -> tuple[str, Answers]:
    return description, Answers(**{**_BASE, **kw})


#: Worked cases used in notebook 06: name → (description, answers).
EXAMPLES: Mapping[str, tuple[str, Answers]] = MappingProxyType({
    "strain_healing": _example(
        "Mild spasms near a calf strain at rest, 4 days after it, easing, nothing else",
        recent_injury=True, days_since_injury=4.0, timing="rest_after_injury", trend="lessening",
        duration_weeks=0.5,
    ),
    "night_cramps": _example(
        "Calf cramps at night for 3 weeks in a 70-year-old, about the same, nothing else",
        timing="night", intensity="moderate", duration_weeks=3.0, age_band="65_or_over",
    ),
    "sciatica_like": _example(
        "Back spasms with pain and tingling down one leg for 2 weeks, no red flags",
        intensity="moderate", location="radiating", symptoms=frozenset({"tingling"}), duration_weeks=2.0,
        body_region="back",
    ),
    "calf_after_surgery": _example(
        "Calf ache with swelling and warmth 5 days after knee surgery",
        recent_injury=True, days_since_injury=5.0, timing="rest_after_injury", intensity="moderate",
        duration_weeks=0.5, symptoms=frozenset({"swelling", "warmth"}), context=frozenset({"recent_surgery"}),
    ),
    "after_thyroid_surgery": _example(
        "Tingling lips and fingertips, hands cramping, 2 days after thyroid surgery",
        intensity="moderate", location="widespread", duration_weeks=0.2, body_region="several_areas",
        symptoms=frozenset({"mouth_or_fingertip_tingling", "hand_or_foot_clawing"}),
        context=frozenset({"neck_or_thyroid_surgery"}),
    ),
    "marathon_water": _example(
        "Cramps in both legs after a hot marathon, having drunk lots of plain water, now confused",
        timing="after_exertion", intensity="severe", location="widespread", duration_weeks=0.0,
        hydration="heavy_sweating", body_region="several_areas",
        context=frozenset({"drank_lots_of_plain_water"}), danger_signs=frozenset({"confusion_or_fainting"}),
    ),
})

# ----------------------------------------------------------------------------------------------
# Next steps and safety net (text rules: destination first; "keep fading" only when lessening;
# no drink-more advice after drinking lots of plain water; fever goes to a doctor; routine always
# carries a time frame)
# ----------------------------------------------------------------------------------------------
_CALL = "call 999 (UK), 112 (EU) or 911 (North America)"

#: What to say or do for each triggered floor (keyed by floor key; one sentence may serve several).
_FLAG_STEPS: Mapping[str, str] = MappingProxyType({
    "head_neck": "Keep your neck as still as you can until you have been checked, and do not drive.",
    "clot": ("Say that you may have a clot in the leg (DVT); it is checked with a scan, usually within "
             f"hours. If you become breathless or get chest pain, {_CALL} at once."),
    "low_ca": ("Say whether you have had neck or thyroid surgery: low blood calcium is found with a blood "
               f"test and treated with calcium. If breathing or swallowing becomes difficult, {_CALL}."),
    "cramp_over_10_minutes": ("While you wait, a gentle, sustained stretch of the cramping muscle is the "
                              "best-supported way to ease a cramp."),
    "wound_or_puncture": "Say when the wound happened and when you last had a tetanus vaccination.",
    "fever": ("For the fever, see a doctor (a GP), not only a physiotherapist, and do not put heat on a red "
              "or swollen area."),
    "severe_swelling_acute": ("A severe strain with early swelling should be examined today for a large "
                              "tear, a fracture or bleeding into the muscle."),
    "radiating": ("A GP or physiotherapist can examine the nerve root (strength, feeling, reflexes); most "
                  "such episodes settle with time while staying gently active."),
    "new_medicine": ("Say which medicine: with a statin, the doctor checks a blood test (creatine kinase) and "
                     "decides whether to stop it; water tablets (diuretics) and some others also cause cramps."),
    "compartment": ("Say that the pain is out of proportion or the limb is tingling: the pressure inside the "
                    "muscle may need measuring at once. Loosen any tight bandage, do not raise the limb high."),
    "plain_water": ("Do not drink more plain water: drinking beyond thirst can dilute blood sodium. Drink "
                    f"only to thirst; if you become confused, vomit or have a bad headache, {_CALL}."),
    "heat": ("Move somewhere cool, lie down with the legs raised a little, and sip a cool drink only if "
             "you are thirsty; do not leave the person alone."),
    "under_16": "For a child or teenager, contact a GP (or NHS 111): this self-check is written for adults.",
    "region_outside_scope": ("Spasms in the chest, belly, face or jaw need a doctor's opinion; with chest pain "
                             f"or trouble breathing, {_CALL}."),
    "cause_search": ("Ask for the cause to be looked for: a medicine review and blood tests (for example "
                     "calcium, magnesium, potassium, kidney and thyroid function, creatine kinase)."),
    "inflamed": ("Swelling, redness or warmth that an injury does not explain, or that is not settling, "
                 "needs a look for a clot, an infection or a large bruise (haematoma)."),
})

_FLAG_STEP_KEY: Mapping[str, str] = MappingProxyType({
    "head_neck_radiating": "head_neck", "head_neck_nerve_symptoms": "head_neck", "head_neck_region": "head_neck",
    "one_leg_swollen": "clot", "leg_swelling_clot_risk": "clot",
    "mouth_or_fingertip_tingling": "low_ca", "hand_or_foot_clawing": "low_ca", "low_ca_after_neck_surgery": "low_ca",
    "cramp_over_10_minutes": "cramp_over_10_minutes", "wound_or_puncture": "wound_or_puncture",
    "fever_red_swollen": "fever", "fever_very_unwell": "fever", "fever": "fever",
    "severe_swelling_acute": "severe_swelling_acute", "radiating": "radiating", "new_medicine": "new_medicine",
    "under_16": "under_16", "region_outside_scope": "region_outside_scope",
    "plain_water_widespread": "plain_water", "plain_water_several_areas": "plain_water",
    "plain_water_very_unwell": "plain_water", "compartment_worsening": "compartment",
    "compartment_nerve": "compartment", "heat_illness": "heat",
    "severe": "cause_search", "worsening": "cause_search", "persisting": "cause_search",
    "inflamed_no_injury": "inflamed", "inflamed_not_settling": "inflamed",
})

_EXERTION = frozenset({"during_exertion", "after_exertion"})


def _symptom_steps(a: Answers, keys: set[str]) -> list[str]:
    steps = []
    if "weakness" in keys:
        if a.timing in _EXERTION or a.hydration == "heavy_sweating":
            steps.append("Weakness after hard exercise can mean muscle breakdown (rhabdomyolysis): a blood test "
                         "(creatine kinase) and a urine test decide; say if your urine is dark.")
        else:
            steps.append("Say which movements are weak and since when: new weakness needs an examination of "
                         "the nerves and muscles.")
    if "numbness_or_tingling" in keys:
        if a.location == "widespread" or a.body_region == "several_areas":
            steps.append("Tingling with spasms in several muscles can mean low blood calcium or magnesium, not "
                         "only a trapped nerve: ask for a blood test (calcium, magnesium, potassium).")
        else:
            steps.append("Say where the numbness or tingling is: a GP or physiotherapist can test the nerve "
                         "that supplies that area.")
    return steps


def _care_steps(a: Answers, urgency: str) -> list[str]:
    steps: list[str] = []
    hot = bool(a.symptoms & {"fever", "redness", "warmth"})
    if a.recent_injury and not hot:
        if a.days_since_injury <= ACUTE_PHASE_DAYS:  # type: ignore[operator]
            steps.append("In the first 48 hours a wrapped cold pack for 15–20 minutes can ease pain and "
                         "swelling (a convention with few trials; icing may slow repair in animal studies).")
        else:
            steps.append("After the first 48 hours, gentle warmth may ease stiffness (a convention with few "
                         "trials behind it).")
    if a.recent_injury:
        steps.append("Keep the muscle moving gently within comfort and build activity back up step by step; "
                     "avoid heavy exertion while it hurts.")
    if not a.recent_injury or a.timing in _EXERTION or a.timing == "night":
        steps.append("During a cramp, stretch the muscle gently and hold the stretch (for the calf: pull the "
                     "toes towards you); stretching is the best-supported way to ease a cramp.")
    if a.timing in _EXERTION:
        steps.append("Build training up gradually and rest between hard sessions: muscle fatigue is the "
                     "best-supported trigger of exercise cramps.")
    if a.hydration != "adequate" and "drank_lots_of_plain_water" not in a.context:
        steps.append("Drink to thirst, not beyond it: dehydration alone has not been shown to bring on "
                     "cramps, so extra water is unlikely to stop them.")
    if urgency == "self_care":
        if a.trend == "lessening":
            steps.append("Expect the spasms to keep fading as the strain recovers.")
        else:
            steps.append("They should begin to ease within the next week or two; if they do not, book a GP "
                         "or physiotherapist.")
    return steps


def _next_steps(a: Answers, urgency: str, flags: tuple[RedFlag, ...]) -> tuple[str, ...]:
    """Next steps: the destination sentence first, then what to say or do, then self-care."""
    steps = [DESTINATIONS[urgency]]
    if urgency == "emergency_now":
        steps.append("Stop what you are doing, do not drive yourself, and tell the call handler which "
                     "warning sign you have.")
    keys = {f.flag for f in flags}
    for f in flags:
        step = _FLAG_STEPS.get(_FLAG_STEP_KEY.get(f.flag, ""))
        if step is not None and step not in steps:
            steps.append(step)
    steps += _symptom_steps(a, keys)
    if urgency in ("see_soon", "routine", "self_care"):
        steps += _care_steps(a, urgency)
    return tuple(steps)


_SAME_DAY_SIGNS = (
    "Get a doctor the same day if one leg becomes swollen, warm or red; you get tingling around the "
    "mouth or fingertips or hands cramping into a claw; a cramp lasts over 10 minutes; new weakness "
    "appears; or you have a fever and feel very unwell."
)

_EMERGENCY_WATCH = (
    "At any time: if an emergency sign from the first question appears (chest pain, trouble breathing "
    "or swallowing, a locked jaw, confusion or fainting, one-sided weakness, numbness between the legs "
    f"or a bladder or bowel change, dark or very little urine, a tense and very painful limb), {_CALL} at once."
)

_SAFETY_NET: Mapping[str, tuple[str, ...]] = MappingProxyType({
    "emergency_now": (
        f"While you wait for help: if breathing, alertness or chest pain get worse, {_CALL} again.",
    ),
    "urgent_today": (
        "If you cannot be seen today, or you get worse while you wait, go to an emergency department.",
        _EMERGENCY_WATCH,
    ),
    "see_soon": (
        "Within the week: if it gets worse before the appointment, bring the appointment forward.",
        _SAME_DAY_SIGNS,
        _EMERGENCY_WATCH,
    ),
    "routine": (
        "By 2 weeks: if the spasms are not clearly easing, book a GP or physiotherapist.",
        "By 6 weeks: if they are still there, book an appointment even if they are milder.",
        _SAME_DAY_SIGNS,
        _EMERGENCY_WATCH,
    ),
    "self_care": (
        f"If they stop easing, get worse, or are still there {SELF_CARE_MAX_DAYS:g} days after the injury, "
        "book a GP or physiotherapist.",
        _SAME_DAY_SIGNS,
        _EMERGENCY_WATCH,
    ),
})


def _safety_net(urgency: str) -> tuple[str, ...]:
    return _SAFETY_NET[urgency]
