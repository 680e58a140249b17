"""The dispatch lexer's buckets, kept on disk between runs (like lark's grammar cache).

Working out a bucket (which terminals can start with two characters, each regex narrowed to the
first one) and compiling its alternation costs about a millisecond, and an article of ordinary English
needs a hundred or more of them: in a short run that is a fifth of the time.  Both are pure functions
of the grammar, so they are kept in the user's cache folder:

- for each one- or two-character key the lexer has seen, the regex of its bucket (its alternation,
  as ``FastLexer`` builds it): keys of the characters news is written in (Latin scripts, general
  punctuation, currency signs), at most ``MAX_BUCKETS`` of them, so other scripts or random text
  (a property test's) cannot grow the file without bound;
- for each of those regexes, ``re``'s compiled program (the code list ``re._compiler`` hands to
  ``_sre.compile``), so a later run builds the pattern object without parsing the regex again.

The file is named by a digest of everything the table depends on: the terminals (names, regexes,
flags, in lark's order), the lexer's own code, lark's and Python's versions and ``_sre.MAGIC``.  A
file that does not load, or a program ``_sre`` refuses, is ignored (the regex is compiled the usual
way); a change of anything the digest covers is a new file.  Writes are atomic (a temporary file,
then a rename), made once at exit when something new was worked out, and a read-only cache folder
only costs speed.  ``CROSSCHECK_LEXER_CACHE=0`` turns it off.
"""

from __future__ import annotations

import atexit
import hashlib
import json
import os
import re
import sys
import tempfile
import time
from pathlib import Path

__all__ = ["BucketStore", "store_for"]

FORMAT = 2  # 2: each bucket regex stored once, keys point to it
STALE_DAYS = 30
MAX_BUCKETS = 4096  # English news needs ~500 (two-character keys); a bound, not a working size


def _kept(c: str) -> bool:
    """A character whose buckets are kept: Latin scripts, general punctuation, currency signs."""
    o = ord(c)
    return o < 0x250 or 0x2000 <= o < 0x2070 or 0x20A0 <= o < 0x20D0

try:  # the compiled-program half needs CPython's own regex engine internals (3.11's layout)
    import _sre
    from re import _compiler as _re_compiler
    from re import _parser as _re_parser
except ImportError:  # pragma: no cover - another implementation: regexes are compiled as usual
    _sre = _re_compiler = _re_parser = None


def cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "crosscheck"


def _program(pattern: str, flags: int) -> tuple[re.Pattern, list | None]:
    """``re.compile(pattern, flags)``, and the arguments ``_sre.compile`` took (None where this
    Python's internals differ, or the pattern is not a plain string)."""
    if _sre is None:
        return re.compile(pattern, flags), None
    try:
        parsed = _re_parser.parse(pattern, flags)
        code = _re_compiler._code(parsed, flags)
        groupindex = dict(parsed.state.groupdict)
        indexgroup = [None] * parsed.state.groups
        for name, i in groupindex.items():
            indexgroup[i] = name
        args = [flags | parsed.state.flags, list(code), parsed.state.groups - 1, groupindex, indexgroup]
        compiled = _sre.compile(pattern, args[0], args[1], args[2], args[3], tuple(args[4]))
    except Exception:  # noqa: BLE001 - any difference in the internals: the ordinary way
        return re.compile(pattern, flags), None
    return compiled, args


def _from_program(pattern: str, args: list) -> re.Pattern | None:
    try:
        flags, code, groups, groupindex, indexgroup = args
        return _sre.compile(pattern, flags, code, groups, groupindex, tuple(indexgroup))
    except Exception:  # noqa: BLE001 - a program this Python will not take: compile it again
        return None


