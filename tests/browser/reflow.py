"""Reflow measurements in a real browser (WCAG 2.2 SC 1.4.10): nothing clipped, nothing overlapping.

A layout "reflows" when, at a narrow viewport, content still fits without two-dimensional scrolling and every
label can be read whole. Measured in the page, on the rendered boxes (not on CSS rules):

* **horizontal overflow** — the root element is no wider than the viewport (``scrollWidth`` ≤ ``clientWidth``);
* **clipped text** — a text-bearing element (label, description, option text, HTML box) whose content is
  wider or taller than its box while its ``overflow`` hides the rest (``hidden``/``clip``/ellipsis), or whose
  box reaches past the root's right edge (except in a data table that scrolls in its own box, the WCAG
  exception);
* **overlap** — two sibling options (radio/check box labels, buttons) whose boxes intersect by more than 1 px,
  a text whose lines run out of its box (a wrapped radio option on a fixed 24 px line), or a control row whose
  parts run below it (a row of fixed height that wrapped);
* **inside a plot** — every plotly figure, once redrawn for its new width, measured on its SVG
  (``reference.browser.lab.plot_problems``): no title, label or legend entry cut off at its edge, no legend over
  the data or a label, no axis titles or tick labels over each other, every category labelled, no squeezed plot
  area (COURSE_SPEC V3.6 "Plots"). In JupyterLab this covers the notebooks' static figures too.

Viewports: a phone 390 × 844 CSS px, and 200 % zoom of a 1280 × 720 window, which lays the page out in
640 × 360 CSS px (zoom scales CSS pixels; the layout depends only on the CSS width).

The Voilà app is measured on the page (:func:`assert_reflows`, :func:`assert_one_screen`); JupyterLab on the
notebook's own scroller and on each widget output (:func:`assert_reflows_lab`, :func:`assert_one_screen_lab`).
"""

from __future__ import annotations

from reference.browser.lab import PLOT_PROBLEMS_JS, plot_problems

PHONE = {"width": 390, "height": 844}
ZOOM_200 = {"width": 640, "height": 360}

# JS shared by the Voilà and the JupyterLab measurements: the text checks and the overlap checks inside one box
# ``root`` whose content must stay left of ``limit`` (px), added to ``out`` ({clipped, overlaps, checked}).
_CHECK_BOX = r"""
const TEXTY = 'label, .widget-label, .widget-label-basic, .widget-html-content, .widget-radio-box label, ' +
    '.widget-checkbox label, button, .widget-button, p, li, b, span';
// inside a data table that scrolls in its own box (the WCAG 1.4.10 exception): reachable, not clipped
const inScrollingTable = (el, root) => !!el.closest('table') && (() => {
    for (let a = el.closest('table').parentElement; a && a !== root; a = a.parentElement)
        if (/(auto|scroll)/.test(getComputedStyle(a).overflowX)) return true;
    return false;
})();
const checkBox = (root, limit, out, where = '') => {
    for (const el of root.querySelectorAll(TEXTY)) {
        if (inScrollingTable(el, root)) continue;
        const r = el.getBoundingClientRect();
        if (r.width === 0 || r.height === 0 || !(el.textContent || '').trim()) continue;
        out.checked += 1;
        const cs = getComputedStyle(el);
        const hides = /(hidden|clip)/.test(cs.overflow + cs.overflowX + cs.overflowY) || cs.textOverflow === 'ellipsis';
        const name = (el.textContent || '').trim().slice(0, 60);
        if (hides && (el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 2))
            out.clipped.push(`${where}${name} (${el.scrollWidth}×${el.scrollHeight} in `
                             + `${el.clientWidth}×${el.clientHeight})`);
        // text taller than its box, shown anyway: it runs over whatever comes next (a wrapped radio option
        // of a fixed 24 px line is written over the next option)
        else if (el.clientHeight > 0 && el.scrollHeight > el.clientHeight + 2 && cs.display !== 'inline')
            out.overlaps.push(`${where}${name} (text ${el.scrollHeight}px tall in a ${el.clientHeight}px box)`);
        else if (r.right > limit + 1)
            out.clipped.push(`${where}${name} (right edge ${Math.round(r.right)} > ${Math.round(limit)})`);
    }
    // a control row whose parts run below its box (a row of fixed height that wrapped): they cover the next row
    for (const row of root.querySelectorAll('.widget-inline-hbox')) {
        const r = row.getBoundingClientRect();
        if (r.height === 0) continue;
        const shown = Array.from(row.children, k => k.getBoundingClientRect()).filter(k => k.height > 0);
        const below = Math.max(r.bottom, ...shown.map(k => k.bottom)) - r.bottom;
        if (below > 2) out.overlaps.push(
            `${where}${(row.textContent || '').trim().slice(0, 40)} (runs ${Math.round(below)}px below its row)`);
    }
    const groups = root.querySelectorAll('.widget-radio-box, .widget-hbox, .widget-vbox, .widget-box');
    for (const g of groups) {
        const kids = Array.from(g.children).filter(k => {
            const r = k.getBoundingClientRect(); return r.width > 0 && r.height > 0;
        });
        for (let i = 0; i < kids.length; i++) for (let j = i + 1; j < kids.length; j++) {
            const a = kids[i].getBoundingClientRect(), b = kids[j].getBoundingClientRect();
            const w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
            const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
            const t = k => (k.textContent || '').trim().slice(0, 40);
            if (w > 1 && h > 1) out.overlaps.push(`${where}${t(kids[i])} / ${t(kids[j])}`);
        }
    }
};
"""

