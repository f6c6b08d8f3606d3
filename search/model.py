"""Plain data passed between the layers (see ARCHITECTURE: Article -> IndexedDoc, SearchRequest -> SearchResult)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class Article:
    id: str
    body: str
    title: str = ""
    source: str | None = None
    published: date | None = None
    url: str | None = None
    origin: str = ""  # file:line it was read from, for messages
    notes: tuple[str, ...] = ()  # what intake changed on purpose (a truncated body), kept in the document


@dataclass(frozen=True)
class Reject:
    origin: str
    reason: str
    raw: str = ""

    def as_dict(self) -> dict:
        return {"origin": self.origin, "reason": self.reason, "raw": self.raw[:2000]}


FACETS = ("countries", "officials", "organizations", "topics", "source")
# Entity facets drill down: several selected values mean articles naming all of them (co-mentions).
ENTITY_FACETS = ("countries", "officials", "organizations", "topics")
# Disjunctive facets widen: several selected values mean any of them, and their other values keep their counts.
DISJUNCTIVE_FACETS = ("source", "published_years")


@dataclass(frozen=True)
class Cursor:
    """Where a walk through a whole result set stands: a point in time (opened on the first step) and the sort
    values of the last hit returned. `key` ties the cursor to the search it belongs to."""

    key: str
    search_after: tuple
    seen: int  # hits returned before this step
    pit_id: str | None = None
    # (total, total_all_words, total_stories) counted once on the walk's point in time: the snapshot does not
    # change, so later steps carry them instead of counting every match again
    totals: tuple[int, int | None, int | None] | None = None


@dataclass(frozen=True)
class SearchRequest:
    query: str = ""
    filters: dict[str, tuple[str, ...]] = field(default_factory=dict)  # facet name -> selected values
    date_from: date | None = None
    date_to: date | None = None
    sort: str = "relevance"  # relevance | newest | oldest
    page: int = 1
    size: int = 10
    facet_size: int = 20
    cursor: Cursor | None = None  # continue a walk (search_after + point in time) instead of `page`
    group_stories: bool = True  # one result per story (near-duplicates folded), else every article


@dataclass(frozen=True)
class Hit:
    id: str
    score: float | None
    title: str
    snippet: str  # HTML: escaped text with <mark> around matches
    source: str | None
    published: str | None
    url: str | None
    countries: list[str]
    officials: list[str]
    organizations: list[str]
    topics: list[str]
    title_html: str = ""
    story_id: str | None = None
    other_outlets: int = 0  # other articles of the same story matching the search (when grouped)
    others: tuple[dict, ...] = ()  # a few of them: id, title, source, url, published


@dataclass(frozen=True)
class FacetValue:
    value: str
    count: int
    label: str
    selected: bool = False


@dataclass(frozen=True)
class SearchResult:
    total: int
    hits: list[Hit]
    facets: dict[str, list[FacetValue]]
    request: SearchRequest
    took_ms: int = 0
    total_all_words: int | None = None  # of `total`, the articles with every query word and phrase
    did_you_mean: str | None = None  # a corrected query when this one finds nothing or next to nothing
    next_cursor: Cursor | None = None  # None when the result set has been walked to its end
    total_stories: int | None = None  # distinct stories among the `total` matching articles
    counts_estimated: bool = False  # facet counts from a random sample (a very broad search)
