"""The claim grammar: found, built once, and scanned over a text.

``parser()`` builds lark's LALR parser from grammar/claims.lark (lark keeps it in the user's cache
folder, in a file named by a digest of every grammar file); a run reads only ``tables()``, what it
needs of that parser, kept in the same folder (checker/parser/tables.py), and loads lark's parser
only to write them, or for lark's own lexer error.  ``scan(text)`` lexes the text once and, at every
token that can start a quantity, runs the LALR automaton to find the longest run of tokens that
parses as a whole ``quantity``; only that run is then parsed into a tree, as lark's parser would.
The automaton step reads the plain table (a state stack without values), so a failed start costs a
few dictionary look-ups.
"""

from __future__ import annotations

import functools
import hashlib
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import compress
from typing import NamedTuple

from checker.paths import data_dir

__all__ = ["GRAMMAR_DIR", "Lexed", "Match", "as_lexed", "lex", "parser", "prepare", "rules", "scan", "tables",
           "terminal_names", "tokens"]


GRAMMAR_DIR = data_dir("grammar", "claims.lark")
START = "quantity"
_STARTS = ["quantity", "noise"]
#: lark's options for the parser (positions come from the tokens; tree metadata is unused); the
#: grammar's tables are named by them too
_OPTIONS = {"parser": "lalr", "lexer": "basic", "start": _STARTS, "propagate_positions": False,
            "maybe_placeholders": False}


@functools.cache
def parser(strict: bool = False):
    """The Lark LALR parser for grammar/claims.lark (built once; ``strict`` for tests)."""
    from lark import Lark
    from lark.exceptions import GrammarError as LarkGrammarError
    from lark.exceptions import LexError

    from checker.errors import GrammarError, Location

    path = GRAMMAR_DIR / "claims.lark"
    try:
        return Lark.open(str(path), **_OPTIONS, cache=False if strict else _cache_file(), strict=strict)
    except FileNotFoundError as exc:
        raise GrammarError(f"grammar file not found: {exc.filename}", Location(str(path))) from None
    except (LarkGrammarError, LexError) as exc:
        raise GrammarError(f"grammar does not build: {exc}", Location(str(path))) from None


def _cache_file() -> str | bool:
    """Where lark keeps the built parser: ``grammar-<digest>.lark`` in the user's cache folder, the
    digest of every grammar file and of lark's and Python's versions; False (no cache) when the
    grammar cannot be read or the folder cannot be made.  (lark's own default names the file by the
    main grammar alone and checks imported files by the paths that wrote it, so two installations
    with one claims.lark and different imported grammars would load each other's parser.)"""
    import lark

    from checker.ondisk import cache_dir, prune

    h = hashlib.sha256(f"{lark.__version__}\0{sys.version}".encode())
    try:
        for path in sorted(GRAMMAR_DIR.glob("*.lark")):
            h.update(path.name.encode() + b"\0" + path.read_bytes())
        folder = cache_dir()
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return False
    target = folder / f"grammar-{h.hexdigest()[:24]}.lark"
    if not target.exists():
        prune(folder, "grammar-*.lark", target)  # what an upgrade leaves behind
    return str(target)


@functools.cache
def tables():
    """What a run reads of lark's parser (checker/parser/tables.py): from the cache folder, else
    worked out from ``parser()`` (and kept there for the next run)."""
    from checker.errors import GrammarError, Location

    from . import tables as stored

    found = stored.load(GRAMMAR_DIR, parser, START, repr(sorted(_OPTIONS.items())))
    if found is None:
        raise GrammarError("the grammar needs lark's own lexer callbacks or tree options, which the scanner does not read",
                           Location(str(GRAMMAR_DIR / "claims.lark")))
    return found


def terminal_names() -> list[str]:
    return [name for name, _, _ in tables().terminals]


def rules() -> list:
    """The grammar's rules, each with ``origin.name``, ``alias`` and ``expansion`` as lark's have them."""
    return list(tables().rules)


@dataclass(frozen=True, slots=True)
class _Tables:
    """The LALR table for ``quantity`` as the scanner reads it: ``actions`` gives, for a state and a
    symbol, the next state (a shift, >= 0) or -1 - the index of the rule to reduce."""

    start_state: int
    end_state: int
    first: frozenset
    actions: dict
    reduces: list  # (symbols popped, rule name) of each rule, by index (an action -1 - index)


@functools.cache
def _tables() -> _Tables:
    t = tables()
    terminals = set(terminal_names())
    first = frozenset(k for k in t.actions[t.start_state] if k in terminals)
    return _Tables(t.start_state, t.end_state, first, t.actions, t.reduces)


@functools.cache
def _lexer():
    """The dispatch lexer over the terminals lark's lexer would try (checker/parser/lexer.py)."""
    from checker import firstchar

    from . import alternation, firstword, lexer, narrowing
    from .lexer import FastLexer
    from .lexstore import store_for

    t = tables()
    ignore = ",".join(sorted(t.ignore)) + "|" + ",".join(sorted(t.newline))
    store = store_for(list(t.terminals), ignore, (lexer, alternation, narrowing, firstchar, firstword))
    return FastLexer(_LexerConf(t), store, errors=_lark_lexer)


class _LexerConf:
    """What ``FastLexer`` reads of lark's ``BasicLexer``, from the tables (lark is not imported): the
    terminals as lark's lexer tries them (its string terminals folded in already: no callbacks)."""

    folded = True

    def __init__(self, t) -> None:
        import re

        self.terminals = [_Terminal(name, regexp) for name, regexp, _ in t.terminals]
        self.g_regex_flags = t.terminals[0][2] if t.terminals else 0
        self.ignore_types, self.newline_types = t.ignore, t.newline
        self.user_callbacks: dict = {}
        self.re, self.use_bytes = re, False


