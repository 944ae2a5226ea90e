"""The validation suite (course.validation, ``python -m course validate``, VALIDATION.md).

Every benchmark must pass or be a known limitation that its notebook's "what this model leaves out" box
states in the same words; VALIDATION.md must be what the models give now; each of the course's models
carries at least 10 benchmarks from primary sources that are not calibration targets (COURSE_SPEC V3.3).
"""

from __future__ import annotations

import math

import pytest

from course import validation as v
from course.cli import main
from course.validation import Benchmark, Result

#: Models of V3.3 whose tables this suite requires (the axon's table is checked the same way once present).
MODELS = ("contraction", "electrolytes", "healing")


@pytest.fixture(scope="module")
def results() -> tuple[Result, ...]:
    return v.run_all()


@pytest.mark.slow  # the whole suite integrates the axon for ≈ 80 s: make test, not make check
def test_every_benchmark_passes_or_is_a_stated_limitation(results):
    assert v.problems(results) == []


@pytest.mark.slow  # the whole suite integrates the axon for ≈ 80 s: make test, not make check
def test_validation_md_is_current(results):
    assert not v.stale(results), "VALIDATION.md is out of date: run `python -m course validate`"


@pytest.mark.parametrize("model", MODELS)
def test_at_least_ten_validation_benchmarks_per_model(model):
    ours = [b for b in v.all_benchmarks() if b.model == model]
    assert len([b for b in ours if b.kind == "validation"]) >= 10
    for b in ours:
        assert b.source.strip() and b.claim.strip()


def test_ids_unique_and_every_topic_collected():
    ids = [b.id for b in v.all_benchmarks()]
    assert len(ids) == len(set(ids))
    assert set(MODELS) <= {b.model for b in v.all_benchmarks()}


def test_a_missing_limitation_text_is_reported():
    b = Benchmark(id="T1", model="test", claim="c", source="s", low=0.0, high=1.0, unit="", compute=lambda: 2.0,
                  limitation="words that no notebook contains zq", notebook="01_membrane_and_electrolytes.ipynb")
    r = v.run(b)
    assert r.status == "known limitation"
    assert len(v.problems([r])) == 1 and "T1" in v.problems([r])[0]


def test_a_failing_or_crashing_benchmark_is_a_problem():
    def boom() -> float:
        raise RuntimeError("model broke")

    bad = [Benchmark(id="T2", model="test", claim="c", source="s", low=0.0, high=1.0, unit="", compute=lambda: 5.0),
           Benchmark(id="T3", model="test", claim="c", source="s", low=0.0, high=1.0, unit="", compute=boom)]
    rs = v.run_all(bad)
    assert [r.status for r in rs] == ["FAIL", "FAIL"]
    assert math.isnan(rs[1].value)
    assert len(v.problems(rs)) == 2


def test_benchmark_rejects_bad_definitions():
    with pytest.raises(ValueError, match="low"):
        Benchmark(id="T4", model="m", claim="c", source="s", low=2.0, high=1.0, unit="", compute=lambda: 1.0)
    with pytest.raises(ValueError, match="kind"):
        Benchmark(id="T5", model="m", claim="c", source="s", low=0.0, high=1.0, unit="", compute=lambda: 1.0,
                  kind="fitted")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="notebook"):
        Benchmark(id="T6", model="m", claim="c", source="s", low=0.0, high=1.0, unit="", compute=lambda: 1.0,
                  limitation="a reason")
    with pytest.raises(ValueError, match="notebook="):
        v.limits_box_text("99_missing.ipynb")


def test_limits_box_is_found_in_each_model_notebook():
    for nb in {b.notebook for b in v.all_benchmarks() if b.notebook}:
        assert "leaves out" in v.limits_box_text(nb)


@pytest.mark.slow  # the whole suite integrates the axon for ≈ 80 s: make test, not make check
def test_markdown_lists_every_benchmark_and_limitation(results):
    text = v.render_markdown(results)
    for r in results:
        assert f"| {r.benchmark.id} |" in text
        if r.benchmark.limitation:
            assert f"**{r.benchmark.id}**" in text


def test_format_value():
    assert v.format_value(-88.8671) == "−88.87"
    assert v.format_value(math.inf) == "∞" and v.format_value(math.nan) == "NaN"


@pytest.mark.slow  # the whole suite integrates the axon for ≈ 80 s: make test, not make check
def test_cli_check_reports_current(capsys):
    assert main(["validate", "--check"]) == 0
    out = capsys.readouterr().out
    assert "VALIDATION.md is current" in out and "E2" in out
