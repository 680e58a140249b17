"""``check --new`` compares the new articles only with what of the corpus can pair with them (see
checker.run.scope, and each comparator's ``new_scope``): the findings that involve a new article
must be exactly those of the whole corpus.  Random corpora are made from the seeds, with numbers, qualifiers, speakers,
name spellings, quote words, stories and dates changed, and checked with the built-in rules and with
rules of every kind across stories (``same_story: false``) and with ``include_facts``."""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

import pytest

from checker.cache.compact import for_comparison
from checker.cli import main
from checker.engine import evaluate
from checker.extractor.facts import extract
from checker.ruleset.loader import load_rules
from checker.run.extraction import read
from checker.run.scope import evaluate_scoped

SEEDS = Path(__file__).resolve().parents[2] / "seeds"

EXTRA_RULES = {
    "any-story-numbers.yaml": "id: any-story-numbers\nkind: numeric\nseverity: warning\n"
                              "message: \"{key}: {sides}\"\nmatch: {same_story: false}\n",
    "any-story-hedges.yaml": "id: any-story-hedges\nkind: qualifier\nseverity: info\n"
                             "message: \"{key}: {sides}\"\nmatch: {same_story: false}\n",
    "any-story-quotes.yaml": "id: any-story-quotes\nkind: quote\nseverity: info\n"
                             "message: \"{speaker}: {sides}\"\nmatch: {same_story: false}\n",
    "any-story-names.yaml": "id: any-story-names\nkind: spelling\nseverity: info\n"
                            "message: \"{name}: {sides}\"\nmatch: {same_story: false}\n"
                            "options: {check: given_name, min_agreeing: 1}\n",
    "fact-speakers.yaml": "id: fact-speakers\nkind: attribution\nseverity: info\n"
                          "message: \"{words}: {sides}\"\noptions: {include_facts: true, min_words: 3}\n",
    "any-story-internal.yaml": "id: any-story-internal\nkind: internal\nseverity: info\n"
                               "message: \"{key}: {sides}\"\nmatch: {same_story: false}\n",
}

_NUMBER = re.compile(r"(?<![\w.,])\d{1,3}(?:,\d{3})+(?![\d,])|(?<![\w.,])\d+(?![\d.])")
SWAPS = [
    (r"\bPutin\b", ["Putin", "Putin", "Peskov", "Lavrov"]),
    (r"\bTrump\b", ["Trump", "Trump", "Vance"]),
    (r"\bZelenskyy\b", ["Zelenskyy", "Zelensky", "Zelenskiy"]),
    (r"\bVolodymyr\b", ["Volodymyr", "Volodymyr", "Vladimir"]),
    (r"\bpossible\b", ["possible", "potential"]),
    (r"\bvery\b", ["very", "quite", "extremely"]),
    (r"\btwo hours\b", ["two hours", "more than two hours", "three hours", "nearly two hours"]),
    (r"\bhours\b", ["hours", "minutes"]),
    (r"\bdrones\b", ["drones", "missiles"]),
]


def variant(text: str, rng: random.Random) -> str:
    """An outlet's copy of a seed: some numbers, words and names changed, a paragraph left out."""
    def number(m: re.Match) -> str:
        plain = m.group().replace(",", "")
        if rng.random() < 0.6 or 1900 <= int(plain) <= 2100:
            return m.group()
        return str(max(1, round(int(plain) * rng.choice([0.5, 0.9, 1.1, 2]))))

    text = _NUMBER.sub(number, text)
    for pattern, choices in SWAPS:
        text = re.sub(pattern, lambda m, c=choices: rng.choice(c) if rng.random() < 0.5 else m.group(), text)
    paragraphs = text.split("\n\n")
    for _ in range(rng.randrange(3)):
        if len(paragraphs) > 3:
            del paragraphs[rng.randrange(1, len(paragraphs))]
    return "\n\n".join(paragraphs)


