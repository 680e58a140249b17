"""How the comparators' work grows with the corpus: counted, not timed.

Each test builds a synthetic corpus, then one ten times larger, runs a comparator or the engine on
both and counts the expensive steps (word alignments, spelling checks, look-ups).  Near-linear
means the count grows about tenfold (or not at all, when the larger corpus only repeats what the
smaller one says), never a hundredfold as comparing all pairs would.
"""

from __future__ import annotations

import random
from collections import Counter

import pytest

from checker.comparators import align, candidates
from checker.comparators import quote as quote_cmp
from checker.comparators.base import Selection
from checker.engine import _selections, evaluate
from checker.model import Article, ArticleFacts, Fact, Mention, Quote
from checker.ruleset.loader import load_rules

WORDS = ("peace talks ceasefire memorandum agreement future possible potential treaty the a of to we "
         "will ready work with other side conditions negotiated between parties russia ukraine war end "
         "start immediately toward more importantly call very frank useful informative meaningful").split()

VARIANTS = [  # one statement in five wordings, and two short quotes about the call
    "Russia is ready to work with the Ukrainian side on a memorandum on a possible future peace agreement",
    "Russia is ready to work with the Ukrainian side on a memorandum on a potential future peace agreement",
    "ready to work on a memorandum on a possible future peace treaty",
    "a memorandum on a possible future peace agreement",
    "We agreed that Russia will propose a memorandum on a possible future peace agreement",
]
SHORT = ["very informative and very frank", "very meaningful and quite frank"]


def _article(n: int, story: str, quotes: list[tuple[str, str, str | None]]) -> tuple[Article, list[Quote]]:
    aid = f"a{n:05d}"
    text, out = "", []
    for speaker, words, topic in quotes:
        out.append(Quote(f"{aid}:q{len(text)}", aid, speaker, words, len(text), len(text) + len(words), topic=topic))
        text += words + ". "
    return Article(aid, f"{aid}.txt", text, f"Outlet {n % 17}", published="2025-05-19", story=story), out


def _repeating(n: int) -> tuple[list[Article], list[Quote]]:
    """``n`` articles of one story, each quoting one speaker in one of a few wordings."""
    rng = random.Random(n)
    arts, quotes = [], []
    for i in range(n):
        a, qs = _article(i, "one", [("Vladimir Putin", rng.choice(VARIANTS), None),
                                    ("Putin", rng.choice(SHORT), "call"),
                                    ("Marco Rubio" if i % 7 == 0 else "JD Vance", VARIANTS[0], None)])
        arts.append(a)
        quotes += qs
    return arts, quotes


def _unique(n: int, per_story: int, seed: int = 1) -> tuple[list[Article], list[Quote]]:
    """``n`` articles, ``per_story`` a story, each with quotes of its own random words, and each
    with the story's statement, one word changed, given to one of two speakers."""
    rng = random.Random(seed)
    arts, quotes = [], []
    statement: list[str] = []
    for i in range(n):
        if i % per_story == 0:
            statement = rng.choices(WORDS, k=10)
        said = list(statement)
        said[rng.randrange(10)] = rng.choice(WORDS)
        spoken = [(rng.choice(["Vladimir Putin", "Donald Trump"]), " ".join(rng.choices(WORDS, k=rng.randint(4, 12))),
                   rng.choice([None, "call"])) for _ in range(3)]
        spoken.append((rng.choice(["Vladimir Putin", "Donald Trump"]), " ".join(said), None))
        a, qs = _article(i, f"s{i // per_story}", spoken)
        arts.append(a)
        quotes += qs
    return arts, quotes


class _Count:
    """Counts calls of a module's function while it is patched."""

    def __init__(self, monkeypatch, module, name):
        self.calls = 0
        inner = getattr(module, name)

        def counted(*args, **kwargs):
            self.calls += 1
            return inner(*args, **kwargs)

        monkeypatch.setattr(module, name, counted)


def _run_rule(rule_id: str, arts: list[Article], quotes: list[Quote], mentions=()) -> list:
    rule = next(r for r in load_rules().enabled() if r.id == rule_id)
    by_article: dict[str, tuple[list, list]] = {a.id: ([], []) for a in arts}
    for q in quotes:
        by_article[q.article][0].append(q)
    for m in mentions:
        by_article[m.article][1].append(m)
    ex = {aid: ArticleFacts(aid, (), tuple(qs), tuple(ms)) for aid, (qs, ms) in by_article.items()}
    return evaluate(arts, ex, [rule])


def _alignments(monkeypatch, rule_id: str, corpus) -> tuple[int, list]:
    count = _Count(monkeypatch, align, "_align")
    found = _run_rule(rule_id, *corpus)
    monkeypatch.undo()
    return count.calls, found


