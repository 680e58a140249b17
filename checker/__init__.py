"""crosscheck: find where news outlets disagree on the facts of a story.

The public API, for notebooks and other programs (the command line uses the same functions)::

    from checker import check, extract, parse

    report = check(["seeds/"])                 # -> Report: findings, articles, counts
    articles = extract(["seeds/"])             # -> tuple of (Article, ArticleFacts)
    quantities = parse("more than two hours")  # -> tuple of Quantity

docs/api.md has a worked example. The value types are frozen dataclasses from :mod:`checker.model` (and
:mod:`checker.findings`: Claim, Finding, Report);
errors derive from :class:`checker.errors.CheckerError`. Names are loaded on first use, so that
``import checker`` stays cheap for the command line.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

from .version import __version__ as __version__  # re-exported

_LAZY = {
    "check": "checker.api", "extract": "checker.api", "parse": "checker.api",
    "Article": "checker.model", "ArticleFacts": "checker.model", "Claim": "checker.findings",
    "Fact": "checker.model", "Finding": "checker.findings", "Quantity": "checker.model",
    "Quote": "checker.model", "Report": "checker.findings",
    "CheckerError": "checker.errors", "GrammarError": "checker.errors", "InputError": "checker.errors",
    "Location": "checker.errors", "RuleError": "checker.errors", "UsageError": "checker.errors",
}

__all__ = sorted([*_LAZY, "__version__"])


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        value = getattr(import_module(_LAZY[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'checker' has no attribute {name!r}")


def __dir__() -> list[str]:
    return __all__
