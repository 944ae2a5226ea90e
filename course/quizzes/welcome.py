"""Warm-up questions for the welcome notebook (how to read the explorers)."""

from course.quizzes import Question

QUESTIONS = [
    Question(
        prompt=(
            "In the warm-up explorer you raise extracellular K⁺ from 4 to 8 mM. "
            "What happens to the K⁺ equilibrium potential E_K?"
        ),
        options=(
            "It becomes less negative (moves towards 0 mV).",
            "It becomes more negative.",
            "It does not change: E_K depends only on the inside of the cell.",
        ),
        correct=0,
        feedback=(
            "Yes. Less K⁺ gradient means a smaller voltage is needed to balance it: E_K rises from about "
            "−97 mV to about −78 mV.",
            "The other way round: a higher outside concentration shrinks the gradient, so the balancing "
            "voltage is smaller in size.",
            "E_K depends on the ratio of outside to inside concentration, so changing the outside changes it.",
        ),
    ),
    Question(
        prompt="The green shaded band on an explorer's axis marks…",
        options=(
            "the normal (clinical reference) range of that quantity.",
            "values that are dangerous.",
            "the range where the model is most accurate.",
        ),
        correct=0,
        feedback=(
            "Right: shaded bands mark normal ranges; the sentence under each figure says the same in words.",
            "No: the band marks the normal range. Values outside it are not automatically dangerous, "
            "and the course never diagnoses.",
            "No: it marks the normal range of the quantity, not a statement about model accuracy.",
        ),
    ),
    Question(
        prompt="The self-check at the end of the course tells you that your spasms are 'consistent with healing'. "
        "What does that mean?",
        options=(
            "The answers fit the pattern the course teaches for healing-related spasms; it is not a diagnosis.",
            "A doctor has confirmed that nothing is wrong.",
            "You can ignore new symptoms such as numbness or fever.",
        ),
        correct=0,
        feedback=(
            "Exactly: it is an educational reading of the criteria, with reasons. See a professional "
            "whenever you are unsure.",
            "No: the course is education, not diagnosis. Nobody has examined you.",
            "Never: numbness, fever and other red flags always mean 'see a health professional'.",
        ),
    ),
]
