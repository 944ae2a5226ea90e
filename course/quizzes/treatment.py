"""Knowledge checks for notebook 05: treatments and their evidence, and when home care is not enough.

Keys follow the evidence (COURSE_SPEC "Evidence rules"): stretching is the best-supported acute
treatment of a cramp (Miller et al. 2022); the 48-hour heat/cold rule is a convention with few trials
(Malanga et al. 2015) and icing delayed regeneration in animals (Singh et al. 2017); therapeutic
ultrasound did not improve regeneration (Wilkin et al. 2004); over-drinking plain water causes
hyponatraemia (Hew-Butler et al. 2015); magnesium does not prevent idiopathic cramps (Garrison et al.
2020). Numbers quoted come from :mod:`course.healing` at its defaults; ``tests/test_healing.py``
checks them.
"""

from course.quizzes import Question

QUESTIONS = [
    Question(
        prompt=(
            "A friend strained a calf muscle this morning and asks: ice or heat? What is the most honest answer?"
        ),
        options=(
            "Ice has been shown to speed up muscle healing, so keep it on as long and as often as you can this week.",
            "Heat straight away: relaxing the muscle is what stops the spasms.",
            "Short spells of cold for pain are the usual advice, but the evidence behind the 48-hour rule "
            "is thin.",
        ),
        correct=2,
        feedback=(
            "No trial shows faster healing with ice. In animal injury models icing delayed the arrival of "
            "inflammatory cells and slowed regeneration (Singh et al. 2017).",
            "Heat adds blood flow to freshly inflamed tissue; the convention keeps it for after the first "
            "48 hours. In the model heat from day 0 raises the rate during those days.",
            "Right. Cold early and heat later is a reasonable convention, but trials are few and small "
            "(Malanga et al. 2015), and long icing may even slow repair in animals (Singh et al. 2017).",
        ),
    ),
    Question(
        prompt=(
            "A runner gets a sudden, hard calf cramp near the end of a race. What has the best evidence for "
            "ending it?"
        ),
        options=(
            "Gently stretching the cramping muscle.",
            "Drinking a litre of plain water straight away.",
            "Taking a magnesium tablet.",
        ),
        correct=0,
        feedback=(
            "Right. Stretching is the best-supported acute treatment (Miller et al. 2022). Stretch excites "
            "tendon (Golgi) afferents that inhibit the motor neurones, which fits the neuromuscular theory "
            "of exercise cramp (Khan & Burne 2007).",
            "Water takes far longer to absorb than a cramp lasts, and after heavy sweating plain water made "
            "cramps easier to trigger (Lau et al. 2019); large volumes also risk hyponatraemia.",
            "Magnesium does not prevent idiopathic cramps (Garrison et al. 2020, Cochrane), and a tablet "
            "cannot act within the minute or two a cramp lasts.",
        ),
    ),
    Question(
        prompt=(
            "Someone plans to prevent cramps in a long, hot event by drinking as much plain water as they "
            "can. What is the main risk?"
        ),
        options=(
            "None: the kidneys simply pass the extra water.",
            "Low blood sodium (hyponatraemia); drinking to thirst is the advice.",
            "Blood calcium rises so far that the muscles become weak.",
        ),
        correct=1,
        feedback=(
            "During long exercise the kidneys cannot always keep up, and drinking well beyond sweat losses "
            "dilutes blood sodium.",
            "Right. Exercise-associated hyponatraemia comes from drinking more than is lost (Hew-Butler et "
            "al. 2015 consensus: drink to thirst). Deaths have been reported in athletes who drank large "
            "volumes to prevent cramps.",
            "Water dilutes rather than concentrates plasma; the danger is low sodium, not high calcium.",
        ),
    ),
    Question(
        prompt=(
            "A clinic offers therapeutic ultrasound after a hamstring strain 'to speed up deep tissue "
            "repair'. What does the evidence say?"
        ),
        options=(
            "It is the best-proven treatment for muscle strains and should start on day 1.",
            "It works by calming the spasticity of the injured muscle.",
            "In a controlled study of muscle contusion it did not improve regeneration.",
        ),
        correct=2,
        feedback=(
            "Reviews find little support for ultrasound after muscle injury; graded exercise rehabilitation "
            "is the core of care.",
            "Spasticity is a sign of an upper-motor-neurone lesion (after a stroke or spinal-cord injury), "
            "not of a strained muscle, and ultrasound is not a treatment for it.",
            "Right (Wilkin et al. 2004, in rats). It is a common example of a modality used more widely than "
            "its evidence supports.",
        ),
    ),
    Question(
        prompt=(
            "Pain and tingling have spread from the lower back down one leg for four weeks, with numbness on "
            "the outer foot and cramps in the calf. What is the right next step?"
        ),
        options=(
            "See a doctor or physiotherapist: this points to a compressed nerve root.",
            "Wait and keep training: spasms after a strain are the body rebuilding and will fade on their own.",
            "Drink more and take electrolyte tablets.",
        ),
        correct=0,
        feedback=(
            "Right. Radiating pain, tingling and numbness in one leg, with cramps in the muscles of that root, "
            "fit radiculopathy; it needs an examination (and emergency care with saddle numbness or a "
            "bladder or bowel change).",
            "There is no strain here, and even after one the idea that spasms are part of repair is the "
            "article's hypothesis, not established physiology. Numbness is a warning sign.",
            "Fluids and electrolytes do nothing for a compressed nerve, and the cramps here follow the nerve, "
            "not the blood.",
        ),
    ),
    Question(
        prompt=(
            "Five days after a calf strain, the whole calf is swollen, warm and aching, and the person has "
            "just come off a long-haul flight. Which complication should come to mind first?"
        ),
        options=(
            "Infection of the strained muscle.",
            "Normal inflammation: keep icing it.",
            "A deep-vein thrombosis, which needs a doctor today.",
        ),
        correct=2,
        feedback=(
            "Infection (pyomyositis) is rare after a closed strain, and there is no fever or wound here.",
            "Inflammation peaks in the first days and should be easing by day 5; a newly swollen, warm calf "
            "after immobility is not normal healing.",
            "Right. A swollen, warm calf after immobility is a possible DVT: a same-day assessment (NICE "
            "NG158), and an ambulance if breathlessness or chest pain follow. Haematoma, compartment "
            "syndrome and rhabdomyolysis are the other complications that matter after a strain.",
        ),
    ),
    Question(
        prompt=(
            "In the treatment explorer, rest, cold (from day 0) and heat (from day 2) avoid about 3 of about "
            "18 expected spasms over six weeks of 'healing'. What can you conclude?"
        ),
        options=(
            "Only how the model behaves: its curve and effect sizes are invented.",
            "These treatments are useless after a strain.",
            "Spasms are part of repair, so treating them would slow healing down.",
            "Heat should have started on day 0 to avoid more.",
        ),
        correct=0,
        feedback=(
            "Right. The spasm curve is the article's hypothesis and the treatment factors are chosen to show "
            "a direction; the number says which way each measure acts in the model, not what it does in "
            "patients.",
            "A model with invented effect sizes cannot show that a treatment is useless (or useful) in "
            "people; that needs trials.",
            "That spasms are part of repair is the article's claim, not physiology, and the model cannot "
            "show that treating them harms healing.",
            "In the model heat from day 0 avoids fewer spasms (about 0.6 instead of 1), because it feeds "
            "the inflammation term in the first 48 hours.",
        ),
    ),
]
