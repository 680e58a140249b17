"""Who said what: attributions in a sentence, and the part of the sentence each one covers.

Forms: "X said (that) ...", "..., X said", "“...,” said X", "according to X", "X told reporters ...",
"X wrote on/in ...", "X added".  X is a person (resolved through people.py, also for "he" and "the
Russian leader") or a body as written ("Ukraine's air force").  ``Attribution.content`` is the word
range the speaker is responsible for: what follows the verb when it reports a clause, or what
precedes the speaker when the attribution closes the sentence.
"""

from __future__ import annotations

from bisect import bisect_left
from itertools import compress
from typing import NamedTuple

from .lexicon import Lexicon
from .lookup import person_windows
from .names import load_names
from .people import People, title_case
from .sentences import Sentence, Word, Words

__all__ = ["Attribution", "find_attributions"]

_TIME_WORDS = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "morning", "night",
    "evening", "afternoon", "today", "yesterday", "tonight", "overnight", "earlier", "later", "late",
    "early", "last", "this", "on", "week", "month", "also", "has", "have", "had", "would", "will",
    "previously", "then", "reportedly", "again", "repeatedly", "publicly", "separately", "recently",
    "once", "was", "is", "been",
}
_PREPOSITIONS = {
    "following", "after", "before", "during", "in", "at", "on", "with", "for", "from", "of", "by",
    "about", "while", "when", "ahead", "amid", "since", "until", "as", "to", "into", "without",
}
_STOP_LEFT = {
    "that", "and", "but", "which", "who", "whom", "what", "as", "while", "when", "after", "before",
    "said", "says", "if", "because", "so", "or", "where", "than", "also", "then", "how", "why",
}
_OBJECTS = {"reporters", "journalists", "the", "press", "media", "a", "an", "news", "agency", "television",
            "tv", "parliament", "lawmakers", "him", "her", "them", "us", "me", "cnn", "bbc"}
_QUOTES = {"\u201c", "\u201d", '"', "\u2018", "\u2019", "'"}


class Attribution(NamedTuple):
    speaker: str | None
    verb: int  # word index of the speech verb (or of "according")
    subject: tuple[int, int]  # word range of the speaker phrase
    content: tuple[int, int]  # word range the speaker is responsible for
    sentence: int


def _np_left(ws: list[Word], end: int, floor: int) -> tuple[int, int] | None:
    """The noun phrase ending just before ``end`` (walking left), as a word range."""
    i = end - 1
    while i >= floor and ws[i].text in ("[", "]"):
        i -= 1  # Markdown links: "[said in a statement](#)"
    while i >= floor and ws[i].norm in _TIME_WORDS and ws[i].kind == "word" and not ws[i].text[:1].isupper():
        i -= 1
    while i >= floor and ws[i].kind == "word" and ws[i].text[:1].isupper() and ws[i].norm in _TIME_WORDS:
        i -= 1  # "said Monday" -> skip weekday after subject
    if i >= floor and ws[i].text == ",":
        # appositive: "Putin, speaking to journalists in Sochi, said"; but in "His treasury
        # secretary, Scott Bessent, said" the part between the commas is the name itself
        j = i - 1
        while j >= floor and ws[j].text != ",":
            j -= 1
        if j <= floor:
            return None
        inner = [w for w in ws[j + 1:i] if w.kind == "word"]
        if inner and len(inner) <= 4 and all(w.text[:1].isupper() for w in inner):
            return j + 1, i
        i = j - 1
    last = i + 1
    words = 0
    while i >= floor:
        w = ws[i]
        if w.kind == "word" and w.norm not in _STOP_LEFT:
            words += 1
        elif w.text == "." and i > floor and w.start == ws[i - 1].end and len(ws[i - 1].text) <= 3:
            pass  # "Mr." "U.S."
        else:
            break
        if words > 7:
            return None
        i -= 1
    first = i + 1
    if first < last and ws[last - 1].norm in _PRONOUNS:
        return last - 1, last  # "what he termed" -> "he"
    return (first, last) if first < last else None


_PRONOUNS = {"he", "she", "they", "it", "we", "i"}


