"""Figures of notebook 02 (Ca²⁺ and contraction): the guided steps' static figures and the explorer's three.

Each static builder returns the figure and its one-sentence text alternative with the key numbers. The
explorer's builders (``explorer_*_figure``) draw one state from arrays; their trace order is named in
:data:`TRACES_TRACES`, :data:`FF_TRACES` and :data:`PCA_TRACES` so that the explorer can update them.
Units: time ms, Ca²⁺ µM, force % of maximal fused tetanus, frequency Hz.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

import numpy as np
import plotly.graph_objects as go

from course import style
from course.contraction import (
    FF_FREQS_HZ,
    FF_TRAIN_MS,
    FIBRE_PARAMS,
    ContractionTrace,
    force_frequency,
    fusion_index,
    fusion_words,
    half_max_frequency,
    metrics_from_trace,
    simulate_contraction,
    steady_state_force,
)

__all__ = [
    "FIBRE_WORDS",
    "PCA_AXIS",
    "PCA_AXIS_UM",
    "TRACES_TRACES",
    "FF_TRACES",
    "PCA_TRACES",
    "force_pca_figure",
    "twitch_figure",
    "summation_figure",
    "train_figure",
    "force_frequency_figure",
    "serca_figure",
    "explorer_traces_figure",
    "explorer_force_frequency_figure",
    "explorer_force_pca_figure",
]

#: Fibre name → the words used for it in titles and text alternatives.
FIBRE_WORDS: Mapping[str, str] = MappingProxyType({"fast": "fast-twitch", "slow": "slow-twitch"})
#: pCa axis of the force–pCa plots (high pCa = low Ca²⁺ on the left), and the same axis as free Ca²⁺ (µM).
PCA_AXIS = np.round(np.linspace(7.0, 4.5, 126), 3)
PCA_AXIS_UM = 10.0 ** (6.0 - PCA_AXIS)
PCA_AXIS.flags.writeable = False
PCA_AXIS_UM.flags.writeable = False

#: Trace order of :func:`explorer_traces_figure`, :func:`explorer_force_frequency_figure` and
#: :func:`explorer_force_pca_figure`.
TRACES_TRACES = ("ca", "force", "stimuli")
FF_TRACES = ("curve", "marker")
PCA_TRACES = ("normal", "setting", "pca50")


def _pct(x: np.ndarray | float) -> np.ndarray:
    """Fraction → % (rounded to 3 decimals, so the static figures stay small and deterministic)."""
    return np.round(100.0 * np.asarray(x, dtype=float), 3)


def _thin(trace: ContractionTrace, step_ms: float = 1.0) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Every ``step_ms`` sample of time (ms), Ca²⁺ (µM) and force (fraction), true peaks kept."""
    k = max(1, int(round(step_ms / trace.dt_ms)))
    t = trace.t_ms[::k]
    ca = trace.ca_um[::k].copy()
    force = trace.force[::k].copy()
    # keep the true peaks in the thinned trace (narrow Ca²⁺ transients)
    for arr, full in ((ca, trace.ca_um), (force, trace.force)):
        i = int(np.argmax(full))
        arr[min(i // k, arr.size - 1)] = full[i]
    return np.round(t, 3), np.round(ca, 4), np.round(force, 5)


def _two_panel(title: str, height: int = 500) -> go.Figure:
    """Ca²⁺ (top, µM) and force (bottom, % of maximal tetanus) sharing one time axis (ms)."""
    # each axis title in two short lines: a panel is half the plot high (≈ 110 px at 400 px), and a longer title
    # ran past its panel into the other one's
    fig = style.figure(title, "time (ms)", "force (% of<br>max. tetanus)", height=height, showlegend=True)
    fig.update_layout(
        yaxis=dict(domain=[0.0, 0.46], rangemode="tozero"),
        yaxis2=dict(
            domain=[0.54, 1.0], anchor="x", title=dict(text="free Ca²⁺<br>(µM)"), rangemode="tozero",
            showline=True, linecolor="#444444", ticks="outside", zeroline=False,
        ),
    )
    return fig


def _add_pair(fig: go.Figure, trace: ContractionTrace, name: str, k: int) -> None:
    """Add a trace's Ca²⁺ (top panel) and force (bottom panel) in the ``k``-th colour and dash."""
    t, ca, force = _thin(trace, 1.0 if trace.duration_ms <= 400.0 else 2.0)
    colour, dash = style.COLORWAY[k], style.DASHES[k]
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
    """Steady-state force (%) against pCa for the fast and slow parameter sets, pCa50 marked."""
    fig = style.figure(
        "Force–pCa relation (steady state)", "pCa (−log₁₀ [Ca²⁺]; Ca²⁺ rises to the right)",
        "force (% of maximum)", height=380, showlegend=True,
    )
    fig.update_xaxes(autorange="reversed")
    parts = []
    for k, (name, p) in enumerate(FIBRE_PARAMS.items()):
        y = steady_state_force(PCA_AXIS_UM, p.ca50_um, p.hill_n)
        fig.add_scatter(
            x=PCA_AXIS, y=_pct(y), mode="lines", name=f"{FIBRE_WORDS[name]} (n_H {p.hill_n:g})",
            line=dict(color=style.COLORWAY[k], dash=style.DASHES[k], width=2.5),
        )
        fig.add_scatter(
            x=[round(p.pca50, 3)], y=[50.0], mode="markers", name=f"pCa50 {p.pca50:.1f} ({name})",
            marker=dict(color=style.COLORWAY[k], symbol=style.SYMBOLS[k + 1], size=11),
        )
        parts.append(f"{FIBRE_WORDS[name]} fibres reach half force at pCa {p.pca50:.1f} ({p.ca50_um:.2f} µM)")
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
        _add_pair(fig, tr, FIBRE_WORDS[name], k)
        words.append(
            f"{FIBRE_WORDS[name]}: Ca²⁺ peaks at {m.peak_ca_um:.1f} µM, force at "
            f"{100 * m.peak_force:.0f} % of maximum after {m.contraction_time_ms:.0f} ms and halves again "
            f"{m.half_relaxation_ms:.0f} ms later"
        )
    return fig, "Single twitch — " + "; ".join(words) + "."


def summation_figure(gap_ms: float = 30.0) -> tuple[go.Figure, str]:
    """One twitch against two stimuli ``gap_ms`` (ms) apart (fast fibre): the second twitch adds on."""
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
    """Trains at two frequencies (Hz) for ``duration_ms`` (ms), fast fibre: unfused against fused tetanus."""
    fig = _two_panel(f"Trains at {freqs_hz[0]:g} Hz and {freqs_hz[1]:g} Hz")
    words = []
    for k, hz in enumerate(freqs_hz):
        tr = simulate_contraction(hz, duration_ms)
        fi = fusion_index(tr)
        _add_pair(fig, tr, f"{hz:g} Hz", k)
        words.append(
            f"at {hz:g} Hz force reaches {100 * tr.peak_force:.0f} % of maximum with fusion index {fi:.2f}, "
            f"{fusion_words(fi, tr.peak_force)}"
        )
    return fig, "Stimulus trains — " + "; ".join(words) + "."


def force_frequency_figure() -> tuple[go.Figure, str]:
    """Peak force (%) of 500-ms trains against frequency (Hz), fast and slow, half-maximal frequency marked."""
    fig = style.figure(
        f"Force–frequency curve ({FF_TRAIN_MS:.0f}-ms trains)", "stimulation frequency (Hz)",
        "peak force<br>(% of max. tetanus)", height=380, showlegend=True,
    )
    words = []
    for k, name in enumerate(FIBRE_PARAMS):
        ff = force_frequency(FF_FREQS_HZ, fibre=name)
        f_half = half_max_frequency(FF_FREQS_HZ, ff)
        fig.add_scatter(
            x=FF_FREQS_HZ, y=_pct(ff), mode="lines+markers", name=FIBRE_WORDS[name],
            line=dict(color=style.COLORWAY[k], dash=style.DASHES[k], width=2.5),
            marker=dict(symbol=style.SYMBOLS[k], size=7),
        )
        fig.add_scatter(
            x=[round(f_half, 2)], y=[round(50.0 * float(ff.max()), 3)], mode="markers",
            name=f"half of maximum ({name}): {f_half:.0f} Hz",
            marker=dict(color=style.COLORWAY[k], symbol="diamond-open", size=13, line=dict(width=2)),
        )
        words.append(
            f"{FIBRE_WORDS[name]} force climbs from {100 * ff[0]:.0f} % at 1 Hz to {100 * ff.max():.0f} % "
            f"and is half-maximal at {f_half:.0f} Hz"
        )
    return fig, "Force–frequency — " + "; ".join(words) + "."


def _relax_ms(tr: ContractionTrace) -> float:
    """Time (ms) from the last stimulus until force falls below 10 % of maximal tetanus (NaN if it never does)."""
    t_last = tr.spike_times_ms[-1]
    after_peak = np.arange(tr.t_ms.size) > np.argmax(tr.force)
    below = np.nonzero((tr.t_ms > t_last) & (tr.force < 0.1) & after_peak)[0]
    return float(tr.t_ms[below[0]] - t_last) if below.size else float("nan")


def serca_figure(
    stim_hz: float = 15.0, n_stimuli: int = 8, serca_fraction: float = 0.5
) -> tuple[go.Figure, str]:
    """A short train (Hz, count) with normal and slowed SERCA (fraction of normal; fast fibre):
    more fusion, slower relaxation."""
    fig = _two_panel(f"{n_stimuli} stimuli at {stim_hz:g} Hz: normal and slowed Ca²⁺ reuptake")
    base = FIBRE_PARAMS["fast"].serca_vmax_um_per_ms
    traces = {}
    for k, frac in enumerate((1.0, serca_fraction)):
        tr = simulate_contraction(stim_hz, 1000.0, n_stimuli=n_stimuli, serca_vmax_um_per_ms=base * frac)
        label = "normal SERCA" if frac == 1.0 else f"SERCA at {100 * frac:.0f} %"
        traces[frac] = tr
        _add_pair(fig, tr, label, k)
    a, b = traces[1.0], traces[serca_fraction]
    text = (
        f"With normal reuptake the train reaches {100 * a.peak_force:.0f} % of maximal force (fusion index "
        f"{fusion_index(a):.2f}) and force is below 10 % {_relax_ms(a):.0f} ms after the last stimulus; "
        f"with SERCA at {100 * serca_fraction:.0f} % it reaches {100 * b.peak_force:.0f} % (fusion index "
        f"{fusion_index(b):.2f}) and takes {_relax_ms(b):.0f} ms to let go."
    )
    return fig, text


# --------------------------------------------------------------------------------------------
# The explorer's figures (one state each; the explorer then moves their data)
# --------------------------------------------------------------------------------------------


def explorer_traces_figure(
    t_ms: np.ndarray, ca_um: np.ndarray, force_pct: np.ndarray, spike_times_ms: np.ndarray, title: str,
    window_ms: float,
) -> go.Figure:
    """Free Ca²⁺ (µM, top) and force (% of maximal tetanus, bottom) against time (ms, 0…``window_ms``),
    stimuli marked on the time axis. Trace order: :data:`TRACES_TRACES`."""
    fig = _two_panel(title, height=520)
    fig.add_scatter(x=t_ms, y=ca_um, yaxis="y2", mode="lines", name="free Ca²⁺ (µM)",
                    line=dict(color=style.ION_COLORS["Ca"], width=2))
    fig.add_scatter(x=t_ms, y=force_pct, mode="lines", name="force (% of max)",
                    line=dict(color=style.OKABE_ITO["blue"], width=2.5))
    fig.add_scatter(x=spike_times_ms, y=np.zeros(spike_times_ms.size), mode="markers", name="stimuli",
                    marker=dict(symbol="triangle-up", size=8, color=style.OKABE_ITO["black"]))
    fig.update_layout(xaxis=dict(range=[0, window_ms]))
    return fig


def explorer_force_frequency_figure(
    freqs_hz: np.ndarray, peak_force_pct: np.ndarray, freq_hz: float, force_at_freq_pct: float
) -> go.Figure:
    """Peak force (% of maximal tetanus) against frequency (Hz), the chosen ``freq_hz`` marked at
    ``force_at_freq_pct``. No fixed width: it fills its half of the explorer's row (all of it on a phone).
    Trace order: :data:`FF_TRACES`."""
    fig = style.figure(
        f"Force–frequency ({FF_TRAIN_MS:.0f}-ms trains)", "stimulation frequency (Hz)",
        "peak force<br>(% of max. tetanus)", height=340, showlegend=True,
    )
    fig.add_scatter(x=freqs_hz, y=peak_force_pct, mode="lines+markers", name="peak force",
                    line=dict(color=style.OKABE_ITO["blue"], width=2.5), marker=dict(size=6))
    fig.add_scatter(x=np.array([freq_hz]), y=np.array([force_at_freq_pct]), mode="markers", name="your frequency",
                    marker=dict(symbol="diamond", size=13, color=style.OKABE_ITO["vermillion"]))
    fig.update_layout(yaxis=dict(range=[0, 105]))
    return fig


def explorer_force_pca_figure(normal_pct: np.ndarray, setting_pct: np.ndarray, pca50: float) -> go.Figure:
    """Steady-state force (% of maximum) on :data:`PCA_AXIS`: the fibre type's normal curve and the chosen
    setting, its pCa50 marked at 50 %. No fixed width (as :func:`explorer_force_frequency_figure`).
    Trace order: :data:`PCA_TRACES`."""
    fig = style.figure(
        "Force–pCa (steady state)", "pCa (Ca²⁺ rises to the right)", "force (% of maximum)",
        height=340, showlegend=True,
    )
    fig.update_xaxes(autorange="reversed")
    fig.add_scatter(x=PCA_AXIS, y=normal_pct, mode="lines", name="normal for this fibre",
                    line=dict(color=style.OKABE_ITO["black"], dash="dot", width=1.5))
    fig.add_scatter(x=PCA_AXIS, y=setting_pct, mode="lines", name="your setting",
                    line=dict(color=style.OKABE_ITO["bluish_green"], width=2.5))
    fig.add_scatter(x=np.array([pca50]), y=np.array([50.0]), mode="markers", name="pCa50",
                    marker=dict(symbol="diamond", size=13, color=style.OKABE_ITO["vermillion"]))
    return fig
