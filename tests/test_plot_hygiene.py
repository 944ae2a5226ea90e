"""Plot hygiene on every figure's layout (COURSE_SPEC V3.6 "Plots"), without a browser.

Every stored static figure of every notebook and every explorer figure: an explicit axis range holds all of the
data drawn on that axis (the node + internode axon fires at up to ≈ 400 Hz below the Ca²⁺ onset, which a fixed
0–160 Hz axis cut off), an axis in whole weeks has whole-week ticks (no "week 1.5"), and every part outside the
plot area makes room for itself at any width (a figure is 274 px wide in JupyterLab on a 390 px phone, 1,370 px on a
desktop): every axis title has automargin and no axis has an empty title (which still takes its room); the title
stands on the plot area and pushes the top margin, in lines short enough for a 274 px plot; the legend, when shown,
lies horizontally at the bottom of the figure in container coordinates (plotly reserves its height under the
x-axis title, however many rows its entries take), with entries in short lines; every category of a category
axis is labelled (plotly labels only every other one when they are dense); no fixed side margin squeezes a narrow
plot; annotations are short. What is measured on the drawn SVG at a 390 px phone width and at 200 % zoom (a title
cut off at the plot's edge, a legend over the data, axis titles or tick labels over each other, a squeezed plot
area) is in ``tests/browser`` (``reference.browser.lab.plot_problems``: ``test_plot_layout.py`` draws every figure
at those widths; the Voilà apps, the JupyterLab run and the export scan measure the real pages).
"""

from __future__ import annotations

import re

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


#: longest line of a figure title (characters): a 40-character title of the course font at 16 px is ≤ 270 px wide
#: (measured in Chromium), inside a 274 px plot. The builders wrap at ``style.TITLE_CHARS`` (34); the explorers of
#: notebooks 02 and 04 rewrite their titles (≤ 40 characters) as the sliders move.
TITLE_MAX_CHARS = 40
#: longest line of a legend entry (characters, 12 px): the builders wrap at ``style.LEGEND_CHARS`` (36); the healing
#: explorer names its weekly bars itself, up to 43 characters ("B: Infection of the injured area (expected)"),
#: measured 272 px wide with its symbol in Chromium (Arial metrics), inside a 274 px figure
LEGEND_MAX_CHARS = 44
#: longest line of an annotation (characters, 12–13 px): a label beside a band or line inside a ≈ 180 px plot area
NOTE_MAX_CHARS = 28
#: widest fixed side margin (px): more leaves a 274 px figure no plot area
MARGIN_MAX_PX = 80


def _lines(text: str | None) -> list[str]:
    """The lines of a plotly text (``<br>`` breaks, other tags removed)."""
    return [re.sub(r"<[^>]+>", "", line) for line in re.split(r"<br\s*/?>", text or "")]


def _legend_shown(fig: go.Figure) -> bool:
    if fig.layout.showlegend is not None:
        return bool(fig.layout.showlegend)
    return sum(t.showlegend is not False for t in fig.data) > 1  # plotly's default


def _categories(fig: go.Figure, name: str) -> list:
    axis = fig.layout[name]
    if axis.type not in (None, "category"):
        return []
    values: list = []
    for trace in fig.data:
        if _axis_of(trace, name[0]) == name:
            values += [v for v in np.ravel(np.asarray(getattr(trace, name[0]) if getattr(trace, name[0]) is not None
                                                      else [], dtype=object)) if v is not None]
    if axis.type != "category" and not any(isinstance(v, str) for v in values):
        return []
    return list(dict.fromkeys(values))


