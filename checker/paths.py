"""Where the built-in data lives: the repository's grammar/ and rules/ when run from a checkout,
or their copies inside the installed package (checker/_data/)."""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from pathlib import Path

__all__ = ["data_dir", "declared_lexicon", "lexicon_files"]

_HERE = Path(__file__).resolve().parent


def data_dir(name: str, marker: str) -> Path:
    """The folder ``name`` ("grammar" or "rules"); ``marker`` is a file or glob that must be in it."""
    env = os.environ.get(f"CROSSCHECK_{name.upper()}_DIR")
    if env:
        return Path(env)
    for candidate in (_HERE / "_data" / name, _HERE.parent / name):
        if candidate.is_dir() and any(candidate.glob(marker)):
            return candidate
    return _HERE.parent / name


_DECLARES = re.compile(r"^lexicon:[ \t]*['\"]?([\w-]+)['\"]?[ \t]*(?:#.*)?$", re.M)


def declared_lexicon(path: str | os.PathLike) -> str | None:
    """The kind a YAML file declares with a top-level ``lexicon: KIND`` line, or None (a rule)."""
    try:
        found = _DECLARES.search(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError):
        return None  # not ours to report: the rule loader names unreadable files
    return found.group(1) if found else None


def lexicon_files(paths: Iterable[str | os.PathLike], kind: str) -> list[str]:
    """The ``lexicon: KIND`` files among ``--rules`` paths (files, or folders searched recursively)."""
    out = []
    for path in map(Path, paths):
        files = sorted(path.rglob("*.y*ml")) if path.is_dir() else [path]
        out += [str(f) for f in files if f.suffix in (".yaml", ".yml") and declared_lexicon(f) == kind]
    return out
