"""The floor table of the self-check (version 3): data, not a thicket of ifs.

Each :class:`Floor` is one row: the answers that trigger it, the minimum tier it forces, why (in plain
words), and its own advice — what to tell the clinician or do — in the same row (:data:`NO_ADVICE` for
an explicit "none"). The tier of a case is the highest floor triggered (:mod:`course.selfcheck.engine`).

Where this table reads V3.2 narrowly (said in the row): "weakness with sudden onset" and "numbness or
tingling with sudden onset" apply with no recent injury — after a strain or a blow the sudden start is
the injury itself, and weakness after an injury is urgent_today through its own row; "back pain with
numbness" (urgent_today, an addition for cauda equina syndrome recognised without its emergency
question) applies to numbness that is not spreading down a limb (sciatica with a numb foot stays
see_soon, NICE CKS "Sciatica").

Sources, per row group (full citations in REFERENCES.md, Notebook 07): NHS condition pages (Heart
attack, Aortic dissection, Stroke, Meningitis, Sepsis, Hip fracture, DVT, Leg cramps, Tetanus,
Statins, Twitching eyes and muscles, Swollen ankles in pregnancy, Heat exhaustion), NHS 111 online (ages
≥ 5), NICE CKS (Acute childhood limp, Giant cell arteritis, Hypokalaemia, Hypomagnesaemia, Neuroleptic
malignant syndrome), NICE NG158 (DVT), NICE NG234 (spinal metastases and MSCC), NICE NG232 and the
Canadian C-spine rule (head and neck injury), BOAST compartment syndrome, the GIRFT suspected cauda
equina pathway (2023), Society for Endocrinology acute hypocalcaemia (2016), Hew-Butler et al. 2015
(exercise-associated hyponatraemia).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from course._checks import check_choice
from course.healing import ACUTE_PHASE_DAYS
from course.selfcheck.vocabulary import (
    CRITERIA,
    LABELS,
    ORDINAL,
    PERSISTING_WEEKS,
    SET_FIELDS,
    SWELLING_SETTLES_DAYS,
    TIERS,
    Answers,
    join,
)

__all__ = ["Floor", "FLOORS", "NO_ADVICE", "CALL", "floor_table", "fired_floors"]

#: The explicit "no advice of its own" of a floor row (the tier's destination and safety net still apply).
NO_ADVICE = "none"
#: How the emergency numbers are named in advice.
CALL = "call 999 (UK), 112 (EU) or 911 (North America)"

_FIELD_WORDS: Mapping[str, str] = MappingProxyType({
    "symptoms": "accompanying symptoms", "danger_signs": "emergency screen", "context": "context",
    "history": "history", "body_region": "body region", "age_band": "age", "onset": "onset", "timing": "timing",
    "location": "location", "hydration": "fluids", "intensity": "intensity", "trend": "course over time",
})


def _fs(*items: str) -> frozenset[str]:
    return frozenset(items)


def _as_set(a: Answers, name: str) -> frozenset[str]:
    value = getattr(a, name)
    return value if isinstance(value, frozenset) else frozenset((value,))


@dataclass(frozen=True)
class Floor:
    """One row of the minimum-urgency table.

    The row fires when **all** its clauses hold:

    * ``any_of[field]`` — the answer to ``field`` (a set, or a single value read as a one-item set)
      contains at least one of these values;
    * ``all_of[field]`` — it contains all of these values;
    * ``either`` — at least one of its ``field → values`` pairs matches (an "or" across fields);
    * ``at_least[field]`` — an ordered answer (intensity, trend, onset) is at least this value;
    * ``injury`` — ``True``/``False``: there is / is not a recent injury (``None``: either);
    * ``days_over`` / ``days_at_most`` — days since the injury (> / ≤, days);
    * ``weeks_at_least`` — duration of the spasms (≥, weeks);
    * ``unless`` — the row does **not** fire when every one of these ``(field, value)`` answers is given
      (an answer that explains the finding: both legs swollen in pregnancy). It is the only clause that
      is not upward-closed, and the monotonicity test allows a lower tier only through it.

    ``advice`` is required: the row's own next step (what to tell the clinician or do), or
    :data:`NO_ADVICE`. A floor at urgent_today or above never gives a self-care or exercise step.
    """

    key: str
    tier: str
    label: str
    why: str
    advice: str
    criterion: str
    causes: tuple[str, ...] = ()
    any_of: Mapping[str, frozenset[str]] = field(default_factory=dict)
    all_of: Mapping[str, frozenset[str]] = field(default_factory=dict)
    either: Mapping[str, frozenset[str]] = field(default_factory=dict)
    at_least: Mapping[str, str] = field(default_factory=dict)
    injury: bool | None = None
    days_over: float | None = None
    days_at_most: float | None = None
    weeks_at_least: float | None = None
    unless: tuple[tuple[str, str], ...] = ()

    def __post_init__(self) -> None:
        check_choice("tier", self.tier, TIERS)
        check_choice("criterion", self.criterion, CRITERIA)
        if not isinstance(self.advice, str) or not self.advice.strip():
            raise ValueError(f"floor {self.key!r} needs its own advice text, or NO_ADVICE ({NO_ADVICE!r})")
        for name in ("any_of", "all_of", "either", "at_least"):
            object.__setattr__(self, name, MappingProxyType(dict(getattr(self, name))))
        # The clauses compiled once into plain tuples (a floor is tested millions of times in the tests).
        object.__setattr__(self, "_any", tuple((n, w, n in SET_FIELDS) for n, w in self.any_of.items()))
        object.__setattr__(self, "_either", tuple((n, w, n in SET_FIELDS) for n, w in self.either.items()))
        object.__setattr__(self, "_least",
                           tuple((n, ORDINAL[n], ORDINAL[n].index(v)) for n, v in self.at_least.items()))

    @property
    def has_advice(self) -> bool:
        """Whether the row gives a step of its own (not :data:`NO_ADVICE`)."""
        return self.advice != NO_ADVICE

    @property
    def when(self) -> str:
        """The row's trigger in words (labels, never engine codes)."""
        parts = []
        for name, wanted in self.any_of.items():
            parts.append(f"{_FIELD_WORDS[name]}: " + _labels(name, wanted, " or "))
        for name, wanted in self.all_of.items():
            parts.append(f"{_FIELD_WORDS[name]}: " + _labels(name, wanted, " and "))
        if self.either:
            parts.append("any of (" + "; ".join(
                f"{_FIELD_WORDS[n]}: {_labels(n, w, ' or ')}" for n, w in self.either.items()) + ")")
        for name, lowest in self.at_least.items():
            parts.append(f"{_FIELD_WORDS[name]}: {LABELS[_label_field(name)][lowest].split(':')[0]} or more")
        if self.injury is True:
            parts.append("after a recent injury")
        elif self.injury is False:
            parts.append("with no recent injury")
        if self.days_over is not None:
            parts.append(f"more than {self.days_over:g} days after the injury")
        if self.days_at_most is not None:
            parts.append(f"within {self.days_at_most:g} days of the injury")
        if self.weeks_at_least is not None:
            parts.append(f"for {self.weeks_at_least:g} weeks or more")
        if self.unless:
            parts.append("unless " + " with ".join(LABELS[_label_field(n)][v] for n, v in self.unless))
        return "; ".join(parts)

    def explained(self, a: Answers) -> bool:
        """Whether the ``unless`` answers are all given (the row is then switched off)."""
        return bool(self.unless) and all(v in _as_set(a, n) for n, v in self.unless)

    def fires(self, a: Answers) -> bool:
        """Whether this floor applies to the answers ``a``."""
        for name, wanted, is_set in self._any:  # type: ignore[attr-defined]
            value = getattr(a, name)
            if (wanted.isdisjoint(value) if is_set else value not in wanted):
                return False
        for name, wanted in self.all_of.items():
            if not wanted <= getattr(a, name):
                return False
        if self._either and not any(  # type: ignore[attr-defined]
            (not w.isdisjoint(getattr(a, n))) if is_set else getattr(a, n) in w
            for n, w, is_set in self._either  # type: ignore[attr-defined]
        ):
            return False
        for name, order, lowest in self._least:  # type: ignore[attr-defined]
            if order.index(getattr(a, name)) < lowest:
                return False
        if self.injury is not None and a.recent_injury != self.injury:
            return False
        days = a.days_since_injury
        if self.days_over is not None and (days is None or days <= self.days_over):
            return False
        if self.days_at_most is not None and (days is None or days > self.days_at_most):
            return False
        if self.weeks_at_least is not None and a.duration_weeks < self.weeks_at_least:
            return False
        return not (self.unless and self.explained(a))


