"""The fact cache: what extraction found in an article, kept in SQLite and keyed by the article's
content and the extractor's fingerprint.

The key is a SHA-256 over the extractor fingerprint (tool version, cache format, the grammar, the
lexicons, the extraction code and any user rule/lexicon files) and the article as extraction sees it
(its text and metadata), so a changed file, grammar, lexicon or crosscheck version is a miss, never a
stale hit.  A source index maps a file (its decoded text, path, id and sources.yaml metadata, under
the same fingerprint) to its Article without text and to its facts, so that an unchanged file is not
parsed again (:class:`SourceIndex`).  Everything is stored as JSON, never pickle, and checked as it
is decoded: a cache restored from somewhere untrusted can give wrong facts at worst, never run code,
and an entry that does not decode is a miss.  The database runs in WAL mode with a busy timeout, so
several runs can read and write at once; every write is its own transaction, so a killed run leaves
the cache whole.  A cache that cannot be opened (say, a file that is not a database) is reported and
skipped, never fatal.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import time
from fractions import Fraction
from itertools import repeat
from pathlib import Path
from typing import Any

from checker.version import __version__
from checker.model import Article, ArticleFacts, Fact, Mention, Quantity, Quote

__all__ = ["FORMAT", "CacheUnavailable", "Decoder", "FactCache", "SourceIndex", "article_from_json",
           "article_key", "article_to_json", "clear", "facts_from_json", "facts_to_json", "fingerprint",
           "source_key"]

FORMAT = 2  # bump when the stored JSON changes shape (2: column-wise entries, the source index)
_PACKAGE = Path(__file__).resolve().parents[1]  # checker/: every module can change what is extracted


class CacheUnavailable(Exception):
    """The cache file cannot be used; the run goes on without it."""


# -- serialisation -------------------------------------------------------------------------------
#
# An entry is two JSON values, column by column: ``data``, what comparisons read,
#
#     [FORMAT, article, facts, quotes, mentions]
#
# where each of facts, quotes and mentions is [] when there are none, else one list a field (the
# *_COLUMNS below, in order; a Quantity's fields are a fact's columns too), an ``article`` column
# that is the row's article throughout being written once, as that string; and ``extra``, what only
# ``crosscheck extract`` prints: [FORMAT, fact ids, fact sentences, quote ids, quote sentences,
# mention ids, mention entities].  A Fraction is [numerator, denominator]; ints and None stay as
# they are.  Decoding checks each column's type and length and builds the dataclasses straight from
# the columns, so a row of another shape raises ValueError (a miss) and never gives values of the
# wrong type.  JSON carries data only: a cache restored from somewhere untrusted can at worst give
# wrong facts, never run code.

QUANTITY_FIELDS = ("text", "start", "end", "qualifier", "value", "low", "high", "low_inclusive", "high_inclusive",
                   "unit", "dimension", "noun", "hedge", "modifies", "distributive", "part_of", "whole")
FACT_FIELDS = ("id", "article", "key", "quantity", "speaker", "time", "date", "sentence", "subject", "measure")
QUOTE_FIELDS = ("id", "article", "speaker", "text", "start", "end", "sentence", "topic")
MENTION_FIELDS = ("id", "article", "text", "start", "end", "surname", "given", "entity")
FACT_COLUMNS = ("article", "key", "speaker", "time", "date", "subject", "measure", *QUANTITY_FIELDS)
QUOTE_COLUMNS = ("article", "speaker", "text", "start", "end", "topic")
MENTION_COLUMNS = ("article", "text", "start", "end", "surname", "given")
_NUMBERS = frozenset({"value", "low", "high", "whole"})

_STR, _OPT, _INT, _BOOL = frozenset({str}), frozenset({str, type(None)}), frozenset({int}), frozenset({bool})
_KINDS = {"article": _STR, "key": _STR, "text": _STR, "qualifier": _STR, "dimension": _STR, "surname": _STR,
          "start": _INT, "end": _INT, "low_inclusive": _BOOL, "high_inclusive": _BOOL, "distributive": _BOOL}


def _number_out(v: Any) -> Any:
    if type(v) is Fraction:
        return [v.numerator, v.denominator]
    if v is None or type(v) in (int, float):
        return v
    raise TypeError(f"cannot store a {type(v).__name__} in the fact cache")


def _columns(items: tuple, names: tuple[str, ...], article: str) -> list:
    if not items:
        return []
    out = []
    facts = type(items[0]) is Fact
    for name in names:
        if facts and name in QUANTITY_FIELDS:  # a fact's quantity's fields are its own columns
            col = [getattr(i.quantity, name) for i in items]
        else:
            col = [getattr(i, name) for i in items]
        if name in _NUMBERS:
            col = [_number_out(v) for v in col]
        elif name == "article" and all(v == article for v in col):
            col = article
        out.append(col)
    return out


def facts_to_json(facts: ArticleFacts) -> tuple[list[Any], list[Any]]:
    """ArticleFacts as the cache's two JSON values, (data, extra) (see above)."""
    a = facts.article
    data = [FORMAT, a, _columns(facts.facts, FACT_COLUMNS, a), _columns(facts.quotes, QUOTE_COLUMNS, a),
            _columns(facts.mentions, MENTION_COLUMNS, a)]
    extra = [FORMAT, [f.id for f in facts.facts], [f.sentence for f in facts.facts], [q.id for q in facts.quotes],
             [q.sentence for q in facts.quotes], [m.id for m in facts.mentions], [m.entity for m in facts.mentions]]
    return data, extra


