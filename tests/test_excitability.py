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
from course.electrolytes import NORMAL_RANGES, PRESETS, Electrolytes, nernst
from reference.solvers import axon_spike_times

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
    # MRG 2002 rates have 0/0 points at u = −21.4 (α_m), −25.7 (β_m), −114 (α_h), −27 (α_p), −34 mV (β_p).
    u = np.array([-21.4, -25.7, -114.0, -27.0, -34.0, -21.4 + 1e-9])
    r = ex.rate_constants(u)
    for values in r.values():
        assert np.all(np.isfinite(values)) and np.all(values > 0.0)
    assert r["alpha_m"][0] == pytest.approx(ex._Q10_NA * 1.86 * 10.3, rel=1e-9)  # limit A·C of A·x/(1−e^(−x/C))
    assert np.all(np.diff(ex.slow_k_steady_state(np.arange(-130.0, 0.0, 1.0))) > 0.0)  # no reopening below −92 mV


def test_model_is_the_mammalian_node_at_body_temperature():
    # McIntyre, Richardson & Grill 2002 (ModelDB 3810): C_m 2 µF/cm², fast Na⁺ 3 S/cm², 36 °C kinetics + Q10.
    assert (ex.C_M, ex.G_NA, ex.TEMP_C) == (2.0, 3000.0, 37.0)
    assert ex.FIBRE_G_NAP["sensory"] > ex.FIBRE_G_NAP["motor"]  # Mogyoros, Bostock & Burke 2000


def test_reversal_potentials_come_from_nernst_with_documented_axoplasm():
    c = ex.axon_conditions(NORMAL)
    assert c.e_k_mv == pytest.approx(nernst(1, 4.0, 140.0), abs=1e-12)
    assert c.e_na_mv == pytest.approx(nernst(1, 140.0, 12.0), abs=1e-12)
    assert c.e_k_mv == pytest.approx(-95.0, abs=0.1)  # PHYSIOLOGY_REFERENCE: E_K −95.0 mV (4/140, 37 °C)


# ---------------------------------------------------------------------------------------------
# Integrator against a reference solver
# ---------------------------------------------------------------------------------------------


def test_membrane_rhs_is_the_current_balance():
    # At rest every derivative vanishes; a 10 µA/cm² stimulus gives dV/dt = 10/C_m mV/ms (C_m 2 µF/cm²).
    cond = ex.axon_conditions(NORMAL)
    y0 = ex.resting_state(NORMAL)
    np.testing.assert_allclose(ex.membrane_rhs(y0, cond), 0.0, atol=1e-7)
    assert ex.membrane_rhs(y0, cond, 10.0)[0] == pytest.approx(10.0 / ex.C_M, abs=1e-7)


@pytest.mark.parametrize("ecf", [Electrolytes(ca=0.6), Electrolytes(ca=0.75, mg=0.5)])
def test_spike_times_match_solve_ivp_within_0p5_ms_over_200_ms(ecf):
    ref = axon_spike_times(ecf, 200.0)  # solve_ivp LSODA, rtol 1e-8, same equations (membrane_rhs)
    ours = ex.simulate_axon(ecf, 200.0).spike_times_ms  # fixed step 0.01 ms
    finer = ex.simulate_axon(ecf, 200.0, dt_ms=0.005).spike_times_ms
    assert ref.size >= 8  # repetitive firing (bursts), so phase errors would accumulate
    assert ours.size == ref.size == finer.size
    # The node+internode model fires ≈ 400-Hz bursts at these Ca²⁺ values, where the phase error builds up
    # fastest: measured 0.50 ms (Ca²⁺ 0.6 mM) and 0.37 ms after 200 ms at the default step, and, as a
    # second-order scheme should, about a quarter or less at half the step (0.13 and 0.05 ms).
    err, err_fine = np.abs(ours - ref).max(), np.abs(finer - ref).max()
    assert err <= 0.6
    assert err_fine <= 0.15


def test_batch_gives_identical_results_to_single_runs():
    cas = np.array([0.5, 0.8, 1.2])
    batch = ex.simulate_grid(ca_mm=cas, k_mm=5.0, compression_ua_cm2=10.0, duration_ms=60.0, seed=3)
    for j, ca in enumerate(cas):
        one = ex.simulate_axon(Electrolytes(ca=ca, k=5.0), 60.0, compression_ua_cm2=10.0, seed=3)
        np.testing.assert_array_equal(one.v_mv, batch.v_mv[:, j])
        np.testing.assert_array_equal(one.spike_times_ms, batch.spike_times_ms[j])


# ---------------------------------------------------------------------------------------------
# Behaviour at normal and abnormal calcium
# ---------------------------------------------------------------------------------------------


def test_normal_values_rest_near_minus_80_and_no_spontaneous_spike():
    assert ex.spontaneous_rate_hz(NORMAL, 1000.0) == 0.0  # not a single spike in 1 s
    # Human/mammalian motor-axon nodes rest near −80 mV (McIntyre et al. 2002 model: −80 mV;
    # PHYSIOLOGY_REFERENCE "Added 2026-12"); COURSE_SPEC: −85 … −75 mV.
    assert -85.0 <= ex.resting_potential_mv(NORMAL) <= -75.0
    assert -85.0 <= ex.resting_potential_mv(NORMAL, fibre="sensory") <= -75.0


