"""What a regex's match can start with when the text starts with a word (checker/parser/lexer.py).

At a position where the text holds a run of ASCII letters (a *word*: the longest run of
``[^\\W\\d_]``, all of it ASCII) most of the grammar's terminals cannot match: "company" can start
neither "more than" nor "per cent".  ``first_words(regexp, flags)`` reads a regex with ``re``'s own
parser (as checker/firstchar.py does) and answers with the letters a match starting at a word
can begin with:

- ``None``: any word (a class of many letters, ``.``, anything not analysed);
- else a list of ``(letters, whole, folded)``: a match begins with ``letters`` (lower case when
  ``folded``: then compare the word's lower case), and when ``whole`` a non-letter follows them in
  the match, so the word is exactly ``letters``; otherwise the word starts with them.

The answer is a superset, like firstchar's: zero-width items are skipped (a ``\\b`` after a letter
says a non-letter follows), and where the analysis stops early it keeps the letters found so far,
which every longer word that starts with them also fits.  ``fits(found, word)`` applies an answer.
"""

from __future__ import annotations

import re
import string

from checker.firstchar import _REPEATS, _ZERO_WIDTH, _c, _class, _p, _scoped, _Unknown

__all__ = ["WordIndex", "first_words", "fits"]

_LETTER = re.compile(r"[^\W\d_]")  # what the lexer's word run is made of
_ASCII_LETTERS = string.ascii_letters
_LONGEST = 24  # letters followed this far; a longer start keeps its first ``_LONGEST`` (a superset)
_MOST = 4096  # starts worked out per regex before giving up (read: any word)


class _Any(Exception):
    """The regex can start with any word (or it is not worked out)."""


class _Found:
    """The starts found for one regex: ``(letters, whole, folded)``."""

    def __init__(self) -> None:
        self.starts: set = set()

    def add(self, letters: str, folded: bool, whole: bool) -> None:
        if not letters:
            if whole:
                return  # a non-letter first: no match can start at a word
            raise _Any
        self.starts.add((letters.lower() if folded else letters, whole, folded))
        if len(self.starts) > _MOST:
            raise _Any


def _letters_of(op, av, flags: int) -> tuple[list[str], bool]:
    """(the ASCII letters one character item can match, whether it can match a non-letter)."""
    if op is _c.LITERAL:
        ch = chr(av)
        if ch in _ASCII_LETTERS:
            return ([ch.lower(), ch.upper()] if flags & re.IGNORECASE else [ch]), False
        if ch.isascii():
            return [], True
        if _LETTER.match(ch):
            if flags & re.IGNORECASE:
                raise _Unknown("a letter that may fold to ASCII")
            return [], False  # cannot match an ASCII letter, nor the non-letter after a word
        return [], True
    if op is _c.IN:
        test = re.compile(_scoped(_class(av), flags))
        letters = [ch for ch in _ASCII_LETTERS if test.fullmatch(ch)]
        only_letters = all(o in (_c.LITERAL, _c.RANGE) for o, _ in av) and all(
            all(chr(x) in _ASCII_LETTERS for x in ([a] if o is _c.LITERAL else range(a[0], a[1] + 1)))
            for o, a in av)
        return letters, not only_letters
    raise _Unknown(op)


