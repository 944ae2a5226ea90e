"""The self-check's advice texts (version 3): destinations, next steps and the safety net.

Text rules (COURSE_SPEC V3.2 and version 2):

* the destination sentence of the tier is the first next step and the first line of the summary;
* each triggered floor adds its own row's advice (:mod:`course.selfcheck.floors`), written as what to
  tell the clinician or do; at urgent_today or above **no self-care or exercise step** is given
  (stretch, build training up, keep moving, heat, cold, massage: :data:`SELF_CARE_WORDS`), only the
  destination, what to tell the clinician, and the safety net;
* no "stretch" step for chest, belly or back pain unless the tier is self_care or routine after an
  injury there; neck-immobilisation text only with a head or neck injury (it lives in those rows only);
* "keep fading" only with a lessening trend; no drink-more advice after drinking lots of plain water;
  routine always carries a time frame.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from types import MappingProxyType

from course.healing import ACUTE_PHASE_DAYS
from course.selfcheck.floors import CALL, Floor
from course.selfcheck.vocabulary import SELF_CARE_MAX_DAYS, Answers, tier_rank

__all__ = ["DESTINATIONS", "SAFETY_NET", "SELF_CARE_WORDS", "next_steps", "safety_net"]

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

#: Self-care and exercise steps, never given at urgent_today or above (a regular expression, lower case).
SELF_CARE_WORDS = re.compile(
    r"stretch|build (training|activity)|keep (the muscle )?moving|cold pack|ice pack|\bicing\b|massage|"
    r"gentle warmth|heat pack|\bheat\b(?! exhaustion| illness)|\bwarm (bath|pack)"
)

_URGENT = tier_rank("urgent_today")
_EXERTION = frozenset({"during_exertion", "after_exertion"})
_TRUNK = frozenset({"chest_or_abdomen", "back"})


def _care_steps(a: Answers, urgency: str) -> list[str]:
    """Self-care steps, for see_soon, routine and self_care only."""
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
    trunk_ok = a.body_region not in _TRUNK or (a.recent_injury and urgency in ("routine", "self_care"))
    if trunk_ok and (not a.recent_injury or a.timing in _EXERTION or a.timing == "night"):
        steps.append("During a cramp, stretch the muscle gently and hold the stretch (for the calf: pull the "
                     "toes towards you); stretching is the best-supported way to ease a cramp.")
    if a.timing in _EXERTION and a.body_region not in _TRUNK:
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


def next_steps(a: Answers, urgency: str, floors: tuple[Floor, ...]) -> tuple[str, ...]:
    """Next steps: the destination first, then each triggered floor's own advice, then (below urgent) self-care."""
    steps = [DESTINATIONS[urgency]]
    urgent = tier_rank(urgency) >= _URGENT
    for f in floors:
        if f.has_advice and f.advice not in steps and not (urgent and SELF_CARE_WORDS.search(f.advice.lower())):
            steps.append(f.advice)
    if not urgent:
        steps += _care_steps(a, urgency)
    return tuple(steps)


_SAME_DAY_SIGNS = (
    "Get a doctor the same day if one leg or arm becomes swollen, or a calf tender, warm or red; you get tingling "
    "around the mouth or fingertips; a cramp lasts over 10 minutes; new weakness appears; pain or tingling "
    "goes down both legs; or you have a fever and feel very unwell."
)

_EMERGENCY_WATCH = (
    "At any time: if an emergency sign from the first questions appears (chest pain; arm, jaw, neck or back pain "
    "with sweating, sickness or breathlessness; trouble breathing or swallowing; a locked jaw; confusion, "
    "fainting or a fit; a drooping face, one-sided weakness, or a change in speech or vision; sudden severe or "
    "tearing pain; numbness between the legs or a bladder or bowel change; both legs weak or numb; dark or very "
    "little urine; a tense limb with pain far worse than expected; a cold, pale or numb limb; not being able to "
    "stand or move a limb; a fever with a stiff neck, bad headache or rash; hands or feet cramping into a claw), "
    f"{CALL} at once."
)

_PREGNANCY_WATCH = (
    "In pregnancy or after giving birth: if the face, hands or feet swell suddenly, or you get a severe "
    "headache, vision problems (blurring, flashing lights) or pain below the ribs, get help the same day "
    "(your maternity unit, GP or NHS 111): these can be signs of pre-eclampsia."
)

#: The safety net per tier (the pregnancy line is added when pregnancy is ticked).
SAFETY_NET: Mapping[str, tuple[str, ...]] = MappingProxyType({
    "emergency_now": (
        f"While you wait for help: if breathing, alertness or pain get worse, {CALL} again.",
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


def safety_net(a: Answers, urgency: str) -> tuple[str, ...]:
    """What to watch for, and by when, for the tier (with the pre-eclampsia signs in pregnancy)."""
    net = SAFETY_NET[urgency]
    if "pregnant_or_recently_gave_birth" in a.context and urgency != "emergency_now":
        net = (*net, _PREGNANCY_WATCH)
    return net
