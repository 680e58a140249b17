"""The pairing shortcuts give what testing every pair gives, and do far fewer tests.

``involved`` (numeric and internal: which sides disagree with some other side) and ``near_pairs``
(qualifier: which pairs of sides are within tolerance) against the pairwise loops they replace, on
random relations, values and labels; then the counts of comparisons for one key with N and 10 N
distinct values."""

from __future__ import annotations

from contextlib import contextmanager
from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from checker.comparators import grouping, numeric, pairing
from checker.comparators.base import Selection, merge_sides
from checker.comparators.pairing import involved, near_pairs
from checker.model import Article, Fact, Quantity


def _pairwise(n, pair):
    """The loop ``involved`` replaces: each disagreeing pair's two sides, in loop order."""
    out = []
    for i in range(n):
        for j in range(i + 1, n):
            if pair(i, j):
                out += [i, j]
    return out


def _merged_order(emitted, labels):
    """What merge_sides keeps of an emission: per label, its sides in first-met order."""
    seen, per_label = set(), {}
    for i in emitted:
        if i not in seen:
            seen.add(i)
            per_label.setdefault(labels[i], []).append(i)
    return per_label


@st.composite
def _groups(draw):
    n = draw(st.integers(0, 14))
    edges = draw(st.sets(st.tuples(st.integers(0, max(n - 1, 0)), st.integers(0, max(n - 1, 0)))))
    rel = {frozenset(e) for e in edges if e[0] != e[1]}
    positions = draw(st.lists(st.one_of(st.none(), st.floats(-100, 100)), min_size=n, max_size=n))
    articles = draw(st.lists(st.one_of(st.none(), st.sampled_from("abc")), min_size=n, max_size=n))
    labels = draw(st.lists(st.sampled_from(["x", "y", "z", "w"]), min_size=n, max_size=n))
    return n, rel, positions, articles, labels


@contextmanager
def _probes(count: int):
    saved = pairing.PROBES
    pairing.PROBES = count
    try:
        yield
    finally:
        pairing.PROBES = saved


@settings(max_examples=400, deadline=None)
@given(_groups(), st.booleans(), st.sampled_from([0, 1, pairing.PROBES]))
def test_involved_finds_the_pairwise_loops_sides_in_its_order_per_label(group, apart, probes):
    n, rel, positions, articles, labels = group

    def pair(i, j):  # with ``apart``, as numeric's: never two sides of one article
        if apart and articles[i] is not None and articles[i] == articles[j]:
            return False
        return frozenset((i, j)) in rel

    with _probes(probes):
        found = involved(n, pair, positions, articles, labels, apart=apart)
    want = _pairwise(n, pair)
    assert sorted(found) == sorted(set(want))
    assert _merged_order(found, labels) == _merged_order(want, labels)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.one_of(st.none(), st.integers(-20, 20)), st.integers(0, 6)), max_size=20))
def test_near_pairs_are_every_pair_within_either_reach_in_loop_order(rows):
    values = [None if v is None else Fraction(v, 2) for v, _ in rows]
    reach = [Fraction(r, 3) for _, r in rows]
    want = [(i, j) for i in range(len(rows)) for j in range(i + 1, len(rows))
            if values[i] is not None and values[j] is not None
            and abs(values[i] - values[j]) <= max(reach[i], reach[j])]
    assert near_pairs(values, reach) == want


def _selection(values: list[int], per_article: int = 1) -> Selection:
    articles = {f"a{k}": Article(f"a{k}", f"a{k}.txt", "", f"Outlet {k}", published="2025-05-19", story="s")
                for k in range(len(values))}
    facts = []
    for k, v in enumerate(values):
        aid = f"a{k // per_article}"
        q = Quantity(f"{v} people", k, k + 10, "exact", Fraction(v), Fraction(v), Fraction(v), True, True, None,
                     "dimensionless", noun="person")
        facts.append(Fact(f"f{k}", aid, "person.killed", q))
    return Selection("s", articles, tuple(facts))


def _counted(monkeypatch, values, per_article=1, options=None):
    """(how many interval comparisons, the findings) of the numeric kind over ``values``."""
    calls = [0]
    real = grouping.disagree

    def counting(*a, **k):
        calls[0] += 1
        return real(*a, **k)

    monkeypatch.setattr(grouping, "disagree", counting)
    found = list(numeric.compare(_selection(values, per_article), options or dict(numeric.DEFAULTS)))
    monkeypatch.setattr(grouping, "disagree", real)
    return calls[0], found


def test_one_key_with_ten_times_the_values_costs_about_ten_times_the_comparisons(monkeypatch):
    small, found_small = _counted(monkeypatch, [1000 + 3 * k for k in range(300)])
    big, found_big = _counted(monkeypatch, [1000 + 3 * k for k in range(3000)])
    assert len(found_small[0].sides) == 300 and len(found_big[0].sides) == 3000
    assert big <= 12 * small  # testing every pair would be 100 times
    assert big < 3 * 3000  # a few tests a side, not 4.5 million


