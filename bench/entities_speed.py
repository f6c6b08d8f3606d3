"""Entity and topic extraction throughput on one core, beside the analysis it builds on.

    make bench-entities      (or: .venv/bin/python bench/entities_speed.py)

Extraction = token keys + Aho-Corasick pass + resolution + topic scoring, on tokens the analyzer has already
produced (enrichment tokenises once and shares the tokens). Full enrichment = the whole Article -> document.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from analysis_speed import rate  # noqa: E402
from corpus import describe, two_kb_articles  # noqa: E402


def main() -> int:
    from search.enrich import get_enricher
    from search.model import Article

    enricher = get_enricher()
    analyzer, matcher, topics = enricher.analyzer, enricher.matcher, enricher.topics
    articles = two_kb_articles()
    tokenised = [analyzer.tokens(analyzer.normalize(text)) for text in articles]

    def extract(tokens):
        keys, encoded = matcher.keys_and_codes(tokens)
        found = matcher.extract(tokens, keys, encoded)
        ids = {f"org:{o['id']}" for o in found.organizations} | {f"country:{c['id']}" for c in found.countries}
        return topics.classify(len(tokens), ids, encoded)

    for tokens in tokenised:  # warm the token caches, as a long indexing run has them
        extract(tokens)

    as_articles = [Article(id=str(i), body=text) for i, text in enumerate(articles)]
    print(describe(articles) + "\n")
    # interleaved rounds, best of each: the three are measured under the same conditions
    best = {"extraction": 0.0, "analysis": 0.0, "full": 0.0}
    for _ in range(5):
        best["extraction"] = max(best["extraction"], rate(extract, tokenised, rounds=1, min_round_seconds=0.5))
        best["analysis"] = max(best["analysis"], rate(analyzer.index_fields, articles, rounds=1, min_round_seconds=0.5))
        best["full"] = max(best["full"], rate(enricher.document, as_articles, rounds=1, min_round_seconds=0.5))
    print(f"{'entity + topic extraction (from tokens)':42} {best['extraction']:10.1f} articles/s")
    print(f"{'analysis (index_fields)':42} {best['analysis']:10.1f} articles/s")
    print(f"{'full enrichment (Article -> document)':42} {best['full']:10.1f} articles/s")
    megabytes = sum(len(a.encode("utf-8")) for a in articles) / len(articles) / 1e6
    print(f"\nextraction / analysis: {best['extraction'] / best['analysis']:.2f}x; "
          f"extraction: {best['extraction'] * megabytes:.1f} MB/s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
