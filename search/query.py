"""SearchRequest -> Elasticsearch request body. Pure: no network, unit-tested without a server.

Query syntax a journalist can type: words (all should match; with 3+ words one in four may be missing),
"quoted phrases", -exclusions (-word or -"phrase"), and OR between alternatives. Persian and Latin digits,
Arabic and Persian letters, ZWNJ/space variants all meet because both sides go through the same Analyzer.
Synonyms from the curated table are applied here, at query time (the core-only mapping has no synonym filter).
"""

from __future__ import annotations

import functools
import math
import re
from dataclasses import dataclass, field

from search.analysis import Analyzer, _tables
from search.model import FACETS, SearchRequest

MAX_RESULT_WINDOW = 10_000
_QUERY_TOKEN = re.compile(r'(-?)["«“]([^"»”]*)["»”]?|(\S+)')
_OR_WORDS = frozenset({"OR", "|"})
SYNONYM_BOOST = 0.8


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
            if word:
                groups[-1].append(Clause(word))
        elif phrase is not None and phrase.strip():
            (excluded if negated else groups[-1]).append(Clause(phrase.strip(), phrase=True))
    return ParsedQuery(tuple(tuple(g) for g in groups if g), tuple(excluded))


@dataclass
class QueryTerms:
    """What the query matches, for highlighting: reduced terms and exact surface forms."""

    terms: set[str] = field(default_factory=set)
    surfaces: set[str] = field(default_factory=set)


@functools.cache
def _synonym_sets(analyzer: Analyzer) -> tuple[tuple[tuple[str, ...], ...], ...]:
    sets = []
    for members in _tables()["synonyms"]:
        analysed = tuple(dict.fromkeys(t for t in (tuple(analyzer.terms(m)) for m in members) if t))
        if len(analysed) > 1:
            sets.append(analysed)
    return tuple(sets)


def synonyms_of(analyzer: Analyzer, terms: tuple[str, ...]) -> tuple[tuple[str, ...], ...]:
    """Other members of every synonym set that `terms` belongs to."""
    found: list[tuple[str, ...]] = []
    for members in _synonym_sets(analyzer):
        if terms in members:
            found.extend(m for m in members if m != terms and m not in found)
    return tuple(found)


def _match(field_name: str, text: str, boost: float = 1.0, operator: str = "and") -> dict:
    return {"match": {field_name: {"query": text, "operator": operator, "boost": boost}}}


def _phrase(field_name: str, text: str, boost: float = 1.0, slop: int = 0) -> dict:
    return {"match_phrase": {field_name: {"query": text, "boost": boost, "slop": slop}}}


def _terms_query(terms: tuple[str, ...], boost: float = 1.0) -> list[dict]:
    """A run of terms on the reduced-term fields (title counts double), as a phrase when several."""
    text = " ".join(terms)
    if len(terms) == 1:
        return [_match("body_terms", text, boost), _match("title_terms", text, 2 * boost)]
    return [_phrase("body_terms", text, boost, slop=1), _phrase("title_terms", text, 2 * boost, slop=1)]


