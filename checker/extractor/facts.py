"""Article -> facts, quotes and name mentions (``extract``): a pure function of one article.

Each quantity the grammar finds becomes a Fact when it measures something: a count of a noun
("112 drones"), a part of a whole ("76 of which"), or a measure with a unit ("a two-hour call").
Its key, "<subject>.<measure>", comes from the lexicon (rules/lexicons/facts.yaml): the counted
noun and the verb of what happened to it (drone.launched, drone.downed), or the event a measure
belongs to and what the unit measures (call.duration).  Speaker, time anchor and quotes come from
attribution.py, anchors.py and quotes.py over the same token stream.
"""

from __future__ import annotations

import hashlib

from checker.model import UPDATE_FACET, Article, ArticleFacts, Fact, Quantity, Quote
from checker.parser import grammar
from checker.parser.quantities import find_quantities, singular

from . import keys
from .anchors import Anchor, find_anchors, nearest_anchor
from .attribution import Attribution, find_attributions
from .channels import Channels
from .keys import Identity, count_identity
from .lexicon import Lexicon, load_lexicon
from .lookup import AttributionIndex, SpeakerIndex
from .measures import POINTS, is_rate_denominator, measured_identity
from .mentions import find_mentions
from .ordinals import extra_facts, rank_identity, special_identity
from .people import People, find_people
from .quotes import QuoteSpan, find_quotes, speaker_for, topic_for
from .scope import as_floor, in_record_frame, is_background, is_conversion, is_superseded, is_update
from .sentences import Words
from .sums import summed

__all__ = ["explain", "extract"]

_TIME_SINCE_BEFORE = {"in", "within", "since", "past", "last", "next", "first"}
_TIME_SINCE_AFTER = {"ago", "later", "earlier", "before", "after", "hence", "since"}
_CALENDAR_UNITS = {"year", "month", "decade", "week", "day", "century", "fortnight"}
_VERB_WINDOW = 8
_NOT_NOUNS = frozenset({
    "the", "and", "but", "that", "this", "these", "those", "which", "who", "was", "were", "are", "has",
    "had", "have", "will", "would", "could", "should", "than", "for", "with", "from", "into", "about",
    "after", "before", "during", "over", "under", "its", "their", "his", "her", "our", "your", "not",
    "also", "just", "only", "some", "more", "less", "least", "most", "been", "being", "said", "says",
    "say", "told", "took", "ran", "lasts", "last", "spent", "nearly", "almost", "around",
    "roughly", "estimated", "between", "what", "when", "where", "while", "there", "then", "all", "both",
    "each", "every", "any", "many", "much", "very", "too", "out", "off", "per", "via", "amid", "upon",
})


def _id(article: str, kind: str, start: int, end: int | None = None) -> str:
    """The id of a fact, quote or mention: a digest of its parts written one "\x1f" apart (an
    f-string: there are thousands of ids, and joining a list of parts costs half as much again)."""
    text = f"{article}\x1f{kind}\x1f{start}" if end is None else f"{article}\x1f{kind}\x1f{start}\x1f{end}"
    return hashlib.blake2b(text.encode(), digest_size=8).hexdigest()


