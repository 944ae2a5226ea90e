"""Treatment explorer (notebook 05): treatment toggles acting on the notebook-04 model.

Shows the expected spasm rate with and without the chosen treatments, the weekly counts, the number
of spasms avoided over six weeks and phase-aware advice with the evidence behind each rule (heat in
the first 48 h is always flagged). A check box switches on the source article's dehydration
hypothesis; the summary then gives the numbers with and without it. All numbers come from
:mod:`course.healing` (a teaching model, not data).
"""

from __future__ import annotations

import html

import ipywidgets as widgets
import numpy as np
import plotly.graph_objects as go

from course import healing as hm
from course import style
from course.ui._common import CONTROL_WIDTH, LABEL_WIDTH, Explorer, alt_text, set_alt_text, unit_slider
from course.ui.healing import hypothesis_checkbox, hypothesis_note

__all__ = [
    "treatment_explorer",
    "heat_cold_figure",
    "matching_treatment_figure",
    "HORIZON_DAYS",
    "ADVICE_ICONS",
]

#: Comparison horizon (days): six weeks.
HORIZON_DAYS = 42
#: Icon and word per advice level (colour only supports them).
ADVICE_ICONS: dict[str, tuple[str, str, str]] = {
    "warning": ("⚠", "Warning", "#9c3d00"),
    "caution": ("◆", "Note", "#7a5a00"),
    "ok": ("✔", "Fine", "#005a41"),
    "info": ("ℹ", "Info", "#1f4e79"),
}
_GRID_PER_DAY = 6
_WITH = style.OKABE_ITO["bluish_green"]
_WITHOUT = style.OKABE_ITO["vermillion"]


def _titles(names: tuple[str, ...]) -> str:
    return ", ".join(hm.TREATMENTS[t].title.lower() for t in names) or "none of the five"


def _advice_html(advice: tuple[hm.Advice, ...], scenario: str, day: float) -> str:
    now = hm.recommended_treatments(scenario, day)
    later_day = max(day, hm.ACUTE_PHASE_DAYS)
    later = hm.recommended_treatments(scenario, later_day)
    rec = f"from day {day:g}: {_titles(now)}"
    if later != now:
        rec += f"; from day {later_day:g}: {_titles(later)}"
    items = []
    for a in advice:
        icon, word, colour = ADVICE_ICONS[a.level]
        items.append(
            f'<li style="color:{colour}"><b>{icon} {word}:</b> '
            f'<span style="color:#222">{html.escape(a.text)}</span></li>'
        )
    if not items:
        items.append("<li>No treatment chosen yet: tick one or more boxes.</li>")
    return (
        '<div role="status" style="font-size:13px">'
        f"<b>Recommended for this cause</b> {html.escape(rec)}."
        f'<ul style="margin:4px 0 4px 0">{"".join(items)}</ul></div>'
    )


