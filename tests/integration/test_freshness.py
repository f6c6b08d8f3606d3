"""/api/health says when the index was enriched with another knowledge base than the one the app runs with."""

from dataclasses import replace

from search import indexer
from search.enrich import Enricher, get_enricher
from search.model import Article


def _health(es_settings, alias: str) -> dict:
    from web import create_app

    app = create_app(replace(es_settings, index_alias=alias))
    return app.test_client().get("/api/health").get_json()


def _index(es, alias: str, enricher: Enricher, ids: list[str]) -> None:
    target = indexer.ensure_index(es, alias)
    docs = [enricher.document(Article(id=i, body="وزیر خارجه روسیه به تهران آمد.")) for i in ids]
    report = indexer.load(es, target, docs)
    assert report.indexed == len(ids)


def test_every_document_records_the_knowledge_base_it_was_enriched_with():
    enricher = get_enricher()
    doc = enricher.document(Article(id="x", body="سلام"))
    assert doc["kb_version"] == enricher.kb.version and len(doc["kb_version"]) == 12
    assert doc["kb_as_of"] == enricher.kb.as_of


def test_health_is_quiet_when_the_index_matches_the_running_knowledge_base(es, es_settings, fresh_alias):
    _index(es, fresh_alias, get_enricher(), ["a", "b"])
    health = _health(es_settings, fresh_alias)
    assert health["warnings"] == []
    assert health["knowledge_base"]["version"] == get_enricher().kb.version
    assert health["index_knowledge_bases"] == [
        {"version": get_enricher().kb.version, "as_of": get_enricher().kb.as_of, "documents": 2}]


def test_health_warns_when_documents_were_built_with_an_older_knowledge_base(es, es_settings, fresh_alias):
    current = get_enricher()
    older = Enricher(current.analyzer, replace(current.kb, version="0123456789ab", as_of="2025-01-01"))
    _index(es, fresh_alias, current, ["new"])
    _index(es, fresh_alias, older, ["old-1", "old-2"])
    [warning] = _health(es_settings, fresh_alias)["warnings"]
    assert "2 indexed documents" in warning and "0123456789ab (as of 2025-01-01)" in warning
    assert "reindex" in warning


REPORT = ("وزرای خارجه ایران، روسیه، ترکیه و سوریه روز چهارشنبه در مسکو گرد هم آمدند تا درباره راه‌های عادی‌سازی "
          "روابط آنکارا و دمشق گفت‌وگو کنند. سرگئی لاوروف، وزیر خارجه روسیه، میزبان این نشست بود.")


def _analysed_by_version_1(doc: dict) -> dict:
    """The document as analysis version 1 stored it: its story band keys were two digits and a blake2b of the
    band's values (SHA1 shingle hashes)."""
    import hashlib

    from search.stories import BANDS, ROWS, decode_signature

    values = decode_signature(doc["story_signature"])
    bands = [f"{band:02d}{hashlib.blake2b(values[band * ROWS:(band + 1) * ROWS].tobytes(), digest_size=8).hexdigest()}"
             for band in range(BANDS)]
    return {**doc, "analysis_version": "1", "story_bands": bands}


def test_health_warns_of_documents_analysed_with_an_older_version_until_a_reindex_regroups_them(
        es, es_settings, fresh_alias):
    from search.enrich import ANALYSIS_VERSION

    enricher = get_enricher()
    target = indexer.ensure_index(es, fresh_alias)
    old = _analysed_by_version_1(enricher.document(Article(id="old", body=REPORT, title="نشست مسکو")))
    assert indexer.load(es, target, [old]).indexed == 1
    copy = enricher.document(Article(id="copy", body=REPORT + " این نخستین نشست در سطح وزیران است.", title="دیدار"))
    assert indexer.load(es, target, [copy]).indexed == 1
    es.indices.refresh(index=target)
    # a copy indexed now does not find the old document's story: their band keys are of different kinds
    assert es.get(index=fresh_alias, id="copy")["_source"]["story_id"] == "copy"

    health = _health(es_settings, fresh_alias)
    [warning] = health["warnings"]
    assert "1 indexed documents were analysed with an older analysis version (1)" in warning
    assert f"running one ({ANALYSIS_VERSION})" in warning and "`python -m search reindex`" in warning
    assert health["analysis_version"] == ANALYSIS_VERSION
    assert sorted(health["index_analysis_versions"], key=lambda e: e["version"]) == [
        {"version": "1", "documents": 1}, {"version": ANALYSIS_VERSION, "documents": 1}]

    indexer.reindex(es, fresh_alias, lambda articles: (enricher.document(a) for a in articles))
    assert _health(es_settings, fresh_alias)["warnings"] == []
    stories = {hit["_id"]: hit["_source"]["story_id"] for hit in es.search(index=fresh_alias)["hits"]["hits"]}
    assert stories == {"old": "old", "copy": "old"}
