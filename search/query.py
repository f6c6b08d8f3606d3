"""SearchRequest -> Elasticsearch request body. Pure: no network, unit-tested without a server.

Query syntax a journalist can type: words, "quoted phrases", -exclusions (-word or -"phrase"), and OR between
alternatives. Articles with every word and phrase come first; articles with only some of them follow, the more
the higher (so an article on the subject that uses one of the words is still found), and last those with a
phrase's words apart or a compound's parts; `total` counts them all and the `all_words` aggregation counts the
first kind. Persian and Latin digits, Arabic and Persian letters, ZWNJ/space variants all meet because both
sides go through the same Analyzer.
Synonyms from the curated table are applied here, at query time (the core-only mapping has no synonym filter).
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta

from search.analysis import Analyzer, normalize, tables, word_pieces
from search.latin import LatinMatch, is_latin_word
from search.model import DISJUNCTIVE_FACETS, ENTITY_FACETS, FACETS, SearchRequest
from search.related_forms import compound_parts, sound_plural_relatives

MAX_RESULT_WINDOW = 10_000
_QUERY_TOKEN = re.compile(r'(-?)["«“]([^"»”]*)["»”]?|(\S+)')
_OR_WORDS = frozenset({"OR", "|"})
SYNONYM_BOOST = 0.8
# Each query word an article contains adds this much to its score: far above any text score, so articles with
# more of the words always rank above those with fewer, and the text score orders articles within a tier.
COVERAGE_BONUS = 1000.0
LAST_RESORT_BOOST = 0.3
# Relative weights, tuned with bench/relevance.py: reduced terms are the main signal; the exact surface form
# (what the user typed, e.g. the plural وزرای) and closeness of the query words add to it; titles count double.
BOOSTS = {
    "entity": 0.5, "title": 2.0, "surface_body": 1.0, "surface_title": 2.0,
    "proximity_body": 1.0, "proximity_title": 2.0, "exact_body": 1.0, "exact_title": 2.0,
}


# the shapes of a text query (QueryBuilder.text_query), one per use of it: see QueryPlan
RANKED, COUNTED, EVERY_WORD_RANKED = "ranked", "counted", "every word ranked"


class QueryError(ValueError):
    """A query the user must change; the message says how."""


@dataclass(frozen=True)
class Clause:
    text: str
    phrase: bool = False


@dataclass(frozen=True)
class ParsedQuery:
    groups: tuple[tuple[Clause, ...], ...] = ()  # OR of groups; within a group, clauses combine with AND
    excluded: tuple[Clause, ...] = ()

    @property
    def is_empty(self) -> bool:
        return not any(self.groups)


def parse_query(text: str) -> ParsedQuery:
    groups: list[list[Clause]] = [[]]
    excluded: list[Clause] = []
    for match in _QUERY_TOKEN.finditer(text or ""):
        negated, phrase, word = match.group(1), match.group(2), match.group(3)
        if word is not None:
            if word in _OR_WORDS:
                groups.append([])
                continue
            if word.startswith("-") and len(word) > 1:
                excluded.append(Clause(word[1:]))
                continue
            word = word.strip("-")
            # ایران-روسیه, <b>ایران</b>: the words, each a clause (numbers such as 1402/09/12 stay whole)
            groups[-1].extend(Clause(piece) for piece in word_pieces(normalize(word)) if piece)
        elif phrase is not None and phrase.strip():
            (excluded if negated else groups[-1]).append(Clause(phrase.strip(), phrase=True))
    return ParsedQuery(tuple(tuple(g) for g in groups if g), tuple(excluded))


@dataclass
class QueryTerms:
    """What the query matches, for highlighting: reduced terms and exact surface forms."""

    terms: set[str] = field(default_factory=set)
    surfaces: set[str] = field(default_factory=set)


@functools.cache
def _synonym_sets(analyzer: Analyzer) -> tuple[dict[tuple[str, ...], str], ...]:
    """Each curated synonym set as {analysed terms: member text}."""
    sets = []
    for members in [*tables()["synonyms"], *_country_synonyms()]:
        analysed = {tuple(analyzer.terms(m)): m for m in members}
        analysed.pop((), None)
        if len(analysed) > 1:
            sets.append(analysed)
    return tuple(sets)


def _country_synonyms() -> list[list[str]]:
    """A country's name and its unambiguous adjectives (ایران ~ ایرانی, افغانستان ~ افغان ~ افغانستانی): a
    journalist asking for Iranian wrestlers wants Iran's wrestlers too."""
    from search.entities.kb import load_kb

    sets = []
    for country in load_kb().countries.values():
        names = [n for n in country.names if n not in country.ambiguous and " " not in n]
        if len(names) > 1:
            sets.append(names)
    return sets


