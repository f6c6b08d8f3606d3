"""`python -m search kb discovered`: officials the knowledge base lacks, as the press introduced them across the
whole index, most frequent first, each with its evidence and a draft knowledge-base entry to paste into
officials.jsonl (then `kb check`, then `python -m search reindex` so the facets use the new id).

`discovered_buckets` asks Elasticsearch (one terms aggregation over the `officials` facet field, whose discovered
values are `fa:NAME`); `candidates` (pure) turns the buckets into entries.
"""

from __future__ import annotations

from collections import Counter

from elasticsearch import Elasticsearch

_LATIN = {
    "ا": "a", "آ": "a", "أ": "a", "ب": "b", "پ": "p", "ت": "t", "ث": "s", "ج": "j", "چ": "ch", "ح": "h", "خ": "kh",
    "د": "d", "ذ": "z", "ر": "r", "ز": "z", "ژ": "zh", "س": "s", "ش": "sh", "ص": "s", "ض": "z", "ط": "t", "ظ": "z",
    "ع": "", "غ": "gh", "ف": "f", "ق": "gh", "ک": "k", "گ": "g", "ل": "l", "م": "m", "ن": "n", "و": "v", "ه": "h",
    "ی": "i", "ئ": "", "ء": "", "ؤ": "", "ة": "h", " ": "-", "\u200c": "-",
}


def discovered_buckets(client: Elasticsearch, alias: str, size: int = 50, min_articles: int = 1) -> list[dict]:
    raw = client.search(index=alias, size=0, aggs={"discovered": {
        "terms": {"field": "officials", "include": "fa:.*", "size": size, "min_doc_count": min_articles,
                  "order": [{"_count": "desc"}, {"_key": "asc"}]},
        "aggs": {
            "first": {"min": {"field": "published", "format": "yyyy-MM-dd"}},
            "last": {"max": {"field": "published", "format": "yyyy-MM-dd"}},
            "samples": {"top_hits": {"size": 3, "sort": [{"published": {"order": "desc", "missing": "_last"}}],
                                     "_source": ["id", "title", "published", "entities.officials"]}},
        }}})
    return raw["aggregations"]["discovered"]["buckets"]


def draft_id(name: str) -> str:
    """A Latin id to start from (edit it: ids are stable facet values); letters only, no vowels guessed."""
    latin = "".join(_LATIN.get(ch, ch if ch.isascii() and ch.isalnum() else "") for ch in name)
    return "-".join(part for part in latin.split("-") if part) or "person"


def candidates(buckets: list[dict]) -> list[dict]:
    """One entry per discovered official: counts, first/last dates, sample sentences, the office most often
    named with them, and a draft knowledge-base entry."""
    found = []
    for bucket in buckets:
        official_id = bucket["key"]
        name = official_id[3:]
        samples, offices, countries = [], Counter(), Counter()
        for hit in bucket["samples"]["hits"]["hits"]:
            source = hit["_source"]
            entry = next((o for o in source.get("entities", {}).get("officials", []) if o.get("id") == official_id),
                         {})
            if entry.get("office"):
                offices[entry["office"]] += 1
            if entry.get("office_country"):
                countries[entry["office_country"]] += 1
            samples.append({"article": source.get("id"), "published": source.get("published"),
                            "sentence": entry.get("sentence") or source.get("title", "")})
        office = offices.most_common(1)[0][0] if offices else ""
        first = bucket["first"].get("value_as_string")
        words = name.split(" ")
        found.append({
            "name_fa": name, "articles": bucket["doc_count"], "first": first,
            "last": bucket["last"].get("value_as_string"), "office": office or None, "samples": samples,
            "entry": {
                "id": draft_id(name), "name_fa": name, "name_en": "",
                "country": countries.most_common(1)[0][0] if countries else "",
                "roles": [{"title_fa": office, "title_en": "", "from": first[:7] if first else None, "to": None}],
                "aliases": [], "surname": words[-1] if len(words) > 1 else None, "surname_is_common_word": True,
            },
        })
    return found
