"""The course's single plotting style: Okabe–Ito palette and one plotly template.

Every figure in the course is built through :func:`figure` (a static ``go.Figure``; the explorers wrap
theirs in :class:`course.ui.plot.PlotView`, see :mod:`course.ui._common`), so all plots share
fonts, margins and the colour-blind-safe Okabe–Ito palette
(Okabe & Ito 2008, "Color Universal Design"). Colour is never the only carrier
of meaning: traces also differ by dash pattern or marker symbol
(:data:`DASHES`, :data:`SYMBOLS`), and every figure has a one-sentence text
alternative shown beside it.
"""

from __future__ import annotations

import base64
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

import numpy as np
import plotly.graph_objects as go
import plotly.io as pio
from plotly.io.base_renderers import PlotlyRenderer

__all__ = [
    "OKABE_ITO",
    "COLORWAY",
    "DASHES",
    "SYMBOLS",
    "ION_COLORS",
    "PHASE_COLORS",
    "TEMPLATE_NAME",
    "Y_HEADROOM",
    "figure",
    "normal_band",
    "DISPLAY_SIGNIFICANT_DIGITS",
    "round_significant",
    "display_values",
]

#: The eight Okabe–Ito colours (hex), keyed by name.
OKABE_ITO: Mapping[str, str] = MappingProxyType({
    "black": "#000000",
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "bluish_green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish_purple": "#CC79A7",
})

#: Default trace colour order (yellow last: low contrast on white).
COLORWAY: tuple[str, ...] = tuple(
    OKABE_ITO[k]
    for k in ("blue", "vermillion", "bluish_green", "orange", "reddish_purple", "sky_blue", "black", "yellow")
)

#: Line dash patterns paired with :data:`COLORWAY` so lines differ without colour.
DASHES: tuple[str, ...] = ("solid", "dash", "dot", "dashdot", "longdash", "longdashdot", "solid", "dash")

#: Marker symbols paired with :data:`COLORWAY`.
SYMBOLS: tuple[str, ...] = ("circle", "square", "diamond", "triangle-up", "cross", "x", "star", "hexagon")

#: One fixed colour per ion, used in every notebook.
ION_COLORS: Mapping[str, str] = MappingProxyType({
    "K": OKABE_ITO["blue"],
    "Na": OKABE_ITO["vermillion"],
    "Cl": OKABE_ITO["bluish_green"],
    "Ca": OKABE_ITO["orange"],
    "Mg": OKABE_ITO["reddish_purple"],
    "Vrest": OKABE_ITO["black"],
})

#: One fixed colour per healing phase.
PHASE_COLORS: Mapping[str, str] = MappingProxyType({
    "inflammation": OKABE_ITO["vermillion"],
    "proliferation": OKABE_ITO["orange"],
    "remodeling": OKABE_ITO["blue"],
})

#: Semi-transparent grey for "normal range" bands.
NORMAL_BAND = "rgba(0, 158, 115, 0.12)"

#: Head room of a y axis above the highest curve: the axis ends at ``Y_HEADROOM`` × the peak (dimensionless).
Y_HEADROOM = 1.08

TEMPLATE_NAME = "course"

_template = go.layout.Template(pio.templates["plotly_white"])
_template.layout.update(
    colorway=COLORWAY,
    font=dict(family="Open Sans, Arial, sans-serif", size=13, color="#222222"),
    title=dict(font=dict(size=16), x=0.0, xanchor="left"),
    margin=dict(l=60, r=20, t=50, b=50),
    legend=dict(bgcolor="rgba(255,255,255,0.8)"),
    hoverlabel=dict(font_size=12),
)
_template.layout.xaxis.update(showline=True, linecolor="#444444", ticks="outside", zeroline=False)
_template.layout.yaxis.update(showline=True, linecolor="#444444", ticks="outside", zeroline=False)
pio.templates[TEMPLATE_NAME] = _template


