"""The synthetic archive: deterministic, realistic in the ways the product must cope with, readable by the indexer."""

import json
import statistics
from datetime import date

from search.cli import main
from search.generate import generate
from search.sources import read_articles


def test_same_seed_same_articles_and_another_seed_others():
    assert list(generate(50, seed=3)) == list(generate(50, seed=3))
    assert [a["body"] for a in generate(20, seed=3)] != [a["body"] for a in generate(20, seed=4)]


def test_articles_look_like_an_archive():
    articles = list(generate(3000, seed=1))
    sizes = [len((a["title"] + a["body"]).encode("utf-8")) for a in articles]
    assert 1000 <= statistics.median(sizes) <= 5000 and max(sizes) < 6000
    years = {date.fromisoformat(a["published"]).year for a in articles}
    assert min(years) >= 2013 and max(years) <= 2026 and len(years) >= 12
    assert len({a["source"] for a in articles}) >= 20
    assert len({a["id"] for a in articles}) == len(articles)
    # the spellings real news mixes
    bodies = [a["body"] for a in articles]
    assert sum("ي" in b or "ك" in b for b in bodies) > 100
    assert sum(any("۰" <= ch <= "۹" for ch in b) for b in bodies) > 300
    assert sum(any("a" <= ch <= "z" for ch in b) for b in bodies) > 50
    assert sum("می " in b for b in bodies) > 100  # a half-space typed as a space


def test_some_stories_are_republished_by_another_source():
    articles = list(generate(2000, seed=2))
    first_paragraphs: dict[str, dict] = {}
    republished = 0
    for article in articles:
        lead = article["body"].split("\n")[0]
        earlier = first_paragraphs.get(lead)
        if earlier and earlier["source"] != article["source"]:
            republished += 1
        first_paragraphs.setdefault(lead, article)
    assert 20 <= republished <= 200


def test_entities_are_few_and_frequent_plus_a_long_tail(enricher):
    from search.model import Article

    counts: dict[str, int] = {}
    for raw in generate(300, seed=5):
        for country in enricher.document(Article(id=raw["id"], body=raw["body"], title=raw["title"]))["countries"]:
            counts[country] = counts.get(country, 0) + 1
    ranked = sorted(counts.values(), reverse=True)
    assert len(ranked) >= 30 and ranked[0] >= 5 * ranked[len(ranked) // 2]


def test_generate_command_writes_jsonl_the_indexer_reads(tmp_path):
    out = tmp_path / "big.jsonl"
    assert main(["generate", "--docs", "120", "--seed", "9", "--out", str(out)]) == 0
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert rows == list(generate(120, seed=9))
    items = list(read_articles([out]))
    assert len(items) == 120 and all(hasattr(item, "body") for item in items)
