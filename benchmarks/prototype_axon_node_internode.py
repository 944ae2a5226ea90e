"""Prototype (now ported into course.excitability): a node + internode axon for the V3.3 refit of notebook 03 (#21).

Why it exists
-------------
The single MRG node of :mod:`course.excitability` fails the recovery-cycle, train and one-impulse benchmarks
(``course/validation/excitability.py``): its tuned slow K⁺ (5× MRG) activates strongly during every spike and
there is no internode to give a depolarising afterpotential (DAP). This script is the standalone test bed for
the structure of Bostock's threshold-tracking model (node coupled through a Barrett–Barrett conductance to an
internode of large capacitance; Kiernan & Bostock; Howells et al. 2012, J Physiol 590:1625). It measures
the recovery cycle with the same protocol as :func:`course.excitability.recovery_cycle_pct` (0.1-ms
1000 µA/cm² conditioning pulse at 10 ms, 0.5-ms test pulse, bisection), and the resting state and its
linear stability at K⁺ 9 and 12 mM. It is a research tool for the next helper, numpy only, ≈ 1 min per run.

The model (all conductances per cm² of NODE membrane; the internode's values are its totals referred to
the node area)
------------------------------------------------------------------------------------------------------
* Node: MRG 2002 transient Na⁺ (m³h, 3000 mS/cm², 37 °C via MRG Q10s) with the h rates scaled by
  ``H_SCALE`` (slower recovery from inactivation, for the 2-ms refractoriness); persistent Na⁺ as a fraction
  ``NAP_FRAC`` of the Na⁺ channels with the FAST m kinetics evaluated ``NAP_VSHIFT`` mV more negative (own gate
  m_p) and, if ``NAP_H`` = 1, inactivating with the same h:
  ``g_Na·((1 − f)·m³h + f·m_p³·(1 − NAP_H + NAP_H·h))`` (Bostock's threshold-region current; with
  NAP_VSHIFT = NAP_H = 0 it is the earlier non-inactivating ``m³·f``); slow K⁺ with MRG's s∞ (Boltzmann
  −63.7 mV, 5.3 mV) and MRG's τ_s held at ≥ ``TAU_S_MIN`` ms (human Kv7 activates slowly, so one spike
  opens little of it; tuned); a leak ``G_LN`` that stands for the neighbouring nodes' axial load, reversing at
  ``0.85·E_fixed + 0.15·E_K`` (E_fixed set so the motor node rests at −82 mV at K⁺ 4 mM).
* Barrett–Barrett (paranodal) conductance ``G_BB`` to the internode.
* Internode: capacitance ``C_I``; slow K⁺ (same gate), HCN/Ih (Howells et al. 2012 rates as used by
  Gaines et al. 2018, J Comput Neurosci 44:357: α = β·exp(2(V + 107.3)/−12.2) form, E_h −54.9 mV, Q10 3 from
  34 °C), fast K⁺ n⁴ (Howells/Gaines rates; set to 0 here: closed at rest, it only matters for a
  depolarised internode), and a leak with the node's reversal.

Measured (2026-12-06 update): see ``benchmarks/AXON_REFIT.md``
--------------------------------------------------------------------
``benchmarks/tune_axon_node_internode.py`` measures every V3.3 target for many sets at once (all parameters may be
per-set arrays); 109 sets are tabulated in ``AXON_REFIT.md``. The new ``BEST`` (persistent Na⁺ 0.75 % motor /
0.90 % sensory, activation −25 mV, inactivating with h; H_SCALE 0.9; τ_s ≥ 60 ms; G_LN 30; G_BB 50; C_I 600)
gives +33 % at 2 ms, −20.5 % at 5–7 ms, +18.1 % at 30–50 ms, SDTC 0.40 / 0.55 ms (ratio 1.37), one impulse per
stimulus (K⁺ 4, 5.5, 6.5, both fibres), 25/25 at 50 Hz, no firing at K⁺ 2–17 mM (0.5-mM steps, 1 s) or Ca²⁺
1.1–1.6 mM, onsets 0.81 (motor) / 0.88 mM (sensory), Mg²⁺ 0.5 mM raises them, K⁺ 2.5 mM lowers them, rest
−82 mV. Ported into :mod:`course.excitability` (AXON_REFIT.md, status).

Earlier measurements (motor, K⁺ 4 mM; targets of COURSE_SPEC V3.3 in brackets)
--------------------------------------------------------------------------------
See ``RESULTS`` below: every parameter set tried, with the recovery cycle it gives. The best set then
(``BEST_RC_ONLY``) gives +43 % at 2 ms [+20…+60, passes], −35.5 % minimum at 5–7 ms [−15…−30, 5 points too deep] and
+53 % maximum at 30–50 ms [+10…+20, 2.6× too large]; the MRG node of the course gives +126, +146 and +180 %.
The set rests at −82 mV (E_L tuned) and rest stays linearly stable at K⁺ 9 and 12 mM (−67.5 and −60 mV;
eigenvalues −0.026/ms). For the first set of RESULTS, rest at K⁺ 4 mM loses stability between gating shifts
−3.1 and −4 mV (ionized Ca²⁺ ≈ 0.84 → 0.77 mM): near the clinical onset but not calibrated, and the
sensory:motor difference from NAP_FRAC alone is tiny at rest (its m³ is small there). Lessons: the 2-ms
refractoriness needs slower Na⁺ inactivation recovery than MRG's h at 37 °C (H_SCALE ≈ 0.35); a slower Ks
(TAU_S_MIN 60–80 ms) deepens superexcitability far beyond −30 % and moves subexcitability past 50 ms; a larger
C_I (500) lengthens the DAP. Next moves: G_KS 250–300 with TAU_S_MIN 40 and C_I 500 (check K⁺ 9–12 mM
stability), then measure SDTC, impulses per stimulus, the 50-Hz train, onsets and pH for that set. Not yet
moved into :mod:`course.excitability`.
"""

