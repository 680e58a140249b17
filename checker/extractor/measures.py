"""What a percentage or an amount of money measures: the measured noun of its sentence (a rate,
inflation, growth, pay, a price, prize money ...), whose it is, whether the figure is a change of
it, the period it is given for and the rate it is paid at.

    "consumer prices rose 3.1% in March"           -> inflation.share[in=march]
    "Growth is seen at 1.1% in 2031, 1.8% in 2033" -> growth.share[in=2031], growth.share[in=2033]
    "cut its deposit rate by 0.5 percentage points" -> deposit-rate.change
    "Norland's prize money is €9 million"         -> prize-money.amount[of=norland]
    "porters earn $31 an hour"                     -> pay.amount[per=hour]

The measured nouns are the lexicon's ``measures`` (rules/lexicons/facts.yaml), matched as phrases
so "marginal lending rate" and "deposit rate" stay apart while "rate" alone is the general one.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from checker.parser.quantities import singular

from .keys import Identity

__all__ = ["POINTS", "Measured", "economic_measure", "is_rate_denominator", "measured_identity", "period_facet"]

_BACK = 30  # words looked back for the measured noun (a list "1.1% in 2031, 1.5% in 2032 ...")
_AHEAD = 5  # words looked ahead ("EUR28m in prize money")
_CHANGE_PREPS = frozenset({"by"})
#: the unit of "0.25 percentage points" and "25 basis points": always a change of a share
POINTS = "percentage_point"
_PERIOD_WORDS = frozenset({"over", "in", "during", "across", "within"})
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


def _nearest(ctx, first: int, last: int, money: bool, lo: int | None = None) -> tuple[str, int, int] | None:
    """(canonical, start, end) of the measured noun nearest the figure in its sentence: the one
    ending closest before it, else the first within a few words after it.  A money figure skips
    the lexicon's ``percent_measures``; ``lo`` widens the look back (a whole previous sentence)."""
    table = ctx.lexicon.measures
    skip = ctx.lexicon.percent_measures if money else frozenset()
    s = ctx.words.sentences[ctx.words.sentence_of(first)]
    best = None
    for i in range(max(s.first, first - _BACK) if lo is None else lo, first):
        hit = table.match(ctx.norms, i)
        if hit and i + hit[1] <= first and hit[0] not in skip:
            rank = (i + hit[1], hit[1])
            if best is None or rank > best[0]:
                best = (rank, (hit[0], i, i + hit[1]))
    if best or lo is not None:
        return best[1] if best else None
    for i in range(last, min(s.last, last + _AHEAD)):
        hit = table.match(ctx.norms, i)
        if hit and hit[0] not in skip:
            return hit[0], i, i + hit[1]
    return None


def _stance(ctx, first: int) -> str | None:
    """demanded / offered / agreed: the nearest stance word before the figure in its clause."""
    lo, _ = ctx.words.clause_bounds(first)
    best = None
    for i in range(max(lo, first - 10), first):
        hit = ctx.lexicon.stances.match(ctx.norms, i)
        if hit and i + hit[1] <= first:
            best = hit[0]
    return best


def _inherited(ctx, q, first: int, money: bool) -> Measured | None:
    """A figure with no measured noun in its sentence: the measure of the figure of its kind just
    before it (this sentence or the one before: "a 70% pay rise ... Employers offered nearly
    50%"), else the last measured noun of the sentence before ("The wage terms were not published.
    Employers raised their offer to a 44% increase")."""
    sentence = ctx.words.sentence_of(first)
    last = ctx.measured.get(money)
    if last and sentence - last[0] <= 1:
        return Measured(last[1], why=[f"the measure of the figure before it: {last[1]}"], change=last[2])
    if sentence == 0:
        return None
    prev = ctx.words.sentences[sentence - 1]
    hit = _nearest(ctx, prev.last, prev.last, money, lo=prev.first)
    if hit is None:
        return None
    return Measured(hit[0], why=[f'the measured noun of the sentence before: {hit[0]}'],
                    change=ctx.norms[hit[2] - 1] in ctx.lexicon.change_nouns)


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
    """The rate an amount is paid at: "$31 an hour", "$410,000 a year", "per day", "annually"."""
    _, hi = ctx.words.clause_bounds(max(last - 1, 0))
    for i in range(last, min(hi, last + 2)):
        norm = ctx.norms[i]
        if norm in ("a", "an", "per", "each", "every") and i + 1 < hi and ctx.norms[i + 1] in _PER:
            return _PER[ctx.norms[i + 1]]
        if norm in ("annually", "hourly", "daily", "monthly"):
            return _PER[norm]
    return None


def is_rate_denominator(text: str, previous, q) -> bool:
    """True for the "a year" of "$410,000 a year": a duration that only says what an amount before
    it is paid per (``previous`` and ``q`` are the two quantities, ``text`` the article)."""
    if previous is None or previous.dimension != "[currency]" or q.dimension != "[time]":
        return False
    between = text[previous.end:q.start].strip().lower()
    return between in ("", "per", "every", "each") and q.text.lower().split()[0] in ("a", "an", "per", "one")


