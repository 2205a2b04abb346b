"""A coding run over a corpus: every input record ends coded or quarantined, and is stored once.

:func:`run` reads the inputs, cuts them into batches, has an *engine* code them (this process,
or Dask workers: ``wirecoder.scaleout``), and writes each coded batch in one transaction as it
comes back, in input order. Then it updates the actor knowledge base, which resolves bare
names across the corpus (``wirecoder.actors.knowledge_db``), and clusters the new events
(``wirecoder.dedup``); both passes read the whole store, so the result is the same whatever
the order or the number of workers.

- An article stored before with the same text is not coded again (a restart after a crash, a
  re-run): it counts as coded, with its stored events.
- Coding that fails on one article of a batch codes the batch's articles one by one, and
  quarantines the one that fails; a write that fails does the same with the writes.
- A run killed at any point leaves whole batches only; run again, it ends with exactly what
  an uninterrupted run stores.

The inputs are read in a thread (:func:`read_ahead`), a few batches ahead of the coding: the
HTML extraction then overlaps the parse, which spends much of its time outside the GIL.
"""

from __future__ import annotations

import queue
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Protocol, TextIO, TypeVar

from wirecoder.actors.knowledge_db import KnowledgeSummary
from wirecoder.actors.knowledge_db import update as update_knowledge
from wirecoder.contract import dumps_line
from wirecoder.dedup import DedupSummary, dedup
from wirecoder.detect import LanguageDetector, assign_languages
from wirecoder.ingest import MAX_BYTES, read_paths
from wirecoder.records import Article, ArticleResult, Quarantined
from wirecoder.store import Store, StoreError

__all__ = [
    "Batch",
    "BatchCoder",
    "Coded",
    "Engine",
    "RunSummary",
    "StagedCoder",
    "batches",
    "code_batch",
    "local_engine",
    "overlapped_engine",
    "read_ahead",
    "run",
    "write_batch",
]


@dataclass(frozen=True, slots=True)
class Batch:
    """A stretch of the input: the articles to code, and what was quarantined reading it."""

    index: int
    articles: tuple[Article, ...]
    quarantined: tuple[Quarantined, ...] = ()
    order: tuple[str, ...] = ()  # every article id of the stretch, coded or stored, in order
    stored: dict[str, int] = field(default_factory=dict)  # id → events, for stored articles


@dataclass(frozen=True, slots=True)
class Coded:
    """A batch, coded: its results, and the articles coding failed on."""

    batch: Batch
    results: tuple[ArticleResult, ...]
    quarantined: tuple[Quarantined, ...] = ()


Engine = Callable[[Iterator[Batch]], Iterator[Coded]]
S = TypeVar("S")


class BatchCoder(Protocol):
    """What a run needs of a coder: ``wirecoder.Coder`` is one."""

    def code_many(self, articles: Iterable[Article | str]) -> Iterator[ArticleResult]: ...


@dataclass(frozen=True, slots=True)
class RunSummary:
    """What a run did; ``read == coded + quarantined`` always."""

    read: int = 0
    coded: int = 0
    quarantined: int = 0
    events: int = 0
    seconds: float = 0.0
    stored_before: int = 0  # of ``coded``: already stored with the same text, not coded again
    knowledge: KnowledgeSummary = field(default_factory=KnowledgeSummary)
    dedup: DedupSummary = field(default_factory=DedupSummary)

    def line(self) -> str:
        """The one-line summary the CLI prints at the end."""
        return (
            f"read {self.read}, coded {self.coded}, quarantined {self.quarantined}, "
            f"events {self.events}, {self.seconds:.1f} s"
        )


def batches(items: Iterable[Article | Quarantined], size: int) -> Iterator[Batch]:
    """Consecutive batches of ``size`` articles, each with the quarantined records read
    among them; a last batch may hold quarantined records only."""
    iterator = iter(items)
    index = 0
    while chunk := list(_take_articles(iterator, size)):
        articles = tuple(a for a in chunk if isinstance(a, Article))
        quarantined = tuple(q for q in chunk if isinstance(q, Quarantined))
        yield Batch(index, articles, quarantined, tuple(a.id for a in articles))
        index += 1