def _label_field(name: str) -> str:
    return {"intensity": "intensity", "trend": "trend"}.get(name, name)


def _labels(name: str, values: frozenset[str], word: str) -> str:
    words = LABELS[_label_field(name)]
    names = [words[v] for v in words if v in values]
    return join(names) if word == " and " else word.join(names)


# ----------------------------------------------------------------------------------------------
# Shared pieces of the rows
# ----------------------------------------------------------------------------------------------
_ONE_LIMB = _fs("leg", "foot", "arm_or_hand")
_CLOT_RISK = {
    "context": _fs("recent_surgery", "immobile_or_long_journey", "cast_or_tight_bandage",
                   "pregnant_or_recently_gave_birth"),
    "history": _fs("hormonal_contraception_or_hrt", "previous_clot", "cancer"),
}
_EXERTION = _fs("during_exertion", "after_exertion")
_SUDDEN = {"onset": _fs("sudden")}
_HEAD = {"context": _fs("head_or_neck_injury")}
_WOUND = {"context": _fs("wound_or_puncture")}

_TELL_999 = "Stop what you are doing, do not drive yourself, and tell the call handler "

_ADV_CLOT = ("Say that you may have a blood clot (DVT) and name any risk (an operation, a cast, a long journey, "
             "pregnancy, the pill or HRT, cancer, an earlier clot): it is checked with a scan, usually within "
             f"hours. If you become breathless or get chest pain, {CALL} at once.")
_ADV_LOW_CA = ("Say whether you have had neck or thyroid surgery: low blood calcium is found with a blood test "
               f"and treated with calcium. If breathing or swallowing becomes difficult, {CALL}.")
_ADV_HEAD_NECK = "Keep your neck as still as you can until you have been checked, and do not drive."
_ADV_COMPARTMENT = ("Say that the pain is out of proportion or the limb is tingling: the pressure inside the "
                    "muscle may need measuring at once. Loosen any tight bandage and do not raise the limb high.")
_ADV_WATER = ("Do not drink more plain water: drinking beyond thirst can dilute blood sodium. If you become "
              f"confused, vomit or have a bad headache, {CALL}.")
_ADV_TETANUS = ("Say when the wound happened and when you last had a tetanus vaccination: the spasms may be "
                "tetanus, which is treated in hospital.")
_ADV_FEVER_DOCTOR = "For the fever, see a doctor (a GP), not only a physiotherapist."
_ADV_SEPSIS = ("Say that you have a fever and feel very unwell, and name any long-term medicine: a doctor "
               "checks for a serious infection (sepsis).")
_ADV_MEDICINE = ("Name every medicine you take and any started or changed lately: with a statin the doctor "
                 "checks a blood test (creatine kinase) and decides whether to stop it; water tablets, "
                 "acid-reducing tablets and some others lower blood salts.")
_ADV_BLOOD_SALTS = ("Ask for a blood test of potassium, magnesium, calcium and sodium, and name the medicine: "
                    "water tablets and acid-reducing tablets can lower them.")
