"""The Python API (``from checker import check, extract, parse``) against the command line."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import checker
from checker import check, extract, parse
from checker.errors import UsageError

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"


@pytest.fixture(scope="module")
def command_findings() -> list[dict]:
    done = subprocess.run([sys.executable, "-m", "checker", "check", "seeds", "--no-cache", "-q", "--format", "json"],
                          cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 1, done.stderr
    return json.loads(done.stdout)["findings"]


def test_check_gives_the_commands_findings_on_the_seeds(command_findings, monkeypatch):
    monkeypatch.chdir(ROOT)
    report = check(["seeds"])
    assert [f.as_json() for f in report.findings] == command_findings
    assert report.findings and report.articles


def test_check_returns_frozen_values():
    report = check([SEEDS])
    with pytest.raises(AttributeError):
        report.findings = ()  # type: ignore[misc]


def test_options_are_settings_with_underscores():
    report = check([SEEDS], min_severity="error")
    assert report.findings and {f.severity for f in report.findings} == {"error"}
    assert check([SEEDS], ignore=[f.rule for f in report.findings], min_severity="error").findings == ()


def test_run_gives_the_exit_status():
    assert checker.api.run([SEEDS]).exit_code() == 1
    assert checker.api.run([SEEDS], fail_on="never").exit_code() == 0


def test_a_library_call_writes_no_cache(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    check([SEEDS])
    assert list(tmp_path.iterdir()) == []


def test_a_bad_setting_is_a_usage_error():
    with pytest.raises(UsageError, match="unknown setting"):
        check([SEEDS], colour=True)
    with pytest.raises(UsageError, match="fail-on"):
        check([SEEDS], fail_on="sometimes")


def test_extract_gives_each_article_with_its_facts():
    pairs = extract([SEEDS])
    assert len(pairs) == len(list(SEEDS.glob("*.txt")))
    assert all(facts.article == article.id for article, facts in pairs)
    assert any(f.key == "call.duration" for _, facts in pairs for f in facts.facts)


def test_parse_reads_quantities():
    (q,) = parse("The call lasted more than two hours.")
    assert (q.text, q.qualifier, q.unit) == ("more than two hours", "more_than", "hour")
    assert parse("no numbers here") == ()


def test_a_configuration_file_is_read(tmp_path):
    (tmp_path / "crosscheck.yaml").write_text("min-severity: error\ncache: false\n", encoding="utf-8")
    report = check([SEEDS], config=tmp_path / "crosscheck.yaml")
    assert {f.severity for f in report.findings} == {"error"}


def test_the_worked_example_in_docs_api_md_is_real_output(monkeypatch):
    import doctest

    monkeypatch.chdir(ROOT)
    result = doctest.testfile(str(ROOT / "docs" / "api.md"), module_relative=False, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 10 and result.failed == 0


def test_the_readme_example_is_real_output(monkeypatch):
    """Every line of the README's example of `crosscheck check seeds/` (but the elided ones) is a
    line the command prints."""
    monkeypatch.chdir(ROOT)
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("```text\n", 1)[1].split("```", 1)[0]
    done = subprocess.run([sys.executable, "-m", "checker", "check", "seeds/", "--no-cache", "-q"], cwd=ROOT,
                          capture_output=True, text=True, env={**os.environ, "NO_COLOR": "1"})
    printed = done.stdout.splitlines()
    for line in block.splitlines():
        if line.strip() == "...":
            continue
        head = line.split(": ...")[0] if line.endswith(": ...") else line
        assert any(p.startswith(head) for p in printed), line
