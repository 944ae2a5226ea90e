"""The self-check form (notebook 06): answers → verdict, reasons, red flags, next steps.

:func:`self_check` returns a :class:`SelfCheck` widget (an :class:`~course.ui._common.Explorer`).
Tests, benchmarks and browser tests drive it through stable handles:

* ``controls`` — name → form widget: ``recent_injury`` ("yes"/"no"), ``days_since_injury`` (days),
  ``timing``, ``intensity``, ``trend``, ``duration_weeks`` (weeks), ``location``, ``hydration``
  (values are the strings of :mod:`course.selfcheck`), and one checkbox per symptom,
  ``symptom_<name>``;
* ``check_button`` — the Check button (CSS class ``selfcheck-check``); ``check()`` does the same;
* ``verdict_html`` (CSS class ``selfcheck-verdict``, attribute ``data-verdict``), ``reasons_html``,
  ``red_flags_html``, ``next_steps_html``, ``summary_html``, ``disclaimer_html``;
* ``case_buttons`` — one "load worked case" button per notebook-04 scenario; ``load_case(name)``;
* ``assessment`` — the last :class:`~course.selfcheck.Assessment` (``None`` before a check, after
  an error, or once the answers have changed); ``error`` — the last error message.

Changing any answer clears the result ("press Check"), so a verdict never sits next to answers
it was not computed from. The verdict is shown in words, with an icon and a colour from the
Okabe–Ito palette; the text on the coloured banner is black (contrast ≥ 5:1 on every banner
colour, checked in the tests). The disclaimer is always visible.
"""

from __future__ import annotations

import html
from collections.abc import Mapping

import ipywidgets as widgets
import numpy as np
import plotly.graph_objects as go

from course import DISCLAIMER, style
from course.selfcheck import (
    CRITERIA,
    DAYS_RANGE,
    DURATION_WEEKS_RANGE,
    HYDRATIONS,
    INTENSITIES,
    LABELS,
    LOCATIONS,
    SYMPTOMS,
    TIMINGS,
    TRENDS,
    VERDICT_ICONS,
    Answers,
    Assessment,
    answers_from_presentation,
    assess,
)
from course.ui._common import Explorer, alt_text, set_alt_text

__all__ = [
    "self_check",
    "SelfCheck",
    "criteria_grid",
    "criteria_grid_text",
    "VERDICT_COLOURS",
    "DIRECTION_STYLE",
    "QUESTIONS",
]

#: Banner colours per verdict: (background, text). Text is black on each Okabe–Ito colour
#: (WCAG contrast: bluish green 6.1, orange 9.3, vermillion 5.4; all ≥ 4.5).
VERDICT_COLOURS: dict[str, tuple[str, str]] = {
    "consistent_with_healing": (style.OKABE_ITO["bluish_green"], style.OKABE_ITO["black"]),
    "monitor": (style.OKABE_ITO["orange"], style.OKABE_ITO["black"]),
    "seek_care": (style.OKABE_ITO["vermillion"], style.OKABE_ITO["black"]),
}

#: How each direction is drawn: (icon, word, colour, plot x position, marker symbol).
DIRECTION_STYLE: dict[str, tuple[str, str, str, float, str]] = {
    "healing": ("✔", "toward healing", style.OKABE_ITO["bluish_green"], 1.0, "triangle-right"),
    "neutral": ("●", "no clear lean", style.OKABE_ITO["black"], 0.0, "circle"),
    "problem": ("▲", "toward a problem", style.OKABE_ITO["vermillion"], -1.0, "triangle-left"),
}

#: Form questions: control name → question text shown beside it.
QUESTIONS: dict[str, str] = {
    "recent_injury": "Did you recently strain, tear or have surgery on the muscle?",
    "days_since_injury": "Days since the injury (days)",
    "timing": "When do the spasms happen?",
    "intensity": "How strong are they?",
    "trend": "Over the past days, are they…",
    "duration_weeks": "How long have they been going on? (weeks)",
    "location": "Where do you feel them?",
    "symptoms": "Anything else? (tick all that apply; none is fine)",
    "hydration": "Fluids lately?",
}

_RADIO_FIELDS: dict[str, tuple[str, ...]] = {
    "timing": TIMINGS,
    "intensity": INTENSITIES,
    "trend": TRENDS,
    "location": LOCATIONS,
    "hydration": HYDRATIONS,
}
_BLACK = style.OKABE_ITO["black"]
_WIDE = widgets.Layout(width="auto")


def _css(name: str) -> str:
    return "selfcheck-" + name.replace("_", "-")


def _question(key: str) -> widgets.HTML:
    return widgets.HTML(f"<b>{html.escape(QUESTIONS[key])}</b>")


