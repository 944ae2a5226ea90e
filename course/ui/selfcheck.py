"""The self-check form, version 3 (notebook 07): one yes/no question per emergency item first, then age,
onset, injury and context, history, region and the criteria.

:func:`self_check` returns a :class:`SelfCheck` widget, an :class:`~course.ui._common.Explorer` whose
pure :meth:`SelfCheck.compute` turns the form's answers (:class:`SelfCheckInputs`) into a
:class:`SelfCheckView` of HTML strings and plot data. Tests, benchmarks and browser tests drive it
through stable handles:

* ``controls`` — name → form widget. Yes/no radio groups ``danger_<item>`` (one per emergency question,
  values ``"yes"``/``"no"``, both unanswered at first; a "yes" shows the emergency box **and** the
  emergency destination in the result banner at once); check boxes ``context_<item>``,
  ``history_<item>``, ``symptom_<name>``, each group with its explicit ``<group>_none`` box ("none of
  these"); radio groups ``age_band``, ``onset``, ``recent_injury`` ("yes"/"no"), ``body_region``,
  ``timing``, ``intensity``, ``trend``, ``location``, ``hydration``; text boxes ``days_since_injury`` and
  ``duration_weeks`` (they start **empty**; a number outside the range gets a message, never a clamp).
* Layout for small screens and zoom (WCAG 1.4.10 reflow): every question and every check-box label is
  its own wrapping HTML widget (CSS class ``selfcheck-question`` for questions, ``selfcheck-item-label``
  for check-box labels; each check-box row is an ``HBox`` of class ``selfcheck-item`` laid out
  ``row-reverse`` so the box shows first while the label stays the box's accessible name); the
  stylesheet in ``texts["style"]`` (class ``selfcheck-style``) lets radio-option labels wrap inside
  ``.selfcheck-form`` and ``.selfcheck-screen``. No control has a fixed width wider than 12em.
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
from dataclasses import dataclass, fields, replace
from types import MappingProxyType

import ipywidgets as widgets
import plotly.graph_objects as go

from course import DISCLAIMER, EMERGENCY_LINE, record, style
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
    HISTORY,
    HYDRATIONS,
    INTENSITIES,
    LABELS,
    LOCATIONS,
    ONSETS,
    QUESTION_LABELS,
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
    "DIRECTION_STYLE", "QUESTIONS", "GROUPS", "LABELS", "DANGER_QUESTIONS", "FORM_CSS",
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
    "context": ("context", CONTEXTS),
    "history": ("history", HISTORY),
    "symptom": ("symptoms", SYMPTOMS),
})

#: The emergency questions, one yes/no question each, in screen order: item → question text.
DANGER_QUESTIONS: Mapping[str, str] = MappingProxyType({
    s: f"1.{i} {QUESTION_LABELS[s]}" for i, s in enumerate(DANGER_SIGNS, 1)
})

#: Form questions: control (or group) name → question text shown above it (in form order).
QUESTIONS: Mapping[str, str] = MappingProxyType({
    "danger": "1. Emergency questions. Answer yes or no to each: now, or at any time in the past 24 hours?",
    "age_band": "2. How old is the person with the spasms?",
    "onset": "3. How did the spasms or pain begin?",
    "recent_injury": "4. A strain, tear, operation or blow to the muscle in the past 12 weeks?",
    "days_since_injury": f"If yes: how many days ago? ({DAYS_RANGE[0]:g}–{DAYS_RANGE[1]:g} days)",
    "context": "5. Does any of this apply? (tick all that apply)",
    "history": "6. Long-term medicines and conditions: does any of this apply now? (tick all that apply)",
    "body_region": "7. Where are the spasms mainly?",
    "timing": "8. When do the spasms happen?",
    "intensity": "9. How strong are they?",
    "trend": "10. Over the past days, are they…",
    "duration_weeks": (
        f"11. How long have they been going on, in weeks? ({DURATION_WEEKS_RANGE[0]:g}–{DURATION_WEEKS_RANGE[1]:g}"
        " weeks; 1 day is about 0.15 weeks)"
    ),
    "location": "12. Where do you feel them?",
    "symptom": "13. Anything else? (tick all that apply)",
    "hydration": "14. Fluids lately?",
})

#: Words for each answer in "still unanswered" messages (people see words, never field codes).
_MISSING_WORDS: Mapping[str, str] = MappingProxyType({
    "context": "question 5 (what applies: tick 'none of these' if nothing does)",
    "history": "question 6 (medicines and conditions: tick 'none of these' if nothing does)",
    "symptoms": "question 13 (anything else: tick 'none of these' if nothing does)",
    "age_band": "question 2 (age)", "onset": "question 3 (how it began)", "recent_injury": "question 4 (injury)",
    "days_since_injury": "question 4 (days since the injury)", "body_region": "question 7 (where)",
    "timing": "question 8 (when)", "intensity": "question 9 (how strong)", "trend": "question 10 (course)",
    "duration_weeks": "question 11 (how long, in weeks)", "location": "question 12 (where you feel them)",
    "hydration": "question 14 (fluids)",
})

_RADIOS: Mapping[str, tuple[str, ...]] = MappingProxyType({
    "age_band": AGE_BANDS, "onset": ONSETS, "body_region": BODY_REGIONS, "timing": TIMINGS,
    "intensity": INTENSITIES, "trend": TRENDS, "location": LOCATIONS, "hydration": HYDRATIONS,
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
_DANGER_KEYS: tuple[str, ...] = tuple(f"danger_{s}" for s in DANGER_SIGNS)
#: The HTML boxes (``texts``): key → CSS class after ``selfcheck-`` (browser tests select by it).
_TEXT_CSS: Mapping[str, str] = MappingProxyType({
    "style": "style", "emergency_line": "emergency-line", "disclaimer": "disclaimer", "emergency": "emergency",
    "verdict": "verdict", "destination": "destination", "red_flags": "redflags", "next_steps": "nextsteps",
    "safety_net": "safetynet", "reasons": "reasons", "summary": "summary", "case_note": "case-note",
})
#: The result's HTML boxes, filled from :class:`SelfCheckResult` (field name = text key).
_RESULT_TEXTS = ("destination", "red_flags", "next_steps", "safety_net", "reasons", "summary")
_BLACK = _OI["black"]
_WIDE = widgets.Layout(width="auto", max_width="100%")

#: The form's stylesheet: radio-option and check-box labels wrap instead of being clipped, and nothing
#: keeps a fixed width, so the form reflows at 390 px and at 200 % zoom (WCAG 2.1 SC 1.4.10).
FORM_CSS = """
.selfcheck-form, .selfcheck-screen { max-width: 100%; box-sizing: border-box; }
.selfcheck-form .widget-radio-box label, .selfcheck-screen .widget-radio-box label,
.selfcheck-form .jupyter-widget-radio-box label, .selfcheck-screen .jupyter-widget-radio-box label {
  height: auto; min-height: var(--jp-widgets-radio-item-height, 24px); line-height: 1.35;
  white-space: normal; overflow-wrap: anywhere; padding: 2px 0;
}
.selfcheck-form .widget-radio, .selfcheck-screen .widget-radio,
.selfcheck-form .jupyter-widget-radio, .selfcheck-screen .jupyter-widget-radio { width: auto; max-width: 100%; }
.selfcheck-form .widget-checkbox, .selfcheck-form .jupyter-widget-checkbox { width: auto; flex: 0 0 auto; }
.selfcheck-question .widget-html-content, .selfcheck-question .jupyter-widget-html-content,
.selfcheck-item-label .widget-html-content, .selfcheck-item-label .jupyter-widget-html-content {
  white-space: normal; overflow-wrap: anywhere; line-height: 1.35; height: auto;
}
.selfcheck-item { align-items: center; max-width: 100%; }
.selfcheck-item-label { flex: 1 1 auto; min-width: 0; }
.selfcheck-form .widget-text input, .selfcheck-form .jupyter-widget-text input { max-width: 100%; }
.selfcheck-result, .selfcheck-result .widget-html, .selfcheck-result .jupyter-widget-html {
  max-width: 100%; min-width: 0; box-sizing: border-box;
}
.selfcheck-result .widget-html-content, .selfcheck-result .jupyter-widget-html-content {
  display: block; max-width: 100%; min-width: 0; white-space: normal; overflow-wrap: anywhere;
}
"""

_STATIC_TEXTS: Mapping[str, str] = MappingProxyType({
    "style": f"<style>{FORM_CSS}</style>",
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
        + (f'<span style="font-size:13px"> ({extra})</span>' if extra else "") +
        f'<br><span class="selfcheck-destination-text">{html.escape(DESTINATIONS[tier])}</span>'
    )


def _flags_list(flags: tuple[RedFlag, ...]) -> str:
    return "".join(
        f"<li><b>{TIER_ICONS[f.tier]} {html.escape(f.label)}</b> — sets at least "
        f"<i>{html.escape(TIER_LABELS[f.tier])}</i>: {html.escape(f.why)}</li>"
        for f in flags
    )


def _screen_html(danger_signs: frozenset[str]) -> str:
    """The emergency screen's own result (``""`` with no "yes"): shown at once, before Check."""
    if not danger_signs:
        return ""
    advice = "".join(f"<li>{html.escape(f.advice)}</li>" for f in screen(danger_signs))
    return _banner(
        "emergency_now",
        _tier_body("emergency_now", "from the emergency questions") + f"<ul>{_flags_list(screen(danger_signs))}</ul>"
        f"<b>What to do and say:</b><ul>{advice}</ul>"
        "<span style='font-size:13px'>You do not need to answer the rest of the form.</span>",
        role="alert",
    )


