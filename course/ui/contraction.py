"""Contraction explorer (notebook 02): spike train → Ca²⁺ → force; force–frequency and force–pCa curves.

Also the static figures of the notebook's guided steps (each returns the figure and its one-sentence
text alternative with the key numbers).
"""

from __future__ import annotations

import html

import ipywidgets as widgets
import numpy as np
import plotly.graph_objects as go

from course import style
from course.contraction import (
    FF_TRAIN_MS,
    FIBRE_PARAMS,
    ContractionTrace,
    ForceFrequencyTable,
    force_frequency,
    fusion_index,
    half_max_frequency,
    metrics_from_trace,
    pca_to_um,
    simulate_contraction,
    steady_state_force,
)
from course.ui._common import LABEL_WIDTH, Explorer, alt_text, set_alt_text, unit_slider

__all__ = [
    "contraction_explorer",
    "FF_FREQS_HZ",
    "RELEASE_PCT",
    "SERCA_PCT",
    "PCA_RANGE",
    "WINDOW_MS",
    "START_MS",
    "GRID_DT_MS",
    "TRACE_DT_MS",
    "PCA_AXIS",
    "force_pca_figure",
    "twitch_figure",
    "summation_figure",
    "train_figure",
    "force_frequency_figure",
    "serca_figure",
    "fusion_words",
    "release_per_stimulus",
]

#: Frequencies (Hz) of the force–frequency curve in the explorer and the notebook.
FF_FREQS_HZ = np.array(
    [1, 2, 3, 4, 5, 6, 8, 10, 12, 15, 18, 20, 25, 30, 35, 40, 50, 60, 80, 100], dtype=float
)
#: SR release slider: (min, max, step) in % of the fibre type's normal peak release flux.
RELEASE_PCT = (50.0, 150.0, 10.0)
#: SERCA slider: (min, max, step) in % of the fibre type's normal maximal pump rate.
SERCA_PCT = (25.0, 200.0, 25.0)
#: Ca²⁺-sensitivity slider: (min, max, step) in pCa units.
PCA_RANGE = (5.4, 6.4, 0.05)
#: Time window of the explorer's traces (ms) and time of its first stimulus (ms).
WINDOW_MS = 1000.0
START_MS = 20.0
#: Integration step (ms) of the explorer's live traces: twice :data:`course.contraction.DT_MS`, so that a
#: slider move costs half as much. Against the 0.25-ms traces, force differs by < 2 % of maximal force
#: and the Ca²⁺ peak is up to ≈ 8 % higher (tests/test_contraction.py).
TRACE_DT_MS = 0.5
#: Step (ms) of the explorer's precomputed force–frequency table. Coarser than
#: :data:`course.contraction.FF_DT_MS` (0.25 ms) so that the table for both fibre types and every
#: release × SERCA slider position is built in about a second; its peak forces stay within 2 % of maximal
#: force of :func:`course.contraction.force_frequency` at its default step (tests/test_contraction.py).
GRID_DT_MS = 0.5
#: pCa axis of the force–pCa plots (high pCa = low Ca²⁺ on the left).
PCA_AXIS = np.round(np.linspace(7.0, 4.5, 126), 3)

_FIBRE_WORD = {"fast": "fast-twitch", "slow": "slow-twitch"}
_NOTE_STYLE = "margin:2px 0 6px 0;color:#222;font-size:13px"


def _grid(lo: float, hi: float, step: float) -> np.ndarray:
    return np.round(np.arange(lo, hi + 0.5 * step, step), 6)


def fusion_words(index: float) -> str:
    """Plain-language class of a fusion index."""
    if index >= 0.9:
        return "fused"
    if index >= 0.7:
        return "nearly fused"
    if index > 0.05:
        return "unfused"
    return "separate twitches"


def _pct(x: np.ndarray | float) -> np.ndarray:
    return np.round(100.0 * np.asarray(x, dtype=float), 3)


