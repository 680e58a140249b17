"""A faster lexer that yields exactly the tokens of lark's basic lexer.

lark's basic lexer tries one alternation of every terminal (ordered by priority, then lark's own
tie-break) at each position: about 150 terminals for a word.  Most cannot match where the text goes
on with the characters found there, so this lexer dispatches on them first (checker/firstchar.py
reads each terminal's regex with ``re``'s own parser):

- a terminal is in a character's bucket when a match of it can start with that character, and in a
  two-character bucket when a match can start with those two (or may end after the first); both are
  supersets: what is not worked out counts as "any character";
- in each member's regex, the alternatives tried at the first position that cannot start with that
  character are dropped (``FUNCWORD`` keeps a dozen of its 150 words for "s");
- at a word (a run of ASCII letters), the bucket holds only the terminals whose match can start
  with that word (checker/parser/firstword.py): "company" gets ``NAMED_NUMBER``, ``CODE`` and
  ``WORD`` of the dozens a "c" can start; the members any word can start are not narrowed, one
  alternation for every letter, apart from the few of a word's own (alternation.WordBucket);
- the members are joined in lark's order into lark's own kind of alternation,
  ``(?P<NAME>regex)|...`` (checker/parser/alternation.py), compiled on first use and cached.  A
  character whose bucket is small (digits, punctuation, most of Unicode) keeps one bucket for every
  character after it.

A terminal that matches at a position starts with the characters there, so it is in the bucket, in
the same order, and its narrowed regex finds the same match: the first alternative to match is the
one lark's full alternation finds (run on the whole text: look-behinds see the same neighbours).

After each token the bucket's regex also eats the ignored whitespace lark would drop next (only
where no other terminal can start), which saves a turn of the loop.  ``tokens()`` gives lark
``Token`` objects with every field lark sets (lines and columns counted as lark's LineCounter
does); ``spans()``, what a run reads, imports no lark.  Where no terminal matches, lark's own lexer
raises lark's own error.
"""

from __future__ import annotations

import json
import re

from checker.firstchar import char_class, first_chars, first_pairs

from .alternation import PARTS, Chain, NoMatch, WordBucket, alternation, lark_terminals
from .firstword import WordIndex, first_words
from .narrowing import narrow

__all__ = ["FastLexer"]

_ANY = None  # first_chars' "any character"
PAIRS_FROM = 4  # a character whose bucket has this many terminals gets a bucket per two characters
PAIRS_DROP = 20  # ... when the two characters leave out at least this many of them
HEAVY = 100  # a member whose narrowed regex is this long is compiled on its own, once per character
_WORD = "\1"  # starts the stored key of a word bucket
_COMMON = "\2"  # starts the stored key of a part of the members any word can start
_WORD_STARTS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
_RUN = re.compile(r"[A-Za-z]+[^\W\d_]*")  # a word: the letters from an ASCII letter on (ASCII ones tested first: faster)
WORD_HEAVY = 200  # in a word's bucket, a member whose narrowed regex is this long is a part of its own, not narrowed
_WHOLE = 1 << 30  # no member is this long: an alternation in one part
MAX_WORDS = 100_000  # words whose bucket is remembered in a process (a bound, not a working size)


