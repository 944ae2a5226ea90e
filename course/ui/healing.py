"""Healing explorer (notebook 04): repair phases, spasm rate, a simulated diary and weekly counts.

Two scenarios side by side: the one you adjust with the sliders, and a comparison scenario shown
with its own default values. A check box switches on the source article's dehydration hypothesis; the
evidence curve (a fluid deficit alone changes nothing) then stays on the plot beside it. All numbers
come from :mod:`course.healing` (a teaching model of the article's hypothesis, not data).
"""

from __future__ import annotations

import html

import ipywidgets as widgets
import numpy as np
import plotly.graph_objects as go

from course import healing as hm
from course import style
from course.ui._common import CONTROL_WIDTH, LABEL_WIDTH, Explorer, alt_text, set_alt_text, signed, unit_slider

__all__ = [
    "healing_explorer",
    "phase_figure",
    "scenarios_figure",
    "dehydration_claim_figure",
    "hypothesis_checkbox",
    "DAY_RANGE",
    "PHASE_LETTERS",
]

#: Days-shown slider (min, max, step, default), whole weeks.
DAY_RANGE = (14, 84, 7, 42)
#: One-letter label of each phase, printed on the phase bands (colour is not the only carrier).
PHASE_LETTERS = {"inflammation": "I", "proliferation": "P", "remodeling": "R"}

_NORMAL_CA = (1.1, 1.3)
_NORMAL_MG = (0.7, 1.0)
_PHASE_FILL = {
    "inflammation": "rgba(213, 94, 0, 0.10)",
    "proliferation": "rgba(230, 159, 0, 0.12)",
    "remodeling": "rgba(0, 114, 178, 0.08)",
}
_A_COLOUR = style.OKABE_ITO["blue"]
_B_COLOUR = style.OKABE_ITO["vermillion"]
_GRID_PER_DAY = 4  # points per day on the plotted curves (≤ 337 points per trace)


def _options() -> list[tuple[str, str]]:
    return [(sc.title, key) for key, sc in hm.SCENARIOS.items()]


def _dropdown(description: str, value: str) -> widgets.Dropdown:
    return widgets.Dropdown(
        options=_options(),
        value=value,
        description=description,
        style={"description_width": LABEL_WIDTH},
        layout=widgets.Layout(width=CONTROL_WIDTH),
    )


#: Accessible description of the hypothesis check box (its tooltip / title attribute, and shown below it).
HYPOTHESIS_NOTE = (
    "Off (default): the evidence. A fluid deficit alone did not change the cramp threshold in controlled "
    "studies (Miller et al. 2010; Lau et al. 2019), so it adds no spasms. On: the source article's claim, "
    "1 + 0.6 × deficit (about 3× at 3 % of body mass), drawn beside the evidence curve."
)


def hypothesis_checkbox() -> widgets.Checkbox:
    """The "article's hypothesis" switch shared by the healing and treatment explorers (default off)."""
    return widgets.Checkbox(
        value=False,
        description="Article's hypothesis: dehydration raises the spasm rate",
        tooltip=HYPOTHESIS_NOTE,
        indent=False,
        layout=widgets.Layout(width=CONTROL_WIDTH),
    )


def hypothesis_note() -> widgets.HTML:
    """The visible text of :data:`HYPOTHESIS_NOTE`, placed right under the check box."""
    return widgets.HTML(
        f'<p role="note" style="margin:0 0 6px 0;font-size:12px;color:#333">{html.escape(HYPOTHESIS_NOTE)}</p>'
    )


