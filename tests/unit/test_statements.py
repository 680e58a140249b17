"""Quotes as statements: sentences of a quote, content words of a translation, how a difference is
judged, the alignment's treatment of ends, and the speakers of colon-introduced statements and of
descriptions (comparators/statements.py, paraphrase.py, align.py; extractor/quotes.py,
attribution.py)."""

from __future__ import annotations

import pytest
from extract_kit import read

from checker.comparators.align import relate, words
from checker.comparators.names import cluster_speakers
from checker.comparators.paraphrase import content, overlap, shared
from checker.comparators.statements import judge, sentences, statement_of
from checker.extractor.quotes import speaker_for
from checker.model import Quote


def _quote(text: str, start: int = 100) -> Quote:
    return Quote(id="", article="a.md", speaker="Ana Ruiz", text=text, start=start, end=start + len(text))


def test_a_quote_is_cut_into_its_sentences_with_their_own_spans():
    q = _quote("Is the worst behind us? There is a strong chance. Mr. Berg agreed with the U.S. Army.")
    parts = sentences(q)
    assert [p.text for p in parts] == ["Is the worst behind us?", "There is a strong chance.",
                                       "Mr. Berg agreed with the U.S. Army."]
    for p in parts:
        assert q.text[p.start - q.start:p.end - q.start] == p.text
        assert statement_of(p) == statement_of(q) == "a.md@100"


def test_a_one_sentence_quote_is_itself():
    q = _quote("We will rebuild the bridge,")
    assert sentences(q) == [q]


def test_content_words_read_synonyms_and_suffixes_as_one():
    a = words("We are prepared to fight as long as necessary")
    b = words("We're ready to fight for as long as it is needed")
    assert content(a) == content(b)
    assert shared(words("rates rise"), words("the rate rises")) == 2


def test_overlap_is_of_the_shorter_wording():
    short, long = words("a girl alive in there"), words("there is a little girl down there who is alive")
    assert overlap(short, long) == 1.0
    assert overlap(words("the bridge will reopen"), words("the families deserve answers")) == 0.0


@pytest.mark.parametrize(("a", "b", "aligned", "want", "minor"), [
    ("the dam was inspected", "the dam was not inspected", True, "a change of negation", False),
    ("we opened three shelters", "we opened five shelters", True, "a change of number", False),
    ("it was very frank", "it was quite frank", True, "a change of intensity", False),
    ("a possible peace agreement", "a potential peace agreement", True, "a synonym swap", True),
    ("never has our town seen such damage", "our town has never seen damage like this", False,
     "a translation variant", True),
])
def test_a_difference_is_judged(a, b, aligned, want, minor):
    wa, wb = words(a), words(b)
    r = relate(wa, wb)
    assert judge(wa, wb, r.diff or "", aligned) == (want, minor)


def test_an_excerpt_with_a_change_keeps_its_similarity_but_a_shared_end_does_not():
    excerpt = relate(words("a memorandum on a possible future peace agreement"),
                     words("ready to work on a memorandum on a potential future peace agreement"))
    assert excerpt.similarity > 0.8
    dovetail = relate(words("the engineers warned us in march and i agree"),
                      words("and i do not believe the bridge will reopen this year"))
    assert dovetail.similarity < 0.4


def test_a_first_name_alone_joins_the_one_long_name_it_begins():
    canon = cluster_speakers([("kebede",), ("kebede", "tesfaye", "alemu")])
    assert canon[("kebede",)] == ("kebede", "tesfaye", "alemu")
    two = cluster_speakers([("kebede",), ("kebede", "tesfaye", "alemu"), ("kebede", "girma", "bekele")])
    assert two[("kebede",)] == ("kebede",)  # two people it could be: left alone


def _speakers(text: str) -> list[str | None]:
    r = read(text)
    out, previous = [], None
    for q in r.quotes:
        s = speaker_for(q, r.words, r.attributions, previous, r.people.at)
        previous = (r.words.sentences[r.words.sentence_of(q.first)].paragraph, s)
        out.append(s)
    return out


@pytest.mark.parametrize(("text", "want"), [
    ('Finance Minister Jonas Berg, asked about the delay: "There is a strong chance."', ["Jonas Berg"]),
    ('His deputy, Mayor Ana Ruiz, set out her position in a statement: "We will rebuild."', ["Ana Ruiz"]),
    ('Jonas Berg arrived late. "We lost by fine margins," the national coach said.', ["Jonas Berg"]),
    ('"We lost by fine margins," said captain Ana Ruiz.', ["Ana Ruiz"]),
    ('Mayor Ana Ruiz visited the site. "We will rebuild," she said.', ["Ana Ruiz"]),
])
def test_speakers_of_colon_statements_descriptions_and_titles(text, want):
    assert _speakers(text) == want


def test_a_description_does_not_reach_back_past_a_paragraph():
    text = 'Jonas Berg arrived late.\n\nThe rain stopped.\n\nThe roads opened.\n\n"We lost," the national coach said.'
    assert _speakers(text) != ["Jonas Berg"]


def test_quote_and_attribution_findings_show_their_wordings_side_by_side(tmp_path):
    from checker import check
    from checker.report.records import wordings

    a = tmp_path / "a.md"
    b = tmp_path / "b.md"
    a.write_text('---\noutlet: Daily A\n---\n\n"We have opened three shelters in the valley," Mayor Ana Ruiz said.\n'
                 '\n"We will not leave a single family without a roof," Mayor Ana Ruiz said.\n', encoding="utf-8")
    b.write_text('---\noutlet: Daily B\n---\n\n"We have opened five shelters in the valley," Mayor Ana Ruiz said.\n'
                 '\n"We will not leave a single family without a roof," Governor Lea Moss said.\n', encoding="utf-8")
    report = check([str(tmp_path)])
    by_type = {f.type: f for f in report.findings}
    quote = wordings(by_type["quote"])
    assert sorted((w.speakers, w.outlets) for w in quote) == [(("Ana Ruiz",), ("Daily A",)), (("Ana Ruiz",), ("Daily B",))]
    [three] = [w for w in quote if "three" in w.label]
    assert three.places[0].endswith("a.md:5:2")
    who = wordings(by_type["attribution"])
    assert sorted(w.speakers for w in who) == [("Ana Ruiz",), ("Lea Moss",)]


def test_a_description_among_several_people_is_not_guessed():
    text = 'Ana Ruiz met Jonas Berg on Monday.\n\n"We will rebuild," the Estonian coach said.'
    assert _speakers(text)[0] not in ("Ana Ruiz", "Jonas Berg")
