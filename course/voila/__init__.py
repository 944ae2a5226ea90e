"""The course's Voilà app template (``course-app``): a notebook's "No code?" link shows only its app.

Each notebook names the template in its metadata (``"voila": {"template": "course-app"}``, set by
``course.build``); Voilà looks for it in ``<prefix>/share/jupyter/voila/templates/``. A wheel install puts it
there (pyproject ``data-files``); ``python -m course lab-settings`` (``make setup``, Binder's ``postBuild``)
copies it there for an editable install too.
"""

from __future__ import annotations

import shutil
import sys
from importlib.resources import files
from pathlib import Path
from typing import Any

__all__ = ["TEMPLATE", "APP_MARKERS", "app_cells", "explorer_cells", "install_template", "template_files"]

#: the template's name, as notebooks name it in their metadata
TEMPLATE = "course-app"
#: a code cell is part of the app if its source contains one of these (the same list stands in the template)
APP_MARKERS: tuple[str, ...] = ("_explorer(", "self_check(", "task_list(", "DISCLAIMER")


def explorer_cells(nb: Any) -> list[int]:
    """Indices of the code cells that build an explorer: they call a factory of ``course.ui.EXPLORERS``."""
    from course.ui import EXPLORERS

    calls = tuple(f"{factory}(" for factory in EXPLORERS)
    return [i for i, c in enumerate(nb.cells) if c.cell_type == "code" and any(call in c.source for call in calls)]


def app_cells(nb: Any) -> list[int]:
    """Indices of the cells the app view shows besides its title: code cells that call an explorer, the
    self-check form or the questions to explore, or print the disclaimer."""
    return [i for i, c in enumerate(nb.cells)
            if c.cell_type == "code" and any(m in c.source for m in APP_MARKERS)]


def template_files() -> dict[str, str]:
    """The template's files (name → text) as shipped in the package."""
    folder = files("course.voila") / TEMPLATE
    return {name: (folder / name).read_text(encoding="utf-8") for name in ("conf.json", "index.html.j2")}


def install_template(prefix: Path | None = None) -> Path:
    """Write the template into ``<prefix>/share/jupyter/voila/templates/course-app`` (default: this environment)."""
    target = Path(prefix or sys.prefix) / "share" / "jupyter" / "voila" / "templates" / TEMPLATE
    if target.is_symlink() or target.is_file():
        target.unlink()
    elif target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    for name, text in template_files().items():
        (target / name).write_text(text, encoding="utf-8")
    return target
