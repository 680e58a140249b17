"""One measured process: a tool reads a list of article files and finds what it finds in each.

    python bench/worker.py TOOL LISTFILE [--tracemalloc] [--off SPEEDUP[,SPEEDUP...]]

prints one JSON object: the tool's label, articles, characters (null for a tool that reads the files
itself: the parent counts them), things found, seconds to import and
warm up, seconds over the articles, and this process's peak memory (``ru_maxrss``; with --tracemalloc
also the peak of Python's own allocations, which slows the run).  The parent (bench/run.py) times the
whole process from outside.

Tools: ``crosscheck-parse`` (checker.parser.quantities.parse_text on each text, what ``crosscheck parse``
does), ``crosscheck-extract`` (checker.extractor.facts.extract over checker.ingest.articles.read_articles, what
``crosscheck extract`` does; parse-level with a label saying so where those are not there),
``quantulum3`` and ``duckling`` (PyPI ``quantulum3`` and ``pyduckling-native-phihos``).  ``--off`` turns
speed-ups of checker/parser/ off first (bench/speedups.py).
"""

from __future__ import annotations

import json
import resource
import sys
import time
import tracemalloc
import warnings
from pathlib import Path

WARM_UP = "Putin said the call lasted more than two hours; 112 drones, $4.5bn."
DUCKLING_DIMS = ["number", "duration", "distance", "quantity", "volume", "amount-of-money", "temperature"]


def _crosscheck_parse():
    from checker.parser.quantities import parse_text

    return "crosscheck parse (quantities)", lambda text, path: len(parse_text(text)), None


def _crosscheck_extract():
    try:
        from checker.extractor.facts import extract
        from checker.ingest.articles import read_articles
    except ImportError as exc:
        label, run, _ = _crosscheck_parse()
        return f"{label}; extract not there yet ({exc})", run, None

    def run_all(paths: list[str]) -> int:
        return sum(len(extract(article).facts) for article in read_articles(paths))

    from checker.parser.quantities import parse_text

    parse_text(WARM_UP)  # the parser, the lexer and the unit table, as the other tools warm up
    return "crosscheck extract (facts)", None, run_all


def _quantulum3():
    warnings.simplefilter("ignore")  # it warns that its optional classifier is not installed
    from quantulum3 import parser

    return "quantulum3", lambda text, path: len(parser.parse(text)), None


def _duckling():
    import duckling as d

    tz = d.load_time_zones("/usr/share/zoneinfo")
    ref = d.parse_ref_time(tz, "UTC", 1747612800)  # 2025-05-19, the seeds' day
    lang = d.parse_lang("EN")
    context = d.Context(ref, d.parse_locale("EN", d.default_locale_lang(lang)))
    dims = d.parse_dimensions(DUCKLING_DIMS)
    return "Duckling", lambda text, path: len(d.parse(text, context, dims, False)), None


TOOLS = {
    "crosscheck-parse": _crosscheck_parse,
    "crosscheck-extract": _crosscheck_extract,
    "quantulum3": _quantulum3,
    "duckling": _duckling,
}


def main(argv: list[str]) -> int:
    tool, listfile = argv[0], argv[1]
    if "--tracemalloc" in argv:
        tracemalloc.start()
    if "--off" in argv:
        import speedups  # bench/, beside this file

        speedups.turn_off(argv[argv.index("--off") + 1])
    paths = Path(listfile).read_text(encoding="utf-8").split("\n")
    paths = [p for p in paths if p]
    t0 = time.perf_counter()
    label, run_one, run_all = TOOLS[tool]()
    if run_one is not None:
        run_one(WARM_UP, None)
    t1 = time.perf_counter()
    chars = None  # a tool that reads the files itself: counted by the parent, not in this process's time
    if run_all is not None:
        found = run_all(paths)
    else:
        found, chars = 0, 0
        for p in paths:
            text = Path(p).read_text(encoding="utf-8")
            chars += len(text)
            found += run_one(text, p)
    t2 = time.perf_counter()
    out = {
        "tool": tool, "label": label, "articles": len(paths), "chars": chars, "found": found,
        "init_s": t1 - t0, "run_s": t2 - t1,
        "maxrss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
    }
    if tracemalloc.is_tracing():
        out["tracemalloc_peak_kb"] = tracemalloc.get_traced_memory()[1] // 1024
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
