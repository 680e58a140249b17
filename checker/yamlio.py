"""The one YAML reader: safe, bounded, and with every value's place kept, so that each problem
points at ``file:line:col``.

Rule files, rule fixtures, lexicons, the configuration, ``sources.yaml`` and Markdown front matter
are all read here.  The text is composed into PyYAML nodes (with libyaml where PyYAML has it: the
same nodes and marks, several times faster; on any error PyYAML's own loader reads it again, for
its message), the node tree is checked, then built into plain values by PyYAML's safe constructor.
The node tree stays beside the data so that a validator can turn a path such as
``("options", "relative")`` back into the line and column where that value is written.

What a document may hold: YAML's core schema (strings, numbers, booleans, null, lists, mappings),
plus dates (``published: 2025-05-19``) and merge keys.  Everything else is a problem with a place,
never an exception: other tags (``!!python/object``, ``!!binary``, a custom ``!foo``), nesting
deeper than :data:`~checker.yamlparse.MAX_DEPTH`, an alias that contains itself, aliases that blow the document up by
more than :data:`~checker.yamlparse.MAX_ALIAS_GROWTH` values ("billion laughs"), a value that cannot be built (the
date ``2025-13-45``, an integer of thousands of digits) and a lone surrogate escape (``"\\ud800"``,
which no file or terminal can take).  A *strict* read (rule files and fixtures, written by hand
one rule a file) also refuses duplicate keys, which PyYAML would silently collapse, any alias, and
an empty file.  Lines and columns count from 1 (PyYAML's marks count from 0).

A file read without a problem is kept in the user's cache folder (checker/ondisk.py) as JSON, named by
a digest of its text, of this reader's code and of PyYAML's and Python's versions: a later run that
reads the same text takes its data from there and does not import PyYAML at all (checker/yamlparse.py
holds PyYAML's part), until a place is asked for.  Documents that JSON cannot hold exactly (an alias
naming a value twice, a key that is not text, a time with a zone) are not kept.
``CROSSCHECK_YAML_CACHE=0`` turns it off.
"""

from __future__ import annotations

import datetime
import functools
import hashlib
import json
import os
import stat
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import Location
from .ondisk import cache_dir, installed, prune, read_json, write_json

__all__ = ["Document", "Problem", "read_text", "read_yaml"]

Problem = tuple[Location, str]

CACHE_FORMAT = 1
_DATE = "\0date"  # a date in the cache's JSON: {_DATE: "2025-05-19"}; a time: {_DATE: "2025-05-19T10:00:00"}


@dataclass(frozen=True)
class Document:
    """A YAML document: its data, and the places where each part is written.

    ``first_line`` is the line of the file the document's text starts on (front matter starts on
    line 2); ``data`` is None for an empty document.  ``node``, PyYAML's node tree, is composed from
    ``text`` when first asked for (a document from the cache has none until then).
    """

    path: str
    data: Any
    text: str | None = field(default=None, repr=False, compare=False)
    first_line: int = 1

    @classmethod
    def at(cls, path: str, line: int) -> Document:
        """No YAML at all: every place is line ``line`` (a feed line's JSON object)."""
        return cls(path, None, None, line)

    @functools.cached_property
    def node(self) -> Any:
        """PyYAML's node tree of the text (None for no text, or an empty document)."""
        if not self.text:
            return None
        from . import yamlparse

        return yamlparse.compose(self.text)

    def location(self, path: tuple[Any, ...] = (), *, key: bool = False) -> Location:
        """Where the value at ``path`` is written (or its key, with ``key=True``); the nearest
        enclosing place when the path does not exist."""
        if self.node is None:
            return Location(self.path, self.first_line, 1)
        from . import yamlparse

        return yamlparse.location(self.path, self.first_line, self.node, path, key)

    def node_at(self, path: tuple[Any, ...]) -> Any:
        """PyYAML's node of the value at ``path`` (None when there is none), for what a place alone
        does not say (how a scalar is quoted, where it ends)."""
        if self.node is None:
            return None
        from . import yamlparse

        _, node, whole = yamlparse.find(self.node, path)
        return node if whole else None


