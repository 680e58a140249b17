"""Which sides of a group disagree with at least one other side, without testing every pair.

A group of ``n`` sides (one per interval stated) has ``n (n - 1) / 2`` pairs: one key given 10,000
distinct values across a corpus would be 50 million comparisons.  What a finding needs is only the
*set* of sides that disagree with some other side (and, for sides that share a label, the order the
pairwise loop would have met them in), so :func:`involved` looks for one partner per side:

- **Probes first.**  The sides at both ends of the group's values (the lowest and the highest
  positions, a few of them, from at least two articles at each end) are the likeliest partners of
  every other side: a side far from both ends agrees with little.  Each side is tested against the
  probes at the end further from it first, and most sides are settled by their first test.
- **An exact scan otherwise.**  A side that no probe disagrees with is tested against every other
  side, stopping at the first partner, so the answer is always that of the pairwise loop (for any
  symmetric ``pair`` predicate); the scan is needed only for sides close to both ends of their
  group, or whose far sides are all excluded (one article, an update).
- **Order where it shows.**  The pairwise loop met sides in the order ``i`` (when it has a partner
  after it), then each partner ``j > i``; sides that share a label are merged into one side in that
  order, so for them alone the first ``i`` is looked for (:func:`_first_meeting`).

Cost: ``O(n log n)`` for the sort and ``O(n)`` tests when the ends disagree with the rest (a key's
values spread over a range wider than the tolerance, the usual case), ``O(n)`` per side that needs
the scan.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Hashable, Iterable, Sequence
from fractions import Fraction
from itertools import chain

__all__ = ["PROBES", "involved", "near_pairs"]

PROBES = 4  # sides probed at each end of a group's values (more when they are all from one article)

Pair = Callable[[int, int], bool]
Spans = tuple[Sequence, Sequence, Sequence]  # lows, highs, reaches (numbers; None bounds as -inf, inf)


def involved(n: int, pair: Pair, positions: Sequence[float | None], articles: Sequence[Hashable],
             labels: Sequence[str], *, apart: bool = False, spans: Spans | None = None) -> list[int]:
    """Indices of the sides (``0 .. n-1``) that ``pair`` (symmetric) relates to at least one other,
    in an order that keeps sides with one label in the order the pairwise loop met them.

    ``positions[i]`` is side i's place on the number line (None: unknown, probed first),
    ``articles[i]`` its article when all its items are from one (None otherwise), ``labels[i]``
    its label.  ``apart``: ``pair`` never relates two sides of one article (the scan then skips
    them: one long article's many values cost nothing).  ``spans``: (lows, highs, reaches), where
    ``pair(i, j)`` can hold only if ``highs[j] > lows[i] + reaches[i]`` or ``lows[j] < highs[i] -
    reaches[i]`` (side j reaches out of side i's tolerance): the scan then reads only such sides,
    and a group whose values all lie within each other's tolerance costs a bisection a side."""
    if n < 2:
        return []
    low, high = _probes(positions, articles)
    lo_first = _lower_half(positions)
    others = _others(articles) if apart else None
    outside = _outside(*spans) if spans is not None else None
    found = []
    for i in range(n):
        order = (high + low) if lo_first[i] else (low + high)
        if any(j != i and pair(i, j) for j in order) or any(pair(i, j) for j in _rest(i, n, others, outside) if j != i):
            found.append(i)
    return _met_order(found, pair, labels)


def _rest(i: int, n: int, others, outside) -> Iterable[int]:
    """The sides the exact scan for side i reads: the fewer of those of other articles and those
    out of i's tolerance (either holds every side ``pair`` can relate to i)."""
    best: tuple[int, Callable[[], Iterable[int]]] = (n, lambda: range(n))
    for pick in (others, outside):
        if pick is not None:
            count, sides = pick(i)
            if count < best[0]:
                best = (count, sides)
    return best[1]()


def _outside(lows: Sequence, highs: Sequence, reaches: Sequence) -> Callable:
    """For side i: (how many, the sides) whose span reaches out of i's tolerance, by bisection over
    the sides sorted by their highest and by their lowest point."""
    by_high = sorted(range(len(highs)), key=lambda k: highs[k])
    high_values = [highs[k] for k in by_high]
    by_low = sorted(range(len(lows)), key=lambda k: lows[k])
    low_values = [lows[k] for k in by_low]

    def outside(i: int) -> tuple[int, Callable[[], Iterable[int]]]:
        above = bisect_right(high_values, lows[i] + reaches[i])  # by_high[above:] reach above
        below = bisect_left(low_values, highs[i] - reaches[i])  # by_low[:below] reach below
        return (len(by_high) - above) + below, lambda: chain(by_high[above:], by_low[:below])

    return outside


def _others(articles: Sequence[Hashable]) -> Callable:
    """For side i, every side not of i's article (all of them when i's article is None), ascending
    within each article's block: sides grouped by article, i's own block left out."""
    grouped = sorted(range(len(articles)), key=lambda k: (articles[k] is not None, str(articles[k]), k))
    block: dict[Hashable, tuple[int, int]] = {}
    for at, k in enumerate(grouped):
        if articles[k] is not None:
            lo, _ = block.get(articles[k], (at, at))
            block[articles[k]] = (lo, at + 1)

    def others(i: int) -> tuple[int, Callable[[], Iterable[int]]]:
        if articles[i] is None:
            return len(grouped), lambda: grouped
        lo, hi = block[articles[i]]
        return len(grouped) - (hi - lo), lambda: chain(grouped[:lo], grouped[hi:])

    return others


def _probes(positions: Sequence[float | None], articles: Sequence[Hashable]) -> tuple[list[int], list[int]]:
    """The sides at the low end and at the high end of the values (unplaced sides at both)."""
    unplaced = [i for i, p in enumerate(positions) if p is None]
    placed = sorted((i for i, p in enumerate(positions) if p is not None), key=lambda i: (positions[i], i))
    return unplaced + _end(placed, articles), unplaced + _end(placed[::-1], articles)


def _end(ordered: list[int], articles: Sequence[Hashable]) -> list[int]:
    """The first ``PROBES`` sides of ``ordered``, extended until two articles (or a side of
    several articles) are among them."""
    out: list[int] = []
    seen: set[Hashable] = set()
    for i in ordered:
        if len(out) >= PROBES and (len(seen) > 1 or None in seen):
            break
        if len(out) < PROBES or articles[i] not in seen:
            out.append(i)
            seen.add(articles[i])
    return out


def _lower_half(positions: Sequence[float | None]) -> list[bool]:
    """Per side: its value is in the lower half of the group's (so the high end is further)."""
    placed = sorted(p for p in positions if p is not None)
    if not placed:
        return [False] * len(positions)
    middle = placed[len(placed) // 2]
    return [p is not None and p < middle for p in positions]


def _met_order(found: list[int], pair: Pair, labels: Sequence[str]) -> list[int]:
    """``found`` (ascending) ordered so that sides sharing a label come in the pairwise loop's order."""
    count: dict[str, int] = {}
    for i in found:
        count[labels[i]] = count.get(labels[i], 0) + 1
    if all(c == 1 for c in count.values()):
        return found
    return sorted(found, key=lambda k: _first_meeting(k, pair) if count[labels[k]] > 1 else (k, 0, k))


def _first_meeting(k: int, pair: Pair) -> tuple[int, int, int]:
    """When the pairwise loop first emits side ``k``: at the first ``i < k`` related to it (as a
    partner, after ``i`` itself), else at ``k`` itself (as the first of its pairs)."""
    for i in range(k):
        if pair(i, k):
            return (i, 1, k)
    return (k, 0, k)


def near_pairs(values: Sequence[Fraction | None], reach: Sequence[Fraction]) -> list[tuple[int, int]]:
    """Every pair ``(i, j)``, ``i < j``, whose values are at most ``reach[i]`` or ``reach[j]``
    apart (sides without a value are in none), in ascending order: a sweep over the sorted values,
    each side looking only inside its own reach, so the cost is ``O(n log n)`` and the pairs found."""
    placed = sorted((v, i) for i, v in enumerate(values) if v is not None)
    keys = [v for v, _ in placed]
    found: set[tuple[int, int]] = set()
    for v, i in placed:
        r = reach[i]
        for _, j in placed[bisect_left(keys, v - r):bisect_right(keys, v + r)]:
            if j != i:
                found.add((min(i, j), max(i, j)))
    return sorted(found)
