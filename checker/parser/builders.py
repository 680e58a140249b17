"""Quantity trees -> Quantity values: one builder for each alternative of the ``quantity`` rule.

``BUILDERS`` maps each alternative's alias in grammar/claims.lark (``single``, ``ranged``, ``bounded``,
``part``, ``ratio``, ``clock``) to a function ``(tree, text, start, end) -> [Quantity]``; a builder gives
none for what only looks like a quantity (a year), several where the words do not make one interval
("more than 40 and less than 10", "rose 25% to 34,500 tonnes").  checker/parser/quantities.py checks
the table against the grammar.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from fractions import Fraction

from checker.model import Quantity

from . import units
from .kinds import KIND_BUILDERS, exact, score
from .measures import Measure, from_num, read_measures, unit_of
from .nodes import Tree
from .nouns import head_noun, singular
from .numbers import Num, is_number, number_value
from .qualifiers import LOWER_BOUND, Qual, and_qual_kind, apply_post, make, read_and_qual, read_qualifier
from .trees import is_tree, leaves, name, span

__all__ = ["BUILDERS", "range_sides"]


def _not_a_number(measures: list[Measure], q: Qual, post, after: str) -> bool:
    """A year on its own ("in 2022"), or "a fifth" that starts "a fifth-generation jet"."""
    if len(measures) != 1:
        return False
    m = measures[0]
    if m.year_like and q.kind == "exact" and post is None:
        return True
    return m.a_fraction and after in ("-", "\u2010", "\u2011")


def _single(tree, text, start, end) -> list[Quantity]:
    q, post, measures = Qual(), None, []
    for kid in tree.children:
        kname = name(kid)
        if kname == "qualifier":
            q = read_qualifier(kid)
        elif kname == "AND_QUAL":
            q, start = read_and_qual(kid)
        elif kname == "post_qualifier":
            post = kid.children[0]
        else:
            measures = read_measures(kid)
    if not measures or _not_a_number(measures, q, post, text[end:end + 1]):
        return []
    out = []
    for i, m in enumerate(measures):
        first, last = i == 0, i == len(measures) - 1
        mq = q if first else Qual()
        if last and post is not None:
            mq = apply_post(mq, post)
        s = start if first else m.start
        e = post.end_pos if last and post is not None else (m.end if m.end is not None else end)
        out.append(make(text, s, e, mq, m))
    return out


def _range_side(tree) -> tuple[Num, str | None]:
    num, unit, sign = None, None, 1
    for kid in tree.children:
        kname = name(kid)
        if kname == "MINUS":
            sign = -1
        elif is_number(kid):
            num = number_value(kid)
            num = Num(sign * num.value, num.scaled, num.year_like, a_fraction=num.a_fraction)
        elif kname == "currency_symbol":
            tok = kid.children[0]
            unit = units.currency_for_terminal(tok.type, tok.value)
        elif is_tree(kid):
            unit = unit_of(kid)
    return num, unit


@dataclass(slots=True)
class _Side:
    num: Num
    unit: str | None
    start: int
    end: int


def _sides_of(kids) -> tuple[list[_Side], object]:
    """The two sides of a range tree's children, and its tail (a noun phrase or currency word) or None."""
    sides: list[_Side] = []
    currency, tail = None, None
    for kid in kids:
        kname = name(kid)
        if kname in ("range_first", "range_side", "range_end"):
            num, unit = _range_side(kid)
            sides.append(_Side(num, unit, *span(kid)))
        elif is_number(kid):
            sides.append(_Side(number_value(kid), currency, *span(kid)))
            currency = None
        elif kname == "currency_symbol":
            tok = kid.children[0]
            currency = units.currency_for_terminal(tok.type, tok.value)
        elif kname == "range_tail":
            tail = kid.children[0]
        elif is_tree(kid):  # the unit of "3km-5km"
            sides[-1].unit = unit_of(kid)
            sides[-1].end = span(kid)[1]
    return sides, tail


def _compatible(a: str | None, b: str | None) -> bool:
    """Can sides in these units be one range?  Not "rose 5% to 1,200" or "25% to 34,500 tonnes"."""
    if a is not None and b is None:
        return a.isupper()  # "$5 to 10 million" is a range; "5% to 1,200" is not
    if a is None or a == b:
        return True
    if "percent" in (a, b) or a.isupper() or b.isupper():
        return False
    return units.dimension(a) == units.dimension(b)


