"""Spasm or signal? An interactive muscle-physiology course.

Models (numpy only, no widgets): :mod:`course.electrolytes`, :mod:`course.contraction`,
:mod:`course.excitability`, :mod:`course.healing`, :mod:`course.selfcheck`.
Explorers: :mod:`course.ui`. Plot style: :mod:`course.style`.
Education, not diagnosis.
"""

__version__ = "0.1.0"

DISCLAIMER = (
    "This course is for education only. It does not diagnose, treat or replace a health "
    "professional. If you have spasms with numbness, tingling, weakness, fever, redness with "
    "swelling, severe or worsening pain, or spasms that have not eased after weeks, see a "
    "doctor or physiotherapist."
)
