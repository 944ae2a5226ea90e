"""Fixtures for the real-browser tests: Debian's Chromium driven by Playwright (no browser download).

Where Chromium is missing the tests skip with a message saying how to enable them; with
``CI=true`` they fail instead, so CI can never pass without running them.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO / "test-artifacts"

CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]

HOW_TO = (
    "Real-browser tests need Chromium: on Debian/Ubuntu run `sudo apt-get install chromium` "
    "(or set COURSE_CHROMIUM=/path/to/chromium), then run `make test` again."
)


def chromium_path() -> str | None:
    for candidate in (os.environ.get("COURSE_CHROMIUM"), "/usr/bin/chromium", shutil.which("chromium")):
        if candidate and os.path.exists(candidate):
            return candidate
    return None


def _unavailable(reason: str) -> None:
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"CI=true: browser tests must run, but {reason}. {HOW_TO}", pytrace=False)
    pytest.skip(f"{reason}. {HOW_TO}")


#: (what, seconds) recorded by the browser tests: time from "Run All" to the last figure drawn
RENDER_TIMES: list[tuple[str, float]] = []


#: (notebook, {widget kind: outputs measured}, text elements measured, seconds) recorded by the JupyterLab
#: layout checks (tests/browser/reflow.py: assert_lab_layout)
LAYOUT_CHECKS: list[tuple[str, dict[str, int], int, float]] = []


#: (where, {impact: number of nodes}, rule ids) recorded by tests/browser/test_axe.py
AXE_COUNTS: list[tuple[str, dict[str, int], list[str]]] = []


@pytest.fixture
def render_times() -> list[tuple[str, float]]:
    return RENDER_TIMES


@pytest.fixture
def layout_checks() -> list[tuple[str, dict[str, int], int, float]]:
    return LAYOUT_CHECKS


def pytest_terminal_summary(terminalreporter):
    if LAYOUT_CHECKS:
        terminalreporter.section("JupyterLab layout: one screen at 1366 × 768, reflow at 390 px and 200 % zoom")
        for name, kinds, checked, seconds in LAYOUT_CHECKS:
            widgets = ", ".join(f"{n} {k}" for k, n in kinds.items())
            terminalreporter.write_line(f"{name:<40} {seconds:5.1f} s  {checked:4d} texts  {widgets}")
    if RENDER_TIMES:
        terminalreporter.section("browser: run all → last figure rendered")
        for what, seconds in RENDER_TIMES:
            terminalreporter.write_line(f"{what:<60} {seconds:6.1f} s")
    if AXE_COUNTS:
        terminalreporter.section("axe-core violations (nodes) by impact, course content only")
        terminalreporter.write_line(f"{'page':<52} critical serious moderate minor  rules")
        for where, counts, rules in AXE_COUNTS:
            terminalreporter.write_line(
                f"{where:<52} {counts['critical']:8d} {counts['serious']:7d} {counts['moderate']:8d} "
                f"{counts['minor']:5d}  {', '.join(rules) or '-'}"
            )


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    rep = outcome.get_result()
    setattr(item, f"rep_{rep.when}", rep)


@pytest.fixture(scope="session")
def browser():
    path = chromium_path()
    if path is None:
        _unavailable("Chromium was not found")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:  # pragma: no cover - playwright is a test dependency
        _unavailable("the playwright package is not installed")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        try:
            yield b
        finally:
            b.close()


@pytest.fixture
def page(browser, request) -> Iterator:
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    pg = context.new_page()
    pg.set_default_timeout(120_000)
    # uncaught errors in the page (COURSE_SPEC V3.6: 0 in Voilà and JupyterLab): ui.error_texts reports them
    pg.course_page_errors = []
    pg.on("pageerror", lambda exc: pg.course_page_errors.append(str(exc)[:300]))
    try:
        yield pg
    finally:
        rep = getattr(request.node, "rep_call", None)
        if rep is not None and rep.failed:
            ARTIFACTS.mkdir(exist_ok=True)
            name = re.sub(r"[^A-Za-z0-9_.-]+", "_", request.node.nodeid)
            try:
                pg.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
            except Exception as exc:  # noqa: BLE001 - a failed screenshot must not hide the test failure
                print(f"screenshot failed: {exc}")
        context.close()


@pytest.fixture(scope="session")
def lab(tmp_path_factory, browser):
    """One JupyterLab server for the whole session (started only if Chromium is there)."""
    from reference.browser.servers import jupyterlab

    with jupyterlab(tmp_path_factory.mktemp("lab")) as server:
        yield server


@pytest.fixture(scope="session")
def voila_app(tmp_path_factory, browser):
    """One Voilà server for the whole session, serving every notebook (``server.voila_page(name)``)."""
    from reference.browser.servers import voila

    with voila(tmp_path_factory.mktemp("voila")) as server:
        yield server
