"""Markdown for a pull-request comment: a summary table, then each finding grouped by fact key with
a table of what each outlet says; long parts (many claims, long words, word differences) folded in
``<details>``.  Article text is escaped so it can neither add markup (no HTML, no image, no link: bare
URLs, e-mail addresses and ``#123`` references are broken with an unseen WORD JOINER) nor mention
anyone, and the comment stays under GitHub's 65,536-character limit.
"""

from __future__ import annotations

import html
import re

from checker.findings import Claim, Finding, Report
from checker.model import SEVERITIES

from .records import by_key, claim_where, count_phrase, diff_segments, finding_diff, summary_line

ICON = {"error": "\u274c", "warning": "\u26a0\ufe0f", "info": "\u2139\ufe0f"}
MAX_CHARS = 60_000
TABLE_ROWS = 3
LONG_TEXT = 160
_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|~])")


def md(text: str) -> str:
    """Inline Markdown text: one line, HTML and Markdown punctuation escaped, nothing GitHub would
    make a link of: no @mention, no bare URL (``https://``, ``www.``) or e-mail address, no ``#123``
    reference (a WORD JOINER, U+2060, breaks each, unseen)."""
    text = html.escape(" ".join(text.split()), quote=False)
    text = _SPECIAL.sub(r"\\\1", text)
    text = text.replace("@", "@\u2060")
    return _AUTOLINK.sub("\\g<0>\u2060", text)


# where GitHub's Markdown would start a link: after a scheme's colon, after "www", after "#" (escaped)
# before a number
_AUTOLINK = re.compile(r"(?i)(?<=[a-z0-9+.-])\:(?=//)|www(?=\.)|\\#(?=\d)")


def _cell(claim: Claim) -> str:
    words = claim.text if len(claim.text) <= LONG_TEXT else claim.text[:LONG_TEXT].rstrip() + "\u2026"
    return (f"| {md(claim.outlet)} | {md(claim.speaker or '-')} | {md(claim_where(claim))} | "
            f"\u201c{md(words)}\u201d |")


def _table(claims: tuple[Claim, ...] | list[Claim]) -> list[str]:
    return ["| outlet | speaker | where | says |", "| --- | --- | --- | --- |", *(_cell(c) for c in claims)]


def _details(summary: str, body: list[str]) -> list[str]:
    return ["<details>", f"<summary>{summary}</summary>", "", *body, "", "</details>"]


def _diff(diff: str) -> str:
    """A word difference with <del> and <ins>, which GitHub renders."""
    tags = {"del": "<del>{}</del>", "ins": "<ins>{}</ins>", "same": "{}"}
    return " ".join(tags[kind].format(md(words)) for kind, words in diff_segments(diff))


def _finding(f: Finding) -> list[str]:
    head = f"**{ICON.get(f.severity, '')} {f.severity}** {md(f.rule)} ({md(f.type)}): {md(f.message)}"
    lines = [head, "", *_table(f.claims[:TABLE_ROWS])]
    if len(f.claims) > TABLE_ROWS:
        more = count_phrase(len(f.claims) - TABLE_ROWS, "more claim")
        lines += ["", *_details(more, _table(f.claims[TABLE_ROWS:]))]
    long = [c for c in f.claims if len(c.text) > LONG_TEXT]
    if long:
        body = [f"- {md(c.outlet)} ({md(claim_where(c))}): \u201c{md(c.text)}\u201d" for c in long]
        lines += ["", *_details("full wording", body)]
    diff = finding_diff(f)
    if diff:
        lines += ["", *_details("word differences", [_diff(diff)])]
    return lines + [""]


def _summary(report: Report) -> list[str]:
    counts = report.counts()
    rows = [f"| {ICON[s]} {s} | {counts[s]} |" for s in SEVERITIES]
    notes = [f"{count_phrase(len(report.articles), 'article')}, {count_phrase(report.facts, 'fact')} and "
             f"{count_phrase(report.quotes, 'quote')} read."]
    if report.suppressed:
        notes.append(f"{report.suppressed} suppressed by rule settings or comments in the articles.")
    if report.baselined:
        notes.append(f"{report.baselined} already in the baseline, not shown.")
    if report.hidden:
        notes.append(f"{report.hidden} below --min-severity, not shown.")
    return ["| severity | findings |", "| --- | ---: |", *rows, "", " ".join(notes), ""]


def _body(report: Report, budget: int) -> tuple[list[str], int]:
    """The findings grouped by key, as many as fit in ``budget`` characters, and how many fitted."""
    out: list[str] = []
    shown = 0
    for key, findings in by_key(report.findings):
        heading = [f"### {md(key)}", ""]
        for f in findings:
            part = (heading if heading else []) + _finding(f)
            cost = sum(len(x) + 1 for x in part)
            if cost > budget:
                return out, shown
            out += part
            budget -= cost
            shown += 1
            heading = []
    return out, shown


def render(report: Report, *, color: bool = False) -> str:
    """The Markdown comment."""
    total = len(report.findings)
    title = "no discrepancies" if not total else ", ".join(
        count_phrase(n, s) for s, n in report.counts().items() if n)
    out = [f"## crosscheck: {title}", "", *_summary(report)]
    body, shown = _body(report, MAX_CHARS - sum(len(x) + 1 for x in out))
    out += body
    if shown < total:
        out += [f"_{total - shown} more findings not shown: the comment would be too long. "
                f"See the full report (text, HTML or SARIF)._", ""]
    out.append(f"<sub>{md(summary_line(report))}</sub>")
    return "\n".join(out) + "\n"
