"""Read articles and extract their facts: the shared first half of ``extract`` and ``check``.

Extraction is a pure function of one article, so it is cached by content (checker/cache.py, when
the cache is on) and spread over processes with ``--jobs``.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence

from .model import Article, ArticleFacts

__all__ = ["extract_all", "extract_articles"]


def _extract_one(article: Article) -> ArticleFacts:
    from .facts import extract

    return extract(article)


def extract_all(articles: Sequence[Article], jobs: int = 1,
                progress: Callable[[int, int], None] | None = None) -> list[ArticleFacts]:
    """ArticleFacts for each article, in the same order (``jobs`` > 1: in that many processes)."""
    total = len(articles)
    if jobs > 1 and total > 1:
        from concurrent.futures import ProcessPoolExecutor

        out = []
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            for i, result in enumerate(pool.map(_extract_one, articles, chunksize=max(1, total // (jobs * 8)))):
                out.append(result)
                if progress:
                    progress(i + 1, total)
        return out
    out = []
    for i, article in enumerate(articles):
        out.append(_extract_one(article))
        if progress:
            progress(i + 1, total)
    return out


def _skip_note(verbose: bool) -> Callable[[str, str], None]:
    def note(path: str, reason: str) -> None:
        if verbose:
            print(f"{path}: skipped: {reason}", file=sys.stderr)

    return note


def extract_articles(args) -> tuple[list[Article], list[ArticleFacts]]:
    """The articles named on the command line and what each one says."""
    from .ingest import read_articles

    paths = args.paths or ["."]
    articles = read_articles(paths, on_skip=_skip_note(getattr(args, "verbose", False)))
    results = extract_all(articles, jobs=max(1, getattr(args, "jobs", 1) or 1))
    return articles, results
