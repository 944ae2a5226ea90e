"""The instructor pack (issue 14): generated files current, guide and assignment complete, export includes it.

What an instructor needs (COURSE_SPEC "Learning design, version 2"; teaching review section 5): a guide with
prerequisites, time per notebook, a 50- and a 90-minute lab plan and common misconceptions; answer keys for
every task and question generated from the same data; a glossary; a one-page summary per notebook; a graded
case-report assignment with a rubric.
"""

from __future__ import annotations

import re

import pytest

from course import instructor
from course.build import notebook_paths
from course.quizzes import TOPICS, explain_prompts, load, tasks

DIR = instructor.INSTRUCTOR_DIR
INSTRUCTOR_DIR = DIR
ROOT = DIR.parent


def test_generated_files_are_current():
    # regenerate with: python -m course instructor (the tracked, key-free files: timings and glossary)
    assert instructor.TRACKED == ("timings.md", "glossary.md")
    assert instructor.stale() == [], "run `python -m course instructor` and commit instructor/"


def test_answer_keys_cover_every_question_task_and_prediction():
    from course.predictions import PREDICTIONS

    keys = instructor.answer_keys_md()  # built on demand, never tracked (COURSE_SPEC V3.5)
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
    assert "instructor/answer_keys.html" in names  # the keys are built for the pack, not read from the repo
    page = (tmp_path / "instructor" / "guide.html").read_text(encoding="utf-8")
    assert "<table>" in page and "999" in page  # markdown tables rendered; disclaimer banner present


# --- a student copy without keys (COURSE_SPEC V3.5): the keys are built on demand, never tracked ------------------
def test_answer_keys_are_not_tracked_nor_written_into_instructor():
    assert instructor.KEY_FILES == ("answer_keys.md",)
    assert instructor.tracked_keys() == [], "git rm --cached instructor/answer_keys.md; delete the file"
    assert "/instructor/answer_keys.md" in (DIR.parent / ".gitignore").read_text("utf-8").splitlines()
    with pytest.raises(ValueError, match="folder="):
        instructor.write(DIR, keys=True)


def test_check_reports_a_key_file_in_instructor(tmp_path):
    (tmp_path / "instructor").mkdir()
    assert instructor.tracked_keys(tmp_path) == []
    (tmp_path / "instructor" / "answer_keys.md").write_text("# keys", "utf-8")
    assert instructor.tracked_keys(tmp_path) == ["instructor/answer_keys.md"]


def _key_snippets() -> list[str]:
    """Text only a key holds: model answers, task answers, the feedback of each right option (≥ 40 characters)."""
    texts = []
    for topic in TOPICS:
        texts += [e.model_answer for e in explain_prompts(topic)] + [t.answer for t in tasks(topic)]
        texts += [q.feedback[q.correct] for q in load(topic)]
    return sorted({" ".join(t.split())[:60] for t in texts if len(t) >= 40})


def test_no_tracked_file_outside_the_package_holds_key_text():
    """Binder and nbgitpuller serve the tracked files: only ``course/`` (the quiz data the kernel needs for
    feedback, which V3.5 allows) may hold the keys' text."""
    from course.student_copy import tracked_files

    root = DIR.parent
    snippets = _key_snippets()
    assert len(snippets) > 80  # every topic's model answers, task answers and right-option feedback
    assert any(s in instructor.answer_keys_md().replace("\n", " ") for s in snippets)  # the check can find them
    leaks = []
    for rel in tracked_files(root):
        if rel.parts[0] == "course" or not (root / rel).is_file():
            continue
        try:
            text = " ".join((root / rel).read_text("utf-8").split())
        except UnicodeDecodeError:
            continue
        leaks += [f"{rel}: {s!r}" for s in snippets if s in text]
    assert not leaks, "\n".join(leaks[:20])


# --- one course total time (COURSE_SPEC V3.5: "one course total time") ---------------------------------------------
_LENGTH = re.compile(r"(?i)\b(whole course|course takes|course lasts|student time|the course in)\b")


def _sentences(text: str) -> list[str]:
    return re.split(r"(?<=[.!?])\s+", " ".join(text.split()))