def _np_right(ws: list[Word], start: int, ceiling: int) -> tuple[int, int] | None:
    """The noun phrase right after a verb ("said the Russian president"), when it starts like one."""
    if start >= ceiling:
        return None
    titled = start + 1 < ceiling and ws[start + 1].text[:1].isupper() and (
        ws[start].norm in load_names().role_words)  # "said captain Ana Ruiz"
    if not (ws[start].text[:1].isupper() or ws[start].norm in ("the", "he", "she") or titled):
        return None
    i = start
    while i < ceiling and (ws[i].kind == "word" or (ws[i].text == "." and ws[i].start == ws[i - 1].end)):
        if ws[i].kind == "word" and ws[i].norm in _STOP_LEFT | _PREPOSITIONS and i > start \
                and not (len(ws[i].text) > 2 and ws[i].text.isupper()):  # "the WHO": an acronym, not "who"
            break
        i += 1
        if i - start > 7:
            break
    return (start, i) if i > start else None


def _source_right(ws: list[Word], start: int, ceiling: int, lexicon: Lexicon) -> tuple[int, int] | None:
    """"according to public statements by officials" -> "officials"."""
    for k in range(start, min(ceiling, start + 8)):
        if ws[k].kind != "word":
            return None
        if ws[k].norm in lexicon.unnamed:
            return k, k + 1
    return None


def _content(ws: list[Word], s: Sentence, verb_end: int, subject: tuple[int, int], direct: bool) -> tuple[int, int]:
    """What the speaker is responsible for: after a reporting verb ("said (that) ...", "described
    ... as “...”" only from "that", a colon or a quotation mark on), or before a closing "X said"."""
    i = verb_end
    while i < s.last and (ws[i].norm in _TIME_WORDS or ws[i].norm in _OBJECTS) and ws[i].kind == "word":
        i += 1
    if i < s.last and ws[i].text in (",", ":"):
        i += 1
    if i < s.last and ws[i].norm == "that":
        return i + 1, s.last
    nxt = ws[i] if i < s.last else None
    if direct and nxt is not None and nxt.text in _QUOTES:
        return i, s.last
    if not direct:
        for k in range(i, s.last):
            if ws[k].norm == "that" or ws[k].text == ":":
                return k + 1, s.last
            if ws[k].text in _QUOTES:  # "described it as “very useful”": only the quote
                end = next((m for m in range(k + 1, s.last) if ws[m].text in _QUOTES
                            or (len(ws[m].text) > 1 and ws[m].text[-1] in "\u2019'")), s.last)
                return k, end + 1
        return verb_end, verb_end
    if nxt is not None and nxt.kind in ("word", "num") and nxt.norm not in _PREPOSITIONS:
        return i, s.last
    if nxt is not None and nxt.norm in _PREPOSITIONS:
        # "said in a post on X that ...": a "that" close by still opens the content
        for k in range(i, min(s.last, i + 12)):
            if ws[k].norm == "that":
                return k + 1, s.last
            if ws[k].text in (",", ";"):
                break
    if subject[0] > s.first:
        return s.first, subject[0]
    return verb_end, verb_end


def _body(text: str, bodies: dict[str, str]) -> str:
    """A body's name, remembered by its last two words so "the air force" finds "Ukraine's air force"."""
    key = " ".join(text.lower().replace("'s", "").split()[-2:])
    if key in bodies and len(bodies[key]) >= len(text):
        return bodies[key]
    bodies[key] = text
    return text


def _speaker(people: People, lexicon: Lexicon, ws: list[Word], np: tuple[int, int], last_speaker,
             bodies: dict[str, str] | None = None, headline: bool = False) -> str | None:
    first, last = np
    for k in range(last - 1, first - 1, -1):
        ent = people.at(k)
        if ent is not None:
            return ent.name
    norms = [w.norm for w in ws[first:last]]
    if not norms:
        return None
    if len(norms) == 1 and norms[0] in lexicon.pronouns:
        return last_speaker or (people.before(first).name if people.before(first) else None)
    words = [w for w in ws[first:last] if w.kind == "word"]
    if words and words[0].norm in ("the", "a", "an"):
        words = words[1:]
    if not words:
        return None
    head = words[-1].norm
    role = next((r for r, titles in lexicon.roles.items() if head == r or head in titles), None)
    if role is not None and not words[-1].text[:1].isupper() or (role and len(words) <= 3):
        modifiers = [w.norm for w in words[:-1] if w.text[:1].isupper()]
        ent = people.by_role(first, role, modifiers)
        if ent is not None:
            return ent.name
    if head in lexicon.pronouns or head in ("it", "they"):
        return None
    bodies = {} if bodies is None else bodies
    determined = first < len(ws) and ws[first].norm in ("the", "a", "an")
    if determined and ws[first].norm == "the" and _person_noun(words[-1]) and \
            not any(w.text.endswith(("'s", "\u2019s")) for w in words):
        near = _nearby_person(people, first, [w.norm for w in words[:-1] if w.text[:1].isupper()])
        if near is not None:
            return near  # "Ana Ruiz arrived. “...,” the fire chief said": the person just named
    if not any(w.text[:1].isupper() for w in words):
        key = " ".join(w.norm for w in words[-2:])
        if key in bodies:
            return bodies[key]  # "the air force" after "Ukraine's air force"
        if head in lexicon.unnamed:
            return " ".join(w.text for w in words)
        if determined and any(w.text.endswith(("'s", "\u2019s")) for w in words[:-1]):
            return _body(" ".join(w.text for w in words).replace("\u2019", "'"), bodies)  # "the city's finance office"
        return None  # "the post", "that compromise": not a speaker we can name
    if not determined and all(w.text[:1].isupper() and not w.text.endswith(("'s", "\u2019s")) for w in words):
        if headline:
            return None  # in a title-case headline ("Planned Monday Call") capitals name nothing
        norms = [w.norm for w in words]
        k = 0
        while k < len(norms) - 1 and lexicon.titles.match(norms, k):
            k += lexicon.titles.match(norms, k)[1]
        return " ".join(w.text for w in words[k:]) or None  # "Councillor Tomás Reyes" -> "Tomás Reyes"
    text = " ".join(w.text for w in words).replace("\u2019", "'")
    return _body(text, bodies)


