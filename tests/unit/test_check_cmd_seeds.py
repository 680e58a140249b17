"""``crosscheck check`` on the seed articles with the real stages: every format is produced and
well formed, the numbers agree across formats, and --new, --jobs and the cache change nothing they
should not.  Invariants only: which findings the rules make is the rules' tests' business."""

from __future__ import annotations

import json
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest

from checker.cli import main

ROOT = Path(__file__).resolve().parents[2]
SCHEMA = json.loads((ROOT / "tests" / "schemas" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    work = tmp_path_factory.mktemp("seeds")
    shutil.copytree(ROOT / "seeds", work / "seeds")
    mp = pytest.MonkeyPatch()
    mp.chdir(work)
    mp.delenv("GITHUB_ACTIONS", raising=False)
    outputs = {fmt: f"out/report.{ext}" for fmt, ext in
               (("json", "json"), ("sarif", "sarif"), ("html", "html"), ("junit", "xml"), ("markdown", "md"),
                ("github", "gh.txt"), ("text", "txt"))}
    argv = ["check", "seeds", "--fail-on", "never", "-q"]
    for fmt, out in outputs.items():
        argv += ["--format", fmt, "--output", out]
    code = main(argv)
    yield work, code, {fmt: (work / out).read_text(encoding="utf-8") for fmt, out in outputs.items()}
    mp.undo()


def test_every_format_on_the_seeds(run):
    _, code, out = run
    assert code == 0
    doc = json.loads(out["json"])
    assert doc["summary"]["articles"] == 5 and doc["summary"]["facts"] > 0
    log = json.loads(out["sarif"])
    assert list(jsonschema.Draft4Validator(SCHEMA).iter_errors(log)) == []
    assert len(log["runs"][0]["results"]) == len(doc["findings"])
    failures = ET.fromstring(out["junit"]).findall(".//failure")
    assert len(failures) == len(doc["findings"])
    assert out["html"].count('<tr class="finding"') == len(doc["findings"])
    assert sum(line.startswith("::") for line in out["github"].splitlines()) == min(
        len(doc["findings"]), sum(min(n, 10) for n in doc["summary"]["findings"].values()))
    counts = doc["summary"]["findings"]
    assert f"{counts['error']} error" in out["text"].splitlines()[-1]
    for f in doc["findings"]:
        assert f["claims"] and all(c["line"] >= 1 and c["column"] >= 1 for c in f["claims"])
        for c in f["claims"]:
            line = (Path(run[0]) / c["path"]).read_text(encoding="utf-8").splitlines()[c["line"] - 1]
            assert len(line) >= c["column"] - 1  # the place is inside the file as it is on disk


def test_new_only_reports_findings_with_the_new_article(run, capsys, monkeypatch):
    work, _, out = run
    monkeypatch.chdir(work)
    new = "seeds/004_5576b28b1530dbf3.txt"
    main(["check", "seeds", "--new", new, "--format", "json", "--fail-on", "never", "-q"])
    doc = json.loads(capsys.readouterr().out)
    everything = json.loads(out["json"])
    assert len(doc["articles"]) == 5
    involving = [f for f in everything["findings"] if any(c["path"] == new for c in f["claims"])]
    assert [f["id"] for f in doc["findings"]] == [f["id"] for f in involving]
    assert all(f["claims"][0]["path"] == new for f in doc["findings"])  # annotated on the new article


def test_jobs_and_cache_change_nothing(run, capsys, monkeypatch):
    work, _, out = run
    monkeypatch.chdir(work)
    main(["check", "seeds", "--format", "json", "--fail-on", "never", "-q", "-j", "2", "--no-cache"])
    assert capsys.readouterr().out == out["json"]
    main(["check", "seeds", "--format", "json", "--fail-on", "never", "-q"])  # from the cache the first run filled
    assert capsys.readouterr().out == out["json"]
