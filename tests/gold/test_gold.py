"""The hand-made gold of the seeds (tests/gold/seeds.yaml), its scorer, and the extractor measured with it.

Policy and matching rules: docs/gold.md.
"""

from __future__ import annotations

import importlib.util
import re
import sys
from dataclasses import replace
from fractions import Fraction
from pathlib import Path

import pytest
import yaml

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent


def _load_score():
    spec = importlib.util.spec_from_file_location("crosscheck_gold_score", HERE / "score.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


S = _load_score()
PUBLISHED = "2025-05-19"
THRESHOLD = 0.9


@pytest.fixture(scope="module")
def gold():
    return S.load_gold(S.GOLD_PATH, S.SEEDS_DIR)


def perfect(gold):
    """What a perfect extractor would give: every gold fact and quote, with exact columns."""
    out = {}
    for name, ga in gold.articles.items():
        facts = [S.XFact(text=g.text, line=g.line, key=g.key, low=g.low, high=g.high, unit=g.unit,
                         speaker=g.speaker, date=g.date, time=g.time, qualifier=g.qualifier,
                         col=g.col, end_line=g.line, end_col=g.end_col) for g in ga.facts]
        quotes = [S.XQuote(text=q.text, line=q.line, speaker=q.speaker, col=q.col, end_line=q.line,
                           end_col=q.end_col) for q in ga.quotes]
        out[name] = (facts, quotes)
    return out


# ------------------------------------------------------------------------------- the extractor


def test_extractor_meets_thresholds_on_seeds():
    result = S.run()
    report = S.format_report(result)
    assert result.precision >= THRESHOLD, report
    assert result.recall >= THRESHOLD, report
    assert result.speaker_accuracy >= THRESHOLD, report


# ------------------------------------------------------------------------------- the gold itself


def test_gold_counts(gold):
    counts = {name: (len(a.facts), len(a.quotes)) for name, a in gold.articles.items()}
    assert set(counts) == {p.name for p in (ROOT / "seeds").glob("*.txt")}
    assert all(f > 0 and q > 0 for f, q in counts.values())


def test_gold_measures_are_in_the_lexicon(gold):
    lexicon = ROOT / "rules" / "lexicons" / "facts.yaml"
    lex = yaml.safe_load(lexicon.read_text(encoding="utf-8"))
    measures = set(lex["verbs"]) | set(lex["dimensions"].values()) | {"count", "age"}
    events = set(lex["events"])
    for a in gold.articles.values():
        for f in a.facts:
            subject, measure = f.key.split(".")
            assert measure in measures, f.describe()
            if f.unit is not None:  # a measure with a unit belongs to an event noun
                assert subject in events, f.describe()
                assert measure in ("duration", "age"), f.describe()


_WEEKDAYS = {"monday": "2025-05-19", "sunday": "2025-05-18", "saturday": "2025-05-17", "friday": "2025-05-16"}


def _resolve(time: str | None) -> str | None:
    """The date rule of docs/gold.md: the last weekday named, else 'overnight' = publication day."""
    if time is None:
        return None
    days = re.findall(r"monday|sunday|saturday|friday", time.lower())
    if days:
        return _WEEKDAYS[days[-1]]
    if "overnight" in time.lower():
        return PUBLISHED
    return None


def test_gold_dates_follow_the_time_anchors(gold):
    for a in gold.articles.values():
        for f in a.facts:
            assert f.date == _resolve(f.time), f.describe()


def test_gold_counts_have_no_unit_and_durations_do(gold):
    for a in gold.articles.values():
        for f in a.facts:
            measure = f.key.split(".")[1]
            assert (f.unit is None) == (measure not in ("duration", "age")), f.describe()
            if f.qualifier == "exact":
                assert f.low == f.high, f.describe()
            if f.qualifier in ("more_than", "at_least"):
                assert f.high is None, f.describe()
            if f.qualifier in ("less_than", "at_most"):
                assert f.low is None, f.describe()


def test_bad_gold_is_refused(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "a.txt").write_text("It lasted two hours and two hours.\n", encoding="utf-8")
    base = {"text": "two hours", "line": 1, "key": "call.duration", "qualifier": "exact", "low": 2, "high": 2,
            "unit": "hour", "speaker": None, "time": None, "date": None}

    def load(fact):
        path = tmp_path / "gold.yaml"
        path.write_text(yaml.safe_dump({"version": 1, "articles": {"a.txt": {"facts": [fact]}}}), encoding="utf-8")
        return S.load_gold(path, seeds)

    with pytest.raises(S.GoldError, match="2 times"):
        load(base)
    assert load({**base, "column": 25}).articles["a.txt"].facts[0].col == 25
    with pytest.raises(S.GoldError, match="not on the line"):
        load({**base, "text": "three hours"})
    with pytest.raises(S.GoldError, match="key"):
        load({**base, "column": 11, "key": "call duration"})
    with pytest.raises(S.GoldError, match="qualifier"):
        load({**base, "column": 11, "qualifier": "about"})
    with pytest.raises(S.GoldError, match="unknown fields"):
        load({**base, "column": 11, "speeker": "x"})


# ------------------------------------------------------------------------------- the scorer


def test_perfect_extraction_scores_one(gold):
    result = S.score(gold, perfect(gold))
    assert (result.precision, result.recall) == (1.0, 1.0)
    assert (result.quote_recall, result.quote_precision, result.speaker_accuracy) == (1.0, 1.0, 1.0)
    assert result.date_accuracy == 1.0
    assert all(not a.missed and not a.spurious for a in result.articles)


def test_nothing_extracted_scores_zero(gold):
    result = S.score(gold, {})
    assert (result.precision, result.recall, result.quote_recall, result.speaker_accuracy) == (0, 0, 0, 0)
    assert result.date_accuracy is None


def _one_article(gold, name="000_307fb3431f3cb291.txt"):
    ga = gold.articles[name]
    facts, quotes = perfect(gold)[name]
    return ga, facts, quotes


def test_a_missing_fact_lowers_recall_only(gold):
    ga, facts, quotes = _one_article(gold)
    s = S.score_article(ga, facts[1:], quotes)
    assert s.extracted_facts == len(facts) - 1
    assert len(s.matched) == len(facts) - 1 and [g for g, _ in s.missed] == [ga.facts[0]]
    total = S.Score([s])
    assert total.precision == 1.0 and total.recall == (len(facts) - 1) / len(facts)


def test_a_wrong_key_is_not_a_match(gold):
    ga, facts, quotes = _one_article(gold)
    facts[4] = replace(facts[4], key="drone.count")
    s = S.score_article(ga, facts, quotes)
    assert [g for g, _ in s.missed] == [ga.facts[4]] and s.spurious == [facts[4]]
    assert "key drone.count != drone.launched" in s.missed[0][1]


@pytest.mark.parametrize("change", [
    {"low": 111.0, "high": 111.0},
    {"high": None},
    {"unit": "minute"},
    {"line": 53},
    {"speaker": "Russia's Defense Ministry"},
    {"speaker": None},
])
def test_other_differences_are_not_matches(gold, change):
    ga, facts, quotes = _one_article(gold)
    facts[4] = replace(facts[4], **change)  # 112 drones, said by Ukraine's air force
    s = S.score_article(ga, facts, quotes)
    assert len(s.missed) == 1 and len(s.spurious) == 1


def test_a_null_gold_speaker_accepts_any_speaker(gold):
    ga, facts, quotes = _one_article(gold)
    assert ga.facts[0].speaker is None
    facts[0] = replace(facts[0], speaker="Donald Trump")
    assert not S.score_article(ga, facts, quotes).missed


def test_text_overlap_without_or_with_columns(gold):
    ga, facts, quotes = _one_article(gold)
    g = ga.facts[1]  # "more than two hours", line 11
    no_cols = replace(facts[1], text="two hours", col=None, end_line=None, end_col=None)
    wider = replace(facts[1], text="lasted for more than two hours", col=g.col - 11, end_col=g.end_col)
    elsewhere = replace(facts[1], text="Sochi", col=20, end_col=25)
    for x, ok in ((no_cols, True), (wider, True), (elsewhere, False)):
        facts2 = list(facts)
        facts2[1] = x
        assert (not S.score_article(ga, facts2, quotes).missed) is ok, x


def test_one_extracted_fact_matches_one_gold_fact(gold):
    ga, facts, quotes = _one_article(gold)
    s = S.score_article(ga, [*facts, facts[4]], quotes)
    assert len(s.matched) == len(facts) and s.spurious == [facts[4]]
    assert S.Score([s]).precision == len(facts) / (len(facts) + 1)


def test_a_spurious_fact_lowers_precision_and_is_listed(gold):
    ga, facts, quotes = _one_article(gold)
    extra = S.XFact(text="two presidents", line=23, key="president.count", low=2.0, high=2.0, unit=None)
    s = S.score_article(ga, [*facts, extra], quotes)
    assert s.spurious == [extra] and S.Score([s]).recall == 1.0
    assert "spurious  l23 'two presidents'" in S.format_report(S.Score([s]))


def test_dates_are_scored_apart(gold):
    ga, facts, quotes = _one_article(gold)
    facts[4] = replace(facts[4], date="2025-05-18")
    s = S.Score([S.score_article(ga, facts, quotes)])
    assert s.recall == 1.0 and s.date_accuracy == (len(facts) - 1) / len(facts)


def test_quote_speaker_accuracy_and_recall(gold):
    ga, facts, quotes = _one_article(gold)
    quotes[1] = replace(quotes[1], speaker="JD Vance")  # "bloodbath" is Trump's
    s = S.Score([S.score_article(ga, facts, quotes[:-1])])
    n = len(quotes)
    assert s.quote_recall == (n - 1) / n
    assert s.speaker_accuracy == (n - 2) / (n - 1)
    assert s.articles[0].missed_quotes == [ga.quotes[-1]]


def test_a_quote_on_another_line_is_not_found(gold):
    ga, facts, quotes = _one_article(gold)
    quotes[2] = replace(quotes[2], line=quotes[2].line + 1)
    s = S.score_article(ga, facts, quotes)
    assert s.missed_quotes == [ga.quotes[2]]


@pytest.mark.parametrize(("gold_name", "extracted", "ok"), [
    ("Vladimir Putin", "Putin", True),
    ("Vladimir Putin", "Vladimir V. Putin", True),
    ("Vladimir Putin", "President Vladimir Putin", True),
    ("Vladimir Putin", "Mr. Putin", True),
    ("vladimir putin", "VLADIMIR PUTIN", True),
    ("JD Vance", "Vance", True),
    ("JD Vance", "J.D. Vance", True),
    ("Ukraine's air force", "Ukraine’s air force", True),
    ("Ukraine's air force", "the air force", True),
    ("White House", "the White House", True),
    ("Vladimir Putin", "Donald Trump", False),
    ("Vladimir Putin", "Vladimir", False),
    ("Russia's Defense Ministry", "Ukraine's Defense Ministry", False),
    ("Vladimir Putin", None, False),
    (None, None, True),
])
def test_speaker_matches(gold_name, extracted, ok):
    assert S.speaker_matches(gold_name, extracted) is ok


def test_scoring_through_checker_articles(gold):
    """extracted_from reads lines and columns through Article.position, as run() does."""
    S._ensure_checker_importable()
    from checker.model import ArticleFacts, Fact, Quantity, Quote

    name = "000_307fb3431f3cb291.txt"
    (article,) = S._plain_articles(S.SEEDS_DIR / name)
    lines = article.text.split("\n")
    starts = [0]
    for ln in lines[:-1]:
        starts.append(starts[-1] + len(ln) + 1)

    def offset(line, col):
        return starts[line - 1] + col - 1

    ga = gold.articles[name]
    def frac(v):
        return None if v is None else Fraction(v).limit_denominator()

    facts = []
    for i, g in enumerate(ga.facts):
        q = Quantity(text=g.text, start=offset(g.line, g.col), end=offset(g.line, g.end_col), qualifier=g.qualifier,
                     value=frac(g.low), low=frac(g.low), high=frac(g.high), low_inclusive=True, high_inclusive=True,
                     unit=g.unit, dimension="[time]" if g.unit else "dimensionless")
        facts.append(Fact(id=f"f{i}", article=article.id, key=g.key, quantity=q, speaker=g.speaker, time=g.time,
                          date=g.date))
    quotes = [Quote(id=f"q{i}", article=article.id, speaker=g.speaker, text=g.text,
                    start=offset(g.line, g.col), end=offset(g.line, g.end_col)) for i, g in enumerate(ga.quotes)]
    xf, xq = S.extracted_from(article, ArticleFacts(article=article.id, facts=tuple(facts), quotes=tuple(quotes)))
    assert [(x.line, x.col, x.end_col) for x in xf] == [(g.line, g.col, g.end_col) for g in ga.facts]
    result = S.score(gold, {name: (xf, xq)})
    assert result.articles[0].matched and not result.articles[0].missed
    assert result.articles[0].speaker_correct == len(ga.quotes)


def test_script_check_gold(capsys):
    assert S.main(["--check-gold"]) == 0
    assert "total:" in capsys.readouterr().out