@pytest.mark.parametrize("stim_hz", [5.0, 20.0])
def test_suprathreshold_pulses_give_one_spike_per_pulse(stim_hz):
    # A normal motor axon follows stimulation one-to-one at these rates and does not start firing on
    # its own after a stimulus.
    trace = ex.simulate_axon(NORMAL, 200.0, 800.0, stim_hz=stim_hz, pulse_ms=0.1)
    pulses = np.arange(0.0, 200.0, 1000.0 / stim_hz)
    assert trace.spike_times_ms.size == pulses.size
    lag = trace.spike_times_ms - pulses
    assert np.all((lag > 0.0) & (lag < 2.0))


# ---------------------------------------------------------------------------------------------
# Public stimulation interface (COURSE_SPEC V3.3): explicit square pulses
# ---------------------------------------------------------------------------------------------


def test_explicit_pulses_reproduce_the_regular_train_exactly():
    train = ex.simulate_axon(NORMAL, 200.0, 800.0, stim_hz=20.0, pulse_ms=0.1)
    times = np.arange(0.0, 200.0, 50.0)
    explicit = ex.simulate_axon(NORMAL, 200.0, stim_times_ms=times, stim_amplitude=[800.0] * times.size,
                                stim_width_ms=[0.1] * times.size)
    np.testing.assert_array_equal(explicit.v_mv, train.v_mv)
    np.testing.assert_array_equal(explicit.spike_times_ms, train.spike_times_ms)
    assert explicit.t_ms.size == explicit.v_mv.size


def test_overlapping_pulses_add_and_a_pulse_at_zero_is_allowed():
    one = ex.simulate_axon(NORMAL, 30.0, stim_times_ms=[0.0], stim_amplitude=[600.0], stim_width_ms=[0.2])
    halves = ex.simulate_axon(NORMAL, 30.0, stim_times_ms=[0.0, 0.0], stim_amplitude=[250.0, 350.0],
                              stim_width_ms=[0.2, 0.2])
    np.testing.assert_allclose(halves.v_mv, one.v_mv, atol=1e-9)
    assert one.spike_times_ms.size == 1 and 0.0 < one.spike_times_ms[0] < 2.0
    # Two 0.2-ms pulses of 200 µA/cm² fire the node only where they overlap: the model's 0.2-ms threshold at
    # normal values is 320 µA/cm² (pulse_thresholds_ua_cm2), between one pulse (200) and both (400).
    assert 200.0 < ex.pulse_thresholds_ua_cm2(NORMAL, [0.2])[0] < 400.0
    apart = ex.simulate_axon(NORMAL, 30.0, stim_times_ms=[5.0, 15.0], stim_amplitude=[200.0, 200.0],
                             stim_width_ms=[0.2, 0.2])
    together = ex.simulate_axon(NORMAL, 30.0, stim_times_ms=[5.0, 5.0], stim_amplitude=[200.0, 200.0],
                                stim_width_ms=[0.2, 0.2])
    assert apart.spike_times_ms.size == 0 and together.spike_times_ms.size == 1


def test_pulse_width_sets_where_the_current_flows():
    # A long hyperpolarising pulse holds the node down by I/G (Ohm): −100 µA/cm² over the model's steady input
    # conductance at rest, ≈ 36 mS/cm² (node leak 30 + slow K⁺ + Na⁺ + the internode's leak through the
    # Barrett–Barrett path), gives ≈ −2.7 mV once the internode has charged (τ ≈ C_I/G_BB ≈ 12 ms); the slow K⁺
    # closing during the pulse deepens it a little. The voltage returns after the pulse.
    tr = ex.simulate_axon(NORMAL, 60.0, stim_times_ms=[10.0], stim_amplitude=[-100.0], stim_width_ms=[20.0])
    during = tr.v_mv[(tr.t_ms > 25.0) & (tr.t_ms < 30.0)].mean()
    after = tr.v_mv[tr.t_ms > 55.0].mean()
    assert tr.rest_mv - 4.0 < during < tr.rest_mv - 2.0
    assert abs(after - tr.rest_mv) < abs(during - tr.rest_mv) / 3.0


_PULSE_BAD = [
    # (kwargs, parameter named in the error)
    ({"stim_times_ms": [0.0, 5.0], "stim_amplitude": [500.0], "stim_width_ms": [0.1, 0.1]}, "stim_amplitude"),
    ({"stim_times_ms": [0.0]}, "stim_amplitude"),
    ({"stim_times_ms": [20.0], "stim_amplitude": [500.0], "stim_width_ms": [0.1]}, "stim_times_ms"),
    ({"stim_times_ms": [-1.0], "stim_amplitude": [500.0], "stim_width_ms": [0.1]}, "stim_times_ms"),
    ({"stim_times_ms": [1.0], "stim_amplitude": [5000.0], "stim_width_ms": [0.1]}, "stim_amplitude"),
    ({"stim_times_ms": [1.0], "stim_amplitude": [500.0], "stim_width_ms": [0.0]}, "stim_width_ms"),
    ({"stim_times_ms": [1.0], "stim_amplitude": [math.nan], "stim_width_ms": [0.1]}, "stim_amplitude"),
    ({"stim_times_ms": "1.0", "stim_amplitude": [500.0], "stim_width_ms": [0.1]}, "stim_times_ms"),
    ({"stim_times_ms": [], "stim_amplitude": [], "stim_width_ms": []}, "stim_times_ms"),
    ({"stim_times_ms": [1.0], "stim_amplitude": [500.0], "stim_width_ms": [0.1], "stim_hz": 20.0}, "stim_hz"),
    ({"ph": 8.5}, "ph"),
    ({"ph": math.nan}, "ph"),
]


