"""Merging the data writers' knowledge-base additions (scripts/merge_kb_additions.py)."""

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _line(**row) -> str:
    return json.dumps(row, ensure_ascii=False) + "\n"


def test_additions_fixes_and_a_person_two_writers_added(tmp_path, monkeypatch, capsys):
    sys.path.insert(0, str(ROOT / "scripts"))
    import merge_kb_additions as merge

    officials, latin = tmp_path / "officials.jsonl", tmp_path / "officials_en.json"
    officials.write_text(_line(id="old", name_fa="قدیمی یک", name_en="Old One", country="IR",
                               roles=[{"title_fa": "وزیر کشور", "from": "2015", "to": "2017"}]), encoding="utf-8")
    monkeypatch.setattr(merge, "OFFICIALS", officials)
    monkeypatch.setattr(merge, "LATIN", latin)
    additions = tmp_path / "add"
    additions.mkdir()
    person = dict(id="new", name_fa="تازه دو", name_en="New Two", country="BR", aliases=["تازه‌دو"])
    (additions / "americas.jsonl").write_text(_line(**person, roles=[{"title_fa": "رئیس‌جمهور", "from": "2011",
                                                                      "to": "2016"}], aliases_en=["Nu Two"]),
                                              encoding="utf-8")
    (additions / "intl.jsonl").write_text(_line(**{**person, "aliases": ["تازه دوو"]}, roles=[
        {"title_fa": "رئیس‌جمهور برزیل", "from": "2011-01", "to": "2016-08"},  # the same role, worded otherwise
        {"title_fa": "رئیس بانک توسعه", "from": "2023", "to": None}], aliases_en=["New 2"]), encoding="utf-8")
    (additions / "iran-fixes.jsonl").write_text(_line(id="old", name_fa="قدیمی یک", name_en="Old One",
                                                      country="IR", roles=[], aliases_en=["Old 1"]),
                                                encoding="utf-8")
    merge.merge(additions)

    rows = {r["id"]: r for r in map(json.loads, officials.read_text(encoding="utf-8").splitlines())}
    assert rows["old"]["roles"] == []  # the fix replaced the entry
    new = rows["new"]
    assert [r["title_fa"] for r in new["roles"]] == ["رئیس‌جمهور", "رئیس بانک توسعه"]  # no overlapping twin
    assert new["aliases"] == ["تازه‌دو", "تازه دوو"]
    assert "aliases_en" not in new and "aliases_en" not in rows["old"]
    table = json.loads(latin.read_text(encoding="utf-8"))
    assert table["new"] == ["Nu Two", "New 2"] and table["old"] == ["Old 1"]
    assert "MERGED" in capsys.readouterr().out


def test_curated_latin_aliases_are_all_kept_in_names_en():
    sys.path.insert(0, str(ROOT / "scripts"))
    from build_names_en import name_variants

    aliases = [f"Alias {i}" for i in range(10)]  # more than the generated variants' cap
    variants = name_variants("Abdelmadjid Tebboune", aliases)
    assert variants[0] == "Abdelmadjid Tebboune" and set(aliases) <= set(variants)
    data = json.loads((ROOT / "search" / "entities" / "data" / "names_en.json").read_text(encoding="utf-8"))
    curated = json.loads((ROOT / "scripts" / "officials_en.json").read_text(encoding="utf-8"))
    for official_id, names in curated.items():
        if official_id != "about":
            assert set(names) <= set(data["officials"][official_id]), official_id
