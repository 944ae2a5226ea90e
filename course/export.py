"""Static HTML export of the executed course, for instructors (``python -m course export OUT_DIR``).

:func:`export_html` turns the notebooks as they are stored in ``notebooks/`` (with their outputs;
nothing is re-executed) into one HTML page per notebook plus an ``index.html`` course map, in a
folder the user chooses. The pages need no server and no network: open ``index.html`` from disk.

What a page shows
    The prose, the code cells, the printed results, and every stored plotly figure
    (``application/vnd.plotly.v1+json``) as a live plotly chart (zoom, hover), drawn by the
    ``plotly.js`` bundle of the installed ``plotly`` package, written once as ``plotly.min.js``
    next to the pages and referenced by a relative path.

Widgets (explorers, quizzes, the self-check form)
    A widget view needs its widget *state* to be drawn without a kernel. ``course build`` drops
    that state from the stored notebooks on purpose (with a ``FigureWidget`` it holds the whole
    plotly.js bundle, ≈ 5 MB per notebook), and nbconvert's offline widget renderer would be
    fetched from a CDN anyway. So each widget view is replaced by a short note saying what the
    widget is and where to use it (JupyterLab or Binder). The figures and numbers the notebooks
    print next to their explorers stay on the page.

Formulas
    Markdown maths (``$…$`` inline, ``$$…$$`` displayed) is converted to MathML with
    ``latex2mathml`` when the page is written, so browsers draw it natively, with no MathJax and no
    network. A formula the converter cannot read stays as its TeX source.

Every page carries the course disclaimer (:data:`course.DISCLAIMER`) in a banner at the top,
links between notebooks point to the exported ``.html`` pages, and nothing is written outside
``out_dir``.
"""

from __future__ import annotations

import copy
import html
import json
import re
from pathlib import Path

import nbformat
from latex2mathml.converter import convert as _tex_to_mathml

from course import DISCLAIMER, __version__
from course.build import notebook_paths
from course.style import OKABE_ITO
from course.widget_text import WIDGET_MIME, live_what

__all__ = ["PLOTLY_JS", "INDEX", "notebook_title", "export_html", "export_instructor"]

#: File name of the plotly.js bundle written into the export folder.
PLOTLY_JS = "plotly.min.js"
#: File name of the course map.
INDEX = "index.html"

PLOTLY_MIME = "application/vnd.plotly.v1+json"

COURSE_TITLE = "Spasm or signal?"

# What to say in place of each kind of widget, keyed by the class name at the start of its text repr.
_WIDGET_NOTES = {
    "Quiz": "Knowledge check (interactive quiz)",
    "SelfCheck": "Interactive self-check form",
}
_DEFAULT_WIDGET_NOTE = "Interactive explorer"
_WIDGET_HINT = "open this notebook in JupyterLab or on Binder to use it."

_INK = OKABE_ITO["black"]
_LINK = OKABE_ITO["blue"]
_ACCENT = OKABE_ITO["vermillion"]

_CSS = f"""
.course-disclaimer, .course-nav, .course-widget-note {{
  font-family: var(--jp-ui-font-family, system-ui, -apple-system, "Segoe UI", Roboto, sans-serif); }}
.course-disclaimer {{ color: {_INK}; border: 2px solid {_ACCENT}; border-radius: 4px;
  padding: 8px 12px; margin: 8px 0 16px 0; font-size: 14px; line-height: 1.45; }}
.course-nav {{ display: flex; gap: 1.5em; flex-wrap: wrap; margin: 4px 0 8px 0; font-size: 14px; }}
.course-nav a, .course-map a {{ color: {_LINK}; }}
.course-widget-note {{ color: {_INK}; border: 1px dashed {_INK}; border-radius: 4px;
  padding: 6px 10px; margin: 4px 0; font-size: 14px; }}
.course-plotly {{ width: 100%; min-height: 200px; }}
/* WCAG AA (axe-core color-contrast, link-in-text-block): JupyterLab's light-theme code colours for
   numbers (#080), operator words (#a2f) and comments (#408080) reach only 4.2-4.4:1 on the code cell's
   background (#f5f5f5); darker shades of the same hues reach 5-6:1. Links in prose are underlined so
   that they are not told apart from the text by colour alone. */
:root {{ --jp-mirror-editor-number-color: #007000; --jp-mirror-editor-operator-color: #8b1fd6;
  --jp-mirror-editor-comment-color: #367373; }}
.jp-RenderedHTMLCommon a:link, .jp-RenderedHTMLCommon a:visited {{ text-decoration: underline; }}
"""

