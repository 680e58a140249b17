"""A count's identity from its sentence: what is counted (the head noun's class), what happened to
it (the verb, state or noun of its own clause) and its facets (a place it is broken down by, a
part of a total).  ``count_identity`` returns the key's parts and why each was chosen, for
``crosscheck extract --explain``.

    "the death toll stood at 112"         -> person.killed   (a measure noun before the number)
    "64 deaths" / "17 dead"               -> person.killed   (the counted noun is a measure noun)
    "83 people have died"                 -> person.killed   (class of "people", verb after the aux)
    "Of the dead, 31 were in the north"   -> person.killed[in=north]  (the place keeps it apart)
    "Of the dead, 12 were children"       -> person.killed[part]
"""

from __future__ import annotations

from dataclasses import dataclass, field

from checker.model import Quantity
from checker.parser.quantities import singular

from .scope import whole_scope

__all__ = ["Identity", "count_identity", "distance_from", "head_words", "modifiers", "noun_after_adjective", "of_noun", "fronted_part", "measure_noun_before", "noun_class", "place_facet"]

_AUX = frozenset({"were", "was", "are", "is", "had", "have", "has", "been", "be", "being", "remain",
                  "remained", "remains", "still", "reportedly", "later", "all", "now", "also", "confirmed"})
_PART_WORDS = frozenset({"which", "whom", "them", "those", "these"})
_PLACE_PREPS = frozenset({"in", "at"})
_DETERMINERS = frozenset({"the", "a", "an", "its", "their", "this", "that"})
_WINDOW = 8
_DIRECTIONS = frozenset({"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest",
                         "north-east", "north-west", "south-east", "south-west", "northern", "southern",
                         "eastern", "western", "inland", "offshore", "away", "outside", "downstream",
                         "upstream", "off"})


@dataclass
class Identity:
    """The parts of a key, and a note for each choice (what ``--explain`` prints)."""

    subject: str
    measure: str
    facets: list[str] = field(default_factory=list)
    why: list[str] = field(default_factory=list)

    @property
    def key(self) -> str:
        return f"{self.subject}.{self.measure}" + "".join(f"[{f}]" for f in self.facets)


def _noun_identity(ctx, noun: str) -> tuple[str | None, str | None, str]:
    """(subject, measure or None, why) for a counted noun, by the lexicon's classes."""
    lex = ctx.lexicon
    words = noun.split()
    hit = lex.measure_nouns.match(words, 0)
    if hit and hit[1] == len(words):
        subject, measure = hit[0].split(".", 1)
        return subject, measure, f'"{noun}" is a measure noun of {hit[0]}'
    for i in range(len(words)):
        hit = lex.classes.match(words, i)
        if hit and i + hit[1] == len(words):
            return hit[0], None, f'"{noun}" is of class {hit[0]}'
    event = lex.events.match(words, 0)
    if event:
        return event[0], None, f'"{noun}" names the event {event[0]}'
    return noun.replace(" ", "-"), None, f'"{noun}" is the counted noun'


noun_class = _noun_identity  # public: ordinals.py names ranked nouns by the same classes


def measure_noun_before(ctx, first: int) -> tuple[str, int] | None:
    """The measure noun closest before ``first`` in its clause ("the death toll stood at")."""
    lo, _ = ctx.words.clause_bounds(first)
    best = None
    for i in range(max(lo, first - _WINDOW), first):
        hit = ctx.lexicon.measure_nouns.match(ctx.norms, i)
        if hit and i + hit[1] <= first:
            best = (hit[0], i)
    return best


def fronted_part(ctx, first: int) -> str | None:
    """"Of the dead, 40 were ..." / "Of those, 12 ...": the measure noun a fronted "of" phrase names
    ("" for a pronoun), when the sentence starts with one and ``first`` comes after it."""
    s = ctx.words.sentences[ctx.words.sentence_of(first)]
    if ctx.norms[s.first] != "of":
        return None
    _, hi = ctx.words.clause_bounds(s.first)
    if first < hi:
        return None
    for i in range(s.first + 1, hi):
        hit = ctx.lexicon.measure_nouns.match(ctx.norms, i)
        if hit:
            return hit[0]
    return "" if any(ctx.norms[i] in _PART_WORDS for i in range(s.first + 1, hi)) else None


