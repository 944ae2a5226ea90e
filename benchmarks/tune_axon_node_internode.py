"""Measure many parameter sets of the node + internode prototype at once (all V3.3 axon targets).

Usage: ``PYTHONPATH=$PWD python benchmarks/tune_axon_node_internode.py`` (edits: the SETS list below).
Every parameter of :mod:`prototype_axon_node_internode` may be a per-set value; the sets run side by side in one
numpy batch. Protocols follow :mod:`course.excitability` (threshold tracking, Weiss SDTC over 0.2–1 ms, 2× threshold
0.1-ms pulse for impulses per stimulus, 25-pulse 50-Hz train of 1000 µA/cm², 1-s runs from rest nudged 2 mV).
"""

from __future__ import annotations

import math
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).parent))
import prototype_axon_node_internode as P  # noqa: E402

RC_DELAYS = (2.0, 5.0, 6.0, 7.0, 30.0, 40.0, 50.0)
SDTC_W = (0.2, 0.4, 0.6, 0.8, 1.0)


def stack(sets, reps=1):
    """One parameter dict whose values are arrays (set-major, each set repeated ``reps`` times)."""
    out = {}
    for key in P.BASE:
        vals = []
        for s in sets:
            p = dict(P.BASE)
            p.update(s)
            vals.append(p[key])
        if isinstance(vals[0], dict):
            out[key] = {f: np.repeat(np.array([v[f] for v in vals], float), reps) for f in vals[0]}
        else:
            out[key] = np.repeat(np.array(vals, float), reps)
    return out


def shift_of(ca, mg=0.85):
    return 25.0 * np.log10((ca + 0.3 * mg) / (1.2 + 0.3 * 0.85))


def tune_el(sets, target=-82.0):
    n = len(sets)
    p = stack(sets)
    lo, hi = np.full(n, -110.0), np.full(n, -60.0)
    ena = P.RTF * math.log(140 / 12)
    for _ in range(26):
        p["E_L"] = 0.5 * (lo + hi)
        vn = P.rest(np.zeros(n), ena, np.full(n, P.RTF * math.log(4 / 140)), "motor", p)[0]
        up = vn > target
        hi, lo = np.where(up, p["E_L"], hi), np.where(up, lo, p["E_L"])
    for s, e in zip(sets, p["E_L"], strict=True):
        s["E_L"] = float(e)


def thresholds(p, fib, widths, delays, k, shift, iters=13, hi=1000.0, cond=1000.0):
    """As P.thresholds but every row may carry its own parameters, K⁺ and shift."""
    widths = np.asarray(widths, float)
    m, t0 = widths.size, 10.0
    test_at = np.full(m, t0) if delays is None else t0 + np.asarray(delays, float)
    dur = float(np.max(test_at + widths)) + 4.0
    n_steps = int(round(dur / P.DT))

    def run(amp):
        if delays is None:
            times, amps, ws = test_at[:, None], amp[:, None], widths[:, None]
        else:
            times = np.column_stack([np.full(m, t0), test_at])
            amps = np.column_stack([np.full(m, cond), amp])
            ws = np.column_stack([np.full(m, 0.1), widths])
        sp = P.simulate(shift, k, fib, p, dur, P._wave(n_steps, times, amps, ws))
        return np.array([np.count_nonzero((s >= t) & (s < t + w + 3.0)) for s, t, w in
                         zip(sp, test_at, widths, strict=True)])

    base = run(np.zeros(m))
    lo, hi_ = np.zeros(m), np.full(m, hi)
    for _ in range(iters):
        mid = 0.5 * (lo + hi_)
        c = run(mid) > base
        hi_, lo = np.where(c, mid, hi_), np.where(c, lo, mid)
    res = 0.5 * (lo + hi_)
    res[hi_ >= hi * (1 - 1e-9)] = np.inf
    return res


