"""Text that remembers where each character came from in the file.

Ingest turns a file into the text claims are read from (markup removed, odd characters normalised,
page furniture dropped) and must still point every character back into the file on disk.  A
:class:`Mapped` is such a text with its map, kept as *runs*: text offsets ``starts[k]`` up to
``starts[k+1]`` map to file offsets ``raws[k]`` onwards, one for one.  Edits (``sub``/``edit``)
work on whole regex matches and slices, never character by character, so a 20 MB file with few
edits has few runs and costs little memory; :class:`OffsetMap` is the frozen, tuple-like form
stored on ``Article.offsets``.

The normalisations every format goes through live here too: :func:`normalise` (soft hyphens and
zero-width characters dropped, odd spaces to ' ', CRLF/CR to '\\n'; curly quotes kept) and
:func:`tidy` (spaces at line ends dropped, runs of blank lines made one paragraph break).
"""

from __future__ import annotations

import bisect
import re
from array import array
from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import accumulate

__all__ = ["Mapped", "OffsetMap", "line_starts", "normalise", "tidy"]

#: A replacement: new text (mapped onto the matched characters), or spans of the current text to keep.
Replacement = str | Sequence[tuple[int, int]]

_NEWLINE = re.compile(r"\r\n?|\n")


def line_starts(raw: str) -> tuple[int, ...]:
    """Offsets at which the lines of ``raw`` start; CRLF, CR and LF each end a line."""
    if "\r" not in raw:  # the same, from the lengths of the lines (no regex match object a line)
        return tuple(accumulate(map((1).__add__, map(len, raw.split("\n")[:-1])), initial=0))
    return (0, *(m.end() for m in _NEWLINE.finditer(raw)))


class OffsetMap(Sequence):
    """A read-only sequence of file offsets, one per text character, stored as runs."""

    __slots__ = ("_starts", "_raws", "_len")

    def __init__(self, starts: Sequence[int], raws: Sequence[int], length: int):
        self._starts = array("q", starts)
        self._raws = array("q", raws)
        self._len = length

    def __len__(self) -> int:
        return self._len

    def __getitem__(self, i):
        if isinstance(i, slice):
            return tuple(self[j] for j in range(*i.indices(self._len)))
        if i < 0:
            i += self._len
        if not 0 <= i < self._len:
            raise IndexError("offset map index out of range")
        k = bisect.bisect_right(self._starts, i) - 1
        return self._raws[k] + i - self._starts[k]

    def __iter__(self) -> Iterator[int]:
        ends = [*self._starts[1:], self._len]
        for start, end, raw in zip(self._starts, ends, self._raws, strict=True):
            yield from range(raw, raw + end - start)

    @property
    def runs(self) -> tuple[tuple[int, int], ...]:
        """(text offset, file offset) where each run starts."""
        return tuple(zip(self._starts, self._raws, strict=True))

    def __eq__(self, other) -> bool:
        if isinstance(other, OffsetMap):
            return self._len == other._len and self.runs == other.runs
        if isinstance(other, Sequence):
            return len(other) == self._len and tuple(self) == tuple(other)
        return NotImplemented

    def __hash__(self) -> int:
        return hash((self._len, self.runs))

    def __reduce__(self):
        return OffsetMap, (list(self._starts), list(self._raws), self._len)

    def __repr__(self) -> str:
        return f"OffsetMap(runs={len(self._starts)}, len={self._len})"