_ADV_WEAK = "Say which movements are weak and since when: new weakness needs an examination of the nerves and muscles."
_ADV_RHABDO = ("Weakness after hard exercise can mean muscle breakdown (rhabdomyolysis): a blood test (creatine "
               "kinase) and a urine test decide; say if your urine is dark.")
_ADV_NERVE = "Say where the numbness or tingling is: a GP or physiotherapist can test the nerve that supplies it."
_ADV_CALCIUM = ("Tingling with spasms in several muscles can mean low blood calcium or magnesium, not only a "
                "trapped nerve: ask for a blood test (calcium, magnesium, potassium).")
_ADV_CAUSE = ("Ask for the cause to be looked for: a medicine review and blood tests (for example calcium, "
              "magnesium, potassium, kidney and thyroid function, creatine kinase).")
_ADV_INFLAMED = ("Swelling, redness or warmth that an injury does not explain, or that is not settling, needs a "
                 "look for a clot, an infection or a large bruise (haematoma).")
_ADV_CHILD = "For a child, say how high the temperature is and whether the child will walk or use the limb."


def _row(key: str, tier: str, label: str, why: str, advice: str, criterion: str, *causes: str,
         **clauses: object) -> Floor:
    return Floor(key, tier, label, why, advice, criterion, tuple(causes), **clauses)  # type: ignore[arg-type]


# The emergency screen: one row per question, each its own why and advice. (why, cause, advice)
_DANGER: Mapping[str, tuple[str, str, str]] = MappingProxyType({
    "chest_pain": (
        "Chest pain, pressure or tightness can come from the heart or the lungs; a chest 'spasm' is treated "
        "as an emergency until a doctor has ruled that out.", "circulation",
        _TELL_999 + "about the chest pain; sit down and rest while you wait."),
    "pain_with_sweating_nausea_or_breathlessness": (
        "Pain in the arm, jaw, neck, back or upper belly with sweating, feeling sick or breathlessness can be "
        "a heart attack, even with no chest pain.", "circulation",
        _TELL_999 + "where the pain is and that you are sweaty, sick or breathless; sit down and rest."),
    "breathing_or_swallowing_difficulty": (
        "Trouble breathing or swallowing can mean the throat muscles are in spasm (for example from very low "
        "blood calcium), tetanus, a clot in the lung or a severe allergic reaction.", "outside_scope",
        _TELL_999 + "that breathing or swallowing is difficult."),
    "jaw_stiff_or_locked": (
        "A jaw that is stiff or will not open (lockjaw) is an early sign of tetanus, and can also be a drug "
        "reaction (acute dystonia).", "outside_scope",
        _TELL_999 + "about the jaw, any recent wound, and any medicine started lately."),
    "confusion_or_fainting": (
        "Confusion, fainting or a fit with cramps can mean a dangerous salt imbalance (such as low sodium "
        "after overdrinking), heat illness, an infection or a problem in the brain.", "electrolytes",
        _TELL_999 + "about the confusion, fainting or fit; do not leave the person alone."),
    "one_sided_face_or_body_weakness": (
        "A drooping face, or weakness or numbness of an arm or leg on one side, is a warning sign of a stroke, "
        "even when it has passed (a mini-stroke).", "circulation",
        _TELL_999 + "when the weakness started, even if it has gone."),
    "speech_or_vision_change": (
        "Slurred or muddled speech, or a sudden change in vision, is a warning sign of a stroke.", "circulation",
        _TELL_999 + "when the speech or vision changed, even if it has recovered."),
    "sudden_severe_pain": (
        "Sudden, severe, tearing or worst-ever pain can be a torn main artery (aortic dissection), a blocked "
        "artery or bleeding, not a muscle spasm.", "circulation",
        _TELL_999 + "that the pain came on suddenly and how severe it is."),
    "saddle_numbness_or_bladder_bowel_change": (
        "Numbness between the legs or around the bottom, or a change in bladder or bowel control, can mean "
        "the nerves at the base of the spine are being squeezed (cauda equina syndrome); surgery within hours "
        "can save their function.", "nerve",
        "Go to A&E now and say the words 'cauda equina': you need an MRI scan of the back today."),
    "both_legs_weak_or_numb": (
        "Weakness or numbness in both legs can mean pressure on the spinal cord or the nerves at the base of "
        "the spine, or a nerve illness such as Guillain–Barré syndrome.", "nerve",
        _TELL_999 + "that both legs are weak or numb and since when."),
    "dark_or_very_little_urine": (
        "Dark urine or passing very little after hard exercise, a crush or a long time lying on the floor can "
        "mean muscle breakdown (rhabdomyolysis), which can damage the kidneys.", "overuse",
        _TELL_999 + "the colour of your urine and what came before it (exercise, a fall, a medicine)."),
    "tense_limb_pain_out_of_proportion": (
        "A tense, tight limb with pain far beyond what is expected can mean compartment syndrome: rising "
        "pressure that starves the muscle of blood within hours, after an injury or hard exercise.",
        "persisting_problem", _ADV_COMPARTMENT),
    "cold_pale_or_numb_limb": (
        "A limb that is cold, pale or blue, or numb, may have lost its blood supply (acute limb ischaemia); "
        "surgery within hours can save it.", "circulation",
        _TELL_999 + "which limb has gone cold, pale or numb, and when."),
    "cannot_bear_weight_or_move_limb": (
        "Not being able to stand, bear weight or move a limb — after a fall, or in a child with a fever — can "
        "be a fracture (such as a broken hip), a joint infection or a nerve problem.", "outside_scope",
        "Do not try to walk on it; tell the call handler what happened and whether there is a fever."),
    "fever_with_stiff_neck_headache_or_rash": (
        "A fever with a stiff neck, a bad headache, dislike of bright light or a rash that does not fade can "
        "be meningitis or sepsis.", "infection_inflammation",
        _TELL_999 + "about the fever, the headache or stiff neck, and any rash."),
    "hand_or_foot_clawing": (
        "Hands or feet cramping into a claw (carpopedal spasm, tetany) is a sign of low blood calcium or "
        "magnesium; it can spread to the throat muscles.", "electrolytes", _ADV_LOW_CA),
})