def _bad(what: str, value: Any) -> ValueError:
    return ValueError(f"not {what}: {value!r:.60}")


def _int(v: Any) -> int:
    if type(v) is int:
        return v
    raise _bad("a whole number", v)


def _text(v: Any) -> str:
    if type(v) is str:
        return v
    raise _bad("a text", v)


def _optional(v: Any) -> str | None:
    return None if v is None else _text(v)


class Decoder:
    """Cache entries -> ArticleFacts.  With ``compact``, only what comparisons read (see
    :func:`checker.run.check.for_comparison`): ids and sentences "", no entity names, and each
    repeated string and number held once."""

    def __init__(self, compact: bool = False):
        self.compact = compact
        self._strings: dict[Any, Any] = {}
        self._numbers: dict[tuple[int, int], Fraction] = {}

    def _column(self, col: Any, n: int, kinds: frozenset) -> list:
        if type(col) is not list or len(col) != n or not set(map(type, col)) <= kinds:
            raise _bad(f"a column of {n}", col)
        if self.compact and kinds is not _INT and kinds is not _BOOL:
            keep = self._strings.setdefault
            return [keep(v, v) for v in col]
        return col

    def _number(self, v: Any) -> Any:
        if type(v) is list:
            hit = self._numbers.get(tuple(v)) if len(v) == 2 else None
            if hit is None:
                n, d = v
                if type(n) is not int or type(d) is not int or d <= 0:
                    raise _bad("a fraction", v)
                hit = self._numbers[n, d] = Fraction(n, d)
            return hit
        if v is None or type(v) in (int, float):
            return v
        raise _bad("a number", v)

    def _section(self, cols: Any, names: tuple[str, ...], article: str) -> tuple[int, dict[str, Any]]:
        if cols == []:
            return 0, {}
        if type(cols) is not list or len(cols) != len(names) or type(cols[1]) is not list:
            raise _bad(f"{len(names)} columns", cols)
        n = len(cols[1])
        out: dict[str, Any] = {}
        for name, col in zip(names, cols, strict=True):
            if name == "article" and type(col) is str:
                out[name] = repeat(self._column([col], 1, _STR)[0], n)
            elif name in _NUMBERS:
                if type(col) is not list or len(col) != n:
                    raise _bad(f"a column of {n}", col)
                out[name] = list(map(self._number, col))
            else:
                out[name] = self._column(col, n, _KINDS.get(name, _OPT))
        return n, out

    def _texts(self, col: Any, n: int, none_when_compact: bool = False) -> Any:
        if col is None:  # compact: what only extract prints is not read
            return repeat(None if none_when_compact else "", n)
        return self._column(col, n, _OPT if none_when_compact else _STR)

    def article_facts(self, data: Any, extra: Any = None) -> ArticleFacts:
        """The ArticleFacts of one entry (``extra`` None: ids and sentences "", no entities);
        ValueError/TypeError when it is not an entry of this FORMAT."""
        if type(data) is not list or len(data) != 5 or data[0] != FORMAT or type(data[1]) is not str:
            raise ValueError("not a fact cache entry of this format")
        if extra is not None and (type(extra) is not list or len(extra) != 7 or extra[0] != FORMAT):
            raise ValueError("not a fact cache entry of this format")
        article = self._column([data[1]], 1, _STR)[0]
        x = extra if extra is not None and not self.compact else [FORMAT, None, None, None, None, None, None]
        nf, f = self._section(data[2], FACT_COLUMNS, article)
        quantities = map(Quantity, *(f[k] for k in QUANTITY_FIELDS)) if nf else ()
        facts = tuple(map(Fact, self._texts(x[1], nf), f["article"], f["key"], quantities, f["speaker"], f["time"],
                          f["date"], self._texts(x[2], nf), f["subject"], f["measure"])) if nf else ()
        nq, q = self._section(data[3], QUOTE_COLUMNS, article)
        quotes = tuple(map(Quote, self._texts(x[3], nq), q["article"], q["speaker"], q["text"], q["start"], q["end"],
                           self._texts(x[4], nq), q["topic"])) if nq else ()
        nm, m = self._section(data[4], MENTION_COLUMNS, article)
        mentions = tuple(map(Mention, self._texts(x[5], nm), m["article"], m["text"], m["start"], m["end"],
                             m["surname"], m["given"], self._texts(x[6], nm, True))) if nm else ()
        if x[1] is not None and not (len(x[1]) == nf and len(x[3]) == nq and len(x[5]) == nm):
            raise ValueError("ids for another number of items")
        return ArticleFacts(article, facts, quotes, mentions)


