"""Words, sentences and clauses of an article, all from the grammar's one token stream.

``Words.build(text, lexed)`` turns the grammar's tokens into a flat list of words with absolute offsets (a
multi-word token such as "more than" gives two words), and splits them into sentences that know
abbreviations ("Mr.", "U.S.", "Vladimir V. Putin").  Nothing here rewrites the text.
"""

from __future__ import annotations

import functools
from bisect import bisect_left
from itertools import accumulate, compress, repeat
from operator import add, itemgetter, not_
from typing import NamedTuple

from checker.parser.units import base_name

from .lexicon import Lexicon, normalize_word

__all__ = ["Sentence", "Word", "Words"]

_SENTENCE_END = {".", "!", "?", "\u2026"}
_CLOSERS = {"\u201d", "\u2019", '"', "'", ")", "]"}
_CLAUSE_BREAKS = {",", ";", ":", "\u2014", "(", ")", "\u2013", "--"}


class Word(NamedTuple):
    """One word or mark (a NamedTuple: an article has thousands, made in the hot path)."""

    text: str
    norm: str
    start: int
    end: int
    kind: str  # word | num | punct | para | other
    token: int  # index of the lark token it comes from


class Sentence(NamedTuple):
    first: int  # word index
    last: int  # exclusive
    start: int  # char offset
    end: int
    paragraph: int


@functools.lru_cache(maxsize=4096)
def _kind(ttype: str, value: str) -> str:
    """What a token is to sentence-level code; read from its text where the grammar's terminal
    names would tie this module to the grammar's internals."""
    if ttype in ("WORD", "FUNCWORD"):
        return "word"
    name = base_name(ttype)
    if name == "PARA":
        return "para"
    if name in ("DATE", "TIME_OF_DAY", "PHONE", "ORDINAL"):
        return "other"
    if not any(ch.isalnum() for ch in value):
        return "punct"
    if name.startswith("DIGITS") or name in ("OTHER_DIGITS", "FRACTION_DIGITS", "CLOCK", "VULGAR") or value[:1].isdigit():
        return "num"
    return "word"


_WORD_TYPES = {"WORD": "word", "FUNCWORD": "word"}  # most tokens; their regexes hold no space


def _parts(text: str, word: Word) -> list[Word]:
    """The words of one token that holds several, each with its own offsets."""
    out, pos = [], word.start
    for part in word.text.split():
        at = text.index(part, pos)
        out.append(Word(part, normalize_word(part), at, at + len(part), word.kind, word.token))
        pos = at + len(part)
    return out


class Words:
    """The article's words, sentences and a map from token index to word index."""

    def __init__(self, text: str, words: list[Word], first_word_of_token: list[int], sentences: list[Sentence],
                 columns: tuple[list, list, list] | None = None, cased: list[int] | None = None):
        """``columns``: the words' texts, norms and kinds as lists, when the caller has them;
        ``cased``: the words not of kind "word" that start with a cased letter (a date), likewise."""
        self.text = text
        self.words = words
        texts, norms, kinds = columns or (list(map(itemgetter(i), words)) for i in (0, 1, 4))
        self.norms = norms  # built once: phrase look-ups index into it
        self.kinds = kinds
        # a word (kind "word") whose first letter is a capital / a small letter, by word index
        firsts = list(map(itemgetter(slice(1)), texts))
        self.capital = list(map(str.isupper, firsts))
        self.small = list(map(str.islower, firsts))
        if cased is None:
            cased = [i for i, k in enumerate(kinds) if k != "word" and (texts[i][:1].isupper() or texts[i][:1].islower())]
        for i in cased:  # "May 19" is a date, not a capitalised word
            self.capital[i] = self.small[i] = False
        self.first_word_of_token = first_word_of_token
        self._breaks: list[int] | None = None  # the clause breaks' word indices (clause_bounds)
        self.sentences = sentences
        self._sentence_of_word: list[int] = []
        for si, s in enumerate(sentences):
            self._sentence_of_word.extend([si] * (s.last - len(self._sentence_of_word)))
        self._sentence_of_word.extend([len(sentences) - 1] * (len(words) - len(self._sentence_of_word)))

    @classmethod
    def build(cls, text: str, lexed, lexicon: Lexicon) -> Words:
        """The words of ``text`` from its tokens (its ``grammar.lex(text)``): one word per token, made a
        list at a time, and a token of several words ("more than") split after."""
        types, starts, ends = lexed.types, lexed.starts, lexed.ends
        n = len(types)
        values = [text[a:b] for a, b in zip(starts, ends)]
        kinds = list(map(_WORD_TYPES.get, types))  # "word" for most tokens, None for the others
        several, marks, cased = [], [], []  # tokens of several words; marks that may end a sentence;
        for i in compress(range(n), map(not_, kinds)):  # tokens not of kind "word" starting with a cased letter
            v = values[i]
            k = kinds[i] = _kind(types[i], v)
            if k == "word":
                if " " in v or "\n" in v or "\t" in v:
                    several.append(i)
            elif v in _MARKS or k == "para":
                marks.append(i)
            elif v[:1].isupper() or v[:1].islower():
                cased.append(i)
        norms = [normalize_word(v) if k == "word" else v for v, k in zip(values, kinds)]
        words = list(map(tuple.__new__, repeat(Word, n), zip(values, norms, starts, ends, kinds, range(n))))
        if not several:
            return cls(text, words, list(range(n + 1)), _split(words, lexicon, text, marks), (values, norms, kinds),
                       cased)
        added = [0] * (n + 1)  # words a token of several adds, counted at the token after it
        for i in reversed(several):  # "more than": one word each, with its own offsets
            words[i:i + 1] = parts = _parts(text, words[i])
            values[i:i + 1], norms[i:i + 1], kinds[i:i + 1] = ([p[c] for p in parts] for c in (0, 1, 4))
            added[i + 1] = len(parts) - 1
        first_word = list(map(add, range(n + 1), accumulate(added)))  # each token's first word
        marks = sorted([*(first_word[i] for i in marks),  # a mark token is one word; a part can be a mark too
                        *(j for i in several for j in range(first_word[i], first_word[i + 1]) if values[j] in _MARKS)])
        return cls(text, words, first_word, _split(words, lexicon, text, marks), (values, norms, kinds),
                   [first_word[i] for i in cased])

    def sentence_of(self, word_index: int) -> int:
        """The sentence of word ``word_index`` (past the last word: the last sentence)."""
        try:
            return self._sentence_of_word[word_index]
        except IndexError:
            return self._sentence_of_word[-1]

    def clause_bounds(self, i: int) -> tuple[int, int]:
        """Word range (first, last exclusive) of the clause holding word ``i`` within its sentence: from
        the word after the clause break before ``i``, to the next break at or after it."""
        s = self.sentences[self.sentence_of(i)]
        breaks = self._breaks
        if breaks is None:  # the breaks' word indices, found once (a break is a mark: its norm is its text)
            breaks = self._breaks = list(compress(range(len(self.norms)), map(_CLAUSE_BREAKS.__contains__, self.norms)))
        k = bisect_left(breaks, i)
        lo = hi = i
        if i > s.first:
            lo = max(breaks[k - 1] + 1, s.first) if k else s.first
        if i < s.last:
            hi = min(breaks[k], s.last) if k < len(breaks) else s.last
        return lo, hi