def _danger_floors() -> list[Floor]:
    return [
        _row(f"danger_{s}", "emergency_now", LABELS["danger_signs"][s], why, advice, "danger signs", cause,
             any_of={"danger_signs": _fs(s)})
        for s, (why, cause, advice) in _DANGER.items()
    ]


_COMPARTMENT_WHY = (
    "Severe pain that keeps rising, with swelling and tingling or numbness, can be compartment syndrome "
    "developing: pressure that cuts off the muscle's blood supply, treated by surgery within hours."
)
_HEAD_NECK_WHY = (
    "After a blow to the head or neck, a fall from height or down stairs, or a high-speed crash, neck symptoms "
    "or pain, tingling, numbness or weakness spreading into the limbs can mean an injury to the neck bones or "
    "the spinal cord."
)
_TETANUS_WHY = (
    "Spasms spreading through the body, or in the jaw, face or neck, after a wound, puncture, bite or burn "
    "can be tetanus, which can stop breathing; it is treated in hospital."
)
_DRUG_FEVER_WHY = (
    "Fever, feeling very unwell and muscle stiffness or spasms on an antipsychotic, anti-sickness medicine, "
    "antidepressant or tramadol can be neuroleptic malignant syndrome or serotonin syndrome."
)


def _emergency_combinations() -> list[Floor]:
    fever_unwell = {"symptoms": _fs("fever", "feeling_very_unwell")}
    return [
        _row("tetanus_widespread", "emergency_now", "widespread spasms after a wound", _TETANUS_WHY, _ADV_TETANUS,
             "context", "infection_inflammation", any_of={**_WOUND, "location": _fs("widespread")}),
        _row("tetanus_region", "emergency_now", "spasms of the jaw, face, neck or several areas after a wound",
             _TETANUS_WHY, _ADV_TETANUS, "context", "infection_inflammation",
             any_of={**_WOUND, "body_region": _fs("face_or_jaw", "neck_or_shoulder", "several_areas")}),
        _row("weakness_sudden", "emergency_now", "weakness that came on suddenly",
             "Weakness that comes on over seconds or minutes can be a stroke or a problem in the spinal cord.",
             _TELL_999 + "when the weakness started and which parts are weak.", "onset", "circulation", "nerve",
             any_of={"symptoms": _fs("weakness"), **_SUDDEN}, injury=False),
        _row("cancer_back_weakness", "emergency_now", "weakness with back pain and a history of cancer",
             "Back pain with weakness in someone who has had cancer can be the spine being squeezed by the "
             "cancer (metastatic spinal cord compression): treatment within hours saves walking.",
             "Go to A&E now, or call the cancer team's acute-oncology line: say you have had cancer and now have "
             "back pain with weakness.", "history", "nerve",
             any_of={"symptoms": _fs("weakness"), "history": _fs("cancer"),
                     "body_region": _fs("back", "several_areas")}),
        _row("drug_fever_unwell", "emergency_now", "fever and feeling very unwell on an antipsychotic, "
             "anti-sickness medicine, antidepressant or tramadol", _DRUG_FEVER_WHY,
             _TELL_999 + "which medicines you take and when the last one was started or changed.", "history",
             "medicine", all_of=fever_unwell,
             any_of={"history": _fs("antipsychotic_or_anti_sickness", "serotonergic_antidepressant_or_tramadol")}),
        _row("wound_fever_unwell", "emergency_now", "fever and feeling very unwell after a wound",
             "Fever and feeling very unwell with pain after a wound can be a fast-spreading deep infection "
             "(necrotising fasciitis) or sepsis.", _TELL_999 + "about the wound and the fever.",
             "context", "infection_inflammation", all_of=fever_unwell, any_of=_WOUND),
        _row("compartment_any", "emergency_now", "severe, worsening pain with swelling and tingling or numbness",
             _COMPARTMENT_WHY, _ADV_COMPARTMENT, "accompanying symptoms", "persisting_problem",
             all_of={"symptoms": _fs("swelling")}, any_of={"symptoms": _fs("numbness", "tingling")},
             at_least={"intensity": "severe", "trend": "worsening"}),
        _row("compartment_worsening", "emergency_now", "severe, swollen and worsening soon after an injury",
             _COMPARTMENT_WHY, _ADV_COMPARTMENT, "intensity", "persisting_problem",
             all_of={"symptoms": _fs("swelling")}, at_least={"intensity": "severe", "trend": "worsening"},
             injury=True, days_at_most=ACUTE_PHASE_DAYS),
        _row("compartment_nerve", "emergency_now", "severe, swollen and tingling soon after an injury",
             _COMPARTMENT_WHY, _ADV_COMPARTMENT, "accompanying symptoms", "persisting_problem",
             all_of={"symptoms": _fs("swelling")}, any_of={"symptoms": _fs("numbness", "tingling", "weakness")},
             at_least={"intensity": "severe"}, injury=True, days_at_most=ACUTE_PHASE_DAYS),
        _row("head_neck_radiating", "emergency_now", "head or neck injury with spreading symptoms", _HEAD_NECK_WHY,
             _ADV_HEAD_NECK, "context", "nerve", any_of={**_HEAD, "location": _fs("radiating")}),
        _row("head_neck_nerve_symptoms", "emergency_now", "head or neck injury with numbness, tingling or weakness",
             _HEAD_NECK_WHY, _ADV_HEAD_NECK, "context", "nerve",
             any_of={**_HEAD, "symptoms": _fs("numbness", "tingling", "weakness", "both_legs_pain_or_tingling")}),
        _row("head_neck_region", "emergency_now", "neck or shoulder spasm after a head or neck injury",
             _HEAD_NECK_WHY, _ADV_HEAD_NECK, "context", "nerve",
             any_of={**_HEAD, "body_region": _fs("neck_or_shoulder")}),
        _row("low_ca_after_neck_surgery", "emergency_now", "signs of low calcium after neck or thyroid surgery",
             "Tingling around the mouth or fingers in the days after neck or thyroid surgery usually means the "
             "parathyroid glands are not working yet and blood calcium is falling; it is treated with calcium "
             "in hospital, sometimes into a vein.", _ADV_LOW_CA, "context", "electrolytes",
             any_of={"context": _fs("neck_or_thyroid_surgery"), "symptoms": _fs("mouth_or_fingertip_tingling")}),
        _row("plain_water_very_unwell", "emergency_now", "very unwell after drinking lots of plain water",
             "Feeling very unwell (sick, a headache) with cramps after drinking a lot of plain water can be low "
             "blood sodium with swelling of the brain starting; it needs a sodium test and treatment at once, "
             "and no more water.", _ADV_WATER, "context", "electrolytes",
             any_of={"context": _fs("drank_lots_of_plain_water"), "symptoms": _fs("feeling_very_unwell")}),
        _row("heat_illness", "emergency_now", "very unwell after hard exercise with heavy sweating",
             "Feeling very unwell during or after hard exercise with heavy sweating can be heat exhaustion turning "
             "into heatstroke; if 30 minutes in a cool place has not helped, it is an emergency.",
             "While you wait, move to a cool, shaded place, lie down and loosen tight clothing; do not leave the "
             "person alone.", "accompanying symptoms", "overuse",
             any_of={"symptoms": _fs("feeling_very_unwell"), "timing": _EXERTION,
                     "hydration": _fs("heavy_sweating")}),
    ]


