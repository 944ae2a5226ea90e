"""Precomputed table of exact axon-model runs for the notebook-03 explorer (one frame per move).

What is tabulated
-----------------
In :mod:`course.excitability` ionized Ca²⁺ and Mg²⁺ act only through the gating shift
(:func:`~course.excitability.gating_shift_mv`), and blood K⁺ and the fatigue K⁺ only through their sum.
The explorer's state therefore reduces to three numbers: the gating shift, the K⁺ around the axon, and
the fibre type. The table holds one exact :func:`~course.excitability.simulate_grid` run (no stimulus,
:data:`DURATION_MS`) at every node of

* gating shift :data:`SHIFT_GRID_MV` (−12.0 … +4.0 mV in 0.25-mV steps: every Ca²⁺/Mg²⁺ pair of the
  sliders lies inside, within 0.125 mV of a node),
* K⁺ :data:`K_GRID_MM` (2 … 17 mM in 0.5-mM steps: every blood K⁺ + fatigue K⁺ of the sliders is a node),
* fibre ``"motor"`` and ``"sensory"``,

storing the spike times (exact, float32), the resting potential and the voltage trace sampled every
:data:`SAMPLE_MS` with the largest value of each sample interval kept (so no spike peak is lost),
quantised to :data:`VOLT_STEP_MV`. The explorer shows the node nearest to the slider state.

Approximation error (against exact runs at the slider values themselves): from the K⁺ grid none; from
the shift grid at most 0.125 mV of gating shift. Measured (``benchmarks/bench_excitability.py``, 200 random
slider states, node + internode model): identical spike count in 87 % of states, at most 5 spikes (25 Hz)
different, in states near the onset of firing, where the model fires fast bursts; resting potential within
0.14 mV; onset Ca²⁺ within 0.02 mM (motor 0.80 from the table on a 0.02-mM grid, 0.81 mM exact). Voltage
storage: ≤ 0.31 mV quantisation plus max-pooling over 0.25 ms. ``tests/test_excitability.py`` checks stored
entries against fresh model runs and measures the spike-count agreement at random slider states.

Rebuild after any model change: ``python -m course excitability-table`` (≈ 1 min).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from course import excitability as ex
from course._checks import check_array
from course.electrolytes import PHYSICAL_RANGES

__all__ = [
    "TABLE_PATH", "DURATION_MS", "SAMPLE_MS", "VOLT_STEP_MV", "VOLT_MIN_MV", "SHIFT_GRID_MV", "K_GRID_MM",
    "ExcitabilityTable", "build_table", "write_table", "load_table", "rate_curve", "lookup",
]

TABLE_PATH = Path(__file__).with_name("data") / "excitability_table.npz"
#: Simulated time per run (ms) and the stored voltage sample spacing (ms).
DURATION_MS = 200.0
SAMPLE_MS = 0.25
#: Voltage quantisation (mV per unit of the stored uint8) and the lowest storable voltage (mV).
VOLT_STEP_MV = 0.625
VOLT_MIN_MV = -125.0
#: Table axes (read-only): gating shift (mV) and extracellular K⁺ around the axon (mM).
SHIFT_GRID_MV = np.round(np.arange(-12.0, 4.0 + 1e-9, 0.25), 6)
K_GRID_MM = np.round(np.arange(2.0, 17.0 + 1e-9, 0.5), 6)
SHIFT_GRID_MV.setflags(write=False)
K_GRID_MM.setflags(write=False)
_FIBRES = ex.FIBRES


def _ca_for_shift(shift_mv: np.ndarray) -> np.ndarray:
    """Ca²⁺ (mM) that gives ``shift_mv`` at normal Mg²⁺: the table is run through the public model."""
    screen = ex.CA_REF_MM + ex.MG_SCREENING_WEIGHT * ex.MG_REF_MM
    return screen * 10.0 ** (shift_mv / ex.SHIFT_MV_PER_DECADE) - ex.MG_SCREENING_WEIGHT * ex.MG_REF_MM


@dataclass(frozen=True)
class ExcitabilityTable:
    """The loaded table. Arrays are indexed ``[fibre, shift, k]`` (fibre 0 motor, 1 sensory)."""

    volt_u8: np.ndarray  # (2, n_shift, n_k, n_samples) uint8
    spike_flat: np.ndarray  # all spike times (ms), float32
    spike_start: np.ndarray  # (2, n_shift, n_k + 1)-style offsets flattened: start index per entry
    spike_count: np.ndarray  # (2, n_shift, n_k) int
    rest_mv: np.ndarray  # (2, n_shift, n_k)
    t_ms: np.ndarray  # sample times (ms)

    def index(self, shift_mv: float, k_mm: float, fibre: str) -> tuple[int, int, int]:
        """Nearest node to a state (fibre index, shift index, K⁺ index)."""
        f = _FIBRES.index(fibre)
        i = int(np.argmin(np.abs(SHIFT_GRID_MV - shift_mv)))
        j = int(np.argmin(np.abs(K_GRID_MM - k_mm)))
        return f, i, j

    def node(self, ca_mm: float, mg_mm: float, k_mm: float, fibre: str) -> tuple[int, int, int]:
        """Nearest node to blood values: ionized Ca²⁺ and Mg²⁺ (mM, through their gating shift), the K⁺
        around the axon (mM, blood + fatigue K⁺) and the fibre (``"motor"``/``"sensory"``)."""
        return self.index(ex.gating_shift_mv(ca_mm, mg_mm), k_mm, fibre)

    def shift_indices(self, ca_mm: np.ndarray, mg_mm: float) -> np.ndarray:
        """Nearest shift-grid index at every ionized Ca²⁺ of ``ca_mm`` (mM) at Mg²⁺ ``mg_mm`` (mM), vectorised
        (the gating shift of :func:`course.excitability.gating_shift_mv`, without its input checks)."""
        shifts = np.asarray(ex._shift(np.asarray(ca_mm, dtype=float), mg_mm))
        return np.abs(SHIFT_GRID_MV[None, :] - shifts[:, None]).argmin(axis=1)

    def voltage(self, f: int, i: int, j: int) -> np.ndarray:
        """Stored voltage trace (mV) of one node."""
        return self.volt_u8[f, i, j].astype(float) * VOLT_STEP_MV + VOLT_MIN_MV

    def spikes(self, f: int, i: int, j: int) -> np.ndarray:
        """Spike times (ms) of one node."""
        start = int(self.spike_start[f, i, j])
        return self.spike_flat[start : start + int(self.spike_count[f, i, j])].astype(float)

    def rate_hz(self, f: int, i: np.ndarray, j: int) -> np.ndarray:
        """Firing rates (Hz) at shift indices ``i``."""
        return self.spike_count[f, i, j] * 1000.0 / DURATION_MS


def build_table() -> dict[str, np.ndarray]:
    """Run the model at every node (exact :func:`course.excitability.simulate_grid` runs)."""
    every = int(round(SAMPLE_MS / ex.DT_MS))
    n_s = int(round(DURATION_MS / SAMPLE_MS)) + 1
    volt = np.empty((2, SHIFT_GRID_MV.size, K_GRID_MM.size, n_s), dtype=np.uint8)
    counts = np.empty((2, SHIFT_GRID_MV.size, K_GRID_MM.size), dtype=np.int32)
    rest = np.empty((2, SHIFT_GRID_MV.size, K_GRID_MM.size))
    spikes: list[np.ndarray] = []
    ca = _ca_for_shift(SHIFT_GRID_MV)
    for f, fibre in enumerate(_FIBRES):
        batch = ex.simulate_grid(
            ca_mm=ca[:, None], k_mm=K_GRID_MM[None, :], sensory=fibre == "sensory", duration_ms=DURATION_MS,
            record_every=1, float32=True,
        )
        v = batch.v_mv  # (steps + 1, n)
        pooled = np.empty((n_s, v.shape[1]), dtype=np.float32)
        pooled[0] = v[0]
        pooled[1:] = v[1:].reshape(n_s - 1, every, -1).max(axis=1)
        q = np.clip(np.round((pooled - VOLT_MIN_MV) / VOLT_STEP_MV), 0, 255).astype(np.uint8)
        volt[f] = q.T.reshape(SHIFT_GRID_MV.size, K_GRID_MM.size, n_s)
        counts[f] = np.array([s.size for s in batch.spike_times_ms]).reshape(SHIFT_GRID_MV.size, K_GRID_MM.size)
        rest[f] = batch.rest_mv.reshape(SHIFT_GRID_MV.size, K_GRID_MM.size)
        spikes.extend(batch.spike_times_ms)
        del batch, v, pooled
    flat = np.concatenate(spikes).astype(np.float32) if spikes else np.empty(0, np.float32)
    start = np.concatenate([[0], np.cumsum(counts.ravel())[:-1]]).reshape(counts.shape)
    return {
        "volt_u8": volt, "spike_flat": flat, "spike_start": start, "spike_count": counts, "rest_mv": rest,
        "t_ms": np.arange(n_s) * SAMPLE_MS, "shift_grid_mv": SHIFT_GRID_MV, "k_grid_mm": K_GRID_MM,
        "dt_ms": np.array(ex.DT_MS), "g_nap": np.array([ex.FIBRE_G_NAP[f] for f in _FIBRES]),
    }


def write_table(path: Path = TABLE_PATH) -> Path:
    """Build the table and write it to ``path`` (compressed .npz)."""
    data = build_table()
    path.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(path, allow_pickle=False, **data)
    load_table.cache_clear()
    return path


@lru_cache(maxsize=1)
def load_table(path: Path = TABLE_PATH) -> ExcitabilityTable:
    """Load the shipped table; ``FileNotFoundError`` says how to rebuild it if it is missing."""
    if not path.exists():
        raise FileNotFoundError(f"{path} is missing; rebuild it with: python -m course excitability-table")
    with np.load(path) as z:
        if not (np.array_equal(z["shift_grid_mv"], SHIFT_GRID_MV) and np.array_equal(z["k_grid_mm"], K_GRID_MM)):
            raise ValueError(f"{path} was built for other grids; rebuild: python -m course excitability-table")
        return ExcitabilityTable(
            volt_u8=z["volt_u8"], spike_flat=z["spike_flat"], spike_start=z["spike_start"],
            spike_count=z["spike_count"], rest_mv=z["rest_mv"], t_ms=z["t_ms"],
        )


def rate_curve(ca_mm: np.ndarray, mg_mm: float = ex.MG_REF_MM, k_mm: float = 4.0, fibre: str = "motor") -> np.ndarray:
    """Spontaneous firing rate (Hz, spikes in :data:`DURATION_MS`) at each Ca²⁺ in ``ca_mm`` (mM), read from the
    table (the exact run at the nearest node: gating shift within 0.125 mV, K⁺ on its 0.5-mM grid)."""
    table = load_table()
    ca = check_array("ca_mm", ca_mm, *PHYSICAL_RANGES["ca"], "mM")
    return np.array([table.spike_count[table.node(float(c), mg_mm, k_mm, fibre)] for c in ca]) * 1000.0 / DURATION_MS


def lookup(ca_mm: float, mg_mm: float = ex.MG_REF_MM, k_mm: float = 4.0, fibre: str = "motor") -> tuple[float, float]:
    """(spontaneous rate in Hz over :data:`DURATION_MS`, resting potential in mV) of the nearest table node."""
    table = load_table()
    node = table.node(ca_mm, mg_mm, k_mm, fibre)
    return float(table.spike_count[node] * 1000.0 / DURATION_MS), float(table.rest_mv[node])