# nbconvert template (jinja2, loaded from memory): nbconvert's "lab" page without anything fetched
# from the network (require.js, MathJax, mermaid and the widget renderer all come from CDNs), with
# the local plotly.js, the disclaimer banner and the course navigation added.
_TEMPLATE_NAME = "course_export.html.j2"
_TEMPLATE = """{%- extends 'index.html.j2' -%}
{%- block html_head_js_requirejs -%}{%- endblock html_head_js_requirejs -%}
{%- block jupyter_widgets -%}{%- endblock jupyter_widgets -%}
{%- block html_head_js_mathjax -%}{%- endblock html_head_js_mathjax -%}
{%- block html_head_js_mermaidjs -%}{%- endblock html_head_js_mermaidjs -%}
{%- block html_head_css -%}
{%- if resources.course.plotly_src %}
<script src="{{ resources.course.plotly_src }}"></script>
{%- endif %}
<style type="text/css">{{ resources.course.css }}</style>
{%- endblock html_head_css -%}
{%- block body_header -%}
{{ super() }}
{{ resources.course.header }}
{%- endblock body_header -%}
{%- block body_footer -%}
{{ resources.course.footer }}
{{ super() }}
{%- endblock body_footer -%}
"""

# A relative link to a notebook (no scheme, not absolute): href="02_x.ipynb" or href="02_x.ipynb#part".
_IPYNB_HREF = re.compile(r'href="(?![A-Za-z][A-Za-z0-9+.-]*:|/)([^"#?]*?)\.ipynb(?=["#?])')
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.+?)\s*#*\s*$", re.MULTILINE)
_MD_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_MD_MARKUP = re.compile(r"[*_`]")


def notebook_title(nb: nbformat.NotebookNode, fallback: str) -> str:
    """Plain-text title of a notebook: its first markdown heading, else ``fallback``."""
    for cell in nb.cells:
        if cell.cell_type != "markdown":
            continue
        match = _HEADING.search(cell.source)
        if match:
            text = _MD_LINK.sub(r"\1", match.group(1))
            return _MD_MARKUP.sub("", text).strip() or fallback
    return fallback


def _disclaimer_html() -> str:
    return (
        '<div class="course-disclaimer" role="note"><strong>Education, not diagnosis.</strong> '
        f"{html.escape(DISCLAIMER)}</div>"
    )


