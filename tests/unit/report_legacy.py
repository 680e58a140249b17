"""The report formats as they were rendered before they were written in pieces (a whole document,
then one string): the oracle that tests/unit/test_report_streaming.py holds the streamed formats
to, byte for byte.  Not used by crosscheck itself."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET

from rich.console import Console
from rich.text import Text

from checker import __version__
from checker.model import SEVERITIES, Finding, Report
from checker.output import document, dumps
from checker.report import github, sarif
from checker.report.junit import _failure_text, clean
from checker.report.records import by_key, count_phrase, rule_catalog, summary, summary_line
from checker.report.text import _finding_lines


def json_render(report: Report) -> str:
    doc = document(articles=[a.as_json() for a in report.articles],
                   findings=[f.as_json() for f in report.findings], summary=summary(report))
    return dumps(doc) + "\n"


def sarif_render(report: Report) -> str:
    rules = rule_catalog(report)
    rule_index = {r.id: i for i, r in enumerate(rules)}
    paths = list(dict.fromkeys([a.path for a in report.articles]
                               + [c.path for f in report.findings for c in f.claims]))
    artifacts = {p: i for i, p in enumerate(paths)}
    run = {
        "tool": {"driver": {"name": "crosscheck", "version": __version__, "semanticVersion": __version__,
                            "informationUri": sarif.INFO_URI, "rules": [sarif._descriptor(r) for r in rules]}},
        "artifacts": [{"location": sarif.artifact_location(p), "roles": ["analysisTarget"]} for p in paths],
        "columnKind": "unicodeCodePoints",
        "results": [sarif._result(f, rule_index, artifacts) for f in report.findings],
        "properties": {"suppressed": report.suppressed, "baselined": report.baselined, "hidden": report.hidden},
    }
    return dumps({"$schema": sarif.SCHEMA, "version": "2.1.0", "runs": [run]}) + "\n"


def text_render(report: Report, *, color: bool = False) -> str:
    buf = io.StringIO()
    console = Console(file=buf, force_terminal=color, no_color=not color,
                      color_system="standard" if color else None, width=10_000, highlight=False,
                      emoji=False, markup=False)
    for key, findings in by_key(report.findings):
        console.print(Text(key, style="bold underline"), soft_wrap=True)
        for f in findings:
            for line in _finding_lines(f):
                console.print(line, soft_wrap=True)
        console.print()
    if not report.findings:
        console.print(Text("no discrepancies found", style="green"), soft_wrap=True)
    console.print(Text(summary_line(report), style="bold"), soft_wrap=True)
    out = buf.getvalue()
    return "\n".join(line.rstrip() for line in out.split("\n"))


def github_render(report: Report) -> str:
    out: list[str] = []
    shown = {s: 0 for s in SEVERITIES}
    over = {s: 0 for s in SEVERITIES}
    for f in report.findings:
        sev = f.severity if f.severity in shown else "warning"
        if shown[sev] < github.MAX_PER_TYPE:
            shown[sev] += 1
            out.append(github.annotation(f))
        else:
            over[sev] += 1
            out.append(github.plain_line(f))
    for sev in SEVERITIES:
        if over[sev]:
            kind = github.COMMAND[sev]
            out.append(f"crosscheck: {count_phrase(shown[sev] + over[sev], sev)}, but GitHub shows at most "
                       f"{github.MAX_PER_TYPE} {kind} annotations per step: {over[sev]} more are listed above as "
                       f"plain lines (upload the SARIF report to see every finding in code scanning)")
    out.append("crosscheck: " + summary_line(report))
    return "\n".join(out) + "\n"


def junit_render(report: Report) -> str:
    rules = rule_catalog(report)
    findings: dict[str, list[Finding]] = {}
    for f in report.findings:
        findings.setdefault(f.rule, []).append(f)
    failed = sum(1 for r in rules if findings.get(r.id))
    root = ET.Element("testsuites", name="crosscheck", tests=str(len(rules)), failures=str(failed), errors="0")
    suite = ET.SubElement(root, "testsuite", name="crosscheck", tests=str(len(rules)), failures=str(failed),
                          errors="0", skipped="0")
    for rule in rules:
        case = ET.SubElement(suite, "testcase", classname=f"crosscheck.{rule.type or 'rule'}", name=rule.id)
        for f in findings.get(rule.id, ()):
            failure = ET.SubElement(case, "failure", message=clean(" ".join(f.message.split())), type=f.severity)
            failure.text = _failure_text(f)
    out = ET.SubElement(suite, "system-out")
    out.text = clean(summary_line(report))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


LEGACY = {"json": json_render, "sarif": sarif_render, "text": text_render, "github": github_render,
          "junit": junit_render}
