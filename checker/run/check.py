"""The check and extract orchestration:

    load rules -> read articles -> extract (cache, --jobs processes, progress) -> evaluate
    -> filter (--new, suppressions, baseline, --min-severity) -> Report

Rules load first, so a broken rule file fails before any article is read.  Extraction is a pure
function of one article, so it is cached by content (and an unchanged file is not even parsed: the
cache's source index) and may run in other processes while the articles are read; results are put
back in article order, so the report does not depend on --jobs.  With --new, the engine compares the
new articles only with what of the corpus can pair with them.  Suppressed, baselined and hidden
findings are counted in the Report, never dropped silently.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from fractions import Fraction
from typing import Any

from checker.errors import CheckerError, UsageError
from checker.model import Article, ArticleFacts, Finding, Mention, Quantity, Report
from checker.report.records import severity_rank

__all__ = ["CheckResult", "exit_code", "extract_all", "filter_findings", "for_comparison", "read", "run_check"]


@dataclass(frozen=True)
class CheckResult:
    """The report, and every finding that counts towards --fail-on (shown or hidden)."""

    report: Report
    failing: tuple[Finding, ...]
    cache_note: str | None = None


class WorkerError(CheckerError):
    """A CheckerError raised in an extraction process, carried back as its printed lines."""

    def __init__(self, lines: list[str], exit_code: int = 2):
        super().__init__(lines[0] if lines else "extraction failed")
        self._lines = lines
        self.exit_code = exit_code

    def lines(self) -> list[str]:
        return self._lines


def _note(message: str) -> None:
    print(f"crosscheck: {message}", file=sys.stderr)


def read(paths: Sequence[str], *, verbose: bool = False, rules: Sequence[str] = (),
         reuse: Callable[..., list[Article] | None] | None = None) -> list[Article]:
    """The articles under ``paths`` (skipped files and dropped furniture are named on stderr with
    --verbose); furniture lexicons among the ``--rules`` paths extend the built-in list.  ``reuse``
    (a :class:`checker.cache.store.SourceIndex`) may give a file's article without parsing it."""
    return list(reading(paths, verbose=verbose, rules=rules, reuse=reuse))


def reading(paths: Sequence[str], *, verbose: bool = False, rules: Sequence[str] = (),
            reuse: Callable[..., list[Article] | None] | None = None,
            into: list[Article] | None = None) -> Iterator[Article]:
    """:func:`read`, an article at a time (so that extraction can start before the last file is
    read), each also appended to ``into``; furniture notes come once all is read, as with
    :func:`read`."""
    from checker.ingest.articles import furniture_notes, iter_articles, load_furniture
    from checker.paths import lexicon_files

    def on_skip(*why: Any) -> None:
        if verbose:
            _note("skipped " + ": ".join(str(w) for w in why))

    furniture = load_furniture(lexicon_files(rules, "furniture"))
    notes: list[str] = []
    for article in iter_articles(list(paths), on_skip=on_skip, furniture=furniture, reuse=reuse):
        if verbose:
            notes += furniture_notes(article)
        if into is not None:
            into.append(article)
        yield article
    for line in notes:
        print(line, file=sys.stderr)


# -- extraction, here or in worker processes -------------------------------------------------------
#
# Extraction is the one stage that runs in other processes.  Articles are sent as they are read, a
# few at a time, so reading (in this process) and extracting (in the workers) overlap; a worker
# sends back each article's facts as the fact cache's JSON (strings pickle at memory speed), which
# this process stores as they are and decodes, in compact form for check, into what the engine
# reads.  Results are put back in article order, and a decoded row is equal to the facts it was
# made from, so the report is the same for any number of processes.

CHUNK = 8  # articles a task: ~50 ms of work, so that the last tasks leave no worker idle for long
AUTO_MIN = 32  # with --jobs auto, processes start only once this many articles need extracting


def worker_count(jobs: int | str) -> int:
    """How many processes ``--jobs`` asks for: N, or with ``auto`` one a CPU this process may use."""
    if jobs == "auto":
        try:
            return max(1, len(os.sched_getaffinity(0)))
        except AttributeError:  # not on Linux
            return max(1, os.cpu_count() or 1)
    return max(1, int(jobs))


