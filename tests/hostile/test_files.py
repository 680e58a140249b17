"""Files a newsroom's folder can hold: FIFOs, devices, sockets, symbolic-link loops, names that are not
UTF-8, paths that cannot be read.  Inside a folder each is skipped with a note (the exit status is
the findings'); given by name, each is an error (exit 2) reported after the other articles are
checked.  Nothing hangs, nothing else on disk changes."""

from __future__ import annotations

import json
import os
import shutil
import socket
import sys
from pathlib import Path

import pytest
from hostile import ROOT, clean, crosscheck, snapshot

pytestmark = pytest.mark.slow

SEEDS = sorted(p for p in (ROOT / "seeds").iterdir())


@pytest.fixture
def work(tmp_path) -> Path:
    (tmp_path / "articles").mkdir()
    for p in SEEDS:
        shutil.copy(p, tmp_path / "articles" / p.name)
    return tmp_path


def _findings(done) -> int:
    return len(json.loads(done.out)["findings"])


def test_special_files_and_link_loops_in_a_folder_are_skipped_with_a_note(work):
    articles = work / "articles"
    os.mkfifo(articles / "pipe.txt")
    os.symlink("loop-b.txt", articles / "loop-a.txt")
    os.symlink("loop-a.txt", articles / "loop-b.txt")
    os.symlink(".", articles / "self")  # a folder that contains itself
    os.symlink("/dev/zero", articles / "zero.txt")
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(str(articles / "sock.txt"))
    try:
        before = snapshot(work)
        plain = clean(crosscheck("check", "articles", "--no-cache", "--format", "json", cwd=work), 1)
        done = clean(crosscheck("check", "articles", "--no-cache", "--format", "json", "--verbose", cwd=work), 1)
    finally:
        sock.close()
    assert snapshot(work) == before
    assert _findings(done) == _findings(plain) > 0
    for name in ("pipe.txt", "loop-a.txt", "zero.txt", "sock.txt"):
        assert f"skipped articles/{name}" in done.err, done.err


def test_a_path_given_that_cannot_be_read_is_an_error_after_the_others_are_checked(work):
    os.mkfifo(work / "pipe.txt")
    before = snapshot(work)
    done = clean(crosscheck("check", "articles", "pipe.txt", "missing.md", "/dev/null", "--no-cache",
                            "--format", "json", "--output", "-", cwd=work), 2)
    assert _findings(done) > 0  # the readable articles were checked and reported
    assert "pipe.txt: not a regular file" in done.err
    assert "missing.md: no such file or folder" in done.err
    assert "/dev/null: not a regular file" in done.err
    assert snapshot(work) == before
    done = clean(crosscheck("extract", "articles", "pipe.txt", "--no-cache", cwd=work), 2)
    assert "call.duration" in done.out and "pipe.txt: not a regular file" in done.err
    done = clean(crosscheck("baseline", "articles", "pipe.txt", "--no-cache", "--output", "b.json", cwd=work), 2)
    assert not (work / "b.json").exists()  # a baseline without the unread file's findings would hide them


def test_only_unreadable_paths_is_an_error(work):
    os.mkfifo(work / "pipe.txt")
    done = clean(crosscheck("check", "pipe.txt", "nope", "--no-cache", cwd=work), 2)
    assert "pipe.txt: not a regular file" in done.err and "nope: no such file" in done.err
    assert "no articles found" in done.err


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their permissions")
def test_a_file_or_folder_without_permission_is_an_error_after_the_others(work):
    (work / "secret.txt").write_text("The call lasted two hours.\n")
    (work / "secret.txt").chmod(0)
    (work / "closed").mkdir()
    (work / "closed").chmod(0)
    try:
        done = clean(crosscheck("check", "articles", "secret.txt", "closed", "--no-cache", "--format", "json",
                                cwd=work), 2)
    finally:
        (work / "closed").chmod(0o755)
    assert _findings(done) > 0 and "secret.txt: cannot read" in done.err and "closed: cannot read folder" in done.err


@pytest.mark.skipif(sys.platform != "linux", reason="file names of any bytes")
def test_a_file_name_that_is_not_utf8_is_an_error_after_the_others(work):
    name = os.fsdecode(b"\xff\xfe-bad-\x1b[2J.txt")
    shutil.copy(SEEDS[0], work / "articles" / name)
    for fmt in ("text", "json", "github", "sarif", "markdown", "html", "junit"):
        done = clean(crosscheck("check", "articles", "--no-cache", "--format", fmt, cwd=work), 2)
        assert "\x1b" not in done.out + done.err and "-bad-" not in done.out
        assert "-bad-" in done.err and "name is not valid UTF-8 (byte 0xff)" in done.err
        assert "Zelensk" in done.out  # the other articles were checked
    done = clean(crosscheck("extract", "articles", "--no-cache", cwd=work), 2)
    assert "call.duration" in done.out and "name is not valid UTF-8" in done.err


def test_one_run_reads_a_bounded_amount(work, monkeypatch):
    from checker.errors import UsageError
    from checker.ingest import articles as ingest

    monkeypatch.setattr(ingest, "MAX_RUN_BYTES", 4096)
    with pytest.raises(UsageError, match="over the 0 GiB one run reads"):
        ingest.read_articles([str(work / "articles")])
    monkeypatch.setattr(ingest, "MAX_RUN_FILES", 3)
    with pytest.raises(UsageError, match="over the 3 one run reads"):
        ingest.read_articles([str(work / "articles")])


def test_an_article_over_the_size_limit_is_skipped_with_a_note(work):
    big = work / "articles" / "big.txt"
    with open(big, "wb") as fh:
        fh.truncate(21 * 1024 * 1024)  # sparse: no disk used
    done = clean(crosscheck("check", "articles", "--no-cache", "--verbose", "-q", cwd=work), 1)
    assert "big.txt: 21.0 MB is over the 20.0 MB size limit" in done.err


@pytest.mark.parametrize("option", ["--baseline", "--config", "--rules", "--cache"])
def test_a_fifo_given_for_any_file_option_is_an_error_not_a_hang(work, option):
    os.mkfifo(work / "fifo.yaml")
    before = snapshot(work)
    done = clean(crosscheck("check", "articles", option, "fifo.yaml", cwd=work, timeout=60), 2)
    assert "fifo.yaml" in done.err and "regular file" in done.err
    assert snapshot(work) == before


def test_a_fifo_among_the_rules_or_as_a_sources_yaml_is_not_waited_on(work):
    (work / "rules").mkdir()
    os.mkfifo(work / "rules" / "x.yaml")
    os.mkfifo(work / "articles" / "sources.yml")
    clean(crosscheck("check", "articles", "--rules", "rules", "--no-cache", cwd=work, timeout=60), 0, 1, 2)
