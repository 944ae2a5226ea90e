"""Building blocks shared by every explorer: labelled sliders, text alternatives, the Explorer box,
and the accessible names of the controls inside it (:class:`AccessibleNames`)."""

from __future__ import annotations

import html
from collections.abc import Iterator, Mapping
from contextlib import ExitStack, contextmanager
from typing import Any, Generic, TypeVar

import anywidget
import ipywidgets as widgets
import numpy as np
import plotly.graph_objects as go

from course.ui.plot import PlotView
from course.widget_text import LIVE_HINT, live_text

__all__ = [
    "Explorer", "EXPLORER_PLOT_HEIGHT",
    "unit_slider", "alt_text", "set_alt_text", "status_html", "signed", "LABEL_WIDTH", "CONTROL_WIDTH",
    "AccessibleNames", "A11Y_SCOPE", "CourseStyle", "REFLOW_CSS", "REFLOW_BOXES",
    "PlotView", "push_traces", "FriendlyRepr", "LiveBox", "live_text",
    "LIVE_HINT",
]

#: Width of a control's label (long enough for a name plus its unit) and of the whole control row.
LABEL_WIDTH = "20em"
#: height (px) of an explorer plot that sits right under a long control panel: controls and that plot fit one
#: 1366 × 768 screen together (COURSE_SPEC V3.6; measured in tests/browser/test_voila.py)
EXPLORER_PLOT_HEIGHT = 250
CONTROL_WIDTH = "42em"
_LABEL_STYLE = {"description_width": LABEL_WIDTH}


def unit_slider(
    label: str,
    unit: str,
    min: float,
    max: float,
    step: float,
    value: float,
    *,
    normal: tuple[float, float] | None = None,
    readout_format: str = ".2f",
    integer: bool = False,
) -> widgets.FloatSlider | widgets.IntSlider:
    """A slider whose label carries its physical unit and, if given, the normal range.

    ``continuous_update`` is on: the model answers inside one frame, so the plot
    follows the handle while it is dragged. Keyboard: focus the handle and use the
    arrow keys.
    """
    desc = f"{label} ({unit})" if unit else label
    tooltip = desc
    if normal is not None:
        tooltip = f"{desc}; normal range {normal[0]:g}–{normal[1]:g} {unit}".rstrip()
    common = dict(
        value=value,
        min=min,
        max=max,
        step=step,
        description=desc,
        tooltip=tooltip,
        continuous_update=True,
        style=_LABEL_STYLE,
        layout=widgets.Layout(width=CONTROL_WIDTH),  # at most the box's width (REFLOW_CSS)
    )
    if integer:
        return widgets.IntSlider(**common)
    return widgets.FloatSlider(readout_format=readout_format, **common)


def alt_text(text: str = "") -> widgets.HTML:
    """A text alternative shown beside a figure (screen readers read it; so can everyone)."""
    box = widgets.HTML()
    set_alt_text(box, text)
    return box


def set_alt_text(box: widgets.HTML, text: str) -> None:
    """Replace the sentence in a text-alternative box made by :func:`alt_text`."""
    box.value = (
        '<p role="note" style="margin:2px 0 8px 0;color:#222;font-size:13px">'
        f"<b>In words:</b> {html.escape(text)}</p>"
    )


def signed(x: float, digits: int = 1) -> str:
    """``+1.2`` / ``−1.2`` with a true minus sign, rounded to ``digits``, and never ``−0.0``."""
    x = round(float(x), digits) + 0.0
    return f"{x:+.{digits}f}".replace("-", "−")


def status_html(label: str, state: str) -> str:
    """HTML for a low/normal/high badge: the word is always shown, colour only supports it.

    Text colours are the Okabe–Ito hues darkened until they reach WCAG's 4.5:1 on white (blue 5.2, green
    #009E73 3.4 → #00785A 5.5, vermilion #D55E00 3.9 → #B34700 5.5; axe-core flagged the light ones).
    """
    colours = {"low": ("#0072B2", "▼"), "normal": ("#00785A", "●"), "high": ("#B34700", "▲")}
    colour, icon = colours.get(state, ("#444444", "■"))
    return (
        f'<span style="display:inline-block;min-width:11em">{html.escape(label)}: '
        f'<b style="color:{colour}">{icon} {html.escape(state)}</b></span>'
    )


