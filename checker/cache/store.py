"""The fact cache's database: entries kept in SQLite under the keys of :mod:`checker.cache.keys`.

In: an article and its facts (``put``), or an article (``get``).  Out: the facts stored for an
article with the same key, decoded by :mod:`checker.cache.codec`, or None (a miss: no entry, or one
that no longer decodes).  The database runs in WAL mode with a busy timeout, so several runs can
read and write at once; every write is its own transaction, so a killed run leaves the cache whole.
A cache that cannot be opened (say, a file that is not a database) is reported and skipped, never
fatal (:func:`open_cache`).
"""

from __future__ import annotations

import json
import sqlite3
import sys
import time
from pathlib import Path

from checker.model import Article, ArticleFacts

from .codec import FORMAT, Decoder, article_from_json, article_to_json, facts_to_json
from .keys import article_key, fingerprint

__all__ = ["FACTS", "SOURCES", "CacheUnavailable", "FactCache", "clear", "open_cache"]


class CacheUnavailable(Exception):
    """The cache file cannot be used; the run goes on without it."""


# -- the database --------------------------------------------------------------------------------

# Tables are named by FORMAT, so that a cache an older crosscheck wrote (or still writes) is left
# alone; `crosscheck cache clear` drops every table.
FACTS = f"facts{FORMAT}"
SOURCES = f"sources{FORMAT}"
_SCHEMA = (f"CREATE TABLE IF NOT EXISTS {FACTS} (key TEXT PRIMARY KEY, data TEXT NOT NULL, extra TEXT NOT NULL) "
           "WITHOUT ROWID",
           # the source index: a file's source_key -> its Article without text, and its facts' key
           f"CREATE TABLE IF NOT EXISTS {SOURCES} (key TEXT PRIMARY KEY, article TEXT NOT NULL, facts TEXT NOT NULL) "
           "WITHOUT ROWID")


def _connect(path: Path, patience: float = 30.0) -> sqlite3.Connection:
    """Open (creating if need be) the cache in WAL mode.  Two processes creating it at once can see
    SQLITE_BUSY from the journal-mode switch even with a busy timeout, so setting up is retried."""
    path.parent.mkdir(parents=True, exist_ok=True)
    deadline = time.monotonic() + patience
    delay = 0.01
    while True:
        conn = sqlite3.connect(str(path), timeout=patience, isolation_level=None, check_same_thread=False)
        try:
            conn.execute(f"PRAGMA busy_timeout = {int(patience * 1000)}")
            if conn.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
                conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")
            for statement in _SCHEMA:
                conn.execute(statement)
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


def _decoded(decoder: Decoder, data: str, extra: str | None) -> ArticleFacts | None:
    try:
        return decoder.article_facts(json.loads(data), None if extra is None else json.loads(extra))
    except (ValueError, TypeError, KeyError, RecursionError):
        return None


class FactCache:
    """An open fact cache; ``get``/``put`` ArticleFacts by article."""

    def __init__(self, path: str | Path, print_: str):
        self.path = Path(path)
        self.fingerprint = print_
        self.hits = self.misses = 0
        try:
            self._conn = _connect(self.path)
        except (sqlite3.Error, OSError) as exc:
            hint = "; `crosscheck cache clear` starts a new one" if self.path.is_file() else ""
            raise CacheUnavailable(f"{self.path}: cannot use the fact cache ({exc}); going on without it{hint}") from None

    def get(self, article: Article, decoder: Decoder | None = None) -> ArticleFacts | None:
        """The cached facts of ``article``, or None (a row that no longer decodes is a miss);
        ``decoder`` (say a compact one, which does not read what only extract prints) builds them."""
        decoder = decoder or Decoder()
        column = "NULL" if decoder.compact else "extra"
        row = self._conn.execute(f"SELECT data, {column} FROM {FACTS} WHERE key = ?",
                                 (article_key(article, self.fingerprint),)).fetchone()
        facts = None if row is None else _decoded(decoder, *row)
        self.hits += facts is not None
        self.misses += facts is None
        return facts

    def put(self, article: Article, facts: ArticleFacts) -> None:
        """Store the facts of ``article`` (one statement, one transaction)."""
        self.put_json(article, *(json.dumps(v, ensure_ascii=False, separators=(",", ":"))
                                 for v in facts_to_json(facts)))

    def put_json(self, article: Article, data: str, extra: str) -> None:
        """Store the facts of ``article`` given as the JSON text of :func:`facts_to_json`'s two values
        (as extraction processes send them)."""
        self._conn.execute(f"INSERT OR REPLACE INTO {FACTS} (key, data, extra) VALUES (?, ?, ?)",
                           (article_key(article, self.fingerprint), data, extra))

    def get_source(self, key: str, decoder: Decoder | None = None) -> tuple[Article, ArticleFacts] | None:
        """The Article (without text) and facts of the file with :func:`source_key` ``key``, or
        None when either is missing or does not decode."""
        decoder = decoder or Decoder()
        column = "NULL" if decoder.compact else "f.extra"
        row = self._conn.execute(f"SELECT s.article, f.data, {column} FROM {SOURCES} s JOIN {FACTS} f "
                                 "ON f.key = s.facts WHERE s.key = ?", (key,)).fetchone()
        if row is None:
            return None
        try:
            article = article_from_json(json.loads(row[0]))
        except (ValueError, TypeError, KeyError, RecursionError):
            return None
        facts = _decoded(decoder, row[1], row[2])
        if facts is None or facts.article != article.id:
            return None
        self.hits += 1
        return article, facts

    def put_sources(self, entries: list[tuple[str, Article]]) -> None:
        """Record (source_key, article) pairs in the source index, in one transaction; the
        article's facts are those stored under its :func:`article_key`."""
        rows = []
        for key, article in entries:
            data = article_to_json(article)
            if data is not None:
                rows.append((key, json.dumps(data, ensure_ascii=False, separators=(",", ":")),
                             article_key(article, self.fingerprint)))
        if rows:
            with self._conn:
                self._conn.execute("BEGIN")
                self._conn.executemany(f"INSERT OR REPLACE INTO {SOURCES} (key, article, facts) VALUES (?, ?, ?)",
                                       rows)

    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> FactCache:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def clear(path: str | Path) -> int:
    """Empty the cache at ``path`` and return how many entries it held; a file that is not a usable
    database is removed instead (then -1)."""
    p = Path(path)
    if not p.exists():
        return 0
    try:
        conn = _connect(p)
        try:
            n = conn.execute(f"SELECT count(*) FROM {FACTS}").fetchone()[0]
            tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
            for table in tables:  # emptied (another run may have it open); an older format's dropped
                conn.execute(f'DELETE FROM "{table}"' if table in (FACTS, SOURCES) else f'DROP TABLE "{table}"')
            conn.execute("VACUUM")
        finally:
            conn.close()
        return n
    except sqlite3.DatabaseError:
        for suffix in ("", "-wal", "-shm"):
            Path(str(p) + suffix).unlink(missing_ok=True)
        return -1


def open_cache(path: str | Path, extra: tuple[str, ...] = ()) -> FactCache | None:
    """The fact cache at ``path`` under the fingerprint of the extractor and the user's rule and
    lexicon files ``extra``; None, said on stderr, when it cannot be used."""
    try:
        return FactCache(path, fingerprint(tuple(extra)))
    except CacheUnavailable as exc:
        print(f"crosscheck: {exc}", file=sys.stderr)
        return None
