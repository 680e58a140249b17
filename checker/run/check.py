"""The check run: settings -> Report.

    load rules -> read articles -> extract (cache, --jobs processes, progress) -> evaluate
    -> filter (--new, suppressions, baseline, --min-severity) -> Report

Rules load first, so a broken rule file fails before any article is read.  Reading and extracting
is :mod:`checker.run.extraction` (the same for ``extract``); with ``--new``, the engine compares the
new articles only with what of the corpus can pair with them (:mod:`checker.run.scope`); the
filters are :mod:`checker.run.filters`.  Suppressed, baselined and hidden findings are counted in
the Report, never dropped silently.  A path that cannot be read (missing, a FIFO, no permission) does
not stop the run: the other articles are checked, and the result carries the error (exit 2).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from checker.errors import CheckerError, Errors, UsageError
from checker.findings import Finding, Report
from checker.model import Article

from .extraction import read_and_extract
from .filters import exit_code, filter_findings
from .scope import evaluate_scoped

__all__ = ["CheckResult", "run_check", "unknown_rule_notes"]


@dataclass(frozen=True)
class CheckResult:
    """The report, and every finding that counts towards --fail-on (shown or hidden)."""

    report: Report
    failing: tuple[Finding, ...]
    cache_note: str | None = None
    fail_on: str = "error"
    errors: tuple[CheckerError, ...] = ()  # paths that could not be read; the others were checked

    def exit_code(self) -> int:
        """The command's exit status: 2 when a path could not be read, else 1 when a finding is at
        or above ``fail_on``, else 0."""
        return 2 if self.errors else exit_code(self.failing, self.fail_on)

    def error_lines(self) -> list[str]:
        """The lines that say which paths could not be read."""
        return [line for e in self.errors for line in e.lines()]


def _rule_tuple(ruleset: Any) -> tuple[Any, ...]:
    rules = getattr(ruleset, "rules", ruleset)
    if isinstance(rules, dict):
        rules = rules.values()
    try:
        return tuple(rules)
    except TypeError:
        return ()


def _new_ids(articles: Sequence[Article], new_paths: Sequence[str] | None) -> set[str] | None:
    """The ids of the articles under ``new_paths`` (None without --new)."""
    if new_paths is None:
        return None
    roots = [os.path.realpath(p) for p in new_paths]

    def under(path: str) -> bool:
        real = os.path.realpath(path)
        return any(real == root or real.startswith(root.rstrip(os.sep) + os.sep) for root in roots)

    return {a.id for a in articles if under(a.path)}


def unknown_rule_notes(articles: Sequence[Article], rule_ids: set[str]) -> list[str]:
    """A note for each suppression comment and front-matter ``ignore`` entry that names no rule of
    the run (a misspelt rule id silences nothing, and says so)."""
    out = []
    for a in articles:
        for line, rule, _reason in a.suppressions:
            if rule != "*" and rule not in rule_ids:
                out.append(f"{a.path}:{line}: note: a suppression of this line names no rule of this run: {rule!r}")
        out += [f"{a.path}: note: the front matter's ignore names no rule of this run: {rule!r}"
                for rule in a.ignore_rules if rule != "*" and rule not in rule_ids]
    return out


def _fact_keys(extractions: Any, findings: Sequence[Any]) -> set[str]:
    """Every fact key of the run and every finding's key (what a baseline may name)."""
    return {f.key for x in extractions.values() for f in x.facts} | {f.key for f in findings}


def run_check(settings: Any, *, new_paths: Sequence[str] | None = None, baseline_ids: frozenset[str] = frozenset(),
              verbose: bool = False, quiet: bool = False,
              open_cache: Callable[[], Any] | None = None) -> CheckResult:
    """The whole check, from settings (see checker.config) to a CheckResult; ``open_cache`` opens
    the fact cache (see :func:`checker.run.extraction.cache_opener`; None: no cache)."""
    from checker.ruleset.loader import load_rules

    ruleset = load_rules(tuple(settings["rules"]), defaults=settings["default-rules"])
    # one read of corpus and new articles together: one set of ids, each file once
    articles, extractions, note, errors = read_and_extract([*settings["paths"], *(new_paths or ())], settings,
                                                           verbose=verbose, quiet=quiet, compact=True,
                                                           open_cache=open_cache)
    if not articles:
        raise Errors([*errors, UsageError(f"no articles found in {', '.join(settings['paths'])}")])
    # from here on only positions are needed of an article, not its text: a large corpus's texts
    # are let go before the comparisons and the reports need their memory
    articles = [a.without_text() for a in articles]
    for line in unknown_rule_notes(articles, {r.id for r in _rule_tuple(ruleset)}):
        print(f"crosscheck: {line}", file=sys.stderr)
    new_ids = _new_ids(articles, new_paths)
    findings = evaluate_scoped(articles, extractions, ruleset, new_ids)
    shown, failing, counts = filter_findings(findings, articles, ignore=settings["ignore"], new_ids=new_ids,
                                             baseline_ids=baseline_ids, min_severity=settings["min-severity"],
                                             known_keys=_fact_keys(extractions, findings))
    report = Report(articles=tuple(articles), findings=tuple(shown),
                    facts=sum(len(x.facts) for x in extractions.values()),
                    quotes=sum(len(x.quotes) for x in extractions.values()),
                    rules=_rule_tuple(ruleset), **counts)
    return CheckResult(report, tuple(failing), note, settings["fail-on"], errors)
