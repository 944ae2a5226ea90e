"""Physics and robustness of the motor-axon excitability model (course.excitability) and its explorer.

Sources cited in the comments are listed in REFERENCES.md (Notebook 03).
"""

from __future__ import annotations

import html
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from course import excitability as ex
from course.contraction import simulate_contraction
from course.electrolytes import PRESETS, Electrolytes, nernst
from tests.reference_solvers import axon_spike_times

NORMAL = Electrolytes()


# ---------------------------------------------------------------------------------------------
# Surface-charge screening
# ---------------------------------------------------------------------------------------------


def test_shift_is_zero_at_normal_values_and_signed():
    assert ex.gating_shift_mv(1.2, 0.85) == 0.0
    assert ex.gating_shift_mv(0.8, 0.85) < 0.0 < ex.gating_shift_mv(1.6, 0.85)
    assert ex.gating_shift_mv(1.2, 0.4) < 0.0 < ex.gating_shift_mv(1.2, 1.4)


def test_shift_magnitude_matches_frankenhaeuser_hodgkin_and_hille():
    # Frankenhaeuser & Hodgkin 1957, J Physiol 137:218: a five-fold fall of external Ca²⁺ shifts the
    # conductance-voltage curves by about 10–15 mV.
    five_fold = ex.gating_shift_mv(1.2 / 5, 0.85)
    assert -15.0 <= five_fold <= -10.0
    # Hille, Woodhull & Shapiro 1975, Phil Trans R Soc B 270:301: a ten-fold rise of a divalent ion
    # shifts Na⁺ activation by +20 to +25 mV.
    assert 20.0 <= ex.gating_shift_mv(5.0, 0.85) - ex.gating_shift_mv(0.5, 0.85) <= 25.0


@pytest.mark.parametrize("fraction", [0.9, 0.7, 0.5, 0.3])
def test_low_mg_shifts_less_than_the_same_fractional_fall_of_ca(fraction):
    # Hille et al. 1975: Mg²⁺ is a weaker screen than Ca²⁺.
    ca_fall = ex.gating_shift_mv(1.2 * fraction, 0.85)
    mg_fall = ex.gating_shift_mv(1.2, 0.85 * fraction)
    assert ca_fall < mg_fall < 0.0


def test_rate_functions_are_finite_at_their_removable_singularities():
    # α_m has 0/0 at u = −40 mV and α_n at −55 mV (Hodgkin & Huxley 1952); the limits are 1.0 and 0.1 /ms.
    u = np.array([-40.0, -55.0, -40.0 + 1e-9, -55.0 - 1e-9, -40.0 + 1e-4])
    r = ex.rate_constants(u)
    for values in r.values():
        assert np.all(np.isfinite(values))
    assert r["alpha_m"][0] == pytest.approx(1.0, rel=1e-9)
    assert r["alpha_n"][1] == pytest.approx(0.1, rel=1e-9)
    assert r["alpha_m"][4] == pytest.approx(0.1 * 1e-4 / -math.expm1(-1e-5), rel=1e-9)


def test_reversal_potentials_come_from_nernst_with_documented_axoplasm():
    c = ex.axon_conditions(NORMAL)
    assert c.e_k_mv == pytest.approx(nernst(1, 4.0, 140.0), abs=1e-12)
    assert c.e_na_mv == pytest.approx(nernst(1, 140.0, 12.0), abs=1e-12)
    assert c.e_k_mv == pytest.approx(-95.0, abs=0.1)  # PHYSIOLOGY_REFERENCE: E_K −95.0 mV (4/140, 37 °C)


# ---------------------------------------------------------------------------------------------
# Integrator against a reference solver
# ---------------------------------------------------------------------------------------------


def test_membrane_rhs_is_the_hodgkin_huxley_current_balance():
    # At rest every derivative vanishes; a 10 µA/cm² stimulus gives dV/dt = 10 mV/ms (C_m 1 µF/cm²).
    cond = ex.axon_conditions(NORMAL)
    y0 = ex.resting_state(NORMAL)
    np.testing.assert_allclose(ex.membrane_rhs(y0, cond), 0.0, atol=1e-9)
    assert ex.membrane_rhs(y0, cond, 10.0)[0] == pytest.approx(10.0 / ex.C_M, abs=1e-9)


