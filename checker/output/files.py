"""Writing what crosscheck outputs: whole or not at all, all of a run's files or none of them, and
never over a file that is not a regular file one may replace; and recognising crosscheck's own
outputs, so that a report is never read back as an article.

In: (path or None for standard output, text or its pieces, the :mod:`~checker.output.guard` kind)
for each output of a run.  Out: the files, each written to a temporary file beside it (hidden,
``.NAME.XXXX.tmp``), flushed to disk, then renamed over it once every one is written; then standard
output.  A failure, or an interruption, before the renames leaves every existing file as it was and
no temporary file behind; the renames themselves run with SIGINT and SIGTERM held back, and a
failing rename puts back the files already replaced (each was kept under a hard link until then).
A symbolic link is followed (the file it names is replaced, the link stays).  Standard output, a
character device (``/dev/stdout``, ``/dev/null``) and a FIFO with a reader are written directly;
any other file that is not a regular file (a block device, a socket, a FIFO nobody reads) is an error.
"""

from __future__ import annotations

import errno
import os
import re
import signal
import stat
import sys
from collections.abc import Iterable, Sequence
from contextlib import contextmanager
from pathlib import Path

from checker.errors import UsageError

from .guard import Guard

__all__ = ["own_output", "quiet_stdout", "write_all", "write_atomic", "write_or_print", "write_stdout"]

Text = str | Iterable[str]


def write_atomic(path: str | os.PathLike, text: Text, kind: str | None = None) -> None:
    """Write ``text`` (a string, or chunks of one written as they come) to ``path`` so that a
    reader sees the old file or the whole new one; ``kind``: the guard the text goes through
    (:mod:`checker.output.guard`; None: as it is)."""
    write_all([(os.fspath(path), text, kind)])


def write_or_print(text: Text, output: str | None, kind: str = "text") -> None:
    """Write ``text`` (a string, or chunks of one) to ``output`` whole or not at all, or to standard
    output, ending in a newline; through the guard of ``kind``."""
    write_all([(output or None, text, kind)])


def write_all(outputs: Sequence[tuple[str | None, Text, str | None]]) -> None:
    """Write each (path, or None for standard output; text or its chunks; guard kind or None):
    the files all or none, then standard output (ending in a newline).  UsageError, with nothing
    written, when a file cannot be written."""
    staged: list[tuple[str, Path]] = []
    direct: list[tuple[str, Text, str | None]] = []
    stdout: list[tuple[Text, str | None]] = []
    try:
        for path, text, kind in outputs:
            if path is None:
                stdout.append((text, kind))
                continue
            target = _target(path)
            if target is None:
                direct.append((path, text, kind))
            else:
                staged.append((_stage(path, target, text, kind), target))
        _commit(staged)
        staged = []
    finally:
        for tmp, _ in staged:
            _unlink(tmp)
    for path, text, kind in direct:
        _write_special(path, text, kind)
    for text, kind in stdout:
        write_stdout(text, kind)


def write_stdout(text: Text, kind: str | None = "text") -> None:
    """Write ``text`` to standard output through the guard of ``kind``, ending in a newline.
    BrokenPipeError when the reader went away (the caller decides what that means); UsageError
    when standard output cannot be written (a full disk, /dev/full)."""
    guard = Guard(kind) if kind else None
    last = ""
    try:
        for chunk in (text,) if isinstance(text, str) else text:
            if chunk:
                sys.stdout.write(guard(chunk) if guard else chunk)
                last = chunk
        if last and not last.endswith("\n"):
            sys.stdout.write("\n")
        sys.stdout.flush()
    except BrokenPipeError:
        raise
    except OSError as exc:
        quiet_stdout()
        raise UsageError(f"cannot write to standard output: {exc.strerror or exc}") from None


