"""axe-core in Chromium: the helpers, and the scan of the exported HTML (Voilà pages: ``test_voila.py``).

axe-core comes from npm (``make test`` installs it once into ``.venv/axe``; set ``COURSE_AXE_JS`` to
use another copy of ``axe.min.js``) and is injected into the page by Playwright, so the check needs
no network. A test fails on any violation of impact "serious" or "critical" inside the course's own
content and lists rule, impact, targets and notebook; every count (by impact) goes to the terminal
summary.

What is scanned
    Voilà: every cell output (``.jp-OutputArea-output``: the explorers, quizzes, the self-check form,
    printed tables and static figures) and the rendered prose (``.jp-MarkdownOutput``). Not scanned:
    Voilà's page chrome outside the cells (the spinner, the page shell) and the empty input/prompt
    wrappers of each cell, which are JupyterLab's, not the course's.
    Export: the whole page (every element of it is written by ``course.export``), except plotly's mode
    bar (``.modebar-container``), the zoom/download tool bar that plotly.js draws inside each chart.
"""

from __future__ import annotations

import os
from collections import Counter
from pathlib import Path

import pytest

from course.build import notebook_paths
from course.export import INDEX
from reference.browser import lab as ui
from reference.browser.servers import REPO
from tests.browser.conftest import AXE_COUNTS

pytestmark = [pytest.mark.browser, pytest.mark.slow]

AXE_JS = Path(os.environ.get("COURSE_AXE_JS") or REPO / ".venv" / "axe" / "node_modules" / "axe-core" / "axe.min.js")
FAIL_ON = ("critical", "serious")
IMPACTS = ("critical", "serious", "moderate", "minor")

#: What axe scans in a Voilà page (the course's own content) and what it leaves out (see module docstring).
VOILA_CONTEXT = {"include": [[".jp-OutputArea-output"], [".jp-MarkdownOutput"]], "exclude": []}
#: The export pages are the course's own HTML, except plotly.js's tool bar inside each chart.
EXPORT_CONTEXT = {"include": [["body"]], "exclude": [[".modebar-container"]]}

NOTEBOOKS = [p.name for p in notebook_paths()]

# Controls axe does not ask a name of, but AccessibleNames gives one: radio groups; and slider handles
# need a value text with the unit (when the label has one).
_UNNAMED = """() => Array.from(document.querySelectorAll(
        '.course-explorer .widget-radio-box, .course-explorer .noUi-handle')).filter(e => {
    const name = (e.getAttribute('aria-label') || '').trim();
    if (!name || name === 'null') return true;
    const unit = /\\(([^()]+)\\)$/.exec(name);
    return e.matches('.noUi-handle') && !!unit && !(e.getAttribute('aria-valuetext') || '').endsWith(unit[1]);
}).map(e => e.outerHTML.slice(0, 160))"""

_RUN_AXE = """async (context) => {
    const result = await axe.run(context, {resultTypes: ['violations']});
    return result.violations.map(v => ({
        id: v.id, impact: v.impact, help: v.help,
        targets: v.nodes.map(n => n.target.join(' ')),
        html: v.nodes.slice(0, 3).map(n => n.html.slice(0, 200)),
    }));
}"""


def _axe_path() -> Path:
    if not AXE_JS.is_file():
        reason = (
            f"axe-core was not found at {AXE_JS}: `make test` installs it with npm (Debian: "
            "`sudo apt-get install npm`), or set COURSE_AXE_JS=/path/to/axe.min.js"
        )
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"CI=true: the axe-core check must run, but {reason}", pytrace=False)
        pytest.skip(reason)
    return AXE_JS


def run_axe(page, context: dict) -> list[dict]:
    page.add_script_tag(path=str(_axe_path()))
    return page.evaluate(_RUN_AXE, context)