class FriendlyRepr:
    """Mixin for a widget class: its ``text/plain`` (what a saved notebook shows before Run All, and what
    JupyterLab shows when the widget model is gone) is a friendly line, never ``Explorer(children=(…``."""

    live_what = "Interactive explorer"
    live_noun = "explorer"

    def _repr_mimebundle_(self, **kwargs: Any) -> dict[str, Any] | None:
        bundle = super()._repr_mimebundle_(**kwargs)  # type: ignore[misc]
        if bundle is not None:
            bundle["text/plain"] = live_text(self.live_what, self.live_noun)
        return bundle

    def __repr__(self) -> str:
        return f"<{type(self).__name__}: {live_text(self.live_what, self.live_noun)}>"


class LiveBox(FriendlyRepr, widgets.VBox):
    """A ``VBox`` with the friendly text of :class:`FriendlyRepr` (``what``/``noun`` set per box)."""

    def __init__(self, children: Any = (), *, what: str = "Interactive exercise", noun: str = "exercise",
                 **kwargs: Any) -> None:
        super().__init__(children, **kwargs)
        self.live_what, self.live_noun = what, noun


#: CSS classes of the boxes whose controls :class:`AccessibleNames` names (``Quiz`` uses the second).
A11Y_SCOPE = ("course-explorer", "course-quiz")

# Browser side of AccessibleNames. ipywidgets 8.1 gives a slider's noUiSlider handle (role="slider")
# no name, so a screen reader says only "slider, 4"; the visible description (which carries the unit)
# is a <label> tied to nothing. This names each control from the text a sighted reader sees:
#   slider handle   aria-label = description ("Extracellular K⁺ (mM)"),
#                   aria-valuetext = readout + unit ("4.0 mM"), kept current as the value moves;
#   radio group     role="radiogroup" + aria-label = description, or the question shown just above it;
#   text/number box, drop-down, any other input without a <label>: aria-label = description.
# It runs in the page (JupyterLab and Voilà alike: anywidget is a federated lab extension both load,
# the one plotly's FigureWidget needs) and watches its box with a MutationObserver, because widget
# views render one after another and noUiSlider rewrites aria-valuetext on every move.
_A11Y_ESM = r"""
const SCOPE = %(scope)s;
const text = (node) => (node ? node.textContent : "").replace(/\s+/g, " ").trim();
const set = (node, attr, value) => {
  if (value && node.getAttribute(attr) !== value) node.setAttribute(attr, value);
};
// a tooltip (ipywidgets writes the string "null" when there is none)
const tip = (node) => {
  const t = (node && node.title || "").trim();
  return t === "null" ? "" : t;
};
// the visible description of a control (its tooltip when the description is empty)
function description(widget) {
  const label = widget.querySelector(":scope > .widget-label");
  return text(label) || tip(label);
}
// a control with no description: the question printed just above it (quiz and self-check radios),
// also when the control is the first one in a row of its own
function question(widget) {
  let node = widget;
  while (node && !node.previousElementSibling && node.parentElement
         && !SCOPE.some((c) => node.parentElement.classList.contains(c))) node = node.parentElement;
  const prev = node && node.previousElementSibling;
  return prev && prev.classList.contains("widget-html") ? text(prev) : "";
}
function unit(label) {
  const m = /\(([^()]+)\)\s*$/.exec(label);
  return m ? m[1].trim() : "";
}
function nameSliders(scope) {
  for (const slider of scope.querySelectorAll(".widget-slider")) {
    const label = description(slider) || question(slider);
    if (!label) continue;
    const handles = slider.querySelectorAll(".noUi-handle");
    const readout = handles.length === 1 ? text(slider.querySelector(".widget-readout")) : "";
    handles.forEach((handle, i) => {
      set(handle, "aria-label", handles.length === 1 ? label : `${label}, ${i ? "upper" : "lower"} end`);
      const value = readout || handle.getAttribute("aria-valuenow") || "";
      set(handle, "aria-valuetext", unit(label) ? `${value} ${unit(label)}` : value);
    });
  }
}
function nameGroups(scope) {
  for (const widget of scope.querySelectorAll(".widget-radio")) {
    const box = widget.querySelector(".widget-radio-box");
    const label = description(widget) || question(widget);
    if (!box || !label) continue;
    set(box, "role", "radiogroup");
    set(box, "aria-label", label);
  }
}
function nameInputs(scope) {
  for (const input of scope.querySelectorAll("input, select, textarea")) {
    // a wrapping <label> counts only if it has text (a check box with an empty description has an empty one)
    const labelled = input.labels && Array.from(input.labels).some((l) => text(l));
    if (input.type === "hidden" || labelled
        || input.getAttribute("aria-label") || input.getAttribute("aria-labelledby")) continue;
    const widget = input.closest(".jupyter-widgets:not(.widget-container)");
    const label = (widget ? description(widget) || question(widget) || tip(widget) : "") || tip(input);
    set(input, "aria-label", label);
  }
}
function nameAll(scope) {
  nameSliders(scope);
  nameGroups(scope);
  nameInputs(scope);
}
export default {
  render({ el }) {
    el.classList.add("course-accessible-names");
    let observer = null;
    let timer = 0;
    const attach = () => {
      // the view is rendered before it is put into its box: wait (as long as it takes) until it is
      // inside its box; a box without one of the SCOPE classes is named all the same
      const scope = el.closest(SCOPE.map((c) => "." + c).join(", ")) || (el.isConnected && el.parentElement);
      if (!scope) {
        timer = setTimeout(attach, 50);
        return;
      }
      nameAll(scope);
      scope.dataset.courseNames = "on";  // tells tests that the box is being named
      observer = new MutationObserver(() => nameAll(scope));
      observer.observe(scope, {
        subtree: true, childList: true, characterData: true, attributes: true,
        attributeFilter: ["aria-valuenow", "aria-valuetext", "aria-label", "title"],
      });
    };
    attach();
    return () => {
      clearTimeout(timer);
      if (observer) observer.disconnect();
    };
  },
};
"""


