"""Article -> IndexedDoc (the Elasticsearch document): analysed text fields, entities, topics. Pure."""

from __future__ import annotations

import functools
from datetime import UTC, datetime

from search.analysis import ZWNJ, Analyzer, get_analyzer, normalize
from search.entities.actors import HOME_CAPITAL
from search.entities.kb import KnowledgeBase, load_kb
from search.entities.matcher import TITLE_BODY_BREAK, EntityMatcher
from search.entities.evidence import describe_discovered
from search.entities.offices import OfficeResolver, names_beside, short_name_of, tag_office_holders, tenure
from search.intake.validate import canonical_url
from search.model import Article
from search.stories import fingerprint
from search.topics import TopicClassifier

# Recorded in every document; /api/health warns of documents analysed with another (search/freshness.py) and
# `python -m search reindex` brings them up to date. 2: story fingerprints from term hashes, band keys b00… (stories.py)
ANALYSIS_VERSION = "2"


def _publication_day(article: Article):
    return article.published.date() if isinstance(article.published, datetime) else article.published


_SENTENCE_ENDS = frozenset({".", "!", "؟", "?", "\n", TITLE_BODY_BREAK})
# an office's abstract noun: the ministry of a minister, the presidency of a president
_ABSTRACT_NOUNS = (("وزیر", "وزارت"), ("رئیسجمهور", "ریاستجمهوری"), ("نخستوزیر", "نخستوزیری"), ("رئیس", "ریاست"))


# words that make an office someone else's post beside it: معاون نخست‌وزیر is a deputy, not the prime minister
_DEPUTY_WORDS = ("معاون", "مشاور", "دستیار", "سخنگوی", "قائممقام", "جانشین", "نماینده")


def _unqualified_in(head: str, sentence: str) -> bool:
    """The office head occurs in the (ZWNJ- and space-free) sentence not right after a deputy's word: in `وان
    اسماعیل قرار است معاون نخست‌وزیر شود` no prime minister is named, so اسماعیل is not Egypt's prime minister."""
    i = sentence.find(head)
    while i >= 0:
        if not any(sentence.endswith(word, 0, i) for word in _DEPUTY_WORDS):
            return True
        i = sentence.find(head, i + 1)
    return False


@functools.cache
def _office_heads(title: str) -> tuple[str, ...]:
    """The first two words of a role title, ZWNJs and spaces dropped (`وزیر بهداشت، درمان …` -> وزیربهداشت), and
    the same with the office's abstract noun (وزارتبهداشت); a one-word title only when it is a compound
    (رئیس‌جمهور), since a lone word (امیر, سفیر) is inside too many other words."""
    words = normalize(title).replace("،", " ").split()[:2]
    if not words or len(words) == 1 and ZWNJ not in words[0]:
        return ()
    head = "".join(words).replace(ZWNJ, "")
    heads = [head]
    for office, noun in _ABSTRACT_NOUNS:
        if head.startswith(office):
            heads.append(noun + head[len(office):])
            break
    return tuple(heads)


def _name_words(name: str) -> list[str]:
    """A name's words without the honorific سید/سیده, which the press writes or leaves out."""
    return [w for w in name.split() if w not in ("سید", "سیده")]


