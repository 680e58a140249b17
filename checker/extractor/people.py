"""People named in an article: mentions, the entity each resolves to, and role/pronoun resolution.

A person is a run of capitalised words with a title ("Russian President Vladimir Putin",
"press secretary Karoline Leavitt", "Mr. Peskov"), or a run right before a speech verb
("Bridget Brink said"); later surname-only mentions ("Putin's") join the same entity.  The entity's
name is its longest written form without titles or middle initials ("Vladimir V. Putin" ->
"Vladimir Putin").  "the Russian leader" resolves to the nearest earlier person whose title and
descriptors fit (through the lexicon's roles table); "he"/"she" to the nearest earlier speaker.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import compress
from operator import itemgetter
from typing import NamedTuple

from .entities import (
    NOT_NAMES as _NOT_NAMES,
)
from .entities import (
    Clues,
    apposition,
    head_kind,
    headline_name_word,
    named_elsewhere,
    not_a_person,
    qualified_role,
    said_before,
    weak_name,
)
from .lexicon import Lexicon
from .lookup import fitting_mentions
from .names import same_name, same_stem
from .sentences import Word, Words

__all__ = ["Entity", "People", "find_people", "title_case"]

_CONNECTORS = {"of", "de", "von", "van", "al", "bin", "da", "del", "der", "la", "le"}


@dataclass
class Entity:
    name: str
    surname: str
    given: str | None
    descriptors: set[str] = field(default_factory=set)
    titles: set[str] = field(default_factory=set)
    mentions: list[tuple[int, int]] = field(default_factory=list)  # word ranges of the name
    kind: str = "person"  # or river, place, organisation, ship, school, structure, name


class _Run(NamedTuple):  # a NamedTuple: an article has hundreds, made in the hot path
    first: int
    last: int  # exclusive


def _initial_or_title(w: Word, dotted: frozenset[str]) -> bool:
    return (len(w.text) == 1 and w.text.isalpha()) or w.norm in dotted


def title_case(words: list[Word], first: int, last: int) -> bool:
    """A headline written in title case, where capitals say nothing about names."""
    if last <= first or words[last - 1].text in (".", "!", "?", "\u201d", '"'):
        return False  # headlines carry no full stop
    ws = [w for w in words[first:last] if w.kind == "word"]
    if len(ws) < 4:
        return False
    return sum(1 for w in ws if w.text[:1].isupper()) / len(ws) > 0.6


def _runs(all_words: Words, dotted: frozenset[str]) -> list[_Run]:
    """Maximal runs of capitalised words, with initials ("V."), dotted titles ("Maj.") and
    connectors ("of") inside."""
    runs = []
    words, cap = all_words.words, all_words.capital
    starts = list(compress(range(len(cap)), cap))
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
            elif w.text == "." and w.start == words[j - 1].end and _initial_or_title(words[j - 1], dotted) \
                    and j + 1 < n and cap[j + 1]:
                j += 1  # "V." "U.S." "Mr."
            elif w.norm in _CONNECTORS and j + 1 < n and not words[j - 1].text.endswith(("'s", "\u2019s")) \
                    and (cap[j + 1] or (j + 2 < n and words[j + 1].norm in _CONNECTORS and cap[j + 2])):
                j += 1
            else:
                break
        runs.append(tuple.__new__(_Run, (i, j)))  # a _Run without NamedTuple's __new__ (in Python)
        end = j
    return runs


def _title_end(norms: list[str], run: _Run, clues: Clues) -> int:
    """Index just past the last title or role noun inside the run (run.first when none)."""
    end = run.first
    i = run.first
    while i < run.last:
        n = clues.role_at(norms, i)
        if n and i + n <= run.last:
            end = i + n
            i = end
        else:
            i += 1
    return end


def _name_words(words: list[Word], first: int, last: int) -> list[Word]:
    """The name's words: no dots, no single-letter initials between given name and surname; a
    connector ends the name ("Keir Starmer of Britain" -> "Keir Starmer")."""
    out = []
    for w in words[first:last]:
        if w.norm == "of":
            break
        if w.kind == "word":
            out.append(w)
    while out and out[0].norm in _NOT_NAMES:
        out = out[1:]
    if len(out) > 2:
        out = [out[0], *[w for w in out[1:-1] if len(w.text.rstrip(".")) > 1], out[-1]]
    return out


_POSSESSIVES = ("\u2019s", "'s", "\u2019", "'")


def _clean(word: str) -> str:
    if word.endswith(_POSSESSIVES):  # most words: this one test
        for suffix in _POSSESSIVES:
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
        #: at(i): the person whose name holds word ``i``, or None (asked of most words: the dict's own get)
        self.at: Callable[[int], Entity | None] = self._at.get
        self.mentions: list[tuple[int, int, Entity]] = []
        self.things: dict[str, Entity] = {}  # lower-case name -> a named thing that is no person

    # ------------------------------------------------------------------ building
    def add(self, name_ws: list[Word], first: int, last: int, descriptors: set[str], titles: set[str],
            kind: str = "person", entity: Entity | None = None) -> Entity:
        """A mention of words ``first:last`` named ``name_ws``: of ``entity`` when given, else of
        the article's entity of that kind and surname (made when new).  Only people are speakers."""
        if entity is not None:
            ent = entity
        else:
            clean = [_clean(w.text) for w in name_ws]
            surname = clean[-1]
            full = " ".join(clean)
            key = surname.lower() if kind == "person" else f"{kind}:{full.lower()}"
            ent = self.entities.get(key)
            given = " ".join(clean[:-1]) or None
            if ent is None:
                ent = Entity(full, surname, given, kind=kind)
                self.entities[key] = ent
                if kind != "person":
                    self.things.setdefault(full.lower(), ent)
            elif len(name_ws) > len(ent.name.split()):
                ent.name, ent.given = full, given
        ent.descriptors |= descriptors
        ent.titles |= titles
        return self.again(ent, first, last)

    def again(self, ent: Entity, first: int, last: int) -> Entity:
        """Another mention, words ``first:last``, of the known entity ``ent`` (what ``add`` does
        with ``entity`` given and no descriptors or titles: the name's words say nothing more)."""
        ent.mentions.append((first, last))
        if ent.kind == "person":
            for k in range(first, last):
                self._at[k] = ent
        self.mentions.append((first, last, ent))
        return ent

    # ------------------------------------------------------------------ resolution
    def before(self, i: int, fits=None, key=None) -> Entity | None:
        """The nearest entity mentioned before word ``i`` that ``fits``; ``key`` names the test
        (one key, one test), so that the mentions it accepts are listed once and bisected."""
        fitting = fitting_mentions(self, key, fits) if key is not None or fits is None else None
        if fitting is not None:
            k = bisect_left(fitting[0], i)
            return fitting[1][k - 1] if k else None
        for first, _last, ent in reversed(self.mentions):
            if first < i and (fits is None or fits(ent)):
                return ent
        return None

    def by_role(self, i: int, role: str, modifiers: list[str]) -> Entity | None:
        titles = self.lexicon.roles.get(role, frozenset()) | {role}

        def fits_role(ent: Entity) -> bool:
            return bool(ent.titles & titles)

        def fits_all(ent: Entity) -> bool:
            return fits_role(ent) and all(any(same_stem(m, d) for d in ent.descriptors) for m in modifiers)

        return self.before(i, fits_all, ("all", role, tuple(modifiers))) or (
            self.before(i, fits_role, ("role", role)) if not modifiers else None)


