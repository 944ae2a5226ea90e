"""Predict → observe → explain items of notebook 05 (healing); answered by the course's models."""

from __future__ import annotations

from course.predictions._base import Observation, Prediction

__all__ = ["ITEMS"]


def _diary_trend() -> Observation:
    import numpy as np

    from course.healing import simulate_cohort

    # the same cohort as the notebook's Step 3 cell: 10,000 virtual patients, hypothesis exactly true
    weekly = simulate_cohort("healing", n_patients=10_000, days=42, seed=1, patient_cv=0.5).weekly_counts()
    share = 100.0 * float(np.mean(weekly[:, 2] >= weekly[:, 1]))
    falls = 100.0 * float(np.mean(weekly[:, 2] < weekly[:, 1]))
    return Observation(f"In {share:.0f} % of 10,000 simulated diaries week 3 has at least as many spasms as "
                       f"week 2; only {falls:.0f} % show the fall that the curve underneath always has.",
                       value=share)


def _dehydration_off() -> Observation:
    import numpy as np

    from course.healing import approx, spasm_rate

    days = np.arange(0.0, 42.0)
    base = spasm_rate(days, "healing").sum()
    dry = spasm_rate(days, "healing", fluid_deficit_pct=3.0).sum()
    claim = spasm_rate(days, "healing", fluid_deficit_pct=3.0, dehydration_hypothesis=True).sum()
    tol = 1e-9 * max(base, 1.0)
    choice = 0 if abs(dry - base) < tol else (1 if dry > base else 2)
    return Observation(f"Over 6 weeks the model expects about {approx(base, 2)} spasms; with a 3 % fluid deficit "
                       f"it is the same ({approx(dry, 2)}), unless the article's hypothesis is switched on "
                       f"(then about {approx(claim, 2)}).", choice=choice)


def _week2_overuse() -> Observation:
    from course.healing import approx, weekly_expected

    heal, over = weekly_expected("healing", 6), weekly_expected("overuse", 6)
    ratio = over[1] / heal[1]
    choice = 2 if abs(ratio - 1.0) < 0.15 else (1 if ratio > 1.0 else 0)
    return Observation(f"Week 2: about {approx(heal[1], 2)} expected spasms after the strain and about "
                       f"{approx(over[1], 2)} from overuse. Week 1: {approx(heal[0], 2)} against "
                       f"{approx(over[0], 2)}; week 6: {approx(heal[5], 2)} against {approx(over[5], 2)}.",
                       choice=choice)


#: The items of notebook 05, in order.
ITEMS: tuple[Prediction, ...] = (
    Prediction(
        "diary_trend", "05",
        "Suppose the hypothesised spasm curve were exactly true, and 10,000 people with a moderate strain each "
        "kept a six-week diary. In what percentage of the diaries would week 3 hold at least as many spasms "
        "as week 2?",
        _diary_trend,
        "By week 2 the expected count is only a few spasms a week, and a count that small scatters by about "
        "its square root from one person to the next; people also differ in how spasm-prone they are. So a "
        "falling curve hides inside diaries that often stay level or rise. One diary, Maya's included, cannot "
        "show the trend; many people measured blind can.",
        unit="%", bounds=(0.0, 100.0),
    ),
    Prediction(
        "dehydration_off", "05",
        "With the evidence-based default (no dehydration effect), what does a 3 % fluid deficit do to the "
        "modelled spasm count after a strain?",
        _dehydration_off,
        "Cramp-threshold studies found that 3 % dehydration alone did not make cramps easier to provoke "
        "(Miller et al. 2010), so the model's default leaves the rate unchanged; the article's claim is a "
        "switch you can turn on to compare.",
        choices=("Nothing: the count is the same.", "It raises the count.", "It lowers the count."),
    ),
    Prediction(
        "week2_overuse", "05",
        "In the second week, which expects more spasms: a strain healing as the hypothesis says, or overuse "
        "(training on without rest days)?",
        _week2_overuse,
        "The two curves cross in the second week: the strain's curve is falling while fatigue from overuse is "
        "still building. In that week their counts are within a diary's random scatter of each other, so a "
        "count alone cannot tell the causes apart; the trend over several weeks, where the spasms are felt "
        "and what comes with them can.",
        choices=("The healing strain, clearly.", "Overuse, clearly.", "About the same (within 15 %)."),
    ),
)
