"""Browser benchmark (COURSE_SPEC V3.6 "Speed in the browser"): bytes per notebook run-all, key press → plot updated.

For every course notebook, in a real Chromium (Debian's ``/usr/bin/chromium``) driving a real JupyterLab on
127.0.0.1 (the harness of ``tests/browser``, ``reference.browser``):

1. **Bytes to the browser per run-all.** Open the notebook, Run All, wait until every explorer's plots are
   drawn, and add up the kernel websocket frames the page received (widget states, outputs, messages) and the
   HTTP response bodies after the JupyterLab page itself had loaded (``Content-Length``; lazy-loaded extension
   chunks). Target: ≤ 6 MB per notebook, plotly.js (4.8 MB) at most once.
2. **Key press → plot updated.** For every slider of each explorer: focus its handle and press an arrow key; the
   page records ``performance.now()`` at the key event (capturing listener), a ``MutationObserver`` on the
   explorer's plots records the first change after it, and one ``requestAnimationFrame`` later the frame is
   painted: latency = paint − key. ``--presses`` presses per explorer, shared among its sliders (at least 8
   each; direction reversed at a slider's end); nothing of the harness runs in the page between a key and its
   painted frame (see ``_latencies``). Target: p95 < 100 ms on a quiet machine. Two paces, both measured:

   * **single presses** (``settled``): each key once the page has settled after the previous move (
     :data:`SETTLE_MS`, then the page's next idle moment: the move's texts, the kernel's idle message and their
     paint are done). A student pressing an arrow key, looking, pressing again; also the method of the
     review that measured the course from outside (``reviews/ux-v3.md``: single presses, 400 ms of quiet);
   * **back to back**: each key as soon as the previous move's plot is painted (a held key, roughly), so one
     move's remaining work (texts, status messages, garbage collection) overlaps the next one's.

   Before the first timed move the harness waits for each plot's idle-time second draw (``data-primed``,
   ``course/ui/plot.py``); the first move is printed apart as well.

Usage: ``python benchmarks/bench_browser.py [--presses 40] [--pace settled back-to-back] [NOTEBOOK ...]``;
prints a Markdown table with the machine's load average before and after (copy it into ``benchmarks/RESULTS.md``).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from course.build import notebook_paths  # noqa: E402
from reference.browser import lab as ui  # noqa: E402
from reference.browser.servers import jupyterlab  # noqa: E402

_ARM = """(e) => {
  const ex = document.querySelectorAll('.course-explorer')[e];
  window.__bench = { t0: null, t1: null, painted: null, done: null };
  if (!window.__benchKey) {
    window.__benchKey = true;
    document.addEventListener('keydown', () => {
      const b = window.__bench;
      if (!b) return;
      b.t0 = performance.now(); b.t1 = null; b.painted = null; globalThis.__courseTiming = [];
      // settled when the plot is painted, or after 10 s (a move that changes no plot)
      b.done = new Promise((resolve) => { b.resolve = resolve; setTimeout(() => resolve(false), 10000); });
    }, true);
  }
  if (window.__benchObs) window.__benchObs.disconnect();
  window.__benchObs = new MutationObserver(() => {
    const b = window.__bench;
    if (b.t0 === null || b.t1 !== null) return;
    b.t1 = performance.now();
    requestAnimationFrame(() => { b.painted = performance.now(); b.resolve(true); });
  });
  for (const plot of ex.querySelectorAll('.js-plotly-plot')) {
    window.__benchObs.observe(plot, { subtree: true, childList: true, attributes: true, characterData: true });
  }
}"""


#: marks each kernel websocket frame sent and received while a move is timed (``__courseTiming``)
_WS_TIMING = r"""(() => {
  const Native = window.WebSocket;
  const mark = (what, n) => { const t = globalThis.__courseTiming; if (t) t.push([what, performance.now(), n]); };
  window.WebSocket = class extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener("message", (ev) => {
        mark("ws-recv", ev.data.byteLength ?? ev.data.size ?? ev.data.length);
        if (!globalThis.__courseTiming) return;
        // the kernel's own clock: the message header's type and date (same machine, same clock)
        const text = typeof ev.data === "string" ? ev.data.slice(0, 4000)
          : (ev.data instanceof ArrayBuffer ? new TextDecoder().decode(ev.data.slice(0, 4000)) : "");
        const type = /"msg_type":\s*"(\w+)"/.exec(text), date = /"date":\s*"([^"]+)"/.exec(text);
        if (type && date) {
          const [, whole, frac] = /^(.*T\d\d:\d\d:\d\d)(?:\.(\d+))?/.exec(date[1]) || [];
          const epoch = Date.parse(whole + "Z") + (frac ? Number("0." + frac) * 1000 : 0);
          mark("k:" + type[1], epoch - performance.timeOrigin);
        }
      });
    }
    send(data) { mark("ws-send", data.byteLength ?? data.size ?? data.length); return super.send(data); }
  };
})();"""


def _breakdown(b: dict) -> dict[str, float] | None:
    """Milliseconds from the key event to: the first frame sent, the last frame received before the plot
    changed, the plot's change event, the start and end of its ``Plotly.react``, and the painted frame."""
    marks = b.get("marks") or []
    t0 = b["t0"]
    first = {}
    for what, t, *_ in marks:
        first.setdefault(what, t)
    if "change" not in first:
        return None
    recv = [t for what, t, *_ in marks if what == "ws-recv" and t <= first["change"]]
    out = {"sent": first.get("ws-send", float("nan")) - t0, "received": (recv[-1] if recv else float("nan")) - t0,
           "change": first["change"] - t0, "draw": first.get("draw", float("nan")) - t0,
           "drawn": max((t for what, t, *_ in marks if what == "drawn"), default=float("nan")) - t0,
           "painted": b["painted"] - t0}
    return out


