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
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor

from search.model import Article, Reject

BATCH_SIZE = 64
BATCHES_IN_FLIGHT_PER_WORKER = 4


def default_workers() -> int:
    """The cores this process may use (respects CPU affinity and container limits that set it)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


def _start_worker() -> None:
    from search.enrich import get_enricher

    get_enricher()


def _enrich_batch(batch: list[Article | Reject]) -> list[dict | Reject]:
    from search.enrich import get_enricher

    enricher = get_enricher()
    return [item if isinstance(item, Reject) else enricher.document(item) for item in batch]


def enrich_serially(items: Iterable[Article | Reject]) -> Iterator[dict | Reject]:
    from search.enrich import get_enricher

    enricher = get_enricher()
    for item in items:
        yield item if isinstance(item, Reject) else enricher.document(item)


def enrich_in_parallel(items: Iterable[Article | Reject], workers: int | None = None,
                       batch_size: int = BATCH_SIZE) -> Iterator[dict | Reject]:
    """Index documents (or the Rejects passed in) in input order; `workers=1` stays in this process."""
    workers = workers or default_workers()
    if workers <= 1:
        yield from enrich_serially(items)
        return
    source = iter(items)
    # spawn, not fork: the caller may hold threads (HTTP connection pools) that fork would copy mid-state
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_start_worker) as pool:
        pending: deque[Future] = deque()
        limit = workers * BATCHES_IN_FLIGHT_PER_WORKER

        def submit_next() -> bool:
            batch = list(itertools.islice(source, batch_size))
            if batch:
                pending.append(pool.submit(_enrich_batch, batch))
            return bool(batch)

        while len(pending) < limit and submit_next():
            pass
        while pending:
            done = pending.popleft().result()
            submit_next()
            yield from done
