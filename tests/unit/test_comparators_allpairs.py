"""The comparators against all-pairs references: candidate generation must not change a result.

The comparators relate distinct wordings and candidate pairs only (checker.comparators.candidates)
and find conflicting quotes per pair of wordings.  The references below are the straightforward
versions they replaced, which compare every pair of quotes, spellings or sides; on random small
stories (few words, so that containment, overlap and near misses are common) both must give the
same discrepancies.  Small stories are below every cap, where the comparators promise exactness.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_comparators_kit import selection

from checker.comparators import attribution, base, spelling
from checker.comparators import quote as quote_cmp
from checker.comparators.align import Relation, _align, relate, reverse_diff, word_diff, words
from checker.comparators.base import Discrepancy, Side, outlets_of, sort_sides
from checker.comparators.candidates import candidates, grams, run_length
from checker.comparators.memo import Memo
from checker.comparators.names import cluster_speakers, display, speaker_key
from checker.comparators.unionfind import UnionFind
from checker.engine import _selections
from checker.model import Article, Mention, Quote

VOCAB = "we the peace deal possible potential future agreement talks very frank".split()
SPEAKERS = ["Vladimir Putin", "Putin", "Mr. Putin", "Donald Trump", "Trump", "Melania Trump", "he", None,
            "the Russian leader"]
TOPICS = [None, None, "call", "talks"]
OUTLETS = ["Daily A", "Daily B", "Wire C", "Wire C", "Post D"]


# ------------------------------------------------------------------ references (all pairs)

def ref_align(a, b):
    """checker.comparators.align._align as first written (back pointers in bytearrays)."""
    n, m = len(a), len(b)
    unit = 4096
    prev = [0] * (m + 1)
    back: list[bytearray] = [bytearray(m + 1)]
    last_col = [0] * (n + 1)
    for i in range(1, n + 1):
        cur = [0] * (m + 1)
        row = bytearray(m + 1)
        ai = a[i - 1]
        for j in range(1, m + 1):
            diag = prev[j - 1] + (unit + 1 if ai == b[j - 1] else -unit)
            up = prev[j] - unit
            left = cur[j - 1] - unit
            if diag >= up and diag >= left:
                cur[j], row[j] = diag, 1
            elif up >= left:
                cur[j], row[j] = up, 2
            else:
                cur[j], row[j] = left, 3
        back.append(row)
        last_col[i] = cur[m]
        prev = cur
    ends = [(prev[j], n + j, n, j) for j in range(m + 1)] + [(last_col[i], i + m, i, m) for i in range(n + 1)]
    _, _, i, j = max(ends)
    pairs = []
    while i > 0 and j > 0:
        step = back[i][j]
        if step == 1:
            i, j = i - 1, j - 1
            pairs.append((i, j))
        elif step == 2:
            i -= 1
            pairs.append((i, None))
        else:
            j -= 1
            pairs.append((None, j))
    pairs.reverse()
    return pairs


def ref_cluster_speakers(keys):
    distinct = sorted(set(keys), key=lambda k: (-len(k), k))
    out = {}
    for key in distinct:
        longer = [k for k in distinct if len(k) > len(key) and k[-len(key):] == key]
        maximal = [k for k in longer if not any(len(o) > len(k) and o[-len(k):] == k for o in longer)]
        out[key] = out[maximal[0]] if len(maximal) == 1 else key
    heads = set(out.values())
    for key in distinct:  # a lone first name joins the one name of three words or more it begins
        begun = [h for h in heads if len(h) > 2 and h[0] == key[0]]
        ended = any(len(k) > 1 and k[-1] == key[0] for k in distinct)
        if len(key) == 1 and out[key] == key and not ended and len(begun) == 1:
            out[key] = begun[0]
    return out


class RefSpeaker:
    """The quote comparator's speaker as first written: every pair of quotes."""

    def __init__(self, sel, quotes, options):
        self.sel, self.options, self.quotes = sel, options, quotes
        self.words = [words(q.text) for q in quotes]
        self._rel: dict[tuple[int, int], Relation] = {}

    def rel(self, i, j):
        a, b = min(i, j), max(i, j)
        if (a, b) not in self._rel:
            self._rel[a, b] = relate(self.words[a], self.words[b])
        r = self._rel[a, b]
        return r if i <= j else Relation(r.kind, r.similarity, reverse_diff(r.diff))

    def similar(self, i, j):
        r, o = self.rel(i, j), self.options
        return r.similarity >= o["min_similarity"] and min(len(self.words[i]), len(self.words[j])) >= o["min_words"]

    def discrepancies(self):
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

    def _main_topic(self, nodes):
        counts: dict[Any, dict[str, int]] = {}
        for i in nodes:
            c = counts.setdefault((self.quotes[i].article, self.words[i]), {})
            c[self.quotes[i].topic] = c.get(self.quotes[i].topic, 0) + 1
        main = {k: min(c, key=lambda t: (-c[t], t)) for k, c in counts.items()}
        return [i for i in nodes if main[self.quotes[i].article, self.words[i]] == self.quotes[i].topic]

    def _conflicts(self, nodes, differ, topic):
        comps, same = UnionFind(nodes), UnionFind(nodes)
        diffs = {}
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

    def _carried(self, nodes, i, j):
        art = self.quotes[i].article
        return any(self.quotes[k].article == art and k != i and self.rel(k, j).consistent
                   for k in nodes if k != j)

    def _discrepancy(self, comp, same, found, topic):
        involved = {same.find(i) for i, _, _ in found} | {same.find(j) for _, j, _ in found}
        groups: dict[Any, list[int]] = {}
        for i in sorted(comp):
            if same.find(i) in involved:
                groups.setdefault(same.find(i), []).append(i)
        sides = []
        for group in groups.values():
            longest = max(group, key=lambda i: (len(self.quotes[i].text), -i))
            label = f'"{quote_cmp._short(self.quotes[longest].text)}"'
            sides.append(Side(label, tuple(self.sel.quote_item(self.quotes[i]) for i in group)))
        size = {root: len(outlets_of(self.sel.quote_item(self.quotes[i]) for i in g)) for root, g in groups.items()}
        edits: list[str] = []
        for i, j, diff in sorted(found, key=lambda f: -max(size[same.find(f[0])], size[same.find(f[1])])):
            if size[same.find(i)] < size[same.find(j)]:
                diff = reverse_diff(diff)
            edits += [e for e in diff.split("; ") if e and e not in edits and reverse_diff(e) not in edits]
        members = [i for g in groups.values() for i in g]
        speaker = max((display(self.quotes[i].speaker or "") for i in members), key=lambda s: (len(s), s))
        slug = "-".join(speaker_key(speaker) or ("unknown",))
        key = f"quote/{slug}" + (f"/{topic}" if topic else "")
        return Discrepancy(key, sort_sides(sides), "; ".join(edits) or None, (("speaker", speaker),))


