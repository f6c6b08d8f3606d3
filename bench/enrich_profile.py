"""Enrichment cost in CPU time, one process: what a worker spends per article (robust to a shared machine).

    .venv/bin/python -m search generate --docs 5000 --seed 3 --out /tmp/articles.jsonl
    .venv/bin/python bench/enrich_profile.py /tmp/articles.jsonl                 # CPU ms per article
    .venv/bin/python bench/enrich_profile.py /tmp/articles.jsonl --profile 30    # and cProfile's top 30

The articles are read (parsed, validated) first, then enriched as a worker does it (Enricher.document, then
the wire serialisation); only the enrichment is timed, in process CPU time, after the enricher is built.
`--warm N` enriches the first N articles once before timing (token caches as a long load has them; default 0,
so the figure includes filling them, as a fresh worker does).
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from search.enrich import get_enricher  # noqa: E402
from search.model import Reject  # noqa: E402
from search.sources import read_articles  # noqa: E402
from search.wire import to_wire  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", type=Path)
    parser.add_argument("--profile", type=int, metavar="N", default=0, help="print cProfile's top N by own time")
    parser.add_argument("--sort", default="tottime", help="cProfile sort key (tottime, cumulative)")
    parser.add_argument("--warm", type=int, default=0)
    args = parser.parse_args()
    articles = [a for a in read_articles([args.path]) if not isinstance(a, Reject)]
    enricher = get_enricher()
    for article in articles[:args.warm]:
        enricher.document(article)
    profiler = cProfile.Profile(time.process_time) if args.profile else None
    started = time.process_time()
    if profiler:
        profiler.enable()
    for article in articles:
        to_wire(enricher.document(article))
    if profiler:
        profiler.disable()
    spent = time.process_time() - started
    print(f"{len(articles)} articles, {1000 * spent / len(articles):.3f} CPU ms per article"
          + (" (under cProfile)" if profiler else ""))
    if profiler:
        text = io.StringIO()
        pstats.Stats(profiler, stream=text).sort_stats(args.sort).print_stats(args.profile)
        print(text.getvalue())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
