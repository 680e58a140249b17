"""The fact cache's database: entries kept in SQLite under the keys of :mod:`checker.cache.keys`.

In: an article and its facts (``put``), or an article (``get``).  Out: the facts stored for an
article with the same key, decoded by :mod:`checker.cache.codec`, or None (a miss: no entry, or one
that no longer decodes or no longer matches its digest).

Only crosscheck's own cache is ever opened for writing (:mod:`checker.cache.owner`): any other file
at the path is an error (:class:`~checker.cache.owner.NotACache`, exit 2) and is left as it is.  The
database runs in WAL mode with a busy timeout, so several runs can read and write at once; every
write is its own transaction, so a killed run leaves the cache whole.  Each row carries a digest of
its key and its value, so a row that was damaged or moved to another key is a miss.  Any SQLite
error (a damaged file, a full disk, a changed schema) is a warning, and the run goes on without the
cache: never an internal error, never wrong facts.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from checker.errors import Location, UsageError
from checker.model import Article, ArticleFacts

from .codec import Decoder, article_from_json, article_to_json, facts_to_json
from .keys import article_key, fingerprint
from .owner import NotACache, create, inspect, mark

__all__ = ["FACTS", "SOURCES", "CacheUnavailable", "FactCache", "NotACache", "clear", "open_cache"]

T = TypeVar("T")


class CacheUnavailable(Exception):
    """The cache file cannot be used; the run goes on without it."""


# -- the database --------------------------------------------------------------------------------

# Tables are named by their version, so that a cache an older crosscheck wrote (or still writes) is
# left alone; `crosscheck cache clear` empties them all.  2: the codec's format 2; 3: rows carry
# digests.
TABLES = 3
FACTS = f"facts{TABLES}"
SOURCES = f"sources{TABLES}"
_SCHEMA = (f"CREATE TABLE IF NOT EXISTS {FACTS} (key TEXT PRIMARY KEY, data TEXT NOT NULL, extra TEXT NOT NULL, "
           "data_sum TEXT NOT NULL, extra_sum TEXT NOT NULL) WITHOUT ROWID",
           # the source index: a file's source_key -> its Article without text, and its facts' key
           f"CREATE TABLE IF NOT EXISTS {SOURCES} (key TEXT PRIMARY KEY, article TEXT NOT NULL, facts TEXT NOT NULL, "
           "sum TEXT NOT NULL) WITHOUT ROWID")
_COLUMNS = {FACTS: ["key", "data", "extra", "data_sum", "extra_sum"], SOURCES: ["key", "article", "facts", "sum"]}


def digest(*parts: str) -> str:
    """The digest a row carries: of its key and its values, so that a damaged row, or one moved
    under another key, does not match."""
    h = hashlib.blake2b(digest_size=16)
    for part in parts:
        h.update(part.encode("utf-8", "surrogatepass"))
        h.update(b"\0")
    return h.hexdigest()


def _connect(path: Path, patience: float = 30.0) -> sqlite3.Connection:
    """Open crosscheck's cache at ``path`` (creating a new, marked one if nothing is there) in WAL
    mode; NotACache when the file is not crosscheck's.  Two processes setting up at once can see
    SQLITE_BUSY even with a busy timeout, so setting up is retried."""
    verdict = inspect(path)
    if verdict.state == "foreign":
        raise NotACache(path, verdict.what)
    if verdict.state == "missing":
        create(path, _SCHEMA)
        verdict = inspect(path)
        if verdict.state == "foreign":
            raise NotACache(path, verdict.what)
    deadline = time.monotonic() + patience
    delay = 0.01
    while True:
        conn = sqlite3.connect(str(path), timeout=patience, isolation_level=None, check_same_thread=False)
        try:
            conn.execute(f"PRAGMA busy_timeout = {int(patience * 1000)}")
            if conn.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
                conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")
            if verdict.state == "unmarked":
                mark(conn)
            for statement in _SCHEMA:
                conn.execute(statement)
            _check_schema(conn)
            return conn
        except sqlite3.OperationalError as exc:
            conn.close()
            busy = "locked" in str(exc) or "busy" in str(exc)
            if not busy or time.monotonic() > deadline:
                raise
            time.sleep(delay)
            delay = min(delay * 2, 0.5)
        except BaseException:
            conn.close()
            raise


def _check_schema(conn: sqlite3.Connection) -> None:
    """A DatabaseError when this version's tables are not of the shape it writes."""
    for table, columns in _COLUMNS.items():
        found = [r[1] for r in conn.execute(f"PRAGMA table_info({table})")]
        if found != columns:
            raise sqlite3.DatabaseError(f"table {table} has columns {', '.join(found)}, not {', '.join(columns)}")


