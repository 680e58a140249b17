"""Writing what the tool outputs.

- :mod:`checker.output.files`: every file crosscheck writes, whole or not at all, all of a run's
  files or none (:func:`write_all`, :func:`write_atomic`), and :func:`own_output`, which recognises
  crosscheck's own outputs so that they are never read back as articles;
- :mod:`checker.output.guard`: what no line crosscheck prints may carry (workflow commands for a CI
  runner, bidirectional controls, terminal control characters), for any article text, outlet or
  file name;
- here, JSON written as ``json.dumps(..., indent=2)`` writes it, faster and, for a large document,
  in pieces (:func:`pretty`, :func:`pretty_chunks`).

The JSON writer is kept for its speed: it writes in about 55% of ``json.dumps``'s time (whose
indenting encoder is pure Python), which is about a quarter of ``crosscheck extract --format json``
over 1,000 cached articles of the bench corpus (1.1 s against 1.5 s), a sixth over 100, and a tenth
of ``check --format json`` over 1,000; tests hold its bytes to ``json.dumps``'s."""

from __future__ import annotations

import json
from collections.abc import Iterator
from json.encoder import encode_basestring as string_json  # the C encoder dumps() uses for a str
from typing import Any

from checker.version import __version__

from .files import own_output, quiet_stdout, write_all, write_atomic, write_or_print, write_stdout
from .guard import Guard, GuardedStream, safe, safe_line

__all__ = ["TOOL", "Guard", "GuardedStream", "Written", "document_chunks", "dumps", "own_output", "pretty",
           "pretty_chunks", "quiet_stdout", "safe", "safe_line", "string_json", "write_all", "write_atomic", "write_or_print",
           "write_stdout"]

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
