"""Knowledge checks for notebook 06: how triage works, and the final course quiz (new cases).

``CRITERIA_QUESTIONS`` (mid-notebook) ask for the urgency the version-2 self-check gives to a case;
each key is the tier :func:`course.selfcheck.assess` returns for the answers written next to it in
``tests/test_selfcheck.py``. ``QUESTIONS`` is the final quiz: new cases that apply notebooks
01–05, keyed to the evidence (COURSE_SPEC "Evidence rules"; sources in REFERENCES.md).
Right options are deliberately not the longest, and distractors are misconceptions people hold.
"""

from course.quizzes import Question

__all__ = ["CRITERIA_QUESTIONS", "QUESTIONS"]

CRITERIA_QUESTIONS = [
    Question(
        prompt=(
            "Five days after a calf strain the spasms are mild, near the strain and easing, but since "
            "this morning the foot on that side feels numb. Which urgency does the self-check give?"
        ),
        options=(
            "Self-care: most of the answers look like a recovering strain.",
            "See a GP or physiotherapist within about a week.",
            "Emergency: numbness always means calling 999.",
        ),
        correct=1,
        feedback=(
            "The answers are not a vote: one answer with a floor sets a minimum, whatever the others say.",
            "Right. Numbness has a 'see soon' floor: a nerve may be irritated, and an examination will "
            "tell. It would be higher with weakness (same day) or saddle numbness (emergency).",
            "Numbness alone is not an emergency sign; numbness between the legs with a bladder change is.",
        ),
    ),
    Question(
        prompt=(
            "Four days after knee surgery, the calf on that side aches, is swollen and feels warm. No "
            "chest pain, no breathlessness. What is the right destination?"
        ),
        options=(
            "Rest, ice and elevation at home, and watch it for a week.",
            "A doctor today: urgent GP, urgent care or NHS 111.",
            "Nothing: swelling is part of healing after an operation.",
        ),
        correct=1,
        feedback=(
            "Watching for a week could miss a clot that needs a scan within hours.",
            "Right. Swelling or warmth in the leg after surgery is a possible deep-vein thrombosis "
            "(NICE NG158: scan within 4 hours); with breathlessness or chest pain it becomes 999.",
            "Some swelling at the wound is expected; a swollen, warm calf after surgery must be checked "
            "for a clot the same day.",
        ),
    ),
    Question(
        prompt=(
            "After a hot marathon in which she drank plain water at every station, a runner has cramps in "
            "both legs and is becoming confused. What should happen?"
        ),
        options=(
            "Drink more water with salt tablets and rest in the shade.",
            "Call an emergency number now.",
            "Stretch the calves; confusion is normal after a marathon.",
        ),
        correct=1,
        feedback=(
            "More fluid is exactly what must not be given: overdrinking is the main cause of low blood "
            "sodium in endurance events (Hew-Butler et al. 2015).",
            "Right. Confusion is a danger sign, and after overdrinking it can mean exercise-associated "
            "hyponatraemia, which is treated in hospital.",
            "Confusion is never normal after a race: it is one of the emergency signs.",
        ),
    ),
    Question(
        prompt=(
            "Why does the self-check ask the emergency questions before any of the spasm criteria?"
        ),
        options=(
            "Because the order of questions does not change any answer.",
            "So that a life-threatening picture gets its destination at once, instead of being averaged "
            "with reassuring answers or lost in a long form.",
            "Because emergencies are common among people with cramps.",
        ),
        correct=1,
        feedback=(
            "In this tool, a ticked danger sign shows the emergency route before the rest is answered; "
            "real triage systems (NHS Pathways, Manchester Triage) start the same way.",
            "Right. Symptom checkers under-triage emergencies surprisingly often (Semigran et al. 2015; "
            "Hill et al. 2020); screening first is one defence.",
            "Emergencies are rare among people with cramps; the screen is there because missing one "
            "costs so much.",
        ),
    ),
]

