"""Positional indexes over one article's quotes, attributions and name mentions.

A fact asks who said it, a description ("the national coach") whom it refers back to: each such
question looks at what is written *near* a word, and scanning every quote, attribution or mention
of the article for it makes extraction quadratic in the article's length.  The indexes here answer the
same questions with a look-up by sentence or a bisection over sorted word offsets.  Each is built
once per article, from lists that are in text order; where a list is not (nothing guarantees it),
the caller keeps its plain scan, so the answers are always those of the scan.

In: the lists extraction built (quote spans and their speakers, attributions, a People's mentions).
Out: the quotes around a word, the attributions of a sentence, the mentions of people near a word.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable
from typing import Any

__all__ = ["AttributionIndex", "PersonWindows", "SpeakerIndex", "fitting_mentions", "person_windows"]


class SpeakerIndex:
    """Where a fact's speaker is looked for: the attributions of each sentence (in their order), and
    the quotes sorted by place when no two overlap (else all of them, in their order)."""

    def __init__(self, spans: list[Any], speakers: list[str | None], attributions: list[Any]):
        self.quotes = list(zip(spans, speakers))
        self.quotes_seen = len(speakers)
        self.firsts = [span.first for span, _ in self.quotes]
        self.disjoint = all(a.last < b.first for (a, _), (b, _) in zip(self.quotes, self.quotes[1:]))
        self.by_sentence: dict[int, list[Any]] = {}
        for a in attributions:
            self.by_sentence.setdefault(a.sentence, []).append(a)

    def quotes_around(self, first: int) -> list[tuple[Any, str | None]]:
        """The quotes that may hold word ``first``, in the order a scan of all of them meets them."""
        if not self.disjoint:
            return self.quotes
        k = bisect_right(self.firsts, first) - 1  # the last quote opening at or before the word
        return self.quotes[k:k + 1] if k >= 0 else []


class PersonWindows:
    """The mentions of people (kind ``person``) of an article in text order, with each one's
    paragraph and, per mention, the last earlier mention of someone else: how many people a run of
    consecutive mentions names is then known without reading the run."""

    def __init__(self, mentions: list[tuple[int, Any]], paragraphs: list[int]):
        self.firsts = [m for m, _ in mentions]
        self.entities = [ent for _, ent in mentions]
        self.paragraphs = paragraphs
        self.other_before: list[int] = []  # per mention: index of the last earlier one of another person
        for k, ent in enumerate(self.entities):
            self.other_before.append(-1 if k == 0 else (k - 1 if self.entities[k - 1] is not ent
                                                         else self.other_before[k - 1]))

    def nearby(self, first: int, here: int, fits: Callable[[Any], bool] | None) -> Any | None:
        """The person a description at word ``first`` of paragraph ``here`` refers back to: the one
        person named before it in its paragraph, else in it and the one before; else, among several
        there, the one named last that ``fits`` (None: no such test)."""
        end = bisect_left(self.firsts, first)  # mentions before the word
        near = bisect_left(self.paragraphs, here - 1, 0, end)
        for lo in (bisect_left(self.paragraphs, here, 0, end), near):
            if lo < end and self.other_before[end - 1] < lo:
                return self.entities[lo]
        if fits is None:
            return None
        for k in range(end - 1, near - 1, -1):
            if fits(self.entities[k]):
                while k > near and self.firsts[k - 1] == self.firsts[k] and fits(self.entities[k - 1]):
                    k -= 1  # (of mentions at one word, the first listed, as max() picks)
                return self.entities[k]
        return None


def person_windows(people: Any) -> PersonWindows | None:
    """``people``'s :class:`PersonWindows` (kept on it while its mentions do not change), or None
    when its mentions of people are not in text order."""
    cached = getattr(people, "_person_windows", None)
    if cached is not None and cached[0] == len(people.mentions):
        return cached[1]
    words = people.words
    mentions = [(m_first, ent) for m_first, _m_last, ent in people.mentions if ent.kind == "person"]
    paragraphs = [words.sentences[words.sentence_of(m)].paragraph for m, _ in mentions]
    in_order = all(a[0] <= b[0] for a, b in zip(mentions, mentions[1:])) and \
        all(a <= b for a, b in zip(paragraphs, paragraphs[1:]))
    index = PersonWindows(mentions, paragraphs) if in_order else None
    people._person_windows = (len(people.mentions), index)
    return index


def fitting_mentions(people: Any, key: Any, fits: Callable[[Any], bool] | None) -> tuple[list[int], list[Any]] | None:
    """(first words, entities) of ``people``'s mentions that ``fits`` accepts (None: all), in text
    order, kept on ``people`` under ``key`` (one key, one test) while its mentions do not change;
    None when they are not in text order."""
    cache = people.__dict__.setdefault("_fitting_cache", {})
    got = cache.get(key)
    if got is None or got[0] != len(people.mentions):
        # the test reads the entity alone: it is asked once an entity, not once a mention
        entities = {id(ent): ent for _first, _last, ent in people.mentions}
        accepted = {k for k, ent in entities.items() if fits is None or fits(ent)}
        ms = [(first, ent) for first, _last, ent in people.mentions if id(ent) in accepted]
        in_order = all(a[0] <= b[0] for a, b in zip(ms, ms[1:]))
        got = cache[key] = (len(people.mentions), ([m for m, _ in ms], [e for _, e in ms]) if in_order else None)
    return got[1]


class AttributionIndex:
    """An article's attributions by the place of what they cover, by sentence and by speech verb,
    for finding a quote's speaker: each look-up gives a superset of the attributions a scan of the
    list would accept, in list order (the caller applies its own test to them)."""

    def __init__(self, attributions: list[Any], words: Any):
        self.items = attributions
        self.by_start = sorted(range(len(attributions)), key=lambda k: attributions[k].content[0])
        self.starts = [attributions[k].content[0] for k in self.by_start]
        self.width = max((a.content[1] - a.content[0] for a in attributions), default=0)
        self.by_sentence: dict[int, list[int]] = {}
        for k, a in enumerate(attributions):
            self.by_sentence.setdefault(a.sentence, []).append(k)
        self.verbs = [a.verb for a in attributions]
        self.paragraphs = [words.sentences[a.sentence].paragraph for a in attributions]
        self.in_order = self.verbs == sorted(self.verbs) and self.paragraphs == sorted(self.paragraphs)

    def covering(self, word: int) -> list[Any]:
        """The attributions whose content may hold ``word`` (starting at most ``width`` before it)."""
        lo, hi = bisect_left(self.starts, word - self.width + 1), bisect_right(self.starts, word)
        return [self.items[k] for k in sorted(self.by_start[lo:hi])]

    def in_sentences(self, first: int, last: int) -> list[Any]:
        """The attributions of sentences ``first`` to ``last``."""
        return [self.items[k] for k in sorted(k for s in range(first, last + 1) for k in self.by_sentence.get(s, ()))]

    def back_from(self, word: int, paragraph: int) -> list[Any] | Any:
        """The attributions a backward scan for one with its verb before ``word`` in paragraph
        ``paragraph`` or later can accept, in that scan's order."""
        if not self.in_order:
            return reversed(self.items)
        k = bisect_left(self.verbs, word)
        lo = bisect_left(self.paragraphs, paragraph, 0, k)
        return self.items[lo:k][::-1]
