"""Knowledge checks for notebook 01: electrolytes, the resting membrane potential and the clinical picture of
the ions.

Numbers quoted in the feedback come from :mod:`course.electrolytes` at its defaults (37 °C, steady-state
chloride); ``tests/test_electrolytes.py`` checks that they still match the model. Fairness (COURSE_SPEC
"Learning design, version 2"): no option gives the answer away with a number, the right option is neither
always first nor always the longest, and each wrong option is a misconception students really hold.

The notebook asks question 1 as a prediction before the preset table, then shows question 2 (K⁺), 3–4 (Ca²⁺,
Mg²⁺ and chloride) and 5–8 (the clinical picture) in three blocks. Clinical sources: Mogyoros, Bostock & Burke
2000 and Turner et al. 2016 (tingling first, Chvostek and Trousseau signs); del Castillo & Engbaek 1954 (Mg²⁺
block of transmitter release); Krishnan et al. 2005 (hyperkalaemia depolarises motor axons without spontaneous
firing).
"""

import dataclasses

from course.quizzes import Question

#: Question kinds (recall / prediction / application), passed only where Question has the field.
_HAS_KIND = "kind" in {f.name for f in dataclasses.fields(Question)}


def _question(kind: str, **fields: object) -> Question:
    return Question(**fields, **({"kind": kind} if _HAS_KIND else {}))  # type: ignore[arg-type]

