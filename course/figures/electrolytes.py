"""Figures of the membrane topic (notebook 01): equilibrium potentials, V_rest against K⁺, V_rest per preset."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from course import style
from course.electrolytes import NORMAL_RANGES, PRESET_LABELS, PRESETS, resting_potential

__all__ = [
    "BAR_NAMES", "BAR_KEYS", "POTENTIALS_TRACES", "VREST_TRACES", "potentials_figure", "vrest_vs_k_figure",
    "preset_figure",
]

#: Bars of :func:`potentials_figure`, left to right, and their colour keys in :data:`course.style.ION_COLORS`.
BAR_NAMES = ("E_K", "E_Na", "E_Cl", "E_Ca", "V_rest")
BAR_KEYS = ("K", "Na", "Cl", "Ca", "Vrest")
#: Trace order of :func:`potentials_figure` and of :func:`vrest_vs_k_figure`.
POTENTIALS_TRACES = ("bars", "normal")
VREST_TRACES = ("vrest_curve", "ek_curve", "vrest_marker", "ek_marker")


def potentials_figure(bars_mv: np.ndarray, labels: list[str], normal_mv: np.ndarray) -> go.Figure:
    """Bars: E_K, E_Na, E_Cl, E_Ca and V_rest (mV) with their labels; diamonds: the values at normal ECF, 37 °C."""
    fig = style.figure(
        "Equilibrium potential of each ion and the resting potential", "",
        "potential (mV,<br>inside − outside)", height=380, showlegend=True, yaxis_range=[-150.0, 150.0],
        xaxis_dtick=1,  # every bar labelled
    )
    fig.add_hline(y=0.0, line_width=1, line_color=style.OKABE_ITO["black"])
    fig.add_bar(
        x=list(BAR_NAMES), y=bars_mv, name="your values", marker=dict(color=[style.ION_COLORS[k] for k in BAR_KEYS]),
        text=labels, textposition="outside", cliponaxis=False,
    )
    fig.add_scatter(
        x=list(BAR_NAMES), y=normal_mv, mode="markers", name="normal values, 37 °C",
        marker=dict(symbol="diamond-open", size=14, color=style.OKABE_ITO["black"], line=dict(width=2)),
    )
    return fig


def vrest_vs_k_figure(
    k_grid_mm: np.ndarray, vrest_mv: np.ndarray, ek_mv: np.ndarray, k_mm: float, vrest_here_mv: float,
    ek_here_mv: float, vrest_name: str,
) -> go.Figure:
    """V_rest (GHK) and E_K (Nernst) in mV against extracellular K⁺ (mM), with markers at the chosen K⁺."""
    fig = style.figure(
        "Resting potential against extracellular K⁺", "extracellular K⁺ (mM)", "potential (mV)", height=380,
        showlegend=True, yaxis_range=[-140.0, -50.0], xaxis_range=[k_grid_mm[0], k_grid_mm[-1]],
    )
    style.normal_band(fig, *NORMAL_RANGES["k"], axis="x", label="normal serum K⁺")
    fig.add_scatter(
        x=k_grid_mm, y=vrest_mv, mode="lines", name=vrest_name,
        line=dict(color=style.ION_COLORS["Vrest"], dash="solid", width=3),
    )
    fig.add_scatter(
        x=k_grid_mm, y=ek_mv, mode="lines", name="E_K (Nernst, K⁺ only)",
        line=dict(color=style.ION_COLORS["K"], dash="dash", width=2),
    )
    fig.add_scatter(
        x=np.array([k_mm]), y=np.array([vrest_here_mv]), mode="markers", name="your V_rest",
        marker=dict(symbol="circle", size=12, color=style.ION_COLORS["Vrest"]),
    )
    fig.add_scatter(
        x=np.array([k_mm]), y=np.array([ek_here_mv]), mode="markers", name="your E_K",
        marker=dict(symbol="square", size=11, color=style.ION_COLORS["K"]),
    )
    return fig


def preset_figure() -> tuple[go.Figure, str]:
    """V_rest (mV; steady-state chloride, 37 °C) of every preset of :data:`course.electrolytes.PRESETS`,
    and a text alternative naming each value and the presets more than 1 mV from normal (the first preset)."""
    keys = list(PRESETS)
    names = [PRESET_LABELS[k].split(" (")[0] for k in keys]
    v = [resting_potential(PRESETS[k]) for k in keys]
    # one bar per preset, read across: the presets' names stay horizontal beside their bars at any width
    # (upright names under vertical bars took most of a phone-wide figure's height)
    fig = style.figure(
        "Resting potential for each preset (steady-state chloride, 37 °C)", "V_rest (mV)", "", height=400,
        xaxis_range=[-105, -70], showlegend=True,
    )
    labels = [style.wrap(n, 18) for n in names]
    fig.update_yaxes(type="category", categoryorder="array", categoryarray=labels[::-1], dtick=1)
    fig.add_bar(
        y=labels, x=v, orientation="h", marker_color=style.ION_COLORS["Vrest"],
        text=[f"{x:.1f}" for x in v], textposition="auto", name="V_rest of the preset",
    )
    # the normal value is a line across the bars, named in the legend (a label on the line ran into the bars' own)
    normal_line = dict(dash="dash", color=style.OKABE_ITO["blue"])
    fig.add_vline(x=v[0], line=normal_line, layer="below")
    fig.add_scatter(x=[None], y=[None], mode="lines", line=normal_line, name=f"normal ({v[0]:.1f} mV)")
    words = (
        "In words: the resting potential is "
        + "; ".join(f"{n.lower()} {x:.1f} mV" for n, x in zip(names, v, strict=True))
        + ". Presets that move it by more than 1 mV from normal: "
        + ", ".join(n.lower() for n, x in zip(names, v, strict=True) if abs(x - v[0]) > 1.0) + "."
    )
    return fig, words
