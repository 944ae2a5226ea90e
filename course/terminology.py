"""The words for what muscles do: one read-only table of terms, shown in notebook 00 and reused by the glossary.

"Spasm" is an everyday word, not a diagnosis. Clinicians and physiologists sort involuntary muscle activity by
*where the abnormal activity starts* (the muscle fibre, the motor axon, the motor neurone and its reflexes, the
brain, or a toxin) and, where it can be recorded, by its *electromyogram* (EMG). This module holds those
definitions as plain data, each with its sources, so that every notebook uses the words in the same sense.

Data: :data:`TERMS` (a tuple of frozen :class:`Term` records, in teaching order) and :data:`BY_KEY` (a read-only
mapping key → term). Rendering: :func:`as_text` (plain text), :func:`as_html` (an accessible HTML table) and
:func:`as_figure` (a plotly table). No widgets, no model code.

Sources (full citations: ``REFERENCES.md``): Minetto et al. 2013 (cramp: central origin, EMG); Khan & Burne 2007
(cramp inhibited by tendon afferents); Jansen, Gabreëls & van Engelen 2002 (cramp and its mimics; electrically
silent contracture); AANEM glossary 2015 (fasciculation and myotonic discharges); Macefield & Burke 1991 and
Mogyoros, Bostock & Burke 2000 (tetany, sensory axons first); Turner et al. 2016, Society for Endocrinology
emergency guidance (hypocalcaemia signs); Lossin & George 2008 (myotonia congenita, ClC-1); Lance 1980
(spasticity); Albanese et al. 2013 (dystonia); Farrar et al. 2000 and the WHO tetanus fact sheet 2023 (tetanus);
Lund et al. 1991 and Hodges & Tucker 2011 (guarding as pain adaptation).
"""

from __future__ import annotations

import html
import textwrap
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

__all__ = ["Term", "TERMS", "BY_KEY", "ORIGINS", "term", "as_text", "as_html", "as_figure", "COLUMNS"]

#: Where the abnormal activity starts; every :attr:`Term.origin` is one of these.
ORIGINS: tuple[str, ...] = (
    "none of its own (an everyday word)",
    "motor neurone, motor axon and spinal reflexes",
    "motor axon (peripheral nerve)",
    "peripheral nerve axons (sensory first, then motor)",
    "muscle fibre",
    "brain and spinal cord (upper motor neurone)",
    "brain (basal ganglia and motor circuits)",
    "a bacterial toxin acting in the spinal cord",
    "motor planning: a changed strategy driven by pain and fear",
)

#: Column headings of the rendered table, in order.
COLUMNS: tuple[str, ...] = ("Term", "What it is", "Where it starts", "How", "EMG signature", "Sources")


@dataclass(frozen=True)
class Term:
    """One term: a plain definition, where the abnormal activity starts, how, its EMG signature and sources.

    ``is_spasm`` is False for the terms a lay person might call a spasm although they are not an involuntary
    contraction driven by electrical activity (spasticity, contracture, guarding); their definition says so.
    ``emg`` is "" where no EMG signature applies. ``course_link`` names where the course meets the term.
    """

    key: str
    name: str
    definition: str
    origin: str
    mechanism: str
    emg: str
    sources: tuple[str, ...]
    is_spasm: bool = True
    course_link: str = ""

    def __post_init__(self) -> None:
        if self.origin not in ORIGINS:
            raise ValueError(f"origin={self.origin!r} is not valid; choose one of: {', '.join(ORIGINS)}")
        if not self.sources:
            raise ValueError(f"term {self.key!r} needs at least one source")
        if not isinstance(self.sources, tuple):
            raise TypeError(f"sources of {self.key!r} must be a tuple, got {type(self.sources).__name__}")


