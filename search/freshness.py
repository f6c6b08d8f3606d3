"""Was the index built the way the app would build it now? Every document records the knowledge base's version
and as-of date and the analysis version (enrich.py); after an edit to the knowledge base, facets stay stale until a
reindex, and after a change of analysis (ANALYSIS_VERSION: terms, story fingerprints) old documents are not
grouped with new copies of their stories until a reindex regroups them.

`index_versions` asks Elasticsearch (one request); `stale_warning` and `analysis_warning` (pure) turn the answer
into sentences."""

from __future__ import annotations

from elasticsearch import Elasticsearch, NotFoundError

from search.entities.kb import KnowledgeBase


def index_versions(client: Elasticsearch, alias: str) -> dict[str, list[dict]] | None:
    """{"knowledge_bases": [{"version", "as_of", "documents"}], "analysis": [{"version", "documents"}]}: the
    knowledge bases and analysis versions the index's documents were built with, most documents first (version
    None: built before documents recorded it); None when the index does not exist."""
    try:
        raw = client.search(index=alias, size=0, track_total_hits=True, aggs={
            "versions": {"terms": {"field": "kb_version", "size": 20, "missing": "-"},
                         "aggs": {"as_of": {"max": {"field": "kb_as_of", "format": "yyyy-MM-dd"}}}},
            "analysis": {"terms": {"field": "analysis_version", "size": 20, "missing": "-"}}})
    except NotFoundError:
        return None
    aggregations = raw["aggregations"]
    return {
        "knowledge_bases": [{"version": None if b["key"] == "-" else b["key"],
                             "as_of": b["as_of"].get("value_as_string"), "documents": b["doc_count"]}
                            for b in aggregations["versions"]["buckets"]],
        "analysis": [{"version": None if b["key"] == "-" else b["key"], "documents": b["doc_count"]}
                     for b in aggregations["analysis"]["buckets"]],
    }


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


def analysis_warning(running: str, in_index: list[dict] | None) -> str | None:
    """A sentence for /api/health when any document was analysed with another analysis version than the running
    one (`running`, enrich.ANALYSIS_VERSION), else None. Its story fingerprint is of another kind, so a copy
    indexed now is not grouped with it."""
    others = [entry for entry in in_index or () if entry["version"] != running]
    if not others:
        return None
    documents = sum(entry["documents"] for entry in others)
    described = ", ".join(entry["version"] or "unrecorded" for entry in others)
    older = all(_older(entry["version"], running) for entry in others)
    return (f"{documents} indexed documents were analysed with {'an older' if older else 'another'} analysis version "
            f"({described}) than the running one ({running}): new copies of their stories are not grouped with "
            f"them, and their index terms may differ, until `python -m search reindex` re-analyses and regroups "
            f"them.")


def _older(version: str | None, running: str) -> bool:
    if version is None:
        return True
    try:
        return int(version) < int(running)
    except ValueError:
        return False
