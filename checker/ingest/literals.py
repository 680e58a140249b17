"""Literal text a regular expression's every match must hold, to test lines with it cheaply.

Furniture patterns that begin with ``.*`` or ``.{1,300}`` (a credit or caption found anywhere in a
line) make ``fullmatch`` try every position of every line.  Most such patterns have a literal core
("all rights reserved", "is pictured", "(AP)"): a line holding none of the core's strings cannot
match, and a search for them costs far less.  :func:`gate` finds such strings by walking the parsed
pattern; it may find nothing (then the pattern is always tried), never a wrong answer: it only
reads literals, groups and alternatives, and treats anything else as unknown text.
"""

from __future__ import annotations

import re

from checker.firstchar import first_chars as _first_chars_of

try:  # the parser re compiles with (private, so any surprise means "no gate")
    from re import _constants as _c
    from re import _parser as _p
except ImportError:  # pragma: no cover - older Pythons
    _c = _p = None

__all__ = ["LineFilter", "required", "scans"]

_MAX_SET = 64
_MAX_STRINGS = 8  # a pattern needing more strings is cheaper to try than to gate
_MIN_CHARS = 3
_PROSE_MARKS = frozenset(".,;:!?'\"-\u2018\u2019\u201c\u201d\u2013\u2014")  # strings a literal set may grow to before it is cut
_ZERO_WIDTH = {"AT", "ASSERT", "ASSERT_NOT"}
_REPEATS = {"MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"}


def _parse(pattern: re.Pattern):
    if _p is None or not isinstance(pattern.pattern, str):
        return None
    try:
        return _p.parse(pattern.pattern, pattern.flags)
    except Exception:  # noqa: BLE001 - a parser we do not know: no gate
        return None


def required(pattern: re.Pattern) -> frozenset[str] | None:
    """Strings of which every match of ``pattern`` holds at least one (compared as ``pattern``
    compares them, so under its flags), or None when none are known."""
    parsed = _parse(pattern)
    return None if parsed is None else _required(parsed)


def _required(parsed) -> frozenset[str] | None:
    found = _sequence(list(parsed))[1]
    return frozenset(found) if found and all(found) else None


def _fixed(item) -> set[str] | None:
    """The finite set of texts ``item`` matches, when it only matches fixed literal text."""
    op, av = item
    name = str(op)
    if name == "LITERAL":
        return {chr(av)}
    if name in _ZERO_WIDTH:
        return {""}
    if name == "SUBPATTERN" and not av[1] and not av[2]:
        return _sequence(list(av[3]))[0]
    if name == "ATOMIC_GROUP":
        return _sequence(list(av))[0]
    if name == "BRANCH":
        out: set[str] = set()
        for branch in av[1]:
            texts = _sequence(list(branch))[0]
            if texts is None:
                return None
            out |= texts
        return out if len(out) <= _MAX_SET else None
    return None


def _inner_required(item) -> set[str] | None:
    """Strings one of which every match of a non-fixed ``item`` holds, or None."""
    op, av = item
    name = str(op)
    if name == "SUBPATTERN" and not av[1] and not av[2]:
        return _sequence(list(av[3]))[1]
    if name == "ATOMIC_GROUP":
        return _sequence(list(av))[1]
    if name in _REPEATS and av[0] >= 1:
        body = list(av[2])
        return _sequence(body)[1]
    if name == "BRANCH":
        out: set[str] = set()
        for branch in av[1]:
            found = _sequence(list(branch))[1]
            if not found or not all(found):
                return None
            out |= found
        return out
    return None


def _good(strings: set[str]) -> bool:
    """Whether ``strings`` are rare enough in text to gate a pattern: none shorter than _MIN_CHARS
    but single marks other than prose punctuation ("(", "/", "©")."""
    return all(len(s) >= _MIN_CHARS or (len(s) == 1 and not s.isalnum() and not s.isspace()
                                        and s not in _PROSE_MARKS) for s in strings)


def _best(candidates: list[set[str]]) -> set[str] | None:
    """The candidate that gates best: good and fewest strings, else the longest strings."""
    good = [c for c in candidates if c and all(c)]
    if not good:
        return None
    return max(good, key=lambda c: (1, -len(c), min(map(len, c))) if _good(c) else (0, min(map(len, c)), -len(c)))


def _sequence(items: list) -> tuple[set[str] | None, set[str] | None]:
    """(the fixed texts the sequence matches, or None when not fixed; the strings one of which
    its every match holds, or None)."""
    run: set[str] = {""}
    candidates: list[set[str]] = []
    fixed = True
    for item in items:
        texts = _fixed(item)
        if texts is not None and len(run) * len(texts) <= _MAX_SET:
            run = {a + b for a in run for b in texts}
            continue
        fixed = False
        candidates.append(run)
        if texts is not None:  # fixed, but too many to join to the run: a run of its own
            run = texts
            continue
        run = {""}
        inner = _inner_required(item)
        if inner is not None:
            candidates.append(inner)
    candidates.append(run)
    return (run if fixed else None), _best(candidates)


def scans(pattern: re.Pattern) -> bool:
    """Whether some alternative of ``pattern`` starts with a repeat of any character (``.*``,
    ``.{1,300}``, ``[^.]{0,80}``) or of a group: ``fullmatch`` then tries many positions of a line."""
    parsed = _parse(pattern)
    return parsed is not None and _starts_with_scan(list(parsed))


