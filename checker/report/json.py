"""The contract's ``check`` document: version, tool, articles, findings and summary (with
crosscheck's extra ``suppressed``, ``baselined`` and ``hidden`` counts).

Written a finding at a time (:func:`chunks`): a large corpus's report is never held whole, as a
dict or as text."""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Report
from ..output import document, document_chunks
from .records import summary


def as_document(report: Report) -> dict:
    """The document as a dict, for callers that want to embed it."""
    return document(
        articles=[a.as_json() for a in report.articles],
        findings=[f.as_json() for f in report.findings],
        summary=summary(report),
    )


def chunks(report: Report, *, color: bool = False) -> Iterator[str]:
    """The JSON text in pieces, an article or a finding at a time; joined, the same bytes as
    ``dumps(as_document(report)) + "\\n"`` (``color`` is ignored: JSON is for programs)."""
    yield from document_chunks(articles=(a.as_json() for a in report.articles),
                               findings=(f.as_json() for f in report.findings),
                               summary=summary(report))
    yield "\n"


def render(report: Report, *, color: bool = False) -> str:
    """The JSON text (``color`` is ignored: JSON is for programs)."""
    return "".join(chunks(report))
