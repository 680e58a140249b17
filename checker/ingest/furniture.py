"""Page furniture: lines of a page that are not the article ("READ MORE:" links, "Back To Top",
copyright lines, bylines, video blocks, photo credits, repeated headlines).

What counts as furniture is data, in rules/lexicons/furniture.yaml (``lexicon: furniture``); users
add to it or switch built-in entries off (``enabled: false``) with their own files, read by
:mod:`checker.ingest.furniture_load` (this module holds the types and the dropping).  The file has four kinds of entry:

``lines``
    a ``pattern`` that must match a whole line (after the line's spaces and Markdown emphasis,
    heading and quote marks at either end are stripped);
``blocks``
    an ``anchor`` pattern, plus neighbours dropped with the anchor line (``with``): the line just
    before or after it in the same paragraph, or the paragraph just before or after it, each when it
    matches an optional ``if`` pattern; a neighbour marked ``required`` must be there for the block
    to count at all;
``paragraphs``
    a paragraph of at least ``min_lines`` lines each matching ``each_line`` (a list of links);
``repeated_lines``
    a line identical to an earlier line of the same article, at least ``min_chars`` long.

Patterns are Python regular expressions, case-insensitive unless ``case_sensitive: true``, and
never run on lines longer than ``max_line_chars``.  :func:`drop_furniture` removes the content of
each furniture line from the text and keeps its line break, so a dropped line reads as a paragraph
break; ``tidy`` later folds the blank lines together.

Video blocks go whole: the "Duration 4:06" line, its "23 hours ago" stamp, the caption line after
it (a summary of the video that restates the story in other words, which would otherwise count as
the outlet's claims twice and disagree with its own body) and the video's one-line title before it.
Photo captions with a credit, and a picture's description followed by its caption, go too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import repeat

from .literals import LineFilter
from .textmap import Mapped

__all__ = ["WHERE", "Block", "Furniture", "Neighbour", "drop_furniture"]

#: where a block's neighbour is, from its anchor line
WHERE = ("line-before", "line-after", "paragraph-before", "paragraph-after")
_STRIP = " *_#>"


@dataclass(frozen=True, slots=True)
class Neighbour:
    """A line or paragraph next to a block's anchor line, dropped with it (see :data:`WHERE`)."""

    where: str
    test: re.Pattern | None = None
    max_lines: int = 1
    required: bool = False


@dataclass(frozen=True, slots=True)
class Block:
    """One furniture entry: a line pattern (``anchor`` alone), a block, or a paragraph rule."""

    name: str
    kind: str  # "line", "block" or "paragraph"
    anchor: re.Pattern
    reason: str = ""
    neighbours: tuple[Neighbour, ...] = ()
    min_lines: int = 1


@dataclass(frozen=True, slots=True)
class Furniture:
    """The furniture entries in force, by kind, and the settings (read by
    :func:`checker.ingest.furniture_load.load_furniture`)."""

    lines: tuple[Block, ...] = ()
    blocks: tuple[Block, ...] = ()
    paragraphs: tuple[Block, ...] = ()
    repeated_name: str | None = "repeated-line"
    repeated_min_chars: int = 20
    max_line_chars: int = 400
    sources: tuple[str, ...] = ()
    #: which line patterns and block anchors (those of ``lines`` then ``blocks``, in order) may match a
    #: line (:class:`~checker.ingest.literals.LineFilter`): only those are tried, so most lines of
    #: an article cost a few regex calls (and a few substring tests), not one per entry
    prefilter: LineFilter | None = None


class _Page:
    """The lines of a text, their stripped keys and their paragraphs (runs of non-blank lines)."""

    def __init__(self, text: str, max_chars: int):
        self.lines = text.split("\n")
        self.keys = list(map(str.strip, self.lines, repeat(_STRIP, len(self.lines))))
        self.short = [0 < len(k) <= max_chars for k in self.keys]
        self.para: list[int] = []  # paragraph number of each line (-1 for a blank line)
        self.paras: list[list[int]] = []
        for i, key in enumerate(self.keys):
            if not key:
                self.para.append(-1)
                continue
            if i == 0 or self.para[-1] < 0:
                self.paras.append([])
            self.para.append(len(self.paras) - 1)
            self.paras[-1].append(i)

    def matches(self, i: int, pattern: re.Pattern | None) -> bool:
        return self.short[i] and (pattern is None or pattern.fullmatch(self.keys[i]) is not None)

    def neighbour(self, i: int, n: Neighbour) -> list[int] | None:
        """The lines ``n`` names next to anchor line ``i``, or None when they are not there or do not match."""
        p = self.para[i]
        if n.where in ("line-before", "line-after"):
            j = i - 1 if n.where == "line-before" else i + 1
            ok = 0 <= j < len(self.lines) and self.para[j] == p and self.matches(j, n.test)
            return [j] if ok else None
        q = p - 1 if n.where == "paragraph-before" else p + 1
        if not 0 <= q < len(self.paras) or len(self.paras[q]) > n.max_lines:
            return None
        lines = self.paras[q]
        return lines if all(self.matches(j, n.test) for j in lines) else None


def _find(page: _Page, furniture: Furniture) -> dict[int, str]:
    """Line number -> name of the furniture entry that drops it."""
    dropped: dict[int, str] = {}
    prefilter = furniture.prefilter
    anchored = (*furniture.lines, *furniture.blocks)  # the order the prefilter's patterns are in
    every = range(len(anchored))
    for i, key in enumerate(page.keys):
        if not page.short[i]:
            continue
        line_found = False  # the first line entry that matches names the line
        for n in every if prefilter is None else prefilter.tried(key):
            rule = anchored[n]
            if rule.kind == "line":
                if not line_found and rule.anchor.fullmatch(key):
                    dropped[i] = rule.name
                    line_found = True
            elif rule.anchor.fullmatch(key):
                _drop_block(page, i, rule, dropped)
    if furniture.repeated_name:
        seen: set[str] = set()
        for i, key in enumerate(page.keys):
            if len(key) >= furniture.repeated_min_chars:
                if key in seen:
                    dropped.setdefault(i, furniture.repeated_name)
                seen.add(key)
    for lines in page.paras:
        left = [i for i in lines if i not in dropped]
        for rule in furniture.paragraphs:
            if len(left) >= rule.min_lines and all(page.matches(i, rule.anchor) for i in left):
                dropped.update(dict.fromkeys(left, rule.name))
                break
    return dropped


def _drop_block(page: _Page, i: int, rule: Block, dropped: dict[int, str]) -> None:
    found = [i]
    for n in rule.neighbours:
        lines = page.neighbour(i, n)
        if lines is None and n.required:
            return
        found.extend(lines or ())
    for j in found:
        dropped.setdefault(j, rule.name)


def drop_furniture(text: Mapped, furniture: Furniture) -> tuple[Mapped, tuple[tuple[int, int, str], ...]]:
    """``text`` without its furniture lines, and what was dropped as (file start, file end, name)."""
    page = _Page(text.text, furniture.max_line_chars)
    dropped = _find(page, furniture)
    if not dropped:
        return text, ()
    edits, spans, pos = [], [], 0
    for i, line in enumerate(page.lines):
        if i in dropped and line:
            edits.append((pos, pos + len(line), ""))
            spans.append((text.source(pos), text.source(pos + len(line) - 1) + 1, dropped[i]))
        pos += len(line) + 1
    return text.edit(edits), tuple(spans)