#: The terms, in teaching order (the umbrella word first, then from muscle outwards to the brain).
TERMS: tuple[Term, ...] = (
    Term(
        key="spasm",
        name="Spasm",
        definition=(
            "An everyday word for any sudden tightening of a muscle that nobody asked for. It describes what is "
            "felt or seen, not its cause, so it is not a diagnosis: the question is always which of the terms "
            "below it is."
        ),
        origin="none of its own (an everyday word)",
        mechanism="Covers events that start in very different places: cramp, tetany, dystonia and others.",
        emg="None of its own; the recording of the underlying event decides which term applies.",
        sources=(
            "Jansen, Gabreëls & van Engelen 2002, J Clin Neuromuscul Dis 4:89",
            "Minetto et al. 2013, Exerc Sport Sci Rev 41:3",
        ),
        course_link="used in this course only as the lay word; the notebooks name the specific event",
    ),
    Term(
        key="cramp",
        name="Cramp",
        definition=(
            "A sudden, painful, involuntary contraction of one muscle or part of it, often with a hard knot, that "
            "ends by itself within seconds to minutes or when the muscle is stretched."
        ),
        origin="motor neurone, motor axon and spinal reflexes",
        mechanism=(
            "Motor units fire without being asked. The discharge is thought to start either in the motor neurone "
            "(more drive from muscle spindles and less inhibition from tendon organs in a tired, shortened "
            "muscle) or in the terminal branches of the motor axon; recent evidence favours the motor neurone. "
            "Stretching, or stimulating the tendon's afferents, switches it off."
        ),
        emg=(
            "Involuntary motor-unit potentials at high, irregular rates (clinical recordings up to about 150 Hz), "
            "recruited in an orderly way."
        ),
        sources=(
            "Minetto et al. 2013, Exerc Sport Sci Rev 41:3",
            "Khan & Burne 2007, J Neurophysiol 98:1102",
            "Jansen, Gabreëls & van Engelen 2002, J Clin Neuromuscul Dis 4:89",
        ),
        course_link="notebook 03 (cramp threshold, the neuromuscular and electrolyte theories)",
    ),
    Term(
        key="fasciculation",
        name="Fasciculation",
        definition=(
            "A brief, spontaneous twitch of a single motor unit, seen as a flicker under the skin and too weak "
            "to move a joint. Isolated fasciculations are common and harmless; with weakness or wasting they "
            "need a doctor."
        ),
        origin="motor axon (peripheral nerve)",
        mechanism="One motor unit discharges on its own, usually from an irritable point along its motor axon.",
        emg="Fasciculation potentials: single motor-unit potentials firing irregularly at rest.",
        sources=(
            "AANEM Glossary of Terms in Neuromuscular and Electrodiagnostic Medicine 2015",
            "Jansen, Gabreëls & van Engelen 2002, J Clin Neuromuscul Dis 4:89",
        ),
        course_link="notebook 02 (one motor unit's twitch)",
    ),
    Term(
        key="tetany",
        name="Tetany",
        definition=(
            "Tingling around the mouth and in the fingertips, then involuntary contraction of the hands and feet "
            "(carpopedal spasm), when peripheral nerves become too excitable; the larynx can be affected, which "
            "is an emergency."
        ),
        origin="peripheral nerve axons (sensory first, then motor)",
        mechanism=(
            "Low ionized Ca²⁺ (or alkalosis, e.g. from over-breathing, or low Mg²⁺) lets Na⁺ channels of "
            "peripheral axons open too easily, so the axons fire by themselves. Sensory axons have a larger "
            "persistent Na⁺ current and start first: tingling comes before the spasm."
        ),
        emg="Spontaneous motor-unit discharges in doublets and multiplets.",
        sources=(
            "Macefield & Burke 1991, Brain 114:527",
            "Mogyoros, Bostock & Burke 2000, Muscle Nerve 23:310",
            "Turner et al. 2016, Endocr Connect 5:G7 (Society for Endocrinology emergency guidance)",
        ),
        course_link="notebooks 01 and 03 (Ca²⁺, Mg²⁺ and axon excitability)",
    ),
    Term(
        key="contracture",
        name="Contracture",
        definition=(
            "Physiology: a muscle that stays shortened and cannot relax while its EMG is silent, as in McArdle "
            "disease during exercise, when ATP runs short. Clinical use: a fixed shortening of a muscle or joint "
            "after long immobility or spasticity. Neither is a spasm."
        ),
        origin="muscle fibre",
        mechanism=(
            "The contractile machinery stays engaged without action potentials: cross-bridges cannot detach or "
            "Ca²⁺ is not pumped back (in the clinical sense, the tissue itself has shortened)."
        ),
        emg="Electrically silent: no motor-unit activity although the muscle is hard.",
        sources=(
            "Jansen, Gabreëls & van Engelen 2002, J Clin Neuromuscul Dis 4:89",
            "WikiMSK, Muscle Cramps and Contractures (table after Dijkstra et al.), retrieved 2026",
        ),
        is_spasm=False,
        course_link="notebook 02 (relaxation needs ATP and SERCA)",
    ),
    Term(
        key="myotonia",
        name="Myotonia",
        definition=(
            "Slow relaxation after a contraction: a gripping hand opens only slowly, and stiffness eases with "
            "repeated movement (the warm-up)."
        ),
        origin="muscle fibre",
        mechanism=(
            "The muscle membrane itself is too excitable and keeps firing after the nerve has stopped, because "
            "of faulty ClC-1 chloride channels (myotonia congenita) or Na⁺ channels. It shows why the large "
            "resting Cl⁻ conductance of notebook 01 matters."
        ),
        emg="Myotonic discharges that wax and wane in rate and size (the 'dive-bomber' sound).",
        sources=(
            "AANEM Glossary of Terms in Neuromuscular and Electrodiagnostic Medicine 2015",
            "Lossin & George 2008, Adv Genet 63:25",
        ),
        course_link="notebook 01 (the Cl⁻ permeability of resting muscle)",
    ),
    Term(
        key="spasticity",
        name="Spasticity",
        definition=(
            "Increased muscle tone that grows with the speed of a passive stretch, with brisk tendon reflexes, "
            "after a lesion of the brain or spinal cord (stroke, multiple sclerosis, spinal injury). It is a sign "
            "of an upper-motor-neurone lesion, not a spasm."
        ),
        origin="brain and spinal cord (upper motor neurone)",
        mechanism="Loss of descending control leaves the spinal stretch reflex over-excitable.",
        emg="Stretch-evoked reflex activity that rises with stretch velocity; usually quiet at rest.",
        sources=(
            "Lance 1980, in Spasticity: Disordered Motor Control (Year Book Medical) 485–494",
        ),
        is_spasm=False,
        course_link="notebook 06 (the article's 'spasticity' treatments are about this sign)",
    ),
    Term(
        key="dystonia",
        name="Dystonia",
        definition=(
            "Sustained or intermittent contractions, often of opposing muscles together, that twist a body part "
            "into a patterned posture, for example a wry neck; an acute form can follow some medicines."
        ),
        origin="brain (basal ganglia and motor circuits)",
        mechanism=(
            "Faulty motor programmes in the brain send drive to agonists and antagonists at once, with overflow "
            "to nearby muscles. Acute drug-induced dystonia follows dopamine-blocking drugs such as some "
            "anti-sickness medicines and antipsychotics."
        ),
        emg="Co-contraction of agonist and antagonist, with overflow into neighbouring muscles.",
        sources=("Albanese et al. 2013, Mov Disord 28:863",),
        course_link="not modelled; a reason to see a doctor",
    ),
    Term(
        key="tetanus",
        name="Tetanus",
        definition=(
            "An infection of a wound by Clostridium tetani whose toxin causes rigidity and painful spasms, often "
            "starting with a locked jaw (trismus). A medical emergency; vaccination prevents it."
        ),
        origin="a bacterial toxin acting in the spinal cord",
        mechanism=(
            "The toxin travels up motor axons to the spinal cord and brainstem and stops inhibitory interneurones "
            "releasing their transmitters, so motor neurones fire unchecked."
        ),
        emg=(
            "Continuous involuntary motor-unit activity, like a contraction that will not stop; the diagnosis "
            "is clinical, not electrical."
        ),
        sources=(
            "World Health Organization, Tetanus fact sheet, 2023",
            "Farrar et al. 2000, J Neurol Neurosurg Psychiatry 69:292",
        ),
        course_link="notebook 07 (a wound with new stiffness is urgent)",
    ),
    Term(
        key="guarding",
        name="Guarding",
        definition=(
            "A change in how the muscles around a painful part are used, to protect it: moving less, bracing, "
            "sharing load differently. It is a motor strategy driven by pain and fear, not a spasm."
        ),
        origin="motor planning: a changed strategy driven by pain and fear",
        mechanism=(
            "Pain tends to damp down the painful muscle itself and to recruit its antagonists slightly more "
            "(pain adaptation); bracing is partly voluntary. That involuntary contractions aid repair is the "
            "article's hypothesis, not a finding."
        ),
        emg="No single pattern: activity redistributed within and between muscles, often less in the painful one.",
        sources=(
            "Lund et al. 1991, Can J Physiol Pharmacol 69:683",
            "Hodges & Tucker 2011, Pain 152:S90",
        ),
        is_spasm=False,
        course_link="notebook 05 (the article's hypothesis and how to test it)",
    ),
)

