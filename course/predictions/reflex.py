"""Predict → observe → explain items of notebook 04, the cramp reflex (answered by :mod:`course.reflex`)."""

from __future__ import annotations

from types import MappingProxyType

from course.predictions._base import Observation, Prediction

__all__ = ["ITEMS", "BY_KEY", "NOTEBOOK", "STRETCH_TRAIN_HZ", "TETANY_CA_MM", "VOLUNTARY_LEVEL"]

#: The notebook the items belong to.
NOTEBOOK = "04"
#: Train frequency (Hz) of the stretch item, low Ca²⁺ (mM) of the tetany item, voluntary drive (fraction of
#: maximal) of the shortened-position item: the values of course.validation.reflex.
STRETCH_TRAIN_HZ = 30.0
TETANY_CA_MM = 0.7
VOLUNTARY_LEVEL = 0.3


def _ctf_prone() -> Observation:
    from course.reflex import PRONE, cramp_threshold_hz

    prone, normal = cramp_threshold_hz(prone=True), cramp_threshold_hz(prone=False)
    choice = 0 if prone < normal - 1 else (2 if prone > normal + 1 else 1)
    return Observation(
        f"The not-prone pool first cramps after a {normal:g}-Hz train; the cramp-prone pool (tendon-organ "
        f"inhibition × {PRONE.ib_factor:g}, persistent inward current × {PRONE.pic_factor:g}) already after a "
        f"{prone:g}-Hz train, {normal - prone:g} Hz lower. Miller & Knight (2009) measured 14.9 ± 1.3 Hz in people "
        "with a cramp history and 25.5 ± 1.6 Hz in people without.",
        choice=choice,
    )


def _stretch() -> Observation:
    from course import reflex as rx
    from course.validation.reflex import STRETCH_DELAY_S, stretch_silence_s

    silence = stretch_silence_s()
    no_stretch = rx.simulate_pool(10.0, stim_hz=STRETCH_TRAIN_HZ)
    lasting = sum(b - a for a, b in no_stretch.cramp_intervals_s)
    choice = 0 if silence <= 5.0 else 1
    return Observation(
        f"Without a stretch the motoneurons go on firing for {lasting:.1f} s after the {STRETCH_TRAIN_HZ:g}-Hz "
        f"train. Stretched {STRETCH_DELAY_S:g} s after the train, the pool fires its "
        f"last spike {silence:.1f} s after the stretch begins: the tendon organs' inhibition rises with the "
        "passive tension and pulls the motoneurons below the level their persistent current can hold.",
        choice=choice,
    )


def _tetany() -> Observation:
    from course import reflex as rx
    from course.validation.reflex import tetany_stretch_ratio

    ratio = tetany_stretch_ratio(TETANY_CA_MM)
    rate = rx.ectopic_rate_hz(TETANY_CA_MM)
    choice = 1 if 0.8 <= ratio <= 1.25 else (0 if ratio < 0.8 else 2)
    return Observation(
        f"At {TETANY_CA_MM:g} mM Ca²⁺ notebook 03's axon fires {rate:.0f} spikes/s on its own, and motor axons "
        f"fire doublets and triplets. After the stretch they fire at {100 * ratio:.0f} % of their rate before it: "
        "the stretch changes nothing, because the spikes start in the nerve, downstream of the spinal cord the "
        "tendon organs act on.",
        choice=choice,
    )


def _shortened() -> Observation:
    from course import reflex as rx

    short = rx.simulate_pool(8.0, voluntary=VOLUNTARY_LEVEL, shortened=True)
    neutral = rx.simulate_pool(8.0, voluntary=VOLUNTARY_LEVEL)
    lasting = sum(b - a for a, b in short.cramp_intervals_s)
    choice = 0 if short.cramped and not neutral.cramped else (1 if short.cramped == neutral.cramped else 2)
    neutral_words = "also cramps" if neutral.cramped else "falls silent when the contraction ends"
    return Observation(
        f"After a {rx.VOLUNTARY_S[1] - rx.VOLUNTARY_S[0]:g}-s contraction at {100 * VOLUNTARY_LEVEL:.0f} % drive "
        f"in the shortened position the pool keeps firing for {lasting:.1f} s on its own (a cramp); at rest length "
        f"the same contraction {neutral_words}. In a shortened muscle the tendon is slack, so the tendon organs "
        "feel less of the force and their inhibition is weaker.",
        choice=choice,
    )


