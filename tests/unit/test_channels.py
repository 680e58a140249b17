"""How and when a quoted statement was given (extractor/channels.py) and the quote-channel rule
that compares it across outlets, on the project's own small articles: each channel form, the day
of the attribution clause, what stays out (a channel or a day inside the quote, a day the statement
is about), and the quiet cases (one channel worded two ways, a day in one outlet only, an outlet
that gives no channel, an outlet that gives two)."""

from __future__ import annotations

import pytest

from checker.engine import evaluate
from checker.extractor.channels import channel_class, compatible
from checker.extractor.facts import extract
from checker.model import Article
from checker.ruleset.loader import load_rules

WORDS = '"Every family will have a roof before the winter,"'


def given(text: str) -> list[tuple[str | None, str | None]]:
    x = extract(Article(id="a", path="a.md", text=text, outlet="T", published="2031-05-14"))
    return [(q.channel, q.day) for q in x.quotes]


def findings(*texts: str) -> list:
    arts = [Article(id=f"a{i}", path=f"a{i}.md", text=t, outlet=f"Outlet {i}", published="2031-05-14")
            for i, t in enumerate(texts)]
    return [d for d in evaluate(arts, {a.id: extract(a) for a in arts}, load_rules()) if d.rule == "quote-channel"]


@pytest.mark.parametrize(("text", "want"), [
    (f"{WORDS} Mayor Ana Ruiz told reporters on Monday.", ("told reporters", "Monday")),
    (f"{WORDS} Mayor Ana Ruiz wrote on X on Tuesday.", ("wrote on X", "Tuesday")),
    (f'Mayor Ana Ruiz said in a statement: {WORDS.rstrip(",")}', ("in a statement", None)),
    (f"{WORDS} Ruiz said in a televised address.", ("in a televised address", None)),
    (f"{WORDS} Ruiz told parliament on Thursday.", ("told parliament", "Thursday")),
    (f"Speaking to journalists in the port, Ruiz said: {WORDS.rstrip(',')}", ("Speaking to journalists", None)),
    (f"{WORDS} Ruiz said in an interview with a local radio station.", ("in an interview", None)),
    (f"{WORDS} Ruiz said on a call with investors.", ("on a call", None)),
    (f"{WORDS} Ruiz said Wednesday.", (None, "Wednesday")),
    (f"{WORDS} Ruiz said.", (None, None)),
])
def test_the_channel_and_day_of_an_attribution(text, want):
    assert given(text) == [want]


def test_a_channel_or_day_inside_the_quote_is_not_the_quotes():
    assert given('"We will talk to reporters on Monday about the roofs," Ruiz said.') == [(None, None)]


def test_a_day_the_statement_is_about_is_not_its_day():
    assert given(f"Ruiz said the road would reopen on Friday. {WORDS} she said.") == [(None, None)]


@pytest.mark.parametrize(("a", "b", "same"), [
    ("told reporters", "told journalists", True),
    ("told reporters", "told a news conference", True),
    ("wrote on X", "said on Twitter", True),
    ("on social media", "wrote on Facebook", True),
    ("wrote on X", "posted on Facebook", False),
    ("in a televised address", "told parliament", False),
    ("told reporters", "in a statement", False),
])
def test_channel_classes(a, b, same):
    assert channel_class(a) and channel_class(b)
    assert compatible(channel_class(a), channel_class(b)) is same


def test_different_channel_and_day_are_one_finding():
    [d] = findings(f"{WORDS} Mayor Ana Ruiz told reporters on Monday.",
                   f"{WORDS} Mayor Ana Ruiz wrote on X on Tuesday.")
    assert [s.label for s in d.sides] == ["told reporters on Monday", "wrote on X on Tuesday"]
    assert "a different channel, audience and day" in d.message and d.message.startswith("Ana Ruiz")
    assert [c.speaker for c in d.claims] == ["Ana Ruiz", "Ana Ruiz"]


def test_a_different_audience_is_a_finding():
    [d] = findings(f"{WORDS} Prime Minister Ana Ruiz said in a televised address.",
                   f"{WORDS} Ruiz told parliament.")
    assert "a different channel or audience: in a televised address (Outlet 0) vs told parliament (Outlet 1)" \
        in d.message


def test_a_different_day_alone_is_a_finding():
    [d] = findings(f"{WORDS} Mayor Ana Ruiz said on Monday.", f"{WORDS} Mayor Ana Ruiz said on Tuesday.")
    assert "a different day:" in d.message and [s.label for s in d.sides] == ["on Monday", "on Tuesday"]


@pytest.mark.parametrize("pair", [
    ("told reporters", "told journalists"),  # one channel worded two ways
    ("said on X", "said on Twitter"),
    ("said on Monday", "said"),  # a day in one outlet only
    ("said in a televised address", "said"),  # an outlet that gives no channel
])
def test_quiet_cases(pair):
    a, b = pair
    assert findings(f"{WORDS} Mayor Ana Ruiz {a}.", f"{WORDS} Mayor Ana Ruiz {b}.") == []


def test_different_speakers_are_the_attribution_rules_business_not_this_ones():
    assert findings(f"{WORDS} Mayor Ana Ruiz told reporters.", f"{WORDS} Governor Paolo Ferri wrote on X.") == []


def test_an_outlet_that_gives_two_channels_itself_is_left_out():
    assert findings(f"{WORDS} Mayor Ana Ruiz told reporters. Later she repeated it: {WORDS} Ruiz wrote on X.",
                    f"{WORDS} Mayor Ana Ruiz wrote on X.") == []


def test_a_statement_in_two_translations_is_compared_too():
    [d] = findings('"Never before has our town seen such terrible damage," Mayor Ana Ruiz told reporters.',
                   '"Our town has never witnessed damage as awful as this before," Mayor Ana Ruiz told parliament.')
    assert [s.label for s in d.sides] == ["told parliament", "told reporters"]


def test_two_different_sentences_of_one_speaker_are_not_one_statement():
    assert findings('"The water rose faster than anyone expected," Mayor Ana Ruiz told reporters.',
                    '"Every family will have a roof before the winter," Mayor Ana Ruiz told parliament.') == []


def test_a_wire_copy_and_its_republication_are_quiet_for_every_quote_rule():
    story = ('Mayor Ana Ruiz spoke after the flood. "Every family will have a roof before the winter," '
             'Ruiz told reporters on Monday. "The water rose faster than anyone expected."')
    arts = [Article(id=f"a{i}", path=f"a{i}.md", text=story, outlet=outlet, published="2031-05-14")
            for i, outlet in enumerate(("Wire Service", "Daily Paper (wire copy)"))]
    found = evaluate(arts, {a.id: extract(a) for a in arts}, load_rules())
    assert [d.rule for d in found if d.type in ("quote", "attribution")] == []


def test_check_new_finds_a_new_articles_other_channel():
    from checker.run.scope import evaluate_scoped

    texts = [f"{WORDS} Mayor Ana Ruiz told reporters on Monday.", f"{WORDS} Mayor Ana Ruiz told journalists.",
             f"{WORDS} Mayor Ana Ruiz wrote on X on Tuesday."]
    arts = [Article(id=f"a{i}", path=f"a{i}.md", text=t, outlet=f"Outlet {i}", published="2031-05-14")
            for i, t in enumerate(texts)]
    extractions = {a.id: extract(a) for a in arts}
    rules = load_rules()
    scoped = [d for d in evaluate_scoped(arts, extractions, rules, {"a2"}) if d.rule == "quote-channel"]
    assert [d.message for d in scoped] == [d.message for d in findings(*texts)] and len(scoped) == 1
