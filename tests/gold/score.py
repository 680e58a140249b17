"""Score ``checker.extractor.facts.extract`` against the hand-made gold annotations of the seeds.

Usable as a library (``load_gold``, ``score``, ``run``, ``format_report``) and as a script::

    python tests/gold/score.py [--json] [--gold FILE] [--seeds DIR] [--fail-under 0.9] [--check-gold]

The gold (tests/gold/seeds.yaml) is made by hand; the matching rules are in docs/gold.md:

* an extracted fact matches a gold fact when it is in the same article, on the gold line (the line of
  the quantity's first character, from ``Article.position``), its text overlaps the gold text there
  (their column spans intersect, or one normalised text contains the other), and key, low, high and
  unit are equal (numbers as floats); when the gold names a speaker the extracted speaker must match
  it (case-insensitive; titles, middle initials and a surname-only form are tolerated);
* each gold fact matches at most one extracted fact and each extracted fact at most one gold fact
  (a maximum bipartite matching); time and date are not required, date accuracy is reported apart;
* a gold quote is found when an extracted quote on the same line overlaps it; speaker accuracy is
  found quotes whose speaker matches over found quotes (a null gold speaker wants a null speaker).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
GOLD_PATH = HERE / "seeds.yaml"
SEEDS_DIR = ROOT / "seeds"

QUALIFIERS = ("exact", "approximate", "more_than", "at_least", "less_than", "at_most", "range")
ZONES = ("headline", "dek", "caption", "video")
# Zones that ingest removes as page furniture (video blocks, photo captions; rules/lexicons/
# furniture.yaml): annotated for the record, but not scored either way.
FURNITURE_ZONES = ("caption", "video")
_KEY = re.compile(r"^[a-z][a-z0-9-]*\.[a-z][a-z_]*$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")

__all__ = [
    "ArticleScore",
    "Gold",
    "GoldArticle",
    "GoldError",
    "GoldFact",
    "GoldQuote",
    "Score",
    "XFact",
    "XQuote",
    "extracted_from",
    "format_report",
    "load_articles",
    "load_gold",
    "main",
    "normalise",
    "run",
    "score",
    "score_article",
    "speaker_matches",
]


class GoldError(ValueError):
    """The gold file is malformed or does not fit the seed texts."""


# --------------------------------------------------------------------------------------- text


_FOLD = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "“": '"', "”": '"', "\u00a0": " ", "\u2009": " ",
                       "\u202f": " ", "‐": "-", "‑": "-"})


def normalise(text: str | None) -> str:
    """Case-folded, quote-folded, whitespace-collapsed text, for comparisons."""
    if not text:
        return ""
    text = unicodedata.normalize("NFC", text).translate(_FOLD).casefold()
    return " ".join(text.split())


def _pattern(text: str) -> re.Pattern[str]:
    words = [re.escape(w) for w in text.split()]
    return re.compile(r"\s+".join(words), re.IGNORECASE)


def locate(line_text: str, text: str, column: int | None = None) -> tuple[int, int]:
    """1-based start column and exclusive end column of ``text`` on ``line_text``.

    Whitespace runs match any whitespace (the seeds hold no-break spaces).  Raises GoldError when the
    text is absent, or present more than once without a ``column`` to choose.
    """
    spans = [(m.start() + 1, m.end() + 1) for m in _pattern(text).finditer(line_text)]
    if column is not None:
        spans = [s for s in spans if s[0] == column]
    if not spans:
        raise GoldError(f"{text!r} is not on the line")
    if len(spans) > 1:
        raise GoldError(f"{text!r} occurs {len(spans)} times on the line; give its column")
    return spans[0]


# --------------------------------------------------------------------------------------- speakers


_TITLES = sorted(
    (t.split() for t in (
        "u.s. president", "president", "vice president", "vice-president", "prime minister",
        "foreign minister", "defense minister", "defence minister", "secretary of state",
        "press secretary", "secretary", "minister", "chancellor", "pope", "mr.", "mr", "mrs.", "mrs",
        "ms.", "ms", "dr.", "dr", "ambassador", "senator", "sen.", "gov.", "governor", "general",
        "gen.", "spokesperson", "spokesman", "spokeswoman", "correspondent", "king", "queen", "prince",
    )),
    key=len, reverse=True,
)


def _name_tokens(name: str) -> list[str]:
    toks = normalise(name).replace("'s ", " 's ").split()
    if toks and toks[0] == "the":
        toks = toks[1:]
    changed = True
    while changed and toks:
        changed = False
        for title in _TITLES:
            if len(toks) > len(title) and toks[: len(title)] == title:
                toks = toks[len(title):]
                changed = True
                break
    out = []
    for tok in toks:
        # "V." or "J.D." style initials are dropped; "JD" is kept as written.
        if re.fullmatch(r"(?:\w\.)+", tok):
            continue
        out.append(tok.strip(",;:"))
    return [t for t in out if t]


def speaker_matches(gold: str | None, extracted: str | None) -> bool:
    """Whether an extracted speaker names the gold speaker.

    Case-insensitive; leading "the" and titles ("President", "Mr.") are ignored, middle initials are
    dropped ("Vladimir V. Putin" ~ "Vladimir Putin"), and one name matches another when its words are
    the other's last words ("Putin" ~ "Vladimir Putin", "the air force" ~ "Ukraine's air force").
    Two nulls match; a null and a name do not.
    """
    if gold is None or extracted is None:
        return gold is None and extracted is None
    a, b = _name_tokens(gold), _name_tokens(extracted)
    if not a or not b:
        return False
    n = min(len(a), len(b))
    return a[-n:] == b[-n:]


# --------------------------------------------------------------------------------------- gold


@dataclass(frozen=True)
class GoldFact:
    article: str
    text: str
    line: int
    col: int
    end_col: int
    key: str
    qualifier: str
    low: float | None
    high: float | None
    unit: str | None
    speaker: str | None
    time: str | None
    date: str | None
    zone: str | None = None
    note: str | None = None

    def describe(self) -> str:
        who = f" [{self.speaker}]" if self.speaker else ""
        return f"l{self.line} {self.text!r} {self.key} {_interval(self.low, self.high, self.unit)}{who}"


@dataclass(frozen=True)
class GoldQuote:
    article: str
    text: str
    line: int
    col: int
    end_col: int
    speaker: str | None
    zone: str | None = None
    note: str | None = None

    def describe(self) -> str:
        return f"l{self.line} {_short(self.text)!r} [{self.speaker}]"


@dataclass(frozen=True)
class GoldArticle:
    name: str
    facts: tuple[GoldFact, ...]
    quotes: tuple[GoldQuote, ...]


@dataclass(frozen=True)
class Gold:
    published: str
    articles: dict[str, GoldArticle]


def _number(value: Any, where: str) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise GoldError(f"{where}: {value!r} is not a number")
    return float(value)


def _opt_str(value: Any) -> str | None:
    return None if value is None else str(value)


def load_gold(path: str | Path = GOLD_PATH, seeds_dir: str | Path = SEEDS_DIR) -> Gold:
    """Read and check the gold file, locating every text on its line of the seed file."""
    path, seeds_dir = Path(path), Path(seeds_dir)
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(doc, dict) or doc.get("version") != 1 or not isinstance(doc.get("articles"), dict):
        raise GoldError(f"{path}: expected a mapping with version: 1 and articles")
    articles: dict[str, GoldArticle] = {}
    for name, body in doc["articles"].items():
        body = body or {}
        unknown = set(body) - {"facts", "quotes"}
        if unknown:
            raise GoldError(f"{name}: unknown keys {sorted(unknown)}")
        lines = (seeds_dir / name).read_text(encoding="utf-8").split("\n")
        facts = tuple(_gold_fact(name, i, raw, lines) for i, raw in enumerate(body.get("facts") or []))
        quotes = tuple(_gold_quote(name, i, raw, lines) for i, raw in enumerate(body.get("quotes") or []))
        for kind, items in (("fact", facts), ("quote", quotes)):
            seen = set()
            for it in items:
                if (it.line, it.col) in seen:
                    raise GoldError(f"{name}:{it.line}:{it.col}: {kind} {it.text!r} annotated twice")
                seen.add((it.line, it.col))
        articles[str(name)] = GoldArticle(str(name), facts, quotes)
    return Gold(str(doc.get("published")), articles)


def _line_of(name: str, raw: dict, lines: list[str], where: str) -> tuple[int, int, int]:
    line = raw.get("line")
    if not isinstance(line, int) or not 1 <= line <= len(lines):
        raise GoldError(f"{where}: bad line {line!r}")
    if not isinstance(raw.get("text"), str) or not raw["text"].strip():
        raise GoldError(f"{where}: text is missing")
    try:
        col, end = locate(lines[line - 1], raw["text"], raw.get("column"))
    except GoldError as exc:
        raise GoldError(f"{name}:{line}: {exc}") from None
    return line, col, end


_FACT_FIELDS = {"text", "line", "column", "key", "qualifier", "low", "high", "unit", "speaker", "time", "date",
                "zone", "note"}
_QUOTE_FIELDS = {"text", "line", "column", "speaker", "zone", "note"}


def _check_fields(raw: Any, allowed: set[str], required: set[str], where: str) -> None:
    if not isinstance(raw, dict):
        raise GoldError(f"{where}: expected a mapping")
    if set(raw) - allowed:
        raise GoldError(f"{where}: unknown fields {sorted(set(raw) - allowed)}")
    if required - set(raw):
        raise GoldError(f"{where}: missing fields {sorted(required - set(raw))}")
    if raw.get("zone") is not None and raw["zone"] not in ZONES:
        raise GoldError(f"{where}: zone must be one of {ZONES}")


def _gold_fact(name: str, i: int, raw: Any, lines: list[str]) -> GoldFact:
    where = f"{name}: fact #{i + 1}"
    _check_fields(raw, _FACT_FIELDS, _FACT_FIELDS - {"column", "zone", "note"}, where)
    line, col, end = _line_of(name, raw, lines, where)
    key = raw["key"]
    if not isinstance(key, str) or not _KEY.match(key):
        raise GoldError(f"{where}: key {key!r} is not <subject>.<measure>")
    if raw["qualifier"] not in QUALIFIERS:
        raise GoldError(f"{where}: qualifier {raw['qualifier']!r}")
    low, high = _number(raw["low"], where), _number(raw["high"], where)
    if low is None and high is None:
        raise GoldError(f"{where}: low and high are both null")
    if low is not None and high is not None and low > high:
        raise GoldError(f"{where}: low > high")
    date = _opt_str(raw["date"])
    if date is not None and not _DATE.match(date):
        raise GoldError(f"{where}: date {date!r} is not ISO")
    return GoldFact(
        article=name, text=raw["text"], line=line, col=col, end_col=end, key=key, qualifier=raw["qualifier"],
        low=low, high=high, unit=_opt_str(raw["unit"]), speaker=_opt_str(raw["speaker"]),
        time=_opt_str(raw["time"]), date=date, zone=raw.get("zone"), note=raw.get("note"),
    )


def _gold_quote(name: str, i: int, raw: Any, lines: list[str]) -> GoldQuote:
    where = f"{name}: quote #{i + 1}"
    _check_fields(raw, _QUOTE_FIELDS, {"text", "line", "speaker"}, where)
    line, col, end = _line_of(name, raw, lines, where)
    return GoldQuote(article=name, text=raw["text"], line=line, col=col, end_col=end,
                     speaker=_opt_str(raw["speaker"]), zone=raw.get("zone"), note=raw.get("note"))


# --------------------------------------------------------------------------------------- extracted


@dataclass(frozen=True)
class XFact:
    """An extracted fact reduced to what scoring needs (``col``/``end_col`` optional, 1-based)."""

    text: str
    line: int
    key: str
    low: float | None
    high: float | None
    unit: str | None
    speaker: str | None = None
    date: str | None = None
    time: str | None = None
    qualifier: str | None = None
    col: int | None = None
    end_line: int | None = None
    end_col: int | None = None

    def describe(self) -> str:
        who = f" [{self.speaker}]" if self.speaker else ""
        return f"l{self.line} {self.text!r} {self.key} {_interval(self.low, self.high, self.unit)}{who}"


@dataclass(frozen=True)
class XQuote:
    text: str
    line: int
    speaker: str | None = None
    col: int | None = None
    end_line: int | None = None
    end_col: int | None = None

    def describe(self) -> str:
        return f"l{self.line} {_short(self.text)!r} [{self.speaker}]"


def _float(value: Any) -> float | None:
    return None if value is None else float(value)


def _date_str(value: Any) -> str | None:
    if value is None:
        return None
    iso = getattr(value, "isoformat", None)
    return iso() if callable(iso) else str(value)


def extracted_from(article: Any, article_facts: Any) -> tuple[list[XFact], list[XQuote]]:
    """checker's ``ArticleFacts`` for ``article`` -> scoring records, with lines from Article.position."""
    facts = []
    for f in article_facts.facts:
        q = f.quantity
        line, col = article.position(q.start)
        end_line, end_col = article.end_position(q.end)
        facts.append(XFact(
            text=q.text, line=line, key=f.key, low=_float(q.low), high=_float(q.high), unit=q.unit,
            speaker=f.speaker, date=_date_str(getattr(f, "date", None)), time=f.time, qualifier=q.qualifier,
            col=col, end_line=end_line, end_col=end_col,
        ))
    quotes = []
    for qt in article_facts.quotes:
        line, col = article.position(qt.start)
        end_line, end_col = article.end_position(qt.end)
        quotes.append(XQuote(text=qt.text, line=line, speaker=qt.speaker, col=col, end_line=end_line,
                             end_col=end_col))
    return facts, quotes


