"""The self-check form, version 2 (notebook 06): emergency screen first, then context, then criteria.

:func:`self_check` returns a :class:`SelfCheck` widget. Tests, benchmarks and browser tests drive it
through stable handles:

* ``controls`` — name → form widget. Check boxes ``danger_<sign>``, ``context_<item>``,
  ``symptom_<name>``, each group with its explicit ``<group>_none`` box ("none of these");
  radio groups ``body_region``, ``age_band``, ``recent_injury`` ("yes"/"no"), ``timing``,
  ``intensity``, ``trend``, ``location``, ``hydration``; text boxes ``days_since_injury`` and
  ``duration_weeks`` (they start **empty**; a number outside the range gets a message, never a clamp).
* ``check_button`` (CSS class ``selfcheck-check``); ``check()`` does the same;
* ``emergency_html`` — appears at once when a danger sign is ticked, with the emergency destination;
* ``verdict_html`` (CSS class ``selfcheck-verdict``, attributes ``data-urgency`` and ``data-verdict``),
  ``destination_html``, ``reasons_html``, ``red_flags_html``, ``next_steps_html``, ``safety_net_html``,
  ``summary_html``, ``disclaimer_html`` and the always-visible ``emergency_line_html``;
* ``case_buttons`` — one "load worked case" button per notebook-04 scenario; ``load_case(name)``;
* ``assessment`` — the last :class:`~course.selfcheck.Assessment` (``None`` before a check, after an
  error, or once the answers changed); ``error`` — the last error message.

Changing any answer clears the result, so a tier never sits next to answers it was not computed
from. The tier is given in words, with an icon and an Okabe–Ito colour (black text on every banner,
contrast ≥ 4.5:1, checked in the tests). Every check box and radio group has a visible label that is
also its accessible name; the number boxes are labelled with their unit and range.
"""

from __future__ import annotations

import html
from collections.abc import Mapping

import ipywidgets as widgets
import numpy as np
import plotly.graph_objects as go

from course import DISCLAIMER, EMERGENCY_LINE, style
from course.selfcheck import (
    AGE_BANDS,
    BODY_REGIONS,
    CONTEXTS,
    CRITERIA,
    DANGER_SIGNS,
    DAYS_RANGE,
    DESTINATIONS,
    DURATION_WEEKS_RANGE,
    HYDRATIONS,
    INTENSITIES,
    LABELS,
    LOCATIONS,
    SYMPTOMS,
    TIER_ICONS,
    TIER_LABELS,
    TIER_VERDICT,
    TIMINGS,
    TRENDS,
    Answers,
    Assessment,
    RedFlag,
    answers_from_presentation,
    assess,
    screen,
)
from course.ui._common import Explorer, alt_text, set_alt_text

__all__ = [
    "self_check", "SelfCheck", "criteria_grid", "criteria_grid_text", "TIER_COLOURS", "DIRECTION_STYLE",
    "QUESTIONS", "GROUPS", "LABELS",
]

_OI = style.OKABE_ITO
#: Banner colours per tier: (background, text). Black text on each Okabe–Ito colour (WCAG contrast:
#: vermillion 5.4, orange 9.3, yellow 15.4, sky blue 9.3, bluish green 6.1; all ≥ 4.5).
TIER_COLOURS: Mapping[str, tuple[str, str]] = {
    "emergency_now": (_OI["vermillion"], _OI["black"]),
    "urgent_today": (_OI["orange"], _OI["black"]),
    "see_soon": (_OI["yellow"], _OI["black"]),
    "routine": (_OI["sky_blue"], _OI["black"]),
    "self_care": (_OI["bluish_green"], _OI["black"]),
}

#: How each direction is drawn: (icon, word, colour, plot x position, marker symbol).
DIRECTION_STYLE: Mapping[str, tuple[str, str, str, float, str]] = {
    "healing": ("✔", "toward a recovering strain", _OI["bluish_green"], 1.0, "triangle-right"),
    "neutral": ("●", "no clear lean", _OI["black"], 0.0, "circle"),
    "problem": ("▲", "toward a problem", _OI["vermillion"], -1.0, "triangle-left"),
}

