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
from collections import OrderedDict

import ipywidgets as widgets
import numpy as np

from course import style
from course.contraction import simulate_contraction
from course.electrolytes import NORMAL_RANGES, nernst
from course.excitability import (
    CA_REF_MM,
    FIBRES,
    K_AXOPLASM_MM,
    MG_REF_MM,
    MG_SCREENING_WEIGHT,
    SHIFT_MV_PER_DECADE,
    SPIKE_THRESHOLD_MV,
    TEMP_C,
    gating_shift_mv,
)
from course.excitability_table import DURATION_MS, SHIFT_GRID_MV, load_table
from course.ui._common import Explorer, alt_text, set_alt_text, signed, unit_slider

__all__ = ["excitability_explorer", "SLIDERS", "DURATION_MS", "slider_grid"]

#: name → (label, unit, min, max, step, default, normal range or None, readout format).
SLIDERS: dict[str, tuple[str, str, float, float, float, float, tuple[float, float] | None, str]] = {
    "ca": ("Ionized Ca²⁺", "mM", 0.40, 1.60, 0.05, 1.2, NORMAL_RANGES["ca"], ".2f"),
    "mg": ("Mg²⁺", "mM", 0.30, 1.50, 0.05, 0.85, NORMAL_RANGES["mg"], ".2f"),
    "k": ("Extracellular K⁺", "mM", 2.0, 9.0, 0.5, 4.0, NORMAL_RANGES["k"], ".1f"),
    "fatigue": ("Fatigue: extra interstitial K⁺", "mM", 0.0, 8.0, 0.5, 0.0, None, ".1f"),
}
_MAX_FORCES = 512


def slider_grid(name: str) -> np.ndarray:
    """Every value slider ``name`` can take (rounded to 1e-6)."""
    _, _, lo, hi, step, *_ = SLIDERS[name]
    return np.round(np.arange(lo, hi + 0.5 * step, step), 6)