class Enricher:
    def __init__(self, analyzer: Analyzer | None = None, kb: KnowledgeBase | None = None) -> None:
        self.analyzer = analyzer or get_analyzer()
        self.kb = kb or load_kb()
        self.matcher = EntityMatcher(self.kb, self.analyzer)
        self.topics = TopicClassifier(self.kb, self.matcher.key_of, self.matcher.encode_pattern)
        self.offices = OfficeResolver(self.kb, self.matcher.key_of)

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
        self._add_office_holders(article, tokens, keys, encoded, extraction)
        describe_discovered(extraction.officials, tokens, keys, matcher._office_keys, self.offices._scope_at)
        self._short_names_to_known(extraction, article)
        self._partial_names_by_office(extraction, tokens, article)
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

    def _add_office_holders(self, article: Article, tokens: list[str], keys: list[str], encoded: str,
                            extraction) -> None:
        """`وزیر خارجه روسیه` in an article of 2016-05-01 is whoever held the office that day (offices.py)."""
        day = _publication_day(article)
        resolved = []
        if day is not None:
            discovered = [o["name_fa"] for o in extraction.officials if o.get("discovered")]
            # a bare government office is Iran's in an article set in Iran: the country found, or Tehran named
            # (a domestic story's Tehran is a city, not the country, but it still sets the story in Iran), or one of
            # Iran's officials named (a domestic story seldom writes ایران: لاریجانی رئیس مجلس … رئیس‌جمهور گفت)
            home = "IR" if any(c["id"] == "IR" for c in extraction.countries) or any(
                p["id"] == HOME_CAPITAL[0] for p in extraction.places) or any(
                not o.get("discovered") and o["id"] in self.kb.officials and self.kb.officials[o["id"]].country == "IR"
                for o in extraction.officials) else None
            resolved = self.offices.resolve(tokens, keys, day,
                                            names_beside(self.matcher, tokens, keys, encoded, discovered), home,
                                            self._foreign_named(encoded, home) if home else None)
        tag_office_holders(extraction, resolved, self.matcher._output["official"])

    def _short_names_to_known(self, extraction, article: Article) -> None:
        """`سید حسن هاشمی وزیر بهداشت` is حسن قاضی‌زاده هاشمی: a discovered person whose two words are a known
        official's given name and last name (the middle left out) and whose office is one that official held around
        the article's date is that official (offices.short_name_of; the office must match, so a namesake is not)."""
        day = _publication_day(article)
        if day is None or not any(o.get("discovered") and o.get("office") for o in extraction.officials):
            return
        known = {o["id"] for o in extraction.officials if not o.get("discovered")}
        kept = []
        for official in extraction.officials:
            match = None
            if official.get("discovered") and official.get("office"):
                office = normalize(official["office"]).replace(ZWNJ, "")
                candidates = [o for o in self._short_name_candidates(official["name_fa"]) if any(
                    office.startswith(" ".join(normalize(role.get("title_fa", "")).replace("،", "").split()[:2])
                                      .replace(ZWNJ, "")) and tenure(o.id, role).may_cover(day) for role in o.roles)]
                match = candidates[0] if len(candidates) == 1 else None
            if match is None:
                kept.append(official)
            elif match.id not in known:
                known.add(match.id)
                kept.append({**self.matcher._output["official"][match.id], "mentions": official.get("mentions", 1),
                             "found_by": "name"})
        extraction.officials = kept

    def _partial_names_by_office(self, extraction, tokens: list[str], article: Article) -> None:
        """A known official named only in part, by a surname that is also a word (`به نفع رئیسی کناره‌گیری کرد`) or by
        the given name and last word of a longer name (`سید حسن هاشمی … سکان وزارت بهداشت را در دست گرفت`), is the
        official when the same sentence names an office the official held on the article's day, as the office
        (`وزیر بهداشت`) or its abstract noun (`وزارت بهداشت`, `انتخابات ریاست‌جمهوری`)."""
        day = _publication_day(article)
        if day is None:
            return
        found = {o["id"] for o in extraction.officials}
        candidates = [(start, end, official_id) for start, end, official_id in extraction.bare_surnames
                      if official_id not in found]
        by_short_name = self._by_short_name
        given = by_short_name["given"]
        for i in [i for i, token in enumerate(tokens[:-1]) if token in given]:  # the loop in C: a hot path
            for official in by_short_name.get((tokens[i], tokens[i + 1]), ()):
                after = tokens[i + 2] if i + 2 < len(tokens) else "."
                if official.id not in found and not self.matcher._unknown_name(after, self.matcher.token_key(after)):
                    candidates.append((i, i + 2, official.id))  # not حسن هاشمی طباطبایی
        for start, end, official_id in candidates:
            if official_id in found or not self._office_in_sentence(official_id, tokens, start, end, day):
                continue
            found.add(official_id)
            extraction.officials.append({**self.matcher._output["official"][official_id], "mentions": 1,
                                         "found_by": "name"})

    def _office_in_sentence(self, official_id: str, tokens: list[str], start: int, end: int, day) -> bool:
        first, last = start, end
        while first > 0 and tokens[first - 1] not in _SENTENCE_ENDS:
            first -= 1
        while last < len(tokens) and tokens[last] not in _SENTENCE_ENDS:
            last += 1
        sentence = "".join(t.replace(ZWNJ, "") for t in tokens[first:start] + ["|"] + tokens[end:last])
        return any(tenure(official_id, role).may_cover(day) and any(_unqualified_in(head, sentence) for head in
                   _office_heads(role.get("title_fa", ""))) for role in self.kb.officials[official_id].roles)

    def _short_name_candidates(self, name: str) -> list:
        words = _name_words(name)
        if len(words) != 2:
            return []
        return [o for o in self._by_given_name.get(words[0], ()) if short_name_of(name, o.names)]

    @functools.cached_property
    def _by_short_name(self) -> dict:
        """(given name, last word) -> the officials whose name of three or more words they shorten (short_name_of),
        and under "given" the set of those given names."""
        by_short: dict = {"given": set()}
        for given, officials in self._by_given_name.items():
            for official in officials:
                for name in official.names:
                    words = _name_words(name)
                    if len(words) >= 3 and words[0] == given:
                        pair = (given, words[-1].split(ZWNJ)[-1])
                        if official not in by_short.get(pair, ()):
                            by_short.setdefault(pair, []).append(official)
                            by_short["given"].add(given)
        return by_short

    @functools.cached_property
    def _by_given_name(self) -> dict[str, list]:
        by_given: dict[str, list] = {}
        for official in self.kb.officials.values():
            for name in official.names:
                words = _name_words(name)
                if len(words) >= 3 and official not in by_given.get(words[0], ()):
                    by_given.setdefault(words[0], []).append(official)
        return by_given

    def _foreign_named(self, encoded: str, home: str):
        """`foreign_named(start, end)` for OfficeResolver.resolve: does a country other than `home`, or an official
        of one, have a name between the two token positions?"""
        starts: list[int] = []

        def foreign_named(first: int, last: int) -> bool:
            if not starts:
                starts.append(-1)
                for start, _end, candidates, *_ in self.matcher._longest_spans(encoded):
                    for kind, entity_id in candidates:
                        # a surname that is also an everyday word (امین) names nobody until the matcher says so
                        named = kind == "official" or kind == "surname" and entity_id in self.matcher._surname_alone_ok
                        country = (entity_id if kind.startswith("country") else
                                   self.kb.officials[entity_id].country if named else None)
                        if country and country != home:
                            starts.append(start)
                            break
            return any(first <= s < last for s in starts)

        return foreign_named

    def document(self, article: Article) -> dict:
        """The document indexed for an article (also what `enrich --full` prints)."""
        found, title_tokens, body_tokens = self._analyse(article)
        title_surface, title_terms = self.analyzer.fields_from_tokens(title_tokens)
        body_surface, body_term_list = self.analyzer.surface_and_terms(body_tokens)
        body_terms = " ".join(body_term_list)
        story = fingerprint(body_term_list)  # the body only: republished copies change the headline
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
            "kb_version": self.kb.version,
            "kb_as_of": self.kb.as_of or None,
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
    """The process-wide Enricher: loaded as built by an earlier process of the same code (search/warm_start.py),
    else built (~5 s). Its analyser becomes the process's, so nothing builds a second one."""
    from search import analysis
    from search.warm_start import load_or_build

    enricher = load_or_build(Enricher)
    analysis.adopt_analyzer(enricher.analyzer)
    return enricher
