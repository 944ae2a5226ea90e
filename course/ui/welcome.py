"""Warm-up explorer for the welcome notebook: the Nernst potential of K⁺."""

from __future__ import annotations

from dataclasses import dataclass

import ipywidgets as widgets
import numpy as np

from course.electrolytes import INTRACELLULAR_MM, NORMAL_RANGES, nernst
from course.figures.welcome import NERNST_TRACES, nernst_figure
from course.ui._common import Explorer, alt_text, push_traces, set_alt_text, unit_slider

__all__ = ["warmup_explorer", "WarmupExplorer", "WarmupInputs", "WarmupView", "K_IN_MM", "K_OUT_RANGE_MM"]

#: Skeletal-muscle cytosolic K⁺ (mM), from the membrane model (PHYSIOLOGY_REFERENCE / Sejersted & Sjøgaard 2000).
K_IN_MM = INTRACELLULAR_MM["K"]
#: Slider range for extracellular K⁺ (mM): severe hypo- to severe hyperkalaemia.
K_OUT_RANGE_MM = (1.0, 10.0)
_K_GRID = np.linspace(*K_OUT_RANGE_MM, 181)
_E_GRID = np.array([nernst(1, k, K_IN_MM) for k in _K_GRID])


@dataclass(frozen=True)
class WarmupInputs:
    k_out_mm: float = 4.0


@dataclass(frozen=True)
class WarmupView:
    k_mm: float
    e_k_mv: float
    words: str


class WarmupExplorer(Explorer["WarmupInputs", "WarmupView"]):
    """One slider (extracellular K⁺, mM) driving a plot of E_K against extracellular K⁺.

    Controls: ``"k_out"`` (mM). Figures: ``"nernst"``. Texts: ``"nernst"`` (its text alternative).
    """

    def make_controls(self) -> dict[str, widgets.ValueWidget]:
        return {"k_out": unit_slider(
            "Extracellular K⁺", "mM", *K_OUT_RANGE_MM, 0.1, WarmupInputs.k_out_mm, normal=NORMAL_RANGES["k"],
            readout_format=".1f",
        )}

    def read(self) -> WarmupInputs:
        return WarmupInputs(float(self.controls["k_out"].value))

    @staticmethod
    def compute(inputs: WarmupInputs) -> WarmupView:
        k = inputs.k_out_mm
        e_k = nernst(1, k, K_IN_MM)
        words = (
            f"At {k:.1f} mM extracellular K⁺ the K⁺ equilibrium potential is {e_k:.1f} mV; "
            f"the curve rises from {_E_GRID[0]:.0f} mV at {_K_GRID[0]:g} mM to {_E_GRID[-1]:.0f} mV at "
            f"{_K_GRID[-1]:g} mM."
        )
        return WarmupView(k, e_k, words)

    def make_figures(self, view: WarmupView) -> dict:
        return {"nernst": nernst_figure(_K_GRID, _E_GRID, view.k_mm, view.e_k_mv)}

    def make_texts(self) -> dict[str, widgets.HTML]:
        return {"nernst": alt_text()}

    def arrange(self) -> list[widgets.Widget]:
        return [self.controls["k_out"], self.figures["nernst"], self.texts["nernst"]]

    def render(self, view: WarmupView) -> None:
        push_traces(
            self.figures["nernst"], NERNST_TRACES, x={"marker": np.array([view.k_mm])},
            y={"marker": np.array([view.e_k_mv])},
        )
        set_alt_text(self.texts["nernst"], view.words)


def warmup_explorer() -> WarmupExplorer:
    """The warm-up explorer of notebook 00 (see :class:`WarmupExplorer`)."""
    return WarmupExplorer()
