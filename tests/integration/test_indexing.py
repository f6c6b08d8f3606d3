import json

import pytest
from elasticsearch import BadRequestError

from search import indexer
from search.enrich import get_enricher
from search.model import Article, Reject


def _doc(article_id: str, body: str) -> dict:
    return get_enricher().document(Article(id=article_id, body=body, title=body[:20]))


def test_ensure_index_creates_versioned_index_behind_alias(es, fresh_alias):
    target = indexer.ensure_index(es, fresh_alias)
    assert target == f"{fresh_alias}-v1"
    assert indexer.ensure_index(es, fresh_alias) == target  # idempotent
    mapping = es.indices.get_mapping(index=target)[target]["mappings"]
    assert mapping["dynamic"] == "strict"
    assert mapping["properties"]["body_terms"]["analyzer"] == "whitespace"
    assert mapping["properties"]["countries"]["type"] == "keyword"


def test_strict_mapping_refuses_unknown_fields(es, fresh_alias):
    target = indexer.ensure_index(es, fresh_alias)
    with pytest.raises(BadRequestError):
        es.index(index=target, document={"id": "x", "bodyy": "typo"})


def test_load_indexes_documents_and_keeps_rejects(es, fresh_alias):
    target = indexer.ensure_index(es, fresh_alias)
    bad = _doc("bad", "سند بد")
    bad["published"] = "not-a-date"  # Elasticsearch refuses this one
    items = [_doc("a", "وزرای دفاع ایران و روسیه"), Reject("in.jsonl:2", "missing or empty 'body'"), bad]
    report = indexer.load(es, target, items)
    assert (report.read, report.indexed, len(report.rejected)) == (3, 1, 2)
    assert "Elasticsearch refused it" in report.rejected[1].reason
    assert es.count(index=fresh_alias)["count"] == 1
    # refresh and a synchronous translog (each bulk fsynced) are restored after the load
    settings = es.indices.get_settings(index=target)[target]["settings"]["index"]
    assert settings.get("refresh_interval") != "-1"
    assert settings.get("translog", {}).get("durability", "request") == "request"


def test_load_settings_left_by_an_interrupted_load_are_restored_to_the_defaults(es, fresh_alias):
    target = indexer.ensure_index(es, fresh_alias)
    es.indices.put_settings(index=target, settings={"index": dict(indexer.LOADING_SETTINGS)})  # as a crash leaves
    indexer.load(es, target, [_doc("a", "وزرای دفاع ایران و روسیه")])
    settings = es.indices.get_settings(index=target)[target]["settings"]["index"]
    assert settings.get("refresh_interval") != "-1"
    assert settings.get("translog", {}).get("durability", "request") == "request"
    assert es.count(index=fresh_alias)["count"] == 1


def test_rebuild_swaps_alias_atomically_and_drops_old_index(es, fresh_alias):
    first = indexer.ensure_index(es, fresh_alias)
    indexer.load(es, first, [_doc("old", "خبر قدیمی")])
    second = indexer.create_versioned_index(es, fresh_alias)
    assert second == f"{fresh_alias}-v2"
    # readers still see the old index while the new one is being built
    indexer.load(es, second, [_doc("new1", "خبر تازه"), _doc("new2", "خبر تازه دیگر")])
    assert es.count(index=fresh_alias)["count"] == 1
    stale = indexer.swap_alias(es, fresh_alias, second)
    assert stale == [first]
    assert es.count(index=fresh_alias)["count"] == 2
    assert not es.indices.exists(index=first)


def test_cli_index_and_rejects_file(es, es_settings, fresh_alias, tmp_path, monkeypatch, capsys):
    from search.cli import main

    corpus = tmp_path / "in.jsonl"
    corpus.write_text("\n".join([
        json.dumps({"id": "c1", "body": "زلزله در هرات", "published": "2023-10-07"}, ensure_ascii=False),
        "{broken",
    ]), encoding="utf-8")
    monkeypatch.setenv("SEARCH_INDEX", fresh_alias)
    rejects = tmp_path / "rejects.jsonl"
    assert main(["index", str(corpus), "--rejects", str(rejects)]) == 0
    assert "read 2, indexed 1, rejected 1" in capsys.readouterr().err
    assert json.loads(rejects.read_text())["origin"].endswith("in.jsonl:2")
    assert es.count(index=fresh_alias)["count"] == 1
    assert main(["index", str(corpus), "--rejects", str(rejects), "--strict"]) == 1


def test_load_of_documents_serialised_in_workers(es, fresh_alias):
    """What `index` sends (WireDocs from the workers) is stored as the same document, with its story id; a
    copy of a story in the same load joins it, and a refused one is reported with its origin."""
    from search.parallel import enrich_in_parallel

    target = indexer.ensure_index(es, fresh_alias)
    body = "وزرای دفاع ایران و روسیه روز چهارشنبه در مسکو دیدار کردند و درباره همکاری‌های نظامی گفت‌وگو کردند"
    articles = [Article(id="a", body=body, title="دیدار", origin="in.jsonl:1"),
                Article(id="b", body=body + " دیگر", title="تیتر دیگر", origin="in.jsonl:2"),
                Article(id="c", body="سند بد", title="بد", origin="in.jsonl:3")]
    wired = list(enrich_in_parallel(articles, workers=1, wire=True))
    bad = wired[2].document("c")
    bad["published"] = "not-a-date"  # Elasticsearch refuses this one
    report = indexer.load(es, target, [*wired[:2], bad])
    assert (report.read, report.indexed, len(report.rejected)) == (3, 2, 1)
    assert report.rejected[0].origin == "in.jsonl:3" and "Elasticsearch refused it" in report.rejected[0].reason
    stored = es.get(index=target, id="b")["_source"]
    expected = _doc("b", body + " دیگر")
    assert stored["story_id"] == "a" and stored["body_terms"] == expected["body_terms"]
    assert stored["countries"] == expected["countries"] and stored["origin"] == "in.jsonl:2"
