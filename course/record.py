"""The student's record of work: an append-only file of checksummed JSON lines.

Every prediction, first quiz answer, task attempt, own-words text and self-check practice case is appended
as it happens (:func:`append`), so the record survives a kernel restart and reopening the notebook. Each
line is one JSON object::

    {"v": 1, "t": "2025-01-31T10:02:03Z", "student": "Ada", "kind": "quiz", "topic": "electrolytes",
     "item": "electrolytes:3f2a9c1e", "data": {...}, "prev": "<sha of the line before>", "sha": "<16 hex>"}

``sha`` is the first 16 hex digits of the SHA-256 of the line's canonical JSON without ``sha``; ``prev``
chains each line to the one before it, so an edited, deleted or reordered line is detected. The file is
only ever opened for appending: a malformed line is reported by :func:`read` (with its line number) and
nothing already written is lost.

Where: the path in the environment variable ``COURSE_RECORD`` if set, else ``~/spasm-or-signal-record.jsonl``
(the student's home; on Binder, the home disappears with the session: download your work).
"""

from __future__ import annotations

import hashlib
import html
import json
import os
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

__all__ = [
    "KINDS", "Event", "ReadResult", "RecordError", "record_path", "append", "read", "student_name", "set_student",
    "checksum", "html_report", "KIND_TITLES", "item_id",
]

#: What a line can record.
KINDS: tuple[str, ...] = ("student", "quiz", "prediction", "task", "explain", "selfcheck")
VERSION = 1
_FILENAME = "spasm-or-signal-record.jsonl"


class RecordError(ValueError):
    """A record line that is not valid (bad JSON, missing fields, checksum or chain mismatch)."""


@dataclass(frozen=True)
class Event:
    """One valid line of a record."""

    t: str
    student: str
    kind: str
    topic: str
    item: str
    data: dict[str, Any]
    sha: str
    line: int = 0


@dataclass
class ReadResult:
    """What :func:`read` found: the valid events and, per bad line, ``(line number, message)``."""

    path: Path
    events: list[Event] = field(default_factory=list)
    errors: list[tuple[int, str]] = field(default_factory=list)


def record_path() -> Path:
    """The record file of this student (``$COURSE_RECORD`` or ``~/spasm-or-signal-record.jsonl``)."""
    env = os.environ.get("COURSE_RECORD")
    return Path(env).expanduser() if env else Path.home() / _FILENAME


