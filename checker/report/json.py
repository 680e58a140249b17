"""The contract's ``check`` document: version, tool, articles, findings and summary (with
crosscheck's extra ``suppressed``, ``baselined`` and ``hidden`` counts)."""

from __future__ import annotations

from ..model import Report
from ..output import document, dumps
from .records import summary


def as_document(report: Report) -> dict:
    """The document as a dict, for callers that want to embed it."""
    return document(
        articles=[a.as_json() for a in report.articles],
        findings=[f.as_json() for f in report.findings],
        summary=summary(report),
    )


def render(report: Report, *, color: bool = False) -> str:
    """The JSON text (``color`` is ignored: JSON is for programs)."""
    return dumps(as_document(report)) + "\n"
