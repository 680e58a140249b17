"""Furniture files (``lexicon: furniture``) -> :class:`~checker.ingest.furniture.Furniture`.

The built-in list (rules/lexicons/furniture.yaml) and users' files are read with
:mod:`checker.yamlio`, walking its data by path so that every problem (an unknown key, a wrong type, a
regular expression that does not compile) is reported at its ``file:line:col``.
"""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Iterable
from pathlib import Path

from checker.errors import Location, RuleError
from checker.paths import data_dir
from checker.yamlio import Document, read_yaml

from .furniture import WHERE, Block, Furniture, Neighbour
from .literals import LineFilter

__all__ = ["furniture_files", "load_furniture", "parse_file"]

_SECTIONS = {"lines": "line", "blocks": "block", "paragraphs": "paragraph"}
_PATTERN_KEY = {"line": "pattern", "block": "anchor", "paragraph": "each_line"}
_COMMON = {"name", "reason", "case_sensitive", "enabled"}
_KEYS = {
    "line": _COMMON | {"pattern"},
    "block": _COMMON | {"anchor", "with"},
    "paragraph": _COMMON | {"each_line", "min_lines"},
}
_NEIGHBOUR_KEYS = {"where", "if", "max_lines", "required"}
_REPEATED_KEYS = {"name", "min_chars", "enabled", "reason"}


def load_furniture(extra_paths: Iterable[str | os.PathLike] = ()) -> Furniture:
    """The built-in furniture list merged with users' files (a later entry with the same name
    replaces an earlier one; ``enabled: false`` removes it).  Every problem found in any of the
    files is reported together, as a :class:`RuleError` with ``file:line:col``.  Read once a process
    for the same files."""
    return _load(tuple(os.fspath(p) for p in extra_paths))


def furniture_files(paths: Iterable[str | os.PathLike]) -> list[str]:
    """The furniture files among ``--rules`` paths (files, or folders searched recursively): the
    YAML files that say ``lexicon: furniture``, for :func:`load_furniture`."""
    from checker.paths import lexicon_files

    return lexicon_files(paths, "furniture")


@functools.cache
def _load(extra_paths: tuple[str, ...]) -> Furniture:
    paths = [data_dir("rules", "lexicons/furniture.yaml") / "lexicons" / "furniture.yaml",
             *map(Path, extra_paths)]
    problems: list[tuple[Location, str]] = []
    entries: dict[str, Block | None] = {}
    settings: dict = {}
    for path in paths:
        parse_file(path, entries, settings, problems)
    if problems:
        raise RuleError(problems)
    kept = [b for b in entries.values() if b is not None]
    repeated = settings.get("repeated_lines", {})
    return Furniture(
        prefilter=_prefilter([b.anchor for kind in ("line", "block") for b in kept if b.kind == kind]),
        lines=tuple(b for b in kept if b.kind == "line"),
        blocks=tuple(b for b in kept if b.kind == "block"),
        paragraphs=tuple(b for b in kept if b.kind == "paragraph"),
        repeated_name=None if repeated.get("enabled") is False else repeated.get("name", "repeated-line"),
        repeated_min_chars=repeated.get("min_chars", 20),
        max_line_chars=settings.get("max_line_chars", 400),
        sources=tuple(str(p) for p in paths),
    )


def _prefilter(patterns: list[re.Pattern]) -> LineFilter | None:
    """A test of whether a line may match one of ``patterns``, or None when it cannot be built safely
    (a backreference, or a global inline flag inside a pattern): then every line is tried."""
    if not patterns or any(re.search(r"\\[1-9]|\(\?P=", p.pattern) for p in patterns):
        return None
    try:
        return LineFilter(patterns, _join)  # compiles the alternation of the patterns no string gates
    except re.error:
        return None


def _join(patterns: list[re.Pattern]) -> re.Pattern:
    """One alternation of ``patterns``, each keeping its case flag."""
    return re.compile("|".join(f"(?{'i' if p.flags & re.IGNORECASE else '-i'}:{p.pattern})" for p in patterns))


class _File:
    """One furniture file being read: where problems go, and how values are checked.  A value is
    passed around as ``(path, value)``: its path in the document (for its place) and the value."""

    def __init__(self, doc: Document, problems: list):
        self.doc = doc
        self.problems = problems

    def problem(self, at: tuple | None, message: str, column_shift: int = 0, key: bool = False) -> None:
        """A problem at the value whose path is ``at`` (its key's place with ``key``; None: the file)."""
        if at is None:
            self.problems.append((Location(self.doc.path), message))
            return
        where = self.doc.location(at, key=key)
        self.problems.append((Location(where.path, where.line, (where.column or 1) + column_shift), message))

    def mapping(self, item: tuple, allowed: set[str], what: str) -> dict[str, tuple] | None:
        path, value = item
        if not isinstance(value, dict):
            self.problem(path, f"{what} must be a mapping")
            return None
        out: dict[str, tuple] = {}
        for name, child in value.items():
            if name not in allowed:
                self.problem((*path, name), f"unknown key {name!r} in {what}; allowed: {', '.join(sorted(allowed))}",
                             key=True)
            else:
                out[name] = ((*path, name), child)
        return out

    def typed(self, item: tuple | None, kind: type, what: str, default=None):
        if item is None:
            return default
        path, value = item
        if kind is int and (isinstance(value, bool) or not isinstance(value, int) or value < 1):
            self.problem(path, f"{what} must be a whole number of at least 1, not {value!r}")
            return default
        if kind is not int and not isinstance(value, kind):
            self.problem(path, f"{what} must be a {kind.__name__}, not {value!r}")
            return default
        return value

    def regex(self, item: tuple | None, what: str, case_sensitive: bool) -> re.Pattern | None:
        text = self.typed(item, str, what)
        if text is None:
            return None
        try:
            return re.compile(text, 0 if case_sensitive else re.IGNORECASE)
        except re.error as exc:
            node = self.doc.node_at(item[0])
            one_line = node is not None and node.start_mark.line == node.end_mark.line
            shift = ((1 if node.style in ("'", '"') else 0) + (exc.pos or 0)) if one_line else 0
            self.problem(item[0], f"{what} is not a valid regular expression: {exc.msg}", shift)
            return None


