"""Multi-label topic classification from weighted cues (reduced words and phrases) and entity cues.

Scores are sums of cue weights with diminishing returns for repeats (w * (1 + ln n)), divided by a gentle
length factor so long articles do not collect every topic. A topic is assigned when its score clears an
absolute threshold and is within a ratio of the best topic's score; both were tuned on bench/entities.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict

import ahocorasick

from search.entities.kb import KnowledgeBase

DEFAULT_THRESHOLD = 3.0
DEFAULT_RATIO = 0.3


class TopicClassifier:
    def __init__(self, kb: KnowledgeBase, key_of, threshold: float = DEFAULT_THRESHOLD,
                 ratio: float = DEFAULT_RATIO) -> None:
        """`key_of` turns a cue into the same token keys the entity matcher produces for article text."""
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
        for key, targets in cues.items():
            self._automaton.add_word(f" {key} ", tuple(targets))
        self._automaton.make_automaton()
        self._entity_cues = {topic.id: topic.entity_cues for topic in kb.topics.values()}

    def scores(self, keys: list[str], entity_ids: set[str]) -> dict[str, float]:
        joined = " " + " ".join(keys) + " "
        hits: Counter = Counter()
        for _, targets in self._automaton.iter(joined):
            for topic_id, weight in targets:
                hits[(topic_id, weight)] += 1
        scores: dict[str, float] = defaultdict(float)
        for (topic_id, weight), count in hits.items():
            scores[topic_id] += weight * (1 + math.log(count))
        length_factor = max(1.0, math.sqrt(len(keys) / 250))
        for topic_id in list(scores):
            scores[topic_id] /= length_factor
        for topic_id, cues in self._entity_cues.items():
            for entity, weight in cues.items():
                if entity in entity_ids:
                    scores[topic_id] += weight
        return dict(scores)

    def classify(self, keys: list[str], entity_ids: set[str]) -> list[dict]:
        scores = self.scores(keys, entity_ids)
        if not scores:
            return []
        best = max(scores.values())
        chosen = [(t, s) for t, s in scores.items() if s >= self.threshold and s >= self.ratio * best]
        return [
            {"id": t, "label": self.kb.topics[t].label_fa, "label_en": self.kb.topics[t].label_en,
             "score": round(s, 2)}
            for t, s in sorted(chosen, key=lambda item: -item[1])
        ]
