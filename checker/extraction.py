"""``extract``'s first half: read the articles and extract their facts through the same pipeline
as ``check`` (fact cache, ``--jobs``, progress), so both commands see the same facts."""

from __future__ import annotations

from .model import Article, ArticleFacts

__all__ = ["extract_articles"]


def extract_articles(args) -> tuple[list[Article], list[ArticleFacts]]:
    """The articles named on the command line and what each one says, in order."""
    from .commands.check_cmd import cache_opener
    from .config import resolve
    from .paths import lexicon_files
    from .pipeline import extract_all, reading

    settings = resolve(args)
    open_cache = cache_opener(settings)
    cache = open_cache() if open_cache else None
    articles: list[Article] = []
    try:  # articles are extracted as they are read
        stream = reading(args.paths or ["."], verbose=getattr(args, "verbose", False), rules=settings["rules"],
                         into=articles)
        by_id = extract_all(stream, cache=cache, jobs=settings["jobs"],
                            progress=not getattr(args, "quiet", False),
                            lexicons=lexicon_files(settings["rules"], "facts"))
    finally:
        if cache is not None and hasattr(cache, "close"):
            cache.close()
    return articles, [by_id[a.id] for a in articles]