#: px between the bottom of the plot area and the top of a legend below it: room for the x tick labels and the
#: x-axis title (≈ 50 px at font size 13), so a legend never covers the axis title (COURSE_SPEC V3.6 "Plots")
LEGEND_GAP_PX = 62
#: px a one-row horizontal legend takes below the plot, besides the gap (plotly pushes the bottom margin for it)
_LEGEND_ROW_PX = 30
_MARGIN_TOP_PX = 50


def legend_below_y(height: int) -> float:
    """Paper ``y`` of a horizontal legend anchored at its top ``LEGEND_GAP_PX`` below a plot of figure
    ``height`` px (the plot area shrinks by the legend's own margin, so the gap is computed on what is left)."""
    plot_px = height - _MARGIN_TOP_PX - LEGEND_GAP_PX - _LEGEND_ROW_PX
    if plot_px <= 40:
        raise ValueError(f"height={height!r} px is too small for a legend below the plot; allowed: > "
                         f"{_MARGIN_TOP_PX + LEGEND_GAP_PX + _LEGEND_ROW_PX + 40} px")
    return -round(LEGEND_GAP_PX / plot_px, 3)


def _legend_below(orientation: str | None, y: float | None) -> bool:
    """Whether a legend is the horizontal kind placed below the plot (``orientation="h"``, ``y < 0``)."""
    return orientation == "h" and (y or 0) < 0


def _place_legend(layout: dict) -> dict:
    """A horizontal legend below the plot (a builder's ``legend=dict(orientation="h", y<0)``) moves below the
    x-axis title: anchored at its top, ``LEGEND_GAP_PX`` under the plot area."""
    legend = layout.get("legend")
    if isinstance(legend, dict) and _legend_below(legend.get("orientation"), legend.get("y")):
        layout["legend"] = {**legend, "y": legend_below_y(int(layout["height"])), "yanchor": "top",
                            "x": legend.get("x", 0.0), "xanchor": legend.get("xanchor", "left")}
    return layout


def set_height(fig: go.Figure, height: int) -> go.Figure:
    """Change a course figure's height, keeping a legend below the plot clear of the x-axis title."""
    layout: dict = {"height": height}
    if _legend_below(fig.layout.legend.orientation, fig.layout.legend.y):
        layout["legend"] = {"y": legend_below_y(height), "yanchor": "top"}
    return fig.update_layout(**layout)


def _layout(title: str, xaxis_title: str, yaxis_title: str, height: int, **layout: Any) -> dict:
    base = dict(
        template=TEMPLATE_NAME,
        title=dict(text=title),
        xaxis=dict(title=dict(text=xaxis_title)),
        yaxis=dict(title=dict(text=yaxis_title)),
        height=height,
    )
    base.update(layout)
    return _place_legend(base)


def figure(
    title: str = "", xaxis_title: str = "", yaxis_title: str = "", height: int = 380, **layout: Any
) -> go.Figure:
    """Return a static ``go.Figure`` in the course style (stored as JSON by nbval, deterministic)."""
    return go.Figure(layout=_layout(title, xaxis_title, yaxis_title, height, **layout))


def normal_band(fig: go.Figure, lo: float, hi: float, axis: str = "x", label: str = "normal range") -> None:
    """Shade the normal (clinical reference) range ``[lo, hi]`` on a figure's x or y axis."""
    kwargs = dict(fillcolor=NORMAL_BAND, line_width=0, layer="below")
    if axis == "x":
        fig.add_vrect(x0=lo, x1=hi, annotation_text=label, annotation_position="top left", **kwargs)
    elif axis == "y":
        fig.add_hrect(y0=lo, y1=hi, annotation_text=label, annotation_position="top left", **kwargs)
    else:
        raise ValueError(f"axis={axis!r} is not valid; choose one of: 'x', 'y'")


# --- Display precision: what reaches a stored notebook output is independent of the CPU -----------------
#: Significant digits kept in every number of a displayed figure (x, y, ranges, …): far finer than a screen
#: pixel or a hover label, coarse enough that a last-bit difference between numpy's SIMD code paths
#: (AVX-512 vs AVX2 vs baseline) cannot change a stored output.
DISPLAY_SIGNIFICANT_DIGITS = 6

