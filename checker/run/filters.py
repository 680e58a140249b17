"""Which findings a check shows, and whether they fail it.

In: the engine's findings, the articles (their ignore lists and suppression comments) and the
run's settings (ignored rules, ``--new`` articles, baseline ids, ``--min-severity``, ``--fail-on``).
Out: the findings shown, those that count towards ``--fail-on`` (shown or hidden), how many were
suppressed, baselined or hidden (counted, never dropped silently), and the exit status.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from checker.errors import Location, UsageError
from checker.findings import Finding
from checker.model import SEVERITIES, Article

from .baseline import stale_keys

__all__ = ["check_baseline_keys", "exit_code", "filter_findings", "rank"]


def rank(severity: str) -> int:
    """0 for the most severe of :data:`checker.model.SEVERITIES`, counting up; an unknown severity
    after them all."""
    return SEVERITIES.index(severity) if severity in SEVERITIES else len(SEVERITIES)


def _suppressed(f: Finding, articles: dict[str, Article], ignore: Sequence[str]) -> bool:
    """Whether a setting, an article's front matter or a suppression comment silences ``f``."""
    if f.rule in ignore:
        return True
    for claim in f.claims:
        article = articles.get(claim.article)
        if article is None:
            continue
        if f.rule in article.ignore_rules or "*" in article.ignore_rules:
            return True
        for line, rule, _reason in article.suppressions:
            if rule in (f.rule, "*") and claim.line <= line <= max(claim.end_line, claim.line):
                return True
    return False


def check_baseline_keys(baseline_ids: frozenset[str], known_keys: set[str] | None) -> None:
    """A UsageError when the baseline names fact keys that no fact of this run has (keys were
    renamed, see the changelog's old -> new table): never a silent no-op.  ``known_keys``: the
    run's fact keys (None: not checked)."""
    if known_keys is None:
        return
    stale = stale_keys(baseline_ids, known_keys)
    if stale:
        shown = ", ".join(stale[:5]) + (f" and {len(stale) - 5} more" if len(stale) > 5 else "")
        raise UsageError(
            f"baseline names fact key{'s' if len(stale) > 1 else ''} that no fact has any more: {shown}; "
            "keys were renamed (CHANGELOG lists old -> new): record the baseline again with "
            "`crosscheck baseline --output FILE`, or edit its keys", Location(getattr(baseline_ids, "path", "baseline")))


def filter_findings(findings: Sequence[Finding], articles: Sequence[Article], *, ignore: Sequence[str] = (),
                    new_ids: set[str] | None = None, baseline_ids: frozenset[str] = frozenset(),
                    min_severity: str = "info", known_keys: set[str] | None = None,
                    ) -> tuple[list[Finding], list[Finding], dict[str, int]]:
    """(shown, failing, counts): --new scope first, then suppressions, the baseline and --min-severity.
    ``known_keys`` (the run's fact keys) makes a baseline that names a vanished key an error."""
    check_baseline_keys(baseline_ids, known_keys)
    by_id = {a.id: a for a in articles}
    counts = {"suppressed": 0, "baselined": 0, "hidden": 0}
    failing = []
    for f in findings:
        if new_ids is not None:
            if not any(c.article in new_ids for c in f.claims):
                continue
            # the new article's words first: annotations and SARIF results land on the changed file
            f = replace(f, claims=tuple(sorted(f.claims, key=lambda c: c.article not in new_ids)))
        if _suppressed(f, by_id, ignore):
            counts["suppressed"] += 1
        elif f.id in baseline_ids:
            counts["baselined"] += 1
        else:
            failing.append(f)
    shown = [f for f in failing if rank(f.severity) <= rank(min_severity)]
    counts["hidden"] = len(failing) - len(shown)
    return shown, failing, counts


def exit_code(findings: Sequence[Finding], fail_on: str) -> int:
    """0 when nothing is at or above ``fail_on`` (or it is ``never``), else 1."""
    if fail_on == "never":
        return 0
    return 1 if any(rank(f.severity) <= rank(fail_on) for f in findings) else 0
