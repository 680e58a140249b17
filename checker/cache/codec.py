"""The fact cache's rows: ArticleFacts and Articles as JSON, and back.

In: an article's ArticleFacts (or an Article without its text, for the source index).  Out: JSON
values that :class:`Decoder` (and :func:`article_from_json`) turn back into equal values, checking
each column's type and length as it goes: a row of another shape raises ValueError (a miss), never
gives values of the wrong type.  JSON carries data only, never code.
"""

from __future__ import annotations

from fractions import Fraction
from itertools import repeat
from typing import Any

from checker.model import Article, ArticleFacts, Fact, Mention, Quantity, Quote

from .compact import Shared

__all__ = ["FORMAT", "Decoder", "article_from_json", "article_to_json", "facts_from_json", "facts_to_json"]

FORMAT = 5  # bump when the stored JSON changes shape (2: column-wise entries, the source index; 3: mention
# kinds and roles; 4: a quantity's kind, first and second; 5: a quote's channel and day)

# -- serialisation -------------------------------------------------------------------------------
#
# An entry is two JSON values, column by column: ``data``, what comparisons read,
#
#     [FORMAT, article, facts, quotes, mentions]
#
# where each of facts, quotes and mentions is [] when there are none, else one list a field (the
# *_COLUMNS below, in order; a Quantity's fields are a fact's columns too), an ``article`` column
# that is the row's article throughout being written once, as that string; and ``extra``, what only
# ``crosscheck extract`` prints: [FORMAT, fact ids, fact sentences, quote ids, quote sentences,
# mention ids, mention entities].  A Fraction is [numerator, denominator]; ints and None stay as
# they are.  Decoding checks each column's type and length and builds the dataclasses straight from
# the columns, so a row of another shape raises ValueError (a miss) and never gives values of the
# wrong type.  JSON carries data only: a cache restored from somewhere untrusted can at worst give
# wrong facts, never run code.

QUANTITY_FIELDS = ("text", "start", "end", "qualifier", "value", "low", "high", "low_inclusive", "high_inclusive",
                   "unit", "dimension", "noun", "hedge", "modifies", "distributive", "part_of", "whole", "kind",
                   "first", "second")
FACT_FIELDS = ("id", "article", "key", "quantity", "speaker", "time", "date", "sentence", "subject", "measure")
QUOTE_FIELDS = ("id", "article", "speaker", "text", "start", "end", "sentence", "topic", "channel", "day")
MENTION_FIELDS = ("id", "article", "text", "start", "end", "surname", "given", "entity", "kind", "role")
FACT_COLUMNS = ("article", "key", "speaker", "time", "date", "subject", "measure", *QUANTITY_FIELDS)
QUOTE_COLUMNS = ("article", "speaker", "text", "start", "end", "topic", "channel", "day")
MENTION_COLUMNS = ("article", "text", "start", "end", "surname", "given", "kind", "role")
_NUMBERS = frozenset({"value", "low", "high", "whole", "first", "second"})

_STR, _OPT, _INT, _BOOL = frozenset({str}), frozenset({str, type(None)}), frozenset({int}), frozenset({bool})
_KINDS = {"article": _STR, "key": _STR, "text": _STR, "qualifier": _STR, "dimension": _STR, "surname": _STR, "kind": _OPT,
          "start": _INT, "end": _INT, "low_inclusive": _BOOL, "high_inclusive": _BOOL, "distributive": _BOOL}


def _number_out(v: Any) -> Any:
    if type(v) is Fraction:
        return [v.numerator, v.denominator]
    if v is None or type(v) in (int, float):
        return v
    raise TypeError(f"cannot store a {type(v).__name__} in the fact cache")