def _person_noun(w: Word) -> bool:
    """A lower-case head noun that names a person's role ("coach", "specialist", "president")."""
    if not w.text[:1].islower():
        return False
    return w.norm in load_names().role_words or w.norm.endswith(("ist", "ists")) and len(w.norm) > 5


def _nearby_person(people: People, first: int, modifiers: list[str] = ()) -> str | None:
    """The person a definite description at word ``first`` refers back to ("the national coach"):
    the one person named in its paragraph, else in it and the one before, or, among several, the one named last
    whose descriptors fit the description's capitalised ``modifiers`` ("Russian" ~ "Russia");
    else None."""
    words = people.words
    here = words.sentences[words.sentence_of(first)].paragraph
    windows = person_windows(people)
    if windows is not None:  # (by bisection over the mentions in text order, not a scan of all)
        ent = windows.nearby(first, here, (lambda e: all(any(_stem(m, d) for d in e.descriptors) for m in modifiers))
                             if modifiers else None)
        return ent.name if ent is not None else None
    near = [(m_first, ent) for m_first, _m_last, ent in people.mentions if m_first < first
            and ent.kind == "person" and here - words.sentences[words.sentence_of(m_first)].paragraph <= 1]
    for window in ([m for m in near if words.sentences[words.sentence_of(m[0])].paragraph == here], near):
        if len({id(ent) for _, ent in window}) == 1:
            return window[0][1].name
    fits = [(m_first, ent) for m_first, ent in near if modifiers and all(
        any(_stem(m, d) for d in ent.descriptors) for m in modifiers)]
    return max(fits, key=lambda m: m[0])[1].name if fits else None


