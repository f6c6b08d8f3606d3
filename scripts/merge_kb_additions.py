"""Merges knowledge-base additions written as officials.jsonl lines plus `aliases_en` (Latin spellings) into the
knowledge base:

    .venv/bin/python scripts/merge_kb_additions.py DIR [--dry-run]
    .venv/bin/python scripts/build_names_en.py && .venv/bin/python -m search kb check

Files named *-fixes.jsonl correct existing entries: a line replaces the entry with the same id (its aliases_en
too). Other files add entries. What needs a person's judgement is printed and not guessed at:
- an added id already in the knowledge base, or added by two files (the first file's line is kept, the others
  are listed: merge them by hand if they are the same person);
- an added entry whose Persian name (normalised, half-spaces ignored) another entry already has: likely the same
  person under two ids (kb check also fails on it).
`aliases_en` leaves the officials.jsonl line and goes into scripts/officials_en.json, the curated Latin aliases
that build_names_en.py writes into names_en.json with the generated variants (so a rebuild keeps them).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from search.analysis import normalize  # noqa: E402

OFFICIALS = ROOT / "search" / "entities" / "data" / "officials.jsonl"
LATIN = ROOT / "scripts" / "officials_en.json"


def _name_key(name: str) -> str:
    return normalize(name).replace("\u200c", "").replace(" ", "")


def _read(path: Path) -> list[dict]:
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as error:
                print(f"SKIPPED {path.name}:{number}: not JSON ({error.msg})")
    return rows


def _overlap(a: dict, b: dict) -> bool:
    """Two roles whose spans share a month (compared as YYYY-MM strings; an open end is now)."""
    def span(r):
        return str(r.get("from") or "0000")[:7], str(r.get("to") or "9999")[:7]
    (a_from, a_to), (b_from, b_to) = span(a), span(b)
    return a_from <= b_to and b_from <= a_to


def merge(folder: Path, dry_run: bool = False) -> int:
    current = _read(OFFICIALS)
    by_id = {row["id"]: i for i, row in enumerate(current)}
    latin: dict[str, list[str]] = json.loads(LATIN.read_text(encoding="utf-8")) if LATIN.is_file() else {}
    latin.pop("about", None)
    files = sorted(folder.glob("*.jsonl"), key=lambda p: (p.name.endswith("-fixes.jsonl"), p.name))
    added_from: dict[str, str] = {}
    problems = 0
    for path in files:
        fixes = path.name.endswith("-fixes.jsonl")
        for row in _read(path):
            aliases_en = [a for a in row.pop("aliases_en", []) or [] if a and a.strip()]
            entity_id = row.get("id")
            if not entity_id:
                print(f"SKIPPED {path.name}: a line without id: {row.get('name_fa')}")
                problems += 1
                continue
            if fixes:
                if entity_id not in by_id:
                    print(f"FIX-NEW {path.name}: {entity_id} is not in the knowledge base; added")
                    by_id[entity_id] = len(current)
                    current.append(row)
                else:
                    current[by_id[entity_id]] = row
                    print(f"FIXED   {path.name}: {entity_id}")
            elif entity_id in added_from:  # two writers added the same person: one entry with what each knew
                kept = current[by_id[entity_id]]
                extra_roles = [r for r in row.get("roles", []) if not any(_overlap(r, k) for k in kept["roles"])]
                kept["roles"] = sorted(kept["roles"] + extra_roles, key=lambda r: str(r.get("from") or ""))
                kept["aliases"] = [a for a in dict.fromkeys([*kept.get("aliases", []), row.get("name_fa", ""),
                                                      *row.get("aliases", [])]) if a and a != kept["name_fa"]]
                print(f"MERGED  {path.name}: {entity_id} (also in {added_from[entity_id]}): kept its "
                      f"{row['country']!r}->{kept['country']!r}, added roles {[r['title_fa'] for r in extra_roles]}")
            elif entity_id in by_id:
                print(f"ID-CLASH {path.name}: {entity_id} already in officials.jsonl; kept that one: "
                      f"{row.get('name_fa')} vs {current[by_id[entity_id]].get('name_fa')}")
                problems += 1
                continue
            else:
                by_id[entity_id] = len(current)
                current.append(row)
                added_from[entity_id] = path.name
            if aliases_en:
                latin[entity_id] = list(dict.fromkeys([*(latin.get(entity_id, []) if not fixes else []),
                                                       *aliases_en]))
    owners: dict[str, set[str]] = {}
    for row in current:
        for name in (row.get("name_fa", ""), *row.get("aliases", [])):
            if name and not name.isascii():
                owners.setdefault(_name_key(name), set()).add(row["id"])
    for key, ids in sorted(owners.items()):
        if len(ids) > 1 and ids & set(added_from):
            print(f"NAME-CLASH {key}: {sorted(ids)}")
            problems += 1
    print(f"{len(current)} officials ({len(added_from)} added); {problems} problems to look at")
    if not dry_run:
        OFFICIALS.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in current), encoding="utf-8")
        known = {row["id"] for row in current}
        table = {"about": "Curated Latin-script aliases of officials (aliases_en), merged from knowledge-base "
                          "additions; scripts/build_names_en.py puts them into names_en.json"}
        table |= {k: v for k, v in sorted(latin.items()) if k in known}
        LATIN.write_text(json.dumps(table, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folder", type=Path)
    parser.add_argument("--dry-run", action="store_true", help="print what would change, write nothing")
    args = parser.parse_args()
    return merge(args.folder, args.dry_run)


if __name__ == "__main__":
    sys.exit(main())
