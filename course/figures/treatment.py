"""Figures of the treatment topic (notebook 06): the treatment explorer's rate and weekly plots, and the
notebook's static heat-versus-cold and matching-treatment figures. All numbers come from :mod:`course.healing`
(a teaching model, not data); times are days since the injury (or onset), rates spasms per day."""

from __future__ import annotations

from typing import Any

import numpy as np
import plotly.graph_objects as go

from course import healing as hm
from course import style

__all__ = [
    "HORIZON_DAYS",
    "RATE_TRACES",
    "WEEKLY_TRACES",
    "rate_figure",
    "weekly_figure",
    "heat_cold_figure",
    "matching_treatment_figure",
]

#: Comparison horizon (days): six weeks.
HORIZON_DAYS = 42
#: Trace order of :func:`rate_figure` (the explorer moves the curves and the two start lines).
RATE_TRACES = ("without", "with", "baseline", "start", "heat_start")
#: Trace order of :func:`weekly_figure`.
WEEKLY_TRACES = ("without", "with")

_WITH = style.OKABE_ITO["bluish_green"]
_WITHOUT = style.OKABE_ITO["vermillion"]
_WITHOUT_BARS = dict(color=_WITHOUT, pattern=dict(shape="/", fgcolor="#ffffff"))
_BASELINE_LINE = dict(color=style.OKABE_ITO["black"], dash="dot", width=1.5)
#: Points per day of :func:`heat_cold_figure`'s curves (so index ``_HEAT_COLD_PER_DAY`` is day 1).
_HEAT_COLD_PER_DAY = 12


def _acute_band(fig: go.Figure) -> None:
    """Shade the first 48 hours (``0 … ACUTE_PHASE_DAYS`` days) of the article's heat/cold rule."""
    fig.add_vrect(
        x0=0.0, x1=hm.ACUTE_PHASE_DAYS, fillcolor="rgba(213, 94, 0, 0.10)", line_width=0, layer="below",
        annotation_text="first 48 h", annotation_position="top left",
    )


def rate_figure(
    days: np.ndarray, rate_without: np.ndarray, rate_with: np.ndarray, start_day: float, heat_start_day: float,
    show_heat: bool, y_max: float,
) -> go.Figure:
    """Expected spasms per day on ``days`` (d) without and with the chosen treatments (the gap shaded), the
    baseline rate, and vertical lines (0 … ``y_max`` spasms/day) where the treatments and heat start (d);
    the heat line only if ``show_heat``. Traces in the order :data:`RATE_TRACES`."""
    x_range = np.array([days[0], days[-1]], dtype=float)
    fig = style.figure(
        "Expected spasms per day (a model)", "days since injury / onset",
        "spasms<br>per day", height=360, showlegend=True, yaxis_nticks=4,
        xaxis_range=x_range.tolist(), yaxis_range=[0.0, y_max],
    )
    _acute_band(fig)
    fig.add_scatter(
        x=days, y=rate_without, mode="lines", name="without treatment", line=dict(color=_WITHOUT, dash="dash", width=3),
    )
    fig.add_scatter(
        x=days, y=rate_with, mode="lines", name="with treatment", fill="tonexty",
        fillcolor="rgba(0, 158, 115, 0.15)", line=dict(color=_WITH, width=3),
    )
    fig.add_scatter(
        x=x_range, y=np.full(2, hm.BASELINE_PER_DAY), mode="lines", name="baseline", line=_BASELINE_LINE,
    )
    fig.add_scatter(
        x=np.array([start_day, start_day]), y=np.array([0.0, y_max]), mode="lines", name="treatments start",
        line=dict(color=style.OKABE_ITO["black"], dash="longdash", width=1),
    )
    fig.add_scatter(
        x=np.array([heat_start_day, heat_start_day]), y=np.array([0.0, y_max]), mode="lines", name="heat starts",
        line=dict(color=style.OKABE_ITO["orange"], dash="dashdot", width=1.5), visible=show_heat,
    )
    return fig