@pytest.mark.parametrize(("kwargs", "name"), _PULSE_BAD)
def test_explicit_pulses_reject_bad_input_naming_the_parameter(kwargs, name):
    with pytest.raises(ValueError) as err:
        ex.simulate_axon(NORMAL, 20.0, **kwargs)
    assert name in str(err.value)


# ---------------------------------------------------------------------------------------------
# pH (over-breathing): ionized Ca²⁺ given at pH 7.4
# ---------------------------------------------------------------------------------------------


def test_alkalosis_lowers_ionized_calcium_by_0p05_mM_per_0p1_pH():
    # COURSE_SPEC V3.3 / PHYSIOLOGY_REFERENCE: ≈ 0.05 mM less ionized Ca²⁺ per +0.1 pH (at 1.2 mM).
    assert ex.ionized_ca_at_ph(1.2, 7.5) == pytest.approx(1.15, abs=1e-12)
    assert ex.ionized_ca_at_ph(1.2, 7.4) == 1.2
    assert ex.ionized_ca_at_ph(1.2, 7.3) > 1.2  # acidosis frees bound Ca²⁺
    assert ex.axon_conditions(NORMAL, ph=7.6).ca_mm == pytest.approx(1.1, abs=1e-12)
    assert ex.axon_conditions(NORMAL, ph=7.6).shift_mv < ex.gating_shift_mv(1.1, 0.85) < 0.0


def test_ph_7p4_is_the_default_and_alkalosis_lowers_rheobase():
    a = ex.simulate_axon(NORMAL, 30.0, stim_times_ms=[0.0], stim_amplitude=[400.0], stim_width_ms=[0.1])
    b = ex.simulate_axon(NORMAL, 30.0, stim_times_ms=[0.0], stim_amplitude=[400.0], stim_width_ms=[0.1], ph=7.4)
    np.testing.assert_array_equal(a.v_mv, b.v_mv)
    assert ex.rheobase_ua_cm2(NORMAL, ph=7.5) < ex.rheobase_ua_cm2(NORMAL) < ex.rheobase_ua_cm2(NORMAL, ph=7.3)


def test_over_breathing_makes_the_sensory_axon_fire_first():
    # Macefield & Burke 1991 (Brain 114:527): voluntary over-breathing gives paraesthesiae (sensory) before
    # any tetany; over-breathing reaches pH ≈ 7.55–7.65 (COURSE_SPEC V3.3). Silent at pH 7.4 and 7.5.
    assert ex.spontaneous_rate_hz(NORMAL, 500.0, fibre="sensory", ph=7.5) == 0.0
    assert ex.spontaneous_rate_hz(NORMAL, 500.0, fibre="sensory", ph=7.6) > 0.0
    assert ex.spontaneous_rate_hz(NORMAL, 500.0, fibre="motor", ph=7.6) == 0.0


@pytest.fixture(scope="module")
def k_sweep():
    k = np.round(np.arange(2.0, 17.01, 0.5), 2)  # K⁺ slider 2–9 mM plus the fatigue slider's 0–8 mM
    both = ex.simulate_grid(k_mm=k[:, None], sensory=np.array([False, True])[None, :], duration_ms=500.0,
                            record_every=0)
    return k, both.rate_hz.reshape(k.size, 2), both.rest_mv.reshape(k.size, 2)


def test_high_potassium_depolarises_without_spontaneous_firing(k_sweep):
    # Krishnan et al. 2005 (Brain 128:2164): human motor axons are depolarised in proportion to serum K⁺,
    # without spontaneous activity; hyperkalaemia gives weakness, not tetany (COURSE_SPEC "Models, v2").
    k, rate, rest = k_sweep
    assert np.all(rate[:, 0] == 0.0)
    assert np.all(np.diff(rest[:, 0]) > 0.0)  # depolarises steadily as K⁺ rises
    assert rest[k == 9.0, 0][0] > rest[k == 4.0, 0][0] + 5.0


@pytest.mark.parametrize("extra", [0.0, 2.0, 4.0, 6.0, 8.0])
def test_fatigue_potassium_never_starts_firing(extra):
    # Stone et al. 2010: local fatigue raised the cramp threshold; COURSE_SPEC: no spontaneous firing with
    # the fatigue slider's extra interstitial K⁺ (Juel et al. 2000: ≈ 4 → 9 mM).
    for k in (2.0, 4.0, 9.0):
        assert ex.spontaneous_rate_hz(Electrolytes(k=k), 300.0, fatigue_k_mm=extra) == 0.0
    assert ex.resting_potential_mv(NORMAL, fatigue_k_mm=extra) >= ex.resting_potential_mv(NORMAL) - 1e-9


def test_high_potassium_makes_the_axon_less_excitable(rheobase_normal):
    # COURSE_SPEC / Krishnan et al. 2005: from ≈ 7–8 mM K⁺ the axon becomes less excitable (weakness,
    # flaccid paralysis). In the model (node + internode) the rheobase is lowest near 7 mM, rises again from
    # 8 mM, exceeds the normal value from 10 mM and the node is inexcitable (rheobase inf) from 11 mM.
    low, k9 = ex.rheobases([Electrolytes(k=7.0), Electrolytes(k=9.0)])
    assert k9 > low
    assert ex.rheobase_ua_cm2(Electrolytes(k=10.0)) > rheobase_normal
    assert ex.rheobase_ua_cm2(Electrolytes(k=12.0)) > rheobase_normal


