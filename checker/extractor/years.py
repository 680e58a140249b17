"""When a thing was built, as a fact: "The bridge opened in 1967", "the dam, completed in the
1950s," -> ``bridge.built`` 1967, ``dam.built`` 1950 to 1959.

A year or a decade right after "in" after a verb of ``built_verbs`` (built, opened, completed,
inaugurated...) dates the thing named just before the verb (its head noun; not a pronoun).  The
year is a property of the thing, so a sentence that is otherwise about the past still states it.
A decade is the interval of its ten years: "the 1970s" disagrees with 1967, not with 1974.
"""

from __future__ import annotations

from fractions import Fraction

from checker.model import Quantity
from checker.parser.quantities import singular

from . import wordscan
from .keys import Identity

__all__ = ["built_facts"]

wordscan.TRIGGERS["in"] = "built"  # "opened in 1967": the scan looks at each "in"

_SKIP_BACK = frozenset({",", "was", "were", "is", "are", "been", "had", "has", "have", "first", "originally",
                        "initially", "officially", "formally", "fully", "finally", "only", "also"})
_NOT_SUBJECTS = frozenset({"it", "which", "that", "they", "this", "these", "those", "who", "he", "she",
                           "and", "or", "but", "the", "a", "an", "its", "their"})


def _year(text: str) -> tuple[int, int] | None:
    """(first, last year) of "1967" or "1970s"; None for what is neither."""
    t = text.rstrip("'").lower()
    if len(t) == 4 and t.isdigit() and 1000 <= int(t) <= 2199:
        return int(t), int(t)
    if len(t) == 5 and t.endswith("0s") and t[:4].isdigit():
        return int(t[:4]), int(t[:4]) + 9
    return None


def _subject(ctx, verb: int) -> str | None:
    ws, norms = ctx.words.words, ctx.norms
    s = ctx.words.sentences[ctx.words.sentence_of(verb)]
    i = verb - 1
    while i >= s.first and norms[i] in _SKIP_BACK:
        i -= 1
    if i < s.first or ws[i].kind != "word" or not ws[i].text.isalpha() or norms[i] in _NOT_SUBJECTS:
        return None
    return singular(norms[i])


def built_facts(ctx) -> list[tuple[Quantity, int, int, Identity]]:
    """Every "<thing> built/opened/completed in <year or decade>" of the article."""
    ws, norms, verbs = ctx.words.words, ctx.norms, ctx.lexicon.built_verbs
    out = []
    for i in wordscan.candidates(ctx, "built"):
        if i < 1 or i + 1 >= len(ws) or norms[i] != "in" or norms[i - 1] not in verbs:
            continue
        k = i + 2 if norms[i + 1] == "the" and i + 2 < len(ws) else i + 1
        years = _year(ws[k].text)
        subject = _subject(ctx, i - 1) if years else None
        if subject is None:
            continue
        low, high = Fraction(years[0]), Fraction(years[1])
        q = Quantity(text=ws[k].text, start=ws[k].start, end=ws[k].end, qualifier="exact" if low == high else "range",
                     value=low if low == high else None, low=low, high=high, low_inclusive=True, high_inclusive=True,
                     unit=None, dimension="dimensionless", kind="year")
        out.append((q, k, k + 1, Identity(subject, "built", [], [f'when the {subject} was built ("{norms[i - 1]} in")'])))
    return out
