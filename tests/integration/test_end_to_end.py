"""The seed article, indexed with the demo corpus, is what a journalist finds first."""

import pytest

from search.sources import stable_id


@pytest.mark.parametrize("query", ["وزرای دفاع", "شویگو"])
def test_seed_is_first(client, seed_text, query):
    data = client.get("/api/search", query_string={"q": query}).get_json()
    assert data["total"] >= 2, "other articles should match too, or the test proves little"
    assert data["results"][0]["id"] == stable_id(seed_text)


def test_seed_is_found_through_its_variants(client, seed_text):
    seed_id = stable_id(seed_text)
    for query in ("وزير دفاع روسيه", "تروریست‌ها", '"تمامیت ارضی"', "چهارجانبه"):
        ids = [r["id"] for r in client.get("/api/search", query_string={"q": query}).get_json()["results"]]
        assert seed_id in ids[:3], query
