"""``crosscheck check`` and ``crosscheck baseline`` (the rule engine is not built yet)."""

from __future__ import annotations

from ..errors import UsageError


def run(args) -> int:
    raise UsageError("check: the rule engine is not there yet; `crosscheck parse` and "
                     "`crosscheck extract` work today")


def run_baseline(args) -> int:
    return run(args)
