"""Following feeds: `python -m search watch sources.toml` polls each listed feed with conditional requests,
indexes the items that are new or changed, and keeps what it has seen (item ids with a hash of their content,
ETag and Last-Modified per feed) in a state file. The state is saved after a feed's items are indexed, never
before, so a crash or restart repeats at most that feed's round (harmless: ids are stable, a re-send replaces)
and misses nothing. A feed that fails is reported and tried again next round; the others go on.

sources.toml:
    interval_minutes = 15          # between rounds (without --once)
    timeout_seconds = 20
    per_host_delay_seconds = 2     # between two requests to one host
    fetch_pages = false            # fetch each new item's page for its full text

    [[feed]]
    url = "https://www.example.ir/rss"
    source = "ایرنا"               # optional; else the known outlet of the feed's domain
    fetch_pages = true             # optional, per feed
"""

from __future__ import annotations

import hashlib
import json
import os
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from search.intake.fetch import Fetcher, FetchError
from search.intake.outlets import canonical_source, outlet_for_url
from search.intake.readers import read_feed, read_page
from search.model import Article, Reject

SEEN_PER_FEED = 20_000  # enough for months of a busy agency feed; the oldest are forgotten first


@dataclass(frozen=True)
class FeedConfig:
    url: str
    source: str | None = None
    fetch_pages: bool = False


@dataclass(frozen=True)
class WatchConfig:
    feeds: tuple[FeedConfig, ...]
    interval_minutes: float = 15.0
    timeout_seconds: float = 20.0
    per_host_delay_seconds: float = 2.0


def load_config(path: Path) -> WatchConfig:
    """The sources file, checked: a mistake stops with one sentence naming the key."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ValueError(f"{path}: no such file") from None
    except tomllib.TOMLDecodeError as error:
        raise ValueError(f"{path}: not valid TOML ({error})") from None
    feeds = data.get("feed", [])
    if not isinstance(feeds, list) or not feeds:
        raise ValueError(f"{path}: list at least one [[feed]] with a url")
    default_pages = bool(data.get("fetch_pages", False))
    configs = []
    for number, feed in enumerate(feeds, 1):
        url = feed.get("url") if isinstance(feed, dict) else None
        if not isinstance(url, str) or not url.startswith(("http://", "https://")):
            raise ValueError(f"{path}: feed {number} needs a url starting with http:// or https://")
        configs.append(FeedConfig(url, canonical_source(feed.get("source")), bool(feed.get("fetch_pages", default_pages))))
    numbers = {}
    for key, default in (("interval_minutes", 15.0), ("timeout_seconds", 20.0), ("per_host_delay_seconds", 2.0)):
        value = data.get(key, default)
        if not isinstance(value, (int, float)) or value < 0:
            raise ValueError(f"{path}: {key} must be a number of 0 or more")
        numbers[key] = float(value)
    return WatchConfig(tuple(configs), **numbers)


@dataclass
class FeedState:
    etag: str | None = None
    last_modified: str | None = None
    seen: dict[str, str] = field(default_factory=dict)  # item id -> content hash
    failures: int = 0  # consecutive
    last_error: str | None = None
    last_success: str | None = None


class WatchState:
    """Per feed: validators, seen items, failures. Written atomically (a temporary file renamed over it)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.feeds: dict[str, FeedState] = {}
        if path.exists():
            try:
                data = json.loads(path.read_text(encoding="utf-8"))
            except json.JSONDecodeError as error:
                raise ValueError(f"state file {path} is damaged ({error}); move it away to start afresh") from None
            self.feeds = {url: FeedState(**fields) for url, fields in data.get("feeds", {}).items()}

    def feed(self, url: str) -> FeedState:
        return self.feeds.setdefault(url, FeedState())

    def save(self) -> None:
        data = {"feeds": {url: vars(state) for url, state in self.feeds.items()}}
        temporary = self.path.with_name(self.path.name + ".tmp")
        temporary.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
        os.replace(temporary, self.path)


