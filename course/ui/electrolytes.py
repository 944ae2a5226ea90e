"""Membrane explorer (notebook 01): extracellular ions and temperature → E_ion and V_rest."""

from __future__ import annotations

import html

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
from course.ui._common import Explorer, alt_text, set_alt_text, signed, status_html, unit_slider

__all__ = ["membrane_explorer", "SLIDER_RANGES", "K_CURVE_MM", "CUSTOM"]

#: Slider (min, max, step, readout format) per control; every preset lies inside these ranges.
SLIDER_RANGES: dict[str, tuple[float, float, float, str]] = {
    "k": (1.0, 10.0, 0.1, ".1f"),
    "na": (110.0, 170.0, 1.0, ".0f"),
    "cl": (80.0, 125.0, 1.0, ".0f"),
    "ca": (0.5, 2.0, 0.05, ".2f"),
    "mg": (0.2, 2.0, 0.05, ".2f"),
    "temp_c": (20.0, 40.0, 0.5, ".1f"),
}

#: Extracellular K⁺ grid (mM) of the V_rest-versus-K⁺ plot: the whole K⁺ slider range.
K_CURVE_MM: np.ndarray = np.linspace(SLIDER_RANGES["k"][0], SLIDER_RANGES["k"][1], 181)

#: Dropdown value shown when the sliders match no preset.
CUSTOM = "custom"

_BAR_NAMES = ("E_K", "E_Na", "E_Cl", "E_Ca", "V_rest")
_BAR_KEYS = ("K", "Na", "Cl", "Ca", "Vrest")
_CHLORIDE_OPTIONS = [("settled (steady state)", "steady"), ("first seconds (acute)", "acute")]
_CHLORIDE_WORDS = {"steady": "steady-state chloride", "acute": "acute chloride"}


def _matching_preset(values: dict[str, float]) -> str:
    for key, ecf in PRESETS.items():
        if all(abs(values[f] - getattr(ecf, f)) < 1e-9 for f in FIELDS):
            return key
    return CUSTOM


