"""The explorers' plot widget: one copy of plotly.js per page (COURSE_SPEC V3.6 "Speed in the browser").

plotly's own ``go.FigureWidget`` (plotly 7.1) is an anywidget whose synced ``_esm`` *is* the 4.96 MB plotly.js
bundle, sent again for every figure: opening notebook 02 sent 16 MB, the course ≈ 86 MB per student
(``reviews/ux-v3.md``, ``reviews/hub-v3.md``). Here the library travels once per kernel (one page):

* :class:`PlotlyLibrary` — one invisible widget per kernel (:func:`plotly_library`) whose ``source`` is
  plotly.js's cartesian partial bundle (``course/ui/static``, the version of the plotly package's own
  plotly.js; see :func:`_plotly_js`); its small ES module runs it as a script and
  publishes the library on a page-wide promise (``globalThis.__coursePlotly``);
* :class:`PlotView` — a small anywidget per figure (≈ 2 KB of JavaScript) that waits for that promise and
  draws its figure with ``Plotly.react``. A plot in view is drawn as soon as its new state arrives; a plot out
  of view (scrolled away, below the fold) when the page is next idle (``requestIdleCallback``, at most 1 s
  later) or as soon as it scrolls into view: drawn earlier, hidden plots held up the visible one, whose state
  was still waiting in the websocket queue (notebook 05: 30–40 ms per hidden plot). Each plot's box has CSS
  containment, so plotly.js's size reads while drawing lay out the plot, not the whole JupyterLab page. A plot
  is drawn a second time when the page is next idle after its first draw (``data-primed`` on the plot once done):
  plotly.js's first redraw of a plot costs about twice a later one, and was the student's first move (notebook
  04: 94–163 ms where later moves took ≈ 60). Its
  synced state is the figure as plotly JSON (numeric arrays as typed arrays, :func:`figure_state`), with the
  layout template sent once in a separate trait, so a slider move sends the changed figure without its
  template (only the part the figure uses, :func:`_template_for`: 2 KB instead of 8).

On the Python side a :class:`PlotView` keeps a ``go.Figure`` (``.figure``) and offers the part of the
``FigureWidget`` API the course and its tests use: ``data``, ``layout``, ``plotly_update`` (what
:func:`course.ui._common.push_traces` calls), ``batch_update``, ``update_layout``, ``add_trace``/``add_scatter``,
``to_plotly_json``. Updates are applied to the
figure first, so tests read ``view.data[i].y`` without a browser; the widget state is re-sent once per
change, or once per :meth:`PlotView.hold` block (``Explorer.refresh`` holds every figure while it renders).
"""

from __future__ import annotations

import base64
import json
import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from functools import cache
from importlib.resources import files
from typing import Any

import anywidget
import ipywidgets as widgets
import numpy as np
import plotly.graph_objects as go
import traitlets
from plotly.io.json import to_json_plotly

__all__ = ["CARTESIAN_TRACES", "PlotView", "PlotlyLibrary", "as_json", "check_traces", "figure_state", "plotly_library"]

#: the page-wide promise both widgets share (created by whichever script runs first)
_PROMISE_JS = """
const __courseLibrary = () => {
  const g = globalThis;
  if (!g.__coursePlotly) {
    let resolve;
    const promise = new Promise((r) => { resolve = r; });
    g.__coursePlotly = { promise, resolve, resolved: false };
  }
  return g.__coursePlotly;
};
"""

