"""Hypothesis profiles: ``ci`` is thorough; ``dev`` (the default locally) is fast.

Choose with ``HYPOTHESIS_PROFILE=ci`` (``.ci/run`` does); CI=true selects
``ci`` too.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

settings.register_profile(
    "ci",
    max_examples=200,
    deadline=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile("dev", max_examples=40, deadline=None)
# tools/fuzz.py: a long run of tests/test_fuzz.py, each example under a deadline (a hang fails).
settings.register_profile(
    "fuzz",
    max_examples=int(os.environ.get("STRETCHKIT_FUZZ_EXAMPLES", "10000")),
    deadline=float(os.environ.get("STRETCHKIT_FUZZ_DEADLINE", "5")) * 1000,
    suppress_health_check=list(HealthCheck),
    database=None,
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "dev"))
