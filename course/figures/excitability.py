"""Figures of notebook 03 (excitability of the motor and sensory axon node).

The three figures of the explorer (:class:`course.ui.excitability.ExcitabilityExplorer`), drawn for one
state and updated by it through the trace names :data:`VOLTAGE_TRACES`, :data:`RATE_TRACES` and
:data:`FORCE_TRACES`, and two static figures of the notebook: spontaneous firing against ionized Ca²⁺
(:func:`spontaneous_rate_figure`) and one voltage trace (:func:`spontaneous_trace_figure`).
Units: mV, ms, mM, Hz, % of a motor unit's maximal fused tetanus.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import plotly.graph_objects as go

from course import style
from course.electrolytes import NORMAL_RANGES
from course.excitability import SPIKE_THRESHOLD_MV, AxonTrace

__all__ = [
    "VOLTAGE_TRACES", "RATE_TRACES", "FORCE_TRACES", "voltage_figure", "rate_axis_top", "rate_figure", "force_figure",
    "spontaneous_rate_figure", "spontaneous_trace_figure",
]

#: Trace order of :func:`voltage_figure`, :func:`rate_figure` and :func:`force_figure` (the explorer
#: updates them by name: ``RATE_TRACES.index("marker")``).
VOLTAGE_TRACES = ("voltage",)
RATE_TRACES = ("normal", "yours", "marker")
FORCE_TRACES = ("force",)
#: :func:`spontaneous_trace_figure` plots every n-th time step (0.1 ms at the default 0.01-ms step).
_TRACE_EVERY = 10


def voltage_figure(t_ms: np.ndarray, v_mv: np.ndarray, duration_ms: float) -> go.Figure:
    """Membrane voltage (mV) of the axon node against time (ms, 0 to ``duration_ms``), spike threshold marked."""
    fig = style.figure(
        "Membrane voltage of the axon node (no stimulus)", "time (ms)", "membrane potential (mV)",
        height=330, showlegend=False, yaxis_range=[-110.0, 50.0], xaxis_range=[0.0, duration_ms],
    )
    fig.add_hline(
        y=SPIKE_THRESHOLD_MV, line_dash="dot", line_color=style.OKABE_ITO["black"], line_width=1,
        annotation_text="0 mV: a full action<br>potential crosses this line", annotation_position="top right",
    )
    fig.add_scatter(
        x=t_ms, y=v_mv, mode="lines", name="membrane voltage", line=dict(color=style.OKABE_ITO["blue"], width=1.5),
    )
    return fig


def rate_axis_top(*rates_hz: np.ndarray) -> float:
    """Top of the rate axis (Hz): 160 Hz, or 5 % above the highest rate shown, so no point is cut off (below
    the Ca²⁺ onset the node + internode axon fires bursts at several hundred Hz)."""
    return max(160.0, 1.05 * max((float(np.max(r, initial=0.0)) for r in rates_hz), default=0.0))


def rate_figure(
    ca_grid_mm: np.ndarray, normal_hz: np.ndarray, rates_hz: np.ndarray, ca_mm: float, rate_hz: float,
    duration_ms: float,
) -> go.Figure:
    """Firing rate (Hz, spikes in ``duration_ms``) against ionized Ca²⁺ (mM) over the explorer's Ca²⁺ grid.

    ``normal_hz``: the motor axon with every other value normal; ``rates_hz``: with the current settings;
    a marker at (``ca_mm``, ``rate_hz``). The band is the course's normal ionized Ca²⁺
    (:data:`course.electrolytes.NORMAL_RANGES`, the range the Ca²⁺ slider names).
    """
    fig = style.figure(
        f"Firing rate against ionized Ca²⁺ (spikes in {duration_ms:.0f} ms; other sliders as set)",
        "ionized Ca²⁺ (mM)",
        "firing rate (Hz)", height=330, showlegend=True,
        yaxis_range=[-3.0, rate_axis_top(normal_hz, rates_hz)],
        xaxis_range=[ca_grid_mm[0] - 0.02, ca_grid_mm[-1] + 0.02],
    )
    style.normal_band(fig, *NORMAL_RANGES["ca"], axis="x", label="normal ionized Ca²⁺")
    fig.add_scatter(
        x=ca_grid_mm, y=normal_hz, mode="lines+markers", name="motor axon, all other values normal",
        line=dict(color=style.OKABE_ITO["black"], dash="dash", width=1.5),
        marker=dict(symbol="circle-open", size=6, color=style.OKABE_ITO["black"]),
    )
    fig.add_scatter(
        x=ca_grid_mm, y=rates_hz, mode="lines+markers", name="with your settings",
        line=dict(color=style.OKABE_ITO["vermillion"], dash="solid", width=2.5),
        marker=dict(symbol="square", size=6, color=style.OKABE_ITO["vermillion"]),
    )
    fig.add_scatter(
        x=np.array([ca_mm]), y=np.array([rate_hz]), mode="markers", name="your Ca²⁺",
        marker=dict(symbol="diamond", size=15, color=style.OKABE_ITO["blue"], line=dict(width=1, color="white")),
    )
    return fig


def force_figure(t_ms: np.ndarray, force_pct: np.ndarray, duration_ms: float) -> go.Figure:
    """Force of one motor unit (% of its maximal fused tetanus) against time (ms, 0 to ``duration_ms``)."""
    fig = style.figure(
        "Force of one motor unit driven by these spikes", "time (ms)",
        "force (% of unit maximum)", height=300, showlegend=False,
        yaxis_range=[0.0, 105.0], xaxis_range=[0.0, duration_ms],
    )
    fig.add_scatter(
        x=t_ms, y=force_pct, mode="lines", name="force", line=dict(color=style.OKABE_ITO["bluish_green"], width=2.5),
    )
    return fig


def spontaneous_rate_figure(ca_grid_mm: np.ndarray, curves: Mapping[tuple[str, float], np.ndarray]) -> go.Figure:
    """Spontaneous firing rate (Hz) against ionized Ca²⁺ (mM), one line per (fibre, Mg²⁺ in mM) of ``curves``.

    The band is the course's normal range of ionized Ca²⁺ (:data:`course.electrolytes.NORMAL_RANGES`), the same
    band as the explorer's rate figure.
    """
    fig = style.figure(
        "Spontaneous firing against ionized Ca²⁺ (no stimulus, 200 ms per point)", "ionized Ca²⁺ (mM)",
        "spontaneous firing rate (Hz)", height=380, showlegend=True,
    )
    style.normal_band(fig, *NORMAL_RANGES["ca"], axis="x", label="normal ionized Ca²⁺")
    for i, ((fibre, mg_mm), rates_hz) in enumerate(curves.items()):
        fig.add_scatter(
            x=ca_grid_mm, y=rates_hz, mode="lines+markers", name=f"{fibre} axon, Mg²⁺ {mg_mm:g} mM",
            line=dict(color=style.COLORWAY[i], dash=style.DASHES[i], width=2.5),
            marker=dict(symbol=style.SYMBOLS[i], size=6),
        )
    return fig


def spontaneous_trace_figure(trace: AxonTrace) -> go.Figure:
    """Membrane voltage (mV) of one run without stimulus against time (ms), titled with its fibre and Ca²⁺."""
    c = trace.conditions
    verdict = "fires with no stimulus" if trace.spike_times_ms.size else "stays silent with no stimulus"
    fig = style.figure(
        f"The {c.fibre} axon at {c.ca_mm:g} mM Ca²⁺ {verdict}", "time (ms)", "membrane potential (mV)",
        height=320, showlegend=False,
    )
    fig.add_scatter(
        x=np.round(trace.t_ms[::_TRACE_EVERY], 2), y=np.round(trace.v_mv[::_TRACE_EVERY], 1), mode="lines",
        line=dict(color=style.OKABE_ITO["blue"], width=1.5), name="membrane potential",
    )
    return fig
