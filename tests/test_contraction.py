"""Physics, numerics, input validation and explorer of course.contraction (notebook 02).

Reference values and their sources (full citations in REFERENCES.md (Notebook 02)):
- Baylor & Hollingworth 2003, J Physiol 551:125: one action potential in mouse fibres at 16 °C gives a
  peak Δ[Ca²⁺] of 18.5 µM (fast) and 9.4 µM (slow) (we keep ±15 %) with a half-duration of 4.9 ms (fast)
  and 7.7 ms (slow) (we test the order, fast < slow: the model mixes 16 °C mouse Ca²⁺ kinetics with
  37 °C human twitch times, so its absolute half-widths are not a measurement).
- Pape, Jong & Chandler 1998, J Gen Physiol 112:263: one action potential releases ≈ 0.17 of the SR Ca²⁺
  content at normal content (frog cut fibres); issue 12 window 0.1–0.3.
- Baylor & Hollingworth 2007, J Gen Physiol 130:283: in a 67-Hz train release per action potential falls
  to about 0.15–0.25 of the first (mouse fast fibres, 16 °C), mainly by Ca²⁺-dependent inactivation of
  release, not by emptying the SR.
- Sica & McComas 1971, J Neurol Neurosurg Psychiatry 34:113: human motor-unit twitch contraction
  times 35–98 ms (we accept 35–100 ms for contraction and half-relaxation time).
- Thomas, Bigland-Ritchie & Johansson 1991, J Neurophysiol 65:1509: human thenar motor units, force
  half-maximal at 12 ± 4 Hz, fusion from 5–8 Hz, maximal force between 30 and 100 Hz (the issue asks
  for a half-maximal frequency between 8 and 30 Hz).
- Twitch:tetanus ratio of human muscle 0.10–0.25 (one range in the reference sheet, COURSE_SPEC V3.3,
  REFERENCES.md and the model; version 2 allowed 0.1–0.3).
- Baylor & Hollingworth 2007, J Gen Physiol 130:283: release of the 2nd/5th AP of a 67-Hz train ≈ 0.25/0.15
  of the first, recovery from release inactivation ≈ 7 s⁻¹ (mouse fast fibres, 16 °C).
"""

from __future__ import annotations

import html
import math

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from course import contraction as c
from course.contraction import (
    FAST,
    FF_FREQS_HZ,
    FF_TRAIN_MS,
    FIBRE_PARAMS,
    SLOW,
    ForceFrequencyTable,
    fibre_params,
    force_frequency,
    fusion_index,
    half_max_frequency,
    metrics_from_trace,
    release_per_stimulus,
    simulate_contraction,
    steady_state_force,
    twitch_metrics,
    twitch_tetanus_ratio,
)
from course.quizzes import load
from reference.solvers import contraction_states

FREQS = np.array([1, 2, 3, 5, 8, 10, 12, 15, 20, 25, 30, 40, 50, 60, 80, 100], dtype=float)


@pytest.fixture(scope="module")
def twitches():
    return {name: twitch_metrics(name) for name in FIBRE_PARAMS}


@pytest.fixture(scope="module")
def ff_curves():
    return {name: force_frequency(FREQS, fibre=name) for name in FIBRE_PARAMS}


# ---------------------------------------------------------------------------------------------
# Force–pCa (Hill) relation
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("p", [FAST, SLOW], ids=["fast", "slow"])
def test_hill_is_exactly_half_at_ca50(p):
    assert steady_state_force(p.ca50_um, p.ca50_um, p.hill_n) == 0.5
    assert steady_state_force(2.0, 2.0, 3.3) == 0.5


def test_hill_limits_and_monotonic():
    assert steady_state_force(0.0) == 0.0
    assert steady_state_force(1000.0) > 0.99999
    ca = np.logspace(-3, 3, 400)
    f = steady_state_force(ca)
    assert isinstance(f, np.ndarray) and f.shape == ca.shape
    assert np.all(np.diff(f) > 0)
    assert np.all((f >= 0) & (f <= 1))
    # default is the fast-fibre relation, pCa50 5.8 (skinned fast fibres: 5.7–5.9, textbook range)
    assert math.isclose(c.um_to_pca(FAST.ca50_um), 5.8, abs_tol=1e-12)
    assert math.isclose(c.um_to_pca(SLOW.ca50_um), 6.0, abs_tol=1e-12)


@given(st.floats(0.05, 50.0), st.floats(1.0, 8.0), st.floats(0.0, 1e4))
@settings(max_examples=40, deadline=None)
def test_hill_properties(ca50, n, ca):
    assert steady_state_force(ca50, ca50, n) == pytest.approx(0.5, abs=1e-15)
    f = steady_state_force(ca, ca50, n)
    assert 0.0 <= f <= 1.0
    assert steady_state_force(ca * 1.1 + 1e-6, ca50, n) >= f


# ---------------------------------------------------------------------------------------------
# Single twitch
# ---------------------------------------------------------------------------------------------