def _starts_with_scan(items: list) -> bool:
    for op, av in items:
        name = str(op)
        if name in _ZERO_WIDTH:
            continue
        if name == "BRANCH":
            return any(_starts_with_scan(list(b)) for b in av[1])
        if name == "SUBPATTERN":
            return _starts_with_scan(list(av[3]))
        if name in _REPEATS:
            body = list(av[2])
            broad = len(body) != 1 or str(body[0][0]) in ("ANY", "NOT_LITERAL", "SUBPATTERN", "BRANCH") \
                or (str(body[0][0]) == "IN" and any(str(o) == "NEGATE" for o, _ in body[0][1]))
            return av[1] > 1 and broad
        return False
    return False


#: the characters other than ASCII ones that ``re.IGNORECASE`` matches to an ASCII character but
#: ``str.lower`` does not lower to it (the Turkish dotted and dotless i, the long s)
_TRICKY = ("\u0130", "\u0131", "\u017f")


def _gate(pattern: re.Pattern, parsed) -> tuple[tuple[str, ...], bool] | None:
    """(strings, whether they are compared lower-cased) when ``pattern`` (``parsed``: what
    :func:`_parse` made of it) scans and a few strings of ASCII (under IGNORECASE) that are rare
    enough (:func:`_good`) gate it; None otherwise."""
    if parsed is None or not _starts_with_scan(list(parsed)):
        return None
    strings = _required(parsed)
    if strings is None or len(strings) > _MAX_STRINGS or not _good(strings):
        return None
    if not pattern.flags & re.IGNORECASE:
        return tuple(sorted(strings)), False
    if not all(s.isascii() for s in strings):
        return None
    return tuple(sorted({s.lower() for s in strings})), True


def _first_chars(pattern: re.Pattern):
    """A test of the characters a match of ``pattern`` may start with (``re`` itself decides, case folding
    included), or None when not known (then the pattern goes in the alternation of the rest)."""
    try:
        return _first_chars_of(pattern.pattern, pattern.flags)
    except Exception:  # noqa: BLE001 - a parser we do not know: not indexed
        return None


_MAX_FIRSTS = 4096  # first characters whose patterns a filter remembers (a bound: any text can come)


class LineFilter:
    """Which of some patterns may ``fullmatch`` a line: the patterns a few literal strings gate
    (:func:`required`) only on a line holding one of their strings, those whose first characters
    are known (checker/firstchar.py) only on a line starting with one of them, the others (``rest``)
    only when their alternation (``joined``, built by the caller; None when there are none) does."""

    __slots__ = ("patterns", "joined", "rest", "gated", "indexed", "by_first")

    def __init__(self, patterns: list[re.Pattern], join) -> None:
        self.patterns = tuple(patterns)
        gated, indexed, rest = [], [], []
        for n, pattern in enumerate(patterns):
            parsed = _parse(pattern)
            found = _gate(pattern, parsed)
            if found is not None:
                gated.append((*found, n))
                continue
            first = _first_chars(pattern)
            if first is None:
                rest.append(n)
            else:
                indexed.append((first, n))
        self.joined: re.Pattern | None = join([patterns[n] for n in rest]) if rest else None
        self.rest = tuple(rest)
        self.gated: tuple[tuple[tuple[str, ...], bool, int], ...] = tuple(gated)
        #: (a test of the characters a match may start with, position) of each indexed pattern
        self.indexed: tuple = tuple(indexed)
        #: a line's first character -> the positions of the indexed patterns that may match it, filled
        #: as characters are met; "" (an empty line) -> every one
        self.by_first: dict[str, tuple[int, ...]] = {"": tuple(n for _, n in indexed)}

    def __eq__(self, other) -> bool:
        return isinstance(other, LineFilter) and self.patterns == other.patterns

    def __hash__(self) -> int:
        return hash(self.patterns)

    def maybe(self, key: str) -> bool:
        """False only when no pattern fullmatches ``key`` (a line: no "\\n" in it)."""
        return any(self.patterns[n].fullmatch(key) is not None for n in self.tried(key))

    def tried(self, key: str) -> tuple[int, ...]:
        """The positions in ``patterns``, in order, of the patterns that may fullmatch ``key`` (a
        line): every pattern that does is among them."""
        first = key[:1]
        found = self.by_first.get(first)
        if found is None:
            found = tuple(n for test, n in self.indexed if test.fullmatch(first))
            if len(self.by_first) < _MAX_FIRSTS:
                self.by_first[first] = found
        more: list[int] = []
        if self.joined is not None and self.joined.fullmatch(key) is not None:
            more += self.rest
        if self.gated:
            # for an ASCII string s, re.IGNORECASE finds s in key only where s.lower() is in key.lower(),
            # unless key holds a _TRICKY character (then the pattern is simply tried)
            tricky = not key.isascii() and (_TRICKY[0] in key or _TRICKY[1] in key or _TRICKY[2] in key)
            low = None if tricky else key.lower()
            for strings, folded, n in self.gated:
                text = low if folded else key
                if text is not None:
                    for s in strings:
                        if s in text:
                            break
                    else:
                        continue
                more.append(n)
        return tuple(sorted((*found, *more))) if more else found
