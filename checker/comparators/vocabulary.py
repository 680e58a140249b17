"""A house style's vocabulary: the spellings a newsroom accepts and those it rejects.

A vocabulary file says ``lexicon: vocabulary`` and is given with ``--rules`` (or named by the
``vocabulary`` setting of crosscheck.yaml)::

    lexicon: vocabulary
    accept: [Ibáñez, Chaikovsky]        # the house spellings
    reject:                              # spellings never to print, with the house one to use
      Tchaikovsky: Chaikovsky
      Ibanez: Ibáñez

``reject`` may also be a list of spellings; each then takes the accepted spelling it can be a form
of (:func:`checker.extractor.names.same_name`), if any.  Entries are names as written, compared
with case folded and accents kept; a name of several words is matched by its last word, as
surnames are.  No patterns: a spelling is a spelling.

``load_vocabulary(files, accept, reject)`` -> a :class:`Vocabulary`, whose ``house(spelling)`` says
which spelling the house prints instead of a written one (None when the written one is fine).
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rapidfuzz import process
from rapidfuzz.distance import JaroWinkler

from checker.errors import Location, RuleError
from checker.extractor.names import fold, same_name
from checker.yamlio import Document, read_yaml

__all__ = ["REJECTED", "Vocabulary", "load_vocabulary", "spelling_key", "vocabulary_problems"]

#: what ``house`` answers for a rejected spelling that has no house spelling to use instead
REJECTED = ""
Problem = tuple[Location, str]


def spelling_key(name: str) -> str:
    """A name's last word as the vocabulary compares it: case folded, accents kept, no possessive."""
    words = name.split()
    word = words[-1] if words else ""
    word = unicodedata.normalize("NFC", word.replace("\u2019", "'")).casefold()
    return word[:-2] if word.endswith("'s") else word.rstrip(".'")


@dataclass(frozen=True)
class Vocabulary:
    """Accepted spellings (key -> as written) and rejected ones (key -> the house spelling, or
    :data:`REJECTED` when none is given)."""

    accepted: Mapping[str, str]
    rejected: Mapping[str, str]
    #: spelling key -> its answer, worked out once for this vocabulary
    _memo: dict[str, str | None] = field(default_factory=dict, compare=False, repr=False)

    def __bool__(self) -> bool:
        return bool(self.accepted or self.rejected)

    def accepts(self, spelling: str) -> bool:
        return spelling_key(spelling) in self.accepted

    def house(self, spelling: str) -> str | None:
        """The house spelling to print for ``spelling``: None when it is accepted or unknown to the
        vocabulary; the replacement (or :data:`REJECTED`) when rejected; the accepted spelling it
        is a form of otherwise ("Zelenskiy" when "Zelenskyy" is accepted)."""
        key = spelling_key(spelling)
        if key in self.accepted:
            return None
        if key in self.rejected:
            return self.rejected[key]
        if key not in self._memo:
            alike = _alike(key, self._keys)
            self._memo[key] = self.accepted[alike] if alike else None
        return self._memo[key]

    @property
    def _keys(self) -> tuple[str, ...]:
        return tuple(self.accepted)


def _alike(key: str, accepted: tuple[str, ...]) -> str | None:
    """The accepted key ``key`` can be a spelling of, if any (candidates scored in C first)."""
    if len(key) < 4 or not accepted:
        return None
    folded = [fold(k) for k in accepted]
    for _, _score, j in process.extract(fold(key), folded, scorer=JaroWinkler.similarity, processor=None,
                                        score_cutoff=0.88, limit=None):
        if same_name(key, accepted[j]):
            return accepted[j]
    return None


def load_vocabulary(files: Iterable[str] = (), accept: Iterable[str] = (),
                    reject: Mapping[str, Any] | Iterable[str] = ()) -> Vocabulary:
    """The vocabulary of ``files`` (``lexicon: vocabulary``, in order) with ``accept`` and
    ``reject`` (a rule's own entries) added; RuleError with every problem of the files."""
    accepted, rejected, problems = _read_files(tuple(str(f) for f in files))
    if problems:
        raise RuleError(problems)
    accepted, rejected = dict(accepted), dict(rejected)
    _add(accepted, rejected, list(accept), reject)
    return _resolved(accepted, rejected)


@functools.cache
def _read_files(files: tuple[str, ...]) -> tuple[tuple, tuple, tuple]:
    accepted: dict[str, str] = {}
    rejected: dict[str, str | None] = {}
    problems: list[Problem] = []
    for path in files:
        doc, found = read_yaml(Path(path))
        problems += found
        if doc is not None:
            problems += _read_doc(doc, accepted, rejected)
    return tuple(accepted.items()), tuple(rejected.items()), tuple(problems)


def vocabulary_problems(files: Iterable[str]) -> list[Problem]:
    """Every problem of the vocabulary ``files``, each at its ``file:line:col``."""
    return list(_read_files(tuple(str(f) for f in files))[2])


def _read_doc(doc: Document, accepted: dict, rejected: dict) -> list[Problem]:
    data = doc.data
    if not isinstance(data, dict) or data.get("lexicon") != "vocabulary":
        return [(doc.location(), "not a vocabulary (expected `lexicon: vocabulary`)")]
    problems = [(doc.location((k,), key=True), f"unknown section {k!r} in a vocabulary; sections are accept, reject")
                for k in data if k not in ("lexicon", "accept", "reject")]
    accept, reject = data.get("accept") or [], data.get("reject") or []
    if not isinstance(accept, list) or not all(_is_name(a) for a in accept):
        problems.append((doc.location(("accept",)), "accept must be a list of spellings"))
        accept = []
    if isinstance(reject, dict):
        bad = [k for k, v in reject.items() if not _is_name(k) or not (v is None or _is_name(v))]
        problems += [(doc.location(("reject", k)), f"reject: {k!r} must map to the spelling to use, or null")
                     for k in bad]
        reject = {k: v for k, v in reject.items() if k not in bad}
    elif not isinstance(reject, list) or not all(_is_name(r) for r in reject):
        problems.append((doc.location(("reject",)), "reject must be a list of spellings, or a mapping of "
                                                   "spelling -> the spelling to use"))
        reject = []
    _add(accepted, rejected, accept, reject)
    return problems


def _is_name(value: Any) -> bool:
    return isinstance(value, str) and bool(value.strip())


def _add(accepted: dict, rejected: dict, accept: list, reject: Mapping | Iterable) -> None:
    """Entries added in order: a later entry of one spelling replaces an earlier one, accepted or
    rejected."""
    for a in accept:
        rejected.pop(spelling_key(a), None)
        accepted[spelling_key(a)] = str(a).strip()
    pairs = reject.items() if isinstance(reject, Mapping) else ((r, None) for r in reject)
    for r, use in pairs:
        accepted.pop(spelling_key(r), None)
        rejected[spelling_key(r)] = str(use).strip() if use else None


def _resolved(accepted: dict[str, str], rejected: dict[str, str | None]) -> Vocabulary:
    """Rejected spellings given no replacement take the accepted one they can be a form of."""
    out = {}
    for key, use in rejected.items():
        if use is None:
            alike = _alike(key, tuple(accepted))
            use = accepted[alike] if alike else REJECTED
        out[key] = use
    return Vocabulary(dict(accepted), out)
