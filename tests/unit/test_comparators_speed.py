"""The shortcuts that make comparison fast give what the plain computation gives: the alignment
worked out in a band of its table, the answers an evaluation's memo keeps of words() and relate()
(one memo for one evaluation), a side merged once however often it is given."""

from __future__ import annotations

from dataclasses import replace
from fractions import Fraction

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from checker.comparators.align import _align, _align_all, _band, _traceback, relate, words
from checker.comparators.base import Item, Side, merge_sides
from checker.comparators.memo import Memo
from checker.model import Article, Quantity

WORDS = st.lists(st.sampled_from(["a", "b", "c", "d", "e"]), max_size=14).map(tuple)
SIMILAR = st.tuples(st.lists(st.sampled_from(["we", "are", "ready", "to", "work", "on", "a", "memo", "peace", "deal"]),
                             min_size=1, max_size=20), st.lists(st.tuples(st.integers(0, 20), st.sampled_from(
                                 ["", "possible", "potential", "we"])), max_size=3))


def _edited(base_and_edits):
    base, edits = base_and_edits
    b = list(base)
    for at, word in edits:
        at = min(at, len(b))
        if word:
            b[at:at] = [word]
        elif b:
            del b[min(at, len(b) - 1)]
    return tuple(base), tuple(b)


@pytest.mark.slow
@settings(max_examples=400)
@given(WORDS, WORDS)
@example((), ())
@example(("a",), ())
@example(("a", "b", "c"), ("c", "a", "b"))
def test_the_band_gives_the_whole_tables_alignment(a, b):
    rows, floor = _band(a, b)
    assert _traceback(a, b, rows, floor) is not None  # the band holds the best alignment
    assert _align(a, b) == _align_all(a, b)


@pytest.mark.slow
@settings(max_examples=300)
@given(SIMILAR.map(_edited))
def test_the_band_on_quotes_that_differ_in_a_few_words(pair):
    a, b = pair
    assert _align(a, b) == _align_all(a, b)
    assert _align(b, a) == _align_all(b, a)


def test_a_memo_keeps_the_answers_for_its_evaluation():
    memo = Memo()
    a = memo.words("a memorandum on a possible future peace agreement")
    b = memo.words("a memorandum on a potential future peace agreement")
    assert memo.words("a memorandum on a possible future peace agreement") is a
    first = memo.relate(a, b, min_similarity=0.6)
    assert memo.relate(a, b, min_similarity=0.6) is first
    assert first == relate(a, b, min_similarity=0.6) and a == words("a memorandum on a possible future peace agreement")
    assert first.diff == "possible -> potential"
    assert Memo().relate.cache_info().currsize == 0  # another evaluation starts with nothing kept


def test_one_evaluation_one_memo_for_every_selection(monkeypatch):
    import checker.engine
    from checker.model import ArticleFacts, Quote
    from checker.ruleset.loader import load_rules

    made = []

    class Counted(Memo):
        def __init__(self):
            super().__init__()
            made.append(self)

    monkeypatch.setattr(checker.engine, "Memo", Counted)
    arts = [Article(id=n, path=f"{n}.txt", text="", outlet=n.upper(), story=n) for n in ("a", "b", "c")]
    said = {"a": "we are ready to work on a possible peace deal", "b": "we are ready to work on a potential peace deal",
            "c": "we are ready to work on a possible peace deal"}
    quotes = {n: ArticleFacts(n, quotes=(Quote(f"{n}1", n, "Vladimir Putin", t, 0, len(t)),)) for n, t in said.items()}
    seen = []
    real = checker.engine._selections

    def selections(*args, **kwargs):
        sels = real(*args, **kwargs)
        seen.extend(sels)
        return sels

    monkeypatch.setattr(checker.engine, "_selections", selections)
    checker.engine.evaluate(arts, quotes, load_rules(()))
    assert len(made) == 1 and len(seen) > 3 and all(s.memo is made[0] for s in seen)
    assert made[0].words.cache_info().hits > 0  # the quote rules asked for the same words again


def _q(text: str, n: int, unit: str | None = "hour") -> Quantity:
    return Quantity(text=text, start=0, end=len(text), qualifier="exact", value=Fraction(n), low=Fraction(n),
                    high=Fraction(n), low_inclusive=True, high_inclusive=True, unit=unit,
                    dimension="[time]" if unit else "dimensionless")


def test_a_family_is_its_intervals_without_working_the_interval_out():
    from checker.comparators.intervals import family, interval

    for unit, dimension in (("hour", "[time]"), ("kilometre", "[length]"), (None, "dimensionless"),
                            ("USD", "currency"), ("flurble", "dimensionless")):
        q = replace(_q("two", 2, unit), dimension=dimension)
        assert family(q) == interval(q).family
    assert family(_q("two hours", 2)) == family(_q("120 minutes", 120, "minute")) != family(_q("two", 2, None))


def test_a_side_given_many_times_is_merged_once():
    art = Article(id="a", path="a.txt", text="", outlet="A")
    q = _q("two hours", 2)
    item = Item(art, 0, 9, "two hours", None, q)
    twin = Item(art, 0, 9, "two hours", None, _q("two hours", 2))  # an equal quantity: the same item
    other = Item(art, 20, 31, "three hours", None, _q("three hours", 3))
    side, side3 = Side('"two hours"', (item, twin)), Side('"three hours"', (other,))
    merged = merge_sides([side, side3, side, side3, Side('"two hours"', (twin,))])
    assert [s.label for s in merged] == ['"three hours"', '"two hours"'] or [s.label for s in merged] == [
        '"two hours"', '"three hours"']
    assert {s.label: len(s.items) for s in merged} == {'"two hours"': 1, '"three hours"': 1}


def test_findings_that_name_one_fact_give_it_one_claim():
    from checker.engine import evaluate
    from checker.model import ArticleFacts, Fact
    from checker.ruleset.loader import load_rules

    arts = [Article(id=n, path=f"{n}.txt", text="", outlet=n.upper(), story="s") for n in ("a", "b", "c")]
    hedged = replace(_q("more than two hours", 2), qualifier="more_than", high=None, low_inclusive=False,
                     high_inclusive=False)
    facts = {
        "a": ArticleFacts("a", (Fact("a1", "a", "call.duration", _q("two hours", 2)),)),
        "b": ArticleFacts("b", (Fact("b1", "b", "call.duration", hedged),)),
        "c": ArticleFacts("c", (Fact("c1", "c", "call.duration", _q("one hour", 1)),)),
    }
    found = evaluate(arts, facts, load_rules(()))
    assert {f.rule for f in found} >= {"duration-mismatch", "hedge-mismatch"}
    named = [[c for c in f.claims if c.article == "a"] for f in found]
    assert all(named) and all(c == named[0][0] for claims in named for c in claims)
    assert (named[0][0].line, named[0][0].column, named[0][0].text) == (1, 1, "two hours")
