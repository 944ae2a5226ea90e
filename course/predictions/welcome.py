"""Predict → observe → explain items of notebook 00 (welcome); answered by the course's models."""

from __future__ import annotations

from course.predictions._base import Observation, Prediction

__all__ = ["ITEMS"]


def _ek_up() -> Observation:
    from course.electrolytes import nernst
    from course.ui.welcome import K_IN_MM

    e4, e8 = nernst(1, 4.0, K_IN_MM), nernst(1, 8.0, K_IN_MM)
    return Observation(f"E_K goes from {e4:.1f} mV at 4 mM to {e8:.1f} mV at 8 mM: {e8 - e4:+.1f} mV, "
                       "less negative.", choice=1)


#: The items of notebook 00, in order.
ITEMS: tuple[Prediction, ...] = (
    Prediction(
        "ek_high_k", "00",
        "Extracellular K⁺ doubles from 4 to 8 mM (inside stays at 150 mM). What happens to E_K?",
        _ek_up,
        "E_K depends on the ratio outside/inside. Doubling K⁺ outside makes the ratio less extreme, so the "
        "voltage needed to balance K⁺ diffusion is smaller: E_K moves toward zero by RT/F·ln 2 ≈ 18.5 mV.",
        choices=("It becomes more negative.", "It becomes less negative.", "It does not change."),
    ),
)
