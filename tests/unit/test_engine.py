"""The engine: rule selection, stories, findings (claims, message, stable id, update severity, order)."""

from __future__ import annotations

import itertools
from dataclasses import replace

from test_comparators_kit import article, extractions, fact, mention, quote

from checker.engine import evaluate, finding_id, lower_severity
from checker.ruleset.loader import load_rules

RULES = load_rules()


def only(*ids):
    return [r for r in RULES if r.id in ids]


def two_and_three(published_b="2025-05-19", story_b="story"):
    a = article("Daily A", "Intro.\nThe call lasted two hours.", published="2025-05-19")
    b = article("Daily B", "The call lasted three hours.", published=published_b, story=story_b)
    return [a, b], extractions(fact(a, "call.duration", "two hours"), fact(b, "call.duration", "three hours"))


def test_a_finding_has_claims_with_positions_message_and_type():
    arts, ex = two_and_three()
    [f] = evaluate(arts, ex, only("duration-mismatch"))
    assert (f.rule, f.type, f.severity, f.key) == ("duration-mismatch", "numeric", "error", "call.duration")
    assert f.message == 'call.duration: outlets give different durations: "three hours" (Daily B) vs "two hours" (Daily A)'
    by_outlet = {c.outlet: c for c in f.claims}
    a = by_outlet["Daily A"]
    assert (a.line, a.column, a.end_line, a.end_column, a.text) == (2, 17, 2, 26, "two hours")
    assert a.quantity is not None and a.quantity.unit == "hour"


def test_finding_id_is_stable_and_independent_of_input_order():
    arts, ex = two_and_three()
    first = evaluate(arts, ex, RULES)
    again = evaluate(list(reversed(arts)), dict(reversed(list(ex.items()))), RULES)
    assert [f.id for f in first] == [f.id for f in again]
    f = first[0]
    assert f.id == finding_id(f.rule, f.key, reversed(f.claims))
    assert finding_id("x", "k", []) != finding_id("y", "k", [])


def test_different_days_lower_the_severity_and_say_update():
    arts, ex = two_and_three(published_b="2025-05-20")
    [f] = evaluate(arts, ex, only("duration-mismatch"))
    assert f.severity == "warning"
    assert "update" in f.message and "2025-05-19, 2025-05-20" in f.message
    assert [lower_severity(s) for s in ("error", "warning", "info")] == ["warning", "info", "info"]


def test_same_day_on_one_side_keeps_the_severity():
    arts, ex = two_and_three(published_b="2025-05-20")
    c = article("Daily C", "It lasted three hours.", published="2025-05-19")
    ex |= extractions(fact(c, "call.duration", "three hours"))
    [f] = evaluate([*arts, c], ex, only("duration-mismatch"))
    assert f.severity == "error" and "update" not in f.message


def test_stories_are_apart_unless_the_rule_says_otherwise():
    arts, ex = two_and_three(story_b="another story")
    assert evaluate(arts, ex, only("duration-mismatch")) == []
    [rule] = only("duration-mismatch")
    rule = replace(rule, match=replace(rule.match, same_story=False))
    assert len(evaluate(arts, ex, [rule])) == 1


def test_articles_without_a_story_are_one_story():
    arts, ex = two_and_three()
    arts = [replace(a, story=None) for a in arts]
    assert len(evaluate(arts, ex, only("duration-mismatch"))) == 1


def test_match_picks_the_facts():
    arts, ex = two_and_three()
    assert evaluate(arts, ex, only("number-mismatch")) == []  # durations are not its facts
    [rule] = only("number-mismatch")
    assert len(evaluate(arts, ex, [replace(rule, match=replace(rule.match, exclude_dimension=()))])) == 1
    assert evaluate(arts, ex, [replace(rule, match=replace(rule.match, exclude_dimension=(), keys=("talks.*",)))]) == []


def test_disabled_rules_do_not_run():
    arts, ex = two_and_three()
    [rule] = only("duration-mismatch")
    assert evaluate(arts, ex, [replace(rule, enabled=False)]) == []


def test_items_of_unknown_articles_and_missing_extractions_are_ignored():
    arts, ex = two_and_three()
    assert evaluate(arts[:1], ex, RULES) == []
    assert evaluate(arts, {}, RULES) == []


def test_findings_are_sorted_by_place_then_rule():
    a = article("Daily A", "Zelenskyy. The call lasted two hours.")
    b = article("Daily B", "Zelensky. The call lasted more than two hours. It lasted one hour.")
    items = [mention(a, "Zelenskyy"), mention(b, "Zelensky"), fact(a, "call.duration", "two hours"),
             fact(b, "call.duration", "more than two hours"), fact(b, "call.duration", "one hour")]
    findings = evaluate([a, b], extractions(*items), RULES)
    places = [(f.claims[0].path, f.claims[0].line, f.claims[0].column, f.rule) for f in findings]
    assert places == sorted(places)
    assert {f.rule for f in findings} == {"name-transliteration", "hedge-mismatch", "duration-mismatch",
                                          "internal-consistency"}
    for perm in itertools.permutations(items):
        assert [f.id for f in evaluate([b, a], extractions(*perm), RULES)] == [f.id for f in findings]


def test_quote_findings_carry_the_word_difference():
    text_a = "memorandum on a possible future peace agreement"
    text_b = "memorandum on a potential future peace agreement"
    a, b = article("Daily A", f'"{text_a}"'), article("Daily B", f'"{text_b}"')
    [f] = evaluate([a, b], extractions(quote(a, text_a, "Vladimir Putin"), quote(b, text_b, "Putin")), RULES)
    assert (f.rule, f.type, f.detail) == ("quote-wording", "quote", "possible -> potential")
    assert f.message.startswith("Vladimir Putin is quoted in different words (a synonym swap):")
    assert all(c.quantity is None and c.speaker for c in f.claims)
