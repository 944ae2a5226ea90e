"""The terminology table (course.terminology) and the welcome notebook's knowledge checks.

Sources of the definitions checked here (full citations in REFERENCES.md): Minetto et al. 2013 and Khan & Burne
2007 (cramp), AANEM glossary 2015 (fasciculation, myotonic discharge), Jansen et al. 2002 (contracture is
electrically silent), Macefield & Burke 1991 and Mogyoros et al. 2000 (tetany: sensory axons first), Lance 1980
(spasticity), Albanese et al. 2013 (dystonia), WHO 2023 and Farrar et al. 2000 (tetanus), Lund et al. 1991 and
Hodges & Tucker 2011 (guarding).
"""

from __future__ import annotations

import dataclasses
import html
import re

import pytest

from course import terminology as tm
from course.quizzes import load
from course.terminology import BY_KEY, COLUMNS, ORIGINS, TERMS, Term, as_figure, as_html, as_text, term

#: The terms COURSE_SPEC "Evidence rules" asks for, plus guarding (the course's own key term).
REQUIRED = ("spasm", "cramp", "fasciculation", "tetany", "contracture", "myotonia", "spasticity", "dystonia", "tetanus")


def test_every_required_term_is_there_once():
    keys = [t.key for t in TERMS]
    assert len(keys) == len(set(keys))
    for key in (*REQUIRED, "guarding"):
        assert key in BY_KEY
    assert TERMS[0].key == "spasm", "the umbrella word comes first"


@pytest.mark.parametrize("t", TERMS, ids=lambda t: t.key)
def test_every_term_has_definition_origin_mechanism_and_source(t: Term):
    assert len(t.definition.split()) >= 12
    assert t.origin in ORIGINS
    assert len(t.mechanism.split()) >= 8
    assert t.sources and all(re.search(r"(19|20)\d\d", s) for s in t.sources), "each source names its year"


def test_emg_signatures_where_the_sources_give_one():
    assert "150 Hz" in term("cramp").emg
    assert "fasciculation potential" in term("fasciculation").emg.lower()
    assert "doublet" in term("tetany").emg and "multiplet" in term("tetany").emg
    assert "silent" in term("contracture").emg.lower()
    assert "dive-bomber" in term("myotonia").emg and "wax" in term("myotonia").emg
    assert "co-contraction" in term("dystonia").emg.lower()


def test_where_each_event_starts():
    assert term("myotonia").origin == term("contracture").origin == "muscle fibre"
    assert term("fasciculation").origin == "motor axon (peripheral nerve)"
    assert term("tetany").origin.startswith("peripheral nerve") and "sensory first" in term("tetany").origin
    assert "upper motor neurone" in term("spasticity").origin
    assert "toxin" in term("tetanus").origin
    assert "brain" in term("dystonia").origin
    assert "everyday word" in term("spasm").origin


def test_spasm_is_a_lay_umbrella_word_not_a_diagnosis():
    assert "not a diagnosis" in term("spasm").definition


@pytest.mark.parametrize("key", ["spasticity", "contracture", "guarding"])
def test_spasticity_contracture_and_guarding_are_not_described_as_spasms(key):
    t = term(key)
    assert t.is_spasm is False
    assert re.search(r"not a spasm|neither is a spasm", t.definition.lower())
    # the word "spasm" appears only in that negation (or in "spasticity" itself)
    text = f"{t.definition} {t.mechanism} {t.emg}".lower()
    stripped = re.sub(r"not a spasm|neither is a spasm", "", text)
    assert not re.search(r"\bspasms?\b", stripped), stripped


def test_the_involuntary_contractions_are_marked_as_such():
    assert all(term(k).is_spasm for k in ("cramp", "fasciculation", "tetany", "myotonia", "dystonia", "tetanus"))


def test_clinical_content_follows_the_sources():
    tetany = term("tetany")
    assert "tingling" in tetany.definition.lower() and "Ca²⁺" in tetany.mechanism and "Sensory" in tetany.mechanism
    assert "emergency" in tetany.definition  # laryngospasm (Turner et al. 2016)
    assert "emergency" in term("tetanus").definition.lower() and "jaw" in term("tetanus").definition
    assert "inhibitory interneurones" in term("tetanus").mechanism
    assert "stretch" in term("cramp").definition and "Stretching" in term("cramp").mechanism
    assert "ClC-1" in term("myotonia").mechanism
    assert "hypothesis" in term("guarding").mechanism  # pain adaptation, not spasm-as-repair
    assert "speed" in term("spasticity").definition  # velocity-dependent (Lance 1980)


