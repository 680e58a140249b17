"""What a regex's match can start with: its first character, or its first two (the lexer's buckets,
checker/parser/lexer.py, and the furniture line filter, checker/ingest/literals.py).

Both read the regex with ``re``'s own parser (the tree ``re.compile`` builds its program from), so
they see the pattern exactly as ``re`` does, flags and prefix factoring included, and both answer
with a superset: zero-width items (``\\b``, look-arounds) are skipped, and what is not analysed
(``.``, back references, a pattern that can match empty) reads as "any".

- ``first_chars(regexp, flags)``: a compiled regex that fully matches every character a match can
  start with.  Each one-character alternative keeps the case and ASCII flags in force where it was
  written, so ``re`` itself decides membership (case folding included).
- ``first_pairs(regexp, flags)``: the same for the first two characters (a match that may end after
  one character counts as "then anything").
"""

from __future__ import annotations

import functools
import re

try:  # Python 3.11+
    import re._constants as _c
    import re._parser as _p
except ImportError:  # pragma: no cover - Python 3.10
    import sre_constants as _c
    import sre_parse as _p

__all__ = ["char_class", "first_chars", "first_pairs"]

_CATEGORY = {
    _c.CATEGORY_DIGIT: r"\d", _c.CATEGORY_NOT_DIGIT: r"\D", _c.CATEGORY_WORD: r"\w",
    _c.CATEGORY_NOT_WORD: r"\W", _c.CATEGORY_SPACE: r"\s", _c.CATEGORY_NOT_SPACE: r"\S",
}
_ZERO_WIDTH = {_c.AT, _c.ASSERT, _c.ASSERT_NOT}
_REPEATS = {_c.MAX_REPEAT: "", _c.MIN_REPEAT: "?"}
if hasattr(_c, "POSSESSIVE_REPEAT"):  # Python 3.11+
    _REPEATS[_c.POSSESSIVE_REPEAT] = "+"


class _Unknown(Exception):
    """An item this module does not analyse."""


def _char(code: int) -> str:
    return re.escape(chr(code))


def _class(items) -> str:
    """A parsed character class (``IN``) back to its regex text."""
    parts = []
    for op, av in items:
        if op is _c.NEGATE:
            parts.insert(0, "^")
        elif op is _c.LITERAL:
            parts.append(_char(av))
        elif op is _c.RANGE:
            parts.append(f"{_char(av[0])}-{_char(av[1])}")
        elif op is _c.CATEGORY and av in _CATEGORY:
            parts.append(_CATEGORY[av])
        else:
            raise _Unknown(op)
    return "[" + "".join(parts) + "]"


def char_class(chars) -> str:
    """The regex class of ``chars`` (distinct characters), runs of consecutive ones written as ranges."""
    items, codes = [], sorted(map(ord, chars))
    while codes:
        low = high = codes.pop(0)
        while codes and codes[0] == high + 1:
            high = codes.pop(0)
        items.append((_c.LITERAL, low) if low == high else (_c.RANGE, (low, high)))
    return _class(items)


# ---------------------------------------------------------------------------- first characters


def _scoped(body: str, flags: int) -> str:
    """``body`` (one character's regex) under the case and ASCII flags in force where it was written."""
    if flags & re.LOCALE:
        raise _Unknown("locale flag")
    on = ("i" if flags & re.IGNORECASE else "") + ("a" if flags & re.ASCII else "")
    off = "" if flags & re.IGNORECASE else "-i"
    return f"(?{on}{off}:{body})"


