"""Project-wide test settings.

Hypothesis: no per-example deadline (a 2-core machine under load makes timing-based failures
meaningless: performance is measured in benchmarks/, not in tests); under CI=true the examples are
derandomized so a CI run is reproducible, while local runs keep exploring new inputs.
"""

from __future__ import annotations

import os

from hypothesis import settings

settings.register_profile("course", deadline=None, print_blob=True)
settings.register_profile("course-ci", parent=settings.get_profile("course"), derandomize=True)
settings.load_profile("course-ci" if os.environ.get("CI", "").lower() == "true" else "course")
