"""The course models' right-hand sides integrated by ``scipy.integrate.solve_ivp``.

The course integrators are fixed-step schemes written for speed; these functions integrate the *same*
right-hand sides (``course.contraction.rhs``, ``course.excitability.membrane_rhs``) with a general
adaptive solver, so the tests can check accuracy and the benchmarks can compare cost.
"""

from __future__ import annotations

import math

import numpy as np
from scipy.integrate import solve_ivp

from course import contraction as c
from course import excitability as ex
from course.electrolytes import Electrolytes

__all__ = ["axon_spike_times", "contraction_force", "contraction_states"]


def contraction_states(
    trace: c.ContractionTrace,
    method: str = "Radau",
    rtol: float = 1e-8,
    atol: float = 1e-10,
    pulse_max_step: float = 0.05,
) -> np.ndarray:
    """The model's ODE (``course.contraction.rhs``) integrated by solve_ivp at ``trace.t_ms``.

    States as :func:`course.contraction.initial_state` (Ca, Ca-troponin, Ca-parvalbumin, SR content,
    attached fraction, release gate, force), shape (n_states, N). The time axis is cut at the edges of every
    release pulse (± 6 σ of its Gaussian), with at most ``pulse_max_step`` ms per step inside a pulse,
    so an adaptive solver cannot step over one.
    """
    p = trace.params
    y = c.initial_state(p)
    sigma = p.release_fdhm_ms / (2.0 * math.sqrt(2.0 * math.log(2.0)))
    centres = trace.spike_times_ms + p.release_delay_ms
    t_end = float(trace.t_ms[-1])
    cuts = np.clip(np.concatenate([centres - 6 * sigma, centres + 6 * sigma]), 0.0, t_end)
    edges = sorted({0.0, t_end, *cuts.tolist()})
    out = np.empty((y.size, trace.t_ms.size))
    out[:, 0] = y
    for a, b in zip(edges[:-1], edges[1:], strict=True):
        if b <= a:
            continue
        in_pulse = bool(np.any(np.abs(0.5 * (a + b) - centres) < 6 * sigma))
        sel = (trace.t_ms > a) & (trace.t_ms <= b)
        t_eval = trace.t_ms[sel]
        if t_eval.size == 0 or t_eval[-1] < b:
            t_eval = np.append(t_eval, b)
        sol = solve_ivp(
            c.rhs, (a, b), y, method=method, rtol=rtol, atol=atol, t_eval=t_eval,
            args=(trace.spike_times_ms, p), max_step=pulse_max_step if in_pulse else np.inf,
        )
        if not sol.success:
            raise RuntimeError(f"solve_ivp failed: {sol.message}")
        out[:, sel] = sol.y[:, : int(sel.sum())]
        y = sol.y[:, -1]
    return out


def contraction_force(trace: c.ContractionTrace, **kwargs) -> np.ndarray:
    """Reference force (fraction of maximal tetanus) at ``trace.t_ms``; kwargs as :func:`contraction_states`."""
    return contraction_states(trace, **kwargs)[6]


def axon_spike_times(
    ecf: Electrolytes, duration_ms: float, stim_ua_cm2: float = 0.0, rtol: float = 1e-8, method: str = "LSODA"
) -> np.ndarray:
    """Upward crossings of the spike threshold (ms) of ``membrane_rhs`` integrated by solve_ivp.

    Starts, like ``simulate_axon``, from the resting state nudged by ``NUDGE_MV``.
    """
    cond = ex.axon_conditions(ecf)
    y0 = ex.resting_state(ecf)
    y0[0] += ex.NUDGE_MV  # the voltage only, whatever the number of gates

    def crossing(_t, y):
        return y[0] - ex.SPIKE_THRESHOLD_MV

    crossing.direction = 1
    sol = solve_ivp(
        lambda _t, y: ex.membrane_rhs(y, cond, stim_ua_cm2), (0.0, duration_ms), y0, method=method,
        rtol=rtol, atol=1e-9, events=crossing,
    )
    if not sol.success:
        raise RuntimeError(f"solve_ivp failed: {sol.message}")
    return sol.t_events[0]
