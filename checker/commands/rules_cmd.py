"""``crosscheck rules list|validate|test|schema``.

- ``list``: the rules in force (built-in and ``--rules``), with kind, severity, source and state;
  ``--format json`` gives ``{"version", "tool", "rules": [...]}``.
- ``validate PATH...``: check rule files and the lexicon files among them (default: the built-in
  rules and lexicons); exit 0, or 2 with every problem as ``file:line:col: message``.
- ``test PATH...``: run rule fixtures (default: tests/fixtures/rules); exit 0 when every case
  passes (known misses marked todo-flag may still miss), 1 when one fails, 2 on a broken file.
- ``schema``: print the JSON Schema of a rule file (docs/rule.schema.json is a copy).
"""

from __future__ import annotations

import os
from pathlib import Path

from checker.errors import RuleError, UsageError
from checker.output import document, dumps, write_or_print

DEFAULT_FIXTURES = Path("tests") / "fixtures" / "rules"


def run(args) -> int:
    action = args.rules_command
    if action == "schema":
        from checker.ruleset.schema import schema_json

        write_or_print(schema_json(), None, kind="json")
        return 0
    if action == "list":
        return _list(args)
    if action == "validate":
        return _validate(args)
    if action == "test":
        return _test(args)
    raise UsageError(f"rules: unknown action {action!r}")


def _load(args):
    from checker.ruleset.loader import load_rules

    return load_rules(tuple(args.rules), defaults=not args.no_default_rules)


def _list(args) -> int:
    from checker.ruleset.loader import builtin_dir
    from checker.run.outputs import check_outputs

    fmt = (args.format or ["text"])[-1]
    output = (args.output or [None])[-1]
    check_outputs([output] if output else [], rules=[*args.rules, str(builtin_dir())], files=[args.config])
    rules = _load(args)
    if fmt == "json":
        write_or_print(dumps(document(rules=[r.as_json() for r in rules])), output, kind="json")
        return 0
    rows = [(r.id, r.kind, r.severity, "on" if r.enabled else "off", _shown(r.source)) for r in rules]
    head = ("id", "kind", "severity", "enabled", "source")
    widths = [max(len(str(x)) for x in col) for col in zip(head, *rows, strict=True)]
    lines = ["  ".join(str(v).ljust(w) for v, w in zip(row, widths, strict=True)).rstrip() for row in (head, *rows)]
    write_or_print("\n".join(lines) + "\n" if rows else "no rules\n", output)
    return 0


def _shown(path: str) -> str:
    """A path relative to the working folder when it is inside it."""
    try:
        rel = os.path.relpath(path)
    except ValueError:  # another drive
        return path
    return path if rel.startswith("..") else rel


def _validate(args) -> int:
    from checker.extractor.lexicon import load_lexicon
    from checker.ingest.furniture_load import load_furniture
    from checker.paths import rule_inputs
    from checker.ruleset.loader import builtin_dir, load_rules

    paths = (*(args.paths or [str(builtin_dir())]), *args.rules)
    # user files are checked on top of the built-in rules (so a file may turn one off), or alone
    rules = load_rules(paths, defaults=not args.no_default_rules and bool(args.paths))
    inputs = rule_inputs(paths)
    load_lexicon(tuple(inputs.lexicon("facts")))
    load_furniture(inputs.lexicon("furniture"))
    print(f"{len(rules)} rules valid ({len(rules.enabled())} enabled)")
    lexicons = len(inputs.lexicon("facts")) + len(inputs.lexicon("furniture"))
    if lexicons:
        print(f"{lexicons} lexicon file{'s' if lexicons != 1 else ''} valid")
    return 0


def _test(args) -> int:
    from checker.ruleset.fixtures import load_cases, run_case

    paths = list(args.paths)
    if not paths:
        if not DEFAULT_FIXTURES.is_dir():
            raise UsageError("rules test: give fixture files or folders (no tests/fixtures/rules here)")
        paths = [str(DEFAULT_FIXTURES)]
    rules = _load(args)
    cases = load_cases(paths)
    missing = sorted({c.rule for c in cases} - {r.id for r in rules})
    if missing:
        raise RuleError([(c.location, f"fixture for unknown rule {c.rule!r}") for c in cases if c.rule in missing])
    counts: dict[str, int] = {}
    for case in cases:
        outcome = run_case(case, rules)
        counts[outcome.status] = counts.get(outcome.status, 0) + 1
        print(f"{outcome.status.upper():5}  {case.id}")
        if outcome.reason and outcome.status != "pass":
            print(f"       {case.location}: {outcome.reason}")
    order = ("pass", "fail", "xfail", "xpass")
    print(", ".join(f"{counts.get(k, 0)} {k}" for k in order if counts.get(k)) or "no cases")
    return 1 if counts.get("fail") or counts.get("xpass") else 0
