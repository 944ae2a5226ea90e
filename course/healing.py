"""Healing phases and the article's spasm hypothesis, beside the other causes of spasms: a teaching model.

This module turns the questions of notebooks 05 and 06 into numbers. **It is a model, not data.**
The repair phases and their timing are measured (mostly in animal injury models); the spasm-rate
curve built on them is **the source article's hypothesis** ("guarding spasms are part of the repair
and fade as it ends"), written down so that it can be looked at, varied and tested. No study has
counted spasms day by day after a strain, and the pain-adaptation literature points the other way:
pain usually *lowers* the activity of the painful muscle and raises that of its antagonists a little
(Lund et al. 1991, Can J Physiol Pharmacol 69:683; Murray & Peck 2007). "Guarding" after an injury
is a change of motor strategy driven by pain, fear of movement and voluntary bracing (Hodges &
Tucker 2011, Pain 152:S90), not tonic involuntary spasm. Surface EMG of the injured and uninjured
muscle at rest, recorded repeatedly over the weeks after a strain, would settle the question.

Every assumption is a named constant of this module (with its unit and where it comes from);
change one and every notebook, test and explorer follows.

The model in five steps
-----------------------
1. **Phases.** After a muscle strain three overlapping repair phases run (Laumonier & Menetrey 2016;
   Järvinen et al. 2005): *inflammation* (from hour 0, peak ≈ day 1–3, over by ≈ day 5–7),
   *proliferation/regeneration* (≈ day 2–3 to day 21–28; satellite cells active within a day,
   regenerating fibres day 5–14) and *remodeling* (from ≈ day 7–10 to 6 weeks and beyond). Each phase
   gets a smooth weight ``w(t) = (t/t_peak)^k · exp(k·(1 − t/t_peak))``: 0 on the day of injury,
   exactly 1 on its peak day, fading afterwards (:data:`PHASES`, :func:`phase_weights`).
2. **Severity.** Inflammation starts within hours whatever the size of the tear (neutrophils invade
   within hours; Tidball 2005), so its weight is the same for every grade. Severity lengthens the
   *later* phases: proliferation and remodelling are stretched by the patient's return-to-play time
   relative to grade 2 (22 days). MRI grade does not fix that time: it sets a distribution of it
   (Ekstrand et al. 2012, professional football: grade 1/2/3 → 17 ± 10, 22 ± 11, 73 ± 60 days; a
   log-normal with that mean and SD here), from which :func:`simulate_diary` and
   :func:`simulate_cohort` draw each virtual patient's day; grade explains little of one person's
   recovery time (Hamilton et al. 2017; Moen et al. 2014). Severity also sets the amplitude of the
   hypothesised guarding (:data:`SEVERITIES`).
3. **Sensitivity (the article's hypothesis).** Spasm-proneness relative to an uninjured muscle is
   ``S(t) = 1 + A·(1.0·I + 0.3·P + 0.1·R)``: the article's three phase "roles" written as weights
   (after the teaching form in PHYSIOLOGY_REFERENCE). Both the weights and ``A`` are assumptions.
4. **Modifiers** multiply the rate. Their physics comes from the other notebooks where possible:
   the electrolyte factor ``exp(−Δ/e)`` uses the Na⁺-channel gating shift ``Δ`` of
   :func:`course.excitability.gating_shift_mv` (notebook 03) and the e-fold ``e`` of that axon's own
   Na⁺ activation (m∞³) at its resting potential (:func:`electrolyte_efold_mv`); training load without rest
   (a Banister-type fatigue trace), nerve compression and infection (rising from about day 3) are
   simple named forms. **A fluid deficit changes nothing by default**: 3 % hypohydration did not
   change the electrically induced cramp threshold (Miller et al. 2010) and neither did 2 %
   (Lau et al. 2019). ``dehydration_hypothesis=True`` applies the article's claimed effect
   (:data:`DEHYDRATION_GAIN_PER_PCT`) so that claim and evidence can be shown side by side.
5. **Rate and diary.** Expected spasms per day ``= baseline × S(t) × Π modifiers``
   (:func:`spasm_rate`). :func:`simulate_diary` draws a seeded inhomogeneous Poisson diary (each
   spasm with an intensity 0–10 and a duration) and :func:`simulate_cohort` does the same for many
   virtual patients at once.

Treatments (:data:`TREATMENTS`) act on the same model: rest and controlled movement, fluids (drink
to thirst), cold early, heat after the acute phase, professional care (nerve, infection, low
Ca²⁺/Mg²⁺). Each carries its evidence (:attr:`Treatment.evidence`): the 48-hour heat/cold rule is a
convention with few trials, icing delayed regeneration in animal studies (Singh et al. 2017),
therapeutic ultrasound did not improve regeneration (Wilkin et al. 2004), and plain water in large
volumes risks hyponatraemia (Hew-Butler et al. 2015). :func:`recommended_treatments` and
:func:`treatment_advice` encode the article's timing rules with those notes.

All times are in days since the injury (or, for causes without an injury, since the problem
started). Rates are spasms per day.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from types import MappingProxyType
from typing import Any

import numpy as np

from course._checks import check_array, check_choice, check_number

__all__ = [
    "MAX_DAY",
    "BASELINE_PER_DAY",
    "Phase",
    "PHASES",
    "Severity",
    "SEVERITIES",
    "ACUTE_PHASE_DAYS",
    "Modifiers",
    "MODIFIER_NAMES",
    "Scenario",
    "SCENARIOS",
    "STRAIN_COMPLICATIONS",
    "Treatment",
    "TREATMENTS",
    "Advice",
    "Diary",
    "Cohort",
    "approx",
    "phase_weights",
    "dominant_phase",
    "phase_boundaries",
    "sensitivity",
    "electrolyte_efold_mv",
    "sample_return_to_play",
    "electrolyte_shift_mv",
    "electrolyte_factor",
    "hydration_factor",
    "rate_components",
    "spasm_rate",
    "expected_daily",
    "weekly_expected",
    "weekly_totals",
    "spasms_avoided",
    "recommended_treatments",
    "treatment_advice",
    "simulate_diary",
    "simulate_cohort",
]

# ----------------------------------------------------------------------------------------------
# Time axis and background rate
# ----------------------------------------------------------------------------------------------

#: Longest time the model accepts (days): one year.
MAX_DAY = 365.0

#: Background spasm rate of a person without any of the causes (spasms/day). ASSUMPTION: a round,
#: order-of-magnitude number (about 1–2 harmless twitches or cramps a week), not a measured value;
#: every result of the model scales with it, so comparisons are made *relative* to it.
BASELINE_PER_DAY = 0.2

#: Sub-steps per day used to integrate the rate (midpoint rule on an hourly grid; the error against
#: an adaptive integrator is < 0.1 % for every scenario — see tests/test_healing.py).
SUBSTEPS_PER_DAY = 24

#: The acute phase in the article's treatment advice: the first 48 hours after the injury (days).
ACUTE_PHASE_DAYS = 2.0


# ----------------------------------------------------------------------------------------------
# Phases
# ----------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Phase:
    """One repair phase after a muscle strain (times for a *moderate* strain, in days).

    ``start_day``–``end_day`` is the literature window in which the phase is active; ``peak_day``
    and ``shape`` define the smooth weight ``w(t) = (t/peak)^shape · exp(shape·(1 − t/peak))``
    (0 at t = 0, exactly 1 on the peak day). ``guarding_weight`` is how much this phase contributes
    to the hypothesised spasm-proneness (inflammation 1.0 = the reference). ``role`` is the role
    the source article gives the phase (its hypothesis, not physiology) and ``evidence`` what is
    known instead.
    """

    name: str
    title: str
    start_day: float
    peak_day: float
    end_day: float
    shape: float
    guarding_weight: float
    role: str
    description: str
    source: str
    evidence: str = ""


#: The three overlapping phases, in time order. Windows: Laumonier & Menetrey 2016 (J Exp Orthop
#: 3:15) and Järvinen et al. 2005 (Am J Sports Med 33:745). Peak days 1.5 / 6 / 21 follow the
#: teaching form in PHYSIOLOGY_REFERENCE (peaks near days 1.5, 6 and 20). Shapes (2, 3, 3) are
#: ASSUMPTIONS chosen so that each weight is small outside its window (e.g. inflammation 0.10 on
#: day 5 and 0.01 on day 7; proliferation 0.04 on day 21; remodeling 0.27 on day 7, 0.09 on day 60).
#: Guarding weights 1.0 / 0.3 / 0.1: teaching form of PHYSIOLOGY_REFERENCE (an assumption that writes
#: down the article's hypothesis; no study has counted spasms after a strain).
PHASES: Mapping[str, Phase] = MappingProxyType({
    "inflammation": Phase(
        name="inflammation",
        title="Inflammation",
        start_day=0.0,
        peak_day=1.5,
        end_day=5.0,
        shape=2.0,
        guarding_weight=1.0,
        role="article's hypothesis: irritated tissue makes the muscle spasm most (reflex guarding)",
        description=(
            "Bleeding stops, immune cells arrive (neutrophils within hours, macrophages over days 1–3) "
            "and clear the damaged fibres; the area is swollen and tender."
        ),
        source="Laumonier & Menetrey 2016; Järvinen et al. 2005",
        evidence=(
            "Nociceptors are sensitised, but pain usually lowers the activity of the painful muscle "
            "(pain adaptation: Lund et al. 1991); guarding is a change of motor strategy driven by pain, "
            "fear and voluntary bracing (Hodges & Tucker 2011)."
        ),
    ),
    "proliferation": Phase(
        name="proliferation",
        title="Proliferation / regeneration",
        start_day=3.0,
        peak_day=6.0,
        end_day=21.0,
        shape=3.0,
        guarding_weight=0.3,
        role="article's hypothesis: weak young fibres keep the muscle bracing",
        description=(
            "Satellite cells multiply and fuse into new fibres (myotubes from about day 3–7, regenerating "
            "fibres over days 5–14); a first scar bridges the gap."
        ),
        source="Laumonier & Menetrey 2016",
        evidence=(
            "No study links satellite-cell activity to spasms; bracing in this phase is mostly voluntary "
            "protection of a weak, painful muscle (Hodges & Tucker 2011)."
        ),
    ),
    "remodeling": Phase(
        name="remodeling",
        title="Remodeling",
        start_day=10.0,
        peak_day=21.0,
        end_day=90.0,
        shape=3.0,
        guarding_weight=0.1,
        role="article's hypothesis: nerve firing settles as strength returns",
        description=(
            "New fibres mature, collagen of the scar lines up with the load and the muscle regains its "
            "strength; scar maturation goes on for months."
        ),
        source="Laumonier & Menetrey 2016; Järvinen et al. 2005",
        evidence=(
            "Strength and load tolerance return over weeks; no measurement of 'recalibrating' nerve firing "
            "exists. Surface EMG at rest over the weeks after a strain would test the whole curve."
        ),
    ),
})


@dataclass(frozen=True)
class Severity:
    """How a strain's severity changes the model.

    ``return_to_play_days`` and ``return_to_play_sd_days`` are the mean and SD of return to play for
    the matching MRI grade (Ekstrand et al. 2012); a virtual patient's day is drawn from a log-normal
    distribution with that mean and SD (:func:`sample_return_to_play`). ``time_scale`` (mean return
    to play / 22 d) stretches the *later* phases, proliferation and remodelling, for a patient with
    the grade's mean; inflammation is not stretched (it starts within hours for every grade).
    ``guarding_gain`` is the amplitude ``A`` of the hypothesised sensitivity (an ASSUMPTION: bigger
    injuries guard harder; no published number exists).
    """

    name: str
    mri_grade: int
    return_to_play_days: float
    time_scale: float
    guarding_gain: float
    return_to_play_sd_days: float = 0.0


#: Ekstrand J et al. 2012, Br J Sports Med 46:112–117: return to play after hamstring injury by MRI
#: grade 1/2/3 = 17 ± 10, 22 ± 11 and 73 ± 60 days (mean ± SD, professional football). Guarding gains
#: 4/6/9 are teaching ASSUMPTIONS (peak sensitivity
#: roughly 5×/7×/10× the uninjured rate: invented numbers, quote them as "several-fold" at most).
SEVERITIES: Mapping[str, Severity] = MappingProxyType({
    "mild": Severity("mild", 1, 17.0, 17.0 / 22.0, 4.0, 10.0),
    "moderate": Severity("moderate", 2, 22.0, 1.0, 6.0, 11.0),
    "severe": Severity("severe", 3, 73.0, 73.0 / 22.0, 9.0, 60.0),
})
#: Return to play (days) of grade 2, the reference of the later phases' time scale.
REFERENCE_RETURN_TO_PLAY_DAYS = 22.0
#: Range (days) of a virtual patient's return to play: a draw beyond it is clipped (1 day to a year).
RETURN_TO_PLAY_RANGE_DAYS = (1.0, MAX_DAY)


def _lognormal(sev: Severity) -> tuple[float, float]:
    """(μ, σ) of the log-normal distribution with the grade's mean and SD of return to play."""
    cv = sev.return_to_play_sd_days / sev.return_to_play_days
    sigma = math.sqrt(math.log1p(cv * cv))
    return math.log(sev.return_to_play_days) - 0.5 * sigma * sigma, sigma


