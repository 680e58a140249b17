"""Markdown (and Markdown-ish plain text) to the text claims are read from, plus the suppression
comments Markdown and HTML files may hold.

Markdown: HTML comments and tags, images, code fences, heading/quote marks, emphasis marks and
backslash escapes are dropped; a link ``[text](url)`` keeps its text; a list item's mark ("-",
"*", "+", "1." or "1)") becomes one bullet ("\u2022"), which the sentence splitter ends the item
before (an item's number is no figure).  Plain text keeps everything but links and images
written the Markdown way (pages saved as text often have them: "[drone strikes](#)") and the marks
"-", "*" and "+" of list items, which become bullets too (a number opening a line of wrapped plain
text may be a figure).  Every character left still maps to its place in the file.

Suppression comments (Markdown and HTML)::

    <!-- crosscheck-disable-next-line RULE[, RULE...] -- reason -->

suppress the given rules (all rules when none is named) on the next line of the file that is not
blank.  They become ``Article.suppressions``: (file line, rule id or "*", reason).
"""

from __future__ import annotations

import bisect
import re

from .textmap import Mapped, line_starts

__all__ = ["clean_markdown", "clean_text", "suppressions"]

_LINKS = (
    r"(?P<image>!\[[^\]\n]*\]\([^)\n]*\))"
    r"|\[(?P<link>[^\]\n]+)\]\((?:[^()\s]|\([^()\s]*\))*(?:\s+\"[^\"\n]*\")?\)"
    r"|<(?P<auto>(?:https?|mailto):[^>\s]+)>"
)
_TEXT = re.compile(_LINKS)
_PLAIN_BULLET = re.compile(r"^[ \t]*[-*+][ \t]+(?=\S)", re.M)
# a line after the first that may start with a plain bullet: the search for it skips from line break to
# line break at C speed (a literal starts it), where _PLAIN_BULLET's "^" is tried at every character
_BULLET_AFTER_BREAK = re.compile(r"\n[ \t]*[-*+][ \t]")
_MARKDOWN = re.compile(
    r"(?P<comment><!--[\s\S]*?-->)"
    r"|(?P<fence>^[ \t]*(?:```|~~~)[^\n]*$)"
    r"|" + _LINKS +
    r"|\[(?P<ref>[^\]\n]+)\]\[[^\]\n]*\]"
    r"|(?P<refdef>^[ ]{0,3}\[[^\]\n]+\]:[ \t]*\S[^\n]*$)"
    r"|(?P<tag></?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>)"
    r"|(?P<rule>^[ ]{0,3}(?:[-*_][ \t]*){3,}$)"
    r"|(?P<setext>^[ ]{0,3}=+[ \t]*$)"
    r"|(?P<heading>^[ ]{0,3}#{1,6}(?=[ \t]|$)[ \t]*)"
    r"|(?P<quote>^[ ]{0,3}>[ \t]?)"
    r"|(?P<bullet>^[ \t]*[-*+][ \t]+)"
    r"|(?P<ordered>^[ ]{0,3}\d{1,2}[.)][ \t]+(?=\S))"
    r"|\\(?P<escape>[\\`*_{}\[\]()#+\-.!|>~])"
    r"|(?P<emph>\*\*|__|~~|(?<![\w*])\*(?=\S)|(?<=\S)\*(?![\w*])|(?<![\w_])_(?=\S)|(?<=\S)_(?![\w_])|`+)",
    re.M,
)
_KEEP = ("link", "auto", "ref", "escape")
_BULLET = "\u2022 "


def _replace(m: re.Match):
    """What replaces a match of _MARKDOWN or _TEXT (which has only some of the groups): the text
    of a group that is kept, else nothing."""
    groups = m.re.groupindex
    if "bullet" in groups and (m.group("bullet") is not None or m.group("ordered") is not None):
        return _BULLET  # an item keeps a mark, so it stays a sentence of its own
    for group in _KEEP:
        if group in groups and m.group(group) is not None:
            return [m.span(group)]
    return ""


def clean_markdown(text: Mapped) -> Mapped:
    """Markdown markup removed; the words stay where they were."""
    return text.sub(_MARKDOWN, _replace)


def clean_text(text: Mapped) -> Mapped:
    """Markdown links and images in plain text: a link keeps its text, an image goes; a list
    item's mark at the start of a line becomes one bullet, as in Markdown (a "-" left there is
    read as a minus or a range with the figure of the item before)."""
    if "](" in text.text or "<http" in text.text:
        text = text.sub(_TEXT, _replace)
    if _PLAIN_BULLET.match(text.text) is None and _BULLET_AFTER_BREAK.search(text.text) is None:
        return text  # no line starts with a bullet
    return text.sub(_PLAIN_BULLET, _BULLET)


_SUPPRESS = re.compile(r"<!--\s*crosscheck-disable-next-line\b([\s\S]*?)-->")


def suppressions(raw: str) -> tuple[tuple[int, str, str], ...]:
    """The suppression comments in ``raw``."""
    if "crosscheck-disable" not in raw:
        return ()
    starts = line_starts(raw)
    out: list[tuple[int, str, str]] = []
    for m in _SUPPRESS.finditer(raw):
        names, _, reason = m.group(1).partition("--")
        rules = [r for r in re.split(r"[\s,]+", names.strip()) if r] or ["*"]
        line = _target(raw, starts, bisect.bisect_right(starts, m.end() - 1))
        out.extend((line, rule, reason.strip()) for rule in rules)
    return tuple(out)


def _target(raw: str, starts: tuple[int, ...], index: int) -> int:
    """The 1-based number of the first line from 0-based ``index`` on that is neither blank nor
    another suppression comment."""
    while index < len(starts):
        end = starts[index + 1] if index + 1 < len(starts) else len(raw)
        line = raw[starts[index]:end].strip()
        if line and not _SUPPRESS.fullmatch(line):
            break
        index += 1
    return index + 1
