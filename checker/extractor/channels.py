"""How and when a quoted statement was given: its channel or audience ("told reporters", "in a
statement", "wrote on X", "in an interview", "in a televised address", "told parliament", "on a
call") and the day word of its attribution clause ("on Monday", "said Tuesday").

Both are read from the words of the quote's sentences that are outside quotation marks, so a
channel or a day inside someone's words is not the quote's.  A channel is kept as written ("told
journalists") and compared through its class (:func:`channel_class`: "told reporters" and "told
journalists" are one class, "on X" and "tweeted" another); a day is a weekday named within a few
words after the attribution's speech verb or after the channel, where it dates the statement, not
what the statement is about.
"""

from __future__ import annotations

import bisect
import functools
import re
from itertools import accumulate, islice

from .attribution import Attribution
from .sentences import Words

__all__ = ["CHANNEL_CLASSES", "Channels", "channel_class", "compatible"]

WEEKDAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday".split())

_D = r"(?:(?:a|an|the|his|her|its|their|a\s+brief|a\s+short|a\s+joint|a\s+written)\s+)?"
_PRESS_AUDIENCE = r"(?:reporters|journalists|newsmen|the\s+press|the\s+media|news\s+agencies)"
_PLATFORMS = (r"(?:x|twitter|facebook|telegram|instagram|threads|bluesky|linkedin|weibo|tiktok|youtube|"
              r"truth\s+social|social\s+media|social\s+networks?)")
_PARLIAMENT = r"(?:parliament|lawmakers|legislators|the\s+senate|congress|the\s+assembly|mps|deputies)"

# class -> patterns on the lower-case words of the attribution clause (one space between words)
CHANNEL_CLASSES: dict[str, tuple[str, ...]] = {
    "press": (
        rf"(?:told|telling|tells|tell|briefed|briefing|speaking\s+to|spoke\s+to|talking\s+to|said\s+to)\s+{_PRESS_AUDIENCE}",
        rf"(?:told|at|during|in|to|before|addressing|addressed)\s+{_D}(?:news|press|media)\s+(?:conference|briefing)",
        r"(?:news|press)\s+conference", r"(?:news|press|media)\s+briefing",
    ),
    "statement": (
        rf"(?:in|issued|released|through)\s+{_D}statement", r"(?:press|news)\s+release",
        rf"in\s+{_D}communiqu[eé]",
    ),
    "social": (
        rf"(?:wrote|posted|said|tweeted|announced|confirmed|shared|writing|posting|said\s+in\s+a\s+post)\s+on\s+{_PLATFORMS}",
        rf"in\s+{_D}(?:post|tweet|video|message)\s+on\s+{_PLATFORMS}", r"\btweeted\b", r"\bin\s+a\s+tweet\b",
        r"on\s+(?:social\s+media|social\s+networks?)",
    ),
    "interview": (rf"in\s+{_D}interview", r"interview\s+with", r"told\s+(?:the\s+)?\w+\s+(?:television|radio|tv|newspaper)"),
    "speech": (
        rf"(?:in|during|gave|delivering|delivered)\s+{_D}(?:televised|television|tv|national|video)\s+(?:address|speech|statement)",
        r"address\s+to\s+the\s+nation", rf"(?:in|during)\s+{_D}speech",
    ),
    "parliament": (rf"(?:told|addressing|addressed|before|in)\s+{_PARLIAMENT}",),
    "call": (rf"on\s+{_D}(?:phone|conference|video)?\s*call", r"by\s+(?:phone|telephone)"),
    "crowd": (r"(?:told|addressing|addressed)\s+(?:the\s+|a\s+)?(?:crowd|supporters|rally|protesters|picketers|mourners)",),
}
# (the word boundaries around all the classes rather than inside each: a search then tries the
# classes only where a word starts, not at every character)
_PATTERN = re.compile(r"\b(?:" + "|".join(rf"(?P<{c}>{'|'.join(ps)})" for c, ps in CHANNEL_CLASSES.items()) + r")\b")
_SUBCLASS = re.compile(rf"\b({_PLATFORMS})\b|\btweet")


@functools.lru_cache(maxsize=4096)
def channel_class(channel: str | None) -> str | None:
    """The class of a channel as written ("told journalists" -> "press"; "tweeted" ->
    "social/x", "on social media" -> "social"); None for no channel or one of no known class."""
    if not channel:
        return None
    m = _PATTERN.search(" ".join(channel.casefold().split()))
    if m is None:
        return None
    kind = m.lastgroup or ""
    if kind == "social":
        sub = _SUBCLASS.search(m.group(0))
        name = (sub.group(1) or "x") if sub else ""
        name = {"twitter": "x"}.get(name, name)
        if name and not name.startswith("social"):
            return f"social/{' '.join(name.split())}"
    return kind


def compatible(a: str | None, b: str | None) -> bool:
    """Two channel classes that may be one channel: the same, or one the general form of the
    other ("social" and "social/x"); a missing class is compatible with anything."""
    if a is None or b is None or a == b:
        return True
    return a.split("/")[0] == b.split("/")[0] and "/" not in (a if len(a) < len(b) else b)