from __future__ import annotations

import math
import sys
import time

import numpy as np

RTF = 8.314462618 * 310.15 / 96485.33212 * 1000.0  # RT/F at 37 °C (mV)
Q10_NA = 2.2 ** 1.7  # MRG: 2.2 from 20 °C
Q10_H = 2.9 ** 1.7  # MRG: 2.9 from 20 °C
Q10_K = 3.0 ** 0.1  # MRG: 3.0 from 36 °C
Q10_I = 3.0 ** 0.3  # Howells 2012 / Gaines 2018: 3.0 from 34 °C

#: Starting parameters; BEST overrides some of them.
BASE = dict(
    C_N=2.0, G_NA=3000.0, NAP_FRAC={"motor": 0.005, "sensory": 0.008}, G_KS=400.0, TAU_S_MIN=20.0, H_SCALE=1.0,
    NAP_VSHIFT=0.0, NAP_H=0.0, S_VH=-63.7, S_K=5.3, G_LN=15.0, E_L=-80.5, KSH=0.15,
    G_BB=60.0, C_I=200.0, G_KF_I=0.0, G_KS_I=10.0, G_H_I=1.0, E_H=-54.9, G_LI=2.0,
)
#: Recovery cycle (% threshold change at 2, 3, 5, 6, 7, 10, 15, 20, 30, 40, 50, 100 ms) of the sets tried
#: (overrides of BASE). Targets: +20…+60 % at 2 ms, −15…−30 % minimum at 5–7 ms, +10…+20 % max at 30–50 ms.
RESULTS: tuple[tuple[dict, tuple[float, ...]], ...] = (
    ({}, (-30.9, -31.0, -10.8, -0.2, 9.4, 32.2, 52.0, 56.8, 46.3, 29.0, 14.3, -0.9)),
    ({"C_I": 400, "G_BB": 100, "TAU_S_MIN": 40}, (-2.3, -2.4, -2.2, -2.0, -1.9, -1.4, -0.7, -0.2, 0.5, 0.7, 0.8, 0.1)),
    ({"C_I": 400, "TAU_S_MIN": 40}, (-18.5, -30.1, -28.3, -24.9, -21.4, -11.5, 1.8, 11.2, 20.7, 22.1, 19.3, 1.0)),
    ({"C_I": 300, "TAU_S_MIN": 40, "H_SCALE": 0.6},
     (-27.9, -50.3, -48.8, -42.4, -35.1, -13.5, 15.0, 33.1, 46.7, 43.7, 34.4, -0.2)),
    ({"C_I": 400, "TAU_S_MIN": 40, "H_SCALE": 0.35},
     (43.1, -12.8, -35.5, -34.7, -31.1, -14.8, 12.4, 32.2, 51.3, 52.9, 45.9, 3.9)),
    ({"C_I": 300, "TAU_S_MIN": 40, "H_SCALE": 0.3, "G_KS": 300},
     (-7.1, -75.1, -77.9, -66.8, -55.2, -20.9, 27.6, 60.7, 88.7, 87.6, 74.7, 8.5)),
    ({"C_I": 500, "TAU_S_MIN": 80, "H_SCALE": 0.35},
     (29.5, -29.9, -61.8, -64.9, -64.6, -55.4, -34.1, -14.1, 16.6, 34.7, 43.5, 29.7)),
    ({"C_I": 450, "TAU_S_MIN": 60, "H_SCALE": 0.35, "G_KS": 300},
     (10.2, -51.2, -82.5, -84.0, -81.6, -67.8, -41.4, -16.7, 20.6, 41.6, 50.5, 28.9)),
)
#: The previous helper's best recovery cycle (RESULTS[4]).
BEST_RC_ONLY = {"C_I": 400, "TAU_S_MIN": 40, "H_SCALE": 0.35}
#: Best set of the full measurement (set 107 of benchmarks/AXON_REFIT.md; E_L is retuned by tune_e_leak).
BEST = {"NAP_VSHIFT": -25.0, "NAP_H": 1.0, "NAP_FRAC": {"motor": 0.0075, "sensory": 0.009}, "H_SCALE": 0.9,
        "TAU_S_MIN": 60.0, "G_KS": 400.0, "G_LN": 30.0, "G_BB": 50.0, "C_I": 600.0, "G_LI": 2.0}