_PLOT_ESM = _PROMISE_JS + r"""
// No `responsive` (it drops the fixed height): the ResizeObserver below redraws at a new width.
const CONFIG = { displaylogo: false };
// {dtype, b64url} arrays (figure_state) → typed arrays
const ARRAYS = { f4: Float32Array, i1: Int8Array, u1: Uint8Array, i2: Int16Array,
  u2: Uint16Array, i4: Int32Array, u4: Uint32Array };
const decode = (v) => {
  if (Array.isArray(v)) return v.map(decode);
  if (v === null || typeof v !== "object") return v;
  if (typeof v.b64url === "string" && ARRAYS[v.dtype]) {
    const bin = atob(v.b64url.replace(/-/g, "+").replace(/_/g, "/"));
    const bytes = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
    return new ARRAYS[v.dtype](bytes.buffer);
  }
  for (const k of Object.keys(v)) v[k] = decode(v[k]);
  return v;
};
export default {
  async render({ model, el }) {
    el.classList.add("course-plot");
    const div = document.createElement("div");
    div.style.width = "100%";
    // contained: plotly.js's size reads lay out this plot, not the page
    div.style.contain = "layout paint style";
    el.appendChild(div);
    const Plotly = await __courseLibrary().promise;
    let template = JSON.parse(model.get("template_json") || "{}");
    // In view: drawn when its state arrives; out of view: when idle or in view (module docstring). A state
    // arriving mid-draw is drawn after. bench_browser.py sets globalThis.__courseTiming = [] (marks).
    const mark = (what) => { const t = globalThis.__courseTiming; if (t) t.push([what, performance.now()]); };
    let visible = false, drawing = false, stale = false, deferred = null, gone = false, keep = null;
    const draw = async () => {
      if (gone) return;
      if (drawing) { stale = true; return; }
      drawing = true;
      try {
        do {
          stale = false;
          mark("draw");
          const fig = JSON.parse(model.get("figure_json"));
          fig.layout.template = template;
          if (fig.layout.width === undefined && el.clientWidth > 0) fig.layout.width = el.clientWidth;
          // At one width the side margins only grow (automargin drew twice when tick labels changed width). Not
          // top and bottom: given back, they moved an automargin title down (26 px, onto the tick labels).
          const L = fig.layout, w = L.width;
          if (!keep || keep.w !== w) keep = { w, l: 0, r: 0 };
          L.margin = { ...L.margin };
          for (const k of "lr") if (keep[k] > (L.margin[k] ?? 0)) L.margin[k] = keep[k];
          await Plotly.react(div, decode(fig.data), L, CONFIG);
          const size = div._fullLayout?._size;
          if (size) for (const k of "lr") keep[k] = Math.max(keep[k], size[k]);
          mark("drawn");
        } while (stale);
      } finally { drawing = false; }
    };
    const hasIdle = typeof globalThis.requestIdleCallback === "function";
    const later = (f) => (hasIdle ? requestIdleCallback(f, { timeout: 1000 }) : setTimeout(f, 50));
    const cancelLater = (id) => (hasIdle ? cancelIdleCallback(id) : clearTimeout(id));
    const cancelDeferred = () => { if (deferred !== null) { cancelLater(deferred); deferred = null; } };
    const schedule = () => {
      mark("change");
      primed();
      if (visible) { cancelDeferred(); draw(); return; }
      if (deferred === null) deferred = later(() => { deferred = null; draw(); });
    };
    const onTemplate = () => { template = JSON.parse(model.get("template_json") || "{}"); schedule(); };
    const seen = new IntersectionObserver((entries) => {
      visible = entries[entries.length - 1].isIntersecting;
      if (visible && deferred !== null) { cancelDeferred(); draw(); }
    });
    seen.observe(el);
    await draw();
    // plotly.js's first redraw of a plot is ≈ 2× slower than later ones: done when idle, not at the first move
    let prime = later(async () => { prime = null; await draw(); div.dataset.primed = ""; });
    const primed = () => { if (prime !== null) { cancelLater(prime); prime = null; div.dataset.primed = ""; } };
    model.on("change:figure_json", schedule);
    model.on("change:template_json", onTemplate);
    // a new width (window, sidebar, zoom) redraws the figure at that width; its height stays the figure's own
    let width = el.clientWidth;
    const resize = new ResizeObserver(() => {
      if (el.clientWidth > 0 && el.clientWidth !== width) { width = el.clientWidth; mark("resize"); schedule(); }
    });
    resize.observe(el);
    return () => {
      gone = true;
      model.off("change:figure_json", schedule);
      model.off("change:template_json", onTemplate);
      cancelDeferred();
      seen.disconnect();
      resize.disconnect();
      Plotly.purge(div);
    };
  },
};
"""


