"""The instructor export (course.export / ``python -m course export``): a static HTML copy of the executed
notebooks that opens from disk with no network, shows the disclaimer on every page, draws every stored
plotly figure with a local plotly.js and links the pages to each other."""

from __future__ import annotations

import html
import json
import re
import sys
from pathlib import Path

import nbformat
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from course import DISCLAIMER
from course.cli import main
from course.export import INDEX, PLOTLY_JS, export_html, notebook_title
from course.instructor import INSTRUCTOR_DIR

PLOTLY_MIME = "application/vnd.plotly.v1+json"
WIDGET_MIME = "application/vnd.jupyter.widget-view+json"
REPO = Path(__file__).resolve().parents[1]

SCRIPT_SRC = re.compile(r"<script\b[^>]*\bsrc\s*=\s*[\"']([^\"']*)[\"']", re.IGNORECASE)
LINK_HREF = re.compile(r"<link\b[^>]*\bhref\s*=\s*[\"']([^\"']*)[\"']", re.IGNORECASE)
HREF = re.compile(r"\bhref=\"([^\"]*)\"")
FIGURE_JSON = re.compile(r"^  var fig = (.*);$", re.MULTILINE)
SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


def _outputs(nb: nbformat.NotebookNode, mime: str) -> list:
    code = [c for c in nb.cells if c.cell_type == "code"]
    return [o.data[mime] for c in code for o in c.outputs if mime in o.get("data", {})]


def _synthetic_notebook(path: Path) -> Path:
    """A small executed notebook: links, a plotly figure (hostile trace name) and two widget views."""
    md = nbformat.v4.new_markdown_cell(
        "# Test *page* `one`\n\nNext: [page two](two.ipynb#part-1), [the map](two.ipynb), "
        "[outside](https://example.org/notes.ipynb) and [absolute](/srv/other.ipynb)."
    )
    fig_cell = nbformat.v4.new_code_cell("fig", execution_count=1)
    fig = {
        "data": [{"type": "scatter", "name": "</script><b>x", "x": [1, 2, 3], "y": [4.0, 5.5, 6.25]}],
        "layout": {"title": {"text": "A & B <test>"}, "height": 300},
    }
    fig_cell.outputs = [nbformat.v4.new_output("display_data", data={PLOTLY_MIME: fig})]
    w_cell = nbformat.v4.new_code_cell("quiz(q)", execution_count=2)
    w_cell.outputs = [
        nbformat.v4.new_output(
            "execute_result",
            data={
                WIDGET_MIME: {"model_id": "abc", "version_major": 2, "version_minor": 0},
                "text/plain": "Quiz(children=(HTML(value='<h3>Q</h3>'),))",
            },
            execution_count=2,
        )
    ]
    e_cell = nbformat.v4.new_code_cell("explorer()", execution_count=3)
    e_cell.outputs = [
        nbformat.v4.new_output(
            "execute_result",
            data={
                WIDGET_MIME: {"model_id": "def", "version_major": 2, "version_minor": 0},
                "text/plain": "Explorer(…)",
            },
            execution_count=3,
        )
    ]
    nb = nbformat.v4.new_notebook(cells=[md, fig_cell, w_cell, e_cell])
    nbformat.write(nb, path)
    return path


# ---------------------------------------------------------------------------------------------- the course


def test_index_and_one_page_per_notebook(course_export):
    out, written, notebooks, _ = course_export
    assert notebooks, "no course notebooks found"
    expected = [out / INDEX, *[out / f"{p.stem}.html" for p in notebooks]]
    assert written[: len(expected)] == expected
    # nothing else in the folder but plotly.min.js
    assert {p.name for p in out.iterdir()} == {p.name for p in written}
    assert set(written[len(expected) :]) <= {out / PLOTLY_JS}
    index = (out / INDEX).read_text(encoding="utf-8")
    for p in notebooks:
        nb = nbformat.read(p, as_version=4)
        title = notebook_title(nb, p.stem)
        assert title != p.stem, f"{p.name} has no heading"
        assert f'href="{p.stem}.html">{html.escape(title)}</a>' in index
        # the page's <title> is the notebook's first heading
        assert f"<title>{html.escape(title)}</title>" in course_export[3][p.stem]


def test_disclaimer_on_every_page(course_export):
    out, _, _, pages = course_export
    banner = html.escape(DISCLAIMER)
    for name, page in {INDEX: (out / INDEX).read_text(encoding="utf-8"), **pages}.items():
        assert page.count('class="course-disclaimer"') == 1, name
        assert banner in page, name
        # the banner comes before the first notebook cell
        first_cell = page.find('class="jp-Cell')
        assert first_cell == -1 or page.index(banner) < first_cell, name


