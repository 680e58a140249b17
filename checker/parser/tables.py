"""What a run reads of lark's parser, kept on disk as one small table, and the trees built from it.

Loading lark's whole parser from its cache (``Lark.open``) takes longer than reading an article.  A
run needs only: the terminals in the order lark's lexer tries them, the LALR table, and for each
rule how lark shapes its tree.  ``load()`` reads those from ``tables-<digest>.json`` in the user's
cache folder (checker/ondisk.py), the digest covering every grammar file, this module, lark's
and Python's versions; when the file is missing or does not load, lark's parser is built (as before)
and the table written for the next run.  A grammar whose lexer runs callbacks, or a run that cannot
write the folder, keeps using lark's parser for all of it (``load()`` is then None).

``Tables.tree(tokens)`` parses a run of lark Tokens known to be a whole ``quantity`` with the table,
and builds the very tree lark's parser builds: for each rule, lark's own ``ParseTreeBuilder`` steps
(the children it keeps, the ``_rule`` children it inlines, ``?rule``'s single child) as worked out
from lark's rules when the table is written.
"""

from __future__ import annotations

import hashlib
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from .nodes import Tree

__all__ = ["FORMAT", "Rule", "Tables", "from_lark", "load"]

FORMAT = 1
END = "$END"


class Symbol(NamedTuple):
    name: str
    is_term: bool


class Origin(NamedTuple):
    name: str


@dataclass(frozen=True, slots=True)
class Rule:
    """A grammar rule as ``check_readers`` reads lark's (``origin.name``, ``alias``, ``expansion``),
    and how its tree is built."""

    origin: Origin
    alias: str | None
    expansion: tuple[Symbol, ...]
    tree: str  # the tree's name
    expand1: bool  # a ``?rule``: one child stands for the tree
    keep: tuple[tuple[int, bool], ...] | None  # (child, inline its children), None: every child as it is


@dataclass(frozen=True, slots=True)
class Tables:
    terminals: tuple[tuple[str, str, int], ...]  # (name, regex, flags) in the order lark's lexer tries them
    ignore: frozenset
    newline: frozenset
    actions: dict  # state -> symbol -> the next state (a shift, >= 0), or -1 - the index of a rule (a reduce)
    start_state: int
    end_state: int
    rules: tuple[Rule, ...]

    @property
    def reduces(self) -> list[tuple[int, str]]:
        """(symbols popped, rule name) of each rule, by index, for a reduce."""
        return [(len(r.expansion), r.origin.name) for r in self.rules]

    def tree(self, toks: list):
        """The tree lark's LALR parser builds for ``toks`` (a whole ``quantity``), of checker/parser/nodes.py."""
        actions, rules, end_state = self.actions, self.rules, self.end_state
        states, values = [self.start_state], []
        for tok in [*toks, None]:
            ttype = END if tok is None else tok.type
            while True:
                act = actions[states[-1]][ttype]
                if act >= 0:
                    states.append(act)
                    values.append(tok)
                    break
                rule = rules[-1 - act]
                size = len(rule.expansion)
                kids = values[-size:] if size else []
                if size:
                    del values[-size:]
                    del states[-size:]
                if rule.keep is not None:
                    kept: list = []
                    for i, inline in rule.keep:
                        if inline:
                            kept = kept + kids[i].children if kept else kids[i].children
                        else:
                            kept.append(kids[i])
                    kids = kept
                value = kids[0] if rule.expand1 and len(kids) == 1 else Tree(rule.tree, kids)
                states.append(actions[states[-1]][rule.origin.name])
                values.append(value)
                if tok is None and states[-1] == end_state:
                    return value


def _keep(rule) -> tuple[tuple[int, bool], ...] | None:
    """lark's child filter for ``rule`` (parse_tree_builder.maybe_create_child_filter, no placeholders)."""
    keep = tuple((i, not sym.is_term and sym.name.startswith("_")) for i, sym in enumerate(rule.expansion)
                 if rule.options.keep_all_tokens or not (sym.is_term and sym.filter_out))
    if len(keep) < len(rule.expansion) or any(inline for _, inline in keep):
        return keep
    return None