_LIBRARY_ESM = _PROMISE_JS + r"""
// plotly.js arrives as this model's `source` (a string), not as its ES module: anywidget gives a model two
// seconds to initialise ("Failed to initialize model"), and evaluating 1.5 MB of JavaScript on a busy
// machine takes longer. A classic <script> from a blob URL runs it in the background; the UMD bundle sets
// window.Plotly, which is read as soon as it has run. The first library model of the page loads it; the others
// (more notebooks open in one JupyterLab) find it loading or loaded.
export default {
  initialize({ model }) {
    const lib = __courseLibrary();
    if (lib.started) return;
    lib.started = true;
    const url = URL.createObjectURL(new Blob([model.get("source")], { type: "text/javascript" }));
    const script = document.createElement("script");
    script.src = url;
    script.onload = () => { URL.revokeObjectURL(url); lib.resolved = true; lib.resolve(window.Plotly); };
    script.onerror = () => { lib.started = false; console.error("course: plotly.js did not load"); };
    document.head.appendChild(script);
  },
};
"""


#: the trace types of plotly.js's "cartesian" partial bundle (``plotly.js-cartesian-dist-min``, README of plotly.js
#: ``dist/``), the bundle the explorers draw with
CARTESIAN_TRACES = frozenset({
    "bar", "box", "contour", "heatmap", "histogram", "histogram2d", "histogram2dcontour", "image", "pie",
    "scatter", "scatterternary", "violin",
})
#: where the bundle is (``npm pack plotly.js-cartesian-dist-min@VERSION``, VERSION = the plotly.js version in the
#: plotly Python package's ``plotly.min.js``; ``tests/test_plot_view.py`` checks that they agree)
CARTESIAN_BUNDLE = "plotly-cartesian.min.js"


def _version(js_head: str) -> str:
    """The ``vX.Y.Z`` in the licence header of a plotly.js bundle."""
    m = re.search(r"plotly\.js.*? v(\d+\.\d+\.\d+)", js_head)
    if m is None:
        raise ValueError("no plotly.js version in the bundle header")
    return m.group(1)


@cache
def _plotly_js() -> str:
    """plotly.js for the explorers: the cartesian partial bundle (1.5 MB, not the 4.8 MB full bundle).

    It holds every trace type the explorers draw (scatter and bar; :data:`CARTESIAN_TRACES`), is the same
    plotly.js version as the full bundle plotly.py writes figures for, and runs in under half the time: the full
    bundle's start-up blocked the page for 1.0–1.2 s on this 2-core machine under load, the cartesian one for
    0.4–0.6 s, and anywidget gives every model two seconds to start ("Failed to initialize model").
    """
    return (files("course.ui") / "static" / CARTESIAN_BUNDLE).read_text(encoding="utf-8")


def check_traces(traces: Iterable[Any]) -> None:
    """Raise ``ValueError`` naming the trace if one of ``traces`` (a figure's ``data``) is of a type the
    cartesian bundle cannot draw (it would stay blank in the page)."""
    for i, trace in enumerate(traces):
        if trace.type not in CARTESIAN_TRACES:
            raise ValueError(
                f"PlotView cannot draw trace {i} of type {trace.type!r}: the explorers' plotly.js bundle draws "
                f"{', '.join(sorted(CARTESIAN_TRACES))}"
            )