def synonyms_of(analyzer: Analyzer, terms: tuple[str, ...]) -> tuple[str, ...]:
    """The other members (as text) of every synonym set that `terms` belongs to."""
    found: list[str] = []
    for members in _synonym_sets(analyzer):
        if terms in members:
            found.extend(text for key, text in members.items() if key != terms and text not in found)
    return tuple(found)


def _year_query(alternatives: list[tuple[str, ...]]) -> list[dict]:
    """A year typed alone (2023, ۱۴۰۲) also matches articles published in it; Jalali years span two
    Gregorian ones (1402 = 2023-03-21 … 2024-03-19)."""
    if len(alternatives) != 1 or len(alternatives[0]) != 1 or not alternatives[0][0].isdigit():
        return []
    year = int(alternatives[0][0])
    if 1900 <= year <= 2100:
        start, end = f"{year}-01-01", f"{year}-12-31"
    elif 1300 <= year <= 1499:
        import jdatetime

        start = jdatetime.date(year, 1, 1).togregorian().isoformat()
        end = (jdatetime.date(year + 1, 1, 1).togregorian() - timedelta(days=1)).isoformat()
    else:
        return []
    return [{"range": {"published": {"gte": start, "lte": end, "boost": 0.5}}}]


def _match(field_name: str, text: str, boost: float = 1.0, operator: str = "and") -> dict:
    return {"match": {field_name: {"query": text, "operator": operator, "boost": boost}}}


def _phrase(field_name: str, text: str, boost: float = 1.0, slop: int = 0) -> dict:
    return {"match_phrase": {field_name: {"query": text, "boost": boost, "slop": slop}}}


def _terms_query(terms: tuple[str, ...], boost: float = 1.0) -> list[dict]:
    """A run of terms on the reduced-term fields (title counts double), as a phrase when several."""
    text = " ".join(terms)
    if len(terms) == 1:
        return [_match("body_terms", text, boost), _match("title_terms", text, BOOSTS["title"] * boost)]
    return [_phrase("body_terms", text, boost, slop=1),
            _phrase("title_terms", text, BOOSTS["title"] * boost, slop=1)]


EntityLookup = Callable[[str], list[tuple[str, str]]]


LatinLookup = Callable[[str], list[LatinMatch]]
MAX_LATIN_NAME_WORDS = 4


@dataclass(frozen=True)
class QueryPlan:
    """A search request's body and two cheaper forms of its query, for the requests that need less of it."""

    body: dict  # the hits, the total and the facets (split_counts sends them as separate requests)
    wanted: QueryTerms  # what to highlight
    # matches exactly what body["query"] matches, without the clauses that only rank (a quoted phrase's
    # positions, coverage bonuses, proximity): what the counting requests send (split_counts)
    counting_query: dict
    # ranks the articles having every word as body["query"] does (same scores): one constant instead of a
    # coverage bonus per word, each matched again; None where the query has several OR-alternatives (an
    # article with one's words need not have another's) or is not sorted by relevance
    every_word_ranking: dict | None = None


