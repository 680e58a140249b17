"""Frozen value types that flow through the pipeline.

    Article -> (Quantity, Quote, attribution) -> Fact   (a finding's types: checker/findings.py)

Every type is an immutable dataclass with tuples for collections; use ``dataclasses.replace`` to
derive a changed copy.  Offsets are character offsets (code points) into ``Article.text``, the text
as decoded from disk; ``Article.position`` turns one into a 1-based (line, column) pair.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from .article import Article

__all__ = [
    "FAIL_ON",
    "FORMATS",
    "QUALIFIERS",
    "SEVERITIES",
    "UPDATE_FACET",
    "Article",
    "ArticleFacts",
    "Fact",
    "Mention",
    "Quantity",
    "Quote",
    "number_json",
    "severity_rank",
]

#: the facet of a fact the text gives as a new value ("has risen to 39"): its key is compared
#: without it, and it supersedes the same key's figures published before it
UPDATE_FACET = "update"
QUALIFIERS = ("exact", "approximate", "more_than", "at_least", "less_than", "at_most", "range")
#: the severities of a finding, most severe first
SEVERITIES = ("error", "warning", "info")
#: the levels ``--fail-on`` takes: a severity (findings at or above it fail the run), or never
FAIL_ON = (*SEVERITIES, "never")
#: the report formats, as ``--format`` names them (checker.report has a module of each name)
FORMATS = ("text", "json", "sarif", "github", "markdown", "html", "junit")


def severity_rank(severity: str) -> int:
    """0 for error, 1 for warning, 2 for info (unknown severities sort last)."""
    return SEVERITIES.index(severity) if severity in SEVERITIES else len(SEVERITIES)


def number_json(value: Fraction | int | float | None) -> int | float | None:
    """A number as JSON wants it: an int when whole, else a float."""
    if value is None:
        return None
    if isinstance(value, Fraction) and value.denominator == 1:
        return int(value)
    if isinstance(value, int):
        return value
    f = float(value)
    return int(f) if f.is_integer() and abs(f) < 2**53 else f


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number as written, read into an interval with a unit.

    ``low``/``high`` are in the stated unit and ``None`` where unbounded.  ``noun`` is the counted noun
    (singular, lower case) of a count; ``modifies`` is the noun phrase a compound adjective qualifies
    ("a two-hour phone call" -> "phone call"); ``distributive`` marks "each"; ``part_of`` marks a part
    of a whole ("76 of which", "76 of the 112 drones") and holds the whole's noun when stated.

    ``kind`` says what a number that is not a plain measure is (``None`` for a measure or count):
    ``score`` ("beat Arsenal 3-1", "voted 219 to 213": ``first`` and ``second`` hold each side as
    written, value and interval are unbounded ``None``), ``change`` ("climbed from 40 to 67": ``first``
    is the start and ``second`` the end, the interval is the end), ``delta`` (the 2 of "rose $2 to $85"), ``rank`` ("11th consecutive day",
    "a third term": value 11 or 3, ``noun`` the ranked noun, which is not counted), ``age`` ("The man,
    45," and "in his 40s"), ``vague`` ("dozens of people": at least 24).
    """

    text: str
    start: int
    end: int
    qualifier: str
    value: Fraction | None
    low: Fraction | None
    high: Fraction | None
    low_inclusive: bool
    high_inclusive: bool
    unit: str | None
    dimension: str
    noun: str | None = None
    hedge: str | None = None
    modifies: str | None = None
    distributive: bool = False
    part_of: str | None = None
    whole: Fraction | None = None
    kind: str | None = None
    first: Fraction | None = None
    second: Fraction | None = None

    def __post_init__(self) -> None:
        if self.qualifier not in QUALIFIERS:
            raise ValueError(f"unknown qualifier {self.qualifier!r}")
        if not 0 <= self.start <= self.end:
            raise ValueError(f"bad span {self.start}..{self.end}")
        if self.low is not None and self.high is not None and self.low > self.high:
            raise ValueError(f"empty interval {self.low}..{self.high}")

    @property
    def is_count(self) -> bool:
        return self.unit is None and self.dimension == "dimensionless"

    def shifted(self, offset: int) -> Quantity:
        """The same quantity with its span moved by ``offset`` characters."""
        from dataclasses import replace

        return replace(self, start=self.start + offset, end=self.end + offset)

    def as_json(self) -> dict[str, Any]:
        """The contract's Quantity object, plus crosscheck's optional extras when set."""
        out: dict[str, Any] = {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "qualifier": self.qualifier,
            "value": number_json(self.value),
            "low": number_json(self.low),
            "high": number_json(self.high),
            "low_inclusive": self.low_inclusive,
            "high_inclusive": self.high_inclusive,
            "unit": self.unit,
            "dimension": self.dimension,
            "noun": self.noun,
        }
        if self.hedge:
            out["hedge"] = self.hedge
        if self.modifies:
            out["modifies"] = self.modifies
        if self.distributive:
            out["distributive"] = True
        if self.part_of:
            out["part_of"] = self.part_of
        if self.whole is not None:
            out["whole"] = number_json(self.whole)
        if self.kind:
            out["kind"] = self.kind
        if self.first is not None or self.second is not None:
            out["sides"] = [number_json(self.first), number_json(self.second)]
        return out


@dataclass(frozen=True, slots=True)
class Quote:
    """Words in quotation marks, with the speaker they are given to.

    ``topic`` is the key of the thing a short evaluative quote describes, when the sentence says
    ("a 'very frank' conversation" -> "call"), so that two outlets' words for the same statement can
    be compared even when they share few words.  ``channel`` is how the statement was given, as the
    attribution clause writes it ("told reporters", "wrote on X", "in a statement"), and ``day`` the
    weekday that clause dates it to ("Monday"), when it says.
    """

    id: str
    article: str
    speaker: str | None
    text: str
    start: int
    end: int
    sentence: str = ""
    topic: str | None = None
    channel: str | None = None
    day: str | None = None


@dataclass(frozen=True, slots=True)
class Mention:
    """A person's name as written ("Vladimir Zelensky", "Zelenskyy"), for spelling comparisons.

    ``surname`` is the last name token as written; ``given`` the given name(s) written before it, if
    any; ``entity`` the canonical name the extractor resolved the mention to (its longest form in the
    article, e.g. "Volodymyr Zelenskyy"); ``kind`` what is named: "person", or a river, place,
    organisation, ship, school, structure, or "name" (a proper noun of no known kind); ``role`` the
    titles and roles the article gives the person ("mayor", "volunteer doctor"), "; "-joined.
    """

    id: str
    article: str
    text: str
    start: int
    end: int
    surname: str
    given: str | None = None
    entity: str | None = None
    kind: str = "person"
    role: str | None = None


@dataclass(frozen=True, slots=True)
class Fact:
    """A quantity in an article, with what it measures, who said it and when."""

    id: str
    article: str
    key: str
    quantity: Quantity
    speaker: str | None = None
    time: str | None = None
    date: str | None = None
    sentence: str = ""
    subject: str | None = None
    measure: str | None = None


@dataclass(frozen=True, slots=True)
class ArticleFacts:
    """All that extraction finds in one article: a pure function of the article, so it can be
    cached by content hash and computed in another process."""

    article: str
    facts: tuple[Fact, ...] = ()
    quotes: tuple[Quote, ...] = ()
    mentions: tuple[Mention, ...] = ()
