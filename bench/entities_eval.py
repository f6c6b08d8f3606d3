"""Precision, recall and F1 of entity and topic extraction on the annotated development set.

    make eval-entities      (or: .venv/bin/python bench/entities_eval.py [--errors])

Gold: bench/entities/devset.jsonl (48 articles written and annotated for this project). Officials are scored
as one set per article: knowledge-base ids plus discovered officials (matched by normalised name).
"""

from __future__ import annotations

import argparse
import functools
import json
import sys
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from search.analysis import normalize  # noqa: E402
from search.enrich import get_enricher  # noqa: E402
from search.latin import fold  # noqa: E402
from search.model import Article  # noqa: E402

DEVSET = ROOT / "bench" / "entities" / "devset.jsonl"
# Written separately and never used for tuning: how the extractor does on articles it was not tuned on.
HELDOUT = ROOT / "bench" / "entities" / "heldout.jsonl"
# 125 articles 2013-2026 written and annotated by a separate writer who did not see the extractor (gold: countries,
# officials, discovered officials, office mentions); first scored after the issue-11 tuning was finished.
HELDOUT2 = ROOT / "bench" / "entities" / "heldout2.jsonl"
# 73 more articles from a separate writer, in heldout2's format, delivered after the issue-11b tuning was
# finished and scored once: its first figure is the honest one.
HELDOUT3 = ROOT / "bench" / "entities" / "heldout3.jsonl"
# 75 articles from a separate writer, who may name discovered officials and office holders in English
# (`discovered_officials_en`, `office_mentions[].official_en`). Not held out: a knowledge-base writer read it
# while the issue-11c additions were written and took some entries and spellings from it.
HELDOUT4 = ROOT / "bench" / "entities" / "heldout4.jsonl"
# 70 articles in heldout4's format from another writer, kept where no one tuning could read it until the
# issue-11c work was merged, then scored once: its first figure is the honest one.
HELDOUT5 = ROOT / "bench" / "entities" / "heldout5.jsonl"
# 70 articles in heldout4's format from a third writer, kept unseen until the issue-11d work (tuned on heldout5)
# was merged, then scored once.
HELDOUT6 = ROOT / "bench" / "entities" / "heldout6.jsonl"
# 80 articles in heldout4's format from a fourth writer, kept unseen until the issue-11 round tuned on heldout6
# was merged, then scored once.
HELDOUT7 = ROOT / "bench" / "entities" / "heldout7.jsonl"
# 80 articles in heldout4's format from a fifth writer, kept unseen until the round tuned on heldout7 was merged,
# then scored once.
HELDOUT8 = ROOT / "bench" / "entities" / "heldout8.jsonl"
# 80 articles in heldout4's format from a sixth writer, kept unseen until the round tuned on heldout8 (five KB
# writers, discovery classes) was merged, then scored once.
HELDOUT9 = ROOT / "bench" / "entities" / "heldout9.jsonl"
# 80 articles in heldout4's format from a seventh writer, kept unseen until the round tuned on heldout9 was merged,
# then scored once. Its guidelines say outright what the others left open: a purely domestic Iranian story is IR
# only where its text names Iran or its state (the product's rule; heldout2's and heldout9's writers tagged them).
HELDOUT10 = ROOT / "bench" / "entities" / "heldout10.jsonl"
SETS = {"dev": DEVSET, "heldout": HELDOUT, "heldout2": HELDOUT2, "heldout3": HELDOUT3, "heldout4": HELDOUT4,
        "heldout5": HELDOUT5, "heldout6": HELDOUT6, "heldout7": HELDOUT7,
        "heldout8": HELDOUT8, "heldout9": HELDOUT9,
        "heldout10": HELDOUT10}
# The annotators chose organisations from this list; the knowledge base knows more (e3, opec-plus, isis-k…),
# which are scored only where the annotation could have named them.
ANNOTATED_ORGANIZATIONS = frozenset(
    "un un-security-council iaea opec nato eu sco brics arab-league oic gcc imf world-bank who unhcr icrc unesco "
    "wto interpol fatf isis al-qaeda hamas hezbollah taliban houthis hts pkk mek jaish-al-adl sdf irgc quds-force "
    "basij artesh aeoi snsc majlis guardian-council red-crescent-iran cbi nioc fifa afc ioc icc icj".split())


def _name_key(name: str) -> str:
    return normalize(name).replace("\u200c", "").replace(" ", "")


def _english_key(name: str) -> str:
    """Ursula von der Leyen = Ursula Von-der-Leyen = Ursula vonderleyen: case, diacritics and hyphens folded."""
    return fold(name).replace(" ", "")


def known_names(kb) -> tuple[dict[str, str], dict[str, str]]:
    """The knowledge base's officials by Persian name key and by folded English name (name_en and aliases_en).
    An English name two entries share names neither."""
    persian = {_name_key(name): o.id for o in kb.officials.values() for name in (*o.names, *o.spellings)}
    english: dict[str, str | None] = {}
    for official in kb.officials.values():
        for name in {_english_key(n) for n in (official.name_en, *official.aliases_en) if n}:
            english[name] = official.id if english.get(name, official.id) == official.id else None
    return persian, {key: value for key, value in english.items() if value}