class PlotlyLibrary(anywidget.AnyWidget):
    """plotly.js for the page, as one invisible widget per kernel (use :func:`plotly_library`)."""

    _esm = _LIBRARY_ESM
    source = traitlets.Unicode("").tag(sync=True)

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("layout", widgets.Layout(display="none"))
        super().__init__(source=_plotly_js(), **kwargs)


_LIBRARY: list[PlotlyLibrary] = []


def plotly_library() -> PlotlyLibrary:
    """The kernel's one :class:`PlotlyLibrary` (a new one only if the last was closed)."""
    if not _LIBRARY or _LIBRARY[0].comm is None:
        _LIBRARY[:] = [PlotlyLibrary()]
    return _LIBRARY[0]


#: numpy dtype → the typed-array code of the page's decoder (plotly.js's names)
_DTYPES = {"float32": "f4", "int8": "i1", "uint8": "u1", "int16": "i2", "uint16": "u2", "int32": "i4",
           "uint32": "u4"}


def _typed(value: Any) -> Any:
    """``value`` with every 1-D numeric numpy array in it (traces' ``x``, ``y``, ``marker.color`` …) written as
    ``{"dtype": "f4", "b64url": …}``: the array's bytes in URL-safe base64 (plotly's JSON encoder escapes every
    "/" of standard base64 as six characters), float64 as float32 and 64-bit integers as 32-bit. The page
    decodes it into a typed array (``decode`` in the module's JavaScript). New dicts and lists; ``value`` is not
    changed.

    A float as JSON text takes ≈ 18 bytes, as base64 float32 5.3: notebook 04's figure message shrank from
    182 KB to ≈ 60 KB per move. float32 keeps 7 significant digits, finer than any plot's pixels.
    """
    if isinstance(value, dict):
        return {k: (v if k == "range" else _typed(v)) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_typed(v) for v in value]
    if isinstance(value, np.ndarray) and value.ndim == 1 and value.size and value.dtype.kind in "fiu":
        if value.dtype.kind == "f":
            value = value.astype(np.float32)
        elif value.dtype.itemsize == 8:
            value = value.astype(np.int32 if value.dtype.kind == "i" else np.uint32)
        code = _DTYPES.get(str(value.dtype.newbyteorder("=")))
        if code is not None and (value.dtype.kind != "i" or value.dtype.itemsize < 8):
            data = np.ascontiguousarray(value, dtype=value.dtype.newbyteorder("<"))
            return {"dtype": code, "b64url": base64.urlsafe_b64encode(data.tobytes()).decode("ascii")}
    return value


def figure_state(fig: go.Figure) -> tuple[str, str]:
    """``(figure JSON without its template, template JSON)`` of ``fig`` for the browser.

    Numeric arrays travel as typed arrays (:func:`_typed`); plotly's JSON encoder writes the rest
    (``to_json_plotly``, which does not change the figure; ``to_json`` would pop the traces' ``uid`` from the
    live figure). The trace and layout dicts are read from the figure directly (``_data``, ``_layout``:
    ``to_plotly_json`` deep-copies them first, 1–3 ms per figure and move); this is the one place that does,
    and ``tests/test_infrastructure.py`` fails if a plotly upgrade renames them.
    """
    layout = dict(fig._layout)  # noqa: SLF001 - see the docstring
    template = layout.pop("template", None)
    figure = to_json_plotly({"data": _typed(fig._data), "layout": layout})  # noqa: SLF001
    if template is None:
        return figure, "{}"
    return figure, to_json_plotly(_template_for(template, {t.get("type", "scatter") for t in fig._data}))  # noqa: SLF001


#: a template's layout parts for subplots the cartesian bundle does not draw (geo, polar, 3-D scenes, maps), and
#: the trace type that would need each one
_OTHER_SUBPLOTS = {"geo": None, "polar": None, "scene": None, "mapbox": None, "map": None,
                   "ternary": "scatterternary"}


