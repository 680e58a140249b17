"""Written powers: "1.3e6", "1.3x10^6" (times a power of ten) and "1.1^23" (a power), read exactly
while the exponent is at most 30; "1e1000" and "10^1000" are not read (a bound on purpose, not an
overflow)."""

from __future__ import annotations

import re
from fractions import Fraction

from .trees import Unreadable

__all__ = ["scientific_value"]

_MAX_EXPONENT = 30
_POWER = re.compile(r"([\d.]+)\s*(?:([eE])|\^|[x×]\s*10\s*\^)\s*([\-+]?\d+)")


def scientific_value(tree) -> Fraction:
    """"1.3e6", "1.3x10^6" (times a power of ten), "1.1^23" (a power); Unreadable past an exponent of
    30, so that "1e1000" is a bound reached on purpose, not an overflow."""
    kids = tree.children
    sign = -1 if len(kids) > 1 else 1  # a sign before the digits
    text = kids[-1].value
    m = _POWER.fullmatch(text)
    exponent = int(m.group(3))
    if abs(exponent) > _MAX_EXPONENT:
        raise Unreadable(f"an exponent past {_MAX_EXPONENT}: {text!r}")
    mantissa = Fraction(m.group(1))
    times_ten = m.group(2) is not None or "x" in text or "×" in text
    power = mantissa * Fraction(10) ** exponent if times_ten else mantissa ** exponent
    return sign * power
