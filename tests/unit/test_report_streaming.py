"""The reports written in pieces: the fast JSON writer (checker.output) against ``json.dumps``, the
JSON report written a finding at a time against the document through ``json.dumps``, and writing
to files and standard output.  (Every format's bytes on the seeds and the corpus are held by
tests/golden.)"""

from __future__ import annotations

import io
import json
import sys
from fractions import Fraction
from types import SimpleNamespace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_report_properties import NASTY
from test_report_sample import sample_report

from checker.findings import Claim, Finding, Report
from checker.model import Article, Quantity
from checker.output import Written, document_chunks, dumps, pretty, pretty_chunks, safe, write_atomic, write_or_print
from checker.output.guard import BIDI
from checker.report import chunks, render, write

# -- the JSON writer -------------------------------------------------------------------------------

SCALARS = (st.none() | st.booleans() | st.integers() | st.floats() | st.text()
           | st.sampled_from(["", "\u201cq\u201d", "a\nb\t\"c\"\\", "\u2028\x00\x1f", "\U0001f600"]))
KEYS = st.text(max_size=5) | st.sampled_from(["id", "\n", "\u00e9"])


def values(leaves=SCALARS):
    return st.recursive(leaves, lambda inner: st.lists(inner, max_size=4) | st.tuples(inner, inner)
                        | st.dictionaries(KEYS, inner, max_size=4), max_leaves=25)


@settings(max_examples=300)
@given(values(SCALARS | st.dictionaries(st.integers() | st.none(), SCALARS, max_size=2)),
       st.sampled_from(["", "  ", "      "]))
def test_pretty_is_json_dumps(value, prefix):
    assert pretty(value, prefix) == dumps(value).replace("\n", "\n" + prefix)


