"""The parse tree a run builds: ``Tree`` and ``Token``, read as lark's are, without importing lark.

The readers in checker/parser/ read a tree's ``data`` and ``children`` and a token's text, ``type``,
``value``, ``start_pos`` and ``end_pos``, nothing else; checker/parser/tables.py builds the trees
lark's parser would, of these.  A tree equals any tree with the same name and children (lark's
too, as lark's equals ours), and a token any string with the same text and, if it has one, the same
type.
"""

from __future__ import annotations

__all__ = ["Token", "Tree"]


class Tree:
    __slots__ = ("children", "data")

    def __init__(self, data: str, children: list) -> None:
        self.data = data
        self.children = children

    def __eq__(self, other) -> bool:
        try:
            return self.data == other.data and self.children == other.children
        except AttributeError:
            return False

    def __hash__(self) -> int:
        return hash((self.data, tuple(self.children)))

    def __repr__(self) -> str:
        return f"Tree({self.data!r}, {self.children!r})"

    def iter_subtrees_topdown(self):
        """This tree and every tree under it, parents before children (as lark's method)."""
        todo = [self]
        while todo:
            node = todo.pop()
            yield node
            todo += reversed([kid for kid in node.children if isinstance(kid, Tree)])


class Token(str):
    """A terminal's text, with its ``type`` and its offsets in the text."""

    type: str
    value: str
    start_pos: int
    end_pos: int

    def __new__(cls, type_: str, value: str, start_pos: int, end_pos: int) -> Token:
        tok = str.__new__(cls, value)
        tok.type, tok.value, tok.start_pos, tok.end_pos = type_, value, start_pos, end_pos
        return tok

    def __eq__(self, other) -> bool:
        if getattr(other, "type", self.type) != self.type:
            return False
        return str.__eq__(self, other)

    __hash__ = str.__hash__

    def __repr__(self) -> str:
        return f"Token({self.type!r}, {self.value!r})"

    def __reduce__(self):
        return Token, (self.type, self.value, self.start_pos, self.end_pos)
