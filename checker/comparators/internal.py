"""An article disagrees with itself, or breaks a constraint the rule states between two keys.

Each article is checked on its own.  With ``values``, facts of one key in one article are grouped as
for ``numeric`` (so "at least 14 on Saturday" and "at least one on Sunday" are never compared) and
values further apart than the tolerance are a finding.  Each of ``constraints`` is a mapping
``{less_or_equal: [A, B]}``: in one article, under one time anchor, a value of key A must not
certainly exceed a value of key B.  A ``*`` in A and B stands for the same subject, so
``["*.downed", "*.launched"]`` checks drones downed against drones launched and missiles
downed against missiles launched, never drones against missiles.

flags:
    A: "Overnight, 112 drones were launched and 130 drones were downed."
    -> with constraints: [{less_or_equal: ["*.downed", "*.launched"]}]
    A: "The call lasted two hours. ... After the three-hour call, ..."

passes:
    A: "Russia launched 112 drones, 76 of which were shot down."
    A: "On Saturday, attacks killed at least 14. On Sunday, at least one died."   (two anchors)
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from checker.model import Fact

from .base import Discrepancy, Selection, Side, anchor_groups, label_of, merge_sides
from .grouping import by_key, comparable_groups, disagreeing
from .intervals import TOLERANCE_DEFAULTS, TOLERANCE_OPTIONS, interval, tolerance
from .newscope import NewScope
from .spec import Opt

ID = "internal"
TYPE = "internal"
_KEY_PATTERN = r"^[a-z0-9_-]*\*?[a-z0-9_.-]*$"
OPTIONS = {
    "values": Opt("boolean", "flag an article that gives one key values further apart than the tolerance"),
    "constraints": Opt("array", "constraints between keys; A and B are keys, a * stands for the same "
                       "subject in both", items={
                           "type": "object", "additionalProperties": False, "required": ["less_or_equal"],
                           "properties": {"less_or_equal": {
                               "type": "array", "minItems": 2, "maxItems": 2,
                               "items": {"type": "string", "pattern": _KEY_PATTERN}}}}),
    **TOLERANCE_OPTIONS,
}
DEFAULTS = {"values": True, "constraints": [], **TOLERANCE_DEFAULTS}
PLACEHOLDERS = {"constraint": "the constraint broken (\"drone.downed <= drone.launched\"), or empty"}


def new_scope(options: Mapping[str, Any]) -> NewScope:
    """--new: an article is compared only with itself, so nothing of the other articles."""
    return NewScope()


def validate(options: Mapping[str, Any]) -> list[tuple[tuple[Any, ...], str]]:
    """Problems the schema cannot see: a ``*`` in one side of a constraint but not the other."""
    out = []
    for i, c in enumerate(options.get("constraints") or []):
        pair = c.get("less_or_equal") if isinstance(c, dict) else None
        if isinstance(pair, list) and len(pair) == 2 and all(isinstance(p, str) for p in pair):
            if pair[0].count("*") != pair[1].count("*"):
                out.append((("constraints", i, "less_or_equal"),
                            "use * in both keys of a constraint, or in neither"))
    return out


def compare(sel: Selection, options: Mapping[str, Any]) -> Iterator[Discrepancy]:
    """Per article: keys it gives conflicting values, then constraints it breaks."""
    per_article: dict[str, list[Fact]] = {}
    for f in sel.facts:
        per_article.setdefault(f.article, []).append(f)
    for article in sorted(per_article):
        facts = per_article[article]
        if options["values"]:
            yield from _self_contradictions(sel, facts, options)
        for c in options["constraints"]:
            yield from _constraint(sel, facts, *c["less_or_equal"], options)


def _self_contradictions(sel: Selection, facts: list[Fact], options) -> Iterator[Discrepancy]:
    for key, same_key in by_key(facts):
        if len(same_key) < 2:
            continue  # one value of a key: nothing to disagree with
        involved = [s for group in comparable_groups(same_key) for s in disagreeing(sel, group, options, across=False)]
        if involved:
            yield Discrepancy(key, merge_sides(involved), updates=False, fields=(("constraint", ""),))


def _binder(pattern: str) -> re.Pattern[str]:
    return re.compile("^" + re.escape(pattern).replace(r"\*", r"([^.]+)") + "$")


def _constraint(sel: Selection, facts: list[Fact], small: str, big: str, options) -> Iterator[Discrepancy]:
    lhs, rhs = _binder(small), _binder(big)
    bound: dict[tuple[str, ...], tuple[list[Fact], list[Fact]]] = {}
    for f in facts:
        for rx, idx in ((lhs, 0), (rhs, 1)):
            m = rx.match(f.key)
            if m:
                bound.setdefault(m.groups(), ([], []))[idx].append(f)
    for subject in sorted(bound):
        smalls, bigs = bound[subject]
        broken: list[tuple[Fact, Fact]] = []
        in_smalls, in_bigs = {id(f) for f in smalls}, {id(f) for f in bigs}  # (not a scan of the lists a fact)
        for group in anchor_groups(smalls + bigs):
            broken += [(a, b) for a in group if id(a) in in_smalls for b in group
                       if id(b) in in_bigs and _exceeds(a, b, options)]
        if broken:
            a_key, b_key = broken[0][0].key, broken[0][1].key
            sides = (_side(sel, a_key, [a for a, _ in broken]), _side(sel, b_key, [b for _, b in broken]))
            yield Discrepancy(f"{a_key} <= {b_key}", sides, updates=False,
                              fields=(("constraint", f"{a_key} <= {b_key}"),))


def _side(sel: Selection, key: str, facts: list[Fact]) -> Side:
    items = tuple(dict.fromkeys(sel.fact_item(f) for f in facts))
    return Side(f'{key} "{label_of(items)}"', items)


def _exceeds(a: Fact, b: Fact, options) -> bool:
    """True when ``a`` is certainly larger than ``b`` (beyond the tolerance)."""
    if a.quantity.distributive != b.quantity.distributive:
        return False
    ia, ib = interval(a.quantity), interval(b.quantity)
    if ia.family != ib.family or ia.low is None or ib.high is None:
        return False
    return ia.low - ib.high > tolerance(ia, ib, options["absolute"], options["relative"])
