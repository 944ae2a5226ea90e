"""Electrolytes and the resting membrane potential of skeletal muscle (Nernst, GHK).

Units: concentrations in mM (mmol/L), potentials in mV, temperature in °C.

The model
---------
* :func:`nernst` gives the equilibrium potential of one ion, for any valence and temperature.
* :func:`resting_potential` gives the resting potential of a skeletal-muscle fibre from the
  Goldman–Hodgkin–Katz (GHK) voltage equation for K⁺, Na⁺ and Cl⁻ with resting permeability
  ratios P_K : P_Na : P_Cl = 1 : 0.01 : 2 (Hodgkin & Horowicz 1959, frog twitch fibres; in mammalian
  fibres Cl⁻ likewise carries most of the resting conductance).

How chloride is treated (the one modelling choice that matters)
---------------------------------------------------------------
Skeletal muscle has no strong Cl⁻ pump: cytosolic Cl⁻ distributes passively, so over minutes
it moves until E_Cl equals the membrane potential. In that *steady state* the Cl⁻ terms cancel
out of the GHK equation exactly and the resting potential is set by K⁺ and Na⁺ alone
(``chloride="steady"``, the default). Clinical electrolyte disorders develop over hours to days,
so the steady state is the right default for this course; in it V_rest follows serum K⁺ closely
(about 47 mV per tenfold change near normal values). That slope is a property of the equation, not
a fit to patient data: in chronic hypokalaemia cytosolic K⁺ falls too, which this model leaves out.

In the first seconds after a sudden change of the bathing solution, cytosolic Cl⁻ has not yet
moved. With the large Cl⁻ permeability, chloride then holds the membrane near its old potential
and a K⁺ step moves V_rest only a few mV (the idea of Hodgkin & Horowicz 1959). ``chloride="acute"``
computes that case with cytosolic Cl⁻ held at its given value (default 4 mM). The numbers are GHK
calculations with constant permeabilities, not reproductions of measurements: real fibres respond
asymmetrically (raising K⁺ depolarises within seconds, lowering it repolarises slowly) because their
K⁺ conductance rectifies inwards, which a constant P_K cannot show.

Sources (full citations in ``REFERENCES.md`` (Notebook 01)): Hodgkin & Horowicz 1959, J Physiol
148:127 (permeability ratios, Cl⁻ steady state vs acute); Goldman 1943, J Gen Physiol 27:37 and
Hodgkin & Katz 1949, J Physiol 108:37 (GHK equation); Sejersted & Sjøgaard 2000, Physiol Rev 80:1411
(cytosolic K⁺); Jurkat-Rott et al. 2009, PNAS 106:4036 (V_rest ≈ −85 mV at 4 mM K⁺).
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

import numpy as np

from course._checks import check_array, check_choice, check_number

__all__ = [
    "FARADAY",
    "GAS_CONSTANT",
    "rt_over_f",
    "nernst",
    "Electrolytes",
    "FIELDS",
    "FIELD_UNITS",
    "FIELD_LABELS",
    "PHYSICAL_RANGES",
    "NORMAL_RANGES",
    "INTRACELLULAR_MM",
    "PERMEABILITY",
    "CHLORIDE_MODES",
    "TEMP_RANGE_C",
    "equilibrium_potentials",
    "resting_potential",
    "resting_potential_curve",
    "steady_state_chloride_in",
    "classify",
    "PRESETS",
    "PRESET_LABELS",
    "PRESET_NOTES",
]

FARADAY = 96485.33212  # C/mol (CODATA 2018, exact in the 2019 SI)
GAS_CONSTANT = 8.314462618  # J/(mol·K) (CODATA 2018, exact in the 2019 SI)

#: Temperatures accepted by every function of this module (°C).
TEMP_RANGE_C: tuple[float, float] = (0.0, 45.0)


def rt_over_f(temp_c: float = 37.0) -> float:
    """RT/F in mV at ``temp_c`` °C (26.73 mV at 37 °C; allowed 0–45 °C)."""
    t = check_number("temp_c", temp_c, *TEMP_RANGE_C, "°C")
    return GAS_CONSTANT * (t + 273.15) / FARADAY * 1000.0


def nernst(z: int, c_out: float, c_in: float, temp_c: float = 37.0) -> float:
    """Nernst equilibrium potential in mV: (RT/zF)·ln(c_out/c_in).

    Parameters
    ----------
    z
        Valence of the ion (non-zero integer in [-3, 3]): +1 for K⁺/Na⁺, +2 for Ca²⁺, −1 for Cl⁻.
    c_out, c_in
        Extracellular and intracellular concentration (mM, > 0 and ≤ 1000).
    temp_c
        Temperature (°C, 0–45).

    Returns
    -------
    float
        The membrane potential (inside relative to outside, mV) at which the ion has no net flux.
    """
    if isinstance(z, bool) or not isinstance(z, int) or z == 0 or abs(z) > 3:
        raise ValueError(f"z={z!r} is not valid; allowed: a non-zero integer valence in [-3, 3]")
    co = check_number("c_out", c_out, 0.0, 1000.0, "mM", lo_inclusive=False)
    ci = check_number("c_in", c_in, 0.0, 1000.0, "mM", lo_inclusive=False)
    return rt_over_f(temp_c) / z * (math.log(co) - math.log(ci))


# ---------------------------------------------------------------------------------------------
# Extracellular composition
# ---------------------------------------------------------------------------------------------

#: Field names of :class:`Electrolytes`, in display order.
FIELDS: tuple[str, ...] = ("k", "na", "cl", "ca", "mg")

#: Unit of every field.
FIELD_UNITS: Mapping[str, str] = MappingProxyType({f: "mM" for f in FIELDS})

#: Human-readable name of every field.
FIELD_LABELS: Mapping[str, str] = MappingProxyType({
    "k": "K⁺",
    "na": "Na⁺",
    "cl": "Cl⁻",
    "ca": "Ca²⁺ (ionized)",
    "mg": "Mg²⁺",
})

#: Wide physical range (mM, inclusive) that :class:`Electrolytes` accepts. Both ends lie far beyond any
#: value compatible with life, so every clinical extreme (and any sweep a notebook may want) fits; zero,
#: negative and vanishingly small values are rejected with ``ValueError``.
PHYSICAL_RANGES: Mapping[str, tuple[float, float]] = MappingProxyType({
    "k": (0.1, 20.0),
    "na": (10.0, 250.0),
    "cl": (10.0, 250.0),
    "ca": (0.01, 5.0),
    "mg": (0.01, 10.0),
})

#: Normal adult serum ranges (mM), inclusive; ``ca`` ionized, ``mg`` total serum. Reference intervals
#: differ a little between laboratories; these are the course values (COURSE_SPEC / PHYSIOLOGY_REFERENCE).
NORMAL_RANGES: Mapping[str, tuple[float, float]] = MappingProxyType({
    "k": (3.5, 5.0),
    "na": (135.0, 145.0),
    "cl": (98.0, 106.0),
    "ca": (1.1, 1.3),
    "mg": (0.7, 1.0),
})


@dataclass(frozen=True)
class Electrolytes:
    """Extracellular (serum / interstitial) ion concentrations in mM.

    Parameters
    ----------
    k, na, cl
        K⁺, Na⁺ and Cl⁻ (mM). Defaults are mid-normal serum values.
    ca
        Ionized (free) Ca²⁺ (mM), not total calcium (total ≈ 2.2–2.6 mM).
    mg
        Total serum Mg²⁺ (mM); about 55 % of it is ionized.

    Every field is validated: a non-number raises ``TypeError``; NaN, ±inf, a value ≤ 0 or outside the
    wide physical range in :data:`PHYSICAL_RANGES` raises ``ValueError`` naming the field, the value
    and the allowed range. Use :meth:`replace` (or :func:`dataclasses.replace`, which validates too)
    to change fields.
    """

    k: float = 4.0
    na: float = 140.0
    cl: float = 102.0
    ca: float = 1.2
    mg: float = 0.85

    def __post_init__(self) -> None:
        for name in FIELDS:
            lo, hi = PHYSICAL_RANGES[name]
            value = check_number(name, getattr(self, name), lo, hi, FIELD_UNITS[name])
            object.__setattr__(self, name, value)

    def replace(self, **changes: float) -> Electrolytes:
        """A copy with some fields changed (validated), e.g. ``ecf.replace(k=2.5)``."""
        unknown = sorted(set(changes) - set(FIELDS))
        if unknown:
            raise ValueError(f"unknown field(s) {unknown}; valid fields: {', '.join(FIELDS)}")
        return dataclasses.replace(self, **changes)

    def as_dict(self) -> dict[str, float]:
        """The concentrations as ``{"k": …, "na": …, "cl": …, "ca": …, "mg": …}`` (mM)."""
        return {name: getattr(self, name) for name in FIELDS}


def _check_ecf(ecf: object) -> Electrolytes:
    if not isinstance(ecf, Electrolytes):
        raise TypeError(f"ecf must be an Electrolytes instance, got {ecf!r} of type {type(ecf).__name__}")
    return ecf


# ---------------------------------------------------------------------------------------------
# Intracellular composition and permeabilities
# ---------------------------------------------------------------------------------------------

#: Skeletal-muscle cytosol (mM): K⁺ 150 (Sejersted & Sjøgaard 2000: 140–160), Na⁺ 12 (10–12), Cl⁻ 4
#: (4–6, passively distributed; at 4 mM Cl⁻ is close to equilibrium, E_Cl ≈ −87 mV vs V_rest ≈ −89 mV), free
#: Ca²⁺ 1e-4 mM = 100 nM (resting 50–100 nM). Override per call with ``intracellular={...}``.
INTRACELLULAR_MM: Mapping[str, float] = MappingProxyType({"K": 150.0, "Na": 12.0, "Cl": 4.0, "Ca": 1e-4})

_INTRACELLULAR_RANGES: dict[str, tuple[float, float]] = {
    "K": (0.0, 400.0),
    "Na": (0.0, 200.0),
    "Cl": (0.0, 200.0),
    "Ca": (0.0, 10.0),
}

#: Resting permeability ratios of skeletal muscle relative to P_K (Hodgkin & Horowicz 1959, frog
#: twitch fibres: P_K : P_Na : P_Cl ≈ 1 : 0.01 : 2). Override per call with ``permeability={...}``.
PERMEABILITY: Mapping[str, float] = MappingProxyType({"K": 1.0, "Na": 0.01, "Cl": 2.0})
_PERMEABILITY_RANGES: Mapping[str, tuple[float, float]] = MappingProxyType(dict.fromkeys(PERMEABILITY, (0.0, 100.0)))

#: Allowed values of the ``chloride`` argument (see the module docstring).
CHLORIDE_MODES: tuple[str, ...] = ("steady", "acute")

_VALENCE: dict[str, int] = {"K": 1, "Na": 1, "Cl": -1, "Ca": 2}
_ECF_FIELD: dict[str, str] = {"K": "k", "Na": "na", "Cl": "cl", "Ca": "ca"}


def _overrides(
    name: str, given: Mapping[str, float] | None, defaults: Mapping[str, float],
    ranges: Mapping[str, tuple[float, float]], unit: str, example: str, lo_inclusive: bool,
) -> dict[str, float]:
    """``defaults`` with the per-ion values of ``given`` (a mapping ion → value) checked against ``ranges``."""
    values = dict(defaults)
    if given is None:
        return values
    if not isinstance(given, Mapping):
        raise TypeError(f"{name} must be a mapping such as {example}, got {given!r} of type {type(given).__name__}")
    for ion, value in given.items():
        if ion not in ranges:
            raise ValueError(f"{name} has unknown ion {ion!r}; valid ions: {', '.join(ranges)}")
        lo, hi = ranges[ion]
        values[ion] = check_number(f"{name}[{ion!r}]", value, lo, hi, unit, lo_inclusive=lo_inclusive)
    return values


def _intracellular(intracellular: Mapping[str, float] | None) -> dict[str, float]:
    return _overrides(
        "intracellular", intracellular, INTRACELLULAR_MM, _INTRACELLULAR_RANGES, "mM", "{'K': 150.0}", False
    )


def _permeability(permeability: Mapping[str, float] | None) -> dict[str, float]:
    perm = _overrides(
        "permeability", permeability, PERMEABILITY, _PERMEABILITY_RANGES, "(relative to P_K)", "{'Na': 0.01}", True
    )
    if perm["K"] <= 0.0:
        raise ValueError(
            f"permeability['K']={perm['K']:g} is outside the allowed range (0, 100] (relative to P_K)"
        )
    return perm


# ---------------------------------------------------------------------------------------------
# Potentials
# ---------------------------------------------------------------------------------------------


def equilibrium_potentials(
    ecf: Electrolytes, temp_c: float = 37.0, *, intracellular: Mapping[str, float] | None = None
) -> dict[str, float]:
    """Nernst potential (mV) of K⁺, Na⁺, Cl⁻ and Ca²⁺ across the muscle membrane.

    Parameters
    ----------
    ecf
        Extracellular concentrations.
    temp_c
        Temperature (°C, 0–45).
    intracellular
        Cytosolic concentrations (mM) overriding :data:`INTRACELLULAR_MM`, keyed "K", "Na", "Cl", "Ca";
        omitted keys keep their defaults.

    Returns
    -------
    dict
        ``{"K": E_K, "Na": E_Na, "Cl": E_Cl, "Ca": E_Ca}`` in mV. At the defaults:
        ≈ −96.9, +65.7, −86.6 and +125.5 mV.
    """
    ecf = _check_ecf(ecf)
    conc_in = _intracellular(intracellular)
    rtf = rt_over_f(temp_c)
    return {
        ion: rtf / z * (math.log(getattr(ecf, _ECF_FIELD[ion])) - math.log(conc_in[ion]))
        for ion, z in _VALENCE.items()
    }


def _ghk(
    k_out: np.ndarray | float,
    na_out: float,
    cl_out: float,
    conc_in: Mapping[str, float],
    perm: Mapping[str, float],
    rtf: float,
    chloride: str,
) -> np.ndarray | float:
    """GHK voltage equation (mV); vectorised over ``k_out``. Inputs already validated."""
    num = perm["K"] * k_out + perm["Na"] * na_out
    den = perm["K"] * conc_in["K"] + perm["Na"] * conc_in["Na"]
    if chloride == "acute":
        # Anions enter the GHK equation with inside and outside swapped.
        num = num + perm["Cl"] * conc_in["Cl"]
        den = den + perm["Cl"] * cl_out
    # chloride == "steady": Cl_i = Cl_o·exp(FV/RT) makes both Cl⁻ terms cancel exactly.
    return rtf * np.log(num / den)


def resting_potential(
    ecf: Electrolytes,
    temp_c: float = 37.0,
    *,
    intracellular: Mapping[str, float] | None = None,
    permeability: Mapping[str, float] | None = None,
    chloride: str = "steady",
) -> float:
    """Resting membrane potential of a skeletal-muscle fibre (mV) from the GHK voltage equation.

    V = (RT/F)·ln[(P_K·K_o + P_Na·Na_o + P_Cl·Cl_i) / (P_K·K_i + P_Na·Na_i + P_Cl·Cl_o)]

    Parameters
    ----------
    ecf
        Extracellular concentrations (mM).
    temp_c
        Temperature (°C, 0–45).
    intracellular
        Cytosolic concentrations overriding :data:`INTRACELLULAR_MM` (mM).
    permeability
        Permeabilities relative to P_K overriding :data:`PERMEABILITY` (default 1 : 0.01 : 2,
        Hodgkin & Horowicz 1959).
    chloride
        ``"steady"`` (default): cytosolic Cl⁻ has settled at equilibrium, so Cl⁻ drops out and only
        K⁺ and Na⁺ set V — the state reached minutes after any change, and the one that matters for
        electrolyte disorders that develop over hours. ``"acute"``: the first seconds after a sudden
        change, cytosolic Cl⁻ still at ``intracellular["Cl"]``; Cl⁻ then buffers the change.

    Returns
    -------
    float
        V_rest in mV (≈ −88.9 mV at the defaults; Jurkat-Rott et al. 2009 measured ≈ −85 mV at 4 mM K⁺).
        Ca²⁺ and Mg²⁺ do not enter: their resting permeability is negligible; their effect on
        excitability (surface-charge screening) is modelled in :mod:`course.excitability`.
    """
    ecf = _check_ecf(ecf)
    conc_in = _intracellular(intracellular)
    perm = _permeability(permeability)
    mode = check_choice("chloride", chloride, CHLORIDE_MODES)
    return float(_ghk(ecf.k, ecf.na, ecf.cl, conc_in, perm, rt_over_f(temp_c), mode))


def resting_potential_curve(
    k_values: object,
    ecf: Electrolytes | None = None,
    temp_c: float = 37.0,
    *,
    intracellular: Mapping[str, float] | None = None,
    permeability: Mapping[str, float] | None = None,
    chloride: str = "steady",
) -> np.ndarray:
    """V_rest (mV) for each extracellular K⁺ in ``k_values`` (mM), other ions from ``ecf``.

    Vectorised form of :func:`resting_potential` (same arguments) for plotting V_rest against K⁺.
    """
    ecf = Electrolytes() if ecf is None else _check_ecf(ecf)
    lo, hi = PHYSICAL_RANGES["k"]
    k = check_array("k_values", k_values, lo, hi, "mM")
    if np.any(k <= lo):
        raise ValueError(f"k_values contains a value ≤ 0 mM; allowed range is (0, {hi:g}] mM")
    conc_in = _intracellular(intracellular)
    perm = _permeability(permeability)
    mode = check_choice("chloride", chloride, CHLORIDE_MODES)
    return np.asarray(_ghk(k, ecf.na, ecf.cl, conc_in, perm, rt_over_f(temp_c), mode), dtype=float)


def steady_state_chloride_in(
    ecf: Electrolytes,
    temp_c: float = 37.0,
    *,
    intracellular: Mapping[str, float] | None = None,
    permeability: Mapping[str, float] | None = None,
) -> float:
    """Cytosolic Cl⁻ (mM) at which Cl⁻ is in equilibrium at the steady-state V_rest.

    Cl_i = Cl_o · exp(F·V_rest / RT): about 3.7 mM at the defaults, close to the measured 4–6 mM.
    """
    v = resting_potential(ecf, temp_c, intracellular=intracellular, permeability=permeability)
    return ecf.cl * math.exp(v / rt_over_f(temp_c))


# ---------------------------------------------------------------------------------------------
# Clinical classification and presets
# ---------------------------------------------------------------------------------------------


def classify(ecf: Electrolytes) -> dict[str, str]:
    """Each ion "low", "normal" or "high" against :data:`NORMAL_RANGES` (limits count as normal).

    Returns ``{"k": …, "na": …, "cl": …, "ca": …, "mg": …}``.
    """
    ecf = _check_ecf(ecf)
    out: dict[str, str] = {}
    for name in FIELDS:
        lo, hi = NORMAL_RANGES[name]
        value = getattr(ecf, name)
        out[name] = "low" if value < lo else "high" if value > hi else "normal"
    return out


#: Teaching presets: one disorder at a time (the other ions stay at their defaults), plus dehydration.
#: Thresholds: hypokalaemia < 3.5 mM (severe < 2.5), hyperkalaemia > 5.0 (≥ 6.5 is treated as an
#: emergency), hyponatraemia < 135 (125 is "moderate"), hypocalcaemia ionized < 1.1 (0.8 mM lies below
#: 0.84 mM, where the course's excitability model starts to fire on its own), hypomagnesaemia < 0.7 (symptoms mostly
#: below ≈ 0.5).
#:
#: "dehydration_sweating" assumes about 3 L of sweat lost (≈ 4 % of body mass for 70 kg) and nothing
#: drunk. Sweat is hypotonic (Na⁺ ≈ 43, K⁺ ≈ 6 mM in marathon runners, Lara et al. 2016), so more water
#: than salt is lost. By the Edelman relation (serum Na⁺ ≈ exchangeable (Na⁺ + K⁺) / total body water,
#: Edelman et al. 1958) with 42 L body water: (140·42 − 3·(43 + 6)) / 39 ≈ 147 mM. Cl⁻ is assumed to
#: be concentrated by the same factor (102 → 107 mM). K⁺, Ca²⁺ and Mg²⁺ are held near normal by
#: regulation and lost in sweat only in small amounts, so they stay at their defaults. Replacing the
#: sweat with plain water instead would dilute Na⁺ towards hyponatraemia: the preset is the
#: "no drinking" case.
PRESETS: Mapping[str, Electrolytes] = MappingProxyType({
    "normal": Electrolytes(),
    "hypokalaemia": Electrolytes(k=3.0),
    "severe_hypokalaemia": Electrolytes(k=2.0),
    "hyperkalaemia": Electrolytes(k=6.5),
    "hyponatraemia": Electrolytes(na=125.0),
    "hypocalcaemia": Electrolytes(ca=0.8),
    "hypomagnesaemia": Electrolytes(mg=0.5),
    "dehydration_sweating": Electrolytes(na=147.0, cl=107.0),
})

#: Human-readable names of the presets (for dropdowns and printed tables).
PRESET_LABELS: Mapping[str, str] = MappingProxyType({
    "normal": "Normal serum values",
    "hypokalaemia": "Hypokalaemia (K⁺ 3.0 mM)",
    "severe_hypokalaemia": "Severe hypokalaemia (K⁺ 2.0 mM)",
    "hyperkalaemia": "Hyperkalaemia (K⁺ 6.5 mM)",
    "hyponatraemia": "Hyponatraemia (Na⁺ 125 mM)",
    "hypocalcaemia": "Hypocalcaemia (ionized Ca²⁺ 0.8 mM)",
    "hypomagnesaemia": "Hypomagnesaemia (Mg²⁺ 0.5 mM)",
    "dehydration_sweating": "Dehydration after heavy sweating (Na⁺ 147, Cl⁻ 107 mM)",
})

#: Teaching note per preset, shown beside the explorer: what the resting-potential model says, and the
#: clinical picture it cannot show (sources: Jurkat-Rott et al. 2009; Krishnan et al. 2005; Turner et al. 2016;
#: del Castillo & Engbaek 1954; hypomagnesaemia → impaired PTH secretion and action, Harrison's). Low Ca²⁺ and
#: low Mg²⁺ are never attributed to sweating: PTH defends ionized Ca²⁺, and sweat carries little of either.
PRESET_NOTES: Mapping[str, str] = MappingProxyType({
    "normal": "All five ions inside their normal serum ranges.",
    "hypokalaemia": (
        "Mild low K⁺: the model fibre hyperpolarises. Patients with low K⁺ feel weak and achy and can get "
        "cramps, mostly through the alkalosis and low Mg²⁺ that often come with it, which this model leaves out."
    ),
    "severe_hypokalaemia": (
        "Very low K⁺: the GHK model predicts strong hyperpolarisation, but real fibres can instead "
        "depolarise and become weak (see 'What this model leaves out'); severe cases can break muscle "
        "down (rhabdomyolysis)."
    ),
    "hyperkalaemia": (
        "High K⁺: the resting potential moves towards zero (depolarised). Sustained depolarisation "
        "inactivates Na⁺ channels, so patients become weak, in severe cases flaccidly paralysed, and the "
        "heart rhythm is at risk; it does not cause tetany."
    ),
    "hyponatraemia": "Low Na⁺: E_Na falls but V_rest hardly changes, because resting P_Na is small.",
    "hypocalcaemia": (
        "Low ionized Ca²⁺: V_rest is unchanged, but nerve becomes easier to excite (notebook 03): tingling "
        "first, then carpopedal spasm. Causes: parathyroid damage after neck surgery, vitamin D or Mg²⁺ "
        "deficiency, alkalosis from over-breathing, citrate from large transfusions."
    ),
    "hypomagnesaemia": (
        "Low Mg²⁺: V_rest is unchanged. Mg²⁺ shields the surface charge less than Ca²⁺ does, but at the "
        "nerve–muscle junction it opposes Ca²⁺-triggered transmitter release; low Mg²⁺ matters mostly because "
        "it impairs PTH secretion and action, and so lowers Ca²⁺."
    ),
    "dehydration_sweating": (
        "Sweat holds less salt than plasma, so losing it without drinking concentrates Na⁺ and Cl⁻ "
        "(assumption: 3 L of sweat with Na⁺ 43 mM, nothing drunk). Ca²⁺ and Mg²⁺ stay normal."
    ),
})
