"""Plot hygiene on every figure's layout (COURSE_SPEC V3.6 "Plots"), without a browser.

Every stored static figure of every notebook and every explorer figure: an explicit axis range holds all of the
data drawn on that axis (the node + internode axon fires at up to ≈ 400 Hz below the Ca²⁺ onset, which a fixed
0–160 Hz axis cut off), an axis in whole weeks has whole-week ticks (no "week 1.5"), every axis title makes room
for itself (automargin), and a horizontal legend below a plot is anchored at its top, below the x-axis title.
What is measured on the drawn SVG (a legend or y-axis title over a title) is in ``tests/browser``
(``reference.browser.lab.plot_overlaps``: the export scan and every Voilà app).
"""

from __future__ import annotations

import nbformat
import numpy as np
import plotly.graph_objects as go
import pytest

import course.ui as ui
from course import style
from course.build import notebook_paths
from course.figures.excitability import rate_axis_top


def _stored_figures():
    for path in notebook_paths():
        nb = nbformat.read(path, as_version=4)
        for i, cell in enumerate(nb.cells):
            for out in cell.get("outputs", []):
                data = out.get("data", {}).get("application/vnd.plotly.v1+json")
                if data:
                    yield f"{path.name[:2]} cell {i}", go.Figure(data)


def _explorer_figures():
    for name in ui.EXPLORERS:
        explorer = getattr(ui, name)()
        for key, view in explorer.figures.items():
            yield f"{name}.{key}", view.figure


FIGURES = [*_stored_figures(), *_explorer_figures()]


def _axis_of(trace, letter: str) -> str:
    ref = getattr(trace, f"{letter}axis", None) or letter
    return f"{letter}axis" + ref[1:]


def layout_problems(fig: go.Figure) -> list[str]:
    problems = []
    layout = fig.layout
    for name in [k for k in layout if k.startswith(("xaxis", "yaxis"))]:
        axis = layout[name]
        title = (axis.title.text or "") if axis.title else ""
        if title and axis.automargin is False:
            problems.append(f"{name} '{title}' has automargin off")
        if name.startswith("xaxis") and title.strip().lower() in ("week", "weeks") and axis.tickmode != "array":
            if axis.dtick is None or float(axis.dtick) % 1 != 0:
                problems.append(f"{name} '{title}' can show fractional weeks (dtick={axis.dtick})")
        if axis.range is None or None in axis.range or axis.type in ("log", "category", "date"):
            continue
        lo, hi = sorted(float(v) for v in axis.range)
        for trace in fig.data:
            if trace.visible is False or _axis_of(trace, name[0]) != name:
                continue
            try:
                values = np.asarray(getattr(trace, name[0]), dtype=float)
            except (TypeError, ValueError):  # categorical
                continue
            values = values[np.isfinite(values)]
            slack = 1e-9 * (hi - lo)
            if values.size and (values.min() < lo - slack or values.max() > hi + slack):
                problems.append(f"{name} range [{lo:g}, {hi:g}] cuts off {trace.name!r} "
                                f"({values.min():g} to {values.max():g})")
    legend = layout.legend
    if legend.orientation == "h" and legend.y is not None and legend.y < 0 and legend.yanchor != "top":
        problems.append(f"legend below the plot at y={legend.y} is not anchored at its top")
    return problems


@pytest.mark.parametrize("where, fig", FIGURES, ids=[w for w, _ in FIGURES])
def test_figure_layout_is_clean(where, fig):
    assert len(FIGURES) >= 30
    assert layout_problems(fig) == [], where


def test_the_checks_are_not_blind():
    fig = style.figure("t", "week", "spasms", xaxis_range=[0.0, 5.0], legend=dict(orientation="h", y=-0.2))
    fig.add_bar(x=np.arange(1, 8), y=np.ones(7), name="a")
    fig.update_layout(legend_yanchor="bottom", xaxis_dtick=0.5)
    found = " / ".join(layout_problems(fig))
    assert "cuts off 'a'" in found and "fractional weeks" in found and "anchored at its top" in found


def test_the_rate_axis_holds_every_rate_the_explorer_can_show():
    """The firing-rate axis of notebook 03's explorer grows with the rates (never below 160 Hz), so the highest
    rate in the explorer's whole table of exact model runs is inside it."""
    from course.excitability_table import DURATION_MS, load_table

    top = float(load_table().spike_count.max()) * 1000.0 / DURATION_MS
    assert top > 160.0  # below the Ca²⁺ onset the node + internode axon fires bursts
    assert rate_axis_top(np.array([top])) >= top and rate_axis_top(np.zeros(3)) == 160.0


def test_a_legend_below_keeps_clear_of_the_axis_title_at_any_height():
    for height in (250, 330, 500):
        fig = style.figure("t", "x", "y", height=500, legend=dict(orientation="h", y=-0.2))
        style.set_height(fig, height)
        plot_px = height - 50 - style.LEGEND_GAP_PX - 30
        assert fig.layout.legend.yanchor == "top"
        assert -fig.layout.legend.y * plot_px == pytest.approx(style.LEGEND_GAP_PX, abs=0.5)
    with pytest.raises(ValueError, match="height=100"):
        style.legend_below_y(100)
