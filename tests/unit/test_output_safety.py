"""The output's guards and writer, in this process: what the hostile suite (tests/hostile) checks
end to end, here quickly.  The guard makes any text safe for GitHub's runner, a terminal and a
reader of right-to-left text; write_all writes every file or none, even when interrupted; an
--output that is an input is refused; crosscheck's own outputs are recognised."""

from __future__ import annotations

import io
import json
import os
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from checker.errors import UsageError
from checker.output import Guard, GuardedStream, own_output, safe, write_all
from checker.output.guard import BIDI
from checker.run.outputs import check_outputs

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "hostile"))
from hostile import workflow_commands  # noqa: E402

EVIL = ["::error::x", "  ::warning::y", "\u3000::notice::z", "\t::group::g", "##[set-output name=a]b",
        "x ##[add-path]/p", "a\n::add-mask::s", "b\r::endgroup::", "c\r\n::debug::d", "\u202eabc", "\x1b[2J",
        "\x85::error::nel", "\ud800::error::s"]


@pytest.mark.parametrize("text", EVIL)
def test_the_text_guard_leaves_no_command_and_no_control(text):
    out = safe(text)
    assert not workflow_commands(out)
    assert not any(c in out for c in BIDI) and "\x1b" not in out and "\r" not in out
    out.encode("utf-8")  # printable: no lone surrogate


@pytest.mark.parametrize("text", EVIL)
def test_the_json_guard_keeps_every_value(text):
    doc = json.dumps({"t": text}, ensure_ascii=False)
    out = safe(doc, "json")
    assert json.loads(out) == {"t": text} and not workflow_commands(out)
    assert not any(c in out for c in BIDI)


def test_the_guard_holds_across_pieces():
    guard = Guard("text")
    pieces = ["a\n", "  ", ":", ":error::x\n#", "#", "[group]y\n"]
    out = "".join(guard(p) for p in pieces)
    assert not workflow_commands(out) and out.replace("\u2060", "") == "".join(pieces)
    guard = Guard("json")
    out = "".join(guard(p) for p in ['"a #', '#', '[x]"'])
    assert json.loads(out) == "a ##[x]" and "##[" not in out


def test_normal_text_passes_unchanged():
    text = "call.duration: \u201ctwo hours\u201d at 10:30, item #3, \u0645\u0631\u062d\u0628\u0627 (Arabic)\n"
    assert safe(text) == text and safe(json.dumps(text), "json") == json.dumps(text)


def test_standard_error_is_guarded():
    buf = io.StringIO()
    stream = GuardedStream(buf)
    stream.write("a.txt:1:1: ")
    stream.write("::error::x\n::warning::y")
    stream.write("\n")
    assert not workflow_commands(buf.getvalue())


def test_write_all_writes_every_file_or_none(tmp_path):
    (tmp_path / "a.json").write_text("old a")
    (tmp_path / "blocker").write_text("a file, not a folder")
    with pytest.raises(UsageError, match="no output file was changed"):
        write_all([(str(tmp_path / "a.json"), "new a", "json"), (str(tmp_path / "blocker" / "b.json"), "b", "json")])
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.json", "blocker"]
    assert (tmp_path / "a.json").read_text() == "old a"

    def interrupted():
        yield "half of b"
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        write_all([(str(tmp_path / "a.json"), "new a", "json"), (str(tmp_path / "b.json"), interrupted(), "json")])
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.json", "blocker"]
    assert (tmp_path / "a.json").read_text() == "old a"
    write_all([(str(tmp_path / "a.json"), "new a", "json"), (str(tmp_path / "b.json"), "b", "json")])
    assert (tmp_path / "a.json").read_text() == "new a" and (tmp_path / "b.json").read_text() == "b"


def test_a_failed_rename_puts_back_what_was_replaced(tmp_path, monkeypatch):
    from checker.output import files

    (tmp_path / "a.txt").write_text("old a")
    (tmp_path / "b.txt").write_text("old b")
    real = os.replace
    calls = []

    def failing(src, dst):
        calls.append(dst)
        if len(calls) == 2:
            raise OSError(28, "No space left on device")
        return real(src, dst)

    monkeypatch.setattr(files.os, "replace", failing)
    with pytest.raises(UsageError, match="No space left"):
        write_all([(str(tmp_path / "a.txt"), "new a", None), (str(tmp_path / "b.txt"), "new b", None)])
    monkeypatch.setattr(files.os, "replace", real)
    assert (tmp_path / "a.txt").read_text() == "old a" and (tmp_path / "b.txt").read_text() == "old b"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "b.txt"]


