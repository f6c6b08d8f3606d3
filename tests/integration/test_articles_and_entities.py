"""Article, similar-articles, entity-card and suggest endpoints over the demo corpus."""


def _json(client, url, status=200, **args):
    response = client.get(url, query_string=args)
    assert response.status_code == status, response.get_data(as_text=True)
    assert response.mimetype == "application/json"
    return response.get_json()


def test_article_has_its_text_and_mention_offsets_that_point_at_the_names(client):
    article = _json(client, "/api/articles/demo-001")
    assert article["title"].startswith("نشست چهارجانبه") and "لاوروف" in article["body"]
    mentions = article["mentions"]
    assert {"RU", "TR", "SY", "IR"} <= {m["id"] for m in mentions if m["type"] == "country"}
    for mention in mentions:
        assert article[mention["field"]][mention["start"]:mention["end"]] == mention["text"]
    lavrov = next(m for m in mentions if m["id"] == "sergey-lavrov")
    assert lavrov["text"] == "سرگئی لاوروف" and lavrov["label"] == "سرگئی لاوروف"
    assert {"id": "RU", "label": "روسیه"} in article["countries"]


def test_mention_offsets_survive_arabic_letters_in_the_stored_text(client):
    # demo-008 is written with Arabic ي/ك (as some agencies publish); offsets are in the stored text
    article = _json(client, "/api/articles/demo-008")
    erdogan = next(m for m in article["mentions"] if m["id"] == "recep-tayyip-erdogan" and m["field"] == "body")
    assert erdogan["text"] == "رجب طيب اردوغان" == article["body"][erdogan["start"]:erdogan["end"]]


def test_unknown_article_is_a_404_json(client):
    assert "no article" in _json(client, "/api/articles/no-such-id", 404)["error"]
    assert "no article" in _json(client, "/api/articles/no-such-id/similar", 404)["error"]


def test_similar_articles_share_the_subject(client):
    data = _json(client, "/api/articles/demo-001/similar", size=3)
    ids = [r["id"] for r in data["results"]]
    assert ids and "demo-001" not in ids and len(ids) <= 3
    first = _json(client, f"/api/articles/{ids[0]}")
    assert {"SY", "TR"} <= {c["id"] for c in first["countries"]}


def test_official_card(client):
    card = _json(client, "/api/entities/official/recep-tayyip-erdogan")
    assert (card["name_fa"], card["name_en"]) == ("رجب طیب اردوغان", "Recep Tayyip Erdoğan")
    assert card["country"] == {"id": "TR", "label": "ترکیه"}
    assert any(r["title_en"] == "President" and r["from"] for r in card["roles"])
    search = _json(client, "/api/search", official="recep-tayyip-erdogan", size=0)
    assert card["article_count"] == search["total"] > 0
    assert sum(m["count"] for m in card["timeline"]) == card["article_count"]
    assert "TR" in [c["id"] for c in card["co_mentioned"]["countries"][:3]]
    assert all(o["id"] != "recep-tayyip-erdogan" for o in card["co_mentioned"]["officials"])
    dates = [a["published"] for a in card["latest"]]
    assert dates == sorted(dates, reverse=True)


def test_country_organization_and_topic_cards(client):
    country = _json(client, "/api/entities/country/SY")
    assert country["name_en"] == "Syria" and country["article_count"] > 0
    assert _json(client, "/api/entities/organization/iaea")["name_en"]
    topics = _json(client, "/api/search", size=0)["facets"]["topics"]
    topic = _json(client, f"/api/entities/topic/{topics[0]['value']}")
    assert topic["article_count"] == topics[0]["count"]


def test_unknown_entities_are_404s(client):
    assert "no official" in _json(client, "/api/entities/official/nobody", 404)["error"]
    assert "type must be" in _json(client, "/api/entities/planet/mars", 404)["error"]


def test_suggest_completes_persian_and_latin_prefixes(client):
    persian = _json(client, "/api/suggest", q="اردو")["suggestions"]
    assert persian[0]["id"] == "recep-tayyip-erdogan"
    assert _json(client, "/api/suggest", q="شوی")["suggestions"][0]["label"] == "سرگئی شویگو"
    assert _json(client, "/api/suggest", q="Shoi")["suggestions"][0]["id"] == "sergei-shoigu"
    assert _json(client, "/api/suggest", q="erdog")["suggestions"][0]["id"] == "recep-tayyip-erdogan"
    assert _json(client, "/api/suggest", q="Araqch")["suggestions"][0]["id"] == "abbas-araghchi"
    countries = _json(client, "/api/suggest", q="سور", type="country")["suggestions"]
    assert countries[0]["id"] == "SY" and {s["type"] for s in countries} == {"country"}
    assert "q is required" in _json(client, "/api/suggest", 400)["error"]
    assert "type must be" in _json(client, "/api/suggest", 400, q="x", type="planet")["error"]
