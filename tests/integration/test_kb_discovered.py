"""`kb discovered` aggregates the officials the knowledge base lacks over a whole indexed corpus."""

import json
from datetime import date

from search import indexer
from search.cli import main
from search.enrich import get_enricher
from search.model import Article

ARTICLES = [
    ("d1", date(2025, 3, 2), "وزیر کشاورزی تاجیکستان، رحیم‌جان نظروف، روز دوشنبه با همتای ایرانی دیدار کرد."),
    ("d2", date(2025, 5, 9), "در ادامه، رحیم‌جان نظروف، وزیر کشاورزی تاجیکستان، از گسترش تجارت خبر داد."),
    ("d3", date(2025, 4, 1), "وزیر کشاورزی تاجیکستان، رحیم‌جان نظروف، گفت صادرات پنبه افزایش یافته است."),
    ("d4", date(2025, 6, 1), "استاندار بلخ، قاری محمدیوسف وفا، از بازگشت مهاجران خبر داد."),
    ("d5", date(2025, 6, 2), "سرگئی لاوروف وزیر خارجه روسیه به تهران آمد."),
]


def test_discovered_officials_are_listed_most_frequent_first_with_evidence(es, es_settings, fresh_alias,
                                                                           monkeypatch, capsys):
    enricher = get_enricher()
    target = indexer.ensure_index(es, fresh_alias)
    docs = [enricher.document(Article(id=i, body=body, published=day)) for i, day, body in ARTICLES]
    assert indexer.load(es, target, docs).indexed == len(ARTICLES)
    es.indices.refresh(index=target)
    monkeypatch.setenv("SEARCH_INDEX", fresh_alias)

    assert main(["kb", "discovered", "--json"]) == 0
    found = json.loads(capsys.readouterr().out)
    assert [p["name_fa"] for p in found][:2] == ["رحیم‌جان نظروف", "قاری محمدیوسف وفا"]
    first = found[0]
    assert (first["articles"], first["first"], first["last"]) == (3, "2025-03-02", "2025-05-09")
    assert first["office"] == "وزیر کشاورزی تاجیکستان"
    assert any("صادرات پنبه" in s["sentence"] for s in first["samples"])
    entry = first["entry"]
    assert entry["name_fa"] == "رحیم‌جان نظروف" and entry["country"] == "TJ"
    assert entry["roles"] == [{"title_fa": "وزیر کشاورزی تاجیکستان", "title_en": "", "from": "2025-03", "to": None}]
    assert all(not p["name_fa"].startswith("سرگئی") for p in found)  # known officials are not "discovered"

    assert main(["kb", "discovered"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "# رحیم‌جان نظروف: 3 articles, 2025-03-02 – 2025-05-09, as وزیر کشاورزی تاجیکستان"
    pasted = json.loads(next(line for line in lines if not line.startswith("#")))
    assert pasted == entry
