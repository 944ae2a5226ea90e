"""Excitability of a human motor (or sensory) axon: why low Ca²⁺/Mg²⁺ makes a nerve fire by itself,
and why high K⁺ does not.

The model
---------
One node of Ranvier of a mammalian myelinated axon at 37 °C, coupled to its internode (the structure of
Bostock's threshold-tracking model: Barrett & Barrett 1982; Kiernan & Bostock 2000; Howells et al. 2012).
Eight state variables: the node voltage V and its gates m, h, p, s; the internode voltage V_i and its gates
s_i, q. Conductances are per cm² of node; the internode's values are its totals referred to the node area.

* **Node channels after McIntyre, Richardson & Grill (2002)** (MRG; ModelDB 3810): C_m 2 µF/cm², Na⁺ channels
  3,000 mS/cm² with the MRG rate functions and Q10 factors (2.2 and 2.9 from 20 °C, 3.0 from 36 °C) at 37 °C.
  The inactivation rates are MRG's × :data:`H_RATE_SCALE` (0.9). A share of the Na⁺ channels
  (:data:`FIBRE_NAP_FRACTION`: 0.75 % motor, 0.90 % sensory) is **persistent**: its activation gate p has the
  kinetics of m evaluated :data:`NAP_SHIFT_MV` = 25 mV more negative, and it inactivates with the same h
  (Bostock's threshold-region current; Na⁺ availability falls with depolarisation, Kiernan & Bostock 2000):
  ``g_Na·((1 − f)·m³ + f·p³)·h``. **Slow K⁺** (the node's Kv7-type current, 400 mS/cm²): MRG's s gate with
  two changes, s∞ a Boltzmann curve fitted to MRG's s∞ between −80 and −60 mV (half-activation −63.7 mV,
  slope 5.3 mV; MRG's rate pair would reopen it below ≈ −92 mV) and τ_s MRG's (voltage held at ≥ −85 mV) but
  at least :data:`TAU_S_MIN_MS` = 60 ms. A **leak** (30 mS/cm²) reverses at ``E_L = 0.85·E_fixed + 0.15·E_K``
  (−84.9 mV at K⁺ 4 mM, so that the motor node rests at −82 mV), so the node depolarises steadily as K⁺ rises.
* **Barrett–Barrett conductance** :data:`G_BB` (50 mS/cm²) through the paranode to the **internode**:
  capacitance :data:`C_I` (600 µF/cm²), slow K⁺ (10 mS/cm², the node's s gate at V_i), HCN (1 mS/cm², E_H
  −54.9 mV; Howells et al. 2012 rates as used by Gaines et al. 2018, Q10 3 from 34 °C, :func:`hcn_rates`)
  and a leak (2 mS/cm², the node's leak reversal). The charge stored on the internode during an impulse flows
  back into the node afterwards: the depolarising afterpotential behind superexcitability.
* **Reversal potentials from the Nernst equation** (:func:`course.electrolytes.rt_over_f`, 37 °C),
  axoplasmic K⁺ 140 mM and Na⁺ 12 mM: E_K −95.0 mV and E_Na +65.7 mV at normal serum values.
* **Surface-charge screening by divalent cations.** External Ca²⁺ and Mg²⁺ screen the fixed negative
  charges on the outer membrane surface; with less screening the Na⁺-channel gates (m, h, p) "see" a more
  depolarised membrane and are shifted along the voltage axis by :func:`gating_shift_mv`:
  ``25 mV · log10((Ca + 0.3·Mg) / (1.2 + 0.3·0.85))`` (Frankenhaeuser & Hodgkin 1957: 10–15 mV for a
  five-fold change; Hille, Woodhull & Shapiro 1975: +20 to +25 mV per decade at the frog node, Mg²⁺ the
  weaker screen). The K⁺ and HCN gates are left unshifted: Hille et al. measured Na⁺ channels, and a K⁺ gate
  that followed Ca²⁺ equally would make low Ca²⁺ and high K⁺ indistinguishable (a tuned modelling choice).
* **Motor or sensory fibre** (``fibre``): the sensory (cutaneous) axon carries more persistent Na⁺
  (Mogyoros, Bostock & Burke 2000; Bostock & Rothwell 1997), :data:`FIBRE_G_NAP`.

Tuned numbers (chosen for the behaviour below, not measured; the scans are in ``benchmarks/AXON_REFIT.md``):
the persistent Na⁺ share, its activation shift and the h scale, the slow K⁺ conductance and τ_s floor, the
node leak and its reversal, the Barrett–Barrett conductance, the internode's capacitance and conductances, and
the decision not to shift the K⁺ gate. With them: rest −82 mV; after one impulse the threshold is raised
+33 % at 2 ms, lowered to −20 % at 5–7 ms (superexcitability) and raised +18 % at 30–50 ms (late
subexcitability), as in human motor axons (Kiernan et al. 2000); one stimulus gives one impulse and a 50-Hz
train is followed one-to-one; the strength–duration time constant is 0.40 ms (motor) and 0.55 ms (sensory).
The motor axon fires by itself from 0.81 mM ionized Ca²⁺ down (clinical tetany below ≈ 0.8–0.9 mM), the
sensory axon from 0.88 mM (tingling before tetany, Macefield & Burke 1991); low Mg²⁺ raises both onsets;
K⁺ 2–17 mM depolarises the node (−88 mV at 2 mM, −68 mV at 9 mM) without spontaneous firing (Krishnan et al.
2005: human motor axons depolarise with serum K⁺; patients become weak rather than tetanic). These values hold
to the resolution of the tuning (±0.02 mM Ca²⁺). Measured values are printed by notebook 03 and checked by
``tests/test_excitability.py`` and ``course/validation/excitability.py``.

Stimulation and pH (version 3)
------------------------------
:func:`simulate_axon` takes explicit square pulses (``stim_times_ms``, ``stim_amplitude``, ``stim_width_ms``)
besides the regular ``stim_hz`` train, and an arterial ``ph``: the ionized Ca²⁺ given is the value at pH 7.4,
alkalosis lowers it (:func:`ionized_ca_at_ph`) and shifts the Na⁺ gates directly by a tuned
:data:`PH_SHIFT_MV_PER_UNIT`. Threshold tracking in the model (:func:`pulse_thresholds_ua_cm2`,
:func:`recovery_cycle_pct`, :func:`strength_duration_ms`, :func:`spikes_per_stimulus`,
:func:`train_response`) feeds the benchmark table ``course/validation/excitability.py``. Stimuli are
injected at the node.

Which state a run starts from
-----------------------------
Every run starts from the resting state of the chosen conditions with the voltage nudged
:data:`NUDGE_MV` = 2 mV above it at t = 0 (standing for channel noise and synaptic input); "spontaneous
firing" means that this nudged rest turns into spiking without any stimulus.

Causes beyond blood electrolytes (keyword modifiers, each bounded and documented)
-------------------------------------------------------------------------------------
* ``fatigue_k_mm`` (0–8 mM): K⁺ released by working muscle accumulates in the interstitial space that
  also bathes the intramuscular motor-axon branches (≈ 4 → 9–12 mM in intense exercise; Juel et al. 2000;
  Nordsborg et al. 2003); added to the extracellular K⁺.
* ``dehydration_pct`` (0–8 % body mass lost as sweat, nothing drunk): teaching assumption of notebook 01
  (hypotonic sweat, Na⁺ ≈ 43, K⁺ ≈ 6 mM, Lara et al. 2016; Edelman relation): extracellular Na⁺ rises.
* ``compression_ua_cm2`` (0–200 µA/cm²): an ectopic depolarising current at a compressed site, with an
  Ornstein–Uhlenbeck fluctuation (SD = mean, 5 ms), seeded: a teaching assumption.

Integration
-----------
Fixed step (default :data:`DT_MS` = 0.01 ms), staggered second-order scheme: the gates live at half steps
and are advanced by an exact exponential (Rush–Larsen) update, the node and internode voltages together by a
linearly implicit midpoint step (a 2 × 2 solve). Rates come from tables (0.05 mV spacing, linear
interpolation) built once from the closed-form expressions (removable 0/0 points via ``expm1``). Many parameter
sets run in one numpy loop (:func:`simulate_grid`). A test checks spike times against ``scipy.integrate.solve_ivp``.

Units: mV, ms, mM, µA/cm², mS/cm², µF/cm², Hz. Sources: ``REFERENCES.md`` (Notebook 03).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from types import MappingProxyType
from typing import Any

import numpy as np
from numpy.typing import ArrayLike

from course._checks import check_array, check_choice, check_number, short_repr
from course.electrolytes import PHYSICAL_RANGES, Electrolytes, nernst, rt_over_f

__all__ = [
    "CA_REF_MM", "MG_REF_MM", "SHIFT_MV_PER_DECADE", "MG_SCREENING_WEIGHT", "K_AXOPLASM_MM",
    "NA_AXOPLASM_MM", "TEMP_C", "C_M", "G_NA", "H_RATE_SCALE", "NAP_SHIFT_MV", "G_K", "TAU_S_MIN_MS", "G_L", "E_L",
    "E_L_FIXED", "LEAK_K_SHARE", "G_BB", "C_I", "G_K_I", "G_H_I", "E_H", "G_L_I", "G_NAP", "FIBRES",
    "FIBRE_NAP_FRACTION", "FIBRE_G_NAP", "STATE_NAMES", "hcn_rates", "DT_MS", "NUDGE_MV", "SPIKE_THRESHOLD_MV",
    "FATIGUE_K_RANGE_MM",
    "DEHYDRATION_RANGE_PCT", "COMPRESSION_RANGE_UA_CM2", "COMPRESSION_NOISE_RATIO", "COMPRESSION_TAU_MS",
    "STIM_RANGE_UA_CM2", "MAX_DURATION_MS", "MAX_PULSES", "PULSE_WIDTH_RANGE_MS", "PH_RANGE", "PH_REF",
    "PH_CA_FRACTION_PER_UNIT", "PH_SHIFT_MV_PER_UNIT", "ionized_ca_at_ph", "AxonConditions", "AxonTrace",
    "AxonBatch", "gating_shift_mv",
    "rate_constants", "slow_k_steady_state", "slow_k_tau_ms", "persistent_na_activation", "leak_reversal_mv",
    "axon_conditions", "membrane_rhs", "resting_state", "resting_potential_mv", "rest_max_growth_rate",
    "simulate_grid", "simulate_axon", "spontaneous_rate_hz", "firing_rate_curve", "onset_ca_mm",
    "rheobase_ua_cm2", "rheobase_curve", "rheobases", "instability_ca_mm", "force_from_spikes",
    "CrampThresholdStudy", "CRAMP_THRESHOLD_STUDIES", "TRACK_START_MS", "CONDITIONING_WIDTH_MS",
    "RESPONSE_WINDOW_MS", "pulse_thresholds_ua_cm2", "recovery_cycle_pct", "strength_duration_ms",
    "spikes_per_stimulus", "train_response",
]

# ---------------------------------------------------------------------------------------------
# Parameters (sources in REFERENCES.md, Notebook 03)
# ---------------------------------------------------------------------------------------------

#: Normal ionized Ca²⁺ and serum Mg²⁺ (mM) at which the gating shift is exactly 0 (course defaults).
CA_REF_MM = 1.2
MG_REF_MM = 0.85
#: Gating shift per ten-fold change of the screening concentration (mV/decade); Hille, Woodhull &
#: Shapiro 1975: +20 to +25 mV per decade of a divalent ion.
SHIFT_MV_PER_DECADE = 25.0
#: Screening weight of Mg²⁺ relative to Ca²⁺ (Mg²⁺ is the weaker screen; Hille et al. 1975).
MG_SCREENING_WEIGHT = 0.3

#: Axoplasmic K⁺ and Na⁺ (mM): E_K −95.0 and E_Na +65.7 mV at normal serum values.
K_AXOPLASM_MM = 140.0
NA_AXOPLASM_MM = 12.0
#: Temperature (°C): human body temperature; MRG kinetics are given at 36 °C with Q10 factors.
TEMP_C = 37.0

#: Nodal capacitance (µF/cm²) and fast Na⁺ conductance (mS/cm², transient plus persistent channels):
#: McIntyre et al. 2002.
C_M = 2.0
G_NA = 3000.0
#: Scale of the Na⁺ inactivation rates α_h and β_h (slower recovery from inactivation than MRG's h at
#: 37 °C, for the 2-ms refractoriness of human axons): tuned.
H_RATE_SCALE = 0.9
#: Persistent Na⁺: a fraction of the Na⁺ channels whose activation gate p has the kinetics of m evaluated
#: NAP_SHIFT_MV more negative; it inactivates with the same h (Bostock's threshold-region Na⁺ current).
NAP_SHIFT_MV = 25.0
#: Slow K⁺ (Kv7-type) conductance of the node (mS/cm²; tuned, MRG 80) and the floor of its time constant (ms;
#: tuned: human Kv7 activates slowly, so one impulse opens little of it).
G_K = 400.0
TAU_S_MIN_MS = 60.0
#: Node leak (mS/cm²) and its reversal at K⁺ 4 mM (mV): tuned so that the motor node rests at −82 mV; a share
#: LEAK_K_SHARE of it follows E_K. The internodal leak has the same reversal.
G_L = 30.0
E_L = -84.938
LEAK_K_SHARE = 0.15
#: Barrett–Barrett (paranodal) conductance between the node and the internode (mS/cm² of node; tuned).
G_BB = 50.0
#: Internode (totals referred to the node area): capacitance (µF/cm²), slow K⁺ (same gate as the node's),
#: HCN (Howells et al. 2012 rates as used by Gaines et al. 2018; reversal E_H) and leak (mS/cm²). Tuned sizes.
C_I = 600.0
G_K_I = 10.0
G_H_I = 1.0
E_H = -54.9
G_L_I = 2.0
#: Fibre types and their share of persistent Na⁺ channels (tuned); sensory axons carry more persistent Na⁺
#: than motor axons (Mogyoros, Bostock & Burke 2000). FIBRE_G_NAP = share × G_NA (mS/cm²).
FIBRES: tuple[str, ...] = ("motor", "sensory")
FIBRE_NAP_FRACTION: Mapping[str, float] = MappingProxyType({"motor": 0.0075, "sensory": 0.009})
FIBRE_G_NAP: Mapping[str, float] = MappingProxyType({f: x * G_NA for f, x in FIBRE_NAP_FRACTION.items()})
G_NAP = FIBRE_G_NAP["motor"]

#: Default integration step (ms).
DT_MS = 0.01
#: Voltage nudge above rest at t = 0 (mV).
NUDGE_MV = 2.0
#: A spike is an upward crossing of this voltage (mV).
SPIKE_THRESHOLD_MV = 0.0

#: Extra interstitial K⁺ from muscle fatigue (mM): Juel et al. 2000 / Nordsborg et al. 2003.
FATIGUE_K_RANGE_MM: tuple[float, float] = (0.0, 8.0)
#: Sweat loss without drinking (% of body mass).
DEHYDRATION_RANGE_PCT: tuple[float, float] = (0.0, 8.0)
#: Mean ectopic current at a compressed site (µA/cm²).
COMPRESSION_RANGE_UA_CM2: tuple[float, float] = (0.0, 200.0)
COMPRESSION_NOISE_RATIO = 1.0
COMPRESSION_TAU_MS = 5.0
#: Allowed stimulus current (µA/cm²); negative values hyperpolarise.
STIM_RANGE_UA_CM2: tuple[float, float] = (-300.0, 1000.0)
#: Longest simulated time accepted (ms).
MAX_DURATION_MS = 5000.0
#: Pulses of the explicit stimulation interface: at most this many per run, widths in this range (ms).
MAX_PULSES = 2000
PULSE_WIDTH_RANGE_MS: tuple[float, float] = (0.01, 1000.0)

#: Arterial pH (range accepted) and the reference at which the given ionized Ca²⁺ holds.
PH_RANGE: tuple[float, float] = (6.8, 7.8)
PH_REF = 7.4
#: Fall of ionized Ca²⁺ per +1 pH unit, as a fraction of its value at pH 7.4: 0.05 mM per +0.1 pH at
#: 1.2 mM (more Ca²⁺ bound to albumin in alkalosis; PHYSIOLOGY_REFERENCE, COURSE_SPEC V3.3).
PH_CA_FRACTION_PER_UNIT = 0.05 / 0.1 / CA_REF_MM
#: Direct shift of the Na⁺ gates per +1 pH unit (mV): fewer protons on the outer surface charges
#: (Hille, Woodhull & Shapiro 1975: protons, like divalent ions, act on the surface charge near Na⁺ channels).
#: Its size here is tuned (calibrated: the sensory axon starts firing at pH 7.59, the motor axon at 7.65), not
#: measured.
PH_SHIFT_MV_PER_UNIT = -10.0

_BODY_MASS_KG = 70.0
_BODY_WATER_FRACTION = 0.6
_SWEAT_NA_K_MM = 43.0 + 6.0  # Lara et al. 2016: sweat Na⁺ ≈ 43, K⁺ ≈ 6 mM

_DT_RANGE_MS = (0.001, 0.02)
_MAX_BATCH = 20000

_RTF = rt_over_f(TEMP_C)
_E_K_REF = _RTF * math.log(4.0 / K_AXOPLASM_MM)
#: Fixed (non-selective) part of the leak reversal (mV), so that it is E_L at K⁺ 4 mM.
E_L_FIXED = (E_L - LEAK_K_SHARE * _E_K_REF) / (1.0 - LEAK_K_SHARE)

_Q10_NA = 2.2 ** ((TEMP_C - 20.0) / 10.0)
_Q10_H = 2.9 ** ((TEMP_C - 20.0) / 10.0)
_Q10_K = 3.0 ** ((TEMP_C - 36.0) / 10.0)
_Q10_HCN = 3.0 ** ((TEMP_C - 34.0) / 10.0)
_S_V_HALF = -63.7
_S_SLOPE = 5.3

# ---------------------------------------------------------------------------------------------
# Surface-charge screening
# ---------------------------------------------------------------------------------------------

_SCREEN_REF = CA_REF_MM + MG_SCREENING_WEIGHT * MG_REF_MM


def _shift(ca: np.ndarray | float, mg: np.ndarray | float) -> np.ndarray | float:
    return SHIFT_MV_PER_DECADE * np.log10((ca + MG_SCREENING_WEIGHT * mg) / _SCREEN_REF)


def gating_shift_mv(ca: float, mg: float) -> float:
    """Shift of the Na⁺-channel gating curves along the voltage axis (mV) from Ca²⁺/Mg²⁺ screening.

    ``25 mV · log10((ca + 0.3·mg) / (1.2 + 0.3·0.85))``: exactly 0 at normal values (ionized Ca²⁺
    1.2 mM, serum Mg²⁺ 0.85 mM), negative (channels open at more negative potentials: more
    excitable) when they fall, positive when they rise. Mg²⁺ counts 0.3 times as much as Ca²⁺.

    Parameters
    ----------
    ca
        Ionized extracellular Ca²⁺ (mM), 0.01–5 mM.
    mg
        Serum Mg²⁺ (mM), 0.01–10 mM.
    """
    c = check_number("ca", ca, *PHYSICAL_RANGES["ca"], "mM")
    m = check_number("mg", mg, *PHYSICAL_RANGES["mg"], "mM")
    return float(_shift(c, m))


def _ca_at_ph(ca: np.ndarray | float, ph: np.ndarray | float) -> np.ndarray | float:
    return ca * (1.0 - PH_CA_FRACTION_PER_UNIT * (ph - PH_REF))


def _shift_ph(ca: np.ndarray | float, mg: np.ndarray | float, ph: np.ndarray | float) -> np.ndarray | float:
    """Gating shift (mV) with pH: screening by the ionized Ca²⁺ at that pH plus the direct proton effect."""
    return _shift(_ca_at_ph(ca, ph), mg) + PH_SHIFT_MV_PER_UNIT * (ph - PH_REF)


def ionized_ca_at_ph(ca: float, ph: float) -> float:
    """Ionized Ca²⁺ (mM) at arterial ``ph`` (6.8–7.8) when it is ``ca`` (mM) at pH 7.4.

    Alkalosis binds more Ca²⁺ to albumin: ≈ 0.05 mM less per +0.1 pH at 1.2 mM (proportional to ``ca``).
    Over-breathing to pH 7.6 takes 1.20 mM to 1.10 mM.
    """
    c = check_number("ca", ca, *PHYSICAL_RANGES["ca"], "mM")
    p = check_number("ph", ph, *PH_RANGE, "")
    return float(_ca_at_ph(c, p))


# ---------------------------------------------------------------------------------------------
# Rate functions (closed form, MRG 2002 at 37 °C) and their tables
# ---------------------------------------------------------------------------------------------


def _x_over_expm1(x: np.ndarray, scale: float) -> np.ndarray:
    """``x / (1 − exp(−x/scale))`` without the removable 0/0 at x = 0 (series there)."""
    small = np.abs(x) < 1e-6
    xs = np.where(small, 1.0, x)
    return np.where(small, scale + 0.5 * x, xs / -np.expm1(-xs / scale))


def _m_rates(u: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    return (_Q10_NA * 1.86 * _x_over_expm1(u + 21.4, 10.3), _Q10_NA * 0.086 * _x_over_expm1(-(u + 25.7), 9.16))


def rate_constants(u_mv: ArrayLike) -> dict[str, np.ndarray]:
    """Opening (α) and closing (β) rates (1/ms) of the Na⁺ gates at gating voltage ``u_mv`` (mV).

    ``u_mv`` is the membrane voltage minus the gating shift. Keys ``alpha_m``, ``beta_m`` (fast Na⁺ activation,
    McIntyre et al. 2002 at 37 °C), ``alpha_h``, ``beta_h`` (inactivation: MRG's rates × :data:`H_RATE_SCALE`),
    ``alpha_p``, ``beta_p`` (persistent Na⁺ activation: the m rates at ``u_mv`` + :data:`NAP_SHIFT_MV`). Finite
    everywhere, including the removable singularities.
    """
    u = np.asarray(u_mv, dtype=float)
    am, bm = _m_rates(u)
    ap, bp = _m_rates(u + NAP_SHIFT_MV)
    return {
        "alpha_m": am,
        "beta_m": bm,
        "alpha_h": H_RATE_SCALE * _Q10_H * 0.062 * _x_over_expm1(-(u + 114.0), 11.0),
        "beta_h": H_RATE_SCALE * _Q10_H * 2.3 / (1.0 + np.exp(-(u + 31.8) / 13.4)),
        "alpha_p": ap,
        "beta_p": bp,
    }


def persistent_na_activation(u_mv: ArrayLike) -> np.ndarray:
    """Steady-state persistent-Na⁺ activation p∞ (0…1) at gating voltage ``u_mv`` (mV)."""
    r = rate_constants(u_mv)
    return r["alpha_p"] / (r["alpha_p"] + r["beta_p"])


def slow_k_steady_state(v_mv: ArrayLike) -> np.ndarray:
    """Steady-state slow K⁺ activation s∞ (0…1) at membrane voltage ``v_mv`` (mV); module docstring."""
    v = np.asarray(v_mv, dtype=float)
    return 1.0 / (1.0 + np.exp(-(v - _S_V_HALF) / _S_SLOPE))


def slow_k_tau_ms(v_mv: ArrayLike) -> np.ndarray:
    """Time constant of the slow K⁺ gate (ms): MRG's 1/(α_s + β_s) with the voltage held at ≥ −85 mV, and at
    least :data:`TAU_S_MIN_MS`."""
    v2 = np.maximum(np.asarray(v_mv, dtype=float), -85.0) + 80.0
    a = _Q10_K * 0.3 / (np.exp((v2 - 27.0) / -5.0) + 1.0)
    b = _Q10_K * 0.03 / (np.exp((v2 + 10.0) / -1.0) + 1.0)
    return np.maximum(1.0 / (a + b), TAU_S_MIN_MS)


def hcn_rates(v_mv: ArrayLike) -> tuple[np.ndarray, np.ndarray]:
    """Opening and closing rates (1/ms) of the internodal HCN gate q at voltage ``v_mv`` (mV).

    Howells et al. 2012 as used by Gaines et al. 2018: ``α = 0.00522·exp(−(V + 107.3)/12.2)``,
    ``β = 0.00522·exp((V + 107.3)/12.2)`` at 34 °C, Q10 3 to 37 °C. Opens on hyperpolarisation.
    """
    x = (np.asarray(v_mv, dtype=float) + 107.3) / -12.2
    return _Q10_HCN * 0.00522 * np.exp(x), _Q10_HCN * 0.00522 * np.exp(-x)


def _na_steady(u: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """(m∞, h∞, p∞, rate sums (α+β) of m, h, p)."""
    r = rate_constants(u)
    out = []
    sums = []
    for g in ("m", "h", "p"):
        a, b = r[f"alpha_{g}"], r[f"beta_{g}"]
        out.append(a / (a + b))
        sums.append(a + b)
    return (*out, *sums)


def _q_steady(v: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(q∞, α + β) of the HCN gate."""
    a, b = hcn_rates(v)
    return a / (a + b), a + b


_TABLE_U_MIN = -200.0
_TABLE_U_MAX = 150.0
_TABLE_DU = 0.05


@lru_cache(maxsize=8)
def _tables(dt: float) -> tuple[np.ndarray, np.ndarray]:
    """Table over voltage for linear interpolation, one row per quantity.

    Rows 0–5 are indexed by the Na⁺ gating voltage: m∞, h∞, p∞ and their one-step decay factors
    exp(−dt·(α + β)); rows 6–9 by a membrane voltage (the node's or the internode's): s∞, exp(−dt/τ_s), q∞ and
    exp(−dt·(α_q + β_q)). Returns the table (10 × n) and its forward differences along the voltage axis.
    """
    u = np.arange(_TABLE_U_MIN, _TABLE_U_MAX + 0.5 * _TABLE_DU, _TABLE_DU)
    m, h, p, sm, sh, sp = _na_steady(u)
    q, sq = _q_steady(u)
    table = np.vstack([m, h, p, np.exp(-dt * sm), np.exp(-dt * sh), np.exp(-dt * sp),
                       slow_k_steady_state(u), np.exp(-dt / slow_k_tau_ms(u)), q, np.exp(-dt * sq)])
    diff = np.zeros_like(table)
    diff[:, :-1] = table[:, 1:] - table[:, :-1]
    table.setflags(write=False)
    diff.setflags(write=False)
    return table, diff


# ---------------------------------------------------------------------------------------------
# Conditions: blood values + modifiers → shift, E_K, E_Na, E_L, extra currents
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class AxonConditions:
    """Everything the membrane sees, derived from the blood values, the modifiers and the fibre type.

    Attributes
    ----------
    k_mm, na_mm, ca_mm, mg_mm
        Effective extracellular concentrations (mM) after fatigue, dehydration and pH (``ca_mm`` is the
        ionized Ca²⁺ at ``ph``).
    shift_mv
        Gating shift of the Na⁺ gates (mV): :func:`gating_shift_mv` of the effective Ca²⁺ and Mg²⁺ plus
        the direct pH term ``PH_SHIFT_MV_PER_UNIT · (pH − 7.4)``.
    e_k_mv, e_na_mv, e_l_mv
        Nernst potentials (mV) at 37 °C and the leak reversal potential.
    compression_ua_cm2
        Mean ectopic current (µA/cm²).
    fibre
        ``"motor"`` or ``"sensory"``.
    g_nap
        Persistent Na⁺ share of that fibre times :data:`G_NA` (mS/cm²).
    ph
        Arterial pH.
    """

    k_mm: float
    na_mm: float
    ca_mm: float
    mg_mm: float
    shift_mv: float
    e_k_mv: float
    e_na_mv: float
    e_l_mv: float
    compression_ua_cm2: float
    fibre: str = "motor"
    g_nap: float = G_NAP
    ph: float = PH_REF


def _check_ecf(ecf: object) -> Electrolytes:
    if not isinstance(ecf, Electrolytes):
        raise TypeError(f"ecf must be an Electrolytes instance, got {ecf!r} of type {type(ecf).__name__}")
    return ecf


def _check_fibre(fibre: object) -> str:
    return check_choice("fibre", fibre, FIBRES)


def _dehydrated_na(na: np.ndarray | float, pct: np.ndarray | float) -> np.ndarray | float:
    body_water = _BODY_WATER_FRACTION * _BODY_MASS_KG
    lost = pct / 100.0 * _BODY_MASS_KG
    return (na * body_water - lost * _SWEAT_NA_K_MM) / (body_water - lost)


def leak_reversal_mv(e_k_mv: ArrayLike) -> np.ndarray | float:
    """Reversal potential of the node and internode leaks (mV): ``(1 − 0.15)·E_fixed + 0.15·E_K``."""
    return (1.0 - LEAK_K_SHARE) * E_L_FIXED + LEAK_K_SHARE * np.asarray(e_k_mv, dtype=float)


def axon_conditions(
    ecf: Electrolytes,
    *,
    fatigue_k_mm: float = 0.0,
    dehydration_pct: float = 0.0,
    compression_ua_cm2: float = 0.0,
    fibre: str = "motor",
    ph: float = PH_REF,
) -> AxonConditions:
    """The membrane's conditions for blood values ``ecf`` (ionized Ca²⁺ as at pH 7.4), the modifiers,
    ``fibre`` and arterial ``ph`` (6.8–7.8)."""
    ecf = _check_ecf(ecf)
    fk = check_number("fatigue_k_mm", fatigue_k_mm, *FATIGUE_K_RANGE_MM, "mM")
    dh = check_number("dehydration_pct", dehydration_pct, *DEHYDRATION_RANGE_PCT, "% body mass")
    cp = check_number("compression_ua_cm2", compression_ua_cm2, *COMPRESSION_RANGE_UA_CM2, "µA/cm²")
    fb = _check_fibre(fibre)
    ph_ = check_number("ph", ph, *PH_RANGE, "")
    k = ecf.k + fk
    na = float(_dehydrated_na(ecf.na, dh))
    e_k = nernst(1, k, K_AXOPLASM_MM, TEMP_C)
    return AxonConditions(
        k_mm=k, na_mm=na, ca_mm=float(_ca_at_ph(ecf.ca, ph_)), mg_mm=ecf.mg,
        shift_mv=float(_shift_ph(ecf.ca, ecf.mg, ph_)),
        e_k_mv=e_k, e_na_mv=nernst(1, na, NA_AXOPLASM_MM, TEMP_C), e_l_mv=float(leak_reversal_mv(e_k)),
        compression_ua_cm2=cp, fibre=fb, g_nap=FIBRE_G_NAP[fb], ph=ph_,
    )


# ---------------------------------------------------------------------------------------------
# Resting state and its stability
# ---------------------------------------------------------------------------------------------


def _node_current(v, shift, e_na, e_k, e_l, g_nap, gates=None):
    """Ionic current of the node (µA/cm², without the coupling to the internode), at rest or at ``gates``."""
    if gates is None:
        m, h, p = _na_steady(v - shift)[:3]
        s = slow_k_steady_state(v)
    else:
        m, h, p, s = gates
    return (
        ((G_NA - g_nap) * m**3 + g_nap * p**3) * h * (v - e_na)
        + G_K * s * (v - e_k)
        + G_L * (v - e_l)
    )


def _internode_current(vi, e_k, e_l, gates=None):
    """Ionic current of the internode (µA/cm² of node, without the coupling), at rest or at ``gates``."""
    if gates is None:
        si, q = slow_k_steady_state(vi), _q_steady(vi)[0]
    else:
        si, q = gates
    return G_K_I * si * (vi - e_k) + G_H_I * q * (vi - E_H) + G_L_I * (vi - e_l)


def _internode_rest(v, e_k, e_l) -> np.ndarray:
    """Internodal voltage (mV) at steady state with the node held at ``v`` (bisection; the current rises
    monotonically with the internodal voltage because the coupling dominates)."""
    lo = np.minimum(np.minimum(v, e_k), e_l) - 1.0
    hi = np.maximum(np.maximum(v, e_l), E_H) + 1.0
    for _ in range(48):
        mid = 0.5 * (lo + hi)
        neg = _internode_current(mid, e_k, e_l) + G_BB * (mid - v) < 0.0
        lo = np.where(neg, mid, lo)
        hi = np.where(neg, hi, mid)
    return 0.5 * (lo + hi)


def _steady_current(v, shift, e_na, e_k, e_l, g_nap):
    """Node current (µA/cm²) at steady state with the internode at its own steady state."""
    return _node_current(v, shift, e_na, e_k, e_l, g_nap) + G_BB * (v - _internode_rest(v, e_k, e_l))


def _rest_voltages_unique(shift, e_na, e_k, e_l, g_nap) -> tuple[np.ndarray, np.ndarray]:
    grid = np.arange(-220.0, 40.0 + 1e-9, 0.5)
    cur = _steady_current(grid[None, :], shift[:, None], e_na[:, None], e_k[:, None], e_l[:, None], g_nap[:, None])
    up = (cur[:, :-1] < 0.0) & (cur[:, 1:] >= 0.0)
    idx = np.argmax(up, axis=1)  # I < 0 at −220 mV and I > 0 at +40 mV for every valid set
    lo = grid[idx]
    hi = lo + 0.5
    for _ in range(40):
        mid = 0.5 * (lo + hi)
        neg = _steady_current(mid, shift, e_na, e_k, e_l, g_nap) < 0.0
        lo = np.where(neg, mid, lo)
        hi = np.where(neg, hi, mid)
    v = 0.5 * (lo + hi)
    return v, _internode_rest(v, e_k, e_l)


def _rest_state(shift, e_na, e_k, e_l, g_nap) -> tuple[np.ndarray, np.ndarray]:
    """Resting (node, internode) voltages (mV): the most negative zero of the node's steady-state I–V curve
    with the internode at steady state; vectorised over parameter sets (each distinct set solved once)."""
    cols = np.column_stack([np.broadcast_to(np.asarray(x, dtype=float), np.shape(shift))
                            for x in (shift, e_na, e_k, e_l, g_nap)])
    uniq, inverse = np.unique(cols, axis=0, return_inverse=True)
    v, vi = _rest_voltages_unique(*uniq.T)
    inverse = np.asarray(inverse).ravel()
    return v[inverse], vi[inverse]


def _rest_voltage(shift, e_na, e_k, e_l, g_nap) -> np.ndarray:
    """Resting potential of the node (mV) of each parameter set."""
    return _rest_state(shift, e_na, e_k, e_l, g_nap)[0]


def _arr(c: AxonConditions) -> tuple[np.ndarray, ...]:
    return tuple(np.array([x]) for x in (c.shift_mv, c.e_na_mv, c.e_k_mv, c.e_l_mv, c.g_nap))


#: Names of the state variables, in the order of :func:`membrane_rhs` and :func:`resting_state`.
STATE_NAMES: tuple[str, ...] = ("V", "m", "h", "p", "s", "V_i", "s_i", "q")


def membrane_rhs(y: ArrayLike, conditions: AxonConditions, stim_ua_cm2: float = 0.0) -> np.ndarray:
    """Time derivatives of the state ``y = (V, m, h, p, s, V_i, s_i, q)`` (mV/ms and 1/ms): the model's equations.

    Node: ``C_m dV/dt = I_stim − [((g_Na − g_NaP) m³ + g_NaP p³) h (V − E_Na) + g_Ks s (V − E_K) + g_L (V − E_L)
    + g_BB (V − V_i)]``; internode: ``C_i dV_i/dt = −[g_Ks,i s_i (V_i − E_K) + g_H q (V_i − E_H)
    + g_L,i (V_i − E_L) + g_BB (V_i − V)]``; ``dx/dt = α_x (1 − x) − β_x x`` for x = m, h, p at V − shift and
    for q at V_i; ``ds/dt = (s∞(V) − s)/τ_s(V)``, the same for s_i at V_i. Closed-form rates (no tables): what
    the fixed-step integrator approximates; used for the linear stability analysis and the ``solve_ivp``
    reference.
    """
    v, m, h, p, s, vi, si, q = np.asarray(y, dtype=float)
    c = conditions
    r = rate_constants(v - c.shift_mv)
    aq, bq = hcn_rates(vi)
    i_node = _node_current(v, c.shift_mv, c.e_na_mv, c.e_k_mv, c.e_l_mv, c.g_nap, gates=(m, h, p, s))
    i_int = _internode_current(vi, c.e_k_mv, c.e_l_mv, gates=(si, q))
    i_bb = G_BB * (v - vi)
    return np.array(
        [
            (stim_ua_cm2 - i_node - i_bb) / C_M,
            r["alpha_m"] * (1 - m) - r["beta_m"] * m,
            r["alpha_h"] * (1 - h) - r["beta_h"] * h,
            r["alpha_p"] * (1 - p) - r["beta_p"] * p,
            (slow_k_steady_state(v) - s) / slow_k_tau_ms(v),
            (i_bb - i_int) / C_I,
            (slow_k_steady_state(vi) - si) / slow_k_tau_ms(vi),
            aq * (1 - q) - bq * q,
        ]
    )


def resting_state(
    ecf: Electrolytes, *, fatigue_k_mm: float = 0.0, dehydration_pct: float = 0.0, fibre: str = "motor"
) -> np.ndarray:
    """The resting state ``(V, m, h, p, s, V_i, s_i, q)`` (mV, gate fractions) before the :data:`NUDGE_MV` nudge."""
    c = axon_conditions(ecf, fatigue_k_mm=fatigue_k_mm, dehydration_pct=dehydration_pct, fibre=fibre)
    v_arr, vi_arr = _rest_state(*_arr(c))
    v, vi = float(v_arr[0]), float(vi_arr[0])
    m, h, p = (float(g) for g in _na_steady(np.array(v - c.shift_mv))[:3])
    return np.array([v, m, h, p, float(slow_k_steady_state(v)), vi, float(slow_k_steady_state(vi)),
                     float(_q_steady(np.array(vi))[0])])


def resting_potential_mv(
    ecf: Electrolytes, *, fatigue_k_mm: float = 0.0, dehydration_pct: float = 0.0, fibre: str = "motor"
) -> float:
    """Resting potential of the node (mV): the most negative zero of its steady-state I–V curve."""
    return float(resting_state(ecf, fatigue_k_mm=fatigue_k_mm, dehydration_pct=dehydration_pct, fibre=fibre)[0])


def rest_max_growth_rate(
    ecf: Electrolytes, *, fatigue_k_mm: float = 0.0, dehydration_pct: float = 0.0, fibre: str = "motor"
) -> float:
    """Largest real part of the eigenvalues at rest (1/ms): < 0 stable rest, > 0 rest unstable."""
    c = axon_conditions(ecf, fatigue_k_mm=fatigue_k_mm, dehydration_pct=dehydration_pct, fibre=fibre)
    y0 = resting_state(ecf, fatigue_k_mm=fatigue_k_mm, dehydration_pct=dehydration_pct, fibre=fibre)
    n = y0.size
    jac = np.empty((n, n))
    for j in range(n):
        d = np.zeros(n)
        d[j] = 1e-4 if STATE_NAMES[j].startswith("V") else 1e-6
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
    out = [z[0]]
    for k in range(1, n_steps):
        out.append(a * out[-1] + b * z[k])
    return np.array(out)


def _pulse_mask(n_steps: int, dt: float, stim_hz: float, pulse_ms: float) -> np.ndarray:
    """1.0 for steps whose midpoint lies inside a pulse (pulses start at 0, 1/f, 2/f, …), else 0.0."""
    t_mid = (np.arange(n_steps) + 0.5) * dt
    period = 1000.0 / stim_hz
    return (np.mod(t_mid, period) < pulse_ms).astype(float)


def _pulse_wave(n_steps: int, dt: float, times: np.ndarray, amps: np.ndarray, widths: np.ndarray) -> np.ndarray:
    """Stimulus current (µA/cm²) of every step from square pulses that add where they overlap.

    A pulse from ``t0`` lasting ``w`` covers the steps whose midpoints lie in [t0, t0 + w), at least one
    step (the same rule as the ``stim_hz`` route). ``times``, ``amps``, ``widths`` are 1-D (shared by
    every set, result ``(n_steps,)``) or 2-D ``(n_sets, n_pulses)`` (result ``(n_steps, n_sets)``).
    """
    t = np.atleast_2d(np.asarray(times, dtype=float))
    a = np.atleast_2d(np.asarray(amps, dtype=float))
    w = np.atleast_2d(np.asarray(widths, dtype=float))
    start = np.clip(np.ceil(t / dt - 0.5 - 1e-9), 0, n_steps).astype(np.intp)
    stop = np.clip(np.ceil((t + w) / dt - 0.5 - 1e-9), 0, n_steps).astype(np.intp)
    stop = np.where((stop <= start) & (start < n_steps), start + 1, stop)
    delta = np.zeros((n_steps + 1, t.shape[0]))
    cols = np.broadcast_to(np.arange(t.shape[0])[:, None], t.shape)
    np.add.at(delta, (start.ravel(), cols.ravel()), a.ravel())
    np.add.at(delta, (stop.ravel(), cols.ravel()), -a.ravel())
    wave = np.cumsum(delta[:-1], axis=0)
    wave[np.abs(wave) < 1e-9] = 0.0  # exact zeros between pulses (no rounding residue of the sums)
    return wave[:, 0] if np.ndim(times) == 1 else wave


def _check_pulses(
    stim_times_ms: object, stim_amplitude: object, stim_width_ms: object, duration_ms: float
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Validate the explicit pulse lists (equal lengths, finite, in range); returns three float arrays."""
    given = [x is not None for x in (stim_times_ms, stim_amplitude, stim_width_ms)]
    if not all(given):
        raise ValueError(
            "stim_times_ms, stim_amplitude and stim_width_ms must be given together (one value per pulse); "
            f"got {'only ' if any(given) else ''}"
            + ", ".join(n for n, g in zip(("stim_times_ms", "stim_amplitude", "stim_width_ms"), given, strict=True)
                        if g)
        )
    out = []
    specs: tuple[tuple[str, Any, float, float, str], ...] = (
        ("stim_times_ms", stim_times_ms, 0.0, duration_ms, "ms"),
        ("stim_amplitude", stim_amplitude, *STIM_RANGE_UA_CM2, "µA/cm²"),
        ("stim_width_ms", stim_width_ms, *PULSE_WIDTH_RANGE_MS, "ms"),
    )
    for name, value, lo, hi, unit in specs:
        if isinstance(value, (str, bytes)) or np.ndim(value) != 1:
            raise ValueError(f"{name}={short_repr(value)} must be a list of numbers (one per pulse, in {unit})")
        arr = np.asarray(value)
        if arr.dtype.kind not in "iuf":
            raise ValueError(f"{name}={short_repr(value)} must hold real numbers (in {unit})")
        if not 1 <= arr.size <= MAX_PULSES:
            raise ValueError(f"{name} holds {arr.size} pulses; allowed range is [1, {MAX_PULSES}]")
        out.append(check_array(name, arr.astype(float), lo, hi, unit))
    sizes = [a.size for a in out]
    if len(set(sizes)) != 1:
        raise ValueError(
            f"stim_times_ms, stim_amplitude and stim_width_ms must have equal lengths (one value per pulse); "
            f"got {sizes[0]}, {sizes[1]} and {sizes[2]}"
        )
    if np.any(out[0] >= duration_ms):
        bad = float(out[0][out[0] >= duration_ms][0])
        raise ValueError(f"stim_times_ms contains {bad:g} ms; allowed range is [0, {duration_ms:g}) ms (the run)")
    return out[0], out[1], out[2]


def _integrate(
    shift, e_na, e_k, e_l, g_nap, i_dc, i_pulse, comp, *, duration_ms, dt, pulse_mask, seed, record_every, float32,
) -> AxonBatch:
    """Advance every parameter set with the staggered scheme of the module docstring.

    Sets up the start (gates at rest at −dt/2, voltage :data:`NUDGE_MV` above rest), the steady and the
    fluctuating currents and the recording, runs the time loop (:func:`_loop_scalar` for one set,
    :func:`_loop_batch` for several: the same operations, so a set's result does not depend on the
    batch) and collects the spikes (:func:`_finish`).
    """
    n = shift.size
    n_steps = int(round(duration_ms / dt))
    rest, rest_i = _rest_state(shift, e_na, e_k, e_l, g_nap)
    # m, h, p, s, s_i, q at −dt/2
    gates = np.vstack([*_na_steady(rest - shift)[:3], slow_k_steady_state(rest), slow_k_steady_state(rest_i),
                       _q_steady(rest_i)[0]])
    v = rest + NUDGE_MV
    vi = rest_i.copy()
    comp_sd = COMPRESSION_NOISE_RATIO * comp
    noise = _ou_noise(n_steps, dt, seed) if np.any(comp_sd > 0.0) else None
    base = G_L * e_l + i_dc + comp
    base_i = G_L_I * e_l
    pulse = None if pulse_mask is None or np.ndim(pulse_mask) != 1 else pulse_mask.tolist()
    rows = None if pulse_mask is None or np.ndim(pulse_mask) != 2 else np.ascontiguousarray(pulse_mask, dtype=float)
    if rows is not None and n == 1:  # one set: the scalar loop takes a shared waveform
        pulse, rows, i_pulse = rows[:, 0].tolist(), None, np.ones(1)
    n_rec = n_steps // record_every + 1 if record_every > 0 else 0
    rec = np.empty((n_rec, n), dtype=np.float32 if float32 else float)
    if n_rec:
        rec[0] = v
    hits: list[tuple[int, np.ndarray, np.ndarray]] = []
    if n == 1:
        _loop_scalar(v, vi, gates, shift, e_na, e_k, g_nap, base, base_i, i_pulse, comp_sd, noise, pulse, n_steps, dt,
                     record_every, rec, hits)
    else:
        _loop_batch(v, vi, gates, shift, e_na, e_k, g_nap, base, base_i, i_pulse, comp_sd, noise, pulse, n_steps, dt,
                    record_every, rec, hits, rows)
    return _finish(hits, n, rec, n_steps, record_every, dt, duration_ms, rest)


#: Table position of a voltage (mV) is ``V/du − offset``: 1/du (1/mV) and the offset of the
#: membrane-voltage rows (the Na⁺ rows add shift/du, as they are indexed by V − shift).
_INV_DU = 1.0 / _TABLE_DU
_OFFSET_K = _TABLE_U_MIN * _INV_DU


def _loop_batch(
    v, vi, gates, shift, e_na, e_k, g_nap, base, base_i, i_pulse, comp_sd, noise, pulse, n_steps, dt, record_every,
    rec, hits, rows=None,
) -> None:
    """The time loop of :func:`_integrate` for n > 1 sets (numpy operations on whole rows).

    ``gates`` (m, h, p, s, s_i, q; 6 × n), ``v`` and ``vi`` (node and internode voltages, mV) are the state at
    t = 0 and are overwritten; recorded node voltages go into ``rec``, upward crossings of
    :data:`SPIKE_THRESHOLD_MV` into ``hits``. ``pulse`` is a shared per-step factor of ``i_pulse``; ``rows``
    (n_steps × n) a per-set stimulus current (µA/cm²). The gates advance by the exact exponential (Rush–Larsen)
    update with the voltages of the step start, then the node and internode voltages by one linearly implicit
    midpoint step of the coupled pair (a 2 × 2 solve).
    """
    n = v.size
    table, diff = _tables(dt)
    inv_du, pos_max, thr = _INV_DU, table.shape[1] - 1.000001, SPIKE_THRESHOLD_MV
    offsets = np.vstack([(shift + _TABLE_U_MIN) * inv_du, np.full(n, _OFFSET_K)])  # rows: Na⁺ gates, slow K⁺
    tna, dna = np.ascontiguousarray(table[:6]), np.ascontiguousarray(diff[:6])
    tk, dk = np.ascontiguousarray(table[6:8]), np.ascontiguousarray(diff[6:8])
    ti, di = np.ascontiguousarray(table[6:10]), np.ascontiguousarray(diff[6:10])
    g_nat = G_NA - g_nap
    cn_dt, ci_dt, hb = C_M / dt, C_I / dt, 0.5 * G_BB
    a12sq = hb * hb
    gates_na, gates_k, gates_i = gates[0:3], gates[3:4], gates[4:6]
    m, h, p, s, si, q = gates
    for k in range(n_steps):
        pos = v * inv_du - offsets
        np.clip(pos, 0.0, pos_max, out=pos)
        idx = pos.astype(np.intp)
        frac = pos - idx
        pi = vi * inv_du - _OFFSET_K
        np.clip(pi, 0.0, pos_max, out=pi)
        ii = pi.astype(np.intp)
        fi = pi - ii
        vals = np.take(tna, idx[0], axis=1) + np.take(dna, idx[0], axis=1) * frac[0]
        kv = np.take(tk, idx[1], axis=1) + np.take(dk, idx[1], axis=1) * frac[1]
        iv = np.take(ti, ii, axis=1) + np.take(di, ii, axis=1) * fi
        gates_na -= vals[0:3]  # exponential (Rush–Larsen) update of every gate
        gates_na *= vals[3:6]
        gates_na += vals[0:3]
        gates_k -= kv[0:1]
        gates_k *= kv[1:2]
        gates_k += kv[0:1]
        gates_i -= iv[0::2]
        gates_i *= iv[1::2]
        gates_i += iv[0::2]
        g_na = (m * m * m * g_nat + p * p * p * g_nap) * h
        g_k = s * G_K
        g1 = g_na + g_k + G_L
        d1 = g_na * e_na + g_k * e_k + base
        if noise is not None:
            d1 += comp_sd * noise[k]
        if pulse is not None and pulse[k]:
            d1 += i_pulse * pulse[k]
        if rows is not None:
            d1 += rows[k]
        g_ki = si * G_K_I
        g_h = q * G_H_I
        g2 = g_ki + g_h + G_L_I
        d2 = g_ki * e_k + g_h * E_H + base_i
        r1 = d1 - g1 * v - G_BB * (v - vi)
        r2 = d2 - g2 * vi - G_BB * (vi - v)
        a11 = (g1 + G_BB) * 0.5 + cn_dt
        a22 = (g2 + G_BB) * 0.5 + ci_dt
        det = a11 * a22 - a12sq
        v_new = v + (r1 * a22 + hb * r2) / det
        vi = vi + (a11 * r2 + hb * r1) / det
        above = (v_new >= thr) & (v < thr)
        if above.any():
            j = np.flatnonzero(above)
            hits.append((k, j, (thr - v[j]) / (v_new[j] - v[j])))
        v = v_new
        if record_every and (k + 1) % record_every == 0:
            rec[(k + 1) // record_every] = v


def _extra_current(noise, pulse, comp_sd: float, i_pulse: float, n_steps: int) -> list[float] | None:
    """Per-step fluctuating plus pulsed current (µA/cm²) of one set, or ``None`` if there is neither."""
    if noise is None and pulse is None:
        return None
    e = np.zeros(n_steps)
    if noise is not None:
        e += comp_sd * noise
    if pulse is not None:
        e += i_pulse * np.asarray(pulse, dtype=float)
    return e.tolist()


def _loop_scalar(
    v, vi, gates, shift, e_na, e_k, g_nap, base, base_i, i_pulse, comp_sd, noise, pulse, n_steps, dt, record_every,
    rec, hits,
) -> None:
    """:func:`_loop_batch` for a single parameter set, operation for operation, on Python floats (faster)."""
    table, diff = _tables(dt)
    t_m, t_h, t_p, t_dm, t_dh, t_dp, t_s, t_ds, t_q, t_dq = (row.tolist() for row in table)
    d_m, d_h, d_p, d_dm, d_dh, d_dp, d_s, d_ds, d_q, d_dq = (row.tolist() for row in diff)
    v, vi, shift, e_na, e_k, g_nap, base, base_i = (float(x[0]) for x in (v, vi, shift, e_na, e_k, g_nap, base,
                                                                           base_i))
    extra = _extra_current(noise, pulse, float(comp_sd[0]), float(i_pulse[0]), n_steps)
    inv_du, off_k, pos_max, thr = _INV_DU, _OFFSET_K, table.shape[1] - 1.000001, SPIKE_THRESHOLD_MV
    off_na = (shift + _TABLE_U_MIN) * inv_du
    g_nat = G_NA - g_nap
    g_bb, g_k_n, g_l_n, g_k_i, g_h_i, g_l_i, e_h = G_BB, G_K, G_L, G_K_I, G_H_I, G_L_I, E_H
    cn_dt, ci_dt, hb = C_M / dt, C_I / dt, 0.5 * G_BB
    a12sq = hb * hb
    m, h, p, s, si, q = gates[:, 0].tolist()
    out: list[float] = []
    keep = record_every > 0
    push = out.append
    hit = hits.append
    for k in range(n_steps):
        pos = v * inv_du
        pk = pos - off_k
        pos -= off_na
        if pos < 0.0:
            pos = 0.0
        elif pos > pos_max:
            pos = pos_max
        if pk < 0.0:
            pk = 0.0
        elif pk > pos_max:
            pk = pos_max
        pi = vi * inv_du - off_k
        if pi < 0.0:
            pi = 0.0
        elif pi > pos_max:
            pi = pos_max
        i = int(pos)
        f = pos - i
        j = int(pk)
        g = pk - j
        ji = int(pi)
        gi = pi - ji
        minf = t_m[i] + d_m[i] * f
        hinf = t_h[i] + d_h[i] * f
        pinf = t_p[i] + d_p[i] * f
        sinf = t_s[j] + d_s[j] * g
        siinf = t_s[ji] + d_s[ji] * gi
        qinf = t_q[ji] + d_q[ji] * gi
        m = (m - minf) * (t_dm[i] + d_dm[i] * f) + minf
        h = (h - hinf) * (t_dh[i] + d_dh[i] * f) + hinf
        p = (p - pinf) * (t_dp[i] + d_dp[i] * f) + pinf
        s = (s - sinf) * (t_ds[j] + d_ds[j] * g) + sinf
        si = (si - siinf) * (t_ds[ji] + d_ds[ji] * gi) + siinf
        q = (q - qinf) * (t_dq[ji] + d_dq[ji] * gi) + qinf
        g_na = (m * m * m * g_nat + p * p * p * g_nap) * h
        g_k = s * g_k_n
        g1 = g_na + g_k + g_l_n
        d1 = g_na * e_na + g_k * e_k + base
        if extra is not None:
            d1 += extra[k]
        g_ki = si * g_k_i
        g_h = q * g_h_i
        g2 = g_ki + g_h + g_l_i
        d2 = g_ki * e_k + g_h * e_h + base_i
        r1 = d1 - g1 * v - g_bb * (v - vi)
        r2 = d2 - g2 * vi - g_bb * (vi - v)
        a11 = (g1 + g_bb) * 0.5 + cn_dt
        a22 = (g2 + g_bb) * 0.5 + ci_dt
        det = a11 * a22 - a12sq
        v_new = v + (r1 * a22 + hb * r2) / det
        vi = vi + (a11 * r2 + hb * r1) / det
        if v_new >= thr and v < thr:
            hit((k, np.array([0]), np.array([(thr - v) / (v_new - v)])))
        v = v_new
        if keep:
            push(v)
    if keep:
        rec[1:, 0] = out[record_every - 1 :: record_every]


def _finish(hits, n, rec, n_steps, record_every, dt, duration_ms, rest) -> AxonBatch:
    n_rec = rec.shape[0]
    spikes: list[list[float]] = [[] for _ in range(n)]
    for k, j, fr in hits:
        for jj, ff in zip(j.tolist(), fr.tolist(), strict=True):
            spikes[jj].append((k + ff) * dt)
    spike_arrays = tuple(np.array(s, dtype=float) for s in spikes)
    rate = np.array([s.size for s in spike_arrays], dtype=float) * 1000.0 / duration_ms
    t = np.arange(n_rec) * (record_every * dt) if n_rec else np.empty(0)
    return AxonBatch(t_ms=t, v_mv=rec, spike_times_ms=spike_arrays, rate_hz=rate, rest_mv=rest, duration_ms=duration_ms)


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


def _check_param(name: str, value: Any, lo: float, hi: float, unit: str) -> np.ndarray:
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
    sensory: ArrayLike = False,
    duration_ms: float = 500.0,
    stim_hz: float | None = None,
    pulse_ms: float = 0.1,
    seed: int = 0,
    dt_ms: float = DT_MS,
    record_every: int = 1,
    float32: bool = False,
    stim_times_ms: ArrayLike | None = None,
    stim_amplitude: ArrayLike | None = None,
    stim_width_ms: ArrayLike | None = None,
    ph: ArrayLike = PH_REF,
) -> AxonBatch:
    """Simulate many parameter sets at once (arrays broadcast together, flattened in C order).

    Each argument is a scalar or an array of the quantity of :func:`simulate_axon` (same units and
    ranges); ``sensory`` (bool or 0/1 array) picks the fibre type per set. All sets share the time grid,
    the stimulus timing (``stim_hz``, ``pulse_ms``) and the noise sequence of ``seed``. The result for one
    set is identical whatever else is in the batch. ``record_every`` keeps every k-th voltage sample
    (0: record nothing); ``float32`` halves the memory of the recorded voltages. ``stim_times_ms``,
    ``stim_amplitude``, ``stim_width_ms``: explicit square pulses shared by every set (as in
    :func:`simulate_axon`; ``stim_ua_cm2`` then stays a steady current). ``ph``: arterial pH per set.
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
        "sensory": (np.asarray(sensory, dtype=float), 0.0, 1.0, ""),
        "ph": (ph, *PH_RANGE, ""),
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
    explicit = any(x is not None for x in (stim_times_ms, stim_amplitude, stim_width_ms))
    if explicit and stim_hz is not None:
        raise ValueError(f"stim_hz={stim_hz!r} cannot be combined with stim_times_ms/stim_amplitude/stim_width_ms; "
                         "give either a regular train (stim_hz, pulse_ms) or explicit pulses")
    if explicit:
        times, amps, widths = _check_pulses(stim_times_ms, stim_amplitude, stim_width_ms, d)
        mask = _pulse_wave(int(round(d / dt)), dt, times, amps, widths)
    elif stim_hz is not None:
        f_hz = check_number("stim_hz", stim_hz, 0.0, 200.0, "Hz", lo_inclusive=False)
        pw = check_number("pulse_ms", pulse_ms, 0.02, 5.0, "ms")
        if pw >= 1000.0 / f_hz:
            raise ValueError(f"pulse_ms={pw:g} ms must be shorter than the period {1000.0 / f_hz:g} ms")
        mask = _pulse_mask(int(round(d / dt)), dt, f_hz, pw)
    k = flat["k_mm"] + flat["fatigue_k_mm"]
    na = _dehydrated_na(flat["na_mm"], flat["dehydration_pct"])
    e_k = _RTF * (np.log(k) - math.log(K_AXOPLASM_MM))  # as course.electrolytes.nernst, vectorised
    e_na = _RTF * (np.log(na) - math.log(NA_AXOPLASM_MM))
    e_l = np.asarray(leak_reversal_mv(e_k), dtype=float)
    g_nap = np.where(flat["sensory"] > 0.5, FIBRE_G_NAP["sensory"], FIBRE_G_NAP["motor"])
    shift = np.asarray(_shift_ph(flat["ca_mm"], flat["mg_mm"], flat["ph"]), dtype=float)
    stim = flat["stim_ua_cm2"]
    zeros = np.zeros(n)
    if explicit:  # the pulses carry their own amplitudes; stim_ua_cm2 stays a steady current
        i_dc, i_pulse = stim, np.ones(n)
    elif mask is not None:
        i_dc, i_pulse = zeros, stim
    else:
        i_dc, i_pulse = stim, zeros
    return _integrate(
        shift, e_na, e_k, e_l, g_nap,
        i_dc,
        i_pulse,
        flat["compression_ua_cm2"],
        duration_ms=d, dt=dt, pulse_mask=mask, seed=seed, record_every=int(record_every), float32=bool(float32),
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
    pulse_ms: float = 0.1,
    fatigue_k_mm: float = 0.0,
    dehydration_pct: float = 0.0,
    compression_ua_cm2: float = 0.0,
    seed: int = 0,
    dt_ms: float = DT_MS,
    fibre: str = "motor",
    stim_times_ms: ArrayLike | None = None,
    stim_amplitude: ArrayLike | None = None,
    stim_width_ms: ArrayLike | None = None,
    ph: float = PH_REF,
) -> AxonTrace:
    """Simulate the axon node (motor or sensory) for blood values ``ecf``.

    Parameters
    ----------
    ecf
        Extracellular concentrations (:class:`~course.electrolytes.Electrolytes`, mM).
    duration_ms
        Simulated time (ms, 0 < d ≤ 5000).
    stim_ua_cm2
        Stimulus current density (µA/cm², −300…1000; positive depolarises). Without ``stim_hz`` it is a
        steady current switched on at t = 0; with ``stim_hz`` it is the amplitude of square pulses.
    stim_hz
        Pulse frequency (Hz, 0 < f ≤ 200): pulses start at 0, 1/f, 2/f, … ms.
    pulse_ms
        Pulse width (ms, 0.02–5, shorter than the period).
    fatigue_k_mm
        Extra interstitial K⁺ from muscle fatigue (mM, 0–8), added to ``ecf.k``.
    dehydration_pct
        Sweat loss without drinking (% body mass, 0–8): concentrates extracellular Na⁺ (teaching
        assumption, module docstring).
    compression_ua_cm2
        Mean ectopic depolarising current at a compressed site (µA/cm², 0–200), with seeded fluctuations.
    seed
        Seed of the compression noise (integer ≥ 0); same seed → identical run.
    dt_ms
        Time step (ms, 0.001–0.02).
    fibre
        ``"motor"`` (default) or ``"sensory"`` (more persistent Na⁺).
    stim_times_ms, stim_amplitude, stim_width_ms
        Explicit square pulses, one value per pulse in three lists of equal length (1–2000 pulses):
        start times (ms, 0 ≤ t < ``duration_ms``; a pulse at t = 0 is allowed), amplitudes (µA/cm²,
        −300…1000) and widths (ms, 0.01–1000). Pulses add where they overlap. Not combined with
        ``stim_hz``; ``stim_ua_cm2`` then stays a steady current. Example: a conditioning and a test
        pulse ``stim_times_ms=[0, 6], stim_amplitude=[900, 120], stim_width_ms=[0.1, 1.0]``.
    ph
        Arterial pH (6.8–7.8). ``ecf.ca`` is the ionized Ca²⁺ at pH 7.4; alkalosis lowers it
        (:func:`ionized_ca_at_ph`) and shifts the Na⁺ gates directly (:data:`PH_SHIFT_MV_PER_UNIT`).

    Returns
    -------
    AxonTrace
        Time, voltage, spike times, resting potential and the conditions used. The run starts at
        rest + :data:`NUDGE_MV` (see the module docstring).
    """
    cond = axon_conditions(
        ecf, fatigue_k_mm=fatigue_k_mm, dehydration_pct=dehydration_pct, compression_ua_cm2=compression_ua_cm2,
        fibre=fibre, ph=ph,
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
        sensory=cond.fibre == "sensory",
        stim_times_ms=stim_times_ms,
        stim_amplitude=stim_amplitude,
        stim_width_ms=stim_width_ms,
        ph=cond.ph,
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
    fibre: str = "motor",
    ph: float = PH_REF,
) -> float:
    """Firing rate without any stimulus (Hz): spikes in ``duration_ms`` divided by the duration.

    0 at normal blood values and at any K⁺ of 2–17 mM; > 0 once ionized Ca²⁺ falls below the onset
    (:func:`onset_ca_mm`: ≈ 0.8–0.85 mM for the motor axon, higher for the sensory one). ``ph``: arterial
    pH (6.8–7.8; ``ecf.ca`` is the value at 7.4, see :func:`simulate_axon`).
    """
    _check_ecf(ecf)
    sensory = _check_fibre(fibre) == "sensory"
    ph = check_number("ph", ph, *PH_RANGE, "")
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
        sensory=sensory,
        ph=ph,
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
    fibre: str = "motor",
) -> np.ndarray:
    """Firing rate (Hz) at each ionized Ca²⁺ in ``ca_mm`` (mM), the other values from ``ecf``.

    One batched run; ``stim_ua_cm2`` is a steady current (0: spontaneous firing).
    """
    ecf = Electrolytes() if ecf is None else _check_ecf(ecf)
    sensory = _check_fibre(fibre) == "sensory"
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
        sensory=sensory,
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
    fibre: str = "motor",
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
        grid, ecf, duration_ms, fatigue_k_mm=fatigue_k_mm, dehydration_pct=dehydration_pct, fibre=fibre
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
    sensory: bool = False,
    ph: float = PH_REF,
) -> np.ndarray:
    """Rheobase for M conditions at once: coarse-to-fine search, 40 currents per condition per pass."""
    m = ca.size
    s_lo, s_hi = STIM_RANGE_UA_CM2
    lo = np.full(m, s_lo)
    hi = np.full(m, s_hi)
    result = np.full(m, np.nan)
    todo = np.arange(m)
    frac = np.linspace(0.0, 1.0, 40)
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
            sensory=sensory,
            ph=ph,
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
    window_ms: float = 100.0,
    tolerance_ua_cm2: float = 0.05,
    fibre: str = "motor",
    ph: float = PH_REF,
) -> float:
    """Threshold of a steady current step (µA/cm²): the smallest step that gives a spike in ``window_ms``.

    The step starts at t = 0 from the nudged rest, the protocol of every run. The result falls as
    Ca²⁺ or Mg²⁺ fall and rises as they rise; it rises again when K⁺ climbs above ≈ 8 mM (the
    depolarised node accommodates: Na⁺ inactivation and slow K⁺). ``fibre``: "motor" or "sensory".
    It is **negative** when the axon already fires by itself: only a hyperpolarising current larger
    than that keeps it silent, so the value stays one continuous measure of excitability through the
    onset. Returns ``inf`` if no current in :data:`STIM_RANGE_UA_CM2` gives a spike (inexcitable) and
    ``-inf`` if even −300 µA/cm² fires. Accurate to ``tolerance_ua_cm2``. ``ph``: arterial pH (6.8–7.8;
    ``ecf.ca`` is the value at 7.4, see :func:`simulate_axon`).
    """
    values = rheobases(
        [ecf],
        fatigue_k_mm=fatigue_k_mm,
        dehydration_pct=dehydration_pct,
        window_ms=window_ms,
        tolerance_ua_cm2=tolerance_ua_cm2,
        fibre=fibre,
        ph=ph,
    )
    return float(values[0])


