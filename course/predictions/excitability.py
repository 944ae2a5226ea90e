"""Predict → observe → explain items of notebook 03 (excitability); answered by the course's models."""

from __future__ import annotations

from course.predictions._base import Observation, Prediction

__all__ = ["ITEMS", "HIGH_K_MM"]


#: Serum K⁺ of the high-K⁺ item (mM): severe hyperkalaemia, where the model node is already harder to fire than at
#: 4 mM (rheobase 153 against 141 µA/cm²; inexcitable from 11 mM); at 7–9 mM it is still *easier* to fire than at
#: 4 mM, which is not the lesson.
HIGH_K_MM = 10.0


def _mv(x: float) -> str:
    return f"{x:.0f}".replace("-", "−")


def _high_k_axon() -> Observation:
    import math

    from course.electrolytes import Electrolytes
    from course.excitability import STIM_RANGE_UA_CM2, resting_potential_mv, rheobase_ua_cm2, spontaneous_rate_hz

    high = Electrolytes(k=HIGH_K_MM)
    rate = spontaneous_rate_hz(high)
    r4, rh = rheobase_ua_cm2(Electrolytes()), rheobase_ua_cm2(high)
    v4, vh = resting_potential_mv(Electrolytes()), resting_potential_mv(high)
    choice = 0 if rate > 0 else (1 if rh > r4 else 2)
    if math.isinf(rh):
        fire = (f"no steady current up to {STIM_RANGE_UA_CM2[1]:.0f} µA/cm² gives a spike, so it cannot be fired "
                f"at all (at 4 mM a step of {r4:.0f} µA/cm², the rheobase, is enough).")
    else:
        fire = f"the current needed to fire it (rheobase) goes from {r4:.0f} µA/cm² at 4 mM to {rh:.0f} µA/cm²."
    firing = f"fires {rate:.0f} spikes/s on its own" if rate > 0 else "does not fire on its own (0 spikes in 1 s)"
    return Observation(f"At {HIGH_K_MM:g} mM K⁺ the motor axon {firing} and rests at {_mv(vh)} mV instead of "
                       f"{_mv(v4)} mV; {fire}", choice=choice)


def _onset_ca(fibre: str) -> float:
    """Highest ionized Ca²⁺ (0.02-mM steps from 1.20 mM down) with spontaneous firing: exact 200-ms runs read
    from the course's table, the same runs notebook 03 prints in Step 3."""
    import numpy as np

    from course.excitability_table import rate_curve

    ca = np.round(np.arange(1.20, 0.49, -0.02), 2)
    firing = ca[rate_curve(ca, 0.85, 4.0, fibre) > 0]
    return float(firing.max()) if firing.size else float("nan")


def _sensory_first() -> Observation:
    motor, sensory = _onset_ca("motor"), _onset_ca("sensory")
    choice = 1 if sensory > motor else (0 if motor > sensory else 2)
    return Observation(f"Lowering ionized Ca²⁺ in steps of 0.02 mM, the sensory axon starts firing on its own at "
                       f"{sensory:.2f} mM and the motor axon at {motor:.2f} mM.", choice=choice)


#: The items of notebook 03, in order.
ITEMS: tuple[Prediction, ...] = (
    Prediction(
        "sensory_first", "03",
        "Ionized Ca²⁺ falls slowly from 1.2 mM. Which axon starts firing on its own first?",
        _sensory_first,
        "Sensory axons carry more persistent Na⁺ current than motor axons, so a smaller shift of Na⁺-channel "
        "gating tips them into firing: tingling of lips and fingertips comes before cramps of the hands.",
        choices=("The motor axon.", "The sensory axon.", "Both at the same Ca²⁺."),
    ),
    Prediction(
        "high_k_axon", "03",
        f"Serum K⁺ rises to {HIGH_K_MM:g} mM (severe hyperkalaemia, as in kidney failure). Does the model motor "
        "axon start firing on its own?",
        _high_k_axon,
        "Raised K⁺ depolarises the axon. A small rise brings it nearer threshold, but a large, lasting "
        "depolarisation inactivates the fast Na⁺ channels and opens slow K⁺ channels, so the axon becomes harder "
        "and then impossible to fire: high K⁺ causes weakness and paralysis, not tetany (Krishnan et al. 2005).",
        choices=("Yes: it fires repetitively.", "No, and it becomes harder to excite.",
                 "No, and nothing else changes."),
    ),
)
