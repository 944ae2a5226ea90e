"""The cramp reflex: a motoneuron pool with persistent inward currents, spindle and tendon-organ feedback,
motor-unit force and surface EMG (notebook 04).

A teaching model of one calf muscle and its spinal motoneuron pool, numpy only.

1. **The pool** (Fuglevand, Winter & Patla 1993 design): :data:`N_UNITS` motor units, recruitment thresholds
   ``RTE_i = exp(ln(RR)·i/N)`` over :data:`RECRUITMENT_RANGE` (30-fold), twitch forces ``P_i`` over
   :data:`FORCE_RANGE` (100-fold, the same exponential order: the size principle, small units first), rate
   coding ``rate = MFR + g_e·(E − RTE_i)`` from :data:`MIN_RATE_HZ` (8 Hz) up to a peak that falls from
   :data:`PEAK_RATE_FIRST_HZ` (35 Hz) for the first unit to 25 Hz for the last. Excitation ``E`` is in
   Fuglevand's units (1 unit of excitation above threshold = 1 Hz more). Inter-spike intervals vary with
   coefficient of variation :data:`ISI_CV`.
2. **Unit force** from notebook 02's twitch model (:mod:`course.contraction`): the first
   :data:`SLOW_FRACTION` of the pool (the small units) uses the slow-fibre twitch, the rest the fast-fibre
   twitch, each computed once. A unit's force is the sum of its twitches passed through a saturation
   ``g(x) = x / (1 + x^n)^(1/n)`` whose exponent is fitted per fibre type to the full model's force–frequency
   curve, so each unit fuses at its own frequencies (:func:`unit_force_error` gives the fit error). The
   muscle's force is the ``P_i``-weighted sum (fraction of maximal force). Units fire asynchronously, so the
   sum is smooth where single units still ripple.
3. **Motoneurons with a persistent inward current (PIC).** Each motoneuron's excitation is
   ``E_i = voluntary + afferent stimulation + Ia − Ib + PIC_i + noise``; the PIC activates (time constant
   :data:`PIC_TAU_S`) once ``E_i`` comes within :data:`PIC_ONSET` of the unit's threshold and then adds
   :data:`PIC_AMPLITUDE` to its own excitation. That loop makes a motoneuron **bistable** (Heckman,
   Hyngstrom & Johnson 2008): a brief strong input can leave it firing on its own — the spinal mechanism of
   a cramp (Minetto et al. 2013).
4. **Feedback.** Muscle spindles (Ia) excite in proportion to a tonic (fusimotor) level, muscle length and
   lengthening velocity; Golgi tendon organs (Ib) inhibit in proportion to tendon tension: active force (less
   of it reaches a slack tendon in a shortened muscle) plus passive tension (which rises steeply when the
   muscle is stretched). The ``fatigue`` lever raises Ia and lowers Ib as the neuromuscular theory of
   exercise-associated cramp proposes (Schwellnus 2009). The evidence is mixed: Stone et al. 2010 found that
   local fatigue *raised* the cramp-threshold frequency, which this lever cannot reproduce (a known
   limitation, listed in the validation suite).
5. **Electrical stimulation** of the nerve at ``stim_hz`` for :data:`TRAIN_S` drives a fraction
   :data:`STIM_FRACTION` of motor axons directly (one spike per pulse; antidromic collision silences their
   motoneurons) and sends afferent volleys to the pool: a fast synaptic drive (time constant
   :data:`SYN_TAU_S`) and a slow facilitation that builds over the train and fades over
   :data:`SLOW_TAU_S` (temporal summation and PIC warm-up lumped). A **cramp** is self-sustained firing of at
   least :data:`CRAMP_MIN_UNITS` motoneurons lasting :data:`CRAMP_MIN_S` or more after the input stopped.
6. **Low Ca²⁺ (tetany)** comes from notebook 03's axon (:func:`course.excitability.spontaneous_rate_hz`):
   when it fires on its own, a share of motor axons fires ectopic doublets and triplets in the periphery.
   The motoneuron is bypassed, so a stretch (which acts on the spinal cord) does not stop it.
7. **Surface EMG**: each unit's action potential is a biphasic wave (first derivative of a Gaussian) whose
   amplitude grows with unit size and falls with a random depth under the electrode, which also widens it
   (tissue filtering); plus electrode noise. The envelope is the rectified EMG smoothed over
   :data:`ENVELOPE_MS`.

Units: time s (ms where named), excitation in Fuglevand's units, rates Hz, force a fraction of the maximal
force of the whole muscle, EMG mV, Ca²⁺ mM. Every random part takes ``seed``.

The calibrated numbers (the validation suite marks their benchmarks "calibrated"): :data:`STIM_WEIGHT` (the
afferent drive per pulse) was fitted so that the default (not cramp-prone) setting cramps at Miller & Knight's
25.5 Hz; the cramp-prone set (:data:`PRONE`: weaker Ib, stronger PIC) was chosen against their 14.9 Hz, so its CTF
agrees by construction (the second cramp-prone sample, Miller & Knight 2012, is the test). :data:`REPEAT_IB_GAIN`
was fitted to the CTF rise after four cramp-training sessions (Behringer et al. 2016).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import lru_cache
from types import MappingProxyType

import numpy as np

from course._checks import check_number

__all__ = [
    "N_UNITS", "RECRUITMENT_RANGE", "FORCE_RANGE", "MIN_RATE_HZ", "PEAK_RATE_FIRST_HZ", "PEAK_RATE_DROP_HZ",
    "ISI_CV", "SLOW_FRACTION", "PIC_AMPLITUDE", "PIC_ONSET", "PIC_TAU_S", "STIM_WEIGHT", "STIM_FRACTION",
    "TRAIN_S", "TRAIN_START_S", "VOLUNTARY_S", "STRETCH_RAMP_S", "CTF_START_HZ", "CTF_STEP_HZ", "CTF_MAX_HZ",
    "CRAMP_MIN_UNITS", "CRAMP_MIN_S", "PRONE", "Setting", "PoolTrace", "simulate_pool", "cramp_threshold_hz",
    "recruitment_thresholds", "peak_rates_hz", "twitch_forces", "unit_force_error", "ectopic_rate_hz",
    "PARAM_RANGES", "steady_force", "max_excitation", "mean_rates_hz", "ctf_frequencies", "cramps_at",
    "DT_MS", "EMG_DT_MS", "ENVELOPE_MS", "SYN_TAU_S", "SLOW_TAU_S", "REPEAT_IB_GAIN",
]

# --- the pool (Fuglevand, Winter & Patla 1993) --------------------------------------------------------------
#: Number of motor units (Fuglevand et al. 1993 used 120 for a hand muscle).
N_UNITS = 100
#: Largest / smallest recruitment threshold (Fuglevand 1993: RR = 30).
RECRUITMENT_RANGE = 30.0
#: Largest / smallest twitch force (Fuglevand 1993: RP = 100).
FORCE_RANGE = 100.0
#: Rate at recruitment (Hz) and rate gain (Hz per unit of excitation) (Fuglevand 1993: MFR 8 Hz, g_e 1).
MIN_RATE_HZ = 8.0
RATE_GAIN = 1.0
#: Peak rate of the first unit (Hz) and how much lower the last unit's is (Fuglevand 1993: PFR1 35, PFRD 10).
PEAK_RATE_FIRST_HZ = 35.0
PEAK_RATE_DROP_HZ = 10.0
#: Coefficient of variation of inter-spike intervals (Fuglevand 1993 used 0.1–0.3).
ISI_CV = 0.2
#: Share of the pool (smallest units) with slow-twitch fibres; ≈ half in human gastrocnemius.
SLOW_FRACTION = 0.5

# --- motoneurons ------------------------------------------------------------------------------------------
#: Excitation a fully active PIC adds (Fuglevand units). PICs in human motoneurons amplify synaptic input
#: several-fold (Heckman et al. 2008); here it is enough to keep the small units firing at rest once on.
PIC_AMPLITUDE = 2.0
#: The PIC starts to turn on this far below the unit's recruitment threshold (Fuglevand units), over a
#: sigmoid of width :data:`PIC_WIDTH`.
PIC_ONSET = 0.5
PIC_WIDTH = 0.25
#: PIC activation and (slower) deactivation time constants (s).
PIC_TAU_S = 0.1
PIC_TAU_OFF_S = 0.3
#: Noise of each motoneuron's excitation: standard deviation (Fuglevand units) and correlation time (s).
NOISE_SD = 0.3
NOISE_TAU_S = 0.02

# --- afferent feedback ------------------------------------------------------------------------------------
#: Tonic (fusimotor) Ia excitation at rest length; Ia per unit of length change and per unit length / s.
IA_TONIC = 0.4
IA_LENGTH = 0.4
IA_VELOCITY = 0.6
#: Ib inhibition per unit of tendon tension (fraction of maximal force), and passive tension at rest length.
IB_PER_TENSION = 12.0
PASSIVE_REST = 0.25
#: Passive tension grows as exp(PASSIVE_SLOPE · length change): ≈ 12 × at full stretch, 0.08 × shortened.
PASSIVE_SLOPE = 2.5
#: Share of active force that reaches the tendon organs per unit of length change (a slack tendon in a
#: shortened muscle loads them less).
TENDON_LENGTH_GAIN = 0.9
#: Length change of the "shortened position" and of a full stretch (relative units).
SHORTENED_LENGTH = -1.0
STRETCH_LENGTH = 1.0
#: Fatigue (0–1) multiplies Ia by 1 + FATIGUE_IA·fatigue and Ib by 1 − FATIGUE_IB·fatigue (Schwellnus 2009).
FATIGUE_IA = 1.0
FATIGUE_IB = 0.5

# --- electrical stimulation -----------------------------------------------------------------------------
#: Fast afferent drive per stimulus (Fuglevand units); calibrated: the default setting cramps at ≈ 25.5 Hz.
STIM_WEIGHT = 0.5
#: Fast synaptic time constant (s).
SYN_TAU_S = 0.05
#: Slow facilitation added per stimulus (Fuglevand units) and its decay time (s).
SLOW_WEIGHT = 0.075
SLOW_TAU_S = 4.0
#: Share of motor axons the electrodes recruit directly (seeded choice).
STIM_FRACTION = 0.3
#: The stimulation train: start (s) and length (s).
TRAIN_START_S = 0.5
TRAIN_S = 2.0
#: The voluntary contraction: start and end (s).
VOLUNTARY_S = (0.5, 3.5)
#: A stretch lengthens the muscle over this ramp time (s) and holds it.
STRETCH_RAMP_S = 0.5

# --- cramp detection and protocols ----------------------------------------------------------------------
CRAMP_MIN_UNITS = 3
CRAMP_MIN_S = 1.0
#: Cramp-threshold protocol (Miller & Knight 2012): start 4 Hz, +2 Hz per train, up to the maximum.
CTF_START_HZ = 4.0
CTF_STEP_HZ = 2.0
CTF_MAX_HZ = 60.0
#: Time after each CTF train that is watched for self-sustained firing (s).
CTF_WATCH_S = 3.0
#: Cramp training (Behringer et al. 2014, 2016): each session multiplies Ib by 1 + REPEAT_IB_GAIN·(1 − e^(−n/4)).
REPEAT_IB_GAIN = 0.5


@dataclass(frozen=True)
class Setting:
    """A documented parameter set: multipliers of Ib gain and PIC amplitude."""

    name: str
    ib_factor: float
    pic_factor: float
    note: str


#: The cramp-prone setting (Miller & Knight 2009 "group 1"): tendon-organ inhibition at 70 % and PICs 20 %
#: stronger — the two changes the neuromuscular theory names (Schwellnus 2009; Minetto et al. 2013). Stated,
#: not fitted.
PRONE = Setting("cramp-prone", ib_factor=0.7, pic_factor=1.2,
                note="Ib inhibition × 0.7 and PIC amplitude × 1.2 (fitted to Miller & Knight 2009)")
NOT_PRONE = Setting("not cramp-prone", ib_factor=1.0, pic_factor=1.0, note="the model's defaults")

# --- integration and EMG ----------------------------------------------------------------------------------
#: Step of the motoneuron loop (ms).
DT_MS = 1.0
#: Sample interval of force and EMG (ms): 2 kHz.
EMG_DT_MS = 0.5
#: Moving-average window of the EMG envelope (ms).
ENVELOPE_MS = 100.0
#: EMG: amplitude of the smallest unit's action potential at zero depth (mV), width (ms), noise (mV).
MUAP_AMPLITUDE_MV = 0.02
MUAP_WIDTH_MS = 1.0
EMG_NOISE_MV = 0.005
#: Ectopic firing at low Ca²⁺: share of axons involved = 1 − exp(−rate/ECTOPIC_RATE_SCALE_HZ).
ECTOPIC_RATE_SCALE_HZ = 40.0
#: Intervals inside a doublet/triplet (ms) in tetany (4–20 ms are reported).
MULTIPLET_MS = 8.0

#: Allowed ranges of the public parameters (name → (low, high, unit)).
PARAM_RANGES = MappingProxyType({
    "duration_s": (0.5, 60.0, "s"),
    "stim_hz": (1.0, 100.0, "Hz"),
    "fatigue": (0.0, 1.0, ""),
    "ia_gain": (0.0, 3.0, ""),
    "ib_gain": (0.0, 3.0, ""),
    "stretch_at_s": (0.0, 60.0, "s"),
    "voluntary": (0.0, 1.0, "fraction of maximal drive"),
    "ca_mM": (0.5, 1.5, "mM"),
    "seed": (0, 2**32 - 1, ""),
    "repeated_cramps": (0, 20, "sessions"),
})


def _check(name: str, value: object) -> float:
    lo, hi, unit = PARAM_RANGES[name]
    return check_number(name, value, lo, hi, unit)


def _check_int(name: str, value: object) -> int:
    x = _check(name, value)
    if isinstance(value, float) and not value.is_integer():
        raise ValueError(f"{name}={value!r} must be a whole number in [{PARAM_RANGES[name][0]}, "
                         f"{PARAM_RANGES[name][1]}]")
    return int(x)


# --- pool properties --------------------------------------------------------------------------------------
def recruitment_thresholds(n: int = N_UNITS) -> np.ndarray:
    """Recruitment threshold excitation of each unit (Fuglevand units), smallest first: 1.03 … 30."""
    i = np.arange(1, n + 1)
    return np.exp(math.log(RECRUITMENT_RANGE) * i / n)


def twitch_forces(n: int = N_UNITS) -> np.ndarray:
    """Peak twitch force of each unit relative to the smallest (1 … 100): the size principle."""
    i = np.arange(1, n + 1)
    return np.exp(math.log(FORCE_RANGE) * (i - 1) / (n - 1))


def peak_rates_hz(n: int = N_UNITS) -> np.ndarray:
    """Peak firing rate of each unit (Hz): 35 Hz for the first falling to 25 Hz for the last."""
    rte = recruitment_thresholds(n)
    return PEAK_RATE_FIRST_HZ - PEAK_RATE_DROP_HZ * rte / rte[-1]


def _is_slow(n: int = N_UNITS) -> np.ndarray:
    return np.arange(n) < int(round(SLOW_FRACTION * n))


# --- unit force from notebook 02's twitch model ----------------------------------------------------------
_FIT_FREQS = np.array([5.0, 8.0, 10.0, 15.0, 20.0, 25.0, 30.0, 40.0, 50.0, 60.0, 80.0, 100.0])


@dataclass(frozen=True, eq=False)
class _FibreForce:
    kernel: np.ndarray  # twitch force at EMG_DT_MS steps (fraction of the unit's maximal tetanus)
    gain: float  # the twitch sum is multiplied by this before the saturation
    exponent: float  # saturation exponent n
    ff_model: np.ndarray  # the contraction model's force–frequency curve on _FIT_FREQS
    ff_fit: np.ndarray  # the saturated twitch sum on _FIT_FREQS
    rate_axis: np.ndarray = field(default_factory=lambda: np.arange(0.0, 101.0))
    steady: np.ndarray = field(default_factory=lambda: np.zeros(0))  # mean force at each rate on rate_axis


def _saturate(x: np.ndarray, n: float | np.floating) -> np.ndarray:
    return x / (1.0 + x**n) ** (1.0 / n)


def _train_sum(kernel: np.ndarray, hz: float, train_ms: float = 500.0) -> np.ndarray:
    dt = EMG_DT_MS
    n = int(train_ms / dt)
    pulses = np.zeros(n)
    idx = (np.arange(0.0, train_ms, 1000.0 / hz) / dt).astype(int)
    np.add.at(pulses, idx[idx < n], 1.0)
    return np.convolve(pulses, kernel)[:n]


@lru_cache(maxsize=2)
def _fibre_force(fibre: str) -> _FibreForce:
    """The twitch of one fibre type from :mod:`course.contraction` and its fitted saturation (computed once)."""
    from course.contraction import force_frequency, simulate_contraction

    tr = simulate_contraction(None, 600.0, spike_times_ms=[0.0], fibre=fibre, dt_ms=0.25)
    t = np.arange(0.0, 600.0, EMG_DT_MS)
    kernel = np.interp(t, tr.t_ms, tr.force - tr.force[0])
    ff = force_frequency(_FIT_FREQS, fibre=fibre)
    sums = [_train_sum(kernel, f) for f in _FIT_FREQS]
    peaks = np.array([s.max() for s in sums])
    best, best_err = (1.0, 1.0), math.inf
    for c in np.arange(1.0, 4.001, 0.05):  # largest error over the curve, minimised on a grid
        for n in np.arange(1.0, 8.001, 0.25):
            err = float(np.abs(_saturate(c * peaks, n) - ff).max())
            if err < best_err:
                best, best_err = (float(c), float(n)), err
    c, n = best
    fit = _saturate(c * peaks, n)
    rates = np.arange(0.0, 101.0)
    steady = np.array([0.0] + [float(_saturate(c * _train_sum(kernel, r, 1500.0)[1000:], n).mean())
                               for r in rates[1:]])
    return _FibreForce(kernel, c, n, ff, fit, rates, steady)


def unit_force_error() -> dict[str, float]:
    """Largest difference (fraction of maximal tetanus) between a unit's peak force in a 500-ms train from the
    saturated twitch sum and from :func:`course.contraction.force_frequency`, per fibre type, over 5–100 Hz."""
    return {f: float(np.abs(_fibre_force(f).ff_fit - _fibre_force(f).ff_model).max()) for f in ("slow", "fast")}


# --- low Ca²⁺: ectopic firing from notebook 03's axon ---------------------------------------------------
@lru_cache(maxsize=64)
def _ectopic_rate_cached(ca_centi: int, seed: int) -> float:
    from course.electrolytes import Electrolytes
    from course.excitability import spontaneous_rate_hz

    return float(spontaneous_rate_hz(Electrolytes(ca=ca_centi / 100.0), 1000.0, seed=seed))


def ectopic_rate_hz(ca_mM: float, seed: int = 0) -> float:
    """Spontaneous firing rate (Hz) of notebook 03's motor axon at this ionized Ca²⁺ (0 at normal Ca²⁺),
    computed at the nearest 0.01 mM (cached)."""
    ca = _check("ca_mM", ca_mM)
    return _ectopic_rate_cached(int(round(ca * 100)), int(seed))


def _ectopic_spikes(rate_hz: float, duration_s: float, rng: np.random.Generator) -> list[np.ndarray]:
    """Ectopic multiplets of each unit (s): a share of axons fires doublets/triplets at random times."""
    out = [np.zeros(0) for _ in range(N_UNITS)]
    if rate_hz <= 0:
        return out
    share = 1.0 - math.exp(-rate_hz / ECTOPIC_RATE_SCALE_HZ)
    involved = rng.random(N_UNITS) < share
    burst_hz = min(max(rate_hz / 4.0, 2.0), 15.0)
    for i in np.flatnonzero(involved):
        n = rng.poisson(burst_hz * duration_s * 1.5) + 1
        starts = np.cumsum(rng.exponential(1.0 / burst_hz, n))
        starts = starts[starts < duration_s - 0.05]
        sizes = rng.integers(2, 4, starts.size)  # doublets and triplets
        gap = MULTIPLET_MS / 1000.0 * rng.uniform(0.7, 1.3, starts.size)
        within = np.arange(sizes.sum()) - np.repeat(np.cumsum(sizes) - sizes, sizes)
        out[i] = np.repeat(starts, sizes) + within * np.repeat(gap, sizes)
    return out


# --- the motoneuron loop --------------------------------------------------------------------------------
@dataclass(frozen=True)
class _Drive:
    """Inputs of the loop, each broadcastable to (batch, 1): the batch runs several settings at once."""

    stim_hz: np.ndarray  # 0 = no stimulation
    ia: np.ndarray  # Ia multiplier (gain × fatigue)
    ib: np.ndarray  # Ib multiplier (gain × fatigue × setting × training)
    pic: np.ndarray  # PIC amplitude
    voluntary: np.ndarray  # fraction of maximal drive
    base_length: float  # 0 normal, SHORTENED_LENGTH shortened
    stretch_at_s: np.ndarray  # nan = no stretch


def _length(t: float, base: float, stretch_at: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Muscle length change and its rate (per s) at time t for each batch row."""
    frac = np.clip((t - stretch_at) / STRETCH_RAMP_S, 0.0, 1.0)
    frac = np.where(np.isnan(stretch_at), 0.0, frac)
    ramp = (t >= stretch_at) & (t < stretch_at + STRETCH_RAMP_S)
    length = base + frac * (STRETCH_LENGTH - base)
    velocity = np.where(ramp, (STRETCH_LENGTH - base) / STRETCH_RAMP_S, 0.0)
    return length, velocity


