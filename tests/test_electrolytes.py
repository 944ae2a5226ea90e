"""Physics and validation tests for course.electrolytes (notebook 01).

Reference values and where they come from (full citations in REFERENCES.md (Notebook 01)):
- RT/F and Nernst values: PHYSIOLOGY_REFERENCE "Constants" / "Resting potential" (computed from CODATA
  R and F; textbook Nernst equation).
- GHK prototype values (P_Na/P_K 0.01, Cl⁻ steady state, K 4/140, Na 145/12 → −86.8, −95.4 at 2.5 mM,
  −75.1 at 7 mM; acute Cl_i fixed, P_Cl/P_K 2 → only −2.9 mV for the 4 → 2.5 mM step): GHK calculations
  from PHYSIOLOGY_REFERENCE "Resting potential" (self-consistency checks of the equation, not measurements).
  The permeability ratios and the idea that unmoved Cl⁻ buffers a K⁺ step are Hodgkin & Horowicz 1959,
  J Physiol 148:127; their fibres responded asymmetrically (fast depolarisation on raising K⁺, slow
  repolarisation on lowering it, because the K⁺ conductance rectifies inwards), which a constant-permeability
  GHK equation cannot reproduce.
- Clinical statements in the preset notes and the quiz: Krishnan et al. 2005, Brain 128:2164 (hyperkalaemia
  depolarises motor axons, no spontaneous firing); Turner et al. 2016, Endocr Connect 5:G7 (causes and signs
  of hypocalcaemia); del Castillo & Engbaek 1954, J Physiol 124:370 (Mg²⁺ blocks transmitter release);
  Mogyoros et al. 2000, Muscle Nerve 23:310 (sensory axons more excitable than motor axons).
- V_rest ≈ −85 mV at 4 mM K_o in human/mammalian muscle: Jurkat-Rott et al. 2009, PNAS 106:4036.
- Normal serum ranges: COURSE_SPEC reference values (clinical laboratory intervals).
- Sweat composition for the dehydration preset: Lara et al. 2016, J Int Soc Sports Nutr 13:31;
  serum Na⁺ ≈ (Na_e + K_e)/TBW: Edelman et al. 1958, J Clin Invest 37:1236.
"""

from __future__ import annotations

import dataclasses
import math
import re

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.optimize import brentq

from course import electrolytes as el
from course.electrolytes import (
    FIELDS,
    INTRACELLULAR_MM,
    NORMAL_RANGES,
    PERMEABILITY,
    PHYSICAL_RANGES,
    PRESET_LABELS,
    PRESET_NOTES,
    PRESETS,
    Electrolytes,
    classify,
    equilibrium_potentials,
    nernst,
    resting_potential,
    resting_potential_curve,
    rt_over_f,
    steady_state_chloride_in,
)
from course.quizzes import load

F = 96485.33212
R = 8.314462618

# --------------------------------------------------------------------------------------- Nernst


def test_rt_over_f_reference_values():
    # PHYSIOLOGY_REFERENCE "Constants": 26.73 mV at 37 °C, 25.26 at 20 °C, 24.08 at 6.3 °C.
    assert rt_over_f(37.0) == pytest.approx(26.73, abs=0.01)
    assert rt_over_f(20.0) == pytest.approx(25.26, abs=0.01)
    assert rt_over_f(6.3) == pytest.approx(24.08, abs=0.01)


@pytest.mark.parametrize(
    ("z", "c_out", "c_in", "expected"),
    [
        # PHYSIOLOGY_REFERENCE "Resting potential", Nernst at 37 °C (the issue asks ±0.5 mV for E_K 4/150).
        (1, 4.0, 150.0, -96.9),
        (1, 4.0, 140.0, -95.0),
        (1, 145.0, 12.0, 66.6),
        (-1, 110.0, 4.5, -85.4),
        (2, 1.2, 1e-4, 125.5),
    ],
)
def test_nernst_reference_values(z, c_out, c_in, expected):
    assert nernst(z, c_out, c_in) == pytest.approx(expected, abs=0.5)


