"""Figures of notebook 04 (the cramp reflex): spike raster by unit size, force, surface EMG.

The explorer's builder draws one state from arrays; its trace order is :data:`POOL_TRACES`.
Units: time s, force % of maximal, EMG mV; units numbered 1 (smallest) … 100 (largest).
"""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from course import style
from course.reflex import PoolTrace

__all__ = ["POOL_TRACES", "pool_figure", "raster_xy", "trace_figure"]

#: Trace order of :func:`pool_figure`.
POOL_TRACES = ("raster", "force", "emg", "envelope")


def raster_xy(spike_times_s: tuple[np.ndarray, ...]) -> tuple[np.ndarray, np.ndarray]:
    """x (s) and y (unit number, 1 = smallest) of every spike, for a raster plot."""
    xs = [s for s in spike_times_s]
    ys = [np.full(s.size, i + 1.0) for i, s in enumerate(spike_times_s)]
    return (np.concatenate(xs) if xs else np.zeros(0)), (np.concatenate(ys) if ys else np.zeros(0))


def pool_figure(raster_x: np.ndarray, raster_y: np.ndarray, t_force: np.ndarray, force_pct: np.ndarray,
                t_emg: np.ndarray, emg_mv: np.ndarray, envelope_mv: np.ndarray, title: str,
                window_s: float) -> go.Figure:
    """Three panels on one time axis (s): spike raster (units by size), force (% of maximal), surface EMG (mV)
    with its rectified-and-smoothed envelope. Trace order: :data:`POOL_TRACES`."""
    fig = make_subplots(rows=3, cols=1, shared_xaxes=True, vertical_spacing=0.06, row_heights=[0.45, 0.25, 0.30])
    c = style.OKABE_ITO
    fig.add_trace(go.Scatter(x=raster_x, y=raster_y, mode="markers", name="spikes (unit 1 = smallest)",
                               marker=dict(size=3, color=c["black"])), row=1, col=1)
    fig.add_trace(go.Scatter(x=t_force, y=force_pct, mode="lines", name="force (% of max)",
                             line=dict(color=c["blue"], width=2.5)), row=2, col=1)
    fig.add_trace(go.Scatter(x=t_emg, y=emg_mv, mode="lines", name="surface EMG (mV)",
                             line=dict(color="#999999", width=1)), row=3, col=1)
    fig.add_trace(go.Scatter(x=t_emg, y=envelope_mv, mode="lines", name="rectified, smoothed EMG (mV)",
                             line=dict(color=c["vermillion"], width=2.5)), row=3, col=1)
    # a panel is 50–100 px high in the explorer: each axis title in two short lines and at most a few ticks, so
    # that titles and tick labels stay within their own panel
    fig.update_yaxes(title_text="unit<br>(by size)", range=[0, 101], nticks=5, row=1, col=1)
    fig.update_yaxes(title_text="force<br>(% max)", nticks=3, row=2, col=1)
    fig.update_yaxes(title_text="EMG<br>(mV)", nticks=3, row=3, col=1)
    fig.update_xaxes(title_text="time (s)", range=[0, window_s], row=3, col=1)
    fig.update_xaxes(automargin=True)
    fig.update_yaxes(automargin=True)
    fig.update_layout(title=style.title(title), height=620, template="simple_white", legend=style.legend(),
                      margin=dict(style.MARGIN))
    return fig


def trace_figure(tr: PoolTrace, title: str) -> go.Figure:
    """:func:`pool_figure` of a :class:`course.reflex.PoolTrace`, thinned for a stored page: force and envelope
    every 10 ms, the raw EMG every 2 ms, single-precision times and values, unit numbers as bytes (a notebook
    stays under 1 MB; the explorer draws the full traces)."""
    x, y = raster_xy(tr.spike_times_s)

    def f4(a: np.ndarray) -> np.ndarray:
        return np.ascontiguousarray(a, dtype=np.float32)

    dt_s = float(tr.t_s[1] - tr.t_s[0]) if tr.t_s.size > 1 else 0.001
    slow, fast = max(1, round(0.010 / dt_s)), max(1, round(0.002 / dt_s))
    return pool_figure(f4(x), y.astype(np.uint8), f4(tr.t_s[::slow]), f4(100.0 * tr.force[::slow]),
                       f4(tr.t_s[::fast]), f4(tr.emg_mV[::fast]), f4(tr.emg_envelope_mV[::slow]), title,
                       float(tr.t_s[-1]))