DELAYS = (2.0, 3.0, 5.0, 6.0, 7.0, 10.0, 15.0, 20.0, 30.0, 40.0, 50.0, 100.0)
DT = 0.01


def _xe(x, s):
    """x / (1 − exp(−x/s)) without the 0/0 at x = 0."""
    small = np.abs(x) < 1e-6
    xs = np.where(small, 1.0, x)
    return np.where(small, s, xs / -np.expm1(-xs / s))


def na_rates(u, p):
    am = Q10_NA * 1.86 * _xe(u + 21.4, 10.3)
    bm = Q10_NA * 0.086 * _xe(-(u + 25.7), 9.16)
    ah = p["H_SCALE"] * Q10_H * 0.062 * _xe(-(u + 114.0), 11.0)
    bh = p["H_SCALE"] * Q10_H * 2.3 / (1 + np.exp(-(u + 31.8) / 13.4))
    return am, bm, ah, bh


def mp_inf(u, p):
    """Persistent Na⁺ activation: the m gate's steady state at ``u − NAP_VSHIFT`` (same kinetics, shifted)."""
    am, bm = na_rates(u - p["NAP_VSHIFT"], p)[:2]
    return am / (am + bm)


def s_inf(v, p):
    return 1 / (1 + np.exp(-(v - p["S_VH"]) / p["S_K"]))


def s_tau(v, p):
    v2 = np.maximum(v, -85.0) + 80
    a = Q10_K * 0.3 / (np.exp((v2 - 27) / -5) + 1)
    b = Q10_K * 0.03 / (np.exp((v2 + 10) / -1) + 1)
    return np.maximum(1 / (a + b), p["TAU_S_MIN"])


def n_rates(v):
    return Q10_I * 0.0462 * _xe(v + 83.2, 1.1), Q10_I * 0.0824 * _xe(-(v + 66.0), 10.5)


def q_rates(v):
    return Q10_I * 0.00522 * np.exp((v + 107.3) / -12.2), Q10_I * 0.00522 / np.exp((v + 107.3) / -12.2)


