"""What one evaluation works out once and asks for again and again.

The engine makes one :class:`Memo` for each call of ``evaluate`` and hands it to the comparators on
every :class:`~checker.comparators.base.Selection` it builds; it goes when the call returns, so
nothing is kept from one run to the next.  It keeps the answers of two pure functions of
:mod:`checker.comparators.align`, the ones that are asked the same question most:
:func:`~checker.comparators.align.words` (the words of every quote, for every quote rule) and
:func:`~checker.comparators.align.relate` (the same two wordings in every story that prints both:
a statement quoted across many stories; in a story, the quote kind relates a pair once).  Each keeps
its :data:`SIZE` most recent answers (a ``words`` entry is a few hundred bytes, a ``relate`` one
less: its wordings are ``words``' own tuples).

What each buys, measured on the bench's synthetic corpus of 2,000 articles with the built-in rules
(CPU time of ``evaluate``): ``words`` a sixth to a quarter of it; ``relate`` half of it when
stories quote the same statements, nothing when they do not.
"""

from __future__ import annotations

from functools import lru_cache

from . import align

__all__ = ["SIZE", "Memo"]

SIZE = 1 << 14


class Memo:
    """``words(text)`` and ``relate(a, b, floor, min_similarity)``, as in
    :mod:`checker.comparators.align`, each answer worked out once in this object's life."""

    __slots__ = ("relate", "words")

    def __init__(self, size: int = SIZE):
        self.words = lru_cache(maxsize=size)(align.words)
        self.relate = lru_cache(maxsize=size)(align.relate)
