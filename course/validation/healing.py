"""Published benchmarks of the healing teaching model (:mod:`course.healing`, notebooks 05 and 06).

The repair phases are measured mostly in rodent injury models; return to play in professional footballers.
The spasm curve on top of them is the source article's hypothesis and has no benchmark (no study has
counted spasms after a strain).
"""

from __future__ import annotations

import math

import numpy as np

from course import healing as hm
from course.validation._base import Benchmark

__all__ = ["BENCHMARKS"]

_NB4 = "05_healing_phases_and_spasms.ipynb"
_NB5 = "06_treatment_and_management.ipynb"
_T = np.linspace(0.0, 120.0, 120001)  # 0.001-d grid


def _w(phase: str, severity: str = "moderate") -> np.ndarray:
    return hm.phase_weights(_T, severity)[phase]


def _peak_day(phase: str, severity: str = "moderate") -> float:
    return float(_T[np.argmax(_w(phase, severity))])


def _half_max_window(phase: str, severity: str = "moderate") -> tuple[float, float]:
    above = _T[_w(phase, severity) >= 0.5]
    return float(above[0]), float(above[-1])


def _at(phase: str, day: float, severity: str = "moderate") -> float:
    return float(hm.phase_weights([day], severity)[phase][0])


def _rtp(severity: str, stat: str) -> float:
    x = np.asarray(hm.sample_return_to_play(severity, 200_000, seed=2012))
    return float(x.mean() if stat == "mean" else x.std())


def _grade1_slower_than_grade2() -> float:
    g1 = hm.sample_return_to_play("mild", 100_000, seed=1)
    g2 = hm.sample_return_to_play("moderate", 100_000, seed=2)
    return float(np.mean(g1 > g2))


def _fluid_factor(pct: float) -> float:
    day = [3.0]
    return float(hm.spasm_rate(day, "healing", fluid_deficit_pct=pct)[0] / hm.spasm_rate(day, "healing")[0])


def _water_vs_ors() -> float:
    # the model has one "hydration" (fluids) treatment: plain water and an oral rehydration solution are the same
    day = [3.0]
    water = hm.spasm_rate(day, "dehydration", treatments=("hydration",), start_day=0.0)[0]
    ors = hm.spasm_rate(day, "dehydration", treatments=("hydration",), start_day=0.0)[0]
    return float(water / ors)


def _latest_inflammation_peak() -> float:
    return max(_peak_day("inflammation", s) for s in hm.SEVERITIES)