def checksum(obj: dict[str, Any]) -> str:
    """First 16 hex digits of the SHA-256 of ``obj``'s canonical JSON, without its ``sha`` key."""
    body = {k: v for k, v in obj.items() if k != "sha"}
    text = json.dumps(body, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


#: How much of the end of a record is read to find its last line (bytes); a whole-file read only if needed.
_TAIL_BYTES = 1 << 16


def _tail_lines(path: Path) -> list[str]:
    """The whole lines in the last :data:`_TAIL_BYTES` of the record, last line first.

    Appends stay O(1) however long the record grows (a self-check sweep presses Check thousands of times).
    """
    size = path.stat().st_size
    with path.open("rb") as fh:
        fh.seek(max(0, size - _TAIL_BYTES))
        lines = fh.read().decode("utf-8", errors="replace").splitlines()
    return (lines[1:] if size > _TAIL_BYTES else lines)[::-1]  # the tail's first line may be cut


def _last_parsed(path: Path) -> dict[str, Any] | None:
    """The last line that parses as a JSON object with a ``sha``, or None (the tail first, the whole file only
    when no line of the tail does)."""
    if not path.is_file():
        return None
    whole = lambda: path.read_text("utf-8", errors="replace").splitlines()[::-1]  # noqa: E731 - read only if needed
    for read in (lambda: _tail_lines(path), whole):
        for raw in read():
            try:
                obj = json.loads(raw)
            except ValueError:
                continue
            if isinstance(obj, dict) and "sha" in obj:
                return obj
    return None


def _last_sha(path: Path) -> str:
    """The ``sha`` of the last line that parses (the chain continues from it), or ``""``."""
    obj = _last_parsed(path)
    return str(obj["sha"]) if obj is not None else ""


def append(kind: str, topic: str, item: str, data: dict[str, Any] | None = None, *,
           path: Path | None = None, now: datetime | None = None, student: str | None = None) -> dict[str, Any]:
    """Append one event to the record and return the line written (as a dict).

    ``kind`` is one of :data:`KINDS`; ``topic`` the quiz topic (e.g. ``"electrolytes"``) or notebook;
    ``item`` the question, prediction or task id; ``data`` what the student did. Never rewrites the file.
    """
    if kind not in KINDS:
        raise ValueError(f"kind={kind!r} is not valid; choose one of: " + ", ".join(map(repr, KINDS)))
    path = path or record_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    when = (now or datetime.now(UTC)).strftime("%Y-%m-%dT%H:%M:%SZ")
    obj: dict[str, Any] = {
        "v": VERSION, "t": when, "student": student if student is not None else student_name(path),
        "kind": kind, "topic": topic, "item": item, "data": data or {}, "prev": _last_sha(path),
    }
    obj["sha"] = checksum(obj)
    line = json.dumps(obj, ensure_ascii=False, separators=(",", ":"))
    with path.open("a", encoding="utf-8") as fh:
        fh.write(line + "\n")
        fh.flush()
        os.fsync(fh.fileno())
    return obj


def parse_line(raw: str, prev: str | None = None) -> dict[str, Any]:
    """Parse and check one line; :class:`RecordError` says what is wrong. ``prev``: the expected chain link."""
    try:
        obj = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise RecordError(f"not valid JSON ({exc.msg} at column {exc.colno})") from None
    except ValueError as exc:  # e.g. a lone surrogate
        raise RecordError(f"not valid JSON ({exc})") from None
    if not isinstance(obj, dict):
        raise RecordError("not a JSON object")
    missing = [k for k in ("v", "t", "student", "kind", "topic", "item", "data", "sha") if k not in obj]
    if missing:
        raise RecordError("missing field(s): " + ", ".join(missing))
    if obj["kind"] not in KINDS:
        raise RecordError(f"unknown kind {obj['kind']!r}")
    if checksum(obj) != obj["sha"]:
        raise RecordError("checksum does not match: the line was edited or is incomplete")
    if prev is not None and obj.get("prev", "") != prev:
        raise RecordError("chain broken: a line before this one was removed, edited or reordered")
    return obj


def read(path: Path | str) -> ReadResult:
    """Read a record: every valid event, and every bad line with its number and the reason. Never writes."""
    path = Path(path)
    result = ReadResult(path)
    if not path.is_file():
        result.errors.append((0, "file not found"))
        return result
    prev: str | None = ""
    text = path.read_text("utf-8", errors="replace")
    if text and not text.endswith("\n"):
        result.errors.append((text.count("\n") + 1, "last line is incomplete (no newline): a partial write"))
    for n, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip():
            continue
        try:
            obj = parse_line(raw, prev)
        except RecordError as exc:
            if str(exc).startswith("chain broken"):
                # the line itself is intact: keep it, report the break, and follow the chain from here
                obj = parse_line(raw)
                result.errors.append((n, str(exc)))
            else:
                result.errors.append((n, str(exc)))
                prev = None  # do not also blame the next line for the broken link
                continue
        prev = obj["sha"]
        result.events.append(Event(obj["t"], obj["student"], obj["kind"], obj["topic"], obj["item"],
                                   obj["data"], obj["sha"], n))
    return result


def student_name(path: Path | None = None) -> str:
    """The student's name or ID from the record, or ``""`` if none yet.

    Every line carries the name in force when it was written (``set_student`` writes the new one), so the
    last line that parses has it; only its tail is read.
    """
    path = path or record_path()
    obj = _last_parsed(path)
    if obj is None:
        return ""
    if obj.get("kind") == "student":
        return str(obj.get("data", {}).get("name", ""))
    return str(obj.get("student", ""))


def set_student(name: str, path: Path | None = None) -> dict[str, Any]:
    """Record the student's name or ID (asked once; later events carry it)."""
    name = " ".join(name.split())
    if not 1 <= len(name) <= 80:
        raise ValueError(f"name={name!r} must hold 1 to 80 characters")
    return append("student", "course", "name", {"name": name}, path=path, student=name)


def item_id(topic: str, prompt: str) -> str:
    """The record id of an explain prompt or a task: ``"<topic>:<first 8 hex of the prompt's SHA-256>"``."""
    return f"{topic}:{hashlib.sha256(prompt.encode('utf-8')).hexdigest()[:8]}"


def _item_texts() -> dict[str, tuple[str, tuple[str, ...]]]:
    """Record item id → (the prompt the student saw, the options of a quiz question), for the report."""
    from course.predictions import PREDICTIONS
    from course.quizzes import explain_prompts, load, tasks, topics

    texts: dict[str, tuple[str, tuple[str, ...]]] = {k: (p.prompt, ()) for k, p in PREDICTIONS.items()}
    for t in topics():
        texts.update({q.qid: (q.prompt, tuple(q.options)) for q in load(t)})
        texts.update({item_id(t, e.prompt): (e.prompt, ()) for e in explain_prompts(t)})
        texts.update({item_id(t, k.prompt): (k.prompt, ()) for k in tasks(t)})
    return texts


#: Section title of each kind in :func:`html_report`, in report order.
KIND_TITLES: tuple[tuple[str, str], ...] = (
    ("prediction", "Predictions (committed before the model answered)"),
    ("quiz", "Quiz answers (the first try counts)"),
    ("task", "Explorer task attempts"),
    ("explain", "In your own words"),
    ("selfcheck", "Self-check practice cases"),
)


def _describe(kind: str, data: dict[str, Any], options: tuple[str, ...] = ()) -> tuple[str, str]:
    """(what the student did, the outcome) of one event, as plain text; ``options``: a quiz question's."""
    if kind == "prediction":
        right = data.get("correct")
        outcome = "" if right is None else ("same as the model" if right else "the model says otherwise")
        return str(data.get("answer", "")), outcome
    if kind == "quiz":
        choice = data.get("choice")
        shown = "?"
        if isinstance(choice, int):
            shown = options[choice] if 0 <= choice < len(options) else f"option {choice + 1}"
        return shown, "right at the first try" if data.get("correct") else "not right at the first try"
    if kind in ("task", "explain"):
        return str(data.get("text", "")), f"{len(str(data.get('text', '')).split())} words"
    if kind == "selfcheck":
        answers = data.get("answers", {})
        given = "; ".join(f"{k}: {', '.join(map(str, v)) if isinstance(v, list) else v}"
                          for k, v in answers.items()) if isinstance(answers, dict) else str(answers)
        return given, str(data.get("tier_label") or data.get("tier", ""))
    return json.dumps(data, ensure_ascii=False), ""


def html_report(path: Path | str | None = None, *, now: datetime | None = None) -> str:
    """A readable, printable HTML page of the whole record: every prediction, first quiz answer, task attempt,
    own-words text and self-check practice case with its time (UTC), and any bad line with its number."""
    result = read(path or record_path())
    esc = html.escape
    name = ""
    for e in result.events:
        if e.kind == "student":
            name = str(e.data.get("name", ""))
    when = (now or datetime.now(UTC)).strftime("%Y-%m-%d %H:%M UTC")
    parts = [
        "<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
        f"<title>My work — Spasm or signal? — {esc(name or 'no name given')}</title>",
        "<style>body{font-family:system-ui,sans-serif;max-width:60em;margin:1em auto;color:#111;line-height:1.4}"
        "table{border-collapse:collapse;width:100%;margin-bottom:1.5em}th,td{border:1px solid #999;padding:4px 6px;"
        "vertical-align:top;text-align:left}th{background:#eee}td.t{white-space:nowrap}"
        "@media print{h2{break-after:avoid}tr{break-inside:avoid}}</style></head><body>",
        "<h1>My work in “Spasm or signal?”</h1>",
        f"<p><b>Student:</b> {esc(name or 'no name given')}<br><b>Report made:</b> {esc(when)}<br>"
        f"<b>Record:</b> {len(result.events)} entries in <code>{esc(result.path.name)}</code> "
        "(times are UTC; the JSON record, downloaded beside this page, is what an instructor's gradebook reads)."
        "</p>",
        "<p><i>Educational use only: not medical advice.</i></p>",
    ]
    if result.errors:
        items = "".join(f"<li>line {n}: {esc(msg)}</li>" for n, msg in result.errors)
        parts.append(f'<div role="alert"><p><b>Problems in the record file</b> (the valid lines are all kept):'
                     f"</p><ul>{items}</ul></div>")
    texts = _item_texts()
    for kind, title in KIND_TITLES:
        events = [e for e in result.events if e.kind == kind]
        parts.append(f"<h2>{esc(title)} — {len(events)}</h2>")
        if not events:
            parts.append("<p>None recorded yet.</p>")
            continue
        rows = []
        for e in events:
            prompt, options = texts.get(e.item, (e.item, ()))
            did, outcome = _describe(kind, e.data, options)
            rows.append(f'<tr><td class="t">{esc(e.t.replace("T", " ").rstrip("Z"))}</td><td>{esc(e.topic)}</td>'
                        f"<td>{esc(prompt)}</td><td>{esc(did)}</td><td>{esc(outcome)}</td></tr>")
        parts.append("<table><thead><tr><th>time (UTC)</th><th>topic</th><th>question or case</th><th>what I did</th>"
                     "<th>outcome</th></tr></thead><tbody>" + "".join(rows) + "</tbody></table>")
    parts.append("</body></html>")
    return "\n".join(parts)
