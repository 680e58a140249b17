"""What ``--jobs`` needs of the extraction path: results that travel between processes unchanged,
and a parser and lexer that each process builds for itself."""

from __future__ import annotations

import dataclasses
import multiprocessing
import pickle
from concurrent.futures import ProcessPoolExecutor

from lark import Token

from checker.parser import grammar
from checker.parser.quantities import parse_text


def _parse(text: str) -> list:
    return parse_text(text)


def test_a_spawned_process_reads_the_same_quantities(seed_texts):
    """A spawned process inherits nothing: it builds the parser (from lark's cache) and the lexer itself."""
    texts = list(seed_texts.values())
    with ProcessPoolExecutor(max_workers=2, mp_context=multiprocessing.get_context("spawn")) as pool:
        theirs = list(pool.map(_parse, texts))
    assert theirs == [parse_text(t) for t in texts]


def test_quantities_hold_no_lark_tokens(seed_texts):
    """lark's Token pickles without its end position, so none may hide in a result that travels."""
    for text in seed_texts.values():
        for q in parse_text(text):
            assert not any(isinstance(getattr(q, f.name), Token) for f in dataclasses.fields(q)), q
            assert pickle.loads(pickle.dumps(q)) == q


def test_lark_tokens_lose_their_end_when_pickled():
    """Why the test above matters (lark's Token.__reduce__ keeps type, value, start, line, column)."""
    tok = grammar.tokens("two hours")[1]
    again = pickle.loads(pickle.dumps(tok))
    assert (again.type, again.value, again.start_pos) == (tok.type, tok.value, tok.start_pos)
    assert tok.end_pos == 9 and again.end_pos is None


def _inherited(_: int) -> tuple[int, bool]:
    lexer_built = grammar._lexer.cache_info().currsize
    return lexer_built, "q" in grammar._lexer()._by_word


def test_forked_workers_inherit_what_prepare_built():
    grammar.prepare("q")
    with ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("fork")) as pool:
        lexer_built, bucket_there = pool.submit(_inherited, 0).result()
    assert lexer_built == 1 and bucket_there


def test_prepare_changes_no_result(seed_texts):
    text = next(iter(seed_texts.values()))
    before = grammar.tokens(text)
    grammar.prepare("The quick brown fox, 12 of them, jumped 3.5 km.")
    assert [(t.type, t.start_pos, t.end_pos) for t in grammar.tokens(text)] == [
        (t.type, t.start_pos, t.end_pos) for t in before]
