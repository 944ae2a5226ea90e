"""The self-check rules engine (notebook 06): apply the distinguishing criteria to one case.

Pure data in, pure data out — no widgets here (the form lives in :mod:`course.ui.selfcheck`).

How a case is judged
--------------------
A case is an :class:`Answers` record. :func:`assess` looks at it criterion by criterion and
returns an :class:`Assessment`:

* **one reason per criterion** (timing, intensity, location, accompanying symptoms, course over
  time, duration, context: hydration). Each reason says what was answered, which way it leans
  (``"healing"``, ``"neutral"`` or ``"problem"``) and what it points to (healing/guarding, overuse,
  electrolytes/dehydration, a nerve cause, infection/inflammation, …);
* **red flags**, each with why it matters. The red flags of the course are: numbness or tingling,
  weakness, fever, redness together with swelling, severe intensity, a worsening course, and spasms
  lasting 6 weeks or more that are not lessening;
* a **verdict**, decided in this order:

  1. any red flag → ``"seek_care"`` (see a health professional), whatever else was answered;
  2. ``"consistent_with_healing"`` only if *all* of these hold: a recent injury, localized spasms,
     mild or moderate intensity, a course that is not worsening, no accompanying symptoms, no red
     flag — and, on top of that, no criterion points to a problem (for example overuse timing,
     poor hydration, or spasms that began before the injury);
  3. otherwise ``"monitor"``.

* **next steps** from the course: rest and controlled movement, fluids and electrolytes, cold in
  the first 48 h and heat after the acute phase, and professional evaluation when indicated.

The criteria and red flags are the course's own summary of the source article (see
``REFERENCES.md`` (Notebook 06)); the time windows come from the healing-phase timeline used in
notebook 04 (inflammation ≈ day 0–5, proliferation ≈ day 3–21; Laumonier & Menetrey 2016) and from
the article's treatment table (cold within the first 48 hours). It is a teaching tool: education,
not diagnosis (:data:`course.DISCLAIMER`).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, fields
from enum import StrEnum
from functools import cache, lru_cache
from typing import Any

import numpy as np

from course import DISCLAIMER
from course._checks import check_choice, check_number

__all__ = [
    "Timing",
    "Intensity",
    "Trend",
    "Location",
    "Symptom",
    "Hydration",
    "Verdict",
    "TIMINGS",
    "INTENSITIES",
    "TRENDS",
    "LOCATIONS",
    "SYMPTOMS",
    "HYDRATIONS",
    "VERDICTS",
    "DIRECTIONS",
    "CRITERIA",
    "ANSWER_FIELDS",
    "LABELS",
    "VERDICT_LABELS",
    "VERDICT_ICONS",
    "CAUSE_LABELS",
    "RED_FLAG_LABELS",
    "RED_FLAG_CRITERION",
    "DAYS_RANGE",
    "DURATION_WEEKS_RANGE",
    "PERSISTING_WEEKS",
    "SHORTLY_AFTER_DAYS",
    "ACUTE_PHASE_DAYS",
    "ONSET_TOLERANCE_DAYS",
    "Answers",
    "Reason",
    "RedFlag",
    "Assessment",
    "assess",
    "answers_from_presentation",
    "scenario_answers",
    "all_answers",
    "EXAMPLES",
    "verdict_counts",
    "DISCLAIMER",
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
    """How strong the spasms are."""

    MILD = "mild"
    MODERATE = "moderate"
    SEVERE = "severe"


class Trend(StrEnum):
    """How the spasms change over time."""

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


class Hydration(StrEnum):
    """Fluid context: drinking enough, drinking too little, or heavy sweating."""

    ADEQUATE = "adequate"
    POOR = "poor"
    HEAVY_SWEATING = "heavy_sweating"


class Verdict(StrEnum):
    """The three possible conclusions."""

    CONSISTENT_WITH_HEALING = "consistent_with_healing"
    MONITOR = "monitor"
    SEEK_CARE = "seek_care"


TIMINGS: tuple[str, ...] = tuple(m.value for m in Timing)
INTENSITIES: tuple[str, ...] = tuple(m.value for m in Intensity)
TRENDS: tuple[str, ...] = tuple(m.value for m in Trend)
LOCATIONS: tuple[str, ...] = tuple(m.value for m in Location)
SYMPTOMS: tuple[str, ...] = tuple(m.value for m in Symptom)
HYDRATIONS: tuple[str, ...] = tuple(m.value for m in Hydration)
#: Verdicts from safest to most urgent.
VERDICTS: tuple[str, ...] = tuple(m.value for m in Verdict)
#: Which way one criterion leans.
DIRECTIONS: tuple[str, ...] = ("healing", "neutral", "problem")

#: The criteria, in the order reasons are listed (one reason each, always).
CRITERIA: tuple[str, ...] = (
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
)

#: Plain-language label of every categorical answer (used by the form and the summary).
LABELS: dict[str, dict[str, str]] = {
    "timing": {
        "rest_after_injury": "at rest, after an injury",
        "during_exertion": "during heavy exertion",
        "after_exertion": "after heavy exertion",
        "night": "at night",
        "no_pattern": "no clear pattern",
    },
    "intensity": {
        "mild": "mild: twitching or cramping that settles quickly",
        "moderate": "moderate: uncomfortable, eases within minutes",
        "severe": "severe: strong pain that persists",
    },
    "trend": {
        "lessening": "lessening",
        "unchanged": "about the same",
        "worsening": "worsening",
    },
    "location": {
        "localized": "localized, near one spot",
        "widespread": "widespread, several areas",
        "radiating": "radiating from the back or neck",
    },
    "symptoms": {
        "swelling": "swelling",
        "redness": "redness",
        "fever": "fever",
        "numbness": "numbness",
        "tingling": "tingling",
        "weakness": "weakness",
    },
    "hydration": {
        "adequate": "drinking enough",
        "poor": "drinking too little",
        "heavy_sweating": "heavy sweating",
    },
}

VERDICT_LABELS: dict[str, str] = {
    "consistent_with_healing": "Consistent with healing",
    "monitor": "Monitor and adjust",
    "seek_care": "See a health professional",
}

#: A text icon per verdict, so the verdict never depends on colour alone.
VERDICT_ICONS: dict[str, str] = {
    "consistent_with_healing": "✔",
    "monitor": "◆",
    "seek_care": "✚",
}

#: What a criterion can point to.
CAUSE_LABELS: dict[str, str] = {
    "healing": "healing (protective guarding)",
    "overuse": "overuse and fatigue",
    "electrolytes_dehydration": "electrolyte imbalance or dehydration",
    "nerve": "nerve irritation or compression",
    "infection_inflammation": "infection or inflammation",
    "unrelated_to_injury": "a cause other than an injury",
    "persisting_problem": "a persisting or growing problem",
}

RED_FLAG_LABELS: dict[str, str] = {
    "numbness": "numbness",
    "tingling": "tingling",
    "weakness": "weakness",
    "fever": "fever",
    "redness_with_swelling": "redness together with swelling",
    "severe_intensity": "severe intensity",
    "worsening": "worsening course",
    "persisting_6_weeks": "lasting 6 weeks or more without lessening",
}

#: The criterion each red flag belongs to.
RED_FLAG_CRITERION: dict[str, str] = {
    "numbness": "accompanying symptoms",
    "tingling": "accompanying symptoms",
    "weakness": "accompanying symptoms",
    "fever": "accompanying symptoms",
    "redness_with_swelling": "accompanying symptoms",
    "severe_intensity": "intensity",
    "worsening": "course over time",
    "persisting_6_weeks": "duration",
}

#: Allowed days since the injury (days). Longer ago is not a *recent* injury.
DAYS_RANGE: tuple[float, float] = (0.0, 365.0)
#: Allowed duration of the spasms so far (weeks): up to ten years.
DURATION_WEEKS_RANGE: tuple[float, float] = (0.0, 520.0)
#: Red flag: spasms lasting this many weeks or more that are not lessening (course spec).
PERSISTING_WEEKS = 6.0
#: "Shortly after an injury" (days): the inflammation and proliferation phases, ≈ day 0–21
#: (Laumonier & Menetrey 2016), when guarding spasms are expected.
SHORTLY_AFTER_DAYS = 21.0
#: Cold helps in the first 48 h after an injury, heat after the acute phase (source article's table).
ACUTE_PHASE_DAYS = 2.0
#: Spasms that began more than this many days before the injury (duration vs days since injury)
#: cannot be explained by it; one week of slack because people estimate durations in whole weeks.
ONSET_TOLERANCE_DAYS = 7.0


# ----------------------------------------------------------------------------------------------
# Answers
# ----------------------------------------------------------------------------------------------
_VALUES: dict[type[StrEnum], dict[str, str]] = {}


def _choice(name: str, value: object, enum: type[StrEnum]) -> str:
    valid = _VALUES.get(enum)
    if valid is None:
        valid = _VALUES[enum] = {m.value: m.value for m in enum}
    if isinstance(value, str) and value in valid:
        return valid[value]  # a plain str, also for enum members
    return check_choice(name, value, tuple(valid))


_SYMPTOM_SET = frozenset(m.value for m in Symptom)


def _number(name: str, value: object, lo: float, hi: float, unit: str) -> float:
    if type(value) is float and lo <= value <= hi:  # fast path (NaN fails the comparison)
        return value
    return check_number(name, value, lo, hi, unit)


def _symptom_set(value: object) -> frozenset[str]:
    if type(value) is frozenset and value <= _SYMPTOM_SET and all(type(s) is str for s in value):
        return value  # fast path: already a valid frozenset of plain strings
    if value is None or isinstance(value, (str, bytes)) or isinstance(value, Mapping):
        raise TypeError(
            f"symptoms must be a set of symptom names (empty for none), got {value!r}; "
            "valid names: " + ", ".join(repr(s) for s in SYMPTOMS)
        )
    try:
        items = list(value)  # type: ignore[call-overload]
    except TypeError as exc:
        raise TypeError(
            f"symptoms must be a set of symptom names (empty for none), got {value!r} "
            f"of type {type(value).__name__}"
        ) from exc
    return frozenset(_choice("symptoms", s, Symptom) for s in items)


@dataclass(frozen=True)
class Answers:
    """One person's answers to the self-check form.

    Parameters
    ----------
    recent_injury
        ``True`` if the muscle was strained, torn or operated on recently (within a year).
    days_since_injury
        Days since that injury, in ``[0, 365]`` days; must be given when ``recent_injury`` is
        ``True`` and must be ``None`` when it is ``False``.
    timing
        When the spasms happen: one of :data:`TIMINGS`. ``"rest_after_injury"`` needs an injury.
    intensity
        One of :data:`INTENSITIES`.
    trend
        How they change over time: one of :data:`TRENDS`.
    duration_weeks
        How long the spasms have been going on, in weeks, ``[0, 520]``.
    location
        One of :data:`LOCATIONS`.
    symptoms
        Any subset of :data:`SYMPTOMS` (a set, list or tuple; empty for none). Stored as a frozenset.
    hydration
        One of :data:`HYDRATIONS`.

    Every field is required: nothing is filled in silently. A wrong type raises ``TypeError``; a
    value outside the vocabulary or range, or a contradiction (days given with no injury, negative
    days, rest-after-injury timing with no injury), raises ``ValueError`` naming the field and the
    valid values. ``str``-valued enums (:class:`Timing`, …) are accepted and stored as plain strings.
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

    def __post_init__(self) -> None:
        put = object.__setattr__
        injury = self.recent_injury
        if type(injury) is not bool and not isinstance(injury, np.bool_):
            raise TypeError(
                f"recent_injury must be True or False, got {injury!r} of type {type(injury).__name__}"
            )
        injury = bool(injury)
        put(self, "recent_injury", injury)
        days = self.days_since_injury
        if days is not None:
            days = _number("days_since_injury", days, *DAYS_RANGE, "days")
            if not injury:
                raise ValueError(
                    f"days_since_injury={days:g} days was given but recent_injury is False: "
                    "either answer recent_injury=True or leave days_since_injury=None"
                )
        elif injury:
            raise ValueError(
                "days_since_injury is missing: with recent_injury=True give the days since the injury, "
                f"in [{DAYS_RANGE[0]:g}, {DAYS_RANGE[1]:g}] days"
            )
        put(self, "days_since_injury", days)
        put(self, "timing", _choice("timing", self.timing, Timing))
        if self.timing == "rest_after_injury" and not injury:
            raise ValueError(
                "timing='rest_after_injury' needs recent_injury=True; with no recent injury choose one of: "
                + ", ".join(repr(t) for t in TIMINGS if t != "rest_after_injury")
            )
        put(self, "intensity", _choice("intensity", self.intensity, Intensity))
        put(self, "trend", _choice("trend", self.trend, Trend))
        weeks = _number("duration_weeks", self.duration_weeks, *DURATION_WEEKS_RANGE, "weeks")
        put(self, "duration_weeks", weeks)
        put(self, "location", _choice("location", self.location, Location))
        put(self, "symptoms", _symptom_set(self.symptoms))
        put(self, "hydration", _choice("hydration", self.hydration, Hydration))

    def as_dict(self) -> dict[str, Any]:
        """The answers as a plain dict (symptoms as a sorted tuple in :data:`SYMPTOMS` order)."""
        out = {f.name: getattr(self, f.name) for f in fields(self)}
        out["symptoms"] = _ordered(self.symptoms)
        return out

    def describe(self) -> list[tuple[str, str]]:
        """(question, answer in words) pairs, in form order — for summaries and tables."""
        if self.recent_injury:
            injury = f"yes, {_days_text(self.days_since_injury)} ago"  # type: ignore[arg-type]
        else:
            injury = "no"
        return [
            ("recent injury", injury),
            ("timing", LABELS["timing"][self.timing]),
            ("intensity", LABELS["intensity"][self.intensity]),
            ("course over time", LABELS["trend"][self.trend]),
            ("duration", _weeks_text(self.duration_weeks)),
            ("location", LABELS["location"][self.location]),
            ("accompanying symptoms", _symptom_text(self.symptoms)),
            ("hydration", LABELS["hydration"][self.hydration]),
        ]