#: The items of the cramp-reflex notebook, in order.
ITEMS: tuple[Prediction, ...] = (
    Prediction(
        "reflex_ctf_prone", NOTEBOOK,
        "Electrical trains of rising frequency are given to the calf's nerve until the muscle cramps. Compared "
        "with someone who rarely cramps, at what frequency does the muscle of a cramp-prone person (weaker "
        "tendon-organ inhibition, stronger persistent inward currents in the motoneurons) start to cramp?",
        _ctf_prone,
        "A cramp is the motoneurons holding themselves on after the input has gone. The persistent inward "
        "current is what holds them; the tendon organs' inhibition is what lets them go. Weaken the brake and "
        "strengthen the latch, and a smaller push — a lower train frequency — is enough.",
        choices=(
            "At a lower frequency: less input is needed to latch the motoneurons on.",
            "At about the same frequency: the threshold is set by the muscle fibres, not the spinal cord.",
            "At a higher frequency: stronger motoneurons tire sooner and need more drive to cramp.",
        ),
    ),
    Prediction(
        "reflex_stretch", NOTEBOOK,
        f"A {STRETCH_TRAIN_HZ:g}-Hz train has left the muscle cramping: motoneurons keep firing with no input. Half "
        "a second after the train the muscle is stretched and held. What happens to the cramp?",
        _stretch,
        "Stretching the muscle pulls on its tendon; the Golgi tendon organs fire more and inhibit the same "
        "motoneurons through spinal interneurons. That inhibition is enough to switch off the persistent "
        "current, and once it is off the motoneurons stay off: the stretch does not have to be held for long.",
        choices=(
            "It stops within seconds: tendon-organ inhibition switches the motoneurons off.",
            "It goes on: the stretch only lengthens fibres that are already fully contracted.",
            "It gets stronger: stretch excites the spindles, and their Ia input adds to the cramp.",
        ),
    ),
    Prediction(
        "reflex_tetany", NOTEBOOK,
        f"Ionized Ca²⁺ falls to {TETANY_CA_MM:g} mM (as after thyroid surgery in notebook 03), and the calf "
        "twitches in small bursts. The muscle is stretched as in the previous item. What happens to the firing?",
        _tetany,
        "Low Ca²⁺ makes the axons' sodium channels open too easily, so the nerve itself fires, far from the spinal "
        "cord. The tendon organs act on the motoneurons in the cord, which these spikes bypass, so a stretch "
        "cannot reach them. Treating tetany means correcting the Ca²⁺, not stretching.",
        choices=(
            "It stops, as a cramp does: the tendon organs inhibit the motoneurons.",
            "It goes on: the spikes start in the nerve, which the stretch reflex cannot reach.",
            "It turns into a cramp: the stretch adds spindle input to the extra spikes.",
        ),
    ),
    Prediction(
        "reflex_shortened", NOTEBOOK,
        f"The same brief voluntary contraction ({100 * VOLUNTARY_LEVEL:.0f} % drive) is made twice: once with "
        "the calf at rest length, once with the foot pointed so the calf is short. In which case can it leave "
        "the muscle cramping?",
        _shortened,
        "With the muscle shortened, the tendon is slack and less of the force reaches the tendon organs, so "
        "their inhibition is weak while the persistent current builds. This is why cramps often start when a "
        "short muscle contracts hard, and why pulling the toes up (lengthening it) is the first aid.",
        choices=(
            "Only when the calf is short: the slack tendon weakens tendon-organ inhibition.",
            "In both, equally: the contraction is the same, and length does not reach the spinal cord.",
            "Only at rest length: a stretched muscle has more spindle input to keep it firing.",
        ),
    ),
)

#: The items by key.
BY_KEY: MappingProxyType[str, Prediction] = MappingProxyType({p.key: p for p in ITEMS})
