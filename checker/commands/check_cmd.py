"""``crosscheck check`` and ``crosscheck baseline``.

check: settings (defaults < configuration file < command line), then the pipeline, then one report
per ``--format``/``--output`` pair, then the exit status: 0 nothing at or above ``--fail-on``, 1
findings at or above it (shown or not: ``--min-severity`` only decides what is shown), 2 an error.

Formats and outputs pair up in order (``--format sarif --output a.sarif --format text --output -``;
``-`` is standard output).  Without ``--format``, each output's format comes from its extension, and
standard output gets ``text`` (``github`` annotations when running in GitHub Actions).
"""

from __future__ import annotations

import os
import sys
from typing import Any

from checker.errors import UsageError

STDOUT = "-"


def use_color(no_color: bool = False) -> bool:
    """Colour only on a terminal, and never with --no-color or a non-empty NO_COLOR."""
    return not no_color and not os.environ.get("NO_COLOR") and sys.stdout.isatty()


def targets(settings: Any, outputs: list[str] | None) -> list[tuple[str, str | None]]:
    """(format, file or None for standard output) pairs."""
    from checker.report import FORMATS, format_for_path

    outputs = list(outputs or [])
    formats = list(settings["format"]) if settings.sources["format"] != "default" else []
    default = "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"
    if not formats:
        for out in outputs:
            fmt = format_for_path(out) if out != STDOUT else default
            if fmt is None:
                raise UsageError(f"cannot tell the format of {out!r} from its name; give --format "
                                 f"({', '.join(FORMATS)}) before it")
            formats.append(fmt)
        if not outputs:
            formats = [default]
    if not outputs:
        if len(formats) > 1:
            raise UsageError(f"{len(formats)} formats but no --output: give an --output FILE for each "
                             f"--format, in the same order (- for standard output)")
        return [(formats[0], None)]
    if len(outputs) != len(formats):
        raise UsageError(f"{len(formats)} --format but {len(outputs)} --output: pair each format with an "
                         "output, in the same order (- for standard output)")
    if outputs.count(STDOUT) > 1:
        raise UsageError("only one report can go to standard output (-)")
    return [(fmt, None if out == STDOUT else out) for fmt, out in zip(formats, outputs, strict=True)]


def _run(args: Any, settings: Any, **options: Any):
    """The check through the Python API (checker.api.run), as the command line's settings say."""
    from checker.api import run

    return run(config=settings, new=getattr(args, "new", None), verbose=args.verbose, progress=not args.quiet,
               **options)


def run(args: Any) -> int:
    from checker.config import resolve
    from checker.report import write
    from checker.report.records import summary_line

    settings = resolve(args)
    pairs = targets(settings, args.output)
    result = _run(args, settings)
    color = use_color(args.no_color)
    for fmt, path in pairs:
        write(fmt, result.report, path, color=color and path is None and fmt == "text")
    files = [path for _, path in pairs if path]
    if files and not args.quiet:
        print(f"crosscheck: {summary_line(result.report)}; wrote {', '.join(files)}", file=sys.stderr)
    if args.verbose and result.cache_note:
        print(f"crosscheck: {result.cache_note}", file=sys.stderr)
    return result.exit_code()


def run_baseline(args: Any) -> int:
    """Record every current finding (after suppressions; whatever its severity) in ``args.output``."""
    from checker.config import resolve
    from checker.run.baseline import write_baseline

    settings = resolve(args)
    result = _run(args, settings, baseline=None)  # a baseline records everything, whatever the last one had
    n = write_baseline(args.output, result.failing)
    if not args.quiet:
        print(f"crosscheck: baseline {args.output} records {n} finding{'s' if n != 1 else ''}"
              f"{f' ({result.report.suppressed} suppressed, not recorded)' if result.report.suppressed else ''}",
              file=sys.stderr)
    return 0
