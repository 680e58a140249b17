"""The rule reference of docs/rules.md, generated from the code.

Each comparator module's docstring (summary, body, "flags:" and "passes:" examples), ``OPTIONS``,
``DEFAULTS`` and ``PLACEHOLDERS``, and the common keys of the rule schema, become the markdown
between the BEGIN/END markers of docs/rules.md.  A test fails when that part is stale::

    python -m checker.ruleset.docs --write   # rewrite docs/rules.md's reference and docs/rule.schema.json
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from checker import comparators
from checker.comparators.spec import docstring_sections
from checker.output import write_atomic

from .schema import rule_schema, schema_json

__all__ = ["BEGIN", "END", "reference", "splice"]

BEGIN = "<!-- BEGIN GENERATED REFERENCE (python -m checker.ruleset.docs --write) -->"
END = "<!-- END GENERATED REFERENCE -->"
DOCS = Path(__file__).resolve().parents[2] / "docs"


def _type(schema: dict[str, Any]) -> str:
    if "enum" in schema:
        return " \\| ".join(f"`{v}`" for v in schema["enum"])
    kind = schema.get("type", "any")
    kind = " or ".join(kind) if isinstance(kind, list) else kind
    if kind == "array" and isinstance(schema.get("items"), dict) and "enum" in schema["items"]:
        return "list of " + ", ".join(f"`{v}`" for v in schema["items"]["enum"])
    bounds = [f"≥ {schema['minimum']}" if "minimum" in schema else "",
              f"≤ {schema['maximum']}" if "maximum" in schema else ""]
    extra = ", ".join(b for b in bounds if b)
    return f"{kind} ({extra})" if extra else kind


def _table(props: dict[str, dict[str, Any]], with_default: bool) -> list[str]:
    head = "| key | value | default | meaning |" if with_default else "| key | value | meaning |"
    rows = [head, "|---|---|---|---|" if with_default else "|---|---|---|"]
    for name, schema in props.items():
        default = f"`{json.dumps(schema['default'])}`" if "default" in schema else ""
        cells = [f"`{name}`", _type(schema), *([default] if with_default else []), schema.get("description", "")]
        rows.append("| " + " | ".join(c.replace("\n", " ") for c in cells) + " |")
    return rows


def _kind(kind: str) -> list[str]:
    mod = comparators.get(kind)
    doc = docstring_sections(mod.__doc__)
    options = rule_schema()["allOf"][sorted(comparators.KINDS).index(kind)]["then"]["properties"]["options"]
    out = [f"### `{kind}`", "", f"Finding type `{mod.TYPE}`. {doc['summary']}", "", doc["body"], ""]
    out += ["Options:", "", *_table(options["properties"], with_default=True), ""]
    if mod.PLACEHOLDERS:
        out += ["Extra message placeholders: " + "; ".join(f"`{{{k}}}` {v}" for k, v in mod.PLACEHOLDERS.items()), ""]
    out += ["Flags:", "", "```text", doc["flags"], "```", "", "Passes:", "", "```text", doc["passes"], "```", ""]
    return out


def reference() -> str:
    """The generated markdown (without the markers)."""
    schema = rule_schema()
    common = {k: v for k, v in schema["properties"].items() if k not in ("match", "options")}
    out = ["### Common keys", "", *_table(common, with_default=False), "",
           "`id` is required; `kind`, `severity` and `message` too unless the file only turns a rule off "
           "(`enabled: false`). `options` are the kind's (below).", "",
           "### `match`", "", *_table(schema["properties"]["match"]["properties"], with_default=False), "",
           "### Message placeholders", "",
           *[f"- `{{{k}}}`: {v}" for k, v in comparators.COMMON_PLACEHOLDERS.items()], "",
           "A kind may add its own (listed with it). Placeholders are written plainly: `{key}`, not "
           "`{key!r}` or `{key:>10}`.", ""]
    for kind in comparators.kinds():
        out += _kind(kind)
    return "\n".join(out).rstrip() + "\n"


def splice(text: str, generated: str) -> str:
    """``text`` with the part between the markers replaced by ``generated``."""
    start, end = text.index(BEGIN) + len(BEGIN), text.index(END)
    return text[:start] + "\n\n" + generated + "\n" + text[end:]


def main(argv: list[str]) -> int:
    if "--write" in argv:
        rules_md = DOCS / "rules.md"
        write_atomic(rules_md, splice(rules_md.read_text(encoding="utf-8"), reference()))
        write_atomic(DOCS / "rule.schema.json", schema_json())
        return 0
    sys.stdout.write(reference())
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
