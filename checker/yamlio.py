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
deeper than :data:`MAX_DEPTH`, an alias that contains itself, aliases that blow the document up by
more than :data:`MAX_ALIAS_GROWTH` values ("billion laughs"), a value that cannot be built (the
date ``2025-13-45``, an integer of thousands of digits) and a lone surrogate escape (``"\\ud800"``,
which no file or terminal can take).  A *strict* read (rule files and fixtures, written by hand
one rule a file) also refuses duplicate keys, which PyYAML would silently collapse, any alias, and
an empty file.  Lines and columns count from 1 (PyYAML's marks count from 0).
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import ConstructorError, SafeConstructor

from .errors import Location

__all__ = ["MAX_ALIAS_GROWTH", "MAX_DEPTH", "Document", "Problem", "node_value", "read_text", "read_yaml"]

Problem = tuple[Location, str]

MAX_DEPTH = 100  # lists and mappings inside each other; crosscheck's own files need fewer than 10
MAX_ALIAS_GROWTH = 100_000  # values that aliases may add to a document, over those written in it
#: libyaml's loader, where PyYAML was built with it (None: PyYAML's own loader reads everything)
FAST_LOADER = getattr(yaml, "CSafeLoader", None)

_CORE = "tag:yaml.org,2002:"
_TAGS = frozenset(_CORE + t for t in ("str", "int", "float", "bool", "null", "seq", "map", "timestamp", "merge",
                                      "value"))
_SURROGATE = re.compile("[\ud800-\udfff]")


@dataclass(frozen=True, slots=True)
class Document:
    """A YAML document: its data and the node tree that says where each part is written.

    ``first_line`` is the line of the file the document's text starts on (front matter starts on
    line 2); ``node`` is None for an empty document (``data`` is then None too).
    """

    path: str
    data: Any
    node: yaml.Node | None
    first_line: int = 1

    @classmethod
    def at(cls, path: str, line: int) -> Document:
        """No YAML at all: every place is line ``line`` (a feed line's JSON object)."""
        return cls(path, None, None, line)

    def location(self, path: tuple[Any, ...] = (), *, key: bool = False) -> Location:
        """Where the value at ``path`` is written (or its key, with ``key=True``); the nearest
        enclosing place when the path does not exist."""
        if self.node is None:
            return Location(self.path, self.first_line, 1)
        node, key_node = self.node, None
        for part in path:
            found = _child(node, part)
            if found is None:
                break
            key_node, node = found
        return self.mark(key_node if key and key_node is not None else node)

    def mark(self, node: yaml.Node) -> Location:
        """The place of a node of this document."""
        return _Places(self.path, self.first_line).of(node.start_mark)


def _child(node: yaml.Node, part: Any) -> tuple[yaml.Node | None, yaml.Node] | None:
    if isinstance(node, yaml.MappingNode):
        for k, v in reversed(node.value):  # the last of duplicate keys wins, as in the data
            if isinstance(k, yaml.ScalarNode) and k.value == str(part):
                return k, v
    elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
        return None, node.value[part]
    return None


@dataclass(frozen=True, slots=True)
class _Places:
    """Turns PyYAML's marks (0-based, from the start of the text) into places in the file."""

    path: str
    first_line: int = 1

    def of(self, mark: Any) -> Location:
        if mark is None:
            return Location(self.path, self.first_line)
        return Location(self.path, mark.line + self.first_line, mark.column + 1)

    def offset(self, text: str, offset: int) -> Location:
        before = text[:offset]
        return Location(self.path, before.count("\n") + self.first_line, offset - (before.rfind("\n") + 1) + 1)


class _Constructor(SafeConstructor):
    """PyYAML's safe constructor, whose every failure is a :class:`ConstructorError` at the node
    that failed (its own ``ValueError`` for the date ``2025-13-45`` has no place)."""

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        try:
            return super().construct_object(node, deep)
        except yaml.MarkedYAMLError:
            raise
        except (ValueError, OverflowError, TypeError) as exc:
            what = "this value"
            if isinstance(node, yaml.ScalarNode):
                what = repr(node.value if len(node.value) <= 40 else node.value[:40] + "...")
            why = str(exc).split(";")[0]  # not Python's advice on sys.set_int_max_str_digits()
            raise ConstructorError(None, None, f"cannot read {what}: {why}", node.start_mark) from None


# A plain ``=`` resolves to the tag "value", which the safe constructor cannot build: it is text.
_Constructor.add_constructor(_CORE + "value", SafeConstructor.construct_yaml_str)


def node_value(node: yaml.Node) -> Any:
    """The value of one node of a :class:`Document` (which :func:`read_yaml` has checked)."""
    return _Constructor().construct_object(node, deep=True)


def read_yaml(path: str | os.PathLike, text: str | None = None, *, first_line: int = 1,
              strict: bool = False) -> tuple[Document | None, list[Problem]]:
    """Read one YAML document from ``text``, or from the file ``path`` when ``text`` is None.

    Returns the document (None when there are problems) and every problem found, each at its
    place in ``path``, counting lines from ``first_line``.  ``strict`` also refuses duplicate keys,
    aliases and an empty document.  Never raises for any text.
    """
    name = os.fspath(path)
    places = _Places(name, first_line)
    if text is None:
        text, problem = read_text(name)
        if text is None:
            return None, [(Location(name), problem)]
    try:
        node = _compose(text)
    except yaml.reader.ReaderError as exc:
        return None, [(places.offset(text, exc.position), _reader_message(exc))]
    except yaml.YAMLError as exc:
        return None, [_yaml_problem(places, exc)]
    if node is None:
        if strict:
            return None, [(Location(name, first_line, 1), "empty file: expected a YAML mapping")]
        return Document(name, None, None, first_line), []
    problems = _node_problems(places, node, strict)
    if problems:
        return None, problems
    try:
        data = _Constructor().construct_document(node)
    except yaml.YAMLError as exc:
        return None, [_yaml_problem(places, exc)]
    return Document(name, data, node, first_line), []


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


def _compose(text: str) -> yaml.Node | None:
    """The node tree of ``text``: libyaml's where PyYAML has it, else (or on any error, for its
    message) PyYAML's own, after a pass over the events that stops nesting past
    :data:`MAX_DEPTH` before PyYAML's recursive composer meets it."""
    if FAST_LOADER is not None:
        try:
            return yaml.compose(text, Loader=FAST_LOADER)
        except (yaml.YAMLError, UnicodeError):
            pass
    depth = 0
    for event in yaml.parse(text, Loader=yaml.SafeLoader):
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                raise yaml.MarkedYAMLError(None, None, _too_deep(), event.start_mark)
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
    return yaml.compose(text, Loader=yaml.SafeLoader)


def _too_deep() -> str:
    return f"lists and mappings nested more than {MAX_DEPTH} deep"


def _yaml_problem(places: _Places, exc: yaml.YAMLError) -> Problem:
    if isinstance(exc, yaml.MarkedYAMLError):
        what = " ".join(x for x in (exc.context, exc.problem) if x) or "invalid YAML"
        return places.of(exc.problem_mark or exc.context_mark), _printable(f"invalid YAML: {what}")
    return Location(places.path), _printable(f"invalid YAML: {exc}")


def _printable(message: str) -> str:
    """``message`` with any lone surrogate written as an escape, so that it can be printed."""
    return message.encode("utf-8", "backslashreplace").decode("utf-8")


def _reader_message(exc: yaml.reader.ReaderError) -> str:
    char = chr(exc.character) if isinstance(exc.character, int) else exc.character
    return _printable(f"invalid YAML: {exc.reason}: character {char!r} (U+{ord(char[:1] or ' '):04X}) "
                      "is not allowed")


def _children(node: yaml.Node) -> list[yaml.Node]:
    if type(node) is yaml.MappingNode:
        return [n for pair in node.value for n in pair]
    if type(node) is yaml.SequenceNode:
        return node.value
    return []


def _node_problems(places: _Places, root: yaml.Node, strict: bool) -> list[Problem]:
    """Everything wrong with a node tree, walked once (without recursion, each node once however
    many aliases name it), counting the values the aliases expand to."""
    walk = _Walk(places, strict)
    walk.meet(root)
    stack: list[tuple[yaml.Node, int]] = [(root, 1)]  # depth 0: the node's children are done
    while stack and len(walk.problems) < 100:
        node, depth = stack.pop()
        if depth == 0:
            walk.leave(node)
        elif depth > MAX_DEPTH:
            return [*walk.problems, (places.of(node.start_mark), f"invalid YAML: {_too_deep()}")]
        else:
            walk.above.add(id(node))
            stack.append((node, 0))
            stack += [(c, depth + 1) for c in reversed(_children(node)) if walk.meet(c)]
    if walk.size.get(id(root), 0) - len(walk.size) > MAX_ALIAS_GROWTH:
        walk.problems.append((places.of(root.start_mark), "YAML aliases (*name) expand this document by more "
                                                          f"than {MAX_ALIAS_GROWTH:,} values"))
    return walk.problems


class _Walk:
    """What :func:`_node_problems` knows as it goes: the problems, the nodes met, the expanded
    size of each node done, and the collections from the root down to the one being walked."""

    def __init__(self, places: _Places, strict: bool):
        self.places, self.strict = places, strict
        self.problems: list[Problem] = []
        self.met: set[int] = set()
        self.size: dict[int, int] = {}
        self.above: set[int] = set()

    def meet(self, node: yaml.Node) -> bool:
        """Check ``node`` when it is first met; True when its children are to be walked.  A node
        met again is named by an alias: inside itself (the walk is below it), or elsewhere."""
        key = id(node)
        if key in self.met:
            if key in self.above:
                self.problems.append((self.places.of(node.start_mark), "a YAML alias (*name) inside the value it "
                                                                       "names"))
            elif self.strict:
                self.problems.append((self.places.of(node.start_mark), "YAML aliases (*name) are not allowed here"))
            return False
        self.met.add(key)
        if type(node) is yaml.ScalarNode:
            self.size[key] = 1
            if node.tag not in _TAGS or _SURROGATE.search(node.value):
                self.problems += _own_problems(self.places, node, self.strict)
            return False
        if node.tag not in _TAGS or self.strict:
            self.problems += _own_problems(self.places, node, self.strict)
        return True

    def leave(self, node: yaml.Node) -> None:
        self.above.discard(id(node))
        self.size[id(node)] = 1 + sum([self.size.get(id(c), 0) for c in _children(node)])


def _own_problems(places: _Places, node: yaml.Node, strict: bool) -> list[Problem]:
    """A node's tag, a scalar's lone surrogates, a mapping's duplicate keys (when ``strict``)."""
    out: list[Problem] = []
    if node.tag not in _TAGS:
        tag = "!!" + node.tag[len(_CORE):] if node.tag.startswith(_CORE) else node.tag
        out.append((places.of(node.start_mark), _printable(f"the YAML tag {tag} is not allowed: only plain values, "
                                                           "lists and mappings")))
    if isinstance(node, yaml.ScalarNode):
        found = _SURROGATE.search(node.value)
        if found:
            out.append((places.of(node.start_mark), f"a lone surrogate ({found.group()!r}) is not text"))
    elif strict and isinstance(node, yaml.MappingNode):
        first: dict[str, Any] = {}
        for k, _ in node.value:
            if not isinstance(k, yaml.ScalarNode):
                continue
            if k.value in first:
                out.append((places.of(k.start_mark), _printable(f"duplicate key {k.value!r} "
                                                                f"(first written on line {first[k.value]})")))
            else:
                first[k.value] = places.of(k.start_mark).line
    return out
