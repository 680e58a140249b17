"""Each comparator on hand-built facts, quotes and mentions: what it flags and what it passes."""

from __future__ import annotations

import itertools

import pytest
from test_comparators_kit import article, fact, mention, quote, run

from checker import comparators
from checker.comparators import attribution, internal, numeric, qualifier, spelling
from checker.comparators import quote as quote_cmp
from checker.comparators.spec import docstring_sections

# ---------------------------------------------------------------- registry and module shape


def test_registry_knows_every_kind():
    assert comparators.kinds() == ("attribution", "internal", "numeric", "qualifier", "quote", "role", "spelling")


def test_get_unknown_kind_fails_with_no_such_kind():
    with pytest.raises(LookupError, match="no such kind: 'numerc'"):
        comparators.get("numerc")


def test_registering_a_kind_twice_is_refused():
    with pytest.raises(ValueError, match="twice"):
        comparators.register(numeric)


@pytest.mark.parametrize("kind", comparators.kinds())
def test_module_declares_its_spec(kind):
    mod = comparators.get(kind)
    assert mod.ID == kind
    assert mod.TYPE in ("numeric", "qualifier", "quote", "attribution", "spelling", "internal")
    assert set(mod.DEFAULTS) == set(mod.OPTIONS), "every option has a default and vice versa"
    assert callable(mod.compare)


@pytest.mark.parametrize("kind", comparators.kinds())
def test_docstring_has_summary_flags_and_passes(kind):
    parts = docstring_sections(comparators.get(kind).__doc__)
    assert parts["summary"] and parts["flags"] and parts["passes"], parts


@pytest.mark.parametrize("kind", comparators.kinds())
def test_defaults_satisfy_the_option_schema(kind):
    import jsonschema

    from checker.comparators.spec import option_schema

    mod = comparators.get(kind)
    jsonschema.validate(dict(mod.DEFAULTS), option_schema(mod.OPTIONS, mod.DEFAULTS))


# ---------------------------------------------------------------- numeric


def _call(outlet, text, phrase, **kw):
    a = article(outlet, text)
    return a, fact(a, "call.duration", phrase, **kw)


def test_numeric_flags_values_that_cannot_both_be_true():
    a, fa = _call("A", "The call lasted two hours.", "two hours")
    b, fb = _call("B", "The call lasted three hours.", "three hours")
    [d] = run(numeric, [a, b], fa, fb)
    assert d.key == "call.duration"
    assert [(s.label, s.outlets) for s in d.sides] == [('"three hours"', ("B",)), ('"two hours"', ("A",))]


def test_numeric_compares_in_base_units():
    a, fa = _call("A", "The call lasted two hours.", "two hours")
    b, fb = _call("B", "The call lasted 120 minutes.", "120 minutes")
    assert run(numeric, [a, b], fa, fb) == []


def test_numeric_touching_intervals_are_the_qualifier_kinds():
    a, fa = _call("A", "The call lasted two hours.", "two hours")
    b, fb = _call("B", "It lasted more than two hours.", "more than two hours")
    assert run(numeric, [a, b], fa, fb) == []


def test_numeric_tolerance():
    a, fa = _call("A", "The call lasted two hours.", "two hours")
    b, fb = _call("B", "The call lasted 130 minutes.", "130 minutes")
    assert run(numeric, [a, b], fa, fb, relative=0.1) == []
    assert len(run(numeric, [a, b], fa, fb, relative=0.05)) == 1
    assert run(numeric, [a, b], fa, fb, absolute=600) == []


def test_numeric_different_dates_are_not_compared():
    a = article("A", "Russia launched 112 drones.")
    b = article("B", "Russia launched 273 drones.")
    fa = fact(a, "drone.launched", "112 drones", time="Sunday night into Monday morning", date="2025-05-19")
    fb = fact(b, "drone.launched", "273 drones", time="Sunday", date="2025-05-18")
    assert run(numeric, [a, b], fa, fb) == []


def test_numeric_different_time_anchors_without_dates_are_not_compared():
    a = article("A", "Russia launched 112 drones.")
    b = article("B", "Russia launched 273 drones.")
    fa = fact(a, "drone.launched", "112 drones", time="on Monday")
    fb = fact(b, "drone.launched", "273 drones", time="Sunday")
    assert run(numeric, [a, b], fa, fb) == []
    fb_same = fact(b, "drone.launched", "273 drones", time="Monday")
    assert len(run(numeric, [a, b], fa, fb_same)) == 1


def test_numeric_fact_without_anchor_is_not_guessed_into_one_of_several():
    a = article("A", "Russia launched 112 drones.")
    b = article("B", "Russia launched 273 drones.")
    c = article("C", "Russia launched 112 drones.")
    fa = fact(a, "drone.launched", "112 drones", date="2025-05-19")
    fb = fact(b, "drone.launched", "273 drones", date="2025-05-18")
    fc = fact(c, "drone.launched", "112 drones")
    assert run(numeric, [a, b, c], fa, fb, fc) == []


