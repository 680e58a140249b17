"""The YAML cache (checker/yamlio.py): a file read before gives the same data and the same places
without parsing it again (and a whole run without importing PyYAML); what JSON cannot hold exactly,
a changed file, a strict read and a damaged cache file are parsed again."""

from __future__ import annotations

import datetime
import json
import os
import subprocess
import sys
import textwrap

import pytest

from checker import yamlparse
from checker.yamlio import read_yaml


def _paths(value, path=()):
    yield path
    items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
    for k, v in items:
        yield from _paths(v, (*path, k))


@pytest.fixture
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv("CROSSCHECK_YAML_CACHE", "1")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "home-cache"))
    return tmp_path / "home-cache" / "crosscheck"


def _refuse_parsing(monkeypatch):
    def parse(*args, **kwargs):
        raise AssertionError("parsed again")

    monkeypatch.setattr(yamlparse, "parse", parse)


KEPT = [
    "story: s\narticles:\n  a.txt: {outlet: \"Seed 000\", published: 2025-05-19, story: s}\n"
    "  b.txt:\n    outlet: Ünïcode Nëws\n    published: 2025-05-20 10:00:00\n",
    "# comment\narticles:\n  \"ä b.md\": {outlet: 'Quoted', title: \"Zelenskyy’s call\"}\n  c.txt: ~\n",
    "tags: [1, 2.5, true, null, =, -0.0, .inf, 12345678901234567890123]\nnested: {a: [[], {}], b: '\\0date'}\n",
    "",
]
NOT_KEPT = [
    "published: 2025-05-20T10:00:00Z\n",  # a time with a zone
    "base: &b {outlet: X}\narticles:\n  a.txt: {<<: *b, title: T}\n",  # an alias
    "1: one\n",  # a key that is not text
    "x: .nan\n",  # not equal to itself
    "x: {\"\\0date\": \"2025-05-19\"}\n",  # looks like a kept date
]


@pytest.mark.parametrize("text", KEPT)
def test_a_file_read_again_gives_the_same_data_and_places(text, cache, tmp_path, monkeypatch):
    path = tmp_path / "s.yaml"
    path.write_text(text, encoding="utf-8")
    first, problems = read_yaml(path, first_line=3)
    assert problems == []
    assert len(list(cache.glob("yaml-*.json"))) == 1
    _refuse_parsing(monkeypatch)
    again, problems = read_yaml(path, first_line=3)
    assert problems == [] and again.data == first.data
    assert list(_paths(again.data)) == list(_paths(first.data))  # in the order written
    assert [type(v) for v in _leaves(again.data)] == [type(v) for v in _leaves(first.data)]
    for at in _paths(first.data):
        assert again.location(at) == first.location(at)
        assert again.location(at, key=True) == first.location(at, key=True)


def _leaves(value):
    if isinstance(value, dict):
        for v in value.values():
            yield from _leaves(v)
    elif isinstance(value, list):
        for v in value:
            yield from _leaves(v)
    else:
        yield value


def test_dates_and_times_come_back_as_dates_and_times(cache, tmp_path, monkeypatch):
    path = tmp_path / "s.yaml"
    path.write_text(KEPT[0], encoding="utf-8")
    read_yaml(path)
    _refuse_parsing(monkeypatch)
    data = read_yaml(path)[0].data["articles"]
    assert data["a.txt"]["published"] == datetime.date(2025, 5, 19)
    assert data["b.txt"]["published"] == datetime.datetime(2025, 5, 20, 10, 0)


@pytest.mark.parametrize("text", NOT_KEPT)
def test_what_json_cannot_hold_exactly_is_not_kept(text, cache, tmp_path):
    path = tmp_path / "s.yaml"
    path.write_text(text, encoding="utf-8")
    first, problems = read_yaml(path)
    assert problems == [] and first is not None
    assert not list(cache.glob("yaml-*.json"))


def test_a_changed_file_a_strict_read_and_a_given_text_are_parsed(cache, tmp_path):
    path = tmp_path / "s.yaml"
    path.write_text("a: 1\na: 2\n", encoding="utf-8")
    assert read_yaml(path)[0].data == {"a": 2}
    doc, problems = read_yaml(path, strict=True)  # duplicate keys: a problem however often it was read
    assert doc is None and [m for _, m in problems] == ["duplicate key 'a' (first written on line 1)"]
    path.write_text("a: 3\n", encoding="utf-8")
    assert read_yaml(path)[0].data == {"a": 3}
    assert read_yaml(path, "a: 4\n")[0].data == {"a": 4}
    assert len(list(cache.glob("yaml-*.json"))) == 2  # the two texts read from the file