def _length_statements() -> dict[str, list[str]]:
    """Every sentence that states how long the course takes in hours: {file: [sentence, …]}."""
    import nbformat

    texts = {p.name: p.read_text("utf-8") for p in [ROOT / "README.md", *sorted(INSTRUCTOR_DIR.rglob("*.md"))]}
    for path in notebook_paths():
        nb = nbformat.read(path, as_version=4)
        texts[path.name] = "\n\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    found: dict[str, list[str]] = {}
    for name, text in texts.items():
        hits = [s for s in _sentences(text) if _LENGTH.search(s) and re.search(r"(?i)\bhours?\b", s)]
        if hits:
            found[name] = hits
    return found


def test_every_course_total_is_the_generated_one():
    """README, notebook 00, the guide and timings.md state one total: the sum of timings.md's minutes."""
    from course.instructor import course_total, notebook_stats

    total = course_total()
    assert re.fullmatch(r"about \d+\.\d hours", total), total
    statements = _length_statements()
    for where in ("README.md", "00_welcome.ipynb", "guide.md", "timings.md"):
        assert where in statements, f"{where} does not state the course's total time"
    wrong = [f"{name}: {s!r}" for name, hits in statements.items() for s in hits if total not in s]
    assert not wrong, f"course totals that are not the generated {total!r}:\n" + "\n".join(wrong)
    # the guide's per-notebook ceiling holds for every notebook
    guide = (INSTRUCTOR_DIR / "guide.md").read_text("utf-8")
    ceiling = re.search(r"No notebook is planned for more than (\d+) minutes", " ".join(guide.split()))
    assert ceiling, "the guide states no per-notebook ceiling"
    worst = max(notebook_stats(p).minutes for p in notebook_paths())
    assert worst <= int(ceiling.group(1)), f"a notebook needs {worst:.1f} min, above the guide's {ceiling.group(1)}"


# --- lab plans that fit the measured times (COURSE_SPEC V3.5) ---------------------------------------------------
_HOMEWORK = re.compile(r"^\* Homework: \*\*(\d+) min\*\*, notebook (\d\d)\b", re.M)
_STEP = re.compile(r"^\d+\. \*\*(\d+) min\*\*, (class|notebook (\d\d))\b", re.M)


def _lab_plans() -> dict[int, str]:
    guide = (INSTRUCTOR_DIR / "guide.md").read_text("utf-8")
    plans = {}
    for m in re.finditer(r"^### A (\d+)-minute lab.*?$(.*?)(?=^#)", guide, re.M | re.S):
        plans[int(m.group(1))] = m.group(2)
    return plans


@pytest.mark.parametrize("length", [50, 90])
def test_lab_plan_fits_the_notebook_minutes(length):
    """In-class steps fill the lab exactly; per notebook, homework = the reading and in-class notebook work = the
    rest of timings.md's minutes (each within 1 min: the plan gives whole minutes)."""
    from course.instructor import _WPM, notebook_stats

    plan = _lab_plans()[length]
    steps = _STEP.findall(plan)
    assert steps, f"the {length}-minute plan has no timed steps"
    assert sum(int(m) for m, _, _ in steps) == length, f"the {length}-minute plan's in-class steps do not add up"
    homework = {nb: int(m) for m, nb in _HOMEWORK.findall(plan)}
    in_class: dict[str, int] = {}
    for m, _, nb in steps:
        if nb:
            in_class[nb] = in_class.get(nb, 0) + int(m)
    assert in_class and homework.keys() == in_class.keys(), (homework, in_class)
    stats = {p.name[:2]: notebook_stats(p) for p in notebook_paths()}
    for nb, minutes in in_class.items():
        s = stats[nb]
        reading = s.prose_words / _WPM  # the formula's reading part
        assert abs(homework[nb] - reading) <= 1, f"{nb}: homework {homework[nb]} min, reading {reading:.1f} min"
        work = s.minutes - reading
        assert abs(minutes - work) <= 1, f"{nb}: {minutes} min in class, notebook work {work:.1f}"
        assert abs(homework[nb] + minutes - s.minutes) <= 1, f"{nb}: plan {homework[nb] + minutes}, {s.minutes:.1f}"
