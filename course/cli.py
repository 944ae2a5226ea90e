"""The ``course`` command: build the notebooks, export static HTML, print course info.

Usage::

    python -m course build [NOTEBOOK ...] [--out DIR]   # re-execute notebooks, store outputs
    python -m course info                                # what is in the course
    python -m course excitability-table                  # rebuild the notebook-03 explorer table
    python -m course gradebook RECORDS… --out DIR        # class CSV + dashboard from student records
    python -m course gradebook --demo 30 --out DIR       # the same for a seeded synthetic class
    python -m course student-copy OUT                    # the course without answer keys, for students
    python -m course remove-instructor ROOT              # delete instructor/ from an image's checkout
    python -m course validate [--check]                  # models against published benchmarks → VALIDATION.md
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from course import DISCLAIMER, __version__

__all__ = ["main"]


def _cmd_build(args: argparse.Namespace) -> int:
    from course.build import build, require_checkout

    if not args.notebooks:
        require_checkout()
    written = build([Path(p) for p in args.notebooks] or None, Path(args.out) if args.out else None)
    print(f"executed {len(written)} notebook(s)")
    return 0


def _cmd_info(_args: argparse.Namespace) -> int:
    from course.build import notebook_paths, require_checkout

    print(f"Spasm or signal? course, version {__version__}")
    for p in notebook_paths(require_checkout()):
        print(f"  {p.name}")
    print(DISCLAIMER)
    return 0


def _cmd_lab_settings(_args: argparse.Namespace) -> int:
    """Turn off JupyterLab's news pop-up and update check for this environment (no network at run time),
    install the course's Voilà app template (``course-app``) where Voilà looks for templates, and switch on
    kernel websockets without Nagle's delay (:mod:`course.server`)."""
    import json

    target = Path(sys.prefix) / "share" / "jupyter" / "lab" / "settings" / "overrides.json"
    target.parent.mkdir(parents=True, exist_ok=True)
    settings = json.loads(target.read_text()) if target.exists() else {}
    settings["@jupyterlab/apputils-extension:notification"] = {"fetchNews": "false", "checkForUpdates": False}
    target.write_text(json.dumps(settings, indent=2) + "\n")
    print(f"wrote {target}")
    from course.voila import install_template

    print(f"wrote {install_template()}")
    from course.server import install_config

    for path in install_config():
        print(f"wrote {path}")
    return 0


def _cmd_export(args: argparse.Namespace) -> int:
    """Write a static HTML copy of the executed notebooks (index.html + one page each) into OUT_DIR."""
    from course.build import require_checkout
    from course.export import export_html

    if not args.notebooks:
        require_checkout()
    # a student export by default: no answer keys linked or written (COURSE_SPEC V3.5)
    written = export_html(Path(args.out_dir), [Path(p) for p in args.notebooks] or None,
                          instructor=args.with_instructor)
    print(f"wrote {len(written)} file(s) into {args.out_dir}; open {Path(args.out_dir) / 'index.html'}")
    return 0


def _cmd_instructor(args: argparse.Namespace) -> int:
    """Regenerate the tracked, key-free instructor/timings.md and glossary.md; ``--out DIR``: the whole pack."""
    from course import instructor
    from course.build import require_checkout

    root = require_checkout()
    if args.out:  # the pack in a folder of its own: hand-written pages + freshly generated keys
        import shutil

        out = Path(args.out)
        shutil.copytree(instructor.INSTRUCTOR_DIR, out, dirs_exist_ok=True)
        written = instructor.write(out, keys=True)
        print(f"wrote the instructor pack ({len(list(out.rglob('*.md')))} pages, {len(written)} generated) "
              f"into {out}; keep it away from students (the course is in {root.parent})")
        return 0
    if args.check:
        stale = instructor.stale()
        keys = instructor.tracked_keys()
        print("instructor pack is current" if not stale else "out of date: " + ", ".join(stale))
        if keys:
            print("answer keys in the tracked instructor/ folder (students would get them): " + ", ".join(keys)
                  + "; delete them and build the pack with --out DIR")
        return 1 if stale or keys else 0
    for path in instructor.write():
        print(f"wrote {path}")
    print("answer keys: python -m course instructor --out DIR (a folder of its own, never tracked)")
    return 0


def _cmd_excitability_table(_args: argparse.Namespace) -> int:
    """Rebuild the precomputed table of the excitability explorer (course/data/excitability_table.npz)."""
    from course.excitability_table import write_table

    print(f"wrote {write_table()}")
    return 0


def _cmd_gradebook(args: argparse.Namespace) -> int:
    """Read student records (or write a demo class) and write gradebook.csv, dashboard.html, problems.txt."""
    from course import gradebook

    out = Path(args.out)
    paths = [Path(p) for p in args.records]
    if args.demo:
        paths += gradebook.demo_class(args.demo, out)
    if not paths:
        print("course gradebook: give record files or --demo N", file=sys.stderr)
        return 2
    gb, written = gradebook.write(paths, out)
    print(f"read {len(gb.students)} student record(s); problems in {len(gb.problems)} file(s)")
    for f, problems in sorted(gb.problems.items()):
        for problem in problems:
            print(f"  {f}: {problem}")
    for path in written:
        print(f"wrote {path}")
    return 0


