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

sys.path.insert(0, str(ROOT / "bench"))
from entities_eval import _known_names, gold_officials  # noqa: E402

DEVSET = ROOT / "bench" / "offices" / "devset.jsonl"
# whole articles by a separate writer; gold `office_mentions` lists the officials named only by office
HELDOUT2 = ROOT / "bench" / "entities" / "heldout2.jsonl"
HELDOUT3 = ROOT / "bench" / "entities" / "heldout3.jsonl"
HELDOUT4 = ROOT / "bench" / "entities" / "heldout4.jsonl"  # added by its writer; may give holders in English


def load(path: Path = DEVSET) -> list[dict]:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    for row in rows:
        if "text" not in row:  # an article of heldout2: its office mentions are the gold
            row["text"] = "\n".join(part for part in (row.get("title"), row["body"]) if part)
            mentions = {"officials": [], "office_mentions": row["gold"].get("office_mentions", [])}
            row["gold"] = sorted(gold_officials(mentions, _known_names()))
    return rows


def resolved_officials(enricher, row: dict) -> set[str]:
    published = date.fromisoformat(row["published"][:10]) if row.get("published") else None
    found = enricher.entities(Article(id=row["id"], body=row["text"], published=published))
    if "title" in row:  # heldout2's gold lists only officials the article never names: so do we
        return {o["id"] for o in found["officials"] if o.get("found_by") == "office"}
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
    parser.add_argument("--set", choices=("dev", "heldout2", "heldout3", "heldout4"), default="dev",
                        help="dev: the dated sentences (default); heldout2, heldout3: the held-out articles' office mentions")
    args = parser.parse_args()
    path = {"dev": DEVSET, "heldout2": HELDOUT2, "heldout3": HELDOUT3, "heldout4": HELDOUT4}[args.set]
    if not path.is_file():
        print(f"{path.relative_to(ROOT)} is not in the repository yet: the {args.set} set cannot be scored until "
              "its writer adds it", file=sys.stderr)
        return 2
    scores, errors = evaluate(load(path))
    print(f"{path.relative_to(ROOT)}: {scores['sentences']} texts, {scores['gold']} gold office holders, "
          f"{scores['predicted']} resolved")
    print(f"precision {scores['precision']:.3f}  recall {scores['recall']:.3f}")
    if args.errors:
        print("\n".join(errors))
    return 0


if __name__ == "__main__":
    sys.exit(main())