@pytest.fixture(scope="module")
def ca_sweep():
    ca = np.round(np.arange(0.40, 1.601, 0.02), 2)
    mg = np.array([0.85, 0.5])
    sens = np.array([False, True])
    b = ex.simulate_grid(ca_mm=ca[:, None, None], mg_mm=mg[None, :, None], sensory=sens[None, None, :],
                         duration_ms=500.0, record_every=0)
    return ca, b.rate_hz.reshape(ca.size, 2, 2)  # [ca, mg (normal, low), fibre (motor, sensory)]


def _onset(ca, rate):
    return ca[rate > 0.0].max()


def test_no_spontaneous_firing_at_or_above_1p1_mM(ca_sweep):
    # Hypocalcaemic symptoms appear below ≈ 1.1 mM ionized Ca²⁺ (Harrison's; PHYSIOLOGY_REFERENCE).
    ca, rate = ca_sweep
    assert np.all(rate[ca >= 1.1, 0, 0] == 0.0)


def test_motor_onset_lies_between_0p8_and_0p9_mM(ca_sweep):
    # Clinical tetany usually once ionized Ca²⁺ falls below ≈ 0.8–0.9 mM (COURSE_SPEC "Models, v2").
    ca, rate = ca_sweep
    onset = _onset(ca, rate[:, 0, 0])
    assert 0.8 <= onset <= 0.9
    assert np.all(rate[ca <= onset, 0, 0] > 0.0) and np.all(rate[ca > onset, 0, 0] == 0.0)
    assert ex.spontaneous_rate_hz(PRESETS["hypocalcaemia"], 300.0) > 0.0  # notebook-01 preset, 0.8 mM


def test_low_magnesium_raises_the_onset_calcium(ca_sweep):
    # Harrison's: hypomagnesaemia lowers the threshold for tetany (here: firing starts at a higher Ca²⁺).
    ca, rate = ca_sweep
    assert _onset(ca, rate[:, 1, 0]) > _onset(ca, rate[:, 0, 0])
    assert _onset(ca, rate[:, 1, 1]) > _onset(ca, rate[:, 0, 1])


def test_sensory_axon_fires_first(ca_sweep):
    # Mogyoros, Bostock & Burke 2000 (more persistent Na⁺ in cutaneous afferents); Macefield & Burke 1991:
    # paraesthesiae come before motor tetany.
    ca, rate = ca_sweep
    assert _onset(ca, rate[:, 0, 1]) > _onset(ca, rate[:, 0, 0])
    assert np.all(rate[ca >= 1.1, 0, 1] == 0.0)


def test_rate_rises_as_calcium_falls_below_onset(ca_sweep):
    ca, rate = ca_sweep
    firing = rate[(rate[:, 0, 0] > 0.0), 0, 0]
    assert firing[0] > firing[-1]  # ca ascending: the lowest Ca²⁺ fires fastest


def test_discharge_near_onset_comes_in_multiplets():
    # Tetany EMG: spontaneous doublets/multiplets (PHYSIOLOGY_REFERENCE "Added 2026-12").
    spikes = ex.simulate_axon(Electrolytes(ca=0.7), 300.0).spike_times_ms
    gaps = np.diff(spikes)
    assert np.any(gaps < 5.0) and np.any(gaps > 20.0)


def test_linear_stability_of_rest():
    assert ex.rest_max_growth_rate(NORMAL) < 0.0
    assert ex.rest_max_growth_rate(Electrolytes(k=9.0)) < 0.0


def test_rheobase_rises_with_calcium_and_low_mg_lowers_it():
    ca = np.array([0.9, 1.0, 1.2, 1.4, 1.6])
    both = ex.rheobase_curve(
        np.concatenate([ca, ca]), NORMAL, mg_mm=np.concatenate([np.full(ca.size, 0.85), np.full(ca.size, 0.5)])
    )
    normal_mg, low_mg = both[: ca.size], both[ca.size :]
    assert np.all(np.isfinite(both))
    assert np.all(np.diff(normal_mg) > 0.0)
    assert np.all(low_mg < normal_mg)


@pytest.fixture(scope="module")
def rheobase_normal():
    return ex.rheobase_ua_cm2(NORMAL)


def test_rheobase_is_a_true_threshold(rheobase_normal):
    rb = rheobase_normal
    below = ex.simulate_axon(NORMAL, 100.0, rb - 0.5)
    above = ex.simulate_axon(NORMAL, 100.0, rb + 0.5)
    assert below.spike_times_ms.size == 0 < above.spike_times_ms.size


# ---------------------------------------------------------------------------------------------
# Other causes
# ---------------------------------------------------------------------------------------------


def test_dehydration_concentrates_sodium_only_and_does_not_start_firing():
    # Edelman et al. 1958 with sweat Na⁺ 43 + K⁺ 6 mM (Lara et al. 2016): 4 % body mass → Na⁺ ≈ 146.5 mM.
    c = ex.axon_conditions(NORMAL, dehydration_pct=4.0)
    assert c.na_mm == pytest.approx((140.0 * 42.0 - 2.8 * 49.0) / 39.2, rel=1e-12)
    assert (c.k_mm, c.ca_mm, c.mg_mm) == (4.0, 1.2, 0.85)
    # Miller et al. 2010: 3 % hypohydration did not change cramp threshold frequency.
    assert ex.spontaneous_rate_hz(NORMAL, 500.0, dehydration_pct=3.0) == 0.0


