"""Widgets that look alive (COURSE_SPEC V3.5): a saved notebook shows a friendly line, never a widget repr.

Before Run All (and in a reopened notebook, whose widget models are gone) a widget output shows its
``text/plain``. It must say how to start ("Run the notebook — Run ▸ Run All Cells — …"), never
``MembraneExplorer(children=(…``, and the stored outputs hold no widget *view* (which would show "Error
displaying widget: model not found" without saved widget state).
"""

from __future__ import annotations

import ipywidgets as widgets
import nbformat
import pytest

import course.ui
from course.build import clean_notebook, execute_notebook, notebook_paths
from course.predictions import PREDICTIONS
from course.quizzes import explain_prompts, load, tasks
from course.widget_text import LIVE_HINT, WIDGET_MIME, live_text, live_what


def _plain(widget: widgets.Widget) -> str:
    bundle = widget._repr_mimebundle_()
    assert WIDGET_MIME in bundle  # the live view is still there while the kernel runs
    return bundle["text/plain"]


@pytest.mark.parametrize("name", list(course.ui.EXPLORERS))
def test_every_explorer_has_a_friendly_text(name):
    explorer = getattr(course.ui, name)()
    text = _plain(explorer)
    assert LIVE_HINT in text and "children=" not in text, text
    assert LIVE_HINT in repr(explorer) and "children=" not in repr(explorer)


def test_quiz_predict_explain_task_and_gate_have_a_friendly_text():
    from course.ui.predict import predict
    from course.ui.quiz import explain, quiz, task_list

    p = predict(next(iter(PREDICTIONS)))
    with p.after_commit():
        pass
    gate = p._gates[0][0]
    texts = {
        "Knowledge check": _plain(quiz(load("electrolytes"))),
        "Explain in your own words": _plain(explain(explain_prompts("electrolytes"))),
        "Questions to explore": _plain(task_list(tasks("electrolytes"))),
        "Predict first": _plain(p),
        "Result of a prediction": _plain(gate),
    }
    for what, text in texts.items():
        assert live_what(text) == what, text
    assert live_what("Quiz(children=(HTML(value='<h3>Q</h3>'),))") is None


def test_live_text_needs_words():
    with pytest.raises(ValueError, match="what="):
        live_text("", "explorer")


def test_clean_notebook_drops_widget_views_and_keeps_a_friendly_line():
    nb = nbformat.v4.new_notebook()
    view = {"model_id": "0" * 32, "version_major": 2, "version_minor": 0}
    friendly = live_text("Knowledge check", "quiz")
    cell = nbformat.v4.new_code_cell("quiz()", outputs=[
        nbformat.v4.new_output("display_data", data={"text/plain": friendly, WIDGET_MIME: view}),
        nbformat.v4.new_output("display_data", data={"text/plain": "IntSlider(value=3)", WIDGET_MIME: view}),
        nbformat.v4.new_output("execute_result", data={"text/plain": "42"}, execution_count=1),
    ])
    nb.cells = [cell]
    clean_notebook(nb)
    data = [o.get("data", {}) for o in nb.cells[0].outputs]
    assert all(WIDGET_MIME not in d for d in data)
    assert data[0]["text/plain"] == friendly
    assert data[1]["text/plain"] == live_text("Interactive widget", "widget")  # no raw repr of a stray widget
    assert data[2]["text/plain"] == "42"  # ordinary outputs untouched


def test_a_built_notebook_stores_friendly_lines_only(tmp_path):
    """Build notebook 00 (about 10 s) and read what a student sees on reopening it."""
    src = notebook_paths()[0]
    built = nbformat.read(execute_notebook(src, tmp_path / src.name), as_version=4)
    plain = [
        "".join(o["data"]["text/plain"]) for c in built.cells if c.cell_type == "code"
        for o in c.get("outputs", []) if "data" in o and "text/plain" in o["data"]
    ]
    assert not any(WIDGET_MIME in o.get("data", {}) for c in built.cells for o in c.get("outputs", []))
    friendly = [t for t in plain if live_what(t)]
    assert len(friendly) >= 3, plain  # the warm-up explorer, a quiz, the download box at least
    assert not [t for t in plain if "children=(" in t], plain


def test_export_turns_a_friendly_line_into_a_note():
    from course.export import _static_notebook

    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("quiz()", outputs=[
        nbformat.v4.new_output("display_data", data={"text/plain": live_text("Knowledge check", "quiz")})])]
    static, _ = _static_notebook(nb, "t")
    html = static.cells[0].outputs[0]["data"]["text/html"]
    assert "course-widget-note" in html and "Knowledge check" in html
