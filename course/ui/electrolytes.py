"""Membrane explorer (notebook 01): extracellular ions and temperature → E_ion and V_rest."""

from __future__ import annotations

import html
from dataclasses import dataclass
from types import MappingProxyType

import ipywidgets as widgets
import numpy as np

from course import style
from course.electrolytes import (
    FIELD_LABELS,
    FIELDS,
    INTRACELLULAR_MM,
    NORMAL_RANGES,
    PRESET_LABELS,
    PRESET_NOTES,
    PRESETS,
    Electrolytes,
    classify,
    equilibrium_potentials,
    resting_potential_curve,
    rt_over_f,
)
from course.figures.electrolytes import POTENTIALS_TRACES, VREST_TRACES, potentials_figure, vrest_vs_k_figure
from course.ui._common import Explorer, alt_text, push_traces, set_alt_text, signed, status_html, unit_slider

__all__ = [
    "membrane_explorer", "MembraneExplorer", "MembraneInputs", "MembraneView", "SLIDER_RANGES", "K_CURVE_MM",
    "CUSTOM",
]

#: Slider (min, max, step, readout format) per control; every preset lies inside these ranges.
SLIDER_RANGES: MappingProxyType[str, tuple[float, float, float, str]] = MappingProxyType({
    "k": (1.0, 10.0, 0.1, ".1f"),
    "na": (110.0, 170.0, 1.0, ".0f"),
    "cl": (80.0, 125.0, 1.0, ".0f"),
    "ca": (0.5, 2.0, 0.05, ".2f"),
    "mg": (0.2, 2.0, 0.05, ".2f"),
    "temp_c": (20.0, 40.0, 0.5, ".1f"),
})

#: Extracellular K⁺ grid (mM) of the V_rest-versus-K⁺ plot: the whole K⁺ slider range.
K_CURVE_MM: np.ndarray = np.linspace(SLIDER_RANGES["k"][0], SLIDER_RANGES["k"][1], 181)
K_CURVE_MM.flags.writeable = False

#: Dropdown value shown when the sliders match no preset.
CUSTOM = "custom"

_CHLORIDE_OPTIONS = (("settled (steady state)", "steady"), ("first seconds (acute)", "acute"))
_CHLORIDE_WORDS = MappingProxyType({"steady": "steady-state chloride", "acute": "acute chloride"})
_LOG_K = np.log(K_CURVE_MM)  # E_K curve = RT/F·(ln K_o − ln K_i): only RT/F changes with the controls


@dataclass(frozen=True)
class MembraneInputs:
    """The explorer's controls: extracellular concentrations (mM), temperature (°C) and chloride mode."""

    ecf: Electrolytes = Electrolytes()
    temp_c: float = 37.0
    chloride: str = "steady"


@dataclass(frozen=True)
class MembraneView:
    """What the explorer shows for one :class:`MembraneInputs` (potentials in mV)."""

    bars_mv: np.ndarray          # E_K, E_Na, E_Cl, E_Ca, V_rest
    vrest_curve_mv: np.ndarray   # V_rest (GHK) on K_CURVE_MM
    ek_curve_mv: np.ndarray      # E_K (Nernst) on K_CURVE_MM
    k_mm: float
    vrest_mv: float
    preset: str                  # the matching preset key, or CUSTOM
    vrest_name: str
    status_html: str
    words_potentials: str
    words_vrest_vs_k: str


def matching_preset(ecf: Electrolytes) -> str:
    """The key of the preset whose values equal ``ecf`` (to 1e-9 mM), or :data:`CUSTOM`."""
    for key, preset in PRESETS.items():
        if all(abs(getattr(ecf, f) - getattr(preset, f)) < 1e-9 for f in FIELDS):
            return key
    return CUSTOM


def _vrest_at(ecf: Electrolytes, temp_c: float, chloride: str) -> float:
    return float(resting_potential_curve(np.array([ecf.k]), ecf, temp_c, chloride=chloride)[0])


_NORMAL = Electrolytes()
_E_NORMAL = equilibrium_potentials(_NORMAL)
_V_NORMAL = _vrest_at(_NORMAL, 37.0, "steady")
_BARS_NORMAL = np.array([_E_NORMAL["K"], _E_NORMAL["Na"], _E_NORMAL["Cl"], _E_NORMAL["Ca"], _V_NORMAL])


