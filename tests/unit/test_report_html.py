"""The HTML report: self-contained, side by side, filterable, and safe with hostile article text."""

from __future__ import annotations

import base64
import hashlib
import re
from dataclasses import replace
from html.parser import HTMLParser

from test_report_sample import ABC, CBC, FINDINGS, sample_report

from checker.findings import Claim, Finding
from checker.model import Article
from checker.report import render
from checker.report.html import TEMPLATES

HOSTILE = '"><script>alert(1)</script><img src=x onerror=alert(2)>\' onmouseover=\'alert(3)'


class Page(HTMLParser):
    """Every element with its attributes, every script's text, and all the text."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[str] = []
        self.text: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))
        self._in_script = tag == "script"
        if self._in_script:
            self.scripts.append("")

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.scripts[-1] += data
        else:
            self.text.append(data)


def parse(html: str) -> Page:
    page = Page()
    page.feed(html)
    page.close()
    return page


def hostile_report():
    evil = Article(id="evil", path=f"seeds/{HOSTILE}.txt", text="", outlet=HOSTILE, title=HOSTILE)
    claim = Claim(article="evil", outlet=HOSTILE, path=evil.path, line=3, column=1, end_line=3, end_column=9,
                  text=HOSTILE, speaker=HOSTILE)
    first = FINDINGS[0]
    finding = Finding(id=HOSTILE, rule=HOSTILE, type="numeric", severity="error", message=HOSTILE, key=HOSTILE,
                      claims=(first.claims[0], claim), detail=f"[-{HOSTILE}-] {{+x+}}")
    return sample_report(articles=(ABC, CBC, evil), findings=(finding, *FINDINGS[1:]))


def test_hostile_article_text_runs_nothing_and_breaks_no_attribute():
    html = render("html", hostile_report())
    page = parse(html)
    ours = (TEMPLATES / "report.js").read_text(encoding="utf-8")
    assert page.scripts == [ours]  # the page's own script and nothing else
    assert not any(name.startswith("on") for _, attrs in page.elements for name in attrs)
    assert not any(tag == "img" for tag, _ in page.elements)
    # attributes that carry article text hold it whole: the quotes did not end them
    titles = [attrs["title"] for tag, attrs in page.elements if "title" in attrs]
    assert HOSTILE in titles  # the column header's title is the article's title
    assert any(t == f"{HOSTILE} \u2014 seeds/{HOSTILE}.txt:3:1" for t in titles)
    assert HOSTILE in "".join(page.text)
    assert "<script>alert" not in html and "onerror=alert" not in html.replace("onerror=alert(2)&gt;", "")


def test_content_security_policy_allows_only_the_page_itself():
    html = render("html", sample_report())
    page = parse(html)
    csp = next(a["content"] for t, a in page.elements if t == "meta" and a.get("http-equiv") == "Content-Security-Policy")
    assert "default-src 'none'" in csp and "connect-src 'none'" in csp and "img-src 'none'" in csp
    digest = base64.b64encode(hashlib.sha256(page.scripts[0].encode()).digest()).decode()
    assert f"script-src 'sha256-{digest}'" in csp
    style = re.search(r"<style>(.*?)</style>", html, re.S).group(1)
    assert f"style-src 'sha256-{base64.b64encode(hashlib.sha256(style.encode()).digest()).decode()}'" in csp
    assert "unsafe-inline" not in csp
    # self-contained: nothing is loaded from anywhere
    for tag, attrs in page.elements:
        assert not (attrs.get("src") or attrs.get("href")), (tag, attrs)
        assert tag not in ("link", "iframe", "object", "embed", "img")


def test_side_by_side_table_has_a_column_per_article_and_a_row_per_finding():
    html = render("html", sample_report())
    page = parse(html)
    headers = [a for t, a in page.elements if t == "th" and a.get("class") == "outlet"]
    assert len(headers) == 3
    rows = [a for t, a in page.elements if t == "tr" and a.get("class") == "finding"]
    assert len(rows) == len(FINDINGS)
    assert {r["data-severity"] for r in rows} == {"error", "warning", "info"}
    assert {r["data-type"] for r in rows} == {f.type for f in FINDINGS}
    text = " ".join(" ".join(page.text).split())
    for f in FINDINGS:
        for c in f.claims:
            assert f"\u201c{c.text}\u201d" in text
    assert "<del>informative</del>" in html and "<ins>meaningful</ins>" in html
    # a numeric finding has no claim from the third article: its cell says so
    assert html.count('<td class="none">') >= 1


def test_filters_offer_every_severity_and_the_types_present():
    page = parse(render("html", sample_report(findings=FINDINGS[:3])))
    boxes = [(a["data-filter"], a["value"]) for t, a in page.elements if t == "input"]
    assert boxes == [("severity", "error"), ("severity", "warning"), ("severity", "info"),
                     ("type", "numeric"), ("type", "qualifier"), ("type", "quote")]


def test_empty_report_says_so():
    html = render("html", sample_report(findings=()))
    assert "No discrepancies found." in html and 'class="finding"' not in html


def test_same_report_same_bytes():
    report = sample_report()
    assert render("html", report) == render("html", replace(report))