def sample_return_to_play(severity: str = "moderate", size: int | None = None, seed: int = 0) -> float | np.ndarray:
    """Return-to-play day(s) of virtual patients with this MRI grade: a seeded log-normal draw (days).

    The distribution has the grade's mean and SD (Ekstrand et al. 2012: 17 ± 10, 22 ± 11, 73 ± 60 days for
    grades 1/2/3), clipped to 1–365 days. ``size=None`` gives one number, otherwise an array of ``size``.
    The same ``seed`` gives the same draw as :func:`simulate_diary` makes for that seed.
    """
    sev = _severity(severity)
    rng = _rtp_rng(_seed(seed))
    if size is None:
        return float(_draw_rtp(rng, sev, 1)[0])
    n = int(check_number("size", size, 1, 10_000_000))
    return _draw_rtp(rng, sev, n)


def _rtp_rng(seed: int) -> np.random.Generator:
    """The random stream of return-to-play draws (separate from the diary's events, same seed)."""
    return np.random.default_rng([seed, 20120112])


def _draw_rtp(rng: np.random.Generator, sev: Severity, n: int) -> np.ndarray:
    mu, sigma = _lognormal(sev)
    return np.clip(np.exp(mu + sigma * rng.standard_normal(n)), *RETURN_TO_PLAY_RANGE_DAYS)


def _days(days: object) -> np.ndarray:
    try:
        arr = np.asarray(days)
        if arr.dtype.kind == "O":  # e.g. Python ints beyond int64: numbers, but held as objects
            arr = arr.astype(float)
        kind = arr.dtype.kind
    except OverflowError:
        return check_array("days", days, 0.0, MAX_DAY, "days")  # raises the out-of-range ValueError
    except (TypeError, ValueError) as exc:
        raise TypeError(f"days must be a number or a 1-D array of numbers (days), got {days!r}") from exc
    if kind not in "iuf":
        raise TypeError(
            f"days must be a number or a 1-D array of numbers (days) in [0, {MAX_DAY:g}], got {days!r}"
        )
    return check_array("days", days, 0.0, MAX_DAY, "days")


def _severity(severity: object) -> Severity:
    return SEVERITIES[check_choice("severity", severity, tuple(SEVERITIES))]


def _bump(t: np.ndarray, peak: float, shape: float) -> np.ndarray:
    """``(t/peak)^shape · exp(shape·(1 − t/peak))`` for t ≥ 0 (0 at t = 0, 1 at t = peak)."""
    x = t / peak
    out = np.zeros_like(x)
    pos = x > 0.0
    xp = x[pos]
    out[pos] = np.exp(shape * (np.log(xp) + 1.0 - xp))
    return out