def _extract_one(article: Article, lexicons: tuple[str, ...] = ()) -> tuple[Any, ...]:
    """The facts, or the error's lines (exceptions of ours do not pickle whole)."""
    from checker.extract.facts import extract
    from checker.extract.lexicon import load_lexicon

    try:
        return ("ok", extract(article, load_lexicon(lexicons)))
    except CheckerError as exc:
        return ("error", exc.lines(), exc.exit_code)


def _extract_rows(articles: list[Article], lexicons: tuple[str, ...], extra: bool) -> list[tuple[Any, ...]]:
    """Run in a worker process: each article's facts as the cache's JSON (data, and ``extra`` or
    None), or the error's lines."""
    from checker.cache.store import facts_to_json

    out = []
    for article in articles:
        outcome = _extract_one(article, lexicons)
        if outcome[0] == "ok":
            data, more = facts_to_json(outcome[1])
            outcome = ("rows", _json(data), _json(more) if extra else None)
        out.append(outcome)
    return out


def _json(value: Any) -> str:
    import json

    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


class _Extractor:
    """Extracts the articles it is given: in this process, or once ``start`` of them are waiting,
    in ``workers`` processes, ``CHUNK`` at a time.  :meth:`outcomes` gives (article, outcome) in
    the order given, once all are given."""

    def __init__(self, workers: int, start: int, lexicons: tuple[str, ...], extra: bool):
        self.workers, self.start, self.lexicons, self.extra = workers, start, lexicons, extra
        self.waiting: list[Article] = []
        self.sent: list[tuple[list[Article], Any]] = []
        self.pool: ProcessPoolExecutor | None = None

    def add(self, article: Article) -> None:
        self.waiting.append(article)
        if self.pool is None and self.workers > 1 and len(self.waiting) >= self.start:
            from checker.parse.grammar import prepare
            from checker.extract.lexicon import load_lexicon

            # build the parser, lexer and lexicon here, so that forked workers start with them built
            prepare("\n".join(a.text for a in self.waiting[:3]))
            load_lexicon(self.lexicons)
            self.pool = ProcessPoolExecutor(max_workers=self.workers)
        if self.pool is not None:
            while len(self.waiting) >= CHUNK:
                self._send(CHUNK)

    def _send(self, n: int) -> None:
        from concurrent.futures.process import BrokenProcessPool

        chunk, self.waiting = self.waiting[:n], self.waiting[n:]
        try:
            future = self.pool.submit(_extract_rows, chunk, self.lexicons, self.extra)
        except BrokenProcessPool:  # a worker died on an earlier chunk
            raise _broken(next((c for c, f in self.sent if f.done() and f.exception()), chunk)) from None
        self.sent.append((chunk, future))

    def outcomes(self) -> Iterator[tuple[Article, tuple[Any, ...]]]:
        if self.pool is None:
            for article in self.waiting:
                yield article, _extract_one(article, self.lexicons)
            return
        if self.waiting:
            self._send(len(self.waiting))
        from concurrent.futures.process import BrokenProcessPool

        for chunk, future in self.sent:
            try:
                rows = future.result()
            except BrokenProcessPool:
                raise _broken(chunk) from None
            yield from zip(chunk, rows, strict=True)

    def close(self, failed: bool) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=not failed, cancel_futures=failed)


def _broken(chunk: list[Article]) -> WorkerError:
    """The error for a worker that died (killed, say by the out-of-memory killer) on ``chunk``."""
    more = f" or one of the {len(chunk) - 1} articles after it" if len(chunk) > 1 else ""
    return WorkerError([f"crosscheck: an extraction process stopped before it finished (killed, or out of "
                        f"memory?) while reading {chunk[0].path}{more}",
                        "crosscheck: run again with --jobs 1 to extract in one process"])


