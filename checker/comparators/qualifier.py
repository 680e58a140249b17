"""One outlet states a number exactly where another hedges the same number.

Facts with the same key are grouped as for ``numeric`` and put into sides by interval and
qualifier.  A side stated exactly ("two hours") and a side that hedges the same number with one of
the ``hedges`` qualifiers ("more than two hours") make a finding: the values overlap or touch, so
no number is wrong, but a reader of one outlet is told something the other does not say.  This
holds across outlets and within one article that says it both ways.  "about" is not a hedge by
default (add ``approximate`` to ``hedges`` to flag it).

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
from .intervals import TOLERANCE_DEFAULTS, TOLERANCE_OPTIONS, interval, same_value
from .newscope import SAME_KEY, NewScope
from .spec import Opt

ID = "qualifier"
TYPE = "qualifier"
HEDGES = ("approximate", "more_than", "at_least", "less_than", "at_most")
OPTIONS = {
    "hedges": Opt("array", "qualifiers that count as hedging a number stated exactly elsewhere",
                  items={"enum": list(HEDGES)}),
    **TOLERANCE_OPTIONS,
}
DEFAULTS = {"hedges": ["more_than", "at_least", "less_than", "at_most"], **TOLERANCE_DEFAULTS}
PLACEHOLDERS: dict[str, str] = {}


def new_scope(options: Mapping[str, Any]) -> NewScope:
    """--new: facts of one key are compared, and only with the facts of that key (all of them:
    grouping by time anchor looks at the whole key)."""
    return NewScope(facts=SAME_KEY)


def compare(sel: Selection, options: Mapping[str, Any]) -> Iterator[Discrepancy]:
    """One discrepancy per key where an exact side and a hedged side state the same number."""
    hedges = set(options["hedges"])
    for key, facts in by_key(sel.facts):
        involved: list[Side] = []
        for group in comparable_groups(facts):
            sides = fact_sides(sel, group, with_qualifier=True)
            exact = [(f, s) for f, s in sides if f.quantity.qualifier == "exact"]
            hedged = [(f, s) for f, s in sides if f.quantity.qualifier in hedges]
            for fe, se in exact:
                for fh, sh in hedged:
                    if same_value(interval(fe.quantity), interval(fh.quantity), options["absolute"],
                                  options["relative"]):
                        involved += [se, sh]
        if involved:
            yield Discrepancy(key, merge_sides(involved))
