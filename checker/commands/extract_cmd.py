"""``crosscheck extract``: the facts, quotes and entities (people and other named things, with
their mentions) found in articles, without comparing them.

The documents are written a piece at a time (one article, fact, quote or line), never built whole
in memory: to a file through a temporary file renamed over it at the end, as every output is (all
of a run's files, or none), or to standard output.  The JSON is byte for byte what ``json.dumps(document, indent=2)`` gives.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from typing import Any

from checker.model import Article, ArticleFacts, Fact, Mention, Quote, number_json
from checker.output import document, document_chunks


def _place(article: Article, start: int, end: int) -> dict[str, Any]:
    line, column = article.position(start)
    end_line, end_column = article.end_position(end)
    return {"path": article.path, "line": line, "column": column, "end_line": end_line, "end_column": end_column}


def fact_json(fact: Fact, article: Article) -> dict[str, Any]:
    q = fact.quantity
    out = {
        "id": fact.id, "article": fact.article, "key": fact.key, "text": q.text, "quantity": q.as_json(),
        "speaker": fact.speaker, "time": fact.time, "sentence": fact.sentence,
        **_place(article, q.start, q.end),
    }
    if fact.date:
        out["date"] = fact.date
    return out


def quote_json(quote: Quote, article: Article) -> dict[str, Any]:
    out = {
        "id": quote.id, "article": quote.article, "speaker": quote.speaker, "text": quote.text,
        **_place(article, quote.start, quote.end),
    }
    if quote.topic:
        out["topic"] = quote.topic
    if quote.channel:
        out["channel"] = quote.channel
    if quote.day:
        out["day"] = quote.day
    return out


def entities_json(facts: ArticleFacts, article: Article) -> Iterator[dict[str, Any]]:
    """One item per entity of an article (a person or another named thing), with its mentions."""
    by_entity: dict[tuple[str, str], list[Mention]] = {}
    for m in facts.mentions:
        by_entity.setdefault((m.kind, m.entity or m.text), []).append(m)
    for (kind, name), ms in by_entity.items():
        roles = sorted({r for m in ms if m.role for r in m.role.split("; ")})
        yield {"article": facts.article, "name": name, "kind": kind, "roles": roles,
               "mentions": [{"text": m.text, **_place(article, m.start, m.end)} for m in ms]}


def extraction_document(articles: list[Article], results: list[ArticleFacts]) -> dict[str, Any]:
    """The whole document as a dict (for callers that want to embed it; ``run`` streams it)."""
    by_id = {a.id: a for a in articles}
    facts = [fact_json(f, by_id[r.article]) for r in results for f in r.facts]
    quotes = [quote_json(q, by_id[r.article]) for r in results for q in r.quotes]
    entities = [e for r in results for e in entities_json(r, by_id[r.article])]
    return document(articles=[a.as_json() for a in articles], facts=facts, quotes=quotes, entities=entities)


def extraction_json(articles: list[Article], results: list[ArticleFacts]) -> Iterator[str]:
    """``dumps(extraction_document(articles, results))`` in pieces, one article, fact or quote at a
    time (``output.document_chunks`` writes the generators as lists, an item at a time)."""
    by_id = {a.id: a for a in articles}
    return document_chunks(
        articles=(a.as_json() for a in articles),
        facts=(fact_json(f, by_id[r.article]) for r in results for f in r.facts),
        quotes=(quote_json(q, by_id[r.article]) for r in results for q in r.quotes),
        entities=(e for r in results for e in entities_json(r, by_id[r.article])),
    )


def _value(fact: Fact) -> str:
    q = fact.quantity
    unit = f" {q.unit}" if q.unit else ""
    if q.qualifier == "range":
        return f"{number_json(q.low)}-{number_json(q.high)}{unit}"
    hedge = "" if q.qualifier == "exact" else f"{q.qualifier} "
    return f"{hedge}{number_json(q.value)}{unit}"


def extraction_text(articles: list[Article], results: list[ArticleFacts]) -> str:
    return "".join(extraction_lines(articles, results))


def _why(article: Article, lexicon_files: tuple[str, ...]) -> dict[str, list[str]]:
    from checker.extractor.facts import explain
    from checker.extractor.lexicon import load_lexicon

    return explain(article, load_lexicon(lexicon_files))


def extraction_lines(articles: list[Article], results: list[ArticleFacts],
                     explain: tuple[str, ...] | None = None) -> Iterator[str]:
    """The text listing, a line (with its newline) at a time; with ``explain`` (the lexicon files),
    each fact is followed by indented lines saying why it got its key."""
    by_id = {a.id: a for a in articles}
    n_facts = n_quotes = 0
    for r in results:
        article = by_id[r.article]
        why = _why(article, explain) if explain is not None else {}
        for f in r.facts:
            line, col = article.position(f.quantity.start)
            who = f.speaker or "-"
            when = f.time or "-"
            if f.date:
                when += f" ({f.date})"
            yield f"{article.path}:{line}:{col}\t{f.key}\t{_value(f)}\t{f.quantity.text!r}\t{who}\t{when}\n"
            yield from (f"\t  {reason}\n" for reason in why.get(f.id, ()))
            n_facts += 1
        for q in r.quotes:
            line, col = article.position(q.start)
            text = q.text if len(q.text) <= 80 else q.text[:77] + "..."
            yield f"{article.path}:{line}:{col}\tquote\t{q.speaker or '-'}\t\u201c{text}\u201d\n"
            n_quotes += 1
        for e in entities_json(r, article):
            first = e["mentions"][0]
            texts = ", ".join(dict.fromkeys(m["text"] for m in e["mentions"]))
            roles = f" ({', '.join(e['roles'])})" if e["roles"] else ""
            yield f"{article.path}:{first['line']}:{first['column']}\t{e['kind']}\t{e['name']}{roles}\t{texts}\n"
    yield f"{len(articles)} articles, {n_facts} facts, {n_quotes} quotes\n"


def run(args) -> int:
    from checker.api import extract
    from checker.config import resolve
    from checker.run.outputs import check_outputs

    from .check_cmd import write_reports

    settings = resolve(args)
    formats = args.format or ["text"]
    outputs = args.output or [None]
    pairs = [(fmt, outputs[i] if i < len(outputs) else None) for i, fmt in enumerate(formats)]
    check_outputs([path for _, path in pairs if path], articles=settings["paths"], rules=settings["rules"],
                  files=[str(settings.file) if settings.file else None], cache=settings["cache"] or None)
    errors: list = []
    found = extract(config=settings, verbose=bool(getattr(args, "verbose", False)),
                    progress=not getattr(args, "quiet", False), errors=errors)
    articles, results = [a for a, _ in found], [x for _, x in found]
    explain = _lexicon_files(args) if getattr(args, "explain", False) else None
    write_reports([(path, extraction_json(articles, results) if fmt == "json"
                    else extraction_lines(articles, results, explain),
                    "json" if fmt == "json" else "text") for fmt, path in pairs])
    for error in errors:
        for line in error.lines():
            print(line, file=sys.stderr)
    return 2 if errors else 0


def _lexicon_files(args) -> tuple[str, ...]:
    from checker.paths import lexicon_files

    return tuple(str(p) for p in lexicon_files(getattr(args, "rules", None) or [], "facts"))