def verb_after_aux(ctx, last: int) -> str | None:
    """"people were killed", "73 people had died", "191 were still missing": the verb or state after
    auxiliaries right after the counted words."""
    _, hi = ctx.words.clause_bounds(max(last - 1, 0))
    i = last
    while i < hi and ctx.norms[i] in _AUX:
        i += 1
    if i == last:
        return None  # "45 rockets fired from ...": a participle, not the count's own verb
    hit = ctx.lexicon.verbs.match(ctx.norms, i) if i < hi else None
    return hit[0] if hit else None


def place_facet(ctx, first: int, last: int) -> str | None:
    """A place the count is given for: a fronted "In X," or "in/at X" right after the count
    (proper nouns, or a common noun of ``place_nouns``)."""
    s = ctx.words.sentences[ctx.words.sentence_of(first)]
    ws = ctx.words.words
    if ctx.norms[s.first] in _PLACE_PREPS:
        _, hi = ctx.words.clause_bounds(s.first)
        if hi < first and hi - s.first <= 6:
            return _place(ctx, s.first + 1, hi)
    _, hi = ctx.words.clause_bounds(max(last - 1, first))
    i = last
    while i < min(hi, last + 4) and ctx.norms[i] not in _PLACE_PREPS:
        i += 1
    if i < hi and ctx.norms[i] in _PLACE_PREPS and ws[i].kind == "word":
        return _place(ctx, i + 1, min(hi, i + 5))
    return None


def distance_from(ctx, last: int) -> str | None:
    """"30 km from the capital", "40 km northeast of the city of X": the place a distance is
    measured from (a proper name, or a common noun of ``place_nouns``)."""
    end = ctx.words.sentences[ctx.words.sentence_of(last - 1)].last
    if last < end and ctx.norms[last] == "(":  # its conversion: "30 km (19 miles) from"
        close = next((j for j in range(last, min(end, last + 8)) if ctx.norms[j] == ")"), None)
        last = close + 1 if close is not None else last
    if last >= end:
        return None
    _, hi = ctx.words.clause_bounds(last)
    i = last
    while i < min(hi, last + 3) and ctx.norms[i] in _DIRECTIONS:
        i += 1
    if i < hi and ctx.norms[i] in ("from", "of") and (i > last or ctx.norms[i] == "from"):
        return _place(ctx, i + 1, min(hi, i + 6))
    return None


_NOT_HEADS = frozenset({"of", "over", "across", "in", "on", "at", "to", "from", "for", "with", "by", "and", "or",
                        "that", "which", "was", "is", "were", "are", "had", "has"})


def noun_after_adjective(ctx, text: str, last: int) -> str | None:
    """"a 60-metre (197-foot) steel bridge over the river": the noun phrase a hyphenated measure
    ("190-foot") qualifies when the grammar did not join them (a conversion in brackets between)."""
    if "-" not in text or " " in text.strip():
        return None
    end = ctx.words.sentences[ctx.words.sentence_of(max(last - 1, 0))].last
    i = last
    if i < end and ctx.norms[i] == "(":
        close = next((j for j in range(i, min(end, i + 8)) if ctx.norms[j] == ")"), None)
        i = close + 1 if close is not None else i
    out = []
    while i < end and len(out) < 4 and ctx.words.words[i].kind == "word":
        norm = ctx.norms[i]
        if norm in _NOT_HEADS or norm.endswith("ing") or norm in _DETERMINERS:
            break
        out.append(norm)
        i += 1
    return " ".join(out) or None


def head_words(phrase: str) -> list[str]:
    """The words of a noun phrase up to its head: "steel bridge linking" -> ["steel", "bridge"]."""
    words = phrase.lower().split()
    while len(words) > 1 and (words[-1].endswith("ing") or words[-1] in _NOT_HEADS):
        words.pop()
    return words


