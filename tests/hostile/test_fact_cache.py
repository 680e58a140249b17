"""The fact cache never touches a file that is not crosscheck's, and a cache that fails (damaged, of
another shape, on a full disk, with rows moved between keys) is a warning and a run without it,
with the same report as a run without the cache."""

from __future__ import annotations

import os
import random
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from checker.cache.owner import APPLICATION_ID, inspect
from checker.cache.store import FACTS, SOURCES, FactCache, clear
from checker.cli import main

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def corpus(tmp_path, monkeypatch):
    """The seeds in tmp_path/articles, with tmp_path the working folder."""
    shutil.copytree(ROOT / "seeds", tmp_path / "articles")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def reference(capsys) -> tuple[int, str]:
    code, out, _ = run(capsys, "check", "articles", "--no-cache", "--format", "json", "--jobs", "1")
    return code, out


# ---------------------------------------------------------------- files that are not crosscheck's

def _foreign_db(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE users (name TEXT)")
    conn.execute("INSERT INTO users VALUES ('ada')")
    conn.commit()
    conn.close()


@pytest.mark.parametrize("make, what", [
    (lambda p: p.write_text("# my notes\n\nThe call lasted two hours.\n"), "not an SQLite database"),
    (lambda p: p.write_bytes(b""), "an empty file"),
    (lambda p: p.mkdir(), "a folder"),
    (_foreign_db, "another program; tables: users"),
])
def test_check_and_cache_clear_refuse_a_file_that_is_not_a_cache(corpus, capsys, make, what):
    target = corpus / "notes.md.db"
    make(target)
    before = snapshot(corpus)
    for argv in (["cache", "clear", "--cache", str(target)],
                 ["check", "articles", "--cache", str(target), "-q"]):
        code, out, err = run(capsys, *argv)
        assert code == 2, (argv, out, err)
        assert f"{target}: not a crosscheck fact cache (" in err and what in err
        assert "internal error" not in err and "Traceback" not in err
        assert snapshot(corpus) == before  # nothing changed, nothing added (no -wal, no -shm)
        assert sorted(p.name for p in corpus.iterdir()) == ["articles", "notes.md.db"]


def test_another_programs_database_marked_with_its_own_application_id_is_refused(tmp_path):
    path = tmp_path / "app.db"
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA application_id = 1234")
    conn.execute(f"CREATE TABLE {FACTS} (key TEXT)")  # even with a table of crosscheck's name
    conn.commit()
    conn.close()
    assert inspect(path).state == "foreign" and "application id 0x4d2" in inspect(path).what


def test_an_article_given_as_the_cache_is_left_alone(corpus, capsys):
    article = next((corpus / "articles").glob("000_*.txt"))
    before = article.read_bytes()
    code, _, err = run(capsys, "check", "articles", "--cache", str(article), "-q")
    assert code == 2 and "not a crosscheck fact cache" in err and article.read_bytes() == before


def test_a_new_cache_is_marked_and_an_earlier_unmarked_one_is_recognised(corpus, capsys):
    run(capsys, "check", "articles", "-q")
    path = corpus / ".crosscheck" / "cache.sqlite"
    assert inspect(path).state == "ours"
    assert int.from_bytes(path.read_bytes()[68:72], "big") == APPLICATION_ID
    assert [p.name for p in path.parent.iterdir()] == ["cache.sqlite"]  # no temporary file left
    old = corpus / "old.sqlite"  # what crosscheck wrote before the mark: its tables only
    conn = sqlite3.connect(old)
    conn.execute("CREATE TABLE facts2 (key TEXT PRIMARY KEY, data TEXT NOT NULL, extra TEXT NOT NULL) WITHOUT ROWID")
    conn.commit()
    conn.close()
    assert inspect(old).state == "unmarked"
    with FactCache(old, "fp"):
        pass
    assert inspect(old).state == "ours"
    assert clear(old) == 0
    assert [r[0] for r in sqlite3.connect(old).execute("SELECT name FROM sqlite_master WHERE type = 'table'")] \
        == [FACTS, SOURCES]


# ---------------------------------------------------------------- a cache that fails

def _filled(corpus, capsys) -> Path:
    code, out, err = run(capsys, "check", "articles", "--format", "json", "--jobs", "1")
    assert "warning" not in err
    return corpus / ".crosscheck" / "cache.sqlite"


def _same_report_with_a_warning(corpus, capsys, expected, warned: bool = True) -> None:
    code, out, err = run(capsys, "check", "articles", "--format", "json", "--jobs", "1")
    assert (code, out) == expected
    assert "internal error" not in err and "Traceback" not in err
    assert ("warning" in err and "fact cache" in err) == warned, err


def test_a_cache_damaged_in_the_middle_is_a_warning_and_clear_removes_it(corpus, capsys):
    expected = reference(capsys)
    path = _filled(corpus, capsys)
    data = bytearray(path.read_bytes())
    assert len(data) > 3 * 4096
    rng = random.Random(7)
    for i in range(4096, len(data)):  # every page after the first: the header (and the mark) is kept
        data[i] = rng.randrange(256)
    path.write_bytes(bytes(data))
    _same_report_with_a_warning(corpus, capsys, expected)
    _same_report_with_a_warning(corpus, capsys, expected)  # and again: the file is never made worse
    code, out, _ = run(capsys, "cache", "clear")
    assert code == 0 and "removed" in out and not path.exists()
    _same_report_with_a_warning(corpus, capsys, expected, warned=False)
    assert inspect(path).state == "ours"


def test_a_table_of_another_shape_is_a_warning(corpus, capsys):
    expected = reference(capsys)
    path = _filled(corpus, capsys)
    conn = sqlite3.connect(path)
    conn.execute(f"DROP TABLE {FACTS}")
    conn.execute(f"CREATE TABLE {FACTS} (key TEXT PRIMARY KEY, data TEXT)")
    conn.commit()
    conn.close()
    _same_report_with_a_warning(corpus, capsys, expected)


def test_rows_swapped_between_articles_are_misses_not_wrong_facts(corpus, capsys):
    expected = reference(capsys)
    path = _filled(corpus, capsys)
    conn = sqlite3.connect(path)
    rows = conn.execute(f"SELECT key, data, extra, data_sum, extra_sum FROM {FACTS} ORDER BY key").fetchall()
    assert len(rows) == 5
    for (key, *_), (_, *values) in zip(rows, rows[1:] + rows[:1]):  # each row's values under another key
        conn.execute(f"UPDATE {FACTS} SET data = ?, extra = ?, data_sum = ?, extra_sum = ? WHERE key = ?",
                     (*values, key))
    conn.commit()
    conn.close()
    code, out, err = run(capsys, "check", "articles", "--format", "json", "--jobs", "1", "--verbose")
    assert (code, out) == expected
    assert "fact cache: 0 reused, 5 extracted" in err


@pytest.mark.slow
@pytest.mark.skipif(sys.platform != "linux", reason="needs RLIMIT_FSIZE")
def test_a_full_disk_is_a_warning(corpus, capsys):
    import resource

    big = corpus / "articles" / "more"
    big.mkdir()
    for n in range(30):  # enough articles that the cache outgrows the limit
        shutil.copy(next((corpus / "articles").glob("000_*.txt")), big / f"copy{n}.txt")
    expected = reference(capsys)
    env = {**os.environ, "CROSSCHECK_LEXER_CACHE": "0", "XDG_CACHE_HOME": str(corpus / "xdg")}

    def small_disk() -> None:  # files can grow to 64 KiB, then a write fails with EFBIG: a full disk
        resource.setrlimit(resource.RLIMIT_FSIZE, (65536, 65536))

    # pint's own disk cache is written first, without the limit (a full disk there is pint's)
    subprocess.run([sys.executable, "-m", "checker", "parse", "two hours"], env=env, timeout=300, check=True,
                   capture_output=True)
    proc = subprocess.run([sys.executable, "-m", "checker", "check", "articles", "--format", "json", "--jobs", "1"],
                          capture_output=True, text=True, env=env, timeout=300, preexec_fn=small_disk)
    assert "internal error" not in proc.stderr and "Traceback" not in proc.stderr, proc.stderr
    assert "warning" in proc.stderr and "fact cache" in proc.stderr
    assert (proc.returncode, proc.stdout) == expected


@pytest.mark.slow
def test_two_runs_at_once_on_a_new_cache_both_succeed(corpus, capsys):
    expected = reference(capsys)
    env = {**os.environ}
    argv = [sys.executable, "-m", "checker", "check", "articles", "--format", "json", "--jobs", "1"]
    for _ in range(1):
        shutil.rmtree(corpus / ".crosscheck", ignore_errors=True)
        procs = [subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
                 for _ in range(2)]
        outs = [p.communicate(timeout=300) for p in procs]
        for p, (out, err) in zip(procs, outs):
            assert (p.returncode, out) == expected, err
            assert err == ""
        assert inspect(corpus / ".crosscheck" / "cache.sqlite").state == "ours"
        assert [p.name for p in (corpus / ".crosscheck").iterdir()] == ["cache.sqlite"]
