"""Measure trees (what follows the number: a unit, a counted noun, money...) -> ``Measure`` values.

``read_measures(tree)`` reads one ``measure`` tree of grammar/claims.lark into its measured values: one in
most cases, several for a list such as "5 km, 3 km" (while "2 hours 30 minutes" is one, summed).
``MEASURES`` maps each alternative's alias to its reader; checker/parser/quantities.py checks it
against the grammar.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from fractions import Fraction

from . import numbers, units
from .nouns import head_noun, is_plural, modifies, singular
from .numbers import Num, digits_value, is_number, number_value
from .trees import is_tree, leaves, name, span

__all__ = ["MEASURES", "THROUGH", "Measure", "from_num", "read_measures", "unit_of"]

# "a ha moment", "a gal", "a mi": short unit words that are other words after "a"
_NOT_AFTER_A = {"ha", "gal", "mi", "in", "gr", "mm", "t", "l", "m", "g", "h", "s", "d", "y"}


@dataclass(slots=True)
class Measure:
    """One measured value and where its text is, when not the whole match."""

    value: Fraction
    unit: str | None = None
    noun: str | None = None
    modifies: str | None = None
    distributive: bool = False
    start: int | None = None
    end: int | None = None
    year_like: bool = False
    scaled: int = 1
    vague: bool = False
    a_fraction: bool = False


def unit_of(tree) -> str:
    """The pint unit name of a unit tree (or token), from its first terminal: U_KILOMETER -> "kilometer"."""
    return units.unit_for_terminal(next(leaves(tree)).type)


def from_num(num: Num, **kw) -> Measure:
    """A unitless Measure of a number read by checker/parser/numbers.py (``kw``: the other fields)."""
    return Measure(num.value, scaled=num.scaled, vague=num.vague, **kw)


def _bare(tree) -> list[Measure]:
    num = number_value(tree.children[0])
    return [from_num(num, end=num.ordinal_end, year_like=num.year_like, a_fraction=num.a_fraction)]


def _amount(tree) -> Measure | None:
    """number unit / a unit / another unit, with "and a half": one piece of a with_unit measure."""
    value, unit, tok, vague = Fraction(1), None, None, False
    for kid in tree.children:
        kname = name(kid)
        if kname == "U_METER_G":
            value *= 10**6  # "2m barrels", "5m tonnes": millions of the unit after it
        elif is_number(kid):
            num = number_value(kid)
            if num.ordinal_end is not None or num.a_fraction:
                return None  # "two millionth visitors", "a third year"
            value, vague = value * num.value, num.vague
        elif kname == "per":
            unit = f"{unit} / {unit_of(kid.children[-1])}"
        elif is_tree(kid):
            unit, tok = unit_of(kid), next(leaves(kid))
        elif kname == "AND_FRACTION":
            value += numbers.and_fraction_value(kid.value)
        elif kname == "A" and tok is None:
            tok = kid
    if name(tree.children[0]) == "A" and _unit_text(tree) in _NOT_AFTER_A:
        return None
    start, end = span(tree)
    return Measure(value, unit, start=start, end=end, vague=vague)


def _unit_text(tree) -> str:
    return next(leaves(tree.children[1])).value.lower()


def _continues(prev: str, nxt: str) -> bool:
    """Does a unit continue the one before in a compound ("2 hours 30 minutes", "5 ft 2 in", "1 m 80 cm")?

    Not when the second unit is a tenth of the first ("12 m 2 dm", "3 cm 5 mm"): a writer states that
    as a decimal ("12.2 m"), so the two are separate figures.
    """
    if prev == nxt or "percent" in (prev, nxt) or "/" in prev + nxt:
        return False
    if units.dimension(prev) != units.dimension(nxt):
        return False
    try:
        ratio = units.convert(Fraction(1), prev, nxt)
    except Exception:
        return False
    return ratio > 1 and ratio != 10


def _sum(group: list[Measure]) -> Measure:
    if len(group) == 1:
        return group[0]
    target = group[-1].unit
    total = sum((units.convert(m.value, m.unit, target) for m in group), Fraction(0))
    vague = any(m.vague for m in group)
    return Measure(total, target, start=group[0].start, end=group[-1].end, vague=vague)


def _inches(number, tok) -> Measure:
    """The "2 in" that ends "5 ft 2 in"."""
    return Measure(number_value(number).value, "inch", start=span(number)[0], end=tok.end_pos)


def _with_unit(tree) -> list[Measure]:
    groups: list[list[Measure]] = []
    kids = tree.children
    for i, kid in enumerate(kids):
        if name(kid) == "IN":
            m = _inches(kids[i - 1], kid)
        elif is_tree(kid) and name(kid) == "amount":
            m = _amount(kid)
        else:
            continue
        if m is None:
            groups.append([])
        elif groups and groups[-1] and _continues(groups[-1][-1].unit, m.unit):
            groups[-1].append(m)
        else:
            groups.append([m])
    return [_sum(g) for g in groups if g]


def _age(tree) -> list[Measure]:
    kids = tree.children
    if name(kids[0]) == "AGED":
        return [Measure(number_value(kids[1]).value, "year")]
    unit = "year" if name(kids[1]) == "YO" else unit_of(kids[1])
    return [Measure(number_value(kids[0]).value, unit)]


# past participles that name people when counted: "200 displaced", "40 detained" (the others after a number are
# verbs: "a crowd of 74,310 watched", "some 5,000 attended", "1,500 damaged" count what was named before)
_PARTICIPLE_NOUNS = frozenset((
    "displaced", "detained", "infected", "vaccinated", "unvaccinated", "unemployed", "accused", "deceased",
    "evacuated", "arrested", "abducted", "kidnapped", "disabled", "insured", "uninsured", "employed",
))


def _a_verb(phrase) -> bool:
    """Whether a counted noun phrase is one lower-case word in -ed that is a verb, not a noun."""
    words = list(leaves(phrase))
    if len(words) != 1 or name(words[0]) != "WORD":
        return False
    w = words[0].value
    return w.islower() and len(w) > 4 and w.endswith("ed") and not w.endswith("eed") and w not in _PARTICIPLE_NOUNS


def _counted(tree) -> list[Measure]:
    kids = tree.children
    num = number_value(kids[0])
    phrase = next(k for k in kids if is_tree(k) and name(k) == "noun_phrase")
    word, end = head_noun(phrase, num.value)
    if num.ordinal_end is not None or num.a_fraction:
        return []  # "two millionth visitors", "a fifth term": ordinals
    if num.year_like:
        return []  # "the 2024 elections", "in 2022 alone": a year (wire copy writes "2,000 troops")
    if word.lower() in ("x", "×") or _a_verb(phrase):
        return [from_num(num, end=span(kids[0])[1])]  # "a 3x increase": times; "74,310 watched": a verb
    each = name(kids[-1]) == "EACH"
    noun = singular(word.split()[-1])
    if noun == "turn" and 0 < num.value < 1 and word.lower() in ("turn", "turns"):
        return [Measure(num.value, "turn", end=end)]  # "a half turn", "a quarter turn": part of a turn is an angle
    return [from_num(num, noun=noun, distributive=each, end=None if each else end)]


# the plural nouns of a race run over a distance: "the 400m hurdles", "the 100m heats" are metres
_RACE_EVENTS = frozenset(("hurdles", "heats", "finals", "semifinals", "semi-finals", "sprints", "relays", "laps"))


def _m_counted(tree) -> list[Measure]:
    """"2m subscribers" is two million of them; "a 100m sprint", "1.8m tall", "the 400m hurdles" are
    metres."""
    kids = tree.children
    num = number_value(kids[0])
    word, end = head_noun(kids[2], Fraction(2))
    if is_plural(word) and not word[:1].isupper() and word.split()[0].lower() not in _RACE_EVENTS:
        return [Measure(num.value * 10**6, noun=singular(word.split()[-1]), end=end, scaled=10**6)]
    return [Measure(num.value, "meter", end=kids[1].end_pos)]


def _money(tree) -> list[Measure]:
    code, num, million, sign = None, None, False, 1
    for kid in tree.children:
        kname = name(kid)
        if kname == "SIGN":
            sign = -1  # "-$200 million"
        elif is_number(kid):
            num = number_value(kid)
        elif kname in ("currency_symbol", "currency_code", "currency_word"):
            tok = kid.children[0]
            code = code or units.currency_for_terminal(tok.type, tok.value)
            if name(tok) in ("CUR_CENT", "CUR_PENCE") and num is not None:  # "12 cents", "245p"
                num = Num(num.value / 100)
            million = million or name(tok) == "CUR_MCODE"  # "120 MEUR"
        elif kname == "U_METER_G":
            million = True
    value = sign * num.value * (10**6 if million else 1)
    return [Measure(value, code, scaled=10**6 if million else num.scaled)]


def _compound(tree) -> list[Measure]:
    kids = tree.children
    inner = [k for k in kids[0].children if name(k) != "A"]
    if name(inner[0]) == "time_unit":  # "hour-long", "an hour-long"
        m = Measure(Fraction(1), unit_of(inner[0]))
    else:
        num = number_value(inner[0])
        if num.ordinal_end is not None or num.a_fraction:
            return []
        m = Measure(num.value, unit_of(inner[1]))
    m.end = span(kids[0])[1]
    if len(kids) > 1:
        m.modifies = modifies(kids[1])
    return [m]


def _half_unit(tree) -> list[Measure]:
    return [Measure(Fraction(1, 2), unit_of(tree.children[-1]))]


def _fraction_of_unit(tree) -> list[Measure]:
    return [Measure(number_value(tree.children[0]).value, unit_of(tree.children[-1]))]


def _whole_unit(tree) -> list[Measure]:
    return [Measure(Fraction(1), unit_of(tree.children[-1]))]


def _hours_minutes(tree) -> list[Measure]:
    """"2h 30m", "1h15min": hours and minutes, in minutes."""
    hours, minutes = (int(d) for d in re.findall(r"\d+", tree.children[0].value))
    return [Measure(Fraction(hours * 60 + minutes), "minute")]


def _hour_and_minutes(tree) -> list[Measure]:
    """"1 hour thirty", "2 hours and 10": the hours and the minutes after them, in minutes."""
    hours = _amount(tree.children[0])
    if hours is None:
        return []
    words = tree.children[1].value.split(None, 1)
    tail = words[-1] if words[0].lower() == "and" else tree.children[1].value
    minutes = digits_value(tail) if tail.isdigit() else numbers.word_value(tail)
    return [Measure(units.convert(hours.value, hours.unit, "minute") + minutes, "minute", vague=hours.vague)]


def _magnitude(tree) -> list[Measure]:
    """"magnitude 7.8", "magnitude-7.8", "M7.8", "7.8-magnitude", "7.8 magnitude": an earthquake's
    magnitude, a unit of its own."""
    num = next(k for k in tree.children if is_number(k))
    return [Measure(number_value(num).value, "magnitude")]


def _below_zero(tree) -> list[Measure]:
    """"2 degrees below zero" is -2 degrees (Celsius unless Fahrenheit is written)."""
    words = tree.children[1].value
    fahrenheit = re.search(r"fahrenheit|\bF\b", words, re.I) is not None
    return [Measure(-number_value(tree.children[0]).value, "degree_Fahrenheit" if fahrenheit else "degree_Celsius")]


MEASURES = {
    "bare": _bare, "with_unit": _with_unit, "age": _age, "counted": _counted, "m_counted": _m_counted,
    "money_prefix": _money, "money_suffix": _money, "compound": _compound,
    "half_unit": _half_unit, "fraction_of_unit": _fraction_of_unit, "whole_unit": _whole_unit,
    "hours_minutes": _hours_minutes, "hour_and_minutes": _hour_and_minutes, "magnitude_first": _magnitude, "magnitude_after": _magnitude,
    "below_zero": _below_zero,
}


THROUGH = ("measure", "money")  # read through their one child (``measure: money``, ``money`` itself)


def read_measures(tree) -> list[Measure]:
    """A measure tree -> its measured values (several for a list such as "5 km, 3 km")."""
    kind = name(tree)
    if kind in THROUGH:
        return read_measures(tree.children[0])
    return MEASURES[kind](tree)