def _urgent_floors() -> list[Floor]:
    clot_why = ("One swollen leg or arm, or a tender, warm or red calf or limb with a clot risk, can be a deep-vein "
                "blood clot (DVT); it needs a scan within hours, and a clot can travel to the lungs.")
    return [
        _row("one_limb_swollen", "urgent_today", "one leg or one arm swollen", clot_why, _ADV_CLOT,
             "accompanying symptoms", "clot", any_of={"symptoms": _fs("one_leg_swollen", "one_arm_swollen")}),
        _row("limb_clot_risk", "urgent_today", "a tender, warm or red limb with a clot risk", clot_why,
             _ADV_CLOT, "accompanying symptoms", "clot", either=_CLOT_RISK,
             any_of={"symptoms": _fs("calf_tender", "warmth", "redness"), "body_region": _ONE_LIMB}),
        _row("limb_swelling_clot_risk", "urgent_today", "a swollen limb with a clot risk", clot_why,
             _ADV_CLOT, "accompanying symptoms", "clot", either=_CLOT_RISK,
             any_of={"symptoms": _fs("swelling"), "body_region": _ONE_LIMB},
             unless=(("context", "pregnant_or_recently_gave_birth"), ("symptoms", "both_legs_swollen"))),
        _row("mouth_or_fingertip_tingling", "urgent_today", "tingling around the mouth or in the fingertips",
             "Tingling around the mouth or in the fingertips is a classic sign of low blood calcium; a blood test "
             "is needed the same day.", _ADV_LOW_CA, "accompanying symptoms", "electrolytes",
             any_of={"symptoms": _fs("mouth_or_fingertip_tingling")}),
        _row("cramp_over_10_minutes", "urgent_today", "a cramp lasting over 10 minutes",
             "Ordinary cramps ease within minutes; one that lasts longer than 10 minutes needs a doctor the same "
             "day.", "Say how long the cramp lasted and which medicines you take.", "accompanying symptoms",
             "persisting_problem", any_of={"symptoms": _fs("cramp_over_10_minutes")}),
        _row("weakness", "urgent_today", "weakness",
             "New weakness means the muscle is not doing its job: a nerve may not be driving it, or, after hard "
             "exercise, the muscle itself may be breaking down.", _ADV_WEAK, "accompanying symptoms", "nerve",
             any_of={"symptoms": _fs("weakness")}),
        _row("weakness_after_exertion", "urgent_today", "weakness after hard exercise or heavy sweating",
             "Weakness after hard exercise can be muscle breakdown (rhabdomyolysis).", _ADV_RHABDO,
             "accompanying symptoms", "overuse", any_of={"symptoms": _fs("weakness")},
             either={"timing": _EXERTION, "hydration": _fs("heavy_sweating")}),
        _row("wound_or_puncture", "urgent_today", "a recent wound or puncture",
             "Muscle spasms after a wound, puncture, bite or burn can be the start of tetanus; a doctor should see "
             "you today and check your tetanus vaccination.", _ADV_TETANUS, "context", "infection_inflammation",
             any_of=_WOUND),
        _row("fever_red_swollen", "urgent_today", "fever with redness and swelling",
             "Fever with a red, swollen area can be a spreading infection of the skin or muscle; it needs a doctor "
             "the same day.", _ADV_FEVER_DOCTOR, "accompanying symptoms", "infection_inflammation",
             all_of={"symptoms": _fs("fever", "redness", "swelling")}),
        _row("fever_very_unwell", "urgent_today", "fever while feeling very unwell",
             "Fever while feeling very unwell can be a serious infection (sepsis); get help today, and call an "
             "emergency number if it gets worse quickly.", _ADV_SEPSIS, "accompanying symptoms",
             "infection_inflammation", all_of={"symptoms": _fs("fever", "feeling_very_unwell")}),
    ]