def _script_json(data: object) -> str:
    """JSON that is safe inside a ``<script>`` element."""
    text = json.dumps(data, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _plotly_output(fig: dict, number: int) -> nbformat.NotebookNode:
    """An HTML output that draws a stored plotly figure with the local plotly.js."""
    div_id = f"course-plotly-{number}"
    payload = {"data": fig.get("data", []), "layout": fig.get("layout", {})}
    config = {"responsive": True, "displaylogo": False}
    body = (
        f'<div id="{div_id}" class="course-plotly"></div>\n'
        '<script type="text/javascript">\n'
        "(function () {\n"
        f'  var el = document.getElementById("{div_id}");\n'
        "  if (typeof Plotly === 'undefined') {\n"
        f"    el.textContent = 'Figure not drawn: {PLOTLY_JS} was not found next to this page.';\n"
        "    return;\n"
        "  }\n"
        f"  var fig = {_script_json(payload)};\n"
        f"  Plotly.newPlot(el, fig.data, fig.layout, {_script_json(config)});\n"
        "})();\n"
        "</script>"
    )
    return nbformat.v4.new_output("display_data", data={"text/html": body})


def _widget_note_output(text_repr: str) -> nbformat.NotebookNode:
    """An HTML output that stands in for a widget view (the stored notebooks hold no widget state)."""
    kind = re.match(r"\s*([A-Za-z_][A-Za-z0-9_]*)\(", text_repr or "")
    label = live_what(text_repr or "") or _WIDGET_NOTES.get(kind.group(1) if kind else "", _DEFAULT_WIDGET_NOTE)
    body = f'<div class="course-widget-note" role="note"><strong>{label}:</strong> {_WIDGET_HINT}</div>'
    return nbformat.v4.new_output("display_data", data={"text/html": body})


_DISPLAY_MATH = re.compile(r"\$\$(.+?)\$\$", re.DOTALL)
_INLINE_MATH = re.compile(r"(?<![\\$])\$(?![\s$])([^$\n]+?)(?<!\s)\$(?!\d)")


def _mathml(tex: str, display: str) -> str | None:
    try:
        return _tex_to_mathml(tex.strip(), display=display)
    except Exception:  # noqa: BLE001 - any TeX the converter cannot read is shown as it was written
        return None


def math_to_mathml(markdown: str) -> str:
    """Replace ``$$…$$`` and ``$…$`` TeX in markdown by MathML (browsers draw it with no script)."""

    def block(m: re.Match) -> str:
        out = _mathml(m.group(1), "block")
        return m.group(0) if out is None else f"\n\n{out}\n\n"

    def inline(m: re.Match) -> str:
        out = _mathml(m.group(1), "inline")
        return m.group(0) if out is None else out

    return _INLINE_MATH.sub(inline, _DISPLAY_MATH.sub(block, markdown))


def _static_notebook(nb: nbformat.NotebookNode, title: str) -> tuple[nbformat.NotebookNode, int]:
    """A copy of ``nb`` with plotly figures and widget views turned into plain HTML outputs.

    Returns the copy and the number of plotly figures in it.
    """
    nb = copy.deepcopy(nb)
    nb.metadata.pop("widgets", None)
    nb.metadata["title"] = title
    n_figures = 0
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            cell.source = math_to_mathml(cell.source)
        if cell.cell_type != "code":
            continue
        outputs = []
        for out in cell.get("outputs", []):
            data = out.get("data", {})
            if PLOTLY_MIME in data:
                n_figures += 1
                outputs.append(_plotly_output(data[PLOTLY_MIME], n_figures))
            elif WIDGET_MIME in data or live_what(data.get("text/plain", "")):
                outputs.append(_widget_note_output(data.get("text/plain", "")))
            else:
                outputs.append(out)
        cell.outputs = outputs
    return nb, n_figures


def _rewrite_links(page: str) -> str:
    """Point relative links to notebooks at their exported pages (``x.ipynb`` → ``x.html``)."""
    return _IPYNB_HREF.sub(r'href="\1.html', page)


def _nav(pages: list[tuple[str, str]], i: int) -> str:
    """Navigation bar for page ``i`` of ``pages`` (list of (file name, title))."""
    links = [f'<a href="{INDEX}">Course map</a>']
    if i > 0:
        name, title = pages[i - 1]
        links.append(f'<a href="{html.escape(name)}" rel="prev">← {html.escape(title)}</a>')
    if i + 1 < len(pages):
        name, title = pages[i + 1]
        links.append(f'<a href="{html.escape(name)}" rel="next">{html.escape(title)} →</a>')
    return f'<nav class="course-nav" aria-label="Course pages">{"".join(links)}</nav>'


def _index_page(pages: list[tuple[str, str]], extra: str = "") -> str:
    items = "\n".join(
        f'    <li><a href="{html.escape(name)}">{html.escape(title)}</a></li>' for name, title in pages
    ) + extra
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8" />
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>{html.escape(COURSE_TITLE)} Course map</title>
<style type="text/css">
body {{ font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: {_INK};
  max-width: 50em; margin: 2em auto; padding: 0 1em; line-height: 1.5; }}
.course-map li {{ margin: 0.4em 0; }}
{_CSS}
</style>
</head>
<body>
<main>
<h1>{html.escape(COURSE_TITLE)} Course map</h1>
{_disclaimer_html()}
<p>A static copy of the executed course notebooks (version {html.escape(__version__)}). The plotly
figures are interactive (hover, zoom); the sliders, quizzes and the self-check form need a running
notebook: open the course in JupyterLab or on Binder to use them.</p>
<ul class="course-map">
{items}
</ul>
</main>
</body>
</html>
"""


def _exporter():
    from jinja2 import DictLoader
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(
        template_name="lab",
        extra_loaders=[DictLoader({_TEMPLATE_NAME: _TEMPLATE})],
        theme="light",
        exclude_input_prompt=True,
        exclude_output_prompt=True,
    )
    exporter.template_file = _TEMPLATE_NAME
    return exporter


def _md_page(title: str, body_html: str, back: str) -> str:
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8" />
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>{html.escape(title)}</title>
<style type="text/css">
body {{ font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: {_INK};
  max-width: 52em; margin: 2em auto; padding: 0 1em; line-height: 1.5; }}
table {{ border-collapse: collapse; }} th, td {{ border: 1px solid #777; padding: 3px 6px; text-align: left; }}
@media print {{ nav {{ display: none; }} }}
{_CSS}
</style>
</head>
<body>
<nav class="course-nav" aria-label="Instructor pages"><a href="{back}">Instructor pack</a></nav>
<main>
{_disclaimer_html()}
{body_html}
</main>
</body>
</html>
"""


def export_instructor(out_dir: Path, source: Path | None = None) -> list[Path]:
    """Write the instructor pack (``instructor/*.md`` and ``instructor/summaries/*.md``) as HTML pages.

    Pages go to ``out_dir/instructor/``, with an ``index.html`` listing them; returns the files written.
    """
    import mistune

    from course.instructor import INSTRUCTOR_DIR, KEY_FILES, render

    src = Path(source) if source is not None else INSTRUCTOR_DIR
    files = sorted(src.glob("*.md")) + sorted((src / "summaries").glob("*.md"))
    if not files:
        raise FileNotFoundError(f"no instructor pages (*.md) in {src}")
    pages = {f.relative_to(src): f.read_text(encoding="utf-8") for f in files}
    for name, text in render(KEY_FILES).items():  # the keys are never tracked: built now
        pages.setdefault(Path(name), text)
    to_html = mistune.create_markdown(plugins=["table"])
    out = Path(out_dir) / "instructor"
    (out / "summaries").mkdir(parents=True, exist_ok=True)
    written, links = [], []
    for path, text in sorted(pages.items(), key=lambda kv: (len(kv[0].parts), kv[0].as_posix())):
        title = next((ln.lstrip("# ").strip() for ln in text.splitlines() if ln.startswith("#")), path.stem)
        rel = path.with_suffix(".html")
        back = "../index.html" if rel.parent.name == "summaries" else "index.html"
        target = out / rel
        target.write_text(_md_page(title, str(to_html(text)), back), encoding="utf-8")
        written.append(target)
        links.append(f'<li><a href="{html.escape(rel.as_posix())}">{html.escape(title)}</a></li>')
    index = out / INDEX
    index.write_text(_md_page("Instructor pack", "<h1>Instructor pack</h1><ul>" + "".join(links) + "</ul>",
                              "../index.html"), encoding="utf-8")
    return [index, *written]


def export_html(out_dir: Path, notebooks: list[Path] | None = None, instructor: bool = False) -> list[Path]:
    """Write a static HTML version of the executed course notebooks into ``out_dir``.

    Parameters
    ----------
    out_dir:
        Folder to write into (created if missing). Existing files of the same names are replaced;
        nothing is written anywhere else.
    instructor:
        Also write the instructor pack (:func:`export_instructor`) and link it from the course map.
    notebooks:
        Executed notebooks to export, in course order (default: every course notebook in
        ``notebooks/``, see :func:`course.build.notebook_paths`). Their stored outputs are used as
        they are; nothing is re-executed.

    Returns
    -------
    list[Path]
        The files written: ``index.html``, one ``<notebook name>.html`` per notebook in the given
        order, then ``plotly.min.js`` (only when some page has a plotly figure).

    Raises
    ------
    ValueError
        If ``notebooks`` is empty, names a file that is not an ``.ipynb`` notebook, names two
        notebooks with the same file name, or one named ``index.ipynb`` (the course map's name).
    FileNotFoundError
        If a notebook does not exist.
    TypeError
        If ``out_dir`` or an entry of ``notebooks`` is not a path.
    """
    if not isinstance(out_dir, str | Path):
        raise TypeError(f"out_dir must be a path, got {type(out_dir).__name__}")
    if notebooks is None:
        paths = notebook_paths()
    else:
        if not isinstance(notebooks, list | tuple):
            raise TypeError(f"notebooks must be a list of paths, got {type(notebooks).__name__}")
        paths = []
        for p in notebooks:
            if not isinstance(p, str | Path):
                raise TypeError(f"notebooks must hold paths, got {type(p).__name__}")
            paths.append(Path(p))
    if not paths:
        raise ValueError("notebooks must name at least one notebook (got none)")
    for p in paths:
        if p.suffix != ".ipynb":
            raise ValueError(f"notebooks: {p.name!r} is not a .ipynb notebook")
        if not p.is_file():
            raise FileNotFoundError(f"notebooks: {p} does not exist")
    names = [p.stem for p in paths]
    if len(set(names)) != len(names):
        raise ValueError(f"notebooks: two notebooks share a file name in {sorted(names)}")
    if "index" in names:
        raise ValueError("notebooks: a notebook named index.ipynb would overwrite the course map index.html")

    loaded = [nbformat.read(p, as_version=4) for p in paths]
    pages = [(f"{p.stem}.html", notebook_title(nb, p.stem)) for p, nb in zip(paths, loaded, strict=True)]

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    exporter = _exporter()
    written_pages = []
    any_figure = False
    for i, nb in enumerate(loaded):
        name, title = pages[i]
        static_nb, n_figures = _static_notebook(nb, title)
        any_figure = any_figure or n_figures > 0
        nav = _nav(pages, i)
        resources = {
            "metadata": {"name": title},
            "course": {
                "plotly_src": PLOTLY_JS if n_figures else "",
                "css": _CSS,
                "header": f"{nav}\n{_disclaimer_html()}",
                "footer": nav.replace('aria-label="Course pages"', 'aria-label="Course pages (end)"'),
            },
        }
        body, _ = exporter.from_notebook_node(static_nb, resources=resources)
        target = out / name
        target.write_text(_rewrite_links(body), encoding="utf-8")
        written_pages.append(target)

    extra_pages: list[Path] = []
    extra = ""
    if instructor:
        extra_pages = export_instructor(out)
        extra = '\n    <li><a href="instructor/index.html">Instructor pack (guide, answer keys, summaries)</a></li>'
    index = out / INDEX
    index.write_text(_index_page(pages, extra), encoding="utf-8")
    written = [index, *written_pages, *extra_pages]
    if any_figure:
        from plotly.offline import get_plotlyjs

        js = out / PLOTLY_JS
        js.write_text(get_plotlyjs(), encoding="utf-8")
        written.append(js)
    return written
