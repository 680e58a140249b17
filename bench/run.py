"""The crosscheck benchmark: speed and memory against quantulum3 and Duckling, scaling, start-up.

    python bench/run.py [--quick] [--articles 10000] [--peer-articles 100] [--rounds 3]
    python bench/run.py --only compare --tools crosscheck-extract,quantulum3,duckling   (one part)
    tox -e bench                                  (the same, with the peers installed)

Every measured thing runs in a fresh child process (bench/worker.py, bench/inproc.py, or the
``crosscheck`` command itself) timed from outside, with its CPU time and peak memory from
``os.wait4``.  Tools that are compared run on the same files in the same run, alternating
A B A B, and the report gives medians and ratios.  The results go to docs/performance.md.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import math
import os
import shlex
import shutil
import statistics
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import corpus  # noqa: E402
import growth  # noqa: E402
import procs  # noqa: E402
import report  # noqa: E402
import speedups  # noqa: E402

PEERS = {"quantulum3": "quantulum3", "duckling": "duckling"}  # tool -> module it needs
PARTS = ("inproc", "startup", "compare", "speedups", "scaling", "growth", "jobs", "incremental")  # in the order they run


def _env() -> tuple[dict, str]:
    """The children's environment, and where their ``checker`` comes from."""
    env = dict(os.environ)
    spec = importlib.util.find_spec("checker")
    if spec is None or not spec.origin:
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
        return env, "checker (the checkout, through PYTHONPATH)"
    return env, procs.shown_path(Path(spec.origin).parent)


def _python(*args: str) -> list[str]:
    return [sys.executable, *args]


def _median(runs: list[procs.Run], attr: str) -> float:
    return statistics.median(getattr(r, attr) for r in runs)


def _crosscheck() -> list[str]:
    """The ``crosscheck`` console script installed with this Python, else ``python -m checker``."""
    script = shutil.which("crosscheck", path=str(Path(sys.executable).parent))
    return [script] if script else _python("-m", "checker")


def start_up(env: dict, rounds: int, timeout: float) -> dict:
    """``crosscheck parse "two hours"``: whole-process wall time, against a bare interpreter."""
    cmd = [*_crosscheck(), "parse", "two hours"]
    procs.run(cmd, timeout=timeout, env=env)  # warm lark's grammar cache and the unit table
    runs, bare = [], []
    for _ in range(rounds):
        runs.append(procs.run(cmd, timeout=timeout, env=env))
        bare.append(procs.run(_python("-c", "pass"), timeout=timeout, env=env))
    imports = procs.run(_python("-X", "importtime", "-m", "checker", "parse", "two hours"), timeout=timeout, env=env)
    shown = "crosscheck" if len(cmd) == 3 else "python -m checker"
    return {"command": f"{shown} parse \"two hours\"", "wall_s": _median(runs, "wall_s"),
            "cpu_s": _median(runs, "cpu_s"), "maxrss_kb": _median(runs, "maxrss_kb"),
            "python_s": _median(bare, "wall_s"), "output": runs[-1].stdout.strip(),
            "imports": report.import_times(imports.stderr)}


def compare(tools: list[str], files: list[Path], work: Path, env: dict, rounds: int, timeout: float) -> dict:
    """Each tool over the same files, A B A B; then each once more with tracemalloc on the seeds."""
    listfile = work / f"list-{len(files)}.txt"
    listfile.write_text("\n".join(str(f) for f in files) + "\n", encoding="utf-8")
    seeds = work / "list-seeds.txt"
    seeds.write_text("\n".join(str(f) for f in files[:5]) + "\n", encoding="utf-8")
    runs: dict[str, list[procs.Run]] = {t: [] for t in tools}
    for tool in tools:  # untimed: every tool's files in the OS cache, crosscheck's on-disk caches written
        procs.run(_python(str(HERE / "worker.py"), tool, str(listfile)), timeout=timeout, env=env)
    for i in range(rounds):
        for tool in tools:
            run = procs.run(_python(str(HERE / "worker.py"), tool, str(listfile)), timeout=timeout, env=env)
            runs[tool].append(run)
            print(f"  round {i + 1}: {tool} {run.wall_s:.2f} s{'' if run.ok else ' FAILED'}", file=sys.stderr)
    traced = {t: procs.run(_python(str(HERE / "worker.py"), t, str(seeds), "--tracemalloc"), timeout=timeout, env=env)
              for t in tools}
    chars = sum(len(f.read_text(encoding="utf-8")) for f in files)
    return {"articles": len(files), "rounds": rounds,
            "tools": {t: report.summarise(runs[t], traced[t], chars) for t in tools}}


