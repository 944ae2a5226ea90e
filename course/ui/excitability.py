"""Excitability explorer (notebook 03): Ca²⁺, Mg²⁺, K⁺, stimulus, fatigue, compression → spikes and force.

Why it is instant
-----------------
One run of the axon model costs tens of milliseconds, far more than one frame. The explorer therefore
never integrates inside a slider callback when it can avoid it: it keeps *rows* of exact model results
(:func:`course.excitability.simulate_grid`, the same code path as
:func:`~course.excitability.simulate_axon`), one row per combination of the non-Ca²⁺ sliders, each row
holding all 25 Ca²⁺ values of the slider. Rows are computed in batches and cached (least recently used
rows are dropped): a missing row is computed on its own (25 runs in one numpy time loop, ≈ 0.1 s); if
the same slider is moved again (a drag), the whole line of that slider's values × all Ca²⁺ values is
computed at once, so the rest of the drag is pure look-ups. At construction
the lines through the default point are computed for every slider, so each slider can be swept from the
normal state without any further integration. Moving Ca²⁺ is always a look-up (the rate-versus-Ca²⁺
plot needs the whole row anyway). The force of the muscle fed by the spike train
(:func:`course.contraction.simulate_contraction`, ≈ 2 ms) is computed on demand and cached too.
"""

from __future__ import annotations

import html
from collections import OrderedDict
from dataclasses import dataclass

import ipywidgets as widgets
import numpy as np

from course import style
from course.contraction import simulate_contraction
from course.electrolytes import NORMAL_RANGES, nernst
from course.excitability import (
    DT_MS,
    K_AXOPLASM_MM,
    SPIKE_THRESHOLD_MV,
    TEMP_C,
    gating_shift_mv,
    simulate_grid,
)
from course.ui._common import Explorer, alt_text, set_alt_text, signed, unit_slider

__all__ = ["excitability_explorer", "SLIDERS", "DURATION_MS", "RECORD_EVERY", "slider_grid"]

#: name → (label, unit, min, max, step, default, normal range or None, readout format).
SLIDERS: dict[str, tuple[str, str, float, float, float, float, tuple[float, float] | None, str]] = {
    "ca": ("Ionized Ca²⁺", "mM", 0.40, 1.60, 0.05, 1.2, NORMAL_RANGES["ca"], ".2f"),
    "mg": ("Mg²⁺", "mM", 0.30, 1.50, 0.05, 0.85, NORMAL_RANGES["mg"], ".2f"),
    "k": ("Extracellular K⁺", "mM", 2.0, 9.0, 0.5, 4.0, NORMAL_RANGES["k"], ".1f"),
    "stim": ("Steady stimulus current", "µA/cm²", 0.0, 6.0, 0.25, 0.0, None, ".2f"),
    "fatigue": ("Fatigue: extra interstitial K⁺", "mM", 0.0, 8.0, 0.5, 0.0, None, ".1f"),
    "compression": ("Nerve compression: ectopic current", "µA/cm²", 0.0, 3.0, 0.25, 0.0, None, ".2f"),
}
#: Sliders other than Ca²⁺, in row-key order.
_OTHERS: tuple[str, ...] = ("mg", "k", "stim", "fatigue", "compression")
#: Simulated time per run (ms) and the recorded sample spacing (in integration steps of DT_MS).
DURATION_MS = 300.0
RECORD_EVERY = 4
#: Seed of the compression noise (common to every run of the explorer).
SEED = 0
#: Rows kept in memory (each ≈ 150 kB).
MAX_ROWS = 240
_MAX_FORCES = 512


def slider_grid(name: str) -> np.ndarray:
    """Every value slider ``name`` can take (rounded to 1e-6)."""
    _, _, lo, hi, step, *_ = SLIDERS[name]
    return np.round(np.arange(lo, hi + 0.5 * step, step), 6)


@dataclass(frozen=True)
class _Row:
    v_mv: np.ndarray  # (n_ca, n_samples) float32
    spikes: tuple[np.ndarray, ...]
    rate_hz: np.ndarray
    rest_mv: np.ndarray


