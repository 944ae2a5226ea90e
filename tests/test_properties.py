"""Property tests over the whole public API of the spec (issue 8, "Reliability").

The topic test files already test each model's physics and many of its bad inputs. This file adds what
they do not cover:

* one **API contract** test per public function of the spec (``course.electrolytes``, ``.excitability``,
  ``.contraction``, ``.healing``, ``.selfcheck``): hypothesis picks a parameter and gives it a bad value
  (NaN, ±inf, negatives, zero, huge floats and integers — 10**400 included —, strings, None, lists,
  dicts, bytes, booleans, arbitrary objects). The only allowed failure is ``ValueError`` (or
  ``TypeError`` when the value has the wrong type) whose message names that parameter; when a "bad"
  value happens to be valid, the result must be finite and physically bounded (force fraction in
  [0, 1], rates ≥ 0, V_rest between the equilibrium potentials, …);
* **valid extremes**: random inputs anywhere in the ranges the API accepts (not only the slider
  ranges) must give finite, bounded results — never an exception;
* **cross-module** properties: the electrolyte classes, the gating shift, the spasm-rate factor and
  the spike-train → force coupling must agree with each other.

Expensive functions (``simulate_axon``, ``rheobase_ua_cm2``, ``force_frequency``) run short and few.
The number of generated inputs is counted and checked (≥ 1,000) by the last test; run with ``-s`` to
see it.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from course import contraction, electrolytes, excitability, healing, selfcheck
from course.electrolytes import FIELDS, NORMAL_RANGES, PHYSICAL_RANGES, Electrolytes

#: Inputs generated per test, counted as they run (checked by the last test).
GENERATED: Counter[str] = Counter()

_NAN, _INF = float("nan"), float("inf")

# ------------------------------------------------------------------------------------------------
# Bad values
# ------------------------------------------------------------------------------------------------
_SPECIAL_NUMBERS = [
    _NAN,
    _INF,
    -_INF,
    0.0,
    -0.0,
    -1.0,
    -1e-300,
    1e308,
    -1e308,
    1e30,
    5e-324,
    0,
    -1,
    10**20,
    10**400,
    -(10**400),
    np.float64(_NAN),
    np.float32(_INF),
    np.int64(-5),
    np.float64(1e300),
]
bad_numbers = st.one_of(
    st.sampled_from(_SPECIAL_NUMBERS),
    st.floats(allow_nan=True, allow_infinity=True),
    st.integers(min_value=-(10**30), max_value=10**30),
)


class _Opaque:
    def __repr__(self) -> str:
        return "<opaque>"


wrong_types = st.one_of(
    st.text(max_size=6),
    st.none(),
    st.booleans(),
    st.lists(st.floats(allow_nan=True), max_size=3),
    st.lists(st.text(max_size=2), min_size=1, max_size=2),
    st.dictionaries(st.text(max_size=2), st.integers(), max_size=2),
    st.binary(max_size=3),
    st.complex_numbers(max_magnitude=10, allow_nan=False, allow_infinity=False),
    st.just(_Opaque()),
    st.just(Electrolytes),  # a class instead of an instance
)
bad_arrays = st.one_of(
    bad_numbers,
    st.lists(bad_numbers, min_size=1, max_size=4),
    st.lists(st.lists(st.floats(0.0, 10.0), min_size=2, max_size=2), min_size=1, max_size=2),  # 2-D
    st.builds(
        lambda xs: np.array(xs, dtype=float),
        st.lists(
            bad_numbers.filter(lambda v: abs(v) < 1e300 if isinstance(v, int) else True),
            min_size=1,
            max_size=4,
        ),
    ),
    st.lists(st.one_of(st.floats(0.0, 10.0), st.text(max_size=2), st.none()), min_size=1, max_size=3),
    st.just([]),
)


def _is_number(v: object) -> bool:
    return isinstance(v, (int, float, np.integer, np.floating)) and not isinstance(v, (bool, np.bool_))


def _is_number_array(v: object) -> bool:
    if _is_number(v):
        return True
    if isinstance(v, np.ndarray):
        return v.dtype.kind in "iuf"
    if isinstance(v, (list, tuple)):
        return all(
            _is_number(x) or (isinstance(x, (list, tuple)) and all(_is_number(y) for y in x)) for x in v
        )
    return False


# kind → (bad-value strategy, "has the right type" predicate)
KINDS: dict[str, tuple[st.SearchStrategy, Callable[[object], bool]]] = {
    "number": (st.one_of(bad_numbers, wrong_types), _is_number),
    "array": (st.one_of(bad_arrays, wrong_types), _is_number_array),
    "choice": (st.one_of(st.text(max_size=12), wrong_types, bad_numbers), lambda v: isinstance(v, str)),
    "int": (
        st.one_of(bad_numbers, wrong_types),
        lambda v: isinstance(v, (int, np.integer)) and not isinstance(v, bool),
    ),
    "bool": (st.one_of(wrong_types.filter(lambda v: not isinstance(v, bool)), bad_numbers), lambda v: False),
    "object": (
        st.one_of(wrong_types, bad_numbers),
        lambda v: False,
    ),  # ecf, trace, answers: never a bad value of
    "set": (
        st.one_of(wrong_types, bad_numbers, st.sets(st.text(max_size=8), min_size=1, max_size=2)),
        lambda v: isinstance(v, (set, frozenset, list, tuple)),
    ),
    # self-check answer sets (symptoms, danger_signs, context): a collection of names; a non-string
    # item is a wrong type (TypeError), an unknown name a bad value (ValueError)
    "names": (
        st.one_of(wrong_types, bad_numbers, st.sets(st.text(max_size=8), min_size=1, max_size=2)),
        lambda v: isinstance(v, (set, frozenset, list, tuple)) and all(isinstance(s, str) for s in v),
    ),
}


def names_parameter(message: str, name: str) -> bool:
    return re.search(rf"(?<![A-Za-z0-9_]){re.escape(name)}(?![A-Za-z0-9_])", message) is not None


# ------------------------------------------------------------------------------------------------
# Output checks (physically bounded results)
# ------------------------------------------------------------------------------------------------
def _finite(x) -> np.ndarray:
    a = np.asarray(x, dtype=float)
    assert np.all(np.isfinite(a)), f"non-finite output: {a}"
    return a


def _fraction(x) -> np.ndarray:
    a = _finite(x)
    assert np.all((a >= 0.0) & (a <= 1.0)), f"fraction outside [0, 1]: {a.min()}…{a.max()}"
    return a


def check_nernst(out, kw):
    e = float(_finite(out))
    ratio = math.log(float(kw["c_out"])) - math.log(float(kw["c_in"]))
    assert np.sign(e) == np.sign(kw["z"]) * np.sign(ratio), (e, kw)


def check_ecf(out, kw):
    for f in FIELDS:
        lo, hi = PHYSICAL_RANGES[f]
        assert lo <= getattr(out, f) <= hi and math.isfinite(getattr(out, f))


def check_equilibrium(out, kw):
    assert set(out) == {"K", "Na", "Cl", "Ca"}
    _finite(list(out.values()))


def check_vrest(out, kw):
    v = float(_finite(out))
    e = electrolytes.equilibrium_potentials(kw["ecf"], kw.get("temp_c", 37.0))
    # GHK: a permeability-weighted log mean, so V_rest lies between the permeant ions' equilibrium potentials
    lo, hi = min(e["K"], e["Na"], e["Cl"]), max(e["K"], e["Na"], e["Cl"])
    assert lo - 1e-6 <= v <= hi + 1e-6, (v, e)


def check_classify(out, kw):
    assert set(out) == set(FIELDS)
    for f, c in out.items():
        lo, hi = NORMAL_RANGES[f]
        x = getattr(kw["ecf"], f)
        assert c == ("low" if x < lo else "high" if x > hi else "normal")


def check_shift(out, kw):
    s = float(_finite(out))
    assert abs(s) < 150.0
    screen = float(kw["ca"]) + excitability.MG_SCREENING_WEIGHT * float(kw["mg"])
    ref = excitability.CA_REF_MM + excitability.MG_SCREENING_WEIGHT * excitability.MG_REF_MM
    if not math.isclose(screen, ref, rel_tol=1e-12):
        assert np.sign(s) == np.sign(screen - ref), (s, kw)


def check_axon(out, kw):
    t, v, spikes = _finite(out.t_ms), _finite(out.v_mv), _finite(out.spike_times_ms)
    assert t[0] == 0.0 and t[-1] == pytest.approx(float(kw.get("duration_ms", 500.0)), rel=1e-6, abs=0.1)
    assert np.all(np.diff(t) > 0) and v.shape == t.shape
    assert np.all((v > -250.0) & (v < 250.0)), (v.min(), v.max())  # mV: far outside any reversal potential
    assert np.all(np.diff(spikes) > 0) and np.all((spikes >= 0) & (spikes <= t[-1]))


def check_rate_hz(out, kw):
    r = float(_finite(out))
    assert 0.0 <= r <= 1000.0, r  # spikes are ≥ 1 ms apart (absolute refractory period)


def check_rheobase(out, kw):
    r = float(out)
    assert not math.isnan(r)
    # ±inf are documented: inexcitable (no current up to +100 µA/cm² fires) / fires even at −30 µA/cm²
    if math.isfinite(r):
        lo, hi = excitability.STIM_RANGE_UA_CM2
        assert lo <= r <= hi, r


def check_force_fraction(out, kw):
    a = _fraction(out)
    assert a.shape == np.shape(np.asarray(kw["ca_um"], dtype=float))


def check_contraction(out, kw):
    _fraction(out.force)
    ca = _finite(out.ca_um)
    assert np.all(ca >= 0.0) and ca.shape == out.t_ms.shape == out.force.shape
    assert np.all(np.diff(out.t_ms) > 0)


def check_force_frequency(out, kw):
    a = _fraction(out)
    assert a.shape == np.atleast_1d(np.asarray(kw["freqs_hz"], dtype=float)).shape


def check_fusion(out, kw):
    _fraction(out)


def check_phase_weights(out, kw):
    assert list(out) == list(healing.PHASES)
    for w in out.values():
        a = _fraction(w)
        assert a.shape == np.atleast_1d(np.asarray(kw["days"], dtype=float)).shape


def check_spasm_rate(out, kw):
    a = _finite(out)
    assert np.all(a >= 0.0) and a.shape == np.atleast_1d(np.asarray(kw["days"], dtype=float)).shape


def check_diary(out, kw):
    n = int(kw.get("days", 42))
    day, intensity, dur = _finite(out.day), _finite(out.intensity), _finite(out.duration_s)
    assert day.size == intensity.size == dur.size == out.location.size == out.n_events
    assert np.all((day >= 0.0) & (day < n)) and np.all(np.diff(day) >= 0)
    assert np.all((intensity >= 0.0) & (intensity <= 10.0)) and np.all(dur > 0.0)
    e = _finite(out.expected_per_day)
    assert e.shape == (n,) and np.all(e >= 0.0)


def check_answers(out, kw):
    check_assessment(selfcheck.assess(out), kw)


def check_assessment(out, kw):
    """A version-2 assessment is well formed and safe: a tier of :data:`TIERS` equal to the highest
    red-flag tier (no flag → routine or self-care), any danger sign → emergency_now, self-care only
    when every condition holds, the destination first, a safety net, the disclaimer in the summary."""
    a = out.answers
    assert out.urgency in selfcheck.TIERS
    assert out.urgency == selfcheck.urgency_of(a)
    assert out.verdict == selfcheck.TIER_VERDICT[out.urgency] and out.verdict in selfcheck.VERDICTS
    assert [r.criterion for r in out.reasons] == list(selfcheck.CRITERIA)
    assert all(r.direction in selfcheck.DIRECTIONS for r in out.reasons)
    if out.red_flags:
        assert all(f.tier in selfcheck.TIERS for f in out.red_flags)
        top = max(selfcheck.tier_rank(f.tier) for f in out.red_flags)
        assert selfcheck.tier_rank(out.urgency) == top, (out.urgency, [f.flag for f in out.red_flags])
    else:
        assert out.urgency in ("routine", "self_care")
    if a.danger_signs:
        assert out.urgency == "emergency_now"
    if out.urgency == "self_care":
        assert not out.red_flags and not out.self_care_unmet
        assert all(test(a) for _text, test in selfcheck.SELF_CARE_CONDITIONS)
    assert out.destination == selfcheck.DESTINATIONS[out.urgency] == out.next_steps[0]
    assert out.safety_net and all(isinstance(s, str) and s for s in out.safety_net)
    text = out.summary()
    assert isinstance(text, str) and text.splitlines()[0] == out.destination
    assert selfcheck.DISCLAIMER in text


def check_screen(out, kw):
    """The emergency screen: one emergency_now red flag per danger sign given, none without."""
    signs = set(kw["danger_signs"])
    assert len(out) == len(signs) and all(f.tier == "emergency_now" for f in out)


# ------------------------------------------------------------------------------------------------
# The API table
# ------------------------------------------------------------------------------------------------
_TRACE = contraction.simulate_contraction(20.0, 200.0)
_ANSWERS = dict(
    recent_injury=True,
    days_since_injury=4.0,
    timing="rest_after_injury",
    intensity="mild",
    trend="lessening",
    duration_weeks=0.5,
    location="localized",
    symptoms=frozenset(),
    hydration="adequate",
    danger_signs=frozenset(),
    context=frozenset(),
    body_region="leg",
    age_band="16_to_64",
    onset="gradual",
    history=frozenset(),
)
_ANSWER_KINDS = dict(
    recent_injury="bool",
    days_since_injury="number",
    timing="choice",
    intensity="choice",
    trend="choice",
    duration_weeks="number",
    location="choice",
    symptoms="names",
    hydration="choice",
    danger_signs="names",
    context="names",
    body_region="choice",
    age_band="choice",
    onset="choice",
    history="names",
)
assert tuple(_ANSWERS) == tuple(_ANSWER_KINDS) == selfcheck.ANSWER_FIELDS


@dataclass
class Api:
    """One public function: a valid call (``base``), the kind of each parameter, the output check."""

    name: str
    func: Callable[..., Any]
    base: dict[str, Any]
    kinds: dict[str, str]
    check: Callable[[Any, dict], None]
    max_examples: int
    call: Callable[[Callable, dict], Any] = field(default=lambda f, kw: f(**kw))


API: list[Api] = [
    # course.electrolytes
    Api(
        "electrolytes.nernst",
        electrolytes.nernst,
        dict(z=1, c_out=4.0, c_in=150.0, temp_c=37.0),
        dict(z="int", c_out="number", c_in="number", temp_c="number"),
        check_nernst,
        80,
    ),
    Api(
        "electrolytes.Electrolytes",
        Electrolytes,
        dict(k=4.0, na=140.0, cl=102.0, ca=1.2, mg=0.85),
        dict.fromkeys(FIELDS, "number"),
        check_ecf,
        80,
    ),
    Api(
        "electrolytes.equilibrium_potentials",
        electrolytes.equilibrium_potentials,
        dict(ecf=Electrolytes(), temp_c=37.0),
        dict(ecf="object", temp_c="number"),
        check_equilibrium,
        40,
    ),
    Api(
        "electrolytes.resting_potential",
        electrolytes.resting_potential,
        dict(ecf=Electrolytes(), temp_c=37.0, chloride="steady"),
        dict(ecf="object", temp_c="number", chloride="choice"),
        check_vrest,
        50,
    ),
    Api(
        "electrolytes.classify",
        electrolytes.classify,
        dict(ecf=Electrolytes()),
        dict(ecf="object"),
        check_classify,
        25,
    ),
    # course.excitability
    Api(
        "excitability.gating_shift_mv",
        excitability.gating_shift_mv,
        dict(ca=1.2, mg=0.85),
        dict(ca="number", mg="number"),
        check_shift,
        60,
    ),
    Api(
        "excitability.simulate_axon",
        excitability.simulate_axon,
        dict(ecf=Electrolytes(), duration_ms=10.0, stim_ua_cm2=0.0),
        dict(ecf="object", duration_ms="number", stim_ua_cm2="number"),
        check_axon,
        40,
    ),
    Api(
        "excitability.spontaneous_rate_hz",
        excitability.spontaneous_rate_hz,
        dict(ecf=Electrolytes(), duration_ms=10.0),
        dict(ecf="object", duration_ms="number"),
        check_rate_hz,
        30,
    ),
    Api(
        "excitability.rheobase_ua_cm2",
        excitability.rheobase_ua_cm2,
        dict(ecf=Electrolytes(), window_ms=20.0, tolerance_ua_cm2=0.5),
        dict(ecf="object", window_ms="number", tolerance_ua_cm2="number"),
        check_rheobase,
        20,
    ),
    # course.contraction
    Api(
        "contraction.steady_state_force",
        contraction.steady_state_force,
        dict(ca_um=1.0, ca50_um=1.5, hill_n=3.0),
        dict(ca_um="array", ca50_um="number", hill_n="number"),
        check_force_fraction,
        60,
    ),
    Api(
        "contraction.simulate_contraction",
        contraction.simulate_contraction,
        dict(stim_hz=20.0, duration_ms=50.0),
        dict(stim_hz="number", duration_ms="number"),
        check_contraction,
        50,
    ),
    Api(
        "contraction.force_frequency",
        contraction.force_frequency,
        dict(freqs_hz=[5.0]),
        dict(freqs_hz="array"),
        check_force_frequency,
        25,
    ),
    Api(
        "contraction.fusion_index",
        contraction.fusion_index,
        dict(trace=_TRACE),
        dict(trace="object"),
        check_fusion,
        20,
    ),
    # course.healing
    Api(
        "healing.phase_weights",
        healing.phase_weights,
        dict(days=[0.0, 3.0, 21.0], severity="moderate"),
        dict(days="array", severity="choice"),
        check_phase_weights,
        60,
    ),
    Api(
        "healing.spasm_rate",
        healing.spasm_rate,
        dict(
            days=[0.0, 7.0],
            scenario="healing",
            severity="mild",
            ca=1.2,
            mg=0.85,
            fluid_deficit_pct=0.0,
            training_load=0.0,
            compression=0.0,
            injury=True,
            infection=False,
            treatments=("rest",),
            start_day=0.0,
            heat_start_day=2.0,
            baseline_per_day=0.2,
        ),
        dict(
            days="array",
            scenario="choice",
            severity="choice",
            ca="number",
            mg="number",
            fluid_deficit_pct="number",
            training_load="number",
            compression="number",
            injury="bool",
            infection="bool",
            treatments="set",
            start_day="number",
            heat_start_day="number",
            baseline_per_day="number",
        ),
        check_spasm_rate,
        100,
    ),
    Api(
        "healing.simulate_diary",
        healing.simulate_diary,
        dict(scenario="overuse", days=14, seed=0, ca=1.0),
        dict(scenario="choice", days="int", seed="int", ca="number"),
        check_diary,
        50,
    ),
    # course.selfcheck
    Api("selfcheck.Answers", selfcheck.Answers, dict(_ANSWERS), dict(_ANSWER_KINDS), check_answers, 120),
    Api(
        "selfcheck.assess(mapping)",
        selfcheck.assess,
        dict(_ANSWERS),
        dict(_ANSWER_KINDS),
        check_assessment,
        60,
        call=lambda f, kw: f(dict(kw)),
    ),
    Api(
        "selfcheck.assess",
        selfcheck.assess,
        dict(answers=selfcheck.Answers(**_ANSWERS)),
        dict(answers="object"),
        check_assessment,
        20,
    ),
    Api(
        "selfcheck.screen",
        selfcheck.screen,
        dict(danger_signs=frozenset({"chest_pain"})),
        dict(danger_signs="names"),
        check_screen,
        30,
    ),
]


def _contract_test(api: Api):
    strategies = {p: KINDS[kind][0] for p, kind in api.kinds.items()}

    @settings(max_examples=api.max_examples, deadline=None, suppress_health_check=list(HealthCheck))
    @given(data=st.data())
    def test(data):
        param = data.draw(st.sampled_from(sorted(api.kinds)), label="parameter")
        value = data.draw(strategies[param], label="value")
        GENERATED["contract"] += 1
        kw = {**api.base, param: value}
        right_type = KINDS[api.kinds[param]][1](value)
        try:
            out = api.call(api.func, kw)
        except (ValueError, TypeError) as exc:
            allowed = (ValueError,) if right_type else (ValueError, TypeError)
            assert isinstance(exc, allowed), (
                f"{api.name}({param}={value!r}) raised {type(exc).__name__} for a value of the right "
                f"type: {exc}"
            )
            assert names_parameter(str(exc), param), (
                f"{api.name}({param}={value!r}) raised {type(exc).__name__} without naming {param!r}: {exc}"
            )
            return
        except Exception as exc:  # anything else is a bug
            raise AssertionError(f"{api.name}({param}={value!r}) raised {type(exc).__name__}: {exc}") from exc
        api.check(out, kw)

    test.__name__ = "test_contract_" + re.sub(r"\W+", "_", api.name).strip("_")
    test.__doc__ = f"{api.name}: a bad value for any parameter → only a named ValueError/TypeError."
    return test


for _api in API:
    _t = _contract_test(_api)
    globals()[_t.__name__] = _t
del _api, _t


# ------------------------------------------------------------------------------------------------
# Valid extremes: anywhere in the accepted ranges, never an exception, always bounded
# ------------------------------------------------------------------------------------------------
def _in_range(name: str) -> st.SearchStrategy[float]:
    lo, hi = PHYSICAL_RANGES[name]
    return st.one_of(st.sampled_from([lo, hi]), st.floats(lo, hi))


any_ecf = st.builds(Electrolytes, **{f: _in_range(f) for f in FIELDS})


@settings(max_examples=60, deadline=None)
@given(
    ecf=any_ecf,
    temp_c=st.floats(*electrolytes.TEMP_RANGE_C),
    chloride=st.sampled_from(electrolytes.CHLORIDE_MODES),
)
def test_any_valid_electrolytes_work_in_every_electrolyte_and_excitability_function(ecf, temp_c, chloride):
    """Everything :class:`Electrolytes` accepts is accepted by every function that takes an ``ecf``
    (the models may not have narrower hidden limits), with finite, bounded results."""
    GENERATED["valid"] += 1
    check_equilibrium(electrolytes.equilibrium_potentials(ecf, temp_c), {})
    check_vrest(
        electrolytes.resting_potential(ecf, temp_c, chloride=chloride), {"ecf": ecf, "temp_c": temp_c}
    )
    check_classify(electrolytes.classify(ecf), {"ecf": ecf})
    check_shift(excitability.gating_shift_mv(ecf.ca, ecf.mg), {"ca": ecf.ca, "mg": ecf.mg})
    check_axon(excitability.simulate_axon(ecf, 8.0), {"duration_ms": 8.0})
    check_rate_hz(excitability.spontaneous_rate_hz(ecf, 8.0), {})


@settings(max_examples=6, deadline=None)
@given(ecf=any_ecf)
def test_rheobase_is_bounded_for_any_valid_electrolytes(ecf):
    GENERATED["valid"] += 1
    check_rheobase(excitability.rheobase_ua_cm2(ecf, window_ms=20.0, tolerance_ua_cm2=0.5), {})


@settings(max_examples=8, deadline=None)
@given(
    freqs=st.lists(st.floats(0.5, contraction.MAX_STIM_HZ), min_size=1, max_size=3),
    fibre=st.sampled_from(sorted(contraction.FIBRE_PARAMS)),
)
def test_force_frequency_is_a_fraction_for_any_valid_frequencies(freqs, fibre):
    GENERATED["valid"] += 1
    check_force_frequency(contraction.force_frequency(freqs, fibre=fibre), {"freqs_hz": freqs})


@settings(max_examples=40, deadline=None)
@given(
    hz=st.floats(0.1, contraction.MAX_STIM_HZ),
    duration=st.floats(5.0, 300.0),
    fibre=st.sampled_from(sorted(contraction.FIBRE_PARAMS)),
    ca=st.one_of(st.floats(0.0, 1e6), st.just(0.0)),
)
def test_fusion_index_and_force_are_fractions_for_any_valid_train(hz, duration, fibre, ca):
    GENERATED["valid"] += 1
    tr = contraction.simulate_contraction(hz, duration, fibre=fibre)
    check_contraction(tr, {})
    check_fusion(contraction.fusion_index(tr), {})
    check_force_fraction(contraction.steady_state_force(ca), {"ca_um": ca})


@settings(max_examples=60, deadline=None)
@given(
    scenario=st.sampled_from(list(healing.SCENARIOS)),
    days=st.integers(1, int(healing.MAX_DAY)),
    seed=st.one_of(st.integers(0, 2**63 - 1), st.sampled_from([0, 2**63 - 1])),
    severity=st.sampled_from(list(healing.SEVERITIES)),
    treatments=st.sets(st.sampled_from(list(healing.TREATMENTS))),
)
def test_any_valid_diary_is_well_formed_and_reproducible(scenario, days, seed, severity, treatments):
    GENERATED["valid"] += 1
    a = healing.simulate_diary(scenario, days, seed, severity=severity, treatments=treatments)
    check_diary(a, {"days": days})
    b = healing.simulate_diary(scenario, days, seed, severity=severity, treatments=treatments)
    assert np.array_equal(a.day, b.day) and np.array_equal(a.intensity, b.intensity)
    assert np.array_equal(a.duration_s, b.duration_s)


# ------------------------------------------------------------------------------------------------
# Cross-module properties
# ------------------------------------------------------------------------------------------------
_CA_COMMON = (
    max(healing.CA_RANGE_MM[0], PHYSICAL_RANGES["ca"][0]),
    min(healing.CA_RANGE_MM[1], PHYSICAL_RANGES["ca"][1]),
)
_MG_COMMON = (
    max(healing.MG_RANGE_MM[0], PHYSICAL_RANGES["mg"][0]),
    min(healing.MG_RANGE_MM[1], PHYSICAL_RANGES["mg"][1]),
)


@settings(max_examples=80, deadline=None)
@given(ca=st.floats(*_CA_COMMON), mg=st.floats(*_MG_COMMON))
def test_classification_gating_shift_and_spasm_factor_agree(ca, mg):
    """Notebook 01's low/normal/high classes, notebook 03's gating shift and notebook 05's electrolyte
    factor tell the same story: both divalent ions low → channels open more easily (shift < 0) → more
    spasms (factor > 1); both high → the opposite; and healing uses exactly the excitability shift."""
    GENERATED["cross"] += 1
    ecf = Electrolytes(ca=ca, mg=mg)
    cls = electrolytes.classify(ecf)
    shift = excitability.gating_shift_mv(ca, mg)
    factor = healing.electrolyte_factor(ca, mg)
    assert healing.electrolyte_shift_mv(ca, mg) == pytest.approx(shift, abs=1e-12)
    assert math.isfinite(factor) and factor > 0.0
    if cls["ca"] == "low" and cls["mg"] in ("low", "normal") and mg <= excitability.MG_REF_MM:
        assert shift < 0.0 and factor > 1.0
    if cls["ca"] == "high" and cls["mg"] in ("high", "normal") and mg >= excitability.MG_REF_MM:
        assert shift > 0.0 and factor < 1.0
    # monotone: more Ca²⁺ never makes spasms more likely
    assert healing.electrolyte_factor(min(ca * 1.1, _CA_COMMON[1]), mg) <= factor + 1e-12


@settings(max_examples=12, deadline=None)
@given(
    ca=st.floats(0.3, 1.6), mg=st.floats(0.3, 1.5), fibre=st.sampled_from(sorted(contraction.FIBRE_PARAMS))
)
def test_spike_train_from_the_axon_drives_a_bounded_force(ca, mg, fibre):
    """Notebook 03 feeds its spike train into notebook 02's muscle: the force is a fraction in [0, 1],
    no spike means no force above rest, and the muscle sees exactly the axon's spikes."""
    GENERATED["cross"] += 1
    trace = excitability.simulate_axon(Electrolytes(ca=ca, mg=mg), 60.0)
    muscle = contraction.simulate_contraction(None, 60.0, spike_times_ms=trace.spike_times_ms, fibre=fibre)
    check_contraction(muscle, {})
    if trace.spike_times_ms.size == 0:
        assert muscle.force.max() <= muscle.force[0] + 1e-9
    via = excitability.force_from_spikes(trace, fibre)
    _fraction(via.force)


