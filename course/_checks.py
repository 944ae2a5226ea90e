"""Input validation shared by every model.

Every public function of the course validates its numeric inputs with
:func:`check_number` so that bad input always produces the same kind of
message: the parameter name, the value received and the allowed range.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from numbers import Real

import numpy as np

__all__ = ["check_number", "check_choice", "check_array", "short_repr"]


def _fmt(x: float) -> str:
    return f"{x:g}"


def short_repr(value: object, limit: int = 40) -> str:
    """``repr(value)`` cut to about ``limit`` characters (huge numbers and strings stay readable)."""
    text = repr(value)
    if len(text) <= limit:
        return text
    return f"{text[: limit - 12]}…({len(text)} chars)"


def check_number(
    name: str,
    value: object,
    lo: float,
    hi: float,
    unit: str = "",
    *,
    lo_inclusive: bool = True,
    hi_inclusive: bool = True,
) -> float:
    """Return ``value`` as a float after checking it is a finite real number in range.

    Raises
    ------
    TypeError
        If ``value`` is not a real number (``bool`` and strings are rejected).
    ValueError
        If ``value`` is NaN, infinite or outside ``[lo, hi]`` (bounds
        exclusive where requested). The message names the parameter, the value
        and the allowed range with its unit.
    """
    unit_txt = f" {unit}" if unit else ""
    left = "[" if lo_inclusive else "("
    right = "]" if hi_inclusive else ")"
    allowed = f"{left}{_fmt(lo)}, {_fmt(hi)}{right}{unit_txt}"
    if isinstance(value, bool) or not isinstance(value, (Real, np.integer, np.floating)):
        raise TypeError(
            f"{name} must be a real number in {allowed}, got {short_repr(value)} "
            f"of type {type(value).__name__}"
        )
    try:
        x = float(value)
    except OverflowError:  # an int beyond the float range (e.g. 10**400)
        raise ValueError(f"{name}={short_repr(value)} is too large; allowed range is {allowed}") from None
    if not math.isfinite(x):
        raise ValueError(f"{name}={short_repr(value)} is not finite; allowed range is {allowed}")
    too_low = x < lo if lo_inclusive else x <= lo
    too_high = x > hi if hi_inclusive else x >= hi
    if too_low or too_high:
        raise ValueError(f"{name}={_fmt(x)}{unit_txt} is outside the allowed range {allowed}")
    return x


def check_choice(name: str, value: object, choices: Iterable[str]) -> str:
    """Return ``value`` if it is one of ``choices``; otherwise raise ``ValueError`` listing them."""
    options = list(choices)
    if not isinstance(value, str) or value not in options:
        raise ValueError(
            f"{name}={short_repr(value)} is not valid; choose one of: " + ", ".join(repr(o) for o in options)
        )
    return value


def check_array(
    name: str, values: object, lo: float, hi: float, unit: str = ""
) -> np.ndarray:
    """Return ``values`` as a 1-D float array after checking every element is finite and in range."""
    unit_txt = f" {unit}" if unit else ""
    try:
        arr = np.atleast_1d(np.asarray(values, dtype=float))
    except OverflowError:  # an int beyond the float range (e.g. 10**400)
        raise ValueError(
            f"{name} contains a value too large to represent; allowed range is [{_fmt(lo)}, {_fmt(hi)}]{unit_txt}"
        ) from None
    except (TypeError, ValueError) as exc:
        raise TypeError(f"{name} must be an array of real numbers, got {values!r}") from exc
    if arr.ndim != 1:
        raise ValueError(f"{name} must be one-dimensional, got shape {arr.shape}")
    if not np.all(np.isfinite(arr)):
        raise ValueError(
            f"{name} contains NaN or infinite values; allowed range is "
            f"[{_fmt(lo)}, {_fmt(hi)}]{unit_txt}"
        )
    if arr.size and (arr.min() < lo or arr.max() > hi):
        bad = arr[(arr < lo) | (arr > hi)][0]
        raise ValueError(
            f"{name} contains {_fmt(bad)}{unit_txt}, outside the allowed range "
            f"[{_fmt(lo)}, {_fmt(hi)}]{unit_txt}"
        )
    return arr
