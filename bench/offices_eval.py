"""Precision and recall of office mentions resolved by the article's date (search/entities/offices.py).

    make eval-offices      (or: .venv/bin/python bench/offices_eval.py [--errors])

Gold: bench/offices/devset.jsonl, sentences dated 2013-2026, each with the officials its office mentions name
on that day; about a third are traps (سابق, پیشین, منتخب, موقت, وقت, another country's office, a deputy or a
spokesperson, a hand-over day, no date) whose gold is empty. Only officials found through an office are scored.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from search.enrich import get_enricher  # noqa: E402
from search.model import Article  # noqa: E402

DEVSET = ROOT / "bench" / "offices" / "devset.jsonl"


def load(path: Path = DEVSET) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def resolved_officials(enricher, row: dict) -> set[str]:
    published = date.fromisoformat(row["published"]) if row.get("published") else None
    found = enricher.entities(Article(id=row["id"], body=row["text"], published=published))
    return {o["id"] for o in found["officials"] if o.get("offices")}


def evaluate(rows: list[dict] | None = None) -> tuple[dict[str, float], list[str]]:
    rows = rows if rows is not None else load()
    enricher = get_enricher()
    true_positives = predicted_total = gold_total = 0
    errors = []
    for row in rows:
        predicted, gold = resolved_officials(enricher, row), set(row["gold"])
        true_positives += len(predicted & gold)
        predicted_total += len(predicted)
        gold_total += len(gold)
        if predicted != gold:
            errors.append(f"{row['id']} {row['published']}: extra {sorted(predicted - gold)} "
                          f"missed {sorted(gold - predicted)}  {row['text']}")
    precision = true_positives / predicted_total if predicted_total else 1.0
    recall = true_positives / gold_total if gold_total else 1.0
    return {"precision": precision, "recall": recall, "sentences": len(rows), "gold": gold_total,
            "predicted": predicted_total}, errors


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--errors", action="store_true", help="list every disagreement with the gold annotation")
    args = parser.parse_args()
    scores, errors = evaluate()
    print(f"{DEVSET.relative_to(ROOT)}: {scores['sentences']} sentences, {scores['gold']} gold office holders, "
          f"{scores['predicted']} resolved")
    print(f"precision {scores['precision']:.3f}  recall {scores['recall']:.3f}")
    if args.errors:
        print("\n".join(errors))
    return 0


if __name__ == "__main__":
    sys.exit(main())
