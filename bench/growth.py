"""How crosscheck's work grows with what one key or one article holds (the ``growth`` part).

- **One key, many values**: N articles of one story, each giving the same fact (a death toll) a
  value no other article gives, so that every pair of articles disagrees; ``crosscheck check`` at
  N = 1,000 and N = 10,000.  Comparing every pair of values would make the second 100 times the
  first; near-linear is about 10 times (the target is at most 15).
- **One long article**: one paragraph of N attributed sentences (police, officials, a named mayor, a
  quoted fire chief, a description of the mayor), ``crosscheck extract`` at N = 4,000 and N =
  32,000 sentences (8 times longer; the target is at most 12 times the time).

Each size runs ``rounds`` times in a fresh process (``--no-cache``, JSON to a file), sizes
alternating; the medians of wall and CPU time are compared.  The files are generated from fixed
patterns, the same on every run.
"""

from __future__ import annotations

import json
import statistics
import sys
from pathlib import Path

import procs

__all__ = ["KEY_SIZES", "LENGTH_SIZES", "measure", "render"]

KEY_SIZES = (1_000, 10_000)
LENGTH_SIZES = (4_000, 32_000)
KEY_TARGET, LENGTH_TARGET = 15, 12

SENTENCES = [
    "The storm damaged {v} homes in district {d}, police said.",
    "Mayor Ana Reyes said {v} families had left district {d}.",
    "\u201cWe counted {v} fallen trees,\u201d said Tom Berg, a fire chief.",
    "According to officials, {v} roads were closed in district {d}.",
    "The mayor said {v} shelters were open.",
]


