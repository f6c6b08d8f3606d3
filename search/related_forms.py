"""Forms of a query word that are not its spelling but still its subject, for the query builder.

* Arabic sound plurals in -ات: analysis keeps the plural when hazm's lexicon lists it as a word of its own
  (اعتراضات, مذاکرات), so a query for the plural also asks for the singular and the reverse.
* The content parts of a compound (کم‌آبی -> آب, کشتی‌گیری -> کشتی): asked for only as a last resort, below
  every article that has the word itself.
"""

from __future__ import annotations

from search.analysis import ZWNJ, Analyzer, normalize
from search.lexicon import frequency

_COMMON = 1e-5  # a relative must be an everyday word (not خدم for خدمات)


def sound_plural_relatives(analyzer: Analyzer, term: str) -> tuple[str, ...]:
    """The -ات plural of a term or its singular, where both are everyday words and the plural is the rarer
    (اعتراضات <-> اعتراض; not صادرات -> صادر or خدمات -> خدم, plurals with a meaning of their own)."""
    if term.endswith("ات") and not term.endswith("یات"):  # عملیات is not عملی + ات
        singular, plural = term[:-2], term
    else:
        singular, plural = term, term + "ات"
    if len(singular) < 3 or not all(analyzer.is_known_word(w) for w in (singular, plural)):
        return ()
    if not _COMMON <= frequency(plural) < frequency(singular):
        return ()
    other = plural if term == singular else singular
    return (other,) if analyzer.term_of(other) == (other,) else ()


def compound_parts(analyzer: Analyzer, word: str) -> tuple[str, ...]:
    """The terms of a one-word compound's parts (کم‌آبی -> آب), or () when the word is not a compound or its
    terms already hold the parts."""
    spelled = analyzer.zwnj_spelling(normalize(word))
    if ZWNJ not in spelled:
        return ()
    parts = tuple(t for part in spelled.split(ZWNJ) for t in analyzer.term_of(part)[:1])
    own = analyzer.term_of(spelled)
    return () if not parts or set(parts) <= set(own[1:]) else parts
