"""Figures of the self-check (notebook 07): which way each criterion of an assessment points.

:func:`criteria_figure` is the form's plot (one case; :class:`course.ui.selfcheck.SelfCheck` redraws it
from :func:`criteria_points`), :func:`criteria_grid` the static grid of several worked cases. Direction
is carried by the marker's shape and position as well as its colour (:data:`DIRECTION_STYLE`), and each
figure has a one-sentence text alternative (:func:`criteria_words`, :func:`criteria_grid_text`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

import numpy as np
import plotly.graph_objects as go

from course import style
from course.selfcheck import CRITERIA, TIER_ICONS, Assessment

__all__ = [
    "DIRECTION_STYLE", "CRITERIA_TRACES", "CriteriaPoints", "criteria_points", "criteria_figure", "criteria_words",
    "criteria_grid", "criteria_grid_text",
]

_OI = style.OKABE_ITO
_BLACK = _OI["black"]

#: How each direction is drawn: (icon, word, colour, plot x position, marker symbol). The x position is
#: dimensionless: −1 toward a problem, 0 no clear lean, +1 toward a recovering strain.
DIRECTION_STYLE: Mapping[str, tuple[str, str, str, float, str]] = MappingProxyType({
    "healing": ("✔", "toward a recovering strain", _OI["bluish_green"], 1.0, "triangle-right"),
    "neutral": ("●", "no clear lean", _OI["black"], 0.0, "circle"),
    "problem": ("▲", "toward a problem", _OI["vermillion"], -1.0, "triangle-left"),
})

#: Short tier names for the grid's row ends (people see words, never engine codes).
_SHORT_TIER: Mapping[str, str] = MappingProxyType({
    "emergency_now": "emergency now", "urgent_today": "doctor today", "see_soon": "within a week",
    "routine": "watch", "self_care": "self-care",
})

#: Tick labels of the form's x axis, left to right: direction → label.
_AXIS_TICKS: Mapping[str, str] = MappingProxyType({"problem": "problem", "neutral": "neutral", "healing": "recovering"})

#: Trace order of :func:`criteria_figure` (the form redraws its one trace).
CRITERIA_TRACES = ("criteria",)


@dataclass(frozen=True, eq=False)
class CriteriaPoints:
    """The markers of :func:`criteria_figure`, one per criterion (arrays of equal length).

    ``x`` is the direction's position (−1, 0 or +1, dimensionless), ``y`` the criterion's name,
    ``text`` the direction in words, ``hovertext`` criterion, answer and what it points to,
    ``colour`` and ``symbol`` the marker's Okabe–Ito colour and shape.
    """

    x: np.ndarray
    y: np.ndarray
    text: np.ndarray
    hovertext: np.ndarray
    colour: np.ndarray
    symbol: np.ndarray


def _strings(items: list[str]) -> np.ndarray:
    return np.array(items, dtype=object)


def criteria_points(assessment: Assessment | None) -> CriteriaPoints:
    """The markers for one assessment (no markers for ``None``: nothing checked yet)."""
    reasons = assessment.reasons if assessment is not None else ()
    styles = [DIRECTION_STYLE[r.direction] for r in reasons]
    return CriteriaPoints(
        x=np.array([s[3] for s in styles], dtype=float),
        y=_strings([r.criterion for r in reasons]),
        text=_strings([s[1] for s in styles]),
        hovertext=_strings([f"{r.criterion}: {r.answer} → {r.points_to}" for r in reasons]),
        colour=_strings([s[2] for s in styles]),
        symbol=_strings([s[4] for s in styles]),
    )


def criteria_figure(points: CriteriaPoints) -> go.Figure:
    """Which way each criterion points for one case: criteria down the y axis, direction along x.

    The direction is read from the marker's column (its tick label names it), shape and colour; the words of each
    marker (``text``) show on hover only: written beside the markers they ran past a phone-wide plot's edge.
    """
    fig = style.figure("Which way each criterion points", "", "", height=420, showlegend=False,
                       margin=dict(style.MARGIN, r=10))
    fig.update_xaxes(
        range=[-1.8, 1.8], tickvals=[DIRECTION_STYLE[d][3] for d in _AXIS_TICKS], ticktext=list(_AXIS_TICKS.values()),
    )
    # every criterion labelled (dtick=1: plotly labels only every other one when the rows are under ≈ 40 px)
    fig.update_yaxes(categoryorder="array", categoryarray=list(CRITERIA[::-1]), type="category", dtick=1,
                     tickfont_size=12)
    fig.add_scatter(
        x=points.x, y=points.y, text=points.text, hovertext=points.hovertext, mode="markers",
        hoverinfo="text", cliponaxis=False, name=CRITERIA_TRACES[0],
        marker=dict(size=16, color=points.colour, symbol=points.symbol, line=dict(width=1, color=_BLACK)),
    )
    return fig


def criteria_words(assessment: Assessment) -> str:
    """The one-sentence text alternative of :func:`criteria_figure` for ``assessment``."""
    counts = {d: sum(r.direction == d for r in assessment.reasons) for d in DIRECTION_STYLE}
    problems = [r.criterion for r in assessment.reasons if r.direction == "problem"]
    tail = f" ({', '.join(problems)})" if problems else ""
    return (
        f"Urgency: {assessment.tier_label.lower()}. {counts['healing']} of "
        f"{len(assessment.reasons)} criteria point toward a recovering strain, {counts['neutral']} show no clear "
        f"lean and {counts['problem']} point toward a problem{tail}; {len(assessment.red_flags)} red flag(s)."
    )


def criteria_grid(assessments: Mapping[str, Assessment], title: str = "Which way each criterion points") -> go.Figure:
    """A static grid: one column per case, one row per criterion, a symbol per direction.

    Direction is carried by the marker shape (▶ recovering strain, ● no clear lean, ◀ problem) as well
    as its colour. Each column's label names the case and its urgency tier. Cases run across and the 13
    criteria down, so a phone-wide plot still has room for every column (the columns' labels turn upright).
    """
    names = list(assessments)
    labels = [f"{n} ({TIER_ICONS[assessments[n].urgency]} {_SHORT_TIER[assessments[n].urgency]})" for n in names]
    # 12 px labels and a narrow right margin: in a 274 px figure the criteria's names leave ≈ 20 px a column
    fig = style.figure(title, "", "", height=680, showlegend=True, margin=dict(style.MARGIN, r=10))
    for direction, (_icon, word, colour, _x, symbol) in DIRECTION_STYLE.items():
        pairs = [(n, r.criterion) for n in names for r in assessments[n].reasons if r.direction == direction]
        fig.add_scatter(
            x=[p[0] for p in pairs], y=[p[1] for p in pairs], mode="markers", name=word,
            marker=dict(symbol=symbol, size=15, color=colour, line=dict(width=1, color=_BLACK)),
        )
    fig.update_xaxes(type="category", categoryorder="array", categoryarray=names, tickvals=names, ticktext=labels,
                     tickfont_size=12)
    fig.update_yaxes(type="category", categoryorder="array", categoryarray=list(CRITERIA[::-1]), dtick=1,
                     tickfont_size=12)
    return fig


def criteria_grid_text(assessments: Mapping[str, Assessment]) -> str:
    """The one-sentence text alternative of :func:`criteria_grid`."""
    parts = []
    for name, a in assessments.items():
        n_problem = sum(r.direction == "problem" for r in a.reasons)
        n_healing = sum(r.direction == "healing" for r in a.reasons)
        parts.append(f"{name}: {n_healing} toward a recovering strain, {n_problem} toward a problem, "
                     f"{len(a.red_flags)} red flag(s), urgency: {a.tier_label.lower()}")
    return "Criteria per case — " + "; ".join(parts) + "."