def test_nernst_sign_and_valence():
    # Textbook Nernst: E = RT/(zF)·ln(c_out/c_in).
    # A cation more concentrated outside has a positive E; an anion more concentrated outside a negative E.
    assert nernst(2, 1.2, 1e-4) > 0.0
    assert nernst(-1, 102.0, 4.0) < 0.0
    # Doubling the valence halves the potential for the same gradient (Ca²⁺ vs a monovalent cation).
    assert nernst(2, 1.2, 1e-4) == pytest.approx(nernst(1, 1.2, 1e-4) / 2.0, rel=1e-12)
    # Cl⁻ (z = −1) is the mirror image of a monovalent cation with the same gradient.
    assert nernst(-1, 102.0, 4.0) == pytest.approx(-nernst(1, 102.0, 4.0), rel=1e-12)
    # No gradient, no potential.
    assert nernst(1, 5.0, 5.0) == 0.0


def test_nernst_scales_with_absolute_temperature():
    # E ∝ T (kelvin): the ratio between 20 °C and 37 °C is 293.15/310.15.
    ratio = nernst(1, 4.0, 150.0, temp_c=20.0) / nernst(1, 4.0, 150.0, temp_c=37.0)
    assert ratio == pytest.approx(293.15 / 310.15, rel=1e-12)


@given(
    z=st.sampled_from([-3, -2, -1, 1, 2, 3]),
    c_out=st.floats(1e-3, 999.0),
    c_in=st.floats(1e-3, 999.0),
    temp_c=st.floats(0.0, 45.0),
)
@settings(max_examples=60, deadline=None)
def test_nernst_matches_formula_and_is_antisymmetric(z, c_out, c_in, temp_c):
    expected = R * (temp_c + 273.15) / (z * F) * math.log(c_out / c_in) * 1000.0
    assert nernst(z, c_out, c_in, temp_c) == pytest.approx(expected, rel=1e-9, abs=1e-9)
    e = nernst(z, c_out, c_in, temp_c)
    assert e == pytest.approx(-nernst(z, c_in, c_out, temp_c), rel=1e-9, abs=1e-9)
    assert e == pytest.approx(-nernst(-z, c_out, c_in, temp_c), rel=1e-9, abs=1e-9)


@pytest.mark.parametrize(
    ("args", "name"),
    [
        ((0, 4.0, 150.0), "z"),
        ((1.5, 4.0, 150.0), "z"),
        ((True, 4.0, 150.0), "z"),
        ((4, 4.0, 150.0), "z"),
        ((1, 0.0, 150.0), "c_out"),
        ((1, -4.0, 150.0), "c_out"),
        ((1, float("nan"), 150.0), "c_out"),
        ((1, 4.0, float("inf")), "c_in"),
        ((1, 4.0, 150.0, 100.0), "temp_c"),
        ((1, 4.0, 150.0, -5.0), "temp_c"),
    ],
)
def test_nernst_rejects_bad_input(args, name):
    with pytest.raises(ValueError, match=name):
        nernst(*args)


# --------------------------------------------------------------------------- equilibrium potentials


def test_equilibrium_potentials_at_defaults():
    # COURSE_SPEC reference values: E_K ≈ −97 (4/150), E_Na ≈ +66 (140/12), E_Cl ≈ −87 (102/4) mV;
    # E_Ca ≈ +125.5 mV (1.2 mM / 100 nM, PHYSIOLOGY_REFERENCE).
    e = equilibrium_potentials(Electrolytes())
    assert set(e) == {"K", "Na", "Cl", "Ca"}
    assert e["K"] == pytest.approx(-96.9, abs=0.5)
    assert e["Na"] == pytest.approx(65.7, abs=0.5)
    assert e["Cl"] == pytest.approx(-86.6, abs=0.5)
    assert e["Ca"] == pytest.approx(125.5, abs=0.5)


