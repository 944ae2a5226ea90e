""""Download my work" (COURSE_SPEC V3.5, "a record of the work"): the student's name once, then two downloads.

:func:`download_my_work` shows a name/ID box (saved with :func:`course.record.set_student`, so it is
remembered across kernel restarts and notebooks) and a button that prepares two links: a readable,
printable HTML report (:func:`course.record.html_report`) and the JSON-lines record itself (what
``python -m course gradebook`` reads). The links are ``data:`` URIs with a ``download`` attribute inside an
``HTML`` widget, so they work in JupyterLab and in Voilà with no server extension and no custom JavaScript.
"""

from __future__ import annotations

import base64
import html
from datetime import UTC, datetime
from pathlib import Path

import ipywidgets as widgets

from course import record
from course.ui._common import CourseStyle, FriendlyRepr

__all__ = ["download_my_work", "WorkRecord", "data_link"]


def data_link(text: str, filename: str, mime: str, label: str) -> str:
    """An ``<a download>`` link whose ``data:`` URI holds ``text`` (UTF-8, base64)."""
    b64 = base64.b64encode(text.encode("utf-8")).decode("ascii")
    return (f'<a download="{html.escape(filename)}" href="data:{mime};charset=utf-8;base64,{b64}" '
            f'style="margin-right:1.5em" class="course-record-link">{html.escape(label)}</a>')


def _slug(name: str) -> str:
    keep = "".join(c if c.isalnum() else "-" for c in name.strip().lower())
    return "-".join(p for p in keep.split("-") if p)[:40] or "student"


class WorkRecord(FriendlyRepr, widgets.VBox):
    """The "Download my work" box (handles: ``name``, ``save_button``, ``download_button``, ``status_html``,
    ``links_html``). ``path``: the record file (default :func:`course.record.record_path`)."""

    live_what, live_noun = "Download my work", "download box"

    def __init__(self, path: Path | None = None) -> None:
        self.path = path
        known = record.student_name(path)
        self.name = widgets.Text(
            value=known, placeholder="your name or student ID", description="Name or ID",
            style={"description_width": "initial"}, layout=widgets.Layout(width="24em"),
        )
        self.save_button = widgets.Button(description="Save my name", icon="user",
                                          tooltip="Put this name on everything you record in the course",
                                          layout=widgets.Layout(width="auto", flex="0 0 auto"))
        self.save_button.on_click(lambda _b: self.save_name())
        self.download_button = widgets.Button(
            description="Download my work", icon="download", layout=widgets.Layout(width="auto"),
            tooltip="Prepare an HTML report and the JSON record of everything you did so far",
        )
        self.download_button.on_click(lambda _b: self.prepare())
        self.status_html = widgets.HTML()
        self.links_html = widgets.HTML()
        self._show_name(known)
        super().__init__([
            widgets.HTML("<p><b>My work.</b> Your predictions, first quiz answers, task attempts, own-words "
                         "answers and self-check cases are saved as you go. Give your name once; download "
                         "a report before you close the course.</p>"),
            # the button goes under the name box when both do not fit (a phone, 200 % zoom)
            widgets.HBox([self.name, self.save_button], layout=widgets.Layout(flex_flow="row wrap")),
            self.status_html, self.download_button, self.links_html, CourseStyle(),
        ], layout=widgets.Layout(border="2px solid #009E73", padding="6px 10px", margin="6px 0"))
        self.add_class("course-record")

    def _show_name(self, name: str) -> None:
        self.status_html.value = (
            f'<div role="status">Recording as <b>{html.escape(name)}</b>.</div>' if name
            else '<div role="status">No name yet: type your name or ID and press <i>Save my name</i>.</div>'
        )

    def save_name(self) -> bool:
        """Record the typed name (once per change); return whether it was saved."""
        try:
            if " ".join(self.name.value.split()) != record.student_name(self.path):
                record.set_student(self.name.value, self.path)
        except ValueError:
            self.status_html.value = '<div role="alert">⚠ Type a name or ID of 1 to 80 characters.</div>'
            return False
        except OSError as exc:  # pragma: no cover - read-only home
            self.status_html.value = f'<div role="alert">⚠ Could not save: {html.escape(str(exc))}</div>'
            return False
        self._show_name(record.student_name(self.path))
        return True

    def prepare(self, now: datetime | None = None) -> tuple[str, str]:
        """Build the two downloads from the record as it is now; return (HTML report, JSON-lines text)."""
        path = self.path or record.record_path()
        if self.name.value.strip() and not self.save_name():
            return "", ""
        now = now or datetime.now(UTC)
        report = record.html_report(path, now=now)
        raw = path.read_text("utf-8", errors="replace") if path.is_file() else ""
        stem = f"spasm-or-signal-{_slug(record.student_name(path))}-{now:%Y%m%d-%H%M}"
        n = len(record.read(path).events) if raw else 0
        self.links_html.value = (
            f'<div role="status"><p>{n} entries. Save both files:</p><p>'
            + data_link(report, f"{stem}.html", "text/html", "⬇ my work as a page (HTML, printable)")
            + data_link(raw, f"{stem}.jsonl", "application/json", "⬇ my record (JSON, for the instructor)")
            + "</p></div>"
        )
        return report, raw


def download_my_work(path: Path | None = None) -> WorkRecord:
    """The "Download my work" box: a name asked once, an HTML report and the JSON record to download."""
    return WorkRecord(path)
