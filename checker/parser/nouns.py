"""Counted nouns: the head noun of a ``noun_phrase`` tree, its singular, and what a compound modifies.

"35 Ukrainian drones" counts drones, "1,000 prisoners of war" prisoners of war; "a 30-day ceasefire"
is a 30-day thing that modifies "ceasefire".
"""

from __future__ import annotations

from fractions import Fraction

from .trees import is_tree, leaves

__all__ = ["head_noun", "is_plural", "modifies", "singular"]

_IRREGULAR = {
    "men": "man", "women": "woman", "children": "child", "people": "person", "persons": "person",
    "feet": "foot", "teeth": "tooth", "mice": "mouse", "geese": "goose", "police": "police",
    "personnel": "personnel", "staff": "staff", "cattle": "cattle", "sheep": "sheep",
    "fish": "fish", "deer": "deer", "aircraft": "aircraft", "lives": "life", "wives": "wife",
    "knives": "knife", "halves": "half", "criteria": "criterion", "phenomena": "phenomenon",
    "data": "data", "media": "media", "series": "series", "species": "species", "news": "news",
    "militia": "militia", "clergy": "clergy", "crew": "crew", "buses": "bus", "viruses": "virus",
    "bonuses": "bonus", "campuses": "campus", "censuses": "census", "statuses": "status",
    "surpluses": "surplus", "gases": "gas", "lenses": "lens", "analyses": "analysis",
    "crises": "crisis", "theses": "thesis",
}
_NOT_PLURAL_ENDINGS = ("ss", "us", "is", "ous", "'s", "’s")


def singular(word: str) -> str:
    """A counted noun in its singular, lower-case form ("casualties" -> "casualty")."""
    w = word.lower().replace("’", "'")
    if w in _IRREGULAR:
        return _IRREGULAR[w]
    if w.endswith("ies") and len(w) > 4:
        return w[:-3] + "y"
    if w.endswith(("ches", "shes", "sses", "xes", "zes", "oes")):
        return w[:-2]
    if w.endswith("s") and not w.endswith(_NOT_PLURAL_ENDINGS):
        return w[:-1]
    return w


def is_plural(word: str) -> bool:
    """Whether ``word`` reads as a plural noun ("drones", "people"; not "bus", "status")."""
    w = word.lower()
    if w in _IRREGULAR:
        return True
    return len(w) > 3 and w.endswith("s") and not w.endswith(_NOT_PLURAL_ENDINGS)


def _noun_words(tree) -> list:
    """noun_phrase -> [(text, start, end, kind)] for each noun word, then the `of` complement."""
    out = []
    for kid in tree.children:
        if is_tree(kid):
            toks = list(leaves(kid))
            out.append((" ".join(t.value for t in toks), toks[0].start_pos, toks[-1].end_pos, "word"))
        else:
            out.append((kid.value, kid.start_pos, kid.end_pos, "of"))
    return out


def _head(words: list, value: Fraction) -> tuple[int, int]:
    """(index of the head noun, end offset of the counted phrase)."""
    nouns = [w for w in words if w[3] == "word"]
    head = 0
    for i, w in enumerate(nouns):
        if "'" in w[0] or "’" in w[0]:
            continue
        if (value != 1 and is_plural(w[0])) or (value == 1 and w[0][:1].islower()):
            head = i
            break
    end = nouns[head][2]
    idx = words.index(nouns[head])  # keep "of war" in "prisoners of war", "heads of state"
    if idx + 2 < len(words) and words[idx + 1][3] == "of":
        end = words[idx + 2][2]
    return head, end


def head_noun(tree, value: Fraction) -> tuple[str, int]:
    """A ``noun_phrase`` tree counted by ``value`` -> (its head noun's text, end offset of the counted
    phrase): "35 Ukrainian drones" -> ("drones", end of "drones")."""
    words = _noun_words(tree)
    head, end = _head(words, value)
    nouns = [w for w in words if w[3] == "word"]
    return nouns[head][0], end


def modifies(tree) -> str:
    """What a compound such as "30-day" modifies: the ``noun_phrase``'s words up to the first capital,
    lower-cased ("ceasefire" in "a 30-day ceasefire")."""
    words = [w for w in _noun_words(tree) if w[3] == "word"]
    kept = [words[0][0]]
    for w in words[1:]:
        if w[0][:1].isupper():
            break
        kept.append(w[0])
    return " ".join(kept).lower()

