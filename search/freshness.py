"""Was the index built with the knowledge base the app runs with? Every document records the knowledge base's
version and as-of date (enrich.py); after an edit to the knowledge base, facets stay stale until a reindex.

`index_knowledge_bases` asks Elasticsearch; `stale_warning` (pure) turns the answer into a sentence."""

from __future__ import annotations

from elasticsearch import Elasticsearch, NotFoundError

from search.entities.kb import KnowledgeBase


def index_knowledge_bases(client: Elasticsearch, alias: str) -> list[dict] | None:
    """[{"version", "as_of", "documents"}] of the knowledge bases the index's documents were built with, most
    documents first (version None: built before documents recorded it); None when the index does not exist."""
    try:
        raw = client.search(index=alias, size=0, track_total_hits=True, aggs={
            "versions": {"terms": {"field": "kb_version", "size": 20, "missing": "-"},
                         "aggs": {"as_of": {"max": {"field": "kb_as_of", "format": "yyyy-MM-dd"}}}}})
    except NotFoundError:
        return None
    buckets = raw["aggregations"]["versions"]["buckets"]
    return [{"version": None if b["key"] == "-" else b["key"], "as_of": b["as_of"].get("value_as_string"),
             "documents": b["doc_count"]} for b in buckets]


def stale_warning(running: KnowledgeBase, in_index: list[dict] | None) -> str | None:
    """A sentence for /api/health when any document was enriched with another knowledge base than the running
    one, else None."""
    others = [entry for entry in in_index or () if entry["version"] != running.version]
    if not others:
        return None
    documents = sum(entry["documents"] for entry in others)
    described = ", ".join(
        f"{entry['version'] or 'unrecorded'} (as of {entry['as_of'] or 'unknown'})" for entry in others)
    return (f"{documents} indexed documents were enriched with an older knowledge base ({described}) than the "
            f"running one ({running.version}, as of {running.as_of}); their countries, officials and "
            f"organisations may be out of date until `python -m search reindex`.")