class _Context:
    """What extraction knows about one article while it walks its quantities."""

    def __init__(self, article: Article, lexicon: Lexicon):
        self.article = article
        self.lexicon = lexicon
        self.tokens = grammar.lex(article.text)
        self.words = Words.build(article.text, self.tokens, lexicon)
        self.norms = self.words.norms
        self.people: People = find_people(self.words, lexicon)
        self.quote_spans: list[QuoteSpan] = find_quotes(self.words)
        self.attributions: list[Attribution] = find_attributions(
            self.words, self.people, lexicon, [(q.first, q.last) for q in self.quote_spans])
        self.quote_speakers: list[str | None] = []
        self._anchors: dict[int, list[Anchor]] = {}
        #: sentence first word -> whether it is about another event (scope.is_background)
        self.background: dict[int, bool] = {}
        #: fact id -> why it got its key (keys.Identity.why)
        self.why: dict[str, list[str]] = {}
        #: (end offset, subject) of the last fact: "a 44% raise over five years" -> pay.period
        self.prior: tuple[int, str] | None = None
        #: money or not -> (sentence, measure, change) of the last measured figure (measures.py)
        self.measured: dict[bool, tuple[int, str, bool]] = {}

    def anchors(self, sentence: int) -> list[Anchor]:
        if sentence not in self._anchors:
            s = self.words.sentences[sentence]
            self._anchors[sentence] = find_anchors(self.words, s, self.article.published, self.lexicon)
        return self._anchors[sentence]

    # ------------------------------------------------------------------ keys
    def event_near(self, first: int, last: int) -> str | None:
        """The nearest event noun in the sentence, looking back first, then forward."""
        s = self.words.sentences[self.words.sentence_of(first)]
        for i in range(first - 1, s.first - 1, -1):
            hit = self.lexicon.events.match(self.norms, i)
            if hit:
                return hit[0]
        for i in range(last, s.last):
            hit = self.lexicon.events.match(self.norms, i)
            if hit:
                return hit[0]
        return None

    def noun_before(self, first: int) -> str | None:
        """The nearest plain noun before a measure in its clause, when no event noun names it:
        "a debate that lasted more than three hours" -> "debate", "at a cost of $4.5m" -> "cost"."""
        lo, _ = self.words.clause_bounds(first)
        ws = self.words.words
        for i in range(first - 1, max(lo, first - _VERB_WINDOW) - 1, -1):
            w = ws[i]
            if w.kind != "word" or not w.text.islower() or len(w.norm) < 3:
                continue
            determined = i > 0 and ws[i - 1].norm in ("the", "a", "an", "its", "their", "his", "her")
            if w.norm in _NOT_NOUNS or (w.norm.endswith(("ed", "ing", "ly")) and not determined):
                continue
            return singular(w.norm)
        return None

    def verb_near(self, first: int, last: int) -> str | None:
        """The lexicon verb closest before the quantity in its clause (the longest of those that end
        nearest: "killed or maimed" over "maimed"), else the first one after it."""
        lo, _ = self.words.clause_bounds(first)
        hi = self._clause_end(max(first, last - 1))
        best = None
        for i in range(max(lo, first - _VERB_WINDOW), first):
            hit = self.lexicon.verbs.match(self.norms, i)
            if (hit and i > 0 and self.norms[i - 1] in _NOUN_DETERMINERS
                    and self.norms[min(i + hit[1], first)] != "of"):
                continue  # "the strike by 9,000 porters": a noun (but "the deaths of 19 people")
            if hit and i + hit[1] <= first:
                rank = (first - (i + hit[1]), -hit[1])
                if best is None or rank < best[0]:
                    best = (rank, hit[0])
        if best:
            return best[1]
        seen, depth = 0, 0
        for i in range(last, hi):
            depth += (self.norms[i] == "(") - (self.norms[i] == ")")
            seen += depth == 0  # words in a bracketed aside do not count towards the window
            if seen > _VERB_WINDOW or self.words.words[i].kind == "num":
                return None  # "9,100 cases and 320 deaths": the next count's words are its own
            hit = self.lexicon.verbs.match(self.norms, i)
            if hit:
                return hit[0]
        return None

    def _clause_end(self, i: int) -> int:
        """The end of word ``i``'s clause, past short asides in brackets ("porters of the Harbour
        Porters Guild (HPG) downed tools")."""
        _, hi = self.words.clause_bounds(i)
        end = self.words.sentences[self.words.sentence_of(i)].last
        while hi < end and self.norms[hi] == "(":
            close = next((j for j in range(hi + 1, min(end, hi + 6)) if self.norms[j] == ")"), None)
            if close is None or close + 1 >= end:
                break
            _, hi = self.words.clause_bounds(close + 1)
        return hi

    def speaker_at(self, first: int, last: int) -> str | None:
        index = getattr(self, "_speaker_index", None)
        if index is None or index.quotes_seen != len(self.quote_speakers):
            index = self._speaker_index = SpeakerIndex(self.quote_spans, self.quote_speakers, self.attributions)
        for span, speaker in index.quotes_around(first):
            if span.first <= first and last <= span.last:
                return speaker
        sentence = self.words.sentence_of(first)
        best = None
        for a in index.by_sentence.get(sentence, ()):
            if not (a.content[0] <= first and last <= a.content[1]):
                continue
            dist = abs(a.verb - first)
            if best is None or dist < best[0]:
                best = (dist, a.speaker)
        return best[1] if best else None


