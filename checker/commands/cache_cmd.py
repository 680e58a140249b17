"""``crosscheck cache clear``: empty the fact cache (``--cache FILE``, else the configured one)."""

from __future__ import annotations

from typing import Any


def run(args: Any) -> int:
    from checker.cache.store import clear
    from checker.config import DEFAULT_CACHE, resolve

    if args.cache_command != "clear":
        raise AssertionError(args.cache_command)
    if args.cache:
        path = args.cache
    else:
        settings = resolve(args)
        path = settings["cache"] if settings["cache"] is not False else DEFAULT_CACHE
    n = clear(path)
    if n < 0:
        print(f"crosscheck: removed {path}, which was not a usable cache")
    elif n == 0:
        print(f"crosscheck: the fact cache {path} is empty")
    else:
        print(f"crosscheck: cleared {n} cached article{'s' if n != 1 else ''} from {path}")
    return 0
