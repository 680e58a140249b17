"""One name is written differently across outlets: a person's surname or given name, or the name
of a place, river, school, organisation ...

Everything is learnt from the articles themselves; there is no list of names.  Mentions are
clustered by surname (the last word of a name): two spellings are one name when
:func:`checker.extractor.names.same_name` says they can be (equal once folded for scripts,
diacritics and romanisation; or alike in letters and in sound), they name the same kind of thing
(a person, or anything else), no article writes both with different given names, and the given
names written with them can be one person's.  With ``check: surname`` a cluster written more than
one way is a finding, of the variant class of its spellings (``variants``: "diacritic",
"transliteration" or "misspelling", the worst pair counting).  With ``check: given_name``, two
given names of one person's surname are a finding when they cannot be one person's (not an
initial, a shortened or a known short form: Bill/William), no article writes both, and they look or
sound alike (a cognate such as Vladimir/Volodymyr counts) or the outlets give both the same role.

flags:
    A: "President Volodymyr Zelenskyy said..."   B: "President Volodymyr Zelensky said..."
    -> (surname, transliteration) "Zelenskyy" (A) vs "Zelensky" (B)
    A: "Volodymyr Zelenskyy ..."   B: "Vladimir Zelensky ..."
    -> (given_name) "Vladimir" (B) vs "Volodymyr" (A)

passes:
    A: "Donald Trump"   B: "Melania Trump"   (given names unalike, no shared role: two people)
    A: "Boris Johnson and Mark Johnston met."   (both spellings, different given names, one article)
    A: "Ada Kellerman"   B: "Marc Kellermann"   (surnames alike, given names not one person's)
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

import jellyfish
from rapidfuzz import process
from rapidfuzz.distance import JaroWinkler

from checker.extractor.names import fold, given_compatible, load_names, same_name, variant
from checker.model import Mention

from .base import Discrepancy, Item, Selection, Side, most_common_text, outlets_of, sort_sides
from .names import name_key
from .newscope import NewScope, thinned
from .spec import Opt
from .unionfind import UnionFind

ID = "spelling"
TYPE = "spelling"
OPTIONS = {
    "check": Opt("string", "what is compared: the surname's spelling, or the given name used with it",
                 enum=("surname", "given_name")),
    "min_similarity": Opt("number", "surname similarity (0-1) from which two spellings are one name",
                          minimum=0, maximum=1),
    "min_length": Opt("integer", "shortest surname (in letters) compared", minimum=1),
    "min_agreeing": Opt("integer", "outlets that must agree on another given name", minimum=1),
    "given_min_similarity": Opt("number", "how alike (0-1) two given names must be for one to be a "
                                "wrong form of the other", minimum=0, maximum=1),
    "fold_diacritics": Opt("boolean", "treat letters with and without accents as the same"),
    "variants": Opt("array", "(surname) the kinds of spelling difference reported",
                    items={"enum": ["diacritic", "transliteration", "misspelling"]}),
}
DEFAULTS = {"check": "surname", "min_similarity": 0.8, "min_length": 4, "min_agreeing": 1,
            "given_min_similarity": 0.8, "fold_diacritics": False,
            "variants": ["diacritic", "transliteration", "misspelling"]}
_WORST = ("misspelling", "transliteration", "diacritic")
# How the work scales (docs/rules.md, "What comparison costs"): mentions are grouped by spelling
# first, so the pairwise work is over distinct spellings, not mentions; a spelling is scored (in C,
# rapidfuzz) only against spellings whose length allows the similarity at all, and the "two
# people" test looks a spelling's given names up by article.

PLACEHOLDERS = {
    "name": "the surname as most outlets write it",
    "wrong": "(given_name) the given name(s) flagged, as written",
    "agreed": "(given_name) the given name(s) the other outlets agree on",
    "variant": "(surname) how the spellings differ: diacritic, transliteration or misspelling",
    "what": "what is named: a person, or a river, place, school, organisation ...",
}


def without_repeats(mentions: tuple[Mention, ...]) -> tuple[Mention, ...]:
    """An article's name mentions less repeats of a name as written (text, surname and given name):
    of those this kind reads the first by place (an article's side shows its first mention of a
    spelling or given name) and the last in order (a finding names the given name of the last
    mention); clusters, given names by article and outlets are sets.  Order is kept."""
    first: dict[tuple, int] = {}
    last: dict[tuple, int] = {}
    for i, m in enumerate(mentions):
        k = (m.article, m.text, m.surname, m.given)
        j = first.get(k)
        if j is None or m.start < mentions[j].start:
            first[k] = i
        last[k] = i
    if len(last) == len(mentions):
        return mentions
    keep = set(first.values()) | set(last.values())
    return tuple(m for i, m in enumerate(mentions) if i in keep)


_NAMES = thinned(without_repeats)


def new_scope(options: Mapping[str, Any]) -> NewScope:
    """--new: mentions are linked transitively (a new spelling may reach another through a third),
    so every article's mentions, less its repeats of a name (:func:`without_repeats`)."""
    return NewScope(mentions=_NAMES)


