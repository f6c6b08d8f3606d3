"""`python -m search kb check`: what is wrong with the knowledge base's data files, before it reaches the index.

Errors (exit status 1): a line that is not JSON, a missing field, an id used twice, a malformed or reversed role
date, two people in a single-holder office at once, one name given to two entities of the same kind.
Warnings: a name shared across kinds, and an alias or trusted surname that is an everyday Persian word (it will
fire on ordinary text unless it is declared ambiguous).
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from dataclasses import dataclass
from itertools import combinations

from search.analysis import Analyzer
from search.entities.kb import data_folder, load_kb_from
from search.entities.offices import OfficeResolver, date_bounds

DATE = re.compile(r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$")
REQUIRED = {
    "officials.jsonl": ("id", "name_fa", "name_en", "country", "roles"),
    "organizations.jsonl": ("id", "name_fa", "name_en"),
    "places.jsonl": ("id", "name_fa", "name_en"),
}


@dataclass(frozen=True)
class Problem:
    level: str  # "error" or "warning"
    where: str  # file:line
    message: str

    def __str__(self) -> str:
        return f"{self.level.upper():7} {self.where}: {self.message}"


def _rows(folder, name: str, problems: list[Problem]) -> list[tuple[int, dict]]:
    rows = []
    path = data_folder(folder).joinpath(name)
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as error:
            problems.append(Problem("error", f"{name}:{number}", f"not a JSON object: {error.msg}"))
            continue
        if not isinstance(row, dict):
            problems.append(Problem("error", f"{name}:{number}", "not a JSON object"))
            continue
        missing = [f for f in REQUIRED[name] if f not in row or (not row[f] and row[f] != [] and f != "name_en")]
        if missing:
            problems.append(Problem("error", f"{name}:{number}", f"missing {', '.join(missing)}"))
            continue
        if not row["name_en"]:
            problems.append(Problem("warning", f"{name}:{number}", f"{row['id']}: no English name yet (Latin-script "
                                                                   "search and the entity pages need one)"))
        rows.append((number, row))
    return rows


def check(folder=None, analyzer: Analyzer | None = None) -> list[Problem]:
    """Every problem in the data files of `folder` (default: the package's own)."""
    problems: list[Problem] = []
    files = {name: _rows(folder, name, problems) for name in REQUIRED}
    if any(p.level == "error" for p in problems):
        return problems  # fix the syntax first: the checks below need whole rows
    countries = set(json.loads(data_folder(folder).joinpath("countries.json").read_text(encoding="utf-8")))
    org_ids = {row["id"] for _, row in files["organizations.jsonl"]}
    problems += _duplicate_ids(files)
    problems += _role_dates(files["officials.jsonl"], countries | org_ids)
    if any(p.level == "error" for p in problems):
        return problems
    kb = load_kb_from(folder)
    from search.analysis import get_analyzer
    from search.entities.matcher import EntityMatcher

    analyzer = analyzer or get_analyzer()
    matcher = EntityMatcher(kb, analyzer)
    problems += _overlapping_holders(kb, matcher.key_of, files["officials.jsonl"])
    problems += _colliding_names(kb, matcher.key_of, files)
    problems += _everyday_words(kb, analyzer, files)
    problems += _english_names(kb, folder)
    return problems


def _english_names(kb, folder) -> list[Problem]:
    """names_en.json must name existing entries; every entry should have an English name."""
    path = data_folder(folder).joinpath("names_en.json")
    english = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
    problems = []
    for kind, table in (("countries", kb.countries), ("officials", kb.officials),
                        ("organizations", kb.organizations)):
        for entity_id in sorted(set(english.get(kind, {})) - set(table)):
            problems.append(Problem("error", "names_en.json", f"{kind} {entity_id!r} is not in the knowledge base"))
        for entity_id in sorted(set(table) - set(english.get(kind, {}))):
            problems.append(Problem("warning", "names_en.json", f"{kind} {entity_id!r} has no English variants "
                                                               "yet (scripts/build_names_en.py)"))
    return problems


def _duplicate_ids(files: dict[str, list[tuple[int, dict]]]) -> list[Problem]:
    problems = []
    for name, rows in files.items():
        first_seen: dict[str, int] = {}
        for number, row in rows:
            if row["id"] in first_seen:
                problems.append(Problem("error", f"{name}:{number}",
                                        f"id {row['id']!r} is already used on line {first_seen[row['id']]}"))
            first_seen.setdefault(row["id"], number)
    return problems


def _role_dates(officials: list[tuple[int, dict]], scopes: set[str]) -> list[Problem]:
    problems = []
    for number, row in officials:
        where = f"officials.jsonl:{number}"
        if row["country"] not in scopes:
            problems.append(Problem("error", where, f"{row['id']}: country {row['country']!r} is neither a country "
                                                    "code in countries.json nor an organisation id"))
        for role in row["roles"]:
            title = role.get("title_fa", "")
            if not title:
                problems.append(Problem("error", where, f"{row['id']}: a role without title_fa"))
            bad = [f"{k}={role.get(k)!r}" for k in ("from", "to")
                   if role.get(k) is not None and not DATE.match(str(role.get(k)))]
            if bad or (not role.get("from") and role.get("from") is not None):
                problems.append(Problem("error", where, f"{row['id']}: role {title!r} has a date that is not "
                                                        f"YYYY, YYYY-MM or YYYY-MM-DD: {', '.join(bad)}"))
                continue
            start, end = date_bounds(role.get("from"), end=False), date_bounds(role.get("to"), end=True)
            if start and end and end < start:
                problems.append(Problem("error", where, f"{row['id']}: role {title!r} ends ({role['to']}) before "
                                                        f"it starts ({role['from']})"))
    return problems


def _overlapping_holders(kb, key_of, officials: list[tuple[int, dict]]) -> list[Problem]:
    """Two tenures of a single-holder office that surely overlap (a shared hand-over month or year is fine)."""
    line_of = {row["id"]: number for number, row in officials}
    resolver = OfficeResolver(kb, key_of)
    problems = []
    for office, tenures in resolver.holders.items():
        if office in resolver.shared:
            continue
        for a, b in combinations(tenures, 2):
            latest_start = max((t.latest_start for t in (a, b) if t.latest_start), default=None)
            ends = [t.earliest_end for t in (a, b) if t.earliest_end]
            earliest_end = min(ends) if ends else None
            if latest_start is None or earliest_end is None or latest_start < earliest_end:
                who = a.official if a.official == b.official else f"{a.official} and {b.official}"
                problems.append(Problem("error", f"officials.jsonl:{line_of.get(b.official, '?')}",
                                        f"{who} hold {office[0]} ({office[1]}) at the same time: "
                                        f"{_span(a)} and {_span(b)}"))
    return problems


def _span(t) -> str:
    return f"{t.earliest_start or '…'}–{t.latest_end or 'now'}"


def _names_by_entity(kb, files) -> dict[tuple[str, str], tuple[str, ...]]:
    names: dict[tuple[str, str], tuple[str, ...]] = {}
    for kind, table in (("country", kb.countries), ("official", kb.officials), ("organization", kb.organizations),
                        ("place", kb.places)):
        for entry in table.values():
            names[(kind, entry.id)] = entry.names
    return names


def _colliding_names(kb, key_of, files) -> list[Problem]:
    """One name, two entities: the same kind is an error (which one is meant?); across kinds a warning (the
    matcher prefers official > organisation > country > place)."""
    owners: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for entity, names in _names_by_entity(kb, files).items():
        for name in names:
            key = key_of(name)
            if key:
                owners[key].add(entity)
    ambiguous = {("country", c.id): c.ambiguous for c in kb.countries.values()}
    ambiguous |= {("organization", o.id): o.ambiguous for o in kb.organizations.values()}
    ambiguous |= {("place", p.id): p.names for p in kb.places.values() if p.ambiguous}
    problems = []
    for key, entities in sorted(owners.items()):
        if len(entities) < 2:
            continue
        kinds = {kind for kind, _ in entities}
        listed = ", ".join(f"{kind} {entity_id}" for kind, entity_id in sorted(entities))
        same_kind = len(kinds) < len(entities)
        # a country's name inside a place list (کویت the country and the city) is the usual, harmless case
        if not same_kind and kinds <= {"country", "place"}:
            continue
        declared = same_kind and any(key in {key_of(n) for n in ambiguous.get(entity, ())} for entity in entities)
        level = "error" if same_kind and not declared else "warning"
        problems.append(Problem(level, "names", f"{key!r} names {listed}"
                                + (" (declared ambiguous: context decides)" if declared else "")))
    return problems


def _everyday_words(kb, analyzer: Analyzer, files) -> list[Problem]:
    problems = []
    declared = set()
    for country in kb.countries.values():
        declared |= country.ambiguous
    for org in kb.organizations.values():
        declared |= org.ambiguous
    declared |= {name for place in kb.places.values() if place.ambiguous for name in place.names}
    for kind, table in (("official", kb.officials), ("organization", kb.organizations)):
        for entry in table.values():
            for name in entry.names:
                if " " not in name and name not in declared and analyzer.is_common_word(name) \
                        and not name.isascii():
                    problems.append(Problem("warning", f"{kind} {entry.id}",
                                            f"alias {name!r} is an everyday word; declare it ambiguous or drop it"))
    for official in kb.officials.values():
        if official.surname and not official.surname_is_common_word and analyzer.is_common_word(official.surname):
            problems.append(Problem("warning", f"official {official.id}",
                                    f"surname {official.surname!r} is an everyday word but is trusted alone; "
                                    "set surname_is_common_word: true"))
    return problems
