"""The same statement given a different channel, audience or day by different outlets.

Used by the attribution comparator (option ``channels``): the quoted sentences of one speaker (one
cluster of speaker keys, :func:`.quote.by_speaker`) are one statement across articles when they are
the same words, one contains the other, their words align with ``min_similarity``, or they share
their content words though not their order (a translation, as the quote kind reads one:
``TRANSLATION`` content stems and share; like the quote kind, only wordings that share a run of
words are related); each statement's quotes are compared on how
the statement was given, as each outlet's attribution clause says (``Quote.channel``, classed by
:func:`checker.extractor.channels.channel_class`: "told reporters" and "told journalists" are one
channel, "on X" and "tweeted" one, "on social media" fits any platform) and on the weekday it
gives (``Quote.day``).  Only outlets that give a channel (or a day) are compared; an outlet that
gives two different channels for the words itself, or two days, is left out (it may be reporting
both occasions).  One finding for the channels or the days (or both), a side each, labelled as
written with the day ("told reporters on Monday").
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace

from checker.extractor.channels import channel_class, compatible
from checker.model import Quote

from .base import Discrepancy, Item, Selection, Side, most_common_text, sort_sides
from .candidates import candidates, run_length
from .names import cluster_speakers, display, speaker_key
from .paraphrase import overlap, shared
from .quote import by_speaker
from .unionfind import UnionFind

__all__ = ["TRANSLATION", "channel_findings", "statements"]

TRANSLATION = (2, 0.6)  # content stems two wordings share, and the share of the shorter's (quote kind defaults)


def statements(sel: Selection, min_words: int, min_similarity: float) -> list[list[Quote]]:
    """The quoted sentences of each speaker grouped by statement, each group in two articles or
    more (sentences shorter than ``min_words`` words are left out).  As in the quote kind, the
    sentences with the same words are one wording, and only the candidate pairs of wordings
    (:mod:`.candidates`: those that share a run of words) are related, so the work is linear."""
    out = []
    for quotes in by_speaker(sel.quotes):
        index: dict[tuple[str, ...], int] = {}
        wid = [index.setdefault(sel.memo.words(q.text), len(index)) for q in quotes]
        wordings = list(index)
        uf = UnionFind(range(len(wordings)))
        for u, v in candidates(wordings, run_length(min_similarity)).pairs:
            if min(len(wordings[u]), len(wordings[v])) >= min_words and uf.find(u) != uf.find(v) and \
                    _one_statement(wordings[u], wordings[v], sel, min_similarity):
                uf.union(u, v)
        groups: dict[int, list[Quote]] = {}
        for q, u in zip(quotes, wid, strict=True):
            if len(wordings[u]) >= min_words:
                groups.setdefault(uf.find(u), []).append(q)
        out += [g for g in groups.values() if len({q.article for q in g}) > 1]
    return out


def _one_statement(a: tuple[str, ...], b: tuple[str, ...], sel: Selection, min_similarity: float) -> bool:
    rel = sel.memo.relate(a, b, min_similarity=min_similarity)
    if rel.kind in ("same", "contained") or (rel.kind == "other" and rel.similarity >= min_similarity):
        return True
    least, share = TRANSLATION
    return shared(a, b) >= least and overlap(a, b) >= share


def channel_findings(sel: Selection, groups: list[list[Quote]],
                     to_item: Callable[[Quote], Item]) -> Iterator[Discrepancy]:
    """A discrepancy per group and speaker whose outlets give different channels, and one whose
    outlets give different days."""
    for group in groups:
        keyed = [(speaker_key(q.speaker), q) for q in group]
        canon = cluster_speakers(k for k, _ in keyed if k)
        by_speaker: dict[tuple[str, ...], list[Quote]] = {}
        for k, q in keyed:
            if k:
                by_speaker.setdefault(canon[k], []).append(q)
        for quotes in by_speaker.values():
            channel = _differ(quotes, "channel", _channel, to_item, sel)
            day = _differ(quotes, "day", _day, to_item, sel)
            if channel is not None and day is not None:  # one finding: "told reporters on Monday" vs ...
                fields = tuple((k, "channel, audience and day" if k == "given" else v) for k, v in channel.fields)
                yield replace(channel, fields=fields)
            elif channel is not None or day is not None:
                yield channel or day


def _channel(q: Quote) -> str | None:
    return channel_class(q.channel)


def _day(q: Quote) -> str | None:
    return q.day.casefold() if q.day else None


def _per_article(quotes: list[Quote], value_of: Callable[[Quote], str | None]) -> dict[str, str]:
    """Article -> the one value its quotes give (articles that give none, or two that cannot be
    one, are left out); a general channel ("social") takes the specific one its article gives."""
    values: dict[str, set[str]] = {}
    for q in quotes:
        v = value_of(q)
        if v is not None:
            values.setdefault(q.article, set()).add(v)
    out = {}
    for article, vs in values.items():
        best = max(vs, key=len)
        if all(compatible(v, best) for v in vs):
            out[article] = best
    return out


def _differ(quotes: list[Quote], what: str, value_of: Callable[[Quote], str | None],
            to_item: Callable[[Quote], Item], sel: Selection) -> Discrepancy | None:
    given = _per_article(quotes, value_of)
    values = sorted(set(given.values()), key=lambda v: (-len(v), v))
    merged: dict[str, str] = {}  # value -> the value its side is (a general channel joins a specific one)
    for v in values:
        fits = [w for w in dict.fromkeys(merged.values()) if compatible(v, w)]
        merged[v] = fits[0] if len(fits) == 1 else v
    if len(set(merged.values())) < 2:
        return None
    sides: dict[str, list[Quote]] = {}
    for q in quotes:
        if q.article in given:
            sides.setdefault(merged[given[q.article]], []).append(q)
    out = [Side(_label(qs), tuple(dict.fromkeys(to_item(q) for q in qs))) for qs in sides.values()]
    speaker = max((display(q.speaker or "") for q in quotes), key=lambda s: (len(s), s))
    text = max((to_item(q).text for q in quotes), key=len)
    key = f"{what}/" + "-".join(sel.memo.words(text)[:6])
    return Discrepancy(key, sort_sides(out), f'"{text}"',
                       (("words", text), ("given", "channel or audience" if what == "channel" else "day"),
                        ("speaker", speaker)))


def _label(quotes: list[Quote]) -> str:
    """How a side gave the statement, as its outlets write it: "told reporters on Monday"."""
    channel = most_common_text(q.channel for q in quotes if q.channel) if any(q.channel for q in quotes) else ""
    day = most_common_text(q.day for q in quotes if q.day) if any(q.day for q in quotes) else ""
    return " ".join(p for p in (channel, f"on {day}" if day else "") if p) or "-"
