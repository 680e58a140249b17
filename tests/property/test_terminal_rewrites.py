"""Terminals the grammar writes for speed (grammar/claims.lark) match exactly what their plain form
matches: an atomic group where a word's letters cannot be given back, ASCII letters tried before the
Unicode class, a look-ahead that lets a plain word fail at once.  Each pair is tried at every
position of random texts made of the characters that tell them apart."""

from __future__ import annotations

import re

from hypothesis import example, given
from hypothesis import strategies as st

from checker.parser import grammar

PLAIN = {
    "CODE": r"(?<!\w)[^\W\d_]{1,10}[\-\u2010\u2011]?\d[\w\-\u2010\u2011]*",
    "WORD": r"[^\W\d_]+(?:['’][^\W\d_]+)*(?:['’]s?)?",
}
# NAMED_NUMBER without its first look-ahead (the rest of it requires what the look-ahead asks)
NAMED_NUMBER_LOOKAHEAD = "(?=(?:[A-Z]|[a-z][A-Z])(?>[A-Za-z&]*)[ \u00a0]\\d)"  # as lark writes it

TEXT = st.text(alphabet="aZkéßЖ019-\u2010\u2011'’ \u00a0&.$,%Ns", max_size=24)


def _regexps() -> dict[str, str]:
    return dict((name, regexp) for name, regexp, _flags in grammar.tables().terminals)


@given(TEXT)
@example("abcdefghij1 abcdefghijk1 éa1 aé1 abcdefghié1 Su-34 F-16 MH17 don't Zelensky’s")
@example("New 12 iPhone 15 Flight 370 The 12 Nos. 4 aBc 12-34 ABC 5 X\u00a09")
def test_each_terminal_written_for_speed_matches_as_its_plain_form(text):
    found = _regexps()
    plain_nn = found["NAMED_NUMBER"].replace(NAMED_NUMBER_LOOKAHEAD, "")
    assert plain_nn != found["NAMED_NUMBER"]  # the look-ahead is where this test expects it
    pairs = [(re.compile(PLAIN[name]), re.compile(found[name])) for name in PLAIN]
    pairs.append((re.compile(plain_nn), re.compile(found["NAMED_NUMBER"])))
    for plain, fast in pairs:
        for pos in range(len(text) + 1):
            a, b = plain.match(text, pos), fast.match(text, pos)
            assert (a and a.span()) == (b and b.span()), (plain.pattern[:40], text, pos)
