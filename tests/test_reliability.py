"""Reliability: slider-grid sweeps of every explorer, the self-check form, no eval/exec, no network,
no writes outside temporary or user-chosen paths (issue 8, "Reliability").

The sweeps are generic: every explorer listed in ``course.ui.EXPLORERS`` is built and every control in
its ``controls`` mapping is driven, so a new explorer or control is covered without editing this file.
Run with ``-s`` to see the number of states tried per explorer and the time it took.
"""

from __future__ import annotations

import ast
import hashlib
import html
import itertools
import json
import math
import os
import re
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import ipywidgets as widgets
import numpy as np
import pytest

import course
import course.ui
from course import selfcheck

REPO = Path(__file__).resolve().parents[1]
PACKAGE = Path(course.__file__).resolve().parent

#: Points per slider in the one-at-a-time sweep (both ends included); a slider with fewer positions
#: than this gets every position it has.
SLIDER_POINTS = 21

#: What the sweep types into a text box (the self-check's number boxes, which start empty): the first
#: and last are valid for both boxes (the pair sweep uses them); empty, not a number, negative, too
#: large and NaN must each give a message naming the box (never a clamp); a decimal comma and spaces
#: are read as a number.
FORM_TEXT_VALUES = ("0", "", "abc", "-1", "nan", "9999", "2,5", " 4 ", "84")

#: Traces that deliberately hold only NaN to hide a marker line (plotly draws nothing for NaN).
#: (explorer, figure, trace name) → why. Only *all*-NaN arrays are allowed on them, never ±inf and
#: never a partly-NaN array; every other trace must be entirely finite.
HIDDEN_BY_NAN: dict[tuple[str, str, str], str] = {}  # none at present: explorers hide traces with `visible`

_BAD_WORD = re.compile(r"(?<![\w-])(nan|[+−-]?inf)(?![\w-])", re.IGNORECASE)
_NUMERIC_ATTRS = ("x", "y", "z", "base", "width")


# ------------------------------------------------------------------------------------------------
# Control grids
# ------------------------------------------------------------------------------------------------
def _option_values(w: widgets.Widget) -> list:
    return [o[1] if isinstance(o, tuple) and len(o) == 2 else o for o in w.options]


def _is_numeric_control(w: widgets.Widget) -> bool:
    return isinstance(w.value, (int, float)) and not isinstance(w.value, bool) and hasattr(w, "min")


def _numeric_grid(w: widgets.Widget, n: int = SLIDER_POINTS) -> list[float]:
    """``n`` evenly spaced values from min to max snapped to the control's step (ends included), or every
    position when the control has fewer; integer controls get integers."""
    lo, hi = float(w.min), float(w.max)
    step = float(getattr(w, "step", 0) or 0)
    raw = np.linspace(lo, hi, n)
    if step > 0:
        positions = int(round((hi - lo) / step)) + 1
        if positions <= n:
            raw = lo + step * np.arange(positions)
        else:
            raw = lo + step * np.round((raw - lo) / step)
    vals = np.clip(np.round(raw, 9), lo, hi)
    vals[0], vals[-1] = lo, hi
    out = list(dict.fromkeys(float(v) for v in vals))
    if isinstance(w, (widgets.IntSlider, widgets.BoundedIntText, widgets.IntText)):
        out = list(dict.fromkeys(int(round(v)) for v in out))
    return out


def control_values(w: widgets.Widget) -> list:
    """Every value the sweep gives control ``w``: all options, both booleans, or a slider grid."""
    if hasattr(w, "options"):
        return _option_values(w)
    if isinstance(w.value, bool):
        return [False, True]
    if _is_numeric_control(w):
        return _numeric_grid(w)
    if isinstance(w, widgets.Text):
        return list(FORM_TEXT_VALUES)
    raise AssertionError(
        f"the sweep does not know how to drive a {type(w).__name__}; add it to control_values"
    )


def control_extremes(w: widgets.Widget) -> tuple:
    vals = control_values(w)
    return vals[0], vals[-1]


def _set(w: widgets.Widget, value) -> None:
    if w.value != value:
        w.value = value


# ------------------------------------------------------------------------------------------------
# Figure checks
# ------------------------------------------------------------------------------------------------
def _as_numeric(arr) -> np.ndarray | None:
    """``arr`` as a float array, or None for text/categorical data. ``None`` entries become NaN."""
    if arr is None:
        return None
    if isinstance(arr, (str, bytes)):
        return None
    if isinstance(arr, (int, float, np.number)) and not isinstance(arr, bool):
        return np.array([float(arr)])
    a = np.asarray(arr)
    if a.dtype.kind in "iufb":
        return a.astype(float).ravel()
    if a.dtype.kind == "O":
        items = a.ravel().tolist()
        if any(isinstance(v, (str, bytes)) for v in items):
            return None  # categorical axis (strings); checked as text instead
        try:
            return np.array([np.nan if v is None else float(v) for v in items], dtype=float)
        except (TypeError, ValueError):
            return None
    return None  # strings / datetimes


def _walk_numbers(obj, path: str = ""):
    if isinstance(obj, dict):
        for k, v in obj.items():
            yield from _walk_numbers(v, f"{path}.{k}")
    elif isinstance(obj, (list, tuple)):
        for i, v in enumerate(obj):
            yield from _walk_numbers(v, f"{path}[{i}]")
    elif isinstance(obj, np.ndarray):
        if obj.dtype.kind in "iuf":
            yield path, obj.astype(float)
    elif isinstance(obj, (float, np.floating)):
        yield path, np.array([float(obj)])


