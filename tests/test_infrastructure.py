"""Shared infrastructure: input checks, style, explorer base, quiz widget, build command, CLI."""

from __future__ import annotations

import ast
import base64
import json
import math
from dataclasses import dataclass
from pathlib import Path

import nbformat
import numpy as np
import plotly.graph_objects as go
import plotly.io as pio
import pytest
from hypothesis import given
from hypothesis import strategies as st
from plotly.io.json import to_json_plotly

from course import DISCLAIMER, style
from course._checks import check_array, check_choice, check_number
from course.build import clean_notebook, notebook_paths
from course.cli import main
from course.quizzes import TOPICS, Question, load
from course.ui._common import Explorer, push_traces, unit_slider
from course.ui.plot import PlotlyLibrary, PlotView, as_json, figure_state, plotly_library
from course.ui.quiz import quiz


# --- input checks ---------------------------------------------------------------------------------------------
def test_check_number_accepts_and_converts():
    assert check_number("k", 4, 0.0, 10.0, "mM") == 4.0
    assert isinstance(check_number("k", np.float32(2.5), 0.0, 10.0), float)


@pytest.mark.parametrize(
    "value, fragment",
    [(-1.0, "k=-1 mM is outside the allowed range [0, 10] mM"), (math.nan, "not finite"), (math.inf, "not finite")],
)
def test_check_number_messages_name_parameter_value_and_range(value, fragment):
    with pytest.raises(ValueError) as exc:
        check_number("k", value, 0.0, 10.0, "mM")
    assert fragment in str(exc.value)
    assert "k" in str(exc.value)


def test_check_number_exclusive_bounds_and_types():
    with pytest.raises(ValueError, match=r"\(0, 10\]"):
        check_number("c", 0.0, 0.0, 10.0, lo_inclusive=False)
    for bad in ("4", None, True, [1.0]):
        with pytest.raises(TypeError, match="c must be a real number"):
            check_number("c", bad, 0.0, 10.0)


@given(st.one_of(st.floats(allow_nan=True, allow_infinity=True), st.integers(), st.text(), st.none()))
def test_check_number_only_ever_raises_value_or_type_error(value):
    try:
        out = check_number("x", value, -5.0, 5.0, "mV")
    except (ValueError, TypeError) as exc:
        assert "x" in str(exc)
    else:
        assert -5.0 <= out <= 5.0 and math.isfinite(out)


def test_check_choice_lists_valid_values():
    assert check_choice("fibre", "fast", ("fast", "slow")) == "fast"
    with pytest.raises(ValueError, match="fibre='medium' is not valid; choose one of: 'fast', 'slow'"):
        check_choice("fibre", "medium", ("fast", "slow"))


def test_check_array():
    np.testing.assert_array_equal(check_array("days", [0, 1.5], 0, 10, "d"), [0.0, 1.5])
    with pytest.raises(ValueError, match="days contains -1 d"):
        check_array("days", [1, -1], 0, 10, "d")
    with pytest.raises(ValueError, match="NaN"):
        check_array("days", [1, np.nan], 0, 10, "d")
    with pytest.raises(TypeError):
        check_array("days", ["a"], 0, 10)


# --- style ------------------------------------------------------------------------------------------------------
def test_palette_is_okabe_ito_and_template_is_registered():
    # Okabe & Ito 2008, Color Universal Design: the eight colours
    assert set(style.OKABE_ITO.values()) == {
        "#000000", "#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7"
    }
    assert set(style.COLORWAY) == set(style.OKABE_ITO.values())
    fig = style.figure("t", "x", "y")
    assert fig.layout.template.layout.colorway == tuple(style.COLORWAY)
    assert len(style.DASHES) >= len(style.COLORWAY) and len(style.SYMBOLS) >= len(style.COLORWAY)


def test_normal_band_rejects_bad_axis():
    fig = style.figure()
    style.normal_band(fig, 1, 2, axis="y")
    assert fig.layout.shapes[0].y0 == 1
    with pytest.raises(ValueError, match="axis='z'"):
        style.normal_band(fig, 1, 2, axis="z")


# --- explorer base ---------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class _Inputs:
    length_mm: float


@dataclass(frozen=True)
class _View:
    y: np.ndarray


