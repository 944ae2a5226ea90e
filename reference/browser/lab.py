"""Page helpers for JupyterLab and Voilà (selectors verified with JupyterLab 4.6 / Voilà 0.5)."""

from __future__ import annotations

import json
import time

EXPLORER = ".course-explorer"
PLOT = ".js-plotly-plot"
ERROR_OUTPUT = '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]'


_KERNEL_READY = """() => {
    const ind = document.querySelector('.jp-Notebook-ExecutionIndicator');
    const bar = document.querySelector('#jp-main-statusbar');
    return !!ind && ind.getAttribute('data-status') === 'idle' && !!bar && /\\| Idle/.test(bar.innerText);
}"""

# every code cell shows an execution count "[n]:" (not "[ ]:" = not run, not "[*]:" = queued/running)
_ALL_EXECUTED = """() => {
    const prompts = Array.from(document.querySelectorAll('.jp-CodeCell .jp-InputArea-prompt'));
    return prompts.length > 0 && prompts.every(p => /\\[\\d+\\]/.test(p.textContent));
}"""


def open_notebook(page, server, name: str) -> None:
    """Open a notebook and wait until its kernel is connected and idle (status bar says so)."""
    page.goto(server.url(f"/lab/tree/{name}") + "&reset")
    page.wait_for_selector(".jp-NotebookPanel .jp-Cell")
    page.wait_for_function(_KERNEL_READY)


def run_all(page) -> float:
    """Menu Run → Run All Cells; wait until every code cell has run. Returns the start time."""
    start = time.monotonic()
    page.get_by_role("menuitem", name="Run", exact=True).click()
    page.get_by_role("menuitem", name="Run All Cells", exact=True).click()
    page.wait_for_function(_ALL_EXECUTED, timeout=300_000)
    page.wait_for_function(_KERNEL_READY)
    return start


_WIDGET_ERRORS = """(markers) => Array.from(document.querySelectorAll('body *'))
    .filter(e => e.childElementCount === 0 && markers.some(m => e.textContent.includes(m)))
    .map(e => (e.parentElement || e).textContent.replace(/\\s+/g, ' ').trim().slice(0, 300))"""


def error_texts(page) -> list[str]:
    """Texts of error/stderr outputs, of widgets that failed to render (with the reason the page gives) and of
    uncaught errors in the page (collected by the ``page`` fixture: 0 are allowed, COURSE_SPEC V3.6)."""
    texts = [el.inner_text()[:500] for el in page.query_selector_all(ERROR_OUTPUT)]
    texts += page.evaluate(_WIDGET_ERRORS, ["Error displaying widget", "Loading widget..."])
    texts += [f"uncaught error in the page: {e}" for e in getattr(page, "course_page_errors", [])]
    return texts


# JS: locate plot f of explorer e
_FIND = "const plot = document.querySelectorAll(sel[0])[e]?.querySelectorAll(sel[1])[f];"
_SEL = [EXPLORER, PLOT]


def wait_for_explorer_figure(page, explorer: int = 0, figure: int = 0, min_traces: int = 1) -> None:
    """Wait until plot ``figure`` of explorer ``explorer`` is drawn with at least ``min_traces`` traces."""
    page.wait_for_function(
        f"""([sel, e, f, n]) => {{ {_FIND}
            return !!plot && !!plot.querySelector('.main-svg') && (plot.data || []).length >= n; }}""",
        arg=[_SEL, explorer, figure, min_traces],
    )


def press_slider(page, explorer: int = 0, slider: int = 0, key: str = "ArrowRight", times: int = 5) -> None:
    """Move a slider with the keyboard: focus its handle and press ``key``."""
    handle = page.locator(EXPLORER).nth(explorer).locator(".widget-slider .noUi-handle").nth(slider)
    handle.focus()
    for _ in range(times):
        page.keyboard.press(key)


def as_json(data: str) -> list:
    return json.loads(data)


