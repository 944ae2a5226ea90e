"""Contraction explorer (notebook 02): spike train → Ca²⁺ → force; force–frequency and force–pCa curves.

The notebook's static figures are in :mod:`course.figures.contraction`; the model is :mod:`course.contraction`.
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache, lru_cache
from types import MappingProxyType

import ipywidgets as widgets
import numpy as np
import plotly.graph_objects as go

from course import style
from course.contraction import (
    FF_FREQS_HZ,
    FF_TRAIN_MS,
    FIBRE_PARAMS,
    ContractionTrace,
    FibreParams,
    ForceFrequencyTable,
    fusion_index,
    fusion_words,
    half_max_frequency,
    metrics_from_trace,
    pca_to_um,
    release_per_stimulus,
    simulate_contraction,
    steady_state_force,
)
from course.figures.contraction import (
    FF_TRACES,
    FIBRE_WORDS,
    PCA_AXIS_UM,
    PCA_TRACES,
    TRACES_TRACES,
    explorer_force_frequency_figure,
    explorer_force_pca_figure,
    explorer_traces_figure,
)
from course.ui._common import LABEL_WIDTH, Explorer, alt_text, push_traces, set_alt_text, unit_slider

__all__ = [
    "contraction_explorer",
    "ContractionExplorer",
    "ContractionInputs",
    "ContractionView",
    "ContractionCurves",
    "RELEASE_PCT",
    "SERCA_PCT",
    "PCA_RANGE",
    "PCA50_NORMAL",
    "WINDOW_MS",
    "START_MS",
    "GRID_DT_MS",
    "TRACE_DT_MS",
]

#: SR release slider: (min, max, step) in % of the fibre type's normal peak release flux.
RELEASE_PCT = (50.0, 150.0, 10.0)
#: SERCA slider: (min, max, step) in % of the fibre type's normal maximal pump rate.
SERCA_PCT = (25.0, 200.0, 25.0)
#: Ca²⁺-sensitivity slider: (min, max, step) in pCa units.
PCA_RANGE = (5.4, 6.4, 0.05)
#: Normal pCa50 of skinned fibres (pCa units; textbook range, see ``PARAM_INFO["ca50_um"]``).
PCA50_NORMAL = (5.7, 6.1)
#: Time window of the explorer's traces (ms) and time of its first stimulus (ms).
WINDOW_MS = 1000.0
START_MS = 20.0
#: Integration step (ms) of the explorer's live traces: twice :data:`course.contraction.DT_MS`, so that a
#: slider move costs half as much. Against the 0.25-ms traces, force differs by < 2 % of maximal force
#: and the Ca²⁺ peak is up to ≈ 8 % higher (tests/test_contraction.py).
TRACE_DT_MS = 0.5
#: Step (ms) of the explorer's precomputed force–frequency table. Coarser than
#: :data:`course.contraction.FF_DT_MS` (0.25 ms) so that the table for both fibre types and every
#: release × SERCA slider position is built in about a second; its peak forces stay within 2 % of maximal
#: force of :func:`course.contraction.force_frequency` at its default step (tests/test_contraction.py).
GRID_DT_MS = 0.5

_NOTE_STYLE = "margin:2px 0 6px 0;color:#222;font-size:13px"


def _grid(lo: float, hi: float, step: float) -> np.ndarray:
    """Every slider position from ``lo`` to ``hi`` in steps of ``step`` (same unit as the slider)."""
    return np.round(np.arange(lo, hi + 0.5 * step, step), 6)


@cache
def _tables() -> Mapping[str, ForceFrequencyTable]:
    """Force–frequency tables of both fibre types over the release × SERCA slider grid (built once, ≈ 1 s)."""
    rel = _grid(*RELEASE_PCT) / 100.0
    ser = _grid(*SERCA_PCT) / 100.0
    return MappingProxyType({
        name: ForceFrequencyTable(FF_FREQS_HZ, name, rel, ser, dt_ms=GRID_DT_MS) for name in FIBRE_PARAMS
    })


@dataclass(frozen=True)
class ContractionInputs:
    """The explorer's control values: fibre type ("fast"/"slow"), stimulation frequency (Hz), number of
    stimuli, SR release and SERCA speed (% of the fibre type's normal value) and pCa50 (pCa units)."""

    fibre: str = "fast"
    freq_hz: float = 10.0
    n_stimuli: int = 10
    release_pct: float = 100.0
    serca_pct: float = 100.0
    pca50: float = round(FIBRE_PARAMS["fast"].pca50, 2)


@dataclass(frozen=True, eq=False)
class ContractionCurves:
    """The part of a view that depends only on fibre type, release, SERCA and pCa50 (cached).

    ``peak_force``: force–frequency curve on :data:`course.contraction.FF_FREQS_HZ` (fraction of maximal
    tetanus) and ``peak_force_pct`` the same in %; ``half_max_hz``: its half-maximal frequency (Hz);
    ``normal_pct`` and ``setting_pct``: force–pCa curves (% of maximum) on
    :data:`course.figures.contraction.PCA_AXIS`; ``pca_words``: their sentence.
    """

    peak_force: np.ndarray
    peak_force_pct: np.ndarray
    half_max_hz: float
    normal_pct: np.ndarray
    setting_pct: np.ndarray
    pca_words: str


@dataclass(frozen=True, eq=False)
class ContractionView:
    """What the explorer shows for one input: traces (ms, µM, % of maximal tetanus), the force–frequency
    marker (Hz, %), the cached curves, and the text alternatives and summary (HTML)."""

    inputs: ContractionInputs
    t_ms: np.ndarray
    ca_um: np.ndarray
    force_pct: np.ndarray
    spike_times_ms: np.ndarray
    title: str
    curves: ContractionCurves
    force_at_freq_pct: float
    trace_words: str
    ff_words: str
    summary_html: str


def _simulate(inputs: ContractionInputs, p: FibreParams) -> ContractionTrace:
    """The explorer's trace: ``WINDOW_MS`` of the model at ``TRACE_DT_MS`` with the chosen settings."""
    return simulate_contraction(
        inputs.freq_hz, WINDOW_MS, fibre=inputs.fibre, n_stimuli=inputs.n_stimuli, start_ms=START_MS,
        release_peak_um_per_ms=p.release_peak_um_per_ms * inputs.release_pct / 100.0,
        serca_vmax_um_per_ms=p.serca_vmax_um_per_ms * inputs.serca_pct / 100.0,
        ca50_um=pca_to_um(inputs.pca50), dt_ms=TRACE_DT_MS,
    )


@lru_cache(maxsize=256)
def _curves(fibre: str, release_pct: float, serca_pct: float, pca50: float) -> ContractionCurves:
    """Force–frequency (from the precomputed table) and force–pCa curves of one setting, with the latter's words."""
    p = FIBRE_PARAMS[fibre]
    ca50 = pca_to_um(pca50)
    ff = np.asarray(_tables()[fibre].curve(release_pct / 100.0, serca_pct / 100.0, ca50))
    ff_pct = 100.0 * ff
    normal = np.asarray(100.0 * steady_state_force(PCA_AXIS_UM, p.ca50_um, p.hill_n))
    setting = np.asarray(100.0 * steady_state_force(PCA_AXIS_UM, ca50, p.hill_n))
    for arr in (ff, ff_pct, normal, setting):
        arr.flags.writeable = False  # shared by every view of this setting
    words = (
        f"Steady-state force is half-maximal at pCa {pca50:.2f} ({ca50:.2f} µM Ca²⁺; this fibre type's "
        f"normal value is pCa {p.pca50:.2f}); force is {100 * steady_state_force(1.0, ca50, p.hill_n):.0f} % "
        f"at 1 µM and {100 * steady_state_force(10.0, ca50, p.hill_n):.0f} % at 10 µM."
    )
    return ContractionCurves(ff, ff_pct, half_max_frequency(FF_FREQS_HZ, ff), normal, setting, words)


def _trace_words(tr: ContractionTrace, fibre: str, hz: float) -> str:
    """The "In words" sentence of the traces figure."""
    spikes = tr.spike_times_ms
    if spikes.size == 1:
        m = metrics_from_trace(tr)
        shape = (
            f"a single twitch: force peaks {m.contraction_time_ms:.0f} ms after the stimulus and halves "
            f"{m.half_relaxation_ms:.0f} ms after its peak"
        )
    else:
        fi = fusion_index(tr)
        shape = (
            f"fusion index {fi:.2f} at {100 * tr.peak_force:.0f} % of maximal force, "
            f"{fusion_words(fi, tr.peak_force)}"
        )
    frac = release_per_stimulus(tr)
    release = f"the first stimulus releases {100 * frac[0]:.0f} % of the Ca²⁺ held in the SR"
    if spikes.size > 1:
        release += (
            f", the last {100 * frac[-1]:.0f} % (release channels inactivated by Ca²⁺; the SR still holds "
            f"{100 * float(tr.sr_um.min()) / tr.params.sr_store_um:.0f} % or more of its resting Ca²⁺)"
        )
    return (
        f"{spikes.size} stimuli at {hz:g} Hz in a {FIBRE_WORDS[fibre]} fibre: free Ca²⁺ peaks at "
        f"{tr.peak_ca_um:.1f} µM and force at {100 * tr.peak_force:.0f} % of maximal tetanus; {shape}; "
        f"{release}; force is {100 * tr.force[-1]:.0f} % at the end of the {WINDOW_MS:.0f}-ms window."
    )


def _ff_words(curves: ContractionCurves, hz: float, force_at_freq: float) -> str:
    """The "In words" sentence of the force–frequency figure (``force_at_freq``: fraction at ``hz``)."""
    ff = curves.peak_force
    return (
        f"Peak force of {FF_TRAIN_MS:.0f}-ms trains rises from {100 * ff[0]:.0f} % at 1 Hz to "
        f"{100 * ff.max():.0f} % at 100 Hz, half-maximal at {curves.half_max_hz:.0f} Hz; at your {hz:g} Hz it is "
        f"{100 * force_at_freq:.0f} %."
    )


def _summary_html(inputs: ContractionInputs, p: FibreParams) -> str:
    """The "Your fibre" line: release peak (µM/ms), SERCA maximum (µM/ms), pCa50 and Ca50 (µM), Hill n."""
    rel_f, ser_f = inputs.release_pct / 100.0, inputs.serca_pct / 100.0
    return (
        f'<p style="{_NOTE_STYLE}"><b>Your fibre:</b> {html.escape(FIBRE_WORDS[inputs.fibre])}; SR release peak '
        f"{p.release_peak_um_per_ms * rel_f:.0f} µM/ms ({100 * rel_f:.0f} %); SERCA maximum "
        f"{p.serca_vmax_um_per_ms * ser_f:.2f} µM/ms ({100 * ser_f:.0f} %); pCa50 {inputs.pca50:.2f} "
        f"(Ca50 {pca_to_um(inputs.pca50):.2f} µM, Hill coefficient {p.hill_n:g}).</p>"
    )


class ContractionExplorer(Explorer):
    """Stimulation frequency, number of stimuli, SR release, SERCA speed, Ca²⁺ sensitivity and fibre
    type → Ca²⁺ and force traces on a shared time axis, the force–frequency curve with the current
    frequency marked, and the force–pCa curve with its pCa50 marked.

    Controls (``explorer.controls``): ``"fibre"`` ("fast"/"slow"), ``"freq_hz"`` (Hz), ``"n_stimuli"``,
    ``"release_pct"`` and ``"serca_pct"`` (% of the fibre type's normal value), ``"pca50"`` (pCa units;
    reset to the fibre type's value when the fibre type changes). Figures: ``"traces"``,
    ``"force_frequency"``, ``"force_pca"``. ``explorer.texts`` holds the live text alternatives (same
    keys) and ``"summary"``. The force–frequency curves come from a table precomputed once per process
    (both fibre types, every release × SERCA slider position, integrated at :data:`GRID_DT_MS`), so no
    slider move re-integrates a whole curve; the traces are the model integrated at :data:`TRACE_DT_MS`.
    """

    #: the curves last drawn (they change only with fibre, release, SERCA and pCa50: redrawn only then)
    _drawn_curves: ContractionCurves | None = None

    def make_controls(self) -> dict[str, widgets.ValueWidget]:
        d = ContractionInputs()
        fibre = widgets.ToggleButtons(
            options=[("fast-twitch (type II)", "fast"), ("slow-twitch (type I)", "slow")], value=d.fibre,
            description="Fibre type", tooltips=["fast-twitch fibre parameters", "slow-twitch fibre parameters"],
            style={"description_width": LABEL_WIDTH},
        )
        return {
            "fibre": fibre,
            "freq_hz": unit_slider("Stimulation frequency", "Hz", 1, 100, 1, int(d.freq_hz), readout_format="d",
                                   integer=True),
            "n_stimuli": unit_slider("Number of stimuli", "count", 1, 50, 1, d.n_stimuli, readout_format="d",
                                     integer=True),
            "release_pct": unit_slider("SR Ca²⁺ release", "% of normal", *RELEASE_PCT, d.release_pct,
                                       readout_format=".0f"),
            "serca_pct": unit_slider("SERCA reuptake speed", "% of normal", *SERCA_PCT, d.serca_pct,
                                     readout_format=".0f"),
            "pca50": unit_slider("Ca²⁺ sensitivity pCa50", "pCa", *PCA_RANGE, d.pca50, normal=PCA50_NORMAL,
                                 readout_format=".2f"),
        }

    def read(self) -> ContractionInputs:
        c = self.controls
        return ContractionInputs(
            fibre=str(c["fibre"].value), freq_hz=float(c["freq_hz"].value), n_stimuli=int(c["n_stimuli"].value),
            release_pct=float(c["release_pct"].value), serca_pct=float(c["serca_pct"].value),
            pca50=float(c["pca50"].value),
        )

    @staticmethod
    def compute(inputs: ContractionInputs) -> ContractionView:
        fibre, hz = inputs.fibre, inputs.freq_hz
        p = FIBRE_PARAMS[fibre]
        tr = _simulate(inputs, p)
        curves = _curves(fibre, inputs.release_pct, inputs.serca_pct, inputs.pca50)
        at_freq = float(np.interp(hz, FF_FREQS_HZ, curves.peak_force))
        n = tr.spike_times_ms.size
        return ContractionView(
            inputs=inputs,
            t_ms=tr.t_ms,
            ca_um=tr.ca_um,
            force_pct=100.0 * tr.force,
            spike_times_ms=tr.spike_times_ms,
            title=f"{FIBRE_WORDS[fibre]} fibre: {n} {'stimulus' if n == 1 else 'stimuli'} at {hz:g} Hz",
            curves=curves,
            force_at_freq_pct=100.0 * at_freq,
            trace_words=_trace_words(tr, fibre, hz),
            ff_words=_ff_words(curves, hz, at_freq),
            summary_html=_summary_html(inputs, p),
        )

    def on_change(self, name: str, change: dict) -> None:
        if name == "fibre":  # a new fibre type starts from its own Ca²⁺ sensitivity
            with self.hold():
                self.controls["pca50"].value = round(FIBRE_PARAMS[change["new"]].pca50, 2)

    def make_figures(self, view: ContractionView) -> dict[str, go.Figure]:
        curves = view.curves
        return {
            "traces": style.set_height(explorer_traces_figure(  # under the controls on one 1366 × 768 screen
                view.t_ms, view.ca_um, view.force_pct, view.spike_times_ms, view.title, WINDOW_MS
            ), 400),
            "force_frequency": explorer_force_frequency_figure(
                FF_FREQS_HZ, curves.peak_force_pct, view.inputs.freq_hz, view.force_at_freq_pct
            ),
            "force_pca": explorer_force_pca_figure(curves.normal_pct, curves.setting_pct, view.inputs.pca50),
        }

    def make_texts(self) -> dict[str, widgets.HTML]:
        return {
            "traces": alt_text(), "force_frequency": alt_text(), "force_pca": alt_text(), "summary": widgets.HTML(),
        }

    def arrange(self) -> list[widgets.Widget]:
        f, t = self.figures, self.texts
        # two plots side by side where each gets 22em, one under the other on a narrow screen; min_width 0 lets a
        # plot's box narrow before plotly redraws the plot to the new width
        half = {"flex": "1 1 22em", "min_width": "0"}
        row = widgets.HBox([
            widgets.VBox([f["force_frequency"], t["force_frequency"]], layout=widgets.Layout(**half)),
            widgets.VBox([f["force_pca"], t["force_pca"]], layout=widgets.Layout(**half)),
        ], layout=widgets.Layout(flex_flow="row wrap"))
        # the traces right under the controls, so both fit one 1366 × 768 screen in JupyterLab too (its toolbars
        # take ≈ 120 px); the settings summary follows the plot
        return [*self.controls.values(), f["traces"], t["traces"], t["summary"], row]

    def render(self, view: ContractionView) -> None:
        curves = view.curves
        redraw = curves is not self._drawn_curves  # the curves change only with fibre, release, SERCA or pCa50
        spikes = view.spike_times_ms
        # the time axis is the same for every setting: only y moves
        push_traces(
            self.figures["traces"], TRACES_TRACES, relayout={"title.text": view.title},
            x={"stimuli": spikes}, y={"stimuli": np.zeros(spikes.size)},
        )
        push_traces(self.figures["traces"], TRACES_TRACES, y={"ca": view.ca_um, "force": view.force_pct})
        marker = {"x": {"marker": np.array([view.inputs.freq_hz])}, "y": {"marker": np.array([view.force_at_freq_pct])}}
        push_traces(self.figures["force_frequency"], FF_TRACES, **marker)
        if redraw:
            push_traces(self.figures["force_frequency"], FF_TRACES, y={"curve": curves.peak_force_pct})
            push_traces(
                self.figures["force_pca"], PCA_TRACES, x={"pca50": np.array([view.inputs.pca50])},
            )
            push_traces(
                self.figures["force_pca"], PCA_TRACES, y={"normal": curves.normal_pct, "setting": curves.setting_pct},
            )
            self._drawn_curves = curves
        set_alt_text(self.texts["traces"], view.trace_words)
        set_alt_text(self.texts["force_frequency"], view.ff_words)
        set_alt_text(self.texts["force_pca"], curves.pca_words)
        self.texts["summary"].value = view.summary_html


def contraction_explorer() -> ContractionExplorer:
    """The explorer of notebook 02 (see :class:`ContractionExplorer`)."""
    return ContractionExplorer()