def _thin(trace: ContractionTrace, step_ms: float = 1.0) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Every ``step_ms`` sample of time, Ca²⁺ and force (static figures stay small and deterministic)."""
    k = max(1, int(round(step_ms / trace.dt_ms)))
    t = trace.t_ms[::k]
    ca = trace.ca_um[::k].copy()
    force = trace.force[::k].copy()
    # keep the true peaks in the thinned trace (narrow Ca²⁺ transients)
    for arr, full in ((ca, trace.ca_um), (force, trace.force)):
        i = int(np.argmax(full))
        arr[min(i // k, arr.size - 1)] = full[i]
    return np.round(t, 3), np.round(ca, 4), np.round(force, 5)


def _two_panel(title: str, height: int = 500, widget: bool = False) -> go.Figure:
    """Ca²⁺ (top) and force (bottom) sharing one time axis."""
    make = style.figure_widget if widget else style.figure
    fig = make(title, "time (ms)", "force (% of maximal tetanus)", height=height, showlegend=True)
    fig.update_layout(
        yaxis=dict(domain=[0.0, 0.46], rangemode="tozero"),
        yaxis2=dict(
            domain=[0.54, 1.0], anchor="x", title=dict(text="free Ca²⁺ (µM)"), rangemode="tozero",
            showline=True, linecolor="#444444", ticks="outside", zeroline=False,
        ),
        legend=dict(orientation="h", yanchor="top", y=-0.16, x=0.0),
        margin=dict(t=50, b=110),
    )
    return fig


def _add_pair(fig: go.Figure, trace: ContractionTrace, name: str, k: int, show_ca: bool = True) -> None:
    t, ca, force = _thin(trace, 1.0 if trace.duration_ms <= 400.0 else 2.0)
    colour, dash = style.COLORWAY[k], style.DASHES[k]
    if show_ca:
        fig.add_scatter(
            x=t, y=ca, yaxis="y2", mode="lines", name=f"Ca²⁺, {name}", legendgroup=name,
            line=dict(color=colour, dash=dash, width=2),
        )
    fig.add_scatter(
        x=t, y=_pct(force), mode="lines", name=f"force, {name}", legendgroup=name,
        line=dict(color=colour, dash=dash, width=2.5),
    )


# --------------------------------------------------------------------------------------------
# Static figures for the notebook's guided steps
# --------------------------------------------------------------------------------------------


def force_pca_figure() -> tuple[go.Figure, str]:
    """Steady-state force against pCa for the fast and slow parameter sets, pCa50 marked."""
    fig = style.figure(
        "Force–pCa relation (steady state)", "pCa (−log₁₀ [Ca²⁺]; Ca²⁺ rises to the right)",
        "force (% of maximum)", height=380, showlegend=True,
    )
    fig.update_xaxes(autorange="reversed")
    parts = []
    for k, (name, p) in enumerate(FIBRE_PARAMS.items()):
        y = steady_state_force(10.0 ** (6.0 - PCA_AXIS), p.ca50_um, p.hill_n)
        fig.add_scatter(
            x=PCA_AXIS, y=_pct(y), mode="lines", name=f"{_FIBRE_WORD[name]} (n_H {p.hill_n:g})",
            line=dict(color=style.COLORWAY[k], dash=style.DASHES[k], width=2.5),
        )
        fig.add_scatter(
            x=[round(p.pca50, 3)], y=[50.0], mode="markers", name=f"pCa50 {p.pca50:.1f} ({name})",
            marker=dict(color=style.COLORWAY[k], symbol=style.SYMBOLS[k + 1], size=11),
        )
        parts.append(f"{_FIBRE_WORD[name]} fibres reach half force at pCa {p.pca50:.1f} ({p.ca50_um:.2f} µM)")
    text = (
        "Force rises steeply from nothing to its maximum as Ca²⁺ rises from about 0.3 to 10 µM; "
        + " and ".join(parts) + "."
    )
    return fig, text


def twitch_figure() -> tuple[go.Figure, str]:
    """Single twitch of the fast and slow parameter sets: Ca²⁺ transient above, force below."""
    fig = _two_panel("One action potential: a twitch")
    words = []
    for k, name in enumerate(FIBRE_PARAMS):
        tr = simulate_contraction(1.0, 400.0, fibre=name, n_stimuli=1)
        m = metrics_from_trace(tr)
        _add_pair(fig, tr, _FIBRE_WORD[name], k)
        words.append(
            f"{_FIBRE_WORD[name]}: Ca²⁺ peaks at {m.peak_ca_um:.1f} µM, force at "
            f"{100 * m.peak_force:.0f} % of maximum after {m.contraction_time_ms:.0f} ms and halves again "
            f"{m.half_relaxation_ms:.0f} ms later"
        )
    return fig, "Single twitch — " + "; ".join(words) + "."


def summation_figure(gap_ms: float = 30.0) -> tuple[go.Figure, str]:
    """One twitch against two stimuli ``gap_ms`` apart (fast fibre): the second twitch adds on."""
    fig = _two_panel(f"Two stimuli {gap_ms:g} ms apart: summation")
    one = simulate_contraction(1.0, 400.0, n_stimuli=1)
    two = simulate_contraction(None, 400.0, spike_times_ms=[0.0, gap_ms])
    _add_pair(fig, one, "one stimulus", 0)
    _add_pair(fig, two, "two stimuli", 1)
    text = (
        f"A single stimulus gives {100 * one.peak_force:.0f} % of maximal force; a second stimulus "
        f"{gap_ms:g} ms later, while force from the first is still rising, lifts force to "
        f"{100 * two.peak_force:.0f} %, "
        f"{two.peak_force / one.peak_force:.1f} times the single twitch."
    )
    return fig, text


def train_figure(
    freqs_hz: tuple[float, float] = (10.0, 50.0), duration_ms: float = 600.0
) -> tuple[go.Figure, str]:
    """Trains at two frequencies (fast fibre): unfused against fused tetanus."""
    fig = _two_panel(f"Trains at {freqs_hz[0]:g} Hz and {freqs_hz[1]:g} Hz")
    words = []
    for k, hz in enumerate(freqs_hz):
        tr = simulate_contraction(hz, duration_ms)
        fi = fusion_index(tr)
        _add_pair(fig, tr, f"{hz:g} Hz", k)
        words.append(
            f"at {hz:g} Hz force reaches {100 * tr.peak_force:.0f} % of maximum with fusion index {fi:.2f}, "
            f"{fusion_words(fi)}"
        )
    return fig, "Stimulus trains — " + "; ".join(words) + "."


def force_frequency_figure() -> tuple[go.Figure, str]:
    """Peak force of 500-ms trains against frequency, fast and slow, half-maximal frequency marked."""
    fig = style.figure(
        f"Force–frequency curve ({FF_TRAIN_MS:.0f}-ms trains)", "stimulation frequency (Hz)",
        "peak force (% of maximal tetanus)", height=380, showlegend=True,
    )
    words = []
    for k, name in enumerate(FIBRE_PARAMS):
        ff = force_frequency(FF_FREQS_HZ, fibre=name)
        f_half = half_max_frequency(FF_FREQS_HZ, ff)
        fig.add_scatter(
            x=FF_FREQS_HZ, y=_pct(ff), mode="lines+markers", name=_FIBRE_WORD[name],
            line=dict(color=style.COLORWAY[k], dash=style.DASHES[k], width=2.5),
            marker=dict(symbol=style.SYMBOLS[k], size=7),
        )
        fig.add_scatter(
            x=[round(f_half, 2)], y=[round(50.0 * float(ff.max()), 3)], mode="markers",
            name=f"half of maximum ({name}): {f_half:.0f} Hz",
            marker=dict(color=style.COLORWAY[k], symbol="diamond-open", size=13, line=dict(width=2)),
        )
        words.append(
            f"{_FIBRE_WORD[name]} force climbs from {100 * ff[0]:.0f} % at 1 Hz to {100 * ff.max():.0f} % "
            f"and is half-maximal at {f_half:.0f} Hz"
        )
    return fig, "Force–frequency — " + "; ".join(words) + "."


def serca_figure(
    stim_hz: float = 15.0, n_stimuli: int = 8, serca_fraction: float = 0.5
) -> tuple[go.Figure, str]:
    """A short train with normal and slowed SERCA (fast fibre): more fusion, slower relaxation."""
    fig = _two_panel(f"{n_stimuli} stimuli at {stim_hz:g} Hz: normal and slowed Ca²⁺ reuptake")
    base = FIBRE_PARAMS["fast"].serca_vmax_um_per_ms
    traces = {}
    for k, frac in enumerate((1.0, serca_fraction)):
        tr = simulate_contraction(stim_hz, 1000.0, n_stimuli=n_stimuli, serca_vmax_um_per_ms=base * frac)
        label = "normal SERCA" if frac == 1.0 else f"SERCA at {100 * frac:.0f} %"
        traces[frac] = tr
        _add_pair(fig, tr, label, k)

    def relax_ms(tr: ContractionTrace) -> float:
        # time from the last stimulus until force falls below 10 % of maximal tetanus
        t_last = tr.spike_times_ms[-1]
        after_peak = np.arange(tr.t_ms.size) > np.argmax(tr.force)
        below = np.nonzero((tr.t_ms > t_last) & (tr.force < 0.1) & after_peak)[0]
        return float(tr.t_ms[below[0]] - t_last) if below.size else float("nan")

    a, b = traces[1.0], traces[serca_fraction]
    text = (
        f"With normal reuptake the train reaches {100 * a.peak_force:.0f} % of maximal force (fusion index "
        f"{fusion_index(a):.2f}) and force is below 10 % {relax_ms(a):.0f} ms after the last stimulus; "
        f"with SERCA at {100 * serca_fraction:.0f} % it reaches {100 * b.peak_force:.0f} % (fusion index "
        f"{fusion_index(b):.2f}) and takes {relax_ms(b):.0f} ms to let go."
    )
    return fig, text


# --------------------------------------------------------------------------------------------
# The explorer
# --------------------------------------------------------------------------------------------


def _tables() -> dict[str, ForceFrequencyTable]:
    """Force–frequency tables of both fibre types over the release × SERCA slider grid."""
    rel = _grid(*RELEASE_PCT) / 100.0
    ser = _grid(*SERCA_PCT) / 100.0
    return {
        name: ForceFrequencyTable(FF_FREQS_HZ, name, rel, ser, dt_ms=GRID_DT_MS) for name in FIBRE_PARAMS
    }


def _controls() -> dict[str, widgets.ValueWidget]:
    """The explorer's controls, each labelled with its unit."""
    fast = FIBRE_PARAMS["fast"]
    fibre = widgets.ToggleButtons(
        options=[("fast-twitch (type II)", "fast"), ("slow-twitch (type I)", "slow")], value="fast",
        description="Fibre type", tooltips=["fast-twitch fibre parameters", "slow-twitch fibre parameters"],
        style={"description_width": LABEL_WIDTH},
    )
    return {
        "fibre": fibre,
        "freq_hz": unit_slider("Stimulation frequency", "Hz", 1, 100, 1, 10, readout_format="d", integer=True),
        "n_stimuli": unit_slider("Number of stimuli", "count", 1, 50, 1, 10, readout_format="d", integer=True),
        "release_pct": unit_slider("SR Ca²⁺ release", "% of normal", *RELEASE_PCT, 100.0, readout_format=".0f"),
        "serca_pct": unit_slider("SERCA reuptake speed", "% of normal", *SERCA_PCT, 100.0, readout_format=".0f"),
        "pca50": unit_slider(
            "Ca²⁺ sensitivity pCa50", "pCa", *PCA_RANGE, round(fast.pca50, 2), normal=(5.7, 6.1),
            readout_format=".2f",
        ),
    }


