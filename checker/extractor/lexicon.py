"""The fact lexicon (rules/lexicons/facts.yaml): synonyms that name fact keys, speech verbs, titles
(the one list of them: extraction's and the speaker comparators').

Phrases are matched on lower-cased word sequences, longest first.  ``Lexicon.load()`` reads the
built-in file once per process; users extend it with files that say ``lexicon: facts``.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path

from checker.errors import Location, RuleError
from checker.paths import data_dir, declared_lexicon
from checker.yamlio import read_yaml

from .inflect import forms, write_stored

__all__ = ["Lexicon", "PhraseTable", "load_lexicon", "normalize_word"]

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'"})


@functools.lru_cache(maxsize=1 << 16)
def normalize_word(word: str) -> str:
    """Lower case, straight apostrophes, no possessive ending."""
    w = word.translate(_APOSTROPHES).lower()
    if w.endswith("'s"):
        w = w[:-2]
    elif w.endswith("s'"):
        w = w[:-1]
    return w


@dataclass(frozen=True)
class PhraseTable:
    """Multi-word phrases -> canonical name; ``match(words, i)`` finds the longest at ``i``."""

    phrases: dict[tuple[str, ...], str]
    longest: int
    firsts: frozenset[str] = frozenset()
    #: first word -> the lengths of the phrases that start with it, longest first
    lengths: dict[str, tuple[int, ...]] = field(default_factory=dict)

    @classmethod
    def build(cls, mapping: dict[str, list[str]]) -> PhraseTable:
        phrases: dict[tuple[str, ...], str] = {}
        for canonical, written in mapping.items():
            for form in map(str, [canonical, *written]):
                # "cease-fire" is matched as written ("cease", "-", "fire") and without the hyphen
                variants = (form.replace("-", " - "), form.replace("-", " ")) if "-" in form else (form,)
                for variant in variants:
                    phrases.setdefault(tuple(map(normalize_word, variant.split())), str(canonical))
        lengths: dict[str, set[int]] = {}
        for k in phrases:
            if k:
                lengths.setdefault(k[0], set()).add(len(k))
        return cls(phrases, max((len(k) for k in phrases), default=1), frozenset(lengths),
                   {w: tuple(sorted(ns, reverse=True)) for w, ns in lengths.items()})

    def match(self, words: list[str], i: int) -> tuple[str, int] | None:
        """(canonical, length) of the longest phrase starting at words[i], or None."""
        if i >= len(words):
            return None
        lengths = self.lengths.get(words[i])
        if lengths is None:
            return None
        left = len(words) - i
        for n in lengths:
            if n <= left:
                hit = self.phrases.get(tuple(words[i:i + n]))
                if hit is not None:
                    return hit, n
        return None


@dataclass(frozen=True)
class Lexicon:
    events: PhraseTable
    verbs: PhraseTable
    speech: PhraseTable
    direct_speech: frozenset[str]
    framing: frozenset[str]
    unnamed: frozenset[str]
    titles: PhraseTable
    #: the one-word titles, lower case without a full stop ("mr", "vice-president"): the words a
    #: speaker phrase is cut after when speakers are compared (checker.comparators.names)
    title_words: frozenset[str]
    roles: dict[str, frozenset[str]]
    dimensions: dict[str, str]
    pronouns: frozenset[str]
    abbreviations: frozenset[str]
    overnight: PhraseTable
    relative_days: dict[str, int]
    sources: tuple[str, ...] = field(default=())
    #: counted nouns -> their class ("victims" -> person), forms as written
    classes: PhraseTable = field(default_factory=lambda: PhraseTable.build({}))
    #: nouns that name a class and what happened to it ("death toll", "deaths" -> person.killed)
    measure_nouns: PhraseTable = field(default_factory=lambda: PhraseTable.build({}))
    #: what a verb counts when no noun is written ("the quake kills 9": killed -> person)
    default_subjects: dict[str, str] = field(default_factory=dict)
    #: what a count of a class with no verb is ("1,000 rescuers": rescuer -> deployed)
    class_measures: dict[str, str] = field(default_factory=dict)
    #: common nouns that name a place a count is broken down by ("in the capital", "at the school")
    place_nouns: frozenset[str] = frozenset()
    #: the user's ``lexicon: names`` files, which people are found with (checker.extractor.names)
    names_files: tuple[str, ...] = ()
    #: measured nouns of percentages and money ("deposit rate", "inflation", "prize money")
    measures: PhraseTable = field(default_factory=lambda: PhraseTable.build({}))
    #: nouns that make a figure a change of its measure ("a 40% increase", "a pay rise")
    change_nouns: frozenset[str] = frozenset()
    #: measures a money figure never takes ("growth", "deposit-rate")
    percent_measures: frozenset[str] = frozenset()
    #: demanded / offered / agreed: where a figure stands in a negotiation
    stances: PhraseTable = field(default_factory=lambda: PhraseTable.build({}))
    #: words before a counted noun that make it another count ("suspected", "more") -> their kind
    count_kinds: dict[str, str] = field(default_factory=dict)
    #: a counted noun's subject -> the whole it is a kind of ("car" -> vehicle): sums.py
    kinds_of: dict[str, str] = field(default_factory=dict)
    #: verbs that make an exact number after them a floor ("the toll crosses 60")
    floor_verbs: frozenset[str] = frozenset()
    #: verbs whose "to <figure>" marks the figure as an update ("has risen to 62")
    update_verbs: frozenset[str] = frozenset()
    #: what happened at a time of day ("kicked off at 21:00" -> start): clock.py
    time_verbs: PhraseTable = field(default_factory=lambda: PhraseTable.build({}))
    #: time zone -> hours from UTC ("cest" -> 2)
    time_zones: dict[str, float] = field(default_factory=dict)
    #: ranked nouns that are moments of the event ("the 86th minute"): ordinals.py
    timed_ranks: frozenset[str] = frozenset()
    #: nouns a rank written as a word ranks ("a fourth league title"): ordinals.py
    ranked_nouns: frozenset[str] = frozenset()
    #: verbs whose "in <year>" dates the thing named before them ("the bridge opened in 1967"): years.py
    built_verbs: frozenset[str] = frozenset()

    @functools.cached_property
    def relative_pair_firsts(self) -> frozenset[str]:
        """The first words of the two-word phrases in ``relative_days`` ("last night" -> "last")."""
        return frozenset(k.split(" ", 1)[0] for k in self.relative_days if " " in k)


def _read(path: Path) -> dict:
    """The mapping of a facts lexicon file; RuleError with its problems at ``file:line:col``."""
    doc, problems = read_yaml(path)
    if doc is None:
        raise RuleError(problems)
    if not isinstance(doc.data, dict) or doc.data.get("lexicon") != "facts":
        raise RuleError([(Location(str(path), 1, 1), "not a facts lexicon (expected `lexicon: facts`)")])
    return doc.data


def _merge(base: dict, extra: dict) -> dict:
    """``extra`` (a user's lexicon file) laid over ``base``: its lists add to base's, its
    ``override:`` sections replace base's entries, its ``remove:`` sections take words out."""
    out = _add(base, {k: v for k, v in extra.items() if k not in ("override", "remove")})
    for section, entries in (extra.get("override") or {}).items():
        if isinstance(entries, dict) and isinstance(out.get(section), dict):
            out[section] = {**out[section], **entries}
        else:
            out[section] = entries
    for section, entries in (extra.get("remove") or {}).items():
        out[section] = _removed(out.get(section), entries)
    return out


def _removed(have, gone):
    """``have`` (a section: a list, or canonical -> list) without ``gone``: a list of words, or
    canonical -> words; a list against a mapping removes whole canonical entries."""
    if isinstance(have, dict) and isinstance(gone, dict):
        drop = {str(k): {normalize_word(str(w)) for w in v or []} for k, v in gone.items()}
        return {k: [w for w in v or [] if normalize_word(str(w)) not in drop.get(str(k), set())]
                for k, v in have.items()}
    words = {normalize_word(str(w)) for w in (gone or [])}
    if isinstance(have, dict):
        return {k: v for k, v in have.items() if normalize_word(str(k)) not in words}
    return [w for w in have or [] if normalize_word(str(w)) not in words]


def _add(base: dict, extra: dict) -> dict:
    out = dict(base)
    for key, value in extra.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            merged = dict(out[key])
            for k, v in value.items():
                if isinstance(v, list) and isinstance(merged.get(k), list):
                    merged[k] = [*merged[k], *v]
                else:
                    merged[k] = v
            out[key] = merged
        elif isinstance(value, list) and isinstance(out.get(key), list):
            out[key] = [*out[key], *value]
        else:
            out[key] = value
    return out


def _inflected(mapping: dict, pos: str) -> dict[str, list[str]]:
    """canonical -> its entries with every form of each (lemmas written once in the lexicon)."""
    return {str(k): [f for form in [k, *(v or [])] for f in forms(str(form), pos)] for k, v in mapping.items()}


def built_in_lemmas() -> dict[str, list[str]]:
    """The built-in lexicon's verb and noun lemmas (for ``checker.extractor.inflect``)."""
    data = _read(data_dir("rules", "*.yaml") / "lexicons" / "facts.yaml")
    verbs = [str(f) for section in ("verbs", "stances", "time_verbs") for k, v in (data.get(section) or {}).items()
             for f in [k, *(v or [])]] + [str(w) for s in ("update_verbs", "floor_verbs", "built_verbs") for w in data.get(s) or []]
    nouns = [str(f) for section in ("classes", "measure_nouns", "measures")
             for k, v in (data.get(section) or {}).items() for f in [k, *(v or [])]]
    return {"VERB": verbs, "NOUN": nouns}


def _as_table(words: list[str]) -> PhraseTable:
    return PhraseTable.build({str(w): [] for w in words})


@functools.cache
def load_lexicon(extra: tuple[str, ...] = ()) -> Lexicon:
    """The built-in facts lexicon merged with the users' ``extra`` lexicon files; those of them
    that say ``lexicon: names`` are kept as ``names_files``, for finding people."""
    names = tuple(p for p in extra if declared_lexicon(p) == "names")
    paths = [data_dir("rules", "*.yaml") / "lexicons" / "facts.yaml", *(Path(p) for p in extra if p not in names)]
    data: dict = {}
    for path in paths:
        data = _merge(data, _read(path))
    roles = {str(k): frozenset(normalize_word(t) for t in v) for k, v in (data.get("roles") or {}).items()}
    return Lexicon(
        events=PhraseTable.build(data.get("events") or {}),
        verbs=PhraseTable.build(_inflected(data.get("verbs") or {}, "VERB")),
        speech=_as_table(data.get("speech_verbs") or []),
        direct_speech=frozenset(normalize_word(w) for w in data.get("direct_speech") or []),
        framing=frozenset(normalize_word(w) for w in data.get("framing_determiners") or []),
        unnamed=frozenset(normalize_word(w) for w in data.get("unnamed_sources") or []),
        titles=_as_table(data.get("titles") or []),
        title_words=frozenset(str(t).casefold().rstrip(".") for t in data.get("titles") or [] if " " not in str(t)),
        roles=roles,
        dimensions={str(k): str(v) for k, v in (data.get("dimensions") or {}).items()},
        pronouns=frozenset(normalize_word(p) for p in data.get("pronouns") or []),
        abbreviations=frozenset(str(a).lower().rstrip(".") for a in data.get("abbreviations") or []),
        overnight=_as_table(data.get("overnight") or []),
        relative_days={str(k): int(v) for k, v in (data.get("relative_days") or {}).items()},
        sources=tuple(str(p) for p in paths),
        classes=PhraseTable.build(_inflected(data.get("classes") or {}, "NOUN")),
        measure_nouns=PhraseTable.build(_inflected(data.get("measure_nouns") or {}, "NOUN")),
        default_subjects={str(k): str(v) for k, v in (data.get("default_subjects") or {}).items()},
        class_measures={str(k): str(v) for k, v in (data.get("class_measures") or {}).items()},
        place_nouns=frozenset(normalize_word(w) for w in data.get("place_nouns") or []),
        names_files=names,
        measures=PhraseTable.build(_inflected(data.get("measures") or {}, "NOUN")),
        change_nouns=frozenset(normalize_word(w) for w in data.get("change_nouns") or []),
        percent_measures=frozenset(str(w) for w in data.get("percent_measures") or []),
        stances=PhraseTable.build(_inflected(data.get("stances") or {}, "VERB")),
        count_kinds={normalize_word(str(w)): str(k) for k, v in (data.get("count_kinds") or {}).items() for w in v or []},
        kinds_of={str(w): str(k) for k, v in (data.get("kinds_of") or {}).items() for w in v or []},
        floor_verbs=frozenset(f for w in data.get("floor_verbs") or [] for f in forms(str(w), "VERB")),
        update_verbs=frozenset(f for w in data.get("update_verbs") or [] for f in forms(str(w), "VERB")),
        time_verbs=PhraseTable.build(_inflected(data.get("time_verbs") or {}, "VERB")),
        time_zones={normalize_word(str(k)): float(v) for k, v in (data.get("time_zones") or {}).items()},
        timed_ranks=frozenset(normalize_word(str(w)) for w in data.get("timed_ranks") or []),
        ranked_nouns=frozenset(normalize_word(str(w)) for w in data.get("ranked_nouns") or []),
        built_verbs=frozenset(f for w in data.get("built_verbs") or [] for f in forms(str(w), "VERB")),
    )


if __name__ == "__main__":  # pragma: no cover - a build step: store the built-in lemmas' forms
    print(write_stored(built_in_lemmas()))