def code_batch(
    coder: BatchCoder, articles: Sequence[Article]
) -> tuple[list[ArticleResult], list[Quarantined]]:
    """Code a batch; if that fails, code its articles one by one and quarantine the failures."""
    try:
        return list(coder.code_many(articles)), []
    except Exception:  # one bad article must not lose the batch: retried one by one below
        pass
    results: list[ArticleResult] = []
    failed: list[Quarantined] = []
    for article in articles:
        try:
            results.extend(coder.code_many([article]))
        except Exception as exc:  # the article's own failure, recorded with its reason
            reason = f"coding failed ({_describe(exc)}): report it with this record"
            failed.append(Quarantined(_printable(article.id), reason, article.source))
    return results, failed


def write_batch(
    store: Store, results: Sequence[ArticleResult]
) -> tuple[list[ArticleResult], list[Quarantined]]:
    """Store a batch in one transaction; if that fails, store its articles one by one and
    quarantine those that cannot be stored. Returns (stored, quarantined)."""
    try:
        store.write(results)
        return list(results), []
    except StoreError:
        pass
    written: list[ArticleResult] = []
    failed: list[Quarantined] = []
    for result in results:
        try:
            store.write([result])
            written.append(result)
        except StoreError as exc:
            reason = f"not stored ({_describe(exc)}): fix the record and code it again"
            failed.append(Quarantined(_printable(result.article.id), reason, result.article.source))
    return written, failed


def local_engine(coder: BatchCoder) -> Engine:
    """Code batches in this process, one after the other."""

    def engine(work: Iterator[Batch]) -> Iterator[Coded]:
        for batch in work:
            results, failed = code_batch(coder, batch.articles)
            yield Coded(batch, tuple(results), tuple(failed))

    return engine


class StagedCoder(BatchCoder, Protocol[S]):
    """A coder whose batches start (go to be parsed) before they are coded:
    ``wirecoder.Polyglot`` is one."""

    def submit(self, articles: Sequence[Article]) -> S: ...

    def collect(self, started: S) -> list[ArticleResult]: ...


def overlapped_engine(coder: StagedCoder[S]) -> Engine:
    """Code batches in this process while the next one is parsed: each batch is submitted
    before the one before it is coded (with ``Polyglot(parse_apart=True)`` the parse runs in
    a process of its own, on another core). A batch that fails is coded again article by
    article (:func:`code_batch`); results come in input order."""

    def engine(work: Iterator[Batch]) -> Iterator[Coded]:
        started: deque[tuple[Batch, S | None]] = deque()
        for batch in work:
            started.append((batch, _start(coder, batch)))
            if len(started) > 1:
                yield _finish(coder, *started.popleft())
        while started:
            yield _finish(coder, *started.popleft())

    return engine


def _start(coder: StagedCoder[S], batch: Batch) -> S | None:
    """``batch`` submitted, or None when submitting fails (it is coded again on its own)."""
    if not batch.articles:
        return None
    try:
        return coder.submit(batch.articles)
    except Exception:  # retried article by article when its turn comes
        return None


def _finish(coder: StagedCoder[S], batch: Batch, started: S | None) -> Coded:
    if started is not None:
        try:
            return Coded(batch, tuple(coder.collect(started)))
        except Exception:  # one bad article must not lose the batch: retried below
            pass
    results, failed = code_batch(coder, batch.articles)
    return Coded(batch, tuple(results), tuple(failed))


