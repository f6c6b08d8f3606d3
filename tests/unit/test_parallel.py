"""Enrichment in worker processes gives exactly what one process gives, in input order, rejects included."""

from search.model import Article, Reject
from search.parallel import default_workers, enrich_in_parallel, enrich_serially


def _items():
    items: list = [Article(id=f"a{i}", title="دیدار وزیر خارجه", body=f"وزیر امور خارجه ایران در مسکو با لاوروف دیدار کرد {i}")
                   for i in range(150)]
    items.insert(70, Reject("bad.jsonl:71", "missing or empty 'body'"))
    return items


def _comparable(item):
    if isinstance(item, Reject):
        return item
    return {k: v for k, v in item.items() if k != "indexed_at"}


def test_workers_return_the_serial_result_in_order():
    serial = [_comparable(d) for d in enrich_serially(_items())]
    parallel = [_comparable(d) for d in enrich_in_parallel(_items(), workers=2, batch_size=16)]
    assert parallel == serial
    assert isinstance(parallel[70], Reject) and parallel[71]["id"] == "a70"
    assert "IR" in parallel[0]["countries"] and parallel[0]["body_terms"]


def test_one_worker_stays_in_process_and_default_is_the_cores():
    assert [_comparable(d) for d in enrich_in_parallel(_items()[:5], workers=1)] == \
        [_comparable(d) for d in enrich_serially(_items()[:5])]
    assert default_workers() >= 1


def test_workers_serialise_what_goes_on_the_wire():
    """wire=True: each document comes back as the JSON Elasticsearch receives, the same document as serially,
    in the same order, with the story id the indexer gives it put in its place."""
    serial = [_comparable(d) for d in enrich_serially(_items())]
    wired = list(enrich_in_parallel(_items(), workers=2, batch_size=16, wire=True))
    assert isinstance(wired[70], Reject)
    documents = [d if isinstance(d, Reject) else d.document(d.id) for d in wired]
    assert [_comparable(d) for d in documents] == serial
    story = wired[3].document("story-of-a0")
    assert story["story_id"] == "story-of-a0"
    assert list(story) == list(next(enrich_serially(_items()[3:4])))  # the same fields in the same order
    assert wired[3].canonical_url == serial[3]["canonical_url"]
    assert wired[3].story_bands == tuple(serial[3]["story_bands"]) and wired[3].origin == serial[3]["origin"]


def test_jsonl_lines_are_parsed_in_the_workers(tmp_path):
    """read_articles(deferred=True) hands the workers unparsed lines: the same documents and rejects come
    back, in order, as when the main process parses them."""
    import json

    from search.sources import read_articles

    path = tmp_path / "in.jsonl"
    records = [json.dumps({"id": f"j{i}", "title": "دیدار", "body": f"وزیر امور خارجه ایران در مسکو {i}"},
                          ensure_ascii=False) for i in range(40)]
    records[7] = "{not json"
    path.write_text("\n".join(records), encoding="utf-8")
    parsed = [_comparable(d) for d in enrich_in_parallel(read_articles([path]), workers=2, batch_size=8)]
    deferred = [_comparable(d) for d in enrich_in_parallel(read_articles([path], deferred=True), workers=2,
                                                           batch_size=8)]
    assert deferred == parsed and len(deferred) == 40
    assert isinstance(deferred[7], Reject) and deferred[7].origin.endswith("in.jsonl:8")
    assert deferred[8]["id"] == "j8"