def from_lark(lark, start: str) -> Tables | None:
    """The tables of a built lark parser (None when its lexer has callbacks or its options shape trees
    otherwise than this module does)."""
    from lark.lexer import BasicLexer, _create_unless
    from lark.parsers.lalr_analysis import Shift

    opts = lark.options
    if opts.postlex is not None or opts.use_bytes or opts.maybe_placeholders or opts.ambiguity != "auto" \
            or opts.propagate_positions or opts.lexer_callbacks or opts.tree_class is not None:
        return None
    basic = BasicLexer(lark.lexer_conf)
    terminals, callbacks = _create_unless(basic.terminals, basic.g_regex_flags, basic.re, basic.use_bytes)
    if callbacks:
        return None
    table = lark.parser.parser.parser.parse_table
    index = {rule: i for i, rule in enumerate(lark.rules)}
    rules = tuple(Rule(Origin(rule.origin.name), rule.alias, tuple(Symbol(s.name, s.is_term) for s in rule.expansion),
                       str(rule.alias or rule.options.template_source or rule.origin.name),
                       bool(rule.options.expand1 and not rule.alias), _keep(rule)) for rule in lark.rules)
    actions = {state: {sym: arg if action is Shift else -1 - index[arg] for sym, (action, arg) in row.items()}
               for state, row in table.states.items()}
    return Tables(tuple((t.name, t.pattern.to_regexp(), basic.g_regex_flags) for t in terminals),
                  frozenset(basic.ignore_types), frozenset(basic.newline_types), actions,
                  table.start_states[start], table.end_states[start], rules)


def _as_json(t: Tables) -> dict:
    """The tables as JSON: the LALR table as one list of numbers per state (symbol, action, ...)."""
    symbols = sorted({sym for row in t.actions.values() for sym in row})
    number = {sym: i for i, sym in enumerate(symbols)}
    return {"format": FORMAT, "terminals": [list(x) for x in t.terminals], "ignore": sorted(t.ignore),
            "newline": sorted(t.newline), "start": t.start_state, "end": t.end_state, "symbols": symbols,
            "rows": [[state, [x for sym, act in row.items() for x in (number[sym], act)]] for state, row in t.actions.items()],
            "rules": [[r.origin.name, r.alias, [list(s) for s in r.expansion], r.tree, r.expand1,
                       None if r.keep is None else [list(k) for k in r.keep]] for r in t.rules]}


def _from_json(data) -> Tables | None:
    try:
        if data.get("format") != FORMAT:
            return None
        rules = tuple(Rule(Origin(o), a, tuple(Symbol(s, bool(t)) for s, t in e), tree, bool(x),
                           None if k is None else tuple((i, bool(b)) for i, b in k))
                      for o, a, e, tree, x, k in data["rules"])
        symbols = data["symbols"]
        actions = {state: dict(zip(map(symbols.__getitem__, row[0::2]), row[1::2])) for state, row in data["rows"]}
        return Tables(tuple((n, r, f) for n, r, f in data["terminals"]), frozenset(data["ignore"]),
                      frozenset(data["newline"]), actions, data["start"], data["end"], rules)
    except (AttributeError, KeyError, TypeError, ValueError, IndexError):
        return None


def _path(grammar_dir: Path, start: str = "", options: str = "") -> Path | None:
    """``tables-<digest>.json`` in the cache folder (None when a grammar file cannot be read): the
    digest of the grammar files, the start rule and lark's options, this module, lark's and Python's
    versions."""
    from checker.ondisk import cache_dir, installed

    h = hashlib.sha256(f"{FORMAT}\0{installed('lark')}\0{sys.version}\0{start}\0{options}".encode())
    try:
        for path in sorted(grammar_dir.glob("*.lark")):
            h.update(path.name.encode() + b"\0" + path.read_bytes())
        h.update(Path(__file__).read_bytes())
    except OSError:
        return None
    return cache_dir() / f"tables-{h.hexdigest()[:24]}.json"


def load(grammar_dir: Path, build, start: str, options: str = "") -> Tables | None:
    """The tables of the grammar in ``grammar_dir``, from the cache folder, else from ``build()`` (lark's
    parser, built with ``options``, as text) and then written there; None when lark's parser must be
    used for all of it."""
    from checker.ondisk import prune, read_json, write_json

    path = _path(grammar_dir, start, options)
    found = _from_json(read_json(path)) if path is not None else None
    if found is not None:
        return found
    made = from_lark(build(), start)
    if made is not None and path is not None:
        if write_json(path, _as_json(made)):
            prune(path.parent, "tables-*.json", path)
    return made
