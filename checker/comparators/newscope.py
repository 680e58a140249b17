"""What ``check --new`` needs of each kind: which of the other articles' items can be in a finding
with a new article's.

With ``--new`` only findings that involve a new article are reported, so the other articles' items
that cannot be in such a finding need not be compared at all.  Each comparator module declares
``new_scope(options) -> NewScope`` next to its ``OPTIONS``: for its facts, quotes and name
mentions, a *reach*.  A reach is given the new articles' items of that sort and returns a *cut*: a
function from another article's items to those of them the kind may pair with the new ones (order
kept).  ``checker.run.scope`` evaluates each group of rules with the same needs on its own cut of
the corpus; a kind whose module has no ``new_scope`` is given everything.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from typing import Any

from checker.model import Fact

__all__ = ["EVERYTHING", "NOTHING", "SAME_KEY", "NewScope", "Reach", "paired", "thinned"]

Cut = Callable[[tuple[Any, ...]], tuple[Any, ...]]
Reach = Callable[[Sequence[Any]], Cut]


def _none(items: tuple[Any, ...]) -> tuple[Any, ...]:
    return ()


def _all(items: tuple[Any, ...]) -> tuple[Any, ...]:
    return items


def NOTHING(new: Sequence[Any]) -> Cut:  # noqa: N802 - a constant, called like the other reaches
    """None of the other articles' items: the kind never pairs them with a new article's."""
    return _none


def EVERYTHING(new: Sequence[Any]) -> Cut:  # noqa: N802
    """All of the other articles' items (say, a kind that links items transitively)."""
    return _all


def paired(key: Callable[[Any], Hashable | None]) -> Reach:
    """The reach of a kind that compares only items with one ``key``: another article's items whose
    key is that of a new article's item (a key None pairs with nothing)."""
    def reach(new: Sequence[Any]) -> Cut:
        keys = {key(x) for x in new} - {None}

        def cut(items: tuple[Any, ...]) -> tuple[Any, ...]:
            return tuple(i for i in items if key(i) in keys)

        return cut

    return reach


def thinned(cut: Cut) -> Reach:
    """The reach of a kind that needs every other article's items but not all of each: ``cut``
    (one article's items -> those the kind reads), whatever the new articles say."""
    def reach(new: Sequence[Any]) -> Cut:
        return cut

    return reach


def _fact_key(fact: Fact) -> str:
    return fact.key


SAME_KEY = paired(_fact_key)  # the facts of a new article's keys


@dataclass(frozen=True)
class NewScope:
    """A kind's reach over facts, quotes and name mentions.  Kinds with equal scopes (the same
    reach objects) are evaluated together, on one cut of the corpus."""

    facts: Reach = NOTHING
    quotes: Reach = NOTHING
    mentions: Reach = NOTHING