def figure_problems(explorer_name: str, fig_name: str, fig) -> list[str]:
    """Everything wrong with one FigureWidget: no traces, no finite point at all, NaN/inf in a numeric
    array (except the documented hidden traces), mismatched x/y lengths, NaN/inf in the layout, or the
    words "nan"/"inf" in trace text and names."""
    problems: list[str] = []
    if len(fig.data) == 0:
        return [f"{fig_name}: no traces"]
    finite_points = 0
    for i, tr in enumerate(fig.data):
        label = f"{fig_name}[{i}] {tr.name!r}"
        hidden_ok = (explorer_name, fig_name, tr.name) in HIDDEN_BY_NAN
        lengths = {}
        for attr in _NUMERIC_ATTRS:
            if attr not in tr:
                continue
            raw = tr[attr]
            num = _as_numeric(raw)
            if raw is not None and not isinstance(raw, (str, bytes, int, float)):
                lengths[attr] = len(np.ravel(np.asarray(raw, dtype=object)))
            if num is None or num.size == 0:
                continue
            bad = ~np.isfinite(num)
            if np.isinf(num).any():
                problems.append(f"{label}.{attr} contains ±inf")
            elif bad.any() and not (hidden_ok and bad.all()):
                problems.append(f"{label}.{attr} contains {int(bad.sum())} NaN/None of {num.size}")
            if attr in ("x", "y", "z"):
                finite_points += int((~bad).sum())
        if "x" in lengths and "y" in lengths and lengths["x"] != lengths["y"]:
            problems.append(f"{label}: len(x)={lengths['x']} != len(y)={lengths['y']}")
        for attr in ("text", "name", "hovertext"):
            if attr not in tr or tr[attr] is None:
                continue
            raw = tr[attr]
            texts = (
                [raw] if isinstance(raw, str) else [str(t) for t in np.ravel(np.asarray(raw, dtype=object))]
            )
            for t in texts:
                if _BAD_WORD.search(t):
                    problems.append(f"{label}.{attr} shows {t!r}")
                    break
    if finite_points == 0:
        problems.append(f"{fig_name}: no finite data point in any trace")
    for path, arr in _walk_numbers(fig.layout.to_plotly_json(), "layout"):
        if not np.all(np.isfinite(arr)):
            problems.append(f"{fig_name} {path} = {arr.tolist()} is not finite")
    title = fig.layout.title.text or ""
    if _BAD_WORD.search(title):
        problems.append(f"{fig_name} title shows {title!r}")
    return problems


def text_problems(explorer) -> list[str]:
    """The live text boxes (alt texts, status, summary) must not say "nan"/"inf"."""
    out = []
    for key, box in getattr(explorer, "texts", {}).items():
        plain = re.sub(r"<[^>]+>", " ", str(box.value))
        m = _BAD_WORD.search(plain)
        if m:
            out.append(f"text {key!r} shows {m.group(0)!r}: …{plain[max(0, m.start() - 60) : m.end() + 20]}…")
    return out


# ------------------------------------------------------------------------------------------------
# Sweep
# ------------------------------------------------------------------------------------------------
def _is_form(explorer) -> bool:
    return hasattr(explorer, "check_button")


def sweep_states(explorer):
    """Yield (description, {control: value}) for every state of the sweep.

    1. every control alone over its whole range (others at their defaults);
    2. every pair of controls at (min, min), (min, max), (max, min), (max, max) (others at defaults).
    Values are set in the order given, as a user would; each state starts from the defaults.
    """
    names = list(explorer.controls)
    for name in names:
        for v in control_values(explorer.controls[name]):
            yield f"{name}={v!r}", {name: v}
    for a, b in itertools.combinations(names, 2):
        for va, vb in itertools.product(
            control_extremes(explorer.controls[a]), control_extremes(explorer.controls[b])
        ):
            yield f"{a}={va!r}, {b}={vb!r}", {a: va, b: vb}


def run_sweep(name: str) -> tuple[int, int, float]:
    """Build explorer ``name`` and drive it through :func:`sweep_states`, checking every state.

    Returns (states tried, states the grid defines, seconds).
    """
    explorer = getattr(course.ui, name)()
    form = _is_form(explorer)
    check_state = check_form_state if form else check_explorer_state
    if form:
        # A form starts unanswered; sweep around a complete answer set (the self-care worked case:
        # every "none of these" ticked, both number boxes filled) so that single-control states give
        # a tier, and every change that raises the urgency shows.
        explorer.set_answers(selfcheck.EXAMPLES["strain_healing"][1])
        # The form has ~40 controls (~3,500 states): its criteria plot — redrawn from the reasons
        # alone — is inspected in every 10th state; the tier, banner and texts in every state.
        states = itertools.count()

        def check_state(name, explorer, state):
            return check_form_state(name, explorer, state, figures=next(states) % 10 == 0)
    defaults = {k: w.value for k, w in explorer.controls.items()}
    n_grid = sum(len(control_values(w)) for w in explorer.controls.values())
    n_grid += 4 * math.comb(len(explorer.controls), 2)
    start = time.perf_counter()
    n = 0
    failures: list[str] = []
    for label, state in sweep_states(explorer):
        # back to the defaults (controls linked to a preset or a scenario may have moved)
        for k, v in defaults.items():
            if k not in state:
                _set(explorer.controls[k], v)
        try:
            for k, v in state.items():
                _set(explorer.controls[k], v)
            problems = check_state(name, explorer, state)
        except Exception as exc:  # noqa: BLE001 - the sweep reports every failure with its state
            problems = [f"{type(exc).__name__}: {exc}"]
        n += 1
        if problems:
            failures.append(f"{label}: " + "; ".join(problems[:3]))
    seconds = time.perf_counter() - start
    print(f"\n[sweep] {name}: {n} states in {seconds:.1f} s ({len(explorer.controls)} controls)")
    assert not failures, f"{name}: {len(failures)} of {n} states failed:\n" + "\n".join(failures[:15])
    return n, n_grid, seconds


def check_explorer_state(name: str, explorer, state: dict) -> list[str]:
    problems = []
    for fig_name, fig in explorer.figures.items():
        problems += figure_problems(name, fig_name, fig)
    return problems + text_problems(explorer)


#: The self-check form's check-box groups: prefix → (answer field, vocabulary); each group also has
#: its ``<prefix>_none`` box ("none of these").
FORM_GROUPS = {
    "context": ("context", selfcheck.CONTEXTS),
    "history": ("history", selfcheck.HISTORY),
    "symptom": ("symptoms", selfcheck.SYMPTOMS),
}
FORM_RADIOS = ("age_band", "onset", "recent_injury", "body_region", "timing", "intensity", "trend", "location",
               "hydration")
