"""Who held an office on the article's day: `وزیر خارجه روسیه`, `دبیرکل ناتو`, `رئیس‌جمهور کشورمان` resolved to
the official whose role covers the publication date. Pure: tokens, keys and a date in; officials out.

Precision before recall: a mention is resolved only when the office is named with its country or organisation
(or one the office implies), nothing qualifies it (سابق, منتخب, سرپرست, معاون …), no other person is named right
beside it, and exactly one official's role surely covers the date (a role dated to the month or year is only
sure inside that span, so a hand-over month resolves to nobody).
"""

from __future__ import annotations

import calendar
import functools
import json
from dataclasses import dataclass
from datetime import date
from importlib import resources

from search.entities.kb import DATA, KnowledgeBase

_COMMAS = frozenset({"،", ","})
_LIST_JOINERS = frozenset({"و", "،", ","})
_SENTENCE_ENDS = frozenset({".", "!", "؟", "?", "\n", "؛"})
_MAX_SCOPE_WORDS = 6
# a verb of saying after an office mention ends the part of its sentence that tells whose office it is
_SPEECH_VERBS = frozenset({"گفت", "افزود", "میگوید", "گفته", "تصریح", "خاطرنشان"})
# the scope of a government office named bare (`رئیس‌جمهور`, `سخنگوی دولت`): the home country's, see resolve
BARE = "?"
# plural office forms name several holders (وزرای خارجه ایران و روسیه): a list of countries may follow
_PLURAL_HEADS = frozenset({"وزرای", "وزیران", "روسای", "رؤسای", "رئیسان", "نخست‌وزیران", "دبیران"})


@functools.cache
def office_catalogue() -> dict:
    with resources.files(DATA).joinpath("data/offices.json").open(encoding="utf-8") as handle:
        return json.load(handle)


def date_bounds(value: str | None, *, end: bool) -> date | None:
    """'2024', '2024-08' or '2024-08-21' -> the first (or, with end=True, the last) day it can mean."""
    if not value:
        return None
    parts = [int(p) for p in str(value).split("-")]
    year = parts[0]
    month = parts[1] if len(parts) > 1 else (12 if end else 1)
    if len(parts) > 2:
        return date(year, month, parts[2])
    return date(year, month, calendar.monthrange(year, month)[1] if end else 1)


@dataclass(frozen=True)
class Tenure:
    official: str
    earliest_start: date | None  # None: unknown, assumed long ago
    latest_start: date | None
    earliest_end: date | None  # None: still in office
    latest_end: date | None

    def surely_covers(self, day: date) -> bool:
        return (self.latest_start is None or self.latest_start <= day) and \
            (self.earliest_end is None or day <= self.earliest_end)

    def may_cover(self, day: date) -> bool:
        return (self.earliest_start is None or self.earliest_start <= day) and \
            (self.latest_end is None or day <= self.latest_end)


def tenure(official_id: str, role: dict) -> Tenure:
    return Tenure(official_id, date_bounds(role.get("from"), end=False), date_bounds(role.get("from"), end=True),
                  date_bounds(role.get("to"), end=False), date_bounds(role.get("to"), end=True))


@dataclass(frozen=True)
class OfficeMention:
    office: str  # office id from offices.json
    scope: str  # ISO country code or "org:<id>"
    start: int
    end: int
    text: str


