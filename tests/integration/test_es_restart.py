"""Nothing lost when Elasticsearch goes away mid-load. This test starts its own Elasticsearch through the
launcher (scripts/dev-es, another port, its own DEV_ES_HOME under /var/tmp; the shared server is never
touched), stops it while `python -m search index` is loading, and checks that the run says what happened and
that a re-run, started while the server is still down, waits for it and ends with exactly the right documents.
Ctrl-C is tested on the session's server: it only interrupts our own process."""

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import pytest
from elasticsearch import Elasticsearch

from search import indexer

ROOT = Path(__file__).resolve().parents[2]
DEV_ES = ROOT / "scripts" / "dev-es"


def _free_port() -> int:
    for port in range(9250, 9300):
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError("no free port in 9250-9299 for a second Elasticsearch")


def _corpus(path: Path, count: int) -> list[str]:
    ids = [f"r{n:05d}" for n in range(count)]
    with path.open("w", encoding="utf-8") as handle:
        for n, article_id in enumerate(ids):
            handle.write(json.dumps({
                "id": article_id, "title": f"گزارش شماره {n}", "published": "2023-05-14",
                "body": f"به گزارش ایرنا، نشست شماره {n} شورای شهر تهران درباره بودجه سال {1400 + n % 5} و "
                        f"طرح {n * 7} برگزار شد و اعضا درباره پروژه {n * 13} و حمل و نقل عمومی گفت‌وگو کردند.",
            }, ensure_ascii=False) + "\n")
    return ids


class OwnElasticsearch:
    def __init__(self) -> None:
        self.home = Path(tempfile.mkdtemp(dir="/var/tmp", prefix="pns-restart-es-"))
        self.home.chmod(0o755)  # the unprivileged user dev-es runs Elasticsearch as must reach it
        self.url = f"http://127.0.0.1:{_free_port()}"
        self.env = {k: v for k, v in os.environ.items() if k not in ("ES_USERNAME", "ES_PASSWORD", "ES_API_KEY")}
        self.env.update(ES_URL=self.url, DEV_ES_HOME=str(self.home), DEV_ES_HEAP="256m", DEV_ES_DOCKER="never")

    def launcher(self, command: str) -> str:
        done = subprocess.run([str(DEV_ES), command], env=self.env, capture_output=True, text=True, timeout=400)
        assert done.returncode == 0, done.stderr[-2000:]
        return done.stdout

    def start(self) -> None:
        exports = dict(line.removeprefix("export ").split("=", 1) for line in self.launcher("start").splitlines()
                       if line.startswith("export "))
        self.env.update(ES_USERNAME=exports["ES_USERNAME"], ES_PASSWORD=exports["ES_PASSWORD"])

    def client(self) -> Elasticsearch:
        return Elasticsearch(self.url, basic_auth=(self.env["ES_USERNAME"], self.env["ES_PASSWORD"]),
                             request_timeout=30)


@pytest.fixture(scope="module")
def own_es():
    server = OwnElasticsearch()
    try:
        server.start()
        yield server
    finally:
        subprocess.run([str(DEV_ES), "stop"], env=server.env, capture_output=True, timeout=120)
        shutil.rmtree(server.home, ignore_errors=True)


def _index(env: dict, corpus: Path, rejects: Path, *extra: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "search", "index", str(corpus), "--rejects", str(rejects), *extra],
                            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _wait_until_indexing(client: Elasticsearch, index_pattern: str, process: subprocess.Popen, at_least: int) -> None:
    deadline = time.monotonic() + 240
    while time.monotonic() < deadline:
        assert process.poll() is None, "the load ended before it could be interrupted: " + process.stderr.read()
        try:
            stats = client.indices.stats(index=index_pattern, metric="indexing")
            if stats["_all"]["primaries"].get("indexing", {}).get("index_total", 0) >= at_least:
                return
        except Exception:  # noqa: BLE001 (the index may not exist yet)
            pass
        time.sleep(0.2)
    raise AssertionError("the load never got going")


def _exact(client: Elasticsearch, alias: str, ids: list[str]) -> None:
    client.indices.refresh(index=alias)
    assert client.count(index=alias)["count"] == len(ids)
    found = {h["_id"] for h in client.search(index=alias, size=len(ids), _source=False,
                                             query={"match_all": {}})["hits"]["hits"]}
    assert found == set(ids)
    target = indexer.alias_target(client, alias)
    settings = client.indices.get_settings(index=target)[target]["settings"]["index"]
    assert settings.get("refresh_interval") != "-1"  # an interrupted load does not leave refresh off


def test_elasticsearch_stopped_mid_load_then_a_rerun_ends_exact(own_es, tmp_path):
    ids = _corpus(tmp_path / "many.jsonl", 3000)
    alias = f"restart-{uuid.uuid4().hex[:8]}"
    env = {**own_es.env, "SEARCH_INDEX": alias}
    client = own_es.client()

    first = _index(env, tmp_path / "many.jsonl", tmp_path / "r1.jsonl", "--wait", "3")
    _wait_until_indexing(client, f"{alias}-v*", first, at_least=500)
    own_es.launcher("stop")
    _, log = first.communicate(timeout=300)
    assert first.returncode == 3, log[-2000:]
    assert "did not come back" in log and "Run the same command again" in log

    # the re-run starts while Elasticsearch is still down, waits for it, and finishes
    second = _index(env, tmp_path / "many.jsonl", tmp_path / "r2.jsonl", "--wait", "300")
    time.sleep(3)
    own_es.start()
    _, log = second.communicate(timeout=400)
    assert second.returncode == 0, log[-2000:]
    assert f"read {len(ids)}, indexed {len(ids)}, rejected 0" in log
    _exact(own_es.client(), alias, ids)


def test_ctrl_c_mid_load_then_a_rerun_ends_exact(es, es_settings, fresh_alias, tmp_path):
    ids = _corpus(tmp_path / "many.jsonl", 2000)
    env = {**os.environ, "SEARCH_INDEX": fresh_alias}
    first = _index(env, tmp_path / "many.jsonl", tmp_path / "r1.jsonl")
    _wait_until_indexing(es, f"{fresh_alias}-v*", first, at_least=500)
    first.send_signal(signal.SIGINT)
    _, log = first.communicate(timeout=120)
    assert first.returncode == 3 and "interrupted after" in log, log[-2000:]
    second = _index(env, tmp_path / "many.jsonl", tmp_path / "r2.jsonl")
    _, log = second.communicate(timeout=300)
    assert second.returncode == 0, log[-2000:]
    _exact(es, fresh_alias, ids)
