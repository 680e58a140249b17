"""The grammar builds without conflicts and reads each claim form into the right interval."""

from __future__ import annotations

from fractions import Fraction as F

import pytest

from checker.parser import grammar
from checker.parser.quantities import parse_text


def test_grammar_builds_in_strict_mode():
    # strict=True turns shift/reduce conflicts and regex collisions into errors
    grammar.parser.cache_clear()
    try:
        assert grammar.parser(strict=True) is not None
    finally:
        grammar.parser.cache_clear()


def test_parser_is_built_once():
    assert grammar.parser() is grammar.parser()


def one(text):
    qs = parse_text(text)
    assert len(qs) == 1, (text, qs)
    return qs[0]


@pytest.mark.parametrize(
    "text, qualifier, low, high, unit, noun",
    [
        ("more than two hours", "more_than", 2, None, "hour", None),
        ("a two-hour phone call", "exact", 2, 2, "hour", None),
        ("lasted two hours", "exact", 2, 2, "hour", None),
        ("less than two hours", "less_than", None, 2, "hour", None),
        ("under 2 hours", "less_than", None, 2, "hour", None),
        ("his three-minute statement", "exact", 3, 3, "minute", None),
        ("launched 112 drones", "exact", 112, 112, None, "drone"),
        ("downed 35 Ukrainian drones overnight", "exact", 35, 35, None, "drone"),
        ("a total of 273 exploding drones", "exact", 273, 273, None, "drone"),
        ("a full 30-day ceasefire", "exact", 30, 30, "day", None),
        ("Moscow's 3-year-old invasion", "exact", 3, 3, "year", None),
        ("killed at least 14 Ukrainian civilians", "at_least", 14, None, None, "civilian"),
        ("hosted more than 20 heads of state", "more_than", 20, None, None, "head"),
        ("He's got a million men under arms", "exact", 10**6, 10**6, None, "man"),
        ("more than a million soldiers", "more_than", 10**6, None, None, "soldier"),
        ("his four-day trip", "exact", 4, 4, "day", None),
        ("one hundred and twelve", "exact", 112, 112, None, None),
        ("twenty-five", "exact", 25, 25, None, None),
        ("a dozen", "exact", 12, 12, None, None),
        ("half an hour", "exact", F(1, 2), F(1, 2), "hour", None),
        ("a quarter of an hour", "exact", F(1, 4), F(1, 4), "hour", None),
        ("an hour and a half", "exact", F(3, 2), F(3, 2), "hour", None),
        ("two and a half hours", "exact", F(5, 2), F(5, 2), "hour", None),
        ("one-and-a-half", "exact", F(3, 2), F(3, 2), None, None),
        ("2 1/2", "exact", F(5, 2), F(5, 2), None, None),
        ("½", "exact", F(1, 2), F(1, 2), None, None),
        ("2 hours and 30 minutes", "exact", 150, 150, "minute", None),
        ("a fortnight", "exact", 1, 1, "fortnight", None),
        ("1.2 million", "exact", 1_200_000, 1_200_000, None, None),
        ("$4.5bn", "exact", 4_500_000_000, 4_500_000_000, "USD", None),
        ("$5m", "exact", 5_000_000, 5_000_000, "USD", None),
        ("100k", "exact", 100_000, 100_000, None, None),
        ("between 10 and 15 km", "range", 10, 15, "kilometer", None),
        ("from 10 to 20", "range", 10, 20, None, None),
        ("10-20 percent", "range", 10, 20, "percent", None),
        ("between 5 and 10 million", "range", 5_000_000, 10_000_000, None, None),
        ("up to 300 soldiers", "at_most", None, 300, None, "soldier"),
        ("5,000 or more", "at_least", 5000, None, None, None),
        ("no fewer than 8 people", "at_least", 8, None, None, "person"),
        ("a more-than-two-hour meeting", "more_than", 2, None, "hour", None),
        ("a 90-minute meeting", "exact", 90, 90, "minute", None),
        ("an hour-long meeting", "exact", 1, 1, "hour", None),
        ("about 5 km", "approximate", F(9, 2), F(11, 2), "kilometer", None),
        ("nearly 40%", "approximate", 36, 40, "percent", None),
        ("Duration 4:06", "exact", 246, 246, "second", None),
        # signs, word decimals, digit groupings
        ("minus five percent", "exact", -5, -5, "percent", None),
        ("temperatures of -15C", "exact", -15, -15, "degree_Celsius", None),
        ("two point five million", "exact", 2_500_000, 2_500_000, None, None),
        ("1 234 567", "exact", 1_234_567, 1_234_567, None, None),
        ("12,34,567", "exact", 1_234_567, 1_234_567, None, None),
        ("4 thousand 3 hundred and 21", "exact", 4321, 4321, None, None),
        ("6 crore and two hundred", "exact", 60_000_200, 60_000_200, None, None),
        ("three thousand millions", "exact", 3 * 10**9, 3 * 10**9, None, None),
        ("10M", "exact", 10**6 * 10, 10**6 * 10, None, None),
        # fractions and fractions of a scale
        ("two thirds", "exact", F(2, 3), F(2, 3), None, None),
        ("one fifth", "exact", F(1, 5), F(1, 5), None, None),
        ("a hundredth", "exact", F(1, 100), F(1, 100), None, None),
        ("three twenty-firsts", "exact", F(1, 7), F(1, 7), None, None),
        ("one hundred and three quarters", "exact", F(403, 4), F(403, 4), None, None),
        ("one hundred and thirty fifths", "exact", 26, 26, None, None),
        ("three million and a half", "exact", 3_500_000, 3_500_000, None, None),
        ("five and a half million", "exact", 5_500_000, 5_500_000, None, None),
        ("half a million people", "exact", 500_000, 500_000, None, "person"),
        ("a quarter of a million", "exact", 250_000, 250_000, None, None),
        ("2m refugees", "exact", 2_000_000, 2_000_000, None, "refugee"),
        ("a 100m sprint", "exact", 100, 100, "meter", None),
        # qualifiers after the number, and joined bounds
        ("about 500 or more", "at_least", 500, None, None, None),
        ("500 and more", "at_least", 500, None, None, None),
        ("children aged 5 and under", "at_most", None, 5, "year", None),
        ("more than 5000 or equal to", "at_least", 5000, None, None, None),
        ("no more than 50 and no less than 20", "range", 20, 50, None, None),
        ("a couple of days", "approximate", F(9, 5), F(11, 5), "day", None),
        ("less than a couple of days", "less_than", None, 2, "day", None),
        # ranges
        ("20~100", "range", 20, 100, None, None),
        ("3km-5km", "range", 3, 5, "kilometer", None),
        ("between 2 g and about 7 g", "range", 2, 7, "gram", None),
        ("between negative ten and fifteen", "range", -10, 15, None, None),
        ("$5-10 million", "range", 5_000_000, 10_000_000, "USD", None),
        # units in a row, per-units, durations
        ("2 hours, 30 minutes", "exact", 150, 150, "minute", None),
        ("5 ft 2 in", "exact", 62, 62, "inch", None),
        ("1 m 80 cm", "exact", 180, 180, "centimeter", None),
        ("50 centimeters/millisecond", "exact", 50, 50, "centimeter / millisecond", None),
        ("2 more minutes", "exact", 2, 2, "minute", None),
        ("for another week", "exact", 1, 1, "week", None),
        ("the talks lasted all day", "exact", 1, 1, "day", None),
        ("a half hour", "exact", F(1, 2), F(1, 2), "hour", None),
        ("3.5 second", "exact", F(7, 2), F(7, 2), "second", None),
        ("an 87 yo man", "exact", 87, 87, "year", None),
    ],
)
def test_reads_interval_unit_and_noun(text, qualifier, low, high, unit, noun):
    q = one(text)
    assert (q.qualifier, q.low, q.high, q.unit, q.noun) == (qualifier, low, high, unit, noun)
    assert text[q.start:q.end] == q.text


