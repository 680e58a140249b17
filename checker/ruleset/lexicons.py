"""The names and vocabulary lexicons among the ``--rules`` paths, checked when the rules are loaded,
so that a broken one is reported (every problem at its ``file:line:col``) before any article is
read."""

from __future__ import annotations

from checker.comparators.vocabulary import vocabulary_problems
from checker.errors import Location, RuleError
from checker.extractor.names import load_names
from checker.paths import RuleInputs

__all__ = ["lexicon_problems"]


def lexicon_problems(inputs: RuleInputs) -> list[tuple[Location, str]]:
    """Every problem of the ``lexicon: names`` and ``lexicon: vocabulary`` files of ``inputs``."""
    problems = vocabulary_problems(inputs.lexicon("vocabulary"))
    try:
        load_names(tuple(inputs.lexicon("names")))
    except RuleError as exc:
        problems += exc.problems
    return problems
