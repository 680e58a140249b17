"""Readers of the numbers that are not a plain measure: scores, changes, vague counts, ages in
apposition and in decades, ranks.  Each gives Quantities with ``kind`` set (checker/model.py says
what each kind's fields hold; docs/quantities.md how each form is read).

The builders here are entries of ``BUILDERS`` (checker/parser/builders.py), one per alternative of
the ``quantity`` rule of grammar/claims.lark: ``(tree, text, start, end) -> [Quantity]``.
"""

from __future__ import annotations

import re
from fractions import Fraction

from checker.model import Quantity

from . import units
from .nouns import head_noun, singular
from .numbers import denominator, digits_value
from .trees import Unreadable, is_tree, leaves

__all__ = ["KIND_BUILDERS", "exact", "score"]

# "dozens of" is at least two dozen, "hundreds" at least two hundred: the plural says two or more of
# the unit, and nothing above (writers round a crowd of 30,000 to "thousands" as often as not)
_VAGUE = {
    "dozens": 24, "scores": 40, "hundreds": 200, "thousands": 2000, "millions": 2 * 10**6,
    "tens of thousands": 20000, "dozens of thousands": 24000, "hundreds of thousands": 200000,
    "tens of millions": 2 * 10**7, "dozens of millions": 24 * 10**6, "hundreds of millions": 2 * 10**8,
}
# "in his early 40s": the first, middle or last part of the decade
_DECADE_PART = {"early": (0, 3), "mid": (3, 6), "late": (6, 9), "": (0, 9)}
# ordinal words read as ranks; "quarter", "half" and plurals are fractions ("second-quarter profits")
_NOT_RANKS = ("quarter", "half", "halves", "fourth")


def exact(text: str, start: int, end: int, value, unit=None, **kw) -> Quantity:
    """An exact Quantity of ``value`` in ``unit`` over ``text[start:end]`` (``kw``: more fields)."""
    return Quantity(
        text=text[start:end], start=start, end=end, qualifier="exact", value=value, low=value, high=value,
        low_inclusive=True, high_inclusive=True, unit=unit, dimension=units.dimension(unit), **kw,
    )


def score(text: str, start: int, end: int, first: Fraction, second: Fraction, noun: str | None = None) -> Quantity:
    """"beat Arsenal 3-1", "voted 219 to 213": a tally, each side as written; no interval."""
    return Quantity(
        text=text[start:end], start=start, end=end, qualifier="exact", value=None, low=None, high=None,
        low_inclusive=False, high_inclusive=False, unit=None, dimension="dimensionless", modifies=noun,
        kind="score", first=first, second=second,
    )


def _vague(tree, text, start, end) -> list[Quantity]:
    """"dozens of people": at least 24 people (``_VAGUE``), the word kept in ``hedge``."""
    word = " ".join(tree.children[0].value.lower().replace("-", " ").split())
    low = Fraction(_VAGUE[word])
    noun = None
    phrase = next((k for k in tree.children if is_tree(k)), None)
    if phrase is not None:
        word, end = head_noun(phrase, low)
        noun = singular(word.split()[-1])
    return [Quantity(
        text=text[start:end], start=start, end=end, qualifier="at_least", value=low, low=low, high=None,
        low_inclusive=True, high_inclusive=False, unit=None, dimension="dimensionless", noun=noun,
        hedge=tree.children[0].value, kind="vague",
    )]


def _apposition(tree, text, start, end) -> list[Quantity]:
    """"The man, 45, was charged": an age of 45 years (a person's age is 1 to 120)."""
    tok = tree.children[0]
    digits = re.search(r"\d+", tok.value)
    value = Fraction(int(digits.group()))
    if not 1 <= value <= 120:
        return []
    s = tok.start_pos + digits.start()
    return [exact(text, s, s + len(digits.group()), value, "year", kind="age")]


def _age_decade(tree, text, start, end) -> list[Quantity]:
    """"in his 40s" is 40 to 49 years old, "in her early 60s" 60 to 63."""
    tok = tree.children[0]
    m = re.search(r"(?:(early|mid|late)[\s\-]*)?([1-9]0)s", tok.value, re.I)
    decade = int(m.group(2))
    lo, hi = _DECADE_PART[(m.group(1) or "").lower()]
    s = tok.start_pos + m.start()
    return [Quantity(
        text=text[s:end], start=s, end=end, qualifier="range", value=None, low=Fraction(decade + lo),
        high=Fraction(decade + hi), low_inclusive=True, high_inclusive=True, unit="year",
        dimension=units.dimension("year"), kind="age",
    )]


def _rank_value(tok) -> Fraction:
    """"11th" -> 11, "1,000th" -> 1000, "third" -> 3; Unreadable for a fraction word."""
    word = tok.value.lower()
    if word[:1].isdigit():
        return digits_value(word[:-2])
    if word.endswith("s") or word in _NOT_RANKS:
        raise Unreadable(f"a fraction, not a rank: {word!r}")
    return Fraction(denominator(word))


def _rank(tree, text, start, end) -> list[Quantity]:
    """"the 11th consecutive day", "a third term": rank 11 of "day", 3 of "term" (in ``modifies``;
    a rank counts nothing, so ``noun`` stays empty)."""
    tok, tail = tree.children
    value = _rank_value(tok)
    last = list(leaves(tail))[-1]
    return [exact(text, start, last.end_pos, value, modifies=singular(last.value), kind="rank")]


KIND_BUILDERS = {
    "vague": _vague, "apposition": _apposition, "age_decade": _age_decade, "rank": _rank,
}