def find_people(words: Words, lexicon: Lexicon) -> People:
    """Every person and named thing mentioned in the article, resolved to entities."""
    people = People(words, lexicon)
    ws, norms = words.words, words.norms
    clues = Clues.of(words, lexicon)
    pending: list[_Run] = []
    headline: dict[int, bool] = {}  # sentence -> written in title case (worked out where a run is)
    sentences = words.sentences
    for run in _runs(words, clues.names.dotted_titles):
        if run.last - run.first == 1 and norms[run.first] in _NOT_NAMES:
            continue  # "The", "On", "He" at a sentence's start: most runs, and never a name
        si = words.sentence_of(run.first)
        if si not in headline:
            headline[si] = title_case(ws, sentences[si].first, sentences[si].last)
        if headline[si]:
            pending += _headline_people(people, run, clues)
            continue
        if run.last - run.first > 1:  # (a run of one word has no word before its last)
            run = _after_possessive(ws, run)  # "Norway's coach Ola Berg": "Norway's" names no one
        if run is not None and not _read_run(people, run, clues):
            pending.append(run)
    _surname_mentions(people, pending, clues)
    people.mentions.sort(key=itemgetter(0))  # by first word (stable: in the order added)
    return people


def _headline_people(people: People, run: _Run, clues: Clues) -> list[_Run]:
    """People in a run of a title-case headline, where capitals say nothing: two or three words
    after a title or role noun ("Harbour Chief Ana Ruiz Says ...") or right before a speech verb
    ("... Ana Ruiz Says"), none of which the article writes in lower case or is a role or head
    noun, and whose surname the body writes too (or, after a title, that a speech verb follows).
    Returns the parts of the run left over (read later as mentions of known people)."""
    ws, norms = people.words.words, people.words.norms
    rest, start, i = [], run.first, run.first
    while i < run.last:
        n = clues.role_at(norms, i)
        if n:
            k = i + n
            while k < run.last and k - (i + n) < 3 and headline_name_word(ws[k], clues) \
                    and not people.lexicon.speech.match(norms, k):
                k += 1
            if k - (i + n) >= 2 and not not_a_person(ws[i + n:k], clues) \
                    and (people.lexicon.speech.match(norms, k) or named_elsewhere(ws, i + n, k, run.first, run.last)):
                titles = clues.titles_in(norms, start, i + n)
                titles |= {q for q in [qualified_role(ws, norms, i + n, start, clues)] if q}
                people.add(ws[i + n:k], i + n, k, {w.norm for w in ws[start:i + n] if w.kind == "word"}, titles)
                rest.append(_Run(start, i))
                start = i = k
                continue
        if people.lexicon.speech.match(norms, i):
            j = i
            while j > max(start, i - 3) and headline_name_word(ws[j - 1], clues):
                j -= 1
            if i - j >= 2 and not not_a_person(ws[j:i], clues) and named_elsewhere(ws, j, i, run.first, run.last):
                people.add(ws[j:i], j, i, set(), set())
                rest.append(_Run(start, j))
                start = i
        i += 1
    rest.append(_Run(start, run.last))
    return [r for r in rest if r.last > r.first]


