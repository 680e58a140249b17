"""``crosscheck rules``: not built yet."""

from __future__ import annotations

from ..errors import UsageError


def run(args) -> int:
    raise UsageError("rules: not there yet in this version of crosscheck")
