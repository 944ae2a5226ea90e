"""Figures of the healing topic (notebook 05): the healing explorer's phase, rate, diary and weekly plots, and
the notebook's static phase, scenario and dehydration-claim figures. All numbers come from :mod:`course.healing`
(a teaching model of the source article's hypothesis, not data); times are days since the injury (or onset),
rates spasms per day.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import lru_cache
from types import MappingProxyType

import numpy as np
import plotly.graph_objects as go

from course import healing as hm
from course import style

__all__ = [
    "DEFAULT_DAYS",
    "GRID_PER_DAY",
    "PHASE_LETTERS",
    "PHASE_TRACES",
    "BAND_TRACES",
    "RATE_TRACES",
    "DIARY_TRACES",
    "WEEKLY_TRACES",
    "A_COLOUR",
    "B_COLOUR",
    "day_grid",
    "phase_peak_days",
    "phase_weights_figure",
    "rate_figure",
    "diary_figure",
    "weekly_figure",
    "phase_figure",
    "scenarios_figure",
    "dehydration_claim_figure",
]

#: Days shown by default (the explorer's days slider and the static figures): six weeks.
DEFAULT_DAYS = 42
#: Points per day on the plotted curves (≤ 337 points per trace at 84 days; index ``GRID_PER_DAY`` is day 1).
GRID_PER_DAY = 4
#: One-letter label of each phase, printed on the phase bands (colour is not the only carrier).
PHASE_LETTERS: Mapping[str, str] = MappingProxyType({"inflammation": "I", "proliferation": "P", "remodeling": "R"})
#: Trace order of :func:`phase_weights_figure` (one weight curve per phase).
PHASE_TRACES: tuple[str, ...] = tuple(hm.PHASES)
#: The phase-band traces of :func:`rate_figure` (one filled rectangle per phase, in phase order).
BAND_TRACES: tuple[str, ...] = tuple(f"band_{name}" for name in hm.PHASES)
#: Trace order of :func:`rate_figure`: the phase bands, the baseline, the two scenarios, the phase
#: letters and scenario A's evidence curve (shown beside the article's dehydration claim).
RATE_TRACES: tuple[str, ...] = (*BAND_TRACES, "baseline", "a", "b", "letters", "evidence")
#: Trace order of :func:`diary_figure`.
DIARY_TRACES = ("a", "b")
#: Trace order of :func:`weekly_figure`: expected bars of A and B, then the diary markers of A and B.
WEEKLY_TRACES = ("a_expected", "b_expected", "a_diary", "b_diary")

#: Colours of the adjusted scenario (A) and the comparison scenario (B).
A_COLOUR = style.OKABE_ITO["blue"]
B_COLOUR = style.OKABE_ITO["vermillion"]
_BASELINE_LINE = dict(color=style.OKABE_ITO["black"], dash="dot", width=1.5)
#: Opacity of each phase band on the rate plot (the phase colours, faint).
_BAND_ALPHA = MappingProxyType({"inflammation": 0.10, "proliferation": 0.12, "remodeling": 0.08})


def _translucent(hex_colour: str, alpha: float) -> str:
    """``"#D55E00"`` → ``"rgba(213, 94, 0, alpha)"``."""
    r, g, b = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgba({r}, {g}, {b}, {alpha:.2f})"


@lru_cache(maxsize=16)
def day_grid(days: int) -> np.ndarray:
    """The plotting grid 0 … ``days`` (d), :data:`GRID_PER_DAY` points per day (read-only, one array per length)."""
    t = np.linspace(0.0, float(days), int(days) * GRID_PER_DAY + 1)
    t.flags.writeable = False
    return t


def phase_peak_days(severity: str) -> tuple[float, ...]:
    """Peak day (d) of each phase of :data:`course.healing.PHASES` for a ``severity`` strain.

    Inflammation peaks on the same day for every grade (it starts within hours); the later phases are
    stretched by the grade's mean ``time_scale``.
    """
    scale = hm.SEVERITIES[severity].time_scale
    return tuple(phase.peak_day * (1.0 if name == "inflammation" else scale) for name, phase in hm.PHASES.items())


def _phase_lines(fig: go.Figure, t: np.ndarray, weights: Sequence[np.ndarray]) -> None:
    """One line per phase (its colour and dash), weights (0–1) against ``t`` (d)."""
    for i, (name, w) in enumerate(zip(hm.PHASES, weights, strict=True)):
        fig.add_scatter(
            x=t, y=w, mode="lines", name=hm.PHASES[name].title,
            line=dict(color=style.PHASE_COLORS[name], dash=style.DASHES[i], width=2.5),
        )


# ----------------------------------------------------------------------------------------------
# The explorer's figures (drawn for its first view; the explorer then moves the traces)
# ----------------------------------------------------------------------------------------------
def phase_weights_figure(t: np.ndarray, weights: Sequence[np.ndarray]) -> go.Figure:
    """Weight (0–1, peak = 1) of each repair phase against ``t`` (days since injury). Traces: :data:`PHASE_TRACES`."""
    fig = style.figure(
        "Repair phases (weight, peak = 1)", "days since injury", "phase weight",
        height=300, showlegend=True, yaxis_range=[0.0, style.Y_HEADROOM],
    )
    _phase_lines(fig, t, weights)
    return fig


def rate_figure(
    t: np.ndarray,
    rates: tuple[np.ndarray, np.ndarray, np.ndarray],
    names: tuple[str, str],
    bands_x: Sequence[np.ndarray],
    band_y: np.ndarray,
    letters: tuple[np.ndarray, np.ndarray, Sequence[str]],
    span: np.ndarray,
    y_max: float,
    show_evidence: bool,
) -> go.Figure:
    """Expected spasms per day on ``t`` (d) of scenario A, scenario B and A's evidence curve (``rates``;
    the last shown only if ``show_evidence``), with the phase bands (rectangles ``bands_x`` × ``band_y``,
    labelled by ``letters`` = (x, y, text)), the baseline over ``span`` = (first, last day) and the y axis
    0 … ``y_max`` spasms/day. Traces in the order :data:`RATE_TRACES`."""
    fig = style.figure(
        "Expected spasms per day (a model, not data)", "days since injury / onset", "spasms per day",
        height=340, showlegend=True,
        xaxis_range=list(span), yaxis_range=[0.0, y_max],
    )
    for name, x in zip(hm.PHASES, bands_x, strict=True):
        fig.add_scatter(
            x=x, y=band_y, mode="lines", fill="toself", line=dict(width=0), hoverinfo="skip", showlegend=False,
            fillcolor=_translucent(style.PHASE_COLORS[name], _BAND_ALPHA[name]),
            name=f"{hm.PHASES[name].title} dominant",
        )
    fig.add_scatter(
        x=span, y=np.full(2, hm.BASELINE_PER_DAY), mode="lines", name="baseline (no cause)", line=_BASELINE_LINE
    )
    rate_a, rate_b, evidence = rates
    fig.add_scatter(x=t, y=rate_a, mode="lines", name=names[0], line=dict(color=A_COLOUR, width=3))
    fig.add_scatter(x=t, y=rate_b, mode="lines", name=names[1], line=dict(color=B_COLOUR, dash="dash", width=3))
    fig.add_scatter(
        x=letters[0], y=letters[1], text=list(letters[2]), mode="text", showlegend=False,
        textfont=dict(size=13, color="#444444"), hoverinfo="skip",
    )
    fig.add_scatter(
        x=t, y=evidence, mode="lines", name="A, evidence: deficit has no effect",
        line=dict(color=style.OKABE_ITO["black"], dash="longdash", width=2), visible=show_evidence,
    )
    return fig


def diary_figure(
    diaries: tuple[tuple[np.ndarray, np.ndarray], tuple[np.ndarray, np.ndarray]], names: tuple[str, str],
    span: np.ndarray,
) -> go.Figure:
    """Simulated diaries of A and B: each spasm's (day (d), intensity 0–10) in ``diaries``, the x axis over
    ``span`` = (first, last day). Traces in the order :data:`DIARY_TRACES`."""
    fig = style.figure(
        "Simulated spasm diary (one virtual patient each)", "day", "intensity (0–10)", height=300,
        showlegend=True, yaxis_range=[-0.3, 10.3], xaxis_range=list(span),
    )
    markers = (
        dict(color=A_COLOUR, symbol="circle", size=7, opacity=0.8),
        dict(color=B_COLOUR, symbol="square-open", size=7, line=dict(width=1.5)),
    )
    for (day, intensity), name, marker in zip(diaries, names, markers, strict=True):
        fig.add_scatter(x=day, y=intensity, mode="markers", name=name, marker=marker)
    return fig


def weekly_figure(
    x: Sequence[np.ndarray], y: Sequence[np.ndarray], names: Sequence[str]
) -> go.Figure:
    """Spasms per week: expected bars of A and B, then the diary counts of A and B as markers; ``x`` (week
    numbers), ``y`` (spasms/week) and ``names`` per trace, in the order :data:`WEEKLY_TRACES`."""
    fig = style.figure(
        "Spasms per week: expected (bars) and in the diary (markers)", "week", "spasms per week", height=320,
        xaxis_dtick=1,  # whole weeks: no "week 1.5" tick
        showlegend=True, barmode="group",
    )
    fig.add_bar(x=x[0], y=y[0], name=names[0], marker=dict(color=A_COLOUR))
    fig.add_bar(x=x[1], y=y[1], name=names[1], marker=dict(color=B_COLOUR, pattern=dict(shape="/", fgcolor="#ffffff")))
    for i, symbol in ((2, "diamond"), (3, "x")):
        fig.add_scatter(
            x=x[i], y=y[i], mode="markers", name=names[i],
            marker=dict(color=style.OKABE_ITO["black"], symbol=symbol, size=10),
        )
    return fig


# ----------------------------------------------------------------------------------------------
# Static figures for the notebook (plain go.Figure: stored as plotly JSON, deterministic)
# ----------------------------------------------------------------------------------------------
def phase_figure(severity: str = "moderate", days: int = DEFAULT_DAYS) -> tuple[go.Figure, str]:
    """Phase weights (0–1) and the spasm-proneness (× uninjured) the article's hypothesis gives them over
    ``days`` (d) after a ``severity`` strain; returns (figure, text alternative)."""
    t = day_grid(days)
    w = hm.phase_weights(t, severity)
    s = hm.sensitivity(t, severity)
    fig = style.figure(
        f"Repair phases ({severity} strain) and the article's hypothesised spasm-proneness",
        "days since injury", "phase weight<br>(peak = 1)", height=380, showlegend=True,
        yaxis_range=[0.0, style.Y_HEADROOM],
        yaxis2=dict(title=dict(text="sensitivity (× uninjured)"), overlaying="y", side="right", showgrid=False,
                    automargin=True),
    )
    _phase_lines(fig, t, tuple(w.values()))
    fig.add_scatter(
        x=t, y=s, mode="lines", name="hypothesised S(t) (right axis)", yaxis="y2",
        line=dict(color=style.OKABE_ITO["black"], width=2, dash="longdash"),
    )
    peak_i, peak_p, peak_r = phase_peak_days(severity)
    text = (
        f"Inflammation peaks on day {peak_i:.1f}, proliferation on day {peak_p:.1f} and remodeling on day "
        f"{peak_r:.1f}; the hypothesised spasm-proneness peaks at about {hm.approx(s.max())}× on day "
        f"{float(t[np.argmax(s)]):.1f} and is down to about {hm.approx(s[-1], 2)}× on day {days} "
        "(invented weights: the shape, not the numbers, is the hypothesis)."
    )
    return fig, text


def scenarios_figure(
    days: int = DEFAULT_DAYS, severity: str = "moderate", dehydration_hypothesis: bool = False
) -> tuple[go.Figure, str]:
    """Expected spasm rate (spasms/day) of every scenario over ``days`` (d; the article's dehydration
    hypothesis off by default); returns (figure, text alternative)."""
    t = day_grid(days)
    fig = style.figure(
        "Expected spasms per day in the six scenarios (a model, not data)"
        + (" — with the article's dehydration hypothesis" if dehydration_hypothesis else ""),
        "days since injury / onset", "spasms per day", height=420, showlegend=True,
    )
    fig.add_scatter(
        x=t[[0, -1]], y=np.full(2, hm.BASELINE_PER_DAY), mode="lines", name="baseline (no cause)",
        line=_BASELINE_LINE,
    )
    parts = []
    for i, (key, sc) in enumerate(hm.SCENARIOS.items()):
        r = hm.spasm_rate(t, key, severity=severity, dehydration_hypothesis=dehydration_hypothesis)
        fig.add_scatter(
            x=t, y=r, mode="lines+markers", name=sc.title,
            line=dict(color=style.COLORWAY[i], dash=style.DASHES[i], width=2.5),
            marker=dict(symbol=style.SYMBOLS[i], size=7, maxdisplayed=12),
        )
        parts.append(f"{sc.title.lower()} {r[GRID_PER_DAY]:.1f} → {r[-1]:.1f}")
    text = f"Rate on day 1 → day {days} (spasms/day): " + "; ".join(parts) + "."
    return fig, text


def dehydration_claim_figure(
    days: int = DEFAULT_DAYS, deficit_pct: float = hm.SCENARIOS["dehydration"].modifiers.fluid_deficit_pct
) -> tuple[go.Figure, str]:
    """The dehydration scenario's expected rate (spasms/day) by the article's hypothesis and by the evidence,
    side by side, over ``days`` (d) at a fluid deficit of ``deficit_pct`` (% body mass; default the
    scenario's own); returns (figure, text alternative)."""
    t = day_grid(days)
    claim = hm.spasm_rate(t, "dehydration", fluid_deficit_pct=deficit_pct, dehydration_hypothesis=True)
    evidence = hm.spasm_rate(t, "dehydration", fluid_deficit_pct=deficit_pct)
    fig = style.figure(
        f"A {deficit_pct:g} % fluid deficit: the article's claim beside the evidence (model)",
        "days since the deficit began", "spasms per day", height=340, showlegend=True,
        yaxis_range=[0.0, 1.15 * float(claim.max())],
    )
    fig.add_scatter(
        x=t, y=claim, mode="lines", line=dict(color=B_COLOUR, dash="dash", width=3),
        name=f"article's hypothesis<br>(1 + {hm.DEHYDRATION_GAIN_PER_PCT:g} per % deficit)",
    )
    fig.add_scatter(
        x=t, y=evidence, mode="lines", line=dict(color=A_COLOUR, width=3),
        name="evidence: deficit alone, no change<br>(Miller 2010; Lau 2019)",
    )
    ratio = float(claim[0] / evidence[0])
    text = (
        f"At a {deficit_pct:g} % deficit the article's hypothesis gives about {hm.approx(ratio, 2)}× the "
        f"background rate ({claim[0]:.1f} instead of {evidence[0]:.1f} spasms/day) on every day; with the "
        "evidence the deficit alone adds nothing and the curve stays on the background."
    )
    return fig, text