def test_intracellular_override():
    # Sejersted & Sjøgaard 2000 give cytosolic K⁺ 140–160 mM; with 140 mM, E_K(4) = −95.0 mV
    # (PHYSIOLOGY_REFERENCE).
    e = equilibrium_potentials(Electrolytes(), intracellular={"K": 140.0})
    assert e["K"] == pytest.approx(-95.0, abs=0.1)
    assert e["Na"] == pytest.approx(equilibrium_potentials(Electrolytes())["Na"], rel=1e-12)
    assert INTRACELLULAR_MM == {"K": 150.0, "Na": 12.0, "Cl": 4.0, "Ca": 1e-4}  # defaults unchanged
    with pytest.raises(ValueError, match="Mg"):
        equilibrium_potentials(Electrolytes(), intracellular={"Mg": 0.5})
    with pytest.raises(ValueError, match="intracellular"):
        resting_potential(Electrolytes(), intracellular={"K": -1.0})
    with pytest.raises(TypeError, match="intracellular"):
        resting_potential(Electrolytes(), intracellular=150.0)


# --------------------------------------------------------------------------------------------- GHK


def test_resting_potential_normal_in_physiological_window():
    # Issue 3 acceptance: −92 … −83 mV at normal values. Measured ≈ −85 mV at 4 mM K_o
    # (Jurkat-Rott et al. 2009, PNAS 106:4036); GHK estimate −85 to −90 mV (COURSE_SPEC).
    v = resting_potential(Electrolytes())
    assert -92.0 <= v <= -83.0


def test_resting_potential_matches_prototype_reference():
    # PHYSIOLOGY_REFERENCE "Resting potential" (P_Na/P_K 0.01, Cl⁻ steady state, K 4/140, Na 145/12):
    # −86.8 mV at 4 mM, −95.4 at 2.5 mM, −75.1 at 7 mM.
    ecf = Electrolytes(k=4.0, na=145.0)
    ic = {"K": 140.0, "Na": 12.0}
    assert resting_potential(ecf, intracellular=ic) == pytest.approx(-86.8, abs=0.1)
    assert resting_potential(ecf.replace(k=2.5), intracellular=ic) == pytest.approx(-95.4, abs=0.1)
    assert resting_potential(ecf.replace(k=7.0), intracellular=ic) == pytest.approx(-75.1, abs=0.1)


def test_acute_chloride_buffers_a_potassium_step():
    # A GHK calculation (PHYSIOLOGY_REFERENCE "Resting potential"), not a measured value: with Cl_i fixed and
    # P_Cl/P_K 2 (the Hodgkin & Horowicz 1959 ratios), stepping K_o 4 → 2.5 mM changes V by only ≈ −2.9 mV
    # (Cl 110/4.5), against ≈ −8.6 mV once Cl⁻ has settled. Real fibres are asymmetric (inward rectification:
    # quick depolarisation on raising K⁺, slow repolarisation on lowering it); this equation is not.
    ecf = Electrolytes(k=4.0, na=145.0, cl=110.0)
    ic = {"K": 140.0, "Cl": 4.5}
    acute = resting_potential(ecf.replace(k=2.5), intracellular=ic, chloride="acute") - resting_potential(
        ecf, intracellular=ic, chloride="acute"
    )
    steady = resting_potential(ecf.replace(k=2.5), intracellular=ic)
    steady -= resting_potential(ecf, intracellular=ic)
    assert acute == pytest.approx(-2.9, abs=0.2)
    assert steady == pytest.approx(-8.6, abs=0.2)


def test_potassium_direction_and_monotonic_over_slider_range():
    # Issue 3 acceptance: more negative at 2.5 mM than at 4 mM; less negative at 7 mM; monotonic in K⁺
    # over the whole explorer slider range (1–10 mM). Physics: raising K_o shrinks the K⁺ gradient.
    from course.ui.electrolytes import K_CURVE_MM

    v4 = resting_potential(Electrolytes(k=4.0))
    assert resting_potential(Electrolytes(k=2.5)) < v4
    assert resting_potential(Electrolytes(k=7.0)) > v4
    for mode in ("steady", "acute"):
        curve = resting_potential_curve(K_CURVE_MM, Electrolytes(), chloride=mode)
        assert np.all(np.diff(curve) > 0.0)
        # The vectorised curve agrees with the scalar function.
        scalar = [resting_potential(Electrolytes(k=float(k)), chloride=mode) for k in K_CURVE_MM[::30]]
        np.testing.assert_allclose(curve[::30], scalar, rtol=1e-12)