def _ordered(symptoms: Iterable[str]) -> tuple[str, ...]:
    present = set(symptoms)
    return tuple(s for s in SYMPTOMS if s in present)


def _symptom_text(symptoms: frozenset[str]) -> str:
    return ", ".join(_ordered(symptoms)) if symptoms else "none"


def _days_text(days: float) -> str:
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
    from course.healing import SCENARIOS

    check_choice("scenario", name, tuple(SCENARIOS))
    return answers_from_presentation(SCENARIOS[name].presentation)


# ----------------------------------------------------------------------------------------------
# Reasons, red flags, assessment
# ----------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Reason:
    """What one criterion says about the case.

    ``criterion`` is one of :data:`CRITERIA`; ``answer`` the answer in words; ``direction`` one of
    :data:`DIRECTIONS`; ``causes`` keys of :data:`CAUSE_LABELS`; ``points_to`` those causes (or
    "no clear lean") in words; ``why`` one or two sentences of explanation.
    """

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
    """One red flag: ``flag`` (key of :data:`RED_FLAG_LABELS`), its label, and why it matters."""

    flag: str
    why: str

    @property
    def label(self) -> str:
        return RED_FLAG_LABELS[self.flag]

    @property
    def criterion(self) -> str:
        return RED_FLAG_CRITERION[self.flag]


