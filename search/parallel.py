"""Enrichment in worker processes, so that analysis and entity extraction use every core while the main process
reads input and feeds `streaming_bulk`.

Each worker builds the analyser and knowledge base once (in its initializer); articles travel in batches, and at
most a few batches per worker are in flight, so memory stays flat on a million-article load. Results come back
in input order, so progress and rejects read the same as with one process.
"""

from __future__ import annotations

import itertools
import multiprocessing
import os
import time
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor

from search.intake.readers import JsonLine
from search.model import Article, Reject
from search.wire import WireDoc, to_wire

BATCH_SIZE = 64
BATCHES_IN_FLIGHT_PER_WORKER = 4


def default_workers() -> int:
    """The cores this process may use (respects CPU affinity and container limits that set it)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


def _worker_context() -> multiprocessing.context.BaseContext:
    """Not fork: the caller may hold threads (HTTP connection pools) that fork would copy mid-state. Where
    there is a fork server (Linux, macOS), workers are forked from it, a clean process that has built the
    enricher once (search/preload.py), so a pool starts in milliseconds instead of each worker spending ~3 CPU
    seconds on the analyser and knowledge base; else spawned."""
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["search.preload"])  # read when the fork server starts (once per process)
    return context


def stop_worker_server() -> None:
    """Stop the fork server (the next pool starts a new one and builds the enricher again), so a benchmark step
    pays for its workers' start as a fresh `python -m search index` does. Uses the standard library's private
    handle on it; does nothing where there is none."""
    import multiprocessing.forkserver

    stop = getattr(getattr(multiprocessing.forkserver, "_forkserver", None), "_stop", None)
    if stop:
        stop()


# Workers run below the main process and Elasticsearch: those two pass each batch on (story grouping, the bulk
# request) and enrichment waits for them; the workers take whatever CPU is left.
WORKER_NICENESS = 5


def _start_worker() -> None:
    from search.enrich import get_enricher

    try:
        os.nice(WORKER_NICENESS)
    except OSError:  # not permitted here: run at the caller's priority
        pass
    get_enricher()


def _enrich_batch(batch: list[Article | JsonLine | Reject], wire: bool = False) -> tuple[float, list[dict | WireDoc | Reject]]:
    """(CPU seconds this worker spent on the batch, the documents); with `wire`, each document serialised as it
    goes to Elasticsearch (search/wire.py), so the main process does not unpickle and re-serialise it."""
    from search.enrich import get_enricher

    started = time.process_time()
    enricher = get_enricher()
    make = (lambda article: to_wire(enricher.document(article))) if wire else enricher.document
    articles = (item.article() if isinstance(item, JsonLine) else item for item in batch)
    documents = [item if isinstance(item, Reject) else make(item) for item in articles]
    return time.process_time() - started, documents


_worker_cpu_seconds = 0.0  # a counter, not state: what worker_cpu_seconds() reports


def worker_cpu_seconds() -> float:
    """CPU seconds the enrichment workers of this process have spent on batches so far (forked workers are
    not this process's children, so its resource usage does not include them; the benchmark reads this)."""
    return _worker_cpu_seconds


def enrich_serially(items: Iterable[Article | JsonLine | Reject], wire: bool = False) -> Iterator[dict | WireDoc | Reject]:
    from search.enrich import get_enricher

    enricher = get_enricher()
    for item in items:
        if isinstance(item, JsonLine):
            item = item.article()
        yield item if isinstance(item, Reject) else to_wire(enricher.document(item)) if wire else enricher.document(item)


def enrich_in_parallel(items: Iterable[Article | JsonLine | Reject], workers: int | None = None,
                       batch_size: int = BATCH_SIZE, wire: bool = False) -> Iterator[dict | WireDoc | Reject]:
    """Index documents (or the Rejects passed in, or made of unreadable JsonLines) in input order; `workers=1`
    stays in this process. JsonLines (read_articles(..., deferred=True)) are parsed and validated in the
    workers. With `wire`, WireDocs (serialised in the workers) instead of dicts: what `indexer.load` sends as
    they are."""
    workers = workers or default_workers()
    if workers <= 1:
        yield from enrich_serially(items, wire)
        return
    source = iter(items)
    with ProcessPoolExecutor(max_workers=workers, mp_context=_worker_context(),
                             initializer=_start_worker) as pool:
        pending: deque[Future] = deque()
        limit = workers * BATCHES_IN_FLIGHT_PER_WORKER

        def submit_next() -> bool:
            batch = list(itertools.islice(source, batch_size))
            if batch:
                pending.append(pool.submit(_enrich_batch, batch, wire))
            return bool(batch)

        while len(pending) < limit and submit_next():
            pass
        global _worker_cpu_seconds
        while pending:
            cpu_seconds, done = pending.popleft().result()
            _worker_cpu_seconds += cpu_seconds
            submit_next()
            yield from done
