"""Who said it: speaker phrases reduced to comparable keys, and clustered across outlets.

"Russian President Vladimir V. Putin", "Mr. Putin" and "Putin" become the keys
``("vladimir", "putin")`` and ``("putin",)``, and one cluster: a shorter key joins a longer one when
it is the longer one's ending and that ending belongs to no other speaker ("Trump" joins
"Donald Trump" unless a "Melania Trump" is quoted too).  Rank and address words come from
the titles of rules/lexicons/facts.yaml; pronouns are no speaker at all.
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Iterable

from checker.extractor.names import fold, given_compatible, load_names

from .unionfind import UnionFind

__all__ = ["cluster_speakers", "is_named", "name_key", "speaker_key", "surname_word"]

PRONOUNS = frozenset("i we you he she it they him her them one".split())
_ARTICLES = frozenset(("the", "a", "an"))
_PUNCT = ".,;:!?\"“”‘’()[]"


@functools.cache
def titles() -> frozenset[str]:
    """Rank and address words, from the lexicon shipped with the built-in rules."""
    from checker.extractor.lexicon import load_lexicon

    return load_lexicon().title_words


def _clean(token: str) -> str:
    t = token.strip(_PUNCT.replace(".", "")).replace("’", "'")
    return t[:-2] if t.endswith("'s") else t.rstrip("'")


def _name_tokens(phrase: str) -> list[str]:
    """The tokens of a speaker phrase after its last rank word ("press secretary X Y" -> X Y)."""
    tokens = [c for c in (_clean(t) for t in phrase.split()) if c]
    while tokens and tokens[0].casefold() in _ARTICLES:
        tokens = tokens[1:]
    cut = 0
    for i, tok in enumerate(tokens[:-1]):
        if tok.casefold().rstrip(".") in titles():
            j = i + 1
            while j + 2 < len(tokens) and tokens[j] in ("of", "for"):  # "Secretary of State X"
                j += 2
            if tokens[j][:1].isupper():
                cut = j
    tokens = tokens[cut:]
    if len(tokens) > 1:  # middle initials: "Vladimir V. Putin" -> "Vladimir Putin"
        tokens = [t for j, t in enumerate(tokens) if j in (0, len(tokens) - 1) or len(t.rstrip(".")) > 1]
    return tokens


@functools.lru_cache(maxsize=65536)
def speaker_key(speaker: str | None) -> tuple[str, ...] | None:
    """The comparable form of a speaker phrase, or None for no speaker or a pronoun."""
    if not speaker:
        return None
    tokens = [t.casefold().rstrip(".") for t in _name_tokens(speaker)]
    tokens = [t for t in tokens if t]
    if not tokens or (len(tokens) == 1 and tokens[0] in PRONOUNS):
        return None
    return tuple(tokens)


def surname_word(key: tuple[str, ...] | None) -> str | None:
    """The word every speaker key of one cluster ends in, once folded (None for no key)."""
    return fold(key[-1]) if key else None


@functools.lru_cache(maxsize=65536)
def display(speaker: str) -> str:
    """A speaker phrase without its rank words, as written ("Mr. Putin" -> "Putin")."""
    return " ".join(_name_tokens(speaker)) or speaker


@functools.lru_cache(maxsize=65536)
def is_named(speaker: str | None) -> bool:
    """True for a speaker phrase that ends in a name ("Putin", "the Defense Ministry"), not a
    description ("the Russian leader", "officials")."""
    if speaker_key(speaker) is None:
        return False
    last = _name_tokens(speaker or "")[-1]
    return last[:1].isupper() and last.casefold().rstrip(".") not in titles()


def cluster_speakers(keys: Iterable[tuple[str, ...]]) -> dict[tuple[str, ...], tuple[str, ...]]:
    """Map each key to its cluster's canonical key: the longest key it is an unambiguous ending of."""
    distinct = sorted(set(keys), key=lambda k: (-len(k), k))
    longer: dict[tuple[str, ...], list[tuple[str, ...]]] = {}  # ending -> the longer keys it ends
    for k in distinct:
        for n in range(1, len(k)):
            longer.setdefault(k[-n:], []).append(k)
    out: dict[tuple[str, ...], tuple[str, ...]] = {}
    for key in distinct:
        # a longer key that itself ends no other longer key is maximal (whatever ends it, ends key)
        maximal = [k for k in longer.get(key, ()) if k not in longer]
        out[key] = out[maximal[0]] if len(maximal) == 1 else key
    return _across_spellings(_first_names(out))


def _first_names(canon: dict[tuple[str, ...], tuple[str, ...]]) -> dict[tuple[str, ...], tuple[str, ...]]:
    """A one-word key left on its own (it ends no longer key) that is the first word of exactly one
    speaker named in three words or more joins that speaker: where a name has no family name last,
    people are referred to by its first part ("Kebede" for "Kebede Tesfaye Alemu")."""
    heads = set(canon.values())
    firsts: dict[str, set[tuple[str, ...]]] = {}
    for k in heads:
        if len(k) > 2:
            firsts.setdefault(k[0], set()).add(k)
    ends = {k[-1] for k in canon if len(k) > 1}
    out = dict(canon)
    for key, head in canon.items():
        if len(key) == 1 and head == key and key[0] not in ends and len(firsts.get(key[0], ())) == 1:
            out[key] = next(iter(firsts[key[0]]))
    return out


def _across_spellings(canon: dict[tuple[str, ...], tuple[str, ...]]) -> dict[tuple[str, ...], tuple[str, ...]]:
    """Canonical keys whose surnames are two spellings of one name, equal once folded
    ("zelenskyy", "zelensky"; :func:`surname_word`), and whose given names can be one person's,
    joined under the longest of them."""

    heads = sorted(set(canon.values()), key=lambda k: (-len(k), k))
    uf = UnionFind(heads)
    for i, a in enumerate(heads):
        for b in heads[i + 1:]:
            if a[-1] != b[-1] and fold(a[-1]) == fold(b[-1]) and \
                    (len(a) == 1 or len(b) == 1 or given_compatible(a[0], b[0], load_names())):
                uf.union(a, b)
    best = {}
    for group in uf.groups():
        top = min(group, key=lambda k: (-len(k), k))
        best.update((k, top) for k in group)
    return {k: best[v] for k, v in canon.items()}


@functools.lru_cache(maxsize=65536)
def name_key(name: str, *, fold_diacritics: bool = True) -> str:
    """A surname or given name as compared: no possessive, no full stop, case folded."""
    text = _clean(name.strip()).rstrip(".").casefold()
    if fold_diacritics:
        text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return text
