"""Precision and recall of near-duplicate grouping (story_id) on planted variants.

    make eval-stories      (or: .venv/bin/python bench/stories_eval.py [--shingles 2,3 --thresholds 0.4,0.5])

Each base article gets 1-4 generated copies the way republishing outlets make them: another headline, a credit
changed (به گزارش ایرنا -> به گزارش خبرنگار مهر), a sentence or two cut, a paragraph of background added, Arabic
ي/ك, half-spaces dropped or turned into spaces, Latin digits, and "heavy" copies doing several at once. Distinct
base articles are distinct stories, some sharing a topic, country and officials (the only negatives: the set has
no daily template reports, which differ only in their figures, so precision here is an upper bound).
Scored pairwise: a pair of articles is grouped or not, against the truth. The tuning set (bases: the demo
corpus, 48 articles) is what SHINGLE and THRESHOLD were chosen on; the held-out set (bases: the 72 articles of
bench/entities, written separately, other random seed) is the figure to report. Side by side in the same run:
the exact-text baseline (the content-hash id: same text up to letters, half-spaces and spacing).
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import re
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from search import stories  # noqa: E402
from search.analysis import get_analyzer  # noqa: E402
from search.intake.validate import stable_id  # noqa: E402

TUNING = [ROOT / "data" / "demo" / "articles.jsonl"]
HELDOUT = [ROOT / "bench" / "entities" / "devset.jsonl", ROOT / "bench" / "entities" / "heldout.jsonl"]
CREDITS = ["به گزارش ایرنا،", "به گزارش خبرنگار مهر،", "به گزارش ایسنا،", "به گزارش خبرگزاری تسنیم،",
           "به نقل از رویترز،", "به گزارش گروه سیاسی خبرآنلاین،"]
BACKGROUND = [
    "گفتنی است این موضوع در هفته‌های گذشته بارها در رسانه‌ها مطرح شده بود.",
    "این خبر در حالی منتشر می‌شود که کارشناسان پیش‌تر درباره پیامدهای آن هشدار داده بودند.",
    "پیش از این نیز مقام‌های مسئول وعده داده بودند که جزئیات بیشتری را به زودی اعلام کنند.",
    "ادامه این گزارش را در شماره‌های بعدی دنبال کنید.",
]
_SENTENCE = re.compile(r"(?<=[.؟!])\s+")


def _sentences(text: str) -> list[str]:
    return [s for s in _SENTENCE.split(text.strip()) if s.strip()]


def recredit(body: str, rng: random.Random) -> str:
    body = re.sub(r"^(به گزارش|به نقل از)[^،]{0,40}،\s*", "", body)
    return f"{rng.choice(CREDITS)} {body}"


def cut(body: str, rng: random.Random, share: float = 0.2) -> str:
    parts = _sentences(body)
    if len(parts) < 3:
        return body
    drop = set(rng.sample(range(1, len(parts)), max(1, int(len(parts) * share))))
    return " ".join(p for i, p in enumerate(parts) if i not in drop)


def add(body: str, rng: random.Random) -> str:
    parts = _sentences(body)
    extra = rng.sample(BACKGROUND, 2)
    parts.insert(rng.randrange(1, len(parts) + 1), extra[0])
    return " ".join(parts + [extra[1]])


def respell(body: str, rng: random.Random) -> str:
    body = body.replace("ی", "ي").replace("ک", "ك") if rng.random() < 0.7 else body
    body = body.replace("\u200c", rng.choice(["", " "]))
    return body.translate(str.maketrans("۰۱۲۳۴۵۶۷۸۹", "0123456789")) if rng.random() < 0.5 else body


def heavy(body: str, rng: random.Random) -> str:
    return respell(add(cut(recredit(body, rng), rng, 0.3), rng), rng)


OPERATIONS = {"exact copy": lambda b, r: b, "recredit": recredit, "cut": cut, "add": add, "respell": respell,
              "heavy": heavy}


def planted(paths: list[Path], seed: int) -> list[dict]:
    """Bases and their variants: {id, story (truth), operation, body}."""
    rng = random.Random(seed)
    articles = []
    for path in paths:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                record = json.loads(line)
                articles.append({"id": record["id"], "story": record["id"], "operation": "original",
                                 "body": record["body"]})
    for base in list(articles):
        for number, name in enumerate(rng.sample(list(OPERATIONS), rng.randint(1, 4))):
            articles.append({"id": f"{base['id']}~{number}", "story": base["id"], "operation": name,
                             "body": OPERATIONS[name](base["body"], rng)})
    rng.shuffle(articles)  # the original is not always the first telling a grouper sees
    return articles


def pairs(groups: dict[str, str]) -> set[tuple[str, str]]:
    members = defaultdict(list)
    for article_id, group in groups.items():
        members[group].append(article_id)
    return {tuple(sorted(p)) for ids in members.values() for p in itertools.combinations(ids, 2)}


def score(predicted: dict[str, str], articles: list[dict]) -> dict:
    truth = pairs({a["id"]: a["story"] for a in articles})
    found = pairs(predicted)
    hits = len(truth & found)
    precision = hits / len(found) if found else 1.0
    recall = hits / len(truth) if truth else 1.0
    by_operation = {}
    for name in OPERATIONS:  # recall of (original, copy) pairs, per kind of copy
        expected = {tuple(sorted((a["story"], a["id"]))) for a in articles if a["operation"] == name}
        by_operation[name] = len(expected & found) / len(expected) if expected else None
    return {"precision": precision, "recall": recall, "pairs": len(truth), "by_operation": by_operation}


def group_minhash(articles: list[dict], terms_of, shingle: int, threshold: float) -> dict[str, str]:
    stories.SHINGLE = shingle  # the module reads it when shingling
    grouper = stories.StoryGrouper(threshold=threshold)
    docs = []
    for article in articles:
        found = stories.fingerprint(terms_of[article["id"]])
        docs.append({"id": article["id"], "story_bands": list(found.bands) if found else [],
                     "story_signature": found.encoded() if found else None})
    grouper.assign(docs)
    return {d["id"]: d["story_id"] for d in docs}


def group_exact(articles: list[dict]) -> dict[str, str]:
    return {a["id"]: stable_id(a["body"]) for a in articles}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shingles", default=str(stories.SHINGLE), help="comma-separated shingle sizes to try")
    parser.add_argument("--thresholds", default=str(stories.THRESHOLD), help="comma-separated thresholds to try")
    args = parser.parse_args()
    analyzer = get_analyzer()
    default = (stories.SHINGLE, stories.THRESHOLD)
    for name, paths, seed in (("tuning (demo corpus bases)", TUNING, 1), ("held-out (bench/entities bases)", HELDOUT, 2)):
        articles = planted(paths, seed)
        terms_of = {a["id"]: analyzer.fields_from_tokens(analyzer.tokens(analyzer.normalize(a["body"])))[1].split()
                    for a in articles}
        print(f"\n{name}: {len(articles)} articles, {len({a['story'] for a in articles})} stories")
        exact = score(group_exact(articles), articles)
        print(f"  {'exact-text baseline':<34} precision {exact['precision']:.3f}  recall {exact['recall']:.3f}")
        for shingle in map(int, args.shingles.split(",")):
            for threshold in map(float, args.thresholds.split(",")):
                result = score(group_minhash(articles, terms_of, shingle, threshold), articles)
                label = f"minhash shingle={shingle} t={threshold}" + (" (default)" if (shingle, threshold) == default else "")
                ops = "  ".join(f"{k} {v:.2f}" for k, v in result["by_operation"].items() if v is not None)
                print(f"  {label:<34} precision {result['precision']:.3f}  recall {result['recall']:.3f}   "
                      f"recall by copy: {ops}")
        stories.SHINGLE = default[0]


if __name__ == "__main__":
    main()
