"""Explorer tests for notebooks 04 and 05: controls drive the model, figures show the model's numbers."""

from __future__ import annotations

import numpy as np
import pytest

from course import healing as hm
from course.ui import healing_explorer, treatment_explorer


@pytest.fixture(scope="module")
def healing_ex():
    return healing_explorer()


@pytest.fixture(scope="module")
def treatment_ex():
    return treatment_explorer()


def test_healing_explorer_controls_and_figures(healing_ex):
    assert set(healing_ex.controls) == {
        "scenario",
        "compare",
        "severity",
        "days",
        "ca",
        "mg",
        "fluid_deficit_pct",
        "seed",
    }
    assert set(healing_ex.figures) == {"phases", "rate", "diary", "weekly"}
    assert set(healing_ex.texts) == {"phases", "rate", "diary", "weekly", "summary"}


def test_healing_explorer_shows_the_model(healing_ex):
    c = healing_ex.controls
    c["scenario"].value = "healing"
    c["compare"].value = "nerve_compression"
    c["severity"].value = "moderate"
    c["days"].value = 42
    c["seed"].value = 3
    rate = healing_ex.figures["rate"]
    a, b = rate.data[4], rate.data[5]
    np.testing.assert_allclose(a.y, hm.spasm_rate(a.x, "healing"), rtol=1e-12)
    np.testing.assert_allclose(b.y, hm.spasm_rate(b.x, "nerve_compression"), rtol=1e-12)
    diary = hm.simulate_diary("healing", 42, 3)
    np.testing.assert_array_equal(healing_ex.figures["diary"].data[0].x, diary.day)
    np.testing.assert_allclose(
        healing_ex.figures["weekly"].data[0].y, hm.weekly_expected("healing", 6), rtol=1e-12
    )
    phases = healing_ex.figures["phases"]
    np.testing.assert_allclose(phases.data[0].y, hm.phase_weights(phases.data[0].x)["inflammation"])
    assert f"{hm.weekly_expected('healing', 6)[0]:.1f}" in healing_ex.texts["weekly"].value


def test_scenario_moves_sliders_and_sliders_act_on_scenario_a_only(healing_ex):
    c = healing_ex.controls
    c["compare"].value = "healing"
    c["scenario"].value = "electrolyte_imbalance"
    assert c["ca"].value == pytest.approx(0.95) and c["mg"].value == pytest.approx(0.55)
    c["ca"].value = 0.8
    a, b = healing_ex.figures["rate"].data[4], healing_ex.figures["rate"].data[5]
    np.testing.assert_allclose(a.y, hm.spasm_rate(a.x, "electrolyte_imbalance", ca=0.8, mg=0.55), rtol=1e-12)
    np.testing.assert_allclose(b.y, hm.spasm_rate(b.x, "healing"), rtol=1e-12)  # B keeps its defaults
    c["scenario"].value = "healing"
    assert c["ca"].value == pytest.approx(hm.NORMAL_CA_MM)
    assert c["fluid_deficit_pct"].value == 0.0


def test_severity_and_days_change_the_time_axis(healing_ex):
    c = healing_ex.controls
    c["severity"].value = "severe"
    c["days"].value = 84
    a = healing_ex.figures["rate"].data[4]
    assert a.x[-1] == 84.0
    np.testing.assert_allclose(a.y, hm.spasm_rate(a.x, c["scenario"].value, severity="severe"), rtol=1e-12)
    assert len(healing_ex.figures["weekly"].data[0].y) == 12
    c["severity"].value = "moderate"
    c["days"].value = 42


def test_treatment_explorer_controls(treatment_ex):
    assert set(treatment_ex.controls) == {
        "scenario",
        "severity",
        "rest",
        "hydration",
        "cold",
        "heat",
        "professional",
        "start_day",
        "heat_start_day",
    }
    assert set(treatment_ex.figures) == {"rate", "weekly"}


def test_treatment_explorer_numbers_match_model(treatment_ex):
    c = treatment_ex.controls
    c["scenario"].value = "healing"
    for name in hm.TREATMENTS:
        c[name].value = name in ("rest", "cold", "heat")
    c["start_day"].value = 0.0
    c["heat_start_day"].value = 2.0
    expected = hm.spasms_avoided("healing", ("rest", "cold", "heat"), start_day=0.0, heat_start_day=2.0)
    assert treatment_ex.result["avoided"] == pytest.approx(expected)
    assert f"{expected:.1f}" in treatment_ex.texts["summary"].value
    assert not treatment_ex.result["heat_flagged"]
    with_trace = treatment_ex.figures["rate"].data[1]
    np.testing.assert_allclose(
        with_trace.y,
        hm.spasm_rate(with_trace.x, "healing", treatments=("rest", "cold", "heat"), heat_start_day=2.0),
        rtol=1e-12,
    )


def test_heat_in_first_48h_warns(treatment_ex):
    c = treatment_ex.controls
    c["scenario"].value = "healing"
    c["heat"].value = True
    c["heat_start_day"].value = 0.5
    assert treatment_ex.result["heat_flagged"]
    assert (
        "Warning" in treatment_ex.texts["advice"].value and "48 hours" in treatment_ex.texts["advice"].value
    )
    c["heat_start_day"].value = 3.0
    assert not treatment_ex.result["heat_flagged"]


def test_professional_care_for_nerve_compression(treatment_ex):
    c = treatment_ex.controls
    c["scenario"].value = "nerve_compression"
    c["professional"].value = False
    assert "Missing: professional care" in treatment_ex.texts["advice"].value
    before = treatment_ex.result["avoided"]
    c["professional"].value = True
    assert treatment_ex.result["avoided"] > before + 10.0