def facts_from_json(data: Any, extra: Any = None) -> ArticleFacts:
    """The inverse of :func:`facts_to_json`; raises ValueError/TypeError on data of another shape."""
    return Decoder().article_facts(data, extra)


# -- articles in the source index: an Article without its text, positions kept ---------------------

def article_to_json(article: Article) -> list[Any] | None:
    """``article.without_text()`` as a JSON row, or None when its offset map is of a kind not stored."""
    from checker.ingest.textmap import OffsetMap

    a = article.without_text()
    if a.offsets is None:
        offsets = None
    elif isinstance(a.offsets, OffsetMap):
        runs = a.offsets.runs
        offsets = [[s for s, _ in runs], [r for _, r in runs], len(a.offsets)]
    else:
        return None
    return [FORMAT, a.id, a.path, a.outlet, a.published, a.title, a.url, a.story, offsets, list(a.line_starts),
            list(a.ignore_rules), a.first_line, [list(f) for f in a.furniture], [list(s) for s in a.suppressions]]


def _list(v: Any) -> list:
    if type(v) is not list:
        raise _bad("list", v)
    return v


def _ints(v: Any) -> tuple[int, ...]:
    return tuple(map(_int, _list(v)))


def article_from_json(data: Any) -> Article:
    """The inverse of :func:`article_to_json` (an Article with ``text`` ""); ValueError/TypeError
    on data of another shape."""
    from checker.ingest.textmap import OffsetMap

    if type(data) is not list or len(data) != 14 or data[0] != FORMAT:
        raise ValueError("not an article row of this format")
    _, ident, path, outlet, published, title, url, story, offsets, starts, ignore, first, furniture, sups = data
    s, o = _text, _optional
    if offsets is not None:
        runs, raws, length = offsets
        offsets = OffsetMap(_ints(runs), _ints(raws), _int(length))
    return Article(s(ident), s(path), "", s(outlet), o(published), o(title), o(url), o(story), None, offsets,
                   _ints(starts), tuple(map(s, _list(ignore))), _int(first),
                   tuple((_int(a), _int(b), s(n)) for a, b, n in _list(furniture)),
                   tuple((_int(n), s(r), s(why)) for n, r, why in _list(sups)))


