"""Predict → observe → explain items of notebook 03 (excitability); answered by the course's models."""

from __future__ import annotations

from course.predictions._base import Observation, Prediction

__all__ = ["ITEMS"]


def _high_k_axon() -> Observation:
    from course.electrolytes import Electrolytes
    from course.excitability import rheobase_ua_cm2, spontaneous_rate_hz

    rate = spontaneous_rate_hz(Electrolytes(k=8.0))
    r4, r8 = rheobase_ua_cm2(Electrolytes()), rheobase_ua_cm2(Electrolytes(k=8.0))
    choice = 0 if rate > 0 else (1 if r8 > r4 else 2)
    return Observation(f"At 8 mM K⁺ the motor axon fires {rate:.0f} spikes/s on its own; the current needed "
                       f"to fire it (rheobase) goes from {r4:.2f} to {r8:.2f} µA/cm².", choice=choice)


def _onset_ca(fibre: str) -> float:
    import numpy as np

    from course.electrolytes import Electrolytes
    from course.excitability import spontaneous_rate_hz

    for ca in np.round(np.arange(1.20, 0.49, -0.02), 2):
        if spontaneous_rate_hz(Electrolytes(ca=float(ca)), fibre=fibre) > 0:
            return float(ca)
    return float("nan")


def _sensory_first() -> Observation:
    motor, sensory = _onset_ca("motor"), _onset_ca("sensory")
    choice = 1 if sensory > motor else (0 if motor > sensory else 2)
    return Observation(f"Lowering ionized Ca²⁺ in steps of 0.02 mM, the sensory axon starts firing on its own at "
                       f"{sensory:.2f} mM and the motor axon at {motor:.2f} mM.", choice=choice)


#: The items of notebook 03, in order.
ITEMS: tuple[Prediction, ...] = (
    Prediction(
        "high_k_axon", "03",
        "Serum K⁺ rises to 8 mM. Does the model motor axon start firing on its own?",
        _high_k_axon,
        "Raised K⁺ depolarises the axon, but a steady depolarisation inactivates Na⁺ channels and opens slow "
        "K⁺ channels, so the axon becomes harder to fire: high K⁺ causes weakness and paralysis, not tetany.",
        choices=("Yes: it fires repetitively.", "No, and it becomes harder to excite.",
                 "No, and nothing else changes."),
    ),
    Prediction(
        "sensory_first", "03",
        "Ionized Ca²⁺ falls slowly from 1.2 mM. Which axon starts firing on its own first?",
        _sensory_first,
        "Sensory axons carry more persistent Na⁺ current than motor axons, so a smaller shift of Na⁺-channel "
        "gating tips them into firing: tingling of lips and fingertips comes before cramps of the hands.",
        choices=("The motor axon.", "The sensory axon.", "Both at the same Ca²⁺."),
    ),
)
