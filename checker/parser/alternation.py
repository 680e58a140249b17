"""Bucket regexes for checker/parser/lexer.py: lark's own kind of alternation, and a chain of them.

``alternation(named, flags, tail)`` builds ``(?P<NAME>regex)|...`` in the order given, as lark's
scanner does, split in a chain of parts where ``re`` refuses that many groups; ``Chain`` tries its
parts in turn, which finds what the one alternation would; ``WordBucket`` is a word's bucket made of
two alternations; ``lark_terminals`` reads the terminals (and callbacks) lark's scanner would try.
"""

from __future__ import annotations

import re

__all__ = ["PARTS", "Chain", "NoMatch", "WordBucket", "alternation", "lark_terminals"]

PARTS = "\0"  # between the parts of a chained bucket's regex, as stored


class Chain:
    """Several compiled alternations tried in turn, as lark does when ``re`` refuses one big one.

    Trying ``A|B`` then ``C`` finds what ``A|B|C`` finds: an alternation's match is its first
    alternative that matches (the tail after it always matches, possibly empty), not the longest."""

    def __init__(self, parts: list) -> None:
        self.parts = parts
        self.pattern = PARTS.join(p.pattern for p in parts) if all(PARTS not in p.pattern for p in parts) else None

        self.match = _first_of(tuple(part.match for part in parts))


def _first_of(matchers: tuple):
    """``match(text, pos)``: the first of ``matchers``' matches (a match object is never false)."""
    if len(matchers) == 2:
        one, two = matchers
        return lambda text, pos: one(text, pos) or two(text, pos)
    if len(matchers) == 3:
        one, two, three = matchers
        return lambda text, pos: one(text, pos) or two(text, pos) or three(text, pos)

    def match(text: str, pos: int):
        for part in matchers:
            m = part(text, pos)
            if m is not None:
                return m
        return None

    return match


def alternation(named: list[tuple[str, str]], flags: int, tail: str = "", re_module=re):
    """lark's own construction, ``(?P<NAME>regex)|...`` in lark's order, with ``tail`` after it, compiled
    by ``re_module``; split in halves without the tail if ``re`` refuses that many groups (as
    lark.lexer.Scanner does)."""
    body = "|".join(f"(?P<{name}>{regexp})" for name, regexp in named)
    try:
        return re_module.compile(f"(?:{body}){tail}" if tail else body, flags)
    except AssertionError:
        if len(named) < 2:
            raise
    half = len(named) // 2
    parts = [alternation(named[:half], flags, "", re_module), alternation(named[half:], flags, "", re_module)]
    return Chain([q for part in parts for q in (part.parts if isinstance(part, Chain) else [part])])


class NoMatch:
    """The bucket of a character no terminal can start with."""

    pattern = ""

    @staticmethod
    def match(text: str, pos: int) -> None:
        return None


class WordBucket:
    """A word's bucket as two alternations: ``own``, the members only some words can start, and
    ``common``, those any word can (compiled once per letter).  ``match`` finds what the one
    alternation of all of them in lark's order would: ``own``'s match, unless a common member
    before it in that order (``before``, by the name ``own`` matched) matches too."""

    __slots__ = ("before", "common", "own")
    pattern = None  # not one regex

    def __init__(self, own, common, before: dict) -> None:
        self.own, self.common, self.before = own, common, before

    def match(self, text: str, pos: int):
        m = self.own.match(text, pos)
        if m is None:
            return self.common.match(text, pos) if self.common is not None else None
        first = self.before[m.lastgroup]
        return (first is not None and first.match(text, pos)) or m


def lark_terminals(basic_lexer) -> tuple[list, dict]:
    """The terminals lark's scanner tries, in its order, and the callbacks it runs on a token (string
    terminals a regex terminal also matches are folded into it, the token renamed afterwards), by
    lark's own ``_create_unless``; with user callbacks, or another lark, lark builds its scanner and
    we read it.  Terminals folded already (``basic_lexer.folded``) are taken as they are."""
    if getattr(basic_lexer, "folded", False):
        return list(basic_lexer.terminals), {}
    try:
        from lark.lexer import _create_unless
    except ImportError:  # pragma: no cover - another lark version
        return list(basic_lexer.scanner.terminals), dict(basic_lexer.callback)
    if basic_lexer.user_callbacks:
        return list(basic_lexer.scanner.terminals), dict(basic_lexer.callback)
    terminals, callback = _create_unless(
        basic_lexer.terminals, basic_lexer.g_regex_flags, basic_lexer.re, basic_lexer.use_bytes)
    return list(terminals), callback
