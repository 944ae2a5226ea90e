"""The instructor pack (issue 14): generated files current, guide and assignment complete, export includes it.

What an instructor needs (COURSE_SPEC "Learning design, version 2"; teaching review section 5): a guide with
prerequisites, time per notebook, a 50- and a 90-minute lab plan and common misconceptions; answer keys for
every task and question generated from the same data; a glossary; a one-page summary per notebook; a graded
case-report assignment with a rubric.
"""

from __future__ import annotations

from course import instructor
from course.build import notebook_paths
from course.quizzes import TOPICS, explain_prompts, load, tasks

DIR = instructor.INSTRUCTOR_DIR


def test_generated_files_are_current():
    # regenerate with: python -m course instructor
    assert instructor.stale() == [], "run `python -m course instructor` and commit instructor/"


def test_answer_keys_cover_every_question_task_and_prediction():
    from course.predictions import PREDICTIONS

    keys = (DIR / "answer_keys.md").read_text(encoding="utf-8")
    for topic in TOPICS:
        for q in load(topic):
            assert q.prompt in keys and f"✔ {q.options[q.correct]}" in keys
        for t in tasks(topic):
            assert t.answer in keys
        for e in explain_prompts(topic):
            assert e.model_answer in keys
    for p in PREDICTIONS.values():
        assert p.prompt in keys


def test_guide_assignment_and_summaries_are_complete():
    guide = (DIR / "guide.md").read_text(encoding="utf-8").lower()
    for section in ("prerequisites", "50-minute lab", "90-minute lab", "misconceptions", "timings.md"):
        assert section in guide, section
    assignment = (DIR / "assignment.md").read_text(encoding="utf-8").lower()
    assert "rubric" in assignment and "model answer" in assignment
    summaries = {p.name[:2] for p in (DIR / "summaries").glob("*.md")}
    assert summaries == {p.name[:2] for p in notebook_paths()}
    timings = (DIR / "timings.md").read_text(encoding="utf-8")
    for p in notebook_paths():
        assert f"| {p.name[:2]} " in timings


def test_export_writes_the_instructor_pack(tmp_path):
    from course.export import export_instructor

    written = export_instructor(tmp_path)
    names = {p.relative_to(tmp_path).as_posix() for p in written}
    assert "instructor/index.html" in names and "instructor/guide.html" in names
    assert "instructor/summaries/07_self_check.html" in names
    page = (tmp_path / "instructor" / "guide.html").read_text(encoding="utf-8")
    assert "<table>" in page and "999" in page  # markdown tables rendered; disclaimer banner present
