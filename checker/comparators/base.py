"""What comparators read and what they return.

The engine hands each comparator a :class:`Selection` (one story's facts, quotes and name mentions
that a rule's ``match`` picked) and the rule's options; the comparator yields
:class:`Discrepancy` values: a key, two or more :class:`Side` s (what each group of outlets says),
and an optional detail.  The engine turns a discrepancy into a Finding (message, claims, stable id,
"update" severity), so comparators never format messages or positions.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from checker.model import Article, Fact, Mention, Quantity, Quote

from .memo import Memo

__all__ = [
    "Discrepancy",
    "Item",
    "Selection",
    "Side",
    "anchor_groups",
    "label_of",
    "merge_sides",
    "sort_sides",
    "outlets_of",
]

@dataclass(frozen=True, slots=True)
class Item:
    """One thing one outlet says (a fact, a quote or a name), with its article and span."""

    article: Article
    start: int
    end: int
    text: str
    speaker: str | None = None
    quantity: Quantity | None = None


@dataclass(frozen=True, slots=True)
class Side:
    """A group of items that say the same thing; ``label`` is how the message shows it."""

    label: str
    items: tuple[Item, ...]

    @property
    def outlets(self) -> tuple[str, ...]:
        return outlets_of(self.items)


@dataclass(frozen=True, slots=True)
class Discrepancy:
    """What a comparator found: the sides of one key that disagree.

    ``fields`` adds placeholders for the rule's message template (name -> text); ``updates``
    says whether articles published on different days lower the severity (not for an article
    that disagrees with itself); ``milder``, that the comparator judges the difference minor (a
    synonym swap, a translation variant): the finding is one severity below the rule's.
    """

    key: str
    sides: tuple[Side, ...]
    detail: str | None = None
    fields: tuple[tuple[str, str], ...] = ()
    updates: bool = True
    milder: bool = False


@dataclass(frozen=True, slots=True)
class Selection:
    """What one rule sees of one story, and ``memo``, the evaluation's :class:`~.memo.Memo` (the
    engine gives every Selection of one evaluation the same; by default, a new one)."""

    story: str | None
    articles: Mapping[str, Article]
    facts: tuple[Fact, ...] = ()
    quotes: tuple[Quote, ...] = ()
    mentions: tuple[Mention, ...] = ()
    memo: Memo = field(default_factory=Memo, compare=False, repr=False)

    def fact_item(self, fact: Fact) -> Item:
        q = fact.quantity
        return Item(self.articles[fact.article], q.start, q.end, q.text, fact.speaker, q)

    def quote_item(self, quote: Quote) -> Item:
        return Item(self.articles[quote.article], quote.start, quote.end, quote.text, quote.speaker)

    def mention_item(self, mention: Mention) -> Item:
        return Item(self.articles[mention.article], mention.start, mention.end, mention.text)


def outlets_of(items: Iterable[Item]) -> tuple[str, ...]:
    """Each outlet once, sorted case-insensitively."""
    return tuple(sorted({i.article.outlet for i in items}, key=lambda o: (o.casefold(), o)))


def sort_sides(sides: Iterable[Side]) -> tuple[Side, ...]:
    """Sides in the order findings show them: more outlets first, then by label."""
    return tuple(sorted(sides, key=lambda s: (-len(s.outlets), s.label.casefold(), s.label)))


def merge_sides(sides: Iterable[Side]) -> tuple[Side, ...]:
    """Sides with the same label joined (items once each), in :func:`sort_sides` order.

    A side may come many times (once for each side it disagrees with): it is merged once.
    """
    joined: dict[str, list[Item]] = {}
    seen: dict[str, dict[tuple, list[Quantity | None]]] = {}
    merged: dict[int, Side] = {}  # (holding each side, so that no id is reused meanwhile)
    for side in sides:
        if id(side) in merged:  # the same object again: its items are in already
            continue
        merged[id(side)] = side
        items, keys = joined.setdefault(side.label, []), seen.setdefault(side.label, {})
        for i in side.items:
            # one dict look-up, not a scan of the side: linear in the items; the quantity is
            # compared only between items of one place (by identity first: hashing its
            # fractions costs more than all the rest)
            same = keys.setdefault((i.article.id, i.start, i.end, i.text, i.speaker), [])
            q = i.quantity
            if not any(x is q or x == q for x in same):
                same.append(q)
                items.append(i)
    return sort_sides(Side(label, tuple(items)) for label, items in joined.items())


def most_common_text(texts: Iterable[str]) -> str:
    """The text written most often (ties: the shorter, then alphabetical)."""
    counts: dict[str, int] = {}
    for t in texts:
        counts[t] = counts.get(t, 0) + 1
    return min(counts, key=lambda t: (-counts[t], len(t), t))


def label_of(items: Iterable[Item]) -> str:
    """How most articles write what a side's items say (each article counts once a wording)."""
    return most_common_text(t for _, t in dict.fromkeys((i.article.id, i.text) for i in items))


_TIME_NOISE = re.compile(r"\b(on|the|of|in|at|during|this|last)\b|[^\w\s-]")


def norm_time(time: str | None) -> str | None:
    """A time anchor as compared: lower case, without filler words ("on Monday" = "Monday")."""
    if not time:
        return None
    text = " ".join(_TIME_NOISE.sub(" ", time.casefold()).split())
    return text or None


def anchor(fact: Fact) -> str | None:
    """The anchor a fact is compared under: its ISO date if known, else its time as written."""
    if fact.date:
        return f"date:{fact.date}"
    t = norm_time(fact.time)
    return f"time:{t}" if t else None


def anchor_groups(facts: Iterable[Fact]) -> list[list[Fact]]:
    """Split facts of one key into groups that may be compared with each other.

    Facts with different anchors (dates, or times as written) are never compared.  A fact without
    an anchor is compared with the others when they share one anchor; when they have several, it
    cannot be placed, and is compared only with other facts without one.
    """
    by_anchor: dict[str | None, list[Fact]] = {}
    for f in facts:
        by_anchor.setdefault(anchor(f), []).append(f)
    anchored = sorted(k for k in by_anchor if k is not None)
    loose = by_anchor.get(None, [])
    if len(anchored) <= 1:
        return [[f for fs in by_anchor.values() for f in fs]] if by_anchor else []
    groups = [by_anchor[k] for k in anchored]
    if loose:
        groups.append(loose)
    return groups