@dataclass(frozen=True)
class Assessment:
    """The result of :func:`assess`: verdict, one reason per criterion, red flags, next steps."""

    answers: Answers
    verdict: str
    reasons: tuple[Reason, ...]
    red_flags: tuple[RedFlag, ...]
    next_steps: tuple[str, ...]
    likely_causes: tuple[str, ...] = field(default=())

    @property
    def verdict_label(self) -> str:
        """The verdict in words, e.g. "See a health professional"."""
        return VERDICT_LABELS[self.verdict]

    @property
    def icon(self) -> str:
        return VERDICT_ICONS[self.verdict]

    def reason(self, criterion: str) -> Reason:
        """The reason given for one criterion (a name from :data:`CRITERIA`)."""
        check_choice("criterion", criterion, CRITERIA)
        return next(r for r in self.reasons if r.criterion == criterion)

    def summary(self) -> str:
        """A plain-text summary (answers, verdict, reasons, red flags, next steps, disclaimer)."""
        lines = [
            "Spasm or signal? Self-check summary",
            "",
            f"Verdict: {self.icon} {self.verdict_label.upper()} ({self.verdict})",
            "",
            "Your answers:",
        ]
        lines += [f"  - {q}: {a}" for q, a in self.answers.describe()]
        lines += ["", "What each criterion points to:"]
        for r in self.reasons:
            lines.append(f"  - {r.criterion} ({r.answer}): {r.direction} -> {r.points_to}. {r.why}")
        lines += ["", "Red flags:"]
        if self.red_flags:
            lines += [f"  - {f.label}: {f.why}" for f in self.red_flags]
        else:
            lines.append("  - none")
        if self.likely_causes:
            causes = "; ".join(CAUSE_LABELS[c] for c in self.likely_causes)
            lines += ["", f"Causes the criteria point to: {causes}"]
        lines += ["", "Next steps:"]
        lines += [f"  {i}. {s}" for i, s in enumerate(self.next_steps, 1)]
        lines += ["", DISCLAIMER]
        return "\n".join(lines)


