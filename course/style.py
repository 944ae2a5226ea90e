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
    "TITLE_CHARS",
    "AXIS_TITLE_CHARS",
    "LEGEND_CHARS",
    "MARGIN",
    "wrap",
    "legend",
    "title",
    "set_height",
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

# --- A layout that holds at every width (COURSE_SPEC V3.6 "Plots", WCAG 1.4.10) ----------------------------------
# A figure is drawn as wide as its output: ≈ 274–360 px on a 390 px phone, ≈ 300–650 px at 200 % zoom, up to
# ≈ 1,370 px on a desktop, at the height its builder chose. plotly.js wraps no text by itself, so every line is
# kept short enough for the narrowest of these plots, and everything outside the plot area makes room for itself
# instead of sitting at a fixed distance from it: the title reserves its own height above the plot, the axes'
# tick labels and titles push the margins (automargin), and the legend reserves its own height below the x-axis
# title (``legend()``).

#: Characters per line of a figure title (16 px, ≈ 7 px a character): ≤ 240 px, inside the narrowest plot measured
#: (274 px: JupyterLab's output area on a 390 px phone).
TITLE_CHARS = 34
#: Characters per line of an x-axis title (13 px, ≈ 6.5 px a character): ≤ 185 px, the plot area of a 274 px figure.
AXIS_TITLE_CHARS = 28
#: Characters per line of a legend entry (12 px, ≈ 6 px a character, after its 40 px symbol): ≤ 260 px.
LEGEND_CHARS = 36
#: Base margins (px); each side grows by what its title, tick labels and legend need.
MARGIN = MappingProxyType({"l": 60, "r": 20, "t": 12, "b": 10})

_template = go.layout.Template(pio.templates["plotly_white"])
_template.layout.update(
    colorway=COLORWAY,
    font=dict(family="Open Sans, Arial, sans-serif", size=13, color="#222222"),
    title=dict(font=dict(size=16), x=0.0, xanchor="left"),
    margin=dict(MARGIN),
    legend=dict(bgcolor="rgba(255,255,255,0.8)"),
    hoverlabel=dict(font_size=12),
)
#: Axis settings of every course figure. Automargin makes room for an axis's tick labels and title; with it, plotly's
#: default check for tick labels past the figure's edge (``ticklabeloverflow="hide past div"``) finds none, and it
#: measures every label in the page: in JupyterLab ≈ 20 % of a redraw (Chromium profile of notebook 04, 2026-12-06).
AXIS = MappingProxyType({"showline": True, "linecolor": "#444444", "ticks": "outside", "zeroline": False,
                         "automargin": True, "ticklabeloverflow": "allow"})
_template.layout.xaxis.update(**AXIS)
_template.layout.yaxis.update(**AXIS)
pio.templates[TEMPLATE_NAME] = _template


def _greedy(words: list[str], width: int) -> list[str]:
    lines: list[str] = []
    for word in words:
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines


def wrap(text: str, width: int) -> str:
    """``text`` in lines of at most ``width`` characters, broken at spaces and joined by plotly's ``<br>``.

    The lines are balanced (as few lines as the greedy break gives, each as short as that allows), a word longer
    than ``width`` stays whole on its own line, and a ``<br>`` already in ``text`` is kept. ``width`` ≥ 8
    characters.
    """
    if not isinstance(width, int) or width < 8:
        raise ValueError(f"width={width!r} is out of range; allowed: an integer ≥ 8 (characters)")
    out = []
    for part in text.split("<br>"):
        words = part.split()
        lines = _greedy(words, width)
        for w in range(-(-len(part) // max(len(lines), 1)), width):  # the narrowest width giving as few lines
            if len(narrower := _greedy(words, w)) <= len(lines):
                lines = narrower
                break
        out.append("<br>".join(lines))
    return "<br>".join(out)


def legend(**overrides: Any) -> dict:
    """The course legend: horizontal, at the very bottom of the figure, under the x-axis title.

    Its position is in container coordinates (``yref="container"``, ``y=0``), so plotly reserves its height
    below the plot area and lays the axes out in the rest: on a narrow screen its entries wrap into more rows and
    the plot gets shorter, but the legend never covers the data, a tick label or an axis title (a legend placed in
    plot coordinates, ``y < 0``, stays a fixed fraction of the plot below it and ran into the x-axis title once its
    entries took two rows). ``overrides`` change single settings (e.g. ``traceorder``).
    """
    return {"orientation": "h", "xref": "container", "x": 0.0, "xanchor": "left", "yref": "container", "y": 0.0,
            "yanchor": "bottom", "font": {"size": 12}, "traceorder": "normal", **overrides}


def title(text: str) -> dict:
    """A figure title wrapped to :data:`TITLE_CHARS` a line, at the top left, standing on the plot area (``y=1``
    in plot coordinates, anchored at its bottom) and pushing the top margin by its own height (``automargin``),
    so a title of two or three lines never runs into the plot. (Anchored at its top in container coordinates,
    plotly.js 4.1 drew all but the last line of a wrapped title above the figure.)"""
    return {"text": wrap(text, TITLE_CHARS), "automargin": True, "yref": "paper", "y": 1.0, "yanchor": "bottom",
            "xref": "container", "x": 0.0, "xanchor": "left", "pad": {"b": 8, "l": 2}, "font": {"size": 16}}


def set_height(fig: go.Figure, height: int) -> go.Figure:
    """Change a course figure's height (px); the title, axes and legend keep making room for themselves."""
    return fig.update_layout(height=height)


def _layout(title_text: str, xaxis_title: str, yaxis_title: str, height: int, **layout: Any) -> dict:
    # an axis without a title gets no title at all: an empty one still takes its room in the margin (automargin),
    # ≈ 40 px of a phone-wide plot
    base = dict(
        template=TEMPLATE_NAME,
        title=title(title_text),
        xaxis=dict(title=dict(text=wrap(xaxis_title, AXIS_TITLE_CHARS))) if xaxis_title else {},
        yaxis=dict(title=dict(text=yaxis_title)) if yaxis_title else {},
        height=height,
        legend=legend(**layout.pop("legend", {})),
    )
    base.update(layout)
    return base


def figure(
    title: str = "", xaxis_title: str = "", yaxis_title: str = "", height: int = 380, **layout: Any
) -> go.Figure:
    """Return a static ``go.Figure`` in the course style (stored as JSON by nbval, deterministic).

    ``title`` is wrapped to :data:`TITLE_CHARS` and ``xaxis_title`` to :data:`AXIS_TITLE_CHARS` characters a
    line; a ``legend`` given in ``layout`` changes single settings of :func:`legend`.
    """
    return go.Figure(layout=_layout(title, xaxis_title, yaxis_title, height, **layout))


def normal_band(fig: go.Figure, lo: float, hi: float, axis: str = "x", label: str = "normal range") -> None:
    """Shade the normal (clinical reference) range ``[lo, hi]`` on a figure's x or y axis, ``label`` at its top
    left (in lines of at most 12 characters: a narrow band leaves little room beside it)."""
    kwargs = dict(fillcolor=NORMAL_BAND, line_width=0, layer="below")
    label = wrap(label, 12)
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