@pytest.mark.parametrize(("ecf", "stim"), [(Electrolytes(ca=0.6), 0.0), (NORMAL, 8.0)])
def test_spike_times_match_solve_ivp_within_0p2_ms_over_200_ms(ecf, stim):
    ref = axon_spike_times(ecf, 200.0, stim)  # solve_ivp LSODA, rtol 1e-8
    ours = ex.simulate_axon(ecf, 200.0, stim).spike_times_ms
    assert ref.size >= 10  # repetitive firing, so phase errors would accumulate
    assert ours.size == ref.size
    np.testing.assert_allclose(ours, ref, atol=0.2)


def test_batch_gives_identical_results_to_single_runs():
    cas = np.array([0.5, 0.8, 1.2])
    batch = ex.simulate_grid(ca_mm=cas, k_mm=5.0, compression_ua_cm2=1.0, duration_ms=150.0, seed=3)
    for j, ca in enumerate(cas):
        one = ex.simulate_axon(Electrolytes(ca=ca, k=5.0), 150.0, compression_ua_cm2=1.0, seed=3)
        np.testing.assert_array_equal(one.v_mv, batch.v_mv[:, j])
        np.testing.assert_array_equal(one.spike_times_ms, batch.spike_times_ms[j])


# ---------------------------------------------------------------------------------------------
# Behaviour at normal and abnormal calcium
# ---------------------------------------------------------------------------------------------


def test_normal_values_no_spontaneous_spike_in_one_second():
    assert ex.spontaneous_rate_hz(NORMAL, 1000.0) == 0.0  # not a single spike in 1 s
    # Resting potential of the model near the HH value (−65 mV), far from E_K and from threshold.
    assert -72.0 < ex.resting_potential_mv(NORMAL) < -64.0


@pytest.mark.parametrize("stim_hz", [5.0, 20.0, 50.0])
def test_suprathreshold_pulses_give_one_spike_per_pulse(stim_hz):
    # A normal motor axon follows stimulation one-to-one at these rates (it does not start
    # firing on its own after a stimulus).
    trace = ex.simulate_axon(NORMAL, 400.0, 20.0, stim_hz=stim_hz, pulse_ms=1.0)
    pulses = np.arange(0.0, 400.0, 1000.0 / stim_hz)
    assert trace.spike_times_ms.size == pulses.size
    lag = trace.spike_times_ms - pulses
    assert np.all((lag > 0.0) & (lag < 5.0))


@pytest.fixture(scope="module")
def ca_sweep():
    ca = np.round(np.arange(0.40, 1.601, 0.05), 2)
    return ca, ex.firing_rate_curve(ca, NORMAL, 1000.0)


def test_no_spontaneous_firing_at_or_above_1p1_mM(ca_sweep):
    # Hypocalcaemic symptoms (tetany) appear below the normal range; normal ionized Ca²⁺ 1.1–1.3 mM.
    ca, rate = ca_sweep
    assert np.all(rate[ca >= 1.1] == 0.0)


def test_spontaneous_firing_at_0p5_mM_and_at_the_hypocalcaemia_preset(ca_sweep):
    ca, rate = ca_sweep
    assert rate[ca == 0.5][0] > 0.0
    # COURSE_SPEC: > 0 in hypocalcaemia (ionized Ca²⁺ ≤ 0.8 mM); the notebook-01 preset uses 0.8 mM.
    assert ex.spontaneous_rate_hz(PRESETS["hypocalcaemia"], 300.0) > 0.0


def test_onset_lies_in_the_clinical_band(ca_sweep):
    # Tetany is usually seen once ionized Ca²⁺ falls below ≈ 0.8–0.9 mM (clinical band 0.5–0.95 mM).
    onset = ex.onset_ca_mm(resolution_mm=0.01, ca_range_mm=(0.5, 1.1))
    assert 0.5 <= onset <= 0.95
    ca, rate = ca_sweep
    assert np.all(rate[ca <= onset] > 0.0) and np.all(rate[ca > onset] == 0.0)


def test_rate_never_decreases_as_calcium_falls_below_onset(ca_sweep):
    # No depolarisation block inside the slider range: the rate rises as Ca²⁺ falls.
    ca, rate = ca_sweep
    firing = rate[rate > 0.0]
    assert np.all(np.diff(firing) <= 0.0)  # ca ascending → rate non-increasing
    assert firing[0] > firing[-1]


