"""One outlet states a number exactly where another hedges the same number.

Facts with the same key are grouped as for ``numeric`` and put into sides by interval and
qualifier.  A side stated exactly ("two hours") and a side that hedges the same number with one of
the ``hedges`` qualifiers ("more than two hours"), or two sides that hedge it different ways
("about 45,000" against "more than 45,000"), make a finding: no number is wrong, but a reader of
one outlet is told something the other does not say.  This holds across outlets and within one
article that says it both ways.  "about" is a hedge by default (leave ``approximate`` out of
``hedges`` to ignore it).

flags:
    A: "Trump said the call lasted two hours."
    B: "Putin said the call lasted more than two hours."
    -> call.duration: "two hours" (A) vs "more than two hours" (B)

passes:
    A: "The call lasted two hours."
    B: "The call lasted less than three hours."   (a hedge of another number: consistent)
    C: "The call lasted at least two hours." / D: "more than two hours"   (both hedged)
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from .base import Discrepancy, Selection, Side, merge_sides
from .grouping import by_key, comparable_groups, fact_sides
from .intervals import TOLERANCE_DEFAULTS, TOLERANCE_OPTIONS, interval, own_tolerance, same_value
from .newscope import SAME_KEY, NewScope
from .pairing import near_pairs
from .spec import Opt

ID = "qualifier"
TYPE = "qualifier"
HEDGES = ("approximate", "more_than", "at_least", "less_than", "at_most")
OPTIONS = {
    "hedges": Opt("array", "qualifiers that count as hedging a number stated exactly elsewhere",
                  items={"enum": list(HEDGES)}),
    **TOLERANCE_OPTIONS,
}
DEFAULTS = {"hedges": list(HEDGES), **TOLERANCE_DEFAULTS}
PLACEHOLDERS: dict[str, str] = {}


def new_scope(options: Mapping[str, Any]) -> NewScope:
    """--new: facts of one key are compared, and only with the facts of that key (all of them:
    grouping by time anchor looks at the whole key)."""
    return NewScope(facts=SAME_KEY)


_CLASS = {"at_least": "floor", "more_than": "floor", "at_most": "ceiling", "less_than": "ceiling"}


def _hedged_apart(a, b, hedges: set[str]) -> bool:
    """True when one of two facts hedges its number (a qualifier of ``hedges``) and the other does
    not, or hedges it another way ("about" against "more than"; "at least" and "more than" are
    both floors)."""
    qa, qb = a.quantity.qualifier, b.quantity.qualifier
    if qa not in hedges and qb not in hedges:
        return False
    ca, cb = _CLASS.get(qa, qa), _CLASS.get(qb, qb)
    return ca != cb and {qa, qb} <= (hedges | {"exact"})


def compare(sel: Selection, options: Mapping[str, Any]) -> Iterator[Discrepancy]:
    """One discrepancy per key where an exact side and a hedged side state the same number."""
    hedges = set(options["hedges"])
    for key, facts in by_key(sel.facts):
        involved: list[Side] = []
        for group in comparable_groups(facts):
            sides = fact_sides(sel, group, with_qualifier=True)
            ivs = [interval(f.quantity) for f, _ in sides]
            reach = [own_tolerance(iv, options["absolute"], options["relative"]) for iv in ivs]
            # only sides whose numbers are within tolerance can state the same value: a sweep
            # over the sorted numbers, not every pair (the pairs come in the pairwise order)
            for i, j in near_pairs([iv.value for iv in ivs], reach):
                (fa, sa), (fb, sb) = sides[i], sides[j]
                if _hedged_apart(fa, fb, hedges) and same_value(ivs[i], ivs[j], options["absolute"], options["relative"]):
                    involved += [sa, sb]
        if involved:
            yield Discrepancy(key, merge_sides(involved))
