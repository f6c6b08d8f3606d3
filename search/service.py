"""The one search function both the web page and the JSON API call: SearchRequest in, SearchResult out.

`SearchService.search` talks to Elasticsearch; `parse_response` (pure) turns the raw answer into a SearchResult
with highlighted snippets and labelled facets.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from datetime import date

from elasticsearch import Elasticsearch
from elasticsearch import exceptions as es_exceptions

from search.analysis import Analyzer, get_analyzer
from search.entities.kb import KnowledgeBase, load_kb
from search.cursor import CursorError, CursorExpired, encode, request_key
from search.es import SearchUnavailable
from search.highlight import mark, snippet
from search.latin import latin_names
from search.model import FACETS, Cursor, FacetValue, Hit, SearchRequest, SearchResult
from search.query import (EXACT_COUNTS_UP_TO, STORY_SAMPLE, QueryBuilder, QueryTerms, broad_check, facet_buckets,
                          read_sampled, sampled_counting, split_counts)
from search.spelling import candidates, choose_correction, query_words

# The most ranked articles whose story ids a grouped page reads before it collapses every match instead
STORY_READ_LIMIT = 1_000
# Below this many articles with every query word, a search offers a spelling correction (did you mean).
FEW_RESULTS = 3


def parse_response(raw: dict, request: SearchRequest, wanted: QueryTerms, analyzer: Analyzer,
                   kb: KnowledgeBase) -> SearchResult:
    hits = []
    for hit in raw["hits"]["hits"]:
        source = hit["_source"]
        hits.append(Hit(
            id=source["id"], score=hit.get("_score"), title=source.get("title", ""),
            title_html=mark(analyzer, source.get("title", ""), wanted),
            snippet=snippet(analyzer, source.get("body", ""), wanted),
            source=source.get("source"), published=source.get("published"), url=source.get("url"),
            countries=source.get("countries", []), officials=source.get("officials", []),
            organizations=source.get("organizations", []), topics=source.get("topics", []),
            **_story_of(hit, source),
        ))
    facets: dict[str, list[FacetValue]] = {}
    aggregations = raw.get("aggregations", {})
    # a cursor step counts no facets (the client has them from the first page) and carries its totals
    for name in (*FACETS, "published_years") if request.cursor is None else ():
        buckets = facet_buckets(aggregations, name)
        selected = set(request.filters.get(name, ()))
        values = [
            FacetValue(value=str(b.get("key_as_string", b["key"])), count=b["doc_count"],
                       label=kb.label(name, str(b.get("key_as_string", b["key"]))),
                       selected=str(b.get("key_as_string", b["key"])) in selected)
            for b in buckets
        ]
        # a selected value with no hits still shows, so the user can unselect it
        values += [FacetValue(v, 0, kb.label(name, v), True) for v in selected if v not in {f.value for f in values}]
        facets[name] = values
    carried = request.cursor.totals if request.cursor is not None else None
    if carried is not None:
        total, all_words, stories = carried
    else:
        total = raw["hits"]["total"]
        total = total["value"] if isinstance(total, dict) else total
        all_words = aggregations.get("all_words", {}).get("doc_count")
        stories = aggregations.get("stories", {}).get("count", {}).get("value")
    return SearchResult(total=total, hits=hits, facets=facets, request=request, took_ms=raw.get("took", 0),
                        total_stories=stories,
                        total_all_words=total if all_words is None else all_words)


def _story_of(hit: dict, source: dict) -> dict:
    """The hit's story: how many other matching articles tell it, and a few of them (from the collapse)."""
    inner = hit.get("inner_hits", {}).get("story", {}).get("hits", {})
    others = tuple({k: o["_source"].get(k) for k in ("id", "title", "source", "url", "published")}
                   for o in inner.get("hits", []) if o["_source"].get("id") != source.get("id"))
    matching = inner.get("total", {}).get("value", 1) if inner else 1
    return {"story_id": source.get("story_id"), "other_outlets": max(matching - 1, 0),
            "others": others[:STORY_SAMPLE]}


def jalali(iso_date: str | None) -> str | None:
    """2023-08-22 -> 1402-05-31: Iranian readers date news in the Solar Hijri calendar."""
    if not iso_date:
        return None
    import jdatetime

    return jdatetime.date.fromgregorian(date=date.fromisoformat(iso_date[:10])).isoformat()


PIT_KEEP_ALIVE = "5m"
SAFE_URL_SCHEMES = ("http", "https")