#: Read-only mapping key → :class:`Term`.
BY_KEY: MappingProxyType[str, Term] = MappingProxyType({t.key: t for t in TERMS})


def term(key: str) -> Term:
    """The :class:`Term` for ``key`` (e.g. ``"cramp"``); ``ValueError`` listing the keys otherwise."""
    if key not in BY_KEY:
        raise ValueError(f"term={key!r} is not valid; choose one of: {', '.join(BY_KEY)}")
    return BY_KEY[key]


def _row(t: Term) -> tuple[str, ...]:
    return (t.name, t.definition, t.origin, t.mechanism, t.emg or "—", "; ".join(t.sources))


def _select(keys: tuple[str, ...] | list[str] | None) -> tuple[Term, ...]:
    return TERMS if keys is None else tuple(term(k) for k in keys)


def as_text(keys: tuple[str, ...] | list[str] | None = None, width: int = 100) -> str:
    """The table as plain text: one block per term (all terms, or those in ``keys``), wrapped to ``width``."""
    if not isinstance(width, int) or isinstance(width, bool) or width < 40:
        raise ValueError(f"width={width!r} is not valid; allowed: an integer ≥ 40")
    blocks = []
    for t in _select(keys):
        lines = textwrap.wrap(f"{t.name.upper()}: {t.definition}", width)
        for label, value in (
            ("starts in", t.origin),
            ("how", t.mechanism),
            ("EMG", t.emg or "—"),
            ("sources", "; ".join(t.sources)),
        ):
            lines += textwrap.wrap(f"{label}: {value}", width, initial_indent="  ", subsequent_indent="    ")
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