def compare(sel: Selection, options: Mapping[str, Any]) -> Iterator[Discrepancy]:
    """One discrepancy per name cluster written several ways (or with a wrong given name)."""
    for cluster in surname_clusters(sel.mentions, options):
        name = most_common_text(s for _, s in dict.fromkeys((m.article, _surname(m)) for m in cluster))
        key = f"name/{name_key(name)}"
        what = cluster[0].kind if cluster[0].kind != "name" else "name"
        if options["check"] == "surname":
            spellings = {_skey(m, options) for m in cluster}
            kind = _variant_of(spellings, name_key(name, fold_diacritics=options["fold_diacritics"]))
            if len(spellings) > 1 and kind in options["variants"]:
                yield Discrepancy(key, _sides(sel, cluster, lambda m: _skey(m, options), _surname, _surname_item),
                                  fields=(("name", name), ("wrong", ""), ("agreed", ""),
                                          ("variant", kind), ("what", what)))
        elif what == "person":
            found = _given_sides(sel, cluster, options)
            if found:
                sides, wrong = found
                written = {_given(m): m.given.split()[0] for m in cluster if _given(m)}
                fields = (("name", name), ("wrong", ", ".join(written[g] for g in sorted(wrong))),
                          ("agreed", ", ".join(dict.fromkeys(written[g] for _, g in sorted(wrong.items())))),
                          ("variant", ""), ("what", what))
                yield Discrepancy(key, sides, fields=fields)


def _variant_of(spellings: set[str], common: str) -> str | None:
    """The worst variant class between the most common spelling and each other one."""
    found = {variant(s, common) for s in spellings if s != common}
    return next((v for v in _WORST if v in found), None)


def _surname(m: Mention) -> str:
    text = m.surname.strip().replace("’", "'")
    return text[:-2] if text.endswith("'s") else text.rstrip("'")


def _skey(m: Mention, options) -> str:
    return name_key(m.surname, fold_diacritics=options["fold_diacritics"])


def _given(m: Mention) -> str | None:
    """The first given name as compared, or None (no given name, or an initial)."""
    if not m.given or not m.given.split():
        return None
    g = name_key(m.given.split()[0])
    return g if len(g) > 1 else None


def _compatible(a: str, b: str) -> bool:
    return given_compatible(a, b, load_names())


def _group(m: Mention) -> str:
    return "person" if m.kind == "person" else "thing"


def surname_clusters(mentions: tuple[Mention, ...], options) -> list[list[Mention]]:
    """Mentions grouped into one cluster per name (a person's surname, or a place's name)."""
    by_spelling: dict[tuple[str, str], list[Mention]] = {}
    for m in mentions:
        s = _skey(m, options)
        if len(s) >= options["min_length"]:
            by_spelling.setdefault((_group(m), s), []).append(m)
    spellings = sorted(by_spelling)
    uf = UnionFind(spellings)
    given = {s: _given_by_article(ms) for s, ms in by_spelling.items()}
    bare = {s for s, ms in by_spelling.items() if all(m.kind == "name" for m in ms)}
    for a, b in _similar_spellings(spellings):
        # a bare proper noun ("Norwegian", "Norway") is one name with another only when equal once folded
        least = 1.0 if a in bare or b in bare else options["min_similarity"]
        if same_name(a[1], b[1], least) and not _two_people(given[a], given[b]) \
                and not _two_people(given[b], given[a]) and _one_person(given[a], given[b], options):
            uf.union(a, b)
    groups = [[m for s in g for m in by_spelling[s]] for g in uf.groups()]
    return sorted(groups, key=lambda ms: sorted(_skey(m, options) for m in ms))


def _similar_spellings(spellings: list[tuple[str, str]]) -> list[tuple[tuple[str, str], tuple[str, str]]]:
    """Pairs (a, b), a < b, of spellings of one group whose folded forms are close enough
    (Jaro-Winkler >= 0.88, scored in C) for :func:`same_name` to be asked."""
    out = []
    by_group: dict[str, list[tuple[str, str]]] = {}
    for s in spellings:
        by_group.setdefault(s[0], []).append(s)
    for members in by_group.values():
        folded = [fold(s[1]) for s in members]
        for i, f in enumerate(folded):
            for _, _score, j in process.extract(f, folded, scorer=JaroWinkler.similarity, processor=None,
                                                score_cutoff=0.88, limit=None):
                if i < j:
                    out.append((members[i], members[j]))
    return sorted(out)


