"""Index lifecycle (versioned index behind an alias) and bulk loading with rejects and progress."""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from elasticsearch import Elasticsearch, NotFoundError
from elasticsearch.helpers import streaming_bulk

from search.model import Reject

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
        return target
    if client.indices.exists(index=alias):
        raise RuntimeError(f"{alias!r} is a concrete index, not an alias; rename it or choose another SEARCH_INDEX.")
    name = create_versioned_index(client, alias, mapping)
    client.indices.put_alias(index=name, name=alias)
    return name


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


@dataclass
class LoadReport:
    read: int = 0
    indexed: int = 0
    rejected: list[Reject] = field(default_factory=list)

    def summary(self) -> str:
        return f"read {self.read}, indexed {self.indexed}, rejected {len(self.rejected)}"


def load(
    client: Elasticsearch,
    index: str,
    items: Iterable[dict | Reject],
    report: LoadReport | None = None,
    on_progress: Callable[[int], None] | None = None,
    chunk_size: int = 500,
) -> LoadReport:
    """Bulk-index documents; Rejects passed in and documents Elasticsearch refuses end up in the report."""
    report = report or LoadReport()
    docs_by_id: dict[str, dict] = {}

    def documents() -> Iterator[dict]:
        for item in items:
            report.read += 1
            if isinstance(item, Reject):
                report.rejected.append(item)
                if on_progress:
                    on_progress(1)
                continue
            docs_by_id[item["id"]] = item
            yield item

    refresh_before = _disable_refresh(client, index)
    try:
        for ok, result in streaming_bulk(
            client, bulk_actions(documents(), index), chunk_size=chunk_size, max_retries=5,
            initial_backoff=1, raise_on_error=False, raise_on_exception=False,
        ):
            info = result.get("index", {})
            doc = docs_by_id.pop(str(info.get("_id")), None)
            if ok:
                report.indexed += 1
            else:
                error = info.get("error", {})
                reason = error.get("reason") if isinstance(error, dict) else str(error)
                origin = (doc or {}).get("entities", {}).get("origin", "") if doc else ""
                report.rejected.append(
                    Reject(origin or str(info.get("_id")), f"Elasticsearch refused it: {reason}",
                           json.dumps(doc, ensure_ascii=False) if doc else "")
                )
            if on_progress:
                on_progress(1)
    finally:
        _restore_refresh(client, index, refresh_before)
    return report


def _disable_refresh(client: Elasticsearch, index: str) -> str | None:
    settings = client.indices.get_settings(index=index, name="index.refresh_interval")
    before = settings.get(index, {}).get("settings", {}).get("index", {}).get("refresh_interval")
    client.indices.put_settings(index=index, settings={"index": {"refresh_interval": "-1"}})
    return before


def _restore_refresh(client: Elasticsearch, index: str, before: str | None) -> None:
    client.indices.put_settings(index=index, settings={"index": {"refresh_interval": before}})
    client.indices.refresh(index=index)


def write_rejects(rejects: list[Reject], path: Path) -> None:
    with path.open("w", encoding="utf-8") as handle:
        for reject in rejects:
            handle.write(json.dumps(reject.as_dict(), ensure_ascii=False) + "\n")


def progress_bar(total: int | None, description: str):
    """A tqdm bar on stderr (disabled when stderr is not a terminal and CI asks for quiet logs)."""
    from tqdm import tqdm

    return tqdm(total=total, desc=description, unit="doc", file=sys.stderr, disable=None)
