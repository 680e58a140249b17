"""extract/attribution.py: who said what, in each form the module names, and the words each
speaker is responsible for."""

from __future__ import annotations

import pytest
from extract_kit import covered, lexicon, read

from checker.extractor.attribution import find_attributions


def said(text: str) -> list[tuple[str | None, str, str, str]]:
    """(speaker, verb, subject words, content words) of each attribution in ``text``."""
    r = read(text)
    w = r.words
    return [(a.speaker, w.words[a.verb].text, covered(w, *a.subject), covered(w, *a.content)) for a in r.attributions]


@pytest.mark.parametrize(("text", "want"), [
    ("Mayor Ana Ruiz said that 40 homes were lost.",
     ("Ana Ruiz", "said", "Mayor Ana Ruiz", "40 homes were lost.")),
    ("40 homes were lost, Mayor Ana Ruiz said.",  # the attribution closes the sentence
     ("Ana Ruiz", "said", "Mayor Ana Ruiz", "40 homes were lost,")),
    ("The dam held, Mayor Ana Ruiz said Monday.",  # a weekday after the verb is not the speaker
     ("Ana Ruiz", "said", "Mayor Ana Ruiz", "The dam held,")),
    ("Mayor Ana Ruiz said in a statement that the dam held.",
     ("Ana Ruiz", "said", "Mayor Ana Ruiz", "the dam held.")),
    ("Mayor Ana Ruiz described the repairs as “very useful”.",  # only the quoted words
     ("Ana Ruiz", "described", "Mayor Ana Ruiz", "“very useful”")),
    ("Officials said 40 homes were lost.",
     ("Officials", "said", "Officials", "40 homes were lost.")),
])
def test_a_speaker_before_the_verb(text, want):
    assert said(text) == [want]


def test_a_speaker_after_the_verb():
    ((speaker, verb, subject, content),) = said("“We will rebuild,” said Mayor Ana Ruiz.")
    assert (speaker, verb) == ("Ana Ruiz", "said")
    assert subject.startswith("Mayor Ana Ruiz")
    assert content.startswith("“We will rebuild,”")


def test_according_to_covers_its_whole_sentence():
    text = "According to officials, 40 homes were lost."
    assert said(text) == [("officials", "According", "officials", text)]
    text = "According to public statements by officials, the dam held."  # the source further on
    assert said(text) == [("officials", "According", "officials", text)]
    text = "40 homes were lost, according to Mayor Ana Ruiz."
    assert [(s[0], s[1], s[3]) for s in said(text)] == [("Ana Ruiz", "according", text)]


def test_told_reporters_reports_what_follows():
    assert said("Mayor Ana Ruiz told reporters that the dam held.") == [
        ("Ana Ruiz", "told", "Mayor Ana Ruiz", "the dam held.")]


def test_an_appositive_between_commas():
    assert [s[:3] for s in said("Mayor Ana Ruiz, speaking to reporters in Lyon, said the dam held.")] == [
        ("Ana Ruiz", "said", "Mayor Ana Ruiz")]
    assert [s[:3] for s in said("Her deputy, Tomas Reyes, said the dam held.")] == [
        ("Tomas Reyes", "said", "Tomas Reyes")]  # between the commas is the name itself


def test_a_title_is_not_part_of_the_speakers_name():
    assert [s[0] for s in said("Councillor Tomás Reyes said the dam held.")] == ["Tomás Reyes"]


def test_pronouns_and_roles_resolve_to_people_named_before():
    assert said("Mayor Ana Ruiz arrived. She said the dam held.")[0][:3] == ("Ana Ruiz", "said", "She")
    text = "French President Henri Dubois arrived. The French leader said the dam held."
    assert said(text)[0][:3] == ("Henri Dubois", "said", "The French leader")
    assert said("Mayor Ana Ruiz arrived. The repairs were what she termed a success.")[0][:3] == (
        "Ana Ruiz", "termed", "she")


def test_a_pronoun_with_nobody_before_it_names_nobody():
    assert said("She said the dam held.") == [(None, "said", "She", "dam held.")]


def test_a_body_is_named_as_written_and_found_again_by_its_last_words():
    for later in ("The air force", "Later the air force"):
        text = f"Ukraine's air force said 40 drones were downed. {later} said 12 more fell."
        assert [s[0] for s in said(text)] == ["Ukraine's air force", "Ukraine's air force"]
    assert said("The air force said 12 drones fell.")[0][0] is None  # no body of that name yet
    assert said("The city's finance office said the cost rose.")[0][0] == "city's finance office"


def test_a_subject_that_names_nobody():
    assert said("The post said 40 homes were lost.") == [(None, "said", "The post", "40 homes were lost.")]
    assert said("According to the plan, the dam held.")[0][:3] == (None, "According", "the plan")
    # in a title-case headline capitals alone name nobody (a title before a name does: test_people)
    assert said("Harbour Board Says Dam Held After Storm")[0][0] is None


def test_saying_after_a_comma_is_said_by_the_sentences_subject():
    ((_, verb, _, _), (speaker, verb2, _, content)) = said(
        "Mayor Ana Ruiz praised the crews, saying they worked all night.")
    assert (verb, speaker, verb2, content) == ("praised", "Ana Ruiz", "saying", "they worked all night.")


def test_a_second_verb_after_but_has_the_first_ones_speaker():
    found = said("Mayor Ana Ruiz concluded that the dam held, but added that rain was coming.")
    assert [(s[0], s[1], s[2]) for s in found] == [("Ana Ruiz", "concluded", "Mayor Ana Ruiz"),
                                                   ("Ana Ruiz", "added", "Mayor Ana Ruiz")]
    assert found[1][3] == "rain was coming."


def test_the_last_speaker_carries_over_to_a_pronoun_in_a_later_paragraph():
    text = "Mayor Ana Ruiz arrived.\n\nEngineers met.\n\nWater rose.\n\nHe said the dam held."
    assert said(text)[0][:3] == ("Ana Ruiz", "said", "He")


@pytest.mark.parametrize("text", [
    "The dam held.",
    "The United States sent aid.",  # "States" with a capital is a name, not a verb
    "It went according to plan.",  # nothing after "according to" that is a source
    "",
])
def test_no_attribution(text):
    assert said(text) == []


def test_speech_verbs_inside_a_quote_are_someone_elses_words():
    r = read("Mayor Ana Ruiz said “the engineers said it would hold”.")
    assert [r.words.words[a.verb].text for a in r.attributions] == ["said"]
    unquoted = find_attributions(r.words, r.people, lexicon())
    assert [r.words.words[a.verb].text for a in unquoted] == ["said", "said"]


def test_attributions_come_in_order_with_their_sentence():
    r = read("Officials said the dam held. Mayor Ana Ruiz said 40 homes were lost.")
    assert [(a.speaker, a.sentence) for a in r.attributions] == [("Officials", 0), ("Ana Ruiz", 1)]
    assert [a.verb for a in r.attributions] == sorted(a.verb for a in r.attributions)
