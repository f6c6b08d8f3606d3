"""Near-duplicate grouping without a server: the in-load memory of StoryGrouper."""

import zlib

from search.model import Article
from search.stories import StoryGrouper, fingerprint, similarities, similarity

REPORT = ("به گزارش ایرنا، وزرای خارجه ایران، روسیه، ترکیه و سوریه روز چهارشنبه در مسکو گرد هم آمدند تا درباره "
          "راه‌های عادی‌سازی روابط آنکارا و دمشق گفت‌وگو کنند. سرگئی لاوروف، وزیر خارجه روسیه، میزبان این نشست بود "
          "و گفت که همکاری‌های منطقه‌ای ادامه خواهد داشت. وزیر خارجه ترکیه نیز بر لزوم بازگشت آوارگان سوری تأکید کرد.")
# Another outlet's copy: Arabic letters, half-spaces dropped, a sentence added, the headline changed
REWRITE = ("وزراي خارجه ايران، روسيه، ترکيه و سوريه روز چهارشنبه در مسکو گرد هم آمدند تا درباره راه های عادی سازی "
           "روابط آنکارا و دمشق گفتگو کنند. سرگئی لاوروف، وزیر خارجه روسیه، میزبان این نشست بود و گفت که همکاری های "
           "منطقه ای ادامه خواهد داشت. وزیر خارجه ترکیه نیز بر لزوم بازگشت آوارگان سوری تأکید کرد. "
           "این نخستین نشست چهارجانبه در سطح وزیران است.")
OTHER = ("زمین‌لرزه‌ای به بزرگی پنج ریشتر بامداد امروز استان کرمان را لرزاند. به گفته مسئولان هلال احمر، "
         "خسارتی گزارش نشده و تیم‌های امدادی به روستاهای اطراف اعزام شده‌اند تا وضعیت ساختمان‌ها را بررسی کنند.")


def _doc(enricher, article_id, body, title="تیتر"):
    return enricher.document(Article(id=article_id, body=body, title=title))


def test_rewritten_copy_is_similar_and_another_story_is_not(analyzer):
    report, rewrite, other = (fingerprint(analyzer.terms(t)) for t in (REPORT, REWRITE, OTHER))
    assert similarity(report.signature, rewrite.signature) >= 0.5
    assert similarity(report.signature, other.signature) < 0.1
    assert set(report.bands) & set(rewrite.bands)
    assert fingerprint(analyzer.terms("خبر کوتاه")) is None  # too short to call two the same


def test_grouper_joins_copies_to_the_first_telling(enricher):
    docs = [_doc(enricher, "a", REPORT), _doc(enricher, "b", OTHER), _doc(enricher, "c", REWRITE, "تیتر دیگر"),
            _doc(enricher, "d", REPORT, "همان متن، نشانی دیگر")]
    grouper = StoryGrouper()
    grouper.assign(docs[:2])
    grouper.assign(docs[2:])  # a later batch of the same load
    assert [d["story_id"] for d in docs] == ["a", "b", "a", "a"]


def test_a_resent_article_keeps_its_story(enricher):
    stored = _doc(enricher, "c", REWRITE)
    stored["story_id"] = "a"
    grouper = StoryGrouper(lookup=lambda bands: [[stored] for _ in bands])
    again = _doc(enricher, "c", REWRITE + " (به‌روزرسانی)")
    grouper.assign([again])
    assert again["story_id"] == "a"


def test_without_the_stored_lookup_a_load_still_groups_its_own_copies(enricher):
    """What the indexer does loading into an empty index: no lookup sent, copies within the load grouped."""
    def lookup(bands):
        raise AssertionError("no lookup into an empty index")

    docs = [_doc(enricher, "a", REPORT), _doc(enricher, "b", OTHER), _doc(enricher, "c", REWRITE)]
    grouper = StoryGrouper(lookup=lookup)
    grouper.assign(docs[:2], look_up_stored=False)
    grouper.assign(docs[2:], look_up_stored=False)
    assert [d["story_id"] for d in docs] == ["a", "b", "a"]