_MEASURE = r"""(rootSel) => {""" + _CHECK_BOX + r"""
    const root = document.querySelector(rootSel);
    if (!root) return {missing: true};
    const rr = root.getBoundingClientRect();
    const vw = document.documentElement.clientWidth;
    const out = {overflow: [], clipped: [], overlaps: [], checked: 0};
    const page = document.scrollingElement || document.documentElement;
    if (page.scrollWidth > vw + 1) out.overflow.push(`page ${page.scrollWidth}px wide in a ${vw}px viewport`);
    checkBox(root, Math.min(vw, rr.right), out);
    return out;
}"""


def measure(page, root_selector: str) -> dict:
    """Overflow, clipped and overlapping elements inside ``root_selector`` at the page's current viewport."""
    return page.evaluate(_MEASURE, root_selector)


def assert_reflows(page, root_selector: str, where: str) -> int:
    """Assert that ``root_selector`` reflows at a phone width and at 200 % zoom, the plotly figures inside it
    included; return the text elements checked."""
    checked = 0
    for label, size in (("390 px phone", PHONE), ("200 % zoom", ZOOM_200)):
        page.set_viewport_size(size)
        page.wait_for_function(
            "([w]) => document.documentElement.clientWidth <= w", arg=[size["width"]], timeout=30_000
        )
        page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
        found = measure(page, root_selector)
        assert not found.get("missing"), f"{where}: {root_selector} is not in the page"
        plots = plot_problems(page, root_selector, PLOT_RESIZE_MS)
        problems = found["overflow"] + [f"clipped: {c}" for c in found["clipped"]] + [
            f"overlap: {o}" for o in found["overlaps"]
        ] + [f"plot: {p}" for p in plots["problems"]] + [f"plot not redrawn for its width: {s}" for s in plots["slow"]]
        assert not problems, f"{where} at {label}: " + "; ".join(problems[:25])
        assert found["checked"] > 10, f"{where} at {label}: only {found['checked']} text elements measured"
        if page.locator(f"{root_selector} .js-plotly-plot").count():
            assert plots["plots"] > 0, f"{where} at {label}: no plotly figure measured"
        checked += found["checked"]
    return checked


LAPTOP = {"width": 1366, "height": 768}