# exact powers of ten (Python's float parser, not a SIMD pow): the rounding itself is CPU-independent
_POW10 = np.array([float(f"1e{k}") for k in range(-330, 309)])


def round_significant(values: Any, digits: int = DISPLAY_SIGNIFICANT_DIGITS) -> Any:
    """Round a number or a float array to ``digits`` significant digits (ints, strings, NaN, ±inf unchanged).

    Dimensionless; works element-wise and returns the same kind of object (a float for a float, an array
    for an array). ``digits`` must be 1–15.
    """
    if not 1 <= digits <= 15:
        raise ValueError(f"digits={digits!r} is out of range; allowed: 1 to 15")
    if isinstance(values, float):
        return float(round_significant(np.array([values]), digits)[0])
    a = np.asarray(values)
    if a.dtype.kind != "f":
        return values
    a64 = a.astype(np.float64)
    out = a64.copy()
    ok = np.isfinite(a64) & (a64 != 0.0)
    if ok.any():
        x = a64[ok]
        # decimal exponent from the float's own formatting-free estimate, then corrected exactly
        exp10 = np.floor(np.log10(np.abs(x))).astype(np.int64)
        exp10 += (np.abs(x) >= _POW10[np.clip(exp10 + 1, -330, 308) + 330]).astype(np.int64)
        exp10 -= (np.abs(x) < _POW10[np.clip(exp10, -330, 308) + 330]).astype(np.int64)
        k = np.clip(digits - 1 - exp10, -308, 308)
        up, down = k >= 0, k < 0
        y = np.empty_like(x)
        y[up] = np.round(x[up] * _POW10[k[up] + 330]) / _POW10[k[up] + 330]
        y[down] = np.round(x[down] / _POW10[-k[down] + 330]) * _POW10[-k[down] + 330]
        out[ok] = y
    return out.astype(a.dtype, copy=False)


def display_values(obj: Any) -> Any:
    """A copy of a figure dict (or any JSON-like tree) with every float rounded to display precision."""
    if isinstance(obj, dict):
        if "bdata" in obj and "dtype" in obj:  # plotly's base64 typed array (``fig.to_dict()`` since plotly 6)
            return _typed_array(obj)
        return {k: display_values(v) for k, v in obj.items()}
    if isinstance(obj, list | tuple):
        return type(obj)(display_values(v) for v in obj)
    if isinstance(obj, np.ndarray):
        return round_significant(obj) if obj.dtype.kind == "f" else obj
    if isinstance(obj, float | np.floating):
        return round_significant(float(obj))
    return obj


def _typed_array(spec: dict) -> dict:
    """Round the floats of a plotly typed array ``{"dtype", "bdata"[, "shape"]}``; other dtypes unchanged."""
    dtype = np.dtype(spec["dtype"])
    if dtype.kind != "f" or not isinstance(spec["bdata"], str):
        return spec
    values = np.frombuffer(base64.b64decode(spec["bdata"]), dtype=dtype)
    rounded = np.ascontiguousarray(round_significant(values))
    return {**spec, "bdata": base64.b64encode(rounded.tobytes()).decode("ascii")}


class _DisplayPrecisionRenderer(PlotlyRenderer):
    """plotly's notebook mime renderer, with every number rounded by :func:`display_values` first.

    It is the one place where a figure becomes a stored output, so every static figure of every notebook
    is CPU-independent (the explorers' plot widgets store a widget reference, not numbers).
    """

    def to_mimebundle(self, fig_dict: dict) -> dict:
        return super().to_mimebundle(display_values(fig_dict))


DISPLAY_RENDERER = "course"
pio.renderers[DISPLAY_RENDERER] = _DisplayPrecisionRenderer()
pio.renderers.default = DISPLAY_RENDERER
