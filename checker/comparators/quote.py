"""One speaker is quoted in different words for the same statement.

Quotes of one speaker (named the same way after rank words are dropped: "Mr. Putin" = "Vladimir
Putin") are cut into sentences (:mod:`.statements`) and compared across articles, sentence by
sentence.  Case, punctuation and quote marks do not count.  Two sentences are the same statement
when one contains the other (a partial quote: never a finding), when they overlap and differ only
in where they start or stop, when their word-level alignment reaches ``min_similarity`` (ends that
do not match count against them unless one is an excerpt of the other), or when they share their
content words though not their order (a translation: ``min_shared`` content stems, ``min_overlap``
of the shorter's; :mod:`.paraphrase`).  Such a pair worded differently is a finding, with the
changed words in its detail ("possible -> potential") and a judgement: a synonym swap or a
translation variant is one severity below the rule's; a change of negation, of a number or of
intensity keeps it.  The differing sentences of one quote are one finding.  Short quotes (at most
``topic_max_words`` words) that the extractor ties to a topic ("a 'very frank' conversation" ->
call) and that are not a piece of a longer quote are compared by topic instead: two of them with
the same topic are the same statement however different their words.  A difference is not
reported when either article also prints the other's wording: an outlet that prints both has
quoted two statements.

flags:
    A: Putin said he is ready to work on "a memorandum on a possible future peace agreement."
    B: Putin said he is ready to work on "a memorandum on a potential future peace agreement."
    -> detail: possible -> potential (a synonym swap)
    C: Ruiz said: "Never before has our town seen such terrible damage."
    D: "Our town has never witnessed damage as awful as this before," Ruiz said.
    -> a translation variant
    E: "We have opened three shelters," Ruiz said. / F: "We have opened five shelters," Ruiz said.
    -> a change of number

passes:
    A: Putin said he is ready to work on "a memorandum on a possible future peace agreement."
    B: Putin spoke of "a possible future peace agreement."   (a partial quote)
    C: Trump said the call "went very well."  / D: Trump called the call "excellent" and said it
       "went very well."   (D prints both wordings)
    E: "The water rose faster than anyone expected," Ruiz said. / F: "Every family will have a
       roof before the winter," Ruiz said.   (two sentences of one speech)
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator, Mapping
from typing import Any

from checker.model import Quote

from .align import Relation, reverse_diff, word_diff
from .base import Discrepancy, Selection, Side, outlets_of, sort_sides
from .candidates import SMALL_BLOCK, candidates, run_length
from .names import cluster_speakers, display, speaker_key, surname_word
from .newscope import NewScope, paired
from .paraphrase import overlap, shared
from .spec import Opt
from .statements import judge, sentences, statement_of
from .unionfind import UnionFind

# How the work scales (docs/rules.md, "What comparison costs"): quotes of one speaker with the same
# normalised words are one wording, however many outlets print them; relations are worked out
# between wordings, only for the candidate pairs of checker.comparators.candidates (exact for
# speakers with up to SMALL_BLOCK wordings); which quotes of which articles conflict is then found
# per pair of wordings, from the quotes' order, without looking at every pair of quotes.

ID = "quote"
TYPE = "quote"
OPTIONS = {
    "min_similarity": Opt("number", "word similarity (0-1) from which two quotes are one statement "
                          "worded differently", minimum=0, maximum=1),
    "min_words": Opt("integer", "shortest quote (in words) compared by its wording", minimum=1),
    "topic_max_words": Opt("integer", "longest quote (in words) compared by its topic; 0 turns topic "
                           "matching off", minimum=0),
    "min_shared": Opt("integer", "content words (stems, synonyms as one) two sentences that do not align "
                      "word by word must share to be one statement in other words (a translation); "
                      "0 turns this off", minimum=0),
    "min_overlap": Opt("number", "share (0-1) of the shorter sentence's content words the other must "
                       "have for that", minimum=0, maximum=1),
}
DEFAULTS = {"min_similarity": 0.6, "min_words": 3, "topic_max_words": 8, "min_shared": 2, "min_overlap": 0.6}
PLACEHOLDERS = {"speaker": "who is quoted, as most fully named",
                "judgement": "what the difference amounts to: a synonym swap or translation variant (one "
                             "severity lower), or a change of negation, number or intensity"}


def _speaker_word(quote: Quote) -> str | None:
    """The folded last word of the quote's speaker key: the speakers of one cluster (see
    :func:`by_speaker`) all end in one word, once folded."""
    return surname_word(speaker_key(quote.speaker))


_SAME_SPEAKER = paired(_speaker_word)


def new_scope(options: Mapping[str, Any]) -> NewScope:
    """--new: quotes are compared within one speaker cluster, so the quotes whose speaker ends in
    the word a new article's quoted speaker ends in."""
    return NewScope(quotes=_SAME_SPEAKER)

