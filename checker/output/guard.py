"""What no line crosscheck prints may carry, whatever an article says: workflow commands for a CI
runner, bidirectional controls, terminal control characters.

In: text on its way out (a report's pieces, a message for standard error) and the kind of output.
Out: the same text, made safe:

- **Workflow commands.**  GitHub's runner reads a line as a command when, after leading white space,
  it starts with ``::`` (``::error ...::``, ``::stop-commands::``), or when it holds ``##[`` anywhere
  (the older form: ``##[error]``).  Lines end at ``\\n`` and at ``\\r``.  So ``::`` at the start of a
  line (after any white space, as .NET's ``TrimStart`` reads it) gets a WORD JOINER (U+2060) between
  its colons, and ``##[`` one between its hashes: invisible when shown, and no longer a command.
- **Bidirectional controls** (U+202A-202E, U+2066-2069, U+200E, U+200F, U+061C) are removed: an
  article's right-to-left override would otherwise reverse the rest of a finding's line.
- **Control characters** (C0 but tab and newline, DEL, C1) become U+FFFD, so that no escape
  sequence reaches a terminal and no carriage return starts a line; a lone surrogate (from a file
  name that is not UTF-8) becomes U+FFFD too, so that printing it cannot fail.

JSON (``kind="json"``, the documents of the contract, which carry the words as written) keeps every
value: ``##[`` is written ``#\\u0023[``, and bidirectional controls, C1 controls and lone surrogates
as ``\\uXXXX`` escapes, which decode to the same text; a JSON line never starts with ``::``.  SARIF
(``kind="sarif"``), which code scanning shows to people, drops bidirectional controls as the text
formats do.  ``kind="terminal"`` is the text report in colour: its own ANSI escapes pass (the text
report has replaced every control character of an article's text already).  The ``github`` format
writes its own ``::error`` commands: ``kind="github"`` does all but
the start-of-line rule, which :mod:`checker.report.github` applies to every line that is not one of
its annotations.

:class:`Guard` does this to a stream of pieces, carrying across their boundaries whether a piece
starts a line and whether the last one ended in ``#``.
"""

from __future__ import annotations

import functools
import re
from typing import TextIO

__all__ = ["BIDI", "Guard", "GuardedStream", "KINDS", "safe", "safe_line"]

KINDS = ("text", "terminal", "github", "json", "sarif")
JOINER = "\u2060"  # WORD JOINER: zero width, no break
BIDI = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_CONTROL = "".join(map(chr, [*range(0x00, 0x09), *range(0x0B, 0x20), *range(0x7F, 0xA0)]))
_SURROGATES = "".join(map(chr, range(0xD800, 0xE000)))

# what may need a change: one search finds it, and most text has none (then it is written as it is);
# the surrogates as one range, which compiles several times faster than their 2,048 characters listed
_UNSAFE_CHAR = re.compile(f"[{re.escape(BIDI + _CONTROL)}\ud800-\udfff]")
_HASHES = re.compile(r"#(?=#\[)")
_LONE_COLON = re.compile(r"[\s\u180e\u200b\ufeff]*:")
_LINE_START = re.compile(r"(?<![^\n])([\s\u180e\u200b\ufeff]*):(?=:)")  # "::" after a line's white space ("\r" is gone)


@functools.cache
def _table(kind: str) -> dict[int, int | str | None]:
    """The translation table of ``kind``, built when a kind is first written (a table holds every
    surrogate: building all of them costs a process that writes nothing, such as an import, 5 ms)."""
    if kind in ("text", "github"):
        return str.maketrans({**dict.fromkeys(BIDI), **dict.fromkeys(_CONTROL + _SURROGATES, "\ufffd")})
    if kind == "terminal":  # the text report in colour: its own ANSI escapes (article text has none left)
        return {**_table("text"), 0x1B: 0x1B}
    if kind == "sarif":
        return str.maketrans({**dict.fromkeys(BIDI), **dict.fromkeys(_SURROGATES, "\ufffd"),
                              **{c: f"\\u{ord(c):04x}" for c in _CONTROL if ord(c) >= 0x7F}})
    if kind == "json":
        return str.maketrans({c: f"\\u{ord(c):04x}" for c in BIDI + _SURROGATES + _CONTROL if ord(c) >= 0x7F})
    raise KeyError(kind)  # not a kind of output


