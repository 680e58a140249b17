"""Files -> Articles.

In: paths of article files (``.txt``, ``.md`` with YAML front matter, ``.html``, ``.jsonl`` feeds) and
the ``sources.yaml`` beside them. Out: :class:`checker.model.Article` values: the decoded text with
page furniture (cookie lines, "Read more" teasers) marked, the outlet, date and story, and an offset
map back to the file on disk, so that every later stage can name ``path:line:col``.
"""
