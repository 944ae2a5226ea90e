"""A class view for instructors: many student records → a CSV (one row per student) and an HTML dashboard.

``python -m course gradebook RECORDS… --out DIR`` reads the records students downloaded
(:mod:`course.record`), and writes ``DIR/gradebook.csv`` and ``DIR/dashboard.html``. The dashboard's plots
(inline SVG, no network, printable) show first-try correctness per question, the misconception each wrong
option stands for and how many chose it, prediction accuracy per block, completion per notebook and time
on task. A bad line, a duplicate first answer, a duplicate file or a partial record is reported per file
in ``DIR/problems.txt`` and on the dashboard; it never stops the other files from being read.

``python -m course gradebook --demo 30 --out DIR`` writes a seeded synthetic class (``DIR/records/``, one
file per student, a few of them damaged on purpose) and its dashboard, so an instructor can try it first.
Time on task = the sum of the gaps between a student's consecutive events, each gap capped at
:data:`IDLE_CAP_MIN` minutes (a gap longer than that is taken as a break).
"""

from __future__ import annotations

import csv
import hashlib
import html
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np

from course import record
from course.predictions import PREDICTIONS, notebook_of_topic, topic_of
from course.quizzes import Question, explain_prompts, load, tasks, topics

__all__ = ["StudentSummary", "Gradebook", "read_class", "write", "demo_class", "IDLE_CAP_MIN"]

#: A gap between two events longer than this (minutes) counts as a break, not as time on task.
IDLE_CAP_MIN = 10.0


def _questions() -> dict[str, Question]:
    return {q.qid: q for t in topics() for q in load(t)}


def _items_per_topic() -> dict[str, set[str]]:
    """Every recordable item id of each topic (questions, explain prompts, tasks, predictions)."""
    from course.ui.quiz import _item_id

    items: dict[str, set[str]] = defaultdict(set)
    for t in topics():
        items[t] |= {q.qid for q in load(t)}
        items[t] |= {_item_id(t, e.prompt) for e in explain_prompts(t)}
        items[t] |= {_item_id(t, k.prompt) for k in tasks(t)}
    for key in PREDICTIONS:
        items[topic_of(key)].add(key)
    return dict(items)


@dataclass
class StudentSummary:
    """One student's record, summarised."""

    file: str
    student: str
    first_try: dict[str, bool] = field(default_factory=dict)  # question id → right at the first try
    choices: dict[str, int] = field(default_factory=dict)  # question id → first option chosen (data order)
    predictions: dict[str, bool | None] = field(default_factory=dict)  # prediction key → right?
    done: set[str] = field(default_factory=set)  # every item id with a recorded attempt
    minutes: float = 0.0
    problems: list[str] = field(default_factory=list)

    def completion(self, items: dict[str, set[str]]) -> dict[str, float]:
        """Fraction of each topic's items this student attempted."""
        return {t: len(self.done & ids) / len(ids) for t, ids in items.items() if ids}


@dataclass
class Gradebook:
    """The whole class: one :class:`StudentSummary` per readable file, and the problems per file."""

    students: list[StudentSummary]
    problems: dict[str, list[str]]


def _summarise(path: Path, result: record.ReadResult) -> StudentSummary:
    name = ""
    for e in result.events:
        if e.kind == "student":
            name = str(e.data.get("name", ""))
    s = StudentSummary(file=path.name, student=name or path.stem)
    s.problems = [f"line {n}: {msg}" for n, msg in result.errors]
    if not name:
        s.problems.append("partial record: no student name in it (the file name is used)")
    times = []
    for e in result.events:
        try:
            times.append(datetime.strptime(e.t, "%Y-%m-%dT%H:%M:%SZ"))
        except ValueError:
            s.problems.append(f"line {e.line}: unreadable time {e.t!r}")
        if e.kind == "quiz":
            if e.item in s.first_try:
                s.problems.append(f"line {e.line}: duplicate first answer to {e.item} (the earlier one counts)")
                continue
            s.first_try[e.item] = bool(e.data.get("correct"))
            if isinstance(e.data.get("choice"), int):
                s.choices[e.item] = e.data["choice"]
        elif e.kind == "prediction":
            if e.item in s.predictions:
                s.problems.append(f"line {e.line}: duplicate prediction {e.item} (the earlier one counts)")
                continue
            s.predictions[e.item] = e.data.get("correct")
        if e.kind != "student":
            s.done.add(e.item)
    times.sort()
    gaps = np.diff(np.array([t.timestamp() for t in times])) / 60.0 if len(times) > 1 else np.array([])
    s.minutes = float(np.minimum(gaps, IDLE_CAP_MIN).sum()) if gaps.size else 0.0
    return s