#: CSS classes of the course's boxes that :data:`REFLOW_CSS` lays out (explorers, the self-check form, quizzes,
#: predict boxes, own-words boxes, questions to explore, "Download my work")
REFLOW_BOXES = ("course-explorer", "course-quiz", "course-predict", "course-explain", "course-tasks", "course-record")
_IN_BOX = ":is(" + ", ".join("." + c for c in REFLOW_BOXES) + ")"

#: The course's reflow stylesheet (WCAG 2.2 SC 1.4.10; measured at a 390 px phone width and at 200 % zoom in
#: JupyterLab and Voilà by ``tests/browser/reflow.py``). ipywidgets 8 lays a control out on one line of fixed
#: widths (a 20em label, then the slider or menu) and gives a radio option one 24 px line: in a narrow output a
#: slider ran 270 px past its box and long quiz options were written over each other. Inside the course's boxes:
#: a control row (label + slider, menu or text box) wraps (the control goes under its label when both do
#: not fit) and grows to hold both lines; no row is wider than its box (its margins included);
#: radio options and check-box descriptions wrap and their boxes grow with them (a radio button stays in front of
#: its option's first line: ipywidgets floats it after the text); buttons never outgrow the box.
REFLOW_CSS = f"""
{_IN_BOX} .widget-inline-hbox {{ max-width: calc(100% - 2 * var(--jp-widgets-margin, 2px)); }}
{_IN_BOX} :is(.widget-slider, .widget-dropdown, .widget-text) {{
  flex-wrap: wrap; height: auto; min-height: var(--jp-widgets-inline-height, 28px);
}}
{_IN_BOX} .widget-radio-box label {{
  display: flex; align-items: flex-start; height: auto; min-height: var(--jp-widgets-radio-item-height, 24px);
  line-height: 1.35; padding: 2px 0; white-space: normal; overflow-wrap: anywhere;
}}
{_IN_BOX} .widget-radio-box input {{ order: -1; float: none; flex: 0 0 auto; height: 1.35em; margin-top: 0; }}
{_IN_BOX} .widget-checkbox {{ height: auto; }}
{_IN_BOX} .widget-checkbox .widget-label-basic {{ white-space: normal; overflow-wrap: anywhere; line-height: 1.35; }}
{_IN_BOX} .jupyter-button {{ max-width: 100%; }}
"""


