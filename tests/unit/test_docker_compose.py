"""docker compose cannot run here (no Docker engine), so its file is checked against the configuration module."""

from pathlib import Path

import yaml

from search.config import ENVIRONMENT_VARIABLES, Settings

ROOT = Path(__file__).resolve().parents[2]


def _compose():
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def test_services_exist_with_security_on():
    services = _compose()["services"]
    assert {"elasticsearch", "web", "indexer"} <= set(services)
    es = services["elasticsearch"]
    assert es["image"].startswith("docker.elastic.co/elasticsearch/elasticsearch:9.")
    assert es["environment"]["xpack.security.enabled"] == "true"
    assert "ELASTIC_PASSWORD" in es["environment"] and "healthcheck" in es
    assert any(v.startswith("esdata:") for v in es["volumes"]) and "esdata" in _compose()["volumes"]


def test_app_services_get_exactly_the_variables_the_config_reads():
    services = _compose()["services"]
    for name in ("web", "indexer"):
        env = services[name]["environment"]
        assert set(env) == set(ENVIRONMENT_VARIABLES), name
        # as compose would fill them from .env.example (empty defaults stay empty)
        filled = {k: ("secret" if k == "ES_PASSWORD" else "" if "${" in str(v) else v) for k, v in env.items()}
        settings = Settings.from_env(filled)
        assert settings.es_url == "http://elasticsearch:9200" and settings.es_username == "elastic"
    assert services["indexer"]["command"][:4] == ["python", "-m", "search", "index"]
    assert services["indexer"]["depends_on"]["elasticsearch"]["condition"] == "service_healthy"


def test_ports_agree():
    services = _compose()["services"]
    web_port = services["web"]["command"][services["web"]["command"].index("--port") + 1]
    assert f"{web_port}:{web_port}" in services["web"]["ports"]
    assert any(p.endswith(":9200") for p in services["elasticsearch"]["ports"])
    es_url = services["web"]["environment"]["ES_URL"]
    assert es_url.endswith(":9200") and "elasticsearch" in es_url


def test_dockerfile_installs_the_package_and_serves():
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert "pip install" in dockerfile and '"serve"' in dockerfile


def test_cluster_profile_has_three_nodes_with_transport_tls_and_a_replica():
    services = _compose()["services"]
    nodes = [services[name] for name in ("es01", "es02", "es03")]
    assert all(node["profiles"] == ["cluster"] for node in nodes)
    assert {node["environment"]["node.name"] for node in nodes} == {"es01", "es02", "es03"}
    for node in nodes:
        env = node["environment"]
        assert env["xpack.security.enabled"] == "true" and env["xpack.security.transport.ssl.enabled"] == "true"
        assert env["cluster.initial_master_nodes"] == "es01,es02,es03"
        assert node["depends_on"]["cluster-certs"]["condition"] == "service_completed_successfully"
    assert "elasticsearch-certutil" in services["cluster-certs"]["command"][-1]
    for name in ("web-cluster", "indexer-cluster"):
        env = services[name]["environment"]
        assert set(env) == set(ENVIRONMENT_VARIABLES), name
        assert env["ES_URL"].split(",") == ["http://es01:9200", "http://es02:9200", "http://es03:9200"]
        assert env["SEARCH_REPLICAS"].endswith(":-1}")
