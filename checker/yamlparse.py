"""PyYAML's part of reading YAML (checker/yamlio.py): text -> a checked node tree -> plain values.

Imported only when a YAML text has to be parsed (a file not read before, or a place asked for), so that
a run whose YAML files are all in the cache does not import PyYAML.  ``parse`` composes the text
(libyaml where PyYAML has it, else PyYAML's own loader, which also gives the messages), checks the
node tree (tags, nesting, aliases, lone surrogates; duplicate keys when strict) and builds the data
with PyYAML's safe constructor; ``location`` turns a path in the data back into its place.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import yaml
from yaml.constructor import ConstructorError, SafeConstructor

from .errors import Location

__all__ = ["FAST_LOADER", "MAX_ALIAS_GROWTH", "MAX_DEPTH", "Parsed", "compose", "find", "location", "node_value", "parse"]

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
class Parsed:
    """What ``parse`` makes of a text: its node tree (None for an empty document) and data, or the
    problems found; ``aliased`` when an alias names a value written elsewhere in it."""

    node: yaml.Node | None
    data: Any
    problems: list[Problem]
    aliased: bool = False


def parse(name: str, text: str, first_line: int = 1, strict: bool = False) -> Parsed:
    """Compose, check and build the YAML document ``text`` (line ``first_line`` of file ``name``, for
    the places of problems); never raises for any text."""
    places = _Places(name, first_line)
    try:
        node = _compose(text)
    except yaml.reader.ReaderError as exc:
        return Parsed(None, None, [(places.offset(text, exc.position), _reader_message(exc))])
    except yaml.YAMLError as exc:
        return Parsed(None, None, [_yaml_problem(places, exc)])
    if node is None:
        problems = [(Location(name, first_line, 1), "empty file: expected a YAML mapping")] if strict else []
        return Parsed(None, None, problems)
    walk = _node_problems(places, node, strict)
    if walk.problems:
        return Parsed(node, None, walk.problems)
    try:
        data = _Constructor().construct_document(node)
    except yaml.YAMLError as exc:
        return Parsed(node, None, [_yaml_problem(places, exc)])
    return Parsed(node, data, [], walk.aliased)


def compose(text: str) -> yaml.Node | None:
    """The node tree of a text ``parse`` has read without a problem, as ``parse`` leaves it: PyYAML's
    constructor moves merged mappings (``<<: {a: 1}``) into the mapping that merges them as it builds
    the data, so it is run here too."""
    node = _compose(text)
    if node is not None:
        _Constructor().construct_document(node)
    return node


def find(root: yaml.Node, path: tuple[Any, ...]) -> tuple[yaml.Node | None, yaml.Node, bool]:
    """(the key node, the node) of the value at ``path`` under ``root``, and whether the whole path was
    found (else the nearest enclosing value's)."""
    node, key_node = root, None
    for part in path:
        found = _child(node, part)
        if found is None:
            return key_node, node, False
        key_node, node = found
    return key_node, node, True


def location(name: str, first_line: int, root: yaml.Node, path: tuple[Any, ...], key: bool) -> Location:
    """Where the value at ``path`` under ``root`` is written (its key's place with ``key``); the nearest
    enclosing place when the path does not exist."""
    key_node, node, _ = find(root, path)
    return _Places(name, first_line).of((key_node if key and key_node is not None else node).start_mark)


def _child(node: yaml.Node, part: Any) -> tuple[yaml.Node | None, yaml.Node] | None:
    if isinstance(node, yaml.MappingNode):
        for k, v in reversed(node.value):  # the last of duplicate keys wins, as in the data
            if isinstance(k, yaml.ScalarNode) and (k.value == str(part) or _same_key(k, part)):
                return k, v
    elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
        return None, node.value[part]
    return None


def _same_key(key: yaml.ScalarNode, part: Any) -> bool:
    """Whether a key written otherwise is ``part`` as data ("true", "0x10", "~" for True, 16, None)."""
    if isinstance(part, str):
        return False
    try:
        value = _Constructor().construct_object(key)
    except yaml.YAMLError:
        return False
    return type(value) is type(part) and value == part


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


def _node_problems(places: _Places, root: yaml.Node, strict: bool) -> _Walk:
    """Everything wrong with a node tree (the walk's ``problems``), walked once (without recursion, each
    node once however many aliases name it), counting the values the aliases expand to."""
    walk = _Walk(places, strict)
    walk.meet(root)
    stack: list[tuple[yaml.Node, int]] = [(root, 1)]  # depth 0: the node's children are done
    while stack and len(walk.problems) < 100:
        node, depth = stack.pop()
        if depth == 0:
            walk.leave(node)
        elif depth > MAX_DEPTH:
            walk.problems.append((places.of(node.start_mark), f"invalid YAML: {_too_deep()}"))
            return walk
        else:
            walk.above.add(id(node))
            stack.append((node, 0))
            stack += [(c, depth + 1) for c in reversed(_children(node)) if walk.meet(c)]
    if walk.size.get(id(root), 0) - len(walk.size) > MAX_ALIAS_GROWTH:
        walk.problems.append((places.of(root.start_mark), "YAML aliases (*name) expand this document by more "
                                                          f"than {MAX_ALIAS_GROWTH:,} values"))
    return walk


class _Walk:
    """What :func:`_node_problems` knows as it goes: the problems, the nodes met, the expanded
    size of each node done, and the collections from the root down to the one being walked."""

    def __init__(self, places: _Places, strict: bool):
        self.places, self.strict = places, strict
        self.problems: list[Problem] = []
        self.met: set[int] = set()
        self.size: dict[int, int] = {}
        self.above: set[int] = set()
        self.aliased = False  # a node met twice: named by an alias

    def meet(self, node: yaml.Node) -> bool:
        """Check ``node`` when it is first met; True when its children are to be walked.  A node
        met again is named by an alias: inside itself (the walk is below it), or elsewhere."""
        key = id(node)
        if key in self.met:
            self.aliased = True
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