def e_leak(ek, p):
    ek_ref = RTF * math.log(4 / 140)
    e_fixed = (p["E_L"] - p["KSH"] * ek_ref) / (1 - p["KSH"])
    return (1 - p["KSH"]) * e_fixed + p["KSH"] * ek


def currents(vn, vi, shift, ena, ek, fib, p, gates=None):
    """(node, internode) ionic + coupling current (µA/cm² of node) at steady-state or given gates."""
    if gates is None:
        am, bm, ah, bh = na_rates(vn - shift, p)
        m, h, s = am / (am + bm), ah / (ah + bh), s_inf(vn, p)
        a, b = n_rates(vi)
        n = a / (a + b)
        si = s_inf(vi, p)
        a, b = q_rates(vi)
        q = a / (a + b)
        mp = mp_inf(vn - shift, p)
    else:
        m, h, s, n, si, q, mp = gates
    f, el = _nap(p, fib), e_leak(ek, p)
    g_na = p["G_NA"] * ((1 - f) * m**3 * h + f * mp**3 * (1 - p["NAP_H"] + p["NAP_H"] * h))
    i_n = g_na * (vn - ena) + p["G_KS"] * s * (vn - ek) + p["G_LN"] * (vn - el) + p["G_BB"] * (vn - vi)
    i_i = (p["G_KF_I"] * n**4 * (vi - ek) + p["G_KS_I"] * si * (vi - ek) + p["G_H_I"] * q * (vi - p["E_H"])
           + p["G_LI"] * (vi - el) + p["G_BB"] * (vi - vn))
    return i_n, i_i


def _nap(p, fib):
    f = p["NAP_FRAC"]
    return f[fib] if isinstance(f, dict) else f


def _col(p):
    """p with every per-set array parameter as a column (for the (set × voltage-grid) arrays of ``rest``)."""
    out = {}
    for k, v in p.items():
        if isinstance(v, dict):
            out[k] = {kk: (vv[:, None] if isinstance(vv, np.ndarray) else vv) for kk, vv in v.items()}
        else:
            out[k] = v[:, None] if isinstance(v, np.ndarray) else v
    return out


def _vi_of(vn, shift, ena, ek, fib, p):
    lo, hi = np.full(np.shape(vn), -130.0), np.full(np.shape(vn), 60.0)
    for _ in range(45):
        mid = 0.5 * (lo + hi)
        neg = currents(vn, mid, shift, ena, ek, fib, p)[1] < 0
        lo, hi = np.where(neg, mid, lo), np.where(neg, hi, mid)
    return 0.5 * (lo + hi)


def rest(shift, ena, ek, fib, p):
    """Most negative steady state (node, internode voltages, mV), internode slaved to the node."""
    shift = np.atleast_1d(shift)
    ek = np.broadcast_to(ek, shift.shape)
    grid = np.arange(-130.0, 40.0, 0.5)
    s2, e2, g2 = shift[:, None] + 0 * grid, ek[:, None] + 0 * grid, grid[None, :] + 0 * shift[:, None]
    pc = _col(p)
    cur = currents(g2, _vi_of(g2, s2, ena, e2, fib, pc), s2, ena, e2, fib, pc)[0]
    idx = np.argmax((cur[:, :-1] < 0) & (cur[:, 1:] >= 0), axis=1)
    lo = grid[idx]
    hi = lo + 0.5
    for _ in range(40):
        mid = 0.5 * (lo + hi)
        neg = currents(mid, _vi_of(mid, shift, ena, ek, fib, p), shift, ena, ek, fib, p)[0] < 0
        lo, hi = np.where(neg, mid, lo), np.where(neg, hi, mid)
    vn = 0.5 * (lo + hi)
    return vn, _vi_of(vn, shift, ena, ek, fib, p)