def excitability_explorer() -> Explorer:
    """Sliders for ionized Ca²⁺, Mg²⁺, K⁺ and fatigue K⁺ plus a motor/sensory switch, driving three plots:
    the axon node's membrane voltage (200 ms, no stimulus), its firing rate against Ca²⁺ with the current
    value marked, and the force of **one motor unit** driven by these spikes.

    Controls (``explorer.controls``): ``"ca"``, ``"mg"``, ``"k"``, ``"fatigue"`` (mM) and ``"fibre"``
    (``"motor"`` / ``"sensory"``). Figures: ``"voltage"``, ``"rate"``, ``"force"``. ``explorer.texts`` holds
    the live status line and the text alternative of each figure; ``explorer.table`` the table used.
    """
    table = load_table()
    sliders: dict[str, widgets.Widget] = {
        name: unit_slider(label, unit, lo, hi, step, value, normal=normal, readout_format=fmt)
        for name, (label, unit, lo, hi, step, value, normal, fmt) in SLIDERS.items()
    }
    sliders["fibre"] = widgets.ToggleButtons(
        options=[("motor axon", "motor"), ("sensory axon", "sensory")], value="motor",
        description="Axon type", tooltips=["motor axon (to muscle)", "sensory (skin) axon: more persistent Na⁺"],
    )
    grids = {name: slider_grid(name) for name in SLIDERS}
    ca_grid = grids["ca"]
    default = {name: spec[5] for name, spec in SLIDERS.items()}
    forces: OrderedDict[tuple, np.ndarray] = OrderedDict()

    def node(vals: dict[str, float], fibre: str, ca: float | None = None) -> tuple[int, int, int]:
        shift = gating_shift_mv(vals["ca"] if ca is None else ca, vals["mg"])
        return table.index(shift, vals["k"] + vals["fatigue"], fibre)

    screen_ref = CA_REF_MM + MG_SCREENING_WEIGHT * MG_REF_MM

    def row_indices(vals: dict[str, float], fibre: str) -> tuple[int, np.ndarray, int]:
        # the gating shift of every Ca²⁺ of the slider at this Mg²⁺ (gating_shift_mv, vectorised)
        shifts = SHIFT_MV_PER_DECADE * np.log10((ca_grid + MG_SCREENING_WEIGHT * vals["mg"]) / screen_ref)
        i = np.abs(SHIFT_GRID_MV[None, :] - shifts[:, None]).argmin(axis=1)
        f, _, j = node(vals, fibre)
        return f, i, j

    f0, i0, j0 = node(default, "motor")
    fn, irow, jn = row_indices(default, "motor")
    normal_rates = table.rate_hz(fn, irow, jn)

    fig_v = style.figure_widget(
        "Membrane voltage of the axon node (no stimulus)", "time (ms)", "membrane potential (mV)",
        height=330, showlegend=False, yaxis_range=[-110.0, 50.0], xaxis_range=[0.0, DURATION_MS],
    )
    fig_v.add_hline(
        y=SPIKE_THRESHOLD_MV, line_dash="dot", line_color=style.OKABE_ITO["black"], line_width=1,
        annotation_text="0 mV: a full action potential crosses this line", annotation_position="top right",
    )
    fig_v.add_scatter(
        x=table.t_ms, y=table.voltage(f0, i0, j0), mode="lines", name="membrane voltage",
        line=dict(color=style.OKABE_ITO["blue"], width=1.5),
    )
    words_v = alt_text()

    fig_r = style.figure_widget(
        "Firing rate against ionized Ca²⁺ (other sliders as set)", "ionized Ca²⁺ (mM)",
        f"firing rate (Hz, spikes in {DURATION_MS:.0f} ms)", height=330, showlegend=True,
        yaxis_range=[-3.0, 160.0], xaxis_range=[ca_grid[0] - 0.02, ca_grid[-1] + 0.02],
        legend=dict(orientation="h", y=-0.2),
    )
    style.normal_band(fig_r, *NORMAL_RANGES["ca"], axis="x", label="normal ionized Ca²⁺")
    fig_r.add_scatter(
        x=ca_grid, y=normal_rates, mode="lines+markers", name="motor axon, all other values normal",
        line=dict(color=style.OKABE_ITO["black"], dash="dash", width=1.5),
        marker=dict(symbol="circle-open", size=6, color=style.OKABE_ITO["black"]),
    )
    fig_r.add_scatter(
        x=ca_grid, y=normal_rates, mode="lines+markers", name="with your settings",
        line=dict(color=style.OKABE_ITO["vermillion"], dash="solid", width=2.5),
        marker=dict(symbol="square", size=6, color=style.OKABE_ITO["vermillion"]),
    )
    fig_r.add_scatter(
        x=np.array([default["ca"]]), y=np.zeros(1), mode="markers", name="your Ca²⁺",
        marker=dict(symbol="diamond", size=15, color=style.OKABE_ITO["blue"], line=dict(width=1, color="white")),
    )
    words_r = alt_text()

    fig_f = style.figure_widget(
        "Force of one motor unit driven by these spikes", "time (ms)",
        "force (% of the unit's maximal fused tetanus)", height=300, showlegend=False,
        yaxis_range=[0.0, 105.0], xaxis_range=[0.0, DURATION_MS],
    )
    force0 = simulate_contraction(None, DURATION_MS, spike_times_ms=np.empty(0))
    fig_f.add_scatter(
        x=force0.t_ms, y=100.0 * force0.force, mode="lines", name="force",
        line=dict(color=style.OKABE_ITO["bluish_green"], width=2.5),
    )
    words_f = alt_text()
    status = widgets.HTML()

    def force_of(key: tuple[int, int, int], spikes: np.ndarray) -> np.ndarray:
        fkey = key if spikes.size else ("none",)
        f = forces.get(fkey)
        if f is None:
            f = 100.0 * simulate_contraction(None, DURATION_MS, spike_times_ms=spikes).force
            forces[fkey] = f
            while len(forces) > _MAX_FORCES:
                forces.popitem(last=False)
        else:
            forces.move_to_end(fkey)
        return f

    def update() -> None:
        vals = {
            name: float(grids[name][np.argmin(np.abs(grids[name] - float(sliders[name].value)))])
            for name in SLIDERS
        }
        fibre = sliders["fibre"].value
        key = node(vals, fibre)
        f, i, j = key
        v = table.voltage(f, i, j)
        spikes = table.spikes(f, i, j)
        rate = spikes.size * 1000.0 / DURATION_MS
        fr, ir, jr = row_indices(vals, fibre)
        rates = table.rate_hz(fr, ir, jr)
        force = force_of(key, spikes)
        with fig_v.batch_update():
            fig_v.data[0].y = v
        with fig_r.batch_update():
            fig_r.data[1].y = rates
            fig_r.data[2].x = np.array([vals["ca"]])
            fig_r.data[2].y = np.array([rate])
        with fig_f.batch_update():
            fig_f.data[0].y = force

        shift = gating_shift_mv(vals["ca"], vals["mg"])
        k_eff = vals["k"] + vals["fatigue"]
        e_k = nernst(1, k_eff, K_AXOPLASM_MM, TEMP_C)
        rest = float(table.rest_mv[f, i, j])
        who = "sensory" if fibre == "sensory" else "motor"
        if spikes.size == 0:
            verdict = "silent: no action potential"
        else:
            gaps = np.diff(spikes)
            grouped = int(np.sum(gaps < 10.0))
            verdict = f"{spikes.size} action potentials with no stimulus at all: spontaneous firing"
            if grouped:
                verdict += f" ({grouped} of them within 10 ms of the one before: doublets and multiplets)"
        status.value = (
            '<div role="status" aria-live="polite" style="font-size:13px">'
            f"{who.capitalize()} axon · gating shift <b>{signed(shift)} mV</b> · E_K <b>{signed(e_k)} mV</b> "
            f"(K⁺ around the axon {k_eff:.1f} mM) · resting potential <b>{signed(rest)} mV</b> · "
            f"in {DURATION_MS:.0f} ms: <b>{html.escape(verdict)}</b></div>"
        )
        firing = ca_grid[rates > 0]
        if firing.size:
            onset_txt = (
                f"the axon fires at {firing.size} of the {ca_grid.size} Ca²⁺ values, up to {firing.max():.2f} mM"
            )
        else:
            onset_txt = f"the axon stays silent at every Ca²⁺ from {ca_grid[0]:.2f} to {ca_grid[-1]:.2f} mM"
        set_alt_text(
            words_v,
            f"Voltage of the {who} axon over {DURATION_MS:.0f} ms at Ca²⁺ {vals['ca']:.2f} mM: it starts 2 mV "
            f"above a rest of {signed(rest)} mV and shows {spikes.size} action potentials ({rate:.0f} Hz).",
        )
        set_alt_text(
            words_r,
            f"With these settings {onset_txt}; at your {vals['ca']:.2f} mM the rate is {rate:.0f} Hz "
            f"(the motor axon with all other values normal fires only up to "
            f"{ca_grid[normal_rates > 0].max():.2f} mM Ca²⁺).",
        )
        tail = force[force0.t_ms >= DURATION_MS - 100.0]
        set_alt_text(
            words_f,
            f"Force of one motor unit peaks at {force.max():.0f} % of its maximal tetanus and averages "
            f"{tail.mean():.0f} % over the last 100 ms"
            + (" (the spikes of a sensory axon do not reach muscle; shown as if they did)." if who == "sensory"
               else "."),
        )

    children = [
        widgets.HTML("<b>Blood values</b>"),
        sliders["ca"], sliders["mg"], sliders["k"],
        widgets.HTML("<b>Extra K⁺ around the axon</b> (0 = none)"),
        sliders["fatigue"],
        sliders["fibre"],
        status, fig_v, words_v, fig_r, words_r, fig_f, words_f,
    ]
    explorer = Explorer(
        children, controls=sliders, figures={"voltage": fig_v, "rate": fig_r, "force": fig_f}, update=update
    )
    explorer.texts = {"status": status, "voltage": words_v, "rate": words_r, "force": words_f}
    explorer.table = table
    return explorer


__all__ += ["FIBRES"]
