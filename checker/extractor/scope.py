"""Which quantities are facts of this event at all: background figures about other events, figures
the text itself marks as superseded, and a value's conversion into other units are not.

    "the 1999 storm that killed about 600"          background: a bare past year in the sentence
    "Three weeks earlier, a flood killed 12"         background: a time before the event
    "lowered the count to 51 from 53"                53 is superseded by 51
    "about 80 km (50 miles)"                          50 miles is 120 km again, not a second claim
"""

from __future__ import annotations

import re
from dataclasses import replace

from checker.model import Quantity

__all__ = ["as_floor", "in_record_frame", "is_background", "is_conversion", "is_superseded", "is_update",
           "whole_scope"]

_MONTHS = frozenset({
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"})
_SINCE_FRAMES = frozenset({"first", "since", "highest", "lowest", "worst", "biggest", "largest", "deadliest",
                           "most", "least", "longest", "strongest"})
_BEFORE_WORDS = frozenset({"earlier", "before", "previously"})
_TIME_UNITS = frozenset({"day", "days", "week", "weeks", "month", "months", "year", "years", "decade", "decades"})
_SUPERSEDING = frozenset({"earlier", "previous", "previously", "original", "originally", "initial", "initially",
                          "prior"})
_YEAR = re.compile(r"^(19|20)\d\d$")


def _published_year(published: str | None) -> int | None:
    m = re.match(r"\s*(\d{4})", published or "")
    return int(m.group(1)) if m else None


def is_background(words, sentence, published: str | None) -> bool:
    """True when the sentence is about another time: a bare year before the article's year ("the
    2001 floods", "in 2012"; not a full date, not "the first rise since 2015"), or a span of time
    before the event ("twelve days earlier")."""
    year = _published_year(published)
    norms = words.norms
    for i in range(sentence.first, sentence.last):
        w = norms[i]
        if year and _YEAR.match(w) and int(w) < year and not _in_date(norms, i, sentence.first):
            if not (_since_now(norms, sentence, i) or _compares(norms, i, sentence.first)
                    or _aside(words, i, sentence) or _in_name(words, i, sentence.first)):
                return True
        if w in _BEFORE_WORDS and i > sentence.first and norms[i - 1] in _TIME_UNITS and (
                i + 1 >= sentence.last or norms[i + 1] in (",", "the", "a", "an")):
            return True
    return False


def _in_date(norms: list[str], i: int, lo: int) -> bool:
    """"14 August 2018", "August 14, 2018": a year that is part of a full date (a month alone,
    "in June 2029", names a past month, not the event's day)."""
    back = [norms[j] for j in range(max(lo, i - 3), i)]
    return any(b in _MONTHS for b in back) and any(b.isdigit() and len(b) <= 2 for b in back)


_COMPARING = frozenset({"than", "above", "below", "compared", "versus", "vs", "whole", "total", "same", "over"})


def _compares(norms: list[str], i: int, lo: int) -> bool:
    """"more than in the whole of 2029", "above its total for 2029": a past year a figure of now
    is compared with."""
    return any(norms[j] in _COMPARING for j in range(max(lo, i - 4), i))


def _in_name(words, i: int, lo: int) -> bool:
    """"the Clean Air Act of 1990", "the Class of 2019": a year that is part of a name."""
    return i - 2 >= lo and words.norms[i - 1] == "of" and words.words[i - 2].text[:1].isupper()


_DASHES = frozenset({"\u2014", "\u2013", "--"})
_ASIDE_HEADS = frozenset({"which", "who", "whose", "first", "once", "built", "held", "founded", "made", "known",
                          "set", "begun", "born", "led", "laid", "kept", "brought", "won", "run", "opened"})


def _aside(words, i: int, sentence) -> bool:
    """A past year in an aside between commas in mid-sentence ("The strain, identified in 2023,
    has spread to ..."), or in any aside between dashes ("brigades — volunteers who first dug
    in 1999 — worked on"): it dates the aside, not the sentence's figures."""
    lo, hi = words.clause_bounds(i)
    if not (lo > sentence.first and hi < sentence.last):
        return False
    if words.norms[lo - 1] in _DASHES and words.norms[hi] in _DASHES:
        return True
    if not (words.norms[lo - 1] == "," and words.norms[hi] == ","):
        return False
    head = words.norms[lo]  # an aside opens with a participle or a relative: "identified in", "which"
    return head.endswith(("ed", "en")) or head in _ASIDE_HEADS


def _since_now(norms: list[str], sentence, i: int) -> bool:
    """A "since" year that frames a figure of now: "the first cut since 2019", "held since
    March 2030", "has fallen since the meeting in March 2030" (a month and year after a
    "since"), not "has killed 300 since 2015" nor "since the start of 2023"."""
    if i > 0 and norms[i - 1] in _MONTHS:
        return any(norms[j] == "since" for j in range(max(sentence.first, i - 7), i))
    return i > 0 and norms[i - 1] == "since" and any(
        norms[j] in _SINCE_FRAMES and norms[j] != "since" or norms[j].endswith("est")
        for j in range(sentence.first, sentence.last))


def is_superseded(words, first: int, last: int | None = None) -> bool:
    """A figure the text replaces: "to 51 from 53" (53), "up from 12", "an earlier count of 40",
    "originally put at 39", and a level held for a span before a change ("after holding the rate
    at 2.5% for a year"; ``last``: the figure's end, exclusive)."""
    norms = words.norms
    lo, _ = words.clause_bounds(first)
    if last is not None and _held_for(words, first, last, lo):
        return True
    at = _from_before(words, first, lo)
    if at is not None and any(norms[j] in ("to", "up", "down") for j in range(max(lo, at - 8), at)):
        return True
    if at is not None and last is not None and last < len(norms) and norms[last] == "to":
        return True  # "from $30 to about $45"
    window = norms[max(lo, first - 4):first]
    return any(w in _SUPERSEDING for w in window)


def is_conversion(text: str, previous: Quantity | None, q: Quantity) -> bool:
    """True when ``q`` restates ``previous`` in other units: "40 km (25 miles)", "$2 million
    (about 1.8 million euros)"."""
    if previous is None or q.unit is None or previous.unit is None:
        return False
    between = text[previous.end:q.start].strip().lower()
    if between not in ("(", "(about", "(some", "(around", "(roughly", "(nearly", "(almost", ", or", "or"):
        return False
    return previous.dimension == q.dimension


def _from_before(words, first: int, lo: int) -> int | None:
    """The index of a "from" that opens the figure at ``first``, with at most two plain words
    between ("from 53", "from the record 2.5%", "up from the nearly 20%")."""
    for j in range(first - 1, max(lo, first - 4) - 1, -1):
        w = words.words[j]
        if words.norms[j] == "from":
            return j
        if w.kind != "word":
            return None
    return None


_HOLD_VERBS = frozenset({"held", "holding", "hold", "kept", "keeping", "keep", "maintained", "maintaining",
                         "stood", "had", "left", "leaving"})


def _held_for(words, first: int, last: int, lo: int) -> bool:
    """"held/kept ... at 2.5% for a year": a level that lasted a span, said beside a change."""
    norms = words.norms
    s = words.sentences[words.sentence_of(first)]
    if first == lo or norms[first - 1] not in ("at", "record"):
        return False
    if not any(norms[j] in _HOLD_VERBS for j in range(max(s.first, first - 6), first)):
        return False
    return last < s.last and norms[last] == "for"


_BETWEEN_TO = frozenset({"a", "an", "the", "about", "around", "nearly", "almost", "roughly", "some", "at", "least",
                         "more", "than", "over", "just", "under", "new", "record"})


def is_update(words, first: int, update_verbs: frozenset[str]) -> bool:
    """A figure the text gives as a new value of its fact: "to" before it (hedges and articles
    between) after an update verb of its clause ("the toll has risen to 47", "raised their offer
    to a 44% increase", "climbed to about 40")."""
    norms = words.norms
    lo, _ = words.clause_bounds(first)
    j = first - 1
    while j > lo and norms[j] in _BETWEEN_TO:
        j -= 1
    if j < lo or norms[j] != "to":
        return False
    return any(norms[k] in update_verbs for k in range(max(lo, j - 6), j))


def as_floor(words, q: Quantity, first: int, floor_verbs: frozenset[str]) -> Quantity:
    """An exact number after a floor verb ("the toll crosses 60", "deaths top 90") read as the
    floor it states: more than it (``q`` itself otherwise)."""
    if q.qualifier != "exact" or q.value is None or first == 0:
        return q
    norms = words.norms
    before = norms[first - 1]
    two = f"{norms[first - 2]} {before}" if first > 1 else before
    if before not in floor_verbs and two not in floor_verbs:
        return q
    return replace(q, qualifier="more_than", low=q.value, high=None, low_inclusive=False, high_inclusive=False)


def in_record_frame(words, first: int) -> bool:
    """A "first", "biggest", "record" ... before a span in its sentence ("the first strike in
    almost 50 years"): the span frames a record, it is no length."""
    s = words.sentences[words.sentence_of(first)]
    return any(n in ("first", "record", "most", "worst") or (n.endswith("est") and len(n) > 4)
               for n in words.norms[max(s.first, first - 8):first])


_WHOLES = {"continent-wide": "continent", "continentwide": "continent", "worldwide": "world", "globally": "world"}
_WHOLE_NOUNS = {"continent": "continent", "world": "world"}
_ACROSS = frozenset({"across", "around", "throughout"})
_COUNTRIES = frozenset({"countries", "nations", "states"})
_HAVE = frozenset({"has", "have", "had"})


def whole_scope(words, first: int) -> str | None:
    """A count given for a whole larger than one country, said before it in its sentence: "the
    continent has recorded 310 deaths", "worldwide, 300 cases", "12 Asian countries have
    reported 1,800 cases" ("continent", "world", "countries"); never compared with one country's
    count.  The nouns count only as a subject ("the continent has") or after "across/around the"
    (not "the world's biggest carriers"); a capitalised "World" is part of a name; "spread to four
    countries" is no subject."""
    s = words.sentences[words.sentence_of(first)]
    ws, norms = words.words, words.norms
    for i in range(s.first, first):
        if norms[i] in _WHOLES and (ws[i].text[:1].islower() or i == s.first):
            return _WHOLES[norms[i]]
        if norms[i] in _WHOLE_NOUNS and ws[i].text[:1].islower() and (
                (i + 1 < first and norms[i + 1] in _HAVE)
                or (i - 2 >= s.first and norms[i - 1] == "the" and norms[i - 2] in _ACROSS)):
            return _WHOLE_NOUNS[norms[i]]
        if (norms[i] in _COUNTRIES and i + 1 < first and norms[i + 1] in _HAVE and i - 2 >= s.first
                and (ws[i - 1].kind == "num" or ws[i - 2].kind == "num")):
            return "countries"
    return None
