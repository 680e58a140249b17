"""Fuzzing ``parse``, ``extract`` and ``check`` with random and near-news text: none may raise anything
but a :class:`~checker.errors.CheckerError`, and every report format renders what ``check`` finds.
Each test sets its own example count (a few thousand); the module is marked slow, so the quick
``pytest`` leaves it out and ``tox`` runs it.

Near-news text is made of the pieces news articles are made of: numbers written every way, hedges,
units and counted nouns, dates, quotes and attributions, names, and Markdown and HTML bits.  Numbers
past the grammar's reach (hundreds of digits, ``10^1000``) are left to the strict xfails of
test_inputs.py, which name the parser."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checker.errors import CheckerError
from checker.model import FORMATS

pytestmark = pytest.mark.slow

NUMBERS = ["2", "two", "1,397", "2.5", "\u00bd", "two and a half", "twenty-one", "112", "76", "3-year-old",
           "1.5 million", "$4.2bn", "30%", "0", "-5", "10^3", "1e5", "99,999,999", "4:30", "1/3", "12th",
           "2025", "nine", "dozens", "hundreds of", "1,000", "7.", ".5"]
HEDGES = ["more than", "at least", "about", "roughly", "nearly", "up to", "over", "fewer than", "between",
          "and", "or", "to", "-", "\u2013", "some", "almost", "exactly", "as many as", "no more than"]
UNITS = ["hours", "hour", "minutes", "kg", "km", "miles", "drones", "prisoners", "people", "civilians",
         "percent", "%", "dollars", "euros", "USD", "degrees", "years", "days", "tonnes", "m\u00b2", "km/h"]
WORDS = ["The", "call", "lasted", "said", "told", "reporters", "according", "to", "Putin", "Trump", "Zelenskyy",
         "Zelensky", "Mr.", "Dr.", "Anna", "Berger", "of", "which", "were", "shot", "down", "launched", "killed",
         "each", "on", "Monday", "night", "Sunday", "2025-05-19", "last", "week", "in", "Kyiv", "U.S.", "the",
         "a", "\u201c", "\u201d", '"', "\u2018", "\u2019", "'", ",", ".", ":", ";", "?", "!", "(", ")", "\n",
         "\n\n", "\u00a0", "\u00ad", "\u200b", "\u202e", "\t"]
MARKUP = ["![i](x.png)", "![", "](", "[a](b)", "<!-- c -->", "<!--", "-->", "**", "_", "`", "# ", "## ", "> ",
          "- ", "1. ", "<b>", "</b>", "<p>", "</p>", "<br>", "&amp;", "&nbsp;", "&#8220;", "<script>x</script>",
          "---\n", "|", "\\", "<", ">", "&"]
PIECE = st.one_of(st.sampled_from(NUMBERS), st.sampled_from(HEDGES), st.sampled_from(UNITS), st.sampled_from(WORDS),
                  st.sampled_from(MARKUP), st.text(max_size=6))
NEWS = st.lists(PIECE, max_size=60).map(" ".join)
ANY = st.one_of(NEWS, st.text(max_size=300))


def fuzz(examples: int) -> settings:
    """Hypothesis settings for ``examples`` examples, the same in every run (derandomized)."""
    return settings(max_examples=examples, deadline=None, derandomize=True, database=None,
                    suppress_health_check=list(HealthCheck))


@fuzz(4000)
@given(ANY)
def test_parse_never_fails(text):
    from checker.api import parse

    for q in parse(text):
        assert text[q.start:q.end] == q.text
        q.as_json()  # what crosscheck parse prints


@fuzz(2500)
@given(ANY, st.sampled_from(["a.txt", "a.md", "a.html"]))
def test_extract_never_fails(text, name):
    from checker.extractor.facts import extract
    from checker.ingest.articles import read_string

    try:
        articles = read_string(text, name)
    except CheckerError:
        return
    for article in articles:
        result = extract(article)
        for fact in result.facts:
            assert article.text[fact.quantity.start:fact.quantity.end] == fact.quantity.text
            article.position(fact.quantity.start)
            article.end_position(fact.quantity.end)
            fact.quantity.as_json()  # what crosscheck extract prints


_RULES = []


def _rules():
    if not _RULES:
        from checker.ruleset.loader import load_rules

        _RULES.append(load_rules())
    return _RULES[0]


@fuzz(1500)
@given(st.lists(ANY, min_size=2, max_size=3), st.lists(st.sampled_from(["a.txt", "b.md", "c.html"]), min_size=3,
                                                          max_size=3))
def test_check_never_fails_and_every_format_renders(texts, names):
    from dataclasses import replace

    from checker.engine import evaluate
    from checker.extractor.facts import extract
    from checker.findings import Report
    from checker.ingest.articles import read_string
    from checker.report import render

    articles = []
    for n, text in enumerate(texts):
        try:
            found = read_string(text, f"{n}{names[n]}")
        except CheckerError:
            continue
        articles += [replace(a, outlet=f"Outlet {n}", story="s") for a in found]
    extractions = {a.id: extract(a) for a in articles}
    findings = evaluate(articles, extractions, _rules())
    report = Report(articles=tuple(a.without_text() for a in articles), findings=tuple(findings),
                    facts=sum(len(x.facts) for x in extractions.values()),
                    quotes=sum(len(x.quotes) for x in extractions.values()), rules=tuple(_rules().rules))
    for fmt in FORMATS:
        render(fmt, report).encode("utf-8")
