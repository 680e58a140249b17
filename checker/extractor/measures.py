"""What a percentage or an amount of money measures: the measured noun of its sentence (a rate,
inflation, growth, pay, a price, prize money ...), whose it is, whether the figure is a change of
it, the period it is given for and the rate it is paid at.

    "inflation quickened to 2.6% in May"          -> inflation.share[in=may]
    "Growth is seen at 0.9% in 2024, 1.6% in 2026" -> growth.share[in=2024], growth.share[in=2026]
    "cut its deposit rate by 0.25 percentage points" -> deposit-rate.change
    "Norland's prize money is €9 million"         -> prize-money.amount[of=norland]
    "dockworkers earn $39 an hour"                 -> pay.amount[per=hour]

The measured nouns are the lexicon's ``measures`` (rules/lexicons/facts.yaml), matched as phrases
so "marginal lending rate" and "deposit rate" stay apart while "rate" alone is the general one.
"""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["Measured", "economic_measure", "is_rate_denominator", "period_facet"]

_BACK = 30  # words looked back for the measured noun (a list "0.9% in 2024, 1.4% in 2025 ...")
_AHEAD = 5  # words looked ahead ("EUR28m in prize money")
_CHANGE_PREPS = frozenset({"by"})
_MONTHS = frozenset({"january", "february", "march", "april", "may", "june", "july", "august",
                     "september", "october", "november", "december"})
_RELATIVE_YEARS = {"this": 0, "next": 1, "last": -1}
_PER = {"hour": "hour", "day": "day", "week": "week", "month": "month", "year": "year",
        "annually": "year", "annual": "year", "hourly": "hour", "daily": "day", "monthly": "month"}


@dataclass
class Measured:
    """What a figure measures: the measure's canonical name, and facets (owner, period, rate)."""

    subject: str
    facets: list[str] = field(default_factory=list)
    why: list[str] = field(default_factory=list)
    change: bool = False


def _nearest(ctx, first: int, last: int) -> tuple[str, int, int] | None:
    """(canonical, start, end) of the measured noun nearest the figure in its sentence: the one
    ending closest before it, else the first within a few words after it."""
    table = ctx.lexicon.measures
    s = ctx.words.sentences[ctx.words.sentence_of(first)]
    best = None
    for i in range(max(s.first, first - _BACK), first):
        hit = table.match(ctx.norms, i)
        if hit and i + hit[1] <= first:
            rank = (i + hit[1], hit[1])
            if best is None or rank > best[0]:
                best = (rank, (hit[0], i, i + hit[1]))
    if best:
        return best[1]
    for i in range(last, min(s.last, last + _AHEAD)):
        hit = table.match(ctx.norms, i)
        if hit:
            return hit[0], i, i + hit[1]
    return None


def _owner(ctx, start: int) -> str | None:
    """"Norland's prize money", "the Rovers' share": a capitalised possessive right before the measure (an
    adjective or two between allowed)."""
    ws = ctx.words.words
    for i in range(start - 1, max(-1, start - 3), -1):
        w = ws[i]
        if w.kind != "word":
            return None
        text = w.text.replace("\u2019", "'")
        if text.endswith(("'s", "s'")) and text[:1].isupper():
            return w.norm
    return None


def period_facet(ctx, last: int, published: str | None) -> str | None:
    """The year or month a figure is given for, right after it: "in 2026", "this year" (the
    article's year), "in May"."""
    _, hi = ctx.words.clause_bounds(max(last - 1, 0))
    ws = ctx.words.words
    for i in range(last, min(hi, last + 3)):
        norm = ctx.norms[i]
        nxt = ctx.norms[i + 1] if i + 1 < hi else ""
        if norm in _RELATIVE_YEARS and nxt == "year" and published and published[:4].isdigit():
            return str(int(published[:4]) + _RELATIVE_YEARS[norm])
        if norm in ("in", "for", "by") and nxt:
            text = ws[i + 1].text
            if len(text) == 4 and text.isdigit():
                return text
            if nxt in _MONTHS and ws[i + 1].text[:1].isupper():
                return nxt
    return None


def _per(ctx, last: int) -> str | None:
    """The rate an amount is paid at: "$39 an hour", "$900,000 a year", "per day", "annually"."""
    _, hi = ctx.words.clause_bounds(max(last - 1, 0))
    for i in range(last, min(hi, last + 2)):
        norm = ctx.norms[i]
        if norm in ("a", "an", "per", "each", "every") and i + 1 < hi and ctx.norms[i + 1] in _PER:
            return _PER[ctx.norms[i + 1]]
        if norm in ("annually", "hourly", "daily", "monthly"):
            return _PER[norm]
    return None


def is_rate_denominator(text: str, previous, q) -> bool:
    """True for the "a year" of "$900,000 a year": a duration that only says what an amount before
    it is paid per (``previous`` and ``q`` are the two quantities, ``text`` the article)."""
    if previous is None or previous.dimension != "[currency]" or q.dimension != "[time]":
        return False
    between = text[previous.end:q.start].strip().lower()
    return between in ("", "per", "every", "each") and q.text.lower().split()[0] in ("a", "an", "per", "one")


def economic_measure(ctx, q, first: int, last: int, published: str | None) -> Measured | None:
    """What a percentage or money figure measures, or None when no measured noun is in its sentence.
    ``first``/``last`` are the figure's word range."""
    hit = _nearest(ctx, first, last)
    if hit is None:
        return None
    name, start, end = hit
    out = Measured(name, why=[f'the measured noun "{" ".join(ctx.norms[start:end])}" is {name}'])
    owner = _owner(ctx, start)
    if owner:
        out.facets.append(f"of={owner}")
        out.why.append(f"whose: {owner}")
    change_noun = q.modifies and q.modifies.split()[-1] in ctx.lexicon.change_nouns
    if change_noun or (first > 0 and ctx.norms[first - 1] in _CHANGE_PREPS):
        out.change = True
        out.why.append("a change of it (\"by ...\", \"a ... rise\")")
    period = period_facet(ctx, last, published)
    if period:
        out.facets.append(f"in={period}")
        out.why.append(f"given for {period}")
    per = _per(ctx, last) if q.dimension == "[currency]" else None
    if per:
        out.facets.append(f"per={per}")
        out.why.append(f"paid per {per}")
    return out
