"""The source index: unchanged files given back without being parsed again.

In: a source file as ingest finds it (path, id, sources.yaml metadata) and an open
:class:`~checker.cache.store.FactCache`.  Out: the file's Article without its text, and its cached
facts, when its decoded text, path, id and metadata are those indexed under the same extractor
(:func:`checker.cache.keys.source_key`); else None, and ingest reads the file.
"""

from __future__ import annotations

import os
from typing import Any

from checker.errors import CheckerError
from checker.model import Article, ArticleFacts

from .codec import Decoder
from .keys import source_key
from .store import FactCache

__all__ = ["SourceIndex"]


class SourceIndex:
    """ingest's ``reuse`` hook over a FactCache's source index: a file whose decoded text, path,
    id and sources.yaml metadata are unchanged (under the same extractor) gives its Article, without
    its text, and its cached facts, without being parsed again.  ``facts`` holds those facts by
    article id; :meth:`record` indexes the articles that were read."""

    def __init__(self, cache: FactCache, decoder: Decoder | None = None):
        self.cache = cache
        self.decoder = decoder or Decoder()
        self.facts: dict[str, ArticleFacts] = {}
        self._seen: dict[str, tuple[str, Any]] = {}  # path -> (id, metadata) of files read, for record()

    def __call__(self, source: Any, metadata: tuple[dict, dict]) -> list[Article] | None:
        from checker.ingest.articles import DEFAULT_MAX_BYTES
        from checker.ingest.formats import decode_bytes

        self._seen[source.path] = (source.rel, metadata)
        try:
            if os.stat(source.file).st_size > DEFAULT_MAX_BYTES:
                return None
            raw = decode_bytes(source.file.read_bytes(), source.path)
        except (OSError, CheckerError):  # ingest reads it again and says what is wrong
            return None
        hit = self.cache.get_source(source_key(self.cache.fingerprint, source.path, source.rel, metadata, raw),
                                    self.decoder)
        if hit is None or hit[0].path != source.path or hit[0].id != source.rel:
            return None
        article, facts = hit
        self.facts[article.id] = facts
        return [article]

    def record(self, articles: list[Article]) -> None:
        """Index the articles read from their files (not reused), once their facts are cached."""
        entries = []
        for a in articles:
            seen = self._seen.get(a.path)
            if a.id not in self.facts and a.raw is not None and seen is not None and seen[0] == a.id:
                entries.append((source_key(self.cache.fingerprint, a.path, a.id, seen[1], a.raw), a))
        self.cache.put_sources(entries)
