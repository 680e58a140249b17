"""Extraction, in this process or in worker processes, with a progress bar.

In: articles (an iterator: extraction starts while they are read), the fact cache or None, ``--jobs``.
Out: each article's ArticleFacts by id, in article order, whatever the number of processes.

Extraction is the one stage that runs in other processes.  Articles are sent as they are read, a
few at a time, so reading (in this process) and extracting (in the workers) overlap; a worker sends
back each article's facts as the fact cache's JSON (strings pickle at memory speed), which this
process stores as they are and decodes, in the compact form for check, into what the engine reads.
Results are put back in article order, and a decoded row is equal to the facts it was made from, so
the report is the same for any number of processes.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import Any

from checker.cache.codec import Decoder, facts_to_json
from checker.cache.compact import Shared
from checker.errors import CheckerError, Interrupted
from checker.model import Article, ArticleFacts

__all__ = ["AUTO_MIN", "CHUNK", "WorkerError", "cpus", "extract_all", "killed", "worker_count"]


class WorkerError(CheckerError):
    """A CheckerError raised in an extraction process, carried back as its printed lines."""

    def __init__(self, lines: list[str], exit_code: int = 2):
        super().__init__(lines[0] if lines else "extraction failed")
        self._lines = lines
        self.exit_code = exit_code

    def lines(self) -> list[str]:
        return self._lines



CHUNK = 8  # articles a task: ~50 ms of work, so that the last tasks leave no worker idle for long
AUTO_MIN = 32  # with --jobs auto, processes start only once this many articles need extracting


def cpus() -> int:
    """The CPUs this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def worker_count(jobs: int | str) -> int:
    """How many processes ``--jobs`` may start: N, or with ``auto`` one a CPU this process may use;
    never more than those CPUs (more processes than cores only add overhead, and ``jobs: 100000``
    must not fork a hundred thousand)."""
    if jobs == "auto":
        return cpus()
    return max(1, min(int(jobs), cpus()))


def _start_worker() -> None:
    """Run first in each worker: Ctrl-C (sent to the whole process group) is for the main process,
    which stops the workers itself; SIGTERM ends a worker at once; and on Linux a worker is sent
    SIGTERM when the main process dies, whatever killed it, so that none is left behind."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            pass
        if os.getppid() == 1:  # the main process died before the line above
            os._exit(1)


def _extract_one(article: Article, lexicons: tuple[str, ...] = ()) -> tuple[Any, ...]:
    """The facts, or the error's lines (exceptions of ours do not pickle whole)."""
    from checker.extractor.facts import extract
    from checker.extractor.lexicon import load_lexicon

    try:
        return ("ok", extract(article, load_lexicon(lexicons)))
    except CheckerError as exc:
        return ("error", exc.lines(), exc.exit_code)
    except MemoryError:
        return ("error", [f"{article.path}: out of memory while extracting this article "
                          f"({len(article.text):,} characters); give crosscheck more memory, or leave the file out"], 2)


def _extract_rows(articles: list[Article], lexicons: tuple[str, ...], extra: bool) -> list[tuple[Any, ...]]:
    """Run in a worker process: each article's facts as the cache's JSON (data, and ``extra`` or
    None), or the error's lines."""
    out = []
    for article in articles:
        outcome = _extract_one(article, lexicons)
        if outcome[0] == "ok":
            data, more = facts_to_json(outcome[1])
            outcome = ("rows", _json(data), _json(more) if extra else None)
        out.append(outcome)
    return out


