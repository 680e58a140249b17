"""The HTML report in a real browser: headless Chromium loads it under its own Content-Security-Policy,
runs its filter script, takes a screenshot, and the page's DOM shows the findings table.

Needs Debian's Chromium (``apt-get install chromium``) and runs only in ``tox -e html`` (which sets
CROSSCHECK_BROWSER_TESTS=1); elsewhere it skips and says why.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "unit"))

from test_report_sample import FINDINGS, sample_report  # noqa: E402

from checker.findings import (
    Claim,
    Finding,  # noqa: E402
)
from checker.model import Article  # noqa: E402
from checker.report import render  # noqa: E402

CHROMIUM = Path("/usr/bin/chromium")

pytestmark = [
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's Chromium at /usr/bin/chromium "
                                                     "(apt-get install chromium)"),
    pytest.mark.skipif(os.environ.get("CROSSCHECK_BROWSER_TESTS") != "1",
                       reason="browser tests run in their own tox env: tox -e html"),
]


def chromium(url: str, *extra: str) -> str:
    cmd = [str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
           "--disable-extensions", "--window-size=1400,1000", *extra, url]
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def page_text(dom: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", dom).split())


@pytest.fixture(scope="module")
def page(tmp_path_factory) -> Path:
    evil = Article(id="evil", path="seeds/evil.txt", text="", outlet='Evil "><img src=x onerror="document.title=1">')
    claim = Claim(article="evil", outlet=evil.outlet, path=evil.path, line=1, column=1, end_line=1, end_column=5,
                  text="<script>document.title='pwned'</script>")
    hostile = Finding(id="evil-1", rule="quote-wording", type="quote", severity="warning",
                      message="<b onmouseover=alert(1)>x</b>", key="quote.evil", claims=(FINDINGS[2].claims[0], claim))
    report = sample_report(articles=(*sample_report().articles, evil), findings=(*FINDINGS, hostile))
    path = tmp_path_factory.mktemp("html") / "report.html"
    path.write_text(render("html", report), encoding="utf-8")
    return path


def test_screenshot_and_findings_table(page):
    shot = page.with_name("report.png")
    chromium(page.as_uri(), f"--screenshot={shot}")
    assert shot.stat().st_size > 10_000 and shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    dom = chromium(page.as_uri(), "--dump-dom")
    assert 'data-filters="ready"' in dom  # the page's script ran: the CSP allowed it by its hash
    text = page_text(dom)
    assert "What each outlet says" in text and "Fact and finding" in text
    for f in FINDINGS:
        assert f.key in text and f.message in text
    assert f"{len(FINDINGS) + 1} of {len(FINDINGS) + 1} findings shown" in text


def test_hostile_text_did_not_run(page):
    dom = chromium(page.as_uri(), "--dump-dom")
    assert "<title>crosscheck report:" in dom and "pwned" not in dom.split("</title>")[0]
    assert dom.count("<script") == 1 and "<img" not in dom
    assert "&lt;script&gt;document.title='pwned'&lt;/script&gt;" in dom


def test_filters_from_the_url_hash(page):
    dom = chromium(page.as_uri() + "#severity=error&type=numeric,internal", "--dump-dom")
    rows = re.findall(r'<tr class="finding"[^>]*>', dom)
    visible = [r for r in rows if "hidden" not in r]
    assert len(rows) == len(FINDINGS) + 1
    assert {re.search(r'data-type="(\w+)"', r).group(1) for r in visible} == {"numeric", "internal"}
    assert all('data-severity="error"' in r for r in visible) and len(visible) == 2
