"""Properties of extraction: never raises, and every reported span slices back to its text."""

from __future__ import annotations

from hypothesis import example, given
from hypothesis import strategies as st

from checker.extractor.facts import extract
from checker.model import Article

PIECES = st.sampled_from([
    "President", "Anna", "Berger", "said", "told", "reporters", "according", "to", "the", "military",
    "\u201c", "\u201d", '"', "\u2018", "\u2019", "'", ",", ".", ":", "\n\n", "he", "she", "more", "than",
    "two", "hours", "112", "drones", "76", "of", "which", "were", "shot", "down", "on", "Sunday",
    "night", "into", "Monday", "overnight", "a", "two-hour", "call", "Mr.", "U.S.", "at", "least",
    "14", "civilians", "killed", "each", "1,000", "prisoners", "\u00a0", "\u00ad", "[", "](#)",
])


def check(text: str) -> None:
    result = extract(Article(id="x", path="x.txt", text=text, outlet="X", published="2025-05-19"))
    for fact in result.facts:
        q = fact.quantity
        assert text[q.start:q.end] == q.text
        assert fact.key and "." in fact.key
    for quote in result.quotes:
        assert text[quote.start:quote.end] == quote.text
    for m in result.mentions:
        assert text[m.start:m.end] == m.text


@given(st.lists(PIECES, max_size=40).map(" ".join))
@example("\u201cWe will,\u201d she said. \u201cYes.\u201d")
@example("According to")
@example("\u2018x")
def test_news_like_soup(text):
    check(text)


@given(st.text(max_size=200))
def test_any_text(text):
    check(text)


SENTENCE_PIECES = st.sampled_from([
    "more than", "or more", "at least", "or\n- more", "-", "\u2013", "\u2014", "*", "\u2022", "\n", "\n\n", ".",
    "!", "?", "\u2026", "5", "said", "Mr.", "U.S.", "V.", "\u201d", ")", " ", "two", "hours", "The", "it",
    "May 19", "noon", "first", "\u24b6", "\u216b", "10:30", ",", ";", ":", "(", "--", "\u2014 x",
])


@given(st.lists(SENTENCE_PIECES, max_size=40).map(" ".join))
@example("It rose 5 or\n- more than 10.\n\n- Item one\n- item two or - more")
def test_sentences_clauses_first_words_and_capitals_are_those_read_from_every_word(text):
    from checker.extractor.facts import load_lexicon
    from checker.extractor.sentences import _CLAUSE_BREAKS, Words, _split
    from checker.parser import grammar

    lexicon = load_lexicon()
    words = Words.build(text, grammar.lex(text), lexicon)
    assert words.sentences == _split(words.words, lexicon, text)  # every word read for marks
    first, ws = words.first_word_of_token, words.words
    assert words.capital == [w.kind == "word" and w.text[:1].isupper() for w in ws]
    assert words.small == [w.kind == "word" and w.text[:1].islower() for w in ws]
    for i in range(len(ws) + 1):  # a clause runs between clause breaks, within its sentence
        s = words.sentences[words.sentence_of(i)] if words.sentences else None
        if s is None:
            break
        lo = i
        while lo > s.first and ws[lo - 1].text not in _CLAUSE_BREAKS:
            lo -= 1
        hi = i
        while hi < s.last and ws[hi].text not in _CLAUSE_BREAKS:
            hi += 1
        assert words.clause_bounds(i) == (lo, hi)
    assert first[-1] == len(ws)
    assert all(ws[first[t]].token == t and (first[t] == 0 or ws[first[t] - 1].token < t) for t in range(len(first) - 1))
