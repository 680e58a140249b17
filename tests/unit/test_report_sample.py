"""A synthetic multi-finding report that every format test renders (and checks of the sample itself).

Three articles, six findings of five types and three severities, a quote with differing words, a
finding with four claims, and an outlet name with markup characters.
"""

from __future__ import annotations

from fractions import Fraction
from types import SimpleNamespace

from checker.findings import Claim, Finding, Report
from checker.model import Article, Quantity

ABC = Article(id="abc", path="seeds/000_abc.txt", text="", outlet="ABC News", published="2025-05-19",
              title="Putin claims Russia ready")
CBC = Article(id="cbc", path="seeds/002_cbc.txt", text="", outlet="CBC News", published="2025-05-19")
IBN = Article(id="ibn", path="seeds/004 inter bellum.txt", text="", outlet="Inter <Bellum> & Co",
              title="Kiev \"talks\"")


def q(text: str, qualifier: str, low, high, value=None) -> Quantity:
    return Quantity(text=text, start=0, end=len(text), qualifier=qualifier, value=value,
                    low=None if low is None else Fraction(low), high=None if high is None else Fraction(high),
                    low_inclusive=qualifier != "more_than", high_inclusive=qualifier == "exact",
                    unit="hour", dimension="[time]")


def claim(article: Article, line: int, col: int, text: str, speaker=None, quantity=None) -> Claim:
    return Claim(article=article.id, outlet=article.outlet, path=article.path, line=line, column=col,
                 end_line=line, end_column=col + len(text), text=text, speaker=speaker, quantity=quantity)


FINDINGS = (
    Finding(id="f-num-1", rule="numeric-mismatch", type="numeric", severity="error",
            message="Outlets disagree on call.duration: 2 hours vs 3 hours", key="call.duration",
            claims=(claim(ABC, 9, 62, "two hours", "Putin", q("two hours", "exact", 2, 2, 2)),
                    claim(CBC, 14, 5, "three hours", None, q("three hours", "exact", 3, 3, 3)))),
    Finding(id="f-qual-1", rule="qualifier-mismatch", type="qualifier", severity="warning",
            message="One outlet hedges call.duration", key="call.duration",
            claims=(claim(ABC, 9, 62, "more than two hours", "Putin", q("more than two hours", "more_than", 2, None, 2)),
                    claim(CBC, 14, 5, "two hours", None, q("two hours", "exact", 2, 2, 2)))),
    Finding(id="f-quote-1", rule="quote-wording", type="quote", severity="warning",
            message="Putin is quoted in different words", key="quote.putin",
            claims=(claim(ABC, 20, 10, "very informative and very frank", "Putin"),
                    claim(IBN, 7, 3, "very meaningful and quite frank", "Putin"))),
    Finding(id="f-spell-1", rule="name-spelling", type="spelling", severity="info",
            message="Zelenskyy is spelled Zelensky", key="person.zelenskyy",
            claims=(claim(ABC, 5, 40, "Zelenskyy"), claim(CBC, 6, 1, "Zelenskyy"),
                    claim(IBN, 3, 12, "Zelensky"), claim(IBN, 30, 1, "Zelensky"))),
    Finding(id="f-attr-1", rule="quote-attribution", type="attribution", severity="warning",
            message="The same words are given to different speakers", key="quote.bloodbath",
            claims=(claim(ABC, 12, 1, "bloodbath", "Trump"), claim(IBN, 9, 1, "bloodbath", "Leavitt"))),
    Finding(id="f-int-1", rule="internal-consistency", type="internal", severity="error",
            message="The article gives two durations for the call", key="call.duration",
            claims=(claim(IBN, 2, 1, "two hours"), claim(IBN, 20, 4, "90 minutes"))),
)

RULES = (
    SimpleNamespace(id="numeric-mismatch", severity="error", kind="numeric", type="numeric",
                    description="Outlets give values for the same fact that do not overlap."),
    SimpleNamespace(id="quote-wording", severity="warning", kind="quote", type="quote", description=None),
    SimpleNamespace(id="unused-rule", severity="info", kind="numeric", type="numeric",
                    description="A rule that found nothing."),
)


def sample_report(**changes) -> Report:
    """The sample report; keyword arguments replace its fields."""
    fields = dict(articles=(ABC, CBC, IBN), findings=FINDINGS, facts=41, quotes=12, suppressed=1, baselined=2,
                  rules=RULES)
    fields.update(changes)
    return Report(**fields)


def test_sample_covers_every_type_and_severity():
    report = sample_report()
    assert {f.type for f in report.findings} == {"numeric", "qualifier", "quote", "spelling", "attribution", "internal"}
    assert report.counts() == {"error": 2, "warning": 3, "info": 1}