def test_links_between_notebooks_point_to_exported_pages(course_export):
    out, _, notebooks, pages = course_export
    names = {p.stem for p in notebooks}
    n_course_links = 0
    for name, page in pages.items():
        for href in HREF.findall(page):
            if SCHEME.match(href) or href.startswith(("#", "/")):
                continue
            assert ".ipynb" not in href, f"{name}: link {href!r} still points to a notebook"
            target = href.split("#")[0]
            if target.endswith(".html") and target[: -len(".html")] in names:
                n_course_links += 1
                assert (out / target).is_file()
    # the welcome notebook's course map (and the prev/next bar on every page) link the pages
    assert n_course_links >= len(notebooks) - 1


def test_every_stored_figure_is_drawn_with_the_local_plotly_js(course_export):
    out, written, notebooks, pages = course_export
    n_total = 0
    for p in notebooks:
        figures = _outputs(nbformat.read(p, as_version=4), PLOTLY_MIME)
        page = pages[p.stem]
        embedded = [json.loads(m) for m in FIGURE_JSON.findall(page)]
        assert len(embedded) == len(figures), p.name
        for fig, emb in zip(figures, embedded, strict=True):
            assert emb["data"] == fig["data"] and emb["layout"] == fig.get("layout", {})
        if figures:
            assert SCRIPT_SRC.findall(page) == [PLOTLY_JS], p.name
        n_total += len(figures)
    if n_total == 0:
        pytest.skip("no stored plotly figure in the course notebooks yet")
    js = out / PLOTLY_JS
    assert js in written
    from plotly.offline import get_plotlyjs

    assert js.read_text(encoding="utf-8") == get_plotlyjs()


def test_no_network_and_no_machine_paths_in_the_output(course_export):
    out, _, _, pages = course_export
    forbidden = {str(REPO), str(out), str(out.parent), sys.prefix, str(Path.home()), "file://"}
    for name, page in {INDEX: (out / INDEX).read_text(encoding="utf-8"), **pages}.items():
        for src in SCRIPT_SRC.findall(page) + LINK_HREF.findall(page):
            assert not SCHEME.match(src) and not src.startswith(("/", "//")), f"{name}: loads {src!r}"
        assert not re.search(r"https?://[^\"']*(cdn|unpkg|jsdelivr)", page), name
        assert not re.search(r"\bimport\b[^;\n]*https?://", page), name  # no ES-module imports from the web
        for text in forbidden:
            assert text not in page, f"{name} contains {text!r}"


def test_widget_views_become_a_clear_note(course_export):
    _, _, notebooks, pages = course_export
    from course.widget_text import live_what

    for p in notebooks:
        nb = nbformat.read(p, as_version=4)
        # a stored widget is its friendly text line now (course.build drops widget views; V3.5)
        n_widgets = len(_outputs(nb, WIDGET_MIME)) + sum(
            live_what(t if isinstance(t, str) else "".join(t)) is not None for t in _outputs(nb, "text/plain")
        )
        assert n_widgets > 0, p.name
        page = pages[p.stem]
        assert page.count('class="course-widget-note"') == n_widgets, p.name
        assert "application/vnd.jupyter.widget-view+json" not in page
        assert "Explorer(children=" not in page and "Quiz(children=" not in page


# ------------------------------------------------------------------------------------ a synthetic notebook


def test_synthetic_notebook_links_figure_and_widgets(tmp_path):
    nb_path = _synthetic_notebook(tmp_path / "one.ipynb")
    out = tmp_path / "out"
    written = export_html(out, [nb_path])
    assert written == [out / INDEX, out / "one.html", out / PLOTLY_JS]
    page = (out / "one.html").read_text(encoding="utf-8")
    hrefs = HREF.findall(page)
    # relative notebook links rewritten (anchor kept); web and absolute links untouched
    assert "two.html#part-1" in hrefs and "two.html" in hrefs
    assert "https://example.org/notes.ipynb" in hrefs and "/srv/other.ipynb" in hrefs
    # the hostile trace name stays inside the figure's JSON and cannot close the script element
    assert "</script><b>x" not in page
    (fig,) = [json.loads(m) for m in FIGURE_JSON.findall(page)]
    assert fig["data"][0]["name"] == "</script><b>x" and fig["data"][0]["y"] == [4.0, 5.5, 6.25]
    assert fig["layout"]["title"]["text"] == "A & B <test>"
    # one note per widget, naming what kind of widget it stood for
    assert "<strong>Knowledge check (interactive quiz):</strong>" in page
    assert "<strong>Interactive explorer:</strong>" in page
    assert "<title>Test page one</title>" in page


def test_pages_without_figures_do_not_load_plotly(tmp_path):
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("Just text, no heading.")])
    nbformat.write(nb, tmp_path / "plain.ipynb")
    written = export_html(tmp_path / "out", [tmp_path / "plain.ipynb"])
    assert [p.name for p in written] == [INDEX, "plain.html"]
    page = written[1].read_text(encoding="utf-8")
    assert SCRIPT_SRC.findall(page) == []
    assert "<title>plain</title>" in page  # no heading: the file name is the title