def safe_url(url: str | None) -> str | None:
    """The URL when it is http(s), else None: a stored `javascript:` URL must never become a link."""
    if not url or not isinstance(url, str):
        return None
    from urllib.parse import urlsplit

    try:
        scheme = urlsplit(url.strip()).scheme.lower()
    except ValueError:
        return None
    return url.strip() if scheme in SAFE_URL_SCHEMES else None


def labelled(kb: KnowledgeBase, facet: str, values: list[str]) -> list[dict]:
    return [{"id": v, "label": kb.label(facet, v)} for v in values]


def hit_to_json(h: Hit, kb: KnowledgeBase) -> dict:
    return {
        "id": h.id, "title": h.title, "title_html": h.title_html, "snippet": h.snippet,
        "source": h.source, "published": h.published, "published_jalali": jalali(h.published),
        "url": safe_url(h.url), "score": h.score,
        "countries": labelled(kb, "countries", h.countries), "officials": labelled(kb, "officials", h.officials),
        "organizations": labelled(kb, "organizations", h.organizations),
        "topics": labelled(kb, "topics", h.topics),
        "story_id": h.story_id, "other_outlets": h.other_outlets, "others": [
            {**o, "url": safe_url(o.get("url"))} for o in h.others],
    }


def result_to_json(result: SearchResult, kb: KnowledgeBase) -> dict:
    grouped = result.request.group_stories and result.request.cursor is None
    return {
        "total": result.total,
        "total_all_words": result.total_all_words,
        "did_you_mean": result.did_you_mean,
        "page": result.request.page,
        "size": result.request.size,
        "took_ms": result.took_ms,
        "next_cursor": encode(result.next_cursor) if result.next_cursor else None,
        "results": [hit_to_json(h, kb) for h in result.hits],
        "grouped_by_story": grouped,
        "total_stories": result.total_stories,
        "facet_counts": "articles",  # always: a facet value's count equals the total its selection gives
        # true when the search matched so many articles that facet counts are estimated from a random sample
        "counts_estimated": result.counts_estimated,
        # a cursor step has none: the facets of a walk are the first page's (the same search)
        "facets_included": result.request.cursor is None,
        "facets": {
            name: [{"value": v.value, "label": v.label, "count": v.count, "selected": v.selected} for v in values]
            for name, values in result.facets.items()
        },
    }


# the facets whose values the matcher finds by name in query text (topics are classified, not named)
NAMED_ENTITY_FACETS = ("countries", "officials", "organizations")


def entity_lookup(analyzer: Analyzer, kb: KnowledgeBase, matcher=None):
    """Query text -> [(facet field, id)] of the knowledge-base entities it names unambiguously, found by the
    same matcher that enriches articles."""
    from search.entities.matcher import EntityMatcher

    matcher = matcher or EntityMatcher(kb, analyzer)

    def lookup(text: str) -> list[tuple[str, str]]:
        found = matcher.extract(analyzer.tokens(analyzer.normalize(text)))
        return [(field, item["id"]) for field in NAMED_ENTITY_FACETS
                for item in getattr(found, field) if not item.get("discovered")]

    return lookup


