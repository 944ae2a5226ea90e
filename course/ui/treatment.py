"""Treatment explorer (notebook 06): treatment toggles acting on the notebook-04 model.

Shows the expected spasm rate with and without the chosen treatments, the weekly counts, the number
of spasms avoided over six weeks and phase-aware advice with the evidence behind each rule (heat in
the first 48 h is always flagged). A check box switches on the source article's dehydration
hypothesis; the summary then gives the numbers with and without it. All numbers come from
:mod:`course.healing` (a teaching model, not data); the figures from :mod:`course.figures.treatment`.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from functools import lru_cache
from types import MappingProxyType

import ipywidgets as widgets
import numpy as np

from course import healing as hm
from course import style
from course.figures.treatment import HORIZON_DAYS, RATE_TRACES, WEEKLY_TRACES, rate_figure, weekly_figure
from course.ui._common import (
    CONTROL_WIDTH,
    EXPLORER_PLOT_HEIGHT,
    LABEL_WIDTH,
    Explorer,
    alt_text,
    push_traces,
    set_alt_text,
    unit_slider,
)
from course.ui.healing import hypothesis_checkbox, hypothesis_note

__all__ = [
    "treatment_explorer",
    "TreatmentExplorer",
    "TreatmentInputs",
    "TreatmentView",
    "HORIZON_DAYS",
    "START_DAY_RANGE",
    "RATE_GRID_DAYS",
    "ADVICE_ICONS",
]

#: Icon, word and colour per advice level of :func:`course.healing.treatment_advice` (colour only supports them).
ADVICE_ICONS: MappingProxyType[str, tuple[str, str, str]] = MappingProxyType({
    "warning": ("⚠", "Warning", "#9c3d00"),
    "caution": ("◆", "Note", "#7a5a00"),
    "ok": ("✔", "Fine", "#005a41"),
    "info": ("ℹ", "Info", "#1f4e79"),
})
#: (min, max, step) of the two start-day sliders (days since injury/onset).
START_DAY_RANGE = (0.0, 14.0, 0.5)
_GRID_PER_DAY = 6
#: Time grid of the rate plot (days): six points per day over the horizon.
RATE_GRID_DAYS: np.ndarray = np.linspace(0.0, float(HORIZON_DAYS), HORIZON_DAYS * _GRID_PER_DAY + 1)
RATE_GRID_DAYS.flags.writeable = False


@dataclass(frozen=True)
class TreatmentInputs:
    """The explorer's controls: cause, severity, chosen treatments (in :data:`course.healing.TREATMENTS`
    order), start days (d) and the article's dehydration hypothesis."""

    scenario: str = "healing"
    severity: str = "moderate"
    treatments: tuple[str, ...] = ("rest", "cold", "heat")
    start_day: float = 0.0
    heat_start_day: float = hm.ACUTE_PHASE_DAYS
    dehydration_hypothesis: bool = False


@dataclass(frozen=True)
class TreatmentView:
    """What the explorer shows for one :class:`TreatmentInputs`.

    Rates in spasms/day on :data:`RATE_GRID_DAYS`, weekly counts in spasms/week, totals and ``avoided``
    in spasms over :data:`HORIZON_DAYS`; ``other_view`` is the untreated total with the hypothesis switched
    the other way (``None`` when the scenario has no fluid deficit, where claim and evidence agree).
    """

    rate_without: np.ndarray
    rate_with: np.ndarray
    weekly_without: np.ndarray
    weekly_with: np.ndarray
    start_day: float
    heat_start_day: float
    show_heat: bool
    y_max: float
    total_without: float
    total_with: float
    avoided: float
    heat_flagged: bool
    other_view: float | None
    advice_html: str
    summary_html: str
    words_rate: str
    words_weekly: str


# -- pure helpers of compute ------------------------------------------------------------------------
@lru_cache(maxsize=64)
def _untreated(scenario: str, severity: str, claim: bool) -> tuple[np.ndarray, np.ndarray]:
    """Rate (spasms/day on RATE_GRID_DAYS) and expected daily counts without treatment (read-only, cached:
    without treatment the start days do not matter)."""
    common = dict(severity=severity, dehydration_hypothesis=claim)
    rate = hm.spasm_rate(RATE_GRID_DAYS, scenario, **common)
    daily = hm.expected_daily(scenario, HORIZON_DAYS, **common)
    rate.flags.writeable = daily.flags.writeable = False
    return rate, daily


