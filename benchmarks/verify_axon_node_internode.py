"""Fine check of one prototype set on the course's grids (the "best set" rows of benchmarks/AXON_REFIT.md).

K⁺ 2–17 mM in 0.5-mM steps and ionized Ca²⁺ 0.60–1.00 mM in 0.01-mM steps (normal Mg²⁺, Mg²⁺ 0.5 mM, K⁺ 2.5 mM),
1-s runs from rest nudged +2 mV, both fibres; rest at K⁺ 2, 4, 9, 12, 17 mM. Usage:
``PYTHONPATH=$PWD python benchmarks/verify_axon_node_internode.py ['{json overrides of BASE}']`` (default: BEST).
About 2–4 min on the shared 2-core machine.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).parent))
import prototype_axon_node_internode as P  # noqa: E402
import tune_axon_node_internode as T  # noqa: E402


def _highest_firing(cas: np.ndarray, counts: np.ndarray) -> float | None:
    return float(cas[counts > 0].max()) if np.any(counts > 0) else None


def verify(overrides: dict) -> dict:
    s = dict(overrides)
    T.tune_el([s])
    p = {**P.BASE, **s}
    ks = np.round(np.arange(2.0, 17.01, 0.5), 2)
    cas = np.round(np.arange(0.60, 1.001, 0.01), 2)
    out: dict = {}
    for fib in ("motor", "sensory"):
        rows = ([(k, 0.0) for k in ks] + [(4.0, T.shift_of(c)) for c in cas]
                + [(4.0, T.shift_of(c, 0.5)) for c in cas] + [(2.5, T.shift_of(c)) for c in cas])
        k = np.array([r[0] for r in rows])
        sh = np.array([r[1] for r in rows])
        n = k.size
        pp = {key: ({f: np.full(n, float(x)) for f, x in v.items()} if isinstance(v, dict) else np.full(n, float(v)))
              for key, v in p.items()}
        spikes = P.simulate(sh, k, fib, pp, 1000.0, np.zeros((int(round(1000.0 / P.DT)), n)))
        cnt = np.array([x.size for x in spikes])
        nk, nc = ks.size, cas.size
        normal = cnt[nk:nk + nc]
        onset = _highest_firing(cas, normal)
        out[fib] = {
            "k_firing_mm": ks[cnt[:nk] > 0].tolist(),
            "onset_mm": onset,
            "onset_mg_0p5_mm": _highest_firing(cas, cnt[nk + nc:nk + 2 * nc]),
            "onset_k_2p5_mm": _highest_firing(cas, cnt[nk + 2 * nc:]),
            "fires_at_every_ca_below_onset": None if onset is None else bool(np.all(normal[cas <= onset] > 0)),
        }
    out["rest_mv_at_k_2_4_9_12_17"] = [round(P.growth(0.0, kk, "motor", p)[0], 1) for kk in (2, 4, 9, 12, 17)]
    return out


if __name__ == "__main__":
    chosen = json.loads(sys.argv[1]) if len(sys.argv) > 1 else P.BEST
    for key, value in verify(chosen).items():
        print(key, value, flush=True)
