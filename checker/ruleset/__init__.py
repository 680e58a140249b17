"""Ruleset: rule files -> :class:`~checker.ruleset.loader.RuleSet`.

In: the built-in rules (rules/*.yaml) and the rule files among the ``--rules`` paths.  Out: frozen,
validated rules, or one RuleError naming every problem at ``file:line:col``.

    loader    reading and checking rule files, user rules over built-in ones
    schema    the JSON Schema of a rule file, generated from the comparators, and validation
    docs      the generated rule reference in docs/rules.md
    fixtures  rule fixtures: inline articles and the findings a rule must (not) make
"""
