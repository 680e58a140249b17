"""Files -> Articles: finding the articles, decoding them, and the text claims are read from.

Formats: ``.txt``; ``.md``/``.markdown`` with optional YAML front matter; ``.html``/``.htm`` (the
main text only, see checker.ingest.html); ``.jsonl`` feeds (one article a line, see
checker.ingest.jsonl).  Folders are read recursively in sorted order, skipping hidden entries
(``.git``, ``.crosscheck``); other file types, empty files and files over the size limit are
skipped with a note to ``on_skip(path, reason)``.  Anything unreadable (binary data, invalid UTF-8,
broken front matter or JSON) is an :class:`~checker.errors.InputError` at ``path:line:col``.

Metadata, strongest first: the file's own (front matter, feed fields); its entry in a
``sources.yaml`` beside it; the HTML page's meta tags; the sources.yaml's top-level defaults.  An
outlet still missing is the URL's host, else the file name's stem.

``Article.text`` is the file's text normalised (checker.ingest.textmap.normalise: no soft hyphens or
zero-width characters, odd spaces as ' ', '\\n' line ends; curly quotes as they are), markup
removed, page furniture dropped (checker.ingest.furniture: a furniture line is emptied, so it reads
as a paragraph break) and blank lines folded (checker.ingest.textmap.tidy).  ``raw`` is the decoded file
(a UTF-8 byte order mark is not part of it, so line 1 column 1 is the first character after it)
and ``offsets`` maps every character of ``text`` into ``raw``, so ``Article.position`` gives the
line and column in the file on disk.  ``Article.id`` is the path relative to the common folder of
the paths given (``#<line>``, or ``#<id>`` when the line has an ``id``, for a feed's articles);
``Article.path`` is the path as given, joined with the file's place under it.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from checker.errors import InputError, Location, UnreadableError, UsageError
from checker.model import Article
from checker.paths import walk_folder

from .formats import decode, parse
from .furniture import Furniture, drop_furniture
from .furniture_load import load_furniture
from .jsonl import read_feed
from .meta import load_sources, outlet_from_url
from .textmap import Mapped, line_starts, tidy

__all__ = ["DEFAULT_MAX_BYTES", "FORMATS", "Source", "discover", "furniture_notes", "iter_articles", "load_furniture",
           "read_article", "read_articles", "read_string"]

DEFAULT_MAX_BYTES = 20 * 1024 * 1024  # one file (a larger one is skipped with a note)
MAX_RUN_BYTES = 4 * 1024**3  # all the files of one run (more is an error, before any is read)
MAX_RUN_FILES = 1_000_000
FORMATS = {".txt": "text", ".md": "markdown", ".markdown": "markdown", ".html": "html", ".htm": "html",
           ".jsonl": "jsonl"}
_QUIET = frozenset({"sources.yaml", "sources.yml", "crosscheck.yaml", "crosscheck.yml"})

OnSkip = Callable[[str, str], None]
OnError = Callable[[InputError], None]
OnProgress = Callable[[int, int, str], None]
# (source, its sources.yaml (defaults, entry)) -> the articles a cache already holds for it, or None
Reuse = Callable[["Source", tuple[dict, dict]], "list[Article] | None"]


@dataclass(frozen=True, slots=True)
class Source:
    """A file to read: where it is, the path reports print, its id (relative to the common root),
    and its content when it comes from memory rather than disk (see :func:`read_string`)."""

    file: Path
    path: str
    rel: str
    data: str | None = None


def discover(paths: Iterable[str | os.PathLike], on_skip: OnSkip | None = None,
             on_error: OnError | None = None) -> list[Source]:
    """The article files under ``paths`` (files or folders; default the current folder).  A path
    that cannot be read (missing, not a regular file, a folder without permission) is an
    :class:`UnreadableError`: raised, or given to ``on_error`` and left out."""
    given = [os.fspath(p) for p in paths] or ["."]
    readable = []
    for p in given:
        if not os.path.exists(p):
            _unreadable(UnreadableError("no such file or folder", Location(p)), on_error)
        elif not os.path.isdir(p) and not os.path.isfile(p):
            _unreadable(UnreadableError("not a regular file (a FIFO, device or socket): it is not read",
                                        Location(p)), on_error)
        else:
            readable.append(p)
    root = _common_root(readable or ["."])
    out: list[Source] = []
    seen: set[str] = set()
    for p in readable:
        files = _walk(Path(p), on_error=on_error) if os.path.isdir(p) else iter([(Path(p), p, "")])
        for file, shown, why_not in files:
            if why_not:
                if on_skip is not None:
                    on_skip(shown, why_not)
                continue
            real = os.path.realpath(file)
            if real in seen:
                continue
            seen.add(real)
            if file.suffix.lower() in FORMATS:
                if _bad_name(shown, on_error):
                    continue
                out.append(Source(file, shown, _relative(file, root)))
            elif file.name not in _QUIET and on_skip is not None:
                on_skip(shown, f"not an article: unknown file type {file.suffix or '(no extension)'!r}")
    return out


def _common_root(given: list[str]) -> str:
    folders = [os.path.abspath(p if os.path.isdir(p) else os.path.dirname(p) or ".") for p in given]
    try:
        return os.path.commonpath(folders)
    except ValueError:  # different drives
        return folders[0]


def _relative(file: Path, root: str) -> str:
    try:
        return Path(os.path.relpath(os.path.abspath(file), root)).as_posix()
    except ValueError:
        return file.as_posix()


def _bad_name(shown: str, on_error: OnError | None) -> bool:
    """Whether the article's path is not valid UTF-8 (its bytes came in as lone surrogates): an
    UnreadableError, since every report names an article by its path (raised, or given to
    ``on_error``)."""
    try:
        shown.encode("utf-8")
        return False
    except UnicodeEncodeError as exc:
        byte = os.fsencode(shown[exc.start:exc.start + 1])
        where = shown.encode("utf-8", "replace").decode("utf-8")
        _unreadable(UnreadableError(f"the file's name is not valid UTF-8 (byte 0x{byte[0]:02x}): rename it; "
                                    "crosscheck names every article by its path", Location(where)), on_error)
        return True


def _unreadable(error: UnreadableError, on_error: OnError | None) -> None:
    if on_error is None:
        raise error
    on_error(error)


def _walk(top: Path, on_error: OnError | None = None) -> Iterator[tuple[Path, str, str]]:
    """Files under ``top`` (:func:`checker.paths.walk_folder`): (file, the path shown, ""), or
    (entry, the path shown, why it is skipped) for an entry that is no file nor folder.  A folder
    that cannot be listed is an UnreadableError (raised, or given to ``on_error``)."""
    for path, why, unlistable in walk_folder(top):
        if unlistable:
            _unreadable(UnreadableError(why, Location(str(path))), on_error)
        else:
            yield path, os.path.normpath(path), why


def read_articles(paths: Iterable[str | os.PathLike], *, on_skip: OnSkip | None = None,
                  on_progress: OnProgress | None = None, max_bytes: int = DEFAULT_MAX_BYTES,
                  furniture: Furniture | None = None, reuse: Reuse | None = None) -> list[Article]:
    """Every article under ``paths``.  ``on_progress(done, total, path)`` is called after each file.
    ``reuse(source, (defaults, entry))`` is asked first for each file that is not a feed (with the
    metadata its sources.yaml gives it); when it returns the articles (say, from the fact cache's
    source index), the file is not parsed."""
    return list(iter_articles(paths, on_skip=on_skip, on_progress=on_progress, max_bytes=max_bytes,
                              furniture=furniture, reuse=reuse))


def iter_articles(paths: Iterable[str | os.PathLike], *, on_skip: OnSkip | None = None,
                  on_progress: OnProgress | None = None, max_bytes: int = DEFAULT_MAX_BYTES,
                  furniture: Furniture | None = None, reuse: Reuse | None = None,
                  on_error: OnError | None = None) -> Iterator[Article]:
    """:func:`read_articles`, an article at a time, each as soon as its file is read.  A path or
    file that cannot be read at all (:class:`UnreadableError`) is raised, or, with ``on_error``,
    given to it while the other articles are read."""
    paths = [os.fspath(p) for p in paths]
    sources = discover(paths, on_skip, on_error)
    _within_bounds(sources, paths)
    reader = _Reader(on_skip, max_bytes, furniture if furniture is not None else load_furniture())
    for done, source in enumerate(sources, 1):
        found = None
        if reuse is not None and source.data is None and FORMATS[source.file.suffix.lower()] != "jsonl":
            found = reuse(source, reader.sources(source))
        if found is None:
            try:
                found = reader.read(source)
            except UnreadableError as exc:
                _unreadable(exc, on_error)
                found = []
        yield from found
        if on_progress is not None:
            on_progress(done, len(sources), source.path)


def _within_bounds(sources: list[Source], paths: list[str]) -> None:
    """UsageError when ``sources`` are more files, or more bytes, than one run reads."""
    shown = ", ".join(paths) or "."
    if len(sources) > MAX_RUN_FILES:
        raise UsageError(f"{len(sources):,} article files under {shown}: over the {MAX_RUN_FILES:,} one run reads; "
                         "check fewer at a time")
    total = 0
    for source in sources:
        try:
            total += os.stat(source.file).st_size if source.data is None else len(source.data)
        except OSError:
            continue  # reading it says why
    if total > MAX_RUN_BYTES:
        raise UsageError(f"the article files under {shown} come to {total / 2**30:.1f} GiB: over the "
                         f"{MAX_RUN_BYTES / 2**30:.0f} GiB one run reads; check fewer at a time")


def read_article(path: str | os.PathLike, *, on_skip: OnSkip | None = None,
                 max_bytes: int = DEFAULT_MAX_BYTES, furniture: Furniture | None = None) -> list[Article]:
    """The article(s) in one file: one, or one a line for a feed; none when the file is skipped."""
    return read_articles([path], on_skip=on_skip, max_bytes=max_bytes, furniture=furniture)


def read_string(text: str, name: str = "<string>.txt", *, furniture: Furniture | None = None,
                on_skip: OnSkip | None = None) -> list[Article]:
    """The article(s) in ``text`` as if read from a file called ``name`` (its suffix gives the
    format; no sources.yaml is looked for).  For tests and for callers that hold text in memory."""
    source = Source(Path(name), name, name, text)
    if source.file.suffix.lower() not in FORMATS:
        raise InputError(f"unknown article format {source.file.suffix or '(no extension)'!r}", Location(name))
    return _Reader(on_skip, DEFAULT_MAX_BYTES, furniture or load_furniture()).read(source)


def furniture_notes(article: Article) -> list[str]:
    """One ``path:line:col: furniture <name>: <text>`` line for each furniture line dropped from
    ``article`` (what ``--verbose`` shows)."""
    out = []
    for start, end, name in article.furniture:
        line, col = article.raw_position(start)
        shown = " ".join((article.raw or "")[start:end].split())
        out.append(f"{article.path}:{line}:{col}: furniture {name}: {shown[:80]}")
    return out


class _Reader:
    """Reads sources one by one, remembering each folder's sources.yaml."""

    def __init__(self, on_skip: OnSkip | None, max_bytes: int, furniture: Furniture):
        self.on_skip = on_skip
        self.max_bytes = max_bytes
        self.furniture = furniture
        self.folders: dict[Path, tuple[dict, dict]] = {}

    def skip(self, path: str, reason: str) -> None:
        if self.on_skip is not None:
            self.on_skip(path, reason)

    def sources(self, source: Source) -> tuple[dict, dict]:
        """(defaults, this file's entry) from the sources.yaml beside ``source``."""
        if source.data is not None:
            return {}, {}
        folder = source.file.parent
        if folder not in self.folders:
            self.folders[folder] = load_sources(folder, os.path.dirname(source.path))
        defaults, files = self.folders[folder]
        return defaults, files.get(source.file.name, {})

    def read(self, source: Source) -> list[Article]:
        kind = FORMATS[source.file.suffix.lower()]
        if kind == "jsonl":
            return read_feed(self, source)
        raw = source.data if source.data is not None else decode(source, self.max_bytes, self.skip)
        if raw is None:
            return []
        text, meta, suppressions = parse(kind, raw, source.path)
        article = self.article(source, source.rel, raw, text, meta, suppressions=suppressions)
        return [article] if article is not None else []

    def article(self, source: Source, ident: str, raw: str, text: Mapped, meta: tuple[dict, dict],
                first_line: int = 1, suppressions: tuple = ()) -> Article | None:
        """The Article for normalised ``text`` (mapped into ``raw``); ``meta`` is (page meta, the
        file's own)."""
        text, furniture = drop_furniture(text, self.furniture)
        text = tidy(text)
        where = source.path if ident == source.rel else f"{source.path}:{first_line}"  # a feed's line
        if not text.text:
            self.skip(where, "no article text left once markup and page furniture are removed")
            return None
        defaults, entry = self.sources(source)
        page, own = meta
        merged = {**defaults, **page, **entry, **own}
        ignore = dict.fromkeys(r for layer in (defaults, entry, own) for r in layer.get("ignore", ()))
        return Article(
            id=ident, path=source.path, text=text.text,
            outlet=merged.get("outlet") or outlet_from_url(merged.get("url")) or source.file.stem,
            published=merged.get("published"), title=merged.get("title"), url=merged.get("url"),
            story=merged.get("story"), raw=raw, offsets=text.offsets(),
            line_starts=line_starts(raw), ignore_rules=tuple(ignore),
            first_line=first_line, furniture=furniture, suppressions=suppressions,
        )
