"""Writing what the tool outputs: whole or not at all (:func:`write_atomic`, the one atomic writer:
a temporary file, then a rename), from a string or from pieces as they are made; and JSON written
as ``json.dumps(..., indent=2)`` writes it, faster and, for a large document, in pieces
(:func:`pretty`, :func:`pretty_chunks`).

The JSON writer is kept for its speed: it writes in about 55% of ``json.dumps``'s time (whose
indenting encoder is pure Python), which is about a quarter of ``crosscheck extract --format json``
over 1,000 cached articles of the bench corpus (1.1 s against 1.5 s), a sixth over 100, and a tenth
of ``check --format json`` over 1,000; tests hold its bytes to ``json.dumps``'s."""

from __future__ import annotations

import json
import os
import stat
import sys
import tempfile
from collections.abc import Iterable, Iterator
from json.encoder import encode_basestring as string_json  # the C encoder dumps() uses for a str
from pathlib import Path
from typing import Any

from .version import __version__

__all__ = ["TOOL", "Written", "document_chunks", "dumps", "pretty", "pretty_chunks", "string_json", "write_atomic",
           "write_or_print"]

TOOL = {"name": "crosscheck", "version": __version__}


def document(**fields: Any) -> dict[str, Any]:
    """A JSON document of the contract: version and tool first."""
    return {"version": 1, "tool": dict(TOOL), **fields}


def dumps(doc: Any, indent: int | None = 2) -> str:
    return json.dumps(doc, ensure_ascii=False, indent=indent)


def pretty(value: Any, prefix: str = "") -> str:
    """``dumps(value)`` (two-space indents, non-ASCII as is) with every line after the first
    indented by ``prefix`` more: the text of ``value`` nested that deep in a larger document.

    The same bytes as ``json.dumps``, several times faster (json's indenting encoder is pure Python
    and yields a piece per token); values other than dicts, lists, tuples, strings, ints, floats,
    booleans and None go to ``json.dumps`` itself, except an iterator, written as a list, and
    :class:`Written` text, put in as it is.
    """
    return _pretty(value, "\n" + prefix)


class Written:
    """JSON text already written for its place in a document (its lines after the first indented
    as :func:`pretty` would at that place): :func:`pretty` and :func:`pretty_chunks` put it in as is."""

    __slots__ = ("text",)

    def __init__(self, text: str):
        self.text = text


def _pretty(o: Any, nl: str) -> str:
    t = type(o)
    if t is Written:
        return o.text
    if t is dict:
        return _dict(o, nl) if o else "{}"
    if t is list or t is tuple:
        if not o:
            return "[]"
        inner = nl + "  "
        return "[" + inner + ("," + inner).join([_pretty(v, inner) for v in o]) + nl + "]"
    return _scalar(o, t, nl)


def _dict(o: dict, nl: str) -> str:
    """A non-empty dict; scalar values inline (most of a report's values), not a call each."""
    inner = nl + "  "
    parts = []
    append = parts.append
    heads = _HEADS
    for k, v in o.items():
        head = heads.get(k)
        if head is None:
            if type(k) is not str:
                return _fallback(o, nl)
            head = string_json(k) + ": "
            if len(heads) < 4096:  # a document's keys are few; a dict of arbitrary keys is not kept
                heads[k] = head
        t = type(v)
        if t is str:
            append(head + string_json(v))
        elif v is None:
            append(head + "null")
        elif t is int:
            append(head + int.__repr__(v))
        else:
            append(head + _pretty(v, inner))
    return "{" + inner + ("," + inner).join(parts) + nl + "}"


_HEADS: dict[str, str] = {}  # a key as written before its value: '"text": '


def _scalar(o: Any, t: type, nl: str) -> str:
    if t is str:
        return string_json(o)
    if o is None:
        return "null"
    if o is True:
        return "true"
    if o is False:
        return "false"
    if t is int:
        return int.__repr__(o)
    if t is float:
        return _float(o)
    if isinstance(o, Iterator):
        return _pretty(list(o), nl)
    return _fallback(o, nl)


def _float(o: float) -> str:
    if o != o:
        return "NaN"
    if o in (_INF, -_INF):
        return "Infinity" if o > 0 else "-Infinity"
    return float.__repr__(o)


_INF = float("inf")


def _fallback(o: Any, nl: str) -> str:
    return json.dumps(o, ensure_ascii=False, indent=2).replace("\n", nl)


