"""Times of day as facts: "the quake struck at 1:14 p.m. local time", "kicked off at 21:00 (20:00
BST)", "broke out around 6 p.m.", "began at 12:01 a.m. EDT".

A time of day is a fact when it follows "at" (or "around", "about", "shortly after"...) and a verb of
``time_verbs`` comes before it in its sentence: the verb's class names it (``start.time``,
``end.time``, ``occur.time``, ``release.time``).  A time in a zone of ``time_zones`` is converted to
UTC and gets the facet ``[utc]``; "local time", "<city> time" or no zone is the event's own time,
and the two are never compared (an article's "(18:14 GMT)" after a local time is its conversion, not
a second claim).  "around 6 p.m." is the half hour either side of 6 p.m.  Datelines, "Updated 10:32
GMT" and "delivered at 6 a.m." name no event and are no facts; nor are the times of an article
that gives one key two times that cannot be one ("polls opened at 7 a.m.", "the count began at
9 p.m.": two happenings the verb's class does not tell apart).

The value is minutes after midnight (unit ``minute``, kind ``clock``); the text is as written.
"""

from __future__ import annotations

import re
from fractions import Fraction

from checker.model import Quantity

from . import wordscan
from .keys import Identity

__all__ = ["clock_facts", "read_clock"]

_CLOCK = re.compile(r"^(\d{1,2})(?:[:.](\d{2}))?\s*(a\.?m\.?|p\.?m\.?)?(?:\s*([A-Za-z]{1,5}))?$", re.I)
_MIL = re.compile(r"^([01]\d|2[0-3])([0-5]\d)\s*([A-Za-z]{1,5})$")
_APPROX = frozenset({"around", "about", "approximately", "roughly", "circa", "nearly", "almost"})
_NEAR = frozenset({"shortly", "just", "soon", "sometime"})
_LOCAL = frozenset({"local"})
_VERB_WINDOW = 24
wordscan.TRIGGERS.update(dict.fromkeys(("at", "after", "before", *_APPROX), "clock"))  # words that lead a time
_HALF_HOUR = Fraction(30)
_SUMMER = range(4, 11)  # months when one of the North American zones below is an hour ahead
_DAYLIGHT = frozenset({"et", "ct", "pt", "mt", "eastern", "central", "pacific", "mountain"})


def read_clock(text: str) -> tuple[int, str | None] | None:
    """("4:57 p.m." -> (1017, None)), ("18:14 UTC" -> (1094, "utc")), ("0936 GMT" -> (576, "gmt"));
    None for what is no time of day."""
    m = _MIL.match(text.strip())
    if m:
        return int(m.group(1)) * 60 + int(m.group(2)), m.group(3).lower()
    m = _CLOCK.match(text.strip())
    if not m or (m.group(2) is None and m.group(3) is None):
        return None
    hour, minute, half = int(m.group(1)), int(m.group(2) or 0), (m.group(3) or "").lower()[:1]
    if minute > 59 or hour > 23 or (half and not 1 <= hour <= 12):
        return None
    if half:
        hour = hour % 12 + (12 if half == "p" else 0)
    return hour * 60 + minute, (m.group(4) or "").lower() or None


def _lead(ctx, i: int) -> tuple[int | None, int] | None:
    """(index of the hedge word or None, index of the first lead word) when "at", "around",
    "shortly after"... leads the time at word ``i``; None otherwise."""
    norms = ctx.norms
    p = i - 1
    if p < 0:
        return None
    if norms[p] in _APPROX:
        return p, (p - 1 if p > 0 and norms[p - 1] == "at" else p)
    if norms[p] in ("after", "before") and p > 0 and norms[p - 1] in _NEAR:
        return p - 1, p - 1
    if norms[p] == "at":
        return None, p
    return None


def _verb(ctx, lead: int) -> str | None:
    """The class of the ``time_verbs`` verb nearest before ``lead`` in its sentence."""
    s = ctx.words.sentences[ctx.words.sentence_of(lead)]
    table = ctx.lexicon.time_verbs
    for j in range(lead - 1, max(s.first, lead - _VERB_WINDOW) - 1, -1):
        if ctx.words.words[j].kind == "other":
            return None  # another time of day: its verb is its own
        hit = table.match(ctx.norms, j)
        if hit and j + hit[1] <= lead:
            return hit[0]
    return None


