"""What a test-wise student with no physiology scores: the strategies of COURSE_SPEC V3.5, played on question data.

Each strategy picks, for every question, a set of options it considers equally good; the expected score of
that question is 1/len(set) if the right option is in the set, else 0 (ties split evenly, as a student who
guesses among them). :func:`play` returns the expected percentage per strategy; :func:`chance` is the
random-guess baseline. ``tests/test_quiz_measures.py`` fails if any strategy beats chance by more than
10 percentage points, or if the right option is strictly the shortest or strictly the longest in more than
chance + 10 points of questions.

The word lists are those of COURSE_SPEC V3.5 (absolute words; the article's myths: water, sweat, "spasms
mean healing"); technical tokens are numbers, ion notation (⁺ ⁻ ² ³), µ or %, capitalised abbreviations and
words of 10 or more letters.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from types import MappingProxyType

from course.quizzes import Question

__all__ = [
    "STRATEGIES", "ABSOLUTE_WORDS", "MYTH_PATTERNS", "chance", "play", "strict_share", "technical_tokens",
    "echo_count", "is_absolute", "endorses_myth",
]

#: Absolute words (COURSE_SPEC V3.5 list).
ABSOLUTE_WORDS: frozenset[str] = frozenset({"always", "never", "only", "all", "none", "must", "completely"})
#: The article's myths an option may endorse: water / drinking, sweat, dehydration, "spasms mean healing".
MYTH_PATTERNS: tuple[re.Pattern[str], ...] = (
    re.compile(r"\b(water|drink\w*|sweat\w*|dehydrat\w*)\b", re.I),
    re.compile(r"\b(sign|mean|means|shows?)\b[^.]*\bheal\w*", re.I),
)
_NEGATION = re.compile(r"\b(not|no|never|nor|without|cannot|can't|doesn't|don't|isn't|won't)\b", re.I)
_WORD = re.compile(r"[A-Za-zÀ-ÿ]+")
_STOP = frozenset(
    "a an the of to in on at and or but is are was were be been it its this that these those with for from by as "
    "so than then what which who why how do does did not no into over under more less most much many one two "
    "his her their they she he you your our we i if when while after before about".split()
)
_ABOVE = re.compile(r"\b(all|none|both) of the (above|options|answers)\b", re.I)


def _words(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(text)]


def technical_tokens(text: str) -> int:
    """Number of technical-looking tokens: numbers, ion notation, µ or %, abbreviations, words of 10+ letters."""
    n = 0
    for token in text.split():
        core = token.strip(".,;:()'\"!?")
        if (
            any(ch.isdigit() for ch in core)
            or any(ch in "⁺⁻²³µ%" for ch in core)
            or (len(core) >= 2 and sum(ch.isupper() for ch in core) >= 2)
            or len(re.sub(r"[^A-Za-zÀ-ÿ]", "", core)) >= 10
        ):
            n += 1
    return n


def echo_count(option: str, prompt: str) -> int:
    """Content words of ``option`` that also occur in ``prompt``."""
    stem = {w for w in _words(prompt) if w not in _STOP}
    return sum(1 for w in set(_words(option)) if w not in _STOP and w in stem)


def is_absolute(option: str) -> bool:
    """Whether the option holds one of :data:`ABSOLUTE_WORDS`."""
    return any(w in ABSOLUTE_WORDS for w in _words(option))


def endorses_myth(option: str) -> bool:
    """Whether the option backs one of the article's myths (mentions it and does not negate it)."""
    return any(p.search(option) for p in MYTH_PATTERNS) and not _NEGATION.search(option)


def _argbest(values: Sequence[float], candidates: Sequence[int], best: Callable[..., float]) -> list[int]:
    target = best(values[i] for i in candidates)
    return [i for i in candidates if values[i] == target]


def _shortest(q: Question, candidates: Sequence[int]) -> list[int]:
    return _argbest([len(o) for o in q.options], candidates, min)


def _keep(q: Question, drop: Callable[[str], bool]) -> list[int]:
    kept = [i for i, o in enumerate(q.options) if not drop(o)]
    return kept or list(range(len(q.options)))


def _all_of_the_above(q: Question) -> list[int]:
    marked = [i for i, o in enumerate(q.options) if _ABOVE.search(o)]
    return marked or list(range(len(q.options)))


#: strategy name → a function giving the options it picks among (ties split evenly).
STRATEGIES: Mapping[str, Callable[[Question], list[int]]] = MappingProxyType({
    "longest": lambda q: _argbest([len(o) for o in q.options], range(len(q.options)), max),
    "shortest": lambda q: _shortest(q, range(len(q.options))),
    "drop the shortest, then guess": lambda q: (
        [i for i in range(len(q.options)) if i not in _shortest(q, range(len(q.options)))]
        or list(range(len(q.options)))),
    "drop the longest, then guess": lambda q: (
        [i for i in range(len(q.options)) if i not in _argbest([len(o) for o in q.options], range(len(q.options)), max)]
        or list(range(len(q.options)))),
    "most technical tokens": lambda q: _argbest(
        [technical_tokens(o) for o in q.options], range(len(q.options)), max),
    "most words echoed from the question": lambda q: _argbest(
        [echo_count(o, q.prompt) for o in q.options], range(len(q.options)), max),
    "'all/none of the above' if offered": _all_of_the_above,
    "drop absolute words, then guess": lambda q: _keep(q, is_absolute),
    "drop absolute words, then shortest": lambda q: _shortest(q, _keep(q, is_absolute)),
    "drop absolutes and myths, then guess": lambda q: _keep(q, lambda o: is_absolute(o) or endorses_myth(o)),
    "drop absolutes and myths, then shortest": lambda q: _shortest(
        q, _keep(q, lambda o: is_absolute(o) or endorses_myth(o))),
})


def chance(questions: Sequence[Question]) -> float:
    """Expected score of a random guess, in % of questions."""
    return 100.0 * sum(1 / len(q.options) for q in questions) / len(questions)


def play(questions: Sequence[Question]) -> dict[str, float]:
    """Expected score of every strategy in :data:`STRATEGIES`, in % of questions (plus ``"chance"``)."""
    if not questions:
        raise ValueError("questions must hold at least 1 question, got 0")
    out = {"chance": chance(questions)}
    for name, pick in STRATEGIES.items():
        total = 0.0
        for q in questions:
            chosen = pick(q)
            total += (q.correct in chosen) / len(chosen)
        out[name] = 100.0 * total / len(questions)
    return out


def strict_share(questions: Sequence[Question], which: str) -> float:
    """% of questions whose right option is strictly the ``"shortest"`` or ``"longest"``."""
    if which not in ("shortest", "longest"):
        raise ValueError(f"which={which!r} is not valid; choose 'shortest' or 'longest'")
    n = 0
    for q in questions:
        right = len(q.options[q.correct])
        others = [len(o) for i, o in enumerate(q.options) if i != q.correct]
        n += right < min(others) if which == "shortest" else right > max(others)
    return 100.0 * n / len(questions)