class _Progress:
    """A progress bar on stderr, only on a terminal and only when not --quiet; its total grows as
    articles are read."""

    def __init__(self, enabled: bool):
        self._bar = None
        if enabled and sys.stderr.isatty():
            from rich.console import Console
            from rich.progress import Progress

            self._bar = Progress(console=Console(stderr=True), transient=True)
            self._task = self._bar.add_task("extracting", total=0)

    def __enter__(self) -> _Progress:
        if self._bar:
            self._bar.start()
        return self

    def more(self) -> None:
        if self._bar:
            self._bar.update(self._task, total=self._bar.tasks[0].total + 1)

    def advance(self) -> None:
        if self._bar:
            self._bar.advance(self._task)

    def __exit__(self, *exc: object) -> None:
        if self._bar:
            self._bar.stop()


def extract_all(articles: Iterable[Article], *, cache=None, jobs: int | str = 1, progress: bool = True,
                lexicons: Sequence[str] = (), compact: bool = False,
                known: Mapping[str, ArticleFacts] | None = None,
                keep: Callable[[ArticleFacts], ArticleFacts] | None = None) -> dict[str, ArticleFacts]:
    """Facts for every article by id, in article order: ``known`` ones (say, what the source index
    gave), from ``cache`` (a FactCache or None) where it has them, else extracted (in ``jobs``
    processes, or ``auto``) and stored.  ``articles`` may be an iterator: extraction starts while
    it is read.  With ``compact``, each article's facts are held only as the engine and the reports
    read them (see :func:`for_comparison`; cached ones are decoded straight into that form): what
    the caller holds for every article of a large corpus.  ``keep`` (say :func:`for_comparison`),
    when given, is applied to each article's facts as they come, however they come."""
    from checker.cache.store import Decoder

    known = {} if known is None else known  # (it may fill up as the articles are read)
    cut = for_comparison() if compact else None
    decoder = Decoder(compact=compact)
    order: list[str] = []
    found: dict[str, ArticleFacts] = {}
    workers = worker_count(jobs)
    extractor = _Extractor(workers, AUTO_MIN if jobs == "auto" else 2, tuple(lexicons),
                           extra=cache is not None or not compact)
    failed = True
    try:
        with _Progress(progress) as bar:
            for article in articles:
                order.append(article.id)
                bar.more()
                hit = known.get(article.id)
                if hit is None and cache is not None:
                    hit = cache.get(article, decoder)
                if hit is None:
                    extractor.add(article)
                else:
                    found[article.id] = hit if keep is None else keep(hit)
                    bar.advance()
            for article, outcome in extractor.outcomes():
                facts = _outcome(article, outcome, cache, decoder, cut)
                found[article.id] = facts if keep is None else keep(facts)
                bar.advance()
        failed = False
    finally:
        extractor.close(failed)
    return {aid: found[aid] for aid in order}


def _outcome(article: Article, outcome: tuple[Any, ...], cache: Any, decoder: Any,
             cut: Callable[[ArticleFacts], ArticleFacts] | None) -> ArticleFacts:
    """An extraction's facts (stored in ``cache``), decoded or cut down to the compact form."""
    import json

    kind = outcome[0]
    if kind == "error":
        raise WorkerError(outcome[1], outcome[2])
    if kind == "ok":
        if cache is not None:
            cache.put(article, outcome[1])
        return outcome[1] if cut is None else cut(outcome[1])
    _, data, extra = outcome
    if cache is not None:
        cache.put_json(article, data, extra)
    return decoder.article_facts(json.loads(data), None if extra is None else json.loads(extra))


class _Shared:
    """One copy of each repeated string and number: many articles of a story quote the same words,
    name the same people and give the same values."""

    def __init__(self) -> None:
        self._numbers: dict[tuple[int, int], Fraction] = {}

    def text(self, value: str | None) -> str | None:
        return sys.intern(value) if type(value) is str else value

    def number(self, value: Any) -> Any:
        if type(value) is not Fraction:
            return value
        return self._numbers.setdefault((value.numerator, value.denominator), value)

    def quantity(self, q: Quantity) -> Quantity:
        t, n = self.text, self.number
        return replace(q, text=t(q.text), qualifier=t(q.qualifier), value=n(q.value), low=n(q.low), high=n(q.high),
                       unit=t(q.unit), dimension=t(q.dimension), noun=t(q.noun), hedge=t(q.hedge),
                       modifies=t(q.modifies), part_of=t(q.part_of), whole=n(q.whole))