#: The emergency questions: one yes/no radio group each (``danger_<item>``), both answers required.
DANGER_KEYS = tuple(f"danger_{s}" for s in selfcheck.DANGER_SIGNS)
#: How the form names each question in its messages (version 3: in words and numbers, never field codes).
QUESTION_WORDS = {
    "age_band": "question 2", "onset": "question 3", "recent_injury": "question 4", "days_since_injury": "question 4",
    "context": "question 5", "history": "question 6", "body_region": "question 7", "timing": "question 8",
    "intensity": "question 9", "trend": "question 10", "duration_weeks": "question 11", "location": "question 12",
    "symptoms": "question 13", "hydration": "question 14", "danger_signs": "emergency question",
}


class Unanswered(ValueError):
    """The form is incomplete: ``fields`` are the unanswered questions."""

    def __init__(self, fields: list[str]) -> None:
        super().__init__("unanswered: " + ", ".join(fields))
        self.fields = fields


class NotANumber(ValueError):
    """A number box holds text that is not a number."""

    def __init__(self, field: str) -> None:
        super().__init__(f"{field} is not a number")
        self.field = field


def _form_number(field: str, text: str) -> float:
    try:
        return float(text.strip().replace(",", "."))
    except ValueError:
        raise NotANumber(field) from None


def _form_answers(form) -> selfcheck.Answers | Exception:
    """What the form's answers should give, read from its controls independently of the form's own
    code: :class:`Answers`, or the error (:class:`Unanswered`, :class:`NotANumber` or the ValueError
    that :class:`Answers` raises for a contradiction or a number out of range)."""
    c = form.controls
    sets, missing = {}, []
    if any(c[k].value is None for k in DANGER_KEYS):
        missing.append("danger_signs")
    for prefix, (field, vocabulary) in FORM_GROUPS.items():
        ticked = frozenset(v for v in vocabulary if c[f"{prefix}_{v}"].value)
        if not ticked and not c[f"{prefix}_none"].value:
            missing.append(field)
        sets[field] = ticked
    missing += [k for k in FORM_RADIOS if c[k].value is None]
    injury = c["recent_injury"].value == "yes"
    missing += [k for k in ("duration_weeks", "days_since_injury") if not c[k].value.strip()
                and (k == "duration_weeks" or injury)]
    if missing:
        return Unanswered(missing)
    try:
        return selfcheck.Answers(
            recent_injury=injury,
            days_since_injury=_form_number("days_since_injury", c["days_since_injury"].value) if injury else None,
            timing=c["timing"].value,
            intensity=c["intensity"].value,
            trend=c["trend"].value,
            duration_weeks=_form_number("duration_weeks", c["duration_weeks"].value),
            location=c["location"].value,
            symptoms=sets["symptoms"],
            hydration=c["hydration"].value,
            danger_signs=_yes(form),
            context=sets["context"],
            body_region=c["body_region"].value,
            age_band=c["age_band"].value,
            onset=c["onset"].value,
            history=sets["history"],
        )
    except ValueError as exc:
        return exc


def _yes(form) -> frozenset[str]:
    """The emergency questions answered "yes"."""
    return frozenset(s for s in selfcheck.DANGER_SIGNS if form.controls[f"danger_{s}"].value == "yes")


def _always_visible_problems(form) -> list[str]:
    """The emergency line, the disclaimer and the form's invariants, whatever the state."""
    problems = []
    line = form.emergency_line_html.value
    if not all(n in line for n in ("999", "112", "911")):
        problems.append("emergency line missing or without 999/112/911")
    disclaimer = form.disclaimer_html.value.lower()
    if "education" not in disclaimer or "diagnos" not in disclaimer:
        problems.append("disclaimer missing")
    c = form.controls
    for prefix, (_field, vocabulary) in FORM_GROUPS.items():
        if c[f"{prefix}_none"].value and any(c[f"{prefix}_{v}"].value for v in vocabulary):
            problems.append(f"'{prefix}_none' ticked together with an item of its group")
    if c["days_since_injury"].disabled != (c["recent_injury"].value != "yes"):
        problems.append("days_since_injury enabled without a recent injury (or disabled with one)")
    danger = sorted(_yes(form))
    box = form.emergency_html.value
    if danger and ('data-urgency="emergency_now"' not in box or "999" not in box):
        problems.append(f"danger sign {danger} ticked but no emergency box: {box[:120]!r}")
    banner = form.verdict_html.value
    if danger and ('data-urgency="emergency_now"' not in banner or "999" not in banner):
        problems.append(f"emergency answer {danger} but the result banner does not send to 999: {banner[:120]!r}")
    if not danger and box:
        problems.append("emergency box shown with no danger sign ticked")
    return problems


def check_form_state(name: str, form, state: dict, figures: bool = True) -> list[str]:
    """Press Check: the tier banner (``data-urgency``) must equal ``assess(...).urgency`` of the answers
    read independently from the controls, with its label and destination; an incomplete or wrong form
    gets an error naming the question instead (or, with a danger sign ticked, the emergency box); the
    emergency line, the disclaimer and the "none of these" exclusivity hold in every state. With
    ``figures=False`` the criteria plot is not inspected (the slow part of the check)."""
    form.check_button.click()
    expected = _form_answers(form)
    banner = form.verdict_html.value
    problems = _always_visible_problems(form)
    if isinstance(expected, Exception):
        if form.assessment is not None:
            problems.append(f"a tier ({form.assessment.urgency}) shown for answers that give {expected}")
        if _yes(form):
            return problems  # the emergency screen answers on its own (checked above)
        if 'data-urgency="error"' not in banner or not form.error:
            problems.append(f"expected an error banner for {expected}, got {banner[:200]!r}")
        elif isinstance(expected, Unanswered):
            problems += [f"error does not name {f!r}: {form.error!r}" for f in expected.fields
                         if QUESTION_WORDS[f] not in form.error]
        elif isinstance(expected, NotANumber):
            if QUESTION_WORDS[expected.field] not in form.error or "not a number" not in form.error:
                problems.append(f"error {form.error!r} does not say {expected.field} is not a number")
        else:  # a number out of range or a contradiction: named by its question, in words
            field = next(f for f in QUESTION_WORDS if str(expected).startswith(f))
            if QUESTION_WORDS[field] not in form.error:
                problems.append(f"error shown {form.error!r} does not name the question of: {expected}")
        codes = [v for v in (*selfcheck.TIMINGS, *selfcheck.ANSWER_FIELDS) if "_" in v and v in form.error]
        if codes:
            problems.append(f"engine codes {codes} shown in the error {form.error!r}")
        return problems
    want = selfcheck.assess(expected)
    if form.assessment is None:
        return [*problems, f"no tier shown (error: {form.error!r})"]
    if form.assessment.answers != expected:
        problems.append(f"the form read {form.assessment.answers}, the controls say {expected}")
    if form.assessment.urgency != want.urgency or f'data-urgency="{want.urgency}"' not in banner:
        problems.append(f"tier {form.assessment.urgency!r} shown, assess() gives {want.urgency!r}")
    if html.escape(want.tier_label) not in banner or html.escape(want.destination) not in banner:
        problems.append("tier label or destination not in the banner")
    if want.urgency == "emergency_now" and 'role="alert"' not in banner:
        problems.append("an emergency banner that is not an alert")
    if not form.reasons_html.value or not form.next_steps_html.value or not form.safety_net_html.value:
        problems.append("reasons, next steps or safety net empty")
    if form.result_box.layout.display == "none":
        problems.append("result hidden")
    for fig_name, fig in form.figures.items() if figures else ():
        problems += figure_problems(name, fig_name, fig)
    return problems