def test_ghk_departs_from_ek_at_low_potassium():
    # GHK physics: the Na⁺ leak (P_Na/P_K 0.01) keeps V_rest above E_K; the gap grows as K_o falls.
    gap = [resting_potential(Electrolytes(k=k)) - nernst(1, k, 150.0) for k in (10.0, 4.0, 1.0)]
    assert all(g > 0.0 for g in gap)
    assert gap[0] < gap[1] < gap[2]
    assert gap[2] > 20.0  # ≈ 23 mV at 1 mM: muscle clearly does not follow E_K


def test_pure_potassium_membrane_sits_at_ek():
    # GHK limit: with only K⁺ permeable (and Cl⁻ settled) the voltage equation reduces to Nernst for K⁺.
    ecf = Electrolytes(k=3.3)
    v = resting_potential(ecf, permeability={"Na": 0.0})
    assert v == pytest.approx(nernst(1, 3.3, 150.0), abs=1e-9)


def test_steady_state_chloride_drops_out_and_is_consistent_with_acute():
    # Hodgkin & Horowicz 1959: once Cl⁻ is passively distributed, E_Cl = V_rest and Cl_o no longer
    # matters; the acute formula with that Cl_i must give the same V.
    base = resting_potential(Electrolytes())
    for cl in (80.0, 102.0, 125.0):
        assert resting_potential(Electrolytes(cl=cl)) == pytest.approx(base, abs=1e-12)
    for ecf in (Electrolytes(), Electrolytes(k=2.0, cl=90.0), Electrolytes(k=7.5, na=128.0, cl=115.0)):
        cl_i = steady_state_chloride_in(ecf)
        acute = resting_potential(ecf, chloride="acute", intracellular={"Cl": cl_i})
        assert acute == pytest.approx(resting_potential(ecf), abs=1e-9)
        assert nernst(-1, ecf.cl, cl_i) == pytest.approx(resting_potential(ecf), abs=1e-9)
    # Settled Cl_i at normal values lies close to the measured 4–6 mM (PHYSIOLOGY_REFERENCE; Shorten 5.7).
    assert 3.0 < steady_state_chloride_in(Electrolytes()) < 6.0


def _ghk_zero_current(ecf: Electrolytes, temp_c: float, chloride: str) -> float:
    """Reference: the V at which the summed GHK *current* equations give zero net current (scipy)."""
    rtf = R * (temp_c + 273.15) / F * 1000.0
    ci = dict(INTRACELLULAR_MM)

    def flux(p, z, c_in, c_out, v):
        u = z * v / rtf
        if abs(u) < 1e-9:
            return p * z * (c_in - c_out)
        return p * z * u * (c_in - c_out * math.exp(-u)) / (1.0 - math.exp(-u))

    def net(v):
        cl_in = ecf.cl * math.exp(v / rtf) if chloride == "steady" else ci["Cl"]
        return (
            flux(PERMEABILITY["K"], 1, ci["K"], ecf.k, v)
            + flux(PERMEABILITY["Na"], 1, ci["Na"], ecf.na, v)
            + flux(PERMEABILITY["Cl"], -1, cl_in, ecf.cl, v)
        )

    return brentq(net, -200.0, 100.0, xtol=1e-12)


@pytest.mark.parametrize("chloride", ["steady", "acute"])
@pytest.mark.parametrize(
    "ecf", [Electrolytes(), Electrolytes(k=1.5, na=120.0, cl=85.0), Electrolytes(k=9.0, na=165.0, cl=120.0)]
)
def test_voltage_equation_equals_zero_current_of_ghk_current_equations(ecf, chloride):
    # Goldman 1943 / Hodgkin & Katz 1949: the GHK voltage equation is the zero-current point of the GHK
    # current equations; checked with an independent root finder (scipy brentq).
    for temp_c in (20.0, 37.0):
        assert resting_potential(ecf, temp_c, chloride=chloride) == pytest.approx(
            _ghk_zero_current(ecf, temp_c, chloride), abs=1e-6
        )