def parse_file(path: Path, entries: dict, settings: dict, problems: list) -> None:
    """Add the entries of furniture file ``path`` to ``entries`` (name -> Block, or None when
    switched off) and its settings to ``settings``; problems go to ``problems``."""
    doc, found = read_yaml(path)
    if doc is None:
        problems += found
        return None
    f = _File(doc, problems)
    root = None if doc.data is None and doc.node is None else ((), doc.data)  # no document, or a null one
    top = f.mapping(root, {"lexicon", "max_line_chars", "repeated_lines", *_SECTIONS}, "a furniture file") \
        if root is not None else None
    if top is None or "lexicon" not in top or top["lexicon"][1] != "furniture":
        return f.problem(root and root[0], "not a furniture file (expected `lexicon: furniture`)")
    if "max_line_chars" in top:
        settings["max_line_chars"] = f.typed(top["max_line_chars"], int, "max_line_chars", 400)
    if "repeated_lines" in top:
        _repeated(f, top["repeated_lines"], settings)
    seen: set[str] = set()
    for section, kind in _SECTIONS.items():
        if section not in top:
            continue
        at, items = top[section]
        if not isinstance(items, list):
            f.problem(at, f"{section} must be a list")
            continue
        for i, item in enumerate(items):
            _entry(f, ((*at, i), item), kind, entries, seen)
    return None


def _repeated(f: _File, item: tuple, settings: dict) -> None:
    fields = f.mapping(item, _REPEATED_KEYS, "repeated_lines")
    if fields is None:
        return
    out = dict(settings.get("repeated_lines", {}))
    out["name"] = f.typed(fields.get("name"), str, "repeated_lines.name", out.get("name", "repeated-line"))
    out["min_chars"] = f.typed(fields.get("min_chars"), int, "repeated_lines.min_chars", out.get("min_chars", 20))
    out["enabled"] = f.typed(fields.get("enabled"), bool, "repeated_lines.enabled", out.get("enabled", True))
    settings["repeated_lines"] = out


def _entry(f: _File, item: tuple, kind: str, entries: dict, seen: set[str]) -> None:
    fields = f.mapping(item, _KEYS[kind], f"a {kind} entry")
    if fields is None:
        return
    name = f.typed(fields.get("name"), str, "name")
    if not name:
        return f.problem(item[0], f"a {kind} entry needs a `name`")
    if name in seen:
        return f.problem(fields["name"][0], f"furniture entry {name!r} is defined twice in this file")
    seen.add(name)
    if f.typed(fields.get("enabled"), bool, "enabled", True) is False:
        entries[name] = None
        return None
    case = f.typed(fields.get("case_sensitive"), bool, "case_sensitive", False)
    key = _PATTERN_KEY[kind]
    if key not in fields:
        return f.problem(item[0], f"furniture entry {name!r} needs `{key}`")
    pattern = f.regex(fields[key], key, case)
    neighbours = tuple(_neighbours(f, fields.get("with"), case))
    min_lines = f.typed(fields.get("min_lines"), int, "min_lines", 1)
    reason = f.typed(fields.get("reason"), str, "reason", "")
    if pattern is not None:
        entries[name] = Block(name, kind, pattern, reason, neighbours, min_lines)
    return None


def _neighbours(f: _File, item: tuple | None, case: bool):
    if item is None:
        return
    at, items = item
    if not isinstance(items, list):
        f.problem(at, "`with` must be a list of neighbours ({where: line-before|line-after|"
                      "paragraph-before|paragraph-after, if: pattern})")
        return
    for i, one in enumerate(items):
        sub = ((*at, i), one)
        fields = f.mapping(sub, _NEIGHBOUR_KEYS, "a neighbour")
        if fields is None:
            continue
        where = f.typed(fields.get("where"), str, "where")
        if where not in WHERE:
            f.problem(fields.get("where", sub)[0], f"where must be one of {', '.join(WHERE)}, not {where!r}")
            continue
        test = f.regex(fields.get("if"), "if", case)
        max_lines = f.typed(fields.get("max_lines"), int, "max_lines", 1)
        required = f.typed(fields.get("required"), bool, "required", False)
        yield Neighbour(where, test, max_lines, required)
