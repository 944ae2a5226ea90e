""""Download my work" (COURSE_SPEC V3.5, "a record of the work").

The name is asked once and remembered (a new box, as after a kernel restart, shows it); the two downloads
are the HTML report (every prediction, first quiz answer, task attempt, own-words text and self-check case,
with times) and the JSON-lines record byte for byte; every course notebook calls the box once, and notebook
00 shows it first, right after the disclaimer, under a warning that Binder keeps nothing.
"""

from __future__ import annotations

import base64
import html
import re
from datetime import UTC, datetime

import nbformat
import pytest

from course import record
from course.build import notebook_paths
from course.predictions import PREDICTIONS
from course.quizzes import explain_prompts, load, tasks
from course.ui.record import download_my_work
from course.widget_text import LIVE_HINT

_LINK = re.compile(r'download="([^"]+)" href="data:([^;]+);charset=utf-8;base64,([^"]*)"')


def _downloads(box) -> dict[str, tuple[str, str]]:
    """file name → (MIME type, decoded text) of the links the box shows."""
    return {name: (mime, base64.b64decode(b64).decode("utf-8")) for name, mime, b64 in _LINK.findall(
        box.links_html.value)}


def test_name_is_asked_once_and_remembered(tmp_path):
    path = tmp_path / "rec.jsonl"
    box = download_my_work(path)
    assert box.name.value == "" and "No name yet" in box.status_html.value
    box.name.value = "  Ada   Lovelace "
    assert box.save_name() and box.save_name()  # the second press with the same name writes nothing
    assert [e.kind for e in record.read(path).events] == ["student"]
    again = download_my_work(path)  # a new box, as after a kernel restart or in the next notebook
    assert again.name.value == "Ada Lovelace" and "Recording as <b>Ada Lovelace</b>" in again.status_html.value
    again.name.value = "x" * 81
    assert not again.save_name() and 'role="alert"' in again.status_html.value
    assert len(record.read(path).events) == 1


def test_report_and_record_hold_every_kind_of_work(tmp_path, monkeypatch):
    from course.ui.predict import predict
    from course.ui.quiz import explain, quiz, task_list
    from course.ui.selfcheck import self_check

    path = tmp_path / "rec.jsonl"
    monkeypatch.setenv("COURSE_RECORD", str(path))
    record.set_student("Ada")
    key = next(k for k, p in PREDICTIONS.items() if p.choices)
    p = predict(key)
    p.answer.index = 0
    p.commit()
    q = quiz(load("electrolytes"))
    q.choices[0].index = 1
    q.check(0)
    t = task_list(tasks("electrolytes"))
    t.attempts[0].value = "My <b>attempt</b> at the task"
    t.reveal(0)
    e = explain(explain_prompts("electrolytes")).children[0]
    e.answer.value = " ".join(["potassium"] * 15)
    assert e.reveal()
    sc = self_check()
    case = next(iter(sc.cases))
    assessment = sc.load_case(case)
    assert assessment is not None

    box = download_my_work()
    report, raw = box.prepare(now=datetime(2026, 1, 2, 3, 4, tzinfo=UTC))
    kinds = [ev.kind for ev in record.read(path).events]
    assert kinds == ["student", "prediction", "quiz", "task", "explain", "selfcheck"]
    sc_event = record.read(path).events[-1]
    assert sc_event.item == case and sc_event.data["tier"] == assessment.urgency
    assert isinstance(sc_event.data["answers"]["danger_signs"], list)  # frozensets stored as JSON lists
    files = _downloads(box)
    assert set(files) == {"spasm-or-signal-ada-20260102-0304.html", "spasm-or-signal-ada-20260102-0304.jsonl"}
    assert files["spasm-or-signal-ada-20260102-0304.jsonl"] == ("application/json", path.read_text("utf-8"))
    assert files["spasm-or-signal-ada-20260102-0304.html"] == ("text/html", report)
    assert "<b>Student:</b> Ada" in report and "2026-01-02 03:04 UTC" in report
    assert "My &lt;b&gt;attempt&lt;/b&gt; at the task" in report  # the student's text is escaped, not markup
    assert PREDICTIONS[key].choices[0] in report and assessment.tier_label in report
    question = load("electrolytes")[0]
    chosen = question.options[question.display_order[1]]
    for text in (question.prompt, chosen, PREDICTIONS[key].prompt, tasks("electrolytes")[0].prompt,
                 explain_prompts("electrolytes")[0].prompt):  # the report shows what was asked, not an id
        assert html.escape(text) in report, text
    for title in ("Predictions", "Quiz answers", "Explorer task attempts", "In your own words", "Self-check"):
        assert re.search(title + r"[^<]* — 1</h2>", report), title
    times = re.findall(r'<td class="t">(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d)</td>', report)
    assert len(times) == 5
    assert LIVE_HINT in box._repr_mimebundle_()["text/plain"]


def test_report_names_a_bad_line_and_keeps_the_rest(tmp_path):
    path = tmp_path / "rec.jsonl"
    record.set_student("Bo", path)
    record.append("task", "electrolytes", "electrolytes:1", {"text": "first try"}, path=path)
    with path.open("a", encoding="utf-8") as fh:
        fh.write('{"not": "a record line"}\n')
    report = record.html_report(path)
    assert "line 3: missing field(s)" in report and "first try" in report


def test_empty_record_gives_an_empty_report(tmp_path):
    box = download_my_work(tmp_path / "none.jsonl")
    report, raw = box.prepare()
    assert raw == "" and report.count("None recorded yet.") == len(record.KIND_TITLES)


@pytest.mark.parametrize("path", notebook_paths(), ids=lambda p: p.name)
def test_every_notebook_offers_the_download_once(path):
    nb = nbformat.read(path, as_version=4)
    calls = [i for i, c in enumerate(nb.cells) if c.cell_type == "code" and "download_my_work()" in c.source]
    assert len(calls) == 1, calls
    i = calls[0]
    if path.name.startswith("00"):
        first_code = next(j for j, c in enumerate(nb.cells) if c.cell_type == "code")
        assert "DISCLAIMER" in nb.cells[first_code].source and i == first_code + 2
        warning = nb.cells[i - 1].source.lower()
        assert nb.cells[i - 1].cell_type == "markdown" and "binder keeps nothing" in warning
    else:  # near the end: after the last quiz or explorer, before the sources
        assert nb.cells[i + 1].source.startswith("## Sources") and i > len(nb.cells) - 6
