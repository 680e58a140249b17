"""Two outlets name different people for one role: "fire chief Ana Ruiz" in one, "fire chief Marta
Olsen" in the other.

Built to stay quiet on the many people a story names.  A role is compared only when it is one
person's at a time (its head noun is in the names lexicon's ``single_holder``: chief, mayor,
minister ...) and words qualify it ("fire chief", "harbour police chief": a bare "President"
or "minister" can be any of several), with no word that makes it shared or past ("former",
"deputy": ``shared_role_words``).  Extraction records such qualified roles with each person.  A
role is a finding when every article that gives it gives it to one person, two outlets give it to
people whose surnames cannot be one name (:func:`checker.extractor.names.same_name`; that is a
spelling finding), no article names both people, and no outlet gives the role to both.

flags:
    A: "The fire chief, Ana Ruiz, said the blaze was contained."
    B: "Marta Olsen, the city's fire chief, said the blaze was contained."
    -> fire chief: "Ana Ruiz" (A) vs "Marta Olsen" (B)

passes:
    A: "fire chief Ana Ruiz said ..."   B: "fire chief Ana Ruis said ..."   (one person, misspelt)
    A: "fire chief Ana Ruiz said ... Marta Olsen, a firefighter, ..."   B: "fire chief Marta Olsen ..."
       (an article names both: two people in the story)
    A: "Health Minister Ana Ruiz ..."   B: "Former Health Minister Marta Olsen ..."   (a past holder)
    A: "President Ana Ruiz ..."   B: "President Marta Olsen ..."   (an unqualified title)
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

import jellyfish

from checker.extractor.lexicon import load_lexicon
from checker.extractor.names import fold, load_names, plain, same_name
from checker.model import Mention

from .base import Discrepancy, Selection, Side, sort_sides
from .names import name_key
from .newscope import EVERYTHING, NewScope
from .spec import Opt
from .spelling import lexicon_files

ID = "different-person"
TYPE = "attribution"
LEXICONS = ("names",)
OPTIONS = {
    "min_outlets": Opt("integer", "outlets that must give the role to each person", minimum=1),
}
DEFAULTS = {"min_outlets": 1}
PLACEHOLDERS = {"role": "the role given to different people, as extraction records it (\"fire chief\")"}


def new_scope(options: Mapping[str, Any]) -> NewScope:
    """--new: whether two people share a story is read from every article's mentions."""
    return NewScope(mentions=EVERYTHING)


def compare(sel: Selection, options: Mapping[str, Any]) -> Iterator[Discrepancy]:
    """One discrepancy per qualified single-holder role that outlets give to different people."""
    names = load_names(lexicon_files(options, "names"))
    people = [m for m in sel.mentions if m.kind == "person"]
    surnames = _surnames_by_article(people)
    for role, holders in sorted(_holders(people, names).items()):
        groups = _people(holders)
        if len(groups) < 2 or _named_together(groups, surnames):
            continue
        sides = [Side(f'"{_full_name(ms)}"', tuple(sel.mention_item(m) for m in _first_each(ms)))
                 for ms in groups.values()]
        outlets = [set(s.outlets) for s in sides]
        if any(len(o) < options["min_outlets"] for o in outlets) or _overlap(outlets):
            continue
        yield Discrepancy(f"role/{role}", sort_sides(sides), fields=(("role", role),))


def _holders(people: list[Mention], names) -> dict[str, dict[str, list[Mention]]]:
    """role -> article -> the mentions of the people it gives the role to (roles of one person at a
    time only; a role given to two people by one article is no role of one person there)."""
    out: dict[str, dict[str, list[Mention]]] = {}
    for m in people:
        for role in (m.role or "").split("; "):
            words = role.split()
            if len(words) >= 2 and _head(words, names) and not any(w in names.shared_role_words for w in words):
                out.setdefault(role, {}).setdefault(m.article, []).append(m)
    return {r: arts for r, arts in out.items()
            if all(len({fold(_surname(m)) for m in ms}) == 1 for ms in arts.values())}


def _head(words: list[str], names) -> bool:
    """A role of one holder, qualified: its head is a single-holder role and the whole phrase is
    not itself a title ("prime minister", "foreign minister" are titles, each of many countries)."""
    if words[-1] not in names.single_holder and " ".join(words[-2:]) not in names.single_holder:
        return False
    whole = [(names.roles, words), (load_lexicon().titles, words)]
    return not any((hit := table.match(ws, 0)) and hit[1] == len(ws) for table, ws in whole)


def _surname(m: Mention) -> str:
    return (m.entity or m.text).split()[-1]


def _people(holders: dict[str, list[Mention]]) -> dict[str, list[Mention]]:
    """The holders' mentions by person: surnames that may be one name are one person."""
    groups: dict[str, list[Mention]] = {}
    for ms in holders.values():
        s = _surname(ms[0])
        key = next((k for k in groups if _maybe_one(k, s)), s)
        groups.setdefault(key, []).extend(ms)
    return groups


def _maybe_one(a: str, b: str) -> bool:
    """Two surnames that may be one name misspelt (looser than the spelling rules: a finding here
    says two people, so any doubt keeps one)."""
    pa, pb = plain(a), plain(b)
    return same_name(a, b, 0.6) or jellyfish.damerau_levenshtein_distance(pa, pb) <= max(1, min(len(pa), len(pb)) // 4)


def _surnames_by_article(people: list[Mention]) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for m in people:
        out.setdefault(m.article, set()).add(name_key(_surname(m)))
    return out


def _named_together(groups: dict[str, list[Mention]], surnames: dict[str, set[str]]) -> bool:
    """True when an article names two of the people (in any role, or none)."""
    keys = [name_key(k) for k in groups]
    return any(sum(any(_maybe_one(k, s) for s in written) for k in keys) > 1 for written in surnames.values())


def _overlap(outlets: list[set[str]]) -> bool:
    return any(a & b for i, a in enumerate(outlets) for b in outlets[i + 1:])


def _full_name(mentions: list[Mention]) -> str:
    return max((m.entity or m.text for m in mentions), key=lambda n: (len(n.split()), n))


def _first_each(mentions: list[Mention]) -> list[Mention]:
    """Each article's first mention of the person."""
    first: dict[str, Mention] = {}
    for m in sorted(mentions, key=lambda m: (m.article, m.start)):
        first.setdefault(m.article, m)
    return list(first.values())
