"""No line crosscheck prints can be read by GitHub's runner as a workflow command, for any article
text, outlet, speaker or file name: every report format, on standard output and in files, and every
message on standard error.  The ``github`` format's own annotations are the only commands, one a
finding up to GitHub's limit."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hostile import clean, crosscheck, workflow_command, workflow_commands

from checker.model import FORMATS

pytestmark = pytest.mark.slow

# what an attacker would write: commands old and new, after white space the runner strips, across
# the line breaks the runner reads
INJECTIONS = [
    "::error title=X::pwned",
    "##[error]pwned",
    "##[stop-commands]tok",
    "  ::warning::pwned",
    "\u3000::notice::wide space",
    "\t::set-output name=x::y",
    "a\n::add-mask::secret",
    "b\r::group::g",
    "c\r\n##[set-env name=A]b",
    "::::",
    "x ##[add-path]/evil",
]
NAMES = ["::error title=X::a", "##[stop-commands]tok", " ::warning::b", "\t::notice::c", "::add-mask::m",
         "##[group]g", "z ::error::z", "::x::", "##[", "::endgroup::", "::debug::d", "##[set-output x]y"]


def _front(outlet: str, story: str) -> str:
    return f"---\noutlet: {json.dumps(outlet)}\nstory: {story}\n---\n\n"


def corpus(root: Path) -> Path:
    """Twelve stories (so that the github format has more error findings than it may annotate),
    each two articles that disagree on a call's length and quote one speaker in different words;
    outlets, speakers, quotes and file names made of workflow commands."""
    root.mkdir()
    for i, name in enumerate(NAMES):
        evil = INJECTIONS[i % len(INJECTIONS)]
        for side, hours in (("a", "two"), ("b", "three")):
            text = (f"The call lasted {hours} hours on Monday, the Kremlin said.\n\n"
                    f"\u201cIt was a {evil} very frank conversation,\u201d Putin told reporters.\n")
            outlet = f"{evil} News {side}{i}"
            (root / f"{name}{side}.md").write_text(_front(outlet, f"story-{i}") + text, encoding="utf-8")
    return root


def assert_no_command(text: str, where: str) -> None:
    found = workflow_commands(text)
    assert not found, f"{where}: {found[:5]}"


@pytest.fixture(scope="module")
def hostile_corpus(tmp_path_factory) -> Path:
    return corpus(tmp_path_factory.mktemp("wc") / "articles")


def test_no_format_file_stdout_or_stderr_carries_a_command(hostile_corpus):
    cwd = hostile_corpus.parent
    args = ["check", "articles", "--no-cache", "--jobs", "1", "--verbose"]
    for fmt in FORMATS:
        args += ["--format", fmt, "--output", f"out/report-{fmt}"]
    done = clean(crosscheck(*args, "--format", "text", "--output", "-", cwd=cwd), 1)
    assert "News a0" in done.out and "error title=X" in done.out  # the hostile words are there, made harmless
    assert_no_command(done.out, "text on standard output")
    assert_no_command(done.err, "standard error")
    for fmt in FORMATS:
        text = (cwd / "out" / f"report-{fmt}").read_text(encoding="utf-8")
        assert "a0" in text
        if fmt == "github":
            continue
        assert_no_command(text, fmt)
        if fmt == "json":
            assert json.loads(text)["findings"]  # still valid JSON, with the words as written
            assert any("##[" in c["outlet"] for f in json.loads(text)["findings"] for c in f["claims"])


def test_the_github_format_makes_only_its_own_annotations(hostile_corpus):
    done = clean(crosscheck("check", "articles", "--no-cache", "--jobs", "1", "--format", "github",
                            cwd=hostile_corpus.parent), 1)
    commands = workflow_commands(done.out)
    assert commands, done.out
    assert all(name in ("error", "warning", "notice") for name, _, _ in commands), commands
    assert all(line.startswith(f"::{name} ") for name, _, line in commands)
    per_type = {name: sum(1 for n, _, _ in commands if n == name) for name in ("error", "warning", "notice")}
    assert per_type["error"] == 10  # GitHub's limit; the rest are plain lines, which must not be commands
    plain = [line for line in done.out.splitlines() if workflow_command(line) is None and line.strip()]
    assert any("a.md" in line or "b.md" in line for line in plain), plain
    assert_no_command(done.err, "standard error")
    data = " ".join(d for _, d, _ in commands)
    assert "##[" not in data  # not even inside an annotation


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_extract_prints_no_command(hostile_corpus, fmt):
    done = clean(crosscheck("extract", "articles", "--no-cache", "--format", fmt, cwd=hostile_corpus.parent), 0)
    assert "News" in done.out or "hours" in done.out
    assert_no_command(done.out, f"extract {fmt}")


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_parse_prints_no_command(tmp_path, fmt):
    text = "\n".join(f"{evil} lasted two hours" for evil in INJECTIONS)
    done = clean(crosscheck("parse", "--format", fmt, text, cwd=tmp_path), 0)
    assert_no_command(done.out, f"parse {fmt}")
    lines = "\n".join(json.dumps(f"{evil} two hours") for evil in INJECTIONS) + "\n"
    done = clean(crosscheck("parse", "--jsonl", cwd=tmp_path, stdin=lines), 0)
    assert_no_command(done.out, "parse --jsonl")


@pytest.mark.parametrize("name", ["::error title=X::bad.txt", "##[stop-commands]tok.txt", "\u2003::warning::w.txt"])
def test_error_messages_naming_a_hostile_file_carry_no_command(tmp_path, name):
    (tmp_path / name).write_bytes(b"The call lasted \xff two hours.\n")
    done = clean(crosscheck("check", name, "--no-cache", cwd=tmp_path), 2)
    assert "not valid UTF-8" in done.err
    assert_no_command(done.err, "the error message")
    done = clean(crosscheck("check", ".", "--no-cache", "--format", "github", cwd=tmp_path), 2)
    assert_no_command(done.err, "the error message")


def test_a_missing_path_and_a_bad_option_value_carry_no_command(tmp_path):
    done = clean(crosscheck("check", "::error::missing.txt", "##[error]gone.md", "--no-cache", cwd=tmp_path), 2)
    assert "no such file" in done.err
    assert_no_command(done.err, "missing paths")
    done = crosscheck("check", "--format", "::error::x", cwd=tmp_path)
    assert done.code == 2
    assert_no_command(done.err, "argparse's message")
