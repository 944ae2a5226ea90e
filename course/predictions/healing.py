"""Predict → observe → explain items of notebook 04 (healing); answered by the course's models."""

from __future__ import annotations

from course.predictions._base import Observation, Prediction

__all__ = ["ITEMS"]


def _dehydration_off() -> Observation:
    import numpy as np

    from course.healing import approx, spasm_rate

    days = np.arange(0.0, 42.0)
    base = spasm_rate(days, "healing").sum()
    dry = spasm_rate(days, "healing", fluid_deficit_pct=3.0).sum()
    claim = spasm_rate(days, "healing", fluid_deficit_pct=3.0, dehydration_hypothesis=True).sum()
    choice = 0 if abs(dry - base) < 1e-9 * max(base, 1.0) else 1
    return Observation(f"Over 6 weeks the model expects about {approx(base, 2)} spasms; with a 3 % fluid deficit "
                       f"it is the same ({approx(dry, 2)}), unless the article's hypothesis is switched on "
                       f"(then about {approx(claim, 2)}).", choice=choice)


#: The items of notebook 04, in order.
ITEMS: tuple[Prediction, ...] = (
    Prediction(
        "dehydration_off", "04",
        "With the evidence-based default (no dehydration effect), what does a 3 % fluid deficit do to the "
        "modelled spasm count after a strain?",
        _dehydration_off,
        "Cramp-threshold studies found that 3 % dehydration alone did not make cramps easier to provoke "
        "(Miller et al. 2010), so the model's default leaves the rate unchanged; the article's claim is a "
        "switch you can turn on to compare.",
        choices=("Nothing: the count is the same.", "It raises the count.", "It lowers the count."),
    ),
)
