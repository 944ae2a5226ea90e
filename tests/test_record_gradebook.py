"""The student record and the class gradebook (COURSE_SPEC V3.5, issue 23).

The record is append-only checksummed JSON lines: it survives a restart (a new process reads what the old
one wrote), an edited, truncated or reordered line is reported with its line number, and nothing already
written is lost. The gradebook reads many records, reports bad, duplicate and partial ones per file and is
never stopped by them; tested on a generated class of 30 with damaged records.
"""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import pytest

from course import gradebook, record
from course.quizzes import load


def test_record_round_trip_and_name_asked_once(tmp_path):
    path = tmp_path / "r.jsonl"
    assert record.student_name(path) == ""
    record.set_student("  Ada   Lovelace ", path=path)
    record.append("quiz", "welcome", "welcome:abc", {"choice": 1, "correct": True}, path=path)
    record.append("prediction", "welcome", "ek_high_k", {"correct": False}, path=path)
    got = record.read(path)
    assert got.errors == [] and [e.kind for e in got.events] == ["student", "quiz", "prediction"]
    assert record.student_name(path) == "Ada Lovelace" and got.events[2].student == "Ada Lovelace"
    with pytest.raises(ValueError, match="kind="):
        record.append("grade", "welcome", "x", path=path)
    with pytest.raises(ValueError, match="name="):
        record.set_student("   ", path=path)


def test_record_survives_a_new_process(tmp_path):
    """A kernel restart is a new process: it appends after what the old one wrote, and the chain holds."""
    path = tmp_path / "r.jsonl"
    record.append("quiz", "welcome", "a", {"correct": True}, path=path)
    code = ("from pathlib import Path; from course import record; "
            f"record.append('task', 'welcome', 'b', {{'text': 'x y z'}}, path=Path({str(path)!r}))")
    subprocess.run([sys.executable, "-c", code], check=True, cwd=Path(__file__).parents[1])
    got = record.read(path)
    assert got.errors == [] and [e.item for e in got.events] == ["a", "b"]


def test_bad_lines_are_reported_and_nothing_is_lost(tmp_path):
    path = tmp_path / "r.jsonl"
    for i in range(4):
        record.append("quiz", "welcome", f"q{i}", {"correct": i % 2 == 0}, path=path)
    lines = path.read_text("utf-8").splitlines(keepends=True)
    edited = json.loads(lines[1])
    edited["data"]["correct"] = True  # a student "improves" an answer
    lines[1] = json.dumps(edited, ensure_ascii=False, separators=(",", ":")) + "\n"
    path.write_text("".join(lines) + "{not json\n", "utf-8")
    got = record.read(path)
    assert [n for n, _ in got.errors] == [2, 5]
    assert "checksum" in got.errors[0][1] and "not valid JSON" in got.errors[1][1]
    assert [e.item for e in got.events] == ["q0", "q2", "q3"]  # the other lines are kept
    record.append("quiz", "welcome", "q4", {"correct": True}, path=path)  # appending still works
    assert record.read(path).events[-1].item == "q4"
    assert path.read_text("utf-8").count("\n") == 6  # nothing rewritten or dropped


def test_a_deleted_line_breaks_the_chain(tmp_path):
    path = tmp_path / "r.jsonl"
    for i in range(3):
        record.append("quiz", "welcome", f"q{i}", {"correct": False}, path=path)
    lines = path.read_text("utf-8").splitlines(keepends=True)
    path.write_text(lines[0] + lines[2], "utf-8")
    got = record.read(path)
    assert len(got.events) == 2 and "chain broken" in got.errors[0][1]


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    out = tmp_path_factory.mktemp("gradebook")
    paths = gradebook.demo_class(30, out)
    gb, written = gradebook.write(paths, out)
    return out, paths, gb, written


def test_gradebook_on_a_generated_class_with_damaged_records(demo):
    out, paths, gb, written = demo
    assert len(paths) == 31  # 30 students + one duplicated file
    assert len(gb.students) == 30  # the duplicate is skipped, every damaged file still read
    problems = gb.problems
    assert "checksum" in " ".join(problems["student_01.jsonl"])
    assert "partial write" in " ".join(problems["student_02.jsonl"])
    assert "no student name" in " ".join(problems["student_04.jsonl"])
    assert "duplicate file" in " ".join(problems["student_05_copy.jsonl"])
    assert set(problems) == {"student_01.jsonl", "student_02.jsonl", "student_04.jsonl", "student_05_copy.jsonl"}
    rows = list(csv.DictReader((out / "gradebook.csv").open(encoding="utf-8")))
    assert len(rows) == 30 and {r["student"] for r in rows} >= {"Student 01", "Student 30", "student_04"}
    # an intact record: the CSV's first-try count equals the right answers in the file
    intact = record.read(out / "records" / "student_10.jsonl").events
    row = next(r for r in rows if r["student"] == "Student 10")
    assert int(row["quiz_first_try_right"]) == sum(e.data["correct"] for e in intact if e.kind == "quiz")
    assert 0 < float(row["minutes_on_task"]) <= gradebook.IDLE_CAP_MIN * len(intact)
    page = (out / "dashboard.html").read_text("utf-8")
    for heading in ("First-try correctness per question", "Misconceptions chosen", "Prediction accuracy per block",
                    "Completion per notebook", "Time on task", "Problems found in the records"):
        assert heading in page
    assert page.count("<svg") == 4 and "30 students" in page


def test_misconceptions_count_the_wrong_options_chosen(tmp_path):
    q = load("welcome")[0]
    wrong = (q.correct + 1) % len(q.options)
    paths = []
    for k in range(3):
        p = tmp_path / f"s{k}.jsonl"
        record.set_student(f"S{k}", path=p)
        record.append("quiz", q.topic, q.qid, {"choice": wrong if k < 2 else q.correct,
                                                "correct": k == 2}, path=p)
        paths.append(p)
    gb, _ = gradebook.write(paths, tmp_path / "out")
    page = (tmp_path / "out" / "dashboard.html").read_text("utf-8")
    assert f"<tr><td>2</td><td>{q.prompt[:40]}" in page.replace("&#x27;", "'")
    assert sum(s.first_try[q.qid] for s in gb.students) == 1


def test_gradebook_command(tmp_path):
    from course.cli import main

    assert main(["gradebook", "--demo", "5", "--out", str(tmp_path)]) == 0
    assert (tmp_path / "dashboard.html").is_file() and len(list((tmp_path / "records").glob("*.jsonl"))) == 6
    assert main(["gradebook", "--out", str(tmp_path / "x"), str(tmp_path / "missing.jsonl")]) == 0
    assert "cannot read" in (tmp_path / "x" / "problems.txt").read_text("utf-8")
