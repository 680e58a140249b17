"""``crosscheck cache clear``: empty the fact cache (``--cache FILE``, else the configured one).

Only crosscheck's own cache is emptied (or, when SQLite cannot read it any more, removed): a file
at that path that is not crosscheck's cache is an error (exit 2) and is left as it is.
"""

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
        print(f"crosscheck: removed {path}, a fact cache SQLite could no longer read")
    elif n == 0:
        print(f"crosscheck: the fact cache {path} is empty")
    else:
        print(f"crosscheck: cleared {n} cached article{'s' if n != 1 else ''} from {path}")
    return 0