def _projected(history: list[tuple[int, float]], size: int) -> float:
    """Seconds a run of ``size`` articles should take, from the growth seen so far (at least linear)."""
    (n2, t2) = history[-1]
    k = 1.0
    if len(history) > 1:
        (n1, t1) = history[-2]
        k = max(1.0, math.log(t2 / t1) / math.log(n2 / n1)) if t1 > 0 and t2 > t1 else 1.0
    return t2 * (size / n2) ** k


def scaling(pool: Path, entries: list, sizes: list[int], work: Path, env: dict, timeout: float) -> list[dict]:
    """``crosscheck extract`` and ``crosscheck check`` (one story, many stories) on growing corpora; a
    series stops after a run that failed or when the next is projected to pass the time limit."""
    rows, history = [], {}
    for size in sizes:
        for command, stories in (("extract", "many"), ("check", "one"), ("check", "many")):
            seen = history.setdefault((command, stories), [])
            if seen and (seen[-1][1] is None or _projected(seen, size) > timeout):
                why = "not run: the smaller run failed" if seen[-1][1] is None else (
                    f"not run: projected {_projected(seen, size):,.0f} s from the smaller runs, over the {timeout:,.0f} s limit")
                rows.append({"command": command, "stories": stories, "articles": size, "ok": False, "skipped": why})
                continue
            folder = corpus.link_corpus(pool, entries, work / f"c-{size}-{stories}", size, stories)
            out = work / f"out-{command}-{size}-{stories}.json"
            cmd = _python("-m", "checker", command, str(folder), "--no-cache", "--quiet", "--format", "json",
                          "--output", str(out))
            if command == "check":
                cmd += ["--fail-on", "never"]
            run = procs.run(cmd, timeout=timeout, env=env)
            rows.append(report.scale_row(command, stories, size, run, out))
            seen.append((size, run.wall_s if run.ok else None))
            print(f"  {command} {size} ({stories} stor{'y' if stories == 'one' else 'ies'}): {run.wall_s:.1f} s{'' if run.ok else ' FAILED'}",
                  file=sys.stderr)
            shutil.rmtree(folder, ignore_errors=True)
    return rows


def _burn(n: int) -> int:
    total = 0
    for i in range(n):
        total += i * i
    return total


def cpu_burn(rounds: int = 2, n: int = 5_000_000) -> float:
    """What two processes can get on this machine: a pure-Python loop twice in one process against
    once in each of two (the ceiling for any --jobs speed-up here)."""
    from concurrent.futures import ProcessPoolExecutor

    ratios = []
    for _ in range(rounds):
        t0 = time.perf_counter()
        _burn(n)
        _burn(n)
        one = time.perf_counter() - t0
        with ProcessPoolExecutor(2) as pool:
            list(pool.map(_burn, [10, 10]))  # workers started before the clock
            t0 = time.perf_counter()
            list(pool.map(_burn, [n, n]))
            two = time.perf_counter() - t0
        ratios.append(one / two)
    return statistics.median(ratios)


