"""Knowledge checks for notebook 03: hyperexcitability and cramps.

Numbers quoted in the feedback come from :mod:`course.excitability` at its defaults (gating shift,
onset of spontaneous firing motor/sensory, rheobase) and from the cramp-threshold studies in
``course.excitability.CRAMP_THRESHOLD_STUDIES``; ``tests/test_excitability.py`` checks that they
still match.
"""

from course.quizzes import Question

QUESTIONS = [
    Question(
        prompt=(
            "Ionized Ca²⁺ falls from 1.2 to 0.6 mM while Mg²⁺ stays normal. What does this do to the "
            "Na⁺ channels of the model motor axon?"
        ),
        options=(
            "Their gates shift about 6 mV towards more negative potentials, so they start to open "
            "closer to the resting potential: the axon becomes easier to excite.",
            "Less Ca²⁺ flows in during each action potential, so the spikes get weaker and the axon "
            "becomes harder to excite.",
            "Nothing: Ca²⁺ carries no current at rest, so it cannot change excitability.",
            "Their gates shift towards more positive potentials, so a bigger stimulus is needed.",
        ),
        correct=0,
        feedback=(
            "Right. With less Ca²⁺ screening the negative charges on the outer membrane surface, the "
            "channels sense a more depolarised membrane: the model shifts every gate by −5.8 mV here "
            "(25 mV per ten-fold change of Ca²⁺ + 0.3·Mg²⁺).",
            "The action is not through Ca²⁺ current. The axon's spike is carried by Na⁺ and K⁺; external "
            "Ca²⁺ acts on the voltage the channels sense (surface-charge screening).",
            "True that Ca²⁺ carries no resting current here, but it still acts: bound and screening Ca²⁺ "
            "sets the electric field the channel's voltage sensor feels.",
            "That is what a rise of Ca²⁺ does (hypercalcaemia: less excitable). A fall shifts the gates "
            "the other way.",
        ),
    ),
    Question(
        prompt=(
            "Which change moves the gating curves more: halving serum Mg²⁺ (0.85 → 0.425 mM) or "
            "halving ionized Ca²⁺ (1.2 → 0.6 mM)?"
        ),
        options=(
            "Halving Ca²⁺: about −5.8 mV against about −1.0 mV for halving Mg²⁺.",
            "Both move them equally: each is a divalent cation.",
            "Halving Mg²⁺, because serum holds less Mg²⁺ than Ca²⁺.",
            "Halving Mg²⁺ has no effect at all on the gating.",
        ),
        correct=0,
        feedback=(
            "Right. Mg²⁺ screens and binds the surface charges less well than Ca²⁺ (Hille, Woodhull & "
            "Shapiro 1975): the model weighs it 0.3 times as much, so the same fractional fall matters "
            "less. Low Mg²⁺ still lowers the threshold, and with low Ca²⁺ the two add up.",
            "Both are divalent, but they are not equally effective: Ca²⁺ binds the membrane surface more "
            "strongly, so it shifts the gates more per mM.",
            "The smaller amount makes Mg²⁺'s share of the screening smaller, not larger; and Mg²⁺ is also "
            "the weaker screen per mM.",
            "It has an effect, just a smaller one: about −1.0 mV, which lowers the rheobase a little.",
        ),
    ),
    Question(
        prompt=(
            "Well below the onset (about 0.8 mM in the model) the motor axon fires by itself in bursts of "
            "closely spaced spikes. Why does the one motor unit it drives then show a sustained, "
            "cramp-like contraction instead of a series of separate twitches?"
        ),
        options=(
            "The spikes arrive faster than the muscle can relax between them, so the twitches add up "
            "and fuse into a tetanus.",
            "Low Ca²⁺ in the blood makes the muscle release more Ca²⁺ from its stores per spike.",
            "At low Ca²⁺ the muscle contracts on its own, without needing any spikes.",
            "Each action potential lasts ten times longer when Ca²⁺ is low.",
        ),
        correct=0,
        feedback=(
            "Right. A twitch lasts tens of milliseconds; when spikes come every few milliseconds (doublets "
            "and triplets) the next one arrives before the Ca²⁺ of the last has been pumped back, so the "
            "unit's force summates (notebook 02). A whole muscle is many units firing out of step, so "
            "real tetany is strong but not a maximal contraction.",
            "The muscle model of notebook 02 releases the same Ca²⁺ per spike whatever the blood Ca²⁺; "
            "the problem is the number of spikes, not their size.",
            "The contraction needs spikes. Remove the spike train and the force in the explorer stays "
            "at zero, however low the Ca²⁺.",
            "The spike keeps its shape in the model (a millisecond or two). What changes is how often "
            "the axon fires.",
        ),
    ),
    Question(
        prompt=(
            "In Stone et al. (2010) the cramp threshold frequency rose from about 20 to 33 Hz after a "
            "fatiguing toe-curl exercise. What does that result mean?"
        ),
        options=(
            "After the fatigue, a faster stimulation train was needed to set off a cramp: in this test "
            "the fatigued muscle was less cramp-prone, not more.",
            "Fatigue made cramps about 1.6 times more likely.",
            "The fatigued nerve fired by itself at 33 Hz.",
            "It proves that fatigue never causes cramps.",
        ),
        correct=0,
        feedback=(
            "Right. A lower threshold frequency means more cramp-prone (Miller & Knight 2009: 15 Hz in "
            "cramp-prone people versus 26 Hz in others). The rise after fatigue went against the popular "
            "idea. The axon model agrees: extra K⁺ around the axon depolarises it but never makes it "
            "fire; the neuromuscular theory puts the fatigue effect in the spinal reflexes instead.",
            "The direction is the other way: a higher threshold frequency means it took more to cause "
            "a cramp.",
            "The 33 Hz is the frequency of the electrical train the experimenters applied, not a "
            "spontaneous rate.",
            "Too strong. One laboratory model of electrically induced cramps cannot settle the cramps "
            "that happen during real exercise; it does show the simple story is not the whole story.",
        ),
    ),
    Question(
        prompt=(
            "After losing 2–3 % of body mass as sweat, the cramp threshold frequency did not change "
            "significantly; after plain water it fell by about 5 Hz, after an electrolyte drink it rose "
            "by about 5 Hz. Which conclusion do these studies support best?"
        ),
        options=(
            "Losing water by itself did not make muscles more cramp-prone in these tests; replacing "
            "salty sweat with plain water, which dilutes the blood's electrolytes, did.",
            "Dehydration is the main cause of muscle cramps.",
            "Drinking plain water after exercise always prevents cramps.",
            "Electrolytes make no difference to cramps.",
        ),
        correct=0,
        feedback=(
            "Right. This is where the article goes further than the evidence: it names dehydration as "
            "a cause, but in controlled tests (Miller et al. 2010; Lau et al. 2019) water loss alone "
            "did not lower the threshold. The dilution after plain water did.",
            "Not in these controlled studies: 3 % hypohydration gave no significant change. The article "
            "states more than they show.",
            "The opposite was seen: plain water lowered the threshold (more cramp-prone) in Lau et al. "
            "2019.",
            "The electrolyte drink raised the threshold by about 5 Hz, so the electrolytes did make a "
            "difference in that study.",
        ),
    ),
    Question(
        prompt=(
            "The article says low potassium can trigger cramps. What does the axon model of this "
            "notebook do when extracellular K⁺ falls from 4.0 to 3.0 mM?"
        ),
        options=(
            "It hyperpolarises and becomes harder to excite (rheobase about 112 → 161 µA/cm²), so the "
            "nerve model alone cannot produce such cramps.",
            "It fires by itself, like at low Ca²⁺.",
            "Nothing changes: K⁺ does not affect nerves.",
        ),
        correct=0,
        feedback=(
            "Right. E_K moves from −95 to −103 mV and drags the resting potential down. Clinically, low "
            "K⁺ does cause weakness and cramps, mostly through what comes with it (alkalosis lowers "
            "ionized Ca²⁺, diuretics also lower Mg²⁺) and through the muscle membrane (notebook 01). "
            "That is a limit of this model, not evidence against the link.",
            "The model does not fire at any K⁺: high K⁺ depolarises the node and from about 9 mM makes it "
            "inexcitable (weakness, as in hyperkalaemic patients). Low K⁺ pushes it away from threshold.",
            "K⁺ matters a lot: through E_K it sets how far the resting potential sits from threshold.",
        ),
    ),
    Question(
        prompt=(
            "Predict: ionized Ca²⁺ drifts down slowly after neck surgery. In the model, which axon "
            "starts to fire by itself first, and what would the patient notice first?"
        ),
        options=(
            "The sensory axon (at a higher Ca²⁺ than the motor axon): tingling around the mouth and in "
            "the fingertips comes before muscle spasm.",
            "The motor axon: carpopedal spasm comes first, tingling only later.",
            "Both at exactly the same Ca²⁺, because both have the same Na⁺ channels.",
            "Neither: low Ca²⁺ affects only the muscle, not its nerves.",
        ),
        correct=0,
        feedback=(
            "Right. Sensory axons carry more persistent Na⁺ current (Mogyoros, Bostock & Burke 2000), "
            "so in the model they fire at 0.88 mM while the motor axon waits until 0.82 mM. "
            "Paraesthesiae before tetany is the classic order (Macefield & Burke 1991).",
            "The order is the other way: the sensory axon is the more excitable one.",
            "The same channel types, but not the same amounts: the sensory axon has more persistent "
            "Na⁺ current, so its onset Ca²⁺ is higher.",
            "The surface-charge effect acts on the nerve's Na⁺ channels; muscle force follows the nerve's "
            "spikes.",
        ),
        kind="prediction",
    ),
]
