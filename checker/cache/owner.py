"""Whose file is at the fact cache's path: crosscheck only ever writes to, empties or removes a file
it can recognise as its own fact cache.

In: a path (``--cache``, or ``cache:`` in the configuration).  Out: :func:`inspect`'s verdict
(nothing there; crosscheck's cache; something else, and what) and :func:`create`, which makes a new
cache whole or not at all.

A cache is marked by SQLite's ``application_id`` (:data:`APPLICATION_ID`, in the database header at
byte 68), set when crosscheck creates the file.  A cache an earlier crosscheck made, before the mark,
is recognised by its tables (only ``facts<N>`` and ``sources<N>``) and marked on first use.  Anything
else (an article, a text file, another program's SQLite database, an empty file, a folder) is not
crosscheck's: it is never opened for writing, and the command says so and stops (exit 2).

A new cache is built under a temporary name beside the path and then linked into place with
``os.link``, which fails rather than replace a file another run created meanwhile: so the file at
the path is always either absent or a whole, marked cache.
"""

from __future__ import annotations

import os
import re
import sqlite3
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from checker.errors import Location, UsageError

__all__ = ["APPLICATION_ID", "NotACache", "Verdict", "create", "inspect"]

APPLICATION_ID = 0x63726F73  # "cros": crosscheck's fact cache
HEADER = b"SQLite format 3\x00"
_OURS = re.compile(r"(facts|sources)\d+|sqlite_autoindex_(facts|sources)\d+_\d+")


class NotACache(UsageError):
    """The fact cache's path holds a file that is not crosscheck's: it is left as it is."""

    def __init__(self, path: str | os.PathLike, what: str):
        super().__init__(f"not a crosscheck fact cache ({what}); crosscheck does not write to or remove it: "
                         "give --cache another path, or --no-cache", Location(os.fspath(path)))


@dataclass(frozen=True)
class Verdict:
    """What is at a cache path: ``state`` is "missing", "ours", "unmarked" (an earlier crosscheck's
    cache, without the mark) or "foreign" (then ``what`` says what it is)."""

    state: str
    what: str = ""


def inspect(path: str | os.PathLike) -> Verdict:
    """Whose file is at ``path`` (read only: the header, and for an unmarked SQLite file its table
    names, through an immutable read-only connection that creates no journal)."""
    try:
        if not os.path.lexists(path):
            return Verdict("missing")
        if os.path.isdir(path):
            return Verdict("foreign", "a folder")
        if not os.path.isfile(path):
            return Verdict("foreign", "not a regular file")
        with open(path, "rb") as fh:
            head = fh.read(100)
    except OSError as exc:
        return Verdict("foreign", f"cannot read it: {exc.strerror or exc}")
    if not head:
        return Verdict("foreign", "an empty file")
    if not head.startswith(HEADER) or len(head) < 100:
        return Verdict("foreign", "not an SQLite database")
    app = int.from_bytes(head[68:72], "big")
    if app == APPLICATION_ID:
        return Verdict("ours")
    if app != 0:
        return Verdict("foreign", f"the SQLite database of another program, application id {app:#x}")
    names = _names(path)
    if names is None:
        return Verdict("foreign", "an SQLite database crosscheck cannot read")
    if names and all(_OURS.fullmatch(n) for n in names):
        return Verdict("unmarked")
    shown = ", ".join(sorted(names)[:5]) if names else "no tables"
    return Verdict("foreign", f"an SQLite database of another program; tables: {shown}")


def _names(path: str | os.PathLike) -> list[str] | None:
    uri = Path(os.path.abspath(path)).as_uri() + "?mode=ro&immutable=1"
    try:
        conn = sqlite3.connect(uri, uri=True)
        try:
            return [r[0] for r in conn.execute("SELECT name FROM sqlite_master")]
        finally:
            conn.close()
    except sqlite3.Error:
        return None


def create(path: str | os.PathLike, schema: Iterable[str]) -> None:
    """Create a marked cache at ``path`` with ``schema`` (CREATE statements), whole or not at all;
    when another run creates one first, theirs is kept."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    os.close(fd)
    mask = os.umask(0)
    os.umask(mask)
    os.chmod(tmp, 0o666 & ~mask)  # mkstemp makes 0600; the cache is an ordinary file, as SQLite makes one
    try:
        conn = sqlite3.connect(tmp, isolation_level=None)
        try:
            conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            for statement in schema:
                conn.execute(statement)
            conn.execute("PRAGMA journal_mode = WAL")
        finally:
            conn.close()
        try:
            os.link(tmp, target)  # fails when the path exists: never replaces anything
        except FileExistsError:
            pass  # another run made it first
        except OSError:  # a file system without hard links
            if not os.path.lexists(target):
                os.replace(tmp, target)
    finally:
        for suffix in ("", "-wal", "-shm", "-journal"):
            try:
                os.unlink(tmp + suffix)
            except OSError:
                pass


def mark(conn: sqlite3.Connection) -> None:
    """Mark an earlier crosscheck's cache (recognised by its tables) as crosscheck's."""
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
