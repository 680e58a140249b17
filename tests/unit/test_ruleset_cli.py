"""``crosscheck rules list|validate|test|schema`` through the command line."""

from __future__ import annotations

import json
import textwrap

from checker.cli import main
from checker.ruleset.schema import rule_schema


def test_list_text_and_json(capsys, tmp_path):
    (tmp_path / "hedge-mismatch.yaml").write_text("id: hedge-mismatch\nenabled: false\n", encoding="utf-8")
    assert main(["rules", "list", "--rules", str(tmp_path)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].split() == ["id", "kind", "severity", "enabled", "source"]
    hedge = next(line for line in out if line.startswith("hedge-mismatch"))
    assert hedge.split()[1:4] == ["qualifier", "warning", "off"]
    assert main(["rules", "list", "--format", "json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["version"] == 1 and doc["tool"]["name"] == "crosscheck"
    numeric = next(r for r in doc["rules"] if r["id"] == "number-mismatch")
    assert (numeric["kind"], numeric["type"], numeric["severity"], numeric["enabled"]) == \
        ("numeric", "numeric", "error", True)


def test_validate_ok_and_broken(capsys, tmp_path):
    assert main(["rules", "validate"]) == 0
    assert "rules valid" in capsys.readouterr().out
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: bad\nkind: numeric\nseverity: high\nmessage: x\noptions: {relative: -1}\n", encoding="utf-8")
    assert main(["rules", "validate", str(bad)]) == 2
    err = capsys.readouterr().err.splitlines()
    assert err == [f"{bad}:3:11: severity: 'high' is not one of: error, warning, info",
                   f"{bad}:5:21: options.relative: -1 is less than the minimum of 0"]


def test_rule_errors_stop_check_before_any_article_is_read(capsys, tmp_path):
    (tmp_path / "bad.yaml").write_text("id: bad\nkind: nope\nseverity: error\nmessage: x\n", encoding="utf-8")
    assert main(["check", str(tmp_path / "no-such-folder"), "--rules", str(tmp_path)]) == 2
    assert "bad.yaml:2:7: no such kind: 'nope'" in capsys.readouterr().err


def test_rules_test_passes_and_fails(capsys, tmp_path):
    fixture = tmp_path / "duration-mismatch.yml"
    fixture.write_text(textwrap.dedent("""
        rule: duration-mismatch
        cases:
          - name: wrongly-expected
            mark: flag
            articles:
              - {outlet: A, text: "The call lasted two hours."}
              - {outlet: B, text: "The call lasted 120 minutes."}
            expect: [{key: call.duration}]
    """), encoding="utf-8")
    assert main(["rules", "test", str(fixture)]) == 1
    out = capsys.readouterr().out
    assert "FAIL   duration-mismatch-wrongly-expected" in out and "0 pass" not in out
    fixture.write_text(fixture.read_text(encoding="utf-8").replace("mark: flag", "mark: todo-flag"), encoding="utf-8")
    assert main(["rules", "test", str(fixture)]) == 0
    assert "1 xfail" in capsys.readouterr().out


def test_rules_test_broken_fixture_is_exit_2(capsys, tmp_path):
    (tmp_path / "x.yml").write_text("rule: x\ncases: []\n", encoding="utf-8")
    assert main(["rules", "test", str(tmp_path)]) == 2
    assert "x.yml:2:8: cases: [] should be non-empty" in capsys.readouterr().err


def test_schema(capsys):
    assert main(["rules", "schema"]) == 0
    assert json.loads(capsys.readouterr().out) == rule_schema()
