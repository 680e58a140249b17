"""Writing what the tool outputs: whole or not at all (temporary file, then rename)."""

from __future__ import annotations

import json
import os
import stat
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from . import __version__

__all__ = ["TOOL", "dumps", "write_atomic", "write_or_print"]

TOOL = {"name": "crosscheck", "version": __version__}


def document(**fields: Any) -> dict[str, Any]:
    """A JSON document of the contract: version and tool first."""
    return {"version": 1, "tool": dict(TOOL), **fields}


def dumps(doc: Any, indent: int | None = 2) -> str:
    return json.dumps(doc, ensure_ascii=False, indent=indent)


def write_atomic(path: str | os.PathLike, text: str | Iterable[str]) -> None:
    """Write ``text`` (a string, or chunks of one written as they come) to ``path`` so that a
    reader sees the old file or the whole new one.

    A symbolic link is followed (the file it names is replaced, the link stays); a path that is not
    a regular file (``/dev/stdout``, a FIFO) is written to directly, never replaced.
    """
    from .errors import UsageError

    try:
        try:
            special = not stat.S_ISREG(os.stat(path).st_mode)
        except FileNotFoundError:
            special = False
        if special:
            with open(path, "w", encoding="utf-8", newline="") as fh:
                _put(fh, text)
            return
        _replace(Path(os.path.realpath(path)) if os.path.islink(path) else Path(path), text)
    except OSError as exc:
        raise UsageError(f"cannot write {os.fspath(path)}: {exc.strerror or exc}") from None


def _put(fh, text: str | Iterable[str]) -> None:
    if isinstance(text, str):
        fh.write(text)
    else:
        fh.writelines(text)


def _replace(target: Path, text: str | Iterable[str]) -> None:
    """Write a temporary file beside ``target``, then rename it over ``target``."""
    directory = target.parent if str(target.parent) else Path(".")
    directory.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=directory, prefix=f".{target.name}.", suffix=".tmp")
    try:
        os.chmod(tmp, _file_mode(target))  # mkstemp makes 0600; a report is an ordinary file
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            _put(fh, text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def _file_mode(target: Path) -> int:
    """The mode of the file being replaced, else what the umask gives a new file."""
    try:
        return target.stat().st_mode & 0o777
    except OSError:
        mask = os.umask(0)
        os.umask(mask)
        return 0o666 & ~mask


def write_or_print(text: str, output: str | None) -> None:
    if output:
        write_atomic(output, text)
    else:
        sys.stdout.write(text)
        if text and not text.endswith("\n"):
            sys.stdout.write("\n")
        sys.stdout.flush()
