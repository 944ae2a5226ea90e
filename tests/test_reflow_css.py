"""Every course box carries the course's reflow stylesheet (``course.ui._common.REFLOW_CSS``, WCAG 2.2 SC 1.4.10).

The stylesheet reaches the page through a hidden widget in each box (a ``CourseStyle`` HTML widget, or the
``_css`` of the ``AccessibleNames`` anywidget of explorers and quizzes): a box that lost it would lay its
controls out on fixed-width lines again, which at a 390 px phone width ran a slider 270 px past its box and
wrote long quiz options over each other (measured in Chromium by ``tests/browser/reflow.py``). The browser
tests measure the layout; these fast tests pin where the stylesheet comes from.
"""

from __future__ import annotations

import re

import ipywidgets as widgets
import pytest

import course.ui
from course.predictions import PREDICTIONS
from course.quizzes import Explain, Task, load
from course.ui._common import REFLOW_BOXES, REFLOW_CSS
from course.ui.predict import predict
from course.ui.quiz import ExplainBox, quiz, task_list
from course.ui.record import download_my_work


def _stylesheets(box: widgets.Box) -> list[str]:
    """The stylesheets the box's direct children carry (where the course's boxes keep their stylesheet widget):
    an anywidget's ``_css``, or the ``<style>`` element of an HTML widget."""
    sheets = [w._css for w in box.children if getattr(w, "_css", None)]
    sheets += [m.group(1) for w in box.children if isinstance(w, widgets.HTML)
               for m in [re.fullmatch(r"<style>(.*)</style>", w.value, flags=re.S)] if m]
    return sheets


def _boxes(tmp_path) -> dict[str, widgets.Box]:
    return {
        **{name: getattr(course.ui, name)() for name in course.ui.EXPLORERS},
        "quiz": quiz(load("electrolytes")),
        "predict": predict(next(iter(PREDICTIONS))),
        "explain": ExplainBox(Explain("Why?", "Because.")),
        "tasks": task_list([Task("Try it.", "It rises.")]),
        "record": download_my_work(tmp_path / "record.jsonl"),
    }


def test_every_course_box_carries_the_reflow_stylesheet(tmp_path):
    boxes = _boxes(tmp_path)
    assert len(boxes) == len(course.ui.EXPLORERS) + 5
    for name, box in boxes.items():
        classes = set(box._dom_classes) & set(REFLOW_BOXES)
        assert classes, f"{name}: none of the classes {REFLOW_BOXES} the stylesheet lays out: {box._dom_classes}"
        # once (the self-check form has its own FORM_CSS besides)
        assert _stylesheets(box).count(REFLOW_CSS) == 1, f"{name}: {_stylesheets(box).count(REFLOW_CSS)} copies"


@pytest.mark.parametrize("box_class", REFLOW_BOXES)
def test_the_stylesheet_names_every_box_class(box_class):
    # each rule is scoped to the course's boxes (":is(.course-explorer, …) …"), never to the whole page
    scopes = set(re.findall(r":is\(([^)]*)\)\s+[.:]", REFLOW_CSS))
    assert scopes, REFLOW_CSS
    for scope in scopes:
        assert f".{box_class}" in scope.split(", "), scope


def test_the_stylesheet_wraps_rows_and_options_instead_of_clipping():
    css = " ".join(REFLOW_CSS.split())
    # a control row wraps and is never wider than its box, margins included (ipywidgets gives it 2 px a side)
    assert "flex-wrap: wrap" in css and "max-width: calc(100% - 2 * var(--jp-widgets-margin, 2px))" in css
    # a radio option's box grows with its wrapped text (ipywidgets fixes it at one 24 px line)
    assert re.search(r"\.widget-radio-box label \{[^}]*height: auto", css)
    assert re.search(r"\.widget-checkbox \.widget-label-basic \{[^}]*white-space: normal", css)
