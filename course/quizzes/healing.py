"""Knowledge checks for notebook 04: healing phases and the spasm rate.

Numbers quoted in the feedback come from :mod:`course.healing` at its defaults (moderate strain,
baseline 0.2 spasms/day); ``tests/test_healing.py`` checks the behaviour they describe.
"""

from course.quizzes import Question

QUESTIONS = [
    Question(
        prompt=(
            "In the model, after a moderate strain with no other cause, when are protective spasms most "
            "frequent, and why?"
        ),
        options=(
            "In the first two to three days, while inflammation runs and irritated tissue makes nerves "
            "fire easily.",
            "Around week 3, when remodeling peaks.",
            "They stay the same from day 0 to week 6; only their intensity changes.",
        ),
        correct=0,
        feedback=(
            "Right. The inflammation weight peaks on day 1.5 and carries the largest guarding weight, so "
            "the rate peaks then (about 1.5 spasms/day, seven times the baseline) and falls as the other "
            "phases take over.",
            "Remodeling does peak around day 21, but it is the phase in which the nervous system "
            "recalibrates: its guarding weight is small (0.1), so spasms are already fading.",
            "A healing course is the opposite of flat: it rises in the first days and fades over the "
            "following weeks. A flat course points to a cause that does not follow the phases.",
        ),
    ),
    Question(
        prompt=(
            "A diary shows widespread cramps at about the same rate every week for six weeks, with no "
            "injury. Which scenario of the model produces that pattern?"
        ),
        options=(
            "Healing after a strain.",
            "Electrolyte imbalance or dehydration.",
            "Infection of an injured area.",
        ),
        correct=1,
        feedback=(
            "Healing spasms are localized near the injury and fade as the tissue repairs; they need an "
            "injury to begin with.",
            "Right. Low Ca²⁺/Mg²⁺ shifts Na⁺-channel gating (notebook 03) and a fluid deficit raises the "
            "rate by the same factor on every day, so the rate is raised but flat and not tied to any "
            "phase; the cramps are widespread because every muscle sees the same blood.",
            "Infection follows an injury and shows up from about day 3 with swelling, redness and fever; "
            "its spasms are localized and increase.",
        ),
    ),
    Question(
        prompt=(
            "Why does the model stretch the whole timeline by about 3.3 for a severe strain (compared "
            "with a moderate one)?"
        ),
        options=(
            "Because grade-3 hamstring injuries took on average 73 days to return to play versus 22 days "
            "for grade 2 (Ekstrand et al. 2012), and 73/22 ≈ 3.3.",
            "Because a severe strain has three times as many phases.",
            "Because spasms are measured to last 3.3 times longer after severe strains.",
        ),
        correct=0,
        feedback=(
            "Right. No study gives a spasm time course, so the model borrows the best available clock "
            "for how long repair takes at each grade: return-to-play times from MRI-graded injuries.",
            "Every strain passes through the same three phases; severity changes how long they take "
            "and how strongly the muscle guards, not their number.",
            "There are no such measurements; that is exactly why the course calls the spasm curve a "
            "teaching model. The factor comes from return-to-play times.",
        ),
    ),
    Question(
        prompt=(
            "The simulated diary for 'healing' recorded 17 spasms in six weeks; the model expected 18.1. "
            "What does that difference mean?"
        ),
        options=(
            "The model is wrong by 6 %.",
            "Nothing special: a diary is one random draw (Poisson), so counts scatter around the "
            "expected value; another seed gives another count.",
            "The patient is healing faster than expected.",
        ),
        correct=1,
        feedback=(
            "A single diary cannot test the model: with about 18 expected events, the count of one "
            "diary typically varies by ±4 (the square root of 18).",
            "Right. The average over many virtual patients (the cohort mode) matches the expected "
            "count within a few per cent, but any one diary scatters.",
            "One diary with one fewer spasm than expected is well within random scatter; reading it as "
            "faster healing over-interprets noise.",
        ),
    ),
]