def of_noun(ctx, last: int) -> str | None:
    """"300 mm of rain", "24 tonnes of aid": the noun a measure is an amount of."""
    end = ctx.words.sentences[ctx.words.sentence_of(max(last - 1, 0))].last
    if last + 1 >= end or ctx.norms[last] != "of":
        return None
    i = last + 1
    while i < end and ctx.norms[i] in _DETERMINERS:
        i += 1
    w = ctx.words.words[i] if i < end else None
    return w.norm if w is not None and w.kind == "word" and w.text.islower() else None


def _place(ctx, lo: int, hi: int) -> str | None:
    ws = ctx.words.words
    while lo < hi and ctx.norms[lo] in _DETERMINERS:
        lo += 1
    names = []
    for w in ws[lo:hi]:
        if w.kind != "word" or not w.text[:1].isupper():
            break
        names.append(w.norm)
    if names:
        return "-".join(names)
    if lo < hi and ctx.norms[lo] in ctx.lexicon.place_nouns:
        return ctx.norms[lo]
    return None


def count_identity(ctx, q: Quantity, first: int, last: int, counts: dict, modifiers) -> Identity:
    """The identity of a count (a quantity without a unit).  ``counts`` holds each sentence's last
    counted noun (for "killing 300 people and injuring 1,200"); ``modifiers`` gives the capitalised
    adjectives of a counted noun."""
    sentence = ctx.words.sentence_of(first)
    noun = q.noun
    if noun and ctx.lexicon.verbs.match(noun.split(), 0) and not ctx.lexicon.measure_nouns.match(noun.split(), 0):
        noun = None  # "74 die": the grammar read the verb as the noun
    noun = _noun_past_participle(ctx, noun, last) or _compound_noun(ctx, noun, first, last) or noun
    ident = _subject(ctx, q, noun, first, last, counts, sentence, modifiers)
    verb = verb_after_aux(ctx, last) or ctx.verb_near(first, last)
    if "part" in ident.facets and verb and verb != ident.measure:
        ident.facets.remove("part")  # "76 of which were shot down": its own measure, not a subset
        ident.measure = ""
    if ident.measure == "" and not verb and counts.get(("measure", sentence)):
        verb = counts[("measure", sentence)]  # "25 deaths: 11 children and two adults"
        ident.why.append(f'a breakdown of the "{verb}" count before it')
    if ident.measure == "" and not verb and ident.subject in ctx.lexicon.class_measures:
        verb = ctx.lexicon.class_measures[ident.subject]  # "400 rescuers" are the rescuers deployed
        ident.why.append(f'no verb: a count of {ident.subject} is what is "{verb}"')
    if ident.measure == "":
        ident.measure = verb or "count"
        ident.why.append(f'what happened: "{verb}"' if verb else "no verb: a count")
    if ident.measure != "count":
        counts[("measure", sentence)] = ident.measure
    place = place_facet(ctx, first, last) or whole_scope(ctx.words, first)
    if place:
        ident.facets.append(f"in={place}")
        ident.why.append(f"given for the place {place}")
        if "part" in ident.facets:  # "Of the dead, 71 in the north": the place's own toll, which the
            ident.facets.remove("part")  # place facet already keeps apart from the whole
    owner = relative_owner(ctx, first)
    if owner:
        ident.facets.append(f"of={owner}")
        ident.why.append(f"in a clause about {owner} (\"<name>, who ...\")")
    return ident