class OfficeResolver:
    """Finds office mentions in an article's token keys and resolves them by date."""

    def __init__(self, kb: KnowledgeBase, key_of) -> None:
        self.kb = kb
        catalogue = office_catalogue()
        self._forms: dict[str, dict] = {}
        for office in catalogue["offices"]:
            for form in office["forms"]:
                self._forms[key_of(form)] = office
        self._max_form = max(k.count(" ") + 1 for k in self._forms)
        # where a form can start, and the most words a form starting there has
        self._form_words: dict[str, int] = {}
        for k in self._forms:
            first = k.split(" ")[0]
            self._form_words[first] = max(self._form_words.get(first, 0), k.count(" ") + 1)
        self._first_words = frozenset(self._form_words)
        self._before = {key_of(q) for q in catalogue["qualifiers_before"]}
        self._after = {key_of(q) for q in catalogue["qualifiers_after"]}
        self._max_after = max(k.count(" ") + 1 for k in self._after)
        self._countries: dict[str, str] = {}
        for country in kb.countries.values():
            for name in country.names:
                self._countries.setdefault(key_of(name), country.id)
        self._organizations: dict[str, str] = {}
        for org in kb.organizations.values():
            for name in org.names:
                self._organizations.setdefault(key_of(name), org.id)
        self._scope_first_words = frozenset(k.partition(" ")[0] for k in (*self._countries, *self._organizations))
        # capitals stand for their country where an envoy is posted (سفیر ایران در بغداد = in Iraq)
        self._capitals: dict[str, str] = {}
        for place in kb.places.values():
            if getattr(place, "capital", False):
                for name in place.names:
                    self._capitals.setdefault(key_of(name), place.country)
        self._own = {key_of(w) for w in catalogue["own_country"]}
        self._current = {key_of(w) for w in catalogue.get("current", ())}
        self._predicates = {key_of(w) for w in catalogue.get("predicates_after", ())}
        self._hosts = {key_of(w) for w in catalogue.get("complement_of", ())}
        self._this = {key_of(w) for w in catalogue["this_country"]}
        # offices several people hold at once in some countries (China's foreign-ministry spokespeople)
        self.shared = {(office, scope) for office, scopes in catalogue.get("shared", {}).items()
                       if office != "about" for scope in scopes}
        # org id -> (country, since): a movement's offices are its country's once it governs (see offices.json)
        self._governing = {org: (entry["country"], date_bounds(entry["from"], end=False))
                           for org, entry in catalogue.get("governing", {}).items() if org != "about"}
        # (office, scope) -> tenures of everyone who held it
        self.holders: dict[tuple[str, str], list[Tenure]] = {}
        for official in kb.officials.values():
            for role in official.roles:
                office = self.office_of_title(role.get("title_fa", ""), official.country, key_of)
                if office:
                    self.holders.setdefault(office, []).append(tenure(official.id, role))

    # -- parsing -----------------------------------------------------------------------------------------

    def office_of_title(self, title: str, own_country: str, key_of) -> tuple[str, str] | None:
        """A role title -> (office id, scope): `نخست‌وزیر هلند` is the Netherlands' head of government whoever
        holds it; `وزیر امور خارجه` alone is the official's own country's."""
        keys = key_of(title).split(" ") if title else []
        match = self._form_at(keys, 0)
        if not match:
            return None
        office, end = match
        scope = self._scope_at(keys, end)
        if office.get("posted"):  # سفیر ایران در عراق: sender and host
            posting = self._posting_at(keys, scope[1]) if scope else None
            if posting and posting[1] == len(keys):
                return office["id"], f"{scope[0]}@{posting[0]}"
            return None
        if scope and scope[1] == len(keys):
            return office["id"], scope[0]
        if end != len(keys):
            return None  # a longer title (وزیر امور خارجه و …) is some other office
        if office.get("country"):
            return office["id"], office["country"]
        # an office that needs its country named in a text (امیر alone is a rank) takes the official's own country in
        # a role title: Tamim's `امیر` is Qatar's emir
        if office.get("organization") or not own_country.isupper():
            return None
        return office["id"], own_country

    def _form_at(self, keys: list[str], i: int) -> tuple[dict, int] | None:
        # no form starting with this word has more words than _form_words says (a key may hold a space, never fewer
        # than one word)
        longest = self._form_words.get(keys[i], self._max_form) if i < len(keys) else 0
        for length in range(min(longest, len(keys) - i), 0, -1):
            office = self._forms.get(" ".join(keys[i:i + length]))
            if office:
                return office, i + length
        return None

    def _scope_at(self, keys: list[str], i: int, stop: int | None = None) -> tuple[str, int] | None:
        """The country or organisation named at `i` (ending by `stop`, default the end of `keys`): (scope, end)."""
        stop = len(keys) if stop is None else min(stop, len(keys))
        if i >= stop or keys[i].partition(" ")[0] not in self._scope_first_words:
            return None  # no country or organisation name starts here (most positions): no phrase joined
        for length in range(min(_MAX_SCOPE_WORDS, stop - i), 0, -1):
            phrase = " ".join(keys[i:i + length])
            if phrase in self._countries:
                return self._countries[phrase], i + length
            if phrase in self._organizations:
                return "org:" + self._organizations[phrase], i + length
        return None

    def _posting_at(self, keys: list[str], i: int) -> tuple[str, int] | None:
        """`در عراق` or `در بغداد` after an envoy's country: (host country, end)."""
        if i >= len(keys) or keys[i] != "در":
            return None
        scope = self._scope_at(keys, i + 1)
        if scope and not scope[0].startswith("org:"):
            return scope
        for length in (2, 1):
            country = self._capitals.get(" ".join(keys[i + 1:i + 1 + length]))
            if country and i + 1 + length <= len(keys):
                return country, i + 1 + length
        return None

    def _qualified_after(self, keys: list[str], i: int) -> bool:
        return any(" ".join(keys[i:i + n]) in self._after for n in range(1, self._max_after + 1))

    def mentions(self, tokens: list[str], keys: list[str], strict: bool = True,
                 forms: list[tuple[dict, int, int]] | None = None) -> list[OfficeMention]:
        """Office mentions; strict=False keeps qualified ones too (معاون رئیس‌جمهور فرانسه still names France's
        presidency: evidence that a bare رئیس‌جمهور of the same article may not be Iran's). `forms`: the keys'
        forms_in, when already found."""
        found: list[OfficeMention] = []
        for office, start, end in self.forms_in(keys) if forms is None else forms:
            found.extend(self._mentions_from(office, tokens, keys, start, end, strict))
        return found

    def forms_in(self, keys: list[str]) -> list[tuple[dict, int, int]]:
        """(office, start, end) of each office form in the keys, leftmost-longest, not overlapping. Only the
        positions of a word a form starts with are tried (one set look-up per key, in a comprehension)."""
        first_words = self._first_words
        found = []
        end = 0
        for i in [i for i, key in enumerate(keys) if key in first_words]:
            if i < end:
                continue
            match = self._form_at(keys, i)
            if match:
                found.append((match[0], i, match[1]))
                end = match[1]
        return found

    def _qualified_before(self, tokens: list[str], keys: list[str], start: int) -> bool:
        """معاون وزیر, and معاون عربی و آفریقایی وزیر: a qualifier up to four words back in the same phrase."""
        for b in range(start - 1, max(-1, start - 5), -1):
            if keys[b] in self._before or tokens[b] in self._before:
                return True
            if keys[b] in _SENTENCE_ENDS or keys[b] in _COMMAS or keys[b] in self._predicates:
                return False
        return False

    def _mentions_from(self, office: dict, tokens: list[str], keys: list[str], start: int,
                       end: int, strict: bool = True) -> list[OfficeMention]:
        if strict and start > 0 and self._qualified_before(tokens, keys, start):
            return []
        if strict and self._qualified_after(keys, end):
            return []
        found, qualified = self._mentions_at(office, tokens, keys, start, end, strict)
        return [] if strict and qualified else found

    def _mentions_at(self, office: dict, tokens: list[str], keys: list[str], start: int, end: int,
                     strict: bool = True) -> tuple[list[OfficeMention], bool]:
        """(the mentions of an office form, whether a qualifier after its scope (وزیر خارجه فرانسه سابق) makes
        the strict pass drop them); the qualifiers before and right after the form are the caller's to test.
        With strict=False the qualifier after the scope is not looked for."""
        scopes: list[str] = []
        stop = end
        plural = tokens[start] in _PLURAL_HEADS
        while True:
            if stop < len(keys) and keys[stop] in self._current and self._scope_at(keys, stop + 1):
                stop += 1  # رئیس‌جمهور کنونی پرو
            scope = self._scope_at(keys, stop)
            if scope is None:
                own = self._own_or_this(tokens, keys, stop, start)
                if own is None:
                    break
                scope = own
            scopes.append(scope[0])
            stop = scope[1]
            if not (plural and stop + 1 < len(keys) and keys[stop] in _LIST_JOINERS):
                break
            stop += 1
        if scopes and keys[stop - 1] in _LIST_JOINERS:
            stop -= 1
        if office.get("posted"):  # an envoy: one sender, then where it is posted; nothing less resolves
            posting = self._posting_at(keys, stop) if len(scopes) == 1 else None
            if posting is None:
                return [], False
            scopes, stop = [f"{scopes[0]}@{posting[0]}"], posting[1]
        qualified = False
        if not scopes:
            if office.get("country") and not office.get("organization"):
                scopes = [office["country"]]
            elif not office.get("organization") and not office.get("needs_scope") and not plural \
                    and not (start and keys[start - 1] == "و"):
                # the article's home country's, if the article has one (resolve); not a title in a list of one
                # person's titles (فرمانده کل ارتش و وزیر دفاع) nor several holders (وزرای خارجه دو کشور)
                scopes = [BARE]
            else:
                return [], False
        elif strict:
            qualified = self._qualified_after(keys, stop)
        if stop < len(keys) and keys[stop] in self._predicates and not (start and keys[start - 1] in self._hosts):
            return [], qualified  # شویگو … وزیر دفاع روسیه بود: the office is said of a named person, at another time
        joined = self._scope_at(keys, stop + 1) if not plural and stop + 1 < len(keys) and \
            keys[stop] in _LIST_JOINERS else None
        if joined and (office["id"], joined[0]) in self.holders:
            return [], qualified  # وزیر خارجه فرانسه و آلمان: one title, two countries (not دبیرکل سازمان ملل و شورای امنیت:
            # the Security Council has no secretary-general, so the title is the UN's alone)
        text = " ".join(tokens[start:stop])
        return [OfficeMention(office["id"], scope, start, stop, text) for scope in scopes], qualified

    def _own_or_this(self, tokens: list[str], keys: list[str], i: int, office_start: int) -> tuple[str, int] | None:
        if i < len(tokens) and tokens[i].replace("\u200c", "") in {"کشورمان"}:
            return "IR", i + 1
        for length in (2, 1):
            phrase = " ".join(tokens[i:i + length])
            if phrase in self._own:
                return "IR", i + length
            if " ".join(keys[i:i + length]) in self._this:
                country = self._last_country_before(keys, office_start)
                return (country, i + length) if country else None
        return None

    def _last_country_before(self, keys: list[str], before: int) -> str | None:
        """The country `این کشور` points back to: the one country named in its sentence before it (or, when the
        sentence names none, in the sentence before); two candidates (فرانسه … استرالیا … این کشور) are too many."""
        sentence_start = before
        for _ in range(2):
            end = sentence_start
            while sentence_start > 0 and keys[sentence_start - 1] not in _SENTENCE_ENDS:
                sentence_start -= 1
            named = self._countries_in(keys, sentence_start, end)
            if named:
                return named.pop() if len(named) == 1 else None
            sentence_start -= 1
            if sentence_start <= 0:
                break
        return None

    def _countries_in(self, keys: list[str], start: int, end: int) -> set[str]:
        named: set[str] = set()
        first_words = self._scope_first_words
        i = start
        # only where a name may start (_scope_at's first test, here in one comprehension)
        for at in [at for at in range(start, min(end, len(keys))) if keys[at].partition(" ")[0] in first_words]:
            if at < i:
                continue  # inside the country named before
            scope = self._scope_at(keys, at, end)
            if scope and not scope[0].startswith("org:"):
                named.add(scope[0])
                i = scope[1]
        return named

    def _foreign_sentence(self, keys: list[str], start: int, end: int, home: str, foreign_named) -> bool:
        first, last = start, end
        while first > 0 and keys[first - 1] not in _SENTENCE_ENDS:
            first -= 1
        while last < len(keys) and keys[last] not in _SENTENCE_ENDS and keys[last] not in _SPEECH_VERBS:
            last += 1  # what the speaker then says (… گفت شکست آمریکا در افغانستان …) is not who the office is
        if self._countries_in(keys, first, last) - {home}:
            return True
        return bool(foreign_named and foreign_named(first, last))

    # -- resolution --------------------------------------------------------------------------------------

    def holder(self, office: str, scope: str, day: date) -> str | None:
        """The one official surely in the office on that day, or None when nobody or more than one may be."""
        if (office, scope) in self.shared:
            return None
        governing = self._governing.get(scope.removeprefix("org:")) if scope.startswith("org:") else None
        if governing:
            if day < governing[1]:
                return None
            scope = governing[0]
        possible = [t for t in self.holders.get((office, scope), ()) if t.may_cover(day)]
        if len(possible) == 1 and possible[0].surely_covers(day):
            return possible[0].official
        return None

    def resolve(self, tokens: list[str], keys: list[str], day: date | None,
                named_beside: "callable[[int, int], set[str] | None]",
                home: str | None = None,
                foreign_named: "callable[[int, int], bool] | None" = None) -> list[tuple[str, OfficeMention]]:
        """(official id, mention) for each office mention resolved on `day`. `named_beside(start, end)` gives the
        officials named right next to the mention (None when someone not in the knowledge base is): the name in
        the text wins over the date. A government office named bare (`رئیس‌جمهور نیز … دستور داد`) is the `home`
        country's (the Persian press's own government: the caller passes Iran when the article is set there),
        unless the article also names that office of another country (`رئیس‌جمهور آمریکا … رئیس‌جمهور گفت`) or
        its sentence names another country or one of its officials (`foreign_named(start, end)`: `بربوک از حزب سبزها
        وزیر خارجه … شده‌اند` is Germany's)."""
        if day is None:
            return []
        forms = self.forms_in(keys)
        if not forms:
            return []  # an article that names no office: nothing more to read
        # each form read once for both passes: the strict mentions, and (qualified ones too) the offices of other
        # countries the article names
        mentions: list[OfficeMention] = []
        foreign: set[str] = set()
        for office, start, end in forms:
            found, qualified = self._mentions_at(office, tokens, keys, start, end)
            foreign.update(m.office for m in found if m.scope not in (BARE, home))
            if not qualified and not (start > 0 and self._qualified_before(tokens, keys, start)) \
                    and not self._qualified_after(keys, end):
                mentions.extend(found)
        resolved = []
        for mention in mentions:
            if mention.scope == BARE:
                if home is None or mention.office in foreign or self._foreign_sentence(
                        keys, mention.start, mention.end, home, foreign_named):
                    continue
                mention = OfficeMention(mention.office, home, mention.start, mention.end, mention.text)
            official = self.holder(mention.office, mention.scope, day)
            if official is None:
                continue
            beside = named_beside(mention.start, mention.end)
            if beside is None or (beside and official not in beside):
                continue
            resolved.append((official, mention))
        return resolved


