"""How a run of capitalised words is read: a person (by the forms a reader uses) or another named
thing (a river, village, school, organisation ...), from the words around it.

Each function takes the article's words (``ws``), their normalised forms (``norms``) and the word
range of a name, and answers one question about its context; ``Clues`` holds what is worked out
once per article (the lexicons, and the words the article also writes in lower case, which are
common words and no names).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import compress

from .lexicon import Lexicon
from .names import NameLexicon, load_names
from .sentences import Word, Words

__all__ = ["NOT_NAMES", "Clues", "apposition", "head_kind", "headline_name_word", "named_elsewhere", "not_a_person",
           "qualified_role", "said_before", "weak_name"]

#: capitalised words that start sentences and are never names
NOT_NAMES = frozenset({
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
    "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "the", "a", "an", "this", "that", "in", "on", "at", "but", "and", "he",
    "she", "it", "they", "we", "i", "you", "his", "her", "its", "their", "our", "my", "after",
    "before", "while", "when", "if", "as", "for", "with", "from", "to", "by", "speaking", "meanwhile",
    "still", "yet", "so", "there", "here", "what", "who", "why", "how", "where", "mr", "mrs", "ms",
})
_DETERMINERS = frozenset("a an the his her its their our your".split())
_CLAUSE_STOPS = frozenset("who whom whose which that said says told and or but when while".split())
_ROMAN = re.compile(r"^[IVXLCDM]+$")
_POSSESSIVE = re.compile(r"['\u2019]s?$")


@dataclass
class Clues:
    """Per-article context for reading names: the lexicons and the article's lower-case words."""

    lexicon: Lexicon
    names: NameLexicon
    lower: frozenset[str]
    #: the words a title or role noun can start with (most words are none: one set look-up)
    role_firsts: frozenset[str] = frozenset()

    @classmethod
    def of(cls, words: Words, lexicon: Lexicon) -> Clues:
        lower = frozenset(compress(words.norms, words.small))
        names = load_names(lexicon.names_files)
        return cls(lexicon, names, lower, lexicon.titles.firsts | names.roles.firsts | names.dotted_titles)

    def role_at(self, norms: list[str], i: int) -> int:
        """The length of a title or role noun starting at word ``i`` (0 when none)."""
        word = norms[i]
        if word not in self.role_firsts:
            return 0
        if word in self.names.dotted_titles and i + 1 < len(norms) and norms[i + 1] == ".":
            return 2  # "Gov." "Maj." "Adm."
        hit = self.lexicon.titles.match(norms, i) or self.names.roles.match(norms, i)
        return hit[1] if hit else 0

    def titles_in(self, norms: list[str], first: int, last: int) -> set[str]:
        """The titles and role nouns among words ``first:last`` ("Maj. Gen.", "Frenchman")."""
        out = set()
        i = first
        while i < last:
            n = self.role_at(norms, i)
            if n:
                out.add(" ".join(w for w in norms[i:i + n] if w != "."))
                i += n
            else:
                i += 1
        return out

    def role_ending(self, norms: list[str], end: int) -> str | None:
        """A title or role noun that ends right before word ``end`` ("fire chief", "coach")."""
        start = max(0, end - 3)
        if self.role_firsts.isdisjoint(norms[start:end]):
            return None  # no word there can start one (most places): one look-up for the three
        for k in range(start, end):
            if self.role_at(norms, k) == end - k:
                return " ".join(norms[k:end])
        return None


def apposition(ws: list[Word], norms: list[str], first: int, last: int, clues: Clues) -> str | None:
    """The role of a name set off by commas: "Ana Ruiz, the city's fire chief," (after) or
    "the union's president, Ana Ruiz," (before); None when there is none."""
    if first >= 2 and ws[first - 1].text == ",":
        role = clues.role_ending(norms, first - 1)
        if role:
            return role
    if last + 1 >= len(ws) or ws[last].text != ",":
        return None
    for k in range(last + 1, min(len(ws), last + 7)):
        if ws[k].kind != "word" or norms[k] in _CLAUSE_STOPS:
            return None
        n = clues.role_at(norms, k) if ws[k].text[:1].islower() else 0
        if n and (k == last + 1 or norms[last + 1] in _DETERMINERS or ws[last + 1].text.endswith(("'s", "\u2019s"))
                  or ws[last + 1].text[:1].islower()):
            while k + n < len(norms) and clues.role_at(norms, k + n):
                n += clues.role_at(norms, k + n)  # "volunteer firefighter": the role is the whole run
            return " ".join(norms[k:k + n])
    return None


def said_before(ws: list[Word], norms: list[str], first: int, clues: Clues) -> bool:
    """True when a speech verb ends right before the name ("..., said Ana Ruiz")."""
    for k in range(max(0, first - 3), first):
        hit = clues.lexicon.speech.match(norms, k)
        if hit and k + hit[1] == first:
            return True
    return False


