"""Names lexicon files -> the data :func:`checker.extractor.names.load_names` builds from.

The built-in file (rules/lexicons/names.yaml) is read first, then each user file that says
``lexicon: names`` (given with ``--rules``), in order.  A user file adds entries (``roles``,
``dotted_titles``, ``single_holder``, ``shared_role_words``, ``heads``, ``short_forms``), overrides them (a head word given another kind), and
removes them (``remove:``, of the same shape: a role, a dotted title, a head word, a short form, or
a whole ``short_forms`` entry written as ``NAME: all``).  Every problem of every file is reported
together, each at its ``file:line:col``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from checker.errors import Location
from checker.yamlio import Document, read_yaml

__all__ = ["NamesData", "read_names"]

_LISTS = ("roles", "dotted_titles", "single_holder", "shared_role_words")
_SECTIONS = frozenset({"lexicon", *_LISTS, "heads", "short_forms", "remove"})
Problem = tuple[Location, str]


@dataclass
class NamesData:
    """The merged entries: role phrases and dotted titles (in order, each once), head word -> kind,
    and full given name -> its short forms."""

    roles: dict[str, None] = field(default_factory=dict)
    dotted_titles: dict[str, None] = field(default_factory=dict)
    single_holder: dict[str, None] = field(default_factory=dict)
    shared_role_words: dict[str, None] = field(default_factory=dict)
    heads: dict[str, str] = field(default_factory=dict)
    short_forms: dict[str, dict[str, None]] = field(default_factory=dict)


def read_names(paths: Iterable[Path]) -> tuple[NamesData, list[Problem]]:
    """The entries of the names lexicon files ``paths`` merged in order, and their problems."""
    data, problems = NamesData(), []
    for path in paths:
        doc, found = read_yaml(path)
        problems += found
        if doc is not None:
            problems += _merge_file(doc, data)
    return data, problems


def _merge_file(doc: Document, data: NamesData) -> list[Problem]:
    top = doc.data
    if not isinstance(top, dict) or top.get("lexicon") != "names":
        return [(doc.location(), "not a names lexicon (expected `lexicon: names`)")]
    problems = [(doc.location((k,), key=True), f"unknown section {k!r} in a names lexicon; sections are "
                 f"{', '.join(sorted(_SECTIONS - {'lexicon'}))}") for k in top if k not in _SECTIONS]
    problems += _apply(doc, (), top, data, remove=False)
    if "remove" in top:
        if isinstance(top["remove"], dict):
            problems += _apply(doc, ("remove",), top["remove"], data, remove=True)
        else:
            problems.append((doc.location(("remove",)), "remove must be a mapping of sections"))
    return problems


def _apply(doc: Document, at: tuple, section: dict, data: NamesData, *, remove: bool) -> list[Problem]:
    """Add (or remove) the entries of one mapping of sections."""
    problems: list[Problem] = []
    for name in _LISTS:
        words = _words(doc, (*at, name), section.get(name), problems)
        table = getattr(data, name)
        for w in words:
            if remove:
                table.pop(w, None)
            else:
                table.setdefault(w, None)
    problems += _heads(doc, (*at, "heads"), section.get("heads"), data, remove)
    problems += _shorts(doc, (*at, "short_forms"), section.get("short_forms"), data, remove)
    return problems


def _words(doc: Document, at: tuple, value: Any, problems: list[Problem]) -> list[str]:
    """A list of words (lower case); a problem at ``at`` when it is not one."""
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        problems.append((doc.location(at), f"{at[-1]} must be a list of words"))
        return []
    return [" ".join(v.lower().split()) for v in value]


def _heads(doc: Document, at: tuple, value: Any, data: NamesData, remove: bool) -> list[Problem]:
    """heads: {kind: [words]} (a word given a new kind moves to it); under remove, a list of words
    or the same mapping."""
    if value is None:
        return []
    problems: list[Problem] = []
    if remove and isinstance(value, list):
        for w in _words(doc, at, value, problems):
            data.heads.pop(w, None)
        return problems
    if not isinstance(value, dict):
        return [(doc.location(at), "heads must be a mapping of kind -> list of head nouns")]
    for kind, words in value.items():
        for w in _words(doc, (*at, kind), words, problems):
            if remove:
                data.heads.pop(w, None)
            else:
                data.heads[w] = str(kind)
    return problems


def _shorts(doc: Document, at: tuple, value: Any, data: NamesData, remove: bool) -> list[Problem]:
    """short_forms: {full name: [short forms]}; under remove, ``NAME: all`` drops the entry."""
    if value is None:
        return []
    if not isinstance(value, dict):
        return [(doc.location(at), "short_forms must be a mapping of given name -> list of short forms")]
    problems: list[Problem] = []
    for full, shorts in value.items():
        key = str(full).lower()
        if remove and shorts == "all":
            data.short_forms.pop(key, None)
            continue
        forms = _words(doc, (*at, full), shorts, problems)
        entry = data.short_forms.setdefault(key, {})
        for f in forms:
            if remove:
                entry.pop(f, None)
            else:
                entry.setdefault(f, None)
    return problems