def _columns(items: tuple, names: tuple[str, ...], article: str) -> list:
    if not items:
        return []
    out = []
    facts = type(items[0]) is Fact
    for name in names:
        if facts and name in QUANTITY_FIELDS:  # a fact's quantity's fields are its own columns
            col = [getattr(i.quantity, name) for i in items]
        else:
            col = [getattr(i, name) for i in items]
        if name in _NUMBERS:
            col = [_number_out(v) for v in col]
        elif name == "article" and all(v == article for v in col):
            col = article
        out.append(col)
    return out


def facts_to_json(facts: ArticleFacts) -> tuple[list[Any], list[Any]]:
    """ArticleFacts as the cache's two JSON values, (data, extra) (see above)."""
    a = facts.article
    data = [FORMAT, a, _columns(facts.facts, FACT_COLUMNS, a), _columns(facts.quotes, QUOTE_COLUMNS, a),
            _columns(facts.mentions, MENTION_COLUMNS, a)]
    extra = [FORMAT, [f.id for f in facts.facts], [f.sentence for f in facts.facts], [q.id for q in facts.quotes],
             [q.sentence for q in facts.quotes], [m.id for m in facts.mentions], [m.entity for m in facts.mentions]]
    return data, extra


def _bad(what: str, value: Any) -> ValueError:
    return ValueError(f"not {what}: {value!r:.60}")


def _int(v: Any) -> int:
    if type(v) is int:
        return v
    raise _bad("a whole number", v)


def _text(v: Any) -> str:
    if type(v) is str:
        return v
    raise _bad("a text", v)


def _optional(v: Any) -> str | None:
    return None if v is None else _text(v)


class Decoder:
    """Cache entries -> ArticleFacts.  With ``compact``, the compact form (see
    :mod:`checker.cache.compact`: ids and sentences "", no entity names), its repeated strings held
    once in ``shared``; numbers are held once in ``shared`` either way."""

    def __init__(self, compact: bool = False, shared: Shared | None = None):
        self.compact = compact
        self.shared = shared or Shared()

    def _column(self, col: Any, n: int, kinds: frozenset) -> list:
        if type(col) is not list or len(col) != n or not set(map(type, col)) <= kinds:
            raise _bad(f"a column of {n}", col)
        if self.compact and kinds is not _INT and kinds is not _BOOL:
            keep = self.shared.strings.setdefault
            return [keep(v, v) for v in col]
        return col

    def _number(self, v: Any) -> Any:
        if type(v) is list:
            numbers = self.shared.numbers
            hit = numbers.get(tuple(v)) if len(v) == 2 else None
            if hit is None:
                n, d = v
                if type(n) is not int or type(d) is not int or d <= 0:
                    raise _bad("a fraction", v)
                hit = numbers[n, d] = Fraction(n, d)
            return hit
        if v is None or type(v) in (int, float):
            return v
        raise _bad("a number", v)

    def _section(self, cols: Any, names: tuple[str, ...], article: str) -> tuple[int, dict[str, Any]]:
        if cols == []:
            return 0, {}
        if type(cols) is not list or len(cols) != len(names) or type(cols[1]) is not list:
            raise _bad(f"{len(names)} columns", cols)
        n = len(cols[1])
        out: dict[str, Any] = {}
        for name, col in zip(names, cols, strict=True):
            if name == "article" and type(col) is str:
                out[name] = repeat(self._column([col], 1, _STR)[0], n)
            elif name in _NUMBERS:
                if type(col) is not list or len(col) != n:
                    raise _bad(f"a column of {n}", col)
                out[name] = list(map(self._number, col))
            else:
                out[name] = self._column(col, n, _KINDS.get(name, _OPT))
        return n, out

    def _texts(self, col: Any, n: int, none_when_compact: bool = False) -> Any:
        if col is None:  # compact: what only extract prints is not read
            return repeat(None if none_when_compact else "", n)
        return self._column(col, n, _OPT if none_when_compact else _STR)

    def article_facts(self, data: Any, extra: Any = None) -> ArticleFacts:
        """The ArticleFacts of one entry (``extra`` None: ids and sentences "", no entities);
        ValueError/TypeError when it is not an entry of this FORMAT."""
        if type(data) is not list or len(data) != 5 or data[0] != FORMAT or type(data[1]) is not str:
            raise ValueError("not a fact cache entry of this format")
        if extra is not None and (type(extra) is not list or len(extra) != 7 or extra[0] != FORMAT):
            raise ValueError("not a fact cache entry of this format")
        article = self._column([data[1]], 1, _STR)[0]
        x = extra if extra is not None and not self.compact else [FORMAT, None, None, None, None, None, None]
        nf, f = self._section(data[2], FACT_COLUMNS, article)
        quantities = map(Quantity, *(f[k] for k in QUANTITY_FIELDS)) if nf else ()
        facts = tuple(map(Fact, self._texts(x[1], nf), f["article"], f["key"], quantities, f["speaker"], f["time"],
                          f["date"], self._texts(x[2], nf), f["subject"], f["measure"])) if nf else ()
        nq, q = self._section(data[3], QUOTE_COLUMNS, article)
        quotes = tuple(map(Quote, self._texts(x[3], nq), q["article"], q["speaker"], q["text"], q["start"], q["end"],
                           self._texts(x[4], nq), q["topic"], q["channel"], q["day"])) if nq else ()
        nm, m = self._section(data[4], MENTION_COLUMNS, article)
        mentions = tuple(map(Mention, self._texts(x[5], nm), m["article"], m["text"], m["start"], m["end"],
                             m["surname"], m["given"], self._texts(x[6], nm, True), m["kind"],
                             m["role"])) if nm else ()
        if x[1] is not None and not (len(x[1]) == nf and len(x[3]) == nq and len(x[5]) == nm):
            raise ValueError("ids for another number of items")
        return ArticleFacts(article, facts, quotes, mentions)


