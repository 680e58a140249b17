"""Text -> Quantities: the claim grammar and everything that reads numbers.

In: a string. Out: :class:`checker.model.Quantity` values (an exact interval, a unit normalised by
pint, a qualifier, the character span). The Lark grammar in ``grammar/*.lark`` is the one place where
claim syntax lives; ``lexer`` gives lark's own tokens faster, ``numbers`` turns number words and
qualifiers into bounds, ``units`` maps unit words to pint units.
"""
