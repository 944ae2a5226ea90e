"""Published benchmarks for the axon model of notebook 03 (:mod:`course.excitability`).

Each row names the human (or clinical) finding, its source and the accepted range; ``compute`` runs the
model. Rows the model was tuned to are marked ``kind="calibrated"``. Rows the model is known to fail carry a
``limitation``: the same text stands in notebook 03's "What this model leaves out" box.

Protocols (all in :mod:`course.excitability`): thresholds by bisection on square current pulses
(:func:`~course.excitability.pulse_thresholds_ua_cm2`), the recovery cycle after one supramaximal 0.1-ms
conditioning pulse with a 0.5-ms test pulse, the strength–duration time constant by Weiss's law over
0.2–1-ms pulses, spontaneous firing over 1 s without a stimulus.
"""

from __future__ import annotations

import math
from functools import lru_cache

import numpy as np

from course import excitability as ex
from course.electrolytes import Electrolytes
from course.validation._base import Benchmark

__all__ = ["BENCHMARKS", "LIMITATION_FATIGUE"]

_NB = "03_hyperexcitability_and_cramps.ipynb"
_NORMAL = Electrolytes()

#: Why the fatigue benchmark fails.
LIMITATION_FATIGUE = (
    "Fatigue K⁺ lowers the model axon's threshold, whereas local fatigue raised the cramp threshold in people "
    "(Stone et al. 2010); the reflex loop is not modelled."
)

_ONSET_RANGE = (0.5, 1.3)


@lru_cache(maxsize=16)
def _onset(ecf: Electrolytes = _NORMAL, fibre: str = "motor") -> float:
    return ex.onset_ca_mm(ecf, ca_range_mm=_ONSET_RANGE, fibre=fibre)


@lru_cache(maxsize=4)
def _onset_ph(fibre: str) -> float:
    """Lowest arterial pH (0.01 grid, 7.40–7.80) at which the axon fires by itself at normal blood values."""
    ph = np.round(np.arange(7.40, 7.801, 0.01), 3)
    rate = ex.simulate_grid(ph=ph, sensory=fibre == "sensory", duration_ms=1000.0, record_every=0).rate_hz
    return float(ph[rate > 0.0].min()) if np.any(rate > 0.0) else math.nan


def _max_rate_high_k() -> float:
    k = np.round(np.arange(2.0, 12.01, 0.5), 2)
    b = ex.simulate_grid(k_mm=k[:, None], sensory=np.array([False, True])[None, :], duration_ms=1000.0,
                         record_every=0)
    return float(b.rate_hz.max())


def _max_rate_normal_ca() -> float:
    ca = np.round(np.arange(1.1, 1.601, 0.05), 2)
    b = ex.simulate_grid(ca_mm=ca[:, None], sensory=np.array([False, True])[None, :], duration_ms=1000.0,
                         record_every=0)
    return float(b.rate_hz.max())


@lru_cache(maxsize=8)
def _sdtc(fibre: str = "motor", ecf: Electrolytes = _NORMAL) -> float:
    return ex.strength_duration_ms(ecf, fibre=fibre)[0]


def _recovery(delays: tuple[float, ...], pick: str) -> float:
    rc = ex.recovery_cycle_pct(_NORMAL, delays)
    return float(rc.min() if pick == "min" else rc.max())


def _max_impulses() -> float:
    return float(max(ex.spikes_per_stimulus(Electrolytes(k=k), fibre=f)
                     for f in ex.FIBRES for k in (4.0, 5.5, 6.5)))


def _fatigue_rheobase_change_pct() -> float:
    base = ex.rheobase_ua_cm2(_NORMAL, window_ms=30.0, tolerance_ua_cm2=0.5)
    tired = ex.rheobase_ua_cm2(_NORMAL, fatigue_k_mm=2.5, window_ms=30.0, tolerance_ua_cm2=0.5)
    return 100.0 * (tired / base - 1.0)


