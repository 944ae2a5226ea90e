"""Knowledge checks for notebook 07 (data in ``selfcheck.toml``).

``CRITERIA_QUESTIONS`` (block "criteria") ask for the urgency the version-2 self-check gives to a case;
``tests/test_selfcheck.py`` checks each key against :func:`course.selfcheck.assess`. ``QUESTIONS``
(block "final") is the final course quiz on new cases, keyed to the evidence (COURSE_SPEC "Evidence
rules"; sources in REFERENCES.md).
"""

from course.quizzes import Question, load

__all__ = ["CRITERIA_QUESTIONS", "QUESTIONS"]

CRITERIA_QUESTIONS: tuple[Question, ...] = tuple(load("selfcheck", "criteria"))
QUESTIONS: tuple[Question, ...] = tuple(load("selfcheck", "final"))
