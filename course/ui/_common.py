"""Building blocks shared by every explorer: labelled sliders, text alternatives, the Explorer box."""

from __future__ import annotations

import html
from collections.abc import Callable, Mapping
from copy import deepcopy

import ipywidgets as widgets
import plotly.graph_objects as go

__all__ = [
    "Explorer", "unit_slider", "alt_text", "set_alt_text", "status_html", "signed", "LABEL_WIDTH", "CONTROL_WIDTH"
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
        super().__init__(children=children, **kwargs)
        self.add_class("course-explorer")  # stable hook for browser tests
        self.controls: dict[str, widgets.ValueWidget] = dict(controls)
        self.figures: dict[str, go.FigureWidget] = dict(figures)
        self._update = update
        for control in self.controls.values():
            control.observe(self._on_change, names="value")
        self._update()
        self.sync_figures()

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