BENCHMARKS: tuple[Benchmark, ...] = (
    Benchmark(
        "AX1", "excitability", "Resting potential of a human motor-axon node at normal blood values",
        "McIntyre, Richardson & Grill 2002, J Neurophysiol 87:995 (mammalian axon model, 36 °C): −80 mV",
        -86.0, -78.0, "mV", lambda: ex.resting_potential_mv(_NORMAL), notebook=_NB,
    ),
    Benchmark(
        "AX2", "excitability", "Ionized Ca²⁺ below which motor axons fire by themselves (manifest tetany)",
        "clinical: tetany usually below ≈ 0.8–0.9 mM ionized Ca²⁺ (Harrison's; PHYSIOLOGY_REFERENCE)",
        0.75, 0.90, "mM", _onset, kind="calibrated", notebook=_NB,
    ),
    Benchmark(
        "AX3", "excitability", "Sensory axons fire before motor axons as Ca²⁺ falls (onset difference)",
        "Macefield & Burke 1991, Brain 114:527; Mogyoros, Bostock & Burke 2000, Muscle Nerve 23:310 (human)",
        0.005, math.inf, "mM", lambda: _onset(fibre="sensory") - _onset(), notebook=_NB,
    ),
    Benchmark(
        "AX4", "excitability", "Low Mg²⁺ (0.5 mM) raises the Ca²⁺ at which tetany starts",
        "Harrison's Principles of Internal Medicine (hypomagnesaemia lowers the tetany threshold)",
        0.005, math.inf, "mM", lambda: _onset(Electrolytes(mg=0.5)) - _onset(), notebook=_NB,
    ),
    Benchmark(
        "AX5", "excitability", "Hypokalaemia (2.5 mM) masks hypocalcaemic tetany: the onset Ca²⁺ falls",
        "clinical teaching (Harrison's; endocrine texts): K⁺ repletion can unmask tetany",
        -math.inf, -0.005, "mM", lambda: _onset(Electrolytes(k=2.5)) - _onset(), notebook=_NB,
    ),
    Benchmark(
        "AX6", "excitability", "Hyperkalaemia (K⁺ 2–12 mM) depolarises without spontaneous firing (both fibres)",
        "Krishnan et al. 2005, Brain 128:2164 (human motor axons in kidney failure)",
        0.0, 0.0, "Hz", _max_rate_high_k, notebook=_NB,
    ),
    Benchmark(
        "AX7", "excitability", "No spontaneous firing at ionized Ca²⁺ ≥ 1.1 mM (both fibres)",
        "clinical: symptoms of hypocalcaemia appear below ≈ 1.1 mM ionized (PHYSIOLOGY_REFERENCE)",
        0.0, 0.0, "Hz", _max_rate_normal_ca, notebook=_NB,
    ),
    Benchmark(
        "AX8", "excitability", "Strength–duration time constant, motor axon (Weiss fit, 0.2–1-ms pulses)",
        "Mogyoros, Kiernan & Burke 1996, Brain 119:439 (human median nerve): 0.459 ± 0.126 ms (± 2 SD)",
        0.207, 0.711, "ms", _sdtc, notebook=_NB,
    ),
    Benchmark(
        "AX9", "excitability", "Strength–duration time constant, sensory axon (Weiss fit, 0.2–1-ms pulses)",
        "Mogyoros et al. 1996 (human median nerve): 0.665 ± 0.182 ms (± 2 SD)",
        0.301, 1.029, "ms", lambda: _sdtc("sensory"), notebook=_NB,
    ),
    Benchmark(
        "AX10", "excitability", "Strength–duration time constant, sensory : motor (more persistent Na⁺)",
        "Mogyoros et al. 1996 (665 vs 459 µs ≈ 1.45); Bostock & Rothwell 1997, J Physiol 498:277",
        1.2, math.inf, "ratio", lambda: _sdtc("sensory") / _sdtc(), notebook=_NB,
    ),
    Benchmark(
        "AX11", "excitability", "Strength–duration time constant lengthens with depolarisation (K⁺ 6.5 vs 4 mM)",
        "Mogyoros et al. 1996; Kiernan & Bostock 2000 (human axons, depolarisation lengthens SDTC)",
        1.0, math.inf, "ratio", lambda: _sdtc(ecf=Electrolytes(k=6.5)) / _sdtc(), notebook=_NB,
    ),
    Benchmark(
        "AX12", "excitability", "Recovery cycle: refractoriness, threshold change 2 ms after one impulse",
        "Kiernan et al. 2000, Muscle Nerve 23:399 (human median motor axons, threshold tracking)",
        20.0, 60.0, "%", lambda: _recovery((2.0,), "max"), notebook=_NB,
    ),
    Benchmark(
        "AX13", "excitability", "Recovery cycle: superexcitability, lowest threshold change at 5–7 ms",
        "Kiernan et al. 2000 (human median motor axons)",
        -30.0, -15.0, "%", lambda: _recovery((5.0, 6.0, 7.0), "min"), notebook=_NB,
    ),
    Benchmark(
        "AX14", "excitability", "Recovery cycle: late subexcitability, largest threshold change at 30–50 ms",
        "Kiernan et al. 2000 (human median motor axons)",
        10.0, 20.0, "%", lambda: _recovery((30.0, 40.0, 50.0), "max"), notebook=_NB,
    ),
    Benchmark(
        "AX15", "excitability", "Follows a 50-Hz supramaximal train one-to-one (pulses answered, of 25)",
        "clinical repetitive nerve stimulation at 20–50 Hz in healthy nerve (one response per stimulus)",
        25.0, 25.0, "pulses", lambda: float(ex.train_response(stim_hz=50.0, n_pulses=25)[0]), notebook=_NB,
    ),
    Benchmark(
        "AX16", "excitability", "One stimulus → one impulse at K⁺ 4, 5.5 and 6.5 mM, both fibres (largest count)",
        "normal nerve conduction; Krishnan et al. 2005 (hyperkalaemia: refractoriness rises, no afterdischarge)",
        1.0, 1.0, "impulses", _max_impulses, notebook=_NB,
    ),
    Benchmark(
        "AX17", "excitability", "Over-breathing: the sensory axon starts firing at an alkalosis people reach",
        "Macefield & Burke 1991 (paraesthesiae on voluntary over-breathing); COURSE_SPEC V3.3: pH 7.55–7.65",
        7.55, 7.65, "pH", lambda: _onset_ph("sensory"), kind="calibrated", notebook=_NB,
    ),
    Benchmark(
        "AX18", "excitability", "Over-breathing: the motor axon is still silent where the sensory axon starts",
        "Macefield & Burke 1991: paraesthesiae come before tetany (motor onset pH minus sensory onset pH)",
        0.01, math.inf, "pH", lambda: _onset_ph("motor") - _onset_ph("sensory"), notebook=_NB,
    ),
    Benchmark(
        "AX19", "excitability", "Local fatigue does not make the motor system more excitable (rheobase change, "
        "+2.5 mM fatigue K⁺)",
        "Stone et al. 2010, J Sports Sci 28:399 (human FHB: cramp-threshold frequency 20 → 33 Hz after fatigue)",
        0.0, math.inf, "%", _fatigue_rheobase_change_pct, limitation=LIMITATION_FATIGUE, notebook=_NB,
    ),
)
