"""The name mentions of one article as :class:`checker.model.Mention` values, what the name and role
comparators read: each mention's written form, surname, given names, entity, kind and roles (the
person's titles and the rank words written before them, extractor/ranks.py).

In: the article, its words and its people (extractor/people.py), the fact lexicon, and the function
that makes an id from its parts.  Out: the mentions in text order.
"""

from __future__ import annotations

from collections.abc import Callable

from checker.model import Article, Mention

from .lexicon import Lexicon
from .names import load_names
from .people import Entity, People
from .ranks import ranks_before
from .sentences import Words

__all__ = ["find_mentions"]

_POSSESSIVES = ("\u2019s", "'s")


def find_mentions(article: Article, words: Words, people: People, lexicon: Lexicon,
                  make_id: Callable[..., str]) -> list[Mention]:
    """Every mention of a named person or thing in ``people``, in text order."""
    ws = words.words
    roles: dict[int, str | None] = {}  # id(entity) -> its roles, worked out once a person
    titles = lexicon.title_words | load_names().role_words
    out = []
    for first, last, ent in people.mentions:
        if last - first == 1:  # most mentions: one word
            name_words = [ws[first]] if ws[first].kind == "word" else []
        else:
            name_words = [w for w in ws[first:last] if w.kind == "word"]
        if not name_words:
            continue
        start, end = name_words[0].start, name_words[-1].end
        surname = name_words[-1].text
        if surname.endswith(_POSSESSIVES):  # most words: this one test
            for suffix in _POSSESSIVES:
                if surname.endswith(suffix):
                    surname = surname[: -len(suffix)]
                    end -= len(suffix)
        if id(ent) not in roles:
            roles[id(ent)] = _roles(words, ent, titles) if ent.titles else None
        given = None  # most mentions are of one word
        if len(name_words) > 1:
            given = " ".join(w.text for w in name_words[:-1] if len(w.text) > 1) or None
        out.append(Mention(
            id=make_id(article.id, "mention", start), article=article.id, text=article.text[start:end],
            start=start, end=end, surname=surname, given=given, entity=ent.name, kind=ent.kind,
            role=roles[id(ent)],
        ))
    return out


def _roles(words: Words, ent: Entity, titles: frozenset[str]) -> str | None:
    """The person's titles and the rank words before them not already among them ("retired",
    "deputy"), joined by "; "; None when there are none."""
    ranks = []
    if ent.kind == "person" and ent.titles:
        ranks = [r for r in ranks_before(words, ent.mentions, titles) if r not in ent.titles]
    return "; ".join(sorted(ent.titles) + ranks) or None
