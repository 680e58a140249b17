"""``.jsonl`` feeds: one article a line, a JSON object with a ``text`` field and optional metadata.

The file is read a line at a time (a feed may be large; a line over the size limit is skipped with
a note, without reading it into memory whole).  Each article's ``raw`` is its line, and
``first_line`` its line number, so positions point into the feed file: the ``text`` value's JSON
escapes (``\\n``, ``\\"``, ``\\u00e9``, surrogate pairs) are decoded with each character mapped to
the escape it came from.
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Iterator
from typing import BinaryIO

from checker.errors import InputError, Location, UnreadableError
from checker.output import own_output

from .textmap import Mapped, normalise

__all__ = ["feed_lines", "parse_line", "read_feed"]

_DECODER = json.JSONDecoder()
_WS = re.compile(r"[ \t\n\r]*")
_ESCAPE = re.compile(
    r"\\(?:u([dD][89abAB][0-9a-fA-F]{2})\\u([dD][c-fC-F][0-9a-fA-F]{2})|u([0-9a-fA-F]{4})|([\"\\/bfnrt]))"
)
_SIMPLE = {'"': '"', "\\": "\\", "/": "/", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t"}
_CHUNK = 1 << 20


def feed_lines(fh: BinaryIO, max_bytes: int) -> Iterator[tuple[int, bytes | None]]:
    """(line number, line bytes) for each line of ``fh``; ``None`` for a line over ``max_bytes``
    (the rest of that line is read past in chunks, never held whole)."""
    number = 0
    while True:
        line = fh.readline(max_bytes + 1)
        if not line:
            return
        number += 1
        if len(line) > max_bytes and not line.endswith(b"\n"):
            while (rest := fh.readline(_CHUNK)) and not rest.endswith(b"\n"):
                pass
            yield number, None
            continue
        yield number, line


def _unescape(m: re.Match) -> str:
    if m.group(1):
        high, low = int(m.group(1), 16), int(m.group(2), 16)
        return chr(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))
    if m.group(3):
        return chr(int(m.group(3), 16))
    return _SIMPLE[m.group(4)]


def _text_span(line: str) -> tuple[int, int] | None:
    """Where the top-level ``"text"`` string's content lies in ``line`` (already known to be valid JSON)."""
    i = _WS.match(line).end() + 1  # past "{"
    span = None
    while True:
        i = _WS.match(line, i).end()
        if line[i] == "}":
            return span
        if line[i] == ",":
            i += 1
            continue
        key, i = json.decoder.scanstring(line, i + 1)
        i = _WS.match(line, i).end() + 1  # past ":"
        i = _WS.match(line, i).end()
        start = i
        _, i = _DECODER.raw_decode(line, i)
        if key == "text" and line[start] == '"':
            span = (start + 1, i - 1)


_LONE = re.compile(r"\\u[dD][89a-fA-F][0-9a-fA-F]{2}")  # the escape of a surrogate, paired or not
_SURROGATE = re.compile("[\ud800-\udfff]")


def _no_lone_surrogate(value, line: str, number: int, path: str) -> None:
    """InputError at the escape of a lone surrogate (``"\\ud800"``: no text a file or a terminal
    can take) in any string of a feed line's object."""
    strings = [value]
    while strings:
        item = strings.pop()
        if isinstance(item, dict):
            strings += [*item, *item.values()]
        elif isinstance(item, list):
            strings += item
        elif isinstance(item, str) and (found := _SURROGATE.search(item)):
            escape = re.search(rf"\\u{ord(found.group()):04x}", line, re.I)
            column = escape.start() + 1 if escape else 1
            raise InputError(f"a lone surrogate ({found.group()!r}) is not text", Location(path, number, column))


def parse_line(line: str, number: int, path: str) -> tuple[dict, Mapped]:
    """The JSON object on feed line ``line`` and its ``text``, mapped into the line."""
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        raise InputError(f"invalid JSON: {exc.msg}", Location(path, number, exc.colno)) from None
    except RecursionError:
        raise InputError("invalid JSON: nested too deeply", Location(path, number, 1)) from None
    if not isinstance(obj, dict):
        raise InputError("a feed line must be a JSON object with a `text` field", Location(path, number, 1))
    if _LONE.search(line):
        _no_lone_surrogate(obj, line, number, path)
    text = obj.get("text")
    if not isinstance(text, str):
        what = "no `text` field" if text is None else f"`text` must be a string, not {type(text).__name__}"
        raise InputError(f"{what} in this feed line", Location(path, number, 1))
    start, end = _text_span(line) or (0, 0)
    mapped = Mapped.of(line, start, end).sub(_ESCAPE, _unescape)
    if mapped.text != text:  # cannot happen for valid JSON; keep positions on the line regardless
        mapped = Mapped.build([(text, start)])
    return obj, mapped


def read_feed(reader, source) -> list:
    """The articles of feed ``source``; ``reader`` is ingest's reader (its ``article`` builds each
    Article, its ``skip`` takes skip notes, its ``max_bytes`` limits each line)."""
    from checker.yamlio import Document

    from .formats import decode_bytes
    from .meta import check_meta

    articles, ids = [], set()
    try:
        fh = open(source.file, "rb") if source.data is None else io.BytesIO(source.data.encode("utf-8", "surrogatepass"))
    except OSError as exc:
        raise UnreadableError(f"cannot read: {exc.strerror or exc}", Location(source.path)) from None
    with fh:
        own = own_output(fh.read(4096))
        if own is not None:
            reader.skip(source.path, f"one of crosscheck's own outputs ({own}), not an article")
            return []
        fh.seek(0)
        for number, data in feed_lines(fh, reader.max_bytes):
            where = f"{source.path}:{number}"
            if data is None:
                reader.skip(where, f"line is over the {reader.max_bytes // (1024 * 1024)} MB size limit")
                continue
            line = decode_bytes(data, source.path, number).rstrip("\r\n")
            if not line.strip():
                continue
            obj, text = parse_line(line, number, source.path)
            own = check_meta(obj, Document.at(source.path, number))
            ident = f"{source.rel}#{own.pop('id', number)}"
            if ident in ids:
                raise InputError(f"a second article with id {ident!r} in this feed", Location(source.path, number, 1))
            ids.add(ident)
            article = reader.article(source, ident, line, normalise(text), ({}, own), first_line=number)
            if article is not None:
                articles.append(article)
    return articles