def record(where: str, violations: list[dict]) -> None:
    counts = Counter()
    for v in violations:
        counts[v["impact"] or "minor"] += len(v["targets"])
    AXE_COUNTS.append((where, {i: counts.get(i, 0) for i in IMPACTS}, sorted({v["id"] for v in violations})))


def assert_no_serious(where: str, violations: list[dict]) -> None:
    bad = [v for v in violations if v["impact"] in FAIL_ON]
    if bad:
        lines = [f"{where}: {sum(len(v['targets']) for v in bad)} serious/critical axe-core violation(s)"]
        for v in bad:
            lines.append(f"  [{v['impact']}] {v['id']} ({v['help']}): {len(v['targets'])} node(s)")
            lines += [f"      {t}" for t in v["targets"][:30]]
            lines += [f"      html: {h}" for h in v["html"]]
        pytest.fail("\n".join(lines), pytrace=False)


def wait_for_voila_widgets(page, name: str) -> None:
    """Wait on conditions until a Voilà page of notebook ``name`` is complete (no timers, no quiet periods):
    every cell rendered, every widget view in place of its placeholder, as many explorers as the notebook
    builds, each with all of its plots drawn, and each explorer's controls named by its AccessibleNames view.
    """
    page.wait_for_selector("#rendered_cells", state="visible", timeout=600_000)
    # widget models arrive after the cells (the page's one PlotlyLibrary widget holds plotly.js)
    page.wait_for_function("() => !document.body.innerText.includes('Loading widget...')", timeout=600_000)
    n = ui.expected_explorers(name)
    ui.wait_for_explorers(page, n)
    for e in range(n):
        ui.wait_for_all_figures(page, e)
    page.wait_for_function(
        "() => Array.from(document.querySelectorAll('.course-explorer')).every(e => e.dataset.courseNames)",
        timeout=60_000,
    )


def _open_export_page(page, path: Path) -> int:
    """Open one exported page and wait until every stored figure on it is drawn; return how many there are."""
    page.goto(path.as_uri())
    n_plots = page.locator(".course-plotly").count()
    if n_plots:
        page.wait_for_function(
            "n => document.querySelectorAll('.course-plotly .main-svg').length >= n", arg=n_plots, timeout=60_000,
        )
    return n_plots


def test_no_serious_axe_violation_in_the_export(page, course_export):
    """axe-core on every exported page, and plot hygiene on every stored figure as drawn (COURSE_SPEC V3.6
    "Plots"): at the desktop size, and opened at a 390 px phone width and at 200 % zoom (640 CSS px), where a figure
    is 344 and 594 px wide (``reference.browser.lab.plot_problems``)."""
    from tests.browser.reflow import PHONE, ZOOM_200

    exported = course_export.out
    page.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:") else route.abort())
    pages = [exported / INDEX] + [exported / f"{p.stem}.html" for p in notebook_paths()]
    desktop = page.viewport_size
    failures, measured = [], 0
    for path in pages:
        n_plots = _open_export_page(page, path)
        violations = run_axe(page, EXPORT_CONTEXT)
        record(f"export {path.name}", violations)
        failures += [f"export {path.name}: {o}" for o in ui.plot_overlaps(page)]
        if n_plots:
            for label, size in (("390 px phone", PHONE), ("200 % zoom", ZOOM_200)):
                page.set_viewport_size(size)
                _open_export_page(page, path)  # opened at that size, as a reader on a phone or zoomed in does
                found = ui.plot_problems(page)
                failures += [f"export {path.name} at {label}: {o}" for o in found["problems"] + found["slow"]]
                measured += found["plots"]
            page.set_viewport_size(desktop)
        try:
            assert_no_serious(f"export {path.name}", violations)
        except pytest.fail.Exception as exc:
            failures.append(str(exc))
    if failures:
        pytest.fail("\n".join(failures), pytrace=False)
    print(f"export: {measured} stored figures measured at 390 px and at 200 % zoom, none cut off or overlapping")
