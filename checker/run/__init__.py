"""Runs: paths + settings -> Report.

In: the settings of one run (paths, rules, cache, jobs, ``--new``, baseline). Out: a
:class:`checker.findings.Report` and the findings that decide the exit status. Reads the articles,
extracts them (through the cache, in worker processes when asked), evaluates the rules, filters
suppressed and baselined findings.
"""