def weekly_figure(weekly_without: np.ndarray, weekly_with: np.ndarray) -> go.Figure:
    """Expected spasms per week (weeks 1, 2, …) without and with the chosen treatments, as grouped bars.
    Traces in the order :data:`WEEKLY_TRACES`."""
    weeks = np.arange(1, len(weekly_without) + 1)
    fig = style.figure(
        "Expected spasms per week", "week", "spasms<br>per week", height=300, showlegend=True, barmode="group",
        xaxis_dtick=1,  # whole weeks: no "week 1.5" tick
    )
    fig.add_bar(x=weeks, y=weekly_without, name="without treatment", marker=_WITHOUT_BARS)
    fig.add_bar(x=weeks, y=weekly_with, name="with treatment", marker=dict(color=_WITH))
    return fig


def heat_cold_figure(days: int = 10) -> tuple[go.Figure, str]:
    """Spasm rate (spasms/day) over the first ``days`` (d) of a moderate strain with no treatment, cold from
    day 0, heat from day 0 and heat after the acute phase; returns (figure, text alternative)."""
    t = np.linspace(0.0, float(days), _HEAT_COLD_PER_DAY * days + 1)
    late = hm.ACUTE_PHASE_DAYS
    cases: tuple[tuple[str, dict[str, Any], str, str], ...] = (
        ("no treatment", {}, _WITHOUT, "dash"),
        ("cold from day 0", {"treatments": ("cold",)}, style.OKABE_ITO["sky_blue"], "solid"),
        ("heat from day 0 (not recommended)", {"treatments": ("heat",)}, style.OKABE_ITO["orange"], "dot"),
        (f"heat from day {late:g}", {"treatments": ("heat",), "heat_start_day": late}, _WITH, "dashdot"),
    )
    fig = style.figure(
        "Heat or cold in the first days after a moderate strain (model)", "days since injury", "spasms per day",
        height=380, showlegend=True,
    )
    _acute_band(fig)
    at_day1 = []
    for name, mods, colour, dash in cases:
        r = hm.spasm_rate(t, "healing", **mods)
        fig.add_scatter(x=t, y=r, mode="lines", name=name, line=dict(color=colour, dash=dash, width=2.5))
        at_day1.append(f"{name} {r[_HEAT_COLD_PER_DAY]:.1f}")
    return fig, "Spasms per day on day 1: " + "; ".join(at_day1) + "."


def matching_treatment_figure(days: int = HORIZON_DAYS, dehydration_hypothesis: bool = False) -> tuple[go.Figure, str]:
    """Expected spasms over ``days`` (d) per scenario without and with its matching treatment (from day 0, heat
    after the acute phase; the article's dehydration hypothesis off by default); returns (figure, text)."""
    claim = {"dehydration_hypothesis": dehydration_hypothesis}
    titles = [sc.title for sc in hm.SCENARIOS.values()]
    without = [float(hm.expected_daily(key, days, **claim).sum()) for key in hm.SCENARIOS]
    with_t = [
        float(
            hm.expected_daily(
                key, days, treatments=sc.matching_treatments, heat_start_day=hm.ACUTE_PHASE_DAYS, **claim
            ).sum()
        )
        for key, sc in hm.SCENARIOS.items()
    ]
    fig = style.figure(
        f"Expected spasms over {days} days: without and with the treatment that matches the cause", "",
        f"spasms in {days} days", height=400, showlegend=True, barmode="group", xaxis_dtick=1,
    )
    for values, name, marker in (
        (without, "without treatment", _WITHOUT_BARS), (with_t, "with the matching treatment", dict(color=_WITH)),
    ):
        fig.add_bar(  # the causes' names in short lines: upright on a phone, they take less of the height
            x=[style.wrap(t, 16) for t in titles], y=np.array(values), name=name, marker=marker,
            text=[f"{v:.0f}" for v in values], textposition="outside",
        )
    baseline = days * hm.BASELINE_PER_DAY
    # the baseline is a line across the bars, named in the legend (a label on the line ran into the bars' numbers)
    fig.add_hline(y=baseline, line=_BASELINE_LINE)
    fig.add_scatter(x=[None], y=[None], mode="lines", line=_BASELINE_LINE, name=f"baseline alone ({baseline:.0f})")
    text = (
        "Without → with matching treatment: "
        + "; ".join(f"{t.lower()} {a:.0f} → {b:.0f}" for t, a, b in zip(titles, without, with_t, strict=True))
        + f" (baseline alone {baseline:.0f})."
    )
    return fig, text
