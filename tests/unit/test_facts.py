"""Fact extraction on short articles about other stories than the seeds."""

from __future__ import annotations

import pytest

from checker.extractor.facts import extract
from checker.model import Article


def run(text: str, published: str | None = "2024-03-12"):
    return extract(Article(id="a", path="a.txt", text=text, outlet="Test", published=published))


def facts_by_key(text: str, **kw):
    return {f.key: f for f in run(text, **kw).facts}


def test_count_with_verb_speaker_and_overnight_date():
    text = ("Israel's military said on Tuesday that it had intercepted 45 rockets fired from Lebanon "
            "overnight, and that 12 soldiers were wounded.")
    facts = facts_by_key(text)
    assert facts["rocket.downed"].quantity.value == 45
    assert facts["rocket.downed"].speaker == "Israel's military"
    assert facts["rocket.downed"].date == "2024-03-12"
    assert facts["soldier.injured"].quantity.value == 12


def test_duration_of_an_event_and_hedge():
    text = ("The summit in Geneva lasted more than three hours, officials said. Chancellor Anna Berger "
            "described the meeting as \u201cconstructive\u201d.")
    facts = facts_by_key(text)
    q = facts["talks.duration"].quantity
    assert (q.qualifier, q.low, q.unit) == ("more_than", 3, "hour")


def test_compound_duration_names_its_event():
    facts = facts_by_key("Negotiators agreed a 60-day truce after a five-hour meeting in Doha.")
    assert facts["ceasefire.duration"].quantity.value == 60
    assert facts["talks.duration"].quantity.value == 5


def test_part_of_a_whole_inherits_the_noun():
    text = "Firefighters rescued 230 residents, 40 of whom were taken to hospital."
    keys = [f.key for f in run(text).facts]
    assert keys[0] == "person.rescued"
    assert keys[1].startswith("person.")


def test_quote_speaker_after_quote_and_pronoun():
    text = ("Prime Minister Maria Lopez visited the flooded town on Monday.\n\n"
            "\u201cWe will rebuild every home,\u201d she said. \u201cNobody will be left behind.\u201d")
    quotes = run(text).quotes
    assert [q.speaker for q in quotes] == ["Maria Lopez", "Maria Lopez"]


def test_according_to_and_role_resolution():
    text = ("French President Henri Dubois met the delegation in Paris. According to the French leader, "
            "at least 300 families lost their homes.")
    fact = run(text).facts[0]
    assert fact.key == "family.killed" or fact.key.startswith("family.")
    assert fact.speaker == "Henri Dubois"


def test_years_dates_and_framing_are_not_facts():
    text = ("Since 2019, the two leaders have met on May 3, 2023 and in 2021. The three-year-old "
            "program costs $4.5bn.")
    keys = [f.key for f in run(text).facts]
    assert "leader.count" not in keys
    assert all(not k.endswith(".count") for k in keys)
    assert any(f.quantity.unit == "USD" for f in run(text).facts)


def test_time_since_expressions_are_not_durations():
    text = "It was the first meeting in five years. Two days later, the talks resumed."
    assert run(text).facts == ()


def test_mentions_keep_spelling_and_given_name():
    text = ("Ukrainian President Volodymyr Zelenskyy spoke on Monday. Later Zelenskyy's office said "
            "the talks were useful.")
    mentions = run(text).mentions
    assert {m.surname for m in mentions} == {"Zelenskyy"}
    assert any(m.given == "Volodymyr" for m in mentions)


@pytest.mark.parametrize("text", ["", "\n\n", "\u201c", "He said", "\u201cunclosed quote", "1,000 each \u2019s"])
def test_odd_input_never_raises(text):
    run(text)


def test_elliptical_count_takes_the_noun_and_its_own_verb():
    text = "The quake killed at least 300 people and injured more than 1,200, officials said."
    facts = facts_by_key(text)
    assert facts["person.killed"].quantity.low == 300
    assert facts["person.injured"].quantity.low == 1200


def test_a_fractional_number_before_a_noun_is_a_scale_not_a_count():
    keys = [f.key for f in run("A magnitude 6.8 earthquake struck on Tuesday. A 2.5 earthquake followed.").facts]
    assert keys == ["earthquake.magnitude"]


def test_a_quote_beside_a_cease_fire_is_about_the_ceasefire():
    text = "Officials said the proposed cease-fire was \u201cfragile\u201d on Monday."
    assert [q.topic for q in run(text).quotes] == ["ceasefire"]