def test_compression_gives_seeded_ectopic_firing():
    a = ex.simulate_axon(NORMAL, 250.0, compression_ua_cm2=150.0, seed=1)
    b = ex.simulate_axon(NORMAL, 250.0, compression_ua_cm2=150.0, seed=1)
    c = ex.simulate_axon(NORMAL, 250.0, compression_ua_cm2=150.0, seed=2)
    assert a.spike_times_ms.size > 0
    np.testing.assert_array_equal(a.v_mv, b.v_mv)
    assert not np.array_equal(a.spike_times_ms, c.spike_times_ms)


def test_low_calcium_spike_train_drives_one_motor_unit():
    # The force is that of ONE motor unit fed every spike (a muscle is many asynchronous units).
    low = ex.simulate_axon(Electrolytes(ca=0.6), 500.0)
    force = ex.force_from_spikes(low)
    direct = simulate_contraction(None, 500.0, spike_times_ms=low.spike_times_ms)
    np.testing.assert_allclose(force.force, direct.force)
    assert force.force.max() > 0.2
    quiet = ex.force_from_spikes(ex.simulate_axon(NORMAL, 500.0))
    assert quiet.force.max() < 0.01


def test_no_nan_anywhere_on_the_slider_box():
    from course.ui.excitability import SLIDERS

    names = ["ca", "mg", "k", "fatigue"]
    corners = np.array(np.meshgrid(*[[SLIDERS[n][2], SLIDERS[n][3]] for n in names])).reshape(4, -1)
    rng = np.random.default_rng(0)
    inner = np.array([rng.uniform(SLIDERS[n][2], SLIDERS[n][3], 8) for n in names])
    p = np.concatenate([corners, inner], axis=1)
    batch = ex.simulate_grid(ca_mm=p[0], mg_mm=p[1], k_mm=p[2], fatigue_k_mm=p[3], sensory=True, duration_ms=60.0)
    assert np.all(np.isfinite(batch.v_mv))
    assert np.all(np.abs(batch.v_mv) < 200.0)


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
    "stim_ua_cm2": [math.nan, math.inf, -1e4, 1e6, "1", None, True],
    "stim_hz": [math.nan, math.inf, -1.0, 0.0, 1e6, "20", True],
    "fatigue_k_mm": [math.nan, math.inf, -1.0, 100.0, "2", None, True],
    "dehydration_pct": [math.nan, -1.0, 50.0, "3", None],
    "compression_ua_cm2": [math.nan, -0.5, 1e3, "1", None],
    "fibre": ["muscle", "", None, 1, "Motor"],
    "seed": [-1, 1.5, "0", None, True],
    "dt_ms": [math.nan, 0.0, -0.05, 10.0, "0.01", None],
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


@pytest.mark.parametrize("func", ["spontaneous_rate_hz", "rheobase_ua_cm2"])
def test_functions_reject_an_unknown_fibre(func):
    _expect_named_error("fibre", lambda: getattr(ex, func)(NORMAL, fibre="muscle"))


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


def test_explorer_shows_the_tabulated_exact_model_run(explorer):
    from course.excitability_table import DURATION_MS, SAMPLE_MS

    _set(explorer, ca=0.6, mg=0.85, k=4.0, fatigue=0.0, fibre="motor")
    trace = ex.simulate_axon(Electrolytes(ca=0.6), DURATION_MS)
    shown = np.asarray(explorer.figures["voltage"].data[0].y)
    every = int(round(SAMPLE_MS / ex.DT_MS))
    # max-pooled, 0.625-mV quantised copy of an exact run within 0.125 mV of gating shift
    assert shown[0] == pytest.approx(trace.v_mv[0], abs=0.32)
    pooled = trace.v_mv[1:].reshape(-1, every).max(axis=1)
    assert np.median(np.abs(shown[1:] - pooled)) < 1.0
    marker = explorer.figures["rate"].data[2]
    assert tuple(marker.x) == (0.6,)
    assert abs(marker.y[0] - trace.spike_times_ms.size * 1000.0 / DURATION_MS) <= 10.0
    assert "spontaneous firing" in html.unescape(explorer.texts["status"].value)
    _set(explorer, ca=1.2, k=9.0, fatigue=8.0)  # 17 mM K⁺ around the axon: depolarised, silent
    assert "silent" in html.unescape(explorer.texts["status"].value)
    _set(explorer, ca=0.85, k=4.0, fatigue=0.0, fibre="sensory")
    assert "sensory" in html.unescape(explorer.texts["status"].value).lower()
    _set(explorer, ca=1.2, fibre="motor")


def test_table_entries_match_fresh_model_runs():
    # The shipped table (python -m course excitability-table) is the current model: rebuild a few nodes.
    from course.excitability_table import DURATION_MS, K_GRID_MM, SHIFT_GRID_MV, _ca_for_shift, load_table

    table = load_table()
    rng = np.random.default_rng(1)
    picks = [(int(rng.integers(2)), int(rng.integers(SHIFT_GRID_MV.size)), int(rng.integers(K_GRID_MM.size)))
             for _ in range(6)] + [(0, int(np.argmin(np.abs(SHIFT_GRID_MV + 4.0))), 4)]
    ca = np.array([_ca_for_shift(SHIFT_GRID_MV[i]) for _, i, _ in picks])
    batch = ex.simulate_grid(ca_mm=ca, k_mm=np.array([K_GRID_MM[j] for *_, j in picks]),
                             sensory=np.array([f == 1 for f, *_ in picks]), duration_ms=DURATION_MS, record_every=0)
    for n, (f, i, j) in enumerate(picks):
        np.testing.assert_allclose(table.spikes(f, i, j), batch.spike_times_ms[n], atol=1e-3)
        assert table.rest_mv[f, i, j] == pytest.approx(batch.rest_mv[n], abs=1e-6)


