"""Names compared as names: folding for scripts, diacritics and romanisation, and the names lexicon.

``fold(name)`` -> the name as compared across transliterations ("Tchaikovsky" and
"Chaikovskii" -> "chaikovski"); ``same_name(a, b)`` -> whether two surnames (or place names)
can be one name; ``variant(a, b)`` -> how two spellings of one name differ ("diacritic",
"transliteration" or "misspelling"); ``given_compatible(a, b)`` -> whether two given names can
belong to one person ("Bill"/"William", "Rob"/"Robert", "V."/"Viktor").  The lexicon
(rules/lexicons/names.yaml) holds role nouns, dotted titles, head nouns of places and the like, and
short forms of given names: no names of people or places.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

import jellyfish
from anyascii import anyascii
from rapidfuzz import fuzz
from rapidfuzz.distance import JaroWinkler

from checker.errors import Location, RuleError
from checker.paths import data_dir
from checker.yamlio import read_yaml

from .lexicon import PhraseTable, normalize_word

__all__ = ["NameLexicon", "fold", "given_compatible", "load_names", "plain", "same_name", "variant"]

# Romanisation pairs, applied in order to an ASCII, lower-case name: the usual ways one sound of
# Cyrillic, Arabic, Devanagari, Tigrinya ... is written in Latin letters.
_ROMAN = [("tch", "ch"), ("kh", "h"), ("gh", "g"), ("dh", "d"), ("dj", "j"), ("dzh", "j"), ("zh", "j"),
          ("ph", "f"), ("th", "t"), ("oi", "e"), ("oo", "u"), ("ou", "u"), ("ck", "k"), ("ts", "c"),
          ("tz", "c"), ("c", "k"), ("q", "k"), ("w", "v"), ("y", "i"), ("ee", "i"), ("ii", "i"),
          ("ie", "i")]
_DOUBLE = re.compile(r"(.)\1+")


@functools.lru_cache(maxsize=1 << 16)
def plain(name: str) -> str:
    """Lower case, in ASCII letters: accents dropped, other scripts transliterated (anyascii)."""
    text = unicodedata.normalize("NFKC", name).casefold()
    return "".join(c for c in anyascii(text) if c.isalnum())


@functools.lru_cache(maxsize=1 << 16)
def romanised(name: str) -> str:
    """``plain`` with the romanisation pairs folded."""
    text = plain(name)
    for a, b in _ROMAN:
        text = text.replace(a, b)
    return text


@functools.lru_cache(maxsize=1 << 16)
def fold(name: str) -> str:
    """``romanised`` with doubled letters made single."""
    return _DOUBLE.sub(r"\1", romanised(name))


def _derived(a: str, b: str) -> bool:
    """One word made from the other by an ending ("Georgia"/"Georgian", "Martin"/"Martini"),
    not by doubling a letter ("Kellerman"/"Kellermann")."""
    short, long = sorted((a, b), key=len)
    return long.startswith(short) and len(long) - len(short) <= 3 and \
        _DOUBLE.sub(r"\1", long) != _DOUBLE.sub(r"\1", short)


@functools.lru_cache(maxsize=1 << 16)
def same_name(a: str, b: str, min_similarity: float = 0.8) -> bool:
    """Whether two spellings (surnames or place names) can be one name: equal once folded, or alike
    (rapidfuzz ratio >= ``min_similarity`` and Jaro-Winkler >= 0.9) and alike in sound (a jellyfish
    Metaphone or NYSIIS code in common), or one a letter swap of the other."""
    pa, pb = plain(a), plain(b)
    if pa == pb:
        return True
    if min(len(pa), len(pb)) < 4 or _derived(pa, pb):
        return False
    fa, fb = fold(a), fold(b)
    if fa == fb:
        return True
    if JaroWinkler.similarity(fa, fb) < 0.9:
        return False
    if sorted(pa) == sorted(pb):
        return True  # two letters swapped
    if fuzz.ratio(fa, fb) < 100 * min_similarity:
        return False
    return jellyfish.metaphone(pa) == jellyfish.metaphone(pb) or jellyfish.nysiis(pa) == jellyfish.nysiis(pb)


def variant(a: str, b: str) -> str | None:
    """How two spellings of one name differ: None (only in case), "diacritic" ("Ibáñez"/"Ibanez"),
    "transliteration" ("Chaikovsky"/"Tchaikovsky") or "misspelling" ("Dupond"/"Dupont")."""
    if a.casefold() == b.casefold():
        return None
    if plain(a) == plain(b):
        return "diacritic"
    if romanised(a) == romanised(b):
        return "transliteration"
    return "misspelling"


def given_compatible(a: str, b: str, names: NameLexicon) -> bool:
    """Whether two given names can be one person's: equal (accents aside), an initial, a shortened
    form ("Rob"/"Robert", "Stasia"/"Anastasia") or a listed short form ("Bill"/"William")."""
    pa, pb = plain(a), plain(b)
    if pa == pb or not pa or not pb:
        return True
    short, long = sorted((pa, pb), key=len)
    if len(short) == 1 or long.startswith(short):
        return True
    if len(short) >= 6 and short[:-2] in long[1:]:
        return True  # the start cut off: "Stasia" for "Anastasia"
    return pb in names.short_forms.get(pa, ())


@dataclass(frozen=True)
class NameLexicon:
    """Role nouns, dotted titles, head nouns (word -> kind of named thing) and given-name short
    forms (each name -> the set of its short forms and full forms)."""

    roles: PhraseTable
    role_words: frozenset[str]
    dotted_titles: frozenset[str]
    heads: dict[str, str]
    short_forms: dict[str, frozenset[str]]


@functools.cache
def load_names() -> NameLexicon:
    """The built-in names lexicon, read once per process."""
    path = data_dir("rules", "*.yaml") / "lexicons" / "names.yaml"
    doc, problems = read_yaml(path)
    if doc is None or not isinstance(doc.data, dict):
        raise RuleError(problems or [(Location(str(path), 1, 1), "not a names lexicon")])
    data = doc.data
    roles = [str(r) for r in data.get("roles") or []]
    heads = {normalize_word(w): kind for kind, words in (data.get("heads") or {}).items() for w in words}
    links: dict[str, set[str]] = {}
    for full, shorts in (data.get("short_forms") or {}).items():
        group = {plain(str(full)), *(plain(str(s)) for s in shorts)}
        for name in group:
            links.setdefault(name, set()).update(group - {name})
    return NameLexicon(
        roles=PhraseTable.build({r: [] for r in roles}),
        role_words=frozenset(normalize_word(w) for r in roles for w in r.replace("-", " ").split()),
        dotted_titles=frozenset(str(t).lower() for t in data.get("dotted_titles") or []),
        heads=heads,
        short_forms={k: frozenset(v) for k, v in links.items()},
    )
