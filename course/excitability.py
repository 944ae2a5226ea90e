"""Excitability of a motor axon: why low Ca²⁺/Mg²⁺ makes a nerve fire by itself.

The model
---------
A space-clamped patch of motor-axon membrane of the Hodgkin–Huxley (HH) type:

* **Transient Na⁺ and delayed-rectifier K⁺ currents** with Hodgkin & Huxley's (1952) conductances
  (g_Na 120, g_K 36 mS/cm²), gating rate functions and time base, and C_m 1 µF/cm². The kinetics are
  HH's measured squid-axon rates (6.3 °C time base): a deliberately simple, fully published teaching
  membrane, not a fitted human node.
* **A passive leak** of 1.0 mS/cm² reversing at −67 mV. It is larger than HH's 0.3 mS/cm² because a
  node of a myelinated axon is not isolated: the neighbouring internodes draw current from it and act
  as a shunt towards the resting potential; the leak lumps that load. With HH's own leak and mammalian
  reversal potentials, the deep after-hyperpolarisation of every spike acted like a rebound stimulus
  and one pulse switched the membrane into endless firing even at normal Ca²⁺ (rest and a firing
  cycle coexisted far into the normal range), which healthy motor axons do not do.
* **A small persistent Na⁺ current**, ``g_NaP · p∞(V) · (V − E_Na)`` with an instantaneous
  ``p∞ = 1/(1 + exp(−(V + 55)/5))``. Motor axons have one: a fraction of their Na⁺ channels does not
  inactivate and is active near rest (Bostock & Rothwell 1997); the McIntyre, Richardson & Grill (2002)
  motor-axon node model carries it at 0.33 % of the fast Na⁺ conductance. Here g_NaP = 0.42 mS/cm²
  (0.35 % of g_Na). Without it the membrane would need an unphysiologically large gating shift
  (Ca²⁺ far below 0.5 mM) to fire on its own.
* **Reversal potentials from the Nernst equation** (:func:`course.electrolytes.rt_over_f`, 37 °C) with
  axoplasmic K⁺ 140 mM and Na⁺ 12 mM, so extracellular K⁺ and Na⁺ act through the same physics as
  in notebook 01: E_K −95.0 mV and E_Na +65.7 mV at normal serum values.
* **Surface-charge screening by divalent cations.** External Ca²⁺ and Mg²⁺ screen the fixed negative
  charges on the outer membrane surface. Less screening makes the channels "see" a more depolarised
  membrane, so every gate (m, h, n and p) is shifted along the voltage axis by
  :func:`gating_shift_mv`: ``25 mV · log10((Ca + 0.3·Mg) / (1.2 + 0.3·0.85))``. A five-fold fall of
  Ca²⁺ at normal Mg²⁺ then shifts the gates by −11.7 mV, inside the 10–15 mV that Frankenhaeuser &
  Hodgkin (1957) measured; 25 mV per decade of divalent ion is the upper end of what Hille, Woodhull
  & Shapiro (1975) found at the frog node, and the Mg²⁺ weight 0.3 makes Mg²⁺ the weaker screen
  (also Hille et al. 1975).

With these numbers the resting state loses stability (a subcritical Hopf bifurcation) below 0.819 mM
ionized Ca²⁺, and the nudged rest (below) fires from 0.84 mM down, where clinical tetany usually starts
(ionized Ca²⁺ below ≈ 0.8–0.9 mM). The one calibrated number is g_NaP: it was chosen for that onset
and then checked against the independent physiological bound above (persistent Na⁺ a small fraction
of the transient one); the leak was set by the one-spike-per-stimulus requirement. Everything else
(rheobase across Ca²⁺, the Mg²⁺, K⁺, dehydration and compression effects, firing rates) follows.

Where the model reaches depolarisation block: the spontaneous rate rises monotonically as Ca²⁺ falls
(56 Hz at the onset, 85 Hz at 0.3 mM) and only stops when Ca²⁺ + 0.3·Mg²⁺ falls below ≈ 0.12 mM
(gating shift ≈ −27 mV; e.g. Ca²⁺ ≤ 0.12 mM with Mg²⁺ 0.01 mM), far outside any slider. With K⁺ the
axon fires from 6.4 mM and is blocked above 15.0 mM (rest ≈ −45 mV). The model is more sensitive to
high K⁺ than real motor axons, which have slow K⁺ channels and an electrogenic pump it leaves out.

Which state a run starts from
-----------------------------
Near the onset, rest and repetitive firing coexist (subcritical Hopf: bistability). Every run here
starts from the resting state of the chosen conditions (the membrane has followed slowly changing
blood values), with the voltage nudged :data:`NUDGE_MV` = 2 mV above it at t = 0, standing in for the
small fluctuations (channel noise, synaptic input) that always exist; an exactly balanced rest would
otherwise sit still for ever in exact arithmetic. "Spontaneous firing" means: this nudged rest turns
into repetitive spiking without any stimulus.

Causes beyond blood electrolytes (keyword modifiers, each bounded and documented)
-------------------------------------------------------------------------------------
* ``fatigue_k_mm`` (0–8 mM): K⁺ released by working muscle accumulates in the t-tubules and the
  interstitial space that also bathes the intramuscular branches of the motor axon; interstitial K⁺
  rises from ≈ 4 mM at rest to ≈ 9–12 mM during intense exercise (Juel et al. 2000; Nordsborg et al.
  2003). The extra K⁺ is added to the extracellular K⁺ that sets E_K.
* ``dehydration_pct`` (0–8 % body mass lost as sweat, nothing drunk). *Teaching assumption*, the same
  one the notebook-01 preset uses: sweat is hypotonic (Na⁺ ≈ 43, K⁺ ≈ 6 mM; Lara et al. 2016), so by
  the Edelman relation (Edelman et al. 1958; 70 kg body, 60 % water) extracellular Na⁺ rises; K⁺, Ca²⁺
  and Mg²⁺ are held by regulation. The article's other mechanisms (blood volume, "nutrient delivery")
  and the hypothesis that a shrinking interstitial space presses on nerve endings are not modelled.
* ``compression_ua_cm2`` (0–5 µA/cm²): a compressed, ischaemic or demyelinated stretch of axon is
  depolarised and fires ectopically. Modelled as a depolarising current with this mean plus an
  Ornstein–Uhlenbeck fluctuation (SD = :data:`COMPRESSION_NOISE_RATIO` × mean, correlation time
  :data:`COMPRESSION_TAU_MS`), seeded by ``seed``: a teaching assumption, not a fitted quantity.

Integration
-----------
Fixed step (default :data:`DT_MS` = 0.05 ms) with a staggered scheme of second order: the gates live
at half steps and are advanced by an exact exponential (Rush–Larsen) update with rates taken at the
current voltage; the voltage is advanced by a linearly implicit midpoint (Crank–Nicolson) step in
which the instantaneous persistent Na⁺ current is linearised. Rates and steady states are read from
tables (0.05 mV spacing, linear interpolation) built once from the closed-form HH expressions, whose
removable 0/0 points are evaluated with ``expm1`` and a series. Many parameter sets are advanced in
one numpy loop (:func:`simulate_grid`), which is what makes the explorer instant. A test checks spike
times against ``scipy.integrate.solve_ivp`` (LSODA, rtol 1e-8): within 0.2 ms over 200 ms.

Units: mV, ms, mM, µA/cm², mS/cm², µF/cm², Hz. Sources: ``REFERENCES.md`` (Notebook 03).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from numpy.typing import ArrayLike

from course._checks import check_array, check_number
from course.electrolytes import PHYSICAL_RANGES, Electrolytes, nernst, rt_over_f

__all__ = [
    "CA_REF_MM",
    "MG_REF_MM",
    "SHIFT_MV_PER_DECADE",
    "MG_SCREENING_WEIGHT",
    "K_AXOPLASM_MM",
    "NA_AXOPLASM_MM",
    "TEMP_C",
    "C_M",
    "G_NA",
    "G_K",
    "G_L",
    "E_L",
    "G_NAP",
    "NAP_V_HALF_MV",
    "NAP_SLOPE_MV",
    "DT_MS",
    "NUDGE_MV",
    "SPIKE_THRESHOLD_MV",
    "FATIGUE_K_RANGE_MM",
    "DEHYDRATION_RANGE_PCT",
    "COMPRESSION_RANGE_UA_CM2",
    "COMPRESSION_NOISE_RATIO",
    "COMPRESSION_TAU_MS",
    "STIM_RANGE_UA_CM2",
    "MAX_DURATION_MS",
    "AxonConditions",
    "AxonTrace",
    "AxonBatch",
    "gating_shift_mv",
    "rate_constants",
    "persistent_na_activation",
    "axon_conditions",
    "membrane_rhs",
    "resting_state",
    "resting_potential_mv",
    "rest_max_growth_rate",
    "simulate_grid",
    "simulate_axon",
    "spontaneous_rate_hz",
    "firing_rate_curve",
    "onset_ca_mm",
    "rheobase_ua_cm2",
    "rheobase_curve",
    "rheobases",
    "instability_ca_mm",
    "force_from_spikes",
    "CrampThresholdStudy",
    "CRAMP_THRESHOLD_STUDIES",
]

# ---------------------------------------------------------------------------------------------
# Parameters (units in the names or comments; sources in REFERENCES.md (Notebook 03))
# ---------------------------------------------------------------------------------------------

#: Normal ionized Ca²⁺ and serum Mg²⁺ (mM) at which the gating shift is exactly 0 (course defaults).
CA_REF_MM = 1.2
MG_REF_MM = 0.85
#: Gating shift per ten-fold change of the screening concentration (mV/decade); Hille, Woodhull &
#: Shapiro 1975: +20 to +25 mV per decade of a divalent ion; with the Mg²⁺ background below this gives
#: −11.7 mV for a five-fold fall of Ca²⁺ (Frankenhaeuser & Hodgkin 1957: 10–15 mV).
SHIFT_MV_PER_DECADE = 25.0
#: Screening weight of Mg²⁺ relative to Ca²⁺ (dimensionless); Mg²⁺ is the weaker screen
#: (Hille et al. 1975; course reference sheet: 0.3–0.6).
MG_SCREENING_WEIGHT = 0.3

#: Axoplasmic K⁺ and Na⁺ (mM), mammalian values as in the course's cytosol table (K⁺ 140–160,
#: Na⁺ 10–12 mM, PHYSIOLOGY_REFERENCE); give E_K −95.0 and E_Na +65.7 mV at normal serum values.
K_AXOPLASM_MM = 140.0
NA_AXOPLASM_MM = 12.0
#: Temperature of the Nernst potentials (°C), as in notebook 01.
TEMP_C = 37.0

#: Membrane capacitance (µF/cm²) and HH conductances (mS/cm²), Hodgkin & Huxley 1952, J Physiol 117:500.
C_M = 1.0
G_NA = 120.0
G_K = 36.0
#: Leak conductance (mS/cm²) and reversal (mV): HH's 0.3 mS/cm² plus the internodal load on a node,
#: reversing near rest (module docstring: one spike per stimulus at normal values).
G_L = 1.0
E_L = -67.0
#: Persistent Na⁺ conductance (mS/cm²), 0.35 % of G_NA (McIntyre et al. 2002 node: 0.33 %); the one
#: calibrated number (module docstring).
G_NAP = 0.42
#: Half-activation voltage and slope of the instantaneous persistent Na⁺ activation (mV).
NAP_V_HALF_MV = -55.0
NAP_SLOPE_MV = 5.0

#: Default integration step (ms): spike times within 0.1 ms of solve_ivp over 200 ms.
DT_MS = 0.05
#: Voltage nudge above rest at t = 0 (mV), see "Which state a run starts from".
NUDGE_MV = 2.0
#: A spike is an upward crossing of this voltage (mV): a full, overshooting action potential.
SPIKE_THRESHOLD_MV = 0.0

#: Extra interstitial K⁺ from muscle fatigue (mM): Juel et al. 2000 / Nordsborg et al. 2003 measured
#: ≈ 9–12 mM (from ≈ 4) during intense exercise.
FATIGUE_K_RANGE_MM: tuple[float, float] = (0.0, 8.0)
#: Sweat loss without drinking (% of body mass).
DEHYDRATION_RANGE_PCT: tuple[float, float] = (0.0, 8.0)
#: Mean ectopic current at a compressed site (µA/cm²).
COMPRESSION_RANGE_UA_CM2: tuple[float, float] = (0.0, 5.0)
#: SD of the compression current relative to its mean, and its correlation time (ms): teaching values.
COMPRESSION_NOISE_RATIO = 1.0
COMPRESSION_TAU_MS = 5.0
#: Allowed stimulus current (µA/cm²); negative values hyperpolarise.
STIM_RANGE_UA_CM2: tuple[float, float] = (-30.0, 100.0)
#: Longest simulated time accepted (ms).
MAX_DURATION_MS = 5000.0

# Dehydration teaching assumption (same numbers as the notebook-01 preset).
_BODY_MASS_KG = 70.0
_BODY_WATER_FRACTION = 0.6
_SWEAT_NA_K_MM = 43.0 + 6.0  # Lara et al. 2016: sweat Na⁺ ≈ 43, K⁺ ≈ 6 mM

_DT_RANGE_MS = (0.005, 0.1)
_MAX_BATCH = 20000

# ---------------------------------------------------------------------------------------------
# Surface-charge screening
# ---------------------------------------------------------------------------------------------

_SCREEN_REF = CA_REF_MM + MG_SCREENING_WEIGHT * MG_REF_MM


def _shift(ca: np.ndarray | float, mg: np.ndarray | float) -> np.ndarray | float:
    return SHIFT_MV_PER_DECADE * np.log10((ca + MG_SCREENING_WEIGHT * mg) / _SCREEN_REF)


def gating_shift_mv(ca: float, mg: float) -> float:
    """Shift of every Na⁺/K⁺ gating curve along the voltage axis (mV) from Ca²⁺/Mg²⁺ screening.

    ``25 mV · log10((ca + 0.3·mg) / (1.2 + 0.3·0.85))``: exactly 0 at normal values (ionized Ca²⁺
    1.2 mM, serum Mg²⁺ 0.85 mM), negative (channels open at more negative potentials: more
    excitable) when they fall, positive when they rise. Mg²⁺ counts 0.3 times as much as Ca²⁺.

    Parameters
    ----------
    ca
        Ionized extracellular Ca²⁺ (mM), within the range :class:`~course.electrolytes.Electrolytes`
        accepts (0.01–5 mM).
    mg
        Serum Mg²⁺ (mM), 0.01–10 mM.
    """
    c = check_number("ca", ca, *PHYSICAL_RANGES["ca"], "mM")
    m = check_number("mg", mg, *PHYSICAL_RANGES["mg"], "mM")
    return float(_shift(c, m))


# ---------------------------------------------------------------------------------------------
# Rate functions (closed form) and their tables
# ---------------------------------------------------------------------------------------------


def _x_over_expm1(x: np.ndarray, scale: float) -> np.ndarray:
    """``x / (1 − exp(−x/scale))`` without the removable 0/0 at x = 0 (series there)."""
    small = np.abs(x) < 1e-6
    xs = np.where(small, 1.0, x)
    return np.where(small, scale + 0.5 * x, xs / -np.expm1(-xs / scale))


def rate_constants(u_mv: ArrayLike) -> dict[str, np.ndarray]:
    """Hodgkin–Huxley opening (α) and closing (β) rates (1/ms) at gating voltage ``u_mv`` (mV).

    ``u_mv`` is the membrane voltage minus the gating shift (``V − gating_shift_mv``). Keys:
    ``alpha_m``, ``beta_m``, ``alpha_h``, ``beta_h``, ``alpha_n``, ``beta_n`` (Hodgkin & Huxley 1952,
    modern sign convention, rest −65 mV). Finite everywhere, including the removable singularities of
    α_m (u = −40 mV) and α_n (u = −55 mV).
    """
    u = np.asarray(u_mv, dtype=float)
    return {
        "alpha_m": 0.1 * _x_over_expm1(u + 40.0, 10.0),
        "beta_m": 4.0 * np.exp(-(u + 65.0) / 18.0),
        "alpha_h": 0.07 * np.exp(-(u + 65.0) / 20.0),
        "beta_h": 1.0 / (1.0 + np.exp(-(u + 35.0) / 10.0)),
        "alpha_n": 0.01 * _x_over_expm1(u + 55.0, 10.0),
        "beta_n": 0.125 * np.exp(-(u + 65.0) / 80.0),
    }


def persistent_na_activation(u_mv: ArrayLike) -> np.ndarray:
    """Instantaneous persistent-Na⁺ activation p∞ (0…1) at gating voltage ``u_mv`` (mV)."""
    u = np.asarray(u_mv, dtype=float)
    return 1.0 / (1.0 + np.exp(-(u - NAP_V_HALF_MV) / NAP_SLOPE_MV))


def _steady_gates(u: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    r = rate_constants(u)
    m = r["alpha_m"] / (r["alpha_m"] + r["beta_m"])
    h = r["alpha_h"] / (r["alpha_h"] + r["beta_h"])
    n = r["alpha_n"] / (r["alpha_n"] + r["beta_n"])
    return m, h, n


_TABLE_U_MIN = -200.0
_TABLE_U_MAX = 150.0
_TABLE_DU = 0.05


@lru_cache(maxsize=8)
def _tables(dt: float) -> tuple[np.ndarray, np.ndarray]:
    """Table over the gating voltage, one row per quantity, for linear interpolation.

    Rows: m∞, h∞, n∞; their one-step decay factors exp(−dt·(α + β)); G_NAP·p∞; G_NAP·dp∞/du.
    Returns the table (8 × n) and its forward differences along the voltage axis.
    """
    u = np.arange(_TABLE_U_MIN, _TABLE_U_MAX + 0.5 * _TABLE_DU, _TABLE_DU)
    r = rate_constants(u)
    steady = []
    decays = []
    for g in ("m", "h", "n"):
        a, b = r[f"alpha_{g}"], r[f"beta_{g}"]
        steady.append(a / (a + b))
        decays.append(np.exp(-dt * (a + b)))
    p = persistent_na_activation(u)
    dp = p * (1.0 - p) / NAP_SLOPE_MV
    table = np.vstack([*steady, *decays, G_NAP * p, G_NAP * dp])
    diff = np.zeros_like(table)
    diff[:, :-1] = table[:, 1:] - table[:, :-1]
    table.setflags(write=False)
    diff.setflags(write=False)
    return table, diff


# ---------------------------------------------------------------------------------------------
# Conditions: blood values + modifiers → shift, E_K, E_Na, extra currents
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class AxonConditions:
    """Everything the membrane sees, derived from the blood values and the modifiers.

    Attributes
    ----------
    k_mm, na_mm, ca_mm, mg_mm
        Effective extracellular concentrations (mM) after fatigue and dehydration.
    shift_mv
        Gating shift (mV), :func:`gating_shift_mv`.
    e_k_mv, e_na_mv
        Nernst potentials (mV) at 37 °C with axoplasm K⁺ 140, Na⁺ 12 mM.
    compression_ua_cm2
        Mean ectopic current (µA/cm²).
    """

    k_mm: float
    na_mm: float
    ca_mm: float
    mg_mm: float
    shift_mv: float
    e_k_mv: float
    e_na_mv: float
    compression_ua_cm2: float


def _check_ecf(ecf: object) -> Electrolytes:
    if not isinstance(ecf, Electrolytes):
        raise TypeError(f"ecf must be an Electrolytes instance, got {ecf!r} of type {type(ecf).__name__}")
    return ecf


def _dehydrated_na(na: np.ndarray | float, pct: np.ndarray | float) -> np.ndarray | float:
    body_water = _BODY_WATER_FRACTION * _BODY_MASS_KG
    lost = pct / 100.0 * _BODY_MASS_KG
    return (na * body_water - lost * _SWEAT_NA_K_MM) / (body_water - lost)


def axon_conditions(
    ecf: Electrolytes,
    *,
    fatigue_k_mm: float = 0.0,
    dehydration_pct: float = 0.0,
    compression_ua_cm2: float = 0.0,
) -> AxonConditions:
    """The membrane's conditions for blood values ``ecf`` and the modifiers (see module docstring)."""
    ecf = _check_ecf(ecf)
    fk = check_number("fatigue_k_mm", fatigue_k_mm, *FATIGUE_K_RANGE_MM, "mM")
    dh = check_number("dehydration_pct", dehydration_pct, *DEHYDRATION_RANGE_PCT, "% body mass")
    cp = check_number("compression_ua_cm2", compression_ua_cm2, *COMPRESSION_RANGE_UA_CM2, "µA/cm²")
    k = ecf.k + fk
    na = float(_dehydrated_na(ecf.na, dh))
    return AxonConditions(
        k_mm=k,
        na_mm=na,
        ca_mm=ecf.ca,
        mg_mm=ecf.mg,
        shift_mv=float(_shift(ecf.ca, ecf.mg)),
        e_k_mv=nernst(1, k, K_AXOPLASM_MM, TEMP_C),
        e_na_mv=nernst(1, na, NA_AXOPLASM_MM, TEMP_C),
        compression_ua_cm2=cp,
    )