def jobs(pool: Path, entries: list, size: int, work: Path, env: dict, rounds: int, timeout: float) -> dict:
    """``crosscheck extract`` of ``size`` articles with --jobs 1 and --jobs 2, A B A B."""
    folder = corpus.link_corpus(pool, entries, work / f"jobs-{size}", size, "many")
    counts = [1, 2]
    runs: dict[int, list[procs.Run]] = {n: [] for n in counts}
    for _ in range(rounds):
        for n in counts:
            cmd = _python("-m", "checker", "extract", str(folder), "--no-cache", "--quiet", "--format", "json",
                          "--output", str(work / f"jobs-{n}.json"), "--jobs", str(n))
            runs[n].append(procs.run(cmd, timeout=timeout, env=env))
            print(f"  extract {size} --jobs {n}: {runs[n][-1].wall_s:.1f} s", file=sys.stderr)
    shutil.rmtree(folder, ignore_errors=True)
    if not all(r.ok for rs in runs.values() for r in rs):
        bad = next(r for rs in runs.values() for r in rs if not r.ok)
        return {"ok": False, "error": bad.stderr.strip()[-300:]}
    same = (work / "jobs-1.json").read_bytes() == (work / "jobs-2.json").read_bytes()
    wall = {str(n): _median(runs[n], "wall_s") for n in counts}
    return {"ok": same, "error": "" if same else "--jobs 1 and --jobs 2 wrote different output",
            "articles": size, "rounds": rounds, "counts": counts, "cpus": os.cpu_count(),
            "wall_s": wall, "cpu_s": {str(n): _median(runs[n], "cpu_s") for n in counts},
            "speedup": wall["1"] / wall["2"], "burn": cpu_burn()}


def incremental(pool: Path, entries: list, size: int, work: Path, env: dict, timeout: float) -> dict:
    """A CI run: ``check`` fills the fact cache from a corpus of ``size`` articles, then ``check --new``
    compares one new article against that cached corpus (one story, as a new article on a running
    story would be)."""
    folder = corpus.link_corpus(pool, entries, work / f"inc-{size}", size + 1, "one")
    new = sorted(p for p in folder.iterdir() if p.suffix == ".txt")[-1]
    held = work / f"held-{new.name}"
    shutil.move(new, held)
    cache = work / f"inc-{size}.sqlite"
    base = _python("-m", "checker", "check", str(folder), "--cache", str(cache), "--quiet", "--format", "json",
                   "--fail-on", "never")
    fill = procs.run(base + ["--output", str(work / "inc-fill.json")], timeout=timeout, env=env)
    shutil.move(held, new)
    again = procs.run(base + ["--new", str(new), "--output", str(work / "inc-new.json")], timeout=timeout, env=env)
    row = {"articles": size, "fill_s": fill.wall_s, "fill_ok": fill.ok, "new_s": again.wall_s, "new_ok": again.ok,
           "new_maxrss_mib": again.maxrss_kb / 1024}
    try:
        doc = json.loads((work / "inc-new.json").read_text(encoding="utf-8"))
        row["new_findings"] = sum((doc.get("summary", {}).get("findings") or {}).values())
    except (OSError, ValueError):
        row["error"] = (again.stderr or fill.stderr).strip()[-300:]
    print(f"  check --new 1 against {size}: fill {fill.wall_s:.1f} s, new {again.wall_s:.1f} s", file=sys.stderr)
    shutil.rmtree(folder, ignore_errors=True)
    return row


def _parts(text: str) -> str:
    unknown = [p for p in text.split(",") if p not in PARTS]
    if unknown:
        raise argparse.ArgumentTypeError(f"unknown part {', '.join(unknown)} (parts: {', '.join(PARTS)})")
    return text


