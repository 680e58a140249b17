"""The article as read from disk: its text, metadata, and where each character is in the file.

In: what ingest decoded. Out: an immutable :class:`Article` that turns any character offset of its
text into a 1-based ``path:line:col``. Re-exported by :mod:`checker.model`, with the other value types.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

__all__ = ["Article"]


@dataclass(frozen=True, slots=True)
class Article:
    """One article as read from disk.

    ``text`` is the text that claims are read from; ``offsets`` maps each of its characters back to a
    character offset in the file as decoded from disk (``None`` when they are the same, as for plain
    text; else a tuple-like sequence, see checker.ingest.textmap.OffsetMap).  ``raw`` is the decoded file
    (for a .jsonl feed: the article's line, which is line ``first_line`` of the file), used to turn
    file offsets into lines and columns.  ``furniture`` holds the page furniture ingest dropped, as
    (raw start, raw end, furniture rule name); ``suppressions`` the in-file suppression comments, as
    (file line suppressed, rule id or "*", reason).
    """

    id: str
    path: str
    text: str
    outlet: str
    published: str | None = None
    title: str | None = None
    url: str | None = None
    story: str | None = None
    raw: str | None = None
    offsets: Sequence[int] | None = None
    line_starts: tuple[int, ...] = field(default=(), compare=False, repr=False)
    ignore_rules: tuple[str, ...] = ()
    first_line: int = 1
    furniture: tuple[tuple[int, int, str], ...] = field(default=(), compare=False, repr=False)
    suppressions: tuple[tuple[int, str, str], ...] = ()

    def file_offset(self, offset: int) -> int:
        """The character offset in the file of character ``offset`` of ``text``."""
        if self.offsets is None:
            return offset
        if offset >= len(self.offsets):
            return (self.offsets[-1] + 1) if self.offsets else 0
        return self.offsets[offset]

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) in the file of character ``offset`` of ``text``."""
        return self.raw_position(self.file_offset(offset))

    def raw_position(self, pos: int) -> tuple[int, int]:
        """1-based (line, column) in the file of character ``pos`` of ``raw``."""
        starts = self.line_starts or _line_starts(self.raw if self.raw is not None else self.text)
        i = bisect.bisect_right(starts, pos) - 1
        return i + self.first_line, pos - starts[i] + 1

    def end_position(self, end: int) -> tuple[int, int]:
        """1-based (line, column) just past the last character of a span ending at ``end``."""
        if end <= 0:
            return self.position(0)
        line, col = self.position(end - 1)
        return line, col + 1

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "path": self.path,
            "outlet": self.outlet,
            "published": self.published,
            "title": self.title,
            "story": self.story,
        }

    def without_text(self) -> Article:
        """This article without its text and decoded file, for holding many articles once their
        facts are extracted: positions still resolve (from the line starts, kept or worked out
        here, and the offset map); nothing else needs the text."""
        from dataclasses import replace

        starts = self.line_starts or _line_starts(self.raw if self.raw is not None else self.text)
        return replace(self, text="", raw=None, line_starts=starts)


def _line_starts(text: str) -> tuple[int, ...]:
    starts = [0]
    find = text.find
    i = find("\n")
    while i != -1:
        starts.append(i + 1)
        i = find("\n", i + 1)
    return tuple(starts)
