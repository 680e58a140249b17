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


#: the ASCII characters: a line's first character, when one of these, picks the patterns tried on it
_ASCII = tuple(map(chr, range(128)))
_ANY = (frozenset(_ASCII), True)  # (ASCII first characters, whether others too): any character at all
_CATEGORIES = {  # the ASCII characters of each category (str patterns, Unicode matching)
    "CATEGORY_DIGIT": frozenset(c for c in _ASCII if c.isdecimal()),
    "CATEGORY_SPACE": frozenset(c for c in _ASCII if c.isspace()),
    "CATEGORY_WORD": frozenset(c for c in _ASCII if c.isalnum() or c == "_"),
}


def first_chars(pattern: re.Pattern) -> tuple[frozenset[str], bool] | None:
    """(the ASCII characters a match of ``pattern`` may start with, whether it may start with a
    character other than ASCII), or None when not known (then every line is tried).  Assertions
    are read as matching anything, and case-insensitive classes as taking any other character: a
    set too large costs a call, one too small would lose furniture."""
    return _first_chars(pattern, _parse(pattern))


def _first_chars(pattern: re.Pattern, parsed) -> tuple[frozenset[str], bool] | None:
    if parsed is None or pattern.flags & (re.ASCII | re.LOCALE):
        return None
    try:
        chars, other, _ = _first_of(list(parsed), bool(parsed.state.flags & re.IGNORECASE))
    except _Unknown:
        return None
    return frozenset(chars), other


class _Unknown(Exception):
    """A part of a pattern :func:`first_chars` does not read."""


def _first_of(items: list, fold: bool) -> tuple[set[str], bool, bool]:
    """(ASCII first characters, others too, whether the sequence may match nothing) of ``items``."""
    chars: set[str] = set()
    other = False
    for item in items:
        more, more_other, empty = _first_item(item, fold)
        chars |= more
        other = other or more_other
        if not empty:
            return chars, other, False
    return chars, other, True


def _first_item(item, fold: bool) -> tuple[set[str], bool, bool]:
    op, av = item
    name = str(op)
    if name in _ZERO_WIDTH:
        return set(), False, True
    if name == "LITERAL":
        c = chr(av)
        if not c.isascii():  # under IGNORECASE, "\u017f" stands for "s" too, the Kelvin sign for "k"
            folds = fold and (c in _TRICKY or c.lower().isascii())
            return (set(_CATEGORIES["CATEGORY_WORD"]) if folds else set()), True, False
        if fold and c.isalpha():  # "i", "k", "s" match a non-ASCII letter too (_TRICKY, the Kelvin sign)
            return {c.lower(), c.upper()}, c.lower() in "iks", False
        return {c}, False, False
    if name in ("ANY", "NOT_LITERAL"):
        return set(_ANY[0]), True, False
    if name == "IN":
        return _first_in(av, fold)
    if name == "SUBPATTERN":
        _, add, remove, body = av
        if add & (re.ASCII | re.LOCALE):  # classes that read other characters as spaces or letters
            raise _Unknown(name)
        return _first_of(list(body), (fold or bool(add & re.IGNORECASE)) and not remove & re.IGNORECASE)
    if name == "ATOMIC_GROUP":
        return _first_of(list(av), fold)
    if name == "BRANCH":
        chars: set[str] = set()
        other = empty = False
        for branch in av[1]:
            more, more_other, more_empty = _first_of(list(branch), fold)
            chars |= more
            other, empty = other or more_other, empty or more_empty
        return chars, other, empty
    if name in _REPEATS:
        chars, other, empty = _first_of(list(av[2]), fold)
        return chars, other, empty or av[0] == 0
    raise _Unknown(name)


def _first_in(items, fold: bool) -> tuple[set[str], bool, bool]:
    """A character class's ASCII characters (with their other case under IGNORECASE); it is taken
    to hold other characters too unless it lists ASCII characters only, case-sensitively.  Under
    IGNORECASE a class listing a character other than ASCII is taken to hold every character (the
    Kelvin sign stands for "k" too)."""
    chars: set[str] = set()
    other = fold
    negated = False
    for op, av in items:
        name = str(op)
        if name == "NEGATE":
            negated = True
        elif name in ("LITERAL", "RANGE"):
            low, high = (av, av) if name == "LITERAL" else av
            if high >= 128:
                if fold:
                    return set(_ANY[0]), True, False
                other = True
            chars.update(_ASCII[low:high + 1])
        elif str(av) in _CATEGORIES:
            chars |= _CATEGORIES[str(av)]
            other = True
        else:  # a negated category ("\S"), or one not known
            return set(_ANY[0]), True, False
    if negated:
        return (set(_ANY[0]) if fold else set(_ASCII) - chars), True, False
    if fold:
        chars |= {c.swapcase() for c in chars}
    return chars, other, False


class LineFilter:
    """Which of some patterns may ``fullmatch`` a line: the patterns a few literal strings gate
    (:func:`required`) only on a line holding one of their strings, those whose first characters
    are known (:func:`first_chars`) only on a line starting with one of them, the others (``rest``)
    only when their alternation (``joined``, built by the caller; None when there are none) does."""

    __slots__ = ("patterns", "joined", "rest", "gated", "by_first", "other_first")

    def __init__(self, patterns: list[re.Pattern], join) -> None:
        self.patterns = tuple(patterns)
        gated, indexed, rest = [], [], []
        for n, pattern in enumerate(patterns):
            parsed = _parse(pattern)
            found = _gate(pattern, parsed)
            if found is not None:
                gated.append((*found, n))
                continue
            first = _first_chars(pattern, parsed)
            if first is None:
                rest.append(n)
            else:
                indexed.append((*first, n))
        self.joined: re.Pattern | None = join([patterns[n] for n in rest]) if rest else None
        self.rest = tuple(rest)
        self.gated: tuple[tuple[tuple[str, ...], bool, int], ...] = tuple(gated)
        #: a line's first character (ASCII) -> the positions of the indexed patterns that may match
        #: it; "" (an empty line) -> every one; ``other_first``: those that may start with another
        self.by_first = {c: tuple(n for chars, _, n in indexed if c in chars) for c in _ASCII}
        self.by_first[""] = tuple(n for _, _, n in indexed)
        self.other_first = tuple(n for _, other, n in indexed if other)

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
        found = self.by_first.get(key[:1], self.other_first)
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
