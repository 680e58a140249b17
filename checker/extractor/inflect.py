"""Word forms of the lexicon's lemmas: "kill" -> kill, kills, killed, killing; "victim" -> victims.

The lexicon writes verbs and class nouns as lemmas; matching reads the words as written, so each
lemma is expanded into its forms once, when the lexicon is loaded.  The forms come from
lemminflect (a maintained English inflection table) and are stored for the built-in lexicon in
``rules/lexicons/facts.forms.json`` (``python -m checker.extractor.lexicon`` writes it), so that
start-up does not load the table; a user's lemma not stored there is inflected by lemminflect on
first use, or by regular English endings when lemminflect is not installed.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path

from checker.paths import data_dir

__all__ = ["forms", "stored_forms", "write_stored"]


def _path() -> Path:
    return data_dir("rules", "*.yaml") / "lexicons" / "facts.forms.json"


@functools.cache
def stored_forms() -> dict[str, list[str]]:
    """"pos:lemma" -> its forms, as stored with the built-in lexicon ({} when not written yet)."""
    try:
        return json.loads(_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def _regular(word: str, pos: str) -> set[str]:
    """Regular English endings, when no inflection table is at hand."""
    if pos == "NOUN":
        return {word, word[:-1] + "ies" if word.endswith("y") else word + "s"}
    stem = word[:-1] if word.endswith("e") else word
    return {word, word + "s", stem + "ed", stem + "ing"}


@functools.lru_cache(maxsize=4096)
def _computed(word: str, pos: str) -> tuple[str, ...]:
    try:
        import lemminflect
    except ImportError:  # pragma: no cover - lemminflect is a dependency
        return tuple(sorted(_regular(word, pos)))
    out = {word}
    for variants in lemminflect.getAllInflections(word, upos=pos).values():
        out.update(variants)
    if len(out) == 1:
        out |= _regular(word, pos)
    return tuple(sorted(out))


def forms(phrase: str, pos: str) -> tuple[str, ...]:
    """Every form of ``phrase`` (its first word inflected for a verb, its last for a noun):
    forms("pick up", "VERB") -> ("pick up", "picked up", "picking up", "picks up")."""
    words = phrase.split()
    if not words:
        return ()
    at = 0 if pos == "VERB" else len(words) - 1
    head = words[at]
    if not head.isalpha():
        return (phrase,)
    stored = stored_forms().get(f"{pos}:{head}")
    variants = stored if stored is not None else _computed(head, pos)
    return tuple(" ".join([*words[:at], v, *words[at + 1:]]) for v in variants)


def write_stored(lemmas: dict[str, list[str]]) -> Path:
    """Store the forms of ``{"VERB": [...], "NOUN": [...]}`` lemmas (their head words) with the lexicon."""
    table = {}
    for pos, phrases in lemmas.items():
        for phrase in phrases:
            words = str(phrase).split()
            head = words[0] if pos == "VERB" else words[-1]
            if head.isalpha():
                table[f"{pos}:{head}"] = list(_computed(head, pos))
    path = _path()
    path.write_text(json.dumps(table, sort_keys=True, indent=0) + "\n", encoding="utf-8")
    return path

