"""Parse trees of grammar/claims.lark -> Quantity values; and ``parse_text``, the ``parse`` command's core.

Rule and terminal names are read without lark's import namespace (``numbers__words`` -> ``words``).
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from . import grammar, numbers, units
from .model import Quantity

__all__ = ["find_quantities", "parse_text", "singular"]

_QUALIFIER = {
    "MORE_THAN": "more_than",
    "AT_LEAST": "at_least",
    "LESS_THAN": "less_than",
    "AT_MOST": "at_most",
    "APPROX": "approximate",
    "NEARLY": "approximate",
    "OR_MORE": "at_least",
    "OR_LESS": "at_most",
    "OR_SO": "approximate",
}
_LOWER_BOUND = {"more_than", "at_least"}

_IRREGULAR = {
    "men": "man", "women": "woman", "children": "child", "people": "person", "persons": "person",
    "feet": "foot", "teeth": "tooth", "mice": "mouse", "geese": "goose", "police": "police",
    "personnel": "personnel", "staff": "staff", "cattle": "cattle", "sheep": "sheep",
    "fish": "fish", "deer": "deer", "aircraft": "aircraft", "lives": "life", "wives": "wife",
    "knives": "knife", "halves": "half", "criteria": "criterion", "phenomena": "phenomenon",
    "data": "data", "media": "media", "series": "series", "species": "species", "news": "news",
    "militia": "militia", "clergy": "clergy", "crew": "crew",
}
_NOT_PLURAL_ENDINGS = ("ss", "us", "is", "ous", "'s", "’s")


def _name(node) -> str:
    return units.base_name(node.data if hasattr(node, "data") else node.type)


_NUMBER_RULES = frozenset(
    {"number", "digits", "words", "a_scale", "half", "fraction_only", "digits_and_fraction",
     "and_fraction", "word_fraction", "below_hundred"}
)


def _is_number(node) -> bool:
    return hasattr(node, "data") and _name(node) in _NUMBER_RULES


def _tokens(tree):
    if hasattr(tree, "data"):
        for child in tree.children:
            yield from _tokens(child)
    else:
        yield tree


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


# ---------------------------------------------------------------------------- numbers


@dataclass(frozen=True, slots=True)
class _Num:
    value: Fraction
    scaled: int = 1  # the scale word written last ("10 million" -> 10**6), for ranges
    year_like: bool = False


def _tails(current: Fraction, tails) -> Fraction:
    total = Fraction(0)
    for tail in tails:
        kids = tail.children
        current *= numbers.word_value(kids[0].value)
        total += current
        current = Fraction(0)
        for kid in kids[1:]:
            if hasattr(kid, "data"):
                current = _below_thousand(kid)
    return total + current


def _below_hundred(tree) -> Fraction:
    return numbers.word_value(tree.children[0].value)


def _below_thousand(tree) -> Fraction:
    kids = tree.children
    if _name(kids[0]) == "below_hundred":
        value = _below_hundred(kids[0])
    else:
        value = _below_thousand(kids[0])
    if len(kids) == 1:
        return value
    second = _name(kids[1])
    if second == "DOZEN":
        return value * 12
    value *= 100
    for kid in kids[2:]:
        if hasattr(kid, "data"):
            value += _below_hundred(kid)
    return value


def _digits(tree) -> _Num:
    kids = tree.children
    first = kids[0]
    value = numbers.digits_value(first.value)
    scale = 1
    for kid in kids[1:]:
        factor = numbers.word_value(kid.children[0].value)
        value *= factor
        scale = int(factor)
    if _name(first) == "DIGITS_SUFFIXED":
        scale = int(numbers.digits_value("1" + first.value.lstrip("0123456789.,")))
    year_like = (
        len(kids) == 1 and _name(first) == "DIGITS_PLAIN" and len(first.value) == 4
        and 1800 <= int(first.value) <= 2100
    )
    return _Num(value, scale, year_like)


def _number(tree) -> _Num:
    """Any `number`-like subtree -> its exact value."""
    name = _name(tree)
    kids = tree.children
    if name == "number":
        return _number(kids[0])
    if name == "digits":
        return _digits(tree)
    if name == "words":
        below = _below_thousand(kids[0])
        tails = [k for k in kids[1:] if _name(k) == "scale_tail"]
        scale = int(numbers.word_value(tails[-1].children[0].value)) if tails else 1
        return _Num(_tails(below, tails), scale)
    if name == "below_hundred":
        return _Num(_below_hundred(tree))
    if name == "a_scale":
        second = kids[1]
        if _name(second) == "DOZEN":
            return _Num(Fraction(12))
        if _name(second) == "HUNDRED":
            value = Fraction(100)
            rest = kids[2:]
            if rest and _name(rest[0]) == "AND_NUM":
                rest = rest[1:]
            if rest and _name(rest[0]) == "below_hundred":
                value += _below_hundred(rest[0])
                rest = rest[1:]
            return _Num(_tails(value, rest))
        tails = kids[1:]
        return _Num(_tails(Fraction(1), tails), int(numbers.word_value(tails[-1].children[0].value)))
    if name == "half":
        return _Num(Fraction(1, 2))
    if name == "fraction_only":
        return _Num(numbers.digits_value(kids[0].value))
    if name in ("digits_and_fraction",):
        whole = _number(kids[0]).value
        return _Num(whole + numbers.digits_value(kids[-1].value))
    if name == "and_fraction":
        whole = _number(kids[0]).value
        word = kids[-1].value.replace("-", " ").split()[-1]
        return _Num(whole + Fraction(1, numbers.denominator(word)))
    if name == "word_fraction":
        head = kids[0]
        numerator = Fraction(1) if _name(head) == "A" else _number(head).value
        return _Num(numerator / numbers.denominator(kids[-1].value))
    if name == "range_first":
        return _number(kids[-1]) if _name(kids[0]) == "currency_symbol" else _number(kids[0])
    raise ValueError(f"not a number: {name}")


# ---------------------------------------------------------------------------- measures


@dataclass(slots=True)
class _Measure:
    value: Fraction
    unit: str | None = None
    noun: str | None = None
    modifies: str | None = None
    distributive: bool = False
    end: int | None = None  # where the quantity's text ends, when before the match's end
    year_like: bool = False
    scaled: int = 1


def _unit(tree) -> str:
    tok = next(_tokens(tree))
    return units.unit_for_terminal(tok.type)


def _noun_words(tree) -> list:
    """noun_phrase -> [(text, start, end)] for each noun word, then the `of` complement."""
    out = []
    for kid in tree.children:
        if hasattr(kid, "data"):
            toks = list(_tokens(kid))
            out.append((" ".join(t.value for t in toks), toks[0].start_pos, toks[-1].end_pos, "word"))
        else:
            out.append((kid.value, kid.start_pos, kid.end_pos, "of"))
    return out


def _head(words: list, value: Fraction) -> tuple[int, int]:
    """(index of the head noun, end offset of the counted phrase)."""
    nouns = [w for w in words if w[3] == "word"]
    head = None
    for i, w in enumerate(nouns):
        if "'" in w[0] or "’" in w[0]:
            continue
        if value != 1 and _is_plural(w[0]):
            head = i
            break
        if value == 1 and w[0][:1].islower():
            head = i
            break
    if head is None:
        head = 0
    end = nouns[head][2]
    # keep an "of" complement right after the head: "prisoners of war", "heads of state"
    idx = words.index(nouns[head])
    if idx + 2 < len(words) + 1 and idx + 1 < len(words) and words[idx + 1][3] == "of" and idx + 2 < len(words):
        end = words[idx + 2][2]
    return head, end


def _modifies(tree) -> str:
    words = [w for w in _noun_words(tree) if w[3] == "word"]
    kept = [words[0][0]]
    for w in words[1:]:
        if w[0][:1].isupper():
            break
        kept.append(w[0])
    return " ".join(kept).lower()


def _measure(tree) -> _Measure | None:
    name = _name(tree)
    kids = tree.children
    if name == "bare":
        num = _number(kids[0])
        return _Measure(num.value, year_like=num.year_like, scaled=num.scaled)
    if name == "with_unit":
        pairs = [(kids[i], kids[i + 1]) for i in range(len(kids) - 1) if _is_number(kids[i])]
        values = [(_number(n).value, _unit(u)) for n, u in pairs]
        if len(values) == 1:
            return _Measure(values[0][0], values[0][1], scaled=_number(pairs[0][0]).scaled)
        target = values[-1][1]
        try:
            total = sum((units.convert(v, u, target) for v, u in values), Fraction(0))
        except Exception:
            return _Measure(values[0][0], values[0][1])
        return _Measure(total, target)
    if name == "unit_and_fraction":
        word = kids[-1].value.replace("-", " ").split()[-1]
        return _Measure(_number(kids[0]).value + Fraction(1, numbers.denominator(word)), _unit(kids[1]))
    if name == "age":
        if _name(kids[0]) == "AGED":
            return _Measure(_number(kids[1]).value, "year")
        return _Measure(_number(kids[0]).value, _unit(kids[1]))
    if name == "counted":
        num = _number(kids[0])
        words = _noun_words(kids[1])
        head, end = _head(words, num.value)
        nouns = [w for w in words if w[3] == "word"]
        if num.year_like and (nouns[head][0][:1].isupper() or not _is_plural(nouns[head][0])):
            return None
        each = len(kids) > 2
        word = nouns[head][0].split()[-1]
        return _Measure(
            num.value, noun=singular(word), distributive=each,
            end=None if each else end, scaled=num.scaled,
        )
    if name in ("money_prefix", "money_suffix"):
        code = None
        num = None
        million = False
        for kid in kids:
            kname = _name(kid)
            if _is_number(kid):
                num = _number(kid)
            elif kname in ("currency_symbol", "currency_code", "currency_word"):
                tok = kid.children[0]
                code = code or units.currency_for_terminal(tok.type, tok.value)
                if _name(tok) == "CUR_CENT":
                    num = _Num(num.value / 100) if num else num
            elif kname == "U_METER_G":
                million = True
        value = num.value * (10**6 if million else 1)
        return _Measure(value, code, scaled=10**6 if million else num.scaled)
    if name == "compound":
        inner = kids[0]
        ikids = inner.children
        if _name(ikids[0]) == "time_unit":  # "hour-long"
            m = _Measure(Fraction(1), _unit(ikids[0]))
        else:
            m = _Measure(_number(ikids[0]).value, _unit(ikids[1]))
        m.end = inner_end(inner)
        if len(kids) > 1:
            m.modifies = _modifies(kids[1])
        return m
    if name == "a_unit":
        value = Fraction(1)
        if len(kids) > 2:
            word = kids[2].value.replace("-", " ").split()[-1]
            value += Fraction(1, numbers.denominator(word))
        return _Measure(value, _unit(kids[1]))
    if name == "half_unit":
        return _Measure(Fraction(1, 2), _unit(kids[2]))
    if name == "fraction_of_unit":
        return _Measure(_number(kids[0]).value, _unit(kids[-1]))
    if name in ("money", "measure"):
        return _measure(kids[0])
    raise ValueError(f"unknown measure {name}")


def inner_end(tree) -> int:
    return list(_tokens(tree))[-1].end_pos


# ---------------------------------------------------------------------------- quantities


def _qualifier(tree) -> tuple[str, str, bool]:
    tok = tree.children[0]
    kind = _name(tok)
    return _QUALIFIER[kind], tok.value, kind == "NEARLY"


def _make(text, start, end, qualifier, value, unit, *, hedge=None, nearly=False, **extra) -> Quantity:
    low, high, low_inc, high_inc = numbers.interval(qualifier, value, nearly)
    return Quantity(
        text=text[start:end], start=start, end=end, qualifier=qualifier, value=value,
        low=low, high=high, low_inclusive=low_inc, high_inclusive=high_inc,
        unit=unit, dimension=units.dimension(unit), hedge=hedge, **extra,
    )


def _single(tree, text, start, end) -> Quantity | None:
    qualifier, hedge, nearly = "exact", None, False
    measure = None
    for kid in tree.children:
        kname = _name(kid)
        if kname == "qualifier":
            qualifier, hedge, nearly = _qualifier(kid)
        elif kname == "post_qualifier":
            if qualifier == "exact":
                qualifier, hedge, nearly = _QUALIFIER[_name(kid.children[0])], kid.children[0].value, False
            end = kid.children[0].end_pos if measure and measure.end is None else end
        else:
            measure = _measure(kid)
            if measure is None:
                return None
    if measure.year_like and qualifier == "exact":
        return None
    if measure.end is not None:
        end = measure.end
    return _make(
        text, start, end, qualifier, measure.value, measure.unit, hedge=hedge, nearly=nearly,
        noun=measure.noun, modifies=measure.modifies, distributive=measure.distributive,
    )


def _range_side(tree) -> tuple[_Num, str | None]:
    kids = tree.children
    unit = None
    num = None
    for kid in kids:
        kname = _name(kid)
        if _is_number(kid):
            num = _number(kid)
        elif kname == "currency_symbol":
            tok = kid.children[0]
            unit = units.currency_for_terminal(tok.type, tok.value)
        else:
            unit = _unit(kid)
    return num, unit


def _ranged(tree, text, start, end) -> Quantity:
    hedge = None
    rng = tree.children[-1]
    if len(tree.children) > 1:
        hedge = tree.children[0].children[0].value
    sides = []
    noun = None
    unit = None
    kids = rng.children
    i = 0
    while i < len(kids):
        kid = kids[i]
        kname = _name(kid)
        if kname in ("range_first", "range_side"):
            sides.append(_range_side(kid))
        elif _is_number(kid):
            sides.append((_number(kid), None))
        elif kname == "currency_symbol":
            tok = kid.children[0]
            cur = units.currency_for_terminal(tok.type, tok.value)
            sides.append((_number(kids[i + 1]), cur))
            i += 1
        elif kname == "range_tail":
            tail = kid.children[0]
            if _name(tail) == "noun_phrase":
                words = _noun_words(tail)
                head, tail_end = _head(words, Fraction(2))
                nouns = [w for w in words if w[3] == "word"]
                noun = singular(nouns[head][0].split()[-1])
                end = tail_end
            else:
                tok = tail.children[0]
                unit = units.currency_for_terminal(tok.type, tok.value)
        i += 1
    (a, ua), (b, ub) = sides[0], sides[1]
    unit = unit or ub or ua
    low, high = a.value, b.value
    if b.scaled > 1 and a.scaled == 1 and low * b.scaled <= high:
        low *= b.scaled
    if ua and ub and ua != ub and not (ua.isupper()):
        try:
            low = units.convert(low, ua, ub)
        except Exception:
            pass
    low, high = min(low, high), max(low, high)
    return Quantity(
        text=text[start:end], start=start, end=end, qualifier="range", value=None,
        low=low, high=high, low_inclusive=True, high_inclusive=True, unit=unit,
        dimension=units.dimension(unit), noun=noun, hedge=hedge,
    )


def _bounded(tree, text, start, end) -> Quantity:
    q1, m1, and_qual, m2 = tree.children
    first = _qualifier(q1)[0]
    second_text = and_qual.value.lower()
    meas1, meas2 = _measure(m1), _measure(m2)
    unit = meas2.unit or meas1.unit
    second = "at_most"
    if any(w in second_text for w in ("least", "more", "greater", "larger", "higher", "over", "above", "bigger")):
        second = "at_least" if ("least" in second_text or "equal" in second_text) else "more_than"
    elif "equal" not in second_text and any(w in second_text for w in ("less", "fewer", "lower", "smaller", "under", "below")):
        second = "less_than"
    bounds = {first: meas1.value, second: meas2.value}
    low = high = None
    low_inc = high_inc = False
    for qual, val in bounds.items():
        if qual in _LOWER_BOUND:
            low, low_inc = val, qual == "at_least"
        else:
            high, high_inc = val, qual == "at_most"
    if low is not None and high is not None and low > high:
        low, high = high, low
    return Quantity(
        text=text[start:end], start=start, end=end, qualifier="range", value=None, low=low,
        high=high, low_inclusive=low_inc, high_inclusive=high_inc, unit=unit,
        dimension=units.dimension(unit), hedge=q1.children[0].value,
    )


def _part(tree, text, start, end) -> Quantity:
    kids = tree.children
    qualifier, hedge, nearly = "exact", None, False
    if _name(kids[0]) == "qualifier":
        qualifier, hedge, nearly = _qualifier(kids[0])
        kids = kids[1:]
    value = _number(kids[0]).value
    whole_tree = kids[2]
    wk = whole_tree.children
    noun = None
    whole = None
    part_of = "which"
    if _name(wk[0]) == "THE":
        for kid in wk[1:]:
            if _is_number(kid):
                whole = _number(kid).value
            elif _name(kid) == "noun_phrase":
                words = _noun_words(kid)
                head, end = _head(words, Fraction(2))
                nouns = [w for w in words if w[3] == "word"]
                noun = singular(nouns[head][0].split()[-1])
        part_of = noun or "the"
    else:
        part_of = wk[0].value.lower()
    return _make(
        text, start, end, qualifier, value, None, hedge=hedge, nearly=nearly, noun=noun,
        part_of=part_of, whole=whole,
    )


def _clock(tree, text, start, end) -> Quantity:
    clock = tree.children[-1].value
    parts = [int(p) for p in clock.split(":")]
    if len(parts) == 2:
        seconds = parts[0] * 60 + parts[1]
    else:
        seconds = parts[0] * 3600 + parts[1] * 60 + parts[2]
    return _make(text, start, end, "exact", Fraction(seconds), "second", hedge=None)


_BUILDERS = {"single": _single, "ranged": _ranged, "bounded": _bounded, "part": _part, "clock": _clock}


def to_quantity(tree, text: str, start: int, end: int) -> Quantity | None:
    """One quantity tree -> a Quantity (or None for what only looks like one, such as a year)."""
    return _BUILDERS[_name(tree)](tree, text, start, end)


def find_quantities(text: str, toks: list | None = None, start_at: int = 0, stop_at: int | None = None):
    """Yield (first token index, last token index, Quantity) for every quantity in ``text``."""
    if toks is None:
        toks = grammar.tokens(text)
    for m in grammar.scan(toks, start_at, stop_at):
        start = toks[m.first].start_pos
        end = toks[m.last - 1].end_pos
        q = to_quantity(m.tree, text, start, end)
        if q is not None:
            yield m.first, m.last, q


def parse_text(text: str) -> list[Quantity]:
    """Every quantity in ``text``, in order."""
    return [q for _, _, q in find_quantities(text)]