def names_beside(matcher, tokens: list[str], keys: list[str], encoded: str, discovered: list[str]):
    """`named_beside` for OfficeResolver.resolve: the knowledge-base officials whose name (or surname) ends right
    before an office mention or starts right after it (a comma between allowed), None when a discovered person
    stands there instead."""
    before: dict[int, set[str]] = {}
    after: dict[int, set[str]] = {}

    @functools.cache
    def index_names() -> None:  # only articles with a resolvable office mention pay for this pass
        for start, end, candidates, *_ in matcher._longest_spans(encoded):
            ids = {i for k, i in candidates if k in ("official", "surname")}
            if ids:
                before.setdefault(end, set()).update(ids)
                after.setdefault(start, set()).update(ids)
    discovered_starts = {d.split(" ")[0] for d in discovered}
    discovered_ends = {d.split(" ")[-1] for d in discovered}

    def beside(start: int, end: int) -> set[str] | None:
        index_names()
        left = start - 1 if start > 0 and keys[start - 1] in _COMMAS else start
        right = end + 1 if end < len(keys) and keys[end] in _COMMAS else end
        named = before.get(left, set()) | after.get(right, set())
        if named:
            return named
        if (right < len(tokens) and tokens[right] in discovered_starts) or \
                (left > 0 and tokens[left - 1] in discovered_ends):
            return None
        return set()

    return beside