#: Check-box groups: name → (answer field, vocabulary). Each has a "none of these" box.
GROUPS: Mapping[str, tuple[str, tuple[str, ...]]] = {
    "danger": ("danger_signs", DANGER_SIGNS),
    "context": ("context", CONTEXTS),
    "symptom": ("symptoms", SYMPTOMS),
}

#: Form questions: control (or group) name → question text shown above it.
QUESTIONS: Mapping[str, str] = {
    "danger": "1. Emergency screen: do you have any of these right now? (tick all that apply)",
    "context": "2. Does any of this apply? (tick all that apply)",
    "body_region": "3. Where are the spasms mainly?",
    "age_band": "4. How old is the person with the spasms?",
    "recent_injury": "5. A strain, tear, operation or blow to the muscle in the past 12 weeks?",
    "days_since_injury": f"days since the injury ({DAYS_RANGE[0]:g}–{DAYS_RANGE[1]:g} days)",
    "timing": "6. When do the spasms happen?",
    "intensity": "7. How strong are they?",
    "trend": "8. Over the past days, are they…",
    "duration_weeks": (
        f"9. How long have they been going on? ({DURATION_WEEKS_RANGE[0]:g}–{DURATION_WEEKS_RANGE[1]:g} weeks)"
    ),
    "location": "10. Where do you feel them?",
    "symptom": "11. Anything else? (tick all that apply)",
    "hydration": "12. Fluids lately?",
}

_RADIOS: Mapping[str, tuple[str, ...]] = {
    "body_region": BODY_REGIONS, "age_band": AGE_BANDS, "timing": TIMINGS, "intensity": INTENSITIES,
    "trend": TRENDS, "location": LOCATIONS, "hydration": HYDRATIONS,
}
_NUMBERS: Mapping[str, tuple[tuple[float, float], str]] = {
    "days_since_injury": (DAYS_RANGE, "days"),
    "duration_weeks": (DURATION_WEEKS_RANGE, "weeks"),
}
_BLACK = _OI["black"]
_WIDE = widgets.Layout(width="auto")


def _css(name: str) -> str:
    return "selfcheck-" + name.replace("_", "-")


def _question(key: str) -> widgets.HTML:
    return widgets.HTML(f'<b id="{_css("q_" + key)}">{html.escape(QUESTIONS[key])}</b>')


def _banner(tier: str, body: str, role: str = "status") -> str:
    bg, fg = TIER_COLOURS.get(tier, ("transparent", _BLACK))
    verdict = TIER_VERDICT.get(tier, tier)
    return (
        f'<div role="{role}" aria-live="polite" data-urgency="{tier}" data-verdict="{verdict}" '
        f'style="background:{bg};color:{fg};border:2px solid {_BLACK};border-radius:6px;'
        f'padding:8px 12px;margin:6px 0;font-size:16px">{body}</div>'
    )


def _tier_body(tier: str, extra: str = "") -> str:
    return (
        f'<span aria-hidden="true" style="font-size:22px">{TIER_ICONS[tier]}</span> '
        f'<b class="selfcheck-tier-label">{html.escape(TIER_LABELS[tier])}</b>'
        f'<span style="font-size:13px"> (urgency: {tier}{extra})</span>'
        f'<br><span class="selfcheck-destination-text">{html.escape(DESTINATIONS[tier])}</span>'
    )


def _flags_list(flags: tuple[RedFlag, ...]) -> str:
    return "".join(
        f"<li><b>{TIER_ICONS[f.tier]} {html.escape(f.label)}</b> — sets at least "
        f"<i>{html.escape(TIER_LABELS[f.tier])}</i>: {html.escape(f.why)}</li>"
        for f in flags
    )


