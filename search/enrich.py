"""Article -> IndexedDoc (the Elasticsearch document): analysed text fields, entities, topics. Pure."""

from __future__ import annotations

import functools
from datetime import UTC, datetime

from search.analysis import Analyzer, get_analyzer
from search.entities.kb import KnowledgeBase, load_kb
from search.entities.matcher import TITLE_BODY_BREAK, EntityMatcher
from search.intake.validate import canonical_url
from search.model import Article
from search.stories import fingerprint
from search.topics import TopicClassifier

ANALYSIS_VERSION = "1"


class Enricher:
    def __init__(self, analyzer: Analyzer | None = None, kb: KnowledgeBase | None = None) -> None:
        self.analyzer = analyzer or get_analyzer()
        self.kb = kb or load_kb()
        self.matcher = EntityMatcher(self.kb, self.analyzer)
        self.topics = TopicClassifier(self.kb, self.matcher.key_of, self.matcher.encode_pattern)

    def entities(self, article: Article) -> dict:
        """Entities and topics of an article, as `python -m search enrich` prints them."""
        return self._analyse(article)[0]

    def _analyse(self, article: Article) -> tuple[dict, list[str], list[str]]:
        """(entities, title tokens, body tokens): each text is normalised and tokenised once, and the one
        token stream serves the index fields, the entity matcher and the topic classifier."""
        analyzer, matcher = self.analyzer, self.matcher
        title_tokens = analyzer.tokens(analyzer.normalize(article.title)) if article.title else []
        body_tokens = analyzer.tokens(analyzer.normalize(article.body))
        tokens = [*title_tokens, TITLE_BODY_BREAK, *body_tokens] if title_tokens else body_tokens
        keys, encoded = matcher.keys_and_codes(tokens)
        extraction = matcher.extract(tokens, keys, encoded)
        entity_ids = {f"org:{o['id']}" for o in extraction.organizations}
        entity_ids |= {f"country:{c['id']}" for c in extraction.countries}
        found = {
            "countries": extraction.countries,
            "officials": extraction.officials,
            "organizations": extraction.organizations,
            "places": extraction.places,
            "topics": self.topics.classify(len(tokens), entity_ids, encoded),
            "dateline": extraction.dateline,
            "source_in_text": extraction.source_in_text,
        }
        return found, title_tokens, body_tokens

    def document(self, article: Article) -> dict:
        """The document indexed for an article (also what `enrich --full` prints)."""
        found, title_tokens, body_tokens = self._analyse(article)
        title_surface, title_terms = self.analyzer.fields_from_tokens(title_tokens)
        body_surface, body_terms = self.analyzer.fields_from_tokens(body_tokens)
        story = fingerprint(body_terms.split())  # the body only: republished copies change the headline
        return {
            "id": article.id,
            "title": article.title,
            "body": article.body,
            "title_surface": title_surface,
            "title_terms": title_terms,
            "body_surface": body_surface,
            "body_terms": body_terms,
            # from the data, the feed or a known outlet's credit (search/intake/outlets.py), never free text
            "source": article.source,
            "published": article.published.isoformat() if article.published else None,
            "url": article.url,
            "dateline": found["dateline"],
            "countries": [c["id"] for c in found["countries"]],
            "officials": [o["id"] for o in found["officials"]],
            "organizations": [o["id"] for o in found["organizations"]],
            "places": [p["id"] for p in found["places"]],
            "topics": [t["id"] for t in found["topics"]],
            "entities": {**found, "origin": article.origin},
            "analysis_version": ANALYSIS_VERSION,
            "indexed_at": datetime.now(UTC).isoformat(timespec="seconds"),
            # what a reindex needs to rebuild the document without the original files: id, title, body, source,
            # published, url above, and these
            "origin": article.origin,
            "notes": list(article.notes),
            "canonical_url": canonical_url(article.url),
            "story_id": article.id,  # until the indexer's StoryGrouper finds an earlier telling of the story
            "story_bands": list(story.bands) if story else [],
            "story_signature": story.encoded() if story else None,
        }


@functools.cache
def get_enricher() -> Enricher:
    return Enricher()