_ONE_SCREEN = r"""(e) => {
    const ex = document.querySelectorAll('.course-explorer')[e];
    window.scrollBy(0, ex.getBoundingClientRect().top - 8);
    const vh = window.innerHeight;
    const inView = r => r.height > 0 && r.top >= -1 && r.bottom <= vh + 1;
    const controls = Array.from(ex.querySelectorAll(
        '.widget-slider, .widget-dropdown, .widget-radio, .widget-toggle-buttons, .widget-checkbox'))
        .map(c => c.getBoundingClientRect());
    const plots = Array.from(ex.querySelectorAll('.js-plotly-plot')).map(p => p.getBoundingClientRect());
    return {controls: controls.length, hidden: controls.filter(r => !inView(r)).length,
            plots: plots.map(r => [Math.round(r.top), Math.round(r.bottom)]), plotInView: plots.some(inView)};
}"""


def assert_one_screen(page, explorer: int, where: str) -> dict:
    """At a 1366 × 768 laptop screen, scrolled to the explorer: every control and at least one whole plot are
    in view together (COURSE_SPEC V3.6 "One screen"), so a slider move shows its effect without scrolling."""
    page.set_viewport_size(LAPTOP)
    # plotly.js may still be loading on a busy machine: wait until every plot of the explorer is drawn
    page.wait_for_function(
        "(e) => { const ps = document.querySelectorAll('.course-explorer')[e].querySelectorAll('.js-plotly-plot');"
        " return ps.length > 0 && Array.from(ps).every(p => p.getBoundingClientRect().height > 0); }",
        arg=explorer, timeout=120_000,
    )
    # a new viewport redraws the plots at their new width: measure once they have settled
    ok = f"(e) => {{ const f = ({_ONE_SCREEN})(e); return f.hidden === 0 && f.plotInView ? f : null; }}"
    try:
        return page.wait_for_function(ok, arg=explorer, timeout=30_000).json_value()
    except Exception:  # noqa: BLE001 - report what was measured
        found = page.evaluate(_ONE_SCREEN, explorer)
        raise AssertionError(f"{where} at 1366 × 768: {found}") from None


# -- JupyterLab ---------------------------------------------------------------------------------------------------
# In JupyterLab the page itself never scrolls: the notebook scrolls inside its panel (``.jp-WindowedPanel-outer``),
# under JupyterLab's menu bar, tab bar and notebook toolbar and above its status bar. So "in view" means inside
# that scroller's box, and horizontal overflow is measured on the scroller and on each output area.

#: the course widgets measured in JupyterLab, by kind: the CSS class ``course.ui`` gives each one's outer box
LAB_WIDGETS = {
    "explorer": ".course-explorer", "predict": ".course-predict", "result": ".course-after-commit",
    "quiz": ".course-quiz", "explain": ".course-explain", "tasks": ".course-tasks", "record": ".course-record",
}
#: longest wait for plotly to redraw a plot at a new width (a condition polled every frame, not a sleep)
PLOT_RESIZE_MS = 5_000
#: a notebook code cell that shows a widget of each kind calls one of these (explorers: course.voila.explorer_cells)
_WIDGET_CALLS = {
    "predict": r"\bpredict\(", "result": r"\.after_commit\(", "quiz": r"\bquiz\(", "explain": r"\bexplain\(",
    "tasks": r"\btask_list\(", "record": r"\bdownload_my_work\(",
}