def _json(value: Any) -> str:
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
        # processes start once every one of them has work (or, at the end, as many as there is work for)
        if self.pool is None and self.workers > 1 and len(self.waiting) >= max(self.start, self.workers * CHUNK):
            self._open(self.workers)
        if self.pool is not None:
            while len(self.waiting) >= CHUNK:
                self._send(CHUNK)

    def _open(self, workers: int) -> None:
        from checker.extractor.lexicon import load_lexicon
        from checker.parser.grammar import prepare

        # build the parser, lexer and lexicon here, so that forked workers start with them built
        prepare("\n".join(a.text for a in self.waiting[:3]))
        load_lexicon(self.lexicons)
        self.pool = ProcessPoolExecutor(max_workers=workers, initializer=_start_worker)

    def _send(self, n: int) -> None:
        from concurrent.futures.process import BrokenProcessPool

        chunk, self.waiting = self.waiting[:n], self.waiting[n:]
        try:
            future = self.pool.submit(_extract_rows, chunk, self.lexicons, self.extra)
        except BrokenProcessPool:  # a worker died on an earlier chunk
            raise _broken(next((c for c, f in self.sent if f.done() and f.exception()), chunk)) from None
        self.sent.append((chunk, future))

    def outcomes(self) -> Iterator[tuple[Article, tuple[Any, ...]]]:
        if self.pool is None and len(self.waiting) >= self.start:
            workers = min(self.workers, -(-len(self.waiting) // CHUNK))  # no more than there is work for
            if workers > 1:
                self._open(workers)
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

    def close(self, outcome: str) -> None:
        """Shut the processes down: wait for them when all is ``"done"``; when the run ``"failed"``,
        let each finish its task and go; when it was ``"interrupted"``, kill them at once, so that
        none is left running (see :func:`killed`)."""
        global _KILLED
        if self.pool is None:
            return
        if outcome != "interrupted":
            self.pool.shutdown(wait=outcome == "done", cancel_futures=outcome != "done")
            return
        processes = list((getattr(self.pool, "_processes", None) or {}).values())
        for process in processes:
            if process.is_alive():
                process.kill()
        _KILLED = True
        for process in processes:
            process.join(timeout=5)
        self.pool.shutdown(wait=False, cancel_futures=True)


_KILLED = False


def killed() -> bool:
    """Whether worker processes were killed (the run was interrupted): the executor's threads may
    then wait for ever on a pipe a killed worker wrote half a message to, so the command line ends
    the process with ``os._exit`` once it has cleaned up, instead of waiting for them at exit."""
    return _KILLED


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

            # the bar (counts only, no article text) draws with its own escape sequences, which the
            # guard on standard error would replace: it writes to the terminal itself
            stream = getattr(sys.stderr, "raw", sys.stderr)
            self._bar = Progress(console=Console(file=stream), transient=True)
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
                lexicons: Sequence[str] = (), compact: bool = False, shared: Shared | None = None,
                known: Mapping[str, ArticleFacts] | None = None,
                keep: Callable[[ArticleFacts], ArticleFacts] | None = None) -> dict[str, ArticleFacts]:
    """Facts for every article by id, in article order: ``known`` ones (say, what the source index
    gave), from ``cache`` (a FactCache or None) where it has them, else extracted (in ``jobs``
    processes, or ``auto``) and stored.  ``articles`` may be an iterator: extraction starts while
    it is read.  With ``compact``, each article's facts are held only in the compact form the
    engine and the reports read (:mod:`checker.cache.compact`; cached ones are decoded straight
    into it), repeated strings and numbers once in ``shared``: what the caller holds for every
    article of a large corpus.  ``keep``, when given, is applied to each article's facts as they
    come, however they come."""
    known = {} if known is None else known  # (it may fill up as the articles are read)
    decoder = Decoder(compact, shared)
    cut = decoder.shared.facts if compact else None
    order: list[str] = []
    found: dict[str, ArticleFacts] = {}
    workers = worker_count(jobs)
    extractor = _Extractor(workers, AUTO_MIN if jobs == "auto" else 2, tuple(lexicons),
                           extra=cache is not None or not compact)
    outcome = "failed"
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
        outcome = "done"
    except (KeyboardInterrupt, Interrupted):
        outcome = "interrupted"
        raise
    finally:
        extractor.close(outcome)
    return {aid: found[aid] for aid in order}


def _outcome(article: Article, outcome: tuple[Any, ...], cache: Any, decoder: Any,
             cut: Callable[[ArticleFacts], ArticleFacts] | None) -> ArticleFacts:
    """An extraction's facts (stored in ``cache``), decoded or cut down to the compact form."""
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


