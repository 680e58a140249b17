"""What a regex's match can start with, and the same regex narrowed to one first character.

Both read the regex with ``re``'s own parser (the tree ``re.compile`` builds its program from), so
they see the pattern exactly as ``re`` does, flags and prefix factoring included.

- ``first_chars(regexp, flags)``: a compiled regex that fully matches every character a match can
  start with (and maybe more).  Zero-width items (``\\b``, look-arounds) are skipped, which can only
  widen the set; anything not analysed (``.``, back references, a pattern that can match empty) gives
  None, read as "any character".  Each one-character alternative keeps the case and ASCII flags in
  force where it was written, so ``re`` itself decides membership (case folding included).
- ``narrow(regexp, flags, char)``: an equivalent regex for matches that start at a ``char``: in the
  alternations that are tried at the match's first position, the alternatives that cannot start
  with ``char`` are dropped (order kept).  An alternative that cannot match is never chosen, so the
  first match found is the same.  The tree is written back as regex text, and a regex whose text does
  not parse back to the very same tree is returned unchanged.
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

__all__ = ["first_chars", "first_pairs", "narrow"]

_CATEGORY = {
    _c.CATEGORY_DIGIT: r"\d", _c.CATEGORY_NOT_DIGIT: r"\D", _c.CATEGORY_WORD: r"\w",
    _c.CATEGORY_NOT_WORD: r"\W", _c.CATEGORY_SPACE: r"\s", _c.CATEGORY_NOT_SPACE: r"\S",
}
_AT = {
    _c.AT_BEGINNING: "^", _c.AT_BEGINNING_STRING: r"\A", _c.AT_BOUNDARY: r"\b",
    _c.AT_NON_BOUNDARY: r"\B", _c.AT_END: "$", _c.AT_END_STRING: r"\Z",
}
_FLAGS = ((re.IGNORECASE, "i"), (re.MULTILINE, "m"), (re.DOTALL, "s"), (re.VERBOSE, "x"),
          (re.ASCII, "a"), (re.LOCALE, "L"), (re.UNICODE, "u"))
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


# ---------------------------------------------------------------------------- narrowing


def _flag_text(add: int, drop: int) -> str:
    on = "".join(letter for bit, letter in _FLAGS if add & bit)
    off = "".join(letter for bit, letter in _FLAGS if drop & bit)
    return on + (f"-{off}" if off else "")


def _write(items, names: dict) -> str:
    """A parsed sequence back to regex text."""
    return "".join(_write_item(op, av, names) for op, av in items)


def _write_item(op, av, names: dict) -> str:
    if op is _c.LITERAL:
        return _char(av)
    if op is _c.NOT_LITERAL:
        return f"[^{_char(av)}]"
    if op is _c.IN:
        return _class(av)
    if op is _c.ANY:
        return "."
    if op is _c.AT and av in _AT:
        return _AT[av]
    if op in (_c.ASSERT, _c.ASSERT_NOT):
        direction, sub = av
        kind = "=" if op is _c.ASSERT else "!"
        return f"(?{'<' if direction < 0 else ''}{kind}{_write(sub, names)})"
    if op is _c.SUBPATTERN:
        group, add, drop, sub = av
        if group is None:
            return f"(?{_flag_text(add, drop)}:{_write(sub, names)})"
        if add or drop:
            raise _Unknown("flags on a capturing group")
        return f"(?P<{names[group]}>{_write(sub, names)})" if group in names else f"({_write(sub, names)})"
    if op is _c.BRANCH:
        return "(?:" + "|".join(_write(alt, names) for alt in av[1]) + ")"
    if op in _REPEATS:
        low, high, sub = av
        top = "" if high is _c.MAXREPEAT else str(high)
        return f"(?:{_write(sub, names)}){{{low},{top}}}{_REPEATS[op]}"
    if op is getattr(_c, "ATOMIC_GROUP", None):
        return f"(?>{_write(av, names)})"
    raise _Unknown(op)


@functools.lru_cache(maxsize=1024)
def _tree(regexp: str, flags: int):
    """(parsed items, flags, group names) when the tree writes back to itself, else None."""
    try:
        parsed = _p.parse(regexp, flags)
        if parsed.state.flags != _p.parse("", flags).state.flags:
            return None  # inline global flags: keep the regex as it is
        names = {number: name for name, number in parsed.state.groupdict.items()}
        again = _p.parse(_write(parsed, names), flags)
    except (_Unknown, re.error, KeyError):
        return None
    if repr(again) != repr(parsed) or again.state.groupdict != parsed.state.groupdict:
        return None
    return list(parsed), parsed.state.flags, names


def _captures(items) -> bool:
    """Whether ``items`` hold a capturing group (which must stay, to keep group numbers)."""
    for op, av in items:
        if op is _c.SUBPATTERN and av[0] is not None:
            return True
        subs = av[1] if op is _c.BRANCH else [av[-1]] if op in (_c.SUBPATTERN, _c.ASSERT, _c.ASSERT_NOT) or op in _REPEATS else []
        if any(_captures(sub) for sub in subs):
            return True
    return False


_STARTS: dict = {}  # (id(subpattern), flags) -> (the subpattern, kept alive so its id stays its own, regex)


def _cannot_start(items, flags: int, char: str) -> bool:
    """Whether no match of ``items`` can start with ``char`` (its first-character regex is kept)."""
    key = (id(items), flags)
    entry = _STARTS.get(key)
    if entry is None or entry[0] is not items:
        entry = _STARTS[key] = (items, _starts(items, flags))
    first = entry[1]
    return first is not None and not first.fullmatch(char)


def _narrow_items(items, flags: int, char: str) -> list:
    """``items`` with what cannot start at ``char`` dropped, where it is tried at the first position:
    the first item, and the item after each zero-width one or after an optional one that is dropped
    (it can only match empty there)."""
    out = []
    for k, (op, av) in enumerate(items):
        if op is _c.BRANCH:
            kept = [_p.SubPattern(alt.state, _narrow_items(alt, flags, char))
                    for alt in av[1] if not _cannot_start(alt, flags, char)]
            out.append((op, (av[0], kept)) if kept else (op, av))
        elif op is _c.SUBPATTERN:
            group, add, drop, sub = av
            inner = _narrow_items(sub, (flags | add) & ~drop, char)
            out.append((op, (group, add, drop, _p.SubPattern(sub.state, inner))))
        elif op in _REPEATS and av[0] == 0 and _cannot_start(av[2], flags, char) and not _captures(av[2]):
            continue  # matches empty here: drop it, and the next item is at the first position
        else:
            out.append((op, av))
        if op not in _ZERO_WIDTH:
            return out + list(items[k + 1:])
    return out


@functools.lru_cache(maxsize=8192)
def narrow(regexp: str, flags: int, char: str) -> str:
    """``regexp`` for matches that start at ``char``: the same first match, fewer alternatives tried."""
    tree = _tree(regexp, flags)
    if tree is None:
        return regexp
    items, tree_flags, names = tree
    return _write(_narrow_items(items, tree_flags, char), names)