def _reasons_table(a: Assessment) -> str:
    cell = "border:1px solid currentColor;padding:3px 6px;vertical-align:top;text-align:left"
    heads = ("criterion", "your answer", "leans", "points to", "why")
    head = "".join(f'<th scope="col" style="{cell}">{h}</th>' for h in heads)
    rows = [f"<tr>{head}</tr>"]
    for r in a.reasons:
        icon, word, colour, _x, _sym = DIRECTION_STYLE[r.direction]
        rows.append(
            f'<tr><th scope="row" style="{cell}">{html.escape(r.criterion)}</th>'
            f'<td style="{cell}">{html.escape(r.answer)}</td>'
            f'<td style="{cell};border-left:6px solid {colour}"><span aria-hidden="true">{icon}</span> {word}</td>'
            f'<td style="{cell}">{html.escape(r.points_to)}</td>'
            f'<td style="{cell}">{html.escape(r.why)}</td></tr>'
        )
    return (
        f'<table style="border-collapse:collapse;color:{_BLACK};font-size:13px;margin:4px 0">'
        "<caption style='text-align:left'><b>Reasons, one per criterion</b></caption>" + "".join(rows) + "</table>"
    )


def _red_flags_block(a: Assessment) -> str:
    if not a.red_flags:
        unmet = "; ".join(a.self_care_unmet)
        why = f" Not self-care because these conditions are not met: {html.escape(unmet)}." if unmet else ""
        return f"<p><b>Red flags:</b> none — no answer sets a minimum urgency.{why}</p>"
    return (
        f"<p><b>Red flags ({len(a.red_flags)}) — each sets a minimum urgency; the highest decides:</b></p>"
        f"<ul>{_flags_list(a.red_flags)}</ul>"
    )


def _list_block(title: str, items: tuple[str, ...], ordered: bool) -> str:
    tag = "ol" if ordered else "ul"
    body = "".join(f"<li>{html.escape(s)}</li>" for s in items)
    return f"<p><b>{title}</b></p><{tag}>{body}</{tag}>"


def _summary_block(a: Assessment) -> str:
    return (
        "<details><summary><b>Text summary to copy or save</b></summary>"
        f'<pre style="white-space:pre-wrap;overflow-wrap:break-word;user-select:text;font-size:12px;'
        f'color:{_BLACK}">{html.escape(a.summary())}</pre></details>'
    )


def _alt_sentence(a: Assessment) -> str:
    counts = {d: sum(r.direction == d for r in a.reasons) for d in DIRECTION_STYLE}
    problems = [r.criterion for r in a.reasons if r.direction == "problem"]
    tail = f" ({', '.join(problems)})" if problems else ""
    return (
        f"Urgency {a.urgency} ({a.tier_label.lower()}): {counts['healing']} of {len(a.reasons)} criteria "
        f"point toward a recovering strain, {counts['neutral']} show no clear lean and {counts['problem']} "
        f"point toward a problem{tail}; {len(a.red_flags)} red flag(s)."
    )


def _checkbox_group(prefix: str, field: str, values: tuple[str, ...]) -> dict[str, widgets.Checkbox]:
    boxes = {
        f"{prefix}_{v}": widgets.Checkbox(value=False, description=LABELS[field][v], indent=False, layout=_WIDE)
        for v in values
    }
    boxes[f"{prefix}_none"] = widgets.Checkbox(value=False, description="none of these", indent=False, layout=_WIDE)
    return boxes


def _number_box(name: str) -> widgets.Text:
    (lo, hi), unit = _NUMBERS[name]
    label = "days since the injury" if name == "days_since_injury" else "duration so far"
    return widgets.Text(
        value="", placeholder=f"{unit}, {lo:g}–{hi:g}", description=f"{label} ({unit})",
        style={"description_width": "initial"}, continuous_update=False,
        tooltip=f"{label} in {unit}, from {lo:g} to {hi:g}",
    )


def _parse_number(name: str, text: str) -> float:
    (lo, hi), unit = _NUMBERS[name]
    text = text.strip().replace(",", ".")
    if not text:
        raise ValueError(f"{name} is empty: type a number of {unit} from {lo:g} to {hi:g}")
    try:
        return float(text)
    except ValueError:
        raise ValueError(
            f"{name}={text[:20]!r} is not a number: type a number of {unit} from {lo:g} to {hi:g}"
        ) from None


