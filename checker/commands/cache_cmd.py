"""``crosscheck cache``: not built yet."""

from __future__ import annotations

from ..errors import UsageError


def run(args) -> int:
    raise UsageError("cache: not there yet in this version of crosscheck")
