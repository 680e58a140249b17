"""Rule fixtures: named cases of inline articles with the findings a rule must (not) make.

A fixture file (tests/fixtures/rules/<rule-id>.yml) names one rule and lists cases::

    rule: hedge-mismatch
    cases:
      - name: exact-vs-more-than
        mark: flag                  # flag | pass | todo-flag
        articles:
          - {outlet: Daily A, published: 2025-05-19, text: "The call lasted two hours."}
          - {outlet: Daily B, text: "Putin said the call lasted more than two hours."}
        expect:                     # findings that must appear (flag, todo-flag)
          - {type: qualifier, key: call.duration, outlets: [Daily A, Daily B]}
        absent:                     # findings that must not appear (any mark)
          - {key: talks.duration}
        requires:                   # what extraction must find, else the case fails
          facts: [call.duration, call.duration]

A case runs the real pipeline on its articles (``checker.extractor.facts.extract``, then the engine with that
one rule).  ``requires`` lists what extraction must find for the case to mean anything (fact keys,
quote speakers, name surnames, one item each): a case whose prerequisites are missing fails with
the reason (a ``todo-flag`` case stays a known miss), so that a ``pass`` case never passes only
because nothing was extracted, and a case never stops testing silently when extraction changes.
``flag`` passes when every ``expect`` entry matches a finding and no ``absent`` entry does; ``pass`` when the rule finds nothing; ``todo-flag`` is a known miss: it is expected to fail,
and a pass is reported so that it can be promoted to ``flag`` (like semgrep's ``todoruleid``).
An entry matches a finding when every field it gives agrees: ``type``, ``severity``, ``key`` (a
glob), ``outlets`` (all named outlets are among the finding's), ``detail`` and ``message``
(substrings).  A case fails, with the reason, when extraction cannot be imported: nothing is
skipped.
"""

from __future__ import annotations

import datetime
import fnmatch
import functools
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from checker.errors import Location, RuleError
from checker.findings import Finding
from checker.model import SEVERITIES, Article, ArticleFacts
from checker.yamlio import read_yaml

from .schema import schema_problems, validator_for

__all__ = ["Case", "Outcome", "fixture_files", "load_cases", "run_case"]

_ENTRY = {
    "type": "object", "additionalProperties": False,
    "properties": {
        "rule": {"type": "string"}, "type": {"type": "string"}, "severity": {"enum": list(SEVERITIES)},
        "key": {"type": "string"}, "outlets": {"type": "array", "items": {"type": "string"}},
        "detail": {"type": "string"}, "message": {"type": "string"},
    },
}
FIXTURE_SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object", "additionalProperties": False, "required": ["rule", "cases"],
    "properties": {
        "rule": {"type": "string", "pattern": r"^[a-z0-9][a-z0-9-]*$"},
        "cases": {"type": "array", "minItems": 1, "items": {
            "type": "object", "additionalProperties": False, "required": ["name", "mark", "articles"],
            "properties": {
                "name": {"type": "string", "pattern": r"^[a-z0-9][a-z0-9-]*$"},
                "mark": {"enum": ["flag", "pass", "todo-flag"]},
                "description": {"type": "string"},
                "articles": {"type": "array", "minItems": 1, "items": {
                    "type": "object", "additionalProperties": False, "required": ["outlet", "text"],
                    "properties": {"outlet": {"type": "string"}, "text": {"type": "string"},
                                   "published": {"type": ["string", "null"]},
                                   "story": {"type": ["string", "null"]}, "title": {"type": "string"}}}},
                "requires": {"type": "object", "additionalProperties": False, "properties": {
                    k: {"type": "array", "items": {"type": "string"}} for k in ("facts", "quotes", "mentions")}},
                "expect": {"type": "array", "items": _ENTRY},
                "absent": {"type": "array", "items": _ENTRY},
                "options": {"type": "object"},
            },
            "if": {"properties": {"mark": {"const": "pass"}}},
            "then": {"properties": {"expect": {"maxItems": 0}}},
            "else": {"required": ["expect"], "properties": {"expect": {"minItems": 1}}},
        }},
    },
}


@dataclass(frozen=True, slots=True)
class Case:
    """One fixture case."""

    rule: str
    name: str
    mark: str
    articles: tuple[Mapping[str, Any], ...]
    expect: tuple[Mapping[str, Any], ...]
    absent: tuple[Mapping[str, Any], ...]
    location: Location
    requires: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    #: the rule's options this case sets (a house-style case gives its vocabulary so)
    options: Mapping[str, Any] = field(default_factory=dict)

    @property
    def id(self) -> str:
        return f"{self.rule}-{self.name}"


@dataclass(frozen=True, slots=True)
class Outcome:
    """How a case went: ``pass``, ``fail``, ``xfail`` (a todo-flag still missed) or ``xpass`` (a
    todo-flag that now flags: promote it); ``reason`` says why."""

    case: Case
    status: str
    reason: str = ""
    findings: tuple[Finding, ...] = ()

    @property
    def ok(self) -> bool:
        return self.status in ("pass", "xfail")


def fixture_files(paths: Iterable[str | Path]) -> tuple[list[Path], list[tuple[Location, str]]]:
    """The fixture files under ``paths`` (files, or folders of *.yml / *.yaml)."""
    files, problems = [], []
    for p in map(Path, paths):
        if p.is_dir():
            files += sorted(f for f in p.iterdir() if f.suffix in (".yml", ".yaml") and f.is_file())
        elif p.is_file():
            files.append(p)
        else:
            problems.append((Location(str(p)), "no such fixture file or folder"))
    return files, problems


