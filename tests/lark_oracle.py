"""The oracle for the scanner (grammar.longest, grammar.scan): lark's own interactive parser, fed token
by token.  Shared by tests/unit/test_lexer.py and tests/property/test_lexer_properties.py (tests/ is on
``sys.path`` through its conftest.py)."""

from __future__ import annotations

from lark.exceptions import UnexpectedInput

from checker.parser import grammar


def lark_longest(toks: list, i: int) -> tuple[int, object]:
    """The oracle for grammar.longest: lark's own interactive parser, fed token by token, asked at each
    step whether $END would be accepted there; (end, tree) of the longest accepted run."""
    ip = grammar.parser().parse_interactive(start=grammar.START)
    best, tree = i, None
    for j in range(i, len(toks)):
        try:
            ip.feed_token(toks[j])
        except UnexpectedInput:
            break
        try:
            tree = ip.copy().feed_eof(toks[j])
            best = j + 1
        except UnexpectedInput:
            pass
    return best, tree if best > i else None


def lark_scan(toks: list) -> list[tuple[int, int, object]]:
    """The oracle for grammar.scan: (first, last exclusive, tree) of each leftmost-longest run."""
    out, i = [], 0
    while i < len(toks):
        end, tree = lark_longest(toks, i)
        if end > i:
            out.append((i, end, tree))
            i = end
        else:
            i += 1
    return out
