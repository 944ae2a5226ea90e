"""The self-check engine (version 3): floors decide the tier, then the criteria explain it.

:func:`assess` takes :class:`~course.selfcheck.vocabulary.Answers` and returns an :class:`Assessment`:

1. every **floor** the answers trigger (:data:`~course.selfcheck.floors.FLOORS`) becomes a red flag;
   the tier is the highest floor triggered, so nothing can outvote an emergency;
2. with no floor, **self_care** needs every :data:`SELF_CARE_CONDITIONS`; otherwise the tier is
   **routine** (always with a time frame);
3. one reason per criterion (:mod:`course.selfcheck.reasons`), the next steps and the safety net
   (:mod:`course.selfcheck.advice`).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from course import DISCLAIMER
from course._checks import check_choice, check_number
from course.selfcheck.advice import DESTINATIONS, next_steps, safety_net
from course.selfcheck.floors import FLOORS, Floor, fired_floors
from course.selfcheck.reasons import Reason, reasons
from course.selfcheck.vocabulary import (
    AGE_BANDS,
    BODY_REGIONS,
    CAUSE_LABELS,
    CRITERIA,
    DANGER_SIGNS,
    DAYS_RANGE,
    DURATION_WEEKS_RANGE,
    HYDRATIONS,
    INTENSITIES,
    LATE_ONSET_DAYS,
    LOCATIONS,
    ONSETS,
    PERSISTING_WEEKS,
    SELF_CARE_MAX_DAYS,
    SHORTLY_AFTER_DAYS,
    TIER_ICONS,
    TIER_LABELS,
    TIER_VERDICT,
    TIERS,
    TIMINGS,
    TRENDS,
    VERDICT_LABELS,
    VERDICTS,
    Answers,
    answers_from_presentation,
    item_set,
    tier_rank,
)

__all__ = [
    "SELF_CARE_CONDITIONS", "RedFlag", "Assessment", "assess", "screen", "urgency_of", "all_answers",
    "urgency_counts", "verdict_counts", "EXAMPLES",
]

_NOT_FOR_SELF_CARE_HISTORY = frozenset({"statin", "anticoagulant", "steroid_or_immunosuppressant", "cancer",
                                        "injects_drugs"})

#: Every condition "self_care" needs (each a (text, test) pair); all must hold and no floor may fire.
SELF_CARE_CONDITIONS: tuple[tuple[str, Callable[[Answers], bool]], ...] = (
    ("a recent injury", lambda a: a.recent_injury),
    (f"the injury at most {SELF_CARE_MAX_DAYS:g} days ago",
     lambda a: a.recent_injury and a.days_since_injury <= SELF_CARE_MAX_DAYS),  # type: ignore[operator]
    (f"the spasms began at the injury (from a day before it to {LATE_ONSET_DAYS:g} days after it)",
     lambda a: a.onset_at_injury),
    ("localized spasms", lambda a: a.location == "localized"),
    ("mild or moderate intensity", lambda a: a.intensity in ("mild", "moderate")),
    (f"lessening (or about the same only within the first {SHORTLY_AFTER_DAYS:g} days)",
     lambda a: a.trend == "lessening"
     or (a.trend == "unchanged" and a.recent_injury and a.days_since_injury <= SHORTLY_AFTER_DAYS)),  # type: ignore[operator]
    (f"lasting less than {PERSISTING_WEEKS:g} weeks", lambda a: a.duration_weeks < PERSISTING_WEEKS),
    ("no accompanying symptoms", lambda a: not a.symptoms),
    ("no to every emergency question", lambda a: not a.danger_signs),
    ("no context except recent surgery or pregnancy",
     lambda a: a.context <= {"recent_surgery", "pregnant_or_recently_gave_birth"}),
    ("no statin, blood thinner, steroid or immunosuppressant, cancer or injecting drugs",
     lambda a: a.history.isdisjoint(_NOT_FOR_SELF_CARE_HISTORY)),
    ("aged 5 or over", lambda a: a.age_band != "under_5"),
    ("not in the chest, belly, face or jaw", lambda a: a.body_region not in ("chest_or_abdomen", "face_or_jaw")),
)

_RANK: Mapping[str, int] = MappingProxyType({t: tier_rank(t) for t in TIERS})
_BY_TIER: tuple[Floor, ...] = tuple(sorted(FLOORS, key=lambda f: -_RANK[f.tier]))


def _unmet(a: Answers) -> tuple[str, ...]:
    return tuple(text for text, test in SELF_CARE_CONDITIONS if not test(a))


def urgency_of(answers: Answers) -> str:
    """Only the urgency tier of ``answers`` (what :func:`assess` gives as ``urgency``)."""
    if not isinstance(answers, Answers):
        raise TypeError(f"answers must be an Answers record, got {type(answers).__name__}")
    for f in _BY_TIER:  # most urgent rows first: the first that fires decides
        if f.fires(answers):
            return f.tier
    return "routine" if _unmet(answers) else "self_care"


@dataclass(frozen=True)
class RedFlag:
    """A triggered floor: ``flag`` (its key), ``label``, the ``tier`` it forces, ``why``, its ``advice``."""

    flag: str
    label: str
    tier: str
    why: str
    criterion: str
    advice: str = ""

    @property
    def tier_label(self) -> str:
        return TIER_LABELS[self.tier]

    @classmethod
    def of(cls, f: Floor) -> RedFlag:
        return cls(f.key, f.label, f.tier, f.why, f.criterion, f.advice)


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
        """Plain text in words (no engine codes): destination and tier first, then answers, red flags,
        reasons, next steps, safety net and the disclaimer."""
        lines = [self.destination, f"Urgency: {self.icon} {self.tier_label.upper()}", "", "Your answers:"]
        lines += [f"  - {q}: {a}" for q, a in self.answers.describe()]
        lines += ["", "Red flags (each sets a minimum urgency):"]
        if self.red_flags:
            lines += [f"  - {f.label} -> at least: {f.tier_label}. {f.why}" for f in self.red_flags]
        else:
            lines.append("  - none")
        if self.self_care_unmet and not self.red_flags:
            lines += ["", "Why not self-care: not met — " + "; ".join(self.self_care_unmet) + "."]
        lines += ["", "What each criterion points to:"]
        lines += [f"  - {r.criterion} ({r.answer}): {_LEANS[r.direction]} -> {r.points_to}. {r.why}"
                  for r in self.reasons]
        lines += ["", "Next steps:"]
        lines += [f"  {i}. {s}" for i, s in enumerate(self.next_steps, 1)]
        lines += ["", "Safety net (what to watch for, and by when):"]
        lines += [f"  - {s}" for s in self.safety_net]
        lines += ["", DISCLAIMER]
        return "\n".join(lines)


_LEANS: Mapping[str, str] = MappingProxyType({
    "healing": "toward a recovering strain", "neutral": "no clear lean", "problem": "toward a problem",
})


def screen(danger_signs: Iterable[str]) -> tuple[RedFlag, ...]:
    """The emergency screen on its own: a red flag (tier ``emergency_now``) per "yes" answer.

    The form calls this as soon as an emergency question is answered "yes", before the rest is answered.
    """
    signs = item_set("danger_signs", danger_signs, DANGER_SIGNS)
    return tuple(RedFlag.of(f) for f in FLOORS
                 if f.criterion == "danger signs" and not f.any_of["danger_signs"].isdisjoint(signs))


def assess(answers: Answers | Mapping[str, Any]) -> Assessment:
    """Apply the emergency screen, the floor table and the criteria to ``answers``.

    ``answers`` is an :class:`Answers` record, or a dict with exactly its fields. Returns an
    :class:`Assessment` with ``urgency`` in :data:`TIERS` (the highest floor triggered; self-care only
    when every :data:`SELF_CARE_CONDITIONS` holds; otherwise routine), the derived ``verdict``, one reason
    per criterion (in :data:`CRITERIA` order), every triggered floor as a red flag with its tier, next
    steps (the destination sentence first) and the safety net.
    """
    if isinstance(answers, Mapping):
        answers = answers_from_presentation(answers)
    if not isinstance(answers, Answers):
        raise TypeError(f"answers must be an Answers record (or a dict of its fields), got {type(answers).__name__}")
    a = answers
    fired = fired_floors(a)
    unmet = _unmet(a)
    if fired:
        urgency = max(fired, key=lambda f: _RANK[f.tier]).tier
    else:
        urgency = "routine" if unmet else "self_care"
    why = reasons(a, fired)
    if urgency == "self_care":
        causes: tuple[str, ...] = ("healing",)
    else:
        seen = dict.fromkeys(c for r in why if r.direction == "problem" for c in r.causes)
        causes = tuple(c for c in CAUSE_LABELS if c in seen)
    flags = tuple(RedFlag.of(f) for f in fired)
    return Assessment(a, urgency, why, flags, next_steps(a, urgency, fired), safety_net(a, urgency), causes, unmet)


# ----------------------------------------------------------------------------------------------
# Grids and worked cases
# ----------------------------------------------------------------------------------------------
def all_answers(
    days_since_injury: float = 4.0,
    duration_weeks: float = 0.5,
    symptom_sets: Iterable[Iterable[str]] | None = None,
    context_sets: Iterable[Iterable[str]] | None = None,
    danger_sets: Iterable[Iterable[str]] | None = None,
    history_sets: Iterable[Iterable[str]] | None = None,
) -> Iterator[Answers]:
    """Every consistent combination of the single-choice answers, crossed with the given sets.

    The single-choice answers are all crossed: a recent injury ``days_since_injury`` days ago (5 timings)
    and none (4 timings) × intensity × trend × location × hydration × region × age × onset
    (9 × 3 × 3 × 3 × 3 × 8 × 4 × 2 = 46,656 answers). Each set defaults to "none of these" only.
    """
    days = check_number("days_since_injury", days_since_injury, *DAYS_RANGE, "days")
    weeks = check_number("duration_weeks", duration_weeks, *DURATION_WEEKS_RANGE, "weeks")

    def sets(given: Iterable[Iterable[str]] | None) -> list[frozenset[str]]:
        return [frozenset()] if given is None else [frozenset(s) for s in given]

    symptoms, contexts, dangers, history = sets(symptom_sets), sets(context_sets), sets(danger_sets), sets(history_sets)
    for injury in (True, False):
        timings = TIMINGS if injury else tuple(t for t in TIMINGS if t != "rest_after_injury")
        for timing, intensity, trend, location, hydration, region, age, onset in itertools.product(
            timings, INTENSITIES, TRENDS, LOCATIONS, HYDRATIONS, BODY_REGIONS, AGE_BANDS, ONSETS
        ):
            for sym, ctx, dng, hist in itertools.product(symptoms, contexts, dangers, history):
                yield Answers(injury, days if injury else None, timing, intensity, trend, weeks, location,
                              sym, hydration, dng, ctx, region, age, onset, hist)


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
    danger_signs=frozenset(), context=frozenset(), body_region="leg", age_band="16_to_64", onset="gradual",
    history=frozenset(),
))


def _example(description: str, **kw: Any) -> tuple[str, Answers]:
    return description, Answers(**{**_BASE, **kw})


#: Worked cases used in notebook 07: name → (description, answers).
EXAMPLES: Mapping[str, tuple[str, Answers]] = MappingProxyType({
    "strain_healing": _example(
        "Mild spasms near a calf strain at rest, 4 days after it, easing, nothing else",
        recent_injury=True, days_since_injury=4.0, timing="rest_after_injury", trend="lessening",
        duration_weeks=0.5, onset="sudden",
    ),
    "night_cramps": _example(
        "Calf cramps at night for 3 weeks in a 70-year-old, about the same, nothing else",
        timing="night", intensity="moderate", duration_weeks=3.0, age_band="65_or_over", onset="sudden",
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
        "Tingling lips and fingertips, hands cramping into a claw, 2 days after thyroid surgery",
        intensity="moderate", location="widespread", duration_weeks=0.2, body_region="several_areas",
        symptoms=frozenset({"mouth_or_fingertip_tingling"}), danger_signs=frozenset({"hand_or_foot_clawing"}),
        context=frozenset({"neck_or_thyroid_surgery"}),
    ),
    "marathon_water": _example(
        "Cramps in both legs after a hot marathon, having drunk lots of plain water, now confused",
        timing="after_exertion", intensity="severe", location="widespread", duration_weeks=0.0,
        hydration="heavy_sweating", body_region="several_areas",
        context=frozenset({"drank_lots_of_plain_water"}), danger_signs=frozenset({"confusion_or_fainting"}),
    ),
    "arm_cramp_sweating": _example(
        "A 60-year-old's left arm 'cramp' that came on suddenly while resting, with sweating and feeling sick",
        intensity="moderate", duration_weeks=0.0, body_region="arm_or_hand", onset="sudden",
        symptoms=frozenset({"feeling_very_unwell"}),
        danger_signs=frozenset({"pain_with_sweating_nausea_or_breathlessness"}),
    ),
})
