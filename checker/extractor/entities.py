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

from .lexicon import Lexicon
from .names import NameLexicon, load_names
from .sentences import Word

__all__ = ["Clues", "apposition", "head_kind", "not_a_person", "said_before", "weak_name"]

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

    @classmethod
    def of(cls, ws: list[Word], lexicon: Lexicon) -> Clues:
        lower = frozenset(w.norm for w in ws if w.kind == "word" and w.text[:1].islower())
        return cls(lexicon, load_names(), lower)

    def role_at(self, norms: list[str], i: int) -> int:
        """The length of a title or role noun starting at word ``i`` (0 when none)."""
        if norms[i] in self.names.dotted_titles and i + 1 < len(norms) and norms[i + 1] == ".":
            return 2  # "Gov." "Maj." "Adm."
        hit = self.lexicon.titles.match(norms, i) or self.names.roles.match(norms, i)
        return hit[1] if hit else 0

    def role_ending(self, norms: list[str], end: int) -> str | None:
        """A title or role noun that ends right before word ``end`` ("fire chief", "coach")."""
        for k in range(max(0, end - 3), end):
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
