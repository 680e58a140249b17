"""crosscheck: find where news outlets disagree on the facts of a story.

The public API is re-exported here; everything else is private to the package.
"""

from __future__ import annotations

__version__ = "0.1.0"

from .errors import CheckerError, GrammarError, InputError, Location, RuleError, UsageError
from .model import Article, Claim, Fact, Finding, Quantity, Quote, Report
from checker.parse.quantities import parse_text

__all__ = [
    "Article",
    "CheckerError",
    "Claim",
    "Fact",
    "Finding",
    "GrammarError",
    "InputError",
    "Location",
    "Quantity",
    "Quote",
    "Report",
    "RuleError",
    "UsageError",
    "__version__",
    "parse_text",
]