class QueryBuilder:
    def __init__(self, analyzer: Analyzer, entities: EntityLookup | None = None,
                 latin: LatinLookup | None = None) -> None:
        """`entities` maps query text to the knowledge-base entities it names, as (facet field, id): a clause
        then also matches articles where that entity was recognised under any of its names (IAEA finds
        آژانس بین‌المللی انرژی اتمی; شویگو finds سرگئی کوژوگتویچ شویگو). `latin` resolves a name typed in
        Latin script (Shoigu, Erdoğan) to entities, searched under their Persian names."""
        self.analyzer = analyzer
        self.entities = entities
        self.latin = latin

    def _latin_run(self, words: list[Clause], i: int) -> tuple[int, list]:
        """(end, matches) of the longest run of Latin words from i that names an entity ((i, []) if none)."""
        if self.latin is None or not is_latin_word(words[i].text):
            return i, []
        end = i
        while end < len(words) and end - i < MAX_LATIN_NAME_WORDS and is_latin_word(words[end].text):
            end += 1
        for j in range(end, i, -1):
            matches = self.latin(" ".join(w.text for w in words[i:j]))
            if matches:
                return j, matches
        return i, []

    def _latin_clause(self, text: str, matches: list, highlight: QueryTerms) -> dict:
        """Articles about the entity (recognised in them, or naming it in Persian), or with the Latin text."""
        should = [{"term": {m.field: {"value": m.id, "boost": BOOSTS["entity"]}}} for m in matches]
        should += self._alternatives_query(self.analyzer.alternatives(text))
        for match in matches:
            for name in match.persian_names:
                alternatives = self.analyzer.alternatives(name)
                should += self._alternatives_query(alternatives)
                highlight.terms.update(t for alt in alternatives for t in alt)
                highlight.surfaces.update(self._surface(name).split())
        return {"bool": {"should": should, "minimum_should_match": 1}}

    def _entity_queries(self, text: str) -> list[dict]:
        if self.entities is None:
            return []
        return [{"term": {field: {"value": value, "boost": BOOSTS["entity"]}}} for field, value in self.entities(text)]

    # -- clauses -----------------------------------------------------------------------------------------

    def _surface(self, text: str) -> str:
        tokens = self.analyzer.tokens(self.analyzer.normalize(text))
        return " ".join(s for s in map(self.analyzer.surface, tokens) if any(ch.isalnum() for ch in s))

    def _alternatives_query(self, alternatives: list[tuple[str, ...]], boost: float = 1.0) -> list[dict]:
        return [q for alt in alternatives if alt for q in _terms_query(alt, boost)]

    def _word_clauses(self, words: list[Clause], highlight: QueryTerms, last_resort: list[dict] | None = None
                      ) -> list[dict]:
        """Each word becomes one clause. A run of words that is a synonym-set member becomes one clause
        matching any member (دولت اسلامی ~ داعش); two words the lexicon knows as one compound (زمین لرزه) match
        the compound in any spelling; a word also matches its -ات plural or singular (اعتراضات ~ اعتراض).
        A compound's content parts (کم‌آبی -> آب) go to `last_resort`: matched below every real match."""
        analyser = self.analyzer
        analysed = [tuple(analyser.terms(c.text)) for c in words]
        clauses: list[dict] = []
        i = 0
        while i < len(words):
            latin_end, matches = self._latin_run(words, i)
            if matches:
                clauses.append(self._latin_clause(" ".join(w.text for w in words[i:latin_end]), matches, highlight))
                i = latin_end
                continue
            run_end, synonyms = i, ()
            for j in range(len(words), i, -1):  # longest run first
                run = tuple(t for terms in analysed[i:j] for t in terms)
                if run and (synonyms := synonyms_of(analyser, run)):
                    run_end = j
                    break
            if synonyms:
                text = " ".join(w.text for w in words[i:run_end])
                should = self._alternatives_query(analyser.alternatives(text))
                for member in synonyms:
                    alternatives = analyser.alternatives(member)
                    should += self._alternatives_query(alternatives, SYNONYM_BOOST)
                    highlight.terms.update(t for alt in alternatives for t in alt)
                highlight.terms.update(t for terms in analysed[i:run_end] for t in terms)
                highlight.surfaces.update(self._surface(text).split())
                should += self._entity_queries(text)
                clauses.append({"bool": {"should": should, "minimum_should_match": 1}})
                parts = compound_parts(analyser, text) if run_end == i + 1 else ()
                if parts and last_resort is not None:
                    last_resort.extend(_terms_query(parts, LAST_RESORT_BOOST))
                i = run_end
                continue
            joined = analyser.joined_form(words[i].text, words[i + 1].text) if i + 1 < len(words) else None
            span = 2 if joined else 1
            text = " ".join(w.text for w in words[i:i + span])
            alternatives = analyser.alternatives(text) + ([(joined,)] if joined else [])
            if alternatives:
                surface = self._surface(text)
                should = self._alternatives_query(alternatives) + _year_query(alternatives)
                should += self._entity_queries(text)
                relatives = [(r,) for alt in alternatives if len(alt) == 1
                             for r in sound_plural_relatives(analyser, alt[0])]
                should += self._alternatives_query(relatives, SYNONYM_BOOST)
                parts = compound_parts(analyser, text) if span == 1 else ()
                if parts and last_resort is not None:
                    last_resort.extend(_terms_query(parts, LAST_RESORT_BOOST))
                if surface:
                    should.append(_phrase("body_surface", surface, BOOSTS["surface_body"]))
                    should.append(_phrase("title_surface", surface, BOOSTS["surface_title"]))
                clauses.append({"bool": {"should": should, "minimum_should_match": 1}})
                highlight.terms.update(t for alt in alternatives for t in alt)
                highlight.surfaces.update(surface.split())
            i += span
        return clauses

    def _phrase_clause(self, clause: Clause, highlight: QueryTerms) -> dict | None:
        surface = self._surface(clause.text)
        terms = tuple(self.analyzer.terms(clause.text))
        if not surface:
            return None
        should = [_phrase("body_surface", surface), _phrase("title_surface", surface, 2.0)]
        if terms:
            should.extend(_phrase(f, " ".join(terms), b) for f, b in (("body_terms", 0.8), ("title_terms", 1.6)))
        highlight.surfaces.update(surface.split())
        highlight.terms.update(terms)
        return {"bool": {"should": should, "minimum_should_match": 1}}

    def _group(self, clauses: tuple[Clause, ...], highlight: QueryTerms, all_words: bool = False,
               shape: str = RANKED) -> dict | None:
        """One OR-alternative. Articles are ranked by how many of its words and quoted phrases they have; below
        them come last resorts (a phrase's words apart, a compound's parts). `all_words`: every word and phrase
        required, for counting the articles that have them all. `shape` (RANKED, COUNTED, EVERY_WORD_RANKED):
        see QueryPlan."""
        words = [c for c in clauses if not c.phrase]
        last_resort: list[dict] = []
        required = self._word_clauses(words, highlight, last_resort)
        covered: list[dict] = []  # quoted phrases whose words are among the last resorts
        for clause in (c for c in clauses if c.phrase):
            if query := self._phrase_clause(clause, highlight):
                required.append(query)
                if terms := " ".join(self.analyzer.terms(clause.text)):
                    last_resort += [_match(f, terms, LAST_RESORT_BOOST, "or") for f in ("body_terms", "title_terms")]
                    covered.append(query)
        if not required:
            return None
        if all_words or (len(required) < 2 and not last_resort):
            group: dict = {"bool": {"must": required}}
        elif shape == COUNTED:
            # The same articles without checking word positions: a coverage clause matches what its clause
            # matches, and an article with a quoted phrase has the phrase's words, which its last resorts match
            # (a word's terms, like its surface form, depend on its letters alone: Analyzer._compute_terms). The
            # proximity bonus below is optional: it changes no match either.
            kept = [c for c in required if not any(c is phrase for phrase in covered)]
            group = {"bool": {"should": kept + last_resort, "minimum_should_match": 1}}
        elif shape == EVERY_WORD_RANKED:
            # An article with every word gets every coverage bonus: one constant of their sum gives it the
            # same score (clause scores are summed exactly, in double precision) without matching each again
            bonus = [{"constant_score": {"filter": {"match_all": {}}, "boost": COVERAGE_BONUS * len(required)}}]
            group = {"bool": {"should": required + bonus + last_resort, "minimum_should_match": 1}}
        else:
            coverage = [{"constant_score": {"filter": c, "boost": COVERAGE_BONUS}} for c in required]
            group = {"bool": {"should": required + coverage + last_resort, "minimum_should_match": 1}}
        if shape == COUNTED:
            return group
        all_terms = " ".join(t for w in words for t in self.analyzer.terms(w.text))
        if len(words) > 1 and all_terms:
            # proximity bonus: the words close together, in body or title; more for the user's exact wording
            surface = self._surface(" ".join(w.text for w in words))
            group = {"bool": {"must": [group], "should": [
                _phrase("body_terms", all_terms, BOOSTS["proximity_body"], slop=3),
                _phrase("title_terms", all_terms, BOOSTS["proximity_title"], slop=3),
                _phrase("body_surface", surface, BOOSTS["exact_body"], slop=1),
                _phrase("title_surface", surface, BOOSTS["exact_title"], slop=1)]}}
        return group

    def _exclusion(self, clause: Clause) -> list[dict]:
        if clause.phrase:
            surface = self._surface(clause.text)
            return [_phrase("body_surface", surface), _phrase("title_surface", surface)] if surface else []
        terms = self.analyzer.terms(clause.text)
        return [_match(f, " ".join(terms)) for f in ("body_terms", "title_terms")] if terms else []

    # -- whole request -----------------------------------------------------------------------------------

    def all_words_query(self, parsed: ParsedQuery) -> dict | None:
        """The articles that have every word and phrase of some OR-alternative (what `total_all_words` counts);
        None for an empty query."""
        if parsed.is_empty:
            return None
        return self.text_query(parsed, all_words=True)[0]

    def text_query(self, parsed: ParsedQuery, all_words: bool = False, shape: str = RANKED
                   ) -> tuple[dict, QueryTerms]:
        highlight = QueryTerms()
        groups = [g for clauses in parsed.groups if (g := self._group(clauses, highlight, all_words, shape))]
        must_not = [q for clause in parsed.excluded for q in self._exclusion(clause)]
        if not groups:
            if not parsed.is_empty:  # only stopwords or punctuation: match nothing rather than everything
                return {"bool": {"must_not": [{"match_all": {}}]}}, highlight
            query: dict = {"match_all": {}}
        elif len(groups) == 1:
            query = groups[0]
        else:
            query = {"bool": {"should": groups, "minimum_should_match": 1}}
        if must_not:
            query = {"bool": {"must": [query], "must_not": must_not}}
        return query, highlight

    def build(self, request: SearchRequest) -> tuple[dict, QueryTerms]:
        plan = self.plan(request)
        return plan.body, plan.wanted

    def plan(self, request: SearchRequest) -> QueryPlan:
        if request.page < 1 or request.size < 0:
            raise QueryError("page must be 1 or more and size 0 or more.")
        start = (request.page - 1) * request.size
        if request.cursor is None and start + request.size > MAX_RESULT_WINDOW:
            raise QueryError(f"Results beyond the first {MAX_RESULT_WINDOW} cannot be paged to; follow "
                             f"next_cursor instead (or narrow the search).")
        parsed = parse_query(request.query)
        # sorted by date there is no ranking to put partial matches below the rest: only articles with every word
        all_words_only = request.sort != "relevance"
        text_query, highlight = self.text_query(parsed, all_words=all_words_only)
        selected = {name: values for name, values in request.filters.items() if values}
        filters = [_facet_filter(n, v) for n, v in selected.items() if n not in DISJUNCTIVE_FACETS]
        date_range = {k: v.isoformat() for k, v in (("gte", request.date_from), ("lte", request.date_to)) if v}
        if date_range:
            filters.insert(0, {"range": {"published": date_range}})

        def filtered(text: dict) -> dict:
            return {"bool": {"must": [text], "filter": filters}} if filters else text

        query = filtered(text_query)
        counting_query = filtered(self.text_query(parsed, all_words=all_words_only, shape=COUNTED)[0])
        every_word_ranking = filtered(self.text_query(parsed, shape=EVERY_WORD_RANKED)[0]) \
            if request.sort == "relevance" and len(parsed.groups) == 1 else None

        # A cursor step (deep paging, export) has no facets: the client has them from the first page, and
        # counting every facet over every match on each step made cursor pages the slowest requests. Its
        # totals are counted once, on the step that opens the point in time, and then carried by the cursor.
        cursor = request.cursor
        counting = cursor is None or cursor.totals is None
        body: dict = {
            "query": query,
            "size": request.size,
            "track_total_hits": counting,
            # entities: big, and unused here; story_bands/signature: for grouping at index time only
            "_source": {"excludes": ["*_terms", "*_surface", "entities", "story_bands", "story_signature"]},
            "aggs": facet_aggregations(selected, request.facet_size) if cursor is None else {},
        }
        widening = [_facet_filter(n, v) for n, v in selected.items() if n in DISJUNCTIVE_FACETS]
        if widening:
            body["post_filter"] = {"bool": {"filter": widening}}
        all_words = self.all_words_query(parsed)
        if all_words is not None and counting:  # how many of `total` have every word (the rest have only some)
            counted = [all_words] + ([body["post_filter"]] if "post_filter" in body else [])
            body["aggs"]["all_words"] = {"filter": {"bool": {"filter": counted}}}
        body["sort"] = _sort(request.sort, parsed.is_empty)
        if request.cursor is None:
            body["from"] = start
        else:
            body["search_after"] = list(request.cursor.search_after)
        # Elasticsearch collapses with search_after only when sorting on the collapsed field: a cursor walk
        # (export, deep paging) lists every article
        add_story_grouping(body, selected, request.group_stories and request.cursor is None, count=counting)
        if not body["aggs"]:
            del body["aggs"]
        return QueryPlan(body, highlight, counting_query, every_word_ranking)