@dataclass(frozen=True, eq=False)
class _LoopResult:
    rates: np.ndarray  # (steps, batch, N) motoneuron rates (Hz), float32
    stim_units: np.ndarray  # (N,) bool: axons driven by the electrodes
    spikes: list[list[np.ndarray]] | None  # [batch][unit] motoneuron spike times (s)
    dt_s: float


def _loop(drive: _Drive, duration_s: float, seed: int, dt_ms: float = DT_MS, record_spikes: bool = True,
          keep_rates: bool = True, rate_dtype: type = np.float32) -> _LoopResult:
    """Integrate the motoneuron pool (exponential Euler) for every batch row at once."""
    dt = dt_ms / 1000.0
    n_steps = int(round(duration_s / dt))
    rng = np.random.default_rng(seed)
    rte = recruitment_thresholds()
    pfr = peak_rates_hz()
    weights = twitch_forces()
    weights = weights / weights.sum()
    slow = _is_slow()
    steady_slow, steady_fast = _fibre_force("slow").steady, _fibre_force("fast").steady
    stim_units = rng.random(N_UNITS) < STIM_FRACTION
    batch = int(np.broadcast(drive.stim_hz, drive.ia, drive.ib, drive.pic, drive.voluntary,
                             drive.stretch_at_s).shape[0])
    shape = (batch, N_UNITS)
    stim_hz = np.broadcast_to(drive.stim_hz, (batch, 1))
    ia_gain = np.broadcast_to(drive.ia, (batch, 1))
    ib_gain = np.broadcast_to(drive.ib, (batch, 1))
    pic_amp = np.broadcast_to(drive.pic, (batch, 1))
    vol = np.broadcast_to(drive.voluntary, (batch, 1)) * (rte[-1] + (pfr[-1] - MIN_RATE_HZ) / RATE_GAIN)
    stretch_at = np.broadcast_to(drive.stretch_at_s, (batch, 1)).astype(float)
    # stimulus pulses per step
    period = np.where(stim_hz > 0, 1.0 / np.maximum(stim_hz, 1e-9), np.inf)
    syn_decay, slow_decay = math.exp(-dt / SYN_TAU_S), math.exp(-dt / SLOW_TAU_S)
    pic_on, pic_off = dt / PIC_TAU_S, dt / PIC_TAU_OFF_S
    noise_a = math.exp(-dt / NOISE_TAU_S)
    noise_b = NOISE_SD * math.sqrt(1.0 - noise_a**2)
    syn = np.zeros((batch, 1))
    slow_fac = np.zeros((batch, 1))
    p = np.zeros(shape)
    noise = rng.normal(0.0, NOISE_SD, shape)
    force = np.zeros((batch, 1))
    phase = np.full(shape, 0.9)
    force_decay = math.exp(-dt / 0.1)
    rates = np.zeros((n_steps, batch, N_UNITS), dtype=rate_dtype) if keep_rates else np.zeros((0, batch, N_UNITS))
    spk_step: list[np.ndarray] = []
    spk_frac: list[np.ndarray] = []
    spk_idx: list[np.ndarray] = []
    pulses_done = np.zeros((batch, 1))
    in_train_end = TRAIN_START_S + TRAIN_S
    t_vol0, t_vol1 = VOLUNTARY_S
    for k in range(n_steps):
        t = k * dt
        # afferent volleys of the stimulation train
        if TRAIN_START_S <= t < in_train_end:
            due = np.floor((t + dt - TRAIN_START_S) / period - 1e-9) + 1.0
            due = np.minimum(due, np.ceil(TRAIN_S / period))
            count = due - pulses_done
            pulses_done = due
            syn = syn * syn_decay + STIM_WEIGHT * count
            slow_fac = slow_fac * slow_decay + SLOW_WEIGHT * count
            stimulating = stim_hz > 0
        else:
            syn = syn * syn_decay
            slow_fac = slow_fac * slow_decay
            stimulating = np.zeros((batch, 1), dtype=bool)
        length, velocity = _length(t, drive.base_length, stretch_at)
        ia = ia_gain * np.maximum(IA_TONIC + IA_LENGTH * length + IA_VELOCITY * np.maximum(velocity, 0.0), 0.0)
        tension = force * (1.0 + TENDON_LENGTH_GAIN * length) + PASSIVE_REST * np.exp(PASSIVE_SLOPE * length)
        ib = ib_gain * IB_PER_TENSION * tension
        common = ia - ib + syn + slow_fac + (vol if t_vol0 <= t < t_vol1 else 0.0)
        noise = noise * noise_a + noise_b * rng.standard_normal(shape)
        e = common + pic_amp * p + noise
        above = e - rte
        p_inf = 1.0 / (1.0 + np.exp(-(above + PIC_ONSET) / PIC_WIDTH))
        p += np.where(p_inf > p, pic_on, pic_off) * (p_inf - p)
        rate = np.where(above >= 0.0, np.minimum(MIN_RATE_HZ + RATE_GAIN * above, pfr), 0.0)
        # electrode-driven axons: their motoneuron's own output is cancelled by antidromic collision
        blocked = stimulating & stim_units
        rate = np.where(blocked, 0.0, rate)
        driven = np.where(blocked, stim_hz, rate)
        ri = np.minimum(driven, 100.0).astype(int)
        unit_force = np.where(slow, steady_slow[ri], steady_fast[ri])
        force = force * force_decay + (1.0 - force_decay) * (unit_force @ weights)[:, None]
        if keep_rates:
            rates[k] = np.rint(rate) if rate_dtype is np.uint8 else rate
        if record_spikes:
            phase = np.where(rate > 0.0, phase + rate * dt, 0.9)
            fired = phase >= 1.0
            if fired.any():
                b, u = np.nonzero(fired)
                over = (phase[b, u] - 1.0) / (rate[b, u] * dt)
                spk_step.append(np.full(b.size, k))
                spk_frac.append(1.0 - over)
                spk_idx.append(b * N_UNITS + u)
                jitter = ISI_CV * rng.standard_normal(int(fired.sum()))
                phase[fired] = np.minimum(phase[fired] - 1.0 - jitter, 0.8)
    spikes = _collect_spikes(spk_step, spk_frac, spk_idx, batch, dt) if record_spikes else None
    return _LoopResult(rates, stim_units, spikes, dt)


