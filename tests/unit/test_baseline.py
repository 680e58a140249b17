"""Baselines: written whole and sorted, read back to the same ids, and refused with a place when
malformed."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest
from test_report_sample import FINDINGS

from checker.errors import UsageError
from checker.run.baseline import VERSION, baseline_document, load_baseline, write_baseline
from checker.run.filters import filter_findings


def test_round_trip(tmp_path):
    path = tmp_path / "sub" / "baseline.json"
    assert write_baseline(path, reversed(FINDINGS)) == len(FINDINGS)
    assert load_baseline(path) == frozenset(f.id for f in FINDINGS)
    doc = json.loads(path.read_text())
    assert doc["version"] == VERSION and doc["kind"] == "baseline" and doc["tool"]["name"] == "crosscheck"
    assert [e["id"] for e in doc["findings"]] == sorted(f.id for f in FINDINGS)
    entry = next(e for e in doc["findings"] if e["id"] == "f-num-1")
    assert entry == {"id": "f-num-1", "rule": "numeric-mismatch", "key": "call.duration", "severity": "error",
                     "message": FINDINGS[0].message, "where": ["seeds/000_abc.txt:9:62", "seeds/002_cbc.txt:14:5"]}
    assert [p.name for p in path.parent.iterdir()] == ["baseline.json"]  # written via a temporary file, renamed


def test_same_findings_same_bytes_whatever_the_order():
    assert baseline_document(FINDINGS) == baseline_document(reversed(FINDINGS))


def test_baselined_findings_are_counted_not_shown():
    ids = frozenset({"f-num-1", "f-quote-1"})
    shown, failing, counts = filter_findings(FINDINGS, [], baseline_ids=ids)
    assert [f.id for f in shown] == [f.id for f in FINDINGS if f.id not in ids]
    assert counts == {"suppressed": 0, "baselined": 2, "hidden": 0} and failing == shown


def test_a_moved_finding_keeps_its_id_and_stays_baselined():
    moved = [replace(f, claims=tuple(replace(c, line=c.line + 3) for c in f.claims)) for f in FINDINGS]
    shown, _, counts = filter_findings(moved, [], baseline_ids=frozenset(f.id for f in FINDINGS))
    assert shown == [] and counts["baselined"] == len(FINDINGS)


@pytest.mark.parametrize("text, where, words", [
    ('{"version": 1, "kind": "baseline", "findings": [\n  {"id": "a"},\n  oops\n]}', ":3:3:", "not valid JSON"),
    ('{"version": 2, "kind": "baseline", "findings": []}', ":1:1:", "version 2 is not supported"),
    ('{"version": 1, "findings": []}', ":1:1:", "not a crosscheck baseline"),
    ('{"version": 1, "kind": "baseline", "findings": [{"rule": "x"}]}', ":1:1:", "string \"id\""),
])
def test_malformed_baselines_are_usage_errors_with_a_place(tmp_path, text, where, words):
    path = tmp_path / "b.json"
    path.write_text(text)
    with pytest.raises(UsageError) as info:
        load_baseline(path)
    assert str(info.value).startswith(f"{path}{where}") and words in str(info.value)


def test_missing_baseline(tmp_path):
    with pytest.raises(UsageError, match="baseline file not found"):
        load_baseline(tmp_path / "none.json")


def test_a_baseline_naming_a_key_no_fact_has_is_an_error_with_a_hint(tmp_path):
    path = tmp_path / "b.json"
    write_baseline(path, FINDINGS)
    ids = load_baseline(path)
    known = {f.key for f in FINDINGS}
    shown, _, counts = filter_findings(FINDINGS, [], baseline_ids=ids, known_keys=known)
    assert shown == [] and counts["baselined"] == len(FINDINGS)  # every key still exists: no error
    with pytest.raises(UsageError) as info:
        filter_findings(FINDINGS, [], baseline_ids=ids, known_keys=known - {"call.duration"})
    message = str(info.value)
    assert message.startswith(str(path)) and "call.duration" in message and "CHANGELOG" in message


def test_a_plain_set_of_ids_is_not_checked_for_keys():
    shown, _, _ = filter_findings(FINDINGS, [], baseline_ids=frozenset({"f-num-1"}), known_keys=set())
    assert "f-num-1" not in {f.id for f in shown}