class _Ruler(Explorer):
    """The smallest explorer: one slider (mm), one figure; counts its computes."""

    computed: list[float]

    def make_controls(self):
        self.computed = []
        return {"length": unit_slider("Length", "mm", 0.0, 10.0, 0.5, 2.0, normal=(1.0, 3.0)),
                "width": unit_slider("Width", "mm", 0.0, 10.0, 0.5, 1.0)}

    def read(self):
        return _Inputs(float(self.controls["length"].value))

    def compute(self, inputs):
        self.computed.append(inputs.length_mm)
        return _View(np.array([inputs.length_mm]))

    def make_figures(self, view):
        fig = style.figure()
        fig.add_scatter(x=np.array([0.0]), y=view.y)
        return {"plot": fig}

    def arrange(self):
        return [self.controls["length"], self.figures["plot"]]

    def render(self, view):
        with self.figures["plot"].batch_update():
            self.figures["plot"].data[0].y = view.y

    def on_change(self, name, change):
        if name == "width":  # a linked control: moving width sets length twice, and the explorer recomputes once
            with self.hold():
                self.controls["length"].value = change["new"]
                self.controls["length"].value = change["new"] + 0.5


def test_explorer_wires_read_compute_render_once_per_change():
    slider = unit_slider("Length", "mm", 0.0, 10.0, 0.5, 2.0, normal=(1.0, 3.0))
    assert slider.description == "Length (mm)" and "normal range 1–3 mm" in slider.tooltip
    ex = _Ruler()
    assert ex.computed == [2.0] and ex.view.y[0] == 2.0
    assert "course-explorer" in ex._dom_classes
    ex.controls["length"].value = 4.0
    assert ex.computed == [2.0, 4.0] and ex.figures["plot"].data[0].y[0] == 4.0
    # a linked change under hold(): two slider moves, one recompute, with the final value
    ex.controls["width"].value = 6.0
    assert ex.computed == [2.0, 4.0, 6.5] and ex.figures["plot"].data[0].y[0] == 6.5
    ex.refresh()
    assert ex.computed[-1] == 6.5


def test_figures_are_plot_views_whose_synced_state_is_always_the_current_figure():
    """Each figure is a PlotView: its synced state is the current figure from construction on, including a
    change made before the explorer is displayed (no one-off message that Voilà could drop)."""
    ex = _Ruler()
    fig = ex.figures["plot"]
    assert isinstance(fig, PlotView)
    assert fig.trait_metadata("figure_json", "sync") is True and fig.trait_metadata("template_json", "sync") is True
    assert _y(fig) == [2.0]
    ex.controls["length"].value = 7.0
    assert _y(fig) == [7.0] and list(fig.data[0].y) == [7.0]
    fig.update_layout(title_text="later")
    assert as_json(fig)["layout"]["title"]["text"] == "later"
    # the template travels once, in its own trait, not with every move
    assert "template" not in json.loads(fig.figure_json)["layout"] and as_json(fig)["template"]["layout"]


def _y(view: PlotView) -> list[float]:
    """y of trace 0 as the browser decodes it (``{dtype, b64url}`` typed arrays, or a plain list)."""
    y = json.loads(view.figure_json)["data"][0]["y"]
    if isinstance(y, dict):
        dtype = np.dtype(y["dtype"]).newbyteorder("<")
        return np.frombuffer(base64.urlsafe_b64decode(y["b64url"]), dtype=dtype).tolist()
    return list(y)


def test_one_plotly_js_per_kernel_and_a_figure_sent_once_per_render():
    """plotly.js reaches the page once (the library widget), not once per figure as with go.FigureWidget
    (4.96 MB each, reviews/hub-v3.md); an explorer's render sends each figure once, however many updates."""
    a, b = _Ruler(), _Ruler()
    lib = plotly_library()
    assert isinstance(lib, PlotlyLibrary) and a.figures["plot"].library is lib is b.figures["plot"].library
    # plotly.js's cartesian bundle (1.5 MB; the full plotly.min.js is 4.8 MB)
    assert 1_000_000 < len(lib.source) < 2_000_000 and "window.Plotly = Plotly" in lib.source
    assert len(lib._esm) < 5_000 and len(a.figures["plot"]._esm) < 5_000  # small modules: fast to initialise
    sent = []
    a.figures["plot"].observe(lambda change: sent.append(change["new"]), names="figure_json")
    a.controls["width"].value = 3.0  # a linked change: two slider moves, one render, one message
    assert len(sent) == 1 and _y(a.figures["plot"]) == [3.5]
    a.figures["plot"].add_scatter(x=[0.0], y=[1.0], name="added")  # sent at once outside a render
    assert len(sent) == 2 and a.figures["plot"].to_plotly_json()["data"][1]["name"] == "added"
    lib.close()
    assert plotly_library() is not lib  # a closed library is replaced


