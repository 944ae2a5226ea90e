"""A student copy without keys (COURSE_SPEC V3.5, issue 23).

``python -m course student-copy OUT`` copies the tracked files minus the instructor pack; the student HTML
export (the default of ``python -m course export``) neither writes nor links the pack; ``python -m course
instructor --out DIR`` builds the pack in a folder of its own. The proof: no line of the instructor pack's
own text (answer keys, rubric, guide, summaries — minus the formative quiz data the kernel needs, which
V3.5 lets stay in the package) appears in any file of the student copy.
"""

from __future__ import annotations

import re

import pytest

from course import EMERGENCY_LINE
from course.cli import main
from course.instructor import INSTRUCTOR_DIR, answer_keys_md
from course.student_copy import INSTRUCTOR_ONLY, remove_instructor_only, student_copy

ROOT = INSTRUCTOR_DIR.parent


def _formative() -> str:
    """Text the kernel needs for feedback (allowed in the student copy)."""
    parts = [p.read_text("utf-8") for p in (ROOT / "course").rglob("*") if p.suffix in (".toml", ".py")]
    parts.append((ROOT / "REFERENCES.md").read_text("utf-8"))  # public sources, cited in the notebooks too
    parts.append(EMERGENCY_LINE)  # the safety line every page shows
    return " ".join(" ".join(parts).split())


def key_lines() -> list[str]:
    """Lines of the instructor pack's own text: ≥ 50 characters and not formative quiz or model data."""
    formative = _formative()
    lines = set()
    pages = {md.name: md.read_text("utf-8") for md in INSTRUCTOR_DIR.rglob("*.md")}
    pages["answer_keys.md"] = answer_keys_md()  # never tracked: built on demand (V3.5)
    for name, page in pages.items():
        if name in ("timings.md", "glossary.md"):  # planning figures and terms, not keys
            continue
        paragraphs = page.split("\n\n")  # the safety paragraph repeats the public emergency route
        for line in "\n\n".join(p for p in paragraphs if not p.startswith("**Safety.**")).splitlines():
            if line.lstrip().startswith("#"):  # headings: notebook titles, shared with the course
                continue
            core = " ".join(re.sub(r"^[>*\-|\s\d.]+", "", line).split())
            if len(core) >= 50 and core[:50] not in formative:
                lines.add(core[:50])
    return sorted(lines)


@pytest.fixture(scope="module")
def copy(tmp_path_factory):
    out = tmp_path_factory.mktemp("student") / "course"
    return out, student_copy(ROOT, out)


def test_the_key_check_has_something_to_find():
    keys = key_lines()
    assert len(keys) > 50  # the guide, rubric, summaries and keys have plenty of text of their own
    assert any(k in (INSTRUCTOR_DIR / "assignment.md").read_text("utf-8") for k in keys)


def test_student_copy_has_no_key_text(copy):
    out, written = copy
    assert (out / "notebooks").is_dir() and (out / "course" / "quizzes").is_dir()
    assert not (out / "instructor").exists()
    keys = key_lines()
    leaks = []
    for f in written:
        try:
            text = f.read_text("utf-8")
        except UnicodeDecodeError:
            continue
        leaks += [f"{f.relative_to(out)}: {k!r}" for k in keys if k in text]
    assert not leaks, "\n".join(leaks[:20])


def test_student_copy_refuses_a_full_folder(tmp_path):
    (tmp_path / "x").write_text("x")
    with pytest.raises(ValueError, match="out="):
        student_copy(ROOT, tmp_path)


def test_instructor_pack_in_its_own_folder(tmp_path):
    assert main(["instructor", "--out", str(tmp_path / "pack")]) == 0
    assert (tmp_path / "pack" / "answer_keys.md").is_file() and (tmp_path / "pack" / "guide.md").is_file()


def test_student_export_neither_writes_nor_links_the_pack(tmp_path):
    nb = sorted((ROOT / "notebooks").glob("00_*.ipynb"))[0]
    assert main(["export", str(tmp_path / "site"), str(nb)]) == 0
    assert not (tmp_path / "site" / "instructor").exists()
    assert "answer keys" not in (tmp_path / "site" / "index.html").read_text("utf-8").lower()


def test_remove_instructor_refuses_a_folder_that_is_not_a_checkout(tmp_path):
    (tmp_path / "instructor").mkdir()
    assert main(["remove-instructor", str(tmp_path)]) == 2
    assert (tmp_path / "instructor").is_dir(), "a wrong folder must be left alone"
    with pytest.raises(ValueError, match="root="):
        remove_instructor_only(tmp_path)


def test_remove_instructor_keeps_git_unless_asked(tmp_path):
    (tmp_path / "pyproject.toml").write_text("")
    (tmp_path / "course").mkdir()
    for name in (*INSTRUCTOR_ONLY, ".git"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "x.md").write_text("x")
    assert remove_instructor_only(tmp_path) == [tmp_path / n for n in INSTRUCTOR_ONLY]
    assert (tmp_path / ".git").is_dir(), "a developer's history is kept without drop_git"
    assert remove_instructor_only(tmp_path, drop_git=True) == [tmp_path / ".git"]
    assert not (tmp_path / ".git").exists() and (tmp_path / "course").is_dir()


def test_readme_points_nbgitpuller_at_a_student_copy():
    """nbgitpuller clones every file of the repository it names: the README's link must not name this one."""
    from urllib.parse import parse_qs, unquote, urlsplit

    readme = (ROOT / "README.md").read_text("utf-8")
    binder = re.findall(r"https://mybinder\.org/v2/gh/([^/\s]+/[^/\s]+)/", readme)
    pulls = re.findall(r"https://\S+/git-pull\?\S+", readme)
    assert binder and pulls
    for link in pulls:
        repo = unquote(parse_qs(urlsplit(link).query)["repo"][0]).rstrip("/").removesuffix(".git")
        assert not any(repo.endswith("/" + b) for b in binder), f"{link} clones the full course repository"
    assert "student-copy" in readme
