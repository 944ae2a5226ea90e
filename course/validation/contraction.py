"""Published benchmarks of the excitation–contraction model (:mod:`course.contraction`, notebook 02).

The Ca²⁺ transients are mouse fibres at 16 °C (Baylor & Hollingworth); twitch and force–frequency numbers are
human motor units at body temperature. Rows whose number the parameters were fitted to are "calibrated".
"""

from __future__ import annotations

import math
from functools import cache

import numpy as np

from course import contraction as c
from course.validation._base import Benchmark

__all__ = ["BENCHMARKS", "release_amounts", "recovery_rate_per_s"]

_NB = "02_calcium_and_contraction.ipynb"
_FREQS = c.FF_FREQS_HZ


def release_amounts(trace: c.ContractionTrace) -> np.ndarray:
    """Ca²⁺ released by each stimulus (µM): from its spike to the next one (the last: to the end)."""
    idx = np.searchsorted(trace.t_ms, trace.spike_times_ms)
    ends = np.append(idx[1:], trace.t_ms.size - 1)
    return trace.released_um[ends] - trace.released_um[idx]


@cache
def _twitch(fibre: str) -> c.TwitchMetrics:
    return c.twitch_metrics(fibre)


@cache
def _train67() -> np.ndarray:
    a = release_amounts(c.simulate_contraction(67.0, 200.0, n_stimuli=5))
    return a / a[0]


def recovery_rate_per_s(fibre: str = "fast") -> float:
    """Rate constant (1/s) of recovery of release after one AP: two-AP protocol, intervals 50–200 ms.

    The second AP's release relative to the first, r(Δt), is fitted as ``1 − r = A·exp(−k·Δt)`` (least
    squares on the log) over Δt = 50, 100, 150 and 200 ms, as Baylor & Hollingworth 2007 describe it.
    """
    dts = np.array([50.0, 100.0, 150.0, 200.0])
    r = []
    for d in dts:
        a = release_amounts(c.simulate_contraction(None, d + 60.0, spike_times_ms=[0.0, d], fibre=fibre))
        r.append(a[1] / a[0])
    y = np.log(np.clip(1.0 - np.array(r), 1e-9, None))
    return float(-np.polyfit(dts, y, 1)[0] * 1000.0)


@cache
def _tetanus(fibre: str) -> c.ContractionTrace:
    return c.simulate_contraction(100.0, 1000.0, fibre=fibre)


def _tetanic_ca_peak(fibre: str) -> float:
    tr = _tetanus(fibre)
    return float(tr.ca_um[tr.t_ms >= 100.0].max())  # after the first few APs: the tetanic level


def _plateau_drift() -> float:
    tr = _tetanus("fast")
    t, ca = tr.t_ms, tr.ca_um
    return float(ca[t >= 900.0].mean() / ca[(t >= 400.0) & (t < 500.0)].mean())


@cache
def _ff(fibre: str) -> np.ndarray:
    return c.force_frequency(_FREQS, fibre=fibre)


def _f50(fibre: str) -> float:
    return c.half_max_frequency(_FREQS, _ff(fibre))


def _fusion_onset() -> float:
    for hz in np.arange(2.0, 21.0):
        if c.fusion_index(c.simulate_contraction(float(hz), 1000.0)) > 0.05:
            return float(hz)
    return math.nan


def _max_force_frequency() -> float:
    ff = _ff("fast")
    return float(_FREQS[np.nonzero(ff >= 0.95 * ff.max())[0][0]])


def _force_at_20_hz() -> float:
    return float(c.simulate_contraction(20.0, 1000.0).peak_force)


def _serca_half_relaxation_ratio() -> float:
    slow_pump = c.twitch_metrics("fast", serca_vmax_um_per_ms=0.5 * c.FAST.serca_vmax_um_per_ms)
    return slow_pump.half_relaxation_ms / _twitch("fast").half_relaxation_ms


def _catchlike_gain() -> float:
    base = c.train_spike_times(10.0, 600.0, start_ms=10.0)
    plain = c.simulate_contraction(None, 600.0, spike_times_ms=base)
    doublet = c.simulate_contraction(None, 600.0, spike_times_ms=np.sort(np.append(base, 0.0)))
    return float(doublet.force.sum() / plain.force.sum())


def _sr_after_train() -> float:
    tr = c.simulate_contraction(67.0, 200.0, n_stimuli=5)
    return float(tr.sr_um.min() / tr.sr_um[0])