# --------------------------------------------------------------------------------------- matching


def _overlaps(gold: GoldFact | GoldQuote, x: XFact | XQuote) -> bool:
    if x.line != gold.line:
        return False
    if x.col is not None:
        end = x.end_col if (x.end_line in (None, x.line) and x.end_col is not None) else 10**9
        if x.col < gold.end_col and gold.col < max(end, x.col + 1):
            return True
    a, b = normalise(gold.text), normalise(x.text)
    return bool(a and b) and (a in b or b in a)


def _same_number(a: float | None, b: float | None) -> bool:
    return (a is None and b is None) or (a is not None and b is not None and float(a) == float(b))


def _unit(u: str | None) -> str | None:
    return normalise(u) or None


def fact_mismatches(gold: GoldFact, x: XFact) -> list[str]:
    """Why ``x`` does not match ``gold`` (empty when it matches)."""
    why = []
    if not _overlaps(gold, x):
        why.append("text/line")
    if x.key != gold.key:
        why.append(f"key {x.key} != {gold.key}")
    if not (_same_number(x.low, gold.low) and _same_number(x.high, gold.high)):
        why.append(f"interval {_interval(x.low, x.high, None)} != {_interval(gold.low, gold.high, None)}")
    if _unit(x.unit) != _unit(gold.unit):
        why.append(f"unit {x.unit} != {gold.unit}")
    if gold.speaker is not None and not speaker_matches(gold.speaker, x.speaker):
        why.append(f"speaker {x.speaker} != {gold.speaker}")
    return why