def healing_explorer() -> Explorer:
    """Scenario, comparison scenario, severity, days shown, Ca²⁺, Mg²⁺, fluid-deficit and
    article-hypothesis controls driving four figures: the phase weights, the expected spasm rate
    with phase bands, a simulated diary (day × intensity) and weekly counts, for the two scenarios
    side by side.

    Controls (``explorer.controls``): ``"scenario"``, ``"compare"`` (keys of
    :data:`course.healing.SCENARIOS`), ``"severity"``, ``"days"`` (d), ``"ca"``, ``"mg"`` (mM),
    ``"fluid_deficit_pct"`` (% body mass), ``"dehydration_hypothesis"`` (check box, default off),
    ``"seed"``. Choosing a scenario moves the three sliders to that scenario's values; the sliders
    then act on the chosen scenario only (the comparison keeps its defaults); the hypothesis switch
    acts on both. With the hypothesis on and a fluid deficit, the rate plot keeps scenario A's
    evidence curve (no dehydration effect) beside the claim. Figures: ``"phases"``, ``"rate"``,
    ``"diary"``, ``"weekly"``; ``explorer.texts`` holds the live text alternative of each figure
    and a ``"summary"``.
    """
    scenario = _dropdown("Scenario (adjust below)", "healing")
    compare = _dropdown("Compare with (its defaults)", "electrolyte_imbalance")
    severity = widgets.ToggleButtons(
        options=[("mild", "mild"), ("moderate", "moderate"), ("severe", "severe")],
        value="moderate",
        description="Injury severity",
        tooltips=[
            "MRI grade 1: return to play ≈ 17 days (Ekstrand 2012)",
            "MRI grade 2: return to play ≈ 22 days",
            "MRI grade 3: return to play ≈ 73 days",
        ],
        style={"description_width": LABEL_WIDTH, "button_width": "7em"},
    )
    lo, hi, step, default = DAY_RANGE
    days = unit_slider("Days shown", "days", lo, hi, step, default, integer=True)
    ca = unit_slider("Ionized Ca²⁺", "mM", 0.6, 1.5, 0.01, hm.NORMAL_CA_MM, normal=_NORMAL_CA)
    mg = unit_slider("Serum Mg²⁺", "mM", 0.3, 1.2, 0.01, hm.NORMAL_MG_MM, normal=_NORMAL_MG)
    deficit = unit_slider("Fluid deficit", "% body mass", 0.0, 6.0, 0.1, 0.0, readout_format=".1f")
    seed = unit_slider("Diary seed", "", 0, 99, 1, 0, integer=True)
    hypothesis = hypothesis_checkbox()

    # --- figures -------------------------------------------------------------------------------
    fig_phase = style.figure_widget(
        "Repair phases after the strain (weights, peak = 1)",
        "days since injury",
        "phase weight",
        height=300,
        showlegend=True,
        yaxis_range=[0.0, 1.08],
    )
    for i, name in enumerate(hm.PHASES):
        fig_phase.add_scatter(
            x=np.zeros(2),
            y=np.zeros(2),
            mode="lines",
            name=hm.PHASES[name].title,
            line=dict(color=style.PHASE_COLORS[name], dash=style.DASHES[i], width=2.5),
        )

    fig_rate = style.figure_widget(
        "Expected spasms per day (a model, not data)",
        "days since injury / onset",
        "spasms per day",
        height=340,
        showlegend=True,
        legend=dict(orientation="h", y=-0.2),
    )
    for name in hm.PHASES:  # three phase bands (filled rectangles)
        fig_rate.add_scatter(
            x=np.zeros(5),
            y=np.zeros(5),
            mode="lines",
            fill="toself",
            fillcolor=_PHASE_FILL[name],
            line=dict(width=0),
            name=f"{hm.PHASES[name].title} dominant",
            hoverinfo="skip",
            showlegend=False,
        )
    fig_rate.add_scatter(
        x=np.zeros(2),
        y=np.zeros(2),
        mode="lines",
        name="baseline (no cause)",
        line=dict(color=style.OKABE_ITO["black"], dash="dot", width=1.5),
    )
    fig_rate.add_scatter(
        x=np.zeros(2), y=np.zeros(2), mode="lines", name="A", line=dict(color=_A_COLOUR, width=3)
    )
    fig_rate.add_scatter(
        x=np.zeros(2),
        y=np.zeros(2),
        mode="lines",
        name="B",
        line=dict(color=_B_COLOUR, dash="dash", width=3),
    )
    fig_rate.add_scatter(  # phase letters above the bands
        x=np.zeros(3),
        y=np.zeros(3),
        mode="text",
        text=list(PHASE_LETTERS.values()),
        showlegend=False,
        textfont=dict(size=13, color="#444444"),
        hoverinfo="skip",
    )
    fig_rate.add_scatter(  # A's evidence curve, shown beside the claim when the hypothesis is on
        x=np.zeros(2),
        y=np.zeros(2),
        mode="lines",
        name="A, evidence (deficit alone: no effect)",
        line=dict(color=style.OKABE_ITO["black"], dash="longdash", width=2),
        visible=False,
    )
    i_a, i_b, i_letters, i_evidence = 4, 5, 6, 7  # traces 0–2: phase bands, 3: baseline

    fig_diary = style.figure_widget(
        "Simulated spasm diary (one virtual patient each)",
        "day",
        "intensity (0–10)",
        height=300,
        showlegend=True,
        yaxis_range=[-0.3, 10.3],
        legend=dict(orientation="h", y=-0.25),
    )
    fig_diary.add_scatter(
        x=np.zeros(0),
        y=np.zeros(0),
        mode="markers",
        name="A",
        marker=dict(color=_A_COLOUR, symbol="circle", size=7, opacity=0.8),
    )
    fig_diary.add_scatter(
        x=np.zeros(0),
        y=np.zeros(0),
        mode="markers",
        name="B",
        marker=dict(color=_B_COLOUR, symbol="square-open", size=7, line=dict(width=1.5)),
    )

    fig_week = style.figure_widget(
        "Spasms per week: expected (bars) and in the diary (markers)",
        "week",
        "spasms per week",
        height=320,
        showlegend=True,
        barmode="group",
        legend=dict(orientation="h", y=-0.25),
    )
    fig_week.add_bar(x=np.zeros(0), y=np.zeros(0), name="A expected", marker=dict(color=_A_COLOUR))
    fig_week.add_bar(
        x=np.zeros(0),
        y=np.zeros(0),
        name="B expected",
        marker=dict(color=_B_COLOUR, pattern=dict(shape="/", fgcolor="#ffffff")),
    )
    fig_week.add_scatter(
        x=np.zeros(0),
        y=np.zeros(0),
        mode="markers",
        name="A diary",
        marker=dict(color=style.OKABE_ITO["black"], symbol="diamond", size=10),
    )
    fig_week.add_scatter(
        x=np.zeros(0),
        y=np.zeros(0),
        mode="markers",
        name="B diary",
        marker=dict(color=style.OKABE_ITO["black"], symbol="x", size=10),
    )

    words = {name: alt_text() for name in ("phases", "rate", "diary", "weekly")}
    summary = widgets.HTML()

    # --- scenario → sliders sync (runs before the Explorer's own observer) -----------------------
    state: dict = {
        "syncing": False,
        "letters": None,
        "names": None,
        "b_key": None,
        "b_diary": None,
        "b_rate": None,
        "phase_key": None,
        "evidence_visible": False,
        "a_key": None,
        "a_diary": None,
        "a_rate": None,
        "rate_range": None,
        "diary_range": None,
        "shown_rates": None,
        "shown_diaries": None,
    }

    def sync_sliders(change: dict) -> None:
        mods = hm.SCENARIOS[change["new"]].modifiers
        state["syncing"] = True
        try:
            ca.value = float(np.clip(mods.ca, ca.min, ca.max))
            mg.value = float(np.clip(mods.mg, mg.min, mg.max))
            deficit.value = float(np.clip(mods.fluid_deficit_pct, deficit.min, deficit.max))
        finally:
            state["syncing"] = False

    scenario.observe(sync_sliders, names="value")

    def update() -> None:
        if state["syncing"]:
            return
        n_days = int(days.value)
        sev = str(severity.value)
        key_a, key_b = str(scenario.value), str(compare.value)
        sc_a, sc_b = hm.SCENARIOS[key_a], hm.SCENARIOS[key_b]
        claim = bool(hypothesis.value)
        fluid = float(deficit.value)
        mods_a = dict(
            severity=sev,
            ca=float(ca.value),
            mg=float(mg.value),
            fluid_deficit_pct=fluid,
            dehydration_hypothesis=claim,
        )
        mods_b = dict(severity=sev, dehydration_hypothesis=claim)
        s = int(seed.value)
        # A: a fluid deficit changes the model only under the hypothesis, so the cache key keeps the
        # deficit and the switch only when both are on (the results are identical otherwise).
        effective = (fluid, True) if claim and fluid > 0.0 else (0.0, False)
        a_rate_key = (key_a, sev, n_days, mods_a["ca"], mods_a["mg"], effective)
        if state["a_key"] != (a_rate_key, s):
            if state["a_key"] is None or state["a_key"][0] != a_rate_key:
                state["a_rate"] = None
            state["a_key"] = (a_rate_key, s)
            state["a_diary"] = hm.simulate_diary(key_a, n_days, s, **mods_a)
        diary_a = state["a_diary"]
        # B depends only on its own key, severity, days, seed and the hypothesis switch: recompute it
        # only when those change.
        b_key = (key_b, sev, n_days, s, claim and sc_b.modifiers.fluid_deficit_pct > 0.0)
        if state["b_key"] != b_key:
            state["b_key"] = b_key
            state["b_diary"] = hm.simulate_diary(key_b, n_days, s + 1000, **mods_b)
            state["b_rate"] = None
        diary_b = state["b_diary"]
        t = np.linspace(0.0, float(n_days), n_days * _GRID_PER_DAY + 1)
        if state["a_rate"] is None:
            state["a_rate"] = hm.spasm_rate(t, key_a, **mods_a)
        rate_a = state["a_rate"]
        if state["b_rate"] is None:
            state["b_rate"] = hm.spasm_rate(t, key_b, **mods_b)
        rate_b = state["b_rate"]
        show_evidence = claim and fluid > 0.0
        # the evidence curve: the same case with the hypothesis off (a deficit alone changes nothing)
        rate_ev = hm.spasm_rate(t, key_a, **{**mods_a, "dehydration_hypothesis": False}) if show_evidence else None
        base = hm.BASELINE_PER_DAY
        ymax = 1.08 * float(max(rate_a.max(), rate_b.max()))
        wk_a, wk_b = diary_a.weekly_expected(), diary_b.weekly_expected()
        obs_a, obs_b = diary_a.weekly_counts(), diary_b.weekly_counts()
        weeks = np.arange(1, wk_a.size + 1)
        b1, b2 = hm.phase_boundaries(sev)
        edges = [(0.0, min(b1, n_days)), (min(b1, n_days), min(b2, n_days)), (min(b2, n_days), float(n_days))]
        # plotly_update / plotly_restyle: a single message, no per-property validation (≈ 7× faster
        # than setting trace properties one by one; the arrays are already clean float arrays).
        if state["phase_key"] != (sev, n_days):  # the phase plot depends on severity and days only
            state["phase_key"] = (sev, n_days)
            w = hm.phase_weights(t, sev)
            fig_phase.plotly_update(restyle_data={"x": [t] * 3, "y": [w[n] for n in hm.PHASES]})
        # The frame (phase bands, baseline, letters, axes) depends on ymax, days and severity only; the
        # two rate curves on their own inputs. Send each part only when it changed (explicit trace
        # indexes: a restyle list shorter than the trace list would wrap round onto other traces).
        frame_key = (ymax, n_days, sev)
        if state["rate_range"] != frame_key:
            mids = np.array([0.5 * (x0 + x1) for x0, x1 in edges])
            band_x = [np.array([x0, x0, x1, x1, x0]) for x0, x1 in edges]
            band_y = [np.array([0.0, ymax, ymax, 0.0, 0.0])] * 3
            end = np.array([0.0, float(n_days)])
            fig_rate.plotly_update(
                restyle_data={
                    "x": [*band_x, end, mids],
                    "y": [*band_y, np.array([base, base]), np.full(3, 0.95 * ymax)],
                },
                relayout_data={"yaxis.range": [0.0, ymax], "xaxis.range": [0.0, float(n_days)]},
                trace_indexes=[0, 1, 2, 3, i_letters],
            )
            state["rate_range"] = frame_key
        shown = state["shown_rates"]  # the arrays on screen (held, so identity is a safe test)
        if shown is None or shown[0] is not rate_a or shown[1] is not rate_b:
            fig_rate.plotly_restyle({"x": [t, t], "y": [rate_a, rate_b]}, [i_a, i_b])
            state["shown_rates"] = (rate_a, rate_b)
        if show_evidence:
            fig_rate.plotly_restyle({"x": [t], "y": [rate_ev], "visible": True}, [i_evidence])
            state["evidence_visible"] = True
        elif state["evidence_visible"]:
            fig_rate.plotly_restyle({"visible": False}, [i_evidence])
            state["evidence_visible"] = False
        letters = tuple(
            PHASE_LETTERS[n] if x1 - x0 > 0.04 * n_days else ""
            for n, (x0, x1) in zip(hm.PHASES, edges, strict=True)
        )
        names = (f"A: {sc_a.title}", f"B: {sc_b.title}")
        if state["letters"] != letters:
            fig_rate.plotly_restyle({"text": [list(letters)]}, [i_letters])
            state["letters"] = letters
        if state["names"] != names:
            fig_rate.plotly_restyle({"name": list(names)}, [i_a, i_b])
            fig_diary.plotly_restyle({"name": list(names)}, [0, 1])
            fig_week.plotly_restyle(
                {"name": [f"{names[0]} (expected)", f"{names[1]} (expected)", "A diary", "B diary"]},
                [0, 1, 2, 3],
            )
            state["names"] = names
        shown_diaries = state["shown_diaries"]  # held, so identity is a safe "unchanged" test
        if shown_diaries is None or shown_diaries[0] is not diary_a or shown_diaries[1] is not diary_b:
            fig_diary.plotly_update(
                restyle_data={"x": [diary_a.day, diary_b.day], "y": [diary_a.intensity, diary_b.intensity]},
                relayout_data={"xaxis.range": [0.0, float(n_days)]} if state["diary_range"] != n_days else None,
            )
            state["diary_range"] = n_days
            fig_week.plotly_restyle(
                {"x": [weeks, weeks, weeks - 0.2, weeks + 0.2], "y": [wk_a, wk_b, obs_a, obs_b]}, [0, 1, 2, 3]
            )
            state["shown_diaries"] = (diary_a, diary_b)

        # --- words -------------------------------------------------------------------------------
        peak_day = float(t[int(np.argmax(rate_a))])
        last = wk_a.size
        scale = hm.SEVERITIES[sev].time_scale
        peaks = [hm.PHASES[n].peak_day * scale for n in hm.PHASES]
        set_alt_text(
            words["phases"],
            f"For a {sev} strain inflammation peaks on day {peaks[0]:.1f}, proliferation on day "
            f"{peaks[1]:.1f} and remodeling on day {peaks[2]:.1f}; proliferation takes over on day "
            f"{b1:.1f} and remodeling on day {b2:.1f}.",
        )
        evidence_words = (
            f" Without the article's hypothesis (the evidence) A would stay at {rate_ev.max():.1f}/day at most."
            if show_evidence
            else ""
        )
        set_alt_text(
            words["rate"],
            f"A ({sc_a.title}) peaks at {rate_a.max():.1f} spasms/day on day {peak_day:.0f} and ends at "
            f"{rate_a[-1]:.1f}/day; B ({sc_b.title}) runs from {rate_b[0]:.1f} to {rate_b[-1]:.1f}/day "
            f"(peak {rate_b.max():.1f}); the baseline is {base:.1f}/day.{evidence_words}",
        )
        set_alt_text(
            words["diary"],
            f"Over {n_days} days the diary of A records {diary_a.n_events} spasms "
            f"(mean intensity {_mean(diary_a.intensity):.1f} of 10) and that of B {diary_b.n_events} "
            f"(mean intensity {_mean(diary_b.intensity):.1f}); the model expects "
            f"{diary_a.expected_per_day.sum():.1f} and {diary_b.expected_per_day.sum():.1f}.",
        )
        set_alt_text(
            words["weekly"],
            f"Expected spasms in week 1 and week {last}: A {wk_a[0]:.1f} → {wk_a[-1]:.1f}, "
            f"B {wk_b[0]:.1f} → {wk_b[-1]:.1f} (the baseline alone gives {7 * base:.1f} a week).",
        )
        shift = hm.electrolyte_shift_mv(float(ca.value), float(mg.value))
        factor = hm.electrolyte_factor(float(ca.value), float(mg.value))
        trend_a = "falls" if wk_a[-1] < wk_a[0] else "does not fall"
        claimed = hm.hydration_factor(fluid, dehydration_hypothesis=True)
        fluid_words = (
            f"fluid deficit {fluid:.1f} % → ×1 by the evidence (Miller 2010; Lau 2019), "
            f"about ×{hm.approx(claimed, 2)} by the article's hypothesis"
            + (" (shown)" if claim else " (tick the box to show it)")
        )
        summary.value = (
            '<div role="status" style="font-size:13px">'
            f"<b>A: {html.escape(sc_a.title)}</b> — week 1: {wk_a[0]:.1f}, week {last}: {wk_a[-1]:.1f} "
            f"expected spasms; the rate {trend_a} over the weeks. "
            f"Ca²⁺/Mg²⁺ gating shift {signed(shift, 1)} mV → electrolyte factor about ×{hm.approx(factor)}; "
            f"{fluid_words}."
            f"<br><b>B: {html.escape(sc_b.title)}</b> — week 1: {wk_b[0]:.1f}, week {last}: {wk_b[-1]:.1f}."
            "</div>"
        )

    children = [
        widgets.HTML("<b>Choose and adjust</b>"),
        scenario,
        compare,
        severity,
        days,
        ca,
        mg,
        deficit,
        hypothesis,
        hypothesis_note(),
        seed,
        summary,
        fig_phase,
        words["phases"],
        fig_rate,
        words["rate"],
        fig_diary,
        words["diary"],
        fig_week,
        words["weekly"],
    ]
    explorer = Explorer(
        children,
        controls={
            "scenario": scenario,
            "compare": compare,
            "severity": severity,
            "days": days,
            "ca": ca,
            "mg": mg,
            "fluid_deficit_pct": deficit,
            "dehydration_hypothesis": hypothesis,
            "seed": seed,
        },
        figures={"phases": fig_phase, "rate": fig_rate, "diary": fig_diary, "weekly": fig_week},
        update=update,
    )
    explorer.texts = {**words, "summary": summary}
    return explorer


