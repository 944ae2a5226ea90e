"""Knowledge-check widgets: multiple-choice quizzes, "explain in your own words", explorer tasks.

:func:`quiz` shows each question's options in its fixed shuffled order
(:attr:`course.quizzes.Question.display_order`); ``choices`` are its radio groups in the order shown,
so ``choices[i].index`` is a *shown* position. Scoring counts **first tries** (COURSE_SPEC V3.5): the
first Check of a question locks its score; later tries still show the feedback of the chosen option
but never change the score. :func:`explain` opens the model answer only after at least
:data:`MIN_OWN_WORDS` words of the student's own; :func:`task_list` opens a task's answer only after a
typed attempt. Each first answer, attempt and text is appended to the student record
(:mod:`course.record`).
"""

from __future__ import annotations

import html
from collections.abc import Sequence

import ipywidgets as widgets

from course import record
from course.quizzes import Explain, Question, Task
from course.ui._common import AccessibleNames, CourseStyle, FriendlyRepr, LiveBox

__all__ = ["quiz", "Quiz", "explain", "ExplainBox", "task_list", "TaskList", "MIN_OWN_WORDS", "MIN_ATTEMPT_WORDS"]

#: Words an own-words answer needs before the model answer opens (COURSE_SPEC V3.5).
MIN_OWN_WORDS = 15
#: Words a task attempt needs before its answer opens.
MIN_ATTEMPT_WORDS = 3


def _words(text: str) -> int:
    return len(text.split())


def _safe_append(*args, **kwargs) -> None:  # noqa: ANN002, ANN003
    """Append to the student record; a file-system problem must never break the lesson."""
    try:
        record.append(*args, **kwargs)
    except OSError:  # pragma: no cover - read-only home, full disk
        pass

_OK = '<div role="status" style="color:#005a41;padding:4px 0"><b>✔ Correct.</b> {}</div>'
_NO = '<div role="status" style="color:#9c3d00;padding:4px 0"><b>✘ Not quite.</b> {}</div>'
_KIND_LABEL = {"recall": "", "prediction": " (predict)", "application": " (apply)", "transfer": " (new case)"}


class Quiz(FriendlyRepr, widgets.VBox):
    """Questions with radio-button answers; each "Check" shows the feedback of the chosen answer.

    ``first_try`` maps question index → whether the *first* checked answer was right (locked once set);
    ``answered`` maps question index → whether the last checked answer was right; ``score`` is the
    number of questions right at the first try.
    """

    live_what, live_noun = "Knowledge check", "quiz"

    def __init__(self, questions: Sequence[Question], title: str = "Check your understanding") -> None:
        if not questions:
            raise ValueError("questions must hold at least 1 question, got 0")
        self.questions = list(questions)
        self.answered: dict[int, bool] = {}
        self.first_try: dict[int, bool] = {}
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
        note = ""
        if i not in self.first_try:
            self.first_try[i] = right
            _safe_append("quiz", q.topic, q.qid, {"choice": choice, "correct": right, "options": len(q.options)})
        else:
            note = " <i>(a later try: your first answer is the one that counts)</i>"
        self.feedback[i].value = (_OK if right else _NO).format(html.escape(q.feedback[choice]) + note)
        self._show_score()
        return right

    @property
    def score(self) -> int:
        """Questions right at the first try."""
        return sum(self.first_try.values())

    def _show_score(self) -> None:
        self.score_box.value = (
            f"<p><b>First try:</b> {self.score} of {len(self.questions)} "
            f"({len(self.first_try)} answered; later tries give feedback but do not change this score)</p>"
        )


def quiz(questions: Sequence[Question], title: str = "Check your understanding") -> Quiz:
    """Return a :class:`Quiz` widget for ``questions``."""
    return Quiz(questions, title)


