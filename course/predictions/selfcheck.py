"""Predict → observe → explain items of notebook 07 (selfcheck); answered by the course's models."""

from __future__ import annotations

from course.predictions._base import Observation, Prediction

__all__ = ["ITEMS"]


def _post_op_calf() -> Observation:
    from course.selfcheck import EXAMPLES, TIERS, assess

    r = assess(EXAMPLES["calf_after_surgery"][1])
    return Observation(f"The self-check gives {r.urgency}: {r.destination}", choice=TIERS.index(r.urgency))


_TIER_CHOICES = (
    "Emergency now (999/112/911)",
    "A doctor today",
    "A GP or physiotherapist within a week",
    "No appointment: watch for 2 weeks",
    "Self-care",
)


#: The items of notebook 07, in order.
ITEMS: tuple[Prediction, ...] = (
    Prediction(
        "post_op_calf", "07",
        "Five days after knee surgery, the calf aches and is swollen and warm; the pain is moderate. Which "
        "urgency does the self-check give?",
        _post_op_calf,
        "Swelling or warmth in the leg after surgery is a possible deep-vein thrombosis: guidelines ask for "
        "a scan within hours, so the floor is 'a doctor today' however mild the pain.",
        choices=_TIER_CHOICES,
    ),
)
