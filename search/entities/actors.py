"""A capital standing for its government: `پکن اعلام کرد`, `مسکو هشدار داد`, `روابط تهران و ریاض`, `لندن و
پاریس از این تصمیم حمایت کردند`. Pure, over the matcher's spans. The rule:

- one capital opening a clause and followed by a political verb (at most three words between: واشنگتن با
  احتیاط واکنش نشان داد) is its country;
- two or more capitals listed with و or ، are all countries after a word of relations between states (روابط,
  مذاکرات, میان, مخالفت …), or when the list opens a clause whose verb is political;
- otherwise a capital is a place: `در تهران اعلام کرد` (someone acting there), `مذاکرات وین`, `نشست آستانه`
  (a venue), `راهی دوحه و قاهره` (a trip), `استان تهران`, the dateline.
"""

from __future__ import annotations

# verbs of a government's statements and acts, as the matcher's keys (first word)
POLITICAL_VERBS = ("اعلام", "هشدار", "خواستار", "تاکید", "محکوم", "واکنش", "تکذیب", "مدعی", "پذیرفت", "متهم",
                   "حمایت", "مخالفت", "تهدید", "درخواست", "اخطار", "اعتراض", "موافقت", "تحریم", "پاسخ", "ادعا",
                   "انکار", "تایید", "استقبال")
RELATION_WORDS = ("رابطه", "روابط", "مناسبات", "مذاکره", "مذاکرات", "گفتوگو", "گفتوگوهای", "میان", "بین", "تنش",
                  "تنشها", "توافق", "اختلاف", "اختلافات", "نزدیکی", "آشتی", "محور", "مخالفت", "حمایت", "اعتراض",
                  "موضع", "مواضع", "فشار")
_GAP = 3  # words allowed between a capital and its verb: واشنگتن با احتیاط واکنش نشان داد
_CLAUSE_STARTS = frozenset({"", ".", "،", ",", "\n", ":", "«", "؛", "و", "اما", "ولی", "سپس"})
_SENTENCE_ENDS = frozenset({".", "\n", "؟", "!", "؛"})
_CLAUSE_WINDOW = 10  # keys after a pair in which its political verb must come


def capital_actors(spans: list[tuple], keys: list[str], capital_country: dict[str, str],
                   political: frozenset[str], relations: frozenset[str]) -> list[tuple[int, int, str, str]]:
    """(start, end, "country", code) for each capital used as its country. `spans` are the matcher's
    (start, end, candidates, nested, kind, id); `capital_country` maps a capital's place id to its country."""
    # an ambiguous capital (ریاض is also a given name) counts too: the rules below are the context it needs
    capitals = [(start, end, capital_country[entity_id]) for start, end, _, _, kind, entity_id in spans
                if entity_id in capital_country and (kind == "place" or kind == "place?")]
    if not capitals:
        return []
    found = []
    in_pairs = set()
    # lists of capitals joined by و or ، (بغداد، تهران، آنکارا و واشنگتن)
    groups: list[list[tuple[int, int, str]]] = []
    for capital in capitals:
        if groups and capital[0] == groups[-1][-1][1] + 1 and keys[groups[-1][-1][1]] in ("و", "،", ","):
            groups[-1].append(capital)
        else:
            groups.append([capital])
    for group in (g for g in groups if len(g) > 1):
        first, last = group[0], group[-1]
        in_pairs |= {s for s, _, _ in group}
        before = keys[first[0] - 1] if first[0] else ""
        window = keys[last[1]:last[1] + _CLAUSE_WINDOW]
        clause = window[:next((i for i, k in enumerate(window) if k in _SENTENCE_ENDS), len(window))]
        if before in relations or (before in _CLAUSE_STARTS and any(k in political for k in clause)):
            found += [(s, e, "country", c) for s, e, c in group]
    for start, end, country in capitals:
        if start in in_pairs:
            continue
        before = keys[start - 1] if start else ""
        if before not in _CLAUSE_STARTS:
            continue
        for after in range(end, min(end + _GAP + 1, len(keys))):
            if keys[after] in political:
                found.append((start, end, "country", country))
                break
            if keys[after] in _SENTENCE_ENDS or keys[after] in ("،", ","):
                break
    return found