def _release_ratio() -> float:
    fast = release_amounts(c.simulate_contraction(1.0, 100.0, n_stimuli=1))[0]
    slow = release_amounts(c.simulate_contraction(1.0, 100.0, n_stimuli=1, fibre="slow"))[0]
    return float(fast / slow)


_BH03 = "Baylor & Hollingworth 2003 J Physiol 551:125 (mouse, 16 °C, furaptra)"
_BH07 = "Baylor & Hollingworth 2007 J Gen Physiol 130:283 (mouse fast fibres, 16 °C)"
_THOMAS = "Thomas, Bigland-Ritchie & Johansson 1991 J Neurophysiol 65:1509 (human thenar motor units)"

BENCHMARKS: tuple[Benchmark, ...] = (
    Benchmark(id="C1a", model="contraction", kind="calibrated", claim="Peak Δ[Ca²⁺] of one AP, fast fibre",
              source=_BH03 + ": 18.5 ± 0.5 µM (±20 %)", low=14.8, high=22.2, unit="µM",
              compute=lambda: _twitch("fast").peak_ca_um),
    Benchmark(id="C1b", model="contraction", kind="calibrated", claim="Peak Δ[Ca²⁺] of one AP, slow fibre",
              source=_BH03 + ": 9.4 ± 1.0 µM (±20 %)", low=7.5, high=11.3, unit="µM",
              compute=lambda: _twitch("slow").peak_ca_um),
    Benchmark(id="C2", model="contraction", kind="calibrated",
              claim="Half-width (FDHM) of the Ca²⁺ transient, fast fibre",
              source=_BH03 + ": 4.9 ± 0.3 ms (±25 %)", low=3.7, high=6.1, unit="ms",
              compute=lambda: _twitch("fast").ca_half_width_ms),
    Benchmark(id="C3", model="contraction", kind="calibrated",
              claim="Half-width (FDHM) of the Ca²⁺ transient, slow fibre",
              source=_BH03 + ": 7.7 ± 0.6 ms (±25 %)", low=5.8, high=9.6, unit="ms",
              compute=lambda: _twitch("slow").ca_half_width_ms),
    Benchmark(id="C4", model="contraction",
              claim="Total Ca²⁺ released by one AP, fast : slow",
              source=_BH03 + " (≈ 3-fold); Baylor & Hollingworth 2012 J Gen Physiol 139:261 (3–4-fold)",
              low=2.4, high=4.0, unit="", compute=_release_ratio),
    Benchmark(id="C5", model="contraction", kind="calibrated",
              claim="Fraction of the SR Ca²⁺ content released by one AP (fast fibre)",
              source="Pape, Jong & Chandler 1998 J Gen Physiol 112:263 (frog cut fibres, ≈ 15 °C): ≈ 0.17",
              low=0.10, high=0.30, unit="", compute=lambda: _twitch("fast").sr_release_fraction),
    Benchmark(id="C6a", model="contraction", kind="calibrated",
              claim="Release of the 2nd AP of a 67-Hz train, relative to the 1st (fast fibre)",
              source=_BH07 + ": ≈ 0.25", low=0.20, high=0.30, unit="", compute=lambda: float(_train67()[1])),
    Benchmark(id="C6b", model="contraction", kind="calibrated",
              claim="Release of the 5th AP of a 67-Hz train, relative to the 1st (fast fibre)",
              source=_BH07 + ": ≈ 0.15", low=0.10, high=0.20, unit="", compute=lambda: float(_train67()[4])),
    Benchmark(id="C7", model="contraction", kind="calibrated",
              claim="Recovery of release from Ca²⁺ inactivation after one AP (two-AP protocol), rate constant",
              source=_BH07 + ": 7 s⁻¹", low=4.0, high=10.0, unit="1/s", compute=recovery_rate_per_s),
    Benchmark(id="C8", model="contraction",
              claim="Spatially averaged free Ca²⁺ during a 1-s 100-Hz tetanus stays bounded (largest value after "
                    "100 ms, fast fibre)",
              source="Low-affinity indicators: the tetanic level does not exceed the first-AP peak by much "
                     "(Baylor & Hollingworth 2007; Westerblad & Allen, mouse FDB: ≈ 1–2 µM with fura-2) [recalled]",
              low=0.0, high=20.0, unit="µM", compute=lambda: _tetanic_ca_peak("fast")),
    Benchmark(id="C8b", model="contraction",
              claim="Tetanic Ca²⁺ is a plateau, not rising: mean over 0.9–1.0 s ÷ mean over 0.4–0.5 s (fast, 100 Hz)",
              source="Unfatigued mouse fibres, 1-s tetani (Westerblad & Allen) [recalled]",
              low=0.0, high=1.1, unit="", compute=_plateau_drift),
    Benchmark(id="C8c", model="contraction",
              claim="Free Ca²⁺ during a 1-s 100-Hz tetanus stays bounded, slow fibre",
              source="As C8", low=0.0, high=20.0, unit="µM", compute=lambda: _tetanic_ca_peak("slow")),
    Benchmark(id="C8d", model="contraction",
              claim="Release falls in a 67-Hz train by inactivation, not because the SR empties: lowest SR content "
                    "during the 5-AP train (fraction of rest)",
              source=_BH07, low=0.5, high=1.0, unit="", compute=_sr_after_train),
    Benchmark(id="C9", model="contraction", kind="calibrated",
              claim="Force–pCa: pCa50 of the fast fibre", source="Skinned-fibre textbook ranges: fast 5.7–5.9",
              low=5.7, high=5.9, unit="pCa", compute=lambda: c.FAST.pca50),
    Benchmark(id="C10a", model="contraction", kind="calibrated", claim="Twitch contraction time, fast unit",
              source="Sica & McComas 1971 (human motor units, in vivo): 35–98 ms", low=35.0, high=98.0, unit="ms",
              compute=lambda: _twitch("fast").contraction_time_ms),
    Benchmark(id="C10b", model="contraction", kind="calibrated", claim="Twitch contraction time, slow unit",
              source="Sica & McComas 1971: 35–98 ms", low=35.0, high=98.0, unit="ms",
              compute=lambda: _twitch("slow").contraction_time_ms),
    Benchmark(id="C11", model="contraction", kind="calibrated",
              claim="Force–frequency: half-maximal frequency, fast unit", source=_THOMAS + ": 12 ± 4 Hz",
              low=8.0, high=16.0, unit="Hz", compute=lambda: _f50("fast")),
    Benchmark(id="C12a", model="contraction",
              claim="Twitches begin to fuse (fusion index > 0.05) between 5 and 8 Hz (fast unit)",
              source=_THOMAS + ": fusion begins at 5–8 Hz", low=5.0, high=8.0, unit="Hz", compute=_fusion_onset),
    Benchmark(id="C12b", model="contraction",
              claim="Maximal force (≥ 95 % of the 100-Hz force) is reached between 30 and 100 Hz (fast unit)",
              source=_THOMAS, low=30.0, high=100.0, unit="Hz", compute=_max_force_frequency),
    Benchmark(id="C12c", model="contraction",
              claim="At 20 Hz a unit is still well below its maximal force (fast unit, peak force)",
              source=_THOMAS + " (maximum at 30–100 Hz): never 'fused' at 18–20 Hz", low=0.0, high=0.9, unit="",
              compute=_force_at_20_hz),
    Benchmark(id="C13a", model="contraction", kind="calibrated", claim="Twitch:tetanus ratio, fast unit",
              source="Human muscle ≈ 0.1–0.25 (course reference sheet)", low=0.10, high=0.25, unit="",
              compute=lambda: c.twitch_tetanus_ratio("fast")),
    Benchmark(id="C13b", model="contraction", kind="calibrated", claim="Twitch:tetanus ratio, slow unit",
              source="Human muscle ≈ 0.1–0.25 (course reference sheet)", low=0.10, high=0.25, unit="",
              compute=lambda: c.twitch_tetanus_ratio("slow")),
    Benchmark(id="C14", model="contraction", kind="calibrated",
              claim="Slow units need lower rates: f50 slow ÷ f50 fast",
              source="Kernell, Eerbeek & Verhey 1983 (cat motor units): f50 scales inversely with twitch "
                     "duration, ≈ 0.6 [recalled]", low=0.45, high=0.75, unit="",
              compute=lambda: _f50("slow") / _f50("fast")),
    Benchmark(id="C15", model="contraction",
              claim="Slower SERCA (halved) prolongs relaxation: half-relaxation time ratio",
              source="Odermatt et al. 1996 Nat Genet 14:191 (Brody disease, human; qualitative)",
              low=1.05, high=math.inf, unit="", compute=_serca_half_relaxation_ratio),
    Benchmark(id="C16", model="contraction",
              claim="Catch-like property: an extra stimulus 10 ms before a 10-Hz train raises its force–time "
                    "integral (ratio)",
              source="Binder-Macleod & Kesar 2005 Muscle Nerve 31:681 (human quadriceps)",
              low=1.02, high=math.inf, unit="", compute=_catchlike_gain),
)
