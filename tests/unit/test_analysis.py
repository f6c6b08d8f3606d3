"""Each normalisation and reduction rule, with the spellings real Persian news uses."""

import pytest

from search.analysis import ZWNJ, normalize


@pytest.mark.parametrize("raw, expected", [
    ("وزير كشور", "وزیر کشور"),                       # Arabic yeh and kaf
    ("مدرسة", "مدرسه"),                               # teh marbuta
    ("خانۀ ملت", "خانه ملت"),                          # heh with yeh above
    ("تأکید", "تاکید"), ("إسلام", "اسلام"), ("مؤسسه", "موسسه"),  # hamza forms
    ("مُحَمَّدٌ", "محمد"),                               # harakat, shadda, tanwin
    ("ســـوریه", "سوریه"),                             # kashida
    ("۱۴۰۲ و ٢٠٢٣ و 2024", "1402 و 2023 و 2024"),       # Persian, Arabic-Indic and Latin digits
    ("ایران\u200f", "ایران"), ("\u202bسلام\u202c", "سلام"), ("\ufeffمتن", "متن"),  # bidi marks, BOM
    ("ﺍﻳﺮﺍﻥ", "ایران"),                                # presentation forms
    ("چرا؟؟؟!!!", "چرا؟!"), ("...", "."),               # repeated punctuation
    ("دو  فاصله\tو تب", "دو فاصله و تب"),
])
def test_character_normalisation(raw, expected):
    assert normalize(raw) == expected


@pytest.mark.parametrize("raw, expected", [
    ("می شود", f"می{ZWNJ}شود"), ("نمی خواهد", f"نمی{ZWNJ}خواهد"),          # verb prefixes
    ("کشور ها", f"کشور{ZWNJ}ها"), ("گروه های", f"گروه{ZWNJ}های"),          # plural suffixes
    ("منطقه ای", f"منطقه{ZWNJ}ای"), ("بزرگ ترین", f"بزرگ{ZWNJ}ترین"),        # ای, ترین
    ("عادی سازی", f"عادی{ZWNJ}سازی"),                                      # compound suffix
    (f"تروریست{ZWNJ}{ZWNJ}ها", f"تروریست{ZWNJ}ها"),                         # doubled ZWNJ
    (f"{ZWNJ}ایران {ZWNJ}", "ایران"),                                      # stray ZWNJ at word edges
    ("سیستمی روند", "سیستمی روند"),                                        # می inside a word is not a prefix
    ("ترزا می و آنگلا مرکل", "ترزا می و آنگلا مرکل"),                      # no verb stem is و: a name's می
])
def test_zwnj_placement(raw, expected):
    assert normalize(raw) == expected


@pytest.mark.parametrize("word, term", [
    ("تروریستها", "تروریست"), (f"تروریست{ZWNJ}ها", "تروریست"),   # plural with and without ZWNJ
    ("کشورهای", "کشور"), ("گروههای", "گروه"), ("دیدارها", "دیدار"),
    ("وزیران", "وزیر"), ("آوارگان", "آواره"),                    # -ان and -گان plurals
    ("ویژهای", "ویژه"), (f"منطقه{ZWNJ}ای", "منطقه"),               # ezafe/indefinite after ه
    ("نشستی", "نشست"),                                          # hazm's lemmatizer reads a verb here
    ("سریعتر", "سریع"), ("کتاب‌هایشان", "کتاب"),                   # comparative, plural + pronoun
    ("وزرای", "وزیر"), ("وزرا", "وزیر"), ("اخبار", "خبر"), ("مسائل", "مسئله"),  # curated broken plurals
    ("مذاکرات", "مذاکره"), ("اقدامات", "اقدام"),
    ("مساله", "مسئله"), ("مسأله", "مسئله"),                       # spelling variants
])
def test_reduction(analyzer, word, term):
    assert analyzer.term_of(normalize(word))[0] == term


@pytest.mark.parametrize("name", ["ایران", "امنیت", "تهران", "سوریه", "روسیه", "ترکیه", "آشتیانی", "شویگو"])
def test_names_and_words_the_stemmer_damages_are_protected(analyzer, name):
    assert analyzer.term_of(name) == (name,)


def test_glued_words_are_split_and_kept(analyzer):
    terms = analyzer.term_of("حفظتمامیت")
    assert "حفظ" in terms and "تمامیت" in terms and "حفظتمامیت" in terms
    assert "جریان" in analyzer.term_of("درجریان")


def test_dot_confusion_is_corrected(analyzer):
    # the seed article types چهارحانبه for چهارجانبه
    assert analyzer.term_of("چهارحانبه") == ("چهارجانبه",)


def test_verb_forms_meet_their_lemma(analyzer):
    assert analyzer.term_of(f"نمی{ZWNJ}خواهد") == analyzer.term_of("نمیخواهد")


def test_stopwords_are_dropped_but_news_words_kept(analyzer):
    assert analyzer.terms("و در به از که") == []
    assert "نشست" in analyzer.terms("نشست")  # hazm lists it as a verb stopword; in news it is 'meeting'


