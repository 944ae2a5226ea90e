"""The self-check (notebook 07), version 3: urgency first, then the criteria.

Pure data in, pure data out — no widgets here (the form lives in :mod:`course.ui.selfcheck`). The
package has four parts, each readable on its own:

* :mod:`~course.selfcheck.vocabulary` — what a person can answer (:class:`Answers`), the labels people
  see, and the errors for values retired in version 3;
* :mod:`~course.selfcheck.floors` — the floor table as data: each row its trigger, minimum tier, why,
  and its own advice (:data:`FLOORS`);
* :mod:`~course.selfcheck.engine` — :func:`assess`: the highest floor triggered decides the tier
  (``emergency_now`` > ``urgent_today`` > ``see_soon``), otherwise self-care if every
  :data:`SELF_CARE_CONDITIONS` holds, otherwise routine;
* :mod:`~course.selfcheck.advice` — destinations, next steps and the safety net (text rules), with
  :mod:`~course.selfcheck.reasons` giving one reason per criterion.

The five tiers (:data:`TIERS`, most urgent first): ``emergency_now`` ambulance or emergency department
now; ``urgent_today`` a doctor today (urgent GP, urgent-care centre or NHS 111); ``see_soon`` a GP or
physiotherapist within about a week; ``routine`` watch, with a time frame; ``self_care`` consistent with
an uncomplicated, recovering strain. Sources: the floor module's docstring and ``REFERENCES.md``.

It is a teaching tool: education, not diagnosis (:data:`course.DISCLAIMER`). Every name importable from
``course.selfcheck`` in version 2 still is.
"""

from __future__ import annotations

from course import DISCLAIMER, EMERGENCY_LINE

# The acute phase after an injury (days) belongs to the healing model; re-exported so that
# ``course.selfcheck.ACUTE_PHASE_DAYS`` keeps working.
from course.healing import ACUTE_PHASE_DAYS
from course.selfcheck.advice import DESTINATIONS, SAFETY_NET, SELF_CARE_WORDS
from course.selfcheck.engine import (
    EXAMPLES,
    SELF_CARE_CONDITIONS,
    Assessment,
    RedFlag,
    all_answers,
    assess,
    screen,
    urgency_counts,
    urgency_of,
    verdict_counts,
)
from course.selfcheck.floors import FLOORS, NO_ADVICE, Floor, floor_table
from course.selfcheck.reasons import Reason
from course.selfcheck.vocabulary import (
    AGE_BANDS,
    ANSWER_FIELDS,
    BODY_REGIONS,
    CAUSE_LABELS,
    CHOICE_FIELDS,
    CONTEXTS,
    CRITERIA,
    DANGER_SIGNS,
    DAYS_RANGE,
    DIRECTIONS,
    DURATION_WEEKS_RANGE,
    HISTORY,
    HYDRATIONS,
    INTENSITIES,
    LABELS,
    LATE_ONSET_DAYS,
    LOCATIONS,
    ONSET_TOLERANCE_DAYS,
    ONSETS,
    PERSISTING_WEEKS,
    QUESTION_LABELS,
    RETIRED,
    SELF_CARE_MAX_DAYS,
    SET_FIELDS,
    SHORTLY_AFTER_DAYS,
    SYMPTOMS,
    TIER_ICONS,
    TIER_LABELS,
    TIER_VERDICT,
    TIERS,
    TIMINGS,
    TRENDS,
    VERDICT_ICONS,
    VERDICT_LABELS,
    VERDICTS,
    AgeBand,
    Answers,
    BodyRegion,
    Context,
    DangerSign,
    History,
    Hydration,
    Intensity,
    Location,
    Onset,
    Symptom,
    Timing,
    Trend,
    Urgency,
    Verdict,
    answers_from_presentation,
    label,
    scenario_answers,
    tier_rank,
)

__all__ = [
    "Timing", "Intensity", "Trend", "Location", "Symptom", "Hydration", "DangerSign", "Context", "History",
    "BodyRegion", "AgeBand", "Onset", "Urgency", "Verdict",
    "TIMINGS", "INTENSITIES", "TRENDS", "LOCATIONS", "SYMPTOMS", "HYDRATIONS", "DANGER_SIGNS", "CONTEXTS",
    "HISTORY", "BODY_REGIONS", "AGE_BANDS", "ONSETS", "TIERS", "VERDICTS", "DIRECTIONS", "CRITERIA",
    "ANSWER_FIELDS", "SET_FIELDS", "CHOICE_FIELDS", "LABELS", "QUESTION_LABELS", "RETIRED", "TIER_LABELS",
    "TIER_ICONS", "DESTINATIONS", "SAFETY_NET", "SELF_CARE_WORDS", "TIER_VERDICT", "VERDICT_LABELS",
    "VERDICT_ICONS", "CAUSE_LABELS", "DAYS_RANGE", "DURATION_WEEKS_RANGE", "PERSISTING_WEEKS",
    "SHORTLY_AFTER_DAYS", "ACUTE_PHASE_DAYS", "LATE_ONSET_DAYS", "SELF_CARE_MAX_DAYS", "ONSET_TOLERANCE_DAYS",
    "Floor", "FLOORS", "NO_ADVICE", "floor_table", "SELF_CARE_CONDITIONS",
    "Answers", "Reason", "RedFlag", "Assessment", "assess", "screen", "urgency_of", "tier_rank", "label",
    "answers_from_presentation", "scenario_answers", "all_answers", "verdict_counts", "urgency_counts",
    "EXAMPLES", "DISCLAIMER", "EMERGENCY_LINE",
]
