"""Cramp-reflex explorer (notebook 04): fatigue, Ia gain, Ib gain, stimulation frequency, a stretch and Ca²⁺ →
spike raster by unit size, force and surface EMG.

Speed: a move must cost < 16 ms, so the motoneuron loop is not integrated per move. :func:`pool_table` runs it once
per process for every node of the control grid (:data:`FATIGUE_GRID` × :data:`IA_GRID` × :data:`IB_GRID` ×
:data:`FREQ_GRID_HZ` × stretch off/on; all nodes in one batched loop at :data:`TABLE_DT_MS`, ≈ 5 s) and keeps each
unit's firing rate (Hz, uint8). A move then reads its node's rates and builds the spikes (phase accumulation with
the model's interval jitter), adds the electrode-driven and ectopic (low Ca²⁺, from notebook 03's axon table)
spikes, and computes force (notebook 02 twitches at 2 ms) and EMG (1 kHz, :data:`EMG_CLASSES` action-potential
shapes instead of one per unit). Error of the coarse step against the 1-ms model (tests/test_reflex.py,
benchmarks/RESULTS.md): cramp / no cramp agrees at the nodes tested and the cramp-threshold frequency is within one
protocol step. Ectopic spikes do not feed back into the Ib loop here (they do in :func:`course.reflex.simulate_pool`).
"""

from __future__ import annotations

import html
import math
from dataclasses import dataclass
from functools import cache

import ipywidgets as widgets
import numpy as np
import plotly.graph_objects as go

from course import reflex as rx
from course.figures.reflex import POOL_TRACES, pool_figure
from course.ui._common import Explorer, alt_text, push_traces, set_alt_text, unit_slider

