"""``crosscheck extract``: the facts and quotes found in articles, without comparing them."""

from __future__ import annotations

from typing import Any

from ..model import Article, ArticleFacts, Fact, Quote, number_json
from ..output import document, dumps, write_or_print


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
    by_id = {a.id: a for a in articles}
    facts = [fact_json(f, by_id[r.article]) for r in results for f in r.facts]
    quotes = [quote_json(q, by_id[r.article]) for r in results for q in r.quotes]
    return document(articles=[a.as_json() for a in articles], facts=facts, quotes=quotes)


def _value(fact: Fact) -> str:
    q = fact.quantity
    unit = f" {q.unit}" if q.unit else ""
    if q.qualifier == "range":
        return f"{number_json(q.low)}-{number_json(q.high)}{unit}"
    hedge = "" if q.qualifier == "exact" else f"{q.qualifier} "
    return f"{hedge}{number_json(q.value)}{unit}"


def extraction_text(articles: list[Article], results: list[ArticleFacts]) -> str:
    by_id = {a.id: a for a in articles}
    lines = []
    n_facts = n_quotes = 0
    for r in results:
        article = by_id[r.article]
        for f in r.facts:
            line, col = article.position(f.quantity.start)
            who = f.speaker or "-"
            when = f.time or "-"
            if f.date:
                when += f" ({f.date})"
            lines.append(f"{article.path}:{line}:{col}\t{f.key}\t{_value(f)}\t{f.quantity.text!r}\t{who}\t{when}")
            n_facts += 1
        for q in r.quotes:
            line, col = article.position(q.start)
            text = q.text if len(q.text) <= 80 else q.text[:77] + "..."
            lines.append(f"{article.path}:{line}:{col}\tquote\t{q.speaker or '-'}\t\u201c{text}\u201d")
            n_quotes += 1
    lines.append(f"{len(articles)} articles, {n_facts} facts, {n_quotes} quotes")
    return "\n".join(lines) + "\n"


def run(args) -> int:
    from ..extraction import extract_articles

    articles, results = extract_articles(args)
    formats = args.format or ["text"]
    outputs = args.output or [None]
    for i, fmt in enumerate(formats):
        output = outputs[i] if i < len(outputs) else None
        if fmt == "json":
            write_or_print(dumps(extraction_document(articles, results)), output)
        else:
            write_or_print(extraction_text(articles, results), output)
    return 0