def _max_matching(n_gold: int, candidates: Callable[[int], list[int]]) -> dict[int, int]:
    """Maximum bipartite matching (Kuhn); returns {gold index: extracted index}.

    Candidates are tried in the order given, so preferred partners win when nothing is lost."""
    owner: dict[int, int] = {}
    cands = [candidates(i) for i in range(n_gold)]

    def augment(i: int, seen: set[int]) -> bool:
        for j in cands[i]:
            if j in seen:
                continue
            seen.add(j)
            if j not in owner or augment(owner[j], seen):
                owner[j] = i
                return True
        return False

    for i in range(n_gold):
        augment(i, set())
    return {i: j for j, i in owner.items()}


def _distance(gold: GoldFact | GoldQuote, x: XFact | XQuote) -> int:
    return abs((x.col or gold.col) - gold.col)


@dataclass
class ArticleScore:
    name: str
    gold_facts: int = 0
    extracted_facts: int = 0
    matched: list[tuple[GoldFact, XFact]] = field(default_factory=list)
    missed: list[tuple[GoldFact, str]] = field(default_factory=list)
    spurious: list[XFact] = field(default_factory=list)
    gold_quotes: int = 0
    extracted_quotes: int = 0
    found_quotes: list[tuple[GoldQuote, XQuote]] = field(default_factory=list)
    missed_quotes: list[GoldQuote] = field(default_factory=list)
    spurious_quotes: list[XQuote] = field(default_factory=list)

    @property
    def speaker_correct(self) -> int:
        return sum(speaker_matches(g.speaker, x.speaker) for g, x in self.found_quotes)

    @property
    def wrong_speakers(self) -> list[tuple[GoldQuote, XQuote]]:
        return [(g, x) for g, x in self.found_quotes if not speaker_matches(g.speaker, x.speaker)]

    @property
    def date_correct(self) -> int:
        return sum(g.date == x.date for g, x in self.matched)

    @property
    def wrong_dates(self) -> list[tuple[GoldFact, XFact]]:
        return [(g, x) for g, x in self.matched if g.date != x.date]