def layout_problems(fig: go.Figure) -> list[str]:
    problems = []
    layout = fig.layout
    for name in [k for k in layout if k.startswith(("xaxis", "yaxis"))]:
        axis = layout[name]
        title = (axis.title.text or "") if axis.title else ""
        if title and axis.automargin is False:
            problems.append(f"{name} '{title}' has automargin off")
        if axis.title and axis.title.text == "":
            problems.append(f"{name} has an empty title, which still takes its room in the margin")
        if name.startswith("xaxis") and any(len(line) > style.AXIS_TITLE_CHARS for line in _lines(title)):
            problems.append(f"{name} title '{title}' has a line over {style.AXIS_TITLE_CHARS} characters")
        categories = _categories(fig, name)
        if len(categories) > 1 and axis.dtick != 1 and not (
                axis.tickmode == "array" or axis.tickvals is not None and set(categories) <= set(axis.tickvals)):
            problems.append(f"{name} has {len(categories)} categories but no dtick=1: plotly may skip some labels")
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
    text = layout.title.text if layout.title else None
    if text:
        if any(len(line) > TITLE_MAX_CHARS for line in _lines(text)):
            problems.append(f"title '{text}' has a line over {TITLE_MAX_CHARS} characters")
        t = layout.title
        if not (t.automargin and t.yref == "paper" and t.yanchor == "bottom" and t.y == 1):
            problems.append(f"title '{text}' does not stand on the plot and push the top margin (automargin)")
    legend = layout.legend
    if _legend_shown(fig):
        if (legend.orientation, legend.yref, legend.y, legend.yanchor) != ("h", "container", 0, "bottom"):
            problems.append("the legend is not the course legend (horizontal, at the bottom of the figure in "
                            f"container coordinates): {legend.to_plotly_json()}")
        for trace in fig.data:
            if trace.showlegend is not False and any(len(line) > LEGEND_MAX_CHARS for line in _lines(trace.name)):
                problems.append(f"legend entry '{trace.name}' has a line over {LEGEND_MAX_CHARS} characters")
    for side in ("l", "r"):
        px = getattr(layout.margin, side)
        if px is not None and px > MARGIN_MAX_PX:
            problems.append(f"fixed margin {side}={px} px (> {MARGIN_MAX_PX}) squeezes a phone-wide plot")
    for note in layout.annotations:
        if any(len(line) > NOTE_MAX_CHARS for line in _lines(note.text)):
            problems.append(f"annotation '{note.text}' has a line over {NOTE_MAX_CHARS} characters")
    return problems


@pytest.mark.parametrize("where, fig", FIGURES, ids=[w for w, _ in FIGURES])
def test_figure_layout_is_clean(where, fig):
    assert len(FIGURES) >= 30
    assert layout_problems(fig) == [], where


def test_the_checks_are_not_blind():
    fig = style.figure("t", "week", "spasms", xaxis_range=[0.0, 5.0])
    fig.add_bar(x=np.arange(1, 8), y=np.ones(7), name="a")
    fig.add_bar(x=["one", "two"], y=[1, 2], name="a name far, far too long for one line of a phone-wide legend",
                xaxis="x2")
    fig.update_layout(xaxis_dtick=0.5, legend_y=-0.2, margin_l=170, xaxis2=dict(title=dict(text="")),
                      title_text="a title much longer than forty characters on one line", title_yref="container")
    fig.add_annotation(text="a label much longer than twenty-eight characters", x=1, y=1)
    found = " / ".join(layout_problems(fig))
    for expected in ("cuts off 'a'", "fractional weeks", "not the course legend", "empty title", "no dtick=1",
                     "over 40 characters", "push the top margin", "legend entry", "squeezes", "annotation"):
        assert expected in found, expected
    assert layout_problems(style.figure("t", "x", "y")) == []


def test_the_rate_axis_holds_every_rate_the_explorer_can_show():
    """The firing-rate axis of notebook 03's explorer grows with the rates (never below 160 Hz), so the highest
    rate in the explorer's whole table of exact model runs is inside it."""
    from course.excitability_table import DURATION_MS, load_table

    top = float(load_table().spike_count.max()) * 1000.0 / DURATION_MS
    assert top > 160.0  # below the Ca²⁺ onset the node + internode axon fires bursts
    assert rate_axis_top(np.array([top])) >= top and rate_axis_top(np.zeros(3)) == 160.0


def test_wrap_breaks_at_spaces_into_balanced_lines():
    text = "Resting potential for each preset (steady-state chloride, 37 °C)"
    lines = style.wrap(text, 34).split("<br>")
    assert " ".join(lines) == text and all(len(line) <= 34 for line in lines) and len(lines) == 2
    assert max(map(len, lines)) - min(map(len, lines)) < 12  # balanced, not one long and one short line
    assert style.wrap("a<br>b c", 8) == "a<br>b c" and style.wrap("", 20) == ""
    assert style.wrap("supercalifragilistic word", 10) == "supercalifragilistic<br>word"
    with pytest.raises(ValueError, match="width=4"):
        style.wrap("x", 4)


def test_every_course_figure_gets_the_course_legend_and_title():
    fig = style.figure("a title of some length that needs two lines on a phone", "x", "y", legend=dict(
        traceorder="reversed"))
    legend, title = fig.layout.legend, fig.layout.title
    assert (legend.orientation, legend.yref, legend.y, legend.yanchor, legend.traceorder) == (
        "h", "container", 0, "bottom", "reversed")
    assert title.automargin and title.yref == "paper" and "<br>" in title.text
    assert style.set_height(fig, 250).layout.height == 250 and fig.layout.legend.yref == "container"