def split_counts(body: dict, counting_query: dict | None = None) -> tuple[dict, list[dict]]:
    """A first page's body -> (the hits alone, without counting every match; the counting requests: total,
    facets and all_words in one, the distinct stories in another, as that count costs about as much as every
    facet together). Counting bodies have no hits, sort or `from`, so Elasticsearch's shard request cache answers
    them again when the user only pages, re-sorts or switches grouping, and all of them can run side by side.
    Together they answer what `body` answers. `counting_query` (QueryPlan's) matches what body["query"] matches,
    at less cost."""
    hits = {k: v for k, v in body.items() if k != "aggs"}
    hits["track_total_hits"] = False
    aggs = dict(body.get("aggs", {}))
    stories = aggs.pop("stories", None)
    query = counting_query or body["query"]
    # total counts what the hits show: after the source/year selection (post_filter)
    counts = {"size": 0, "track_total_hits": True, "query": query, "aggs": aggs,
              **({"post_filter": body["post_filter"]} if "post_filter" in body else {})}
    counting = [counts]
    if stories is not None:
        counting.append({"size": 0, "track_total_hits": False, "query": query, "aggs": {"stories": stories}})
    return hits, counting


# Above this many matching articles (SEARCH_EXACT_COUNTS_UP_TO), the facet counts of a first page are estimated
# from a random sample of them: counting every facet over most of a million articles took 150-560 ms of one core
# and set the latency of broad queries; the sample answers in about a third of that. The total, the articles with
# every word and the distinct stories stay exact.
EXACT_COUNTS_UP_TO = 100_000
SAMPLE_PROBABILITY = 0.1  # a tenth: a value counted 1,000 times is off by about 10%, one counted 10,000 by 3%
SAMPLE_SEED = 1403  # fixed, so the same search gives the same estimates (and the request cache can answer it)