_LAB_SCROLLER = """
const frames = () => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
const panel = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden)');
const scroller = panel && panel.querySelector('.jp-WindowedPanel-outer');
// the part of the screen the notebook shows: its scroller's box without its scroll bar
const view = () => {
    const r = scroller.getBoundingClientRect(), left = r.left + scroller.clientLeft;
    return {top: Math.max(r.top + scroller.clientTop, 0), left, right: Math.min(left + scroller.clientWidth,
            document.documentElement.clientWidth), bottom: Math.min(r.top + scroller.clientTop + scroller.clientHeight,
            window.innerHeight)};
};
// plotly redraws a plot for a new width on a ResizeObserver after a 100 ms debounce: wait (a condition polled
// every frame, at most ms) until every drawn plot in root has its box's width; then list the plots not redrawn
// and the plots drawn taller than their box, which cover the text under them
const settlePlots = async (root, ms) => {
    const plots = () => Array.from(root.querySelectorAll('.js-plotly-plot'))
        .filter(p => p.querySelector('.main-svg') && p.getBoundingClientRect().width > 0);
    const svg = p => p.querySelector('.main-svg').getBoundingClientRect();
    const off = p => Math.abs(svg(p).width - p.getBoundingClientRect().width) > 1;
    const started = performance.now();
    while (plots().some(off) && performance.now() - started < ms) await frames();
    const title = p => `plot "${((p.querySelector('.gtitle') || {}).textContent || '').slice(0, 50)}"`;
    return {
        slow: plots().filter(off).map(p => `${title(p)} not redrawn to its box's width within ${ms} ms `
            + `(${Math.round(svg(p).width)}px in ${Math.round(p.getBoundingClientRect().width)}px)`),
        collapsed: plots().filter(p => svg(p).height > p.getBoundingClientRect().height + 2)
            .map(p => `${title(p)} drawn ${Math.round(svg(p).height)}px tall in a `
                 + `${Math.round(p.getBoundingClientRect().height)}px box: it covers what follows it`),
    };
};
"""


def widget_cells(name: str) -> dict[str, int]:
    """Code cells of notebook ``name`` that show a course widget, by kind (keys of :data:`LAB_WIDGETS`)."""
    import re

    import nbformat

    from course.build import NOTEBOOK_DIR
    from course.voila import explorer_cells

    nb = nbformat.read(NOTEBOOK_DIR / name, as_version=4)
    code = [c.source for c in nb.cells if c.cell_type == "code"]
    counts = {kind: sum(1 for src in code if re.search(call, src)) for kind, call in _WIDGET_CALLS.items()}
    return {"explorer": len(explorer_cells(nb)), **counts}


_LAB_ONE_SCREEN = r"""async ([e, plotWaitMs]) => {""" + _LAB_SCROLLER + r"""
    const ex = panel.querySelectorAll('.course-explorer')[e];
    const controlEls = Array.from(ex.querySelectorAll(
        '.widget-slider, .widget-dropdown, .widget-radio, .widget-toggle-buttons, .widget-checkbox'));
    // the first control 8 px under the top of the notebook's view (a heading above the controls may scroll
    // away); cells above may settle their height as they come into view, so scroll again until it stays there
    const first = controlEls[0] || ex;
    const toTop = async () => {
        for (let i = 0; i < 6; i++) {
            const d = first.getBoundingClientRect().top - view().top - 8;
            if (Math.abs(d) <= 1) break;
            scroller.scrollTop += d;
            await frames();
        }
    };
    await toTop();  // in view first: JupyterLab does not lay out (so plotly does not redraw) cells far off screen
    const plotsNow = await settlePlots(ex, plotWaitMs);
    await toTop();
    const {top, bottom} = view();
    const inView = r => r.height > 0 && r.top >= top - 1 && r.bottom <= bottom + 1;
    const controls = controlEls.map(c => c.getBoundingClientRect());
    const plots = Array.from(ex.querySelectorAll('.js-plotly-plot')).map(p => p.getBoundingClientRect());
    return {controls: controls.length, hidden: controls.filter(r => !inView(r)).length,
            lastControlBottom: Math.round(Math.max(...controls.map(r => r.bottom), 0)),
            plots: plots.map(r => [Math.round(r.top), Math.round(r.bottom)]), plotInView: plots.some(inView),
            notebookView: [Math.round(top), Math.round(bottom)],
            plotProblems: [...plotsNow.slow, ...plotsNow.collapsed]};
}"""


def assert_one_screen_lab(page, explorer: int, where: str) -> dict:
    """:func:`assert_one_screen` in JupyterLab: at 1366 × 768, with the explorer's first control scrolled to the top
    of the notebook's own scroller and its plots redrawn for the new width, every control and at least one whole
    plot are inside the part of the screen the notebook shows (between JupyterLab's toolbars and its status bar),
    and no plot is drawn taller than its box."""
    page.set_viewport_size(LAPTOP)
    page.wait_for_function("([w]) => document.documentElement.clientWidth === w", arg=[LAPTOP["width"]])
    found = page.evaluate(_LAB_ONE_SCREEN, [explorer, PLOT_RESIZE_MS])
    assert found["plotProblems"] == [], f"{where} at 1366 × 768: " + "; ".join(found["plotProblems"])
    assert found["controls"] > 0 and found["hidden"] == 0 and found["plotInView"], f"{where} at 1366 × 768: {found}"
    return found


