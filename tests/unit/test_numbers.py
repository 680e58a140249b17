"""checker/parser/numbers.py on its own: what number words, scale words, digits and fractions are worth,
how the pieces of a ``number`` tree combine, and the interval each qualifier makes of a value."""

from __future__ import annotations

from fractions import Fraction as F

import pytest

from checker.parser import grammar, numbers
from checker.parser.numbers import Num, and_fraction_parts, denominator, digits_value, interval, word_value
from checker.parser.trees import Unreadable


@pytest.mark.parametrize("word, value", [
    ("one", 1), ("Twelve", 12), ("nought", 0), ("forty", 40), ("fourty", 40), ("an", 1),
    ("twenty-five", 25), ("ninety\u2011nine", 99), ("thirty one", 31),
    ("hundred", 100), ("thousands", 1000), ("millions", 10**6), ("bn", 10**9), ("tn", 10**12),
    ("lakh", 10**5), ("crores", 10**7), ("dozen", 12), ("k", 1000), ("mln", 10**6),
    ("½", F(1, 2)), ("¾", F(3, 4)),
])
def test_word_value(word, value):
    assert word_value(word) == value


@pytest.mark.parametrize("word", ["banana", "twenty-banana", "", "first"])
def test_a_word_that_is_not_a_number_is_unreadable(word):
    with pytest.raises(Unreadable):
        word_value(word)


@pytest.mark.parametrize("text, value", [
    ("1,000", 1000), ("1 234 567", 1234567), ("12,34,567", 1234567), ("1.2", F(6, 5)), (".5", F(1, 2)),
    ("2.5m", 2_500_000), ("4.5bn", 4_500_000_000), ("10M", 10_000_000), ("3k", 3000), ("3/4", F(3, 4)),
    ("½", F(1, 2)), ("007", 7),
])
def test_digits_value(text, value):
    assert digits_value(text) == value


def test_a_suffix_that_is_not_a_scale_is_unreadable():
    with pytest.raises(Unreadable, match="scale suffix"):
        digits_value("5xy")


@pytest.mark.parametrize("word, value", [
    ("half", 2), ("halves", 2), ("third", 3), ("quarters", 4), ("fifths", 5), ("hundredths", 100),
    ("millionth", 10**6), ("twenty-first", 21), ("thirty-seconds", 32), ("ninety\u2010ninth", 99),
    ("one hundred and fifth", 105), ("two hundred first", 201), ("three hundred and twenty-fifths", 325),
])
def test_denominator(word, value):
    assert denominator(word) == value


@pytest.mark.parametrize("word", ["banana", "twenty-banana", "one two three", "one hundred and banana"])
def test_a_word_that_is_not_a_fraction_is_unreadable(word):
    with pytest.raises(Unreadable, match="fraction word"):
        denominator(word)


@pytest.mark.parametrize("text, parts", [
    ("and a half", (1, 2)), ("and three quarters", (3, 4)), ("and two-thirds", (2, 3)),
    ("and fifty-four hundredths", (54, 100)), ("and one twenty-first", (1, 21)),
])
def test_and_fraction(text, parts):
    assert and_fraction_parts(text) == parts
    assert numbers.and_fraction_value(text) == F(*parts)


# ---------------------------------------------------------------------------- qualifiers' bounds


@pytest.mark.parametrize("qualifier, low, high, low_inc, high_inc", [
    ("exact", 40, 40, True, True),
    ("more_than", 40, None, False, False),
    ("at_least", 40, None, True, False),
    ("less_than", None, 40, False, False),
    ("at_most", None, 40, False, True),
    ("approximate", 36, 44, True, True),  # about 40: 40 +/- 10%
])
def test_each_qualifier_makes_its_interval(qualifier, low, high, low_inc, high_inc):
    assert interval(qualifier, F(40)) == (low, high, low_inc, high_inc)


def test_nearly_is_a_bound_below_the_value():
    assert interval("approximate", F(40), nearly=True) == (36, 40, True, False)


def test_the_approximate_spread_is_a_tenth_of_the_size_whatever_the_sign():
    assert numbers.APPROX_TOLERANCE == F(1, 10)
    assert interval("approximate", F(-40)) == (-44, -36, True, True)
    assert interval("approximate", F(0)) == (0, 0, True, True)


def test_an_unknown_qualifier_is_an_error():
    with pytest.raises(ValueError):
        interval("roughly", F(1))


# ---------------------------------------------------------------------------- number trees


def number_of(text: str) -> Num:
    """The value of the first number tree in the first quantity the grammar finds in ``text``."""
    match = next(grammar.scan(grammar.lex(text)))
    tree = next(t for t in match.tree.iter_subtrees_topdown() if numbers.is_number(t))
    return numbers.number_value(tree)


@pytest.mark.parametrize("text, value", [
    ("112 drones", 112), ("one hundred and twelve drones", 112), ("a hundred and twelve drones", 112),
    ("two hundred and twelve thousand five hundred drones", 212_500), ("4 thousand 3 hundred and 21 drones", 4321),
    ("three lakh crore rupees", 3 * 10**12), ("three thousand millions", 3 * 10**9), ("a dozen eggs", 12),
    ("three dozen eggs", 36), ("minus five degrees", -5), ("-5 points", -5),
])
def test_number_words_and_scales(text, value):
    assert number_of(text).value == value


@pytest.mark.parametrize("text, value", [
    ("2 1/2 hours", F(5, 2)), ("2½ hours", F(5, 2)), ("-2½ points", F(-5, 2)), ("two and a half hours", F(5, 2)),
    ("one-and-a-half hours", F(3, 2)), ("three million and a half people", 3_500_000),
    ("five and a half million people", 5_500_000), ("one billion and a half million people", 1_000_500_000),
    ("one hundred and thirty fifths", 26), ("two thirds of the vote", F(2, 3)), ("a fifth", F(1, 5)),
    ("half a million people", 500_000), ("two thirds of a million people", F(2_000_000, 3)),
    ("a quarter of a million people", 250_000), ("two point zero three", F(203, 100)),
    ("nought point eleven", F(11, 100)), ("2 point 5 km", F(5, 2)), ("two point five million people", 2_500_000),
    ("1.2 million people", 1_200_000), ("$4.5bn", 4_500_000_000),
])
def test_fractions_and_decimals(text, value):
    assert number_of(text).value == value


def test_the_last_scale_word_is_kept_for_ranges():
    assert number_of("10 million people").scaled == 10**6
    assert number_of("$4.5bn").scaled == 10**9
    assert number_of("three lakh crore rupees").scaled == 10**7
    assert number_of("112 drones").scaled == 1


def test_a_bare_four_digit_year_is_year_like():
    assert number_of("in 2022 alone").year_like
    assert not number_of("2,022 drones").year_like
    assert not number_of("3000 drones").year_like
    assert not number_of("-2022 points").year_like


def test_vague_and_ordinal_numbers():
    assert number_of("a couple of hours") == Num(F(2), vague=True)
    assert number_of("a pair of shoes") == Num(F(2))
    a_fifth = number_of("a fifth term")
    assert a_fifth.value == F(1, 5) and a_fifth.a_fraction  # "a fifth term": an ordinal before a noun
    assert not number_of("a quarter century").a_fraction  # "a half" and "a quarter" stay fractions
    text = "two millionth visitors"
    two = number_of(text)
    assert two.value == 2 and two.ordinal_end == text.index(" millionth")  # the number ends before it
