"""Decoding a file's bytes, and the text of a ``.txt``, Markdown or HTML file (normalised, mapped
into the file).  Decoding happens here only: UTF-8 (a byte order mark is dropped), or UTF-16 when
the file starts with a UTF-16 byte order mark.  Binary data and invalid UTF-8 are errors at the
line and column of the first bad byte; an empty file, one over the size limit, or one of crosscheck's
own outputs (a report written into the folder being read: :func:`checker.output.own_output`) is a
skip note.
"""

from __future__ import annotations

import codecs
import os
from collections.abc import Callable

from checker.errors import InputError, Location, UnreadableError
from checker.output import own_output

from .markdown import clean_markdown, clean_text, suppressions
from .meta import front_matter, iso_date
from .textmap import Mapped, normalise

__all__ = ["decode", "decode_bytes", "parse"]

_MB = 1024 * 1024


def _megabytes(n: int) -> str:
    return f"{n / _MB:.1f} MB" if n >= _MB / 10 else f"{n} bytes"


def decode(source, max_bytes: int, skip: Callable[[str, str], None]) -> str | None:
    """The text of ``source.file``, or None (after a skip note) when it is empty or too big."""
    try:
        size = os.stat(source.file).st_size
        if size > max_bytes:
            skip(source.path, f"{_megabytes(size)} is over the {_megabytes(max_bytes)} size limit")
            return None
        data = source.file.read_bytes()
    except OSError as exc:
        raise UnreadableError(f"cannot read: {exc.strerror or exc}", Location(source.path)) from None
    own = own_output(data[:4096], data[-1024:])
    if own is not None:
        skip(source.path, f"one of crosscheck's own outputs ({own}), not an article")
        return None
    text = decode_bytes(data, source.path)
    if not text.strip():
        skip(source.path, "empty file")
        return None
    return text


def decode_bytes(data: bytes, path: str, first_line: int = 1) -> str:
    """``data`` decoded; ``first_line`` is the file line ``data`` starts on (for feed lines)."""
    for bom in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
        if data.startswith(bom) and not data.startswith(codecs.BOM_UTF32_LE):
            try:
                return data.decode("utf-16")
            except UnicodeDecodeError as exc:
                raise InputError(f"not valid UTF-16 (byte offset {exc.start})", Location(path)) from None
    body = data[3:] if data.startswith(codecs.BOM_UTF8) else data
    nul = body.find(b"\x00")
    if nul >= 0:
        raise InputError("binary file (it has NUL bytes); crosscheck reads UTF-8 text",
                         _byte_location(body, nul, path, first_line))
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as exc:
        where = _byte_location(body, exc.start, path, first_line)
        raise InputError(f"not valid UTF-8 (byte 0x{body[exc.start]:02x} at byte offset {exc.start}); "
                         "save the file as UTF-8", where) from None


def _byte_location(data: bytes, at: int, path: str, first_line: int) -> Location:
    """The line and column (in characters) of byte ``at``."""
    line_start = data.rfind(b"\n", 0, at) + 1
    column = len(data[line_start:at].decode("utf-8", errors="replace")) + 1
    return Location(path, data.count(b"\n", 0, at) + first_line, column)


def parse(kind: str, raw: str, path: str) -> tuple[Mapped, tuple[dict, dict], tuple]:
    """The normalised text of a text, Markdown or HTML file, its metadata as (page's, file's own),
    and its suppression comments."""
    if kind == "html":
        from .html import read_html  # html.parser and its entity table: imported for HTML pages only

        text, page = read_html(raw)
        if "published" in page:  # the page's own date: kept only when it reads as a date
            try:
                page["published"] = iso_date(page["published"])
            except ValueError:
                del page["published"]
        return normalise(text), (page, {}), suppressions(raw)
    if kind == "markdown":
        own, body = front_matter(raw, path)
        text = clean_markdown(normalise(Mapped.of(raw, body)))
        return text, ({}, own), suppressions(raw)
    return clean_text(normalise(Mapped.of(raw))), ({}, {}), ()
