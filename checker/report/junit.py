"""JUnit XML for CI test tabs: one test case per rule (passing when the rule found nothing), one
``<failure>`` per finding of that rule.  No timestamps or host names, so the file is reproducible."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator

from checker.findings import Finding, Report

from .records import claim_where, finding_diff, rule_catalog, summary_line

_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def clean(text: str) -> str:
    """Text XML 1.0 can hold (control characters dropped)."""
    return _INVALID_XML.sub("", text)


def _failure_text(f: Finding) -> str:
    lines = [f"{f.severity}: {f.message} [{f.rule}] ({f.type}, {f.key})"]
    for c in f.claims:
        who = f" ({c.speaker})" if c.speaker else ""
        lines.append(f"  {claim_where(c)}: {c.outlet}{who}: \u201c{' '.join(c.text.split())}\u201d")
    diff = finding_diff(f)
    if diff:
        lines.append(f"  words: {diff}")
    return clean("\n".join(lines))


def chunks(report: Report, *, color: bool = False) -> Iterator[str]:
    """The JUnit XML document in pieces, a test case at a time: the same bytes as the whole tree
    indented with ``ET.indent`` and written with ``ET.tostring``."""
    rules = rule_catalog(report)
    findings: dict[str, list[Finding]] = {}
    for f in report.findings:
        findings.setdefault(f.rule, []).append(f)
    failed = sum(1 for r in rules if findings.get(r.id))
    root = ET.Element("testsuites", name="crosscheck", tests=str(len(rules)), failures=str(failed), errors="0")
    suite = ET.SubElement(root, "testsuite", name="crosscheck", tests=str(len(rules)), failures=str(failed),
                          errors="0", skipped="0")
    ET.SubElement(suite, _CASES)  # where the test cases go, written one at a time
    out = ET.SubElement(suite, "system-out")
    out.text = clean(summary_line(report))
    ET.indent(root)
    head, tail = ET.tostring(root, encoding="unicode").split(f"<{_CASES} />{_CASE_TAIL}")
    yield '<?xml version="1.0" encoding="UTF-8"?>\n' + head
    for rule in rules:
        case = ET.Element("testcase", classname=f"crosscheck.{rule.type or 'rule'}", name=rule.id)
        for f in findings.get(rule.id, ()):
            failure = ET.SubElement(case, "failure", message=clean(" ".join(f.message.split())), type=f.severity)
            failure.text = _failure_text(f)
        ET.indent(case, level=2)  # a case sits two levels deep: testsuites, testsuite
        case.tail = _CASE_TAIL
        yield ET.tostring(case, encoding="unicode")
    yield tail + "\n"


_CASES = "crosscheck-test-cases"
_CASE_TAIL = "\n    "  # what ET.indent puts after an element two levels deep that has a next sibling


def render(report: Report, *, color: bool = False) -> str:
    """The JUnit XML document."""
    return "".join(chunks(report))
