"""Every course figure at a phone's and at 200 % zoom's width in Chromium: nothing cut off, nothing on top of anything.

No server and no kernel: the figures are made in Python and drawn in a page opened from disk, each in a box as wide
as the real pages make it (measured in Chromium with the page at 390 × 844 CSS px and at 200 % zoom of a
1280 × 720 window, i.e. 640 CSS px wide):

* 274 px — a figure in JupyterLab on the phone (left sidebar closed), the narrowest of all;
* 305 px — one of the two half-width plots of notebook 02's explorer at 200 % zoom in Voilà;
* 360 px — a figure in a Voilà app on the phone;
* 524 px — a figure in JupyterLab at 200 % zoom;
* 1186 px — a figure in JupyterLab on a 1366 × 768 laptop (the fixes must not cost the desktop anything).

What is drawn: every explorer figure (:data:`course.ui.EXPLORERS`) at its first view, with every check box ticked
and every slider at its maximum, then at its minimum, and with each menu at its last choice (titles, legend entries
and axis ranges change with the controls), drawn by the explorers' own plotly.js (the cartesian bundle of
``course/ui/static``); the self-check form's figure for three worked cases; notebook 04's pool figure at the height
and with the long titles of its static copies; and every static figure stored in the notebooks, drawn by the
plotly.js of the plotly package (the one JupyterLab and the HTML export use). Each is measured by
``reference.browser.lab.plot_problems`` (a title cut off at the plot's edge, a legend over the data or a label,
axis titles or tick labels over each other, a category left unlabelled, a squeezed plot area). The same
measurement runs on the real pages: the Voilà apps and the self-check (``tests/browser/reflow.py``:
``assert_reflows``), every notebook in JupyterLab (``assert_reflows_lab``) and the HTML export
(``test_axe.py``), at 390 px and at 200 % zoom.
"""

from __future__ import annotations

import json
from pathlib import Path

import ipywidgets as widgets
import nbformat
import plotly
import pytest

from reference.browser import lab as ui

pytestmark = pytest.mark.browser

#: box widths (px) a figure gets in the real pages (see the module docstring)
WIDTHS = (274, 305, 360, 524, 1186)
PLOTLY_MIME = "application/vnd.plotly.v1+json"

_DRAW = """async ([figs, width]) => {
    const root = document.getElementById('root');
    for (const p of root.querySelectorAll('.js-plotly-plot')) Plotly.purge(p);
    root.replaceChildren();
    const failed = [];
    for (const f of figs) {
        const box = document.createElement('div');
        box.dataset.name = f.name;
        const plot = document.createElement('div');
        plot.style.width = `${width}px`;
        box.appendChild(plot);
        root.appendChild(box);
        const layout = {...f.fig.layout, width};
        if (f.fig.template) layout.template = f.fig.template;
        try { await Plotly.newPlot(plot, f.fig.data, layout, {displaylogo: false}); }
        catch (e) { failed.push(`${f.name}: ${e.message}`); }
    }
    return failed;
}"""


def _states(explorer):
    """The explorer's controls moved to their ends, one state after another (yields a name for each)."""
    yield "first view"
    controls = explorer.controls
    ticks = [w for w in controls.values() if isinstance(w, widgets.Checkbox | widgets.ToggleButton)]
    sliders = [w for w in controls.values() if hasattr(w, "min") and hasattr(w, "max")]
    for end in ("max", "min"):
        with explorer.hold():
            for w in ticks:
                w.value = True
            for w in sliders:
                w.value = getattr(w, end)
        explorer.refresh()
        yield f"ticked, sliders at {end}"
    for key, w in controls.items():
        if isinstance(w, widgets.Dropdown | widgets.ToggleButtons | widgets.RadioButtons) and len(w.options) > 1:
            last = w.options[-1]
            w.value = last[1] if isinstance(last, tuple) else last
            yield f"{key} at its last choice"


@pytest.fixture(scope="module")
def explorer_figures() -> list[dict]:
    import course.ui as course_ui
    from course import selfcheck as sc
    from course.figures.reflex import pool_figure
    from course.figures.selfcheck import criteria_figure, criteria_points
    from course.healing import SCENARIOS
    from course.ui.plot import as_json

    figs = []
    for name in course_ui.EXPLORERS:
        explorer = getattr(course_ui, name)()
        for state in _states(explorer):
            figs += [{"name": f"{name}.{key} ({state})", "fig": as_json(view)}
                     for key, view in explorer.figures.items()]
        if name == "reflex_explorer":  # notebook 04's static copies: 620 px high, long titles
            v = explorer.view
            fig = pool_figure(v.raster_x, v.raster_y, v.t_force, v.force_pct, v.t_emg, v.emg_mv, v.envelope_mv,
                              "A voluntary contraction at 30 % drive: small units first, all firing out of step",
                              float(v.t_force[-1]))  # the default height of trace_figure's copies: 620 px
            figs.append({"name": "reflex trace_figure", "fig": json.loads(fig.to_json())})
    for scenario in list(SCENARIOS.values())[:3]:  # the self-check form's figure, as it shows a worked case
        assessment = sc.assess(sc.answers_from_presentation(scenario.presentation))
        fig = criteria_figure(criteria_points(assessment))
        figs.append({"name": f"self-check criteria ({scenario.title})", "fig": json.loads(fig.to_json())})
    return figs


