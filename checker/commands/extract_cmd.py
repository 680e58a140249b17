"""``crosscheck extract``: the facts and quotes found in articles, without comparing them.

The documents are written a piece at a time (one article, fact, quote or line), never built whole
in memory: to a file through a temporary file renamed over it at the end, as every output is (all
of a run's files, or none), or to standard output.  The JSON is byte for byte what ``json.dumps(document, indent=2)`` gives.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from typing import Any

from checker.model import Article, ArticleFacts, Fact, Quote, number_json
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
    return out


def extraction_document(articles: list[Article], results: list[ArticleFacts]) -> dict[str, Any]:
    """The whole document as a dict (for callers that want to embed it; ``run`` streams it)."""
    by_id = {a.id: a for a in articles}
    facts = [fact_json(f, by_id[r.article]) for r in results for f in r.facts]
    quotes = [quote_json(q, by_id[r.article]) for r in results for q in r.quotes]
    return document(articles=[a.as_json() for a in articles], facts=facts, quotes=quotes)


def extraction_json(articles: list[Article], results: list[ArticleFacts]) -> Iterator[str]:
    """``dumps(extraction_document(articles, results))`` in pieces, one article, fact or quote at a
    time (``output.document_chunks`` writes the generators as lists, an item at a time)."""
    by_id = {a.id: a for a in articles}
    return document_chunks(
        articles=(a.as_json() for a in articles),
        facts=(fact_json(f, by_id[r.article]) for r in results for f in r.facts),
        quotes=(quote_json(q, by_id[r.article]) for r in results for q in r.quotes),
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


def extraction_lines(articles: list[Article], results: list[ArticleFacts]) -> Iterator[str]:
    """The text listing, a line (with its newline) at a time."""
    by_id = {a.id: a for a in articles}
    n_facts = n_quotes = 0
    for r in results:
        article = by_id[r.article]
        for f in r.facts:
            line, col = article.position(f.quantity.start)
            who = f.speaker or "-"
            when = f.time or "-"
            if f.date:
                when += f" ({f.date})"
            yield f"{article.path}:{line}:{col}\t{f.key}\t{_value(f)}\t{f.quantity.text!r}\t{who}\t{when}\n"
            n_facts += 1
        for q in r.quotes:
            line, col = article.position(q.start)
            text = q.text if len(q.text) <= 80 else q.text[:77] + "..."
            yield f"{article.path}:{line}:{col}\tquote\t{q.speaker or '-'}\t\u201c{text}\u201d\n"
            n_quotes += 1
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
    write_reports([(path, extraction_json(articles, results) if fmt == "json" else extraction_lines(articles, results),
                    "json" if fmt == "json" else "text") for fmt, path in pairs])
    for error in errors:
        for line in error.lines():
            print(line, file=sys.stderr)
    return 2 if errors else 0
