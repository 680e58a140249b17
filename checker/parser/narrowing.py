"""A regex narrowed to the character its match starts with (checker/parser/lexer.py's buckets).

``narrow(regexp, flags, char)`` gives an equivalent regex for matches that start at a ``char``: in
the alternations tried at the match's first position, the alternatives that cannot start with
``char`` are dropped (order kept), and so is an optional item there that cannot start with it.  An
alternative that cannot match is never chosen, so the first match found is the same.  The tree
``re``'s parser builds is written back as regex text; a regex whose text does not parse back to the
very same tree is returned unchanged.
"""

from __future__ import annotations

import functools
import re

from .firstchar import _REPEATS, _ZERO_WIDTH, _c, _char, _class, _p, _starts, _Unknown

__all__ = ["narrow"]

_AT = {
    _c.AT_BEGINNING: "^", _c.AT_BEGINNING_STRING: r"\A", _c.AT_BOUNDARY: r"\b",
    _c.AT_NON_BOUNDARY: r"\B", _c.AT_END: "$", _c.AT_END_STRING: r"\Z",
}
_FLAGS = ((re.IGNORECASE, "i"), (re.MULTILINE, "m"), (re.DOTALL, "s"), (re.VERBOSE, "x"),
          (re.ASCII, "a"), (re.LOCALE, "L"), (re.UNICODE, "u"))


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
