"""Index lifecycle (versioned index behind an alias) and bulk loading with rejects and progress."""

from __future__ import annotations

import json
import re
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import TypeVar

from elasticsearch import Elasticsearch, NotFoundError
from elasticsearch import exceptions as es_exceptions
from elasticsearch.helpers import expand_action, streaming_bulk

from search.model import Article, Reject
from search.stories import StoryGrouper
from search.wire import WireDoc, to_wire

T = TypeVar("T")

MAPPING_FILE = "articles.json"


def load_mapping() -> dict:
    """mappings/articles.json beside the package (source checkout) or in the working directory (container)."""
    for folder in (Path(__file__).resolve().parent.parent, Path.cwd()):
        path = folder / "mappings" / MAPPING_FILE
        if path.is_file():
            return json.loads(path.read_text(encoding="utf-8"))
    raise FileNotFoundError(f"mappings/{MAPPING_FILE} not found beside the package or in {Path.cwd()}")


def versioned_name(alias: str, version: int) -> str:
    return f"{alias}-v{version}"


def next_version(alias: str, existing: Iterable[str]) -> int:
    pattern = re.compile(rf"^{re.escape(alias)}-v(\d+)$")
    versions = [int(m.group(1)) for name in existing if (m := pattern.match(name))]
    return max(versions, default=0) + 1


def alias_target(client: Elasticsearch, alias: str) -> str | None:
    try:
        indices = list(client.indices.get_alias(name=alias).keys())
    except NotFoundError:
        return None
    return indices[0] if indices else None


def create_versioned_index(client: Elasticsearch, alias: str, mapping: dict | None = None) -> str:
    mapping = mapping or load_mapping()
    existing = client.indices.get(index=f"{alias}-v*", allow_no_indices=True, expand_wildcards="all")
    name = versioned_name(alias, next_version(alias, existing.keys()))
    client.indices.create(index=name, settings=mapping["settings"], mappings=mapping["mappings"])
    return name


def ensure_index(client: Elasticsearch, alias: str, mapping: dict | None = None) -> str:
    """The index behind `alias`, creating `alias-v1` (with `mapping`, default mappings/articles.json) and the
    alias when there is none."""
    target = alias_target(client, alias)
    if target:
        add_missing_fields(client, target)
        return target
    if client.indices.exists(index=alias):
        raise RuntimeError(f"{alias!r} is a concrete index, not an alias; rename it or choose another SEARCH_INDEX.")
    name = create_versioned_index(client, alias, mapping)
    client.indices.put_alias(index=name, name=alias)
    return name


def add_missing_fields(client: Elasticsearch, index: str, mapping: dict | None = None) -> list[str]:
    """Fields the mapping file has gained since `index` was created (story_id, canonical_url, …), added so new
    documents are accepted by its strict mapping; existing fields are left as they are."""
    wanted = (mapping or load_mapping())["mappings"]["properties"]
    current = client.indices.get_mapping(index=index)[index]["mappings"].get("properties", {})
    missing = {name: spec for name, spec in wanted.items() if name not in current}
    if missing:
        client.indices.put_mapping(index=index, properties=missing)
    if "story_id" in missing:
        # each stored article its own story until `reindex` groups them: collapsing on a missing value would
        # fold every older article into one result (the minimal distribution has no _update_by_query)
        client.indices.refresh(index=index)
        ungrouped = {"bool": {"must_not": {"exists": {"field": "story_id"}}}}
        updates = ({"_op_type": "update", "_index": index, "_id": a.id, "doc": {"story_id": a.id}}
                   for a in stored_articles(client, index, ungrouped))
        for _ in streaming_bulk(client, updates, chunk_size=1000, raise_on_error=False):
            pass
        client.indices.refresh(index=index)
    return sorted(missing)


