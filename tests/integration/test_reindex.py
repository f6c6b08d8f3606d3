"""`python -m search reindex`: the stored articles re-enriched into a new index without the original files,
searches answered throughout, the alias swapped only when the counts match."""

import threading

from search import indexer
from search.cli import main
from search.enrich import get_enricher
from search.model import Reject, SearchRequest
from search.service import SearchService
from search.sources import read_articles
from tests.conftest import DEMO_CORPUS


def test_reindex_re_enriches_from_the_live_index_while_searches_go_on(es, fresh_alias, monkeypatch, capsys):
    target = indexer.ensure_index(es, fresh_alias)
    enricher = get_enricher()
    docs = [i if isinstance(i, Reject) else enricher.document(i) for i in read_articles([DEMO_CORPUS])]
    report = indexer.load(es, target, docs)
    assert not report.rejected and report.indexed == len(docs)
    # an article enriched by an older version: no entities recorded, as if the knowledge base had lacked them
    es.update(index=target, id="demo-001", doc={"countries": [], "officials": [], "analysis_version": "0"},
              refresh=True)

    service = SearchService(es, fresh_alias)
    totals, errors, done = [], [], threading.Event()

    def keep_searching():
        while not done.is_set():
            try:
                totals.append(service.search(SearchRequest(query="وزیر خارجه", size=3)).total)
            except Exception as error:  # noqa: BLE001 (any failure is what this test is about)
                errors.append(error)

    searcher = threading.Thread(target=keep_searching)
    searcher.start()
    monkeypatch.setenv("SEARCH_INDEX", fresh_alias)
    try:
        status = main(["reindex", "--workers", "2"])  # the worker pool `index` uses, also on one core
    finally:
        done.set()
        searcher.join()
    log = capsys.readouterr().err
    assert status == 0, log
    assert not errors and totals and min(totals) > 0
    assert f"{fresh_alias}-v1: {len(docs)} articles, {fresh_alias}-v2: {len(docs)}" in log
    assert indexer.alias_target(es, fresh_alias) == f"{fresh_alias}-v2"
    assert not es.indices.exists(index=f"{fresh_alias}-v1")
    again = es.get(index=fresh_alias, id="demo-001")["_source"]
    assert again["countries"] and again["analysis_version"] != "0" and again["body"] == docs[0]["body"]
    assert again["origin"].endswith("articles.jsonl:1") and again["story_id"]


def test_reindex_without_an_index_says_so(es, fresh_alias, monkeypatch):
    monkeypatch.setenv("SEARCH_INDEX", fresh_alias)
    try:
        main(["reindex"])
    except SystemExit as stop:
        assert "points at no index" in str(stop)
    else:
        raise AssertionError("reindex of a missing alias should stop with a message")


def test_an_index_from_before_story_grouping_still_answers_then_reindex_groups(es, fresh_alias, monkeypatch):
    from search.indexer import load_mapping

    mapping = load_mapping()
    old_fields = {k: v for k, v in mapping["mappings"]["properties"].items() if not k.startswith("story_")}
    old = {"settings": mapping["settings"], "mappings": {**mapping["mappings"], "properties": old_fields}}
    target = indexer.create_versioned_index(es, fresh_alias, old)
    es.indices.put_alias(index=target, name=fresh_alias)
    enricher = get_enricher()
    for article in list(read_articles([DEMO_CORPUS]))[:5]:
        doc = {k: v for k, v in enricher.document(article).items() if not k.startswith("story_")}
        es.index(index=target, id=doc["id"], document=doc)
    es.indices.refresh(index=target)
    service = SearchService(es, fresh_alias)
    before = service.search(SearchRequest(size=10))
    assert before.total == 5 and not before.request.group_stories  # every article, no error
    # indexing into it still works: the fields added since are added to its mapping, and every stored article
    # is its own story until the reindex groups them (not all folded into one result)
    assert indexer.ensure_index(es, fresh_alias) == target
    assert service.search(SearchRequest(size=10)).total_stories == 5
    indexer.load(es, target, [enricher.document(list(read_articles([DEMO_CORPUS]))[5])])
    monkeypatch.setenv("SEARCH_INDEX", fresh_alias)
    assert main(["reindex"]) == 0
    after = service.search(SearchRequest(size=10))
    assert after.request.group_stories and after.total_stories == 6 and after.total == 6


def test_reindex_builds_the_new_index_with_the_configured_shards(es, fresh_alias, monkeypatch, capsys):
    target = indexer.ensure_index(es, fresh_alias)
    enricher = get_enricher()
    docs = [enricher.document(i) for i in read_articles([DEMO_CORPUS]) if not isinstance(i, Reject)][:5]
    assert indexer.load(es, target, docs).indexed == 5
    monkeypatch.setenv("SEARCH_INDEX", fresh_alias)
    monkeypatch.setenv("SEARCH_SHARDS", "2")
    assert main(["reindex"]) == 0, capsys.readouterr().err
    new = indexer.alias_target(es, fresh_alias)
    settings = es.indices.get_settings(index=new)[new]["settings"]["index"]
    assert settings["number_of_shards"] == "2" and settings["codec"] == "best_compression"
    assert es.count(index=fresh_alias)["count"] == 5
