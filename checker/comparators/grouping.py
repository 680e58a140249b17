"""Putting facts of one key into groups that may be compared, and each group into sides.

A group holds facts with compatible time anchors (see ``base.anchor_groups``), the same
distributive reading ("1,000 prisoners each" is never compared with "1,000 prisoners") and the
same unit family (a duration with a duration, dollars with dollars).  A side holds the facts of a
group that state the same interval, so a finding names each outlet once per side.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Iterator, Mapping
from typing import Any

from checker.model import UPDATE_FACET, Fact

from .base import Selection, Side, anchor_groups, label_of, sort_sides
from .intervals import disagree, family, interval, own_tolerance
from .pairing import involved

__all__ = ["by_key", "comparable_groups", "disagreeing", "fact_sides", "signature"]


UNKNOWN = "unknown"
_UPDATE = f"[{UPDATE_FACET}]"


def by_key(facts: Iterable[Fact]) -> Iterator[tuple[str, list[Fact]]]:
    """Facts grouped by key (without the ``[update]`` facet), keys in sorted order.  A fact whose
    subject is ``unknown`` (nothing in its sentence says what it counts or measures) has no identity
    to compare and is left out."""
    groups: dict[str, list[Fact]] = {}
    for f in facts:
        if f.key.split(".", 1)[0] != UNKNOWN:
            groups.setdefault(f.key.replace(_UPDATE, ""), []).append(f)
    for key in sorted(groups):
        yield key, groups[key]


def _published(sel: Selection, f: Fact) -> str:
    a = sel.articles.get(f.article)
    return (a.published or "") if a is not None else ""


def _update_times(sel: Selection, groups: list[list[Fact]]) -> list[tuple[str | None, str]]:
    """Per side: (the earliest publication of its facts when every one is marked as an update,
    else None; the earliest publication of its facts)."""
    out = []
    for fs in groups:
        times = [_published(sel, f) for f in fs]
        updated = all(_UPDATE in f.key for f in fs) and all(times)
        out.append((min(times) if updated else None, min(times)))
    return out


def _supersedes(a: tuple[str | None, str], b: tuple[str | None, str]) -> bool:
    """Side ``a`` is an update published after side ``b``'s figure was first given (or the other
    way): b's figure was the current one until the update (a later outlet may still recall it)."""
    return bool(a[0] and a[0] > b[1]) or bool(b[0] and b[0] > a[1])


def comparable_groups(facts: Iterable[Fact]) -> list[list[Fact]]:
    """Facts of one key split into groups whose members may be compared with each other."""
    out: list[list[Fact]] = []
    for group in anchor_groups(facts):
        split: dict[tuple[bool, str], list[Fact]] = {}
        for f in group:
            split.setdefault((f.quantity.distributive, family(f.quantity)), []).append(f)
        out += [split[k] for k in sorted(split)]
    return out


def signature(fact: Fact, with_qualifier: bool = False) -> Hashable:
    """What facts on one side share: the interval in base units (and the qualifier)."""
    iv = interval(fact.quantity)
    sig = (iv.family, iv.low, iv.high, iv.low_inclusive, iv.high_inclusive)
    return (*sig, fact.quantity.qualifier) if with_qualifier else sig


def fact_sides(sel: Selection, facts: list[Fact], *, with_qualifier: bool = False) -> list[tuple[Fact, Side]]:
    """Sides of a group of facts, one per interval (and qualifier), each with one of its facts."""
    return _sides(sel, _by_signature(facts, with_qualifier))


def _by_signature(facts: list[Fact], with_qualifier: bool) -> dict[Hashable, list[Fact]]:
    groups: dict[Hashable, list[Fact]] = {}
    for f in facts:
        groups.setdefault(signature(f, with_qualifier), []).append(f)
    return groups


def _sides(sel: Selection, groups: dict[Hashable, list[Fact]]) -> list[tuple[Fact, Side]]:
    sides = []
    for fs in groups.values():
        items = tuple(sel.fact_item(f) for f in fs)
        sides.append((fs[0], Side(f'"{label_of(items)}"', items)))
    order = {id(s): i for i, s in enumerate(sort_sides(s for _, s in sides))}
    return sorted(sides, key=lambda fs: order[id(fs[1])])


def disagreeing(sel: Selection, facts: list[Fact], options: Mapping[str, Any], *, across: bool) -> list[Side]:
    """The sides of a comparable group further apart than the tolerance from another side (with
    ``across``, only pairs of sides that come from different articles)."""
    groups = _by_signature(facts, False)
    if len(groups) < 2:
        return []  # one interval: nothing to disagree with (most groups, and every fact alone)
    sides = _sides(sel, groups)
    # per side once, not per pair: its interval, and its article when all its items are from one
    ivs = [interval(f.quantity) for f, _ in sides]
    only = [_only_article(s) for _, s in sides]
    by_first = {id(fs[0]): fs for fs in groups.values()}
    times = _update_times(sel, [by_first[id(f)] for f, _ in sides])

    def pair(i: int, j: int) -> bool:
        if across and only[i] is not None and only[i] == only[j]:
            return False  # both sides from one article: that is the internal kind's
        if _supersedes(times[i], times[j]):
            return False  # a later figure the text gives as an update: no contradiction
        if not across and (_meets_floor(ivs[i], ivs[j]) or _meets_floor(ivs[j], ivs[i])):
            return False  # one article's "toll crosses 60" and its "at least 75": both true
        return disagree(ivs[i], ivs[j], options["absolute"], options["relative"])

    # every side that disagrees with another, found without testing every pair (see .pairing)
    spans = ([_lowest(iv) for iv in ivs], [_highest(iv) for iv in ivs],
             [own_tolerance(iv, options["absolute"], options["relative"]) for iv in ivs])
    found = involved(len(sides), pair, [_position(iv) for iv in ivs], only, [s.label for _, s in sides],
                     apart=across, spans=spans)
    return [sides[i][1] for i in found]


_INF = float("inf")


def _lowest(iv):
    """The lowest point of an interval's bounds and number (-inf when unbounded below): two
    intervals disagree only when one's number or bound lies beyond the other's tolerance of it."""
    if iv.low is None:
        return -_INF
    return iv.low if iv.value is None else min(iv.low, iv.value)


def _highest(iv):
    if iv.high is None:
        return _INF
    return iv.high if iv.value is None else max(iv.high, iv.value)


def _position(iv) -> float | None:
    """Where an interval sits on the number line, for ordering only: its number, else a bound."""
    x = iv.value if iv.value is not None else (iv.low if iv.low is not None else iv.high)
    if x is None:
        return None
    try:
        return float(x)
    except OverflowError:
        return float("inf") if x > 0 else float("-inf")


def _meets_floor(floor, other) -> bool:
    """``floor`` is a bound from below ("more than 60") that ``other``'s number satisfies."""
    if floor.low is None or floor.high is not None or other.low is None:
        return False
    return other.low >= floor.low


def _only_article(side: Side) -> str | None:
    ids = {x.article.id for x in side.items}
    return ids.pop() if len(ids) == 1 else None