@pytest.mark.parametrize("damage", [b"", b"{not json", b"[1, 2]", b'{"format": 99, "data": {"a": 5}}',
                                    b'{"format": 1, "dates": true, "data": {"a": {"\\u0000date": "not a date"}}}',
                                    b'{"format": 1, "dates": true, "data": {"a": {"\\u0000date": 7}}}',
                                    b"[" * 100_000])
def test_a_damaged_cache_file_is_parsed_again(damage, cache, tmp_path):
    path = tmp_path / "s.yaml"
    path.write_text("a: 1\n", encoding="utf-8")
    read_yaml(path)
    (kept,) = cache.glob("yaml-*.json")
    kept.write_bytes(damage)
    assert read_yaml(path)[0].data == {"a": 1}
    assert json.loads(kept.read_text(encoding="utf-8"))["data"] == {"a": 1}  # and written anew


def test_off_or_unwritable_it_only_costs_time(cache, tmp_path, monkeypatch):
    path = tmp_path / "s.yaml"
    path.write_text("a: 1\n", encoding="utf-8")
    monkeypatch.setenv("CROSSCHECK_YAML_CACHE", "0")
    assert read_yaml(path)[0].data == {"a": 1}
    assert not cache.exists()
    monkeypatch.setenv("CROSSCHECK_YAML_CACHE", "1")
    cache.parent.mkdir()
    cache.write_text("a file where the folder would be", encoding="utf-8")
    assert read_yaml(path)[0].data == {"a": 1}


def test_a_second_run_does_not_import_pyyaml(tmp_path):
    """Reading articles with a sources.yaml (and the furniture list), the fact and names lexicons:
    every YAML file a run of ``extract`` reads."""
    (tmp_path / "a.txt").write_text("The call lasted two hours, officials said.\n", encoding="utf-8")
    (tmp_path / "sources.yaml").write_text("articles: {a.txt: {outlet: A, published: 2025-05-19}}\n",
                                           encoding="utf-8")
    script = textwrap.dedent(f"""
        import sys
        from checker.extractor.lexicon import load_lexicon
        from checker.extractor.names import load_names
        from checker.ingest.articles import read_articles
        articles = read_articles([{str(tmp_path)!r}])
        print([(a.outlet, a.published) for a in articles], len(load_lexicon().events.phrases) > 0,
              bool(load_names()), "yaml" in sys.modules)
    """)
    env = {**os.environ, "CROSSCHECK_YAML_CACHE": "1", "XDG_CACHE_HOME": str(tmp_path / "home-cache")}
    runs = [subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=120)
            for _ in range(2)]
    assert [r.stderr for r in runs] == ["", ""]
    assert runs[0].stdout.split()[-1] == "True" and runs[1].stdout.split()[-1] == "False"
    assert runs[0].stdout.rsplit(" ", 1)[0] == runs[1].stdout.rsplit(" ", 1)[0]
    assert "'A', '2025-05-19'" in runs[1].stdout


def test_a_value_json_cannot_write_is_read_and_not_kept(cache, tmp_path):
    path = tmp_path / "s.yaml"
    path.write_text("n: 0x" + "f" * 4000 + "\n", encoding="utf-8")  # past Python's digits for str(int)
    doc, problems = read_yaml(path)
    assert problems == [] and doc.data["n"] == int("f" * 4000, 16)
    assert not list(cache.glob("yaml-*.json"))


def test_a_cache_file_holding_what_no_parse_gives_is_not_trusted(cache, tmp_path):
    path = tmp_path / "s.yaml"
    path.write_text("a: 1\n", encoding="utf-8")
    read_yaml(path)
    (kept,) = cache.glob("yaml-*.json")
    kept.write_text('{"format": 1, "data": {"a": "\\ud800"}}', encoding="utf-8")  # a lone surrogate
    assert read_yaml(path)[0].data == {"a": 1}


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_where_the_cache_file_is_is_not_opened(cache, tmp_path):
    path = tmp_path / "s.yaml"
    path.write_text("a: 1\n", encoding="utf-8")
    read_yaml(path)
    (kept,) = cache.glob("yaml-*.json")
    kept.unlink()
    os.mkfifo(kept)  # opening it to read would wait for a writer for ever
    assert read_yaml(path)[0].data == {"a": 1}
