"""Knowledge checks for notebook 01: electrolytes and the resting membrane potential.

Numbers quoted in the feedback come from :mod:`course.electrolytes` at its defaults (37 °C,
steady-state chloride); ``tests/test_electrolytes.py`` checks that they still match the model.
"""

from course.quizzes import Question

QUESTIONS = [
    Question(
        prompt=(
            "Serum K⁺ falls from 4.0 to 3.0 mM and stays there for a day. According to the GHK model, "
            "what happens to the resting potential of a skeletal-muscle fibre?"
        ),
        options=(
            "It becomes more negative (about −89 → −94 mV): the fibre is hyperpolarised.",
            "It becomes less negative (about −89 → −79 mV): the fibre is depolarised.",
            "Nothing: the resting potential is set by Cl⁻, not by K⁺.",
        ),
        correct=0,
        feedback=(
            "Right. A smaller K⁺ concentration outside widens the K⁺ gradient, so E_K and, with it, V_rest "
            "move further from zero. A hyperpolarised fibre needs a bigger push to reach threshold.",
            "That is what happens with high K⁺ (6.5 mM gives about −79 mV). Low K⁺ widens the gradient "
            "and moves the potential the other way.",
            "Cl⁻ carries much of the resting current, but once cytosolic Cl⁻ has settled it simply follows "
            "the membrane potential. Over hours, K⁺ and Na⁺ set V_rest.",
        ),
    ),
    Question(
        prompt=(
            "In the explorer, the GHK curve of V_rest lies above the dashed E_K line, and the gap grows "
            "at low K⁺ (at 1 mM: about −111 mV versus −134 mV). Why?"
        ),
        options=(
            "Because the membrane also lets a little Na⁺ in; when the K⁺ term gets small, that Na⁺ leak "
            "matters relatively more and pulls V_rest towards E_Na.",
            "Because E_K is computed at a different temperature.",
            "Because Ca²⁺ enters the fibre at rest and depolarises it.",
        ),
        correct=0,
        feedback=(
            "Yes. With P_Na/P_K = 0.01, the Na⁺ term (0.01 × 140 = 1.4) is small next to 4 mM K⁺ but "
            "comparable to 1 mM K⁺, so V_rest no longer follows E_K.",
            "Both lines use the same temperature (the slider value); the gap comes from the Na⁺ "
            "permeability.",
            "In this model Ca²⁺ has no resting permeability. Its role is on excitability (notebook 03), "
            "not on V_rest.",
        ),
    ),
    Question(
        prompt=(
            "Ionized Ca²⁺ drops to 0.8 mM (hypocalcaemia). What does the resting-potential model in this "
            "notebook predict, and what does it miss?"
        ),
        options=(
            "V_rest hardly changes; the real effect of low Ca²⁺ is to make Na⁺ channels open more easily, "
            "which this model does not include.",
            "V_rest becomes much more negative, so the muscle relaxes.",
            "V_rest jumps to E_Ca, about +120 mV.",
        ),
        correct=0,
        feedback=(
            "Correct. Ca²⁺ does not appear in the GHK sum because resting Ca²⁺ permeability is tiny. Low "
            "Ca²⁺ (and low Mg²⁺) instead shifts channel gating so nerves fire on their own: that is the "
            "subject of notebook 03.",
            "The model gives the same V_rest as at normal Ca²⁺. Low Ca²⁺ makes nerve and muscle more "
            "excitable, not more relaxed.",
            "The resting membrane is almost impermeable to Ca²⁺, so E_Ca has no pull on V_rest.",
        ),
    ),
    Question(
        prompt=(
            "With the chloride switch on 'settled (steady state)', moving the extracellular Cl⁻ slider "
            "changes E_Cl but not V_rest. Why?"
        ),
        options=(
            "Cytosolic Cl⁻ is not pumped, so it moves until E_Cl equals V_rest; after that Cl⁻ carries no "
            "net current and cannot shift the potential.",
            "Because the Cl⁻ permeability of muscle is zero.",
            "Because Cl⁻ is negative, so its effect cancels that of Na⁺.",
        ),
        correct=0,
        feedback=(
            "Right. Cl⁻ settles wherever the cations put the membrane. In the first seconds after a sudden "
            "change ('acute' setting) it does hold the potential, because muscle's Cl⁻ permeability is high.",
            "The opposite: resting muscle is about twice as permeable to Cl⁻ as to K⁺. It drops out only "
            "because it is in equilibrium.",
            "Charge sign alone does not cancel anything; the reason is that settled Cl⁻ is at equilibrium.",
        ),
    ),
]