def read_yaml(path: str | os.PathLike, text: str | None = None, *, first_line: int = 1,
              strict: bool = False, cache: bool | None = None) -> tuple[Document | None, list[Problem]]:
    """Read one YAML document from ``text``, or from the file ``path`` when ``text`` is None.

    Returns the document (None when there are problems) and every problem found, each at its
    place in ``path``, counting lines from ``first_line``.  ``strict`` also refuses duplicate keys,
    aliases and an empty document.  Never raises for any text.  With ``cache`` (the default for a text
    read from the file, not for one given) the data comes from the cache when the same text was read
    before, and is kept there for the next run.
    """
    name = os.fspath(path)
    if text is None:
        text, problem = read_text(name)
        if text is None:
            return None, [(Location(name), problem)]
        cache = cache is not False
    kept = _kept(text, strict) if cache else None
    if kept is not None:
        found = _load(kept)
        if found is not _MISSING:
            return Document(name, found, text, first_line), []
    from . import yamlparse

    parsed = yamlparse.parse(name, text, first_line, strict)
    if parsed.problems:
        return None, parsed.problems
    doc = Document(name, parsed.data, text, first_line)
    doc.__dict__["node"] = parsed.node  # the tree just composed (Document.node's cache)
    if kept is not None and not parsed.aliased:
        _save(kept, parsed.data)
    return doc, []


def read_text(path: str | os.PathLike) -> tuple[str | None, str]:
    """The text of the YAML file ``path`` (a UTF-8 byte order mark dropped) and "", or None and
    why it cannot be read (a FIFO or a device is not opened: it could block forever)."""
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return None, "not a regular file (a folder, FIFO, device or socket)"
        return Path(path).read_text(encoding="utf-8-sig"), ""
    except UnicodeDecodeError as exc:
        return None, f"not UTF-8 text ({exc.reason} at byte {exc.start})"
    except OSError as exc:
        return None, f"cannot read: {exc.strerror or exc}"


_MISSING = object()


def _kept(text: str, strict: bool) -> Path | None:
    """The cache file of ``text``'s data (None when the cache is off)."""
    if os.environ.get("CROSSCHECK_YAML_CACHE", "1") == "0":
        return None
    h = hashlib.sha256(f"{_salt()}\0{strict}\0".encode())
    h.update(text.encode("utf-8", "surrogatepass"))
    return cache_dir() / f"yaml-{h.hexdigest()[:32]}.json"


@functools.cache
def _salt() -> str:
    """What a text's data depends on besides the text: this reader's code (this module and
    checker/yamlparse.py, found beside it), PyYAML's version and Python's."""
    here = Path(__file__)
    h = hashlib.sha256(f"{CACHE_FORMAT}\0{sys.version}\0{installed('yaml')}\0".encode())
    for source in (here, here.with_name("yamlparse.py")):
        try:
            h.update(source.read_bytes())
        except OSError:
            h.update(b"\0unreadable")
    return h.hexdigest()


def _load(path: Path) -> Any:
    """The data kept at ``path``, or _MISSING."""
    found = read_json(path)
    if not isinstance(found, dict) or found.get("format") != CACHE_FORMAT or "data" not in found:
        return _MISSING
    try:
        json.dumps(found["data"], ensure_ascii=False).encode("utf-8")  # a lone surrogate: not a file of ours
        return _decoded(found["data"]) if found.get("dates") else found["data"]
    except (TypeError, ValueError, RecursionError):  # UnicodeEncodeError is a ValueError
        return _MISSING


def _save(path: Path, data: Any) -> None:
    """Keep ``data`` at ``path`` when JSON holds it exactly (its round trip gives an equal value)."""
    try:
        encoded = _encoded(data)
        text = json.dumps(encoded)  # ValueError for an integer past Python's digit limit ("0x" + 4,000 f's)
        if _decoded(json.loads(text)) != data:
            return
    except (TypeError, ValueError, RecursionError):
        return
    kept = {"format": CACHE_FORMAT, "dates": json.dumps(_DATE) in text, "data": encoded}
    if write_json(path, kept, sort_keys=False):  # in the order written: a mapping's order can matter
        prune(path.parent, "yaml-*.json", path)


def _encoded(value: Any) -> Any:
    """``value`` as JSON values, a date or a time without a zone as ``{_DATE: iso}``; TypeError for
    what JSON cannot hold (a key that is not text, a time with a zone)."""
    if isinstance(value, dict):
        if not all(isinstance(k, str) for k in value) or _DATE in value:
            raise TypeError("not a JSON object")
        return {k: _encoded(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_encoded(v) for v in value]
    if isinstance(value, datetime.date):
        if isinstance(value, datetime.datetime) and value.tzinfo is not None:
            raise TypeError("a time with a zone")
        return {_DATE: value.isoformat()}
    if value is None or isinstance(value, (str, int, float)):
        return value
    raise TypeError(type(value).__name__)


def _decoded(value: Any) -> Any:
    if isinstance(value, dict):
        if len(value) == 1 and _DATE in value:
            iso = value[_DATE]
            return datetime.datetime.fromisoformat(iso) if "T" in iso else datetime.date.fromisoformat(iso)
        return {k: _decoded(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_decoded(v) for v in value]
    return value