def test_twitch_peak_calcium(twitches):
    # Baylor & Hollingworth 2003 (mouse, 16 °C): fast 18.5 µM, slow 9.4 µM per action potential; ±15 %
    assert 18.5 * 0.85 <= twitches["fast"].peak_ca_um <= 18.5 * 1.15
    assert 9.4 * 0.85 <= twitches["slow"].peak_ca_um <= 9.4 * 1.15
    assert twitches["fast"].peak_ca_um > twitches["slow"].peak_ca_um


def test_calcium_half_width_fast_shorter_than_slow(twitches):
    # Baylor & Hollingworth 2003 (mouse, 16 °C): half-duration 4.9 ms fast, 7.7 ms slow
    fast, slow = twitches["fast"].ca_half_width_ms, twitches["slow"].ca_half_width_ms
    assert fast < slow - 1.0
    assert 2.0 <= fast <= 12.0 and 2.0 <= slow <= 15.0  # a few ms, as measured (not tens of ms)


@pytest.mark.parametrize("name", ["fast", "slow"])
def test_one_spike_releases_a_fraction_of_the_sr(twitches, name):
    # Pape, Jong & Chandler 1998 (frog cut fibres): ≈ 0.17 of SR content per action potential;
    # issue 12 window 0.1–0.3
    frac = twitches[name].sr_release_fraction
    assert 0.1 <= frac <= 0.3
    tr = simulate_contraction(1.0, 600.0, fibre=name, n_stimuli=1)
    assert frac == pytest.approx(tr.released_um[-1] / FIBRE_PARAMS[name].sr_store_um, rel=1e-12)
    # the gate closes during the spike and recovers afterwards
    assert tr.release_gate.min() < 0.7 * tr.params.gate_rest
    assert tr.release_gate[-1] == pytest.approx(tr.params.gate_rest, rel=0.02)


def test_release_declines_in_a_train_by_inactivation_not_depletion():
    # Baylor & Hollingworth 2007 (mouse fast fibres, 16 °C): at 67 Hz release per action potential falls to
    # ≈ 0.15–0.25 of the first, mainly through Ca²⁺-dependent inactivation; the SR stays far from empty
    tr = simulate_contraction(67.0, 200.0)
    idx = np.searchsorted(tr.t_ms, tr.spike_times_ms)
    per_spike = np.diff(np.append(tr.released_um[idx], tr.released_um[-1]))
    assert 0.05 <= per_spike[5] / per_spike[0] <= 0.3
    assert tr.sr_um.min() > 0.6 * FAST.sr_store_um
    assert tr.release_gate[idx[5]] < 0.4 * FAST.gate_rest
    # without inactivation the same train would release far more per spike
    no_inact = simulate_contraction(67.0, 200.0, release_inact_max_per_ms=0.0)
    idx2 = np.searchsorted(no_inact.t_ms, no_inact.spike_times_ms)
    assert np.diff(no_inact.released_um[idx2])[4] > 2.0 * per_spike[5]


@pytest.mark.parametrize("name", ["fast", "slow"])
def test_twitch_times_in_human_motor_unit_range(twitches, name):
    # Sica & McComas 1971: human motor units, contraction time 35–98 ms
    m = twitches[name]
    assert 35.0 <= m.contraction_time_ms <= 100.0
    assert 35.0 <= m.half_relaxation_ms <= 100.0


def test_slow_twitch_is_slower(twitches):
    assert twitches["slow"].contraction_time_ms > twitches["fast"].contraction_time_ms + 10.0
    assert twitches["slow"].half_relaxation_ms > twitches["fast"].half_relaxation_ms + 10.0


@pytest.mark.parametrize("name", ["fast", "slow"])
def test_twitch_tetanus_ratio(ff_curves, name):
    # human muscle 0.10–0.25 (course reference sheet; COURSE_SPEC V3.3 — v2 allowed up to 0.3)
    ratio = twitch_tetanus_ratio(name)
    assert 0.1 <= ratio <= 0.25
    assert ratio == pytest.approx(ff_curves[name][0] / force_frequency([100.0], fibre=name)[0], rel=1e-12)


@pytest.mark.parametrize("name", ["fast", "slow"])
def test_halving_serca_slows_relaxation(twitches, name):
    # halving the SERCA rate lengthens half-relaxation (Brody disease; Odermatt et al. 1996). v3: relaxation
    # is now also set by the series elasticity, so the fast twitch lengthens by ≈ 18 % (v2 test: ≥ 30 %)
    slow_pump = twitch_metrics(name, serca_vmax_um_per_ms=FIBRE_PARAMS[name].serca_vmax_um_per_ms / 2)
    assert slow_pump.half_relaxation_ms >= 1.1 * twitches[name].half_relaxation_ms


def test_more_release_more_calcium_and_force():
    lo = twitch_metrics("fast", release_peak_um_per_ms=FAST.release_peak_um_per_ms * 0.5)
    hi = twitch_metrics("fast", release_peak_um_per_ms=FAST.release_peak_um_per_ms * 1.5)
    assert lo.peak_ca_um < hi.peak_ca_um
    assert lo.peak_force < hi.peak_force