# Each criterion is a small pure function of the answers it needs; they are cached because the
# answer space is small (this keeps the exhaustive decision-table test fast).
@lru_cache(maxsize=4096)
def _timing_reason(timing: str, injury: bool, days: float | None) -> Reason:
    if injury:
        when = f"{LABELS['timing'][timing]}; injury {_days_text(days)} ago"  # type: ignore[arg-type]
    else:
        when = f"{LABELS['timing'][timing]}; no recent injury"
    if timing in ("during_exertion", "after_exertion"):
        return Reason(
            "timing", when, "problem", ("overuse",),
            "Spasms that come with heavy exertion, without enough rest in between, point to overuse "
            "and fatigue rather than to tissue repair.",
        )
    if not injury:
        return Reason(
            "timing", when, "problem", ("unrelated_to_injury",),
            "With no recent injury there is no repair going on for the spasms to protect, so "
            "something else is driving them.",
        )
    if timing == "rest_after_injury":
        if days <= SHORTLY_AFTER_DAYS:  # type: ignore[operator]
            return Reason(
                "timing", when, "healing", ("healing",),
                "Spasms during rest in the first weeks after an injury match protective guarding "
                "while the inflammation and rebuilding phases run.",
            )
        return Reason(
            "timing", when, "neutral", (),
            f"The injury is more than {SHORTLY_AFTER_DAYS:g} days old: guarding spasms are expected "
            "to be fading by now, so timing alone no longer argues for healing.",
        )
    if timing == "night":
        return Reason(
            "timing", when, "neutral", (),
            "Night is a rest period, which fits guarding after an injury, but night cramps also "
            "have many other causes; timing alone does not decide it.",
        )
    return Reason(
        "timing", when, "neutral", (),
        "No link to rest or activity: timing gives no clue either way.",
    )