def facts_from_json(data: Any, extra: Any = None) -> ArticleFacts:
    """The inverse of :func:`facts_to_json`; raises ValueError/TypeError on data of another shape."""
    return Decoder().article_facts(data, extra)


# -- articles in the source index: an Article without its text, positions kept ---------------------

def article_to_json(article: Article) -> list[Any] | None:
    """``article.without_text()`` as a JSON row, or None when its offset map is of a kind not stored."""
    from checker.ingest.textmap import OffsetMap

    a = article.without_text()
    if a.offsets is None:
        offsets = None
    elif isinstance(a.offsets, OffsetMap):
        runs = a.offsets.runs
        offsets = [[s for s, _ in runs], [r for _, r in runs], len(a.offsets)]
    else:
        return None
    return [FORMAT, a.id, a.path, a.outlet, a.published, a.title, a.url, a.story, offsets, list(a.line_starts),
            list(a.ignore_rules), a.first_line, [list(f) for f in a.furniture], [list(s) for s in a.suppressions]]


def _list(v: Any) -> list:
    if type(v) is not list:
        raise _bad("list", v)
    return v


def _ints(v: Any) -> tuple[int, ...]:
    return tuple(map(_int, _list(v)))


def article_from_json(data: Any) -> Article:
    """The inverse of :func:`article_to_json` (an Article with ``text`` ""); ValueError/TypeError
    on data of another shape."""
    from checker.ingest.textmap import OffsetMap

    if type(data) is not list or len(data) != 14 or data[0] != FORMAT:
        raise ValueError("not an article row of this format")
    _, ident, path, outlet, published, title, url, story, offsets, starts, ignore, first, furniture, sups = data
    s, o = _text, _optional
    if offsets is not None:
        runs, raws, length = offsets
        offsets = OffsetMap(_ints(runs), _ints(raws), _int(length))
    return Article(s(ident), s(path), "", s(outlet), o(published), o(title), o(url), o(story), None, offsets,
                   _ints(starts), tuple(map(s, _list(ignore))), _int(first),
                   tuple((_int(a), _int(b), s(n)) for a, b, n in _list(furniture)),
                   tuple((_int(n), s(r), s(why)) for n, r, why in _list(sups)))

