"""Reflow measurements in a real browser (WCAG 2.2 SC 1.4.10): nothing clipped, nothing overlapping.

A layout "reflows" when, at a narrow viewport, content still fits without two-dimensional scrolling and every
label can be read whole. Measured in the page, on the rendered boxes (not on CSS rules):

* **horizontal overflow** — the root element is no wider than the viewport (``scrollWidth`` ≤ ``clientWidth``);
* **clipped text** — a text-bearing element (label, description, option text, HTML box) whose content is
  wider or taller than its box while its ``overflow`` hides the rest (``hidden``/``clip``/ellipsis), or whose
  box reaches past the root's right edge (except in a data table that scrolls in its own box, the WCAG
  exception);
* **overlap** — two sibling options (radio/check box labels, buttons) whose boxes intersect by more than 1 px.

Viewports: a phone 390 × 844 CSS px, and 200 % zoom of a 1280 × 720 window, which lays the page out in
640 × 360 CSS px (zoom scales CSS pixels; the layout depends only on the CSS width).
"""

from __future__ import annotations

PHONE = {"width": 390, "height": 844}
ZOOM_200 = {"width": 640, "height": 360}

_MEASURE = r"""(rootSel) => {
    const root = document.querySelector(rootSel);
    if (!root) return {missing: true};
    const rr = root.getBoundingClientRect();
    const vw = document.documentElement.clientWidth;
    const out = {overflow: [], clipped: [], overlaps: [], checked: 0};
    const page = document.scrollingElement || document.documentElement;
    if (page.scrollWidth > vw + 1) out.overflow.push(`page ${page.scrollWidth}px wide in a ${vw}px viewport`);
    const texty = root.querySelectorAll(
        'label, .widget-label, .widget-label-basic, .widget-html-content, .widget-radio-box label, ' +
        '.widget-checkbox label, button, .widget-button, p, li, b, span');
    // inside a data table that scrolls in its own box (the WCAG 1.4.10 exception): reachable, not clipped
    const scrolls = el => !!el.closest('table') && (() => {
        for (let a = el.closest('table').parentElement; a && a !== root; a = a.parentElement)
            if (/(auto|scroll)/.test(getComputedStyle(a).overflowX)) return true;
        return false;
    })();
    for (const el of texty) {
        if (scrolls(el)) continue;
        const r = el.getBoundingClientRect();
        if (r.width === 0 || r.height === 0 || !(el.textContent || '').trim()) continue;
        out.checked += 1;
        const cs = getComputedStyle(el);
        const hides = /(hidden|clip)/.test(cs.overflow + cs.overflowX + cs.overflowY) || cs.textOverflow === 'ellipsis';
        const name = (el.textContent || '').trim().slice(0, 60);
        if (hides && (el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 2))
            out.clipped.push(`${name} (${el.scrollWidth}×${el.scrollHeight} in ${el.clientWidth}×${el.clientHeight})`);
        else if (r.right > Math.min(vw, rr.right) + 1)
            out.clipped.push(`${name} (right edge ${Math.round(r.right)} > ${Math.min(vw, Math.round(rr.right))})`);
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
            if (w > 1 && h > 1) out.overlaps.push(`${t(kids[i])} / ${t(kids[j])}`);
        }
    }
    return out;
}"""


def measure(page, root_selector: str) -> dict:
    """Overflow, clipped and overlapping elements inside ``root_selector`` at the page's current viewport."""
    return page.evaluate(_MEASURE, root_selector)


def assert_reflows(page, root_selector: str, where: str) -> int:
    """Assert that ``root_selector`` reflows at a phone width and at 200 % zoom; return elements checked."""
    checked = 0
    for label, size in (("390 px phone", PHONE), ("200 % zoom", ZOOM_200)):
        page.set_viewport_size(size)
        page.wait_for_function(
            "([w]) => document.documentElement.clientWidth <= w", arg=[size["width"]], timeout=30_000
        )
        page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
        found = measure(page, root_selector)
        assert not found.get("missing"), f"{where}: {root_selector} is not in the page"
        problems = found["overflow"] + [f"clipped: {c}" for c in found["clipped"]] + [
            f"overlap: {o}" for o in found["overlaps"]
        ]
        assert not problems, f"{where} at {label}: " + "; ".join(problems[:25])
        assert found["checked"] > 10, f"{where} at {label}: only {found['checked']} text elements measured"
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
