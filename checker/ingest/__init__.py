"""Ingest: files -> :class:`~checker.model.Article`.

In: paths of article files and folders (``.txt``, ``.md``, ``.html``, ``.jsonl``), with their
``sources.yaml`` metadata and the page-furniture lists.  Out: Articles, each with the text claims
are read from and a map of every character back to its place in the file.

    articles        finding and reading the files (the entry point: read_articles, iter_articles)
    formats         decoding bytes, and each format's text and metadata
    html, markdown  markup removed, words kept where they were
    jsonl           feeds: one article a line
    meta            front matter, sources.yaml, the checks on each metadata field
    furniture       page furniture: its types and the dropping of it
    furniture_load  reading the furniture lists (lexicon: furniture)
    literals        the literal strings a pattern's matches hold: which lines the furniture patterns are tried on
    textmap         text edited with its offsets into the file kept
"""