def _status(ecf: Electrolytes, temp_c: float, chloride: str, v_here: float, preset: str) -> str:
    classes = classify(ecf)
    rows = "<br>".join(status_html(f"{FIELD_LABELS[n]} {getattr(ecf, n):g} mM", classes[n]) for n in FIELDS)
    note = PRESET_NOTES[preset] if preset != CUSTOM else "Your own combination of values."
    return (
        '<div role="status" aria-live="polite"><b>Clinical class (normal serum range)</b><br>'
        f"{rows}<br><br><b>V_rest = {signed(v_here)} mV</b> "
        f"({html.escape(_CHLORIDE_WORDS[chloride])}, {temp_c:.1f} °C)<br>"
        f'<span style="font-size:12px">{html.escape(note)}</span></div>'
    )


def _words(e: dict[str, float], v_here: float, k: float, v_curve: np.ndarray, ek_curve: np.ndarray) -> tuple[str, str]:
    potentials = (
        f"E_K {signed(e['K'])} mV, E_Na {signed(e['Na'])} mV, E_Cl {signed(e['Cl'])} mV, "
        f"E_Ca {signed(e['Ca'])} mV; the resting potential is {signed(v_here)} mV "
        f"(normal values give {signed(_V_NORMAL)} mV)."
    )
    curve = (
        f"From {K_CURVE_MM[0]:g} to {K_CURVE_MM[-1]:g} mM K⁺ the GHK resting potential rises from "
        f"{signed(v_curve[0])} to {signed(v_curve[-1])} mV while E_K rises from "
        f"{signed(ek_curve[0])} to {signed(ek_curve[-1])} mV; "
        f"at your {k:.1f} mM V_rest is {signed(v_here)} mV, {abs(v_here - e['K']):.1f} mV "
        f"{'less negative' if v_here > e['K'] else 'more negative'} than E_K."
    )
    return potentials, curve


