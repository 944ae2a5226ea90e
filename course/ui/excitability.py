"""Excitability explorer (notebook 03): Ca²⁺, Mg²⁺, K⁺, fatigue K⁺ and fibre type → spikes and force.

Why it is instant
-----------------
One exact run of the axon model costs far more than a frame, so the explorer never integrates the axon
inside a callback. It reads :mod:`course.excitability_table`, a table of exact model runs shipped with the
package (rebuilt by ``python -m course excitability-table``): Ca²⁺ and Mg²⁺ act only through the gating
shift and blood K⁺ + fatigue K⁺ only through their sum, so every slider state maps to one table node
(shift within 0.125 mV, K⁺ exact). A move is a look-up plus one run of the notebook-02 muscle model on
the node's spike train (:func:`course.contraction.simulate_contraction`, a few ms, cached).
Approximation error against exact runs: see :mod:`course.excitability_table` (measured in the tests and
in ``benchmarks/RESULTS.md``).
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from types import MappingProxyType
from typing import NamedTuple

import ipywidgets as widgets
import numpy as np

from course.contraction import simulate_contraction
from course.electrolytes import NORMAL_RANGES, nernst
from course.excitability import FIBRES, K_AXOPLASM_MM, NUDGE_MV, TEMP_C, gating_shift_mv
from course.excitability_table import DURATION_MS, ExcitabilityTable, load_table
from course.figures.excitability import (
    FORCE_TRACES,
    RATE_TRACES,
    VOLTAGE_TRACES,
    force_figure,
    rate_axis_top,
    rate_figure,
    voltage_figure,
)
from course.ui._common import Explorer, alt_text, push_traces, set_alt_text, signed, unit_slider

__all__ = [
    "excitability_explorer", "ExcitabilityExplorer", "ExcitabilityInputs", "ExcitabilityView", "SLIDERS",
    "SliderSpec", "CA_GRID_MM", "DURATION_MS", "FIBRES", "slider_grid",
]


class SliderSpec(NamedTuple):
    """One slider of the explorer: label, unit, range and step (mM), default, normal range, readout format."""

    label: str
    unit: str
    lo: float
    hi: float
    step: float
    default: float
    normal: tuple[float, float] | None
    fmt: str


#: Control name → its slider (read-only). The Ca²⁺ slider names the course's normal ionized Ca²⁺
#: (``NORMAL_RANGES["ca"]``), which the rate figure shades as well.
SLIDERS: Mapping[str, SliderSpec] = MappingProxyType({
    "ca": SliderSpec("Ionized Ca²⁺", "mM", 0.40, 1.60, 0.05, 1.2, NORMAL_RANGES["ca"], ".2f"),
    "mg": SliderSpec("Mg²⁺", "mM", 0.30, 1.50, 0.05, 0.85, NORMAL_RANGES["mg"], ".2f"),
    "k": SliderSpec("Extracellular K⁺", "mM", 2.0, 9.0, 0.5, 4.0, NORMAL_RANGES["k"], ".1f"),
    "fatigue": SliderSpec("Fatigue: extra interstitial K⁺", "mM", 0.0, 8.0, 0.5, 0.0, None, ".1f"),
})
#: Tooltip of each fibre-type button.
_FIBRE_TIPS: Mapping[str, str] = MappingProxyType({
    "motor": "motor axon (to muscle)", "sensory": "sensory (skin) axon: more persistent Na⁺",
})
#: Most spike trains whose motor-unit force is kept (each ≈ 160 kB).
_MAX_FORCES = 512
#: Successive spikes closer than this (ms) are counted as doublets and multiplets.
_GROUPED_MS = 10.0
#: The force's text alternative averages over this last stretch of the run (ms).
_FORCE_TAIL_MS = 100.0


def slider_grid(name: str) -> np.ndarray:
    """Every value slider ``name`` can take (mM, rounded to 1e-6)."""
    s = SLIDERS[name]
    return np.round(np.arange(s.lo, s.hi + 0.5 * s.step, s.step), 6)


def _read_only(a: np.ndarray) -> np.ndarray:
    a.setflags(write=False)
    return a


#: Every position of every slider (read-only arrays, mM).
_GRIDS: Mapping[str, np.ndarray] = MappingProxyType({name: _read_only(slider_grid(name)) for name in SLIDERS})
#: Every Ca²⁺ of the slider (mM): the x axis of the rate figure.
CA_GRID_MM = _GRIDS["ca"]


@dataclass(frozen=True)
class ExcitabilityInputs:
    """Slider values: ionized Ca²⁺, Mg²⁺, blood K⁺ and extra fatigue K⁺ (mM), and the fibre type."""

    ca_mm: float = SLIDERS["ca"].default
    mg_mm: float = SLIDERS["mg"].default
    k_mm: float = SLIDERS["k"].default
    fatigue_k_mm: float = SLIDERS["fatigue"].default
    fibre: str = FIBRES[0]

    def snapped(self) -> ExcitabilityInputs:
        """The same state with every value moved to the nearest slider position."""
        def near(name: str, value: float) -> float:
            grid = _GRIDS[name]
            return float(grid[np.argmin(np.abs(grid - value))])

        return ExcitabilityInputs(
            near("ca", self.ca_mm), near("mg", self.mg_mm), near("k", self.k_mm),
            near("fatigue", self.fatigue_k_mm), self.fibre,
        )

    @property
    def k_axon_mm(self) -> float:
        """K⁺ around the axon (mM): blood K⁺ plus fatigue K⁺."""
        return self.k_mm + self.fatigue_k_mm


@dataclass(frozen=True)
class ExcitabilityView:
    """What the explorer shows for one (snapped) state.

    ``voltage_mv``: the node's voltage over :data:`DURATION_MS` (on the table's sample times);
    ``rates_hz``: firing rate at every Ca²⁺ of :data:`CA_GRID_MM` with the other settings, and
    ``rate_hz`` at the chosen one; ``force_pct``: force of one motor unit (% of its maximal fused
    tetanus) at times ``force_t_ms``; ``status``: HTML of the status line; ``*_words``: text
    alternatives of the figures.
    """

    inputs: ExcitabilityInputs
    spike_times_ms: np.ndarray
    rest_mv: float
    voltage_mv: np.ndarray
    rates_hz: np.ndarray
    rate_hz: float
    force_t_ms: np.ndarray
    force_pct: np.ndarray
    status: str
    voltage_words: str
    rate_words: str
    force_words: str


@lru_cache(maxsize=_MAX_FORCES)
def _unit_force(spikes_ms: tuple[float, ...]) -> tuple[np.ndarray, np.ndarray]:
    """(time in ms, force in % of the unit's maximal fused tetanus) of one motor unit fed ``spikes_ms``."""
    trace = simulate_contraction(None, DURATION_MS, spike_times_ms=np.array(spikes_ms, dtype=float))
    return _read_only(np.array(trace.t_ms)), _read_only(100.0 * trace.force)


@lru_cache(maxsize=1)
def _normal_rates_hz() -> np.ndarray:
    """Firing rate (Hz) of the motor axon at every Ca²⁺ of :data:`CA_GRID_MM`, all other values normal."""
    normal, table = ExcitabilityInputs(), load_table()
    f, _, j = table.node(normal.ca_mm, normal.mg_mm, normal.k_axon_mm, normal.fibre)
    return _read_only(table.rate_hz(f, table.shift_indices(CA_GRID_MM, normal.mg_mm), j))


def _verdict(spikes_ms: np.ndarray) -> str:
    """What the run shows: silent, or spontaneous firing with its doublets and multiplets."""
    if spikes_ms.size == 0:
        return "silent: no action potential"
    grouped = int(np.sum(np.diff(spikes_ms) < _GROUPED_MS))
    verdict = f"{spikes_ms.size} action potentials with no stimulus at all: spontaneous firing"
    if grouped:
        verdict += f" ({grouped} of them within {_GROUPED_MS:.0f} ms of the one before: doublets and multiplets)"
    return verdict


def _status_html(x: ExcitabilityInputs, spikes_ms: np.ndarray, rest_mv: float) -> str:
    """Status line: fibre, gating shift (mV), E_K (mV), K⁺ around the axon (mM), rest (mV), verdict."""
    shift = gating_shift_mv(x.ca_mm, x.mg_mm)
    e_k = nernst(1, x.k_axon_mm, K_AXOPLASM_MM, TEMP_C)
    return (
        '<div role="status" aria-live="polite" style="font-size:13px">'
        f"{x.fibre.capitalize()} axon · gating shift <b>{signed(shift)} mV</b> · E_K <b>{signed(e_k)} mV</b> "
        f"(K⁺ around the axon {x.k_axon_mm:.1f} mM) · resting potential <b>{signed(rest_mv)} mV</b> · "
        f"in {DURATION_MS:.0f} ms: <b>{html.escape(_verdict(spikes_ms))}</b></div>"
    )


def _rate_words(x: ExcitabilityInputs, rates_hz: np.ndarray, rate_hz: float) -> str:
    """Text alternative of the rate figure."""
    firing = CA_GRID_MM[rates_hz > 0]
    if firing.size:
        onset = f"the axon fires at {firing.size} of the {CA_GRID_MM.size} Ca²⁺ values, up to {firing.max():.2f} mM"
    else:
        onset = f"the axon stays silent at every Ca²⁺ from {CA_GRID_MM[0]:.2f} to {CA_GRID_MM[-1]:.2f} mM"
    normal_onset = CA_GRID_MM[_normal_rates_hz() > 0].max()
    return (
        f"With these settings {onset}; at your {x.ca_mm:.2f} mM the rate is {rate_hz:.0f} Hz "
        f"(the motor axon with all other values normal fires only up to {normal_onset:.2f} mM Ca²⁺)."
    )


def _force_words(fibre: str, t_ms: np.ndarray, force_pct: np.ndarray) -> str:
    """Text alternative of the force figure."""
    tail = force_pct[t_ms >= DURATION_MS - _FORCE_TAIL_MS]
    note = " (the spikes of a sensory axon do not reach muscle; shown as if they did)." if fibre == "sensory" else "."
    return (
        f"Force of one motor unit peaks at {force_pct.max():.0f} % of its maximal tetanus and averages "
        f"{tail.mean():.0f} % over the last {_FORCE_TAIL_MS:.0f} ms" + note
    )


class ExcitabilityExplorer(Explorer):
    """Sliders for ionized Ca²⁺, Mg²⁺, K⁺ and fatigue K⁺ plus a motor/sensory switch, driving three plots:
    the axon node's membrane voltage (200 ms, no stimulus), its firing rate against Ca²⁺ with the current
    value marked, and the force of **one motor unit** driven by these spikes.

    Controls (``explorer.controls``): ``"ca"``, ``"mg"``, ``"k"``, ``"fatigue"`` (mM) and ``"fibre"``
    (``"motor"`` / ``"sensory"``). Figures: ``"voltage"``, ``"rate"``, ``"force"``. ``explorer.texts`` holds
    the live status line (``"status"``) and the text alternative of each figure; ``explorer.table`` the
    table used.
    """

    def make_controls(self) -> dict[str, widgets.ValueWidget]:
        controls: dict[str, widgets.ValueWidget] = {
            name: unit_slider(s.label, s.unit, s.lo, s.hi, s.step, s.default, normal=s.normal, readout_format=s.fmt)
            for name, s in SLIDERS.items()
        }
        controls["fibre"] = widgets.ToggleButtons(
            options=[(f"{f} axon", f) for f in FIBRES], value=ExcitabilityInputs.fibre, description="Axon type",
            tooltips=[_FIBRE_TIPS[f] for f in FIBRES],
        )
        return controls

    def read(self) -> ExcitabilityInputs:
        c = self.controls
        return ExcitabilityInputs(
            float(c["ca"].value), float(c["mg"].value), float(c["k"].value), float(c["fatigue"].value),
            str(c["fibre"].value),
        )

    @staticmethod
    def compute(inputs: ExcitabilityInputs) -> ExcitabilityView:
        x = inputs.snapped()
        table = load_table()
        node = table.node(x.ca_mm, x.mg_mm, x.k_axon_mm, x.fibre)
        spikes = table.spikes(*node)
        rest = float(table.rest_mv[node])
        rate = spikes.size * 1000.0 / DURATION_MS
        rates = table.rate_hz(node[0], table.shift_indices(CA_GRID_MM, x.mg_mm), node[2])
        force_t, force = _unit_force(tuple(spikes.tolist()))
        return ExcitabilityView(
            inputs=x, spike_times_ms=spikes, rest_mv=rest, voltage_mv=table.voltage(*node), rates_hz=rates,
            rate_hz=rate, force_t_ms=force_t, force_pct=force, status=_status_html(x, spikes, rest),
            voltage_words=(
                f"Voltage of the {x.fibre} axon over {DURATION_MS:.0f} ms at Ca²⁺ {x.ca_mm:.2f} mM: it starts "
                f"{NUDGE_MV:g} mV above a rest of {signed(rest)} mV and shows {spikes.size} action potentials "
                f"({rate:.0f} Hz)."
            ),
            rate_words=_rate_words(x, rates, rate),
            force_words=_force_words(x.fibre, force_t, force),
        )

    @property
    def table(self) -> ExcitabilityTable:
        """The table of exact model runs the explorer reads."""
        return load_table()

    def make_figures(self, view: ExcitabilityView) -> dict:
        return {
            "voltage": voltage_figure(self.table.t_ms, view.voltage_mv, DURATION_MS),
            "rate": rate_figure(CA_GRID_MM, _normal_rates_hz(), view.rates_hz, view.inputs.ca_mm, view.rate_hz,
                                DURATION_MS),
            "force": force_figure(view.force_t_ms, view.force_pct, DURATION_MS),
        }

    def make_texts(self) -> dict[str, widgets.HTML]:
        return {"status": widgets.HTML(), "voltage": alt_text(), "rate": alt_text(), "force": alt_text()}

    def arrange(self) -> list[widgets.Widget]:
        c, f, t = self.controls, self.figures, self.texts
        return [
            widgets.HTML("<b>Blood values</b>"), c["ca"], c["mg"], c["k"],
            widgets.HTML("<b>Extra K⁺ around the axon</b> (0 = none)"), c["fatigue"], c["fibre"],
            t["status"], f["voltage"], t["voltage"], f["rate"], t["rate"], f["force"], t["force"],
        ]

    def render(self, view: ExcitabilityView) -> None:
        push_traces(self.figures["voltage"], VOLTAGE_TRACES, y={"voltage": view.voltage_mv})
        push_traces(self.figures["rate"], RATE_TRACES, y={"yours": view.rates_hz},
                    relayout={"yaxis.range": [-3.0, rate_axis_top(_normal_rates_hz(), view.rates_hz)]})
        push_traces(
            self.figures["rate"], RATE_TRACES, x={"marker": np.array([view.inputs.ca_mm])},
            y={"marker": np.array([view.rate_hz])},
        )
        push_traces(self.figures["force"], FORCE_TRACES, y={"force": view.force_pct})
        self.texts["status"].value = view.status
        set_alt_text(self.texts["voltage"], view.voltage_words)
        set_alt_text(self.texts["rate"], view.rate_words)
        set_alt_text(self.texts["force"], view.force_words)


def excitability_explorer() -> ExcitabilityExplorer:
    """The excitability explorer of notebook 03 (see :class:`ExcitabilityExplorer`)."""
    return ExcitabilityExplorer()
