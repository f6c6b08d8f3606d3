from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEED_DIR = ROOT.parent / "shared" / "seeds"
SEED_FILE = SEED_DIR / "000_ed97d8d3984ca31f.txt"
DEMO_CORPUS = ROOT / "data" / "demo" / "articles.jsonl"


@pytest.fixture(scope="session")
def analyzer():
    from search.analysis import get_analyzer

    return get_analyzer()


@pytest.fixture(scope="session")
def enricher():
    from search.enrich import get_enricher

    return get_enricher()


@pytest.fixture(scope="session")
def seed_text() -> str:
    if not SEED_FILE.is_file():
        pytest.skip(f"the seed article {SEED_FILE} is absent (../shared is not beside this checkout)")
    return SEED_FILE.read_text(encoding="utf-8")
