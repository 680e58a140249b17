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

from checker.errors import InputError, Location
from checker.yamlio import Document, read_text, read_yaml

__all__ = ["FIELDS", "check_meta", "front_matter", "iso_date", "load_sources", "outlet_from_url"]

FIELDS = ("outlet", "published", "title", "url", "story")
SOURCES_FILES = ("sources.yaml", "sources.yml")

_FRONT = re.compile(r"---[ \t]*(?:\r\n?|\n)(?:(.*?)(?:\r\n?|\n))??(?:---|\.\.\.)[ \t]*(?:\r\n?|\n|\Z)", re.S)
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


def _document(path: str, text: str, first_line: int = 1, cache: bool = False) -> Document:
    """The YAML document ``text`` (line ``first_line`` of file ``path``; ``cache``: a whole file, whose
    data the YAML cache keeps); InputError at the first problem."""
    doc, problems = read_yaml(path, text, first_line=first_line, cache=cache)
    if doc is None:
        raise InputError(problems[0][1], problems[0][0])
    return doc


def check_meta(data: Any, doc: Document, *keys: Any) -> dict[str, Any]:
    """The metadata fields in mapping ``data`` (found at ``keys`` in ``doc``), checked: a dict of
    the fields given, ``published`` as ISO 8601 text, ``ignore`` as a tuple of rule ids."""
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise InputError("expected a mapping of metadata keys (outlet, published, title, url, story)",
                         doc.location(keys, key=True))
    out: dict[str, Any] = {}
    for name in (*FIELDS, "id"):
        value = data.get(name)
        if value is None:
            continue
        if name == "published":
            try:
                out[name] = iso_date(value)
            except ValueError as exc:
                raise InputError(f"published: {exc}", doc.location((*keys, name), key=True)) from None
        elif isinstance(value, (str, int, float)) and not isinstance(value, bool) and str(value).strip():
            out[name] = str(value).strip()
        else:
            raise InputError(f"{name} must be a text, not {value!r}", doc.location((*keys, name), key=True))
    if "crosscheck" in data:
        out["ignore"] = _ignore(data["crosscheck"], doc, (*keys, "crosscheck"))
    return out


def _ignore(value: Any, doc: Document, keys: tuple) -> tuple[str, ...]:
    rules = value.get("ignore") if isinstance(value, dict) else None
    if isinstance(rules, str):
        rules = [rules]
    if not isinstance(value, dict) or set(value) - {"ignore"} or not isinstance(rules, list) \
            or not all(isinstance(r, str) and r.strip() for r in rules):
        raise InputError("crosscheck must be a mapping like {ignore: [rule-id, ...]}", doc.location(keys, key=True))
    return tuple(r.strip() for r in rules)


def front_matter(raw: str, path: str) -> tuple[dict[str, Any], int]:
    """The metadata in ``raw``'s YAML front matter and the offset where the body starts."""
    if not raw.startswith("---") or raw[3:4] not in ("", " ", "\t", "\r", "\n"):
        return {}, 0
    m = _FRONT.match(raw)
    if m is None:
        raise InputError("front matter opened here is never closed (no closing `---` line)", Location(path, 1, 1))
    doc = _document(path, m.group(1) or "", first_line=2)
    return check_meta(doc.data, doc), m.end()


def load_sources(folder: Path, display: str) -> tuple[dict[str, Any], dict[str, dict[str, Any]]]:
    """The metadata of a sources.yaml in ``folder``: defaults for every file, and per file name."""
    for name in SOURCES_FILES:
        file = folder / name
        if file.is_file():
            break
    else:
        return {}, {}
    where = str(Path(display) / name)
    text, problem = read_text(file)
    if text is None:
        raise InputError(problem, Location(where))
    doc = _document(where, text, cache=True)
    data = doc.data if doc.data is not None else {}
    if not isinstance(data, dict):
        raise InputError("sources file must be a mapping with `articles: {file name: {outlet, ...}}`",
                         Location(where, 1, 1))
    articles = data.get("articles") or {}
    if not isinstance(articles, dict):
        raise InputError("articles must be a mapping of file name to metadata", doc.location(("articles",), key=True))
    defaults = check_meta({k: v for k, v in data.items() if k in (*FIELDS, "crosscheck")}, doc)
    files = {str(k): check_meta(v, doc, "articles", k) for k, v in articles.items()}
    return defaults, files
