"""Knowledge checks for notebook 06: applying the criteria, and the final course quiz.

``CRITERIA_QUESTIONS`` (mid-notebook) checks how the self-check criteria and red flags work;
each expected verdict is the one :func:`course.selfcheck.assess` gives for the case described
(``tests/test_selfcheck.py`` checks that). ``QUESTIONS`` is the final course quiz over notebooks
01–05, with one closing case that ties them together. Facts follow ``COURSE_SPEC.md`` and the
sources in ``REFERENCES.md`` (Notebook 06).
"""

from course.quizzes import Question

__all__ = ["CRITERIA_QUESTIONS", "QUESTIONS"]

CRITERIA_QUESTIONS = [
    Question(
        prompt=(
            "Five days after a calf strain: mild, localized spasms at rest that are easing, no other "
            "symptoms, drinking normally — but since yesterday the foot on that side feels numb. "
            "What does the self-check say?"
        ),
        options=(
            "Consistent with healing: five of the criteria point that way.",
            "See a health professional: numbness is a red flag, whatever the other answers are.",
            "Monitor: one odd symptom is not enough to change anything.",
        ),
        correct=1,
        feedback=(
            "The criteria are not a vote. A single red flag decides the verdict, and numbness can mean a "
            "compressed nerve.",
            "Right. Numbness points to a nerve problem, and untreated nerve compression can leave lasting "
            "damage, so it overrides the reassuring answers.",
            "Numbness is one of the red flags: any one of them means seeing a professional, not waiting.",
        ),
    ),
    Question(
        prompt=(
            "No injury. After a long run on a hot day with heavy sweating, cramps appear in both calves "
            "and a thigh; they are moderate and have not changed since. What do the criteria point to?"
        ),
        options=(
            "Protective guarding of a healing muscle.",
            "A nerve being compressed in the back.",
            "Overuse together with fluid and electrolyte losses, not healing.",
        ),
        correct=2,
        feedback=(
            "Guarding needs an injured spot to protect, and it stays near that spot; these cramps are "
            "widespread and there is no injury.",
            "A nerve cause shows itself by spasms radiating from the back or neck, or by numbness, "
            "tingling or weakness; none of these is present.",
            "Yes. Timing during or after heavy exertion points to overuse, and widespread cramps with heavy "
            "sweating point to electrolytes or dehydration. The verdict is 'monitor', with fluids, "
            "electrolytes and rest as next steps.",
        ),
    ),
    Question(
        prompt=(
            "Two days after a hamstring strain: mild, localized spasms that are easing, and some swelling "
            "at the spot — no redness, no fever. Why does the self-check answer 'monitor' rather than "
            "'consistent with healing'?"
        ),
        options=(
            "Because swelling on its own points to inflammation: it is not a red flag, but the area should "
            "be watched for spreading redness or fever.",
            "Because any swelling means infection and needs a doctor today.",
            "Because two days is too early to judge anything.",
        ),
        correct=0,
        feedback=(
            "Right. 'Consistent with healing' needs no accompanying symptoms at all. Swelling alone "
            "caps the verdict at 'monitor'; redness together with swelling, or fever, would be red flags.",
            "Swelling alone is expected in the inflammation phase; only redness with swelling, or fever, "
            "is a red flag in the course's rules.",
            "Timing shortly after an injury is exactly when guarding spasms are expected; the swelling is "
            "what keeps the verdict at 'monitor'.",
        ),
    ),
]

