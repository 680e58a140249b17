"""Quotes as statements: a quote cut into its sentences, and what a change of wording amounts to.

A quote of several sentences is compared sentence by sentence (:func:`sentences`): an outlet that
quotes a speech's first sentence and another that quotes its second have quoted two statements, and
two translations of a two-sentence remark are two pairs of differently worded sentences, each of
which aligns far better than the two whole quotes do.

:func:`judge` says what a difference between two wordings of one statement amounts to, for a reader:
a change of negation, of a number or of intensity (the outlets report the speaker saying something
else: a warning), or a synonym swap or a translation variant (the same thing in other words: one
severity lower).
"""

from __future__ import annotations

import re
from dataclasses import replace

from checker.model import Quote

from .paraphrase import negated

__all__ = ["judge", "sentences", "statement_of"]

# a sentence ends at . ! or ? (after a word of two letters or more: not "U.S." nor "Mr.") followed by
# a space and a capital letter, a digit or an opening quote mark
_END = re.compile(r"(?<=[^\W\d_]{2}[.!?])\s+(?=[\"“‘'(]?[A-Z0-9À-Þ])|(?<=[!?])\s+(?=[\"“‘'(]?[A-Z0-9À-Þ])")
_ABBREVIATIONS = frozenset({"mr.", "mrs.", "ms.", "dr.", "st.", "gen.", "gov.", "sen.", "rep.", "prof.", "no.", "vs."})

_INTENSITY = frozenset("""
very quite extremely absolutely totally completely entirely fully highly deeply really so too fairly
rather somewhat slightly a little bit most more less least much many almost nearly barely hardly
utterly truly incredibly particularly especially
""".split())
_NUMBER_WORDS = frozenset("""
zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen
sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred
thousand million billion trillion dozen dozens half quarter first second third percent
""".split())


def statement_of(quote: Quote) -> str:
    """Which quote as printed a quote or one of its sentences (:func:`sentences`) belongs to:
    "article@start" of the whole quote."""
    return quote.id.split("#", 1)[0] if "#" in quote.id else f"{quote.article}@{quote.start}"


def sentences(quote: Quote) -> list[Quote]:
    """The quote's sentences, each a Quote of its own over its part of the text (the quote itself
    when it is one sentence)."""
    text = quote.text
    cuts, at = [], 0
    for m in _END.finditer(text):
        before = text[at:m.start()].split()
        if before and before[-1].casefold() in _ABBREVIATIONS:
            continue
        cuts.append((at, m.start()))
        at = m.end()
    if not cuts:
        return [quote]
    cuts.append((at, len(text)))
    out = []
    for n, (lo, hi) in enumerate(cuts):
        part = text[lo:hi].strip()
        if part:
            lo = text.index(part, lo)
            out.append(replace(quote, id=f"{statement_of(quote)}#{n}", text=part, start=quote.start + lo,
                               end=quote.start + lo + len(part)))
    return out


def _changed(diff: str) -> tuple[set[str], set[str]]:
    """The words taken out and put in by a diff ("a -> b; - c; + d")."""
    old: set[str] = set()
    new: set[str] = set()
    for edit in diff.split("; ") if diff else []:
        if " -> " in edit:
            a, b = edit.split(" -> ", 1)
            old.update(a.split())
            new.update(b.split())
        elif edit.startswith("- "):
            old.update(edit[2:].split())
        elif edit.startswith("+ "):
            new.update(edit[2:].split())
    return old, new


def judge(a: tuple[str, ...], b: tuple[str, ...], diff: str, aligned: bool) -> tuple[str, bool]:
    """What the difference between wordings ``a`` and ``b`` (normalised words; ``diff`` their word
    edits; ``aligned`` whether they align word by word, else they only share their content) amounts
    to: (a phrase for the reader, whether it is minor).  Minor: a synonym swap or a translation
    variant.  Not minor: a negation, a number or an intensity word that one has and the other has
    not."""
    if negated(a) != negated(b):
        return "a change of negation", False
    old, new = _changed(diff)
    moved = old ^ new
    if any(w.isdigit() or w in _NUMBER_WORDS for w in moved):
        return "a change of number", False
    if moved & _INTENSITY:
        return "a change of intensity", False
    if not aligned:
        return "a translation variant", True
    return "a synonym swap", True