_LAB_REFLOW = r"""async ([kinds, plotWaitMs]) => {""" + _CHECK_BOX + _LAB_SCROLLER + r"""
    if (!scroller) return {missing: true};
    const vw = document.documentElement.clientWidth;
    const out = {overflow: [], clipped: [], overlaps: [], wide: [], checked: 0, kinds: {}, slowPlots: [],
                 cells: panel.querySelectorAll('.jp-Cell').length};
    const page = document.scrollingElement || document.documentElement;
    if (page.scrollWidth > vw + 1) out.overflow.push(`page ${page.scrollWidth}px wide in a ${vw}px viewport`);
    const any = Object.values(kinds).join(', ');
    const outputs = Array.from(panel.querySelectorAll('.jp-OutputArea-output')).filter(o => o.querySelector(any));
    const label = el => `${el.className.toString().split(' ').filter(c => c.startsWith('widget-')
        || c.startsWith('course-') || c === 'main-svg').slice(0, 2).join('.') || el.tagName.toLowerCase()} `
        + `"${(el.textContent || '').trim().slice(0, 40)}"`;
    for (const o of outputs) {
        const outer = o.querySelector(any);
        const kind = Object.keys(kinds).find(k => outer.matches(kinds[k]));
        out.kinds[kind] = (out.kinds[kind] || 0) + 1;
        const name = `${kind} ${out.kinds[kind]}`;
        // in view, so it is laid out (JupyterLab skips the layout of cells far off screen); cells above it may
        // change height as they come into view, so scroll again until its top stays in the notebook's view
        for (let i = 0; i < 6; i++) {
            const t = o.getBoundingClientRect().top, v = view();
            if (t >= v.top - 1 && t < v.bottom) break;
            o.scrollIntoView({block: 'start'});
            await frames();
        }
        const plots = await settlePlots(o, plotWaitMs);
        out.slowPlots.push(...plots.slow.map(s => `${name}: ${s}`));
        out.overlaps.push(...plots.collapsed.map(s => `${name}: ${s}`));
        const oRight = o.getBoundingClientRect().right, limit = Math.min(oRight, view().right);
        if (oRight > view().right + 1)
            out.overflow.push(`${name}: its output area reaches ${Math.round(oRight)}px, past the notebook's right `
                              + `edge at ${Math.round(view().right)}px`);
        if (o.scrollWidth > o.clientWidth + 1)
            out.overflow.push(`${name}: its output area scrolls sideways (${o.scrollWidth}px in ${o.clientWidth}px)`);
        const reported = [];
        for (const w of o.querySelectorAll('.jupyter-widgets, .main-svg')) {
            if (inScrollingTable(w, o) || reported.some(r => r.contains(w))) continue;
            const r = w.getBoundingClientRect();
            if (r.width > 0 && r.right > limit + 1) {
                reported.push(w);
                const v = view(), oLeft = o.getBoundingClientRect().left;
                out.wide.push(`${name}: ${label(w)} ${Math.round(r.width)}px wide, right edge ${Math.round(r.right)} `
                              + `> ${Math.round(limit)} (output area ${Math.round(oLeft)}–${Math.round(oRight)}, `
                              + `notebook ${Math.round(v.left)}–${Math.round(v.right)})`);
            }
        }
        checkBox(o, limit, out, `${name}: `);
    }
    // the notebook scrolls sideways: fails if an output or a text cell reaches past its right edge (a code
    // cell's input is JupyterLab's editor, which shows long code lines in its own scroller once it is drawn)
    if (scroller.scrollWidth > scroller.clientWidth + 1) {
        const right = view().right;
        const wide = Array.from(panel.querySelectorAll(
            '.jp-Cell-outputWrapper, .jp-MarkdownCell .jp-Cell-inputWrapper'))
            .filter(w => w.getBoundingClientRect().left + w.scrollWidth > right + 1);
        for (const w of wide)
            out.overflow.push(`the notebook scrolls sideways (${scroller.scrollWidth}px in ${scroller.clientWidth}px) `
                              + `at "${(w.textContent || '').trim().slice(0, 50)}"`);
        out.codeWidth = wide.length ? 0 : scroller.scrollWidth;
    }
    return out;
}"""


