"""quotes._candidates finds, from the marks in the text, exactly the words a walk over every word finds."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from checker.extractor import quotes
from checker.extractor.lexicon import load_lexicon
from checker.extractor.sentences import Words
from checker.parser import grammar

PIECES = st.sampled_from(["He", "said", "boys", "o", "clock", "rock", "n", "roll", "5", ",", ".", "s", "’s", "'s",
                          "“", "”", "‘", "’", "'", '"', " ", " ", "\n\n", "’", "'"])


@settings(max_examples=300)
@given(st.lists(PIECES, max_size=40).map("".join))
def test_candidates_from_the_text_are_those_of_every_word(text):
    words = Words.build(text, grammar.lex(text), load_lexicon())
    assert quotes._candidates(words.words, text) == quotes._candidates(words.words)


def test_candidates_on_the_seeds(seed_texts):
    for name, text in seed_texts.items():
        words = Words.build(text, grammar.lex(text), load_lexicon())
        found = quotes._candidates(words.words, text)
        assert found == quotes._candidates(words.words), name
        assert found, name
