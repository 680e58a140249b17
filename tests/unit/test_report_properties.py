"""Whatever an article says, every format renders it without error and without letting it out:
JSON and SARIF parse, JUnit is well-formed XML, a GitHub annotation stays one line, HTML gains no
element, attribute or script, Markdown gains no tag."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET

from hypothesis import given, settings
from hypothesis import strategies as st
from test_report_html import parse
from test_report_sample import ABC, FINDINGS, sample_report

from checker.findings import Claim, Finding
from checker.model import Article
from checker.report import render
from checker.report.html import TEMPLATES

NASTY = st.sampled_from(["<script>alert(1)</script>", "\"'><img src=x onerror=alert(1)>", "%0A::error::x",
                         "\r\n::warning file=x::y", "]]>", "&amp;", "{{ 7*7 }}", "`|*_[x](y)", "@everyone",
                         "\u202e\u200b\ufeff", "\x00\x07\x1b[31m", "\U0001f600", "--></details>"])
TEXT = st.lists(st.one_of(NASTY, st.text(max_size=20)), min_size=1, max_size=4).map("".join)


@st.composite
def reports(draw):
    outlet, words, speaker, message, key = (draw(TEXT) for _ in range(5))
    evil = Article(id="evil", path=f"dir/{draw(TEXT)}.md", text="", outlet=outlet, title=draw(TEXT))
    claim = Claim(article="evil", outlet=outlet, path=evil.path, line=2, column=3, end_line=2, end_column=9,
                  text=words, speaker=speaker)
    finding = Finding(id=draw(TEXT), rule=draw(st.sampled_from(["numeric-mismatch", "quote-wording"])),
                      type=draw(st.sampled_from(["numeric", "quote"])),
                      severity=draw(st.sampled_from(["error", "warning", "info"])), message=message, key=key,
                      claims=(FINDINGS[2].claims[0], claim), detail=draw(st.none() | TEXT))
    return sample_report(articles=(ABC, evil), findings=(finding,))


@settings(max_examples=60)
@given(reports())
def test_hostile_text_stays_inside_every_format(report):
    doc = json.loads(render("json", report))
    assert doc["findings"][0]["claims"][1]["text"] == report.findings[0].claims[1].text
    json.loads(render("sarif", report))
    ET.fromstring(render("junit", report))

    github = render("github", report).rstrip("\n").split("\n")  # the runner splits on LF (and CR)
    assert "\r" not in "".join(github)
    assert len(github) == 2 and github[0].startswith("::") and not github[1].startswith("::")

    page = parse(render("html", report))
    assert page.scripts == [(TEMPLATES / "report.js").read_text(encoding="utf-8")]
    assert not any(name.startswith("on") for _, attrs in page.elements for name in attrs)
    assert {tag for tag, _ in page.elements} <= {"html", "head", "meta", "title", "style", "body", "header", "h1",
                                                  "h2", "p", "div", "fieldset", "legend", "label", "input", "span",
                                                  "table", "thead", "tbody", "tr", "th", "td", "small", "del", "ins",
                                                  "script"}

    markdown = render("markdown", report)
    tags = set(re.findall(r"</?([a-zA-Z]+)", markdown))
    assert tags <= {"details", "summary", "del", "ins", "sub"}