def score_article(gold: GoldArticle, facts: Sequence[XFact], quotes: Sequence[XQuote]) -> ArticleScore:
    out = ArticleScore(gold.name, gold_facts=len(gold.facts), extracted_facts=len(facts),
                       gold_quotes=len(gold.quotes), extracted_quotes=len(quotes))

    def fact_cands(i: int) -> list[int]:
        g = gold.facts[i]
        ok = [j for j, x in enumerate(facts) if not fact_mismatches(g, x)]
        return sorted(ok, key=lambda j: _distance(g, facts[j]))

    pairs = _max_matching(len(gold.facts), fact_cands)
    for i, g in enumerate(gold.facts):
        if g.zone in FURNITURE_ZONES:
            # page furniture by the contract: neither required nor held against the extractor
            out.gold_facts -= 1
            if i in pairs:
                out.extracted_facts -= 1
        elif i in pairs:
            out.matched.append((g, facts[pairs[i]]))
        else:
            out.missed.append((g, _why_missed(g, facts)))
    used = set(pairs.values())
    out.spurious = [x for j, x in enumerate(facts) if j not in used]

    def quote_cands(i: int) -> list[int]:
        g = gold.quotes[i]
        ok = [j for j, x in enumerate(quotes) if _overlaps(g, x)]
        return sorted(ok, key=lambda j: (not speaker_matches(g.speaker, quotes[j].speaker), _distance(g, quotes[j])))

    qpairs = _max_matching(len(gold.quotes), quote_cands)
    for i, g in enumerate(gold.quotes):
        if g.zone in FURNITURE_ZONES:
            out.gold_quotes -= 1
            if i in qpairs:
                out.extracted_quotes -= 1
        elif i in qpairs:
            out.found_quotes.append((g, quotes[qpairs[i]]))
        else:
            out.missed_quotes.append(g)
    qused = set(qpairs.values())
    out.spurious_quotes = [x for j, x in enumerate(quotes) if j not in qused]
    return out


