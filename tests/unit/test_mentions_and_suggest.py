from search.entities.kb import load_kb
from search.mentions import find_mentions, token_offsets
from search.suggest import Suggester


def test_tokens_are_found_in_text_written_with_arabic_letters_and_odd_spacing(analyzer):
    text = "وزراي دفاع  مي شود كشور ها ۱۴۰۲ !!!"
    tokens = analyzer.tokens(analyzer.normalize(text))
    offsets = token_offsets(text, tokens)
    assert None not in offsets
    pieces = [text[s:e] for s, e in offsets]
    assert pieces[0] == "وزراي" and "مي شود" in pieces and "كشور ها" in pieces and "۱۴۰۲" in pieces


def test_mentions_point_into_title_and_body(enricher, analyzer):
    title = "دیدار پوتین و اردوغان"
    body = "ولاديمير پوتين، رئیس‌جمهور روسیه، با رجب طیب اردوغان در آنکارا دیدار کرد."
    mentions = find_mentions(enricher.matcher, analyzer, load_kb(), title, body)
    texts = {(m["field"], m["text"], m["id"]) for m in mentions}
    assert ("body", "ولاديمير پوتين", "vladimir-putin") in texts
    assert ("body", "رجب طیب اردوغان", "recep-tayyip-erdogan") in texts
    assert ("body", "روسیه", "RU") in texts
    assert any(field == "title" for field, _, _ in texts)
    for m in mentions:
        assert (title if m["field"] == "title" else body)[m["start"]:m["end"]] == m["text"]


def test_suggestions_rank_name_starts_first_and_filter_by_type():
    suggester = Suggester(load_kb())
    assert suggester.suggest("پوتی")[0]["id"] == "vladimir-putin"
    assert suggester.suggest("putin")[0]["id"] == "vladimir-putin"
    assert suggester.suggest("Gutteres")[0]["id"] == "antonio-guterres"  # one letter off
    assert all(s["type"] == "organization" for s in suggester.suggest("سازمان", "organization"))
    assert suggester.suggest("   ") == []