_SAME = Relation("same", 1.0)


def by_speaker(quotes: tuple[Quote, ...]) -> list[list[Quote]]:
    """The sentences of the quotes with a speaker (:func:`.statements.sentences`), grouped by
    speaker cluster (in a stable order)."""
    keyed = [(speaker_key(q.speaker), part) for q in quotes for part in sentences(q)]
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
    """The quotes of one speaker, as distinct wordings, with their relations worked out once.

    Quote ``i`` has wording ``wid[i]`` (an index into ``wordings``); relations, similarity and
    differences are properties of wordings, so each pair of wordings is related at most once.
    """

    def __init__(self, sel: Selection, quotes: list[Quote], options: Mapping[str, Any]):
        self.sel, self.options = sel, options
        self.quotes = quotes
        index: dict[tuple[str, ...], int] = {}
        self.wid = [index.setdefault(sel.memo.words(q.text), len(index)) for q in quotes]
        self.wordings = list(index)
        self._rel: dict[tuple[int, int], Relation] = {}
        self._blocked: dict[int, bool] = {}
        self.candidates = candidates(self.wordings, run_length(options["min_similarity"]))
        self.relations = 0  # alignments asked for (relate calls), for tests of the cost

    def rel(self, u: int, v: int) -> Relation:
        """How wording ``u`` relates to wording ``v`` (the diff reads from u to v)."""
        if u == v:
            return _SAME
        a, b = (u, v) if u < v else (v, u)
        r = self._rel.get((a, b))
        if r is None:
            self.relations += 1
            r = self._rel[a, b] = self.sel.memo.relate(self.wordings[a], self.wordings[b],
                                                       min_similarity=self.options["min_similarity"])
        return r if u < v else Relation(r.kind, r.similarity, reverse_diff(r.diff))

    def aligned(self, u: int, v: int) -> bool:
        """True when wordings ``u`` and ``v`` align word by word with ``min_similarity``."""
        return self.rel(u, v).similarity >= self.options["min_similarity"]

    def translated(self, u: int, v: int) -> bool:
        """True when ``u`` and ``v`` share their content though not their word order (see
        :mod:`.paraphrase`): ``min_shared`` content stems, ``min_overlap`` of the shorter's."""
        o, a, b = self.options, self.wordings[u], self.wordings[v]
        return 0 < o["min_shared"] <= shared(a, b) and overlap(a, b) >= o["min_overlap"]

    def similar(self, u: int, v: int) -> bool:
        if min(len(self.wordings[u]), len(self.wordings[v])) < self.options["min_words"]:
            return False
        return self.aligned(u, v) or self.translated(u, v)

    def _related(self, u: int, v: int) -> bool:
        return self.rel(u, v).consistent or self.similar(u, v)

    def discrepancies(self) -> Iterator[Discrepancy]:
        n, ws, wid = len(self.quotes), self.wordings, self.wid
        short = [i for i, q in enumerate(self.quotes)
                 if q.topic and 0 < len(ws[wid[i]]) <= self.options["topic_max_words"]]
        short_set = set(short)
        rest = {wid[i] for i in range(n) if i not in short_set}
        topical = [i for i in self._main_topic(short) if not self._is_blocked(wid[i], rest)]
        topical_set = set(topical)
        worded = [i for i in range(n) if i not in topical_set and len(ws[wid[i]]) >= self.options["min_words"]]
        yield from self._conflicts(worded, None)
        for topic in sorted({self.quotes[i].topic for i in topical}):
            nodes = self._topic_cap([i for i in topical if self.quotes[i].topic == topic])
            yield from self._conflicts(nodes, topic)

    def _is_blocked(self, u: int, rest: set[int]) -> bool:
        """True when a quote that is not compared by topic is consistent with, or similar to,
        wording ``u`` (then ``u`` is a piece of a longer statement, not a statement of its own)."""
        if u not in self._blocked:
            self._blocked[u] = u in rest or any(v in rest and self._related(u, v)
                                                for v in sorted(self.candidates.near(u)))
        return self._blocked[u]

    def _topic_cap(self, nodes: list[int]) -> list[int]:
        """``nodes`` less the wordings past the SMALL_BLOCK most printed ones (a topic's wordings
        are compared pair by pair, so their number is capped)."""
        articles: dict[int, set[str]] = {}
        for i in nodes:
            articles.setdefault(self.wid[i], set()).add(self.quotes[i].article)
        if len(articles) <= SMALL_BLOCK:
            return nodes
        keep = set(sorted(articles, key=lambda u: (-len(articles[u]), u))[:SMALL_BLOCK])
        return [i for i in nodes if self.wid[i] in keep]

    def _main_topic(self, nodes: list[int]) -> list[int]:
        """``nodes`` less those whose wording the same article ties more often to another topic."""
        counts: dict[tuple[str, int], dict[str, int]] = {}
        for i in nodes:
            c = counts.setdefault((self.quotes[i].article, self.wid[i]), {})
            c[self.quotes[i].topic] = c.get(self.quotes[i].topic, 0) + 1
        main = {k: min(c, key=lambda t: (-c[t], t)) for k, c in counts.items()}
        return [i for i in nodes if main[self.quotes[i].article, self.wid[i]] == self.quotes[i].topic]

    def _conflicts(self, nodes: list[int], topic: str | None) -> Iterator[Discrepancy]:
        """Statements among ``nodes``: wordings are linked when consistent (same side) or when they
        differ (by topic, or by wording when similar); a statement with a difference that no
        article explains (see :class:`_Scan`) is a discrepancy."""
        if not nodes:
            return
        ws = list(dict.fromkeys(self.wid[i] for i in nodes))
        wset = set(ws)
        comps, same = UnionFind(ws), UnionFind(ws)
        consistent: dict[int, set[int]] = {u: {u} for u in ws}
        differ: list[tuple[int, int]] = []
        for u, v in self._pairs(ws, wset, topic):
            if self.rel(u, v).consistent:
                comps.union(u, v)
                same.union(u, v)
                consistent[u].add(v)
                consistent[v].add(u)
            elif topic is not None or (self.similar(u, v) and self._diff(u, v, topic)):
                comps.union(u, v)
                differ.append((u, v))
        self._one_statement(nodes, comps, {w for pair in differ for w in pair})
        members: dict[Any, list[int]] = {}
        for i in nodes:
            members.setdefault(comps.find(self.wid[i]), []).append(i)
        pairs: dict[Any, list[tuple[int, int]]] = {}
        for u, v in differ:
            pairs.setdefault(comps.find(u), []).append((u, v))
        if not pairs:
            return
        scan = _Scan(self, nodes, consistent)
        for root, comp in members.items():
            found = [f for u, v in pairs.get(root, ()) for f in (scan.first(u, v), scan.first(v, u)) if f]
            if found:
                yield self._discrepancy(comp, same, found, topic)

    def _one_statement(self, nodes: list[int], comps: UnionFind, differing: set[int]) -> None:
        """Join in ``comps`` the differing sentences of one quote: the differences of one quoted
        statement are one finding, however many of its sentences are worded differently."""
        first_of: dict[str, int] = {}
        for i in nodes:
            u = self.wid[i]
            if u in differing:
                whole = statement_of(self.quotes[i])
                comps.union(first_of.setdefault(whole, u), u)

    def _pairs(self, ws: list[int], wset: set[int], topic: str | None):
        """The pairs of wordings to relate: every pair by topic, candidate pairs by wording."""
        if topic is not None:
            return [(u, v) for n, u in enumerate(ws) for v in ws[n + 1:]]
        return [(u, v) for u in ws for v in sorted(self.candidates.near(u)) if v in wset and u < v]

    def _discrepancy(self, comp: list[int], same: UnionFind, found, topic: str | None) -> Discrepancy:
        """``found``: (i, j, u, v), the first pair of quotes i < j (wordings u, v) that conflict,
        for each ordered pair of wordings that does."""
        involved = {same.find(u) for _, _, u, _ in found} | {same.find(v) for _, _, _, v in found}
        groups: dict[Any, list[int]] = {}
        for i in comp:
            root = same.find(self.wid[i])
            if root in involved:
                groups.setdefault(root, []).append(i)
        sides, size = [], {}
        for root, group in groups.items():
            longest = max(group, key=lambda i: (len(self.quotes[i].text), -i))
            label = f'"{_short(self.quotes[longest].text)}"'
            items = tuple(self.sel.quote_item(self.quotes[i]) for i in group)
            sides.append(Side(label, items))
            size[root] = len(outlets_of(items))
        edits = _edits([(i, j, self._diff(u, v, topic), size[same.find(u)], size[same.find(v)])
                        for i, j, u, v in found])
        members = [i for g in groups.values() for i in g]
        speakers = {self.quotes[i].speaker or "" for i in members}
        speaker = max((display(s) for s in speakers), key=lambda s: (len(s), s))
        slug = "-".join(speaker_key(speaker) or ("unknown",))
        key = f"quote/{slug}" + (f"/{topic}" if topic else "")
        judgement, minor = self._judgement(found, topic)
        return Discrepancy(key, sort_sides(sides), edits or None,
                           (("speaker", speaker), ("judgement", judgement)), milder=minor)

    def _diff(self, u: int, v: int, topic: str | None) -> str:
        if topic is None and self.aligned(u, v):
            return self.rel(u, v).diff
        return word_diff(self.wordings[u], self.wordings[v])

    def _judgement(self, found, topic: str | None) -> tuple[str, bool]:
        """What the first conflicting pair's difference amounts to (:func:`.statements.judge`), and
        whether that and every other pair's is minor."""
        verdicts = [judge(self.wordings[u], self.wordings[v], self._diff(u, v, topic),
                          topic is None and self.aligned(u, v)) for _, _, u, v in found]
        return verdicts[0][0], all(minor for _, minor in verdicts)


