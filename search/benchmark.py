"""`python -m search bench --docs N`: the product's speed, measured side by side in one run on one cluster.

On the same generated articles: enrichment alone, end-to-end `index` (read, enrich in worker processes, bulk),
raw `streaming_bulk` of the already-enriched documents into a scratch index, index bytes per article, and the
latency of a fixed mixed query set through the API next to Elasticsearch's own latency for the very request
bodies the API sent (recorded as they pass, then replayed). Human-readable lines, then one JSON line.

The machine is shared and noisy, so the figures that matter are the ratios of things measured together.
The API is reached through a callable (the CLI passes Flask's test client): this module imports no web code.
"""

from __future__ import annotations

import json
import math
import resource
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from elasticsearch import Elasticsearch
from elasticsearch.helpers import streaming_bulk

from search import indexer
from search.parallel import enrich_in_parallel, stop_worker_server, worker_cpu_seconds
from search.sources import read_articles

# (label, API query string). Words, phrases, exclusions, facet selections, dates, sorts and deep pages; deep
# cursor pages are followed from the first page's next_cursor when the API offers one.
QUERY_SET: tuple[tuple[str, str], ...] = (
    ("word", "q=نفت"),
    ("word", "q=تحریم"),
    ("word", "q=وزرای"),
    ("words", "q=همکاری اقتصادی"),
    ("words", "q=سفیر ایران در عراق"),
    ("words", "q=انرژی هسته‌ای"),
    ("phrase", "q=\"وزیر امور خارجه\""),
    ("phrase", "q=«شورای امنیت»"),
    ("exclusion", "q=نفت -عراق"),
    ("exclusion", "q=مذاکرات -\"وزیر امور خارجه\""),
    ("or", "q=زلزله OR سیل"),
    ("facet", "q=&country=IR"),
    ("facet", "q=دیدار&country=IR&country=RU"),
    ("facet", "q=&topic=diplomacy&source=ایرنا"),
    ("facet", "q=تحریم&organization=un"),
    ("facet", "q=&topic=energy&topic=economy"),
    ("date", "q=انتخابات&from=2020-01-01&to=2021-12-31"),
    ("sort", "q=نفت&sort=newest"),
    ("sort", "q=&sort=oldest"),
    ("sort", "q=گفتگو&country=US&sort=newest"),
    ("deep page", "q=ایران&page=50"),
    ("deep page", "q=&page=400&size=20"),
)
CURSOR_START = "q=ایران&sort=newest&group=none"  # every article, newest first: the deep-paging case
CURSOR_PAGES = 30


def percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile (p99 of 100 values is the 99th smallest)."""
    ordered = sorted(values)
    if not ordered:
        return 0.0
    rank = max(1, min(len(ordered), math.ceil(share * len(ordered))))
    return ordered[rank - 1]


@dataclass
class Latencies:
    api_ms: list[float] = field(default_factory=list)
    es_ms: list[float] = field(default_factory=list)   # round trip of the same body from this process
    took_ms: list[float] = field(default_factory=list)  # Elasticsearch's own `took`
    by_label: dict[str, list[float]] = field(default_factory=dict)


class RecordingClient:
    """Stands in for the service's Elasticsearch client: forwards everything, remembers each search's arguments."""

    def __init__(self, client: Elasticsearch) -> None:
        self._client = client
        self.searches: list[dict] = []

    def search(self, **kwargs):
        self.searches.append(kwargs)
        return self._client.search(**kwargs)

    def __getattr__(self, name):
        return getattr(self._client, name)


def timed_rate(count: int, started: float) -> float:
    return count / max(time.perf_counter() - started, 1e-9)


def es_cpu_ms(client: Elasticsearch) -> int:
    """CPU time the Elasticsearch node(s) have used so far (all of it: on a shared node, others' load too)."""
    nodes = client.nodes.stats(metric="process", filter_path="nodes.*.process.cpu.total_in_millis")["nodes"]
    return sum(node["process"]["cpu"]["total_in_millis"] for node in nodes.values())


def python_cpu_s() -> float:
    """CPU time of this process (user + system) and of the enrichment workers on their batches (not the
    one-off ~3 s in which the fork server builds the enricher)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    return own.ru_utime + own.ru_stime + worker_cpu_seconds()


@dataclass
class CpuShare:
    """CPU seconds spent during one step, by Elasticsearch and by this benchmark's Python processes (of which
    the enrichment workers)."""
    es_s: float = 0.0
    python_s: float = 0.0
    workers_s: float = 0.0
    wall_s: float = 0.0

    def per_thousand(self, docs: int) -> str:
        return (f"CPU s per 1,000 docs: Elasticsearch {1000 * self.es_s / docs:.2f}, "
                f"Python {1000 * self.python_s / docs:.2f} (workers {1000 * self.workers_s / docs:.2f}), "
                f"wall {1000 * self.wall_s / docs:.2f}")

    def as_dict(self, docs: int) -> dict:
        return {"es": round(1000 * self.es_s / docs, 2), "python": round(1000 * self.python_s / docs, 2),
                "workers": round(1000 * self.workers_s / docs, 2), "wall": round(1000 * self.wall_s / docs, 2)}


class cpu_share:
    """`with cpu_share(client) as share:` fills `share` with the CPU the step used (a context manager)."""

    def __init__(self, client: Elasticsearch) -> None:
        self.client, self.share = client, CpuShare()

    def __enter__(self) -> CpuShare:
        self._es, self._py, self._wall = es_cpu_ms(self.client), python_cpu_s(), time.perf_counter()
        self._workers = worker_cpu_seconds()
        return self.share

    def __exit__(self, *exc) -> None:
        self.share.es_s = (es_cpu_ms(self.client) - self._es) / 1000
        self.share.python_s = python_cpu_s() - self._py
        self.share.workers_s = worker_cpu_seconds() - self._workers
        self.share.wall_s = time.perf_counter() - self._wall


def store_bytes(client: Elasticsearch, index: str) -> int:
    """Primary store size after a flush and a merge to one segment, so that runs compare (not mid-merge)."""
    client.indices.refresh(index=index)
    client.options(request_timeout=3600).indices.forcemerge(index=index, max_num_segments=1, wait_for_completion=True)
    client.indices.flush(index=index, wait_if_ongoing=True)
    client.indices.refresh(index=index)
    # the live segments' own sizes: the store size still counted merged-away files no reader had let go of yet
    # (7,500 bytes per article at 100k where the index held 4,100)
    segments = client.cat.segments(index=index, format="json", bytes="b")
    return sum(int(segment["size"]) for segment in segments if segment["prirep"] == "p")


def write_articles(articles: Iterator[dict], path: Path) -> int:
    count = 0
    with path.open("w", encoding="utf-8") as handle:
        for article in articles:
            handle.write(json.dumps(article, ensure_ascii=False) + "\n")
            count += 1
    return count


def enrich_to_file(articles_path: Path, docs_path: Path, workers: int | None) -> tuple[int, float]:
    """Enrichment alone (parallel, as `index` does it), documents written to a file for the raw bulk step."""
    started = time.perf_counter()
    count = 0
    with docs_path.open("w", encoding="utf-8") as handle:
        for doc in enrich_in_parallel(read_articles([articles_path], deferred=True), workers=workers):
            handle.write(json.dumps(doc, ensure_ascii=False) + "\n")
            count += 1
    return count, timed_rate(count, started)


def index_end_to_end(client: Elasticsearch, alias: str, mapping: dict, articles_path: Path,
                     workers: int | None) -> tuple[str, indexer.LoadReport, float]:
    """What `python -m search index --rebuild` does: read, enrich in workers, streaming_bulk, swap the alias."""
    started = time.perf_counter()
    target = indexer.create_versioned_index(client, alias, mapping)
    articles = read_articles([articles_path], deferred=True)  # parsed in the workers, as `index` does
    report = indexer.load(client, target, enrich_in_parallel(articles, workers=workers, wire=True))
    indexer.swap_alias(client, alias, target)
    return target, report, timed_rate(report.read, started)


def raw_bulk(client: Elasticsearch, index: str, mapping: dict, docs_path: Path) -> tuple[int, float]:
    """streaming_bulk of the already-enriched documents (read back from the file) into a scratch index. Timed
    from the index's creation until its documents are searchable, as `index_end_to_end` is."""
    started = time.perf_counter()
    client.indices.create(index=index, settings=mapping["settings"], mappings=mapping["mappings"])
    before = indexer.loading_settings(client, index)  # the same index settings as `index` uses for its loads

    def actions():
        with docs_path.open(encoding="utf-8") as handle:
            for line in handle:
                doc = json.loads(line)
                yield {"_op_type": "index", "_index": index, "_id": doc["id"], "_source": doc}

    indexed = sum(1 for ok, _ in streaming_bulk(client, actions(), chunk_size=500, max_retries=5,
                                                initial_backoff=1, raise_on_error=False) if ok)
    indexer.restore_settings(client, index, before)  # and refresh: `index` ends with it too
    return indexed, timed_rate(indexed, started)


