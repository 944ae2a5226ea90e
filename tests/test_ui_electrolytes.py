"""Drive the membrane explorer from Python: every control changes the plotted data, the data equal the
model (course.electrolytes), and the live classification and text alternatives follow."""

from __future__ import annotations

import html

import numpy as np
import pytest

from course.electrolytes import (
    FIELDS,
    PRESETS,
    Electrolytes,
    classify,
    equilibrium_potentials,
    nernst,
    resting_potential,
    resting_potential_curve,
)
from course.ui import membrane_explorer
from course.ui.electrolytes import CUSTOM, K_CURVE_MM, SLIDER_RANGES


@pytest.fixture(scope="module")
def ex():
    return membrane_explorer()


@pytest.fixture(autouse=True)
def _reset(ex):
    ex.controls["chloride"].value = "steady"
    ex.controls["temp_c"].value = 37.0
    ex.controls["preset"].value = "normal"
    for name in FIELDS:  # the preset callback has set these; make sure they are back at normal
        assert ex.controls[name].value == getattr(Electrolytes(), name)
    yield


def _state(ex) -> tuple[Electrolytes, float, str]:
    ecf = Electrolytes(**{n: float(ex.controls[n].value) for n in FIELDS})
    return ecf, float(ex.controls["temp_c"].value), ex.controls["chloride"].value


def _assert_matches_model(ex) -> None:
    ecf, temp_c, mode = _state(ex)
    e = equilibrium_potentials(ecf, temp_c)
    v = resting_potential(ecf, temp_c, chloride=mode)
    bars = np.asarray(ex.figures["potentials"].data[0].y)
    np.testing.assert_allclose(bars, [e["K"], e["Na"], e["Cl"], e["Ca"], v], rtol=1e-12, atol=1e-9)
    fk = ex.figures["vrest_vs_k"].data
    curve = resting_potential_curve(K_CURVE_MM, ecf, temp_c, chloride=mode)
    np.testing.assert_allclose(fk[0].y, curve, atol=1e-9)
    np.testing.assert_allclose(fk[1].y, [nernst(1, k, 150.0, temp_c) for k in K_CURVE_MM], atol=1e-9)
    np.testing.assert_allclose(fk[2].x, [ecf.k])
    np.testing.assert_allclose(fk[2].y, [v], atol=1e-9)
    np.testing.assert_allclose(fk[3].y, [e["K"]], atol=1e-9)
    status = html.unescape(ex.texts["status"].value)
    for name, cls in classify(ecf).items():
        assert f"{ex.controls[name].value:g} mM: " in status
        assert cls in status
    assert f"V_rest = {v:+.1f} mV".replace("-", "−") in status
    words = html.unescape(ex.texts["potentials"].value)
    assert f"E_K {e['K']:+.1f} mV".replace("-", "−") in words
    assert f"resting potential is {v:+.1f} mV".replace("-", "−") in words


def test_initial_state_matches_model(ex):
    _assert_matches_model(ex)
    # Normal values (Jurkat-Rott et al. 2009: ≈ −85 mV; issue window −92 … −83 mV).
    assert -92.0 <= ex.figures["vrest_vs_k"].data[2].y[0] <= -83.0


@pytest.mark.parametrize("name", [*FIELDS, "temp_c"])
def test_each_slider_changes_figures_and_matches_model(ex, name):
    lo, hi, step, _ = SLIDER_RANGES[name]
    before_bars = np.array(ex.figures["potentials"].data[0].y)
    before_curve = np.array(ex.figures["vrest_vs_k"].data[0].y)
    for value in (hi, round((lo + 0.3 * (hi - lo)) / step) * step, lo):
        ex.controls[name].value = value
        _assert_matches_model(ex)
    after_bars = np.array(ex.figures["potentials"].data[0].y)
    # Every slider moves at least one plotted number (Mg²⁺ moves none: it only re-classifies).
    if name == "mg":
        np.testing.assert_allclose(after_bars, before_bars)
        assert "▼ low" in html.unescape(ex.texts["status"].value)
    else:
        assert not np.allclose(after_bars, before_bars)
    if name in ("na", "temp_c"):
        assert not np.allclose(ex.figures["vrest_vs_k"].data[0].y, before_curve)
    # Moving an ion slider away from a preset shows "Custom values" in the preset menu (temperature is
    # not part of a preset).
    assert ex.controls["preset"].value == (CUSTOM if name in FIELDS else "normal")


def test_potassium_slider_moves_the_marker_along_the_curve(ex):
    ex.controls["k"].value = 2.5
    v_low = ex.figures["vrest_vs_k"].data[2].y[0]
    ex.controls["k"].value = 7.0
    v_high = ex.figures["vrest_vs_k"].data[2].y[0]
    assert v_low < resting_potential(Electrolytes()) < v_high  # issue 3: direction of the K⁺ effect
    assert "high" in html.unescape(ex.texts["status"].value)


