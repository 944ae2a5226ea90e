"""Strict comparison of freshly produced cell outputs with a notebook's stored outputs, as nbval does it.

Used by the robustness test, whose fresh-kernel run doubles as the course's second strict check of the
stored outputs (with numpy's higher SIMD dispatch levels disabled, see ``course.cpu``): the same stream
coalescing, the same sanitising patterns (``nbval_sanitize.cfg``) and the same keys skipped as
``pytest --nbval`` (nbval 0.11 ``IPyNbFile.skip_compare``), so a notebook that passes here passes nbval.
"""

from __future__ import annotations

import configparser
import re
from pathlib import Path
from typing import Any

import nbformat
from nbval.plugin import coalesce_streams, transform_streams_for_comparison

REPO = Path(__file__).resolve().parents[1]
SANITIZE_CFG = REPO / "nbval_sanitize.cfg"

#: nbval 0.11's ``IPyNbFile.skip_compare`` (keys of an output, or mime types, not compared)
SKIP_COMPARE = (
    "metadata", "traceback", "prompt_number", "output_type", "name", "execution_count",
    "application/vnd.jupyter.widget-view+json", "image/png", "image/jpeg",
)


def sanitize_patterns(path: Path = SANITIZE_CFG) -> list[tuple[str, str]]:
    parser = configparser.ConfigParser()
    parser.read(path)
    return [(parser[s]["regex"], parser[s]["replace"]) for s in parser.sections()]


def _flatten(outputs: list[Any], patterns: list[tuple[str, str]]) -> dict[str, list[Any]]:
    flat: dict[str, list[Any]] = {}
    for out in transform_streams_for_comparison(coalesce_streams([nbformat.from_dict(o) for o in outputs])):
        for key, value in out.items():
            if key in SKIP_COMPARE:
                continue
            items = value.items() if key == "data" else [(key, value)]
            for k, v in items:
                if k in SKIP_COMPARE:
                    continue
                if isinstance(v, str):
                    for regex, repl in patterns:
                        v = re.sub(regex, repl, v)
                flat.setdefault(k, []).append(v)
    return flat


def differences(fresh: list[Any], stored: list[Any], patterns: list[tuple[str, str]] | None = None) -> list[str]:
    """Keys (stream names or mime types) whose fresh outputs differ from the stored ones; [] if equal."""
    patterns = sanitize_patterns() if patterns is None else patterns
    a, b = _flatten(fresh, patterns), _flatten(stored, patterns)
    return sorted(k for k in a.keys() | b.keys() if a.get(k) != b.get(k))


def reduced_dispatch() -> str:
    """``NPY_DISABLE_CPU_FEATURES`` value that turns off every SIMD dispatch level numpy could use here.

    numpy runs its baseline code everywhere and picks faster kernels at run time from
    ``__cpu_dispatch__`` (e.g. X86_V3 = AVX2, X86_V4 / AVX512_ICL / AVX512_SPR = AVX-512) when the CPU has
    them; it refuses to disable the baseline. Disabling every available dispatch level gives the code
    path of the oldest CPU this numpy supports — the other end from this machine's fastest path.
    Empty if the CPU has none (then both runs take the same path, and the test says so).
    """
    from numpy._core._multiarray_umath import __cpu_dispatch__, __cpu_features__

    return " ".join(f for f in __cpu_dispatch__ if __cpu_features__.get(f))