# every output of the open notebook that shows a plotly figure — a stored static figure (plotly's mime renderer) or
# an explorer's (PlotView, ``.course-plot``) — measured once its figures are drawn for their width. JupyterLab puts a
# cell's outputs into the page, and plotly's mime renderer draws, only near the notebook's view, so the notebook is
# scrolled through from the top and each output is measured when it comes into view. Outputs with no size (inside a
# box still hidden: a result before its prediction is committed) are left out.
_LAB_PLOTS = r"""async ([plotWaitMs]) => {""" + _LAB_SCROLLER + PLOT_PROBLEMS_JS + r"""
    if (!scroller) return {missing: true};
    const out = {plots: 0, stored: 0, storedMeasured: 0, problems: [], slow: []};
    const isStored = o => o.matches('.jp-RenderedPlotly');  // plotly's mime renderer: the output is the figure
    const seen = new Set();
    const waiting = () => Array.from(panel.querySelectorAll('.jp-OutputArea-output'))
        .filter(o => !seen.has(o) && (isStored(o) || o.querySelector('.course-plot, .js-plotly-plot')));
    scroller.scrollTop = 0;
    await frames();
    for (let step = 0; step < 500; step++) {
        for (const o of waiting()) {
            const r = o.getBoundingClientRect(), v = view();
            if (r.height === 0 || r.top >= v.bottom || r.bottom <= v.top) continue;
            seen.add(o);
            o.scrollIntoView({block: 'start'});
            await frames();
            const started = performance.now();
            while (!o.querySelector('.main-svg') && performance.now() - started < plotWaitMs)
                await frames();
            const found = await plotProblems(o, plotWaitMs);
            const k = seen.size;
            out.plots += found.plots;
            if (isStored(o)) { out.stored += 1; out.storedMeasured += Math.min(found.plots, 1); }
            out.problems.push(...found.problems.map(p => `output ${k}: ${p}`));
            out.slow.push(...found.slow.map(s => `output ${k}: ${s}`));
        }
        if (scroller.scrollTop + scroller.clientHeight >= scroller.scrollHeight - 2) break;
        scroller.scrollTop += Math.max(100, Math.round(scroller.clientHeight * 0.8));
        await frames();
    }
    return out;
}"""


def stored_figures_shown(name: str) -> int:
    """Stored plotly figures notebook ``name`` shows in any case: those of its code cells that do not open a result
    box (``after_commit``, whose figures show once the prediction above is committed). A lower bound of the figures
    plotly's mime renderer draws in JupyterLab after "Run All" (notebook 04 also draws one it does not store)."""
    import nbformat

    from course.build import NOTEBOOK_DIR

    nb = nbformat.read(NOTEBOOK_DIR / name, as_version=4)
    return sum("application/vnd.plotly.v1+json" in out.get("data", {}) for cell in nb.cells
               if cell.cell_type == "code" and ".after_commit(" not in cell.source for out in cell.outputs)


def close_left_sidebar(page) -> None:
    """Collapse JupyterLab's left sidebar (the file browser), as a person on a phone or at 200 % zoom does:
    JupyterLab 4.6 keeps it open at any width, and it alone takes 280 px."""
    if page.locator("#jp-left-stack.lm-mod-hidden").count():
        return
    page.locator(".jp-SideBar.jp-mod-left .lm-TabBar-tab.lm-mod-current").click()
    page.wait_for_selector("#jp-left-stack.lm-mod-hidden", state="attached")