def broad_check(counts: dict, exact_up_to: int) -> dict:
    """A cheap request telling whether `counts` (split_counts' first body) matches more than `exact_up_to`
    articles: Elasticsearch stops counting there (relation `gte`). It counts the query without its phrase
    clauses (`_without_phrases`): checking word positions made it cost 55-76 ms at a million for a phrase, 1 ms
    without. It only decides how the facets are counted, and a narrower count errs towards counting exactly."""
    # Elasticsearch says `gte` once it has counted track_total_hits articles: one more than the limit is "more"
    return {"size": 0, "track_total_hits": exact_up_to + 1, "query": _without_phrases(counts["query"]),
            **({"post_filter": counts["post_filter"]} if "post_filter" in counts else {})}


def _without_phrases(query: dict) -> dict:
    """`query` with each disjunction's phrase clauses left out where a clause without a phrase remains (the
    words of a phrase are matched by the word clauses beside it); must_not and filters are kept as they are."""
    inner = query.get("bool")
    if not inner:
        return query
    rebuilt = dict(inner)
    should = inner.get("should")
    if isinstance(should, list):
        plain = [c for c in should if "match_phrase" not in json.dumps(c)]
        rebuilt["should"] = [_without_phrases(c) for c in (plain or should)]
    for occur in ("must", "filter"):
        if isinstance(inner.get(occur), list):
            rebuilt[occur] = [_without_phrases(c) for c in inner[occur]]
        elif isinstance(inner.get(occur), dict):
            rebuilt[occur] = _without_phrases(inner[occur])
    return {"bool": rebuilt}


