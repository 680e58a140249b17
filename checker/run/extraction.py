"""``extract``'s first half: read the articles and extract their facts through the same pipeline
as ``check`` (fact cache, ``--jobs``, progress), so both commands see the same facts."""

from __future__ import annotations

from checker.model import Article, ArticleFacts

__all__ = ["extract_articles"]


def extract_articles(args) -> tuple[list[Article], list[ArticleFacts]]:
    """The articles named on the command line and what each one says, in order."""
    from checker.cache.store import SourceIndex
    from checker.commands.check_cmd import cache_opener
    from checker.config import resolve
    from checker.paths import lexicon_files
    from .check import extract_all, reading

    settings = resolve(args)
    verbose = getattr(args, "verbose", False)
    open_cache = cache_opener(settings)
    cache = open_cache() if open_cache else None
    articles: list[Article] = []
    try:  # articles are extracted as they are read; unchanged files come from the source index
        index = SourceIndex(cache) if cache is not None and not verbose else None
        stream = reading(args.paths or ["."], verbose=verbose, rules=settings["rules"], reuse=index, into=articles)
        by_id = extract_all(stream, cache=cache, jobs=settings["jobs"], progress=not getattr(args, "quiet", False),
                            lexicons=lexicon_files(settings["rules"], "facts"),
                            known=index.facts if index is not None else None)
        if index is not None:
            index.record(articles)
    finally:
        if cache is not None and hasattr(cache, "close"):
            cache.close()
    return articles, [by_id[a.id] for a in articles]
