"""Building blocks shared by every explorer: labelled sliders, text alternatives, the Explorer box,
and the accessible names of the controls inside it (:class:`AccessibleNames`)."""

from __future__ import annotations

import html
from collections.abc import Callable, Mapping
from copy import deepcopy

import anywidget
import ipywidgets as widgets
import plotly.graph_objects as go

__all__ = [
    "Explorer", "unit_slider", "alt_text", "set_alt_text", "status_html", "signed", "LABEL_WIDTH", "CONTROL_WIDTH",
    "AccessibleNames", "A11Y_SCOPE",
]

#: Width of a control's label (long enough for a name plus its unit) and of the whole control row.
LABEL_WIDTH = "20em"
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
        layout=widgets.Layout(width=CONTROL_WIDTH),
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
    """HTML for a low/normal/high badge: the word is always shown, colour only supports it."""
    colours = {"low": ("#0072B2", "▼"), "normal": ("#009E73", "●"), "high": ("#D55E00", "▲")}
    colour, icon = colours.get(state, ("#444444", "■"))
    return (
        f'<span style="display:inline-block;min-width:11em">{html.escape(label)}: '
        f'<b style="color:{colour}">{icon} {html.escape(state)}</b></span>'
    )


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
    if (input.type === "hidden" || input.labels && input.labels.length
        || input.getAttribute("aria-label") || input.getAttribute("aria-labelledby")) continue;
    const widget = input.closest(".jupyter-widgets:not(.widget-container)");
    const label = widget ? description(widget) || question(widget) || tip(widget) : "";
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


class AccessibleNames(anywidget.AnyWidget):
    """An invisible widget that gives every control of its enclosing box an accessible name.

    Put it (once) into a box with one of the classes :data:`A11Y_SCOPE`; :class:`Explorer` does so
    itself. See ``_A11Y_ESM`` for what it names and how.
    """

    _esm = _A11Y_ESM % {"scope": str(list(A11Y_SCOPE)).replace("'", '"')}

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("layout", widgets.Layout(display="none"))
        super().__init__(**kwargs)


class Explorer(widgets.VBox):
    """An explorer: a VBox of controls and figures plus handles used by tests and benchmarks.

    Parameters
    ----------
    children
        The widgets to show, top to bottom.
    controls
        Name → value widget. Changing any of them runs ``update`` synchronously.
    figures
        Name → ``go.FigureWidget`` that ``update`` refreshes.
    update
        Callback that recomputes the model and updates the figures (inside
        ``batch_update()``). Called once at construction.
    """

    def __init__(
        self,
        children: list[widgets.Widget],
        controls: Mapping[str, widgets.ValueWidget],
        figures: Mapping[str, go.FigureWidget],
        update: Callable[[], None],
        **kwargs,
    ) -> None:
        #: names the sliders, radio groups and text boxes in the page (see AccessibleNames)
        self.accessible_names = AccessibleNames()
        super().__init__(children=[*children, self.accessible_names], **kwargs)
        self.add_class(A11Y_SCOPE[0])  # "course-explorer": also the stable hook for browser tests
        self.observe(self._keep_accessible_names, names="children")
        self.controls: dict[str, widgets.ValueWidget] = dict(controls)
        self.figures: dict[str, go.FigureWidget] = dict(figures)
        self._update = update
        for control in self.controls.values():
            control.observe(self._on_change, names="value")
        self._update()
        self.sync_figures()

    def _keep_accessible_names(self, change: dict) -> None:
        """A subclass or a notebook that replaces ``children`` keeps the naming widget (appended last)."""
        if self.accessible_names not in change["new"]:
            self.children = (*change["new"], self.accessible_names)

    def sync_figures(self) -> None:
        """Copy each figure's current traces and layout into its synced widget state.

        ``FigureWidget`` does this itself only when it is displayed on its own. Inside a
        container, traces added with ``add_*`` after construction reach the browser only as
        one-off messages, which Voilà drops when it restores widget state (seen with plotly
        7.1 / voila 0.5.13: an empty plot). Syncing the full state here makes the figure
        render with its data in JupyterLab and Voilà alike.
        """
        for fig in self.figures.values():
            fig._widget_layout = deepcopy(fig._layout_obj._props)
            fig._widget_data = deepcopy(fig._data)

    def _repr_mimebundle_(self, **kwargs):
        self.sync_figures()
        return super()._repr_mimebundle_(**kwargs)

    def _on_change(self, _change: dict) -> None:
        self._update()

    def refresh(self) -> None:
        """Recompute and redraw with the current control values."""
        self._update()
