"""The same words are given to different speakers.

Quotes of at least ``min_words`` words from different articles are the same words when they are
identical after normalising case and punctuation, when one contains the other, or when their
word alignment reaches ``min_similarity``.  When such quotes are given to different named
speakers (speaker phrases that end in a name: "the Russian leader" is a description, not a
speaker that can be wrong), the finding names each speaker with the outlets that give the words to
them.  With ``include_facts``, facts with the same key and the same value given to different named
speakers are checked the same way (off by default: two sources often confirm one number).

flags:
    A: "We want to see outcomes, not more talks," Vice President JD Vance said.
    B: "We want to see outcomes, not more talks," Secretary of State Marco Rubio said.
    -> JD Vance (A) vs Marco Rubio (B)

passes:
    A: "We want to see outcomes, not more talks," Vice President JD Vance said.
    B: "We want to see outcomes, not more talks," Mr. Vance said.   (one speaker, named two ways)
    C: "We want to see outcomes, not more talks," the vice-president said.   (a description)
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from ..model import Fact, Quote
from .align import relate, words
from .base import Discrepancy, Selection, Side, sort_sides
from .grouping import by_key, comparable_groups, signature
from .names import cluster_speakers, display, is_named, speaker_key
from .spec import Opt
from .unionfind import UnionFind

ID = "attribution"
TYPE = "attribution"
OPTIONS = {
    "min_words": Opt("integer", "shortest quote (in words) whose speaker is compared", minimum=1),
    "min_similarity": Opt("number", "word similarity (0-1) from which two quotes are the same words",
                          minimum=0, maximum=1),
    "include_facts": Opt("boolean", "also compare the speakers of facts with the same key and value"),
}
DEFAULTS = {"min_words": 6, "min_similarity": 0.9, "include_facts": False}
PLACEHOLDERS = {"words": "the words (or value) given to several speakers"}


def compare(sel: Selection, options: Mapping[str, Any]) -> Iterator[Discrepancy]:
    """One discrepancy per quote (or fact value) given to more than one speaker."""
    quotes = [q for q in sel.quotes if is_named(q.speaker) and len(words(q.text)) >= options["min_words"]]
    for group in _same_words(quotes, options):
        found = _speakers(sel, group, "quote")
        if found:
            yield found
    if options["include_facts"]:
        for _, facts in by_key(sel.facts):
            for grp in comparable_groups(facts):
                same_value: dict[Any, list[Fact]] = {}
                for f in grp:
                    if is_named(f.speaker):
                        same_value.setdefault(signature(f, True), []).append(f)
                for same in same_value.values():
                    found = _speakers(sel, same, "fact")
                    if found:
                        yield found


def _same_words(quotes: list[Quote], options) -> list[list[Quote]]:
    quotes = sorted(quotes, key=lambda q: (q.article, q.start))
    ws = [words(q.text) for q in quotes]
    uf = UnionFind(range(len(quotes)))
    for i in range(len(quotes)):
        for j in range(i + 1, len(quotes)):
            if quotes[i].article == quotes[j].article:
                continue
            rel = relate(ws[i], ws[j], floor=max(40.0, 100 * options["min_similarity"] - 20))
            if rel.kind in ("same", "contained") or (rel.kind == "other" and rel.similarity >= options["min_similarity"]):
                uf.union(i, j)
    return [[quotes[i] for i in sorted(g)] for g in uf.groups() if len(g) > 1]


def _speakers(sel: Selection, items: list[Quote] | list[Fact], what: str) -> Discrepancy | None:
    """The discrepancy when ``items`` (one set of words, or one value) have several speakers."""
    keyed = [(speaker_key(x.speaker), x) for x in items]
    canon = cluster_speakers(k for k, _ in keyed if k)
    sides: dict[tuple[str, ...], list] = {}
    for k, x in keyed:
        if k:
            sides.setdefault(canon[k], []).append(x)
    articles = [{x.article for x in xs} for xs in sides.values()]
    if not any(a.isdisjoint(b) for i, a in enumerate(articles) for b in articles[i + 1:]):
        return None  # only an article that gives the words to both: one may be quoting the other
    to_item = sel.quote_item if what == "quote" else sel.fact_item
    out = []
    for xs in sides.values():
        name = max((display(x.speaker or "") for x in xs), key=lambda s: (len(s), s))
        out.append(Side(name, tuple(to_item(x) for x in xs)))
    out = sort_sides(out)
    text = max((to_item(x).text for x in items), key=len)
    if what == "quote":
        key = "attribution/" + "-".join(words(text)[:6])
    else:
        key = items[0].key
    return Discrepancy(key, tuple(out), f'"{text}"', (("words", text),))