def measure_queries(api_get: Callable[[str], tuple[int, dict]], recorder: RecordingClient, es: Elasticsearch,
                    rounds: int = 3) -> Latencies:
    """Each API request, then at once the Elasticsearch requests it made, replayed: the two side by side."""
    latencies = Latencies()

    def one(label: str, query: str) -> dict:
        recorder.searches.clear()
        started = time.perf_counter()
        status, payload = api_get(query)
        api_ms = (time.perf_counter() - started) * 1000
        if status != 200:
            raise RuntimeError(f"/api/search?{query} answered {status}: {payload}")
        es_ms = took = 0.0
        for kwargs in list(recorder.searches):
            started = time.perf_counter()
            raw = es.search(**kwargs)
            es_ms += (time.perf_counter() - started) * 1000
            took += raw["took"]
        latencies.api_ms.append(api_ms)
        latencies.es_ms.append(es_ms)
        latencies.took_ms.append(took)
        latencies.by_label.setdefault(label, []).append(api_ms)
        return payload

    for query in [q for _, q in QUERY_SET][:5]:  # warm caches and connections; not counted
        api_get(query)
    for _ in range(rounds):
        for label, query in QUERY_SET:
            one(label, query)
        payload = one("cursor first page", CURSOR_START)
        for _ in range(CURSOR_PAGES):
            cursor = payload.get("next_cursor")
            if not cursor:
                break
            from urllib.parse import quote

            payload = one("cursor page", f"{CURSOR_START}&cursor={quote(cursor)}")
    return latencies


def report_line(name: str, value: float, unit: str) -> str:
    return f"{name:46} {value:12,.1f} {unit}"