# -- keys --------------------------------------------------------------------------------------

def _files_for_fingerprint(extra: tuple[str, ...]) -> list[Path]:
    from checker.parse.grammar import GRAMMAR_DIR
    from checker.paths import data_dir

    files = sorted(Path(GRAMMAR_DIR).glob("*.lark"))
    lexicons = data_dir("rules", "**/*.yaml") / "lexicons"
    files += sorted(lexicons.rglob("*.yaml")) if lexicons.is_dir() else []
    files += sorted(_PACKAGE.rglob("*.py"))
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


def source_key(print_: str, path: str, ident: str, metadata: Any, raw: str) -> str:
    """The source-index key of a file: the extractor fingerprint, the file's path and id, the
    metadata it gets from outside itself (its sources.yaml defaults and entry) and its decoded text:
    everything ingest builds its Article from."""
    h = hashlib.sha256(f"{print_}\0source\0".encode())
    h.update(json.dumps([path, ident, metadata], ensure_ascii=False, sort_keys=True, default=str)
             .encode("utf-8", "surrogatepass"))
    h.update(b"\0")
    h.update(raw.encode("utf-8", "surrogatepass"))
    return h.hexdigest()


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


class SourceIndex:
    """ingest's ``reuse`` hook over a FactCache's source index: a file whose decoded text, path,
    id and sources.yaml metadata are unchanged (under the same extractor) gives its Article, without
    its text, and its cached facts, without being parsed again.  ``facts`` holds those facts by
    article id; :meth:`record` indexes the articles that were read."""

    def __init__(self, cache: FactCache, decoder: Decoder | None = None):
        self.cache = cache
        self.decoder = decoder or Decoder()
        self.facts: dict[str, ArticleFacts] = {}
        self._seen: dict[str, tuple[str, Any]] = {}  # path -> (id, metadata) of files read, for record()

    def __call__(self, source: Any, metadata: tuple[dict, dict]) -> list[Article] | None:
        import os

        from checker.errors import CheckerError
        from checker.ingest.articles import DEFAULT_MAX_BYTES
        from checker.ingest.formats import decode_bytes

        self._seen[source.path] = (source.rel, metadata)
        try:
            if os.stat(source.file).st_size > DEFAULT_MAX_BYTES:
                return None
            raw = decode_bytes(source.file.read_bytes(), source.path)
        except (OSError, CheckerError):  # ingest reads it again and says what is wrong
            return None
        hit = self.cache.get_source(source_key(self.cache.fingerprint, source.path, source.rel, metadata, raw),
                                    self.decoder)
        if hit is None or hit[0].path != source.path or hit[0].id != source.rel:
            return None
        article, facts = hit
        self.facts[article.id] = facts
        return [article]

    def record(self, articles: list[Article]) -> None:
        """Index the articles read from their files (not reused), once their facts are cached."""
        entries = []
        for a in articles:
            seen = self._seen.get(a.path)
            if a.id not in self.facts and a.raw is not None and seen is not None and seen[0] == a.id:
                entries.append((source_key(self.cache.fingerprint, a.path, a.id, seen[1], a.raw), a))
        self.cache.put_sources(entries)
