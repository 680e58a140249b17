"""The Python API: ``check``, ``extract`` and ``parse``, for notebooks and other programs.

The command line is built on the same functions (``crosscheck check`` calls :func:`run`,
``crosscheck extract`` :func:`extract`, ``crosscheck parse`` :func:`parse`), so a program gets the
same findings as the command; each imports its stages when called, so that ``parse`` starts fast. In: paths of articles (files or folders) and, optionally, rule files
and a configuration. Out: frozen values from :mod:`checker.model`. Errors are
:class:`checker.errors.CheckerError` subclasses with a place (``path:line:col``).

``config`` is one of: None (the built-in settings; no configuration file is looked for, and no fact
cache is written unless ``cache=`` names one), a path to a ``crosscheck.yaml`` or a
``pyproject.toml`` with ``[tool.crosscheck]``, or a :class:`checker.config.Settings` (what the
command line resolves). Any setting of docs/contract.md can also be given as a keyword, with
underscores for dashes: ``fail_on="warning"``, ``min_severity="info"``, ``jobs=1``, ``cache=False``,
``ignore=["rule-id"]``, ``default_rules=False``.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from checker.config import SETTINGS, Settings, defaults, problem, resolve, with_vocabulary
from checker.errors import CheckerError, Errors, UsageError
from checker.findings import Report
from checker.model import Article, ArticleFacts, Quantity

if TYPE_CHECKING:
    from checker.run.check import CheckResult

__all__ = ["check", "extract", "parse", "run", "settings"]

PathLike = str | os.PathLike


def settings(paths: Iterable[PathLike] = (), *, rules: Iterable[PathLike] = (),
             config: PathLike | Settings | None = None, **options: Any) -> Settings:
    """The settings of one run: ``config`` (see the module's docstring), then ``paths`` (replacing
    the configured ones when given), ``rules`` (added to the configured ones) and ``options``."""
    if isinstance(config, Settings):
        base = config
    elif config is None:
        base = defaults()
        base.values["cache"] = False  # a library call writes no file it was not asked to
    else:
        base = resolve(_Args(config=os.fspath(config)))
    values, sources = dict(base.values), dict(base.sources)
    given = {"paths": [os.fspath(p) for p in paths], "rules": [*values["rules"], *map(os.fspath, rules)]}
    for key, value in {**{k: v for k, v in given.items() if v}, **options}.items():
        name = key.replace("_", "-")
        if name not in SETTINGS:
            raise UsageError(f"unknown setting {key!r}; settings are {', '.join(SETTINGS)}")
        if isinstance(value, os.PathLike):
            value = os.fspath(value)
        wrong = problem(SETTINGS[name], value)
        if wrong:
            raise UsageError(f"{name}: {wrong}")
        values[name], sources[name] = value, "api"
    return Settings(with_vocabulary(values), sources, base.file, base.root)


def run(paths: Iterable[PathLike] = (), *, rules: Iterable[PathLike] = (), config: PathLike | Settings | None = None,
        new: Iterable[PathLike] | None = None, verbose: bool = False, progress: bool = False,
        **options: Any) -> CheckResult:
    """A whole check: the Report, and every finding that counts towards ``fail-on`` (shown or
    hidden by ``min-severity``; ``CheckResult.exit_code()`` is the command's exit status).
    ``new``: report only findings that involve the articles under these paths (``--new``); the
    ``baseline`` setting names a baseline file whose findings are left out."""
    from checker.run.baseline import load_baseline
    from checker.run.check import run_check
    from checker.run.extraction import cache_opener

    chosen = settings(paths, rules=rules, config=config, **options)
    baseline_ids = load_baseline(chosen["baseline"]) if chosen["baseline"] else frozenset()
    return run_check(chosen, new_paths=None if new is None else [os.fspath(p) for p in new],
                     baseline_ids=baseline_ids, verbose=verbose, quiet=not progress,
                     open_cache=cache_opener(chosen))


def check(paths: Iterable[PathLike] = (), *, rules: Iterable[PathLike] = (),
          config: PathLike | Settings | None = None, **options: Any) -> Report:
    """Read the articles under ``paths``, apply the built-in rules and ``rules``, and return the
    Report: its ``findings`` are what ``crosscheck check`` prints, in the same order.  A path that
    cannot be read is an error (:func:`run` checks the others and carries it in ``errors``)."""
    result = run(paths, rules=rules, config=config, **options)
    if result.errors:
        raise Errors(list(result.errors))
    return result.report


def extract(paths: Iterable[PathLike] = (), *, rules: Iterable[PathLike] = (),
            config: PathLike | Settings | None = None, verbose: bool = False, progress: bool = False,
            errors: list[CheckerError] | None = None, **options: Any) -> tuple[tuple[Article, ArticleFacts], ...]:
    """Every article under ``paths`` with what it says (facts, quotes, name mentions), in order,
    without comparing them; fact lexicons among ``rules`` extend the vocabulary.  A path that cannot
    be read is raised, after the others are read; or, when ``errors`` is a list, added to it."""
    from checker.run.extraction import cache_opener, read_and_extract

    chosen = settings(paths, rules=rules, config=config, **options)
    articles, facts, _, unreadable = read_and_extract(chosen["paths"], chosen, verbose=verbose, quiet=not progress,
                                                      open_cache=cache_opener(chosen))
    if unreadable and errors is None:
        raise Errors(list(unreadable))
    if errors is not None:
        errors.extend(unreadable)
    return tuple((a, facts[a.id]) for a in articles)


def parse(text: str) -> tuple[Quantity, ...]:
    """Every quantity in ``text``, in order: its interval, unit, qualifier and character span."""
    from checker.parser.quantities import parse_text

    return tuple(parse_text(text))


class _Args:
    """Just enough of an argparse namespace for :func:`checker.config.resolve`."""

    def __init__(self, **given: Any):
        self.__dict__.update(given)

    def __getattr__(self, name: str) -> Any:
        return None