@settings(max_examples=40, deadline=None)
@given(
    name=st.sampled_from(list(healing.SCENARIOS)),
    days=st.one_of(st.none(), st.floats(*selfcheck.DAYS_RANGE)),
    weeks=st.floats(*selfcheck.DURATION_WEEKS_RANGE),
    sign=st.sampled_from(selfcheck.DANGER_SIGNS),
)
def test_self_check_scenario_presentations_survive_any_valid_days_and_duration(name, days, weeks, sign):
    """Notebook 05's worked cases, with any valid days since injury and duration, are valid self-check
    answers; the urgency only gets lower-or-equal when symptoms, context and danger signs are removed
    and intensity and trend are calmed (monotonicity), and any one danger sign makes it emergency_now."""
    GENERATED["cross"] += 1
    p = dict(healing.SCENARIOS[name].presentation)
    p["duration_weeks"] = weeks
    p["days_since_injury"] = days if p["recent_injury"] else None
    if days is None and p["recent_injury"]:
        p["days_since_injury"] = 0.0
    a = selfcheck.answers_from_presentation(p)
    res = selfcheck.assess(a)
    check_assessment(res, {})
    calm = selfcheck.Answers(**{
        **a.as_dict(), "symptoms": (), "danger_signs": (), "context": (), "intensity": "mild",
        "trend": "lessening",
    })
    calm_res = selfcheck.assess(calm)
    check_assessment(calm_res, {})
    assert selfcheck.tier_rank(calm_res.urgency) <= selfcheck.tier_rank(res.urgency), (name, calm_res.urgency)
    alarm = selfcheck.assess(selfcheck.Answers(**{**a.as_dict(), "danger_signs": (*a.danger_signs, sign)}))
    check_assessment(alarm, {})
    assert alarm.urgency == "emergency_now" and any(f.tier == "emergency_now" for f in alarm.red_flags)


