"""Learning design (issue 14): predict → observe → explain, fair quizzes, the running case.

Sources: COURSE_SPEC.md "Learning design, version 2" (predict before the answer is shown; options in a
shuffled order fixed per question; right options not systematically longest; ≥ 1 prediction or
application question and ≥ 1 "explain in your own words" prompt per notebook; a running case 00 → 06).
The quiz statistics thresholds (right option longest in ≤ 45 % of questions; no display position
holding it in > 50 %) are issue 14's acceptance criteria.
"""

from __future__ import annotations

from collections import Counter

import pytest

from course.cases import CHAPTERS, PEOPLE, SELF_CHECK_ANSWERS, chapter, chapters_for
from course.predictions import PREDICTIONS, for_notebook
from course.quizzes import KINDS, TOPICS, Question, explain_prompts, load, tasks
from course.selfcheck import TIERS, assess
from course.ui.predict import predict
from course.ui.quiz import explain, quiz, task_list

NOTEBOOKS = ("00", "01", "02", "03", "04", "05", "06", "07")


def all_questions() -> list[Question]:
    return [q for t in TOPICS for q in load(t)]


# --- quizzes -----------------------------------------------------------------------------------------------
def test_display_order_is_a_fixed_permutation():
    for q in all_questions():
        order = q.display_order
        assert sorted(order) == list(range(len(q.options)))
        assert order == Question(q.prompt, q.options, q.correct, q.feedback, q.kind).display_order  # stable
        assert q.options[order[q.shown_correct]] == q.options[q.correct]


def test_quiz_statistics_are_fair():
    qs = all_questions()
    longest = sum(max(range(len(q.options)), key=lambda i: (len(q.options[i]), -i)) == q.correct for q in qs)
    positions = Counter(q.shown_correct for q in qs)
    share_longest = longest / len(qs)
    print(f"\nquestions {len(qs)}; right option longest {100 * share_longest:.0f} %; "
          f"shown positions {dict(sorted(positions.items()))}; kinds {dict(Counter(q.kind for q in qs))}")
    assert share_longest <= 0.45
    assert max(positions.values()) / len(qs) <= 0.50


def test_quiz_widget_grades_the_shown_position():
    questions = load("welcome")
    w = quiz(questions)
    q0 = questions[0]
    assert [o for o in w.choices[0].options] == [q0.options[j] for j in q0.display_order]
    w.choices[0].index = (q0.shown_correct + 1) % len(q0.options)
    assert w.check(0) is False
    w.choices[0].index = q0.shown_correct
    # V3.5: a later right try gives feedback but the first (wrong) try is the score
    assert w.check(0) is True and w.score == 0 and w.first_try == {0: False}
    assert "First try:</b> 0 of" in w.score_box.value


def test_explain_and_tasks_widgets():
    from course.quizzes import Explain, Task

    box = explain([Explain("Why?", "Because.")]).children[0]
    assert box.reveal() is False and "Write your own answer first" in box.model_html.value
    box.answer.value = "My answer."  # V3.5: at least 15 words before the model answer opens
    assert box.reveal() is False and "Because." not in box.model_html.value
    box.answer.value = " ".join(["word"] * 15)
    assert box.reveal() is True and "Because." in box.model_html.value
    t = task_list([Task("Try it.", "It rises.")])
    assert t.answers[0].value == ""
    t.buttons[0].click()  # no attempt typed: the answer stays hidden
    assert "It rises." not in t.answers[0].value
    t.attempts[0].value = "It goes up by about 5 mV"
    t.buttons[0].click()
    assert "It rises." in t.answers[0].value and t.attempts[0].disabled


def test_kinds_are_known():
    assert {q.kind for q in all_questions()} <= set(KINDS)
    for topic in TOPICS:
        explain_prompts(topic)
        tasks(topic)