def economic_measure(ctx, q, first: int, last: int, published: str | None) -> Measured | None:
    """What a percentage or money figure measures, or None when neither its sentence nor the one
    before says.  ``first``/``last`` are the figure's word range; ``ctx.measured`` remembers the
    last measured figure of each kind (money or not) for the figures after it."""
    money = q.dimension == "[currency]"
    hit = _nearest(ctx, first, last, money)
    if hit is None:
        out = _inherited(ctx, q, first, money) if q.dimension != "[time]" else None
        if out is None:
            return None
    else:
        name, start, end = hit
        out = Measured(name, why=[f'the measured noun "{" ".join(ctx.norms[start:end])}" is {name}'],
                       change=ctx.norms[end - 1] in ctx.lexicon.change_nouns)
        before = ctx.norms[start - 1] if start > 0 else ""
        if before in _PER and before.endswith("ly") or before in ("annual",):
            out.facets.append(f"per={_PER[before]}")  # "the top hourly wage"
        owner = _owner(ctx, start)
        if owner:
            out.facets.append(f"of={owner}")
            out.why.append(f"whose: {owner}")
    _facets(ctx, q, first, last, published, out)
    if q.dimension != "[time]":
        ctx.measured[money] = (ctx.words.sentence_of(first), out.subject, out.change)
    return out


def _facets(ctx, q, first: int, last: int, published: str | None, out: Measured) -> None:
    """Adds to ``out`` a change, the stance, the period and the rate it is paid at."""
    change_noun = q.modifies and q.modifies.split()[-1] in ctx.lexicon.change_nouns
    after = ctx.norms[last] if last < len(ctx.norms) else ""
    if change_noun or after in ctx.lexicon.change_nouns or (first > 0 and ctx.norms[first - 1] in _CHANGE_PREPS):
        out.change = True
    if out.change:
        out.why.append("a change of it (\"by ...\", \"a ... rise\")")
    stance = _stance(ctx, first)
    if stance:
        out.facets.append(stance)
        out.why.append(f"in a negotiation: {stance}")
    period = period_facet(ctx, last, published)
    if period:
        out.facets.append(f"in={period}")
        out.why.append(f"given for {period}")
    per = _per(ctx, last) if q.dimension == "[currency]" and not any(f.startswith("per=") for f in out.facets) else None
    if per is None and q.dimension == "[currency]" and out.subject == "pay" and not period \
            and not any(f.startswith("per=") for f in out.facets) and _in_a_year(ctx, first):
        per = "year"  # "received $410,000 last year, and $600,000 with ...": a year's pay
    if per:
        out.facets.append(f"per={per}")
        out.why.append(f"paid per {per}")


def _in_a_year(ctx, first: int) -> bool:
    """A pay figure whose sentence names a calendar year before it ("last year", "this year",
    "in 2030"): the pay of that year, which is a yearly pay."""
    s = ctx.words.sentences[ctx.words.sentence_of(first)]
    norms = ctx.norms
    for i in range(s.first, first - 1):
        if norms[i] in _RELATIVE_YEARS and norms[i + 1] == "year":
            return True
        if norms[i] == "in" and len(norms[i + 1]) == 4 and norms[i + 1].isdigit():
            return True
    return False


def measured_identity(ctx, q, first: int, last: int, measure: str) -> Identity | None:
    """A percentage's or an amount's identity from the measured noun of its sentence; a span's
    right after a figure is that figure's period; a duration's from the measured noun only when no
    event noun names the duration.  None: the unit's own reading applies (facts._key)."""
    if q.unit not in ("percent", POINTS) and q.dimension not in ("[currency]", "[time]"):
        return None
    between = ctx.article.text[ctx.prior[0]:q.start].lower().split() if ctx.prior and ctx.prior[0] <= q.start else []
    if ctx.prior and ctx.prior[0] <= q.start and q.text.lower().split()[0] in _PERIOD_WORDS:
        between = [*between, q.text.lower().split()[0]]  # "over six years" read whole by the grammar
    of_noun = len(between) >= 3 and between[0] == "of"
    if q.dimension == "[time]" and 0 < len(between) <= 3 + of_noun and between[-1] in _PERIOD_WORDS:
        # "a 44% raise over five years", "300 mm of rain (fell) in 36 hours": the figure before's period
        subject = singular(between[1]) if of_noun else ctx.prior[1]
        return Identity(subject, "period", why=[f"the period of the {subject} figure before it"])
    if q.dimension == "[time]" and (q.modifies or ctx.event_near(first, last)):
        return None
    found = economic_measure(ctx, q, first, last, ctx.article.published)
    if found is None:
        return None
    if q.dimension == "[time]":
        return Identity(found.subject, measure, why=found.why[:1])
    measure = "change" if found.change or q.unit == POINTS else measure
    return Identity(found.subject, measure, found.facets, found.why)
