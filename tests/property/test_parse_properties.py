"""Properties: rendered quantity phrases parse back to their interval; any text parses safely."""

from __future__ import annotations

from hypothesis import example, given, note
from hypothesis import strategies as st

from checker.quantities import parse_text

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


NEWSY = st.lists(
    st.sampled_from(
        ["more", "than", "two", "hours", "-", "and", "a", "half", "of", "which", "the", "112", "1,000",
         "drones", "each", "between", "to", "at", "least", "$", "5m", "%", "percent", "million", "one",
         "hundred", "old", "year", "long", ",", ".", "\n\n", "nearly", "or", "so", "Duration", "4:06"]
    ),
    max_size=25,
)


@given(NEWSY.map(" ".join))
def test_newsy_token_soup_never_breaks(text):
    for q in parse_text(text):
        assert text[q.start:q.end] == q.text