def swap_alias(client: Elasticsearch, alias: str, new_index: str, delete_old: bool = True) -> list[str]:
    """Point `alias` at `new_index` in one atomic request; returns (and optionally deletes) the old indices."""
    try:
        old = list(client.indices.get_alias(name=alias).keys())
    except NotFoundError:
        old = []
    actions: list[dict] = [{"remove": {"index": name, "alias": alias}} for name in old if name != new_index]
    actions.append({"add": {"index": new_index, "alias": alias}})
    client.indices.update_aliases(actions=actions)
    stale = [name for name in old if name != new_index]
    if delete_old and stale:
        client.indices.delete(index=",".join(stale))
    return stale


def delete_alias_and_indices(client: Elasticsearch, alias: str) -> None:
    """Remove the alias and every versioned index of it (tests and `reset`)."""
    client.indices.delete(index=f"{alias}-v*", allow_no_indices=True, expand_wildcards="all")


def bulk_actions(docs: Iterable[dict], index: str) -> Iterator[dict]:
    for doc in docs:
        yield {"_op_type": "index", "_index": index, "_id": doc["id"], "_source": doc}


class ElasticsearchGone(RuntimeError):
    """Elasticsearch stopped answering during a load and did not come back in time; the message says how far
    the load got. Re-running the same command finishes it: documents already indexed are replaced, not
    duplicated."""


@dataclass
class LoadReport:
    read: int = 0
    indexed: int = 0
    rejected: list[Reject] = field(default_factory=list)
    replaced: int = 0  # earlier versions removed because a re-send came under another id but the same URL
    retries: int = 0  # times Elasticsearch was unreachable and the load waited for it

    def summary(self) -> str:
        text = f"read {self.read}, indexed {self.indexed}, rejected {len(self.rejected)}"
        if self.replaced:
            text += f", replaced {self.replaced} earlier version(s) of the same URL"
        if self.retries:
            text += f", waited {self.retries} time(s) for Elasticsearch"
        return text


_UNREACHABLE = (es_exceptions.ConnectionError, es_exceptions.ConnectionTimeout)


def _patiently(action: Callable[[], T], report: LoadReport, wait_seconds: float) -> T:
    """Run `action`, retrying with backoff while Elasticsearch is unreachable (stopped, restarting) for up to
    `wait_seconds`; then ElasticsearchGone."""
    deadline = time.monotonic() + wait_seconds
    pause = 1.0
    while True:
        try:
            return action()
        except _UNREACHABLE as error:
            if time.monotonic() + pause > deadline:
                raise ElasticsearchGone(
                    f"Elasticsearch stopped answering ({error.__class__.__name__}) and did not come back within "
                    f"{wait_seconds:.0f} s; {report.indexed} of {report.read} documents read were indexed. "
                    "Run the same command again to finish: nothing already indexed is duplicated.") from error
            report.retries += 1
            time.sleep(pause)
            pause = min(pause * 2, 10.0)


def story_lookup(client: Elasticsearch, index: str, candidates: int = 10):
    """For each article's band keys, the stored articles sharing most bands (one multi-search per batch)."""
    def lookup(bands_per_article: list[list[str]]) -> list[list[dict]]:
        searches: list[dict] = []
        for bands in bands_per_article:
            searches.append({"index": index})
            searches.append({
                "size": candidates, "_source": ["id", "story_id", "story_signature"],
                "query": {"bool": {"should": [{"constant_score": {"filter": {"term": {"story_bands": b}}}}
                                              for b in bands]}},
            })
        answers = client.msearch(searches=searches)["responses"]
        return [[h["_source"] for h in a.get("hits", {}).get("hits", [])] for a in answers]
    return lookup


def _stored_with_same_url(client: Elasticsearch, index: str, docs: list[WireDoc]) -> list[str]:
    """Ids of stored articles that share a canonical URL with one of `docs` under another id."""
    urls = sorted({d.canonical_url for d in docs if d.canonical_url})
    if not urls:
        return []
    answer = client.search(index=index, size=10_000, _source=False, query={"bool": {
        "filter": [{"terms": {"canonical_url": urls}}],
        "must_not": [{"ids": {"values": [d.id for d in docs]}}]}})
    return [hit["_id"] for hit in answer["hits"]["hits"]]


