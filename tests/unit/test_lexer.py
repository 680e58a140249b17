"""The dispatch lexer gives exactly lark's tokens; its regex analysis is sound."""

from __future__ import annotations

import re

import pytest
from lark import Lark
from lark.exceptions import UnexpectedCharacters
from lark.lexer import BasicLexer

from checker import firstchar
from checker.parser import grammar, narrowing
from checker.parser.lexer import FastLexer
from checker.parser.quantities import find_quantities


def key(toks) -> list[tuple]:
    """Everything lark puts on a token."""
    return [(t.type, t.value, t.start_pos, t.end_pos, t.line, t.column, t.end_line, t.end_column) for t in toks]


def lark_tokens(text: str) -> list:
    return list(grammar.parser().lex(text))


def test_seed_tokens_equal_larks(seed_texts):
    for name, text in seed_texts.items():
        assert key(grammar.tokens(text)) == key(lark_tokens(text)), name


def test_seed_lex_spans_equal_larks(seed_texts):
    for name, text in seed_texts.items():
        lexed = grammar.lex(text)
        toks = lark_tokens(text)
        assert lexed.types == [t.type for t in toks], name
        assert (lexed.starts, lexed.ends) == ([t.start_pos for t in toks], [t.end_pos for t in toks]), name
        assert [lexed.value(i) for i in range(len(lexed))] == [t.value for t in toks], name


def test_seed_scan_finds_what_larks_parser_accepts(seed_texts):
    from lark_oracle import lark_scan

    for name, text in seed_texts.items():
        toks = grammar.tokens(text)
        assert [(m.first, m.last, m.tree) for m in grammar.scan(toks)] == lark_scan(toks), name


def test_seed_quantities_are_unchanged(seed_texts):
    """The same quantities, whether the scanner is fed the new tokens or lark's own."""
    for name, text in seed_texts.items():
        new = list(find_quantities(text))
        old = list(find_quantities(text, lark_tokens(text)))
        assert new == old, name
        assert new, name


@pytest.mark.parametrize(
    "text",
    ["", " ", "\n\n", "two  hours\n\n\nlater", "5h 3m 4\"", "1st\r\n2nd", "a\u00a0b\u2028c", "ſ K ﬀ ²",
     "more than two hours", "more-than-two-hour", "and a half", "_under_", "\n \n", "x\n"],
)
def test_edge_texts_equal_larks(text):
    assert key(grammar.tokens(text)) == key(lark_tokens(text))


def test_tokens_are_lark_tokens():
    from lark import Token

    toks = grammar.tokens("more than two hours")
    assert all(type(t) is Token for t in toks)
    assert [t.type for t in toks] == ["MORE_THAN", "DIGIT_WORD", "units__U_HOUR"]


# ---------------------------------------------------------------------------- any lark grammar

TOY = r"""
start: item*
item: KEYWORD | NAME | NUMBER | "let" | "=" | ";"
KEYWORD.2: /(?i:if|else)\b/
NAME: /[a-z_]\w*/
NUMBER: /\d+/
COMMENT: /#[^\n]*/
%ignore COMMENT
%import common.WS
%ignore WS
"""


def toy_lexer():
    lark = Lark(TOY, parser="lalr", lexer="basic")
    return lark, FastLexer(BasicLexer(lark.lexer_conf))


@pytest.mark.parametrize("text", ["let x = 10; IF y else z # note\n  letter = 2", "", "   ", "let;let"])
def test_any_basic_lexer_toy_grammar(text):
    lark, fast = toy_lexer()
    assert key(fast.tokens(text)) == key(lark.lex(text))


def test_string_terminals_keep_larks_callbacks():
    lark, fast = toy_lexer()
    toks = fast.tokens("let letter")
    assert [t.type for t in toks] == [t.type for t in lark.lex("let letter")]
    assert toks[0].type != "NAME"


def test_user_lexer_callbacks_run_as_in_lark():
    seen = []

    def double(tok):
        return tok.update(value=str(2 * int(tok.value)))

    def note(tok):
        seen.append(tok.value)
        return tok

    lark = Lark(TOY, parser="lalr", lexer="basic", lexer_callbacks={"NUMBER": double, "COMMENT": note})
    fast = FastLexer(BasicLexer(lark.lexer_conf))
    text = "let x = 21 # c\nelse y"
    assert key(fast.tokens(text)) == key(lark.lex(text))
    assert "42" in [t.value for t in fast.tokens(text)]
    assert seen == ["# c"] * 3  # an ignored token's callback runs too


