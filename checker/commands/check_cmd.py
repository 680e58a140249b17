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


def inputs_of(args: Any, settings: Any) -> dict[str, Any]:
    """What a check or baseline run reads, for :func:`checker.run.outputs.check_outputs`."""
    return {"articles": [*settings["paths"], *(getattr(args, "new", None) or ())], "rules": settings["rules"],
            "files": [settings["baseline"], str(settings.file) if settings.file else None],
            "cache": settings["cache"] or None}


def run(args: Any) -> int:
    from checker.config import resolve
    from checker.report import chunks
    from checker.report.records import summary_line
    from checker.run.outputs import check_outputs

    settings = resolve(args)
    pairs = targets(settings, args.output)
    check_outputs([path for _, path in pairs if path], **inputs_of(args, settings))
    result = _run(args, settings)
    color = use_color(args.no_color)
    # every file, or none; then standard output (a reader that went away does not change the status)
    closed = write_reports([(path, chunks(fmt, result.report, color=color and path is None and fmt == "text"), None)
                            for fmt, path in pairs])
    files = [path for _, path in pairs if path]
    if files and not args.quiet:
        print(f"crosscheck: {summary_line(result.report)}; wrote {', '.join(files)}", file=sys.stderr)
    if args.verbose and result.cache_note:
        print(f"crosscheck: {result.cache_note}", file=sys.stderr)
    for line in result.error_lines():
        print(line, file=sys.stderr)
    if closed and args.verbose:
        print("crosscheck: standard output was closed before the report was written whole", file=sys.stderr)
    return result.exit_code()


def write_reports(outputs: list[tuple[str | None, Any, str | None]]) -> bool:
    """Write every output (checker.output.write_all); True when standard output's reader went away
    before the end (crosscheck ... | head), which is not an error of the run."""
    from checker.output import quiet_stdout, write_all

    try:
        write_all(outputs)
    except BrokenPipeError:
        quiet_stdout()
        return True
    return False


def run_baseline(args: Any) -> int:
    """Record every current finding (after suppressions; whatever its severity) in ``args.output``."""
    from checker.config import resolve
    from checker.run.baseline import write_baseline
    from checker.run.outputs import check_outputs

    settings = resolve(args)
    check_outputs([args.output], **inputs_of(args, settings))
    result = _run(args, settings, baseline=None)  # a baseline records everything, whatever the last one had
    if result.errors:  # a path that could not be read: a baseline without its findings would hide them later
        for line in result.error_lines():
            print(line, file=sys.stderr)
        return 2
    n = write_baseline(args.output, result.failing)
    if not args.quiet:
        print(f"crosscheck: baseline {args.output} records {n} finding{'s' if n != 1 else ''}"
              f"{f' ({result.report.suppressed} suppressed, not recorded)' if result.report.suppressed else ''}",
              file=sys.stderr)
    return 0