def _is_fact(q: Quantity, ctx: _Context, first: int, last: int, elliptical: bool = False) -> bool:
    ws = ctx.words.words
    if q.kind == "rank":
        return rank_identity(ctx, q, first, last) is not None  # ordinals.py
    if q.unit is None and q.noun is None and q.part_of is None and not elliptical:
        return False
    if q.noun and q.value is not None and q.value.denominator != 1 and _scale_word(ctx, first) is None:
        return False  # "a 6.8 earthquake": a fractional count is not a count
    if q.part_of and q.whole is None and any(
        w.norm.endswith("est") or w.norm == "most" for w in ws[first:last] if w.kind == "word"
    ):
        return False  # "one of the largest attacks" ranks, it does not count
    before = ws[first - 1].norm if first > 0 else ""
    after = ws[last].norm if last < len(ws) else ""
    if q.unit in _CALENDAR_UNITS or q.unit in ("hour", "minute", "second"):
        if after in _TIME_SINCE_AFTER and not (before in ("in", "within", "over", "during") and after in ("before", "after")):
            return False  # "two days later"; but "rain in 24 hours before the slopes gave way" is a span
        if q.qualifier == "exact" and before in _TIME_SINCE_BEFORE and q.unit in _CALENDAR_UNITS:
            return False
        if before == "in" and q.unit in _CALENDAR_UNITS and in_record_frame(ctx.words, first):
            return False  # "the first strike in almost 40 years": a record's frame, not a length
    if before == "of" and first > 1 and ws[first - 2].norm in _FRACTION_WORDS:
        return False  # "a quarter of a percentage point": only the fraction's tail was read
    if ws[first].norm.startswith(("duration", "running", "runtime", "length")) and q.unit == "second":
        return False  # "Duration 4:06" labels a video, it is not a claim
    if (q.unit is None and q.qualifier == "exact" and q.value is not None and q.value <= 3
            and before in ctx.lexicon.framing and ctx.verb_near(first, last) is None):
        return False  # "the two leaders", "both sides": framing, not a count anyone claims
    return True


_NOUN_DETERMINERS = frozenset({"the", "a", "an", "its", "their", "this", "that"})
_EXTRA_WORDS = frozenset({"more", "additional", "another", "extra", "further"})
_FRACTION_WORDS = frozenset({"half", "quarter", "quarters", "third", "thirds", "fifth", "tenth", "fraction"})
_SCALE_WORDS = frozenset({"magnitude", "level", "grade", "category", "rating", "score", "index", "force", "stage"})


def _scale_word(ctx: _Context, first: int) -> str | None:
    """"a magnitude 6.8 earthquake": the word that says what a fractional number before a noun is."""
    norm = ctx.words.words[first - 1].norm if first > 0 else ""
    return norm if norm in _SCALE_WORDS else None