def measure(sets, onset=True, verbose=True):
    tune_el(sets)
    n = len(sets)
    t = time.time()
    res = [dict() for _ in sets]
    ek4 = 4.0
    # recovery cycle: per set 1 unconditioned + len(RC_DELAYS) conditioned
    d = len(RC_DELAYS)
    p = stack(sets, d)
    rc = thresholds(p, "motor", np.full(n * d, 0.5), np.tile(RC_DELAYS, n), np.full(n * d, ek4), np.zeros(n * d))
    # SDTC both fibres + 0.1 ms thresholds at K 4 / 5.5 / 6.5 for both fibres
    ws = len(SDTC_W)
    for fib in ("motor", "sensory"):
        p = stack(sets, ws + 1 + 3)
        widths = np.tile(list(SDTC_W) + [0.5, 0.1, 0.1, 0.1], n)
        ks = np.tile([4.0] * (ws + 2) + [5.5, 6.5], n)
        thr = thresholds(p, fib, widths, None, ks, np.zeros(n * (ws + 4)), iters=15).reshape(n, ws + 4)
        for j in range(n):
            w = np.array(SDTC_W)
            slope, icpt = np.polyfit(w, thr[j, :ws] * w, 1)
            res[j][f"sdtc_{fib}"] = icpt / slope
            res[j][f"thr05_{fib}"] = thr[j, ws]
            res[j][f"thr01_{fib}"] = thr[j, ws + 1:]
    for j in range(n):
        base = res[j]["thr05_motor"]
        res[j]["rc"] = 100 * (rc[j * d:(j + 1) * d] / base - 1)
    # impulses per stimulus: 2× the 0.1-ms threshold, 30-ms window
    for fib in ("motor", "sensory"):
        p = stack(sets, 3)
        amps = np.concatenate([np.minimum(2 * res[j][f"thr01_{fib}"], 1000.0) for j in range(n)])
        ks = np.tile([4.0, 5.5, 6.5], n)
        n_steps = int(round(40.0 / P.DT))
        sp = P.simulate(np.zeros(3 * n), ks, fib, p, 40.0,
                        P._wave(n_steps, np.full((3 * n, 1), 10.0), amps[:, None], np.full((3 * n, 1), 0.1)))
        for j in range(n):
            res[j][f"imp_{fib}"] = [int(np.count_nonzero(s >= 10.0)) for s in sp[3 * j:3 * j + 3]]
    # 50-Hz train, motor
    p = stack(sets)
    starts = 10.0 + np.arange(25) * 20.0
    dur = float(starts[-1] + 20.0)
    n_steps = int(round(dur / P.DT))
    sp = P.simulate(np.zeros(n), np.full(n, 4.0), "motor", p, dur,
                    P._wave(n_steps, np.tile(starts, (n, 1)), np.full((n, 25), 1000.0), np.full((n, 25), 0.1)))
    for j in range(n):
        res[j]["train"] = sum(int(np.count_nonzero((sp[j] >= t0) & (sp[j] < t0 + 2.0)) == 1) for t0 in starts)
    # spontaneous firing: K 2..12 (both fibres), Ca >= 1.1, and the onset Ca scan
    ks = np.arange(2.0, 12.01, 1.0)
    cas = np.round(np.arange(0.70, 0.981, 0.02), 3) if onset else np.array([])
    cas_hi = np.array([1.1, 1.3, 1.6])
    for fib in ("motor", "sensory"):
        rows_k = np.concatenate([ks, np.full(cas.size + cas_hi.size, 4.0)])
        rows_s = np.concatenate([np.zeros(ks.size), shift_of(cas), shift_of(cas_hi)])
        r = rows_k.size
        p = stack(sets, r)
        sp = P.simulate(np.tile(rows_s, n), np.tile(rows_k, n), fib, p, 400.0, np.zeros((40000, n * r)))
        cnt = np.array([s.size for s in sp]).reshape(n, r)
        for j in range(n):
            res[j][f"fire_k_{fib}"] = int(cnt[j, :ks.size].sum())
            fk = ks[cnt[j, :ks.size] > 0]
            res[j][f"fire_kmin_{fib}"] = float(fk.min()) if fk.size else math.nan
            res[j][f"fire_ca_hi_{fib}"] = int(cnt[j, ks.size + cas.size:].sum())
            fire = cas[cnt[j, ks.size:ks.size + cas.size] > 0]
            res[j][f"onset_{fib}"] = float(fire.max()) if fire.size else math.nan
    for j, s in enumerate(sets):
        vn, vi, g = P.growth(0.0, 4.0, "motor", {**P.BASE, **s})
        res[j]["rest"] = vn
        res[j]["g12"] = P.growth(0.0, 12.0, "motor", {**P.BASE, **s})[2]
    if verbose:
        print(f"[{time.time() - t:.0f} s]", file=sys.stderr)
    return res


def fmt(s, r):
    rc = r["rc"]
    return (f"{s}\n   RC2 {rc[0]:+.0f} RC5-7 {rc[1:4].min():+.1f} RC30-50 {rc[4:].max():+.1f} | "
            f"SDTC m {r['sdtc_motor']:.3f} s {r['sdtc_sensory']:.3f} ratio {r['sdtc_sensory'] / r['sdtc_motor']:.2f} | "
            f"imp m {r['imp_motor']} "
            f"s {r['imp_sensory']} | train {r['train']} | fireK {r['fire_k_motor']},{r['fire_k_sensory']} "
            f"from {r['fire_kmin_motor']:g},{r['fire_kmin_sensory']:g} "
            f"fireCa≥1.1 {r['fire_ca_hi_motor']},{r['fire_ca_hi_sensory']} | onset m {r['onset_motor']:.2f} "
            f"s {r['onset_sensory']:.2f} | rest {r['rest']:.1f} g12 {r['g12']:.3f} | rc {np.round(rc, 1).tolist()}")


if __name__ == "__main__":
    SETS = [dict(P.BEST)]
    for s, r in zip(SETS, measure(SETS), strict=True):
        print(fmt(s, r), flush=True)