def test_hyponatraemia_barely_moves_vrest_but_moves_ena():
    # P_Na/P_K = 0.01 (Hodgkin & Horowicz 1959): a 15 mM fall of Na_o lowers E_Na by ≈ 3 mV but V_rest
    # by well under 1 mV.
    normal, low = Electrolytes(), PRESETS["hyponatraemia"]
    assert equilibrium_potentials(normal)["Na"] - equilibrium_potentials(low)["Na"] > 2.5
    assert abs(resting_potential(normal) - resting_potential(low)) < 1.0


@given(
    k=st.floats(*PHYSICAL_RANGES["k"]),
    na=st.floats(*PHYSICAL_RANGES["na"]),
    cl=st.floats(*PHYSICAL_RANGES["cl"]),
    ca=st.floats(*PHYSICAL_RANGES["ca"]),
    mg=st.floats(*PHYSICAL_RANGES["mg"]),
    temp_c=st.floats(0.0, 45.0),
    chloride=st.sampled_from(["steady", "acute"]),
)
@settings(max_examples=150, deadline=None)
def test_any_valid_composition_gives_bounded_finite_vrest(k, na, cl, ca, mg, temp_c, chloride):
    # GHK property: V_rest is a weighted compromise between the equilibrium potentials of the ions that
    # carry resting current (K⁺, Na⁺, and in the acute case Cl⁻).
    ecf = Electrolytes(k=k, na=na, cl=cl, ca=ca, mg=mg)
    v = resting_potential(ecf, temp_c, chloride=chloride)
    e = equilibrium_potentials(ecf, temp_c)
    involved = [e["K"], e["Na"]] + ([e["Cl"]] if chloride == "acute" else [])
    assert math.isfinite(v)
    assert min(involved) - 1e-9 <= v <= max(involved) + 1e-9


# -------------------------------------------------------------------------------------- validation


_BAD_VALUES = st.one_of(
    st.just(float("nan")),
    st.just(float("inf")),
    st.just(float("-inf")),
    st.just(0.0),
    st.floats(max_value=0.0, allow_nan=False, allow_infinity=False),
    st.floats(min_value=1e-300, max_value=1e-3),
    st.floats(min_value=1e3, max_value=1e300),
)


@given(field=st.sampled_from(FIELDS), value=_BAD_VALUES)
@settings(max_examples=120, deadline=None)
def test_invalid_value_raises_value_error_naming_field(field, value):
    with pytest.raises(ValueError, match=rf"^{field}[=\s]"):
        Electrolytes(**{field: value})


@given(
    field=st.sampled_from(FIELDS),
    value=st.one_of(st.text(max_size=5), st.none(), st.booleans(), st.lists(st.floats(), max_size=2),
                    st.complex_numbers()),
)
@settings(max_examples=60, deadline=None)
def test_wrong_type_raises_type_error_naming_field(field, value):
    with pytest.raises(TypeError, match=field):
        Electrolytes(**{field: value})


@given(
    arg=st.sampled_from(["c_out", "c_in", "temp_c"]),
    value=st.one_of(_BAD_VALUES, st.floats(min_value=45.001, max_value=1e6), st.text(max_size=3), st.none()),
)
@settings(max_examples=80, deadline=None)
def test_nernst_and_ghk_bad_numbers_raise_only_value_or_type_error(arg, value):
    kwargs = {"z": 1, "c_out": 4.0, "c_in": 150.0, "temp_c": 37.0, arg: value}
    lo, hi = (0.0, 45.0) if arg == "temp_c" else (0.0, 1000.0)
    is_number = isinstance(value, float)
    valid = is_number and math.isfinite(value) and value <= hi
    valid = valid and (value >= lo if arg == "temp_c" else value > lo)
    if valid:  # e.g. a tiny but positive concentration: a finite answer, never NaN
        assert math.isfinite(nernst(**kwargs))
        return
    with pytest.raises(ValueError if is_number else TypeError, match=arg):
        nernst(**kwargs)
    if arg == "temp_c":
        with pytest.raises(ValueError if is_number else TypeError, match="temp_c"):
            resting_potential(Electrolytes(), value)