def ref_quote_compare(sel, options):
    for quotes in quote_cmp.by_speaker(sel.quotes):
        yield from RefSpeaker(sel, quotes, options).discrepancies()


def ref_same_words(quotes, options, memo=None):
    """attribution._same_words as first written (every pair; ``memo`` is not needed)."""
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


def ref_surname_clusters(mentions, options):
    """Every pair of spellings asked :func:`same_name`, within people or within other things."""
    from checker.extractor.names import same_name

    skey, given = spelling._skey, spelling._given
    by_spelling: dict[tuple[str, str], list[Mention]] = {}
    for m in mentions:
        s = skey(m, options)
        if len(s) >= options["min_length"]:
            by_spelling.setdefault(("person" if m.kind == "person" else "thing", s), []).append(m)

    def two_people(a, b):
        given_a = {(m.article, g) for m in a if (g := given(m))}
        for m in b:
            g = given(m)
            if g and any(art == m.article and not spelling._compatible(g, ga) for art, ga in given_a):
                return True
        return False

    def one_person(a, b):
        ga, gb = {g for m in a if (g := given(m))}, {g for m in b if (g := given(m))}
        return not ga or not gb or any(spelling._compatible(x, y) or spelling._alike(x, y, options)
                                       for x in ga for y in gb)

    spellings = sorted(by_spelling)
    uf = UnionFind(spellings)
    for i, a in enumerate(spellings):
        for b in spellings[i + 1:]:
            bare = any(all(m.kind == "name" for m in by_spelling[s]) for s in (a, b))
            if a[0] == b[0] and same_name(a[1], b[1], 1.0 if bare else options["min_similarity"]) \
                    and not two_people(by_spelling[a], by_spelling[b]) \
                    and not two_people(by_spelling[b], by_spelling[a]) \
                    and one_person(by_spelling[a], by_spelling[b]):
                uf.union(a, b)
    groups = [[m for s in g for m in by_spelling[s]] for g in uf.groups()]
    return sorted(groups, key=lambda ms: sorted(skey(m, options) for m in ms))


def ref_spelling_sides(sel, mentions, key, label, item=None):
    """Each article's first and last mention of each spelling, by position."""
    item = item or (lambda sel, m: sel.mention_item(m))
    groups: dict[str, list[Mention]] = {}
    for m in sorted(mentions, key=lambda m: (m.article, m.start)):
        groups.setdefault(key(m), []).append(m)
    chosen = {}
    for k, ms in groups.items():
        keep = []
        for art in dict.fromkeys(m.article for m in ms):
            mine = [m for m in ms if m.article == art]
            keep += [mine[0]] + ([mine[-1]] if len(mine) > 1 else [])
        chosen[k] = keep
    sides = [Side(f'"{base.most_common_text(label(m) for m in ms)}"', tuple(item(sel, m) for m in ms))
             for ms in chosen.values()]
    return sort_sides(sides)


