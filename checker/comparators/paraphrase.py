"""Two wordings of one statement that share few words in order: translations and paraphrases.

Two outlets that translate one remark ("We are prepared to fight as long as necessary" / "We're
ready to fight for as long as it takes") keep most of its content words but not their order, so a
word alignment (:mod:`.align`) scores them low.  Here a wording is reduced to its *content stems*:
function words dropped, contractions opened ("wouldn't" -> "would", "not"), a crude English
suffix stripped ("committing" -> "commit", "rates" -> "rate"), and the members of a small table of
general English synonyms that translators swap for one another read as one ("certain" = "sure",
"ready" = "prepared").  :func:`shared` counts the content stems two wordings have in common and
:func:`overlap` divides that by the content stems of the shorter one (a shorter excerpt is not a
difference, so the longer one's extra words do not count against it).

In: normalised word tuples (:func:`checker.comparators.align.words`).  Out: counts and a ratio.
No names of people or places: the table is ordinary vocabulary.
"""

from __future__ import annotations

import functools

__all__ = ["content", "negated", "overlap", "shared"]

_FUNCTION = frozenset("""
a an the this that these those there here it its it's itself we us our ours you your he him his she
her they them their i me my mine one ones who whom whose which what when where why how whatever
is are was were be been being am do does did done have has had having will would shall should can
could may might must to of in on at by for from with without into onto over under about as than
then so such and or but if because while until since also too very quite just only even still yet
again ever already all any some each every both either neither no nor not much many more most less
few other another own same s t d ll re ve m o y up out down off away back go going get got way
through within among like per
""".split())

# Sets of words translators use for one another; each word reads as the first of its set.  Plain
# English, no topic words.
_SYNONYMS = (
    "sure certain confident",
    "definitely certainly surely clearly undoubtedly",
    "ready prepared willing",
    "necessary needed required need",
    "begin begun start started underway commence",
    "probable likely likelihood probably probability",
    "country nation land state",
    "see saw seen witness witnessed experience experienced",
    "scene sight",
    "terrible awful dreadful horrible",
    "tragedy disaster catastrophe",
    "huge immense enormous vast",
    "luck fate chance fortune",
    "believe think",
    "help aid assist",
    "big large great",
    "stop end halt",
    "fight struggle battle",
    "reach get find",
    "kill killed dead death die died",
    "child children kid kids",
    "people person persons",
    "quick fast rapid rapidly quickly",
    "spread propagation",
    "response riposte reaction",
)
_CANON = {w: s.split()[0] for s in _SYNONYMS for w in s.split()}
_SUFFIXES = ("ingly", "ing", "edly", "ed", "ies", "es", "s", "ly")


@functools.lru_cache(maxsize=65536)
def _stem(word: str) -> str:
    """A word's crude stem: synonyms read as one, one English suffix off, a doubled last letter and
    a final "e" dropped, so that "rates", "rate"; "taking", "takes"; "committing", "commit" agree."""
    if word in _CANON:
        return _CANON[word]
    base = word
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            if suffix == "s" and word.endswith("ss") or suffix == "es" and not word.endswith(("ses", "xes", "ches", "shes")):
                continue
            base = word[: -len(suffix)] + ("y" if suffix == "ies" else "")
            break
    if base in _CANON:
        return _CANON[base]
    if len(base) > 3 and base[-1] == base[-2] and base[-1] not in "sl":
        base = base[:-1]  # "committ" -> "commit"
    if len(base) > 3 and base.endswith("e"):
        base = base[:-1]
    return _CANON.get(base, base)


def _open(word: str) -> tuple[str, ...]:
    """A contraction opened: "wouldn't" -> ("would", "not"), "we're" -> ("we", "re")."""
    if word.endswith("n't"):
        return (word[:-3] or word, "not")
    return tuple(p for p in word.split("'") if p)


@functools.lru_cache(maxsize=65536)
def content(wording: tuple[str, ...]) -> frozenset[str]:
    """The content stems of a normalised wording."""
    out = set()
    for word in wording:
        for part in _open(word):
            if part not in _FUNCTION and not part.isdigit() and len(part) > 1:
                out.add(_stem(part))
    return frozenset(out)


def negated(wording: tuple[str, ...]) -> bool:
    """True when the wording says "not", "never" or "no" (a contraction counts)."""
    return any(p in ("not", "never", "no", "nothing", "nobody") for w in wording for p in _open(w))


def shared(a: tuple[str, ...], b: tuple[str, ...]) -> int:
    """How many content stems ``a`` and ``b`` have in common."""
    return len(content(a) & content(b))


def overlap(a: tuple[str, ...], b: tuple[str, ...]) -> float:
    """The share (0-1) of the shorter wording's content stems that the other one has too."""
    ca, cb = content(a), content(b)
    small = min(len(ca), len(cb))
    return len(ca & cb) / small if small else 0.0
