"""Properties: any rule file text gives rules or a RuleError (never another exception); the engine
gives the same findings whatever the order of its inputs; a value in other units is no finding."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import given, note, settings
from hypothesis import strategies as st
from test_comparators_kit import article, extractions, fact

from checker.engine import evaluate
from checker.errors import RuleError
from checker.ruleset.loader import load_rules

PIECES = ["id: r\n", "kind: numeric\n", "kind: quote\n", "severity: error\n", "severity: loud\n",
          "message: '{key}'\n", "message: '{x'\n", "options:\n", "  relative: 0.5\n", "  relative: .nan\n",
          "  nope: 1\n", "match:\n", "  keys: [a.*]\n", "  keys: 3\n", "enabled: false\n", "- x\n", ": :\n",
          "\t\n", "&a [*a]\n", "!!python/name:os.system\n", "id: r\nid: r\n", "---\n", "\x00", "{", "“"]


@settings(max_examples=120, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=8), st.text(max_size=20))
def test_any_rule_text_gives_rules_or_a_rule_error(pieces, noise):
    text = "".join(pieces) + noise
    note(repr(text))
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "r.yaml"
        path.write_text(text, encoding="utf-8", errors="surrogatepass")
        try:
            rules = load_rules([path], defaults=False)
        except RuleError as exc:
            assert exc.lines() and all(line.startswith(str(path)) for line in exc.lines())
        else:
            assert [r.id for r in rules] in ([], ["r"])


def test_binary_rule_file_is_a_rule_error(tmp_path):
    path = tmp_path / "r.yaml"
    path.write_bytes(b"\xff\xfe\x00bad")
    with pytest.raises(RuleError, match="not UTF-8"):
        load_rules([path], defaults=False)


VALUES = ["two hours", "120 minutes", "three hours", "more than two hours", "less than two hours",
          "about two hours", "two-hour", "90 minutes"]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(VALUES), min_size=2, max_size=5), st.randoms(use_true_random=False))
def test_findings_do_not_depend_on_input_order(values, rnd):
    arts = [article(f"Outlet {i}", f"It lasted {v}.") for i, v in enumerate(values)]
    facts = [fact(a, "call.duration", v) for a, v in zip(arts, values, strict=True)]
    rules = load_rules()
    first = [f.as_json() for f in evaluate(arts, extractions(*facts), rules)]
    rnd.shuffle(arts)
    rnd.shuffle(facts)
    assert [f.as_json() for f in evaluate(arts, extractions(*facts), rules)] == first


def test_two_hours_against_120_minutes_is_no_finding():
    a, b = article("A", "It lasted two hours."), article("B", "It lasted 120 minutes.")
    ex = extractions(fact(a, "call.duration", "two hours"), fact(b, "call.duration", "120 minutes"))
    assert evaluate([a, b], ex, load_rules()) == []


PHRASES = ["two hours", "between 10 and 15 km", "$4.5bn", "more than 20 percent", "1,000 prisoners each",
           "at least 14 civilians", "nearly 300 drones", "up to 5 people", "a dozen", "76 of which", "3-year-old"]
KEYS = ["call.duration", "drone.launched", "drone.downed", "x.count"]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(PHRASES), st.sampled_from(KEYS),
                          st.sampled_from([None, "Sunday", "on Monday"]),
                          st.sampled_from([None, "2025-05-18", "2025-05-19"]),
                          st.sampled_from([None, "Mr. Doe", "she", "the ministry"])),
                min_size=1, max_size=6))
def test_any_mix_of_facts_evaluates_without_error(rows):
    arts, items = [], []
    for i, (phrase, key, time, date, speaker) in enumerate(rows):
        a = article(f"Outlet {i % 3}", f"Text {i}: {phrase}.", aid=f"a{i}")
        arts.append(a)
        items.append(fact(a, key, phrase, time=time, date=date, speaker=speaker))
    for f in evaluate(arts, extractions(*items), load_rules()):
        assert f.claims and all(c.line == 1 and c.column >= 1 for c in f.claims)
        assert f.severity in ("error", "warning", "info")