def ref_merge_sides(sides):
    joined: dict[str, list] = {}
    for side in sides:
        items = joined.setdefault(side.label, [])
        items += [i for i in side.items if i not in items]
    return sort_sides(Side(label, tuple(items)) for label, items in joined.items())


# ------------------------------------------------------------------ random stories

@st.composite
def stories(draw, *, mentions: bool = False):
    n = draw(st.integers(2, 6))
    articles, quotes, names = [], [], []
    for k in range(n):
        parts, pos = [], 0
        items = draw(st.lists(st.tuples(st.lists(st.sampled_from(VOCAB), min_size=0, max_size=9),
                                        st.sampled_from(SPEAKERS), st.sampled_from(TOPICS)), max_size=6))
        aid = f"a{k}"
        for ws, speaker, topic in items:
            text = " ".join(ws).capitalize() + draw(st.sampled_from(["", ",", "."]))
            quotes.append(Quote(f"{aid}:q{pos}", aid, speaker, text, pos, pos + len(text), topic=topic))
            parts.append(text)
            pos += len(text) + 1
        if mentions:
            for given, surname in draw(st.lists(st.tuples(
                    st.sampled_from([None, "Volodymyr", "Vladimir", "V.", "Donald", "Melania", "Mark", "Boris"]),
                    st.sampled_from(["Zelenskyy", "Zelensky", "Zelenskiy", "Selensky", "Trump", "Trumpp", "Johnson",
                                     "Johnston", "Zelensky's", "Lee"])), max_size=5)):
                text = f"{given} {surname}" if given else surname
                names.append(Mention(f"{aid}:m{pos}", aid, text, pos, pos + len(text), surname, given))
                parts.append(text)
                pos += len(text) + 1
        articles.append(Article(id=aid, path=f"{aid}.txt", text=" ".join(parts) + " ", outlet=OUTLETS[k % 5],
                                published="2025-05-19", story="s"))
    return articles, quotes, names


def _sel(articles, quotes=(), names=()):
    return selection(articles, *quotes, *names)


@pytest.mark.slow
@settings(max_examples=300)
@given(stories(), st.sampled_from([0.0, 0.3, 0.6, 0.75, 0.9, 1.0]), st.sampled_from([1, 2, 4]),
       st.sampled_from([0, 3, 8]))
def test_quote_comparator_equals_the_all_pairs_reference(story, min_similarity, min_words, topic_max_words):
    articles, quotes, _ = story
    options = {"min_similarity": min_similarity, "min_words": min_words, "topic_max_words": topic_max_words,
               "min_shared": 0, "min_overlap": 0.6}  # translations: see test_statements.py

    def plain(ds):  # the reference predates the judgement (a field and a milder severity)
        return [replace(d, fields=d.fields[:1], milder=False) for d in ds]
    sel = _sel(articles, quotes)
    assert plain(quote_cmp.compare(sel, options)) == list(ref_quote_compare(sel, options))


@pytest.mark.slow
@settings(max_examples=300)
@given(stories(), st.sampled_from([0.0, 0.5, 0.6, 0.9, 1.0]), st.sampled_from([1, 3, 6]))
def test_attribution_comparator_equals_the_all_pairs_reference(story, min_similarity, min_words):
    articles, quotes, _ = story
    options = {**attribution.DEFAULTS, "min_similarity": min_similarity, "min_words": min_words,
               "min_sentence_words": min_words, "include_facts": False}
    sel = _sel(articles, quotes)
    named = [q for q in quotes if attribution.is_named(q.speaker) and len(words(q.text)) >= min_words]
    new = [[q.id for q in g] for g in attribution._same_words(named, options, Memo())]
    assert new == [[q.id for q in g] for g in ref_same_words(named, options)]
    found = list(attribution.compare(sel, options))
    saved = attribution._same_words
    try:
        attribution._same_words = ref_same_words
        assert found == list(attribution.compare(sel, options))
    finally:
        attribution._same_words = saved


@pytest.mark.slow
@settings(max_examples=300)
@given(stories(mentions=True), st.sampled_from(["surname", "given_name"]),
       st.sampled_from([0.0, 0.5, 0.7, 0.85, 1.0]), st.sampled_from([1, 4]), st.booleans())