def test_figure_state_reads_the_figure_plotly_would_copy():
    """figure_state reads plotly's private ``_data``/``_layout``: this fails if an upgrade renames them."""
    fig = go.Figure(go.Scatter(x=[0.0, 1.0], y=np.array([2.0, 3.0]), name="a"))
    fig.update_layout(title_text="t")
    data, template = figure_state(fig)
    got = json.loads(data)
    assert got["data"][0]["name"] == "a" and got["layout"]["title"]["text"] == "t"
    assert "template" not in got["layout"] and "layout" in json.loads(template)  # plotly's default template
    assert fig.to_plotly_json()["data"][0]["name"] == "a"  # the figure itself is untouched


def test_the_template_sent_is_the_part_a_figure_uses():
    """A template such as simple_white carries defaults for 24 trace types and for geo, polar, 3-D and ternary
    subplots: the browser gets the defaults of the figure's own trace types and no layout of subplots the
    cartesian bundle cannot have (a third of a redraw is plotly.js's defaults step). Everything a cartesian
    figure uses is sent unchanged; a new trace type sends the template again."""
    full = pio.templates["simple_white"].to_plotly_json()
    fig = PlotView(go.Figure(go.Scatter(x=[0.0, 1.0], y=[1.0, 2.0]), layout={"template": "simple_white"}))
    sent = json.loads(fig.template_json)
    assert set(sent["data"]) == {"scatter"} and len(full["data"]) > 20
    assert sent["data"]["scatter"] == json.loads(to_json_plotly(full["data"]["scatter"]))
    assert not {"geo", "polar", "scene", "ternary"} & set(sent["layout"])
    for key in ("xaxis", "yaxis", "font", "colorway", "hoverlabel", "annotationdefaults", "shapedefaults"):
        assert sent["layout"][key] == json.loads(to_json_plotly(full["layout"][key])), key
    fig.add_trace(go.Bar(x=[0.0], y=[1.0]))
    assert set(json.loads(fig.template_json)["data"]) == {"scatter", "bar"}
    fig.add_trace(go.Scatterternary(a=[0.2], b=[0.3], c=[0.5]))
    assert "ternary" in json.loads(fig.template_json)["layout"]


def test_push_traces_sends_named_traces_contiguously_and_checks_its_arguments():
    fig = PlotView(go.Figure([go.Scatter(y=np.zeros(3), name="a"), go.Scatter(y=np.zeros(3), name="b")]))
    strided = np.arange(6.0)[::2]  # a view: as a binary buffer to the browser it must be copied (ipywidgets error)
    assert not strided.flags.c_contiguous
    push_traces(fig, ("a", "b"), relayout={"yaxis.range": [0.0, 5.0]}, y={"b": strided})
    sent = fig.data[1].y
    np.testing.assert_array_equal(sent, [0.0, 2.0, 4.0])
    assert np.asarray(sent).flags.c_contiguous and list(fig.data[0].y) == [0.0, 0.0, 0.0]
    assert tuple(fig.layout.yaxis.range) == (0.0, 5.0)
    with pytest.raises(ValueError, match="property 'name' is given for"):
        push_traces(fig, ("a", "b"), y={"a": np.ones(3)}, name={"b": "B"})


# --- quiz -------------------------------------------------------------------------------------------------------
def test_question_validation():
    with pytest.raises(ValueError, match="feedback must have one entry per option"):
        Question("?", ("a", "b"), 0, ("only one",))
    with pytest.raises(ValueError, match="correct=2 is outside"):
        Question("?", ("a", "b"), 2, ("x", "y"))