def load(
    client: Elasticsearch,
    index: str,
    items: Iterable[dict | WireDoc | Reject],
    report: LoadReport | None = None,
    on_progress: Callable[[int], None] | None = None,
    chunk_size: int = 500,
    grouper: StoryGrouper | None = None,
    wait_seconds: float = 120.0,
) -> LoadReport:
    """Bulk-index documents in batches: each batch gets its story ids, replaces earlier versions of the same
    URL, and is retried as a whole while Elasticsearch is unreachable (429s are retried with backoff by
    streaming_bulk). Rejects passed in and documents Elasticsearch refuses end up in the report.

    Documents come as dicts (Enricher.document) or already serialised (WireDoc, from
    `enrich_in_parallel(..., wire=True)`): those go into the bulk body as they are, with their story id."""
    report = report or LoadReport()
    grouper = grouper or StoryGrouper(story_lookup(client, index))
    ids_by_url: dict[str, str] = {}  # this load's documents, which a search cannot see while refresh is off

    def batches() -> Iterator[list[WireDoc]]:
        batch: dict[str, WireDoc] = {}
        batch_ids_by_url: dict[str, str] = {}
        for item in items:
            report.read += 1
            if isinstance(item, Reject):
                report.rejected.append(item)
                if on_progress:
                    on_progress(1)
                continue
            if isinstance(item, dict):
                item = to_wire(item)
            url = item.canonical_url
            earlier = item.id if item.id in batch else batch_ids_by_url.get(url) if url else None
            if earlier is not None:  # a re-send within the batch (same id or same URL): the later version wins
                del batch[earlier]
                report.indexed += 1
                if on_progress:
                    on_progress(1)
            batch[item.id] = item
            if url:
                batch_ids_by_url[url] = item.id
            if len(batch) >= chunk_size:
                yield list(batch.values())
                batch, batch_ids_by_url = {}, {}
        if batch:
            yield list(batch.values())

    settings_before = _patiently(lambda: loading_settings(client, index), report, wait_seconds)
    # With refresh off, searches see only what was searchable when the load began: into an empty index (a
    # rebuild, a reindex) the story and same-URL look-ups would find nothing, so they are not sent. This
    # load's own documents are matched in memory either way (the grouper, ids_by_url).
    stored = _patiently(lambda: _searchable_count(client, index, wait_seconds), report, wait_seconds) > 0

    def expand(action: dict | tuple[WireDoc, str]):
        """streaming_bulk's expand_action_callback: a document goes out as its serialised source."""
        if isinstance(action, dict):
            return expand_action(action)
        doc, story_id = action
        return {"index": {"_index": index, "_id": doc.id}}, doc.source(story_id)

    def send(docs: list[WireDoc], stories: list[str], stale: set[str]) -> list:
        return _patiently(lambda: list(streaming_bulk(
            client, [*_delete_actions(stale, index), *zip(docs, stories)], chunk_size=len(docs) + len(stale),
            expand_action_callback=expand, max_retries=5, initial_backoff=1, raise_on_error=False,
            raise_on_exception=True,
        )), report, wait_seconds)

    def settle(docs: list[WireDoc], stories: list[str], results: list) -> None:
        by_id = {d.id: (d, story) for d, story in zip(docs, stories)}
        for ok, result in results:
            if "delete" in result:
                report.replaced += result["delete"].get("result") == "deleted"
                continue
            info = result.get("index", {})
            doc, story = by_id.get(str(info.get("_id")), (None, None))
            if ok:
                report.indexed += 1
                if doc and doc.canonical_url:
                    ids_by_url[doc.canonical_url] = doc.id
            else:
                error = info.get("error", {})
                reason = error.get("reason") if isinstance(error, dict) else str(error)
                report.rejected.append(
                    Reject((doc.origin if doc else "") or str(info.get("_id")), f"Elasticsearch refused it: {reason}",
                           doc.source(story).decode("utf-8", "surrogatepass") if doc else "")
                )
            if on_progress:
                on_progress(1)

    # One bulk request in flight on a thread while this thread takes the next batch from the enrichment
    # workers and groups its stories, so Elasticsearch and enrichment work at the same time. Batches still go
    # out one after the other: a batch's same-URL replacements depend on what the previous one indexed.
    try:
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="bulk") as sender:
            in_flight: tuple[list[WireDoc], list[str], Future] | None = None
            for docs in batches():
                keyed = [(d.id, d.story_bands, d.story_signature) for d in docs]
                stories = _patiently(lambda: grouper.story_ids(keyed, look_up_stored=stored), report, wait_seconds)
                if in_flight:
                    settle(in_flight[0], in_flight[1], in_flight[2].result())
                stale = {ids_by_url[d.canonical_url] for d in docs
                         if d.canonical_url in ids_by_url and ids_by_url[d.canonical_url] != d.id}
                if stored:
                    stale |= set(_patiently(lambda: _stored_with_same_url(client, index, docs), report, wait_seconds))
                stale -= {d.id for d in docs}
                in_flight = (docs, stories, sender.submit(send, docs, stories, stale))
            if in_flight:
                settle(in_flight[0], in_flight[1], in_flight[2].result())
    finally:
        try:
            restore_settings(client, index, settings_before)
        except _UNREACHABLE:
            pass  # Elasticsearch is gone; the next load restores them (see loading_settings)
    return report


