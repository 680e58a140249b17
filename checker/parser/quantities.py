"""Parse trees of grammar/claims.lark -> Quantity values; and ``parse_text``, the ``parse`` command's core.

One match of the scanner usually gives one quantity.  It gives several when the words joined do not
make one interval: "more than 40 and less than 10" (two bounds that do not meet), "5 km, 3 km" (a
list, not "2 hours 30 minutes"), "rose 25% to 34,500 tonnes" (two dimensions, not a range).
Number trees are read by checker/parser/numbers.py; rule and terminal names are read without lark's import
namespace (``numbers__words`` -> ``words``).  How each form becomes an interval: docs/quantities.md.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from . import grammar, numbers, units
from checker.model import Quantity
from .numbers import NUMBER_RULES, Num, number_value

__all__ = ["find_quantities", "parse_text", "singular", "to_quantities"]

_QUALIFIER = {
    "MORE_THAN": "more_than",
    "AT_LEAST": "at_least",
    "LESS_THAN": "less_than",
    "AT_MOST": "at_most",
    "APPROX": "approximate",
    "NEARLY": "approximate",
}
_LOWER_BOUND = {"more_than", "at_least"}
_POINT = {"exact", "approximate"}

_IRREGULAR = {
    "men": "man", "women": "woman", "children": "child", "people": "person", "persons": "person",
    "feet": "foot", "teeth": "tooth", "mice": "mouse", "geese": "goose", "police": "police",
    "personnel": "personnel", "staff": "staff", "cattle": "cattle", "sheep": "sheep",
    "fish": "fish", "deer": "deer", "aircraft": "aircraft", "lives": "life", "wives": "wife",
    "knives": "knife", "halves": "half", "criteria": "criterion", "phenomena": "phenomenon",
    "data": "data", "media": "media", "series": "series", "species": "species", "news": "news",
    "militia": "militia", "clergy": "clergy", "crew": "crew", "buses": "bus", "viruses": "virus",
    "bonuses": "bonus", "campuses": "campus", "censuses": "census", "statuses": "status",
    "surpluses": "surplus", "gases": "gas", "lenses": "lens", "analyses": "analysis",
    "crises": "crisis", "theses": "thesis",
}
_NOT_PLURAL_ENDINGS = ("ss", "us", "is", "ous", "'s", "’s")
# "a ha moment", "a gal", "a mi": short unit words that are other words after "a"
_NOT_AFTER_A = {"ha", "gal", "mi", "in", "gr", "mm", "t", "l", "m", "g", "h", "s", "d", "y"}


def _name(node) -> str:
    return units.base_name(node.data if hasattr(node, "data") else node.type)


def _is_tree(node) -> bool:
    return hasattr(node, "data")


def _is_number(node) -> bool:
    return _is_tree(node) and _name(node) in NUMBER_RULES


def _tokens(tree):
    if _is_tree(tree):
        for child in tree.children:
            yield from _tokens(child)
    else:
        yield tree


def _span(node) -> tuple[int, int]:
    toks = list(_tokens(node))
    return toks[0].start_pos, toks[-1].end_pos


def singular(word: str) -> str:
    """A counted noun in its singular, lower-case form ("casualties" -> "casualty")."""
    w = word.lower().replace("’", "'")
    if w in _IRREGULAR:
        return _IRREGULAR[w]
    if w.endswith("ies") and len(w) > 4:
        return w[:-3] + "y"
    if w.endswith(("ches", "shes", "sses", "xes", "zes", "oes")):
        return w[:-2]
    if w.endswith("s") and not w.endswith(_NOT_PLURAL_ENDINGS):
        return w[:-1]
    return w


def _is_plural(word: str) -> bool:
    w = word.lower()
    if w in _IRREGULAR:
        return True
    return len(w) > 3 and w.endswith("s") and not w.endswith(_NOT_PLURAL_ENDINGS)


# ---------------------------------------------------------------------------- measures


@dataclass(slots=True)
class _Measure:
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


def _unit(tree) -> str:
    return units.unit_for_terminal(next(_tokens(tree)).type)


def _noun_words(tree) -> list:
    """noun_phrase -> [(text, start, end, kind)] for each noun word, then the `of` complement."""
    out = []
    for kid in tree.children:
        if _is_tree(kid):
            toks = list(_tokens(kid))
            out.append((" ".join(t.value for t in toks), toks[0].start_pos, toks[-1].end_pos, "word"))
        else:
            out.append((kid.value, kid.start_pos, kid.end_pos, "of"))
    return out


def _head(words: list, value: Fraction) -> tuple[int, int]:
    """(index of the head noun, end offset of the counted phrase)."""
    nouns = [w for w in words if w[3] == "word"]
    head = 0
    for i, w in enumerate(nouns):
        if "'" in w[0] or "’" in w[0]:
            continue
        if (value != 1 and _is_plural(w[0])) or (value == 1 and w[0][:1].islower()):
            head = i
            break
    end = nouns[head][2]
    idx = words.index(nouns[head])  # keep "of war" in "prisoners of war", "heads of state"
    if idx + 2 < len(words) and words[idx + 1][3] == "of":
        end = words[idx + 2][2]
    return head, end


def _head_noun(tree, value: Fraction) -> tuple[str, int]:
    words = _noun_words(tree)
    head, end = _head(words, value)
    nouns = [w for w in words if w[3] == "word"]
    return nouns[head][0], end


def _modifies(tree) -> str:
    words = [w for w in _noun_words(tree) if w[3] == "word"]
    kept = [words[0][0]]
    for w in words[1:]:
        if w[0][:1].isupper():
            break
        kept.append(w[0])
    return " ".join(kept).lower()


def _from_num(num: Num, **kw) -> _Measure:
    return _Measure(num.value, scaled=num.scaled, vague=num.vague, **kw)


def _bare(tree) -> list[_Measure]:
    num = number_value(tree.children[0])
    return [_from_num(num, end=num.ordinal_end, year_like=num.year_like, a_fraction=num.a_fraction)]


def _amount(tree) -> _Measure | None:
    """number unit / a unit / another unit, with "and a half": one piece of a with_unit measure."""
    value, unit, tok, vague = Fraction(1), None, None, False
    for kid in tree.children:
        kname = _name(kid)
        if _is_number(kid):
            num = number_value(kid)
            if num.ordinal_end is not None or num.a_fraction:
                return None  # "two millionth visitors", "a third year"
            value, vague = num.value, num.vague
        elif kname == "per":
            unit = f"{unit} / {_unit(kid.children[-1])}"
        elif _is_tree(kid):
            unit, tok = _unit(kid), next(_tokens(kid))
        elif kname == "AND_FRACTION":
            value += numbers.and_fraction_value(kid.value)
        elif kname == "A" and tok is None:
            tok = kid
    if _name(tree.children[0]) == "A" and _unit_text(tree) in _NOT_AFTER_A:
        return None
    start, end = _span(tree)
    return _Measure(value, unit, start=start, end=end, vague=vague)


def _unit_text(tree) -> str:
    return next(_tokens(tree.children[1])).value.lower()


def _continues(prev: str, nxt: str) -> bool:
    """Does a unit continue the one before in a compound ("2 hours 30 minutes", "5 ft 2 in")?"""
    if prev == nxt or "percent" in (prev, nxt) or "/" in prev + nxt:
        return False
    if units.dimension(prev) != units.dimension(nxt):
        return False
    try:
        return units.convert(Fraction(1), prev, nxt) > 1
    except Exception:
        return False


def _sum(group: list[_Measure]) -> _Measure:
    if len(group) == 1:
        return group[0]
    target = group[-1].unit
    total = sum((units.convert(m.value, m.unit, target) for m in group), Fraction(0))
    vague = any(m.vague for m in group)
    return _Measure(total, target, start=group[0].start, end=group[-1].end, vague=vague)


def _inches(number, tok) -> _Measure:
    """The "2 in" that ends "5 ft 2 in"."""
    return _Measure(number_value(number).value, "inch", start=_span(number)[0], end=tok.end_pos)


def _with_unit(tree) -> list[_Measure]:
    groups: list[list[_Measure]] = []
    kids = tree.children
    for i, kid in enumerate(kids):
        if _name(kid) == "IN":
            m = _inches(kids[i - 1], kid)
        elif _is_tree(kid) and _name(kid) == "amount":
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


def _age(tree) -> list[_Measure]:
    kids = tree.children
    if _name(kids[0]) == "AGED":
        return [_Measure(number_value(kids[1]).value, "year")]
    unit = "year" if _name(kids[1]) == "YO" else _unit(kids[1])
    return [_Measure(number_value(kids[0]).value, unit)]


def _counted(tree) -> list[_Measure]:
    kids = tree.children
    num = number_value(kids[0])
    phrase = next(k for k in kids if _is_tree(k) and _name(k) == "noun_phrase")
    word, end = _head_noun(phrase, num.value)
    if num.ordinal_end is not None or num.a_fraction:
        return []  # "two millionth visitors", "a fifth term": ordinals
    first_word = next(_tokens(phrase)).value
    if num.year_like and (first_word[:1].isupper() or not _is_plural(word)):
        return []  # "the 2022 Istanbul meetings", "in 2022 alone": a year, not a count
    each = _name(kids[-1]) == "EACH"
    return [_from_num(num, noun=singular(word.split()[-1]), distributive=each, end=None if each else end)]


def _m_counted(tree) -> list[_Measure]:
    """"2m subscribers" is two million of them; "a 100m sprint", "1.8m tall" are metres."""
    kids = tree.children
    num = number_value(kids[0])
    word, end = _head_noun(kids[2], Fraction(2))
    if _is_plural(word) and not word[:1].isupper():
        return [_Measure(num.value * 10**6, noun=singular(word.split()[-1]), end=end, scaled=10**6)]
    return [_Measure(num.value, "meter", end=kids[1].end_pos)]


def _money(tree) -> list[_Measure]:
    code, num, million = None, None, False
    for kid in tree.children:
        kname = _name(kid)
        if _is_number(kid):
            num = number_value(kid)
        elif kname in ("currency_symbol", "currency_code", "currency_word"):
            tok = kid.children[0]
            code = code or units.currency_for_terminal(tok.type, tok.value)
            if _name(tok) == "CUR_CENT" and num is not None:
                num = Num(num.value / 100)
        elif kname == "U_METER_G":
            million = True
    value = num.value * (10**6 if million else 1)
    return [_Measure(value, code, scaled=10**6 if million else num.scaled)]


def _compound(tree) -> list[_Measure]:
    kids = tree.children
    inner = [k for k in kids[0].children if _name(k) != "A"]
    if _name(inner[0]) == "time_unit":  # "hour-long", "an hour-long"
        m = _Measure(Fraction(1), _unit(inner[0]))
    else:
        num = number_value(inner[0])
        if num.ordinal_end is not None or num.a_fraction:
            return []
        m = _Measure(num.value, _unit(inner[1]))
    m.end = _span(kids[0])[1]
    if len(kids) > 1:
        m.modifies = _modifies(kids[1])
    return [m]


def _half_unit(tree) -> list[_Measure]:
    return [_Measure(Fraction(1, 2), _unit(tree.children[-1]))]


def _fraction_of_unit(tree) -> list[_Measure]:
    return [_Measure(number_value(tree.children[0]).value, _unit(tree.children[-1]))]


def _whole_unit(tree) -> list[_Measure]:
    return [_Measure(Fraction(1), _unit(tree.children[-1]))]


_MEASURES = {
    "bare": _bare, "with_unit": _with_unit, "age": _age, "counted": _counted, "m_counted": _m_counted,
    "money_prefix": _money, "money_suffix": _money, "compound": _compound,
    "half_unit": _half_unit, "fraction_of_unit": _fraction_of_unit, "whole_unit": _whole_unit,
}


def _measures(tree) -> list[_Measure]:
    """A measure tree -> its measured values (several for a list such as "5 km, 3 km")."""
    name = _name(tree)
    if name in ("money", "measure"):
        return _measures(tree.children[0])
    return _MEASURES[name](tree)


# ---------------------------------------------------------------------------- qualifiers


@dataclass(frozen=True, slots=True)
class _Qual:
    kind: str = "exact"
    hedge: str | None = None
    nearly: bool = False


def _qualifier(tree) -> _Qual:
    tok = tree.children[0]
    kind = _name(tok)
    return _Qual(_QUALIFIER[kind], tok.value, kind == "NEARLY")


def _and_qual_kind(text: str) -> str:
    """The bound an "and ..." phrase sets: "and less than" -> less_than, "and at least" -> at_least."""
    t = text.lower()
    lower = any(w in t for w in ("least", "more", "greater", "larger", "higher", "over", "above", "bigger"))
    inclusive = "least" in t or "most" in t or "equal" in t or "no " in t or "up" in t
    if "no " in t:
        lower = not lower
    if lower:
        return "at_least" if inclusive else "more_than"
    return "at_most" if inclusive else "less_than"


def _and_qual(tok) -> tuple[_Qual, int]:
    """An "and more than" that starts a quantity: its qualifier, and where the text after "and" starts."""
    rest = tok.value[3:]
    skip = 3 + len(rest) - len(rest.lstrip(" \t\n-"))
    return _Qual(_and_qual_kind(tok.value), tok.value[skip:]), tok.start_pos + skip


def _post(q: _Qual, tok) -> _Qual:
    """Apply "or more", "or less", "or so", "or equal to" after the number."""
    kind, text = _name(tok), tok.value
    if kind == "OR_MORE" and q.kind in _POINT:
        return _Qual("at_least", q.hedge or text)
    if kind == "OR_LESS" and q.kind in _POINT:
        return _Qual("at_most", q.hedge or text)
    if kind == "OR_SO" and q.kind == "exact":
        return _Qual("approximate", text)
    if kind == "OR_EQUAL" and q.kind in ("more_than", "less_than"):
        return _Qual("at_least" if q.kind == "more_than" else "at_most", q.hedge)
    return q


def _make(text: str, start: int, end: int, q: _Qual, m: _Measure, **extra) -> Quantity:
    kind = "approximate" if m.vague and q.kind == "exact" else q.kind
    low, high, low_inc, high_inc = numbers.interval(kind, m.value, q.nearly)
    return Quantity(
        text=text[start:end], start=start, end=end, qualifier=kind, value=m.value,
        low=low, high=high, low_inclusive=low_inc, high_inclusive=high_inc, unit=m.unit,
        dimension=units.dimension(m.unit), hedge=q.hedge, noun=m.noun, modifies=m.modifies,
        distributive=m.distributive, **extra,
    )


# ---------------------------------------------------------------------------- quantities


def _not_a_number(measures: list[_Measure], q: _Qual, post, after: str) -> bool:
    """A year on its own ("in 2022"), or "a fifth" that starts "a fifth-generation jet"."""
    if len(measures) != 1:
        return False
    m = measures[0]
    if m.year_like and q.kind == "exact" and post is None:
        return True
    return m.a_fraction and after in ("-", "\u2010", "\u2011")


def _single(tree, text, start, end) -> list[Quantity]:
    q, post, measures = _Qual(), None, []
    for kid in tree.children:
        kname = _name(kid)
        if kname == "qualifier":
            q = _qualifier(kid)
        elif kname == "AND_QUAL":
            q, start = _and_qual(kid)
        elif kname == "post_qualifier":
            post = kid.children[0]
        else:
            measures = _measures(kid)
    if not measures or _not_a_number(measures, q, post, text[end:end + 1]):
        return []
    out = []
    for i, m in enumerate(measures):
        first, last = i == 0, i == len(measures) - 1
        mq = q if first else _Qual()
        if last and post is not None:
            mq = _post(mq, post)
        s = start if first else m.start
        e = post.end_pos if last and post is not None else (m.end if m.end is not None else end)
        out.append(_make(text, s, e, mq, m))
    return out


def _range_side(tree) -> tuple[Num, str | None]:
    num, unit, sign = None, None, 1
    for kid in tree.children:
        kname = _name(kid)
        if kname == "MINUS":
            sign = -1
        elif _is_number(kid):
            num = number_value(kid)
            num = Num(sign * num.value, num.scaled, num.year_like)
        elif kname == "currency_symbol":
            tok = kid.children[0]
            unit = units.currency_for_terminal(tok.type, tok.value)
        elif _is_tree(kid):
            unit = _unit(kid)
    return num, unit


@dataclass(slots=True)
class _Side:
    num: Num
    unit: str | None
    start: int
    end: int


def _sides(rng) -> tuple[list[_Side], object]:
    """The two sides of a range tree, and its tail (a noun phrase or currency word) or None."""
    sides: list[_Side] = []
    currency, tail = None, None
    for kid in rng.children:
        kname = _name(kid)
        if kname in ("range_first", "range_side", "range_end"):
            num, unit = _range_side(kid)
            sides.append(_Side(num, unit, *_span(kid)))
        elif _is_number(kid):
            sides.append(_Side(number_value(kid), currency, *_span(kid)))
            currency = None
        elif kname == "currency_symbol":
            tok = kid.children[0]
            currency = units.currency_for_terminal(tok.type, tok.value)
        elif kname == "range_tail":
            tail = kid.children[0]
        elif _is_tree(kid):  # the unit of "3km-5km"
            sides[-1].unit = _unit(kid)
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


def _apart(text: str, a: _Side, b: _Side) -> list[Quantity]:
    """"rose 25% to 34,500 tonnes": two quantities, not a range."""
    return [_make(text, s.start, s.end, _Qual(), _Measure(s.num.value, s.unit)) for s in (a, b)]


def _ranged(tree, text, start, end) -> list[Quantity]:
    hedge = tree.children[0].children[0].value if len(tree.children) > 1 else None
    (a, b), tail = _sides(tree.children[-1])
    noun, unit = None, None
    if tail is not None and _name(tail) == "noun_phrase":
        word, end = _head_noun(tail, Fraction(2))
        noun = singular(word.split()[-1])
    elif tail is not None:
        tok = tail.children[0]
        unit = units.currency_for_terminal(tok.type, tok.value)
    if not _compatible(a.unit, b.unit):
        return _apart(text, a, b)
    if a.num.year_like and b.num.year_like and not (unit or a.unit or b.unit):
        return []  # "2014-2022": a span of years
    unit = unit or b.unit or a.unit
    low, high = a.num.value, b.num.value
    if b.num.scaled > 1 and a.num.scaled == 1 and low * b.num.scaled <= high:
        low *= b.num.scaled  # "between 5 and 10 million"
    if a.unit and b.unit and a.unit != b.unit and not a.unit.isupper():
        low = units.convert(low, a.unit, b.unit)
    low, high = min(low, high), max(low, high)
    return [Quantity(
        text=text[start:end], start=start, end=end, qualifier="range", value=None,
        low=low, high=high, low_inclusive=True, high_inclusive=True, unit=unit,
        dimension=units.dimension(unit), noun=noun, hedge=hedge,
    )]


def _bounded(tree, text, start, end) -> list[Quantity]:
    q1, m1, and_qual, m2 = tree.children
    first, second = _qualifier(q1), _Qual(_and_qual_kind(and_qual.value))
    ms1, ms2 = _measures(m1), _measures(m2)
    if len(ms1) != 1 or len(ms2) != 1:
        return _single_parts(text, start, end, first, ms1, and_qual, ms2)
    meas1, meas2 = ms1[0], ms2[0]
    bounds = {first.kind: meas1.value, second.kind: meas2.value}
    lows = [k for k in bounds if k in _LOWER_BOUND]
    highs = [k for k in bounds if k not in _LOWER_BOUND]
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


def _single_parts(text, start, end, first: _Qual, ms1, and_qual, ms2) -> list[Quantity]:
    """"more than 40 and less than 10": two bounds that do not make one interval."""
    q2, start2 = _and_qual(and_qual)
    m1, m2 = ms1[0], ms2[-1]
    end1 = m1.end if m1.end is not None else and_qual.start_pos
    while end1 > start and text[end1 - 1].isspace():
        end1 -= 1
    return [_make(text, start, end1, first, m1), _make(text, start2, m2.end if m2.end else end, q2, m2)]


def _part(tree, text, start, end) -> list[Quantity]:
    kids = tree.children
    q = _Qual()
    if _name(kids[0]) == "qualifier":
        q = _qualifier(kids[0])
        kids = kids[1:]
    num = number_value(kids[0])
    wk = kids[2].children
    noun, whole, part_of = None, None, wk[0].value.lower()
    if _name(wk[0]) == "THE":
        for kid in wk[1:]:
            if _is_number(kid):
                whole = number_value(kid).value
            elif _name(kid) == "noun_phrase":
                word, end = _head_noun(kid, Fraction(2))
                noun = singular(word.split()[-1])
        part_of = noun or "the"
    return [_make(text, start, end, q, _from_num(num, noun=noun), part_of=part_of, whole=whole)]


def _ratio(tree, text, start, end) -> list[Quantity]:
    """"one in five adults", "two out of three": a part (the first number) of a whole (the second)."""
    kids = tree.children
    q = _qualifier(kids[0]) if _name(kids[0]) == "qualifier" else _Qual()
    nums = [k for k in kids if _is_number(k)]
    part, whole = number_value(nums[0]), number_value(nums[1])
    tail = next((k for k in kids if _name(k) == "ratio_tail"), None)
    post = next((k.children[0] for k in kids if _name(k) == "post_qualifier"), None)
    unit_tail = tail is not None and _name(tail.children[0]) != "noun_phrase"
    if unit_tail or whole.year_like or part.value > whole.value or whole.value == 0:
        return _ratio_apart(text, start, end, q, nums, tail)  # "3 in 10 days", "5 in 2022", "12 in 6"
    noun, connector = None, next(k for k in kids if _name(k) in ("IN", "OUT_OF"))
    if tail is not None:
        word, end = _head_noun(tail.children[0], whole.value)
        noun = singular(word.split()[-1])
    if post is not None:
        q, end = _post(q, post), post.end_pos
    part_of = noun or " ".join(connector.value.lower().split())
    return [_make(text, start, end, q, _from_num(part, noun=noun), part_of=part_of, whole=whole.value)]


def _ratio_apart(text, start, end, q: _Qual, nums, tail) -> list[Quantity]:
    """Each number alone, when the two are not a part and its whole ("3 in 10 days": 3, 10 days)."""
    first, second = number_value(nums[0]), number_value(nums[1])
    out = [_make(text, start, _span(nums[0])[1], q, _from_num(first))]
    if not second.year_like:
        unit = _unit(tail.children[0]) if tail is not None and _name(tail.children[0]) != "noun_phrase" else None
        s2, e2 = _span(nums[1])[0], (_span(tail)[1] if unit else _span(nums[1])[1])
        out.append(_make(text, s2, e2, _Qual(), _Measure(second.value, unit)))
    return out


def _clock(tree, text, start, end) -> list[Quantity]:
    parts = [int(p) for p in tree.children[-1].value.split(":")]
    seconds = parts[0] * 60 + parts[1] if len(parts) == 2 else parts[0] * 3600 + parts[1] * 60 + parts[2]
    return [_make(text, start, end, _Qual(), _Measure(Fraction(seconds), "second"))]


_BUILDERS = {
    "single": _single, "ranged": _ranged, "bounded": _bounded, "part": _part, "ratio": _ratio, "clock": _clock,
}


def to_quantities(tree, text: str, start: int, end: int) -> list[Quantity]:
    """One quantity tree -> its Quantities (none for what only looks like one, such as a year)."""
    return _BUILDERS[_name(tree)](tree, text, start, end)


def _token_range(starts: list, ends: list, first: int, last: int, q: Quantity) -> tuple[int, int]:
    """The token indices (first, last exclusive) that quantity ``q`` covers within a match."""
    lo = next((i for i in range(first, last) if ends[i] > q.start), first)
    hi = next((i for i in range(last - 1, lo - 1, -1) if starts[i] < q.end), last - 1)
    return lo, hi + 1


def find_quantities(text: str, toks=None, start_at: int = 0, stop_at: int | None = None):
    """Yield (first token index, last token index (exclusive), Quantity) for every quantity in ``text``
    (``toks``: its ``grammar.lex(text)``, or a list of lark tokens; lexed here when not given)."""
    lexed = grammar.lex(text) if toks is None else grammar.as_lexed(toks, text)
    starts, ends = lexed.starts, lexed.ends
    for m in grammar.scan(lexed, start_at, stop_at):
        start, end = starts[m.first], ends[m.last - 1]
        try:
            found = to_quantities(m.tree, text, start, end)
        except (ArithmeticError, KeyError, IndexError, ValueError, StopIteration):
            continue  # a form the transform cannot read is not a quantity; never fail a whole text
        for q in found:
            yield (*_token_range(starts, ends, m.first, m.last, q), q)


def parse_text(text: str) -> list[Quantity]:
    """Every quantity in ``text``, in order."""
    return [q for _, _, q in find_quantities(text)]

