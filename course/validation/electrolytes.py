"""Published benchmarks of the resting-membrane model (:mod:`course.electrolytes`, notebook 01).

Sources are given with species and temperature; "[recalled]" marks a number taken from the literature
as remembered by the course's physiology review (``reviews/physiology-v3.md``), not re-read for this table.
"""

from __future__ import annotations

import math

import numpy as np

from course import electrolytes as el
from course.validation._base import Benchmark

__all__ = ["BENCHMARKS", "chloride_conductance_share"]

_NB = "01_membrane_and_electrolytes.ipynb"
_E = el.Electrolytes()


def _v(**changes: float) -> float:
    return el.resting_potential(_E.replace(**changes) if changes else _E)


def _ghk_current(p: float, z: int, c_in: float, c_out: float, v_mv: float, rtf_mv: float) -> float:
    """GHK current density of one ion (arbitrary units proportional to µA/cm²), outward positive."""
    u = z * v_mv / rtf_mv
    if abs(u) < 1e-9:
        return p * z * (c_in - c_out)
    return p * z * u * (c_in - c_out * math.exp(-u)) / (1.0 - math.exp(-u))


def chloride_conductance_share(temp_c: float = 37.0) -> float:
    """Cl⁻ share (0…1) of the resting slope conductance at the model's resting potential (settled Cl⁻).

    Slope conductance of each GHK current at V_rest with every concentration held (a small voltage
    step, as a two-electrode measurement would apply); cytosolic Cl⁻ at its settled value.
    """
    v = _v()
    rtf = el.rt_over_f(temp_c)
    cl_in = el.steady_state_chloride_in(_E, temp_c)
    ions = (
        (el.PERMEABILITY["K"], 1, el.INTRACELLULAR_MM["K"], _E.k),
        (el.PERMEABILITY["Na"], 1, el.INTRACELLULAR_MM["Na"], _E.na),
        (el.PERMEABILITY["Cl"], -1, cl_in, _E.cl),
    )
    dv = 0.01
    g = [(_ghk_current(p, z, ci, co, v + dv, rtf) - _ghk_current(p, z, ci, co, v - dv, rtf)) / (2 * dv)
         for p, z, ci, co in ions]
    return g[2] / sum(g)


def _slope_fraction_of_nernst() -> float:
    slope = (_v(k=20.0) - _v(k=10.0)) / math.log10(2.0)
    return slope / (el.rt_over_f(37.0) * math.log(10.0))


def _acute_asymmetry() -> float:
    base = el.resting_potential(_E, chloride="acute")
    up = el.resting_potential(_E.replace(k=8.0), chloride="acute") - base
    down = base - el.resting_potential(_E.replace(k=2.0), chloride="acute")
    return up / down


def _clc1_loss_shift() -> float:
    perm = dict(el.PERMEABILITY)
    perm["Cl"] *= 0.1
    return abs(el.resting_potential(_E, permeability=perm) - _v())


def _ca_effect() -> float:
    return float(np.ptp([_v(ca=c) for c in (0.5, 1.2, 2.0)]))