def make_corpus(root: Path, seed: int, count: int) -> Path:
    rng = random.Random(seed)
    seeds = sorted(SEEDS.glob("*.txt"))
    root.mkdir(parents=True)
    lines = ["articles:"]
    for i in range(count):
        name = f"a{i:03d}.txt"
        (root / name).write_text(variant(seeds[rng.randrange(len(seeds))].read_text(encoding="utf-8"), rng),
                                 encoding="utf-8")
        story = rng.choice(["call", "call", "talks", None])
        day = rng.choice(["2025-05-19", "2025-05-19", "2025-05-20"])
        lines.append(f"  {name}: {{outlet: Outlet {i % 7}, published: {day}"
                     + (f", story: {story}" if story else "") + "}")
    (root / "sources.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def extra_rules(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("rules")
    for name, text in EXTRA_RULES.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def involving(findings, new_ids):
    return [f for f in findings if any(c.article in new_ids for c in f.claims)]


@pytest.mark.slow
@pytest.mark.parametrize("seed", range(6))
def test_the_new_scope_finds_what_the_whole_corpus_finds(seed, tmp_path, extra_rules):
    folder = make_corpus(tmp_path / "corpus", seed, 18)
    articles = read([str(folder)])
    keep = for_comparison()
    extractions = {a.id: keep(extract(a)) for a in articles}
    articles = [a.without_text() for a in articles]
    rng = random.Random(seed)
    for rules in (load_rules(()), load_rules((str(extra_rules),))):
        whole = evaluate(articles, extractions, rules)
        ids = [a.id for a in articles]
        for new_ids in ({rng.choice(ids)}, {rng.choice(ids)}, set(rng.sample(ids, 3))):
            expected = involving(whole, new_ids)
            assert involving(evaluate_scoped(articles, extractions, rules, new_ids), new_ids) == expected
        # the scope does cut: not every rule sees every fact
    assert sum(len(x.facts) for x in extractions.values()) > 50


def test_the_new_scope_changes_nothing_for_rules_of_a_kind_it_does_not_know(tmp_path):
    folder = make_corpus(tmp_path / "corpus", 99, 6)
    articles = read([str(folder)])
    extractions = {a.id: extract(a) for a in articles}

    class Rule:
        kind, enabled = "something-new", True

    class Rules:
        def enabled(self):
            return (Rule(),)

    seen = []

    def fake_evaluate(arts, ex, rules):
        seen.append(ex)
        return []

    import checker.engine

    real = checker.engine.evaluate
    checker.engine.evaluate = fake_evaluate
    try:
        evaluate_scoped(articles, extractions, Rules(), {articles[0].id})
    finally:
        checker.engine.evaluate = real
    assert seen == [extractions]  # the whole corpus, uncut


def _findings(path: Path) -> list[tuple]:
    doc = json.loads(path.read_text(encoding="utf-8"))
    return [(f["id"], f["rule"], f["message"], sorted(json.dumps(c, sort_keys=True) for c in f["claims"]))
            for f in doc["findings"]], doc["summary"]


def test_check_new_reports_what_a_whole_check_reports_of_the_new_article(tmp_path, monkeypatch, capsys):
    """End to end, with the fact cache and its source index: a cached corpus, one new article."""
    folder = make_corpus(tmp_path / "corpus", 7, 12)
    monkeypatch.chdir(tmp_path)
    new = folder / "a011.txt"
    held = tmp_path / "held.txt"
    new.rename(held)
    base = ["check", str(folder), "--cache", "c.sqlite", "--quiet", "--format", "json", "--fail-on", "never"]
    assert main([*base, "--output", "fill.json"]) == 0
    held.rename(new)
    assert main([*base, "--new", str(new), "--output", "new.json"]) == 0
    assert main([*base, "--new", str(new), "--output", "again.json"]) == 0  # all from the index now
    assert main(["check", str(folder), "--no-cache", "--quiet", "--format", "json", "--fail-on", "never",
                 "--output", "whole.json"]) == 0
    got, summary = _findings(tmp_path / "new.json")
    whole, whole_summary = _findings(tmp_path / "whole.json")
    expected = [f for f in whole if any('"article": "a011.txt"' in c for c in f[3])]
    assert got == expected and got
    assert (tmp_path / "again.json").read_bytes() == (tmp_path / "new.json").read_bytes()
    assert (summary["articles"], summary["facts"], summary["quotes"]) == \
        (whole_summary["articles"], whole_summary["facts"], whole_summary["quotes"])


def test_repeated_names_are_cut_only_where_the_spelling_kind_does_not_look():
    """The name mentions an article repeats are left out of the spelling kind's cut, but not its
    first mention by place (its side) nor its last (whose given name a finding prints)."""
    from checker.model import Article, ArticleFacts, Mention

    def m(article, start, given, surname="Zelensky"):
        text = f"{given} {surname}"
        return Mention("", article, text, start, start + len(text), surname, given)

    text = "x" * 200
    articles = [Article(a, f"{a}.txt", text, f"Outlet {a}", story="s") for a in "abcde"]
    good = {a: ArticleFacts(a, mentions=(m(a, 5, "Volodymyr"), m(a, 60, "Volodymyr"))) for a in "abc"}
    # d writes the wrong given name, first as "Vladimir", then (in the middle, and not first by
    # place) with an accent, last as "Vladimir" again: the finding prints "Vladimir"
    odd = (m("d", 50, "Vladimir"), m("d", 10, "Vladimir"), m("d", 30, "Vladímir"), m("d", 90, "Vladimir"),
           m("d", 120, "Vladímir"), m("d", 150, "Vladimir"))
    extractions = {**good, "d": ArticleFacts("d", mentions=odd), "e": ArticleFacts("e")}
    rules = [r for r in load_rules(()).enabled() if r.kind == "spelling"]
    whole = evaluate(articles, extractions, rules)
    assert any(f.rule == "wrong-given-name" for f in whole)
    for new in ({"a"}, {"d"}, {"a", "e"}):
        assert involving(evaluate_scoped(articles, extractions, rules, new), new) == involving(whole, new)