def test_signature_is_datasketchs_minhash(analyzer):
    """The numpy signature stays the one datasketch computes with the shingle hash, so stored signatures and band
    keys keep matching; a band's key is its prefix and its three values."""
    import base64

    import numpy as np
    from datasketch import MinHash

    from search.stories import BANDS, NUM_PERM, ROWS, shingle_hash, shingles

    for text in (REPORT, REWRITE, OTHER, REPORT + " " + REPORT):  # the last: every shingle twice
        terms = analyzer.terms(text)
        minhash = MinHash(num_perm=NUM_PERM, seed=20240521, scheme="affine32", hashfunc=shingle_hash)
        minhash.update_batch(list(shingles(terms)))
        expected = minhash.hashvalues.astype(np.uint32)
        found = fingerprint(terms)
        assert np.array_equal(found.signature, expected)
        assert found.bands == tuple(
            f"b{band:02d}{base64.b64encode(expected[band * ROWS:(band + 1) * ROWS].astype('<u4').tobytes()).decode()}"
            for band in range(BANDS))
        assert len(set(found.bands)) == BANDS


def test_shingle_hash_tells_term_order_and_terms_apart():
    from search.stories import shingle_hash

    assert shingle_hash("وزیر خارجه روسیه") == shingle_hash("وزیر خارجه روسیه")
    assert len({shingle_hash(s) for s in ("وزیر خارجه روسیه", "خارجه وزیر روسیه", "روسیه خارجه وزیر",
                                          "وزیر خارجه ترکیه", "وزیر خارجه")}) == 5
    assert shingle_hash("ایران") == zlib.crc32("ایران".encode("utf-8"))  # the same in every process


def test_similarities_in_one_comparison_are_the_pairwise_ones(analyzer):
    report, rewrite, other = (fingerprint(analyzer.terms(t)).signature for t in (REPORT, REWRITE, OTHER))
    others = [rewrite, other, report, report[:60]]  # the last: a signature of another length compares as 0
    assert similarities(report, others) == [similarity(report, o) for o in others]
    assert similarities(report, others)[2] == 1.0 and similarities(report, others)[3] == 0.0
    assert similarities(report, []) == []


def _reference_story_ids(docs, threshold=0.4):
    """What StoryGrouper computes without a stored look-up, written the plain way: every earlier article of the
    load that shares a band is a candidate, the most similar one (ties: the larger id) at the threshold gives its
    story, an article's own earlier version wins; a re-send keeps its first bands."""
    from search.stories import decode_signature

    seen, bands_of, stories = {}, {}, []
    for doc_id, bands, encoded in docs:
        if not bands:
            stories.append(doc_id)
            continue
        signature = decode_signature(encoded)
        scored = [(similarity(signature, seen[other][0]), other, seen[other][1]) for other in seen
                  if set(bands_of[other]) & set(bands)]
        scored = [s for s in scored if s[0] >= threshold]
        own = [s for s in scored if s[1] == doc_id]
        story = own[0][2] if own else max(scored)[2] if scored else doc_id
        bands_of.setdefault(doc_id, bands)
        seen[doc_id] = (signature, story)
        stories.append(story)
    return stories


def test_grouping_a_generated_load_is_the_plain_pairwise_grouping(analyzer):
    """The grouper's packed memory (rows, a band -> rows dict) groups like comparing every earlier article that
    shares a band, re-sends and articles too short to compare included."""
    from search.generate import generate

    docs = []
    for article in generate(400, seed=5):
        found = fingerprint(analyzer.terms(article["body"]))
        docs.append((article["id"], found.bands if found else (), found.encoded() if found else None))
    docs += [docs[7], docs[30], ("short", (), None)]  # re-sent in the same load
    grouper = StoryGrouper()
    stories = grouper.story_ids(docs[:150], look_up_stored=False) + grouper.story_ids(docs[150:], False)
    assert stories == _reference_story_ids(docs)
    assert len(set(stories)) < len(docs) - 10  # the generator's re-publications are grouped


def test_a_band_remembers_only_its_latest_articles():
    """A band key shared by many articles of a load (templated text) keeps only the latest `band_memory` of them as
    candidates, so an article's cost does not grow with the load; a copy found through another band still joins."""
    import numpy as np

    from search.stories import NUM_PERM, encode_signature

    rng = np.random.default_rng(1)
    first = rng.integers(0, 2**32, NUM_PERM, dtype=np.uint32)
    docs = [("first", ("shared", "own-first"), encode_signature(first))]
    docs += [(f"other{i}", ("shared", f"own{i}"), encode_signature(rng.integers(0, 2**32, NUM_PERM, dtype=np.uint32)))
             for i in range(5)]
    copy_by_shared = ("copy", ("shared",), encode_signature(first))
    copy_by_own = ("copy2", ("own-first",), encode_signature(first))
    assert StoryGrouper(band_memory=3).story_ids([*docs, copy_by_shared, copy_by_own], False)[-2:] == ["copy", "first"]
    assert StoryGrouper(band_memory=100).story_ids([*docs, copy_by_shared], False)[-1] == "first"