def test_notebook_title_is_plain_text():
    nb = nbformat.v4.new_notebook(
        cells=[
            nbformat.v4.new_code_cell("# a comment, not a heading"),
            nbformat.v4.new_markdown_cell("Intro line\n\n## **Bold** [linked](x.ipynb) `code` ##\n# later"),
        ]
    )
    assert notebook_title(nb, "fallback") == "Bold linked code"
    assert notebook_title(nbformat.v4.new_notebook(), "fallback") == "fallback"


def test_default_is_every_course_notebook(tmp_path, monkeypatch):
    nb_path = _synthetic_notebook(tmp_path / "one.ipynb")
    monkeypatch.setattr("course.export.notebook_paths", lambda: [nb_path])
    assert [p.name for p in export_html(tmp_path / "out")] == [INDEX, "one.html", PLOTLY_JS]


def test_cli_export(tmp_path, capsys):
    nb_path = _synthetic_notebook(tmp_path / "one.ipynb")
    # V3.5: the default export is for students: no instructor pack written or linked
    assert main(["export", str(tmp_path / "cli out"), str(nb_path)]) == 0
    assert (tmp_path / "cli out" / "one.html").is_file() and (tmp_path / "cli out" / INDEX).is_file()
    assert "wrote 3 file(s)" in capsys.readouterr().out  # index + page + plotly.js
    assert not (tmp_path / "cli out" / "instructor").exists()
    assert "instructor/index.html" not in (tmp_path / "cli out" / INDEX).read_text(encoding="utf-8")
    # the instructor's export asks for the pack explicitly
    assert main(["export", str(tmp_path / "teacher"), str(nb_path), "--with-instructor"]) == 0
    n_pack = 1 + len(list((INSTRUCTOR_DIR).glob("*.md"))) + len(list((INSTRUCTOR_DIR / "summaries").glob("*.md")))
    n_pack += 1  # answer_keys.md: never tracked (V3.5), built for the pack
    assert f"wrote {3 + n_pack} file(s)" in capsys.readouterr().out  # pages + plotly.js + the instructor pack
    assert "instructor/index.html" in (tmp_path / "teacher" / INDEX).read_text(encoding="utf-8")


# ------------------------------------------------------------------------------------------------ bad input


def test_bad_notebook_lists(tmp_path):
    nb_path = _synthetic_notebook(tmp_path / "one.ipynb")
    (tmp_path / "a").mkdir()
    twin = _synthetic_notebook(tmp_path / "a" / "one.ipynb")
    (tmp_path / "notes.txt").write_text("x")
    with pytest.raises(ValueError, match="notebooks"):
        export_html(tmp_path / "out", [])
    with pytest.raises(ValueError, match="notebooks"):
        export_html(tmp_path / "out", [tmp_path / "notes.txt"])
    with pytest.raises(ValueError, match="notebooks"):
        export_html(tmp_path / "out", [nb_path, twin])
    with pytest.raises(ValueError, match="index"):
        export_html(tmp_path / "out", [_synthetic_notebook(tmp_path / "index.ipynb")])
    with pytest.raises(FileNotFoundError, match="notebooks"):
        export_html(tmp_path / "out", [tmp_path / "missing.ipynb"])
    assert not (tmp_path / "out").exists()  # nothing written on bad input


_not_a_path = st.one_of(
    st.none(),
    st.integers(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.binary(max_size=5),
    st.lists(st.integers(), max_size=2),
)


@settings(max_examples=40, deadline=None)
@given(bad=_not_a_path)
def test_wrong_types_raise_type_error_naming_the_parameter(bad):
    with pytest.raises(TypeError, match="out_dir"):
        export_html(bad)
    with pytest.raises(TypeError, match="notebooks"):
        export_html(Path("unused-out-dir"), [bad])
    if bad is not None and not isinstance(bad, list):  # None means 'every notebook'
        with pytest.raises(TypeError, match="notebooks"):
            export_html(Path("unused-out-dir"), bad)
    assert not Path("unused-out-dir").exists()


def test_formulas_are_drawn_as_mathml_without_any_script(tmp_path):
    from course.export import math_to_mathml

    # inline and display maths become MathML; money amounts and unreadable TeX stay as written
    out = math_to_mathml("valence $z = +1$, costs $5 and $10\n\n$$E_K = \\frac{RT}{zF}$$")
    assert out.count("<math") == 2 and 'display="block"' in out and "$5 and $10" in out
    assert "<mfrac>" in out
    export_html(tmp_path, [REPO / "notebooks" / "00_welcome.ipynb"])
    page = (tmp_path / "00_welcome.html").read_text()
    assert "<math" in page and "<mfrac>" in page  # the Nernst equation of the welcome notebook
    assert "$$" not in page