def test_part_of_a_whole():
    qs = parse_text("Russia launched 112 drones into the country, 76 of which were shot down or jammed.")
    assert [(q.value, q.noun, q.part_of) for q in qs] == [(112, "drone", None), (76, None, "which")]
    q = one("76 of the 112 drones")
    assert (q.value, q.noun, q.whole) == (76, "drone", 112)


def test_ratio_is_a_part_of_a_whole():
    q = one("one in five adults")
    assert (q.value, q.whole, q.noun, q.part_of) == (1, 5, "adult", "adult")
    q = one("two out of three")
    assert (q.value, q.whole, q.part_of) == (2, 3, "out of")


@pytest.mark.parametrize(
    "text, parts",
    [
        ("More than 40 and less than 10", [("More than 40", "more_than"), ("less than 10", "less_than")]),
        ("5 km, 3 km", [("5 km", "exact"), ("3 km", "exact")]),
        ("output rose 25% to 34,500 tonnes", [("25%", "exact"), ("34,500 tonnes", "exact")]),
        ("cases rose 5% to 1,200", [("5%", "exact"), ("1,200", "exact")]),
        ("it fell 5 in 10 days", [("5", "exact"), ("10 days", "exact")]),
        ("I count 12 in six boxes", [("12", "exact"), ("six", "exact")]),
        ("12 m 2 dm", [("12 m", "exact"), ("2 dm", "exact")]),
    ],
)
def test_words_that_are_not_one_interval_split(text, parts):
    assert [(q.text, q.qualifier) for q in parse_text(text)] == parts


