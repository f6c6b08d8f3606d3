"""A real three-node cluster (scripts/dev-es with DEV_ES_NODES=3, security and transport TLS on) loses a node
while articles are being indexed and searches are being served: nothing is lost or doubled, every search still
answers with everything that was searchable before, and /api/health says the cluster is degraded.

The cluster runs on its own free loopback ports with its own DEV_ES_HOME under /var/tmp (never the shared
server), is bounded in time and data, and is stopped and its data deleted at the end."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import threading
import time
import uuid
import zlib
from dataclasses import replace
from pathlib import Path

import pytest

from search import indexer
from search.cluster import index_mapping
from search.config import Settings
from search.es import connect
from search.generate import generate
from search.model import Article
from search.parallel import enrich_in_parallel, enrich_serially
from search.sources import parse_published
from tests.conftest import ROOT

pytestmark = pytest.mark.integration

NODES = 3
ARTICLES = 1500
BEFORE_LOAD = 500    # indexed and searchable before the fault
STOP_AFTER = 250     # of the articles loaded during the fault
DEV_ES = ROOT / "scripts" / "dev-es"


def _free(port: int) -> bool:
    with socket.socket() as probe:
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def _free_base_port() -> int:
    for base in range(9430, 9900, 10):
        if all(_free(base + i) and _free(base + 100 + i) for i in range(NODES)):
            return base
    raise RuntimeError("no free loopback ports for a 3-node cluster between 9430 and 9900")


@pytest.fixture(scope="module")
def cluster_env():
    # one folder per checkout, reused across runs for the unpacked distribution and certificates
    home = Path(f"/var/tmp/persian-news-cluster-test-{zlib.crc32(str(ROOT).encode()):x}")
    for node in home.glob("node-*"):
        shutil.rmtree(node, ignore_errors=True)  # a fresh cluster every run
    env = {k: v for k, v in os.environ.items() if k not in ("ES_URL", "ES_USERNAME", "ES_PASSWORD", "ES_API_KEY")}
    env.update(ES_URL=f"http://127.0.0.1:{_free_base_port()}", DEV_ES_NODES=str(NODES), DEV_ES_HOME=str(home),
               DEV_ES_HEAP=os.environ.get("DEV_ES_CLUSTER_HEAP", "384m"), DEV_ES_DOCKER="never")
    started = subprocess.run([str(DEV_ES), "start"], env=env, capture_output=True, text=True, timeout=600)
    try:
        assert started.returncode == 0, f"the 3-node cluster did not start:\n{started.stderr[-3000:]}"
        exported = dict(line.removeprefix("export ").split("=", 1) for line in started.stdout.splitlines()
                        if line.startswith("export "))
        yield env, exported
    finally:
        subprocess.run([str(DEV_ES), "stop"], env=env, capture_output=True, text=True, timeout=300)
        for node in home.glob("node-*"):
            shutil.rmtree(node, ignore_errors=True)


def _articles() -> list[Article]:
    return [Article(id=a["id"], title=a["title"], body=a["body"], source=a["source"],
                    published=parse_published(a["published"]), url=a["url"]) for a in generate(ARTICLES, seed=11)]


def test_a_node_lost_during_a_load_and_a_query_loop(cluster_env):
    env, exported = cluster_env
    urls = exported["ES_URL"].split(",")
    assert len(urls) == NODES
    settings = replace(Settings.from_env({"ES_URL": exported["ES_URL"], "ES_USERNAME": exported["ES_USERNAME"],
                                          "ES_PASSWORD": exported["ES_PASSWORD"]}),
                       index_alias=f"fault-{uuid.uuid4().hex[:8]}", shards=3, replicas=1)
    client = connect(settings)
    assert client.cluster.health()["number_of_nodes"] == NODES
    mapping = index_mapping(settings)
    # keep the lost node's replicas unassigned for the test's length (Elasticsearch would re-replicate them onto
    # the two survivors after a minute), so that the health report is checked while the cluster is degraded
    mapping["settings"]["index.unassigned.node_left.delayed_timeout"] = "10m"
    target = indexer.ensure_index(client, settings.index_alias, mapping)
    articles = _articles()
    first = indexer.load(client, target, enrich_serially(articles[:BEFORE_LOAD]))
    assert first.indexed == BEFORE_LOAD and not first.rejected

    from web import create_app

    http = create_app(settings).test_client()
    answers: list[tuple[float, int, int | None]] = []  # (time, HTTP status, total of the match-everything query)
    loop_done = threading.Event()

    def query_loop():
        queries = ("", "نفت", "وزیر امور خارجه", "ایران")
        deadline = time.monotonic() + 300
        number = 0
        while not loop_done.is_set() and time.monotonic() < deadline:
            query = queries[number % len(queries)]
            response = http.get("/api/search", query_string={"q": query, "size": 3})
            total = (response.get_json() or {}).get("total", -1) if response.status_code == 200 else -1
            answers.append((time.monotonic(), response.status_code, total if query == "" else None))
            number += 1

    stopped_at: list[float] = []

    loaded_when_stopped: list[int] = []

    def stop_first_node():  # node-1 is the first URL the clients know: they must fail over to the others
        result = subprocess.run([str(DEV_ES), "stop-node", "1"], env=env, capture_output=True, text=True, timeout=120)
        assert result.returncode == 0, result.stderr
        stopped_at.append(time.monotonic())
        loaded_when_stopped.append(seen)

    stopper = threading.Thread(target=stop_first_node)
    seen = 0

    def progress(count: int):
        nonlocal seen
        seen += count
        if seen >= STOP_AFTER and not stopper.is_alive() and not stopped_at:
            stopper.start()

    def feed():
        for article in articles[BEFORE_LOAD:]:
            if stopper.is_alive():  # the node is going down: keep writing, slowly, until it is gone
                time.sleep(0.03)
            yield article

    querier = threading.Thread(target=query_loop)
    querier.start()
    try:
        # small bulk requests, so that some are in flight while the node stops
        report = indexer.load(client, target, enrich_in_parallel(feed(), workers=2, batch_size=16),
                              on_progress=progress, chunk_size=50)
        stopper.join(timeout=180)
        assert stopped_at, "node-1 was not stopped during the load"
        while sum(1 for t, *_ in answers if t > stopped_at[0]) < 20 and querier.is_alive():
            time.sleep(0.2)
    finally:
        loop_done.set()
        querier.join(timeout=60)

    assert loaded_when_stopped[0] < ARTICLES - BEFORE_LOAD, "the load ended before the node was gone"
    # every article indexed exactly once
    assert not report.rejected, report.rejected[:3]
    assert report.indexed == ARTICLES - BEFORE_LOAD
    client.indices.refresh(index=target)
    assert client.count(index=target)["count"] == ARTICLES
    distinct = client.search(index=target, size=0, aggs={"ids": {"cardinality": {"field": "id",
                                                                                  "precision_threshold": 10000}}})
    assert distinct["aggregations"]["ids"]["value"] == ARTICLES

    # searches kept answering, before, during and after the loss, with nothing that was searchable missing
    after_stop = [a for a in answers if a[0] > stopped_at[0]]
    assert len(after_stop) >= 20
    assert [a for a in answers if a[1] != 200] == []
    assert all(total >= BEFORE_LOAD for _, _, total in answers if total is not None)

    health = http.get("/api/health").get_json()
    assert health["status"] == "degraded" and health["cluster"]["cluster_status"] == "yellow", health
    assert health["cluster"]["nodes"] == NODES - 1 and health["cluster"]["unassigned_shards"] > 0
    everything = http.get("/api/search", query_string={"q": "", "size": 1}).get_json()
    assert everything["total"] == ARTICLES
    indexer.delete_alias_and_indices(client, settings.index_alias)
