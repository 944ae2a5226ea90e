"""The running case: two people whose stories each notebook advances, ending in the self-check.

* **Maya**, 24, plays amateur football. In one hot Sunday match (day 0) her left calf cramps and,
  minutes later, she strains her right hamstring sprinting for a ball (notebook 00). Her story then runs
  forward in time: the physiotherapist on day 2 (02), the day-0 cramp looked at closely (03, 04), her
  twitch diary of days 1–7 (05), her questions at the day-7 follow-up (06), a self-check on day 8 and a
  long flight on day 20 (07). :data:`MAYA_TIMELINE` lists it for instructors.
* **Daniel**, 52, has his thyroid removed for a large goitre. Two days later his lips and fingertips
  tingle (notebooks 01, 03 and 07).

Every number a chapter shows is computed here from the course's models when the chapter is shown;
the prose only frames them. :func:`chapter` returns a chapter as Markdown, :func:`show` displays it
in a notebook, and :data:`SELF_CHECK_ANSWERS` holds the answers the two enter in notebook 07.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from types import MappingProxyType

from course.selfcheck import Answers

__all__ = ["Person", "Chapter", "PEOPLE", "CHAPTERS", "SELF_CHECK_ANSWERS", "MAYA_TIMELINE", "chapter", "show",
           "chapters_for", "timeline_md"]


@dataclass(frozen=True)
class Person:
    """Who the case is about."""

    key: str
    name: str
    age: int
    sketch: str


@dataclass(frozen=True)
class Chapter:
    """One step of a story: the notebook it belongs to, a title, and a text builder.

    ``build`` returns the chapter's Markdown; it may call the models, so numbers are never typed in.
    ``question`` is what the student should be able to answer after the notebook.
    """

    person: str
    notebook: str
    title: str
    build: Callable[[], str]
    question: str


PEOPLE = MappingProxyType({
    "maya": Person("maya", "Maya", 24, "amateur footballer, right hamstring strain"),
    "daniel": Person("daniel", "Daniel", 52, "thyroid removed for a large goitre"),
})

_MAYA_BASE = Answers(
    recent_injury=True, days_since_injury=8.0, timing="rest_after_injury", intensity="mild", trend="lessening",
    duration_weeks=1.1, location="localized", symptoms=frozenset(), hydration="adequate",
    danger_signs=frozenset(), context=frozenset(), body_region="leg", age_band="16_to_64",
    onset="sudden", history=frozenset(),
)

#: The answers Maya and Daniel enter in the notebook-07 self-check.
SELF_CHECK_ANSWERS: MappingProxyType[str, Answers] = MappingProxyType({
    "maya_day_8": _MAYA_BASE,
    "maya_after_flight": replace(
        _MAYA_BASE, days_since_injury=20.0, duration_weeks=2.5, trend="unchanged",
        intensity="moderate", symptoms=frozenset({"swelling", "warmth"}),
        context=frozenset({"immobile_or_long_journey"}),
    ),
    "daniel_day_2": Answers(
        recent_injury=False, days_since_injury=None, timing="no_pattern", intensity="moderate", trend="worsening",
        duration_weeks=0.1, location="widespread",
        symptoms=frozenset({"mouth_or_fingertip_tingling"}),
        hydration="adequate", danger_signs=frozenset({"hand_or_foot_clawing"}),
        context=frozenset({"neck_or_thyroid_surgery"}),
        body_region="several_areas", age_band="16_to_64", onset="gradual", history=frozenset(),
    ),
})


def _maya_00() -> str:
    return (
        "Day 0, a hot Sunday match. In the 80th minute Maya's left calf locks in a cramp; a stretch eases it "
        "and she plays on. Eight minutes later she sprints for a through-ball and feels a sharp pull at "
        "the back of her right thigh. She limps off. That evening the muscle twitches now and then while she "
        "rests on the sofa, and it feels tight when she straightens the knee. A teammate tells her the "
        "twitching means it is already healing. Is that physiology, or a story? The course will let you "
        "decide."
    )


def _daniel_01() -> str:
    from course.electrolytes import NORMAL_RANGES, Electrolytes, classify

    ecf = Electrolytes(ca=0.85, mg=0.65)
    status = classify(ecf)
    lo, hi = NORMAL_RANGES["ca"]
    return (
        f"Two days after his thyroid operation Daniel's blood test shows ionized Ca²⁺ {ecf.ca:g} mM "
        f"({status['ca']}; normal {lo:g}–{hi:g} mM) and Mg²⁺ {ecf.mg:g} mM ({status['mg']}). The surgeon "
        "explains that the four small parathyroid glands sit right behind the thyroid and can stop working "
        "for a while after the operation; without their hormone (PTH) blood calcium falls. Daniel did not "
        "sweat or skip drinks: his low calcium has a hormonal cause."
    )


def _maya_02() -> str:
    return (
        "Day 2 after the match, at her first physiotherapy visit, Maya is asked to push her heel down into "
        "the couch. The strained hamstring gives "
        "less force than the other side, and she braces the whole leg while she tries. Force in a muscle "
        "comes from how often its motor units fire and how many of them are recruited; after a strain, "
        "pain holds both back. This notebook shows how firing frequency turns single twitches into force."
    )


def _daniel_03() -> str:
    from course.excitability import gating_shift_mv

    shift = gating_shift_mv(0.85, 0.65)
    shift_text = f"{shift:+.1f}".replace("-", "−")
    return (
        f"By the evening Daniel's lips and fingertips tingle, and later his hands cramp. With his Ca²⁺ and "
        f"Mg²⁺ the model shifts Na⁺-channel gating by {shift_text} mV. Which of his nerves should fire "
        "first on its own, and why does the tingling come before the cramp?"
    )


def _maya_03() -> str:
    return (
        "Back to day 0, the 80th minute of the match, before the strain: Maya's left calf locks in a painful "
        "cramp. She has drunk to thirst all game. A stretch with the toes pulled up eases it within a "
        "minute. Was it her blood salts, or tired muscles and their reflexes?"
    )


def _maya_04_reflex() -> str:
    return (
        "Back to Maya's cramp in the 80th minute on day 0: a tired calf, a foot pointed as she stretched for the ball, "
        "and a stretch that ended it within a minute. If the cause sits in the spinal cord, which of those "
        "details should matter, and which test could show it?"
    )


def _maya_04() -> str:
    return (
        "Day 7 after the match. Since the morning after, Maya has noted every twitch in a diary: many on "
        "days 1–3, fewer by day 7. Her teammate calls it the healing spasms the article describes. Nobody "
        "has measured such spasms after strains; what Maya's diary can and cannot show is the subject of this notebook."
    )


def _maya_05() -> str:
    return (
        "Day 7, her follow-up visit. Maya brings the week's questions: should it have been ice or heat on the "
        "first evening, and what now? Stretching, massage, an ultrasound session at the gym's clinic, and "
        "should she drink more water to stop the twitching? Each of these has a different "
        "amount of evidence behind it."
    )


def _tier_line(key: str) -> str:
    from course.selfcheck import assess

    r = assess(SELF_CHECK_ANSWERS[key])
    return f"**{r.tier_label}** — {r.destination}"


def _maya_06() -> str:
    return (
        f"Day 8 after the strain, mild easing twitches near the strain and nothing else: {_tier_line('maya_day_8')}\n\n"
        "Day 20: Maya has just flown back from a tournament (a 9-hour flight). Her right calf — below the "
        f"strain — is swollen and warm: {_tier_line('maya_after_flight')}"
    )


def _daniel_06() -> str:
    return (
        "Day 2 after the thyroid operation, tingling lips and fingertips, hands cramping into a claw: "
        f"{_tier_line('daniel_day_2')}"
    )


#: Every chapter, in course order.
CHAPTERS: tuple[Chapter, ...] = (
    Chapter("maya", "00", "Maya pulls up", _maya_00, "Are spasms after a strain a sign of healing?"),
    Chapter("daniel", "01", "Daniel's blood test", _daniel_01, "Why can a low ionized Ca²⁺ matter for nerves?"),
    Chapter("maya", "02", "Maya's weak push", _maya_02, "How does firing frequency set muscle force?"),
    Chapter("daniel", "03", "Daniel's tingling", _daniel_03, "Why does tingling come before tetany?"),
    Chapter("maya", "03", "Maya's cramp", _maya_03, "What best explains an exercise-associated cramp?"),
    Chapter("maya", "04", "Maya's cramp, seen from the spinal cord", _maya_04_reflex,
            "Can a reflex circuit that latches on explain a cramp?"),
    Chapter("maya", "05", "Maya's diary", _maya_04, "What would it take to test the healing-spasm claim?"),
    Chapter("maya", "06", "What should Maya do?", _maya_05, "Which treatments have evidence behind them?"),
    Chapter("maya", "07", "Maya's self-checks", _maya_06, "How urgently, and where?"),
    Chapter("daniel", "07", "Daniel's self-check", _daniel_06, "How urgently, and where?"),
)


#: Maya's story in time order: (day after the match, when, what happens, notebook). Day 0 is the match day;
#: the notebooks follow the days forward, except 03 and 04, which look closely at the day-0 cramp.
MAYA_TIMELINE: tuple[tuple[float, str, str, str], ...] = (
    (0.0, "day 0, 80th minute", "left calf cramps late in a hot match; a stretch ends it", "00 (03, 04 look closer)"),
    (0.0, "day 0, 88th minute", "sprinting, she strains her right hamstring and limps off", "00"),
    (0.0, "day 0, evening", "twitches and tightness on the sofa; a teammate's 'healing spasms'", "00"),
    (2.0, "day 2", "first physiotherapy visit: a weaker push on the strained side", "02"),
    (7.0, "days 1–7", "her diary of every twitch, read on day 7: many on days 1–3, fewer by day 7", "05"),
    (7.0, "day 7", "follow-up visit: ice or heat, stretching, massage, ultrasound, water", "06"),
    (8.0, "day 8", "a self-check: mild, easing twitches only", "07"),
    (20.0, "day 20", "after a 9-hour flight, a swollen, warm right calf", "07"),
)


def timeline_md() -> str:
    """Maya's timeline as a Markdown table (day after the match, what happens, notebook)."""
    rows = ["| when | what happens | notebook |", "|---|---|---|"]
    rows += [f"| {when} | {what} | {nb} |" for _, when, what, nb in MAYA_TIMELINE]
    return "\n".join(rows)


def chapters_for(notebook: str) -> list[Chapter]:
    """The chapters of one notebook (``"00"`` … ``"07"``)."""
    return [c for c in CHAPTERS if c.notebook == notebook]


def chapter(person: str, notebook: str) -> str:
    """One chapter as Markdown (heading, story, question to keep in mind)."""
    for c in CHAPTERS:
        if c.person == person and c.notebook == notebook:
            p = PEOPLE[person]
            return (f"### The case: {c.title}\n\n*{p.name}, {p.age}, {p.sketch}.*\n\n{c.build()}\n\n"
                    f"**Keep in mind:** {c.question}")
    valid = ", ".join(f"({c.person!r}, {c.notebook!r})" for c in CHAPTERS)
    raise ValueError(f"no chapter for person={person!r}, notebook={notebook!r}; valid: {valid}")


def show(person: str, notebook: str):  # noqa: ANN201 - IPython display object
    """Display one chapter in a notebook (Markdown output, identical run to run)."""
    from IPython.display import Markdown

    return Markdown(chapter(person, notebook))