@dataclass
class FeedOutcome:
    url: str
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    not_modified: bool = False
    rejected: int = 0
    error: str | None = None
    page_errors: list[str] = field(default_factory=list)

    def line(self) -> str:
        if self.error:
            return f"{self.url}: FAILED ({self.error}); will retry next round"
        if self.not_modified:
            return f"{self.url}: not modified"
        text = f"{self.url}: {self.new} new, {self.updated} updated, {self.unchanged} unchanged"
        if self.rejected:
            text += f", {self.rejected} rejected"
        if self.page_errors:
            text += f", {len(self.page_errors)} page(s) not fetched (feed text used)"
        return text


def content_hash(article: Article) -> str:
    parts = (article.title, article.body, article.url or "", article.published.isoformat() if article.published else "")
    return hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:16]


Indexer = Callable[[list[Article | Reject]], object]  # indexes a batch; raises if it cannot


def _with_page_text(article: Article, feed: FeedConfig, fetcher: Fetcher, outcome: FeedOutcome) -> Article:
    """The item with its page's full text when the page has more than the feed gave."""
    if not article.url:
        return article
    try:
        response = fetcher.get(article.url)
    except FetchError as error:
        outcome.page_errors.append(str(error))
        return article
    page = next(iter(read_page(response.body, article.url, url=article.url, source=article.source)), None)
    if not isinstance(page, Article) or len(page.body) <= len(article.body):
        return article
    return Article(id=article.id, body=page.body, title=article.title or page.title, source=article.source,
                   published=article.published or page.published, url=article.url, origin=article.origin,
                   notes=page.notes)


def poll_feed(feed: FeedConfig, state: FeedState, fetcher: Fetcher, index: Indexer) -> FeedOutcome:
    """One feed, one round: fetch (conditionally), index what is new or changed, then update `state`."""
    outcome = FeedOutcome(feed.url)
    try:
        response = fetcher.get(feed.url, etag=state.etag, last_modified=state.last_modified)
        if response.not_modified:
            outcome.not_modified = True
        else:
            source = feed.source or outlet_for_url(feed.url)
            batch: list[Article | Reject] = []
            hashes: dict[str, str] = {}
            for item in read_feed(response.body, feed.url, feed_url=feed.url, source=source):
                if isinstance(item, Reject):
                    if not item.origin.startswith(feed.url + "#"):  # the feed itself is unreadable
                        raise FetchError(item.reason)
                    outcome.rejected += 1
                    batch.append(item)
                    continue
                digest = content_hash(item)
                if state.seen.get(item.id) == digest:
                    outcome.unchanged += 1
                    continue
                if item.id in state.seen:
                    outcome.updated += 1
                else:
                    outcome.new += 1
                hashes[item.id] = digest
                batch.append(_with_page_text(item, feed, fetcher, outcome) if feed.fetch_pages else item)
            if batch:
                index(batch)
            for item_id, digest in hashes.items():
                state.seen.pop(item_id, None)
                state.seen[item_id] = digest  # most recent last, so the oldest are forgotten first
            for stale in list(state.seen)[:-SEEN_PER_FEED]:
                del state.seen[stale]
        state.etag, state.last_modified = response.etag, response.last_modified
        state.failures, state.last_error = 0, None
        state.last_success = datetime.now(UTC).isoformat(timespec="seconds")
    except FetchError as error:
        outcome.error = str(error)
        state.failures += 1
        state.last_error = str(error)
    return outcome


def run_round(config: WatchConfig, state: WatchState, index: Indexer, fetcher: Fetcher | None = None,
              report: Callable[[str], None] = print) -> list[FeedOutcome]:
    """Every feed once, saving the state after each."""
    fetcher = fetcher or Fetcher(timeout=config.timeout_seconds, per_host_delay=config.per_host_delay_seconds)
    outcomes = []
    for feed in config.feeds:
        outcome = poll_feed(feed, state.feed(feed.url), fetcher, index)
        state.save()
        report(outcome.line())
        outcomes.append(outcome)
    return outcomes