def sampled_counting(counting: list[dict]) -> list[dict]:
    """split_counts' counting bodies -> fewer, with the facets estimated from a random sample: the first body
    keeps the exact total, counts its facets inside a `random_sampler` (whose counts Elasticsearch scales back
    up) and the distinct stories exactly beside it (their own request matched the same articles again: a phrase
    page at a million, 252-431 -> 204-355 ms); the articles with every word (`all_words`) are counted exactly
    by a request of their own, a conjunction Elasticsearch answers from the rarest word. `read_sampled` turns
    the answers into what the exact bodies' answers give together."""
    counts, *others = counting
    aggs = dict(counts.get("aggs", {}))
    every_word = aggs.pop("all_words", None)
    sampled = {**counts, "aggs": {"sampled": {
        "random_sampler": {"probability": SAMPLE_PROBABILITY, "seed": SAMPLE_SEED}, "aggs": aggs}}}
    for body in others:
        sampled["aggs"].update(body.get("aggs", {}))  # the stories' count: exact, outside the sampler
    bodies = [sampled]
    if every_word is not None:
        bodies.append({"size": 0, "track_total_hits": True,
                       "query": {"bool": {"must": [counts["query"]], "filter": [every_word["filter"]]}}})
    return bodies


def read_sampled(counting: list[dict], answers: list[dict]) -> list[dict]:
    """The answers to `sampled_counting(counting)` as one answer with the total and every aggregation the
    exact bodies' answers give together."""
    first, *rest = answers
    aggregations = {k: v for k, v in first.get("aggregations", {}).items() if k != "sampled"}
    aggregations.update({k: v for k, v in first.get("aggregations", {}).get("sampled", {}).items()
                         if isinstance(v, dict)})
    if "all_words" in counting[0].get("aggs", {}):
        aggregations["all_words"] = {"doc_count": rest.pop()["hits"]["total"]["value"]}
    return [{**first, "aggregations": aggregations}]


