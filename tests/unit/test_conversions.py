"""A value converted between metric and customary units is as precise as it is written: "150 km/h" and "93 mph" are one
speed (150 km/h is 93.2 mph), "90 mph" is another; in one unit, 93 and 94 still differ.  Sentences
written for these tests."""

from __future__ import annotations

import pytest

from checker.comparators.intervals import disagree, interval
from checker.parser.quantities import parse_text


def one(text: str):
    found = parse_text(text)
    assert len(found) == 1, found
    return interval(found[0])


@pytest.mark.parametrize("a, b, differ", [
    ("winds of 150 km/h", "winds of 93 mph", False),
    ("winds of 150 km/h", "winds of 90 mph", True),
    ("winds of 93 mph", "winds of 94 mph", True),  # one unit: no rounding to allow for
    ("a high of 39C", "a high of 102F", False),  # 39C is 102.2F
    ("a high of 39C", "a high of 104F", True),
    ("a high of 39C", "a high of 40C", True),
    ("a low of -5C", "a low of 23F", False),  # a temperature has its own zero: -5C is 23F
    ("a low of 0C", "a low of 0F", True),
    ("a span of 1.6 km", "a span of one mile", False),  # a mile is 1.609 km
    ("a span of 2.5 km", "a span of one mile", True),  # 1.55 miles
    ("a catch of 20 kg", "a catch of 44 pounds", False),  # 20 kg is 44.09 lb
    ("a call of two hours", "a call of 130 minutes", True),  # one system: two statements, no conversion
    ("a span of 1.6 km", "a span of 1,650 metres", True),
])
def test_a_conversion_may_round_to_the_digits_written(a, b, differ):
    assert disagree(one(a), one(b)) is differ
    assert disagree(one(b), one(a)) is differ
