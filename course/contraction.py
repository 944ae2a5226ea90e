"""Excitation–contraction coupling: Ca²⁺ release and reuptake, troponin activation, cross-bridge force.

A single-compartment teaching model of one muscle fibre (or a motor unit of identical fibres):

1. **Release.** Every action potential opens the sarcoplasmic-reticulum (SR) release channels (RyR1)
   for a moment: a Gaussian release command (peak ``release_peak_um_per_ms``, full duration at half
   maximum ``release_fdhm_ms``, centred ``release_delay_ms`` after the spike). The flux is the command
   times the fraction of channels not inactivated (the gate ``h``, relative to rest) times the SR
   content relative to rest (the driving force): ``J = peak · h/h_rest · S/S0 · gauss(t)``.
2. **Ca²⁺-dependent inactivation.** Free Ca²⁺ inactivates the release channels
   (``dh/dt = (1 − h)/τ_rec − k_max · Ca²/(Ca² + K²) · h``, ``release_inact_max_per_ms``,
   ``release_inact_ca50_um``); they recover with ``release_recovery_ms``. The Ca²⁺
   released by one spike starts to close the channels within that same spike, so one action potential
   releases only about a fifth of the SR content (measured ≈ 0.17; Pape, Jong & Chandler 1998), and
   during a fast train each later spike releases less because the channels have not recovered — the
   mechanism Baylor & Hollingworth (2007) identify: at 67 Hz the 2nd spike releases ≈ 0.25 and the 5th
   ≈ 0.15 of the first, and recovery after one spike has a rate constant of ≈ 7 s⁻¹ (τ ≈ 140 ms). The
   SR itself stays far from empty, and tetanic free Ca²⁺ settles on a plateau below the first spike's peak.
3. **Buffering.** Free Ca²⁺ binds troponin (the regulatory sites, kinetic), parvalbumin (a slow
   buffer; its Mg²⁺ competition is lumped into an apparent on-rate) and ATP (fast; treated as in
   rapid equilibrium, which multiplies the capacity of free Ca²⁺ by ``1 + ATP/K_d``).
4. **Reuptake.** SERCA pumps Ca²⁺ back into the SR (Michaelis–Menten, ``serca_vmax_um_per_ms``,
   ``serca_km_um``); a small leak from the SR balances the pump at rest, so the resting state is a
   true steady state. Total cell Ca²⁺ is conserved.
5. **Activation.** The troponin occupancy is turned into an effective Ca²⁺ concentration
   ``x = K_d,Tn · f/(1 − f)`` (equal to free Ca²⁺ at steady state) and activation follows the
   force–pCa Hill relation ``a = x^n / (x^n + Ca50^n)`` (:func:`steady_state_force`).
6. **Force.** A two-state cross-bridge pool: attachment at ``xb_attach_per_ms · a``, detachment at
   a rate that rises from ``xb_detach_active_per_ms`` (fully active) to ``xb_detach_relaxed_per_ms``
   (relaxed) as activation falls. The cross-bridge force (the attached fraction scaled so that the
   steady state at full activation — the maximal fused tetanus — is 1) reaches the tendon through the
   series elasticity, a first-order lag ``series_elastic_ms`` (Hill's active state); a brief twitch
   therefore transmits only part of it (twitch:tetanus 0.10–0.25).

Species and temperature of the sources (also in :data:`PARAM_INFO`): the Ca²⁺ transients (peaks,
half-widths, release flux) are calibrated to **mouse** fibres at **16 °C** (Baylor & Hollingworth 2003,
2007); the fractional release per spike to **frog** cut fibres (Pape et al. 1998); buffer constants
come from frog and mouse models; the twitch times, twitch:tetanus ratio and force–frequency curve are
calibrated to **human** motor units at body temperature (Sica & McComas 1971; Thomas et al. 1991).
The result is therefore not a human fibre at 37 °C: its Ca²⁺ transient is longer than a warm mammalian
one would be. Human limb muscle has almost no parvalbumin (Heizmann, Berchtold & Rowlerson 1982); the
fast set's 361 µM is a calibration value that gives the fast fibre its shorter Ca²⁺ transient.
Calibrated (fitted) numbers are listed as such in ``course/validation/contraction.py`` and VALIDATION.md.

Integration: fixed step ``dt_ms`` (default :data:`DT_MS` = 0.25 ms), mass-conserving splitting. Per
step, the release gate is advanced exactly with Ca²⁺ held at a mid-step value extrapolated from the last
two steps; the release is integrated exactly (error function of the Gaussian, exact SR depletion at the
mean gate of the step); SERCA, leak and parvalbumin (exact exponential at the step's starting Ca²⁺) give
the net transport into the cytosol; half of it is added, the stiff Ca²⁺–troponin reaction is advanced
with the exact solution of its Riccati equation (free + troponin-bound Ca²⁺ conserved), and the other
half is added. The cross-bridge equation, linear in the attached fraction once activation is known, and the
series-elastic lag are solved exactly step by step as vectorised linear recurrences. Against
``scipy.integrate.solve_ivp`` (Radau, rtol 1e-8) the force error is below 1 % of maximum at 0.25 ms
(tests/test_contraction.py). One
trajectory runs in a ``math``-module loop (≈ 1 µs per step); :func:`force_frequency` integrates all
frequencies at once with numpy arrays, by default at :data:`FF_DT_MS` = 0.25 ms.

Units: time ms, concentrations µM (myoplasmic-volume equivalents), rates ms⁻¹ or µM⁻¹ms⁻¹,
frequencies Hz, force as a fraction of the maximal fused-tetanus force.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from types import MappingProxyType
from typing import Any

import numpy as np
from numpy.typing import ArrayLike

from course._checks import check_array, check_choice, check_number

__all__ = [
    "DT_MS",
    "MAX_STIM_HZ",
    "FF_TRAIN_MS",
    "FF_DT_MS",
    "FF_FREQS_HZ",
    "FibreParams",
    "FAST",
    "SLOW",
    "FIBRE_PARAMS",
    "PARAM_INFO",
    "ContractionTrace",
    "TwitchMetrics",
    "pca_to_um",
    "um_to_pca",
    "steady_state_force",
    "fibre_params",
    "train_spike_times",
    "simulate_contraction",
    "force_frequency",
    "fusion_index",
    "twitch_metrics",
    "metrics_from_trace",
    "release_per_stimulus",
    "fusion_words",
    "FUSED_INDEX",
    "FUSED_FORCE",
    "ForceFrequencyTable",
    "twitch_tetanus_ratio",
    "half_max_frequency",
    "fusion_frequency",
    "rhs",
    "initial_state",
]

#: Default integration step (ms). Checked against solve_ivp in tests/test_contraction.py.
DT_MS = 0.25
#: Highest stimulation frequency accepted (Hz); motor units fire far below this.
MAX_STIM_HZ = 200.0
#: Train length used for the force–frequency curve (ms): long enough for force to plateau.
FF_TRAIN_MS = 500.0
#: Step of the vectorised force–frequency integrator (ms): its peak forces stay within 0.5 % of maximum
#: of a 0.1-ms integration (tests/test_contraction.py).
FF_DT_MS = 0.25
#: Frequencies (Hz) of the force–frequency curve shown in notebook 02 and its explorer (read-only).
FF_FREQS_HZ = np.array([1, 2, 3, 4, 5, 6, 8, 10, 12, 15, 18, 20, 25, 30, 35, 40, 50, 60, 80, 100], dtype=float)
FF_FREQS_HZ.flags.writeable = False
#: Longest simulation accepted (ms).
MAX_DURATION_MS = 10_000.0


@dataclass(frozen=True)
class FibreParams:
    """Parameters of one fibre type. Units in the field names; sources in :data:`PARAM_INFO`."""

    name: str
    release_peak_um_per_ms: float
    release_fdhm_ms: float
    release_delay_ms: float
    release_inact_max_per_ms: float
    release_inact_ca50_um: float
    release_recovery_ms: float
    sr_store_um: float
    serca_vmax_um_per_ms: float
    serca_km_um: float
    ca_rest_um: float
    troponin_um: float
    troponin_kon_per_um_ms: float
    troponin_koff_per_ms: float
    parvalbumin_um: float
    parvalbumin_kon_per_um_ms: float
    parvalbumin_koff_per_ms: float
    atp_um: float
    atp_kd_um: float
    ca50_um: float
    hill_n: float
    xb_attach_per_ms: float
    xb_detach_active_per_ms: float
    xb_detach_relaxed_per_ms: float
    series_elastic_ms: float = 0.0

    def __post_init__(self) -> None:
        for f in fields(self):
            if f.name == "name":
                continue
            lo, hi, unit, lo_inc = PARAM_INFO[f.name][:4]
            check_number(f.name, getattr(self, f.name), lo, hi, unit, lo_inclusive=lo_inc)
        if self.ca_rest_um >= self.ca50_um:
            raise ValueError(
                f"ca_rest_um={self.ca_rest_um:g} µM must be below ca50_um={self.ca50_um:g} µM "
                "(a resting muscle is relaxed)"
            )
        if self.xb_detach_relaxed_per_ms < self.xb_detach_active_per_ms:
            raise ValueError(
                f"xb_detach_relaxed_per_ms={self.xb_detach_relaxed_per_ms:g} 1/ms must be at least "
                f"xb_detach_active_per_ms={self.xb_detach_active_per_ms:g} 1/ms (detachment speeds up as "
                "activation falls)"
            )

    @property
    def pca50(self) -> float:
        """Ca²⁺ sensitivity as pCa50 = −log10(Ca50 in M)."""
        return um_to_pca(self.ca50_um)

    @property
    def beta(self) -> float:
        """Capacity factor of free Ca²⁺ with ATP in rapid equilibrium (dimensionless, ≥ 1)."""
        return 1.0 + self.atp_um / self.atp_kd_um

    @property
    def gate_rest(self) -> float:
        """Fraction of release channels not inactivated at resting Ca²⁺ (0…1)."""
        k_rec = 1.0 / self.release_recovery_ms
        return k_rec / (k_rec + self.inactivation_rate(self.ca_rest_um))

    def inactivation_rate(self, ca_um: float) -> float:
        """Rate of Ca²⁺-dependent inactivation of the release channels at free Ca²⁺ ``ca_um`` (1/ms)."""
        x = ca_um * ca_um
        return self.release_inact_max_per_ms * x / (x + self.release_inact_ca50_um**2)

    @property
    def release_per_spike_um(self) -> float:
        """Ca²⁺ one spike would release at resting SR content if neither depletion nor inactivation acted (µM)."""
        sigma = self.release_fdhm_ms / (2.0 * math.sqrt(2.0 * math.log(2.0)))
        return self.release_peak_um_per_ms * sigma * math.sqrt(2.0 * math.pi)


#: name → (lowest, highest, unit, lowest allowed?, meaning and source). Bounds are wide physical
#: limits for validation, not normal ranges. Read-only.
PARAM_INFO: Mapping[str, tuple[float, float, str, bool, str]] = MappingProxyType({
    "release_peak_um_per_ms": (
        0.0, 1000.0, "µM/ms", True,
        "Peak SR release flux at resting SR content with no inactivation. Baylor & Hollingworth 2003 "
        "(J Physiol 551:125) and 2007 (J Gen Physiol 130:283), mouse fibres at 16 °C: ≈ 200–225 µM/ms "
        "fast, about a third of that slow; tuned (236 and 77) so the peak free Ca²⁺ of one AP matches "
        "their 18.5 µM (fast) and 9.4 µM (slow).",
    ),
    "release_fdhm_ms": (
        0.5, 10.0, "ms", True,
        "Full duration at half maximum of the release command before inactivation: 1.6 ms (Baylor & "
        "Hollingworth 2003/2007, mouse, 16 °C); inactivation shortens the flux a little.",
    ),
    "release_delay_ms": (
        0.0, 10.0, "ms", True,
        "Delay from the spike to the peak of release (ms); teaching value of a few ms.",
    ),
    "release_inact_max_per_ms": (
        0.0, 10.0, "1/ms", True,
        "Largest rate of Ca²⁺-dependent inactivation of the release channels (RyR1). The rate rises with "
        "free myoplasmic Ca²⁺ (a stand-in for the Ca²⁺ near the channels) as Ca²/(Ca² + K²). Calibrated, "
        "not measured (fast 1.04, with the recovery time and the half-rate Ca²⁺ fitted together): the "
        "2nd AP of a 67-Hz train releases ≈ 0.25 and the 5th ≈ 0.15 of the first (Baylor & Hollingworth "
        "2007, mouse fast fibres, 16 °C) while one AP releases ≈ 0.2 of the SR content (Pape, Jong & "
        "Chandler 1998: 0.17, frog cut fibres, ≈ 15 °C). Slow 0.74: not measured; set with the slow "
        "fibre's force–frequency curve (f50 ≈ 0.6 of the fast one).",
    ),
    "release_inact_ca50_um": (
        0.1, 100.0, "µM", True,
        "Free Ca²⁺ at which inactivation runs at half its largest rate (27 µM). Calibrated with the other "
        "release parameters: above the peak of one AP, so inactivation runs mostly while Ca²⁺ is high.",
    ),
    "release_recovery_ms": (
        1.0, 5000.0, "ms", True,
        "Time constant of recovery of the release channels from Ca²⁺ inactivation (114 ms). Calibrated: "
        "the two-AP protocol then recovers with a rate constant of ≈ 7 s⁻¹ (Baylor & Hollingworth 2007: "
        "7 s⁻¹, range 4–10, mouse fast fibres, 16 °C), i.e. over more than a hundred milliseconds.",
    ),
    "sr_store_um": (
        10.0, 5000.0, "µM", True,
        "SR Ca²⁺ content at rest, in myoplasmic-volume equivalents (µM), all treated as releasable; the "
        "driving force of release scales with it. Fast 1500 µM: inside the 1–2.5 mM range of SR content "
        "estimated for frog cut fibres (Pape et al. 1998) that the course's physiology review suggests. "
        "Slow 600 µM: a calibration value (slow fibres have less SR), chosen so one AP releases ≈ 0.2.",
    ),
    "serca_vmax_um_per_ms": (
        0.0, 20.0, "µM/ms", False,
        "Maximal SERCA uptake rate. Shorten et al. 2007 (J Muscle Res Cell Motil 28:293; a model of "
        "mouse/rat fibres) use ≈ 2.4–4.9 µM/ms. Here 2.13 (fast) and 0.97 (slow), calibrated with the "
        "release parameters to the Ca²⁺ half-widths (4.9 and 7.7 ms), a bounded tetanic Ca²⁺ and the "
        "force–frequency curves.",
    ),
    "serca_km_um": (
        0.1, 10.0, "µM", True,
        "SERCA half-saturating Ca²⁺: 0.27 µM in Shorten et al. 2007; 0.3 µM here.",
    ),
    "ca_rest_um": (
        0.01, 0.5, "µM", True,
        "Resting free Ca²⁺: 0.03–0.1 µM in resting skeletal muscle (course reference sheet).",
    ),
    "troponin_um": (
        0.0, 1000.0, "µM", False,
        "Ca²⁺-regulatory sites on troponin, spatially averaged: 240 µM (Baylor et al. 1983, as used by "
        "Baylor & Hollingworth 1998, J Gen Physiol 112:297). Slow fibres: half (one regulatory site).",
    ),
    "troponin_kon_per_um_ms": (
        0.0, 1.0, "1/(µM·ms)", False,
        "Ca²⁺ on-rate of troponin: 0.0885 µM⁻¹ms⁻¹ (course reference sheet, Shorten et al. 2007 model "
        "family; Shorten's fast-fibre file uses 0.04425 µM⁻¹ms⁻¹ per site with 140 µM sites).",
    ),
    "troponin_koff_per_ms": (
        0.0, 1.0, "1/ms", False,
        "Ca²⁺ off-rate of troponin: 0.115 ms⁻¹ (Baylor et al. 1983 as used by Baylor & Hollingworth 1998; "
        "Shorten et al. 2007).",
    ),
    "parvalbumin_um": (
        0.0, 3000.0, "µM", True,
        "Parvalbumin Ca²⁺ sites. Mouse fast fibres ≈ 1500 µM (Baylor & Hollingworth 2007, 16 °C); human "
        "limb muscle has almost none (≤ 0.001 g/kg in vastus and triceps against 4.9 g/kg in mouse "
        "gastrocnemius; Heizmann, Berchtold & Rowlerson 1982). The fast set's 361 µM is a calibration "
        "value, not a human measurement: it stands in for everything that clears Ca²⁺ faster in fast "
        "fibres and gives the fast fibre the shorter Ca²⁺ transient. Slow: 0.",
    ),
    "parvalbumin_kon_per_um_ms": (
        0.0, 0.1, "1/(µM·ms)", True,
        "Apparent Ca²⁺ on-rate of parvalbumin: 0.0417 µM⁻¹ms⁻¹ (Shorten et al. 2007) times the "
        "Mg²⁺-free fraction of sites at 1 mM Mg²⁺ (K_d,Mg ≈ 91 µM) = 0.00347 µM⁻¹ms⁻¹.",
    ),
    "parvalbumin_koff_per_ms": (
        0.0, 0.1, "1/ms", False,
        "Ca²⁺ off-rate of parvalbumin: 0.0005 ms⁻¹ (Shorten et al. 2007).",
    ),
    "atp_um": (
        0.0, 20000.0, "µM", True,
        "Myoplasmic ATP: 8 mM total (Baylor & Hollingworth 1998), a fast low-affinity Ca²⁺ buffer.",
    ),
    "atp_kd_um": (
        100.0, 1e5, "µM", True,
        "Ca²⁺ dissociation constant of ATP: 2200 µM (k_on 0.0136 µM⁻¹ms⁻¹, k_off 30 ms⁻¹; Baylor-group "
        "models of frog fibres, e.g. Baylor & Hollingworth 1998).",
    ),
    "ca50_um": (
        0.05, 50.0, "µM", True,
        "Ca²⁺ giving half-maximal activation. pCa50 5.8 fast (1.58 µM) and 6.0 slow (1.0 µM): force–pCa "
        "of skinned fibres, pCa50 ≈ 5.7–6.1 (course reference sheet, textbook ranges).",
    ),
    "hill_n": (
        1.0, 8.0, "", True,
        "Hill coefficient of the force–pCa relation: ≈ 3–5 fast, 2–3 slow (textbook ranges); 4 and 2.5 here.",
    ),
    "xb_attach_per_ms": (
        0.0, 1.0, "1/ms", False,
        "Cross-bridge attachment rate at full activation. Calibrated to human twitch contraction times "
        "(motor units 35–98 ms, Sica & McComas 1971), twitch:tetanus ratios (0.10–0.25) and the "
        "half-maximal frequency of the force–frequency curve (Thomas et al. 1991).",
    ),
    "xb_detach_active_per_ms": (
        0.0, 1.0, "1/ms", False,
        "Cross-bridge detachment rate while fully active; sets how close the tetanus gets to the "
        "attachment limit. Calibrated (see xb_attach_per_ms).",
    ),
    "xb_detach_relaxed_per_ms": (
        0.0, 1.0, "1/ms", False,
        "Cross-bridge detachment rate once activation has gone; sets the speed of relaxation. "
        "Calibrated to half-relaxation times of human motor units.",
    ),
    "series_elastic_ms": (
        0.0, 500.0, "ms", True,
        "Time constant of the series elasticity (tendon, cross-bridge compliance): the measured force "
        "follows the force of the attached cross-bridges through a first-order lag, so a brief twitch "
        "transmits only part of it (Hill's active state and series elastic component; Hill 1949, "
        "Proc R Soc B 136:399). 0 = no lag. Calibrated to twitch:tetanus 0.10–0.25 (human muscle).",
    ),
})

#: Fast-twitch (type II) fibre / motor unit.
FAST = FibreParams(
    name="fast",
    release_peak_um_per_ms=236.0,
    release_fdhm_ms=1.6,
    release_delay_ms=2.0,
    release_inact_max_per_ms=1.04,
    release_inact_ca50_um=27.0,
    release_recovery_ms=114.0,
    sr_store_um=1500.0,
    serca_vmax_um_per_ms=2.13,
    serca_km_um=0.3,
    ca_rest_um=0.05,
    troponin_um=240.0,
    troponin_kon_per_um_ms=0.0885,
    troponin_koff_per_ms=0.115,
    parvalbumin_um=361.0,
    parvalbumin_kon_per_um_ms=0.00347,
    parvalbumin_koff_per_ms=0.0005,
    atp_um=8000.0,
    atp_kd_um=2200.0,
    ca50_um=10 ** (6.0 - 5.8),
    hill_n=4.0,
    xb_attach_per_ms=0.00465,
    xb_detach_active_per_ms=0.00082,
    xb_detach_relaxed_per_ms=0.021,
    series_elastic_ms=7.0,
)

#: Slow-twitch (type I) fibre / motor unit.
SLOW = FibreParams(
    name="slow",
    release_peak_um_per_ms=76.8,
    release_fdhm_ms=1.6,
    release_delay_ms=2.0,
    release_inact_max_per_ms=0.74,
    release_inact_ca50_um=27.0,
    release_recovery_ms=114.0,
    sr_store_um=574.0,
    serca_vmax_um_per_ms=0.97,
    serca_km_um=0.3,
    ca_rest_um=0.05,
    troponin_um=120.0,
    troponin_kon_per_um_ms=0.0885,
    troponin_koff_per_ms=0.115,
    parvalbumin_um=0.0,
    parvalbumin_kon_per_um_ms=0.00347,
    parvalbumin_koff_per_ms=0.0005,
    atp_um=8000.0,
    atp_kd_um=2200.0,
    ca50_um=10 ** (6.0 - 6.0),
    hill_n=2.5,
    xb_attach_per_ms=0.00111,
    xb_detach_active_per_ms=0.00435,
    xb_detach_relaxed_per_ms=0.0277,
    series_elastic_ms=19.0,
)

#: Fibre name → parameter set (read-only).
FIBRE_PARAMS: Mapping[str, FibreParams] = MappingProxyType({"fast": FAST, "slow": SLOW})


@dataclass(frozen=True)
class ContractionTrace:
    """Result of :func:`simulate_contraction`.

    Attributes
    ----------
    t_ms
        Time (ms), from 0 to ``duration_ms`` in steps of ``dt_ms``.
    ca_um
        Free cytosolic Ca²⁺ (µM).
    force
        Force as a fraction of the maximal fused-tetanus force (0…1).
    activation
        Thin-filament activation (0…1) from troponin occupancy through the force–pCa relation.
    sr_um
        Ca²⁺ content of the SR (µM, myoplasmic-volume equivalents); all of it counts as releasable.
    spike_times_ms
        The spike times (ms) that drove the simulation.
    params
        The parameter set used.
    release_gate
        Fraction of SR release channels not inactivated by Ca²⁺ (0…1; ``params.gate_rest`` at rest).
    released_um
        Ca²⁺ released from the SR since t = 0, cumulative (µM, myoplasmic-volume equivalents).
    """

    t_ms: np.ndarray
    ca_um: np.ndarray
    force: np.ndarray
    activation: np.ndarray
    sr_um: np.ndarray
    spike_times_ms: np.ndarray
    params: FibreParams
    release_gate: np.ndarray
    released_um: np.ndarray

    @property
    def dt_ms(self) -> float:
        """Time step (ms)."""
        return float(self.t_ms[1] - self.t_ms[0]) if self.t_ms.size > 1 else 0.0

    @property
    def duration_ms(self) -> float:
        """Simulated time (ms)."""
        return float(self.t_ms[-1])

    @property
    def peak_force(self) -> float:
        """Largest force (fraction of maximal tetanic force)."""
        return float(self.force.max())

    @property
    def peak_ca_um(self) -> float:
        """Largest free Ca²⁺ (µM)."""
        return float(self.ca_um.max())


@dataclass(frozen=True)
class TwitchMetrics:
    """Key numbers of a single twitch (one spike at t = 0).

    Attributes
    ----------
    peak_ca_um
        Largest free Ca²⁺ (µM).
    peak_force
        Largest force (fraction of maximal fused tetanus).
    contraction_time_ms
        Stimulus to peak force (ms).
    half_relaxation_ms
        Peak force to half of it on the way down (ms).
    ca_half_width_ms
        Full duration at half maximum of the free-Ca²⁺ transient above rest (ms).
    sr_release_fraction
        Fraction of the SR Ca²⁺ content (at the stimulus) that this one action potential releases
        (0…1); measured ≈ 0.17 at normal content (Pape, Jong & Chandler 1998).
    """

    peak_ca_um: float
    peak_force: float
    contraction_time_ms: float
    half_relaxation_ms: float
    ca_half_width_ms: float
    sr_release_fraction: float


# --------------------------------------------------------------------------------------------
# Small helpers
# --------------------------------------------------------------------------------------------


def pca_to_um(pca: float) -> float:
    """Convert pCa (−log10 of the molar concentration) to µM."""
    p = check_number("pca", pca, 3.0, 9.0, "pCa units")
    return 10.0 ** (6.0 - p)


def um_to_pca(ca_um: float) -> float:
    """Convert a Ca²⁺ concentration in µM to pCa."""
    c = check_number("ca_um", ca_um, 0.0, 1e6, "µM", lo_inclusive=False)
    return 6.0 - math.log10(c)


def steady_state_force(
    ca_um: ArrayLike, ca50_um: float = FAST.ca50_um, hill_n: float = FAST.hill_n
) -> float | np.ndarray:
    """Steady-state force (fraction of maximum) at a constant free Ca²⁺: the force–pCa Hill relation.

    ``F = Ca^n / (Ca^n + Ca50^n)``; exactly 0.5 at ``ca_um == ca50_um``, 0 at 0 and → 1 at high Ca²⁺.

    Parameters
    ----------
    ca_um
        Free Ca²⁺ (µM), a number or an array, each ≥ 0.
    ca50_um
        Ca²⁺ at half-maximal force (µM); default pCa50 5.8 (fast fibres).
    hill_n
        Hill coefficient (steepness); default 4 (fast fibres).
    """
    c50 = check_number("ca50_um", ca50_um, 0.0, 1e4, "µM", lo_inclusive=False)
    n = check_number("hill_n", hill_n, 0.0, 20.0, lo_inclusive=False)
    scalar = np.ndim(ca_um) == 0
    if scalar:
        c = check_number("ca_um", ca_um, 0.0, 1e6, "µM")
        if c == 0.0:
            return 0.0
        return 1.0 / (1.0 + min(c50 / c, 1e15) ** n)  # the cap only avoids overflow far below Ca50
    arr = check_array("ca_um", np.ravel(np.asarray(ca_um)), 0.0, 1e6, "µM").reshape(np.shape(ca_um))
    out = np.zeros_like(arr)
    pos = arr > 0
    out[pos] = 1.0 / (1.0 + np.minimum(c50 / arr[pos], 1e15) ** n)
    return out


def fibre_params(fibre: str = "fast", **params: Any) -> FibreParams:
    """The parameter set of ``fibre`` ("fast" or "slow") with any fields overridden by ``params``.

    Unknown parameter names raise ``TypeError`` listing the valid ones; out-of-range values raise
    ``ValueError`` naming the parameter, its value and the allowed range.
    """
    base = FIBRE_PARAMS[check_choice("fibre", fibre, FIBRE_PARAMS)]
    if not params:
        return base
    valid = [f.name for f in fields(FibreParams) if f.name != "name"]
    for key in params:
        if key not in valid:
            raise TypeError(f"unknown parameter {key!r}; valid parameters: " + ", ".join(valid))
    return replace(base, **params)


def train_spike_times(
    stim_hz: float, duration_ms: float, n_stimuli: int | None = None, start_ms: float = 0.0
) -> np.ndarray:
    """Spike times (ms) of a regular train at ``stim_hz`` from ``start_ms`` within ``[0, duration_ms)``.

    ``n_stimuli`` (optional) limits the train to its first stimuli.
    """
    f = check_number("stim_hz", stim_hz, 0.0, MAX_STIM_HZ, "Hz", lo_inclusive=False)
    d = check_number("duration_ms", duration_ms, 0.0, MAX_DURATION_MS, "ms", lo_inclusive=False)
    s = check_number("start_ms", start_ms, 0.0, d, "ms", hi_inclusive=False)
    isi = 1000.0 / f
    n_max = int(math.floor((d - s) / isi - 1e-9)) + 1
    if n_stimuli is not None:
        if isinstance(n_stimuli, bool) or not isinstance(n_stimuli, (int, np.integer)):
            raise TypeError(f"n_stimuli must be an integer, got {n_stimuli!r}")
        check_number("n_stimuli", int(n_stimuli), 0, 100_000)
        n_max = min(n_max, int(n_stimuli))
    times = s + isi * np.arange(max(n_max, 0), dtype=float)
    return times[times < d]


def _erf(x: np.ndarray) -> np.ndarray:
    """Error function, Abramowitz & Stegun 7.1.26 (absolute error < 1.5e-7), vectorised."""
    sign = np.sign(x)
    a = np.abs(x)
    t = 1.0 / (1.0 + 0.3275911 * a)
    poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))))
    return sign * (1.0 - poly * np.exp(-a * a))


def _release_profile(spikes: np.ndarray, n_steps: int, dt: float, p: FibreParams) -> np.ndarray:
    """∫ over each step of Σ_k exp(−(t − t_k − delay)²/2σ²) dt (ms), shape ``(n_steps,)``."""
    g = np.zeros(n_steps)
    if spikes.size == 0 or n_steps == 0:
        return g
    sigma = p.release_fdhm_ms / (2.0 * math.sqrt(2.0 * math.log(2.0)))
    centres = spikes + p.release_delay_ms
    half = int(math.ceil(6.0 * sigma / dt)) + 1
    first = np.floor((centres - 6.0 * sigma) / dt).astype(int)
    offsets = np.arange(2 * half + 2)
    idx = first[:, None] + offsets[None, :]  # step-edge indices, shape (n_spikes, W)
    edges_t = idx * dt
    cdf = _erf((edges_t - centres[:, None]) / (sigma * math.sqrt(2.0)))
    amount = sigma * math.sqrt(math.pi / 2.0) * np.diff(cdf, axis=1)  # per step starting at idx[:, :-1]
    steps = idx[:, :-1]
    ok = (steps >= 0) & (steps < n_steps)
    np.add.at(g, steps[ok], amount[ok])
    return g


def _rest_state(p: FibreParams) -> tuple[float, float, float, float, float]:
    """(Ca, Ca-troponin, Ca-parvalbumin, SR content, leak rate constant) at rest."""
    ca = p.ca_rest_um
    ktn = p.troponin_kon_per_um_ms * ca
    tn = p.troponin_um * ktn / (ktn + p.troponin_koff_per_ms)
    kpv = p.parvalbumin_kon_per_um_ms * ca
    pv = p.parvalbumin_um * kpv / (kpv + p.parvalbumin_koff_per_ms)
    s = p.sr_store_um
    leak = p.serca_vmax_um_per_ms * ca / (p.serca_km_um + ca) / s
    return ca, tn, pv, s, leak


def _activation(tn: np.ndarray, p: FibreParams, ca50_um: float | np.ndarray | None = None) -> np.ndarray:
    """Activation from Ca-troponin: the Hill relation of the effective Ca²⁺ ``x = K_d · f/(1 − f)``."""
    kd = p.troponin_koff_per_ms / p.troponin_kon_per_um_ms
    c50 = p.ca50_um if ca50_um is None else ca50_um
    frac = np.clip(tn / p.troponin_um, 0.0, 1.0 - 1e-12)
    ratio = np.minimum(c50 * (1.0 - frac) / np.maximum(kd * frac, 1e-300), 1e30)  # = Ca50 / x, safe as x → 0
    return 1.0 / (1.0 + ratio**p.hill_n)


def _linear_scan(alpha: np.ndarray, b: np.ndarray, y0: np.ndarray | float, chunk: int = 256) -> np.ndarray:
    """Solve y[i+1] = alpha[i]·y[i] + b[i] along axis 0 (vectorised); returns y[0..N] (N+1 rows)."""
    n = alpha.shape[0]
    out = np.empty((n + 1,) + alpha.shape[1:])
    out[0] = y0
    y = np.asarray(out[0], dtype=float)
    for s in range(0, n, chunk):
        a = alpha[s : s + chunk]
        prod = np.cumprod(a, axis=0)
        acc = np.cumsum(b[s : s + chunk] / prod, axis=0)
        seg = prod * (y + acc)
        out[s + 1 : s + 1 + a.shape[0]] = seg
        y = seg[-1]
    return out


def _series_elastic(force_xb: np.ndarray, p: FibreParams, dt: float) -> np.ndarray:
    """Measured force: the cross-bridge force through the series-elastic first-order lag (exact per step)."""
    tau = p.series_elastic_ms
    if tau <= 0.0:
        return force_xb
    alpha = math.exp(-dt / tau)
    mid = 0.5 * (force_xb[:-1] + force_xb[1:])
    return _linear_scan(np.full_like(mid, alpha), (1.0 - alpha) * mid, force_xb[0])


def _force_from_activation(
    act_mid: np.ndarray, p: FibreParams, dt: float, a0: np.ndarray | float
) -> np.ndarray:
    """Force (fraction of max) given the activation at each step's midpoint.

    Cross-bridges attach and detach (a linear recurrence, solved exactly per step) and the series
    elasticity lags the result (:func:`_series_elastic`).
    """
    f = p.xb_attach_per_ms
    g_on, g_off = p.xb_detach_active_per_ms, p.xb_detach_relaxed_per_ms
    att = f * act_mid
    k = att + g_on + (g_off - g_on) * (1.0 - act_mid)
    alpha = np.exp(-k * dt)
    b = (1.0 - alpha) * att / k
    # keep the running products of alpha above ~1e-200 inside a chunk
    chunk = max(1, min(512, int(460.0 / (float(k.max(initial=1e-9)) * dt))))
    attached = _linear_scan(alpha, b, a0, chunk)
    return _series_elastic(attached * ((f + g_on) / f), p, dt)


def _rest_attached(p: FibreParams) -> float:
    act = float(_activation(np.array(_rest_state(p)[1]), p))
    att = p.xb_attach_per_ms * act
    g_det = p.xb_detach_active_per_ms + (p.xb_detach_relaxed_per_ms - p.xb_detach_active_per_ms) * (1.0 - act)
    return att / (att + g_det)


# --------------------------------------------------------------------------------------------
# Calcium integrators
# --------------------------------------------------------------------------------------------


def _calcium_scalar(g: np.ndarray, p: FibreParams, dt: float):
    """Integrate the Ca²⁺ subsystem for one trajectory with a ``math``-module loop.

    One step (Strang splitting, mass-conserving): the release gate is advanced exactly with Ca²⁺ held
    at its mid-step value extrapolated from the last two steps, and the mean gate over the step scales
    that step's release; half of the step's net transport
    into the cytosol (release, leak, SERCA, parvalbumin binding) is added to free Ca²⁺; the
    Ca²⁺–troponin reaction then runs for the full step with the exact solution of its Riccati equation
    (cytosolic Ca²⁺ + Ca-troponin conserved); then the second half of the transport is added.

    Returns arrays (N+1): free Ca, Ca-troponin, SR content, release gate, cumulative release; plus
    mid-step Ca-troponin (N).
    """
    ca, tn, pv, s, leak = _rest_state(p)
    h = p.gate_rest
    beta = p.beta
    inv_beta = 1.0 / beta
    tt, kon_t, koff_t = p.troponin_um, p.troponin_kon_per_um_ms, p.troponin_koff_per_ms
    pt, kon_p, koff_p = p.parvalbumin_um, p.parvalbumin_kon_per_um_ms, p.parvalbumin_koff_per_ms
    has_pv = pt > 0.0 and kon_p > 0.0
    kpt = kon_p * pt
    vdt, km = p.serca_vmax_um_per_ms * dt, p.serca_km_um
    leak_dt = leak * dt
    c_rel = -p.release_peak_um_per_ms / (p.sr_store_um * h)
    k_rec, k_inact, k50sq = 1.0 / p.release_recovery_ms, p.release_inact_max_per_ms, p.release_inact_ca50_um**2
    a = kon_t * inv_beta
    inv_a = 1.0 / a
    b0 = a * tt + koff_t
    four_a_tt = 4.0 * a * a * tt
    c_r1 = a * tt
    neg_dt = -dt
    exp, sqrt = math.exp, math.sqrt
    ca_prev = ca
    rows = [(ca, tn, s, h)]
    put = rows.append
    rel_steps: dict[int, float] = {}  # step index → Ca²⁺ released in that step (only steps with a pulse)
    for i, gi in enumerate(g.tolist()):
        # release gate (Ca²⁺-dependent inactivation, recovery), then transport from the step's start state
        ca_mid = 1.5 * ca - 0.5 * ca_prev  # mid-step Ca²⁺ extrapolated from the last two steps
        ca_prev = ca
        ca2 = ca_mid * ca_mid if ca_mid > 0.0 else 0.0
        kh = k_rec + k_inact * ca2 / (ca2 + k50sq)
        h_inf = k_rec / kh
        h_new = h_inf + (h - h_inf) * exp(neg_dt * kh)
        if gi > 0.0:
            rel = s * (1.0 - exp(c_rel * gi * 0.5 * (h + h_new)))
            rel_steps[i] = rel
        else:
            rel = 0.0
        h = h_new
        up = vdt * ca / (km + ca)
        if up > beta * ca:  # only reachable with extreme parameters: never pump more than is free
            up = beta * ca
        up -= leak_dt * (s - rel)
        s += up - rel
        if has_pv:
            kp = kon_p * ca + koff_p
            dpv = (kpt * ca / kp - pv) * (1.0 - exp(neg_dt * kp))
            pv += dpv
            hf = 0.5 * (rel - up - dpv)
        else:
            hf = 0.5 * (rel - up)
        # half the transport, the troponin reaction (exact Riccati solution), the other half
        m = beta * ca + hf + tn
        b = a * m + b0
        sq = sqrt(b * b - four_a_tt * m)
        qq = 0.5 * (b + sq)
        r1 = c_r1 * m / qq
        rho = (tn - r1) / (tn - qq * inv_a) * exp(neg_dt * sq)
        tn = r1 - rho * sq * inv_a / (1.0 - rho)
        ca = (m - tn + hf) * inv_beta
        if ca < 0.0:
            ca = 0.0
        put((ca, tn, s, h))
    out = np.array(rows)
    released = np.zeros(g.size + 1)
    if rel_steps:
        released[np.fromiter(rel_steps.keys(), int) + 1] = np.fromiter(rel_steps.values(), float)
    tn_arr = out[:, 1]
    mid = 0.5 * (tn_arr[:-1] + tn_arr[1:])
    return out[:, 0], tn_arr, out[:, 2], out[:, 3], np.cumsum(released), mid


def _calcium_batch(g: np.ndarray, p: FibreParams, dt: float, release_peak=None, serca_vmax=None):
    """Integrate the Ca²⁺ subsystem for many trajectories at once (numpy across axis 1).

    ``g`` has shape (N, B). ``release_peak`` and ``serca_vmax`` may be arrays of shape (B,) that
    override the parameter set per trajectory. Returns the mid-step Ca-troponin, shape (N, B).
    Same update rule as :func:`_calcium_scalar`.
    """
    n, nb = g.shape
    rp = p.release_peak_um_per_ms if release_peak is None else release_peak
    vm = p.serca_vmax_um_per_ms if serca_vmax is None else serca_vmax
    rp = np.broadcast_to(np.asarray(rp, dtype=float), (nb,))
    vm = np.broadcast_to(np.asarray(vm, dtype=float), (nb,))
    ca0, tn0, pv0, s0, _ = _rest_state(p)
    km = p.serca_km_um
    leak = vm * ca0 / (km + ca0) / s0
    ca, tn, pv, s = (np.full(nb, x) for x in (ca0, tn0, pv0, s0))
    h = np.full(nb, p.gate_rest)
    ca_prev = ca
    beta = p.beta
    inv_beta = 1.0 / beta
    tt, kon_t, koff_t = p.troponin_um, p.troponin_kon_per_um_ms, p.troponin_koff_per_ms
    pt, kon_p, koff_p = p.parvalbumin_um, p.parvalbumin_kon_per_um_ms, p.parvalbumin_koff_per_ms
    a = kon_t * inv_beta
    four_a_tt = 4.0 * a * a * tt
    c_rel = -(rp / (p.sr_store_um * p.gate_rest))[None, :] * g  # release exponent per unit gate
    k_rec, k_inact, k50sq = 1.0 / p.release_recovery_ms, p.release_inact_max_per_ms, p.release_inact_ca50_um**2
    out = np.empty((n + 1, nb))
    out[0] = tn
    has_pv = pt > 0.0 and kon_p > 0.0
    kpt, neg_dt, inv_a = kon_p * pt, -dt, 1.0 / a
    c_r1 = a * tt
    exp = np.exp
    for i in range(n):
        ca_mid = np.maximum(1.5 * ca - 0.5 * ca_prev, 0.0)  # as in _calcium_scalar
        ca_prev = ca
        ca2 = ca_mid * ca_mid
        kh = k_rec + k_inact * ca2 / (ca2 + k50sq)
        h_inf = k_rec / kh
        h_new = h_inf + (h - h_inf) * exp(neg_dt * kh)
        rel = s * -np.expm1(c_rel[i] * 0.5 * (h + h_new))
        h = h_new
        up = np.minimum(vm * ca / (km + ca) * dt, beta * ca) - leak * (s - rel) * dt
        flux = rel - up
        if has_pv:
            kp = kon_p * ca + koff_p
            pinf = kpt * ca / kp
            dpv = (pinf - pv) * -np.expm1(neg_dt * kp)
            pv = pv + dpv
            flux -= dpv
        s = s + up - rel
        hf = 0.5 * flux
        m = beta * ca + hf + tn
        b = a * (m + tt) + koff_t
        sq = np.sqrt(b * b - four_a_tt * m)
        qq = 0.5 * (b + sq)
        r1 = c_r1 * m / qq
        rho = (tn - r1) / (tn - qq * inv_a) * exp(neg_dt * sq)
        tn = r1 - rho * (sq * inv_a) / (1.0 - rho)
        ca = np.maximum((m - tn + hf) * inv_beta, 0.0)
        out[i + 1] = tn
    return 0.5 * (out[:-1] + out[1:])


# --------------------------------------------------------------------------------------------
# Public simulation API
# --------------------------------------------------------------------------------------------


def _check_dt(dt_ms: float) -> float:
    return check_number("dt_ms", dt_ms, 0.01, 0.5, "ms")


def simulate_contraction(
    stim_hz: float | None,
    duration_ms: float = 1000.0,
    *,
    spike_times_ms: ArrayLike | None = None,
    fibre: str = "fast",
    n_stimuli: int | None = None,
    start_ms: float = 0.0,
    dt_ms: float = DT_MS,
    **params: Any,
) -> ContractionTrace:
    """Simulate Ca²⁺ and force of a fibre driven by a spike train.

    Parameters
    ----------
    stim_hz
        Stimulation frequency (Hz, 0 < f ≤ 200): a regular train from ``start_ms``. May be ``None``
        when ``spike_times_ms`` is given (the explicit spike times are then used).
    duration_ms
        Simulated time (ms, 0 < d ≤ 10 000).
    spike_times_ms
        Explicit spike times (ms) within ``[0, duration_ms)``, e.g. the spontaneous spikes of a
        hyperexcitable axon; may be empty (the muscle then stays at rest).
    fibre
        ``"fast"`` or ``"slow"`` (:data:`FIBRE_PARAMS`).
    n_stimuli
        Optional number of stimuli of the regular train (e.g. 1 for a single twitch).
    start_ms
        Time of the first stimulus of the regular train (ms).
    dt_ms
        Integration step (ms), default :data:`DT_MS`.
    **params
        Any field of :class:`FibreParams` to override, e.g. ``serca_vmax_um_per_ms=1.5``.

    Returns
    -------
    ContractionTrace
        Time (ms), free Ca²⁺ (µM), force (fraction of maximal fused tetanus), activation, SR content,
        the spike times used and the parameters.
    """
    d = check_number("duration_ms", duration_ms, 0.0, MAX_DURATION_MS, "ms", lo_inclusive=False)
    dt = _check_dt(dt_ms)
    p = fibre_params(fibre, **params)
    if spike_times_ms is not None:
        if stim_hz is not None:
            check_number("stim_hz", stim_hz, 0.0, MAX_STIM_HZ, "Hz", lo_inclusive=False)
        spikes = np.sort(check_array("spike_times_ms", spike_times_ms, 0.0, d, "ms"))
        if spikes.size and spikes[-1] >= d:
            raise ValueError(
                f"spike_times_ms contains {spikes[-1]:g} ms, outside the allowed range [0, {d:g}) ms"
            )
    else:
        if stim_hz is None:
            raise ValueError(
                "stim_hz=None needs spike_times_ms; give a frequency in (0, 200] Hz or spike times"
            )
        spikes = train_spike_times(stim_hz, d, n_stimuli, start_ms)
    n_steps = int(round(d / dt))
    g = _release_profile(spikes, n_steps, dt, p)
    ca, tn, s, gate, released, tn_mid = _calcium_scalar(g, p, dt)
    act_mid = _activation(tn_mid, p)
    force = _force_from_activation(act_mid, p, dt, _rest_attached(p))
    t = np.arange(n_steps + 1) * dt
    return ContractionTrace(
        t_ms=t,
        ca_um=ca,
        force=force,
        activation=_activation(tn, p),
        sr_um=s,
        spike_times_ms=spikes,
        params=p,
        release_gate=gate,
        released_um=released,
    )


def _check_freqs(freqs_hz: ArrayLike) -> np.ndarray:
    f = check_array("freqs_hz", freqs_hz, 0.0, MAX_STIM_HZ, "Hz")
    if f.size == 0:
        raise ValueError("freqs_hz must hold at least one frequency in (0, 200] Hz")
    if np.any(f <= 0.0):
        raise ValueError(f"freqs_hz contains {f[f <= 0][0]:g} Hz, outside the allowed range (0, 200] Hz")
    return f


def _train_profiles(freqs: np.ndarray, train_ms: float, dt: float, p: FibreParams) -> np.ndarray:
    n_steps = int(round(train_ms / dt))
    return np.stack([_release_profile(train_spike_times(f, train_ms), n_steps, dt, p) for f in freqs], axis=1)


def force_frequency(
    freqs_hz: ArrayLike,
    *,
    fibre: str = "fast",
    train_ms: float = FF_TRAIN_MS,
    dt_ms: float = FF_DT_MS,
    **params: Any,
) -> np.ndarray:
    """Peak force (fraction of maximal fused tetanus) of a ``train_ms`` train at each frequency.

    All frequencies are integrated together (numpy arrays across frequencies), with the same update
    rule as :func:`simulate_contraction` (at the same ``dt_ms`` the peaks agree to rounding); the
    default step is :data:`FF_DT_MS`. ``**params`` override fields of :class:`FibreParams`.
    """
    f = _check_freqs(freqs_hz)
    d = check_number("train_ms", train_ms, 10.0, 5000.0, "ms")
    dt = _check_dt(dt_ms)
    p = fibre_params(fibre, **params)
    g = _train_profiles(f, d, dt, p)
    tn_mid = _calcium_batch(g, p, dt)
    force = _force_from_activation(_activation(tn_mid, p), p, dt, np.full(f.size, _rest_attached(p)))
    return force.max(axis=0)


def fusion_index(trace: ContractionTrace) -> float:
    """How fused the force of a train is: 1 = smooth (fused tetanus), 0 = separate twitches.

    For every interval between consecutive spikes in the second half of the train (plus the
    interval after the last spike, as long as the mean spike interval), the ripple
    ``(max − min)/max`` of force is computed; the index is ``1 − mean ripple``. A single spike gives
    0 (force returns to baseline); no spike gives 0.
    """
    if not isinstance(trace, ContractionTrace):
        raise TypeError(f"trace must be a ContractionTrace, got {type(trace).__name__}")
    spikes = trace.spike_times_ms
    t, force = trace.t_ms, trace.force
    if spikes.size == 0:
        return 0.0
    if spikes.size == 1:
        start, end = spikes[0], t[-1]
        windows = [(start, end)]
    else:
        isi = float(np.mean(np.diff(spikes)))
        half = spikes[0] + 0.5 * (spikes[-1] - spikes[0])
        edges = list(spikes[spikes >= half])
        if len(edges) < 2:
            edges = list(spikes[-2:])
        windows = [(a, b) for a, b in zip(edges[:-1], edges[1:], strict=True)]
        last_end = edges[-1] + isi
        if last_end <= t[-1]:
            windows.append((edges[-1], last_end))
    ripples = []
    for a, b in windows:
        sel = (t >= a) & (t <= b)
        seg = force[sel]
        if seg.size == 0:
            continue
        top = float(seg.max())
        ripples.append(1.0 if top <= 0 else (top - float(seg.min())) / top)
    if not ripples:
        return 0.0
    return float(min(max(1.0 - float(np.mean(ripples)), 0.0), 1.0))


def metrics_from_trace(trace: ContractionTrace) -> TwitchMetrics:
    """Twitch numbers of a trace whose first spike starts a single twitch.

    Contraction time: from the first stimulus to peak force (ms). Half-relaxation time: from peak
    force to the moment force has fallen to half of its peak (ms; NaN if it never does within the
    trace). Ca half width: full duration at half maximum of the free Ca²⁺ transient above rest (ms).
    """
    if not isinstance(trace, ContractionTrace):
        raise TypeError(f"trace must be a ContractionTrace, got {type(trace).__name__}")
    if trace.spike_times_ms.size == 0:
        raise ValueError("trace has no spikes (spike_times_ms is empty): there is no twitch to measure")
    t, force, ca = trace.t_ms, trace.force, trace.ca_um
    i_pk = int(np.argmax(force))
    peak = float(force[i_pk])
    after = np.nonzero(force[i_pk:] <= 0.5 * peak)[0]
    if after.size == 0:
        half_relax = float("nan")
    else:
        j = i_pk + int(after[0])
        # linear interpolation between the samples around the half-peak crossing
        f0, f1 = force[j - 1], force[j]
        frac = (f0 - 0.5 * peak) / (f0 - f1) if f0 != f1 else 0.0
        half_relax = float(t[j - 1] + frac * (t[j] - t[j - 1]) - t[i_pk])
    dca = ca - ca[0]
    above = np.nonzero(dca >= 0.5 * dca.max())[0]
    return TwitchMetrics(
        peak_ca_um=float(ca.max()),
        peak_force=peak,
        contraction_time_ms=float(t[i_pk] - trace.spike_times_ms[0]),
        half_relaxation_ms=half_relax,
        ca_half_width_ms=_half_width(t, dca, above),
        sr_release_fraction=float(release_per_stimulus(trace)[0]),
    )


def _half_width(t: np.ndarray, y: np.ndarray, above: np.ndarray) -> float:
    """Full width at half maximum of a single-peaked ``y`` (ms), edges interpolated between samples."""
    half = 0.5 * float(y.max())
    i, j = int(above[0]), int(above[-1])

    def cross(k0: int, k1: int) -> float:  # linear interpolation of the half-maximum crossing
        y0, y1 = float(y[k0]), float(y[k1])
        return float(t[k0] + (half - y0) / (y1 - y0) * (t[k1] - t[k0])) if y1 != y0 else float(t[k1])

    rise = cross(i - 1, i) if i > 0 else float(t[i])
    fall = cross(j, j + 1) if j + 1 < t.size else float(t[j])
    return fall - rise


def release_per_stimulus(trace: ContractionTrace) -> np.ndarray:
    """Fraction (0…1) of the SR Ca²⁺ content just before each stimulus that the stimulus releases.

    Stimulus *k* is credited with all Ca²⁺ released from its spike until the next spike (the last one:
    until the end of the trace); one value per spike of ``trace.spike_times_ms``.
    """
    idx = np.searchsorted(trace.t_ms, trace.spike_times_ms)
    ends = np.append(idx[1:], trace.t_ms.size - 1)
    return (trace.released_um[ends] - trace.released_um[idx]) / trace.sr_um[idx]


#: A train is called "fused" only with a fusion index of at least this (0…1) ...
FUSED_INDEX = 0.9
#: ... and a peak force of at least this fraction of the maximal tetanic force (COURSE_SPEC V3.3: never at
#: 18–20 Hz, where human units are still far below their maximum; Thomas et al. 1991).
FUSED_FORCE = 0.9


def fusion_words(index: float, relative_force: float | None = None) -> str:
    """Plain-language class of a :func:`fusion_index` (0…1): fused, nearly fused, unfused or separate.

    "fused" needs ``index ≥ 0.9`` *and* ``relative_force ≥ 0.9`` (peak force as a fraction of the maximal
    tetanic force, e.g. ``trace.peak_force``); a smooth train below 90 % of maximal force is "nearly fused".
    Without ``relative_force`` only the shape is classified.
    """
    if index >= FUSED_INDEX:
        if relative_force is not None and relative_force < FUSED_FORCE:
            return "nearly fused"
        return "fused"
    if index >= 0.7:
        return "nearly fused"
    if index > 0.05:
        return "unfused"
    return "separate twitches"


def twitch_metrics(fibre: str = "fast", duration_ms: float = 600.0, **params: Any) -> TwitchMetrics:
    """Peak Ca²⁺, peak force, contraction time and half-relaxation time of a single twitch.

    One stimulus at t = 0, simulated for ``duration_ms``; see :func:`metrics_from_trace`.
    """
    return metrics_from_trace(simulate_contraction(1.0, duration_ms, fibre=fibre, n_stimuli=1, **params))


def twitch_tetanus_ratio(fibre: str = "fast", tetanus_hz: float = 100.0, **params: Any) -> float:
    """Peak twitch force divided by the peak force of a ``tetanus_hz`` train of :data:`FF_TRAIN_MS`."""
    tw, tet = force_frequency([1.0, tetanus_hz], fibre=fibre, **params)
    return float(tw / tet)


def half_max_frequency(freqs_hz: ArrayLike, forces: ArrayLike) -> float:
    """Frequency (Hz) at which a force–frequency curve first reaches half of its largest value.

    Linear interpolation between the samples (``freqs_hz`` ascending).
    """
    f = _check_freqs(freqs_hz)
    y = check_array("forces", forces, 0.0, 10.0)
    if y.size != f.size:
        raise ValueError(f"forces must have one value per frequency ({f.size}), got {y.size}")
    target = 0.5 * float(y.max())
    idx = int(np.nonzero(y >= target)[0][0])
    if idx == 0:
        return float(f[0])
    f0, f1, y0, y1 = f[idx - 1], f[idx], y[idx - 1], y[idx]
    return float(f0 + (target - y0) / (y1 - y0) * (f1 - f0))


def fusion_frequency(
    fibre: str = "fast",
    threshold: float = FUSED_INDEX,
    duration_ms: float = 1000.0,
    min_force: float = FUSED_FORCE,
    **params: Any,
) -> float:
    """Lowest whole-number frequency (Hz, 1–100) whose train is fused.

    Fused: a fusion index of at least ``threshold`` and a peak force of at least ``min_force`` (fraction of
    the maximal tetanic force; 0 = the index alone). Returns NaN if no frequency up to 100 Hz fuses.
    """
    thr = check_number("threshold", threshold, 0.0, 1.0, lo_inclusive=False, hi_inclusive=False)
    f_min = check_number("min_force", min_force, 0.0, 1.0)
    lo, hi = 1, 100

    def fused(hz: int) -> bool:
        tr = simulate_contraction(float(hz), duration_ms, fibre=fibre, **params)
        return fusion_index(tr) >= thr and tr.peak_force >= f_min

    if not fused(hi):
        return float("nan")
    if fused(lo):
        return float(lo)
    while hi - lo > 1:  # fusion index rises with frequency: bisection
        mid = (lo + hi) // 2
        if fused(mid):
            hi = mid
        else:
            lo = mid
    return float(hi)


class ForceFrequencyTable:
    """Force–frequency curves over a grid of SR-release and SERCA scalings, fast to re-evaluate.

    The Ca²⁺ part of the model (release, buffers, SERCA) does not depend on the force–pCa relation,
    so the Ca-troponin time course of every (release scale, SERCA scale, frequency) combination is
    integrated once, all together, at construction. :meth:`curve` then turns it into peak force for
    any Ca50 in well under a millisecond (activation and the cross-bridge recurrence are vectorised
    over time). Used by the explorer so that moving a slider never re-integrates a whole curve.

    Parameters
    ----------
    freqs_hz
        Frequencies of the curve (Hz, each in (0, 200]).
    fibre
        ``"fast"`` or ``"slow"``.
    release_scales, serca_scales
        Multipliers of the fibre's ``release_peak_um_per_ms`` and ``serca_vmax_um_per_ms`` (each in
        [0.05, 5]).
    train_ms, dt_ms
        Train length (ms) and integration step (ms).
    """

    def __init__(
        self,
        freqs_hz: ArrayLike,
        fibre: str = "fast",
        release_scales: ArrayLike = (1.0,),
        serca_scales: ArrayLike = (1.0,),
        train_ms: float = FF_TRAIN_MS,
        dt_ms: float = FF_DT_MS,
    ) -> None:
        self.freqs_hz = _check_freqs(freqs_hz)
        self.params = fibre_params(fibre)
        self.release_scales = check_array("release_scales", release_scales, 0.05, 5.0)
        self.serca_scales = check_array("serca_scales", serca_scales, 0.05, 5.0)
        self.train_ms = check_number("train_ms", train_ms, 10.0, 5000.0, "ms")
        self.dt_ms = _check_dt(dt_ms)
        p = self.params
        nr, ns, nf = self.release_scales.size, self.serca_scales.size, self.freqs_hz.size
        g = _train_profiles(self.freqs_hz, self.train_ms, self.dt_ms, p)  # (N, nf)
        g_all = np.tile(g, (1, nr * ns))  # column order: release, serca, frequency
        rel = np.repeat(self.release_scales * p.release_peak_um_per_ms, ns * nf)
        ser = np.tile(np.repeat(self.serca_scales * p.serca_vmax_um_per_ms, nf), nr)
        tn_mid = _calcium_batch(g_all, p, self.dt_ms, release_peak=rel, serca_vmax=ser)
        self._tn_mid = tn_mid.reshape(tn_mid.shape[0], nr, ns, nf)
        self._a0 = np.full(nf, _rest_attached(p))

    def nearest(self, release_scale: float, serca_scale: float) -> tuple[int, int]:
        """Grid indices closest to the given scalings."""
        r = check_number("release_scale", release_scale, 0.0, 10.0)
        s = check_number("serca_scale", serca_scale, 0.0, 10.0)
        return int(np.argmin(np.abs(self.release_scales - r))), int(np.argmin(np.abs(self.serca_scales - s)))

    def curve(
        self, release_scale: float = 1.0, serca_scale: float = 1.0, ca50_um: float | None = None
    ) -> np.ndarray:
        """Peak force (fraction of max) per frequency at the nearest grid scalings and ``ca50_um``."""
        i, j = self.nearest(release_scale, serca_scale)
        p = self.params
        if ca50_um is not None:
            p = replace(p, ca50_um=check_number("ca50_um", ca50_um, *PARAM_INFO["ca50_um"][:3]))
        act = _activation(self._tn_mid[:, i, j, :], p)
        return _force_from_activation(act, p, self.dt_ms, self._a0).max(axis=0)


# --------------------------------------------------------------------------------------------
# Reference right-hand side (for checking the integrator with a general ODE solver)
# --------------------------------------------------------------------------------------------


def initial_state(p: FibreParams) -> np.ndarray:
    """Resting state ``[Ca, CaTn, CaPv, S, attached, gate, force]`` of :func:`rhs`.

    Units: µM, µM, µM, µM, 0…1, 0…1, fraction of maximal force.
    """
    ca, tn, pv, s, _ = _rest_state(p)
    att = _rest_attached(p)
    force = att * (p.xb_attach_per_ms + p.xb_detach_active_per_ms) / p.xb_attach_per_ms
    return np.array([ca, tn, pv, s, att, p.gate_rest, force])


def rhs(t: float, y: np.ndarray, spikes: np.ndarray, p: FibreParams) -> np.ndarray:
    """Right-hand side of the model ODE, state ``y = [Ca, CaTn, CaPv, S, attached, gate, force]``.

    The equations the fixed-step integrator approximates; used by the tests to compare with
    ``scipy.integrate.solve_ivp`` (start from :func:`initial_state`). Release flux
    ``J = peak · (gate/gate_rest) · (S/S0) · Σ gauss(t − t_k − delay)``; the gate follows
    ``d gate/dt = (1 − gate)/τ_rec − k_max · Ca²/(Ca² + K²) · gate``; the measured force follows the
    cross-bridge force with the lag ``series_elastic_ms`` (without a lag, at 20/ms).
    """
    ca, tn, pv, s, att, h, force = y
    _, _, _, s0, leak = _rest_state(p)
    sigma = p.release_fdhm_ms / (2.0 * math.sqrt(2.0 * math.log(2.0)))
    z = (t - spikes - p.release_delay_ms) / sigma
    gauss = float(np.sum(np.exp(-0.5 * z * z))) if spikes.size else 0.0
    j_rel = p.release_peak_um_per_ms * (h / p.gate_rest) * (s / s0) * gauss
    j_serca = p.serca_vmax_um_per_ms * ca / (p.serca_km_um + ca)
    j_leak = leak * s
    d_tn = p.troponin_kon_per_um_ms * ca * (p.troponin_um - tn) - p.troponin_koff_per_ms * tn
    d_pv = p.parvalbumin_kon_per_um_ms * ca * (p.parvalbumin_um - pv) - p.parvalbumin_koff_per_ms * pv
    d_ca = (j_rel + j_leak - j_serca - d_tn - d_pv) / p.beta
    d_s = j_serca - j_leak - j_rel
    act = float(_activation(np.array(tn), p))
    g_det = p.xb_detach_active_per_ms + (p.xb_detach_relaxed_per_ms - p.xb_detach_active_per_ms) * (1.0 - act)
    d_att = p.xb_attach_per_ms * act * (1.0 - att) - g_det * att
    d_h = (1.0 - h) / p.release_recovery_ms - p.inactivation_rate(ca) * h
    force_xb = att * (p.xb_attach_per_ms + p.xb_detach_active_per_ms) / p.xb_attach_per_ms
    tau_se = p.series_elastic_ms if p.series_elastic_ms > 0.0 else 0.05
    d_force = (force_xb - force) / tau_se
    return np.array([d_ca, d_tn, d_pv, d_s, d_att, d_h, d_force])