_ALL = (
    "JSON.stringify(Array.from(ex.querySelectorAll(sel[1])).map(p => (p.data || []).map("
    "t => [Array.from(t.x || []), Array.from(t.y || [])])))"
)


def explorer_count(page) -> int:
    return page.locator(EXPLORER).count()


def expected_explorers(name: str) -> int:
    """Explorers a notebook builds: its code cells that call an explorer factory (``course.ui.EXPLORERS``)."""
    import nbformat

    from course.build import NOTEBOOK_DIR
    from course.voila import explorer_cells

    return len(explorer_cells(nbformat.read(NOTEBOOK_DIR / name, as_version=4)))


def wait_for_explorers(page, n: int) -> None:
    """Wait until ``n`` explorers are in the page (widget views arrive after their cells ran)."""
    page.wait_for_function(
        "([sel, n]) => document.querySelectorAll(sel).length >= n", arg=[EXPLORER, n], timeout=300_000
    )


def wait_for_all_figures(page, explorer: int, min_figures: int = 1) -> int:
    """Wait until every plotly figure of one explorer is drawn with data; return the number of figures.

    The explorer says how many plots it has (its ``course-figures-N`` class, set by ``course.ui``'s
    ``Explorer``), so the wait is on that condition — never on a quiet period or a timer.
    """
    return page.wait_for_function(
        """([sel, e, least]) => {
            const ex = document.querySelectorAll(sel[0])[e];
            if (!ex) return false;
            const m = /course-figures-(\\d+)/.exec(ex.className);
            if (!m) return false;
            const n = Math.max(+m[1], least);
            const plots = Array.from(ex.querySelectorAll(sel[1]));
            return plots.length === n
                && plots.every(p => p.querySelector('.main-svg') && (p.data || []).length > 0) && n;
        }""",
        arg=[_SEL, explorer, min_figures],
        timeout=300_000,
    ).json_value()


def wait_for_primed(page) -> None:
    """Wait until every explorer plot of the page has had its idle-time second draw (``data-primed`` on the
    plot, ``course/ui/plot.py``): plotly.js's first redraw of a plot costs about twice a later one, and the
    widget spends it while the page is idle (≤ 1 s after the first draw), not on a student's first move."""
    page.wait_for_function(
        "(sel) => [...document.querySelectorAll(sel[0] + ' ' + sel[1])].every(p => 'primed' in p.dataset)",
        arg=_SEL, timeout=300_000)


def explorer_data(page, explorer: int) -> str:
    """JSON of the data of every figure of one explorer."""
    return page.evaluate(f"([sel, e]) => {{ const ex = document.querySelectorAll(sel[0])[e]; return {_ALL}; }}",
                         [_SEL, explorer])


def wait_for_explorer_change(page, explorer: int, before: str, timeout_ms: int = 30_000) -> str:
    page.wait_for_function(
        f"([sel, e, before]) => {{ const ex = document.querySelectorAll(sel[0])[e]; return {_ALL} !== before; }}",
        arg=[_SEL, explorer, before],
        timeout=timeout_ms,
    )
    return explorer_data(page, explorer)


def slider_count(page, explorer: int) -> int:
    return page.locator(EXPLORER).nth(explorer).locator(".widget-slider .noUi-handle").count()


def move_slider_until_changed(page, explorer: int = 0, key: str = "ArrowRight", times: int = 3,
                              attempts: int = 3) -> tuple[str, str]:
    """Press ``key`` on the first slider of an explorer until its figures' data change.

    Returns (data before, data after). A key press that arrives before the slider view is wired up
    can be lost, so the presses are repeated (at most ``attempts`` times) until the page shows a change.
    """
    before = explorer_data(page, explorer)
    for attempt in range(attempts):
        press_slider(page, explorer=explorer, key=key, times=times)
        try:
            return before, wait_for_explorer_change(page, explorer, before, timeout_ms=10_000)
        except Exception:  # noqa: BLE001 - playwright's TimeoutError: press again
            if attempt == attempts - 1:
                raise
    raise AssertionError("unreachable")