QUESTIONS = [
    Question(
        prompt=(
            "Notebook 01. Why does a resting skeletal-muscle fibre sit near −85 to −90 mV and not "
            "near E_Na?"
        ),
        options=(
            "Because the Na⁺/K⁺ pump alone produces the whole voltage.",
            "Because at rest the membrane is far more permeable to K⁺ and Cl⁻ than to Na⁺, so their "
            "equilibrium potentials (about −97 and −87 mV) dominate.",
            "Because there is almost no Na⁺ outside the cell.",
        ),
        correct=1,
        feedback=(
            "The pump keeps the gradients in place and adds only a few millivolts directly; the voltage "
            "itself comes from ions moving through open channels.",
            "Right. The GHK equation weights each ion by its permeability; with P_Na a hundredth of P_K, "
            "E_Na (about +66 mV) pulls the resting potential only slightly.",
            "There is plenty of Na⁺ outside (135–145 mM, against about 12 mM inside); what is missing at "
            "rest is open Na⁺ channels.",
        ),
    ),
    Question(
        prompt="Notebook 02. Put excitation–contraction coupling in order.",
        options=(
            "Ca²⁺ enters from the blood → myosin binds actin → action potential → SERCA releases Ca²⁺.",
            "Action potential → Ca²⁺ released from the sarcoplasmic reticulum → Ca²⁺ binds troponin → "
            "cross-bridges form force → SERCA pumps Ca²⁺ back → relaxation.",
            "Troponin releases Ca²⁺ → action potential → cross-bridges detach → contraction.",
        ),
        correct=1,
        feedback=(
            "The Ca²⁺ for contraction comes mainly from the fibre's own store, the sarcoplasmic reticulum, "
            "and SERCA takes it back up rather than releasing it.",
            "Yes. Relaxation is active too: SERCA pumps use ATP to return Ca²⁺ to the store, and force "
            "falls as Ca²⁺ leaves troponin.",
            "Troponin is the Ca²⁺ sensor that lets cross-bridges form; it binds Ca²⁺ after release, it "
            "does not supply it.",
        ),
    ),
    Question(
        prompt=(
            "Notebook 02. Stimulation goes from 5 Hz to 50 Hz. What happens to the force, and why?"
        ),
        options=(
            "Twitches summate and fuse into a tetanus with a larger force, because Ca²⁺ stays high "
            "between spikes and the cross-bridges never fully relax.",
            "Force stays the same: each twitch is all-or-nothing.",
            "Force falls, because the SR runs out of Ca²⁺ at once.",
        ),
        correct=0,
        feedback=(
            "Right. A single twitch reaches only a fraction of the maximal force (about 0.1–0.3 of it); "
            "fusion by 30–60 Hz gives the full tetanic force.",
            "The action potential is all-or-nothing, but the force is not: spikes that come before "
            "relaxation is over add up.",
            "Within one second of stimulation the store keeps releasing; force rises with frequency "
            "until the twitches fuse.",
        ),
    ),
    Question(
        prompt="Notebook 03. Why can low ionized Ca²⁺ in the blood cause cramps or tetany?",
        options=(
            "Because muscle fibres then lack Ca²⁺ to contract, so they cramp.",
            "Because less Ca²⁺ outside lets Na⁺ channels open at more negative potentials, so motor "
            "axons can fire on their own and drive the muscle into involuntary contraction.",
            "Because low Ca²⁺ makes the resting potential far more negative.",
        ),
        correct=1,
        feedback=(
            "The Ca²⁺ for contraction comes from the SR inside the fibre, not from the blood; low blood "
            "Ca²⁺ acts on excitability instead.",
            "Yes. External Ca²⁺ (and, more weakly, Mg²⁺) screens charges on the membrane surface; with "
            "less of it, gating shifts by roughly 20 mV per tenfold drop and the axon becomes "
            "hyperexcitable.",
            "The resting potential hardly moves with Ca²⁺; what moves is the voltage at which Na⁺ "
            "channels open.",
        ),
    ),
    Question(
        prompt="Notebook 04. After a muscle strain, how do healing-related spasms change over the weeks?",
        options=(
            "They rise in the first days (inflammation, sensitised nerves) and fade as regeneration and "
            "remodeling take over.",
            "They start low and grow steadily for months.",
            "They stay at the same level until the muscle is fully healed, then stop at once.",
        ),
        correct=0,
        feedback=(
            "Right. Inflammation peaks around days 1–3, proliferation runs to about 3 weeks and "
            "remodeling for weeks to months; guarding spasms follow that arc downward.",
            "A steady rise is the opposite of healing and is one of the red flags (a worsening course).",
            "The phases overlap and change gradually, so the spasms fade gradually too.",
        ),
    ),
    Question(
        prompt="Notebook 05. How are cold and heat used over the course of a muscle injury?",
        options=(
            "Heat in the first 48 hours, cold afterwards.",
            "Cold in the first 48 hours to limit inflammation; heat after the acute phase to relax tight "
            "muscle.",
            "Only heat, at every stage.",
        ),
        correct=1,
        feedback=(
            "The other way round: early on the goal is to limit inflammation, which cold does.",
            "Right. That is the treatment table of the course: cold early, heat once the acute phase is "
            "over, together with rest and controlled movement.",
            "Heat helps relax muscle later on, but in the first 48 hours cold is used to limit inflammation.",
        ),
    ),
    Question(
        prompt=(
            "Notebook 05. A runner gets frequent cramps while training hard every day without rest days "
            "and drinking little. Which measures fit the course?"
        ),
        options=(
            "Train harder to toughen the muscles.",
            "Stretch only; fluids do not matter for cramps.",
            "Build in rest with gentle, controlled movement, and restore fluids and electrolytes "
            "through drink and diet.",
        ),
        correct=2,
        feedback=(
            "More load without rest is the overuse pattern itself and tends to make the cramps worse.",
            "Gentle stretching helps, but fluid and electrolyte balance keeps nerve and muscle membranes "
            "stable, so it matters too.",
            "Right. Overuse calls for rest and controlled movement, and poor intake for fluids and "
            "electrolytes; persistent cramps despite that deserve a professional look.",
        ),
    ),
    Question(
        prompt=(
            "Closing case. Three weeks after a back strain, spasms now shoot down one leg, are getting "
            "worse, and the foot tingles. Which statement is right?"
        ),
        options=(
            "Radiating spasms with tingling and a worsening course point to a nerve cause; these are red "
            "flags, so see a health professional.",
            "It is the remodeling phase, so some spasms are expected; wait and see.",
            "Drinking more water will settle it.",
        ),
        correct=0,
        feedback=(
            "Right. Tingling and a worsening course are both red flags, and radiating spasms point to an "
            "irritated or compressed nerve root.",
            "Healing spasms fade during remodeling and stay near the injury; these spread, grow and come "
            "with tingling.",
            "Fluids help cramps from dehydration, but nothing here points to fluids, and the red flags "
            "call for a professional assessment.",
        ),
    ),
]
