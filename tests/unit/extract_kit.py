"""What the extract/ tests share: a text's words, people, quotes and attributions, built as
``checker.extractor.facts`` builds them (the grammar's one token stream and the built-in facts lexicon).

``read(text)`` gives them all; ``words_of(text)`` only the words; ``covered(words, first, last)``
the text of a word range.
"""

from __future__ import annotations

from dataclasses import dataclass

from checker.extractor.attribution import Attribution, find_attributions
from checker.extractor.lexicon import Lexicon, load_lexicon
from checker.extractor.people import People, find_people
from checker.extractor.quotes import QuoteSpan, find_quotes
from checker.extractor.sentences import Words
from checker.parser import grammar


def lexicon() -> Lexicon:
    """The built-in facts lexicon (read once per process)."""
    return load_lexicon()


def words_of(text: str) -> Words:
    """The words and sentences of ``text``."""
    return Words.build(text, grammar.lex(text), lexicon())


def covered(words: Words, first: int, last: int) -> str:
    """The text of the word range [first, last), as written; "" for an empty range."""
    if last <= first:
        return ""
    return words.text[words.words[first].start:words.words[last - 1].end]


def index_of(words: Words, text: str, nth: int = 0) -> int:
    """The index of the ``nth`` word written ``text``."""
    return [i for i, w in enumerate(words.words) if w.text == text][nth]


@dataclass(frozen=True)
class Read:
    words: Words
    people: People
    quotes: list[QuoteSpan]
    attributions: list[Attribution]


def read(text: str) -> Read:
    """``text`` through the steps of extraction before facts: words, people, quotes, attributions."""
    words = words_of(text)
    people = find_people(words, lexicon())
    quotes = find_quotes(words)
    attributions = find_attributions(words, people, lexicon(), [(q.first, q.last) for q in quotes])
    return Read(words, people, quotes, attributions)