def _lazy(value, draw_lazy):
    """``value`` with some of its lists given as generators (``draw_lazy`` picks which)."""
    if isinstance(value, dict):
        return {k: _lazy(v, draw_lazy) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        items = [_lazy(v, draw_lazy) for v in value]
        return (x for x in items) if isinstance(value, list) and draw_lazy() else type(value)(items)
    return value


@settings(max_examples=300)
@given(values(), st.randoms(use_true_random=False), st.sampled_from(["", "    "]))
def test_pretty_chunks_is_json_dumps_with_generators_as_lists(value, rnd, prefix):
    want = dumps(value).replace("\n", "\n" + prefix)
    assert "".join(pretty_chunks(_lazy(value, lambda: rnd.random() < 0.5), prefix)) == want
    assert pretty(_lazy(value, lambda: rnd.random() < 0.5), prefix) == want


def test_a_generator_field_is_written_an_item_at_a_time():
    made = []

    def items():
        for n in range(3):
            made.append(n)
            yield {"n": n, "claims": [{"text": "x"}]}

    pieces = document_chunks(articles=[], findings=items(), summary={"findings": 3})
    seen = []
    for piece in pieces:
        seen.append(piece)
        if '"n": 1' in piece:
            assert made == [0, 1]  # the third item is not made before the second is written
    doc = json.loads("".join(seen))
    assert [f["n"] for f in doc["findings"]] == [0, 1, 2]
    assert "".join(seen) == dumps({**doc})


def test_written_text_goes_in_as_it_is():
    inner = pretty({"b": [1, "x"]}, "    ")
    assert pretty({"a": [Written(inner)]}) == dumps({"a": [{"b": [1, "x"]}]})
    assert "".join(pretty_chunks({"a": (w for w in [Written(inner)])})) == dumps({"a": [{"b": [1, "x"]}]})


ODD = st.sampled_from(["\t", "a\tb", "\n", "\x0b\x0c\r\x08\x07", "\x1c\x85\xa0\u2028", "  ", "\u5168\u89d2",
                       "e\u0301", "\ud800", "x" * 10_050, "[-a-] {+b+}"])
TEXT = st.lists(st.one_of(NASTY, ODD, st.text(max_size=12)), min_size=0, max_size=3).map("".join)
NUMBER = st.none() | st.fractions(min_value=-10**6, max_value=10**6, max_denominator=1000)


@st.composite
def quantities(draw):
    low, high = sorted([draw(NUMBER) or Fraction(0), draw(NUMBER) or Fraction(1)])
    return Quantity(text=draw(TEXT), start=0, end=draw(st.integers(0, 50)), qualifier=draw(st.sampled_from(
        ["exact", "approximate", "more_than", "range"])), value=draw(NUMBER), low=low, high=draw(st.none() | st.just(high)),
        low_inclusive=draw(st.booleans()), high_inclusive=draw(st.booleans()), unit=draw(st.none() | st.just("hour")),
        dimension=draw(st.sampled_from(["[time]", "dimensionless"])), noun=draw(st.none() | TEXT),
        hedge=draw(st.none() | TEXT), modifies=draw(st.none() | TEXT), distributive=draw(st.booleans()),
        part_of=draw(st.none() | TEXT), whole=draw(NUMBER))


@st.composite
def random_reports(draw):
    articles = tuple(Article(id=f"a{n}", path=draw(st.sampled_from(["x.txt", "dir/y z.md", "/abs/p.txt", "%20.txt"])),
                             text="", outlet=draw(TEXT), title=draw(st.none() | TEXT), story=draw(st.none() | TEXT),
                             published=draw(st.none() | st.just("2025-05-19")))
                     for n in range(draw(st.integers(0, 3))))
    rules = ("numeric-mismatch", "quote-wording", "name-spelling")

    def claim():
        a = draw(st.sampled_from(articles)) if articles and draw(st.booleans()) else Article("zz", "zz.txt", "", "Z")
        line, col = draw(st.integers(0, 40)), draw(st.integers(0, 90))
        return Claim(a.id, a.outlet, a.path, line, col, line + draw(st.integers(0, 2)), col + draw(st.integers(-1, 9)),
                     draw(TEXT), draw(st.none() | TEXT), draw(st.none() | quantities()))

    findings = tuple(Finding(id=f"f{n}", rule=draw(st.sampled_from(rules)), type=draw(st.sampled_from(
        ["numeric", "quote", "spelling", "odd"])), severity=draw(st.sampled_from(["error", "warning", "info"])),
        message=draw(TEXT), key=draw(st.sampled_from(["k", "call.duration", "quote/x"])),
        claims=tuple(claim() for _ in range(draw(st.integers(0, 4)))), detail=draw(st.none() | TEXT))
        for n in range(draw(st.integers(0, 14))))
    known = tuple(SimpleNamespace(id=r, severity=draw(st.sampled_from(["error", "warning", "info", "bad"])),
                                  kind="numeric", type=draw(st.none() | st.just("numeric")), description=draw(st.none() | TEXT),
                                  enabled=draw(st.booleans()))
                  for r in draw(st.lists(st.sampled_from(rules + ("unused",)), unique=True)))
    return Report(articles, findings, facts=draw(st.integers(0, 9)), quotes=draw(st.integers(0, 9)),
                  suppressed=draw(st.integers(0, 2)), baselined=draw(st.integers(0, 2)), rules=known,
                  hidden=draw(st.integers(0, 2)))


# -- the report formats ----------------------------------------------------------------------------

def _json_document(report: Report) -> str:
    from checker.report.json import as_document

    return dumps(as_document(report)) + "\n"


def test_the_json_report_is_its_document_through_json_dumps_on_the_sample():
    for report in (sample_report(), sample_report(findings=()), sample_report(findings=(), rules=(), articles=())):
        assert "".join(chunks("json", report)) == _json_document(report)


@settings(max_examples=50, deadline=None)
@given(random_reports())
def test_the_json_report_is_its_document_through_json_dumps(report):
    """The json module writes json.dumps's bytes; what crosscheck prints is the same document with
    what no output may carry (``##[``, bidirectional controls, C1 controls, lone surrogates) written
    as ``\\u`` escapes: the same values."""
    from checker.report import json as json_format

    assert "".join(json_format.chunks(report)) == _json_document(report)
    guarded = "".join(chunks("json", report))
    assert guarded == safe(_json_document(report), "json")
    assert json.loads(guarded) == json.loads(_json_document(report))
    assert "##[" not in guarded and not any(c in guarded for c in BIDI)


@pytest.mark.parametrize("fmt", ["markdown", "html"])
def test_other_formats_come_in_one_piece(fmt):
    assert list(chunks(fmt, sample_report())) == [render(fmt, sample_report())]


# -- writing ---------------------------------------------------------------------------------------

def test_write_to_a_file_is_the_rendered_report(tmp_path):
    for fmt in ("json", "sarif", "text", "junit", "github", "markdown", "html"):
        out = tmp_path / f"r.{fmt}"
        write(fmt, sample_report(), str(out))
        assert out.read_bytes() == render(fmt, sample_report()).encode("utf-8")


def test_write_to_standard_output_ends_in_a_newline(monkeypatch):
    buf = io.StringIO()
    monkeypatch.setattr(sys, "stdout", buf)
    write("json", sample_report(), None)
    assert buf.getvalue() == render("json", sample_report())
    buf.truncate(0)
    buf.seek(0)
    write_or_print(iter(["a", "", "b"]), None)
    write_or_print("c", None)
    write_or_print(iter([]), None)
    assert buf.getvalue() == "ab\nc\n"


def test_a_failed_report_leaves_the_old_file(tmp_path):
    out = tmp_path / "r.json"
    out.write_text("old", encoding="utf-8")

    def broken():
        yield "{"
        raise RuntimeError("the report failed half-way")

    with pytest.raises(RuntimeError):
        write_atomic(out, broken())
    assert out.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["r.json"]
