"""Baselines: the findings a project has accepted, recorded by ``Finding.id`` so that a later
``check --baseline FILE`` reports only new ones.

The file is a versioned JSON document (``"kind": "baseline"``), sorted by id, with each finding's
rule, key, severity, message and places so that a reviewer can read a baseline change in a diff.  It
is written whole (temporary file, then rename).
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from pathlib import Path

from checker.errors import Location, UsageError
from checker.findings import Finding
from checker.output import document, dumps, write_atomic
from checker.report.records import claim_where

__all__ = ["KIND", "VERSION", "Baseline", "baseline_document", "load_baseline", "stale_keys", "write_baseline"]

VERSION = 1
KIND = "baseline"


class Baseline(frozenset):
    """The finding ids a baseline records (a frozenset of them), with the file's path and each
    entry's fact key, so that an entry naming a key that no longer exists can be reported."""

    path: str = ""
    keys: dict[str, str]

    def __new__(cls, path: str, entries: dict[str, str]):
        self = super().__new__(cls, entries)
        self.path, self.keys = path, dict(entries)
        return self


def stale_keys(baseline: frozenset[str], known: set[str]) -> list[str]:
    """The fact keys a baseline's entries name that no fact of this run has (sorted); ``known``
    holds the run's fact and finding keys.  A plain set of ids has no keys: nothing is stale."""
    keys = getattr(baseline, "keys", {})
    return sorted({k for k in keys.values() if k and _fact_key(k) and k not in known})


def _fact_key(key: str) -> bool:
    """A fact key ("person.killed", "inflation.share[in=may]"), not a quote's or a name's."""
    head = key.split("[", 1)[0]
    return "." in head and "/" not in head


def baseline_document(findings: Iterable[Finding]) -> dict:
    """The baseline document for ``findings`` (one entry per id, sorted)."""
    entries = {}
    for f in findings:
        entries.setdefault(f.id, {"id": f.id, "rule": f.rule, "key": f.key, "severity": f.severity,
                                  "message": f.message, "where": [claim_where(c) for c in f.claims]})
    return document(kind=KIND, findings=[entries[k] for k in sorted(entries)])


def write_baseline(path: str | Path, findings: Iterable[Finding]) -> int:
    """Write the baseline file; returns how many findings it records."""
    doc = baseline_document(findings)
    write_atomic(path, dumps(doc) + "\n", kind="json")
    return len(doc["findings"])


def _fail(path: str, message: str, line: int | None = None, column: int | None = None) -> UsageError:
    return UsageError(message, Location(path, line, column))


def load_baseline(path: str | Path) -> frozenset[str]:
    """The finding ids a baseline file records; a missing or malformed file is a usage error."""
    name = str(path)
    if os.path.exists(path) and not os.path.isfile(path):  # a FIFO would be waited on for ever
        raise _fail(name, "cannot read baseline: not a regular file")
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise _fail(name, "baseline file not found (write one with `crosscheck baseline --output FILE`)") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise _fail(name, f"cannot read baseline: {getattr(exc, 'strerror', None) or exc}") from None
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise _fail(name, f"baseline is not valid JSON: {exc.msg}", exc.lineno, exc.colno) from None
    if not isinstance(doc, dict) or doc.get("kind") != KIND:
        raise _fail(name, "not a crosscheck baseline (no \"kind\": \"baseline\")", 1, 1)
    if doc.get("version") != VERSION:
        raise _fail(name, f"baseline version {doc.get('version')!r} is not supported; this crosscheck reads "
                          f"version {VERSION} (write a new one with `crosscheck baseline --output FILE`)", 1, 1)
    entries = doc.get("findings")
    if not isinstance(entries, list) or not all(isinstance(e, dict) and isinstance(e.get("id"), str)
                                                for e in entries):
        raise _fail(name, "baseline \"findings\" must be a list of objects with a string \"id\"", 1, 1)
    return Baseline(name, {e["id"]: e["key"] if isinstance(e.get("key"), str) else "" for e in entries})
