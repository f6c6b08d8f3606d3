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
    # join consecutive short articles until each is about 2 KB (2,000 characters)
    articles, current = [], ""
    for text in texts:
        current = f"{current}\n{text}" if current else text
        if len(current) >= 2000:
            articles.append(current[:2400])
            current = ""
    return articles