# ---------------------------------------------------------------------------------------------
# Resting state and its stability
# ---------------------------------------------------------------------------------------------


def _ionic_current(v, shift, e_na, e_k, gates=None):
    u = v - shift
    m, h, n = _steady_gates(u) if gates is None else gates
    p = persistent_na_activation(u)
    return (
        G_NA * m**3 * h * (v - e_na)
        + G_K * n**4 * (v - e_k)
        + G_L * (v - E_L)
        + G_NAP * p * (v - e_na)
    )


def _rest_voltage(shift: np.ndarray, e_na: np.ndarray, e_k: np.ndarray) -> np.ndarray:
    """Most negative zero of the steady-state I–V curve (mV), vectorised over parameter sets."""
    grid = np.arange(-130.0, 40.0 + 1e-9, 0.5)
    cur = _ionic_current(grid[None, :], shift[:, None], e_na[:, None], e_k[:, None])
    up = (cur[:, :-1] < 0.0) & (cur[:, 1:] >= 0.0)
    idx = np.argmax(up, axis=1)  # every row has one: I < 0 at −130 mV and I > 0 at +40 mV
    lo = grid[idx]
    hi = lo + 0.5
    for _ in range(40):
        mid = 0.5 * (lo + hi)
        neg = _ionic_current(mid, shift, e_na, e_k) < 0.0
        lo = np.where(neg, mid, lo)
        hi = np.where(neg, hi, mid)
    return 0.5 * (lo + hi)