def _decoded(decoder: Decoder, data: str, extra: str | None) -> ArticleFacts | None:
    try:
        return decoder.article_facts(json.loads(data), None if extra is None else json.loads(extra))
    except (ValueError, TypeError, KeyError, RecursionError):
        return None


class FactCache:
    """An open fact cache; ``get``/``put`` ArticleFacts by article.  After an SQLite error the
    cache says so once on stderr and is off for the rest of the run (``get`` misses, ``put`` does
    nothing)."""

    def __init__(self, path: str | Path, print_: str):
        self.path = Path(path)
        self.fingerprint = print_
        self.hits = self.misses = 0
        self.broken: str | None = None
        try:
            self._conn = _connect(self.path)
        except (sqlite3.Error, OSError) as exc:
            raise CacheUnavailable(f"{self.path}: cannot use the fact cache ({exc}); going on without it"
                                   f"{_HINT}") from None

    def _guard(self, work: Callable[[], T], default: T) -> T:
        """``work()``, or ``default`` once the cache has failed (said once on stderr)."""
        if self.broken is not None:
            return default
        try:
            return work()
        except (sqlite3.Error, OSError) as exc:
            self.broken = str(exc) or type(exc).__name__
            print(f"crosscheck: warning: {self.path}: the fact cache failed ({self.broken}); going on without it"
                  f"{_HINT}", file=sys.stderr)
            try:
                self._conn.close()
            except sqlite3.Error:
                pass
            return default

    def get(self, article: Article, decoder: Decoder | None = None) -> ArticleFacts | None:
        """The cached facts of ``article``, or None (a row that no longer decodes, or whose digest
        or article does not match, is a miss); ``decoder`` (say a compact one, which does not read
        what only extract prints) builds them."""
        facts = self._guard(lambda: self._get(article, decoder or Decoder()), None)
        self.hits += facts is not None
        self.misses += facts is None
        return facts

    def _get(self, article: Article, decoder: Decoder) -> ArticleFacts | None:
        key = article_key(article, self.fingerprint)
        column = "NULL" if decoder.compact else "extra"
        row = self._conn.execute(f"SELECT data, {column}, data_sum, extra_sum FROM {FACTS} WHERE key = ?",
                                 (key,)).fetchone()
        if row is None or not _matches(key, row):
            return None
        facts = _decoded(decoder, row[0], row[1])
        return facts if facts is not None and facts.article == article.id else None

    def put(self, article: Article, facts: ArticleFacts) -> None:
        """Store the facts of ``article`` (one statement, one transaction)."""
        self.put_json(article, *(json.dumps(v, ensure_ascii=False, separators=(",", ":"))
                                 for v in facts_to_json(facts)))

    def put_json(self, article: Article, data: str, extra: str) -> None:
        """Store the facts of ``article`` given as the JSON text of :func:`facts_to_json`'s two values
        (as extraction processes send them)."""
        key = article_key(article, self.fingerprint)
        row = (key, data, extra, digest(key, data), digest(key, extra))
        self._guard(lambda: self._conn.execute(
            f"INSERT OR REPLACE INTO {FACTS} (key, data, extra, data_sum, extra_sum) VALUES (?, ?, ?, ?, ?)", row), None)

    def get_source(self, key: str, decoder: Decoder | None = None) -> tuple[Article, ArticleFacts] | None:
        """The Article (without text) and facts of the file with :func:`source_key` ``key``, or
        None when either is missing, does not decode or does not match its digest."""
        hit = self._guard(lambda: self._get_source(key, decoder or Decoder()), None)
        self.hits += hit is not None
        return hit

    def _get_source(self, key: str, decoder: Decoder) -> tuple[Article, ArticleFacts] | None:
        column = "NULL" if decoder.compact else "f.extra"
        row = self._conn.execute(f"SELECT s.article, s.facts, s.sum, f.data, {column}, f.data_sum, f.extra_sum "
                                 f"FROM {SOURCES} s JOIN {FACTS} f ON f.key = s.facts WHERE s.key = ?",
                                 (key,)).fetchone()
        if row is None or row[2] != digest(key, row[0], row[1]) or not _matches(row[1], row[3:]):
            return None
        try:
            article = article_from_json(json.loads(row[0]))
        except (ValueError, TypeError, KeyError, RecursionError):
            return None
        facts = _decoded(decoder, row[3], row[4])
        if facts is None or facts.article != article.id:
            return None
        return article, facts

    def put_sources(self, entries: list[tuple[str, Article]]) -> None:
        """Record (source_key, article) pairs in the source index, in one transaction; the
        article's facts are those stored under its :func:`article_key`."""
        rows = []
        for key, article in entries:
            data = article_to_json(article)
            if data is not None:
                text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
                facts = article_key(article, self.fingerprint)
                rows.append((key, text, facts, digest(key, text, facts)))
        if rows:
            self._guard(lambda: self._put_sources(rows), None)

    def _put_sources(self, rows: list[tuple[str, str, str, str]]) -> None:
        with self._conn:
            self._conn.execute("BEGIN")
            self._conn.executemany(f"INSERT OR REPLACE INTO {SOURCES} (key, article, facts, sum) VALUES (?, ?, ?, ?)",
                                   rows)

    def close(self) -> None:
        try:
            self._conn.close()
        except sqlite3.Error:
            pass

    def __enter__(self) -> FactCache:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


