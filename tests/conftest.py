"""Shared test set-up: the hypothesis profiles.

``ci`` (the default) is what ``python -m pytest`` runs: reproducible
(derandomize, no example database), no per-example deadline (a loaded CI box
must not turn a slow example into a failure), and sized so the property tests
generate well over 10,000 examples in about a minute on two cores.

``deep`` is for long local hunts: random seeds, ten times the examples::

    HYPOTHESIS_PROFILE=deep python -m pytest -q tests/test_properties.py

``dev`` is a quick smoke run while editing (a tenth of ``ci``).
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

_SLOW_OK = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much]

settings.register_profile(
    "ci",
    max_examples=3000,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=_SLOW_OK,
    print_blob=True,
)
settings.register_profile(
    "deep",
    max_examples=25000,
    deadline=None,
    suppress_health_check=_SLOW_OK,
    print_blob=True,
)
settings.register_profile(
    "dev",
    max_examples=300,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=_SLOW_OK,
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