def _item(op, av, flags: int) -> tuple[list[str], bool]:
    """(one-character regexes, nullable) for one parsed item."""
    if op is _c.LITERAL:
        return [_scoped(_char(av), flags)], False
    if op is _c.NOT_LITERAL:
        return [_scoped(f"[^{_char(av)}]", flags)], False
    if op is _c.IN:
        return [_scoped(_class(av), flags)], False
    if op in _ZERO_WIDTH:
        return [], True
    if op is _c.SUBPATTERN:
        _group, add, drop, sub = av
        return _sequence(sub, (flags | add) & ~drop)
    if op is _c.BRANCH:
        found = [_sequence(alt, flags) for alt in av[1]]
        return [a for atoms, _ in found for a in atoms], any(n for _, n in found)
    if op in _REPEATS:
        low, _high, sub = av
        atoms, nullable = _sequence(sub, flags)
        return atoms, nullable or low == 0
    if op is getattr(_c, "ATOMIC_GROUP", None):
        return _sequence(av, flags)
    raise _Unknown(op)


def _sequence(items, flags: int) -> tuple[list[str], bool]:
    """(one-character regexes, nullable) for items matched one after another."""
    atoms: list[str] = []
    for op, av in items:
        found, nullable = _item(op, av, flags)
        atoms += [a for a in found if a not in atoms]
        if not nullable:
            return atoms, False
    return atoms, True


@functools.lru_cache(maxsize=4096)
def _compiled(atoms: tuple[str, ...]):
    return re.compile("|".join(atoms))


def _starts(items, flags: int):
    """The compiled first-character regex of ``items``, or None for "any character"."""
    try:
        atoms, nullable = _sequence(items, flags)
    except _Unknown:
        return None
    if nullable or not atoms:
        return None
    return _compiled(tuple(atoms))


def first_chars(regexp: str, flags: int = 0):
    """A compiled regex that fully matches every character a match of ``regexp`` can start with
    (and maybe more), or None when that is not worked out (read: any character)."""
    parsed = _p.parse(regexp, flags)
    return _starts(parsed, parsed.state.flags)


# ---------------------------------------------------------------------------- first two characters


def _seqs(items, flags: int, k: int, after) -> set:
    """The strings of at most ``k`` one-character regexes that a match of ``items``, then whatever
    ``after(k)`` gives, can start with; a shorter one stands for "then anything" (a superset)."""
    if k == 0:
        return {()}
    if not items:
        return after(k)
    (op, av), rest = items[0], items[1:]

    def then(left: int) -> set:
        return _seqs(rest, flags, left, after)

    if op in (_c.LITERAL, _c.NOT_LITERAL, _c.IN):
        atom = _item(op, av, flags)[0][0]
        return {(atom, *tail) for tail in then(k - 1)}
    if op in _ZERO_WIDTH:
        return then(k)
    if op is _c.SUBPATTERN:
        _group, add, drop, sub = av
        return _seqs(sub, (flags | add) & ~drop, k, then)
    if op is _c.BRANCH:
        return set().union(*(_seqs(alt, flags, k, then) for alt in av[1]))
    if op in _REPEATS:
        return _repeat(av[2], flags, av[0], av[1], k, then)
    if op is getattr(_c, "ATOMIC_GROUP", None):
        return _seqs(av, flags, k, then)
    return {()}


def _repeat(sub, flags: int, low: int, high, k: int, then) -> set:
    """``_seqs`` of ``sub{low,high}`` followed by ``then``."""
    out = set(then(k)) if low == 0 else set()
    if high == 0:
        return out

    def again(left: int) -> set:
        if left == k:
            return {()}  # the body matched empty: give up on what follows
        return _repeat(sub, flags, max(low - 1, 0), high if high is _c.MAXREPEAT else high - 1, left, then)

    return out | _seqs(sub, flags, k, again)


def first_pairs(regexp: str, flags: int = 0):
    """A compiled regex that ``match``es the first two characters of any text a match of ``regexp``
    can start (and maybe more): a match that may end after one character, or whose second character
    is not worked out, counts as "then anything".  None when even the first is not worked out."""
    parsed = _p.parse(regexp, flags)
    try:
        seqs = _seqs(parsed, parsed.state.flags, 2, lambda left: {()})
    except _Unknown:
        return None
    if () in seqs:
        return None
    return re.compile("|".join(sorted("".join(s) for s in seqs)))
