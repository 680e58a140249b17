"""Ranks and ages as facts: "its fourth league title", "his 102nd match", "X scored in the 86th
minute", "X's 85th-minute winner", "for a record fourth time", "Ana Ruiz, 39,".

A rank's key is ``<ranked noun's class>.rank``, with ``[of=<owner>]`` when the text says whose it is:
a possessive before it ("Ruiz's 102nd match"; "his" is the person named last before it).  A rank
of a moment of the event (``timed_ranks``: "the 86th minute", "the third lap") belongs to the person
named before it in its clause, and is no fact without one.  "For the fourth time" ranks the nearest
noun of a class before it ("won the championship for the fourth time" -> ``title.rank``).  A record
frame ("the first cut since 2019", "the first strike in 40 years") ranks nothing.

An age in apposition ("Ana Ruiz, 39,") is ``person.age[of=<surname>]``; ages are compared
exactly, never with a duration's tolerance.
"""

from __future__ import annotations

from fractions import Fraction

from checker.model import Quantity
from checker.parser.quantities import singular

from . import wordscan
from .clock import clock_facts
from .deadlines import deadline_facts
from .keys import Identity, noun_class
from .years import built_facts

__all__ = ["ORDINAL_WORDS", "age_identity", "extra_facts", "extra_ranks", "rank_identity", "special_identity"]

ORDINAL_WORDS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14,
    "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20,
}
wordscan.TRIGGERS.update(dict.fromkeys((*ORDINAL_WORDS, "time", "-"), "rank"))  # where extra_ranks looks
_POSSESSIVE_ENDS = ("'s", "\u2019s", "s'", "s\u2019")
_PRONOUNS = frozenset({"his", "her"})
_OTHER_POSSESSIVES = frozenset({"its", "their", "whose"})
_UNKNOWN = ""  # an owner the text gives but does not name: the rank is no fact
_SKIP = frozenset({"a", "the", "record", "successive", "straight", "consecutive", "own", "unprecedented"})
_RECORD_AFTER = frozenset({"since", "ever"})
_WINDOW = 12


def _digit_ordinal(text: str) -> int | None:
    t = text.lower().replace(",", "")
    if len(t) > 2 and t[:-2].isdigit() and t[-2:] in ("st", "nd", "rd", "th"):
        return int(t[:-2])
    return None


def _surname(ent) -> str:
    return ent.surname.lower()


def _person_at(ctx, i: int):
    ent = ctx.people.at(i)
    return ent if ent is not None and ent.kind == "person" else None


def _person_before(ctx, i: int):
    """The person named last before word ``i`` (for "his", "her") in its sentence or the one
    before; None when the text names nobody that close (the pronoun's antecedent is not known)."""
    sentence = ctx.words.sentence_of(i)
    lo = ctx.words.sentences[max(sentence - 1, 0)].first
    ent = ctx.people.before(i, lambda e: e.kind == "person")
    if ent is None or not any(lo <= first < i for first, _last in ent.mentions):
        return None
    return ent


def _owner(ctx, first: int) -> str | None:
    """Whose rank: a possessive before it ("Ruiz's", "his"), past "a", "record", "successive"..."""
    ws = ctx.words.words
    i = first - 1
    lo, _ = ctx.words.clause_bounds(first)
    while i >= lo and ws[i].norm in _SKIP:
        i -= 1
    if i < lo or ws[i].kind != "word":
        return None
    w = ws[i]
    if w.norm in _PRONOUNS:
        ent = _person_before(ctx, i)
        return _surname(ent) if ent else _UNKNOWN
    if w.text.endswith(_POSSESSIVE_ENDS):
        if not w.text[:1].isupper():
            return _UNKNOWN  # "the country's fourth title": whose is not named
        ent = _person_at(ctx, i)
        return _surname(ent) if ent else w.norm
    if w.norm in _OTHER_POSSESSIVES and lo > ctx.words.sentences[ctx.words.sentence_of(first)].first:
        return _UNKNOWN  # "Norland, seeking their second title,": not the sentence's own subject
    return None  # "The team won its fourth title": the subject's, the story's actor