def test_rest_is_a_steady_state():
    for name, p in FIBRE_PARAMS.items():
        tr = simulate_contraction(None, 300.0, spike_times_ms=[], fibre=name)
        np.testing.assert_allclose(tr.ca_um, p.ca_rest_um, rtol=1e-9)
        np.testing.assert_allclose(tr.sr_um, p.sr_store_um, rtol=1e-9)
        np.testing.assert_allclose(tr.release_gate, p.gate_rest, rtol=1e-12)
        assert np.all(tr.released_um == 0.0)
        assert tr.force.max() < 1e-3  # < 0.1 % of maximal force at rest
        assert fusion_index(tr) == 0.0


# ---------------------------------------------------------------------------------------------
# Trains: summation, fusion
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["fast", "slow"])
def test_one_hz_gives_separate_twitches(name):
    tr = simulate_contraction(1.0, 2100.0, fibre=name)
    assert tr.spike_times_ms.tolist() == [0.0, 1000.0, 2000.0]
    for t_spike in (1000.0, 2000.0):
        before = tr.force[(tr.t_ms > t_spike - 50.0) & (tr.t_ms <= t_spike)]
        assert before.max() < 0.05 * tr.peak_force  # back below 5 % of the maximum between twitches
    assert fusion_index(tr) < 0.05


def test_fusion_at_10_and_60_hz_fast():
    assert fusion_index(simulate_contraction(10.0, 1000.0)) < 0.7  # visibly unfused
    assert fusion_index(simulate_contraction(60.0, 1000.0)) > 0.9  # fused


def test_fusion_at_30_hz_slow():
    assert fusion_index(simulate_contraction(30.0, 1000.0, fibre="slow")) > 0.9


def test_fusion_index_rises_with_frequency():
    fi = [fusion_index(simulate_contraction(hz, 800.0)) for hz in (2.0, 5.0, 10.0, 15.0, 25.0, 40.0)]
    assert all(b > a for a, b in zip(fi[:-1], fi[1:], strict=True))


def test_summation_of_two_stimuli():
    one = simulate_contraction(1.0, 400.0, n_stimuli=1)
    two = simulate_contraction(None, 400.0, spike_times_ms=[0.0, 30.0])
    assert two.peak_force > 1.4 * one.peak_force


# ---------------------------------------------------------------------------------------------
# Force–frequency curve
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["fast", "slow"])
def test_force_frequency_monotonic_and_sigmoidal(ff_curves, name):
    ff = ff_curves[name]
    assert np.all(np.diff(ff) >= -1e-9)
    slope = np.diff(ff) / np.diff(FREQS)
    peak = int(np.argmax(slope))
    # sigmoid: flat at the bottom, steepest in the middle, flat at the top
    assert 0 < peak < slope.size - 1
    assert slope[0] < 0.25 * slope[peak] and slope[-1] < 0.05 * slope[peak]
    assert 0.9 <= ff[-1] <= 1.0


def test_force_frequency_half_max(ff_curves):
    # Thomas et al. 1991: half-maximal at 12 ± 4 Hz; the window is 8–30 Hz
    f_half = half_max_frequency(FREQS, ff_curves["fast"])
    assert 8.0 <= f_half <= 30.0
    # Thomas et al. 1991: maximum between 30 and 100 Hz, i.e. not already reached at 20 Hz
    assert ff_curves["fast"][FREQS == 20.0][0] < 0.97 * ff_curves["fast"].max()


def test_force_frequency_matches_single_simulations():
    # the vectorised integrator uses the same update rule as the scalar one
    freqs = [5.0, 40.0]
    ff = force_frequency(freqs, serca_vmax_um_per_ms=2.0, dt_ms=c.DT_MS)
    for f, peak in zip(freqs, ff, strict=True):
        assert peak == pytest.approx(
            simulate_contraction(f, FF_TRAIN_MS, serca_vmax_um_per_ms=2.0).peak_force, rel=1e-9
        )


@pytest.mark.parametrize("name", ["fast", "slow"])
def test_force_frequency_step_is_accurate(ff_curves, name):
    # the default FF_DT_MS (0.5 ms) against a 0.1-ms integration: within 0.5 % of maximal force
    fine = force_frequency(FREQS, fibre=name, dt_ms=0.1)
    assert np.max(np.abs(ff_curves[name] - fine)) < 0.005


def test_force_frequency_table_matches_model():
    table = ForceFrequencyTable([5.0, 15.0, 50.0], "fast", [0.5, 1.0], [0.5, 1.0])
    ref = force_frequency([5.0, 15.0, 50.0], serca_vmax_um_per_ms=FAST.serca_vmax_um_per_ms / 2, ca50_um=1.2)
    # same integrator and step; only floating-point rounding differs between batch shapes
    np.testing.assert_allclose(table.curve(1.0, 0.5, 1.2), ref, rtol=1e-5)
    assert table.nearest(0.6, 0.9) == (0, 1)


