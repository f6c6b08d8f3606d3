"""Settings from the environment, in one typed place, validated once at start-up."""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urlparse

DEFAULT_ES_URL = "http://localhost:9200"
DEFAULT_INDEX_ALIAS = "articles"
# Every variable the application reads; docker-compose.yml is checked against this list by a test.
ENVIRONMENT_VARIABLES = ("ES_URL", "ES_USERNAME", "ES_PASSWORD", "ES_API_KEY", "ES_CA_CERTS", "SEARCH_INDEX",
                         "SEARCH_SHARDS", "SEARCH_REPLICAS")
_INDEX_NAME = re.compile(r"^[a-z0-9][a-z0-9_.-]{0,200}$")


class ConfigError(ValueError):
    """Bad configuration; the message is one sentence a user can act on."""


def _count(raw: str | None, name: str, default: int, low: int, high: int = 1000) -> int:
    if raw is None:
        return default
    if not raw.isdigit() or int(raw) < low or int(raw) > high:
        raise ConfigError(f"{name} must be a whole number from {low} to {high:,}, not {raw!r}.")
    return int(raw)


@dataclass(frozen=True)
class Settings:
    es_url: str = DEFAULT_ES_URL
    es_username: str | None = None
    es_password: str | None = None
    es_api_key: str | None = None
    es_ca_certs: str | None = None
    index_alias: str = DEFAULT_INDEX_ALIAS
    # Primary shards and replicas of each new index (a cluster with 3 nodes wants 1 replica to survive a node loss)
    shards: int = 1
    replicas: int = 0
    # Above this many matching articles, facet counts are estimated from a random sample (0: always exact)
    exact_counts_up_to: int = 100_000

    @property
    def es_urls(self) -> list[str]:
        """ES_URL may list several nodes of one cluster, comma-separated; the client fails over between them."""
        return [url.strip().rstrip("/") for url in self.es_url.split(",") if url.strip()]

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Settings:
        env = os.environ if env is None else env

        def get(name: str) -> str | None:
            value = env.get(name, "").strip()
            return value or None

        settings = cls(
            es_url=(get("ES_URL") or DEFAULT_ES_URL).rstrip("/"),
            es_username=get("ES_USERNAME"),
            es_password=get("ES_PASSWORD"),
            es_api_key=get("ES_API_KEY"),
            es_ca_certs=get("ES_CA_CERTS"),
            index_alias=get("SEARCH_INDEX") or DEFAULT_INDEX_ALIAS,
            shards=_count(get("SEARCH_SHARDS"), "SEARCH_SHARDS", 1, low=1),
            replicas=_count(get("SEARCH_REPLICAS"), "SEARCH_REPLICAS", 0, low=0),
            exact_counts_up_to=_count(get("SEARCH_EXACT_COUNTS_UP_TO"), "SEARCH_EXACT_COUNTS_UP_TO", 100_000, low=0,
                                      high=10**9),
        )
        settings.validate()
        return settings

    def validate(self) -> None:
        for one_url in self.es_urls or [self.es_url]:
            url = urlparse(one_url)
            if url.scheme not in ("http", "https") or not url.hostname:
                raise ConfigError(f"ES_URL must be an http:// or https:// URL with a host, not {one_url!r}.")
            try:
                url.port
            except ValueError:
                raise ConfigError(f"ES_URL has an invalid port: {one_url!r}.") from None
        if self.es_username and not self.es_password:
            raise ConfigError("ES_USERNAME is set but ES_PASSWORD is empty; set both, or use ES_API_KEY instead.")
        if self.es_password and not self.es_username:
            raise ConfigError("ES_PASSWORD is set but ES_USERNAME is empty; set both, or use ES_API_KEY instead.")
        if self.es_api_key and self.es_username:
            raise ConfigError("Set either ES_API_KEY or ES_USERNAME/ES_PASSWORD, not both.")
        if self.es_ca_certs and not os.path.isfile(self.es_ca_certs):
            raise ConfigError(f"ES_CA_CERTS points to {self.es_ca_certs!r}, which is not a readable file.")
        if not _INDEX_NAME.match(self.index_alias):
            raise ConfigError(
                f"SEARCH_INDEX must be a lowercase Elasticsearch index name (letters, digits, - _ .), "
                f"not {self.index_alias!r}."
            )

    def describe(self) -> str:
        auth = "API key" if self.es_api_key else (f"user {self.es_username}" if self.es_username else "no auth")
        return f"{self.es_url} ({auth}), alias {self.index_alias!r}"