def test_unlexable_text_raises_larks_error():
    lark, fast = toy_lexer()
    with pytest.raises(UnexpectedCharacters) as theirs:
        list(lark.lex("let x = 1 ? 2"))
    with pytest.raises(UnexpectedCharacters) as ours:
        fast.tokens("let x = 1 ? 2")
    assert (ours.value.pos_in_stream, ours.value.line, ours.value.column) == (
        theirs.value.pos_in_stream, theirs.value.line, theirs.value.column)


# ---------------------------------------------------------------------------- regex analysis


@pytest.mark.parametrize(
    "regexp, yes, no",
    [
        (r"abc", "a", "bA"),
        (r"(?i:abc)", "aA", "b"),
        (r"(?i:k)", "kK\u212a", "x"),  # the Kelvin sign folds to k under re.IGNORECASE
        (r"(?<=\d)h\b", "h", "1 "),
        (r"(?:x|yz)?w", "xyw", "z"),
        (r"[^\W\d_]+", "aé", "1_ "),
        (r"\d*\.\d+", "1.", "a"),
        (r"\s+", " \n\t", "a"),
        (r"[^x]", "ay", "x"),
    ],
)
def test_first_chars(regexp, yes, no):
    first = firstchar.first_chars(regexp)
    assert all(first.fullmatch(c) for c in yes)
    assert not any(first.fullmatch(c) for c in no)


@pytest.mark.parametrize(
    "regexp, yes, no",
    [
        (r"(?i:the|these)\b", ["th", "TH", "tH"], ["te", "h ", "t"]),
        (r"\d+", ["1", "12", "1a"], ["a1"]),  # "1a": a match may end after the first character
        (r"(?:x|yz)?w", ["xw", "yz", "w!"], ["xx", "yw"]),
        (r"(?<=\d)h\b", ["h ", "hx"], ["xh"]),
        (r"a.", ["ab", "a\n"], ["ba"]),
    ],
)
def test_first_pairs(regexp, yes, no):
    pairs = firstchar.first_pairs(regexp)
    assert all(pairs.match(p) for p in yes)
    assert not any(pairs.match(p) for p in no)


def test_two_character_buckets_hold_fewer_terminals():
    lexer = grammar._lexer()
    assert set(lexer.pair_members("th")) < set(lexer.members("t"))
    assert "THE" in lexer.pair_members("th") and "units__U_TONNE" not in lexer.pair_members("th")


@pytest.mark.parametrize("regexp", [r".x", r"a?", r"(a)?\1", r"(?=a)"])
def test_first_chars_gives_up_rather_than_guess(regexp):
    assert firstchar.first_chars(regexp) is None


def test_narrow_drops_alternatives_that_cannot_start_there():
    assert narrowing.narrow(r"(?:apple|banana|berry)s?", 0, "b") == "(?:banana|berry)s?"
    # written back as ``re`` reads it, repeats and classes in their short forms
    assert narrowing.narrow(r"(?:ab|cd)(?:ef)*[\d]{2}x{2,5}\s+y{3,}", 0, "c") == r"(?:cd)(?:ef)*\d{2}x{2,5}\s+y{3,}"
    # nothing to drop: the regex itself, as it was written
    assert narrowing.narrow(r"(?:[\w]){1,}(?:ab|cd)", 0, "a") == r"(?:[\w]){1,}(?:ab|cd)"
    # only the first position is narrowed: "x" after the optional prefix keeps every alternative
    assert re.fullmatch(narrowing.narrow(r"(?:a|b)?(?:a|c)", 0, "a"), "ac")
    assert narrowing.narrow(r"(a|b)\1", 0, "a") == r"(a|b)\1"  # not written back: left as it is


def test_every_grammar_terminal_is_analysed():
    """Not needed for correctness (an unanalysed terminal goes in every bucket), but for speed."""
    lexer = grammar._lexer()
    flags = grammar.parser().lexer_conf.g_regex_flags
    for term in grammar.parser().terminals:
        regexp = term.pattern.to_regexp()
        assert firstchar.first_chars(regexp, flags) is not None, term.name
        assert narrowing._tree(regexp, flags) is not None, term.name
    assert lexer.members(" ") == ("_WS",)