def _urgent_onset_nerve_and_organ_floors() -> list[Floor]:
    return [
        _row("very_unwell_sudden", "urgent_today", "feeling very unwell, with a sudden start",
             "Feeling very unwell with pain that started suddenly points to something beyond the muscle: the heart, "
             "a blood vessel or an infection.", "Say when it started and what you were doing.", "onset",
             "outside_scope", any_of={"symptoms": _fs("feeling_very_unwell"), **_SUDDEN}),
        _row("severe_sudden_no_injury", "urgent_today", "severe pain that started suddenly with no injury",
             "Severe pain that starts within seconds or minutes without an injury is not how a cramp or a strain "
             "behaves; a blood vessel or a nerve problem must be ruled out today.",
             "Say when it started; if it is the worst pain you have had, or tearing, call an emergency number.",
             "onset", "circulation", at_least={"intensity": "severe"}, any_of=_SUDDEN, injury=False),
        _row("nerve_sudden", "urgent_today", "numbness or tingling that started suddenly",
             "Numbness or tingling that comes on within seconds or minutes can be a mini-stroke or a trapped "
             "nerve; a doctor should decide which today.", "Say exactly where and when it started, even if it "
             "has passed.", "onset", "nerve", any_of={"symptoms": _fs("numbness", "tingling"), **_SUDDEN},
             injury=False),
        _row("severe_swelling_acute", "urgent_today", "severe pain with swelling soon after an injury",
             "Severe pain with swelling in the first days after an injury can mean a large tear, a fracture or "
             "bleeding into the muscle; it should be examined today.", "Say how the injury happened.",
             "intensity", "persisting_problem", any_of={"symptoms": _fs("swelling")},
             at_least={"intensity": "severe"}, injury=True, days_at_most=ACUTE_PHASE_DAYS),
        _row("swelling_worsening_acute", "urgent_today", "swelling and pain getting worse soon after an injury",
             "Pain and swelling that keep rising in the first 2 days after a knock or a strain can be bleeding into "
             "the muscle or compartment syndrome starting; it should be examined today.", _ADV_COMPARTMENT,
             "course over time", "persisting_problem", any_of={"symptoms": _fs("swelling")},
             at_least={"trend": "worsening"}, injury=True, days_at_most=ACUTE_PHASE_DAYS),
        _row("back_numbness", "urgent_today", "back pain with numbness",
             "Numbness with back pain can come from the nerves at the base of the spine; numbness around the "
             "bottom or between the legs, or any bladder change, is cauda equina syndrome until proven otherwise.",
             "Say exactly where the numbness is, and whether passing urine or opening the bowels has changed.",
             "body region", "nerve", any_of={"body_region": _fs("back"), "symptoms": _fs("numbness"),
                                             "location": _fs("localized", "widespread")}),
        _row("severe_swelling_no_injury", "urgent_today", "severe pain with swelling and no injury",
             "Severe pain with swelling that no injury explains can be a clot, an infection, an inflamed joint or "
             "compartment syndrome after exercise.", _ADV_INFLAMED, "intensity", "infection_inflammation",
             any_of={"symptoms": _fs("swelling")}, at_least={"intensity": "severe"}, injury=False),
        _row("radiating_severe_nerve", "urgent_today", "severe, worsening pain spreading along a limb with numbness "
             "or tingling", "Severe, worsening nerve pain with numbness or tingling can be a nerve root being "
             "squeezed hard, or the start of cauda equina syndrome.", "Say whether one or both legs are "
             "affected, and watch for numbness between the legs or bladder changes.", "location", "nerve",
             any_of={"location": _fs("radiating"),
                     "symptoms": _fs("numbness", "tingling", "both_legs_pain_or_tingling")},
             at_least={"intensity": "severe", "trend": "worsening"}),
        _row("both_legs_nerve", "urgent_today", "pain or tingling down both legs",
             "Sciatica in both legs is a warning sign of the nerves at the base of the spine being squeezed "
             "(suspected cauda equina syndrome); it needs assessment the same day.",
             "Say that both legs are affected; if numbness between the legs or a bladder or bowel change appears, "
             "go to A&E at once.", "accompanying symptoms", "nerve",
             any_of={"symptoms": _fs("both_legs_pain_or_tingling")}),
        _row("heartbeat", "urgent_today", "a racing or irregular heartbeat with the spasms",
             "A racing or irregular heartbeat with cramps or weakness can be low blood potassium or magnesium "
             "upsetting the heart rhythm.", _ADV_BLOOD_SALTS, "accompanying symptoms", "electrolytes",
             any_of={"symptoms": _fs("racing_or_irregular_heartbeat")}),
        _row("dystonia", "urgent_today", "muscles twisting on their own, or the eyes rolling up",
             "Twisting muscle spasms of the neck, jaw or tongue, or the eyes rolling up, are usually a reaction to "
             "a medicine (acute dystonia); an antidote works within minutes.",
             "Name every medicine taken in the past week, including anti-sickness medicine.", "history", "medicine",
             any_of={"symptoms": _fs("involuntary_twisting_or_eyes_rolling_up")}),
        _row("chest_belly_warning", "urgent_today", "chest or belly pain on exertion, sudden, or with feeling unwell",
             "Chest or belly pain that comes with exertion, starts suddenly, or comes with feeling very unwell can "
             "be the heart or an organ, not a muscle.",
             f"Say what brings it on; if it becomes chest pain, pressure or breathlessness, {CALL}.", "body region",
             "circulation", any_of={"body_region": _fs("chest_or_abdomen")},
             either={"timing": _fs("during_exertion"), **_SUDDEN, "symptoms": _fs("feeling_very_unwell")}),
    ]