def membrane_rhs(y: ArrayLike, conditions: AxonConditions, stim_ua_cm2: float = 0.0) -> np.ndarray:
    """Time derivatives of the state ``y = (V, m, h, n)`` (mV/ms and 1/ms): the model's equations.

    ``C_m dV/dt = I_stim − [g_Na m³h (V − E_Na) + g_NaP p∞ (V − E_Na) + g_K n⁴ (V − E_K) + g_L (V − E_L)]``
    and ``dx/dt = α_x (1 − x) − β_x x`` for x = m, h, n, every rate and p∞ taken at V − shift. Closed-form
    rates (no tables): this is what the fixed-step integrator approximates, used for the linear stability
    analysis here and for the ``solve_ivp`` reference in the tests and benchmark.
    """
    v, m, h, n = np.asarray(y, dtype=float)
    c = conditions
    r = rate_constants(v - c.shift_mv)
    i_ion = _ionic_current(v, c.shift_mv, c.e_na_mv, c.e_k_mv, gates=(m, h, n))
    return np.array(
        [
            (stim_ua_cm2 - i_ion) / C_M,
            r["alpha_m"] * (1 - m) - r["beta_m"] * m,
            r["alpha_h"] * (1 - h) - r["beta_h"] * h,
            r["alpha_n"] * (1 - n) - r["beta_n"] * n,
        ]
    )