def run(
    paths: Sequence[str | Path],
    store: Store,
    engine: Engine,
    *,
    lang: str | None = None,
    batch_size: int = 32,
    max_bytes: int = MAX_BYTES,
    stdin: TextIO | None = None,
    sink: TextIO | None = None,
    on_batch: Callable[[RunSummary], None] | None = None,
    on_quarantine: Callable[[Quarantined], None] | None = None,
    ahead: int | None = None,
) -> RunSummary:
    """Code ``paths`` into ``store`` with ``engine``; write contract lines to ``sink``.

    ``lang`` codes every article in one language; None takes each record's own, else detects
    it (:mod:`wirecoder.detect`). ``ahead``: how many records a reader thread may read (and
    detect) ahead of the coding (default four batches; 0 reads in this thread, between
    batches).
    """
    began = time.perf_counter()
    detector = None if lang is not None else LanguageDetector()
    items: Iterable[Article | Quarantined] = assign_languages(
        read_paths(paths, stdin=stdin, max_bytes=max_bytes), detector, override=lang
    )
    ahead = 4 * batch_size if ahead is None else ahead
    if ahead > 0:
        items = read_ahead(items, ahead)

    def pending() -> Iterator[Batch]:
        for batch in batches(items, batch_size):
            stored = store.stored_events(batch.articles)
            todo = tuple(a for a in batch.articles if a.id not in stored)
            yield replace(batch, articles=todo, stored=stored)

    summary = RunSummary()
    for coded in engine(pending()):
        written, failed = write_batch(store, coded.results)
        quarantined = [*coded.batch.quarantined, *coded.quarantined, *failed]
        store.add_quarantined(quarantined)
        if on_quarantine is not None:
            for item in quarantined:
                on_quarantine(item)
        stored = coded.batch.stored
        if sink is not None:
            _write_lines(sink, store, coded.batch, written)
        summary = replace(
            summary,
            read=summary.read + len(coded.batch.order) + len(coded.batch.quarantined),
            coded=summary.coded + len(written) + sum(1 for i in coded.batch.order if i in stored),
            quarantined=summary.quarantined + len(quarantined),
            events=summary.events + sum(len(r.events) for r in written) + sum(stored.values()),
            stored_before=summary.stored_before + sum(1 for i in coded.batch.order if i in stored),
            seconds=time.perf_counter() - began,
        )
        if on_batch is not None:
            on_batch(summary)
    known = update_knowledge(store)  # before dedup: clusters compare the resolved codes
    clustered = dedup(store)
    return replace(summary, knowledge=known, dedup=clustered, seconds=time.perf_counter() - began)


T = TypeVar("T")


def read_ahead(items: Iterable[T], ahead: int) -> Iterator[T]:
    """``items``, in order, iterated in a background thread up to ``ahead`` items ahead.

    An exception the iteration raises is raised here, where its item would have come. When
    the consumer stops early, the thread stops at its next item.
    """
    ready: queue.Queue[tuple[T] | BaseException | None] = queue.Queue(maxsize=ahead)
    stop = threading.Event()

    def put(entry: tuple[T] | BaseException | None) -> bool:
        while not stop.is_set():
            try:
                ready.put(entry, timeout=0.1)
                return True
            except queue.Full:
                continue
        return False

    def produce() -> None:
        try:
            for item in items:
                if not put((item,)):
                    return
            put(None)
        except BaseException as exc:  # handed to the consumer, raised there
            put(exc)

    thread = threading.Thread(target=produce, name="wirecoder-reader", daemon=True)
    thread.start()
    try:
        while (entry := ready.get()) is not None:
            if isinstance(entry, BaseException):
                raise entry
            yield entry[0]
    finally:
        stop.set()


def _write_lines(sink: TextIO, store: Store, batch: Batch, written: list[ArticleResult]) -> None:
    """The batch's contract lines in input order, stored articles read back from the store."""
    by_id = {r.article.id: r for r in written}
    if batch.stored:
        by_id.update(
            (r.article.id, r)
            for r in store.results(ids=[i for i in batch.order if i in batch.stored])
        )
    sink.writelines(dumps_line(by_id[i]) + "\n" for i in batch.order if i in by_id)
    sink.flush()


def _take_articles(
    items: Iterator[Article | Quarantined], size: int
) -> Iterator[Article | Quarantined]:
    """Items up to and including the ``size``-th article."""
    taken = 0
    for item in items:
        yield item
        if isinstance(item, Article):
            taken += 1
            if taken == size:
                return


def _describe(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    return f"{type(exc).__name__}: {text[:300]}" if text else type(exc).__name__


def _printable(text: str) -> str:
    """``text`` with lone surrogates escaped, so that it can be stored and printed."""
    return text.encode("utf-8", "backslashreplace").decode("utf-8")
