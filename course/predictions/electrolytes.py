"""Predict → observe → explain items of notebook 01 (electrolytes); answered by the course's models."""

from __future__ import annotations

from course.predictions._base import Observation, Prediction

__all__ = ["ITEMS"]


def _vrest_low_k() -> Observation:
    from course.electrolytes import Electrolytes, resting_potential

    v4, v25 = resting_potential(Electrolytes()), resting_potential(Electrolytes(k=2.5))
    return Observation(f"The model's resting potential is {v25:.1f} mV at 2.5 mM K⁺ (against {v4:.1f} mV at "
                       f"4 mM).", value=round(v25, 1))


#: The items of notebook 01, in order.
ITEMS: tuple[Prediction, ...] = (
    Prediction(
        "vrest_low_k", "01",
        "Serum K⁺ falls to 2.5 mM (hypokalaemia). Predict the resting potential of skeletal muscle, in mV.",
        _vrest_low_k,
        "Less K⁺ outside makes E_K more negative, and with Cl⁻ in steady state the membrane follows it most of "
        "the way: the fibre hyperpolarises and is harder to excite, which is why low K⁺ causes weakness.",
        unit="mV", bounds=(-150.0, 0.0),
    ),
)
