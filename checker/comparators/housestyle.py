"""Names written otherwise than the house style prints them, even when every outlet agrees.

The house style is a vocabulary (:mod:`.vocabulary`): the ``lexicon: vocabulary`` files given with
``--rules`` (or named by the ``vocabulary`` setting), with the rule's own ``accept`` and ``reject``
entries added.  A name mention is a finding when its spelling (its last word, as surnames are
compared) is rejected, or is a form of an accepted spelling without being it ("Zelenskiy" when
"Zelenskyy" is accepted: equal once folded for scripts, diacritics and romanisation, or alike in
letters and sound).  One finding per house spelling in a story; a side per spelling written, with
each article's first and last mention of it.  Accepted spellings are never a finding here, and
the spelling rules never take an accepted spelling for the odd one out.

flags:
    accept: [Zelenskyy]   A: "President Volodymyr Zelensky said..."   B: "... Zelensky ..."
    -> not the house spelling: Zelenskyy: "Zelensky" (A, B)
    reject: {Tchaikovsky: Chaikovsky}   A: "the Tchaikovsky hall"
    -> not the house spelling: Chaikovsky: "Tchaikovsky" (A)

passes:
    accept: [Zelenskyy]   A: "President Volodymyr Zelenskyy said..."   (the house spelling)
    accept: [Zelenskyy]   A: "Ana Zelenko said..."   (another name)
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from checker.model import Mention

from .base import Discrepancy, Selection
from .names import name_key
from .newscope import NewScope
from .spec import Opt
from .spelling import NAMES_REACH, mention_sides, surname_item, surname_text, without_repeats
from .vocabulary import REJECTED, Vocabulary, load_vocabulary, spelling_key

ID = "house-style"
TYPE = "spelling"
#: the kinds of lexicon file the rule loader hands this kind (as ``options["lexicons"]``)
LEXICONS = ("vocabulary",)
OPTIONS = {
    "accept": Opt("array", "house spellings, added to the vocabulary files'", items={"type": "string"}),
    "reject": Opt("object", "spellings the house never prints -> the spelling to print instead (or null)",
                  schema={"type": "object", "additionalProperties": {"type": ["string", "null"]}}),
    "min_length": Opt("integer", "shortest spelling (in letters) compared with the accepted ones", minimum=1),
}
DEFAULTS = {"accept": [], "reject": {}, "min_length": 4}
PLACEHOLDERS = {
    "house": "the house spelling (or \"none given\" for a rejected spelling without one)",
    "name": "the spelling written most",
    "what": "what is named: a person, or a river, place, school, organisation ...",
}


def vocabulary_of(options: Mapping[str, Any]) -> Vocabulary:
    """The house vocabulary a rule's options give: its lexicon files and its own entries."""
    files = (options.get("lexicons") or {}).get("vocabulary", ())
    return load_vocabulary(files, options.get("accept", ()), options.get("reject", {}))


def new_scope(options: Mapping[str, Any]) -> NewScope:
    """--new: every article's mentions less repeats (a finding shows each article's spellings)."""
    return NewScope(mentions=NAMES_REACH)


def compare(sel: Selection, options: Mapping[str, Any]) -> Iterator[Discrepancy]:
    """One discrepancy per house spelling that some mentions of the story do not follow."""
    vocab = vocabulary_of(options)
    if not vocab:
        return
    off: dict[str, list[Mention]] = {}
    for m in without_repeats(sel.mentions):
        written = surname_text(m)
        house = vocab.house(written)
        if house is not None and (len(written) >= options["min_length"] or spelling_key(written) in vocab.rejected):
            off.setdefault(house, []).append(m)
    for house, mentions in sorted(off.items()):
        names = [surname_text(m) for m in mentions]
        fields = (("house", house if house != REJECTED else "none given"),
                  ("name", max(set(names), key=lambda n: (names.count(n), n))),
                  ("what", mentions[0].kind))
        yield Discrepancy(f"house/{name_key(house or names[0])}",
                          mention_sides(sel, mentions, lambda m: surname_text(m), surname_text, surname_item),
                          fields=fields, updates=False)