@pytest.mark.parametrize(
    "name",
    # the self-check form's pairwise grid (≈ 100 controls since version 3) takes about a minute: make test only
    [pytest.param(n, marks=pytest.mark.slow) if n == "self_check" else n for n in course.ui.EXPLORERS],
)
def test_slider_grid_sweep(name):
    """Every control over its full range (every option / both booleans / 21 evenly spaced slider
    positions with both ends, or every position when a slider has fewer), then every pair of controls
    at (min, min), (min, max), (max, min), (max, max) with the others at their defaults. After each
    state: no exception, every figure has data, no NaN/inf anywhere in a trace or the layout, no
    "nan"/"inf" in a label or text alternative. The self-check form (check boxes, radio groups and
    two number boxes driven with valid, out-of-range, empty and non-number text) presses Check after
    each state and must show the tier ``assess`` gives (or an error naming the question; with a
    danger sign ticked, the emergency box)."""
    n, n_grid, seconds = run_sweep(name)
    assert n == n_grid and n >= 20, f"{name}: {n} states tried, the grid defines {n_grid}"


def _tick(c, prefix: str, items) -> None:
    """Tick exactly ``items`` of one check-box group ("none of these" when there are none); for the
    emergency questions ("danger"), answer "yes" to ``items`` and "no" to the rest."""
    if prefix == "danger":
        for s in selfcheck.DANGER_SIGNS:
            _set(c[f"danger_{s}"], "yes" if s in items else "no")
        return
    _field, vocabulary = FORM_GROUPS[prefix]
    for v in vocabulary:
        _set(c[f"{prefix}_{v}"], v in items)
    _set(c[f"{prefix}_none"], not items)


#: Check-box answers the sweep rotates through (cycle lengths 7, 5 and 11: coprime, so they meet in
#: many combinations with each other and with the radio answers).
_SWEEP_SYMPTOMS = (
    (), ("swelling",), ("numbness", "tingling"), ("redness", "swelling", "fever"), ("weakness",),
    ("warmth", "one_leg_swollen"), ("mouth_or_fingertip_tingling", "both_legs_pain_or_tingling"),
)
_SWEEP_CONTEXTS = ((), ("recent_surgery",), ("new_or_changed_medicine",), ("drank_lots_of_plain_water",),
                   ("head_or_neck_injury", "cast_or_tight_bandage"))
_SWEEP_HISTORY = ((), ("statin",), ("anticoagulant", "cancer"))
_SWEEP_DANGERS = ((),) * 10 + (("chest_pain",),)


