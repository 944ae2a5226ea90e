"""Predict → observe → explain items of notebook 06 (treatment); answered by the course's models."""

from __future__ import annotations

from course.predictions._base import Observation, Prediction

__all__ = ["ITEMS"]


def _heat_day2() -> Observation:
    import numpy as np

    from course.healing import approx, spasm_rate, spasms_avoided

    t = np.linspace(0.0, 42.0, 4201)
    without = spasm_rate(t, "healing")
    heat = spasm_rate(t, "healing", treatments=("heat",), heat_start_day=2.0)
    i = int(np.searchsorted(t, 2.0))
    ratio = float(heat[i] / without[i])
    choice = 0 if ratio > 1.0 + 1e-6 else (1 if ratio < 1.0 - 1e-6 else 2)
    below = t[(t > 2.0) & (heat < without)]
    back = f"until about day {below[0]:.0f}" if below.size else "for the whole six weeks"
    avoided = spasms_avoided("healing", ("heat",), heat_start_day=2.0)
    return Observation(f"On day 2 the rate with heat is about {approx(100 * (ratio - 1.0))} % above no treatment "
                       f"and stays above it {back}; over six weeks heat from day 2 still avoids about "
                       f"{approx(avoided)} spasm{'' if approx(avoided) == '1' else 's'} in the model.", choice=choice)


#: Choices of the low-Ca²⁺ item → the model's treatments.
_LOW_CA_OPTIONS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("Rest and a break from training.", "rest", ("rest",)),
    ("Plenty of fluids or a sports drink.", "fluids", ("hydration",)),
    ("Cold early, heat later.", "cold and heat", ("cold", "heat")),
    ("A blood test, then prescribed Ca²⁺ or Mg²⁺.", "medical correction", ("professional",)),
)


def _low_ca_treatment() -> Observation:
    from course.healing import approx, expected_daily, spasms_avoided

    total = expected_daily("electrolyte_imbalance", 42).sum()
    avoided = [spasms_avoided("electrolyte_imbalance", tr, heat_start_day=2.0) for _, _, tr in _LOW_CA_OPTIONS]
    best = max(range(len(avoided)), key=avoided.__getitem__)
    parts = ", ".join(f"{label} {approx(a, 2) if a > 0.05 else '0'}"
                      for (_, label, _), a in zip(_LOW_CA_OPTIONS, avoided, strict=True))
    return Observation(f"Low Ca²⁺/Mg²⁺ gives about {approx(total, 2)} spasms in six weeks; spasms avoided: "
                       f"{parts}.", choice=best)


def _overuse_late_rest() -> Observation:
    from course.healing import approx, spasms_avoided

    early, mid, late = (spasms_avoided("overuse", ("rest",), start_day=d) for d in (0.0, 7.0, 14.0))
    share = 100.0 * late / early
    return Observation(f"Rest from day 0 avoids about {approx(early, 2)} spasms in six weeks, from day 7 about "
                       f"{approx(mid)}, from day 14 about {approx(late)}: {share:.0f} % of the early benefit.",
                       value=share)


#: The items of notebook 06, in order.
ITEMS: tuple[Prediction, ...] = (
    Prediction(
        "heat_day2", "06",
        "Heat starts on day 2, just as the 48-hour rule allows. Right after it starts, is the modelled spasm "
        "rate higher, lower or the same as with no treatment at all?",
        _heat_day2,
        "Inflammation does not stop at 48 hours; that line is a round number. In the model heat adds to the "
        "inflammation term while it lasts and relaxes the later guarding, so for a couple of days the first "
        "effect wins and the rate rises before it falls below the untreated curve.",
        choices=("Higher.", "Lower.", "The same at first."),
    ),
    Prediction(
        "low_ca_treatment", "06",
        "Spasms from low ionized Ca²⁺ and Mg²⁺: which single measure brings the rate back toward the "
        "background in the model?",
        _low_ca_treatment,
        "The extra spasms come from Na⁺ channels that open too easily because too little Ca²⁺ and Mg²⁺ sit on "
        "the membrane (notebook 03). Only raising those ions removes the cause; rest, heat, cold and drinks "
        "leave the membrane as excitable as before, and a drink does not replace missing parathyroid hormone.",
        choices=tuple(name for name, _, _ in _LOW_CA_OPTIONS),
    ),
    Prediction(
        "overuse_late_rest", "06",
        "Overuse without rest days: compared with rest from day 0, what percentage of the spasms avoided does "
        "rest still avoid if it only starts on day 14?",
        _overuse_late_rest,
        "Fatigue from training builds up over weeks and, once rest starts, drains away just as slowly (the "
        "model's time constant is 15 days). Late rest still helps, but it starts from a higher fatigue level "
        "and has fewer days left in the six weeks to act.",
        unit="%", bounds=(0.0, 100.0),
    ),
)