def document_chunks(**fields: Any) -> Iterator[str]:
    """``dumps(document(**fields))`` in pieces (see :func:`pretty_chunks`)."""
    return pretty_chunks(document(**fields))


def pretty_chunks(value: Any, prefix: str = "") -> Iterator[str]:
    """``pretty(value, prefix)`` in pieces: an iterator inside ``value`` (a generator, in its dicts
    and lists, or in a dict that is an item of a list written in pieces) is written as a list, an
    item at a time, so that a large list is never held whole, as values or as text."""
    nl = "\n" + prefix
    if isinstance(value, Iterator):
        yield from _list_chunks(value, nl)
    elif not _lazy(value):
        yield _pretty(value, nl)
    elif type(value) is dict:
        inner = nl + "  "
        yield "{"
        for n, (key, item) in enumerate(value.items()):
            yield ("" if n == 0 else ",") + inner + string_json(key) + ": "
            yield from pretty_chunks(item, inner[1:])
        yield nl + "}"
    else:
        yield from _list_chunks(iter(value), nl)


def _lazy(value: Any, depth: int = 3) -> bool:
    """Whether ``value`` holds an iterator within ``depth`` levels of dicts and lists (then it is
    written in pieces; an iterator deeper down is written whole, as a list)."""
    if isinstance(value, Iterator):
        return True
    if depth <= 0:
        return False
    if type(value) is dict:
        return any(_lazy(v, depth - 1) for v in value.values())
    if type(value) is list or type(value) is tuple:
        return any(_lazy(v, depth - 1) for v in value)
    return False


def _list_chunks(items: Iterator[Any], nl: str) -> Iterator[str]:
    """A JSON list whose first line is indented by ``nl``, an item at a time."""
    inner = nl + "  "
    empty = True
    for item in items:
        yield "[" + inner if empty else "," + inner
        empty = False
        if _lazy(item, 1):  # an item's own lists are written whole, unless given as iterators
            yield from pretty_chunks(item, inner[1:])
        else:
            yield _pretty(item, inner)
    yield "[]" if empty else nl + "]"


def write_atomic(path: str | os.PathLike, text: str | Iterable[str]) -> None:
    """Write ``text`` (a string, or chunks of one written as they come) to ``path`` so that a
    reader sees the old file or the whole new one.

    A symbolic link is followed (the file it names is replaced, the link stays); a path that is not
    a regular file (``/dev/stdout``, a FIFO) is written to directly, never replaced.
    """
    from .errors import UsageError

    try:
        try:
            special = not stat.S_ISREG(os.stat(path).st_mode)
        except FileNotFoundError:
            special = False
        if special:
            with open(path, "w", encoding="utf-8", newline="") as fh:
                _put(fh, text)
            return
        _replace(Path(os.path.realpath(path)) if os.path.islink(path) else Path(path), text)
    except OSError as exc:
        raise UsageError(f"cannot write {os.fspath(path)}: {exc.strerror or exc}") from None


def _put(fh, text: str | Iterable[str]) -> None:
    if isinstance(text, str):
        fh.write(text)
    else:
        fh.writelines(text)


def _replace(target: Path, text: str | Iterable[str]) -> None:
    """Write a temporary file beside ``target``, then rename it over ``target``."""
    directory = target.parent if str(target.parent) else Path(".")
    directory.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=directory, prefix=f".{target.name}.", suffix=".tmp")
    try:
        os.chmod(tmp, _file_mode(target))  # mkstemp makes 0600; a report is an ordinary file
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            _put(fh, text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def _file_mode(target: Path) -> int:
    """The mode of the file being replaced, else what the umask gives a new file."""
    try:
        return target.stat().st_mode & 0o777
    except OSError:
        mask = os.umask(0)
        os.umask(mask)
        return 0o666 & ~mask


def write_or_print(text: str | Iterable[str], output: str | None) -> None:
    """Write ``text`` (a string, or chunks of one) to ``output`` whole or not at all, or to standard
    output, ending in a newline."""
    if output:
        write_atomic(output, text)
        return
    last = ""
    for chunk in (text,) if isinstance(text, str) else text:
        if chunk:
            sys.stdout.write(chunk)
            last = chunk
    if last and not last.endswith("\n"):
        sys.stdout.write("\n")
    sys.stdout.flush()