# ---------------------------------------------------------------------------------------------
# Accuracy against a general stiff ODE solver
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["fast", "slow"])
def test_integrator_matches_solve_ivp(name):
    # short train (3 stimuli at 40 Hz): twitch, summation, inactivation and relaxation in 150 ms
    tr = simulate_contraction(40.0, 150.0, n_stimuli=3, fibre=name)
    ref = contraction_states(tr)  # solve_ivp Radau, rtol 1e-8 (reference/solvers.py)
    p = tr.params
    ref_force = ref[6]  # v3: the measured force state (after the series-elastic lag)
    assert np.max(np.abs(tr.force - ref_force)) < 0.01 * ref_force.max()
    assert np.max(np.abs(tr.ca_um - ref[0])) < 0.05 * ref[0].max()
    np.testing.assert_allclose(tr.sr_um, ref[3], rtol=0.01)
    assert np.max(np.abs(tr.release_gate - ref[5])) < 0.03
    # the reference conserves total Ca²⁺: β·Ca + CaTn + CaPv + SR content
    total = p.beta * ref[0] + ref[1] + ref[2] + ref[3]
    assert np.ptp(total) < 1e-6 * total[0]


# ---------------------------------------------------------------------------------------------
# Spike-train API (used by notebook 03)
# ---------------------------------------------------------------------------------------------


def test_explicit_spike_times_equal_regular_train():
    regular = simulate_contraction(20.0, 300.0)
    explicit = simulate_contraction(None, 300.0, spike_times_ms=regular.spike_times_ms[::-1])
    np.testing.assert_array_equal(explicit.spike_times_ms, regular.spike_times_ms)
    np.testing.assert_array_equal(explicit.force, regular.force)
    np.testing.assert_array_equal(explicit.ca_um, regular.ca_um)


def test_trace_contents():
    tr = simulate_contraction(10.0, 250.0, fibre="slow", start_ms=5.0)
    assert tr.t_ms[0] == 0.0 and tr.t_ms[-1] == pytest.approx(250.0)
    assert tr.dt_ms == pytest.approx(c.DT_MS)
    assert tr.spike_times_ms.tolist() == [5.0, 105.0, 205.0]
    for arr in (tr.ca_um, tr.force, tr.activation, tr.sr_um, tr.release_gate, tr.released_um):
        assert arr.shape == tr.t_ms.shape and np.all(np.isfinite(arr))
    assert tr.params is SLOW
    assert np.all((tr.force >= 0) & (tr.force <= 1))
    assert simulate_contraction(10.0, 250.0, n_stimuli=2).spike_times_ms.tolist() == [0.0, 100.0]
    m = metrics_from_trace(simulate_contraction(1.0, 400.0, n_stimuli=1, start_ms=20.0))
    assert m.contraction_time_ms == pytest.approx(twitch_metrics().contraction_time_ms, abs=0.3)


@pytest.mark.parametrize("spikes", [[300.0], [-1.0], [10.0, float("nan")], [[1.0, 2.0]]])
def test_bad_spike_times(spikes):
    with pytest.raises(ValueError, match="spike_times_ms"):
        simulate_contraction(None, 300.0, spike_times_ms=spikes)


def test_missing_frequency_and_spikes():
    with pytest.raises(ValueError, match="stim_hz"):
        simulate_contraction(None, 300.0)


# ---------------------------------------------------------------------------------------------
# Bad input
# ---------------------------------------------------------------------------------------------

_bad_numbers = st.one_of(
    st.just(float("nan")), st.just(float("inf")), st.just(-float("inf")), st.floats(-1e12, 0.0),
    st.floats(200.0001, 1e300),
)
_wrong_types = st.one_of(st.text(max_size=3), st.none(), st.booleans(), st.lists(st.integers(), max_size=2))


@given(_bad_numbers)
@settings(max_examples=30, deadline=None)
def test_bad_frequency(hz):
    with pytest.raises(ValueError, match="stim_hz"):
        simulate_contraction(hz, 50.0)


@given(_wrong_types)
@settings(max_examples=20, deadline=None)
def test_wrong_type_frequency(hz):
    if hz is None:
        return  # None means "use spike_times_ms", tested separately
    with pytest.raises((TypeError, ValueError), match="stim_hz"):
        simulate_contraction(hz, 50.0)


_RATES = [k for k in c.PARAM_INFO if k.endswith("_per_ms") or k.endswith("per_um_ms")]


@given(st.sampled_from(_RATES), st.one_of(st.floats(-1e6, -1e-9), st.just(float("nan")), st.just(1e9)))
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_bad_rates(name, value):
    with pytest.raises(ValueError, match=name):
        simulate_contraction(10.0, 50.0, **{name: value})


@given(st.sampled_from(sorted(c.PARAM_INFO)), st.one_of(st.just(float("nan")), st.just(-1.0), st.just(1e12)))
@settings(max_examples=40, deadline=None)
def test_bad_parameters_name_the_parameter(name, value):
    with pytest.raises(ValueError, match=name):
        fibre_params("fast", **{name: value})