def rheobase_curve(
    ca_mm: ArrayLike,
    ecf: Electrolytes | None = None,
    *,
    mg_mm: ArrayLike | None = None,
    fatigue_k_mm: float = 0.0,
    dehydration_pct: float = 0.0,
    window_ms: float = 100.0,
    tolerance_ua_cm2: float = 0.05,
    fibre: str = "motor",
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
    tol = check_number("tolerance_ua_cm2", tolerance_ua_cm2, 1e-3, 10.0, "µA/cm²")
    if not 1 <= ca.size <= 40:
        raise ValueError(f"ca_mm holds {ca.size} values; allowed range is [1, 40]")
    sensory = _check_fibre(fibre) == "sensory"
    return _rheobase_many(
        ca, mg, np.full(ca.size, ecf.k), np.full(ca.size, ecf.na), fk, dh, w, tol, sensory
    )


def rheobases(
    ecfs: list[Electrolytes] | tuple[Electrolytes, ...],
    *,
    fatigue_k_mm: float = 0.0,
    dehydration_pct: float = 0.0,
    window_ms: float = 100.0,
    tolerance_ua_cm2: float = 0.05,
    fibre: str = "motor",
    ph: float = PH_REF,
) -> np.ndarray:
    """:func:`rheobase_ua_cm2` (µA/cm²) of several sets of blood values, in one batched search."""
    if not isinstance(ecfs, (list, tuple)) or not 1 <= len(ecfs) <= 40:
        raise ValueError(f"ecfs must be a list of 1 to 40 Electrolytes, got {ecfs!r}")
    items = [_check_ecf(e) for e in ecfs]  # TypeError names "ecf"
    fk = check_number("fatigue_k_mm", fatigue_k_mm, *FATIGUE_K_RANGE_MM, "mM")
    dh = check_number("dehydration_pct", dehydration_pct, *DEHYDRATION_RANGE_PCT, "% body mass")
    w = check_number("window_ms", window_ms, 10.0, 2000.0, "ms")
    tol = check_number("tolerance_ua_cm2", tolerance_ua_cm2, 1e-3, 10.0, "µA/cm²")
    cols = {f: np.array([getattr(e, f) for e in items]) for f in ("ca", "mg", "k", "na")}
    sensory = _check_fibre(fibre) == "sensory"
    ph = check_number("ph", ph, *PH_RANGE, "")
    return _rheobase_many(cols["ca"], cols["mg"], cols["k"], cols["na"], fk, dh, w, tol, sensory, ph)


def instability_ca_mm(
    ecf: Electrolytes | None = None,
    *,
    fatigue_k_mm: float = 0.0,
    dehydration_pct: float = 0.0,
    tolerance_mm: float = 1e-4,
    fibre: str = "motor",
) -> float:
    """Ionized Ca²⁺ (mM) below which the resting state is linearly unstable (the Hopf point).

    Bisection on :func:`rest_max_growth_rate` between 0.05 and 5 mM, other blood values from
    ``ecf`` (default normal). Returns ``nan`` if rest is stable (or unstable) over the whole range.
    """
    ecf = Electrolytes() if ecf is None else _check_ecf(ecf)
    tol = check_number("tolerance_mm", tolerance_mm, 1e-6, 0.1, "mM")

    def unstable(ca: float) -> bool:
        e = ecf.replace(ca=ca)
        return rest_max_growth_rate(e, fatigue_k_mm=fatigue_k_mm, dehydration_pct=dehydration_pct, fibre=fibre) > 0.0

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

    Returns the :class:`course.contraction.ContractionTrace` of **one motor unit** whose fibres receive
    every spike of ``trace`` (force as a fraction of that unit's maximal fused tetanus). A whole muscle is
    many units firing asynchronously, so its force is not this number.
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


# ---------------------------------------------------------------------------------------------
# Threshold tracking in the model: recovery cycle, strength–duration, repetitive stimulation
# ---------------------------------------------------------------------------------------------

#: Time of the conditioning (or unconditioned test) pulse (ms): after the start nudge has died away.
TRACK_START_MS = 10.0
#: Width of the supramaximal conditioning pulse (ms) and the window after a test pulse in which a spike
#: counts as its response (ms).
CONDITIONING_WIDTH_MS = 0.1
RESPONSE_WINDOW_MS = 3.0


def _run_rows(ecf: Electrolytes, fibre: str, ph: float, fatigue_k_mm: float, times, amps, widths, duration_ms: float,
              dt: float = DT_MS) -> tuple[np.ndarray, ...]:
    """Spike times of one run per row of ``times``/``amps``/``widths`` (n_sets × n_pulses), same conditions."""
    cond = axon_conditions(ecf, fatigue_k_mm=fatigue_k_mm, fibre=fibre, ph=ph)
    n = np.shape(times)[0]
    shift, e_na, e_k, e_l, g_nap = (np.full(n, x) for x in (cond.shift_mv, cond.e_na_mv, cond.e_k_mv, cond.e_l_mv,
                                                             cond.g_nap))
    n_steps = int(round(duration_ms / dt))
    rows = _pulse_wave(n_steps, dt, times, amps, widths)
    zeros = np.zeros(n)
    batch = _integrate(shift, e_na, e_k, e_l, g_nap, zeros, zeros, zeros, duration_ms=duration_ms, dt=dt,
                       pulse_mask=rows, seed=0, record_every=0, float32=False)
    return batch.spike_times_ms


def pulse_thresholds_ua_cm2(
    ecf: Electrolytes,
    widths_ms: ArrayLike,
    *,
    delays_ms: ArrayLike | None = None,
    conditioning_ua_cm2: float = 1000.0,
    fibre: str = "motor",
    ph: float = PH_REF,
    fatigue_k_mm: float = 0.0,
    tolerance: float = 0.005,
) -> np.ndarray:
    """Threshold (µA/cm²) of a square test pulse of each width in ``widths_ms`` (ms, 0.01–5).

    Without ``delays_ms`` the test pulse comes alone at :data:`TRACK_START_MS`. With ``delays_ms`` (ms,
    one per width, 1–200) a supramaximal conditioning pulse (``conditioning_ua_cm2``, 0.1 ms) comes first
    at :data:`TRACK_START_MS` and the test pulse that long after it (the recovery-cycle protocol of
    threshold tracking). A test pulse "fires" when a spike starts within :data:`RESPONSE_WINDOW_MS` after
    its end that the conditioning pulse alone does not give. Bisection on a grid of 16 currents per pass to
    a relative ``tolerance``; ``inf`` when even 1000 µA/cm² does not fire.
    """
    _check_ecf(ecf)
    w = check_array("widths_ms", widths_ms, 0.01, 5.0, "ms")
    if not 1 <= w.size <= 40:
        raise ValueError(f"widths_ms holds {w.size} values; allowed range is [1, 40]")
    if delays_ms is None:
        d = None
    else:
        d = check_array("delays_ms", delays_ms, 1.0, 200.0, "ms")
        if d.size != w.size:
            raise ValueError(f"delays_ms has {d.size} values but widths_ms has {w.size}; give one per width")
        check_number("conditioning_ua_cm2", conditioning_ua_cm2, 0.0, STIM_RANGE_UA_CM2[1], "µA/cm²")
    tol = check_number("tolerance", tolerance, 1e-4, 0.1, "")
    fb = _check_fibre(fibre)
    m, n_grid = w.size, 16
    test_at = np.full(m, TRACK_START_MS) if d is None else TRACK_START_MS + d
    duration = float(np.max(test_at + w)) + RESPONSE_WINDOW_MS + 1.0
    lo, hi = np.zeros(m), np.full(m, STIM_RANGE_UA_CM2[1])
    result = np.full(m, np.nan)
    todo = np.arange(m)
    while todo.size:
        frac = np.linspace(0.0, 1.0, n_grid)
        amps = lo[todo, None] + (hi[todo] - lo[todo])[:, None] * frac[None, :]
        amps[:, 0] = 0.0  # column 0: the control (no test pulse)
        k = todo.size
        t_test = np.repeat(test_at[todo], n_grid)
        a_test = amps.ravel()
        w_test = np.repeat(w[todo], n_grid)
        if d is None:
            times, a, widths = t_test[:, None], a_test[:, None], w_test[:, None]
        else:
            times = np.column_stack([np.full(k * n_grid, TRACK_START_MS), t_test])
            a = np.column_stack([np.full(k * n_grid, conditioning_ua_cm2), a_test])
            widths = np.column_stack([np.full(k * n_grid, CONDITIONING_WIDTH_MS), w_test])
        spikes = _run_rows(ecf, fb, ph, fatigue_k_mm, times, a, widths, duration)
        counts = np.array([np.count_nonzero((s >= t0) & (s < t0 + ww + RESPONSE_WINDOW_MS))
                           for s, t0, ww in zip(spikes, t_test, w_test, strict=True)]).reshape(k, n_grid)
        keep = []
        for row, j in enumerate(todo):
            fired = counts[row, 1:] > counts[row, 0]
            grid = amps[row, 1:]
            if not fired.any():
                if hi[j] >= STIM_RANGE_UA_CM2[1]:
                    result[j] = math.inf
                    continue
                lo[j], hi[j] = hi[j], STIM_RANGE_UA_CM2[1]
                keep.append(j)
                continue
            first = int(np.argmax(fired))
            new_lo = lo[j] if first == 0 else grid[first - 1]
            lo[j], hi[j] = new_lo, grid[first]
            if hi[j] - lo[j] <= tol * hi[j]:
                result[j] = 0.5 * (lo[j] + hi[j])
            else:
                keep.append(j)
        todo = np.array(keep, dtype=np.intp)
    return result


def recovery_cycle_pct(
    ecf: Electrolytes | None = None,
    delays_ms: ArrayLike = (2.0, 3.0, 5.0, 6.0, 7.0, 10.0, 20.0, 30.0, 40.0, 50.0),
    *,
    fibre: str = "motor",
    ph: float = PH_REF,
    test_width_ms: float = 0.5,
) -> np.ndarray:
    """Threshold change (%) of a test pulse ``delays_ms`` (ms) after one supramaximal conditioning impulse.

    ``100 · (I_conditioned / I_unconditioned − 1)``: positive = refractory or subexcitable, negative =
    superexcitable (Kiernan et al. 2000 protocol in spirit; test width 0.5 ms). ``inf`` when the test
    pulse cannot fire (absolutely refractory within the stimulus range).
    """
    ecf = Electrolytes() if ecf is None else _check_ecf(ecf)
    d = check_array("delays_ms", delays_ms, 1.0, 200.0, "ms")
    tw = check_number("test_width_ms", test_width_ms, 0.05, 2.0, "ms")
    base = pulse_thresholds_ua_cm2(ecf, [tw], fibre=fibre, ph=ph)[0]
    cond = pulse_thresholds_ua_cm2(ecf, np.full(d.size, tw), delays_ms=d, fibre=fibre, ph=ph)
    return 100.0 * (cond / base - 1.0)


def strength_duration_ms(
    ecf: Electrolytes | None = None,
    *,
    fibre: str = "motor",
    ph: float = PH_REF,
    fatigue_k_mm: float = 0.0,
    widths_ms: ArrayLike = (0.2, 0.4, 0.6, 0.8, 1.0),
) -> tuple[float, float]:
    """Strength–duration time constant (ms) and rheobase (µA/cm²) from Weiss's law.

    Threshold charge ``Q = I·w`` of the pulses ``widths_ms`` is fitted by ``Q = I_rh·(w + τ_SD)`` (least
    squares): the protocol of Mogyoros et al. 1996 (0.2–1 ms). Returns ``(τ_SD, I_rh)``.
    """
    ecf = Electrolytes() if ecf is None else _check_ecf(ecf)
    w = check_array("widths_ms", widths_ms, 0.01, 5.0, "ms")
    thr = pulse_thresholds_ua_cm2(ecf, w, fibre=fibre, ph=ph, fatigue_k_mm=fatigue_k_mm, tolerance=0.002)
    slope, intercept = np.polyfit(w, thr * w, 1)
    return float(intercept / slope), float(slope)


def spikes_per_stimulus(
    ecf: Electrolytes | None = None,
    *,
    fibre: str = "motor",
    ph: float = PH_REF,
    strength: float = 2.0,
    width_ms: float = 0.1,
    window_ms: float = 30.0,
) -> int:
    """Number of spikes one pulse of ``strength`` × its threshold (width ``width_ms``) gives in ``window_ms``.

    A healthy axon answers 1 (no afterdischarge); ``0`` if the pulse cannot fire the axon.
    """
    ecf = Electrolytes() if ecf is None else _check_ecf(ecf)
    thr = pulse_thresholds_ua_cm2(ecf, [width_ms], fibre=fibre, ph=ph)[0]
    if not math.isfinite(thr):
        return 0
    amp = min(strength * thr, STIM_RANGE_UA_CM2[1])
    s = _run_rows(ecf, _check_fibre(fibre), ph, 0.0, [[TRACK_START_MS]], [[amp]], [[width_ms]],
                  TRACK_START_MS + window_ms)[0]
    return int(np.count_nonzero(s >= TRACK_START_MS))


def train_response(
    ecf: Electrolytes | None = None,
    *,
    stim_hz: float = 50.0,
    n_pulses: int = 25,
    amplitude_ua_cm2: float = 1000.0,
    width_ms: float = 0.1,
    fibre: str = "motor",
) -> tuple[int, int]:
    """(pulses answered by exactly one spike within 2 ms, total spikes) for a train of ``n_pulses``.

    The clinical repetitive-nerve-stimulation check: a healthy axon answers every supramaximal pulse of a
    20–50 Hz train one-to-one.
    """
    ecf = Electrolytes() if ecf is None else _check_ecf(ecf)
    f = check_number("stim_hz", stim_hz, 0.1, 200.0, "Hz")
    starts = TRACK_START_MS + np.arange(int(n_pulses)) * 1000.0 / f
    s = _run_rows(ecf, _check_fibre(fibre), PH_REF, 0.0, starts[None, :], np.full((1, starts.size), amplitude_ua_cm2),
                  np.full((1, starts.size), width_ms), float(starts[-1] + 1000.0 / f))[0]
    one = sum(int(np.count_nonzero((s >= t0) & (s < t0 + 2.0)) == 1) for t0 in starts)
    return one, int(np.count_nonzero(s >= TRACK_START_MS))