@functools.cache
def _known_names() -> tuple[dict[str, str], dict[str, str]]:
    return known_names(get_enricher().kb)


def gold_officials(gold: dict, known: tuple[dict[str, str], dict[str, str]]) -> set[str]:
    """The gold official ids of an article. An official the article names only by office (`office_mentions`) is
    still mentioned; a discovered official (or an office holder given only in English, `official_en` with
    `official` null) is the knowledge-base entry whose English name or aliases_en match, else the entry with
    that Persian name, else `fa:` + the Persian name's key, which is what a discovered official is scored as."""
    persian, english = known
    ids = set(gold["officials"])
    names_en = gold.get("discovered_officials_en") or []
    for i, name in enumerate(gold.get("discovered_officials", [])):
        name_en = names_en[i] if i < len(names_en) else None
        ids.add(english.get(_english_key(name_en)) if name_en and _english_key(name_en) in english
                else persian.get(_name_key(name), "fa:" + _name_key(name)))
    for mention in gold.get("office_mentions", []):
        if mention.get("official"):
            ids.add(mention["official"])
        elif mention.get("official_en"):
            # a holder the knowledge base lacks cannot be resolved by office: a miss, under a key nothing predicts
            ids.add(english.get(_english_key(mention["official_en"]), "en:" + _english_key(mention["official_en"])))
    return ids


def predicted_and_gold(row: dict, found: dict) -> dict[str, tuple[set, set]]:
    gold = row["gold"]
    predicted_officials = {o["id"] for o in found["officials"] if not o.get("discovered")}
    predicted_officials |= {"fa:" + _name_key(o["name_fa"]) for o in found["officials"] if o.get("discovered")}
    gold_officials_ = gold_officials(gold, _known_names())
    pairs = {
        "countries": ({c["id"] for c in found["countries"]}, set(gold["countries"])),
        "officials": (predicted_officials, gold_officials_),
        "organizations": ({o["id"] for o in found["organizations"]} & ANNOTATED_ORGANIZATIONS,
                          set(gold.get("organizations", ()))),
        "topics": ({t["id"] for t in found["topics"]}, set(gold.get("topics", ()))),
        "dateline": ({found["dateline"]} - {None}, {gold.get("dateline")} - {None}),
    }
    # a set annotated for some kinds only (heldout2: countries and officials) is scored on those
    return {kind: pair for kind, pair in pairs.items() if kind in gold or kind in ("countries", "officials")}


def load(path: Path = DEVSET) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def evaluate(rows: list[dict] | None = None) -> tuple[dict[str, dict[str, float]], list[str]]:
    rows = rows if rows is not None else load(DEVSET)
    enricher = get_enricher()
    counts: dict[str, list[int]] = {}  # kind -> true positives, predicted, gold
    errors: list[str] = []
    for row in rows:
        article = Article(id=row["id"], title=row.get("title", ""), body=row["body"], source=row.get("source"),
                          published=date.fromisoformat(row["published"]) if row.get("published") else None)
        for kind, (predicted, gold) in predicted_and_gold(row, enricher.entities(article)).items():
            counts.setdefault(kind, [0, 0, 0])
            counts[kind][0] += len(predicted & gold)
            counts[kind][1] += len(predicted)
            counts[kind][2] += len(gold)
            if predicted != gold:
                errors.append(f"{row['id']} {kind}: extra {sorted(predicted - gold)} missed {sorted(gold - predicted)}")
    scores = {}
    for kind, (tp, npred, ngold) in counts.items():
        precision = tp / npred if npred else 1.0
        recall = tp / ngold if ngold else 1.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        scores[kind] = {"precision": precision, "recall": recall, "f1": f1, "gold": ngold}
    return scores, errors


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--errors", action="store_true", help="list every disagreement with the gold annotation")
    parser.add_argument("--set", choices=tuple(SETS), default="dev",
                        help="dev: the tuning set (default); heldout, heldout2, heldout3: earlier held-out sets (since looked at); "
                             "heldout4: seen by a knowledge-base writer; heldout5: held out for issue 11c, then tuned on; heldout6: held out for issue 11d, then tuned on; heldout7: held out for issue 11e, then tuned on; heldout8: held out for issue 11f, then tuned on; heldout9: held out for issue 11g, then tuned on; heldout10: held out for issue 11h")
    args = parser.parse_args()
    path = SETS[args.set]
    if not path.is_file():
        print(f"{path.relative_to(ROOT)} is not in the repository yet: the {args.set} set cannot be scored until "
              "its writer adds it", file=sys.stderr)
        return 2
    rows = load(path)
    print(f"{path.relative_to(ROOT)}: {len(rows)} articles\n")
    scores, errors = evaluate(rows)
    print(f"{'type':14} {'precision':>9} {'recall':>7} {'F1':>6} {'gold':>5}")
    for kind, s in scores.items():
        print(f"{kind:14} {s['precision']:9.3f} {s['recall']:7.3f} {s['f1']:6.3f} {s['gold']:5d}")
    if args.errors:
        print("\n" + "\n".join(errors))
    return 0


if __name__ == "__main__":
    sys.exit(main())
