"""Which pairs of wordings are worth aligning: candidate generation instead of all pairs.

Quote comparators relate *distinct* wordings (identical normalised words are one node, however
many outlets print them), and only pairs that can possibly relate:

- **The filter is exact.**  Two wordings can be "the same words" in any sense the comparators use
  (one contains the other, they overlap by at least three words, or their word alignment reaches a
  similarity ``s``) only if they share a run of consecutive words.  :func:`run_length` gives the
  shortest such run for ``s`` (at most 3): an alignment with ``M`` matching words and ``X`` edit
  units has similarity ``2M / (2M + X)``, and its matches fall into at most ``X + 1`` runs, so some
  run is at least ``ceil(M / (X + 1))`` long.  Pairs that share no word sequence of that length
  (or, for a shorter wording, the whole wording) are never aligned.
- **Small blocks** (at most :data:`SMALL_BLOCK` distinct wordings) test that condition on every
  pair, with a set intersection in C: every pair that can relate is aligned, so the result is
  exactly that of comparing all pairs.
- **Larger blocks** use an inverted index from runs of :data:`INDEX_RUN` words (or more, when the
  similarity asks for longer runs; a shorter wording is looked up whole) to wordings.  A run found
  in more than :data:`POSTING_CAP` wordings of the block is too common to propose pairs, and each
  wording is aligned with at most :data:`CANDIDATE_CAP` candidates, those sharing the most runs
  with it first.  Cost: at most ``D * L * POSTING_CAP`` index steps and ``D * CANDIDATE_CAP``
  alignments for ``D`` wordings of ``L`` words, linear in ``D``; the price is that a pair sharing
  no uncommon run of words can be missed (:attr:`Candidates.capped` says when the caps cut
  anything).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

__all__ = ["CANDIDATE_CAP", "INDEX_RUN", "POSTING_CAP", "SMALL_BLOCK", "Candidates", "candidates", "grams", "run_length"]

SMALL_BLOCK = 256
INDEX_RUN = 3
POSTING_CAP = 64
CANDIDATE_CAP = 32

Words = tuple[str, ...]


def run_length(min_similarity: float) -> int:
    """The shortest run of consecutive shared words (at most 3) that two wordings whose alignment
    has similarity ``>= min_similarity`` (and at least one edit) must have; 0 when any pair may
    qualify (``min_similarity <= 0``)."""
    s = float(min_similarity)
    if s <= 0:
        return 0
    if s >= 1:
        return 3
    best = 3
    # the bound ceil(M / (X + 1)) with X <= 2M(1 - s)/s only grows (towards s/(2(1-s))) with M
    # once M is large, so a few hundred values of M reach the minimum
    for m in range(1, 400):
        x = math.floor(2 * m * (1 - s) / s + 1e-9)
        if x < 1:  # no room for an edit: such a pair is identical, contained or overlapping
            continue
        best = min(best, -(-m // (x + 1)))
        if best == 1:
            break
    return best


def grams(ws: Words, n: int) -> set[Words]:
    """The runs of ``n`` consecutive words of ``ws`` (the whole of ``ws`` when it is shorter)."""
    if n <= 0 or len(ws) <= n:
        return {ws}
    return {ws[i:i + n] for i in range(len(ws) - n + 1)}


@dataclass
class Candidates:
    """Candidate pairs of wordings (indices into the block's wordings), each once as (u, v), u < v."""

    pairs: list[tuple[int, int]]
    capped: bool = False
    _near: dict[int, set[int]] | None = field(default=None, repr=False)

    def near(self, u: int) -> set[int]:
        """The wordings paired with ``u``."""
        if self._near is None:
            self._near = {}
            for a, b in self.pairs:
                self._near.setdefault(a, set()).add(b)
                self._near.setdefault(b, set()).add(a)
        return self._near.get(u, set())


def candidates(wordings: Sequence[Words], run: int, *, small: int = SMALL_BLOCK,
               posting_cap: int = POSTING_CAP, candidate_cap: int = CANDIDATE_CAP) -> Candidates:
    """The pairs of ``wordings`` (distinct, normalised) that share a run of ``run`` consecutive
    words, or of the whole shorter one (``run`` 0: every pair); see the module docstring for the
    caps on large blocks.  Empty wordings are never paired."""
    ids = [i for i, w in enumerate(wordings) if w]
    if len(ids) <= small:
        return Candidates(_all_pairs(wordings, ids, run))
    return _indexed(wordings, ids, max(run, INDEX_RUN), posting_cap, candidate_cap)


def _all_pairs(wordings: Sequence[Words], ids: list[int], run: int) -> list[tuple[int, int]]:
    if run == 0:
        return [(a, b) for n, a in enumerate(ids) for b in ids[n + 1:]]
    full = {i: grams(wordings[i], run) for i in ids}
    out = []
    for n, a in enumerate(ids):
        wa, ga = wordings[a], full[a]
        for b in ids[n + 1:]:
            wb = wordings[b]
            k = min(run, len(wa), len(wb))
            if k == run:
                if not ga.isdisjoint(full[b]):
                    out.append((a, b))
            elif not grams(wa, k).isdisjoint(grams(wb, k)):
                out.append((a, b))
    return out


def _indexed(wordings: Sequence[Words], ids: list[int], run: int, posting_cap: int,
             candidate_cap: int) -> Candidates:
    """Pairs through an inverted index of word runs, with capped posting lists and candidates."""
    index: dict[int, dict[Words, list[int]]] = {}
    sizes = sorted({min(run, len(wordings[i])) for i in ids})
    for i in ids:
        w = wordings[i]
        for n in sizes:
            if n > len(w):
                break
            for g in grams(w, n):
                index.setdefault(n, {}).setdefault(g, []).append(i)
    capped = False
    found: dict[int, dict[int, int]] = {}
    for i in ids:
        w = wordings[i]
        n = min(run, len(w))
        shared: dict[int, int] = {}
        for g in grams(w, n):
            posting = index[n][g]
            if len(posting) > posting_cap:
                capped = True
                continue
            for j in posting:
                if j != i:
                    shared[j] = shared.get(j, 0) + 1
        if len(shared) > candidate_cap:
            capped = True
            shared = dict(sorted(shared.items(), key=lambda kv: (-kv[1], kv[0]))[:candidate_cap])
        found[i] = shared
    pairs = sorted({(min(i, j), max(i, j)) for i, shared in found.items() for j in shared})
    return Candidates(pairs, capped)
