"""YAML read safely but with its node marks kept, so every problem points at ``file:line:col``.

The file is composed into PyYAML nodes (as yamllint does), then constructed with the safe loader;
the node tree stays beside the data so that a later validator can turn a path such as
``("options", "relative")`` back into the line and column where that value is written.  Lines
and columns count from 1 (PyYAML's marks count from 0).  Duplicate keys, which PyYAML would
silently collapse, and aliases (``*name``) are problems here.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .errors import Location, RuleError

__all__ = ["Document", "load_lexicon", "read_yaml"]

Problem = tuple[Location, str]


@dataclass(frozen=True, slots=True)
class Document:
    """A YAML document: its data and the node tree that says where each part is written."""

    path: str
    data: Any
    node: yaml.Node

    def location(self, path: tuple[Any, ...] = (), *, key: bool = False) -> Location:
        """Where the value at ``path`` is written (or its key, with ``key=True``); the nearest
        enclosing place when the path does not exist."""
        node, key_node = self.node, None
        for part in path:
            found = _child(node, part)
            if found is None:
                break
            key_node, node = found
        mark = (key_node if key and key_node is not None else node).start_mark
        return mark_location(self.path, mark)


def mark_location(path: str, mark: Any) -> Location:
    """A PyYAML mark (0-based) as a 1-based Location."""
    if mark is None:
        return Location(path)
    return Location(path, mark.line + 1, mark.column + 1)


def _child(node: yaml.Node, part: Any) -> tuple[yaml.Node | None, yaml.Node] | None:
    if isinstance(node, yaml.MappingNode):
        for k, v in reversed(node.value):  # the last of duplicate keys wins, as in the data
            if isinstance(k, yaml.ScalarNode) and k.value == str(part):
                return k, v
    elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
        return None, node.value[part]
    return None


def _node_problems(path: str, root: yaml.Node) -> list[Problem]:
    """Duplicate keys, and aliases (``*name``): a rule file has no use for them, and a
    self-referring or exponentially shared alias could hang whatever walks the data."""
    problems: list[Problem] = []
    seen: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            problems.append((mark_location(path, node.start_mark), "YAML aliases (*name) are not allowed here"))
            continue
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            first: dict[str, Any] = {}
            for k, v in node.value:
                if isinstance(k, yaml.ScalarNode):
                    if k.value in first:
                        problems.append((mark_location(path, k.start_mark), f"duplicate key {k.value!r} "
                                         f"(first written on line {first[k.value].line + 1})"))
                    else:
                        first[k.value] = k.start_mark
                stack += [k, v]
        elif isinstance(node, yaml.SequenceNode):
            stack += node.value
    return problems


def read_yaml(path: str | Path, text: str | None = None) -> tuple[Document | None, list[Problem]]:
    """Read one YAML document; return it (or None) and every problem found."""
    name = str(path)
    if text is None:
        try:
            text = Path(path).read_text(encoding="utf-8-sig")
        except UnicodeDecodeError as exc:
            return None, [(Location(name), f"not UTF-8 text ({exc.reason} at byte {exc.start})")]
        except OSError as exc:
            return None, [(Location(name), f"cannot read: {exc.strerror or exc}")]
    try:
        loader = yaml.SafeLoader(text)
    except yaml.reader.ReaderError as exc:
        return None, [(_offset_location(name, text, exc.position), _reader_message(exc))]
    try:
        node = loader.get_single_node()
        if node is None:
            return None, [(Location(name, 1, 1), "empty file: expected a YAML mapping")]
        problems = _node_problems(name, node)
        if problems:
            return None, problems
        data = loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        what = " ".join(x for x in (exc.context, exc.problem) if x) or "invalid YAML"
        return None, [(mark_location(name, mark), f"invalid YAML: {what}")]
    except yaml.reader.ReaderError as exc:
        return None, [(_offset_location(name, text, exc.position), _reader_message(exc))]
    except yaml.YAMLError as exc:
        return None, [(Location(name), f"invalid YAML: {exc}")]
    finally:
        loader.dispose()
    return Document(name, data, node), []


def _reader_message(exc: yaml.reader.ReaderError) -> str:
    char = chr(exc.character) if isinstance(exc.character, int) else exc.character
    return f"invalid YAML: {exc.reason}: character {char!r} (U+{ord(char[:1] or ' '):04X}) is not allowed"


def _offset_location(path: str, text: str, offset: int) -> Location:
    before = text[:offset]
    return Location(path, before.count("\n") + 1, offset - (before.rfind("\n") + 1) + 1)


def load_lexicon(path: str | Path, key: str) -> list[str]:
    """A lexicon file's list of words under ``key``; RuleError when it is not one."""
    doc, problems = read_yaml(path)
    if doc is not None and not problems:
        words = doc.data.get(key) if isinstance(doc.data, dict) else None
        if isinstance(words, list) and all(isinstance(w, str) for w in words):
            return words
        problems = [(doc.location((key,)), f"expected a list of strings under {key!r}")]
    raise RuleError(problems)