def _weights(
    t: np.ndarray, sev: Severity, scale: float | None = None
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Phase weights; the later phases are stretched by ``scale`` (default: the grade's mean time scale)."""
    s = sev.time_scale if scale is None else scale
    i, p, r = (PHASES[n] for n in ("inflammation", "proliferation", "remodeling"))
    return (
        _bump(t, i.peak_day, i.shape),
        _bump(t, p.peak_day * s, p.shape),
        _bump(t, r.peak_day * s, r.shape),
    )


def phase_weights(days: object, severity: str = "moderate") -> dict[str, np.ndarray]:
    """Smooth weight (0…1, dimensionless) of each repair phase on each of ``days``.

    Parameters
    ----------
    days
        Days since the injury (scalar or 1-D array, 0–365 d).
    severity
        ``"mild"``, ``"moderate"`` or ``"severe"``: stretches the timeline (:data:`SEVERITIES`).

    Returns
    -------
    dict
        ``{"inflammation": w_I, "proliferation": w_P, "remodeling": w_R}``, each an array like
        ``days``. Each weight is 0 on day 0 and peaks at exactly 1 on its peak day: inflammation on
        day 1.5 for every grade; proliferation and remodelling on days 6 and 21 for a moderate strain,
        stretched by the grade's ``time_scale``. The weights are activities, not fractions: they
        overlap and do not sum to 1.
    """
    t = _days(days)
    w = _weights(t, _severity(severity))
    return dict(zip(PHASES, w, strict=True))


@lru_cache(maxsize=8)
def _boundaries(severity: str) -> tuple[float, float]:
    sev = SEVERITIES[severity]
    t = np.linspace(0.0, MAX_DAY, 36501)
    i, p, r = _weights(t, sev)
    dom = np.argmax(np.vstack([i, p, r]), axis=0)
    dom[0] = 0  # all weights are 0 on day 0: the injury starts with inflammation
    b1 = float(t[np.argmax(dom >= 1)])
    b2 = float(t[np.argmax(dom >= 2)])
    return b1, b2


def phase_boundaries(severity: str = "moderate") -> tuple[float, float]:
    """Days (0.01-d resolution) on which proliferation, then remodeling, becomes the largest weight.

    For a moderate strain ≈ (3.1, 12.9) d; later for a severe strain (its later phases are stretched).
    """
    return _boundaries(_severity(severity).name)


def dominant_phase(day: float, severity: str = "moderate") -> str:
    """Name of the phase with the largest weight on ``day`` (inflammation on day 0)."""
    d = check_number("day", day, 0.0, MAX_DAY, "days")
    b1, b2 = phase_boundaries(severity)
    return "inflammation" if d < b1 else ("proliferation" if d < b2 else "remodeling")


def sensitivity(days: object, severity: str = "moderate") -> np.ndarray:
    """Hypothesised spasm-proneness after a strain relative to an uninjured muscle (dimensionless, ≥ 1).

    ``S(t) = 1 + A · (1.0·w_I + 0.3·w_P + 0.1·w_R)`` with ``A`` the severity's guarding gain and
    ``w`` the phase weights (:func:`phase_weights`). No treatment, no other cause. This is the
    article's hypothesis written as a formula, not a measured quantity.
    """
    t = _days(days)
    sev = _severity(severity)
    wi, wp, wr = _weights(t, sev)
    g = _guarding(wi, wp, wr)
    return 1.0 + sev.guarding_gain * g


def _guarding(wi: np.ndarray, wp: np.ndarray, wr: np.ndarray) -> np.ndarray:
    i, p, r = (PHASES[n].guarding_weight for n in ("inflammation", "proliferation", "remodeling"))
    return i * wi + p * wp + r * wr


# ----------------------------------------------------------------------------------------------
# Modifier physics (each constant: unit, value, source or "ASSUMPTION")
# ----------------------------------------------------------------------------------------------

#: Normal ionized Ca²⁺ and serum Mg²⁺ (mM): the course defaults (course.electrolytes.Electrolytes).
NORMAL_CA_MM = 1.2
NORMAL_MG_MM = 0.85
#: Accepted ranges (mM) for the electrolyte modifiers: beyond anything compatible with life at the
#: low end, well above the normal range at the high end.
CA_RANGE_MM = (0.4, 2.0)
MG_RANGE_MM = (0.2, 2.0)

#: The e-fold of the spasm rate per mV of negative gating shift is not a constant of this module: it is
#: computed from the notebook-03 axon (:func:`electrolyte_efold_mv`, also readable as the module
#: attribute ``ELECTROLYTE_EFOLD_MV``), so it follows any change of that model's kinetics.
#: Upper cap of the electrolyte factor (dimensionless): beyond it the muscle is in tetany, and a
#: "rate of separate spasms" stops meaning anything. ASSUMPTION.
ELECTROLYTE_FACTOR_MAX = 30.0

#: Fluid-deficit range (% of body mass).
FLUID_DEFICIT_RANGE_PCT = (0.0, 8.0)
#: The ARTICLE'S CLAIM, not evidence: rise of the rate per % of body mass lost (1/%), so that a 3 %
#: deficit gives 2.8× the rate. Applied only with ``dehydration_hypothesis=True``. By default a fluid
#: deficit has no effect, as in the controlled studies: 3 % hypohydration alone did not change the
#: electrically induced cramp threshold (Miller et al. 2010, Med Sci Sports Exerc 42:2056), nor did
#: ≈ 2 % from exercise in the heat; plain water drunk afterwards *lowered* it and an oral
#: rehydration solution raised it (Lau et al. 2019, BMJ Open Sport Exerc Med 5:e000478).
#: Sweating and dehydration do not lower blood Ca²⁺ or Mg²⁺ (PTH defends ionized Ca²⁺).
DEHYDRATION_GAIN_PER_PCT = 0.6

#: Fatigue from training load without rest: the fatigue trace of the Banister impulse–response
#: model, dF/dt = (L − F)/τ, with τ = 15 d as in the original systems model (Calvert et al. 1976,
#: IEEE Trans Syst Man Cybern SMC-6:94; fitted fatigue time constants of elite swimmers: 19 d, 95 %
#: CI 6–32 d, Hellard et al. 2006, J Sports Sci 24:509). Load L is dimensionless: 1 = one hard
#: session every day without a rest day. The rate factor is 1 + 3·F (gain 3: ASSUMPTION, steady
#: state 4× the baseline at L = 1).
TRAINING_LOAD_RANGE = (0.0, 2.0)
FATIGUE_TAU_DAYS = 15.0
FATIGUE_GAIN = 3.0

#: Nerve compression (0 = none, 1 = severe, dimensionless). Irritated nerve roots fire ectopically;
#: ASSUMPTIONS: gain 5 (factor 1 + 5·N) and progressive sensitisation of the compressed nerve from
#: 60 % to 100 % of its full effect with a time constant of 14 d — so these spasms do not fade.
COMPRESSION_RANGE = (0.0, 1.0)
NERVE_GAIN = 5.0
NERVE_SENSITISATION_TAU_DAYS = 14.0
NERVE_INITIAL_FRACTION = 0.6

#: Infection of the injured area: burden X(t) = 1/(1 + exp(−(t − 3.8 d)/0.8 d)) — fever and swelling
#: from about day 3 (X = 0.27 on day 3, 0.82 on day 5). It adds to the inflammatory guarding with a
#: weight of 1.2 (ASSUMPTION: a persisting, slightly stronger inflammation) and does not fade without
#: treatment.
INFECTION_ONSET_DAY = 3.8
INFECTION_WIDTH_DAYS = 0.8
INFECTION_WEIGHT = 1.2

#: Treatment effects (ASSUMPTIONS, sized to teach the direction of each effect, not measured):
#: cold scales the inflammation term by 0.7 while used; heat scales it by 1.3 (more blood flow into
#: an acutely inflamed area) but relaxes guarding of the later phases (× 0.75); rest and controlled
#: movement scale all guarding by 0.85 and cut the training load to 30 % (gentle range-of-motion
#: work only); fluids remove a fluid deficit with τ = 0.5 d (which changes the rate only under the
#: article's hypothesis); professional care corrects low Ca²⁺/Mg²⁺ with τ = 3 d (calcium, vitamin D
#: or magnesium as prescribed after a blood test — drinks do not do this), relieves nerve compression
#: with τ = 14 d and clears an infection with τ = 2 d (e.g. drainage or antibiotics).
COLD_INFLAMMATION_FACTOR = 0.7
HEAT_INFLAMMATION_FACTOR = 1.3
HEAT_GUARDING_FACTOR = 0.75
REST_GUARDING_FACTOR = 0.85
REST_LOAD_FRACTION = 0.3
REHYDRATION_TAU_DAYS = 0.5
ELECTROLYTE_REPLETION_TAU_DAYS = 3.0
NERVE_RELIEF_TAU_DAYS = 14.0
INFECTION_CLEARANCE_TAU_DAYS = 2.0


@lru_cache(maxsize=1)
def electrolyte_efold_mv() -> float:
    """Shift (mV) of the Na⁺ gating curves that multiplies the subthreshold Na⁺ drive by e, from notebook 03.

    Below threshold the Na⁺ current rises along the foot of the m³ activation curve. This is
    ``1 / (d ln m∞³ / dV)`` of the notebook-03 axon (:mod:`course.excitability`: its own rate functions
    ``rate_constants``) at its resting potential with normal blood values (motor axon), taken by a
    central difference (±0.01 mV). A shift of the gates by Δ multiplies the drive by exp(−Δ/e).
    ASSUMPTION: the spasm rate scales like this subthreshold Na⁺ drive. ≈ 3.6 mV with the MRG kinetics.
    """
    from course import excitability as ex
    from course.electrolytes import Electrolytes

    v = ex.resting_potential_mv(Electrolytes()) - ex.gating_shift_mv(NORMAL_CA_MM, NORMAL_MG_MM)
    dv = 0.01
    r = ex.rate_constants(np.array([v - dv, v + dv]))
    ln_m3 = 3.0 * np.log(r["alpha_m"] / (r["alpha_m"] + r["beta_m"]))
    return float(2.0 * dv / (ln_m3[1] - ln_m3[0]))


def __getattr__(name: str) -> Any:
    if name == "ELECTROLYTE_EFOLD_MV":  # computed from the notebook-03 axon on first use
        return electrolyte_efold_mv()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def electrolyte_shift_mv(ca: float = NORMAL_CA_MM, mg: float = NORMAL_MG_MM) -> float:
    """Na⁺-channel gating shift (mV) at ionized Ca²⁺ ``ca`` and serum Mg²⁺ ``mg`` (mM).

    Taken from the excitability model of notebook 03 (:func:`course.excitability.gating_shift_mv`):
    0 at normal values, negative (easier firing) when Ca²⁺ or Mg²⁺ fall.
    """
    c = check_number("ca", ca, *CA_RANGE_MM, "mM")
    m = check_number("mg", mg, *MG_RANGE_MM, "mM")
    return _shift(c, m)


@lru_cache(maxsize=4096)
def _shift(ca: float, mg: float) -> float:
    from course.excitability import gating_shift_mv

    return float(gating_shift_mv(ca, mg))


def _electrolyte_factor_from_shift(shift_mv: np.ndarray | float) -> np.ndarray | float:
    return np.minimum(np.exp(-np.asarray(shift_mv) / electrolyte_efold_mv()), ELECTROLYTE_FACTOR_MAX)


def electrolyte_factor(ca: float = NORMAL_CA_MM, mg: float = NORMAL_MG_MM) -> float:
    """Multiplier of the spasm rate from the Ca²⁺/Mg²⁺ gating shift (dimensionless).

    ``exp(−Δ / e)`` (capped at 30) with ``Δ`` from :func:`electrolyte_shift_mv` and ``e`` the e-fold of
    the notebook-03 axon's Na⁺ activation (:func:`electrolyte_efold_mv`, ≈ 3.6 mV): 1 at normal
    values, > 1 when Ca²⁺ or Mg²⁺ are low, < 1 when they are high.
    """
    return float(_electrolyte_factor_from_shift(electrolyte_shift_mv(ca, mg)))


def hydration_factor(fluid_deficit_pct: float = 0.0, dehydration_hypothesis: bool = False) -> float:
    """Multiplier of the spasm rate from a fluid deficit (% body mass; dimensionless).

    1 whatever the deficit (the evidence: Miller et al. 2010; Lau et al. 2019). With
    ``dehydration_hypothesis=True`` the article's claim instead: ``1 + 0.6·deficit`` (2.8 at 3 %).
    """
    d = check_number("fluid_deficit_pct", fluid_deficit_pct, *FLUID_DEFICIT_RANGE_PCT, "% body mass")
    if _flag("dehydration_hypothesis", dehydration_hypothesis):
        return 1.0 + DEHYDRATION_GAIN_PER_PCT * d
    return 1.0


def _flag(name: str, value: object) -> bool:
    if not isinstance(value, (bool, np.bool_)):
        raise TypeError(f"{name} must be True or False, got {value!r} of type {type(value).__name__}")
    return bool(value)


def approx(x: float, sig: int = 1) -> str:
    """``x`` rounded to ``sig`` significant figures, as text (``7.27 → "7"``, ``0.263 → "0.3"``).

    For numbers that come from invented parameters: printing them with two decimals would claim a
    precision the model does not have.
    """
    v = float(x)
    if not math.isfinite(v):
        raise ValueError(f"x={x!r} is outside the allowed range: a finite number")
    if isinstance(sig, bool) or not isinstance(sig, int) or not 1 <= sig <= 6:
        raise ValueError(f"sig={sig!r} is outside the allowed range: a whole number in [1, 6]")
    r = float(f"{v:.{sig}g}")
    return str(int(r)) if r.is_integer() else f"{r:g}"


# ----------------------------------------------------------------------------------------------
# Treatments (facts from the source article + the model's named effects)
# ----------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Treatment:
    """One treatment: what it is for, when to use it, what the evidence says, and its model effect.

    ``window_days`` is the time window (days since injury) in which the article recommends it, or
    ``None`` if it may be used at any time. ``treats`` lists the causes it addresses in the model.
    ``evidence`` says how well the advice is supported, with its source.
    """

    name: str
    title: str
    purpose: str
    recommended_use: str
    model_effect: str
    window_days: tuple[float, float] | None
    treats: tuple[str, ...]
    evidence: str = ""


#: The five treatments of notebook 06. Purpose and recommended use restate the source article's
#: treatment table and professional-care section in our own words, corrected where the evidence
#: differs (water: drink to thirst; low Ca²⁺/Mg²⁺: a doctor, not a drink).
TREATMENTS: Mapping[str, Treatment] = MappingProxyType({
    "rest": Treatment(
        name="rest",
        title="Rest and controlled movement",
        purpose="Protects the repairing tissue from a new strain while keeping the muscle and joint supple.",
        recommended_use=(
            "Ease off hard activity at first; keep gentle range-of-motion work going as tolerated and "
            "build up rehabilitation exercise gradually, every day."
        ),
        model_effect="Training load falls to 30 % (fatigue clears with τ = 15 d); guarding × 0.85.",
        window_days=None,
        treats=("healing", "overuse", "infection"),
        evidence=(
            "Short protection followed by early, graded loading is the usual advice; long immobilisation "
            "leaves more scar and weaker muscle (Järvinen et al. 2005, mostly animal data)."
        ),
    ),
    "hydration": Treatment(
        name="hydration",
        title="Fluids (drink to thirst)",
        purpose="Replaces the water and sodium lost in sweat.",
        recommended_use=(
            "Drink to thirst; after heavy sweating prefer a drink with salt (or salty food) to large "
            "amounts of plain water. The article's advice of a fixed number of glasses a day has no trial "
            "behind it, and over-drinking plain water can dilute blood sodium (hyponatraemia)."
        ),
        model_effect=(
            "Fluid deficit cleared with τ = 0.5 d; that changes the rate only under the article's "
            "dehydration hypothesis."
        ),
        window_days=None,
        treats=("dehydration",),
        evidence=(
            "A 3 % fluid deficit alone did not change the cramp threshold (Miller et al. 2010); plain water "
            "after sweating lowered it and an electrolyte drink raised it (Lau et al. 2019). Drinking "
            "beyond thirst causes exercise-associated hyponatraemia (Hew-Butler et al. 2015 consensus)."
        ),
    ),
    "cold": Treatment(
        name="cold",
        title="Cold (ice) early",
        purpose="Dulls pain and may limit early swelling.",
        recommended_use="Within the first 48 hours after the injury (the article's rule).",
        model_effect="Inflammation term × 0.7 while used (so it matters only while inflammation runs).",
        window_days=(0.0, ACUTE_PHASE_DAYS),
        treats=("healing",),
        evidence=(
            "A convention with few, small trials (Malanga et al. 2015); in animal injury models icing "
            "delayed the arrival of inflammatory cells and slowed regeneration (Singh et al. 2017)."
        ),
    ),
    "heat": Treatment(
        name="heat",
        title="Heat after the acute phase",
        purpose="Eases pain and stiffness once the acute phase is over.",
        recommended_use="Only after the acute phase, i.e. not in the first 48 hours after the injury.",
        model_effect="Guarding of the later phases × 0.75, but the inflammation term × 1.3 while it runs.",
        window_days=(ACUTE_PHASE_DAYS, math.inf),
        treats=("healing",),
        evidence=(
            "The 48-hour rule is a round-number convention; trial evidence for heat after muscle injury "
            "is limited (Malanga et al. 2015)."
        ),
    ),
    "professional": Treatment(
        name="professional",
        title="Professional care",
        purpose=(
            "Finds and treats causes that home care cannot: a compressed nerve root, low blood Ca²⁺ or "
            "Mg²⁺ (blood test; calcium, vitamin D or magnesium as prescribed), infection, and the "
            "complications that matter after a strain (haematoma, deep-vein thrombosis, compartment "
            "syndrome, rhabdomyolysis, myositis ossificans); graded exercise rehabilitation."
        ),
        recommended_use=(
            "Spasms that are severe or persist, or that come with numbness, tingling (above all around "
            "the mouth or in the fingertips), weakness, fever, a swollen calf or dark urine: see a doctor "
            "(urgently for several of these) or a physiotherapist."
        ),
        model_effect=(
            "Ca²⁺/Mg²⁺ gating shift corrected with τ = 3 d; nerve compression relieved with τ = 14 d; "
            "infection cleared with τ = 2 d."
        ),
        window_days=None,
        treats=("electrolyte_imbalance", "nerve_compression", "infection"),
        evidence=(
            "Therapeutic ultrasound did not improve muscle regeneration after a contusion (Wilkin et al. "
            "2004); the article's electrical stimulation for 'spasticity' concerns an upper-motor-neurone "
            "sign (after a stroke or spinal-cord injury), not spasms after a strain; exercise "
            "rehabilitation is the core of care."
        ),
    ),
})


def _treatment_set(treatments: object) -> frozenset[str]:
    if isinstance(treatments, str):
        items: Iterable[object] = (treatments,) if treatments else ()
    elif isinstance(treatments, Iterable):
        items = treatments
    else:
        raise TypeError(
            f"treatments must be a collection of treatment names, got {treatments!r} of type "
            f"{type(treatments).__name__}; valid names: " + ", ".join(repr(t) for t in TREATMENTS)
        )
    out = set()
    for item in items:
        out.add(check_choice("treatments", item, tuple(TREATMENTS)))
    return frozenset(out)


# ----------------------------------------------------------------------------------------------
# Modifiers and scenarios
# ----------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Modifiers:
    """Everything that changes the spasm rate besides time (all validated; defaults = no cause).

    Parameters
    ----------
    injury
        A recent muscle strain whose repair drives guarding (bool).
    severity
        ``"mild"``, ``"moderate"`` or ``"severe"`` (:data:`SEVERITIES`).
    ca, mg
        Ionized Ca²⁺ and serum Mg²⁺ (mM; normal 1.2 and 0.85; allowed 0.4–2.0 and 0.2–2.0).
    fluid_deficit_pct
        Fluid deficit in % of body mass (0–8 %). No effect on the rate unless
        ``dehydration_hypothesis`` is True (the evidence: Miller et al. 2010; Lau et al. 2019).
    dehydration_hypothesis
        Apply the source article's claim that dehydration raises the spasm rate
        (``1 + 0.6 × deficit``; bool, default False), to show claim and evidence side by side.
    training_load
        Hard training per day without rest days (0–2; 1 = one hard session daily).
    compression
        Nerve compression (0 = none … 1 = severe).
    infection
        Infection of the injured area, rising from about day 3 (bool).
    treatments
        Names from :data:`TREATMENTS` (any iterable; stored as a frozenset).
    start_day
        Day the treatments start (0–365 d).
    heat_start_day
        Day heat starts, if different from ``start_day`` (0–365 d; ``None`` = ``start_day``), so that
        "cold from day 0, heat from day 2" can be expressed.
    baseline_per_day
        Background rate (spasms/day, 0.01–5; default :data:`BASELINE_PER_DAY`).
    return_to_play_days
        This patient's return-to-play day (1–365 d), which stretches the later repair phases
        (``return_to_play_days / 22``); ``None`` = the mean of the grade (:data:`SEVERITIES`).
        :func:`simulate_diary` and :func:`simulate_cohort` draw it from the grade's distribution.
    """

    injury: bool = False
    severity: str = "moderate"
    ca: float = NORMAL_CA_MM
    mg: float = NORMAL_MG_MM
    fluid_deficit_pct: float = 0.0
    dehydration_hypothesis: bool = False
    training_load: float = 0.0
    compression: float = 0.0
    infection: bool = False
    treatments: frozenset[str] = frozenset()
    start_day: float = 0.0
    heat_start_day: float | None = None
    baseline_per_day: float = BASELINE_PER_DAY
    return_to_play_days: float | None = None

    def __post_init__(self) -> None:
        put = object.__setattr__
        for flag in ("injury", "infection", "dehydration_hypothesis"):
            value = getattr(self, flag)
            if not isinstance(value, (bool, np.bool_)):
                raise TypeError(f"{flag} must be True or False, got {value!r} of type {type(value).__name__}")
            put(self, flag, bool(value))
        check_choice("severity", self.severity, tuple(SEVERITIES))
        put(self, "ca", check_number("ca", self.ca, *CA_RANGE_MM, "mM"))
        put(self, "mg", check_number("mg", self.mg, *MG_RANGE_MM, "mM"))
        put(
            self,
            "fluid_deficit_pct",
            check_number(
                "fluid_deficit_pct", self.fluid_deficit_pct, *FLUID_DEFICIT_RANGE_PCT, "% body mass"
            ),
        )
        put(self, "training_load", check_number("training_load", self.training_load, *TRAINING_LOAD_RANGE))
        put(self, "compression", check_number("compression", self.compression, *COMPRESSION_RANGE))
        put(self, "treatments", _treatment_set(self.treatments))
        put(self, "start_day", check_number("start_day", self.start_day, 0.0, MAX_DAY, "days"))
        if self.heat_start_day is not None:
            put(
                self,
                "heat_start_day",
                check_number("heat_start_day", self.heat_start_day, 0.0, MAX_DAY, "days"),
            )
        put(
            self,
            "baseline_per_day",
            check_number("baseline_per_day", self.baseline_per_day, 0.01, 5.0, "spasms/day"),
        )
        if self.return_to_play_days is not None:
            put(self, "return_to_play_days", check_number(
                "return_to_play_days", self.return_to_play_days, *RETURN_TO_PLAY_RANGE_DAYS, "days"))

    def replace(self, **changes: Any) -> Modifiers:
        """A validated copy with some modifiers changed.

        Unknown names raise ``TypeError`` listing the valid modifiers.
        """
        unknown = sorted(set(changes) - set(MODIFIER_NAMES))
        if unknown:
            raise TypeError(
                f"unknown modifier(s) {', '.join(map(repr, unknown))}; valid modifiers: "
                + ", ".join(MODIFIER_NAMES)
            )
        return dataclasses.replace(self, **changes) if changes else self


#: Names accepted as ``**modifiers`` by :func:`spasm_rate`, :func:`simulate_diary` and friends.
MODIFIER_NAMES: tuple[str, ...] = tuple(f.name for f in dataclasses.fields(Modifiers))


@dataclass(frozen=True)
class Scenario:
    """A named cause of spasms: its modifiers, how it presents, and what the diary looks like.

    ``location`` is where the spasms are typically felt (``"localized"``, ``"widespread"`` or
    ``"radiating"``), ``symptoms`` the accompanying symptoms it typically brings, and
    ``presentation`` one typical case as self-check answers (keys exactly the fields of
    :class:`course.selfcheck.Answers`). ``intensity_mean`` (0–10) and ``duration_median_s`` (s)
    describe single spasms in the simulated diary (ASSUMPTIONS matching the presentation; the
    article says spasms last from seconds to several minutes). ``follows_phases`` says whether the
    rate rises and fades with the repair phases; ``matching_treatments`` are the treatments that
    address the cause.
    """

    name: str
    title: str
    description: str
    modifiers: Modifiers
    location: str
    symptoms: frozenset[str]
    presentation: dict[str, Any] = field(compare=False, hash=False)
    intensity_mean: float = 3.0
    duration_median_s: float = 10.0
    follows_phases: bool = False
    matching_treatments: tuple[str, ...] = ()


_NONE: frozenset[str] = frozenset()

#: The six worked causes of notebooks 05–06 (keys fixed by the course spec). Each ``presentation``
#: holds one typical case as self-check answers (version 2 of the self-check: the v1 keys plus
#: ``danger_signs``, ``context``, ``body_region`` and ``age_band``).
SCENARIOS: Mapping[str, Scenario] = MappingProxyType({
    "healing": Scenario(
        name="healing",
        title="Healing after a strain",
        description=(
            "A moderate muscle strain repairing normally, with the article's hypothesis built in: guarding "
            "spasms near the injury rise in the first days and fade as remodeling takes over. No study has "
            "counted them; pain usually lowers, not raises, the activity of an injured muscle."
        ),
        modifiers=Modifiers(injury=True),
        location="localized",
        symptoms=_NONE,
        presentation=dict(
            recent_injury=True,
            days_since_injury=7.0,
            timing="rest_after_injury",
            intensity="mild",
            trend="lessening",
            duration_weeks=1.0,
            location="localized",
            symptoms=_NONE,
            hydration="adequate",
            danger_signs=_NONE,
            context=_NONE,
            body_region="leg",
            age_band="16_to_64",
            onset="gradual",
            history=_NONE,
        ),
        intensity_mean=3.0,
        duration_median_s=8.0,
        follows_phases=True,
        matching_treatments=("rest", "cold", "heat"),
    ),
    "overuse": Scenario(
        name="overuse",
        title="Overuse without rest",
        description=(
            "Hard training every day without rest days: in the model fatigue builds up over two to three "
            "weeks and cramps in the worked muscles persist instead of fading (the neuromuscular theory "
            "of exercise cramp blames fatigue-disturbed reflex control of the motor neurones)."
        ),
        modifiers=Modifiers(training_load=1.0),
        location="localized",
        symptoms=_NONE,
        presentation=dict(
            recent_injury=False,
            days_since_injury=None,
            timing="during_exertion",
            intensity="moderate",
            trend="unchanged",
            duration_weeks=3.0,
            location="localized",
            symptoms=_NONE,
            hydration="adequate",
            danger_signs=_NONE,
            context=_NONE,
            body_region="leg",
            age_band="16_to_64",
            onset="gradual",
            history=_NONE,
        ),
        intensity_mean=5.0,
        duration_median_s=30.0,
        matching_treatments=("rest",),
    ),
    "electrolyte_imbalance": Scenario(
        name="electrolyte_imbalance",
        title="Low calcium and magnesium",
        description=(
            "Ionized Ca²⁺ 0.95 mM and Mg²⁺ 0.55 mM, here a few days after thyroid surgery that bruised the "
            "parathyroid glands (too little PTH). Other real causes: vitamin D deficiency, low Mg²⁺ from "
            "diuretics, proton-pump inhibitors or alcohol (low Mg²⁺ blunts PTH, so Ca²⁺ falls too), and "
            "alkalosis from hyperventilation, which lowers the ionized fraction. Sweating does not do "
            "this. Nerve membranes fire more easily everywhere; tingling around the mouth and in the "
            "fingertips comes first."
        ),
        modifiers=Modifiers(ca=0.95, mg=0.55),
        location="widespread",
        symptoms=frozenset({"mouth_or_fingertip_tingling"}),
        presentation=dict(
            recent_injury=False,
            days_since_injury=None,
            timing="no_pattern",
            intensity="moderate",
            trend="unchanged",
            duration_weeks=0.5,
            location="widespread",
            symptoms=frozenset({"mouth_or_fingertip_tingling"}),
            hydration="adequate",
            danger_signs=_NONE,
            context=frozenset({"neck_or_thyroid_surgery"}),
            body_region="several_areas",
            age_band="16_to_64",
            onset="gradual",
            history=_NONE,
        ),
        intensity_mean=5.0,
        duration_median_s=60.0,
        matching_treatments=("professional",),
    ),
    "dehydration": Scenario(
        name="dehydration",
        title="Dehydration",
        description=(
            "A fluid deficit of 3 % of body mass from drinking too little. The article says this causes "
            "cramps in several muscles; in controlled studies a deficit of this size alone did not make "
            "cramps easier to trigger, so the model adds no spasms unless the article's hypothesis is "
            "switched on."
        ),
        modifiers=Modifiers(fluid_deficit_pct=3.0),
        location="widespread",
        symptoms=_NONE,
        presentation=dict(
            recent_injury=False,
            days_since_injury=None,
            timing="no_pattern",
            intensity="moderate",
            trend="unchanged",
            duration_weeks=1.0,
            location="widespread",
            symptoms=_NONE,
            hydration="poor",
            danger_signs=_NONE,
            context=_NONE,
            body_region="several_areas",
            age_band="16_to_64",
            onset="gradual",
            history=_NONE,
        ),
        intensity_mean=4.5,
        duration_median_s=45.0,
        matching_treatments=("hydration",),
    ),
    "nerve_compression": Scenario(
        name="nerve_compression",
        title="Nerve compression",
        description=(
            "A compressed nerve root in the lower back (e.g. a herniated disc): pain and tingling radiate "
            "down the leg along the nerve, with numbness, and the muscles that root supplies may cramp "
            "or twitch. The spasms themselves do not radiate; they grow as the nerve becomes sensitised."
        ),
        modifiers=Modifiers(compression=0.8),
        location="radiating",
        symptoms=frozenset({"numbness", "tingling"}),
        presentation=dict(
            recent_injury=False,
            days_since_injury=None,
            timing="no_pattern",
            intensity="moderate",
            trend="unchanged",
            duration_weeks=4.0,
            location="radiating",
            symptoms=frozenset({"numbness", "tingling"}),
            hydration="adequate",
            danger_signs=_NONE,
            context=_NONE,
            body_region="back",
            age_band="16_to_64",
            onset="gradual",
            history=_NONE,
        ),
        intensity_mean=5.5,
        duration_median_s=20.0,
        matching_treatments=("professional",),
    ),
    "infection": Scenario(
        name="infection",
        title="Infection of the injured area",
        description=(
            "A strained muscle that becomes infected (pyomyositis): from about day 3 swelling, redness and "
            "fever appear and the spasms increase instead of fading. This is rare after a closed strain; "
            "haematoma, deep-vein thrombosis, compartment syndrome, rhabdomyolysis and myositis "
            "ossificans are the complications that matter more (not modelled)."
        ),
        modifiers=Modifiers(injury=True, infection=True),
        location="localized",
        symptoms=frozenset({"swelling", "redness", "fever"}),
        presentation=dict(
            recent_injury=True,
            days_since_injury=5.0,
            timing="rest_after_injury",
            intensity="severe",
            trend="worsening",
            duration_weeks=0.5,
            location="localized",
            symptoms=frozenset({"swelling", "redness", "fever"}),
            hydration="adequate",
            danger_signs=_NONE,
            context=_NONE,
            body_region="leg",
            age_band="16_to_64",
            onset="gradual",
            history=_NONE,
        ),
        intensity_mean=6.5,
        duration_median_s=30.0,
        matching_treatments=("professional",),
    ),
})

#: Complications after a muscle strain that matter more than infection (named in notebooks 05–05
#: and the self-check; not modelled): name → what gives it away.
STRAIN_COMPLICATIONS: Mapping[str, str] = MappingProxyType({
    "haematoma": "a large, tense bruise or swelling from bleeding into or between the muscles",
    "deep-vein thrombosis": "one calf swollen, warm and aching, above all after immobility, a cast or surgery",
    "compartment syndrome": "pain out of proportion, a tense limb, pain on passive stretch (an emergency)",
    "rhabdomyolysis": "weakness and dark (cola-coloured) urine after extreme exertion or a crush (an emergency)",
    "myositis ossificans": "a firm lump weeks after a deep bruise, as bone forms inside the muscle",
})


def _scenario(scenario: object) -> Scenario:
    return SCENARIOS[check_choice("scenario", scenario, tuple(SCENARIOS))]


def _modifiers(scenario: object, overrides: Mapping[str, Any]) -> tuple[Scenario, Modifiers]:
    sc = _scenario(scenario)
    return sc, sc.modifiers.replace(**overrides)


# ----------------------------------------------------------------------------------------------
# The rate
# ----------------------------------------------------------------------------------------------
def _after(t: np.ndarray, start: float, tau: float) -> np.ndarray:
    """exp(−(t − start)/τ) after ``start``, 1 before it (the exact solution of a first-order decay)."""
    return np.exp(-np.maximum(t - start, 0.0) / tau)


def _components(t: np.ndarray, m: Modifiers) -> dict[str, np.ndarray]:
    """All factors of the rate on the time grid ``t`` (validated inputs)."""
    sev = SEVERITIES[m.severity]
    treat = m.treatments
    on = t >= m.start_day
    ones = np.ones_like(t)

    # Guarding from the repair phases (and from an infection), with the treatments that act on it.
    scale = None if m.return_to_play_days is None else m.return_to_play_days / REFERENCE_RETURN_TO_PLAY_DAYS
    wi, wp, wr = _weights(t, sev, scale)
    inflam = PHASES["inflammation"].guarding_weight * wi
    later = PHASES["proliferation"].guarding_weight * wp + PHASES["remodeling"].guarding_weight * wr
    if not m.injury:
        inflam = np.zeros_like(t)
        later = np.zeros_like(t)
    if "cold" in treat:
        inflam = np.where(on, COLD_INFLAMMATION_FACTOR * inflam, inflam)
    if "heat" in treat:
        heat_on = t >= (m.start_day if m.heat_start_day is None else m.heat_start_day)
        inflam = np.where(heat_on, HEAT_INFLAMMATION_FACTOR * inflam, inflam)
        later = np.where(heat_on, HEAT_GUARDING_FACTOR * later, later)
    guard = inflam + later
    if m.infection:
        # Infection: a persisting inflammation of its own; cold and heat are not modelled to touch it.
        burden = 1.0 / (1.0 + np.exp(-(t - INFECTION_ONSET_DAY) / INFECTION_WIDTH_DAYS))
        if "professional" in treat:
            burden = burden * _after(t, m.start_day, INFECTION_CLEARANCE_TAU_DAYS)
        guard = guard + INFECTION_WEIGHT * burden
    if "rest" in treat:
        guard = np.where(on, REST_GUARDING_FACTOR * guard, guard)
    sens = np.asarray(1.0 + sev.guarding_gain * guard)

    # Electrolytes: gating shift from the excitability model, corrected by professional care
    # (calcium, vitamin D or magnesium as prescribed; drinks do not correct hypocalcaemia).
    shift = _shift(m.ca, m.mg)
    if shift == 0.0:
        elec = ones
    else:
        shift_t = shift * (
            _after(t, m.start_day, ELECTROLYTE_REPLETION_TAU_DAYS) if "professional" in treat else ones
        )
        elec = np.asarray(_electrolyte_factor_from_shift(shift_t))

    # Hydration: no effect of a fluid deficit (the evidence), unless the article's hypothesis is on.
    if m.dehydration_hypothesis and m.fluid_deficit_pct > 0.0:
        deficit = m.fluid_deficit_pct * (
            _after(t, m.start_day, REHYDRATION_TAU_DAYS) if "hydration" in treat else ones
        )
        hydr = 1.0 + DEHYDRATION_GAIN_PER_PCT * deficit
    else:
        hydr = ones

    # Fatigue from training load (exact solution of dF/dt = (L − F)/τ, piecewise-constant L).
    load = m.training_load
    if load > 0.0:
        tau = FATIGUE_TAU_DAYS
        fat = load * (1.0 - np.exp(-t / tau))
        if "rest" in treat:
            s = m.start_day
            f_s = load * (1.0 - math.exp(-s / tau))
            low = REST_LOAD_FRACTION * load
            decay = np.exp(-np.maximum(t - s, 0.0) / tau)
            fat = np.where(on, low + (f_s - low) * decay, fat)
        fatigue = 1.0 + FATIGUE_GAIN * fat
    else:
        fatigue = ones

    # Nerve compression: progressive sensitisation, relieved by professional care.
    if m.compression > 0.0:
        level = m.compression * (
            1.0 - (1.0 - NERVE_INITIAL_FRACTION) * np.exp(-t / NERVE_SENSITISATION_TAU_DAYS)
        )
        if "professional" in treat:
            level = level * _after(t, m.start_day, NERVE_RELIEF_TAU_DAYS)
        nerve = 1.0 + NERVE_GAIN * level
    else:
        nerve = ones

    rate = m.baseline_per_day * sens * elec * hydr * fatigue * nerve
    return {
        "sensitivity": sens,
        "electrolytes": elec,
        "hydration": hydr,
        "fatigue": fatigue,
        "nerve": nerve,
        "rate": rate,
    }


def rate_components(days: object, scenario: str = "healing", **modifiers: Any) -> dict[str, np.ndarray]:
    """The spasm rate and each of its factors on ``days``.

    Returns ``{"sensitivity", "electrolytes", "hydration", "fatigue", "nerve", "rate"}``: the
    dimensionless factors (each 1 when that cause is absent) and the rate in spasms/day, their
    product times ``baseline_per_day``. Arguments as :func:`spasm_rate`.
    """
    t = _days(days)
    _, m = _modifiers(scenario, modifiers)
    return _components(t, m)


def spasm_rate(days: object, scenario: str = "healing", **modifiers: Any) -> np.ndarray:
    """Expected spasms per day on each of ``days`` (a teaching model, not data).

    ``rate = baseline × S(t) × f_electrolytes × f_hydration × f_fatigue × f_nerve`` where ``S`` is the
    hypothesised guarding sensitivity of the repair phases (plus an infection, if present) and
    ``f_hydration`` is 1 unless ``dehydration_hypothesis=True``.

    Parameters
    ----------
    days
        Days since the injury / since the problem began (scalar or 1-D array, 0–365 d).
    scenario
        One of :data:`SCENARIOS`: "healing", "overuse", "electrolyte_imbalance", "dehydration",
        "nerve_compression", "infection". An unknown name raises ``ValueError`` listing the valid ones.
    **modifiers
        Override any field of the scenario's :class:`Modifiers` (e.g. ``severity="mild"``,
        ``ca=0.9``, ``treatments=("rest",)``, ``start_day=2``, ``dehydration_hypothesis=True``).
        Unknown names raise ``TypeError``;
        bad values raise ``ValueError`` naming the parameter and the allowed range.

    Returns
    -------
    numpy.ndarray
        Rate in spasms/day, one value per day given (1-D).
    """
    return rate_components(days, scenario, **modifiers)["rate"]


def _day_integrals(n_days: int, m: Modifiers) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Sub-step edges, rate at sub-step midpoints, cumulative expected count at the edges, count per day.

    Midpoint rule on an hourly grid: the rate is taken as constant within each hour, so the
    cumulative count is piecewise linear (exactly what :func:`numpy.interp` inverts when the diary
    places its events), and a treatment starting on a whole or half day never straddles a sub-step.
    """
    h = 1.0 / SUBSTEPS_PER_DAY
    edges = np.linspace(0.0, float(n_days), n_days * SUBSTEPS_PER_DAY + 1)
    mids = edges[:-1] + 0.5 * h
    r = _components(mids, m)["rate"]
    steps = r * h
    cum = np.concatenate(([0.0], np.cumsum(steps)))
    per_day = steps.reshape(n_days, SUBSTEPS_PER_DAY).sum(axis=1)
    return edges, r, cum, per_day


def _n_days(days: object) -> int:
    if isinstance(days, bool) or not isinstance(days, (int, np.integer)):
        if isinstance(days, (float, np.floating)) and math.isfinite(days) and float(days).is_integer():
            days = int(days)
        else:
            raise TypeError(f"days must be a whole number of days in [1, {int(MAX_DAY)}], got {days!r}")
    return int(check_number("days", days, 1, MAX_DAY, "days"))


def expected_daily(scenario: str = "healing", days: int = 42, **modifiers: Any) -> np.ndarray:
    """Expected number of spasms on each whole day 0…days−1 (the rate integrated over each day)."""
    n = _n_days(days)
    _, m = _modifiers(scenario, modifiers)
    return _day_integrals(n, m)[3]


def weekly_totals(per_day: np.ndarray) -> np.ndarray:
    """Sum per-day values (last axis) into whole weeks (days 0–6, 7–13, …); a last partial week is dropped."""
    per_day = np.asarray(per_day)
    w = per_day.shape[-1] // 7
    return per_day[..., : w * 7].reshape(*per_day.shape[:-1], w, 7).sum(axis=-1)


def weekly_expected(scenario: str = "healing", weeks: int = 6, **modifiers: Any) -> np.ndarray:
    """Expected spasms in each week 1…weeks (days 0–7, 7–14, …)."""
    w = _n_days(weeks)  # whole number ≥ 1
    if w * 7 > MAX_DAY:
        raise ValueError(f"weeks={w} is outside the allowed range [1, {int(MAX_DAY // 7)}] weeks")
    return weekly_totals(expected_daily(scenario, w * 7, **modifiers))


def spasms_avoided(
    scenario: str = "healing", treatments: Iterable[str] = (), days: int = 42, **modifiers: Any
) -> float:
    """Expected spasms avoided over ``days`` by adding ``treatments`` (negative = treatment adds spasms).

    Compares the scenario without any treatment to the same case with ``treatments`` (other
    modifiers, e.g. ``start_day``, apply to both).
    """
    base = dict(modifiers)
    base.pop("treatments", None)
    without = expected_daily(scenario, days, **base, treatments=()).sum()
    with_t = expected_daily(scenario, days, **base, treatments=treatments).sum()
    return float(without - with_t)


# ----------------------------------------------------------------------------------------------
# Advice: the article's timing rules, with their evidence
# ----------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Advice:
    """One piece of phase-aware advice. ``level``: "warning", "caution", "ok" or "info"."""

    level: str
    treatment: str
    text: str


def recommended_treatments(scenario: str, day: float) -> tuple[str, ...]:
    """Treatments the course recommends for ``scenario`` on ``day`` (days since injury/onset).

    The source article's timing rule (a convention with few trials, see :attr:`Treatment.evidence`):
    cold within the first 48 hours, heat only after the acute phase (so ``"heat"`` is never returned
    before day 2); rest and controlled movement after an injury or overuse; fluids (to thirst) for a
    fluid deficit; professional care for low Ca²⁺/Mg²⁺, nerve and infection causes.
    """
    sc = _scenario(scenario)
    d = check_number("day", day, 0.0, MAX_DAY, "days")
    out: list[str] = []
    injured = sc.modifiers.injury
    if injured or sc.modifiers.training_load > 0 or sc.modifiers.compression > 0:
        out.append("rest")
    if sc.modifiers.fluid_deficit_pct > 0:
        out.append("hydration")
    if injured and not sc.modifiers.infection:
        out.append("cold" if d < ACUTE_PHASE_DAYS else "heat")
    low_ions = sc.modifiers.ca < NORMAL_CA_MM or sc.modifiers.mg < NORMAL_MG_MM
    if sc.modifiers.compression > 0 or sc.modifiers.infection or low_ions:
        out.append("professional")
    return tuple(t for t in TREATMENTS if t in out)


def treatment_advice(
    scenario: str, treatments: Iterable[str] = (), start_day: float = 0.0, heat_start_day: float | None = None
) -> tuple[Advice, ...]:
    """Phase-aware advice on a choice of treatments started on ``start_day`` (heat on ``heat_start_day``).

    Always flags heat started in the first 48 hours (level ``"warning"``); notes cold started after
    48 hours, treatments that do not address the scenario's cause, and missing professional care for
    low Ca²⁺/Mg²⁺, nerve and infection causes. Each cold/heat/fluids note names its evidence.
    ``heat_start_day=None`` means heat starts on ``start_day``.
    """
    sc = _scenario(scenario)
    chosen = _treatment_set(treatments)
    d = check_number("start_day", start_day, 0.0, MAX_DAY, "days")
    d_heat = (
        d if heat_start_day is None else check_number("heat_start_day", heat_start_day, 0.0, MAX_DAY, "days")
    )
    out: list[Advice] = []
    if "heat" in chosen:
        if d_heat < ACUTE_PHASE_DAYS:
            out.append(
                Advice(
                    "warning",
                    "heat",
                    f"Heat from day {d_heat:g} falls inside the first 48 hours: not recommended by the "
                    "article's rule. On freshly inflamed tissue it adds blood flow and swelling (in the "
                    f"model: inflammation term × {HEAT_INFLAMMATION_FACTOR:g}); the rule itself rests on "
                    "few trials.",
                )
            )
        else:
            out.append(
                Advice(
                    "ok",
                    "heat",
                    f"Heat from day {d_heat:g}: after the acute phase, as the article advises (a convention; "
                    "trial evidence is limited).",
                )
            )
    if "cold" in chosen:
        if d < ACUTE_PHASE_DAYS:
            out.append(
                Advice(
                    "ok",
                    "cold",
                    f"Cold from day {d:g}: within the first 48 hours, as the article advises. It dulls pain; "
                    "in animal studies icing slowed regeneration (Singh et al. 2017), so keep it short.",
                )
            )
        else:
            out.append(
                Advice(
                    "caution",
                    "cold",
                    f"Cold from day {d:g}: the article recommends cold within the first 48 hours; by now "
                    "inflammation is fading, so the model gives it little effect.",
                )
            )
    for name in sorted(chosen - {"heat", "cold"}, key=tuple(TREATMENTS).index):
        tr = TREATMENTS[name]
        if sc.name in tr.treats:
            text = f"{tr.title}: addresses this cause."
            if name == "hydration":
                text += (
                    " Drink to thirst, with salt after heavy sweating: large amounts of plain water can "
                    "cause hyponatraemia."
                )
            out.append(Advice("ok", name, text))
        else:
            out.append(
                Advice("info", name, f"{tr.title}: harmless here, but it does not address this cause.")
            )
    needed = [t for t in sc.matching_treatments if t not in chosen and t not in ("heat", "cold")]
    for name in needed:
        level = "warning" if name == "professional" else "caution"
        out.append(
            Advice(level, name, f"Missing: {TREATMENTS[name].title.lower()} is what this cause needs.")
        )
    return tuple(out)


# ----------------------------------------------------------------------------------------------
# Diaries: seeded inhomogeneous Poisson events
# ----------------------------------------------------------------------------------------------
#: Spread of single-spasm intensity (SD on the 0–10 scale) and duration (SD of log duration).
#: ASSUMPTIONS for a readable diary.
INTENSITY_SD = 1.2
DURATION_LOG_SD = 0.5
DURATION_RANGE_S = (1.0, 600.0)


@dataclass(frozen=True)
class Diary:
    """A simulated spasm diary for one virtual patient.

    ``day`` holds the time of each spasm (days since injury/onset, sorted), ``intensity`` its
    strength (0–10), ``duration_s`` its length (s), ``location`` where it is felt (the scenario's
    location for every event). ``expected_per_day`` is the model's expected count for each whole
    day (for this patient's return-to-play day); ``counts_per_day`` what this diary recorded.
    ``return_to_play_day`` is this virtual patient's return to play (days; drawn from the grade's
    distribution, or the value given), NaN for a cause without an injury.
    """

    scenario: str
    days: int
    seed: int
    day: np.ndarray
    intensity: np.ndarray
    duration_s: np.ndarray
    location: np.ndarray
    expected_per_day: np.ndarray
    return_to_play_day: float = math.nan

    @property
    def n_events(self) -> int:
        return int(self.day.size)

    @property
    def counts_per_day(self) -> np.ndarray:
        return np.bincount(self.day.astype(np.int64), minlength=self.days)[: self.days]

    def weekly_counts(self) -> np.ndarray:
        """Recorded spasms per whole week (a last partial week is dropped)."""
        return weekly_totals(self.counts_per_day)

    def weekly_expected(self) -> np.ndarray:
        """Expected spasms per whole week (a last partial week is dropped)."""
        return weekly_totals(self.expected_per_day)

    def records(self, n: int | None = None) -> list[dict[str, Any]]:
        """The first ``n`` events (all if ``None``) as dicts with rounded values, for printing."""
        k = self.n_events if n is None else min(int(n), self.n_events)
        return [
            {
                "day": round(float(self.day[i]), 2),
                "intensity": round(float(self.intensity[i]), 1),
                "duration_s": round(float(self.duration_s[i]), 0),
                "location": str(self.location[i]),
            }
            for i in range(k)
        ]


@dataclass(frozen=True)
class Cohort:
    """Spasm counts of many virtual patients: ``counts[i, d]`` = spasms of patient ``i`` on day ``d``.

    ``expected_per_day`` is the cohort's expected mean count per day; ``return_to_play_day`` each
    patient's return-to-play day (days; empty for a cause without an injury).
    """

    scenario: str
    n_patients: int
    days: int
    seed: int
    counts: np.ndarray
    expected_per_day: np.ndarray
    return_to_play_day: np.ndarray = field(default_factory=lambda: np.empty(0))

    @property
    def mean_per_day(self) -> np.ndarray:
        return self.counts.mean(axis=0)

    def weekly_counts(self) -> np.ndarray:
        """Spasms per patient per whole week, shape (n_patients, weeks)."""
        return weekly_totals(self.counts)

    def weekly_mean(self) -> np.ndarray:
        return self.weekly_counts().mean(axis=0)

    def weekly_expected(self) -> np.ndarray:
        return weekly_totals(self.expected_per_day)


def _seed(seed: object) -> int:
    if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)):
        raise TypeError(f"seed must be a non-negative integer, got {seed!r} of type {type(seed).__name__}")
    if seed < 0 or seed >= 2**63:
        raise ValueError(f"seed={seed} is outside the allowed range [0, 2**63 - 1]")
    return int(seed)


def simulate_diary(
    scenario: str = "healing", days: int = 42, seed: int = 0, *, sample_return_to_play: bool = True, **modifiers: Any
) -> Diary:
    """Simulate one patient's spasm diary: a seeded, vectorised inhomogeneous Poisson process.

    The number of spasms on each day is Poisson with mean = the rate integrated over that day; the
    times within the day follow the rate (inverse of the cumulative expected count). Each spasm gets
    an intensity (0–10, normal around ``intensity_mean × (0.5 + 0.5·rate/peak rate)``, SD 1.2, cut to
    0–10) and a duration (log-normal around the scenario's median, 1–600 s). Same arguments and seed
    → an identical diary.

    After an injury the patient's return-to-play day is drawn from the grade's distribution
    (:func:`sample_return_to_play`, same seed) and stretches the later repair phases; the diary's
    ``expected_per_day`` follows that patient. A ``return_to_play_days`` modifier fixes it instead, and
    ``sample_return_to_play=False`` uses the grade's mean.

    Parameters
    ----------
    scenario, **modifiers
        As :func:`spasm_rate`.
    days
        Length of the diary in whole days (1–365).
    seed
        Non-negative integer seed of ``numpy.random.default_rng``.
    sample_return_to_play
        Draw this patient's return-to-play day (bool, default True).
    """
    n = _n_days(days)
    sc, m = _modifiers(scenario, modifiers)
    seed = _seed(seed)
    m = _patient(m, _flag("sample_return_to_play", sample_return_to_play), seed)
    rng = np.random.default_rng(seed)
    t, rate, cum, per_day = _day_integrals(n, m)
    counts = rng.poisson(per_day)
    total = int(counts.sum())
    day_idx = np.repeat(np.arange(n), counts)
    starts = cum[::SUBSTEPS_PER_DAY][:-1]
    target = starts[day_idx] + rng.random(total) * per_day[day_idx]
    times = np.interp(target, cum, t)
    times = np.sort(np.minimum(times, np.nextafter(day_idx + 1.0, 0.0)))  # inside the drawn day, in order
    rel = np.interp(times, t[:-1] + 0.5 / SUBSTEPS_PER_DAY, rate) / float(rate.max())
    mean_int = sc.intensity_mean * (0.5 + 0.5 * rel)
    intensity = np.clip(np.round(mean_int + INTENSITY_SD * rng.standard_normal(total), 1), 0.0, 10.0)
    duration = np.clip(
        np.round(sc.duration_median_s * np.exp(DURATION_LOG_SD * rng.standard_normal(total))),
        *DURATION_RANGE_S,
    )
    location = np.full(total, sc.location)
    rtp = math.nan
    if m.injury:
        rtp = m.return_to_play_days if m.return_to_play_days is not None else SEVERITIES[m.severity].return_to_play_days
    return Diary(sc.name, n, int(seed), times, intensity, duration, location, per_day, float(rtp))


def _patient(m: Modifiers, sample: bool, seed: int) -> Modifiers:
    """The modifiers with this patient's drawn return-to-play day (injury, sampling on, none given)."""
    if not (m.injury and sample and m.return_to_play_days is None):
        return m
    day = float(_draw_rtp(_rtp_rng(seed), SEVERITIES[m.severity], 1)[0])
    return m.replace(return_to_play_days=day)


#: Return-to-play draws of a cohort come from this many equally likely quantiles of the grade's
#: distribution (each patient picks one at random), so that the rate is computed once per quantile.
COHORT_RTP_QUANTILES = 64


def simulate_cohort(
    scenario: str = "healing",
    n_patients: int = 10_000,
    days: int = 42,
    seed: int = 0,
    patient_cv: float = 0.0,
    *,
    sample_return_to_play: bool = True,
    **modifiers: Any,
) -> Cohort:
    """Daily spasm counts of ``n_patients`` virtual patients at once (vectorised, seeded).

    Each patient's count on day ``d`` is Poisson with mean ``g_i × expected_per_day[d]``; ``g_i`` is
    1 for everyone (``patient_cv = 0``) or gamma-distributed with mean 1 and coefficient of
    variation ``patient_cv`` (0–2), for patients who are more or less spasm-prone. After an injury
    each patient also has a return-to-play day drawn from the grade's distribution (one of
    :data:`COHORT_RTP_QUANTILES` equally likely quantiles; ``sample_return_to_play=False`` gives
    everyone the grade's mean), which stretches that patient's later repair phases. The cohort mean
    converges to ``expected_per_day``, the mean over those patients.
    """
    if isinstance(n_patients, bool) or not isinstance(n_patients, (int, np.integer)):
        raise TypeError(f"n_patients must be a whole number in [1, 1000000], got {n_patients!r}")
    n_p = int(check_number("n_patients", n_patients, 1, 1_000_000))
    n = _n_days(days)
    cv = check_number("patient_cv", patient_cv, 0.0, 2.0)
    sample = _flag("sample_return_to_play", sample_return_to_play)
    _, m = _modifiers(scenario, modifiers)
    seed = _seed(seed)
    rng = np.random.default_rng(seed)
    rtp = np.empty(0)
    if m.injury and sample and m.return_to_play_days is None:
        from statistics import NormalDist

        k_q = COHORT_RTP_QUANTILES
        mu, sigma = _lognormal(SEVERITIES[m.severity])
        z = np.array([NormalDist().inv_cdf((j + 0.5) / k_q) for j in range(k_q)])
        days_q = np.clip(np.exp(mu + sigma * z), *RETURN_TO_PLAY_RANGE_DAYS)
        table = np.stack([_day_integrals(n, m.replace(return_to_play_days=float(d)))[3] for d in days_q])
        pick = _rtp_rng(seed).integers(0, k_q, size=n_p)
        rtp = days_q[pick]
        base = table[pick]
        per_day = table.mean(axis=0)
    else:
        per_day = _day_integrals(n, m)[3]
        base = np.broadcast_to(per_day, (n_p, n))
        if m.injury:
            rtp = np.full(n_p, m.return_to_play_days or SEVERITIES[m.severity].return_to_play_days)
    if cv > 0.0:
        k = 1.0 / cv**2
        g = rng.gamma(k, 1.0 / k, size=(n_p, 1))
        lam = g * base
    else:
        lam = base
    counts = rng.poisson(lam).astype(np.int32)
    return Cohort(_scenario(scenario).name, n_p, n, int(seed), counts, per_day, rtp)