def _zone(ctx, i: int, written: str | None) -> tuple[str | None, int]:
    """The zone of the time at word ``i`` (None: local) and the word after the time's words."""
    zones, norms = ctx.lexicon.time_zones, ctx.norms
    end = i + 1
    if written:  # a zone not in the lexicon stays unknown: _offset gives None and the time is no fact
        return written, end
    n = len(norms)
    if end < n and norms[end] in _LOCAL:
        return None, end + 1
    if end < n and (norms[end] in zones or norms[end] in _DAYLIGHT) and ctx.words.words[end].text[:1].isupper():
        if end + 1 < n and norms[end + 1] == "time" and norms[end] not in _DAYLIGHT:
            return None, end + 2  # "<city> time" is local; but "Pacific time" is a zone
        return norms[end], end + 1
    return None, end


def _offset(ctx, zone: str) -> Fraction | None:
    hours = ctx.lexicon.time_zones.get(zone)
    if hours is None:
        return None
    published = ctx.article.published or ""
    month = int(published[5:7]) if published[5:7].isdigit() else 1
    summer = zone in _DAYLIGHT and month in _SUMMER
    return Fraction(hours).limit_denominator(4) + (1 if summer else 0)


def clock_facts(ctx) -> list[tuple[Quantity, int, int, Identity]]:
    """Every time of day of the article that dates what a verb of ``time_verbs`` says happened."""
    ws = ctx.words.words
    out = []
    for lead_word in wordscan.candidates(ctx, "clock"):
        i = lead_word + 1
        w = ws[i] if i < len(ws) else None
        if w is None or w.kind not in ("other", "num") or not w.text[:1].isdigit() or (i and ctx.norms[i - 1] == "("):
            continue
        read = read_clock(w.text)
        lead = _lead(ctx, i) if read else None
        if lead is None:
            continue
        verb = _verb(ctx, lead[1])
        if verb is None:
            continue
        zone, _end = _zone(ctx, i, read[1])
        offset = _offset(ctx, zone) if zone else Fraction(0)
        if offset is None:
            continue
        minutes = (Fraction(read[0]) - offset * 60) % 1440
        facets = ["utc"] if zone else []
        ident = Identity(verb, "time", facets, [f'a time of day of what "{verb}" says happened'
                                                 + (f", {zone.upper()} converted to UTC" if zone else ", local")])
        out.append((_quantity(ctx, lead[0], i, minutes), lead[1], i + 1, ident))
    return _unambiguous(out)


def _unambiguous(found: list) -> list:
    """Without the times whose key the article gives to times that cannot be one ("polls opened at
    7 a.m." and "the count began at 9 p.m." are both ``start.time``): a verb's class names what
    happened only when the article tells of one such happening."""
    by_key: dict[str, list[Quantity]] = {}
    for q, _first, _last, ident in found:
        by_key.setdefault(ident.key, []).append(q)
    ambiguous = {k for k, qs in by_key.items()
                 if any(a.high < b.low or b.high < a.low for a in qs for b in qs)}
    return [x for x in found if x[3].key not in ambiguous]


def _quantity(ctx, hedge: int | None, i: int, minutes: Fraction) -> Quantity:
    ws = ctx.words.words
    approximate = hedge is not None
    start, end = ws[hedge].start if approximate else ws[i].start, ws[i].end
    low, high = (minutes - _HALF_HOUR, minutes + _HALF_HOUR) if approximate else (minutes, minutes)
    return Quantity(text=ctx.article.text[start:end], start=start, end=end,
                    qualifier="approximate" if approximate else "exact", value=minutes, low=low, high=high,
                    low_inclusive=True, high_inclusive=True, unit="minute", dimension="[time]", kind="clock",
                    hedge=ctx.words.words[hedge].text if approximate else None)
