"""Properties: grammar.tokens() is lark's lexer, token for token, on any text; narrowing a terminal's
regex to a first character never changes where it matches."""

from __future__ import annotations

import re

from hypothesis import example, given, note
from hypothesis import strategies as st
from lark_oracle import lark_scan

from checker import firstchar
from checker.parser import firstword, grammar, narrowing
from checker.parser.quantities import find_quantities


def key(toks) -> list[tuple]:
    return [(t.type, t.value, t.start_pos, t.end_pos, t.line, t.column, t.end_line, t.end_column) for t in toks]


def lark_tokens(text: str) -> list:
    return list(grammar.parser().lex(text))


TERMINALS = grammar.parser().terminals
FLAGS = grammar.parser().lexer_conf.g_regex_flags

# Pieces drawn from the grammar's own terminals.  A terminal that needs text around it (a positive
# look-around) is left out here: its pieces arise from gluing the others ("5" + "h", "and" + " two").
PIECES = st.one_of(*[
    st.from_regex(t.pattern.to_regexp(), fullmatch=True)
    for t in TERMINALS
    if "(?<=" not in t.pattern.to_regexp() and "(?=" not in t.pattern.to_regexp()
])
GLUE = st.sampled_from(["", " ", "  ", "-", "\n", "\n\n", " \n \n", ", ", ".", "'", "5", "\u00a0", "\t"])
SOUP = st.lists(st.tuples(PIECES, GLUE), max_size=12).map(lambda parts: "".join(a + b for a, b in parts))
NEWSY_CHARS = st.text(alphabet="0123456789 .,-–:/$%£€½\n\t'’\"hmsdkgtlLinaAoOrRevyYT", max_size=200)


@given(st.text(max_size=300))
@example("ſ K ﬀ ² 5ſ 3K")
@example("5h 3m 4\" 2'' 7in 9L 2t 5g")
def test_random_text_lexes_like_lark(text):
    assert key(grammar.tokens(text)) == key(lark_tokens(text))


@given(NEWSY_CHARS)
def test_newsy_characters_lex_like_lark(text):
    assert key(grammar.tokens(text)) == key(lark_tokens(text))


@given(SOUP)
@example("more than\n\ntwo-and-a-half hours, and twenty-five 5km2 at least $4.5bn")
def test_grammar_token_soup_lexes_like_lark(text):
    note(repr(text))
    assert key(grammar.tokens(text)) == key(lark_tokens(text))


def spans(toks) -> tuple[list, list, list]:
    return [t.type for t in toks], [t.start_pos for t in toks], [t.end_pos for t in toks]


@given(st.one_of(st.text(max_size=300), NEWSY_CHARS, SOUP))
@example("more than\n\ntwo-and-a-half hours, and twenty-five 5km2 at least $4.5bn")
def test_lex_gives_larks_tokens_as_spans(text):
    """grammar.lex (types and offsets, no Token objects) is lark's lexer too, and its runs are lark's tokens."""
    lexed = grammar.lex(text)
    toks = lark_tokens(text)
    assert (lexed.types, lexed.starts, lexed.ends) == spans(toks)
    assert [(t.type, t.value, t.start_pos, t.end_pos) for t in lexed.run(0, len(lexed))] == [
        (t.type, t.value, t.start_pos, t.end_pos) for t in toks]


@given(SOUP)
def test_quantities_are_the_same_from_either_lexer(text):
    assert list(find_quantities(text)) == list(find_quantities(text, lark_tokens(text)))


@given(st.sampled_from(TERMINALS), st.one_of(SOUP, NEWSY_CHARS))
def test_narrowed_terminal_matches_where_the_terminal_does(term, text):
    full = re.compile(term.pattern.to_regexp(), FLAGS)
    for pos in range(len(text)):
        narrowed = re.compile(narrowing.narrow(term.pattern.to_regexp(), FLAGS, text[pos]), FLAGS)
        theirs, ours = full.match(text, pos), narrowed.match(text, pos)
        assert (theirs and theirs.span()) == (ours and ours.span()), (term.name, pos)


@given(st.sampled_from(TERMINALS), st.one_of(SOUP, NEWSY_CHARS))
def test_a_match_starts_with_one_of_the_first_chars_and_pairs(term, text):
    full = re.compile(term.pattern.to_regexp(), FLAGS)
    first = firstchar.first_chars(term.pattern.to_regexp(), FLAGS)
    pairs = firstchar.first_pairs(term.pattern.to_regexp(), FLAGS)
    for pos in range(len(text)):
        if full.match(text, pos):
            assert first is None or first.fullmatch(text[pos]), (term.name, pos)
            assert pairs is None or pos + 1 == len(text) or pairs.match(text, pos, pos + 2), (term.name, pos)


WORDS = st.lists(st.tuples(st.one_of(PIECES, st.from_regex(r"[A-Za-z]{1,8}", fullmatch=True)), GLUE),
                 max_size=10).map(lambda parts: "".join(a + b for a, b in parts))
RUN = re.compile(r"[^\W\d_]+")


@given(st.sampled_from(TERMINALS), st.one_of(SOUP, WORDS, NEWSY_CHARS))
@example(next(t for t in TERMINALS if t.name == "NAMED_NUMBER"), "iPhone 15 and Nos. 4")
def test_a_match_at_a_word_starts_with_one_of_its_first_words(term, text):
    """Where a terminal matches at a run of ASCII letters (from there to the next non-letter, as the
    lexer reads a word, even in the middle of one), its first words say it can."""
    full = re.compile(term.pattern.to_regexp(), FLAGS)
    found = firstword.first_words(term.pattern.to_regexp(), FLAGS)
    for pos in range(len(text)):
        run = RUN.match(text, pos)
        if run and run.group().isascii() and full.match(text, pos):
            assert firstword.fits(found, run.group()), (term.name, pos, run.group())


@given(SOUP)
@example("more than two and a half hours, between 10 and 15 km, 76 of the 112 drones")
def test_scan_finds_what_larks_parser_accepts(text):
    toks = grammar.tokens(text)
    assert [(m.first, m.last, m.tree) for m in grammar.scan(toks)] == lark_scan(toks)
    assert [(m.first, m.last, m.tree) for m in grammar.scan(grammar.lex(text))] == lark_scan(toks)


@given(st.sets(st.characters(max_codepoint=0x2FFF), min_size=1, max_size=40), st.characters(max_codepoint=0x2FFF))
def test_a_character_class_written_with_ranges_holds_exactly_its_characters(chars, probe):
    written = re.compile(firstchar.char_class(chars))
    assert all(written.fullmatch(c) for c in chars)
    assert (written.fullmatch(probe) is not None) == (probe in chars)