def test_linear_stability_changes_sign_just_above_the_simulated_onset():
    # Subcritical Hopf: rest is linearly unstable below ≈ 0.82 mM; the 2-mV nudge starts firing a
    # little above it (bistable band).
    assert ex.rest_max_growth_rate(Electrolytes(ca=0.75)) > 0.0
    assert ex.rest_max_growth_rate(Electrolytes(ca=0.9)) < 0.0
    assert ex.rest_max_growth_rate(NORMAL) < 0.0


def test_rheobase_rises_strictly_with_calcium_and_low_mg_lowers_it():
    ca = np.round(np.arange(0.4, 1.61, 0.15), 2)  # the whole slider range
    both = ex.rheobase_curve(
        np.concatenate([ca, ca]), NORMAL, mg_mm=np.concatenate([np.full(ca.size, 0.85), np.full(ca.size, 0.5)])
    )
    normal_mg, low_mg = both[: ca.size], both[ca.size :]
    assert np.all(np.isfinite(both))
    assert np.all(np.diff(normal_mg) > 0.0)
    assert np.all(np.diff(low_mg) > 0.0)
    assert np.all(low_mg < normal_mg)
    # Below the onset the value is negative (fires without help), above it positive.
    assert normal_mg[ca == 0.55][0] < 0.0 < normal_mg[ca == 1.15][0]


@pytest.fixture(scope="module")
def rheobase_normal():
    return ex.rheobase_ua_cm2(NORMAL)


def test_rheobase_is_a_true_threshold(rheobase_normal):
    rb = rheobase_normal
    below = ex.simulate_axon(NORMAL, 200.0, rb - 0.05)
    above = ex.simulate_axon(NORMAL, 200.0, rb + 0.05)
    assert below.spike_times_ms.size == 0 < above.spike_times_ms.size


# ---------------------------------------------------------------------------------------------
# Other causes
# ---------------------------------------------------------------------------------------------


def test_fatigue_potassium_depolarises_and_lowers_threshold(rheobase_normal):
    # Juel et al. 2000: interstitial K⁺ ≈ 4 → 9 mM during intense exercise.
    rest0 = ex.resting_potential_mv(NORMAL)
    rest5 = ex.resting_potential_mv(NORMAL, fatigue_k_mm=5.0)
    assert rest5 > rest0 + 3.0
    assert ex.rheobase_ua_cm2(NORMAL, fatigue_k_mm=2.0) < rheobase_normal
    assert ex.spontaneous_rate_hz(NORMAL, 300.0, fatigue_k_mm=5.0) > 0.0


def test_dehydration_concentrates_sodium_only_and_does_not_start_firing():
    # Edelman et al. 1958 with sweat Na⁺ 43 + K⁺ 6 mM (Lara et al. 2016): 4 % body mass → Na⁺ ≈ 146.5 mM.
    c = ex.axon_conditions(NORMAL, dehydration_pct=4.0)
    assert c.na_mm == pytest.approx((140.0 * 42.0 - 2.8 * 49.0) / 39.2, rel=1e-12)
    assert (c.k_mm, c.ca_mm, c.mg_mm) == (4.0, 1.2, 0.85)
    # Miller et al. 2010: 3 % hypohydration did not change cramp threshold frequency.
    assert ex.spontaneous_rate_hz(NORMAL, 500.0, dehydration_pct=3.0) == 0.0


def test_compression_gives_seeded_ectopic_firing():
    a = ex.simulate_axon(NORMAL, 250.0, compression_ua_cm2=2.0, seed=1)
    b = ex.simulate_axon(NORMAL, 250.0, compression_ua_cm2=2.0, seed=1)
    c = ex.simulate_axon(NORMAL, 250.0, compression_ua_cm2=2.0, seed=2)
    assert a.spike_times_ms.size > 0
    np.testing.assert_array_equal(a.v_mv, b.v_mv)
    assert not np.array_equal(a.spike_times_ms, c.spike_times_ms)


def test_low_calcium_spike_train_gives_sustained_involuntary_force():
    # Spontaneous rates of 60–80 Hz lie above the human fusion range (maximal tetanic force between
    # 30 and 100 Hz, Thomas et al. 1991), so the contraction is sustained, not twitchy.
    low = ex.simulate_axon(Electrolytes(ca=0.6), 500.0)
    force = ex.force_from_spikes(low)
    direct = simulate_contraction(None, 500.0, spike_times_ms=low.spike_times_ms)
    np.testing.assert_allclose(force.force, direct.force)
    late = force.force[force.t_ms >= 300.0]
    assert late.min() > 0.5
    quiet = ex.force_from_spikes(ex.simulate_axon(NORMAL, 500.0))
    assert quiet.force.max() < 0.01


