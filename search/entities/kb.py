"""The knowledge base: countries, officials, organisations, places and topics, loaded from the package's data
files. Facet values are these stable ids; labels shown to users come from here, never from the index."""

from __future__ import annotations

import functools
import hashlib
import json
from dataclasses import dataclass, field, replace
from importlib import resources

from search.analysis import ZWNJ, normalize
from search.entities.variants import spelling_variants

DATA = "search.entities"


def data_folder(folder=None):
    """The folder the data files are read from: the package's own, or another (a copy being edited, a fixture)."""
    return folder if folder is not None else resources.files(DATA).joinpath("data")


def _read_json(name: str, folder=None):
    with data_folder(folder).joinpath(name).open(encoding="utf-8") as handle:
        return json.load(handle)


def _read_jsonl(name: str, folder=None) -> list[dict]:
    with data_folder(folder).joinpath(name).open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


@dataclass(frozen=True)
class Country:
    id: str
    name_fa: str
    name_en: str
    names: tuple[str, ...]  # every form that means the country on its own
    ambiguous: frozenset[str] = frozenset()  # forms that need corroboration (ترک, چین)
    aliases_en: tuple[str, ...] = ()  # English name and transliteration variants (data/names_en.json)


@dataclass(frozen=True)
class Official:
    id: str
    name_fa: str
    name_en: str
    country: str
    roles: tuple[dict, ...]
    names: tuple[str, ...]
    surname: str | None
    surname_is_common_word: bool
    aliases_en: tuple[str, ...] = ()  # English name and transliteration variants (data/names_en.json)
    spellings: tuple[str, ...] = ()  # misspellings the press prints (variants.py); matched, never shown

    def title_fa(self) -> str:
        return self.roles[-1].get("title_fa", "") if self.roles else ""


@dataclass(frozen=True)
class Organization:
    id: str
    name_fa: str
    name_en: str
    kind: str
    names: tuple[str, ...]
    ambiguous: frozenset[str] = frozenset()
    aliases_en: tuple[str, ...] = ()  # English name and transliteration variants (data/names_en.json)
    international: bool = False  # an international NGO: followed by a country's name it is someone else


@dataclass(frozen=True)
class Place:
    id: str
    name_fa: str
    name_en: str
    country: str | None
    names: tuple[str, ...]
    ambiguous: bool = False
    capital: bool = False


@dataclass(frozen=True)
class Topic:
    id: str
    label_fa: str
    label_en: str
    cues: dict[str, float]
    entity_cues: dict[str, float]


@dataclass(frozen=True)
class Region:
    """A name that contains a country's name but is not the country (آذربایجان شرقی is an Iranian province)."""

    text: str
    note: str = ""
    # a territory whose name stands for its country in the news (نوار غزه, کرانه باختری: Palestine)
    territory_of: str | None = None


@dataclass
class KnowledgeBase:
    countries: dict[str, Country] = field(default_factory=dict)
    officials: dict[str, Official] = field(default_factory=dict)
    organizations: dict[str, Organization] = field(default_factory=dict)
    places: dict[str, Place] = field(default_factory=dict)
    topics: dict[str, Topic] = field(default_factory=dict)
    regions: list[Region] = field(default_factory=list)
    as_of: str = ""  # the day the roles were last audited (data/meta.json)
    version: str = ""  # a hash of every data file: documents record it, /api/health compares it

    def label(self, facet: str, value: str) -> str:
        """Persian label of a facet value (falls back to the value itself)."""
        if facet == "countries" and value in self.countries:
            return self.countries[value].name_fa
        if facet == "officials":
            if value in self.officials:
                return self.officials[value].name_fa
            if value.startswith("fa:"):
                return value[3:]
        if facet == "organizations" and value in self.organizations:
            return self.organizations[value].name_fa
        if facet == "topics" and value in self.topics:
            return self.topics[value].label_fa
        if facet == "places" and value in self.places:
            return self.places[value].name_fa
        return value

    def label_en(self, facet: str, value: str) -> str | None:
        table = {"countries": self.countries, "officials": self.officials, "organizations": self.organizations,
                 "places": self.places}.get(facet)
        if table is not None and value in table:
            return table[value].name_en
        if facet == "topics" and value in self.topics:
            return self.topics[value].label_en
        return None