def test_quiz_gives_feedback_per_answer_and_keeps_score():
    questions = load("welcome")
    q = quiz(questions)
    assert q.check(0) is None  # nothing chosen yet: asks for an answer, no score change
    assert "Choose an answer first" in q.feedback[0].value
    wrong = (questions[0].shown_correct + 1) % len(questions[0].options)  # positions as shown (shuffled)
    q.choices[0].index = wrong
    q.buttons[0].click()
    assert "Not quite" in q.feedback[0].value and q.score == 0
    q.choices[0].index = questions[0].shown_correct
    q.buttons[0].click()  # V3.5: a second try gets feedback, but the first try is the score
    assert "Correct" in q.feedback[0].value and q.score == 0
    assert "First try:</b> 0 of 3" in q.score_box.value
    q.choices[1].index = questions[1].shown_correct
    q.buttons[1].click()
    assert q.score == 1 and "First try:</b> 1 of 3" in q.score_box.value


@pytest.mark.parametrize("topic", TOPICS)
def test_every_question_bank_is_well_formed(topic):
    try:
        questions = load(topic)
    except ModuleNotFoundError:
        pytest.fail(f"course/quizzes/{topic}.py is missing")
    assert len(questions) >= 2
    for q in questions:
        assert len(set(q.options)) == len(q.options), "duplicate options"
        assert all(f.strip() for f in q.feedback), "every option needs feedback"


def test_load_rejects_unknown_topic():
    with pytest.raises(ValueError, match="topic='nope' is not valid"):
        load("nope")


