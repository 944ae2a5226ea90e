"""Knowledge checks for notebook 05: treatment and management of spasms.

Facts from the source article's treatment advice (cold within 48 h, heat after the acute phase, rest
with controlled movement, fluids and electrolytes, professional care) and numbers from
:mod:`course.healing` at its defaults.
"""

from course.quizzes import Question

QUESTIONS = [
    Question(
        prompt="A friend strained a calf muscle this morning. Heat or cold for the first two days?",
        options=(
            "Cold: it limits early inflammation and swelling; heat is for after the acute phase.",
            "Heat: it relaxes the muscle and so reduces spasms from the start.",
            "Both at once, to cancel each other's side effects.",
        ),
        correct=0,
        feedback=(
            "Right. Cold belongs in the first 48 hours; heat helps later, once inflammation has settled.",
            "Heat does relax tight muscle, but on freshly inflamed tissue it adds blood flow and "
            "swelling. In the model it raises the rate during the first 48 hours, and the explorer "
            "flags it.",
            "They are meant for different phases: cold early, heat after the acute phase.",
        ),
    ),
    Question(
        prompt=(
            "An athlete trains hard every day without rest days and has cramps in the worked muscles "
            "that have not eased for three weeks. Which measure addresses the cause in the model?"
        ),
        options=(
            "Heat packs every evening.",
            "Rest and controlled movement: cut the hard load, keep gentle range-of-motion work.",
            "More water only.",
        ),
        correct=1,
        feedback=(
            "Heat may ease tight muscles, but the fatigue keeps building while the load continues; in "
            "the model heat does not touch training fatigue.",
            "Right. With the hard load cut to 30 %, fatigue levels off at under a third of its no-rest "
            "value, and the model avoids about 12 of the 25 expected spasms over six weeks.",
            "Fluids help when there is a deficit; this pattern points to overuse, and fluids do not "
            "remove fatigue from a load without rest.",
        ),
    ),
    Question(
        prompt=(
            "Spasms radiate from the lower back down the leg, with numbness and tingling, for four "
            "weeks. What is the right next step?"
        ),
        options=(
            "Wait: spasms are a sign of healing.",
            "Drink more and take electrolytes.",
            "Seek professional care (a doctor, physiatrist or physical therapist): numbness and "
            "tingling with radiating spasms point to a nerve cause.",
        ),
        correct=2,
        feedback=(
            "There is no injury here to heal, and numbness or tingling is a warning sign: a compressed "
            "nerve left untreated can be damaged for good.",
            "Fluids and electrolytes treat a metabolic cause; they do nothing for a compressed nerve.",
            "Right. A professional can find the cause and treat it (e.g. exercise programmes, "
            "electrical stimulation; rarely surgery to relieve pressure on the nerve).",
        ),
    ),
    Question(
        prompt=(
            "In the treatment explorer, rest, cold (from day 0) and heat (from day 2) avoid about 3 of 18 "
            "expected spasms over six weeks of normal healing. What does that tell you?"
        ),
        options=(
            "The treatments are useless for healing spasms.",
            "Healing spasms are part of repair: care eases them somewhat, but most fade on their own as "
            "the phases pass, unlike the causes a matching treatment removes.",
            "Heat should have been started on day 0 to avoid more.",
        ),
        correct=1,
        feedback=(
            "They do help (about a third of the spasms above the baseline in the model), just not by "
            "as much as removing a cause does.",
            "Right. For electrolyte loss or dehydration the matching treatment removes most of the "
            "extra spasms; for healing, time does most of the work.",
            "Starting heat on day 0 avoids fewer spasms in the model (about 0.6 instead of 1.1) because "
            "it feeds the inflammation of the first 48 hours, which is why it is flagged.",
        ),
    ),
]
