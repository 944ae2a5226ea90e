"""The ``course`` command: build the notebooks, export static HTML, print course info.

Usage::

    python -m course build [NOTEBOOK ...] [--out DIR]   # re-execute notebooks, store outputs
    python -m course info                                # what is in the course
    python -m course excitability-table                  # rebuild the notebook-03 explorer table
    python -m course validate [--check]                  # models against published benchmarks → VALIDATION.md
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from course import DISCLAIMER, __version__

__all__ = ["main"]


def _cmd_build(args: argparse.Namespace) -> int:
    from course.build import build

    written = build([Path(p) for p in args.notebooks] or None, Path(args.out) if args.out else None)
    print(f"executed {len(written)} notebook(s)")
    return 0


def _cmd_info(_args: argparse.Namespace) -> int:
    from course.build import notebook_paths

    print(f"Spasm or signal? course, version {__version__}")
    for p in notebook_paths():
        print(f"  {p.name}")
    print(DISCLAIMER)
    return 0


def _cmd_lab_settings(_args: argparse.Namespace) -> int:
    """Turn off JupyterLab's news pop-up and update check for this environment (no network at run time)."""
    import json

    target = Path(sys.prefix) / "share" / "jupyter" / "lab" / "settings" / "overrides.json"
    target.parent.mkdir(parents=True, exist_ok=True)
    settings = json.loads(target.read_text()) if target.exists() else {}
    settings["@jupyterlab/apputils-extension:notification"] = {"fetchNews": "false", "checkForUpdates": False}
    target.write_text(json.dumps(settings, indent=2) + "\n")
    print(f"wrote {target}")
    return 0


def _cmd_export(args: argparse.Namespace) -> int:
    """Write a static HTML copy of the executed notebooks (index.html + one page each) into OUT_DIR."""
    from course.export import export_html

    written = export_html(Path(args.out_dir), [Path(p) for p in args.notebooks] or None, instructor=True)
    print(f"wrote {len(written)} file(s) into {args.out_dir}; open {Path(args.out_dir) / 'index.html'}")
    return 0


def _cmd_instructor(args: argparse.Namespace) -> int:
    """Regenerate instructor/answer_keys.md, timings.md and glossary.md from the course data."""
    from course import instructor

    if args.check:
        stale = instructor.stale()
        print("instructor pack is current" if not stale else "out of date: " + ", ".join(stale))
        return 1 if stale else 0
    for path in instructor.write():
        print(f"wrote {path}")
    return 0


def _cmd_excitability_table(_args: argparse.Namespace) -> int:
    """Rebuild the precomputed table of the excitability explorer (course/data/excitability_table.npz)."""
    from course.excitability_table import write_table

    print(f"wrote {write_table()}")
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
    e.set_defaults(func=_cmd_export)
    ins = sub.add_parser("instructor", help="regenerate the answer keys, timings and glossary in instructor/")
    ins.add_argument("--check", action="store_true", help="only report whether the files are current")
    ins.set_defaults(func=_cmd_instructor)
    x = sub.add_parser("excitability-table", help="rebuild the notebook-03 explorer's table of exact model runs")
    x.set_defaults(func=_cmd_excitability_table)
    v = sub.add_parser("validate", help="run the models' published benchmarks; print them and write VALIDATION.md")
    v.add_argument("--check", action="store_true", help="only report (exit 1 if VALIDATION.md is stale or a "
                   "benchmark fails without a listed limitation)")
    v.set_defaults(func=_cmd_validate)
    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