def _template_for(template: dict, types: set[str]) -> dict:
    """The part of a layout template a figure with these trace types uses: the trace defaults of its own types
    (a template such as ``simple_white`` carries 24) and no layout of subplots it cannot have. plotly.js applies a
    template only to the types and subplots a figure has, so the figure is drawn the same; its defaults step
    (29 % of a redraw in a CPU profile) handles less. Per figure, so a new trace type sends the template again."""
    out = dict(template)
    if isinstance(out.get("data"), dict):
        out["data"] = {k: v for k, v in out["data"].items() if k in types}
    if isinstance(out.get("layout"), dict):
        out["layout"] = {k: v for k, v in out["layout"].items()
                         if k not in _OTHER_SUBPLOTS or _OTHER_SUBPLOTS[k] in types}
    return out


class PlotView(anywidget.AnyWidget):
    """A plotly figure in the page, drawn by the page's one plotly.js (see the module docstring)."""

    _esm = _PLOT_ESM
    figure_json = traitlets.Unicode("{}").tag(sync=True)
    template_json = traitlets.Unicode("{}").tag(sync=True)
    #: a reference that makes the library's model exist in the page before this one is drawn
    library = traitlets.Instance(PlotlyLibrary).tag(sync=True, **widgets.widget_serialization)

    def __init__(self, figure: go.Figure | None = None, **kwargs: Any) -> None:
        self.figure = go.Figure(figure) if figure is not None else go.Figure()
        self._held = 0
        self._dirty = False
        check_traces(self.figure.data)
        data, template = figure_state(self.figure)
        super().__init__(figure_json=data, template_json=template, library=plotly_library(), **kwargs)

    # -- the FigureWidget API the course uses ---------------------------------------------------------
    @property
    def data(self) -> tuple:
        return self.figure.data

    @property
    def layout(self) -> go.Layout:
        return self.figure.layout

    def plotly_update(self, restyle_data: dict | None = None, relayout_data: dict | None = None,
                      trace_indexes: list[int] | None = None) -> None:
        """Restyle and relayout the figure (plotly's ``Figure.plotly_update``), then send it."""
        self.figure.plotly_update(restyle_data=restyle_data, relayout_data=relayout_data,
                                  trace_indexes=trace_indexes)
        self._changed()

    @contextmanager
    def batch_update(self) -> Iterator[None]:
        """Change ``data``/``layout`` properties freely inside; the figure is sent once at the end."""
        with self.hold(), self.figure.batch_update():
            yield
        self._changed()

    def update_layout(self, *args: Any, **kwargs: Any) -> PlotView:
        self.figure.update_layout(*args, **kwargs)
        self._changed()
        return self

    def add_trace(self, trace: Any, **kwargs: Any) -> PlotView:
        check_traces([trace])
        self.figure.add_trace(trace, **kwargs)
        self._changed()
        return self

    def add_scatter(self, **kwargs: Any) -> PlotView:
        return self.add_trace(go.Scatter(**kwargs))

    def to_plotly_json(self) -> dict:
        """The figure as plotly's JSON dict (``go.Figure.to_plotly_json``)."""
        return self.figure.to_plotly_json()

    # -- sending --------------------------------------------------------------------------------------
    @contextmanager
    def hold(self) -> Iterator[None]:
        """Send the figure once when the outermost hold ends, however many updates happen inside."""
        self._held += 1
        try:
            yield
        finally:
            self._held -= 1
            if not self._held and self._dirty:
                self._send_figure()

    def _changed(self) -> None:
        self._dirty = True
        if not self._held:
            self._send_figure()

    def _send_figure(self) -> None:
        self._dirty = False
        check_traces(self.figure.data)
        data, template = figure_state(self.figure)
        with self.hold_sync():
            if template != self.template_json:
                self.template_json = template
            self.figure_json = data


def as_json(view: PlotView) -> dict:
    """The figure as the browser receives it (tests)."""
    return {**json.loads(view.figure_json), "template": json.loads(view.template_json)}
