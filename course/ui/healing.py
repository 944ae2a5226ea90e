"""Healing explorer (notebook 05): repair phases, spasm rate, a simulated diary and weekly counts.

Two scenarios side by side: the one you adjust with the sliders (A), and a comparison scenario (B) shown
with its own default values. A check box switches on the source article's dehydration hypothesis; the
evidence curve (a fluid deficit alone changes nothing) then stays on the plot beside it. All numbers
come from :mod:`course.healing` (a teaching model of the article's hypothesis, not data); the figures
from :mod:`course.figures.healing`.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, replace
from functools import lru_cache
from types import MappingProxyType
from typing import Any, NamedTuple

import ipywidgets as widgets
import numpy as np

from course import healing as hm
from course import style
from course.electrolytes import NORMAL_RANGES
from course.figures.healing import (
    BAND_TRACES,
    DEFAULT_DAYS,
    DIARY_TRACES,
    PHASE_LETTERS,
    PHASE_TRACES,
    RATE_TRACES,
    WEEKLY_TRACES,
    day_grid,
    diary_figure,
    phase_peak_days,
    phase_weights_figure,
    rate_figure,
    weekly_figure,
)
from course.ui._common import (
    CONTROL_WIDTH,
    EXPLORER_PLOT_HEIGHT,
    LABEL_WIDTH,
    Explorer,
    alt_text,
    push_traces,
    set_alt_text,
    signed,
    unit_slider,
)

__all__ = [
    "healing_explorer",
    "HealingExplorer",
    "HealingInputs",
    "HealingView",
    "ScenarioSide",
    "hypothesis_checkbox",
    "hypothesis_note",
    "HYPOTHESIS_NOTE",
    "DAY_RANGE",
    "SLIDER_RANGES",
]

#: Days-shown slider (min, max, step, default), whole weeks.
DAY_RANGE = (14, 84, 7, DEFAULT_DAYS)
#: Slider (min, max, step) of scenario A's modifiers: Ca²⁺ and Mg²⁺ (mM), fluid deficit (% body mass).
#: Inside the ranges the model accepts (course.healing.CA_RANGE_MM, MG_RANGE_MM, FLUID_DEFICIT_RANGE_PCT).
SLIDER_RANGES: MappingProxyType[str, tuple[float, float, float]] = MappingProxyType({
    "ca": (0.6, 1.5, 0.01),
    "mg": (0.3, 1.2, 0.01),
    "fluid_deficit_pct": (0.0, 6.0, 0.1),
})

#: The comparison scenario's diary is drawn with the seed shifted by this much (so A and B never share draws).
_COMPARE_SEED_OFFSET = 1000
#: A phase band narrower than this fraction of the days shown gets no letter (it would not fit).
_LETTER_MIN_FRACTION = 0.04
#: Height of the phase letters, as a fraction of the y axis.
_LETTER_HEIGHT = 0.95
#: Diary markers sit this far (weeks) left (A) and right (B) of the week's bars.
_MARKER_OFFSET_WEEKS = 0.2
_CACHE_SIZE = 256
_DEHYDRATION_PCT = hm.SCENARIOS["dehydration"].modifiers.fluid_deficit_pct
_BASELINE_Y = np.full(2, hm.BASELINE_PER_DAY)
_BASELINE_Y.flags.writeable = False

#: Accessible description of the hypothesis check box (its tooltip / title attribute, and shown below it).
HYPOTHESIS_NOTE = (
    "Off (default): the evidence. A fluid deficit alone did not change the cramp threshold in controlled "
    "studies (Miller et al. 2010; Lau et al. 2019), so it adds no spasms. On: the source article's claim, "
    f"1 + {hm.DEHYDRATION_GAIN_PER_PCT:g} × deficit (about "
    f"{hm.approx(hm.hydration_factor(_DEHYDRATION_PCT, dehydration_hypothesis=True))}× at {_DEHYDRATION_PCT:g} % "
    "of body mass), drawn beside the evidence curve."
)


def hypothesis_checkbox() -> widgets.Checkbox:
    """The "article's hypothesis" switch shared by the healing and treatment explorers (default off)."""
    return widgets.Checkbox(
        value=False,
        # the note below it says the rest; on a narrow screen the description wraps (course.ui._common.REFLOW_CSS,
        # which also keeps the box within the explorer: an inline max-width here would undo its margin allowance)
        description="Article's hypothesis: dehydration adds spasms",
        tooltip=HYPOTHESIS_NOTE,
        indent=False,
        layout=widgets.Layout(width=CONTROL_WIDTH),
    )


def hypothesis_note() -> widgets.HTML:
    """The visible text of :data:`HYPOTHESIS_NOTE`, placed right under the check box."""
    return widgets.HTML(
        f'<p role="note" style="margin:0 0 6px 0;font-size:12px;color:#333">{html.escape(HYPOTHESIS_NOTE)}</p>'
    )


# ----------------------------------------------------------------------------------------------
# Inputs and view
# ----------------------------------------------------------------------------------------------
_DEFAULT_MODS = hm.SCENARIOS["healing"].modifiers


@dataclass(frozen=True)
class HealingInputs:
    """The explorer's controls: scenarios A (adjusted) and B (its defaults; keys of
    :data:`course.healing.SCENARIOS`), severity, days shown (d), A's ionized Ca²⁺ and serum Mg²⁺ (mM) and
    fluid deficit (% body mass), the article's dehydration hypothesis (both scenarios) and the diary seed."""

    scenario: str = "healing"
    compare: str = "electrolyte_imbalance"
    severity: str = "moderate"
    days: int = DAY_RANGE[3]
    ca: float = _DEFAULT_MODS.ca
    mg: float = _DEFAULT_MODS.mg
    fluid_deficit_pct: float = _DEFAULT_MODS.fluid_deficit_pct
    dehydration_hypothesis: bool = False
    seed: int = 0

    @property
    def claim_applies(self) -> bool:
        """The article's hypothesis is on *and* A has a fluid deficit: only then does the claim change A."""
        return self.dehydration_hypothesis and self.fluid_deficit_pct > 0.0