def _why_missed(gold: GoldFact, facts: Sequence[XFact]) -> str:
    near = [x for x in facts if _overlaps(gold, x)]
    if not near:
        same_key = [x for x in facts if x.key == gold.key and x.line == gold.line]
        if same_key:
            return "nearest: " + same_key[0].describe() + " (text does not overlap)"
        return "nothing extracted there"
    best = min(near, key=lambda x: len(fact_mismatches(gold, x)))
    return f"nearest: {best.describe()}: " + "; ".join(fact_mismatches(gold, best))


# --------------------------------------------------------------------------------------- totals


def _ratio(num: int, den: int, empty: float) -> float:
    return num / den if den else empty


@dataclass
class Score:
    articles: list[ArticleScore]

    def _sum(self, attr: str) -> int:
        return sum(getattr(a, attr) if isinstance(getattr(a, attr), int) else len(getattr(a, attr))
                   for a in self.articles)

    @property
    def precision(self) -> float:
        return _precision(self._sum("matched"), self._sum("extracted_facts"), self._sum("gold_facts"))

    @property
    def recall(self) -> float:
        return _ratio(self._sum("matched"), self._sum("gold_facts"), 1.0)

    @property
    def quote_recall(self) -> float:
        return _ratio(self._sum("found_quotes"), self._sum("gold_quotes"), 1.0)

    @property
    def quote_precision(self) -> float:
        return _precision(self._sum("found_quotes"), self._sum("extracted_quotes"), self._sum("gold_quotes"))

    @property
    def speaker_accuracy(self) -> float:
        return _ratio(self._sum("speaker_correct"), self._sum("found_quotes"), 0.0 if self._sum("gold_quotes") else 1.0)

    @property
    def date_accuracy(self) -> float | None:
        n = self._sum("matched")
        return self._sum("date_correct") / n if n else None

    def as_json(self) -> dict[str, Any]:
        return {
            "overall": _metrics(self),
            "articles": {a.name: {**_metrics(Score([a])), **_details(a)} for a in self.articles},
        }


