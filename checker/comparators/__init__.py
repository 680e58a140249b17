"""The comparators: one module a rule ``kind``, registered here by ID.

Each module declares ``ID`` (the kind), ``TYPE`` (the Finding type it produces), ``OPTIONS``
(name -> :class:`~checker.comparators.spec.Opt`), ``DEFAULTS``, ``PLACEHOLDERS`` (the extra
message placeholders it fills), a docstring with "flags:" and "passes:" examples, and
``compare(selection, options) -> Iterator[Discrepancy]``, and ``new_scope(options) -> NewScope``:
what ``check --new`` must keep of the other articles for it (see :mod:`.newscope`; a module
without it is given everything).  It may declare ``validate(options)`` for checks a JSON Schema
cannot express.  Comparators never change their options.
"""

from __future__ import annotations

from types import ModuleType

from . import attribution, internal, numeric, qualifier, quote, roles, spelling

__all__ = ["COMMON_PLACEHOLDERS", "KINDS", "get", "kinds"]

KINDS: dict[str, ModuleType] = {}

COMMON_PLACEHOLDERS = {
    "rule": "the rule id",
    "key": "what disagrees: a fact key (call.duration), quote/SPEAKER[/TOPIC], attribution/WORDS or name/SURNAME",
    "sides": "each side with its outlets: \"two hours\" (A, B) vs \"more than two hours\" (C)",
    "outlets": "every outlet involved, once each",
    "count": "how many outlets are involved",
    "detail": "the word-level difference, where the kind gives one",
}


def register(module: ModuleType) -> None:
    """Add a comparator module; a second module with the same ID is refused."""
    if module.ID in KINDS:
        raise ValueError(f"comparator kind {module.ID!r} registered twice")
    KINDS[module.ID] = module


def get(kind: str) -> ModuleType:
    """The comparator module for ``kind``; LookupError "no such kind" when there is none."""
    try:
        return KINDS[kind]
    except KeyError:
        raise LookupError(f"no such kind: {kind!r} (kinds: {', '.join(kinds())})") from None


def kinds() -> tuple[str, ...]:
    """The known kinds, sorted."""
    return tuple(sorted(KINDS))


for _module in (numeric, qualifier, quote, attribution, roles, spelling, internal):
    register(_module)
