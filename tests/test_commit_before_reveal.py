"""Commit before reveal (COURSE_SPEC V3.5, issue 23): no prediction's answer is on the page before the commit.

For every ``predict("key")`` cell of every notebook (found on disk), the model's answer is computed
(:attr:`Prediction.observe`) and its *answer numbers* are taken: the numbers of the observation text that
are not already given in the question or its options (those are inputs, not answers). Then:

* **prose above** — the markdown cells since the previous code cell must not state an answer number
  (nor the right option's text, for a multiple-choice prediction);
* **the next stored output below** — the first code cell after the predict cell that has a stored output
  must not show an answer number or a figure, unless that output is produced by the commit (the cell runs
  inside ``with <predict widget>.after_commit():``, which keeps it locked until then).

Before this issue the review counted 13 of 14 predict blocks with the answer already on the page
(reviews/teaching-v3.md).
"""

from __future__ import annotations

import json
import re

import nbformat
import pytest

from course.build import notebook_paths
from course.predictions import PREDICTIONS
from course.ui.predict import predict

_PREDICT = re.compile(r"""predict\(\s*["'](\w+)["']""")
_NUMBER = re.compile(r"(?<![\w.])[-−+]?\d+(?:[.,]\d+)?(?![\w])")


def _numbers(text: str) -> set[str]:
    return {n.replace("−", "-").lstrip("+-").replace(",", "") for n in _NUMBER.findall(text)}


def answer_numbers(key: str) -> set[str]:
    """Numbers the model's answer states that the question does not: what a student must not see first."""
    item = PREDICTIONS[key]
    given = _numbers(item.prompt) | set().union(*(_numbers(c) for c in item.choices))
    found = _numbers(item.observe().text) - given
    return {n for n in found if len(n.replace(".", "")) >= 2 or "." in n}  # skip one-digit counts


def _stored_text(cell) -> str:
    parts = []
    for o in cell.get("outputs", []):
        if "text" in o:
            parts.append(str(o["text"]))
        for mime, value in (o.get("data") or {}).items():
            if mime.startswith("text/") or mime.endswith("json"):
                parts.append(value if isinstance(value, str) else json.dumps(value))
    return "\n".join(parts)


def _shows_figure(cell) -> bool:
    return any("application/vnd.plotly.v1+json" in (o.get("data") or {}) or "image/png" in (o.get("data") or {})
               for o in cell.get("outputs", []))


def reveal_problems(nb) -> list[str]:
    """Every place where a prediction's answer is on the page before its commit."""
    problems = []
    cells = nb.cells
    for i, cell in enumerate(cells):
        if cell.cell_type != "code":
            continue
        m = _PREDICT.search(cell.source)
        if not m or m.group(1) not in PREDICTIONS:
            continue
        key = m.group(1)
        numbers = answer_numbers(key)
        item = PREDICTIONS[key]
        right = item.choices[item.observe().choice] if item.choices else None
        j = i - 1  # prose above, back to the previous code cell
        while j >= 0 and cells[j].cell_type == "markdown":
            words = _numbers(cells[j].source) & numbers
            if words:
                problems.append(f"{key}: prose above (cell {j}) states {sorted(words)}")
            if right and right.rstrip(".").lower() in cells[j].source.lower():
                problems.append(f"{key}: prose above (cell {j}) states the right option")
            j -= 1
        k = i + 1  # the next stored output below: the first code cell after the block that has outputs
        while k < len(cells) and not (cells[k].cell_type == "code" and cells[k].get("outputs")):
            k += 1
        if k < len(cells) and not _PREDICT.search(cells[k].source) and ".after_commit()" not in cells[k].source:
            shown = _numbers(_stored_text(cells[k])) & numbers
            if shown:
                problems.append(f"{key}: the next stored output (cell {k}) shows {sorted(shown)}")
            if _shows_figure(cells[k]):
                problems.append(f"{key}: the next stored output (cell {k}) is a figure shown before the commit")
    return problems


def test_the_check_finds_an_answer_on_the_page():
    """The scanner itself can fail: a notebook that prints the answer below the predict cell is caught."""
    key = "vrest_low_k"
    text = PREDICTIONS[key].observe().text
    nb = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_markdown_cell("## A step\nPredict first:"),
        nbformat.v4.new_code_cell(f'predict("{key}")'),
        nbformat.v4.new_code_cell("print(table)", outputs=[nbformat.v4.new_output("stream", text=text)]),
    ])
    assert any("next stored output" in p for p in reveal_problems(nb))
    nb.cells[0].source = "## A step\nAt 2.5 mM the model gives " + text
    assert any("prose above" in p for p in reveal_problems(nb))
    nb.cells[0].source, nb.cells[2].source = "## A step\nPredict first:", "with p.after_commit():\n    print(table)"
    assert reveal_problems(nb) == []


@pytest.mark.parametrize("path", notebook_paths(), ids=lambda p: p.name[:2])
def test_no_prediction_answer_is_on_the_page_before_its_commit(path):
    nb = nbformat.read(path, as_version=4)
    problems = reveal_problems(nb)
    assert not problems, "\n".join(problems)


def test_after_commit_output_stays_locked_until_the_commit():
    w = predict("vrest_low_k")
    with w.after_commit() as out:
        pass
    gate, captured = w._gates[0]
    assert captured is out and out not in gate.children and "Commit your prediction" in gate.children[0].value
    w.answer.value = "-90"
    w.commit()
    assert gate.children == (out,)