def _urgent_history_and_age_floors() -> list[Floor]:
    return [
        _row("new_medicine", "urgent_today", "a new or changed medicine",
             "Several medicines can cause cramps or muscle pain; with a statin, unexplained muscle pain, tenderness "
             "or weakness needs a doctor the same day (NHS advice), because rarely the muscle is breaking down.",
             _ADV_MEDICINE, "context", "medicine", any_of={"context": _fs("new_or_changed_medicine")}),
        _row("statin_unexplained", "urgent_today", "muscle pain on a statin with no injury or exertion to explain it",
             "On a statin, muscle pain, tenderness or weakness that no exercise or injury explains can be the "
             "statin harming the muscle; the NHS says to call a doctor or 111 now.", _ADV_MEDICINE, "history",
             "medicine", any_of={"history": _fs("statin"), "timing": _fs("night", "no_pattern")}, injury=False),
        _row("diuretic_ppi_weakness", "urgent_today", "weakness or tingling on a water tablet or acid-reducing tablet",
             "Water tablets and acid-reducing tablets can lower blood potassium or magnesium; with weakness or "
             "tingling that needs a blood test today (it can upset the heart rhythm).", _ADV_BLOOD_SALTS,
             "history", "electrolytes",
             any_of={"history": _fs("diuretic", "acid_reducing_ppi"),
                     "symptoms": _fs("weakness", "tingling", "mouth_or_fingertip_tingling")}),
        _row("anticoagulant_swelling_injury", "urgent_today", "swelling after an injury on a blood thinner",
             "On a blood thinner, swelling after an injury can be bleeding into the muscle, which can press on "
             "nerves and vessels.", "Say which blood thinner you take and when the injury happened.", "history",
             "persisting_problem", any_of={"history": _fs("anticoagulant"), "symptoms": _fs("swelling")},
             injury=True),
        _row("anticoagulant_swelling_fall", "urgent_today", "swelling after a fall on a blood thinner",
             "On a blood thinner, swelling after a fall can be bleeding into the muscle or around a joint.",
             "Say which blood thinner you take and when you fell.", "history", "persisting_problem",
             any_of={"history": _fs("anticoagulant"), "symptoms": _fs("swelling"), "context": _fs("fall")}),
        _row("fever_risk_history", "urgent_today", "fever when injecting drugs or on steroids or immunosuppressants",
             "A fever in someone who injects drugs or takes steroids or immune-suppressing medicine can be a deep "
             "infection (of a muscle, a joint or the spine) that shows few other signs.", _ADV_SEPSIS, "history",
             "infection_inflammation", any_of={"symptoms": _fs("fever"),
                                               "history": _fs("injects_drugs", "steroid_or_immunosuppressant")}),
        _row("fall_older_severe", "urgent_today", "severe pain after a fall at 65 or over",
             "Severe pain after a fall at 65 or over can be a fracture, such as a broken hip or wrist, even when "
             "walking is still possible.", "Do not put weight on it if it hurts too much; say how you fell.",
             "age", "persisting_problem", any_of={"context": _fs("fall"), "age_band": _fs("65_or_over")},
             at_least={"intensity": "severe"}),
        _row("jaw_headache_older", "urgent_today", "jaw pain on chewing or a new headache at 65 or over",
             "At 65 or over, jaw pain when chewing or a new headache can be giant-cell arteritis, which can take "
             "the sight within days; steroids are started the same day.",
             "Say if the scalp is tender or vision has changed: the doctor may start steroids today.", "age",
             "circulation", any_of={"symptoms": _fs("pain_on_chewing_or_new_headache"),
                                    "age_band": _fs("65_or_over")}),
        _row("under_5", "urgent_today", "a child under 5",
             "This self-check is not for children under 5 (NHS 111 online is not either): a child under 5 with "
             "spasms or limb pain should be assessed by a doctor today.",
             "Phone NHS 111 or the GP: say the child's age, the temperature, and whether the child will walk or "
             "use the limb.", "age", "outside_scope", any_of={"age_band": _fs("under_5")}),
        _row("child_fever", "urgent_today", "a child with a fever",
             "A child or teenager with limb pain or spasms and a fever can have a bone or joint infection; "
             "they need a doctor the same day.", _ADV_CHILD, "age", "infection_inflammation",
             any_of={"age_band": _fs("5_to_15"), "symptoms": _fs("fever")}),
    ]


