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
