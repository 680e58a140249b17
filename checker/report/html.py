"""One self-contained HTML page: a side-by-side table of what each outlet says for each finding,
filterable by severity and type with a little inline script.

Everything from an article (outlet, title, path, words, speaker) goes through jinja2's autoescape,
in text and in attributes alike.  A Content-Security-Policy meta allows no network load at all and
runs only the page's own script and style, named by their SHA-256 hashes, so even markup that got
through could not run.
"""

from __future__ import annotations

import base64
import functools
import hashlib
from pathlib import Path

from checker.findings import Finding, Report
from checker.model import SEVERITIES
from checker.version import __version__

from .records import by_key, claim_where, count_phrase, diff_segments, finding_diff, summary_line

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
TYPES = ("numeric", "qualifier", "quote", "attribution", "spelling", "internal")


@functools.cache
def _env():
    import jinja2

    return jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATES)), autoescape=True,
                              undefined=jinja2.StrictUndefined, trim_blocks=False, keep_trailing_newline=True)


@functools.cache
def _asset(name: str) -> str:
    return (TEMPLATES / name).read_text(encoding="utf-8")


def _sha256(text: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")


def csp(script: str, style: str) -> str:
    """The page's Content-Security-Policy: nothing from anywhere, except its own script and style."""
    return (f"default-src 'none'; script-src '{_sha256(script)}'; style-src '{_sha256(style)}'; "
            "img-src 'none'; connect-src 'none'; font-src 'none'; object-src 'none'; base-uri 'none'; "
            "form-action 'none'")


def _columns(report: Report, findings: tuple[Finding, ...]) -> list[dict]:
    cols = [{"id": a.id, "outlet": a.outlet, "path": a.path, "title": a.title or a.outlet} for a in report.articles]
    known = {c["id"] for c in cols}
    for f in findings:
        for c in f.claims:
            if c.article not in known:
                known.add(c.article)
                cols.append({"id": c.article, "outlet": c.outlet, "path": c.path, "title": c.outlet})
    return cols


def _row(f: Finding, columns: list[dict]) -> dict:
    cells: dict[str, list[dict]] = {}
    for c in f.claims:
        cells.setdefault(c.article, []).append(
            {"outlet": c.outlet, "text": " ".join(c.text.split()), "speaker": c.speaker, "where": claim_where(c),
             "line": c.line, "column": c.column})
    diff = finding_diff(f)
    return {"id": f.id, "key": f.key, "rule": f.rule, "type": f.type, "severity": f.severity,
            "message": f.message, "diff": diff_segments(diff) if diff else [],
            "cells": [cells.get(col["id"]) for col in columns]}


def render(report: Report, *, color: bool = False) -> str:
    """The HTML page."""
    script, style = _asset("report.js"), _asset("report.css")
    ordered = tuple(f for _, group in by_key(report.findings) for f in group)
    columns = _columns(report, ordered)
    counts = report.counts()
    present = {f.type for f in ordered}
    title = ", ".join(count_phrase(n, s) for s, n in counts.items() if n) or "no discrepancies"
    return _env().get_template("report.html.j2").render(
        csp=csp(script, style), js=_markup(script), css=_markup(style), version=__version__, title=title,
        summary=summary_line(report), severities=SEVERITIES,
        types=[t for t in TYPES if t in present] + sorted(present - set(TYPES)),
        columns=columns, rows=[_row(f, columns) for f in ordered], articles=report.articles)


def _markup(text: str):
    """The page's own static script or style, inserted as is (it is ours, not an article's)."""
    from markupsafe import Markup

    return Markup(text)