def _figures() -> dict[str, go.FigureWidget]:
    """Empty figure widgets: Ca²⁺ and force traces, force–frequency curve, force–pCa curve."""
    traces = _two_panel("Ca²⁺ and force", height=520, widget=True)
    traces.add_scatter(x=np.zeros(1), y=np.zeros(1), yaxis="y2", mode="lines", name="free Ca²⁺ (µM)",
                       line=dict(color=style.ION_COLORS["Ca"], width=2))
    traces.add_scatter(x=np.zeros(1), y=np.zeros(1), mode="lines", name="force (% of max)",
                       line=dict(color=style.OKABE_ITO["blue"], width=2.5))
    traces.add_scatter(x=np.zeros(1), y=np.zeros(1), mode="markers", name="stimuli",
                       marker=dict(symbol="triangle-up", size=8, color=style.OKABE_ITO["black"]))
    traces.update_layout(xaxis=dict(range=[0, WINDOW_MS]))

    ff_fig = style.figure_widget(
        f"Force–frequency ({FF_TRAIN_MS:.0f}-ms trains)", "stimulation frequency (Hz)",
        "peak force (% of maximal tetanus)", height=340, width=500, showlegend=True,
    )
    ff_fig.add_scatter(x=FF_FREQS_HZ, y=np.zeros(FF_FREQS_HZ.size), mode="lines+markers", name="peak force",
                       line=dict(color=style.OKABE_ITO["blue"], width=2.5), marker=dict(size=6))
    ff_fig.add_scatter(x=np.zeros(1), y=np.zeros(1), mode="markers", name="your frequency",
                       marker=dict(symbol="diamond", size=13, color=style.OKABE_ITO["vermillion"]))
    ff_fig.update_layout(yaxis=dict(range=[0, 105]), legend=dict(x=0.6, y=0.1))

    pca_fig = style.figure_widget(
        "Force–pCa (steady state)", "pCa (Ca²⁺ rises to the right)", "force (% of maximum)",
        height=340, width=500, showlegend=True,
    )
    pca_fig.update_xaxes(autorange="reversed")
    pca_fig.add_scatter(x=PCA_AXIS, y=np.zeros(PCA_AXIS.size), mode="lines", name="normal for this fibre",
                        line=dict(color=style.OKABE_ITO["black"], dash="dot", width=1.5))
    pca_fig.add_scatter(x=PCA_AXIS, y=np.zeros(PCA_AXIS.size), mode="lines", name="your setting",
                        line=dict(color=style.OKABE_ITO["bluish_green"], width=2.5))
    pca_fig.add_scatter(x=np.zeros(1), y=np.array([50.0]), mode="markers", name="pCa50",
                        marker=dict(symbol="diamond", size=13, color=style.OKABE_ITO["vermillion"]))
    pca_fig.update_layout(legend=dict(x=0.02, y=0.98))
    return {"traces": traces, "force_frequency": ff_fig, "force_pca": pca_fig}


