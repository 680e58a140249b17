"""Putting facts of one key into groups that may be compared, and each group into sides.

A group holds facts with compatible time anchors (see ``base.anchor_groups``), the same
distributive reading ("1,000 prisoners each" is never compared with "1,000 prisoners") and the
same unit family (a duration with a duration, dollars with dollars).  A side holds the facts of a
group that state the same interval, so a finding names each outlet once per side.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Iterator

from ..model import Fact
from .base import Selection, Side, anchor_groups, group_sides, label_of
from .intervals import Interval, interval

__all__ = ["by_key", "comparable_groups", "cross_article", "fact_sides", "side_interval", "signature"]


def by_key(facts: Iterable[Fact]) -> Iterator[tuple[str, list[Fact]]]:
    """Facts grouped by key, keys in sorted order."""
    groups: dict[str, list[Fact]] = {}
    for f in facts:
        groups.setdefault(f.key, []).append(f)
    for key in sorted(groups):
        yield key, groups[key]


def comparable_groups(facts: Iterable[Fact]) -> list[list[Fact]]:
    """Facts of one key split into groups whose members may be compared with each other."""
    out: list[list[Fact]] = []
    for group in anchor_groups(facts):
        split: dict[tuple[bool, str], list[Fact]] = {}
        for f in group:
            split.setdefault((f.quantity.distributive, interval(f.quantity).family), []).append(f)
        out += [split[k] for k in sorted(split)]
    return out


def signature(fact: Fact, with_qualifier: bool = False) -> Hashable:
    """What facts on one side share: the interval in base units (and the qualifier)."""
    iv = interval(fact.quantity)
    sig = (iv.family, iv.low, iv.high, iv.low_inclusive, iv.high_inclusive)
    return (*sig, fact.quantity.qualifier) if with_qualifier else sig


def fact_sides(sel: Selection, facts: list[Fact], *, with_qualifier: bool = False) -> list[tuple[Fact, Side]]:
    """Sides of a group of facts: one per interval (and qualifier); each with one of its facts."""
    firsts: dict[Hashable, Fact] = {}
    for f in facts:
        firsts.setdefault(signature(f, with_qualifier), f)
    sides = group_sides(
        facts,
        key=lambda f: signature(f, with_qualifier),
        label=lambda fs: f'"{label_of(sel.fact_item(f) for f in fs)}"',
        to_item=sel.fact_item,
    )
    return [(firsts[sig], side) for sig, side in sides]


def side_interval(fact: Fact) -> Interval:
    """The interval every fact of ``fact``'s side states."""
    return interval(fact.quantity)


def cross_article(a: Side, b: Side) -> bool:
    """True when some item of ``a`` and some item of ``b`` come from different articles."""
    ids_a = {i.article.id for i in a.items}
    ids_b = {i.article.id for i in b.items}
    return len(ids_a | ids_b) > 1