class _RowStore:
    """Least-recently-used store of exact model rows (all Ca²⁺ values for one setting of the others)."""

    def __init__(self, ca_grid: np.ndarray, max_rows: int = MAX_ROWS) -> None:
        self.ca = ca_grid
        self.max_rows = max_rows
        self.rows: OrderedDict[tuple[float, ...], _Row] = OrderedDict()
        self.computed = 0  # trajectories integrated so far (for benchmarks)

    def get(self, key: tuple[float, ...]) -> _Row | None:
        row = self.rows.get(key)
        if row is not None:
            self.rows.move_to_end(key)
        return row

    def compute(self, keys: list[tuple[float, ...]]) -> None:
        """Integrate the missing rows among ``keys`` in one batched run."""
        todo = list(dict.fromkeys(k for k in keys if k not in self.rows))
        if not todo:
            return
        cols = np.array(todo, dtype=float)  # (rows, len(_OTHERS))
        params = {name: cols[:, i, None] for i, name in enumerate(_OTHERS)}
        batch = simulate_grid(
            ca_mm=self.ca[None, :],
            mg_mm=params["mg"],
            k_mm=params["k"],
            stim_ua_cm2=params["stim"],
            fatigue_k_mm=params["fatigue"],
            compression_ua_cm2=params["compression"],
            duration_ms=DURATION_MS,
            seed=SEED,
            record_every=RECORD_EVERY,
            float32=True,
        )
        n_ca = self.ca.size
        self.computed += len(todo) * n_ca
        for r, key in enumerate(todo):
            sl = slice(r * n_ca, (r + 1) * n_ca)
            self.rows[key] = _Row(
                v_mv=np.ascontiguousarray(batch.v_mv[:, sl].T),
                spikes=batch.spike_times_ms[sl],
                rate_hz=batch.rate_hz[sl].copy(),
                rest_mv=batch.rest_mv[sl].copy(),
            )
            self.rows.move_to_end(key)
        while len(self.rows) > self.max_rows:
            self.rows.popitem(last=False)

    def line(self, base: dict[str, float], along: str) -> list[tuple[float, ...]]:
        """Row keys of every value of slider ``along`` with the other sliders at ``base``."""
        return [_key({**base, along: value}) for value in slider_grid(along)]


def _key(values: dict[str, float]) -> tuple[float, ...]:
    return tuple(round(float(values[name]), 6) for name in _OTHERS)


