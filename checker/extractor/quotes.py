"""Direct quotes: curly, straight and single quotation marks, quotes that span sentences, partial
quotes inside a sentence; each with its speaker and, for a short evaluative quote, its topic."""

from __future__ import annotations

import bisect
from operator import itemgetter
from typing import NamedTuple

from .attribution import Attribution
from .lexicon import Lexicon
from .lookup import AttributionIndex
from .sentences import Word, Words

__all__ = ["QuoteSpan", "find_quotes", "speaker_for", "topic_for"]

_OPEN_DOUBLE = "\u201c"
_CLOSE_DOUBLE = "\u201d"
_OPEN_SINGLE = "\u2018"
_CLOSE_SINGLE = "\u2019"


class QuoteSpan(NamedTuple):
    first: int  # word range of the words inside the marks
    last: int
    start: int  # char range of the inner text
    end: int


def _glued_left(ws: list[Word], i: int) -> bool:
    return i > 0 and ws[i - 1].end == ws[i].start


def _glued_right(ws: list[Word], i: int) -> bool:
    return i + 1 < len(ws) and ws[i + 1].start == ws[i].end


_MARK_CHARS = frozenset({_OPEN_DOUBLE, _CLOSE_DOUBLE, '"', _OPEN_SINGLE, _CLOSE_SINGLE, "'"})


_START = itemgetter(2)  # a Word's start offset


def _mark_offsets(text: str) -> list[int]:
    """The offsets of the quotation marks and apostrophes in ``text``, in order: a str.find per
    mark, which reads the text several times faster than a regular expression's character class."""
    out = []
    for mark in _MARK_CHARS:
        at = text.find(mark)
        while at >= 0:
            out.append(at)
            at = text.find(mark, at + 1)
    out.sort()
    return out


def _candidates(ws: list[Word], text: str | None = None) -> list[int]:
    """Indices of the words that may be or hold a quotation mark (looked at once per article): a
    word that is a mark, or ends with an apostrophe.  With the article's ``text``, found from the marks
    in the text (a few dozen) rather than by reading every word."""
    if text is None:
        return [i for i, w in enumerate(ws) if w.text in _MARK_CHARS or w.text[-1:] in (_CLOSE_SINGLE, "'")]
    out: list[int] = []
    lo = 0  # the marks come in text order: each one's word is at or after the last one's
    for pos in _mark_offsets(text):
        i = bisect.bisect_right(ws, pos, lo, key=_START) - 1
        if i < 0 or (out and out[-1] == i):
            continue
        lo = i
        w = ws[i]
        if pos < w.end and (w.text in _MARK_CHARS or (pos == w.end - 1 and w.text[-1:] in (_CLOSE_SINGLE, "'"))):
            out.append(i)
    return out


def _marks(ws: list[Word], indices: list[int]) -> list[tuple[int, str]]:
    """(word index, 'open'|'close'...) for every quotation mark among ``indices`` (one paragraph)."""
    out = []
    straight_double_open = False
    for i in indices:
        t = ws[i].text
        if t == _OPEN_DOUBLE:
            out.append((i, "open"))
        elif t == _CLOSE_DOUBLE:
            out.append((i, "close"))
        elif t == '"':
            out.append((i, "close" if straight_double_open else "open"))
            straight_double_open = not straight_double_open
        elif t in (_OPEN_SINGLE, "'") and _glued_right(ws, i) and not _glued_left(ws, i) and ws[i + 1].kind == "word":
            out.append((i, "open1"))
        elif t in (_CLOSE_SINGLE, "'") and _glued_left(ws, i) and not (
            _glued_right(ws, i) and ws[i + 1].kind == "word"
        ):
            out.append((i, "close1"))
        elif ws[i].kind == "word" and len(t) > 1 and t[-1] in (_CLOSE_SINGLE, "'") and t[-2].isalpha():
            out.append((i, "close1-in"))  # "‘Very Useful’": the lexer keeps the mark on the word
    return out


