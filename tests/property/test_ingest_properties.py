"""Invariants of ingest, for random text in every format: each character of Article.text comes from
its place in the file (the same character, or what it was normalised or decoded from), offsets never
go backwards, and Article.position agrees with the file's own lines."""

from __future__ import annotations

import html
import json
import re

from hypothesis import example, given, note
from hypothesis import strategies as st

from checker.errors import CheckerError
from checker.ingest.articles import read_string

ALPHABET = ("abcxyzXYZ019 .,;:-'\"*_#[]()<>&\\!é😀"
            "\u201c\u201d\u2018\u2019"  # curly quotes
            "\u00a0\u2009\u202f\t"  # odd spaces
            "\u00ad\u200b\u200c\u200d\u2060\ufeff"  # soft hyphen, zero-width
            "\u2011\u2028")
FURNITURE = ["READ MORE: Other story", "Duration 4:06", "23 hours ago", "Back To Top", "Source link",
             "By Jane Smith and Omar Haddad", "Copyright © 2025 X. All rights reserved.", "AP"]
line = st.one_of(st.text(alphabet=ALPHABET, max_size=40), st.sampled_from(FURNITURE))
texts = st.builds(lambda lines, seps: "".join(ln + sep for ln, sep in zip(lines, seps, strict=False)),
                  st.lists(line, min_size=1, max_size=8),
                  st.lists(st.sampled_from(["\n", "\r\n", "\r", "\n\n", "\r\n\r\n"]), min_size=8, max_size=8))

SPACE_SOURCES = set(" \t\u00a0\u2009\u202f\r\n\u2028")


def as_file(fmt: str, text: str, ascii_json: bool) -> str:
    if fmt == "md":
        return "---\noutlet: Example\n---\n" + text
    if fmt == "html":
        paragraphs = "".join(f"<p>{html.escape(p, quote=False)}</p>\n" for p in re.split(r"\n\n|\r\n\r\n", text))
        return f"<html><head><title>t</title></head><body><nav>menu</nav><article>{paragraphs}</article></body></html>"
    if fmt == "jsonl":
        return json.dumps({"outlet": "Example", "text": text}, ensure_ascii=ascii_json) + "\n"
    return text


def decoded_at(raw: str, o: int) -> str | None:
    """What the entity or JSON escape starting at raw[o] stands for."""
    m = re.match(r"&(?:#\d+|#[xX][0-9a-fA-F]+|\w+);?", raw[o:o + 40])
    if raw[o] == "&" and m:
        return html.unescape(m.group())
    m = re.match(r"\\(?:u[dD][89abAB][0-9a-fA-F]{2}\\u[0-9a-fA-F]{4}|u[0-9a-fA-F]{4}|.)", raw[o:o + 12])
    if raw[o] == "\\" and m:
        try:
            return json.loads(f'"{m.group()}"')
        except ValueError:
            return None
    return None


# ingest reads both hyphens as "-", and white space other than a line break as a space, first, and drops
# the invisible characters (textmap._DROP), so that they may sit anywhere in a list item's mark
_INVISIBLE = "[\u00ad\u200b-\u200d\u2060\ufeff\x01-\x08\x0e-\x1f\x7f]"
_SPACE = "[^\\S\r\n\x1c-\x1f]"  # white space that is kept: not a line break, not dropped
_LIST_MARK = re.compile(f"(?:{_SPACE}|{_INVISIBLE})*(?:[-*+\u2010\u2011]|\\d{{1,2}}[.)]){_INVISIBLE}*{_SPACE}(?:{_SPACE}|{_INVISIBLE})*")


def in_list_mark(raw: str, o: int) -> bool:
    """Is file offset ``o`` inside the mark that opens a list item ("- ", "  * ", "12. ")?"""
    start = max(raw.rfind("\n", 0, o), raw.rfind("\r", 0, o)) + 1
    m = _LIST_MARK.match(raw, start)
    return m is not None and o < m.end()


def comes_from(c: str, raw: str, o: int) -> bool:
    r = raw[o]
    if r == c or (c == "-" and r == "\u2011"):
        return True
    if c in "\u2022 " and in_list_mark(raw, o):
        return True  # a list item's mark becomes one bullet and a space
    decoded = decoded_at(raw, o)
    if decoded is not None and (c in decoded or (c.isspace() and any(d.isspace() for d in decoded)) or (c == "-" and decoded == "\u2011")):
        return True
    return c in " \n" and (r in SPACE_SOURCES or r == "<")  # folded white space; an HTML break maps to its tag


def check(article, content: str) -> None:
    raw = article.raw
    lines = re.split(r"\r\n|\r|\n", content)
    previous = -1
    for i, c in enumerate(article.text):
        o = article.file_offset(i)
        assert 0 <= o < len(raw) and o >= previous, (i, o, previous)
        previous = o
        assert comes_from(c, raw, o), (i, c, raw[max(0, o - 5):o + 5])
        line, col = article.position(i)
        text = lines[line - 1]
        if raw[o] in "\r\n":  # a line break sits just past its line's last character ("\r\n": two)
            assert col - 1 - len(text) in (0, 1), (i, line, col)
        else:
            assert text[col - 1] == raw[o], (i, line, col)


@given(texts, st.sampled_from(["txt", "md", "html", "jsonl"]), st.booleans())
@example("Zelen\u00adskyy said\u00a0\u201ctwo hours\u201d\r\nREAD MORE: x\r\n\r\nDuration 4:06\r23 hours ago\n", "txt", True)
@example("a &amp; b\\n \u2028 \ufeffc", "jsonl", True)
@example("[link](#) **bold** \\*", "md", False)
@example("- 0\n  * 12 missing\n12. 300 homes\n", "md", False)
@example("- 0\n+ 12 missing\n", "txt", False)
@example("\u2011 0\n", "txt", False)  # a non-breaking hyphen opens a list item as "-" does
@example("-\u20090\n", "txt", False)  # and a thin space after the mark is a space
@example("-\u2060 0\n", "txt", False)  # a word joiner (dropped) between the mark and its space
def test_every_character_comes_from_its_place_in_the_file(text, fmt, ascii_json):
    content = as_file(fmt, text, ascii_json)
    note(repr(content))
    try:
        articles = read_string(content, f"article.{fmt}")
    except CheckerError:
        return
    for article in articles:
        check(article, content)
        assert "\r" not in article.text and "\u00ad" not in article.text and "\u200b" not in article.text
        assert "\u00a0" not in article.text and "\n\n\n" not in article.text


SOUP = st.lists(st.one_of(
    st.sampled_from(["<p>", "</p>", "<div>", "</div>", "<nav>", "</nav>", "<script>", "</script>", "<article>",
                     "</article>", "<main>", "</main>", "<br/>", "<svg/>", "<!--", "-->", "&amp;", "&#x", "&#8212;",
                     "&nbsp", "<!DOCTYPE html>", "<![CDATA[", "]]>", "<a href='x'>", "</a>", "<p hidden>", "<", ">",
                     "\r\n", "\n"]),
    st.text(alphabet=ALPHABET, max_size=12)), max_size=30).map("".join)


@given(SOUP)
def test_any_html_reads_without_a_crash_and_maps_back(page):
    note(repr(page))
    try:
        articles = read_string(page, "soup.html")
    except CheckerError:
        return
    for article in articles:
        check(article, page)
