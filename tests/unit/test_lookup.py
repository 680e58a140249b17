"""The positional indexes of extraction give what the scans they replace give: on random lists of
attributions, quote spans and mentions in text order (and out of order, where the plain scan is
kept), each look-up against the filter over the whole list."""

from __future__ import annotations

from dataclasses import dataclass

from hypothesis import given, settings
from hypothesis import strategies as st

from checker.extractor.lookup import AttributionIndex, SpeakerIndex, fitting_mentions, person_windows


@dataclass
class _A:  # an attribution's fields the indexes read
    speaker: str | None
    verb: int
    subject: tuple[int, int]
    content: tuple[int, int]
    sentence: int


@dataclass
class _S:
    first: int
    last: int
    paragraph: int = 0


@dataclass
class _Q:
    first: int
    last: int


class _Words:
    """Sentences of 5 words, paragraphs of 3 sentences."""

    def __init__(self, n: int = 60):
        self.sentences = [_S(5 * s, 5 * s + 5, s // 3) for s in range(n)]

    def sentence_of(self, i: int) -> int:
        return min(i // 5, len(self.sentences) - 1)


@dataclass(eq=False)
class _Ent:
    name: str
    kind: str = "person"


class _People:
    def __init__(self, mentions):
        self.words = _Words()
        self.mentions = mentions


@st.composite
def _attributions(draw, ordered: bool):
    n = draw(st.integers(0, 12))
    verbs = draw(st.lists(st.integers(0, 290), min_size=n, max_size=n))
    if ordered:
        verbs.sort()
    out = []
    for v in verbs:
        c0 = draw(st.integers(max(0, v - 8), v + 8))
        out.append(_A(draw(st.sampled_from([None, "A", "B"])), v, (v, v + 2), (c0, c0 + draw(st.integers(0, 12))), v // 5))
    return out


@settings(max_examples=200, deadline=None)
@given(st.booleans().flatmap(_attributions), st.integers(0, 299), st.integers(0, 59), st.integers(0, 3))
def test_the_attribution_index_holds_every_attribution_a_scan_accepts(attrs, word, sentence, span):
    words = _Words()
    index = AttributionIndex(attrs, words)
    assert [a for a in index.covering(word) if a.content[0] <= word < a.content[1]] == \
        [a for a in attrs if a.content[0] <= word < a.content[1]]
    last = min(sentence + span, 59)
    assert index.in_sentences(sentence, last) == [a for a in attrs if sentence <= a.sentence <= last]
    paragraph = words.sentences[words.sentence_of(word)].paragraph

    def accepted(a):
        return a.verb < word and words.sentences[a.sentence].paragraph in (paragraph, paragraph - 1)

    assert [a for a in index.back_from(word, paragraph - 1) if accepted(a)] == \
        [a for a in reversed(attrs) if accepted(a)]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 200), st.integers(0, 6)), max_size=10), st.integers(0, 210),
       st.integers(0, 4), st.booleans())
def test_the_quotes_around_a_word_hold_the_first_quote_a_scan_finds(spans, first, length, overlap):
    if not overlap:  # quotes as find_quotes gives them: in order, none inside another
        spans, at = [], 0
        for gap, size in sorted(spans):
            spans.append((at + gap, at + gap + size))
            at += gap + size + 1
    quotes = [_Q(a, a + b) if overlap else _Q(a, b) for a, b in spans]
    speakers = [f"s{k}" for k in range(len(quotes))]
    index = SpeakerIndex(quotes, speakers, [])
    last = first + length

    def scan(pairs):
        return next((sp for q, sp in pairs if q.first <= first and last <= q.last), None)

    assert scan(index.quotes_around(first)) == scan(zip(quotes, speakers))


_PEOPLE = [_Ent("Ruiz"), _Ent("Berg"), _Ent("Cole"), _Ent("Acme", "organization")]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 290), st.sampled_from(range(4))), max_size=14), st.integers(0, 299),
       st.sets(st.sampled_from(["Ruiz", "Berg", "Cole", "Acme"])), st.booleans())
def test_people_near_a_word_are_those_the_scan_finds(raw, first, fitting, with_fits):
    mentions = [(m, m + 1, _PEOPLE[e]) for m, e in sorted(raw)]
    people = _People(mentions)
    words = people.words
    here = words.sentences[words.sentence_of(first)].paragraph

    def fits(ent):
        return ent.name in fitting

    # the scan _nearby_person replaced
    near = [(m, ent) for m, _l, ent in mentions if m < first and ent.kind == "person"
            and here - words.sentences[words.sentence_of(m)].paragraph <= 1]
    want = None
    for window in ([m for m in near if words.sentences[words.sentence_of(m[0])].paragraph == here], near):
        if len({id(ent) for _, ent in window}) == 1:
            want = window[0][1]
            break
    else:
        fit = [m for m in near if with_fits and fits(m[1])]
        want = max(fit, key=lambda m: m[0])[1] if fit else None
    assert person_windows(people).nearby(first, here, fits if with_fits else None) is want

    # the scan People.before keeps for a test without a key
    listed = fitting_mentions(people, "k", fits)
    k = sum(1 for m in listed[0] if m < first)
    assert (listed[1][k - 1] if k else None) is next(
        (ent for m, _l, ent in reversed(mentions) if m < first and fits(ent)), None)


def test_mentions_out_of_text_order_keep_the_scan():
    ruiz, berg = _Ent("Ruiz"), _Ent("Berg")
    people = _People([(20, 21, ruiz), (3, 4, berg)])
    assert person_windows(people) is None
    assert fitting_mentions(people, None, None) is None
