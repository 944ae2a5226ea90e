"""Repository-level checks: one dependency set, clean stored notebooks, two-command README, CI script."""

from __future__ import annotations

import getpass
import json
import re
import tomllib
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((REPO / "notebooks").glob("[0-9][0-9]_*.ipynb"))
EXPECTED_NOTEBOOKS = [
    "00_welcome.ipynb",
    "01_membrane_and_electrolytes.ipynb",
    "02_calcium_and_contraction.ipynb",
    "03_hyperexcitability_and_cramps.ipynb",
    "04_cramp_reflex.ipynb",
    "05_healing_phases_and_spasms.ipynb",
    "06_treatment_and_management.ipynb",
    "07_self_check.ipynb",
]
#: pip name → conda-forge name where they differ
def test_python_requirement_matches():
    data = tomllib.loads((REPO / "pyproject.toml").read_text())
    assert data["project"]["requires-python"] == ">=3.11"
    assert (REPO / "binder" / "runtime.txt").read_text().strip() == "python-3.11"


def test_ci_runs_exactly_the_readme_test_command():
    readme = (REPO / "README.md").read_text()
    ci = (REPO / ".ci" / "run").read_text()
    assert "make test" in readme and "make lab" in readme
    assert "apt-get install -y -qq chromium" in ci
    assert re.search(r"^make test$", ci, re.M)


def test_all_course_notebooks_exist():
    assert [p.name for p in NOTEBOOKS] == EXPECTED_NOTEBOOKS


def _load(path: Path) -> dict:
    return json.loads(path.read_text())


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_stored_notebook_is_clean_small_and_executed(path: Path):
    raw = path.read_text()
    assert len(raw.encode()) < 1_000_000, f"{path.name} is {len(raw.encode())} bytes (limit 1 MB)"
    nb = json.loads(raw)
    assert nb["metadata"]["kernelspec"]["name"] == "python3"
    assert "widgets" not in nb["metadata"], "widget state must be stripped (megabytes of plotly.js)"
    code = [c for c in nb["cells"] if c["cell_type"] == "code"]
    assert code, "a notebook without code cells teaches nothing interactive"
    counts = [c["execution_count"] for c in code]
    assert counts == list(range(1, len(code) + 1)), f"{path.name}: not executed top to bottom: {counts}"
    assert any(c["outputs"] for c in code), "outputs must be stored (strict nbval passes trivially without)"
    for c in code:
        for out in c["outputs"]:
            assert out["output_type"] != "error", f"{path.name}: stored error output {out.get('ename')}"
            assert not (out["output_type"] == "stream" and out["name"] == "stderr"), (
                f"{path.name}: stored stderr output: {''.join(out['text'])[:200]}"
            )
        assert "execution" not in c["metadata"], "cell timing metadata must be stripped"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_no_absolute_paths_or_user_names_in_notebooks(path: Path):
    raw = path.read_text()
    for pattern in (r"/home/\w+", r"/root\b", r"/work/", r"/tmp/", r"/Users/\w+", r"[A-Z]:\\\\Users", r"site-packages"):
        assert not re.search(pattern, raw), f"{path.name} contains {pattern!r}"
    user = getpass.getuser()  # as part of a path (a bare word such as "root" is ordinary prose)
    assert not re.search(rf"[/\\]{re.escape(user)}([/\\]|$)", raw, re.M), f"{path.name} contains a path of {user!r}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_has_the_course_structure(path: Path):
    nb = _load(path)
    md = "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown").lower()
    code = "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code")
    assert re.search(r"^#\s", md, re.M), "a title heading"
    assert "source" in md, "a sources section"
    if path.name != "00_welcome.ipynb":
        assert "objective" in md, "learning objectives at the top"
        assert "leaves out" in md, "a 'what this model leaves out' box"
    if path.name in ("00_welcome.ipynb", "07_self_check.ipynb"):
        assert "diagnos" in md, "the education-not-diagnosis disclaimer"
    assert "quiz(" in code, "knowledge checks with feedback"
    # no model code in notebooks: no function or class definitions, no time-stepping loops
    assert not re.search(r"^\s*(def|class)\s", code, re.M), "model code belongs in the course package"


def _printed_text(cell: dict) -> str:
    return "".join("".join(o["text"]) for o in cell.get("outputs", []) if o["output_type"] == "stream")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_every_static_figure_has_a_printed_text_alternative_beside_it(path: Path):
    code = [c for c in _load(path)["cells"] if c["cell_type"] == "code"]
    for i, cell in enumerate(code):
        if not any("application/vnd.plotly.v1+json" in o.get("data", {}) for o in cell["outputs"]):
            continue
        beside = [code[j] for j in (i - 1, i, i + 1) if 0 <= j < len(code)]
        words = " ".join(_printed_text(c) for c in beside)
        # one sentence with the key numbers: some words and at least one number
        assert re.search(r"[A-Za-z]{3,}.*\d", words), (
            f"{path.name}: code cell {i + 1} shows a figure without a printed text alternative next to it"
        )


ARTICLE = REPO.parent / "shared" / "source-article.txt"


@pytest.mark.skipif(not ARTICLE.exists(), reason="../shared/source-article.txt is not beside this checkout")
def test_prose_takes_the_articles_facts_not_its_sentences():
    """No run of 8 words of the source article appears in notebooks, package or README (titles are shorter)."""
    n = 8
    words = re.findall(r"[a-z']+", ARTICLE.read_text().lower())
    grams = {tuple(words[i : i + n]) for i in range(len(words) - n + 1)}
    files = [*NOTEBOOKS, *sorted((REPO / "course").rglob("*.py")), REPO / "README.md"]
    copied = []
    for path in files:
        text = path.read_text()
        if path.suffix == ".ipynb":
            text = " ".join("".join(c["source"]) for c in json.loads(text)["cells"])
        w = re.findall(r"[a-z']+", text.lower())
        runs = (tuple(w[i : i + n]) for i in range(len(w) - n + 1))
        copied += [f"{path.name}: {' '.join(run)}" for run in runs if run in grams]
    assert copied == []