class _Scan:
    """Finds, for an ordered pair of wordings (u, v), the first pair of quotes i < j (in the order
    (article, start)) with wording u and v that conflict: from different articles, and neither
    article also prints a wording consistent with the other quote (then it quoted two statements).

    Whether an article "carries" a wording depends only on the article and that wording, so it is
    worked out once; and because the quotes of one article are consecutive, the first quote i of
    wording u whose article does not carry v either has a partner j or no later quote has one.
    """

    def __init__(self, speaker: _Speaker, nodes: list[int], consistent: dict[int, set[int]]):
        self.sp = speaker
        self.consistent = consistent
        self.by_wording: dict[int, list[int]] = {}
        self.in_article: dict[str, set[int]] = {}
        for i in nodes:
            u = speaker.wid[i]
            self.by_wording.setdefault(u, []).append(i)
            self.in_article.setdefault(speaker.quotes[i].article, set()).add(u)
        self._carries: dict[tuple[str, int], bool] = {}

    def carries(self, article: str, v: int) -> bool:
        """True when ``article`` prints (among the nodes) a wording consistent with ``v``."""
        key = (article, v)
        if key not in self._carries:
            self._carries[key] = not self.in_article[article].isdisjoint(self.consistent[v])
        return self._carries[key]

    def first(self, u: int, v: int) -> tuple[int, int, int, int] | None:
        quotes = self.sp.quotes
        qu, qv = self.by_wording[u], self.by_wording[v]
        for i in qu:
            a = quotes[i].article
            if self.carries(a, v):
                continue
            k = bisect_right(qv, i)
            while k < len(qv):
                j = qv[k]
                b = quotes[j].article
                if b != a and not self.carries(b, u):
                    return i, j, u, v
                k += 1
            return None
        return None


def _edits(found: list[tuple[int, int, str, int, int]]) -> str:
    """The word edits of the conflicting pairs (i, j, diff from i to j, outlets of i's side, of
    j's side), each once, read from the wording more outlets print to the one fewer print; pairs
    with the most-printed wording first, then in the quotes' order."""
    edits: list[str] = []
    seen: set[str] = set()
    for _, _, diff, si, sj in sorted(found, key=lambda f: (-max(f[3], f[4]), f[0], f[1])):
        if si < sj:
            diff = reverse_diff(diff)
        new = [e for e in diff.split("; ") if e and e not in seen and reverse_diff(e) not in seen]
        edits += new  # an edit twice in one diff is kept twice, as it always was
        seen.update(new)
    return "; ".join(edits)


def _short(text: str, limit: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