def test_table_approximation_error_at_random_slider_states():
    # Exact runs at the slider values themselves vs the nearest table node (stated in RESULTS.md).
    from course.excitability_table import DURATION_MS, load_table
    from course.ui.excitability import slider_grid

    table = load_table()
    rng = np.random.default_rng(2)
    n = 24
    vals = {name: rng.choice(slider_grid(name), n) for name in ("ca", "mg", "k", "fatigue")}
    sens = rng.integers(0, 2, n).astype(bool)
    batch = ex.simulate_grid(ca_mm=vals["ca"], mg_mm=vals["mg"], k_mm=vals["k"], fatigue_k_mm=vals["fatigue"],
                             sensory=sens, duration_ms=DURATION_MS, record_every=0)
    diffs = []
    for m in range(n):
        shift = ex.gating_shift_mv(vals["ca"][m], vals["mg"][m])
        idx = table.index(shift, vals["k"][m] + vals["fatigue"][m], "sensory" if sens[m] else "motor")
        diffs.append(abs(table.spikes(*idx).size - batch.spike_times_ms[m].size) * 1000.0 / DURATION_MS)
    # Hz: at most 5 spikes in 200 ms, the largest difference bench_excitability measured at 200 states (node +
    # internode model: fast bursts near the onset; the single node had 3)
    assert max(diffs) <= 25.0


def test_quiz_numbers_match_the_model(rheobase_normal):
    from course.quizzes import load

    text = " ".join(" ".join((q.prompt, *q.options, *q.feedback)) for q in load("excitability"))
    assert f"{ex.gating_shift_mv(0.6, 0.85):.1f}".replace("-", "−") + " mV" in text
    assert f"about {ex.gating_shift_mv(1.2, 0.425):.1f}".replace("-", "−") + " mV" in text
    assert f"{rheobase_normal:.0f} → {ex.rheobase_ua_cm2(Electrolytes(k=3.0)):.0f} µA/cm²" in text
    from course.excitability_table import rate_curve  # the numbers notebook 03 prints (table of exact runs)

    ca = np.round(np.arange(0.70, 1.001, 0.02), 2)
    onset_m = ca[rate_curve(ca, 0.85, 4.0, "motor") > 0].max()
    onset_s = ca[rate_curve(ca, 0.85, 4.0, "sensory") > 0].max()
    assert f"{onset_s:.2f} mM while the motor axon waits until {onset_m:.2f} mM" in text
    e_k_normal = ex.axon_conditions(NORMAL).e_k_mv
    e_k_low = ex.axon_conditions(Electrolytes(k=3.0)).e_k_mv
    assert f"from {e_k_normal:.0f} to {e_k_low:.0f} mV".replace("-", "−") in text
    assert len(load("excitability")) >= 3


def test_task_answers_match_the_explorer_table():
    # The "Questions to explore" of notebook 03 quote what the explorer shows: its table of exact runs,
    # at slider values (Ca²⁺ in 0.05-mM steps). A model or table change that moves them fails here.
    from course.excitability_table import lookup
    from course.excitability_table import rate_curve as curve
    from course.quizzes import tasks
    from course.ui.excitability import slider_grid

    text = " ".join(t.answer for t in tasks("excitability"))
    ca = slider_grid("ca")

    def hz(ca_mm, mg, k, fibre="motor"):
        return lookup(ca_mm, mg, k, fibre)[0]

    def mv(x, digits=0):
        return f"{x:.{digits}f}".replace("-", "−")

    def onset(mg, k):
        return f"{ca[curve(ca, mg, k, 'motor') > 0].max():.2f}"

    # 1 · Daniel (Ca²⁺ 0.85, Mg²⁺ 0.65 mM), then with a normal Mg²⁺
    assert (f"sensory axon gives about {hz(0.85, 0.65, 4.0, 'sensory'):.0f} and the motor axon about "
            f"{hz(0.85, 0.65, 4.0):.0f} spikes") in text
    assert f"from {mv(ex.gating_shift_mv(0.85, 0.65), 1)} to {mv(ex.gating_shift_mv(0.85, 0.85), 1)} mV" in text
    assert hz(0.85, 0.85, 4.0) == 0 and hz(0.85, 0.85, 4.0, "sensory") > 0
    # 2 · low Mg²⁺ alone
    assert f"only {mv(ex.gating_shift_mv(1.2, 0.3), 1)} mV" in text
    assert hz(1.2, 0.3, 4.0) == 0 and hz(1.2, 0.3, 4.0, "sensory") == 0
    assert f"fires from {onset(0.3, 4.0)} mM Ca²⁺ down, against {onset(0.85, 4.0)} mM" in text
    # 3 · Ca²⁺ 0.6 mM, K⁺ raised: the rate climbs, drops once and then stays at 0 up to 17 mM
    ks = np.arange(4.0, 17.01, 0.5)
    rates = np.array([hz(0.6, 0.85, k) for k in ks])
    k_stop = ks[np.argmax(rates == 0)]
    assert rates[0] > 0 and np.all(rates[ks >= k_stop] == 0)
    peak = ks[np.argmax(rates)]
    assert (f"about {hz(0.6, 0.85, 4.0):.0f} Hz at 4 mM, {hz(0.6, 0.85, 5.0):.0f} Hz at 5 mM and "
            f"{rates.max():.0f} Hz at {peak:g} mM") in text
    assert f"At {k_stop - 0.5:g} mM it drops to about {hz(0.6, 0.85, k_stop - 0.5):.0f} Hz" in text
    assert f"from {k_stop:g} mM the axon is silent" in text
    # 4 · fatigue K⁺ at normal blood values never fires either axon
    assert all(hz(1.2, 0.85, 4.0 + f, fb) == 0 for f in slider_grid("fatigue") for fb in ("motor", "sensory"))
    assert (f"rests at {mv(lookup(1.2, 0.85, 12.0)[1])} mV instead of {mv(lookup(1.2, 0.85, 4.0)[1])} mV, the "
            f"sensory node at {mv(lookup(1.2, 0.85, 12.0, 'sensory')[1])} mV") in text
    # 5 · low K⁺ with Ca²⁺ 0.7 mM
    assert f"fires (about {hz(0.7, 0.85, 4.0):.0f} Hz over 200 ms)" in text and hz(0.7, 0.85, 2.5) == 0
    assert f"({mv(lookup(0.7, 0.85, 2.5)[1])} instead of {mv(lookup(0.7, 0.85, 4.0)[1])} mV)" in text
    assert f"from {onset(0.85, 4.0)} to {onset(0.85, 2.5)} mM Ca²⁺" in text