def release_per_stimulus(trace: ContractionTrace) -> np.ndarray:
    """Fraction of the SR Ca²⁺ content (just before each stimulus) that each stimulus releases (0…1)."""
    idx = np.searchsorted(trace.t_ms, trace.spike_times_ms)
    ends = np.append(idx[1:], trace.t_ms.size - 1)
    return (trace.released_um[ends] - trace.released_um[idx]) / trace.sr_um[idx]


def _trace_words(tr: ContractionTrace, name: str, hz: float) -> str:
    """The "In words" sentence of the traces figure."""
    spikes = tr.spike_times_ms
    if spikes.size == 1:
        m = metrics_from_trace(tr)
        shape = (
            f"a single twitch: force peaks {m.contraction_time_ms:.0f} ms after the stimulus and halves "
            f"{m.half_relaxation_ms:.0f} ms after its peak"
        )
    else:
        fi = fusion_index(tr)
        shape = f"fusion index {fi:.2f}, {fusion_words(fi)}"
    frac = release_per_stimulus(tr)
    release = f"the first stimulus releases {100 * frac[0]:.0f} % of the Ca²⁺ held in the SR"
    if spikes.size > 1:
        release += (
            f", the last {100 * frac[-1]:.0f} % (release channels inactivated by Ca²⁺; the SR still holds "
            f"{100 * float(tr.sr_um.min()) / tr.params.sr_store_um:.0f} % or more of its resting Ca²⁺)"
        )
    return (
        f"{spikes.size} stimuli at {hz:g} Hz in a {_FIBRE_WORD[name]} fibre: free Ca²⁺ peaks at "
        f"{tr.peak_ca_um:.1f} µM and force at {100 * tr.peak_force:.0f} % of maximal tetanus; {shape}; "
        f"{release}; force is {100 * tr.force[-1]:.0f} % at the end of the {WINDOW_MS:.0f}-ms window."
    )


