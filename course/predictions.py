"""Predict → observe → explain items, one or more per notebook (data + the model call that answers them).

Each :class:`Prediction` asks a question before an explorer's main lesson. Its ``observe`` function runs
the course's models when the student commits and returns an :class:`Observation`: the sentence shown,
with every number computed, and which option (or value) the model gives. Nothing here is typed in.
The widget is :func:`course.ui.predict.predict`; the answer keys in ``instructor/`` are generated
from the same entries.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from types import MappingProxyType

__all__ = ["Observation", "Prediction", "PREDICTIONS", "for_notebook"]


@dataclass(frozen=True)
class Observation:
    """What the model shows: ``text`` (with computed numbers), the right ``choice`` index or a ``value``."""

    text: str
    choice: int | None = None
    value: float | None = None


@dataclass(frozen=True)
class Prediction:
    """One predict → observe → explain item.

    ``choices`` for a multiple-choice prediction, or ``unit`` and ``bounds`` (lo, hi) for a number;
    ``observe`` computes the model's answer; ``explanation`` is shown after it.
    """

    key: str
    notebook: str
    prompt: str
    observe: Callable[[], Observation]
    explanation: str
    choices: tuple[str, ...] = ()
    unit: str = ""
    bounds: tuple[float, float] | None = None

    def __post_init__(self) -> None:
        if bool(self.choices) == (self.bounds is not None):
            raise ValueError(f"{self.key}: give either choices or (unit, bounds), not both or neither")


# -- notebook 00 -------------------------------------------------------------------------------------------
def _ek_up() -> Observation:
    from course.electrolytes import nernst
    from course.ui.welcome import K_IN_MM

    e4, e8 = nernst(1, 4.0, K_IN_MM), nernst(1, 8.0, K_IN_MM)
    return Observation(f"E_K goes from {e4:.1f} mV at 4 mM to {e8:.1f} mV at 8 mM: {e8 - e4:+.1f} mV, "
                       "less negative.", choice=1)


# -- notebook 01 -------------------------------------------------------------------------------------------
def _vrest_low_k() -> Observation:
    from course.electrolytes import Electrolytes, resting_potential

    v4, v25 = resting_potential(Electrolytes()), resting_potential(Electrolytes(k=2.5))
    return Observation(f"The model's resting potential is {v25:.1f} mV at 2.5 mM K⁺ (against {v4:.1f} mV at "
                       f"4 mM).", value=round(v25, 1))


# -- notebook 03 -------------------------------------------------------------------------------------------
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


# -- notebook 04 -------------------------------------------------------------------------------------------
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


# -- notebook 06 -------------------------------------------------------------------------------------------
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

#: Every item, by key. Read-only.
PREDICTIONS = MappingProxyType({p.key: p for p in (
    Prediction(
        "ek_high_k", "00",
        "Extracellular K⁺ doubles from 4 to 8 mM (inside stays at 150 mM). What happens to E_K?",
        _ek_up,
        "E_K depends on the ratio outside/inside. Doubling K⁺ outside makes the ratio less extreme, so the "
        "voltage needed to balance K⁺ diffusion is smaller: E_K moves toward zero by RT/F·ln 2 ≈ 18.5 mV.",
        choices=("It becomes more negative.", "It becomes less negative.", "It does not change."),
    ),
    Prediction(
        "vrest_low_k", "01",
        "Serum K⁺ falls to 2.5 mM (hypokalaemia). Predict the resting potential of skeletal muscle, in mV.",
        _vrest_low_k,
        "Less K⁺ outside makes E_K more negative, and with Cl⁻ in steady state the membrane follows it most of "
        "the way: the fibre hyperpolarises and is harder to excite, which is why low K⁺ causes weakness.",
        unit="mV", bounds=(-150.0, 0.0),
    ),
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
    Prediction(
        "post_op_calf", "06",
        "Five days after knee surgery, the calf aches and is swollen and warm; the pain is moderate. Which "
        "urgency does the self-check give?",
        _post_op_calf,
        "Swelling or warmth in the leg after surgery is a possible deep-vein thrombosis: guidelines ask for "
        "a scan within hours, so the floor is 'a doctor today' however mild the pain.",
        choices=_TIER_CHOICES,
    ),
)})


def for_notebook(notebook: str) -> list[Prediction]:
    """The items of one notebook (``"00"`` … ``"06"``), in order."""
    return [p for p in PREDICTIONS.values() if p.notebook == notebook]