class Mapped:
    """A text and, as runs, the file offset of each of its characters."""

    __slots__ = ("text", "starts", "raws")

    def __init__(self, text: str, starts: list[int], raws: list[int]):
        self.text = text
        self.starts = starts
        self.raws = raws

    @classmethod
    def of(cls, raw: str, start: int = 0, end: int | None = None) -> Mapped:
        """The slice ``raw[start:end]``, mapped onto itself."""
        return cls(raw[start:end], [0], [start])

    @classmethod
    def build(cls, pieces: Iterable[tuple[str, int]]) -> Mapped:
        """Join pieces ``(text, file offset of its first character)``, each mapped one for one."""
        builder = _Builder()
        for text, raw in pieces:
            if text:
                builder.add_run(builder.length, raw)
                builder.parts.append(text)
                builder.length += len(text)
        return builder.done()

    def source(self, i: int) -> int:
        """The file offset of character ``i`` (``len(text)`` gives the offset just after the last)."""
        if i >= len(self.text) and self.text:
            return self.source(len(self.text) - 1) + 1
        k = bisect.bisect_right(self.starts, i) - 1
        return self.raws[k] + i - self.starts[k]

    def edit(self, edits: Iterable[tuple[int, int, Replacement]]) -> Mapped:
        """Apply sorted, non-overlapping ``(start, end, replacement)`` edits of the text."""
        builder = _Builder()
        pos, changed = 0, False
        for start, end, repl in edits:
            changed = True
            builder.copy(self, pos, start)
            if isinstance(repl, str):
                builder.replace(self, start, end, repl)
            else:
                for a, b in repl:
                    builder.copy(self, a, b)
            pos = end
        builder.copy(self, pos, len(self.text))
        return builder.done() if changed else self

    def sub(self, pattern: re.Pattern, repl: Callable[[re.Match], Replacement] | str,
            matches: Iterable[re.Match] | None = None) -> Mapped:
        """Like ``pattern.sub`` (``repl`` a plain string or a function of the match), keeping the map.
        A match replaced by its own text is left alone.  ``matches``: the matches, when the caller
        finds ``pattern.finditer(text)``'s faster."""
        fn = (lambda m: repl) if isinstance(repl, str) else repl
        found = pattern.finditer(self.text) if matches is None else matches
        edits = ((m.start(), m.end(), r) for m in found if (r := fn(m)) != m.group())
        return self.edit(edits)

    def swap(self, pattern: re.Pattern, table: dict[str, str]) -> Mapped:
        """Each match of ``pattern`` (one character) replaced by ``table[match]``: the map stays as
        it is.  (``str.translate`` would do it too, but slowly on non-ASCII text.)"""
        if pattern.search(self.text) is None:
            return self
        return Mapped(pattern.sub(lambda m: table[m.group()], self.text), self.starts, self.raws)

    def offsets(self) -> OffsetMap | None:
        """The frozen map for ``Article.offsets``: ``None`` when every character is where it was."""
        if self.starts == [0] and self.raws == [0]:
            return None
        return OffsetMap(self.starts, self.raws, len(self.text))


class _Builder:
    """Accumulates text parts and runs for :meth:`Mapped.edit`, merging runs that continue."""

    __slots__ = ("parts", "starts", "raws", "length")

    def __init__(self):
        self.parts: list[str] = []
        self.starts: list[int] = []
        self.raws: list[int] = []
        self.length = 0

    def add_run(self, start: int, raw: int) -> None:
        if self.starts:
            if raw - self.raws[-1] == start - self.starts[-1]:
                return
            if self.starts[-1] == start:
                self.raws[-1] = raw
                return
        self.starts.append(start)
        self.raws.append(raw)

    def copy_runs(self, src: Mapped, a: int, b: int) -> None:
        """Map the next ``b - a`` characters as ``src`` maps its characters ``a`` to ``b``."""
        if b <= a:
            return
        k = bisect.bisect_right(src.starts, a) - 1
        self.add_run(self.length, src.raws[k] + a - src.starts[k])
        k += 1
        while k < len(src.starts) and src.starts[k] < b:
            self.add_run(self.length + src.starts[k] - a, src.raws[k])
            k += 1

    def copy(self, src: Mapped, a: int, b: int) -> None:
        if b > a:
            self.copy_runs(src, a, b)
            self.parts.append(src.text[a:b])
            self.length += b - a

    def replace(self, src: Mapped, a: int, b: int, repl: str) -> None:
        """``repl`` stands for ``src.text[a:b]``: its k-th character maps to the k-th one replaced;
        characters past the end of the match (or all, for an insertion) map to its last one."""
        n = len(repl)
        if not n:
            return
        mapped = max(0, min(n, b - a))
        self.copy_runs(src, a, a + mapped)
        last = src.source(b - 1 if b > a else a)
        for k in range(mapped, n):  # a fixed point never continues a run, so each is a new run
            self.add_run(self.length + k, last)
        self.parts.append(repl)
        self.length += n

    def done(self) -> Mapped:
        if not self.starts:
            return Mapped("", [0], [0])
        return Mapped("".join(self.parts), self.starts, self.raws)


