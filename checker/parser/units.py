"""Units: the one pint registry, made lazily, and the map from grammar terminals to pint units.

A unit terminal in grammar/units.lark is named ``U_<PINT UNIT>``; ``unit_for_terminal`` turns the
name back into a pint unit name.  Parsing a text must not pay pint's start-up cost, so the
dimension of every grammar unit is worked out by pint once and kept in a small JSON file in the
user's cache folder (checker/ondisk.py), keyed by the installed pint and the grammar's set of
units (like lark's grammar cache).
"""

from __future__ import annotations

import functools
import hashlib
import re
from fractions import Fraction
from pathlib import Path

from checker.ondisk import cache_dir, installed, read_json, write_json

from .trees import base_name

__all__ = [
    "CURRENCY_SYMBOLS",
    "base_affine",
    "base_name",
    "convert",
    "dimension",
    "registry",
    "to_base",
    "unit_for_terminal",
]

# pint spells a few units with capitals, which a terminal name cannot carry.
_SPECIAL = {
    "DEGREE_CELSIUS": "degree_Celsius",
    "DEGREE_FAHRENHEIT": "degree_Fahrenheit",
    "CUBIC_METER": "meter ** 3",
    "CUBIC_KILOMETER": "kilometer ** 3",
    "CUBIC_CENTIMETER": "centimeter ** 3",
    "SQUARE_KILOMETER": "kilometer ** 2",
    "SQUARE_METER": "meter ** 2",
}

CURRENCY_SYMBOLS = {
    "$": "USD", "US$": "USD", "C$": "CAD", "CA$": "CAD", "A$": "AUD", "AU$": "AUD",
    "HK$": "HKD", "NZ$": "NZD", "€": "EUR", "£": "GBP", "¥": "JPY", "₽": "RUB", "₴": "UAH",
    "₹": "INR", "₩": "KRW", "S$": "SGD", "SG$": "SGD", "NT$": "TWD", "R$": "BRL", "Mex$": "MXN",
    "MX$": "MXN", "E£": "EGP", "₺": "TRY", "₦": "NGN", "₪": "ILS", "₱": "PHP", "฿": "THB", "₫": "VND",
    "₨": "PKR", "Rs": "INR", "Rs.": "INR", "RM": "MYR", "Rp": "IDR", "R": "ZAR", "SR": "SAR", "Dh": "AED",
    "Dhs": "AED", "Tk": "BDT", "zł": "PLN", "Kč": "CZK",
    "₡": "CRC", "₾": "GEL", "₭": "LAK", "₿": "BTC", "元": "CNY",
    "CAD$": "CAD", "AUD$": "AUD", "HKD$": "HKD", "NZD$": "NZD", "SGD$": "SGD", "MXN$": "MXN",
}
# the same, for prefixes written in lower case or apart from the sign ("c $ 16", "hk $", "nzd$")
_SYMBOLS_FOLDED = {k.upper(): v for k, v in CURRENCY_SYMBOLS.items() if k[0].isascii()}
# A currency name -> its ISO code: the first entry whose words the name contains (lower case), so
# that a country before a shared name decides it ("egyptian pounds" EGP, "australian dollars" AUD).
# "pesos" alone is the Mexican peso, "riyals" alone the Saudi riyal and "rials" the Iranian rial, the
# ones in world news most.
CURRENCY_NAMES = (
    ("genihat", "EGP"), ("australian", "AUD"), ("aussie", "AUD"), ("canadian", "CAD"), ("hong", "HKD"), ("singapore", "SGD"),
    ("zealand", "NZD"), ("taiwan", "TWD"), ("u.s", "USD"), ("us ", "USD"), ("american", "USD"),
    ("zimbabwe", "ZWL"), ("namibian", "NAD"), ("jamaican", "JMD"), ("fijian", "FJD"),
    ("pakistani", "PKR"), ("sri", "LKR"), ("nepalese", "NPR"), ("indian", "INR"), ("mexican", "MXN"),
    ("argentin", "ARS"), ("chilean", "CLP"), ("colombian", "COP"), ("philippine", "PHP"), ("cuban", "CUP"),
    ("qatari", "QAR"), ("omani", "OMR"), ("yemeni", "YER"), ("iranian", "IRR"), ("egyptian", "EGP"),
    ("lebanese", "LBP"), ("syrian", "SYP"), ("sudanese", "SDG"), ("british", "GBP"), ("kuwaiti", "KWD"),
    ("iraqi", "IQD"), ("jordanian", "JOD"), ("bahraini", "BHD"), ("libyan", "LYD"), ("tunisian", "TND"),
    ("algerian", "DZD"), ("serbian", "RSD"), ("kenyan", "KES"), ("ugandan", "UGX"), ("tanzanian", "TZS"),
    ("norwegian", "NOK"), ("danish", "DKK"), ("rand", "ZAR"), ("won", "KRW"), ("ringgit", "MYR"),
    ("rupiah", "IDR"), ("rupee", "INR"), ("rea", "BRL"), ("peso", "MXN"), ("lira", "TRY"), ("riyal", "SAR"),
    ("rial", "IRR"), ("pound", "GBP"), ("dirham", "AED"), ("shekel", "ILS"), ("naira", "NGN"),
    ("kronor", "SEK"), ("zloty", "PLN"), ("forint", "HUF"), ("korun", "CZK"), ("baht", "THB"),
    ("dong", "VND"), ("taka", "BDT"), ("gr", "MNT"), ("tugrik", "MNT"), ("lari", "GEL"), ("lev", "BGN"),
    ("lei", "RON"), ("tenge", "KZT"), ("kip", "LAK"), ("col", "CRC"), ("markka", "FIM"),
    ("peseta", "ESP"), ("guilder", "NLG"), ("yen", "JPY"), ("yuan", "CNY"), ("renminbi", "CNY"),
    ("ruble", "RUB"), ("rouble", "RUB"), ("hryvn", "UAH"), ("bitcoin", "BTC"), ("btc", "BTC"),
    ("geneh", "EGP"), ("l.e", "EGP"), ("le", "EGP"),
)
CURRENCY_DIMENSION = "[currency]"


