"""Where the built-in data lives: the repository's grammar/ and rules/ when run from a checkout,
or their copies inside the installed package (checker/_data/)."""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["data_dir"]

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
