"""Shared fixtures and the hypothesis profiles.

``dev`` (plain ``pytest``) tries few examples, for a quick run; ``ci`` (what tox sets) tries the full
number, derandomized so that a failure in CI comes back the same.  Neither has a deadline.  Tests that
give their own ``max_examples`` keep it in both.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"

settings.register_profile(
    "ci", deadline=None, derandomize=True, max_examples=300,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile("dev", deadline=None, max_examples=50)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return SEEDS


@pytest.fixture(scope="session")
def seed_texts() -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))}
