"""Apply rules to what extraction found: ``evaluate(articles, extractions, rules) -> [Finding]``.

For each enabled rule the engine picks the facts its ``match`` accepts, splits facts, quotes and
name mentions by story (unless ``same_story: false``; articles without a story are one story), runs
the rule's comparator on each story, and turns each :class:`Discrepancy` into a
:class:`~checker.findings.Finding`:

- claims: every item of every side, with 1-based line and column from the article;
- message: the rule's template filled in (``{key}``, ``{sides}``, ``{outlets}`` ...);
- severity: the rule's, one step lower when the sides come only from articles published on
  different days (the later one may be an update; the message says so);
- id: a hash of the rule id, the key and the sorted (article, text) of the claims, so the same
  finding has the same id in every run.

Findings come out sorted by the first claim's place, then rule, key and id (:func:`finding_order`).
One call is one evaluation: what the comparators work out once and read again (the
:class:`~checker.comparators.memo.Memo`) is made for it and let go when it returns.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping

from checker.comparators.base import Discrepancy, Item, Selection

from . import comparators
from .comparators.memo import Memo
from .findings import Claim, Finding, FindingSide
from .model import SEVERITIES, Article, ArticleFacts, Fact, Mention, Quote

__all__ = ["evaluate", "finding_id", "finding_order", "lower_severity"]


def evaluate(articles: Iterable[Article], extractions: Mapping[str, ArticleFacts], rules) -> list[Finding]:
    """Every finding of the enabled ``rules`` (a RuleSet or Rules) over ``articles``."""
    by_id = {a.id: a for a in articles}
    facts, quotes, mentions = _gather(by_id, extractions)
    enabled = rules.enabled() if hasattr(rules, "enabled") else [r for r in rules if r.enabled]
    found: dict[str, Finding] = {}
    split: dict[bool, dict[str, tuple[list[Quote], list[Mention]]]] = {}  # quotes and mentions by story, once
    memo = Memo()  # what the comparators work out once in this evaluation (let go when it returns)
    for rule in enabled:
        module = comparators.get(rule.kind)
        accepts = _accepter(rule.match)
        picked = tuple(f for f in facts if accepts(f))
        for sel in _selections(by_id, picked, quotes, mentions, rule.match.same_story, split, memo):
            for d in module.compare(sel, rule.options):
                f = build_finding(rule, module.TYPE, d)
                found.setdefault(f.id, f)
    return sorted(found.values(), key=finding_order)


def _accepter(match):
    """``match.accepts``, which reads only a fact's key, dimension and noun, worked out once for
    each of those (a corpus has a few hundred keys and a hundred thousand facts)."""
    memo: dict[tuple[str, str, str | None], bool] = {}

    def accepts(fact: Fact) -> bool:
        q = fact.quantity
        k = (fact.key, q.dimension, q.noun)
        hit = memo.get(k)
        if hit is None:
            hit = memo[k] = match.accepts(fact)
        return hit

    return accepts


def _gather(by_id: Mapping[str, Article], extractions: Mapping[str, ArticleFacts]):
    """Facts, quotes and mentions of known articles, in article order."""
    facts: list[Fact] = []
    quotes: list[Quote] = []
    mentions: list[Mention] = []
    for aid in sorted(by_id):
        ex = extractions.get(aid)
        if ex is None:
            continue
        facts += [f for f in ex.facts if f.article in by_id]
        quotes += [q for q in ex.quotes if q.article in by_id]
        mentions += [m for m in ex.mentions if m.article in by_id]
    return tuple(facts), tuple(quotes), tuple(mentions)


def _selections(by_id, facts, quotes, mentions, same_story: bool, split: dict | None = None,
                memo: Memo | None = None) -> list[Selection]:
    """One Selection a story, each with ``memo`` (a new :class:`Memo` when None).  Each item is
    visited once (not once a story), and the quotes and mentions, which no rule's ``match`` picks
    from, are split once for all rules (``split``)."""
    def story(article_id: str) -> str:
        return (by_id[article_id].story or "") if same_story else ""

    names = sorted({story(a) for a in by_id})
    split = {} if split is None else split
    if same_story not in split:
        others: dict[str, tuple[list[Quote], list[Mention]]] = {s: ([], []) for s in names}
        for n, items in enumerate((quotes, mentions)):
            for item in items:
                others[story(item.article)][n].append(item)
        split[same_story] = others
    by_story: dict[str, list[Fact]] = {s: [] for s in names}
    for f in facts:
        by_story[story(f.article)].append(f)
    others = split[same_story]
    memo = Memo() if memo is None else memo
    return [Selection(s or None, by_id, tuple(by_story[s]), tuple(others[s][0]), tuple(others[s][1]), memo)
            for s in names]


def claim(item: Item) -> Claim:
    """The Claim of one item: where it is written, what it says, who said it."""
    a = item.article
    line, column = a.position(item.start)
    end_line, end_column = a.end_position(item.end)
    return Claim(a.id, a.outlet, a.path, line, column, end_line, end_column, item.text,
                 item.speaker, item.quantity, a.published)


def lower_severity(severity: str) -> str:
    """One step less severe (info stays info)."""
    i = SEVERITIES.index(severity)
    return SEVERITIES[min(i + 1, len(SEVERITIES) - 1)]


def _day(article: Article) -> str | None:
    return article.published[:10] if article.published else None


def update_days(d: Discrepancy) -> list[str]:
    """The publication days, when no two sides have articles of one day (else [])."""
    if not d.updates:
        return []
    days = [{_day(i.article) for i in side.items} for side in d.sides]
    if len(days) > 1:  # (linear: a day seen in an earlier side is a day two sides share)
        seen: set[str | None] = set()
        for a in days:
            if None in a or not seen.isdisjoint(a):
                return []
            seen |= a
    return sorted(set().union(*days))


def sides_text(d: Discrepancy) -> str:
    """ "two hours" (A, B) vs "more than two hours" (C) """
    return " vs ".join(f"{s.label} ({', '.join(s.outlets)})" for s in d.sides)


def build_finding(rule, finding_type: str, d: Discrepancy) -> Finding:
    """The Finding a rule makes of a discrepancy."""
    claims = tuple(claim(i) for s in d.sides for i in s.items)
    outlets = sorted({c.outlet for c in claims}, key=lambda o: (o.casefold(), o))
    fields = {"rule": rule.id, "key": d.key, "sides": sides_text(d), "outlets": ", ".join(outlets),
              "count": str(len(outlets)), "detail": d.detail or "", **dict(d.fields)}
    try:
        message = rule.message.format_map(fields)
    except (KeyError, IndexError, ValueError, AttributeError):  # validated at load; never fail a run
        message = f"{d.key}: {fields['sides']}"
    severity = lower_severity(rule.severity) if d.milder else rule.severity
    days = update_days(d)
    if days:
        severity = lower_severity(severity)
        message += f" (possibly an update rather than a discrepancy: published on {', '.join(days)})"
    return Finding(finding_id(rule.id, d.key, claims), rule.id, finding_type, severity, message,
                   d.key, claims, d.detail, finding_sides(d) if finding_type in _SIDED else ())


#: the finding types that list their sides: a side per value stated, per wording of a quoted
#: statement, or per speaker or source credited with the same words or figure
_SIDED = frozenset({"numeric", "qualifier", "internal", "quote", "attribution"})


def finding_sides(d: Discrepancy) -> tuple[FindingSide, ...]:
    """The sides of a discrepancy as the finding's claims (in the order ``build_finding`` lists
    them) stand on them, each with a likely explanation where one applies."""
    out, at = [], 0
    firsts = [min((_day(i.article) or "") for i in s.items) for s in d.sides]
    latest = _latest_of_others([max((_day(i.article) or "") for i in s.items) for s in d.sides])
    speakers = [{i.speaker for i in s.items} for s in d.sides]
    sides_with: dict[str | None, int] = {}  # speaker -> how many sides have an item of theirs
    for group in speakers:
        for sp in group:
            sides_with[sp] = sides_with.get(sp, 0) + 1
    for k, side in enumerate(d.sides):
        n = len(side.items)
        sources = tuple(sorted(sp for sp in speakers[k] if sp))
        # (a speaker is in another side when more sides than this one have it)
        none_elsewhere = sides_with.get(None, 0) - (None in speakers[k]) == 0
        explanation = None
        if d.updates and firsts[k] and (latest[k] is None or firsts[k] > latest[k]):
            explanation = "a later figure"
        elif sources and none_elsewhere and all(sides_with[sp] == 1 for sp in sources) \
                and not d.key.startswith("quote/"):
            # (a quote finding's sides are one speaker's wordings: never another source)
            explanation = "another source"
        elif "[part]" in d.key:
            explanation = "a part of the total"
        value = side.items[0].quantity.text if side.items[0].quantity else side.label.strip('"')
        out.append(FindingSide(side.label, value, tuple(range(at, at + n)), side.outlets, sources, explanation))
        at += n
    return tuple(out)


def _latest_of_others(lasts: list[str]) -> list[str | None]:
    """Per side, the latest of the other sides' values (None when there is no other side)."""
    if len(lasts) < 2:
        return [None] * len(lasts)
    top = max(range(len(lasts)), key=lambda k: lasts[k])
    second = max(lasts[k] for k in range(len(lasts)) if k != top)
    return [second if k == top else lasts[top] for k in range(len(lasts))]


def finding_id(rule_id: str, key: str, claims: Iterable[Claim]) -> str:
    """A stable id: the same rule, key and claims give the same id in every run."""
    parts = sorted((c.article, c.text) for c in claims)
    blob = json.dumps([rule_id, key, parts], ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()[:16]


def finding_order(f: Finding) -> tuple:
    """The order findings come out in: the first claim's place, then rule, key and id."""
    first = f.claims[0] if f.claims else None
    place = (first.path, first.line, first.column) if first else ("", 0, 0)
    return (*place, f.rule, f.key, f.id)
