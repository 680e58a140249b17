"""Qualifiers ("more than", "about", "or more", "and less than") and the Quantity they make of a measure.

A qualifier is one terminal (grammar/claims.lark); ``Qual`` is what it says: the kind of bound, the
words written (the hedge), and whether it is "nearly" (a bound below the value).  ``make`` turns a
qualifier and a measure into a Quantity with its interval (checker/parser/numbers.py ``interval``).
"""

from __future__ import annotations

import re
from typing import NamedTuple

from checker.model import Quantity

from . import numbers, units
from .measures import Measure
from .trees import name

__all__ = ["LOWER_BOUND", "QUALIFIER", "Qual", "and_qual_kind", "apply_post", "make", "read_and_qual", "read_qualifier"]

QUALIFIER = {
    "MORE_THAN": "more_than",
    "AT_LEAST": "at_least",
    "LESS_THAN": "less_than",
    "AT_MOST": "at_most",
    "APPROX": "approximate",
    "NEARLY": "approximate",
}
LOWER_BOUND = {"more_than", "at_least"}
_AND_LEAD = re.compile(r",?[\s\-]*(?:and[\s\-]+)?", re.I)
_POINT = {"exact", "approximate"}


class Qual(NamedTuple):
    """What a qualifier says: ``kind`` (exact, more_than, at_least, less_than, at_most, approximate),
    ``hedge`` (the words written), ``nearly`` ("nearly 40" is a bound below 40)."""

    kind: str = "exact"
    hedge: str | None = None
    nearly: bool = False


def read_qualifier(tree) -> Qual:
    """A ``qualifier`` tree ("more than", "about") -> its Qual."""
    tok = tree.children[0]
    kind = name(tok)
    return Qual(QUALIFIER[kind], tok.value, kind == "NEARLY")


def and_qual_kind(text: str) -> str:
    """The bound an "and ..." phrase sets: "and less than" -> less_than, "and at least" -> at_least."""
    t = text.lower()
    lower = any(w in t for w in ("least", "more", "greater", "larger", "higher", "over", "above", "bigger"))
    inclusive = "least" in t or "most" in t or "equal" in t or "no " in t or "up" in t
    if "no " in t:
        lower = not lower
    if lower:
        return "at_least" if inclusive else "more_than"
    return "at_most" if inclusive else "less_than"


def read_and_qual(tok) -> tuple[Qual, int]:
    """An "and more than" (or ", lower or equal than") that starts a quantity: its qualifier, and where
    the text after "and" starts."""
    lead = _AND_LEAD.match(tok.value)
    skip = lead.end() if lead else 0
    return Qual(and_qual_kind(tok.value), tok.value[skip:]), tok.start_pos + skip


def apply_post(q: Qual, tok) -> Qual:
    """Apply "or more", "or less", "or so", "or equal to" after the number."""
    kind, text = name(tok), tok.value
    if kind == "OR_MORE" and q.kind in _POINT:
        return Qual("at_least", q.hedge or text)
    if kind == "OR_LESS" and q.kind in _POINT:
        return Qual("at_most", q.hedge or text)
    if kind == "OR_SO" and q.kind == "exact":
        return Qual("approximate", text)
    if kind == "OR_EQUAL" and q.kind in ("more_than", "less_than"):
        return Qual("at_least" if q.kind == "more_than" else "at_most", q.hedge)
    return q


def make(text: str, start: int, end: int, q: Qual, m: Measure, **extra) -> Quantity:
    """The Quantity of ``text[start:end]``: measure ``m`` under qualifier ``q`` (a vague number such as
    "a couple of" is approximate), with its interval and dimension; ``extra``: more Quantity fields."""
    kind = "approximate" if m.vague and q.kind == "exact" else q.kind
    low, high, low_inc, high_inc = numbers.interval(kind, m.value, q.nearly)
    return Quantity(
        text=text[start:end], start=start, end=end, qualifier=kind, value=m.value,
        low=low, high=high, low_inclusive=low_inc, high_inclusive=high_inc, unit=m.unit,
        dimension=units.dimension(m.unit), hedge=q.hedge, noun=m.noun, modifies=m.modifies,
        distributive=m.distributive, **extra,
    )