# ---------------------------------------------------------------------------------------------
# The explorer's pure compute (no widget constructed) and the notebook's figure builders
# ---------------------------------------------------------------------------------------------


def test_explorer_compute_reads_the_table_node_of_the_state():
    from course.excitability_table import DURATION_MS, load_table, rate_curve
    from course.ui._common import signed
    from course.ui.excitability import CA_GRID_MM, ExcitabilityExplorer, ExcitabilityInputs

    table = load_table()
    view = ExcitabilityExplorer.compute(ExcitabilityInputs(ca_mm=0.6, mg_mm=0.85, k_mm=4.0))
    node = table.index(ex.gating_shift_mv(0.6, 0.85), 4.0, "motor")
    np.testing.assert_array_equal(view.voltage_mv, table.voltage(*node))
    np.testing.assert_array_equal(view.spike_times_ms, table.spikes(*node))
    assert view.rate_hz == table.spikes(*node).size * 1000.0 / DURATION_MS > 0.0
    assert view.rest_mv == float(table.rest_mv[node])
    np.testing.assert_array_equal(view.rates_hz, rate_curve(CA_GRID_MM, 0.85, 4.0, "motor"))
    status = html.unescape(view.status)
    assert f"gating shift <b>{signed(ex.gating_shift_mv(0.6, 0.85))} mV</b>" in status
    assert f"E_K <b>{signed(nernst(1, 4.0, ex.K_AXOPLASM_MM, ex.TEMP_C))} mV</b>" in status
    assert f"resting potential <b>{signed(view.rest_mv)} mV</b>" in status
    assert "spontaneous firing" in status
    assert f"shows {view.spike_times_ms.size} action potentials ({view.rate_hz:.0f} Hz)" in view.voltage_words


def test_explorer_compute_snaps_to_slider_positions_and_sums_the_potassium():
    from course.ui.excitability import ExcitabilityExplorer, ExcitabilityInputs

    compute = ExcitabilityExplorer.compute
    exact, nudged = compute(ExcitabilityInputs(ca_mm=0.7)), compute(ExcitabilityInputs(ca_mm=0.7000004))
    assert nudged.inputs.ca_mm == 0.7 and nudged.status == exact.status
    np.testing.assert_array_equal(nudged.voltage_mv, exact.voltage_mv)
    # blood K⁺ and fatigue K⁺ act only through their sum (K⁺ around the axon)
    blood = compute(ExcitabilityInputs(ca_mm=0.7, k_mm=6.0))
    fatigue = compute(ExcitabilityInputs(ca_mm=0.7, k_mm=4.0, fatigue_k_mm=2.0))
    np.testing.assert_array_equal(blood.voltage_mv, fatigue.voltage_mv)
    np.testing.assert_array_equal(blood.rates_hz, fatigue.rates_hz)
    assert "(K⁺ around the axon 6.0 mM)" in html.unescape(fatigue.status)


def test_explorer_compute_force_is_one_motor_unit_fed_the_spikes():
    from course.excitability_table import DURATION_MS
    from course.ui.excitability import ExcitabilityExplorer, ExcitabilityInputs

    low = ExcitabilityExplorer.compute(ExcitabilityInputs(ca_mm=0.6))
    direct = simulate_contraction(None, DURATION_MS, spike_times_ms=low.spike_times_ms)
    np.testing.assert_allclose(low.force_pct, 100.0 * direct.force, rtol=0, atol=0)
    np.testing.assert_array_equal(low.force_t_ms, direct.t_ms)
    assert f"peaks at {low.force_pct.max():.0f} %" in low.force_words
    normal = ExcitabilityExplorer.compute(ExcitabilityInputs())
    assert normal.rate_hz == 0.0 and normal.force_pct.max() < 1.0
    assert "silent" in html.unescape(normal.status)
    assert f"starts {ex.NUDGE_MV:g} mV above a rest of" in normal.voltage_words
    sensory = ExcitabilityExplorer.compute(ExcitabilityInputs(ca_mm=0.85, fibre="sensory"))
    assert sensory.rate_hz > 0.0 and "do not reach muscle" in sensory.force_words
    assert html.unescape(sensory.status).startswith('<div role="status" aria-live="polite" style="font-size:13px">'
                                                    "Sensory axon")