def test_self_check_every_categorical_combination_shows_a_verdict():
    """The form over (1) the product of every criteria radio answer (recent injury × timing ×
    intensity × trend × location × hydration: 810 combinations; body region, age, symptoms, context,
    danger signs and the numbers rotating), (2) every single check-box item (each danger sign,
    context item and symptom, and none) × every body region, the age band rotating, (3) the
    worked-case buttons and the untouched form. Every complete state shows the tier banner
    (``data-urgency``) that ``assess`` gives for the answers read from the controls; an incomplete or
    contradictory one names the problem; a danger sign always shows the emergency box; never an
    exception."""
    form = course.ui.self_check()
    c = form.controls
    # untouched: nothing answered → an error that lists the unanswered questions, no tier
    form.check_button.click()
    assert form.assessment is None and 'data-urgency="error"' in form.verdict_html.value
    for word in ("question 8", "question 4", "emergency questions", "question 7", "none of these"):
        assert word in form.error, (word, form.error)
    start = time.perf_counter()
    n, failures, tiers = 0, [], dict.fromkeys(selfcheck.TIERS, 0)

    def check(label: str) -> None:
        nonlocal n
        try:  # the plot is inspected in every 25th state (the slider-grid sweep inspects it always)
            problems = check_form_state("self_check", form, {}, figures=n % 25 == 0)
        except Exception as exc:  # noqa: BLE001 - the sweep reports every failure with its state
            problems = [f"{type(exc).__name__}: {exc}"]
        n += 1
        if form.assessment is not None:
            tiers[form.assessment.urgency] += 1
        if problems:
            failures.append(f"{label}: {problems[:3]}")

    criteria = ["recent_injury", "timing", "intensity", "trend", "location", "hydration"]
    for i, combo in enumerate(itertools.product(*(control_values(c[k]) for k in criteria))):
        for k, v in zip(criteria, combo, strict=True):
            _set(c[k], v)
        _set(c["body_region"], selfcheck.BODY_REGIONS[i % len(selfcheck.BODY_REGIONS)])
        _set(c["age_band"], selfcheck.AGE_BANDS[(i // 8) % len(selfcheck.AGE_BANDS)])
        _set(c["days_since_injury"], f"{i % 50:g}")
        _set(c["duration_weeks"], f"{(i % 13) / 2:g}")
        _tick(c, "symptom", _SWEEP_SYMPTOMS[i % len(_SWEEP_SYMPTOMS)])
        _tick(c, "context", _SWEEP_CONTEXTS[i % len(_SWEEP_CONTEXTS)])
        _tick(c, "history", _SWEEP_HISTORY[(i // 2) % len(_SWEEP_HISTORY)])
        _set(c["onset"], selfcheck.ONSETS[(i // 3) % len(selfcheck.ONSETS)])
        _tick(c, "danger", _SWEEP_DANGERS[i % len(_SWEEP_DANGERS)])
        check(str(dict(zip(criteria, combo, strict=True))))
    n_criteria = n
    # every single check-box item (and none) × every body region, the age band rotating (so every
    # region × age pair occurs), around the self-care worked case
    singles = [(None, ())] + [(p, (v,)) for p, (_f, vocabulary) in FORM_GROUPS.items() for v in vocabulary]
    singles += [("danger", (s,)) for s in selfcheck.DANGER_SIGNS]
    form.set_answers(selfcheck.EXAMPLES["strain_healing"][1])
    for j, ((prefix, items), region) in enumerate(itertools.product(singles, selfcheck.BODY_REGIONS)):
        age = selfcheck.AGE_BANDS[(j + j // 8) % len(selfcheck.AGE_BANDS)]
        _set(c["body_region"], region)
        _set(c["age_band"], age)
        for p in (*FORM_GROUPS, "danger"):
            _tick(c, p, items if p == prefix else ())
        check(f"body_region={region}, age_band={age}, {prefix}={items}")
    for case in form.case_buttons:
        form.case_buttons[case].click()
        n += 1
        want = selfcheck.scenario_answers(case)
        if form.assessment is None or form.assessment.urgency != selfcheck.assess(want).urgency:
            failures.append(f"worked case {case}: no or wrong tier ({form.error})")
        elif 'data-urgency="' + form.assessment.urgency + '"' not in form.verdict_html.value:
            failures.append(f"worked case {case}: the banner does not show {form.assessment.urgency}")
    # changing an answer after a check clears the tier (never a tier next to other answers)
    _set(c["intensity"], "mild" if c["intensity"].value != "mild" else "severe")
    assert form.assessment is None and "press <b>check</b>" in form.verdict_html.value.lower()
    assert 'data-urgency="' not in form.verdict_html.value.replace('data-urgency=""', "")
    seconds = time.perf_counter() - start
    print(f"\n[self-check] {n} form states checked in {seconds:.1f} s; tiers shown: {tiers}")
    assert n_criteria == 810 and n >= 810 + len(singles) * 8 + len(form.case_buttons)
    assert all(tiers.values()), f"some tier never shown: {tiers}"
    assert not failures, f"{len(failures)} of {n} form states failed:\n" + "\n".join(failures[:10])


# ------------------------------------------------------------------------------------------------
# No eval / exec / compile / __import__
# ------------------------------------------------------------------------------------------------
_FORBIDDEN_CALLS = {"eval", "exec", "compile", "__import__"}


def _forbidden_calls(path: Path, root: Path = REPO) -> list[str]:
    """Calls of the builtins eval/exec/compile/__import__ in one file, found in its syntax tree.

    Flagged: a bare call (``eval(...)``), a call through the ``builtins`` module or ``__builtins__``
    (``builtins.exec(...)``), any ``.eval(...)``/``.exec(...)``/``.__import__(...)`` attribute call,
    ``getattr(<anything>, "eval")``-style look-ups of those names, and importing them from
    ``builtins``. Not flagged: ``re.compile`` (a regular expression, not code) and the words in
    strings or docstrings.
    """
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    rel = path.relative_to(root) if path.is_relative_to(root) else path
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            f = node.func
            name = None
            if isinstance(f, ast.Name) and f.id in _FORBIDDEN_CALLS:
                name = f.id
            elif isinstance(f, ast.Attribute) and f.attr in _FORBIDDEN_CALLS:
                owner = f.value.id if isinstance(f.value, ast.Name) else None
                if f.attr != "compile" or owner in ("builtins", "__builtins__"):
                    name = f"{owner or '…'}.{f.attr}"
            elif (
                isinstance(f, ast.Name)
                and f.id == "getattr"
                and len(node.args) >= 2
                and isinstance(node.args[1], ast.Constant)
                and node.args[1].value in _FORBIDDEN_CALLS
            ):
                name = f"getattr(…, {node.args[1].value!r})"
            if name:
                found.append(f"{rel}:{node.lineno} {name}(…)")
        elif isinstance(node, ast.ImportFrom) and node.module == "builtins":
            for alias in node.names:
                if alias.name in _FORBIDDEN_CALLS or alias.name == "*":
                    found.append(f"{rel}:{node.lineno} from builtins import {alias.name}")
    return found


def test_no_eval_exec_compile_or_dunder_import_in_course():
    """AST scan of every module in ``course/``: no dynamic code execution anywhere in the package."""
    files = sorted(PACKAGE.rglob("*.py"))
    assert len(files) >= 10, files
    found = [hit for p in files for hit in _forbidden_calls(p)]
    print(f"\n[ast] {len(files)} files of course/ scanned, {len(found)} forbidden calls")
    assert not found, "forbidden dynamic-code calls:\n" + "\n".join(found)


def test_forbidden_call_scanner_catches_each_form(tmp_path):
    """The scanner finds every form it is meant to find and nothing else (a check that cannot fail
    proves nothing)."""
    bad = tmp_path / "bad.py"
    bad.write_text(
        "import builtins\nfrom builtins import exec as run\nx = eval('1')\nexec('y = 2')\n"
        "code = compile('1', 'f', 'eval')\nm = __import__('os')\nbuiltins.eval('3')\n"
        "builtins.compile('1', 'f', 'eval')\ngetattr(builtins, 'exec')('z = 1')\n",
        encoding="utf-8",
    )
    good = tmp_path / "good.py"
    good.write_text(
        '"""eval(x) and exec(y) in a docstring are fine."""\nimport re\n'
        'value = "compile(" + "eval("\npattern = re.compile("a+")\n',
        encoding="utf-8",
    )
    assert _forbidden_calls(good, tmp_path) == []
    hits = _forbidden_calls(bad, tmp_path)
    assert len(hits) == 8, hits


def test_figure_checker_reports_every_kind_of_bad_trace():
    """The figure check finds NaN, inf, None gaps, mismatched lengths, empty figures and "nan" labels, and
    accepts categorical (string) axes and the documented hidden-by-NaN traces."""
    import plotly.graph_objects as go

    ok = go.FigureWidget()
    ok.add_bar(x=["E_K", "E_Na"], y=np.array([-97.0, 66.0]), text=["−97.0 mV", "+66.0 mV"])
    ok.add_scatter(x=np.zeros(0), y=np.zeros(0), name="empty diary")
    assert figure_problems("demo", "ok", ok) == []

    bad = go.FigureWidget()
    bad.add_scatter(x=np.arange(3.0), y=np.array([0.0, np.nan, 1.0]), name="gap")
    bad.add_scatter(x=np.arange(2.0), y=np.array([0.0, np.inf]), name="inf")
    bad.add_scatter(x=[0.0, 1.0], y=[0.0, None], name="none")
    bad.add_scatter(x=np.arange(3.0), y=np.arange(2.0), name="short")
    bad.add_scatter(x=np.arange(2.0), y=np.arange(2.0), text=["1.0 mV", "nan mV"], name="label")
    bad.update_layout(yaxis_range=[0.0, float("nan")])
    problems = figure_problems("demo", "bad", bad)
    for needle in (
        "'gap'.y",
        "'inf'.y contains ±inf",
        "'none'.y",
        "len(x)=3 != len(y)=2",
        "'nan mV'",
        "range",
    ):
        assert any(needle in p for p in problems), (needle, problems)

    hidden = go.FigureWidget()
    hidden.add_scatter(x=np.array([2.0, 2.0]), y=np.array([np.nan, np.nan]), name="heat starts")
    hidden.add_scatter(x=np.array([0.0, 1.0]), y=np.array([0.0, 1.0]), name="curve")
    assert figure_problems("treatment_explorer", "rate", hidden) != []  # no all-NaN trace is allowed now
    HIDDEN_BY_NAN[("treatment_explorer", "rate", "heat starts")] = "self-test"
    try:
        assert figure_problems("treatment_explorer", "rate", hidden) == []
        assert figure_problems("other_explorer", "rate", hidden) != []  # the allowance is per explorer/trace
    finally:
        HIDDEN_BY_NAN.clear()
    empty = go.FigureWidget()
    assert figure_problems("demo", "empty", empty) == ["empty: no traces"]
    nothing = go.FigureWidget()
    nothing.add_scatter(x=np.zeros(0), y=np.zeros(0))
    assert figure_problems("demo", "nothing", nothing) == ["nothing: no finite data point in any trace"]


# ------------------------------------------------------------------------------------------------
# No network, no writes outside temporary or user-chosen paths (one sandboxed subprocess)
# ------------------------------------------------------------------------------------------------
_GUARD = r"""
import json, os, socket, sys, time

report = {"writes": [], "fs_events": [], "blocked": [], "errors": []}
_WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND | os.O_TRUNC
_FS_EVENTS = {
    "os.mkdir", "os.rename", "os.remove", "os.rmdir", "os.truncate", "os.link", "os.symlink", "os.chmod",
    "os.chown", "os.utime", "os.setxattr", "os.removexattr", "shutil.copyfile", "shutil.copymode",
    "shutil.copystat", "shutil.copytree", "shutil.move", "shutil.rmtree", "shutil.make_archive",
    "tempfile.mkstemp", "tempfile.mkdtemp", "sqlite3.connect",
}
_NET_PREFIXES = ("socket.", "urllib.Request", "http.client.", "ftplib.", "smtplib.", "poplib.", "imaplib.",
                 "nntplib.", "telnetlib.", "webbrowser.open")


def _audit(event, args):
    # Every file the process opens for writing and every file-system change, wherever it happens;
    # every attempt to use the network is refused.
    if event == "open":
        path, mode, flags = (tuple(args) + (None, None))[:3]
        if isinstance(path, int) or path is None:
            return
        writing = (isinstance(mode, str) and any(c in mode for c in "wax+")) or (
            isinstance(flags, int) and flags & _WRITE_FLAGS
        )
        if writing:
            report["writes"].append(os.path.abspath(os.fsdecode(path)))
    elif event in _FS_EVENTS:
        paths = [os.path.abspath(os.fsdecode(a)) for a in args if isinstance(a, (str, bytes, os.PathLike))]
        report["fs_events"].append([event, *paths])
    elif event.startswith(_NET_PREFIXES):
        report["blocked"].append(event)
        raise ConnectionRefusedError(f"network disabled by the reliability test ({event})")


sys.addaudithook(_audit)


def _no_network(*args, **kwargs):
    raise ConnectionRefusedError("network disabled by the reliability test")


_real_socket = socket.socket
_real_socket.connect = _real_socket.connect_ex = _no_network


class _NoSocket(_real_socket):
    def __init__(self, *args, **kwargs):
        raise ConnectionRefusedError("network disabled by the reliability test (socket.socket)")


socket.socket = _NoSocket
socket.create_connection = socket.getaddrinfo = socket.socketpair = _no_network
"""

_SANDBOX_SCRIPT = (
    _GUARD
    + r"""
t0 = time.perf_counter()
import importlib, inspect, pkgutil
from pathlib import Path

import course

modules = sorted(
    m.name for m in pkgutil.walk_packages(course.__path__, "course.") if m.name != "course.__main__"
)
for name in modules:
    importlib.import_module(name)
report["package_file"] = course.__file__
report["modules"] = modules

import numpy as np

import course.ui
from course import contraction, electrolytes, excitability, healing, selfcheck
from course.quizzes import load

built = {}
for name in course.ui.EXPLORERS:
    ex = getattr(course.ui, name)()
    moved = []
    for cname, w in ex.controls.items():
        if hasattr(w, "options"):
            values = [o[1] if isinstance(o, tuple) else o for o in w.options]
            new = next(v for v in values if v != w.value)
        elif isinstance(w.value, bool):
            new = not w.value
        elif isinstance(w.value, str):  # the self-check's number boxes (text, empty at first)
            new = "1"
        else:
            new = w.max if w.value != w.max else w.min
        w.value = new
        moved.append(cname)
    if hasattr(ex, "check_button"):
        ex.check_button.click()  # whatever the moves left (an answer set or a named error)
        for case in ex.cases:
            shown = ex.load_case(case)
            if shown is None or shown.urgency not in selfcheck.TIERS:
                report["errors"].append(f"{name}: worked case {case} shows no tier ({ex.error})")
        ex.check_button.click()
    built[name] = {"controls": moved, "figures": {k: len(f.data) for k, f in ex.figures.items()}}
report["explorers"] = built

# every public figure builder (course.figures.<topic>) and explorer-module helper that needs no argument
static = []
for mod_name in sorted({f"ui.{m}" for m in course.ui.EXPLORERS.values()} | {
        f"figures.{p.stem}" for p in Path(course.__file__).parent.joinpath("figures").glob("[!_]*.py")}):
    mod = importlib.import_module(f"course.{mod_name}")
    for fname in getattr(mod, "__all__", []):
        f = getattr(mod, fname)
        if not inspect.isfunction(f) or fname in course.ui.EXPLORERS:
            continue
        params = inspect.signature(f).parameters.values()
        if all(p.default is not p.empty or p.kind in (p.VAR_POSITIONAL, p.VAR_KEYWORD) for p in params):
            f()
            static.append(f"{mod_name}.{fname}")
report["static_figures"] = static

# the main model functions of the public API
ecf = electrolytes.Electrolytes(ca=0.7)
electrolytes.nernst(1, 4.0, 150.0)
electrolytes.equilibrium_potentials(ecf)
electrolytes.resting_potential(ecf)
electrolytes.classify(ecf)
excitability.gating_shift_mv(0.7, 0.5)
excitability.simulate_axon(ecf, 50.0, 2.0)
excitability.spontaneous_rate_hz(ecf, 100.0)
excitability.rheobase_ua_cm2(electrolytes.Electrolytes())
tr = contraction.simulate_contraction(30.0, 300.0)
contraction.fusion_index(tr)
contraction.force_frequency([1.0, 20.0, 80.0])
contraction.steady_state_force(np.array([0.1, 1.0, 10.0]))
healing.phase_weights(np.arange(43.0))
healing.spasm_rate(np.arange(43.0), "infection")
healing.simulate_diary("overuse", 42, seed=3)
healing.simulate_cohort("healing", n_patients=50, days=14, seed=1)
for _desc, answers in selfcheck.EXAMPLES.values():
    res = selfcheck.assess(answers)
    if res.urgency not in selfcheck.TIERS or not res.summary().startswith(res.destination):
        report["errors"].append(f"self-check example {_desc!r}: tier {res.urgency!r}, destination not first")
    if answers.danger_signs and res.urgency != "emergency_now":
        report["errors"].append(f"self-check example {_desc!r}: a danger sign but tier {res.urgency!r}")
selfcheck.screen({"chest_pain"})
from course.quizzes import TOPICS

report["quizzes"] = [t for t in TOPICS if f"course.quizzes.{t}" in modules]  # topics written so far
for topic in report["quizzes"]:
    load(topic)

# the one function that writes on purpose: the instructor export, into a folder the user chose
if len(sys.argv) > 2:
    from course.export import export_html

    report["export"] = [str(p) for p in export_html(Path(sys.argv[1]), [Path(sys.argv[2])])]

# the guard itself works (so a passing test means something)
report["blocked_during_run"] = list(report["blocked"])
for attempt in (
    lambda: socket.create_connection(("127.0.0.1", 9), timeout=1),
    lambda: socket.socket(),
    lambda: __import__("urllib.request").request.urlopen("http://127.0.0.1:9/", timeout=1),
):
    try:
        attempt()
        report["errors"].append("a network attempt was not blocked")
    except OSError:
        pass
report["seconds"] = round(time.perf_counter() - t0, 2)
print("REPORT " + json.dumps(report))
"""
)


def _tree(root: Path) -> dict[str, str]:
    """Relative path → sha256 of every file under ``root`` (directories as "<dir>")."""
    out = {}
    for p in sorted(root.rglob("*")):
        rel = p.relative_to(root).as_posix()
        out[rel] = "<dir>" if p.is_dir() else hashlib.sha256(p.read_bytes()).hexdigest()
    return out


@pytest.fixture(scope="module")
def sandbox(tmp_path_factory):
    """Run :data:`_SANDBOX_SCRIPT` in a fresh interpreter on a private copy of the package.

    Layout (all under one temporary root): ``src/course`` (copy of the package, imported through
    ``PYTHONPATH``), ``src/notebooks/00_welcome.ipynb`` (input of the export), ``home`` (``HOME``),
    ``cwd`` (working directory), ``tmp`` (``TMPDIR``) and ``chosen`` (the export's output folder).
    """
    import shutil

    root = tmp_path_factory.mktemp("sandbox")
    src = root / "src"
    shutil.copytree(PACKAGE, src / "course", ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    welcome = REPO / "notebooks" / "00_welcome.ipynb"
    (src / "notebooks").mkdir()
    shutil.copy2(welcome, src / "notebooks" / welcome.name)
    dirs = {name: root / name for name in ("home", "cwd", "tmp")}
    for d in dirs.values():
        d.mkdir()
    chosen = root / "chosen"
    before = _tree(src)
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("PYTHON", "JUPYTER", "XDG_", "IPYTHON", "MPL"))
    }
    env.update(
        HOME=str(dirs["home"]),
        TMPDIR=str(dirs["tmp"]),
        PYTHONPATH=str(src),
        PYTHONDONTWRITEBYTECODE="1",
        PYTHONNOUSERSITE="1",
        # the student record (course.record) is a deliberate write: the user chooses where it goes
        COURSE_RECORD=str(chosen / "record.jsonl"),
    )
    start = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-c", _SANDBOX_SCRIPT, str(chosen), str(src / "notebooks" / welcome.name)],
        cwd=dirs["cwd"],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    seconds = time.perf_counter() - start
    lines = [ln for ln in proc.stdout.splitlines() if ln.startswith("REPORT ")]
    report = json.loads(lines[-1][len("REPORT ") :]) if lines else None
    print(f"\n[sandbox] subprocess finished in {seconds:.1f} s (rc={proc.returncode})")
    return {
        "proc": proc,
        "report": report,
        "root": root,
        "src": src,
        "dirs": dirs,
        "chosen": chosen,
        "before": before,
        "after": _tree(src),
    }


def _require_report(sandbox) -> dict:
    proc = sandbox["proc"]
    assert proc.returncode == 0 and sandbox["report"] is not None, (
        f"sandboxed run failed (rc={proc.returncode}):\n{proc.stdout[-3000:]}\n{proc.stderr[-6000:]}"
    )
    return sandbox["report"]


def test_package_imports_and_every_explorer_runs_with_the_network_disabled(sandbox):
    """With ``socket.socket``, ``socket.socket.connect``, ``create_connection``, ``getaddrinfo`` replaced by
    functions that raise, and an audit hook refusing every ``socket.*``/``urllib``/``http.client`` event,
    a fresh interpreter imports every ``course`` module, builds every explorer, moves every control,
    presses the self-check's Check button, draws every static figure, runs the main model functions
    and exports one notebook to HTML. Any network use would raise and fail the run."""
    report = _require_report(sandbox)
    assert Path(report["package_file"]).is_relative_to(sandbox["src"]), report["package_file"]  # the copy
    expected_modules = set()
    for p in PACKAGE.rglob("*.py"):
        parts = ("course", *p.relative_to(PACKAGE).with_suffix("").parts)
        expected_modules.add(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    expected_modules -= {"course", "course.__main__"}
    assert expected_modules <= set(report["modules"]), expected_modules - set(report["modules"])
    assert set(report["explorers"]) == set(course.ui.EXPLORERS)
    for name, info in report["explorers"].items():
        assert info["controls"] and all(n > 0 for n in info["figures"].values()), (name, info)
    assert report["blocked_during_run"] == [], (
        f"something tried to use the network: {report['blocked_during_run']}"
    )
    assert report["errors"] == [], report["errors"]  # the three deliberate attempts at the end were refused
    assert "urllib.Request" in report["blocked"]  # … and the audit hook saw the last one
    print(
        f"\n[no-network] {len(report['modules'])} modules, {len(report['explorers'])} explorers, "
        f"{len(report['static_figures'])} static figures in {report['seconds']} s"
    )


def test_no_writes_outside_temporary_or_user_chosen_paths(sandbox):
    """What is sound here, and why.

    A snapshot of the shared checkout before and after would race with other people editing it, and
    would miss writes to anywhere else (``~/.cache``, ``/tmp``, site-packages). So the run is
    instrumented instead of the tree:

    * the interpreter runs a private copy of ``course/`` (``PYTHONPATH``; the test checks that the copy
      was the one imported), with ``HOME``, ``TMPDIR`` and the working directory pointing to fresh empty
      folders and ``PYTHONDONTWRITEBYTECODE=1`` (so Python writes no ``__pycache__``);
    * an audit hook (PEP 578) records every file opened for writing (``open`` with a write mode or
      write flags) and every file-system change (``os.mkdir``, ``os.rename``, ``os.remove``,
      ``shutil.*``, ``tempfile.*``, …) made by the process, wherever it is;
    * afterwards: the package copy is byte-identical (a write next to the code, e.g. a cache in
      ``course/``, would change it), ``HOME`` and the working directory are still empty, and every
      recorded write lies inside ``TMPDIR`` or the export folder the test chose.

    Blind spots (documented, not hidden): writes by C extensions that bypass Python's ``open`` and by
    child processes the run would start (it starts none: no kernel is launched here).
    """
    report = _require_report(sandbox)
    allowed = [sandbox["dirs"]["tmp"], sandbox["chosen"]]
    outside = [
        w for w in report["writes"] if w != os.devnull and not any(Path(w).is_relative_to(a) for a in allowed)
    ]
    assert outside == [], f"files written outside TMPDIR/the chosen folder: {outside}"
    fs_outside = [  # an event without a path argument counts as outside (it cannot be placed)
        e
        for e in report["fs_events"]
        if not e[1:] or not all(any(Path(path).is_relative_to(a) for a in allowed) for path in e[1:])
    ]
    assert fs_outside == [], f"file-system changes outside TMPDIR/the chosen folder: {fs_outside}"
    assert sandbox["after"] == sandbox["before"], "the package copy changed while it ran"
    for name in ("home", "cwd"):
        left = sorted(
            p.relative_to(sandbox["dirs"][name]).as_posix() for p in sandbox["dirs"][name].rglob("*")
        )
        assert left == [], f"{name} is not empty after the run: {left[:20]}"
    # the export wrote exactly what it says it wrote, all of it in the chosen folder (and was checked)
    exported = sorted(Path(p).name for p in report["export"])
    assert exported and "index.html" in exported
    # ... and the student record went to the path the user chose (COURSE_RECORD), nowhere else
    assert sorted(p.name for p in sandbox["chosen"].iterdir()) == sorted([*exported, "record.jsonl"])
    assert any(Path(w).is_relative_to(sandbox["chosen"]) for w in report["writes"])  # the hook saw them
    print(
        f"\n[no-writes] {len(report['writes'])} file writes recorded, all in TMPDIR or the chosen folder: "
        f"{sorted(Path(w).name for w in report['writes'])}; export wrote {exported}"
    )


def test_guard_records_writes_and_refuses_the_network(tmp_path):
    """The instrumentation of the sandbox run sees a write, a mkdir and a rename, and refuses sockets."""
    code = _GUARD + textwrap.dedent(
        """
        open("leak.txt", "w").write("x")
        os.mkdir("made")
        os.rename("leak.txt", "made/leak.txt")
        with open("made/leak.txt") as fh:  # reading is not writing
            fh.read()
        for attempt in (lambda: socket.socket(), lambda: socket.create_connection(("127.0.0.1", 9))):
            try:
                attempt()
            except OSError:
                report["errors"].append("refused")
        print("REPORT " + json.dumps(report))
        """
    )
    proc = subprocess.run(
        [sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, timeout=60
    )
    assert proc.returncode == 0, proc.stderr
    report = json.loads(proc.stdout.split("REPORT ", 1)[1])
    assert report["writes"] == [str(tmp_path / "leak.txt")]
    assert report["fs_events"] == [
        ["os.mkdir", str(tmp_path / "made")],
        ["os.rename", str(tmp_path / "leak.txt"), str(tmp_path / "made" / "leak.txt")],
    ]
    assert report["errors"] == ["refused", "refused"]