@dataclass(frozen=True, eq=False)  # holds arrays: compared by identity
class ScenarioSide:
    """One scenario's curves and diary (read-only arrays; ``t`` is the view's grid in days)."""

    title: str
    rate: np.ndarray             # expected spasms/day on the view's grid
    diary_day: np.ndarray        # time of each diary spasm (d)
    diary_intensity: np.ndarray  # its intensity (0–10)
    n_events: int
    mean_intensity: float        # 0–10 (0 for an empty diary)
    expected_total: float        # expected spasms over the days shown, for the diary's patient
    weekly_expected: np.ndarray  # expected spasms per whole week, for the diary's patient
    weekly_counts: np.ndarray    # diary spasms per whole week
    return_to_play_day: float = float("nan")  # the diary patient's drawn return to play (d); NaN: no injury


@dataclass(frozen=True, eq=False)  # holds arrays: compared by identity
class HealingView:
    """What the explorer shows for one :class:`HealingInputs` (days, spasms/day, spasms/week)."""

    t: np.ndarray                             # plotting grid (d)
    span: np.ndarray                          # (0, days shown) (d)
    phase_weights: tuple[np.ndarray, ...]     # one per phase, on t (0–1)
    bands_x: tuple[np.ndarray, ...]           # phase-band rectangles (d)
    band_y: np.ndarray                        # their height, 0 … y_max (spasms/day)
    letters: tuple[np.ndarray, np.ndarray, tuple[str, ...]]  # x (d), y (spasms/day), text of each band
    y_max: float                              # top of the rate axis (spasms/day)
    a: ScenarioSide
    b: ScenarioSide
    rate_evidence: np.ndarray                 # A with the hypothesis off (= A's rate when it is not shown)
    show_evidence: bool
    names: tuple[str, str]                    # "A: …", "B: …"
    weekly_x: tuple[np.ndarray, ...]          # week numbers per weekly trace (WEEKLY_TRACES)
    weekly_y: tuple[np.ndarray, ...]          # spasms per week per weekly trace
    weekly_names: tuple[str, ...]
    words_phases: str
    words_rate: str
    words_diary: str
    words_weekly: str
    summary_html: str


