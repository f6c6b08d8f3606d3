"""`kb check` catches each kind of mistake a newsroom editor can make in the data files; `kb find` explains."""

import json
from pathlib import Path

import pytest

from search.cli import main
from search.entities.kb_check import check

ZARIF = {"id": "mohammad-javad-zarif", "name_fa": "محمدجواد ظریف", "name_en": "Mohammad Javad Zarif",
         "country": "IR", "roles": [{"title_fa": "وزیر امور خارجه", "title_en": "Foreign Minister",
                                     "from": "2013-08", "to": "2021-08"}],
         "aliases": ["جواد ظریف"], "surname": "ظریف", "surname_is_common_word": True}
ARAGHCHI = {"id": "abbas-araghchi", "name_fa": "عباس عراقچی", "name_en": "Abbas Araghchi", "country": "IR",
            "roles": [{"title_fa": "وزیر امور خارجه", "title_en": "Foreign Minister", "from": "2024-08",
                       "to": None}], "aliases": [], "surname": "عراقچی", "surname_is_common_word": False}


def _knowledge_base(folder: Path, officials: list, organizations: list | None = None, raw_lines: str = "") -> Path:
    folder.mkdir(exist_ok=True)
    (folder / "countries.json").write_text(json.dumps(
        {"IR": {"name_en": "Iran", "name_fa": "ایران"}, "RU": {"name_en": "Russia", "name_fa": "روسیه"}},
        ensure_ascii=False), encoding="utf-8")
    (folder / "countries_extra.json").write_text("{}", encoding="utf-8")
    (folder / "topics.json").write_text('{"topics": []}', encoding="utf-8")
    (folder / "places.jsonl").write_text("", encoding="utf-8")
    (folder / "meta.json").write_text('{"as_of": "2026-01-01"}', encoding="utf-8")
    orgs = organizations or [{"id": "un", "name_fa": "سازمان ملل متحد", "name_en": "United Nations"}]
    (folder / "organizations.jsonl").write_text(
        "".join(json.dumps(o, ensure_ascii=False) + "\n" for o in orgs), encoding="utf-8")
    (folder / "officials.jsonl").write_text(
        "".join(json.dumps(o, ensure_ascii=False) + "\n" for o in officials) + raw_lines, encoding="utf-8")
    return folder


def _errors(problems) -> list[str]:
    return [f"{p.where}: {p.message}" for p in problems if p.level == "error"]


def test_a_clean_knowledge_base_passes(tmp_path):
    folder = _knowledge_base(tmp_path / "kb", [ZARIF, ARAGHCHI])
    assert _errors(check(folder)) == []
    assert main(["kb", "check", "--data", str(folder)]) == 0


def test_the_shipped_knowledge_base_passes(capsys):
    assert main(["kb", "check"]) == 0
    assert "0 errors" in capsys.readouterr().err


def test_a_line_that_is_not_json_and_a_missing_field_are_reported_by_line(tmp_path, capsys):
    no_name = {k: v for k, v in ARAGHCHI.items() if k != "name_fa"}
    folder = _knowledge_base(tmp_path / "kb", [ZARIF, no_name], raw_lines='{"id": "broken", "name_fa": \n')
    errors = _errors(check(folder))
    assert errors == ["officials.jsonl:2: missing name_fa", "officials.jsonl:3: not a JSON object: Expecting value"]
    assert main(["kb", "check", "--data", str(folder)]) == 1
    assert "officials.jsonl:3" in capsys.readouterr().out


def test_duplicate_ids_bad_dates_and_unknown_countries(tmp_path):
    bad_date = {**ARAGHCHI, "id": "a2", "name_fa": "الف ب", "aliases": [],
                "roles": [{"title_fa": "وزیر کشور", "from": "2024-13", "to": None}]}
    reversed_role = {**ARAGHCHI, "id": "a3", "name_fa": "پ ت", "aliases": [],
                     "roles": [{"title_fa": "وزیر نفت", "from": "2020-05", "to": "2019"}]}
    stateless = {**ARAGHCHI, "id": "a4", "name_fa": "ث ج", "country": "XX", "aliases": [], "roles": []}
    folder = _knowledge_base(tmp_path / "kb", [ZARIF, ARAGHCHI, {**ZARIF, "name_fa": "دیگری"}, bad_date,
                                                reversed_role, stateless])
    errors = _errors(check(folder))
    assert "officials.jsonl:3: id 'mohammad-javad-zarif' is already used on line 1" in errors
    assert any(e.startswith("officials.jsonl:4: a2: role 'وزیر کشور' has a date that is not") for e in errors)
    assert "officials.jsonl:5: a3: role 'وزیر نفت' ends (2019) before it starts (2020-05)" in errors
    assert any(e.startswith("officials.jsonl:6: a4: country 'XX' is neither") for e in errors)