def _args(argv: list[str]) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--quick", action="store_true", help="small sizes and two rounds (a smoke run)")
    p.add_argument("--articles", type=int, default=10_000, help="largest corpus for the scaling runs")
    p.add_argument("--peer-articles", type=int, default=100, help="articles in the comparison with the peers")
    p.add_argument("--rounds", type=int, default=3, help="alternating rounds per comparison")
    p.add_argument("--timeout", type=float, default=1800, help="seconds before a measured process is stopped")
    p.add_argument("--scale-timeout", type=float, default=600, help="the same, for each scaling run")
    p.add_argument("--output", default=str(ROOT / "docs" / "performance.md"), help="the Markdown report")
    p.add_argument("--json", default=None,
                   help="where the raw results are saved (default bench/results/latest.json; with --only, nowhere)")
    p.add_argument("--render", metavar="JSON", help="only write the report again from results saved with --json")
    p.add_argument("--workdir", default=None, help="where the corpus is written (default: a temporary folder)")
    p.add_argument("--only", metavar="PARTS", type=_parts,
                   help=f"run only these parts (comma-separated: {', '.join(PARTS)}) and print their report to "
                        "standard output, leaving docs/performance.md alone; e.g. --only compare --tools "
                        "crosscheck-extract,quantulum3,duckling for the extract comparison alone")
    p.add_argument("--tools", help="with the compare part: only these tools (comma-separated: "
                                   "crosscheck-parse, crosscheck-extract, quantulum3, duckling)")
    args = p.parse_args(argv)
    if args.quick:
        args.articles, args.peer_articles, args.rounds = min(args.articles, 100), min(args.peer_articles, 20), 2
    return args


def main(argv: list[str]) -> int:
    args = _args(argv)
    if args.render:
        results = json.loads(Path(args.render).read_text(encoding="utf-8"))
        results["rendered_from"] = procs.shown_path(args.render) if os.path.isabs(args.render) else args.render
        Path(args.output).write_text(report.render(results), encoding="utf-8")
        print(f"wrote {args.output}", file=sys.stderr)
        return 0
    env, checker_from = _env()
    work = Path(args.workdir or tempfile.mkdtemp(prefix="crosscheck-bench-"))
    # crosscheck's on-disk caches (the unit table, the lexer's buckets) start empty in the bench's own
    # folder, so that no run depends on what this machine ran before; the warm-up runs fill them
    env["XDG_CACHE_HOME"] = str(work / "xdg-cache")
    try:
        return _bench(args, argv, env, checker_from, work)
    finally:
        if not args.workdir:
            shutil.rmtree(work, ignore_errors=True)