def _noun_past_participle(ctx, noun: str | None, last: int) -> str | None:
    """"some 300 lab-tested strain B cases": when the grammar stopped at a participle
    ("tested"), the counted noun is a plural noun of a known class at most three words after it
    in the clause ("cases"); None when there is none."""
    if not noun or " " in noun or not noun.endswith("ed") or ctx.lexicon.classes.match([noun], 0):
        return None
    _, hi = ctx.words.clause_bounds(max(last - 1, 0))
    for i in range(last, min(hi, last + 3)):
        if ctx.words.words[i].kind != "word" or ctx.norms[i] in _AUX:
            return None
        hit = ctx.lexicon.classes.match(ctx.norms, i)
        if hit and hit[1] == 1 and singular(ctx.norms[i]) != ctx.norms[i]:
            return singular(ctx.norms[i])  # a plural: "one retired dock worker" is a person, no count
    return None


def _compound_noun(ctx, noun: str | None, first: int, last: int) -> str | None:
    """"400 rescue workers": the counted noun with the word before it, when the two name a
    class of their own ("rescue worker" is a rescuer, not a worker); None otherwise."""
    if not noun or " " in noun:
        return None
    for j in range(first + 2, last):
        if ctx.norms[j] == noun or singular(ctx.norms[j]) == noun:
            hit = ctx.lexicon.classes.match(ctx.norms, j - 1)
            return f"{ctx.norms[j - 1]} {noun}" if hit and hit[1] == 2 else None
    return None


def relative_owner(ctx, first: int) -> str | None:
    """"Ana Ruiz, who scored three goals in the tournament, ...": a count in a relative clause on a
    named person is that person's (never compared with the team's or the story's count)."""
    lo, _ = ctx.words.clause_bounds(first)
    if lo < 2 or ctx.norms[lo] not in ("who", "whose") or ctx.norms[lo - 1] != ",":
        return None
    if any(ctx.lexicon.speech.match(ctx.norms, i) for i in range(lo + 1, first)):
        return None  # "X, who said 40 died": what X said, not X's own count
    ent = ctx.people.at(lo - 2)
    return ent.surname.lower() if ent is not None and ent.kind == "person" else None


def _subject(ctx, q, noun, first, last, counts, sentence, modifiers) -> Identity:
    if noun and q.part_of not in _PART_WORDS:
        subject, measure, why = _noun_identity(ctx, noun)
        mods = modifiers(q, ctx, first, last)
        counts[sentence] = (subject, measure)
        if mods:
            subject = "-".join([*mods, subject])
        return Identity(subject, measure or "", why=[why])
    fronted = fronted_part(ctx, first)
    if fronted:
        subject, measure = fronted.split(".", 1)
        return Identity(subject, measure, ["part"], [f'a part of the {fronted} named before it'])
    if q.part_of or fronted == "":
        prior = counts.get(sentence) or counts.get(sentence - 1)
        subject, measure = prior if prior else ("unknown", None)
        return Identity(subject, measure or "", ["part"], ["a part of the count before it"])
    before = measure_noun_before(ctx, first)
    if before:
        subject, measure = before[0].split(".", 1)
        return Identity(subject, measure, why=[f'the number of "{before[0]}" named before it'])
    if sentence in counts:
        subject, _ = counts[sentence]
        return Identity(subject, "", why=["the noun of the count before it in the sentence"])
    verb = verb_after_aux(ctx, last) or ctx.verb_near(first, last)
    subject = ctx.lexicon.default_subjects.get(verb or "", "unknown")
    return Identity(subject, verb or "count", why=[f'no noun: "{verb}" counts {subject}'])


def modifiers(q: Quantity, ctx, first: int, last: int) -> list[str]:
    """Capitalised adjectives before the counted noun ("35 Ukrainian drones" -> ["ukrainian"]) and
    the lexicon's count kinds ("17,000 suspected cases" -> ["suspected"], "30 more people" -> ["more"])."""
    ws = ctx.words.words
    kinds = ctx.lexicon.count_kinds
    out = []
    for i in range(first + 1, last):
        w = ws[i]
        if w.kind != "word":
            continue
        if w.norm == q.noun or singular(w.norm) == q.noun:
            break
        if w.text[:1].isupper():
            out.append(w.norm)
        elif w.norm in kinds and kinds[w.norm] not in out and ctx.norms[i + 1] != "than":  # not "more than"
            out.append(kinds[w.norm])
    return out
