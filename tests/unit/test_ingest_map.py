"""checker.ingest.textmap: a text's characters keep pointing at their place in the file through every edit."""

from __future__ import annotations

import pickle
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from checker.ingest.textmap import Mapped, OffsetMap, line_starts, normalise, tidy


def sources(m: Mapped) -> list[int]:
    offsets = m.offsets()
    return list(range(len(m.text))) if offsets is None else list(offsets)


def test_a_plain_slice_needs_no_map():
    m = Mapped.of("hello world")
    assert m.text == "hello world" and m.offsets() is None


def test_normalise_drops_invisibles_and_maps_the_rest():
    raw = "Zelen\u00adskyy\u200b said\u00a0two\r\nhours\rlater\u2011on\ufeff"
    m = normalise(Mapped.of(raw))
    assert m.text == "Zelenskyy said two\nhours\nlater-on"
    offs = sources(m)
    assert [raw[o] for o in offs[:9]] == list("Zelenskyy")
    assert raw[offs[m.text.index(" two")]] == "\u00a0"
    assert raw[offs[m.text.index("\nhours")]] == "\n"  # CRLF: the CR goes, the LF stays
    assert raw[offs[m.text.index("\nlater")]] == "\r"  # a lone CR becomes the LF
    assert raw[offs[m.text.index("hours")]] == "h"
    assert raw[offs[m.text.index("-on")]] == "\u2011"


def test_same_length_replacements_keep_the_identity_map():
    m = normalise(Mapped.of("a\u00a0b\tc"))
    assert m.text == "a b c" and m.offsets() is None


def test_curly_quotes_are_kept():
    assert normalise(Mapped.of("\u201cyes\u201d he\u2019s")).text == "\u201cyes\u201d he\u2019s"


def test_tidy_folds_blank_lines_with_spaces_in_them():
    assert tidy(Mapped.of("a\n  \n  \n b\n \nc")).text == "a\n\nb\n\nc"


def test_tidy_folds_blank_lines_and_trims():
    raw = "\n\n  Title  \n\n\n\n  body one \nbody two\n\n"
    m = tidy(Mapped.of(raw))
    assert m.text == "Title\n\nbody one\nbody two"
    offs = sources(m)
    assert all(raw[o] == c for o, c in zip(offs, m.text, strict=True) if not c.isspace())


def test_edit_keeps_spans_exactly():
    raw = "see [the report](http://x) now"
    m = Mapped.of(raw).sub(re.compile(r"\[([^\]]+)\]\([^)]*\)"), lambda mt: [mt.span(1)])
    assert m.text == "see the report now"
    assert [raw[o] for o in sources(m)] == list(m.text)


def test_a_longer_replacement_maps_its_extra_characters_to_the_match_end():
    m = Mapped.of("ab\x1ccd").sub(re.compile("\x1c"), "\n\n")
    assert m.text == "ab\n\ncd"
    assert sources(m) == [0, 1, 2, 2, 3, 4]


def test_edits_compose():
    raw = "x\u00ad\u00ady  z"
    m = tidy(normalise(Mapped.of(raw)).sub(re.compile("  +"), " "))
    assert m.text == "xy z"
    assert [raw[o] for o in sources(m)] == ["x", "y", " ", "z"]


def test_source_past_the_end_is_one_after_the_last_character():
    m = Mapped.of("abc\u00ad", 0).sub(re.compile("\u00ad"), "")
    assert m.source(len(m.text)) == 3


def test_offset_map_behaves_like_a_tuple():
    om = OffsetMap([0, 3], [5, 20], 6)
    as_tuple = (5, 6, 7, 20, 21, 22)
    assert len(om) == 6 and tuple(om) == as_tuple and om == as_tuple
    assert om[0] == 5 and om[3] == 20 and om[-1] == 22 and om[1:4] == (6, 7, 20)
    with pytest.raises(IndexError):
        om[6]
    assert pickle.loads(pickle.dumps(om)) == om
    assert hash(om) == hash(OffsetMap([0, 3], [5, 20], 6))


def test_line_starts_count_crlf_cr_and_lf_once_each():
    assert line_starts("a\r\nb\rc\nd") == (0, 3, 5, 7)
    assert line_starts("") == (0,)


def test_many_edits_stay_linear_in_runs():
    raw = "word\u00a0" * 20000 + "end\u00ad"
    m = normalise(Mapped.of(raw))
    assert len(m.starts) == 1  # one-for-one replacements and a drop at the end: still one run


@given(st.text(alphabet=st.sampled_from([" ", "\n", "\t", "\u00a0", "\u2028", "\x1c", "\x85", "a", "b", "."]),
               max_size=60))
@settings(max_examples=500)
def test_tidy_finds_the_matches_of_its_regex(text):
    """tidy tries its regex only where it can match; the matches are those of ``finditer``."""
    from checker.ingest import textmap as ingest_map

    expected = [(m.start(), m.end()) for m in ingest_map._SPACES.finditer(text)]
    assert [(m.start(), m.end()) for m in ingest_map._space_matches(text)] == expected
