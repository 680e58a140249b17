"""crosscheck never writes over what it reads, never loses a file, and never reads its own reports
back: an --output that is an input, or two that are one file, is a usage error before anything is
written; several outputs are written all or none; a report written into the folder being read is
skipped on the next run."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from hostile import ROOT, clean, crosscheck, snapshot

pytestmark = pytest.mark.slow

SEEDS = sorted((ROOT / "seeds").iterdir())


@pytest.fixture
def work(tmp_path) -> Path:
    """tmp_path with the seeds in articles/, a baseline, a configuration and a rule file."""
    (tmp_path / "articles").mkdir()
    for p in SEEDS:
        shutil.copy(p, tmp_path / "articles" / p.name)
    (tmp_path / "rules").mkdir()
    rule = (ROOT / "rules" / "number-mismatch.yaml").read_text(encoding="utf-8")
    (tmp_path / "rules" / "mine.yaml").write_text(rule.replace("id: number-mismatch", "id: mine"), encoding="utf-8")
    clean(crosscheck("baseline", "articles", "--no-cache", "--output", "base.json", cwd=tmp_path), 0)
    (tmp_path / "crosscheck.yaml").write_text("rules: [rules]\ndefault-rules: true\n")
    return tmp_path


def _refused(work: Path, *args: str, says: str) -> None:
    before = snapshot(work)
    done = clean(crosscheck(*args, cwd=work), 2)
    assert says in done.err, done.err
    assert snapshot(work) == before  # nothing written, nothing removed, no temporary file left


ARTICLE = "articles/" + SEEDS[0].name


@pytest.mark.parametrize("output", [
    ARTICLE,                            # an article found in a folder given
    "articles/sources.yaml",            # the sources.yaml beside the articles
    "base.json",                        # the baseline read
    "crosscheck.yaml",                  # the configuration read
    "rules/mine.yaml",                  # a rule file read
    ".crosscheck/cache.sqlite",         # the fact cache
])
def test_an_output_that_is_an_input_is_refused(work, output):
    clean(crosscheck("check", "articles", "-q", cwd=work), 0, 1)  # the cache exists
    _refused(work, "check", "articles", "--baseline", "base.json", "--format", "json", "--output", output,
             says="which this run reads")


def test_an_article_given_by_name_a_link_to_it_or_a_hard_link_is_an_input(work):
    os.symlink(ARTICLE, work / "link.txt")
    os.link(work / ARTICLE, work / "hard.txt")
    for output in (ARTICLE, "link.txt", "hard.txt"):
        _refused(work, "check", ARTICLE, "articles", "--no-cache", "--format", "text", "--output", output,
                 says="which this run reads")
    _refused(work, "extract", "articles", "--no-cache", "--format", "json", "--output", ARTICLE,
             says="which this run reads")
    _refused(work, "baseline", "articles", "--no-cache", "--output", ARTICLE, says="which this run reads")


def test_two_outputs_that_are_one_file_are_refused(work):
    (work / "out").mkdir()
    os.symlink("r.json", work / "out" / "alias.json")
    for second in ("out/r.json", "out/alias.json", "out/../out/r.json"):
        _refused(work, "check", "articles", "--no-cache", "--format", "json", "--output", "out/r.json",
                 "--format", "sarif", "--output", second, says="are one file")


def test_several_outputs_are_all_written_or_none(work):
    (work / "old.json").write_text("old json\n")
    (work / "old.sarif").write_text("old sarif\n")
    (work / "blocker").write_text("a file where a folder should be\n")
    before = snapshot(work)
    done = clean(crosscheck("check", "articles", "--no-cache", "--format", "json", "--output", "old.json",
                            "--format", "sarif", "--output", "old.sarif",
                            "--format", "html", "--output", "blocker/r.html", cwd=work), 2)
    assert "cannot write blocker/r.html" in done.err and "no output file was changed" in done.err
    assert snapshot(work) == before
    done = clean(crosscheck("check", "articles", "--no-cache", "--format", "json", "--output", "old.json",
                            "--format", "sarif", "--output", "old.sarif", cwd=work), 1)
    assert (work / "old.json").read_text().startswith("{") and (work / "old.sarif").read_text().startswith("{")


def test_an_output_that_is_a_folder_or_a_fifo_nobody_reads_is_an_error_not_a_hang(work):
    (work / "dir.json").mkdir()
    os.mkfifo(work / "fifo.json")
    _refused(work, "check", "articles", "--no-cache", "--format", "json", "--output", "dir.json", says="a folder")
    _refused(work, "check", "articles", "--no-cache", "--format", "json", "--output", "fifo.json",
             says="no process is reading")


def test_reports_written_into_the_folder_read_are_not_read_back(work):
    articles = work / "articles"
    first = clean(crosscheck("check", ".", "--no-cache", "--format", "json", "--output", "-", cwd=articles), 1)
    formats = {"report.md": "markdown", "report.html": "html", "report.txt": "text", "report.jsonl": "json",
               "gh.txt": "github", "sarif.md": "sarif", "junit.html": "junit", "facts.txt": None}
    args = []
    for name, fmt in formats.items():
        if fmt:
            args += ["--format", fmt, "--output", name]
    clean(crosscheck("check", ".", "--no-cache", *args, cwd=articles), 1)
    clean(crosscheck("extract", ".", "--no-cache", "--output", "facts.txt", cwd=articles), 0)
    again = clean(crosscheck("check", ".", "--no-cache", "--format", "json", "--output", "-", "--verbose",
                             cwd=articles), 1)
    assert again.out == first.out  # the same articles, the same findings
    for name in formats:
        assert f"skipped {name}: one of crosscheck's own outputs" in again.err, again.err
    # and the same run may write them again over themselves
    clean(crosscheck("check", ".", "--no-cache", *args, cwd=articles), 1)


def test_a_file_that_only_looks_like_a_report_is_still_an_article(work):
    text = "## crosscheck: notes\n\nThe call lasted two hours, the Kremlin said.\n"
    (work / "articles" / "notes.md").write_text(text)
    done = clean(crosscheck("extract", "articles/notes.md", "--no-cache", cwd=work), 0)
    assert "call.duration" in done.out
    _refused(work, "check", "articles", "--no-cache", "--format", "markdown", "--output", "articles/notes.md",
             says="which this run reads")


def test_rules_list_does_not_write_over_a_rule_file(work):
    _refused(work, "rules", "list", "--rules", "rules", "--output", "rules/mine.yaml", says="which this run reads")
