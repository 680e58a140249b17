"""Builders for comparator and engine tests: articles, facts, quotes and mentions made by hand.

The comparators' unit tests do not depend on extraction: they build Facts (with quantities from the
real quantity parser), Quotes and Mentions directly, at the offsets where their text is written.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from checker.comparators.base import Selection
from checker.model import Article, ArticleFacts, Fact, Mention, Quote
from checker.parser.quantities import parse_text


def article(outlet: str, text: str, *, aid: str | None = None, published: str | None = "2025-05-19",
            story: str | None = "story") -> Article:
    return Article(id=aid or outlet.lower().replace(" ", "-"), path=f"{outlet}.txt", text=text,
                   outlet=outlet, published=published, story=story)


def fact(art: Article, key: str, phrase: str, *, time: str | None = None, date: str | None = None,
         speaker: str | None = None, nth: int = 0) -> Fact:
    """The fact ``key`` for the first quantity in the ``nth`` occurrence of ``phrase``."""
    start = -1
    for _ in range(nth + 1):
        start = art.text.index(phrase, start + 1)
    q = parse_text(phrase)[0]
    q = replace(q, start=q.start + start, end=q.end + start)
    return Fact(id=f"{art.id}:{key}:{start}", article=art.id, key=key, quantity=q, speaker=speaker,
                time=time, date=date)


def quote(art: Article, text: str, speaker: str | None, topic: str | None = None) -> Quote:
    start = art.text.index(text)
    return Quote(id=f"{art.id}:q{start}", article=art.id, speaker=speaker, text=text, start=start,
                 end=start + len(text), topic=topic)


def mention(art: Article, text: str, *, nth: int = 0) -> Mention:
    """A name mention; the last word is the surname, the words before it the given name."""
    start = -1
    for _ in range(nth + 1):
        start = art.text.index(text, start + 1)
    *given, surname = text.split()
    return Mention(id=f"{art.id}:m{start}", article=art.id, text=text, start=start, end=start + len(text),
                   surname=surname, given=" ".join(given) or None)


def extractions(*items) -> dict[str, ArticleFacts]:
    """ArticleFacts per article from a mix of facts, quotes and mentions."""
    out: dict[str, dict[str, list]] = {}
    for it in items:
        kind = "facts" if isinstance(it, Fact) else "quotes" if isinstance(it, Quote) else "mentions"
        out.setdefault(it.article, {"facts": [], "quotes": [], "mentions": []})[kind].append(it)
    return {aid: ArticleFacts(aid, tuple(v["facts"]), tuple(v["quotes"]), tuple(v["mentions"]))
            for aid, v in out.items()}


def selection(articles: list[Article], *items) -> Selection:
    facts = tuple(i for i in items if isinstance(i, Fact))
    quotes = tuple(i for i in items if isinstance(i, Quote))
    mentions = tuple(i for i in items if isinstance(i, Mention))
    return Selection("story", {a.id: a for a in articles}, facts, quotes, mentions)


def run(module, articles: list[Article], *items, **options):
    """The comparator's discrepancies with its defaults overlaid by ``options``."""
    return list(module.compare(selection(articles, *items), {**module.DEFAULTS, **options}))


def test_fact_builder_points_at_the_phrase():
    a = article("A", "It lasted two hours, not two days.")
    f = fact(a, "call.duration", "two hours")
    assert a.text[f.quantity.start:f.quantity.end] == "two hours"
    assert f.quantity.unit == "hour"


def test_fact_builder_finds_later_occurrences():
    a = article("A", "two hours, then two hours")
    assert fact(a, "x.duration", "two hours", nth=1).quantity.start == 16


def test_mention_builder_splits_given_and_surname():
    a = article("A", "President Volodymyr Zelenskyy spoke.")
    m = mention(a, "Volodymyr Zelenskyy")
    assert (m.given, m.surname, a.text[m.start:m.end]) == ("Volodymyr", "Zelenskyy", "Volodymyr Zelenskyy")


def test_builders_fail_loudly_on_text_not_in_the_article():
    with pytest.raises(ValueError):
        quote(article("A", "nothing quoted"), "absent", "X")
