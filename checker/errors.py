"""Errors that reach a user.

Every error a user can cause carries a :class:`Location` and prints as ``path:line:col: message``::

    CheckerError
     ├── UsageError          bad command line or configuration value
     ├── InputError          an article that cannot be read (binary, bad encoding, broken front matter)
     │    └── UnreadableError  a path that cannot be opened at all (missing, a FIFO, no permission):
     │                         the run reads the other articles first, then exits 2
     ├── RuleError           a rule or lexicon file that does not validate (may carry many problems)
     ├── GrammarError        a broken grammar/*.lark file (a developer error)
     ├── Errors              several of the above, printed together
     └── Interrupted         SIGINT or SIGTERM (exit 130 or 143)
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["CheckerError", "Errors", "GrammarError", "InputError", "Interrupted", "Location", "RuleError",
           "UnreadableError", "UsageError"]


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


class UnreadableError(InputError):
    """A path that cannot be opened at all: one that does not exist, a FIFO, device or socket given
    by name, a file or folder without read permission."""


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


class Errors(CheckerError):
    """Several errors found in one run (say, paths that could not be read), printed together."""

    def __init__(self, errors: list[CheckerError]):
        self.errors = list(errors)
        first = self.errors[0] if self.errors else CheckerError("errors")
        super().__init__(first.message, first.location)
        self.exit_code = max((e.exit_code for e in self.errors), default=2)

    def lines(self) -> list[str]:
        return [line for e in self.errors for line in e.lines()]


class Interrupted(BaseException):
    """SIGINT or SIGTERM: the run stops (cleaning up as it unwinds), exit 128 + the signal's number.
    A BaseException, as KeyboardInterrupt is, so that no ``except Exception`` swallows it."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum
        self.exit_code = 128 + signum