def resting_state(ecf: Electrolytes, *, fatigue_k_mm: float = 0.0, dehydration_pct: float = 0.0) -> np.ndarray:
    """The resting state ``(V, m, h, n)`` (mV, and gate fractions) before the :data:`NUDGE_MV` nudge.

    V is the most negative zero of the steady-state I–V curve; the gates are at their steady values.
    """
    c = axon_conditions(ecf, fatigue_k_mm=fatigue_k_mm, dehydration_pct=dehydration_pct)
    v = float(_rest_voltage(np.array([c.shift_mv]), np.array([c.e_na_mv]), np.array([c.e_k_mv]))[0])
    return np.array([v, *(float(g) for g in _steady_gates(np.array(v - c.shift_mv)))])


def resting_potential_mv(ecf: Electrolytes, *, fatigue_k_mm: float = 0.0, dehydration_pct: float = 0.0) -> float:
    """Resting potential of the axon (mV): the most negative zero of its steady-state I–V curve."""
    return float(resting_state(ecf, fatigue_k_mm=fatigue_k_mm, dehydration_pct=dehydration_pct)[0])


def rest_max_growth_rate(ecf: Electrolytes, *, fatigue_k_mm: float = 0.0, dehydration_pct: float = 0.0) -> float:
    """Largest real part of the eigenvalues at rest (1/ms): < 0 stable rest, > 0 rest unstable.

    Linear stability of the resting state of :func:`membrane_rhs` (central-difference Jacobian).
    Where it crosses 0 a pair of complex eigenvalues crosses the axis: the Hopf bifurcation.
    """
    c = axon_conditions(ecf, fatigue_k_mm=fatigue_k_mm, dehydration_pct=dehydration_pct)
    y0 = resting_state(ecf, fatigue_k_mm=fatigue_k_mm, dehydration_pct=dehydration_pct)
    jac = np.empty((4, 4))
    for j in range(4):
        d = np.zeros(4)
        d[j] = 1e-6 if j else 1e-4
        jac[:, j] = (membrane_rhs(y0 + d, c) - membrane_rhs(y0 - d, c)) / (2 * d[j])
    return float(np.max(np.linalg.eigvals(jac).real))


# ---------------------------------------------------------------------------------------------
# The batched integrator
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class AxonBatch:
    """Result of :func:`simulate_grid`: many trajectories computed in one time loop.

    Attributes
    ----------
    t_ms
        Recorded times (ms), every ``record_every`` steps (empty if nothing was recorded).
    v_mv
        Recorded voltage (mV), shape ``(len(t_ms), n)``; ``float32`` if requested.
    spike_times_ms
        One array of spike times (ms) per trajectory.
    rate_hz
        Spike count divided by the duration (Hz), per trajectory.
    rest_mv
        Resting potential of each trajectory's conditions (mV), before the nudge.
    duration_ms
        Simulated time (ms).
    """

    t_ms: np.ndarray
    v_mv: np.ndarray
    spike_times_ms: tuple[np.ndarray, ...]
    rate_hz: np.ndarray
    rest_mv: np.ndarray
    duration_ms: float


def _ou_noise(n_steps: int, dt: float, seed: int) -> np.ndarray:
    """Unit-variance Ornstein–Uhlenbeck sequence (exact update), one value per step."""
    rng = np.random.default_rng(seed)
    z = rng.standard_normal(n_steps).tolist()
    a = math.exp(-dt / COMPRESSION_TAU_MS)
    b = math.sqrt(1.0 - a * a)
    out = [z[0]]  # start in the stationary distribution
    for k in range(1, n_steps):
        out.append(a * out[-1] + b * z[k])
    return np.array(out)


def _pulse_mask(n_steps: int, dt: float, stim_hz: float, pulse_ms: float) -> np.ndarray:
    """True for steps whose midpoint lies inside a pulse (pulses start at 0, 1/f, 2/f, …)."""
    t_mid = (np.arange(n_steps) + 0.5) * dt
    period = 1000.0 / stim_hz
    return np.mod(t_mid, period) < pulse_ms


