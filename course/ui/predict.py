"""Predict → observe → explain: commit a prediction, then see the model's answer, then the explanation.

:func:`predict` builds a :class:`Predict` widget for one entry of :data:`course.predictions.PREDICTIONS`.
The student picks an option or types a number (with its unit and allowed range) and presses
**Commit my prediction**; only then is the model run (:attr:`~course.predictions.Prediction.observe`)
and its answer shown — computed, never typed in — followed by the explanation. The prediction stays
visible beside the model's answer so the two can be compared.
"""

from __future__ import annotations

import html
import io
from collections.abc import Iterator
from contextlib import contextmanager, redirect_stdout
from typing import Any

import ipywidgets as widgets
from IPython.display import display

from course import record
from course.predictions import PREDICTIONS, Observation, Prediction, topic_of
from course.ui._common import CourseStyle, FriendlyRepr, LiveBox

__all__ = ["predict", "Predict"]
__all__ = ["predict", "Predict", "append_figure"]

class Predict(FriendlyRepr, widgets.VBox):
    """One predict → observe → explain block (handles: ``answer``, ``commit_button``, ``result_html``)."""

    live_what, live_noun = "Predict first", "prediction"

    def __init__(self, item: Prediction) -> None:
        self.item = item
        self.observation: Observation | None = None
        if item.choices:
            self.answer: widgets.ValueWidget = widgets.RadioButtons(
                options=list(item.choices), value=None, layout=widgets.Layout(width="auto"),
            )
        else:
            lo, hi = item.bounds  # type: ignore[misc]
            self.answer = widgets.Text(
                value="", placeholder=f"{item.unit}, {lo:g} to {hi:g}",
                description=f"your prediction ({item.unit})", style={"description_width": "initial"},
            )
        self.answer.add_class("course-predict-answer")
        self.commit_button = widgets.Button(
            description="Commit my prediction", icon="lock", tooltip="Lock your prediction, then see the model",
            layout=widgets.Layout(width="auto"),
        )
        self.commit_button.add_class("course-predict-commit")
        self.commit_button.on_click(lambda _b: self.commit())
        self.result_html = widgets.HTML()
        self._gates: list[tuple[widgets.Box, widgets.Output]] = []
        super().__init__([
            widgets.HTML(f"<p><b>Predict first.</b> {html.escape(item.prompt)}</p>"),
            self.answer, self.commit_button, self.result_html, CourseStyle(),
        ], layout=widgets.Layout(border="2px solid #0072B2", padding="6px 10px", margin="6px 0"))
        self.add_class("course-predict")

    def _read(self) -> tuple[str, float | int]:
        """The prediction as (words, value); ``ValueError`` with a message if there is none or it is bad."""
        item = self.item
        if item.choices:
            if self.answer.index is None:
                raise ValueError("choose one option first")
            return item.choices[self.answer.index], self.answer.index
        lo, hi = item.bounds  # type: ignore[misc]
        text = self.answer.value.strip().replace(",", ".").replace("−", "-")
        try:
            x = float(text)
        except ValueError:
            raise ValueError(f"type a number of {item.unit} from {lo:g} to {hi:g}") from None
        if not lo <= x <= hi:
            raise ValueError(f"{x:g} {item.unit} is outside the range {lo:g} to {hi:g} {item.unit}")
        return f"{x:g} {item.unit}", x

    def commit(self) -> Observation | None:
        """Lock the prediction, run the model and show its answer and the explanation."""
        try:
            words, value = self._read()
        except ValueError as exc:
            self.result_html.value = f'<div role="alert">⚠ {html.escape(str(exc))}</div>'
            return None
        self.observation = obs = self.item.observe()
        self.answer.disabled = True
        self.commit_button.disabled = True
        right: bool | None = None
        if obs.choice is not None and isinstance(value, int):
            right = value == obs.choice
        elif obs.value is not None:  # within 10 % of the model's value (or 1 unit near zero) counts as right
            right = abs(float(value) - obs.value) <= max(0.1 * abs(obs.value), 1.0)
        try:
            record.append("prediction", topic_of(self.item.key), self.item.key,
                          {"answer": words, "value": value, "correct": right})
        except OSError:  # pragma: no cover - read-only home, full disk: never break the lesson
            pass
        verdict = ""
        if obs.choice is not None and isinstance(value, int):
            verdict = " — the same as the model." if value == obs.choice else " — the model says otherwise."
        elif obs.value is not None:
            verdict = f" — the model gives {obs.value:.3g} {self.item.unit}."
        self.result_html.value = (
            f'<div role="status"><p><b>Your prediction:</b> {html.escape(words)}{html.escape(verdict)}</p>'
            f'<p><b>What the model shows:</b> {html.escape(obs.text)}</p>'
            f'<p style="border-left:4px solid #009E73;padding-left:8px"><b>Why:</b> '
            f"{html.escape(self.item.explanation)}</p></div>"
        )
        for gate, out in self._gates:
            gate.children = [out]
        return obs

    @contextmanager
    def after_commit(self) -> Iterator[widgets.Output]:
        """Show what the ``with`` block displays only once the prediction is committed.

        In a notebook: ``with p.after_commit() as out: print(table); append_figure(out, fig)`` in the
        cell below the prediction. The block runs at once (its printed text and the figures handed to
        ``out`` are captured in the kernel), but the student sees a locked box until they commit, so no
        stored or fresh output gives the answer away (COURSE_SPEC V3.5, "commit before reveal").
        """
        out = widgets.Output()
        buffer = io.StringIO()
        with redirect_stdout(buffer):
            yield out
        if buffer.getvalue():
            out.append_stdout(buffer.getvalue())
        locked = widgets.HTML(
            '<div role="status" style="color:#555;border:1px dashed #999;padding:4px 8px">🔒 Commit your '
            "prediction above to see this result.</div>"
        )
        gate = LiveBox([out] if self.observation is not None else [locked], what="Result of a prediction",
                       noun="prediction (commit it first)")
        gate.add_class("course-after-commit")
        self._gates.append((gate, out))
        display(gate)


def append_figure(out: widgets.Output, fig: Any) -> None:
    """Hand a plotly figure to an :meth:`Predict.after_commit` box so it shows only after the commit.

    ``Output.append_display_data(fig)`` would display a plotly figure at once (IPython's formatter calls the
    figure's ``_ipython_display_``), outside the locked box; this appends the figure's mime bundle (rounded
    by the course renderer) to the box instead.
    """
    bundle = fig._repr_mimebundle_()
    out.outputs += ({"output_type": "display_data", "data": bundle, "metadata": {}},)


def predict(key: str) -> Predict:
    """The predict → observe → explain widget for ``key`` (a key of :data:`course.predictions.PREDICTIONS`)."""
    if key not in PREDICTIONS:
        raise ValueError(f"key={key!r} is not valid; choose one of: " + ", ".join(map(repr, PREDICTIONS)))
    return Predict(PREDICTIONS[key])
