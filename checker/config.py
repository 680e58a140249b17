"""Configuration: ``crosscheck.yaml`` or ``[tool.crosscheck]`` in ``pyproject.toml``, whichever is
nearest to the working directory (walking up; in one folder crosscheck.yaml wins), then the command
line over it.  Every value remembers where it came from: ``default``, ``FILE:LINE`` or ``command line``.

Paths in a file are relative to that file's folder.  Problems are reported all together, each as
``path:line:col: message``.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import yamlio
from .errors import Location, UsageError
from .model import FAIL_ON, FORMATS, SEVERITIES
from .paths import declared_lexicon

__all__ = ["CONFIG_FILES", "SETTINGS", "ConfigError", "Settings", "defaults", "find_config", "load_config", "resolve"]

CONFIG_FILES = ("crosscheck.yaml", "crosscheck.yml", "pyproject.toml")
DEFAULT_CACHE = ".crosscheck/cache.sqlite"


class ConfigError(UsageError):
    """One or more problems in a configuration file, reported together."""

    def __init__(self, problems: list[tuple[Location, str]]):
        self.problems = problems
        super().__init__(problems[0][1], problems[0][0])

    def lines(self) -> list[str]:
        return [f"{loc}: {msg}" for loc, msg in self.problems]


@dataclass(frozen=True)
class Spec:
    """One setting: default, kind of value (list, bool, choice, jobs, path, cache), help."""

    default: Any
    kind: str
    help: str
    choices: tuple[str, ...] = ()
    is_path: bool = False


SETTINGS: dict[str, Spec] = {
    "paths": Spec(["."], "list", "article files or folders to read", is_path=True),
    "rules": Spec([], "list", "rule files or folders added to the built-in rules", is_path=True),
    "default-rules": Spec(True, "bool", "load the built-in rules"),
    "ignore": Spec([], "list", "rule ids whose findings are suppressed everywhere (counted, not shown)"),
    "fail-on": Spec("error", "choice", "lowest severity that fails the run", FAIL_ON),
    "min-severity": Spec("info", "choice", "lowest severity shown", SEVERITIES),
    "format": Spec(["text"], "list", "report format(s)", FORMATS),
    "baseline": Spec(None, "path", "report only findings not recorded in this baseline file", is_path=True),
    "jobs": Spec("auto", "jobs", "extract articles in this many processes (auto: one a CPU, when there are enough)"),
    "cache": Spec(DEFAULT_CACHE, "cache", "fact cache file, or false for none", is_path=True),
    "vocabulary": Spec([], "list", "house-style vocabulary files (`lexicon: vocabulary`), read with the rules",
                       is_path=True),
}


def problem(spec: Spec, v: Any) -> str | None:
    """What is wrong with value ``v`` for ``spec``, or None."""
    if spec.kind == "list":
        items = [v] if isinstance(v, str) else v
        if not isinstance(items, list) or not all(isinstance(x, str) and x for x in items):
            return f"must be a list of strings; found {v!r}"
        bad = [x for x in items if spec.choices and x not in spec.choices]
        return f"unknown value {bad[0]!r}; choose from {', '.join(spec.choices)}" if bad else None
    ok = {
        "bool": isinstance(v, bool),
        "choice": v in spec.choices,
        "jobs": v == "auto" or (isinstance(v, int) and not isinstance(v, bool) and v >= 1),
        "path": v is None or (isinstance(v, str) and bool(v)),
        "cache": v is False or (isinstance(v, str) and bool(v)),
    }[spec.kind]
    wanted = {"bool": "true or false", "choice": f"one of {', '.join(spec.choices)}",
              "jobs": "a whole number of at least 1, or auto", "path": "a file path",
              "cache": "a file path, or false for no cache"}[spec.kind]
    return None if ok else f"must be {wanted}; found {v!r}"


def read_yaml(path: Path) -> dict[str, tuple[Any, Location, Location]]:
    """crosscheck.yaml's top-level settings, each with the places of its value and its key;
    ConfigError with every problem of the file."""
    doc, problems = yamlio.read_yaml(path)
    if doc is None:
        raise ConfigError(problems)
    if doc.data is None:
        return {}
    if not isinstance(doc.data, dict):
        raise ConfigError([(doc.location(), "the file must be a mapping of settings")])
    return {str(key): (value, doc.location((key,)), doc.location((key,), key=True)) for key, value in doc.data.items()}


_TOML_AT = re.compile(r"\(at line (\d+), column (\d+)\)")
_TABLE = re.compile(r"^\s*\[\s*tool\s*\.\s*crosscheck\s*\]")
_HEADER = re.compile(r"^\s*\[")
_KEY = re.compile(r"^(\s*)([\"']?)([A-Za-z0-9_-]+)\2\s*=\s*")


def read_pyproject(path: Path) -> dict[str, tuple[Any, Location, Location]]:
    """pyproject.toml's [tool.crosscheck] settings, each with the places of its value and its key."""
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10
        try:
            import tomli as tomllib  # type: ignore[no-redef]
        except ModuleNotFoundError:
            raise UsageError("reading pyproject.toml needs Python 3.11 or the tomli package",
                             Location(str(path))) from None
    text = _read(path)
    try:
        table = tomllib.loads(text).get("tool", {}).get("crosscheck", {})
    except tomllib.TOMLDecodeError as exc:
        m = _TOML_AT.search(str(exc))
        loc = Location(str(path), int(m.group(1)), int(m.group(2))) if m else Location(str(path))
        raise ConfigError([(loc, f"not valid TOML: {_TOML_AT.sub('', str(exc)).strip()}")]) from None
    except ValueError as exc:  # a value tomllib cannot build: an integer of thousands of digits
        raise ConfigError([(Location(str(path)), f"not valid TOML: {str(exc).split(';')[0]}")]) from None
    if not isinstance(table, dict):
        raise ConfigError([(Location(str(path)), "[tool.crosscheck] must be a table")])
    places = _toml_places(text, path)
    fallback = places.get(None, (Location(str(path)), Location(str(path))))
    return {k: (v, *places.get(k, fallback)) for k, v in table.items()}