def for_comparison() -> Callable[[ArticleFacts], ArticleFacts]:
    """A ``keep`` for :func:`extract_all` that holds only what the engine and the reports read:
    facts, quotes and name mentions without their ids, sentences and entity names (``extract``
    prints those; the fact cache keeps them), repeated strings and numbers held once."""
    s = _Shared()
    t = s.text

    def keep(x: ArticleFacts) -> ArticleFacts:
        art = t(x.article)
        facts = tuple(replace(f, id="", article=art, key=t(f.key), quantity=s.quantity(f.quantity),
                              speaker=t(f.speaker), time=t(f.time), date=t(f.date), sentence="",
                              subject=t(f.subject), measure=t(f.measure)) for f in x.facts)
        quotes = tuple(replace(q, id="", article=art, speaker=t(q.speaker), text=t(q.text), sentence="",
                               topic=t(q.topic)) for q in x.quotes)
        mentions = tuple(replace(m, id="", article=art, text=t(m.text), surname=t(m.surname), given=t(m.given),
                                 entity=None) for m in x.mentions)
        return ArticleFacts(art, facts, quotes, mentions)

    return keep


def _suppressed(f: Finding, articles: dict[str, Article], ignore: Sequence[str]) -> bool:
    """Whether a setting, an article's front matter or a suppression comment silences ``f``."""
    if f.rule in ignore:
        return True
    for claim in f.claims:
        article = articles.get(claim.article)
        if article is None:
            continue
        if f.rule in article.ignore_rules or "*" in article.ignore_rules:
            return True
        for line, rule, _reason in article.suppressions:
            if rule in (f.rule, "*") and claim.line <= line <= max(claim.end_line, claim.line):
                return True
    return False


def filter_findings(findings: Sequence[Finding], articles: Sequence[Article], *, ignore: Sequence[str] = (),
                    new_ids: set[str] | None = None, baseline_ids: frozenset[str] = frozenset(),
                    min_severity: str = "info") -> tuple[list[Finding], list[Finding], dict[str, int]]:
    """(shown, failing, counts): --new scope first, then suppressions, the baseline and --min-severity."""
    by_id = {a.id: a for a in articles}
    counts = {"suppressed": 0, "baselined": 0, "hidden": 0}
    failing = []
    for f in findings:
        if new_ids is not None:
            if not any(c.article in new_ids for c in f.claims):
                continue
            # the new article's words first: annotations and SARIF results land on the changed file
            f = replace(f, claims=tuple(sorted(f.claims, key=lambda c: c.article not in new_ids)))
        if _suppressed(f, by_id, ignore):
            counts["suppressed"] += 1
        elif f.id in baseline_ids:
            counts["baselined"] += 1
        else:
            failing.append(f)
    shown = [f for f in failing if severity_rank(f.severity) <= severity_rank(min_severity)]
    counts["hidden"] = len(failing) - len(shown)
    return shown, failing, counts


def exit_code(findings: Sequence[Finding], fail_on: str) -> int:
    """0 when nothing is at or above ``fail_on`` (or it is ``never``), else 1."""
    if fail_on == "never":
        return 0
    return 1 if any(severity_rank(f.severity) <= severity_rank(fail_on) for f in findings) else 0


def _rule_tuple(ruleset: Any) -> tuple[Any, ...]:
    rules = getattr(ruleset, "rules", ruleset)
    if isinstance(rules, dict):
        rules = rules.values()
    try:
        return tuple(rules)
    except TypeError:
        return ()


def _under(path: str, roots: list[str]) -> bool:
    real = os.path.realpath(path)
    return any(real == root or real.startswith(root.rstrip(os.sep) + os.sep) for root in roots)