def _integrate(
    shift: np.ndarray,
    e_na: np.ndarray,
    e_k: np.ndarray,
    i_dc: np.ndarray,
    i_pulse: np.ndarray,
    comp: np.ndarray,
    *,
    duration_ms: float,
    dt: float,
    pulse_mask: np.ndarray | None,
    seed: int,
    record_every: int,
    float32: bool,
) -> AxonBatch:
    """Advance every parameter set with the staggered scheme of the module docstring.

    Written for speed: one numpy call per arithmetic step, preallocated buffers (``out=``), the
    tables laid out so that one ``take`` fetches all eight interpolation rows.
    """
    n = shift.size
    n_steps = int(round(duration_ms / dt))
    table, diff = _tables(dt)
    inv_du = 1.0 / _TABLE_DU
    offset = (shift + _TABLE_U_MIN) * inv_du  # table position = V/du − offset
    pos_max = table.shape[1] - 1.000001

    rest = _rest_voltage(shift, e_na, e_k)
    gates = np.vstack(_steady_gates(rest - shift))  # m, h, n at t = −dt/2
    v = rest + NUDGE_MV

    comp_sd = COMPRESSION_NOISE_RATIO * comp
    noise = _ou_noise(n_steps, dt, seed) if np.any(comp_sd > 0.0) else None
    base = G_L * E_L + i_dc + comp  # constant part of the "driving" sum
    pulse = None if pulse_mask is None else pulse_mask.tolist()
    half_dt = 0.5 * dt

    n_rec = n_steps // record_every + 1 if record_every > 0 else 0
    rec = np.empty((n_rec, n), dtype=np.float32 if float32 else float)
    if n_rec:
        rec[0] = v
    hits: list[tuple[int, np.ndarray, np.ndarray]] = []
    thr = SPIKE_THRESHOLD_MV

    if n == 1:
        # One parameter set: the same arithmetic, in the same order, on Python floats (≈ 5× faster
        # than numpy calls on length-1 arrays; the results are bit-for-bit those of the batch loop).
        _loop_scalar(
            float(v[0]), gates[:, 0].tolist(), float(offset[0]), float(e_na[0]), float(e_k[0]), float(base[0]),
            float(i_pulse[0]), float(comp_sd[0]), noise, pulse, n_steps, dt, record_every, rec, hits,
        )
        return _finish(hits, n, rec, n_steps, record_every, dt, duration_ms, rest)

    pos = np.empty(n)
    frac = np.empty(n)
    idx = np.empty(n, dtype=np.intp)
    vals = np.empty((8, n))
    dvals = np.empty((8, n))
    g_t = np.empty(n)
    g_k = np.empty(n)
    g_na = np.empty(n)
    total = np.empty(n)
    drive = np.empty(n)
    tmp = np.empty(n)
    jac = np.empty(n)
    v_new = np.empty(n)
    above = np.empty(n, dtype=bool)
    below = np.empty(n, dtype=bool)
    m, h, nn = gates[0], gates[1], gates[2]
    for k in range(n_steps):
        # interpolation rows at the gating voltage V − shift
        np.multiply(v, inv_du, out=pos)
        pos -= offset
        np.maximum(pos, 0.0, out=pos)
        np.minimum(pos, pos_max, out=pos)
        idx[:] = pos
        np.subtract(pos, idx, out=frac)
        np.take(table, idx, axis=1, out=vals)
        np.take(diff, idx, axis=1, out=dvals)
        dvals *= frac
        vals += dvals
        # gates: exact exponential step over dt, from t − dt/2 to t + dt/2
        gates -= vals[0:3]
        gates *= vals[3:6]
        gates += vals[0:3]
        # conductances (mS/cm²)
        np.multiply(m, m, out=g_t)
        g_t *= m
        g_t *= h
        g_t *= G_NA
        np.multiply(nn, nn, out=g_k)
        g_k *= g_k
        g_k *= G_K
        np.add(g_t, vals[6], out=g_na)
        np.add(g_na, g_k, out=total)
        total += G_L
        # drive = Σ g·E + I
        np.multiply(g_na, e_na, out=drive)
        np.multiply(g_k, e_k, out=tmp)
        drive += tmp
        drive += base
        if noise is not None:
            np.multiply(comp_sd, noise[k], out=tmp)
            drive += tmp
        if pulse is not None and pulse[k]:
            drive += i_pulse
        # dV/dV of the persistent Na⁺ current: G_NAP·dp/du·(V − E_Na)
        np.subtract(v, e_na, out=tmp)
        tmp *= vals[7]
        np.add(total, tmp, out=jac)
        jac *= half_dt
        jac += C_M
        # linearly implicit midpoint step: V_new = V − dt·(G·V − drive)/(C + dt/2·J)
        np.multiply(total, v, out=tmp)
        tmp -= drive
        tmp *= dt
        tmp /= jac
        np.subtract(v, tmp, out=v_new)
        np.greater_equal(v_new, thr, out=above)
        np.less(v, thr, out=below)
        above &= below
        if above.any():
            j = np.flatnonzero(above)
            hits.append((k, j, (thr - v[j]) / (v_new[j] - v[j])))
        v, v_new = v_new, v
        if record_every and (k + 1) % record_every == 0:
            rec[(k + 1) // record_every] = v

    return _finish(hits, n, rec, n_steps, record_every, dt, duration_ms, rest)


def _loop_scalar(
    v: float,
    gates: list[float],
    offset: float,
    e_na: float,
    e_k: float,
    base: float,
    i_pulse: float,
    comp_sd: float,
    noise: np.ndarray | None,
    pulse: list[bool] | None,
    n_steps: int,
    dt: float,
    record_every: int,
    rec: np.ndarray,
    hits: list,
) -> None:
    """The loop of :func:`_integrate` for a single parameter set, operation for operation."""
    table, diff = _tables(dt)
    t_rows = [row.tolist() for row in table]
    d_rows = [row.tolist() for row in diff]
    t_m, t_h, t_n, t_dm, t_dh, t_dn, t_p, t_dp = t_rows
    d_m, d_h, d_n, d_dm, d_dh, d_dn, d_p, d_dp = d_rows
    inv_du = 1.0 / _TABLE_DU
    pos_max = table.shape[1] - 1.000001
    half_dt = 0.5 * dt
    thr = SPIKE_THRESHOLD_MV
    noise_list = noise.tolist() if noise is not None else None
    m, h, n = gates
    out: list[float] = []
    keep = record_every > 0
    for k in range(n_steps):
        pos = v * inv_du
        pos -= offset
        pos = min(max(pos, 0.0), pos_max)
        i = int(pos)
        f = pos - i
        minf = t_m[i] + d_m[i] * f
        hinf = t_h[i] + d_h[i] * f
        ninf = t_n[i] + d_n[i] * f
        m = (m - minf) * (t_dm[i] + d_dm[i] * f) + minf
        h = (h - hinf) * (t_dh[i] + d_dh[i] * f) + hinf
        n = (n - ninf) * (t_dn[i] + d_dn[i] * f) + ninf
        g_t = m * m * m * h * G_NA
        n2 = n * n
        g_k = n2 * n2 * G_K
        g_na = g_t + (t_p[i] + d_p[i] * f)
        total = g_na + g_k + G_L
        drive = g_na * e_na + g_k * e_k + base
        if noise_list is not None:
            drive += comp_sd * noise_list[k]
        if pulse is not None and pulse[k]:
            drive += i_pulse
        jac = (total + (v - e_na) * (t_dp[i] + d_dp[i] * f)) * half_dt + C_M
        v_new = v - (total * v - drive) * dt / jac
        if v_new >= thr and v < thr:
            hits.append((k, np.array([0]), np.array([(thr - v) / (v_new - v)])))
        v = v_new
        if keep:
            out.append(v)
    if keep:
        rec[1:, 0] = out[record_every - 1 :: record_every]


def _finish(
    hits: list, n: int, rec: np.ndarray, n_steps: int, record_every: int, dt: float, duration_ms: float,
    rest: np.ndarray,
) -> AxonBatch:
    n_rec = rec.shape[0]
    spikes: list[list[float]] = [[] for _ in range(n)]
    for k, j, fr in hits:
        for jj, ff in zip(j.tolist(), fr.tolist(), strict=True):
            spikes[jj].append((k + ff) * dt)
    spike_arrays = tuple(np.array(s, dtype=float) for s in spikes)
    rate = np.array([s.size for s in spike_arrays], dtype=float) * 1000.0 / duration_ms
    t = np.arange(n_rec) * (record_every * dt) if n_rec else np.empty(0)
    return AxonBatch(
        t_ms=t, v_mv=rec, spike_times_ms=spike_arrays, rate_hz=rate, rest_mv=rest, duration_ms=duration_ms
    )


def _check_common(duration_ms: float, dt_ms: float, seed: int) -> tuple[float, float, int]:
    d = check_number("duration_ms", duration_ms, 0.0, MAX_DURATION_MS, "ms", lo_inclusive=False)
    dt = check_number("dt_ms", dt_ms, *_DT_RANGE_MS, "ms")
    if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)):
        raise TypeError(f"seed must be a non-negative integer, got {seed!r} of type {type(seed).__name__}")
    if seed < 0:
        raise ValueError(f"seed={seed} is outside the allowed range [0, inf)")
    if d < dt:
        raise ValueError(f"duration_ms={d:g} ms is shorter than one time step dt_ms={dt:g} ms")
    return d, dt, int(seed)


def _check_param(name: str, value: object, lo: float, hi: float, unit: str) -> np.ndarray:
    """A scalar (checked like any number) or an array of any shape, every element finite and in range."""
    if np.ndim(value) == 0 and not isinstance(value, np.ndarray):
        return np.asarray(check_number(name, value, lo, hi, unit))
    arr = np.asarray(value)
    if arr.dtype.kind not in "iuf":
        raise TypeError(f"{name} must be a real number or an array of real numbers, got dtype {arr.dtype}")
    return check_array(name, arr.ravel(), lo, hi, unit).reshape(arr.shape)