def unit_for_terminal(terminal: str) -> str:
    """U_KILOMETER -> "kilometer"; U_HOUR_G (glued "3h") -> "hour"."""
    name = base_name(terminal)
    if name.startswith("U_"):
        name = name[2:]
    if name.endswith("_G"):
        name = name[:-2]
    return _SPECIAL.get(name, name.lower())


def currency_for_terminal(terminal: str, text: str) -> str:
    name = base_name(terminal)
    if name == "CUR_SYMBOL":
        folded = "".join(text.split())
        return CURRENCY_SYMBOLS.get(folded) or _SYMBOLS_FOLDED.get(folded.upper(), "USD")
    if name in ("CUR_CODE", "CUR_MCODE"):
        code = text.upper()[-3:]
        return {"RMB": "CNY"}.get(code, code)
    if name == "CUR_BEFORE":
        low = text.lower()
        return next((code for words, code in CURRENCY_NAMES if words in low), "USD")
    if name in ("CUR_NAMED_DOLLAR", "CUR_WORD", "CUR_AFTER"):
        low = " ".join(text.lower().split())
        return next(code for words, code in CURRENCY_NAMES if words in low)
    code = name[4:]
    return {"USD_WORD": "USD", "CENT": "USD", "PENCE": "GBP"}.get(code, code)


@functools.cache
def registry():
    """The single pint UnitRegistry (imported and built on first use).  pint keeps its parsed
    definitions in a disk cache, ``pint`` in crosscheck's cache folder; a cache that cannot be read
    (truncated or damaged by a full disk, say) or written costs only speed: the registry is built
    without it, and pint's damaged files there are removed so that the next run writes them anew."""
    import pint

    folder = cache_dir() / "pint"
    try:
        ureg = pint.UnitRegistry(cache_folder=folder)
    except Exception:  # noqa: BLE001 - whatever pint's cache raises (pickle, OSError...): go on without it
        _discard_pint_cache(folder)
        ureg = pint.UnitRegistry(cache_folder=None)  # a real error of pint's raises here, as before
    ureg.define("percentage_point = [percentage_point] = pp")
    ureg.define("basis_point = 0.01 * percentage_point = bp")
    ureg.define("magnitude = [earthquake_magnitude]")
    return ureg