def as_html(keys: tuple[str, ...] | list[str] | None = None, caption: str = "The words for what muscles do") -> str:
    """The table as one accessible HTML ``<table>`` (caption, column headers, a row header per term)."""
    head = "".join(f'<th scope="col" style="text-align:left;padding:4px 6px">{html.escape(c)}</th>' for c in COLUMNS)
    cell_style = "text-align:left;vertical-align:top;padding:4px 6px"
    rows = []
    for t in _select(keys):
        cells = _row(t)
        first = f'<th scope="row" style="{cell_style}">{html.escape(cells[0])}</th>'
        rest = "".join(f'<td style="{cell_style}">{html.escape(c)}</td>' for c in cells[1:])
        rows.append(f'<tr style="border-top:1px solid #bbb">{first}{rest}</tr>')
    return (
        '<table class="course-terminology" style="border-collapse:collapse;font-size:13px;line-height:1.35">'
        f'<caption style="text-align:left;font-weight:bold;padding:4px 0">{html.escape(caption)}</caption>'
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
    )


def as_figure(keys: tuple[str, ...] | list[str] | None = None, height: int = 900) -> Any:
    """The table as a plotly ``go.Figure`` holding one ``go.Table`` (for a glossary page or a slide)."""
    import plotly.graph_objects as go

    from course import style

    selected = _select(keys)
    columns = list(zip(*(_row(t) for t in selected), strict=True)) if selected else [()] * len(COLUMNS)
    fig = go.Figure(
        go.Table(
            columnwidth=[1.0, 3.0, 1.6, 3.0, 2.2, 2.2],
            header=dict(values=list(COLUMNS), align="left", fill_color=style.OKABE_ITO["blue"],
                        font=dict(color="white")),
            cells=dict(values=[list(c) for c in columns], align="left", height=30),
        )
    )
    fig.update_layout(title="The words for what muscles do", height=height, margin=dict(l=10, r=10, t=40, b=10))
    return fig
