"""Cramp-reflex explorer (notebook 04): fatigue, Ia gain, Ib gain, stimulation frequency, a stretch and Ca²⁺ →
spike raster by unit size, force and surface EMG.

Speed: a move must cost < 16 ms, so the motoneuron loop is not integrated per move. :func:`pool_table` runs it once
per process for every node of the control grid (:data:`FATIGUE_GRID` × :data:`IA_GRID` × :data:`IB_GRID` ×
:data:`FREQ_GRID_HZ` × stretch off/on; all nodes in one batched loop at :data:`TABLE_DT_MS`, ≈ 5 s) and keeps each
unit's firing rate (Hz, uint8). A move then reads its node's rates and builds the spikes (phase accumulation with
the model's interval jitter), adds the electrode-driven and ectopic (low Ca²⁺, from notebook 03's axon table)
spikes, and computes force (notebook 02 twitches at 5 ms) and EMG (1 kHz, :data:`EMG_CLASSES` action-potential
shapes instead of one per unit). Error of the coarse step against the 1-ms model (tests/test_reflex.py,
benchmarks/RESULTS.md): cramp / no cramp agrees at the nodes tested and the cramp-threshold frequency is within one
protocol step. Ectopic spikes do not feed back into the Ib loop here (they do in :func:`course.reflex.simulate_pool`).
"""

from __future__ import annotations

import html
import math
from dataclasses import dataclass
from functools import cache, lru_cache

import ipywidgets as widgets
import numpy as np
import plotly.graph_objects as go

from course import reflex as rx
from course import style
from course.figures.reflex import POOL_TRACES, peak_detect, pool_figure, raster_image
from course.ui._common import Explorer, alt_text, push_traces, set_alt_text, unit_slider

__all__ = [
    "reflex_explorer", "ReflexExplorer", "ReflexInputs", "ReflexView", "pool_table", "node_rates",
    "table_rates", "FATIGUE_GRID", "IA_GRID", "IB_GRID", "FREQ_GRID_HZ", "CA_RANGE", "WINDOW_S", "EMG_RANGE_MV",
    "FORCE_RANGE_PCT", "TABLE_DT_MS",
    "STRETCH_AT_S",
]

FATIGUE_GRID = (0.0, 0.5, 1.0)
IA_GRID = (0.5, 1.0, 1.5, 2.0)
IB_GRID = (0.5, 1.0, 1.5, 2.0)
FREQ_GRID_HZ = tuple(float(f) for f in range(4, 41, 4))
#: Ca²⁺ slider (min, max, step), mM.
CA_RANGE = (0.6, 1.2, 0.05)
#: Explorer window (s) and time of the stretch when the button is on (s): 1 s after the train ends.
WINDOW_S = 7.0
STRETCH_AT_S = rx.TRAIN_START_S + rx.TRAIN_S + 1.0
#: Step of the tabulated motoneuron loop (ms); force is drawn at FORCE_DT_MS and EMG at EMG_DT_MS.
TABLE_DT_MS = 20.0
FORCE_DT_MS = 5.0
EMG_DT_MS = 1.0
#: Number of action-potential shapes (size classes of 10 units each) in the explorer's EMG.
EMG_CLASSES = 10
#: The raster draws at most this many spikes per size class of 10 units (:func:`_thin_raster`); the raw EMG is
#: drawn peak-detected over bins of EMG_BIN samples (14 ms, two pixel columns of the 7-s panel, ≈ 1,000 px wide at
#: 1366 px; :func:`course.figures.reflex.peak_detect`: the lowest and highest sample of every bin, so every action
#: potential's peak is kept, 1,000 points) and its envelope every ENVELOPE_DRAW_STEP-th sample (10 ms). The EMG is
#: the costliest trace to draw: with 8-ms bins (1,750 points) the explorer's redraw took 20–25 ms in Chromium, with
#: ≈ 900 points 15–20 ms (the figure alone, 2026-12-06).
RASTER_MAX_PER_CLASS = 300
EMG_BIN = 14
#: Fixed y ranges of the explorer's force (% of maximal) and EMG (mV) panels: every state on one scale, so a
#: move shows the force and the EMG growing or shrinking (an autoranged panel rescales to fill itself), and the
#: tick labels never change width (no second draw of the figure for new margins). Over the explorer's grid of
#: controls the force peaks at 6–86 % and the EMG at 0.58–1.05 mV (tests/test_reflex.py checks they fit).
FORCE_RANGE_PCT = (0.0, 102.0)
EMG_RANGE_MV = (-1.2, 1.2)
#: The force is drawn every FORCE_DRAW_STEP-th sample (10 ms, as in the stored figures): a twitch rises over
#: tens of ms, and half the points are half of plotly's work and garbage per move.
FORCE_DRAW_STEP = 2
ENVELOPE_DRAW_STEP = 10
SEED = 0