def simulate_grid(
    *,
    ca_mm: ArrayLike = CA_REF_MM,
    mg_mm: ArrayLike = MG_REF_MM,
    k_mm: ArrayLike = 4.0,
    na_mm: ArrayLike = 140.0,
    stim_ua_cm2: ArrayLike = 0.0,
    fatigue_k_mm: ArrayLike = 0.0,
    dehydration_pct: ArrayLike = 0.0,
    compression_ua_cm2: ArrayLike = 0.0,
    duration_ms: float = 500.0,
    stim_hz: float | None = None,
    pulse_ms: float = 1.0,
    seed: int = 0,
    dt_ms: float = DT_MS,
    record_every: int = 1,
    float32: bool = False,
) -> AxonBatch:
    """Simulate many parameter sets at once (arrays broadcast together, flattened in C order).

    Each argument is a scalar or an array of the quantity of :func:`simulate_axon` (same units and
    ranges). All sets share the time grid, the stimulus timing (``stim_hz``, ``pulse_ms``) and the
    noise sequence of ``seed`` (common random numbers: moving one parameter never reshuffles the
    noise). The result for one set is identical whatever else is in the batch.

    ``record_every`` keeps every k-th voltage sample (0: record nothing); ``float32`` halves the
    memory of the recorded voltages.
    """
    d, dt, seed = _check_common(duration_ms, dt_ms, seed)
    if isinstance(record_every, bool) or not isinstance(record_every, (int, np.integer)) or record_every < 0:
        raise ValueError(f"record_every={record_every!r} is not valid; allowed: an integer >= 0")
    arrays = {
        "ca_mm": (ca_mm, *PHYSICAL_RANGES["ca"], "mM"),
        "mg_mm": (mg_mm, *PHYSICAL_RANGES["mg"], "mM"),
        "k_mm": (k_mm, *PHYSICAL_RANGES["k"], "mM"),
        "na_mm": (na_mm, *PHYSICAL_RANGES["na"], "mM"),
        "stim_ua_cm2": (stim_ua_cm2, *STIM_RANGE_UA_CM2, "µA/cm²"),
        "fatigue_k_mm": (fatigue_k_mm, *FATIGUE_K_RANGE_MM, "mM"),
        "dehydration_pct": (dehydration_pct, *DEHYDRATION_RANGE_PCT, "% body mass"),
        "compression_ua_cm2": (compression_ua_cm2, *COMPRESSION_RANGE_UA_CM2, "µA/cm²"),
    }
    checked = {name: _check_param(name, *spec) for name, spec in arrays.items()}
    try:
        b = np.broadcast_arrays(*checked.values())
    except ValueError as exc:
        raise ValueError(f"the parameter arrays cannot be broadcast together: {exc}") from None
    flat = {name: np.ascontiguousarray(arr, dtype=float).ravel() for name, arr in zip(checked, b, strict=True)}
    n = flat["ca_mm"].size
    if not 1 <= n <= _MAX_BATCH:
        raise ValueError(f"the batch holds {n} parameter sets; allowed range is [1, {_MAX_BATCH}]")
    mask = None
    if stim_hz is not None:
        f_hz = check_number("stim_hz", stim_hz, 0.0, 200.0, "Hz", lo_inclusive=False)
        pw = check_number("pulse_ms", pulse_ms, 0.05, 5.0, "ms")
        if pw >= 1000.0 / f_hz:
            raise ValueError(f"pulse_ms={pw:g} ms must be shorter than the period {1000.0 / f_hz:g} ms")
        mask = _pulse_mask(int(round(d / dt)), dt, f_hz, pw)
    k = flat["k_mm"] + flat["fatigue_k_mm"]
    na = _dehydrated_na(flat["na_mm"], flat["dehydration_pct"])
    rtf = rt_over_f(TEMP_C)  # the notebook-01 constant: Nernst E = RT/F · ln(c_out/c_in)
    e_k = rtf * (np.log(k) - math.log(K_AXOPLASM_MM))  # as course.electrolytes.nernst, vectorised
    e_na = rtf * (np.log(na) - math.log(NA_AXOPLASM_MM))
    shift = np.asarray(_shift(flat["ca_mm"], flat["mg_mm"]), dtype=float)
    stim = flat["stim_ua_cm2"]
    zeros = np.zeros(n)
    return _integrate(
        shift,
        e_na,
        e_k,
        zeros if mask is not None else stim,
        stim if mask is not None else zeros,
        flat["compression_ua_cm2"],
        duration_ms=d,
        dt=dt,
        pulse_mask=mask,
        seed=seed,
        record_every=int(record_every),
        float32=bool(float32),
    )


# ---------------------------------------------------------------------------------------------
# Public single-trajectory API
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class AxonTrace:
    """Result of :func:`simulate_axon`.

    Attributes
    ----------
    t_ms
        Time (ms), from 0 to ``duration_ms`` in steps of ``dt_ms``.
    v_mv
        Membrane voltage (mV).
    spike_times_ms
        Times of upward crossings of 0 mV (ms), linearly interpolated between steps.
    rest_mv
        Resting potential of the conditions (mV); the run starts :data:`NUDGE_MV` above it.
    conditions
        The :class:`AxonConditions` used.
    """

    t_ms: np.ndarray
    v_mv: np.ndarray
    spike_times_ms: np.ndarray
    rest_mv: float
    conditions: AxonConditions

    @property
    def duration_ms(self) -> float:
        """Simulated time (ms)."""
        return float(self.t_ms[-1])

    @property
    def rate_hz(self) -> float:
        """Number of spikes divided by the duration (Hz)."""
        return float(self.spike_times_ms.size * 1000.0 / self.duration_ms)


def simulate_axon(
    ecf: Electrolytes,
    duration_ms: float = 500.0,
    stim_ua_cm2: float = 0.0,
    *,
    stim_hz: float | None = None,
    pulse_ms: float = 1.0,
    fatigue_k_mm: float = 0.0,
    dehydration_pct: float = 0.0,
    compression_ua_cm2: float = 0.0,
    seed: int = 0,
    dt_ms: float = DT_MS,
) -> AxonTrace:
    """Simulate the motor-axon membrane for blood values ``ecf``.

    Parameters
    ----------
    ecf
        Extracellular concentrations (:class:`~course.electrolytes.Electrolytes`, mM).
    duration_ms
        Simulated time (ms, 0 < d ≤ 5000).
    stim_ua_cm2
        Stimulus current density (µA/cm², −30…100; positive depolarises). Without ``stim_hz`` it is a
        steady current switched on at t = 0; with ``stim_hz`` it is the amplitude of square pulses.
    stim_hz
        Pulse frequency (Hz, 0 < f ≤ 200): pulses start at 0, 1/f, 2/f, … ms.
    pulse_ms
        Pulse width (ms, 0.05–5, shorter than the period).
    fatigue_k_mm
        Extra interstitial K⁺ from muscle fatigue (mM, 0–8), added to ``ecf.k``.
    dehydration_pct
        Sweat loss without drinking (% body mass, 0–8): concentrates extracellular Na⁺ (teaching
        assumption, module docstring).
    compression_ua_cm2
        Mean ectopic depolarising current at a compressed site (µA/cm², 0–5), with seeded fluctuations.
    seed
        Seed of the compression noise (integer ≥ 0); same seed → identical run.
    dt_ms
        Time step (ms, 0.005–0.1).

    Returns
    -------
    AxonTrace
        Time, voltage, spike times, resting potential and the conditions used. The run starts at
        rest + :data:`NUDGE_MV` (see the module docstring).
    """
    cond = axon_conditions(
        ecf, fatigue_k_mm=fatigue_k_mm, dehydration_pct=dehydration_pct, compression_ua_cm2=compression_ua_cm2
    )
    stim = check_number("stim_ua_cm2", stim_ua_cm2, *STIM_RANGE_UA_CM2, "µA/cm²")
    batch = simulate_grid(
        ca_mm=ecf.ca,
        mg_mm=ecf.mg,
        k_mm=ecf.k,
        na_mm=ecf.na,
        stim_ua_cm2=stim,
        fatigue_k_mm=fatigue_k_mm,
        dehydration_pct=dehydration_pct,
        compression_ua_cm2=compression_ua_cm2,
        duration_ms=duration_ms,
        stim_hz=stim_hz,
        pulse_ms=pulse_ms,
        seed=seed,
        dt_ms=dt_ms,
    )
    return AxonTrace(
        t_ms=batch.t_ms,
        v_mv=batch.v_mv[:, 0].copy(),
        spike_times_ms=batch.spike_times_ms[0],
        rest_mv=float(batch.rest_mv[0]),
        conditions=cond,
    )