#: JS that defines ``plotProblems(root, waitMs)``: every plotly figure drawn under ``root`` (an element or the
#: document) is first given up to ``waitMs`` to be redrawn for its box's width (a new viewport redraws it), then
#: measured on its SVG. Returns ``{plots, problems, sizes, slow}``: ``problems`` names each figure (its title and
#: width) and what is wrong (COURSE_SPEC V3.6 "Plots", WCAG 1.4.10):
#:
#: * a text cut off at the figure's edge: title, axis title, tick label, legend entry, annotation, data label;
#: * the legend scrolling (entries hidden), over a title, axis title, tick label, annotation or data label, or
#:   inside the plot area (with the number of sampled line points and markers it covers);
#: * two axis titles over each other, an axis title over a tick label, two tick labels over each other (boxes
#:   rotated with their text: upright category labels are not boxes of their full length), the title over an
#:   axis title or a tick label, an annotation or a data label over any of these;
#: * a category axis that labels only some of its categories, a plot area squeezed under 90 px (or 30 % of
#:   the figure) wide or 40 px high.
#:
#: Two boxes "overlap" when they share more than 1 px in every direction. ``sizes`` lists [name, width, height]
#: of each figure, ``slow`` the figures still not redrawn for their box's width after ``waitMs``.
PLOT_PROBLEMS_JS = r"""
const plotProblems = async (root, waitMs) => {
    const frames = () => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
    const R = el => el.getBoundingClientRect();
    const shown = p => p.querySelector('.main-svg') && R(p).width > 0;
    // root itself may be the figure (JupyterLab's plotly output is the .js-plotly-plot element)
    const plots = () => [...(root.matches && root.matches('.js-plotly-plot') ? [root] : []),
                         ...root.querySelectorAll('.js-plotly-plot')].filter(shown);
    const svgBox = p => R(p.querySelector('.main-svg'));
    // drawn for its box's width (the SVG's own width, not its box: a page may scale an SVG down with CSS)
    const off = p => Math.abs(+p.querySelector('.main-svg').getAttribute('width') - R(p).width) > 1
        || Math.abs(svgBox(p).width - R(p).width) > 1;
    const started = performance.now();
    while (plots().some(off) && performance.now() - started < waitMs) await frames();
    const ok = r => r && r.width > 0.5 && r.height > 0.5;
    const hitBox = (a, b) => ok(a) && ok(b) && Math.min(a.right, b.right) - Math.max(a.left, b.left) > 1
        && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 1;
    // an SVG element's own box as drawn (four corners on the screen: a rotated tick label is a rotated box)
    const corners = el => {
        const b = el.getBBox(), m = el.getScreenCTM();
        return [[b.x, b.y], [b.x + b.width, b.y], [b.x + b.width, b.y + b.height], [b.x, b.y + b.height]]
            .map(([x, y]) => [m.a * x + m.c * y + m.e, m.b * x + m.d * y + m.f]);
    };
    // two convex boxes overlap by more than 1 px along every separating direction (their edges' normals)
    const hit = (A, B) => {
        if (!hitBox(R(A), R(B))) return false;
        const P = corners(A), Q = corners(B);
        for (const S of [P, Q]) for (let i = 0; i < 4; i++) {
            const [x0, y0] = S[i], [x1, y1] = S[(i + 1) % 4];
            const len = Math.hypot(x1 - x0, y1 - y0);
            if (len < 1e-6) continue;
            const nx = (y0 - y1) / len, ny = (x1 - x0) / len;
            const pa = P.map(([x, y]) => x * nx + y * ny), pb = Q.map(([x, y]) => x * nx + y * ny);
            const shared = Math.min(Math.max(...pa), Math.max(...pb)) - Math.max(Math.min(...pa), Math.min(...pb));
            if (shared <= 1) return false;
        }
        return true;
    };
    const words = el => `"${(el.textContent || '').trim().slice(0, 40)}"`;
    const cls = el => el.getAttribute('class') || '';
    const visible = el => { const s = getComputedStyle(el); return s.display !== 'none' && s.visibility !== 'hidden'
        && +s.opacity !== 0 && ok(R(el)) && (el.textContent || '').trim() !== ''; };
    const out = [], sizes = [];
    for (const [i, plot] of plots().entries()) {
        const svg = svgBox(plot);
        const title = plot.querySelector('.gtitle');
        // a page may name the figure (tests/browser/test_plot_layout.py: data-name on a box around it)
        const tag = (plot.closest('[data-name]') || {dataset: {}}).dataset.name;
        const heading = ((title || {}).textContent || `plot ${i}`).slice(0, 50);
        const name = `${tag ? `[${tag}] ` : ''}"${heading}" (${Math.round(svg.width)}px)`;
        sizes.push([name, Math.round(svg.width), Math.round(svg.height)]);
        const texts = sel => Array.from(plot.querySelectorAll(sel)).filter(visible);
        const axisTitles = texts('text').filter(t => /^[xy]\d*title$/.test(cls(t)));
        const ticks = texts('text').filter(t => /^[xy]\d*tick$/.test(cls(t.parentNode)));
        const notes = texts('.annotation-text');
        const dataText = texts('.textpoint text, .bartext');
        const legendTexts = texts('.legend .legendtext');
        const titles = title && visible(title) ? [title] : [];
        // clipped: any text outside the figure's SVG
        for (const t of [...titles, ...axisTitles, ...ticks, ...notes, ...dataText, ...legendTexts]) {
            const r = R(t);
            if (r.left < svg.left - 1 || r.right > svg.right + 1 || r.top < svg.top - 1 || r.bottom > svg.bottom + 1)
                out.push(`${name}: ${words(t)} cut off at the plot's edge (${Math.round(r.left - svg.left)}..`
                         + `${Math.round(r.right - svg.left)} of ${Math.round(svg.width)}px)`);
        }
        const legendEl = plot.querySelector('.legend');
        const legendBg = legendEl && plot.querySelector('.legend .bg');
        const legend = legendBg && ok(R(legendBg)) ? R(legendBg) : null;
        const areaEls = Array.from(plot.querySelectorAll('.nsewdrag')).filter(a => ok(R(a)));
        const scroll = legendEl && legendEl.querySelector('.scrollbar');
        if (scroll && ok(R(scroll))) out.push(`${name}: the legend scrolls (not every entry can be seen)`);
        const areas = Array.from(plot.querySelectorAll('.nsewdrag')).map(R).filter(ok);
        const pairs = [];
        // a category axis labels every category it shows (plotly skips labels when they do not fit)
        for (const ax of Object.values(plot._fullLayout || {}).filter(a => a && a._id && /^[xy]\d*$/.test(a._id))) {
            if (ax.type !== 'category' || !ax.visible || !ax.showticklabels || !ax.range) continue;
            const [lo, hi] = [Math.min(...ax.range), Math.max(...ax.range)];
            const inRange = (ax._categories || []).filter((_, k) => k >= lo && k <= hi).length;
            const labelled = texts('text').filter(t => cls(t.parentNode) === `${ax._id}tick`).length;
            if (labelled < inRange) pairs.push(`${ax._id} axis labels ${labelled} of its ${inRange} categories`);
        }
        // the plot area itself: squeezed by margins (fixed or pushed by long labels) it shows no data
        for (const a of areaEls) {
            const r = R(a);
            if (r.width < Math.max(90, 0.3 * svg.width) || r.height < 40)
                pairs.push(`plot area squeezed to ${Math.round(r.width)}×${Math.round(r.height)}px`);
        }
        const label = (k, t) => `${k} ${words(t)}`;
        const add = (ka, A, kb, B, same) => {
            for (let a = 0; a < A.length; a++) for (let b = same ? a + 1 : 0; b < B.length; b++)
                if (A[a] !== B[b] && hit(A[a], B[b])) pairs.push(`${label(ka, A[a])} over ${label(kb, B[b])}`);
        };
        add('axis title', axisTitles, 'axis title', axisTitles, true);
        add('axis title', axisTitles, 'tick label', ticks, false);
        add('tick label', ticks, 'tick label', ticks, true);
        add('title', titles, 'axis title', axisTitles, false);
        add('title', titles, 'tick label', ticks, false);
        add('annotation', notes, 'title', titles, false);
        add('annotation', notes, 'axis title', axisTitles, false);
        add('annotation', notes, 'tick label', ticks, false);
        add('annotation', notes, 'annotation', notes, true);
        add('data label', dataText, 'title', titles, false);
        add('data label', dataText, 'axis title', axisTitles, false);
        add('data label', dataText, 'tick label', ticks, false);
        add('data label', dataText, 'annotation', notes, false);
        if (legend) {
            for (const [k, T] of [['title', titles], ['axis title', axisTitles], ['tick label', ticks],
                                  ['annotation', notes], ['data label', dataText]])
                for (const t of T) if (hit(legendBg, t)) pairs.push(`legend over ${label(k, t)}`);
            if (areaEls.some(a => hit(a, legendBg))) {
                // what of the data does it cover? sample every drawn line and marker
                const inArea = (x, y) => areas.some(a => x >= a.left && x <= a.right && y >= a.top && y <= a.bottom);
                const inside = (x, y) => x > legend.left + 1 && x < legend.right - 1 && y > legend.top + 1
                    && y < legend.bottom - 1 && inArea(x, y);
                let covered = 0;
                for (const path of plot.querySelectorAll('.scatterlayer .js-line')) {
                    if (!visible(path) && !ok(R(path))) continue;
                    const len = path.getTotalLength(), m = path.getScreenCTM();
                    if (!m || !(len > 0)) continue;
                    const n = Math.min(3000, Math.max(200, Math.ceil(len / 2)));
                    for (let k = 0; k <= n; k++) {
                        const p = path.getPointAtLength(len * k / n);
                        if (inside(m.a * p.x + m.c * p.y + m.e, m.b * p.x + m.d * p.y + m.f)) covered += 1;
                    }
                }
                for (const pt of plot.querySelectorAll('.scatterlayer .point, .barlayer .point path')) {
                    const r = R(pt);
                    const centre = [(r.left + r.right) / 2, (r.top + r.bottom) / 2];
                    if (ok(r) && hitBox(r, legend) && inside(...centre)) covered += 1;
                }
                pairs.push(`legend inside the plot area` + (covered ? ` over the data (${covered} points)` : ''));
            }
        }
        out.push(...pairs.map(p => `${name}: ${p}`));
    }
    return {plots: plots().length, problems: out, sizes,
            slow: plots().filter(off).map(p => `${Math.round(svgBox(p).width)} in ${Math.round(R(p).width)}`)};
};
"""

_PLOT_PROBLEMS = "async ([sel, waitMs]) => {" + PLOT_PROBLEMS_JS + """
    const root = sel ? document.querySelector(sel) : document;
    if (!root) return {plots: 0, problems: [`${sel} is not in the page`], sizes: [], slow: []};
    return plotProblems(root, waitMs);
}"""


def plot_problems(page, root_selector: str | None = None, wait_ms: int = 5_000) -> dict:
    """What is wrong inside every plotly figure drawn in the page (or under ``root_selector``) at its current
    viewport, measured on the rendered SVG (see :data:`PLOT_PROBLEMS_JS`): ``{"plots", "problems", "sizes",
    "slow"}``."""
    return page.evaluate(_PLOT_PROBLEMS, [root_selector, wait_ms])


def plot_overlaps(page) -> list[str]:
    """The ``problems`` of :func:`plot_problems` for the whole page (COURSE_SPEC V3.6 "Plots")."""
    return plot_problems(page)["problems"]