def test_numeric_distributive_is_not_compared_with_a_total():
    a = article("A", "They will exchange 1,000 prisoners each.")
    b = article("B", "They will exchange 2,000 prisoners.")
    fa = fact(a, "prisoner.exchanged", "1,000 prisoners each")
    fb = fact(b, "prisoner.exchanged", "2,000 prisoners")
    assert fa.quantity.distributive and not fb.quantity.distributive
    assert run(numeric, [a, b], fa, fb) == []


def test_numeric_one_finding_names_each_outlet_once_per_side():
    arts = [article(o, "It lasted two hours.") for o in ("A", "B", "C")]
    facts = [fact(x, "call.duration", "two hours") for x in arts]
    d_art = article("D", "It lasted three hours, really three hours.")
    facts += [fact(d_art, "call.duration", "three hours"), fact(d_art, "call.duration", "three hours", nth=1)]
    [d] = run(numeric, [*arts, d_art], *facts)
    assert [s.outlets for s in d.sides] == [("A", "B", "C"), ("D",)]
    assert len(d.sides[1].items) == 2


def test_numeric_within_one_article_is_left_to_internal():
    a = article("A", "It lasted two hours. The three-hour call ended.")
    assert run(numeric, [a], fact(a, "call.duration", "two hours"), fact(a, "call.duration", "three-hour")) == []


def test_numeric_is_symmetric():
    arts = [article("A", "It lasted two hours."), article("B", "It lasted three hours."),
            article("C", "It lasted more than two hours.")]
    facts = [fact(arts[0], "k.duration", "two hours"), fact(arts[1], "k.duration", "three hours"),
             fact(arts[2], "k.duration", "more than two hours")]
    results = {repr(run(numeric, arts, *p)) for p in itertools.permutations(facts)}
    assert len(results) == 1


# ---------------------------------------------------------------- qualifier


def test_qualifier_flags_exact_against_hedged_same_number():
    a, fa = _call("A", "The call lasted two hours.", "two hours")
    b, fb = _call("B", "It lasted more than two hours.", "more than two hours")
    c, fc = _call("C", "A two-hour call.", "two-hour")
    [d] = run(qualifier, [a, b, c], fa, fb, fc)
    assert [s.outlets for s in d.sides] == [("A", "C"), ("B",)]


def test_qualifier_within_one_article():
    a = article("A", "The two-hour call. It lasted more than two hours.")
    [d] = run(qualifier, [a], fact(a, "call.duration", "two-hour"), fact(a, "call.duration", "more than two hours"))
    assert [s.outlets for s in d.sides] == [("A",), ("A",)]


@pytest.mark.parametrize("other", ["less than three hours", "at least two hours", "more than three hours"])
def test_qualifier_passes(other):
    a, fa = _call("A", "It lasted more than two hours.", "more than two hours")
    if other != "at least two hours":
        a, fa = _call("A", "The call lasted two hours.", "two hours")
    b, fb = _call("B", f"It lasted {other}.", other)
    assert run(qualifier, [a, b], fa, fb) == []


def test_qualifier_approximate_by_default_and_not_when_left_out():
    a, fa = _call("A", "The call lasted two hours.", "two hours")
    b, fb = _call("B", "It lasted about two hours.", "about two hours")
    assert len(run(qualifier, [a, b], fa, fb)) == 1
    assert run(qualifier, [a, b], fa, fb, hedges=["more_than"]) == []


# ---------------------------------------------------------------- quote

MEMO_A = "memorandum on a possible future peace agreement"
MEMO_B = "Russia will propose and be ready to work on a memorandum on a potential future peace agreement, defining the terms"


def test_quote_flags_a_changed_word_with_the_difference():
    a = article("A", f'Putin spoke of a "{MEMO_A}".')
    b = article("B", f'Putin: "{MEMO_B}."')
    [d] = run(quote_cmp, [a, b], quote(a, MEMO_A, "Vladimir Putin"), quote(b, MEMO_B, "Putin"))
    assert d.detail == "possible -> potential"
    assert d.key == "quote/vladimir-putin"
    assert dict(d.fields)["speaker"] == "Vladimir Putin"


def test_quote_partial_quote_is_not_a_finding():
    long = "ready to work with the other side on a " + MEMO_A
    a, b = article("A", f'"{MEMO_A}"'), article("B", f'"{long}"')
    assert run(quote_cmp, [a, b], quote(a, MEMO_A, "Putin"), quote(b, long, "Putin")) == []