def test_spelling_comparator_equals_the_all_pairs_reference(story, check, min_similarity, min_length, fold):
    articles, _, names = story
    options = {**spelling.DEFAULTS, "check": check, "min_similarity": min_similarity, "min_length": min_length,
               "fold_diacritics": fold}
    sel = _sel(articles, (), names)
    assert spelling.surname_clusters(tuple(names), options) == ref_surname_clusters(tuple(names), options)
    found = list(spelling.compare(sel, options))
    saved = spelling.surname_clusters, spelling._sides
    try:
        spelling.surname_clusters, spelling._sides = ref_surname_clusters, ref_spelling_sides
        assert found == list(spelling.compare(sel, options))
    finally:
        spelling.surname_clusters, spelling._sides = saved


@pytest.mark.slow
@given(st.lists(st.lists(st.sampled_from(["a", "b", "c", "d"]), min_size=1, max_size=4).map(tuple), max_size=12))
def test_speaker_clusters_equal_the_reference(keys):
    assert cluster_speakers(keys) == ref_cluster_speakers(keys)


@pytest.mark.slow
@given(st.lists(st.sampled_from(VOCAB[:6]), max_size=14), st.lists(st.sampled_from(VOCAB[:6]), max_size=14))
def test_alignment_equals_the_reference(a, b):
    assert _align(tuple(a), tuple(b)) == ref_align(tuple(a), tuple(b))


@pytest.mark.slow
@settings(max_examples=500)
@given(st.lists(st.sampled_from(VOCAB[:7]), max_size=12), st.lists(st.sampled_from(VOCAB[:7]), max_size=12),
       st.sampled_from([0.1, 0.3, 0.5, 0.6, 0.75, 0.9, 1.0]))
def test_relate_skips_only_pairs_that_cannot_matter(a, b, s):
    """With min_similarity, relate may skip the alignment, but only of pairs that are neither
    consistent nor that similar; everything else comes out exactly as without it."""
    full, quick = relate(tuple(a), tuple(b)), relate(tuple(a), tuple(b), min_similarity=s)
    if full.consistent or full.similarity >= s:
        assert quick == full
    else:
        assert not quick.consistent and quick.similarity < s


@pytest.mark.slow
@settings(max_examples=500)
@given(st.lists(st.lists(st.sampled_from(VOCAB[:6]), max_size=10).map(tuple), min_size=2, max_size=10, unique=True),
       st.sampled_from([0.0, 0.2, 0.5, 0.6, 0.8, 0.9, 1.0]))
def test_candidates_hold_every_pair_that_relates(wordings, s):
    """Below the caps, every pair that is consistent or reaches the similarity is a candidate."""
    pairs = set(candidates(wordings, run_length(s)).pairs)
    for i, a in enumerate(wordings):
        for j in range(i + 1, len(wordings)):
            r = relate(a, wordings[j])
            if r.consistent or (s <= r.similarity and r.kind == "other" and a and wordings[j]):
                assert (i, j) in pairs, (a, wordings[j], r)


@pytest.mark.parametrize("s, run", [(0.0, 0), (0.3, 1), (0.6, 1), (0.8, 1), (0.85, 2), (0.9, 3), (1.0, 3)])
def test_run_length(s, run):
    assert run_length(s) == run


def test_grams():
    assert grams(("a", "b", "c"), 2) == {("a", "b"), ("b", "c")}
    assert grams(("a",), 3) == {("a",)}


def test_merge_sides_equals_the_reference():
    a, b = Article("a", "a.txt", "x y z", "A"), Article("b", "b.txt", "x y z", "B")
    sel = _sel([a, b])
    items = [base.Item(sel.articles[x], s, s + 1, t) for x in "ab" for s, t in ((0, "x"), (2, "y"), (4, "z"))]
    sides = [Side("one", tuple(items[:3])), Side("two", tuple(items[2:5])), Side("one", tuple(items[1:])),
             Side("three", tuple(items[::2]))]
    assert base.merge_sides(sides) == ref_merge_sides(sides)


@pytest.mark.slow
@given(stories(mentions=True), st.booleans())
def test_selections_split_items_by_story_as_before(story, same_story):
    articles, quotes, names = story
    articles = [a if n % 2 else Article(a.id, a.path, a.text, a.outlet, story=f"s{n % 3}" if n % 3 else None)
                for n, a in enumerate(articles)]
    by_id = {a.id: a for a in articles}

    def key(aid):
        return (by_id[aid].story or "") if same_story else ""

    expected = [(s or None, tuple(q for q in quotes if key(q.article) == s), tuple(m for m in names if key(m.article) == s))
                for s in sorted({key(a) for a in by_id})]
    got = [(x.story, x.quotes, x.mentions) for x in _selections(by_id, (), tuple(quotes), tuple(names), same_story)]
    assert got == expected
