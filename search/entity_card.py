"""An entity's card: what the knowledge base knows (names in both languages, roles with dates, country) and
what the index shows (article count, monthly timeline, most co-mentioned officials, countries and organisations,
latest articles). `kb_card` and `card_from_response` are pure; `entity_card` makes the one search."""

from __future__ import annotations

from search.entities.kb import KnowledgeBase
from search.model import SearchRequest
from search.query import QueryTerms
from search.service import SearchService, parse_response, result_to_json

# URL type -> facet field
ENTITY_TYPES = {"country": "countries", "official": "officials", "organization": "organizations",
                "topic": "topics"}
CO_MENTIONED = ("officials", "countries", "organizations")
CO_MENTION_SIZE = 10
LATEST_SIZE = 10


class EntityNotFound(LookupError):
    """Neither the knowledge base nor any article knows the entity."""


def kb_card(kb: KnowledgeBase, entity_type: str, entity_id: str) -> dict | None:
    """The knowledge base's description of an entity (None when it does not know it)."""
    if entity_type == "country" and (country := kb.countries.get(entity_id)):
        return {"name_fa": country.name_fa, "name_en": country.name_en, "names": list(country.names)}
    if entity_type == "official" and (official := kb.officials.get(entity_id)):
        home = kb.countries.get(official.country)
        return {"name_fa": official.name_fa, "name_en": official.name_en, "names": list(official.names),
                "country": {"id": official.country, "label": home.name_fa if home else kb.label(
                    "organizations", official.country)},
                "roles": [{"title_fa": r.get("title_fa"), "title_en": r.get("title_en"), "from": r.get("from"),
                           "to": r.get("to")} for r in official.roles]}
    if entity_type == "organization" and (organization := kb.organizations.get(entity_id)):
        return {"name_fa": organization.name_fa, "name_en": organization.name_en, "kind": organization.kind,
                "names": list(organization.names)}
    if entity_type == "topic" and (topic := kb.topics.get(entity_id)):
        return {"name_fa": topic.label_fa, "name_en": topic.label_en, "names": [topic.label_fa]}
    if entity_type == "official" and entity_id.startswith("fa:") and len(entity_id) > 3:
        # discovered in the press, not in the knowledge base: its name is all we know
        return {"name_fa": entity_id[3:], "name_en": None, "names": [entity_id[3:]], "discovered": True}
    return None


def card_query(field: str, entity_id: str) -> dict:
    return {
        "query": {"term": {field: entity_id}},
        "size": LATEST_SIZE,
        "sort": [{"published": {"order": "desc", "missing": "_last"}}, {"id": "asc"}],
        "track_total_hits": True,
        "_source": {"excludes": ["*_terms", "*_surface", "entities"]},
        "aggs": {
            "timeline": {"date_histogram": {"field": "published", "calendar_interval": "month",
                                            "format": "yyyy-MM", "min_doc_count": 0}},
            **{name: {"terms": {"field": name, "size": CO_MENTION_SIZE,
                                **({"exclude": [entity_id]} if name == field else {})}}
               for name in CO_MENTIONED},
        },
    }


def card_from_response(raw: dict, kb: KnowledgeBase, entity_type: str, entity_id: str, known: dict,
                       service: SearchService) -> dict:
    aggregations = raw.get("aggregations", {})
    latest = parse_response(raw, SearchRequest(size=LATEST_SIZE), QueryTerms(), service.analyzer, kb)
    return {
        "type": entity_type, "id": entity_id, **known,
        "article_count": latest.total,
        "timeline": [{"month": b["key_as_string"], "count": b["doc_count"]}
                     for b in aggregations.get("timeline", {}).get("buckets", [])],
        "co_mentioned": {name: [{"id": b["key"], "label": kb.label(name, b["key"]), "count": b["doc_count"]}
                                for b in aggregations.get(name, {}).get("buckets", [])]
                         for name in CO_MENTIONED},
        "latest": result_to_json(latest, kb)["results"],
    }


def entity_card(service: SearchService, entity_type: str, entity_id: str) -> dict:
    field = ENTITY_TYPES.get(entity_type)
    if field is None:
        raise EntityNotFound(f"type must be one of {', '.join(ENTITY_TYPES)}, not {entity_type!r}.")
    known = kb_card(service.kb, entity_type, entity_id)
    raw = service.call(service.client.search, index=service.alias, body=card_query(field, entity_id))
    raw = raw.body if hasattr(raw, "body") else raw
    if known is None or (known.get("discovered") and raw["hits"]["total"]["value"] == 0):
        raise EntityNotFound(f"no {entity_type} has the id {entity_id!r}.")
    return card_from_response(raw, service.kb, entity_type, entity_id, known, service)