@pytest.fixture(scope="module")
def stored_figures() -> list[dict]:
    from course.build import notebook_paths

    figs = []
    for path in notebook_paths():
        nb = nbformat.read(path, as_version=4)
        for i, cell in enumerate(nb.cells):
            for out in cell.get("outputs", []):
                if PLOTLY_MIME in out.get("data", {}):
                    figs.append({"name": f"{path.name[:2]} cell {i}", "fig": out["data"][PLOTLY_MIME]})
    return figs


def _page(browser, tmp_path: Path, bundle: Path):
    html = tmp_path / f"{bundle.stem}.html"
    html.write_text(f'<!doctype html><html><head><meta charset="utf-8"><script src="{bundle.as_uri()}"></script>'
                    '</head><body style="margin:0"><div id="root"></div></body></html>', encoding="utf-8")
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    page.goto(html.as_uri())
    page.wait_for_function("() => typeof Plotly !== 'undefined'")
    return page


def _assert_clean(page, figs: list[dict], what: str) -> None:
    checked = 0
    for width in WIDTHS:
        failed = page.evaluate(_DRAW, [figs, width])
        assert failed == [], f"{what} at {width} px: plotly.js could not draw {failed}"
        found = ui.plot_problems(page, "#root", wait_ms=0)
        assert found["plots"] == len(figs), f"{what} at {width} px: {found['plots']} of {len(figs)} figures drawn"
        assert found["problems"] == [], f"{what} at {width} px:\n" + "\n".join(found["problems"][:40])
        checked += found["plots"]
    print(f"{what}: {len(figs)} figures × {len(WIDTHS)} widths ({', '.join(map(str, WIDTHS))} px), "
          f"{checked} drawings measured: nothing cut off or overlapping")


def test_every_explorer_figure_fits_a_phone_and_200_percent_zoom(browser, tmp_path, explorer_figures):
    from course.ui.plot import CARTESIAN_BUNDLE

    assert len(explorer_figures) >= 60  # 8 explorers, 16 figures, several states each
    bundle = Path(__file__).resolve().parents[2] / "course" / "ui" / "static" / CARTESIAN_BUNDLE
    page = _page(browser, tmp_path, bundle)
    try:
        _assert_clean(page, explorer_figures, "explorer figures")
    finally:
        page.close()


def test_every_stored_figure_fits_a_phone_and_200_percent_zoom(browser, tmp_path, stored_figures):
    assert len(stored_figures) >= 15  # notebooks 01, 02, 03, 05, 06 and 07
    page = _page(browser, tmp_path, Path(plotly.__file__).parent / "package_data" / "plotly.min.js")
    try:
        _assert_clean(page, stored_figures, "stored figures")
    finally:
        page.close()


def test_the_measurement_sees_what_it_should(browser, tmp_path):
    """The same checks find a long title, a legend over the data and two axis titles over each other (the problems
    measured before the fix, COURSE_SPEC V3.6), so a clean result above is not a blind one."""
    import numpy as np
    import plotly.graph_objects as go

    x = np.linspace(0.0, 10.0, 50)
    bad = go.Figure(layout=dict(
        title="A title far too long to fit a phone-wide plot on one single line of text", height=340,
        legend=dict(x=0.3, y=0.5), yaxis=dict(domain=[0, 0.3], title="a long y-axis title of the lower panel"),
        yaxis2=dict(domain=[0.35, 1], title="and one of the upper panel"),
    ))
    bad.add_scatter(x=x, y=np.sin(x), name="one")
    bad.add_scatter(x=x, y=np.cos(x), name="two", yaxis="y2")
    page = _page(browser, tmp_path, Path(plotly.__file__).parent / "package_data" / "plotly.min.js")
    try:
        page.evaluate(_DRAW, [[{"name": "bad", "fig": json.loads(bad.to_json())}], 274])
        found = " / ".join(ui.plot_problems(page, "#root", wait_ms=0)["problems"])
    finally:
        page.close()
    for expected in ("cut off at the plot's edge", "legend inside the plot area over the data",
                     'axis title "a long y-axis title of the lower panel" over axis title "and one of the upper'):
        assert expected in found, expected
