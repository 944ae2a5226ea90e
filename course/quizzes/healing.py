"""Knowledge checks for notebook 04: the repair phases, the article's spasm hypothesis and its tests.

Keys follow the evidence (COURSE_SPEC "Evidence rules"): the phase-locked spasm curve is the source
article's hypothesis, guarding is pain adaptation (Lund et al. 1991; Hodges & Tucker 2011), a fluid
deficit alone does not change the cramp threshold (Miller et al. 2010; Lau et al. 2019), and low
ionized Ca²⁺ has real causes (PTH, vitamin D, Mg²⁺, alkalosis), not sweating. Numbers quoted in the
feedback come from :mod:`course.healing` at its defaults; ``tests/test_healing.py`` checks them.
"""

from course.quizzes import Question

QUESTIONS = [
    Question(
        prompt=(
            "The source article says a strained muscle spasms to brace itself, most of all in the first "
            "days. What do studies of pain and movement find happens to the activity of a painful muscle?"
        ),
        options=(
            "It rises into a steady protective spasm that splints the injury until the repair is over.",
            "It usually falls, while nearby antagonist muscles work a little more.",
            "Nothing changes: pain alters what we feel, never what the muscles do.",
        ),
        correct=1,
        feedback=(
            "That is the 'pain–spasm–pain' idea. Measurements do not support it as a rule: in most studies "
            "the painful muscle is *less* active, not more (Lund et al. 1991).",
            "Right. This is the pain-adaptation pattern (Lund et al. 1991). Guarding after an injury is a "
            "change of motor strategy, shaped by pain, fear of movement and deliberate bracing (Hodges & "
            "Tucker 2011), not a reflex spasm that comes and goes with the repair phases.",
            "Pain does change motor output, usually by lowering the activity of the painful muscle and "
            "redistributing load to others (Hodges & Tucker 2011).",
        ),
    ),
    Question(
        prompt=(
            "Which study would best test the article's claim that spasms after a strain rise in the first "
            "days and then fade as the muscle heals?"
        ),
        options=(
            "Ask people six weeks after their strain whether the spasms had been worst in the first few days.",
            "Run the course model with more virtual patients until the cohort mean is smooth.",
            "Record surface EMG at rest from the injured and the other leg, repeatedly over six weeks.",
            "Follow how fast the tear fades on repeated MRI scans.",
        ),
        correct=2,
        feedback=(
            "Memory six weeks later is biased by what people expect and by how the injury ended; it cannot "
            "count events day by day.",
            "A model cannot test its own assumption: more virtual patients only average out the random "
            "draws of a curve that was put in by hand.",
            "Right. Involuntary muscle activity shows up on EMG; comparing the injured side with the "
            "uninjured side at set days (and scoring blind to the day) would measure the curve the "
            "article describes. Nobody has published such a study.",
            "MRI follows tissue repair, which is real and well described; it says nothing about whether the "
            "muscle spasms.",
        ),
    ),
    Question(
        prompt=(
            "Predict before you try it in the explorer: with the article's hypothesis switched off, what "
            "happens to the dehydration scenario's expected spasm rate as the fluid deficit goes from 0 to 5 %?"
        ),
        options=(
            "It does not change.",
            "It rises steadily, to about 4 times the background at 5 %.",
            "It falls, because a smaller blood volume brings fewer ions to the membranes.",
        ),
        correct=0,
        feedback=(
            "Right. Off means the evidence: a 3 % body-mass deficit alone did not change the cramp "
            "threshold (Miller et al. 2010), nor did about 2 % (Lau et al. 2019), so the model adds "
            "nothing. Only plain water drunk afterwards made cramps easier to trigger.",
            "That is what the article's hypothesis gives (1 + 0.6 × 5 = 4). Tick the check box to see it, "
            "but it is the claim, not what the cramp-threshold studies found.",
            "Losing water concentrates the ions in plasma rather than depleting them, and neither effect "
            "changed the cramp threshold in the controlled studies.",
        ),
    ),
    Question(
        prompt=(
            "Three days after thyroid surgery a woman notices tingling around her mouth and in her "
            "fingertips, and her hands cramp. Which explanation fits best?"
        ),
        options=(
            "Sweating in the warm ward has washed calcium and magnesium out of her blood.",
            "Her hand muscles are guarding against pain from the wound in her neck.",
            "Too little parathyroid hormone: her ionized Ca²⁺ has fallen.",
            "Dehydration after the operation has concentrated her blood salts.",
        ),
        correct=2,
        feedback=(
            "Sweat carries little calcium or magnesium, and PTH defends blood calcium; sweating does not "
            "produce hypocalcaemia.",
            "Guarding is local to a painful part, and it would not explain tingling around the mouth.",
            "Right. The parathyroid glands sit beside the thyroid and can be bruised or removed in surgery. "
            "With less PTH, ionized Ca²⁺ falls, Na⁺ channels open more easily (notebook 03) and sensory "
            "axons fire first, hence the tingling. This needs a doctor the same day.",
            "Concentrated blood would, if anything, raise calcium; fluid loss is not a cause of low Ca²⁺.",
        ),
    ),
    Question(
        prompt=(
            "The simulated diary for 'healing' recorded 17 spasms in six weeks where the model expected "
            "about 18. What does that difference mean?"
        ),
        options=(
            "The model is wrong by about 6 %.",
            "Random scatter: one diary is one random draw.",
            "The patient is healing faster than expected.",
        ),
        correct=1,
        feedback=(
            "A single diary cannot test the model: with about 18 expected events, the count of one diary "
            "typically varies by about ±4 (the square root of 18).",
            "Right. Counts scatter around the expected value (Poisson); another seed gives another count. "
            "The mean over many virtual patients (the cohort) lands on the expectation.",
            "One spasm fewer than expected is well within random scatter; reading it as faster healing "
            "over-interprets noise — a useful warning for real diaries too.",
        ),
    ),
    Question(
        prompt=(
            "Why does the model stretch the whole timeline by about 3.3 for a severe strain compared with "
            "a moderate one?"
        ),
        options=(
            "Because spasms have been measured to last 3.3 times longer after severe strains.",
            "Because a severe strain passes through three times as many repair phases.",
            "Return to play: 73 days for MRI grade 3 against 22 for grade 2.",
        ),
        correct=2,
        feedback=(
            "There are no such measurements; that is exactly why the spasm curve is labelled a hypothesis. "
            "The factor comes from return-to-play times.",
            "Every strain goes through the same three phases; severity changes how long they take, not "
            "their number.",
            "Right (Ekstrand et al. 2012; 73/22 ≈ 3.3). Return to play is a measured clock for how long "
            "repair takes at each grade; the model borrows it for the phases, not for spasms.",
        ),
    ),
]
