"""The lexer's bucket table on disk: a lexer built from it gives lark's tokens, works nothing out
again, and shrugs off a broken or foreign file."""

from __future__ import annotations

import json
import re

from lark.lexer import BasicLexer

from checker import ondisk
from checker.parser import grammar, lexstore
from checker.parser import lexer as lexer_module
from checker.parser.lexer import FastLexer
from checker.parser.lexstore import BucketStore

TEXTS = [
    "Putin said the call lasted more than two hours; 112 drones, 76 of which were shot down.",
    "At least 14 civilians were killed on Saturday, officials said, up to $4.5bn — 30-day ceasefire…",
    "Zelenskyy’s office: “very informative and very frank” — 3-year-old, 5km², ½ mile, 1,000 each.",
]


def key(toks) -> list[tuple]:
    return [(t.type, t.value, t.start_pos, t.end_pos, t.line, t.column, t.end_line, t.end_column) for t in toks]


def lark_tokens(text: str) -> list:
    return list(grammar.parser().lex(text))


def _lexer(store: BucketStore) -> FastLexer:
    return FastLexer(BasicLexer(grammar.parser().lexer_conf), store)


def test_a_lexer_from_a_saved_table_gives_larks_tokens_and_works_nothing_out(tmp_path, seed_texts):
    texts = [*TEXTS, *seed_texts.values()]
    path = tmp_path / "lexer.json"
    first = _lexer(BucketStore(path))
    assert [key(first.tokens(t)) for t in texts] == [key(lark_tokens(t)) for t in texts]
    first._store.save()
    assert path.is_file()

    again = _lexer(BucketStore(path))
    assert [key(again.tokens(t)) for t in texts] == [key(lark_tokens(t)) for t in texts]
    assert [again.spans(t) for t in texts] == [first.spans(t) for t in texts]
    assert again._firsts_list is None and not again._pairs  # no terminal analysed, no bucket worked out
    assert not again._store._dirty  # nothing new to write


def test_a_broken_file_is_ignored(tmp_path):
    path = tmp_path / "lexer.json"
    path.write_text("{not json", encoding="utf-8")
    lexer = _lexer(BucketStore(path))
    assert [key(lexer.tokens(t)) for t in TEXTS] == [key(lark_tokens(t)) for t in TEXTS]
    lexer._store.save()
    assert json.loads(path.read_text(encoding="utf-8"))["format"] == lexstore.FORMAT  # replaced by a good one


def test_the_file_holds_regex_text_only(tmp_path):
    """No interpreter internals on disk: each stored bucket is regex text that ``re.compile`` takes,
    and equals the pattern of the bucket the lexer compiled for that key."""
    path = tmp_path / "lexer.json"
    first = _lexer(BucketStore(path))
    for t in TEXTS:
        first.tokens(t)
    first._store.save()
    data = json.loads(path.read_text(encoding="utf-8"))
    assert set(data) == {"format", "patterns", "buckets"}
    assert all(isinstance(p, str) for p in data["patterns"])
    words = {b.pattern for b in first._word_parts.values()}
    assert any(key[:1] == lexer_module._WORD for key in data["buckets"])
    assert any(key[:1] == lexer_module._COMMON for key in data["buckets"])
    for key, i in data["buckets"].items():
        if key[:1] != "\0" and data["patterns"][i]:
            compiled = re.compile(data["patterns"][i], first._flags).pattern
            word = key[:1] in (lexer_module._WORD, lexer_module._COMMON)
            assert compiled in words if word else compiled == first._by_pair[key].pattern


def test_a_table_whose_buckets_disagree_is_not_trusted_across_grammars(tmp_path):
    """The file's name is a digest of the terminals: another grammar never reads this table."""
    terms = _lexer(BucketStore(None)).terminal_regexps()
    one = lexstore.store_for(terms)
    other = lexstore.store_for([*terms[:-1], (terms[-1][0], terms[-1][1] + "x", terms[-1][2])])
    assert one.path != other.path


def test_it_can_be_turned_off(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.setenv("CROSSCHECK_LEXER_CACHE", "0")
    store = lexstore.store_for([("A", "a", 0)])
    assert store.path is None
    store.remember("ab", "a|b")
    assert store.bucket("ab") is None
    store.save()
    assert not list(tmp_path.iterdir())


def test_random_text_does_not_grow_the_table_without_bound(tmp_path, monkeypatch):
    """Keys of other scripts are not kept, and no more than MAX_BUCKETS keys are."""
    monkeypatch.setattr(lexstore, "MAX_BUCKETS", 50)
    path = tmp_path / "lexer.json"
    lexer = _lexer(BucketStore(path))
    text = "".join(chr(c) for c in range(0x400, 0x4FF)) + " ".join(f"{a}{b}" for a in "abcdefghij" for b in "klmnopqrst")
    assert key(lexer.tokens(text)) == key(lark_tokens(text))
    lexer._store.save()
    data = json.loads(path.read_text(encoding="utf-8"))
    assert len(data["buckets"]) <= 50
    assert not any("\u0400" <= c <= "\u04ff" for k in data["buckets"] for c in k)
    assert len(data["patterns"]) == len(set(data["patterns"]))  # each regex once


def test_old_tables_of_other_versions_are_removed(tmp_path):
    import os
    import time

    old, recent = tmp_path / "lexer-old.json", tmp_path / "lexer-recent.json"
    for f in (old, recent):
        f.write_text("{}", encoding="utf-8")
    past = time.time() - (ondisk.STALE_DAYS + 1) * 86400
    os.utime(old, (past, past))
    store = BucketStore(tmp_path / "lexer-this.json")
    store.remember("ab", "a|b")
    store.save()
    assert not old.exists() and recent.exists() and (tmp_path / "lexer-this.json").exists()


def test_lark_keeps_the_parser_in_a_file_named_by_every_grammar_file(tmp_path, monkeypatch):
    """Two installations with one claims.lark and different imported grammars get two cache files
    (lark's default names its file by the main grammar only, in the shared temporary folder)."""
    import shutil

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    first = grammar._cache_file()
    assert first and first.startswith(str(tmp_path / "cache" / "crosscheck" / "grammar-"))
    other = tmp_path / "grammar"
    shutil.copytree(grammar.GRAMMAR_DIR, other)
    (other / "units.lark").write_text((other / "units.lark").read_text(encoding="utf-8") + "\n// changed\n",
                                      encoding="utf-8")
    monkeypatch.setattr(grammar, "GRAMMAR_DIR", other)
    second = grammar._cache_file()
    assert second and second != first
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "file"))
    (tmp_path / "file").write_text("not a folder", encoding="utf-8")
    assert grammar._cache_file() is False  # no folder can be made: no cache, and no error
