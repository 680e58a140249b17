"""The fact cache: exact round trips, keys that change when they must, two writers at once, a killed
writer, a broken file, and ``crosscheck cache clear``."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from fractions import Fraction
from pathlib import Path

import pytest

from checker.cache import CacheUnavailable, FactCache, article_key, clear, facts_from_json, facts_to_json, fingerprint
from checker.cli import main
from checker.model import Article, ArticleFacts, Fact, Mention, Quantity, Quote

ROOT = Path(__file__).resolve().parents[2]


def quantity(**changes) -> Quantity:
    fields = dict(text="more than two and a half hours", start=10, end=40, qualifier="more_than",
                  value=Fraction(5, 2), low=Fraction(5, 2), high=None, low_inclusive=False, high_inclusive=False,
                  unit="hour", dimension="[time]", hedge="more than", modifies="phone call", part_of="drone",
                  whole=Fraction(112), distributive=True)
    fields.update(changes)
    return Quantity(**fields)


def facts(article_id: str = "a") -> ArticleFacts:
    return ArticleFacts(
        article=article_id,
        facts=(Fact(id=f"{article_id}#1", article=article_id, key="call.duration", quantity=quantity(), speaker="Putin",
                    time="Monday", date="2025-05-19", sentence="It lasted more than two and a half hours.",
                    subject="call", measure="duration"),
               Fact(id=f"{article_id}#2", article=article_id, key="drone.launched",
                    quantity=quantity(qualifier="exact", value=Fraction(1, 3), low=Fraction(1, 3), high=Fraction(1, 3),
                                      unit=None, dimension="dimensionless", hedge=None, whole=None))),
        quotes=(Quote(id="q1", article=article_id, speaker=None, text="very \u201cfrank\u201d", start=1, end=9,
                      sentence="s", topic="call"),),
        mentions=(Mention(id="m1", article=article_id, text="Zelensky", start=3, end=11, surname="Zelensky",
                          given="Vladimir", entity="Volodymyr Zelenskyy"),),
    )


def article(text: str = "It lasted more than two and a half hours.", **changes) -> Article:
    fields = dict(id="a", path="a.txt", text=text, outlet="ABC News", published="2025-05-19")
    fields.update(changes)
    return Article(**fields)


def test_round_trip_is_exact_with_fractions_as_strings():
    data = facts_to_json(facts())
    assert data["facts"][0]["quantity"]["low"] == "5/2" and data["facts"][0]["quantity"]["whole"] == "112"
    assert data["facts"][1]["quantity"]["value"] == "1/3"
    back = facts_from_json(data)
    assert back == facts()
    assert isinstance(back.facts[0].quantity.low, Fraction) and isinstance(back.facts, tuple)
    assert back.facts[0].quantity.text == "more than two and a half hours"  # strings stay strings


def test_data_of_another_shape_is_refused():
    data = facts_to_json(facts())
    data["facts"][0]["no_such_field"] = 1
    with pytest.raises(ValueError):
        facts_from_json(data)


def test_keys_follow_content_metadata_and_fingerprint(tmp_path):
    fp = fingerprint()
    base = article_key(article(), fp)
    assert base == article_key(article(), fp)
    assert base != article_key(article("It lasted two hours."), fp)
    assert base != article_key(article(outlet="CBC News"), fp)
    assert base != article_key(article(), fingerprint(()) + "x")
    extra = tmp_path / "lexicon.yaml"
    extra.write_text("lexicon: facts\n")
    with_extra = fingerprint((str(extra),))
    assert with_extra != fp
    extra.write_text("lexicon: facts\nwords: [x]\n")
    assert fingerprint((str(extra),)) != with_extra


def test_get_put_hits_and_misses(tmp_path):
    path = tmp_path / "c" / "cache.sqlite"
    with FactCache(path, fingerprint()) as cache:
        assert cache.get(article()) is None
        cache.put(article(), facts())
        assert cache.get(article()) == facts()
        assert cache.get(article("changed")) is None
        assert (cache.hits, cache.misses) == (1, 2)
    with FactCache(path, "another version") as cache:
        assert cache.get(article()) is None
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    conn.close()


WRITER = textwrap.dedent("""
    import sys
    sys.path.insert(0, sys.argv[1])
    from tests_cache_helper import run
    run(sys.argv[2], sys.argv[3], int(sys.argv[4]))
""")

HELPER = textwrap.dedent("""
    import sys, time
    sys.path.insert(0, {unit!r})
    from test_cache import article, facts
    from checker.cache import FactCache

    def run(path, tag, n):
        with FactCache(path, "fp") as cache:
            for i in range(n):
                a = article(f"{{tag}} text {{i}}", id=f"{{tag}}{{i}}")
                cache.put(a, facts(a.id))
                shared = article("shared text", id="shared")
                cache.put(shared, facts("shared"))
                assert cache.get(a) == facts(a.id)
        print("ok", tag)
""")


def _spawn(tmp_path: Path, path: Path, tag: str, n: int) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen([sys.executable, "-c", WRITER, str(tmp_path), str(path), tag, str(n)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=ROOT)


def test_two_processes_writing_at_once_both_succeed(tmp_path):
    (tmp_path / "tests_cache_helper.py").write_text(HELPER.format(unit=str(Path(__file__).parent)))
    path = tmp_path / "cache.sqlite"
    procs = [_spawn(tmp_path, path, tag, 150) for tag in ("x", "y")]
    outs = [p.communicate(timeout=120) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], [o[1][-2000:] for o in outs]
    assert [o[0].strip() for o in outs] == ["ok x", "ok y"]
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT count(*) FROM facts").fetchone()[0] == 301
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()


def test_a_killed_writer_leaves_the_cache_usable(tmp_path):
    (tmp_path / "tests_cache_helper.py").write_text(HELPER.format(unit=str(Path(__file__).parent)))
    path = tmp_path / "cache.sqlite"
    proc = _spawn(tmp_path, path, "k", 100_000)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:  # wait until it has written something, then kill it mid-run
        if path.exists() and path.stat().st_size > 0 and Path(str(path) + "-wal").exists():
            time.sleep(0.3)
            break
        time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    with FactCache(path, "fp") as cache:
        cache.put(article(), facts())
        assert cache.get(article()) == facts()
        assert cache.get(article("k text 0", id="k0")) == facts("k0")
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()


def test_a_file_that_is_not_a_database_is_reported_and_clear_removes_it(tmp_path):
    path = tmp_path / "cache.sqlite"
    path.write_bytes(b"this is not sqlite at all" * 100)
    with pytest.raises(CacheUnavailable, match="cache clear"):
        FactCache(path, "fp")
    assert clear(path) == -1 and not path.exists()
    assert clear(path) == 0


def test_cache_clear_command(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    with FactCache(".crosscheck/cache.sqlite", "fp") as cache:
        cache.put(article(), facts())
        cache.put(article("b", id="b"), facts("b"))
    assert main(["cache", "clear"]) == 0
    assert capsys.readouterr().out == "crosscheck: cleared 2 cached articles from .crosscheck/cache.sqlite\n"
    assert main(["cache", "clear", "--cache", ".crosscheck/cache.sqlite"]) == 0
    assert "is empty" in capsys.readouterr().out
    with FactCache(".crosscheck/cache.sqlite", "fp") as cache:
        assert cache.get(article()) is None
