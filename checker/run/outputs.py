"""Outputs that would destroy an input, found before anything is written.

In: the files a run will write (``--output``s, a baseline) and what it reads (the article paths,
``--new`` paths, ``--rules`` paths, the baseline, the configuration file, the fact cache).  Out:
nothing, or a :class:`~checker.errors.UsageError` (exit 2) when two outputs are one file, or when an
output is a file the run reads: an article (given, or found in a folder given), a ``sources.yaml``
beside one, a rule or lexicon file, the baseline, the configuration, the fact cache.

Files are compared as the system sees them (device and inode, so a symbolic or hard link to an
input is that input; a file not yet there by its real path).  A file in a folder being read that is
one of crosscheck's own reports is not an input (ingest skips it, see
:func:`checker.output.own_output`), so a report may be written again over the last one.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from pathlib import Path

from checker.errors import CheckerError, UsageError
from checker.output import own_output

__all__ = ["check_outputs", "identity", "is_own_output"]


def identity(path: str | os.PathLike) -> tuple:
    """What makes two paths one file: (device, inode) when it exists, else its real path."""
    try:
        st = os.stat(path)
        return ("inode", st.st_dev, st.st_ino)
    except OSError:
        return ("path", os.path.realpath(path))


def is_own_output(path: str | os.PathLike) -> bool:
    """Whether the file at ``path`` is one of crosscheck's own outputs (see :func:`own_output`)."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(4096)
            size = os.fstat(fh.fileno()).st_size
            if size > 4096:
                fh.seek(max(size - 1024, 4096))
            tail = fh.read(1024) if size > 4096 else head[-1024:]
    except OSError:
        return False
    return own_output(head, tail) is not None


def _article_inputs(paths: Iterable[str]) -> dict[tuple, str]:
    """Every file reading ``paths`` would open: the articles and the sources.yaml beside them."""
    from checker.ingest.articles import discover

    found: dict[tuple, str] = {}
    for path in paths:
        try:
            sources = discover([path])
        except CheckerError:  # the run itself says what is wrong with it
            continue
        for source in sources:
            found.setdefault(identity(source.file), source.path)
            for name in ("sources.yaml", "sources.yml"):
                beside = source.file.parent / name
                if beside.is_file():
                    found.setdefault(identity(beside), str(beside))
    return found


def _rule_inputs(paths: Iterable[str]) -> dict[tuple, str]:
    found: dict[tuple, str] = {}
    for path in paths:
        p = Path(path)
        files = sorted(p.rglob("*.y*ml")) if p.is_dir() else [p]
        for f in files:
            found.setdefault(identity(f), str(f))
    return found


def check_outputs(outputs: Sequence[str], *, articles: Iterable[str] = (), rules: Iterable[str] = (),
                  files: Iterable[str | None] = (), cache: str | None = None) -> None:
    """UsageError, before anything is written, when two of ``outputs`` are one file or one of them
    is an input: an article under ``articles`` (or a sources.yaml beside one), a file under
    ``rules``, one of ``files`` (the baseline, the configuration file), the fact cache ``cache``."""
    outputs = [o for o in outputs if o]
    if not outputs:
        return
    seen: dict[tuple, str] = {}
    for out in outputs:
        key = identity(out)
        if key in seen:
            raise UsageError(f"--output {out} and --output {seen[key]} are one file: each report needs a file "
                             "of its own")
        seen[key] = out
    inputs: dict[tuple, str] = {}
    for f in (*files, *((cache, cache + "-wal", cache + "-shm") if cache else ())):
        if f:
            inputs.setdefault(identity(f), f)
    inputs.update({k: v for k, v in _rule_inputs(rules).items() if k not in inputs})
    articles_read = _article_inputs(articles)
    for out in outputs:
        key = identity(out)
        what = inputs.get(key)
        if what is None and key in articles_read and not is_own_output(out):
            what = articles_read[key]
        if what is not None:
            raise UsageError(f"--output {out} is {what}, which this run reads: crosscheck will not write over "
                             "its own input; give another --output")