def _draw_curves(figs: dict[str, go.FigureWidget], table: ForceFrequencyTable, p, setting: tuple) -> dict:
    """Redraw the force–frequency and force–pCa curves for (release, SERCA, pCa50); return the curve."""
    rel_f, ser_f, pca50 = setting
    ca50 = pca_to_um(pca50)
    ff = table.curve(rel_f, ser_f, ca50)
    ref_curve = steady_state_force(10.0 ** (6.0 - PCA_AXIS), p.ca50_um, p.hill_n)
    curve = steady_state_force(10.0 ** (6.0 - PCA_AXIS), ca50, p.hill_n)
    pca_fig = figs["force_pca"]
    with pca_fig.batch_update():
        pca_fig.data[0].y = 100.0 * ref_curve
        pca_fig.data[1].y = 100.0 * curve
        pca_fig.data[2].x = np.array([pca50])
    figs["force_frequency"].data[0].y = 100.0 * ff
    return {"ff": ff, "ff_half": half_max_frequency(FF_FREQS_HZ, ff)}


def _draw_traces(fig: go.FigureWidget, tr: ContractionTrace, name: str, hz: float, state: dict) -> None:
    """Put a simulated trace into the traces figure."""
    spikes = tr.spike_times_ms
    with fig.batch_update():
        if state.get("t_size") != tr.t_ms.size:  # the time axis is the same for every setting
            state["t_size"] = tr.t_ms.size
            fig.data[0].x = tr.t_ms
            fig.data[1].x = tr.t_ms
        fig.data[0].y = tr.ca_um
        fig.data[1].y = 100.0 * tr.force
        fig.data[2].x = spikes
        fig.data[2].y = np.zeros(spikes.size)
        noun = "stimulus" if spikes.size == 1 else "stimuli"
        fig.layout.title.text = f"{_FIBRE_WORD[name]} fibre: {spikes.size} {noun} at {hz:g} Hz"