def test_explorer_registries_are_read_only():
    from course.ui.excitability import CA_GRID_MM, SLIDERS

    for registry, key in ((SLIDERS, "ca"), (ex.FIBRE_G_NAP, "motor")):
        with pytest.raises(TypeError):
            registry[key] = registry[key]
    with pytest.raises(ValueError):
        CA_GRID_MM[0] = 0.0


def test_notebook_figures_show_the_normal_band_and_the_run():
    from course.figures.excitability import spontaneous_rate_figure, spontaneous_trace_figure

    ca = np.array([0.6, 0.8, 1.2])
    fig = spontaneous_rate_figure(ca, {("motor", 0.85): np.array([40.0, 5.0, 0.0])})
    band = fig.layout.shapes[0]
    # one normal range of ionized Ca²⁺ in the whole course: COURSE_SPEC 1.1–1.3 mM (laboratories give 1.15–1.32)
    assert (band.x0, band.x1) == NORMAL_RANGES["ca"] == (1.1, 1.3)
    assert fig.data[0].name == "motor axon, Mg²⁺ 0.85 mM"
    quiet = ex.simulate_axon(NORMAL, 20.0)
    fig = spontaneous_trace_figure(quiet)
    # the title is wrapped into short lines for a phone-wide plot (course.style.wrap)
    assert fig.layout.title.text.replace("<br>", " ") == "The motor axon at 1.2 mM Ca²⁺ stays silent with no stimulus"
    np.testing.assert_array_equal(fig.data[0].y, np.round(quiet.v_mv[::10], 1))


# ---------------------------------------------------------------------------------------------
# Threshold tracking helpers and the validation table (COURSE_SPEC V3.3)
# ---------------------------------------------------------------------------------------------


def test_pulse_threshold_is_a_true_threshold():
    thr = ex.pulse_thresholds_ua_cm2(NORMAL, [0.5])[0]
    t0 = ex.TRACK_START_MS
    below = ex.simulate_axon(NORMAL, 20.0, stim_times_ms=[t0], stim_amplitude=[thr * 0.98], stim_width_ms=[0.5])
    above = ex.simulate_axon(NORMAL, 20.0, stim_times_ms=[t0], stim_amplitude=[thr * 1.02], stim_width_ms=[0.5])
    assert below.spike_times_ms.size == 0 and above.spike_times_ms.size == 1
    # Longer pulses need less current, shorter ones more (strength–duration; Weiss 1901, Lapicque 1907).
    widths = np.array([0.1, 0.2, 0.5, 1.0])
    thr_w = ex.pulse_thresholds_ua_cm2(NORMAL, widths)
    assert np.all(np.diff(thr_w) < 0.0) and np.all(np.diff(thr_w * widths) > 0.0)


def test_strength_duration_time_constant_is_in_the_human_motor_range():
    # Mogyoros, Kiernan & Burke 1996 (Brain 119:439): human median motor axons 0.459 ± 0.126 ms (Weiss fit over
    # 0.2–1 ms); the model sits inside ± 2 SD. Its rheobase lies below the 1-ms threshold, as Weiss's law requires.
    tau, rheo = ex.strength_duration_ms(NORMAL)
    assert 0.207 <= tau <= 0.711
    assert 0.0 < rheo < ex.pulse_thresholds_ua_cm2(NORMAL, [1.0])[0]


def test_recovery_cycle_measures_refractoriness_right_after_an_impulse():
    # Any axon is refractory right after an impulse (threshold raised at 2 ms: Kiernan et al. 2000) and is back
    # to baseline long after it; superexcitability and late subexcitability in between are benchmarks AX13–AX14.
    rc = ex.recovery_cycle_pct(NORMAL, [2.0, 200.0])
    assert rc[0] > 20.0
    assert abs(rc[1]) < 5.0


def test_stimulation_helpers_reject_bad_input():
    for call, name in [
        (lambda: ex.pulse_thresholds_ua_cm2(NORMAL, [0.0]), "widths_ms"),
        (lambda: ex.pulse_thresholds_ua_cm2(NORMAL, [0.5], delays_ms=[2.0, 3.0]), "delays_ms"),
        (lambda: ex.recovery_cycle_pct(NORMAL, [0.2]), "delays_ms"),
        (lambda: ex.train_response(NORMAL, stim_hz=0.0), "stim_hz"),
    ]:
        with pytest.raises(ValueError) as err:
            call()
        assert name in str(err.value)


def test_excitability_benchmarks_are_sourced_and_every_failure_is_a_listed_limitation():
    import json
    from pathlib import Path

    from course.validation import excitability as vx

    bms = vx.BENCHMARKS
    assert len(bms) >= 10 and len({b.id for b in bms}) == len(bms)
    assert all(b.model == "excitability" and b.notebook == "03_hyperexcitability_and_cramps.ipynb" for b in bms)
    assert sum(b.kind == "validation" for b in bms) >= 10  # calibration targets are not counted
    nb = json.loads(Path(__file__).parents[1].joinpath("notebooks", bms[0].notebook).read_text())
    box = next("".join(c["source"]) for c in nb["cells"] if "What this model leaves out" in "".join(c["source"]))
    for b in bms:
        if b.limitation:
            assert b.limitation in box, b.id
