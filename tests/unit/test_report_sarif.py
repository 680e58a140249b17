"""SARIF 2.1.0: valid against the official schema (vendored in tests/schemas) and shaped as GitHub
code scanning wants it."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from pathlib import Path

import jsonschema
import pytest
from test_report_sample import FINDINGS, IBN, sample_report

from checker.report import render
from checker.report.sarif import FINGERPRINT, artifact_location

SCHEMA = json.loads((Path(__file__).parents[1] / "schemas" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
URI_REFERENCE = re.compile(r"^[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]*$")


@pytest.fixture(scope="module")
def log() -> dict:
    return json.loads(render("sarif", sample_report()))


def validate(doc: dict) -> list[str]:
    validator = jsonschema.Draft4Validator(SCHEMA, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER)
    return [f"{list(e.path)}: {e.message}" for e in validator.iter_errors(doc)]


def test_the_vendored_schema_is_the_official_one():
    assert SCHEMA["id"] == "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
    jsonschema.Draft4Validator.check_schema(SCHEMA)


def test_valid_against_the_schema(log):
    assert validate(log) == []
    assert validate(json.loads(render("sarif", sample_report(findings=(), rules=())))) == []


def test_the_schema_would_catch_a_broken_log(log):
    broken = json.loads(json.dumps(log))
    broken["runs"][0]["results"][0]["level"] = "fatal"
    del broken["runs"][0]["tool"]["driver"]["name"]
    assert len(validate(broken)) == 2


def test_every_rule_is_described(log):
    driver = log["runs"][0]["tool"]["driver"]
    ids = [r["id"] for r in driver["rules"]]
    assert ids == sorted({f.rule for f in FINDINGS} | {"unused-rule"})
    for rule in driver["rules"]:
        assert rule["shortDescription"]["text"] and rule["fullDescription"]["text"]
        assert rule["help"]["text"] and rule["help"]["markdown"]
    numeric = next(r for r in driver["rules"] if r["id"] == "numeric-mismatch")
    assert numeric["fullDescription"]["text"].startswith("Outlets give values for the same fact that do not overlap.")
    assert numeric["defaultConfiguration"]["level"] == "error"


def test_results_point_at_claims_with_related_locations(log):
    run = log["runs"][0]
    assert run["columnKind"] == "unicodeCodePoints"
    results = run["results"]
    assert [r["ruleId"] for r in results] == [f.rule for f in FINDINGS]
    assert [r["level"] for r in results] == ["error", "warning", "warning", "note", "warning", "error"]
    rules = run["tool"]["driver"]["rules"]
    for result, finding in zip(results, FINDINGS, strict=True):
        assert rules[result["ruleIndex"]]["id"] == finding.rule
        loc = result["locations"][0]["physicalLocation"]
        first = finding.claims[0]
        assert loc["region"] == {"startLine": first.line, "startColumn": first.column, "endLine": first.end_line,
                                 "endColumn": first.end_column, "snippet": {"text": first.text}}
        assert loc["artifactLocation"]["uriBaseId"] == "%SRCROOT%"
        related = result.get("relatedLocations", [])
        assert len(related) == len(finding.claims) - 1
        for i, rel in enumerate(related, start=1):
            assert rel["id"] == i and f"]({i})" in result["message"]["text"]
            assert finding.claims[i].outlet in rel["message"]["text"]


def test_fingerprints_are_the_finding_ids_and_stable(log):
    assert [r["partialFingerprints"][FINGERPRINT] for r in log["runs"][0]["results"]] == [f.id for f in FINDINGS]
    moved = [replace(f, claims=tuple(replace(c, line=c.line + 5) for c in f.claims)) for f in FINDINGS]
    again = json.loads(render("sarif", sample_report(findings=tuple(moved))))
    assert [r["partialFingerprints"] for r in again["runs"][0]["results"]] == \
        [r["partialFingerprints"] for r in log["runs"][0]["results"]]


def test_artifact_uris_are_relative_and_percent_encoded(log, tmp_path, monkeypatch):
    uris = [a["location"]["uri"] for a in log["runs"][0]["artifacts"]]
    assert "seeds/004%20inter%20bellum.txt" in uris
    assert all(URI_REFERENCE.match(u) and not u.startswith("/") for u in uris)
    assert IBN.path.replace(" ", "%20") in uris
    monkeypatch.chdir(tmp_path)
    assert artifact_location(str(tmp_path / "a b" / "x.txt")) == {"uri": "a%20b/x.txt", "uriBaseId": "%SRCROOT%"}
    outside = artifact_location("/elsewhere/x.txt")
    assert outside == {"uri": "file:///elsewhere/x.txt"}


def test_message_brackets_are_escaped_for_embedded_links():
    f = replace(FINDINGS[0], message="values [2] and [3] differ")
    text = json.loads(render("sarif", sample_report(findings=(f,))))["runs"][0]["results"][0]["message"]["text"]
    assert text.startswith("values \\[2\\] and \\[3\\] differ.")
    assert "](1)" in text


def test_no_timestamps_and_byte_stable():
    a = render("sarif", sample_report())
    assert a == render("sarif", sample_report())
    assert not re.search(r"\d{4}-\d\d-\d\dT\d\d:", a)


def test_disabled_rules_are_not_described_unless_a_finding_names_them():
    from types import SimpleNamespace

    off = SimpleNamespace(id="switched-off", severity="info", type="numeric", description="Off.", enabled=False)
    rules = json.loads(render("sarif", sample_report(rules=(off,))))["runs"][0]["tool"]["driver"]["rules"]
    assert "switched-off" not in [r["id"] for r in rules]
    named = replace(FINDINGS[0], rule="switched-off")
    rules = json.loads(render("sarif", sample_report(rules=(off,), findings=(named,))))["runs"][0]["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == ["switched-off"]
