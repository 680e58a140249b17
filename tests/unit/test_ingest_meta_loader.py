"""Metadata YAML (sources.yaml, front matter) is composed with libyaml when PyYAML has it: the values
and the places of keys must be those PyYAML's own loader gives, and errors keep its messages."""

from __future__ import annotations

import pytest
import yaml

from checker.ingest import meta as ingest_meta
from checker.errors import InputError
from checker.ingest.meta import Marked

DOCUMENTS = [
    "story: s\narticles:\n  a.txt: {outlet: \"Seed 000\", published: 2025-05-19, story: s}\n"
    "  b.txt:\n    outlet: Ünïcode Nëws\n    published: 2025-05-20T10:00:00Z\n    crosscheck: {ignore: [x]}\n",
    "# comment\narticles:\n  \"ä b.md\": {outlet: 'Quoted', title: \"Zelenskyy’s call\"}\n  c.txt: ~\n",
    "outlet: X\npublished: May 19, 2025\nurl: https://example.com/a?b=1\ntags: [1, 2.5, true, null]\n",
    "",
    "- a list\n- not a mapping\n",
]


@pytest.mark.parametrize("text", DOCUMENTS)
def test_libyaml_gives_what_pyyaml_gives(text, monkeypatch):
    fast = Marked("s.yaml", text, first_line=3)
    monkeypatch.setattr(ingest_meta, "_FAST_LOADER", yaml.SafeLoader)
    slow = Marked("s.yaml", text, first_line=3)
    assert (fast.value, fast.marks) == (slow.value, slow.marks)


@pytest.mark.parametrize("text", ["a: [1, 2\nb: 3\n", "a: b: c\n", "a:\n\t- x\n", "{a: 1\n"])
def test_errors_keep_pyyamls_messages_and_places(text, monkeypatch):
    with pytest.raises(InputError) as fast:
        Marked("s.yaml", text)
    monkeypatch.setattr(ingest_meta, "_FAST_LOADER", yaml.SafeLoader)
    with pytest.raises(InputError) as slow:
        Marked("s.yaml", text)
    assert fast.value.lines() == slow.value.lines()


def _furniture(extra: tuple[str, ...]):
    from checker.errors import RuleError
    from checker.ingest.furniture import _load

    try:
        return _load.__wrapped__(extra) if hasattr(_load, "__wrapped__") else _load(extra)
    except RuleError as exc:
        return exc.lines()


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
    monkeypatch.delattr(yaml, "CSafeLoader")
    slow = _furniture(extra)
    assert fast == slow
