"""Untrusted text in every report: whatever an outlet, a quote, a speaker, a message or a path holds,
no format carries a workflow command, a bidirectional control or a terminal control character
(JSON keeps the words as written, escaped); SARIF stays valid against its schema and JUnit stays
well-formed XML; Markdown gains no HTML, link or image; the HTML table wraps a long unbroken name."""

from __future__ import annotations

import json
import re
import sys
import xml.etree.ElementTree as ET
from dataclasses import replace
from pathlib import Path

import jsonschema
import pytest
from hostile import ROOT, workflow_commands
from hypothesis import given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(ROOT / "tests" / "unit"))
from test_report_sample import ABC, FINDINGS, sample_report  # noqa: E402

from checker.findings import (
    Claim,
    Finding,  # noqa: E402
)
from checker.model import FORMATS, Article  # noqa: E402
from checker.output.guard import BIDI  # noqa: E402
from checker.report import render  # noqa: E402

SCHEMA = json.loads((ROOT / "tests" / "schemas" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
HOSTILE = st.sampled_from([
    "::error title=X::pwned", "##[stop-commands]tok", "\n  ::warning::x", "\r::notice::y", "\u3000::group::g",
    "\u202eruoh owt", "\u2066isolate\u2069", "\u200f\u200e", "\x1b[2J\x1b[31m", "\x00\x07\x08\x0b\x0c\x7f\x85\x9b",
    "\ud800", "<img src=x onerror=alert(1)>", "![i](https://evil.example/x.png)", "[link](http://evil.example)",
    "https://evil.example", "www.evil.example", "mail@evil.example", "#123", "@everyone", "<!-- -->", "]]>",
    "{{ 7*7 }}", "x" * 300,
])
TEXT = st.lists(st.one_of(HOSTILE, st.text(max_size=12)), min_size=1, max_size=5).map("".join)
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")


@st.composite
def reports(draw):
    outlet, words, speaker, message, key = (draw(TEXT) for _ in range(5))
    path = "dir/" + draw(TEXT).replace("/", "_").replace("\x00", "") + ".md"
    evil = Article(id="evil", path=path, text="", outlet=outlet, title=draw(TEXT))
    claims = tuple(Claim(article="evil", outlet=outlet, path=path, line=2, column=3, end_line=2, end_column=9,
                         text=words, speaker=speaker) for _ in range(draw(st.integers(1, 3))))
    findings = tuple(Finding(id=f"f{n}", rule=draw(st.sampled_from(["numeric-mismatch", "quote-wording"])),
                             type=draw(st.sampled_from(["numeric", "quote"])),
                             severity=draw(st.sampled_from(["error", "warning", "info"])), message=message, key=key,
                             claims=(FINDINGS[2].claims[0], *claims), detail=draw(st.none() | TEXT))
                     for n in range(draw(st.integers(1, 12))))
    return sample_report(articles=(ABC, evil), findings=findings)


def _check_text(fmt: str, text: str) -> None:
    commands = workflow_commands(text)
    if fmt == "github":
        assert all(name in ("error", "warning", "notice") and line.startswith("::") for name, _, line in commands)
        assert "##[" not in text
    else:
        assert not commands, (fmt, commands[:3])
    if fmt == "json":  # the words as written, with what must not be printed escaped
        assert not any(c in text for c in BIDI) and not CONTROL.search(text.replace("\n", ""))
        return
    assert not any(c in text for c in BIDI), fmt
    assert not CONTROL.search(text), (fmt, CONTROL.search(text))


@settings(deadline=None)
@given(reports())
def test_every_format_keeps_hostile_text_harmless(report):
    for fmt in FORMATS:
        _check_text(fmt, render(fmt, report))
    for fmt in ("text",):
        coloured = render(fmt, report, color=True)
        assert not workflow_commands(coloured)
        assert not CONTROL.search(re.sub(r"\x1b\[[0-9;]*m", "", coloured))  # only its own colour codes
    doc = json.loads(render("json", report))
    assert doc["findings"][0]["claims"][1]["outlet"] == report.findings[0].claims[1].outlet  # not a word lost
    log = json.loads(render("sarif", report))
    jsonschema.Draft4Validator(SCHEMA).validate(log)
    ET.fromstring(render("junit", report).encode("utf-8"))


@settings(deadline=None)
@given(reports())
def test_markdown_gains_no_html_link_or_image(report):
    markdown = render("markdown", report)
    assert set(re.findall(r"<([a-zA-Z!/][a-zA-Z]*)", markdown)) <= {"details", "/details", "summary", "/summary",
                                                                     "del", "/del", "ins", "/ins", "sub", "/sub"}
    assert "](" not in markdown.replace("\\](", "")
    assert not re.search(r"(?i)https?://|www\.|@[a-z]", markdown)
    assert not re.search(r"(?<!\\)#\d", markdown)


def test_a_right_to_left_override_does_not_reverse_a_finding():
    evil = replace(FINDINGS[0].claims[0], outlet="Evil\u202e News", text="\u202etwo hours")
    report = sample_report(findings=(replace(FINDINGS[0], message="Evil\u202e News says two hours",
                                             claims=(evil,)),))
    for fmt in FORMATS:
        text = render(fmt, report)
        assert "\u202e" not in text, fmt
        assert "two hours" in text, fmt
    assert json.loads(render("json", report))["findings"][0]["claims"][0]["text"] == "\u202etwo hours"


def test_the_html_table_wraps_a_long_unbroken_name():
    css = (Path(ROOT) / "checker" / "templates" / "report.css").read_text(encoding="utf-8")
    rule = re.search(r"(?m)^th, td \{([^}]*)\}", css)
    assert rule and "overflow-wrap: anywhere" in rule.group(1)
    long = "N" * 500
    claim = FINDINGS[0].claims[0]
    report = sample_report(findings=(replace(FINDINGS[0], claims=(replace(claim, outlet=long),)),))
    html = render("html", report)
    assert long in html  # whole, in a cell that may wrap it


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_formats_own_text_passes_the_guard_unchanged(fmt):
    from checker.output import safe
    from checker.report import GUARD

    report = sample_report()
    text = render(fmt, report)
    assert safe(text, GUARD[fmt]) == text
    for asset in ("report.js", "report.css"):  # the page's own script and style: their CSP hashes hold
        own = (ROOT / "checker" / "templates" / asset).read_text(encoding="utf-8")
        assert safe(own) == own