@given(st.sampled_from(sorted(c.PARAM_INFO)), _wrong_types)
@settings(max_examples=30, deadline=None)
def test_wrong_type_parameters(name, value):
    with pytest.raises((TypeError, ValueError), match=name):
        fibre_params("slow", **{name: value})


def test_unknown_fibre_lists_valid_ones():
    with pytest.raises(ValueError, match="fibre.*'fast'.*'slow'"):
        simulate_contraction(10.0, 100.0, fibre="medium")


def test_unknown_parameter_is_named():
    with pytest.raises(TypeError, match="serca_speed"):
        simulate_contraction(10.0, 100.0, serca_speed=2.0)


def test_relational_parameter_checks():
    with pytest.raises(ValueError, match="xb_detach_relaxed_per_ms"):
        fibre_params("fast", xb_detach_relaxed_per_ms=0.0005)
    with pytest.raises(ValueError, match="ca_rest_um"):
        fibre_params("fast", ca_rest_um=0.4, ca50_um=0.3)


_bad_durations = st.one_of(
    st.sampled_from([float("nan"), float("inf")]), st.floats(-1e12, 0.0), st.floats(1e4 + 1, 1e300)
)


@given(_bad_durations)
@settings(max_examples=25, deadline=None)
def test_bad_duration(d):
    with pytest.raises(ValueError, match="duration_ms"):
        simulate_contraction(10.0, d)


@given(st.lists(st.one_of(st.floats(1.0, 100.0), _bad_numbers), min_size=1, max_size=4))
@settings(max_examples=25, deadline=None)
def test_force_frequency_bad_frequencies(freqs):
    if all(0.0 < f <= 200.0 for f in freqs):
        return
    with pytest.raises(ValueError, match="freqs_hz"):
        force_frequency(freqs, train_ms=50.0)


@given(st.one_of(st.just(float("nan")), st.floats(-1e9, -1e-12), st.just(float("inf"))))
@settings(max_examples=20, deadline=None)
def test_steady_state_force_bad_input(ca):
    with pytest.raises(ValueError, match="ca_um"):
        steady_state_force(ca)
    with pytest.raises(ValueError, match="ca_um"):
        steady_state_force(np.array([1.0, ca]))
    with pytest.raises(ValueError, match="ca50_um"):
        steady_state_force(1.0, ca50_um=ca)


def test_fusion_index_wrong_type():
    with pytest.raises(TypeError, match="trace"):
        fusion_index(np.zeros(10))


@given(
    st.sampled_from(["fast", "slow"]),
    st.floats(0.5, 200.0),
    st.floats(0.25, 2.0),
    st.floats(0.25, 2.0),
    st.floats(0.3, 5.0),
)
@settings(max_examples=15, deadline=None)
def test_valid_parameters_give_bounded_results(fibre, hz, rel, ser, ca50):
    p = FIBRE_PARAMS[fibre]
    tr = simulate_contraction(
        hz, 120.0, fibre=fibre, release_peak_um_per_ms=p.release_peak_um_per_ms * rel,
        serca_vmax_um_per_ms=p.serca_vmax_um_per_ms * ser, ca50_um=ca50,
    )
    assert np.all(np.isfinite(tr.ca_um)) and tr.ca_um.min() >= 0.0
    assert tr.force.min() >= -1e-12 and tr.force.max() <= 1.0 + 1e-12
    assert 0.0 <= fusion_index(tr) <= 1.0


# ---------------------------------------------------------------------------------------------
# Numbers quoted by the quiz, explain and task answers (course/quizzes/contraction.toml)
# ---------------------------------------------------------------------------------------------


def test_quiz_numbers_match_model(twitches):
    questions = load("contraction")
    assert len(questions) >= 3
    assert all(len(q.feedback) == len(q.options) for q in questions)
    fast = twitches["fast"]
    assert round(100 * fast.peak_force) == 15  # v3 (series elasticity; twitch:tetanus 0.10–0.25): was 27
    assert round(fast.peak_ca_um) == 18
    assert 19 <= round(100 * fast.sr_release_fraction) <= 21  # "about a fifth"
    two = simulate_contraction(None, 400.0, spike_times_ms=[0.0, 30.0])
    assert round(100 * two.peak_force) == 25
    assert round(fusion_index(simulate_contraction(10.0, 1000.0)), 1) == 0.6
    fifty = simulate_contraction(50.0, 600.0)  # the notebook's train figure: 600 ms
    assert round(100 * fifty.peak_force) == 95 and fusion_index(fifty) > 0.98
    slow_pump = twitch_metrics(serca_vmax_um_per_ms=FAST.serca_vmax_um_per_ms / 2)
    assert 0.1 <= slow_pump.half_relaxation_ms / fast.half_relaxation_ms - 1 <= 0.25  # "about a fifth"
    vmax = FAST.serca_vmax_um_per_ms
    train = {
        f: simulate_contraction(15.0, 1000.0, n_stimuli=8, serca_vmax_um_per_ms=vmax * f) for f in (1.0, 0.5)
    }
    assert round(100 * train[1.0].peak_force) == 54 and round(100 * train[0.5].peak_force) == 88
    assert round(10 ** (6 - 6.1), 1) == 0.8 and round(FAST.ca50_um, 1) == 1.6
    assert [round(100 * x) for x in force_frequency([8.0, 25.0])] == [23, 83]  # "rises several-fold"
    # tasks (explorer at its defaults, 0.5-ms traces) and the explain model answer
    assert round(100 * twitch_metrics(release_peak_um_per_ms=FAST.release_peak_um_per_ms / 2).peak_force) == 5
    assert [round(100 * x) for x in force_frequency(
        [50.0, 100.0], release_peak_um_per_ms=FAST.release_peak_um_per_ms / 2)] == [86, 92]
    assert round(100 * twitch_metrics(ca50_um=10 ** (6 - 6.2), dt_ms=0.5).peak_force) == 26  # explorer step
    assert round(100 * fifty.sr_um.min() / fifty.sr_um[0]) == 67


