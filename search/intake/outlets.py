"""Which outlet published an article: from its feed or site (the domain, through the table of known outlets in
search/data/outlets.json), else from a credit naming a known outlet (به گزارش خبرنگار مهر, به نقل از ایرنا,
تهران - ایرنا -), else nothing. Never from other free text: the words after «گزارش» are as often a clause
(«گزارش شده که امروز …») as a name. Pure."""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from importlib import resources
from urllib.parse import urlsplit

from search.analysis import normalize

# How far into the body a credit may appear (the dateline sits in the first sentence)
_CREDIT_WINDOW = 240


@dataclass(frozen=True)
class Outlet:
    name: str
    domains: tuple[str, ...]
    credits: tuple[str, ...]


@functools.cache
def outlets() -> tuple[Outlet, ...]:
    with resources.files("search").joinpath("data/outlets.json").open(encoding="utf-8") as handle:
        data = json.load(handle)
    return tuple(Outlet(o["name"], tuple(o["domains"]), tuple(o["credits"])) for o in data["outlets"])


def _fold(text: str) -> str:
    """Normalised, ZWNJ and spaces collapsed: «بی‌بی‌سی» and «بی بی سی» and «بيبيسي» compare equal."""
    return "".join(normalize(text).replace("\u200c", " ").split()).lower()


@functools.cache
def _names() -> dict[str, str]:
    """Every known name and credit, folded -> canonical name."""
    names: dict[str, str] = {}
    for outlet in outlets():
        for name in (outlet.name, *outlet.credits):
            names.setdefault(_fold(name), outlet.name)
    return names


def canonical_source(name: str | None) -> str | None:
    """A source as given by the data (a JSONL field, a feed's title) under its one canonical name when the
    outlet is known («خبرنگار مهر», «مهر نیوز» -> «خبرگزاری مهر»); unknown names are kept as given."""
    if not name or not name.strip():
        return None
    folded = _fold(name)
    for prefix in ("خبرنگار", "خبرگزاری", "گروه"):
        if folded not in _names() and folded.startswith(prefix) and folded[len(prefix):] in _names():
            folded = folded[len(prefix):]
    return _names().get(folded, " ".join(name.split()))


def outlet_for_url(url: str | None) -> str | None:
    """The known outlet publishing at this address (subdomains and, for shared hosts, the path prefix)."""
    if not url:
        return None
    parts = urlsplit(url)
    host = (parts.hostname or "").lower().removeprefix("www.")
    path = parts.path.lower()
    best: tuple[int, str] | None = None
    for outlet in outlets():
        for domain in outlet.domains:
            domain_host, _, prefix = domain.partition("/")
            if (host == domain_host or host.endswith("." + domain_host)) and path.startswith("/" + prefix if prefix else "/"):
                if best is None or len(domain) > best[0]:
                    best = (len(domain), outlet.name)
    return best[1] if best else None


@functools.cache
def _credit_pattern() -> re.Pattern:
    credits = sorted({normalize(c) for o in outlets() for c in (o.name, *o.credits)}, key=len, reverse=True)
    # a space in a name may be typed as a space, a half-space or nothing
    names = "|".join(r"[\s\u200c]*".join(map(re.escape, c.replace("\u200c", " ").split())) for c in credits)
    lead = r"(?:به\s+گزارش|به\s+نقل\s+از|گزارش\s+می[\s\u200c]*دهد|منبع\s*:)"
    desk = r"(?:(?:خبرنگار|گروه\s+\S+|سرویس\s+\S+|پایگاه\s+خبری|روزنامه|خبرگزاری)\s+)*"
    end = r"(?=[\s\u200c]*(?:[،,:.\-–)]|\s(?:از|در|به|و)\s|$))"
    return re.compile(
        rf"(?:{lead}\s+{desk}(?P<credited>{names}){end})"
        rf"|(?:^[^\n]{{0,40}}?[-–]\s*(?P<dateline>{names})\s*[-–])"  # تهران - ایرنا - / ایرنا - تهران -
        rf"|(?:^\s*(?P<opening>{names})\s*[-–:])",
        re.MULTILINE,
    )


def credited_source(body: str) -> str | None:
    """The known outlet a report credits in its first lines, or None."""
    head = normalize(body[:_CREDIT_WINDOW])
    match = _credit_pattern().search(head)
    if not match:
        return None
    name = match.group("credited") or match.group("dateline") or match.group("opening")
    return _names().get(_fold(name))


def resolve_source(given: str | None, url: str | None, body: str) -> str | None:
    """The source given by the data or feed, else the outlet of the URL, else a credited known outlet."""
    return canonical_source(given) or outlet_for_url(url) or credited_source(body)
