from search.spelling import candidates, choose_correction, query_words, variants


def test_variants_cover_the_persian_confusions():
    assert "دفاع" in variants("دفاغ")  # dots
    assert "سوریه" in variants("صوریه")  # same sound
    assert "مسئله" in variants("مسیله")  # hamza seat
    assert "وزیر خارجه" in variants("وزیرخارجه")  # glued words


def test_only_words_no_article_holds_are_corrected():
    index = {"وزیر": 9, "دفاع": 7, "دفاق": 1, "ریزگرد": 4, "ریز": 2, "گرد": 3}
    count = index.get
    query = "وزیر دفاغ"
    assert choose_correction(query, candidates(query_words(query)), lambda t: index.get(t, 0)) == "وزیر دفاع"
    assert choose_correction("وزیر دفاع", candidates(["وزیر", "دفاع"]), count) is None
    # a word typed apart that the index holds as one
    index["زلزلهزده"] = 3
    assert choose_correction("زلزله زده", candidates(["زلزله", "زده"]), lambda t: index.get(t, 0)) == "زلزلهزده"
    # a stopword (no terms to count) is never "corrected"
    assert choose_correction("از دفاع", candidates(["از", "دفاع"]), lambda t: None if t == "از" else index.get(t, 0)) \
        is None
    # exclusions, phrases and OR are kept as typed
    query = 'دفاغ -وزیر "ریز گرد"'
    assert choose_correction(query, candidates(query_words(query)), lambda t: index.get(t, 0)) \
        == 'دفاع -وزیر "ریز گرد"'


def test_latin_words_get_no_persian_letter_variants():
    assert candidates(["Shoigu", "دفاغ"]).options.keys() == {1}