@pytest.mark.parametrize("text", ["<>30", "=>30", "=<30", "x -> 30"])
def test_a_comparison_sign_that_is_not_one_sets_no_bound(text):
    assert [q.qualifier for q in parse_text(text)] == ["exact"]


def test_distributive_each():
    q = one("committed to exchange 1,000 prisoners of war each")
    assert (q.value, q.noun, q.distributive) == (1000, "prisoner", True)


def test_compound_keeps_the_noun_it_modifies():
    assert one("a two-hour phone call with Trump").modifies == "phone call"


@pytest.mark.parametrize(
    "text",
    [
        "in 2022", "since spring 2022", "on May 16, 2025", "on 16 May 2025", "at 4:06 pm",
        "call 555-123-4567", "more than open to walking away",
        "over the weekend", "under way", "about the war", "Pope Leo XIV",
        "F-16 jets", "COVID-19 cases", "Su-34 bombers", "192.168.1.2", "+1-222-333-4444",
        "see https://example.com/page?id=30%25", "a fifth term", "for a third year",
        "a third-party vendor", "a twenty-first-century idea", "the first round",
        "the one you mentioned", "which one do you prefer", "the 2014-2022 period",
        "In some countries", "for months", "I second that",
    ],
)
def test_not_a_quantity(text):
    assert parse_text(text) == []


@pytest.mark.parametrize(
    ("text", "value", "ranked"),
    [("the third known call", 3, "call"), ("the 1st round", 1, "round"), ("the fifth round", 5, "round"),
     ("for the 11th consecutive day", 11, "day"), ("on the 1,000th day", 1000, "day"),
     ("the one hundred and fifth day", 105, "day"), ("the two hundred fifth anniversary", 205, "anniversary")],
)
def test_an_ordinal_before_a_noun_is_a_rank(text, value, ranked):
    (q,) = parse_text(text)
    assert (q.kind, q.value, q.modifies, q.noun) == ("rank", value, ranked, None)


@pytest.mark.parametrize("text", ["one hundred fifth graders", "two hundred third-graders", "one hundred and first-time buyers"])
def test_hundreds_before_an_ordinal_word_without_and_or_the_are_no_rank(text):
    assert all(q.kind != "rank" or q.value < 100 for q in parse_text(text))


def test_text_slices_back_in_a_long_text(seed_texts):
    for text in seed_texts.values():
        for q in parse_text(text):
            assert text[q.start:q.end] == q.text


# ---------------------------------------------------------------------------- every rule has its reader


def test_every_alternative_of_the_grammar_has_its_reader():
    from checker.parser import measures, numbers, quantities
    from checker.parser.builders import BUILDERS

    rules = grammar.parser().rules
    assert quantities.unread(rules, "quantity", BUILDERS) == []
    assert quantities.unread(rules, "measure", measures.MEASURES, measures.THROUGH) == []
    assert quantities.unread(rules, "number", numbers.READERS, numbers.THROUGH) == []
    quantities.check_readers.__wrapped__()  # the check run before the first text: passes


def test_unread_names_each_alternative_without_a_reader():
    """On a grammar of its own: an alias, a rule's own name, and names met through a child."""
    from lark import Lark

    from checker.parser.quantities import unread

    rules = Lark(r"""
        measure: NUM -> bare
               | NUM NUM -> pair_of_numbers
               | money
               | NUM "*" NUM
        money: "$" NUM -> money_prefix
             | NUM "EUR" -> money_suffix
        NUM: /\d+/
        %ignore " "
    """, start="measure", parser="lalr").rules
    # the unaliased ``NUM "x" NUM`` is named "measure": read through, it would have no one child to read
    assert unread(rules, "measure", {"bare": 1, "money_prefix": 1}, ("measure",)) == [
        "pair_of_numbers", "measure", "money_suffix"]
    assert unread(rules, "measure", {"bare": 1, "money_prefix": 1}) == ["pair_of_numbers", "measure"]


