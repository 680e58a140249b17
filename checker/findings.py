"""Frozen value types of what rules find: a finding, its claims and sides, and the report.

    Fact (checker/model.py) -> Claim -> Finding -> Report

Like checker/model.py's, each is an immutable dataclass with tuples for collections; they are apart
from the extraction's types so that a process that only extracts facts does not build them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .article import Article
from .model import SEVERITIES, Quantity

__all__ = ["Claim", "Finding", "FindingSide", "Report"]


@dataclass(frozen=True, slots=True)
class Claim:
    """One side of a finding: what one outlet says, and exactly where."""

    article: str
    outlet: str
    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    text: str
    speaker: str | None = None
    quantity: Quantity | None = None
    published: str | None = None

    def as_json(self) -> dict[str, Any]:
        return {
            "article": self.article,
            "outlet": self.outlet,
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "text": self.text,
            "speaker": self.speaker,
            "quantity": self.quantity.as_json() if self.quantity else None,
        }


@dataclass(frozen=True, slots=True)
class FindingSide:
    """One side of a finding: what it says (``label``, ``value``), which of the finding's claims
    stand on it (indices), their outlets and sources, and a likely explanation where one applies
    ("a later figure", "another source")."""

    label: str
    value: str
    claims: tuple[int, ...]
    outlets: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    explanation: str | None = None

    def as_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"label": self.label, "value": self.value, "claims": list(self.claims),
                               "outlets": list(self.outlets), "sources": list(self.sources)}
        if self.explanation:
            out["explanation"] = self.explanation
        return out


@dataclass(frozen=True, slots=True)
class Finding:
    """A discrepancy a rule found, with every claim involved."""

    id: str
    rule: str
    type: str
    severity: str
    message: str
    key: str
    claims: tuple[Claim, ...]
    detail: str | None = None
    #: the sides the claims stand on (contract 1.1; empty for findings made before it)
    sides: tuple[FindingSide, ...] = ()

    def as_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "id": self.id,
            "rule": self.rule,
            "type": self.type,
            "severity": self.severity,
            "message": self.message,
            "key": self.key,
            "claims": [c.as_json() for c in self.claims],
        }
        if self.detail:
            out["detail"] = self.detail
        if self.sides:
            out["sides"] = [s.as_json() for s in self.sides]
        return out


@dataclass(frozen=True, slots=True)
class Report:
    """Everything a report format needs; plain data, no timestamps."""

    articles: tuple[Article, ...]
    findings: tuple[Finding, ...]
    facts: int = 0
    quotes: int = 0
    suppressed: int = 0
    baselined: int = 0
    rules: tuple[Any, ...] = ()
    hidden: int = 0  # findings below --min-severity: not shown, still counted (and still fail the run)

    def counts(self) -> dict[str, int]:
        out = {s: 0 for s in SEVERITIES}
        for f in self.findings:
            out[f.severity] = out.get(f.severity, 0) + 1
        return out