def growth(shift, k, fib, p):
    """(rest node V, rest internode V, largest real eigenvalue 1/ms) of the 8-state system."""
    ena, ek = RTF * math.log(140 / 12), RTF * math.log(k / 140)

    def rhs(y):
        vn, vi, m, h, s, n, si, q, mp = y
        i_n, i_i = currents(vn, vi, shift, ena, ek, fib, p, gates=(m, h, s, n, si, q, mp))
        ap, bp = na_rates(vn - shift - p["NAP_VSHIFT"], p)[:2]
        am, bm, ah, bh = na_rates(vn - shift, p)
        a, b = n_rates(vi)
        aq, bq = q_rates(vi)
        return np.array([-i_n / p["C_N"], -i_i / p["C_I"], am * (1 - m) - bm * m, ah * (1 - h) - bh * h,
                         (s_inf(vn, p) - s) / s_tau(vn, p), a * (1 - n) - b * n, (s_inf(vi, p) - si) / s_tau(vi, p),
                         aq * (1 - q) - bq * q, ap * (1 - mp) - bp * mp])

    vn, vi = (float(x[0]) for x in rest(np.array([shift]), ena, np.array([ek]), fib, p))
    am, bm, ah, bh = na_rates(vn - shift, p)
    a, b = n_rates(vi)
    aq, bq = q_rates(vi)
    y0 = np.array([vn, vi, am / (am + bm), ah / (ah + bh), s_inf(vn, p), a / (a + b), s_inf(vi, p), aq / (aq + bq),
                   mp_inf(vn - shift, p)])
    jac = np.empty((9, 9))
    for j in range(9):
        d = np.zeros(9)
        d[j] = 1e-6 if j > 1 else 1e-4
        jac[:, j] = (rhs(y0 + d) - rhs(y0 - d)) / (2 * d[j])
    return vn, vi, float(np.max(np.linalg.eigvals(jac).real))


def tune_e_leak(p, target=-82.0):
    """Set E_L (the leak reversal at K⁺ 4 mM) so that the motor node rests at ``target`` mV."""
    lo, hi = -110.0, -60.0
    for _ in range(30):
        p["E_L"] = 0.5 * (lo + hi)
        if growth(0.0, 4.0, "motor", p)[0] > target:
            hi = p["E_L"]
        else:
            lo = p["E_L"]
    return p["E_L"]


def simulate(shift, k, fib, p, duration, stim, na=140.0):
    """Spike times (node upward 0-mV crossings) per set; ``stim`` (n_steps × n) µA/cm² at the node."""
    shift = np.atleast_1d(np.asarray(shift, float))
    ek = RTF * np.log(np.broadcast_to(np.asarray(k, float), shift.shape) / 140.0)
    ena = RTF * math.log(na / 12.0)
    vn, vi = rest(shift, ena, ek, fib, p)
    am, bm, ah, bh = na_rates(vn - shift, p)
    m, h, s = am / (am + bm), ah / (ah + bh), s_inf(vn, p)
    si = s_inf(vi, p)
    a, b = n_rates(vi)
    n = a / (a + b)
    a, b = q_rates(vi)
    q = a / (a + b)
    mp = mp_inf(vn - shift, p)
    vn = vn + 2.0  # the course's start nudge
    f, cn, ci, gbb, el = _nap(p, fib), p["C_N"], p["C_I"], p["G_BB"], e_leak(ek, p)
    spikes = [[] for _ in range(shift.size)]
    for kk in range(int(round(duration / DT))):
        am, bm, ah, bh = na_rates(vn - shift, p)
        m = am / (am + bm) + (m - am / (am + bm)) * np.exp(-DT * (am + bm))
        h = ah / (ah + bh) + (h - ah / (ah + bh)) * np.exp(-DT * (ah + bh))
        ap, bp = na_rates(vn - shift - p["NAP_VSHIFT"], p)[:2]
        mp = ap / (ap + bp) + (mp - ap / (ap + bp)) * np.exp(-DT * (ap + bp))
        s = s_inf(vn, p) + (s - s_inf(vn, p)) * np.exp(-DT / s_tau(vn, p))
        a, b = n_rates(vi)
        n = a / (a + b) + (n - a / (a + b)) * np.exp(-DT * (a + b))
        si = s_inf(vi, p) + (si - s_inf(vi, p)) * np.exp(-DT / s_tau(vi, p))
        a, b = q_rates(vi)
        q = a / (a + b) + (q - a / (a + b)) * np.exp(-DT * (a + b))
        gna = p["G_NA"] * ((1 - f) * m**3 * h + f * mp**3 * (1 - p["NAP_H"] + p["NAP_H"] * h))
        gks = p["G_KS"] * s
        g1 = gna + gks + p["G_LN"]
        d1 = gna * ena + gks * ek + p["G_LN"] * el + stim[kk]
        gkf, gksi, gh = p["G_KF_I"] * n**4, p["G_KS_I"] * si, p["G_H_I"] * q
        g2 = gkf + gksi + gh + p["G_LI"]
        d2 = (gkf + gksi) * ek + gh * p["E_H"] + p["G_LI"] * el
        # linearly implicit midpoint step of the coupled pair (2 × 2 solve)
        r1 = d1 - g1 * vn - gbb * (vn - vi)
        r2 = d2 - g2 * vi - gbb * (vi - vn)
        a11, a22, a12 = cn / DT + 0.5 * (g1 + gbb), ci / DT + 0.5 * (g2 + gbb), -0.5 * gbb
        det = a11 * a22 - a12 * a12
        vnew = vn + (r1 * a22 - a12 * r2) / det
        vi = vi + (a11 * r2 - a12 * r1) / det
        for j in np.flatnonzero((vnew >= 0) & (vn < 0)):
            spikes[j].append((kk + (0 - vn[j]) / (vnew[j] - vn[j])) * DT)
        vn = vnew
    return [np.array(x) for x in spikes]