class BucketStore:
    """Bucket regexes by key, and compiled programs by regex, loaded from and saved to ``path``."""

    def __init__(self, path: Path | None):
        self.path = path
        self.buckets: dict[str, str] = {}  # key -> bucket regex ("" for no terminal)
        self.programs: dict[str, list] = {}  # regex -> _sre.compile's arguments
        self._dirty = False
        if path is not None:
            self._load(path)

    def _load(self, path: Path) -> None:
        """Read the file: ``patterns`` (each bucket regex once), ``buckets`` (key -> index of its
        regex) and ``programs`` (index -> _sre.compile's arguments)."""
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if data.get("format") != FORMAT:
                return
            patterns, buckets, programs = data["patterns"], data["buckets"], data["programs"]
            kept = [(k, patterns[i]) for k, i in buckets.items()
                    if isinstance(k, str) and (k[:1] == "\0" or all(map(_kept, k)))]
            self.buckets = {k: v for k, v in kept[:MAX_BUCKETS] if isinstance(v, str)}
            self.programs = {patterns[int(i)]: v for i, v in programs.items() if isinstance(v, list) and len(v) == 5}
            self._dirty = len(self.buckets) < len(buckets)  # more than this version keeps: rewrite it
        except (OSError, ValueError, KeyError, TypeError, AttributeError, IndexError):
            self.buckets, self.programs = {}, {}

    def compile(self, pattern: str, flags: int) -> re.Pattern:
        """The compiled ``pattern``: from its stored program where there is one, else compiled (its
        program is saved with the buckets that use it)."""
        args = self.programs.get(pattern)
        if args is not None and _sre is not None:
            found = _from_program(pattern, args)
            if found is not None and found.flags == args[0]:
                return found
        compiled, args = _program(pattern, flags)
        if args is not None and self.path is not None:
            self.programs[pattern] = args
        return compiled

    def bucket(self, key: str) -> str | None:
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
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=".lexer-", suffix=".tmp")
            try:
                patterns = sorted(set(self.buckets.values()))
                index = {pattern: i for i, pattern in enumerate(patterns)}
                data = {"format": FORMAT, "patterns": patterns,
                        "buckets": {k: index[v] for k, v in self.buckets.items()},
                        "programs": {str(index[k]): v for k, v in self.programs.items() if k in index}}
                with os.fdopen(fd, "w", encoding="utf-8") as fh:
                    json.dump(data, fh, ensure_ascii=False, separators=(",", ":"))
                os.replace(tmp, self.path)
            except BaseException:
                Path(tmp).unlink(missing_ok=True)
                raise
            self._dirty = False
            self._prune()
        except OSError:
            pass

    def _prune(self) -> None:
        """Remove the tables of other grammars or versions not written for ``STALE_DAYS`` (what an
        upgrade leaves behind); one still in use is only worked out again."""
        now = time.time()
        for other in self.path.parent.glob("lexer-*.json"):
            try:
                if other != self.path and now - other.stat().st_mtime > STALE_DAYS * 86400:
                    other.unlink()
            except OSError:
                pass


def _digest(terminals: list[tuple[str, str, int]], extra: str) -> str:
    import lark

    h = hashlib.sha256(f"{FORMAT}\0{sys.version}\0{getattr(_sre, 'MAGIC', 0)}\0{lark.__version__}\0{extra}\0".encode())
    here = Path(__file__).resolve().parent
    for name in ("lexer.py", "narrowing.py", "firstchar.py", "lexstore.py"):
        try:
            h.update((here / name).read_bytes())
        except OSError:
            h.update(name.encode())
    for name, regexp, flags in terminals:
        h.update(f"{name}\0{regexp}\0{flags}\n".encode("utf-8", "surrogatepass"))
    return h.hexdigest()[:24]


def store_for(terminals: list[tuple[str, str, int]], extra: str = "") -> BucketStore:
    """The store for a lexer over ``terminals`` ((name, regex, flags) in lark's order), saved at exit;
    one that only lives in memory when ``CROSSCHECK_LEXER_CACHE=0``."""
    if os.environ.get("CROSSCHECK_LEXER_CACHE", "1") == "0":
        return BucketStore(None)
    store = BucketStore(cache_dir() / f"lexer-{_digest(terminals, extra)}.json")
    atexit.register(store.save)
    return store
