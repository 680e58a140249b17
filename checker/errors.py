"""Errors that reach a user.

Every error a user can cause carries a :class:`Location` and prints as ``path:line:col: message``::

    CheckerError
     ├── UsageError          bad command line or configuration value
     ├── InputError          an article that cannot be read (binary, bad encoding, broken front matter)
     ├── RuleError           a rule or lexicon file that does not validate (may carry many problems)
     └── GrammarError        a broken grammar/*.lark file (a developer error)
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["CheckerError", "GrammarError", "InputError", "Location", "RuleError", "UsageError"]


@dataclass(frozen=True, slots=True)
class Location:
    """A place in a file; line and column count from 1, columns in code points."""

    path: str
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        parts = [self.path]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)


class CheckerError(Exception):
    """Base class: a message and, where known, the place it is about."""

    exit_code = 2

    def __init__(self, message: str, location: Location | None = None):
        super().__init__(message)
        self.message = message
        self.location = location

    def __str__(self) -> str:
        if self.location is None:
            return self.message
        return f"{self.location}: {self.message}"

    def lines(self) -> list[str]:
        """The lines to print on standard error."""
        return [str(self)]


class UsageError(CheckerError):
    """A bad command line or configuration value."""


class InputError(CheckerError):
    """An article that cannot be read."""


class GrammarError(CheckerError):
    """A grammar file that lark cannot build."""


class RuleError(CheckerError):
    """One or more problems in rule or lexicon files, all reported together."""

    def __init__(self, problems: list[tuple[Location, str]]):
        self.problems = sorted(problems, key=lambda p: (p[0].path, p[0].line or 0, p[0].column or 0))
        first = self.problems[0] if self.problems else (Location("<rules>"), "invalid rules")
        super().__init__(first[1], first[0])

    def lines(self) -> list[str]:
        return [f"{loc}: {msg}" for loc, msg in self.problems]