def _key(q: Quantity, ctx: _Context, first: int, last: int, counts: dict) -> Identity:
    """The identity of one quantity: a count's from its sentence (keys.py), a measure's from the
    thing it measures and what its unit measures."""
    lex = ctx.lexicon
    if q.kind in ("rank", "age") and (special := special_identity(ctx, q, first, last)) is not None:
        return special  # ordinals.py
    if q.unit is None or q.noun is not None:
        scale = _scale_word(ctx, first) if q.noun and q.value is not None and q.value.denominator != 1 else None
        if scale:  # "magnitude 6.8 earthquake" -> earthquake.magnitude
            return Identity(q.noun, scale, why=[f'a "{scale}" of the {q.noun}'])
        return count_identity(ctx, q, first, last, counts, keys.modifiers)
    if q.unit == "percent":
        measure = "share"
    elif q.unit == POINTS:
        measure = "change"  # "0.25 percentage points", "25 basis points": a difference of shares
    elif "old" in q.text.lower().replace("-", " ").split() or q.text.lower().startswith("aged"):
        measure = "age"
    else:
        measure = lex.dimensions.get(q.dimension, "measure")
    if measure == "duration" and _EXTRA_WORDS & set(q.text.lower().replace("more than", "").split()):
        measure = "extension"  # "extended for three more months": added time, not the whole length
    measured = measured_identity(ctx, q, first, last, measure)
    if measured is not None:
        return measured
    origin = keys.distance_from(ctx, last) if q.dimension == "[length]" and not q.modifies else None
    if origin:  # "30 km from the capital" -> place.distance[from=capital]
        return Identity("place", measure, [f"from={origin}"], [f"a distance from {origin}"])
    subject = None
    modifies = q.modifies or keys.noun_after_adjective(ctx, q.text, last) or keys.of_noun(ctx, last)
    if modifies:
        hit = None
        mw = keys.head_words(modifies)
        for i in range(len(mw)):
            hit = lex.events.match(mw, i)
            if hit:
                break
        subject = hit[0] if hit else singular(mw[-1])
    subject = subject or ctx.event_near(first, last) or ctx.noun_before(first) or "unknown"
    return Identity(subject, measure, why=[f'what "{q.unit}" measures, of "{subject}"'])


def _span(ctx: _Context, q: Quantity, first_tok: int, last_tok: int) -> tuple[int, int]:
    fw = ctx.words.first_word_of_token
    first, last = fw[first_tok], fw[last_tok]
    ws = ctx.words.words
    while last > first + 1 and ws[last - 1].start >= q.end:
        last -= 1  # the quantity ends before the noun it modifies ("60-day truce")
    return first, last


def _of_this_event(ctx: _Context, q: Quantity, first: int, last: int, previous: Quantity | None) -> bool:
    """False for a background figure, a superseded one, or a conversion of the one before."""
    sentence = ctx.words.sentences[ctx.words.sentence_of(first)]
    if sentence.first not in ctx.background:
        ctx.background[sentence.first] = is_background(ctx.words, sentence, ctx.article.published)
    if ctx.background[sentence.first]:
        return False
    if is_rate_denominator(ctx.article.text, previous, q):
        return False  # the "a year" of "$410,000 a year"
    return not is_superseded(ctx.words, first, last) and not is_conversion(ctx.article.text, previous, q)


_ADVERBIAL_STARTS = frozenset({"on", "by", "since", "late", "early", "overnight", "until", "after", "before",
                               "during", "as", "at", "in", "earlier", "later", "from"})


def _fronted(ctx: _Context, sentence) -> tuple[int, int] | None:
    """The words of a fronted adverbial ("On Saturday, ..."), whose time holds for the sentence."""
    if ctx.norms[sentence.first] not in _ADVERBIAL_STARTS:
        return None
    return ctx.words.clause_bounds(sentence.first)


def _elliptical(ctx: _Context, q: Quantity, first: int, last: int, counts: dict) -> bool:
    """A whole number without a noun that still counts something: after a count in its sentence
    with a verb of its own ("killing 300 people and injuring 1,200"), after a measure noun ("the
    death toll stood at 225") or a fronted "Of the dead,"."""
    if q.unit is not None or q.noun is not None or q.part_of is not None:
        return False
    if q.value is not None and q.value.denominator != 1:
        return False
    verb = keys.verb_after_aux(ctx, last) or ctx.verb_near(first, last)
    if verb is not None and (ctx.words.sentence_of(first) in counts or verb in ctx.lexicon.default_subjects):
        return True  # "the blaze kills 14", "14 were killed and 35 were injured"
    return keys.fronted_part(ctx, first) is not None or keys.measure_noun_before(ctx, first) is not None


