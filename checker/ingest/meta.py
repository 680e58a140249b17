"""Article metadata: Markdown front matter, sources.yaml files, and the checks on each field.

Every article may carry ``outlet``, ``published``, ``title``, ``url``, ``story`` and
``crosscheck: {ignore: [rule, ...]}``.  Values are checked here and a bad one is an
:class:`~checker.errors.InputError` at the ``file:line:col`` of its key.  ``published`` becomes an
ISO 8601 string: a date (``2025-05-19``) or a date and time (``2025-05-19T14:03:00+00:00``).
"""

from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml
from yaml.constructor import SafeConstructor

from checker.errors import InputError, Location

__all__ = ["FIELDS", "check_meta", "front_matter", "iso_date", "load_sources", "outlet_from_url"]

FIELDS = ("outlet", "published", "title", "url", "story")
SOURCES_FILES = ("sources.yaml", "sources.yml")

_FRONT = re.compile(r"---[ \t]*(?:\r\n?|\n)(?:(.*?)(?:\r\n?|\n))??(?:---|\.\.\.)[ \t]*(?:\r\n?|\n|\Z)", re.S)
# libyaml's loader where PyYAML was built with it: the same nodes, marks and tags, several times faster
_FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_DATE_FORMATS = ("%B %d, %Y", "%b %d, %Y", "%d %B %Y", "%d %b %Y", "%Y/%m/%d", "%d.%m.%Y")


def iso_date(value: Any) -> str:
    """``value`` (a date, a datetime or a string in a common form) as an ISO 8601 string."""
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"expected a date such as 2025-05-19, not {value!r}")
    text = value.strip()
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return date.fromisoformat(text).isoformat()
    try:
        return datetime.fromisoformat(re.sub(r"Z$", "+00:00", text)).isoformat()
    except ValueError:
        pass
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt).date().isoformat()
        except ValueError:
            pass
    import email.utils  # only for RFC 2822 dates ("Mon, 19 May 2025 ..."): not imported by every run

    try:
        return email.utils.parsedate_to_datetime(text).isoformat()
    except (TypeError, ValueError, IndexError):
        raise ValueError(f"expected a date such as 2025-05-19, not {value!r}") from None


def outlet_from_url(url: str | None) -> str | None:
    """The host of ``url`` without ``www.``, as an outlet name of last resort."""
    if not url:
        return None
    try:
        host = urlsplit(url).hostname
    except ValueError:
        return None
    return host[4:] if host and host.startswith("www.") else host


class Marked:
    """A YAML document's value plus the place of every mapping key, by its path of keys."""

    def __init__(self, path: str, text: str, first_line: int = 1):
        self.path = path
        self.first_line = first_line
        self.marks: dict[tuple, tuple[int, int]] = {}
        try:
            node = yaml.compose(text, Loader=_FAST_LOADER)  # libyaml: a sources.yaml of thousands of files
        except yaml.YAMLError:
            node = None
            try:  # PyYAML's own loader, for its messages (and whatever it reads that libyaml does not)
                node = yaml.compose(text, Loader=yaml.SafeLoader)
            except yaml.YAMLError as exc:
                raise InputError(f"invalid YAML: {getattr(exc, 'problem', None) or exc}", self._mark(exc)) from None
        self.value = SafeConstructor().construct_document(node) if node is not None else None
        self._walk(node, ())

    @classmethod
    def at(cls, path: str, line: int) -> Marked:
        """No document: every key is reported at line ``line`` (a feed line's JSON object)."""
        return cls(path, "", line)

    def _mark(self, exc: yaml.YAMLError) -> Location:
        mark = getattr(exc, "problem_mark", None)
        if mark is None:
            return Location(self.path, self.first_line)
        return Location(self.path, mark.line + self.first_line, mark.column + 1)

    def _walk(self, node, keys: tuple) -> None:
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                k = keys + (key.value,)
                self.marks[k] = (key.start_mark.line + self.first_line, key.start_mark.column + 1)
                self._walk(value, k)

    def where(self, *keys: str) -> Location:
        for n in range(len(keys), 0, -1):
            if keys[:n] in self.marks:
                return Location(self.path, *self.marks[keys[:n]])
        return Location(self.path, self.first_line, 1)


def check_meta(data: Any, doc: Marked, *keys: str) -> dict[str, Any]:
    """The metadata fields in mapping ``data`` (found at ``keys`` in ``doc``), checked."""
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise InputError("expected a mapping of metadata keys (outlet, published, title, url, story)",
                         doc.where(*keys))
    out: dict[str, Any] = {}
    for name in (*FIELDS, "id"):
        value = data.get(name)
        if value is None:
            continue
        if name == "published":
            try:
                out[name] = iso_date(value)
            except ValueError as exc:
                raise InputError(f"published: {exc}", doc.where(*keys, name)) from None
        elif isinstance(value, (str, int, float)) and not isinstance(value, bool) and str(value).strip():
            out[name] = str(value).strip()
        else:
            raise InputError(f"{name} must be a text, not {value!r}", doc.where(*keys, name))
    if "crosscheck" in data:
        out["ignore"] = _ignore(data["crosscheck"], doc, (*keys, "crosscheck"))
    return out


def _ignore(value: Any, doc: Marked, keys: tuple) -> tuple[str, ...]:
    rules = value.get("ignore") if isinstance(value, dict) else None
    if isinstance(rules, str):
        rules = [rules]
    if not isinstance(value, dict) or set(value) - {"ignore"} or not isinstance(rules, list) \
            or not all(isinstance(r, str) and r.strip() for r in rules):
        raise InputError("crosscheck must be a mapping like {ignore: [rule-id, ...]}", doc.where(*keys))
    return tuple(r.strip() for r in rules)


def front_matter(raw: str, path: str) -> tuple[dict[str, Any], int]:
    """The metadata in ``raw``'s YAML front matter and the offset where the body starts."""
    if not raw.startswith("---") or raw[3:4] not in ("", " ", "\t", "\r", "\n"):
        return {}, 0
    m = _FRONT.match(raw)
    if m is None:
        raise InputError("front matter opened here is never closed (no closing `---` line)", Location(path, 1, 1))
    doc = Marked(path, m.group(1) or "", first_line=2)
    return check_meta(doc.value, doc), m.end()


def load_sources(folder: Path, display: str) -> tuple[dict[str, Any], dict[str, dict[str, Any]]]:
    """The metadata of a sources.yaml in ``folder``: defaults for every file, and per file name."""
    for name in SOURCES_FILES:
        file = folder / name
        if file.is_file():
            break
    else:
        return {}, {}
    where = str(Path(display) / name)
    try:
        text = file.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read: {getattr(exc, 'strerror', None) or exc}", Location(where)) from None
    doc = Marked(where, text)
    data = doc.value if doc.value is not None else {}
    if not isinstance(data, dict):
        raise InputError("sources file must be a mapping with `articles: {file name: {outlet, ...}}`",
                         Location(where, 1, 1))
    articles = data.get("articles") or {}
    if not isinstance(articles, dict):
        raise InputError("articles must be a mapping of file name to metadata", doc.where("articles"))
    defaults = check_meta({k: v for k, v in data.items() if k in (*FIELDS, "crosscheck")}, doc)
    files = {str(k): check_meta(v, doc, "articles", k) for k, v in articles.items()}
    return defaults, files