class _Terminal:
    """What ``FastLexer`` reads of lark's ``TerminalDef``: ``name`` and ``pattern.to_regexp()``."""

    __slots__ = ("name", "regexp")

    def __init__(self, name: str, regexp: str) -> None:
        self.name, self.regexp = name, regexp

    @property
    def pattern(self) -> _Terminal:
        return self

    def to_regexp(self) -> str:
        return self.regexp


def _lark_lexer():
    """lark's own lexer, which raises lark's own error where no terminal matches."""
    from lark.lexer import BasicLexer

    return BasicLexer(parser().lexer_conf)


def prepare(sample: str = "") -> None:
    """Build the parser, the scanner's table and the lexer now, and lex ``sample`` (which compiles the
    lexer's regexes for the characters in it).

    For a parent process about to fork extraction workers: they inherit all of it built, instead of
    each loading lark's cache and compiling the same regexes (a sample of ordinary English text
    covers most of what articles need).  Nothing else changes: results are the same without it."""
    _tables()
    tokens(sample)


def tokens(text: str) -> list:
    """The text's tokens (whitespace dropped), each with ``start_pos``/``end_pos``: exactly the tokens
    of ``parser().lex(text)``, found faster (checker/parser/lexer.py)."""
    return _lexer().tokens(text)


class Lexed:
    """A text's tokens as three parallel lists (types, start offsets, end offsets), from ``lex(text)``:
    what scanning and word splitting read of every token, without a lark ``Token`` for each (an
    article has over a thousand).  ``run(i, j)`` makes lark Tokens for the few runs the parser reads."""

    __slots__ = ("_tokens", "ends", "starts", "text", "types")

    def __init__(self, text: str, types: list, starts: list, ends: list, tokens: list | None = None):
        self.text = text
        self.types = types
        self.starts = starts
        self.ends = ends
        self._tokens = tokens

    @classmethod
    def from_tokens(cls, text: str, toks: list) -> Lexed:
        """The same from lark tokens (say, ``parser().lex(text)``); ``run`` then gives those tokens."""
        toks = list(toks)
        return cls(text, [t.type for t in toks], [t.start_pos for t in toks], [t.end_pos for t in toks], toks)

    def __len__(self) -> int:
        return len(self.types)

    def value(self, i: int) -> str:
        if self._tokens is not None:
            return self._tokens[i].value
        return self.text[self.starts[i]:self.ends[i]]

    def run(self, i: int, j: int) -> list:
        """lark Tokens for tokens ``i`` to ``j`` (exclusive), with their types, values and offsets."""
        if self._tokens is not None:
            return self._tokens[i:j]
        from .nodes import Token

        text, types, starts, ends = self.text, self.types, self.starts, self.ends
        return [Token(types[k], text[starts[k]:ends[k]], starts[k], ends[k]) for k in range(i, j)]


def lex(text: str) -> Lexed:
    """The text's tokens, the same as ``tokens(text)``, as a :class:`Lexed` (the fast path)."""
    return Lexed(text, *_lexer().spans(text))


def as_lexed(toks, text: str = "") -> Lexed:
    """``toks`` as a :class:`Lexed`: itself, or a list of lark tokens (of ``text``) made one."""
    return toks if isinstance(toks, Lexed) else Lexed.from_tokens(text, toks)


def _accepts_end(stack: list, t: _Tables) -> bool:
    """Whether the input read so far (``stack``) is a whole quantity: $END leads to acceptance."""
    actions, end_state, reduces = t.actions, t.end_state, t.reduces
    act = actions[stack[-1]].get("$END")
    if act is None or act >= 0:
        return False  # most states: no reduce on $END, so no copy of the stack
    stack = list(stack)
    while True:
        size, name = reduces[-1 - act]
        if size:
            del stack[-size:]
        nxt = actions[stack[-1]][name]
        if nxt == end_state:
            return True
        stack.append(nxt)
        act = actions[nxt].get("$END")
        if act is None or act >= 0:
            return False


def _feed(stack: list, ttype: str, t: _Tables) -> bool:
    """Run the automaton on one token of type ``ttype`` (reduces, then the shift); False if it fails."""
    actions, reduces = t.actions, t.reduces
    while True:
        act = actions[stack[-1]].get(ttype)
        if act is None:
            return False
        if act >= 0:
            stack.append(act)
            return True
        size, name = reduces[-1 - act]
        if size:
            del stack[-size:]
        stack.append(actions[stack[-1]][name])


def longest(types: list, i: int) -> int:
    """The end index (exclusive) of the longest quantity starting at token ``i`` of a list of token
    types (``Lexed.types``), or ``i``."""
    t = _tables()
    stack = [t.start_state]
    best = i
    for j in range(i, len(types)):
        if not _feed(stack, types[j], t):
            break
        if _accepts_end(stack, t):
            best = j + 1
    return best


class Match(NamedTuple):
    """A run of tokens that parses as a quantity, and its tree."""

    first: int
    last: int
    tree: object


def build_tree(toks: list):
    """The tree lark's parser builds for exactly these tokens as a quantity (known to be accepted)."""
    return tables().tree(toks)


def scan(toks, start_at: int = 0, stop_at: int | None = None) -> Iterator[Match]:
    """Leftmost-longest, non-overlapping quantity matches in ``toks`` (a :class:`Lexed`, or a list
    of lark tokens)."""
    lexed = as_lexed(toks)
    types = lexed.types
    n = len(types) if stop_at is None else stop_at
    after = start_at  # the tokens before this are read
    for i in compress(range(start_at, n), map(_tables().first.__contains__, types[start_at:n])):  # can start one
        if i >= after:
            end = longest(types, i)
            if end > i:
                yield Match(i, end, build_tree(lexed.run(i, end)))
                after = end