class CourseStyle(widgets.HTML):
    """A hidden ``HTML`` widget whose ``<style>`` element holds :data:`REFLOW_CSS` (a style element applies to the
    whole page from inside a hidden box; a plain HTML widget, so no anywidget module has to initialise). Each
    course box that has no :class:`AccessibleNames` (which carries the same stylesheet as its ``_css``) holds one,
    so a box never depends on another box having loaded it."""

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("layout", widgets.Layout(display="none"))
        super().__init__(value=f"<style>{REFLOW_CSS}</style>", **kwargs)
        self.add_class("course-style")


class AccessibleNames(anywidget.AnyWidget):
    """An invisible widget that gives every control of its enclosing box an accessible name.

    Put it (once) into a box with one of the classes :data:`A11Y_SCOPE`; :class:`Explorer` does so
    itself. See ``_A11Y_ESM`` for what it names and how. It also carries :data:`REFLOW_CSS` (see
    :class:`CourseStyle`), so every explorer and quiz lays out for a narrow screen.
    """

    _esm = _A11Y_ESM % {"scope": str(list(A11Y_SCOPE)).replace("'", '"')}
    _css = REFLOW_CSS

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("layout", widgets.Layout(display="none"))
        super().__init__(**kwargs)


#: an explorer's frozen inputs dataclass and its view dataclass (``Explorer[Inputs, View]``)
I = TypeVar("I")  # noqa: E741 - the conventional name pair I → V of the template
V = TypeVar("V")


