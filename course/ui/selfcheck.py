"""The self-check form, version 2 (notebook 06): emergency screen first, then context, then criteria.

:func:`self_check` returns a :class:`SelfCheck` widget, an :class:`~course.ui._common.Explorer` whose
pure :meth:`SelfCheck.compute` turns the form's answers (:class:`SelfCheckInputs`) into a
:class:`SelfCheckView` of HTML strings and plot data. Tests, benchmarks and browser tests drive it
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
  ``summary_html``, ``disclaimer_html`` and the always-visible ``emergency_line_html`` (each is also
  ``texts[<key>]``); ``figures["criteria"]``, the criteria plot, and ``texts["criteria"]``, its text
  alternative;
* ``case_buttons`` — one "load worked case" button per notebook-04 scenario; ``load_case(name)``;
* ``assessment`` — the last :class:`~course.selfcheck.Assessment` (``None`` before a check, after an
  error, or once the answers changed); ``error`` — the last error message.

Only Check (or a worked case) assesses the answers. Changing any answer clears the result, so a tier
never sits next to answers it was not computed from; the emergency box follows the danger signs at
once. The tier is given in words, with an icon and an Okabe–Ito colour (black text on every banner,
contrast ≥ 4.5:1, checked in the tests). Every check box and radio group has a visible label that is
also its accessible name; the number boxes are labelled with their unit and range.
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from dataclasses import dataclass, replace
from types import MappingProxyType

import ipywidgets as widgets
import plotly.graph_objects as go

from course import DISCLAIMER, EMERGENCY_LINE, style
from course.figures.selfcheck import (
    CRITERIA_TRACES,
    DIRECTION_STYLE,
    CriteriaPoints,
    criteria_figure,
    criteria_points,
    criteria_words,
)
from course.healing import SCENARIOS
from course.selfcheck import (
    AGE_BANDS,
    BODY_REGIONS,
    CONTEXTS,
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
from course.ui._common import Explorer, alt_text, push_traces, set_alt_text

__all__ = [
    "self_check", "SelfCheck", "SelfCheckInputs", "SelfCheckView", "SelfCheckResult", "TIER_COLOURS",
    "DIRECTION_STYLE", "QUESTIONS", "GROUPS", "LABELS",
]

_OI = style.OKABE_ITO
#: Banner colours per tier: (background, text). Black text on each Okabe–Ito colour (WCAG contrast:
#: vermillion 5.4, orange 9.3, yellow 15.4, sky blue 9.3, bluish green 6.1; all ≥ 4.5).
TIER_COLOURS: Mapping[str, tuple[str, str]] = MappingProxyType({
    "emergency_now": (_OI["vermillion"], _OI["black"]),
    "urgent_today": (_OI["orange"], _OI["black"]),
    "see_soon": (_OI["yellow"], _OI["black"]),
    "routine": (_OI["sky_blue"], _OI["black"]),
    "self_care": (_OI["bluish_green"], _OI["black"]),
})

#: Check-box groups: name → (answer field, vocabulary). Each has a "none of these" box.
GROUPS: Mapping[str, tuple[str, tuple[str, ...]]] = MappingProxyType({
    "danger": ("danger_signs", DANGER_SIGNS),
    "context": ("context", CONTEXTS),
    "symptom": ("symptoms", SYMPTOMS),
})

#: Form questions: control (or group) name → question text shown above it.
QUESTIONS: Mapping[str, str] = MappingProxyType({
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
})

_RADIOS: Mapping[str, tuple[str, ...]] = MappingProxyType({
    "body_region": BODY_REGIONS, "age_band": AGE_BANDS, "timing": TIMINGS, "intensity": INTENSITIES,
    "trend": TRENDS, "location": LOCATIONS, "hydration": HYDRATIONS,
})
#: Number boxes: name → ((lowest, highest), unit, label).
_NUMBERS: Mapping[str, tuple[tuple[float, float], str, str]] = MappingProxyType({
    "days_since_injury": (DAYS_RANGE, "days", "days since the injury"),
    "duration_weeks": (DURATION_WEEKS_RANGE, "weeks", "duration so far"),
})
#: Control names of each check-box group, its items first and its "none of these" box last.
_GROUP_KEYS: Mapping[str, tuple[str, ...]] = MappingProxyType({
    prefix: (*(f"{prefix}_{v}" for v in values), f"{prefix}_none") for prefix, (_field, values) in GROUPS.items()
})
_KEY_GROUP: Mapping[str, str] = MappingProxyType({k: p for p, keys in _GROUP_KEYS.items() for k in keys})
#: The HTML boxes (``texts``): key → CSS class after ``selfcheck-`` (browser tests select by it).
_TEXT_CSS: Mapping[str, str] = MappingProxyType({
    "emergency_line": "emergency-line", "disclaimer": "disclaimer", "emergency": "emergency",
    "verdict": "verdict", "destination": "destination", "red_flags": "redflags", "next_steps": "nextsteps",
    "safety_net": "safetynet", "reasons": "reasons", "summary": "summary", "case_note": "case-note",
})
#: The result's HTML boxes, filled from :class:`SelfCheckResult` (field name = text key).
_RESULT_TEXTS = ("destination", "red_flags", "next_steps", "safety_net", "reasons", "summary")
_BLACK = _OI["black"]
_WIDE = widgets.Layout(width="auto")
_STATIC_TEXTS: Mapping[str, str] = MappingProxyType({
    "emergency_line": (
        f'<p role="note" style="color:{_BLACK};border:3px solid {_OI["vermillion"]};padding:6px 10px;'
        f'border-radius:6px"><b>{html.escape(EMERGENCY_LINE)}</b></p>'
    ),
    "disclaimer": (
        f'<p role="note" style="color:{_BLACK};border:2px solid {_BLACK};padding:6px 10px;border-radius:6px">'
        f"<b>Education, not diagnosis.</b> {html.escape(DISCLAIMER)}</p>"
    ),
})


# -- HTML of the result (pure string builders) ---------------------------------------------------
def _css(name: str) -> str:
    return "selfcheck-" + name.replace("_", "-")


def _banner(urgency: str, body: str, role: str = "status") -> str:
    """A banner with ``data-urgency`` = ``urgency`` (a tier, ``"error"`` or ``""``) in the tier's colours."""
    bg, fg = TIER_COLOURS.get(urgency, ("transparent", _BLACK))
    verdict = TIER_VERDICT.get(urgency, urgency)
    return (
        f'<div role="{role}" aria-live="polite" data-urgency="{urgency}" data-verdict="{verdict}" '
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


def _screen_html(danger_signs: frozenset[str]) -> str:
    """The emergency screen's own result (``""`` with no danger sign): shown at once, before Check."""
    if not danger_signs:
        return ""
    return _banner(
        "emergency_now",
        _tier_body("emergency_now", "; from the emergency screen") + f"<ul>{_flags_list(screen(danger_signs))}</ul>"
        "<span style='font-size:13px'>You do not need to answer the rest of the form.</span>",
        role="alert",
    )


def _waiting_html(checked_before: bool) -> str:
    if checked_before:
        return _banner("", "<b>Your answers changed.</b> Press <b>Check</b> to update the result.")
    return _banner("", "<b>Not checked yet.</b> Answer every question, then press <b>Check</b>.")


def _error_html(message: str) -> str:
    return _banner("error", f"<b>⚠ Cannot check these answers:</b> {html.escape(message)}", role="alert")


def _verdict_html(a: Assessment) -> str:
    n = len(a.red_flags)
    extra = f"; verdict {a.verdict}; {n} red flag{'s' if n != 1 else ''}"
    return _banner(a.urgency, _tier_body(a.urgency, extra), role="alert" if a.urgency == "emergency_now" else "status")


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


def _case_note_html(name: str, case: object) -> str:
    title = getattr(case, "title", name)
    description = getattr(case, "description", "")
    return (
        f"<p><b>Worked case loaded:</b> {html.escape(str(title))}"
        + (f" — {html.escape(str(description))}" if description else "") + "</p>"
    )


# -- the form's inputs and view ------------------------------------------------------------------
@dataclass(frozen=True)
class SelfCheckInputs:
    """What the form says, read from its controls by :meth:`SelfCheck.read`.

    ``answers`` is ``None`` while the form is incomplete or wrong, and ``error`` then says why (naming
    every unanswered question). ``danger_signs`` are the ticked danger signs, read even when the rest
    is unanswered (the emergency screen answers at once). ``pressed``: Check was pressed (otherwise an
    answer changed). ``checked_before``: Check has shown a result or an error before.
    """

    answers: Answers | None = None
    error: str = ""
    danger_signs: frozenset[str] = frozenset()
    pressed: bool = False
    checked_before: bool = False


@dataclass(frozen=True)
class SelfCheckResult:
    """The result panel of one assessment: HTML of each box, the plot's markers and their text alternative."""

    destination: str
    red_flags: str
    next_steps: str
    safety_net: str
    reasons: str
    summary: str
    words: str
    points: CriteriaPoints


@dataclass(frozen=True)
class SelfCheckView:
    """What the form shows: the emergency box (``""`` with no danger sign), the banner, and the result.

    ``assessment`` and ``result`` are set only after a successful Check, ``error`` only after a Check of
    an incomplete or wrong form; ``checked``: a result or an error has been shown (now or before).
    """

    emergency: str
    verdict: str
    assessment: Assessment | None = None
    error: str | None = None
    result: SelfCheckResult | None = None
    checked: bool = False


def _result(a: Assessment) -> SelfCheckResult:
    return SelfCheckResult(
        destination=f"<p><b>Where to go:</b> {html.escape(a.destination)}</p>",
        red_flags=_red_flags_block(a),
        next_steps=_list_block("Next steps", a.next_steps, ordered=True),
        safety_net=_list_block("Safety net: what to watch for, and by when", a.safety_net, ordered=False),
        reasons=_reasons_table(a),
        summary=_summary_block(a),
        words=criteria_words(a),
        points=criteria_points(a),
    )


# -- widgets -------------------------------------------------------------------------------------
def _question(key: str) -> widgets.HTML:
    return widgets.HTML(f'<b id="{_css("q_" + key)}">{html.escape(QUESTIONS[key])}</b>')


def _checkbox_group(prefix: str) -> dict[str, widgets.Checkbox]:
    field, values = GROUPS[prefix]
    labels = [*(LABELS[field][v] for v in values), "none of these"]
    return {
        key: widgets.Checkbox(value=False, description=label, indent=False, layout=_WIDE)
        for key, label in zip(_GROUP_KEYS[prefix], labels, strict=True)
    }


def _radio(key: str) -> widgets.RadioButtons:
    return widgets.RadioButtons(options=[(LABELS[key][v], v) for v in _RADIOS[key]], value=None, layout=_WIDE)


def _number_box(name: str) -> widgets.Text:
    (lo, hi), unit, label = _NUMBERS[name]
    return widgets.Text(
        value="", placeholder=f"{unit}, {lo:g}–{hi:g}", description=f"{label} ({unit})",
        style={"description_width": "initial"}, continuous_update=False,
        tooltip=f"{label} in {unit}, from {lo:g} to {hi:g}",
    )


def _parse_number(name: str, text: str) -> float:
    (lo, hi), unit, _label = _NUMBERS[name]
    text = text.strip().replace(",", ".")
    if not text:
        raise ValueError(f"{name} is empty: type a number of {unit} from {lo:g} to {hi:g}")
    try:
        return float(text)
    except ValueError:
        raise ValueError(
            f"{name}={text[:20]!r} is not a number: type a number of {unit} from {lo:g} to {hi:g}"
        ) from None


def _text_handle(key: str) -> property:
    """``form.<name>_html``: the ``texts[key]`` box."""
    return property(lambda self: self.texts[key], doc=f"The HTML box ``texts[{key!r}]``.")


class SelfCheck(Explorer):
    """The self-check form and its result panel (see the module docstring for the handles).

    A change of any answer runs :meth:`refresh` (the emergency box follows the danger signs; the
    result is marked stale); :meth:`check` (the Check button) assesses the answers.
    """

    emergency_line_html = _text_handle("emergency_line")
    disclaimer_html = _text_handle("disclaimer")
    emergency_html = _text_handle("emergency")
    verdict_html = _text_handle("verdict")
    destination_html = _text_handle("destination")
    red_flags_html = _text_handle("red_flags")
    next_steps_html = _text_handle("next_steps")
    safety_net_html = _text_handle("safety_net")
    reasons_html = _text_handle("reasons")
    summary_html = _text_handle("summary")

    def __init__(self, cases: Mapping[str, object] | None = None) -> None:
        self.cases: dict[str, object] = dict(cases if cases is not None else SCENARIOS)
        self.check_button = widgets.Button(
            description="Check", icon="check", tooltip="Apply the emergency screen and the criteria to your answers",
            layout=widgets.Layout(width="10em"),
        )
        self.check_button.add_class("selfcheck-check")
        self.check_button.on_click(lambda _b: self.check())
        self.case_buttons = {name: self._case_button(name, case) for name, case in self.cases.items()}
        super().__init__()

    @property
    def assessment(self) -> Assessment | None:
        """The assessment on show (``None`` before a check, after an error, or once the answers changed)."""
        return self.view.assessment

    @property
    def error(self) -> str | None:
        """The error on show after a Check of an incomplete or wrong form (else ``None``)."""
        return self.view.error

    # -- the explorer's parts -------------------------------------------------------------------
    def make_controls(self) -> dict[str, widgets.ValueWidget]:
        controls: dict[str, widgets.ValueWidget] = {}
        for prefix in GROUPS:
            controls.update(_checkbox_group(prefix))
        controls.update(body_region=_radio("body_region"), age_band=_radio("age_band"))
        controls["recent_injury"] = widgets.RadioButtons(
            options=[("yes", "yes"), ("no", "no")], value=None, layout=_WIDE, description="",
        )
        controls["days_since_injury"] = _number_box("days_since_injury")
        controls["days_since_injury"].disabled = True
        controls.update({key: _radio(key) for key in ("timing", "intensity", "trend", "location", "hydration")})
        controls["duration_weeks"] = _number_box("duration_weeks")
        for key, control in controls.items():
            control.add_class(_css(key))
        return controls

    def read(self) -> SelfCheckInputs:
        """The form's answers (or why it has none), its danger signs, and whether a check was shown before."""
        danger = frozenset(s for s in DANGER_SIGNS if self.controls[f"danger_{s}"].value)
        last = getattr(self, "view", None)  # None while the first view is being built
        before = last is not None and last.checked
        try:
            return SelfCheckInputs(self.answers(), "", danger, checked_before=before)
        except (ValueError, TypeError) as exc:
            return SelfCheckInputs(None, str(exc), danger, checked_before=before)

    @staticmethod
    def compute(inputs: SelfCheckInputs) -> SelfCheckView:
        """The view of the form: after a change the result is stale; after Check, the assessment or the error.

        With a danger sign ticked the emergency box is shown in every view, and a Check of an otherwise
        unanswered form leaves the answer to it (no error).
        """
        emergency = _screen_html(inputs.danger_signs)
        if not inputs.pressed or (inputs.answers is None and inputs.danger_signs):
            return SelfCheckView(emergency, _waiting_html(inputs.checked_before), checked=inputs.checked_before)
        if inputs.answers is None:
            return SelfCheckView(emergency, _error_html(inputs.error), error=inputs.error, checked=True)
        a = assess(inputs.answers)
        return SelfCheckView(emergency, _verdict_html(a), assessment=a, result=_result(a), checked=True)

    def make_figures(self, view: SelfCheckView) -> dict[str, go.Figure]:
        return {"criteria": criteria_figure(criteria_points(view.assessment))}

    def make_texts(self) -> dict[str, widgets.HTML]:
        texts = {key: widgets.HTML(_STATIC_TEXTS.get(key, "")) for key in _TEXT_CSS}
        for key, box in texts.items():
            box.add_class("selfcheck-" + _TEXT_CSS[key])
        texts["criteria"] = alt_text()
        return texts

    def arrange(self) -> list[widgets.Widget]:
        c, t = self.controls, self.texts

        def group(prefix: str) -> widgets.Box:
            return widgets.Box([c[k] for k in _GROUP_KEYS[prefix]], layout=widgets.Layout(flex_flow="row wrap"))

        def asked(key: str, answer: widgets.Widget | None = None) -> list[widgets.Widget]:
            return [_question(key), answer if answer is not None else c[key]]

        screen_box = widgets.VBox(
            [*asked("danger", group("danger")), t["emergency"]],
            layout=widgets.Layout(border=f"3px solid {_OI['vermillion']}", padding="6px 10px", margin="4px 0"),
        )
        screen_box.add_class("selfcheck-screen")
        form = widgets.VBox(
            [
                *asked("context", group("context")), *asked("body_region"), *asked("age_band"),
                *asked("recent_injury", widgets.HBox([c["recent_injury"], c["days_since_injury"]])),
                *asked("timing"), *asked("intensity"), *asked("trend"), *asked("duration_weeks"),
                *asked("location"), *asked("symptom", group("symptom")), *asked("hydration"),
            ],
            layout=widgets.Layout(border="1px solid", padding="6px 10px", margin="4px 0"),
        )
        form.add_class("selfcheck-form")
        self.result_box = widgets.VBox([
            t["destination"], t["red_flags"], t["next_steps"], t["safety_net"], t["reasons"],
            self.figures["criteria"], t["criteria"], t["summary"],
        ])
        self.result_box.add_class("selfcheck-result")
        cases: list[widgets.Widget] = [
            widgets.HTML("<b>Load a worked case from notebook 04</b> (fills the form and checks it):"),
            widgets.HBox(list(self.case_buttons.values()), layout=widgets.Layout(flex_flow="row wrap")),
            t["case_note"],
        ] if self.case_buttons else []
        return [
            t["emergency_line"], t["disclaimer"], *cases, screen_box, form, self.check_button, t["verdict"],
            self.result_box,
        ]

    def render(self, view: SelfCheckView) -> None:
        self.texts["emergency"].value = view.emergency
        self.texts["verdict"].value = view.verdict
        self.result_box.layout.display = "none" if view.result is None else None
        if view.result is None:
            return  # the last result stays behind the hidden box until the next check
        r = view.result
        for key in _RESULT_TEXTS:
            self.texts[key].value = getattr(r, key)
        set_alt_text(self.texts["criteria"], r.words)
        pts = r.points
        push_traces(self.figures["criteria"], CRITERIA_TRACES, **{
            prop: {"criteria": value} for prop, value in (
                ("x", pts.x), ("y", pts.y), ("text", pts.text), ("hovertext", pts.hovertext),
                ("marker.color", pts.colour), ("marker.symbol", pts.symbol),
            )
        })

    def on_change(self, name: str, change: dict) -> None:
        """The days box opens with a recent injury; "none of these" and the items of its group exclude
        each other (ticking one unticks the other side)."""
        if name == "recent_injury":
            self._open_days_box()
        elif name in _KEY_GROUP and change["new"]:
            keys = _GROUP_KEYS[_KEY_GROUP[name]]
            others = keys[:-1] if name == keys[-1] else keys[-1:]
            with self.hold():
                for key in others:
                    self.controls[key].value = False

    # -- reading and filling the form -------------------------------------------------------------
    def _open_days_box(self) -> None:
        self.controls["days_since_injury"].disabled = self.controls["recent_injury"].value != "yes"

    def _group_values(self, prefix: str) -> frozenset[str] | None:
        _field, values = GROUPS[prefix]
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
        """Fill the form with ``answers`` (does not press Check: the result is marked stale)."""
        if not isinstance(answers, Answers):
            raise TypeError(f"answers must be an Answers record, got {type(answers).__name__}")
        c = self.controls
        with self.hold():
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
        self._open_days_box()
        self.refresh()

    # -- actions ------------------------------------------------------------------------------
    def check(self) -> Assessment | None:
        """Assess the current answers and show the result; return the assessment (None on error).

        With a danger sign ticked the emergency destination is shown even if the rest is unanswered.
        """
        self.view = self.compute(replace(self.read(), pressed=True))
        self.render(self.view)
        return self.view.assessment

    def load_case(self, name: str) -> Assessment | None:
        """Fill the form with worked case ``name`` (a notebook-04 scenario) and check it."""
        if name not in self.cases:
            raise ValueError(f"case={name!r} is not valid; choose one of: " + ", ".join(map(repr, self.cases)))
        case = self.cases[name]
        presentation = getattr(case, "presentation", case)
        self.set_answers(answers_from_presentation(presentation))  # type: ignore[arg-type]
        self.texts["case_note"].value = _case_note_html(name, case)
        return self.check()

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


def self_check(cases: Mapping[str, object] | None = None) -> SelfCheck:
    """The self-check widget: emergency screen, form, Check button, tier with destination and reasons.

    ``cases`` maps a name to a worked case (an object with ``presentation``, ``title`` and
    ``description``, or a bare presentation dict); by default the notebook-04 scenarios.
    """
    return SelfCheck(cases)