_INTENSITY_REASONS: dict[str, Reason] = {
    "mild": Reason(
        "intensity", LABELS["intensity"]["mild"], "healing", ("healing",),
        "Mild twitching or cramping that settles quickly is what guarding during repair usually feels like.",
    ),
    "moderate": Reason(
        "intensity", LABELS["intensity"]["moderate"], "neutral", (),
        "Moderate spasms fit either picture; what matters is whether they settle and fade.",
    ),
    "severe": Reason(
        "intensity", LABELS["intensity"]["severe"], "problem", ("persisting_problem",),
        "Severe, persistent pain is not the usual feel of healing spasms and is a warning sign.",
    ),
}


@cache
def _location_reason(location: str, injury: bool, hydration: str) -> Reason:
    answer = LABELS["location"][location]
    if location == "localized":
        if injury:
            return Reason(
                "location", answer, "healing", ("healing",),
                "Spasms close to the injured spot fit guarding: the muscle splints the weak area.",
            )
        return Reason(
            "location", answer, "neutral", (),
            "Localized, but with no injury there is nothing to guard; local fatigue is a common cause.",
        )
    if location == "widespread":
        if hydration == "adequate":
            why = (
                "Cramps in several areas at once point to a body-wide (metabolic) cause such as an "
                "electrolyte imbalance or dehydration, not to repair of one injured spot."
            )
        else:
            why = (
                f"Widespread cramps together with {LABELS['hydration'][hydration]} point to an "
                "electrolyte imbalance or dehydration, not to healing."
            )
        return Reason("location", answer, "problem", ("electrolytes_dehydration",), why)
    return Reason(
        "location", answer, "problem", ("nerve",),
        "Spasms spreading out from the back or neck point to an irritated or compressed nerve "
        "root, not to repair of the muscle where they are felt.",
    )


_NERVE = frozenset({"numbness", "tingling", "weakness"})
_INFLAM = frozenset({"swelling", "redness"})


@cache
def _symptom_reason(symptoms: frozenset[str], injury: bool) -> Reason:
    answer = _symptom_text(symptoms)
    if not symptoms:
        if injury:
            return Reason(
                "accompanying symptoms", answer, "healing", ("healing",),
                "No swelling, redness, fever, numbness, tingling or weakness: nothing here points away "
                "from ordinary repair.",
            )
        return Reason(
            "accompanying symptoms", answer, "neutral", (),
            "No swelling, redness, fever, numbness, tingling or weakness: no warning symptom.",
        )
    causes: list[str] = []
    parts: list[str] = []
    nerve = _ordered(symptoms & _NERVE)
    if nerve:
        causes.append("nerve")
        verb = "points" if len(nerve) == 1 else "point"
        parts.append(f"{' and '.join(nerve)} {verb} to a nerve that is irritated or compressed")
    inflam = _ordered(symptoms & _INFLAM)
    if "fever" in symptoms or inflam:
        causes.append("infection_inflammation")
    if "fever" in symptoms:
        parts.append("fever points to infection")
    if len(inflam) == 2:
        parts.append("redness together with swelling points to infection or marked inflammation")
    elif inflam:
        parts.append(f"{inflam[0]} on its own points to inflammation: watch for spreading or fever")
    why = "; ".join(parts)
    return Reason("accompanying symptoms", answer, "problem", tuple(causes), why[0].upper() + why[1:] + ".")


