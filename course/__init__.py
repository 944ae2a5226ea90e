"""Spasm or signal? An interactive muscle-physiology course.

Models (numpy only, no widgets): :mod:`course.electrolytes`, :mod:`course.contraction`,
:mod:`course.excitability`, :mod:`course.healing`, :mod:`course.selfcheck`.
Explorers: :mod:`course.ui`. Plot style: :mod:`course.style`.
Education, not diagnosis.
"""

__version__ = "0.3.0.dev0"

#: The emergency route, shown with the disclaimer everywhere (welcome, self-check, exported pages).
EMERGENCY_LINE = (
    "Emergency: for chest pain, or arm, jaw, neck, back or upper-belly pain with sweating, sickness or "
    "breathlessness; trouble breathing or swallowing; a locked jaw; confusion, fainting or a fit; a face "
    "drooping, or weakness, numbness, speech or vision change on one side, even if it has passed; sudden "
    "severe or tearing pain; numbness between the legs, a bladder or bowel change, or both legs weak; dark or "
    "very little urine; a tense limb with pain far beyond the injury, or a cold, pale limb; being unable to "
    "stand or move a limb after a fall; fever with a stiff neck or a rash; or hands or feet cramping into "
    "claws, call an emergency number now (999 in the UK, 112 in the EU, 911 in North America) or go to the "
    "nearest emergency department."
)

DISCLAIMER = (
    "This course is for education only. It does not diagnose, treat or replace a health "
    "professional, and its self-check is a teaching tool, not a triage service. If you are worried "
    "about symptoms, contact a doctor (in the UK a GP, or NHS 111 for same-day advice). "
    + EMERGENCY_LINE
)
