"""The news suite: sentences written for crosscheck in the style of wire copy, each with what must be
read in it and what must not (tests/news/sentences.txt; the format is described at its top).

Every sentence must pass: the suite is held at 100%.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.parser.quantities import parse_text

SENTENCES = Path(__file__).with_name("sentences.txt")


def _number(v) -> str:
    """A Fraction as the suite writes it: "3", "-2", "7.8", "0.5"."""
    if v is None:
        return "inf"
    if v.denominator == 1:
        return str(v.numerator)
    return format(float(v), "g")


def render(q) -> str:
    """One Quantity in the suite's notation: ``text | label numbers unit``."""
    label = q.kind or q.qualifier
    if q.kind in ("score", "change"):
        nums = [q.first, q.second]
    elif q.qualifier in ("range", "at_least", "more_than") or q.kind == "vague":
        nums = [q.low, q.high] if q.qualifier == "range" else [q.low]
    elif q.qualifier in ("less_than", "at_most"):
        nums = [q.high]
    else:
        nums = [q.value]
    what = q.unit or (f"noun={q.noun}" if q.noun else (f"of={q.modifies}" if q.kind == "rank" else "-"))
    return f"{q.text} | {label} {' '.join(_number(n) for n in nums)} {what}"


def _cases() -> list:
    out = []
    for lineno, line in enumerate(SENTENCES.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        sentence, _, rest = line.partition(" => ")
        items = [i.strip() for i in rest.split(" ;; ") if i.strip()]
        out.append(pytest.param(sentence.strip(), items, id=f"line{lineno}"))
    return out


CASES = _cases()


# the issue asks for 300 sentences; the suite has 166 so far and must not shrink
MIN_SENTENCES = 166


def test_the_suite_does_not_shrink():
    assert len(CASES) >= MIN_SENTENCES


@pytest.mark.parametrize(("sentence", "items"), CASES)
def test_sentence(sentence, items):
    parsed = parse_text(sentence)
    got = [render(q) for q in parsed]
    for item in items:
        if item.startswith("!"):
            banned = item[1:].strip()
            start = sentence.index(banned)
            end = start + len(banned)
            hits = [g for q, g in zip(parsed, got, strict=True) if q.start < end and q.end > start]
            assert not hits, f"{banned!r} must not be read: {hits}"
        else:
            assert item in got, f"{item!r} not read; got {got}"
