"""One reason per criterion for an assessment: what each answer says, which way it leans, and why."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from course.selfcheck.floors import Floor
from course.selfcheck.vocabulary import (
    CAUSE_LABELS,
    CRITERIA,
    LATE_ONSET_DAYS,
    ONSET_TOLERANCE_DAYS,
    PERSISTING_WEEKS,
    SHORTLY_AFTER_DAYS,
    TIER_LABELS,
    Answers,
    days_text,
)

__all__ = ["Reason", "reasons"]


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


_ANSWER_OF: Mapping[str, str] = MappingProxyType({"context: hydration": "hydration"})


def reasons(a: Answers, fired: tuple[Floor, ...]) -> tuple[Reason, ...]:
    """One :class:`Reason` per criterion, in :data:`CRITERIA` order."""
    by_criterion: dict[str, list[Floor]] = {}
    for f in fired:
        by_criterion.setdefault(f.criterion, []).append(f)
    answers = dict(a.describe())
    out = []
    for criterion in CRITERIA:
        answer = answers[_ANSWER_OF.get(criterion, criterion)]
        rows = by_criterion.get(criterion, [])
        if rows:
            causes = tuple(dict.fromkeys(c for f in rows for c in f.causes))
            why = " ".join(dict.fromkeys(f"{f.why} (At least: {TIER_LABELS[f.tier].lower()}.)" for f in rows))
            out.append(Reason(criterion, answer, "problem", causes, why))
        else:
            out.append(_quiet_reason(criterion, answer, a))
    return tuple(out)


_QUIET_WHY: Mapping[str, str] = MappingProxyType({
    "danger signs": "No to every emergency question.",
    "context": "Nothing else going on that changes the urgency.",
    "history": "No long-term medicine or condition that changes the urgency.",
    "body region": "An area the criteria of this self-check can judge.",
    "age": "Within the age range this self-check is written for.",
    "onset": "The way it started sets no minimum urgency on its own.",
    "accompanying symptoms": "No other symptoms.",
    "location": "Spasms in one spot; with no injury, local fatigue is the commonest cause.",
})


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
                      "Cramps in several muscles point away from one injured spot: general fatigue, a medicine or a "
                      "blood-salt problem are more likely.")
    if criterion == "location" and injury:
        return Reason(criterion, answer, "healing", ("healing",), "Spasms near one spot fit a local injury.")
    if criterion == "accompanying symptoms" and a.symptoms:
        return Reason(criterion, answer, "neutral", (),
                      "These symptoms alone set no minimum urgency here, but they rule out self-care.")
    if criterion in ("context", "history") and getattr(a, criterion):
        return Reason(criterion, answer, "neutral", (), "Noted; on its own it sets no minimum urgency here.")
    if criterion == "intensity" and a.intensity != "severe":
        return Reason(criterion, answer, "healing" if injury else "neutral", (),
                      "Mild or moderate spasms are within what a strain or an ordinary cramp causes.")
    if criterion == "age" and a.age_band == "5_to_15":
        return Reason(criterion, answer, "neutral", (),
                      "A child or teenager: with no fever or other warning sign the same limits apply; ask a GP "
                      "if unsure.")
    return Reason(criterion, answer, "neutral", (), _QUIET_WHY.get(criterion, "Nothing here changes the urgency."))


def _timing_reason(answer: str, a: Answers) -> Reason:
    if a.timing in ("during_exertion", "after_exertion"):
        return Reason("timing", answer, "problem", ("overuse",),
                      "Cramps that come with hard exercise usually follow muscle fatigue (the neuromuscular theory "
                      "of exercise-associated cramp)" + (", not the injury." if a.recent_injury else "."))
    if a.timing == "night":
        return Reason("timing", answer, "neutral", (),
                      "Night-time leg cramps are common, especially in older adults and in pregnancy, and usually "
                      "harmless.")
    if not a.recent_injury:
        return Reason("timing", answer, "neutral", ("unrelated_to_injury",),
                      "With no recent injury, something other than an injury is driving the spasms.")
    return Reason("timing", answer, "healing", ("healing",),
                  "Spasms at rest after an injury fit a recovering strain (the article's view; the evidence on such "
                  "spasms is thin — see notebook 05).")


def _duration_reason(answer: str, a: Answers) -> Reason:
    onset = a.onset_day
    if onset is not None and onset < -ONSET_TOLERANCE_DAYS - 1e-9:
        return Reason("duration", answer, "problem", ("unrelated_to_injury",),
                      f"They started before the injury ({days_text(a.days_since_injury)} ago), so the injury did "
                      "not set them off.")
    if onset is not None and onset > LATE_ONSET_DAYS:
        return Reason("duration", answer, "problem", ("unrelated_to_injury",),
                      f"They began about {onset:.0f} days after the injury, later than spasms set off by it would "
                      "start.")
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
                      "Drinking well beyond thirst, especially plain water during long exercise, can dilute blood "
                      "sodium; more water would make that worse.")
    if a.hydration == "adequate":
        return Reason("context: hydration", answer, "neutral", (), "Drinking to thirst is enough.")
    return Reason("context: hydration", answer, "neutral", (),
                  "Studies that dehydrated people did not find that it made cramps come more easily; drinking to "
                  "thirst is enough, and fluids are unlikely to stop the spasms.")