def _after_possessive(ws: list[Word], run: _Run) -> _Run | None:
    """The part of a run after its last possessive word ("Georgia's Ana Ruiz" -> "Ana Ruiz");
    None when nothing capitalised follows it."""
    for k in range(run.last - 2, run.first - 1, -1):
        if ws[k].text.endswith(("'s", "\u2019s")):
            return _Run(k + 1, run.last)
    return run


def _read_run(people: People, run: _Run, clues: Clues) -> bool:
    """Add the run as a person or a named thing when its words or context say which; False when
    nothing does (a surname-only mention, or not a name)."""
    ws, norms, lexicon = people.words.words, people.words.norms, people.lexicon
    head = head_kind(norms, run.first, run.last, clues)
    if head is not None:
        kind, first, last = head
        name_ws = _name_words(ws, first, last)
        if name_ws and not any(w.norm in clues.names.role_words for w in name_ws):
            people.add(name_ws, first, last, set(), set(), kind=kind)
        return True
    first = run.first
    if run.last - first == 1 and norms[first] not in _NOT_NAMES and norms[first] != "of" \
            and (clues.role_firsts.isdisjoint(norms[max(0, first - 3):first + 1])  # no title can start there
                 or not clues.role_at(norms, first) and not clues.role_ending(norms, first)):
        return False  # one word with no title or role: a surname alone, or no name (most runs)
    t_end = _title_end(norms, run, clues)
    of = next((k for k in range(t_end, run.last) if norms[k] == "of"), None)
    if of is not None:
        run = _Run(run.first, of)
    name_ws = _name_words(ws, t_end, run.last)
    if not name_ws or not_a_person(name_ws, clues):
        return not name_ws
    role = clues.role_ending(norms, run.first) or \
        (apposition(ws, norms, t_end, run.last, clues) if len(name_ws) >= 2 else None)
    if (t_end > run.first or role is not None) and len(name_ws) <= 4:  # titled
        descriptors = {w.norm for w in ws[run.first:t_end] if w.kind == "word"}
        titles = clues.titles_in(norms, run.first, t_end)
        if role:
            titles.add(role)
            descriptors.add(role)
        titles |= _qualified_roles(ws, norms, run, t_end, role, clues)
        people.add(name_ws, t_end, run.last, descriptors, titles)
        return True
    if not 2 <= len(name_ws) <= 3 or name_ws[0].norm in _NOT_NAMES or (run.first > 0 and norms[run.first - 1] == "the"):
        return False
    speaks = (lexicon.speech.match(norms, _skip_comma(ws, run.last)) is not None
              or said_before(ws, norms, run.first, clues))
    if speaks or weak_name(ws, name_ws, run.first, clues):
        people.add(name_ws, t_end, run.last, set(), set())
        return True
    return False


