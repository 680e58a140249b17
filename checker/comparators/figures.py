"""The same figure in several outlets: facts that state one value about one thing.

Two facts of different articles are the same figure when they state the same value (the same
interval, in the same unit, of the same counted noun) and either have the same key, or the value
is distinctive enough to be one figure however extraction keyed it ("the deaths of 25 people at
the school" is keyed as deaths, "25 people died at the school" may be keyed as a count): a range
("between $3.8bn and $4.5bn"), or a number of at least ``min_value``.  Durations and times are left
out: every party to an event may tell how long it lasted.  Used by the attribution comparator to
find one figure credited to different sources.

In: facts.  Out: groups of facts, each one figure stated by two or more articles, in a stable
order.  Facts are grouped by value in one pass (a dictionary), so the work is linear in facts.
"""

from __future__ import annotations

from collections.abc import Iterable

from checker.model import Fact

from .unionfind import UnionFind

__all__ = ["same_figures"]


def _value(f: Fact) -> tuple:
    q = f.quantity
    return (q.low, q.high, q.low_inclusive, q.high_inclusive, q.unit, q.dimension, q.noun)


def _distinctive(f: Fact, min_value: int) -> bool:
    """A range, or a number of at least ``min_value``, that is not a duration or a time."""
    q = f.quantity
    if q.dimension == "[time]" or q.low is None or q.high is None:
        return False
    return q.low != q.high or q.low >= min_value


def same_figures(facts: Iterable[Fact], min_value: int) -> list[list[Fact]]:
    """Facts of different articles that state one figure, in groups of two or more articles."""
    by_value: dict[tuple, list[Fact]] = {}
    for f in facts:
        if f.quantity.dimension != "[time]" and (f.quantity.low is not None or f.quantity.high is not None):
            by_value.setdefault(_value(f), []).append(f)
    out = []
    for same in by_value.values():
        if len({f.article for f in same}) < 2:
            continue
        uf = UnionFind(range(len(same)))
        first_of: dict[str, int] = {}
        for i, f in enumerate(same):
            link = "*" if _distinctive(f, min_value) else f.key
            uf.union(first_of.setdefault(link, i), i)
        groups: dict[int, list[Fact]] = {}
        for i, f in enumerate(same):
            groups.setdefault(uf.find(i), []).append(f)
        out += [g for g in groups.values() if len({f.article for f in g}) > 1]
    return sorted(out, key=lambda g: min((f.article, f.quantity.start) for f in g))