class MembraneExplorer(Explorer["MembraneInputs", "MembraneView"]):
    """Sliders for extracellular K⁺, Na⁺, Cl⁻, Ca²⁺, Mg²⁺ and temperature, a preset menu and a
    chloride-mode switch, driving two plots: the equilibrium potential of each ion with V_rest, and
    V_rest (GHK) with E_K (Nernst) against extracellular K⁺. Each ion's low/normal/high class is shown
    live beside the sliders.

    Controls (``explorer.controls``): ``"k"``, ``"na"``, ``"cl"``, ``"ca"``, ``"mg"`` (mM),
    ``"temp_c"`` (°C), ``"preset"`` (a key of :data:`course.electrolytes.PRESETS` or ``"custom"``),
    ``"chloride"`` (``"steady"`` or ``"acute"``). Figures: ``"potentials"``, ``"vrest_vs_k"``.
    ``explorer.texts`` holds the live HTML boxes: ``"status"`` (classification and V_rest) and the
    text alternative of each figure (same keys as the figures).
    """

    def make_controls(self) -> dict[str, widgets.ValueWidget]:
        controls: dict[str, widgets.ValueWidget] = {}
        for name in FIELDS:
            lo, hi, step, fmt = SLIDER_RANGES[name]
            controls[name] = unit_slider(
                f"Extracellular {FIELD_LABELS[name]}", "mM", lo, hi, step, getattr(_NORMAL, name),
                normal=NORMAL_RANGES[name], readout_format=fmt,
            )
        lo, hi, step, fmt = SLIDER_RANGES["temp_c"]
        controls["temp_c"] = unit_slider("Temperature", "°C", lo, hi, step, MembraneInputs.temp_c, readout_format=fmt)
        controls["preset"] = widgets.Dropdown(
            options=[(label, key) for key, label in PRESET_LABELS.items()] + [("Custom values", CUSTOM)],
            value="normal", description="Preset", style={"description_width": "6em"},
            layout=widgets.Layout(width="34em"),
        )
        controls["chloride"] = widgets.ToggleButtons(
            options=list(_CHLORIDE_OPTIONS), value=MembraneInputs.chloride, description="Cytosolic Cl⁻",
            tooltips=[
                "Minutes to days after a change: Cl⁻ inside has moved to equilibrium",
                "Seconds after a sudden change: Cl⁻ inside still at 4 mM",
            ],
            style={"description_width": "8em", "button_width": "14em"},
        )
        return controls

    def read(self) -> MembraneInputs:
        c = self.controls
        ecf = Electrolytes(**{name: float(c[name].value) for name in FIELDS})
        return MembraneInputs(ecf, float(c["temp_c"].value), c["chloride"].value)

    @staticmethod
    def compute(inputs: MembraneInputs) -> MembraneView:
        ecf, temp_c, mode = inputs.ecf, inputs.temp_c, inputs.chloride
        e = equilibrium_potentials(ecf, temp_c)
        v_curve = resting_potential_curve(K_CURVE_MM, ecf, temp_c, chloride=mode)
        v_here = _vrest_at(ecf, temp_c, mode)
        ek_curve = rt_over_f(temp_c) * (_LOG_K - np.log(INTRACELLULAR_MM["K"]))
        preset = matching_preset(ecf)
        words_e, words_k = _words(e, v_here, ecf.k, v_curve, ek_curve)
        return MembraneView(
            bars_mv=np.array([e["K"], e["Na"], e["Cl"], e["Ca"], v_here]), vrest_curve_mv=v_curve,
            ek_curve_mv=ek_curve, k_mm=ecf.k, vrest_mv=v_here, preset=preset,
            vrest_name=f"V_rest (GHK, {_CHLORIDE_WORDS[mode]})",
            status_html=_status(ecf, temp_c, mode, v_here, preset), words_potentials=words_e,
            words_vrest_vs_k=words_k,
        )

    def make_figures(self, view: MembraneView) -> dict:
        return {
            # under the controls on one 1366 × 768 screen, in JupyterLab too (its toolbars take ≈ 120 px)
            "potentials": style.set_height(
                potentials_figure(view.bars_mv, _bar_labels(view.bars_mv), _BARS_NORMAL), 340),
            "vrest_vs_k": vrest_vs_k_figure(
                K_CURVE_MM, view.vrest_curve_mv, view.ek_curve_mv, view.k_mm, view.vrest_mv, view.bars_mv[0],
                view.vrest_name,
            ),
        }

    def make_texts(self) -> dict[str, widgets.HTML]:
        return {
            # beside the sliders where there is room, under them on a narrow screen (the row wraps)
            "status": widgets.HTML(layout=widgets.Layout(flex="1 1 22em", padding="0 0 0 1em")),
            "potentials": alt_text(),
            "vrest_vs_k": alt_text(),
        }

    def arrange(self) -> list[widgets.Widget]:
        c = self.controls
        sliders = widgets.VBox([c["preset"], *(c[n] for n in (*FIELDS, "temp_c")), c["chloride"]])
        return [
            widgets.HBox([sliders, self.texts["status"]], layout=widgets.Layout(flex_flow="row wrap")),
            self.figures["potentials"], self.texts["potentials"],
            self.figures["vrest_vs_k"], self.texts["vrest_vs_k"],
        ]

    def on_change(self, name: str, change: dict) -> None:
        """Choosing a preset moves the ion sliders to its values (one recompute after all of them)."""
        if name == "preset" and change["new"] != CUSTOM:
            with self.hold():
                for field in FIELDS:
                    self.controls[field].value = getattr(PRESETS[change["new"]], field)

    def render(self, view: MembraneView) -> None:
        push_traces(
            self.figures["potentials"], POTENTIALS_TRACES, y={"bars": view.bars_mv},
            text={"bars": _bar_labels(view.bars_mv)},
        )
        k = np.array([view.k_mm])
        push_traces(
            self.figures["vrest_vs_k"], VREST_TRACES,
            y={"vrest_curve": view.vrest_curve_mv, "ek_curve": view.ek_curve_mv,
               "vrest_marker": np.array([view.vrest_mv]), "ek_marker": view.bars_mv[:1]},
        )
        push_traces(
            self.figures["vrest_vs_k"], VREST_TRACES, x={"vrest_marker": k, "ek_marker": k},
        )
        push_traces(self.figures["vrest_vs_k"], VREST_TRACES, name={"vrest_curve": view.vrest_name})
        self.texts["status"].value = view.status_html
        set_alt_text(self.texts["potentials"], view.words_potentials)
        set_alt_text(self.texts["vrest_vs_k"], view.words_vrest_vs_k)
        if self.controls["preset"].value != view.preset:
            with self.hold():  # the menu follows the sliders; the values shown are already current
                self.controls["preset"].value = view.preset


def _bar_labels(bars_mv: np.ndarray) -> list[str]:
    return [f"{signed(b)} mV" for b in bars_mv]


def membrane_explorer() -> MembraneExplorer:
    """The membrane explorer of notebook 01 (see :class:`MembraneExplorer`)."""
    return MembraneExplorer()
