"""parser: text -> Quantity values (what ``crosscheck parse`` prints), through grammar/*.lark.

In: a text (str).  Out: its quantities (``checker.model.Quantity``, exact Fractions, intervals,
units and dimensions) with the tokens they cover: ``quantities.parse_text(text)``,
``quantities.find_quantities(text, lexed)``; and the tokens themselves (``grammar.lex(text)``), which
extraction reads for its words.

- grammar.py: the LALR parser (lark), the scanner (longest quantity at each token), ``Lexed`` tokens;
- lexer.py, narrowing.py, lexstore.py: lark's tokens found by first-character dispatch (what a regex's
  match starts with: checker/firstchar.py),
  and the lexer's buckets kept on disk;
- quantities.py: scanner matches -> Quantities; builders.py (quantity trees), measures.py (measure
  trees), qualifiers.py, numbers.py (number trees and words), nouns.py, trees.py (reading lark trees);
- units.py: terminal -> pint unit, dimensions (a table on disk, so that parsing does not import pint).

The tables kept between runs live in the user's cache folder (checker/ondisk.py).  Depends on the core
(checker.model, errors, paths, ondisk, firstchar, output) only.
"""
