"""Predict → observe → explain items of notebook 02 (contraction); answered by :mod:`course.contraction`."""

from __future__ import annotations

from course.predictions._base import Observation, Prediction

__all__ = ["ITEMS", "LOW_HZ", "HIGH_HZ", "TRAIN_MS"]

#: The two stimulation rates of the frequency item (Hz) and the train length (ms), as in the notebook's
#: train figure (Step 5).
LOW_HZ, HIGH_HZ = 10.0, 50.0
TRAIN_MS = 600.0


def _twitch_share() -> Observation:
    from course.contraction import FAST, twitch_metrics, twitch_tetanus_ratio

    ratio = twitch_tetanus_ratio("fast")
    m = twitch_metrics("fast")
    return Observation(
        f"One action potential gives the fast fibre {100 * ratio:.0f} % of the force of a fused 100-Hz tetanus, "
        f"although free Ca²⁺ peaks at {m.peak_ca_um:.0f} µM, {m.peak_ca_um / FAST.ca50_um:.0f} times the "
        f"{FAST.ca50_um:.1f} µM that gives half force when Ca²⁺ is held steady.",
        value=round(100 * ratio, 1),
    )


def _frequency() -> Observation:
    from course.contraction import fusion_index, release_per_stimulus, simulate_contraction

    low, high = (simulate_contraction(hz, TRAIN_MS) for hz in (LOW_HZ, HIGH_HZ))
    ratio = high.peak_force / low.peak_force
    choice = 1 if ratio > 1.3 else (2 if ratio < 0.9 else 0)
    share = release_per_stimulus(high)
    return Observation(
        f"At {LOW_HZ:g} Hz force peaks at {100 * low.peak_force:.0f} % of maximum and ripples (fusion index "
        f"{fusion_index(low):.2f}); at {HIGH_HZ:g} Hz it climbs to {100 * high.peak_force:.0f} % (fusion index "
        f"{fusion_index(high):.2f}), {ratio:.1f} times as much. Yet in the {HIGH_HZ:g}-Hz train the 10th stimulus "
        f"releases only {100 * share[9]:.0f} % of the SR's Ca²⁺ against {100 * share[0]:.0f} % for the first, "
        f"and the SR never falls below {100 * high.sr_um.min() / high.sr_um[0]:.0f} % of its resting content.",
        choice=choice,
    )


def _half_serca() -> Observation:
    from course.contraction import FAST, twitch_metrics

    normal = twitch_metrics("fast")
    half = twitch_metrics("fast", serca_vmax_um_per_ms=FAST.serca_vmax_um_per_ms / 2)
    change = half.half_relaxation_ms / normal.half_relaxation_ms - 1
    choice = 2 if change > 0.1 else (0 if change < -0.1 else 1)
    return Observation(
        f"With SERCA at half speed the twitch's half-relaxation time goes from {normal.half_relaxation_ms:.0f} ms "
        f"to {half.half_relaxation_ms:.0f} ms ({100 * change:+.0f} %), and its peak force from "
        f"{100 * normal.peak_force:.0f} % to {100 * half.peak_force:.0f} % of maximum.",
        choice=choice,
    )


#: The items of notebook 02, in order.
ITEMS: tuple[Prediction, ...] = (
    Prediction(
        "twitch_share", "02",
        "A single action potential reaches a fast-twitch fibre. What percentage of its maximal force (a fused "
        "tetanus) does this one twitch reach?",
        _twitch_share,
        "The filaments are switched on fully, but only for a few tens of milliseconds: SERCA and the buffers "
        "take the Ca²⁺ away before enough cross-bridges have attached. Force is limited by time, not by the "
        "amount of Ca²⁺, which is why summed stimuli can give three to four times more.",
        unit="%", bounds=(0.0, 100.0),
    ),
    Prediction(
        "frequency_force", "02",
        f"The same fast fibre is stimulated at {LOW_HZ:g} Hz and then at {HIGH_HZ:g} Hz. What happens to the peak "
        "force?",
        _frequency,
        "Each stimulus arrives before the Ca²⁺ of the previous ones has been cleared, so troponin never switches "
        "off and the cross-bridges keep building force: the twitches fuse. Later stimuli release less Ca²⁺ "
        "because the release channels are still inactivated, not because the store is empty.",
        choices=(
            "About the same: every action potential releases the same Ca²⁺, and Ca²⁺ sets force.",
            "It rises a lot: the twitches merge into a smooth, much stronger contraction.",
            "It falls: at the higher rate the SR runs low, so each stimulus releases less.",
        ),
    ),
    Prediction(
        "half_serca", "02",
        "A drug halves the speed of the SERCA pumps and changes nothing else. What happens to the time a single "
        "twitch takes to relax?",
        _half_serca,
        "Relaxation is not passive: troponin lets go only when SERCA has brought free Ca²⁺ back down. Slower "
        "pumps keep Ca²⁺ up for longer, so force lasts longer and, in a train, the twitches overlap more.",
        choices=(
            "It gets shorter: with slower pumps less Ca²⁺ is stored, so less is released.",
            "It hardly changes: the cross-bridges let go by themselves once the impulse has passed.",
            "It gets longer: Ca²⁺ stays high for longer, so troponin stays switched on.",
        ),
    ),
)