def _bench(args: argparse.Namespace, argv: list[str], env: dict, checker_from: str, work: Path) -> int:
    results: dict = {"machine": procs.machine(), "checker": checker_from,
                     "command": _command(argv),
                     "date": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"), "seed": corpus.SEED}
    parts = args.only.split(",") if args.only else list(PARTS)
    pool_size = max(args.articles if {"scaling", "jobs", "incremental"} & set(parts) else 0,
                    args.peer_articles if set(parts) - {"growth"} else 0,
                    1001 if {"jobs", "incremental"} & set(parts) else 0)
    print(f"corpus: {pool_size} articles in {work}", file=sys.stderr)
    entries = corpus.build_pool(work / "pool", pool_size, ROOT / "seeds")
    files = [work / "pool" / name for name, _o, _s in entries]
    for part in parts:
        _PART_RUNS[part](args, results, env, work, entries, files)
    results["load_end"] = "{:.2f} {:.2f} {:.2f}".format(*os.getloadavg())
    if args.json or not args.only:
        path = Path(args.json or HERE / "results" / "latest.json")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    if args.only:  # a part of a run: shown, not written over the whole run's report
        print(report.render(results))
        return 0
    Path(args.output).write_text(report.render(results), encoding="utf-8")
    print(f"wrote {args.output}", file=sys.stderr)
    return 0


def _part_inproc(args, results, env, work, entries, files) -> None:
    print("in-process measurements", file=sys.stderr)
    inproc = procs.run(_python(str(HERE / "inproc.py"), str(ROOT / "seeds"), str(max(args.rounds, 5))),
                       timeout=args.timeout, env=env)
    results["inproc"] = inproc.report or {"error": inproc.stderr[-2000:]}


def _part_startup(args, results, env, work, entries, files) -> None:
    print("start-up", file=sys.stderr)
    results["startup"] = start_up(env, max(args.rounds, 5), args.timeout)


def _part_compare(args, results, env, work, entries, files) -> None:
    missing = {t: m for t, m in PEERS.items() if importlib.util.find_spec(m) is None}
    tools = [t for t in ["crosscheck-parse", "crosscheck-extract", *PEERS] if t not in missing]
    if args.tools:
        tools = [t for t in tools if t in args.tools.split(",")]
    results["missing_peers"] = sorted(missing)
    print(f"comparison on {args.peer_articles} articles: {', '.join(tools)}", file=sys.stderr)
    results["compare"] = compare(tools, files[:args.peer_articles], work, env, args.rounds, args.timeout)


def _part_speedups(args, results, env, work, entries, files) -> None:
    print(f"speed-ups of checker/parser/ turned off one at a time ({args.peer_articles} articles, and the seeds)",
          file=sys.stderr)
    listfile = _listfile(work, files[:args.peer_articles])
    results["speedups"] = speedups.measure(listfile, ROOT / "seeds", work, env, max(args.rounds, 3), args.timeout)


def _part_scaling(args, results, env, work, entries, files) -> None:
    sizes = [n for n in (10, 100, 1000, 10_000) if n <= args.articles]
    print(f"scaling: {sizes}", file=sys.stderr)
    results["parse_at_scale"] = report.summarise([procs.run(
        _python(str(HERE / "worker.py"), "crosscheck-parse", str(_listfile(work, files[:sizes[-1]]))),
        timeout=args.timeout, env=env)], None)
    results["scaling"] = scaling(work / "pool", entries, sizes, work, env, args.scale_timeout)


def _part_growth(args, results, env, work, entries, files) -> None:
    print("growth: one key with 1,000 and 10,000 distinct values; one article of 4,000 and 32,000 sentences",
          file=sys.stderr)
    results["growth"] = growth.measure(_crosscheck(), work, env, max(1, args.rounds - 1), args.scale_timeout)


def _part_jobs(args, results, env, work, entries, files) -> None:
    jobs_size = min(1000, len(entries))
    print(f"--jobs 1 and 2 on {jobs_size} articles", file=sys.stderr)
    results["jobs"] = jobs(work / "pool", entries, jobs_size, work, env, max(2, args.rounds - 1), args.scale_timeout)


def _part_incremental(args, results, env, work, entries, files) -> None:
    inc_size = min(1000, len(entries) - 1)
    print(f"check --new against a cached corpus of {inc_size}", file=sys.stderr)
    results["incremental"] = incremental(work / "pool", entries, inc_size, work, env, args.scale_timeout)


_PART_RUNS = {"inproc": _part_inproc, "startup": _part_startup, "compare": _part_compare,
              "speedups": _part_speedups, "scaling": _part_scaling, "growth": _part_growth, "jobs": _part_jobs,
              "incremental": _part_incremental}


def _command(argv: list[str]) -> str:
    """The command line as the user typed it (tox sets TOX_ENV_NAME in the environments it runs), with
    absolute paths shown without the machine's folders."""
    args = shlex.join(procs.shown_path(a) if os.path.isabs(a) else a for a in argv)
    if os.environ.get("TOX_ENV_NAME"):
        return f"tox -e {os.environ['TOX_ENV_NAME']}" + (f" -- {args}" if args else "")
    return "python bench/run.py" + (f" {args}" if args else "")


def _listfile(work: Path, files: list[Path]) -> Path:
    path = work / f"list-{len(files)}.txt"
    path.write_text("\n".join(str(f) for f in files) + "\n", encoding="utf-8")
    return path


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