def _toml_places(text: str, path: Path) -> dict[str | None, tuple[Location, Location]]:
    """Where each key of [tool.crosscheck] is written: (its value's place, its own place)."""
    places: dict[str | None, tuple[Location, Location]] = {}
    inside = False
    for n, line in enumerate(text.splitlines(), start=1):
        if _TABLE.match(line):
            inside = True
            places[None] = (Location(str(path), n, 1), Location(str(path), n, 1))
        elif _HEADER.match(line):
            inside = False
        elif inside and (m := _KEY.match(line)):
            places[m.group(3)] = (Location(str(path), n, m.end() + 1), Location(str(path), n, len(m.group(1)) + 1))
    return places


def _read(path: Path) -> str:
    text, problem = yamlio.read_text(path)
    if text is None:
        raise ConfigError([(Location(str(path)), f"cannot read configuration: {problem}")])
    return text


def find_config(start: Path | None = None) -> Path | None:
    """The nearest crosscheck.yaml, or pyproject.toml with a [tool.crosscheck] table, from ``start`` up."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        for name in CONFIG_FILES:
            candidate = folder / name
            if not candidate.is_file():
                continue
            if name != "pyproject.toml" or _has_tool_table(candidate):
                return candidate
    return None


def _has_tool_table(path: Path) -> bool:
    """Whether a pyproject.toml has a [tool.crosscheck] table (a broken file that seems to is read,
    so that its errors are reported: one that is not UTF-8 too)."""
    try:
        data = path.read_bytes()
    except OSError:
        return False
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return re.search(rb"^\s*\[\s*tool\s*\.\s*crosscheck\b", data, re.M) is not None
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10
        return bool(re.search(r"^\s*\[\s*tool\s*\.\s*crosscheck\b", text, re.M))
    try:
        tool = tomllib.loads(text).get("tool", {})
    except ValueError:  # TOMLDecodeError, or a value tomllib cannot build
        return "crosscheck" in text
    return isinstance(tool, dict) and "crosscheck" in tool


def _relative(base: Path, value: str) -> str:
    """``value`` from a file in ``base``, as a path relative to the working directory where possible."""
    p = Path(value).expanduser()
    if not p.is_absolute():
        p = base / p
    try:
        return os.path.relpath(p)
    except ValueError:
        return str(p)


def load_config(path: Path) -> dict[str, tuple[Any, Location]]:
    """The settings a file gives, validated, each with its place; raises ConfigError."""
    raw = read_pyproject(path) if path.name == "pyproject.toml" else read_yaml(path)
    out: dict[str, tuple[Any, Location]] = {}
    problems: list[tuple[Location, str]] = []
    for key, (value, loc, key_loc) in raw.items():
        name = key.replace("_", "-")
        spec = SETTINGS.get(name)
        if spec is None:
            problems.append((key_loc, f"unknown setting {key!r}; settings are {', '.join(SETTINGS)}"))
            continue
        wrong = problem(spec, value)
        if wrong:
            problems.append((loc, f"{name}: {wrong}"))
            continue
        if name in ("paths", "rules", "ignore", "format", "vocabulary") and isinstance(value, str):
            value = [value]
        if spec.is_path and isinstance(value, str):
            value = _relative(path.parent, value)
        elif spec.is_path and isinstance(value, list):
            value = [_relative(path.parent, v) for v in value]
        if name == "vocabulary":
            problems += [(loc, f"vocabulary: {v} is not a vocabulary (a file that says `lexicon: vocabulary`)")
                         for v in value if declared_lexicon(v) != "vocabulary"]
        out[name] = (value, loc)
    if problems:
        raise ConfigError(problems)
    return out


@dataclass(frozen=True)
class Settings:
    """The effective settings, with the source of each (default / FILE:LINE / command line)."""

    values: dict[str, Any]
    sources: dict[str, str]
    file: Path | None = None
    root: Path = field(default_factory=Path.cwd)

    def __getitem__(self, name: str) -> Any:
        return self.values[name]


def _from_command_line(args: Any) -> dict[str, Any]:
    """The settings given on the command line (only those given)."""
    got: dict[str, Any] = {}
    if getattr(args, "paths", None):
        got["paths"] = list(args.paths)
    if getattr(args, "no_default_rules", False):
        got["default-rules"] = False
    for name, dest in (("fail-on", "fail_on"), ("min-severity", "min_severity"), ("baseline", "baseline"),
                       ("jobs", "jobs"), ("cache", "cache")):
        if getattr(args, dest, None) is not None:
            got[name] = getattr(args, dest)
    if getattr(args, "format", None):
        got["format"] = list(args.format)
    if getattr(args, "no_cache", False):
        got["cache"] = False
    if "jobs" in got and problem(SETTINGS["jobs"], got["jobs"]):
        raise UsageError(f"--jobs {problem(SETTINGS['jobs'], got['jobs'])}")
    return got


def defaults(root: Path | None = None) -> Settings:
    """The built-in settings, no file read; the fact cache under ``root`` (default: the working folder)."""
    root = root or Path.cwd()
    values = {k: list(s.default) if isinstance(s.default, list) else s.default for k, s in SETTINGS.items()}
    values["cache"] = _relative(root, DEFAULT_CACHE)
    return Settings(values, {k: "default" for k in SETTINGS}, None, root)


def resolve(args: Any = None, *, cwd: Path | None = None) -> Settings:
    """Defaults, then the configuration file (``args.config`` or the nearest), then the command line."""
    explicit = getattr(args, "config", None)
    if explicit:
        path = Path(explicit)
        if not path.is_file():
            what = "not a regular file" if path.exists() else "configuration file not found"
            raise UsageError(what, Location(explicit))
    else:
        path = find_config(cwd)
        if path is not None:
            path = Path(_relative(Path.cwd(), str(path)))
    root = path.parent if path else (cwd or Path.cwd())
    base = defaults(root)
    values, sources = dict(base.values), dict(base.sources)
    if path is not None:
        for name, (value, loc) in load_config(path).items():
            values[name] = value
            sources[name] = f"{path}:{loc.line}" if loc.line else str(path)
    cli = _from_command_line(args) if args is not None else {}
    rules_from_cli = list(getattr(args, "rules", None) or [])
    for name, value in cli.items():
        values[name] = value
        sources[name] = "command line"
    if rules_from_cli:
        values["rules"] = [*values["rules"], *rules_from_cli]
        sources["rules"] = "command line" if sources["rules"] == "default" else f"{sources['rules']} + command line"
    return Settings(with_vocabulary(values), sources, path, root)


def with_vocabulary(values: dict[str, Any]) -> dict[str, Any]:
    """``values`` with the ``vocabulary`` files among the rule paths, where they are read as lexicons."""
    if values["vocabulary"]:
        values["rules"] = [*values["rules"], *(v for v in values["vocabulary"] if v not in values["rules"])]
    return values