# ---------------------------------------------------------------------------------------------
# Explorer and static figures
# ---------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def ex():
    from course.ui import contraction_explorer

    return contraction_explorer()


def _words(ex, key):
    return html.unescape(ex.texts[key].value)


def test_explorer_matches_model(ex):
    from course.ui.contraction import GRID_DT_MS, START_MS, TRACE_DT_MS, WINDOW_MS

    ex.controls["fibre"].value = "fast"
    ex.controls["freq_hz"].value = 20
    ex.controls["n_stimuli"].value = 6
    ex.controls["release_pct"].value = 80.0
    ex.controls["serca_pct"].value = 50.0
    ex.controls["pca50"].value = 6.0
    kw = dict(release_peak_um_per_ms=0.8 * FAST.release_peak_um_per_ms,
              serca_vmax_um_per_ms=0.5 * FAST.serca_vmax_um_per_ms, ca50_um=1.0)
    tr = simulate_contraction(20.0, WINDOW_MS, n_stimuli=6, start_ms=START_MS, dt_ms=TRACE_DT_MS, **kw)
    # the explorer integrates at a coarser step than the default: force within 2 % of maximal force of it
    fine = simulate_contraction(20.0, WINDOW_MS, n_stimuli=6, start_ms=START_MS, **kw)
    assert np.max(np.abs(tr.force - fine.force[::2])) < 0.02
    assert tr.peak_ca_um == pytest.approx(fine.peak_ca_um, rel=0.1)  # the coarser step overshoots the peak
    data = ex.figures["traces"].data
    np.testing.assert_allclose(data[0].y, tr.ca_um)
    np.testing.assert_allclose(data[1].y, 100 * tr.force)
    np.testing.assert_allclose(data[2].x, tr.spike_times_ms)
    ff = ex.figures["force_frequency"].data
    ref = force_frequency(FF_FREQS_HZ, dt_ms=GRID_DT_MS, **kw)
    np.testing.assert_allclose(ff[0].y, 100 * ref, rtol=1e-5)  # the table is force_frequency, precomputed
    # ... at a coarser step than force_frequency's default: within 2 % of maximal force of it
    assert np.max(np.abs(ff[0].y - 100 * force_frequency(FF_FREQS_HZ, **kw))) < 2.0
    assert ff[1].x[0] == 20.0
    assert ff[1].y[0] == pytest.approx(np.interp(20.0, FF_FREQS_HZ, ff[0].y))
    pca = ex.figures["force_pca"].data
    assert pca[2].x[0] == 6.0
    assert np.interp(6.0, pca[1].x[::-1], pca[1].y[::-1]) == pytest.approx(50.0, abs=0.5)
    text = _words(ex, "traces")
    assert f"{tr.peak_ca_um:.1f} µM" in text and f"{100 * tr.peak_force:.0f} %" in text
    assert f"fusion index {fusion_index(tr):.2f}" in text
    frac = release_per_stimulus(tr)
    assert f"the first stimulus releases {100 * frac[0]:.0f} % of the Ca²⁺ held in the SR" in text
    assert frac[-1] < 0.5 * frac[0]  # inactivation: later stimuli release less
    assert "pCa 6.00" in _words(ex, "force_pca")


def test_explorer_fibre_toggle_resets_sensitivity(ex):
    ex.controls["fibre"].value = "fast"
    ex.controls["pca50"].value = 5.5
    ex.controls["fibre"].value = "slow"
    assert ex.controls["pca50"].value == pytest.approx(6.0)
    assert "slow-twitch" in _words(ex, "traces")
    ex.controls["fibre"].value = "fast"
    assert ex.controls["pca50"].value == pytest.approx(5.8)


def test_explorer_fibre_switch_recomputes_once_with_the_reset_sensitivity(ex, monkeypatch):
    from course.ui.contraction import ContractionExplorer

    ex.controls["fibre"].value = "fast"
    ex.controls["pca50"].value = 5.5
    seen = []

    def counting(inputs):
        seen.append(inputs)
        return ContractionExplorer.compute(inputs)

    monkeypatch.setattr(ex, "compute", counting)
    ex.controls["fibre"].value = "slow"
    assert [(i.fibre, i.pca50) for i in seen] == [("slow", pytest.approx(6.0))]  # one refresh, linked value in
    assert ex.view.inputs == seen[0]
    assert ex.figures["force_pca"].data[2].x[0] == pytest.approx(6.0)
    assert "pCa 6.00" in _words(ex, "force_pca")


