"""Quantities as intervals in base units, and the distance between two of them.

"two hours" and "120 minutes" are the same interval here (7200 s); "more than two hours" is
(7200 s, inf).  Two intervals *disagree* when the gap between them is larger than a tolerance:
``max(absolute, relative * magnitude)``, where ``absolute`` is in base units (seconds, metres, a
count, the currency itself) and ``magnitude`` is the largest finite bound or stated value of the two.  Where
both state a number, the numbers are compared ("at least 225" against "more than 240" disagree:
news counts are floors of what is confirmed, not open intervals); the same number hedged two ways
("74" against "at least 74") is the qualifier comparator's.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from fractions import Fraction

from checker.model import Quantity

from .spec import Opt

__all__ = ["TOLERANCE_DEFAULTS", "TOLERANCE_OPTIONS", "Interval", "disagree", "family", "interval", "own_tolerance"]

TOLERANCE_OPTIONS = {
    "absolute": Opt("number", "largest gap, in base units (seconds, metres, a count), still taken as "
                    "agreement", minimum=0),
    "relative": Opt("number", "largest gap, as a fraction of the larger value, still taken as agreement",
                    minimum=0, maximum=1),
}
TOLERANCE_DEFAULTS = {"absolute": 0, "relative": 0}
_ZERO = Fraction(0)


@dataclass(frozen=True, slots=True)
class Interval:
    """An interval in base units; ``family`` says what may be compared with what."""

    family: str
    low: Fraction | None
    high: Fraction | None
    low_inclusive: bool
    high_inclusive: bool
    value: Fraction | None
    #: the unit the value was written in, and half a unit of its last written decimal, in base units
    #: ("93 mph" is 93 mph to the nearest mile an hour): how far a conversion may round
    unit: str | None = None
    precision: Fraction = Fraction(0)


def interval(q: Quantity) -> Interval:
    """``q`` in base units (a count, or an unknown unit, stays as it is)."""
    factor, offset, family = _unit_info(q.unit, q.dimension)

    def base(x: Fraction | None) -> Fraction | None:
        if x is None:
            return None
        x = x if type(x) is Fraction else Fraction(x)
        if offset:  # a temperature scale with its own zero
            return x * factor + offset
        return x if factor == 1 else x * factor  # counts and currencies: no new Fraction

    # "dozens", "hundreds": a vague amount states no number of its own, only its interval
    # and "around 6 p.m." is the half hour either side of it, not the time 6 p.m. (extractor/clock.py)
    kind = getattr(q, "kind", None)
    value = None if kind == "vague" or (kind == "clock" and q.qualifier != "exact") else base(q.value)
    precision = _half_last_digit(q.value) * factor if value is not None and q.unit is not None else _ZERO
    return Interval(family, base(q.low), base(q.high), q.low_inclusive, q.high_inclusive, value, q.unit, precision)


def _half_last_digit(x: Fraction | float | None) -> Fraction:
    """Half a unit of the last decimal a value is written to: 93 -> 1/2, 93.2 -> 1/20 (a value that
    is no finite decimal, such as a third, -> 0)."""
    if x is None:
        return _ZERO
    x = x if type(x) is Fraction else Fraction(x)
    d, places = x.denominator, 0
    while d % 2 == 0 or d % 5 == 0:
        if places > 12:
            return _ZERO
        x *= 10
        d, places = x.denominator, places + 1
    return Fraction(1, 2 * 10 ** places) if d == 1 else _ZERO


def family(q: Quantity) -> str:
    """``interval(q).family``, without working out the interval."""
    return _unit_info(q.unit, q.dimension)[2]


@functools.lru_cache(maxsize=256)
def _unit_info(unit: str | None, dimension: str) -> tuple[Fraction, Fraction, str]:
    """(scale, offset, family): a value in base units is ``value * scale + offset``."""
    if unit is None:
        return Fraction(1), _ZERO, "count"
    if unit.isupper() and len(unit) == 3:
        return Fraction(1), _ZERO, f"currency:{unit}"
    try:
        from checker.parser.units import base_affine

        return (*base_affine(unit), dimension)
    except Exception:  # noqa: BLE001 - a unit pint does not know is compared only with itself
        return Fraction(1), _ZERO, f"unit:{unit}"


def gap(a: Interval, b: Interval) -> Fraction:
    """How far apart two intervals are; 0 when they overlap or touch."""
    if a.high is not None and b.low is not None and a.high < b.low:
        return b.low - a.high
    if b.high is not None and a.low is not None and b.high < a.low:
        return a.low - b.high
    return Fraction(0)


def _magnitude(a: Interval, b: Interval) -> Fraction:
    bounds = [x for x in (a.low, a.high, b.low, b.high, a.value, b.value) if x is not None]
    return max((abs(x) for x in bounds), default=Fraction(0))


def tolerance(a: Interval, b: Interval, absolute: float, relative: float) -> Fraction:
    """The largest gap between ``a`` and ``b`` still taken as agreement."""
    if not relative:  # the default: no need for the magnitude of the two
        return max(_exact(absolute), _ZERO)
    return max(_exact(absolute), _exact(relative) * _magnitude(a, b))


def own_tolerance(a: Interval, absolute: float, relative: float) -> Fraction:
    """The tolerance ``a`` brings to any pair: ``tolerance(a, b)`` is always
    ``max(own_tolerance(a), own_tolerance(b))``, so a partner within tolerance of ``a`` lies within
    the reach of one of the two (what lets a sweep over sorted values find every such pair)."""
    return tolerance(a, a, absolute, relative)


@functools.lru_cache(maxsize=64)
def _exact(x: float) -> Fraction:
    """An option's number as the decimal it was written as (0.1 is 1/10)."""
    return Fraction(str(x))