def _banner(background: str, text: str, body: str, verdict: str, role: str = "status") -> str:
    return (
        f'<div role="{role}" aria-live="polite" data-verdict="{verdict}" '
        f'style="background:{background};color:{text};border:2px solid {_BLACK};border-radius:6px;'
        f'padding:8px 12px;margin:6px 0;font-size:16px">{body}</div>'
    )


def _verdict_banner(a: Assessment) -> str:
    bg, fg = VERDICT_COLOURS[a.verdict]
    n = len(a.red_flags)
    flags = f" — {n} red flag{'s' if n != 1 else ''}" if n else ""
    body = (
        f'<span aria-hidden="true" style="font-size:22px">{VERDICT_ICONS[a.verdict]}</span> '
        f'<b class="selfcheck-verdict-label">{html.escape(a.verdict_label)}</b>'
        f'<span style="font-size:13px"> (verdict: {a.verdict}{flags})</span>'
    )
    return _banner(bg, fg, body, a.verdict)


def _reasons_table(a: Assessment) -> str:
    flagged: dict[str, list[str]] = {}
    for f in a.red_flags:
        flagged.setdefault(f.criterion, []).append(f.label)
    cell = "border:1px solid currentColor;padding:3px 6px;vertical-align:top;text-align:left"
    rows = [
        f'<tr><th style="{cell}">criterion</th><th style="{cell}">your answer</th>'
        f'<th style="{cell}">leans</th><th style="{cell}">points to</th><th style="{cell}">why</th></tr>'
    ]
    for r in a.reasons:
        icon, word, colour, _x, _sym = DIRECTION_STYLE[r.direction]
        flag = ""
        if r.criterion in flagged:
            flag = f"<br><b>✚ red flag: {html.escape(', '.join(flagged[r.criterion]))}</b>"
        rows.append(
            f'<tr><td style="{cell}"><b>{html.escape(r.criterion)}</b></td>'
            f'<td style="{cell}">{html.escape(r.answer)}</td>'
            f'<td style="{cell};border-left:6px solid {colour}">'
            f'<span aria-hidden="true">{icon}</span> {word}{flag}</td>'
            f'<td style="{cell}">{html.escape(r.points_to)}</td>'
            f'<td style="{cell}">{html.escape(r.why)}</td></tr>'
        )
    return (
        f'<table style="border-collapse:collapse;color:{_BLACK};font-size:13px;margin:4px 0">'
        "<caption style='text-align:left'><b>Reasons, one per criterion</b></caption>"
        + "".join(rows)
        + "</table>"
    )


def _red_flags_block(a: Assessment) -> str:
    if not a.red_flags:
        return "<p><b>Red flags:</b> none of the course's red flags was answered.</p>"
    items = "".join(
        f"<li><b>✚ {html.escape(f.label)}</b> — {html.escape(f.why)}</li>" for f in a.red_flags
    )
    return (
        f"<p><b>Red flags ({len(a.red_flags)}) — any one means: see a health professional.</b></p>"
        f"<ul>{items}</ul>"
    )


def _next_steps_block(a: Assessment) -> str:
    items = "".join(f"<li>{html.escape(s)}</li>" for s in a.next_steps)
    return f"<p><b>Next steps</b></p><ol>{items}</ol>"


def _summary_block(a: Assessment) -> str:
    return (
        "<details><summary><b>Text summary to copy or save</b></summary>"
        f'<pre style="white-space:pre-wrap;word-break:normal;overflow-wrap:break-word;user-select:text;'
        f'font-size:12px;color:{_BLACK}">'
        f"{html.escape(a.summary())}</pre></details>"
    )


def _alt_sentence(a: Assessment) -> str:
    counts = {d: sum(r.direction == d for r in a.reasons) for d in DIRECTION_STYLE}
    problems = [r.criterion for r in a.reasons if r.direction == "problem"]
    tail = f" ({', '.join(problems)})" if problems else ""
    return (
        f"Verdict {a.verdict_label.lower()}: {counts['healing']} of {len(a.reasons)} criteria point toward "
        f"healing, {counts['neutral']} show no clear lean and {counts['problem']} point toward a "
        f"problem{tail}; {len(a.red_flags)} red flag(s)."
    )


