"""Multi-label topic classification from weighted cues (reduced words and phrases) and entity cues.

Scores are sums of cue weights with diminishing returns for repeats (w * (1 + ln n)), divided by a gentle
length factor so long articles do not collect every topic. A topic is assigned when its score clears an
absolute threshold and is within a ratio of the best topic's score, or is strong on its own; all three were
tuned on the dev set in bench/entities.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from operator import itemgetter

import ahocorasick

from search.entities.kb import KnowledgeBase

DEFAULT_THRESHOLD = 4.0
DEFAULT_RATIO = 0.55
# A score this high is a topic of the article even beside a higher one (a war report that is also plainly
# about refugees). Chosen on the dev set (topics F1 0.861 -> 0.884); the held-out set moved 0.841 -> 0.857.
STRONG_SCORE = 12.0
# Cues that name an institution: they count unless a place or country follows (وزارت بهداشت غزه reports deaths)
INSTITUTION_WORDS = ("وزارت", "سازمان")
QUOTED_INSTITUTION_SHARE = 0.3


class TopicClassifier:
    def __init__(self, kb: KnowledgeBase, key_of, encode_pattern, threshold: float = DEFAULT_THRESHOLD,
                 ratio: float = DEFAULT_RATIO) -> None:
        """`key_of` turns a cue into the same token keys the entity matcher produces for article text;
        `encode_pattern` is the matcher's token encoding (shared, so an article is encoded once for both)."""
        self.kb = kb
        self.threshold = threshold
        self.ratio = ratio
        cues: dict[str, list[tuple[str, float]]] = defaultdict(list)
        for topic in kb.topics.values():
            for cue, weight in topic.cues.items():
                key = key_of(cue)
                if key:
                    cues[key].append((topic.id, weight))
        self._automaton = ahocorasick.Automaton()
        self._targets: list[tuple[tuple[str, float], ...]] = []  # automaton value -> (topic, weight) pairs
        self._institutions: set[int] = set()  # patterns that name a ministry or agency (وزارت بهداشت)
        institution_keys = tuple(key_of(w) for w in INSTITUTION_WORDS)
        for key, targets in cues.items():
            if key.startswith(institution_keys):
                self._institutions.add(len(self._targets))
            self._automaton.add_word(encode_pattern(key), len(self._targets))
            self._targets.append(tuple(targets))
        self._automaton.make_automaton()
        # codes of the first word of every country and place name: a ministry followed by one is someone
        # else's ministry quoted for its figures (وزارت بهداشت غزه), not the article's subject
        self._place_codes = frozenset(
            encode_pattern(key_of(name).split(" ")[0])
            for table in (kb.countries, kb.places) for entry in table.values() for name in entry.names
            if key_of(name))
        self._entity_cues: dict[str, list[tuple[str, float]]] = defaultdict(list)  # entity -> (topic, weight)
        for topic in kb.topics.values():
            for entity, weight in topic.entity_cues.items():
                self._entity_cues[entity].append((topic.id, weight))

    def scores(self, token_count: int, entity_ids: set[str], encoded: str) -> dict[str, float]:
        """Each distinct cue adds weight * (1 + ln repeats); the sum is divided by a gentle length factor."""
        found = list(self._automaton.iter(encoded))
        patterns = list(map(itemgetter(1), found))
        # a ministry followed by a place (وزارت بهداشت غزه) is someone else's, usually quoted for its figures:
        # it and the words inside it count for a fraction only (checked only when a ministry is named at all)
        quoted = set() if self._institutions.isdisjoint(patterns) else {
            end for end, pattern in found
            if pattern in self._institutions and encoded[end + 1:end + 3] in self._place_codes}
        hits = Counter(map(itemgetter(1), (hit for hit in found if hit[0] not in quoted))) if quoted else \
            Counter(patterns)
        scores: dict[str, float] = defaultdict(float)
        targets = self._targets
        if quoted:
            for pattern, count in Counter(p for end, p in found if end in quoted).items():
                for topic_id, weight in targets[pattern]:
                    scores[topic_id] += QUOTED_INSTITUTION_SHARE * weight * (1 + math.log(count))
        for pattern, count in hits.items():
            damped = 1 + math.log(count)
            for topic_id, weight in targets[pattern]:
                scores[topic_id] += weight * damped
        length_factor = max(1.0, math.sqrt(token_count / 250))
        if length_factor > 1.0:
            for topic_id in scores:
                scores[topic_id] /= length_factor
        for entity in entity_ids:
            for topic_id, weight in self._entity_cues.get(entity, ()):
                scores[topic_id] += weight
        return scores

    def classify(self, token_count: int, entity_ids: set[str], encoded: str) -> list[dict]:
        """Topics of an article given its token count, entity ids (org:…, country:…) and encoded tokens."""
        scores = self.scores(token_count, entity_ids, encoded)
        if not scores:
            return []
        best = max(scores.values())
        chosen = [(t, s) for t, s in scores.items()
                  if s >= self.threshold and (s >= self.ratio * best or s >= STRONG_SCORE)]
        return [
            {"id": t, "label": self.kb.topics[t].label_fa, "label_en": self.kb.topics[t].label_en,
             "score": round(s, 2)}
            for t, s in sorted(chosen, key=lambda item: -item[1])
        ]
