"""The JSON Schema of a rule file, generated from the comparator specs, and validation against it.

:func:`rule_schema` builds the schema from ``checker.comparators`` (each kind's ``OPTIONS``), so the
code is the single source: ``crosscheck rules schema`` prints it and docs/rule.schema.json is a
generated copy that a test keeps current.  :func:`schema_problems` validates a YAML
:class:`~checker.yamlio.Document` with jsonschema and reports *every* error at the line and
column where the offending key or value is written.

Key patterns in ``match`` are shell-style globs (``*``, ``?``, ``[...]``), not regular
expressions: a rule file cannot make a run hang on a pathological pattern.
"""

from __future__ import annotations

import functools
from typing import Any

from checker.errors import Location
from checker.model import SEVERITIES
from checker.yamlio import Document

__all__ = ["SCHEMA_ID", "rule_schema", "rule_validator", "schema_json", "schema_problems", "validator_for"]

SCHEMA_ID = "https://example.invalid/crosscheck/rule.schema.json"
ID_PATTERN = r"^[a-z0-9][a-z0-9-]*$"
GLOB_PATTERN = r"^[a-z0-9_.*?\[\]!/-]+$"

_STRINGS = {"type": ["string", "array"], "items": {"type": "string", "minLength": 1}}


def _match_schema() -> dict[str, Any]:
    globs = {"type": ["string", "array"], "items": {"type": "string", "pattern": GLOB_PATTERN}}
    return {
        "type": "object",
        "additionalProperties": False,
        "description": "which facts the rule compares (quotes and names: only same_story applies)",
        "properties": {
            "keys": {**globs, "description": "fact keys to compare, as globs (default: all)"},
            "exclude_keys": {**globs, "description": "fact keys to leave out, as globs"},
            "dimension": {**_STRINGS, "description": "only these dimensions ([time], [length], "
                          "dimensionless, [currency])"},
            "exclude_dimension": {**_STRINGS, "description": "leave out these dimensions"},
            "nouns": {**_STRINGS, "description": "only counts of these nouns (singular: drone, prisoner)"},
            "same_story": {"type": "boolean", "description": "compare only articles of one story "
                           "(default true; articles without a story are one story)"},
        },
    }


@functools.cache
def rule_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of one rule file."""
    from checker import comparators
    from checker.comparators.spec import option_schema

    per_kind = [
        {"if": {"properties": {"kind": {"const": kind}}, "required": ["kind"]},
         "then": {"properties": {"options": option_schema(mod.OPTIONS, mod.DEFAULTS)}}}
        for kind, mod in sorted(comparators.KINDS.items())
    ]
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "crosscheck rule",
        "description": "One rule a file; the file stem is the rule id. Generated from the comparator "
                       "specs by `crosscheck rules schema`; see docs/rules.md.",
        "type": "object",
        "additionalProperties": False,
        "required": ["id"],
        "properties": {
            "id": {"type": "string", "pattern": ID_PATTERN, "description": "the rule id: the file stem"},
            "kind": {"enum": list(comparators.kinds()), "description": "the comparator the rule uses"},
            "severity": {"enum": list(SEVERITIES), "description": "severity of its findings"},
            "message": {"type": "string", "minLength": 1,
                        "description": "message template with {placeholders} (see docs/rules.md)"},
            "description": {"type": "string", "description": "what the rule is for"},
            "enabled": {"type": "boolean", "description": "false turns the rule (or a built-in rule "
                        "of the same id) off"},
            "match": _match_schema(),
            "options": {"type": "object", "description": "the kind's options"},
        },
        "if": {"properties": {"enabled": {"const": False}}, "required": ["enabled"]},
        "else": {"required": ["kind", "severity", "message"]},
        "allOf": per_kind,
    }


def schema_json() -> str:
    """The schema as the text of docs/rule.schema.json."""
    import json

    return json.dumps(rule_schema(), indent=2, ensure_ascii=False) + "\n"


def validator_for(schema: dict[str, Any]):
    """A jsonschema validator for ``schema`` (which must itself be a valid draft 2020-12 schema)."""
    import jsonschema

    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


@functools.cache
def rule_validator():
    """The validator of rule files, built once."""
    return validator_for(rule_schema())


def schema_problems(doc: Document, validator=None) -> list[tuple[Location, str]]:
    """Every way ``doc`` breaks the schema of ``validator`` (default: rule files), each at its place."""
    validator = validator or rule_validator()
    problems = []
    for err in sorted(validator.iter_errors(doc.data), key=lambda e: [str(p) for p in e.absolute_path]):
        problems += _describe(doc, err)
    return list(dict.fromkeys(problems))  # one problem met by two branches of the schema is said once


def _field(path) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "the file"


def _describe(doc: Document, err) -> list[tuple[Location, str]]:
    path = tuple(err.absolute_path)
    where, value = _field(path), err.instance
    v = err.validator
    if v == "additionalProperties":
        allowed = sorted(err.schema.get("properties", {}))
        return [(doc.location((*path, extra), key=True),
                 f"unknown key {extra!r} in {where} (allowed: {', '.join(allowed) or 'none'})")
                for extra in sorted(set(value) - set(allowed), key=str)]
    if v == "required":
        missing = [r for r in err.validator_value if r not in value]
        return [(doc.location(path), f"missing required key {m!r} in {where}") for m in missing]
    if v == "enum":
        if path == ("kind",):
            msg = f"no such kind: {value!r} (kinds: {', '.join(map(str, err.validator_value))})"
        else:
            msg = f"{where}: {value!r} is not one of: {', '.join(map(str, err.validator_value))}"
        return [(doc.location(path), msg)]
    if v == "type":
        wants = [err.validator_value] if isinstance(err.validator_value, str) else err.validator_value
        want = " or ".join(_JSON_TYPES.get(w, w) for w in wants)
        return [(doc.location(path), f"{where}: expected {want}, got {_type_name(value)} {value!r}")]
    if v in ("minimum", "maximum", "minItems", "maxItems", "minLength"):
        return [(doc.location(path), f"{where}: {err.message}")]
    if v == "pattern":
        what = _PATTERNS.get(err.validator_value, f"text matching {err.validator_value}")
        return [(doc.location(path), f"{where}: {value!r} is not allowed (expected {what})")]
    return [(doc.location(path), f"{where}: {err.message}")]


_JSON_TYPES = {"object": "mapping", "array": "list"}
_PATTERNS = {
    ID_PATTERN: "lower-case letters, digits and '-'",
    GLOB_PATTERN: "a glob of key characters a-z 0-9 _ . - / and * ? [ ] !",
}


def _type_name(value: Any) -> str:
    return {bool: "boolean", int: "integer", float: "number", str: "string", list: "list",
            dict: "mapping", type(None): "null"}.get(type(value), type(value).__name__)