def _qualified_roles(ws: list[Word], norms: list[str], run: _Run, t_end: int, role: str | None,
                     clues: Clues) -> set[str]:
    """The person's titles and roles with the words that qualify them ("Harbour Chief Ana Ruiz", "fire
    chief Ana Ruiz", "Ana Ruiz, the city's fire chief," -> "fire chief"), which tell roles apart."""
    ends = [(t_end, run.first)] if t_end > run.first else []
    if role and clues.role_ending(norms, run.first):
        ends.append((run.first, run.first - 5))
    elif role and run.first >= 2 and ws[run.first - 1].text == ",":
        ends.append((run.first - 1, run.first - 7))  # "the union's president, Ana Ruiz,"
    elif role:
        n = len(role.split())
        ends += [(k, run.last + 1) for k in range(run.last + 1 + n, min(len(norms), run.last + 9) + 1)
                 if " ".join(norms[k - n:k]) == role][:1]
    return {q for end, limit in ends if (q := qualified_role(ws, norms, end, max(limit, 0), clues))}


def _surname_mentions(people: People, pending: list[_Run], clues: Clues) -> None:
    """Surname-only mentions of known people ("Putin", "Mr. Trump's"), a misspelt surname of one
    ("Kellerman" in an article about "Ada Kellermann"), and single proper nouns the article never
    writes in lower case, as named things of no known kind."""
    ws = people.words.words
    # no person is added below: the people, and what _alike says of a written word, stay as they are
    persons = [e for e in people.entities.values() if e.kind == "person"]
    alike: dict[str, Entity | None] = {}  # written word -> _alike
    for run in pending:
        for k in range(run.first, run.last):
            w = ws[k]
            if w.kind != "word":
                continue
            word = _clean(w.text).lower()
            ent = people.entities.get(word) or people.things.get(word)
            if ent is None:
                if w.text not in alike:
                    alike[w.text] = _alike(persons, w)
                ent = alike[w.text]
            if ent is None:
                if run.last - run.first == 1 and _proper(ws, k, clues):
                    people.add([w], k, k + 1, set(), set(), kind="name")
                continue
            first = k
            if k > run.first and ent.given and ws[k - 1].text == ent.given.split()[-1]:
                first = k - 1
            people.again(ent, first, k + 1)


def _alike(persons: list[Entity], w: Word) -> Entity | None:
    """The one person of ``persons`` whose surname this word can be a misspelling of, if any."""
    word = _clean(w.text)
    if len(word) < 5 or not word.isalpha():
        return None
    found = [e for e in persons if same_name(word, e.surname)]
    return found[0] if len(found) == 1 else None


def _proper(ws: list[Word], k: int, clues: Clues) -> bool:
    """A capitalised word inside a sentence that the article never writes in lower case."""
    w = ws[k]
    before = ws[k - 1] if k > 0 else None
    return (before is not None and (before.text == "," or (before.kind == "word" and before.text[:1].islower()))
            and len(w.text) >= 4
            and w.text.isalpha() and not w.text.isupper() and w.norm not in clues.lower
            and w.norm not in _NOT_NAMES and w.norm not in clues.names.role_words
            and not clues.role_at([w.norm], 0))


def _skip_comma(ws: list[Word], i: int) -> int:
    return i + 1 if i < len(ws) and ws[i].text == "," else i