_HINT = "; `crosscheck cache clear` starts a new one"


def _matches(key: str, row: Any) -> bool:
    """Whether a facts row (data, extra or None, data_sum, extra_sum) carries the digests of ``key``
    and its values."""
    data, extra, data_sum, extra_sum = row
    return data_sum == digest(key, data) and (extra is None or extra_sum == digest(key, extra))


def clear(path: str | Path) -> int:
    """Empty crosscheck's cache at ``path`` and return how many entries it held (0 when there is
    none); a cache of crosscheck's that SQLite cannot read any more is removed (then -1).  A file
    that is not crosscheck's cache is NotACache, and is left as it is."""
    p = Path(path)
    verdict = inspect(p)
    if verdict.state == "missing":
        return 0
    if verdict.state == "foreign":
        raise NotACache(p, verdict.what)
    try:
        conn = _connect(p)
        try:
            n = conn.execute(f"SELECT count(*) FROM {FACTS}").fetchone()[0]
            tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
            for table in tables:  # emptied (another run may have it open); an older version's dropped
                if table in (FACTS, SOURCES):
                    conn.execute(f'DELETE FROM "{table}"')
                elif table.startswith(("facts", "sources")):
                    conn.execute(f'DROP TABLE "{table}"')
            conn.execute("VACUUM")
        finally:
            conn.close()
        return n
    except sqlite3.OperationalError as exc:  # locked by another run past the timeout, an I/O error
        raise UsageError(f"cannot clear the fact cache: {exc}", Location(str(p))) from None
    except sqlite3.DatabaseError:  # crosscheck's (by its mark or its tables), but damaged
        for suffix in ("", "-wal", "-shm"):
            Path(str(p) + suffix).unlink(missing_ok=True)
        return -1


def open_cache(path: str | Path, extra: tuple[str, ...] = ()) -> FactCache | None:
    """The fact cache at ``path`` under the fingerprint of the extractor and the user's rule and
    lexicon files ``extra``; None, said on stderr, when it cannot be used; NotACache (exit 2) when
    the file at ``path`` is not crosscheck's."""
    try:
        return FactCache(path, fingerprint(tuple(extra)))
    except CacheUnavailable as exc:
        print(f"crosscheck: warning: {exc}", file=sys.stderr)
        return None