def _precision(matched: int, extracted: int, gold: int) -> float:
    """Matched over extracted; with nothing extracted, 1.0 if there was nothing to find, else 0.0."""
    if extracted:
        return matched / extracted
    return 0.0 if gold else 1.0


def score(gold: Gold, extracted: dict[str, tuple[Sequence[XFact], Sequence[XQuote]]]) -> Score:
    """Score extracted records (by seed file name) against the gold; a missing article counts as empty."""
    return Score([score_article(ga, *extracted.get(name, ((), ()))) for name, ga in gold.articles.items()])


def _interval(low: float | None, high: float | None, unit: str | None) -> str:
    def num(v: float | None) -> str:
        return "_" if v is None else (str(int(v)) if float(v).is_integer() else str(v))
    text = num(low) if low == high else f"{num(low)}..{num(high)}"
    return f"{text} {unit}" if unit else text


def _short(text: str, n: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


def _metrics(s: Score) -> dict[str, Any]:
    return {
        "gold_facts": s._sum("gold_facts"), "extracted_facts": s._sum("extracted_facts"),
        "matched_facts": s._sum("matched"), "precision": s.precision, "recall": s.recall,
        "gold_quotes": s._sum("gold_quotes"), "extracted_quotes": s._sum("extracted_quotes"),
        "found_quotes": s._sum("found_quotes"), "quote_recall": s.quote_recall,
        "quote_precision": s.quote_precision, "speaker_accuracy": s.speaker_accuracy,
        "date_accuracy": s.date_accuracy,
    }


def _details(a: ArticleScore) -> dict[str, Any]:
    return {
        "missed": [{"gold": g.describe(), "why": why} for g, why in a.missed],
        "spurious": [x.describe() for x in a.spurious],
        "wrong_dates": [{"gold": g.describe(), "gold_date": g.date, "date": x.date} for g, x in a.wrong_dates],
        "missed_quotes": [g.describe() for g in a.missed_quotes],
        "wrong_speakers": [{"gold": g.describe(), "speaker": x.speaker} for g, x in a.wrong_speakers],
        "spurious_quotes": [x.describe() for x in a.spurious_quotes],
    }


def format_report(s: Score, details: bool = True) -> str:
    def pct(v: float | None) -> str:
        return "   -" if v is None else f"{v:5.2f}"

    head = (f"{'article':<28} {'gold':>4} {'extr':>4} {'match':>5} {'P':>5} {'R':>5}  "
            f"{'q.gold':>6} {'q.found':>7} {'q.R':>5} {'spk':>5} {'date':>5}")
    rows = [head, "-" * len(head)]
    for a in [*s.articles, None]:
        sub = Score([a]) if a else s
        name = a.name if a else "overall"
        rows.append(
            f"{name:<28} {sub._sum('gold_facts'):>4} {sub._sum('extracted_facts'):>4} {sub._sum('matched'):>5} "
            f"{pct(sub.precision)} {pct(sub.recall)}  {sub._sum('gold_quotes'):>6} {sub._sum('found_quotes'):>7} "
            f"{pct(sub.quote_recall)} {pct(sub.speaker_accuracy)} {pct(sub.date_accuracy)}"
        )
    rows.append("P/R: fact precision/recall; q.R: quote recall; spk: quote speaker accuracy; "
                "date: date accuracy over matched facts")
    if details:
        for a in s.articles:
            lines = [f"  missed    {g.describe()}  -- {why}" for g, why in a.missed]
            lines += [f"  spurious  {x.describe()}" for x in a.spurious]
            lines += [f"  date      {g.describe()}: {x.date} != {g.date}" for g, x in a.wrong_dates]
            lines += [f"  q.missed  {g.describe()}" for g in a.missed_quotes]
            lines += [f"  speaker   {g.describe()}: got {x.speaker}" for g, x in a.wrong_speakers]
            if lines:
                rows += ["", a.name, *lines]
    return "\n".join(rows)


# --------------------------------------------------------------------------------------- running


def _ensure_checker_importable() -> None:
    try:
        import checker  # noqa: F401
    except ModuleNotFoundError:
        sys.path.insert(0, str(ROOT))


def _plain_articles(path: Path) -> list[Any]:
    """A seed file read as one plain-text Article (no furniture removed), with sources.yaml metadata."""
    from checker.model import Article

    raw = path.read_text(encoding="utf-8")
    meta: dict[str, Any] = {}
    sources = path.parent / "sources.yaml"
    story = None
    if sources.exists():
        doc = yaml.safe_load(sources.read_text(encoding="utf-8")) or {}
        meta = (doc.get("articles") or {}).get(path.name) or {}
        story = doc.get("story")
    return [Article(
        id=path.name, path=str(path), text=raw, outlet=str(meta.get("outlet") or path.stem),
        published=_date_str(meta.get("published")), story=story, raw=raw,
    )]


def load_articles(seeds_dir: str | Path, names: Iterable[str]) -> dict[str, list[Any]]:
    """Each named seed file of ``seeds_dir``, read with checker.ingest.articles.read_article (page
    furniture removed): file name -> its articles."""
    _ensure_checker_importable()
    from checker.ingest.articles import read_article

    return {name: list(read_article(Path(seeds_dir) / name)) for name in names}


def run(gold_path: str | Path = GOLD_PATH, seeds_dir: str | Path = SEEDS_DIR) -> Score:
    """Read the seeds, run checker.extractor.facts.extract on each article, and score it against the gold."""
    _ensure_checker_importable()
    from checker.extractor.facts import extract

    gold = load_gold(gold_path, seeds_dir)
    extracted: dict[str, tuple[list[XFact], list[XQuote]]] = {}
    for name, articles in load_articles(seeds_dir, gold.articles).items():
        facts: list[XFact] = []
        quotes: list[XQuote] = []
        for article in articles:
            f, q = extracted_from(article, extract(article))
            facts += f
            quotes += q
        extracted[name] = (facts, quotes)
    return score(gold, extracted)


def _gold_summary(gold: Gold) -> str:
    rows = [f"{name}: {len(a.facts)} facts, {len(a.quotes)} quotes" for name, a in gold.articles.items()]
    total_f = sum(len(a.facts) for a in gold.articles.values())
    total_q = sum(len(a.quotes) for a in gold.articles.values())
    return "\n".join([*rows, f"total: {total_f} facts, {total_q} quotes"])


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="score.py", description=__doc__.split("\n\n")[0])
    ap.add_argument("--gold", default=str(GOLD_PATH), help="gold file (default: tests/gold/seeds.yaml)")
    ap.add_argument("--seeds", default=str(SEEDS_DIR), help="folder of the seed files (default: seeds/)")
    ap.add_argument("--json", action="store_true", help="print the scores as JSON")
    ap.add_argument("--brief", action="store_true", help="only the table, no missed/spurious lists")
    ap.add_argument("--check-gold", action="store_true", help="only check the gold file against the seeds")
    ap.add_argument("--fail-under", type=float, metavar="X",
                    help="exit 1 if fact precision, recall or quote speaker accuracy is below X")
    args = ap.parse_args(argv)
    try:
        gold = load_gold(args.gold, args.seeds)
    except (GoldError, OSError, yaml.YAMLError) as exc:
        print(f"score: bad gold: {exc}", file=sys.stderr)
        return 2
    if args.check_gold:
        print(_gold_summary(gold))
        return 0
    result = run(args.gold, args.seeds)
    if args.json:
        print(json.dumps(result.as_json(), indent=2, ensure_ascii=False))
    else:
        print(format_report(result, details=not args.brief))
    if args.fail_under is not None:
        worst = min(result.precision, result.recall, result.speaker_accuracy)
        return 1 if worst < args.fail_under else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