def _is_abbreviation(words: list[Word], i: int, lexicon: Lexicon) -> bool:
    """Is the full stop at words[i] part of an abbreviation or an initial?"""
    if i == 0 or words[i - 1].kind != "word":
        return False
    prev = words[i - 1].text
    if len(prev) == 1 and prev.isalpha():
        return True  # an initial ("V.") or part of "U.S."
    return prev.lower() in lexicon.abbreviations


def _starts_sentence(words: list[Word], j: int) -> bool:
    if j >= len(words):
        return True
    w = words[j]
    if w.kind == "para":
        return True
    t = w.text
    return t[:1].isupper() or t[:1].isdigit() or t in ("\u201c", '"', "\u2018", "'", "(", "[", "\u2014", "-")


_LIST_MARKERS = frozenset({"-", "*", "\u2022", "\u2013", "\u2014"})
_MARKS = _SENTENCE_END | _LIST_MARKERS  # the words that can end a sentence, or open a list item


def _list_item(words: list[Word], i: int, text: str) -> bool:
    """Does words[i] open a list item ("- Losses: 12 games" on a line of its own)?  Items have
    no full stop, but each is a sentence of its own."""
    return (i > 0 and words[i].text in _LIST_MARKERS
            and "\n" in text[words[i - 1].end:words[i].start])


def _split(words: list[Word], lexicon: Lexicon, text: str = "", marks: list[int] | None = None) -> list[Sentence]:
    """The sentences of ``words``: ended by a full stop (not an abbreviation's) before a word that
    can start one, by a paragraph break, or by the start of a list item on a new line.  ``marks``:
    the indices of the words that can end one or open an item (``_MARKS`` and paragraph breaks), in
    order, when the caller has them."""
    sentences: list[Sentence] = []
    start = 0
    paragraph = 0

    def close(end: int) -> None:
        nonlocal start
        if end > start:
            sentences.append(Sentence(start, end, words[start].start, words[end - 1].end, paragraph))
        start = end

    n = len(words)
    after = 0  # the words before this are read
    if marks is None:
        marks = [i for i, w in enumerate(words) if w[0] in _MARKS or w[4] == "para"]
    for i in marks:  # the few that can end one
        if i < after:
            continue
        w = words[i]
        if w.kind == "para":
            close(i)
            start = i + 1
            paragraph += 1
        elif text and _list_item(words, i, text):
            close(i)
        elif w.text in _SENTENCE_END and not (w.text == "." and _is_abbreviation(words, i, lexicon)):
            j = i + 1
            while j < n and words[j].start == words[j - 1].end and (
                words[j].text in _CLOSERS or words[j].text in _SENTENCE_END
            ):
                j += 1
            if _starts_sentence(words, j):
                close(j)
                after = j
    close(n)
    return sentences