def _wave(n_steps, times, amps, widths):
    w = np.zeros((n_steps, times.shape[0]))
    for j in range(times.shape[0]):
        for t0, a, ww in zip(times[j], amps[j], widths[j], strict=True):
            i0 = int(math.ceil(t0 / DT - 0.5 - 1e-9))
            w[i0:max(int(math.ceil((t0 + ww) / DT - 0.5 - 1e-9)), i0 + 1), j] += a
    return w


def thresholds(p, fib, widths, delays=None, k=4.0, shift=0.0, cond=1000.0, iters=14):
    """Test-pulse thresholds (µA/cm²) by vectorised bisection (course.excitability protocol)."""
    widths = np.asarray(widths, float)
    m, t0 = widths.size, 10.0
    test_at = np.full(m, t0) if delays is None else t0 + np.asarray(delays, float)
    dur = float(np.max(test_at + widths)) + 4.0
    n_steps = int(round(dur / DT))

    def run(amp):
        if delays is None:
            times, amps, ws = test_at[:, None], amp[:, None], widths[:, None]
        else:
            times = np.column_stack([np.full(m, t0), test_at])
            amps = np.column_stack([np.full(m, cond), amp])
            ws = np.column_stack([np.full(m, 0.1), widths])
        sp = simulate(np.full(m, shift), k, fib, p, dur, _wave(n_steps, times, amps, ws))
        return np.array([np.count_nonzero((s >= t) & (s < t + w + 3.0)) for s, t, w in zip(sp, test_at, widths,
                                                                                                strict=True)])

    base, top = run(np.zeros(m)), run(np.full(m, 1000.0))
    lo, hi = np.zeros(m), np.full(m, 1000.0)
    for _ in range(iters):
        mid = 0.5 * (lo + hi)
        c = run(mid) > base
        hi, lo = np.where(c, mid, hi), np.where(c, lo, mid)
    res = 0.5 * (lo + hi)
    res[top <= base] = np.inf
    return res


def recovery(p, fib="motor", delays=DELAYS):
    base = thresholds(p, fib, [0.5])[0]
    return 100 * (thresholds(p, fib, np.full(len(delays), 0.5), delays) / base - 1)


if __name__ == "__main__":
    params = dict(BASE)
    params.update(BEST)
    t = time.time()
    print(f"E_L {tune_e_leak(params):.2f} mV; rest/stability at K⁺ 4, 9, 12 mM:",
          [tuple(round(x, 3) for x in growth(0.0, k, "motor", params)) for k in (4.0, 9.0, 12.0)])
    print("recovery cycle (%):", dict(zip(DELAYS, np.round(recovery(params), 1).tolist(), strict=True)))
    print(f"{time.time() - t:.0f} s", file=sys.stderr)
