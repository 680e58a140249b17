"""Exact values of number tokens, and the one table that turns qualifiers into intervals.

The grammar decides what a number looks like; this module only knows what each word is worth.
"""

from __future__ import annotations

from fractions import Fraction

__all__ = ["APPROX_TOLERANCE", "digits_value", "interval", "word_value"]

_SMALL = {
    "zero": 0, "nought": 0, "naught": 0, "nil": 0,
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
    "twenty": 20, "thirty": 30, "forty": 40, "fourty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}
_SCALES = {
    "hundred": 100, "thousand": 1000, "million": 10**6, "billion": 10**9, "trillion": 10**12,
    "lakh": 10**5, "crore": 10**7, "dozen": 12,
    "k": 1000, "mn": 10**6, "mln": 10**6, "m": 10**6, "bn": 10**9, "b": 10**9, "tn": 10**12,
    "trn": 10**12,
}
_DENOMINATORS = {
    "half": 2, "halves": 2, "third": 3, "quarter": 4, "fourth": 4, "fifth": 5, "sixth": 6,
    "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10, "hundredth": 100, "thousandth": 1000,
}
_VULGAR = {
    "½": Fraction(1, 2), "⅓": Fraction(1, 3), "⅔": Fraction(2, 3), "¼": Fraction(1, 4),
    "¾": Fraction(3, 4), "⅕": Fraction(1, 5), "⅖": Fraction(2, 5), "⅗": Fraction(3, 5),
    "⅘": Fraction(4, 5), "⅙": Fraction(1, 6), "⅚": Fraction(5, 6), "⅛": Fraction(1, 8),
    "⅜": Fraction(3, 8), "⅝": Fraction(5, 8), "⅞": Fraction(7, 8),
}

# "about 40" is read as 40 +/- 10%: wide enough for the rounding a reporter does, narrow enough that
# "about 40" and "75" still disagree.  "nearly 40" / "almost 40" is read as [36, 40): close to 40 and
# below it, so "nearly 40" against "40" is a qualifier difference and against "41" a numeric one.
APPROX_TOLERANCE = Fraction(1, 10)


def _norm(word: str) -> str:
    w = word.lower().replace("\u2019", "'")
    if w.endswith("s") and w[:-1] in _SCALES:
        return w[:-1]
    if w.endswith("s") and w[:-1] in _DENOMINATORS:
        return w[:-1]
    return w


def word_value(word: str) -> Fraction:
    """The value of one number word, scale word or fraction word ("twenty-five" included)."""
    w = _norm(word)
    if w in _SMALL:
        return Fraction(_SMALL[w])
    if w in _SCALES:
        return Fraction(_SCALES[w])
    if w in _VULGAR:
        return _VULGAR[w]
    for sep in ("-", " ", "\u2010", "\u2011"):
        if sep in w:
            head, _, tail = w.partition(sep)
            return word_value(head) + word_value(tail)
    raise KeyError(word)


def denominator(word: str) -> int:
    return _DENOMINATORS[_norm(word)]


def is_scale(word: str) -> bool:
    return _norm(word) in _SCALES


def digits_value(text: str) -> Fraction:
    """"1,000" -> 1000, "1.2" -> 6/5, "2.5m" -> 2500000, "3/4" -> 3/4, "½" -> 1/2."""
    t = text.replace(",", "")
    if t in _VULGAR:
        return _VULGAR[t]
    if "/" in t:
        num, _, den = t.partition("/")
        return Fraction(int(num), int(den))
    i = len(t)
    while i and t[i - 1].isalpha():
        i -= 1
    number, suffix = t[:i], t[i:].lower()
    value = Fraction(number)
    if suffix:
        value *= _SCALES[suffix]
    return value


def interval(qualifier: str, value: Fraction, nearly: bool = False) -> tuple:
    """(qualifier, low, high, low_inclusive, high_inclusive) for a single stated value."""
    if qualifier == "exact":
        return value, value, True, True
    if qualifier == "more_than":
        return value, None, False, False
    if qualifier == "at_least":
        return value, None, True, False
    if qualifier == "less_than":
        return None, value, False, False
    if qualifier == "at_most":
        return None, value, False, True
    if qualifier == "approximate":
        spread = abs(value) * APPROX_TOLERANCE
        if nearly:
            return value - spread, value, True, False
        return value - spread, value + spread, True, True
    raise ValueError(qualifier)
