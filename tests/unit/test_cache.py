"""The fact cache: exact round trips, keys that change when they must, two writers at once, a killed
writer, a broken file, and ``crosscheck cache clear``."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from dataclasses import fields, replace
from fractions import Fraction
from pathlib import Path

import pytest

from checker.cache.codec import (
    FACT_COLUMNS,
    FACT_FIELDS,
    FORMAT,
    MENTION_COLUMNS,
    MENTION_FIELDS,
    QUANTITY_FIELDS,
    QUOTE_COLUMNS,
    QUOTE_FIELDS,
    Decoder,
    facts_from_json,
    facts_to_json,
)
from checker.cache.keys import article_key, fingerprint
from checker.cache.store import FACTS, FactCache, NotACache, clear
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
                      sentence="s", topic="call", channel="told reporters", day="Monday"),),
        mentions=(Mention(id="m1", article=article_id, text="Zelensky", start=3, end=11, surname="Zelensky",
                          given="Vladimir", entity="Volodymyr Zelenskyy"),),
    )


def article(text: str = "It lasted more than two and a half hours.", **changes) -> Article:
    fields = dict(id="a", path="a.txt", text=text, outlet="ABC News", published="2025-05-19")
    fields.update(changes)
    return Article(**fields)


def stored(x: ArticleFacts) -> tuple:
    """``x`` as the cache stores it: through JSON text."""
    return tuple(json.loads(json.dumps(v)) for v in facts_to_json(x))


def test_round_trip_is_exact_with_fractions_as_pairs():
    data, extra = stored(facts())
    assert data[0] == extra[0] == FORMAT and data[1] == "a"
    columns = dict(zip(FACT_COLUMNS, data[2], strict=True))
    assert columns["article"] == "a"  # one article throughout: written once
    assert columns["low"] == [[5, 2], [1, 3]] and columns["whole"] == [[112, 1], None] and columns["high"][0] is None
    assert extra[1] == ["a#1", "a#2"] and extra[6] == ["Volodymyr Zelenskyy"]
    back = facts_from_json(data, extra)
    assert back == facts()
    assert isinstance(back.facts[0].quantity.low, Fraction) and isinstance(back.facts, tuple)
    assert back.facts[0].quantity.text == "more than two and a half hours"  # strings stay strings
    plain = replace(facts(), facts=(replace(facts().facts[0], quantity=quantity(value=2, low=2, whole=None)),))
    again = facts_from_json(*stored(plain))
    assert again == plain and type(again.facts[0].quantity.value) is int  # an int stays an int
    other = replace(facts(), quotes=(replace(facts().quotes[0], article="b"), facts().quotes[0]))
    assert facts_from_json(*stored(other)) == other  # an item of another article keeps it
    assert facts_from_json(*stored(ArticleFacts("empty"))) == ArticleFacts("empty")


def test_the_columns_are_the_models_fields():
    """A field added to the model must be added to the columns (and FORMAT bumped)."""
    assert QUANTITY_FIELDS == tuple(f.name for f in fields(Quantity))
    assert FACT_FIELDS == tuple(f.name for f in fields(Fact))
    assert QUOTE_FIELDS == tuple(f.name for f in fields(Quote))
    assert MENTION_FIELDS == tuple(f.name for f in fields(Mention))
    assert set(FACT_COLUMNS) == set(FACT_FIELDS) - {"id", "sentence", "quantity"} | set(QUANTITY_FIELDS)
    assert set(QUOTE_COLUMNS) == set(QUOTE_FIELDS) - {"id", "sentence"}
    assert set(MENTION_COLUMNS) == set(MENTION_FIELDS) - {"id", "entity"}


def test_compact_decoding_is_what_for_comparison_keeps():
    from checker.cache.compact import for_comparison

    data, extra = stored(facts())
    compact = Decoder(compact=True)
    assert compact.article_facts(data) == compact.article_facts(data, extra) == for_comparison()(facts())
    assert Decoder().article_facts(data) == replace(for_comparison()(facts()), article="a")  # only ids etc. left out
    a, b = compact.article_facts(data), compact.article_facts(stored(facts())[0])
    assert a.facts[0].key is b.facts[0].key and a.facts[0].quantity.low is b.facts[0].quantity.low


def _column(section: int, names: tuple[str, ...], name: str):
    return lambda d: d[section][names.index(name)]


@pytest.mark.parametrize("damage", [
    lambda d, x: d.__setitem__(0, FORMAT - 1),                          # another format
    lambda d, x: x.__setitem__(0, FORMAT - 1),
    lambda d, x: d[2].append([]),                                       # a column too many
    lambda d, x: d[2].pop(),                                            # a column too few
    lambda d, x: _column(2, FACT_COLUMNS, "start")(d).__setitem__(0, "10"),   # a start that is text
    lambda d, x: _column(2, FACT_COLUMNS, "end")(d).pop(),              # a column too short
    lambda d, x: _column(2, FACT_COLUMNS, "value")(d).__setitem__(0, "5/2"),  # a number of another form
    lambda d, x: _column(2, FACT_COLUMNS, "value")(d).__setitem__(0, [5, 0]),  # no denominator
    lambda d, x: _column(2, FACT_COLUMNS, "distributive")(d).__setitem__(0, 1),  # a flag that is a number
    lambda d, x: _column(2, FACT_COLUMNS, "qualifier")(d).__setitem__(0, "roughly"),  # not a qualifier
    lambda d, x: _column(3, QUOTE_COLUMNS, "text")(d).__setitem__(0, ["very"]),  # a text that is a list
    lambda d, x: d.__setitem__(4, {"m1": 1}),                           # mentions that are no list
    lambda d, x: d.__setitem__(2, "abcdefghij"),                        # facts that are text
    lambda d, x: x[1].pop(),                                            # ids for fewer facts
])
def test_data_of_another_shape_is_refused(damage):
    data, extra = stored(facts())
    damage(data, extra)
    with pytest.raises((ValueError, TypeError)):
        facts_from_json(data, extra)


def test_a_row_that_does_not_decode_is_a_miss(tmp_path):
    with FactCache(tmp_path / "cache.sqlite", "fp") as cache:
        cache.put(article(), facts())
        cache._conn.execute(f"UPDATE {FACTS} SET data = ?", (json.dumps([FORMAT, "a", [["x"]], [], []]),))
        assert cache.get(article()) is None
        cache._conn.execute(f"UPDATE {FACTS} SET data = ?", ("not json",))
        assert cache.get(article()) is None and cache.misses == 2


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


def test_the_fingerprint_reads_every_module_of_the_package_and_the_grammar():
    import checker
    from checker.cache.keys import _files_for_fingerprint

    package = Path(checker.__file__).resolve().parent  # the installed package, under tox
    read = {p.resolve() for p in _files_for_fingerprint(())}
    modules = {p.resolve() for p in package.rglob("*.py")}
    assert modules <= read and (package / "extractor" / "facts.py").resolve() in read  # subfolders too
    assert any(p.suffix == ".lark" for p in read)


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
    from checker.cache.store import FactCache

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
    assert conn.execute(f"SELECT count(*) FROM {FACTS}").fetchone()[0] == 301
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


def test_a_file_that_is_not_a_database_is_refused_and_left_alone(tmp_path):
    path = tmp_path / "cache.sqlite"
    path.write_bytes(b"this is not sqlite at all" * 100)
    with pytest.raises(NotACache, match="not an SQLite database"):
        FactCache(path, "fp")
    with pytest.raises(NotACache):
        clear(path)
    assert path.read_bytes() == b"this is not sqlite at all" * 100
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cache.sqlite"]


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


# ---------------------------------------------------------------- the source index

def _corpus(root: Path) -> Path:
    """The seeds, a Markdown article with front matter and a suppression, an HTML page (its text is
    mapped back into the file) and a feed."""
    import shutil

    root.mkdir()
    for p in sorted((ROOT / "seeds").iterdir()):
        shutil.copy(p, root / p.name)
    (root / "m.md").write_text("---\noutlet: Markdown News\nstory: trump-putin-call-2025-05-19\n---\n\n"
                               "<!-- crosscheck-disable-next-line quote-wording -->\n"
                               "Putin said the call \u201clasted more than two hours\u201d on **Monday**.\n",
                               encoding="utf-8")
    (root / "h.html").write_text("<html><head><title>T</title><meta name=\"author\" content=\"x\"></head><body>"
                                 "<article><p>The call lasted   two&nbsp;hours, Trump&#39;s aide said.</p>"
                                 "</article></body></html>", encoding="utf-8")
    (root / "f.jsonl").write_text('{"id": "one", "outlet": "Feed", "text": "The call lasted three hours."}\n',
                                  encoding="utf-8")
    return root


def _read(root: Path, cache: FactCache):
    from checker.cache.codec import Decoder
    from checker.cache.index import SourceIndex
    from checker.run.extraction import read
    from checker.run.workers import extract_all

    index = SourceIndex(cache, Decoder(compact=True))
    articles = read([str(root)], reuse=index)
    facts = extract_all(articles, cache=cache, progress=False, compact=True, known=index.facts)
    index.record(articles)
    return articles, facts, set(index.facts)


def test_the_source_index_gives_unchanged_files_without_parsing_them(tmp_path):
    from checker.run.extraction import read
    from checker.run.workers import extract_all

    root = _corpus(tmp_path / "corpus")
    expected = read([str(root)])
    plain = extract_all(expected, progress=False, compact=True)
    with FactCache(tmp_path / "cache.sqlite", fingerprint()) as cache:
        first, facts1, reused1 = _read(root, cache)
        second, facts2, reused2 = _read(root, cache)
    assert first == expected and reused1 == set()
    assert reused2 == {a.id for a in expected} - {"f.jsonl#one"}  # a feed is always read
    assert second == [a.without_text() if a.id in reused2 else a for a in expected]
    for a, b in zip(expected, second, strict=True):  # every position resolves as before
        assert [a.position(i) for i in range(0, len(a.text), 7)] == [b.position(i) for i in range(0, len(a.text), 7)]
    assert facts1 == facts2 == plain
    assert any(a.offsets is not None for a in second if a.id in reused2)  # an offset map went through


def test_a_changed_file_entry_or_extractor_is_read_again(tmp_path):
    root = _corpus(tmp_path / "corpus")
    path = tmp_path / "cache.sqlite"
    with FactCache(path, fingerprint()) as cache:
        _read(root, cache)
        text = root / "002_46bcf98204728cd0.txt"
        text.write_text(text.read_text(encoding="utf-8") + "\nThe call lasted four hours.\n", encoding="utf-8")
        sources = root / "sources.yaml"
        sources.write_text(sources.read_text(encoding="utf-8").replace("outlet: CBC News", "outlet: CBC")
                           .replace("outlet: Inter Bellum News", "outlet: Inter Bellum News\n    story: other"),
                           encoding="utf-8")
        articles, facts, reused = _read(root, cache)
    changed = {"002_46bcf98204728cd0.txt", "004_5576b28b1530dbf3.txt", "f.jsonl#one"}
    assert reused == {a.id for a in articles} - changed
    by_id = {a.id: a for a in articles}
    assert by_id["004_5576b28b1530dbf3.txt"].story == "other" and facts["002_46bcf98204728cd0.txt"].facts
    with FactCache(path, fingerprint() + "another extractor") as cache:
        assert _read(root, cache)[2] == set()


def test_an_index_row_that_does_not_decode_is_a_miss(tmp_path):
    from checker.cache.store import SOURCES

    root = _corpus(tmp_path / "corpus")
    with FactCache(tmp_path / "cache.sqlite", fingerprint()) as cache:
        articles, _, _ = _read(root, cache)
        cache._conn.execute(f"UPDATE {SOURCES} SET article = ?", (json.dumps([FORMAT, "x"]),))
        assert _read(root, cache)[2] == set()
        assert _read(root, cache)[2] == {a.id for a in articles} - {"f.jsonl#one"}  # and indexed again
        cache._conn.execute(f"UPDATE {FACTS} SET data = ?", ("[]",))
        again, facts, reused = _read(root, cache)
    assert reused == set() and again == articles
