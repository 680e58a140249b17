"""Rule fixtures: every case of tests/fixtures/rules/*.yml is a test with id <rule>-<case>, plus
tests of the runner itself (marks, prerequisites, broken fixture files)."""

from __future__ import annotations

import functools
import textwrap
from dataclasses import replace
from pathlib import Path

import pytest

from checker.errors import RuleError
from checker.model import ArticleFacts, Fact
from checker.parser.quantities import parse_text
from checker.ruleset.fixtures import load_cases, run_case
from checker.ruleset.loader import RuleSet, load_rules

FIXTURES = Path(__file__).resolve().parents[2] / "tests" / "fixtures" / "rules"


@functools.cache
def builtin_rules():
    return load_rules()


def pytest_generate_tests(metafunc):
    if "fixture_case" in metafunc.fixturenames:
        cases = load_cases([FIXTURES])
        metafunc.parametrize("fixture_case", cases, ids=[c.id for c in cases])


def test_rule_fixture(fixture_case):
    outcome = run_case(fixture_case, builtin_rules())
    if outcome.status == "xfail":
        pytest.xfail(outcome.reason)
    assert outcome.status == "pass", f"{fixture_case.location}: {outcome.status}: {outcome.reason}"


# ---------------------------------------------------------------- the runner


def toy_extract(article) -> ArticleFacts:
    """A stand-in extractor for runner tests: every duration is a call.duration."""
    facts = tuple(Fact(f"{article.id}:{q.start}", article.id, "call.duration", q)
                  for q in parse_text(article.text) if q.dimension == "[time]")
    return ArticleFacts(article.id, facts)


def cases_from(tmp_path, text: str):
    path = tmp_path / "fixture.yml"
    path.write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
    return load_cases([path])


CASES = """
    rule: duration-mismatch
    cases:
      - name: flags
        mark: flag
        articles:
          - {outlet: A, text: "It lasted two hours."}
          - {outlet: B, text: "It lasted three hours."}
        expect: [{key: call.duration, outlets: [A, B]}]
      - name: passes
        mark: pass
        articles:
          - {outlet: A, text: "It lasted two hours."}
          - {outlet: B, text: "It lasted 120 minutes."}
      - name: todo
        mark: todo-flag
        articles:
          - {outlet: A, text: "It lasted two hours."}
          - {outlet: B, text: "It lasted 121 minutes."}
        expect: [{key: call.duration}]
      - name: needs-more
        mark: pass
        requires: {facts: [talks.duration]}
        articles:
          - {outlet: A, published: 2025-05-19, text: "It lasted two hours."}
"""


def test_marks(tmp_path):
    outcomes = {c.name: run_case(c, builtin_rules(), toy_extract) for c in cases_from(tmp_path, CASES)}
    assert outcomes["flags"].status == "pass"
    assert outcomes["passes"].status == "pass"
    assert outcomes["todo"].status == "xfail"
    assert outcomes["needs-more"].status == "fail"  # its prerequisites are not met: nothing is skipped
    assert "talks.duration" in outcomes["needs-more"].reason
    todo = replace(cases_from(tmp_path, CASES)[3], mark="todo-flag", expect=({"key": "*"},))
    assert run_case(todo, builtin_rules(), toy_extract).status == "xfail"


def test_a_case_fails_when_extraction_cannot_be_imported(tmp_path, monkeypatch):
    import sys

    monkeypatch.setitem(sys.modules, "checker.extractor.facts", None)  # import fails
    outcome = run_case(cases_from(tmp_path, CASES)[0], builtin_rules())
    assert outcome.status == "fail" and "extraction cannot be imported" in outcome.reason


def test_a_fixture_fails_when_the_rule_misbehaves(tmp_path):
    flags, passes, todo, _ = cases_from(tmp_path, CASES)
    rules = builtin_rules()
    lax = RuleSet(tuple(replace(r, options={**r.options, "relative": 1}) if r.id == "duration-mismatch" else r
                        for r in rules))
    strict = RuleSet(tuple(replace(r, options={**r.options, "relative": 0}) if r.id == "duration-mismatch" else r
                           for r in rules))
    assert run_case(flags, lax, toy_extract).status == "fail"
    assert run_case(todo, strict, toy_extract).status == "xpass"
    absent = replace(passes, mark="flag", expect=({"key": "*"},))
    assert run_case(absent, rules, toy_extract).status == "fail"


def test_unknown_rule_fails(tmp_path):
    case = replace(cases_from(tmp_path, CASES)[0], rule="no-such-rule")
    assert run_case(case, builtin_rules(), toy_extract).status == "fail"


def test_broken_fixture_files_report_every_problem(tmp_path):
    (tmp_path / "a.yml").write_text("rule: x\ncases:\n  - name: Bad Name\n    mark: maybe\n", encoding="utf-8")
    (tmp_path / "b.yml").write_text("rule: [\n", encoding="utf-8")
    with pytest.raises(RuleError) as info:
        load_cases([tmp_path])
    out = "\n".join(info.value.lines())
    assert "a.yml:3:11: cases[0].name: 'Bad Name' is not allowed" in out
    assert "a.yml:4:11: cases[0].mark: 'maybe' is not one of: flag, pass, todo-flag" in out
    assert "a.yml:3:5: missing required key 'articles' in cases[0]" in out
    assert "b.yml:2:1: invalid YAML" in out


def test_a_flag_case_needs_an_expectation(tmp_path):
    with pytest.raises(RuleError, match="expect"):
        cases_from(tmp_path, """
            rule: x
            cases:
              - name: c
                mark: flag
                articles: [{outlet: A, text: t}]
        """)