@functools.cache
def _validator():
    return validator_for(FIXTURE_SCHEMA)


def _dates_as_text(data: Any) -> None:
    """``published: 2025-05-19`` unquoted is a YAML date; the pipeline wants ISO text."""
    for case in data.get("cases") or [] if isinstance(data, dict) else []:
        for art in (case.get("articles") or []) if isinstance(case, dict) else []:
            if isinstance(art, dict) and isinstance(art.get("published"), (datetime.date, datetime.datetime)):
                art["published"] = art["published"].isoformat()


def load_cases(paths: Iterable[str | Path]) -> list[Case]:
    """Every case of the fixture files under ``paths``; RuleError listing every problem."""
    files, problems = fixture_files(paths)
    cases: list[Case] = []
    for f in files:
        doc, found = read_yaml(f, strict=True)
        if doc is not None and not found:
            _dates_as_text(doc.data)
            found = schema_problems(doc, _validator())
        problems += found
        if doc is None or found:
            continue
        names = set()
        for i, c in enumerate(doc.data["cases"]):
            where = doc.location(("cases", i))
            if c["name"] in names:
                problems.append((doc.location(("cases", i, "name")), f"case name {c['name']!r} used twice"))
            names.add(c["name"])
            cases.append(Case(doc.data["rule"], c["name"], c["mark"], tuple(c["articles"]),
                              tuple(c.get("expect") or ()), tuple(c.get("absent") or ()), where,
                              {k: tuple(v) for k, v in (c.get("requires") or {}).items()},
                              c.get("options") or {}))
    if problems:
        raise RuleError(problems)
    return cases


def _articles(case: Case) -> list[Article]:
    out = []
    for i, a in enumerate(case.articles, 1):
        published = a.get("published")
        out.append(Article(id=f"{case.name}-{i}", path=f"{case.location.path}#{case.name}/{i}",
                           text=a["text"], outlet=a["outlet"], title=a.get("title"),
                           published=str(published) if published is not None else None,
                           story=a.get("story", "fixture")))
    return out


def matches(entry: Mapping[str, Any], finding: Finding, rule_id: str) -> bool:
    """True when ``finding`` agrees with every field ``entry`` gives."""
    outlets = {c.outlet for c in finding.claims}
    return (finding.rule == entry.get("rule", rule_id)
            and entry.get("type", finding.type) == finding.type
            and entry.get("severity", finding.severity) == finding.severity
            and fnmatch.fnmatchcase(finding.key, entry.get("key", "*"))
            and set(entry.get("outlets", ())) <= outlets
            and entry.get("detail", "") in (finding.detail or "")
            and entry.get("message", "") in finding.message)


def _lacking(case: Case, extractions: Iterable[ArticleFacts]) -> list[str]:
    """What the case ``requires`` that extraction did not find (each entry needs its own item)."""
    found = {"facts": [], "quotes": [], "mentions": []}
    for ex in extractions:
        found["facts"] += [f.key for f in ex.facts]
        found["quotes"] += [q.speaker or "" for q in ex.quotes]
        found["mentions"] += [m.surname for m in ex.mentions]
    lacking = []
    for what, wanted in sorted(case.requires.items()):
        pool = list(found[what])
        for w in wanted:
            if w in pool:
                pool.remove(w)
            else:
                lacking.append(f"{what[:-1]} {w!r}")
    return lacking


def _extractor() -> tuple[Callable[[Article], ArticleFacts] | None, str]:
    try:
        from checker.extractor.facts import extract
    except ImportError as exc:
        return None, f"extraction cannot be imported ({exc})"
    return extract, ""


def run_case(case: Case, rules, extract: Callable[[Article], ArticleFacts] | None = None) -> Outcome:
    """Run one case through extraction and the engine with its rule (turned on if it was off)."""
    from checker.engine import evaluate

    rule = rules.get(case.rule)
    if rule is None:
        return Outcome(case, "fail", f"no rule {case.rule!r} is loaded")
    if extract is None:
        extract, why = _extractor()
        if extract is None:
            return Outcome(case, "fail", why)
    articles = _articles(case)
    extractions = {a.id: extract(a) for a in articles}
    lacking = _lacking(case, extractions.values())
    if lacking:
        why = "extraction does not give what the case requires: " + ", ".join(lacking)
        return Outcome(case, "xfail" if case.mark == "todo-flag" else "fail", why)
    unknown = sorted(set(case.options) - set(rule.options))
    if unknown:
        return Outcome(case, "fail", f"rule {rule.id!r} has no option {unknown[0]!r}")
    rule = replace(rule, enabled=True, options={**rule.options, **case.options})
    findings = tuple(evaluate(articles, extractions, [rule]))
    problems = [f"expected {dict(e)} but no finding matches" for e in case.expect
                if not any(matches(e, f, case.rule) for f in findings)]
    problems += [f"found {f.key!r} ({f.message}) which must not appear" for e in case.absent
                 for f in findings if matches(e, f, case.rule)]
    if case.mark == "pass":
        problems += [f"the rule must not flag this, but found: {f.message}" for f in findings]
    if case.mark == "todo-flag":
        return Outcome(case, "xpass" if not problems else "xfail",
                       "now flags as expected: mark it flag" if not problems else "; ".join(problems), findings)
    return Outcome(case, "fail" if problems else "pass", "; ".join(problems), findings)
