"""Small stand-ins for ingest, facts, ruleset and engine, so that the check command's glue (config,
cache, --jobs, filters, baselines, formats, exit codes) is tested on its own.

An article is a .txt file of lines:

    outlet: ABC News                 the outlet (default: the file stem)
    ignore: numeric-mismatch         front-matter style ignore_rules
    suppress: numeric-mismatch       a suppression comment for the next line
    call.duration = 2                a fact (key = number), optionally "by Speaker"

The engine reports, for each key, one finding when the articles give different numbers: severity
error, or warning for keys starting "warn.", or info for keys starting "info.".
"""

from __future__ import annotations

import hashlib
import re
import sys
import types
from fractions import Fraction
from pathlib import Path

import pytest

from checker.errors import Location, RuleError, UnreadableError
from checker.findings import Claim, Finding
from checker.model import Article, ArticleFacts, Fact, Quantity

_FACT = re.compile(r"^([\w.]+) = (\d+)(?: by (\w+))?$")
EXTRACT_CALLS: list[str] = []


def read_articles(paths, *, on_skip=None, furniture=None, reuse=None, on_error=None):
    files = []
    for p in map(Path, paths):
        if p.is_dir():
            files += sorted(x for x in p.rglob("*") if x.is_file())
        elif p.exists():
            files.append(p)
        elif on_error is not None:  # like ingest: the others are read, the error is reported after
            on_error(UnreadableError("no such file or folder", Location(str(p))))
        else:
            raise UnreadableError("no such file or folder", Location(str(p)))
    out, seen = [], set()
    for f in files:
        if f.resolve() in seen:  # like ingest: each file once, however often it is named
            continue
        seen.add(f.resolve())
        if f.suffix != ".txt":
            if on_skip:
                on_skip(str(f), "not an article")
            continue
        out.append(_article(f))
    return out


def discover(paths, on_skip=None, on_error=None):
    """The files read_articles reads, as ingest's Sources (file, path)."""
    files = []
    for p in map(Path, paths):
        files += sorted(x for x in p.rglob("*.txt") if x.is_file()) if p.is_dir() else [p] if p.exists() else []
    return [types.SimpleNamespace(file=f, path=str(f)) for f in files]


def iter_articles(paths, **options):
    yield from read_articles(paths, **options)


def _article(f: Path) -> Article:
    text = f.read_text(encoding="utf-8")
    outlet, ignore, suppressions = f.stem, [], []
    for n, line in enumerate(text.splitlines(), start=1):
        if line.startswith("outlet: "):
            outlet = line[8:]
        elif line.startswith("ignore: "):
            ignore.append(line[8:])
        elif line.startswith("suppress: "):
            suppressions.append((n + 1, line[10:], "test"))
    return Article(id=str(f), path=str(f), text=text, outlet=outlet, raw=text, ignore_rules=tuple(ignore),
                   suppressions=tuple(suppressions))


def extract(article: Article, lexicon=None) -> ArticleFacts:
    EXTRACT_CALLS.append(article.id)
    facts = []
    pos = 0
    for line in article.text.splitlines(keepends=True):
        m = _FACT.match(line.rstrip("\n"))
        if m:
            n = Fraction(m.group(2))
            q = Quantity(text=m.group(2), start=pos + m.start(2), end=pos + m.end(2), qualifier="exact", value=n,
                         low=n, high=n, low_inclusive=True, high_inclusive=True, unit=None, dimension="dimensionless")
            facts.append(Fact(id=f"{article.id}#{len(facts)}", article=article.id, key=m.group(1), quantity=q,
                              speaker=m.group(3)))
        pos += len(line)
    return ArticleFacts(article=article.id, facts=tuple(facts))


def load_furniture(extra_paths=()):
    """Stand-in: the furniture list is not used by the stand-in reader."""
    return None


def furniture_notes(article: Article) -> list[str]:
    return []


def load_rules(paths=(), *, defaults=True):
    for p in paths:
        if not Path(p).exists():
            raise RuleError([(Location(str(p), 1, 1), "rule file not found")])
    rules = [types.SimpleNamespace(id="numeric-mismatch", severity="error", type="numeric",
                                   description="Numbers that differ.")] if defaults else []
    return types.SimpleNamespace(rules=tuple(rules))


def _severity(key: str) -> str:
    return "warning" if key.startswith("warn.") else "info" if key.startswith("info.") else "error"


def evaluate(articles, extractions, rules):
    by_id = {a.id: a for a in articles}
    by_key: dict[str, list[Fact]] = {}
    for a in articles:
        for fact in extractions[a.id].facts:
            by_key.setdefault(fact.key, []).append(fact)
    findings = []
    for key, facts in sorted(by_key.items()):
        if len({f.quantity.value for f in facts}) < 2:
            continue
        claims = []
        for fact in facts:
            a = by_id[fact.article]
            (line, col), (end_line, end_col) = a.position(fact.quantity.start), a.end_position(fact.quantity.end)
            claims.append(Claim(article=a.id, outlet=a.outlet, path=a.path, line=line, column=col, end_line=end_line,
                                end_column=end_col, text=fact.quantity.text, speaker=fact.speaker,
                                quantity=fact.quantity))
        fid = hashlib.sha256(f"numeric-mismatch|{key}".encode()).hexdigest()[:16]
        findings.append(Finding(id=fid, rule="numeric-mismatch", type="numeric", severity=_severity(key),
                                message=f"Outlets disagree on {key}", key=key, claims=tuple(claims)))
    return findings


def install(monkeypatch: pytest.MonkeyPatch) -> None:
    """Put these stand-ins where the pipeline imports its stages from."""
    me = sys.modules[__name__]
    for name in ("ingest.articles", "extractor.facts", "ruleset.loader", "engine"):
        monkeypatch.setitem(sys.modules, f"checker.{name}", me)
    EXTRACT_CALLS.clear()


def write_corpus(root: Path, files: dict[str, str]) -> Path:
    """Write ``files`` (name -> text) under ``root`` and return it."""
    root.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (root / name).write_text(text, encoding="utf-8")
    return root


def test_stand_in_engine_reports_differing_numbers(tmp_path):
    corpus = write_corpus(tmp_path, {"a.txt": "outlet: A\ncall.duration = 2 by Putin\n",
                                     "b.txt": "outlet: B\ncall.duration = 3\n"})
    articles = read_articles([str(corpus)])
    findings = evaluate(articles, {a.id: extract(a) for a in articles}, load_rules())
    assert [(f.key, f.severity, [c.text for c in f.claims]) for f in findings] == [("call.duration", "error", ["2", "3"])]
    assert findings[0].claims[0].line == 2 and findings[0].claims[0].column == 17