@pytest.mark.parametrize("rule_id", ["quote-wording", "quote-attribution"])
def test_repeated_wordings_are_aligned_once_however_many_outlets_print_them(monkeypatch, rule_id):
    small, found_small = _alignments(monkeypatch, rule_id, _repeating(30))
    large, found_large = _alignments(monkeypatch, rule_id, _repeating(300))
    assert found_small and found_large
    assert [f.key for f in found_small] == [f.key for f in found_large]
    # pairs of distinct wordings, not of quotes: the same handful for 30 or 300 articles
    assert large <= small + 5
    assert large < 60


@pytest.mark.slow
@pytest.mark.parametrize("rule_id", ["quote-wording", "quote-attribution"])
def test_alignments_grow_linearly_with_stories(monkeypatch, rule_id):
    small, _ = _alignments(monkeypatch, rule_id, _unique(80, 8))
    large, _ = _alignments(monkeypatch, rule_id, _unique(800, 8))
    assert small > 0
    assert large <= 13 * small  # tenfold the stories: about tenfold the work (all pairs: a hundredfold)


@pytest.mark.slow
def test_one_speaker_with_many_wordings_is_bounded_by_the_caps(monkeypatch):
    """Beyond SMALL_BLOCK distinct wordings, each wording is aligned with at most CANDIDATE_CAP
    candidates: the work is linear in the wordings, whatever they share."""
    counts = {}
    for n in (60, 600):
        arts, quotes = _unique(n, n, seed=n)
        quotes = [Quote(q.id, q.article, "Vladimir Putin", q.text, q.start, q.end) for q in quotes]
        sel = Selection("one", {a.id: a for a in arts}, (), tuple(quotes))
        speaker = quote_cmp._Speaker(sel, quotes, quote_cmp.DEFAULTS)
        list(speaker.discrepancies())
        counts[n] = (len(speaker.wordings), speaker.relations, speaker.candidates.capped)
    (d1, r1, capped1), (d2, r2, capped2) = counts[60], counts[600]
    assert d1 <= candidates.SMALL_BLOCK < d2 and not capped1 and capped2
    assert r2 <= d2 * candidates.CANDIDATE_CAP
    assert r2 <= 13 * (d2 / d1) * max(r1 / d1, candidates.CANDIDATE_CAP)


def test_candidate_index_is_exact_below_its_caps():
    rng = random.Random(3)
    wordings = list(dict.fromkeys(tuple(rng.choices(WORDS[:12], k=rng.randint(1, 7))) for _ in range(120)))
    small = candidates.candidates(wordings, 1)
    indexed = candidates._indexed(wordings, list(range(len(wordings))), 1, 10**6, 10**6)
    assert not indexed.capped and indexed.pairs == small.pairs


def test_topic_quotes_in_many_outlets_cost_the_same(monkeypatch):
    counts = []
    for n in (40, 400):
        count = _Count(monkeypatch, quote_cmp, "word_diff")
        arts, quotes = _repeating(n)
        found = _run_rule("quote-wording", arts, quotes)
        assert any(f.key == "quote/putin/call" for f in found)
        counts.append(count.calls)
        monkeypatch.undo()
    assert counts[1] <= counts[0] + 2


class _Id(str):
    """An article id that counts how often it is compared for equality: a scan of every pair of
    mentions compares ids; sets and dicts find them by hash (and identity) instead."""

    compared = 0
    __hash__ = str.__hash__

    def __eq__(self, other):
        _Id.compared += 1
        return str.__eq__(self, other)

    def __ne__(self, other):
        _Id.compared += 1
        return str.__ne__(self, other)


def _mentions(n: int) -> tuple[list[Article], list[Mention]]:
    arts, out = [], []
    for i in range(n):
        given, surname = ("Vladimir", "Zelensky") if i % 5 == 0 else ("Volodymyr", "Zelenskyy")
        text = f"{given} {surname} met Donald Trump."
        aid = _Id(f"m{i:05d}")
        outlet = "Outlet V" if i % 5 == 0 else f"Outlet {i % 13}"
        arts.append(Article(aid, f"{aid}.txt", text, outlet, story="one"))
        out += [Mention(f"{aid}:0", aid, f"{given} {surname}", 0, len(given) + len(surname) + 1, surname, given),
                Mention(f"{aid}:1", aid, "Donald Trump", text.index("Donald"), text.index("Donald") + 12, "Trump",
                        "Donald")]
    return arts, out


@pytest.mark.parametrize("rule_id", ["name-transliteration", "wrong-given-name"])
def test_spelling_work_grows_linearly_with_mentions(rule_id):
    counts = []
    for n in (50, 500):
        arts, mentions = _mentions(n)
        _Id.compared = 0
        found = _run_rule(rule_id, arts, [], mentions)
        assert [f.key for f in found] == ["name/zelenskyy"]
        counts.append(_Id.compared)
    # sorting by article compares ids n log n times; comparing every pair would be 100x
    assert counts[1] <= 20 * counts[0]


