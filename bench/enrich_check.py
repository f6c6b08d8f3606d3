"""Does a change to enrichment change what is indexed? Enrich a fixed sample and compare field by field.

    .venv/bin/python bench/enrich_check.py --save /tmp/enrich-before.jsonl      # once, on the old code
    .venv/bin/python bench/enrich_check.py --compare /tmp/enrich-before.jsonl   # after the change

The sample is the demo corpus plus 2,000 generated articles (seed 11), read through the same readers as
`python -m search index`. Every field of every document is compared except `indexed_at` (the clock); origins are compared by file name and
line. With
`--workers N` (N > 1) the documents are made by the worker pool, as `index` makes them; the default is one
process. With `--wire` the documents are the JSON the workers serialise for `index` (search/wire.py), read
back (story_id as enrichment gives it, the article's own id). Exit status 1 when a document differs; the first
differences are printed per field.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from search.generate import generate  # noqa: E402
from search.parallel import enrich_in_parallel  # noqa: E402
from search.model import Reject  # noqa: E402
from search.sources import read_articles  # noqa: E402

GENERATED, SEED = 2000, 11
VOLATILE = {"indexed_at"}


def documents(workers: int, wire: bool = False) -> list[dict]:
    with tempfile.TemporaryDirectory(prefix="enrich-check-") as folder:
        generated = Path(folder) / "generated.jsonl"
        with generated.open("w", encoding="utf-8") as handle:
            for article in generate(GENERATED, SEED):
                handle.write(json.dumps(article, ensure_ascii=False) + "\n")
        paths = [ROOT / "data" / "demo" / "articles.jsonl", generated]
        made = enrich_in_parallel(read_articles(paths, deferred=True), workers=workers, wire=wire)
        docs = [d if isinstance(d, dict) else d.document(d.id) for d in made if not isinstance(d, Reject)]
    return [_comparable(d) for d in docs]


def _comparable(doc: dict) -> dict:
    """Without the clock, and with origins named by file and line only (checkouts and temporary folders differ)."""
    doc = {k: v for k, v in doc.items() if k not in VOLATILE}
    doc["origin"] = Path(doc["origin"]).name
    doc["entities"] = {**doc["entities"], "origin": Path(doc["entities"]["origin"]).name}
    return doc


def compare(before: list[dict], after: list[dict], out=sys.stdout) -> int:
    """Number of documents that differ; prints the differing fields, with the first example of each."""
    if len(before) != len(after):
        print(f"{len(before)} documents before, {len(after)} after", file=out)
    by_field: Counter[str] = Counter()
    examples: dict[str, tuple] = {}
    differing = 0
    for old, new in zip(before, after):
        fields = sorted(k for k in old.keys() | new.keys() if old.get(k, "<missing>") != new.get(k, "<missing>"))
        differing += bool(fields)
        for name in fields:
            by_field[name] += 1
            examples.setdefault(name, (old.get("id"), old.get(name, "<missing>"), new.get(name, "<missing>")))
    for name, count in by_field.most_common():
        doc_id, old_value, new_value = examples[name]
        print(f"{name}: {count} documents differ; first {doc_id}:\n  before {str(old_value)[:300]}\n"
              f"  after  {str(new_value)[:300]}", file=out)
    print(f"{len(after)} documents compared, {differing} differ", file=out)
    return differing + abs(len(before) - len(after))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    action = parser.add_mutually_exclusive_group(required=True)
    action.add_argument("--save", type=Path, help="write the sample's documents (JSON lines) here")
    action.add_argument("--compare", type=Path, help="compare the sample's documents with this saved file")
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--wire", action="store_true", help="the serialised documents `index` sends")
    args = parser.parse_args()
    docs = documents(args.workers, args.wire)
    if args.save:
        with args.save.open("w", encoding="utf-8") as handle:
            for doc in docs:
                handle.write(json.dumps(doc, ensure_ascii=False, sort_keys=True) + "\n")
        print(f"{len(docs)} documents written to {args.save}")
        return 0
    with args.compare.open(encoding="utf-8") as handle:
        before = [json.loads(line) for line in handle]
    # through JSON, as Elasticsearch receives them (tuples become lists)
    after = [json.loads(json.dumps(d, ensure_ascii=False)) for d in docs]
    return 1 if compare(before, after) else 0


if __name__ == "__main__":
    raise SystemExit(main())
