"""Reading the parse trees of grammar/claims.lark: names, leaves, spans; and the one error a reader
raises for a tree it cannot give a value (``Unreadable``).

A node is a lark ``Tree`` (a rule, or an alternative's alias) or a ``Token`` (a terminal).  Names are
read without lark's import namespace: ``numbers__words`` is ``words``.
"""

from __future__ import annotations

from collections.abc import Iterator

__all__ = ["Unreadable", "base_name", "is_tree", "leaves", "name", "span"]


class Unreadable(ValueError):
    """A tree the grammar accepts but no value fits (an unknown number word, a scale suffix not in the
    table): the text is not read as a quantity.  A missing reader for a grammar rule is not this: it
    fails when the tables are checked against the grammar (checker/parser/quantities.py)."""


def base_name(text: str) -> str:
    """A rule or terminal name without lark's import namespace ("numbers__A" -> "A")."""
    return text.rsplit("__", 1)[-1]


def name(node) -> str:
    """The rule or alias name of a tree, the terminal name of a token, without lark's namespace."""
    return (node.data if hasattr(node, "data") else node.type).rsplit("__", 1)[-1]


def is_tree(node) -> bool:
    """True for a lark Tree, False for a Token."""
    return hasattr(node, "data")


def leaves(node) -> Iterator:
    """The tokens of ``node`` (itself for a token), left to right."""
    if hasattr(node, "data"):
        for child in node.children:
            yield from leaves(child)
    else:
        yield node


def span(node) -> tuple[int, int]:
    """(start, end) offsets of ``node``'s text: its first token's start, its last token's end."""
    toks = list(leaves(node))
    return toks[0].start_pos, toks[-1].end_pos
