"""Time anchors: "on Sunday night into Monday morning", "overnight", "on Saturday", "last week",
"May 16, 2025" -- kept as written and, when the article's date is known, resolved to the ISO date of
the day the event ended (an overnight attack "into Monday" is Monday's)."""

from __future__ import annotations

import datetime as dt
from itertools import compress
from operator import or_
from typing import NamedTuple

from .lexicon import Lexicon
from .sentences import Sentence, Words

__all__ = ["Anchor", "find_anchors", "nearest_anchor"]

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_PARTS = {"morning", "night", "evening", "afternoon", "overnight"}
_LEAD = {"on", "late", "early", "earlier", "last", "this", "next", "by", "since", "until", "from"}
_LINK = {"into", "to", "and", "through", "-"}
_PERIODS = {"week", "month", "year", "weekend"}
_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
           "october", "november", "december")
_STARTS = frozenset({*WEEKDAYS, *_MONTHS, "overnight", "last", "this", "next", "earlier"})  # and the lexicon's days
_DATE_FORMATS = ("%B %d, %Y", "%B %d %Y", "%b %d, %Y", "%b. %d, %Y", "%d %B %Y", "%d %B, %Y", "%Y-%m-%d",
                 "%B %d", "%d %B")


class Anchor(NamedTuple):
    text: str
    first: int  # word range
    last: int
    date: str | None
    speech: bool = False  # right after a speech verb: when it was said, not when it happened


def _published(published: str | None) -> dt.date | None:
    if not published:
        return None
    try:
        return dt.date.fromisoformat(str(published)[:10])
    except ValueError:
        return None


def _weekday_date(name: str, base: dt.date | None, direction: str) -> dt.date | None:
    if base is None:
        return None
    delta = (base.weekday() - WEEKDAYS.index(name)) % 7
    if direction == "next":
        return base + dt.timedelta(days=(WEEKDAYS.index(name) - base.weekday()) % 7 or 7)
    if direction == "last" and delta == 0:
        delta = 7
    return base - dt.timedelta(days=delta)


def _parse_date(text: str, base: dt.date | None) -> str | None:
    cleaned = text.replace("Sept.", "Sep.").replace("st,", ",").replace("nd,", ",").replace("rd,", ",")
    cleaned = cleaned.replace("th,", ",")
    for fmt in _DATE_FORMATS:
        try:
            d = dt.datetime.strptime(cleaned, fmt).date()
        except ValueError:
            continue
        if "%Y" not in fmt:
            if base is None:
                return None
            d = d.replace(year=base.year)
        return d.isoformat()
    return None


def find_anchors(words: Words, sentence: Sentence, published: str | None, lexicon: Lexicon) -> list[Anchor]:
    """The time anchors of one sentence."""
    ws = words.words
    base = _published(published)
    out: list[Anchor] = []
    rel = lexicon.relative_days
    first, last = sentence.first, sentence.last
    starts = _STARTS.union(rel, lexicon.relative_pair_firsts)  # the words an anchor can start at
    i = first
    for k in compress(range(first, last), map(or_, map(starts.__contains__, words.norms[first:last]),
                                                map("other".__eq__, words.kinds[first:last]))):
        if k < i:
            continue
        i = k
        w = ws[i]
        if w.kind == "other" and any(m in w.text.lower() for m in _MONTHS + tuple(x[:3] for x in _MONTHS)):
            out.append(Anchor(w.text, i, i + 1, _parse_date(w.text, base)))
            i += 1
            continue
        if w.norm in WEEKDAYS:
            anchor, i = _weekday(words, sentence, i, base)
            out.append(anchor)
            continue
        two = f"{w.norm} {ws[i + 1].norm}" if i + 1 < sentence.last and w.norm in lexicon.relative_pair_firsts else ""
        if two in rel:
            out.append(Anchor(f"{w.text} {ws[i + 1].text}", i, i + 2, _shift(base, rel[two])))
            i += 2
            continue
        if w.norm in rel:
            out.append(Anchor(w.text, i, i + 1, _shift(base, rel[w.norm])))
        elif w.norm == "overnight":
            out.append(Anchor(w.text, i, i + 1, None))
        elif w.norm in ("last", "this", "next", "earlier") and i + 1 < sentence.last and ws[i + 1].norm in _PERIODS:
            out.append(Anchor(f"{w.text} {ws[i + 1].text}", i, i + 2, None))
            i += 2
            continue
        elif w.norm in _MONTHS and w.text[:1].isupper() and i > sentence.first and ws[i - 1].norm in ("in", "late", "early", "mid", "since"):
            out.append(Anchor(f"{ws[i - 1].text} {w.text}", i - 1, i + 1, None))
        i += 1
    _resolve_overnight(out, base)
    _mark_speech(words, out, lexicon)
    return out


