"""Knowledge checks for notebook 02: calcium and contraction.

Numbers quoted in the feedback come from :mod:`course.contraction` at its defaults (fast-twitch
parameter set); ``tests/test_contraction.py`` checks that they still match the model.
"""

from course.quizzes import Question

QUESTIONS = [
    Question(
        prompt=(
            "One action potential reaches a fast-twitch fibre. Which sequence puts the events in the "
            "right order?"
        ),
        options=(
            "Ca²⁺ leaves the SR → Ca²⁺ binds troponin → cross-bridges attach → force → SERCA pumps Ca²⁺ "
            "back → force falls.",
            "Cross-bridges attach → Ca²⁺ leaves the SR → Ca²⁺ binds troponin → force → force falls.",
            "SERCA pumps Ca²⁺ into the cytosol → Ca²⁺ binds myosin → force → Ca²⁺ leaks back into the SR.",
        ),
        correct=0,
        feedback=(
            "Right. Release comes first, troponin turns the thin filament on, cross-bridges make the force, "
            "and relaxation needs the Ca²⁺ to be pumped back into the SR.",
            "Cross-bridges cannot attach before Ca²⁺ has moved troponin out of the way: the Ca²⁺ signal "
            "comes first.",
            "SERCA works the other way: it takes Ca²⁺ out of the cytosol into the SR. In skeletal muscle "
            "Ca²⁺ acts on troponin, on the thin filament, not on myosin.",
        ),
    ),
    Question(
        prompt=(
            "A single twitch of the model's fast fibre reaches only about 27 % of the force of a fused "
            "tetanus, although free Ca²⁺ rises to about 18 µM — far above the pCa50 of 1.6 µM. Why?"
        ),
        options=(
            "The Ca²⁺ transient is over before the cross-bridges have had time to build up full force.",
            "17 µM is not enough Ca²⁺ to switch troponin on.",
            "The SR runs out of Ca²⁺ after one action potential.",
        ),
        correct=0,
        feedback=(
            "Yes. Activation is almost complete for a few tens of milliseconds, but force develops more "
            "slowly than that; when Ca²⁺ is pumped away, force falls before it can reach its maximum. "
            "Repeated stimuli keep activation on long enough for force to climb.",
            "At 18 µM the force–pCa curve is at its top: the thin filament is fully switched on. Time, "
            "not the amount of Ca²⁺, is what limits a twitch.",
            "One action potential releases only about a fifth of the Ca²⁺ held in the SR: Ca²⁺ itself "
            "closes the release channels within a few milliseconds, long before the SR could empty. A "
            "second stimulus 30 ms later still lifts force from 27 % to about 39 %.",
        ),
    ),
    Question(
        prompt=(
            "Stimuli arrive at 10 Hz and then at 50 Hz. What happens to the force, according to the model "
            "and to measurements in human motor units?"
        ),
        options=(
            "At 10 Hz force rises and falls with every stimulus (unfused); at 50 Hz the twitches merge "
            "into a smooth, much larger force (fused tetanus).",
            "Force is the same at both rates, because every action potential releases the same Ca²⁺.",
            "At 50 Hz the fibre cannot respond any more, so force is smaller than at 10 Hz.",
        ),
        correct=0,
        feedback=(
            "Right. At 10 Hz there is time to pump Ca²⁺ back and relax between stimuli (fusion index about "
            "0.5); at 50 Hz the next stimulus comes before Ca²⁺ has gone, activation stays on and force "
            "climbs to about 99 % of maximum (fusion index about 1).",
            "At 50 Hz the later stimuli in fact release less Ca²⁺ than the first, because the release "
            "channels have not recovered from Ca²⁺ inactivation. Force is still far larger: each pulse "
            "arrives before the previous one has been cleared, so their effects add up (summation).",
            "Skeletal muscle fibres follow 50 Hz easily. The force–frequency curve keeps rising until it "
            "levels off somewhere between 30 and 100 Hz.",
        ),
    ),
    Question(
        prompt=(
            "A drug halves the speed of the SERCA pumps. What do you expect for a train of stimuli at "
            "15 Hz?"
        ),
        options=(
            "Relaxation is slower and the twitches fuse more, so force is higher and lingers after the "
            "stimuli stop — a contraction that does not let go.",
            "Force falls, because less Ca²⁺ is released.",
            "Nothing changes: SERCA only matters at rest.",
        ),
        correct=0,
        feedback=(
            "Yes. Ca²⁺ stays in the cytosol longer, troponin stays on, and each twitch lasts longer: in the "
            "model the half-relaxation time of a twitch grows by about a third and a 15-Hz train goes from "
            "about 64 % to about 93 % of maximal force.",
            "Release is unchanged; what changes is how fast the Ca²⁺ is cleared afterwards. Slower "
            "clearance means more force, not less.",
            "SERCA is what ends every contraction: relaxation needs Ca²⁺ to go back into storage, which is "
            "exactly SERCA's job.",
        ),
    ),
    Question(
        prompt=(
            "A mutation shifts the force–pCa curve to the left (pCa50 from 5.8 to 6.1). What does that mean?"
        ),
        options=(
            "The filaments are more Ca²⁺-sensitive: half force needs only about 0.8 µM Ca²⁺ instead of "
            "1.6 µM, so the same Ca²⁺ transient gives more and longer force.",
            "The filaments are less Ca²⁺-sensitive and need more Ca²⁺.",
            "The maximal force of the fibre doubles.",
        ),
        correct=0,
        feedback=(
            "Right. A higher pCa50 means a lower Ca²⁺ concentration: 10^(6 − 6.1) ≈ 0.8 µM. Force switches "
            "on earlier in the rise of Ca²⁺ and stays on longer in its fall.",
            "pCa is a negative logarithm: a larger pCa50 means a smaller Ca²⁺ concentration at half force, "
            "i.e. more sensitivity.",
            "The Hill curve always tops out at the same maximal force; pCa50 moves it sideways only.",
        ),
    ),
]