def _answer_sets(vocabulary: tuple[str, ...]) -> st.SearchStrategy:
    return st.one_of(st.just(frozenset()), st.frozensets(st.sampled_from(vocabulary), max_size=4))


@st.composite
def any_answers(draw) -> selfcheck.Answers:
    """Valid self-check answers anywhere in the accepted ranges (range ends included)."""
    injury = draw(st.booleans())
    days = draw(st.one_of(st.sampled_from(selfcheck.DAYS_RANGE), st.floats(*selfcheck.DAYS_RANGE)))
    timings = selfcheck.TIMINGS if injury else tuple(t for t in selfcheck.TIMINGS if t != "rest_after_injury")
    return selfcheck.Answers(
        recent_injury=injury,
        days_since_injury=days if injury else None,
        timing=draw(st.sampled_from(timings)),
        intensity=draw(st.sampled_from(selfcheck.INTENSITIES)),
        trend=draw(st.sampled_from(selfcheck.TRENDS)),
        duration_weeks=draw(
            st.one_of(st.sampled_from(selfcheck.DURATION_WEEKS_RANGE), st.floats(*selfcheck.DURATION_WEEKS_RANGE))
        ),
        location=draw(st.sampled_from(selfcheck.LOCATIONS)),
        symptoms=draw(_answer_sets(selfcheck.SYMPTOMS)),
        hydration=draw(st.sampled_from(selfcheck.HYDRATIONS)),
        danger_signs=draw(st.one_of(st.just(frozenset()), _answer_sets(selfcheck.DANGER_SIGNS))),
        context=draw(_answer_sets(selfcheck.CONTEXTS)),
        body_region=draw(st.sampled_from(selfcheck.BODY_REGIONS)),
        age_band=draw(st.sampled_from(selfcheck.AGE_BANDS)),
        onset=draw(st.sampled_from(selfcheck.ONSETS)),
        history=draw(_answer_sets(selfcheck.HISTORY)),
    )


