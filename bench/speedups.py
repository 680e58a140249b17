"""What each speed-up of checker/parser/ and of reading YAML buys: the same runs with one of them turned off.

    python bench/speedups.py OFF[,OFF...] ARG...     (``crosscheck ARG...`` with those turned off)
    python bench/worker.py TOOL LISTFILE --off OFF    (a bench worker with it turned off)

Each speed-up has a plain way to do the same work, and turning it off puts that plain way in its place
in this process only (bench code; crosscheck itself has no switch for most of them).  The results are
the same either way (the tests prove each one equal to its plain twin); only the time differs.
``measure`` times, alternately, the bench's extract run (bench/worker.py ``crosscheck-extract`` on the
comparison's articles) and ``crosscheck check seeds/``, with everything on and with each one off.
"""

from __future__ import annotations

import functools
import statistics
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent

__all__ = ["SPEEDUPS", "measure", "turn_off"]

# name -> (what it is, what takes its place when it is off)
SPEEDUPS = {
    "dispatch-lexer": ("the dispatch lexer (checker/parser/lexer.py, narrowing.py, checker/firstchar.py)",
                       "lark's basic lexer"),
    "word-buckets": ("a bucket per word at a run of letters (checker/parser/firstword.py)",
                     "the bucket of the word's first two letters"),
    "spans": ("tokens as three lists of types and offsets (`grammar.lex`, `Lexed`)",
              "a lark `Token` for every token"),
    "scanner-table": ("the scanner's plain LALR table (`grammar.longest`)",
                      "lark's interactive parser, copied at each token to ask for $END"),
    "parser-tables": ("the grammar's tables on disk (checker/parser/tables.py)",
                      "lark's parser loaded from its cache, and the tables read from it"),
    "lexer-table": ("the lexer's bucket table on disk (checker/parser/lexstore.py)",
                    "every bucket worked out again in each process"),
    "unit-table": ("the unit table on disk (checker/parser/units.py)",
                   "pint imported and asked for each unit's dimension in each process"),
    "yaml-cache": ("the data of the YAML files read before, on disk (checker/yamlio.py)",
                   "PyYAML imported and every lexicon, furniture and sources file parsed in each process"),
}


def _lark_longest(types: list, i: int) -> int:
    """grammar.longest done with lark's public interactive parser."""
    from lark import Token
    from lark.exceptions import UnexpectedInput

    from checker.parser import grammar

    ip = grammar.parser().parse_interactive(start=grammar.START)
    best = i
    for j in range(i, len(types)):
        tok = Token(types[j], "", start_pos=0, line=1, column=1, end_line=1, end_column=1, end_pos=0)
        try:
            ip.feed_token(tok)
        except UnexpectedInput:
            break
        try:
            ip.copy().feed_eof(tok)
            best = j + 1
        except UnexpectedInput:
            pass
    return best


def _off_dispatch_lexer() -> None:
    from checker.parser import grammar

    grammar.tokens = lambda text: list(grammar.parser().lex(text))  # lark's own lexer
    grammar.lex = lambda text: grammar.Lexed.from_tokens(text, grammar.parser().lex(text))


def _off_word_buckets() -> None:
    from checker.parser import lexer

    lexer._WORD_STARTS = frozenset()  # no position starts a word: every one goes by its two characters


def _off_spans() -> None:
    from checker.parser import grammar

    grammar.lex = lambda text: grammar.Lexed.from_tokens(text, grammar.tokens(text))


def _off_scanner_table() -> None:
    from checker.parser import grammar

    grammar.longest = _lark_longest


def _off_parser_tables() -> None:
    from checker.parser import tables

    tables.load = lambda grammar_dir, build, start, options="": tables.from_lark(build(), start)


def _off_lexer_table() -> None:
    from checker.parser import lexstore

    lexstore.store_for = lambda terminals, extra="", modules=(): lexstore.BucketStore(None)


def _off_unit_table() -> None:
    from checker.parser import units

    units._dimensions = functools.cache(lambda: units._compute_dimensions(units._grammar_units()))


def _off_yaml_cache() -> None:
    import os

    os.environ["CROSSCHECK_YAML_CACHE"] = "0"  # read on each call: this process parses every YAML file


_OFF = {
    "dispatch-lexer": _off_dispatch_lexer, "word-buckets": _off_word_buckets, "spans": _off_spans, "scanner-table": _off_scanner_table,
    "parser-tables": _off_parser_tables, "lexer-table": _off_lexer_table, "unit-table": _off_unit_table,
    "yaml-cache": _off_yaml_cache,
}


def turn_off(names: str) -> None:
    """Put the plain way in place of each speed-up named (comma-separated; "" or "none": none)."""
    for name in filter(None, names.split(",")):
        if name != "none":
            _OFF[name]()


def measure(listfile: Path, seeds: Path, work: Path, env: dict, rounds: int, timeout: float) -> dict:
    """Whole-process wall and CPU seconds (the fastest of ``rounds``, and the median wall) of the extract
    run over ``listfile`` and of ``crosscheck check SEEDS``, with everything on ("none") and with each
    speed-up off, A B A B."""
    import procs

    variants = ["none", *SPEEDUPS]
    out = work / "speedups-check.json"
    check = ["check", str(seeds), "--no-cache", "--quiet", "--fail-on", "never", "--format", "json", "--output", str(out)]
    commands = {
        "extract": lambda v: [sys.executable, str(HERE / "worker.py"), "crosscheck-extract", str(listfile), "--off", v],
        "check": lambda v: [sys.executable, str(HERE / "speedups.py"), v, *check],
    }
    runs: dict = {(c, v): [] for c in commands for v in variants}
    for v in variants:  # untimed: the on-disk caches written, the files in the OS cache
        for cmd in commands.values():
            procs.run(cmd(v), timeout=timeout, env=env)
    for i in range(rounds):
        for v in variants:
            for c, cmd in commands.items():
                run = procs.run(cmd(v), timeout=timeout, env=env)
                if not run.ok:
                    return {"ok": False, "error": f"{c} with {v} off: {run.stderr.strip()[-300:]}"}
                runs[(c, v)].append(run)
        print(f"  speed-ups, round {i + 1} of {rounds}", file=sys.stderr)
    result = {"ok": True, "rounds": rounds, "articles": len(listfile.read_text(encoding="utf-8").split()),
              "speedups": {name: {"what": what, "instead": instead} for name, (what, instead) in SPEEDUPS.items()}}
    for (c, v), rs in runs.items():  # the fastest run: other load on the machine only ever adds time
        result.setdefault(c, {})[v] = {"wall_s": min(r.wall_s for r in rs), "cpu_s": min(r.cpu_s for r in rs),
                                       "median_wall_s": statistics.median(r.wall_s for r in rs)}
    return result


def main(argv: list[str]) -> int:
    turn_off(argv[0])
    from checker.cli import main as cli

    return cli(argv[1:])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