def _cmd_student_copy(args: argparse.Namespace) -> int:
    """Copy the course without answer keys, model answers or rubrics into OUT."""
    from course.build import require_checkout
    from course.student_copy import student_copy

    written = student_copy(require_checkout().parent, Path(args.out))
    print(f"wrote a student copy ({len(written)} files) into {args.out}")
    return 0


def _cmd_remove_instructor(args: argparse.Namespace) -> int:
    """Delete the instructor-only folders (and git history) from the checkout ROOT in place (binder/postBuild)."""
    from course.student_copy import remove_instructor_only

    try:
        removed = remove_instructor_only(Path(args.root), drop_git=args.drop_git_history)
    except ValueError as exc:
        print(f"course remove-instructor: {exc}", file=sys.stderr)
        return 2
    print(f"removed {', '.join(p.name for p in removed) or 'nothing'} from {args.root}")
    return 0


def _cmd_validate(args: argparse.Namespace) -> int:
    """Run every model's published benchmarks, print the table and write (or, with --check, check) VALIDATION.md.

    Exit status 1 if a benchmark fails without being a known limitation, if a known limitation is missing
    from its notebook's limits box, or (with ``--check``) if VALIDATION.md is out of date.
    """
    from course import validation

    results = validation.run_all()
    print(validation.render_table(results))
    bad = validation.problems(results)
    for msg in bad:
        print(f"problem: {msg}")
    if args.check:
        is_stale = validation.stale(results)
        print(f"{validation.VALIDATION_PATH.name} is " + ("out of date" if is_stale else "current"))
        return 1 if (bad or is_stale) else 0
    print(f"wrote {validation.write(results)}")
    return 1 if bad else 0


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``course`` command."""
    parser = argparse.ArgumentParser(prog="course", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build", help="re-execute notebooks in place (or into --out) with clean metadata")
    b.add_argument("notebooks", nargs="*", help="notebooks to run (default: all in notebooks/)")
    b.add_argument("--out", help="write executed copies into this folder instead of in place")
    b.set_defaults(func=_cmd_build)
    i = sub.add_parser("info", help="list the notebooks and show the disclaimer")
    i.set_defaults(func=_cmd_info)
    ls = sub.add_parser("lab-settings", help="write JupyterLab overrides (no news pop-up) into this environment")
    ls.set_defaults(func=_cmd_lab_settings)
    e = sub.add_parser("export", help="write a static HTML copy of the executed notebooks into OUT_DIR")
    e.add_argument("out_dir", metavar="OUT_DIR", help="folder for index.html, the pages and plotly.min.js")
    e.add_argument("notebooks", nargs="*", help="notebooks to export (default: all in notebooks/)")
    e.add_argument("--with-instructor", action="store_true",
                   help="also write the instructor pack (answer keys) and link it: never for students")
    e.set_defaults(func=_cmd_export)
    ins = sub.add_parser("instructor",
                         help="regenerate the timings and glossary in instructor/; --out DIR: the pack with keys")
    ins.add_argument("--check", action="store_true",
                     help="only report whether the tracked files are current and hold no answer keys")
    ins.add_argument("--out", help="build the instructor pack into this folder of its own")
    ins.set_defaults(func=_cmd_instructor)
    x = sub.add_parser("excitability-table", help="rebuild the notebook-03 explorer's table of exact model runs")
    x.set_defaults(func=_cmd_excitability_table)
    g = sub.add_parser("gradebook", help="class CSV and HTML dashboard from student records")
    g.add_argument("records", nargs="*", help="student record files (.jsonl)")
    g.add_argument("--out", required=True, help="folder for gradebook.csv, dashboard.html and problems.txt")
    g.add_argument("--demo", type=int, default=0, metavar="N", help="also write a seeded synthetic class of N")
    g.set_defaults(func=_cmd_gradebook)
    sc = sub.add_parser("student-copy", help="copy the course without answer keys into OUT")
    sc.add_argument("out", metavar="OUT", help="folder for the student copy (must not exist or be empty)")
    sc.set_defaults(func=_cmd_student_copy)
    ri = sub.add_parser("remove-instructor", help="delete the instructor pack and git history from the checkout "
                        "ROOT in place (binder/postBuild; the image then holds no rubric)")
    ri.add_argument("root", metavar="ROOT", help="a course checkout (with pyproject.toml and course/)")
    ri.add_argument("--drop-git-history", action="store_true",
                    help="also delete ROOT/.git (its history holds the pack); for a built image only")
    ri.set_defaults(func=_cmd_remove_instructor)
    v = sub.add_parser("validate", help="run the models' published benchmarks; print them and write VALIDATION.md")
    v.add_argument("--check", action="store_true", help="only report (exit 1 if VALIDATION.md is stale or a "
                   "benchmark fails without a listed limitation)")
    v.set_defaults(func=_cmd_validate)
    args = parser.parse_args(argv)
    from course.build import NotInCheckout

    try:
        return args.func(args)
    except NotInCheckout as exc:
        print(f"course {args.command}: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