def test_no_nan_anywhere_on_the_slider_box():
    from course.ui.excitability import SLIDERS

    names = ["ca", "mg", "k", "stim", "fatigue", "compression"]
    corners = np.array(np.meshgrid(*[[SLIDERS[n][2], SLIDERS[n][3]] for n in names])).reshape(6, -1)
    rng = np.random.default_rng(0)
    inner = np.array([rng.uniform(SLIDERS[n][2], SLIDERS[n][3], 16) for n in names])
    p = np.concatenate([corners, inner], axis=1)
    batch = ex.simulate_grid(
        ca_mm=p[0], mg_mm=p[1], k_mm=p[2], stim_ua_cm2=p[3], fatigue_k_mm=p[4], compression_ua_cm2=p[5],
        duration_ms=150.0,
    )
    assert np.all(np.isfinite(batch.v_mv))
    assert np.all(np.abs(batch.v_mv) < 200.0)
    assert all(np.all(np.isfinite(s)) for s in batch.spike_times_ms)


# ---------------------------------------------------------------------------------------------
# Bad input
# ---------------------------------------------------------------------------------------------

_BAD_NUMBERS = [math.nan, math.inf, -math.inf, -1.0, 0.0, 1e12, -1e12]
_BAD_TYPES = ["1.0", None, True, [1.0], object()]


def _expect_named_error(name, call):
    with pytest.raises((ValueError, TypeError)) as err:
        call()
    assert name in str(err.value)


@settings(max_examples=40, deadline=None)
@given(which=st.sampled_from(["ca", "mg"]), bad=st.sampled_from(_BAD_NUMBERS + _BAD_TYPES))
def test_gating_shift_rejects_bad_input(which, bad):
    args = {"ca": 1.2, "mg": 0.85, which: bad}
    _expect_named_error(which, lambda: ex.gating_shift_mv(**args))


_SIM_PARAMS = {
    # name: bad values (every other argument valid)
    "duration_ms": [math.nan, math.inf, -5.0, 0.0, 1e9, "10", None, True],
    "stim_ua_cm2": [math.nan, math.inf, -1e3, 1e6, "1", None, True],
    "stim_hz": [math.nan, math.inf, -1.0, 0.0, 1e6, "20", True],
    "fatigue_k_mm": [math.nan, math.inf, -1.0, 100.0, "2", None, True],
    "dehydration_pct": [math.nan, -1.0, 50.0, "3", None],
    "compression_ua_cm2": [math.nan, -0.5, 1e3, "1", None],
    "seed": [-1, 1.5, "0", None, True],
    "dt_ms": [math.nan, 0.0, -0.05, 10.0, "0.05", None],
}


@settings(max_examples=60, deadline=None)
@given(name=st.sampled_from(sorted(_SIM_PARAMS)), data=st.data())
def test_simulate_axon_rejects_bad_input(name, data):
    bad = data.draw(st.sampled_from(_SIM_PARAMS[name]))
    kwargs = {"duration_ms": 20.0, name: bad}
    _expect_named_error(name, lambda: ex.simulate_axon(NORMAL, **kwargs))


@settings(max_examples=30, deadline=None)
@given(
    func=st.sampled_from(["simulate_axon", "spontaneous_rate_hz", "rheobase_ua_cm2", "axon_conditions"]),
    bad=st.sampled_from([None, 1.2, "normal", {"ca": 1.2}]),
)
def test_functions_reject_a_non_electrolytes_ecf(func, bad):
    _expect_named_error("ecf", lambda: getattr(ex, func)(bad))


@settings(max_examples=30, deadline=None)
@given(bad=st.sampled_from([[1.2, math.nan], [0.0], [-1.0], [1e6], ["a"], [[1.0], [2.0, 3.0]]]))
def test_curves_reject_bad_calcium_arrays(bad):
    with pytest.raises((ValueError, TypeError)) as err:
        ex.firing_rate_curve(bad, duration_ms=10.0)
    assert "ca_mm" in str(err.value)
    with pytest.raises((ValueError, TypeError)) as err:
        ex.rheobase_curve(bad, window_ms=10.0)
    assert "ca_mm" in str(err.value)


