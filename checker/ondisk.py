"""Tables kept between runs in the user's cache folder: where they live, and reading and writing one.

Each table is a pure function of what it is worked out from, and named by a digest of that: the
dimension of every grammar unit (checker/parser/units.py), the lexer's buckets
(checker/parser/lexstore.py), what a run reads of lark's parser (checker/parser/tables.py) and the data
of a YAML file read before (checker/yamlio.py).  A table that cannot be read is worked out again; one
that cannot be written only costs speed.
"""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path
from typing import Any

from .paths import cache_dir

__all__ = ["STALE_DAYS", "cache_dir", "installed", "prune", "read_json", "write_json"]

STALE_DAYS = 30  # a table of another grammar or version not written for this long is removed


def read_json(path: Path) -> Any:
    """The JSON value stored at ``path``, or None when the file is missing, unreadable, not a regular
    file or not JSON (or nested too deep to read)."""
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return None  # a FIFO or a device could block the run
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError):
        return None


def write_json(path: Path, value: Any, *, sort_keys: bool = True) -> bool:
    """Write ``value`` as compact JSON to ``path`` (its keys sorted, unless ``sort_keys`` is False: a value
    whose order matters), whole or not at all (``checker.output.write_atomic``; the folder is made if
    needed).  True when written; False when the folder is read-only or full."""
    from checker.errors import UsageError
    from checker.output import write_atomic

    text = json.dumps(value, ensure_ascii=False, sort_keys=sort_keys, separators=(",", ":"))
    try:
        write_atomic(path, text)
    except UsageError:  # write_atomic's report of an OSError
        return False
    return True


def prune(folder: Path, pattern: str, keep: Path) -> None:
    """Remove the files of ``folder`` matching ``pattern`` (tables of other grammars or versions, which
    an upgrade leaves behind) that were not written for ``STALE_DAYS``, except ``keep``; a table still
    in use elsewhere is only worked out again."""
    import time

    now = time.time()
    for other in folder.glob(pattern):
        try:
            if other != keep and now - other.stat().st_mtime > STALE_DAYS * 86400:
                other.unlink()
        except OSError:
            pass


def installed(package: str) -> str:
    """Which ``package`` is installed, found without importing it or ``importlib.metadata`` (either
    costs more than reading a table): the names of the ``dist-info`` or ``egg-info`` folders beside
    it, which carry the version, else the ``__version__`` its ``__init__.py`` writes ("" when none)."""
    import importlib.util
    import re

    spec = importlib.util.find_spec(package)
    if spec is None or not spec.origin:
        return ""
    origin = Path(spec.origin)
    found = sorted(p.name for pattern in (f"{package}-*.dist-info", f"{package}-*.egg-info")
                   for p in origin.parent.parent.glob(pattern))
    if found:
        return " ".join(found)
    try:
        m = re.search(r"""^__version__\b[^=\n]*=\s*["']([^"']+)""", origin.read_text(encoding="utf-8"), re.M)
    except (OSError, UnicodeDecodeError):
        return ""
    return f"__version__ {m.group(1)}" if m else ""