_PINT_FILE = re.compile(r"[0-9a-f]{40}\.(?:pickle|json)")  # the files pint's cache names by digest


def _discard_pint_cache(folder: Path) -> None:
    """Remove the files pint's disk cache wrote in ``folder`` (crosscheck's own), nothing else."""
    try:
        names = [p for p in folder.iterdir() if _PINT_FILE.fullmatch(p.name) and not p.is_dir()]
    except OSError:
        return
    for path in names:
        try:
            path.unlink()
        except OSError:
            pass


@functools.cache
def _dimensions() -> dict[str, str]:
    """Unit name -> its dimension, for every unit of the grammar: read from the cache folder, else
    worked out by pint and saved there (a read-only folder only costs speed).  The file is named by
    what the table depends on: pint (``_pint_key``) and the grammar's set of units."""
    names = _grammar_units()
    digest = hashlib.sha1("\n".join(names).encode("utf-8")).hexdigest()[:12]
    path = cache_dir() / f"units-{_pint_key()}-{digest}.json"
    stored = read_json(path)
    if isinstance(stored, dict) and set(stored) == set(names):
        return stored
    table = _compute_dimensions(names)
    write_json(path, table)
    return table


def _pint_key() -> str:
    """A digest of the installed pint, found without importing it or ``importlib.metadata`` (either
    costs more than reading the table): its unit definition files and its metadata folder's name
    (``ondisk.installed``, which carries the version).  "unknown" when pint is not where its spec says."""
    import importlib.util

    spec = importlib.util.find_spec("pint")
    if spec is None or not spec.origin:
        return "unknown"
    folder = Path(spec.origin).parent
    h = hashlib.sha1()
    try:
        for name in ("default_en.txt", "constants_en.txt"):
            h.update((folder / name).read_bytes())
    except OSError:
        return "unknown"
    h.update(installed("pint").encode())
    return h.hexdigest()[:12]


def _grammar_units() -> list[str]:
    from . import grammar

    return sorted({unit_for_terminal(t) for t in grammar.terminal_names() if base_name(t).startswith("U_")})


def _compute_dimensions(names: list[str]) -> dict[str, str]:
    ureg = registry()
    table = {}
    for name in names:
        dim = ureg.Unit(name).dimensionality
        table[name] = str(dim) if dim else "dimensionless"
    return table


def dimension(unit: str | None) -> str:
    """pint's dimensionality of ``unit`` as a string; "dimensionless" for counts and percent."""
    if unit is None:
        return "dimensionless"
    if unit.isupper() and len(unit) == 3:
        return CURRENCY_DIMENSION
    table = _dimensions()
    if unit in table:
        return table[unit]
    dim = registry().Unit(unit).dimensionality
    return str(dim) if dim else "dimensionless"


def convert(value: Fraction, unit: str, target: str) -> Fraction:
    """``value`` in ``unit`` expressed in ``target`` (same dimension), exactly where pint allows."""
    if unit == target:
        return value
    ureg = registry()
    factor = ureg.Quantity(1, unit).to(target).magnitude
    return value * Fraction(factor).limit_denominator(10**9)


def to_base(value: Fraction | None, unit: str | None) -> Fraction | None:
    """``value`` in pint's base units for ``unit`` (seconds for time, metres for length, kelvin for a
    temperature: 20 degC is 293.15 K, not 20 times 274.15)."""
    if value is None or unit is None or (unit.isupper() and len(unit) == 3):
        return value
    scale, offset = base_affine(unit)
    return value * scale + offset if offset else value * scale


@functools.cache
def base_affine(unit: str) -> tuple[Fraction, Fraction]:
    """(scale, offset) of ``unit`` in base units: ``base = value * scale + offset`` (an offset only
    for the temperature scales with their own zero)."""
    ureg = registry()
    zero, one = (Fraction(ureg.Quantity(x, unit).to_base_units().magnitude).limit_denominator(10**12) for x in (0, 1))
    return one - zero, zero