def run(client: Elasticsearch, mapping: dict, docs: int, seed: int, workers: int | None,
        api_factory: Callable[[str], tuple[Callable[[str], tuple[int, dict]], RecordingClient]],
        workdir: Path | None = None, keep: bool = False, rounds: int = 3, baseline_mapping: dict | None = None,
        out=sys.stdout) -> dict:
    """The whole benchmark. `api_factory(alias)` returns (GET /api/search?<query> -> (status, json), the
    RecordingClient the app's search service uses). With `baseline_mapping`, the enriched documents also go
    into a second scratch index with that mapping, to compare index bytes per article (footprint)."""
    from search.generate import generate

    run_id = uuid.uuid4().hex[:8]
    alias, scratch = f"bench-{run_id}", f"bench-{run_id}-raw"
    with tempfile.TemporaryDirectory(prefix="search-bench-", dir=workdir) as folder:
        articles_path, docs_path = Path(folder) / "articles.jsonl", Path(folder) / "documents.jsonl"
        say = lambda text: print(text, file=out, flush=True)  # noqa: E731
        started = time.perf_counter()
        write_articles(generate(docs, seed), articles_path)
        say(report_line(f"generated {docs:,} articles (seed {seed})", timed_rate(docs, started), "articles/s"))
        article_bytes = articles_path.stat().st_size / docs
        try:
            with cpu_share(client) as enrich_cpu:
                enriched, enrich_rate = enrich_to_file(articles_path, docs_path, workers)
            say(report_line("enrichment alone (parallel)", enrich_rate, "articles/s"))
            say("  " + enrich_cpu.per_thousand(enriched))
            # raw bulk and end-to-end index back to back, so they see the same load on the machine
            with cpu_share(client) as raw_cpu:
                raw_count, raw_rate = raw_bulk(client, scratch, mapping, docs_path)
            say(report_line("raw streaming_bulk of enriched documents", raw_rate, "docs/s"))
            say("  " + raw_cpu.per_thousand(raw_count))
            stop_worker_server()  # the index step starts its workers from nothing, as the `index` command does
            with cpu_share(client) as index_cpu:
                target, load_report, index_rate = index_end_to_end(client, alias, mapping, articles_path, workers)
            say(report_line("end-to-end index (read, enrich, bulk)", index_rate, "articles/s"))
            say("  " + index_cpu.per_thousand(load_report.read))
            if load_report.rejected or raw_count != enriched:
                raise RuntimeError(f"bench lost documents: {load_report.summary()}, raw bulk indexed {raw_count}")
            index_bytes = store_bytes(client, target)
            say(report_line("index size per article (one segment)", index_bytes / docs, "bytes")
                + f"  (article JSON {article_bytes:,.0f} bytes)")
            baseline_bytes = None
            if baseline_mapping:
                raw_bulk(client, f"{scratch}-baseline", baseline_mapping, docs_path)
                baseline_bytes = store_bytes(client, f"{scratch}-baseline")
                say(report_line("  with the baseline mapping", baseline_bytes / docs, "bytes")
                    + f"  (product / baseline {index_bytes / baseline_bytes:.2f})")
            api_get, recorder = api_factory(alias)
            latencies = measure_queries(api_get, recorder, client, rounds=rounds)
        finally:
            if not keep:
                client.indices.delete(index=f"{alias}-v*,{scratch},{scratch}-baseline", allow_no_indices=True,
                                      ignore_unavailable=True)
    api_p50, es_p50 = percentile(latencies.api_ms, 0.5), percentile(latencies.es_ms, 0.5)
    for label, values in latencies.by_label.items():
        say(report_line(f"API {label} p50 ({len(values)} requests)", percentile(values, 0.5), "ms"))
    say(report_line(f"API p50 / p99 over {len(latencies.api_ms)} requests", api_p50, "ms")
        + f" / {percentile(latencies.api_ms, 0.99):,.1f} ms")
    say(report_line("Elasticsearch round trip p50 / p99, same bodies", es_p50, "ms")
        + f" / {percentile(latencies.es_ms, 0.99):,.1f} ms (took p50 {percentile(latencies.took_ms, 0.5):.0f} ms)")
    result = {
        "docs": docs,
        "seed": seed,
        "workers": workers,
        "enrich_docs_per_s": round(enrich_rate, 1),
        "index_docs_per_s": round(index_rate, 1),
        "raw_bulk_docs_per_s": round(raw_rate, 1),
        "ratio_index_vs_raw": round(index_rate / raw_rate, 3),
        # CPU seconds per 1,000 documents in each step: what bounds the ratio on a machine with few cores
        "cpu_s_per_1000": {step: share.as_dict(docs) for step, share in
                           (("enrich", enrich_cpu), ("raw_bulk", raw_cpu), ("index", index_cpu))},
        "bytes_per_doc": round(index_bytes / docs),
        "article_json_bytes": round(article_bytes),
        "api_requests": len(latencies.api_ms),
        "api_p50_ms": round(api_p50, 1),
        "api_p99_ms": round(percentile(latencies.api_ms, 0.99), 1),
        "es_p50_ms": round(es_p50, 1),
        "es_p99_ms": round(percentile(latencies.es_ms, 0.99), 1),
        "es_took_p50_ms": round(percentile(latencies.took_ms, 0.5), 1),
        "ratio_api_vs_es": round(api_p50 / max(es_p50, 1e-9), 2),
        "cursor_pages": len(latencies.by_label.get("cursor page", [])),
    }
    if baseline_bytes:
        result["baseline_bytes_per_doc"] = round(baseline_bytes / docs)
    print(json.dumps(result, ensure_ascii=False), file=out, flush=True)
    return result


def summarise_queries(latencies: Latencies, docs: int, out=sys.stdout) -> dict:
    """Query latency alone, against an index that is already loaded (the one-million-article run)."""
    api_p50, es_p50 = percentile(latencies.api_ms, 0.5), percentile(latencies.es_ms, 0.5)
    for label, values in latencies.by_label.items():
        print(report_line(f"API {label} p50 ({len(values)} requests)", percentile(values, 0.5), "ms"), file=out)
    result = {
        "docs": docs, "api_requests": len(latencies.api_ms),
        "api_p50_ms": round(api_p50, 1), "api_p99_ms": round(percentile(latencies.api_ms, 0.99), 1),
        "es_p50_ms": round(es_p50, 1), "es_p99_ms": round(percentile(latencies.es_ms, 0.99), 1),
        "es_took_p50_ms": round(percentile(latencies.took_ms, 0.5), 1),
        "ratio_api_vs_es": round(api_p50 / max(es_p50, 1e-9), 2),
        "cursor_pages": len(latencies.by_label.get("cursor page", [])),
    }
    print(json.dumps(result, ensure_ascii=False), file=out, flush=True)
    return result
