"""How many of two peer parsers' public test cases crosscheck's quantity parser gets right.

    python tests/specs/report.py                 # the table: per file, found / total and pass rate
    python tests/specs/report.py --failures ms_number_model   # also list that file's misses

The cases in tests/specs/data/ come from microsoft/Recognizers-Text ("MS") and facebook/duckling
(licences in tests/specs/data/NOTICE).  One case a line: ``{"input", "expected": [quantity, ...]}``,
each expected quantity with ``text``/``start``/``end`` (a span, or nulls), ``qualifier`` (``exact``,
``more_than``, ``at_least``, ``less_than``, ``at_most``, ``between``, or Duckling's
``under(less_than|at_most)`` and ``above(more_than|at_least)``), ``value``/``low``/``high`` and a pint
``unit`` (null for a bare number).  Every case is run through ``checker.parser.quantities.parse_text``.

An expected quantity is FOUND when one parsed quantity, not already used for another expected
quantity of the same case,

1. overlaps the expected span (when the case gives one), and
2. is of a compatible qualifier family, with matching numbers:
   - point (``exact``; Duckling's "about" is written as exact): the parsed quantity is ``exact`` or
     ``approximate`` and its stated value matches; a parsed one-sided or range reading also counts
     when its qualifier words lie outside the expected span (MS reads "more than 500 years old" as
     "500 years old" and leaves the hedge out), again on the stated value;
   - lower bound (``more_than``/``at_least``/``above``): the parsed quantity has a lower bound and no
     upper one, the bound matches, and so does its inclusivity when the peer states one;
   - upper bound (``less_than``/``at_most``/``under``): the same on the upper side;
   - two-sided (``between``): the parsed quantity is a ``range`` with both bounds matching; the
     inclusivity of a two-sided range is the peer's choice (MS writes half-open ranges) and is not
     compared.
   Numbers match after converting the parsed unit into the expected one with pint (MS durations are
   in seconds).  When the expected unit is null (a number model), the parsed number is compared as
   stated, whatever unit follows it.  Both peers count a month as 30 days and a year as 365 days,
   and MS's "Ton" and "Barrel" name the word without a system (compared as tonne and oil barrel):
   the harness converts with those definitions.  Numbers compare within a relative 1e-6, or 1% when
   a month or year is involved (crosscheck adds mixed durations with pint's calendar: "1 year 1
   month 21 days").  A part of a whole ("one in three": value 1, whole 3) is compared both as stated
   and as the ratio value/whole, which is how the peers give it.

A case whose expected list is empty is a FALSE-POSITIVE CHECK: it passes when the parser finds
nothing of the file's kind in the input (a number file: no bare number or count; the range file: no
bound or range; a dimension file: no physical measure; a duration file: nothing in time units;
...).  These are counted separately.

Some expected quantities are EXCLUDED, each under a named reason category that is decided from the
expected item and its input by a general rule (never by listing inputs); ``EXCLUSIONS`` below gives
them and the report prints how many each category removed.  The in-scope files are ``IN_SCOPE``;
floors that tests/specs/test_specs.py holds the pass rates to are in tests/specs/floors.json.
"""

from __future__ import annotations

import argparse
import dataclasses
import functools
import json
import math
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
DATA = HERE / "data"
FLOORS = HERE / "floors.json"
sys.path.insert(0, str(HERE.parent.parent))

from checker.parser.quantities import parse_text  # noqa: E402
from checker.parser.units import registry  # noqa: E402

IN_SCOPE = (
    "ms_number_model", "ms_number_range_model", "ms_percent_model", "ms_dimension_model",
    "ms_age_model", "ms_duration_parser", "duckling_numeral", "duckling_duration",
    "duckling_distance", "duckling_quantity",
)

# ---------------------------------------------------------------------------- exclusions