def _shift(base: dt.date | None, days: int) -> str | None:
    return (base + dt.timedelta(days=days)).isoformat() if base else None


def _weekday(words: Words, s: Sentence, i: int, base: dt.date | None) -> tuple[Anchor, int]:
    ws = words.words
    first = i
    direction = ""
    if i > s.first and ws[i - 1].norm in _LEAD:
        first = i - 1
        direction = ws[i - 1].norm
    day = ws[i].norm
    j = i + 1
    if j < s.last and ws[j].norm in _PARTS:
        j += 1
    # "Sunday night into Monday morning": the event ends on the second day
    if j + 1 < s.last and ws[j].norm in _LINK and ws[j + 1].norm in WEEKDAYS:
        day = ws[j + 1].norm
        j += 2
        if j < s.last and ws[j].norm in _PARTS:
            j += 1
    date = _weekday_date(day, base, direction)
    text = words.text[ws[first].start:ws[j - 1].end]
    return Anchor(text, first, j, date.isoformat() if date else None), j


def _resolve_overnight(anchors: list[Anchor], base: dt.date | None) -> None:
    """"overnight" takes the date of a weekday said in the same sentence, else the article's date."""
    dated = [a.date for a in anchors if a.date]
    for k, a in enumerate(anchors):
        if a.text.lower() == "overnight" and a.date is None:
            date = dated[0] if dated else (base.isoformat() if base else None)
            anchors[k] = Anchor(a.text, a.first, a.last, date)


def _mark_speech(words: Words, anchors: list[Anchor], lexicon: Lexicon) -> None:
    norms = words.norms
    for k, a in enumerate(anchors):
        j = a.first - 1
        if j >= 0 and lexicon.speech.match(norms, j) is not None:
            anchors[k] = Anchor(a.text, a.first, a.last, a.date, speech=True)


def nearest_anchor(anchors: list[Anchor], first: int, last: int, clause: tuple[int, int] | None = None,
                   fronted: tuple[int, int] | None = None) -> Anchor | None:
    """The time of a claim at words [first, last): an anchor in its own clause, else one in a
    fronted adverbial of its sentence (``fronted``: "On Saturday, attacks killed 14").  Not the
    time of another clause ("the quake that struck on Tuesday has killed 225") nor the day a
    figure's own time; failing those, the day it was said ("..., officials said on Tuesday"): the
    day a figure was given, which is when a count held.  A count without any is compared with the
    other counts of its story."""
    if not anchors:
        return None
    events = [a for a in anchors if not a.speech]
    if clause is not None:
        inside = [a for a in events if clause[0] <= a.first and a.last <= clause[1]]
        if inside:
            return min(inside, key=lambda a: abs(a.first - first))
        if fronted is not None and fronted[1] <= first:
            ahead = [a for a in events if fronted[0] <= a.first and a.last <= fronted[1]]
            if ahead:
                return ahead[0]
    else:
        before = [a for a in events if a.last <= first]
        if before:
            return before[-1]
    speech = [a for a in anchors if a.speech]
    return speech[0] if speech else None