def _searchable_count(client: Elasticsearch, index: str, wait_seconds: float) -> int:
    """Documents a search of `index` sees, once its shards are started (just after a restart they are not)."""
    try:
        client.cluster.health(index=index, wait_for_status="yellow", timeout=f"{max(1, int(wait_seconds))}s")
    except es_exceptions.ApiError as error:
        if error.meta.status != 408:  # 408: still not started; the count below says what is wrong
            raise
    return client.count(index=index)["count"]


def _delete_actions(ids: Iterable[str], index: str) -> Iterator[dict]:
    for doc_id in sorted(ids):
        yield {"_op_type": "delete", "_index": index, "_id": doc_id}


# Index settings during a load, and what a load found left over by an interrupted one (restored to the default).
# Refresh off: no searchable segments are cut mid-load (the load refreshes once at the end). Translog
# durability async: the translog is fsynced every 5 s instead of at the end of every bulk request; a node
# crash can lose the last seconds of a load, which re-running the same command re-sends (ids are stable).
# Replicas are left as configured: dropping them on a live index means copying it whole again afterwards.
LOADING_SETTINGS = {"refresh_interval": "-1", "translog.durability": "async"}


def loading_settings(client: Elasticsearch, index: str) -> dict[str, str | None]:
    """Switch `index` to LOADING_SETTINGS; returns the settings to restore afterwards (restore_settings)."""
    current = client.indices.get_settings(index=index, flat_settings=True).get(index, {}).get("settings", {})
    before: dict[str, str | None] = {}
    for name, loading in LOADING_SETTINGS.items():
        value = current.get(f"index.{name}")
        before[name] = None if value == loading else value  # left so by an interrupted load: the default
    client.indices.put_settings(index=index, settings={"index": dict(LOADING_SETTINGS)})
    return before


def restore_settings(client: Elasticsearch, index: str, before: dict[str, str | None]) -> None:
    """Undo loading_settings and make the load searchable (one refresh)."""
    client.indices.put_settings(index=index, settings={"index": before})
    client.indices.refresh(index=index)


def write_rejects(rejects: list[Reject], path: Path) -> None:
    with path.open("w", encoding="utf-8") as handle:
        for reject in rejects:
            handle.write(json.dumps(reject.as_dict(), ensure_ascii=False) + "\n")