@pytest.mark.parametrize("key", list(PRESETS))
def test_preset_sets_sliders_and_classification(ex, key):
    ex.controls["preset"].value = key
    for name in FIELDS:
        assert ex.controls[name].value == pytest.approx(getattr(PRESETS[key], name))
    assert ex.controls["preset"].value == key  # not flipped to "custom"
    _assert_matches_model(ex)


def test_chloride_mode_switch(ex):
    ex.controls["k"].value = 2.5
    steady = np.array(ex.figures["vrest_vs_k"].data[0].y)
    ex.controls["chloride"].value = "acute"
    acute = np.array(ex.figures["vrest_vs_k"].data[0].y)
    _assert_matches_model(ex)
    # Hodgkin & Horowicz 1959: with Cl_i not yet moved, the K⁺ dependence is much flatter.
    assert np.ptp(acute) < 0.6 * np.ptp(steady)
    assert "acute" in ex.figures["vrest_vs_k"].data[0].name
    # In the acute mode Cl⁻ matters: raising Cl_o makes V_rest more negative.
    v0 = ex.figures["vrest_vs_k"].data[2].y[0]
    ex.controls["cl"].value = 120.0
    assert ex.figures["vrest_vs_k"].data[2].y[0] < v0


def test_temperature_scales_potentials(ex):
    e37 = np.array(ex.figures["potentials"].data[0].y)
    ex.controls["temp_c"].value = 20.0
    e20 = np.array(ex.figures["potentials"].data[0].y)
    # Nernst and GHK potentials are proportional to absolute temperature.
    np.testing.assert_allclose(e20 / e37, 293.15 / 310.15, rtol=1e-9)


def test_alt_text_of_curve_updates(ex):
    ex.controls["k"].value = 6.0
    words = html.unescape(ex.texts["vrest_vs_k"].value)
    v = resting_potential(Electrolytes(k=6.0))
    assert "at your 6.0 mM" in words and f"{v:+.1f}".replace("-", "−") in words
    assert "less negative than E_K" in words


def test_quiz_widget_grades_electrolyte_questions():
    from course.quizzes import load
    from course.ui.quiz import quiz

    def shown(question):  # position of the right option as displayed (the widget may shuffle the options)
        return getattr(question, "shown_correct", question.correct)

    q = quiz(load("electrolytes"))
    q.choices[0].index = shown(q.questions[0])
    assert q.check(0) is True
    q.choices[1].index = (shown(q.questions[1]) + 1) % len(q.questions[1].options)
    assert q.check(1) is False
    assert q.score == 1


@pytest.mark.parametrize("key", list(PRESETS))
def test_status_box_shows_the_preset_note(ex, key):
    # The clinical note of each preset (course.electrolytes.PRESET_NOTES) appears beside the sliders.
    from course.electrolytes import PRESET_NOTES

    ex.controls["preset"].value = key
    assert PRESET_NOTES[key] in html.unescape(ex.texts["status"].value)
    ex.controls["k"].value = 9.9  # no preset has this value
    assert "Your own combination" in html.unescape(ex.texts["status"].value)


# --- the pure compute step, with no widget built ------------------------------------------------------------
def test_compute_is_pure_and_matches_the_model():
    from course.ui.electrolytes import MembraneExplorer, MembraneInputs

    ecf = PRESETS["hyperkalaemia"]
    view = MembraneExplorer.compute(MembraneInputs(ecf, 30.0, "acute"))
    e = equilibrium_potentials(ecf, 30.0)
    v = resting_potential(ecf, 30.0, chloride="acute")
    np.testing.assert_allclose(view.bars_mv, [e["K"], e["Na"], e["Cl"], e["Ca"], v], rtol=1e-12, atol=1e-9)
    np.testing.assert_allclose(view.vrest_curve_mv, resting_potential_curve(K_CURVE_MM, ecf, 30.0, chloride="acute"))
    np.testing.assert_allclose(view.ek_curve_mv, [nernst(1, k, 150.0, 30.0) for k in K_CURVE_MM], atol=1e-9)
    assert view.preset == "hyperkalaemia" and view.k_mm == ecf.k
    assert "acute chloride" in view.vrest_name and "30.0 °C" in html.unescape(view.status_html)
    # the same inputs give the same view; a value between presets is "custom"
    again = MembraneExplorer.compute(MembraneInputs(ecf, 30.0, "acute"))
    np.testing.assert_array_equal(again.bars_mv, view.bars_mv)
    assert MembraneExplorer.compute(MembraneInputs(ecf.replace(k=6.55))).preset == CUSTOM


def test_warmup_compute_is_the_nernst_equation():
    from course.ui.welcome import K_IN_MM, WarmupExplorer, WarmupInputs

    view = WarmupExplorer.compute(WarmupInputs(8.0))
    # 26.7 mV · ln(8/150) at 37 °C ≈ −78.3 mV (PHYSIOLOGY_REFERENCE: E_K ≈ −97 mV at 4 mM)
    assert view.e_k_mv == pytest.approx(nernst(1, 8.0, K_IN_MM)) and round(view.e_k_mv, 1) == -78.3
    assert "At 8.0 mM" in view.words and f"{view.e_k_mv:.1f} mV" in view.words