def _one_person(a: dict[str, set[str]], b: dict[str, set[str]], options) -> bool:
    """False when both spellings come with given names and none of one's can be the other's or a
    wrong form of it ("Jude Bellingham" and "Mark Bullingham" are two people)."""
    ga = set().union(*a.values()) if a else set()
    gb = set().union(*b.values()) if b else set()
    return not ga or not gb or any(_compatible(x, y) or _alike(x, y, options) for x in ga for y in gb)


def _given_by_article(mentions: list[Mention]) -> dict[str, set[str]]:
    """The given names (as compared) each article writes with one spelling."""
    out: dict[str, set[str]] = {}
    for m in mentions:
        g = _given(m)
        if g:
            out.setdefault(m.article, set()).add(g)
    return out


def _two_people(a: dict[str, set[str]], b: dict[str, set[str]]) -> bool:
    """True when one article writes both spellings with different given names."""
    for article, given_b in b.items():
        for g in given_b:
            if any(not _compatible(g, ga) for ga in a.get(article, ())):
                return True
    return False


def _surname_item(sel: Selection, m: Mention) -> Item:
    """The item of a mention's last word only ("Doukas" of "Eleni Doukas"): a surname
    finding is about that word."""
    n = len(m.surname)
    if m.text.endswith(m.surname) and n < len(m.text):
        return Item(sel.articles[m.article], m.end - n, m.end, m.surname)
    return sel.mention_item(m)


def _sides(sel: Selection, mentions: list[Mention], key, label, item=None) -> tuple[Side, ...]:
    """One side per value of ``key``, holding each article's first and last mention of it (the two
    :func:`without_repeats` keeps)."""
    ends: dict[str, dict[str, list[Mention]]] = {}
    for m in sorted(mentions, key=lambda m: (m.article, m.start)):
        pair = ends.setdefault(key(m), {}).setdefault(m.article, [m])
        pair[1:] = [m] if m is not pair[0] else []
    groups = {k: [m for pair in arts.values() for m in pair] for k, arts in ends.items()}
    item = item or (lambda sel, m: sel.mention_item(m))
    sides = [Side(f'"{most_common_text(label(m) for m in ms)}"', tuple(item(sel, m) for m in ms))
             for ms in groups.values()]
    return sort_sides(sides)


def _given_sides(sel: Selection, cluster: list[Mention], options):
    """The sides of a cluster with a wrong given name, and {wrong given name: agreed one}; or None."""
    named = [m for m in cluster if _given(m)]
    by_given: dict[str, list[Mention]] = {}
    for m in named:
        by_given.setdefault(_given(m), []).append(m)
    outlets = {g: set(outlets_of([sel.mention_item(m) for m in ms])) for g, ms in by_given.items()}
    articles = {g: {m.article for m in ms} for g, ms in by_given.items()}
    roles = {g: _role_words(ms) for g, ms in by_given.items()}
    wrong: dict[str, str] = {}
    for bad in sorted(by_given):
        for good in sorted(by_given, key=lambda g: (-len(outlets[g]), g)):
            if (good != bad and not _compatible(bad, good)
                    and len(outlets[good] - outlets[bad]) >= options["min_agreeing"]
                    and (len(outlets[good]), bad) > (len(outlets[bad]), good)
                    and articles[good].isdisjoint(articles[bad])
                    and (_alike(bad, good, options) or roles[good] & roles[bad])):
                wrong[bad] = good
                break
    if not wrong:
        return None
    chosen = [m for m in named if _given(m) in wrong or _given(m) in wrong.values()]
    return _sides(sel, chosen, _given, lambda m: m.text), wrong


def _alike(a: str, b: str, options) -> bool:
    """Two given names that look (Jaro-Winkler of the folded forms) or sound (Metaphone, for names
    of five letters or more and of about one length) alike: one may be a wrong form of the other."""
    if JaroWinkler.similarity(fold(a), fold(b)) >= options["given_min_similarity"]:
        return True
    return min(len(a), len(b)) >= 5 and abs(len(a) - len(b)) <= 1 and \
        jellyfish.metaphone(a) == jellyfish.metaphone(b)


def _role_words(mentions: list[Mention]) -> set[str]:
    """The head words of the roles given with these mentions ("volunteer doctor" -> "doctor")."""
    return {r.split()[-1] for m in mentions if m.role for r in m.role.split("; ") if r.split()}