class SearchService:
    def __init__(self, client: Elasticsearch, alias: str, analyzer: Analyzer | None = None,
                 kb: KnowledgeBase | None = None, exact_counts_up_to: int = EXACT_COUNTS_UP_TO) -> None:
        self.client = client
        # above this many matching articles a first page's facet counts are estimated from a sample (0: never)
        self.exact_counts_up_to = exact_counts_up_to
        self.alias = alias
        self.analyzer = analyzer or get_analyzer()
        self.kb = kb or load_kb()
        from search.entities.matcher import EntityMatcher

        self.matcher = EntityMatcher(self.kb, self.analyzer)  # also finds mentions for the article endpoint
        self.builder = QueryBuilder(self.analyzer, entities=entity_lookup(self.analyzer, self.kb, self.matcher),
                                    latin=latin_names(self.kb).lookup)
        # sends a first page's counting request while this thread sends its hits request
        self._counter = ThreadPoolExecutor(max_workers=4, thread_name_prefix="search-counts")
        # ranked articles read per story a grouped page needs, and a few more (see _grouped_page; 0: collapse all)
        self.story_overfetch, self.story_overfetch_extra = 4, 40

    def search(self, request: SearchRequest) -> SearchResult:
        plan = self.builder.plan(request)
        body, wanted = plan.body, plan.wanted
        cursor = request.cursor
        counted = None
        every_word = None
        estimated = False  # facet counts from a random sample (a search matching very many articles)
        if cursor is None:
            # articles with every word (what total_all_words counts): a grouped page's ranked read starts there
            every_word = body.get("aggs", {}).get("all_words", {}).get("filter")
            # the counts (total, facets) in a second request, cacheable, running beside the hits
            body, counting = split_counts(body, plan.counting_query)
            estimated = self._broad(counting[0])
            sent = sampled_counting(counting) if estimated else counting
            counted = [self._counter.submit(self.call, self.client.search, index=self.alias, body=counts,
                                            request_cache=True) for counts in sent]
        if cursor is not None:
            # the walk reads from a point in time opened on its first step, so it neither skips nor repeats
            # articles while the index changes underneath
            pit_id = cursor.pit_id or self.call(self.client.open_point_in_time, index=self.alias,
                                                 keep_alive=PIT_KEEP_ALIVE)["id"]
            body["pit"] = {"id": pit_id, "keep_alive": PIT_KEEP_ALIVE}
            raw = self.call(self.client.search, body=body, pit=True)
        else:
            try:
                raw = self._grouped_page(body, every_word, plan.every_word_ranking) if "collapse" in body else \
                    self.call(self.client.search, index=self.alias, body=body)
            except es_exceptions.BadRequestError as error:
                if "collapse" not in str(error):
                    raise
                # an index built before story grouping (no story_id): every article, until `reindex` runs
                request = replace(request, group_stories=False)
                body, wanted = self.builder.build(request)
                body, _ = split_counts(body)  # the counts do not depend on grouping
                raw = self.call(self.client.search, index=self.alias, body=body)
        raw = raw.body if hasattr(raw, "body") else raw
        if counted is not None:  # the hits with the total and every aggregation the counting requests give
            answers = [a.body if hasattr(a, "body") else a for a in (future.result() for future in counted)]
            if estimated:
                answers = read_sampled(counting, answers)
            raw = {**raw, "took": max([raw.get("took", 0)] + [a.get("took", 0) for a in answers]),
                   "hits": {**raw["hits"], "total": answers[0]["hits"]["total"]},
                   "aggregations": {k: v for a in answers for k, v in a.get("aggregations", {}).items()}}
        result = parse_response(raw, request, wanted, self.analyzer, self.kb)
        if estimated:
            result = replace(result, counts_estimated=True)
        if request.query and (result.total_all_words if result.total_all_words is not None else result.total) \
                < FEW_RESULTS:
            result = replace(result, did_you_mean=self.did_you_mean(request.query))
        return replace(result, next_cursor=self._next_cursor(request, raw, result))

    def _broad(self, counts: dict) -> bool:
        """Whether a first page's counting body matches more articles than are counted exactly."""
        if not self.exact_counts_up_to:
            return False
        return self._search(broad_check(counts, self.exact_counts_up_to))["hits"]["total"]["relation"] == "gte"

    def _grouped_page(self, body: dict, every_word: dict | None = None, every_word_ranking: dict | None = None):
        """A page of one result per story, as `collapse` gives it, without collapsing every match: collapse makes
        Elasticsearch score every matching article (no skipping), ~5x slower for a broad query over a million.
        The ranked articles' story ids, read deep enough to hold the page's stories, name the page; collapse then
        runs over those stories alone, which keeps the order (the same sort, scores do not depend on a filter)
        and gives each story's matching articles as before. Too few stories that deep: collapse everything.
        Ranked by relevance, an article with every word outranks any without (query.py's per-word tiers), so the
        read first looks among those (`every_word`), a conjunction Elasticsearch answers from the rarest word,
        ranked by `every_word_ranking` where given (QueryPlan: the same scores, cheaper)."""
        start, size = body.get("from", 0), body["size"]
        needed = start + size
        depth = needed * self.story_overfetch + self.story_overfetch_extra
        # reading story ids costs a fetch per article: past ~1,000 that costs more than collapsing (deep pages)
        if size == 0 or not self.story_overfetch or depth > STORY_READ_LIMIT:
            return self._search(body)
        flat = {k: v for k, v in body.items() if k not in ("collapse", "_source", "from", "size")}
        flat.update({"from": 0, "size": depth, "_source": False, "docvalue_fields": ["story_id"]})
        reads = [flat]
        if every_word is not None and body.get("sort", [None])[0] == "_score":
            ranking = every_word_ranking or flat["query"]
            reads.insert(0, {**flat, "query": {"bool": {"must": [ranking], "filter": [every_word]}}})
        for read in reads:
            ranked = self._search(read)
            stories: dict[str, None] = {}  # in order of first appearance: the collapsed order
            for hit in ranked["hits"]["hits"]:
                story = (hit.get("fields", {}).get("story_id") or [None])[0]
                if story is None:  # an article without a story: only collapse knows where it goes
                    return self._search(body)
                stories.setdefault(story, None)
            if len(stories) >= needed:  # the page lies among what this read ranked
                break
        page = list(stories)[start:needed]
        exhausted = len(ranked["hits"]["hits"]) < depth
        if not page or (len(stories) < needed and not exhausted):
            return self._search(body)
        narrowed = {**body, "from": 0, "size": len(page),
                    "query": {"bool": {"must": [body["query"]], "filter": [{"terms": {"story_id": page}}]}}}
        raw = self._search(narrowed)
        return {**raw, "took": raw.get("took", 0) + ranked.get("took", 0)}

    def _search(self, body: dict) -> dict:
        raw = self.call(self.client.search, index=self.alias, body=body)
        return raw.body if hasattr(raw, "body") else raw

    def _next_cursor(self, request: SearchRequest, raw: dict, result: SearchResult) -> Cursor | None:
        if request.group_stories and request.cursor is None:
            return None  # a cursor walks articles (group=none): collapse cannot continue with search_after
        hits = raw["hits"]["hits"]
        seen = (request.cursor.seen if request.cursor else (request.page - 1) * request.size) + len(hits)
        pit_id = raw.get("pit_id") or (request.cursor.pit_id if request.cursor else None)
        if not hits or seen >= result.total:
            if pit_id:
                self.close_point_in_time(pit_id)
            return None
        # the totals are carried only once counted on the point in time (not the first page's, outside it)
        totals = (result.total, result.total_all_words, result.total_stories) if request.cursor else None
        return Cursor(key=request_key(request), search_after=tuple(hits[-1]["sort"]), seen=seen, pit_id=pit_id,
                      totals=totals)

    def close_point_in_time(self, pit_id: str) -> None:
        try:
            self.client.close_point_in_time(id=pit_id)
        except es_exceptions.ApiError:
            pass  # already expired: nothing to free

    def call(self, method, pit: bool = False, **kwargs):
        """An Elasticsearch call with its failures turned into what the user can act on."""
        try:
            return method(**kwargs)
        except es_exceptions.NotFoundError as error:
            if pit:
                raise CursorExpired("cursor has expired (a walk may pause for at most "
                                    f"{PIT_KEEP_ALIVE} between steps): start again without cursor.") from error
            raise SearchUnavailable(
                f"The index {self.alias!r} does not exist yet; index some articles first.") from error
        except es_exceptions.BadRequestError as error:
            if pit:
                raise CursorError("cursor is not valid: pass next_cursor from a previous response "
                                  "unchanged.") from error
            raise
        except (es_exceptions.ConnectionError, es_exceptions.AuthenticationException) as error:
            raise SearchUnavailable(f"Elasticsearch is not available: {error}.") from error

    def did_you_mean(self, query: str) -> str | None:
        """A corrected query from the index's own vocabulary (see search/spelling.py), or None."""
        found = candidates(query_words(query))
        # a text counts only if each of its words is a search term (کم آبی is not a spelling of کم‌آبی: کم is a
        # stopword)
        texts = [t for t in found.texts() if all(self.analyzer.terms(w) for w in t.split())]
        if not found.words or not texts:
            return None
        filters = {}
        for i, text in enumerate(texts):
            terms = " ".join(self.analyzer.terms(text))
            filters[str(i)] = {"bool": {"should": [{"match_phrase": {field: terms}}
                                                   for field in ("body_terms", "title_terms")]}}
        try:
            raw = self.client.search(index=self.alias, size=0, aggs={"counts": {"filters": {"filters": filters}}})
        except es_exceptions.ApiError:
            return None  # a suggestion is a courtesy: never fail the search for it
        buckets = raw["aggregations"]["counts"]["buckets"]
        counts = {text: buckets[str(i)]["doc_count"] for i, text in enumerate(texts)}
        return choose_correction(query, found, counts.get)