def test_error_message_names_value_and_range():
    with pytest.raises(ValueError) as info:
        Electrolytes(k=25.0)
    message = str(info.value)
    assert "k=25" in message and "[0.1, 20]" in message and "mM" in message


def test_frozen_and_replace_validate():
    ecf = Electrolytes()
    with pytest.raises(dataclasses.FrozenInstanceError):
        ecf.k = 3.0  # type: ignore[misc]
    assert ecf.replace(k=3.0).k == 3.0 and ecf.k == 4.0
    with pytest.raises(ValueError, match="k"):
        ecf.replace(k=-1.0)
    with pytest.raises(ValueError, match="na"):
        dataclasses.replace(ecf, na=float("nan"))
    with pytest.raises(ValueError, match="unknown field"):
        ecf.replace(potassium=3.0)
    # ints are stored as floats
    assert isinstance(Electrolytes(k=4).k, float)


@pytest.mark.parametrize(
    ("call", "name"),
    [
        (lambda: resting_potential(Electrolytes(), chloride="sometimes"), "chloride"),
        (lambda: resting_potential(Electrolytes(), temp_c=float("nan")), "temp_c"),
        (lambda: resting_potential(Electrolytes(), permeability={"Na": -0.1}), "permeability"),
        (lambda: resting_potential(Electrolytes(), permeability={"K": 0.0}), "permeability"),
        (lambda: resting_potential(Electrolytes(), permeability={"Ca": 1.0}), "Ca"),
        (lambda: resting_potential_curve([4.0, 0.0]), "k_values"),
        (lambda: resting_potential_curve([4.0, float("nan")]), "k_values"),
        (lambda: equilibrium_potentials(Electrolytes(), temp_c=60.0), "temp_c"),
    ],
)
def test_other_bad_arguments_raise_value_error(call, name):
    with pytest.raises(ValueError, match=name):
        call()


@pytest.mark.parametrize("func", [resting_potential, equilibrium_potentials, classify])
def test_non_electrolytes_argument_raises_type_error(func):
    with pytest.raises(TypeError, match="ecf"):
        func({"k": 4.0})


# ----------------------------------------------------------------------------- classify and presets


def test_classify_boundaries_are_inclusive():
    # COURSE_SPEC normal serum ranges; a value on a limit is still normal.
    for field, (lo, hi) in NORMAL_RANGES.items():
        assert classify(Electrolytes(**{field: lo}))[field] == "normal"
        assert classify(Electrolytes(**{field: hi}))[field] == "normal"
        assert classify(Electrolytes(**{field: lo * 0.99}))[field] == "low"
        assert classify(Electrolytes(**{field: hi * 1.01}))[field] == "high"
    assert set(classify(Electrolytes())) == set(FIELDS)


def test_normal_ranges_match_course_spec():
    # COURSE_SPEC reference values: K 3.5–5.0, Na 135–145, Cl 98–106, ionized Ca 1.1–1.3, Mg 0.7–1.0 mM.
    assert NORMAL_RANGES == {
        "k": (3.5, 5.0), "na": (135.0, 145.0), "cl": (98.0, 106.0), "ca": (1.1, 1.3), "mg": (0.7, 1.0)
    }
    # Defaults sit inside their ranges.
    assert all(v == "normal" for v in classify(Electrolytes()).values())


_EXPECTED_ABNORMAL = {
    "normal": {},
    "hypokalaemia": {"k": "low"},
    "severe_hypokalaemia": {"k": "low"},
    "hyperkalaemia": {"k": "high"},
    "hyponatraemia": {"na": "low"},
    "hypocalcaemia": {"ca": "low"},
    "hypomagnesaemia": {"mg": "low"},
    "dehydration_sweating": {"na": "high", "cl": "high"},
}


@pytest.mark.parametrize("key", list(_EXPECTED_ABNORMAL))
def test_every_preset_classifies_as_its_name_says(key):
    expected = {f: "normal" for f in FIELDS} | _EXPECTED_ABNORMAL[key]
    assert classify(PRESETS[key]) == expected