STORY_SAMPLE = 5  # other articles of a story shown under its result


def add_story_grouping(body: dict, selected: dict[str, tuple[str, ...]], grouped: bool, count: bool = True) -> None:
    """One result per story (`collapse` on story_id, the story's other matching articles as inner hits) and
    (`count`) the number of distinct stories. Facets keep counting articles, like `total`: a value's count stays
    the total its selection gives, and a distinct count per facet value made broad queries ~2.5x slower in
    Elasticsearch."""
    everything = [_facet_filter(n, v) for n, v in selected.items()]
    if count:
        body.setdefault("aggs", {})["stories"] = {
            "filter": {"bool": {"filter": everything}} if everything else {"match_all": {}},
            "aggs": {"count": {"cardinality": {"field": "story_id", "precision_threshold": 40000}}},
        }
    if not grouped:
        return
    body["collapse"] = {"field": "story_id", "inner_hits": {
        "name": "story", "size": STORY_SAMPLE + 1, "sort": [{"published": {"order": "asc", "missing": "_last"}}],
        "_source": ["id", "title", "source", "url", "published"]}}


def _facet_filter(name: str, values: tuple[str, ...]) -> dict:
    if name == "published_years":  # any of the years
        return {"bool": {"should": [{"range": {"published": {"gte": f"{y}-01-01", "lte": f"{y}-12-31"}}}
                                    for y in values], "minimum_should_match": 1}}
    if name in ENTITY_FACETS:  # all of the values: articles naming each of them
        return {"bool": {"filter": [{"term": {name: v}} for v in values]}} if len(values) > 1 \
            else {"term": {name: values[0]}}
    return {"terms": {name: list(values)}}