def run_check(settings: Any, *, new_paths: Sequence[str] | None = None, baseline_ids: frozenset[str] = frozenset(),
              verbose: bool = False, quiet: bool = False,
              open_cache: Callable[[], Any] | None = None) -> CheckResult:
    """The whole check, from settings (see checker.config) to a CheckResult."""
    from checker.extract.lexicon import load_lexicon
    from checker.paths import lexicon_files
    from checker.ruleset.loader import load_rules

    ruleset = load_rules(tuple(settings["rules"]), defaults=settings["default-rules"])
    lexicons = lexicon_files(settings["rules"], "facts")
    load_lexicon(tuple(lexicons))  # a broken lexicon is an error before any article is read
    cache = open_cache() if open_cache else None
    try:
        # unchanged files come from the cache's source index, unparsed (not with --verbose, which
        # names the furniture dropped from each file's text)
        index = _source_index(cache) if cache is not None and not verbose else None
        # one read of corpus and new articles together: one set of ids, each file once; articles
        # are extracted as they are read
        articles: list[Article] = []
        stream = reading([*settings["paths"], *(new_paths or ())], verbose=verbose, rules=settings["rules"],
                         reuse=index, into=articles)
        extractions = extract_all(stream, cache=cache, jobs=settings["jobs"], progress=not quiet,
                                  lexicons=lexicons, compact=True, known=index.facts if index else None)
        if not articles:
            raise UsageError(f"no articles found in {', '.join(settings['paths'])}")
        if index is not None:
            index.record(articles)
    finally:
        if cache is not None:
            cache.close()
    # from here on only positions are needed of an article, not its text: a large corpus's texts
    # are let go before the comparisons and the reports need their memory
    articles = [a.without_text() for a in articles]
    new_ids = None
    if new_paths is not None:
        roots = [os.path.realpath(p) for p in new_paths]
        new_ids = {a.id for a in articles if _under(a.path, roots)}
    findings = _evaluate(articles, extractions, ruleset, new_ids)
    shown, failing, counts = filter_findings(findings, articles, ignore=settings["ignore"], new_ids=new_ids,
                                             baseline_ids=baseline_ids, min_severity=settings["min-severity"])
    report = Report(articles=tuple(articles), findings=tuple(shown),
                    facts=sum(len(x.facts) for x in extractions.values()),
                    quotes=sum(len(x.quotes) for x in extractions.values()),
                    rules=_rule_tuple(ruleset), **counts)
    note = f"fact cache: {cache.hits} reused, {cache.misses} extracted" if cache is not None else None
    return CheckResult(report, tuple(failing), note)


def _source_index(cache: Any) -> Any:
    from checker.cache.store import Decoder, SourceIndex

    return SourceIndex(cache, Decoder(compact=True))


# -- the --new scope -------------------------------------------------------------------------------
#
# With --new only findings that involve a new article are reported, so the other articles' items
# that cannot be in such a finding need not be compared at all.  What can be depends on the kind:
# the numeric, qualifier and (with include_facts) attribution kinds compare facts of one key, and
# only with the facts of that key (all of them: grouping by time anchor looks at the whole key);
# the internal kind compares an article with itself; the quote kind compares the quotes of one
# speaker cluster, and a cluster is made of speaker keys that end in the same word; the spelling
# and attribution kinds link items transitively (a new name or quote may reach another through a
# third), so they get everything, the spelling kind less an article's repeats of one name (see
# :func:`_names`).  With ``same_story`` (the default) only the new articles' stories count.  Each
# group of rules that needs the same is evaluated on its own cut of the corpus; the findings
# involving a new article are exactly those of the whole corpus (tests/unit/test_pipeline_new.py
# compares both on random corpora, for every kind).

_NEEDS = {"numeric": ("keys", "none", "none"), "qualifier": ("keys", "none", "none"),
          "internal": ("none", "none", "none"), "quote": ("none", "speakers", "none"),
          "spelling": ("none", "none", "names")}


def _needs(rule: Any) -> tuple[str, str, str, bool] | None:
    """What ``rule`` compares a new article's items with, among the other articles' (facts, quotes,
    mentions: none, all, those with the new articles' keys or speakers, or the names without
    repeats), and whether only their stories count; None for a kind this does not know (it gets
    everything)."""
    kind = getattr(rule, "kind", None)
    match = getattr(rule, "match", None)
    if kind == "attribution":
        need = ("keys" if (getattr(rule, "options", None) or {}).get("include_facts") else "none", "all", "none")
    elif kind in _NEEDS:
        need = _NEEDS[kind]
    else:
        return None
    return (*need, bool(getattr(match, "same_story", False)))