def _screen_verdict_html(danger_signs: frozenset[str]) -> str:
    """The result banner while an emergency question is answered "yes": the emergency destination at once."""
    n = len(danger_signs)
    extra = f"{n} emergency answer{'s' if n != 1 else ''}: yes"
    return _banner("emergency_now", _tier_body("emergency_now", extra), role="alert")


def _waiting_html(checked_before: bool) -> str:
    if checked_before:
        return _banner("", "<b>Your answers changed.</b> Press <b>Check</b> to update the result.")
    return _banner("", "<b>Not checked yet.</b> Answer every question, then press <b>Check</b>.")


def _error_html(message: str) -> str:
    return _banner("error", f"<b>⚠ Cannot check these answers:</b> {html.escape(message)}", role="alert")


def _verdict_html(a: Assessment) -> str:
    n = len(a.red_flags)
    extra = f"{n} red flag{'s' if n != 1 else ''}"
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
    return (  # the table scrolls inside its own box on a narrow screen (WCAG 1.4.10 allows it for data tables)
        '<div class="selfcheck-table-scroll" style="max-width:100%;overflow-x:auto">'
        f'<table style="border-collapse:collapse;color:{_BLACK};font-size:13px;margin:4px 0">'
        "<caption style='text-align:left'><b>Reasons, one per criterion</b></caption>" + "".join(rows)
        + "</table></div>"
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
def _question(key: str, text: str | None = None) -> widgets.HTML:
    """A question as its own wrapping HTML widget: also the accessible name of the control just after it."""
    box = widgets.HTML(f'<b id="{_css("q_" + key)}">{html.escape(text or QUESTIONS[key])}</b>', layout=_WIDE)
    box.add_class("selfcheck-question")
    return box


def _checkbox_group(prefix: str) -> dict[str, widgets.Checkbox]:
    """The group's check boxes (no description: each gets a wrapping HTML label in :meth:`SelfCheck.arrange`)."""
    return {
        key: widgets.Checkbox(value=False, description="", indent=False, layout=widgets.Layout(width="auto"),
                              tooltip=label)
        for key, label in zip(_GROUP_KEYS[prefix], _group_labels(prefix), strict=True)
    }


def _group_labels(prefix: str) -> list[str]:
    field, values = GROUPS[prefix]
    return [*(LABELS[field][v] for v in values), "none of these"]


def _yes_no() -> widgets.RadioButtons:
    return widgets.RadioButtons(options=[("yes", "yes"), ("no", "no")], value=None, orientation="horizontal",
                                layout=_WIDE)


def _radio(key: str) -> widgets.RadioButtons:
    return widgets.RadioButtons(options=[(LABELS[key][v], v) for v in _RADIOS[key]], value=None, layout=_WIDE)


def _number_box(name: str) -> widgets.Text:
    (lo, hi), unit, label = _NUMBERS[name]
    return widgets.Text(
        value="", placeholder=f"{unit}, {lo:g}–{hi:g}", description="", continuous_update=False,
        tooltip=f"{label} in {unit}, from {lo:g} to {hi:g}", layout=widgets.Layout(width="12em", max_width="100%"),
    )


def _parse_number(name: str, text: str) -> float:
    (lo, hi), unit, _label = _NUMBERS[name]
    text = text.strip().replace(",", ".")
    if not text:
        raise ValueError(f"{_MISSING_WORDS[name]} is empty: type a number of {unit} from {lo:g} to {hi:g}")
    try:
        value = float(text)
    except ValueError:
        raise ValueError(
            f"{_MISSING_WORDS[name]}: {text[:20]!r} is not a number: type a number of {unit} from {lo:g} to {hi:g}"
        ) from None
    if not lo <= value <= hi:  # also NaN and infinity: a message in words, never a clamp
        raise ValueError(f"{_MISSING_WORDS[name]}: {text[:20]} is outside {lo:g}–{hi:g} {unit}; "
                         f"type a number of {unit} from {lo:g} to {hi:g}")
    return value


def _text_handle(key: str) -> property:
    """``form.<name>_html``: the ``texts[key]`` box."""
    return property(lambda self: self.texts[key], doc=f"The HTML box ``texts[{key!r}]``.")


class SelfCheck(Explorer):
    """The self-check form and its result panel (see the module docstring for the handles).

    A change of any answer runs :meth:`refresh` (a "yes" to an emergency question shows the emergency box
    and the emergency destination in the banner at once; otherwise the result is marked stale);
    :meth:`check` (the Check button) assesses the answers.
    """

    live_what, live_noun = "Self-check form", "form"
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
        self._case_name = ""  # the worked case being checked (recorded with the answers), or "" for the form
        self.check_button = widgets.Button(
            description="Check", icon="check", tooltip="Apply the emergency questions and the criteria to your answers",
            layout=widgets.Layout(width="auto", min_width="8em"),
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
        controls: dict[str, widgets.ValueWidget] = {key: _yes_no() for key in _DANGER_KEYS}
        controls.update(age_band=_radio("age_band"), onset=_radio("onset"), recent_injury=_yes_no())
        controls["days_since_injury"] = _number_box("days_since_injury")
        controls["days_since_injury"].disabled = True
        controls.update(_checkbox_group("context"))
        controls.update(_checkbox_group("history"))
        controls.update({key: _radio(key) for key in ("body_region", "timing", "intensity", "trend")})
        controls["duration_weeks"] = _number_box("duration_weeks")
        controls["location"] = _radio("location")
        controls.update(_checkbox_group("symptom"))
        controls["hydration"] = _radio("hydration")
        for key, control in controls.items():
            control.add_class(_css(key))
        return controls

    def read(self) -> SelfCheckInputs:
        """The form's answers (or why it has none), its "yes" emergency answers, and whether a check was shown."""
        danger = frozenset(s for s in DANGER_SIGNS if self.controls[f"danger_{s}"].value == "yes")
        last = getattr(self, "view", None)  # None while the first view is being built
        before = last is not None and last.checked
        try:
            return SelfCheckInputs(self.answers(), "", danger, checked_before=before)
        except (ValueError, TypeError) as exc:
            return SelfCheckInputs(None, str(exc), danger, checked_before=before)

    @staticmethod
    def compute(inputs: SelfCheckInputs) -> SelfCheckView:
        """The view of the form: after a change the result is stale; after Check, the assessment or the error.

        A "yes" to any emergency question shows the emergency box and puts the emergency destination in the
        result banner at once (before Check, and after a Check of an otherwise unanswered form).
        """
        emergency = _screen_html(inputs.danger_signs)
        if inputs.danger_signs and (not inputs.pressed or inputs.answers is None):
            return SelfCheckView(emergency, _screen_verdict_html(inputs.danger_signs), checked=inputs.checked_before)
        if not inputs.pressed:
            return SelfCheckView(emergency, _waiting_html(inputs.checked_before), checked=inputs.checked_before)
        if inputs.answers is None:
            return SelfCheckView(emergency, _error_html(inputs.error), error=inputs.error, checked=True)
        a = assess(inputs.answers)
        return SelfCheckView(emergency, _verdict_html(a), assessment=a, result=_result(a), checked=True)

    def make_figures(self, view: SelfCheckView) -> dict[str, go.Figure]:
        return {"criteria": criteria_figure(criteria_points(view.assessment))}

    def make_texts(self) -> dict[str, widgets.HTML]:
        texts = {key: widgets.HTML(_STATIC_TEXTS.get(key, ""), layout=_WIDE) for key in _TEXT_CSS}
        for key, box in texts.items():
            box.add_class("selfcheck-" + _TEXT_CSS[key])
        texts["criteria"] = alt_text()
        return texts

    def arrange(self) -> list[widgets.Widget]:
        c, t = self.controls, self.texts

        def item(key: str, label: str) -> widgets.HBox:
            # DOM order label → box (the label names the box for screen readers); shown box → label
            text = widgets.HTML(html.escape(label), layout=widgets.Layout(flex="1 1 auto", min_width="0"))
            text.add_class("selfcheck-item-label")
            row = widgets.HBox([text, c[key]], layout=widgets.Layout(
                flex_flow="row-reverse", justify_content="flex-end", max_width="100%"))
            row.add_class("selfcheck-item")
            return row

        def group(prefix: str) -> widgets.VBox:
            return widgets.VBox([item(k, label) for k, label in zip(_GROUP_KEYS[prefix], _group_labels(prefix),
                                                                     strict=True)], layout=_WIDE)

        def asked(key: str, answer: widgets.Widget | None = None) -> list[widgets.Widget]:
            return [_question(key), answer if answer is not None else c[key]]

        dangers: list[widgets.Widget] = []
        for s in DANGER_SIGNS:
            dangers += [_question(f"danger_{s}", DANGER_QUESTIONS[s]), c[f"danger_{s}"]]
        screen_box = widgets.VBox(
            [_question("danger"), *dangers, t["emergency"]],
            layout=widgets.Layout(border=f"3px solid {_OI['vermillion']}", padding="6px 10px", margin="4px 0",
                                  max_width="100%"),
        )
        screen_box.add_class("selfcheck-screen")
        form = widgets.VBox(
            [
                *asked("age_band"), *asked("onset"), *asked("recent_injury"), *asked("days_since_injury"),
                *asked("context", group("context")), *asked("history", group("history")), *asked("body_region"),
                *asked("timing"), *asked("intensity"), *asked("trend"), *asked("duration_weeks"),
                *asked("location"), *asked("symptom", group("symptom")), *asked("hydration"),
            ],
            layout=widgets.Layout(border="1px solid", padding="6px 10px", margin="4px 0", max_width="100%"),
        )
        form.add_class("selfcheck-form")
        self.result_box = widgets.VBox([
            t["destination"], t["red_flags"], t["next_steps"], t["safety_net"], t["reasons"],
            self.figures["criteria"], t["criteria"], t["summary"],
        ], layout=widgets.Layout(max_width="100%"))
        self.result_box.add_class("selfcheck-result")
        cases: list[widgets.Widget] = [
            widgets.HTML("<b>Load a worked case from notebook 05</b> (fills the form and checks it):", layout=_WIDE),
            widgets.HBox(list(self.case_buttons.values()), layout=widgets.Layout(flex_flow="row wrap")),
            t["case_note"],
        ] if self.case_buttons else []
        return [
            t["style"], t["emergency_line"], t["disclaimer"], *cases, screen_box, t["verdict"], form,
            self.check_button, self.result_box,
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
        """Read the form into :class:`Answers` (``ValueError`` naming every unanswered question in words)."""
        c = self.controls
        unanswered = [f"1.{i}" for i, key in enumerate(_DANGER_KEYS, 1) if c[key].value is None]
        plural = "s" if len(unanswered) > 1 else ""
        missing = [f"emergency question{plural} " + ", ".join(unanswered)] if unanswered else []
        sets = {GROUPS[p][0]: self._group_values(p) for p in GROUPS}
        missing += [_MISSING_WORDS[f] for f, v in sets.items() if v is None]
        missing += [_MISSING_WORDS[k] for k in ("recent_injury", *_RADIOS) if c[k].value is None]
        injury = c["recent_injury"].value == "yes"
        numbers = ["duration_weeks"] + (["days_since_injury"] if injury else [])
        missing += [_MISSING_WORDS[k] for k in numbers if not c[k].value.strip()]
        if missing:
            raise ValueError("please answer every question; still unanswered: " + "; ".join(missing))
        answered = {f: v for f, v in sets.items() if v is not None}  # every group answered (checked above)
        if c["timing"].value == "rest_after_injury" and not injury:
            raise ValueError(f"question 8: '{LABELS['timing']['rest_after_injury']}' needs a yes to question 4 "
                             "(an injury in the past 12 weeks); otherwise choose another answer")
        return Answers(
            recent_injury=injury,
            days_since_injury=_parse_number("days_since_injury", c["days_since_injury"].value) if injury else None,
            timing=c["timing"].value, intensity=c["intensity"].value, trend=c["trend"].value,
            duration_weeks=_parse_number("duration_weeks", c["duration_weeks"].value),
            location=c["location"].value, symptoms=answered["symptoms"], hydration=c["hydration"].value,
            danger_signs=frozenset(s for s in DANGER_SIGNS if c[f"danger_{s}"].value == "yes"),
            context=answered["context"], body_region=c["body_region"].value, age_band=c["age_band"].value,
            onset=c["onset"].value, history=answered["history"],
        )

    def set_answers(self, answers: Answers) -> None:
        """Fill the form with ``answers`` (does not press Check: the result is marked stale)."""
        if not isinstance(answers, Answers):
            raise TypeError(f"answers must be an Answers record, got {type(answers).__name__}")
        c = self.controls
        with self.hold():
            for s in DANGER_SIGNS:
                c[f"danger_{s}"].value = "yes" if s in answers.danger_signs else "no"
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
        if self.view.assessment is not None:
            _record_case(self.view.assessment, self._case_name)
        self._case_name = ""
        return self.view.assessment

    def load_case(self, name: str) -> Assessment | None:
        """Fill the form with worked case ``name`` (a notebook-04 scenario) and check it."""
        if name not in self.cases:
            raise ValueError(f"case={name!r} is not valid; choose one of: " + ", ".join(map(repr, self.cases)))
        case = self.cases[name]
        presentation = getattr(case, "presentation", case)
        self.set_answers(answers_from_presentation(presentation))  # type: ignore[arg-type]
        self.texts["case_note"].value = _case_note_html(name, case)
        self._case_name = name
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


def _record_case(a: Assessment, case: str) -> None:
    """Append a checked practice case (the answers and the tier) to the student record; never break the form."""
    answers = {
        f.name: sorted(v) if isinstance(v := getattr(a.answers, f.name), frozenset) else v
        for f in fields(a.answers)
    }
    try:
        record.append("selfcheck", "selfcheck", case or "form",
                      {"answers": answers, "tier": a.urgency, "tier_label": a.tier_label})
    except OSError:  # pragma: no cover - read-only home, full disk
        pass


def self_check(cases: Mapping[str, object] | None = None) -> SelfCheck:
    """The self-check widget: emergency screen, form, Check button, tier with destination and reasons.

    ``cases`` maps a name to a worked case (an object with ``presentation``, ``title`` and
    ``description``, or a bare presentation dict); by default the notebook-04 scenarios.
    """
    return SelfCheck(cases)