@pytest.mark.parametrize("heavy", [1, 10**6])
def test_heavy_members_in_parts_of_their_own_give_larks_tokens(monkeypatch, heavy):
    """Each member at least ``HEAVY`` long compiled on its own (a chain of parts tried in lark's order)."""
    from checker.parser import lexer as lexer_module

    monkeypatch.setattr(lexer_module, "HEAVY", heavy)
    monkeypatch.setattr(lexer_module, "_WORD_STARTS", frozenset())  # words by their letters' buckets too
    lark, fast = toy_lexer()
    text = "let x = 10; IF y else z # note\n  letter = 2 let;let"
    assert key(fast.tokens(text)) == key(lark.lex(text))
    buckets = [*fast._by_char.values(), *fast._by_pair.values()]
    chained = [b for b in buckets if isinstance(b, lexer_module.Chain)]
    assert bool(chained) == (heavy == 1)


def test_grammar_buckets_compile_each_heavy_member_once_per_character(seed_texts):
    from checker.parser import lexer as lexer_module

    fast = FastLexer(BasicLexer(grammar.parser().lexer_conf))
    for text in seed_texts.values():
        assert key(fast.tokens(text)) == key(lark_tokens(text))
    parts = [p for b in fast._by_pair.values() if isinstance(b, lexer_module.Chain) for p in b.parts]
    assert parts and len({id(p) for p in parts}) < len(parts)  # parts shared between buckets


# ---------------------------------------------------------------------------- words


@pytest.mark.parametrize(
    "regexp, flags, fits, misses",
    [
        (r"(?:more|less)[\s\-]+than", re.I, ["more", "LESS"], ["moreover", "mor", "x"]),
        (r"rose", 0, ["rose", "rosemary"], ["Rose", "ros"]),  # no boundary: a prefix of a longer word
        (r"hours?\b", re.I, ["hour", "Hours"], ["hourly"]),
        (r"[Nn]os?\.", 0, ["No", "nos"], ["Noah"]),
        (r"\d+", 0, [], ["a"]),  # cannot start at a letter
        (r"(?<=\d)h\b", 0, ["h"], ["hm", "H"]),  # a look-behind is skipped
        (r"[a-z]{2}\d", 0, ["ab", "xyz"], []),  # a class of many letters: any word
    ],
)
def test_first_words(regexp, flags, fits, misses):
    from checker.parser.firstword import first_words
    from checker.parser.firstword import fits as fits_word

    found = first_words(regexp, flags)
    assert all(fits_word(found, w) for w in fits)
    assert not any(fits_word(found, w) for w in misses)


def test_first_words_give_up_on_letters_that_fold_to_ascii():
    from checker.parser.firstword import first_words

    assert first_words("(?i)\u212am") is None  # the Kelvin sign matches "k" under IGNORECASE
    assert first_words("\u00e9t\u00e9") == []  # a non-ASCII letter, case kept: never at an ASCII word


def test_word_index_names_the_terminals_a_word_can_start():
    from checker.parser.firstword import WordIndex, first_words

    index = WordIndex({"MORE": first_words(r"more\b", re.I), "ROSE": first_words("rose"),
                       "WORD": first_words(r"[^\W\d_]+")})
    assert index.names("More") == {"MORE", "WORD"}
    assert index.names("rosemary") == {"ROSE", "WORD"}
    assert index.names("other") == {"WORD"}


def test_narrowing_drops_a_negative_lookahead_that_cannot_start_there():
    regexp = r"(?!(?:The|To|An)\b)[A-Za-z]+ \d"
    assert narrowing.narrow(regexp, 0, "c") == r"[A-Za-z]+\ \d"
    assert "An" not in narrowing.narrow(regexp, 0, "T") and "The" in narrowing.narrow(regexp, 0, "T")


def test_word_buckets_hold_fewer_terminals_than_letter_buckets():
    from checker.parser.alternation import WordBucket

    def terminals(bucket) -> int:
        return bucket.pattern.count("(?P<")

    lexer = grammar._lexer()
    assert terminals(lexer.word_bucket("company")) < terminals(lexer.pair_bucket("co")) / 2
    more = lexer.word_bucket("more")
    assert isinstance(more, WordBucket) and more.common is lexer.word_bucket("company")  # compiled once
    # what any word can start is one alternation for every letter, not a copy per letter
    assert lexer.word_bucket("Company") is lexer.word_bucket("company") is lexer.word_bucket("zone")
    assert "MORE_THAN" in more.own.pattern and "MORE_THAN" not in more.common.pattern
    for text in ("company more than", "More 5", "more-5", "Theresa 12"):
        assert key(grammar.tokens(text)) == key(lark_tokens(text)), text