def _mean(x: np.ndarray) -> float:
    return float(x.mean()) if x.size else 0.0


# ----------------------------------------------------------------------------------------------
# Static figures for the notebook (plain go.Figure: stored as plotly JSON, deterministic)
# ----------------------------------------------------------------------------------------------
def phase_figure(severity: str = "moderate", days: int = 42) -> tuple[go.Figure, str]:
    """Phase weights and the spasm-proneness the article's hypothesis gives them over ``days``;
    returns (figure, text alternative)."""
    t = np.linspace(0.0, float(days), 4 * days + 1)
    w = hm.phase_weights(t, severity)
    s = hm.sensitivity(t, severity)
    fig = style.figure(
        f"Three overlapping repair phases ({severity} strain) and the article's hypothesised spasm-proneness",
        "days since injury",
        "phase weight (peak = 1)",
        height=380,
        showlegend=True,
        legend=dict(orientation="h", y=-0.22),
        yaxis_range=[0.0, 1.08],
        yaxis2=dict(
            title=dict(text="sensitivity (× uninjured)"), overlaying="y", side="right", showgrid=False
        ),
    )
    for i, name in enumerate(hm.PHASES):
        fig.add_scatter(
            x=t,
            y=w[name],
            mode="lines",
            name=hm.PHASES[name].title,
            line=dict(color=style.PHASE_COLORS[name], dash=style.DASHES[i], width=2.5),
        )
    fig.add_scatter(
        x=t,
        y=s,
        mode="lines",
        name="hypothesised S(t) (right axis)",
        yaxis="y2",
        line=dict(color=style.OKABE_ITO["black"], width=2, dash="longdash"),
    )
    peak_day = float(t[np.argmax(s)])
    scale = hm.SEVERITIES[severity].time_scale
    text = (
        f"Inflammation peaks on day {hm.PHASES['inflammation'].peak_day * scale:.1f}, proliferation on day "
        f"{hm.PHASES['proliferation'].peak_day * scale:.1f} and remodeling on day "
        f"{hm.PHASES['remodeling'].peak_day * scale:.1f}; the hypothesised spasm-proneness peaks at about "
        f"{hm.approx(s.max())}× on day {peak_day:.1f} and is down to about {hm.approx(s[-1], 2)}× on day {days} "
        "(invented weights: the shape, not the numbers, is the hypothesis)."
    )
    return fig, text


