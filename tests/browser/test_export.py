"""The instructor export in a real browser: open the exported index from ``file://`` in Chromium with the
network blocked, follow the course map to a page with a figure and check that plotly drew it."""

from __future__ import annotations

import re

import nbformat
import pytest

from course import DISCLAIMER
from course.export import INDEX

pytestmark = pytest.mark.browser

PLOTLY_MIME = "application/vnd.plotly.v1+json"


def _n_figures(path) -> int:
    nb = nbformat.read(path, as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    return sum(PLOTLY_MIME in o.get("data", {}) for c in code for o in c.outputs)


def test_exported_course_renders_plotly_from_disk_without_network(page, course_export):
    out, notebooks = course_export.out, course_export.notebooks
    with_figures = [(p, n) for p in notebooks if (n := _n_figures(p)) > 0]
    if not with_figures:
        pytest.skip("no course notebook has a stored plotly figure yet")
    target, n_figures = with_figures[0]

    requests: list[str] = []
    errors: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.route(re.compile(r"^(https?|wss?)://"), lambda route: route.abort())  # no network at view time

    page.goto((out / INDEX).as_uri())
    assert page.locator(".course-disclaimer").inner_text().endswith(DISCLAIMER)
    assert page.locator(".course-map a").count() == len(notebooks)

    page.locator(f'.course-map a[href="{target.stem}.html"]').click()
    page.wait_for_url(f"**/{target.stem}.html")
    page.wait_for_selector(".js-plotly-plot .main-svg", timeout=30_000)
    n_traces = page.evaluate("document.querySelector('.js-plotly-plot').data.length")
    assert n_traces > 0
    # every stored figure of the page was drawn, each with its interactive mode bar
    assert page.locator(".js-plotly-plot").count() == n_figures
    assert page.locator(".js-plotly-plot .modebar").count() == n_figures
    assert DISCLAIMER in page.locator(".course-disclaimer").inner_text()

    assert errors == []
    off_disk = [u for u in requests if not u.startswith(("file:", "data:", "about:", "blob:"))]
    assert off_disk == [], f"the export tried to load {off_disk}"
    print(f"export: {target.name} drew {n_figures} figure(s), first with {n_traces} trace(s)")