_TREND_REASONS: dict[str, Reason] = {
    "lessening": Reason(
        "course over time", LABELS["trend"]["lessening"], "healing", ("healing",),
        "Spasms that fade as the tissue repairs follow the expected course of healing.",
    ),
    "unchanged": Reason(
        "course over time", LABELS["trend"]["unchanged"], "neutral", (),
        "Not easing yet. Healing-related spasms should fade as repair goes on; if they persist, "
        "that points away from healing.",
    ),
    "worsening": Reason(
        "course over time", LABELS["trend"]["worsening"], "problem", ("persisting_problem",),
        "Spasms that get stronger or more frequent do not follow the course of healing, which fades.",
    ),
}


@lru_cache(maxsize=4096)
def _duration_reason(weeks: float, trend: str, injury: bool, days: float | None) -> Reason:
    answer = _weeks_text(weeks)
    if weeks >= PERSISTING_WEEKS and trend != "lessening":
        return Reason(
            "duration", answer, "problem", ("persisting_problem",),
            f"Spasms that have gone on for {PERSISTING_WEEKS:g} weeks or more without easing are "
            "persisting, which healing spasms do not do.",
        )
    if injury and weeks * 7.0 > days + ONSET_TOLERANCE_DAYS:  # type: ignore[operator]
        return Reason(
            "duration", answer, "problem", ("unrelated_to_injury",),
            f"The spasms started before the injury ({_days_text(days)} ago), so the injury "  # type: ignore[arg-type]
            "cannot be what set them off.",
        )
    if weeks >= PERSISTING_WEEKS:
        return Reason(
            "duration", answer, "neutral", (),
            f"Long-lasting ({PERSISTING_WEEKS:g} weeks or more) but easing; if they stop easing, "
            "that becomes a red flag.",
        )
    if injury:
        return Reason(
            "duration", answer, "healing", ("healing",),
            f"They began around the injury and have lasted less than {PERSISTING_WEEKS:g} weeks, "
            "within the time scale of repair.",
        )
    return Reason(
        "duration", answer, "neutral", (),
        f"Less than {PERSISTING_WEEKS:g} weeks so far: duration alone is not a warning sign yet.",
    )


@cache
def _hydration_reason(hydration: str, location: str) -> Reason:
    answer = LABELS["hydration"][hydration]
    if hydration == "adequate":
        return Reason(
            "context: hydration", answer, "neutral", (),
            "Enough fluid: nothing suggests that dehydration or lost electrolytes are involved.",
        )
    if hydration == "poor":
        why = (
            "Too little fluid lowers blood volume and can upset the electrolyte balance that keeps "
            "nerve and muscle membranes stable, so cramps come more easily"
        )
    else:
        why = (
            "Heavy sweating loses water and salts; the resulting dehydration and electrolyte "
            "imbalance make nerves and muscles fire more easily"
        )
    if location == "widespread":
        why += "; with widespread cramps this is the most likely driver."
    else:
        why += "; it may be adding to the spasms."
    return Reason("context: hydration", answer, "problem", ("electrolytes_dehydration",), why)


_RED_FLAG_WHY: dict[str, str] = {
    "numbness": "Numbness can mean a nerve is compressed; untreated compression may cause lasting damage.",
    "tingling": "Tingling (pins and needles) can mean a nerve is irritated or compressed.",
    "weakness": "Weakness can mean a nerve no longer drives the muscle properly; it needs an assessment.",
    "fever": "Fever with muscle symptoms can mean an infection.",
    "redness_with_swelling": "Redness together with swelling can mean infection or marked inflammation.",
    "severe_intensity": "Severe, persistent pain is beyond what healing spasms usually cause.",
    "worsening": "Spasms that keep getting worse are not following the fading course of healing.",
    "persisting_6_weeks": (
        f"Spasms lasting {PERSISTING_WEEKS:g} weeks or more without easing need the underlying cause found."
    ),
}

_RED_FLAGS: dict[str, RedFlag] = {k: RedFlag(k, why) for k, why in _RED_FLAG_WHY.items()}


def _red_flags(a: Answers) -> tuple[RedFlag, ...]:
    keys: list[str] = [s for s in ("numbness", "tingling", "weakness", "fever") if s in a.symptoms]
    if _INFLAM <= a.symptoms:
        keys.append("redness_with_swelling")
    if a.intensity == "severe":
        keys.append("severe_intensity")
    if a.trend == "worsening":
        keys.append("worsening")
    if a.duration_weeks >= PERSISTING_WEEKS and a.trend != "lessening":
        keys.append("persisting_6_weeks")
    return tuple(_RED_FLAGS[k] for k in keys)


