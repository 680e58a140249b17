"""extractor/entities.py and names.py: people found as a reader finds them, named things, and
names compared across scripts, diacritics and romanisations (articles written for these tests)."""

from __future__ import annotations

import pytest
from extract_kit import lexicon, words_of
from hypothesis import given
from hypothesis import strategies as st

from checker.extractor.names import given_compatible, load_names, same_name, variant
from checker.extractor.people import find_people


def found(text: str) -> dict[str, tuple[str, set[str]]]:
    """Entity name -> (kind, titles and roles), for every entity of the text."""
    people = find_people(words_of(text), lexicon())
    return {e.name: (e.kind, e.titles) for e in people.entities.values()}


@pytest.mark.parametrize(("text", "name", "role"), [
    ("Ana Ruiz, the city's fire chief, said the blaze was out.", "Ana Ruiz", "chief"),
    ("Tomas Brek, a volunteer firefighter, said the roof fell in.", "Tomas Brek", "volunteer firefighter"),
    ("The union's president, Carl Moody, had threatened a strike.", "Carl Moody", "president"),
    ("\"We are ready,\" said Lena Fischer, head of the port authority.", "Lena Fischer", "head"),
    ("Spain's coach Luis de la Fuente praised the team.", "Luis de la Fuente", "coach"),
    ("The final was refereed by Frenchman Paul Girard on Sunday.", "Paul Girard", "frenchman"),
    ("Maj. Gen. Ruth Calder arrived on Monday.", "Ruth Calder", "gen"),
    ("Gov. Tom Lee visited the site.", "Tom Lee", None),
    ("State epidemiologist Karin Holm spoke to reporters.", "Karin Holm", "epidemiologist"),
])
def test_detection_forms(text, name, role):
    kind, titles = found(text)[name]
    assert kind == "person"
    assert role is None or role in titles


def test_a_name_without_title_or_verb_is_a_person_when_its_words_are_never_common_words():
    assert found("Later the ball reached Marco Verdi near the post.")["Marco Verdi"][0] == "person"


@pytest.mark.parametrize("text", [
    "The Kremlin said the talks would go on.",
    "Reuters reported the deal on Friday.",
    "Saint Mary Hospital said it had room.",
    "King Charles XIV ruled.",
])
def test_bodies_and_numerals_are_no_people(text):
    people = {n for n, (kind, _) in found(text).items() if kind == "person"}
    assert not people & {"Kremlin", "Reuters", "Saint Mary Hospital", "Charles XIV", "XIV"}


@pytest.mark.parametrize(("text", "name", "kind"), [
    ("Water from the Varella river flooded the road.", "Varella", "river"),
    ("Rescuers reached the village of Oakby at noon.", "Oakby", "place"),
    ("Pupils of the Saint Anne school were sent home.", "Saint Anne", "school"),
    ("The Arctic Dawn ship sank near the coast.", "Arctic Dawn", "ship"),
    ("Police closed roads around Brenford after the storm.", "Brenford", "name"),
])
def test_named_things(text, name, kind):
    assert found(text)[name][0] == kind


def test_a_misspelt_surname_joins_the_person_of_the_article():
    people = find_people(words_of("Mayor Robert Kellermann spoke. Kellerman had said so before."), lexicon())
    assert [e.name for e in people.entities.values() if e.kind == "person"] == ["Robert Kellermann"]
    assert len(people.mentions) == 2


@pytest.mark.parametrize(("a", "b", "kind"), [
    ("Tchaikovsky", "Chaikovsky", "transliteration"),
    ("Khodorkovsky", "Hodorkovsky", "transliteration"),
    ("Papadimitriou", "Papadhimitriu", "transliteration"),
    ("Ibáñez", "Ibanez", "diacritic"),
    ("Dupont", "Dupond", "misspelling"),
    ("Kellermann", "Kellerman", "misspelling"),
    ("Varella", "Valrela", "misspelling"),  # two letters swapped
])
def test_one_name_and_how_its_spellings_differ(a, b, kind):
    assert same_name(a, b) and variant(a, b) == kind


@pytest.mark.parametrize(("a", "b"), [("Johnson", "Johnston"), ("Austria", "Australia"),
                                      ("Georgia", "Georgian"), ("Martin", "Martini"), ("Genoa", "Geneva")])
def test_different_names_stay_apart(a, b):
    assert not same_name(a, b)


@pytest.mark.parametrize(("a", "b", "one"), [
    ("Bill", "William", True), ("Rob", "Robert", True), ("V", "Viktor", True),
    ("Stasia", "Anastasia", True), ("Vladimir", "Volodymyr", False), ("Pedro", "Pablo", False),
])
def test_given_names_of_one_person(a, b, one):
    assert given_compatible(a, b, load_names()) is one


def test_speakers_written_two_ways_are_one_speaker_but_two_given_names_are_two():
    from checker.comparators.names import cluster_speakers

    canon = cluster_speakers([("olena", "kovalenko"), ("kovalenco",)])
    assert canon[("kovalenco",)] == canon[("olena", "kovalenko")] == ("olena", "kovalenko")
    canon = cluster_speakers([("olena", "kovalenko"), ("marta", "kovalenco")])
    assert canon[("marta", "kovalenco")] != canon[("olena", "kovalenko")]


@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=14),
       st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=14))
def test_same_name_reads_jaro_winkler_as_rapidfuzz_does(a, b):
    """same_name takes Jaro-Winkler from jellyfish (rapidfuzz is imported only past it): on the folded
    names it reads (never empty) the two agree."""
    import jellyfish
    from rapidfuzz.distance import JaroWinkler

    assert jellyfish.jaro_winkler_similarity(a, b) == JaroWinkler.similarity(a, b)


def test_accented_latin_letters_are_read_as_anyascii_reads_them():
    """names._ascii skips anyascii for a letter Unicode decomposes into an ASCII letter and accents:
    for every such character, what is left is anyascii's reading."""
    import sys
    import unicodedata

    from anyascii import anyascii

    from checker.extractor.names import _ascii

    checked = 0
    for code in range(0x80, sys.maxunicode + 1):
        c = chr(code)
        if unicodedata.category(c) == "Mn":
            continue
        letters = "".join(x for x in unicodedata.normalize("NFD", c) if unicodedata.category(x) != "Mn")
        if letters.isascii():
            assert _ascii(c) == anyascii(c), (hex(code), _ascii(c), anyascii(c))
            checked += 1
    assert checked > 400
    assert _ascii("ø ß") == anyascii("ø ß")  # no decomposition: anyascii's own reading