def membrane_explorer() -> Explorer:
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
    normal = Electrolytes()
    sliders: dict[str, widgets.FloatSlider] = {}
    for name in FIELDS:
        lo, hi, step, fmt = SLIDER_RANGES[name]
        sliders[name] = unit_slider(
            f"Extracellular {FIELD_LABELS[name]}", "mM", lo, hi, step, getattr(normal, name),
            normal=NORMAL_RANGES[name], readout_format=fmt,
        )
    lo, hi, step, fmt = SLIDER_RANGES["temp_c"]
    sliders["temp_c"] = unit_slider("Temperature", "°C", lo, hi, step, 37.0, readout_format=fmt)

    preset = widgets.Dropdown(
        options=[(label, key) for key, label in PRESET_LABELS.items()] + [("Custom values", CUSTOM)],
        value="normal",
        description="Preset",
        style={"description_width": "6em"},
        layout=widgets.Layout(width="34em"),
    )
    chloride = widgets.ToggleButtons(
        options=_CHLORIDE_OPTIONS,
        value="steady",
        description="Cytosolic Cl⁻",
        tooltips=[
            "Minutes to days after a change: Cl⁻ inside has moved to equilibrium",
            "Seconds after a sudden change: Cl⁻ inside still at 4 mM",
        ],
        style={"description_width": "8em", "button_width": "14em"},
    )
    status = widgets.HTML(layout=widgets.Layout(min_width="22em", padding="0 0 0 1em"))

    # Figure 1: equilibrium potentials and V_rest on one axis.
    fig_e = style.figure_widget(
        "Equilibrium potential of each ion and the resting potential",
        "",
        "membrane potential (mV, inside − outside)",
        height=380,
        showlegend=True,
        yaxis_range=[-150.0, 150.0],
        legend=dict(orientation="h", y=-0.12),
    )
    e_normal = equilibrium_potentials(normal)
    v_normal = float(resting_potential_curve(np.array([normal.k]), normal)[0])
    colours = [style.ION_COLORS[k] for k in _BAR_KEYS]
    fig_e.add_hline(y=0.0, line_width=1, line_color=style.OKABE_ITO["black"])
    fig_e.add_bar(
        x=list(_BAR_NAMES), y=np.zeros(5), name="your values", marker=dict(color=colours),
        text=[""] * 5, textposition="outside", cliponaxis=False,
    )
    fig_e.add_scatter(
        x=list(_BAR_NAMES),
        y=np.array([e_normal["K"], e_normal["Na"], e_normal["Cl"], e_normal["Ca"], v_normal]),
        mode="markers", name="normal values, 37 °C",
        marker=dict(symbol="diamond-open", size=14, color=style.OKABE_ITO["black"], line=dict(width=2)),
    )
    words_e = alt_text()

    # Figure 2: V_rest (GHK) and E_K (Nernst) against extracellular K⁺.
    fig_k = style.figure_widget(
        "Resting potential against extracellular K⁺",
        "extracellular K⁺ (mM)",
        "potential (mV)",
        height=380,
        showlegend=True,
        yaxis_range=[-140.0, -50.0],
        xaxis_range=[K_CURVE_MM[0], K_CURVE_MM[-1]],
    )
    style.normal_band(fig_k, *NORMAL_RANGES["k"], axis="x", label="normal serum K⁺")
    fig_k.add_scatter(
        x=K_CURVE_MM, y=np.zeros_like(K_CURVE_MM), mode="lines", name="V_rest (GHK)",
        line=dict(color=style.ION_COLORS["Vrest"], dash="solid", width=3),
    )
    fig_k.add_scatter(
        x=K_CURVE_MM, y=np.zeros_like(K_CURVE_MM), mode="lines", name="E_K (Nernst, K⁺ only)",
        line=dict(color=style.ION_COLORS["K"], dash="dash", width=2),
    )
    fig_k.add_scatter(
        x=np.array([normal.k]), y=np.zeros(1), mode="markers", name="your V_rest",
        marker=dict(symbol="circle", size=12, color=style.ION_COLORS["Vrest"]),
    )
    fig_k.add_scatter(
        x=np.array([normal.k]), y=np.zeros(1), mode="markers", name="your E_K",
        marker=dict(symbol="square", size=11, color=style.ION_COLORS["K"]),
    )
    words_k = alt_text()
    log_k_ratio = np.log(K_CURVE_MM)  # E_K curve = RT/F·(ln K_o − ln K_i): only RT/F changes

    busy = {"on": False}

    def apply_preset(change: dict) -> None:
        key = change["new"]
        if busy["on"] or key == CUSTOM:
            return
        busy["on"] = True
        try:
            for name in FIELDS:
                sliders[name].value = getattr(PRESETS[key], name)
        finally:
            busy["on"] = False
        # The Explorer's own observer (registered after this one) then runs update() once.

    preset.observe(apply_preset, names="value")

    def update() -> None:
        if busy["on"]:
            return
        values = {name: float(sliders[name].value) for name in FIELDS}
        temp_c = float(sliders["temp_c"].value)
        mode = chloride.value
        ecf = Electrolytes(**values)
        e = equilibrium_potentials(ecf, temp_c)
        v_curve = resting_potential_curve(K_CURVE_MM, ecf, temp_c, chloride=mode)
        v_here = float(resting_potential_curve(np.array([ecf.k]), ecf, temp_c, chloride=mode)[0])
        rtf = rt_over_f(temp_c)
        ek_curve = rtf * (log_k_ratio - np.log(INTRACELLULAR_MM["K"]))
        bars = np.array([e["K"], e["Na"], e["Cl"], e["Ca"], v_here])
        with fig_e.batch_update():
            fig_e.data[0].y = bars
            fig_e.data[0].text = [f"{signed(b)} mV" for b in bars]
        with fig_k.batch_update():
            fig_k.data[0].y = v_curve
            fig_k.data[0].name = f"V_rest (GHK, {_CHLORIDE_WORDS[mode]})"
            fig_k.data[1].y = ek_curve
            fig_k.data[2].x = np.array([ecf.k])
            fig_k.data[2].y = np.array([v_here])
            fig_k.data[3].x = np.array([ecf.k])
            fig_k.data[3].y = np.array([e["K"]])

        classes = classify(ecf)
        match = _matching_preset(values)
        rows = "<br>".join(
            status_html(f"{FIELD_LABELS[n]} {values[n]:g} mM", classes[n]) for n in FIELDS
        )
        note = PRESET_NOTES[match] if match != CUSTOM else "Your own combination of values."
        status.value = (
            '<div role="status" aria-live="polite"><b>Clinical class (normal serum range)</b><br>'
            f"{rows}<br><br><b>V_rest = {signed(v_here)} mV</b> "
            f"({html.escape(_CHLORIDE_WORDS[mode])}, {temp_c:.1f} °C)<br>"
            f'<span style="font-size:12px">{html.escape(note)}</span></div>'
        )
        set_alt_text(
            words_e,
            f"E_K {signed(e['K'])} mV, E_Na {signed(e['Na'])} mV, E_Cl {signed(e['Cl'])} mV, "
            f"E_Ca {signed(e['Ca'])} mV; the resting potential is {signed(v_here)} mV "
            f"(normal values give {signed(v_normal)} mV).",
        )
        set_alt_text(
            words_k,
            f"From {K_CURVE_MM[0]:g} to {K_CURVE_MM[-1]:g} mM K⁺ the GHK resting potential rises from "
            f"{signed(v_curve[0])} to {signed(v_curve[-1])} mV while E_K rises from "
            f"{signed(ek_curve[0])} to {signed(ek_curve[-1])} mV; "
            f"at your {ecf.k:.1f} mM V_rest is {signed(v_here)} mV, {abs(v_here - e['K']):.1f} mV "
            f"{'less negative' if v_here > e['K'] else 'more negative'} than E_K.",
        )
        if preset.value != match:
            busy["on"] = True
            try:
                preset.value = match
            finally:
                busy["on"] = False

    controls = {**sliders, "preset": preset, "chloride": chloride}
    slider_box = widgets.VBox([preset, *(sliders[n] for n in (*FIELDS, "temp_c")), chloride])
    children = [
        widgets.HBox([slider_box, status]),
        fig_e,
        words_e,
        fig_k,
        words_k,
    ]
    explorer = Explorer(
        children, controls=controls, figures={"potentials": fig_e, "vrest_vs_k": fig_k}, update=update
    )
    explorer.texts = {"status": status, "potentials": words_e, "vrest_vs_k": words_k}
    return explorer