class Explorer(FriendlyRepr, widgets.VBox, Generic[I, V]):
    """The template every explorer follows: controls → ``read`` → pure ``compute`` → thin ``render``.

    A subclass names its parts; the base wires them together (``jupyter-widgets`` tutorial's model/GUI split):

    ``make_controls()``
        Name → value widget (sliders with units, drop-downs, toggles). Called once.
    ``read()``
        The current control values as a small frozen *inputs* dataclass (the only place that reads widgets).
    ``compute(inputs)``
        **Pure**: models and numpy only, no widgets. Returns a *view* dataclass of arrays and strings
        (figure data, status HTML, text alternatives), so it is unit-tested without a browser or widgets.
    ``make_figures(view)``
        Name → static ``go.Figure`` from :mod:`course.figures`, drawn for the first view. Each is shown by a
        :class:`course.ui.plot.PlotView` (one copy of plotly.js per page, not one per figure as with plotly's
        ``FigureWidget``), whose synced state is always the current figure (which Voilà restores).
    ``make_texts()``
        Name → ``widgets.HTML`` box (status, text alternative of each figure). Optional.
    ``arrange()``
        The widgets to show, top to bottom (controls, figures and texts are attributes by then).
    ``render(view)``
        Copies the view into the figures (:func:`push_traces`: one ``plotly_update`` per group of traces) and the
        text boxes. No model code. Each figure is sent to the browser once per render, however many updates.
    ``on_change(name, change)``
        Optional: keep linked controls consistent (e.g. a preset menu that moves sliders) before the
        explorer recomputes. Changes made under :meth:`hold` do not recompute one by one.

    Every control change runs ``on_change`` and then one ``refresh`` (``read → compute → render``), so
    behaviour never depends on the order in which observers were registered. ``explorer.view`` is the
    last view rendered; ``explorer.controls``, ``explorer.figures`` and ``explorer.texts`` are the handles
    that tests, benchmarks and notebooks use.
    """

    def __init__(self, **kwargs) -> None:
        self._held = 0
        self.controls: dict[str, widgets.ValueWidget] = dict(self.make_controls())
        self.view = self.compute(self.read())
        self.figures: dict[str, PlotView] = {name: PlotView(fig) for name, fig in self.make_figures(self.view).items()}
        self.texts: dict[str, widgets.HTML] = dict(self.make_texts())
        #: names the sliders, radio groups and text boxes in the page (see AccessibleNames)
        self.accessible_names = AccessibleNames()
        super().__init__(children=[*self.arrange(), self.accessible_names], **kwargs)
        self.add_class(A11Y_SCOPE[0])  # "course-explorer": also the stable hook for browser tests
        # how many plots a page must draw for this explorer: browser tests wait on this, not on a timer
        self.add_class(f"course-figures-{len(self.figures)}")
        self.observe(self._keep_accessible_names, names="children")
        self._render(self.view)
        for name, control in self.controls.items():
            control.observe(lambda change, name=name: self._on_control(name, change), names="value")

    # -- the parts a subclass provides ------------------------------------------------------------------
    def make_controls(self) -> Mapping[str, widgets.ValueWidget]:
        raise NotImplementedError

    def read(self) -> I:
        raise NotImplementedError

    @staticmethod
    def compute(inputs: I) -> V:
        raise NotImplementedError

    def make_figures(self, view: V) -> Mapping[str, go.Figure]:
        return {}

    def make_texts(self) -> Mapping[str, widgets.HTML]:
        return {}

    def arrange(self) -> list[widgets.Widget]:
        raise NotImplementedError

    def render(self, view: V) -> None:
        raise NotImplementedError

    def on_change(self, name: str, change: dict) -> None:
        """Hook for linked controls; the default does nothing."""

    # -- wiring ---------------------------------------------------------------------------------------
    def _on_control(self, name: str, change: dict) -> None:
        if self._held:
            return
        self.on_change(name, change)
        self.refresh()

    @contextmanager
    def hold(self) -> Iterator[None]:
        """Set several controls at once: no recompute per change (the caller refreshes once after)."""
        self._held += 1
        try:
            yield
        finally:
            self._held -= 1

    def refresh(self) -> None:
        """Recompute from the current control values and redraw."""
        if self._held:
            return
        self.view = self.compute(self.read())
        self._render(self.view)

    def _render(self, view: V) -> None:
        """``render``, with every figure sent once at the end (not once per ``push_traces``), the figures first
        and in their order (the first is the explorer's main plot), then the texts: the browser starts drawing
        before it lays out the words (a move's figure message waited behind its texts' messages)."""
        with ExitStack() as stack:  # exits in reverse: figure 0 … n, then the texts
            for text in self.texts.values():
                stack.enter_context(text.hold_sync())
            for fig in reversed(list(self.figures.values())):
                stack.enter_context(fig.hold())
            self.render(view)

    def _keep_accessible_names(self, change: dict) -> None:
        """A subclass or a notebook that replaces ``children`` keeps the naming widget (appended last)."""
        if self.accessible_names not in change["new"]:
            self.children = (*change["new"], self.accessible_names)


def push_traces(
    fig: PlotView | go.Figure, order: tuple[str, ...], relayout: Mapping[str, Any] | None = None,
    **props: Mapping[str, Any],
) -> None:
    """Set trace properties (and layout) of ``fig`` in one ``plotly_update`` message: the fast route of ``render``.

    ``props`` maps a trace property to {trace name → value}, all over the same traces; a trace's position is
    its place in ``order`` (the figure's ``*_TRACES`` tuple in :mod:`course.figures`). ``relayout`` maps
    layout paths (``"yaxis.range"``) to values. The values are clean numpy arrays and strings from a view,
    so plotly's per-property validation, which setting ``fig.data[i].y`` inside ``batch_update()`` runs
    (several times the cost of the update itself), is not needed. A :class:`PlotView` then sends its figure
    (at once, or when the explorer's render ends).
    """
    names = list(next(iter(props.values())))
    for prop, values in props.items():
        if list(values) != names:
            raise ValueError(f"push_traces: property {prop!r} is given for {list(values)}, expected {names}")
    fig.plotly_update(
        restyle_data={prop: [_contiguous(values[name]) for name in names] for prop, values in props.items()},
        relayout_data=dict(relayout) if relayout else None, trace_indexes=[order.index(name) for name in names],
    )


def _contiguous(value: Any) -> Any:
    """Arrays go to the browser as binary buffers, which must be C-contiguous (a strided view such as ``a[::2]``
    is not); plotly's validation, skipped by :func:`push_traces`, would have copied it."""
    return np.ascontiguousarray(value) if isinstance(value, np.ndarray) else value