def _collect_spikes(spk_step: list[np.ndarray], spk_frac: list[np.ndarray], spk_idx: list[np.ndarray], batch: int,
                    dt: float) -> list[list[np.ndarray]]:
    """Spike times (s) per batch row and unit from the loop's (step, fraction of step, flat index) records."""
    spikes = [[np.zeros(0) for _ in range(N_UNITS)] for _ in range(batch)]
    if spk_step:
        times = (np.concatenate(spk_step) + np.concatenate(spk_frac)) * dt
        idx = np.concatenate(spk_idx)
        order = np.argsort(idx, kind="stable")
        idx, times = idx[order], times[order]
        bounds = np.searchsorted(idx, np.arange(batch * N_UNITS + 1))
        for j in range(batch * N_UNITS):
            spikes[j // N_UNITS][j % N_UNITS] = np.sort(times[bounds[j]:bounds[j + 1]])
    return spikes


def _cramp_intervals(rates: np.ndarray, dt: float, input_end_s: float) -> list[tuple[float, float]]:
    """(start, end) in s of self-sustained firing after the input stopped: ≥ CRAMP_MIN_UNITS units firing for
    ≥ CRAMP_MIN_S. ``rates``: (steps, N)."""
    active = (rates > 0).sum(axis=1) >= CRAMP_MIN_UNITS
    k0 = int(math.ceil(input_end_s / dt))
    out: list[tuple[float, float]] = []
    if k0 >= active.size:
        return out
    a = active[k0:].astype(np.int8)
    edges = np.diff(np.concatenate([[0], a, [0]]))
    starts, ends = np.flatnonzero(edges == 1), np.flatnonzero(edges == -1)
    for s, e in zip(starts, ends, strict=True):
        if (e - s) * dt >= CRAMP_MIN_S:
            out.append((round((k0 + s) * dt, 6), round((k0 + e) * dt, 6)))
    return out


def _ib_multiplier(ib_gain: float, fatigue: float, setting: Setting, repeated: int) -> float:
    training = 1.0 + REPEAT_IB_GAIN * (1.0 - math.exp(-repeated / 4.0))
    return ib_gain * (1.0 - FATIGUE_IB * fatigue) * setting.ib_factor * training


# --- public API -------------------------------------------------------------------------------------------
@dataclass(frozen=True, eq=False)
class PoolTrace:
    """Result of :func:`simulate_pool`.

    ``t_s`` (s, every :data:`EMG_DT_MS`); ``force`` (fraction of the muscle's maximal force); ``emg_mV``
    (surface EMG, mV) and ``emg_envelope_mV`` (rectified, moving average over :data:`ENVELOPE_MS`);
    ``spike_times_s`` (one array per unit, smallest unit first: every spike the unit's axon carried —
    motoneuron discharges, electrode-driven and ectopic spikes); ``motoneuron_spike_times_s`` (the
    motoneuron's own discharges only); ``recruitment_threshold`` (Fuglevand units, per unit);
    ``cramp_intervals_s`` ((start, end) in s of self-sustained firing after the input stopped);
    ``input_end_s`` (s, when the last input ended); ``ectopic_rate_hz`` (notebook 03's axon at this Ca²⁺).
    """

    t_s: np.ndarray
    force: np.ndarray
    emg_mV: np.ndarray
    emg_envelope_mV: np.ndarray
    spike_times_s: tuple[np.ndarray, ...]
    recruitment_threshold: np.ndarray
    cramp_intervals_s: list[tuple[float, float]]
    motoneuron_spike_times_s: tuple[np.ndarray, ...] = ()
    input_end_s: float = 0.0
    ectopic_rate_hz: float = 0.0

    @property
    def cramped(self) -> bool:
        """True if any self-sustained firing followed the input."""
        return bool(self.cramp_intervals_s)


def _muscle_force(spikes: tuple[np.ndarray, ...], n: int) -> np.ndarray:
    """Muscle force on the EMG grid from every unit's spikes: twitch sums, saturated per fibre type, weighted."""
    weights = twitch_forces()
    weights = weights / weights.sum()
    slow = _is_slow()
    total = np.zeros(n)
    for fibre, mask in (("slow", slow), ("fast", ~slow)):
        ff = _fibre_force(fibre)
        units = np.flatnonzero(mask)
        trains = np.zeros((units.size, n))
        for row, i in enumerate(units):
            idx = np.round(spikes[i] * 1000.0 / EMG_DT_MS).astype(int)
            np.add.at(trains[row], idx[(idx >= 0) & (idx < n)], 1.0)
        nfft = 1 << int(math.ceil(math.log2(n + ff.kernel.size)))
        conv = np.fft.irfft(np.fft.rfft(trains, nfft) * np.fft.rfft(ff.kernel, nfft), nfft)[:, :n]
        total += weights[units] @ _saturate(ff.gain * np.maximum(conv, 0.0), ff.exponent)
    return total


def _muap_templates(rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Each unit's action potential as seen at the skin (mV, EMG_DT_MS steps), and the time axis (ms)."""
    t = np.arange(-10.0, 10.0 + EMG_DT_MS / 2, EMG_DT_MS)
    depth = rng.uniform(0.0, 1.0, N_UNITS)  # relative depth under the electrode
    amp = MUAP_AMPLITUDE_MV * np.sqrt(twitch_forces()) * np.exp(-1.5 * depth)
    width = MUAP_WIDTH_MS * (1.0 + 1.0 * depth)  # deeper units: smaller and wider (tissue filtering)
    x = t[None, :] / width[:, None]
    return (amp[:, None] * (-x) * np.exp(0.5 - 0.5 * x**2)), t


def _emg(spikes: tuple[np.ndarray, ...], n: int, rng: np.random.Generator) -> np.ndarray:
    templates, t = _muap_templates(rng)
    trains = np.zeros((N_UNITS, n))
    for i, s in enumerate(spikes):
        idx = np.round(s * 1000.0 / EMG_DT_MS).astype(int)
        np.add.at(trains[i], idx[(idx >= 0) & (idx < n)], 1.0)
    m = templates.shape[1]
    nfft = 1 << int(math.ceil(math.log2(n + m)))
    spec = (np.fft.rfft(trains, nfft) * np.fft.rfft(templates, nfft)).sum(axis=0)
    emg = np.fft.irfft(spec, nfft)[m // 2: m // 2 + n]
    return emg + EMG_NOISE_MV * rng.standard_normal(n)


def _envelope(emg: np.ndarray) -> np.ndarray:
    w = max(1, int(round(ENVELOPE_MS / EMG_DT_MS)))
    c = np.concatenate([[0.0], np.cumsum(np.abs(emg))])
    idx = np.arange(emg.size)
    lo = np.maximum(idx - w // 2, 0)
    hi = np.minimum(idx + w - w // 2, emg.size)
    return (c[hi] - c[lo]) / (hi - lo)


def _single_drive(stim_hz: float | None, fatigue: float, ia: float, ib: float, voluntary: float, shortened: bool,
                  stretch_at_s: float | None, setting: Setting, repeated: int) -> _Drive:
    return _Drive(
        stim_hz=np.array([[float(stim_hz or 0.0)]]),
        ia=np.array([[ia * (1.0 + FATIGUE_IA * fatigue)]]),
        ib=np.array([[_ib_multiplier(ib, fatigue, setting, repeated)]]),
        pic=np.array([[PIC_AMPLITUDE * setting.pic_factor]]),
        voluntary=np.array([[voluntary]]),
        base_length=SHORTENED_LENGTH if shortened else 0.0,
        stretch_at_s=np.array([[math.nan if stretch_at_s is None else float(stretch_at_s)]]),
    )


def simulate_pool(
    duration_s: float,
    *,
    stim_hz: float | None = None,
    fatigue: float = 0.0,
    ia_gain: float = 1.0,
    ib_gain: float = 1.0,
    stretch_at_s: float | None = None,
    voluntary: float = 0.0,
    shortened: bool = False,
    ca_mM: float = 1.2,
    seed: int = 0,
    prone: bool = False,
    repeated_cramps: int = 0,
    dt_ms: float = DT_MS,
) -> PoolTrace:
    """Simulate the motoneuron pool, its muscle force and the surface EMG.

    Parameters
    ----------
    duration_s
        Simulated time (s), 0.5–60.
    stim_hz
        Electrical stimulation of the nerve at this frequency (Hz, 1–100) for :data:`TRAIN_S` from
        :data:`TRAIN_START_S`; ``None`` for no stimulation.
    fatigue
        0–1: raises spindle (Ia) drive and lowers tendon-organ (Ib) inhibition (Schwellnus 2009).
    ia_gain, ib_gain
        Multipliers (0–3) of the Ia excitation and the Ib inhibition.
    stretch_at_s
        Time (s) at which the muscle is stretched (ramp over :data:`STRETCH_RAMP_S`, then held); ``None``
        for no stretch.
    voluntary
        Voluntary drive, a fraction (0–1) of the drive that recruits every unit at peak rate, held over
        :data:`VOLUNTARY_S`.
    shortened
        Muscle held in a shortened position (less Ia, slack tendon: less Ib).
    ca_mM
        Ionized Ca²⁺ (mM, 0.5–1.5); below ≈ 0.85 mM notebook 03's axon fires on its own (tetany).
    seed
        Seed of every random part (unit noise, which axons the electrodes reach, spike jitter, EMG).
    prone
        Use the cramp-prone setting :data:`PRONE` (weaker Ib, stronger PIC).
    repeated_cramps
        Number of earlier cramp-training sessions (0–20): Ib inhibition grows (Behringer et al. 2014, 2016).
    dt_ms
        Step of the motoneuron loop (ms, 0.25–10); the explorer uses a coarser step (error measured in
        tests/test_reflex.py).

    Returns
    -------
    PoolTrace
    """
    d = _check("duration_s", duration_s)
    if stim_hz is not None:
        _check("stim_hz", stim_hz)
    f = _check("fatigue", fatigue)
    ia = _check("ia_gain", ia_gain)
    ib = _check("ib_gain", ib_gain)
    if stretch_at_s is not None:
        check_number("stretch_at_s", stretch_at_s, 0.0, d, "s")
    v = _check("voluntary", voluntary)
    if not isinstance(shortened, (bool, np.bool_)):
        raise ValueError(f"shortened={shortened!r} must be True or False")
    ca = _check("ca_mM", ca_mM)
    s = _check_int("seed", seed)
    rep = _check_int("repeated_cramps", repeated_cramps)
    dt = check_number("dt_ms", dt_ms, 0.25, 10.0, "ms")
    drive = _single_drive(stim_hz, f, ia, ib, v, shortened, stretch_at_s, PRONE if prone else NOT_PRONE, rep)
    res = _loop(drive, d, s, dt)
    assert res.spikes is not None
    mn = tuple(res.spikes[0])
    rng = np.random.default_rng([s, 1])
    # electrode-driven spikes (latency 5 ms)
    all_spikes = [list([x]) for x in mn]
    if stim_hz:
        pulses = TRAIN_START_S + np.arange(0.0, TRAIN_S - 1e-9, 1.0 / stim_hz) + 0.005
        pulses = pulses[pulses < d]
        for i in np.flatnonzero(res.stim_units).tolist():
            all_spikes[i].append(pulses)
    ect = ectopic_rate_hz(ca, s) if ca < 1.2 else 0.0
    for i, e in enumerate(_ectopic_spikes(ect, d, rng)):
        all_spikes[i].append(e)
    spikes = tuple(np.sort(np.concatenate(x)) for x in all_spikes)
    n = int(round(d * 1000.0 / EMG_DT_MS))
    t = np.arange(n) * EMG_DT_MS / 1000.0
    force = _muscle_force(spikes, n)
    emg = _emg(spikes, n, rng)
    ends = [0.0]
    if stim_hz:
        ends.append(TRAIN_START_S + TRAIN_S)
    if v > 0:
        ends.append(VOLUNTARY_S[1])
    input_end = max(ends)
    cramps = _cramp_intervals(res.rates[:, 0, :], res.dt_s, input_end) if input_end > 0 else []
    return PoolTrace(
        t_s=t, force=force, emg_mV=emg, emg_envelope_mV=_envelope(emg), spike_times_s=spikes,
        recruitment_threshold=recruitment_thresholds(), cramp_intervals_s=cramps, motoneuron_spike_times_s=mn,
        input_end_s=input_end, ectopic_rate_hz=ect,
    )


def ctf_frequencies() -> np.ndarray:
    """The trains of the cramp-threshold protocol (Hz): 4, 6, … :data:`CTF_MAX_HZ`."""
    return np.arange(CTF_START_HZ, CTF_MAX_HZ + 1e-9, CTF_STEP_HZ)


def cramps_at(freqs_hz: np.ndarray, *, prone: bool = False, fatigue: float = 0.0, repeated_cramps: int = 0,
              ia_gain: float = 1.0, ib_gain: float = 1.0, shortened: bool = False, seed: int = 0,
              dt_ms: float = DT_MS) -> np.ndarray:
    """For each train frequency (Hz), whether the train leaves a cramp (all trains run at once, each from rest)."""
    f = _check("fatigue", fatigue)
    rep = _check_int("repeated_cramps", repeated_cramps)
    s = _check_int("seed", seed)
    freqs = np.asarray(freqs_hz, dtype=float).reshape(-1, 1)
    for x in freqs.ravel():
        _check("stim_hz", float(x))
    setting = PRONE if prone else NOT_PRONE
    drive = _Drive(
        stim_hz=freqs, ia=np.array([[_check("ia_gain", ia_gain) * (1.0 + FATIGUE_IA * f)]]),
        ib=np.array([[_ib_multiplier(_check("ib_gain", ib_gain), f, setting, rep)]]),
        pic=np.array([[PIC_AMPLITUDE * setting.pic_factor]]), voluntary=np.array([[0.0]]),
        base_length=SHORTENED_LENGTH if shortened else 0.0, stretch_at_s=np.array([[math.nan]]),
    )
    end = TRAIN_START_S + TRAIN_S
    res = _loop(drive, end + CTF_WATCH_S, s, dt_ms, record_spikes=False)
    return np.array([bool(_cramp_intervals(res.rates[:, b, :], res.dt_s, end)) for b in range(freqs.shape[0])])


def cramp_threshold_hz(*, prone: bool = False, fatigue: float = 0.0, repeated_cramps: int = 0, seed: int = 0,
                       ia_gain: float = 1.0, ib_gain: float = 1.0) -> float:
    """Cramp-threshold frequency (Hz): the lowest train of the rising protocol (start 4 Hz, +2 Hz steps,
    Miller & Knight 2012) after which the pool keeps firing on its own; ``math.inf`` if none up to
    :data:`CTF_MAX_HZ`.

    ``prone=True`` uses :data:`PRONE` (Ib × 0.7, PIC × 1.2); ``fatigue`` (0–1) as in :func:`simulate_pool`;
    ``repeated_cramps`` (0–20) earlier cramp-training sessions. Each train starts from rest (the protocol's
    one-minute pauses), so all trains are integrated together.
    """
    freqs = ctf_frequencies()
    hit = cramps_at(freqs, prone=prone, fatigue=fatigue, repeated_cramps=repeated_cramps, seed=seed,
                    ia_gain=ia_gain, ib_gain=ib_gain)
    return float(freqs[np.argmax(hit)]) if hit.any() else math.inf


def steady_force(excitation: float) -> float:
    """Steady muscle force (fraction of maximal) when every motoneuron receives ``excitation`` (Fuglevand units,
    0–100) with no feedback: rate coding plus recruitment, from each fibre type's force–rate table."""
    e = check_number("excitation", excitation, 0.0, 100.0, "")
    rte, pfr = recruitment_thresholds(), peak_rates_hz()
    rate = np.where(e >= rte, np.minimum(MIN_RATE_HZ + RATE_GAIN * (e - rte), pfr), 0.0)
    ri = np.minimum(rate, 100.0).astype(int)
    unit = np.where(_is_slow(), _fibre_force("slow").steady[ri], _fibre_force("fast").steady[ri])
    w = twitch_forces()
    return float(unit @ (w / w.sum()))


def max_excitation() -> float:
    """Excitation that brings the last unit to its peak rate (Fuglevand 1993's E_max, Fuglevand units)."""
    return float(recruitment_thresholds()[-1] + (peak_rates_hz()[-1] - MIN_RATE_HZ) / RATE_GAIN)


def mean_rates_hz(trace: PoolTrace, t0: float, t1: float, *, motoneuron: bool = True) -> np.ndarray:
    """Each unit's mean firing rate (Hz) between t0 and t1 (s): spikes counted in the window / its length."""
    spikes = trace.motoneuron_spike_times_s if motoneuron else trace.spike_times_s
    return np.array([((s >= t0) & (s < t1)).sum() for s in spikes]) / (t1 - t0)
