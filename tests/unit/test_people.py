"""extract/people.py: who is named in an article, the entity each mention resolves to, and
"the French leader" resolved through titles and descriptors."""

from __future__ import annotations

import pytest
from extract_kit import covered, index_of, lexicon, words_of

from checker.extractor.people import find_people, title_case


def people_of(text: str):
    words = words_of(text)
    return words, find_people(words, lexicon())


def entities(text: str) -> dict[str, tuple[str | None, set[str]]]:
    """Each entity's name -> (given name, titles)."""
    _, people = people_of(text)
    return {e.name: (e.given, e.titles) for e in people.entities.values() if e.kind == "person"}


def mentions(text: str) -> list[tuple[str, str]]:
    """(words of the mention, entity name), in the order of the text."""
    words, people = people_of(text)
    return [(covered(words, first, last), ent.name) for first, last, ent in people.mentions
            if ent.kind == "person"]


def test_a_titled_name_is_a_person_without_its_title_or_middle_initial():
    text = "Russian President Vladimir V. Putin spoke. Putin's aides agreed."
    _, people = people_of(text)
    (putin,) = people.entities.values()
    assert (putin.name, putin.surname, putin.given) == ("Vladimir Putin", "Putin", "Vladimir")
    assert putin.titles == {"president"}
    assert putin.descriptors == {"russian", "president"}
    assert mentions(text) == [("Vladimir V. Putin", "Vladimir Putin"), ("Putin's", "Vladimir Putin")]


@pytest.mark.parametrize(("text", "want"), [
    ("White House press secretary Karoline Leavitt said so.", {"Karoline Leavitt": ("Karoline", {"press secretary"})}),
    ("Secretary of State Ana Ruiz spoke.", {"Ana Ruiz": ("Ana", {"secretary of state"})}),
    ("Mr. Peskov declined to comment.", {"Peskov": (None, {"mr"})}),
    ("Bridget Brink said the talks failed.", {"Bridget Brink": ("Bridget", set())}),  # before a speech verb
    ("Eva Lind and Jose Ramos said no.", {"Jose Ramos": ("Jose", set()), "Eva Lind": ("Eva", set())}),
    ("Mayor Ana Ruiz of Lyon spoke.", {"Ana Ruiz": ("Ana", {"mayor"})}),  # a connector ends the name
])
def test_who_is_a_person(text, want):
    assert entities(text) == want


@pytest.mark.parametrize("text", [
    "Russia's Defense Ministry said 40 drones fell.",  # a body, not a person
    "Kyiv City Council voted on Monday.",  # capitals without a title or a speech verb
    "Ramos said no.",  # one capitalised word before a verb is not enough
    "On Monday, the talks began.",
    "Mayor Ana Ruiz Says Dam Held After Storm",  # a title-case headline: capitals say nothing
    "",
])
def test_who_is_not_a_person(text):
    assert entities(text) == {}


def test_the_longest_written_form_names_the_entity():
    text = "Prime Minister Ana Ruiz arrived. Later Prime Minister Ana Maria Ruiz left."
    assert [name for _, name in mentions(text)] == ["Ana Maria Ruiz", "Ana Maria Ruiz"]
    assert entities(text)["Ana Maria Ruiz"] == ("Ana Maria", {"prime minister"})


def test_surname_mentions_join_a_known_person_before_and_after_the_full_name():
    text = "Putin spoke first. Later, President Vladimir Putin left. Vladimir Putin returned."
    assert mentions(text) == [("Putin", "Vladimir Putin"), ("Vladimir Putin", "Vladimir Putin"),
                              ("Vladimir Putin", "Vladimir Putin")]


def test_a_surname_nobody_was_introduced_with_stays_unknown():
    assert mentions("Mayor Ana Ruiz arrived. Lopez left.") == [("Ana Ruiz", "Ana Ruiz")]


def test_at_and_before_look_up_mentions_by_word():
    words, people = people_of("Mayor Ana Ruiz met Chancellor Anna Berger in Lyon.")
    ruiz, berger = index_of(words, "Ruiz"), index_of(words, "Berger")
    assert people.at(ruiz).name == "Ana Ruiz" and people.at(berger).name == "Anna Berger"
    assert people.at(index_of(words, "met")) is None and people.at(index_of(words, "Lyon")) is None
    assert people.before(index_of(words, "in")).name == "Anna Berger"
    assert people.before(index_of(words, "in"), lambda e: "mayor" in e.titles).name == "Ana Ruiz"
    assert people.before(index_of(words, "Mayor")) is None


def test_a_role_resolves_to_the_nearest_earlier_person_whose_title_and_descriptors_fit():
    words, people = people_of("French President Henri Dubois met Chancellor Anna Berger. The French leader said no.")
    here = index_of(words, "leader")
    assert people.by_role(here, "leader", ["french"]).name == "Henri Dubois"
    assert people.by_role(here, "leader", []).name == "Anna Berger"  # the nearest one with a leader's title
    assert people.by_role(here, "president", []).name == "Henri Dubois"
    assert people.by_role(here, "leader", ["german"]) is None
    assert people.by_role(here, "spokesperson", []) is None


def test_a_descriptor_fits_by_its_stem():
    words, people = people_of("Ukraine President Olena Bondar spoke. The Ukrainian leader left.")
    assert people.by_role(index_of(words, "leader"), "leader", ["ukrainian"]).name == "Olena Bondar"


@pytest.mark.parametrize(("text", "headline"), [
    ("Trump Hails Very Productive Call With Putin", True),
    ("Trump hails a very productive call with Putin", False),
    ("Trump Hails Very Productive Call With Putin.", False),  # a headline carries no full stop
    ("Talks In Geneva", False),  # too short to tell
    ("", False),
])
def test_title_case(text, headline):
    words = words_of(text)
    assert title_case(words.words, 0, len(words.words)) is headline


def test_a_mention_ends_where_the_name_ends():
    assert mentions("Mayor Ana Ruiz of Lyon spoke.") == [("Ana Ruiz", "Ana Ruiz")]