@cache
def _next_steps(
    verdict: str, flag_keys: frozenset[str], causes: tuple[str, ...], injury: bool, acute: bool
) -> tuple[str, ...]:
    """Next steps; ``acute`` is True within the first 48 h after an injury."""
    steps: list[str] = []
    if verdict == "seek_care":
        steps.append(
            "See a health professional (a doctor or physiotherapist) about these spasms rather than "
            "waiting for them to pass."
        )
        nerve = _ordered(flag_keys & _NERVE)
        if nerve:
            steps.append(
                f"Mention the {' and '.join(nerve)}: a compressed nerve should be assessed early, "
                "because untreated compression may cause permanent damage."
            )
        if flag_keys & {"fever", "redness_with_swelling"}:
            steps.append(
                "Fever, or redness with swelling, can mean infection: get it checked promptly, sooner "
                "if the redness spreads or the fever rises."
            )
        if flag_keys & {"severe_intensity", "worsening", "persisting_6_weeks"}:
            steps.append(
                "Severe, worsening or long-lasting spasms need a professional to find the underlying "
                "cause (for example a nerve entrapment or a metabolic disorder)."
            )
        steps.append("Until then, avoid heavy exertion and keep movements gentle and within comfort.")
        return tuple(steps)

    if verdict == "consistent_with_healing":
        steps.append(
            "Rest the muscle from intense activity, but keep gentle, controlled range-of-motion "
            "movement so it does not stiffen."
        )
    if injury and "infection_inflammation" not in causes:
        if acute:
            steps.append(
                "Within the first 48 hours after the injury, cold helps limit inflammation; switch to "
                "heat after this acute phase to relax the tight muscle."
            )
        else:
            steps.append(
                "Past the first 48 hours, heat can relax the tight muscle (cold is for the acute phase "
                "right after the injury)."
            )
    elif "infection_inflammation" in causes:
        steps.append(
            "Watch the swollen or red area closely: if the redness spreads, the swelling grows or a "
            "fever appears, see a health professional. Do not heat a red, swollen area."
        )
    if "overuse" in causes:
        steps.append(
            "Cut back the heavy exertion and build rest into your training; keep gentle, controlled "
            "movement while the muscle recovers."
        )
    if "electrolytes_dehydration" in causes:
        steps.append(
            "Drink enough fluid and replace electrolytes through food (fruit, vegetables), especially "
            "after heavy sweating."
        )
    elif verdict == "consistent_with_healing":
        steps.append("Keep drinking enough fluid and eat electrolyte-rich food to support repair.")
    if "nerve" in causes:
        steps.append(
            "Spasms radiating from the back or neck suggest a nerve cause: have them checked by a "
            "professional, at once if numbness, tingling or weakness appear."
        )
    if "unrelated_to_injury" in causes and verdict == "monitor":
        steps.append(
            "No injury explains these spasms: think about fatigue, fluids and electrolytes, and ask a "
            "professional if they keep coming back."
        )
    if verdict == "consistent_with_healing":
        steps.append(
            "Expect the spasms to keep fading. See a health professional if they stop easing, get "
            "worse, or any red flag appears."
        )
    else:
        steps.append(
            "See a health professional if the spasms persist or get worse, or if a red flag appears: "
            "numbness, tingling, weakness, fever, redness with swelling, or severe pain."
        )
    return tuple(steps)


def assess(answers: Answers | Mapping[str, Any]) -> Assessment:
    """Apply the distinguishing criteria and red flags to ``answers``.

    ``answers`` is an :class:`Answers` record, or a dict with exactly its fields (validated by
    :func:`answers_from_presentation`).

    Returns an :class:`Assessment` with ``verdict`` in :data:`VERDICTS`, exactly one reason per
    criterion (in :data:`CRITERIA` order), the red flags found, and next steps. Any red flag gives
    ``"seek_care"``; ``"consistent_with_healing"`` needs a recent injury, localized spasms, mild or
    moderate intensity, a course that is not worsening, no accompanying symptoms, no red flag, and
    no criterion pointing to a problem; everything else is ``"monitor"``.
    """
    if isinstance(answers, Mapping):
        answers = answers_from_presentation(answers)
    if not isinstance(answers, Answers):
        raise TypeError(f"answers must be an Answers record (or a dict of its fields), got {type(answers).__name__}")
    a = answers
    reasons = (
        _timing_reason(a.timing, a.recent_injury, a.days_since_injury),
        _INTENSITY_REASONS[a.intensity],
        _location_reason(a.location, a.recent_injury, a.hydration),
        _symptom_reason(a.symptoms, a.recent_injury),
        _TREND_REASONS[a.trend],
        _duration_reason(a.duration_weeks, a.trend, a.recent_injury, a.days_since_injury),
        _hydration_reason(a.hydration, a.location),
    )
    flags = _red_flags(a)
    causes_seen: dict[str, None] = {}
    for r in reasons:
        if r.direction == "problem":
            for c in r.causes:
                causes_seen[c] = None
    causes = tuple(c for c in CAUSE_LABELS if c in causes_seen)
    if flags:
        verdict = "seek_care"
    elif (
        a.recent_injury
        and a.location == "localized"
        and a.intensity in ("mild", "moderate")
        and a.trend != "worsening"
        and not a.symptoms
        and not causes
    ):
        verdict = "consistent_with_healing"
    else:
        verdict = "monitor"
    if verdict == "consistent_with_healing":
        causes = ("healing",)
    acute = a.recent_injury and a.days_since_injury <= ACUTE_PHASE_DAYS  # type: ignore[operator]
    steps = _next_steps(verdict, frozenset(f.flag for f in flags), causes, a.recent_injury, acute)
    return Assessment(a, verdict, reasons, flags, steps, causes)


