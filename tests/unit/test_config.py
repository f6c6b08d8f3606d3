import pytest

from search.config import DEFAULT_ES_URL, ConfigError, Settings


def test_defaults():
    settings = Settings.from_env({})
    assert settings.es_url == DEFAULT_ES_URL and settings.index_alias == "articles"
    assert settings.es_username is None and settings.es_api_key is None


def test_reads_every_variable(tmp_path):
    ca = tmp_path / "ca.crt"
    ca.write_text("x")
    settings = Settings.from_env({"ES_URL": "https://es.example:9243/", "ES_USERNAME": "u", "ES_PASSWORD": "p",
                                  "ES_CA_CERTS": str(ca), "SEARCH_INDEX": "news"})
    assert settings.es_url == "https://es.example:9243"
    assert (settings.es_username, settings.es_password, settings.index_alias) == ("u", "p", "news")


@pytest.mark.parametrize("env, fragment", [
    ({"ES_URL": "localhost:9200"}, "ES_URL must be"),
    ({"ES_URL": "http://h:notaport"}, "invalid port"),
    ({"ES_USERNAME": "elastic"}, "ES_PASSWORD is empty"),
    ({"ES_PASSWORD": "x"}, "ES_USERNAME is empty"),
    ({"ES_API_KEY": "k", "ES_USERNAME": "u", "ES_PASSWORD": "p"}, "not both"),
    ({"ES_CA_CERTS": "/nonexistent/ca.pem"}, "not a readable file"),
    ({"SEARCH_INDEX": "Articles"}, "lowercase"),
])
def test_bad_configuration_is_one_clear_sentence(env, fragment):
    with pytest.raises(ConfigError) as error:
        Settings.from_env(env)
    message = str(error.value)
    assert fragment in message and message.endswith(".") and "\n" not in message