def read_class(paths: list[Path]) -> Gradebook:
    """Read every record; each file's problems are collected, and no bad file stops the others."""
    students: list[StudentSummary] = []
    problems: dict[str, list[str]] = {}
    seen: dict[str, str] = {}
    for path in paths:
        path = Path(path)
        try:
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
        except OSError as exc:
            problems[path.name] = [f"cannot read the file: {exc.strerror or exc}"]
            continue
        if digest in seen:
            problems[path.name] = [f"duplicate file: the same content as {seen[digest]} (skipped)"]
            continue
        seen[digest] = path.name
        result = record.read(path)
        if not result.events:
            problems[path.name] = [f"line {n}: {m}" for n, m in result.errors] + ["no valid event: skipped"]
            continue
        s = _summarise(path, result)
        if s.problems:
            problems[path.name] = s.problems
        students.append(s)
    return Gradebook(students, problems)


# ------------------------------------------------------------------------------------------------ output
def _csv(gb: Gradebook, items: dict[str, set[str]], out: Path) -> Path:
    nb = notebook_of_topic()
    order = sorted(items, key=lambda t: (nb.get(t, "99"), t))
    path = out / "gradebook.csv"
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["student", "file", "quiz_first_try_right", "quiz_answered", "predictions_right",
                    "predictions_made", "items_done", "minutes_on_task",
                    *[f"completion_{nb.get(t, '')}_{t}" for t in order], "problems"])
        for s in sorted(gb.students, key=lambda s: s.student.lower()):
            comp = s.completion(items)
            w.writerow([s.student, s.file, sum(s.first_try.values()), len(s.first_try),
                        sum(1 for v in s.predictions.values() if v), len(s.predictions), len(s.done),
                        f"{s.minutes:.0f}", *[f"{comp.get(t, 0):.2f}" for t in order], len(s.problems)])
    return path