class SelfCheck(Explorer):
    """The self-check form and its result panel (see the module docstring for the handles)."""

    def __init__(self, cases: Mapping[str, object] | None = None) -> None:
        controls: dict[str, widgets.ValueWidget] = {}
        for prefix, (field, values) in GROUPS.items():
            controls.update(_checkbox_group(prefix, field, values))
        for key in ("body_region", "age_band"):
            controls[key] = self._radio(key)
        controls["recent_injury"] = widgets.RadioButtons(
            options=[("yes", "yes"), ("no", "no")], value=None, layout=_WIDE, description="",
        )
        controls["days_since_injury"] = _number_box("days_since_injury")
        controls["days_since_injury"].disabled = True
        for key in ("timing", "intensity", "trend", "location", "hydration"):
            controls[key] = self._radio(key)
        controls["duration_weeks"] = _number_box("duration_weeks")
        for key, control in controls.items():
            control.add_class(_css(key))
        controls["recent_injury"].observe(self._sync_days, names="value")
        self._syncing = False
        for prefix in GROUPS:
            for key in [k for k in controls if k.startswith(prefix + "_")]:
                controls[key].observe(
                    lambda ch, prefix=prefix, key=key: self._exclusive(prefix, key, ch), names="value"
                )

        self.check_button = widgets.Button(
            description="Check", icon="check", tooltip="Apply the emergency screen and the criteria to your answers",
            layout=widgets.Layout(width="10em"),
        )
        self.check_button.add_class("selfcheck-check")
        self.check_button.on_click(lambda _b: self.check())
        self._build_outputs()
        self.cases: dict[str, object] = dict(cases) if cases is not None else _default_cases()
        self.case_buttons = {name: self._case_button(name, case) for name, case in self.cases.items()}
        figure = self._figure()
        children = self._layout(controls)
        self.assessment: Assessment | None = None
        self.error: str | None = None
        super().__init__(children, controls=controls, figures={"criteria": figure}, update=self._mark_stale)

    # -- construction helpers -------------------------------------------------------------------
    @staticmethod
    def _radio(key: str) -> widgets.RadioButtons:
        return widgets.RadioButtons(
            options=[(LABELS[key][v], v) for v in _RADIOS[key]], value=None, layout=_WIDE,
        )

    def _build_outputs(self) -> None:
        def box(name: str, value: str = "") -> widgets.HTML:
            w = widgets.HTML(value)
            w.add_class(_css(name))
            return w

        self.emergency_line_html = box(
            "emergency_line",
            f'<p role="note" style="color:{_BLACK};border:3px solid {_OI["vermillion"]};padding:6px 10px;'
            f'border-radius:6px"><b>{html.escape(EMERGENCY_LINE)}</b></p>',
        )
        self.disclaimer_html = box(
            "disclaimer",
            f'<p role="note" style="color:{_BLACK};border:2px solid {_BLACK};padding:6px 10px;border-radius:6px">'
            f"<b>Education, not diagnosis.</b> {html.escape(DISCLAIMER)}</p>",
        )
        self.emergency_html = box("emergency")
        self.verdict_html = box("verdict")
        self.destination_html = box("destination")
        self.reasons_html = box("reasons")
        self.red_flags_html = box("redflags")
        self.next_steps_html = box("nextsteps")
        self.safety_net_html = box("safetynet")
        self.summary_html = box("summary")
        self.case_note = box("case_note")
        self.figure_words = alt_text("")

    def _figure(self) -> go.FigureWidget:
        fig = style.figure_widget(
            "Which way each criterion points", "← toward a problem · no clear lean · toward a recovering strain →",
            "", height=420, showlegend=False, margin=dict(l=170, r=30, t=50, b=50),
        )
        fig.update_xaxes(range=[-1.8, 1.8], tickvals=[-1, 0, 1], ticktext=["problem", "neutral", "recovering"])
        fig.update_yaxes(categoryorder="array", categoryarray=list(CRITERIA[::-1]), type="category")
        fig.add_scatter(
            x=np.zeros(0), y=np.array([], dtype=object), mode="markers+text", textposition="middle right",
            marker=dict(size=16, line=dict(width=1, color=_BLACK)), hoverinfo="text", cliponaxis=False,
            name="criteria",
        )
        self.result_box = widgets.VBox([
            self.destination_html, self.red_flags_html, self.next_steps_html, self.safety_net_html,
            self.reasons_html, fig, self.figure_words, self.summary_html,
        ])
        self.result_box.add_class("selfcheck-result")
        self.result_box.layout.display = "none"
        return fig

    def _case_button(self, name: str, case: object) -> widgets.Button:
        title = str(getattr(case, "title", name))
        button = widgets.Button(
            description=title, tooltip=f"Load the worked case: {getattr(case, 'description', title)}",
            layout=widgets.Layout(width="auto"),
        )
        button.add_class("selfcheck-case")
        button.add_class(_css(f"case_{name}"))
        button.on_click(lambda _b, name=name: self.load_case(name))
        return button

    def _layout(self, c: Mapping[str, widgets.Widget]) -> list[widgets.Widget]:
        def group(prefix: str) -> widgets.Box:
            keys = [k for k in c if k.startswith(prefix + "_")]
            return widgets.Box([c[k] for k in keys], layout=widgets.Layout(flex_flow="row wrap"))

        screen_box = widgets.VBox(
            [_question("danger"), group("danger"), self.emergency_html],
            layout=widgets.Layout(border=f"3px solid {_OI['vermillion']}", padding="6px 10px", margin="4px 0"),
        )
        screen_box.add_class("selfcheck-screen")
        form = widgets.VBox(
            [
                _question("context"), group("context"),
                _question("body_region"), c["body_region"],
                _question("age_band"), c["age_band"],
                _question("recent_injury"), widgets.HBox([c["recent_injury"], c["days_since_injury"]]),
                _question("timing"), c["timing"],
                _question("intensity"), c["intensity"],
                _question("trend"), c["trend"],
                _question("duration_weeks"), c["duration_weeks"],
                _question("location"), c["location"],
                _question("symptom"), group("symptom"),
                _question("hydration"), c["hydration"],
            ],
            layout=widgets.Layout(border="1px solid", padding="6px 10px", margin="4px 0"),
        )
        form.add_class("selfcheck-form")
        children: list[widgets.Widget] = [self.emergency_line_html, self.disclaimer_html]
        if self.case_buttons:
            children += [
                widgets.HTML("<b>Load a worked case from notebook 04</b> (fills the form and checks it):"),
                widgets.HBox(list(self.case_buttons.values()), layout=widgets.Layout(flex_flow="row wrap")),
                self.case_note,
            ]
        return [*children, screen_box, form, self.check_button, self.verdict_html, self.result_box]

    # -- form behaviour -------------------------------------------------------------------------
    def _sync_days(self, change: dict) -> None:
        self.controls["days_since_injury"].disabled = change["new"] != "yes"

    def _exclusive(self, prefix: str, key: str, change: dict) -> None:
        """'none of these' and the items of its group exclude each other."""
        if self._syncing or not change["new"]:
            return
        self._syncing = True
        try:
            others = [k for k in self.controls if k.startswith(prefix + "_") and k != key]
            if key != f"{prefix}_none":
                others = [f"{prefix}_none"]
            for k in others:
                self.controls[k].value = False
        finally:
            self._syncing = False

    def _group_values(self, prefix: str) -> frozenset[str] | None:
        field, values = GROUPS[prefix]
        ticked = frozenset(v for v in values if self.controls[f"{prefix}_{v}"].value)
        if ticked or self.controls[f"{prefix}_none"].value:
            return ticked
        return None

    def answers(self) -> Answers:
        """Read the form into :class:`Answers` (``ValueError`` naming every unanswered question)."""
        c = self.controls
        sets = {GROUPS[p][0]: self._group_values(p) for p in GROUPS}
        missing = [f"{f} (tick 'none of these' if none apply)" for f, v in sets.items() if v is None]
        missing += [k for k in ("recent_injury", *_RADIOS) if c[k].value is None]
        injury = c["recent_injury"].value == "yes"
        numbers = ["duration_weeks"] + (["days_since_injury"] if injury else [])
        missing += [k for k in numbers if not c[k].value.strip()]
        if missing:
            raise ValueError("please answer every question; still unanswered: " + ", ".join(missing))
        return Answers(
            recent_injury=injury,
            days_since_injury=_parse_number("days_since_injury", c["days_since_injury"].value) if injury else None,
            timing=c["timing"].value, intensity=c["intensity"].value, trend=c["trend"].value,
            duration_weeks=_parse_number("duration_weeks", c["duration_weeks"].value),
            location=c["location"].value, symptoms=sets["symptoms"], hydration=c["hydration"].value,
            danger_signs=sets["danger_signs"], context=sets["context"],
            body_region=c["body_region"].value, age_band=c["age_band"].value,
        )

    def set_answers(self, answers: Answers) -> None:
        """Fill the form with ``answers`` (does not press Check)."""
        if not isinstance(answers, Answers):
            raise TypeError(f"answers must be an Answers record, got {type(answers).__name__}")
        c = self.controls
        for prefix, (field, values) in GROUPS.items():
            chosen = getattr(answers, field)
            for v in values:
                c[f"{prefix}_{v}"].value = v in chosen
            c[f"{prefix}_none"].value = not chosen
        c["recent_injury"].value = "yes" if answers.recent_injury else "no"
        days = answers.days_since_injury
        c["days_since_injury"].value = f"{days:g}" if days is not None else ""
        for key in _RADIOS:
            c[key].value = getattr(answers, key)
        c["duration_weeks"].value = f"{answers.duration_weeks:g}"

    # -- actions ------------------------------------------------------------------------------
    def check(self) -> Assessment | None:
        """Assess the current answers and show the result; return the assessment (None on error).

        With a danger sign ticked the emergency destination is shown even if the rest is unanswered.
        """
        try:
            a = assess(self.answers())
        except (ValueError, TypeError) as exc:
            if self._danger_ticked():
                self._show_screen()
                return None
            self._show_error(str(exc))
            return None
        self._render(a)
        return a

    def _render(self, a: Assessment) -> None:
        self.assessment, self.error = a, None
        n = len(a.red_flags)
        extra = f"; verdict {a.verdict}; {n} red flag{'s' if n != 1 else ''}"
        self.verdict_html.value = _banner(a.urgency, _tier_body(a.urgency, extra),
                                          role="alert" if a.urgency == "emergency_now" else "status")
        self.destination_html.value = f"<p><b>Where to go:</b> {html.escape(a.destination)}</p>"
        self.red_flags_html.value = _red_flags_block(a)
        self.next_steps_html.value = _list_block("Next steps", a.next_steps, ordered=True)
        self.safety_net_html.value = _list_block("Safety net: what to watch for, and by when", a.safety_net, False)
        self.reasons_html.value = _reasons_table(a)
        self.summary_html.value = _summary_block(a)
        self._draw(a)
        self.result_box.layout.display = None

    def _draw(self, a: Assessment) -> None:
        fig = self.figures["criteria"]
        dirs = [r.direction for r in a.reasons]
        with fig.batch_update():
            trace = fig.data[0]
            trace.x = np.array([DIRECTION_STYLE[d][3] for d in dirs])
            trace.y = np.array(CRITERIA, dtype=object)
            trace.text = np.array([DIRECTION_STYLE[d][1] for d in dirs], dtype=object)
            trace.hovertext = np.array([f"{r.criterion}: {r.answer} → {r.points_to}" for r in a.reasons], dtype=object)
            trace.marker.color = np.array([DIRECTION_STYLE[d][2] for d in dirs], dtype=object)
            trace.marker.symbol = np.array([DIRECTION_STYLE[d][4] for d in dirs], dtype=object)
        set_alt_text(self.figure_words, _alt_sentence(a))

    def refresh(self) -> None:
        """Same as pressing Check."""
        self.check()

    def load_case(self, name: str) -> Assessment | None:
        """Fill the form with worked case ``name`` (a notebook-04 scenario) and check it."""
        if name not in self.cases:
            raise ValueError(f"case={name!r} is not valid; choose one of: " + ", ".join(map(repr, self.cases)))
        case = self.cases[name]
        presentation = getattr(case, "presentation", case)
        self.set_answers(answers_from_presentation(presentation))  # type: ignore[arg-type]
        title = getattr(case, "title", name)
        description = getattr(case, "description", "")
        self.case_note.value = (
            f"<p><b>Worked case loaded:</b> {html.escape(str(title))}"
            + (f" — {html.escape(str(description))}" if description else "") + "</p>"
        )
        return self.check()

    def _danger_ticked(self) -> frozenset[str]:
        return frozenset(s for s in DANGER_SIGNS if self.controls[f"danger_{s}"].value)

    def _show_screen(self) -> None:
        """The emergency screen's own result: shown at once when a danger sign is ticked."""
        flags = screen(self._danger_ticked())
        self.emergency_html.value = _banner(
            "emergency_now",
            _tier_body("emergency_now", "; from the emergency screen") + f"<ul>{_flags_list(flags)}</ul>"
            "<span style='font-size:13px'>You do not need to answer the rest of the form.</span>",
            role="alert",
        )

    def _mark_stale(self) -> None:
        if self._danger_ticked():
            self._show_screen()
        else:
            self.emergency_html.value = ""
        if self.assessment is not None or self.error is not None:
            text = "<b>Your answers changed.</b> Press <b>Check</b> to update the result."
        else:
            text = "<b>Not checked yet.</b> Answer every question, then press <b>Check</b>."
        self.assessment = None
        self.error = None
        self.verdict_html.value = _banner("", text)
        self.result_box.layout.display = "none"

    def _show_error(self, message: str) -> None:
        self.assessment = None
        self.error = message
        self.verdict_html.value = _banner(
            "", f"<b>⚠ Cannot check these answers:</b> {html.escape(message)}", role="alert"
        ).replace('data-urgency=""', 'data-urgency="error"').replace('data-verdict=""', 'data-verdict="error"')
        self.result_box.layout.display = "none"