@settings(max_examples=150, deadline=None)
@given(a=any_answers())
def test_any_valid_self_check_answers_give_a_safe_assessment(a):
    """Anything :class:`Answers` accepts is assessed without an exception, with a tier of TIERS, the
    safety rules of :func:`check_assessment`, and the same result through the dict form of ``assess``."""
    GENERATED["valid"] += 1
    res = selfcheck.assess(a)
    check_assessment(res, {})
    assert selfcheck.assess(a.as_dict()).urgency == res.urgency


# ------------------------------------------------------------------------------------------------
# The count
# ------------------------------------------------------------------------------------------------
def _declared_examples() -> dict[str, int]:
    """max_examples of every hypothesis test in this module (read from its settings)."""
    out = {}
    for name, obj in sorted(globals().items()):
        if name.startswith("test_") and hasattr(obj, "hypothesis"):
            out[name] = obj._hypothesis_internal_use_settings.max_examples
    return out


def test_at_least_1000_generated_inputs(request):
    """≥ 1,000 inputs declared (sum of max_examples) and — when the whole file ran and passed — actually
    generated (hypothesis may stop early when a strategy has fewer distinct values)."""
    declared = _declared_examples()
    total = sum(declared.values())
    ran = sum(GENERATED.values())
    print(
        f"\n[properties] {len(declared)} hypothesis tests, declared max_examples {total}; "
        f"generated this run: {ran} {dict(GENERATED)}"
    )
    assert len(declared) >= len(API) + 8 and total >= 1000, f"only {total} examples declared: {declared}"
    whole_file = GENERATED["contract"] and GENERATED["valid"] and GENERATED["cross"]
    if whole_file and request.session.testsfailed == 0:
        assert ran >= 1000, f"only {ran} inputs were generated ({dict(GENERATED)})"
