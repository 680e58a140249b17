"""Every report format over the synthetic multi-finding report: text, json, github, markdown, junit
(sarif and html have their own files)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from dataclasses import replace
from pathlib import Path

import pytest
from test_report_sample import FINDINGS, sample_report

from checker.errors import UsageError
from checker.report import FORMATS, format_for_path, render
from checker.report.github import annotation, escape_data, escape_property
from checker.report.markdown import MAX_CHARS, md
from checker.report.records import diff_segments, summary_line, word_diff

ANSI = re.compile(r"\x1b\[[0-9;]*m")


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_every_format_renders_every_finding(fmt):
    out = render(fmt, sample_report())
    assert out.endswith("\n")
    for f in FINDINGS:
        assert f.rule in out
    assert render(fmt, sample_report()) == out  # no timestamps: the same report gives the same bytes


def test_unknown_format_is_a_usage_error():
    with pytest.raises(UsageError):
        render("pdf", sample_report())


def test_format_from_file_name():
    assert [format_for_path(p) for p in ("a.sarif", "a.sarif.json", "a.json", "r.HTML", "j.xml", "c.md", "x.bin")] == \
        ["sarif", "sarif", "json", "html", "junit", "markdown", None]


# -- text ----------------------------------------------------------------------------------------

def test_text_groups_by_key_and_shows_each_side():
    out = render("text", sample_report())
    keys = [line for line in out.splitlines() if line and not line.startswith(" ")]
    assert keys[:4] == ["call.duration", "quote.putin", "person.zelenskyy", "quote.bloodbath"]
    block = out.split("quote.putin")[0]
    assert block.index("numeric-mismatch") < block.index("internal-consistency") < block.index("qualifier-mismatch")
    line = next(x for x in out.splitlines() if "seeds/000_abc.txt:9:62" in x and "two hours" in x)
    assert re.search(r"ABC News\s+Putin\s+seeds/000_abc\.txt:9:62\s+\u201ctwo hours\u201d", line)
    assert "words: very [-informative-] {+meaningful+} and [-very-] {+quite+} frank" in out
    assert out.splitlines()[-1] == "3 articles, 41 facts, 12 quotes: 2 errors, 3 warnings, 1 info (1 suppressed; 2 baselined)"
    assert not ANSI.search(out)


def test_text_colour_only_when_asked():
    coloured = render("text", sample_report(), color=True)
    assert ANSI.search(coloured)
    assert ANSI.sub("", coloured) == render("text", sample_report())


def test_text_plain_is_what_rich_prints_of_odd_characters():
    """Control characters rich drops are dropped, tabs go to rich's tab stops (by display cells: a
    wide character is two), a newline in a value breaks the line, no line ends in spaces."""
    c0, c1 = FINDINGS[0].claims[:2]
    claims = (replace(c0, outlet="\u5168\u89d2\tNews", speaker="Pu\x07tin", text="two\thours"),
              replace(c1, outlet="Daily\nWire", speaker=None))
    report = sample_report(findings=(replace(FINDINGS[0], claims=claims, message="a\tb  "),))
    assert render("text", report) == (
        "call.duration\n"
        "  error   numeric-mismatch (numeric)  a b\n"
        "    \u5168\u89d2        News     Putin  seeds/000_abc.txt:9:62  \u201ctwo hours\u201d\n"
        "    Daily\n"
        "Wire  -       seeds/002_cbc.txt:14:5  \u201cthree hours\u201d\n"
        "\n"
        "3 articles, 41 facts, 12 quotes: 1 error, 0 warnings, 0 info (1 suppressed; 2 baselined)\n")
    coloured = render("text", report, color=True)
    assert [line.rstrip() for line in ANSI.sub("", coloured).split("\n")] == render("text", report).split("\n")


def test_text_without_colour_is_written_without_rich():
    """Plain text (a file, a pipe, CI) is written directly: rich is not even imported."""
    script = ("import sys; sys.path.insert(0, sys.argv[1]); from test_report_sample import sample_report; "
              "from checker.report import render; out = render('text', sample_report()); "
              "assert 'call.duration' in out; print(sorted(m for m in sys.modules if m.split('.')[0] == 'rich'))")
    done = subprocess.run([sys.executable, "-c", script, str(Path(__file__).parent)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout == "[]\n"


def test_text_no_findings():
    out = render("text", sample_report(findings=(), suppressed=0, baselined=0))
    assert out == "no discrepancies found\n3 articles, 41 facts, 12 quotes: 0 errors, 0 warnings, 0 info\n"


def test_summary_line_mentions_hidden():
    assert summary_line(sample_report(hidden=4)).endswith("(1 suppressed; 2 baselined; 4 below --min-severity not shown)")


def test_word_diff():
    assert word_diff("very informative and very frank", "very meaningful and quite frank") == \
        "very [-informative-] {+meaningful+} and [-very-] {+quite+} frank"
    assert word_diff("the same words", "The same words") == "The same words"
    assert diff_segments("a [-b c-] {+d+} e") == [("same", "a"), ("del", "b c"), ("ins", "d"), ("same", "e")]


# -- json ----------------------------------------------------------------------------------------

def test_json_is_the_contract_document():
    doc = json.loads(render("json", sample_report()))
    assert list(doc) == ["version", "tool", "articles", "findings", "summary"]
    assert doc["version"] == 1 and doc["tool"]["name"] == "crosscheck"
    assert doc["summary"] == {"articles": 3, "facts": 41, "quotes": 12,
                              "findings": {"error": 2, "warning": 3, "info": 1},
                              "suppressed": 1, "baselined": 2, "hidden": 0}
    f = doc["findings"][0]
    assert set(f) >= {"id", "rule", "type", "severity", "message", "key", "claims"}
    assert set(f["claims"][0]) == {"article", "outlet", "path", "line", "column", "end_line", "end_column", "text",
                                   "speaker", "quantity"}
    assert f["claims"][0]["quantity"]["qualifier"] == "exact"
    assert doc["articles"][2] == {"id": "ibn", "path": "seeds/004 inter bellum.txt", "outlet": "Inter <Bellum> & Co",
                                  "published": None, "title": "Kiev \"talks\"", "story": None}


# -- github --------------------------------------------------------------------------------------

def test_github_escaping():
    assert escape_data("50% done\r\nnext") == "50%25 done%0D%0Anext"
    assert escape_property("a:b,c%d\n") == "a%3Ab%2Cc%25d%0A"


def test_github_annotation_shape():
    line = annotation(FINDINGS[0])
    assert line.startswith("::error file=seeds/000_abc.txt,line=9,col=62,endLine=9,endColumn=71,"
                           "title=crosscheck numeric-mismatch%3A call.duration::")
    assert "\n" not in line and "%0Aseeds/002_cbc.txt:14:5: CBC News: \u201cthree hours\u201d" in line
    info = annotation(FINDINGS[3])
    assert info.startswith("::notice file=seeds/000_abc.txt,")


def test_github_hostile_text_cannot_start_a_command():
    f = replace(FINDINGS[0], message="bad\n::error::injected, 100%",
                claims=(replace(FINDINGS[0].claims[0], path="a,b:c.txt", text="x\r\n::warning::y"),))
    line = annotation(f)
    assert "\n" not in line and "\r" not in line  # a workflow command is only read at the start of a line
    command, props, message = line.split("::", 2)[0], *line.split("::", 2)[1:]
    assert command == "" and props.startswith("error file=a%2Cb%3Ac.txt,line=9,")
    assert message.startswith("bad ::error::injected, 100%25%0Ahere: ")  # whitespace folded; % escaped


def test_github_limit_of_ten_per_type_is_said():
    many = tuple(replace(FINDINGS[1], id=f"w{i}", message=f"warning {i}") for i in range(13))
    out = render("github", sample_report(findings=(FINDINGS[0], *many)))
    lines = out.splitlines()
    assert sum(x.startswith("::warning ") for x in lines) == 10
    assert sum(x.startswith("::error ") for x in lines) == 1
    assert [x for x in lines if not x.startswith("::")][:3] == [
        f"seeds/000_abc.txt:9:62: warning: warning {i} [qualifier-mismatch]" for i in (10, 11, 12)]
    assert "crosscheck: 13 warnings, but GitHub shows at most 10 warning annotations per step: 3 more are listed" in out
    assert "GitHub shows at most" not in render("github", sample_report())


# -- markdown ------------------------------------------------------------------------------------

def test_markdown_summary_table_then_findings():
    out = render("markdown", sample_report())
    assert out.startswith("## crosscheck: 2 errors, 3 warnings, 1 info\n\n| severity | findings |")
    assert "| \u274c error | 2 |" in out and "2 already in the baseline" in out and "1 suppressed" in out
    assert out.index("### call.duration") < out.index("### quote.putin")
    assert "| ABC News | Putin | seeds/000\\_abc.txt:9:62 | \u201ctwo hours\u201d |" in out
    assert "<summary>1 more claim</summary>" in out  # the four-claim finding shows three, folds one
    assert "very <del>informative</del> <ins>meaningful</ins>" in out


def test_markdown_escapes_article_text():
    assert md("a|b <img src=x> *bold* @user [link](x)") == \
        "a\\|b &lt;img src=x&gt; \\*bold\\* @\u2060user \\[link\\]\\(x\\)"
    out = render("markdown", sample_report())
    assert "Inter &lt;Bellum&gt; &amp; Co" in out and "<Bellum>" not in out


def test_markdown_stays_under_the_comment_limit():
    long_text = "word " * 400
    many = tuple(replace(FINDINGS[0], id=f"n{i}", key=f"key.{i}",
                         claims=tuple(replace(c, text=long_text) for c in FINDINGS[0].claims)) for i in range(60))
    out = render("markdown", sample_report(findings=many))
    assert len(out) < 65_536 and len(out) <= MAX_CHARS + 500
    assert re.search(r"_\d+ more findings not shown", out)
    assert "<summary>full wording</summary>" in out


# -- junit ---------------------------------------------------------------------------------------

def test_junit_one_case_per_rule_one_failure_per_finding():
    root = ET.fromstring(render("junit", sample_report()))
    suite = root.find("testsuite")
    cases = {c.get("name"): c for c in suite.findall("testcase")}
    assert set(cases) == {f.rule for f in FINDINGS} | {"unused-rule"}
    assert cases["unused-rule"].find("failure") is None
    assert len(cases["name-spelling"].findall("failure")) == 1
    assert sum(len(c.findall("failure")) for c in cases.values()) == len(FINDINGS)
    assert suite.get("tests") == "7" and suite.get("failures") == "6"
    failure = cases["quote-wording"].find("failure")
    assert failure.get("type") == "warning" and "very [-informative-]" in failure.text


def test_junit_drops_characters_xml_cannot_hold():
    f = replace(FINDINGS[0], message="bell\x07 and form\x0c feed")
    root = ET.fromstring(render("junit", sample_report(findings=(f,))))
    assert root.find("testsuite/testcase/failure").get("message") == "bell and form feed"