def assert_reflows_lab(page, name: str, where: str) -> dict:
    """Every course widget of the open notebook (:data:`LAB_WIDGETS`) reflows in JupyterLab at a 390 px phone width
    and at 200 % zoom: no output area or notebook that scrolls sideways, no widget wider than its output area, no
    clipped text, no overlapping options (each output scrolled into view before it is measured). Asserts that the
    page holds every cell of the notebook and at least one widget per widget cell of its source, so the
    measurement cannot pass on a page that rendered less. Every plotly figure of the notebook (static ones included)
    is measured inside (``reference.browser.lab.plot_problems``). Returns {"kinds": widgets measured by kind,
    "checked": text elements measured over both viewports, "plots": plotly figures measured at 200 % zoom}."""
    import nbformat

    from course.build import NOTEBOOK_DIR

    n_cells = len(nbformat.read(NOTEBOOK_DIR / name, as_version=4).cells)
    expected = widget_cells(name)
    close_left_sidebar(page)
    checked, kinds = 0, {}
    for label, size in (("390 px phone", PHONE), ("200 % zoom", ZOOM_200)):
        page.set_viewport_size(size)
        page.wait_for_function(
            "([w]) => document.documentElement.clientWidth <= w", arg=[size["width"]], timeout=30_000
        )
        found = page.evaluate(_LAB_REFLOW, [LAB_WIDGETS, PLOT_RESIZE_MS])
        assert not found.get("missing"), f"{where}: no notebook panel in the page"
        assert found["cells"] == n_cells, f"{where} at {label}: {found['cells']} of {n_cells} cells in the page"
        short = {k: (found["kinds"].get(k, 0), n) for k, n in expected.items() if found["kinds"].get(k, 0) < n}
        assert not short, f"{where} at {label}: fewer widgets than cells that show them (measured, cells): {short}"
        plots = page.evaluate(_LAB_PLOTS, [PLOT_RESIZE_MS])
        problems = found["overflow"] + [f"wider than its output: {w}" for w in found["wide"]] + [
            f"clipped: {c}" for c in found["clipped"]] + [f"overlap: {o}" for o in found["overlaps"]] + [
            f"slow plot: {p}" for p in found["slowPlots"] + plots["slow"]] + [f"plot: {p}" for p in plots["problems"]]
        assert not problems, f"{where} at {label}: " + "; ".join(problems[:25])
        assert found["checked"] > 20, f"{where} at {label}: only {found['checked']} text elements measured"
        shown = stored_figures_shown(name)
        assert plots["stored"] == plots["storedMeasured"] >= shown, (
            f"{where} at {label}: {plots['storedMeasured']} of {plots['stored']} static figures in the page measured, "
            f"at least {shown} expected")
        assert plots["plots"] > 0, f"{where} at {label}: no plotly figure measured"
        checked += found["checked"]
        kinds = found["kinds"]
        n_plots = plots["plots"]
    return {"kinds": kinds, "checked": checked, "plots": n_plots}


def assert_lab_layout(page, name: str, n_explorers: int, record: list | None = None) -> dict:
    """Both JupyterLab layout checks on a notebook that has run: :func:`assert_one_screen_lab` for each explorer
    (not the self-check form of notebook 07, a long form rather than controls over a plot, as in the Voilà test),
    then :func:`assert_reflows_lab`. Prints and returns (and appends to ``record``) what was measured and the
    seconds the checks took."""
    import time

    start = time.monotonic()
    if not name.startswith("07"):
        for e in range(n_explorers):
            assert_one_screen_lab(page, e, f"JupyterLab {name} explorer {e}")
    found = assert_reflows_lab(page, name, f"JupyterLab {name}")
    seconds = time.monotonic() - start
    kinds = found["kinds"]
    print(f"{name}: layout checks in {seconds:.1f} s — {sum(kinds.values())} widget outputs measured "
          f"({', '.join(f'{n} {k}' for k, n in kinds.items())}), {found['checked']} text elements and "
          f"{found['plots']} plotly figures over 390 px and 200 % zoom: none clipped, overlapping or wider than its "
          "output")
    if record is not None:
        record.append((name, kinds, found["checked"], seconds))
    return {**found, "seconds": seconds}