def _person_in_clause(ctx, first: int) -> str | None:
    """The person named nearest before ``first`` in its clause ("X scored in the 86th minute")."""
    lo, _ = ctx.words.clause_bounds(first)
    best = None
    for start, last, ent in ctx.people.mentions:
        if ent.kind == "person" and lo <= start and last <= first and (best is None or start > best[0]):
            best = (start, ent)
    return _surname(best[1]) if best else None


def _record_frame(ctx, last: int) -> bool:
    """"the first cut since 2019", "its first title ever": a record's frame, not a rank."""
    end = ctx.words.sentences[ctx.words.sentence_of(max(last - 1, 0))].last
    return any(ctx.norms[i] in _RECORD_AFTER for i in range(last, min(end, last + 2)))


def rank_identity(ctx, q: Quantity, first: int, last: int) -> Identity | None:
    """The identity of a rank the grammar read ("102nd match", "fifth league title"), or None when
    it is no fact (a moment of the event with nobody's name, a record frame)."""
    noun = (q.modifies or "").split()[-1:] or [""]
    if noun[0] == "time":
        return None  # "for the fifth time": ranks what is named before it (extra_ranks)
    return _identity(ctx, noun[0], first, last)


def _identity(ctx, noun: str, first: int, last: int) -> Identity | None:
    if not noun or _record_frame(ctx, last):
        return None
    owner = _owner(ctx, first)
    if owner == _UNKNOWN:
        return None  # "their second title": whose, the text does not say here
    why = []
    if noun in ctx.lexicon.timed_ranks:
        owner = owner or _person_in_clause(ctx, first)
        if owner is None:
            return None
        subject, why = noun, [f'a "{noun}" of the event, of {owner}']
    else:
        subject, _measure, note = noun_class(ctx, noun)
        why = [note]
    facets = [f"of={owner}"] if owner else []
    if owner and noun not in ctx.lexicon.timed_ranks:
        why.append(f"whose: {owner}")
    return Identity(subject, "rank", facets, why)


def special_identity(ctx, q: Quantity, first: int, last: int) -> Identity | None:
    """A rank's or an age's identity (None: no rank fact, or an age of nobody named)."""
    return rank_identity(ctx, q, first, last) if q.kind == "rank" else age_identity(ctx, q, first)


def extra_facts(ctx, facts) -> list[tuple[Quantity, int, int, Identity]]:
    """Facts the grammar reads no quantity for: times of day (clock.py), ranks it does not read, when
    things were built (years.py) and deadlines (deadlines.py); none where one of ``facts`` is."""
    taken = {f.quantity.start for f in facts}
    extra = [x for x in clock_facts(ctx) + extra_ranks(ctx) + built_facts(ctx) + deadline_facts(ctx)
             if x[0].start not in taken]
    ambiguous = _ambiguous_moments(ctx, [(f.key, f.quantity.value) for f in facts]
                                   + [(x[3].key, x[0].value) for x in extra])
    if ambiguous:  # the grammar's ranks are among ``facts``: taken out in place
        facts[:] = [f for f in facts if f.key not in ambiguous]
    return [x for x in extra if x[3].key not in ambiguous]


def _ambiguous_moments(ctx, keyed: list[tuple[str, object]]) -> set[str]:
    """Keys of moments of the event ("minute.rank[of=x]") the article gives two values: "X was
    booked in the 30th minute and scored in the 60th" tells of two moments, neither is the fact."""
    values: dict[str, set] = {}
    for key, value in keyed:
        subject, _, rest = key.partition(".")
        if rest.startswith("rank") and subject in ctx.lexicon.timed_ranks:
            values.setdefault(key, set()).add(value)
    return {k for k, v in values.items() if len(v) > 1}


