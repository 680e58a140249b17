"""The fact cache's keys: what a stored entry depends on.

In: the extractor's inputs besides the article (tool version, cache format, the grammar, the
lexicons, every module of the package and any user rule/lexicon files) and an article or a source
file.  Out: SHA-256 hex digests, so that a changed file, grammar, lexicon or crosscheck version is a
miss, never a stale hit.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from checker.model import Article
from checker.version import __version__

from .codec import FORMAT

__all__ = ["article_key", "fingerprint", "source_key"]

_PACKAGE = Path(__file__).resolve().parents[1]  # checker/: every module can change what is extracted


def _files_for_fingerprint(extra: tuple[str, ...]) -> list[Path]:
    from checker.parser.grammar import GRAMMAR_DIR
    from checker.paths import data_dir

    files = sorted(Path(GRAMMAR_DIR).glob("*.lark"))
    lexicons = data_dir("rules", "**/*.yaml") / "lexicons"
    files += sorted(lexicons.rglob("*.yaml")) if lexicons.is_dir() else []
    files += sorted(_PACKAGE.rglob("*.py"))
    for item in extra:
        p = Path(item)
        files += sorted(p.rglob("*.y*ml")) if p.is_dir() else [p]
    return files


def fingerprint(extra: tuple[str, ...] = ()) -> str:
    """What extraction depends on besides the article: version, grammar, lexicons, code, user files."""
    h = hashlib.sha256(f"crosscheck {__version__} cache format {FORMAT}\n".encode())
    for path in _files_for_fingerprint(tuple(extra)):
        try:
            data = path.read_bytes()
        except OSError:
            data = b"<unreadable>"
        h.update(f"{path.name}\0{len(data)}\0".encode())
        h.update(data)
    return h.hexdigest()


def article_key(article: Article, print_: str) -> str:
    """The cache key of one article under extractor fingerprint ``print_``."""
    ident = [article.id, article.path, article.outlet, article.published, article.title, article.url,
             article.story, article.text]
    h = hashlib.sha256(print_.encode())
    h.update(json.dumps(ident, ensure_ascii=False).encode("utf-8", "surrogatepass"))
    return h.hexdigest()


def source_key(print_: str, path: str, ident: str, metadata: Any, raw: str) -> str:
    """The source-index key of a file: the extractor fingerprint, the file's path and id, the
    metadata it gets from outside itself (its sources.yaml defaults and entry) and its decoded text:
    everything ingest builds its Article from."""
    h = hashlib.sha256(f"{print_}\0source\0".encode())
    h.update(json.dumps([path, ident, metadata], ensure_ascii=False, sort_keys=True, default=str)
             .encode("utf-8", "surrogatepass"))
    h.update(b"\0")
    h.update(raw.encode("utf-8", "surrogatepass"))
    return h.hexdigest()
