"""Figures of notebook 04 (the cramp reflex): spike raster by unit size, force, surface EMG.

The explorer's builder draws one state from arrays; its trace order is :data:`POOL_TRACES`.
Units: time s, force % of maximal, EMG mV; units numbered 1 (smallest) … 100 (largest).
"""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from course import style
from course.figures.png import png_data_uri
from course.reflex import N_UNITS, PoolTrace

__all__ = ["POOL_TRACES", "peak_detect", "pool_figure", "raster_image", "raster_xy", "trace_figure"]

#: Trace order of :func:`pool_figure` (the raster is the layout's image 0, :func:`raster_image`).
POOL_TRACES = ("force", "emg", "envelope")


def raster_xy(spike_times_s: tuple[np.ndarray, ...]) -> tuple[np.ndarray, np.ndarray]:
    """x (s) and y (unit number, 1 = smallest) of every spike, for a raster plot."""
    xs = [s for s in spike_times_s]
    ys = [np.full(s.size, i + 1.0) for i, s in enumerate(spike_times_s)]
    return (np.concatenate(xs) if xs else np.zeros(0)), (np.concatenate(ys) if ys else np.zeros(0))


def peak_detect(t: np.ndarray, y: np.ndarray, bin_size: int) -> tuple[np.ndarray, np.ndarray]:
    """A trace thinned for drawing like an oscilloscope's peak-detect mode: the lowest and the highest sample of
    every ``bin_size`` consecutive samples (a shorter last bin included), in time order, at their own times
    (``t``, any unit). Every peak and trough is kept, so a 1-ms action potential still shows; a plain stride
    (every k-th sample) skips those that fall between its samples. 2 points per bin."""
    t, y = np.asarray(t), np.asarray(y)
    if t.shape != y.shape or t.ndim != 1:
        raise ValueError(f"t and y must be 1-D of the same shape, got {t.shape} and {y.shape}")
    if not (isinstance(bin_size, int | np.integer) and bin_size >= 1):
        raise ValueError(f"bin_size must be an integer ≥ 1, got {bin_size!r}")
    n = y.size
    if n == 0:
        return t.copy(), y.copy()
    bins = -(-n // bin_size)
    # the last bin padded with its own last sample: argmin/argmax give the first of equal values, a real sample
    padded = np.concatenate([y, np.full(bins * bin_size - n, y[-1])]).reshape(bins, bin_size)
    start = np.arange(bins) * bin_size
    keep = np.sort(np.stack([start + padded.argmin(axis=1), start + padded.argmax(axis=1)], axis=1), axis=1).ravel()
    return t[keep], y[keep]


#: raster image: pixels per second of the time axis (one column = 1/60 s, finer than the ≥ 30 ms between two
#: spikes of a unit in the pool) and one pixel row per unit. The browser scales it to the panel (≈ 110–250 ×
#: 300–1,000 px), so a spike shows as a short tick at any width; finer grids vanish when scaled down on a phone.
RASTER_PX_PER_S = 60
RASTER_ROWS_PER_UNIT = 1


def raster_image(x_s: np.ndarray, unit: np.ndarray, window_s: float) -> str:
    """The spike raster as a PNG (a ``data:`` URI, :func:`course.figures.png.png_data_uri`): a black pixel per
    spike at time ``x_s`` (s, 0 … ``window_s``) and unit number ``unit`` (1 = smallest … N_UNITS),
    on a transparent ground covering the panel's axes (x 0 … window_s, y 0 … N_UNITS + 1). One image instead
    of one plotly marker per spike: see :mod:`course.figures.png`."""
    if not window_s > 0:
        raise ValueError(f"window_s must be > 0 s, got {window_s}")
    x = np.asarray(x_s, dtype=float)
    u = np.asarray(unit, dtype=float)
    if x.shape != u.shape:
        raise ValueError(f"x_s and unit must have the same shape, got {x.shape} and {u.shape}")
    width = max(1, int(round(window_s * RASTER_PX_PER_S)))
    height = (N_UNITS + 1) * RASTER_ROWS_PER_UNIT
    mask = np.zeros((height, width), dtype=bool)
    keep = (x >= 0) & (x <= window_s) & (u >= 1) & (u <= N_UNITS)
    col = np.minimum((x[keep] / window_s * width).astype(int), width - 1)
    row = np.minimum(((N_UNITS + 1 - u[keep]) * RASTER_ROWS_PER_UNIT).astype(int), height - 1)
    mask[row, col] = True
    return png_data_uri(mask)


def pool_figure(raster_x: np.ndarray, raster_y: np.ndarray, t_force: np.ndarray, force_pct: np.ndarray,
                t_emg: np.ndarray, emg_mv: np.ndarray, envelope_mv: np.ndarray, title: str,
                window_s: float) -> go.Figure:
    """Three panels on one time axis (s): spike raster (units by size, 1 = smallest: a tick per spike, drawn as
    the layout's image 0, :func:`raster_image`), force (% of maximal), surface EMG (mV) with its
    rectified-and-smoothed envelope. Trace order: :data:`POOL_TRACES`."""
    fig = make_subplots(rows=3, cols=1, shared_xaxes=True, vertical_spacing=0.06, row_heights=[0.45, 0.25, 0.30])
    c = style.OKABE_ITO
    fig.add_trace(go.Scatter(x=t_force, y=force_pct, mode="lines", name="force (% of max)",
                             line=dict(color=c["blue"], width=2.5)), row=2, col=1)
    fig.add_trace(go.Scatter(x=t_emg, y=emg_mv, mode="lines", name="surface EMG (mV)",
                             line=dict(color="#999999", width=1)), row=3, col=1)
    fig.add_trace(go.Scatter(x=t_emg, y=envelope_mv, mode="lines", name="rectified, smoothed EMG (mV)",
                             line=dict(color=c["vermillion"], width=2.5)), row=3, col=1)
    # a panel is 50–100 px high in the explorer: each axis title in two short lines and at most a few ticks, so
    # that titles and tick labels stay within their own panel
    fig.update_yaxes(title_text="unit<br>(by size)", range=[0, N_UNITS + 1], nticks=5, row=1, col=1)
    fig.update_xaxes(range=[0, window_s], row=1, col=1)
    fig.add_layout_image(source=raster_image(raster_x, raster_y, window_s), xref="x", yref="y", x=0,
                         y=N_UNITS + 1, sizex=window_s, sizey=N_UNITS + 1, sizing="stretch", layer="above")
    fig.update_yaxes(title_text="force<br>(% max)", nticks=3, row=2, col=1)
    fig.update_yaxes(title_text="EMG<br>(mV)", nticks=3, row=3, col=1)
    fig.update_xaxes(title_text="time (s)", range=[0, window_s], row=3, col=1)
    fig.update_xaxes(automargin=True, ticklabeloverflow=style.AXIS["ticklabeloverflow"])
    fig.update_yaxes(automargin=True, ticklabeloverflow=style.AXIS["ticklabeloverflow"])
    fig.update_layout(title=style.title(title), height=620, template="simple_white", legend=style.legend(),
                      margin=dict(style.MARGIN))
    return fig


def trace_figure(tr: PoolTrace, title: str) -> go.Figure:
    """:func:`pool_figure` of a :class:`course.reflex.PoolTrace`, thinned for a stored page: force and envelope
    every 10 ms, the raw EMG peak-detected over 4-ms bins (:func:`peak_detect`: as many points as a sample every
    2 ms), single-precision times and values, unit numbers as bytes (a notebook stays under 1 MB)."""
    x, y = raster_xy(tr.spike_times_s)

    def f4(a: np.ndarray) -> np.ndarray:
        return np.ascontiguousarray(a, dtype=np.float32)

    dt_s = float(tr.t_s[1] - tr.t_s[0]) if tr.t_s.size > 1 else 0.001
    slow, peak_bin = max(1, round(0.010 / dt_s)), max(1, round(0.004 / dt_s))
    t_emg, emg = peak_detect(tr.t_s, tr.emg_mV, peak_bin)
    return pool_figure(f4(x), y.astype(np.uint8), f4(tr.t_s[::slow]), f4(100.0 * tr.force[::slow]),
                       f4(t_emg), f4(emg), f4(tr.emg_envelope_mV[::slow]), title,
                       float(tr.t_s[-1]))