def _bars(rows: list[tuple[str, float, str]], unit: str = "%", vmax: float = 100.0, title: str = "") -> str:
    """A horizontal bar chart as inline SVG: (label, value, tooltip) per bar."""
    h, label_w, bar_w = 18, 330, 360
    parts = [f'<svg role="img" aria-label="{html.escape(title)}" width="{label_w + bar_w + 60}" '
             f'height="{h * len(rows) + 10}" style="font:12px sans-serif">']
    for i, (label, value, tip) in enumerate(rows):
        y = 5 + i * h
        w = 0 if vmax <= 0 else bar_w * max(0.0, min(value, vmax)) / vmax
        parts.append(f'<text x="{label_w - 6}" y="{y + 12}" text-anchor="end">{html.escape(label[:55])}</text>'
                     f'<rect x="{label_w}" y="{y + 2}" width="{w:.1f}" height="{h - 5}" fill="#0072B2">'
                     f"<title>{html.escape(tip)}</title></rect>"
                     f'<text x="{label_w + w + 4:.1f}" y="{y + 12}">{value:.0f}{unit}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _dashboard(gb: Gradebook, items: dict[str, set[str]], out: Path) -> Path:
    qs = _questions()
    nb = notebook_of_topic()
    n = len(gb.students)
    sec: list[str] = []
    # 1. first-try correctness per question
    per_q = []
    for qid, q in qs.items():
        answers = [s.first_try[qid] for s in gb.students if qid in s.first_try]
        if answers:
            per_q.append((f"{qid} {q.prompt}", 100 * sum(answers) / len(answers),
                          f"{q.prompt} — {sum(answers)} of {len(answers)} right at the first try"))
    sec.append("<h2>First-try correctness per question</h2><p>Share of the students who answered it that were "
               "right at the first try (hover a bar for the question). Low bars are the questions to discuss.</p>"
               + _bars(sorted(per_q, key=lambda r: r[1]), title="first-try correctness per question"))
    # 2. misconceptions: each wrong option chosen at the first try
    rows = []
    for qid, q in qs.items():
        chosen = Counter(s.choices[qid] for s in gb.students if qid in s.choices)
        for j, count in chosen.most_common():
            if j != q.correct and 0 <= j < len(q.options):
                rows.append((count, q, j))
    rows.sort(key=lambda r: -r[0])
    table = "".join(
        f"<tr><td>{c}</td><td>{html.escape(q.prompt[:90])}</td><td>{html.escape(q.options[j])}</td>"
        f"<td>{html.escape(q.feedback[j])}</td></tr>" for c, q, j in rows[:25])
    sec.append("<h2>Misconceptions chosen</h2><p>Wrong options picked at the first try, most chosen first; the "
               "last column is the misconception the option stands for (its feedback).</p>"
               '<table><tr><th>students</th><th>question</th><th>wrong option</th><th>misconception</th></tr>'
               + (table or '<tr><td colspan="4">none yet</td></tr>') + "</table>")
    # 3. prediction accuracy per block
    pred_rows = []
    for key, item in PREDICTIONS.items():
        got = [bool(v) for s in gb.students if (v := s.predictions.get(key)) is not None]
        if got:
            pred_rows.append((f"{item.notebook} {key}", 100 * sum(got) / len(got),
                              f"{item.prompt} — {sum(got)} of {len(got)} predicted what the model shows"))
    sec.append("<h2>Prediction accuracy per block</h2><p>Share of committed predictions that matched the model "
               "(numbers: within 10 %). A low share is expected for a good surprise.</p>"
               + _bars(pred_rows, title="prediction accuracy per block"))
    # 4. completion per notebook
    comp_rows = []
    for t in sorted(items, key=lambda t: (nb.get(t, "99"), t)):
        vals = [s.completion(items).get(t, 0.0) for s in gb.students]
        comp_rows.append((f"{nb.get(t, '')} {t}", 100 * float(np.mean(vals)) if vals else 0.0,
                          f"{t}: mean share of its {len(items[t])} activities attempted"))
    sec.append("<h2>Completion per notebook</h2><p>Mean share of each notebook's activities (questions, "
               "predictions, tasks, own-words prompts) that students attempted.</p>"
               + _bars(comp_rows, title="completion per notebook"))
    # 5. time on task
    minutes = sorted(((s.student, s.minutes) for s in gb.students), key=lambda r: -r[1])
    vmax = max([m for _, m in minutes] + [1.0])
    sec.append(f"<h2>Time on task</h2><p>Minutes between a student's first and last recorded action, gaps over "
               f"{IDLE_CAP_MIN:g} minutes counted as {IDLE_CAP_MIN:g}. Median "
               f"{float(np.median([m for _, m in minutes])) if minutes else 0:.0f} min.</p>"
               + _bars([(name, m, f"{name}: {m:.0f} min") for name, m in minutes], unit=" min", vmax=vmax,
                       title="time on task per student"))
    # problems per file
    probs = "".join(f"<li><b>{html.escape(f)}</b><ul>" + "".join(f"<li>{html.escape(p)}</li>" for p in ps)
                    + "</ul></li>" for f, ps in sorted(gb.problems.items()))
    sec.append(f"<h2>Problems found in the records ({len(gb.problems)} files)</h2>"
               + (f"<ul>{probs}</ul>" if probs else "<p>None.</p>"))
    page = (
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Class dashboard</title>'
        "<style>body{font-family:sans-serif;max-width:1100px;margin:1em auto;padding:0 1em}"
        "table{border-collapse:collapse;font-size:13px}td,th{border:1px solid #ccc;padding:3px 6px;"
        "vertical-align:top}</style></head><body>"
        f"<h1>Spasm or signal? — class dashboard</h1><p>{n} students, {len(qs)} questions; made "
        f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC. One row per student in gradebook.csv.</p>"
        + "".join(sec) + "</body></html>"
    )
    path = out / "dashboard.html"
    path.write_text(page, "utf-8")
    return path


def write(paths: list[Path], out: Path) -> tuple[Gradebook, list[Path]]:
    """Read ``paths`` and write ``out/gradebook.csv``, ``out/dashboard.html`` and ``out/problems.txt``."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    gb = read_class([Path(p) for p in paths])
    items = _items_per_topic()
    written = [_csv(gb, items, out), _dashboard(gb, items, out)]
    lines = [f"{f}: {p}" for f, ps in sorted(gb.problems.items()) for p in ps]
    problems = out / "problems.txt"
    problems.write_text("\n".join(lines) + ("\n" if lines else ""), "utf-8")
    written.append(problems)
    return gb, written


# ------------------------------------------------------------------------------------------------ demo
def demo_class(n: int, out: Path, seed: int = 7) -> list[Path]:
    """Write ``n`` synthetic student records (seeded) into ``out/records/``; a few are damaged on purpose.

    Each student has an ability; the chance of a right first answer rises with it, and a wrong answer
    picks one of the distractors. Damage: one edited line, one truncated last line, one copy of another
    file, one record without a name.
    """
    if not 1 <= n <= 1000:
        raise ValueError(f"n={n} is outside the allowed range [1, 1000]")
    rng = np.random.default_rng(seed)
    folder = Path(out) / "records"
    folder.mkdir(parents=True, exist_ok=True)
    qs = list(_questions().values())
    keys = list(PREDICTIONS)
    start = datetime(2025, 3, 3, 9, 0, tzinfo=UTC)
    paths = []
    for k in range(n):
        path = folder / f"student_{k + 1:02d}.jsonl"
        path.unlink(missing_ok=True)
        ability = rng.normal(0.0, 1.0)
        now = start + timedelta(minutes=int(rng.integers(0, 120)))
        name = f"Student {k + 1:02d}"
        if k != 3:  # student 04 never gave a name
            record.append("student", "course", "name", {"name": name}, path=path, now=now, student=name)
        who = name if k != 3 else ""
        for key in keys:
            if rng.random() < 0.85:
                now += timedelta(seconds=int(rng.integers(20, 240)))
                right = bool(rng.random() < 0.35 + 0.1 * ability)
                record.append("prediction", topic_of(key), key, {"answer": "…", "correct": right},
                              path=path, now=now, student=who)
        for q in qs:
            if rng.random() < 0.8:
                now += timedelta(seconds=int(rng.integers(15, 180)))
                p = 1 / (1 + np.exp(-(0.4 + 1.2 * ability)))
                choice = q.correct if rng.random() < p else int(rng.choice(
                    [j for j in range(len(q.options)) if j != q.correct]))
                record.append("quiz", q.topic, q.qid, {"choice": choice, "correct": choice == q.correct,
                                                       "options": len(q.options)}, path=path, now=now, student=who)
        paths.append(path)
    if n >= 3:  # damage: an edited line, a truncated write
        lines = paths[0].read_text("utf-8").splitlines(keepends=True)
        lines[2] = lines[2].replace('"t":"2025', '"t":"2024', 1)  # an edited time: the checksum no longer fits
        paths[0].write_text("".join(lines), "utf-8")
        text = paths[1].read_text("utf-8")
        paths[1].write_text(text[: len(text) - 25], "utf-8")
    if n >= 5:
        copy = folder / "student_05_copy.jsonl"
        copy.write_bytes(paths[4].read_bytes())
        paths.append(copy)
    return paths
