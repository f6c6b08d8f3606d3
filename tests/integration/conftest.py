"""Integration tests talk to the real Elasticsearch that `make test` starts with scripts/dev-es.
Each session writes into its own uniquely named alias and deletes it afterwards."""

import uuid

import pytest

from search import indexer
from search.config import Settings
from search.enrich import get_enricher
from search.es import SearchUnavailable, connect, server_version
from search.model import Reject
from search.sources import read_articles
from tests.conftest import DEMO_CORPUS, SEED_FILE

pytestmark = pytest.mark.integration


@pytest.fixture(scope="session")
def es_settings() -> Settings:
    return Settings.from_env()


@pytest.fixture(scope="session")
def es(es_settings):
    client = connect(es_settings)
    try:
        version = server_version(client)
    except SearchUnavailable as error:
        pytest.fail(f"integration tests need Elasticsearch (run them with `make test`): {error}")
    assert version.startswith("9."), f"expected Elasticsearch 9.x, found {version}"
    return client


@pytest.fixture()
def fresh_alias(es):
    alias = f"test-{uuid.uuid4().hex[:10]}"
    yield alias
    indexer.delete_alias_and_indices(es, alias)


@pytest.fixture(scope="session")
def demo_alias(es):
    """The demo corpus plus the seed article (when ../shared is there), indexed once for the session."""
    alias = f"test-demo-{uuid.uuid4().hex[:10]}"
    target = indexer.ensure_index(es, alias)
    enricher = get_enricher()
    docs = (item if isinstance(item, Reject) else enricher.document(item)
            for item in read_articles([DEMO_CORPUS, *([SEED_FILE] if SEED_FILE.is_file() else [])]))
    report = indexer.load(es, target, docs)
    assert not report.rejected, report.rejected
    yield alias
    indexer.delete_alias_and_indices(es, alias)


@pytest.fixture(scope="session")
def app(es_settings, demo_alias):
    from dataclasses import replace

    from web import create_app

    return create_app(replace(es_settings, index_alias=demo_alias))


@pytest.fixture()
def client(app):
    return app.test_client()
