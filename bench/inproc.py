"""Measurements inside one fresh process, on the seeds: cold start of the parser and the lexer, lark's
lexer against ``grammar.tokens`` (alternating, same texts), where a parse spends its time, and the
profile of what is left.

    python bench/inproc.py SEEDS_DIR ROUNDS     (prints one JSON object)
"""

from __future__ import annotations

import cProfile
import io
import json
import pstats
import re
import statistics
import sys
import time
from pathlib import Path


def _clock(f, texts) -> float:
    t0 = time.perf_counter()
    for text in texts:
        f(text)
    return time.perf_counter() - t0


def cold(texts) -> dict:
    """Seconds to load the parser, build the lexer, and lex the seeds the first time (every bucket
    regex compiled on first use of its character) and the second time."""
    from checker.parser import grammar

    t0 = time.perf_counter()
    grammar.parser()
    t1 = time.perf_counter()
    lexer = grammar._lexer()
    t2 = time.perf_counter()
    first = _clock(grammar.tokens, texts)
    second = _clock(grammar.tokens, texts)
    return {"parser_s": t1 - t0, "lexer_init_s": t2 - t1, "first_pass_s": first, "second_pass_s": second,
            "characters_seen": len(lexer._members), "pairs_seen": len(lexer._by_pair),
            "regexes_compiled": len(lexer._by_members),
            "terminals": len(grammar.parser().terminals)}


def lexers(texts, rounds: int) -> dict:
    """lark's basic lexer against ``grammar.tokens``, A B A B, per article.  lark is measured twice:
    ``Lark.lex(text)`` as tokens() used to call it (it builds a new BasicLexer, and validates it when
    the parser was not loaded from lark's cache), and one BasicLexer kept and reused (lark at its
    best); the speed-up is against the latter."""
    from lark.lexer import BasicLexer, LexerThread

    from checker.parser import grammar

    kept = BasicLexer(grammar.parser().lexer_conf)

    def lark_lex(text):
        return list(grammar.parser().lex(text))

    def lark_kept(text):
        return list(LexerThread.from_text(kept, text).lex(None))

    def key(toks):
        return [(t.type, t.value, t.start_pos, t.end_pos, t.line, t.column, t.end_line, t.end_column) for t in toks]

    identical = all(key(lark_lex(t)) == key(lark_kept(t)) == key(grammar.tokens(t)) for t in texts)
    identical = identical and all(
        grammar.lex(t).types == [tok.type for tok in grammar.tokens(t)] for t in texts)
    times: dict[str, list[float]] = {"lex": [], "kept": [], "fast": [], "spans": []}
    for _ in range(rounds):
        for name, f in (("lex", lark_lex), ("kept", lark_kept), ("fast", grammar.tokens), ("spans", grammar.lex)):
            times[name].append(_clock(f, texts) / len(texts))
    tokens = sum(len(grammar.tokens(t)) for t in texts) / len(texts)
    return {"identical": identical, "lark_lex_ms": 1000 * statistics.median(times["lex"]),
            "lark_ms": 1000 * statistics.median(times["kept"]), "fast_ms": 1000 * statistics.median(times["fast"]),
            "spans_ms": 1000 * statistics.median(times["spans"]),
            "tokens_per_article": tokens,
            "speedup": statistics.median(o / n for o, n in zip(times["kept"], times["fast"])),
            "speedup_vs_lex": statistics.median(o / n for o, n in zip(times["lex"], times["fast"])),
            "validated": not grammar.parser().lexer_conf.skip_validation}


def split(texts, rounds: int) -> dict:
    """Milliseconds per article in each step of ``parse_text``: lexing, finding the longest runs,
    building their trees, and reading trees into Quantities."""
    from checker.parser import grammar, quantities

    to_quantity = getattr(quantities, "to_quantities", None) or quantities.to_quantity
    toks = {t: grammar.lex(t) for t in texts}
    runs = {t: [(m.first, m.last) for m in grammar.scan(toks[t])] for t in texts}
    trees = {t: [(grammar.build_tree(toks[t].run(a, b)), a, b) for a, b in runs[t]] for t in texts}

    def find(text):
        types, i = toks[text].types, 0
        while i < len(types):
            end = grammar.longest(types, i) if types[i] in grammar._tables().first else i
            i = end if end > i else i + 1

    steps = {
        "lex": grammar.lex,
        "longest runs": find,
        "build trees": lambda text: [grammar.build_tree(toks[text].run(a, b)) for a, b in runs[text]],
        "trees to quantities": lambda text: [
            to_quantity(tree, text, toks[text].starts[a], toks[text].ends[b - 1]) for tree, a, b in trees[text]],
    }
    out = {name: [] for name in steps}
    for _ in range(rounds):
        for name, f in steps.items():
            out[name].append(_clock(f, texts) / len(texts))
    return {name: 1000 * statistics.median(v) for name, v in out.items()}


def profile(f, texts, repeat: int = 3, top: int = 12) -> list[dict]:
    """The functions with the most own time while ``f`` runs over the texts."""
    prof = cProfile.Profile()
    prof.enable()
    for _ in range(repeat):
        for text in texts:
            f(text)
    prof.disable()
    stats = pstats.Stats(prof, stream=io.StringIO())
    total = sum(v[2] for v in stats.stats.values()) or 1.0
    rows = sorted(stats.stats.items(), key=lambda kv: -kv[1][2])[:top]
    return [{"function": f"{_where(file)}:{line}({re.sub(r' at 0x[0-9a-f]+', '', name)})", "calls": v[1],
             "own_share": v[2] / total}
            for (file, line, name), v in rows]


def _where(file: str) -> str:
    """A profiled function's file without the machine's folders: ``checker/parser/lexer.py``,
    ``lark/lexer.py`` (relative to the ``sys.path`` entry it was imported from), ``~`` for built-ins."""
    import checker

    path = Path(file)
    if not path.is_absolute():
        return file
    entries = [Path(checker.__file__).parent.parent, *(Path(p) for p in sys.path if p and Path(p).is_absolute())]
    bases = [p for p in entries if p in path.parents]
    if not bases:
        return "/".join(path.parts[-2:])
    return path.relative_to(max(bases, key=lambda b: len(b.parts))).as_posix()


def extract_profile(seeds_dir: Path) -> list[dict] | None:
    try:
        from checker.extractor.facts import extract
        from checker.ingest.articles import read_articles
    except ImportError:
        return None
    articles = read_articles([str(seeds_dir)])
    for article in articles:
        extract(article)
    return profile(extract, articles)


def main(argv: list[str]) -> int:
    seeds_dir, rounds = Path(argv[0]), int(argv[1])
    texts = [p.read_text(encoding="utf-8") for p in sorted(seeds_dir.glob("*.txt"))]
    out = {"cold": cold(texts)}
    out["lexers"] = lexers(texts, rounds)
    out["split"] = split(texts, rounds)
    from checker.parser.quantities import parse_text

    out["parse_profile"] = profile(parse_text, texts)
    out["extract_profile"] = extract_profile(seeds_dir)
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
