"""Quote wordings compared word by word.

Texts are normalised first (case, curly and straight quote marks, dashes and other punctuation do
not count).  Two quotes of one statement may start and stop at different words, so they are
aligned as *overlapping* stretches: words one quote has before the other begins, or after the
other ends, cost nothing; inside the shared stretch a match scores +1 and a changed, missing or
extra word -1 (a word-level overlap alignment).  The similarity leaves out the longer quote's
extra words only when the shorter one is aligned whole (an excerpt); two quotes that overlap only
at an end each ("... and I agree" / "And I don't believe ...") count every word of both.  rapidfuzz's ``partial_ratio`` first drops pairs
that share too little to be worth aligning; a caller that only needs to know whether two wordings
are consistent or reach a similarity gives ``min_similarity``, and pairs that provably cannot are
not aligned at all (:func:`may_reach`).  The alignment's edits give the readable difference
("possible -> potential").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import fuzz
from rapidfuzz.distance import Indel, Levenshtein

__all__ = ["Relation", "may_overlap", "may_reach", "relate", "reverse_diff", "word_diff", "words"]

_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "`": "'"})
_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)*")
_PREFILTER = 40  # partial_ratio below which two texts share too little to align


# words() and relate() are pure, and asked the same question again and again in one evaluation:
# the comparators ask them through the run's checker.comparators.memo.Memo, which keeps the answers.

def words(text: str) -> tuple[str, ...]:
    """The words of a text, case folded, without punctuation or quote marks."""
    return tuple(_WORD.findall(text.casefold().translate(_APOSTROPHES)))


@dataclass(frozen=True, slots=True)
class Relation:
    """How two wordings relate.

    ``same``: identical after normalising; ``contained``: one is a stretch of the other (a partial
    quote); ``overlap``: they share a stretch of at least three words and differ only in where
    they start or stop; ``other``: anything else, with ``similarity`` (2 * shared words / words of
    both aligned stretches) and ``diff`` (the word edits inside the shared stretch).
    """

    kind: str
    similarity: float
    diff: str = ""

    @property
    def consistent(self) -> bool:
        return self.kind in ("same", "contained", "overlap")


def _contains(long: tuple[str, ...], short: tuple[str, ...]) -> bool:
    return f" {' '.join(short)} " in f" {' '.join(long)} "


_UNIT = 4096  # a cell's value is score * _UNIT + matches (see _align)
_MATCH = _UNIT + 1
_OFF = -(1 << 62)  # a cell no best alignment goes through


def _align(a: tuple[str, ...], b: tuple[str, ...]) -> list[tuple[int | None, int | None]]:
    """The best overlap alignment of ``a`` and ``b`` as (index in a, index in b) pairs, None for a
    gap; ties go to the alignment with more matching words.

    A cell's value packs (score, matches) into one int, score * 4096 + matches, so that plain
    integer comparison orders by score first (quotes are far shorter than 4096 words).  The
    traceback reads each step back from the values (diagonal first, then a gap in b, then a gap
    in a, when several give the cell its value).

    Only a band of cells is worked out (:func:`_band`); the result is that of the whole table
    (:func:`_align_all`), which it falls back on should the band ever miss the best alignment.
    """
    rows, floor = _band(a, b)
    found = _traceback(a, b, rows, floor)
    return found if found is not None else _traceback(a, b, _table(a, b), None)


def _align_all(a: tuple[str, ...], b: tuple[str, ...]) -> list[tuple[int | None, int | None]]:
    """:func:`_align` from the whole table (what the band is held to in the tests)."""
    return _traceback(a, b, _table(a, b), None)


def _table(a: tuple[str, ...], b: tuple[str, ...]) -> list[list[int]]:
    unit, match = _UNIT, _MATCH
    prev = [0] * (len(b) + 1)
    rows = [prev]
    for ai in a:
        cur = [0]
        append = cur.append
        left = 0
        for diag, up, bj in zip(prev, prev[1:], b):
            # the best of a gap (from above or from the left), then the diagonal: a cell's value
            # is the largest of the three whatever the order they are compared in
            gap = (up if up > left else left) - unit
            d = diag + match if ai == bj else diag - unit
            left = d if d > gap else gap
            append(left)
        rows.append(cur)
        prev = cur
    return rows


def _band(a: tuple[str, ...], b: tuple[str, ...]) -> tuple[list[list[int]], int]:
    """The table with only the cells a best alignment can go through worked out (the others
    :data:`_OFF`), and the value of one alignment (the best one is worth at least that).

    An alignment through cell (i, j) has at most min(i, j) matches before it and min(n - i, m - j)
    after, so it is worth at most _MATCH * (min(i, j) + min(n - i, m - j)); a cell where that is
    below ``floor`` is on no best alignment.  In row i that leaves the columns from
    t - n + i to i + m - t (t = floor / _MATCH, rounded up): for quotes that differ in a few words
    a third of the table.  A cell of the band may read an :data:`_OFF` neighbour and come out
    lower than in the whole table, but only a cell that is on no best alignment either: every
    cell the traceback visits, and every value it compares, is the whole table's.
    """
    n, m = len(a), len(b)
    unit, match, off = _UNIT, _MATCH, _OFF
    floor = _floor(a, b)
    t = -(-floor // match)
    prev = [0] * (m + 1)
    rows = [prev]
    for i, ai in enumerate(a, 1):
        lo = max(1, t - n + i)
        hi = min(m, i + m - t)
        cur = [off] * (m + 1)
        cur[0] = 0
        left = cur[lo - 1]
        for j in range(lo, hi + 1):
            up = prev[j]
            gap = (up if up > left else left) - unit
            diag = prev[j - 1]
            d = diag + match if ai == b[j - 1] else diag - unit
            left = d if d > gap else gap
            cur[j] = left
        rows.append(cur)
        prev = cur
    return rows, floor


def _floor(a: tuple[str, ...], b: tuple[str, ...]) -> int:
    """The value of one alignment of ``a`` and ``b``: the whole of both with fewest edits (from
    rapidfuzz, in C)."""
    edits = Levenshtein.editops(a, b)
    replaced = deleted = 0
    for op in edits:
        if op.tag == "replace":
            replaced += 1
        elif op.tag == "delete":
            deleted += 1
    return (len(a) - deleted - replaced) * _MATCH - len(edits) * _UNIT


def _traceback(a: tuple[str, ...], b: tuple[str, ...], rows: list[list[int]],
               floor: int | None) -> list[tuple[int | None, int | None]] | None:
    """The alignment read back from the table's best end; None when that is worth less than
    ``floor`` (a band that missed the best alignment: never, but then the whole table is asked)."""
    n, m = len(a), len(b)
    unit, match = _UNIT, _MATCH
    last = rows[n]
    ends = [(last[j], n + j, n, j) for j in range(m + 1)] + [(rows[i][m], i + m, i, m) for i in range(n + 1)]
    value, _, i, j = max(ends)  # ties: the end nearest both ends
    if floor is not None and value < floor:
        return None
    pairs: list[tuple[int | None, int | None]] = []
    while i > 0 and j > 0:
        value, above = rows[i][j], rows[i - 1]
        if value == above[j - 1] + (match if a[i - 1] == b[j - 1] else -unit):
            i, j = i - 1, j - 1
            pairs.append((i, j))
        elif value == above[j] - unit:
            i -= 1
            pairs.append((i, None))
        else:
            j -= 1
            pairs.append((None, j))
    pairs.reverse()
    return pairs


def may_overlap(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """False when ``a`` and ``b`` cannot be an "overlap": that needs an alignment without edits of
    at least three words, which (one not containing the other) is an end of one equal to the
    start of the other."""
    return _ends_where_starts(a, b) or _ends_where_starts(b, a)


def _ends_where_starts(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """True when a stretch of at least three words ends ``a`` and starts ``b``."""
    n, first = len(a), b[0] if b else None
    return any(a[i] == first and a[i:] == b[:n - i] for i in range(max(0, n - len(b)), n - 2))


def may_reach(a: tuple[str, ...], b: tuple[str, ...], min_similarity: float) -> bool:
    """False when no alignment of ``a`` and ``b`` can have similarity ``min_similarity`` or more.

    An alignment with K matching words whose first match is a[p] = b[q] covers, besides its K
    matches, at least min(p, q) words before it (an alignment starts at the start of a or of b)
    and, counting the stretch up to its last match and after it, at least K + min(n - p, m - q)
    words from there on, and at least 2K in all.  So its similarity is at most
    2K / (min(p, q) + K + max(K, min(n - p, m - q))), which grows with K, and K is at most the
    longest common subsequence of a[p:] and b[q:] (computed in C by rapidfuzz; first that of a and
    b, which bounds them all).
    """
    if min_similarity <= 0:
        return True
    n, m = len(a), len(b)
    common = _common(a, b)
    if common == 0:
        return False
    where: dict[str, list[int]] = {}
    for q, w in enumerate(b):
        where.setdefault(w, []).append(q)
    for p, w in enumerate(a):
        for q in where.get(w, ()):
            if _reaches(min(p, q), common, min(n - p, m - q), min_similarity):
                k = _common(a[p:], b[q:])
                if _reaches(min(p, q), k, min(n - p, m - q), min_similarity):
                    return True
    return False


def _common(a: tuple[str, ...], b: tuple[str, ...]) -> int:
    """The length of the longest common subsequence of two word sequences."""
    return (len(a) + len(b) - Indel.distance(a, b)) // 2


def _reaches(before: int, k: int, after: int, min_similarity: float) -> bool:
    return before + k + max(k, after) <= 2 * k / min_similarity + 1e-9


def relate(a: tuple[str, ...], b: tuple[str, ...], floor: float = _PREFILTER,
           min_similarity: float | None = None) -> Relation:
    """Compare two normalised wordings (see :func:`words`).  Pairs whose rapidfuzz
    ``partial_ratio`` is below ``floor`` (0-100) are not aligned: "other" with similarity 0.
    With ``min_similarity``, so are pairs that can be neither consistent nor that similar
    (:func:`may_overlap`, :func:`may_reach`): the similarity is then exact only from
    ``min_similarity`` up, which is all such a caller asks.
    The result does not depend on the order of the two (the diff reads from ``a`` to ``b``)."""
    if a == b:
        return Relation("same", 1.0)
    if (len(a), a) > (len(b), b):  # one order for the alignment, so that ties break alike
        r = relate(b, a, floor, min_similarity)
        return Relation(r.kind, r.similarity, reverse_diff(r.diff))
    short, long = (a, b) if len(a) <= len(b) else (b, a)
    if not short:
        return Relation("other", 0.0)
    if _contains(long, short):
        return Relation("contained", 1.0)
    if min_similarity is not None and not may_overlap(a, b) and not may_reach(a, b, min_similarity):
        return Relation("other", 0.0)
    if fuzz.partial_ratio(" ".join(short), " ".join(long), score_cutoff=floor) < floor:
        return Relation("other", 0.0)
    pairs = _align(a, b)
    matches = sum(1 for i, j in pairs if i is not None and j is not None and a[i] == b[j])
    edits = [p for p in pairs if None in p or a[p[0]] != b[p[1]]]
    if not edits:
        return Relation("overlap", 1.0) if matches >= min(3, len(short)) else Relation("other", 0.0)
    ia = [i for i, _ in pairs if i is not None]
    jb = [j for _, j in pairs if j is not None]
    if _whole(ia, len(a)) or _whole(jb, len(b)):
        size = len(ia) + len(jb)  # one is an excerpt of the other: the other's extra words are free
    else:
        size = len(a) + len(b)  # they overlap at an end each: the words past it count against them
    return Relation("other", 2 * matches / size, _pairs_diff(a, b, pairs))


def _whole(indices: list[int], n: int) -> bool:
    """True when aligned ``indices`` (in order) run from the first word to the last of ``n``."""
    return bool(indices) and indices[0] == 0 and indices[-1] == n - 1


def _pairs_diff(a: tuple[str, ...], b: tuple[str, ...], pairs) -> str:
    """The edits of an alignment, a run of changed words at a time: "very -> quite"."""
    out, old, new = [], [], []
    for i, j in [*pairs, (None, None)]:
        same = i is not None and j is not None and a[i] == b[j]
        if same or (i is None and j is None):
            if old or new:
                out.append(_edit(old, new))
                old, new = [], []
            continue
        if i is not None:
            old.append(a[i])
        if j is not None:
            new.append(b[j])
    return "; ".join(out)


def _edit(old: list[str], new: list[str]) -> str:
    if old and new:
        return f"{' '.join(old)} -> {' '.join(new)}"
    return f"- {' '.join(old)}" if old else f"+ {' '.join(new)}"


def word_diff(a: tuple[str, ...], b: tuple[str, ...]) -> str:
    """The word-level edits that turn all of ``a`` into all of ``b``: "useful -> meaningful"."""
    out = []
    for op in Levenshtein.opcodes(list(a), list(b)):
        if op.tag != "equal":
            out.append(_edit(list(a[op.src_start:op.src_end]), list(b[op.dest_start:op.dest_end])))
    return "; ".join(out)


def reverse_diff(diff: str) -> str:
    """The same edits the other way round: "a -> b; - c" becomes "b -> a; + c"."""
    out = []
    for edit in diff.split("; ") if diff else []:
        if " -> " in edit:
            old, new = edit.split(" -> ", 1)
            out.append(f"{new} -> {old}")
        elif edit.startswith("- "):
            out.append("+ " + edit[2:])
        elif edit.startswith("+ "):
            out.append("- " + edit[2:])
    return "; ".join(out)
