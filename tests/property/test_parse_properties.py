"""Properties: rendered quantity phrases parse back to their interval; any text parses safely."""

from __future__ import annotations

from fractions import Fraction

from hypothesis import example, given, note
from hypothesis import strategies as st

from checker.parser.quantities import parse_text

ONES = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
TEENS = ["ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
         "eighteen", "nineteen"]
TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


def words(n: int) -> str:
    """English words for 0 <= n < 10**9 ("one hundred and twelve thousand")."""
    if n < 10:
        return ONES[n]
    if n < 20:
        return TEENS[n - 10]
    if n < 100:
        return TENS[n // 10] + ("" if n % 10 == 0 else "-" + ONES[n % 10])
    if n < 1000:
        rest = n % 100
        return ONES[n // 100] + " hundred" + ("" if rest == 0 else " and " + words(rest))
    for scale, name in ((10**6, "million"), (1000, "thousand")):
        if n >= scale:
            rest = n % scale
            head = words(n // scale) + " " + name
            if rest == 0:
                return head
            return head + (" and " if rest < 100 else " ") + words(rest)
    raise AssertionError(n)


QUALIFIERS = {
    "": ("exact", lambda v: (v, v)),
    "more than ": ("more_than", lambda v: (v, None)),
    "over ": ("more_than", lambda v: (v, None)),
    "at least ": ("at_least", lambda v: (v, None)),
    "no fewer than ": ("at_least", lambda v: (v, None)),
    "less than ": ("less_than", lambda v: (None, v)),
    "under ": ("less_than", lambda v: (None, v)),
    "up to ": ("at_most", lambda v: (None, v)),
    "at most ": ("at_most", lambda v: (None, v)),
}
UNITS = {
    "hours": "hour", "minutes": "minute", "days": "day", "km": "kilometer", "kilometres": "kilometer",
    "miles": "mile", "kg": "kilogram", "percent": "percent", "%": "percent", "tonnes": "tonne",
}
COMPOUND = {"hour": "hour", "minute": "minute", "day": "day", "year": "year", "mile": "mile", "week": "week"}


@st.composite
def phrases(draw):
    value = draw(st.integers(min_value=2, max_value=999_999))
    as_words = draw(st.booleans())
    if as_words:
        number = words(value)
    elif 1000 <= value <= 2999:  # four bare digits before a plural noun are a year ("the 2024 elections")
        number = f"{value:,}"
    else:
        number = f"{value:,}" if draw(st.booleans()) else str(value)
    qual_text = draw(st.sampled_from(sorted(QUALIFIERS)))
    qualifier, bounds = QUALIFIERS[qual_text]
    form = draw(st.sampled_from(["unit", "compound", "noun"]))
    if form == "unit":
        unit_text = draw(st.sampled_from(sorted(UNITS)))
        sep = "" if unit_text == "%" else " "
        phrase, unit, noun = f"{qual_text}{number}{sep}{unit_text}", UNITS[unit_text], None
    elif form == "compound" and qual_text == "":
        unit_text = draw(st.sampled_from(sorted(COMPOUND)))
        phrase, unit, noun = f"a {number}-{unit_text} meeting", COMPOUND[unit_text], None
    else:
        phrase, unit, noun = f"{qual_text}{number} drones", None, "drone"
    prefix = draw(st.sampled_from(["", "Officials said ", "The report gives "]))
    return prefix + phrase + draw(st.sampled_from(["", ".", " on Monday."])), qualifier, bounds(value), unit, noun


@given(phrases())
@example(("more than two hours", "more_than", (2, None), "hour", None))
def test_rendered_phrase_parses_back(case):
    text, qualifier, (low, high), unit, noun = case
    note(text)
    qs = parse_text(text)
    assert len(qs) == 1, qs
    q = qs[0]
    assert (q.qualifier, q.low, q.high, q.unit, q.noun) == (qualifier, low, high, unit, noun)
    assert text[q.start:q.end] == q.text


@given(st.text(max_size=300))
@example("2 1/2 -- ½ $ 5m 4:06 May 16, 2025 more-than-")
def test_any_text_parses_without_error_and_slices_back(text):
    for q in parse_text(text):
        assert text[q.start:q.end] == q.text
        if q.low is not None and q.high is not None:
            assert q.low <= q.high


DIGIT_WORDS = ONES


@given(st.integers(min_value=1, max_value=999_999), st.sampled_from(sorted(UNITS)))
def test_a_glued_minus_sign_negates(value, unit_text):
    sep = "" if unit_text == "%" else " "
    qs = parse_text(f"fell to -{value}{sep}{unit_text}")
    assert [(q.value, q.unit) for q in qs] == [(-value, UNITS[unit_text])]


@given(st.integers(min_value=0, max_value=999), st.lists(st.integers(0, 9), min_size=1, max_size=3))
def test_point_decimals_in_words(whole, digits):
    text = words(whole) + " point " + " ".join(DIGIT_WORDS[d] for d in digits)
    q = parse_text(text)
    frac = Fraction(int("".join(map(str, digits))), 10 ** len(digits))
    assert [x.value for x in q] == [whole + frac], text


@given(st.integers(min_value=1, max_value=999), st.sampled_from(["hours", "days", "km", "miles"]))
def test_and_a_half(value, unit_text):
    q = parse_text(f"{words(value)} and a half {unit_text}")
    assert [(x.value, x.unit) for x in q] == [(value + Fraction(1, 2), UNITS.get(unit_text, unit_text[:-1]))]


@given(st.integers(min_value=1, max_value=99), st.integers(min_value=1, max_value=59),
       st.sampled_from([" ", ", ", " and ", ", and "]))
def test_hours_then_minutes_add_up(hours, minutes, join):
    qs = parse_text(f"lasted {hours} hours{join}{minutes} minutes")
    assert [(q.value, q.unit) for q in qs] == [(60 * hours + minutes, "minute")]


@given(st.integers(min_value=1, max_value=999), st.integers(min_value=1, max_value=999))
def test_a_list_of_the_same_unit_is_not_added_up(a, b):
    qs = parse_text(f"{a} km, {b} km")
    assert [(q.value, q.unit) for q in qs] == [(a, "kilometer"), (b, "kilometer")]


@given(st.integers(min_value=1, max_value=10_000), st.integers(min_value=1, max_value=10_000))
def test_two_bounds_make_a_range_only_when_they_meet(a, b):
    qs = parse_text(f"more than {a} and less than {b}")
    if a < b:  # (a, b); "more than 5 and less than 5" is no interval
        assert [(q.qualifier, q.low, q.high) for q in qs] == [("range", a, b)]
    else:
        assert [(q.qualifier, q.low, q.high) for q in qs] == [("more_than", a, None), ("less_than", None, b)]


@given(st.integers(min_value=1, max_value=99), st.integers(min_value=2, max_value=1000))
def test_one_in_n(part, whole):
    qs = parse_text(f"{words(part)} in {words(whole)} adults")
    if part <= whole:
        assert [(q.value, q.whole, q.noun) for q in qs] == [(part, whole, "adult")]
    else:
        assert [q.value for q in qs][:1] == [part]


NEWSY = st.lists(
    st.sampled_from(
        ["more", "than", "two", "hours", "-", "and", "a", "half", "of", "which", "the", "112", "1,000",
         "drones", "each", "between", "to", "at", "least", "$", "5m", "%", "percent", "million", "one",
         "hundred", "old", "year", "long", ",", ".", "\n\n", "nearly", "or", "so", "Duration", "4:06",
         "-5", "minus", "point", "five", "thirds", "fifth", "in", "out of", "per", "ft", "m", "under",
         "equal", "couple", "another", "all", "day", "~", "F-16", "2m", "people", "more than", "less than"]
    ),
    max_size=25,
)


@given(NEWSY.map(" ".join))
def test_newsy_token_soup_never_breaks(text):
    last_end = 0
    for q in parse_text(text):
        assert text[q.start:q.end] == q.text
        assert q.start >= last_end, "quantities do not overlap"
        last_end = q.end
        if q.low is not None and q.high is not None:
            assert q.low <= q.high
