"""Deadlines as facts: "extend the contract until January 15, 2025" -> ``deal.until``; "can make 10
million doses by the end of 2025" -> ``dose.by``.

A date right after "until", "till" or "through", or after "by" (or "by the end of"), is the
deadline of the nearest event noun or counted class named before it in its sentence (``events``,
``classes``); with no such noun it is no fact, nor is a "by" date before publication ("40 people
had died by March 3" says when a count was made).  A date without a year is the first such day on or
after the article's publication (a deadline lies ahead); "the end of this year", "the end of
next year" and "the end of 2025" are 31 December of that year.  The value is the day's ordinal
(kind ``date``); the text is as written.
"""

from __future__ import annotations

import datetime as dt
import re
from fractions import Fraction

from checker.model import Quantity

from . import wordscan
from .keys import Identity

__all__ = ["deadline_facts", "read_date"]

_MONTHS = {m: i + 1 for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
     "november", "december"])}
_MONTHS.update({m[:3]: i for m, i in list(_MONTHS.items())} | {"sept": 9})
_DATE = re.compile(r"^(?:([A-Za-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(\d{4}))?"
                   r"|(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]+)\.?(?:,?\s+(\d{4}))?)$")
_PREPS = {"until": "until", "till": "until", "through": "until", "by": "by"}
_WINDOW = 10
wordscan.TRIGGERS.update(dict.fromkeys(_PREPS, "deadline"))  # where the scan looks


def _published(ctx) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(ctx.article.published)[:10]) if ctx.article.published else None
    except ValueError:
        return None


def read_date(text: str, published: dt.date | None, ahead: bool = True) -> dt.date | None:
    """"January 15, 2025", "15 January 2025", "Jan. 12" (the first such day on or after
    ``published``; with ``ahead`` false, the day in ``published``'s year); None for what is no day."""
    m = _DATE.match(text.strip())
    if not m:
        return None
    month_word, day, year = (m.group(1), m.group(2), m.group(3)) if m.group(1) else (m.group(5), m.group(4), m.group(6))
    month = _MONTHS.get(month_word.lower())
    if month is None:
        return None
    try:
        if year:
            return dt.date(int(year), month, int(day))
        if published is None:
            return None
        date = dt.date(published.year, month, int(day))
        return date if date >= published or not ahead else dt.date(published.year + 1, month, int(day))
    except ValueError:
        return None


def _end_of(ctx, i: int, published: dt.date | None) -> tuple[dt.date, int] | None:
    """"the end of 2025", "the end of this year", "the end of next year" at word ``i``: (31
    December, index of the last word)."""
    norms = ctx.norms
    if norms[i:i + 3] != ["the", "end", "of"] or i + 3 >= len(norms):
        return None
    w = norms[i + 3]
    if w.isdigit() and len(w) == 4:
        return dt.date(int(w), 12, 31), i + 3
    if published and i + 4 < len(norms) and norms[i + 4] == "year" and w in ("this", "the", "next"):
        return dt.date(published.year + (w == "next"), 12, 31), i + 4
    return None


def _subject(ctx, i: int) -> str | None:
    """The nearest event noun or counted class before word ``i`` in its sentence."""
    s = ctx.words.sentences[ctx.words.sentence_of(i)]
    lex = ctx.lexicon
    for j in range(i - 1, max(s.first, i - _WINDOW) - 1, -1):
        hit = lex.events.match(ctx.norms, j) or lex.classes.match(ctx.norms, j)
        if hit and j + hit[1] <= i:
            return hit[0]
    return None


def deadline_facts(ctx) -> list[tuple[Quantity, int, int, Identity]]:
    """Every deadline of the article: a date after "until" or "by" that dates a named thing."""
    ws, norms = ctx.words.words, ctx.norms
    published = _published(ctx)
    out = []
    for i in wordscan.candidates(ctx, "deadline"):
        prep = _PREPS.get(norms[i]) if i + 1 < len(ws) else None
        if prep is None:
            continue
        end = _end_of(ctx, i + 1, published) if prep == "by" else None
        if end is None:
            date = read_date(ws[i + 1].text, published, prep == "until") if ws[i + 1].kind == "other" else None
            end = (date, i + 1) if date else None
        if end and prep == "by" and published and end[0] < published:
            continue  # "40 people had died by March 3": when a count was made, not a deadline
        subject = _subject(ctx, i) if end else None
        if subject is None:
            continue
        first, last = i + 1, end[1] + 1
        day = Fraction(end[0].toordinal())
        q = Quantity(text=ctx.article.text[ws[first].start:ws[last - 1].end], start=ws[first].start,
                     end=ws[last - 1].end, qualifier="exact", value=day, low=day, high=day, low_inclusive=True,
                     high_inclusive=True, unit=None, dimension="dimensionless", kind="date")
        out.append((q, first, last, Identity(subject, prep, [], [f'the day "{norms[i]}" sets for the {subject}'])))
    return out