BENCHMARKS: tuple[Benchmark, ...] = (
    Benchmark(
        id="E1", model="electrolytes", kind="calibrated",
        claim="RT/F at 37 °C (the Nernst slope per e-fold)",
        source="CODATA 2018 constants (exact in the 2019 SI)",
        low=26.70, high=26.76, unit="mV", compute=lambda: el.rt_over_f(37.0),
    ),
    Benchmark(
        id="E1b", model="electrolytes", kind="calibrated",
        claim="E_K with K⁺ 4 mM outside and 150 mM inside, 37 °C",
        source="Nernst equation (textbook); the intracellular K⁺ is an input",
        low=-97.0, high=-95.0, unit="mV", compute=lambda: el.equilibrium_potentials(_E)["K"],
    ),
    Benchmark(
        id="E2", model="electrolytes",
        claim="Resting potential of a fibre at K⁺ 4 mM",
        source="Jurkat-Rott et al. 2009 PNAS 106:4036 (human/rat fibres in vitro, 37 °C: ≈ −85 mV); "
               "in vivo human ≈ −88 mV [recalled]",
        low=-92.0, high=-83.0, unit="mV", compute=_v,
    ),
    Benchmark(
        id="E3", model="electrolytes",
        claim="Slope of V_rest against log K⁺ between 10 and 20 mM, as a fraction of the Nernst slope",
        source="Hodgkin & Horowicz 1959 J Physiol 148:127 (frog twitch fibres, ≈ 20 °C): near-Nernstian at "
               "high K⁺ [recalled]",
        low=0.85, high=1.0, unit="", compute=_slope_fraction_of_nernst,
    ),
    Benchmark(
        id="E4", model="electrolytes",
        claim="At low K⁺ (2.5 mM) V_rest stays less negative than E_K (sub-Nernstian)",
        source="Hodgkin & Horowicz 1959 (frog, ≈ 20 °C) [recalled]",
        low=5.0, high=math.inf, unit="mV",
        compute=lambda: _v(k=2.5) - el.equilibrium_potentials(_E.replace(k=2.5))["K"],
    ),
    Benchmark(
        id="E5", model="electrolytes",
        claim="Settled cytosolic Cl⁻ (passively distributed)",
        source="Aickin, Betz & Harris 1989 J Physiol 411:437 (rat lumbrical, 37 °C); McCaig & Leader 1984 "
               "(rat EDL)",
        low=3.0, high=6.0, unit="mM", compute=lambda: el.steady_state_chloride_in(_E),
    ),
    Benchmark(
        id="E6", model="electrolytes",
        claim="Cl⁻ share of the resting membrane conductance of a mammalian fibre",
        source="Bretag 1987 Physiol Rev 67:618 (mammalian fibres, 37 °C) [recalled]; course reference sheet",
        low=0.70, high=0.80, unit="", compute=chloride_conductance_share,
        limitation="the permeability ratio is the frog's, so Cl⁻ carries a smaller share of the resting "
                   "conductance than in mammalian fibres",
        notebook=_NB,
    ),
    Benchmark(
        id="E7", model="electrolytes",
        claim="Paradoxical depolarisation at very low K⁺ (1 mM): the fibre jumps to an inexcitable ≈ −60 mV",
        source="Jurkat-Rott et al. 2009 PNAS 106:4036 (human/rat fibres, 37 °C)",
        low=-70.0, high=-50.0, unit="mV", compute=lambda: _v(k=1.0),
        limitation="Fixed permeabilities cannot produce it",
        notebook=_NB,
    ),
    Benchmark(
        id="E8", model="electrolytes",
        claim="With Cl⁻ present, a sudden K⁺ rise (4 → 8 mM) moves V_rest much more than an equal-ratio fall "
              "(4 → 2 mM): ratio of the two acute changes",
        source="Hodgkin & Horowicz 1959 (frog, ≈ 20 °C): inward rectification of the K⁺ conductance "
               "[recalled]",
        low=3.0, high=math.inf, unit="", compute=_acute_asymmetry,
        limitation="a constant K⁺ permeability responds almost symmetrically to a sudden K⁺ rise or fall",
        notebook=_NB,
    ),
    Benchmark(
        id="E9", model="electrolytes",
        claim="Hyponatraemia (Na⁺ 125 mM) barely moves V_rest (change in mV, absolute)",
        source="P_Na/P_K ≈ 0.01 at rest (Hodgkin & Horowicz 1959, frog)",
        low=0.0, high=2.0, unit="mV", compute=lambda: abs(_v(na=125.0) - _v()),
    ),
    Benchmark(
        id="E10", model="electrolytes",
        claim="Loss of most ClC-1 conductance (P_Cl to 10 %) leaves the resting potential near normal "
              "(change in mV, absolute)",
        source="Lipicky & Bryant 1971-type recordings from myotonic fibres; Lossin & George 2008 review "
               "[recalled]",
        low=0.0, high=5.0, unit="mV", compute=_clc1_loss_shift,
    ),
    Benchmark(
        id="E11", model="electrolytes",
        claim="Hyperkalaemia: depolarisation when K⁺ rises from 4 to 10 mM (settled Cl⁻)",
        source="Rat and mouse fibres at 20–37 °C, e.g. Cairns et al. 1997 J Appl Physiol 83:1 "
               "(V_rest ≈ −70 mV at K⁺ 10 mM) [recalled]",
        low=10.0, high=25.0, unit="mV", compute=lambda: _v(k=10.0) - _v(),
    ),
    Benchmark(
        id="E12", model="electrolytes",
        claim="Hypokalaemia (K⁺ 2.5 mM) hyperpolarises a normal fibre (change from K⁺ 4 mM)",
        source="Jurkat-Rott et al. 2009 (normal human/rat fibres hyperpolarise at low K⁺ until the "
               "paradoxical jump)",
        low=-15.0, high=-2.0, unit="mV", compute=lambda: _v(k=2.5) - _v(),
    ),
    Benchmark(
        id="E13", model="electrolytes",
        claim="Ionized Ca²⁺ over 0.5–2 mM leaves the resting potential nearly unchanged (range of V_rest)",
        source="Frankenhaeuser & Hodgkin 1957 J Physiol 137:218 (Ca²⁺ acts on gating, not on the resting "
               "potential; squid, ≈ 6 °C)",
        low=0.0, high=2.0, unit="mV", compute=_ca_effect,
    ),
)
