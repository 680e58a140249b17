"""Reading and extracting, for ``check`` and ``extract`` alike: paths -> articles and their facts.

In: paths, the run's settings (rules and lexicons, cache, ``--jobs``) and verbosity.  Out: the
articles in order and each one's facts by id.  A broken lexicon is an error before any article is
read; articles are extracted as they are read, through the fact cache (an unchanged file comes
from the cache's source index, unparsed, unless ``--verbose`` asks what furniture was dropped from
each file's text) and ``--jobs`` processes (:mod:`checker.run.workers`), so both commands see the
same facts.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator, Sequence
from functools import partial
from typing import Any, NamedTuple

from checker.cache.codec import Decoder
from checker.cache.compact import Shared
from checker.cache.index import SourceIndex
from checker.cache.store import FactCache, open_cache
from checker.errors import CheckerError
from checker.model import Article, ArticleFacts

from .workers import extract_all

__all__ = ["Extracted", "cache_opener", "read", "read_and_extract", "reading"]


def _note(message: str) -> None:
    print(f"crosscheck: {message}", file=sys.stderr)


def read(paths: Sequence[str], *, verbose: bool = False, rules: Sequence[str] = (),
         reuse: Callable[..., list[Article] | None] | None = None) -> list[Article]:
    """The articles under ``paths`` (skipped files and dropped furniture are named on stderr with
    --verbose); furniture lexicons among the ``--rules`` paths extend the built-in list.  ``reuse``
    (a :class:`checker.cache.index.SourceIndex`) may give a file's article without parsing it."""
    return list(reading(paths, verbose=verbose, rules=rules, reuse=reuse))


def reading(paths: Sequence[str], *, verbose: bool = False, rules: Sequence[str] = (),
            reuse: Callable[..., list[Article] | None] | None = None,
            into: list[Article] | None = None, errors: list[CheckerError] | None = None) -> Iterator[Article]:
    """:func:`read`, an article at a time (so that extraction can start before the last file is
    read), each also appended to ``into``; furniture notes come once all is read, as with
    :func:`read`.  With ``errors``, a path that cannot be read at all is added to it and the other
    articles are read (else it is raised)."""
    from checker.ingest.articles import furniture_notes, iter_articles, load_furniture
    from checker.paths import lexicon_files

    def on_skip(*why: Any) -> None:
        if verbose:
            _note("skipped " + ": ".join(str(w) for w in why))

    furniture = load_furniture(lexicon_files(rules, "furniture"))
    notes: list[str] = []
    on_error = errors.append if errors is not None else None
    for article in iter_articles(list(paths), on_skip=on_skip, furniture=furniture, reuse=reuse, on_error=on_error):
        if verbose:
            notes += furniture_notes(article)
        if into is not None:
            into.append(article)
        yield article
    for line in notes:
        print(line, file=sys.stderr)


def cache_opener(settings: Any) -> Callable[[], FactCache | None] | None:
    """A function that opens the fact cache ``settings`` name (under the fingerprint of their
    ``rules`` files), or None when caching is off; an unusable cache is said on stderr and skipped."""
    if settings["cache"] is False:
        return None
    return partial(open_cache, settings["cache"], tuple(settings["rules"]))


class Extracted(NamedTuple):
    """The articles read, in order; their facts by article id; what the fact cache did, or None;
    the paths that could not be read (each an error the command reports once the rest is done)."""

    articles: list[Article]
    facts: dict[str, ArticleFacts]
    cache_note: str | None
    errors: tuple[CheckerError, ...] = ()


def read_and_extract(paths: Sequence[str], settings: Any, *, verbose: bool = False, quiet: bool = False,
                     compact: bool = False, open_cache: Callable[[], Any] | None = None) -> Extracted:
    """The articles under ``paths`` and their facts (in the compact form with ``compact``: see
    :mod:`checker.cache.compact`), through the cache ``open_cache`` opens (None: no cache)."""
    from checker.extractor.lexicon import load_lexicon
    from checker.extractor.names import load_names
    from checker.paths import lexicon_files

    lexicons = (*lexicon_files(settings["rules"], "facts"), *lexicon_files(settings["rules"], "names"))
    load_names(load_lexicon(lexicons).names_files)  # a broken lexicon is an error before any article is read
    cache = open_cache() if open_cache else None
    shared = Shared()  # one copy of each repeated string and number, from the cache or extracted
    articles: list[Article] = []
    errors: list[CheckerError] = []
    try:
        index = SourceIndex(cache, Decoder(compact, shared)) if cache is not None and not verbose else None
        stream = reading(paths, verbose=verbose, rules=settings["rules"], reuse=index, into=articles, errors=errors)
        facts = extract_all(stream, cache=cache, jobs=settings["jobs"], progress=not quiet, lexicons=lexicons,
                            compact=compact, shared=shared, known=index.facts if index is not None else None)
        if index is not None:
            index.record(articles)
    finally:
        if cache is not None:
            cache.close()
    note = f"fact cache: {cache.hits} reused, {cache.misses} extracted" if cache is not None else None
    return Extracted(articles, facts, note, tuple(errors))