def test_quote_case_punctuation_and_quote_marks_do_not_count():
    a, b = article("A", "“It’s a Possible deal,” he said."), article("B", "\"it's a possible deal\" he said.")
    assert run(quote_cmp, [a, b], quote(a, "It’s a Possible deal,", "Putin"),
               quote(b, "it's a possible deal", "Putin")) == []


def test_quote_different_speakers_are_not_compared():
    a, b = article("A", f'"{MEMO_A}"'), article("B", f'"{MEMO_B}"')
    assert run(quote_cmp, [a, b], quote(a, MEMO_A, "Vladimir Putin"), quote(b, MEMO_B, "Donald Trump")) == []


def test_quote_same_topic_different_words():
    a = article("A", 'Putin called it "very informative and very frank".')
    b = article("B", 'Putin called it "very meaningful and quite frank".')
    c = article("C", 'Putin called it "very useful".')
    [d] = run(quote_cmp, [a, b, c], quote(a, "very informative and very frank", "Putin", "call"),
              quote(b, "very meaningful and quite frank", "Putin", "call"), quote(c, "very useful", "Putin", "call"))
    assert d.key == "quote/putin/call"
    assert len(d.sides) == 3
    assert "informative -> meaningful" in d.detail


def test_quote_an_article_printing_both_wordings_explains_them():
    a = article("A", 'Trump said it "went very well". He called it "excellent".')
    b = article("B", 'Trump said it "went very well".')
    items = [quote(a, "went very well", "Trump", "call"), quote(a, "excellent", "Trump", "call"),
             quote(b, "went very well", "Trump", "call")]
    assert run(quote_cmp, [a, b], *items) == []
    c = article("C", 'Trump called it "excellent".')
    assert run(quote_cmp, [a, c], *items[:2], quote(c, "excellent", "Trump", "call")) == []


def test_quote_a_piece_of_a_longer_quote_is_not_compared_by_topic():
    long = "Russia wants to trade when this catastrophic bloodbath is over"
    a, b = article("A", f'"{long}"'), article("B", 'he said "went very well"')
    items = [quote(a, long, "Trump"), quote(a, "bloodbath", "Trump", "call"), quote(b, "went very well", "Trump", "call")]
    assert run(quote_cmp, [a, b], *items) == []


def test_quote_short_quotes_without_topic_are_not_compared():
    a, b = article("A", '"very useful"'), article("B", '"very frank"')
    assert run(quote_cmp, [a, b], quote(a, "very useful", "Putin"), quote(b, "very frank", "Putin")) == []


# ---------------------------------------------------------------- attribution

WORDS = "We want to see outcomes, not more talks"


def test_attribution_flags_same_words_for_two_speakers():
    a, b = article("A", f'"{WORDS}," Vance said.'), article("B", f'"{WORDS}," Rubio said.')
    [d] = run(attribution, [a, b], quote(a, WORDS, "Vice President JD Vance"), quote(b, WORDS, "Marco Rubio"))
    assert sorted(s.label for s in d.sides) == ["JD Vance", "Marco Rubio"]


def test_attribution_one_speaker_named_two_ways():
    a, b = article("A", f'"{WORDS}," Vance said.'), article("B", f'"{WORDS}," he said.')
    assert run(attribution, [a, b], quote(a, WORDS, "JD Vance"), quote(b, WORDS, "Mr. Vance")) == []


def test_attribution_descriptions_and_pronouns_are_not_speakers():
    a, b = article("A", f'"{WORDS}"'), article("B", f'"{WORDS}"')
    assert run(attribution, [a, b], quote(a, WORDS, "JD Vance"), quote(b, WORDS, "the vice president")) == []
    assert run(attribution, [a, b], quote(a, WORDS, "JD Vance"), quote(b, WORDS, "he")) == []


def test_attribution_of_facts_only_when_asked():
    a, b = article("A", "Russia launched 112 drones."), article("B", "Russia launched 112 drones.")
    fa = fact(a, "drone.launched", "112 drones", speaker="Ukraine's Air Force")
    fb = fact(b, "drone.launched", "112 drones", speaker="Russia's Defense Ministry")
    assert run(attribution, [a, b], fa, fb) == []
    assert len(run(attribution, [a, b], fa, fb, include_facts=True)) == 1


# ---------------------------------------------------------------- spelling


def _names(*pairs):
    arts, ms = [], []
    for outlet, name in pairs:
        a = article(outlet, f"Today {name} spoke.")
        arts.append(a)
        ms.append(mention(a, name))
    return arts, ms


def test_spelling_flags_a_surname_written_two_ways():
    arts, ms = _names(("A", "Volodymyr Zelenskyy"), ("B", "Volodymyr Zelensky"), ("C", "Zelenskyy"))
    [d] = run(spelling, arts, *ms)
    assert [(s.label, s.outlets) for s in d.sides] == [('"Zelenskyy"', ("A", "C")), ('"Zelensky"', ("B",))]
    assert d.key == "name/zelenskyy"