def _bytes_counter(page) -> list[int]:
    """Bytes received by the page from now on: websocket frames + HTTP bodies (by Content-Length)."""
    total = [0]

    def on_ws(ws) -> None:
        ws.on("framereceived", lambda payload: total.__setitem__(0, total[0] + len(payload)))

    def on_response(response) -> None:
        length = response.headers.get("content-length")
        if length and length.isdigit():
            total[0] += int(length)

    page.on("websocket", on_ws)
    page.on("response", on_response)
    return total


#: single presses: wait this long after a move's painted frame, then for the page's next idle moment
SETTLE_MS = 250
_SETTLE = "(ms) => new Promise((r) => setTimeout(() => requestIdleCallback(() => r(), { timeout: 2000 }), ms))"


def _latencies(page, explorer: int, slider: int, presses: int, settle: bool = False) -> list[float]:
    """``presses`` timed moves of one slider of an explorer. Between the key and the painted frame the harness
    runs nothing in the page: the slider's position is read before each press (a Playwright locator query walks
    the whole JupyterLab page: 3–9 ms of its main thread, seen in a Chromium trace), and the end of the move is
    awaited as one promise instead of being polled."""
    handle = page.locator(ui.EXPLORER).nth(explorer).locator(".widget-slider .noUi-handle").nth(slider)
    handle.scroll_into_view_if_needed()
    handle.focus()
    page.evaluate(_ARM, explorer)
    out: list[float] = []
    key = "ArrowRight"
    for _ in range(presses):
        now, low, high = (float(v) for v in handle.evaluate(
            "h => ['aria-valuenow', 'aria-valuemin', 'aria-valuemax'].map(a => h.getAttribute(a))"))
        if now >= high:  # at the end of its range: turn round
            key = "ArrowLeft"
        elif now <= low:
            key = "ArrowRight"
        if settle:
            page.evaluate(_SETTLE, SETTLE_MS)
        page.keyboard.press(key)
        if not page.evaluate("() => window.__bench.done"):
            continue  # a move that changes no plot (a value the plot does not show)
        b = page.evaluate("() => ({...window.__bench, done: null, resolve: null, marks: globalThis.__courseTiming})")
        out.append(b["painted"] - b["t0"])
        if os.environ.get("BENCH_MARKS"):
            print([(m[0], round(m[1] - b["t0"], 1), *([round(m[2] - b["t0"], 1)] if m[0].startswith("k:") else m[2:]))
                   for m in b["marks"] or []])
        if (parts := _breakdown(b)) is not None:
            _PARTS.append(parts)
    return out


_PARTS: list[dict[str, float]] = []