QUESTIONS = [
    Question(
        prompt=(
            "Notebook 01. A patient's serum K⁺ falls from 4.5 to 2.8 mM. What does the GHK model predict "
            "for the resting potential of skeletal muscle?"
        ),
        options=(
            "It becomes more negative (hyperpolarised), following E_K.",
            "It becomes less negative, so the fibre sits closer to threshold and fires more easily.",
            "It does not change, because Cl⁻ sets the resting potential.",
        ),
        correct=0,
        feedback=(
            "Right. Less K⁺ outside makes E_K more negative, and the resting potential follows it part of "
            "the way; clinically, low K⁺ causes weakness rather than tetany.",
            "That is what happens when K⁺ rises, not when it falls.",
            "Cl⁻ matters a lot at rest, but in steady state it redistributes and the potential still "
            "follows K⁺.",
        ),
    ),
    Question(
        prompt="Notebook 02. Where does the Ca²⁺ that switches on contraction in skeletal muscle come from?",
        options=(
            "It floods in from the blood through channels in the surface membrane, as the source article "
            "describes it.",
            "From the fibre's own store, the sarcoplasmic reticulum (SR).",
            "From troponin, which releases Ca²⁺ when the fibre is stretched.",
        ),
        correct=1,
        feedback=(
            "That is true of heart muscle in part, but skeletal muscle contracts even with no Ca²⁺ "
            "outside for a while: its trigger Ca²⁺ is internal.",
            "Right. The voltage sensor in the T-tubule opens the release channels of the SR mechanically; "
            "SERCA pumps the Ca²⁺ back to relax.",
            "Troponin is the Ca²⁺ sensor on the thin filament; it binds Ca²⁺, it does not supply it.",
        ),
    ),
    Question(
        prompt=(
            "Notebook 03. Why do people with a falling blood Ca²⁺ usually notice tingling of the lips "
            "and fingertips before their hands cramp?"
        ),
        options=(
            "Because the skin has fewer Ca²⁺ channels, so its nerve endings feel the change first and "
            "send warning signals.",
            "Sensory axons are more excitable, so they start firing at a higher Ca²⁺.",
            "Because the tingling comes from the muscles cramping.",
        ),
        correct=1,
        feedback=(
            "Calcium acts here on the voltage sensing of Na⁺ channels, not through Ca²⁺ channels in skin.",
            "Right. Sensory axons carry more persistent Na⁺ current (Mogyoros et al. 2000); the model's "
            "sensory fibre starts firing before the motor fibre as Ca²⁺ falls.",
            "The tingling usually comes first, before any cramp; it is the sensory nerves firing.",
        ),
    ),
    Question(
        prompt=(
            "Notebook 03. A footballer gets a calf cramp in the last minutes of a match. What does the "
            "evidence say helps most, there and then?"
        ),
        options=(
            "Drinking a litre of water at once.",
            "Stretching the cramping muscle.",
            "A salt tablet.",
        ),
        correct=1,
        feedback=(
            "Cramp-threshold studies found no effect of dehydration alone, and a litre at once risks "
            "diluting blood sodium.",
            "Right. Stretch loads the tendon organs, whose inhibition can stop the discharge; it is the "
            "best-supported acute treatment (Miller et al. 2022).",
            "Salt has not been shown to stop a cramp in progress; fatigue of the reflex control is the "
            "likelier driver in this setting.",
        ),
    ),
    Question(
        prompt=(
            "Notebook 04. What would a good study need to measure to test the article's claim that "
            "spasms are a sign that a strain is healing?"
        ),
        options=(
            "How many people believe the claim.",
            "Muscle activity (surface EMG) day by day after strains, alongside how well each one healed.",
            "The force of one twitch in a healthy muscle.",
        ),
        correct=1,
        feedback=(
            "Belief is not evidence about muscles; it would only tell us how popular the idea is.",
            "Right. No such study exists yet; the pain-adaptation evidence suggests pain usually lowers "
            "activity of the painful muscle (Lund et al. 1991; Hodges & Tucker 2011).",
            "A twitch in a healthy muscle says nothing about what happens after an injury.",
        ),
    ),
    Question(
        prompt=(
            "Notebook 05. Which complication after a closed calf strain should never be waited out?"
        ),
        options=(
            "A bruise that spreads down to the ankle over a few days.",
            "Stiffness on the first morning.",
            "Pain far beyond the injury in a tense, tight calf.",
        ),
        correct=2,
        feedback=(
            "Bruising that tracks down with gravity is common and usually harmless.",
            "Morning stiffness is common and eases with gentle movement.",
            "Right. That is the picture of compartment syndrome, an emergency (BOAST guidance); infection "
            "after a closed strain, by contrast, is rare.",
        ),
    ),
    Question(
        prompt=(
            "Closing case. A 58-year-old started a statin 5 weeks ago; since then both thighs ache and "
            "cramp at night. No weakness, urine normal. What fits best?"
        ),
        options=(
            "A GP within about a week, for a medicine review and a blood test.",
            "Stop the statin today without telling anyone, since muscle pain proves it is harming the muscles.",
            "Drink more water; the cramps are from dehydration.",
        ),
        correct=0,
        feedback=(
            "Right. A new medicine sets a 'see soon' floor; statin muscle symptoms are checked with "
            "creatine kinase, and weakness or dark urine would make it same-day or an emergency.",
            "Stopping a prescribed medicine should be decided with the prescriber; the GP may well "
            "change it.",
            "Nothing here points to fluids, and dehydration alone has not been shown to cause cramps.",
        ),
    ),
]
