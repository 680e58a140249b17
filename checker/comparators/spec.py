"""Option specs: the single source for a comparator's validation, defaults and documentation.

Each comparator module declares ``OPTIONS`` (name -> :class:`Opt`) and ``DEFAULTS`` (name -> value).
:func:`option_schema` turns them into the JSON Schema of that kind's ``options`` mapping, which
``checker.ruleset.schema`` joins into the schema of a whole rule file; the rule reference in
docs/rules.md is generated from the same specs and the modules' docstrings.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

__all__ = ["Opt", "docstring_sections", "option_schema"]

_TYPES = ("number", "integer", "boolean", "string", "array", "object")


@dataclass(frozen=True, slots=True)
class Opt:
    """One option: its JSON type, what it means, and the values it may take.

    ``enum`` lists the allowed values; ``minimum``/``maximum`` bound a number; ``items`` is the JSON
    Schema of an array's items and ``schema`` a full JSON Schema for anything the simple fields
    cannot say (it replaces the generated one).
    """

    type: str
    description: str
    enum: tuple[Any, ...] = ()
    minimum: float | None = None
    maximum: float | None = None
    items: Mapping[str, Any] | None = None
    schema: Mapping[str, Any] | None = field(default=None)

    def __post_init__(self) -> None:
        if self.type not in _TYPES:
            raise ValueError(f"unknown option type {self.type!r}")
        if self.type != "array" and self.items is not None:
            raise ValueError("items is for array options only")

    def json_schema(self, default: Any = None) -> dict[str, Any]:
        """The JSON Schema of this option's value."""
        if self.schema is not None:
            out = dict(self.schema)
        else:
            out = {"type": self.type}
            if self.enum:
                out["enum"] = list(self.enum)
            if self.minimum is not None:
                out["minimum"] = self.minimum
            if self.maximum is not None:
                out["maximum"] = self.maximum
            if self.items is not None:
                out["items"] = dict(self.items)
        out["description"] = self.description
        if default is not None:
            out["default"] = default
        return out


def option_schema(options: Mapping[str, Opt], defaults: Mapping[str, Any]) -> dict[str, Any]:
    """The JSON Schema of one kind's ``options`` mapping: known keys only."""
    return {
        "type": "object",
        "additionalProperties": False,
        "properties": {name: opt.json_schema(defaults.get(name)) for name, opt in sorted(options.items())},
    }


_SECTION = re.compile(r"^(flags|passes):\s*$", re.MULTILINE)


def docstring_sections(doc: str | None) -> dict[str, str]:
    """The summary and the "flags:" / "passes:" examples of a comparator docstring.

    Returns ``{"summary": ..., "body": ..., "flags": ..., "passes": ...}`` with empty strings for
    missing parts; a test requires both examples of every comparator.
    """
    text = (doc or "").strip("\n")
    parts = _SECTION.split(text)
    head = parts[0].strip()
    summary, _, body = head.partition("\n\n")
    out = {"summary": " ".join(summary.split()), "body": body.strip(), "flags": "", "passes": ""}
    for name, chunk in zip(parts[1::2], parts[2::2], strict=True):
        out[name] = _dedent(chunk)
    return out


def _dedent(chunk: str) -> str:
    lines = [ln for ln in chunk.strip("\n").splitlines()]
    indents = [len(ln) - len(ln.lstrip()) for ln in lines if ln.strip()]
    cut = min(indents, default=0)
    return "\n".join(ln[cut:] for ln in lines).strip()
