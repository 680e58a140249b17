"""One person's name is written differently across outlets.

Everything is learnt from the articles themselves; there is no list of people.  Name mentions are
clustered by surname: two spellings of at least ``min_length`` letters whose similarity (rapidfuzz
ratio, 0-1) reaches ``min_similarity`` are one surname, unless one article writes both with
different given names (two people).  With ``check: surname`` a cluster written more than one way
is a finding.  With ``check: given_name``, a given name is flagged when at least ``min_agreeing``
other outlets agree on another given name for that surname, more outlets use that one, no article
uses both, and the two look alike (``given_min_similarity``: a mistransliteration, not a relative
who shares the surname).  Initials and shortened forms ("V.", "Rob" for "Robert") agree.

flags:
    A: "President Volodymyr Zelenskyy said..."   B: "President Volodymyr Zelensky said..."
    -> (surname) "Zelenskyy" (A) vs "Zelensky" (B)
    A, B, C: "Volodymyr Zelenskyy ..."   D: "Vladimir Zelensky ..."
    -> (given_name) "Vladimir" (D) vs "Volodymyr" (A, B, C)

passes:
    A: "Donald Trump"   B: "Melania Trump"   C: "Donald Trump"   (given names unalike: two people)
    A: "Boris Johnson and Mark Johnston met."   (both spellings, different given names, one article)
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from rapidfuzz import fuzz, process

from checker.model import Mention

from .base import Discrepancy, Selection, Side, most_common_text, outlets_of, sort_sides
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
}
DEFAULTS = {"check": "surname", "min_similarity": 0.85, "min_length": 4, "min_agreeing": 2,
            "given_min_similarity": 0.5, "fold_diacritics": True}
# How the work scales (docs/rules.md, "What comparison costs"): mentions are grouped by spelling
# first, so the pairwise work is over distinct spellings, not mentions; a spelling is scored (in C,
# rapidfuzz) only against spellings whose length allows the similarity at all, and the "two
# people" test looks a spelling's given names up by article.

PLACEHOLDERS = {
    "name": "the surname as most outlets write it",
    "wrong": "(given_name) the given name(s) flagged, as written",
    "agreed": "(given_name) the given name(s) the other outlets agree on",
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
    """One discrepancy per surname cluster written several ways (or with a wrong given name)."""
    for cluster in surname_clusters(sel.mentions, options):
        name = most_common_text(s for _, s in dict.fromkeys((m.article, _surname(m)) for m in cluster))
        key = f"name/{name_key(name)}"
        if options["check"] == "surname":
            spellings = {_skey(m, options) for m in cluster}
            if len(spellings) > 1:
                yield Discrepancy(key, _sides(sel, cluster, lambda m: _skey(m, options), _surname),
                                  fields=(("name", name), ("wrong", ""), ("agreed", "")))
        else:
            found = _given_sides(sel, cluster, options)
            if found:
                sides, wrong = found
                written = {_given(m): m.given.split()[0] for m in cluster if _given(m)}
                fields = (("name", name), ("wrong", ", ".join(written[g] for g in sorted(wrong))),
                          ("agreed", ", ".join(dict.fromkeys(written[g] for _, g in sorted(wrong.items())))))
                yield Discrepancy(key, sides, fields=fields)


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
    return a == b or a.startswith(b) or b.startswith(a)


def surname_clusters(mentions: tuple[Mention, ...], options) -> list[list[Mention]]:
    """Mentions grouped into one cluster per person's surname."""
    by_spelling: dict[str, list[Mention]] = {}
    for m in mentions:
        s = _skey(m, options)
        if len(s) >= options["min_length"]:
            by_spelling.setdefault(s, []).append(m)
    spellings = sorted(by_spelling)
    uf = UnionFind(spellings)
    cutoff = 100 * options["min_similarity"]
    given = {s: _given_by_article(ms) for s, ms in by_spelling.items()}
    for a, b in _similar_spellings(spellings, cutoff):
        if fuzz.ratio(a, b) >= cutoff and not _two_people(given[a], given[b]):
            uf.union(a, b)
    groups = [[m for s in g for m in by_spelling[s]] for g in uf.groups()]
    return sorted(groups, key=lambda ms: sorted(_skey(m, options) for m in ms))


def _similar_spellings(spellings: list[str], cutoff: float) -> list[tuple[str, str]]:
    """Pairs (a, b) of spellings whose rapidfuzz ratio may reach ``cutoff`` (0-100): scored in C,
    and only against spellings of a length that allows it (ratio <= 200 * shorter / (sum of lengths))."""
    by_length: dict[int, list[str]] = {}
    for s in spellings:
        by_length.setdefault(len(s), []).append(s)
    lengths = sorted(by_length)
    out = []
    low = max(0.0, cutoff - 1)  # a margin: every pair passed here is scored again exactly
    for n, la in enumerate(lengths):
        wider = [s for lb in lengths[n:] if 200 * la >= low * (la + lb) for s in by_length[lb]]
        for a in by_length[la]:
            for b, _score, _ in process.extract(a, wider, scorer=fuzz.ratio, processor=None,
                                                   score_cutoff=low, limit=None):
                if a < b or (len(b) > len(a)):
                    out.append((a, b) if a < b else (b, a))
    return sorted(set(out))


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


def _sides(sel: Selection, mentions: list[Mention], key, label) -> tuple[Side, ...]:
    """One side per value of ``key``, holding each article's first mention once."""
    groups: dict[str, list[Mention]] = {}
    seen: dict[str, set[str]] = {}
    for m in sorted(mentions, key=lambda m: (m.article, m.start)):
        k = key(m)
        group, arts = groups.setdefault(k, []), seen.setdefault(k, set())
        if m.article not in arts:
            arts.add(m.article)
            group.append(m)
    sides = [Side(f'"{most_common_text(label(m) for m in ms)}"', tuple(sel.mention_item(m) for m in ms))
             for ms in groups.values()]
    return sort_sides(sides)


def _given_sides(sel: Selection, cluster: list[Mention], options):
    """The sides of a cluster with a wrong given name, and {wrong given name: agreed one}; or None."""
    named = [m for m in cluster if _given(m)]
    by_given: dict[str, list[Mention]] = {}
    for m in named:
        by_given.setdefault(_given(m), []).append(m)
    items = {g: [sel.mention_item(m) for m in ms] for g, ms in by_given.items()}
    outlets = {g: set(outlets_of(its)) for g, its in items.items()}
    articles = {g: {m.article for m in ms} for g, ms in by_given.items()}
    wrong: dict[str, str] = {}
    for bad in sorted(by_given):
        for good in sorted(by_given, key=lambda g: (-len(outlets[g]), g)):
            if (good != bad and not _compatible(bad, good)
                    and len(outlets[good] - outlets[bad]) >= options["min_agreeing"]
                    and len(outlets[good]) > len(outlets[bad])
                    and articles[good].isdisjoint(articles[bad])
                    and fuzz.ratio(bad, good) >= 100 * options["given_min_similarity"]):
                wrong[bad] = good
                break
    if not wrong:
        return None
    chosen = [m for m in named if _given(m) in wrong or _given(m) in wrong.values()]
    return _sides(sel, chosen, _given, lambda m: m.text), wrong