class SelfCheck(Explorer):
    """The self-check form and its result panel (see the module docstring for the handles)."""

    def __init__(self, cases: Mapping[str, object] | None = None) -> None:
        controls: dict[str, widgets.ValueWidget] = {}
        controls["recent_injury"] = widgets.RadioButtons(
            options=[("yes", "yes"), ("no", "no")], value=None, layout=_WIDE
        )
        controls["days_since_injury"] = widgets.BoundedFloatText(
            value=0.0,
            min=DAYS_RANGE[0],
            max=DAYS_RANGE[1],
            step=1,
            description="days since injury (days)",
            style={"description_width": "initial"},
            disabled=True,
            layout=widgets.Layout(margin="0 0 0 2em"),
            tooltip=f"days, {DAYS_RANGE[0]:g}–{DAYS_RANGE[1]:g}",
        )
        for key, values in _RADIO_FIELDS.items():
            controls[key] = widgets.RadioButtons(
                options=[(LABELS[key][v], v) for v in values], value=None, layout=_WIDE
            )
        controls["duration_weeks"] = widgets.BoundedFloatText(
            value=0.0,
            min=DURATION_WEEKS_RANGE[0],
            max=DURATION_WEEKS_RANGE[1],
            step=0.5,
            description="duration so far (weeks)",
            style={"description_width": "initial"},
            tooltip=f"weeks, {DURATION_WEEKS_RANGE[0]:g}–{DURATION_WEEKS_RANGE[1]:g}",
        )
        for s in SYMPTOMS:
            controls[f"symptom_{s}"] = widgets.Checkbox(
                value=False, description=LABELS["symptoms"][s], indent=False
            )
        for key, control in controls.items():
            control.add_class(_css(key))
        controls["recent_injury"].observe(self._sync_days, names="value")

        self.check_button = widgets.Button(
            description="Check", button_style="", icon="check",
            tooltip="Apply the criteria to your answers", layout=widgets.Layout(width="10em"),
        )
        self.check_button.add_class("selfcheck-check")
        self.check_button.on_click(lambda _b: self.check())

        self.disclaimer_html = widgets.HTML(
            f'<p role="note" style="color:{_BLACK};border:2px solid {_BLACK};padding:6px 10px;'
            f'border-radius:6px"><b>Education, not diagnosis.</b> {html.escape(DISCLAIMER)}</p>'
        )
        self.disclaimer_html.add_class("selfcheck-disclaimer")
        self.verdict_html = widgets.HTML()
        self.verdict_html.add_class("selfcheck-verdict")
        self.reasons_html = widgets.HTML()
        self.reasons_html.add_class("selfcheck-reasons")
        self.red_flags_html = widgets.HTML()
        self.red_flags_html.add_class("selfcheck-redflags")
        self.next_steps_html = widgets.HTML()
        self.next_steps_html.add_class("selfcheck-nextsteps")
        self.summary_html = widgets.HTML()
        self.summary_html.add_class("selfcheck-summary")
        self.case_note = widgets.HTML()
        self.case_note.add_class("selfcheck-case-note")

        fig = style.figure_widget(
            "Which way each criterion points",
            "← toward a problem · no clear lean · toward healing →",
            "",
            height=330,
            showlegend=False,
            margin=dict(l=170, r=30, t=50, b=50),
        )
        fig.update_xaxes(range=[-1.8, 1.8], tickvals=[-1, 0, 1], ticktext=["problem", "neutral", "healing"])
        fig.update_yaxes(categoryorder="array", categoryarray=list(CRITERIA[::-1]), type="category")
        fig.add_scatter(
            x=np.zeros(0), y=np.array([], dtype=object), mode="markers+text", textposition="middle right",
            marker=dict(size=16, line=dict(width=1, color=_BLACK)), hoverinfo="text",
            cliponaxis=False, name="criteria",
        )
        self.figure_words = alt_text("")
        self.result_box = widgets.VBox(
            [
                self.reasons_html, self.red_flags_html, self.next_steps_html,
                fig, self.figure_words, self.summary_html,
            ]
        )
        self.result_box.add_class("selfcheck-result")

        self.cases: dict[str, object] = dict(cases) if cases is not None else _default_cases()
        self.case_buttons: dict[str, widgets.Button] = {}
        for name, case in self.cases.items():
            title = str(getattr(case, "title", name))
            button = widgets.Button(
                description=title, tooltip=f"Load the worked case: {getattr(case, 'description', title)}",
                layout=widgets.Layout(width="auto"),
            )
            button.add_class("selfcheck-case")
            button.add_class(_css(f"case_{name}"))
            button.on_click(lambda _b, name=name: self.load_case(name))
            self.case_buttons[name] = button

        symptoms_box = widgets.HBox(
            [controls[f"symptom_{s}"] for s in SYMPTOMS], layout=widgets.Layout(flex_flow="row wrap")
        )
        form = widgets.VBox(
            [
                _question("recent_injury"),
                widgets.HBox([controls["recent_injury"], controls["days_since_injury"]]),
                _question("timing"), controls["timing"],
                _question("intensity"), controls["intensity"],
                _question("trend"), controls["trend"],
                _question("duration_weeks"), controls["duration_weeks"],
                _question("location"), controls["location"],
                _question("symptoms"), symptoms_box,
                _question("hydration"), controls["hydration"],
            ],
            layout=widgets.Layout(border="1px solid", padding="6px 10px", margin="4px 0"),
        )
        form.add_class("selfcheck-form")
        children: list[widgets.Widget] = [self.disclaimer_html]
        if self.case_buttons:
            children += [
                widgets.HTML("<b>Load a worked case from notebook 04</b> (fills the form and checks it):"),
                widgets.HBox(list(self.case_buttons.values()), layout=widgets.Layout(flex_flow="row wrap")),
                self.case_note,
            ]
        children += [form, self.check_button, self.verdict_html, self.result_box]
        self.assessment: Assessment | None = None
        self.error: str | None = None
        self._loading = False
        super().__init__(children, controls=controls, figures={"criteria": fig}, update=self._mark_stale)

    # -- form <-> Answers ---------------------------------------------------------------------
    def _sync_days(self, change: dict) -> None:
        self.controls["days_since_injury"].disabled = change["new"] != "yes"

    def answers(self) -> Answers:
        """Read the form into :class:`Answers` (``ValueError`` naming every unanswered question)."""
        c = self.controls
        missing = [k for k in ("recent_injury", *_RADIO_FIELDS) if c[k].value is None]
        if missing:
            raise ValueError("please answer every question; still unanswered: " + ", ".join(missing))
        injury = c["recent_injury"].value == "yes"
        return Answers(
            recent_injury=injury,
            days_since_injury=float(c["days_since_injury"].value) if injury else None,
            timing=c["timing"].value,
            intensity=c["intensity"].value,
            trend=c["trend"].value,
            duration_weeks=float(c["duration_weeks"].value),
            location=c["location"].value,
            symptoms=frozenset(s for s in SYMPTOMS if c[f"symptom_{s}"].value),
            hydration=c["hydration"].value,
        )

    def set_answers(self, answers: Answers) -> None:
        """Fill the form with ``answers`` (does not press Check)."""
        if not isinstance(answers, Answers):
            raise TypeError(f"answers must be an Answers record, got {type(answers).__name__}")
        c = self.controls
        days = answers.days_since_injury
        c["recent_injury"].value = "yes" if answers.recent_injury else "no"
        c["days_since_injury"].value = days if days is not None else 0.0
        for key in _RADIO_FIELDS:
            c[key].value = getattr(answers, key)
        c["duration_weeks"].value = answers.duration_weeks
        for s in SYMPTOMS:
            c[f"symptom_{s}"].value = s in answers.symptoms

    # -- actions ------------------------------------------------------------------------------
    def check(self) -> Assessment | None:
        """Assess the current answers and show the result; return the assessment (None on error)."""
        try:
            a = assess(self.answers())
        except (ValueError, TypeError) as exc:
            self._show_error(str(exc))
            return None
        self.assessment, self.error = a, None
        self.verdict_html.value = _verdict_banner(a)
        self.reasons_html.value = _reasons_table(a)
        self.red_flags_html.value = _red_flags_block(a)
        self.next_steps_html.value = _next_steps_block(a)
        self.summary_html.value = _summary_block(a)
        fig = self.figures["criteria"]
        dirs = [r.direction for r in a.reasons]
        flagged = {f.criterion for f in a.red_flags}
        text = np.array(
            [
                DIRECTION_STYLE[d][1] + (" ✚ red flag" if r.criterion in flagged else "")
                for d, r in zip(dirs, a.reasons, strict=True)
            ],
            dtype=object,
        )
        with fig.batch_update():
            trace = fig.data[0]
            trace.x = np.array([DIRECTION_STYLE[d][3] for d in dirs])
            trace.y = np.array(CRITERIA, dtype=object)
            trace.text = text
            trace.hovertext = np.array(
                [f"{r.criterion}: {r.answer} → {r.points_to}" for r in a.reasons], dtype=object
            )
            trace.marker.color = np.array([DIRECTION_STYLE[d][2] for d in dirs], dtype=object)
            trace.marker.symbol = np.array([DIRECTION_STYLE[d][4] for d in dirs], dtype=object)
        set_alt_text(self.figure_words, _alt_sentence(a))
        self.result_box.layout.display = None
        return a

    def refresh(self) -> None:
        """Same as pressing Check."""
        self.check()

    def load_case(self, name: str) -> Assessment | None:
        """Fill the form with worked case ``name`` (a notebook-04 scenario) and check it."""
        if name not in self.cases:
            raise ValueError(
                f"case={name!r} is not valid; choose one of: " + ", ".join(map(repr, self.cases))
            )
        case = self.cases[name]
        presentation = getattr(case, "presentation", case)
        self.set_answers(answers_from_presentation(presentation))  # type: ignore[arg-type]
        title = getattr(case, "title", name)
        description = getattr(case, "description", "")
        self.case_note.value = (
            f"<p><b>Worked case loaded:</b> {html.escape(str(title))}"
            + (f" — {html.escape(str(description))}" if description else "")
            + "</p>"
        )
        return self.check()

    def _mark_stale(self) -> None:
        if self.assessment is not None or self.error is not None:
            text = "<b>Your answers changed.</b> Press <b>Check</b> to update the verdict."
        else:
            text = "<b>Not checked yet.</b> Answer every question, then press <b>Check</b>."
        self.assessment = None
        self.error = None
        self.verdict_html.value = _banner("transparent", _BLACK, text, "")
        self.result_box.layout.display = "none"

    def _show_error(self, message: str) -> None:
        self.assessment = None
        self.error = message
        self.verdict_html.value = _banner(
            "transparent", _BLACK,
            f"<b>⚠ Cannot check these answers:</b> {html.escape(message)}", "error", role="alert",
        )
        self.result_box.layout.display = "none"