def test_query_and_text_variants_meet(analyzer):
    """What a journalist types and what the article says produce the same terms."""
    pairs = [("وزیر دفاع", "وزرای دفاع"), ("وزير خارجه", "وزیر خارجه"), ("هسته ای", "هسته‌ای"),
             ("تروریستها", "تروریست‌ها"), ("۲۰۲۳", "2023"), ("می شود", "میشود"), ("کشور ها", "کشورهای")]
    for query, text in pairs:
        assert analyzer.terms(query) == analyzer.terms(text), (query, text)


def test_seed_article_oddities(analyzer, seed_text):
    terms = set(analyzer.terms(seed_text))
    assert {"حفظ", "تمامیت", "ویژه", "چهارجانبه", "تروریست", "وزیر", "آواره"} <= terms
    assert "ایر" not in terms and "امنی" not in terms  # the stemmer's damage does not happen


def test_analyze_output_shape(analyzer):
    result = analyzer.analyze("وزرای دفاع ايران").as_dict()
    assert result["normalized"] == "وزرای دفاع ایران"
    assert result["tokens"] == ["وزرای", "دفاع", "ایران"]
    assert result["terms"] == ["وزیر", "دفاع", "ایران"]


def test_index_fields_keep_surface_and_terms(analyzer):
    surface, terms = analyzer.index_fields("وزرای دفاع، تروریست‌ها!")
    assert surface == "وزرای دفاع تروریستها"
    assert terms == "وزیر دفاع تروریست"


def test_compounds_are_indexed_joined_and_as_parts(analyzer):
    # every spelling meets: زمین‌لرزه (ZWNJ), زمینلرزه (glued), زمین لرزه (space, as a phrase of the parts)
    assert analyzer.term_of(f"زمین{ZWNJ}لرزه") == ("زمینلرزه", "زمین", "لرزه")
    assert analyzer.term_of("زمینلرزه") == ("زمینلرزه", "زمین", "لرزه")  # the lexicon knows where the ZWNJ goes
    assert analyzer.alternatives("زمین‌لرزه") == [("زمینلرزه",), ("زمین", "لرزه")]
    assert analyzer.joined_form("زمین", "لرزه") == "زمینلرزه"
    assert analyzer.joined_form("وزیر", "دفاع") is None
    # the lexicon writes compounds with ZWNJ; a plural of one still meets its base
    assert analyzer.term_of("کشتیگیران") == ("کشتیگیر",)


def test_hyphenated_and_marked_up_tokens_become_words(analyzer):
    assert analyzer.terms("ایران-روسیه") == ["ایران", "روسیه"]
    assert analyzer.index_fields("<b>ایران</b>") == ("b ایران b", "b ایران b")
    assert analyzer.terms("1402/09/12") == ["1402", "09", "12"]
    assert analyzer.terms("نرخ 3.5 درصد") == ["نرخ", "3.5", "درصد"]


def test_everyday_adjectives_are_known(analyzer):
    assert analyzer.is_common_word("ظریف") and analyzer.is_common_word("نمکی")
    assert not analyzer.is_common_word("شویگو")


def test_faults_seen_in_real_news_without_zwnj(analyzer):
    # suffixes typed without their ZWNJ reduce as with it, and the likelier reading wins
    for flat, base in (("هستهای", "هسته"), ("خانهای", "خانه"), ("پستهای", "پست"), ("دستهای", "دست"),
                       ("نیازهای", "نیاز"), ("ریزگردها", "ریزگرد"), ("میماند", "ماند")):
        assert analyzer.terms(flat) == [base], flat
        assert analyzer.terms(flat) == analyzer.terms(f"{flat[:-3]}{ZWNJ}{flat[-3:]}" if flat.endswith("های")
                                                     else flat), flat
    # prime minister in every spelling, and not just any minister
    assert analyzer.terms("نخست وزیر") == ["نخست", "وزیر"]
    assert analyzer.term_of("نخستوزیر") == analyzer.term_of(f"نخست{ZWNJ}وزیر") == ("نخستوزیر", "نخست", "وزیر")
    assert analyzer.joined_form("نخست", "وزیر") == "نخستوزیر"
    # Urdu/Kurdish letter forms
    assert analyzer.terms("تھران") == analyzer.terms("تهران") == ["تهران"]
    assert analyzer.terms("کۆمەڵگا") == analyzer.terms("کومهلگا")


def test_text_without_any_zwnj_gives_the_same_terms(analyzer):
    """Scraped news loses every ZWNJ: the demo corpus with all of them stripped gives exactly the same terms."""
    import json

    from tests.conftest import DEMO_CORPUS

    articles = [json.loads(line) for line in DEMO_CORPUS.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert sum(ZWNJ in a["body"] for a in articles) > len(articles) // 2
    for article in articles:
        text = f"{article['title']}\n{article['body']}"
        assert analyzer.index_fields(text.replace(ZWNJ, "")) == analyzer.index_fields(text), article["id"]