def _speaker_word(speaker: str | None) -> str | None:
    from checker.comparators.names import speaker_key

    key = speaker_key(speaker)
    return key[-1] if key else None


class _Scope:
    """The cut of the corpus one group of rules needs, from the new articles' facts and quotes."""

    def __init__(self, articles: Sequence[Article], extractions: Mapping[str, ArticleFacts], new_ids: set[str]):
        self.new_ids = new_ids
        self.story = {a.id: a.story or "" for a in articles}
        new = [extractions[a] for a in new_ids if a in extractions]
        self.stories = {self.story[a] for a in new_ids if a in self.story}
        self.keys = {f.key for x in new for f in x.facts}
        self.speakers = {_speaker_word(q.speaker) for x in new for q in x.quotes} - {None}

    def cut(self, extractions: Mapping[str, ArticleFacts], need: tuple[str, str, str, bool]) -> dict[str, ArticleFacts]:
        facts, quotes, mentions, same_story = need
        out = {}
        for aid, x in extractions.items():
            if aid in self.new_ids:
                out[aid] = x
            elif same_story and self.story.get(aid, "") not in self.stories:
                out[aid] = ArticleFacts(x.article)
            else:
                out[aid] = ArticleFacts(
                    x.article,
                    x.facts if facts == "all" else tuple(f for f in x.facts if f.key in self.keys) if facts == "keys"
                    else (),
                    x.quotes if quotes == "all" else tuple(q for q in x.quotes if _speaker_word(q.speaker)
                                                           in self.speakers) if quotes == "speakers" else (),
                    x.mentions if mentions == "all" else _names(x.mentions) if mentions == "names" else ())
        return out


def _names(mentions: tuple[Mention, ...]) -> tuple[Mention, ...]:
    """An article's name mentions less repeats of a name as written (text, surname and given name):
    of those the spelling kind reads the first by place (an article's side shows its first mention
    of a spelling or given name) and the last in order (a finding names the given name of the last
    mention); clusters, given names by article and outlets are sets.  Order is kept."""
    first: dict[tuple, int] = {}
    last: dict[tuple, int] = {}
    for i, m in enumerate(mentions):
        k = (m.article, m.text, m.surname, m.given)
        j = first.get(k)
        if j is None or m.start < mentions[j].start:
            first[k] = i
        last[k] = i
    if len(last) == len(mentions):
        return mentions
    keep = set(first.values()) | set(last.values())
    return tuple(m for i, m in enumerate(mentions) if i in keep)


def _order(f: Finding) -> tuple:
    """The engine's order of findings: the first claim's place, then rule, key and id."""
    first = f.claims[0] if f.claims else None
    place = (first.path, first.line, first.column) if first else ("", 0, 0)
    return (*place, f.rule, f.key, f.id)


def _evaluate(articles: Sequence[Article], extractions: Mapping[str, ArticleFacts], ruleset: Any,
              new_ids: set[str] | None) -> list[Finding]:
    """The engine's findings; with ``new_ids``, each group of rules sees only the cut of the corpus
    that can pair with the new articles (the findings that involve them are the same)."""
    from checker.engine import evaluate

    if hasattr(ruleset, "enabled"):
        rules = ruleset.enabled()
    else:  # the engine's other form: rules, of which the enabled ones run
        rules = [r for r in ruleset if r.enabled] if isinstance(ruleset, (list, tuple)) else None
    needs = [_needs(r) for r in rules] if new_ids is not None and rules is not None else []
    if not needs or None in needs:
        return evaluate(articles, extractions, ruleset)
    scope = _Scope(articles, extractions, new_ids)
    groups: dict[tuple, list[Any]] = {}
    for rule, need in zip(rules, needs):
        groups.setdefault(need, []).append(rule)
    findings = []
    for need, group in groups.items():
        findings += evaluate(articles, scope.cut(extractions, need), group)
    return sorted(findings, key=_order)