def test_two_holders_of_a_single_holder_office_at_once(tmp_path):
    overlapping = {**ARAGHCHI, "roles": [{"title_fa": "وزیر امور خارجه", "from": "2019-01", "to": None}]}
    # a shared hand-over month is not an overlap
    handover = {**ARAGHCHI, "id": "someone-else", "name_fa": "فلان بهمان", "surname": "بهمان", "aliases": [],
                "roles": [{"title_fa": "وزیر امور خارجه روسیه", "from": "2021-08", "to": "2022"}]}
    errors = _errors(check(_knowledge_base(tmp_path / "kb", [ZARIF, overlapping, handover])))
    assert len(errors) == 1
    assert "mohammad-javad-zarif and abbas-araghchi hold foreign-minister (IR) at the same time" in errors[0]


def test_names_shared_by_two_entities_and_everyday_words(tmp_path):
    twin = {**ARAGHCHI, "id": "another-zarif", "name_fa": "حسن کاظمی", "aliases": ["جواد ظریف", "امنیت"],
            "roles": [], "surname": "کاظمی"}
    problems = check(_knowledge_base(tmp_path / "kb", [ZARIF, twin]))
    assert "names: 'جواد ظریف' names official another-zarif, official mohammad-javad-zarif" in _errors(problems)
    warnings = [p.message for p in problems if p.level == "warning"]
    assert "alias 'امنیت' is an everyday word; declare it ambiguous or drop it" in warnings


def test_kb_find_explains_a_surname_and_an_office_on_a_day(capsys):
    assert main(["kb", "find", "روحانی"]) == 0
    out = capsys.readouterr().out
    assert "surname of official hassan-rouhani" in out and "not trusted alone" in out
    assert "on its own, the enricher tags: nothing" in out
    assert main(["kb", "find", "وزیر خارجه آمریکا", "--date", "2019-05-01"]) == 0
    out = capsys.readouterr().out
    assert "the office foreign-minister of US" in out and "on 2019-05-01: mike-pompeo" in out
    with pytest.raises(SystemExit, match="--date must be YYYY-MM-DD"):
        main(["kb", "find", "x", "--date", "May 2019"])


def test_a_pasted_discovered_entry_turns_the_discovered_name_into_a_knowledge_base_id(tmp_path):
    import shutil

    from search.entities.kb import data_folder, load_kb_from
    from search.entities.kb_discovered import draft_id
    from search.enrich import Enricher, get_enricher
    from search.model import Article

    article = Article(id="t", body="وزیر کشاورزی تاجیکستان، رحیم‌جان نظروف، با همتای ایرانی دیدار کرد.")
    before = get_enricher().entities(article)["officials"]
    assert [o["id"] for o in before] == ["fa:رحیم‌جان نظروف"]
    folder = tmp_path / "data"
    shutil.copytree(str(data_folder()), folder)
    entry = {"id": draft_id("رحیم‌جان نظروف"), "name_fa": "رحیم‌جان نظروف", "name_en": "", "country": "TJ",
             "roles": [{"title_fa": "وزیر کشاورزی", "title_en": "", "from": "2025-03", "to": None}],
             "aliases": [], "surname": "نظروف", "surname_is_common_word": True}
    with (folder / "officials.jsonl").open("a", encoding="utf-8") as handle:
        handle.write(json.dumps(entry, ensure_ascii=False) + "\n")
    assert _errors(check(folder)) == []
    kb = load_kb_from(folder)
    assert kb.version != get_enricher().kb.version  # documents built before say so in /api/health
    after = Enricher(get_enricher().analyzer, kb).entities(article)["officials"]
    assert [(o["id"], o["discovered"]) for o in after] == [("rhim-jan-nzrvf", False)]


def test_every_official_organisation_and_country_has_english_names_with_variants():
    from search.entities.kb import load_kb

    kb = load_kb()
    for table in (kb.officials, kb.organizations, kb.countries):
        for entry in table.values():
            assert entry.aliases_en and entry.aliases_en[0] == entry.name_en, entry.id
    assert "Abbas Araqchi" in kb.officials["abbas-araghchi"].aliases_en
    assert {"Hassan Rohani", "Hasan Rouhani"} <= set(kb.officials["hassan-rouhani"].aliases_en)
    assert "Muhammad bin Salman" in kb.officials["mohammed-bin-salman"].aliases_en
    assert "Hizbullah" in kb.organizations["hezbollah"].aliases_en
    assert {"Türkiye", "Turkey"} <= set(kb.countries["TR"].aliases_en)
    assert "Bosnia and Herzegovina" in kb.countries["BA"].aliases_en