BENCHMARKS: tuple[Benchmark, ...] = (
    Benchmark(
        id="H1", model="healing",
        claim="Inflammation (neutrophils, then M1 macrophages) peaks within days 1–3 (moderate strain)",
        source="Tidball 2005 Am J Physiol Regul Integr Comp Physiol 288:R345; Laumonier & Menetrey 2016 J Exp "
               "Orthop 3:15 (mostly rodent injury models)",
        low=1.0, high=3.0, unit="d", compute=lambda: _peak_day("inflammation"),
    ),
    Benchmark(
        id="H6", model="healing",
        claim="Inflammation starts within hours whatever the size of the tear: latest inflammation peak over "
              "MRI grades 1–3",
        source="Tidball 1995 Med Sci Sports Exerc 27:1022; Tidball 2005 (neutrophil invasion within hours)",
        low=0.0, high=3.0, unit="d", compute=_latest_inflammation_peak,
    ),
    Benchmark(
        id="H6b", model="healing",
        claim="Inflammation is already under way 6 h after the injury (weight of the inflammation phase)",
        source="Tidball 2005 (neutrophils within hours)",
        low=0.1, high=1.0, unit="", compute=lambda: _at("inflammation", 0.25, "severe"),
    ),
    Benchmark(
        id="H2", model="healing",
        claim="Switch to the M2 / pro-regenerative phase by days 3–7: inflammation weight on day 7",
        source="Review, German J Sports Med 2019 (M1 in the first 3 days, M2 shift over days 3–7; rodent)",
        low=0.0, high=0.2, unit="", compute=lambda: _at("inflammation", 7.0),
    ),
    Benchmark(
        id="H3", model="healing",
        claim="Regeneration: proliferation peaks while regenerating fibres form (days 5–14)",
        source="Laumonier & Menetrey 2016 (rodent)",
        low=5.0, high=14.0, unit="d", compute=lambda: _peak_day("proliferation"),
    ),
    Benchmark(
        id="H3b", model="healing",
        claim="Proliferation is over (below half its peak) by about day 16",
        source="Laumonier & Menetrey 2016 (myotubes day 3–7, regenerating fibres day 5–14; rodent)",
        low=2.0, high=16.0, unit="d", compute=lambda: _half_max_window("proliferation")[1],
    ),
    Benchmark(
        id="H4", model="healing",
        claim="Remodelling starts from day 7–10 (first day above half its peak)",
        source="Laumonier & Menetrey 2016; Järvinen et al. 2005 Am J Sports Med 33:745",
        low=7.0, high=14.0, unit="d", compute=lambda: _half_max_window("remodeling")[0],
    ),
    Benchmark(
        id="H4b", model="healing",
        claim="Remodelling lasts 6 weeks and beyond (days above half its peak)",
        source="Laumonier & Menetrey 2016; Järvinen et al. 2005",
        low=28.0, high=math.inf, unit="d",
        compute=lambda: (lambda w: w[1] - w[0])(_half_max_window("remodeling")),
    ),
    Benchmark(
        id="H5", model="healing",
        claim="In human strains inflammation persists for weeks: inflammation weight on day 14",
        source="Bayer & Järvinen 2020 (book chapter, human strain data)",
        low=0.2, high=1.0, unit="", compute=lambda: _at("inflammation", 14.0),
        limitation="human inflammation can last longer",
        notebook=_NB4,
    ),
    Benchmark(
        id="H7a", model="healing", kind="calibrated",
        claim="Return to play after an MRI grade-1 hamstring injury: mean of the sampled days",
        source="Ekstrand et al. 2012 Br J Sports Med 46:112 (professional football): 17 ± 10 d",
        low=16.0, high=18.0, unit="d", compute=lambda: _rtp("mild", "mean"),
    ),
    Benchmark(
        id="H7b", model="healing", kind="calibrated",
        claim="Return to play after an MRI grade-2 hamstring injury: mean of the sampled days",
        source="Ekstrand et al. 2012: 22 ± 11 d",
        low=21.0, high=23.0, unit="d", compute=lambda: _rtp("moderate", "mean"),
    ),
    Benchmark(
        id="H7c", model="healing", kind="calibrated",
        claim="Return to play after an MRI grade-3 hamstring injury: mean of the sampled days",
        source="Ekstrand et al. 2012: 73 ± 60 d",
        low=69.0, high=77.0, unit="d", compute=lambda: _rtp("severe", "mean"),
    ),
    Benchmark(
        id="H7d", model="healing", kind="calibrated",
        claim="Spread of return to play after a grade-3 injury: SD of the sampled days",
        source="Ekstrand et al. 2012: 73 ± 60 d",
        low=50.0, high=66.0, unit="d", compute=lambda: _rtp("severe", "sd"),
    ),
    Benchmark(
        id="H8", model="healing",
        claim="MRI grade predicts little of one person's recovery: chance that a grade-1 patient returns later "
              "than a grade-2 patient",
        source="Moen et al. 2014 Br J Sports Med 48:1370 (MRI not associated with return to play in grades 1–2); "
               "Hamilton et al. 2017 (MRI score ≈ 4 % of the variance)",
        low=0.3, high=0.5, unit="", compute=_grade1_slower_than_grade2,
    ),
    Benchmark(
        id="H9", model="healing", kind="calibrated",
        claim="Time constant of training fatigue (Banister model)",
        source="Calvert et al. 1976 (15 d); Hellard et al. 2006 J Sports Sci 24:509 (19 d, 95 % CI 6–32)",
        low=6.0, high=32.0, unit="d", compute=lambda: hm.FATIGUE_TAU_DAYS,
    ),
    Benchmark(
        id="H10", model="healing",
        claim="A 3 % fluid deficit alone does not change cramp-proneness (rate factor)",
        source="Miller et al. 2010 Med Sci Sports Exerc 42:2056 (3 % hypohydration: cramp threshold unchanged)",
        low=0.9, high=1.1, unit="", compute=lambda: _fluid_factor(3.0),
    ),
    Benchmark(
        id="H10b", model="healing",
        claim="A 2 % fluid deficit from exercise in the heat alone does not change cramp-proneness (rate factor)",
        source="Lau, Kato & Nosaka 2019 BMJ Open Sport Exerc Med 5:e000478",
        low=0.9, high=1.1, unit="", compute=lambda: _fluid_factor(2.0),
    ),
    Benchmark(
        id="H11", model="healing",
        claim="Plain water after sweating raises cramp-proneness more than an oral rehydration solution (rate "
              "ratio water : ORS)",
        source="Lau, Kato & Nosaka 2019 (cramp threshold −4…−5 Hz after water, +4…+5 Hz after ORS)",
        low=1.1, high=math.inf, unit="", compute=_water_vs_ors,
        limitation="it has no plain-water effect",
        notebook=_NB5,
    ),
    Benchmark(
        id="H12", model="healing", kind="calibrated",
        claim="The electrolyte factor's e-fold is the notebook-03 axon's Na⁺ activation (m∞³) at rest",
        source="course.excitability (MRG kinetics, McIntyre, Richardson & Grill 2002, 37 °C): ≈ 3.6 mV",
        low=3.0, high=4.5, unit="mV", compute=hm.electrolyte_efold_mv,
    ),
    Benchmark(
        id="H14", model="healing",
        claim="Low Mg²⁺ (0.5 mM) raises neuromuscular excitability: electrolyte rate factor",
        source="Harrison's Principles of Internal Medicine (hypomagnesaemia: tremor, tetany, cramps), via the "
               "course reference sheet",
        low=1.05, high=math.inf, unit="", compute=lambda: hm.electrolyte_factor(1.2, 0.5),
    ),
)