def _treated(inputs: TreatmentInputs) -> tuple[np.ndarray, np.ndarray]:
    """Rate (spasms/day) and expected daily counts with the chosen treatments (the untreated ones if none)."""
    if not inputs.treatments:
        return _untreated(inputs.scenario, inputs.severity, inputs.dehydration_hypothesis)
    common = dict(
        severity=inputs.severity, treatments=inputs.treatments, start_day=inputs.start_day,
        heat_start_day=inputs.heat_start_day, dehydration_hypothesis=inputs.dehydration_hypothesis,
    )
    return hm.spasm_rate(RATE_GRID_DAYS, inputs.scenario, **common), hm.expected_daily(
        inputs.scenario, HORIZON_DAYS, **common
    )


def _titles(names: tuple[str, ...], sep: str, none: str) -> str:
    """The treatments' titles in lower case joined with ``sep`` (``none`` when there are none)."""
    return sep.join(hm.TREATMENTS[t].title.lower() for t in names) or none


def _names(chosen: tuple[str, ...]) -> str:
    return _titles(chosen, " + ", "no treatment")


def _when(inputs: TreatmentInputs) -> str:
    heat = f", heat from day {inputs.heat_start_day:g}" if "heat" in inputs.treatments else ""
    return f"treatments from day {inputs.start_day:g}{heat}"


def _advice_html(advice: tuple[hm.Advice, ...], scenario: str, day: float) -> str:
    """The recommended treatments from ``day`` (and after the acute phase) and one line per advice item."""
    now = hm.recommended_treatments(scenario, day)
    later_day = max(day, hm.ACUTE_PHASE_DAYS)
    later = hm.recommended_treatments(scenario, later_day)
    rec = f"from day {day:g}: {_titles(now, ', ', 'none of the five')}"
    if later != now:
        rec += f"; from day {later_day:g}: {_titles(later, ', ', 'none of the five')}"
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


def _other_view(inputs: TreatmentInputs, total_without: float) -> tuple[float | None, str]:
    """Untreated total (spasms) with the hypothesis switched the other way and the sentence that sets claim
    beside evidence; ``(None, "")`` when the scenario has no fluid deficit (claim and evidence agree)."""
    if hm.SCENARIOS[inputs.scenario].modifiers.fluid_deficit_pct <= 0.0:
        return None, ""
    claim = inputs.dehydration_hypothesis
    other = float(_untreated(inputs.scenario, inputs.severity, not claim)[1].sum())
    evidence, article = (other, total_without) if claim else (total_without, other)
    return other, (
        f"<br>Untreated, the evidence (a deficit alone adds nothing) gives <b>{evidence:.0f}</b> spasms in "
        f"{HORIZON_DAYS} days and the article's hypothesis <b>{article:.0f}</b>; the numbers above use "
        + ("the hypothesis." if claim else "the evidence.")
    )


def _summary_html(inputs: TreatmentInputs, total_without: float, total_with: float, both_views: str) -> str:
    """Totals over the horizon without and with the treatments, and the spasms avoided (or added)."""
    avoided = total_without - total_with
    pct = 100.0 * avoided / total_without if total_without > 0 else 0.0
    verb = "avoids" if avoided >= 0 else "adds"
    return (
        '<div role="status" style="font-size:14px">'
        f"<b>{html.escape(hm.SCENARIOS[inputs.scenario].title)}</b>, {_when(inputs)}: over {HORIZON_DAYS} days "
        f"<b>{total_without:.1f}</b> expected spasms without treatment, <b>{total_with:.1f}</b> with "
        f"{html.escape(_names(inputs.treatments))} → the choice {verb} <b>{abs(avoided):.1f}</b> spasms "
        f"({abs(pct):.0f} %).{both_views}</div>"
    )