def test_the_numeric_findings_are_the_pairwise_loops(monkeypatch):
    values = [5, 5, 7, 9, 120, 121, 7, 3, 3, 1000]
    sel = _selection(values, per_article=2)  # sides of one article never disagree with each other
    got = list(numeric.compare(sel, dict(numeric.DEFAULTS)))
    facts = list(sel.facts)
    sides = grouping._sides(sel, grouping._by_signature(facts, False))
    ivs = [grouping.interval(f.quantity) for f, _ in sides]
    only = [grouping._only_article(s) for _, s in sides]
    want = [sides[k][1] for k in _pairwise(len(sides), lambda i, j: (only[i] is None or only[i] != only[j])
                                            and grouping.disagree(ivs[i], ivs[j]))]
    assert [d.sides for d in got] == [merge_sides(want)]


_BOUND = st.one_of(st.none(), st.fractions(-1000, 1000))


@settings(max_examples=200, deadline=None)
@given(_BOUND, _BOUND, _BOUND, _BOUND, _BOUND, _BOUND, st.sampled_from([0, 1, 2.5]), st.sampled_from([0, 0.1, 0.5]))
def test_a_pairs_tolerance_is_the_larger_of_the_two_sides_own(l1, h1, v1, l2, h2, v2, absolute, relative):
    # what lets the qualifier's sweep look only within each side's own reach
    from checker.comparators.intervals import Interval, own_tolerance, tolerance

    a, b = Interval("count", l1, h1, True, True, v1), Interval("count", l2, h2, True, True, v2)
    assert tolerance(a, b, absolute, relative) == max(own_tolerance(a, absolute, relative),
                                                      own_tolerance(b, absolute, relative))


def test_one_article_with_many_values_is_no_pairwise_scan(monkeypatch):
    # the numeric kind compares sides of different articles only: one article's 2,000 values cost
    # a few tests each (the internal kind's business is that article)
    calls, found = _counted(monkeypatch, [1000 + 3 * k for k in range(2000)], per_article=2000)
    assert found == [] and calls < 20 * 2000


@settings(max_examples=300, deadline=None)
@given(_groups(), st.data())
def test_involved_with_spans_reads_only_sides_out_of_tolerance_and_misses_none(group, data):
    n, rel, positions, articles, labels = group
    lows = data.draw(st.lists(st.integers(-8, 8), min_size=n, max_size=n))
    highs = [lo + w for lo, w in zip(lows, data.draw(st.lists(st.integers(0, 4), min_size=n, max_size=n)))]
    reach = data.draw(st.lists(st.integers(0, 6), min_size=n, max_size=n))

    def out(i, j):
        return highs[j] > lows[i] + reach[i] or lows[j] < highs[i] - reach[i]

    # a relation that, like disagree, holds only between sides out of each other's tolerance
    related = {e for e in rel if (lambda i, j: out(i, j) and out(j, i))(*sorted(e))}

    def pair(i, j):
        return frozenset((i, j)) in related

    want = _pairwise(n, pair)
    with _probes(data.draw(st.sampled_from([0, 1, pairing.PROBES]))):  # (few probes: the scan does the work)
        found = involved(n, pair, positions, articles, labels, spans=(lows, highs, reach))
    assert sorted(found) == sorted(set(want))
    assert _merged_order(found, labels) == _merged_order(want, labels)


_IV = st.tuples(st.one_of(st.none(), st.fractions(-500, 500)), st.fractions(0, 300), st.booleans(), st.booleans(),
                st.sampled_from(["exact", "low", "high", "range"]))


def _interval(raw):
    from checker.comparators.intervals import Interval

    at, width, lo_open, hi_open, shape = raw
    at = at if at is not None else 0
    low = None if shape == "high" else at
    high = None if shape == "low" else at + (width if shape == "range" else 0)
    value = None if shape == "range" else at
    return Interval("count", low, high, not lo_open, not hi_open, value)


@settings(max_examples=500, deadline=None)
@given(_IV, _IV, st.sampled_from([0, 1, 5]), st.sampled_from([0, 0.1, 0.5]))
def test_intervals_that_disagree_lie_out_of_each_others_tolerance(a, b, absolute, relative):
    # what lets the numeric kind's scan skip sides within a side's tolerance (grouping.disagreeing)
    from checker.comparators.intervals import disagree, own_tolerance

    a, b = _interval(a), _interval(b)
    if disagree(a, b, absolute, relative):
        for x, y in ((a, b), (b, a)):
            t = own_tolerance(x, absolute, relative)
            assert grouping._highest(y) > grouping._lowest(x) + t or grouping._lowest(y) < grouping._highest(x) - t


def test_values_all_within_tolerance_are_a_few_comparisons_a_side(monkeypatch):
    # 2,000 distinct values within 5% of each other, a 10% tolerance: no side disagrees, and no side
    # is compared with every other to find that out
    calls, found = _counted(monkeypatch, [10_000 + k // 4 for k in range(2000)],
                            options={**numeric.DEFAULTS, "relative": 0.1})
    assert found == []
    assert calls < 20 * 2000


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.integers(-8, 8), st.integers(0, 4), st.integers(0, 6)), max_size=12))
def test_the_sides_out_of_tolerance_are_found_by_bisection_exactly(rows):
    lows = [lo for lo, _, _ in rows]
    highs = [lo + w for lo, w, _ in rows]
    reach = [r for _, _, r in rows]
    outside = pairing._outside(lows, highs, reach)
    for i in range(len(rows)):
        count, sides = outside(i)
        got = list(sides())
        assert len(got) == count
        assert set(got) == {j for j in range(len(rows))
                            if highs[j] > lows[i] + reach[i] or lows[j] < highs[i] - reach[i]}
