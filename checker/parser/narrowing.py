"""A regex narrowed to the character its match starts with (checker/parser/lexer.py's buckets).

``narrow(regexp, flags, char)`` gives an equivalent regex for matches that start at a ``char``: in
the alternations tried at the match's first position, the alternatives that cannot start with
``char`` are dropped (order kept), and so is an optional item there that cannot start with it; a
negative look-ahead there keeps only the alternatives that can start with ``char`` (none left: it
always holds, and goes).  An alternative that cannot match is never chosen, so the first match
found is the same.  The tree
``re``'s parser builds is written back as regex text; a regex whose text does not parse back to the
very same tree is returned unchanged.
"""

from __future__ import annotations

import functools
import re

from checker.firstchar import _REPEATS, _ZERO_WIDTH, _c, _char, _class, _p, _starts, _Unknown

__all__ = ["narrow"]

_AT = {
    _c.AT_BEGINNING: "^", _c.AT_BEGINNING_STRING: r"\A", _c.AT_BOUNDARY: r"\b",
    _c.AT_NON_BOUNDARY: r"\B", _c.AT_END: "$", _c.AT_END_STRING: r"\Z",
}
_FLAGS = ((re.IGNORECASE, "i"), (re.MULTILINE, "m"), (re.DOTALL, "s"), (re.VERBOSE, "x"),
          (re.ASCII, "a"), (re.LOCALE, "L"), (re.UNICODE, "u"))


_ATOMS = {_c.LITERAL, _c.NOT_LITERAL, _c.IN, _c.ANY}  # one character: repeated without a group around it
_SHORT = {(0, 1): "?", (0, None): "*", (1, None): "+"}


def _count(low: int, high) -> str:
    """A repeat's count as ``re`` reads it: ``?``, ``*``, ``+``, ``{n}`` or ``{low,high}``."""
    top = None if high is _c.MAXREPEAT else high
    if (low, top) in _SHORT:
        return _SHORT[(low, top)]
    if low == top:
        return f"{{{low}}}"
    return f"{{{low},{'' if top is None else top}}}"


def _class_text(items) -> str:
    """A parsed character class: ``\\d`` for a class of one category, else ``[...]``."""
    if len(items) == 1 and items[0][0] is _c.CATEGORY:
        return _class(items)[1:-1]
    return _class(items)


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
        return _class_text(av)
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
        body = _write(sub, names)
        if not (len(sub) == 1 and sub[0][0] in _ATOMS):
            body = f"(?:{body})"
        return body + _count(low, high) + _REPEATS[op]
    if op is getattr(_c, "ATOMIC_GROUP", None):
        return f"(?>{_write(av, names)})"
    raise _Unknown(op)


class _Parsed:
    """One regex as ``re``'s parser reads it, with what narrowing learns about its parts: ``first``
    maps each part asked about (by identity: the parts belong to this object and live as long as it)
    to its first-character regex."""

    __slots__ = ("first", "flags", "items", "names")

    def __init__(self, items: list, flags: int, names: dict):
        self.items, self.flags, self.names = items, flags, names
        self.first: dict = {}

    def cannot_start(self, items, flags: int, char: str) -> bool:
        """Whether no match of ``items`` (a part of this regex) can start with ``char``."""
        key = (id(items), flags)
        if key not in self.first:
            self.first[key] = _starts(items, flags)
        first = self.first[key]
        return first is not None and not first.fullmatch(char)


@functools.lru_cache(maxsize=1024)
def _tree(regexp: str, flags: int) -> _Parsed | None:
    """``regexp`` parsed, when its tree writes back to itself, else None."""
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
    return _Parsed(list(parsed), parsed.state.flags, names)


def _captures(items) -> bool:
    """Whether ``items`` hold a capturing group (which must stay, to keep group numbers)."""
    for op, av in items:
        if op is _c.SUBPATTERN and av[0] is not None:
            return True
        subs = av[1] if op is _c.BRANCH else [av[-1]] if op in (_c.SUBPATTERN, _c.ASSERT, _c.ASSERT_NOT) or op in _REPEATS else []
        if any(_captures(sub) for sub in subs):
            return True
    return False


def _narrow_items(tree: _Parsed, items, flags: int, char: str) -> tuple[list, bool]:
    """(``items`` with what cannot start at ``char`` dropped, whether anything was), where it is tried
    at the first position: the first item, and the item after each zero-width one or after an
    optional one that is dropped (it can only match empty there)."""
    out, changed = [], False
    for k, (op, av) in enumerate(items):
        if op is _c.BRANCH:
            kept = []
            for alt in av[1]:
                if tree.cannot_start(alt, flags, char):
                    continue
                inner, dropped = _narrow_items(tree, alt, flags, char)
                kept.append(_p.SubPattern(alt.state, inner))
                changed |= dropped
            changed |= 0 < len(kept) < len(av[1])
            out.append((op, (av[0], kept)) if kept else (op, av))
        elif op is _c.SUBPATTERN:
            group, add, drop, sub = av
            inner, dropped = _narrow_items(tree, sub, (flags | add) & ~drop, char)
            out.append((op, (group, add, drop, _p.SubPattern(sub.state, inner))))
            changed |= dropped
        elif op in _REPEATS and av[0] == 0 and tree.cannot_start(av[2], flags, char) and not _captures(av[2]):
            changed = True
            continue  # matches empty here: drop it, and the next item is at the first position
        elif op is _c.ASSERT_NOT and av[0] == 1 and not _captures(av[1]):  # a negative look-ahead
            if tree.cannot_start(av[1], flags, char):
                changed = True
                continue  # what it looks for cannot start here: it always holds
            inner, dropped = _narrow_items(tree, av[1], flags, char)
            out.append((op, (av[0], _p.SubPattern(av[1].state, inner))))
            changed |= dropped
        else:
            out.append((op, av))
        if op not in _ZERO_WIDTH:
            return out + list(items[k + 1:]), changed
    return out, changed


@functools.lru_cache(maxsize=8192)
def narrow(regexp: str, flags: int, char: str) -> str:
    """``regexp`` for matches that start at ``char``: the same first match, fewer alternatives tried
    (``regexp`` itself when nothing can be dropped)."""
    tree = _tree(regexp, flags)
    if tree is None:
        return regexp
    items, changed = _narrow_items(tree, tree.items, tree.flags, char)
    return _write(items, tree.names) if changed else regexp
