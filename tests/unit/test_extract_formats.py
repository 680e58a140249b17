"""The same article as .txt, .md (front matter), .html and .jsonl gives the same facts and quotes,
each at the right place in its own file."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from checker.extractor.facts import extract
from checker.ingest.articles import read_article

SAME = Path(__file__).resolve().parent.parent / "fixtures" / "articles" / "same"
FORMATS = ["transit.txt", "transit.md", "transit.html", "transit.jsonl"]


def summary(name: str):
    article = read_article(str(SAME / name))[0]
    result = extract(article)
    facts = [(f.key, f.quantity.qualifier, f.quantity.low, f.quantity.high, f.quantity.unit, f.speaker, f.date)
             for f in result.facts]
    quotes = [(q.text, q.speaker) for q in result.quotes]
    return article, result, facts, quotes


def test_every_format_gives_the_same_facts_and_quotes():
    _, _, facts, quotes = summary("transit.txt")
    assert facts, "the fixture must hold facts for this test to mean anything"
    assert quotes
    for name in FORMATS[1:]:
        _, _, other_facts, other_quotes = summary(name)
        assert other_facts == facts, name
        assert other_quotes == quotes, name


@pytest.mark.parametrize("name", FORMATS)
def test_positions_point_into_the_file_on_disk(name):
    article, result, _, _ = summary(name)
    raw_lines = (SAME / name).read_text(encoding="utf-8").splitlines()
    for fact in result.facts:
        line, col = article.position(fact.quantity.start)
        # the leading letters or digits: entities ("three&#8209;hour") may follow them in HTML
        first_word = re.match(r"[\w$€£]+", fact.quantity.text).group(0)
        assert raw_lines[line - 1][col - 1:].startswith(first_word), (name, fact.quantity.text, line, col)
