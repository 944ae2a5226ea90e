"""The explorers' plot widget (``course/ui/plot.py``, ``PlotView``'s ES module) alone in Chromium: its module, the
course's plotly.js bundle and a stand-in for the widget model; no Jupyter server (seconds).

At one width, the widget keeps the largest margins plotly's automargin has given the plot. A move whose tick labels
changed width used to move the plot area and, worse, make plotly draw the whole figure a second time for the new
margins (30–40 → 16–23 ms a move, notebook 04's figure alone in Chromium, 2026-12-06).
"""

from __future__ import annotations

import json
from importlib.resources import files

import plotly.graph_objects as go
import pytest

from course.ui.plot import _PLOT_ESM, figure_state

pytestmark = [pytest.mark.browser]

#: loads the module with a stand-in model (with ``wait``, waits for its idle-time second draw; with ``next``, sets
#: that figure at once);
#: ``window.show(json)`` sets a new figure and resolves once it is drawn
_HOST = """async ([esm, first, wait, next]) => {
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
    window.primed = () => "primed" in document.querySelector(".js-plotly-plot").dataset;
    window.untilPrimed = async () => {
        for (const t0 = performance.now(); !window.primed(); await new Promise((r) => setTimeout(r, 5))) {
            if (performance.now() - t0 > 10000) throw new Error("the plot was not primed in 10 s");
        }
    };
    if (next) return window.show(next);  // a new state in the same task: before the page can be idle
    if (!wait) return [drawn(), window.primed()];  // (the same task as the first draw)
    await window.untilPrimed();  // the idle-time second draw is over: it cannot be taken for the next one
    return window.margins();
}"""


def _figure(top: float) -> str:
    """A line on a y axis from 0 to ``top``: its tick labels are as wide as ``top`` has digits."""
    fig = go.Figure(go.Scatter(x=[0, 1, 2], y=[0, top / 2, top]))
    fig.update_layout(height=300, margin=dict(l=10, r=10, t=10, b=30))
    fig.update_yaxes(range=[0, top], automargin=True, tickformat=",.0f")
    return figure_state(fig)[0]


def _page(browser):
    """A page with the host element (700 px wide) and the course's plotly.js bundle."""
    page = browser.new_page(viewport={"width": 900, "height": 600})
    page.set_content('<div id="host" style="width:700px"></div>')
    page.add_script_tag(path=str(files("course.ui") / "static" / "plotly-cartesian.min.js"))
    return page


def test_margins_only_grow_at_one_width_and_start_afresh_at_another(browser):
    page = _page(browser)
    try:
        narrow, wide = _figure(5), _figure(5_000_000)
        first = page.evaluate(_HOST, [_PLOT_ESM, narrow, True])
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


def test_a_plot_is_drawn_a_second_time_when_the_page_is_idle(browser):
    # plotly.js's first redraw of a plot is ≈ 2× slower than later ones (04's figure alone in Chromium: 67–85 ms
    # against 20–35 ms, 2026-12-06); the widget spends it while the page is idle, not on the first move
    page = _page(browser)
    try:
        assert page.evaluate(_HOST, [_PLOT_ESM, _figure(5), False]) == [1, False]
        page.evaluate("() => window.untilPrimed()")
        assert page.evaluate("() => window.drawn()") == 2
        page.wait_for_timeout(1500)  # once: no further draws without a new state
        assert page.evaluate("() => window.drawn()") == 2
    finally:
        page.close()


def test_a_new_state_before_the_idle_draw_replaces_it(browser):
    page = _page(browser)
    try:
        page.evaluate(_HOST, [_PLOT_ESM, _figure(5), False, _figure(50)])  # a move before the page was idle
        assert page.evaluate("() => window.primed()")  # the move's draw was the second draw
        page.wait_for_timeout(1500)
        assert page.evaluate("() => window.drawn()") == 2
    finally:
        page.close()


def test_a_redraw_leaves_a_titled_figure_where_it_was(browser):
    # Notebook 01's explorer figure: a two-line title that makes its own room (automargin, standing on the plot
    # area) over a y axis whose top tick label is "150". The widget once gave plotly all four margins of the last
    # draw back: the next draw (the idle one, every move) moved the title 26 px down, onto that label (Voilà's
    # overlap test caught it, 2026-12-06). Every redraw must give the same margins and boxes as the first draw.
    from course import style

    fig = go.Figure(go.Scatter(x=[0, 1, 2, 3], y=[-90.0, 60.0, 120.0, 0.0]))
    fig.update_layout(template=style.TEMPLATE_NAME, title=style.title("Equilibrium potential of each ion and the "
                                                                  "resting potential"), height=340)
    fig.update_yaxes(range=[-150, 150], title_text="potential (mV,<br>inside − outside)")
    data, template = figure_state(fig)
    boxes = """() => { const g = document.querySelector(".js-plotly-plot"), s = g._fullLayout._size;
        const box = (el) => { const b = el.getBoundingClientRect();
            return [b.top, b.bottom, b.left, b.right].map(Math.round); };
        return [[s.l, s.r, s.t, s.b].map(Math.round), box(g.querySelector(".gtitle")),
                [...g.querySelectorAll(".ytick text")].map(box)]; }"""
    page = _page(browser)
    try:
        host = _HOST.replace('template_json: "{}"', "template_json: " + json.dumps(template))
        page.evaluate(host, [_PLOT_ESM, data, False])
        first = page.evaluate(boxes)
        page.evaluate("() => window.untilPrimed()")
        assert page.evaluate(boxes) == first
        page.evaluate("(f) => window.show(f)", data)  # and a move's redraw
        assert page.evaluate(boxes) == first
        title_bottom, top_label_top = first[1][1], min(b[0] for b in first[2])
        assert title_bottom <= top_label_top  # the title clears the axis's top label
    finally:
        page.close()