def progress_bar(total: int | None, description: str):
    """A tqdm bar on stderr (disabled when stderr is not a terminal and CI asks for quiet logs)."""
    from tqdm import tqdm

    return tqdm(total=total, desc=description, unit="doc", file=sys.stderr, disable=None)


# -- reindex: the stored articles, re-enriched into a new index -------------------------------------------------

# What an Article is rebuilt from; a `_source` trimmed for size must keep these fields.
STORED_ARTICLE_FIELDS = ("id", "title", "body", "source", "published", "url", "origin", "notes", "entities.origin")


def stored_articles(client: Elasticsearch, index: str, query: dict | None = None, page_size: int = 500,
                    ) -> Iterator[Article]:
    """Every article stored in `index` (matching `query`), read through a point in time in _doc order."""
    pit = client.open_point_in_time(index=index, keep_alive="5m")["id"]
    try:
        search_after = None
        while True:
            answer = client.search(
                pit={"id": pit, "keep_alive": "5m"}, size=page_size, sort=["_shard_doc"],
                query=query or {"match_all": {}}, source_includes=list(STORED_ARTICLE_FIELDS),
                search_after=search_after)
            hits = answer["hits"]["hits"]
            if not hits:
                return
            pit = answer.get("pit_id", pit)
            for hit in hits:
                yield article_from_stored(hit["_source"])
            search_after = hits[-1]["sort"]
    finally:
        try:
            client.close_point_in_time(id=pit)
        except (NotFoundError, *_UNREACHABLE):
            pass


def article_from_stored(source: dict) -> Article:
    published = source.get("published")
    return Article(
        id=source["id"], body=source.get("body") or "", title=source.get("title") or "", source=source.get("source"),
        published=date.fromisoformat(published[:10]) if published else None, url=source.get("url"),
        origin=source.get("origin") or source.get("entities", {}).get("origin", ""),
        notes=tuple(source.get("notes") or ()),
    )


@dataclass
class ReindexReport:
    old_index: str
    new_index: str
    old_count: int
    new_count: int
    load: LoadReport
    swapped: bool


def reindex(client: Elasticsearch, alias: str, enrich: Callable[[Iterable[Article]], Iterable[dict | Reject]],
            keep_old: bool = False, on_progress: Callable[[int], None] | None = None, mapping: dict | None = None,
            ) -> ReindexReport:
    """Re-enrich every stored article into `alias`-v<N+1> and swap the alias when the counts match. Searches
    use the old index meanwhile; articles indexed into it during the copy are copied in a second pass.
    `enrich` turns a stream of articles into their documents in order (search.parallel.enrich_in_parallel, as
    `index` does it)."""
    old = alias_target(client, alias)
    if old is None:
        raise RuntimeError(f"{alias!r} points at no index; index some articles first.")
    client.indices.refresh(index=old)
    new = create_versioned_index(client, alias, mapping)  # mapping: shards/replicas from the configuration
    started = datetime.now(UTC) - timedelta(seconds=5)
    grouper = StoryGrouper(story_lookup(client, new))
    report = LoadReport()
    try:
        load(client, new, enrich(stored_articles(client, old)), report, on_progress, grouper=grouper)
        client.indices.refresh(index=old)
        late = {"range": {"indexed_at": {"gte": started.isoformat(timespec="seconds")}}}
        load(client, new, enrich(stored_articles(client, old, late)), report, on_progress, grouper=grouper)
        client.indices.refresh(index=new)
        old_count, new_count = client.count(index=old)["count"], client.count(index=new)["count"]
    except BaseException:
        client.indices.delete(index=new, ignore_unavailable=True)
        raise
    swapped = old_count == new_count and not report.rejected
    if swapped:
        swap_alias(client, alias, new, delete_old=not keep_old)
    else:
        client.indices.delete(index=new)
    return ReindexReport(old, new, old_count, new_count, report, swapped)