def treatment_explorer() -> Explorer:
    """Scenario, severity, five treatment check boxes and a start-day slider driving two figures:
    the expected spasm rate with and without the treatments (the gap shaded) and the weekly
    expected counts, plus the number of spasms avoided over six weeks and phase-aware advice.

    Controls (``explorer.controls``): ``"scenario"`` (a key of :data:`course.healing.SCENARIOS`),
    ``"severity"``, one check box per treatment (``"rest"``, ``"hydration"``, ``"cold"``, ``"heat"``,
    ``"professional"``), ``"start_day"`` (d; all treatments but heat), ``"heat_start_day"`` (d) and
    ``"dehydration_hypothesis"`` (the article's claim, default off; the summary then shows both).
    Figures: ``"rate"``, ``"weekly"``.
    ``explorer.texts`` holds ``"advice"``, ``"summary"`` and the text alternative of each figure;
    ``explorer.result`` the latest numbers (``avoided``, ``without``, ``with``, ``heat_flagged``,
    ``other_view``: the untreated total with the hypothesis switched the other way, or ``None`` when
    the scenario has no fluid deficit).
    """
    scenario = widgets.Dropdown(
        options=[(sc.title, key) for key, sc in hm.SCENARIOS.items()],
        value="healing",
        description="Cause of the spasms",
        style={"description_width": LABEL_WIDTH},
        layout=widgets.Layout(width=CONTROL_WIDTH),
    )
    severity = widgets.ToggleButtons(
        options=[("mild", "mild"), ("moderate", "moderate"), ("severe", "severe")],
        value="moderate",
        description="Injury severity",
        style={"description_width": LABEL_WIDTH, "button_width": "7em"},
    )
    boxes = {
        name: widgets.Checkbox(
            value=name in ("rest", "cold", "heat"),
            description=tr.title,
            indent=False,
            layout=widgets.Layout(width="17em"),
        )
        for name, tr in hm.TREATMENTS.items()
    }
    start = unit_slider("Treatments start on day", "days", 0.0, 14.0, 0.5, 0.0, readout_format=".1f")
    heat_start = unit_slider("Heat starts on day", "days", 0.0, 14.0, 0.5, 2.0, readout_format=".1f")
    hypothesis = hypothesis_checkbox()

    fig_rate = style.figure_widget(
        "Expected spasms per day with and without treatment (a model)",
        "days since injury / onset",
        "spasms per day",
        height=360,
        showlegend=True,
        legend=dict(orientation="h", y=-0.2),
        xaxis_range=[0.0, float(HORIZON_DAYS)],
    )
    fig_rate.add_vrect(
        x0=0.0,
        x1=hm.ACUTE_PHASE_DAYS,
        fillcolor="rgba(213, 94, 0, 0.10)",
        line_width=0,
        layer="below",
        annotation_text="first 48 h",
        annotation_position="top left",
    )
    fig_rate.add_scatter(
        x=np.zeros(2),
        y=np.zeros(2),
        mode="lines",
        name="without treatment",
        line=dict(color=_WITHOUT, dash="dash", width=3),
    )
    fig_rate.add_scatter(
        x=np.zeros(2),
        y=np.zeros(2),
        mode="lines",
        name="with the chosen treatments",
        fill="tonexty",
        fillcolor="rgba(0, 158, 115, 0.15)",
        line=dict(color=_WITH, width=3),
    )
    fig_rate.add_scatter(
        x=np.array([0.0, float(HORIZON_DAYS)]),
        y=np.full(2, hm.BASELINE_PER_DAY),
        mode="lines",
        name="baseline (no cause)",
        line=dict(color=style.OKABE_ITO["black"], dash="dot", width=1.5),
    )
    fig_rate.add_scatter(
        x=np.zeros(2),
        y=np.zeros(2),
        mode="lines",
        name="treatments start",
        line=dict(color=style.OKABE_ITO["black"], dash="longdash", width=1),
    )
    fig_rate.add_scatter(
        x=np.zeros(2),
        y=np.zeros(2),
        mode="lines",
        name="heat starts",
        line=dict(color=style.OKABE_ITO["orange"], dash="dashdot", width=1.5),
    )

    fig_week = style.figure_widget(
        "Expected spasms per week",
        "week",
        "spasms per week",
        height=300,
        showlegend=True,
        barmode="group",
        legend=dict(orientation="h", y=-0.25),
    )
    weeks = np.arange(1, HORIZON_DAYS // 7 + 1)
    fig_week.add_bar(
        x=weeks,
        y=np.zeros(weeks.size),
        name="without treatment",
        marker=dict(color=_WITHOUT, pattern=dict(shape="/", fgcolor="#ffffff")),
    )
    fig_week.add_bar(
        x=weeks, y=np.zeros(weeks.size), name="with the chosen treatments", marker=dict(color=_WITH)
    )

    advice_box = widgets.HTML()
    summary = widgets.HTML()
    words = {"rate": alt_text(), "weekly": alt_text()}
    t = np.linspace(0.0, float(HORIZON_DAYS), HORIZON_DAYS * _GRID_PER_DAY + 1)
    result: dict = {}
    # Without treatment the start days do not matter: cache that case per (cause, severity, switch).
    untreated: dict[tuple, tuple[np.ndarray, np.ndarray]] = {}
    last_range: dict[str, float] = {}

    def _untreated(key: str, sev: str, claim: bool) -> tuple[np.ndarray, np.ndarray]:
        k = (key, sev, claim)
        if k not in untreated:
            common = dict(severity=sev, dehydration_hypothesis=claim)
            untreated[k] = (hm.spasm_rate(t, key, **common), hm.expected_daily(key, HORIZON_DAYS, **common))
        return untreated[k]

    def update() -> None:
        key = str(scenario.value)
        sc = hm.SCENARIOS[key]
        sev = str(severity.value)
        day0 = float(start.value)
        day_heat = float(heat_start.value)
        chosen = tuple(name for name, box in boxes.items() if box.value)
        claim = bool(hypothesis.value)
        common = dict(severity=sev, start_day=day0, heat_start_day=day_heat, dehydration_hypothesis=claim)
        r_without, d_without = _untreated(key, sev, claim)
        if chosen:
            r_with = hm.spasm_rate(t, key, treatments=chosen, **common)
            d_with = hm.expected_daily(key, HORIZON_DAYS, treatments=chosen, **common)
        else:
            r_with, d_with = r_without, d_without
        wk_without, wk_with = hm.weekly_totals(d_without), hm.weekly_totals(d_with)
        total_without, total_with = float(d_without.sum()), float(d_with.sum())
        avoided = total_without - total_with
        ymax = 1.08 * float(max(r_without.max(), r_with.max()))
        fig_rate.plotly_update(
            restyle_data={
                "x": [t, t, np.array([day0, day0]), np.array([day_heat, day_heat])],
                "y": [r_without, r_with, np.array([0.0, ymax]), np.array([0.0, ymax])],
                "visible": [True, True, True, "heat" in chosen],  # the heat marker only when heat is chosen
            },
            relayout_data={"yaxis.range": [0.0, ymax]} if last_range.get("y") != ymax else None,
            trace_indexes=[0, 1, 3, 4],
        )
        last_range["y"] = ymax
        fig_week.plotly_restyle({"y": [wk_without, wk_with]}, [0, 1])

        advice = hm.treatment_advice(key, chosen, day0, day_heat)
        advice_box.value = _advice_html(advice, key, day0)
        flagged = any(a.level == "warning" and a.treatment == "heat" for a in advice)
        pct = 100.0 * avoided / total_without if total_without > 0 else 0.0
        verb = "avoids" if avoided >= 0 else "adds"
        when = f"treatments from day {day0:g}" + (f", heat from day {day_heat:g}" if "heat" in chosen else "")
        other = None
        view = ""
        if sc.modifiers.fluid_deficit_pct > 0.0:  # claim and evidence differ only with a fluid deficit
            other = float(_untreated(key, sev, not claim)[1].sum())
            ev, cl = (other, total_without) if claim else (total_without, other)
            view = (
                f"<br>Untreated, the evidence (a deficit alone adds nothing) gives <b>{ev:.0f}</b> spasms in "
                f"{HORIZON_DAYS} days and the article's hypothesis <b>{cl:.0f}</b>; the numbers above use "
                + ("the hypothesis." if claim else "the evidence.")
            )
        summary.value = (
            '<div role="status" style="font-size:14px">'
            f"<b>{html.escape(sc.title)}</b>, {when}: over {HORIZON_DAYS} days "
            f"<b>{total_without:.1f}</b> expected spasms without treatment, <b>{total_with:.1f}</b> with "
            f"{html.escape(_names(chosen))} → the choice {verb} <b>{abs(avoided):.1f}</b> spasms "
            f"({abs(pct):.0f} %).{view}</div>"
        )
        set_alt_text(
            words["rate"],
            f"Without treatment the rate peaks at {r_without.max():.2f} spasms/day and ends at "
            f"{r_without[-1]:.2f}/day; with {_names(chosen)} ({when}) it peaks at "
            f"{r_with.max():.2f} and ends at {r_with[-1]:.2f}/day (baseline {hm.BASELINE_PER_DAY:.2f}/day).",
        )
        set_alt_text(
            words["weekly"],
            f"Week 1: {wk_without[0]:.1f} spasms without and {wk_with[0]:.1f} with treatment; week "
            f"{wk_without.size}: {wk_without[-1]:.1f} without and {wk_with[-1]:.1f} with.",
        )
        result.update(
            {
                "avoided": avoided,
                "without": total_without,
                "with": total_with,
                "heat_flagged": flagged,
                "other_view": other,
            }
        )

    box_row = widgets.HBox(list(boxes.values()), layout=widgets.Layout(flex_flow="row wrap"))
    children = [
        scenario,
        severity,
        widgets.HTML("<b>Treatments</b> (tick any):"),
        box_row,
        start,
        heat_start,
        hypothesis,
        hypothesis_note(),
        advice_box,
        summary,
        fig_rate,
        words["rate"],
        fig_week,
        words["weekly"],
    ]
    explorer = Explorer(
        children,
        controls={
            "scenario": scenario,
            "severity": severity,
            **boxes,
            "start_day": start,
            "heat_start_day": heat_start,
            "dehydration_hypothesis": hypothesis,
        },
        figures={"rate": fig_rate, "weekly": fig_week},
        update=update,
    )
    explorer.texts = {"advice": advice_box, "summary": summary, **words}
    explorer.result = result
    return explorer


def _names(chosen: tuple[str, ...]) -> str:
    if not chosen:
        return "no treatment"
    return " + ".join(hm.TREATMENTS[c].title.lower() for c in chosen)


# ----------------------------------------------------------------------------------------------
# Static figures for the notebook (plain go.Figure: stored as plotly JSON, deterministic)
# ----------------------------------------------------------------------------------------------
def heat_cold_figure(days: int = 10) -> tuple[go.Figure, str]:
    """Healing rate over the first ``days`` with no treatment, cold from day 0, heat from day 0 and
    heat from day 2; returns (figure, text alternative)."""
    t = np.linspace(0.0, float(days), 12 * days + 1)
    cases = [
        ("no treatment", {}, _WITHOUT, "dash"),
        ("cold from day 0", {"treatments": ("cold",)}, style.OKABE_ITO["sky_blue"], "solid"),
        ("heat from day 0 (not recommended)", {"treatments": ("heat",)}, style.OKABE_ITO["orange"], "dot"),
        ("heat from day 2", {"treatments": ("heat",), "heat_start_day": 2.0}, _WITH, "dashdot"),
    ]
    fig = style.figure(
        "Heat or cold in the first days after a moderate strain (model)",
        "days since injury",
        "spasms per day",
        height=380,
        showlegend=True,
        legend=dict(orientation="h", y=-0.22),
    )
    fig.add_vrect(
        x0=0.0,
        x1=hm.ACUTE_PHASE_DAYS,
        fillcolor="rgba(213, 94, 0, 0.10)",
        line_width=0,
        layer="below",
        annotation_text="first 48 h",
        annotation_position="top left",
    )
    at_day1 = []
    for name, mods, colour, dash in cases:
        r = hm.spasm_rate(t, "healing", **mods)
        fig.add_scatter(x=t, y=r, mode="lines", name=name, line=dict(color=colour, dash=dash, width=2.5))
        at_day1.append(f"{name} {r[12]:.1f}")
    text = "Spasms per day on day 1: " + "; ".join(at_day1) + "."
    return fig, text


def matching_treatment_figure(days: int = HORIZON_DAYS, dehydration_hypothesis: bool = False) -> tuple[go.Figure, str]:
    """Expected spasms over ``days`` per scenario without and with its matching treatment (from day 0,
    heat from day 2; the article's dehydration hypothesis off by default); returns (figure, text)."""
    titles, without, with_t = [], [], []
    for key, sc in hm.SCENARIOS.items():
        titles.append(sc.title)
        claim = {"dehydration_hypothesis": dehydration_hypothesis}
        without.append(float(hm.expected_daily(key, days, **claim).sum()))
        with_t.append(
            float(
                hm.expected_daily(key, days, treatments=sc.matching_treatments, heat_start_day=2.0, **claim).sum()
            )
        )
    fig = style.figure(
        f"Expected spasms over {days} days: without and with the treatment that matches the cause",
        "",
        f"spasms in {days} days",
        height=400,
        showlegend=True,
        barmode="group",
        legend=dict(orientation="h", y=-0.3),
    )
    fig.add_bar(
        x=titles,
        y=np.array(without),
        name="without treatment",
        marker=dict(color=_WITHOUT, pattern=dict(shape="/", fgcolor="#ffffff")),
        text=[f"{v:.0f}" for v in without],
        textposition="outside",
    )
    fig.add_bar(
        x=titles,
        y=np.array(with_t),
        name="with the matching treatment",
        marker=dict(color=_WITH),
        text=[f"{v:.0f}" for v in with_t],
        textposition="outside",
    )
    fig.add_hline(
        y=days * hm.BASELINE_PER_DAY,
        line=dict(color=style.OKABE_ITO["black"], dash="dot", width=1.5),
        annotation_text="baseline alone",
        annotation_position="top right",
    )
    text = (
        "Without → with matching treatment: "
        + "; ".join(f"{t.lower()} {a:.0f} → {b:.0f}" for t, a, b in zip(titles, without, with_t, strict=True))
        + f" (baseline alone {days * hm.BASELINE_PER_DAY:.0f})."
    )
    return fig, text