def _shape() -> tuple[int, int, int, int, int]:
    return len(FATIGUE_GRID), len(IA_GRID), len(IB_GRID), len(FREQ_GRID_HZ), 2


def table_rates(fatigue: np.ndarray, ia: np.ndarray, ib: np.ndarray, freq_hz: np.ndarray,
                stretch: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The tabulated loop for any set of control values (equal-length 1-D arrays: fatigue 0–1, Ia and Ib gains,
    train frequency Hz, stretch 0/1), all in one batch at :data:`TABLE_DT_MS`: (rates uint8 Hz, shape
    (settings, steps, units); stim_units). :func:`pool_table` calls it with every node of the grid."""
    col = lambda a: np.asarray(a, float).reshape(-1, 1)  # noqa: E731
    ib_mult = np.array([rx._ib_multiplier(float(b), float(x), rx.NOT_PRONE, 0) for b, x in zip(
        np.ravel(ib), np.ravel(fatigue), strict=True)])
    drive = rx._Drive(
        stim_hz=col(freq_hz), ia=col(np.asarray(ia) * (1.0 + rx.FATIGUE_IA * np.asarray(fatigue))),
        ib=ib_mult.reshape(-1, 1), pic=np.array([[rx.PIC_AMPLITUDE]]), voluntary=np.array([[0.0]]),
        base_length=0.0, stretch_at_s=col(np.where(np.asarray(stretch) > 0, STRETCH_AT_S, math.nan)),
    )
    res = rx._loop(drive, WINDOW_S, SEED, TABLE_DT_MS, record_spikes=False, rate_dtype=np.uint8)
    return np.ascontiguousarray(res.rates.transpose(1, 0, 2)), res.stim_units


@cache
def pool_table() -> tuple[np.ndarray, np.ndarray]:
    """(rates, stim_units): rates (uint8, Hz) of shape (nodes, steps, units) for every control node, in the
    order of :func:`_node`; stim_units (bool per unit) the axons the electrodes drive. Built once (≈ 3–5 s)."""
    grid = np.meshgrid(FATIGUE_GRID, IA_GRID, IB_GRID, FREQ_GRID_HZ, (0.0, 1.0), indexing="ij")
    rates, stim_units = table_rates(*(g.ravel() for g in grid))
    rates.flags.writeable = False
    return rates, stim_units


def _nearest(grid: tuple[float, ...], x: float) -> int:
    return int(np.argmin(np.abs(np.asarray(grid) - x)))


def _node(fatigue: float, ia: float, ib: float, freq: float, stretch: bool) -> int:
    idx = (_nearest(FATIGUE_GRID, fatigue), _nearest(IA_GRID, ia), _nearest(IB_GRID, ib),
           _nearest(FREQ_GRID_HZ, freq), int(stretch))
    return int(np.ravel_multi_index(idx, _shape()))


def node_rates(fatigue: float, ia: float, ib: float, freq: float, stretch: bool) -> np.ndarray:
    """Tabulated motoneuron rates (Hz; steps × units) of the node nearest to these control values."""
    return pool_table()[0][_node(fatigue, ia, ib, freq, stretch)]


@cache
def _kernels() -> dict[str, np.ndarray]:
    """Each fibre type's twitch at FORCE_DT_MS steps (course.contraction via course.reflex)."""
    step = int(round(FORCE_DT_MS / rx.EMG_DT_MS))
    return {f: rx._fibre_force(f).kernel[::step] for f in ("slow", "fast")}


@cache
def _kernel_spectrum(fibre: str, nfft: int) -> np.ndarray:
    return np.fft.rfft(_kernels()[fibre], nfft)


@cache
def _ectopic(rate_hz: float) -> tuple[np.ndarray, ...]:
    """Ectopic spikes (s) of each unit at this axon firing rate (seeded, cached: they depend on nothing else)."""
    return tuple(rx._ectopic_spikes(rate_hz, WINDOW_S, np.random.default_rng([SEED, 2])))


@cache
def _emg_spectra(nfft: int) -> np.ndarray:
    """Spectra of the EMG_CLASSES action-potential shapes (mean unit of each size class) at EMG_DT_MS."""
    rng = np.random.default_rng(SEED)
    t = np.arange(-10.0, 10.0 + EMG_DT_MS / 2, EMG_DT_MS)
    sizes = np.sqrt(rx.twitch_forces()).reshape(EMG_CLASSES, -1).mean(axis=1)
    depth = rng.uniform(0.0, 1.0, EMG_CLASSES)
    amp = rx.MUAP_AMPLITUDE_MV * sizes * np.exp(-1.5 * depth)
    x = t[None, :] / (rx.MUAP_WIDTH_MS * (1.0 + depth))[:, None]
    shapes = amp[:, None] * (-x) * np.exp(0.5 - 0.5 * x**2)
    return np.fft.rfft(np.roll(np.pad(shapes, ((0, 0), (0, nfft - t.size))), -(t.size // 2), axis=1), nfft)


def _spikes_from_rates(rates: np.ndarray, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Spike times (s) and unit indices (sorted by unit, then time) from the tabulated rates (steps × units):
    phase accumulation with interval jitter, all units at once (no Python loop over units)."""
    dt = TABLE_DT_MS / 1000.0
    r = rates.astype(float)
    offset = 0.9 * (r[0] > 0) + rng.uniform(0.0, 0.3, r.shape[1])
    phase = np.cumsum(r * dt, axis=0) + offset
    prev = np.vstack([offset, phase[:-1]])
    n_new = (np.floor(phase) - np.floor(prev)).astype(int)
    k, unit = np.nonzero(n_new)
    reps = n_new[k, unit]
    k, unit = np.repeat(k, reps), np.repeat(unit, reps)
    first = np.floor(prev[k, unit]) + 1.0
    within = np.arange(reps.sum()) - np.repeat(np.cumsum(reps) - reps, reps)
    target = first + within
    p0, p1 = prev[k, unit], phase[k, unit]
    t = (k + (target - p0) / (p1 - p0)) * dt
    order = np.lexsort((t, unit))
    t, unit = t[order], unit[order]
    isi = np.diff(t, prepend=-1.0)
    isi[np.r_[True, unit[1:] != unit[:-1]][: t.size]] = 0.05
    t = t + rx.ISI_CV * 0.5 * isi * rng.standard_normal(t.size)
    order = np.lexsort((t, unit))
    return t[order], unit[order]


def _flat(trains: tuple[np.ndarray, ...] | list[np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """Per-unit spike arrays → (times s, unit indices)."""
    times = np.concatenate([np.asarray(s, float) for s in trains]) if len(trains) else np.zeros(0)
    units = np.repeat(np.arange(len(trains)), [len(s) for s in trains])
    return times, units


@lru_cache(maxsize=256)
def _node_spikes(node: int) -> tuple[np.ndarray, np.ndarray, float]:
    """(times s, unit indices, cramp seconds) of one control node's motoneuron spikes (seeded; cached)."""
    rates = pool_table()[0][node]
    t, u = _spikes_from_rates(rates, np.random.default_rng(SEED))
    return t, u, _cramp_seconds(rates)


@cache
def _pulse_spikes(hz: float) -> tuple[np.ndarray, np.ndarray]:
    """(times s, unit indices) of the electrode-driven spikes of the stimulated axons at ``hz`` (Hz; cached)."""
    pulses = rx.TRAIN_START_S + np.arange(0.0, rx.TRAIN_S - 1e-9, 1.0 / hz) + 0.005
    units = np.flatnonzero(pool_table()[1])
    return np.tile(pulses, units.size), np.repeat(units, pulses.size)


@lru_cache(maxsize=64)
def _ectopic_rate(ca_mM: float) -> float:
    """Notebook 03's spontaneous axon firing rate (Hz) at this Ca²⁺ (mM); 0 from 1.2 mM up (cached)."""
    from course.excitability_table import lookup

    return float(lookup(ca_mM)[0]) if ca_mM < 1.2 else 0.0


@lru_cache(maxsize=64)
def _ectopic_flat(rate_hz: float) -> tuple[np.ndarray, np.ndarray]:
    return _flat(_ectopic(rate_hz))


def _binned(times_s: np.ndarray, rows: np.ndarray, n_rows: int, dt_ms: float, n: int) -> np.ndarray:
    """Spike counts (n_rows × n) per ``dt_ms`` bin: one ``np.bincount`` over row·n + bin."""
    idx = (times_s * (1000.0 / dt_ms)).astype(int)
    ok = (idx >= 0) & (idx < n)
    return np.bincount(rows[ok] * n + idx[ok], minlength=n_rows * n).reshape(n_rows, n).astype(float)


def _thin_raster(times_s: np.ndarray, units: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """At most :data:`RASTER_MAX_PER_CLASS` spikes of each size class of 10 units drawn: every k-th spike of the
    class (sorted by unit, then time), so each unit keeps the same share of its spikes and its timing."""
    cls = units // (rx.N_UNITS // EMG_CLASSES)
    counts = np.bincount(cls, minlength=EMG_CLASSES)
    stride = np.maximum(1, -(-counts // RASTER_MAX_PER_CLASS))
    rank = np.arange(units.size) - np.repeat(np.cumsum(counts) - counts, counts)
    keep = rank % stride[cls] == 0
    return times_s[keep], units[keep] + 1.0


@dataclass(frozen=True)
class ReflexInputs:
    """Control values: fatigue (0–1), Ia and Ib gains, stimulation frequency (Hz), stretch on/off, Ca²⁺ (mM)."""

    fatigue: float = 0.0
    ia_gain: float = 1.0
    ib_gain: float = 1.0
    stim_hz: float = 28.0
    stretch: bool = False
    ca_mM: float = 1.2


@dataclass(frozen=True, eq=False)
class ReflexView:
    """What the explorer shows: raster (s, unit number; thinned), force (s, %; every 10 ms), EMG and envelope (s,
    mV; EMG peak-detected over 14-ms bins, envelope every 10 ms, on their own time axes), title, words."""

    inputs: ReflexInputs
    raster_x: np.ndarray
    raster_y: np.ndarray
    t_force: np.ndarray
    force_pct: np.ndarray
    t_emg: np.ndarray
    emg_mv: np.ndarray
    envelope_mv: np.ndarray
    title: str
    words: str
    cramp_s: float
    summary_html: str
    t_envelope: np.ndarray


def _cramp_seconds(rates: np.ndarray) -> float:
    """Seconds of self-sustained firing (≥ CRAMP_MIN_UNITS units for ≥ CRAMP_MIN_S) after the train ended."""
    spans = rx._cramp_intervals(rates, TABLE_DT_MS / 1000.0, rx.TRAIN_START_S + rx.TRAIN_S)
    return float(sum(b - a for a, b in spans))


N_FORCE = int(WINDOW_S * 1000 / FORCE_DT_MS)
N_EMG = int(WINDOW_S * 1000 / EMG_DT_MS)


@dataclass(frozen=True, eq=False)
class _Part:
    """What one set of spikes adds (before the nonlinear steps): the units that fire (``rows``), their summed
    twitches before saturation (rows × N_FORCE, twitch units) and the EMG they make (N_EMG samples, mV). Both are
    linear in the spikes, so the motoneuron, electrode and ectopic parts are computed (and cached) apart."""

    rows: np.ndarray
    twitch_sum: np.ndarray
    emg_mv: np.ndarray


def _part(times_s: np.ndarray, units: np.ndarray) -> _Part:
    trains = _binned(times_s, units, rx.N_UNITS, FORCE_DT_MS, N_FORCE)
    rows = np.flatnonzero(trains.any(axis=1))
    twitch_sum = np.zeros((rows.size, N_FORCE), dtype=np.float32)
    slow = rx._is_slow()[rows]
    for fibre, mask in (("slow", slow), ("fast", ~slow)):
        if mask.any():
            nfft = 1 << int(math.ceil(math.log2(N_FORCE + _kernels()[fibre].size)))
            spec = np.fft.rfft(trains[rows[mask]], nfft) * _kernel_spectrum(fibre, nfft)
            twitch_sum[mask] = np.fft.irfft(spec, nfft)[:, :N_FORCE]
    nfft = 1 << int(math.ceil(math.log2(N_EMG + 64)))
    classes = _binned(times_s, units // (rx.N_UNITS // EMG_CLASSES), EMG_CLASSES, EMG_DT_MS, nfft)
    used = np.flatnonzero(classes.any(axis=1))
    emg = np.fft.irfft((np.fft.rfft(classes[used], nfft) * _emg_spectra(nfft)[used]).sum(axis=0), nfft)[:N_EMG]
    return _Part(rows, twitch_sum, emg)


@lru_cache(maxsize=32)
def _node_part(node: int) -> _Part:
    return _part(*_node_spikes(node)[:2])


@cache
def _pulse_part(hz: float) -> _Part:
    return _part(*_pulse_spikes(hz))


@lru_cache(maxsize=32)
def _ectopic_part(rate_hz: float) -> _Part:
    return _part(*_ectopic_flat(rate_hz))


@cache
def _emg_noise() -> np.ndarray:
    return rx.EMG_NOISE_MV * np.random.default_rng([SEED, 1]).standard_normal(N_EMG)


def _force(parts: tuple[_Part, ...]) -> np.ndarray:
    """Force (fraction of maximal; N_FORCE samples): the parts' twitch sums added per unit, saturated per unit
    and fibre type (notebook 02's force-frequency relation; :func:`course.reflex._saturate` in float32, where
    ``pow`` is ≈ 5× faster, relative error < 1e-6), weighted by unit size."""
    total = np.zeros((rx.N_UNITS, N_FORCE), dtype=np.float32)
    for p in parts:
        total[p.rows] += p.twitch_sum
    rows = np.unique(np.concatenate([p.rows for p in parts]))
    w = rx.twitch_forces() / rx.twitch_forces().sum()
    slow = rx._is_slow()[rows]
    force = np.zeros(N_FORCE)
    for fibre, mask in (("slow", slow), ("fast", ~slow)):
        if mask.any():
            ff = rx._fibre_force(fibre)
            r = rows[mask]
            x = np.float32(ff.gain) * np.maximum(total[r], np.float32(0.0))
            force += w[r] @ rx._saturate(x, np.float32(ff.exponent)).astype(float)
    return force


def warm() -> None:
    """Build, once per process, the table and the parts every move may need besides its node's: the electrode
    part of each frequency and the ectopic part of each Ca²⁺ slider position (≈ 0.1 s after the table)."""
    pool_table()
    for hz in FREQ_GRID_HZ:
        _pulse_part(hz)
    lo, hi, step = CA_RANGE
    for i in range(int(round((hi - lo) / step)) + 1):
        _ectopic_part(_ectopic_rate(round(lo + i * step, 6)))


def compute_view(inputs: ReflexInputs) -> ReflexView:
    """The pure part of the explorer (models and numpy only). The motoneuron spikes of each control node, the
    electrode pulses of each frequency and the ectopic spikes of each Ca²⁺ are cached apart with what they add
    to the twitch sums and the EMG (both linear, :class:`_Part`); a move adds the three parts, saturates the force
    per unit, smooths the EMG and thins what is drawn."""
    node = _node(inputs.fatigue, inputs.ia_gain, inputs.ib_gain, inputs.stim_hz, inputs.stretch)
    t_mn, u_mn, cramp = _node_spikes(node)
    hz = FREQ_GRID_HZ[_nearest(FREQ_GRID_HZ, inputs.stim_hz)]
    t_p, u_p = _pulse_spikes(hz)
    ect_rate = _ectopic_rate(round(inputs.ca_mM, 6))
    t_e, u_e = _ectopic_flat(ect_rate)
    times = np.concatenate([t_mn, t_p, t_e])
    units = np.concatenate([u_mn, u_p, u_e]).astype(np.int16)
    order = np.argsort(units, kind="stable")  # grouped by unit for the raster thinning (radix sort)
    times, units = times[order], units[order].astype(np.intp)
    parts = (_node_part(node), _pulse_part(hz), _ectopic_part(ect_rate))
    n_f, n_e = N_FORCE, N_EMG
    force = _force(parts)
    emg = parts[0].emg_mv + parts[1].emg_mv + parts[2].emg_mv + _emg_noise()
    win = int(rx.ENVELOPE_MS / EMG_DT_MS)
    c = np.concatenate([np.zeros(1), np.cumsum(np.abs(emg))])
    lo = np.clip(np.arange(n_e) - win // 2, 0, n_e)
    env = (c[np.minimum(lo + win, n_e)] - c[lo]) / win  # moving mean over ENVELOPE_MS, centred
    x, y = _thin_raster(times, units)
    after = times >= rx.TRAIN_START_S + rx.TRAIN_S
    n_after = int(np.unique(units[after]).size)
    tetany = f"; notebook 03's axon fires {ect_rate:.0f} spikes/s on its own at {inputs.ca_mM:.2f} mM Ca²⁺ (tetany)" \
        if ect_rate > 0 else ""
    state = (f"the pool keeps firing on its own for {cramp:.1f} s after the train (a cramp)" if cramp >= rx.CRAMP_MIN_S
             else "the spinal motoneurons fall silent when the train stops (no cramp)")
    stretch_words = f"; the stretch starts at {STRETCH_AT_S:.1f} s" if inputs.stretch else ""
    thinned = f" (raster: {x.size} of {times.size} spikes drawn)" if x.size < times.size else ""
    words = (f"A {rx.TRAIN_S:.0f}-s train at {hz:g} Hz: {state}; {n_after} of {rx.N_UNITS} units fire after it"
             f"{' (ectopic spikes from the nerve)' if ect_rate > 0 else ''}; "
             f"force peaks at {100 * force.max():.0f} % of maximal and the smoothed EMG at {env.max():.2f} mV"
             f"{stretch_words}{tetany}{thinned}.")
    title = f"{hz:g} Hz train{' + stretch' if inputs.stretch else ''}, Ca²⁺ {inputs.ca_mM:.2f} mM"
    summary = (f'<p style="margin:2px 0 6px 0;font-size:13px"><b>Your reflex:</b> Ia × '
               f"{inputs.ia_gain * (1 + rx.FATIGUE_IA * inputs.fatigue):.2f}, Ib × "
               f"{rx._ib_multiplier(inputs.ib_gain, inputs.fatigue, rx.NOT_PRONE, 0):.2f} "
               f"(fatigue {inputs.fatigue:.1f}); {html.escape(state)}.</p>")
    t_e = np.arange(n_e) * EMG_DT_MS / 1000
    t_peaks, emg_peaks = peak_detect(t_e, emg, EMG_BIN)
    t_f = np.arange(n_f) * FORCE_DT_MS / 1000
    return ReflexView(inputs, x, y, t_f[::FORCE_DRAW_STEP], 100.0 * force[::FORCE_DRAW_STEP],
                      t_peaks, emg_peaks, env[::ENVELOPE_DRAW_STEP], title, words, cramp,
                      summary, t_e[::ENVELOPE_DRAW_STEP])


class ReflexExplorer(Explorer):
    """Fatigue, Ia gain, Ib gain, stimulation frequency, a stretch button and Ca²⁺ → spike raster (units by
    size), force and surface EMG of the motoneuron pool (:mod:`course.reflex`), from the table of
    :func:`pool_table`. Controls: ``"fatigue"``, ``"ia_gain"``, ``"ib_gain"``, ``"stim_hz"``, ``"stretch"``
    (a toggle button), ``"ca_mM"``. Figure ``"pool"``; texts ``"pool"`` and ``"summary"``."""

    def make_controls(self) -> dict[str, widgets.ValueWidget]:
        warm()
        d = ReflexInputs()
        return {
            "fatigue": unit_slider("Fatigue", "0–1", 0.0, 1.0, 0.5, d.fatigue, readout_format=".1f"),
            "ia_gain": unit_slider("Spindle Ia gain", "× normal", 0.5, 2.0, 0.5, d.ia_gain, readout_format=".1f"),
            "ib_gain": unit_slider("Tendon-organ Ib gain", "× normal", 0.5, 2.0, 0.5, d.ib_gain,
                                   readout_format=".1f"),
            "stim_hz": unit_slider("Stimulation frequency", "Hz", 4, 40, 4, int(d.stim_hz), readout_format="d",
                                   integer=True),
            "stretch": widgets.ToggleButton(value=d.stretch, description="Stretch the muscle",
                                            tooltip="stretch the muscle 1 s after the train ends", icon="arrows-h",
                                            layout=widgets.Layout(width="auto")),  # the default 148 px cut it
            "ca_mM": unit_slider("Ionized Ca²⁺", "mM", *CA_RANGE, d.ca_mM, normal=(1.1, 1.3), readout_format=".2f"),
        }

    def read(self) -> ReflexInputs:
        c = self.controls
        return ReflexInputs(float(c["fatigue"].value), float(c["ia_gain"].value), float(c["ib_gain"].value),
                            float(c["stim_hz"].value), bool(c["stretch"].value), float(c["ca_mM"].value))

    @staticmethod
    def compute(inputs: ReflexInputs) -> ReflexView:
        return compute_view(inputs)

    def make_figures(self, view: ReflexView) -> dict[str, go.Figure]:
        pool = pool_figure(view.raster_x, view.raster_y, view.t_force, view.force_pct, view.t_emg,
                           view.emg_mv, view.envelope_mv, view.title, WINDOW_S)
        pool.update_yaxes(range=list(FORCE_RANGE_PCT), row=2, col=1)
        pool.update_yaxes(range=list(EMG_RANGE_MV), row=3, col=1)
        # under the controls on one 1366 × 768 screen, in JupyterLab too (its toolbars take ≈ 120 px)
        return {"pool": style.set_height(pool, 390)}

    def make_texts(self) -> dict[str, widgets.HTML]:
        return {"pool": alt_text(), "summary": widgets.HTML()}

    def arrange(self) -> list[widgets.Widget]:
        return [*self.controls.values(), self.texts["summary"], self.figures["pool"], self.texts["pool"]]

    def render(self, view: ReflexView) -> None:
        push_traces(
            self.figures["pool"], POOL_TRACES,
            relayout={"title.text": view.title,
                      "images[0].source": raster_image(view.raster_x, view.raster_y, WINDOW_S)},
            x={"force": view.t_force, "emg": view.t_emg, "envelope": view.t_envelope},
            y={"force": view.force_pct, "emg": view.emg_mv, "envelope": view.envelope_mv},
        )
        set_alt_text(self.texts["pool"], view.words)
        self.texts["summary"].value = view.summary_html


def reflex_explorer() -> ReflexExplorer:
    """The explorer of notebook 04 (see :class:`ReflexExplorer`)."""
    return ReflexExplorer()