def test_data_are_read_only():
    with pytest.raises(TypeError):
        BY_KEY["cramp"] = TERMS[0]  # type: ignore[index]
    with pytest.raises(dataclasses.FrozenInstanceError):
        TERMS[1].definition = "anything"  # type: ignore[misc]
    assert isinstance(TERMS, tuple)
    assert all(isinstance(t.sources, tuple) for t in TERMS)


def test_term_validation():
    with pytest.raises(ValueError, match="term='twitch' is not valid"):
        term("twitch")
    with pytest.raises(ValueError, match="origin="):
        Term("x", "X", "d", "somewhere else", "m", "", ("A 2000",))
    with pytest.raises(ValueError, match="at least one source"):
        Term("x", "X", "d", ORIGINS[0], "m", "", ())


def test_text_rendering_has_every_term_and_wraps():
    text = as_text(width=80)
    for t in TERMS:
        assert f"{t.name.upper()}:" in text
    assert max(len(line) for line in text.splitlines()) <= 80
    assert as_text(["cramp"]).startswith("CRAMP:") and "TETANY" not in as_text(["cramp"])
    with pytest.raises(ValueError, match="width"):
        as_text(width=10)


def test_html_rendering_is_an_accessible_table_with_escaped_text():
    page = as_html()
    assert page.count("<tr") == len(TERMS) + 1
    assert page.count('scope="row"') == len(TERMS) and page.count('scope="col"') == len(COLUMNS)
    assert "<caption" in page
    assert "<script" not in page
    for t in TERMS:
        assert html.escape(t.definition) in page


def test_plotly_table():
    fig = as_figure(["cramp", "tetany"])
    table = fig.data[0]
    assert list(table.header.values) == list(COLUMNS)
    assert list(table.cells.values[0]) == ["Cramp", "Tetany"]


def test_module_exports():
    for name in tm.__all__:
        assert hasattr(tm, name)


# ------------------------------------------------------------------------- welcome quiz (notebook 00)


def test_welcome_quiz_keys_follow_the_evidence_and_do_not_cue_the_answer():
    questions = load("welcome")
    assert len(questions) == 3
    positions = [q.correct for q in questions]
    assert len(set(positions)) > 1, "the right answer is not always in the same place"
    longest = [len(q.options[q.correct]) == max(len(o) for o in q.options) for q in questions]
    assert not all(longest), "the right answer is not always the longest"
    keys = [q.options[q.correct].lower() for q in questions]
    # the healing-spasm claim is keyed as a hypothesis, never as established physiology
    assert any("hypothesis" in k for k in keys)
    for q in questions:
        for i, option in enumerate(q.options):
            if "part of the repair" in option.lower() or "settled physiology" in option.lower():
                assert i != q.correct
    # the terminology question: a stretch-relieved painful calf is a cramp, and spasticity is not a spasm
    term_q = next(q for q in questions if "Spasticity" in q.options)
    assert term_q.options[term_q.correct] == "Cramp"
    spasticity_feedback = term_q.feedback[term_q.options.index("Spasticity")]
    assert "upper-motor-neurone" in spasticity_feedback or "brain or spinal cord" in spasticity_feedback


def test_numbers_quoted_by_the_warm_up_question_match_the_model():
    from course.electrolytes import nernst
    from course.ui.welcome import K_IN_MM

    warm = next(q for q in load("welcome") if "warm-up explorer" in q.prompt)
    assert "−97 mV" in warm.feedback[warm.correct] and "−78 mV" in warm.feedback[warm.correct]
    assert round(nernst(1, 4.0, K_IN_MM)) == -97 and round(nernst(1, 8.0, K_IN_MM)) == -78


def test_welcome_task_answers_quote_the_model():
    # course/quizzes/welcome.toml [[task]]: the E_K values quoted in the answers are the warm-up model's.
    from course.electrolytes import nernst
    from course.quizzes import tasks
    from course.ui.welcome import K_IN_MM, K_OUT_RANGE_MM

    answers = " ".join(t.answer for t in tasks("welcome"))
    lo, hi = K_OUT_RANGE_MM
    for k in (4.0, 2.5, 7.0, lo, hi):
        assert f"{nernst(1, k, K_IN_MM):.1f}".replace("-", "−") in answers, k
    half = (nernst(1, lo, K_IN_MM) + nernst(1, hi, K_IN_MM)) / 2
    assert f"{half:.1f}".replace("-", "−") in answers and f"{K_IN_MM:.0f} mM" in answers