def test_spelling_possessive_and_case_are_the_same_spelling():
    arts, ms = _names(("A", "Zelenskyy"), ("B", "ZELENSKYY’s"))
    assert run(spelling, arts, *ms) == []


def test_spelling_two_people_in_one_article_are_two_people():
    a = article("A", "Boris Johnson met Mark Johnston.")
    b = article("B", "Boris Johnson spoke.")
    assert run(spelling, [a, b], mention(a, "Boris Johnson"), mention(a, "Mark Johnston"),
               mention(b, "Boris Johnson")) == []


def test_spelling_wrong_given_name():
    arts, ms = _names(("A", "Volodymyr Zelenskyy"), ("B", "Volodymyr Zelenskyy"), ("C", "Volodymyr Zelensky"),
                      ("D", "Vladimir Zelensky"), ("E", "Vladimir Putin"))
    [d] = run(spelling, arts, *ms, check="given_name")
    assert [(s.label, s.outlets) for s in d.sides] == [('"Volodymyr Zelenskyy"', ("A", "B", "C")),
                                                       ('"Vladimir Zelensky"', ("D",))]
    assert (dict(d.fields)["wrong"], dict(d.fields)["agreed"]) == ("Vladimir", "Volodymyr")


def test_spelling_given_name_one_outlet_against_one_is_enough_unless_more_must_agree():
    arts, ms = _names(("A", "Volodymyr Zelenskyy"), ("D", "Vladimir Zelensky"))
    [d] = run(spelling, arts, *ms, check="given_name")
    assert dict(d.fields)["what"] == "person" and len(d.sides) == 2
    assert run(spelling, arts, *ms, check="given_name", min_agreeing=2) == []


def test_spelling_surnames_alike_with_unalike_given_names_are_two_people():
    arts, ms = _names(("A", "Ada Kellerman"), ("B", "Marc Kellermann"))
    assert run(spelling, arts, *ms) == []
    arts, ms = _names(("A", "Ada Kellerman"), ("B", "Ada Kellermann"))
    [d] = run(spelling, arts, *ms)
    assert dict(d.fields)["variant"] == "misspelling"


@pytest.mark.parametrize("odd", ["Melania Trump", "D. Trump", "Don Trump"])
def test_spelling_relatives_and_initials_are_not_wrong_given_names(odd):
    arts, ms = _names(("A", "Donald Trump"), ("B", "Donald Trump"), ("C", "Donald Trump"), ("D", odd))
    assert run(spelling, arts, *ms, check="given_name") == []


# ---------------------------------------------------------------- internal

DOWNED = [{"less_or_equal": ["*.downed", "*.launched"]}]


def test_internal_flags_a_part_larger_than_its_whole():
    a = article("A", "Russia launched 112 drones and 130 drones were shot down.")
    items = [fact(a, "drone.launched", "112 drones"), fact(a, "drone.downed", "130 drones")]
    [d] = run(internal, [a], *items, constraints=DOWNED)
    assert d.key == "drone.downed <= drone.launched" and not d.updates


def test_internal_star_binds_the_same_subject():
    a = article("A", "Russia launched 112 drones and 130 missiles were shot down.")
    items = [fact(a, "drone.launched", "112 drones"), fact(a, "missile.downed", "130 missiles")]
    assert run(internal, [a], *items, constraints=DOWNED) == []


def test_internal_constraint_needs_one_time_anchor():
    a = article("A", "Russia launched 112 drones. On Sunday 130 drones were shot down.")
    items = [fact(a, "drone.launched", "112 drones", time="overnight", date="2025-05-19"),
             fact(a, "drone.downed", "130 drones", time="on Sunday", date="2025-05-18")]
    assert run(internal, [a], *items, constraints=DOWNED) == []


def test_internal_self_contradiction_but_not_across_anchors():
    a = article("A", "It lasted two hours. The three-hour call ended.")
    [d] = run(internal, [a], fact(a, "call.duration", "two hours"), fact(a, "call.duration", "three-hour"))
    assert d.key == "call.duration"
    b = article("B", "At least 14 died on Saturday. On Sunday 1 died.")
    items = [fact(b, "civilian.killed", "At least 14", time="on Saturday"), fact(b, "civilian.killed", "1", time="On Sunday")]
    assert run(internal, [b], *items) == []


def test_internal_never_compares_two_articles():
    a, b = article("A", "It lasted two hours."), article("B", "It lasted three hours.")
    assert run(internal, [a, b], fact(a, "call.duration", "two hours"), fact(b, "call.duration", "three hours")) == []


def test_internal_validate_wants_star_on_both_sides():
    assert internal.validate({"constraints": [{"less_or_equal": ["*.downed", "drone.launched"]}]})
    assert internal.validate({"constraints": DOWNED}) == []