def spontaneous_rate_hz(
    ecf: Electrolytes,
    duration_ms: float = 1000.0,
    *,
    fatigue_k_mm: float = 0.0,
    dehydration_pct: float = 0.0,
    compression_ua_cm2: float = 0.0,
    seed: int = 0,
) -> float:
    """Firing rate without any stimulus (Hz): spikes in ``duration_ms`` divided by the duration.

    0 at normal blood values; > 0 once ionized Ca²⁺ falls to 0.84 mM (the onset, see
    :func:`onset_ca_mm`), rising as it falls further.
    """
    _check_ecf(ecf)
    batch = simulate_grid(
        ca_mm=ecf.ca,
        mg_mm=ecf.mg,
        k_mm=ecf.k,
        na_mm=ecf.na,
        fatigue_k_mm=fatigue_k_mm,
        dehydration_pct=dehydration_pct,
        compression_ua_cm2=compression_ua_cm2,
        duration_ms=duration_ms,
        seed=seed,
        record_every=0,
    )
    return float(batch.rate_hz[0])


def firing_rate_curve(
    ca_mm: ArrayLike,
    ecf: Electrolytes | None = None,
    duration_ms: float = 1000.0,
    *,
    stim_ua_cm2: float = 0.0,
    fatigue_k_mm: float = 0.0,
    dehydration_pct: float = 0.0,
    compression_ua_cm2: float = 0.0,
    seed: int = 0,
) -> np.ndarray:
    """Firing rate (Hz) at each ionized Ca²⁺ in ``ca_mm`` (mM), the other values from ``ecf``.

    One batched run; ``stim_ua_cm2`` is a steady current (0: spontaneous firing).
    """
    ecf = Electrolytes() if ecf is None else _check_ecf(ecf)
    ca = check_array("ca_mm", ca_mm, *PHYSICAL_RANGES["ca"], "mM")
    batch = simulate_grid(
        ca_mm=ca,
        mg_mm=ecf.mg,
        k_mm=ecf.k,
        na_mm=ecf.na,
        stim_ua_cm2=stim_ua_cm2,
        fatigue_k_mm=fatigue_k_mm,
        dehydration_pct=dehydration_pct,
        compression_ua_cm2=compression_ua_cm2,
        duration_ms=duration_ms,
        seed=seed,
        record_every=0,
    )
    return batch.rate_hz


def onset_ca_mm(
    ecf: Electrolytes | None = None,
    *,
    resolution_mm: float = 0.01,
    ca_range_mm: tuple[float, float] = (0.3, 1.6),
    duration_ms: float = 1000.0,
    fatigue_k_mm: float = 0.0,
    dehydration_pct: float = 0.0,
) -> float:
    """Highest ionized Ca²⁺ (mM, on a grid of ``resolution_mm``) at which the axon fires by itself.

    The other blood values come from ``ecf`` (default normal). Returns ``nan`` if no Ca²⁺ in
    ``ca_range_mm`` fires.
    """
    res = check_number("resolution_mm", resolution_mm, 0.001, 0.1, "mM")
    lo = check_number("ca_range_mm[0]", ca_range_mm[0], *PHYSICAL_RANGES["ca"], "mM")
    hi = check_number("ca_range_mm[1]", ca_range_mm[1], lo, PHYSICAL_RANGES["ca"][1], "mM")
    grid = np.round(np.arange(lo, hi + 0.5 * res, res), 6)
    rates = firing_rate_curve(
        grid, ecf, duration_ms, fatigue_k_mm=fatigue_k_mm, dehydration_pct=dehydration_pct
    )
    firing = grid[rates > 0.0]
    return float(firing.max()) if firing.size else float("nan")


def _rheobase_many(
    ca: np.ndarray,
    mg: np.ndarray,
    k: np.ndarray,
    na: np.ndarray,
    fatigue_k_mm: float,
    dehydration_pct: float,
    window_ms: float,
    tol: float,
) -> np.ndarray:
    """Rheobase for M conditions at once: coarse-to-fine search, 130 currents per condition per pass."""
    m = ca.size
    s_lo, s_hi = STIM_RANGE_UA_CM2
    lo = np.full(m, s_lo)
    hi = np.full(m, s_hi)
    result = np.full(m, np.nan)
    todo = np.arange(m)
    frac = np.linspace(0.0, 1.0, 130)
    while todo.size:
        grid = lo[todo, None] + (hi[todo] - lo[todo])[:, None] * frac[None, :]
        batch = simulate_grid(
            ca_mm=ca[todo, None],
            mg_mm=mg[todo, None],
            k_mm=k[todo, None],
            na_mm=na[todo, None],
            fatigue_k_mm=fatigue_k_mm,
            dehydration_pct=dehydration_pct,
            stim_ua_cm2=grid,
            duration_ms=window_ms,
            record_every=0,
        )
        fired = np.array([s.size > 0 for s in batch.spike_times_ms]).reshape(grid.shape)
        keep = []
        for row, j in enumerate(todo):
            ok = fired[row]
            if not ok.any():  # nothing up to the top of the range fires: inexcitable
                result[j] = math.inf
                continue
            first = int(np.argmax(ok))
            if first == 0:  # the bottom of the range already fires
                result[j] = -math.inf
                continue
            lo[j], hi[j] = grid[row, first - 1], grid[row, first]
            if hi[j] - lo[j] <= tol:
                result[j] = 0.5 * (lo[j] + hi[j])
            else:
                keep.append(j)
        todo = np.array(keep, dtype=np.intp)
    return result


def rheobase_ua_cm2(
    ecf: Electrolytes,
    *,
    fatigue_k_mm: float = 0.0,
    dehydration_pct: float = 0.0,
    window_ms: float = 200.0,
    tolerance_ua_cm2: float = 0.01,
) -> float:
    """Threshold of a steady current step (µA/cm²): the smallest step that gives a spike in ``window_ms``.

    The step starts at t = 0 from the nudged rest, the protocol of every run. The result falls as
    Ca²⁺ or Mg²⁺ fall and rises as they rise. It is **negative** when the axon already fires by
    itself: only a hyperpolarising current larger than that keeps it silent, so the value stays one
    continuous measure of excitability through the onset. Returns ``inf`` if no current in
    :data:`STIM_RANGE_UA_CM2` gives a spike (inexcitable) and ``-inf`` if even −30 µA/cm² fires.
    Accurate to ``tolerance_ua_cm2``.
    """
    values = rheobases(
        [ecf],
        fatigue_k_mm=fatigue_k_mm,
        dehydration_pct=dehydration_pct,
        window_ms=window_ms,
        tolerance_ua_cm2=tolerance_ua_cm2,
    )
    return float(values[0])