def _clean(names) -> tuple[str, ...]:
    return tuple(dict.fromkeys(n for n in (normalize(x) for x in names if x) if n))


def _press_forms(name: str) -> list[str]:
    """The forms the press writes a CLDR name in: `میانمار (برمه)` as میانمار and برمه, `کنگو - کینشاسا` as
    کنگو کینشاسا, `ماکائو، منطقهٔ ویژهٔ اداری چین` as ماکائو, a half-spaced name also spaced (سری لانکا,
    مونته نگرو), افریقا also as آفریقا."""
    forms = [name]
    if "(" in name:
        outer, _, inner = name.partition("(")
        forms += [outer.strip(), inner.rstrip(")").strip()]
    if "،" in name:
        forms.append(name.partition("،")[0].strip())
    forms += [" ".join(f.replace("-", " ").split()) for f in list(forms) if "-" in f]
    forms += [f.replace("\u200c", " ") for f in list(forms) if "\u200c" in f]
    forms += [f.replace("افریق", "آفریق") for f in list(forms) if "افریق" in f]
    return [f for f in dict.fromkeys(forms) if f]


def _countries(folder=None) -> tuple[dict[str, Country], list[Region]]:
    base = _read_json("countries.json", folder)
    extra = _read_json("countries_extra.json", folder)
    countries = {}
    for code, entry in base.items():
        more = extra.get(code, {})
        names = _clean([*_press_forms(entry["name_fa"]), *more.get("long_forms", []), *more.get("adjectives", []),
                        *more.get("press_names", [])])
        countries[code] = Country(code, normalize(entry["name_fa"]), entry["name_en"], names,
                                  frozenset(_clean(more.get("ambiguous", []))))
    regions = [Region(normalize(r["text"]), r.get("note", ""), r["country"] if r.get("territory") else None)
               for r in extra.get("_regions", [])]
    return countries, regions


def _officials(folder=None) -> dict[str, Official]:
    officials = {}
    for row in _read_jsonl("officials.jsonl", folder):
        surname = normalize(row["surname"]) if row.get("surname") else None
        officials[row["id"]] = Official(
            id=row["id"], name_fa=normalize(row["name_fa"]), name_en=row["name_en"], country=row["country"],
            roles=tuple(row.get("roles", [])), names=_clean([row["name_fa"], *row.get("aliases", [])]),
            surname=surname, surname_is_common_word=bool(row.get("surname_is_common_word", True)),
            spellings=_spellings([row["name_fa"], *row.get("aliases", [])], row["country"] in ARAB_COUNTRIES),
        )
    return _without_middle_names(officials)


_PARTICLES = frozenset({"بن", "ابن", "بنت", "آل", "ال", "ابو", "ام", "سید", "سیده", "شیخ", "عبد", "دو", "فون", "دی",
                        "دا", "د", "لو", "لا", "وان"})


def _without_middle_names(officials: dict[str, Official]) -> dict[str, Official]:
    """An Arabic three-word name (given name, father's name, family name with ال) printed without the father's name
    (محمد الجلالی for محمد غازی الجلالی) is a spelling too, when no other official has or could have that name.
    Persian three-word names are compound given names (علی اکبر ولایتی): without the middle, someone else."""
    claimed: dict[str, set[str]] = {}
    for official in officials.values():
        for name in (*official.names, *official.spellings):
            claimed.setdefault(name.replace(ZWNJ, ""), set()).add(official.id)
    candidates: dict[str, set[str]] = {}
    for official in officials.values():
        for name in official.names:
            words = name.split()
            if len(words) == 3 and not _PARTICLES & set(words) and words[2].startswith("ال") and len(words[2]) > 4:
                candidates.setdefault(f"{words[0]} {words[2]}".replace(ZWNJ, ""), set()).add(official.id)
    extra: dict[str, list[str]] = {}
    for short, ids in candidates.items():
        if len(ids) == 1 and not claimed.get(short, set()) - ids:
            extra.setdefault(next(iter(ids)), []).append(short)
    return {key: replace(o, spellings=tuple(dict.fromkeys([*o.spellings, *(n for n in extra.get(key, ())
                                                                          if n not in o.names)])))
            for key, o in officials.items()}


