"""Knowledge-check widgets: multiple-choice quizzes, "explain in your own words", explorer tasks.

:func:`quiz` shows each question's options in its fixed shuffled order
(:attr:`course.quizzes.Question.display_order`); ``choices`` are its radio groups in the order shown,
so ``choices[i].index`` is a *shown* position. :func:`explain` asks for a short written answer and
reveals the model answer once something has been written. :func:`task_list` shows open explorer
questions with their answers behind a click.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

import ipywidgets as widgets

from course.quizzes import Explain, Question, Task
from course.ui._common import AccessibleNames

__all__ = ["quiz", "Quiz", "explain", "ExplainBox", "task_list", "TaskList"]

_OK = '<div role="status" style="color:#005a41;padding:4px 0"><b>✔ Correct.</b> {}</div>'
_NO = '<div role="status" style="color:#9c3d00;padding:4px 0"><b>✘ Not quite.</b> {}</div>'
_KIND_LABEL = {"recall": "", "prediction": " (predict)", "application": " (apply)"}


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
            radio = widgets.RadioButtons(
                options=[q.options[j] for j in q.display_order], value=None, layout=widgets.Layout(width="auto"),
            )
            radio.add_class("course-quiz-choices")
            button = widgets.Button(description="Check", tooltip=f"Check your answer to question {i + 1}")
            fb = widgets.HTML()
            button.on_click(lambda _b, i=i: self.check(i))
            self.choices.append(radio)
            self.buttons.append(button)
            self.feedback.append(fb)
            prompt = widgets.HTML(f"<p><b>Q{i + 1}{_KIND_LABEL[q.kind]}.</b> {html.escape(q.prompt)}</p>")
            blocks.append(widgets.VBox([prompt, radio, button, fb], layout=widgets.Layout(margin="0 0 10px 0")))
        blocks.append(self.score_box)
        super().__init__(children=[*blocks, AccessibleNames()])  # names each radio group by its prompt
        self.add_class("course-quiz")
        self._show_score()

    def check(self, i: int) -> bool | None:
        """Grade question ``i`` with the currently selected option; return whether it is right."""
        q = self.questions[i]
        shown = self.choices[i].index
        if shown is None:
            self.feedback[i].value = '<div role="status">Choose an answer first.</div>'
            return None
        choice = q.display_order[shown]
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
            f"<p><b>Score:</b> {self.score} of {len(self.questions)} correct ({len(self.answered)} checked)</p>"
        )


def quiz(questions: Sequence[Question], title: str = "Check your understanding") -> Quiz:
    """Return a :class:`Quiz` widget for ``questions``."""
    return Quiz(questions, title)


class ExplainBox(widgets.VBox):
    """Write an answer in your own words; the model answer appears once something is written."""

    def __init__(self, item: Explain) -> None:
        self.item = item
        self.answer = widgets.Textarea(
            placeholder="Write two or three sentences in your own words…",
            layout=widgets.Layout(width="100%", height="6em"),
            description="your answer",
        )
        self.reveal_button = widgets.Button(description="Show a model answer", tooltip="Compare with a model answer")
        self.model_html = widgets.HTML()
        self.reveal_button.on_click(lambda _b: self.reveal())
        super().__init__([
            widgets.HTML(f"<p><b>In your own words.</b> {html.escape(item.prompt)}</p>"),
            self.answer, self.reveal_button, self.model_html,
        ])
        self.add_class("course-explain")

    def reveal(self) -> bool:
        """Show the model answer if an answer has been written; return whether it was shown."""
        if not self.answer.value.strip():
            self.model_html.value = '<div role="status">Write your own answer first, then compare.</div>'
            return False
        self.model_html.value = (
            f'<div role="status" style="border-left:4px solid #0072B2;padding:4px 8px">'
            f"<b>A model answer:</b> {html.escape(self.item.model_answer)}</div>"
        )
        return True


def explain(items: Sequence[Explain]) -> widgets.VBox:
    """One :class:`ExplainBox` per prompt."""
    if not items:
        raise ValueError("items must hold at least 1 prompt, got 0")
    return widgets.VBox([ExplainBox(i) for i in items])


class TaskList(widgets.VBox):
    """Open questions to answer with an explorer; each answer is behind its own button."""

    def __init__(self, items: Sequence[Task], title: str = "Questions to explore") -> None:
        if not items:
            raise ValueError("items must hold at least 1 task, got 0")
        self.items = list(items)
        self.buttons: list[widgets.Button] = []
        self.answers: list[widgets.HTML] = []
        rows: list[widgets.Widget] = [widgets.HTML(f"<h3>{html.escape(title)}</h3>")]
        for i, t in enumerate(self.items):
            button = widgets.Button(description="Show answer", tooltip=f"Show the answer to question {i + 1}")
            out = widgets.HTML()
            button.on_click(lambda _b, i=i: self.reveal(i))
            self.buttons.append(button)
            self.answers.append(out)
            rows.append(widgets.VBox([widgets.HTML(f"<p><b>{i + 1}.</b> {html.escape(t.prompt)}</p>"), button, out]))
        super().__init__(rows)
        self.add_class("course-tasks")

    def reveal(self, i: int) -> None:
        self.answers[i].value = (
            f'<div role="status" style="border-left:4px solid #009E73;padding:4px 8px">'
            f"{html.escape(self.items[i].answer)}</div>"
        )


def task_list(items: Sequence[Task], title: str = "Questions to explore") -> TaskList:
    """A :class:`TaskList` widget."""
    return TaskList(items, title)