# Things crosscheck's contract says are not quantities, found with the harness's own patterns (not
# the grammar's, so that a grammar bug cannot hide a case): numeric dates, phone numbers, dotted
# addresses and version numbers, codes that glue letters to digits, and ranks given as ordinals.
_NOT_QUANTITY = re.compile(
    r"\b\d{1,2}/\d{1,2}/\d{2,4}\b"                       # 5/17/2018
    r"|\+\d{1,3}(?:[\-\s./]\d{2,4}){2,}"                 # +1-222-2222/2222
    r"|\b\d+(?:\.\d+){2,}\b"                             # 192.168.1.2
    r"|\b[A-Za-z]+\d*-\d+\w*|\b[A-Za-z]+\d+\w*"          # SCP-173, MH17
)
_ORDINAL_RANK = re.compile(r"\bthe\s+\w*(?:first|second|third|th)\b", re.I)
_MATH = re.compile(r"\d\s*\^|\d[eE][+\-]?\d|\dx10|\S\s+over\s+\S", re.I)
_UNIT_FIRST = re.compile(r"(?:per\s*cents?|percents?)\s+of\s+\S", re.I)
_DECIMAL_COMMA = re.compile(r"\d,\d{1,2}(?![\d,])|\d\.\d{3},\d")


def _inside_not_quantity(e: dict, text: str) -> bool:
    if e.get("start") is None:
        return False
    return any(m.start() <= e["start"] and e["end"] <= m.end() for m in _NOT_QUANTITY.finditer(text))


# reason -> (why it is out of scope, predicate over (expected item, input text))
EXCLUSIONS = {
    "no-number": (
        "a unit or percent word with no number ('a small percent', 'metric ton'): nothing to check",
        lambda e, text: e["value"] is None and e["low"] is None and e["high"] is None,
    ),
    "not-a-quantity": (
        "a number inside a date, phone number, address or code, or an ordinal rank ('5/17/2018', "
        "'+1-222-2222', '192.168.1.2', 'SCP-173', 'between the tenth and the fifteenth'): the contract "
        "says these are not quantities",
        lambda e, text: _inside_not_quantity(e, text) or bool(_ORDINAL_RANK.search(e.get("text") or "")),
    ),
    "math-notation": (
        "written mathematics: powers, exponents and quotients ('1.1^23', '1.3e6', '6.23x10^-4', "
        "'one over three'); news states such figures in words or plain digits",
        lambda e, text: bool(_MATH.search(e.get("text") or "")),
    ),
    "unit-first": (
        "a unit before its number ('percent of 10', 'per cent of twenty-two'), which Recognizers-Text "
        "reads as 10%; in English it is a share of 10, not a percentage",
        lambda e, text: bool(_UNIT_FIRST.match(e.get("text") or "")),
    ),
    "decimal-comma": (
        "a comma as the decimal mark ('5,00', '1,3', '1.111,11'): not English usage, and it would "
        "misread English thousands",
        lambda e, text: bool(_DECIMAL_COMMA.search(e.get("text") or "")),
    ),
}


def exclusion(expected: dict, text: str) -> str | None:
    """The name of the first exclusion category that applies to an expected item, or None."""
    for name, (_, applies) in EXCLUSIONS.items():
        if applies(expected, text):
            return name
    return None


# ---------------------------------------------------------------------------- units

CALENDAR = {"month": "(30 * day)", "year": "(365 * day)", "decade": "(3650 * day)", "century": "(36500 * day)"}
PEER_NAMES = {"ton": "tonne", "barrel": "oil_barrel"}
_UNIT_WORD = re.compile(r"[A-Za-z_]+")


def _peer_expr(unit: str) -> str:
    def one(m: re.Match) -> str:
        word = PEER_NAMES.get(m.group(0), m.group(0))
        return CALENDAR.get(word, word)

    return _UNIT_WORD.sub(one, unit)


@functools.cache
def factor(src: str, dst: str) -> float | None:
    """How many ``dst`` one ``src`` is, with the peers' calendar; None when they do not convert."""
    ureg = registry()
    try:
        ratio = ureg.parse_expression(_peer_expr(src)) / ureg.parse_expression(_peer_expr(dst))
        return float(ratio.to("dimensionless").magnitude)
    except Exception:
        return None