def _apart(text: str, a: _Side, b: _Side, tail: tuple = (None, None, None), hedge=None) -> list[Quantity]:
    """"rose 25% to 34,500 tonnes": two quantities, not a range.  A currency or noun after the second
    side is the second side's ("down 0.6% to 309,381 yen", "for a fifth month to 12,000 units");
    ``tail`` is (that currency, that noun, where it ends).  A qualifier before the pair (``hedge``: its
    tree) is the first side's ("rose as much as 2% to $85.12")."""
    tail_unit, noun, end = tail
    second = (b.unit, None, b.end) if b.unit or not (tail_unit or noun) else (tail_unit, noun, end)
    q, start = (read_qualifier(hedge), span(hedge)[0]) if hedge is not None else (Qual(), a.start)
    first = [] if a.num.a_fraction and a.unit else [make(text, start, a.end, q, Measure(a.num.value, a.unit))]
    return [*first, make(text, b.start, second[2], Qual(), Measure(b.num.value, second[0], noun=second[1]))]


def _tail(tail, end: int) -> tuple[str | None, str | None, int]:
    """A range's tail -> (its currency code or None, its counted noun or None, where the match ends)."""
    if tail is None:
        return None, None, end
    if name(tail) == "noun_phrase":
        word, end = head_noun(tail, Fraction(2))
        return None, singular(word.split()[-1]), end
    tok = tail.children[0]
    return units.currency_for_terminal(tok.type, tok.value), None, end


def _in_cents(side: _Side) -> _Side:
    """A side counted in the tail's cents or pence: "20-30p" is 0.20 to 0.30, "by 5% to 42p" 0.42."""
    num = Num(side.num.value / 100, side.num.scaled, side.num.year_like, a_fraction=side.num.a_fraction)
    return _Side(num, side.unit, side.start, side.end)


def range_sides(kids, end: int) -> tuple[tuple[_Side, _Side], str | None, str | None, int]:
    """The children of a range-like tree (``range`` or ``change``) -> its two sides, the tail's currency
    and noun, and where the match ends."""
    sides, tail = _sides_of(kids)
    unit, noun, end = _tail(tail, end)
    if unit is not None and name(tail.children[0]) in ("CUR_CENT", "CUR_PENCE"):
        sides = [s if s.unit else _in_cents(s) for s in sides]
    return (sides[0], sides[1]), unit, noun, end


# the largest side of a score or tally: a parliament's vote ("402 to 129"), a cricket innings
# ("325-7"); "1,200 to 300" is no tally
SCORE_MAX = 999


def _is_score(rng, a: _Side, b: _Side, unit: str | None) -> bool:
    """"3-1", "51-49", "219 to 213", "1-1": two small whole numbers in plain digits without a unit, the
    first not smaller, joined by a dash or "to" (not "between" or "from"): a tally.  A range is
    written low to high."""
    if name(rng.children[0]) in ("BETWEEN", "FROM") or unit or a.unit or b.unit:
        return False
    sides = [k for k in rng.children if is_tree(k) and name(k) != "range_tail"]
    if not all(name(leaf) == "DIGITS_PLAIN" for side in sides for leaf in leaves(side)):
        return False  # scores are written in digits: "three-nil" is left to the reader
    x, y = a.num.value, b.num.value
    whole = x.denominator == 1 and y.denominator == 1 and a.num.scaled == b.num.scaled == 1
    return whole and SCORE_MAX >= x >= y >= 0


def _ranged(tree, text, start, end) -> list[Quantity]:
    hedge = tree.children[0].children[0].value if len(tree.children) > 1 else None
    rng = tree.children[-1]
    (a, b), unit, noun, end = range_sides(rng.children, end)
    if hedge is None and _is_score(rng, a, b, unit):
        return [score(text, start, end, a.num.value, b.num.value, noun)]
    if not _compatible(a.unit, b.unit) or (a.num.a_fraction and a.unit):  # "for a third week to 7%": an ordinal
        return _apart(text, a, b, (unit, noun, end), tree.children[0] if hedge else None)
    if a.num.year_like and b.num.year_like and not (unit or a.unit or b.unit):
        return []  # "2014-2022": a span of years
    unit = unit or b.unit or a.unit
    low, high = a.num.value, b.num.value
    if b.num.scaled > 1 and a.num.scaled == 1 and low * b.num.scaled <= high:
        low *= b.num.scaled  # "between 5 and 10 million"
    if a.unit and b.unit and a.unit != b.unit and not a.unit.isupper():
        low = units.convert(low, a.unit, b.unit)
    if low > high:  # "1,200 to 300", "from 5% to 4.75%": written high to low, no range
        return _descending(rng, text, start, end, (a, b), unit, noun)
    return [Quantity(
        text=text[start:end], start=start, end=end, qualifier="range", value=None,
        low=low, high=high, low_inclusive=True, high_inclusive=True, unit=unit,
        dimension=units.dimension(unit), noun=noun, hedge=hedge,
    )]


