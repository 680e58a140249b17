"""One speaker is quoted in different words for the same statement.

Quotes of one speaker (named the same way after rank words are dropped: "Mr. Putin" = "Vladimir
Putin") are compared across articles.  Case, punctuation and quote marks do not count.  Two quotes
are the same statement when one contains the other (a partial quote: never a finding), when they
overlap and differ only in where they start or stop, or when their word-level alignment reaches
``min_similarity`` (then they are worded differently: a finding, with the changed words in its
detail, "possible -> potential").  Short quotes (at most ``topic_max_words`` words) that the
extractor ties to a topic ("a 'very frank' conversation" -> call) and that are not a piece of a
longer quote are compared by topic instead: two of them with the same topic are the same
statement however different their words.  A difference is not reported when either article also
prints the other's wording: an outlet that prints both has quoted two statements.

flags:
    A: Putin said he is ready to work on "a memorandum on a possible future peace agreement."
    B: Putin said he is ready to work on "a memorandum on a potential future peace agreement."
    -> detail: possible -> potential

passes:
    A: Putin said he is ready to work on "a memorandum on a possible future peace agreement."
    B: Putin spoke of "a possible future peace agreement."   (a partial quote)
    C: Trump said the call "went very well."  / D: Trump called the call "excellent" and said it
       "went very well."   (D prints both wordings)
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from ..model import Quote
from .align import Relation, relate, reverse_diff, word_diff, words
from .base import Discrepancy, Selection, Side, outlets_of, sort_sides
from .names import cluster_speakers, display, speaker_key
from .spec import Opt
from .unionfind import UnionFind

ID = "quote"
TYPE = "quote"
OPTIONS = {
    "min_similarity": Opt("number", "word similarity (0-1) from which two quotes are one statement "
                          "worded differently", minimum=0, maximum=1),
    "min_words": Opt("integer", "shortest quote (in words) compared by its wording", minimum=1),
    "topic_max_words": Opt("integer", "longest quote (in words) compared by its topic; 0 turns topic "
                           "matching off", minimum=0),
}
DEFAULTS = {"min_similarity": 0.6, "min_words": 4, "topic_max_words": 8}
PLACEHOLDERS = {"speaker": "who is quoted, as most fully named"}


def by_speaker(quotes: tuple[Quote, ...]) -> list[list[Quote]]:
    """Quotes with a speaker, grouped by speaker cluster (in a stable order)."""
    keyed = [(speaker_key(q.speaker), q) for q in quotes]
    canon = cluster_speakers(k for k, _ in keyed if k)
    groups: dict[tuple[str, ...], list[Quote]] = {}
    for k, q in keyed:
        if k:
            groups.setdefault(canon[k], []).append(q)
    return [sorted(groups[k], key=lambda q: (q.article, q.start)) for k in sorted(groups)]


def compare(sel: Selection, options: Mapping[str, Any]) -> Iterator[Discrepancy]:
    """One discrepancy per statement that outlets quote in different words."""
    for quotes in by_speaker(sel.quotes):
        yield from _Speaker(sel, quotes, options).discrepancies()


class _Speaker:
    """The quotes of one speaker, with their relations worked out once."""

    def __init__(self, sel: Selection, quotes: list[Quote], options: Mapping[str, Any]):
        self.sel, self.options = sel, options
        self.quotes = quotes
        self.words = [words(q.text) for q in quotes]
        self._rel: dict[tuple[int, int], Relation] = {}

    def rel(self, i: int, j: int) -> Relation:
        """How quote ``i`` relates to quote ``j`` (the diff reads from i to j)."""
        a, b = min(i, j), max(i, j)
        if (a, b) not in self._rel:
            self._rel[a, b] = relate(self.words[a], self.words[b])
        r = self._rel[a, b]
        return r if i <= j else Relation(r.kind, r.similarity, reverse_diff(r.diff))

    def similar(self, i: int, j: int) -> bool:
        r, o = self.rel(i, j), self.options
        return r.similarity >= o["min_similarity"] and min(len(self.words[i]), len(self.words[j])) >= o["min_words"]

    def discrepancies(self) -> Iterator[Discrepancy]:
        short = [i for i, q in enumerate(self.quotes)
                 if q.topic and 0 < len(self.words[i]) <= self.options["topic_max_words"]]
        rest = [i for i in range(len(self.quotes)) if i not in short]
        topical = [i for i in self._main_topic(short)
                   if not any(self.rel(i, j).consistent or self.similar(i, j) for j in rest)]
        worded = [i for i in range(len(self.quotes))
                  if i not in topical and len(self.words[i]) >= self.options["min_words"]]
        yield from self._conflicts(worded, lambda i, j: self.similar(i, j) and self.rel(i, j).diff, None)
        for topic in sorted({self.quotes[i].topic for i in topical}):
            nodes = [i for i in topical if self.quotes[i].topic == topic]
            yield from self._conflicts(nodes, lambda i, j: word_diff(self.words[i], self.words[j]), topic)

    def _main_topic(self, nodes: list[int]) -> list[int]:
        """``nodes`` less those whose wording the same article ties more often to another topic."""
        counts: dict[tuple[str, tuple[str, ...]], dict[str, int]] = {}
        for i in nodes:
            c = counts.setdefault((self.quotes[i].article, self.words[i]), {})
            c[self.quotes[i].topic] = c.get(self.quotes[i].topic, 0) + 1
        main = {k: min(c, key=lambda t: (-c[t], t)) for k, c in counts.items()}
        return [i for i in nodes if main[self.quotes[i].article, self.words[i]] == self.quotes[i].topic]

    def _conflicts(self, nodes: list[int], differ, topic: str | None) -> Iterator[Discrepancy]:
        """Statements among ``nodes``: linked when consistent (same side) or when ``differ`` gives
        their difference; a statement with a difference no article explains is a discrepancy."""
        comps, same = UnionFind(nodes), UnionFind(nodes)
        diffs: dict[tuple[int, int], str] = {}
        for n, i in enumerate(nodes):
            for j in nodes[n + 1:]:
                if self.rel(i, j).consistent:
                    comps.union(i, j)
                    same.union(i, j)
                elif d := differ(i, j):
                    comps.union(i, j)
                    diffs[i, j] = d
        for comp in comps.groups():
            found = [(i, j, d) for (i, j), d in diffs.items() if comps.find(i) == comps.find(comp[0])
                     and self.quotes[i].article != self.quotes[j].article
                     and not self._carried(nodes, i, j) and not self._carried(nodes, j, i)]
            if found:
                yield self._discrepancy(comp, same, found, topic)

    def _carried(self, nodes: list[int], i: int, j: int) -> bool:
        """True when the article of quote ``i`` also prints a wording consistent with quote ``j``."""
        art = self.quotes[i].article
        return any(self.quotes[k].article == art and k != i and self.rel(k, j).consistent
                   for k in nodes if k != j)

    def _discrepancy(self, comp, same: UnionFind, found, topic: str | None) -> Discrepancy:
        involved = {same.find(i) for i, _, _ in found} | {same.find(j) for _, j, _ in found}
        groups: dict[Any, list[int]] = {}
        for i in sorted(comp):
            if same.find(i) in involved:
                groups.setdefault(same.find(i), []).append(i)
        sides = []
        for group in groups.values():
            longest = max(group, key=lambda i: (len(self.quotes[i].text), -i))
            label = f'"{_short(self.quotes[longest].text)}"'
            sides.append(Side(label, tuple(self.sel.quote_item(self.quotes[i]) for i in group)))
        size = {root: len(outlets_of(self.sel.quote_item(self.quotes[i]) for i in g)) for root, g in groups.items()}
        edits = _edits(found, lambda i: size[same.find(i)])
        members = [i for g in groups.values() for i in g]
        speaker = max((display(self.quotes[i].speaker or "") for i in members), key=lambda s: (len(s), s))
        slug = "-".join(speaker_key(speaker) or ("unknown",))
        key = f"quote/{slug}" + (f"/{topic}" if topic else "")
        return Discrepancy(key, sort_sides(sides), edits or None, (("speaker", speaker),))


def _edits(found: list[tuple[int, int, str]], size) -> str:
    """The word edits of the conflicting pairs, each once, read from the wording more outlets print
    to the one fewer print; pairs with the most-printed wording first."""
    edits: list[str] = []
    for i, j, diff in sorted(found, key=lambda f: -max(size(f[0]), size(f[1]))):
        if size(i) < size(j):
            diff = reverse_diff(diff)
        edits += [e for e in diff.split("; ") if e and e not in edits and reverse_diff(e) not in edits]
    return "; ".join(edits)


def _short(text: str, limit: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
