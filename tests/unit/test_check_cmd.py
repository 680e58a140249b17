"""``crosscheck check`` and ``crosscheck baseline`` end to end over the stand-in stages: exit codes,
--fail-on against --min-severity, several formats in one run, --new, suppressions, --jobs, the cache."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest
from test_check_cmd_fakes import EXTRACT_CALLS, install, write_corpus

from checker.cli import main

CORPUS = {
    "a.txt": "outlet: ABC\ncall.duration = 2 by Putin\nwarn.drones = 112\ninfo.prisoners = 390\n",
    "b.txt": "outlet: CBC\ncall.duration = 3\nwarn.drones = 110\ninfo.prisoners = 390\n",
    "c.txt": "outlet: NYT\ninfo.prisoners = 1000\n",
}


@pytest.fixture
def corpus(tmp_path, monkeypatch) -> Path:
    install(monkeypatch)
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    return write_corpus(tmp_path / "articles", CORPUS)


def check(capsys, *argv) -> tuple[int, str, str]:
    code = main(["check", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_findings_at_or_above_fail_on_exit_1(corpus, capsys):
    code, out, _ = check(capsys, "articles")
    assert code == 1
    assert "call.duration" in out and "articles/a.txt:2:17" in out and "\u201c2\u201d" in out
    assert "1 error, 1 warning, 1 info" in out.splitlines()[-1]


def test_fail_on_never_and_warning_only_corpus(corpus, capsys):
    assert check(capsys, "articles", "--fail-on", "never")[0] == 0
    (corpus / "a.txt").write_text("outlet: ABC\nwarn.drones = 112\n")
    (corpus / "b.txt").write_text("outlet: CBC\nwarn.drones = 110\n")
    assert check(capsys, "articles")[0] == 0
    assert check(capsys, "articles", "--fail-on", "warning")[0] == 1
    assert check(capsys, "articles", "--fail-on", "info")[0] == 1


def test_min_severity_hides_but_fail_on_still_counts(corpus, capsys):
    code, out, _ = check(capsys, "articles", "--min-severity", "error", "--fail-on", "info")
    assert code == 1
    assert "warn.drones" not in out and "info.prisoners" not in out
    assert "2 below --min-severity not shown" in out
    code, out, _ = check(capsys, "articles", "--min-severity", "info", "--fail-on", "never")
    assert code == 0 and "warn.drones" in out and "info.prisoners" in out


def test_errors_exit_2_with_a_place(corpus, capsys):
    code, _, err = check(capsys, "articles", "--rules", "missing.yaml")
    assert code == 2 and err.startswith("missing.yaml:1:1: rule file not found")
    code, _, err = check(capsys, "articles", "--baseline", "nope.json")
    assert code == 2 and err.startswith("nope.json: baseline file not found")
    Path("crosscheck.yaml").write_text("fail-on: sometimes\n")
    code, _, err = check(capsys, "articles")
    assert code == 2 and err.startswith("crosscheck.yaml:1:10: fail-on: must be one of")
    Path("crosscheck.yaml").unlink()
    code, _, err = check(capsys, "articles", "--format", "json", "--format", "sarif")
    assert code == 2 and "--output" in err


def test_empty_corpus_is_an_error(tmp_path, monkeypatch, capsys):
    install(monkeypatch)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "empty").mkdir()
    code, _, err = check(capsys, "empty")
    assert code == 2 and "no articles found" in err


def test_several_formats_in_one_run(corpus, capsys):
    code, out, err = check(capsys, "articles", "--format", "json", "--output", "out/r.json",
                           "--format", "sarif", "--output", "out/r.sarif", "--format", "text", "--output", "-")
    assert code == 1
    doc = json.loads(Path("out/r.json").read_text())
    assert doc["version"] == 1 and doc["summary"]["findings"] == {"error": 1, "warning": 1, "info": 1}
    assert json.loads(Path("out/r.sarif").read_text())["version"] == "2.1.0"
    assert "call.duration" in out
    assert "wrote out/r.json, out/r.sarif" in err
    assert sorted(p.name for p in Path("out").iterdir()) == ["r.json", "r.sarif"]  # no temporary files left
    mask = os.umask(0)
    os.umask(mask)
    assert stat.S_IMODE(os.stat("out/r.json").st_mode) == 0o666 & ~mask  # not mkstemp's 0600


def test_format_from_output_extension(corpus, capsys):
    check(capsys, "articles", "--output", "r.html", "--output", "r.xml")
    assert Path("r.html").read_text().startswith("<!DOCTYPE html>")
    assert Path("r.xml").read_text().startswith("<?xml")
    code, _, err = check(capsys, "articles", "--output", "report.bin")
    assert code == 2 and "cannot tell the format" in err


def test_new_reports_only_findings_involving_new_articles(corpus, capsys, tmp_path):
    new = write_corpus(tmp_path / "incoming", {"d.txt": "outlet: WaPo\ncall.duration = 2\nfresh.key = 5\n"})
    (corpus / "b.txt").write_text("outlet: CBC\ncall.duration = 3\nfresh.key = 6\n")
    code, out, _ = check(capsys, "articles", "--new", str(new / "d.txt"), "--format", "json")
    keys = {f["key"] for f in json.loads(out)["findings"]}
    assert keys == {"call.duration", "fresh.key"}  # both involve d.txt; the a/b/c-only ones are out of scope
    assert code == 1
    code, out, _ = check(capsys, "articles", "--format", "json")
    assert {f["key"] for f in json.loads(out)["findings"]} == {"call.duration", "info.prisoners"}
    # a changed file inside the corpus (what the pre-commit hook passes): read once, still "new"
    code, out, _ = check(capsys, "articles", "--new", "articles/c.txt", "--format", "json")
    doc = json.loads(out)
    assert [f["key"] for f in doc["findings"]] == ["info.prisoners"] and len(doc["articles"]) == 3
    assert [c["path"] for c in doc["findings"][0]["claims"]] == ["articles/c.txt", "articles/a.txt"]


def test_suppressions_are_counted_not_silent(corpus, capsys):
    (corpus / "b.txt").write_text("outlet: CBC\nsuppress: numeric-mismatch\ncall.duration = 3\n"
                                  "warn.drones = 110\ninfo.prisoners = 390\n")
    (corpus / "c.txt").write_text("outlet: NYT\nignore: numeric-mismatch\ninfo.prisoners = 1000\n")
    code, out, _ = check(capsys, "articles", "--format", "json")
    doc = json.loads(out)
    assert {f["key"] for f in doc["findings"]} == {"warn.drones"}
    assert doc["summary"]["suppressed"] == 2 and code == 0
    Path("crosscheck.yaml").write_text("ignore: [numeric-mismatch]\n")
    code, out, _ = check(capsys, "articles")
    assert code == 0 and "3 suppressed" in out.splitlines()[-1]


def test_jobs_give_the_same_report(corpus, capsys):
    outs = [check(capsys, "articles", "--no-cache", "--format", "json", "-j", jobs)[1] for jobs in ("1", "3")]
    assert outs[0] == outs[1]


def test_cache_is_reused_and_no_cache_skips_it(corpus, capsys):
    check(capsys, "articles", "-v")
    assert Path(".crosscheck/cache.sqlite").is_file()
    assert len(EXTRACT_CALLS) == 3
    _, _, err = check(capsys, "articles", "-v")
    assert len(EXTRACT_CALLS) == 3 and "3 reused, 0 extracted" in err
    (corpus / "c.txt").write_text("outlet: NYT\ninfo.prisoners = 999\n")
    check(capsys, "articles")
    assert EXTRACT_CALLS[3:] == [str(Path("articles/c.txt"))]
    check(capsys, "articles", "--no-cache")
    assert len(EXTRACT_CALLS) == 7
    assert main(["cache", "clear"]) == 0
    assert "cleared 4 cached articles" in capsys.readouterr().out  # the old c.txt entry too
    check(capsys, "articles")
    assert len(EXTRACT_CALLS) == 10


def test_verbose_names_skipped_files_and_no_progress_off_a_terminal(corpus, capsys):
    (corpus / "notes.pdf").write_bytes(b"%PDF")
    _, _, err = check(capsys, "articles", "-v")
    assert "skipped articles/notes.pdf: not an article" in err
    _, _, err = check(capsys, "articles")
    assert err == ""


def test_baseline_round_trip(corpus, capsys):
    assert main(["baseline", "articles", "--output", "base.json"]) == 0
    assert "records 3 findings" in capsys.readouterr().err
    code, out, _ = check(capsys, "articles", "--baseline", "base.json")
    assert code == 0 and "no discrepancies found" in out and "3 baselined" in out
    (corpus / "c.txt").write_text("outlet: NYT\ninfo.prisoners = 1000\nnew.key = 1\n")
    (corpus / "a.txt").write_text(CORPUS["a.txt"] + "new.key = 2\n")
    code, out, _ = check(capsys, "articles", "--baseline", "base.json", "--format", "json")
    doc = json.loads(out)
    assert code == 1 and [f["key"] for f in doc["findings"]] == ["new.key"] and doc["summary"]["baselined"] == 3


def test_github_format_by_default_in_github_actions(corpus, capsys, monkeypatch):
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    _, out, _ = check(capsys, "articles")
    assert out.startswith("::error file=articles/a.txt,line=2,col=17")
    _, out, _ = check(capsys, "articles", "--format", "text")
    assert not out.startswith("::")


def test_color_only_on_a_terminal(monkeypatch):
    from checker.commands import check_cmd

    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setattr("sys.stdout.isatty", lambda: True)
    assert check_cmd.use_color() is True
    assert check_cmd.use_color(no_color=True) is False
    monkeypatch.setenv("NO_COLOR", "1")
    assert check_cmd.use_color() is False
    monkeypatch.delenv("NO_COLOR")
    monkeypatch.setattr("sys.stdout.isatty", lambda: False)
    assert check_cmd.use_color() is False


def test_outputs_follow_links_and_never_replace_special_files(corpus, capsys, tmp_path):
    import threading

    Path("link.json").symlink_to("real.json")
    check(capsys, "articles", "--output", "link.json")
    assert Path("link.json").is_symlink() and json.loads(Path("real.json").read_text())["version"] == 1
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_text()))
    reader.start()
    check(capsys, "articles", "--format", "json", "--output", str(fifo))
    reader.join(timeout=30)
    assert stat.S_ISFIFO(os.stat(fifo).st_mode) and json.loads(got[0])["version"] == 1
    code, _, err = check(capsys, "articles", "--output", str(corpus / "a.txt" / "r.json"))
    assert code == 2 and err.startswith(f"cannot write {corpus / 'a.txt' / 'r.json'}:")


def test_a_suppression_that_names_no_rule_says_so(tmp_path, capsys):
    from checker import api

    (tmp_path / "a.md").write_text("---\noutlet: Daily A\ncrosscheck: {ignore: [numbr-mismatch]}\n---\n"
                                   "<!-- crosscheck-disable-next-line number-mismatch, hedge-mismach -- checked -->\n"
                                   "The talks lasted two hours.\n", encoding="utf-8")
    api.check([tmp_path / "a.md"], cache=False)
    err = capsys.readouterr().err
    assert f"{tmp_path / 'a.md'}:6: note: a suppression of this line names no rule of this run: 'hedge-mismach'" in err
    assert "ignore names no rule of this run: 'numbr-mismatch'" in err
    assert "'number-mismatch'" not in err  # a rule of the run: no note