def _curve_words(p, hz: float, pca50: float, curves: dict) -> tuple[str, str]:
    """The "In words" sentences of the force–frequency and force–pCa figures."""
    ff, f_half = curves["ff"], curves["ff_half"]
    ff_here = float(np.interp(hz, FF_FREQS_HZ, ff))
    ca50 = pca_to_um(pca50)
    f_at_1 = float(steady_state_force(1.0, ca50, p.hill_n))
    f_at_10 = float(steady_state_force(10.0, ca50, p.hill_n))
    return (
        f"Peak force of {FF_TRAIN_MS:.0f}-ms trains rises from {100 * ff[0]:.0f} % at 1 Hz to "
        f"{100 * ff.max():.0f} % at 100 Hz, half-maximal at {f_half:.0f} Hz; at your {hz:g} Hz it is "
        f"{100 * ff_here:.0f} %.",
        f"Steady-state force is half-maximal at pCa {pca50:.2f} ({ca50:.2f} µM Ca²⁺; this fibre type's "
        f"normal value is pCa {p.pca50:.2f}); force is {100 * f_at_1:.0f} % at 1 µM and "
        f"{100 * f_at_10:.0f} % at 10 µM.",
    )


def contraction_explorer() -> Explorer:
    """Stimulation frequency, number of stimuli, SR release, SERCA speed, Ca²⁺ sensitivity and fibre
    type → Ca²⁺ and force traces on a shared time axis, the force–frequency curve with the current
    frequency marked, and the force–pCa curve with its pCa50 marked.

    Controls (``explorer.controls``): ``"fibre"`` ("fast"/"slow"), ``"freq_hz"`` (Hz), ``"n_stimuli"``,
    ``"release_pct"`` and ``"serca_pct"`` (% of the fibre type's normal value), ``"pca50"`` (pCa units;
    reset to the fibre type's value when the fibre type changes). Figures: ``"traces"``,
    ``"force_frequency"``, ``"force_pca"``. ``explorer.texts`` holds the live text alternatives (same
    keys) and ``"summary"``. The force–frequency curves come from a table precomputed once (both fibre
    types, every release × SERCA slider position, integrated at :data:`GRID_DT_MS`), so no slider move
    re-integrates a whole curve; the traces are the model integrated at :data:`TRACE_DT_MS`.
    """
    tables = _tables()
    controls = _controls()
    figs = _figures()
    summary = widgets.HTML()
    words = {"traces": alt_text(), "force_frequency": alt_text(), "force_pca": alt_text()}
    state: dict = {"fibre": None, "busy": False}
    c = controls

    def update() -> None:
        if state["busy"]:
            return
        name = c["fibre"].value
        p = FIBRE_PARAMS[name]
        if name != state["fibre"]:
            state["fibre"] = name
            state["busy"] = True
            try:  # a new fibre type starts from its own Ca²⁺ sensitivity
                c["pca50"].value = round(p.pca50, 2)
            finally:
                state["busy"] = False
        hz, pca50 = float(c["freq_hz"].value), float(c["pca50"].value)
        rel_f, ser_f = float(c["release_pct"].value) / 100.0, float(c["serca_pct"].value) / 100.0
        tr = simulate_contraction(
            hz, WINDOW_MS, fibre=name, n_stimuli=int(c["n_stimuli"].value), start_ms=START_MS,
            release_peak_um_per_ms=p.release_peak_um_per_ms * rel_f,
            serca_vmax_um_per_ms=p.serca_vmax_um_per_ms * ser_f, ca50_um=pca_to_um(pca50), dt_ms=TRACE_DT_MS,
        )
        # the force–frequency and force–pCa curves change only with these inputs: redraw them only then
        curve_key = (name, rel_f, ser_f, pca50)
        if curve_key != state.get("curve_key"):
            state["curve_key"] = curve_key
            state["curves"] = _draw_curves(figs, tables[name], p, (rel_f, ser_f, pca50))
        _draw_traces(figs["traces"], tr, name, hz, state)
        ff_fig = figs["force_frequency"]
        with ff_fig.batch_update():
            ff_fig.data[1].x = np.array([hz])
            ff_fig.data[1].y = np.array([100.0 * float(np.interp(hz, FF_FREQS_HZ, state["curves"]["ff"]))])
        set_alt_text(words["traces"], _trace_words(tr, name, hz))
        ff_words, pca_words = _curve_words(p, hz, pca50, state["curves"])
        set_alt_text(words["force_frequency"], ff_words)
        set_alt_text(words["force_pca"], pca_words)
        summary.value = (
            f'<p style="{_NOTE_STYLE}"><b>Your fibre:</b> {html.escape(_FIBRE_WORD[name])}; SR release peak '
            f"{p.release_peak_um_per_ms * rel_f:.0f} µM/ms ({100 * rel_f:.0f} %); SERCA maximum "
            f"{p.serca_vmax_um_per_ms * ser_f:.2f} µM/ms ({100 * ser_f:.0f} %); pCa50 {pca50:.2f} "
            f"(Ca50 {pca_to_um(pca50):.2f} µM, Hill coefficient {p.hill_n:g}).</p>"
        )

    layout_row = widgets.HBox([
        widgets.VBox([figs["force_frequency"], words["force_frequency"]]),
        widgets.VBox([figs["force_pca"], words["force_pca"]]),
    ])
    children = [*controls.values(), summary, figs["traces"], words["traces"], layout_row]
    ex = Explorer(children, controls=controls, figures=figs, update=update)
    ex.texts = {**words, "summary": summary}
    return ex
