"""The grammar builds without conflicts and reads each claim form into the right interval."""

from __future__ import annotations

from fractions import Fraction as F

import pytest

from checker import grammar
from checker.quantities import parse_text


def test_grammar_builds_in_strict_mode():
    # strict=True turns shift/reduce conflicts and regex collisions into errors
    grammar.parser.cache_clear()
    try:
        assert grammar.parser(strict=True) is not None
    finally:
        grammar.parser.cache_clear()


def test_parser_is_built_once():
    assert grammar.parser() is grammar.parser()


def one(text):
    qs = parse_text(text)
    assert len(qs) == 1, (text, qs)
    return qs[0]


@pytest.mark.parametrize(
    "text, qualifier, low, high, unit, noun",
    [
        ("more than two hours", "more_than", 2, None, "hour", None),
        ("a two-hour phone call", "exact", 2, 2, "hour", None),
        ("lasted two hours", "exact", 2, 2, "hour", None),
        ("less than two hours", "less_than", None, 2, "hour", None),
        ("under 2 hours", "less_than", None, 2, "hour", None),
        ("his three-minute statement", "exact", 3, 3, "minute", None),
        ("launched 112 drones", "exact", 112, 112, None, "drone"),
        ("downed 35 Ukrainian drones overnight", "exact", 35, 35, None, "drone"),
        ("a total of 273 exploding drones", "exact", 273, 273, None, "drone"),
        ("a full 30-day ceasefire", "exact", 30, 30, "day", None),
        ("Moscow's 3-year-old invasion", "exact", 3, 3, "year", None),
        ("killed at least 14 Ukrainian civilians", "at_least", 14, None, None, "civilian"),
        ("hosted more than 20 heads of state", "more_than", 20, None, None, "head"),
        ("He's got a million men under arms", "exact", 10**6, 10**6, None, "man"),
        ("more than a million soldiers", "more_than", 10**6, None, None, "soldier"),
        ("his four-day trip", "exact", 4, 4, "day", None),
        ("one hundred and twelve", "exact", 112, 112, None, None),
        ("twenty-five", "exact", 25, 25, None, None),
        ("a dozen", "exact", 12, 12, None, None),
        ("half an hour", "exact", F(1, 2), F(1, 2), "hour", None),
        ("a quarter of an hour", "exact", F(1, 4), F(1, 4), "hour", None),
        ("an hour and a half", "exact", F(3, 2), F(3, 2), "hour", None),
        ("two and a half hours", "exact", F(5, 2), F(5, 2), "hour", None),
        ("one-and-a-half", "exact", F(3, 2), F(3, 2), None, None),
        ("2 1/2", "exact", F(5, 2), F(5, 2), None, None),
        ("½", "exact", F(1, 2), F(1, 2), None, None),
        ("2 hours and 30 minutes", "exact", 150, 150, "minute", None),
        ("a fortnight", "exact", 1, 1, "fortnight", None),
        ("1.2 million", "exact", 1_200_000, 1_200_000, None, None),
        ("$4.5bn", "exact", 4_500_000_000, 4_500_000_000, "USD", None),
        ("$5m", "exact", 5_000_000, 5_000_000, "USD", None),
        ("100k", "exact", 100_000, 100_000, None, None),
        ("between 10 and 15 km", "range", 10, 15, "kilometer", None),
        ("from 10 to 20", "range", 10, 20, None, None),
        ("10-20 percent", "range", 10, 20, "percent", None),
        ("between 5 and 10 million", "range", 5_000_000, 10_000_000, None, None),
        ("up to 300 soldiers", "at_most", None, 300, None, "soldier"),
        ("5,000 or more", "at_least", 5000, None, None, None),
        ("no fewer than 8 people", "at_least", 8, None, None, "person"),
        ("a more-than-two-hour meeting", "more_than", 2, None, "hour", None),
        ("a 90-minute meeting", "exact", 90, 90, "minute", None),
        ("an hour-long meeting", "exact", 1, 1, "hour", None),
        ("about 5 km", "approximate", F(9, 2), F(11, 2), "kilometer", None),
        ("nearly 40%", "approximate", 36, 40, "percent", None),
        ("Duration 4:06", "exact", 246, 246, "second", None),
    ],
)
def test_reads_interval_unit_and_noun(text, qualifier, low, high, unit, noun):
    q = one(text)
    assert (q.qualifier, q.low, q.high, q.unit, q.noun) == (qualifier, low, high, unit, noun)
    assert text[q.start:q.end] == q.text


def test_part_of_a_whole():
    qs = parse_text("Russia launched 112 drones into the country, 76 of which were shot down or jammed.")
    assert [(q.value, q.noun, q.part_of) for q in qs] == [(112, "drone", None), (76, None, "which")]
    q = one("76 of the 112 drones")
    assert (q.value, q.noun, q.whole) == (76, "drone", 112)


def test_distributive_each():
    q = one("committed to exchange 1,000 prisoners of war each")
    assert (q.value, q.noun, q.distributive) == (1000, "prisoner", True)


def test_compound_keeps_the_noun_it_modifies():
    assert one("a two-hour phone call with Trump").modifies == "phone call"


@pytest.mark.parametrize(
    "text",
    [
        "in 2022", "since spring 2022", "on May 16, 2025", "on 16 May 2025", "at 4:06 pm",
        "the third known call", "call 555-123-4567", "the 1st round", "more than open to walking away",
        "over the weekend", "under way", "about the war", "Pope Leo XIV",
    ],
)
def test_not_a_quantity(text):
    assert parse_text(text) == []


def test_text_slices_back_in_a_long_text(seed_texts):
    for text in seed_texts.values():
        for q in parse_text(text):
            assert text[q.start:q.end] == q.text
