"""GitHub Actions workflow commands: one ``::error``/``::warning``/``::notice`` annotation a finding,
at its first claim, with the other outlets' words in the message.

Escaping follows GitHub's runner: in the message ``%``, ``\\r`` and ``\\n`` become ``%25``, ``%0D``
and ``%0A``; in properties (file, title) ``:`` and ``,`` also become ``%3A`` and ``%2C``.  No article
text, outlet or file name can make a command of its own: every line that is not one of the
annotations (the plain lines, the summary) goes through :func:`checker.output.safe_line`, and the
whole text through the ``github`` guard (:mod:`checker.output.guard`: no ``##[``, no bidirectional
or control characters).

GitHub shows at most 10 annotations of each type per step; past that the findings are printed as
plain ``path:line:col`` lines and a summary line says how many were not annotated.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from checker.findings import Claim, Finding, Report
from checker.model import SEVERITIES
from checker.output import safe_line

from .records import claim_where, count_phrase, finding_diff, summary_line

MAX_PER_TYPE = 10
COMMAND = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(text: str) -> str:
    """Escape a workflow command's message."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a workflow command property value."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _path(path: str) -> str:
    p = Path(path)
    if p.is_absolute():
        try:
            return p.resolve().relative_to(Path.cwd().resolve()).as_posix()
        except ValueError:
            return p.as_posix()
    return p.as_posix()


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _says(c: Claim) -> str:
    who = f" ({c.speaker})" if c.speaker else ""
    return f"{c.outlet}{who}: \u201c{_one_line(c.text)}\u201d"


def annotation(f: Finding) -> str:
    """The workflow command for one finding."""
    props = []
    if f.claims:
        c = f.claims[0]
        props += [f"file={escape_property(_path(c.path))}", f"line={c.line}", f"col={c.column}",
                  f"endLine={c.end_line}", f"endColumn={c.end_column}"]
    props.append(f"title={escape_property(f'crosscheck {f.rule}: {f.key}')}")
    lines = [_one_line(f.message)]
    lines += [("here: " if i == 0 else f"{claim_where(c)}: ") + _says(c) for i, c in enumerate(f.claims)]
    diff = finding_diff(f)
    if diff:
        lines.append("words: " + _one_line(diff))
    return f"::{COMMAND.get(f.severity, 'warning')} {','.join(props)}::{escape_data(chr(10).join(lines))}"


def plain_line(f: Finding) -> str:
    """A finding past GitHub's annotation limit, as a plain log line."""
    where = claim_where(f.claims[0]) if f.claims else "-"
    return safe_line(f"{where}: {f.severity}: {_one_line(f.message)} [{f.rule}]")


def chunks(report: Report, *, color: bool = False) -> Iterator[str]:
    """Annotations (at most 10 of each type), plain lines for the rest, and summary lines: a line
    (with its newline) at a time."""
    shown = {s: 0 for s in SEVERITIES}
    over = {s: 0 for s in SEVERITIES}
    for f in report.findings:
        sev = f.severity if f.severity in shown else "warning"
        if shown[sev] < MAX_PER_TYPE:
            shown[sev] += 1
            yield annotation(f) + "\n"
        else:
            over[sev] += 1
            yield plain_line(f) + "\n"
    for sev in SEVERITIES:
        if over[sev]:
            kind = COMMAND[sev]
            yield safe_line(f"crosscheck: {count_phrase(shown[sev] + over[sev], sev)}, but GitHub shows at most "
                            f"{MAX_PER_TYPE} {kind} annotations per step: {over[sev]} more are listed above as "
                            f"plain lines (upload the SARIF report to see every finding in code scanning)\n")
    yield safe_line("crosscheck: " + summary_line(report) + "\n")


def render(report: Report, *, color: bool = False) -> str:
    """Annotations (at most 10 of each type), plain lines for the rest, and summary lines."""
    return "".join(chunks(report))
