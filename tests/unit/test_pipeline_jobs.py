"""``--jobs``: articles are extracted in worker processes while they are read, and come back as the
fact cache's JSON; the reports, the cache and the errors are the same for any number of processes."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from test_pipeline_new import make_corpus

from checker.cache.store import FACTS
from checker.cli import main
from checker.config import resolve
from checker.errors import InputError
from checker.run import extraction, workers


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    # more articles than --jobs auto waits for, so that auto starts its processes too
    return make_corpus(tmp_path_factory.mktemp("jobs") / "corpus", 11, workers.AUTO_MIN + 8)


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.slow
@pytest.mark.parametrize("command", ["check", "extract"])
def test_any_number_of_processes_gives_the_same_report(corpus, capsys, command):
    outs = {jobs: run(capsys, command, str(corpus), "--no-cache", "-q", "--format", "json", "-j", jobs)
            for jobs in ("1", "2", "3", "auto")}
    assert len({out for out in outs.values()}) == 1, {j: o[2][-300:] for j, o in outs.items()}
    assert '"facts"' in outs["1"][1]


@pytest.mark.slow
def test_the_cache_holds_the_same_whatever_filled_it(corpus, capsys, tmp_path):
    reports, rows = [], []
    for jobs in ("1", "2"):
        db = tmp_path / f"cache-{jobs}.sqlite"
        reports.append(run(capsys, "check", str(corpus), "--cache", str(db), "-q", "--format", "json", "-j", jobs))
        reports.append(run(capsys, "check", str(corpus), "--cache", str(db), "-q", "--format", "json", "-j", jobs))
        conn = sqlite3.connect(db)
        rows.append(sorted(conn.execute(f"SELECT key, data, extra FROM {FACTS}")))
        conn.close()
    assert len({r[1] for r in reports}) == 1
    assert rows[0] == rows[1] and len(rows[0]) == workers.AUTO_MIN + 8


def test_an_extraction_error_in_a_worker_is_reported_as_in_one_process(corpus, capsys, monkeypatch):
    import checker.extractor.facts

    real = checker.extractor.facts.extract

    def extract(article, lexicon=None):
        if article.id == "a017.txt":
            raise InputError("cannot make sense of this", None)
        return real(article, lexicon)

    monkeypatch.setattr(checker.extractor.facts, "extract", extract)  # forked workers see it too
    results = [run(capsys, "check", str(corpus), "--no-cache", "-q", "-j", jobs) for jobs in ("1", "2")]
    assert results[0][0] == results[1][0] == 2
    assert results[0][2] == results[1][2] and "cannot make sense of this" in results[0][2]


def test_a_file_that_cannot_be_read_stops_the_run_whatever_is_being_extracted(corpus, capsys, tmp_path):
    import shutil

    broken = tmp_path / "broken"
    shutil.copytree(corpus, broken)
    (broken / "a035.txt").write_bytes(b"The call lasted \xff two hours.\n")
    results = [run(capsys, "check", str(broken), "--no-cache", "-q", "-j", jobs) for jobs in ("1", "2")]
    assert results[0][0] == results[1][0] == 2
    assert results[0][2] == results[1][2] and "a035.txt:1:17: not valid UTF-8" in results[0][2]


def test_jobs_auto_is_a_setting(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    from checker.cli import build_parser

    assert resolve(build_parser().parse_args(["check", "-j", "auto"]))["jobs"] == "auto"
    (tmp_path / "crosscheck.yaml").write_text("jobs: auto\n")
    assert resolve(build_parser().parse_args(["check"]))["jobs"] == "auto"
    assert main(["config", "show"]) == 0
    assert '"auto"' in [line for line in capsys.readouterr().out.splitlines() if line.startswith("jobs")][0]
    assert workers.worker_count("auto") == workers.cpus() >= 1 and workers.worker_count(3) == min(3, workers.cpus())
    assert workers.worker_count(100_000) == workers.cpus()  # never more processes than CPUs


def test_with_jobs_this_process_reads_while_the_workers_extract(corpus, monkeypatch):
    import os

    parent, here = os.getpid(), []
    real = workers._extract_one

    def extract_one(article, lexicons=()):
        if os.getpid() == parent:
            here.append(article.id)
        return real(article, lexicons)

    monkeypatch.setattr(workers, "_extract_one", extract_one)
    articles = extraction.read([str(corpus)])
    two = workers.extract_all(iter(articles), jobs=2, progress=False, compact=True)
    assert here == []
    one = workers.extract_all(articles, jobs=1, progress=False, compact=True)
    assert len(here) == len(articles) and one == two and list(one) == [a.id for a in articles]
    assert workers.extract_all(articles[:3], jobs="auto", progress=False) == \
        workers.extract_all(articles[:3], jobs=1, progress=False)  # too few for processes: here
    assert len(here) == len(articles) + 6


@pytest.mark.slow
@pytest.mark.parametrize("fmt", ["json", "text"])
def test_extract_gives_the_same_from_the_cache_and_its_source_index(corpus, capsys, tmp_path, fmt):
    db = str(tmp_path / "c.sqlite")
    plain = run(capsys, "extract", str(corpus), "--no-cache", "-q", "--format", fmt)
    filled = run(capsys, "extract", str(corpus), "--cache", db, "-q", "--format", fmt, "-j", "2")
    indexed = run(capsys, "extract", str(corpus), "--cache", db, "-q", "--format", fmt)
    assert plain == filled == indexed


def _die(*args, **kwargs):
    import os

    os._exit(3)  # a worker killed half-way (say, by the out-of-memory killer)


def test_a_worker_that_dies_is_a_clear_error_not_a_traceback(corpus, capsys, monkeypatch):
    import multiprocessing

    if multiprocessing.get_start_method() != "fork":
        pytest.skip("the stand-in for a dying worker reaches it only through fork")
    monkeypatch.setattr(workers, "_extract_rows", _die)
    code, out, err = run(capsys, "extract", str(corpus), "--no-cache", "--jobs", "2", "--quiet")
    assert code == 2
    assert "an extraction process stopped before it finished" in err and "--jobs 1" in err
    assert "Traceback" not in err and "internal error" not in err


def test_running_out_of_memory_on_an_article_is_a_clear_error(corpus, capsys, monkeypatch):
    import checker.extractor.facts

    real = checker.extractor.facts.extract

    def extract(article, lexicon=None):
        if article.id == "a017.txt":
            raise MemoryError
        return real(article, lexicon)

    monkeypatch.setattr(checker.extractor.facts, "extract", extract)  # forked workers see it too
    for jobs in ("1", "2"):
        code, out, err = run(capsys, "check", str(corpus), "--no-cache", "-q", "-j", jobs)
        assert code == 2
        assert "a017.txt: out of memory while extracting this article" in err
        assert "internal error" not in err and "Traceback" not in err