def disagree(a: Interval, b: Interval, absolute: float = 0, relative: float = 0) -> bool:
    """True when ``a`` and ``b`` are comparable and the numbers they state are further apart than
    the tolerance allows ("at least 225" states 225, "about 45,000" states 45,000: a hedge is
    compared by its number, and an approximate reading does not widen the tolerance); without a
    stated number on either side ("between 10 and 20"), or where one is a ceiling ("under two
    hours" allows two minutes), by the gap between the intervals."""
    if a.family != b.family:
        return False
    if a.value is not None and b.value is not None and not (_ceiling(a) or _ceiling(b)):
        return abs(a.value - b.value) > tolerance(a, b, absolute, relative) + _rounding(a, b)
    return gap(a, b) > tolerance(a, b, absolute, relative)


#: units of the US customary and imperial systems (as the grammar names them): a figure in one of them
#: beside a metric one is usually a conversion, rounded ("150 km/h (93 mph)")
CUSTOMARY = frozenset({
    "inch", "foot", "yard", "mile", "nautical_mile", "square_inch", "square_foot", "square_yard", "square_mile",
    "acre", "cubic_inch", "cubic_foot", "cubic_yard", "fluid_ounce", "pint", "quart", "gallon", "imperial_gallon",
    "US_liquid_gallon", "oil_barrel", "ounce", "pound", "stone", "short_ton", "long_ton", "mile_per_hour",
    "foot_per_second", "knot", "degree_Fahrenheit", "pound_force_per_square_inch", "horsepower",
})


def _rounding(a: Interval, b: Interval) -> Fraction:
    """What converting between two units may round away: "150 km/h" is 93.2 mph, and an outlet
    that writes "93 mph" rounded it to the digits it wrote, no more (the one written the coarser way
    is the converted one).  Only between a metric and a customary unit: "two hours" and "130 minutes"
    are two statements, not one converted."""
    if a.unit is None or b.unit is None or (a.unit in CUSTOMARY) == (b.unit in CUSTOMARY):
        return _ZERO
    return max(a.precision, b.precision)


def _ceiling(iv: Interval) -> bool:
    """"under two hours", "up to 30": a bound that states no figure of its own below it."""
    return iv.low is None and iv.high is not None


def same_value(a: Interval, b: Interval, absolute: float = 0, relative: float = 0) -> bool:
    """True when the numbers as stated are equal within the tolerance."""
    if a.family != b.family or a.value is None or b.value is None:
        return False
    return abs(a.value - b.value) <= tolerance(a, b, absolute, relative)