# ----------------------------------------------------------------------------------------------
# Pure helpers of compute (memoised: the same inputs give the very same read-only arrays)
# ----------------------------------------------------------------------------------------------
def _read_only(a: np.ndarray) -> np.ndarray:
    a.flags.writeable = False
    return a


def _modifiers_a(inputs: HealingInputs) -> tuple[tuple[str, object], ...]:
    """A's modifiers; a fluid deficit counts only under the hypothesis (otherwise the model ignores it)."""
    claim = inputs.claim_applies
    return (
        ("severity", inputs.severity), ("ca", inputs.ca), ("mg", inputs.mg),
        ("fluid_deficit_pct", inputs.fluid_deficit_pct if claim else 0.0), ("dehydration_hypothesis", claim),
    )


def _modifiers_b(inputs: HealingInputs) -> tuple[tuple[str, object], ...]:
    """B keeps its defaults; the hypothesis matters only if B's own scenario has a fluid deficit."""
    deficit = hm.SCENARIOS[inputs.compare].modifiers.fluid_deficit_pct
    return ("severity", inputs.severity), ("dehydration_hypothesis", inputs.dehydration_hypothesis and deficit > 0.0)


@lru_cache(maxsize=_CACHE_SIZE)
def _rate(key: str, n_days: int, mods: tuple[tuple[str, object], ...]) -> np.ndarray:
    """Expected spasms/day of scenario ``key`` on :func:`day_grid` (``n_days``)."""
    return _read_only(hm.spasm_rate(day_grid(n_days), key, **dict(mods)))


@lru_cache(maxsize=_CACHE_SIZE)
def _side(key: str, n_days: int, seed: int, mods: tuple[tuple[str, object], ...]) -> ScenarioSide:
    """Scenario ``key``'s rate, seeded diary and weekly totals over ``n_days``."""
    kwargs: dict[str, Any] = dict(mods)
    diary = hm.simulate_diary(key, n_days, seed, **kwargs)
    intensity = diary.intensity
    return ScenarioSide(
        title=hm.SCENARIOS[key].title,
        rate=_rate(key, n_days, mods),
        diary_day=_read_only(diary.day),
        diary_intensity=_read_only(intensity),
        n_events=diary.n_events,
        mean_intensity=float(intensity.mean()) if intensity.size else 0.0,
        expected_total=float(diary.expected_per_day.sum()),
        weekly_expected=_read_only(diary.weekly_expected()),
        weekly_counts=_read_only(diary.weekly_counts()),
        return_to_play_day=diary.return_to_play_day,
    )


class _Phases(NamedTuple):
    """What depends on severity and days shown only: the phase weights (on the grid), the phase-band
    rectangles (x, d), the letters' x (d) and texts, and the phase figure's words."""

    weights: tuple[np.ndarray, ...]
    bands_x: tuple[np.ndarray, ...]
    letter_x: np.ndarray
    letters: tuple[str, ...]
    words: str