def test_a_quantity_form_without_a_builder_fails_loudly(monkeypatch):
    """Not a text with nothing found: the first parse names the alternative that has no builder."""
    from checker.errors import GrammarError
    from checker.parser import quantities

    assert parse_text("one in five adults")  # a ``ratio``
    builders = {k: v for k, v in quantities.BUILDERS.items() if k != "ratio"}
    monkeypatch.setattr(quantities, "BUILDERS", builders)
    quantities.check_readers.cache_clear()
    try:
        with pytest.raises(GrammarError, match=r"quantity: ratio"):
            parse_text("one in five adults")
    finally:
        quantities.check_readers.cache_clear()


def test_a_missing_measure_or_number_reader_is_named_too(monkeypatch):
    from checker.errors import GrammarError
    from checker.parser import measures, numbers, quantities

    monkeypatch.setattr(measures, "MEASURES", {k: v for k, v in measures.MEASURES.items() if k != "money_suffix"})
    monkeypatch.setattr(numbers, "READERS", {k: v for k, v in numbers.READERS.items() if k != "couple"})
    with pytest.raises(GrammarError, match=r"measure: money_suffix; number: couple"):
        quantities.check_readers.__wrapped__()


# ---------------------------------------------------------------------------- trees from the tables

TREES = r"""
start: item+
?item: pair | word | "(" _inner ")" | sign
pair: NUM "-" NUM -> range
    | NUM "*" NUM
!sign: "+" NUM | "-" NUM
_inner: word word?
word: WORD
NUM: /\d+/
WORD: /[a-z]+/
%ignore " "
"""


@pytest.mark.parametrize("text", ["1-2", "3 * 4", "(a b)", "(a) c", "+5 - 6", "a 1-2 (b) +3"])
def test_tables_build_the_trees_lark_builds(text):
    """A ``?rule``, an alias, an inlined ``_rule``, a ``!rule``, filtered anonymous tokens."""
    from lark import Lark

    from checker.parser import tables

    lark = Lark(TREES, parser="lalr", lexer="basic", maybe_placeholders=False)
    t = tables.from_lark(lark, "start")
    assert t.tree(list(lark.lex(text))) == lark.parse(text)


def test_the_readers_check_reads_the_tables_rules_as_larks():
    from checker.parser import measures, numbers, quantities

    ours, theirs = grammar.rules(), grammar.parser().rules
    for rule, table, through in (("measure", measures.MEASURES, measures.THROUGH),
                                 ("number", numbers.READERS, numbers.THROUGH)):
        assert quantities.unread(ours, rule, {}, through) == quantities.unread(theirs, rule, {}, through)
        assert quantities.unread(ours, rule, table, through) == []


def test_tables_are_not_made_for_a_lexer_with_callbacks_or_placeholders():
    from lark import Lark

    from checker.parser import tables

    folded = TREES.replace('"*"', '"x"')  # "x" is also a WORD: lark's lexer renames it by a callback
    assert tables.from_lark(Lark(folded, parser="lalr", lexer="basic", maybe_placeholders=False), "start") is None
    assert tables.from_lark(Lark(TREES, parser="lalr", lexer="basic", maybe_placeholders=True), "start") is None


def test_parse_trees_read_like_larks_and_equal_them():
    """A run builds checker/parser/nodes.py trees: equal to lark's own, either way round."""
    from lark import Token as LarkToken
    from lark import Tree as LarkTree

    from checker.parser.nodes import Token, Tree

    ours = Tree("a", [Token("N", "5", 0, 1), Tree("b", [])])
    theirs = LarkTree("a", [LarkToken("N", "5", start_pos=0, end_pos=1), LarkTree("b", [])])
    assert ours == theirs and theirs == ours
    assert ours != Tree("a", [Token("M", "5", 0, 1), Tree("b", [])]) and ours != "a"
    assert [t.data for t in ours.iter_subtrees_topdown()] == [t.data for t in theirs.iter_subtrees_topdown()]
    tok = ours.children[0]
    assert (tok.type, tok.value, tok.start_pos, tok.end_pos, str(tok)) == ("N", "5", 0, 1, "5")
    import pickle

    assert pickle.loads(pickle.dumps(tok)).end_pos == 1  # unlike lark's Token, the end survives


def test_a_run_does_not_import_lark():
    """Extraction reads the grammar's tables: lark is imported only to write them."""
    import subprocess
    import sys

    code = ("import sys; from checker.parser.quantities import parse_text; parse_text('more than two hours');"
            "from checker.parser.quantities import parse_text as p; p('$4.5bn and 112 drones');"
            "print('lark' in sys.modules)")
    subprocess.run([sys.executable, "-c", code], check=True, capture_output=True)  # writes the tables, if new
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True).stdout
    assert out.strip() == "False"
