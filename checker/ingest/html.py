"""HTML pages to the text claims are read from, with every character mapped into the HTML file.

Only the main text is kept: ``nav``, ``header``, ``footer``, ``aside``, ``script``, ``style``,
``noscript``, ``template``, ``svg``, forms and their controls, ``figcaption``, media elements and
anything ``hidden`` (or with a navigation/banner/footer ``role``) are dropped.  When the page has
an ``<article>`` the largest one is the text; else its ``<main>``; else the whole body.  Block
elements become paragraph breaks and ``<br>`` a line break; other runs of white space become one
space, as a browser shows them.  Entities are decoded; a decoded character maps to its ``&``.

The page's own metadata (``og:site_name``, ``article:published_time``, ``og:title``/``<title>``,
the canonical URL) is returned too; ingest ranks it below metadata the user wrote.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

from .textmap import Mapped

__all__ = ["read_html"]

_SKIP = frozenset(
    "nav header footer aside script style noscript template svg math form button select textarea "
    "iframe object embed canvas video audio figcaption dialog".split()
)
_VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())
_BLOCK = frozenset(
    "address article blockquote body dd details div dl dt fieldset figure h1 h2 h3 h4 h5 h6 hgroup hr "
    "li main ol p pre section summary table tbody thead tfoot tr td th caption ul center".split()
)
_ROLES = frozenset("navigation banner contentinfo complementary search dialog alert".split())
_META = {
    "og:site_name": "outlet", "application-name": "outlet",
    "article:published_time": "published", "datepublished": "published", "date": "published",
    "pubdate": "published", "publish-date": "published", "parsely-pub-date": "published",
    "dc.date": "published", "dc.date.issued": "published",
    "og:title": "title", "twitter:title": "title",
    "og:url": "url",
}
_PARAGRAPH, _LINE = "\x1c", "\x1d"
_WHITE = re.compile(r"(?! (?![ \t\r\n\f\x1c\x1d]))[ \t\r\n\f\x1c\x1d]+")  # any run but a lone ' '


class _Page(HTMLParser):
    """Collects text pieces ``(text, file offset, article number, in <main>)``, so that the main
    text can be chosen once the whole page is read."""

    def __init__(self, raw: str):
        super().__init__(convert_charrefs=False)
        self.raw = raw
        self.nl = [0, *(m.end() for m in re.finditer("\n", raw))]
        self.pieces: list[tuple[str, int, int, bool]] = []
        self.meta: dict[str, str] = {}
        self.title: list[str] | None = None
        self.page_title = ""
        self.skip: tuple[str, int] | None = None  # (tag, nesting depth) while inside a dropped element
        self.articles = self.article_depth = self.main_depth = self.pre = 0

    def here(self) -> int:
        line, col = self.getpos()
        return self.nl[line - 1] + col

    def emit(self, text: str, at: int) -> None:
        self.pieces.append((text, at, self.articles if self.article_depth else 0, self.main_depth > 0))

    def handle_starttag(self, tag, attrs):
        if self.skip:
            if tag == self.skip[0] and tag not in _VOID:
                self.skip = (tag, self.skip[1] + 1)
            return
        attrs = dict(attrs)
        if tag in ("meta", "link"):
            return self._meta(tag, attrs)
        if tag == "title":
            self.title = []
        if tag in _SKIP or _hidden(attrs):
            if tag not in _VOID:
                self.skip = (tag, 1)
            return
        if tag == "article":
            self.articles += not self.article_depth
            self.article_depth += 1
        self.main_depth += tag == "main"
        self.pre += tag == "pre"
        if tag in _BLOCK or tag == "br":
            self.emit(_LINE if tag == "br" else _PARAGRAPH, self.here())

    def handle_startendtag(self, tag, attrs):
        if tag in _VOID or tag in _BLOCK:
            self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag):
        if self.skip:
            if tag == self.skip[0]:
                self.skip = (tag, self.skip[1] - 1) if self.skip[1] > 1 else None
            return
        if tag == "title" and self.title is not None:
            self.page_title, self.title = " ".join("".join(self.title).split()), None
        if tag in _BLOCK:
            self.emit(_PARAGRAPH, self.here())
        self.article_depth -= tag == "article" and self.article_depth > 0
        self.main_depth -= tag == "main" and self.main_depth > 0
        self.pre -= tag == "pre" and self.pre > 0

    def handle_data(self, data):
        if self.skip:
            return
        if self.title is not None:
            self.title.append(data)
            return
        if _PARAGRAPH in data or _LINE in data:
            data = data.replace(_PARAGRAPH, " ").replace(_LINE, " ")
        self.emit(data.replace("\n", _LINE) if self.pre else data, self.here())

    def handle_entityref(self, name):
        self._ref(f"&{name}")

    def handle_charref(self, name):
        self._ref(f"&#{name}")

    def _ref(self, ref: str) -> None:
        if self.skip:
            return
        at = self.here()
        if self.raw.startswith(";", at + len(ref)):
            ref += ";"
        text = html.unescape(ref)
        if self.title is not None or text == ref:  # not an entity: its characters as they are
            return self.handle_data(text) if self.title is not None else self.emit(ref, at)
        # "&nbsp0" reads as NBSP then "0": what the entity does not use maps to itself
        kept = 0
        while kept < min(len(text) - 1, len(ref) - 1) and text[-1 - kept] == ref[-1 - kept]:
            kept += 1
        self.emit(text[:len(text) - kept], at)
        if kept:
            self.emit(text[len(text) - kept:], at + len(ref) - kept)

    def _meta(self, tag: str, attrs: dict) -> None:
        if tag == "link":
            if (attrs.get("rel") or "").lower() == "canonical" and attrs.get("href"):
                self.meta.setdefault("url", attrs["href"].strip())
            return
        key = (attrs.get("property") or attrs.get("name") or attrs.get("itemprop") or "").lower()
        content = (attrs.get("content") or "").strip()
        if key in _META and content:
            self.meta.setdefault(_META[key], content)


def _hidden(attrs: dict) -> bool:
    style = (attrs.get("style") or "").replace(" ", "").lower()
    return ("hidden" in attrs or attrs.get("aria-hidden") == "true"
            or (attrs.get("role") or "").lower() in _ROLES or "display:none" in style)


def _main(pieces: list[tuple[str, int, int, bool]]) -> list[tuple[str, int]]:
    """The pieces of the largest <article>, else of <main>, else all; an article or main is only
    taken when it holds at least a quarter of the page's text (not a teaser in a list)."""
    sizes: dict[int, int] = {}
    main = 0
    for text, _, article, in_main in pieces:
        n = len(text.strip())
        sizes[article] = sizes.get(article, 0) + n
        main += n if in_main else 0
    total = sum(sizes.values())
    best = max((g for g in sizes if g), key=sizes.__getitem__, default=0)
    if best and sizes[best] * 4 >= total:
        return [(t, at) for t, at, g, _ in pieces if g == best]
    if main and main * 4 >= total:
        return [(t, at) for t, at, _, m in pieces if m]
    return [(t, at) for t, at, _, _ in pieces]


def _white(m: re.Match) -> str:
    s = m.group()
    return "\n\n" if _PARAGRAPH in s else "\n" if _LINE in s else " "


def read_html(raw: str) -> tuple[Mapped, dict[str, str]]:
    """The main text of the page ``raw``, mapped into it, and the page's own metadata."""
    page = _Page(raw)
    try:
        page.feed(raw)
        page.close()
    except (AssertionError, ValueError, IndexError):  # html.parser gives up on some broken markup
        pass
    meta = dict(page.meta)
    if page.page_title and "title" not in meta:
        meta["title"] = page.page_title
    return Mapped.build(_main(page.pieces)).sub(_WHITE, _white), meta