def key_corpus(folder: Path, n: int) -> Path:
    """``n`` articles of one story giving one key ``n`` distinct values."""
    folder.mkdir(parents=True, exist_ok=True)
    lines = ["story: one-toll", "articles:"]
    for i in range(n):
        name = f"k{i:05d}.txt"
        toll = f"{5000 + 7 * i:,}"  # (from 5,000 up: no number that reads as a year)
        (folder / name).write_text(f"Fire kills {toll}\n\nPolice said the fire killed {toll} people on Monday.\n",
                                   encoding="utf-8")
        lines.append(f"  {name}: {{outlet: \"Outlet {i:05d}\", published: 2025-05-19, story: one-toll}}")
    (folder / "sources.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def long_article(path: Path, n: int) -> Path:
    """One article of one paragraph of ``n`` attributed sentences."""
    body = " ".join(SENTENCES[i % len(SENTENCES)].format(v=f"{5000 + 7 * i:,}", d=i % 97) for i in range(n))
    path.write_text("Storm hits the coast\n\n" + body + "\n", encoding="utf-8")
    return path


def _series(label: str, sizes: tuple[int, ...], command, work: Path, env: dict, rounds: int,
            timeout: float) -> dict:
    runs: dict[int, list[procs.Run]] = {n: [] for n in sizes}
    for r in range(rounds):
        for n in sizes:
            run = procs.run(command(n), timeout=timeout, env=env)
            runs[n].append(run)
            print(f"  {label} {n:,}: round {r + 1}: {run.wall_s:.1f} s{'' if run.ok else ' FAILED'}", file=sys.stderr)
            if not run.ok:
                return {"ok": False, "sizes": list(sizes), "error": run.stderr.strip()[-300:]}
    wall = {n: statistics.median(r.wall_s for r in runs[n]) for n in sizes}
    cpu = {n: statistics.median(r.cpu_s for r in runs[n]) for n in sizes}
    small, big = sizes
    return {"ok": True, "sizes": list(sizes), "rounds": rounds,
            "wall_s": {str(n): wall[n] for n in sizes}, "cpu_s": {str(n): cpu[n] for n in sizes},
            "maxrss_mib": {str(n): max(r.maxrss_kb for r in runs[n]) / 1024 for n in sizes},
            "wall_ratio": wall[big] / wall[small], "cpu_ratio": cpu[big] / cpu[small]}


def measure(crosscheck: list[str], work: Path, env: dict, rounds: int, timeout: float) -> dict:
    """Both series; what ``render`` shows."""
    folders = {n: key_corpus(work / f"key-{n}", n) for n in KEY_SIZES}
    files = {n: long_article(work / f"long-{n}.txt", n) for n in LENGTH_SIZES}

    def check(n: int) -> list[str]:
        return [*crosscheck, "check", str(folders[n]), "--no-cache", "--quiet", "--format", "json",
                "--output", str(work / f"key-{n}.json"), "--fail-on", "never"]

    def extract(n: int) -> list[str]:
        return [*crosscheck, "extract", str(files[n]), "--no-cache", "--quiet", "--format", "json",
                "--output", str(work / f"length-{n}.json")]

    out = {"key": _series("check, one key, distinct values", KEY_SIZES, check, work, env, rounds, timeout),
           "length": _series("extract, one article, sentences", LENGTH_SIZES, extract, work, env, rounds, timeout)}
    for name, target in (("key", KEY_TARGET), ("length", LENGTH_TARGET)):
        s = out[name]
        s["target"] = target
        s["result"] = _result(work / f"{name}-{s['sizes'][1]}.json")
        if s["ok"]:
            print(f"  {name}: {s['sizes'][1] // s['sizes'][0]}x the input takes {s['wall_ratio']:.1f}x the wall time "
                  f"({s['cpu_ratio']:.1f}x the CPU time); target at most {target}x", file=sys.stderr)
    return out


def _result(output: Path) -> str:
    """What the larger run found: facts, findings and the sides of the largest finding."""
    try:
        doc = json.loads(output.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return ""
    facts = len(doc.get("facts", [])) or (doc.get("summary") or {}).get("facts")
    findings = doc.get("findings")
    if not isinstance(findings, list):
        return f"{facts} facts"
    sides = max((len(f.get("sides") or []) for f in findings), default=0)
    return f"{facts} facts, {len(findings)} findings (the largest with {sides:,} sides)"


def _row(what: str, s: dict, unit: str) -> list:
    small, big = s["sizes"]
    if not s["ok"]:
        return [what, f"{small:,} / {big:,} {unit}", "", "", "", "", "no", f"failed: {s.get('error', '?')[:100]}"]
    ok = "yes" if s["wall_ratio"] <= s["target"] else "no"
    return [what, f"{small:,} / {big:,} {unit}",
            f"{s['wall_s'][str(small)]:.1f} / {s['wall_s'][str(big)]:.1f}",
            f"{s['cpu_s'][str(small)]:.1f} / {s['cpu_s'][str(big)]:.1f}",
            f"{s['wall_ratio']:.1f}x ({s['cpu_ratio']:.1f}x CPU)", f"at most {s['target']}x", ok, s.get("result", "")]


def render(r: dict) -> list[str]:
    g = r.get("growth")
    if not g:
        return []
    rows = [_row("`check`, one key with that many distinct values (one article each)", g["key"], "values"),
            _row("`extract`, one article of one paragraph of that many attributed sentences", g["length"], "sentences")]
    head = ["what", "sizes", "wall s", "CPU s", "growth", "target", "met", "the larger run"]
    return ["## Growth: one key's values, one article's length", "",
            "What comparing every pair would make quadratic: one key given a distinct value by each of N articles "
            "of one story (every pair disagrees), and one article N sentences long. Medians of "
            f"{g['key'].get('rounds', '?')} runs a size, alternating; *growth* is the larger run's time over the "
            "smaller's (10x the values, 8x the sentences: linear would be 10x and 8x; less, where start-up counts).",
            "", "| " + " | ".join(head) + " |", "| " + " | ".join("---" for _ in head) + " |",
            *("| " + " | ".join(str(c) for c in row) + " |" for row in rows), ""]
