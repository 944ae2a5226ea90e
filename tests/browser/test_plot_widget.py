"""The explorers' plot widget (``course/ui/plot.py``, ``PlotView``'s ES module) alone in Chromium: its module, the
course's plotly.js bundle and a stand-in for the widget model; no Jupyter server (seconds).

At one width, the widget keeps the largest margins plotly's automargin has given the plot. A move whose tick labels
changed width used to move the plot area and, worse, make plotly draw the whole figure a second time for the new
margins (30–40 → 16–23 ms a move, notebook 04's figure alone in Chromium, 2026-12-06).
"""

from __future__ import annotations

from importlib.resources import files

import plotly.graph_objects as go
import pytest

from course.ui.plot import _PLOT_ESM, figure_state

pytestmark = [pytest.mark.browser]

#: loads the module with a stand-in model; ``window.show(json)`` sets a new figure and resolves once it is drawn
_HOST = """async ([esm, first]) => {
    globalThis.__coursePlotly = { promise: Promise.resolve(window.Plotly), resolve() {}, resolved: true };
    const mod = await import(URL.createObjectURL(new Blob([esm], { type: "text/javascript" })));
    const state = { figure_json: first, template_json: "{}" }, handlers = {};
    const model = { get: (k) => state[k], on: (ev, f) => { handlers[ev] = f; }, off() {} };
    globalThis.__courseTiming = [];
    const drawn = () => globalThis.__courseTiming.filter((m) => m[0] === "drawn").length;
    await mod.default.render({ model, el: document.getElementById("host") });
    window.margins = () => { const s = document.querySelector(".js-plotly-plot")._fullLayout._size;
        return [s.l, s.r, s.t, s.b].map(Math.round); };
    window.drawn = drawn;
    window.until = async (n) => {  // the n-th draw, or an error after 10 s (a test fails, it never hangs)
        for (const t0 = performance.now(); drawn() < n; await new Promise((r) => setTimeout(r, 5))) {
            if (performance.now() - t0 > 10000) throw new Error(`draw ${n} did not come in 10 s (${drawn()} drawn)`);
        }
    };
    window.show = async (json) => { const n = drawn() + 1; state.figure_json = json; handlers["change:figure_json"]();
        await window.until(n); return window.margins(); };
    return window.margins();
}"""


def _figure(top: float) -> str:
    """A line on a y axis from 0 to ``top``: its tick labels are as wide as ``top`` has digits."""
    fig = go.Figure(go.Scatter(x=[0, 1, 2], y=[0, top / 2, top]))
    fig.update_layout(height=300, margin=dict(l=10, r=10, t=10, b=30))
    fig.update_yaxes(range=[0, top], automargin=True, tickformat=",.0f")
    return figure_state(fig)[0]


def test_margins_only_grow_at_one_width_and_start_afresh_at_another(browser):
    page = browser.new_page(viewport={"width": 900, "height": 600})
    try:
        page.set_content('<div id="host" style="width:700px"></div>')
        page.add_script_tag(path=str(files("course.ui") / "static" / "plotly-cartesian.min.js"))
        narrow, wide = _figure(5), _figure(5_000_000)
        first = page.evaluate(_HOST, [_PLOT_ESM, narrow])
        grown = page.evaluate("(f) => window.show(f)", wide)
        assert grown[0] > first[0]  # automargin made room for the wider labels
        assert page.evaluate("(f) => window.show(f)", narrow) == grown  # narrower labels: the plot area stays put
        assert page.evaluate("(f) => window.show(f)", wide) == grown  # and wider ones again need no new margins
        assert page.evaluate("(f) => window.show(f)", narrow) == grown
        # a new width (window, phone turned, zoom) redraws the figure, its margins again from the figure's own
        # (the count is taken before the width changes: the redraw may end before a second call reaches the page)
        page.evaluate("() => { const n = window.drawn() + 1; document.getElementById('host').style.width = '600px';"
                      " return window.until(n); }")
        assert page.evaluate("() => window.margins()") == first
    finally:
        page.close()