class QueryBuilder:
    def __init__(self, analyzer: Analyzer) -> None:
        self.analyzer = analyzer

    # -- clauses -----------------------------------------------------------------------------------------

    def _surface(self, text: str) -> str:
        tokens = self.analyzer.tokens(self.analyzer.normalize(text))
        return " ".join(s for s in map(self.analyzer.surface, tokens) if any(ch.isalnum() for ch in s))

    def _word_clauses(self, words: list[Clause], highlight: QueryTerms) -> list[dict]:
        """Each word becomes one required clause; a run of words that forms a synonym-set member becomes one
        clause matching any member (دولت اسلامی ~ داعش)."""
        analysed = [tuple(self.analyzer.terms(c.text)) for c in words]
        clauses: list[dict] = []
        i = 0
        while i < len(words):
            matched = None
            for j in range(len(words), i, -1):  # longest run first
                run = tuple(t for terms in analysed[i:j] for t in terms)
                if run and synonyms_of(self.analyzer, run):
                    matched = (j, run)
                    break
            if matched:
                j, run = matched
                alternatives = [run, *synonyms_of(self.analyzer, run)]
                should = []
                for k, alt in enumerate(alternatives):
                    should.extend(_terms_query(alt, 1.0 if k == 0 else SYNONYM_BOOST))
                    highlight.terms.update(alt)
                highlight.surfaces.update(self._surface(w.text) for w in words[i:j])
                clauses.append({"bool": {"should": should, "minimum_should_match": 1}})
                i = j
                continue
            terms = analysed[i]
            surface = self._surface(words[i].text)
            if terms:
                should = _terms_query(terms)
                if surface:
                    should.append(_match("body_surface", surface, 0.3))
                    should.append(_match("title_surface", surface, 0.6))
                clauses.append({"bool": {"should": should, "minimum_should_match": 1}})
                highlight.terms.update(terms)
                highlight.surfaces.update(surface.split())
            i += 1
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

    def _group(self, clauses: tuple[Clause, ...], highlight: QueryTerms) -> dict | None:
        words = [c for c in clauses if not c.phrase]
        required = self._word_clauses(words, highlight)
        required += [q for c in clauses if c.phrase and (q := self._phrase_clause(c, highlight))]
        if not required:
            return None
        # With three or more clauses one in four may be missing: a misspelt word should not hide everything.
        needed = len(required) if len(required) <= 2 else math.ceil(len(required) * 0.75)
        group: dict = {"bool": {"should": required, "minimum_should_match": needed}}
        all_terms = " ".join(t for w in words for t in self.analyzer.terms(w.text))
        if len(words) > 1 and all_terms:
            # proximity bonus: the words close together, in body or title
            group = {"bool": {"must": [group], "should": [
                _phrase("body_terms", all_terms, 1.0, slop=3), _phrase("title_terms", all_terms, 2.0, slop=3)]}}
        return group

    def _exclusion(self, clause: Clause) -> list[dict]:
        if clause.phrase:
            surface = self._surface(clause.text)
            return [_phrase("body_surface", surface), _phrase("title_surface", surface)] if surface else []
        terms = self.analyzer.terms(clause.text)
        return [_match(f, " ".join(terms)) for f in ("body_terms", "title_terms")] if terms else []

    # -- whole request -----------------------------------------------------------------------------------

    def text_query(self, parsed: ParsedQuery) -> tuple[dict, QueryTerms]:
        highlight = QueryTerms()
        groups = [g for clauses in parsed.groups if (g := self._group(clauses, highlight))]
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
        if request.page < 1 or request.size < 0:
            raise QueryError("page must be 1 or more and size 0 or more.")
        start = (request.page - 1) * request.size
        if start + request.size > MAX_RESULT_WINDOW:
            raise QueryError(f"Results beyond the first {MAX_RESULT_WINDOW} cannot be paged to; narrow the search.")
        parsed = parse_query(request.query)
        text_query, highlight = self.text_query(parsed)
        date_range = {k: v.isoformat() for k, v in (("gte", request.date_from), ("lte", request.date_to)) if v}
        query = {"bool": {"must": [text_query], "filter": [{"range": {"published": date_range}}]}} if date_range \
            else text_query

        selected = {name: values for name, values in request.filters.items() if values}
        body: dict = {
            "query": query,
            "from": start,
            "size": request.size,
            "track_total_hits": True,
            "_source": {"excludes": ["*_terms", "*_surface"]},
            "aggs": facet_aggregations(selected, request.facet_size),
        }
        if selected:
            body["post_filter"] = {"bool": {"filter": [_facet_filter(n, v) for n, v in selected.items()]}}
        body["sort"] = _sort(request.sort, parsed.is_empty)
        return body, highlight


def _facet_filter(name: str, values: tuple[str, ...]) -> dict:
    return {"terms": {name: list(values)}}


def facet_aggregations(selected: dict[str, tuple[str, ...]], size: int) -> dict:
    """Each facet counts documents matching the query and every *other* facet's selection, so choosing a
    country does not hide the other countries (multi-select facets, as Aleph does them)."""
    aggs = {}
    for name in FACETS:
        others = [_facet_filter(n, v) for n, v in selected.items() if n != name]
        aggs[name] = {
            "filter": {"bool": {"filter": others}} if others else {"match_all": {}},
            "aggs": {"values": {"terms": {"field": name, "size": size}}},
        }
    everything = [_facet_filter(n, v) for n, v in selected.items()]
    aggs["published_years"] = {
        "filter": {"bool": {"filter": everything}} if everything else {"match_all": {}},
        "aggs": {"values": {"date_histogram": {"field": "published", "calendar_interval": "year",
                                                "format": "yyyy", "min_doc_count": 1}}},
    }
    return aggs


def _sort(sort: str, empty_query: bool) -> list:
    if sort == "newest" or (sort == "relevance" and empty_query):
        return [{"published": {"order": "desc", "missing": "_last"}}, "_score"]
    if sort == "oldest":
        return [{"published": {"order": "asc", "missing": "_last"}}, "_score"]
    if sort == "relevance":
        return ["_score", {"published": {"order": "desc", "missing": "_last"}}]
    raise QueryError(f"sort must be relevance, newest or oldest, not {sort!r}.")
