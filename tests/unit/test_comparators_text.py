"""Word alignment of quotes (align.py) and speaker names (names.py)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from checker.comparators.align import relate, reverse_diff, word_diff, words
from checker.comparators.names import cluster_speakers, display, is_named, name_key, speaker_key


def rel(a: str, b: str):
    return relate(words(a), words(b))


def test_words_ignore_case_punctuation_and_quote_marks():
    assert words("“It’s a Possible—deal,” he said.") == ("it's", "a", "possible", "deal", "he", "said")


@pytest.mark.parametrize("a, b, kind", [
    ("a possible deal", "A possible deal!", "same"),
    ("possible future peace", "a memorandum on a possible future peace agreement", "contained"),
    ("propose and is ready to work with", "ready to work with the other side", "overlap"),
    ("memorandum on a possible future peace agreement", "memorandum on a potential future peace agreement", "other"),
])
def test_relation_kinds(a, b, kind):
    assert rel(a, b).kind == kind


def test_shorter_is_aligned_within_longer_with_a_word_diff():
    r = rel("memorandum on a possible future peace agreement",
            "Russia will propose a memorandum on a potential future peace agreement, defining the terms")
    assert r.kind == "other" and r.similarity > 0.8
    assert r.diff == "possible -> potential"


def test_a_different_last_word_is_a_change_not_an_overlap():
    r = rel("a possible future peace treaty", "memorandum on a possible future peace agreement")
    assert (r.kind, r.diff) == ("other", "treaty -> agreement")


def test_unrelated_texts_have_no_similarity():
    assert rel("the weather is fine today", "prices rose sharply in May").similarity < 0.3


def test_word_diff_and_reverse():
    assert word_diff(words("very informative and very frank"), words("very meaningful and quite frank")) == \
        "informative -> meaningful; very -> quite"
    assert reverse_diff("a -> b; - c; + d") == "b -> a; + c; - d"


@given(st.lists(st.sampled_from("the a peace deal possible potential future agreement talks".split()),
                min_size=1, max_size=12),
       st.lists(st.sampled_from("the a peace deal possible potential future agreement talks".split()),
                min_size=1, max_size=12))
def test_relate_is_symmetric(a, b):
    ra, rb = relate(tuple(a), tuple(b)), relate(tuple(b), tuple(a))
    assert ra.kind == rb.kind
    assert ra.similarity == pytest.approx(rb.similarity)
    assert rb.diff == reverse_diff(ra.diff)
    assert 0 <= ra.similarity <= 1


@pytest.mark.parametrize("phrase, key", [
    ("Russian President Vladimir V. Putin", ("vladimir", "putin")),
    ("Mr. Putin", ("putin",)),
    ("White House press secretary Karoline Leavitt", ("karoline", "leavitt")),
    ("the Russian leader", ("russian", "leader")),
    ("she", None),
    (None, None),
])
def test_speaker_key(phrase, key):
    assert speaker_key(phrase) == key


def test_display_drops_rank_words():
    assert display("Secretary of State Marco Rubio") == "Marco Rubio"


@pytest.mark.parametrize("phrase, named", [
    ("Putin", True), ("Russia's Defense Ministry", True), ("the Russian leader", False),
    ("officials", False), ("he", False), ("the President", False),
])
def test_is_named(phrase, named):
    assert is_named(phrase) is named


def test_cluster_joins_an_unambiguous_ending():
    c = cluster_speakers([("donald", "trump"), ("trump",), ("putin",), ("vladimir", "putin")])
    assert c[("trump",)] == ("donald", "trump") and c[("putin",)] == ("vladimir", "putin")


def test_cluster_keeps_an_ambiguous_ending_apart():
    c = cluster_speakers([("donald", "trump"), ("melania", "trump"), ("trump",)])
    assert c[("trump",)] == ("trump",)


def test_name_key():
    assert name_key("Zelenskyy’s") == "zelenskyy"
    assert name_key("Erdoğan") == "erdogan"
    assert name_key("Erdoğan", fold_diacritics=False) == "erdoğan"