_NAME_PREFIXES = ("سید", "سیده")


def short_name_of(discovered: str, names: tuple[str, ...]) -> bool:
    """`سید حسن هاشمی` for حسن قاضی‌زاده هاشمی: a two-word name that is a known name of three or more words
    without its middle (the given name and the last word of the family name), سید aside."""
    words = [w for w in discovered.split() if w not in _NAME_PREFIXES]
    if len(words) != 2:
        return False
    for name in names:
        full = [w for w in name.split() if w not in _NAME_PREFIXES]
        if len(full) >= 3 and full[0] == words[0] and full[-1].split("\u200c")[-1] == words[1]:
            return True
    return False


def tag_office_holders(extraction, resolved: list, official_output: dict[str, dict]) -> None:
    """Adds each resolved holder to the extraction's officials, saying how it was found: `found_by` is "name"
    (the knowledge base's name), "pattern" (discovered) or "office" (only named by office on the article's day);
    `offices` lists the office phrases that pointed at the person."""
    for official in extraction.officials:
        official.setdefault("found_by", "pattern" if official.get("discovered") else "name")
    by_id = {o["id"]: o for o in extraction.officials}
    for official_id, mention in resolved:
        entry = by_id.get(official_id)
        if entry is None:
            entry = by_id[official_id] = {**official_output[official_id], "mentions": 0, "found_by": "office"}
            extraction.officials.append(entry)
        if entry["found_by"] == "office":
            entry["mentions"] += 1
        entry.setdefault("offices", [])
        if mention.text not in entry["offices"]:
            entry["offices"].append(mention.text)
