"""~2 KB Persian articles for the speed benchmarks, built from the project's own corpora (demo, dev set, seed)."""

from __future__ import annotations

import json
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def two_kb_articles() -> list[str]:
    texts = []
    for path in (ROOT / "data" / "demo" / "articles.jsonl", ROOT / "bench" / "entities" / "devset.jsonl"):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                texts.append(f"{row.get('title', '')}\n{row['body']}")
    seed = ROOT.parent / "shared" / "seeds" / "000_ed97d8d3984ca31f.txt"
    if seed.is_file():
        texts.append(seed.read_text(encoding="utf-8"))
    # Cut the stream of texts into articles of about 2 KB: 2,048 bytes of UTF-8 (a Persian letter takes two
    # bytes, so that is about 1,100 characters), each ending at a word boundary.
    articles, current = [], ""
    for text in texts:
        current = f"{current}\n{text}" if current else text
        while len(current.encode("utf-8")) >= TARGET_BYTES:
            cut = _cut_at(current, TARGET_BYTES)
            articles.append(current[:cut].strip())
            current = current[cut:].strip()
    return articles


TARGET_BYTES = 2048


def _cut_at(text: str, limit: int) -> int:
    """Character index of the last word boundary before `limit` bytes of UTF-8."""
    size = 0
    last_space = 0
    for index, char in enumerate(text):
        size += len(char.encode("utf-8"))
        if size > limit:
            break
        if char.isspace():
            last_space = index
    return last_space or index


def describe(articles: list[str]) -> str:
    size = sum(len(a.encode("utf-8")) for a in articles) / len(articles)
    chars = sum(map(len, articles)) / len(articles)
    return f"{len(articles)} articles of {size:.0f} bytes UTF-8 ({chars:.0f} characters) on average, one core"