def test_an_output_that_is_an_input_or_another_output_is_refused(tmp_path):
    (tmp_path / "articles").mkdir()
    article = tmp_path / "articles" / "a.txt"
    article.write_text("The call lasted two hours.\n")
    (tmp_path / "articles" / "sources.yaml").write_text("defaults: {}\n")
    given = {"articles": [str(tmp_path / "articles")]}
    for output in (article, tmp_path / "articles" / "sources.yaml"):
        with pytest.raises(UsageError, match="which this run reads"):
            check_outputs([str(output)], **given)
    with pytest.raises(UsageError, match="which this run reads"):
        check_outputs([str(tmp_path / "base.json")], files=[str(tmp_path / "base.json")])
    with pytest.raises(UsageError, match="one file"):
        check_outputs([str(tmp_path / "r.json"), str(tmp_path / "." / "r.json")])
    check_outputs([str(tmp_path / "articles" / "new.md"), str(tmp_path / "r.json")], **given)  # not read yet
    (tmp_path / "articles" / "report.md").write_text("## crosscheck: 1 error\n\n<sub>2 articles, 3 facts, "
                                                      "1 quote: 1 error, 0 warnings, 0 info</sub>\n")
    check_outputs([str(tmp_path / "articles" / "report.md")], **given)  # its own report: not an input


@pytest.mark.parametrize("head, tail, kind", [
    (b'{\n  "version": 1,\n  "tool": {\n    "name": "crosscheck",', b"", "json"),
    (b'{"version": 1, "tool": {"name": "crosscheck", "version": "0.1.0"}, "text": "x"}', b"", "json"),
    (b'<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
     b'<meta name="generator" content="crosscheck 0.1.0">', b"", "html"),
    (b"", b"x\n\n5 articles, 39 facts, 106 quotes: 1 error, 7 warnings, 0 info\n", "report"),
    (b"", b"::error::x\ncrosscheck: 1 article, 1 fact, 0 quotes: 0 errors, 0 warnings, 0 info (1 suppressed)\n",
     "report"),
    (b"", b"<sub>2 articles, 3 facts, 1 quote: 1 error, 0 warnings, 0 info</sub>\n", "report"),
    (b"", b"a.txt:1:1\tcall.duration\t2 hour\n3 articles, 10 facts, 2 quotes\n", "report"),
    (b"The call lasted two hours.", b"The call lasted two hours.", None),
    (b"## crosscheck: notes", b"We read 5 articles, 39 facts and 106 quotes.\n", None),
])
def test_own_outputs_are_recognised(head, tail, kind):
    assert own_output(head, tail or head) == kind


FRAGMENTS = st.sampled_from(["::", ":", "#", "##", "[", "]", "##[", "error", " ", "\t", "\u3000", "\n", "\r", "x",
                             "\u202e", "\x1b", "\ud800", "{", "\"", "\\", "u"])


@settings(deadline=None)
@given(st.lists(FRAGMENTS, max_size=40), st.lists(st.integers(0, 200), max_size=8))
def test_no_split_of_any_text_lets_a_command_through(fragments, cuts):
    text = "".join(fragments)
    bounds = sorted({0, len(text), *(c % (len(text) + 1) for c in cuts)})
    pieces = [text[a:b] for a, b in zip(bounds, bounds[1:])]
    for kind in ("text", "terminal"):
        guard = Guard(kind)
        out = "".join(guard(p) for p in pieces)
        assert not workflow_commands(out), (kind, pieces, out)
        assert out.replace("\u2060", "") == safe(text, kind).replace("\u2060", "")
    doc = json.dumps(text, ensure_ascii=False)
    bounds = sorted({0, len(doc), *(c % (len(doc) + 1) for c in cuts)})
    guard = Guard("json")
    out = "".join(guard(doc[a:b]) for a, b in zip(bounds, bounds[1:]))
    assert json.loads(out) == text and not workflow_commands(out)
