"""`python -m search kb find NAME`: what a name resolves to, and why, the way the enricher reads it in an article.

`explain` (pure) returns one line per reading: the knowledge-base entries the name's words match (full names and
aliases, surnames, ambiguous forms and the context they need), what the enricher decides for the name alone, an
office resolved on a given day, and, when nothing matches, entries whose names contain the text.
"""

from __future__ import annotations

from datetime import date

from search.entities.kb import KnowledgeBase
from search.entities.matcher import EntityMatcher
from search.entities.offices import BARE, OfficeMention, OfficeResolver

_READINGS = {
    "official": "the full name or an alias of official",
    "surname": "the surname of official",
    "country": "a name of country",
    "country?": "an ambiguous form of country (needs context: کشور/دولت before it, another country beside it, …)",
    "organization": "a name of organisation",
    "organization?": "an ambiguous short name of organisation (someone else's when a country or استان follows)",
    "place": "a name of place",
    "place?": "an ambiguous place name (counted only where the text vouches for it)",
    "region": "a region that contains a country's name but is not the country:",
}


def _label(kb: KnowledgeBase, kind: str, entity_id: str) -> str:
    base = kind.rstrip("?")
    if base in ("official", "surname"):
        official = kb.officials[entity_id]
        return f"{entity_id} ({official.name_fa}, {official.name_en}; {official.title_fa()})"
    table = {"country": kb.countries, "organization": kb.organizations, "place": kb.places}.get(base)
    if table and entity_id in table:
        return f"{entity_id} ({table[entity_id].name_fa}, {table[entity_id].name_en})"
    return entity_id


def explain(text: str, kb: KnowledgeBase, matcher: EntityMatcher, offices: OfficeResolver,
            day: date | None = None) -> list[str]:
    analyzer = matcher.analyzer
    tokens = analyzer.tokens(analyzer.normalize(text))
    keys, encoded = matcher.keys_and_codes(tokens)
    lines = [f"{text!r} is read as the keys {' '.join(keys)!r}"]
    for start, end, candidates, *_ in matcher._longest_spans(encoded):
        words = " ".join(tokens[start:end])
        for kind, entity_id in candidates:
            if kind in ("honorific", "office", "rank"):
                lines.append(f"  {words!r}: {'an' if kind == 'office' else 'a'} {kind} word (introduces a person)")
                continue
            reading = _READINGS.get(kind, kind)
            lines.append(f"  {words!r}: {reading} {_label(kb, kind, entity_id)}")
            if kind == "surname":
                trusted = entity_id in matcher._surname_alone_ok
                why = ("trusted alone" if trusted else
                       "not trusted alone (an everyday word or flagged surname_is_common_word): it needs the "
                       "full name earlier in the article, a title or an honorific beside it")
                lines.append(f"    {why}")
    extraction = matcher.extract(tokens, keys, encoded)
    decided = [f"{kind[:-1] if kind != 'countries' else 'country'} {item['id']}"
               for kind in ("countries", "officials", "organizations", "places")
               for item in getattr(extraction, kind)]
    lines.append("on its own, the enricher tags: " + (", ".join(decided) if decided else "nothing"))
    for mention in offices.mentions(tokens, keys):
        if mention.scope == BARE:  # named bare: Iran's in an article set in Iran (OfficeResolver.resolve)
            mention = OfficeMention(mention.office, "IR", mention.start, mention.end, mention.text + " (bare)")
        holders = offices.holders.get((mention.office, mention.scope), [])
        lines.append(f"  {mention.text!r}: the office {mention.office} of {mention.scope}, held by "
                     + (", ".join(f"{t.official} ({t.earliest_start or '…'} – {t.latest_end or 'now'})"
                                  for t in holders) or "nobody the knowledge base knows"))
        if day:
            holder = offices.holder(mention.office, mention.scope, day)
            lines.append(f"    on {day}: " + (holder or "nobody surely (no holder known, or a hand-over)"))
    if len(lines) == 2 and not extraction.officials:
        lines += [f"  contains the text: {hit}" for hit in containing(kb, analyzer.normalize(text))[:10]]
    return lines


def containing(kb: KnowledgeBase, normalized: str) -> list[str]:
    """Entries whose names contain the text (a hint when nothing matches exactly)."""
    needle = normalized.replace("\u200c", "").replace(" ", "")
    hits = []
    for kind, table in (("official", kb.officials), ("organization", kb.organizations),
                        ("country", kb.countries), ("place", kb.places)):
        for entry in table.values():
            if any(needle and needle in n.replace("\u200c", "").replace(" ", "") for n in entry.names):
                hits.append(f"{kind} {_label(kb, kind, entry.id)}")
    return hits
