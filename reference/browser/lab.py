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


_PLOT_OVERLAPS = r"""() => {
    const out = [];
    const box = el => el && el.getBoundingClientRect();
    const hit = (a, b) => a && b && a.width > 0 && b.width > 0
        && Math.min(a.right, b.right) - Math.max(a.left, b.left) > 1
        && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 1;
    document.querySelectorAll('.js-plotly-plot').forEach((plot, i) => {
        const name = (plot.querySelector('.gtitle') || {}).textContent || `plot ${i}`;
        const legend = box(plot.querySelector('.legend .bg') || plot.querySelector('.legend'));
        const titles = Array.from(plot.querySelectorAll(
            '.xtitle, .ytitle, .gtitle, [class*="x2title"], [class*="y2title"]'));
        for (const t of titles) {
            if (hit(legend, box(t))) out.push(`${name.slice(0, 50)}: legend over "${t.textContent.slice(0, 40)}"`);
            if (t.classList.contains('ytitle') && hit(box(t), box(plot.querySelector('.gtitle'))))
                out.push(`${name.slice(0, 50)}: y-axis title "${t.textContent.slice(0, 40)}" over the figure title`);
        }
    });
    return out;
}"""


def plot_overlaps(page) -> list[str]:
    """Every drawn plotly figure in the page whose legend covers an axis or figure title, or whose y-axis title
    runs into the figure title (COURSE_SPEC V3.6 "Plots"), measured on the rendered SVG boxes."""
    return page.evaluate(_PLOT_OVERLAPS)
