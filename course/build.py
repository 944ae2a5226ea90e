"""Re-execute notebooks in place (or into another folder) with clean, deterministic metadata.

``python -m course build`` runs every ``notebooks/*.ipynb`` top to bottom in a fresh
``python3`` kernel, stores the outputs, and strips what changes from run to run or
from machine to machine: cell timing, the widget-state blob (megabytes of plotly.js),
interpreter versions and paths. With no widget state saved, a widget *view* output could only show
"Error displaying widget: model not found" when the notebook is reopened, so views are dropped too and
each widget output keeps its friendly ``text/plain`` line (:mod:`course.widget_text`).
"""

from __future__ import annotations

from pathlib import Path
from types import MappingProxyType

import nbformat
from nbclient import NotebookClient

from course.voila import TEMPLATE as VOILA_TEMPLATE
from course.widget_text import WIDGET_MIME, live_text, live_what

__all__ = [
    "NOTEBOOK_DIR", "NotInCheckout", "require_checkout", "notebook_paths", "execute_notebook", "clean_notebook",
    "build",
]

#: ``notebooks/`` next to the ``course`` package in a source checkout.
NOTEBOOK_DIR = Path(__file__).resolve().parent.parent / "notebooks"

KERNELSPEC = MappingProxyType({"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"})


class NotInCheckout(RuntimeError):
    """The notebooks (and the instructor pack) are not next to this copy of the ``course`` package."""


def require_checkout(folder: Path = NOTEBOOK_DIR) -> Path:
    """Return ``folder`` if it holds the course notebooks; else raise :class:`NotInCheckout` saying what to do.

    The notebooks and the instructor pack live in the course repository beside the package. An install from
    a wheel (``pip install spasm-or-signal`` / ``pip install .``) carries the package only: the models,
    explorers and quiz data a student's kernel imports. The commands that read notebooks need the checkout.
    """
    folder = Path(folder)
    if not any(folder.glob("[0-9][0-9]_*.ipynb")):
        raise NotInCheckout(
            f"no course notebooks in {folder}: this `course` package is installed without its repository "
            "(a wheel carries the models and explorers, not the notebooks). Run this command from a clone of "
            "the course repository (git clone …; cd course; make lab), or pass the notebooks explicitly where "
            "the command accepts them."
        )
    return folder


def notebook_paths(folder: Path = NOTEBOOK_DIR) -> list[Path]:
    """Course notebooks in ``folder``, in course order (``00_…`` first); [] if there are none."""
    return sorted(p for p in Path(folder).glob("[0-9][0-9]_*.ipynb"))


def clean_notebook(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Drop volatile and machine-specific metadata from an executed notebook (in place); name the Voilà app
    template (:mod:`course.voila`).

    Consecutive stream outputs of one cell (stdout or stderr) are joined: the kernel splits a print loop
    into messages by timing, so the stored notebook would otherwise differ run to run. Also drops each widget
    view (its model is not saved): the output keeps its ``text/plain``, the friendly "Run the notebook …" line
    of :mod:`course.widget_text`, which a reopened notebook shows instead of "Error displaying widget: model
    not found".
    """
    nb.metadata = nbformat.from_dict({
        "kernelspec": dict(KERNELSPEC), "language_info": {"name": "python"},
        # a "No code?" link opens only the app (course/voila/course-app): explorer, its questions, the disclaimer
        "voila": {"template": VOILA_TEMPLATE},
    })
    for cell in nb.cells:
        for key in ("execution", "collapsed", "scrolled", "ExecuteTime"):
            cell.metadata.pop(key, None)
        if cell.get("outputs"):  # one print loop may arrive as several stream messages, split by timing
            merged: list = []
            for out in cell.outputs:
                prev = merged[-1] if merged else None
                if (prev is not None and out.get("output_type") == "stream" == prev.get("output_type")
                        and out.get("name") == prev.get("name")):
                    prev["text"] = "".join(prev["text"]) + "".join(out["text"])
                else:
                    merged.append(out)
            cell.outputs = merged
        for out in cell.get("outputs", []):
            data = out.get("data", {})
            if WIDGET_MIME in data:
                data.pop(WIDGET_MIME)
                if live_what("".join(data.get("text/plain", ""))) is None:  # a widget of no course class
                    data["text/plain"] = live_text("Interactive widget", "widget")
    return nb


def execute_notebook(path: Path, out_path: Path | None = None, timeout: int = 600) -> Path:
    """Execute one notebook with the ``python3`` kernel, clean it and write it to ``out_path``."""
    path = Path(path)
    out_path = Path(out_path) if out_path is not None else path
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(
        nb,
        kernel_name="python3",
        timeout=timeout,
        record_timing=False,
        resources={"metadata": {"path": str(path.parent)}},
    )
    client.execute()
    clean_notebook(nb)
    nbformat.validate(nb)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, out_path)
    return out_path


def build(paths: list[Path] | None = None, out_dir: Path | None = None) -> list[Path]:
    """Execute ``paths`` (default: every course notebook); write in place or into ``out_dir``."""
    paths = [Path(p) for p in paths] if paths else notebook_paths()
    written = []
    for p in paths:
        target = p if out_dir is None else Path(out_dir) / p.name
        print(f"executing {p.name} …", flush=True)
        written.append(execute_notebook(p, target))
    return written
