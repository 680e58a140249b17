"""A fact's identity on the project's own small articles, one set per capability: what must get one
key in every wording, and what must be kept apart (another event, a part, a conversion, a
superseded figure)."""

from __future__ import annotations

import pytest

from checker.extractor.facts import extract
from checker.model import Article


def keys(text: str, published: str = "2031-05-14") -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for f in extract(Article(id="a", path="a.md", text=text, outlet="T", published=published)).facts:
        out.setdefault(f.key, []).append(f.quantity.text)
    return out


@pytest.mark.parametrize("text", [
    "The factory fire killed 14 workers.",
    "Fourteen people died in the factory fire.",
    "The death toll from the factory fire stood at 14.",
    "Officials counted 14 deaths.",
    "Factory fire: 14 dead.",
    "The blaze kills 14.",
])
def test_casualty_words_give_one_key(text):
    found = keys(text)
    assert any(k.endswith(".killed") for k in found), found


def test_one_class_for_people_and_its_synonyms():
    a = keys("At least 30 people were injured.")
    b = keys("Thirty victims were injured, doctors said.")
    assert "person.injured" in a and "person.injured" in b


def test_the_verb_of_its_own_clause():
    found = keys("Rescuers said 14 were killed and 35 were injured at the plant.")
    assert found.get("person.killed") == ["14"] and found.get("person.injured") == ["35"], found


@pytest.mark.parametrize("text,key", [
    ("Twelve people are still missing.", "person.missing"),
    ("About 600 residents were evacuated overnight.", "person.evacuated"),
    ("Nine people were pulled out alive.", "person.rescued"),
    ("Some 2,000 dockworkers went on strike.", "worker.striking"),
])
def test_state_and_rescue_words(text, key):
    assert key in keys(text), keys(text)


def test_a_vigil_is_no_arrest_and_a_fire_no_launch():
    found = keys("Neighbours held a vigil for 14 workers after the fire at the plant.")
    assert not any(k.endswith((".arrested", ".launched")) for k in found), found


def test_background_figures_of_another_event_are_not_facts():
    found = keys("The storm killed 40 people. The 1999 storm, the worst on record, killed about 600. "
                 "Three weeks earlier, a flood killed 12 people in the south.")
    assert found.get("person.killed") == ["40 people"], found


def test_a_full_date_of_this_year_or_last_is_not_background():
    found = keys("On 30 December 2030, the storm killed 40 people.", published="2031-01-02")
    assert "person.killed" in found


def test_a_superseded_figure_is_not_a_claim():
    found = keys("Officials raised the toll to 51 from 53. The count was revised from an earlier count of 40.")
    assert [t for ts in found.values() for t in ts if t in ("53", "40")] == [], found


def test_a_conversion_is_one_fact():
    found = keys("The epicentre was 80 km (50 miles) from the city.")
    assert [t for ts in found.values() for t in ts] == ["80 km"], found


def test_a_part_is_kept_apart_from_the_whole():
    found = keys("The fire killed 31 people. Of the dead, 12 were in the north and 19 in the capital.")
    assert found.get("person.killed") == ["31 people"], found
    assert any(k.startswith("person.killed[") for k in found), found


def test_a_breakdown_takes_the_measure_of_its_total():
    found = keys("The deaths of 25 people are confirmed: 21 children and four adults.")
    assert "child.killed" in found and "adult.killed" in found, found


def test_an_age_in_apposition():
    assert "person.age[of=lima]" in keys("The driver, Ana Lima, 39, survived.")


def test_ordinals_and_clock_times():
    found = keys("The team won its fourth title. Kick-off was at 21:00.")
    assert any(k.endswith(".rank") for k in found) and any(k.endswith(".time") for k in found)


def test_a_past_year_a_figure_is_compared_with_or_an_aside_is_not_background():
    found = keys("The ministry has logged 9,100 cases this year, more than in the whole of 2029.")
    assert "case.count" in found, found
    found = keys("The strain, first detected in 2029, has infected 420 people so far.")
    assert "person.infected" in found, found
    found = keys("As a reminder, the council last cut fares in May 2029, when it set 40 new routes.")
    assert found == {}, found  # a fronted clause of a past month and year is still another time