__all__ = [
    "reflex_explorer", "ReflexExplorer", "ReflexInputs", "ReflexView", "pool_table", "node_rates",
    "FATIGUE_GRID", "IA_GRID", "IB_GRID", "FREQ_GRID_HZ", "CA_RANGE", "WINDOW_S", "TABLE_DT_MS", "STRETCH_AT_S",
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
FORCE_DT_MS = 2.0
EMG_DT_MS = 1.0
#: Number of action-potential shapes (size classes of 10 units each) in the explorer's EMG.
EMG_CLASSES = 10
SEED = 0


def _shape() -> tuple[int, int, int, int, int]:
    return len(FATIGUE_GRID), len(IA_GRID), len(IB_GRID), len(FREQ_GRID_HZ), 2


@cache
def pool_table() -> tuple[np.ndarray, np.ndarray]:
    """(rates, stim_units): rates (uint8, Hz) of shape (nodes, steps, units) for every control node, in the
    order of :func:`_node`; stim_units (bool per unit) the axons the electrodes drive. Built once (≈ 5 s)."""
    f, ia, ib, fr, st = np.meshgrid(FATIGUE_GRID, IA_GRID, IB_GRID, FREQ_GRID_HZ, (0.0, 1.0), indexing="ij")
    col = lambda a: a.reshape(-1, 1)  # noqa: E731
    ib_mult = np.array([rx._ib_multiplier(float(b), float(x), rx.NOT_PRONE, 0) for b, x in zip(ib.ravel(), f.ravel(),
                                                                                             strict=True)])
    drive = rx._Drive(
        stim_hz=col(fr), ia=col(ia * (1.0 + rx.FATIGUE_IA * f)), ib=ib_mult.reshape(-1, 1),
        pic=np.array([[rx.PIC_AMPLITUDE]]), voluntary=np.array([[0.0]]), base_length=0.0,
        stretch_at_s=col(np.where(st > 0, STRETCH_AT_S, math.nan)),
    )
    res = rx._loop(drive, WINDOW_S, SEED, TABLE_DT_MS, record_spikes=False, rate_dtype=np.uint8)
    rates = np.ascontiguousarray(res.rates.transpose(1, 0, 2))
    rates.flags.writeable = False
    return rates, res.stim_units


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


def _spikes_from_rates(rates: np.ndarray, rng: np.random.Generator) -> list[np.ndarray]:
    """Spike times (s) of each unit from its tabulated rate: phase accumulation with interval jitter."""
    dt = TABLE_DT_MS / 1000.0
    r = rates.astype(float)
    phase = np.cumsum(r * dt, axis=0) + 0.9 * (r[:1] > 0) + rng.uniform(0.0, 0.3, r.shape[1])
    count = np.floor(phase)
    out: list[np.ndarray] = []
    steps = np.arange(r.shape[0]) * dt
    for i in range(r.shape[1]):
        if not r[:, i].any():
            out.append(np.zeros(0))
            continue
        n = int(count[-1, i])
        targets = np.arange(1, n + 1, dtype=float)
        t = np.interp(targets, phase[:, i], steps + dt)
        # only where the unit fires (the phase is flat while it is silent)
        keep = np.interp(t, steps, r[:, i], left=0.0) > 0
        t = t[keep]
        isi = np.diff(t, prepend=t[0] - 0.05) if t.size else t
        out.append(np.sort(t + rx.ISI_CV * 0.5 * isi * rng.standard_normal(t.size)))
    return out


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
    """What the explorer shows: raster (s, unit number), force (s, %), EMG and envelope (s, mV), title, words."""

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


def _cramp_seconds(rates: np.ndarray) -> float:
    """Seconds of self-sustained firing (≥ CRAMP_MIN_UNITS units for ≥ CRAMP_MIN_S) after the train ended."""
    spans = rx._cramp_intervals(rates, TABLE_DT_MS / 1000.0, rx.TRAIN_START_S + rx.TRAIN_S)
    return float(sum(b - a for a, b in spans))


def compute_view(inputs: ReflexInputs) -> ReflexView:
    """The pure part of the explorer (models and numpy only)."""
    rates = node_rates(inputs.fatigue, inputs.ia_gain, inputs.ib_gain, inputs.stim_hz, inputs.stretch)
    stim_units = pool_table()[1]
    rng = np.random.default_rng(SEED)
    spikes = _spikes_from_rates(rates, rng)
    hz = FREQ_GRID_HZ[_nearest(FREQ_GRID_HZ, inputs.stim_hz)]
    pulses = rx.TRAIN_START_S + np.arange(0.0, rx.TRAIN_S - 1e-9, 1.0 / hz) + 0.005
    from course.excitability_table import lookup

    ect_rate = lookup(inputs.ca_mM)[0] if inputs.ca_mM < 1.2 else 0.0
    ectopic = _ectopic(float(ect_rate))
    all_spikes = [np.sort(np.concatenate([s, pulses if stim_units[i] else np.zeros(0), ectopic[i]]))
                  for i, s in enumerate(spikes)]
    # force: twitches at FORCE_DT_MS, saturated per fibre type, weighted by unit size
    n_f = int(WINDOW_S * 1000 / FORCE_DT_MS)
    w = rx.twitch_forces() / rx.twitch_forces().sum()
    slow = rx._is_slow()
    force = np.zeros(n_f)
    for fibre, mask in (("slow", slow), ("fast", ~slow)):
        k = _kernels()[fibre]
        units = np.flatnonzero(mask)
        trains = np.zeros((units.size, n_f))
        for row, i in enumerate(units):
            idx = (all_spikes[i] * 1000 / FORCE_DT_MS).astype(int)
            np.add.at(trains[row], idx[(idx >= 0) & (idx < n_f)], 1.0)
        nfft = 1 << int(math.ceil(math.log2(n_f + k.size)))
        active = trains.any(axis=1)
        if not active.any():
            continue
        conv = np.fft.irfft(np.fft.rfft(trains[active], nfft) * _kernel_spectrum(fibre, nfft), nfft)[:, :n_f]
        ff = rx._fibre_force(fibre)
        force += w[units[active]] @ rx._saturate(ff.gain * np.maximum(conv, 0.0), ff.exponent)
    # EMG at EMG_DT_MS from EMG_CLASSES shapes
    n_e = int(WINDOW_S * 1000 / EMG_DT_MS)
    nfft = 1 << int(math.ceil(math.log2(n_e + 64)))
    classes = np.zeros((EMG_CLASSES, nfft))
    per = rx.N_UNITS // EMG_CLASSES
    for i, s in enumerate(all_spikes):
        idx = (s * 1000 / EMG_DT_MS).astype(int)
        np.add.at(classes[i // per], idx[(idx >= 0) & (idx < n_e)], 1.0)
    emg = np.fft.irfft((np.fft.rfft(classes, nfft) * _emg_spectra(nfft)).sum(axis=0), nfft)[:n_e]
    emg += rx.EMG_NOISE_MV * rng.standard_normal(n_e)
    win = int(rx.ENVELOPE_MS / EMG_DT_MS)
    env = np.convolve(np.abs(emg), np.ones(win) / win, mode="same")
    x = np.concatenate(all_spikes)
    y = np.concatenate([np.full(s.size, i + 1.0) for i, s in enumerate(all_spikes)])
    cramp = _cramp_seconds(rates)
    after = (rx.TRAIN_START_S + rx.TRAIN_S, WINDOW_S)
    n_after = sum(int(((s >= after[0]) & (s < after[1])).sum() > 0) for s in all_spikes)
    tetany = f"; notebook 03's axon fires {ect_rate:.0f} spikes/s on its own at {inputs.ca_mM:.2f} mM Ca²⁺ (tetany)" \
        if ect_rate > 0 else ""
    state = (f"the pool keeps firing on its own for {cramp:.1f} s after the train (a cramp)" if cramp >= rx.CRAMP_MIN_S
             else "the pool falls silent when the train stops (no cramp)")
    stretch_words = f"; the stretch starts at {STRETCH_AT_S:.1f} s" if inputs.stretch else ""
    words = (f"A {rx.TRAIN_S:.0f}-s train at {hz:g} Hz: {state}; {n_after} of {rx.N_UNITS} units fire after it; "
             f"force peaks at {100 * force.max():.0f} % of maximal and the smoothed EMG at {env.max():.2f} mV"
             f"{stretch_words}{tetany}.")
    title = f"{hz:g} Hz train{' + stretch' if inputs.stretch else ''}, Ca²⁺ {inputs.ca_mM:.2f} mM"
    summary = (f'<p style="margin:2px 0 6px 0;font-size:13px"><b>Your reflex:</b> Ia × '
               f"{inputs.ia_gain * (1 + rx.FATIGUE_IA * inputs.fatigue):.2f}, Ib × "
               f"{rx._ib_multiplier(inputs.ib_gain, inputs.fatigue, rx.NOT_PRONE, 0):.2f} "
               f"(fatigue {inputs.fatigue:.1f}); {html.escape(state)}.</p>")
    return ReflexView(inputs, x, y, np.arange(n_f) * FORCE_DT_MS / 1000, 100.0 * force,
                      np.arange(n_e) * EMG_DT_MS / 1000, emg, env, title, words, cramp, summary)


class ReflexExplorer(Explorer):
    """Fatigue, Ia gain, Ib gain, stimulation frequency, a stretch button and Ca²⁺ → spike raster (units by
    size), force and surface EMG of the motoneuron pool (:mod:`course.reflex`), from the table of
    :func:`pool_table`. Controls: ``"fatigue"``, ``"ia_gain"``, ``"ib_gain"``, ``"stim_hz"``, ``"stretch"``
    (a toggle button), ``"ca_mM"``. Figure ``"pool"``; texts ``"pool"`` and ``"summary"``."""

    def make_controls(self) -> dict[str, widgets.ValueWidget]:
        d = ReflexInputs()
        return {
            "fatigue": unit_slider("Fatigue", "0–1", 0.0, 1.0, 0.5, d.fatigue, readout_format=".1f"),
            "ia_gain": unit_slider("Spindle Ia gain", "× normal", 0.5, 2.0, 0.5, d.ia_gain, readout_format=".1f"),
            "ib_gain": unit_slider("Tendon-organ Ib gain", "× normal", 0.5, 2.0, 0.5, d.ib_gain,
                                   readout_format=".1f"),
            "stim_hz": unit_slider("Stimulation frequency", "Hz", 4, 40, 4, int(d.stim_hz), readout_format="d",
                                   integer=True),
            "stretch": widgets.ToggleButton(value=d.stretch, description="Stretch the muscle",
                                            tooltip="stretch the muscle 1 s after the train ends", icon="arrows-h"),
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
        return {"pool": pool_figure(view.raster_x, view.raster_y, view.t_force, view.force_pct, view.t_emg,
                                    view.emg_mv, view.envelope_mv, view.title, WINDOW_S)}

    def make_texts(self) -> dict[str, widgets.HTML]:
        return {"pool": alt_text(), "summary": widgets.HTML()}

    def arrange(self) -> list[widgets.Widget]:
        return [*self.controls.values(), self.texts["summary"], self.figures["pool"], self.texts["pool"]]

    def render(self, view: ReflexView) -> None:
        push_traces(
            self.figures["pool"], POOL_TRACES, relayout={"title.text": view.title},
            x={"raster": view.raster_x, "force": view.t_force, "emg": view.t_emg, "envelope": view.t_emg},
            y={"raster": view.raster_y, "force": view.force_pct, "emg": view.emg_mv, "envelope": view.envelope_mv},
        )
        set_alt_text(self.texts["pool"], view.words)
        self.texts["summary"].value = view.summary_html


def reflex_explorer() -> ReflexExplorer:
    """The explorer of notebook 04 (see :class:`ReflexExplorer`)."""
    return ReflexExplorer()
