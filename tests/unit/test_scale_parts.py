"""Pure parts of the archive-scale work: cluster configuration, the health report, percentiles."""

import pytest

from search.benchmark import percentile
from search.cluster import describe_health, index_mapping
from search.config import ConfigError, Settings


def test_shards_and_replicas_come_from_the_environment():
    settings = Settings.from_env({"SEARCH_SHARDS": "3", "SEARCH_REPLICAS": "1"})
    mapping = index_mapping(settings)
    assert (mapping["settings"]["number_of_shards"], mapping["settings"]["number_of_replicas"]) == (3, 1)
    assert mapping["settings"]["codec"] == "best_compression"
    assert index_mapping(Settings.from_env({}))["settings"]["number_of_replicas"] == 0


@pytest.mark.parametrize("env", [{"SEARCH_SHARDS": "0"}, {"SEARCH_SHARDS": "two"}, {"SEARCH_REPLICAS": "-1"}])
def test_bad_shard_counts_are_one_clear_sentence(env):
    with pytest.raises(ConfigError, match="must be a whole number"):
        Settings.from_env(env)


def test_es_url_may_list_the_nodes_of_a_cluster():
    settings = Settings.from_env({"ES_URL": "http://127.0.0.1:9411, http://127.0.0.1:9412/,http://127.0.0.1:9413"})
    assert settings.es_urls == ["http://127.0.0.1:9411", "http://127.0.0.1:9412", "http://127.0.0.1:9413"]
    with pytest.raises(ConfigError, match="ES_URL must be"):
        Settings.from_env({"ES_URL": "http://127.0.0.1:9411,localhost:9412"})


def test_health_says_degraded_when_replicas_are_missing():
    yellow = describe_health({"status": "yellow", "cluster_name": "c", "number_of_nodes": 2, "unassigned_shards": 3})
    assert yellow == {"status": "degraded", "cluster": "c", "cluster_status": "yellow", "nodes": 2,
                      "unassigned_shards": 3}
    assert describe_health({"status": "green"})["status"] == "ok"
    assert describe_health({"status": "red"})["status"] == "failing"


def test_percentile_is_nearest_rank():
    values = list(range(1, 101))
    assert percentile(values, 0.5) == 50 and percentile(values, 0.99) == 99 and percentile([7.0], 0.99) == 7.0
    assert percentile([], 0.5) == 0.0
