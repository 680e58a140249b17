"""The record view every report format reads from: summary counts, findings grouped by fact key,
rule descriptions, places and word differences, all as plain values.

Formats never reach into the pipeline; they take a :class:`~checker.findings.Report` and ask this module
for what they show, so the seven formats agree on every count and every place.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from checker.findings import Claim, Finding, Report
from checker.model import SEVERITIES, severity_rank

__all__ = [
    "RuleInfo",
    "by_key",
    "claim_where",
    "count_phrase",
    "diff_segments",
    "finding_diff",
    "rule_catalog",
    "severity_rank",
    "summary",
    "summary_line",
    "word_diff",
    "wordings",
]

TYPE_TEXT = {
    "numeric": "the outlets give values that disagree",
    "qualifier": "the values overlap but one outlet hedges (\"more than\", \"about\") where another does not",
    "quote": "the same speaker is quoted in different words",
    "attribution": "the same claim or quote is given to different speakers",
    "spelling": "one name is spelled differently",
    "internal": "an article disagrees with itself or breaks a rule's constraint",
}


def summary(report: Report) -> dict[str, Any]:
    """The contract's summary object, plus crosscheck's extra counts."""
    return {
        "articles": len(report.articles),
        "facts": report.facts,
        "quotes": report.quotes,
        "findings": report.counts(),
        "suppressed": report.suppressed,
        "baselined": report.baselined,
        "hidden": report.hidden,
    }


def count_phrase(n: int, word: str) -> str:
    """``1 error``, ``2 errors``, ``0 info``."""
    if word == "info" or n == 1:
        return f"{n} {word}"
    return f"{n} {word}s"


def summary_line(report: Report) -> str:
    """One line: what was read, what was found, and what was set aside (never silently)."""
    counts = report.counts()
    found = ", ".join(count_phrase(counts[s], s) for s in SEVERITIES)
    line = (f"{count_phrase(len(report.articles), 'article')}, {count_phrase(report.facts, 'fact')}, "
            f"{count_phrase(report.quotes, 'quote')}: {found}")
    extra = []
    if report.suppressed:
        extra.append(f"{report.suppressed} suppressed")
    if report.baselined:
        extra.append(f"{report.baselined} baselined")
    if report.hidden:
        extra.append(f"{report.hidden} below --min-severity not shown")
    return line + (f" ({'; '.join(extra)})" if extra else "")


def by_key(findings: Iterable[Finding]) -> list[tuple[str, list[Finding]]]:
    """Findings grouped by fact key, keys in order of first appearance, most severe first within."""
    groups: dict[str, list[Finding]] = {}
    for f in findings:
        groups.setdefault(f.key, []).append(f)
    return [(k, sorted(v, key=lambda f: severity_rank(f.severity))) for k, v in groups.items()]


def claim_where(claim: Claim) -> str:
    """``path:line:col`` of a claim."""
    return f"{claim.path}:{claim.line}:{claim.column}"


_WORD = re.compile(r"\w+(?:['\u2019]\w+)*|[^\w\s]")


def word_diff(old: str, new: str) -> str:
    """A word-level difference: unchanged words as they are, ``[-removed-]`` and ``{+added+}``."""
    a, b = _WORD.findall(old), _WORD.findall(new)
    out: list[str] = []
    matcher = difflib.SequenceMatcher(a=[w.lower() for w in a], b=[w.lower() for w in b], autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            out.append(" ".join(b[j1:j2]))
            continue
        if i2 > i1:
            out.append("[-" + " ".join(a[i1:i2]) + "-]")
        if j2 > j1:
            out.append("{+" + " ".join(b[j1:j2]) + "+}")
    return " ".join(out)


_SEGMENT = re.compile(r"\[-(.*?)-\]|\{\+(.*?)\+\}", re.S)


def diff_segments(diff: str) -> list[tuple[str, str]]:
    """A word difference split into ("same" | "del" | "ins", text) parts."""
    parts: list[tuple[str, str]] = []
    pos = 0
    for m in _SEGMENT.finditer(diff):
        if m.start() > pos and diff[pos:m.start()].strip():
            parts.append(("same", diff[pos:m.start()].strip()))
        parts.append(("del", m.group(1)) if m.group(1) is not None else ("ins", m.group(2)))
        pos = m.end()
    if diff[pos:].strip():
        parts.append(("same", diff[pos:].strip()))
    return parts


def finding_diff(finding: Finding) -> str | None:
    """The finding's word-level detail: the engine's when it gave one, else worked out for a quote
    finding between its first two differently worded claims."""
    if finding.detail:
        return finding.detail
    if finding.type != "quote":
        return None
    texts = list(dict.fromkeys(c.text for c in finding.claims))
    if len(texts) < 2:
        return None
    return word_diff(texts[0], texts[1])


@dataclass(frozen=True, slots=True)
class Wording:
    """One side of a quote or attribution finding, for a side-by-side view: what is said
    (``label``), by whom (``speakers``), in which outlets and where (``places``: path:line:col)."""

    label: str
    speakers: tuple[str, ...]
    outlets: tuple[str, ...]
    places: tuple[str, ...]


def wordings(finding: Finding) -> list[Wording]:
    """The finding's sides as wordings side by side (in the finding's order), each with its
    speakers, outlets and places; [] for a finding that lists no sides."""
    out = []
    for side in finding.sides:
        claims = [finding.claims[i] for i in side.claims if 0 <= i < len(finding.claims)]
        speakers = tuple(dict.fromkeys(c.speaker for c in claims if c.speaker)) or tuple(side.sources)
        out.append(Wording(side.label, speakers, tuple(side.outlets),
                           tuple(dict.fromkeys(claim_where(c) for c in claims))))
    return out


@dataclass(frozen=True, slots=True)
class RuleInfo:
    """What a report says about one rule: SARIF's descriptor and JUnit's test case read from this."""

    id: str
    severity: str
    type: str | None
    short: str
    full: str
    help_text: str
    help_markdown: str


def _attr(rule: Any, name: str) -> str | None:
    value = rule.get(name) if isinstance(rule, dict) else getattr(rule, name, None)
    return value if isinstance(value, str) and value else None


def _rule_info(rule: Any) -> RuleInfo | None:
    """A rule object of the rule set (duck-typed: id, severity, type, kind, description), or None
    for a disabled rule or something without an id."""
    rid = _attr(rule, "id")
    enabled = rule.get("enabled", True) if isinstance(rule, dict) else getattr(rule, "enabled", True)
    if rid is None or enabled is False:
        return None
    severity = _attr(rule, "severity")
    return _describe(rid, severity if severity in SEVERITIES else "warning", _attr(rule, "type"),
                     _attr(rule, "kind"), _attr(rule, "description"))


_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"\u201c(])")


def _describe(rid: str, severity: str, rtype: str | None, kind: str | None, described: str | None) -> RuleInfo:
    what = TYPE_TEXT.get(rtype or "", "outlets disagree on a fact")
    full = " ".join(described.split()) if described else f"Flags stories where {what}."
    short = _SENTENCE.split(full, maxsplit=1)[0] if described else f"{rid}: {what}"
    if kind:
        full += f" (Comparator: {kind}.)"
    advice = ("Each result points at one outlet's words; the related locations are what the other outlets "
              "say. Check the sources, then correct the article, or suppress the rule for one article")
    help_text = f"{full}\n\n{advice} with front matter `crosscheck: {{ignore: [{rid}]}}`."
    help_md = (f"**{rid}** ({severity}{', ' + rtype if rtype else ''})\n\n{full}\n\n{advice} with front "
               f"matter:\n\n```yaml\ncrosscheck:\n  ignore: [{rid}]\n```")
    return RuleInfo(rid, severity, rtype, short, full, help_text, help_md)


def rule_catalog(report: Report) -> list[RuleInfo]:
    """Every rule in force (from ``report.rules``) and every rule a finding names, sorted by id."""
    infos: dict[str, RuleInfo] = {}
    for rule in report.rules:
        info = _rule_info(rule)
        if info is not None:
            infos.setdefault(info.id, info)
    for f in report.findings:
        if f.rule not in infos:
            infos[f.rule] = _describe(f.rule, f.severity, f.type, None, None)
        elif infos[f.rule].type is None:
            old = infos[f.rule]
            infos[f.rule] = RuleInfo(old.id, old.severity, f.type, old.short, old.full, old.help_text,
                                     old.help_markdown)
    return [infos[k] for k in sorted(infos)]
