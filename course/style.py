"""The course's single plotting style: Okabe–Ito palette and one plotly template.

Every figure in the course is built through :func:`figure` (a static ``go.Figure``; the explorers wrap
theirs in ``go.FigureWidget``, see :mod:`course.ui._common`), so all plots share
fonts, margins and the colour-blind-safe Okabe–Ito palette
(Okabe & Ito 2008, "Color Universal Design"). Colour is never the only carrier
of meaning: traces also differ by dash pattern or marker symbol
(:data:`DASHES`, :data:`SYMBOLS`), and every figure has a one-sentence text
alternative shown beside it.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

import plotly.graph_objects as go
import plotly.io as pio

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


def _layout(title: str, xaxis_title: str, yaxis_title: str, height: int, **layout: Any) -> dict:
    base = dict(
        template=TEMPLATE_NAME,
        title=dict(text=title),
        xaxis=dict(title=dict(text=xaxis_title)),
        yaxis=dict(title=dict(text=yaxis_title)),
        height=height,
    )
    base.update(layout)
    return base


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
