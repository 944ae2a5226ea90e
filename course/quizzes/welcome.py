"""Warm-up questions for the welcome notebook: the Nernst warm-up, the words for what muscles do, and how the
course treats the article's claim that spasms are part of healing.

Fairness (COURSE_SPEC "Learning design, version 2"): the right option is not always first or longest, and each
wrong option is a misconception students really hold. The notebook shows questions 1–2 after the terminology box
and question 3 after the warm-up explorer. Sources: ``course.terminology`` (Minetto et al. 2013; Lance 1980;
Jansen et al. 2002); pain adaptation (Lund et al. 1991; Hodges & Tucker 2011).
"""

import dataclasses

from course.quizzes import Question

#: Question kinds (recall / prediction / application), passed only where Question has the field.
_HAS_KIND = "kind" in {f.name for f in dataclasses.fields(Question)}


def _question(kind: str, **fields: object) -> Question:
    return Question(**fields, **({"kind": kind} if _HAS_KIND else {}))  # type: ignore[arg-type]

QUESTIONS = [
    _question(
        "application",
        prompt=(
            "A runner's calf suddenly locks into a hard, painful knot near the end of a race. It lets go after "
            "about a minute when she pulls her toes towards her shin. Which term fits best?"
        ),
        options=("Spasticity", "Cramp", "Tetany", "Contracture"),
        correct=1,
        feedback=(
            "Spasticity sounds like 'spasm' but is a different thing: tone that grows with the speed of a passive "
            "stretch after a lesion of the brain or spinal cord (an upper-motor-neurone sign). It does not come and "
            "go in a healthy runner's calf.",
            "Yes. Sudden, painful, in one muscle, and switched off by stretching it: that is a cramp, driven by "
            "motor units firing on their own (see the terminology box).",
            "Tetany comes from over-excitable peripheral nerves, usually with low ionized calcium or after "
            "over-breathing; it starts with tingling around the mouth and fingers and affects hands and feet, "
            "and stretching does not end it.",
            "A contracture in the physiological sense is electrically silent and is not relieved by stretch "
            "(for example in McArdle disease); a cramp is full of motor-unit activity.",
        ),
    ),
    _question(
        "recall",
        prompt=(
            "The article this course is built on says that spasms after a muscle strain are part of the healing "
            "process. How does the course treat that statement?"
        ),
        options=(
            "As a hypothesis: nobody has yet measured spasms after a strain.",
            "As settled physiology: spasms guard the tissue while it repairs.",
            "As disproved: muscles never contract on their own after an injury.",
        ),
        correct=0,
        feedback=(
            "Yes. Spasm frequency through the weeks after a strain has never been recorded, and pain usually damps "
            "down the painful muscle itself (the pain-adaptation model). The course simulates what the hypothesis "
            "predicts and asks what measurement, such as surface EMG after a strain, would test it.",
            "That is the article's claim, not an established finding. Guarding is mostly a change in how the "
            "nervous system uses the muscles, driven by pain and fear, and pain tends to quieten the painful "
            "muscle rather than make it spasm.",
            "Too strong in the other direction: cramps and other involuntary contractions certainly occur, after "
            "an injury or without one. What is unproven is that they are part of repair or a sign that it is "
            "going well.",
        ),
    ),
    _question(
        "prediction",
        prompt=(
            "In the warm-up explorer you raise extracellular K⁺ from 4 to 8 mM. "
            "Predict: what happens to the K⁺ equilibrium potential E_K?"
        ),
        options=(
            "It becomes more negative, because more positive charge sits outside.",
            "Nothing: E_K depends only on the K⁺ inside the cell.",
            "It becomes less negative, closer to 0 mV.",
        ),
        correct=2,
        feedback=(
            "A common intuition, but the Nernst potential depends on the concentration ratio: more K⁺ outside "
            "shrinks the gradient, so a smaller voltage balances it and E_K moves towards zero.",
            "E_K depends on the ratio of the outside to the inside concentration, so changing the outside changes "
            "it. Move the slider to see it.",
            "Right. A smaller gradient needs a smaller balancing voltage: the explorer shows E_K rising from about "
            "−97 mV towards −78 mV.",
        ),
    ),
]