def find_quotes(words: Words) -> list[QuoteSpan]:
    """Every top-level quote of the article (quotes nested in a quote are part of it)."""
    ws = words.words
    spans: list[QuoteSpan] = []
    paragraphs: dict[int, tuple[int, int]] = {}
    for s in words.sentences:
        lo, hi = paragraphs.get(s.paragraph, (s.first, s.last))
        paragraphs[s.paragraph] = (min(lo, s.first), max(hi, s.last))
    candidates = _candidates(ws, words.text)
    for first, last in paragraphs.values():
        opened: int | None = None
        kind = ""
        lo, hi = bisect.bisect_left(candidates, first), bisect.bisect_left(candidates, last)
        if lo == hi:
            continue  # no quotation mark in the paragraph
        for i, what in _marks(ws, candidates[lo:hi]):
            if opened is None:
                if what in ("open", "open1"):
                    opened, kind = i, what
            elif (what == "close" and kind == "open") or (what == "close1" and kind == "open1"):
                if i > opened + 1:
                    spans.append(QuoteSpan(opened + 1, i, ws[opened + 1].start, ws[i - 1].end))
                opened = None
            elif what == "close1-in" and kind == "open1":
                spans.append(QuoteSpan(opened + 1, i + 1, ws[opened + 1].start, ws[i].end - 1))
                opened = None
        if opened is not None and kind == "open" and last > opened + 1:
            spans.append(QuoteSpan(opened + 1, last, ws[opened + 1].start, ws[last - 1].end))
    return spans


def speaker_for(span: QuoteSpan, words: Words, attributions: list[Attribution],
                previous: tuple[int, str | None] | None, people_at=lambda i: None,
                index: AttributionIndex | None = None) -> str | None:
    """The speaker of a quote: an attribution in its sentence from outside the quote, else the last
    speaker earlier in the same paragraph.  ``index`` (of ``attributions``: an article's quotes
    share one) finds the attributions near the quote without reading them all."""
    index = index or AttributionIndex(attributions, words)
    s_first = words.sentence_of(span.first)
    s_last = words.sentence_of(max(span.first, span.last - 1))
    covering = [a for a in index.covering(span.first) if a.content[0] <= span.first < a.content[1]
                and not span.first <= a.subject[0] < span.last and a.speaker]
    if covering:
        return min(covering, key=lambda a: abs(a.verb - span.first)).speaker
    colon = _colon_speaker(span, words, people_at)
    if colon:
        return colon
    best = None
    for a in index.in_sentences(s_first, s_last + 1):
        if not s_first <= a.sentence <= s_last + 1:
            continue
        inside = span.first <= a.subject[0] < span.last
        if inside:
            continue
        if a.sentence == s_last + 1 and not (
            a.subject[0] <= span.last + 3
            and words.sentences[a.sentence].paragraph == words.sentences[s_last].paragraph
        ):
            continue
        dist = min(abs(a.verb - span.first), abs(a.verb - span.last))
        if best is None or dist < best[0]:
            best = (dist, a)
    if best is not None:
        return best[1].speaker
    paragraph = words.sentences[s_first].paragraph
    if previous is not None and previous[0] in (paragraph, paragraph - 1):
        return previous[1]
    for a in index.back_from(span.first, paragraph - 1):
        if a.verb < span.first and words.sentences[a.sentence].paragraph in (paragraph, paragraph - 1) and a.speaker:
            return a.speaker
    return None


def _colon_speaker(span: QuoteSpan, words: Words, people_at) -> str | None:
    """The speaker of a statement a colon introduces: "Putin: “We're on the right track”", "Putin:
    Russia is “on the right track”", or the first person the sentence names before the colon, not as a possessive ("The minister, Ana
    Ruiz, on the delay: “...”", "Ana Ruiz set out her position in a statement: “...”")."""
    ws = words.words
    s = words.sentences[words.sentence_of(span.first)]
    k = next((c for c in range(span.first - 2, s.first, -1) if ws[c].text == ":"), None)
    if k is None:
        return None
    ent = people_at(k - 1)
    if ent is not None:
        return ent.name
    for i in range(s.first, k):
        ent = people_at(i)
        if ent is not None and ent.kind == "person" and people_at(i + 1) is not ent \
                and not ws[i].text.endswith(("'s", "\u2019s")):
            return ent.name
    return None


def topic_for(span: QuoteSpan, words: Words, lexicon: Lexicon, max_words: int = 8) -> str | None:
    """The event a short quote describes ("a 'very frank' conversation" -> "call")."""
    inner = words.kinds[span.first:span.last].count("word")  # (a long quote is counted at C speed)
    if not inner or inner > max_words:
        return None
    s = words.sentences[words.sentence_of(span.first)]
    norms = words.norms
    after = span.last + 1  # past the closing mark
    for i in (after, after + 1):
        hit = lexicon.events.match(norms, i) if i < s.last else None
        if hit:
            return hit[0]
    for i in range(span.first - 2, s.first - 1, -1):
        hit = lexicon.events.match(norms, i)
        if hit:
            return hit[0]
    for i in range(after, s.last):
        hit = lexicon.events.match(norms, i)
        if hit:
            return hit[0]
    return None
