"""The contract's ``check`` document: version, tool, articles, findings and summary (with
crosscheck's extra ``suppressed``, ``baselined`` and ``hidden`` counts).

Written a finding at a time (:func:`chunks`): a large corpus's report is never held whole, as a
dict or as text.  A 10,000-article story has findings with thousands of claims each, so claims
are written straight from the model (the same bytes as ``Claim.as_json`` through ``dumps``; a
test holds them equal) instead of through a dict a claim.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from checker.findings import Claim, Finding, Report
from checker.model import Quantity, number_json
from checker.output import Written, document, document_chunks, pretty, string_json

from .records import summary

FINDING_INDENT = "\n    "  # where a finding starts: an item of the document's "findings" list


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
                               findings=(Written(finding_text(f, FINDING_INDENT)) for f in report.findings),
                               summary=summary(report))
    yield "\n"


def render(report: Report, *, color: bool = False) -> str:
    """The JSON text (``color`` is ignored: JSON is for programs)."""
    return "".join(chunks(report))


def finding_text(f: Finding, nl: str) -> str:
    """``pretty(f.as_json(), nl[1:])``: a finding as JSON, its lines after the first indented by
    ``nl`` (a newline and the finding's indentation)."""
    i = nl + "  "
    head = (f"{{{i}\"id\": {_value(f.id, i)},{i}\"rule\": {_value(f.rule, i)},{i}\"type\": {_value(f.type, i)},"
            f"{i}\"severity\": {_value(f.severity, i)},{i}\"message\": {_value(f.message, i)},"
            f"{i}\"key\": {_value(f.key, i)},{i}\"claims\": ")
    if f.claims:
        c = i + "  "
        claims = "[" + c + ("," + c).join([claim_text(x, c) for x in f.claims]) + i + "]"
    else:
        claims = "[]"
    detail = f",{i}\"detail\": {_value(f.detail, i)}" if f.detail else ""
    sides = f",{i}\"sides\": {_value([s.as_json() for s in f.sides], i)}" if f.sides else ""
    return head + claims + detail + sides + nl + "}"


def claim_text(c: Claim, nl: str) -> str:
    """``pretty(c.as_json(), nl[1:])``."""
    i = nl + "  "
    q = c.quantity
    return (f"{{{i}\"article\": {_value(c.article, i)},{i}\"outlet\": {_value(c.outlet, i)},"
            f"{i}\"path\": {_value(c.path, i)},{i}\"line\": {_value(c.line, i)},{i}\"column\": {_value(c.column, i)},"
            f"{i}\"end_line\": {_value(c.end_line, i)},{i}\"end_column\": {_value(c.end_column, i)},"
            f"{i}\"text\": {_value(c.text, i)},{i}\"speaker\": {_value(c.speaker, i)},"
            f"{i}\"quantity\": {quantity_text(q, i) if q else 'null'}{nl}}}")


def quantity_text(q: Quantity, nl: str) -> str:
    """``pretty(q.as_json(), nl[1:])``."""
    i = nl + "  "
    out = (f"{{{i}\"text\": {_value(q.text, i)},{i}\"start\": {_value(q.start, i)},{i}\"end\": {_value(q.end, i)},"
           f"{i}\"qualifier\": {_value(q.qualifier, i)},{i}\"value\": {_value(number_json(q.value), i)},"
           f"{i}\"low\": {_value(number_json(q.low), i)},{i}\"high\": {_value(number_json(q.high), i)},"
           f"{i}\"low_inclusive\": {_value(q.low_inclusive, i)},{i}\"high_inclusive\": {_value(q.high_inclusive, i)},"
           f"{i}\"unit\": {_value(q.unit, i)},{i}\"dimension\": {_value(q.dimension, i)},"
           f"{i}\"noun\": {_value(q.noun, i)}")
    if q.hedge:
        out += f",{i}\"hedge\": {_value(q.hedge, i)}"
    if q.modifies:
        out += f",{i}\"modifies\": {_value(q.modifies, i)}"
    if q.distributive:
        out += f",{i}\"distributive\": true"
    if q.part_of:
        out += f",{i}\"part_of\": {_value(q.part_of, i)}"
    if q.whole is not None:
        out += f",{i}\"whole\": {_value(number_json(q.whole), i)}"
    return out + nl + "}"


def _value(v: Any, nl: str) -> str:
    t = type(v)
    if t is str:
        return string_json(v)
    if v is None:
        return "null"
    if t is int:
        return int.__repr__(v)
    return pretty(v, nl[1:])
