"""People named in an article: mentions, the entity each resolves to, and role/pronoun resolution.

A person is a run of capitalised words with a title ("Russian President Vladimir Putin",
"press secretary Karoline Leavitt", "Mr. Peskov"), or a run right before a speech verb
("Bridget Brink said"); later surname-only mentions ("Putin's") join the same entity.  The entity's
name is its longest written form without titles or middle initials ("Vladimir V. Putin" ->
"Vladimir Putin").  "the Russian leader" resolves to the nearest earlier person whose title and
descriptors fit (through the lexicon's roles table); "he"/"she" to the nearest earlier speaker.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .lexicon import Lexicon
from .sentences import Word, Words

__all__ = ["Entity", "People", "find_people", "title_case"]

_CONNECTORS = {"of", "de", "von", "van", "al", "bin", "da", "del", "der", "la", "le"}
_NOT_NAMES = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
    "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "the", "a", "an", "this", "that", "in", "on", "at", "but", "and", "he",
    "she", "it", "they", "we", "i", "you", "his", "her", "its", "their", "our", "my", "after",
    "before", "while", "when", "if", "as", "for", "with", "from", "to", "by", "speaking", "meanwhile",
    "still", "yet", "so", "there", "here", "what", "who", "why", "how", "where", "mr", "mrs", "ms",
}


@dataclass
class Entity:
    name: str
    surname: str
    given: str | None
    descriptors: set[str] = field(default_factory=set)
    titles: set[str] = field(default_factory=set)
    mentions: list[tuple[int, int]] = field(default_factory=list)  # word ranges of the name


@dataclass(frozen=True, slots=True)
class _Run:
    first: int
    last: int  # exclusive


def _initial_or_title(w: Word) -> bool:
    return (len(w.text) == 1 and w.text.isalpha()) or w.norm in _DOTTED_TITLES


_DOTTED_TITLES = {"mr", "mrs", "ms", "dr", "st", "gen", "lt", "col", "sgt", "capt", "gov", "sen", "rep", "rev", "prof"}


def title_case(words: list[Word], first: int, last: int) -> bool:
    """A headline written in title case, where capitals say nothing about names."""
    if last <= first or words[last - 1].text in (".", "!", "?", "\u201d", '"'):
        return False  # headlines carry no full stop
    ws = [w for w in words[first:last] if w.kind == "word"]
    if len(ws) < 4:
        return False
    return sum(1 for w in ws if w.text[:1].isupper()) / len(ws) > 0.6


def _runs(words: list[Word]) -> list[_Run]:
    """Maximal runs of capitalised words, with initials ("V.") and connectors ("of") inside."""
    runs = []
    cap = [w.kind == "word" and w.text[:1].isupper() for w in words]
    starts = [i for i, c in enumerate(cap) if c]
    n = len(words)
    end = 0
    for i in starts:
        if i < end:
            continue  # inside the previous run
        j = i + 1
        while j < n:
            w = words[j]
            if cap[j]:
                j += 1
            elif w.text == "." and w.start == words[j - 1].end and _initial_or_title(words[j - 1]) \
                    and j + 1 < n and cap[j + 1]:
                j += 1  # "V." "U.S." "Mr."
            elif w.norm in _CONNECTORS and j + 1 < n and cap[j + 1] and not words[j - 1].text.endswith(("'s", "\u2019s")):
                j += 1
            else:
                break
        runs.append(_Run(i, j))
        end = j
    return runs


def _title_end(norms: list[str], run: _Run, lexicon: Lexicon) -> int:
    """Index just past the last title inside the run (run.first when none)."""
    end = run.first
    i = run.first
    while i < run.last:
        hit = lexicon.titles.match(norms, i)
        if hit and i + hit[1] <= run.last:
            end = i + hit[1]
            i = end
        else:
            i += 1
    return end


def _name_words(words: list[Word], first: int, last: int) -> list[Word]:
    """The name's words: no dots, no single-letter initials between given name and surname; a
    connector ends the name ("Keir Starmer of Britain" -> "Keir Starmer")."""
    out = []
    for w in words[first:last]:
        if w.norm in _CONNECTORS:
            break
        if w.kind == "word":
            out.append(w)
    while out and out[0].norm in _NOT_NAMES:
        out = out[1:]
    if len(out) > 2:
        out = [out[0], *[w for w in out[1:-1] if len(w.text.rstrip(".")) > 1], out[-1]]
    return out


def _clean(word: str) -> str:
    for suffix in ("\u2019s", "'s", "\u2019", "'"):
        if word.endswith(suffix):
            return word[: -len(suffix)]
    return word


class People:
    """The people of one article, with a lookup from word index to entity."""

    def __init__(self, words: Words, lexicon: Lexicon):
        self.words = words
        self.lexicon = lexicon
        self.entities: dict[str, Entity] = {}
        self._at: dict[int, Entity] = {}
        self.mentions: list[tuple[int, int, Entity]] = []

    # ------------------------------------------------------------------ building
    def add(self, name_ws: list[Word], first: int, last: int, descriptors: set[str], titles: set[str]) -> Entity:
        surname = _clean(name_ws[-1].text)
        key = surname.lower()
        ent = self.entities.get(key)
        given = " ".join(_clean(w.text) for w in name_ws[:-1]) or None
        full = " ".join(_clean(w.text) for w in name_ws)
        if ent is None:
            ent = Entity(full, surname, given)
            self.entities[key] = ent
        elif len(name_ws) > len(ent.name.split()):
            ent.name, ent.given = full, given
        ent.descriptors |= descriptors
        ent.titles |= titles
        ent.mentions.append((first, last))
        for k in range(first, last):
            self._at[k] = ent
        self.mentions.append((first, last, ent))
        return ent

    def at(self, i: int) -> Entity | None:
        return self._at.get(i)

    # ------------------------------------------------------------------ resolution
    def before(self, i: int, fits=None) -> Entity | None:
        """The nearest entity mentioned before word ``i`` that ``fits``."""
        for first, _last, ent in reversed(self.mentions):
            if first < i and (fits is None or fits(ent)):
                return ent
        return None

    def by_role(self, i: int, role: str, modifiers: list[str]) -> Entity | None:
        titles = self.lexicon.roles.get(role, frozenset()) | {role}

        def fits_role(ent: Entity) -> bool:
            return bool(ent.titles & titles)

        def fits_all(ent: Entity) -> bool:
            return fits_role(ent) and all(any(_stem_match(m, d) for d in ent.descriptors) for m in modifiers)

        return self.before(i, fits_all) or (self.before(i, fits_role) if not modifiers else None)


def _stem_match(a: str, b: str) -> bool:
    """"russian" ~ "russia", "ukrainian" ~ "ukraine": same word or a shared stem of 4+ letters."""
    if a == b:
        return True
    n = 0
    for x, y in zip(a, b):
        if x != y:
            break
        n += 1
    return n >= 4 and n >= min(len(a), len(b)) - 3


def find_people(words: Words, lexicon: Lexicon) -> People:
    """Every person mention in the article, resolved to entities."""
    people = People(words, lexicon)
    ws = words.words
    runs = _runs(ws)
    pending: list[_Run] = []
    norms = words.norms
    headline: dict[int, bool] = {}  # sentence -> written in title case (worked out where a run is)
    sentences = words.sentences
    for run in runs:
        if run.last - run.first == 1 and norms[run.first] in _NOT_NAMES:
            continue  # "The", "On", "He" at a sentence's start: most runs, and never a name
        si = words.sentence_of(run.first)
        if si not in headline:
            headline[si] = title_case(ws, sentences[si].first, sentences[si].last)
        if headline[si]:
            pending.append(run)
            continue
        t_end = _title_end(norms, run, lexicon)
        pre_title = _title_before(norms, run.first, lexicon)
        name_ws = _name_words(ws, t_end, run.last)
        if not name_ws:
            continue
        if any(w.text.endswith(("'s", "\u2019s")) for w in ws[run.first:run.last - 1]):
            continue  # "Russia's Defense Ministry" is a body, not a person
        titled = t_end > run.first or pre_title is not None
        speaks = lexicon.speech.match(norms, _skip_comma(ws, run.last)) is not None
        if titled and len(name_ws) <= 4:
            descriptors = {w.norm for w in ws[run.first:t_end] if w.kind == "word"}
            titles = _titles_in(norms, run.first, t_end, lexicon)
            if pre_title:
                titles.add(pre_title)
                descriptors.add(pre_title)
            people.add(name_ws, t_end, run.last, descriptors, titles)
        elif speaks and 2 <= len(name_ws) <= 3 and name_ws[0].norm not in _NOT_NAMES:
            people.add(name_ws, t_end, run.last, set(), set())
        else:
            pending.append(run)
    # surname-only mentions of known people ("Putin", "Mr. Trump's")
    for run in pending:
        for k in range(run.first, run.last):
            ent = people.entities.get(_clean(ws[k].text).lower())
            if ent is None or ws[k].kind != "word":
                continue
            first = k
            if k > run.first and ent.given and ws[k - 1].text == ent.given.split()[-1]:
                first = k - 1
            people.add(_name_words(ws, first, k + 1) or [ws[k]], first, k + 1, set(), set())
    people.mentions.sort(key=lambda m: m[0])
    return people


def _titles_in(norms: list[str], first: int, last: int, lexicon: Lexicon) -> set[str]:
    out = set()
    i = first
    while i < last:
        hit = lexicon.titles.match(norms, i)
        if hit:
            out.add(" ".join(norms[i:i + hit[1]]))
            i += hit[1]
        else:
            i += 1
    return out


def _title_before(all_norms: list[str], first: int, lexicon: Lexicon) -> str | None:
    """A lower-case title right before a name ("press secretary Karoline Leavitt")."""
    norms = all_norms[max(0, first - 3):first]
    for k in range(len(norms)):
        hit = lexicon.titles.match(norms, k)
        if hit and k + hit[1] == len(norms):
            return " ".join(norms[k:])
    return None


def _skip_comma(ws: list[Word], i: int) -> int:
    return i + 1 if i < len(ws) and ws[i].text == "," else i
