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


def _run_pipeline(args: Any, settings: Any, baseline_ids: frozenset[str] = frozenset()):
    from checker.run.check import run_check
    from checker.run.extraction import cache_opener

    return run_check(settings, new_paths=getattr(args, "new", None), baseline_ids=baseline_ids,
                     verbose=args.verbose, quiet=args.quiet, open_cache=cache_opener(settings))


def run(args: Any) -> int:
    from checker.config import resolve
    from checker.report import write
    from checker.report.records import summary_line
    from checker.run.baseline import load_baseline
    from checker.run.filters import exit_code

    settings = resolve(args)
    pairs = targets(settings, args.output)
    baseline_ids = load_baseline(settings["baseline"]) if settings["baseline"] else frozenset()
    result = _run_pipeline(args, settings, baseline_ids)
    color = use_color(args.no_color)
    for fmt, path in pairs:
        write(fmt, result.report, path, color=color and path is None and fmt == "text")
    files = [path for _, path in pairs if path]
    if files and not args.quiet:
        print(f"crosscheck: {summary_line(result.report)}; wrote {', '.join(files)}", file=sys.stderr)
    if args.verbose and result.cache_note:
        print(f"crosscheck: {result.cache_note}", file=sys.stderr)
    return exit_code(result.failing, settings["fail-on"])


def run_baseline(args: Any) -> int:
    """Record every current finding (after suppressions; whatever its severity) in ``args.output``."""
    from checker.config import resolve
    from checker.run.baseline import write_baseline

    settings = resolve(args)
    result = _run_pipeline(args, settings)
    n = write_baseline(args.output, result.failing)
    if not args.quiet:
        print(f"crosscheck: baseline {args.output} records {n} finding{'s' if n != 1 else ''}"
              f"{f' ({result.report.suppressed} suppressed, not recorded)' if result.report.suppressed else ''}",
              file=sys.stderr)
    return 0