def test_explorer_single_twitch_text(ex):
    ex.controls["fibre"].value = "fast"
    for name, value in (("release_pct", 100.0), ("serca_pct", 100.0), ("pca50", 5.8), ("n_stimuli", 1)):
        ex.controls[name].value = value
    from course.ui.contraction import START_MS, TRACE_DT_MS, WINDOW_MS

    text = _words(ex, "traces")
    m = metrics_from_trace(simulate_contraction(1.0, WINDOW_MS, n_stimuli=1, start_ms=START_MS, dt_ms=TRACE_DT_MS))
    assert "single twitch" in text
    assert f"{m.contraction_time_ms:.0f} ms after the stimulus" in text


def test_static_figures_and_texts():
    from course.figures import contraction as figs

    for make in (figs.force_pca_figure, figs.twitch_figure, figs.summation_figure, figs.train_figure,
                 figs.force_frequency_figure, figs.serca_figure):
        fig, text = make()
        assert len(fig.data) >= 2 and text.endswith(".")
        assert len(fig.to_json()) < 120_000
    _, text = figs.twitch_figure()
    assert f"{twitch_metrics().peak_ca_um:.1f} µM" in text


# ---------------------------------------------------------------------------------------------
# The explorer's pure compute (no widget is built) and the model helpers it uses
# ---------------------------------------------------------------------------------------------


def test_compute_matches_model_without_widgets():
    from course.figures.contraction import PCA_AXIS
    from course.ui.contraction import (
        GRID_DT_MS,
        START_MS,
        TRACE_DT_MS,
        WINDOW_MS,
        ContractionExplorer,
        ContractionInputs,
    )

    inputs = ContractionInputs(fibre="slow", freq_hz=15.0, n_stimuli=5, release_pct=120.0, serca_pct=75.0, pca50=6.1)
    view = ContractionExplorer.compute(inputs)
    p = SLOW
    kw = dict(release_peak_um_per_ms=1.2 * p.release_peak_um_per_ms, serca_vmax_um_per_ms=0.75 * p.serca_vmax_um_per_ms,
              ca50_um=10 ** (6 - 6.1))
    tr = simulate_contraction(15.0, WINDOW_MS, fibre="slow", n_stimuli=5, start_ms=START_MS, dt_ms=TRACE_DT_MS, **kw)
    assert view.inputs is inputs
    np.testing.assert_array_equal(view.t_ms, tr.t_ms)
    np.testing.assert_allclose(view.ca_um, tr.ca_um, rtol=1e-9)  # 1.2·peak against peak·120/100
    np.testing.assert_allclose(view.force_pct, 100 * tr.force, rtol=1e-9, atol=1e-12)
    np.testing.assert_array_equal(view.spike_times_ms, START_MS + np.arange(5) * 1000.0 / 15.0)
    assert view.title == "slow-twitch fibre: 5 stimuli at 15 Hz"
    ff = ForceFrequencyTable(FF_FREQS_HZ, "slow", [1.2], [0.75], dt_ms=GRID_DT_MS).curve(1.2, 0.75, 10 ** (6 - 6.1))
    np.testing.assert_allclose(view.curves.peak_force, ff, rtol=1e-12)
    # the table starts every train from the resting cross-bridge state at the fibre's own Ca50 (≤ 0.02 % here)
    np.testing.assert_allclose(ff, force_frequency(FF_FREQS_HZ, fibre="slow", dt_ms=GRID_DT_MS, **kw), rtol=1e-3)
    np.testing.assert_allclose(view.curves.peak_force_pct, 100 * view.curves.peak_force)
    assert view.curves.half_max_hz == pytest.approx(half_max_frequency(FF_FREQS_HZ, ff), rel=1e-4)
    assert view.force_at_freq_pct == pytest.approx(100 * np.interp(15.0, FF_FREQS_HZ, ff), rel=1e-5)
    np.testing.assert_allclose(view.curves.normal_pct, 100 * steady_state_force(10 ** (6 - PCA_AXIS), 1.0, 2.5))
    assert np.interp(6.1, PCA_AXIS[::-1], view.curves.setting_pct[::-1]) == pytest.approx(50.0, abs=0.5)
    assert f"fusion index {fusion_index(tr):.2f}" in view.trace_words
    assert f"at your 15 Hz it is {100 * np.interp(15.0, FF_FREQS_HZ, ff):.0f} %" in view.ff_words
    assert "pCa 6.10" in view.curves.pca_words and "normal value is pCa 6.00" in view.curves.pca_words
    assert f"SR release peak {1.2 * p.release_peak_um_per_ms:.0f} µM/ms (120 %)" in view.summary_html
    assert "Hill coefficient 2.5" in view.summary_html


