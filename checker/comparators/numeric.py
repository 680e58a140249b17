"""Outlets give one fact values that cannot both be true.

Facts with the same key are put into groups that may be compared (same story, compatible time
anchors, both distributive or both not, the same kind of unit) and each group into sides by the
interval stated, in base units.  Two sides disagree when the gap between their intervals is larger
than the tolerance and they come from different articles (an article that disagrees with itself is
the ``internal`` kind's).  One finding a key names every disagreeing side once.  Intervals that
overlap or touch never disagree here: "two hours" against "more than two hours" is the
``qualifier`` kind's.  A figure in a customary unit beside a metric one may be a rounded conversion:
the two agree when they are no further apart than half a unit of the last digit written ("150 km/h"
and "93 mph" agree, "90 mph" does not).

flags:
    A: "The call lasted two hours."
    B: "The call lasted three hours."
    -> call.duration: "two hours" (A) vs "three hours" (B)

passes:
    A: "The call lasted two hours."
    B: "The call lasted 120 minutes."          (the same interval in base units)
    C: "The call lasted more than two hours."  (touches "two hours": a qualifier matter)
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from .base import Discrepancy, Selection, merge_sides
from .grouping import by_key, comparable_groups, disagreeing
from .intervals import TOLERANCE_DEFAULTS, TOLERANCE_OPTIONS
from .newscope import SAME_KEY, NewScope

ID = "numeric"
TYPE = "numeric"
OPTIONS = dict(TOLERANCE_OPTIONS)
DEFAULTS = dict(TOLERANCE_DEFAULTS)
PLACEHOLDERS: dict[str, str] = {}


def new_scope(options: Mapping[str, Any]) -> NewScope:
    """--new: facts of one key are compared, and only with the facts of that key (all of them:
    grouping by time anchor looks at the whole key)."""
    return NewScope(facts=SAME_KEY)


def compare(sel: Selection, options: Mapping[str, Any]) -> Iterator[Discrepancy]:
    """One discrepancy per key whose sides disagree beyond the tolerance."""
    for key, facts in by_key(sel.facts):
        involved = [s for group in comparable_groups(facts) for s in disagreeing(sel, group, options, across=True)]
        if involved:
            yield Discrepancy(key, merge_sides(involved))