def _calendar(unit: str | None) -> bool:
    return bool(unit) and any(w in CALENDAR for w in _UNIT_WORD.findall(unit))


_CALENDAR_WORDS = re.compile(r"\b(?:months?|years?|yrs?|decades?|centur(?:y|ies))\b", re.I)


def same(value, unit: str | None, expected: float, expected_unit: str | None, calendar: bool = False) -> bool:
    """Does a parsed number in ``unit`` equal the expected number in ``expected_unit``?

    ``calendar``: the parsed text adds months or years to other units, which pint counts as 30.44
    and 365.25 days and the peers as 30 and 365.
    """
    if value is None or expected is None:
        return False
    value = float(value)
    if expected_unit is not None:
        if unit is None:
            return False
        f = factor(unit, expected_unit)
        if f is None:
            return False
        value *= f
    tol = 1e-2 if calendar or _calendar(unit) or _calendar(expected_unit) else 1e-6
    return math.isclose(value, expected, rel_tol=tol, abs_tol=1e-9)


# ---------------------------------------------------------------------------- matching

FAMILY = {
    "exact": "point", "about": "point", "between": "range",
    "more_than": "lower", "at_least": "lower", "above(more_than|at_least)": "lower",
    "less_than": "upper", "at_most": "upper", "under(less_than|at_most)": "upper",
}


def _overlaps(e: dict, q) -> bool:
    if e.get("start") is None or e.get("end") is None:
        return True
    return q.start < e["end"] and e["start"] < q.end


def _hedge_outside(e: dict, q) -> bool:
    return e.get("start") is not None and (q.start < e["start"] or q.end > e["end"])


def matches(e: dict, q) -> bool:
    """Is parsed quantity ``q`` the expected quantity ``e`` (see the module docstring)?"""
    if not _overlaps(e, q):
        return False
    if q.whole:  # "one in three": the peers give the ratio
        return _matches(e, q) or _matches(e, _as_ratio(q))
    return _matches(e, q)


def _as_ratio(q):
    def div(x):
        return None if x is None else x / q.whole

    return dataclasses.replace(q, value=div(q.value), low=div(q.low), high=div(q.high), whole=None)


def _matches(e: dict, q) -> bool:
    family, unit = FAMILY[e["qualifier"]], e["unit"]
    cal = bool(_CALENDAR_WORDS.search(q.text))
    if family == "point":
        if q.qualifier not in ("exact", "approximate") and not _hedge_outside(e, q):
            return False
        return same(q.value, q.unit, e["value"], unit, cal)
    if family == "range":
        return (q.qualifier == "range" and same(q.low, q.unit, e["low"], unit, cal)
                and same(q.high, q.unit, e["high"], unit, cal))
    if family == "lower":
        inclusive_ok = e["low_inclusive"] is None or e["low_inclusive"] == q.low_inclusive
        return q.high is None and inclusive_ok and same(q.low, q.unit, e["low"], unit, cal)
    inclusive_ok = e["high_inclusive"] is None or e["high_inclusive"] == q.high_inclusive
    return q.low is None and inclusive_ok and same(q.high, q.unit, e["high"], unit, cal)


# ---------------------------------------------------------------------------- kinds (false-positive checks)


def _physical(q) -> bool:
    return q.unit is not None and q.dimension not in ("dimensionless", "[currency]", "[time]", "[temperature]")


def _timed(q) -> bool:
    return q.dimension == "[time]"


KIND = {
    "ms_number_model": lambda q: q.unit is None,
    "ms_number_range_model": lambda q: q.unit is None and q.qualifier not in ("exact", "approximate"),
    "duckling_numeral": lambda q: q.unit is None,
    "ms_percent_model": lambda q: q.unit == "percent",
    "ms_dimension_model": _physical,
    "duckling_quantity": lambda q: q.dimension != "[currency]",
    "duckling_distance": lambda q: q.dimension == "[length]",
    "ms_age_model": _timed,
    "ms_duration_parser": _timed,
    "duckling_duration": _timed,
}