# a word one of the patterns needs: a sentence with none of them gives no channel (checked first)
_KEYWORDS = frozenset("""reporters journalists newsmen press media agencies conference briefing statement release
    communique communiqué x twitter facebook telegram instagram threads bluesky linkedin weibo tiktok youtube truth
    social tweeted tweet interview television radio tv newspaper address speech nation parliament lawmakers
    legislators senate congress assembly mps deputies call phone telephone crowd supporters rally protesters
    picketers mourners""".split())


class Channels:
    """The channel and day of each quote of one article: built once with the article's words, its
    attributions and its quotes' word ranges (``quoted``, in order)."""

    def __init__(self, words: Words, attributions: list[Attribution], quoted: list[tuple[int, int]]):
        self.words = words
        self.quoted = sorted(quoted)
        self.starts = [q0 for q0, _ in self.quoted]
        self.verbs: dict[int, list[int]] = {}
        for a in attributions:
            if not self.inside(a.verb):
                self.verbs.setdefault(a.sentence, []).append(a.verb)
        self.done: dict[tuple[int, int], tuple[str | None, str | None]] = {}

    def inside(self, i: int) -> bool:
        """True when word ``i`` is inside a quote (or is its closing mark)."""
        k = bisect.bisect_right(self.starts, i) - 1
        return k >= 0 and i <= self.quoted[k][1]

    def of(self, span_first: int, span_last: int) -> tuple[str | None, str | None]:
        """(channel as written, weekday) of the quote over words [span_first, span_last), from the
        words of its sentences outside every quote."""
        sentence_of = self.words.sentence_of
        pair = (sentence_of(span_first), sentence_of(max(span_first, span_last - 1)))
        found = self.done.get(pair)
        if found is None:
            found = self.done[pair] = self._of(*pair)
        return found

    def _of(self, first: int, last: int) -> tuple[str | None, str | None]:
        words, ws = self.words, self.words.words
        lo, hi = words.sentences[first].first, words.sentences[last].last
        norms = words.norms[lo:hi]
        channel, anchors = None, []
        found = None
        if not _KEYWORDS.isdisjoint(norms):
            found = _clause(words, lo, hi, self.quoted, max(0, bisect.bisect_left(self.starts, lo) - 1))
        m = _PATTERN.search(found[0]) if found else None
        if m is not None:
            _, idx, offsets = found
            c0 = idx[bisect.bisect_right(offsets, m.start()) - 1]
            c1 = idx[bisect.bisect_right(offsets, m.end() - 1) - 1]
            channel = words.text[ws[c0].start:ws[c1].end]
            anchors.append(c1)
        if WEEKDAYS.isdisjoint(norms):
            return channel, None
        for si in range(first, last + 1):
            anchors += self.verbs.get(si, ())
        return channel, self._day(anchors)

    def _day(self, anchors: list[int]) -> str | None:
        """A weekday within four words after one of ``anchors`` (a speech verb, a channel's last
        word), outside quotes, with only "on", "late", "early" or time words between."""
        ws = self.words.words
        for a in anchors:
            for i in range(a + 1, min(len(ws), a + 5)):
                if self.inside(i):
                    break
                norm = ws[i].norm
                if norm in WEEKDAYS:
                    return ws[i].text.capitalize()
                if norm not in _BETWEEN:
                    break
        return None


_BETWEEN = frozenset(("on", "late", "early", "earlier", "last", "this", "morning", "evening", "night", "afternoon"))


def _clause(words: Words, lo: int, hi: int, quoted: list[tuple[int, int]],
            start: int) -> tuple[str, list[int], list[int]] | None:
    """The lower-case words [lo, hi) outside the ``quoted`` word ranges (sorted; those from
    ``start`` on may meet [lo, hi)) around the words a channel needs (from six words before the
    first to three after the last: no pattern is longer), one space apart (a quote is a break:
    "|"), with the word index and the offset in that text of each; None when there is no such word."""
    ws, norms = words.words, words.norms
    idx: list[int] = []
    k = lo
    for q_first, q_last in islice(quoted, start, None):
        if q_first >= hi:
            break
        if q_last <= lo:
            continue
        idx.extend(range(k, min(q_first, hi)))
        idx.append(-1)
        k = max(k, q_last + 1)
    idx.extend(range(k, hi))
    idx = [i for i in idx if i < 0 or ws[i].kind in ("word", "num")]
    tokens = [norms[i] if i >= 0 else "|" for i in idx]
    keys = [n for n, t in enumerate(tokens) if t in _KEYWORDS]
    if not keys:
        return None
    a, b = max(0, keys[0] - 6), keys[-1] + 4
    idx, tokens = idx[a:b], tokens[a:b]
    return " ".join(tokens), idx, list(accumulate((len(t) + 1 for t in tokens), initial=0))