class FastLexer:
    """Tokens of a lark ``BasicLexer`` (same types, values, positions, lines and columns), found by
    dispatch on the next characters.  Build it from the lexer lark would use; ``tokens(text)`` lexes a text."""

    def __init__(self, basic_lexer, store=None, errors=None) -> None:
        """``store``: a :class:`checker.parser.lexstore.BucketStore` (none: all worked out in this process);
        ``errors()``: lark's lexer, for its own error (default ``basic_lexer``, else a look-alike)."""
        from .lexstore import BucketStore

        self._lark, self._errors = basic_lexer, errors or (lambda: basic_lexer)
        self._terminals, self._callback = lark_terminals(basic_lexer)
        self._ignore = frozenset(basic_lexer.ignore_types)
        self._newline = frozenset(basic_lexer.newline_types)
        self._flags = basic_lexer.g_regex_flags
        self._regexps = {t.name: t.pattern.to_regexp() for t in self._terminals}
        self._rank = {t.name: i for i, t in enumerate(self._terminals)}  # a terminal's place in lark's order
        self._store = store if store is not None and basic_lexer.re is re else BucketStore(None)
        self._firsts_list: list | None = None  # first_chars of each terminal, worked out on first need
        self._pairs: dict = {}  # terminal name -> first_pairs of its regex, worked out on first need
        self._members: dict = {}  # character -> members(character)
        self._by_char: dict = {}  # character -> its bucket
        self._by_pair: dict = {}  # the next two characters (or the last one) -> their bucket
        self._by_members: dict = {}  # (name, narrowed regex) of each member -> the compiled alternation
        self._by_pattern: dict = {}  # a bucket's regex -> the compiled alternation
        self._by_run: dict = {}  # (members of a part, tail) -> its compiled part
        self._pieces: dict = {}  # a part's regex -> its compiled part
        self._by_word: dict = {}  # a word -> its bucket's match
        self._by_word_members: dict = {}  # (members, first letter) -> a word bucket, its match
        self._word_parts: dict = {}  # stored key of a part of a word bucket -> the part
        self._index: WordIndex | None = None
        stored = self._store.bucket("\0skip"), self._store.bucket("\0tail")
        if None not in stored:
            self._skip, self._tail = stored[0] or None, stored[1]
        else:
            self._skip, self._tail = self._skip_tail()
            self._store.remember("\0skip", self._skip or "")
            self._store.remember("\0tail", self._tail)

    def terminal_regexps(self) -> list[tuple[str, str, int]]:
        """(name, regex, flags) of every terminal, in the order the lexer tries them."""
        return [(t.name, self._regexps[t.name], self._flags) for t in self._terminals]

    @property
    def _firsts(self) -> list:
        if self._firsts_list is None:
            self._firsts_list = [first_chars(self._regexps[t.name], self._flags) for t in self._terminals]
        return self._firsts_list

    def members(self, char: str) -> tuple[str, ...]:
        """The names of the terminals that can start with ``char``, in lark's order."""
        found = self._members.get(char)
        if found is None:
            found = self._members[char] = tuple(
                t.name for t, first in zip(self._terminals, self._firsts) if first is _ANY or first.fullmatch(char))
        return found

    def pair_members(self, pair: str) -> tuple[str, ...]:
        """The names of the terminals that can match where the text goes on with ``pair`` (two
        characters), in lark's order: those of ``members(pair[0])`` whose first two fit."""
        out = []
        for name in self.members(pair[0]):
            if name not in self._pairs:
                self._pairs[name] = first_pairs(self._regexps[name], self._flags)
            test = self._pairs[name]
            if test is _ANY or test.match(pair):
                out.append(name)
        return tuple(out)

    def _skip_tail(self) -> tuple[str | None, str]:
        """(name, regex) of an ignored terminal to eat right after each token, or (None, "").

        The tail is lark's own regex for that terminal behind a look-ahead for the characters that only
        it can start with (from Latin-1; whitespace in practice), so it eats exactly the ignored token
        lark's lexer would find next and drop.  It saves a turn of the loop per token."""
        for term, first in zip(self._terminals, self._firsts):
            name = term.name
            if name not in self._ignore or name in self._callback or first is _ANY:
                continue
            regexp = term.pattern.to_regexp()
            if self._lark.re.compile(regexp, self._flags).groups:
                continue  # its own groups would hide the token's name from ``lastgroup``
            only = [chr(i) for i in range(256) if first.fullmatch(chr(i)) and self.members(chr(i)) == (name,)]
            if only:
                return name, f"(?:(?={char_class(only)})(?:{regexp}))?"
        return None, ""

    def bucket(self, char: str):
        """The compiled alternation of ``members(char)``, each narrowed to ``char``, then the tail
        (cached per character); its ``match(text, pos)`` is None when no terminal matches."""
        found = self._by_char.get(char)
        if found is None:
            found = self._by_char[char] = self._compiled(self.members(char), char)
        return found

    def pair_bucket(self, pair: str):
        """The same for the terminals of ``pair_members(pair)``, where the first character's bucket
        is big enough for that to pay (else, and at the end of a text, the character's bucket)."""
        found = self._by_pair.get(pair)
        if found is None:
            found = self._by_pair[pair] = self._kept(pair, lambda: self._pair_compiled(pair))
        return found

    def _pair_compiled(self, pair: str):
        members = self.members(pair[0])
        fewer = self.pair_members(pair) if len(pair) == 2 and len(members) >= PAIRS_FROM else members
        worth = len(members) - len(fewer) >= PAIRS_DROP  # else the character's bucket does as well
        return self._compiled(fewer, pair[0]) if worth else self.bucket(pair[0])

    def _kept(self, key: str, make):
        """The bucket the store keeps for ``key``, compiled; else ``make()``'s, then kept (unless its regex
        holds a NUL, which would read as a chain)."""
        stored = self._store.bucket(key)
        if stored is not None:
            return self._by_pattern.get(stored) or self._from_pattern(stored)
        found = make()
        if found.pattern is not None and (isinstance(found, Chain) or PARTS not in found.pattern):
            self._store.remember(key, found.pattern)
        return found

    def word_bucket(self, word: str):
        """The bucket at ``word`` (the letters from a position on, the first ASCII), ``WordBucket``: the
        members only some words can start, narrowed to its first letter; those any word can start, as
        they are (narrowed, they would be a copy a letter, each compiled in each process)."""
        if not word.isascii():
            return self.pair_bucket(word[:2])
        names = self._word_index().names(word)
        members = tuple(sorted(names, key=self._rank.__getitem__))  # in lark's order
        key = (members, word[0])
        kept = self._by_word_members.get(key)
        if kept is None:
            anyword = self._word_index().any
            common = tuple(name for name in members if name in anyword)
            own = tuple(name for name in members if name not in anyword)
            found = self._word_part(common)
            if own:
                rank = self._rank
                before = {name: self._word_part(tuple(c for c in common if rank[c] < rank[name])) for name in own}
                found = WordBucket(self._word_part(own, word[0]), found, before)
            kept = self._by_word_members[key] = found, found.match  # one match function a bucket
        if len(self._by_word) < MAX_WORDS:
            self._by_word[word] = kept[1]
        return kept[0]

    def _word_part(self, members: tuple[str, ...], char: str | None = None):
        """The alternation of ``members`` narrowed to ``char`` (None: as they are, and in one part), kept
        in the store (None for no member)."""
        if not members:
            return None
        key = (_WORD + char if char else _COMMON) + PARTS.join(members)
        found = self._word_parts.get(key)
        if found is None:
            heavy = WORD_HEAVY if char else _WHOLE
            found = self._word_parts[key] = self._kept(key, lambda: self._compiled(members, char, heavy))
        return found

    def _word_index(self) -> WordIndex:
        """The terminals' first words (checker/parser/firstword.py), kept in the store."""
        if self._index is None:
            found = json.loads(self._store.bucket("\0words") or "null")
            if not isinstance(found, dict) or set(found) != set(self._regexps):
                found = {name: first_words(regexp, self._flags) for name, regexp in self._regexps.items()}
                self._store.remember("\0words", json.dumps(found, sort_keys=True))
            self._index = WordIndex(found)
        return self._index

    def _from_pattern(self, pattern: str):
        """The compiled bucket of a stored regex (the parts of a chain compiled once each)."""
        if not pattern:
            found = NoMatch()
        elif PARTS in pattern:
            found = Chain([self._piece(part) for part in pattern.split(PARTS)])
        else:
            found = self._piece(pattern)
        self._by_pattern[pattern] = found
        return found

    def _piece(self, pattern: str):
        found = self._pieces.get(pattern)
        if found is None:
            found = self._pieces[pattern] = re.compile(pattern, self._flags)
        return found

    def _compiled(self, members: tuple[str, ...], char: str | None, heavy: int | None = None):
        """The alternation of these terminals narrowed to ``char`` (None: as they are), split as
        ``_chained`` says (cached)."""
        heavy = HEAVY if heavy is None else heavy
        wanted = set(members)
        named = tuple((t.name, self._narrowed(t.name, char, heavy)) for t in self._terminals if t.name in wanted)
        found = self._by_members.get((named, heavy))
        if found is None:
            found = self._chained(named, heavy) if named else NoMatch()
            self._by_members[(named, heavy)] = found
            if found.pattern is not None:
                self._by_pattern.setdefault(found.pattern, found)
        return found

    def _narrowed(self, name: str, char: str | None, heavy: int) -> str:
        """A member's regex narrowed to ``char`` (None: as it is); in a word's bucket, a heavy one stays
        whole, one part every letter's buckets share."""
        regexp = self._regexps[name]
        if not char:
            return regexp
        narrowed = narrow(regexp, self._flags, char)
        return regexp if heavy == WORD_HEAVY and len(narrowed) >= heavy else narrowed

    def _chained(self, named: tuple, heavy: int):
        """The alternation of ``named``, each member ``heavy`` long (default ``HEAVY``) in a part of its own,
        compiled once however many buckets hold it: a chain of parts, tried in lark's order."""
        runs: list[list] = [[]]
        for name, regexp in named:
            if len(regexp) >= heavy:
                runs += [[(name, regexp)], []]
            else:
                runs[-1].append((name, regexp))
        parts = []
        for run in filter(None, runs):
            key = (tuple(run), self._tail)
            part = self._by_run.get(key)
            if part is None:
                part = self._by_run[key] = alternation(run, self._flags, self._tail, self._lark.re)
                if isinstance(part, re.Pattern):
                    self._pieces.setdefault(part.pattern, part)
            parts += part.parts if isinstance(part, Chain) else [part]
        return parts[0] if len(parts) == 1 else Chain(parts)

    def _fail(self, text: str) -> None:
        """No terminal matches somewhere: let lark's own lexer raise its own error."""
        from lark.lexer import LexerThread
        list(LexerThread.from_text(self._errors(), text).lex(None))
        raise AssertionError("lark's lexer accepted a text the dispatch lexer refused")

    def tokens(self, text: str) -> list:
        """The tokens of ``text``, exactly as ``Lark.lex(text)`` gives them, in a list."""
        from lark import Token

        get, bucket = self._by_pair.get, self.pair_bucket
        newline, callback, skip = self._newline, self._callback, self._skip
        dropped = self._ignore - callback.keys()  # ignored and nothing to run: no Token made
        special = self._ignore | callback.keys()
        new, token_cls = str.__new__, Token
        out: list = []
        pos, end, line, line_start = 0, len(text), 1, 0
        nl = _next_newline(text, 0)
        letters, run, by_word, word_bucket = _WORD_STARTS, _RUN.match, self._by_word.get, self.word_bucket
        while pos < end:
            if text[pos] in letters:
                word = run(text, pos).group()
                m = (by_word(word) or word_bucket(word).match)(text, pos)
            else:
                key = text[pos:pos + 2]
                m = (get(key) or bucket(key)).match(text, pos)
            if m is None:
                self._fail(text)
            type_ = m.lastgroup
            stop = m.end(type_)
            nxt = m.end()  # past the ignored run the tail ate, if any
            if type_ in dropped:
                if nxt > nl:
                    line, line_start, nl = _feed(text, pos, stop, type_ in newline, line, line_start)
                    line, line_start, nl = _feed(text, stop, nxt, skip in newline, line, line_start)
                pos = nxt
                continue
            value = text[pos:stop]
            tok = new(token_cls, value)
            tok.type = type_
            tok.value = value
            tok.start_pos = pos
            tok.end_pos = stop
            tok.line = line
            tok.column = pos - line_start + 1
            if stop > nl:
                line, line_start, nl = _feed(text, pos, stop, type_ in newline, line, line_start)
            tok.end_line = line
            tok.end_column = stop - line_start + 1
            if nxt > nl:
                line, line_start, nl = _feed(text, stop, nxt, skip in newline, line, line_start)
            if type_ in special:
                tok = self._special(tok, type_)
                if tok is None:
                    pos = nxt
                    continue
            out.append(tok)
            pos = nxt
        return out

    def spans(self, text: str) -> tuple[list, list, list]:
        """The same tokens as ``tokens(text)``, as three lists: types, start offsets, end offsets; no
        Token objects and no line counting (what extraction reads of every token, ``grammar.Lexed``).
        A grammar with lexer callbacks, which may rename a token from its value, goes by ``tokens()``."""
        if self._callback:
            toks = self.tokens(text)
            return [t.type for t in toks], [t.start_pos for t in toks], [t.end_pos for t in toks]
        get, bucket = self._by_pair.get, self.pair_bucket
        dropped = self._ignore
        types: list = []
        starts: list = []
        ends: list = []
        add_type, add_start, add_end = types.append, starts.append, ends.append
        pos, end = 0, len(text)
        letters, run, by_word, word_bucket = _WORD_STARTS, _RUN.match, self._by_word.get, self.word_bucket
        while pos < end:
            if text[pos] in letters:
                word = run(text, pos).group()
                m = (by_word(word) or word_bucket(word).match)(text, pos)
            else:
                key = text[pos:pos + 2]
                m = (get(key) or bucket(key)).match(text, pos)
            if m is None:
                self._fail(text)
            type_ = m.lastgroup
            if type_ not in dropped:
                add_type(type_)
                add_start(pos)
                add_end(m.end(type_))
            pos = m.end()
        return types, starts, ends

    def _special(self, tok, type_: str):
        """lark's callback on ``tok`` (if any); None when ``type_`` is ignored (its callback still runs)."""
        if type_ in self._callback:
            tok = self._callback[type_](tok)
        return None if type_ in self._ignore else tok


def _next_newline(text: str, start: int) -> int:
    found = text.find("\n", start)
    return len(text) if found < 0 else found


def _feed(text: str, start: int, stop: int, counts: bool, line: int, line_start: int) -> tuple[int, int, int]:
    """lark's LineCounter.feed over ``text[start:stop]`` (lark counts lines only in the terminals it
    marks as able to hold a newline): (line, offset where it starts, next newline at or after stop)."""
    if counts:
        found = text.count("\n", start, stop)
        if found:
            line, line_start = line + found, text.rindex("\n", start, stop) + 1
    return line, line_start, _next_newline(text, stop)