def all_answers(days_since_injury: float = 4.0, duration_weeks: float = 1.0) -> Iterator[Answers]:
    """Every consistent combination of the categorical answers, symptoms as all 64 subsets.

    With a recent injury ``days_since_injury`` days ago (all 5 timings) and with no injury (the 4
    timings that do not need one); the spasms have lasted ``duration_weeks`` weeks. That is
    (5 + 4) × 3 × 3 × 3 × 64 × 3 = 46,656 answers.
    """
    days = check_number("days_since_injury", days_since_injury, *DAYS_RANGE, "days")
    weeks = check_number("duration_weeks", duration_weeks, *DURATION_WEEKS_RANGE, "weeks")
    subsets = [frozenset(c) for r in range(len(SYMPTOMS) + 1) for c in itertools.combinations(SYMPTOMS, r)]
    for injury in (True, False):
        timings = TIMINGS if injury else tuple(t for t in TIMINGS if t != "rest_after_injury")
        for timing, intensity, trend, location, symptoms, hydration in itertools.product(
            timings, INTENSITIES, TRENDS, LOCATIONS, subsets, HYDRATIONS
        ):
            yield Answers(
                injury, days if injury else None, timing, intensity, trend, weeks, location, symptoms,
                hydration,
            )


def verdict_counts(answers: Iterable[Answers]) -> dict[str, int]:
    """How many of ``answers`` get each verdict (keys in :data:`VERDICTS` order)."""
    counts = dict.fromkeys(VERDICTS, 0)
    for a in answers:
        counts[assess(a).verdict] += 1
    return counts


def _example(description: str, **kw: Any) -> tuple[str, Answers]:
    base: dict[str, Any] = dict(
        recent_injury=False, days_since_injury=None, timing="no_pattern", intensity="mild",
        trend="unchanged", duration_weeks=1.0, location="localized", symptoms=frozenset(),
        hydration="adequate",
    )
    base.update(kw)
    return description, Answers(**base)


#: Textbook cases used in notebook 06: name → (description, answers).
EXAMPLES: dict[str, tuple[str, Answers]] = {
    "strain_healing": _example(
        "Mild, localized spasms at rest 4 days after a calf strain, easing, nothing else",
        recent_injury=True, days_since_injury=4.0, timing="rest_after_injury", trend="lessening",
        duration_weeks=0.5,
    ),
    "sweaty_cramps": _example(
        "Widespread cramps after a long run with heavy sweating and little to drink",
        timing="after_exertion", intensity="moderate", location="widespread", hydration="heavy_sweating",
    ),
    "radiating_numb": _example(
        "Spasms radiating from the lower back down one leg, with numbness in the foot",
        intensity="moderate", location="radiating", symptoms=frozenset({"numbness"}), duration_weeks=2.0,
    ),
    "infected_strain": _example(
        "Spasms near a strain 5 days old, with swelling, redness and fever",
        recent_injury=True, days_since_injury=5.0, timing="rest_after_injury", intensity="moderate",
        duration_weeks=0.5, symptoms=frozenset({"swelling", "redness", "fever"}),
    ),
    "severe_pain": _example(
        "Severe, persistent pain with the spasms, 10 days after a thigh strain",
        recent_injury=True, days_since_injury=10.0, timing="rest_after_injury", intensity="severe",
    ),
    "worse_after_6_weeks": _example(
        "Spasms 7 weeks after a shoulder strain, getting worse instead of fading",
        recent_injury=True, days_since_injury=49.0, timing="rest_after_injury", intensity="moderate",
        trend="worsening", duration_weeks=7.0,
    ),
}