def excitability_explorer() -> Explorer:
    """Sliders for ionized Ca²⁺, Mg²⁺, K⁺, a steady stimulus, fatigue and nerve compression, driving
    three plots: the motor axon's membrane voltage (300 ms), its firing rate against Ca²⁺ with the
    current value marked, and the force of the muscle that these spikes drive.

    Controls (``explorer.controls``): ``"ca"``, ``"mg"``, ``"k"`` (mM), ``"stim"`` (µA/cm²),
    ``"fatigue"`` (extra interstitial K⁺, mM), ``"compression"`` (mean ectopic current, µA/cm²).
    Figures: ``"voltage"``, ``"rate"``, ``"force"``. ``explorer.texts`` holds the live status line and
    the text alternative of each figure (same keys as the figures); ``explorer.store`` the row cache.
    """
    sliders = {
        name: unit_slider(label, unit, lo, hi, step, value, normal=normal, readout_format=fmt)
        for name, (label, unit, lo, hi, step, value, normal, fmt) in SLIDERS.items()
    }
    grids = {name: slider_grid(name) for name in SLIDERS}
    ca_grid = grids["ca"]
    default = {name: spec[5] for name, spec in SLIDERS.items()}
    store = _RowStore(ca_grid)
    # Lines through the default point for every slider: each can be swept from normal at once.
    store.compute([key for name in _OTHERS for key in store.line(default, name)])
    normal_row = store.get(_key(default))
    if normal_row is None:  # cannot happen: MAX_ROWS holds every precomputed line
        raise RuntimeError("the precomputed rows did not fit in the row store")
    forces: OrderedDict[tuple, np.ndarray] = OrderedDict()

    t_v = np.arange(normal_row.v_mv.shape[1]) * (RECORD_EVERY * DT_MS)
    fig_v = style.figure_widget(
        "Membrane voltage of the motor axon",
        "time (ms)",
        "membrane potential (mV)",
        height=330,
        showlegend=False,
        yaxis_range=[-110.0, 60.0],
        xaxis_range=[0.0, DURATION_MS],
    )
    fig_v.add_hline(
        y=SPIKE_THRESHOLD_MV, line_dash="dot", line_color=style.OKABE_ITO["black"], line_width=1,
        annotation_text="0 mV: a full action potential crosses this line", annotation_position="top right",
    )
    fig_v.add_scatter(
        x=t_v, y=normal_row.v_mv[0], mode="lines", name="membrane voltage",
        line=dict(color=style.OKABE_ITO["blue"], width=1.5),
    )
    words_v = alt_text()

    fig_r = style.figure_widget(
        "Firing rate against ionized Ca²⁺ (other sliders as set)",
        "ionized Ca²⁺ (mM)",
        f"firing rate (Hz, spikes in {DURATION_MS:.0f} ms)",
        height=330,
        showlegend=True,
        yaxis_range=[-3.0, 160.0],
        xaxis_range=[ca_grid[0] - 0.02, ca_grid[-1] + 0.02],
        legend=dict(orientation="h", y=-0.2),
    )
    style.normal_band(fig_r, *NORMAL_RANGES["ca"], axis="x", label="normal ionized Ca²⁺")
    fig_r.add_scatter(
        x=ca_grid, y=normal_row.rate_hz, mode="lines+markers", name="all other values normal",
        line=dict(color=style.OKABE_ITO["black"], dash="dash", width=1.5),
        marker=dict(symbol="circle-open", size=6, color=style.OKABE_ITO["black"]),
    )
    fig_r.add_scatter(
        x=ca_grid, y=normal_row.rate_hz, mode="lines+markers", name="with your settings",
        line=dict(color=style.OKABE_ITO["vermillion"], dash="solid", width=2.5),
        marker=dict(symbol="square", size=6, color=style.OKABE_ITO["vermillion"]),
    )
    fig_r.add_scatter(
        x=np.array([default["ca"]]), y=np.zeros(1), mode="markers", name="your Ca²⁺",
        marker=dict(symbol="diamond", size=15, color=style.OKABE_ITO["blue"], line=dict(width=1, color="white")),
    )
    words_r = alt_text()

    fig_f = style.figure_widget(
        "Force of the muscle driven by these spikes",
        "time (ms)",
        "force (% of maximal fused tetanus)",
        height=300,
        showlegend=False,
        yaxis_range=[0.0, 105.0],
        xaxis_range=[0.0, DURATION_MS],
    )
    force0 = simulate_contraction(None, DURATION_MS, spike_times_ms=np.empty(0))
    fig_f.add_scatter(
        x=force0.t_ms, y=100.0 * force0.force, mode="lines", name="force",
        line=dict(color=style.OKABE_ITO["bluish_green"], width=2.5),
    )
    words_f = alt_text()
    status = widgets.HTML()

    last: dict[str, float] = dict(default)
    moved: dict[str, list[str]] = {"last": []}

    def force_of(key: tuple[float, ...], j: int, spikes: np.ndarray) -> np.ndarray:
        fkey = (key, j) if spikes.size else ("none",)
        f = forces.get(fkey)
        if f is None:
            f = 100.0 * simulate_contraction(None, DURATION_MS, spike_times_ms=spikes).force
            forces[fkey] = f
            while len(forces) > _MAX_FORCES:
                forces.popitem(last=False)
        else:
            forces.move_to_end(fkey)
        return f

    def update() -> None:
        vals = {
            name: float(grids[name][np.argmin(np.abs(grids[name] - float(sliders[name].value)))])
            for name in SLIDERS
        }
        key = _key(vals)
        row = store.get(key)
        changed = [name for name in _OTHERS if vals[name] != last[name]]
        if row is None:
            # The first move of a slider from a new point computes only the row it needs (≈ 0.1 s);
            # a second move of the same slider (a drag) computes that slider's whole line (≈ 0.4 s),
            # after which the drag is pure look-ups.
            dragging = len(changed) == 1 and changed == moved["last"]
            store.compute(store.line(vals, changed[0]) + [key] if dragging else [key])
            row = store.get(key)
        if changed:
            moved["last"] = changed
        last.update(vals)
        j = int(np.argmin(np.abs(ca_grid - vals["ca"])))
        v = row.v_mv[j]
        spikes = row.spikes[j]
        rate = float(row.rate_hz[j])
        force = force_of(key, j, spikes)
        with fig_v.batch_update():
            fig_v.data[0].y = v
        with fig_r.batch_update():
            fig_r.data[1].y = row.rate_hz
            fig_r.data[2].x = np.array([vals["ca"]])
            fig_r.data[2].y = np.array([rate])
        with fig_f.batch_update():
            fig_f.data[0].y = force

        shift = gating_shift_mv(vals["ca"], vals["mg"])
        k_eff = vals["k"] + vals["fatigue"]
        e_k = nernst(1, k_eff, K_AXOPLASM_MM, TEMP_C)
        rest = float(row.rest_mv[j])
        driven = vals["stim"] > 0
        if spikes.size == 0:
            verdict = "silent: no action potential"
        elif driven:
            verdict = f"{spikes.size} action potentials (with your stimulus current)"
        elif vals["compression"] > 0:
            verdict = f"{spikes.size} action potentials from the compressed site: involuntary ectopic firing"
        else:
            verdict = f"{spikes.size} action potentials with no stimulus at all: spontaneous firing"
        status.value = (
            '<div role="status" aria-live="polite" style="font-size:13px">'
            f"Gating shift <b>{signed(shift)} mV</b> · E_K <b>{signed(e_k)} mV</b> "
            f"(K⁺ around the axon {k_eff:.1f} mM) · resting potential <b>{signed(rest)} mV</b> · "
            f"in {DURATION_MS:.0f} ms: <b>{html.escape(verdict)}</b></div>"
        )
        firing = ca_grid[row.rate_hz > 0]
        if firing.size:
            onset_txt = (
                f"the axon fires at {firing.size} of the {ca_grid.size} Ca²⁺ values, up to {firing.max():.2f} mM"
            )
        else:
            onset_txt = f"the axon stays silent at every Ca²⁺ from {ca_grid[0]:.2f} to {ca_grid[-1]:.2f} mM"
        set_alt_text(
            words_v,
            f"Voltage over {DURATION_MS:.0f} ms at Ca²⁺ {vals['ca']:.2f} mM: it starts 2 mV above a rest of "
            f"{signed(rest)} mV and shows {spikes.size} action potentials ({rate:.0f} Hz).",
        )
        set_alt_text(
            words_r,
            f"With these settings {onset_txt}; at your {vals['ca']:.2f} mM the rate is {rate:.0f} Hz "
            f"(with all other values normal the axon fires only up to "
            f"{ca_grid[normal_row.rate_hz > 0].max():.2f} mM Ca²⁺).",
        )
        tail = force[force0.t_ms >= DURATION_MS - 100.0]
        set_alt_text(
            words_f,
            f"Muscle force peaks at {force.max():.0f} % of a maximal tetanus and averages {tail.mean():.0f} % "
            f"over the last 100 ms"
            + (": an involuntary, sustained contraction." if tail.mean() > 20 and not driven else "."),
        )

    order = ("ca", "mg", "k", "stim", "fatigue", "compression")
    children = [
        widgets.HTML("<b>Blood values</b>"),
        *(sliders[n] for n in order[:3]),
        widgets.HTML("<b>Extra causes</b> (0 = none)"),
        *(sliders[n] for n in order[3:]),
        status,
        fig_v,
        words_v,
        fig_r,
        words_r,
        fig_f,
        words_f,
    ]
    explorer = Explorer(
        children, controls=sliders, figures={"voltage": fig_v, "rate": fig_r, "force": fig_f}, update=update
    )
    explorer.texts = {"status": status, "voltage": words_v, "rate": words_r, "force": words_f}
    explorer.store = store
    return explorer