@lru_cache(maxsize=32)
def _phases(severity: str, n_days: int) -> _Phases:
    """The phase part of the view for a ``severity`` strain over ``n_days`` (d)."""
    t = day_grid(n_days)
    weights = tuple(_read_only(w) for w in hm.phase_weights(t, severity).values())
    b1, b2 = hm.phase_boundaries(severity)
    cuts = (0.0, min(b1, n_days), min(b2, n_days), float(n_days))
    edges = tuple(zip(cuts[:-1], cuts[1:], strict=True))
    bands_x = tuple(_read_only(np.array([x0, x0, x1, x1, x0])) for x0, x1 in edges)
    letter_x = _read_only(np.array([0.5 * (x0 + x1) for x0, x1 in edges]))
    letters = tuple(
        PHASE_LETTERS[name] if x1 - x0 > _LETTER_MIN_FRACTION * n_days else ""
        for name, (x0, x1) in zip(hm.PHASES, edges, strict=True)
    )
    peak_i, peak_p, peak_r = phase_peak_days(severity)
    words = (
        f"For a {severity} strain inflammation peaks on day {peak_i:.1f}, proliferation on day {peak_p:.1f} and "
        f"remodeling on day {peak_r:.1f}; proliferation takes over on day {b1:.1f} and remodeling on day {b2:.1f}."
    )
    return _Phases(weights, bands_x, letter_x, letters, words)


