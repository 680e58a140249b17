"""Report formats: a :class:`~checker.findings.Report` in, text out.  ``FORMATS`` (the one list,
:data:`checker.model.FORMATS`) names them; each has a module of its name here, with
``render(report, *, color=False) -> str``, reading the report through :mod:`checker.report.records`.
The formats whose size grows with the corpus (text, json, sarif, github, junit) also have
``chunks``, the same text in pieces (a finding or a fact key at a time), so that :func:`write` never
holds a large report whole: check writes its reports with it.

    text      terminal report, grouped by fact key (colour via rich, on a terminal only)
    json      the contract's ``check`` document
    sarif     SARIF 2.1.0 for GitHub code scanning
    github    GitHub Actions annotations (workflow commands)
    markdown  a pull-request comment
    html      one self-contained page (no network), filterable
    junit     JUnit XML: one test case per rule, a failure per finding
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator

from checker.errors import UsageError
from checker.findings import Report
from checker.model import FORMATS

__all__ = ["EXTENSIONS", "FORMATS", "chunks", "format_for_path", "render", "write"]

EXTENSIONS = {
    ".txt": "text", ".json": "json", ".sarif": "sarif", ".md": "markdown", ".markdown": "markdown",
    ".html": "html", ".htm": "html", ".xml": "junit",
}


def _module(fmt: str):
    if fmt not in FORMATS:
        raise UsageError(f"unknown report format {fmt!r}; choose one of {', '.join(FORMATS)}")
    return importlib.import_module(f"{__name__}.{fmt}")


# the guard each format's text goes through (checker.output.guard): no line of any report can be
# read as a CI runner's workflow command, and no bidirectional or terminal control gets through
GUARD = {"text": "text", "json": "json", "sarif": "sarif", "github": "github", "markdown": "text", "html": "text",
         "junit": "text"}


def render(fmt: str, report: Report, *, color: bool = False) -> str:
    """The report in format ``fmt``; ``color`` only affects ``text``."""
    return "".join(chunks(fmt, report, color=color))


def chunks(fmt: str, report: Report, *, color: bool = False) -> Iterator[str]:
    """The report in format ``fmt`` in pieces that join to ``render(fmt, report, color=color)``,
    through the format's guard (see :data:`GUARD`)."""
    from checker.output import Guard

    module = _module(fmt)
    pieces = module.chunks(report, color=color) if hasattr(module, "chunks") else iter((module.render(report,
                                                                                                       color=color),))
    return map(Guard("terminal" if fmt == "text" and color else GUARD[fmt]), pieces)


def write(fmt: str, report: Report, output: str | None, *, color: bool = False) -> None:
    """Write the report in format ``fmt`` to the file ``output`` (whole or not at all) or, when it
    is None, to standard output, a piece at a time."""
    from checker.output import write_or_print

    write_or_print(chunks(fmt, report, color=color), output, kind=None)


def format_for_path(path: str) -> str | None:
    """The format a file name implies (``report.sarif`` -> sarif; ``x.sarif.json`` -> sarif), or None."""
    name = path.lower()
    if name.endswith(".sarif.json"):
        return "sarif"
    for ext, fmt in EXTENSIONS.items():
        if name.endswith(ext):
            return fmt
    return None