def test_a_count_does_not_take_the_next_counts_words():
    found = keys("Officials have reported more than 9,100 cases and 320 deaths so far this year.")
    assert "case.killed" not in found and "case.count" in found and "person.killed" in found, found


def test_suspected_and_more_are_other_counts():
    found = keys("Officials confirmed 310 cases and more than 2,000 suspected cases. Rescuers found 12 more people.")
    assert "case.count" in found and "suspected-case.count" in found, found
    assert any(k.startswith("more-person") for k in found), found
    assert not any(k.startswith("more-") for k in keys("More than 40 people were hurt.")), "'more than' is a hedge"


def test_a_floor_verb_states_a_floor():
    facts = extract(Article(id="a", path="a.md", text="Flood toll crosses 60 in the valley.", outlet="T",
                            published="2031-05-14")).facts
    assert [(f.quantity.qualifier, f.quantity.low) for f in facts] == [("more_than", 60)]


def test_a_record_frame_is_no_length():
    assert not any(k.endswith(".duration") for k in keys("It is the first strike at the docks in almost 40 years."))


def test_a_crowd_and_spectators_are_one_attendance():
    a = keys("The final was watched by a crowd of 41,200.")
    b = keys("The final was played in front of almost 41,000 spectators.")
    assert "spectator.attended" in a and "spectator.attended" in b, (a, b)


def test_a_verb_used_as_a_noun_is_not_what_happened():
    found = keys("The minister would not end the strike by some 9,000 porters covered by the old contract.")
    assert "porter.covered" in found or "worker.covered" in found, found
    assert any(k.startswith("person.killed") for k in keys("Sadly, the deaths of 25 people at the school are confirmed."))


def test_a_short_aside_in_brackets_does_not_end_the_clause():
    found = keys("About 9,000 porters of the Harbour Porters Guild (HPG) downed tools on Monday.")
    assert any(k.endswith(".striking") for k in found), found


def test_an_aside_with_an_irregular_participle_does_not_date_the_sentence():
    found = keys("The stadium, built for the 1999 games, staged the final in front of 41,000 spectators.")
    assert "spectator.attended" in found, found


def test_a_hyphenated_participle_is_no_counted_noun():
    a = keys("Over 100 laboratory-confirmed strain B cases have been reported.")
    b = keys("Nearly 100 confirmed cases have been counted.")
    assert "case.count" in a and "case.count" in b, (a, b)
    assert "confirmed.count" not in a, a
    assert "protester.count" in keys("About 300 hard-pressed protesters gathered.")  # not a class noun: as read
    assert "worker.count" not in keys("One retired dock worker said the cracks were old.")  # a person, no count


def test_a_compound_noun_of_its_own_class_and_a_class_count_without_verb():
    a = keys("More than 500 rescue workers were at the scene.")
    b = keys("About 500 rescue workers, many of them volunteers, searched overnight.")
    c = keys("About 500 firefighters battled the blaze overnight.")
    assert "rescuer.deployed" in a and "rescuer.deployed" in b and "rescuer.deployed" in c, (a, b, c)
    assert "worker.count" in keys("About 500 workers gathered at the gates.")  # no class measure: a count
    assert "rescuer.injured" in keys("Twelve rescue workers were injured.")  # a verb says what happened


def test_a_count_for_a_whole_larger_than_a_country_is_its_own_scope():
    assert "person.killed[in=continent]" in keys("According to the agency, the continent has recorded 310 deaths.")
    assert "person.killed[in=continent]" in keys("Across the continent, 310 deaths have been recorded.")
    assert "person.killed[in=world]" in keys("Worldwide, 310 deaths have been recorded this year.")
    found = keys("The agency says 12 Asian countries have reported the virus, with 1,800 cases and 310 deaths.")
    assert "person.killed[in=countries]" in found and "case.count[in=countries]" in found, found
    # one country's count stays unscoped: a possessive, a name, a place the virus spread to
    assert "worker.covered" in keys("The group, whose members include the world's biggest carriers, says the "
                                    "contract covers about 25,000 workers.")
    assert "person.killed" in keys("The World Health Organization said 330 people died.")
    assert "case.count" in keys("The virus has spread to four countries, where nearly 100 cases have been counted.")