class _Walk:
    """Follows a parsed regex from its start, one letter at a time (continuation-passing, like
    firstchar's ``_seqs``): ``then(letters, folded)`` goes on after an item."""

    def __init__(self, found: _Found) -> None:
        self.found = found

    def seq(self, items, flags: int, letters: str, folded: bool, then) -> None:
        if len(letters) >= _LONGEST:
            self.found.add(letters, folded, False)
            return
        if not items:
            then(letters, folded)
            return
        (op, av), rest = items[0], items[1:]

        def after(got: str, fold: bool) -> None:
            self.seq(rest, flags, got, fold, then)

        self.item(op, av, flags, letters, folded, after)

    def item(self, op, av, flags: int, letters: str, folded: bool, then) -> None:
        if op in (_c.LITERAL, _c.IN):
            self.char(op, av, flags, letters, folded, then)
        elif op is _c.AT and av is _c.AT_BOUNDARY and letters:
            self.found.add(letters, folded, True)  # after a letter, \b: a non-letter follows
        elif op in _ZERO_WIDTH:
            then(letters, folded)
        elif op is _c.SUBPATTERN:
            _group, add, drop, sub = av
            self.seq(sub, (flags | add) & ~drop, letters, folded, then)
        elif op is _c.BRANCH:
            for alt in av[1]:
                self.seq(alt, flags, letters, folded, then)
        elif op in _REPEATS:
            self.repeat(av[2], flags, av[0], av[1], letters, folded, then)
        elif op is getattr(_c, "ATOMIC_GROUP", None):
            self.seq(av, flags, letters, folded, then)
        else:
            self.found.add(letters, folded, False)  # not analysed: any continuation

    def char(self, op, av, flags: int, letters: str, folded: bool, then) -> None:
        try:
            options, other = _letters_of(op, av, flags)
        except _Unknown:
            self.found.add(letters, folded, False)
            return
        if other:
            self.found.add(letters, folded, True)
        lower = {ch.lower() for ch in options}
        if len(lower) > 1:
            self.found.add(letters, folded, False)  # one of several letters: keep what is known
        elif lower:
            both = len(options) > 1  # a letter in either case
            then(letters + (options[0].lower() if both else options[0]), folded or both)

    def repeat(self, sub, flags: int, low: int, high, letters: str, folded: bool, then) -> None:
        if low == 0:
            then(letters, folded)
        if high == 0:
            return

        def again(got: str, fold: bool) -> None:
            if got == letters:
                self.found.add(got, fold, False)  # the body matched no letter: give up here
                return
            top = high if high is _c.MAXREPEAT else high - 1
            self.repeat(sub, flags, max(low - 1, 0), top, got, fold, then)

        self.seq(sub, flags, letters, folded, again)


def first_words(regexp: str, flags: int = 0) -> list[tuple[str, bool, bool]] | None:
    """The starts a match of ``regexp`` at a word can have (see the module's docstring), or None
    for any word."""
    parsed = _p.parse(regexp, flags)
    found = _Found()
    walk = _Walk(found)
    try:
        walk.seq(list(parsed), parsed.state.flags, "", False, lambda got, fold: found.add(got, fold, False))
    except (_Any, RecursionError):
        return None
    return sorted(found.starts)


def fits(found: list[tuple[str, bool, bool]] | None, word: str) -> bool:
    """Whether a match with these starts can begin at ``word`` (a whole run of ASCII letters)."""
    if found is None:
        return True
    lower = word.lower()
    for letters, whole, folded in found:
        w = lower if folded else word
        if w == letters if whole else w.startswith(letters):
            return True
    return False


class WordIndex:
    """Which terminals can match at a word, from each terminal's ``first_words``: ``names(word)``
    is a superset of those that can (a handful for most words, where a letter's bucket has dozens)."""

    def __init__(self, found: dict[str, list | None]) -> None:
        self.any = frozenset(name for name, starts in found.items() if starts is None)
        # (whole, folded) -> letters -> names
        self._by: dict[tuple[bool, bool], dict[str, set]] = {(w, f): {} for w in (True, False) for f in (True, False)}
        for name, starts in found.items():
            for letters, whole, folded in starts or ():
                self._by[(whole, folded)].setdefault(letters, set()).add(name)

    def names(self, word: str) -> set:
        out = set(self.any)
        lower = word.lower()
        for folded, w in ((False, word), (True, lower)):
            out.update(self._by[(True, folded)].get(w, ()))
            prefixes = self._by[(False, folded)]
            for k in range(1, len(w) + 1):
                out.update(prefixes.get(w[:k], ()))
        return out
