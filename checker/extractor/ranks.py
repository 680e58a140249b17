"""Rank words written before a person's title: "Retired General Ana Ruiz", "former mayor Tom Berg",
"Acting Governor Ian Cole".  A title alone ("General", "mayor") is read by people.py; the word of
rank before it says the person no longer holds, or only stands in for, the office, and outlets
that drop it give the person another role.

In: an article's words and the word ranges of a person's mentions.  Out: the rank words found (lower
case, in the order of :data:`RANKS`).  Generic English only.
"""

from __future__ import annotations

from .sentences import Words

__all__ = ["RANKS", "ranks_before"]

#: words of rank that change what a title says about its holder
RANKS = ("retired", "former", "acting", "interim", "deputy", "vice", "assistant", "outgoing", "ex")
_RANKS = frozenset(RANKS)
_TITLE_SPAN = 3  # title words looked through between a rank word and the name


def ranks_before(words: Words, mentions: list[tuple[int, int]], titles: frozenset[str]) -> list[str]:
    """The rank words written just before a title that is written just before one of ``mentions``
    (word ranges), e.g. ["retired"] for "Retired General Ana Ruiz"."""
    ws = words.words
    found: set[str] = set()
    for first, _last in mentions:
        k, seen = first - 1, 0
        while k >= 0 and seen < _TITLE_SPAN and ws[k].kind == "word" and ws[k].norm.rstrip(".") in titles:
            k, seen = k - 1, seen + 1
        if seen and k >= 0 and ws[k].kind == "word" and ws[k].norm.rstrip("-") in _RANKS:
            found.add(ws[k].norm.rstrip("-"))
    return [r for r in RANKS if r in found]