@lru_cache(maxsize=16)
def _weeks(n_days: int) -> tuple[np.ndarray, ...]:
    """x of each weekly trace (WEEKLY_TRACES): week numbers 1 … n for the bars, offset for the diary markers."""
    weeks = _read_only(np.arange(1, n_days // 7 + 1))
    return weeks, weeks, _read_only(weeks - _MARKER_OFFSET_WEEKS), _read_only(weeks + _MARKER_OFFSET_WEEKS)


def _rate_words(t: np.ndarray, a: ScenarioSide, b: ScenarioSide, evidence: np.ndarray | None) -> str:
    evidence_words = (
        f" Without the article's hypothesis (the evidence) A would stay at {evidence.max():.1f}/day at most."
        if evidence is not None else ""
    )
    return (
        f"A ({a.title}) peaks at {a.rate.max():.1f} spasms/day on day {float(t[int(np.argmax(a.rate))]):.0f} and "
        f"ends at {a.rate[-1]:.1f}/day; B ({b.title}) runs from {b.rate[0]:.1f} to {b.rate[-1]:.1f}/day "
        f"(peak {b.rate.max():.1f}); the baseline is {hm.BASELINE_PER_DAY:.1f}/day.{evidence_words}"
    )


def _diary_words(n_days: int, a: ScenarioSide, b: ScenarioSide) -> str:
    def patient(side: ScenarioSide, name: str) -> str:
        if not np.isfinite(side.return_to_play_day):
            return ""
        return f" {name}'s virtual patient returns to play on day {side.return_to_play_day:.0f} (drawn for this seed)."

    return (
        f"Over {n_days} days the diary of A records {a.n_events} spasms (mean intensity {a.mean_intensity:.1f} "
        f"of 10) and that of B {b.n_events} (mean intensity {b.mean_intensity:.1f}); for these two virtual "
        f"patients the model expects {a.expected_total:.1f} and {b.expected_total:.1f}."
        + patient(a, "A") + patient(b, "B")
    )


def _weekly_words(a: ScenarioSide, b: ScenarioSide) -> str:
    wk_a, wk_b = a.weekly_expected, b.weekly_expected
    return (
        f"Expected spasms in week 1 and week {wk_a.size}: A {wk_a[0]:.1f} → {wk_a[-1]:.1f}, "
        f"B {wk_b[0]:.1f} → {wk_b[-1]:.1f} (the baseline alone gives {7 * hm.BASELINE_PER_DAY:.1f} a week)."
    )


def _summary_html(inputs: HealingInputs, a: ScenarioSide, b: ScenarioSide) -> str:
    wk_a, wk_b, last = a.weekly_expected, b.weekly_expected, a.weekly_expected.size
    shift = hm.electrolyte_shift_mv(inputs.ca, inputs.mg)
    factor = hm.electrolyte_factor(inputs.ca, inputs.mg)
    fluid = inputs.fluid_deficit_pct
    claimed = hm.hydration_factor(fluid, dehydration_hypothesis=True)
    fluid_words = (
        f"fluid deficit {fluid:.1f} % → ×1 by the evidence (Miller 2010; Lau 2019), "
        f"about ×{hm.approx(claimed, 2)} by the article's hypothesis"
        + (" (shown)" if inputs.dehydration_hypothesis else " (tick the box to show it)")
    )
    return (
        '<div role="status" style="font-size:13px">'
        f"<b>A: {html.escape(a.title)}</b> — week 1: {wk_a[0]:.1f}, week {last}: {wk_a[-1]:.1f} "
        f"expected spasms; the rate {'falls' if wk_a[-1] < wk_a[0] else 'does not fall'} over the weeks. "
        f"Ca²⁺/Mg²⁺ gating shift {signed(shift, 1)} mV → electrolyte factor about ×{hm.approx(factor)}; "
        f"{fluid_words}."
        f"<br><b>B: {html.escape(b.title)}</b> — week 1: {wk_b[0]:.1f}, week {last}: {wk_b[-1]:.1f}."
        "</div>"
    )


# ----------------------------------------------------------------------------------------------
# The explorer
# ----------------------------------------------------------------------------------------------
def _dropdown(description: str, value: str) -> widgets.Dropdown:
    return widgets.Dropdown(
        options=[(sc.title, key) for key, sc in hm.SCENARIOS.items()], value=value, description=description,
        style={"description_width": LABEL_WIDTH}, layout=widgets.Layout(width=CONTROL_WIDTH),
    )


def _severity_buttons(value: str) -> widgets.ToggleButtons:
    return widgets.ToggleButtons(
        options=[(name, name) for name in hm.SEVERITIES], value=value, description="Injury severity",
        tooltips=[
            f"MRI grade {s.mri_grade}: return to play {s.return_to_play_days:g} ± {s.return_to_play_sd_days:g} days "
            "(mean ± SD, Ekstrand 2012)"
            for s in hm.SEVERITIES.values()
        ],
        style={"description_width": LABEL_WIDTH, "button_width": "7em"},
    )


class HealingExplorer(Explorer["HealingInputs", "HealingView"]):
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

    def __init__(self, **kwargs) -> None:
        self._shown: HealingView | None = None  # the view on screen (render skips figures it left unchanged)
        super().__init__(**kwargs)

    def make_controls(self) -> dict[str, widgets.ValueWidget]:
        d = HealingInputs()
        lo, hi, step, _ = DAY_RANGE
        return {
            "scenario": _dropdown("Scenario (adjust below)", d.scenario),
            "compare": _dropdown("Compare with (its defaults)", d.compare),
            "severity": _severity_buttons(d.severity),
            "days": unit_slider("Days shown", "days", lo, hi, step, d.days, integer=True),
            "ca": unit_slider("Ionized Ca²⁺", "mM", *SLIDER_RANGES["ca"], d.ca, normal=NORMAL_RANGES["ca"]),
            "mg": unit_slider("Serum Mg²⁺", "mM", *SLIDER_RANGES["mg"], d.mg, normal=NORMAL_RANGES["mg"]),
            "fluid_deficit_pct": unit_slider(
                "Fluid deficit", "% body mass", *SLIDER_RANGES["fluid_deficit_pct"], d.fluid_deficit_pct,
                readout_format=".1f",
            ),
            "dehydration_hypothesis": hypothesis_checkbox(),
            "seed": unit_slider("Diary seed", "", 0, 99, 1, d.seed, integer=True),
        }

    def read(self) -> HealingInputs:
        c = self.controls
        return HealingInputs(
            scenario=str(c["scenario"].value), compare=str(c["compare"].value), severity=str(c["severity"].value),
            days=int(c["days"].value), ca=float(c["ca"].value), mg=float(c["mg"].value),
            fluid_deficit_pct=float(c["fluid_deficit_pct"].value),
            dehydration_hypothesis=bool(c["dehydration_hypothesis"].value), seed=int(c["seed"].value),
        )

    @staticmethod
    def compute(inputs: HealingInputs) -> HealingView:
        n = inputs.days
        t = day_grid(n)
        mods_a = _modifiers_a(inputs)
        a = _side(inputs.scenario, n, inputs.seed, mods_a)
        b = _side(inputs.compare, n, inputs.seed + _COMPARE_SEED_OFFSET, _modifiers_b(inputs))
        show_evidence = inputs.claim_applies
        # the evidence curve: the same case with the hypothesis off (identical to A when it is not shown)
        evidence = a.rate
        if show_evidence:
            evidence = _rate(inputs.scenario, n, _modifiers_a(replace(inputs, dehydration_hypothesis=False)))
        y_max = style.Y_HEADROOM * float(max(a.rate.max(), b.rate.max()))
        phases = _phases(inputs.severity, n)
        names = (f"A: {a.title}", f"B: {b.title}")
        weekly = {
            "a_expected": a.weekly_expected, "b_expected": b.weekly_expected,
            "a_diary": a.weekly_counts, "b_diary": b.weekly_counts,
        }
        return HealingView(
            t=t, span=t[[0, -1]], phase_weights=phases.weights, bands_x=phases.bands_x,
            band_y=np.array([0.0, y_max, y_max, 0.0, 0.0]),
            letters=(phases.letter_x, np.full(phases.letter_x.size, _LETTER_HEIGHT * y_max), phases.letters),
            y_max=y_max,
            a=a, b=b, rate_evidence=evidence, show_evidence=show_evidence, names=names,
            weekly_x=_weeks(n), weekly_y=tuple(weekly[name] for name in WEEKLY_TRACES),
            weekly_names=(f"{names[0]} (expected)", f"{names[1]} (expected)", "A diary", "B diary"),
            words_phases=phases.words, words_rate=_rate_words(t, a, b, evidence if show_evidence else None),
            words_diary=_diary_words(n, a, b), words_weekly=_weekly_words(a, b),
            summary_html=_summary_html(inputs, a, b),
        )

    def make_figures(self, view: HealingView) -> dict:
        return {
            # shorter than the static figure: it sits under nine controls on one 1366 × 768 screen
            "phases": style.set_height(phase_weights_figure(view.t, view.phase_weights), EXPLORER_PLOT_HEIGHT),
            "rate": rate_figure(
                view.t, (view.a.rate, view.b.rate, view.rate_evidence), view.names, view.bands_x, view.band_y,
                view.letters, view.span, view.y_max, view.show_evidence,
            ),
            "diary": diary_figure(
                ((view.a.diary_day, view.a.diary_intensity), (view.b.diary_day, view.b.diary_intensity)),
                view.names, view.span,
            ),
            "weekly": weekly_figure(view.weekly_x, view.weekly_y, view.weekly_names),
        }

    def make_texts(self) -> dict[str, widgets.HTML]:
        return {**{name: alt_text() for name in ("phases", "rate", "diary", "weekly")}, "summary": widgets.HTML()}

    def arrange(self) -> list[widgets.Widget]:
        c, f, w = self.controls, self.figures, self.texts
        return [
            widgets.HTML("<b>Choose and adjust</b>"),
            *(c[name] for name in ("scenario", "compare", "severity", "days", "ca", "mg", "fluid_deficit_pct")),
            c["dehydration_hypothesis"], hypothesis_note(), c["seed"],
            # the first plot right under the controls, so both fit one 1366 × 768 screen (COURSE_SPEC V3.6)
            f["phases"], w["phases"], w["summary"],
            *(part for name in ("rate", "diary", "weekly") for part in (f[name], w[name])),
        ]

    def on_change(self, name: str, change: dict) -> None:
        """Choosing scenario A moves the Ca²⁺, Mg²⁺ and fluid-deficit sliders to its values (one recompute)."""
        if name != "scenario":
            return
        mods = hm.SCENARIOS[change["new"]].modifiers
        with self.hold():
            for field in SLIDER_RANGES:
                slider = self.controls[field]
                slider.value = float(np.clip(getattr(mods, field), slider.min, slider.max))

    def render(self, view: HealingView) -> None:
        # compute returns the very same (memoised, read-only) arrays for an unchanged part, so identity
        # tells which figures a move has changed: a seed move redraws the diary only, a Ca²⁺ move not the phases
        last = self._shown
        if last is None or view.phase_weights is not last.phase_weights:
            self._render_phases(view)
        if last is None or _rate_changed(view, last):
            self._render_rate(view)
        if last is None or view.a is not last.a or view.b is not last.b or view.names != last.names:
            self._render_diary(view)
        for name, words in (
            ("phases", view.words_phases), ("rate", view.words_rate), ("diary", view.words_diary),
            ("weekly", view.words_weekly),
        ):
            set_alt_text(self.texts[name], words)
        self.texts["summary"].value = view.summary_html
        self._shown = view

    def _render_phases(self, view: HealingView) -> None:
        weights = dict(zip(PHASE_TRACES, view.phase_weights, strict=True))
        push_traces(self.figures["phases"], PHASE_TRACES, x=dict.fromkeys(PHASE_TRACES, view.t), y=weights)

    def _render_rate(self, view: HealingView) -> None:
        fig = self.figures["rate"]
        x = {**dict(zip(BAND_TRACES, view.bands_x, strict=True)), "baseline": view.span, "a": view.t, "b": view.t,
             "letters": view.letters[0], "evidence": view.t}
        y = {**dict.fromkeys(BAND_TRACES, view.band_y), "baseline": _BASELINE_Y, "a": view.a.rate, "b": view.b.rate,
             "letters": view.letters[1], "evidence": view.rate_evidence}
        axes = {"xaxis.range": list(view.span), "yaxis.range": [0.0, view.y_max]}
        push_traces(fig, RATE_TRACES, x=x, y=y, relayout=axes)
        push_traces(fig, RATE_TRACES, name=dict(zip(("a", "b"), view.names, strict=True)))
        push_traces(fig, RATE_TRACES, text={"letters": list(view.letters[2])})
        push_traces(fig, RATE_TRACES, visible={"evidence": view.show_evidence})

    def _render_diary(self, view: HealingView) -> None:
        sides = dict(zip(DIARY_TRACES, (view.a, view.b), strict=True))
        push_traces(
            self.figures["diary"], DIARY_TRACES, x={k: s.diary_day for k, s in sides.items()},
            y={k: s.diary_intensity for k, s in sides.items()}, name=dict(zip(DIARY_TRACES, view.names, strict=True)),
            relayout={"xaxis.range": list(view.span)},
        )
        weekly = {"x": view.weekly_x, "y": view.weekly_y, "name": view.weekly_names}
        push_traces(self.figures["weekly"], WEEKLY_TRACES, **{
            prop: dict(zip(WEEKLY_TRACES, values, strict=True)) for prop, values in weekly.items()
        })


def _rate_changed(view: HealingView, last: HealingView) -> bool:
    """Whether the rate plot of ``view`` differs from that of ``last`` (arrays compared by identity)."""
    arrays = ((view.a.rate, last.a.rate), (view.b.rate, last.b.rate), (view.rate_evidence, last.rate_evidence))
    return (
        any(new is not old for new, old in arrays) or view.bands_x is not last.bands_x or view.y_max != last.y_max
        or view.names != last.names or view.show_evidence != last.show_evidence
    )


def healing_explorer() -> HealingExplorer:
    """The healing explorer of notebook 05 (see :class:`HealingExplorer`)."""
    return HealingExplorer()