# --- predict → observe → explain ---------------------------------------------------------------------------
@pytest.mark.parametrize("key", list(PREDICTIONS))
def test_every_prediction_is_answered_by_the_model(key):
    item = PREDICTIONS[key]
    obs = item.observe()
    assert obs.text and any(ch.isdigit() for ch in obs.text)  # numbers come from the model
    if item.choices:
        assert obs.choice is not None and 0 <= obs.choice < len(item.choices)
    else:
        assert obs.value is not None and item.bounds[0] <= obs.value <= item.bounds[1]
    w = predict(key)
    assert w.commit() is None and "⚠" in w.result_html.value  # nothing committed yet
    if item.choices:
        w.answer.index = 0
    else:
        w.answer.value = f"{item.bounds[0]:g}"
    assert w.commit() == obs and w.answer.disabled
    assert item.explanation[:30] in w.result_html.value.replace("&#x27;", "'")


def test_predictions_give_the_physiology():
    assert PREDICTIONS["high_k_axon"].observe().choice == 1  # Krishnan et al. 2005: no tetany from high K⁺
    assert PREDICTIONS["sensory_first"].observe().choice == 1  # Mogyoros et al. 2000: sensory first
    assert PREDICTIONS["dehydration_off"].observe().choice == 0  # Miller et al. 2010
    assert PREDICTIONS["post_op_calf"].observe().choice == TIERS.index("urgent_today")  # NICE NG158


def test_out_of_range_number_gets_a_message():
    w = predict("vrest_low_k")
    w.answer.value = "12"
    assert w.commit() is None and "outside the range" in w.result_html.value


# --- the running case ---------------------------------------------------------------------------------------
def test_case_runs_through_every_notebook_and_ends_in_the_self_check():
    assert {c.notebook for c in CHAPTERS} == set(NOTEBOOKS)
    assert {c.person for c in chapters_for("07")} == set(PEOPLE)
    for c in CHAPTERS:
        text = chapter(c.person, c.notebook)
        assert PEOPLE[c.person].name in text and c.question in text
    tiers = {k: assess(a).urgency for k, a in SELF_CHECK_ANSWERS.items()}
    # NHS DVT / NICE NG158 (swollen warm calf after a long flight: same day); Society for Endocrinology
    # 2016 (symptomatic hypocalcaemia after thyroidectomy: hospital)
    assert tiers == {"maya_day_8": "self_care", "maya_after_flight": "urgent_today", "daniel_day_2": "emergency_now"}
    with pytest.raises(ValueError, match="no chapter"):
        chapter("maya", "01")


# --- every notebook follows the learning design ---------------------------------------------------------------
import re  # noqa: E402

import nbformat  # noqa: E402

from course.build import notebook_paths  # noqa: E402
from course.instructor import notebook_stats  # noqa: E402

TOPIC_OF = dict(zip(NOTEBOOKS, TOPICS, strict=True))
PLUMBING = re.compile(r"(cases\.show\(|predict\(|self_check\(\)|task_list\(|explain\(|quiz\(|_explorer\()")
EXPLORER = re.compile(r"\b(\w+_explorer|self_check)\(")
VOILA = re.compile(r"urlpath=voila/render/notebooks/(\d\d_\w+\.ipynb)")