def _stem(a: str, b: str) -> bool:
    """"russian" ~ "russia": the same word or a shared stem of four letters or more."""
    n = next((k for k, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
    return a == b or (n >= 4 and n >= min(len(a), len(b)) - 3)


def _sentence_subject(people: People, s: Sentence, limit: int = 5) -> str | None:
    """The person a sentence is about: the first one named, not as a possessive, within its first
    ``limit`` words (its grammatical subject, titles included)."""
    ws, kinds, at = people.words.words, people.words.kinds, people.at
    seen = 0
    for k in range(s.first, s.last):
        ent = at(k)
        if ent is None:
            if kinds[k] == "word":  # a name of several words counts once
                seen += 1
                if seen > limit:
                    break
        elif not ws[k].text.endswith(("'s", "\u2019s")) and at(k + 1) is not ent:
            return ent.name
    return None


def find_attributions(words: Words, people: People, lexicon: Lexicon,
                      quoted: list[tuple[int, int]] = ()) -> list[Attribution]:
    """Every attribution in the article, in order; speech verbs inside ``quoted`` word ranges are
    part of someone's words, not attributions."""
    inside = set()
    for first, last in quoted:
        inside.update(range(first, last))
    finder = _Finder(words, people, lexicon)
    # only the words that can start a speech verb or "according to" are looked at: found in one
    # pass over the article's norms, then each sentence takes its own (sentences are in word order)
    starts = lexicon.speech.firsts | {"according"}
    candidates = list(compress(range(len(words.norms)), map(starts.__contains__, words.norms)))
    last_paragraph = -1
    for si, s in enumerate(words.sentences):
        if s.paragraph > last_paragraph + 2:
            finder.last_speaker = None  # more than two paragraph breaks since the last sentence
        last_paragraph = s.paragraph
        lo, hi = bisect_left(candidates, s.first), bisect_left(candidates, s.last)
        finder.sentence(si, s, inside, candidates[lo:hi])
    return finder.out


class _Finder:
    """The walk over an article's sentences: the attributions found so far, the bodies named so far
    and the last speaker (for "he" and for quotes without a verb of their own)."""

    def __init__(self, words: Words, people: People, lexicon: Lexicon):
        self.ws = words.words
        self.norms = words.norms
        self.people = people
        self.lexicon = lexicon
        self.out: list[Attribution] = []
        self.bodies: dict[str, str] = {}
        self.last_speaker: str | None = None

    def sentence(self, si: int, s: Sentence, inside: set[int], candidates: list[int]) -> None:
        """Add the attributions of sentence ``si`` (words in ``inside`` are quoted words), from
        ``candidates``: its words that can start a speech verb or "according to", in order."""
        subject = _sentence_subject(self.people, s)
        if subject:
            self.last_speaker = subject
        norms = self.norms
        i, headline = s.first, None
        for k in candidates:
            if k < i or k in inside:
                continue
            if norms[k] == "according" and k + 1 < s.last and norms[k + 1] == "to":
                self.according(si, s, k)
                i = k + 2
            else:
                if headline is None:  # worked out for a sentence with a verb only
                    headline = title_case(self.ws, s.first, s.last)
                i = self.verb(si, s, k, headline)

    def according(self, si: int, s: Sentence, i: int) -> None:
        """"according to X" at word ``i``: X covers the whole sentence."""
        np = _np_right(self.ws, i + 2, s.last) or _source_right(self.ws, i + 2, s.last, self.lexicon)
        if np:
            speaker = _speaker(self.people, self.lexicon, self.ws, np, self.last_speaker, self.bodies)
            self.out.append(Attribution(speaker, i, np, (s.first, s.last), si))
            self.last_speaker = speaker or self.last_speaker

    def verb(self, si: int, s: Sentence, i: int, headline: bool) -> int:
        """The attribution whose speech verb starts at word ``i``, if one does; returns the index
        where the walk goes on."""
        ws, norms = self.ws, self.norms
        hit = None
        if norms[i] in self.lexicon.speech.firsts and ws[i].kind == "word":
            hit = self.lexicon.speech.match(norms, i)
        if hit is not None and ws[i].text[:1].isupper() and not headline:
            hit = None  # "the United States": a capital is a name, not a verb
        if hit is None:
            return i + 1
        np, speaker, verb_end = self.subject(si, s, i, i + hit[1])
        if np is None:
            return verb_end
        speaker = speaker or _speaker(self.people, self.lexicon, ws, np, self.last_speaker, self.bodies, headline)
        content = _content(ws, s, verb_end, np, norms[i] in self.lexicon.direct_speech)
        if np[0] >= verb_end - 1 and np[0] > i:  # "..., said X": content is what came before
            content = (s.first, i)
        self.out.append(Attribution(speaker, i, np, content, si))
        if speaker:
            self.last_speaker = speaker
        return verb_end

    def subject(self, si: int, s: Sentence, i: int, verb_end: int
                ) -> tuple[tuple[int, int] | None, str | None, int]:
        """Who speaks through the verb at words [i, verb_end): (their word range or None, their name
        when already known, the end of the verb phrase, past a speaker that follows the verb)."""
        ws, norms = self.ws, self.norms
        np = _np_left(ws, i, s.first)
        speaker = None
        if norms[i].endswith("ing") and i > s.first and ws[i - 1].text == ",":
            # "Mr. Trump offered a take on the call, saying it ...": the sentence's subject
            named = _sentence_subject(self.people, s, i - s.first) or next(
                (self.people.at(k).name for k in range(s.first, i) if self.people.at(k)), None)
            if named:
                np, speaker = (i, i), named
        if np is None and i > s.first and norms[i - 1] in ("and", "but"):
            # "Putin concluded that ..., but added that ...": the subject is the earlier one
            same = [a for a in self.out if a.sentence == si]
            if same:
                np, speaker = same[-1].subject, same[-1].speaker
        elif np is None or ws[i - 1].text in _QUOTES:
            # "“...,” said Putin": the speaker follows the verb
            right = _np_right(ws, verb_end, s.last)
            if right:
                np = right
                verb_end = right[1]
        return np, speaker, verb_end