def test_selections_visit_each_item_once():
    """Splitting by story looks each item's article up once, not once per story."""

    class Lookups(dict):
        calls = Counter()

        def __getitem__(self, key):
            Lookups.calls["get"] += 1
            return super().__getitem__(key)

    for stories in (10, 100):
        Lookups.calls.clear()
        arts, quotes = _unique(stories * 5, 5)
        by_id = Lookups({a.id: a for a in arts})
        sels = _selections(by_id, (), tuple(quotes), (), True)
        assert len(sels) == stories
        assert Lookups.calls["get"] <= len(arts) + len(quotes)


def test_numeric_sides_are_merged_in_linear_work():
    """A key that many outlets state three ways is one finding whose sides hold every claim; putting
    them together compares ids about n log n times, not n squared."""
    from checker.parser.quantities import parse_text

    values = [parse_text(v)[0] for v in ("two hours", "three hours", "five hours")]
    counts = []
    for n in (40, 400):
        arts, ex = [], {}
        for i in range(n):
            aid = _Id(f"f{i:05d}")
            q = values[i % 3]
            arts.append(Article(aid, f"{aid}.txt", q.text, f"Outlet {i % 11}", story="one"))
            ex[aid] = ArticleFacts(aid, (Fact(f"{aid}:0", aid, "call.duration", q),))
        rule = next(r for r in load_rules().enabled() if r.id == "duration-mismatch")
        _Id.compared = 0
        [finding] = evaluate(arts, ex, [rule])
        assert len(finding.claims) == n
        counts.append(_Id.compared)
    assert counts[1] <= 20 * counts[0]


# ---------------------------------------------------------------- memory held per article

def _seed_run():
    from pathlib import Path

    from checker.extractor.facts import extract
    from checker.run.extraction import read

    seeds = Path(__file__).resolve().parents[2] / "seeds"
    articles = read([str(seeds)])
    return articles, {a.id: extract(a) for a in articles}


def test_check_holds_less_per_article_and_finds_the_same():
    """run_check keeps of each article's facts only what comparisons read (for_comparison) and
    of each article only what positions need (without_text): the findings are the same."""
    from checker.cache.compact import for_comparison

    articles, full = _seed_run()
    keep = for_comparison()
    slim = {aid: keep(x) for aid, x in full.items()}
    rules = load_rules()
    assert evaluate([a.without_text() for a in articles], slim, rules) == evaluate(articles, full, rules)
    quotes = [q for x in slim.values() for q in x.quotes]
    assert all(q.sentence == "" and q.id == "" for q in quotes)
    assert all(f.sentence == "" for x in slim.values() for f in x.facts)
    # words that several articles quote are held once
    by_text: dict[str, list[Quote]] = {}
    for q in quotes:
        by_text.setdefault(q.text, []).append(q)
    shared = [qs for qs in by_text.values() if len({q.article for q in qs}) > 1]
    assert shared and all(q.text is qs[0].text for qs in shared for q in qs)


def test_an_article_without_its_text_keeps_its_positions():
    articles, full = _seed_run()
    for a in articles:
        slim = a.without_text()
        assert slim.text == "" and slim.raw is None
        for f in full[a.id].facts:
            assert slim.position(f.quantity.start) == a.position(f.quantity.start)
            assert slim.end_position(f.quantity.end) == a.end_position(f.quantity.end)
    bare = Article("x", "x.txt", "one\ntwo\nthree", "X")  # no line starts from ingest: worked out
    assert bare.without_text().position(8) == bare.position(8) == (3, 1)


def test_extract_writes_its_document_a_piece_at_a_time(tmp_path, monkeypatch):
    """The streamed JSON is byte for byte the document json.dumps writes, and extract never
    builds that document (or its text) whole."""
    from checker.cli import main
    from checker.commands import extract_cmd
    from checker.output import dumps

    articles, full = _seed_run()
    results = [full[a.id] for a in articles]
    expected = dumps(extract_cmd.extraction_document(articles, results))
    assert "".join(extract_cmd.extraction_json(articles, results)) == expected
    assert "".join(extract_cmd.extraction_json([], [])) == dumps(extract_cmd.extraction_document([], []))
    assert extract_cmd.extraction_text(articles, results) == "".join(extract_cmd.extraction_lines(articles, results))

    def whole(*args, **kwargs):
        raise AssertionError("the whole document was built")

    monkeypatch.setattr(extract_cmd, "extraction_document", whole)
    from checker import output

    pretty = output._pretty
    monkeypatch.setattr(output, "_pretty", lambda doc, *a, **k: whole() if isinstance(doc, dict) and
                        "facts" in doc else pretty(doc, *a, **k))
    out = tmp_path / "facts.json"
    seeds = str(articles[0].path).rsplit("/", 1)[0]
    assert main(["extract", seeds, "--no-cache", "--format", "json", "--output", str(out), "--quiet"]) == 0
    assert out.read_text(encoding="utf-8") == expected
