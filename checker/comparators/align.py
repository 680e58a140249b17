"""Quote wordings compared word by word.

Texts are normalised first (case, curly and straight quote marks, dashes and other punctuation do
not count).  Two quotes of one statement may start and stop at different words, so they are
aligned as *overlapping* stretches: words one quote has before the other begins, or after the
other ends, cost nothing; inside the shared stretch a match scores +1 and a changed, missing or
extra word -1 (a word-level overlap alignment).  rapidfuzz's ``partial_ratio`` first drops pairs
that share too little to be worth aligning.  The alignment's edits give the readable difference
("possible -> potential").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

__all__ = ["Relation", "relate", "reverse_diff", "word_diff", "words"]

_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "`": "'"})
_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)*")
_PREFILTER = 40  # partial_ratio below which two texts share too little to align


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


def _align(a: tuple[str, ...], b: tuple[str, ...]) -> list[tuple[int | None, int | None]]:
    """The best overlap alignment of ``a`` and ``b`` as (index in a, index in b) pairs, None for a
    gap; ties go to the alignment with more matching words.

    A cell's value packs (score, matches) into one int, score * 4096 + matches, so that plain
    integer comparison orders by score first (quotes are far shorter than 4096 words).
    """
    n, m = len(a), len(b)
    unit = 4096
    prev = [0] * (m + 1)
    back: list[bytearray] = [bytearray(m + 1)]  # 0 free start, 1 diagonal, 2 gap in b, 3 gap in a
    last_col = [0] * (n + 1)
    for i in range(1, n + 1):
        cur = [0] * (m + 1)
        row = bytearray(m + 1)
        ai = a[i - 1]
        for j in range(1, m + 1):
            diag = prev[j - 1] + (unit + 1 if ai == b[j - 1] else -unit)
            up = prev[j] - unit
            left = cur[j - 1] - unit
            if diag >= up and diag >= left:
                cur[j], row[j] = diag, 1
            elif up >= left:
                cur[j], row[j] = up, 2
            else:
                cur[j], row[j] = left, 3
        back.append(row)
        last_col[i] = cur[m]
        prev = cur
    ends = [(prev[j], n + j, n, j) for j in range(m + 1)] + [(last_col[i], i + m, i, m) for i in range(n + 1)]
    _, _, i, j = max(ends)  # ties: the end nearest both ends
    pairs: list[tuple[int | None, int | None]] = []
    while i > 0 and j > 0:
        step = back[i][j]
        if step == 1:
            i, j = i - 1, j - 1
            pairs.append((i, j))
        elif step == 2:
            i -= 1
            pairs.append((i, None))
        else:
            j -= 1
            pairs.append((None, j))
    pairs.reverse()
    return pairs


def relate(a: tuple[str, ...], b: tuple[str, ...], floor: float = _PREFILTER) -> Relation:
    """Compare two normalised wordings (see :func:`words`).  Pairs whose rapidfuzz
    ``partial_ratio`` is below ``floor`` (0-100) are not aligned: "other" with similarity 0.
    The result does not depend on the order of the two (the diff reads from ``a`` to ``b``)."""
    if a == b:
        return Relation("same", 1.0)
    if (len(a), a) > (len(b), b):  # one order for the alignment, so that ties break alike
        r = relate(b, a, floor)
        return Relation(r.kind, r.similarity, reverse_diff(r.diff))
    short, long = (a, b) if len(a) <= len(b) else (b, a)
    if not short:
        return Relation("other", 0.0)
    if _contains(long, short):
        return Relation("contained", 1.0)
    if fuzz.partial_ratio(" ".join(short), " ".join(long), score_cutoff=floor) < floor:
        return Relation("other", 0.0)
    pairs = _align(a, b)
    matches = sum(1 for i, j in pairs if i is not None and j is not None and a[i] == b[j])
    edits = [p for p in pairs if None in p or a[p[0]] != b[p[1]]]
    if not edits:
        return Relation("overlap", 1.0) if matches >= min(3, len(short)) else Relation("other", 0.0)
    core_a = sum(1 for i, _ in pairs if i is not None)
    core_b = sum(1 for _, j in pairs if j is not None)
    return Relation("other", 2 * matches / (core_a + core_b), _pairs_diff(a, b, pairs))


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
