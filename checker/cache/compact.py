"""The compact form of what extraction found: only what the engine and the reports read.

In: an article's :class:`~checker.model.ArticleFacts` (freshly extracted, or decoded from the fact
cache's columns).  Out: the same facts, quotes and name mentions without their ids and sentences
(``crosscheck extract`` prints those; the fact cache keeps them) and without entity names, each
repeated string and number held once: what a check holds for every article of a large corpus.
One :class:`Shared` serves a whole run, so that the cache's decoder and :func:`for_comparison`
share their copies (many articles of a story quote the same words, name the same people and give
the same values).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from fractions import Fraction
from typing import Any

from checker.model import ArticleFacts, Quantity

__all__ = ["Shared", "for_comparison"]


class Shared:
    """One copy of each repeated string and number: ``text`` and ``number`` give the copy held
    for a value equal to the one given (the value itself the first time)."""

    __slots__ = ("numbers", "strings")

    def __init__(self) -> None:
        self.strings: dict[Any, Any] = {}
        self.numbers: dict[tuple[int, int], Fraction] = {}

    def text(self, value: str | None) -> str | None:
        """The copy held of ``value`` (a string, or None)."""
        return self.strings.setdefault(value, value)

    def number(self, value: Any) -> Any:
        """The copy held of a Fraction; any other number (int, float, None) as it is."""
        if type(value) is not Fraction:
            return value
        return self.numbers.setdefault((value.numerator, value.denominator), value)

    def quantity(self, q: Quantity) -> Quantity:
        """``q`` with its strings and numbers the copies held."""
        t, n = self.text, self.number
        return replace(q, text=t(q.text), qualifier=t(q.qualifier), value=n(q.value), low=n(q.low), high=n(q.high),
                       unit=t(q.unit), dimension=t(q.dimension), noun=t(q.noun), hedge=t(q.hedge),
                       modifies=t(q.modifies), part_of=t(q.part_of), whole=n(q.whole))

    def facts(self, x: ArticleFacts) -> ArticleFacts:
        """``x`` in the compact form: ids and sentences "", no entity names, shared strings and
        numbers."""
        t = self.text
        art = t(x.article)
        facts = tuple(replace(f, id="", article=art, key=t(f.key), quantity=self.quantity(f.quantity),
                              speaker=t(f.speaker), time=t(f.time), date=t(f.date), sentence="",
                              subject=t(f.subject), measure=t(f.measure)) for f in x.facts)
        quotes = tuple(replace(q, id="", article=art, speaker=t(q.speaker), text=t(q.text), sentence="",
                               topic=t(q.topic), channel=t(q.channel), day=t(q.day)) for q in x.quotes)
        mentions = tuple(replace(m, id="", article=art, text=t(m.text), surname=t(m.surname), given=t(m.given),
                                 entity=None) for m in x.mentions)
        return ArticleFacts(art, facts, quotes, mentions)


def for_comparison(shared: Shared | None = None) -> Callable[[ArticleFacts], ArticleFacts]:
    """A function that puts an article's facts in the compact form, holding repeated strings and
    numbers in ``shared`` (a new :class:`Shared` when None)."""
    return (shared or Shared()).facts