def scenarios_figure(
    days: int = 42, severity: str = "moderate", dehydration_hypothesis: bool = False
) -> tuple[go.Figure, str]:
    """Expected spasm rate of every scenario over ``days`` (the article's dehydration hypothesis off by
    default); returns (figure, text alternative)."""
    t = np.linspace(0.0, float(days), 4 * days + 1)
    fig = style.figure(
        "Expected spasms per day in the six scenarios (a model, not data)"
        + (" — with the article's dehydration hypothesis" if dehydration_hypothesis else ""),
        "days since injury / onset",
        "spasms per day",
        height=420,
        showlegend=True,
        legend=dict(orientation="h", y=-0.2),
    )
    fig.add_scatter(
        x=np.array([0.0, float(days)]),
        y=np.full(2, hm.BASELINE_PER_DAY),
        mode="lines",
        name="baseline (no cause)",
        line=dict(color=style.OKABE_ITO["black"], dash="dot", width=1.5),
    )
    parts = []
    for i, (key, sc) in enumerate(hm.SCENARIOS.items()):
        r = hm.spasm_rate(t, key, severity=severity, dehydration_hypothesis=dehydration_hypothesis)
        fig.add_scatter(
            x=t,
            y=r,
            mode="lines+markers",
            name=sc.title,
            line=dict(color=style.COLORWAY[i], dash=style.DASHES[i], width=2.5),
            marker=dict(symbol=style.SYMBOLS[i], size=7, maxdisplayed=12),
        )
        parts.append(f"{sc.title.lower()} {r[4]:.1f} → {r[-1]:.1f}")
    text = f"Rate on day 1 → day {days} (spasms/day): " + "; ".join(parts) + "."
    return fig, text


