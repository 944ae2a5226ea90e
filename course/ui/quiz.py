"""A small reusable quiz widget: one question per block, feedback per answer, running score."""

from __future__ import annotations

import html
from collections.abc import Sequence

import ipywidgets as widgets

from course.quizzes import Question

__all__ = ["quiz", "Quiz"]

_OK = '<div role="status" style="color:#005a41;padding:4px 0"><b>✔ Correct.</b> {}</div>'
_NO = '<div role="status" style="color:#9c3d00;padding:4px 0"><b>✘ Not quite.</b> {}</div>'


class Quiz(widgets.VBox):
    """Questions with radio-button answers; each "Check" shows the feedback of the chosen answer.

    ``answered`` maps question index → whether the last checked answer was right;
    ``score`` is the number of questions currently answered correctly.
    """

    def __init__(self, questions: Sequence[Question], title: str = "Check your understanding") -> None:
        if not questions:
            raise ValueError("questions must hold at least 1 question, got 0")
        self.questions = list(questions)
        self.answered: dict[int, bool] = {}
        self.choices: list[widgets.RadioButtons] = []
        self.buttons: list[widgets.Button] = []
        self.feedback: list[widgets.HTML] = []
        self.score_box = widgets.HTML()
        blocks: list[widgets.Widget] = [widgets.HTML(f"<h3>{html.escape(title)}</h3>")]
        for i, q in enumerate(self.questions):
            radio = widgets.RadioButtons(options=list(q.options), value=None, layout=widgets.Layout(width="auto"))
            button = widgets.Button(description="Check", tooltip=f"Check your answer to question {i + 1}")
            fb = widgets.HTML()
            button.on_click(lambda _b, i=i: self.check(i))
            self.choices.append(radio)
            self.buttons.append(button)
            self.feedback.append(fb)
            prompt = widgets.HTML(f"<p><b>Q{i + 1}.</b> {html.escape(q.prompt)}</p>")
            blocks.append(widgets.VBox([prompt, radio, button, fb], layout=widgets.Layout(margin="0 0 10px 0")))
        blocks.append(self.score_box)
        super().__init__(children=blocks)
        self._show_score()

    def check(self, i: int) -> bool | None:
        """Grade question ``i`` with the currently selected option; return whether it is right."""
        q = self.questions[i]
        choice = self.choices[i].index
        if choice is None:
            self.feedback[i].value = '<div role="status">Choose an answer first.</div>'
            return None
        right = choice == q.correct
        self.answered[i] = right
        self.feedback[i].value = (_OK if right else _NO).format(html.escape(q.feedback[choice]))
        self._show_score()
        return right

    @property
    def score(self) -> int:
        return sum(self.answered.values())

    def _show_score(self) -> None:
        self.score_box.value = (
            f"<p><b>Score:</b> {self.score} of {len(self.questions)} correct "
            f"({len(self.answered)} checked)</p>"
        )


def quiz(questions: Sequence[Question], title: str = "Check your understanding") -> Quiz:
    """Return a :class:`Quiz` widget for ``questions``."""
    return Quiz(questions, title)