def quiet_stdout() -> None:
    """Point standard output at the null device, so that nothing more (not even the flush at exit)
    fails on a pipe whose reader went away or on a full disk."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass


def _fail(path: str, exc: BaseException) -> UsageError:
    why = getattr(exc, "strerror", None) or str(exc)
    return UsageError(f"cannot write {path}: {why}; no output file was changed")


def _target(path: str) -> Path | None:
    """The regular file to replace for ``path`` (a link's target), or None for a file written
    directly (a character device, a FIFO); UsageError for what may not be written at all."""
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        return Path(os.path.realpath(path)) if os.path.islink(path) else Path(path)
    except OSError as exc:
        raise _fail(path, exc) from None
    if stat.S_ISREG(mode):
        return Path(os.path.realpath(path)) if os.path.islink(path) else Path(path)
    if stat.S_ISCHR(mode) or stat.S_ISFIFO(mode):
        return None
    what = "a folder" if stat.S_ISDIR(mode) else "not a regular file"
    raise UsageError(f"cannot write {path}: it is {what}; no output file was changed")


def _stage(path: str, target: Path, text: Text, kind: str | None) -> str:
    """``text`` written to a temporary file beside ``target``, flushed to disk; its name."""
    import tempfile  # here: it imports shutil and random, which a run that writes nothing does not need

    directory = target.parent if str(target.parent) else Path(".")
    try:
        directory.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=directory, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as exc:
        raise _fail(path, exc) from None
    try:
        os.chmod(tmp, _file_mode(target))  # mkstemp makes 0600; a report is an ordinary file
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            _put(fh, text, kind)
            fh.flush()
            os.fsync(fh.fileno())
    except OSError as exc:
        _unlink(tmp)
        raise _fail(path, exc) from None
    except BaseException:
        _unlink(tmp)
        raise
    return tmp


def _commit(staged: list[tuple[str, Path]]) -> None:
    """Rename each temporary file over its target, all or none: a target replaced before a rename
    fails is put back."""
    done: list[tuple[Path, str | None]] = []  # target, and the hard link that keeps its old file
    with _signals_held():
        try:
            for tmp, target in staged:
                keep = _keep(target)
                try:
                    os.replace(tmp, target)
                except BaseException:
                    if keep:
                        _unlink(keep)
                    raise
                done.append((target, keep))
        except OSError as exc:
            _undo(done)
            raise _fail(str(staged[len(done)][1]), exc) from None
        except BaseException:
            _undo(done)
            raise
        for _, keep in done:
            if keep:
                _unlink(keep)


def _keep(target: Path) -> str | None:
    """A hard link to the file at ``target`` under a hidden temporary name, or None (no file)."""
    if not target.exists():
        return None
    for _ in range(100):
        name = str(target.parent / f".{target.name}.{os.urandom(4).hex()}.tmp")
        try:
            os.link(target, name)
            return name
        except FileExistsError:
            continue
        except OSError:  # no hard links here: the old file cannot be put back
            return None
    return None


def _undo(done: list[tuple[Path, str | None]]) -> None:
    for target, keep in reversed(done):
        try:
            if keep:
                os.replace(keep, target)
            else:
                os.unlink(target)
        except OSError:
            pass


@contextmanager
def _signals_held():
    """SIGINT and SIGTERM held back (delivered when the block ends), where the platform allows."""
    held = {signal.SIGINT, signal.SIGTERM}
    try:
        old = signal.pthread_sigmask(signal.SIG_BLOCK, held)
    except (AttributeError, ValueError, OSError):  # not POSIX, or not the main thread
        yield
        return
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)


def _write_special(path: str, text: Text, kind: str | None) -> None:
    """Write to a character device or a FIFO; a FIFO nobody reads is an error, never a hang."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_NONBLOCK)
    except OSError as exc:
        if exc.errno == errno.ENXIO:
            raise UsageError(f"cannot write {path}: it is a FIFO that no process is reading") from None
        raise _fail(path, exc) from None
    try:
        os.set_blocking(fd, True)
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            fd = -1
            _put(fh, text, kind)
    except OSError as exc:
        raise UsageError(f"cannot write {path}: {exc.strerror or exc}") from None
    finally:
        if fd >= 0:
            os.close(fd)


def _put(fh, text: Text, kind: str | None) -> None:
    guard = Guard(kind) if kind else None
    for chunk in (text,) if isinstance(text, str) else text:
        fh.write(guard(chunk) if guard else chunk)


def _unlink(path: str) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass


def _file_mode(target: Path) -> int:
    """The mode of the file being replaced, else what the umask gives a new file."""
    try:
        return target.stat().st_mode & 0o777
    except OSError:
        mask = os.umask(0)
        os.umask(mask)
        return 0o666 & ~mask


# -- crosscheck's own outputs ----------------------------------------------------------------------

_HEADS = (
    (b"{\n  \"version\": 1,\n  \"tool\": {\n    \"name\": \"crosscheck\"", "json"),  # check, extract, baseline
    (b"{\"version\": 1, \"tool\": {\"name\": \"crosscheck\"", "json"),  # parse --jsonl
    (b"{\n  \"$schema\": \"https://docs.oasis-open.org/sarif/", "sarif"),
    (b"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"crosscheck\"", "junit"),
)
_TAIL = re.compile(rb"(crosscheck: |<sub>)?\d+ articles?, \d+ facts?, \d+ quotes?(: \d+ errors?, \d+ warnings?, "
                   rb"\d+ info\b.*)?(</sub>)?")


def own_output(head: bytes, tail: bytes = b"") -> str | None:
    """The kind of crosscheck output a file is, from its first 4 KB (``head``) and last 1 KB
    (``tail``), or None when it is not one: a JSON document whose tool is crosscheck, a SARIF log
    of crosscheck, crosscheck's JUnit XML, an HTML page with crosscheck's generator tag, or a file
    whose last line is crosscheck's summary line (the text, github and markdown reports, extract's
    text listing)."""
    for start, kind in _HEADS:
        if head.startswith(start) and (kind != "sarif" or b"\"name\": \"crosscheck\"" in head):
            return kind
    if head.startswith(b"<!DOCTYPE html>") and b"<meta name=\"generator\" content=\"crosscheck " in head[:4096]:
        return "html"
    last = tail.rstrip().rpartition(b"\n")[2].strip()
    if last and _TAIL.fullmatch(last):
        return "report"
    return None
