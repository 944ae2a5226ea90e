"""A student copy of the course without answer keys (COURSE_SPEC V3.5): ``python -m course student-copy OUT``.

The copy holds the repository's tracked files (what Binder and nbgitpuller give a student) minus the
instructor pack: :data:`INSTRUCTOR_ONLY` (answer keys, model answers, marking rubric, timings, guide,
summaries). :func:`remove_instructor_only` deletes the same folders from a checkout in place:
``binder/postBuild`` calls it (``python -m course remove-instructor .``) after installing the package, so
the Binder image holds no rubric or marker notes either. The formative quiz data the kernel needs to give
feedback stays in the package (``course/quizzes/*.toml``), as V3.5 allows. The instructor pack is built by
``python -m course instructor`` (``--out DIR`` for a folder of its own). ``tests/test_student_copy.py``
proves that no line of the instructor pack's own text is in the copy.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

__all__ = ["INSTRUCTOR_ONLY", "tracked_files", "student_copy", "remove_instructor_only"]

#: Top-level folders and files that belong to instructors only.
INSTRUCTOR_ONLY: tuple[str, ...] = ("instructor",)


def tracked_files(root: Path) -> list[Path]:
    """The repository's tracked files (relative paths), or every file if ``root`` is not a git checkout."""
    try:
        out = subprocess.run(["git", "-C", str(root), "ls-files", "-z"], check=True, capture_output=True).stdout
        return [Path(p) for p in out.decode("utf-8").split("\0") if p]
    except (OSError, subprocess.CalledProcessError):
        return [p.relative_to(root) for p in sorted(root.rglob("*")) if p.is_file() and ".git" not in p.parts]


def student_copy(root: Path, out: Path) -> list[Path]:
    """Copy ``root``'s tracked files except :data:`INSTRUCTOR_ONLY` into ``out``; return the files written."""
    root, out = Path(root), Path(out)
    if out.exists() and any(out.iterdir()):
        raise ValueError(f"out={str(out)!r} must be a new or empty folder")
    written = []
    for rel in tracked_files(root):
        if rel.parts and rel.parts[0] in INSTRUCTOR_ONLY:
            continue
        src = root / rel
        if not src.is_file():
            continue
        dst = out / rel
        dst.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(src, dst)
        written.append(dst)
    return written


def remove_instructor_only(root: Path, *, drop_git: bool = False) -> list[Path]:
    """Delete :data:`INSTRUCTOR_ONLY` from ``root`` in place; with ``drop_git`` also its ``.git`` history.

    For an image built from the full repository (Binder's ``binder/postBuild``), after the package is
    installed. The git history holds the instructor files too, so the image drops it (``drop_git=True``);
    never use that on a developer's checkout. ``root`` must be a course checkout (it holds
    ``pyproject.toml`` and ``course/``), so a wrong folder is never emptied. Returns the paths removed.
    """
    root = Path(root)
    if not ((root / "pyproject.toml").is_file() and (root / "course").is_dir()):
        raise ValueError(f"root={str(root)!r} must be a course checkout (with pyproject.toml and course/)")
    removed = []
    for name in (*INSTRUCTOR_ONLY, *((".git",) if drop_git else ())):
        target = root / name
        if target.is_dir() and not target.is_symlink():
            shutil.rmtree(target)
        elif target.exists() or target.is_symlink():
            target.unlink()
        else:
            continue
        removed.append(target)
    return removed
