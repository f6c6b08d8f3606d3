"""A process loads the Enricher an earlier process of the same code built, and builds it afresh whenever the
code, tables or knowledge base changed or the stored file is unusable."""

from __future__ import annotations

import pickle
from datetime import datetime

from search.enrich import get_enricher
from search.model import Article
from search.warm_start import build_key, cache_folder, load_or_build


def test_any_edit_to_the_package_gives_another_key(tmp_path):
    package = tmp_path / "pkg"
    (package / "data").mkdir(parents=True)
    (package / "code.py").write_text("x = 1\n")
    (package / "data" / "officials.json").write_text("{}")
    first = build_key(package)
    assert build_key(package) == first
    (package / "data" / "officials.json").write_text('{"a": 1}')
    second = build_key(package)
    (package / "code.py").write_text("x = 2\n")
    assert len({first, second, build_key(package)}) == 3


def test_built_once_then_loaded_and_rebuilt_when_unusable(tmp_path):
    builds = []

    def build():
        builds.append(1)
        return {"built": len(builds)}

    assert load_or_build(build, tmp_path, key="k1") == {"built": 1}
    assert load_or_build(build, tmp_path, key="k1") == {"built": 1}, "the second process loads the first's"
    assert len(builds) == 1
    (tmp_path / "enricher-k1.pickle").write_bytes(b"truncated")
    assert load_or_build(build, tmp_path, key="k1") == {"built": 2}
    assert load_or_build(build, tmp_path, key="k2") == {"built": 3}
    assert [p.name for p in tmp_path.glob("enricher-*")] == ["enricher-k2.pickle"], "other keys are removed"


def test_the_folder_is_configurable_and_can_be_switched_off(tmp_path):
    assert cache_folder({"SEARCH_CACHE_DIR": str(tmp_path)}) == tmp_path
    assert cache_folder({"SEARCH_CACHE_DIR": ""}) is None
    assert cache_folder({}).name == "persian-news-search"
    builds = []
    load_or_build(lambda: builds.append(1), tmp_path / "new" / "folder", key="k")
    assert builds == [1] and (tmp_path / "new" / "folder" / "enricher-k.pickle").is_file()


def test_a_stored_enricher_enriches_exactly_as_a_built_one():
    built = get_enricher()
    stored = pickle.loads(pickle.dumps(built, protocol=pickle.HIGHEST_PROTOCOL))
    article = Article(id="w1", title="سفر وزیر امور خارجه به مسکو",
                      body="عباس عراقچی وزیر امور خارجه ایران امروز در مسکو با سرگئی لاوروف دیدار کرد. "
                           "دو طرف درباره برنامه هسته‌ای و تحریم‌ها گفتگو کردند.",
                      source="ایرنا", published=datetime(2025, 4, 18))
    fresh, loaded = built.document(article), stored.document(article)
    fresh.pop("indexed_at"), loaded.pop("indexed_at")
    assert loaded == fresh
    assert "IR" in loaded["countries"] and loaded["officials"]