def test_valid_electrolytes_outside_model_grid_still_finite():
    extreme = Electrolytes(k=20.0, na=250.0, ca=0.01, mg=0.01)
    trace = ex.simulate_axon(extreme, 50.0)
    assert np.all(np.isfinite(trace.v_mv))


# ---------------------------------------------------------------------------------------------
# Explorer
# ---------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def explorer():
    from course.ui import excitability_explorer

    return excitability_explorer()


def _set(explorer, **values):
    for name, value in values.items():
        explorer.controls[name].value = value


def test_explorer_shows_the_exact_model_trace(explorer):
    from course.ui.excitability import DURATION_MS, RECORD_EVERY

    _set(explorer, ca=0.6, mg=0.85, k=4.0, stim=0.0, fatigue=0.0, compression=0.0)
    trace = ex.simulate_axon(Electrolytes(ca=0.6), DURATION_MS)
    shown = np.asarray(explorer.figures["voltage"].data[0].y)
    np.testing.assert_allclose(shown, trace.v_mv[::RECORD_EVERY], atol=1e-4)
    marker = explorer.figures["rate"].data[2]
    assert tuple(marker.x) == (0.6,)
    assert marker.y[0] == pytest.approx(trace.rate_hz)
    force = simulate_contraction(None, DURATION_MS, spike_times_ms=trace.spike_times_ms).force
    np.testing.assert_allclose(explorer.figures["force"].data[0].y, 100.0 * force)
    words = html.unescape(explorer.texts["voltage"].value)
    assert f"{trace.spike_times_ms.size} action potentials" in words
    assert "spontaneous firing" in html.unescape(explorer.texts["status"].value)


def test_explorer_computes_missing_rows_exactly(explorer):
    from course.ui.excitability import DURATION_MS, RECORD_EVERY

    _set(explorer, ca=1.2, mg=0.5, k=4.0, stim=0.0, fatigue=0.0, compression=0.0)
    _set(explorer, k=6.5)  # a point off the precomputed lines: computed on demand
    trace = ex.simulate_axon(Electrolytes(ca=1.2, mg=0.5, k=6.5), DURATION_MS)
    np.testing.assert_allclose(explorer.figures["voltage"].data[0].y, trace.v_mv[::RECORD_EVERY], atol=1e-4)
    rates = np.asarray(explorer.figures["rate"].data[1].y)
    assert np.all(np.isfinite(rates)) and rates.size == 25
    _set(explorer, mg=0.85, k=4.0, ca=1.2)
    assert "silent" in html.unescape(explorer.texts["status"].value)


def test_depolarisation_block_only_when_screening_is_almost_gone():
    # Documented in the module: firing rises monotonically as Ca²⁺ falls and stops (block) only when
    # Ca²⁺ + 0.3·Mg²⁺ < ≈ 0.12 mM, far outside the slider ranges; with K⁺ the block starts above 15 mM.
    batch = ex.simulate_grid(
        ca_mm=np.array([0.10, 0.20, 1.2, 1.2]), mg_mm=np.array([0.01, 0.01, 0.85, 0.85]),
        k_mm=np.array([4.0, 4.0, 10.0, 17.0]), duration_ms=300.0, record_every=0,
    )
    blocked_ca, firing_ca, firing_k, blocked_k = batch.rate_hz
    assert blocked_ca == 0.0 < firing_ca
    assert firing_k > 0.0 == blocked_k
    assert batch.rest_mv[3] > -50.0  # depolarised, Na⁺ channels inactivated


def test_quiz_numbers_match_the_model(rheobase_normal):
    from course.quizzes import load

    text = " ".join(" ".join((q.prompt, *q.options, *q.feedback)) for q in load("excitability"))
    assert f"{ex.gating_shift_mv(0.6, 0.85):.1f}".replace("-", "−") + " mV" in text
    assert f"about {ex.gating_shift_mv(1.2, 0.425):.1f}".replace("-", "−") + " mV" in text
    assert f"{rheobase_normal:.1f} → {ex.rheobase_ua_cm2(Electrolytes(k=3.0)):.1f} µA/cm²" in text
    e_k_normal = ex.axon_conditions(NORMAL).e_k_mv
    e_k_low = ex.axon_conditions(Electrolytes(k=3.0)).e_k_mv
    assert f"from {e_k_normal:.0f} to {e_k_low:.0f} mV".replace("-", "−") in text
    assert len(load("excitability")) >= 3
