"""``crosscheck parse``: the quantities in one text, or in each line of standard input."""

from __future__ import annotations

import json
import sys

from checker.api import parse as parse_text
from checker.errors import UsageError
from checker.output import Guard, document, dumps, write_or_print


def _line_text(line: str) -> str:
    """A --jsonl input line: a JSON string, or else the raw line."""
    stripped = line.rstrip("\r\n")
    if stripped.startswith('"'):
        try:
            value = json.loads(stripped)
        except ValueError:
            return stripped
        if isinstance(value, str):
            return value
    return stripped


def _text_lines(text: str, quantities) -> str:
    if not quantities:
        return "no quantities\n"
    out = []
    for q in quantities:
        bounds = _interval(q)
        what = q.unit or (f"noun={q.noun}" if q.noun else "count")
        out.append(f"{q.start}-{q.end}\t{q.text!r}\t{q.qualifier}\t{bounds}\t{what}\t{q.dimension}")
    return "\n".join(out) + "\n"


def _interval(q) -> str:
    def num(x):
        from checker.model import number_json

        return "" if x is None else str(number_json(x))

    left = "[" if q.low_inclusive else "("
    right = "]" if q.high_inclusive else ")"
    return f"{left}{num(q.low) or '-inf'}, {num(q.high) or 'inf'}{right}"


def run(args) -> int:
    fmt = (args.format or ["json" if args.jsonl else "text"])[-1]
    output = (args.output or [None])[-1]
    if args.jsonl:
        if args.text is not None:
            raise UsageError("parse --jsonl reads standard input; give no TEXT")
        lines = []
        guard = Guard("json")
        for line in sys.stdin:
            text = _line_text(line)
            doc = document(text=text, quantities=[q.as_json() for q in parse_text(text)])
            lines.append(dumps(doc, indent=None))
            if output is None:
                sys.stdout.write(guard(lines[-1] + "\n"))
        if output is not None:
            write_or_print("\n".join(lines) + ("\n" if lines else ""), output, kind="json")
        return 0
    text = args.text if args.text is not None else sys.stdin.read()
    quantities = parse_text(text)
    if fmt == "json":
        write_or_print(dumps(document(text=text, quantities=[q.as_json() for q in quantities])), output, kind="json")
    else:
        write_or_print(_text_lines(text, quantities), output)
    return 0