def rheobase_curve(
    ca_mm: ArrayLike,
    ecf: Electrolytes | None = None,
    *,
    mg_mm: ArrayLike | None = None,
    fatigue_k_mm: float = 0.0,
    dehydration_pct: float = 0.0,
    window_ms: float = 200.0,
    tolerance_ua_cm2: float = 0.01,
) -> np.ndarray:
    """:func:`rheobase_ua_cm2` (µA/cm²) at each ionized Ca²⁺ in ``ca_mm`` (mM), in one batched search.

    The other blood values come from ``ecf`` (default normal); ``mg_mm`` (same length as ``ca_mm``)
    overrides Mg²⁺ per point.
    """
    ecf = Electrolytes() if ecf is None else _check_ecf(ecf)
    ca = check_array("ca_mm", ca_mm, *PHYSICAL_RANGES["ca"], "mM")
    if mg_mm is None:
        mg = np.full(ca.size, ecf.mg)
    else:
        mg = check_array("mg_mm", mg_mm, *PHYSICAL_RANGES["mg"], "mM")
        if mg.size != ca.size:
            raise ValueError(f"mg_mm has {mg.size} values but ca_mm has {ca.size}; give one per Ca²⁺ value")
    fk = check_number("fatigue_k_mm", fatigue_k_mm, *FATIGUE_K_RANGE_MM, "mM")
    dh = check_number("dehydration_pct", dehydration_pct, *DEHYDRATION_RANGE_PCT, "% body mass")
    w = check_number("window_ms", window_ms, 10.0, 2000.0, "ms")
    tol = check_number("tolerance_ua_cm2", tolerance_ua_cm2, 1e-3, 1.0, "µA/cm²")
    if not 1 <= ca.size <= 40:
        raise ValueError(f"ca_mm holds {ca.size} values; allowed range is [1, 40]")
    return _rheobase_many(
        ca, mg, np.full(ca.size, ecf.k), np.full(ca.size, ecf.na), fk, dh, w, tol
    )


def rheobases(
    ecfs: list[Electrolytes] | tuple[Electrolytes, ...],
    *,
    fatigue_k_mm: float = 0.0,
    dehydration_pct: float = 0.0,
    window_ms: float = 200.0,
    tolerance_ua_cm2: float = 0.01,
) -> np.ndarray:
    """:func:`rheobase_ua_cm2` (µA/cm²) of several sets of blood values, in one batched search."""
    if not isinstance(ecfs, (list, tuple)) or not 1 <= len(ecfs) <= 40:
        raise ValueError(f"ecfs must be a list of 1 to 40 Electrolytes, got {ecfs!r}")
    items = [_check_ecf(e) for e in ecfs]  # TypeError names "ecf"
    fk = check_number("fatigue_k_mm", fatigue_k_mm, *FATIGUE_K_RANGE_MM, "mM")
    dh = check_number("dehydration_pct", dehydration_pct, *DEHYDRATION_RANGE_PCT, "% body mass")
    w = check_number("window_ms", window_ms, 10.0, 2000.0, "ms")
    tol = check_number("tolerance_ua_cm2", tolerance_ua_cm2, 1e-3, 1.0, "µA/cm²")
    cols = {f: np.array([getattr(e, f) for e in items]) for f in ("ca", "mg", "k", "na")}
    return _rheobase_many(cols["ca"], cols["mg"], cols["k"], cols["na"], fk, dh, w, tol)


def instability_ca_mm(
    ecf: Electrolytes | None = None,
    *,
    fatigue_k_mm: float = 0.0,
    dehydration_pct: float = 0.0,
    tolerance_mm: float = 1e-4,
) -> float:
    """Ionized Ca²⁺ (mM) below which the resting state is linearly unstable (the Hopf point).

    Bisection on :func:`rest_max_growth_rate` between 0.05 and 5 mM, other blood values from
    ``ecf`` (default normal). Returns ``nan`` if rest is stable (or unstable) over the whole range.
    """
    ecf = Electrolytes() if ecf is None else _check_ecf(ecf)
    tol = check_number("tolerance_mm", tolerance_mm, 1e-6, 0.1, "mM")

    def unstable(ca: float) -> bool:
        e = ecf.replace(ca=ca)
        return rest_max_growth_rate(e, fatigue_k_mm=fatigue_k_mm, dehydration_pct=dehydration_pct) > 0.0

    lo, hi = 0.05, 5.0
    if not unstable(lo) or unstable(hi):
        return float("nan")
    while hi - lo > tol:
        mid = 0.5 * (lo + hi)
        if unstable(mid):
            lo = mid
        else:
            hi = mid
    return 0.5 * (lo + hi)


def force_from_spikes(trace: AxonTrace, fibre: str = "fast"):
    """Drive the notebook-02 muscle model with the axon's spike train.

    Returns the :class:`course.contraction.ContractionTrace` of a motor unit whose fibres receive
    every spike of ``trace`` (force as a fraction of the maximal fused tetanus).
    """
    from course.contraction import simulate_contraction

    if not isinstance(trace, AxonTrace):
        raise TypeError(f"trace must be an AxonTrace, got {type(trace).__name__}")
    spikes = trace.spike_times_ms[trace.spike_times_ms < trace.duration_ms]
    return simulate_contraction(None, trace.duration_ms, spike_times_ms=spikes, fibre=fibre)


# ---------------------------------------------------------------------------------------------
# Evidence from electrically induced cramps (data, for the notebook's evidence table)
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CrampThresholdStudy:
    """One finding on the cramp threshold frequency (CTF) of electrically induced cramps.

    The CTF is the lowest frequency of a stimulation train (nerve or muscle) at which the muscle
    cramps; a *lower* CTF means *more* cramp-prone. ``before_hz``/``after_hz`` are group means (Hz)
    of the two conditions compared (``nan`` where the paper gives no number here).
    """

    source: str
    condition: str
    before_label: str
    before_hz: float
    after_label: str
    after_hz: float
    verdict: str


CRAMP_THRESHOLD_STUDIES: tuple[CrampThresholdStudy, ...] = (
    CrampThresholdStudy(
        "Miller & Knight 2009, Muscle Nerve 39:364",
        "people with vs without a history of cramps (flexor hallucis brevis)",
        "no cramp history", 25.5, "cramp history", 14.9,
        "cramp-prone people cramp at lower stimulation frequencies",
    ),
    CrampThresholdStudy(
        "Stone et al. 2010, J Sports Sci 28:399",
        "local fatigue: toe curls to failure, 5 bouts",
        "before fatigue", 20.0, "after fatigue", 32.9,
        "CTF rose: less cramp-prone after local fatigue, against the fatigue hypothesis",
    ),
    CrampThresholdStudy(
        "Miller et al. 2010, Med Sci Sports Exerc 42:2056",
        "3 % body-mass loss by sweating, fatigue minimised",
        "euhydrated", 23.7, "hypohydrated", 21.3,
        "no significant change (P = 0.12)",
    ),
    CrampThresholdStudy(
        "Lau, Kato & Nosaka 2019, BMJ Open Sport Exerc Med 5:e000478",
        "2 % body-mass loss, then plain water (value 60 min after drinking)",
        "after dehydration", 24.6, "after water", 24.6 - 5.1,
        "dehydration alone: no change; plain water then lowered CTF by 4–5 Hz (serum Na⁺, Cl⁻ fell)",
    ),
    CrampThresholdStudy(
        "Lau, Kato & Nosaka 2019, BMJ Open Sport Exerc Med 5:e000478",
        "2 % body-mass loss, then an oral rehydration solution (60 min after drinking)",
        "after dehydration", 24.7, "after electrolyte drink", 24.7 + 5.4,
        "electrolyte drink raised CTF by 4–5 Hz (less cramp-prone)",
    ),
)
