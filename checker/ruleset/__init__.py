"""Rule files -> Rules.

In: YAML rule files (the built-in ``rules/`` and the user's ``--rules``). Out: a frozen set of
validated :class:`Rule` values; every error in every file at once, with ``path:line:col``. Also the
JSON Schema and reference docs generated from the comparators, and the YAML rule fixtures that test
rules against small articles.
"""
