"""The one YAML reader (checker.yamlio): libyaml and PyYAML's own loader give the same values,
places and messages; hostile YAML (tags, alias bombs, recursive aliases, deep nesting, impossible
dates, huge integers, lone surrogates, a FIFO) is a problem with a place, never an exception, in
every file crosscheck reads YAML from."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from checker import yamlparse
from checker.errors import CheckerError, InputError, RuleError
from checker.yamlio import read_yaml
from checker.yamlparse import MAX_DEPTH

needs_libyaml = pytest.mark.skipif(yamlparse.FAST_LOADER is None, reason="PyYAML is built without libyaml")

DOCUMENTS = [
    "story: s\narticles:\n  a.txt: {outlet: \"Seed 000\", published: 2025-05-19, story: s}\n"
    "  b.txt:\n    outlet: Ünïcode Nëws\n    published: 2025-05-20T10:00:00Z\n    crosscheck: {ignore: [x]}\n",
    "# comment\narticles:\n  \"ä b.md\": {outlet: 'Quoted', title: \"Zelenskyy’s call\"}\n  c.txt: ~\n",
    "outlet: X\npublished: May 19, 2025\nurl: https://example.com/a?b=1\ntags: [1, 2.5, true, null, =]\n",
    "base: &b {outlet: X, story: s}\narticles:\n  a.txt: {<<: *b, title: T}\n",
    "",
    "- a list\n- not a mapping\n",
    "# a rule\nid: call-length\nkind: numeric\nseverity: warning\nmessage: \"{key}: {sides}\"\ndescription: >-\n"
    "  Folded\n  text.\nmatch:\n  keys: [\"call.*\", talks.duration]\n  dimension:\n    - \"[time]\"\n"
    "options:\n\n  # the tolerance\n  relative: 0.15\n  hedges: [approximate]\n",
]


def _paths(value, path=()):
    """Every path of keys and indexes in a YAML value."""
    yield path
    items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
    for k, v in items:
        yield from _paths(v, (*path, k))


def _read_both(monkeypatch, text, **kw):
    fast = read_yaml("s.yaml", text, **kw)
    monkeypatch.setattr(yamlparse, "FAST_LOADER", None)
    slow = read_yaml("s.yaml", text, **kw)
    monkeypatch.undo()
    return fast, slow


@needs_libyaml
@pytest.mark.parametrize("text", DOCUMENTS)
def test_libyaml_gives_what_pyyaml_gives(text, monkeypatch):
    (fast, fast_problems), (slow, slow_problems) = _read_both(monkeypatch, text, first_line=3)
    assert fast_problems == slow_problems == []
    assert fast.data == slow.data
    for path in _paths(fast.data):
        assert fast.location(path) == slow.location(path)
        assert fast.location(path, key=True) == slow.location(path, key=True)


@needs_libyaml
@pytest.mark.parametrize("text", ["a: [1, 2\nb: 3\n", "a: b: c\n", "a:\n\t- x\n", "{a: 1\n", "a: 1\n--- \nb: 2\n"])
def test_errors_keep_pyyamls_messages_and_places(text, monkeypatch):
    (fast, fast_problems), (slow, slow_problems) = _read_both(monkeypatch, text)
    assert fast is None and slow is None
    assert fast_problems == slow_problems and fast_problems[0][1].startswith("invalid YAML: ")


def _furniture(extra: tuple[str, ...]):
    from checker.ingest.furniture_load import _load

    try:
        return _load.__wrapped__(extra)
    except RuleError as exc:
        return exc.lines()


@needs_libyaml
@pytest.mark.parametrize("body", [
    "",  # the built-in list alone
    "lines:\n  - {name: sponsor, pattern: 'sponsored by .*', reason: ads}\n  - {name: back-to-top, enabled: false}\n",
    "lines:\n  - name: broken\n    pattern: 'ab(c'\n",  # a problem, placed by the nodes' marks and style
    "colour: red\nlines:\n  - {name: a, pattern: \"x(\", wat: 1}\n  - {pattern: 'y'}\n",
    "lines: [\n",  # a YAML error: PyYAML's message
])
def test_furniture_files_read_the_same_with_libyaml(body, tmp_path, monkeypatch):
    extra = ()
    if body:
        path = tmp_path / "mine.yaml"
        path.write_text("lexicon: furniture\n" + body, encoding="utf-8")
        extra = (str(path),)
    fast = _furniture(extra)
    monkeypatch.setattr(yamlparse, "FAST_LOADER", None)
    assert _furniture(extra) == fast


LAUGHS = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(8))

HOSTILE = [  # (text, line, column, what the message says)
    ("a: !!python/object/apply:os.system ['true']\n", 1, 4, "tag !!python/object/apply:os.system is not allowed"),
    ("a: !!python/name:os.system\n", 1, 4, "tag !!python/name:os.system is not allowed"),
    ("a: 1\nb: !foo bar\n", 2, 4, "tag !foo is not allowed"),
    ("a: !!binary aGk=\n", 1, 4, "tag !!binary is not allowed"),
    ("a: !!set {x: null}\n", 1, 4, "tag !!set is not allowed"),
    (LAUGHS, 1, 1, "aliases (*name) expand this document by more than"),
    ("a: &a [x, *a]\n", 1, 4, "alias (*name) inside the value it names"),
    ("a: &a {b: [c, *a]}\n", 1, 4, "alias (*name) inside the value it names"),
    ("outlet: X\npublished: 2025-13-45\n", 2, 12, "cannot read '2025-13-45': month must be in 1..12"),
    ('outlet: "\\ud800"\n', 1, 9, "lone surrogate ('\\ud800')"),
    ('"\\udc80x": 1\n', 1, 1, "lone surrogate ('\\udc80')"),
    ("jobs: " + "1" * 5000 + "\n", 1, 7, "Exceeds the limit (4300 digits)"),
    ("a: " + "[" * 5000 + "]" * 5000 + "\n", 1, 4 + MAX_DEPTH - 1, f"nested more than {MAX_DEPTH} deep"),
    ("".join(" " * i + "a:\n" for i in range(MAX_DEPTH + 20)) + "  x\n", MAX_DEPTH + 1, MAX_DEPTH + 1,
     f"nested more than {MAX_DEPTH} deep"),
]


@pytest.mark.parametrize("fast", [True, False], ids=["libyaml", "pyyaml"])
@pytest.mark.parametrize("text, line, column, message", HOSTILE)
def test_hostile_yaml_is_a_problem_with_a_place(text, line, column, message, fast, monkeypatch):
    if not fast:
        monkeypatch.setattr(yamlparse, "FAST_LOADER", None)
    doc, problems = read_yaml("h.yaml", text)
    assert doc is None and problems
    where, said = problems[0]
    assert message in said, said
    if "deep" not in message or not fast:  # libyaml places a block mapping's start elsewhere
        assert (where.path, where.line, where.column) == ("h.yaml", line, column)
    assert all(m.encode("utf-8") for _, m in problems)  # printable: no lone surrogate in a message
    doc, problems = read_yaml("h.yaml", text, strict=True)  # a rule file: no alias at all
    assert doc is None and problems and all(where.line for where, _ in problems)


def test_aliases_and_merge_keys_are_allowed_unless_strict():
    text = "base: &b {outlet: X}\nsame: *b\nmore: {<<: *b, story: s}\neq: =\n"
    doc, problems = read_yaml("s.yaml", text)
    assert not problems and doc.data == {"base": {"outlet": "X"}, "same": {"outlet": "X"},
                                         "more": {"outlet": "X", "story": "s"}, "eq": "="}
    doc, problems = read_yaml("s.yaml", text, strict=True)
    assert doc is None and {m for _, m in problems} == {"YAML aliases (*name) are not allowed here"}


def test_places_count_from_the_first_line_given():
    doc, _ = read_yaml("a.md", "outlet: X\nstory: s\n", first_line=2)
    assert str(doc.location(("story",), key=True)) == "a.md:3:1"
    _, problems = read_yaml("a.md", "outlet: X\nstory: !x s\n", first_line=2)
    assert str(problems[0][0]) == "a.md:3:8"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_is_not_opened(tmp_path):
    fifo = tmp_path / "rules.yaml"
    os.mkfifo(fifo)
    got = []
    reader = threading.Thread(target=lambda: got.append(read_yaml(fifo)), daemon=True)
    reader.start()
    reader.join(timeout=10)
    assert not reader.is_alive(), "reading a FIFO blocked"
    assert got[0][0] is None and "not a regular file" in got[0][1][0][1]


# -- every file crosscheck reads YAML from --------------------------------------------------------

BAD = "outlet: X\npublished: 2025-13-45\n"


def _error(call) -> CheckerError:
    with pytest.raises(CheckerError) as info:
        call()
    return info.value


def test_front_matter(tmp_path):
    from checker.ingest.articles import read_article

    (tmp_path / "a.md").write_text(f"---\n{BAD}---\nThe call lasted two hours.\n", encoding="utf-8")
    err = _error(lambda: read_article(tmp_path / "a.md"))
    assert isinstance(err, InputError) and str(err).endswith("a.md:3:12: invalid YAML: cannot read '2025-13-45': "
                                                             "month must be in 1..12")


def test_sources_yaml(tmp_path):
    from checker.ingest.articles import read_articles

    (tmp_path / "a.txt").write_text("The call lasted two hours.\n", encoding="utf-8")
    (tmp_path / "sources.yaml").write_text(LAUGHS + "articles: {a.txt: {outlet: *i}}\n", encoding="utf-8")
    err = _error(lambda: read_articles([tmp_path]))
    assert isinstance(err, InputError) and "sources.yaml:1:1: YAML aliases (*name) expand" in str(err)


def test_configuration(tmp_path, monkeypatch):
    from checker.config import ConfigError, resolve

    (tmp_path / "crosscheck.yaml").write_text("jobs: !!python/object/apply:os.system ['true']\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    err = _error(lambda: resolve(None))
    assert isinstance(err, ConfigError)
    assert err.lines() == ["crosscheck.yaml:1:7: the YAML tag !!python/object/apply:os.system is not allowed: only "
                           "plain values, lists and mappings"]


def test_rule_file(tmp_path):
    from checker.ruleset.loader import load_rules

    (tmp_path / "r.yaml").write_text('id: r\nkind: numeric\nmessage: "\\ud800"\nseverity: error\n', encoding="utf-8")
    err = _error(lambda: load_rules([tmp_path / "r.yaml"]))
    assert isinstance(err, RuleError) and err.lines() == [f"{tmp_path / 'r.yaml'}:3:10: a lone surrogate "
                                                          "('\\ud800') is not text"]


def test_lexicon_and_furniture_files(tmp_path):
    from checker.extractor.lexicon import load_lexicon
    from checker.ingest.furniture_load import load_furniture

    (tmp_path / "facts.yaml").write_text("lexicon: facts\nevents: &e {call: [*e]}\n", encoding="utf-8")
    (tmp_path / "furniture.yaml").write_text("lexicon: furniture\nlines:\n  - !!python/object:x {}\n", encoding="utf-8")
    err = _error(lambda: load_lexicon((str(tmp_path / "facts.yaml"),)))
    assert isinstance(err, RuleError) and "facts.yaml:2:9: a YAML alias (*name) inside the value it names" in str(err)
    err = _error(lambda: load_furniture([tmp_path / "furniture.yaml"]))
    assert isinstance(err, RuleError) and "furniture.yaml:3:5: the YAML tag !!python/object:x is not" in str(err)


def test_the_command_line_prints_the_place_and_exits_2(tmp_path, capsys, monkeypatch):
    from checker.cli import main

    monkeypatch.chdir(tmp_path)
    Path("a.md").write_text(f"---\n{BAD}---\nThe call lasted two hours.\n", encoding="utf-8")
    assert main(["check", "a.md", "--no-cache", "--quiet"]) == 2
    err = capsys.readouterr().err
    assert err == "a.md:3:12: invalid YAML: cannot read '2025-13-45': month must be in 1..12\n"
    assert "internal error" not in err and "Traceback" not in err
