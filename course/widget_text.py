"""The stored text of a course widget (COURSE_SPEC V3.5, "widgets that look alive").

A saved notebook keeps no widget state (:func:`course.build.clean_notebook` drops it, and with it every widget
*view* output), so what a student sees before Run All, and what the HTML export shows, is a widget's
``text/plain``: a friendly line made by :func:`live_text`, never ``MembraneExplorer(children=(…``. No widget
imports here: :mod:`course.export` and :mod:`course.build` read it too.
"""

from __future__ import annotations

import re

__all__ = ["LIVE_HINT", "WIDGET_MIME", "live_text", "live_what"]

#: The instruction every stored widget line carries.
LIVE_HINT = "Run the notebook — Run ▸ Run All Cells — to start this"
#: The MIME type of a widget view output (needs the widget's live model to show anything).
WIDGET_MIME = "application/vnd.jupyter.widget-view+json"
_LINE = re.compile(r"^(?P<what>[^\n]+?)\. " + re.escape(LIVE_HINT) + r" (?P<noun>[^\n]+)\.$")


def live_text(what: str, noun: str) -> str:
    """``"Interactive explorer. Run the notebook — Run ▸ Run All Cells — to start this explorer."``"""
    if not what.strip() or not noun.strip():
        raise ValueError(f"what={what!r} and noun={noun!r} must both be non-empty")
    return f"{what}. {LIVE_HINT} {noun}."


def live_what(text: str) -> str | None:
    """The ``what`` of a line made by :func:`live_text` (``"Knowledge check"``), or None for any other text."""
    m = _LINE.match(text.strip())
    return m.group("what") if m else None
