"""Warm-up explorer for the welcome notebook: the Nernst potential of K⁺."""

from __future__ import annotations

import numpy as np

from course import style
from course.electrolytes import nernst
from course.ui._common import Explorer, alt_text, set_alt_text, unit_slider

__all__ = ["warmup_explorer", "K_IN_MM", "K_OUT_RANGE_MM"]

#: Skeletal-muscle cytosolic K⁺ (mM), PHYSIOLOGY_REFERENCE / Sejersted & Sjøgaard 2000.
K_IN_MM = 150.0
#: Slider range for extracellular K⁺ (mM): severe hypo- to severe hyperkalaemia.
K_OUT_RANGE_MM = (1.0, 10.0)
_NORMAL_K = (3.5, 5.0)


def warmup_explorer() -> Explorer:
    """One slider (extracellular K⁺, mM) driving a plot of E_K against extracellular K⁺."""
    k_slider = unit_slider("Extracellular K⁺", "mM", *K_OUT_RANGE_MM, 0.1, 4.0, normal=_NORMAL_K, readout_format=".1f")
    k_grid = np.linspace(*K_OUT_RANGE_MM, 181)
    e_grid = np.array([nernst(1, k, K_IN_MM) for k in k_grid])

    fig = style.figure_widget(
        "Equilibrium potential of K⁺ (37 °C, 150 mM inside)",
        "extracellular K⁺ (mM)",
        "E_K (mV)",
        height=360,
        showlegend=True,
    )
    style.normal_band(fig, *_NORMAL_K, axis="x", label="normal serum K⁺")
    fig.add_scatter(x=k_grid, y=e_grid, mode="lines", name="E_K (Nernst)", line=dict(color=style.ION_COLORS["K"]))
    fig.add_scatter(
        x=[4.0], y=[nernst(1, 4.0, K_IN_MM)], mode="markers", name="your value",
        marker=dict(size=12, symbol="diamond", color=style.OKABE_ITO["vermillion"]),
    )
    words = alt_text()

    def update() -> None:
        k = float(k_slider.value)
        e_k = nernst(1, k, K_IN_MM)
        with fig.batch_update():
            fig.data[1].x = np.array([k])
            fig.data[1].y = np.array([e_k])
        set_alt_text(
            words,
            f"At {k:.1f} mM extracellular K⁺ the K⁺ equilibrium potential is {e_k:.1f} mV; "
            f"the curve rises from {e_grid[0]:.0f} mV at 1 mM to {e_grid[-1]:.0f} mV at 10 mM.",
        )

    return Explorer([k_slider, fig, words], controls={"k_out": k_slider}, figures={"nernst": fig}, update=update)