# ---------------------------------------------------------------------------- running


@dataclass
class FileResult:
    name: str
    found: int = 0
    total: int = 0
    negatives_passed: int = 0
    negatives: int = 0
    excluded: Counter = field(default_factory=Counter)
    misses: list = field(default_factory=list)

    @property
    def rate(self) -> float:
        return 100.0 * self.found / self.total if self.total else 100.0


def load_cases(name: str) -> list[dict]:
    with open(DATA / f"{name}.jsonl", encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def _run_case(case: dict, result: FileResult) -> None:
    text = case["input"]
    parsed = parse_text(text)
    if not case["expected"]:
        result.negatives += 1
        extra = [q for q in parsed if KIND[result.name](q)]
        result.negatives_passed += not extra
        if extra:
            result.misses.append((text, None, extra))
        return
    used: set[int] = set()
    for e in case["expected"]:
        reason = exclusion(e, text)
        if reason:
            result.excluded[reason] += 1
            continue
        result.total += 1
        hit = next((i for i, q in enumerate(parsed) if i not in used and matches(e, q)), None)
        if hit is None:
            result.misses.append((text, e, parsed))
        else:
            used.add(hit)
            result.found += 1


def evaluate(name: str) -> FileResult:
    """Run every case of one file."""
    result = FileResult(name)
    for case in load_cases(name):
        _run_case(case, result)
    return result


def evaluate_all(names=IN_SCOPE) -> list[FileResult]:
    return [evaluate(n) for n in names]


# ---------------------------------------------------------------------------- printing


def _show(q) -> str:
    return f"{q.text!r} {q.qualifier} [{q.low}, {q.high}] {q.unit or ''}".rstrip()


def print_misses(result: FileResult, out=sys.stdout) -> None:
    for text, e, parsed in result.misses:
        got = "; ".join(_show(q) for q in parsed) or "nothing"
        want = "nothing" if e is None else f"{e['text']!r} {e['qualifier']} {e['value'] if e['value'] is not None else (e['low'], e['high'])} {e['unit'] or ''}"
        print(f"  {text[:90]!r}\n      want {want}\n      got  {got}", file=out)


def print_table(results: list[FileResult], out=sys.stdout) -> None:
    print(f"{'file':<24} {'found':>6} / {'total':<6} {'rate':>6}  {'excluded':>8}  false-positive checks", file=out)
    for r in results:
        neg = f"{r.negatives_passed}/{r.negatives}" if r.negatives else "-"
        print(f"{r.name:<24} {r.found:>6} / {r.total:<6} {r.rate:>5.1f}%  {sum(r.excluded.values()):>8}  {neg}", file=out)
    found, total = sum(r.found for r in results), sum(r.total for r in results)
    npass, neg = sum(r.negatives_passed for r in results), sum(r.negatives for r in results)
    excluded = sum((r.excluded for r in results), Counter())
    rate = 100.0 * found / total if total else 100.0
    print(f"{'total (in scope)':<24} {found:>6} / {total:<6} {rate:>5.1f}%  {sum(excluded.values()):>8}  {npass}/{neg}", file=out)
    if excluded:
        print("\nexcluded expected quantities, by reason:", file=out)
        for name, count in sorted(excluded.items()):
            print(f"  {name:<22} {count:>4}  {EXCLUSIONS[name][0]}", file=out)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--failures", nargs="*", metavar="FILE", help="list the misses of these files (all if none named)")
    args = ap.parse_args(argv)
    results = evaluate_all()
    print_table(results)
    if args.failures is not None:
        for r in results:
            if not args.failures or r.name in args.failures:
                print(f"\n== {r.name}: {len(r.misses)} misses")
                print_misses(r)
    return 0


if __name__ == "__main__":
    sys.exit(main())
