"""The command line without Elasticsearch: analyze and enrich print what the index would get."""

import json

import pytest

from search.cli import build_parser, main


def test_analyze_prints_normalized_tokens_and_terms(capsys):
    assert main(["analyze", "وزرای", "دفاع", "روسيه"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out == {"normalized": "وزرای دفاع روسیه", "tokens": ["وزرای", "دفاع", "روسیه"],
                   "terms": ["وزیر", "دفاع", "روسیه"]}


def test_enrich_prints_one_document_per_article_and_reports_rejects(tmp_path, capsys, seed_text):
    (tmp_path / "seed.txt").write_text(seed_text, encoding="utf-8")
    (tmp_path / "more.jsonl").write_text('{"id": "x1", "body": "زلزله در هرات"}\n{"title": "no body"}\n',
                                         encoding="utf-8")
    assert main(["enrich", str(tmp_path)]) == 0
    captured = capsys.readouterr()
    docs = [json.loads(line) for line in captured.out.splitlines()]
    assert [d["id"] for d in docs][0] == "x1" and len(docs) == 2
    seed = docs[1]
    assert {"id", "countries", "officials", "organizations", "topics", "dateline"} <= set(seed)
    assert {c["id"] for c in seed["countries"]} == {"IR", "RU", "SY", "TR"}
    assert "missing or empty 'body'" in captured.err
    assert main(["enrich", "--strict", str(tmp_path)]) == 1


def test_bad_configuration_stops_with_one_sentence(monkeypatch, tmp_path):
    monkeypatch.setenv("ES_URL", "not-a-url")
    with pytest.raises(SystemExit) as stop:
        main(["index", str(tmp_path)])
    assert str(stop.value).startswith("configuration error: ES_URL must be")


def test_help_lists_every_command():
    help_text = build_parser().format_help()
    for command in ("index", "analyze", "enrich", "search", "serve"):
        assert command in help_text
