"""Electrolytes and the resting membrane potential of skeletal muscle (Nernst, GHK).

(Skeleton: only ``nernst`` so far; the full model follows in the notebook-01 work.)
"""

from __future__ import annotations

import math

from course._checks import check_number

__all__ = ["FARADAY", "GAS_CONSTANT", "rt_over_f", "nernst"]

FARADAY = 96485.33212  # C/mol
GAS_CONSTANT = 8.314462618  # J/(mol·K)


def rt_over_f(temp_c: float = 37.0) -> float:
    """RT/F in mV at ``temp_c`` °C (26.73 mV at 37 °C)."""
    t = check_number("temp_c", temp_c, 0.0, 45.0, "°C")
    return GAS_CONSTANT * (t + 273.15) / FARADAY * 1000.0


def nernst(z: int, c_out: float, c_in: float, temp_c: float = 37.0) -> float:
    """Nernst equilibrium potential in mV: (RT/zF)·ln(c_out/c_in), concentrations in mM."""
    if isinstance(z, bool) or not isinstance(z, int) or z == 0 or abs(z) > 3:
        raise ValueError(f"z={z!r} is not valid; allowed: a non-zero integer valence in [-3, 3]")
    co = check_number("c_out", c_out, 0.0, 1000.0, "mM", lo_inclusive=False)
    ci = check_number("c_in", c_in, 0.0, 1000.0, "mM", lo_inclusive=False)
    return rt_over_f(temp_c) / z * math.log(co / ci)
