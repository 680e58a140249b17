"""One person is given another rank of one office by different outlets.

Mentions of people (``Mention.role``: the titles an article gives them, with the rank words
written before a title: "retired", "former", "acting", "deputy", ...; see
:mod:`checker.extractor.ranks`) are grouped by person across articles, the names clustered as
speakers are ("Gen. Ana Ruiz" = "Ana Ruiz").  For each article the person's role is read as an
office (the title words) and a rank (the rank words).  When two outlets give the person the same
office with a different rank ("retired general" vs "general", "deputy minister" vs "minister"),
that is a finding: one of them says the person holds an office they do not (or no longer) hold.
Different offices are not compared: one person often holds several ("interior minister" and
"deputy prime minister"), and "head" and "president" of one body are one office in other words.

flags:
    A: Retired General Ana Ruiz said the plan would fail.
    B: General Ana Ruiz said the plan would fail.
    -> "retired general" (A) vs "general" (B)

passes:
    A: Interior Minister Ana Ruiz spoke.   B: Deputy Prime Minister Ana Ruiz spoke.   (two offices)
    A: Gov. Ana Ruiz spoke.   B: Governor Ana Ruiz spoke.   (one office, abbreviated)
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from checker.extractor.ranks import RANKS
from checker.model import Mention

from .base import Discrepancy, Selection, Side, sort_sides
from .names import cluster_speakers, display, speaker_key
from .newscope import EVERYTHING, NewScope
from .spec import Opt

ID = "role"
TYPE = "attribution"
OPTIONS = {
    "ranks": Opt("array", "the rank words compared (of retired, former, acting, interim, deputy, vice, "
                 "assistant, outgoing, ex)", items={"enum": list(RANKS)}),
}
DEFAULTS = {"ranks": list(RANKS)}
PLACEHOLDERS = {"name": "the person, as most fully named"}

_RANKS = frozenset(RANKS)
_ABBREVIATED = {"gov": "governor", "gen": "general", "adm": "admiral", "col": "colonel", "lt": "lieutenant",
                "sen": "senator", "rep": "representative", "capt": "captain", "sgt": "sergeant",
                "prof": "professor", "pres": "president"}


def new_scope(options: Mapping[str, Any]) -> NewScope:
    """--new: a person's mentions in every article (the other outlets' roles are what is compared)."""
    return NewScope(mentions=EVERYTHING)


def _role(mentions: list[Mention], ranks: frozenset[str]) -> tuple[frozenset[str], frozenset[str]]:
    """(office words, rank words) of one article's mentions of one person (rank words not among
    ``ranks`` are left out of both)."""
    office: set[str] = set()
    rank: set[str] = set()
    for m in mentions:
        for item in (m.role or "").split("; "):
            ws = [w.rstrip(".") for w in item.split()]
            rank.update(w for w in ws if w in ranks)
            words = [_ABBREVIATED.get(w, w) for w in ws if w not in _RANKS]
            if words:
                office.add(" ".join(words))
    return frozenset(office), frozenset(rank)


def _label(office: frozenset[str], rank: frozenset[str]) -> str:
    ranks = " ".join(r for r in RANKS if r in rank)
    return " ".join(filter(None, (ranks, ", ".join(sorted(office)))))


def compare(sel: Selection, options: Mapping[str, Any]) -> Iterator[Discrepancy]:
    """One discrepancy per person given one office with different ranks by different outlets."""
    people = [m for m in sel.mentions if m.kind == "person" and m.role and speaker_key(m.entity)]
    canon = cluster_speakers(speaker_key(m.entity) for m in people)
    by_person: dict[tuple[str, ...], dict[str, list[Mention]]] = {}
    for m in people:
        by_person.setdefault(canon[speaker_key(m.entity)], {}).setdefault(m.article, []).append(m)
    for key in sorted(by_person):
        found = _person(sel, by_person[key], frozenset(options["ranks"]))
        if found is not None:
            yield found


def _person(sel: Selection, articles: dict[str, list[Mention]], ranks: frozenset[str]) -> Discrepancy | None:
    """The discrepancy when one office is given different ranks by different outlets."""
    sides: dict[tuple[frozenset[str], frozenset[str]], list[Mention]] = {}
    for mentions in articles.values():
        office, rank = _role(mentions, ranks)
        if office:
            sides.setdefault((office, rank), []).append(min(mentions, key=lambda m: m.start))
    offices: dict[frozenset[str], set[frozenset[str]]] = {}
    for office, rank in sides:
        offices.setdefault(office, set()).add(rank)
    office = next((o for o in sorted(offices, key=sorted) if len(offices[o]) > 1), None)
    if office is None:
        return None
    out = [Side(f'"{_label(o, r)}"', tuple(sel.mention_item(m) for m in ms))
           for (o, r), ms in sides.items() if o == office]
    outlets = [set(s.outlets) for s in out]
    if not any(a.isdisjoint(b) for i, a in enumerate(outlets) for b in outlets[i + 1:]):
        return None
    everyone = [m for (o, _), ms in sides.items() if o == office for m in ms]
    name = max((display(m.entity or m.text) for m in everyone), key=lambda s: (len(s), s))
    slug = "-".join(speaker_key(name) or ("unknown",))
    return Discrepancy(f"role/{slug}", sort_sides(out), None, (("name", name),))