class ExplainBox(FriendlyRepr, widgets.VBox):
    """Write an answer in your own words; the model answer opens after :data:`MIN_OWN_WORDS` words."""

    live_what, live_noun = "Explain in your own words", "exercise"

    def __init__(self, item: Explain) -> None:
        self.item = item
        self.answer = widgets.Textarea(
            placeholder=f"Write two or three sentences in your own words (at least {MIN_OWN_WORDS} words)…",
            layout=widgets.Layout(width="100%", height="6em"),
            description="your answer", style={"description_width": "initial"},
        )
        self.reveal_button = widgets.Button(description="Show a model answer", tooltip="Compare with a model answer",
                                            layout=widgets.Layout(width="auto"))  # the default 148 px cut it
        self.model_html = widgets.HTML()
        self.reveal_button.on_click(lambda _b: self.reveal())
        super().__init__([
            widgets.HTML(f"<p><b>In your own words.</b> {html.escape(item.prompt)}</p>"),
            self.answer, self.reveal_button, self.model_html, CourseStyle(),
        ])
        self.add_class("course-explain")

    def reveal(self) -> bool:
        """Show the model answer if at least :data:`MIN_OWN_WORDS` words are written; return whether it was shown."""
        n = _words(self.answer.value)
        if n < MIN_OWN_WORDS:
            self.model_html.value = (
                f'<div role="status">Write your own answer first, then compare: at least {MIN_OWN_WORDS} words '
                f"({n} so far).</div>"
            )
            return False
        topic = getattr(self.item, "topic", "")
        _safe_append("explain", topic, _item_id(topic, self.item.prompt), {"text": self.answer.value})
        self.answer.disabled = True
        self.model_html.value = (
            f'<div role="status" style="border-left:4px solid #0072B2;padding:4px 8px">'
            f"<b>A model answer:</b> {html.escape(self.item.model_answer)}</div>"
        )
        return True


def explain(items: Sequence[Explain]) -> widgets.VBox:
    """One :class:`ExplainBox` per prompt."""
    if not items:
        raise ValueError("items must hold at least 1 prompt, got 0")
    return LiveBox([ExplainBox(i) for i in items], what="Explain in your own words", noun="exercise")


def _item_id(topic: str, prompt: str) -> str:
    return record.item_id(topic, prompt)


class TaskList(FriendlyRepr, widgets.VBox):
    """Open questions to answer with an explorer; each answer opens after a typed attempt."""

    live_what, live_noun = "Questions to explore", "exercise"

    def __init__(self, items: Sequence[Task], title: str = "Questions to explore") -> None:
        if not items:
            raise ValueError("items must hold at least 1 task, got 0")
        self.items = list(items)
        self.buttons: list[widgets.Button] = []
        self.answers: list[widgets.HTML] = []
        self.attempts: list[widgets.Textarea] = []
        rows: list[widgets.Widget] = [widgets.HTML(f"<h3>{html.escape(title)}</h3>")]
        for i, t in enumerate(self.items):
            attempt = widgets.Textarea(
                placeholder="Your answer, with the number or observation you found…",
                description=f"your answer {i + 1}", layout=widgets.Layout(width="100%", height="3.5em"),
                style={"description_width": "initial"},  # the label's own width: whole at a 390 px phone width
            )
            button = widgets.Button(description="Lock my answer, show the model's",
                                    tooltip=f"Lock your answer to question {i + 1} and compare",
                                    layout=widgets.Layout(width="auto"))
            out = widgets.HTML()
            button.on_click(lambda _b, i=i: self.reveal(i))
            self.buttons.append(button)
            self.answers.append(out)
            self.attempts.append(attempt)
            rows.append(widgets.VBox([widgets.HTML(f"<p><b>{i + 1}.</b> {html.escape(t.prompt)}</p>"),
                                      attempt, button, out]))
        super().__init__([*rows, CourseStyle()])
        self.add_class("course-tasks")

    def reveal(self, i: int) -> bool:
        """Show task ``i``'s answer if an attempt is typed (it is then locked); return whether it was shown."""
        n = _words(self.attempts[i].value)
        if n < MIN_ATTEMPT_WORDS:
            self.answers[i].value = (
                f'<div role="status">Type your own answer first (at least {MIN_ATTEMPT_WORDS} words); '
                "then compare.</div>"
            )
            return False
        t = self.items[i]
        topic = getattr(t, "topic", "")
        if not self.attempts[i].disabled:
            _safe_append("task", topic, _item_id(topic, t.prompt), {"text": self.attempts[i].value})
        self.attempts[i].disabled = True
        self.answers[i].value = (
            f'<div role="status" style="border-left:4px solid #009E73;padding:4px 8px">'
            f"{html.escape(self.items[i].answer)}</div>"
        )
        return True


def task_list(items: Sequence[Task], title: str = "Questions to explore") -> TaskList:
    """A :class:`TaskList` widget."""
    return TaskList(items, title)