def _soon_floors() -> list[Floor]:
    return [
        _row("fever", "see_soon", "fever", "Fever with muscle symptoms can mean an infection; a doctor (not only a "
             "physiotherapist) should check it.", _ADV_FEVER_DOCTOR + " Do not put heat on a red or swollen area.",
             "accompanying symptoms", "infection_inflammation", any_of={"symptoms": _fs("fever")}),
        _row("numbness_or_tingling", "see_soon", "numbness or tingling",
             "Numbness or tingling can mean a nerve is irritated or compressed.", _ADV_NERVE,
             "accompanying symptoms", "nerve", any_of={"symptoms": _fs("numbness", "tingling")}),
        _row("tingling_widespread", "see_soon", "numbness or tingling with widespread spasms",
             "With spasms in several muscles, numbness or tingling can mean low blood calcium or magnesium.",
             _ADV_CALCIUM, "accompanying symptoms", "electrolytes", any_of={"symptoms": _fs("numbness", "tingling")},
             either={"location": _fs("widespread"), "body_region": _fs("several_areas")}),
        _row("feeling_very_unwell", "see_soon", "feeling very unwell",
             "Feeling very unwell alongside the spasms points to something beyond the muscle.", _ADV_CAUSE,
             "accompanying symptoms", "outside_scope", any_of={"symptoms": _fs("feeling_very_unwell")}),
        _row("redness_warmth_no_injury", "see_soon", "redness or warmth with no injury",
             "Redness or warmth that no injury explains needs its cause found: a clot, an infection or an inflamed "
             "joint or muscle.", _ADV_INFLAMED, "accompanying symptoms", "infection_inflammation",
             any_of={"symptoms": _fs("redness", "warmth")}, injury=False),
        _row("swelling_no_injury", "see_soon", "swelling with no injury",
             "Swelling that no injury explains needs its cause found: a clot, an infection, or the heart, kidneys "
             "or a medicine.", _ADV_INFLAMED, "accompanying symptoms", "infection_inflammation",
             any_of={"symptoms": _fs("swelling")}, injury=False,
             unless=(("context", "pregnant_or_recently_gave_birth"), ("symptoms", "both_legs_swollen"))),
        _row("inflamed_not_settling", "see_soon", "swelling or redness that is not settling",
             "Swelling after a strain should be settling after the first few days; if it is not, it needs a look "
             "(a large bruise, a clot or an infection).", _ADV_INFLAMED, "accompanying symptoms",
             "infection_inflammation", any_of={"symptoms": _fs("swelling", "redness", "warmth")},
             at_least={"trend": "unchanged"}, injury=True, days_over=SWELLING_SETTLES_DAYS),
        _row("both_legs_swollen", "see_soon", "both legs or ankles swollen",
             "Swelling of both legs outside pregnancy can come from the heart, the kidneys, the liver or a "
             "medicine; a GP should find the cause.", "Say which medicines you take and whether you get "
             "breathless lying flat.", "accompanying symptoms", "outside_scope",
             any_of={"symptoms": _fs("both_legs_swollen")},
             unless=(("context", "pregnant_or_recently_gave_birth"),)),
        _row("calf_tender", "see_soon", "a tender calf",
             "A calf that is tender to touch can be a strain, but also a clot; a GP can examine it and decide "
             "whether a scan is needed.", _ADV_CLOT, "accompanying symptoms", "clot",
             any_of={"symptoms": _fs("calf_tender")}),
        _row("diuretic_ppi_cramps", "see_soon", "cramps on a water tablet or acid-reducing tablet",
             "Water tablets and acid-reducing tablets can lower blood potassium or magnesium, which brings on "
             "cramps; a blood test finds it.", _ADV_BLOOD_SALTS, "history", "electrolytes",
             any_of={"history": _fs("diuretic", "acid_reducing_ppi")}),
        _row("jaw_or_headache", "see_soon", "jaw pain on chewing or a new headache",
             "Jaw pain when chewing or a new headache is more than a muscle twitch; a GP should look for the "
             "cause.", "Say how long it has been there and whether the scalp is tender.", "accompanying symptoms",
             "outside_scope", any_of={"symptoms": _fs("pain_on_chewing_or_new_headache")}),
        _row("face_two_weeks", "see_soon", "face or jaw spasms for 2 weeks or more",
             "A face or eyelid twitch usually settles within 2 weeks; one that lasts longer, spreads or closes "
             "the eye should be seen by a GP.", "Say whether the twitch spreads to other parts of the face.",
             "body region", "outside_scope", any_of={"body_region": _fs("face_or_jaw")}, weeks_at_least=2.0),
        _row("chest_or_abdomen", "see_soon", "chest or belly",
             "Spasms in the chest or the belly are outside what these criteria can judge; a doctor should see "
             "them.", f"With chest pain or trouble breathing, {CALL}.", "body region", "outside_scope",
             any_of={"body_region": _fs("chest_or_abdomen")}),
        _row("radiating", "see_soon", "pain or tingling spreading along a limb",
             "Pain or tingling that spreads along an arm or a leg points to an irritated nerve root; a GP or "
             "physiotherapist can test strength, feeling and reflexes.",
             "Say where the pain or tingling spreads to, and whether anything feels numb or weak: strength, "
             "feeling and reflexes show which nerve root is irritated.", "location",
             "nerve", any_of={"location": _fs("radiating")}),
        _row("severe", "see_soon", "severe intensity",
             "Severe pain is more than ordinary cramps or a mild strain usually cause.", _ADV_CAUSE, "intensity",
             "persisting_problem", at_least={"intensity": "severe"}),
        _row("worsening", "see_soon", "worsening course",
             "Spasms that keep getting worse are not following the course of a recovering strain.", _ADV_CAUSE,
             "course over time", "persisting_problem", at_least={"trend": "worsening"}),
        _row("persisting", "see_soon", f"{PERSISTING_WEEKS:g} weeks or more without easing",
             f"Spasms that have gone on for {PERSISTING_WEEKS:g} weeks or more without easing need their cause "
             "looked for (for example a medicine, a nerve problem, or blood salts).", _ADV_CAUSE, "duration",
             "persisting_problem", at_least={"trend": "unchanged"}, weeks_at_least=PERSISTING_WEEKS),
        _row("exertional_leg_older", "see_soon", "leg cramping on exertion at 65 or over, for 2 weeks or more",
             "Cramping pain in the leg that comes on with walking and eases with rest, in an older person, can be "
             "narrowed leg arteries (peripheral arterial disease).",
             "Say how far you can walk before the cramp comes on: the pulses and blood pressure in the legs "
             "show whether the arteries are narrowed.", "timing", "circulation",
             any_of={"timing": _fs("during_exertion"), "age_band": _fs("65_or_over"),
                     "body_region": _fs("leg", "foot")}, weeks_at_least=2.0),
        _row("plain_water_widespread", "see_soon", "lots of plain water with widespread cramps",
             "Cramps in several muscles after drinking a lot of plain water can go with low blood sodium "
             "(exercise-associated hyponatraemia).", _ADV_WATER, "context", "electrolytes",
             any_of={"context": _fs("drank_lots_of_plain_water")},
             either={"location": _fs("widespread"), "body_region": _fs("several_areas")}),
    ]


#: The minimum-urgency table, most urgent rows first. Read-only.
FLOORS: tuple[Floor, ...] = tuple(
    _danger_floors() + _emergency_combinations() + _urgent_floors() + _urgent_onset_nerve_and_organ_floors()
    + _urgent_history_and_age_floors()
    + _soon_floors()
)

if len({f.key for f in FLOORS}) != len(FLOORS):  # pragma: no cover - a data error caught at import
    raise RuntimeError("duplicate floor keys in course.selfcheck.floors")


def floor_table() -> list[tuple[str, str, str]]:
    """The floor table as rows (minimum tier, when in words, why) — for the notebook and the tests."""
    return [(f.tier, f.when, f.why) for f in FLOORS]


def fired_floors(a: Answers) -> tuple[Floor, ...]:
    """Every floor that ``a`` triggers, in table order."""
    return tuple(f for f in FLOORS if f.fires(a))
