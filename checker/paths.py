"""Where things are: the built-in data (the repository's grammar/ and rules/ when run from a
checkout, or their copies inside the installed package, checker/_data/), the user's cache folder,
and the ``--rules`` paths split into rule files and lexicon files (:func:`rule_inputs`)."""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

from .errors import Location, RuleError

__all__ = ["LEXICON_KINDS", "RuleInputs", "cache_dir", "data_dir", "declared_lexicon", "lexicon_files",
           "rule_inputs", "walk_folder"]

_HERE = Path(__file__).resolve().parent
#: the kinds a YAML file among the ``--rules`` paths may declare with ``lexicon: KIND``
LEXICON_KINDS = ("facts", "furniture", "names", "vocabulary")
YAML_SUFFIXES = (".yaml", ".yml")


def data_dir(name: str, marker: str) -> Path:
    """The folder ``name`` ("grammar" or "rules"); ``marker`` is a file or glob that must be in it."""
    env = os.environ.get(f"CROSSCHECK_{name.upper()}_DIR")
    if env:
        return Path(env)
    for candidate in (_HERE / "_data" / name, _HERE.parent / name):
        if candidate.is_dir() and any(candidate.glob(marker)):
            return candidate
    return _HERE.parent / name


def cache_dir() -> Path:
    """The user's cache folder for crosscheck's tables worked out once a version (``crosscheck``
    under ``$XDG_CACHE_HOME``, else under ``~/.cache``); it may not exist yet."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "crosscheck"


_DECLARES = re.compile(r"^lexicon:[ \t]*['\"]?([\w-]+)['\"]?[ \t]*(?:#.*)?$", re.M)


def declared_lexicon(path: str | os.PathLike) -> str | None:
    """The kind a YAML file declares with a top-level ``lexicon: KIND`` line, or None (a rule)."""
    found = _declaration(path)
    return found.group(1) if found else None


def _declaration(path: str | os.PathLike) -> re.Match | None:
    try:
        return _DECLARES.search(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError):
        return None  # not ours to report: the rule loader names unreadable files


@dataclass(frozen=True, slots=True)
class RuleInputs:
    """The ``--rules`` paths, split: the rule files, the lexicon files of each kind (in the order
    given, a folder's files sorted), and the problems found (a path that does not exist, a file
    that is not a regular file, a lexicon of an unknown kind)."""

    rules: tuple[str, ...] = ()
    lexicons: Mapping[str, tuple[str, ...]] = field(default_factory=lambda: MappingProxyType({}))
    problems: tuple[tuple[Location, str], ...] = ()

    def lexicon(self, kind: str) -> list[str]:
        """The ``lexicon: KIND`` files."""
        return list(self.lexicons.get(kind, ()))


def rule_inputs(paths: Iterable[str | os.PathLike]) -> RuleInputs:
    """Split ``--rules`` paths: each is a file, or a folder whose ``*.yaml``/``*.yml`` files are
    taken recursively, in sorted order, hidden entries skipped (as articles are found).  A YAML file
    that says ``lexicon: KIND`` is a lexicon of that kind; any other is a rule file."""
    rules: list[str] = []
    lexicons: dict[str, list[str]] = {kind: [] for kind in LEXICON_KINDS}
    problems: list[tuple[Location, str]] = []
    for path in map(Path, paths):
        for file, problem in _files(path):
            if problem:
                problems.append((Location(str(file)), problem))
                continue
            found = _declaration(file)
            if found is None:
                rules.append(str(file))
            elif found.group(1) in lexicons:
                lexicons[found.group(1)].append(str(file))
            else:
                line = found.string.count("\n", 0, found.start()) + 1
                problems.append((Location(str(file), line, found.start(1) - found.start() + 1),
                                 f"unknown lexicon kind {found.group(1)!r}; kinds are {', '.join(LEXICON_KINDS)}"))
    return RuleInputs(tuple(rules), MappingProxyType({k: tuple(v) for k, v in lexicons.items()}), tuple(problems))


def _files(path: Path) -> Iterator[tuple[Path, str]]:
    """(file, "") for each file ``path`` names, or (path, why not) for a path that names none."""
    if path.is_dir():
        yield from _walk(path, set())
    elif path.is_file():
        yield path, ""
    elif path.exists():
        yield path, "not a regular file (a FIFO, device or socket)"
    else:
        yield path, "no such rule file or folder"


def walk_folder(top: Path, seen: set[str] | None = None) -> Iterator[tuple[Path, str, bool]]:
    """Everything under ``top``, sorted by name, hidden entries skipped, each folder once (a
    symbolic link back up the tree is not followed round): (file, "", False) for a regular file,
    (entry, why, False) for an entry that is no file nor folder (a FIFO, a device, a socket, a broken
    or looping link: never opened, since a FIFO would block a read), and (folder, why, True) for a
    folder that cannot be listed. Articles and ``--rules`` folders are both walked with it."""
    seen = set() if seen is None else seen
    real = os.path.realpath(top)
    if real in seen:
        return
    seen.add(real)
    try:
        entries = sorted(os.scandir(top), key=lambda e: e.name)
    except OSError as exc:
        yield top, f"cannot read folder: {exc.strerror or exc}", True
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        try:
            is_dir, is_file = entry.is_dir(), entry.is_file()
        except OSError as exc:  # a symbolic link that loops
            yield Path(entry.path), f"cannot follow: {exc.strerror or exc}", False
            continue
        if is_dir:
            yield from walk_folder(Path(entry.path), seen)
        elif is_file:
            yield Path(entry.path), "", False
        else:
            yield Path(entry.path), "not a regular file (a FIFO, device, socket or broken link)", False


def _walk(folder: Path, seen: set[str]) -> Iterator[tuple[Path, str]]:
    """The YAML files under ``folder`` (see :func:`walk_folder`), and the folders that cannot be
    listed, with why; other entries are no rule file and are passed over."""
    for path, why, unlistable in walk_folder(folder, seen):
        if unlistable:
            yield path, why
        elif not why and path.name.endswith(YAML_SUFFIXES):
            yield path, ""


def lexicon_files(paths: Iterable[str | os.PathLike], kind: str) -> list[str]:
    """The ``lexicon: KIND`` files among ``--rules`` paths (see :func:`rule_inputs`); RuleError
    when the paths have problems."""
    found = rule_inputs(paths)
    if found.problems:
        raise RuleError(list(found.problems))
    return found.lexicon(kind)