def explain(article: Article, lexicon: Lexicon | None = None) -> dict[str, list[str]]:
    """fact id -> why it got its key (for ``crosscheck extract --explain``): extraction again, kept
    out of the cached ArticleFacts."""
    ctx = _Context(article, lexicon or load_lexicon())
    _extract(ctx)
    return ctx.why


def extract(article: Article, lexicon: Lexicon | None = None) -> ArticleFacts:
    """Every fact, quote and person mention of one article."""
    return _extract(_Context(article, lexicon or load_lexicon()))


def _extract(ctx: _Context) -> ArticleFacts:
    article = ctx.article
    quotes = _quotes(ctx)
    facts: list[Fact] = []
    counts: dict = {}
    previous = None
    for first_tok, last_tok, q in find_quantities(article.text, ctx.tokens):
        first, last = _span(ctx, q, first_tok, last_tok)
        q = as_floor(ctx.words, q, first, ctx.lexicon.floor_verbs)
        before, previous = previous, q
        elliptical = _elliptical(ctx, q, first, last, counts)
        if not _is_fact(q, ctx, first, last, elliptical) or not _of_this_event(ctx, q, first, last, before):
            continue
        ident = _key(q, ctx, first, last, counts)
        if is_update(ctx.words, first, ctx.lexicon.update_verbs):
            ident.facets.append(UPDATE_FACET)
            ident.why.append("an update: a new value of its fact (an update verb and \"to\" before it)")
        facts.append(_fact(ctx, q, first, last, ident))
        ctx.prior = (q.end, ident.subject)
    for q, first, last, ident in extra_facts(ctx, facts):  # no quantities of the grammar
        if q.kind == "year" or _of_this_event(ctx, q, first, last, None):  # a year built is no background
            facts.append(_fact(ctx, q, first, last, ident))
    for f in summed(facts, article.text, ctx.lexicon.kinds_of):
        facts.append(f)
        ctx.why[f.id] = [f"the sum of kinds of {f.subject} joined by \"and\""]
    mentions = find_mentions(article, ctx.words, ctx.people, ctx.lexicon, _id)
    return ArticleFacts(article.id, tuple(facts), tuple(quotes), tuple(mentions))


def _fact(ctx: _Context, q: Quantity, first: int, last: int, ident: Identity) -> Fact:
    article, sentence = ctx.article, ctx.words.sentences[ctx.words.sentence_of(first)]
    anchor = None if q.kind == "date" else nearest_anchor(  # a deadline's date is its value, not its time
        ctx.anchors(ctx.words.sentence_of(first)), first, last, ctx.words.clause_bounds(first), _fronted(ctx, sentence))
    fact = Fact(id=_id(article.id, "fact", q.start, q.end), article=article.id, key=ident.key, quantity=q,
                speaker=ctx.speaker_at(first, last), time=anchor.text if anchor else None,
                date=anchor.date if anchor else None, sentence=article.text[sentence.start:sentence.end],
                subject=ident.subject, measure=ident.measure)
    ctx.why[fact.id] = ident.why
    return fact


def _quotes(ctx: _Context) -> list[Quote]:
    out: list[Quote] = []
    if not ctx.quote_spans:
        return out
    previous: tuple[int, str | None] | None = None
    text = ctx.article.text
    index = AttributionIndex(ctx.attributions, ctx.words)
    channels = Channels(ctx.words, ctx.attributions, [(span.first, span.last) for span in ctx.quote_spans])
    for span in ctx.quote_spans:
        channel, day = channels.of(span.first, span.last)
        speaker = speaker_for(span, ctx.words, ctx.attributions, previous, ctx.people.at, index)
        ctx.quote_speakers.append(speaker)
        sentence = ctx.words.sentences[ctx.words.sentence_of(span.first)]
        paragraph = sentence.paragraph
        previous = (paragraph, speaker)
        out.append(Quote(
            id=_id(ctx.article.id, "quote", span.start, span.end), article=ctx.article.id,
            speaker=speaker, text=text[span.start:span.end], start=span.start, end=span.end,
            sentence=text[sentence.start:sentence.end], topic=topic_for(span, ctx.words, ctx.lexicon),
            channel=channel, day=day,
        ))
    return out
