"""``check --new``: the new articles compared only with what of the corpus can pair with them.

In: the articles, their facts, the rules and the ids of the new articles.  Out: the engine's
findings, among which those that involve a new article are exactly those of a whole evaluation
(tests/unit/test_pipeline_new.py compares both on random corpora, for every kind).

Each kind's module says what it needs of the other articles (``new_scope``, see
:mod:`checker.comparators.newscope`); with ``same_story`` (the default) only the new articles'
stories count.  Each group of rules that needs the same is evaluated on its own cut of the corpus.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from checker.comparators import get as comparator
from checker.comparators.newscope import NewScope
from checker.findings import Finding
from checker.model import Article, ArticleFacts

__all__ = ["evaluate_scoped", "need"]


def need(rule: Any) -> tuple[NewScope, bool] | None:
    """What ``rule`` compares a new article's items with (its kind's :class:`NewScope` for the
    rule's options), and whether only the new articles' stories count; None for a kind whose
    module does not say (it gets everything)."""
    try:
        module = comparator(getattr(rule, "kind", None))
    except LookupError:
        return None
    new_scope = getattr(module, "new_scope", None)
    if new_scope is None:
        return None
    scope = new_scope(getattr(rule, "options", None) or {})
    return scope, bool(getattr(getattr(rule, "match", None), "same_story", False))


def _cut(articles: Sequence[Article], extractions: Mapping[str, ArticleFacts], new_ids: set[str],
         scope: NewScope, same_story: bool) -> dict[str, ArticleFacts]:
    """The new articles' facts whole, and of the others what ``scope`` reaches (nothing of an
    article outside the new articles' stories, with ``same_story``)."""
    story = {a.id: a.story or "" for a in articles}
    new = [extractions[a] for a in new_ids if a in extractions]
    stories = {story[a] for a in new_ids if a in story}
    facts = scope.facts([f for x in new for f in x.facts])
    quotes = scope.quotes([q for x in new for q in x.quotes])
    mentions = scope.mentions([m for x in new for m in x.mentions])
    out = {}
    for aid, x in extractions.items():
        if aid in new_ids:
            out[aid] = x
        elif same_story and story.get(aid, "") not in stories:
            out[aid] = ArticleFacts(x.article)
        else:
            out[aid] = ArticleFacts(x.article, facts(x.facts), quotes(x.quotes), mentions(x.mentions))
    return out


def evaluate_scoped(articles: Sequence[Article], extractions: Mapping[str, ArticleFacts], ruleset: Any,
                    new_ids: set[str] | None) -> list[Finding]:
    """The engine's findings; with ``new_ids``, each group of rules sees only the cut of the corpus
    that can pair with the new articles (the findings that involve them are the same)."""
    from checker.engine import evaluate

    if hasattr(ruleset, "enabled"):
        rules = ruleset.enabled()
    else:  # the engine's other form: rules, of which the enabled ones run
        rules = [r for r in ruleset if r.enabled] if isinstance(ruleset, (list, tuple)) else None
    needs = [need(r) for r in rules] if new_ids is not None and rules is not None else []
    if not needs or None in needs:
        return evaluate(articles, extractions, ruleset)
    from checker.engine import finding_order

    groups: dict[tuple[NewScope, bool], list[Any]] = {}
    for rule, n in zip(rules, needs, strict=True):
        groups.setdefault(n, []).append(rule)
    findings = []
    for (scope, same_story), group in groups.items():
        findings += evaluate(articles, _cut(articles, extractions, new_ids, scope, same_story), group)
    return sorted(findings, key=finding_order)