_INVISIBLE = "\u00ad\u200b\u200c\u200d\u2060\ufeff\x7f" + "".join(map(chr, [*range(0x01, 0x09), *range(0x0E, 0x20)]))
_DROP = re.compile("\r(?=\n)|[" + re.escape(_INVISIBLE) + "]+")
_MAY_DROP = "\r" + _INVISIBLE  # the characters every match of _DROP starts with: a text holding none has nothing to drop
_ONE_FOR_ONE = {
    **dict.fromkeys("\r\u2028\u2029\x85", "\n"),
    **dict.fromkeys("\t\x0b\x0c\u00a0\u1680\u202f\u205f\u3000", " "),
    **dict.fromkeys(map(chr, range(0x2000, 0x200B)), " "),
    **dict.fromkeys("\u2010\u2011", "-"),
}
_ODD_CHARS = "".join(_ONE_FOR_ONE)
_ODD = re.compile("[" + re.escape(_ODD_CHARS) + "]")


def _holds_any(text: str, chars: str) -> bool:
    """Whether ``text`` holds one of ``chars``.  A substring test a character: CPython finds one
    character with memchr, many times faster than a regex character class, which costs a call a
    character of the text (the two tests below were a tenth of the reading of a plain-text file)."""
    for c in chars:
        if c in text:
            return True
    return False


def normalise(text: Mapped) -> Mapped:
    """Drop soft hyphens, zero-width and control characters and the CR of CRLF; then, one for one,
    odd spaces to ' ', Unicode hyphens to '-', CR and Unicode line separators to '\\n'."""
    if _holds_any(text.text, _MAY_DROP):
        text = text.sub(_DROP, "")
    if not _holds_any(text.text, _ODD_CHARS):
        return text
    return text.swap(_ODD, _ONE_FOR_ONE)


# white space that needs folding: a lone "\n" and a clean "\n\n" are not matched at all
_SPACES = re.compile(r"\A\s+|\s+\Z|[ ]+\n[ \n]*|\n(?:[ ]|\n(?=[ \n]))[ \n]*")


def _space(m: re.Match) -> str:
    if m.start() == 0 or m.end() == len(m.string):
        return ""
    return "\n\n" if m.group().count("\n") > 1 else "\n"


# where a match of _SPACES can be: a run of white space that holds a line break, or starts or ends the
# text (every one of its matches is white space only, so it lies inside such a run)
_BREAK = re.compile(r"\n\s*")  # starts with a literal: re skips to each line break at C speed


def _space_matches(text: str) -> Iterator[re.Match]:
    """``_SPACES.finditer(text)``, found faster: ``_SPACES`` is tried only inside the runs where it
    can match, not at every space of the text (``match`` at a position sees the whole text, so
    ``\\A``, ``\\Z`` and look-aheads behave as in ``finditer``)."""
    runs = []
    n = len(text)
    for m in _BREAK.finditer(text):
        a, b = m.span()
        if 0 < a and b < n and (b - a == 1 or (b - a == 2 and text[a + 1] == "\n")) and not text[a - 1].isspace():
            continue  # a bare "\n" or "\n\n" between two other characters: nothing for _SPACES there
        while a > 0 and text[a - 1] != "\n" and text[a - 1].isspace():
            a -= 1  # the run's spaces before the break
        runs.append((a, m.end()))
    lead = len(text) - len(text.lstrip())
    if lead and lead < len(text) and (not runs or runs[0][0] > 0):
        runs.insert(0, (0, lead))
    trail = len(text.rstrip())
    if trail < len(text) and (not runs or runs[-1][1] < len(text)):
        runs.append((trail, len(text)))
    pos = 0
    for a, b in runs:
        i = max(a, pos)
        while i < b:
            m = _SPACES.match(text, i)
            if m is None:
                i += 1
                continue
            yield m
            i = pos = m.end()


def tidy(text: Mapped) -> Mapped:
    """No spaces at line ends or starts, at most one blank line in a row, none at either end."""
    return text.sub(_SPACES, _space, _space_matches(text.text))
