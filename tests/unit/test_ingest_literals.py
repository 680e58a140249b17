"""The furniture line filter (checker.ingest.literals): gating patterns by their literal strings
never changes which lines match, nor what furniture an article loses."""

from __future__ import annotations

import dataclasses
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from checker.ingest.furniture import drop_furniture
from checker.ingest.furniture_load import _join, load_furniture
from checker.ingest.literals import LineFilter, required, scans
from checker.ingest.textmap import Mapped

FURNITURE = load_furniture()
BUILT_IN = [b.anchor for b in (*FURNITURE.lines, *FURNITURE.blocks)]
OWN = [re.compile(p, f) for p, f in [
    (r".*\bfiled by (?:our|the) (?:desk|staff)\b.*", re.I), (r".{1,50}(?:Ab|cD)\s?(?:xy|)z\.", 0),
    (r"[^:]{0,40}:\s*(?:sisi|KISS)+ end", re.I), (r".*(?i:mixed CASE) here", 0), (r".*(?:ab)+c(?=d)d.*", re.I),
    (r".{2,9}\bIs (?:seen|it)\b.*", re.I), (r".{1,40}\[(?:AP|CP)\]", 0), (r".*(?<!x)qu[ae]ry", re.I),
]]
PIECES = ["all rights reserved", "ALL RIGHTS RESERVED", "contributed to this report", "reporting by ", "Editing by",
          " is seen ", " ARE PICTURED ", "with files from", "(AP)", "(Jane Doe/Reuters)", "AP Photo/Jane Doe",
          "filed by our desk", "FILED BY THE STAFF", "Abxyz.", "cDz.", "sisi end", "KISS end", "mixed CASE here",
          "ababcd", "QUARY", "quEry", "xquery", "Is seen", "iS IT", "\u0130s seen", "\u0131s seen", "\u017fisi end",
          "all right\u017f re\u017ferved", "RE\u017fERVED", "\u212aISS", "\u00e9t\u00e9", "\u201cquoted\u201d",
          "[AP]", "[cp]", "[", "a", "b", " ", ".", ":", "/", "(", ")", "x", "Jane Doe", "2024", "\u00a9"]
lines = st.lists(st.sampled_from(PIECES), max_size=8).map("".join)


def test_scanning_patterns_get_their_literal_core():
    assert required(re.compile(r".*\ball rights reserved\b.*", re.I)) == {"all rights reserved"}
    assert required(re.compile(r".{1,9}\b(?:is|are) (?:seen|shown)\b")) == {
        "is seen", "is shown", "are seen", "are shown"}
    assert required(re.compile(r".{1,30}\(\s*(?:AP|Reuters)")) == {"("}  # one rare mark, not two names
    assert required(re.compile(r".*(?i:x)y.*")) == {"y"}  # a scoped flag is unknown text
    assert required(re.compile(r".*(?:a|b.*)")) == {"a", "b"}
    assert required(re.compile(r".*(?:a|.*)")) is None
    assert scans(re.compile(r".{1,300}x")) and scans(re.compile(r"[^.]{0,80}x")) and not scans(re.compile(r"ab.*"))


@settings(max_examples=400, deadline=None)
@given(lines, st.sampled_from([BUILT_IN, OWN, BUILT_IN + OWN]))
def test_the_filter_says_no_only_when_no_pattern_matches(line, patterns):
    line_filter = LineFilter(patterns, _join)
    # (the one alternation the filter replaces holds patterns of either case flag, as the loader makes them)
    assert line_filter.maybe(line) == any(p.fullmatch(line) for p in patterns) == \
        (_join(patterns).fullmatch(line) is not None)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(lines, st.just("")), max_size=10))
def test_an_article_loses_the_same_furniture_as_when_every_line_is_tried(page):
    text = Mapped.of("\n".join(page))
    every_line = dataclasses.replace(FURNITURE, prefilter=None)
    new, spans = drop_furniture(text, FURNITURE)
    old, old_spans = drop_furniture(text, every_line)
    assert (new.text, new.starts, new.raws, spans) == (old.text, old.starts, old.raws, old_spans)


def test_the_tricky_characters_are_all_the_non_ascii_ones_ignorecase_matches_to_ascii_otherwise():
    from checker.ingest.literals import _TRICKY

    every = "".join(chr(c) for c in range(0x80, 0x110000) if not 0xD800 <= c < 0xE000)
    found = {x for c in map(chr, range(128)) for x in re.compile(re.escape(c), re.I).findall(every)
             if x.lower() != c.lower()}
    assert found == set(_TRICKY)


texts = st.lists(st.sampled_from(["a", "b c", "\n", "\r", "\r\n", " ", "\u00ad", "\u200b", "\x01", "\ufeff",
                                  "\u00a0", "\u2028", "\t", "\u2011", "x\u0301", "\U0001f600"]), max_size=30).map("".join)


@settings(max_examples=300, deadline=None)
@given(texts)
def test_line_starts_and_normalise_are_what_they_were(raw):
    from checker.ingest.textmap import _DROP, _NEWLINE, _ODD, _ONE_FOR_ONE, line_starts, normalise

    assert line_starts(raw) == (0, *(m.end() for m in _NEWLINE.finditer(raw)))
    for start in (0, min(2, len(raw))):
        new = normalise(Mapped.of(raw, start))
        old = Mapped.of(raw, start).sub(_DROP, "").swap(_ODD, _ONE_FOR_ONE)
        assert (new.text, new.starts, new.raws) == (old.text, old.starts, old.raws)


spacey = st.lists(st.sampled_from(["a", "b.", "\n", "\n\n", "\n\n\n", " ", "  ", "\t", "\u00a0", "\u3000", "\x1c",
                                   "\x85", " \n", "\n ", "\r"]), max_size=25).map("".join)


@settings(max_examples=400, deadline=None)
@given(spacey)
def test_the_space_runs_tidy_folds_are_those_of_one_pass_over_the_text(text):
    from checker.ingest.textmap import _SPACES, _space_matches, tidy

    assert [m.span() for m in _space_matches(text)] == [m.span() for m in _SPACES.finditer(text)]
    new = tidy(Mapped.of(text))
    old = Mapped.of(text).sub(_SPACES, lambda m: "" if m.start() == 0 or m.end() == len(text)
                              else "\n\n" if m.group().count("\n") > 1 else "\n")
    assert (new.text, new.starts, new.raws) == (old.text, old.starts, old.raws)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["", " ", "**Bold**", "# Head", "> quote", "_x_", "Line of text", " * ", "#"]),
                max_size=8).map("\n".join))
def test_page_keys_are_the_lines_stripped_of_spaces_and_marks(text):
    from checker.ingest.furniture import _STRIP, _Page

    assert _Page(text, 400).keys == [line.strip(_STRIP) for line in text.split("\n")]
