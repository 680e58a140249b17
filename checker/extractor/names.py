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
from pathlib import Path

import jellyfish

from checker.errors import RuleError
from checker.paths import data_dir

from .lexicon import PhraseTable, normalize_word
from .names_load import read_names

__all__ = ["NameLexicon", "fold", "given_compatible", "load_names", "plain", "same_name", "same_stem", "variant"]

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
    return "".join(c for c in _ascii(text) if c.isalnum())


def _ascii(text: str) -> str:
    """``anyascii(text)``.  Text of ASCII and accented Latin letters ("josé", "türkiye"), the only
    text most articles give, is read without anyascii (whose import alone costs more than an
    article's names): Unicode decomposes each such letter into an ASCII letter and accents, and the
    ASCII letter is what anyascii gives for it (true of every character whose decomposition without
    its accents, marks of category Mn, is ASCII: a test checks them all).  Other text, or text with
    a loose accent, goes to anyascii, imported then."""
    if text.isascii():
        return text
    letters = "".join(c for c in unicodedata.normalize("NFD", text) if unicodedata.category(c) != "Mn")
    if letters.isascii() and not any(unicodedata.category(c) == "Mn" for c in text):
        return letters
    from anyascii import anyascii

    return anyascii(text)


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


def same_stem(a: str, b: str) -> bool:
    """"russian" ~ "russia", "ukrainian" ~ "ukraine": same word or a shared stem of 4+ letters."""
    if a == b:
        return True
    n = 0
    for x, y in zip(a, b):
        if x != y:
            break
        n += 1
    return n >= 4 and n >= min(len(a), len(b)) - 3


@functools.lru_cache(maxsize=1 << 16)
def same_name(a: str, b: str, min_similarity: float = 0.8) -> bool:
    """Whether two spellings (surnames or place names) can be one name: equal once folded, or alike
    (Jaro-Winkler >= 0.9, jellyfish's, and rapidfuzz ratio >= ``min_similarity``) and alike in sound (a
    jellyfish Metaphone or NYSIIS code in common), or one a letter swap of the other.  rapidfuzz is
    imported only for a pair that gets that far (few do: its import costs more than most runs' pairs)."""
    pa, pb = plain(a), plain(b)
    if pa == pb:
        return True
    if min(len(pa), len(pb)) < 4 or _derived(pa, pb):
        return False
    fa, fb = fold(a), fold(b)
    if fa == fb:
        return True
    if jellyfish.jaro_winkler_similarity(fa, fb) < 0.9:
        return False
    if sorted(pa) == sorted(pb):
        return True  # two letters swapped
    from rapidfuzz import fuzz

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
    sources: tuple[str, ...] = ()
    #: role nouns one person holds at a time in one place or body ("chief", "mayor", "minister")
    single_holder: frozenset[str] = frozenset()
    #: words that make a role one of several or a past one ("former", "deputy", "acting")
    shared_role_words: frozenset[str] = frozenset()


def load_names(extra: tuple[str, ...] = ()) -> NameLexicon:
    """The built-in names lexicon merged with the user's ``lexicon: names`` files ``extra`` (see
    :mod:`.names_load`); RuleError with every problem of the files.  Read once a process for the
    same files."""
    return _load_names(tuple(str(p) for p in extra))


@functools.cache
def _load_names(extra: tuple[str, ...]) -> NameLexicon:
    built_in = data_dir("rules", "*.yaml") / "lexicons" / "names.yaml"
    data, problems = read_names([built_in, *map(Path, extra)])
    if problems:
        raise RuleError(problems)
    roles = list(data.roles)
    links: dict[str, set[str]] = {}
    for full, shorts in data.short_forms.items():
        group = {plain(full), *(plain(s) for s in shorts)}
        for name in group:
            links.setdefault(name, set()).update(group - {name})
    return NameLexicon(
        roles=PhraseTable.build({r: [] for r in roles}),
        role_words=frozenset(normalize_word(w) for r in roles for w in r.replace("-", " ").split()),
        dotted_titles=frozenset(t.rstrip(".") for t in data.dotted_titles),
        heads={normalize_word(w): kind for w, kind in data.heads.items()},
        short_forms={k: frozenset(v) for k, v in links.items()},
        sources=(str(built_in), *extra),
        single_holder=frozenset(data.single_holder),
        shared_role_words=frozenset(data.shared_role_words),
    )
