"""The dispatch lexer's buckets, kept on disk between runs (like lark's grammar cache).

Working out a bucket (which terminals can start with two characters, each regex narrowed to the
first one) reads every member's regex with ``re``'s parser; an article of ordinary English needs a
few hundred of them.  Which regex each bucket gets is a pure function of the grammar, so the table is
kept in the user's cache folder (checker/ondisk.py): for each one- or two-character key the
lexer has seen, and each word bucket (keyed by its first letter and its members' names), the regex
of its bucket (its alternation, as ``FastLexer`` builds it), and the terminals' first words, for the
characters news is written in (Latin scripts, general punctuation, currency signs), at most
``MAX_BUCKETS`` keys, so other scripts or random text (a property test's) cannot grow the file
without bound.  A later run compiles each regex it needs with ``re.compile``, as on a first run.

The file is named by a digest of everything the table depends on: the terminals (names, regexes,
flags, in lark's order), the source of the modules that work buckets out, lark's and Python's
versions.  A file that does not load is ignored; a change of anything the digest covers is a new
file.  Writes are atomic (``checker.output.write_atomic``), made once at exit when something new was
worked out, and a read-only cache folder only costs speed.  ``CROSSCHECK_LEXER_CACHE=0`` turns it
off.  What the table saves is measured by bench/speedups.py (docs/performance.md).
"""

from __future__ import annotations

import atexit
import hashlib
import os
import sys
from pathlib import Path
from types import ModuleType

from checker.ondisk import cache_dir, installed, prune, read_json, write_json

__all__ = ["BucketStore", "store_for"]

FORMAT = 3  # 3: regexes only (2 also kept re's compiled programs)
MAX_BUCKETS = 4096  # English news needs ~500 (two-character keys); a bound, not a working size


def _kept(c: str) -> bool:
    """A character whose buckets are kept: Latin scripts, general punctuation, currency signs."""
    o = ord(c)
    return o < 0x250 or 0x2000 <= o < 0x2070 or 0x20A0 <= o < 0x20D0


class BucketStore:
    """Bucket regexes by key, loaded from and saved to ``path`` (None: kept in memory only)."""

    def __init__(self, path: Path | None):
        self.path = path
        self.buckets: dict[str, str] = {}  # key -> bucket regex ("" for no terminal)
        self._dirty = False
        if path is not None:
            self._load(path)

    def _load(self, path: Path) -> None:
        """Read the file: ``patterns`` (each bucket regex once) and ``buckets`` (key -> index of its
        regex); keys this version would not keep are dropped (and the file rewritten)."""
        data = read_json(path)
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            return
        try:
            patterns, buckets = data["patterns"], data["buckets"]
            kept = [(k, patterns[i]) for k, i in buckets.items()
                    if isinstance(k, str) and (k[:1] == "\0" or all(map(_kept, k)))]
            self.buckets = {k: v for k, v in kept[:MAX_BUCKETS] if isinstance(v, str)}
            self._dirty = len(self.buckets) < len(buckets)  # more than this version keeps: rewrite it
        except (KeyError, TypeError, AttributeError, IndexError):  # not a table this version wrote
            self.buckets = {}

    def bucket(self, key: str) -> str | None:
        """The stored regex of the bucket of ``key`` ("" for no terminal), or None if not stored."""
        return self.buckets.get(key)

    def remember(self, key: str, pattern: str) -> None:
        """Keep the bucket of ``key`` for later runs: only keys of the characters news text is made of
        (Latin scripts, general punctuation, currency signs), and at most ``MAX_BUCKETS``, so that text
        in other scripts, or random text, cannot grow the file without bound."""
        if self.path is None or self.buckets.get(key) == pattern or len(self.buckets) >= MAX_BUCKETS:
            return
        if key[:1] == "\0" or all(_kept(c) for c in key):
            self.buckets[key] = pattern
            self._dirty = True

    def save(self) -> None:
        """Write the table if something new was worked out (atomically; errors only cost speed)."""
        if not self._dirty or self.path is None:
            return
        patterns = sorted(set(self.buckets.values()))
        index = {pattern: i for i, pattern in enumerate(patterns)}
        data = {"format": FORMAT, "patterns": patterns, "buckets": {k: index[v] for k, v in self.buckets.items()}}
        if write_json(self.path, data):
            self._dirty = False
            prune(self.path.parent, "lexer-*.json", self.path)


def _sources(modules: tuple[ModuleType, ...]) -> list[bytes] | None:
    """The source of the modules that decide what a bucket holds (``modules``, and this one), found
    through the modules themselves; None when one cannot be read (then nothing is stored)."""
    out = []
    for module in (*modules, sys.modules[__name__]):
        try:
            out.append(Path(module.__file__).read_bytes())
        except (OSError, TypeError):
            return None
    return out


def _digest(terminals: list[tuple[str, str, int]], extra: str, sources: list[bytes]) -> str:
    h = hashlib.sha256(f"{FORMAT}\0{sys.version}\0{installed('lark')}\0{extra}\0".encode())
    for source in sources:
        h.update(hashlib.sha256(source).digest())
    for name, regexp, flags in terminals:
        h.update(f"{name}\0{regexp}\0{flags}\n".encode("utf-8", "surrogatepass"))
    return h.hexdigest()[:24]


def store_for(terminals: list[tuple[str, str, int]], extra: str = "",
              modules: tuple[ModuleType, ...] = ()) -> BucketStore:
    """The store for a lexer over ``terminals`` ((name, regex, flags) in lark's order), saved at exit;
    one that only lives in memory when ``CROSSCHECK_LEXER_CACHE=0`` (or the lexer's source cannot be
    read to name the file); ``modules``: the lexer's own, whose code the table's name digests."""
    sources = _sources(modules)
    if os.environ.get("CROSSCHECK_LEXER_CACHE", "1") == "0" or sources is None:
        return BucketStore(None)
    store = BucketStore(cache_dir() / f"lexer-{_digest(terminals, extra, sources)}.json")
    atexit.register(store.save)
    return store
