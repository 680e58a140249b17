"""The fact cache: what extraction found in an article, kept in SQLite and keyed by the article's
content and the extractor's fingerprint.

The key is a SHA-256 over the extractor fingerprint (tool version, cache format, the grammar, the
lexicons, the extraction code and any user rule/lexicon files) and the article as extraction sees it
(its text and metadata), so a changed file, grammar, lexicon or crosscheck version is a miss, never a
stale hit.  The database runs in WAL mode with a busy timeout, so several runs can read and write at
once; every write is its own transaction, so a killed run leaves the cache whole.  A cache that cannot
be opened (say, a file that is not a database) is reported and skipped, never fatal.
"""

from __future__ import annotations

import functools
import hashlib
import json
import sqlite3
import time
import types
import typing
from dataclasses import fields, is_dataclass
from fractions import Fraction
from pathlib import Path
from typing import Any

from . import __version__
from .model import Article, ArticleFacts

__all__ = ["FORMAT", "CacheUnavailable", "FactCache", "article_key", "clear", "facts_from_json",
           "facts_to_json", "fingerprint"]

FORMAT = 1  # bump when the stored JSON changes shape
_HERE = Path(__file__).resolve().parent


class CacheUnavailable(Exception):
    """The cache file cannot be used; the run goes on without it."""


# -- serialisation -------------------------------------------------------------------------------

def _encode(value: Any) -> Any:
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: _encode(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, Fraction):
        return str(value)
    if isinstance(value, (tuple, list)):
        return [_encode(v) for v in value]
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    raise TypeError(f"cannot store a {type(value).__name__} in the fact cache")


def facts_to_json(facts: ArticleFacts) -> dict[str, Any]:
    """ArticleFacts as plain JSON data (Fractions as strings such as ``"5/2"``)."""
    return _encode(facts)


@functools.cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _decode(hint: Any, value: Any) -> Any:
    if value is None or hint is Any:
        return value
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in (typing.Union, types.UnionType):
        if type(value) in args:
            return value
        for arg in args:
            if arg is not type(None):
                decoded = _decode(arg, value)
                if decoded is not value or not isinstance(value, (str, dict, list)):
                    return decoded
        return value
    if origin is tuple and isinstance(value, list):
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(_decode(args[0], v) for v in value)
        return tuple(_decode(a, v) for a, v in zip(args, value, strict=True))
    if hint is Fraction and isinstance(value, str):
        return Fraction(value)
    if isinstance(hint, type) and is_dataclass(hint) and isinstance(value, dict):
        hints = _hints(hint)
        names = {f.name for f in fields(hint)}
        if not set(value) <= names:
            raise ValueError(f"unknown fields {sorted(set(value) - names)} for {hint.__name__}")
        return hint(**{k: _decode(hints[k], v) for k, v in value.items()})
    return value


def facts_from_json(data: dict[str, Any]) -> ArticleFacts:
    """The inverse of :func:`facts_to_json`; raises ValueError/TypeError on data of another shape."""
    facts = _decode(ArticleFacts, data)
    if not isinstance(facts, ArticleFacts):
        raise ValueError("not ArticleFacts")
    return facts


# -- keys --------------------------------------------------------------------------------------

def _files_for_fingerprint(extra: tuple[str, ...]) -> list[Path]:
    from .grammar import GRAMMAR_DIR
    from .paths import data_dir

    files = sorted(Path(GRAMMAR_DIR).glob("*.lark"))
    lexicons = data_dir("rules", "**/*.yaml") / "lexicons"
    files += sorted(lexicons.rglob("*.yaml")) if lexicons.is_dir() else []
    files += sorted(_HERE.glob("*.py"))
    for item in extra:
        p = Path(item)
        files += sorted(p.rglob("*.y*ml")) if p.is_dir() else [p]
    return files


def fingerprint(extra: tuple[str, ...] = ()) -> str:
    """What extraction depends on besides the article: version, grammar, lexicons, code, user files."""
    h = hashlib.sha256(f"crosscheck {__version__} cache format {FORMAT}\n".encode())
    for path in _files_for_fingerprint(tuple(extra)):
        try:
            data = path.read_bytes()
        except OSError:
            data = b"<unreadable>"
        h.update(f"{path.name}\0{len(data)}\0".encode())
        h.update(data)
    return h.hexdigest()


def article_key(article: Article, print_: str) -> str:
    """The cache key of one article under extractor fingerprint ``print_``."""
    ident = [article.id, article.path, article.outlet, article.published, article.title, article.url,
             article.story, article.text]
    h = hashlib.sha256(print_.encode())
    h.update(json.dumps(ident, ensure_ascii=False).encode("utf-8", "surrogatepass"))
    return h.hexdigest()


# -- the database --------------------------------------------------------------------------------

_SCHEMA = "CREATE TABLE IF NOT EXISTS facts (key TEXT PRIMARY KEY, data TEXT NOT NULL) WITHOUT ROWID"


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
            conn.execute(_SCHEMA)
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

    def get(self, article: Article) -> ArticleFacts | None:
        """The cached facts of ``article``, or None (a row that no longer decodes is a miss)."""
        row = self._conn.execute("SELECT data FROM facts WHERE key = ?",
                                 (article_key(article, self.fingerprint),)).fetchone()
        facts = None
        if row is not None:
            try:
                facts = facts_from_json(json.loads(row[0]))
            except (ValueError, TypeError, KeyError):
                facts = None
        self.hits += facts is not None
        self.misses += facts is None
        return facts

    def put(self, article: Article, facts: ArticleFacts) -> None:
        """Store the facts of ``article`` (one statement, one transaction)."""
        data = json.dumps(facts_to_json(facts), ensure_ascii=False, separators=(",", ":"))
        self._conn.execute("INSERT OR REPLACE INTO facts (key, data) VALUES (?, ?)",
                           (article_key(article, self.fingerprint), data))

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
            n = conn.execute("SELECT count(*) FROM facts").fetchone()[0]
            conn.execute("DELETE FROM facts")
            conn.execute("VACUUM")
        finally:
            conn.close()
        return n
    except sqlite3.DatabaseError:
        for suffix in ("", "-wal", "-shm"):
            Path(str(p) + suffix).unlink(missing_ok=True)
        return -1
