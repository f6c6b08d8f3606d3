import pytest

from search.entities.kb import load_kb
from search.latin import fold, is_latin_word, latin_names, name_key


def test_fold_removes_diacritics_and_case():
    assert fold("Erdoğan") == "erdogan"
    assert fold("António GUTERRES") == "antonio guterres"
    assert fold("Al-Sudani") == "al sudani"


def test_romanisation_variants_share_a_key():
    assert name_key("Araghchi") == name_key("Araqchi")
    assert name_key("Khamenei") == name_key("Xamenei")
    assert name_key("Rouhani") == name_key("Ruhani")


@pytest.mark.parametrize("text, official", [
    ("Shoigu", "sergei-shoigu"), ("Sergei Shoigu", "sergei-shoigu"), ("shoygu", "sergei-shoigu"),
    ("Putin", "vladimir-putin"), ("Guterres", "antonio-guterres"), ("Gutteres", "antonio-guterres"),
    ("Erdoğan", "recep-tayyip-erdogan"), ("Erdogan", "recep-tayyip-erdogan"),
    ("Araghchi", "abbas-araghchi"), ("Araqchi", "abbas-araghchi"), ("Araghchy", "abbas-araghchi"),
])
def test_latin_names_resolve_to_officials(text, official):
    matches = latin_names(load_kb()).lookup(text)
    assert [m.id for m in matches] == [official]
    assert matches[0].field == "officials" and matches[0].persian_names


def test_short_and_ordinary_words_do_not_resolve_fuzzily():
    names = latin_names(load_kb())
    assert names.lookup("sanctions") == [] and names.lookup("oil") == [] and names.lookup("the") == []
    assert [m.id for m in names.lookup("IAEA")] == ["iaea"]


def test_latin_word_detection():
    assert is_latin_word("Erdoğan") and is_latin_word("OPEC+") and not is_latin_word("پوتین")
    assert not is_latin_word("2023")
