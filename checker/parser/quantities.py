"""Quantities in a text: the scanner's matches (checker/parser/grammar.py) read into Quantity values;
``parse_text``, the ``parse`` command's core.

One match of the scanner usually gives one quantity.  It gives several when the words joined do not
make one interval: "more than 40 and less than 10" (two bounds that do not meet), "5 km, 3 km" (a
list, not "2 hours 30 minutes"), "rose 25% to 34,500 tonnes" (two dimensions, not a range).  The
readers: checker/parser/builders.py (one per alternative of ``quantity``), measures.py (of
``measure``), qualifiers.py, numbers.py (of ``number``), nouns.py.  How each form becomes an
interval: docs/quantities.md.

Every alternative of those rules must have its reader: ``check_readers`` compares the tables with the
grammar once per process, before the first text is read, and fails with a GrammarError naming what
is missing (a match whose tree no reader knows is never skipped in silence).
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator

from checker.model import Quantity

from . import grammar, measures, numbers, qualifiers
from .builders import BUILDERS
from .nouns import singular
from .trees import base_name, name

__all__ = ["check_readers", "find_quantities", "parse_text", "singular", "to_quantities", "unread"]


def to_quantities(tree, text: str, start: int, end: int) -> list[Quantity]:
    """One quantity tree -> its Quantities (none for what only looks like one, such as a year)."""
    return BUILDERS[name(tree)](tree, text, start, end)


def _alternatives(rules, rule: str) -> Iterator[tuple[str, list]]:
    """(tree name, expansion) of each alternative of ``rule``: its alias, else the rule's own name."""
    for r in rules:
        if base_name(r.origin.name) == rule:
            yield (base_name(r.alias) if r.alias else rule), r.expansion


def unread(rules: Iterable, rule: str, table, through: Iterable[str] = ()) -> list[str]:
    """The tree names under grammar ``rule`` that ``table`` has no reader for, given lark's ``rules``.

    A tree is named by its alternative's alias, else by its rule; a name in ``through`` is read
    through its one child (``measure: money``), so such an alternative must be one rule, whose own
    alternatives are checked in turn."""
    rules = list(rules)
    todo, seen, missing = [rule], set(), []
    while todo:
        current = todo.pop(0)
        seen.add(current)
        for tree_name, expansion in _alternatives(rules, current):
            one_rule = len(expansion) == 1 and not expansion[0].is_term
            if tree_name in through and one_rule:
                child = base_name(expansion[0].name)
                if child not in seen and child not in todo:
                    todo.append(child)
            elif tree_name not in table and tree_name not in missing:
                missing.append(tree_name)
    return missing


def _first_terminals(rules: Iterable, rule: str) -> set[str]:
    """The terminal each alternative of ``rule`` starts with (the qualifier's words)."""
    return {base_name(expansion[0].name) for _, expansion in _alternatives(list(rules), rule) if expansion[0].is_term}


@functools.cache
def check_readers() -> None:
    """Fail with a GrammarError unless every alternative of ``quantity``, ``measure``, ``number`` and
    ``qualifier`` in the grammar has its reader (checked once per process)."""
    from checker.errors import GrammarError, Location

    rules = grammar.rules()
    missing = [f"{rule}: {', '.join(names)}" for rule, names in (
        ("quantity", unread(rules, "quantity", BUILDERS)),
        ("measure", unread(rules, "measure", measures.MEASURES, measures.THROUGH)),
        ("number", unread(rules, "number", numbers.READERS, numbers.THROUGH)),
        ("qualifier", sorted(_first_terminals(rules, "qualifier") - set(qualifiers.QUALIFIER))),
    ) if names]
    if missing:
        raise GrammarError("grammar alternatives without a reader in checker/parser/ (" + "; ".join(missing) + ")",
                           Location(str(grammar.GRAMMAR_DIR / "claims.lark")))


def _token_range(starts: list, ends: list, first: int, last: int, q: Quantity) -> tuple[int, int]:
    """The token indices (first, last exclusive) that quantity ``q`` covers within a match."""
    lo = next((i for i in range(first, last) if ends[i] > q.start), first)
    hi = next((i for i in range(last - 1, lo - 1, -1) if starts[i] < q.end), last - 1)
    return lo, hi + 1


def find_quantities(text: str, toks=None, start_at: int = 0, stop_at: int | None = None):
    """Yield (first token index, last token index (exclusive), Quantity) for every quantity in ``text``
    (``toks``: its ``grammar.lex(text)``, or a list of lark tokens; lexed here when not given).

    A match the readers cannot give a value (an unknown word, a zero denominator: ``Unreadable`` and
    other ValueErrors, ArithmeticError, IndexError, StopIteration) is not a quantity; a whole text never
    fails for it."""
    check_readers()
    lexed = grammar.lex(text) if toks is None else grammar.as_lexed(toks, text)
    starts, ends = lexed.starts, lexed.ends
    for m in grammar.scan(lexed, start_at, stop_at):
        start, end = starts[m.first], ends[m.last - 1]
        try:
            found = to_quantities(m.tree, text, start, end)
        except (ArithmeticError, IndexError, ValueError, StopIteration):
            continue
        for q in found:
            yield (*_token_range(starts, ends, m.first, m.last, q), q)


def parse_text(text: str) -> list[Quantity]:
    """Every quantity in ``text``, in order."""
    return [q for _, _, q in find_quantities(text)]
