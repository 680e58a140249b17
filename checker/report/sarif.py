"""SARIF 2.1.0, as GitHub code scanning accepts it.

One run; ``tool.driver.rules`` describes every rule (short and full description, help as text and
Markdown); each finding is a result at its first claim, with the other outlets' claims as
``relatedLocations`` (linked from the message), a stable ``partialFingerprints`` entry from
``Finding.id``, and regions in code points (``columnKind: unicodeCodePoints``).  Artifact URIs are
relative to ``%SRCROOT%`` (the checkout GitHub resolves them against).  No timestamps.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path, PurePath
from urllib.parse import quote

from checker.findings import Claim, Finding, Report
from checker.output import pretty_chunks
from checker.version import __version__

from .records import RuleInfo, finding_diff, rule_catalog

SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
INFO_URI = "https://example.invalid/crosscheck/docs"  # [project.urls] Documentation
LEVEL = {"error": "error", "warning": "warning", "info": "note"}
PROBLEM_SEVERITY = {"error": "error", "warning": "warning", "info": "recommendation"}
FINGERPRINT = "crosscheckFindingId/v1"
SRCROOT = "%SRCROOT%"
MAX_RELATED = 1000  # GitHub code scanning keeps at most 1,000 related locations a result


def artifact_location(path: str) -> dict:
    """A relative, percent-encoded URI under %SRCROOT%; an absolute path outside the working
    directory becomes a file: URI."""
    p = Path(path)
    if p.is_absolute():
        try:
            rel = p.resolve().relative_to(Path.cwd().resolve()).as_posix()
        except ValueError:
            return {"uri": p.resolve().as_uri()}
    else:
        rel = PurePath(path).as_posix()
    return {"uri": quote(rel, safe="/", errors="replace"), "uriBaseId": SRCROOT}


def _region(c: Claim) -> dict:
    region = {"startLine": max(c.line, 1), "startColumn": max(c.column, 1)}
    if (c.end_line, c.end_column) > (c.line, c.column):
        region["endLine"] = c.end_line
        region["endColumn"] = max(c.end_column, 1)
    region["snippet"] = {"text": c.text}
    return region


class _Artifacts(dict):
    """Each artifact's index by path, and each path's artifact location worked out once (it
    resolves the path on disk: a report of 10,000 articles has ~100,000 locations)."""

    def location(self, path: str) -> dict:
        memo = self.__dict__.setdefault("_memo", {})
        if path not in memo:
            memo[path] = artifact_location(path)
        return dict(memo[path])


def _location(c: Claim, index: dict[str, int], *, loc_id: int | None = None, message: str | None = None) -> dict:
    artifact = index.location(c.path) if isinstance(index, _Artifacts) else artifact_location(c.path)
    if c.path in index:
        artifact["index"] = index[c.path]
    loc: dict = {"physicalLocation": {"artifactLocation": artifact, "region": _region(c)}}
    if loc_id is not None:
        loc["id"] = loc_id
    if message:
        loc["message"] = {"text": message}
    return loc


def _esc(text: str) -> str:
    """Text inside a SARIF message that has embedded links: backslash-escape \\ [ and ]."""
    return text.replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]")


def _says(c: Claim) -> str:
    who = f" ({c.speaker})" if c.speaker else ""
    return f"{c.outlet}{who}: \u201c{' '.join(c.text.split())}\u201d"


def _message(f: Finding) -> str:
    first = f.claims[0] if f.claims else None
    message = " ".join(f.message.split())
    parts = [_esc(message if message.endswith((".", "!", "?")) else message + ".")]
    if first is not None:
        parts.append(f"Here {_esc(_says(first))}.")
    others = [f"[{_esc(_says(c))}]({i})" for i, c in enumerate(f.claims[1:MAX_RELATED + 1], start=1)]
    if others:
        parts.append("Elsewhere: " + "; ".join(others) + ".")
    diff = finding_diff(f)
    if diff:
        parts.append(f"Words: {_esc(' '.join(diff.split()))}")
    return " ".join(parts)


def _result(f: Finding, rule_index: dict[str, int], artifacts: dict[str, int]) -> dict:
    result: dict = {
        "ruleId": f.rule,
        "ruleIndex": rule_index[f.rule],
        "level": LEVEL.get(f.severity, "warning"),
        "message": {"text": _message(f)},
        "locations": [_location(f.claims[0], artifacts)] if f.claims else [],
        "partialFingerprints": {FINGERPRINT: f.id},
        "properties": {"type": f.type, "key": f.key, "severity": f.severity},
    }
    related = [_location(c, artifacts, loc_id=i, message=_says(c))
               for i, c in enumerate(f.claims[1:MAX_RELATED + 1], start=1)]
    if related:
        result["relatedLocations"] = related
    return result


def _descriptor(info: RuleInfo) -> dict:
    name = "".join(part.capitalize() for part in info.id.replace("_", "-").split("-") if part) or info.id
    tags = ["crosscheck", "news"] + ([info.type] if info.type else [])
    return {
        "id": info.id,
        "name": name,
        "shortDescription": {"text": info.short},
        "fullDescription": {"text": info.full},
        "help": {"text": info.help_text, "markdown": info.help_markdown},
        "defaultConfiguration": {"level": LEVEL.get(info.severity, "warning")},
        "properties": {"tags": tags, "precision": "medium",
                       "problem.severity": PROBLEM_SEVERITY.get(info.severity, "warning")},
    }


def as_log(report: Report) -> dict:
    """The SARIF log as a dict."""
    log = _log(report)
    run = log["runs"][0]
    run["results"] = list(run["results"])
    return log


def _log(report: Report) -> dict:
    """The SARIF log with its results as an iterator (each result made when it is written)."""
    rules = rule_catalog(report)
    rule_index = {r.id: i for i, r in enumerate(rules)}
    paths = list(dict.fromkeys(_paths(report)))
    artifacts = _Artifacts((p, i) for i, p in enumerate(paths))
    run = {
        "tool": {"driver": {"name": "crosscheck", "version": __version__, "semanticVersion": __version__,
                            "informationUri": INFO_URI, "rules": [_descriptor(r) for r in rules]}},
        "artifacts": [{"location": artifacts.location(p), "roles": ["analysisTarget"]} for p in paths],
        "columnKind": "unicodeCodePoints",
        "results": (_result(f, rule_index, artifacts) for f in report.findings),
        "properties": {"suppressed": report.suppressed, "baselined": report.baselined, "hidden": report.hidden},
    }
    return {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}


def _paths(report: Report) -> Iterator[str]:
    """Every article's path, then every claim's (an article a finding names may not be in the report)."""
    for a in report.articles:
        yield a.path
    for f in report.findings:
        for c in f.claims:
            yield c.path


def chunks(report: Report, *, color: bool = False) -> Iterator[str]:
    """The SARIF text in pieces, a result at a time; joined, ``dumps(as_log(report)) + "\\n"``."""
    yield from pretty_chunks(_log(report))
    yield "\n"


def render(report: Report, *, color: bool = False) -> str:
    """The SARIF text."""
    return "".join(chunks(report))
