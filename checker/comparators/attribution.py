"""The same words, or the same figure, are credited to different sources.

Quotes are compared sentence by sentence: two sentences from different articles are the same words
when they are identical after normalising case and punctuation (a whole sentence of at least
``min_sentence_words`` words), or, for sentences of at least ``min_words`` words, when one contains
the other or their word alignment reaches ``min_similarity``.  When such words are given to
different named speakers (speaker phrases that end in a name: "the Russian leader" is a
description, not a speaker that can be wrong, unless it refers back to the person just named), the
finding names each speaker with the outlets that give the words to them, and shows each speaker's
quote whole.  With ``include_facts``, one figure (:mod:`.figures`: the same value, unit and noun,
with the same key or a distinctive value) credited to different named sources is checked the same
way: the ``figure-attribution`` rule; durations are left out, and an article that names both
sources, or sources that share a surname (the spelling rules' business), are no finding; nor is a
figure credited to a person by one outlet and to a body by another ("the government announced" /
"the prime minister announced"): a body's figure is announced by its head or its spokesperson, so
a person the story names with a role ("Finance Minister Anna Conti") is compared with persons
only, and a body it never names as a person with bodies only.

With ``channels`` (the ``quote-channel`` rule), the same words of one speaker are compared instead on
how each outlet says they were given (:mod:`.channels`): the channel or audience and the day.

flags:
    A: "We want to see outcomes, not more talks," Vice President JD Vance said.
    B: "We want to see outcomes, not more talks," Secretary of State Marco Rubio said.
    -> JD Vance (A) vs Marco Rubio (B)
    C: Harbour master Paolo Ferri said 35 boats were lost.
    D: Coastguard commander Anna Conti said 35 boats were lost.
    -> (include_facts) Paolo Ferri (C) vs Anna Conti (D)
    E: "Every family will have a roof," Mayor Ana Ruiz told reporters on Monday.
    F: "Every family will have a roof," Mayor Ana Ruiz wrote on X on Tuesday.
    -> (channels) told reporters on Monday (E) vs wrote on X on Tuesday (F)
    G: "...," Ruiz said in a televised address. / H: "...," Ruiz told parliament.
    -> (channels) in a televised address (G) vs told parliament (H)

passes:
    A: "We want to see outcomes, not more talks," Vice President JD Vance said.
    B: "We want to see outcomes, not more talks," Mr. Vance said.   (one speaker, named two ways)
    C: "We want to see outcomes, not more talks," the vice-president said.   (a description)
    D: The call lasted more than two hours, Anna Conti said. / E: The call lasted more than two
       hours, Paolo Ferri said.   (a duration: both parties may tell it)
    F: The Treasury announced 40 grants. / G: Finance Minister Anna Conti announced 40 grants.
       (a body and a person who may speak for it)
    H: "...," Ruiz told reporters. / I: "...," Ruiz told journalists.   (channels: one channel
       worded two ways; so are "on X" and "tweeted")
    J: "...," Ruiz said on Monday. / K: "...," Ruiz said.   (channels: a day, or a channel, that
       one outlet alone gives)
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from checker.model import Fact, Quote

from .base import Discrepancy, Selection, Side, sort_sides
from .candidates import candidates, run_length
from .channels import channel_findings, statements
from .figures import same_figures
from .memo import Memo
from .names import cluster_speakers, display, is_named, speaker_key, surname_word
from .newscope import EVERYTHING, NOTHING, NewScope
from .spec import Opt
from .statements import sentences, statement_of
from .unionfind import UnionFind

# How the work scales (docs/rules.md, "What comparison costs"): quotes with the same normalised words
# are one wording, whoever they are given to; wordings are related only for the candidate pairs of
# checker.comparators.candidates (pairs that share a run of words long enough for min_similarity;
# exact for stories with up to SMALL_BLOCK wordings), and groups are built over wordings, not quotes.

ID = "attribution"
TYPE = "attribution"
OPTIONS = {
    "min_words": Opt("integer", "shortest quote (in words) whose speaker is compared", minimum=1),
    "min_similarity": Opt("number", "word similarity (0-1) from which two quotes are the same words",
                          minimum=0, maximum=1),
    "include_facts": Opt("boolean", "also compare the sources of one figure: facts with the same value, "
                         "unit and noun, and the same key or a distinctive value (see min_value)"),
    "quotes": Opt("boolean", "compare the speakers of quotes (off for a rule about figures only)"),
    "min_sentence_words": Opt("integer", "shortest quoted sentence (in words) compared when it is the same "
                              "words whole", minimum=1),
    "min_value": Opt("integer", "smallest number (not a range) that is one figure whatever its key, when "
                     "its unit and counted noun agree", minimum=0),
    "channels": Opt("boolean", "compare how one speaker's same words were given instead: the channel or "
                    "audience (\"told reporters\", \"wrote on X\") and the day each outlet gives"),
}
DEFAULTS = {"min_words": 6, "min_similarity": 0.9, "include_facts": False, "quotes": True,
            "min_sentence_words": 4, "min_value": 10, "channels": False}
PLACEHOLDERS = {"words": "the words (or value) given to several speakers",
                "given": "with channels: what differs, \"channel or audience\" or \"day\"",
                "speaker": "with channels: who gave the words, as most fully named"}


def new_scope(options: Mapping[str, Any]) -> NewScope:
    """--new: quotes are linked transitively (a new quote may reach another through a third), so
    every quote (also with ``channels``); with ``include_facts``, every fact too (one figure may be
    keyed two ways)."""
    return NewScope(facts=EVERYTHING if options.get("include_facts") else NOTHING,
                    quotes=EVERYTHING if options.get("quotes", True) or options.get("channels") else NOTHING)


def compare(sel: Selection, options: Mapping[str, Any]) -> Iterator[Discrepancy]:
    """One discrepancy per quote (or fact value) given to more than one speaker."""
    words = sel.memo.words
    shortest = min(options["min_words"], options["min_sentence_words"])
    quotes = [part for q in sel.quotes if is_named(q.speaker) for part in sentences(q)
              if len(words(part.text)) >= shortest]
    if options["channels"]:
        groups = statements(sel, options["min_words"], options["min_similarity"])
        yield from channel_findings(sel, groups, _whole_quote_item(sel))
    elif options["quotes"]:
        for group in _same_words(quotes, options, sel.memo):
            found = _speakers(sel, group, "quote")
            if found:
                yield found
    if options["include_facts"]:
        named = [f for f in sel.facts if is_named(f.speaker)]
        persons = _person_keys(sel)
        for same in same_figures(named, options["min_value"]):
            found = _speakers(sel, _one_sort(same, persons), "fact")
            if found:
                yield found


def _same_words(quotes: list[Quote], options, memo: Memo) -> list[list[Quote]]:
    """Quotes that are the same words, in groups (each group in (article, start) order, groups in
    the order of their first quote): two quotes of different articles are linked when their
    wordings are identical, one contains the other, or they align with ``min_similarity`` (asked
    through ``memo``, the evaluation's)."""
    quotes = sorted(quotes, key=lambda q: (q.article, q.start))
    index: dict[tuple[str, ...], int] = {}
    wid = [index.setdefault(memo.words(q.text), len(index)) for q in quotes]
    wordings = list(index)
    articles: list[set[str]] = [set() for _ in wordings]
    for q, u in zip(quotes, wid, strict=True):
        articles[u].add(q.article)
    min_sim = options["min_similarity"]
    floor = max(40.0, 100 * min_sim - 20)
    # a wording is one node: its quotes in two or more articles are linked to each other, and a
    # wording in one article is linked, all its quotes at once, to anything in another article
    uf = UnionFind(range(len(wordings)))
    linked = {u for u in range(len(wordings)) if len(articles[u]) > 1}
    short = [len(w) < options["min_words"] for w in wordings]  # linked only when the same words whole
    for u, v in candidates(wordings, run_length(min_sim)).pairs:
        if short[u] or short[v] or len(articles[u]) == 1 and articles[u] == articles[v]:
            continue  # both only in one article: quotes of one article are never linked directly
        if uf.find(u) == uf.find(v):
            continue  # in one group already: aligning them cannot change the groups
        rel = memo.relate(wordings[u], wordings[v], floor=floor, min_similarity=min_sim)
        if rel.kind in ("same", "contained") or (rel.kind == "other" and rel.similarity >= min_sim):
            uf.union(u, v)
            linked.update((u, v))
    groups: dict[Any, list[Quote]] = {}
    for q, u in zip(quotes, wid, strict=True):
        if u in linked:
            groups.setdefault(uf.find(u), []).append(q)
    return list(groups.values())


def _person_keys(sel: Selection) -> tuple[frozenset[str], frozenset[str]]:
    """The last name words of the persons the story names: (those named with a title or role,
    all of them); a name alone may be a body's, one the story never gives a role."""
    named = [(m.role, surname_word(speaker_key(m.entity or m.text))) for m in sel.mentions
             if m.kind == "person" and speaker_key(m.entity or m.text)]
    return frozenset(w for role, w in named if role), frozenset(w for _, w in named)


def _one_sort(facts: list[Fact], persons: tuple[frozenset[str], frozenset[str]]) -> list[Fact]:
    """The facts whose sources can be compared: a person named with a role is not compared with a
    body the story never names as a person (the person may speak for the body); persons are
    compared with persons and bodies with bodies, and a name of neither sort with both."""
    with_role, named = persons
    person_side, body_side = [], []
    for f in facts:
        word = surname_word(speaker_key(f.speaker))
        if word not in named or word not in with_role:
            body_side.append(f)
        if word in named:
            person_side.append(f)
    for side in (person_side, body_side):
        if len({speaker_key(f.speaker) for f in side}) > 1:
            return side
    return []


def _whole_quote_item(sel: Selection):
    """Quote (or one of its sentences) -> the Item of the whole quote as printed: a finding shows
    each speaker's words in full, whichever sentence of them is the same."""
    whole = {statement_of(q): q for q in sel.quotes}

    def item(q: Quote):
        return sel.quote_item(whole.get(statement_of(q), q))
    return item


def _speakers(sel: Selection, items: list[Quote] | list[Fact], what: str) -> Discrepancy | None:
    """The discrepancy when ``items`` (one set of words, or one value) have several speakers."""
    keyed = [(speaker_key(x.speaker), x) for x in items]
    canon = cluster_speakers(k for k, _ in keyed if k)
    if what == "fact" and len({surname_word(canon[k]) for k, _ in keyed if k}) < 2:
        return None  # one surname: a given name told two ways is the spelling rules' finding
    sides: dict[tuple[str, ...], list] = {}
    for k, x in keyed:
        if k:
            sides.setdefault(canon[k], []).append(x)
    articles = [{x.article for x in xs} for xs in sides.values()]
    if not any(a.isdisjoint(b) for i, a in enumerate(articles) for b in articles[i + 1:]):
        return None  # only an article that gives the words to both: one may be quoting the other
    to_item = _whole_quote_item(sel) if what == "quote" else sel.fact_item
    out = []
    for xs in sides.values():
        name = max((display(x.speaker or "") for x in xs), key=lambda s: (len(s), s))
        out.append(Side(name, tuple(dict.fromkeys(to_item(x) for x in xs))))
    out = sort_sides(out)
    text = max((to_item(x).text for x in items), key=len)
    if what == "quote":
        key = "attribution/" + "-".join(sel.memo.words(text)[:6])
    else:
        key = items[0].key
    return Discrepancy(key, tuple(out), f'"{text}"', (("words", text),))