def dehydration_claim_figure(days: int = 42, deficit_pct: float = 3.0) -> tuple[go.Figure, str]:
    """The dehydration scenario's expected rate by the article's hypothesis and by the evidence, side
    by side, over ``days`` at a fluid deficit of ``deficit_pct`` (% body mass); returns (figure, text)."""
    t = np.linspace(0.0, float(days), 4 * days + 1)
    claim = hm.spasm_rate(t, "dehydration", fluid_deficit_pct=deficit_pct, dehydration_hypothesis=True)
    evidence = hm.spasm_rate(t, "dehydration", fluid_deficit_pct=deficit_pct)
    fig = style.figure(
        f"A {deficit_pct:g} % fluid deficit: the article's claim beside the evidence (model)",
        "days since the deficit began",
        "spasms per day",
        height=340,
        showlegend=True,
        legend=dict(orientation="h", y=-0.25),
        yaxis_range=[0.0, 1.15 * float(claim.max())],
    )
    fig.add_scatter(
        x=t,
        y=claim,
        mode="lines",
        name="article's hypothesis (1 + 0.6 per % deficit)",
        line=dict(color=_B_COLOUR, dash="dash", width=3),
    )
    fig.add_scatter(
        x=t,
        y=evidence,
        mode="lines",
        name="evidence: deficit alone, no change (Miller 2010; Lau 2019)",
        line=dict(color=_A_COLOUR, width=3),
    )
    ratio = float(claim[0] / evidence[0])
    text = (
        f"At a {deficit_pct:g} % deficit the article's hypothesis gives about {hm.approx(ratio, 2)}× the "
        f"background rate ({claim[0]:.1f} instead of {evidence[0]:.1f} spasms/day) on every day; with the "
        "evidence the deficit alone adds nothing and the curve stays on the background."
    )
    return fig, text
