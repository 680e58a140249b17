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


def _lexer_in_memory() -> None:
    """This process's lexer keeps its buckets in memory: the random texts of the property tests would
    otherwise fill the user's lexer table (checker/parser/lexstore.py) with keys no article needs,
    which every later run loads.  Processes the tests start use the table as users do."""
    from checker.parser import grammar

    before = os.environ.get("CROSSCHECK_LEXER_CACHE")
    os.environ["CROSSCHECK_LEXER_CACHE"] = "0"
    try:
        grammar._lexer()
    finally:
        if before is None:
            del os.environ["CROSSCHECK_LEXER_CACHE"]
        else:
            os.environ["CROSSCHECK_LEXER_CACHE"] = before


_lexer_in_memory()

# The YAML cache (checker/yamlio.py) is off in the tests and the processes they start, unless the
# environment says otherwise: the tests write thousands of YAML texts that no later run reads, and they
# compare PyYAML's two loaders on one text.  tests/unit/test_yaml_cache.py turns it on in a folder of its
# own; `CROSSCHECK_YAML_CACHE=1 XDG_CACHE_HOME=/tmp/x pytest tests/hostile` runs the hostile suite with it.
os.environ.setdefault("CROSSCHECK_YAML_CACHE", "0")


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return SEEDS


@pytest.fixture(scope="session")
def seed_texts() -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))}
