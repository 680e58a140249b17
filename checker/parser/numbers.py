"""What numbers are worth: number tokens and ``number`` parse trees -> exact values; and the one table
that turns qualifiers into intervals.

The grammar (grammar/numbers.lark) decides what a number looks like; this module knows what each
word is worth and how the pieces of a ``number`` tree combine ("three million and a half" is
3,500,000; "two thirds of a million" 666,666 2/3; "two point zero three" 2.03).
"""

from __future__ import annotations

from fractions import Fraction
from typing import NamedTuple

from .scientific import scientific_value
from .trees import Unreadable, is_tree, leaves, name

__all__ = ["APPROX_TOLERANCE", "NUMBER_RULES", "READERS", "Num", "and_fraction_value", "denominator", "digits_value",
           "interval", "is_number", "number_value", "word_value"]

_SMALL = {
    "zero": 0, "nought": 0, "naught": 0, "nil": 0, "a": 1, "an": 1,
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
    "twenty": 20, "thirty": 30, "forty": 40, "fourty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}
_SCALES = {
    "hundred": 100, "thousand": 1000, "million": 10**6, "billion": 10**9, "trillion": 10**12,
    "lakh": 10**5, "lac": 10**5, "lkh": 10**5, "crore": 10**7, "krore": 10**7, "koti": 10**7, "cr": 10**7, "dozen": 12,
    "doz": 12, "dz": 12, "k": 1000, "mn": 10**6, "mln": 10**6, "m": 10**6, "mm": 10**6,
    "mil": 10**6, "g": 10**9, "bn": 10**9, "bln": 10**9, "b": 10**9, "tn": 10**12, "trn": 10**12,
    "tln": 10**12,
}
_DENOMINATORS = {
    "half": 2, "halve": 2, "third": 3, "quarter": 4, "fourth": 4, "fifth": 5, "sixth": 6,
    "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12,
    "thirteenth": 13, "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17,
    "eighteenth": 18, "nineteenth": 19, "twentieth": 20, "thirtieth": 30, "fortieth": 40,
    "fiftieth": 50, "sixtieth": 60, "seventieth": 70, "eightieth": 80, "ninetieth": 90,
    "hundredth": 100, "thousandth": 1000, "millionth": 10**6, "billionth": 10**9,
    "trillionth": 10**12,
}
_TENS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
_COMPOUND_DENOMINATORS = {
    f"{t} {o}{s}" for t in _TENS
    for o in ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth")
    for s in ("", "s")
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
    w = word.lower().replace("\u2019", "'").strip(".")
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
    parts = w.replace("-", " ").replace("\u2010", " ").replace("\u2011", " ").split()
    if len(parts) > 1:
        return sum((word_value(p) for p in parts), Fraction(0))
    raise Unreadable(f"not a number word: {word!r}")


_ORDINAL_UNITS = {w: i for i, w in enumerate(
    ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth"), 1)}


def denominator(word: str) -> int:
    """"fifths" -> 5, "twenty-first" -> 21; :class:`Unreadable` for a word that is not a fraction."""
    parts = word.lower().replace("\u2010", "-").replace("\u2011", "-").replace("-", " ").split()
    if len(parts) > 2 and parts[1] == "hundred":  # "one hundred and fifth", "two hundred twenty-first"
        rest = " ".join(p for p in parts[2:] if p != "and")
        return int(word_value(parts[0])) * 100 + (_ORDINAL_UNITS.get(rest.removesuffix("s")) or denominator(rest))
    if len(parts) == 2:
        unit = _ORDINAL_UNITS.get(parts[1].removesuffix("s"))
        found = None if unit is None else int(word_value(parts[0])) + unit
    else:
        found = _DENOMINATORS.get(_norm(word))
    if found is None:
        raise Unreadable(f"not a fraction word: {word!r}")
    return found


def is_plural_fraction(word: str) -> bool:
    """"thirds", "halves": a denominator written for a numerator other than one."""
    return word.lower().endswith("s")


def digits_value(text: str) -> Fraction:
    """"1,000" -> 1000, "1 234" -> 1234, "1.2" -> 6/5, "2.5m" -> 2500000, "3/4" -> 3/4, "½" -> 1/2."""
    t = "".join(text.replace(",", "").split())
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
        if suffix not in _SCALES:
            raise Unreadable(f"not a scale suffix: {suffix!r}")
        value *= _SCALES[suffix]
    return value


def interval(qualifier: str, value: Fraction, nearly: bool = False) -> tuple:
    """(low, high, low_inclusive, high_inclusive) for a single stated value."""
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


# ---------------------------------------------------------------------------- number trees


class Num(NamedTuple):
    """A number read from a ``number`` tree.

    ``scaled`` is the scale word written last ("10 million" -> 10**6, used by ranges such as "5 to
    10 million"); ``year_like`` marks a bare four-digit year; ``vague`` a word such as "a couple of";
    ``ordinal_end`` is set when a singular denominator after a numerator other than one is an ordinal
    ("two millionth" is 2 and the millionth something): the number ends there.  ``a_fraction`` marks
    "a fifth", which before a noun or unit is an ordinal ("a fifth term", "a third year"); "a half"
    and "a quarter" are fractions there too ("a quarter century").
    """

    value: Fraction
    scaled: int = 1
    year_like: bool = False
    vague: bool = False
    ordinal_end: int | None = None
    a_fraction: bool = False


def _sign(kids) -> tuple[int, list]:
    if kids and not is_tree(kids[0]) and name(kids[0]) in ("SIGN", "MINUS"):
        return -1, kids[1:]
    return 1, kids


def _below_hundred(tree) -> Fraction:
    tok = tree.children[0]
    return digits_value(tok.value) if name(tok) == "DIGITS_SMALL" else word_value(tok.value)


def _below_thousand(tree) -> Fraction:
    kids = tree.children
    value = _below_hundred(kids[0])
    if len(kids) == 1:
        return value
    value *= 100
    for kid in kids[2:]:
        if is_tree(kid):
            value += _below_hundred(kid)
        elif name(kid) == "DIGITS_PLAIN":  # "3 hundred and 21"
            value += digits_value(kid.value)
    return value


def _tails(current: Fraction, tails) -> Fraction:
    """Apply scale tails: "two hundred [thousand five hundred]", "three [lakh] [crore]"."""
    total = Fraction(0)
    for tail in tails:
        factor = word_value(tail.children[0].value)
        if current == 0 and total:
            total *= factor  # "three thousand millions": the scale applies to all so far
        else:
            total += current * factor
        current = Fraction(0)
        for kid in tail.children[1:]:
            if is_tree(kid):
                current = _below_thousand(kid)
    return total + current


def _last_scale(tails) -> int:
    return int(word_value(tails[-1].children[0].value)) if tails else 1


def _digits(tree) -> Num:
    sign, kids = _sign(tree.children)
    first = kids[0]
    value = digits_value(first.value)
    scale = 1
    for kid in kids[1:]:
        factor = word_value(kid.children[0].value)
        value *= factor
        scale = int(factor)
    if name(first) == "DIGITS_SUFFIXED":
        scale = int(digits_value("1" + first.value.lstrip("0123456789.,")))
    year_like = (
        sign == 1 and len(kids) == 1 and name(first) == "DIGITS_PLAIN" and len(first.value) == 4
        and 1800 <= int(first.value) <= 2100
    )
    return Num(sign * value, scale, year_like)


def _words(tree) -> Num:
    sign, kids = _sign(tree.children)
    below = _below_thousand(kids[0])
    tails = [k for k in kids[1:] if name(k) == "scale_tail"]
    return Num(sign * _tails(below, tails), _last_scale(tails))


def _a_scale(tree) -> Num:
    kids = tree.children[1:] if name(tree.children[0]) == "A" else tree.children
    if name(kids[0]) in ("HUNDRED", "BARE_HUNDRED"):
        value = Fraction(100)
        rest = [k for k in kids[1:] if name(k) != "AND_NUM"]
        if rest and name(rest[0]) == "below_hundred":
            value += _below_hundred(rest[0])
            rest = rest[1:]
        return Num(_tails(value, rest), 100 if not rest else _last_scale(rest))
    return Num(_tails(Fraction(1), kids), _last_scale(kids))


def and_fraction_parts(token_text: str) -> tuple[Fraction, int]:
    """"and a half" -> (1, 2), "and three quarters" -> (3, 4), "and fifty-four hundredths" -> (54, 100)."""
    words = token_text.lower().replace("-", " ").split()[1:]
    if len(words) > 2 and " ".join(words[-2:]) in _COMPOUND_DENOMINATORS:
        words = words[:-2] + [" ".join(words[-2:])]
    numerator = word_value(" ".join(words[:-1])) if len(words) > 1 else Fraction(1)
    return numerator, denominator(words[-1])


def and_fraction_value(token_text: str) -> Fraction:
    numerator, denom = and_fraction_parts(token_text)
    return numerator / denom


def _and_fraction(tree) -> Num:
    kids = tree.children
    whole = number_value(kids[0])
    numerator, denom = and_fraction_parts(kids[1].value)
    frac = numerator / denom
    if frac >= 1 and len(kids) == 2:  # "one hundred and thirty fifths": 130/5, not 100 + 30/5
        return Num((whole.value + numerator) / denom)
    if len(kids) > 2:  # "five and a half million", "one billion and a half million"
        scale = int(word_value(kids[2].children[0].value))
        if whole.scaled > scale:
            return Num(whole.value + frac * scale, scale)
        return Num((whole.value + frac) * scale, scale)
    if whole.scaled >= 1000:  # "three million and a half" is 3.5 million
        return Num(whole.value + frac * whole.scaled, whole.scaled)
    return Num(whole.value + (frac if whole.value >= 0 else -frac))


def _word_fraction(tree) -> Num:
    kids = tree.children
    head, word = kids[0], kids[-1]
    denom = denominator(word.value)
    if name(head) == "A":  # "a half", "a quarter"; "a third", "a fourth", "a fifth" may be ordinals
        fraction_only = word.value.lower().startswith(("half", "quarter"))
        return Num(Fraction(1, denom), a_fraction=not fraction_only and not is_plural_fraction(word.value))
    numerator = number_value(head)
    if numerator.value != 1 and not is_plural_fraction(word.value):
        last = list(leaves(head))[-1]
        return Num(numerator.value, numerator.scaled, ordinal_end=last.end_pos)
    return Num(numerator.value / denom)


def _fraction_scale(tree) -> Num:
    """"a quarter million", "half a million", "two thirds of a million" -> the fraction of the scale."""
    kids = tree.children[1:] if name(tree.children[0]) == "A" else tree.children
    scale = int(word_value(kids[-1].value))
    head = name(kids[0])
    if head == "FRACTION_WORD":
        part = Fraction(1, denominator(kids[0].value))
    elif head == "HALF":
        part = Fraction(1, 2)
    else:
        part = number_value(kids[0]).value
    return Num(part * scale, scale)


def _point_digits(tree) -> str:
    if not is_tree(tree):
        return tree.value
    return "".join(str(int(_below_hundred(k))) for k in tree.children)


def _point_decimal(tree) -> Num:
    kids = tree.children
    whole = number_value(kids[0]) if name(kids[0]) == "digits" else _words(kids[0])
    digits = _point_digits(kids[2])
    frac = Fraction(int(digits), 10 ** len(digits))
    value = whole.value - frac if _negative(kids[0]) else whole.value + frac
    scale = 1
    for kid in kids[3:]:
        scale = int(word_value(kid.children[0].value))
        value *= scale
    return Num(value, scale)


def _negative(tree) -> bool:
    return bool(tree.children) and not is_tree(tree.children[0]) and name(tree.children[0]) in ("SIGN", "MINUS")


def _proper(text: str) -> Fraction:
    """A slashed fraction ("3/4"); Unreadable when the numerator is not smaller than the denominator
    ("7/7", "24/7" are names and times, not fractions)."""
    value = digits_value(text)
    if value >= 1:
        raise Unreadable(f"not a proper fraction: {text!r}")
    return value


def _fraction_only(tree) -> Num:
    sign, kids = _sign(tree.children)
    if name(kids[0]) == "FRACTION_DIGITS":
        return Num(sign * _proper(kids[0].value))
    return Num(sign * digits_value(kids[0].value))


def _digits_and_fraction(tree) -> Num:
    whole = _digits(tree.children[0]).value
    frac = _proper(tree.children[-1].value) if name(tree.children[-1]) == "FRACTION_DIGITS" else digits_value(tree.children[-1].value)
    return Num(whole + frac if whole >= 0 else whole - frac)


READERS = {
    "scientific": lambda tree: Num(scientific_value(tree)),
    "digits": _digits,
    "words": _words,
    "a_scale": _a_scale,
    "and_fraction": _and_fraction,
    "word_fraction": _word_fraction,
    "fraction_scale": _fraction_scale,
    "point_decimal": _point_decimal,
    "fraction_only": _fraction_only,
    "digits_and_fraction": _digits_and_fraction,
    "half": lambda tree: Num(Fraction(1, 2)),
    "couple": lambda tree: Num(Fraction(2), vague=True),
    "pair": lambda tree: Num(Fraction(2)),
    "below_hundred": lambda tree: Num(_below_hundred(tree)),
}
THROUGH = ("number",)  # read through its one child (``number: digits``)
NUMBER_RULES = frozenset(READERS) | set(THROUGH)


def is_number(node) -> bool:
    """Whether ``node`` is a number tree that :func:`number_value` reads."""
    return is_tree(node) and name(node) in NUMBER_RULES


# the largest magnitude read: beyond it a number is notation or noise, not a figure in the news (and
# past about 1.8e308 it would not fit the float a JSON reader makes of it)
MAX_MAGNITUDE = Fraction(10) ** 30


def number_value(tree) -> Num:
    """Any ``number``-like subtree -> its exact value; Unreadable past ``MAX_MAGNITUDE``."""
    kind = name(tree)
    if kind in THROUGH:
        return number_value(tree.children[0])
    num = READERS[kind](tree)
    if abs(num.value) > MAX_MAGNITUDE:
        raise Unreadable("a number past the largest magnitude read (10^30)")
    return num