def head_kind(norms: list[str], first: int, last: int, clues: Clues) -> tuple[str, int, int] | None:
    """What kind of named thing a run names, from a head noun after it ("the Arno river", "Lake
    Road"), or before it ("river Arno", "the village of Oakby"): (kind, first, last) of the name
    without its head; None when no head noun says."""
    heads = clues.names.heads
    if last - first > 1 and norms[last - 1] in heads:
        return heads[norms[last - 1]], first, last - 1
    if last < len(norms) and norms[last] in heads:
        return heads[norms[last]], first, last
    if first >= 1 and norms[first - 1] in heads:
        return heads[norms[first - 1]], first, last
    if first >= 2 and norms[first - 1] == "of" and norms[first - 2] in heads:
        return heads[norms[first - 2]], first, last
    return None


def weak_name(ws: list[Word], name_ws: list[Word], first: int, clues: Clues) -> bool:
    """A run that can only be a person's name: two or three capitalised words, none of which the
    article also writes in lower case or which is a role, head noun or numeral, not after "the"."""
    if not 2 <= len(name_ws) <= 3 or (first > 0 and ws[first - 1].norm in _DETERMINERS):
        return False
    for w in name_ws:
        n, text = w.norm, _POSSESSIVE.sub("", w.text)
        if not text[:1].isupper() or text.isupper() or not text.replace("-", "").isalpha() \
                or n in clues.lower or n in clues.names.heads or n in clues.names.role_words:
            return False
    return True


def not_a_person(name_ws: list[Word], clues: Clues) -> bool:
    """A name word is a head noun ("Hospital", "Ministry"), or the last is a Roman numeral ("XIV")."""
    last = name_ws[-1].text
    return any(w.norm in clues.names.heads for w in name_ws) or (len(last) > 1 and bool(_ROMAN.match(last)))


def qualified_role(ws: list[Word], norms: list[str], end: int, limit: int, clues: Clues) -> str | None:
    """The role that ends right before word ``end``, with the words that qualify it and no word
    before ``limit`` ("the city's fire chief" -> "fire chief", "Harbour Police Chief" ->
    "harbour police chief"): None unless a word qualifies a title or role noun.  The qualifiers
    run back to a word that bounds a noun phrase (a determiner, possessive, preposition, auxiliary,
    speech verb or word in -ed, punctuation, ``limit``); words of another case ("Brazil lost midfielder"), more than
    four words, or a word that says the role is shared or past ("former", "deputy":
    ``shared_role_words``) give None."""
    if not clues.role_at(norms, end - 1) and not clues.role_ending(norms, end):
        return None
    upper = ws[end - 1].text[:1].isupper()
    start = end
    while start > limit and not _bounds(ws, norms, start - 1, clues):
        # a sentence's first word, capitalised by its place alone: a common word of the article
        first_word = (start < 2 or ws[start - 2].kind != "word") and norms[start - 1] in clues.lower
        if (ws[start - 1].text[:1].isupper() != upper and not first_word) or end - start >= 4:
            return None  # no bound in sight: a verb or a name may be among the words
        start -= 1
    words = [norms[k] for k in range(start, end) if ws[k].kind == "word"]
    if len(words) < 2 or any(w in clues.names.shared_role_words for w in words):
        return None
    qualifiers = [w for w in words if not clues.role_at([w], 0)]
    return " ".join(words) if qualifiers else None


_BOUNDS = _DETERMINERS | _CLAUSE_STOPS | frozenset(
    "by of in on at for with to from as off was were is are be been being has have had will would "
    "after before during under over".split())


def _bounds(ws: list[Word], norms: list[str], k: int, clues: Clues) -> bool:
    """Whether word ``k`` bounds a noun phrase on its left: no word, a determiner, possessive,
    preposition, auxiliary, speech verb, or a word in -ed (a verb: "had replaced captain X")."""
    w = ws[k]
    return w.kind != "word" or norms[k] in _BOUNDS or bool(_POSSESSIVE.search(w.text)) \
        or (len(norms[k]) > 4 and norms[k].endswith("ed")) \
        or clues.lexicon.speech.match(norms, k) is not None


def named_elsewhere(ws: list[Word], first: int, last: int, lo: int, hi: int) -> bool:
    """Whether the article names words ``first:last`` outside the headline's run by their last word
    (the surname) outside words ``lo:hi``, and never after "the" ("the Harbour Trust" is no person)."""
    surname = ws[last - 1].norm
    seen = False
    for k, w in enumerate(ws):
        if w.norm == surname and not lo <= k < hi and w.text[:1].isupper():
            start = k - (last - first - 1) if k >= last - first - 1 else k
            if start > 0 and ws[start - 1].norm in ("the", "a", "an"):
                return False
            seen = True
    return seen


def headline_name_word(w: Word, clues: Clues) -> bool:
    """A word of a headline that can be part of a name: capitalised letters, never written in lower
    case in the article, no role, head noun or common sentence word."""
    return w.kind == "word" and w.text[:1].isupper() and _POSSESSIVE.sub("", w.text).replace("-", "").isalpha() \
        and w.norm not in clues.lower and w.norm not in NOT_NAMES and w.norm not in clues.names.role_words \
        and w.norm not in clues.names.heads