def test_preset_keys_and_severity():
    assert list(PRESETS) == list(_EXPECTED_ABNORMAL)
    assert set(PRESET_LABELS) == set(PRESETS)
    # Severe hypokalaemia is conventionally < 2.5 mM; the mild preset lies between 2.5 and 3.5 mM.
    assert PRESETS["severe_hypokalaemia"].k < 2.5 <= PRESETS["hypokalaemia"].k < 3.5
    # Notebook 03 contract: spontaneous firing expected at ionized Ca²⁺ ≤ 0.8 mM (COURSE_SPEC).
    assert PRESETS["hypocalcaemia"].ca <= 0.8
    # Hyperkalaemia depolarises, hypokalaemia hyperpolarises (GHK; Jurkat-Rott et al. 2009).
    v = {key: resting_potential(ecf) for key, ecf in PRESETS.items()}
    assert v["severe_hypokalaemia"] < v["hypokalaemia"] < v["normal"] < v["hyperkalaemia"]


def test_dehydration_preset_follows_its_stated_assumption():
    # 3 L sweat with Na⁺ ≈ 43 and K⁺ ≈ 6 mM (Lara et al. 2016), 42 L body water, serum Na⁺ ≈
    # (Na_e + K_e)/TBW (Edelman et al. 1958), Cl⁻ concentrated by the same factor.
    na = (140.0 * 42.0 - 3.0 * (43.0 + 6.0)) / (42.0 - 3.0)
    ecf = PRESETS["dehydration_sweating"]
    assert ecf.na == pytest.approx(na, abs=0.5)
    assert ecf.cl == pytest.approx(102.0 * na / 140.0, abs=0.5)
    assert (ecf.k, ecf.ca, ecf.mg) == (Electrolytes().k, Electrolytes().ca, Electrolytes().mg)


# ---------------------------------------------------------------------------------------- quiz


def test_quiz_has_feedback_and_numbers_match_model():
    questions = load("electrolytes")
    assert len(questions) >= 3
    for q in questions:
        assert len(q.feedback) == len(q.options) and all(len(f) > 20 for f in q.feedback)
    # Q1 quotes −89 → −94 mV for K⁺ 4 → 3 mM and −79 mV at 6.5 mM (also Q8).
    assert "−89 → −94 mV" in questions[0].feedback[questions[0].correct]
    assert round(resting_potential(Electrolytes())) == -89
    assert round(resting_potential(PRESETS["hypokalaemia"])) == -94
    assert round(resting_potential(PRESETS["hyperkalaemia"])) == -79
    # Q2 quotes about −111 mV (GHK) versus −134 mV (E_K) at 1 mM.
    assert round(resting_potential(Electrolytes(k=1.0))) == -111
    assert round(nernst(1, 1.0, 150.0)) == -134
    # Q6 quotes the dehydration preset's Na⁺ of about 147 mM.
    assert round(PRESETS["dehydration_sweating"].na) == 147


def test_quiz_is_fair_options_carry_no_numbers_and_the_key_is_not_cued():
    # COURSE_SPEC "Learning design, version 2": the right option is not systematically first or longest,
    # and no option gives the answer away with a model number.
    questions = load("electrolytes")
    positions = [q.correct for q in questions]
    assert len(set(positions)) >= 3 and positions.count(0) <= len(questions) // 2
    longest = sum(len(q.options[q.correct]) == max(map(len, q.options)) for q in questions)
    assert longest <= len(questions) // 2
    for q in questions:
        if q.calculation:  # V3.5: a calculation question's options are numbers by design
            continue
        for option in q.options:
            assert not re.search(r"−\d|mV", option), option


def test_quiz_keys_follow_the_clinical_evidence():
    questions = load("electrolytes")
    tingling = next(q for q in questions if "thyroidectomy" in q.prompt)
    assert "Sensory axons" in tingling.options[tingling.correct]  # Mogyoros et al. 2000
    sweat = next(q for q in questions if "sweated out your calcium" in q.prompt)
    # sweating does not lower ionized Ca²⁺: a hormone (PTH) holds it steady
    assert sweat.options[sweat.correct].startswith("No: a hormone holds ionized Ca²⁺ steady")
    magnesium = next(q for q in questions if "magnesium sulfate" in q.prompt)
    assert "acetylcholine release" in magnesium.options[magnesium.correct]  # del Castillo & Engbaek 1954
    high_k = next(q for q in questions if "serum K⁺ reaches 7 mM" in q.prompt)
    assert "weakness" in high_k.options[high_k.correct] and "tetany" not in high_k.options[high_k.correct]



