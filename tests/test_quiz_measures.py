"""Quizzes that measure (COURSE_SPEC V3.5, issue 23).

* First-try scoring: the first Check of a question locks its score; later tries give feedback only.
* A test-wise student with no physiology must not beat chance by more than 10 percentage points under any
  strategy V3.5 lists (longest, shortest, most technical tokens, most echoed words, "all of the above",
  dropping absolute words or myth-endorsing options then guessing or picking the shortest), nor may the
  right option be strictly the shortest or the longest in more than chance + 10 points of questions.
  Before this issue: shortest 46 %, drop absolutes then shortest 54 % (chance 31 %) —
  reviews/teaching-v3.md §2.2.
* ≥ 40 % application, prediction or transfer questions; ≥ 1 calculation per physiology topic; feedback on a
  wrong option never restates the right option.

Topics are discovered from ``course/quizzes/*.toml``, so a new topic is checked without editing this file.
"""

from __future__ import annotations

import re

import pytest

from course.quizzes import KINDS, Question, load, topics
from course.quizzes import testwise as tw
from course.ui.quiz import quiz

#: Topics without a physiology model of their own (the welcome tour, the self-check's triage rules).
NON_PHYSIOLOGY = {"welcome", "selfcheck"}
MARGIN = 10.0  # percentage points above chance (COURSE_SPEC V3.5)


def all_questions() -> list[Question]:
    return [q for t in topics() for q in load(t)]


def test_topics_are_discovered():
    assert {"welcome", "electrolytes", "selfcheck"} <= set(topics())


# --- first-try scoring ------------------------------------------------------------------------------------
def test_first_check_locks_the_score_and_later_tries_only_give_feedback():
    questions = load("electrolytes")
    w = quiz(questions)
    for i, q in enumerate(questions):  # answer every question wrongly first, then rightly
        w.choices[i].index = (q.shown_correct + 1) % len(q.options)
        assert w.check(i) is False
        w.choices[i].index = q.shown_correct
        assert w.check(i) is True  # feedback says right ...
        assert "first answer is the one that counts" in w.feedback[i].value
    assert w.score == 0 and len(w.first_try) == len(questions)  # ... but the score does not move
    w2 = quiz(questions)
    w2.choices[0].index = questions[0].shown_correct
    assert w2.check(0) is True and w2.score == 1
    w2.choices[0].index = (questions[0].shown_correct + 1) % len(questions[0].options)
    assert w2.check(0) is False and w2.score == 1  # a later wrong try does not lower it either


def test_first_answers_go_to_the_student_record(tmp_path, monkeypatch):
    from course import record

    path = tmp_path / "r.jsonl"
    monkeypatch.setenv("COURSE_RECORD", str(path))
    questions = load("welcome")
    w = quiz(questions)
    w.choices[0].index = questions[0].shown_correct
    w.check(0)
    w.check(0)  # a second try is not recorded as a first answer
    events = record.read(path).events
    assert [(e.kind, e.item, e.data["correct"]) for e in events] == [("quiz", questions[0].qid, True)]


# --- the test-wise strategies -----------------------------------------------------------------------------
def test_strategy_player_detects_a_cue():
    """The player itself can fail: a bank whose right option is always the shortest scores 100 %."""
    rigged = [Question(f"Q{i}?", ("short", "a much longer option", "another long option"), 0, ("a", "b", "c"))
              for i in range(10)]
    scores = tw.play(rigged)
    assert scores["shortest"] == pytest.approx(100.0) and scores["longest"] == pytest.approx(0.0)
    assert tw.strict_share(rigged, "shortest") == pytest.approx(100.0)
    assert tw.is_absolute("It never happens") and not tw.is_absolute("It rarely happens")
    assert tw.endorses_myth("Drink more water") and not tw.endorses_myth("Water does not help")
    assert tw.technical_tokens("Ca²⁺ 1.2 mM SERCA physiological") == 4


def test_no_test_wise_strategy_beats_chance():
    qs = all_questions()
    scores = tw.play(qs)
    chance = scores.pop("chance")
    print(f"\n{len(qs)} questions; chance {chance:.1f} %")
    for name, value in scores.items():
        print(f"  {name:45s} {value:5.1f} %")
    offenders = {k: round(v, 1) for k, v in scores.items() if v > chance + MARGIN}
    assert not offenders, f"strategies beat chance ({chance:.1f} %) by > {MARGIN} points: {offenders}"


@pytest.mark.parametrize("which", ["shortest", "longest"])
def test_right_option_is_not_strictly_shortest_or_longest_too_often(which):
    qs = all_questions()
    share = tw.strict_share(qs, which)
    chance = tw.chance(qs)
    print(f"\nright option strictly the {which}: {share:.1f} % (limit {chance + MARGIN:.1f} %)")
    assert share <= chance + MARGIN


# --- levels and calculations ------------------------------------------------------------------------------
def test_at_least_40_percent_application_prediction_or_transfer():
    qs = all_questions()
    assert {q.kind for q in qs} <= set(KINDS)
    higher = sum(q.kind != "recall" for q in qs)
    print(f"\n{higher} of {len(qs)} questions beyond recall ({100 * higher / len(qs):.0f} %)")
    assert higher / len(qs) >= 0.40


@pytest.mark.parametrize("topic", sorted(set(topics()) - NON_PHYSIOLOGY))
def test_every_physiology_topic_has_a_calculation(topic):
    calcs = [q for q in load(topic) if q.calculation]
    assert calcs, f"{topic}: no question tagged calculation = true"
    for q in calcs:  # a calculation gives its inputs as numbers in the prompt and numbers in the options
        assert re.search(r"\d", q.prompt) and all(re.search(r"\d", o) for o in q.options), q.prompt[:60]


def test_final_quiz_uses_new_cases():
    """The final quiz's prompts are not repeats: none shares a run of 6 words with a prompt of another topic."""
    def grams(text: str) -> set[tuple[str, ...]]:
        w = re.findall(r"\w+", text.lower())
        return {tuple(w[i:i + 6]) for i in range(len(w) - 5)}

    final = load("selfcheck", "final")
    others = set().union(*(grams(q.prompt) for t in topics() if t != "selfcheck" for q in load(t)))
    assert sum(q.kind != "recall" for q in final) == len(final)
    for q in final:
        assert not grams(q.prompt) & others, q.prompt[:60]


# --- feedback ---------------------------------------------------------------------------------------------
_TOKEN = re.compile(r"[\wÀ-ÿ⁺⁻²³µ%.−]+")
_GIVEAWAY = re.compile(r"\b(the (right|correct) (answer|option) is|choose|pick the)\b", re.I)


def _grams(text: str, n: int = 4) -> set[tuple[str, ...]]:
    w = [t.lower().strip(".") for t in _TOKEN.findall(text)]
    return {tuple(w[i:i + n]) for i in range(len(w) - n + 1)}


def test_wrong_answer_feedback_does_not_name_the_right_option():
    offenders = []
    for t in topics():
        for q in load(t):
            right = _grams(q.options[q.correct]) - _grams(q.prompt)
            for j, fb in enumerate(q.feedback):
                if j == q.correct:
                    continue
                shared = right & (_grams(fb) - _grams(q.options[j]))
                if shared or _GIVEAWAY.search(fb):
                    offenders.append(f"{t}: {q.prompt[:50]!r} option {j}: {fb[:60]!r}")
    assert not offenders, "\n".join(offenders)
