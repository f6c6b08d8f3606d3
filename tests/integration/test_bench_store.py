"""The bench's bytes per article counts what the index keeps after its merge to one segment, not the files of
the segments merged away."""

from __future__ import annotations

import uuid

from elasticsearch.helpers import bulk

from search import indexer
from search.benchmark import store_bytes
from search.enrich import get_enricher
from search.generate import generate
from search.model import Article
from search.sources import parse_published


def test_store_bytes_of_an_index_loaded_in_pieces_equals_one_loaded_at_once(es):
    enricher = get_enricher()
    docs = [enricher.document(Article(id=a["id"], title=a["title"], body=a["body"], source=a["source"],
                                      published=parse_published(a["published"]), url=a["url"]))
            for a in generate(150, seed=21)]
    in_pieces, fresh = (f"test-store-{uuid.uuid4().hex[:8]}" for _ in range(2))
    try:
        mapping = indexer.load_mapping()
        for name in (in_pieces, fresh):
            es.indices.create(index=name, settings=mapping["settings"], mappings=mapping["mappings"])
        for start in range(0, len(docs), 15):  # ten segments, merged into one by store_bytes
            bulk(es, ({"_index": in_pieces, "_id": d["id"], "_source": d} for d in docs[start:start + 15]),
                 refresh=True)
        bulk(es, ({"_index": fresh, "_id": d["id"], "_source": d} for d in docs), refresh=True)
        kept, once = store_bytes(es, in_pieces), store_bytes(es, fresh)
        assert once > 0
        assert abs(kept - once) / once < 0.2, (kept, once)
    finally:
        es.indices.delete(index=f"{in_pieces},{fresh}", ignore_unavailable=True)