def extra_ranks(ctx) -> list[tuple[Quantity, int, int, Identity]]:
    """Ranks the grammar does not read: "X's 85th-minute winner" (an ordinal joined to its noun by a
    hyphen) and "for the fourth time" (what is ranked is the nearest noun of a class before it)."""
    ws, norms = ctx.words.words, ctx.norms
    out = []
    for i in wordscan.candidates(ctx, "rank"):
        if norms[i] == "-":
            i -= 1  # "85th-minute": the ordinal before the hyphen
            if i < 0:
                continue
        w = ws[i]
        value = _digit_ordinal(w.text) if w.kind == "other" else None
        if value is not None and i + 2 < len(ws) and norms[i + 1] == "-" and ws[i + 2].kind == "word":
            ident = _identity(ctx, norms[i + 2], i, i + 3)
            if ident:
                out.append((_rank(ctx, i, i + 3, value), i, i + 3, ident))
        elif w.norm in ORDINAL_WORDS and ORDINAL_WORDS[w.norm] > 2 and (hit := _classed_after(ctx, i)):
            ident = _identity(ctx, singular(norms[hit]), i, hit + 1)
            if ident:
                out.append((_rank(ctx, i, hit + 1, ORDINAL_WORDS[w.norm]), i, hit + 1, ident))
        elif w.norm == "time" and i >= 2:  # "for the first time" frames more often than it ranks
            value = ORDINAL_WORDS.get(norms[i - 1]) or _digit_ordinal(ws[i - 1].text) or 0
            ident = _time_rank(ctx, i) if value > 1 else None
            if ident:
                out.append((_rank(ctx, i - 1, i + 1, value), i - 1, i + 1, ident))
    return out


def _classed_after(ctx, i: int) -> int | None:
    """"a fourth league title": the noun of a class (or a moment of the event) at most three words
    after an ordinal word, past adjectives; None when none is."""
    ws, lex = ctx.words.words, ctx.lexicon
    for j in range(i + 1, min(len(ws), i + 4)):
        if ws[j].kind != "word" or ws[j].norm in _SKIP:
            return None
        if ws[j].norm in lex.timed_ranks or singular(ws[j].norm) in lex.ranked_nouns:
            return j
    return None


def _time_rank(ctx, i: int) -> Identity | None:
    """"for the fourth time", "for a record fifth time": the nearest classed noun before it."""
    k = i - 2
    while k >= 0 and ctx.norms[k] in _SKIP:
        k -= 1
    if k < 0 or ctx.norms[k] != "for" or _record_frame(ctx, i + 1):
        return None
    s = ctx.words.sentences[ctx.words.sentence_of(i)]
    for j in range(k - 1, max(s.first, k - _WINDOW) - 1, -1):
        noun = singular(ctx.norms[j])
        if noun in ctx.lexicon.ranked_nouns:
            subject = noun_class(ctx, noun)[0]
            return Identity(subject, "rank", [], [f'"for the ... time" ranks the {subject} named before it'])
    return None


def _rank(ctx, first: int, last: int, value: int) -> Quantity:
    ws = ctx.words.words
    start, end = ws[first].start, ws[last - 1].end
    v = Fraction(value)
    return Quantity(text=ctx.article.text[start:end], start=start, end=end, qualifier="exact", value=v, low=v,
                    high=v, low_inclusive=True, high_inclusive=True, unit=None, dimension="dimensionless",
                    modifies=ctx.norms[last - 1], kind="rank")


def age_identity(ctx, q: Quantity, first: int) -> Identity | None:
    """"Ana Ruiz, 39, ...": the age of the person named right before the comma."""
    ws = ctx.words.words
    i = first
    while i > 0 and ws[i].start >= q.start:
        i -= 1
    if i < 1 or ws[i].text != ",":
        return None
    ent = _person_at(ctx, i - 1)
    if ent is None:
        return None
    return Identity("person", "age", [f"of={_surname(ent)}"], [f"the age of {ent.name}, in apposition"])
