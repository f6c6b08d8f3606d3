"""The relevance harness measures what it says: graded nDCG@10 and recall@10, and a peer baseline that is really
Lucene's PersianAnalyzer (Elasticsearch's `persian` analyzer)."""

import shutil

import pytest

from bench.relevance import ndcg, recall


def test_ndcg_and_recall_on_graded_judgments():
    grades = {"a": 2, "b": 1, "c": 1}
    assert ndcg(["a", "b", "c"], grades) == pytest.approx(1.0)
    assert ndcg(["b", "a", "c"], grades) < ndcg(["a", "b", "c"], grades)
    assert ndcg(["x", "y"], grades) == 0.0
    assert recall(["a", "x", "c"], grades) == pytest.approx(2 / 3)


@pytest.mark.skipif(shutil.which("mvn") is None, reason="the persian-analyzer baseline needs Maven to fetch Lucene")
def test_peer_is_lucenes_persian_analyzer():
    from bench.peer import persian_tokens

    # Lucene folds to Arabic letters, splits at ZWNJ, drops stopwords, stems lightly; one JVM for the batch
    tokens = persian_tokens(["کتاب‌ها و وزرای دفاع", "", "سه\nخط\rمتن"])
    assert tokens[0] == "كتاب وزرا دفاع"
    assert tokens[1] == ""
    assert len(tokens) == 3 and tokens[2].split() == ["سه", "خط", "متن"]