QUESTIONS = [
    _question(
        "prediction",
        prompt=(
            "Predict first: serum K⁺ falls from 4.0 to 3.0 mM and stays there for a day. What does the GHK model "
            "do to the resting potential of a skeletal-muscle fibre?"
        ),
        options=(
            "It becomes less negative: the fibre depolarises.",
            "It hardly moves, because Cl⁻ sets the resting potential.",
            "It becomes more negative: the fibre hyperpolarises.",
        ),
        correct=2,
        feedback=(
            "That is what high K⁺ does (6.5 mM gives about −79 mV). Less K⁺ outside widens the K⁺ gradient "
            "and moves the potential the other way.",
            "Cl⁻ carries much of the resting current, but once cytosolic Cl⁻ has settled it simply follows the "
            "membrane potential. Over hours, K⁺ and Na⁺ set V_rest.",
            "Right: about −89 → −94 mV. A smaller K⁺ concentration outside widens the gradient, so E_K and, with "
            "it, V_rest move further from zero. A hyperpolarised fibre needs a bigger push to reach threshold.",
        ),
    ),
    _question(
        "recall",
        prompt=(
            "In the explorer, the GHK curve of V_rest lies above the dashed E_K line, and the gap grows "
            "at low K⁺ (at 1 mM: about −111 mV versus −134 mV). Why?"
        ),
        options=(
            "Ca²⁺ leaks into the fibre at rest and depolarises it.",
            "A small Na⁺ leak matters more once the K⁺ term is small.",
            "The two lines are computed at two different temperatures.",
        ),
        correct=1,
        feedback=(
            "In this model Ca²⁺ has no resting permeability. Its role is on excitability (notebook 03), "
            "not on V_rest.",
            "Yes. With P_Na/P_K = 0.01, the Na⁺ term (0.01 × 140 = 1.4) is small next to 4 mM K⁺ but "
            "comparable to 1 mM K⁺, so V_rest no longer follows E_K and is pulled towards E_Na.",
            "Both lines use the same temperature (the slider value); the gap comes from the Na⁺ permeability.",
        ),
    ),
    _question(
        "prediction",
        prompt=(
            "Ionized Ca²⁺ drops to 0.8 mM (hypocalcaemia). What does the resting-potential model in this "
            "notebook predict, and what does it miss?"
        ),
        options=(
            "V_rest barely moves; the real effect is on Na⁺-channel gating.",
            "V_rest becomes much more negative, so the muscle relaxes.",
            "V_rest is pulled towards E_Ca, so the fibre depolarises.",
        ),
        correct=0,
        feedback=(
            "Correct. Ca²⁺ is absent from the GHK sum because its resting permeability is tiny. Low Ca²⁺ instead "
            "lets Na⁺ channels open at more negative potentials, so axons fire on their own: notebook 03.",
            "The model gives the same V_rest as at normal Ca²⁺. Low Ca²⁺ makes nerves more excitable, not the "
            "muscle more relaxed.",
            "E_Ca is strongly positive, but the resting membrane is almost impermeable to Ca²⁺, so E_Ca has no "
            "pull on V_rest.",
        ),
    ),
    _question(
        "recall",
        prompt=(
            "With the chloride switch on 'settled (steady state)', moving the extracellular Cl⁻ slider "
            "changes E_Cl but not V_rest. Why?"
        ),
        options=(
            "Resting muscle is not permeable to Cl⁻ at all.",
            "Settled Cl⁻ is at equilibrium, so it carries no net current.",
            "Cl⁻ carries a negative charge, so it cancels the effect of Na⁺.",
        ),
        correct=1,
        feedback=(
            "The opposite: resting muscle is about twice as permeable to Cl⁻ as to K⁺. It drops out only "
            "because it is in equilibrium.",
            "Right. Cytosolic Cl⁻ is not pumped, so it moves until E_Cl equals V_rest; then it cannot shift the "
            "potential. In the first seconds after a sudden change ('acute' setting) it does hold the potential.",
            "Charge sign alone does not cancel anything; the reason is that settled Cl⁻ is at equilibrium.",
        ),
    ),
    _question(
        "application",
        prompt=(
            "The day after a total thyroidectomy, a patient notices tingling around her mouth and in her "
            "fingertips; an hour later her hands cramp into a claw. Why did the tingling come first?"
        ),
        options=(
            "Low Ca²⁺ depolarises skin cells through the GHK sum, so the skin reacts first.",
            "Muscle needs Ca²⁺ entering from the blood to contract, so the spasm lags.",
            "Sensory axons have a larger persistent Na⁺ current, so they fire at a higher Ca²⁺.",
        ),
        correct=2,
        feedback=(
            "Ca²⁺ does not enter the GHK sum: its resting permeability is negligible. The tingling comes from "
            "sensory nerve fibres firing on their own, not from the skin's resting potential.",
            "Skeletal muscle contracts with Ca²⁺ released from its own internal store (notebook 02); it needs no "
            "Ca²⁺ from the blood. The spasm comes from motor axons that fire on their own.",
            "Yes (Mogyoros et al. 2000). Sensory axons start firing at a Ca²⁺ at which motor axons are still "
            "quiet. Chvostek's sign (a tap over the facial nerve twitches the lip) and Trousseau's sign (a "
            "blood-pressure cuff brings on the claw) reveal the same hidden excitability. After neck surgery this "
            "needs a doctor the same day; noisy breathing (laryngospasm) is an emergency.",
        ),
    ),
    _question(
        "application",
        prompt=(
            "A marathon runner gets calf cramps at 35 km. A friend says: 'You sweated out your calcium.' "
            "Is that a sound explanation?"
        ),
        options=(
            "Yes: sweat is rich in calcium, so a long run lowers blood Ca²⁺.",
            "Yes: losing water dilutes the calcium that is left in the blood.",
            "No: calcium has nothing to do with how excitable nerves are.",
            "No: PTH holds ionized Ca²⁺ steady, and sweat carries little.",
        ),
        correct=3,
        feedback=(
            "Sweat carries very little calcium, and parathyroid hormone (PTH) defends the ionized Ca²⁺ of the "
            "blood. Low ionized Ca²⁺ comes from parathyroid damage, vitamin D or Mg²⁺ deficiency, alkalosis or "
            "citrate after large transfusions.",
            "Losing water without salt concentrates the blood, it does not dilute it (the dehydration preset "
            "raises Na⁺ to about 147 mM). Drinking lots of plain water is what dilutes.",
            "Too far the other way: low ionized Ca²⁺ does make nerves fire on their own (tetany). It is just not "
            "what sweating does.",
            "Right. Exercise cramps are better explained by the neuromuscular theory (a tired muscle's reflexes "
            "drive its motor neurones; notebook 03) than by blood electrolytes.",
        ),
    ),
    _question(
        "application",
        prompt=(
            "A woman with pre-eclampsia receives intravenous magnesium sulfate. As her serum Mg²⁺ climbs far "
            "above normal, her knee jerks disappear and her muscles weaken. Which mechanism explains it best?"
        ),
        options=(
            "Mg²⁺ opposes Ca²⁺ at the motor nerve terminal and cuts acetylcholine release.",
            "Mg²⁺ enters the GHK sum and so hyperpolarises every muscle fibre, even at rest.",
            "Mg²⁺ behaves like a weak Ca²⁺, so the axons fire until the muscle tires.",
        ),
        correct=0,
        feedback=(
            "Yes (del Castillo & Engbaek 1954). Transmitter release is triggered by Ca²⁺ entering the nerve "
            "terminal; Mg²⁺ competes with it, so fewer packets of acetylcholine are released and transmission "
            "fails. Raising Ca²⁺ reverses the block, which is why calcium is given for magnesium toxicity.",
            "Mg²⁺, like Ca²⁺, is not part of the resting-potential sum: its resting permeability is negligible. "
            "Its effects are on channel gating and on transmitter release.",
            "Mg²⁺ shields the membrane's surface charge less than Ca²⁺ does, but raising either makes axons "
            "harder, not easier, to excite. At the nerve–muscle junction Mg²⁺ is an antagonist of Ca²⁺.",
        ),
    ),
    _question(
        "prediction",
        prompt=(
            "In kidney failure serum K⁺ reaches 7 mM. What do you expect in the motor axons and the muscles?"
        ),
        options=(
            "They depolarise and fire by themselves, giving tetany.",
            "They depolarise and become harder to excite: weakness.",
            "No change: potassium matters only for the heart.",
        ),
        correct=1,
        feedback=(
            "A tempting step from 'depolarised' to 'fires'. In kidney failure, the higher the serum K⁺, the more "
            "depolarised the motor axons, yet they do not fire by themselves (Krishnan et al. 2005). Hyperkalaemia "
            "presents with weakness, not tetany.",
            "Right. A lasting depolarisation inactivates Na⁺ channels, so axons and fibres become less "
            "excitable; severe hyperkalaemia gives flaccid paralysis. The explorer shows the first step: V_rest "
            "about −79 mV at 6.5 mM instead of −89 mV.",
            "The heart is the danger (arrhythmia), but nerve and skeletal muscle are depolarised too, and "
            "weakness is a common presenting sign.",
        ),
    ),
]
