"""The one-million-article run (not in CI): generated articles streamed straight into the product's load path
(enrichment in worker processes -> indexer.load), then the index's size and the node's heap. Query latency at
that size is `python -m search bench --queries-only` against the same alias.

    ES_URL=… SEARCH_INDEX=million nice .venv/bin/python bench/million.py --docs 1000000

The articles are not written to a file first (3 GB): the reader is the only part of `python -m search index`
this skips, and it is cheap beside enrichment. A run cut short by --max-seconds can be finished later with
--resume (same --docs and --seed), which loads the rest into the same index. Progress goes to stderr every
10,000 articles; the last line is one JSON object.
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--workers", type=int, default=None)
    parser.add_argument("--max-seconds", type=float, default=None,
                        help="stop reading new articles after this long (a shared machine may be too slow for N)")
    parser.add_argument("--merge", action="store_true", help="force-merge to one segment before measuring size")
    parser.add_argument("--resume", action="store_true",
                        help="go on loading into the index behind SEARCH_INDEX: a run stopped by --max-seconds left "
                             "the first N articles of the same seed there, so those N are generated and skipped")
    args = parser.parse_args()

    from search import indexer
    from search.cluster import index_mapping
    from search.config import Settings
    from search.es import connect
    from search.generate import generate
    from search.model import Article
    from search.parallel import enrich_in_parallel
    from search.sources import parse_published

    settings = Settings.from_env()
    client = connect(settings, request_timeout=600)
    if args.resume:
        target = next(iter(client.indices.get_alias(name=settings.index_alias)))
        client.indices.refresh(index=target)
        already = client.count(index=target)["count"]
        print(f"resuming {target}: {already:,} articles there, loading the next {args.docs - already:,}",
              file=sys.stderr)
    else:
        target = indexer.create_versioned_index(client, settings.index_alias, index_mapping(settings))
        already = 0

    def articles():
        for raw in itertools.islice(generate(args.docs, args.seed), already, None):
            if args.max_seconds and time.perf_counter() - started > args.max_seconds:
                print(f"stopping at the time limit ({args.max_seconds:.0f} s)", file=sys.stderr)
                return
            yield Article(id=raw["id"], title=raw["title"], body=raw["body"], source=raw["source"],
                          published=parse_published(raw["published"]), url=raw["url"], origin=raw["id"])

    started = time.perf_counter()
    done = 0

    def progress(count: int) -> None:
        nonlocal done
        done += count
        if done % 10_000 == 0:
            elapsed = time.perf_counter() - started
            print(f"{done:>9,} articles in {elapsed:7.0f} s ({done / elapsed:5.0f}/s)", file=sys.stderr, flush=True)

    report = indexer.load(client, target, enrich_in_parallel(articles(), workers=args.workers, wire=True), on_progress=progress)
    load_seconds = time.perf_counter() - started
    if not args.resume:
        indexer.swap_alias(client, settings.index_alias, target)
    client.indices.flush(index=target)
    store = client.indices.stats(index=target, metric="store,docs")["indices"][target]["primaries"]
    merge_started = time.perf_counter()
    if args.merge:
        client.options(request_timeout=7200).indices.forcemerge(index=target, max_num_segments=1, wait_for_completion=True)
    merged = client.indices.stats(index=target, metric="store")["indices"][target]["primaries"]["store"]
    nodes = client.nodes.stats(metric="jvm")["nodes"]
    heap = max(n["jvm"]["mem"]["heap_used_in_bytes"] for n in nodes.values())
    heap_max = max(n["jvm"]["mem"]["heap_max_in_bytes"] for n in nodes.values())
    result = {
        "docs": already + report.indexed, "loaded_now": report.indexed, "rejected": len(report.rejected), "load_seconds": round(load_seconds),
        "load_docs_per_s": round(report.read / load_seconds, 1),
        "store_bytes": store["store"]["size_in_bytes"],
        "bytes_per_doc": round(merged["size_in_bytes"] / max(already + report.indexed, 1)), "merged": args.merge,
        "forcemerge_seconds": round(time.perf_counter() - merge_started),
        "heap_used_bytes": heap, "heap_max_bytes": heap_max,
    }
    print(json.dumps(result))
    return 0 if not report.rejected else 1


if __name__ == "__main__":
    sys.exit(main())
