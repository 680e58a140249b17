"""extract/anchors.py: time anchors kept as written and resolved, with the article's date, to the
day the event ended; which anchor a claim takes."""

from __future__ import annotations

import pytest
from extract_kit import index_of, lexicon, words_of

from checker.extractor.anchors import find_anchors, nearest_anchor

MONDAY = "2025-05-19"  # the articles below are published on a Monday


def anchors(text: str, published: str | None = MONDAY):
    words = words_of(text)
    return [a for s in words.sentences for a in find_anchors(words, s, published, lexicon())]


def described(text: str, published: str | None = MONDAY) -> list[tuple[str, str | None]]:
    return [(a.text, a.date) for a in anchors(text, published)]


@pytest.mark.parametrize(("text", "want"), [
    ("The ferry sank on Saturday.", [("on Saturday", "2025-05-17")]),
    ("The vote was on Monday.", [("on Monday", MONDAY)]),  # the day of publication itself
    ("He left last Monday.", [("last Monday", "2025-05-12")]),
    ("They meet next Friday.", [("next Friday", "2025-05-23")]),
    ("Shelling went on late Friday.", [("late Friday", "2025-05-16")]),
    ("It ran from Monday to Wednesday.", [("from Monday to Wednesday", "2025-05-14")]),
    ("The vote was yesterday and the count is today.", [("yesterday", "2025-05-18"), ("today", MONDAY)]),
    ("They met last night.", [("last night", "2025-05-18")]),
    ("Talks were held last week.", [("last week", None)]),
    ("The deal was signed on May 16, 2025.", [("May 16, 2025", "2025-05-16")]),
    ("The bridge fell on Sept. 5, 2024.", [("Sept. 5, 2024", "2024-09-05")]),
    ("The bridge fell on August 14th, 2018.", [("August 14th, 2018", "2018-08-14")]),
    ("It opened on 16 May.", [("16 May", "2025-05-16")]),  # the year of publication
    ("The plant closed in May.", [("in May", None)]),
])
def test_anchors_are_kept_as_written_and_dated(text, want):
    assert described(text) == want


def test_an_overnight_event_ends_on_the_second_day():
    assert described("Drones struck on Sunday night into Monday morning.") == [
        ("on Sunday night into Monday morning", MONDAY)]
    assert described("Drones struck on Friday night into Saturday.") == [
        ("on Friday night into Saturday", "2025-05-17")]


def test_overnight_takes_a_weekday_of_its_sentence_else_the_articles_date():
    assert described("The attack came overnight.") == [("overnight", MONDAY)]
    assert described("Russia attacked overnight on Saturday.") == [
        ("overnight", "2025-05-17"), ("on Saturday", "2025-05-17")]
    assert described("The attack came overnight.", published=None) == [("overnight", None)]


def test_without_the_articles_date_only_a_date_with_its_year_is_resolved():
    text = "The ferry sank on Saturday. The deal was signed on May 16, 2025. It opened on 16 May."
    want = [("on Saturday", None), ("May 16, 2025", "2025-05-16"), ("16 May", None)]
    assert described(text, published=None) == want
    assert described(text, published="not a date") == want


@pytest.mark.parametrize("text", [
    "Prices rose 5 percent.",
    "The plant may reopen in the spring.",  # "may" in lower case is a verb
    "",
])
def test_a_sentence_without_a_time_has_no_anchor(text):
    assert anchors(text) == []


def test_word_ranges_cover_the_anchor():
    words = words_of("Drones struck on Sunday night into Monday morning.")
    (a,) = find_anchors(words, words.sentences[0], MONDAY, lexicon())
    assert (a.first, a.last) == (index_of(words, "on"), index_of(words, "morning") + 1)


def test_right_after_a_speech_verb_an_anchor_says_when_it_was_said():
    (said,) = anchors("The air force said Sunday that 40 drones were downed.")
    assert (said.text, said.date, said.speech) == ("Sunday", "2025-05-18", True)
    (happened,) = anchors("The air force said 40 drones were downed on Sunday.")
    assert (happened.text, happened.speech) == ("on Sunday", False)


def _claim(text: str, word: str):
    """The anchors of the first sentence, the index of ``word`` and its clause."""
    words = words_of(text)
    found = find_anchors(words, words.sentences[0], MONDAY, lexicon())
    i = index_of(words, word)
    return found, i, words.clause_bounds(i)


def test_a_claim_takes_the_anchor_of_its_clause():
    found, i, clause = _claim("Rockets fell on Saturday, and on Sunday 40 drones were downed.", "40")
    assert nearest_anchor(found, i, i + 1, clause).text == "on Sunday"


def test_else_a_fronted_anchor_of_its_sentence():
    found, i, clause = _claim("On Saturday, rockets fell and 40 drones were downed.", "40")
    assert nearest_anchor(found, i, i + 1, clause, (0, 2)).text == "On Saturday"
    assert nearest_anchor(found, i, i + 1).text == "On Saturday"  # no clause given


def test_not_the_time_of_another_clause():
    found, i, clause = _claim("The quake that struck on Tuesday, officials say, has killed 40 people.", "40")
    assert nearest_anchor(found, i, i + 1, clause) is None


def test_else_when_it_was_said():
    found, i, clause = _claim("40 drones were downed, the air force said Sunday.", "40")
    assert nearest_anchor(found, i, i + 1, clause).text == "Sunday"


def test_an_event_anchor_after_the_claim_in_another_clause_is_not_its_anchor():
    found, i, clause = _claim("40 drones were downed, and rockets fell on Sunday.", "40")
    assert [a.text for a in found] == ["on Sunday"]
    assert nearest_anchor(found, i, i + 1, clause) is None
    assert nearest_anchor([], i, i + 1, clause) is None