def _aged_range(tree, text, start, end) -> list[Quantity]:
    """"aged 18 to 65", "aged between 17 and 19": a range of ages, in years when no unit is written."""
    out = _ranged(Tree("ranged", tree.children[1:]), text, start, end)
    return [dataclasses.replace(q, unit="year", dimension=units.dimension("year"))
            if q.qualifier == "range" and q.unit is None and q.kind is None else q for q in out]


def _descending(rng, text, start, end, sides: tuple[_Side, _Side], unit, noun) -> list[Quantity]:
    """A pair written high to low is no range: "from 5% to 4.75%" is a change from the first to the
    second; "1,200 to 300" two numbers."""
    a, b = sides
    if name(rng.children[0]) == "FROM":
        unit = unit or b.unit or a.unit
        return [exact(text, start, end, b.num.value, unit, noun=noun, kind="change", first=a.num.value,
                      second=b.num.value)]
    return _apart(text, a, b, (unit, noun, end))


def _bounded(tree, text, start, end) -> list[Quantity]:
    q1, m1, and_qual, m2 = tree.children
    first, second = read_qualifier(q1), Qual(and_qual_kind(and_qual.value))
    ms1, ms2 = read_measures(m1), read_measures(m2)
    if len(ms1) != 1 or len(ms2) != 1:
        return _single_parts(text, start, end, first, ms1, and_qual, ms2)
    meas1, meas2 = ms1[0], ms2[0]
    bounds = {first.kind: meas1.value, second.kind: meas2.value}
    lows = [k for k in bounds if k in LOWER_BOUND]
    highs = [k for k in bounds if k not in LOWER_BOUND]
    if len(lows) != 1 or len(highs) != 1 or first.kind == "approximate":
        return _single_parts(text, start, end, first, ms1, and_qual, ms2)
    low, high = bounds[lows[0]], bounds[highs[0]]
    if low > high or (low == high and (lows[0], highs[0]) != ("at_least", "at_most")):
        return _single_parts(text, start, end, first, ms1, and_qual, ms2)  # the bounds do not meet
    unit = meas2.unit or meas1.unit
    return [Quantity(
        text=text[start:end], start=start, end=end, qualifier="range", value=None, low=low,
        high=high, low_inclusive=lows[0] == "at_least", high_inclusive=highs[0] == "at_most",
        unit=unit, dimension=units.dimension(unit), hedge=first.hedge,
    )]


def _single_parts(text, start, end, first: Qual, ms1, and_qual, ms2) -> list[Quantity]:
    """"more than 40 and less than 10": two bounds that do not make one interval."""
    q2, start2 = read_and_qual(and_qual)
    m1, m2 = ms1[0], ms2[-1]
    end1 = m1.end if m1.end is not None else and_qual.start_pos
    while end1 > start and text[end1 - 1].isspace():
        end1 -= 1
    return [make(text, start, end1, first, m1), make(text, start2, m2.end if m2.end else end, q2, m2)]


def _part(tree, text, start, end) -> list[Quantity]:
    kids = tree.children
    q = Qual()
    if name(kids[0]) == "qualifier":
        q = read_qualifier(kids[0])
        kids = kids[1:]
    num = number_value(kids[0])
    wk = kids[2].children
    noun, whole, part_of, compound = None, None, wk[0].value.lower(), []
    if name(wk[0]) == "THE":
        for kid in wk[1:]:
            if is_number(kid):
                whole = number_value(kid).value
            elif name(kid) == "noun_phrase":
                word, end = head_noun(kid, Fraction(2))
                noun = singular(word.split()[-1])
            elif name(kid) == "compound":  # "two of the 40-year-old victims": 2 victims, and their age
                compound = [make(text, *span(kid), Qual(), m) for m in read_measures(Tree("compound", wk[1:]))]
        part_of = noun or "the"
    if compound:
        end = span(kids[0])[1]  # the part is the number, apart from the measure that follows it
    return [make(text, start, end, q, from_num(num, noun=noun), part_of=part_of, whole=whole), *compound]