def _default_cases() -> dict[str, object]:
    from course.healing import SCENARIOS

    return dict(SCENARIOS)


def self_check(cases: Mapping[str, object] | None = None) -> SelfCheck:
    """The self-check widget: emergency screen, form, Check button, tier with destination and reasons.

    ``cases`` maps a name to a worked case (an object with ``presentation``, ``title`` and
    ``description``, or a bare presentation dict); by default the notebook-04 scenarios.
    """
    return SelfCheck(cases)


def criteria_grid(assessments: Mapping[str, Assessment], title: str = "Which way each criterion points") -> go.Figure:
    """A static grid: one row per case, one column per criterion, a symbol per direction.

    Direction is carried by the marker shape (▶ recovering strain, ● no clear lean, ◀ problem) as well
    as its colour. The urgency tier is written at the end of each row.
    """
    names = list(assessments)
    fig = style.figure(title, "", "", height=220 + 55 * len(names), showlegend=True,
                       margin=dict(l=200, r=260, t=60, b=160))
    for direction, (_icon, word, colour, _x, symbol) in DIRECTION_STYLE.items():
        pairs = [(r.criterion, n) for n in names for r in assessments[n].reasons if r.direction == direction]
        fig.add_scatter(
            x=[p[0] for p in pairs], y=[p[1] for p in pairs], mode="markers", name=word,
            marker=dict(symbol=symbol, size=15, color=colour, line=dict(width=1, color=_BLACK)),
        )
    for name in names:
        a = assessments[name]
        fig.add_annotation(x=1.01, xref="paper", y=name, yref="y", xanchor="left", showarrow=False,
                           text=f"{TIER_ICONS[a.urgency]} {a.urgency}")
    fig.update_xaxes(type="category", categoryorder="array", categoryarray=list(CRITERIA), tickangle=-30)
    fig.update_yaxes(type="category", categoryorder="array", categoryarray=names[::-1])
    fig.update_layout(legend=dict(orientation="h", yanchor="top", y=-0.5, x=0))
    return fig


def criteria_grid_text(assessments: Mapping[str, Assessment]) -> str:
    """The one-sentence text alternative of :func:`criteria_grid`."""
    parts = []
    for name, a in assessments.items():
        n_problem = sum(r.direction == "problem" for r in a.reasons)
        n_healing = sum(r.direction == "healing" for r in a.reasons)
        parts.append(f"{name}: {n_healing} toward a recovering strain, {n_problem} toward a problem, "
                     f"{len(a.red_flags)} red flag(s), urgency {a.urgency}")
    return "Criteria per case — " + "; ".join(parts) + "."