@pytest.mark.parametrize("path", notebook_paths(), ids=lambda p: p.name[:2])
def test_notebook_follows_the_learning_design(path):
    nb = nbformat.read(path, as_version=4)
    number = path.name[:2]
    topic = TOPIC_OF[number]
    code = [c for c in nb.cells if c.cell_type == "code"]
    # plumbing code (widgets, cases) is collapsed; what students should read stays open
    for c in code:
        if PLUMBING.search(c.source):
            assert c.metadata.get("jupyter", {}).get("source_hidden") is True, c.source[:60]
    # the running case appears in every notebook
    assert any(f'"{number}")' in c.source and "cases.show(" in c.source for c in code)
    # a prediction is committed before each explorer, and each explorer has a Voilà link beside it
    first_predict = next((i for i, c in enumerate(nb.cells) if "predict(" in c.source and c.cell_type == "code"), None)
    explorers = [i for i, c in enumerate(nb.cells) if c.cell_type == "code" and EXPLORER.search(c.source)]
    for i in explorers:
        assert first_predict is not None and first_predict < i, f"no prediction before the explorer in cell {i}"
        nearby = " ".join(nb.cells[j].source for j in range(max(0, i - 2), i + 1))
        links = VOILA.findall(nearby)
        assert links and all(link == path.name for link in links), f"no Voilà link beside cell {i}"
    assert for_notebook(number), "no predict-observe-explain item for this notebook"
    # quizzes: at least one prediction or application question, one explain prompt; tasks with answers
    assert any(q.kind in ("prediction", "application") for q in load(topic))
    assert explain_prompts(topic)
    if explorers:
        assert tasks(topic) and any("task_list(" in c.source for c in code)
    # length: no notebook over ≈ 45 student-minutes (≤ 2,400 words of prose)
    stats = notebook_stats(path)
    assert stats.prose_words <= 2400, stats.prose_words
    assert stats.minutes <= 50, stats.minutes


def test_maya_timeline_runs_forward_through_the_course():
    """Each Maya chapter names its day after the match; in course order the days never go back, except the
    chapters that say they return to day 0 (03 and 04 look closely at the cramp notebook 00 tells first)."""
    from course.cases import MAYA_TIMELINE, timeline_md
    from course.instructor import INSTRUCTOR_DIR

    last = -1
    for c in (c for c in CHAPTERS if c.person == "maya"):
        text = c.build()
        days = [int(d) for d in re.findall(r"\b[Dd]ays? (\d+)\b", text)]
        assert days, f"Maya's chapter in {c.notebook} does not say which day after the match it is"
        if text.startswith("Back to") and days[0] == 0:
            assert "day 0" in chapter("maya", "00").lower() and "cramp" in chapter("maya", "00")
            continue
        assert days[0] >= last, f"notebook {c.notebook}: day {days[0]} comes after day {last} in the course"
        last = max(days)
    assert [d for d, *_ in MAYA_TIMELINE] == sorted(d for d, *_ in MAYA_TIMELINE)
    assert timeline_md() in (INSTRUCTOR_DIR / "guide.md").read_text("utf-8"), "guide.md's timeline is stale"
    for path in notebook_paths():  # no notebook prose contradicts it with the old jumps
        text = " ".join(c.source for c in nbformat.read(path, as_version=4).cells if c.cell_type == "markdown")
        assert not re.search(r"(?i)six weeks later|85th minute", text), path.name


@pytest.mark.parametrize("path", notebook_paths(), ids=lambda p: p.name[:2])
def test_first_screen_says_how_to_start_and_asks_the_case_question(path):
    """COURSE_SPEC V3.5: the first screen says how to start; each notebook opens with its running-case question
    and a few minutes of free exploration, and has one pair-discussion prompt."""
    nb = nbformat.read(path, as_version=4)
    markdown = [c.source for c in nb.cells if c.cell_type == "markdown"]
    first = " ".join(markdown[0].split())
    assert "Run ▸ Run All Cells" in first and "top to bottom" in first, "the first cell does not say how to start"
    questions = [c.question for c in chapters_for(path.name[:2])]
    assert any(q in first for q in questions), f"the first cell asks none of the case questions {questions}"
    assert re.search(r"(?i)explore freely for (two|three|four|five) minutes", first), "no free exploration"
    pairs = [ln for text in markdown for ln in text.splitlines() if ln.startswith("**Discuss with a partner:**")]
    assert len(pairs) == 1, f"{len(pairs)} pair-discussion prompts (want exactly one): {pairs}"
    assert len(pairs[0].split()) >= 8, pairs[0]