def test_task_answers_quote_the_model():
    # course/quizzes/electrolytes.toml [[task]]: every number in an answer is the model's (rounded to 0.1 mV).
    from course.quizzes import tasks

    answers = " ".join(t.answer for t in tasks("electrolytes"))
    normal, severe = Electrolytes(), PRESETS["severe_hypokalaemia"]
    quoted = [
        resting_potential(severe), nernst(1, severe.k, 150.0), resting_potential(normal), nernst(1, 4.0, 150.0),
        resting_potential(normal.replace(na=110.0)), resting_potential(normal.replace(na=170.0)),
        resting_potential(normal, chloride="acute"), resting_potential(normal.replace(k=2.5), chloride="acute"),
        resting_potential(normal.replace(k=2.5)), resting_potential(normal.replace(cl=80.0), chloride="acute"),
        resting_potential(normal.replace(cl=125.0), chloride="acute"), resting_potential(normal, 20.0),
        nernst(1, 4.0, 150.0, temp_c=20.0),
    ]
    for v in quoted:
        assert f"{v:.1f}".replace("-", "−") in answers, v
    gaps = [resting_potential(x) - nernst(1, x.k, 150.0) for x in (severe, normal)]
    assert f"gap of {gaps[0]:.1f} mV" in answers and f"the gap is {gaps[1]:.1f} mV" in answers

def test_k_slope_quoted_in_the_module_docstring():
    # electrolytes.py: "about 47 mV per tenfold change near normal values" (4 → 5 mM, steady-state Cl⁻).
    v4, v5 = resting_potential(Electrolytes(k=4.0)), resting_potential(Electrolytes(k=5.0))
    assert round((v5 - v4) / math.log10(5.0 / 4.0)) == 47
    assert "about 47 mV per tenfold" in el.__doc__


# ------------------------------------------------------------------------ preset notes (clinical picture)


def test_every_preset_has_a_note():
    assert set(PRESET_NOTES) == set(PRESETS)
    assert all(len(note.split()) >= 8 for note in PRESET_NOTES.values())


def test_preset_notes_never_blame_sweating_for_low_calcium_or_magnesium():
    # COURSE_SPEC "Evidence rules": sweating and dehydration do not lower blood Ca²⁺ or Mg²⁺.
    for key, note in PRESET_NOTES.items():
        if key != "dehydration_sweating":
            assert "sweat" not in note.lower(), key
    assert "Ca²⁺ and Mg²⁺ stay normal" in PRESET_NOTES["dehydration_sweating"]
    causes = PRESET_NOTES["hypocalcaemia"]
    for cause in ("parathyroid", "vitamin D", "Mg²⁺", "alkalosis", "citrate"):
        assert cause in causes
    assert "tingling first" in causes


def test_magnesium_note_names_the_junction_and_the_pth_link():
    # del Castillo & Engbaek 1954 (antagonist of Ca²⁺-triggered release); low Mg²⁺ impairs PTH → low Ca²⁺.
    note = PRESET_NOTES["hypomagnesaemia"]
    assert "like Ca²⁺ but weaker" not in note
    assert "transmitter release" in note and "PTH" in note and "less than Ca²⁺" in note


def test_potassium_notes_match_the_clinical_picture():
    # Krishnan et al. 2005: hyperkalaemia → depolarisation and weakness, not tetany.
    high = PRESET_NOTES["hyperkalaemia"]
    assert "weak" in high and "does not cause tetany" in high
    low = PRESET_NOTES["hypokalaemia"]
    assert "cramps" in low and "alkalosis" in low and "leaves out" in low
    assert "rhabdomyolysis" in PRESET_NOTES["severe_hypokalaemia"]


def test_module_exports():
    for name in el.__all__:
        assert hasattr(el, name)