def _measure(browser, server, name: str, pace: str, presses: int) -> tuple[float, float, tuple[float, ...]]:
    """One notebook at one pace, on a fresh page and kernel (the same start for every pace): Run All, wait for the
    plots and their idle second draw, then time every slider. (MB to the browser, run-all s, (moves, p50, p95,
    p99 ms))."""
    context = browser.new_context(viewport={"width": 1366, "height": 768})
    context.add_init_script(_WS_TIMING)
    page = context.new_page()
    page.set_default_timeout(300_000)
    ui.open_notebook(page, server, name)
    total = _bytes_counter(page)
    start = ui.run_all(page)
    n = ui.expected_explorers(name)
    ui.wait_for_explorers(page, n)
    for e in range(n):
        ui.wait_for_all_figures(page, e)
    run_all_s, mb = time.monotonic() - start, total[0] / 1e6
    ui.wait_for_primed(page)
    lat: list[float] = []
    for e in range(n):
        sliders = ui.slider_count(page, e)
        for s in range(sliders):  # every slider: ``presses`` per explorer, shared out, ≥ 8 each
            one = _latencies(page, e, s, max(8, presses // sliders), settle=pace == "settled")
            if one:
                print(f"  {pace}: explorer {e} slider {s}: {len(one)} moves, p50 / max "
                      f"{np.percentile(one, 50):.0f} / {max(one):.0f} ms ({' '.join(f'{x:.0f}' for x in one)})",
                      flush=True)
            lat += one
    if _PARTS:
        med = {k: float(np.nanmedian([part[k] for part in _PARTS])) for k in _PARTS[0]}
        print(f"{name} ({pace}): median ms after the key: " + ", ".join(f"{k} {v:.1f}" for k, v in med.items()),
              flush=True)
        _PARTS.clear()
    p50, p95, p99 = np.percentile(np.array(lat) if lat else np.array([np.nan]), [50, 95, 99])
    print(f"{name} ({pace}): {mb:.2f} MB, run-all {run_all_s:.1f} s, {len(lat)} moves, first "
          f"{lat[0] if lat else float('nan'):.0f} ms, p50/p95/p99 {p50:.0f}/{p95:.0f}/{p99:.0f} ms", flush=True)
    server.shutdown_kernels()
    context.close()
    return mb, run_all_s, (len(lat), p50, p95, p99)


def _notebook_name(arg: str, known: list[str]) -> str:
    """The notebook that ``arg`` names: a whole file name, or its start ("04", "04_cramp_reflex")."""
    matches = [name for name in known if name == arg or name.startswith(arg)]
    if len(matches) != 1:
        which = "no" if not matches else "more than one"
        raise SystemExit(f"notebook {arg!r}: {which} notebook matches; one of {known}")
    return matches[0]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("notebooks", nargs="*", help="notebook names or their start, e.g. 04 (default: all)")
    ap.add_argument("--presses", type=int, default=40, help="key presses per explorer and pace (default 40)")
    ap.add_argument("--pace", nargs="+", choices=("settled", "back-to-back"), default=["settled", "back-to-back"],
                    help="single presses on a settled page, presses back to back, or both (default, in that order)")
    args = ap.parse_args()
    from playwright.sync_api import sync_playwright

    known = [p.name for p in notebook_paths()]
    names = [_notebook_name(arg, known) for arg in args.notebooks] or known
    load_before = os.getloadavg()
    rows = []
    with tempfile.TemporaryDirectory() as tmp, jupyterlab(Path(tmp)) as server, sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        for name in names:
            runs = [_measure(browser, server, name, pace, args.presses) for pace in args.pace]
            rows.append((name, max(r[0] for r in runs), max(r[1] for r in runs), [r[2] for r in runs]))
        browser.close()
    load_after = os.getloadavg()
    when = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    print(f"\nload average before {load_before[0]:.2f} / {load_before[1]:.2f}, after {load_after[0]:.2f} / "
          f"{load_after[1]:.2f} (1 / 5 min); {os.cpu_count()} cores; {when}")
    paces = " | ".join(f"{'single presses' if p == 'settled' else 'back to back'}: key → plot painted "
                       "p50 / p95 / p99 (ms, moves)" for p in args.pace)
    print("\n| notebook | MB to the browser (run-all; the larger of the runs) | run-all → plots drawn (s; the longer) "
          f"| {paces} |")
    print("|---|---|---|" + "---|" * len(args.pace))
    for name, mb, run_s, pct in rows:
        cells = " | ".join(f"{p50:.0f} / {p95:.0f} / {p99:.0f} ({n})" for n, p50, p95, p99 in pct)
        print(f"| {name} | {mb:.2f} | {run_s:.1f} | {cells} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