def _words(
    inputs: TreatmentInputs, r_without: np.ndarray, r_with: np.ndarray, wk_without: np.ndarray, wk_with: np.ndarray
) -> tuple[str, str]:
    """Text alternatives of the rate and weekly figures."""
    rate = (
        f"Without treatment the rate peaks at {r_without.max():.2f} spasms/day and ends at "
        f"{r_without[-1]:.2f}/day; with {_names(inputs.treatments)} ({_when(inputs)}) it peaks at "
        f"{r_with.max():.2f} and ends at {r_with[-1]:.2f}/day (baseline {hm.BASELINE_PER_DAY:.2f}/day)."
    )
    weekly = (
        f"Week 1: {wk_without[0]:.1f} spasms without and {wk_with[0]:.1f} with treatment; week "
        f"{wk_without.size}: {wk_without[-1]:.1f} without and {wk_with[-1]:.1f} with."
    )
    return rate, weekly


class TreatmentExplorer(Explorer["TreatmentInputs", "TreatmentView"]):
    """Scenario, severity, five treatment check boxes and two start-day sliders driving two figures:
    the expected spasm rate with and without the treatments (the gap shaded) and the weekly
    expected counts, plus the number of spasms avoided over six weeks and phase-aware advice.

    Controls (``explorer.controls``): ``"scenario"`` (a key of :data:`course.healing.SCENARIOS`),
    ``"severity"``, one check box per treatment (``"rest"``, ``"hydration"``, ``"cold"``, ``"heat"``,
    ``"professional"``), ``"start_day"`` (d; all treatments but heat), ``"heat_start_day"`` (d) and
    ``"dehydration_hypothesis"`` (the article's claim, default off; the summary then shows both).
    Figures: ``"rate"``, ``"weekly"``. ``explorer.texts`` holds ``"advice"``, ``"summary"`` and the text
    alternative of each figure (``"rate"``, ``"weekly"``); ``explorer.view`` the latest
    :class:`TreatmentView` and ``explorer.result`` its numbers.
    """

    def make_controls(self) -> dict[str, widgets.ValueWidget]:
        d = TreatmentInputs()
        boxes = {
            name: widgets.Checkbox(
                value=name in d.treatments, description=tr.title, indent=False, layout=widgets.Layout(width="17em")
            )
            for name, tr in hm.TREATMENTS.items()
        }
        return {
            "scenario": widgets.Dropdown(
                options=[(sc.title, key) for key, sc in hm.SCENARIOS.items()], value=d.scenario,
                description="Cause of the spasms", style={"description_width": LABEL_WIDTH},
                layout=widgets.Layout(width=CONTROL_WIDTH),
            ),
            "severity": widgets.ToggleButtons(
                options=tuple(hm.SEVERITIES), value=d.severity, description="Injury severity",
                style={"description_width": LABEL_WIDTH, "button_width": "7em"},
            ),
            **boxes,
            "start_day": unit_slider(
                "Treatments start on day", "days", *START_DAY_RANGE, d.start_day, readout_format=".1f"
            ),
            "heat_start_day": unit_slider(
                "Heat starts on day", "days", *START_DAY_RANGE, d.heat_start_day, readout_format=".1f"
            ),
            "dehydration_hypothesis": hypothesis_checkbox(),
        }

    def read(self) -> TreatmentInputs:
        c = self.controls
        return TreatmentInputs(
            scenario=str(c["scenario"].value),
            severity=str(c["severity"].value),
            treatments=tuple(name for name in hm.TREATMENTS if c[name].value),
            start_day=float(c["start_day"].value),
            heat_start_day=float(c["heat_start_day"].value),
            dehydration_hypothesis=bool(c["dehydration_hypothesis"].value),
        )

    @staticmethod
    def compute(inputs: TreatmentInputs) -> TreatmentView:
        r_without, d_without = _untreated(inputs.scenario, inputs.severity, inputs.dehydration_hypothesis)
        r_with, d_with = _treated(inputs)
        wk_without, wk_with = hm.weekly_totals(d_without), hm.weekly_totals(d_with)
        total_without, total_with = float(d_without.sum()), float(d_with.sum())
        advice = hm.treatment_advice(inputs.scenario, inputs.treatments, inputs.start_day, inputs.heat_start_day)
        other, both_views = _other_view(inputs, total_without)
        words_rate, words_weekly = _words(inputs, r_without, r_with, wk_without, wk_with)
        return TreatmentView(
            rate_without=r_without, rate_with=r_with, weekly_without=wk_without, weekly_with=wk_with,
            start_day=inputs.start_day, heat_start_day=inputs.heat_start_day, show_heat="heat" in inputs.treatments,
            y_max=style.Y_HEADROOM * float(max(r_without.max(), r_with.max())),
            total_without=total_without, total_with=total_with, avoided=total_without - total_with,
            heat_flagged=any(a.level == "warning" and a.treatment == "heat" for a in advice), other_view=other,
            advice_html=_advice_html(advice, inputs.scenario, inputs.start_day),
            summary_html=_summary_html(inputs, total_without, total_with, both_views),
            words_rate=words_rate, words_weekly=words_weekly,
        )

    def make_figures(self, view: TreatmentView) -> dict:
        return {
            "rate": style.set_height(rate_figure(  # under the controls on one 1366 × 768 screen
                RATE_GRID_DAYS, view.rate_without, view.rate_with, view.start_day, view.heat_start_day,
                view.show_heat, view.y_max,
            ), EXPLORER_PLOT_HEIGHT),
            "weekly": weekly_figure(view.weekly_without, view.weekly_with),
        }

    def make_texts(self) -> dict[str, widgets.HTML]:
        return {"advice": widgets.HTML(), "summary": widgets.HTML(), "rate": alt_text(), "weekly": alt_text()}

    def arrange(self) -> list[widgets.Widget]:
        c, boxes = self.controls, [self.controls[name] for name in hm.TREATMENTS]
        return [
            c["scenario"], c["severity"], widgets.HTML("<b>Treatments</b> (tick any):"),
            widgets.HBox(boxes, layout=widgets.Layout(flex_flow="row wrap")),
            c["start_day"], c["heat_start_day"], c["dehydration_hypothesis"], hypothesis_note(),
            # the first plot right under the controls, so both fit one 1366 × 768 screen (COURSE_SPEC V3.6)
            self.figures["rate"], self.texts["rate"], self.texts["advice"], self.texts["summary"],
            self.figures["weekly"], self.texts["weekly"],
        ]

    def render(self, view: TreatmentView) -> None:
        line_y = np.array([0.0, view.y_max])
        # the x grid of the curves and the baseline never change; the heat line shows only when heat is chosen
        push_traces(
            self.figures["rate"], RATE_TRACES, relayout={"yaxis.range": [0.0, view.y_max]},
            y={"without": view.rate_without, "with": view.rate_with, "start": line_y, "heat_start": line_y},
        )
        push_traces(
            self.figures["rate"], RATE_TRACES,
            x={"start": np.array([view.start_day] * 2), "heat_start": np.array([view.heat_start_day] * 2)},
            visible={"start": True, "heat_start": view.show_heat},
        )
        push_traces(self.figures["weekly"], WEEKLY_TRACES, y={"without": view.weekly_without, "with": view.weekly_with})
        self.texts["advice"].value = view.advice_html
        self.texts["summary"].value = view.summary_html
        set_alt_text(self.texts["rate"], view.words_rate)
        set_alt_text(self.texts["weekly"], view.words_weekly)

    @property
    def result(self) -> dict[str, float | bool | None]:
        """The latest numbers: ``avoided``, ``without``, ``with`` (spasms over the horizon), ``heat_flagged``
        and ``other_view`` (see :class:`TreatmentView`)."""
        v = self.view
        return {
            "avoided": v.avoided, "without": v.total_without, "with": v.total_with,
            "heat_flagged": v.heat_flagged, "other_view": v.other_view,
        }


def treatment_explorer() -> TreatmentExplorer:
    """The treatment explorer of notebook 06 (see :class:`TreatmentExplorer`)."""
    return TreatmentExplorer()