def facet_aggregations(selected: dict[str, tuple[str, ...]], size: int) -> dict:
    """Entity facets count co-mentions under the whole selection (their own selection is in the query). Each
    disjunctive facet (source, year) counts under every selection but its own, so its other values keep their
    counts (as Aleph does it). Either way, a value's count is the total its selection alone would give."""
    aggs = {}
    for name in (*FACETS, "published_years"):
        others = [_facet_filter(n, v) for n, v in selected.items() if n in DISJUNCTIVE_FACETS and n != name]
        if name == "published_years":
            values = {"date_histogram": {"field": "published", "calendar_interval": "year", "format": "yyyy",
                                         "min_doc_count": 1}}
        else:
            values = {"terms": {"field": name, "size": size}}
        # unwrapped where nothing narrows it: a top-level terms aggregation lets Elasticsearch count from the
        # index's postings (filter by filter) instead of visiting every match: an empty query's facets over a
        # million articles went from ~440 to ~80 ms
        aggs[name] = {"filter": {"bool": {"filter": others}}, "aggs": {"values": values}} if others else values
    return aggs


def facet_buckets(aggregations: dict, name: str) -> list[dict]:
    """A facet's buckets, from either shape facet_aggregations gives it."""
    facet = aggregations.get(name, {})
    return facet["values"].get("buckets", []) if "values" in facet else facet.get("buckets", [])


def _sort(sort: str, empty_query: bool) -> list:
    # `id` last: every hit has distinct sort values, so search_after resumes exactly where a page ended
    if sort == "newest" or (sort == "relevance" and empty_query):
        return [{"published": {"order": "desc", "missing": "_last"}}, "_score", {"id": "asc"}]
    if sort == "oldest":
        return [{"published": {"order": "asc", "missing": "_last"}}, "_score", {"id": "asc"}]
    if sort == "relevance":
        return ["_score", {"published": {"order": "desc", "missing": "_last"}}, {"id": "asc"}]
    raise QueryError(f"sort must be relevance, newest or oldest, not {sort!r}.")