# --- build and CLI ------------------------------------------------------------------------------------------------
def test_clean_notebook_strips_volatile_metadata():
    nb = nbformat.v4.new_notebook()
    nb.metadata["widgets"] = {"huge": "state"}
    nb.metadata["language_info"] = {"name": "python", "version": "3.11.7"}
    cell = nbformat.v4.new_code_cell("1")
    cell.metadata["execution"] = {"iopub.execute_input": "2026-11-26T00:00:00Z"}
    nb.cells = [cell]
    clean_notebook(nb)
    assert nb.metadata == {
        "kernelspec": {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"},
        "language_info": {"name": "python"},
        "voila": {"template": "course-app"},  # a "No code?" link opens only the app (course.voila)
    }
    assert "execution" not in nb.cells[0].metadata


def test_clean_notebook_joins_stream_outputs_split_by_timing():
    """A print loop reaches the notebook as one or several stream messages, depending on timing; stored, it is
    one output per run of the same stream, so a rebuild gives the same file."""
    cell = nbformat.v4.new_code_cell("for i in range(3): print(i)")
    cell.outputs = [
        nbformat.v4.new_output("stream", name="stdout", text="0\n1\n"),
        nbformat.v4.new_output("stream", name="stdout", text="2\n"),
        nbformat.v4.new_output("stream", name="stderr", text="warning\n"),
        nbformat.v4.new_output("display_data", data={"text/plain": "x"}),
        nbformat.v4.new_output("stream", name="stdout", text="3\n"),
    ]
    nb = nbformat.v4.new_notebook()
    nb.cells = [cell]
    clean_notebook(nb)
    outs = nb.cells[0].outputs
    assert [(o.output_type, o.get("name"), o.get("text")) for o in outs] == [
        ("stream", "stdout", "0\n1\n2\n"), ("stream", "stderr", "warning\n"), ("display_data", None, None),
        ("stream", "stdout", "3\n"),
    ]
    nbformat.validate(nb)


def test_notebook_paths_in_course_order():
    names = [p.name for p in notebook_paths()]
    assert names == sorted(names) and names[0] == "00_welcome.ipynb"


def test_cli_info_lists_notebooks_and_disclaimer(capsys):
    assert main(["info"]) == 0
    out = capsys.readouterr().out
    assert "00_welcome.ipynb" in out and DISCLAIMER in out


def test_cli_lab_settings_writes_overrides(tmp_path, monkeypatch):
    import json
    import sys

    monkeypatch.setattr(sys, "prefix", str(tmp_path))
    assert main(["lab-settings"]) == 0
    target = tmp_path / "share/jupyter/lab/settings/overrides.json"
    assert json.loads(target.read_text())["@jupyterlab/apputils-extension:notification"]["fetchNews"] == "false"


def test_signed_uses_a_true_minus_and_never_shows_minus_zero():
    from course.ui._common import signed

    assert signed(-96.87) == "−96.9" and signed(65.7) == "+65.7"
    assert signed(-0.04) == "+0.0" and signed(-0.004, 2) == "+0.00" and signed(1.234, 2) == "+1.23"


# --- import boundaries ----------------------------------------------------------------------------------------------
REPO = Path(__file__).resolve().parents[1]


def _imported_modules(path) -> set[str]:
    """Top-level names of every module a Python file imports (``import a.b`` and ``from a.b import c`` give ``a``)."""
    tree = ast.parse(path.read_text(), filename=str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return names


def test_benchmarks_do_not_import_from_tests():
    files = sorted((REPO / "benchmarks").rglob("*.py"))
    assert files, "no benchmark scripts found"
    offenders = [str(p.relative_to(REPO)) for p in files if "tests" in _imported_modules(p)]
    assert not offenders, f"benchmarks import from tests/ (use the shared reference/ package instead): {offenders}"


def test_course_package_never_imports_scipy_or_the_reference_solvers():
    offenders = {
        str(p.relative_to(REPO)): sorted(bad)
        for p in sorted((REPO / "course").rglob("*.py"))
        if (bad := _imported_modules(p) & {"scipy", "reference", "tests", "benchmarks"})
    }
    assert not offenders, f"run-time code imports test-only modules (scipy is not a run-time dependency): {offenders}"


def test_the_cartesian_bundle_is_plotlys_own_version_and_draws_every_explorer_figure():
    """The explorers' plotly.js is the cartesian partial bundle of the same version as the full bundle in the
    plotly package (so figures plotly.py writes draw the same); it registers exactly CARTESIAN_TRACES, and a
    figure with any other trace type is refused with a clear message instead of a blank plot in the page."""
    import re
    from importlib.resources import files

    from course.ui import plot

    full = (files("plotly") / "package_data" / "plotly.min.js").read_text(encoding="utf-8")[:400]
    bundle = plot._plotly_js()
    assert plot._version(bundle[:400]) == plot._version(full), "run `npm pack plotly.js-cartesian-dist-min@<version>`"
    registered = set(re.findall(r'moduleType:"trace",name:"([a-z0-9]+)"', bundle))
    assert registered == plot.CARTESIAN_TRACES
    with pytest.raises(ValueError, match=r"trace 0 of type 'table'"):
        PlotView(go.Figure(go.Table(cells={"values": [[1]]})))
    view = PlotView(go.Figure(go.Scatter(y=[1.0])))
    with pytest.raises(ValueError, match="scatterpolar"):
        view.add_trace(go.Scatterpolar(r=[1.0]))


def test_numeric_arrays_travel_as_typed_arrays_and_the_figure_is_not_changed():
    """``figure_state`` writes 1-D numeric numpy arrays as ``{dtype, b64url}`` (float64 as float32, int64 as
    int32): ≈ 5 bytes per value instead of ≈ 18 as JSON text; NaN gaps survive; ranges, lists and text do not
    change; the live figure keeps its float64 arrays."""
    from course.ui.plot import _typed

    x = np.array([0.0, 0.1, np.nan, 1e-3, -2.5])
    big = np.arange(5, dtype=">i8") * 1000  # big-endian int64
    fig = go.Figure(go.Scatter(x=x, y=big, text=["a", "b", "c", "d", "e"], customdata=[1, 2, 3, 4, 5]))
    fig.update_xaxes(range=[0.0, 1.0])
    data = json.loads(figure_state(fig)[0])
    tx, ty = data["data"][0]["x"], data["data"][0]["y"]
    assert tx["dtype"] == "f4" and ty["dtype"] == "i4"
    got_x = np.frombuffer(base64.urlsafe_b64decode(tx["b64url"]), dtype="<f4")
    np.testing.assert_array_equal(got_x, x.astype(np.float32))  # NaN in the same place
    np.testing.assert_array_equal(np.frombuffer(base64.urlsafe_b64decode(ty["b64url"]), dtype="<i4"), big)
    assert data["data"][0]["text"] == ["a", "b", "c", "d", "e"] and data["data"][0]["customdata"] == [1, 2, 3, 4, 5]
    assert data["layout"]["xaxis"]["range"] == [0.0, 1.0]
    assert fig.data[0].x.dtype == np.float64 and fig.data[0].x[1] == 0.1  # the figure itself is unchanged
    assert "/" not in tx["b64url"] and "+" not in tx["b64url"]  # URL-safe: nothing for JSON to escape
    two_d = np.ones((2, 3))
    assert _typed({"z": two_d})["z"] is two_d and _typed({"x": np.array([], float)})["x"].size == 0