def _ratio(tree, text, start, end) -> list[Quantity]:
    """"one in five adults", "two out of three": a part (the first number) of a whole (the second)."""
    kids = tree.children
    q = read_qualifier(kids[0]) if name(kids[0]) == "qualifier" else Qual()
    nums = [k for k in kids if is_number(k)]
    part, whole = number_value(nums[0]), number_value(nums[1])
    tail = next((k for k in kids if name(k) == "ratio_tail"), None)
    post = next((k.children[0] for k in kids if name(k) == "post_qualifier"), None)
    unit_tail = tail is not None and name(tail.children[0]) != "noun_phrase"
    if unit_tail or whole.year_like or part.value > whole.value or whole.value == 0:
        return _ratio_apart(text, start, end, q, nums, tail)  # "3 in 10 days", "5 in 2022", "12 in 6"
    noun, connector = None, next(k for k in kids if name(k) in ("IN", "OUT_OF"))
    if tail is not None:
        word, end = head_noun(tail.children[0], whole.value)
        noun = singular(word.split()[-1])
    if post is not None:
        q, end = apply_post(q, post), post.end_pos
    part_of = noun or " ".join(connector.value.lower().split())
    return [make(text, start, end, q, from_num(part, noun=noun), part_of=part_of, whole=whole.value)]


def _ratio_apart(text, start, end, q: Qual, nums, tail) -> list[Quantity]:
    """Each number alone, when the two are not a part and its whole ("3 in 10 days": 3, 10 days)."""
    first, second = number_value(nums[0]), number_value(nums[1])
    out = [make(text, start, span(nums[0])[1], q, from_num(first))]
    if not second.year_like:
        unit = unit_of(tail.children[0]) if tail is not None and name(tail.children[0]) != "noun_phrase" else None
        s2, e2 = span(nums[1])[0], (span(tail)[1] if unit else span(nums[1])[1])
        out.append(make(text, s2, e2, Qual(), Measure(second.value, unit)))
    return out


def _clock(tree, text, start, end) -> list[Quantity]:
    """"duration: 4:05" (minutes and seconds), "in 2:01:09", "1:42.97": a time taken, in seconds."""
    seconds = Fraction(0)
    for part in tree.children[-1].value.split(":"):  # the last part may have a fraction ("42.97")
        seconds = seconds * 60 + Fraction(part)
    return [make(text, start, end, Qual(), Measure(Fraction(seconds), "second"))]


def _change(tree, text, start, end) -> list[Quantity]:
    """"climbed from 40 to 67": one change (start 40, end 67; its interval is the end); "rose $2 to
    $85": the change ("delta" 2) and the level it reached (a change with no start)."""
    kids = tree.children[1:]
    has_from = name(kids[0]) == "FROM"
    (a, b), tail_unit, noun, end = range_sides(kids, end)
    unit_b = tail_unit or b.unit or (a.unit if has_from else None)
    if a.num.year_like and b.num.year_like and not (unit_b or a.unit or noun):
        return []  # "rose from 2019 to 2021": a span of years, not a change
    if has_from:
        return [exact(text, span(kids[0])[0], end, b.num.value, unit_b, noun=noun, kind="change",
                   first=a.num.value, second=b.num.value)]
    delta = exact(text, a.start, a.end, a.num.value, a.unit or (b.unit if b.unit != "percent" else None), kind="delta")
    return [delta, exact(text, b.start, end, b.num.value, unit_b, noun=noun, kind="change", second=b.num.value)]


_ANGLE_NOUNS = {"degree": "degree", "turn": "turn", "revolution": "turn"}


def _turned(tree, text, start, end) -> list[Quantity]:
    """"rotated 90 degrees", "spun three turns": after a verb of turning, degrees and turns are angles;
    anything else after the verb is read as it would be without it ("turned 18 last week")."""
    kids = tree.children[1:]
    out = _single(Tree("single", kids), text, span(kids[0])[0], end)
    if len(out) == 1 and out[0].unit is None and out[0].noun in _ANGLE_NOUNS:
        unit = _ANGLE_NOUNS[out[0].noun]
        out = [dataclasses.replace(out[0], unit=unit, dimension=units.dimension(unit), noun=None)]
    return out


BUILDERS = {
    "single": _single, "ranged": _ranged, "aged_range": _aged_range, "bounded": _bounded, "part": _part, "ratio": _ratio, "clock": _clock,
    "change": _change, "turned": _turned, **KIND_BUILDERS,
}
