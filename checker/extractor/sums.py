"""Sub-types summed: "12 cars and two lorries" is also a count of 14 vehicles, so that it
compares with another outlet's "some 30 vehicles".  The lexicon's ``kinds_of`` says which counted
nouns are kinds of which ("car", "truck" -> vehicle).

In: one article's facts in text order, its text, ``kinds_of`` (kind -> whole).  Out: the summed
facts (the parts stay facts of their own).
"""

from __future__ import annotations

import hashlib
from dataclasses import replace

from checker.model import Fact

__all__ = ["summed"]

_JOINERS = frozenset({"and", "plus", ",", ", and"})


def _whole(f: Fact, kinds_of: dict[str, str]) -> str | None:
    q = f.quantity
    if not q.is_count or q.value is None or q.qualifier not in ("exact", "approximate"):
        return None
    return kinds_of.get(f.subject or "")


def summed(facts: list[Fact], text: str, kinds_of: dict[str, str]) -> list[Fact]:
    """A fact for each run of counts of kinds of one whole joined by "and" in one sentence, with
    the same measure: key "<whole>.<measure>", the value their sum, the span from first to last."""
    out: list[Fact] = []
    i = 0
    while i < len(facts):
        whole = _whole(facts[i], kinds_of)
        j = i
        while (whole and j + 1 < len(facts) and _whole(facts[j + 1], kinds_of) == whole
               and facts[j + 1].measure == facts[i].measure and facts[j + 1].sentence == facts[i].sentence
               and text[facts[j].quantity.end:facts[j + 1].quantity.start].strip() in _JOINERS):
            j += 1
        if j > i:
            out.append(_sum(facts[i:j + 1], whole, text))
        i = j + 1
    return out


def _sum(parts: list[Fact], whole: str, text: str) -> Fact:
    first, last = parts[0], parts[-1]
    total = sum(p.quantity.value for p in parts)
    qualifier = "exact" if all(p.quantity.qualifier == "exact" for p in parts) else "approximate"
    q = replace(first.quantity, text=text[first.quantity.start:last.quantity.end], end=last.quantity.end,
                value=total, low=total, high=total, low_inclusive=True, high_inclusive=True,
                qualifier=qualifier, noun=whole)
    measure = first.measure or "count"
    fid = hashlib.blake2b(f"{first.id}\x1fsum\x1f{last.id}".encode(), digest_size=8).hexdigest()
    return replace(first, id=fid, key=f"{whole}.{measure}", quantity=q, subject=whole)
