"""Figure of the warm-up explorer (notebook 00): the Nernst potential of K⁺ against extracellular K⁺."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from course import style
from course.electrolytes import NORMAL_RANGES

__all__ = ["nernst_figure", "NERNST_TRACES"]

#: Trace order of :func:`nernst_figure` (the explorer moves the marker).
NERNST_TRACES = ("curve", "marker")


def nernst_figure(k_grid_mm: np.ndarray, e_grid_mv: np.ndarray, k_mm: float, e_k_mv: float) -> go.Figure:
    """E_K (mV) against extracellular K⁺ (mM), the normal serum band, and a marker at (``k_mm``, ``e_k_mv``)."""
    fig = style.figure(
        "Equilibrium potential of K⁺ (37 °C, 150 mM inside)", "extracellular K⁺ (mM)", "E_K (mV)",
        height=360, showlegend=True,
    )
    style.normal_band(fig, *NORMAL_RANGES["k"], axis="x", label="normal serum K⁺")
    fig.add_scatter(x=k_grid_mm, y=e_grid_mv, mode="lines", name="E_K (Nernst)", line=dict(color=style.ION_COLORS["K"]))
    fig.add_scatter(
        x=np.array([k_mm]), y=np.array([e_k_mv]), mode="markers", name="your value",
        marker=dict(size=12, symbol="diamond", color=style.OKABE_ITO["vermillion"]),
    )
    return fig