def _default_cases() -> dict[str, object]:
    from course.healing import SCENARIOS

    return dict(SCENARIOS)


def self_check(cases: Mapping[str, object] | None = None) -> SelfCheck:
    """The self-check widget: form, Check button, verdict with reasons, red flags, next steps.

    ``cases`` maps a name to a worked case (an object with ``presentation``, ``title`` and
    ``description``, or a bare presentation dict); by default the notebook-04 scenarios
    (``course.healing.SCENARIOS``), one "load worked case" button each.
    """
    return SelfCheck(cases)


def criteria_grid(
    assessments: Mapping[str, Assessment], title: str = "Which way each criterion points"
) -> go.Figure:
    """A static grid: one row per case, one column per criterion, a symbol per direction.

    Direction is carried by the marker shape (▶ healing, ● no clear lean, ◀ problem) as well as
    its colour; a criterion that raised a red flag is framed by a square. The verdict is written at
    the end of each row.
    """
    names = list(assessments)
    fig = style.figure(title, "", "", height=200 + 55 * len(names), showlegend=True,
                       margin=dict(l=200, r=200, t=60, b=150))
    for direction, (_icon, word, colour, _x, symbol) in DIRECTION_STYLE.items():
        xs = [r.criterion for n in names for r in assessments[n].reasons if r.direction == direction]
        ys = [n for n in names for r in assessments[n].reasons if r.direction == direction]
        fig.add_scatter(
            x=xs, y=ys, mode="markers", name=word,
            marker=dict(symbol=symbol, size=15, color=colour, line=dict(width=1, color=_BLACK)),
        )
    flag_x = [c for n in names for c in dict.fromkeys(f.criterion for f in assessments[n].red_flags)]
    flag_y = [n for n in names for _c in dict.fromkeys(f.criterion for f in assessments[n].red_flags)]
    fig.add_scatter(
        x=flag_x, y=flag_y, mode="markers", name="red flag (square)",
        marker=dict(symbol="square-open", size=28, color=_BLACK, line=dict(width=2, color=_BLACK)),
    )
    for name in names:
        a = assessments[name]
        fig.add_annotation(x=1.01, xref="paper", y=name, yref="y", xanchor="left", showarrow=False,
                           text=f"{VERDICT_ICONS[a.verdict]} {a.verdict_label}")
    fig.update_xaxes(type="category", categoryorder="array", categoryarray=list(CRITERIA), tickangle=-25)
    fig.update_yaxes(type="category", categoryorder="array", categoryarray=names[::-1])
    fig.update_layout(legend=dict(orientation="h", yanchor="top", y=-0.45, x=0))
    return fig


def criteria_grid_text(assessments: Mapping[str, Assessment]) -> str:
    """The one-sentence text alternative of :func:`criteria_grid`."""
    parts = []
    for name, a in assessments.items():
        n_problem = sum(r.direction == "problem" for r in a.reasons)
        n_healing = sum(r.direction == "healing" for r in a.reasons)
        parts.append(
            f"{name}: {n_healing} toward healing, {n_problem} toward a problem, "
            f"{len(a.red_flags)} red flag(s), verdict {a.verdict_label.lower()}"
        )
    return "Criteria per case — " + "; ".join(parts) + "."
