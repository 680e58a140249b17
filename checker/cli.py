"""The command line: argparse, dispatch, exit codes.  Each command's work lives in its own module and
is imported only when that command runs, so that ``crosscheck parse`` starts fast.

Exit status: 0 nothing at or above ``--fail-on``; 1 findings at or above it; 2 a usage, input, rule
or configuration error (printed as ``path:line:col: message``).  No traceback reaches a user.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
from collections.abc import Sequence

from .model import FAIL_ON, FORMATS, SEVERITIES
from .version import __version__

FORMATS_SIMPLE = ("text", "json")  # extract, parse and rules list write these two only


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # argparse exits 2 too; keep its wording, add the hint
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: error: {message}\n")


def _common(p: argparse.ArgumentParser, formats: Sequence[str]) -> None:
    p.add_argument("--format", "-f", action="append", choices=formats, metavar="FORMAT",
                   help=f"output format: {', '.join(formats)} (default text; repeatable with --output)")
    p.add_argument("--output", "-o", action="append", metavar="FILE",
                   help="write the report to FILE (written whole, via a temporary file); "
                        "repeat with --format to write several formats in one run")
    p.add_argument("--no-color", action="store_true", help="no colour, even on a terminal (also NO_COLOR)")


def _rules_opts(p: argparse.ArgumentParser) -> None:
    p.add_argument("--rules", action="append", default=[], metavar="PATH",
                   help="a rule file or folder to add to the built-in rules (repeatable)")
    p.add_argument("--no-default-rules", action="store_true", help="do not load the built-in rules")
    p.add_argument("--config", metavar="FILE", help="configuration file (default: nearest crosscheck.yaml "
                   "or [tool.crosscheck] in pyproject.toml)")


def jobs(value: str) -> int | str:
    """A --jobs value: a number, or ``auto`` (checked with the other settings, in checker.config)."""
    return "auto" if value.strip().lower() == "auto" else int(value)


def _article_opts(p: argparse.ArgumentParser) -> None:
    p.add_argument("paths", nargs="*", metavar="PATH", help="article files or folders (default: .)")
    p.add_argument("--jobs", "-j", type=jobs, default=None, metavar="N",
                   help="extract articles in N processes; auto: one a CPU once there are enough articles to "
                        "extract (the default)")
    p.add_argument("--no-cache", action="store_true", help="do not read or write the fact cache")
    p.add_argument("--cache", metavar="FILE", help="fact cache (default .crosscheck/cache.sqlite)")
    p.add_argument("--verbose", "-v", action="store_true", help="say which files were skipped and why")
    p.add_argument("--quiet", "-q", action="store_true", help="no progress on standard error")


def _check_opts(p: argparse.ArgumentParser) -> None:
    _article_opts(p)
    _common(p, FORMATS)
    _rules_opts(p)
    p.add_argument("--fail-on", choices=FAIL_ON, default=None, help="lowest severity that fails the run (default error)")
    p.add_argument("--min-severity", choices=SEVERITIES, default=None,
                   help="lowest severity shown (default info)")
    p.add_argument("--baseline", metavar="FILE", help="report only findings not recorded in FILE")
    p.add_argument("--new", nargs="+", metavar="PATH", default=None,
                   help="report only findings that involve these new articles")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="crosscheck", description="Find where news outlets disagree on the facts of a story.")
    parser.add_argument("--version", action="version", version=f"crosscheck {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    p = sub.add_parser("check", help="extract claims, apply rules, report discrepancies")
    _check_opts(p)

    p = sub.add_parser("extract", help="print the facts and quotes found, without comparing")
    _article_opts(p)
    _common(p, FORMATS_SIMPLE)
    p.add_argument("--rules", action="append", default=[], metavar="PATH",
                   help="lexicon files (lexicon: facts | furniture) that extend the built-in ones (repeatable)")
    p.add_argument("--config", metavar="FILE", help="configuration file (default: the nearest one)")
    p.add_argument("--explain", action="store_true", help="after each fact, why it got its key (text format)")

    p = sub.add_parser("parse", help="print the quantities found in one text")
    p.add_argument("text", nargs="?", help="the text (default: read standard input)")
    p.add_argument("--jsonl", action="store_true",
                   help="read standard input one text a line (a JSON string or raw text); write one JSON object a line")
    _common(p, FORMATS_SIMPLE)

    p = sub.add_parser("rules", help="list, validate or test rules")
    rsub = p.add_subparsers(dest="rules_command", metavar="ACTION", parser_class=_Parser)
    q = rsub.add_parser("list", help="list the rules in force")
    _rules_opts(q)
    _common(q, FORMATS_SIMPLE)
    q = rsub.add_parser("validate", help="validate rule files")
    q.add_argument("paths", nargs="*", metavar="PATH")
    _rules_opts(q)
    q = rsub.add_parser("test", help="run rule fixtures")
    q.add_argument("paths", nargs="*", metavar="PATH")
    _rules_opts(q)
    q = rsub.add_parser("schema", help="print the JSON Schema of rule files")

    p = sub.add_parser("baseline", help="record the current findings so later checks report only new ones")
    _article_opts(p)
    _rules_opts(p)
    p.add_argument("--output", "-o", required=True, metavar="FILE")

    p = sub.add_parser("cache", help="manage the fact cache")
    csub = p.add_subparsers(dest="cache_command", metavar="ACTION", parser_class=_Parser)
    q = csub.add_parser("clear", help="delete the fact cache")
    q.add_argument("--cache", metavar="FILE")

    p = sub.add_parser("config", help="show the effective configuration")
    csub = p.add_subparsers(dest="config_command", metavar="ACTION", parser_class=_Parser)
    q = csub.add_parser("show", help="print the effective settings and where each came from "
                        "(takes check's options, to show what they change)")
    _check_opts(q)
    return parser


# command -> (module in checker.commands, function): imported only when that command runs
_COMMANDS = {
    "parse": ("parse_cmd", "run"),
    "extract": ("extract_cmd", "run"),
    "check": ("check_cmd", "run"),
    "baseline": ("check_cmd", "run_baseline"),
    "rules": ("rules_cmd", "run"),
    "cache": ("cache_cmd", "run"),
    "config": ("config_cmd", "run"),
}


def _run(args: argparse.Namespace) -> int:
    import importlib

    module, function = _COMMANDS[args.command]
    return getattr(importlib.import_module(f".commands.{module}", __package__), function)(args)


def main(argv: Sequence[str] | None = None) -> int:
    """The command line; returns the exit status.  Every message on standard error goes through the
    guard of checker.output (no workflow command, no control character from a file name or an
    article); SIGINT and SIGTERM end the run with 130 and 143, cleaning up as it unwinds."""
    from .output import GuardedStream

    guarded = not isinstance(sys.stderr, GuardedStream)
    saved = sys.stderr
    if guarded:
        sys.stderr = GuardedStream(sys.stderr)
    restore = _catch_signals()
    try:
        return _main(argv)
    finally:
        restore()
        try:
            sys.stderr.flush()
        except (OSError, ValueError):
            pass
        if guarded and sys.stderr is not saved and isinstance(sys.stderr, GuardedStream):
            sys.stderr = saved


def _main(argv: Sequence[str] | None) -> int:
    from .errors import CheckerError, Interrupted

    parser = build_parser()
    try:
        args = parser.parse_args(argv)
        if args.command is None or (args.command in ("rules", "cache", "config")
                                    and getattr(args, f"{args.command}_command") is None):
            parser.parse_args([*(argv or sys.argv[1:]), "--help"])
            return 2
        return _run(args)
    except CheckerError as exc:
        for line in exc.lines():
            print(line, file=sys.stderr)
        return exc.exit_code
    except (Interrupted, KeyboardInterrupt) as exc:
        code = exc.exit_code if isinstance(exc, Interrupted) else 130
        print(f"crosscheck: {'terminated' if code == 128 + signal.SIGTERM else 'interrupted'}", file=sys.stderr)
        workers = sys.modules.get("checker.run.workers")
        if workers is not None and workers.killed():  # see checker.run.workers.killed
            for stream in (sys.stdout, sys.stderr):
                try:
                    stream.flush()
                except (OSError, ValueError):
                    pass
            os._exit(code)
        return code
    except BrokenPipeError:  # the reader went away (crosscheck ... | head); not an error of ours
        from .output import quiet_stdout

        quiet_stdout()
        return 0
    except MemoryError:
        print("crosscheck: out of memory; check fewer articles at a time, or give crosscheck more memory",
              file=sys.stderr)
        return 2
    except Exception as exc:  # noqa: BLE001 - the promise is: no traceback for any input
        if os.environ.get("CROSSCHECK_DEBUG"):
            raise
        print(f"crosscheck: internal error: {type(exc).__name__}: {exc} "
              "(set CROSSCHECK_DEBUG=1 for a traceback, and please report it)", file=sys.stderr)
        return 2


def _catch_signals():
    """Make SIGINT and SIGTERM raise :class:`checker.errors.Interrupted` in the main thread (once:
    a second signal while the run cleans up is ignored); returns what puts the old handlers back."""
    from .errors import Interrupted

    def stop(signum, frame):
        for s in (signal.SIGINT, signal.SIGTERM):
            signal.signal(s, signal.SIG_IGN)
        raise Interrupted(signum)

    try:
        old = {s: signal.signal(s, stop) for s in (signal.SIGINT, signal.SIGTERM)}
    except ValueError:  # not the main thread: leave signals alone
        return lambda: None

    def restore() -> None:
        for s, handler in old.items():
            signal.signal(s, handler)

    return restore