def safe(text: str, kind: str = "text") -> str:
    """``text`` made safe for output of ``kind`` (one of :data:`KINDS`), taken as whole lines."""
    guard = Guard(kind)
    return guard(text)


def safe_line(text: str) -> str:
    """One line of text (or several) safe in every respect, start-of-line rule included: for a
    message on standard error or a plain line among the github format's annotations."""
    return Guard("text")(text)


class Guard:
    """Makes a stream of pieces of output of one ``kind`` safe, as :func:`safe` does to a whole:
    call it on each piece in order."""

    __slots__ = ("at_start", "colon", "hashes", "kind")

    def __init__(self, kind: str = "text"):
        if kind not in KINDS:
            raise ValueError(kind)
        self.kind = kind
        self.at_start = True  # the next piece starts a line (or only white space precedes it on its line)
        self.colon = False  # the last piece ended in one ":" that only white space precedes on its line
        self.hashes = ""  # "#" or "##" when the last piece ended so

    def __call__(self, piece: str) -> str:
        if not piece:
            return piece
        lines = self.kind in ("text", "terminal")  # the start-of-line rule applies
        if ("##[" in piece or piece[0] in "#[" or (lines and ("::" in piece or piece[0] == ":"))
                or _UNSAFE_CHAR.search(piece) is not None):
            piece = self._fix(piece)
        self._remember(piece)
        return piece

    def _fix(self, piece: str) -> str:
        kind = self.kind
        piece = piece.translate(_table(kind))
        json_like = kind in ("json", "sarif")
        hashes = self.hashes
        if hashes == "##" and piece.startswith("["):  # "##" ended the last piece
            piece = ("\\u005b" + piece[1:]) if json_like else JOINER + piece
        elif hashes.endswith("#") and piece.startswith("#["):
            piece = ("\\u0023" + piece[1:]) if json_like else JOINER + piece
        if "##[" in piece:
            piece = piece.replace("##[", "#\\u0023[") if json_like else _HASHES.sub("#" + JOINER, piece)
        if kind in ("text", "terminal"):
            if self.colon and piece.startswith(":"):  # the line's "::" split between two pieces
                piece = JOINER + piece
            if "::" in piece:
                lead = "\n" if self.at_start else "x"  # whether the piece's start is a line's start
                piece = _LINE_START.sub(r"\1:" + JOINER, lead + piece)[1:]
        return piece

    def _remember(self, piece: str) -> None:
        before, newline, line = piece.rpartition("\n")
        if not newline and not self.at_start:
            self.at_start = self.colon = False
        else:
            self.at_start = not line or line.isspace()
            self.colon = _LONE_COLON.fullmatch(line) is not None
        end = (self.hashes + piece)[-2:]  # a piece of one "#" adds to the last one's
        self.hashes = "##" if end == "##" else "#" if end.endswith("#") else ""


class GuardedStream:
    """A text stream (standard error) whose every write goes through a :class:`Guard` ("text")."""

    def __init__(self, stream: TextIO):
        self._stream = stream
        self._guard = Guard("text")

    @property
    def raw(self) -> TextIO:
        """The stream itself, for what draws on a terminal with its own escapes (a progress bar)."""
        return self._stream

    def write(self, text: str) -> int:
        self._stream.write(self._guard(text))
        return len(text)

    def writelines(self, lines) -> None:
        for line in lines:
            self.write(line)

    def __getattr__(self, name: str):
        return getattr(self._stream, name)