# Arab League members (and Arab movements' staff, listed under their country): family names with or without ال-
ARAB_COUNTRIES = frozenset("SA AE QA KW BH OM YE IQ SY LB JO PS EG LY TN DZ MA SD MR SO DJ KM".split())


def _spellings(names: list[str], arabic: bool = False) -> tuple[str, ...]:
    exact = set(_clean(names))
    return tuple(v for v in _clean(sorted({v for n in names for v in spelling_variants(normalize(n), arabic)}))
                 if v not in exact)


def _organizations(folder=None) -> dict[str, Organization]:
    return {
        row["id"]: Organization(row["id"], normalize(row["name_fa"]), row["name_en"], row.get("kind", ""),
                                _clean([row["name_fa"], *row.get("aliases", [])]),
                                frozenset(_clean(row.get("ambiguous_aliases", []))),
                                international=bool(row.get("international")))
        for row in _read_jsonl("organizations.jsonl", folder)
    }


def _places(folder=None) -> dict[str, Place]:
    return {
        row["id"]: Place(row["id"], normalize(row["name_fa"]), row["name_en"], row.get("country"),
                         _clean([row["name_fa"], *row.get("aliases", [])]), bool(row.get("ambiguous")),
                         bool(row.get("capital")))
        for row in _read_jsonl("places.jsonl", folder)
    }


def _topics(folder=None) -> dict[str, Topic]:
    return {
        row["id"]: Topic(row["id"], row["label_fa"], row["label_en"],
                         {normalize(k): float(v) for k, v in row.get("cues", {}).items()},
                         dict(row.get("entity_cues", {})))
        for row in _read_json("topics.json", folder)["topics"]
    }


def data_version(folder=None) -> str:
    """A short hash of the knowledge base's data files: any edit gives a new version."""
    digest = hashlib.sha256()
    for entry in sorted(data_folder(folder).iterdir(), key=lambda e: e.name):
        if entry.name.endswith((".json", ".jsonl")):
            digest.update(entry.name.encode() + b"\0" + entry.read_bytes() + b"\0")
    return digest.hexdigest()[:12]


def _with_english_names(table: dict, names: dict[str, list[str]]) -> dict:
    """Each entry with its `aliases_en`: the English name first, then the variants."""
    return {key: replace(entry, aliases_en=tuple(dict.fromkeys([entry.name_en, *names.get(key, ())])))
            for key, entry in table.items()}


def load_kb_from(folder=None) -> KnowledgeBase:
    """The knowledge base in `folder` (default: the package's data), read afresh."""
    countries, regions = _countries(folder)
    meta = _read_json("meta.json", folder) if data_folder(folder).joinpath("meta.json").is_file() else {}
    english = _read_json("names_en.json", folder) if data_folder(folder).joinpath("names_en.json").is_file() else {}
    return KnowledgeBase(_with_english_names(countries, english.get("countries", {})),
                         _with_english_names(_officials(folder), english.get("officials", {})),
                         _with_english_names(_organizations(folder), english.get("organizations", {})),
                         _places(folder), _topics(folder), regions, as_of=meta.get("as_of", ""),
                         version=data_version(folder))


@functools.cache
def load_kb() -> KnowledgeBase:
    return load_kb_from()


def name_words() -> set[str]:
    """Every single word of every entity name: the Analyzer must not stem these (ایران must stay ایران)."""
    kb = load_kb()
    words: set[str] = set()
    for table in (kb.countries, kb.officials, kb.organizations, kb.places):
        for entry in table.values():
            for name in entry.names:
                words.update(name.split())
    for official in kb.officials.values():
        if official.surname:
            words.add(official.surname)
    return {w for w in words if len(w) > 2}