def test_compute_single_twitch_and_cached_curves():
    from course.ui.contraction import START_MS, TRACE_DT_MS, WINDOW_MS, ContractionExplorer, ContractionInputs

    one = ContractionExplorer.compute(ContractionInputs(n_stimuli=1))
    m = metrics_from_trace(simulate_contraction(10.0, WINDOW_MS, n_stimuli=1, start_ms=START_MS, dt_ms=TRACE_DT_MS))
    assert one.title == "fast-twitch fibre: 1 stimulus at 10 Hz"
    assert f"force peaks {m.contraction_time_ms:.0f} ms after the stimulus" in one.trace_words
    # the curves depend on fibre, release, SERCA and pCa50 only: a new frequency reuses them (no redraw)
    other = ContractionExplorer.compute(ContractionInputs(freq_hz=40.0, n_stimuli=30))
    assert other.curves is one.curves
    assert not other.curves.peak_force.flags.writeable
    assert ContractionExplorer.compute(ContractionInputs(pca50=6.0)).curves is not one.curves


def test_release_per_stimulus_and_fusion_words():
    tr = simulate_contraction(50.0, 600.0)
    frac = release_per_stimulus(tr)
    assert frac.shape == tr.spike_times_ms.shape
    idx = np.searchsorted(tr.t_ms, tr.spike_times_ms)
    assert frac[1] == pytest.approx((tr.released_um[idx[2]] - tr.released_um[idx[1]]) / tr.sr_um[idx[1]])
    assert frac[0] == metrics_from_trace(tr).sr_release_fraction
    assert np.all(frac[5:] < frac[0])
    assert [c.fusion_words(x) for x in (0.0, 0.05, 0.5, 0.7, 0.9, 1.0)] == [
        "separate twitches", "separate twitches", "unfused", "nearly fused", "fused", "fused",
    ]
    # COURSE_SPEC V3.3: "fused" needs a fusion index >= 0.9 AND force >= 90 % of maximal (v2 said "fused" at
    # 78 % of maximal force, 20 Hz)
    assert c.fusion_words(0.95, 0.78) == "nearly fused" and c.fusion_words(0.95, 0.92) == "fused"


def test_public_registries_are_read_only():
    with pytest.raises(TypeError):
        c.FIBRE_PARAMS["medium"] = FAST
    with pytest.raises(TypeError):
        c.PARAM_INFO["hill_n"] = (0.0, 1.0, "", True, "")
    with pytest.raises(ValueError):
        FF_FREQS_HZ[0] = 2.0


# ---------------------------------------------------------------------------------------------
# Version 3 (COURSE_SPEC V3.3): E-C coupling against Baylor & Hollingworth 2007 and Thomas et al. 1991
# ---------------------------------------------------------------------------------------------


def test_tetanic_calcium_is_a_bounded_plateau():
    # ≤ 20 µM spatial average during a 1-s 100-Hz tetanus, not rising (v2: 66 µM and still rising)
    for name in ("fast", "slow"):
        tr = simulate_contraction(100.0, 1000.0, fibre=name)
        t, ca = tr.t_ms, tr.ca_um
        assert ca[t >= 100.0].max() <= 20.0
        assert ca[t >= 900.0].mean() <= 1.1 * ca[(t >= 400.0) & (t < 500.0)].mean()
        assert tr.sr_um.min() > 0.5 * tr.sr_um[0]


def test_release_in_a_67_hz_train_and_its_recovery():
    from course.validation.contraction import recovery_rate_per_s, release_amounts

    # Baylor & Hollingworth 2007 (mouse fast fibres, 16 °C): AP2 ≈ 0.25, AP5 ≈ 0.15 of AP1; recovery 7 s⁻¹ (4–10)
    a = release_amounts(simulate_contraction(67.0, 200.0, n_stimuli=5))
    assert 0.20 <= a[1] / a[0] <= 0.30 and 0.10 <= a[4] / a[0] <= 0.20
    assert 4.0 <= recovery_rate_per_s() <= 10.0


def test_fibre_type_changes_the_force_frequency_curve(ff_curves):
    # f50 slow / fast ≈ 0.6 ± 0.15 (Kernell et al. 1983); twitch:tetanus 0.10–0.25 for both
    ratio = half_max_frequency(FREQS, ff_curves["slow"]) / half_max_frequency(FREQS, ff_curves["fast"])
    assert 0.45 <= ratio <= 0.75
    for name in ("fast", "slow"):
        assert 0.10 <= c.twitch_tetanus_ratio(name) <= 0.25


def test_never_fused_at_20_hz():
    # "fused" needs index >= 0.9 and force >= 90 % of maximal; human units are far from maximal at 18–20 Hz
    for hz in (18.0, 20.0):
        tr = simulate_contraction(hz, 1000.0)
        assert c.fusion_words(fusion_index(tr), tr.peak_force) != "fused"
    tr = simulate_contraction(80.0, 1000.0)
    assert c.fusion_words(fusion_index(tr), tr.peak_force) == "fused"
    assert c.fusion_frequency("fast") > 20.0
