import pytest

from search.cursor import CursorError, attach, decode, encode, request_key
from search.model import Cursor, SearchRequest


def test_cursor_round_trips_through_url_safe_text():
    cursor = Cursor(key="abc", search_after=(1692662400000, 3.5, "demo-001"), seen=20, pit_id="x+y/z==")
    text = encode(cursor)
    assert text.replace("-", "").replace("_", "").isalnum()
    assert decode(text) == cursor


def test_a_cursor_carries_the_totals_counted_on_its_point_in_time():
    cursor = Cursor(key="abc", search_after=("2023-01-01", "a"), seen=20, pit_id="p", totals=(12_345, 9_000, None))
    assert decode(encode(cursor)).totals == (12_345, 9_000, None)


def _payload(**fields) -> str:
    import base64
    import json

    payload = {"v": 1, "k": "k", "a": ["a"], "n": 0, **fields}
    return base64.urlsafe_b64encode(json.dumps(payload).encode()).decode().rstrip("=")


@pytest.mark.parametrize("text", ["", "not-a-cursor", "eyJ2IjoxfQ", encode(Cursor("k", (), 0)),
                                  _payload(t=[1, 2]), _payload(t=[-1, None, None]), _payload(t=["1", 1, 1]),
                                  _payload(t=[True, 1, 1])])
def test_garbage_cursors_are_refused_with_a_message(text):
    with pytest.raises(CursorError, match="cursor"):
        decode(text)


def test_a_cursor_only_continues_its_own_search():
    request = SearchRequest(query="تحریم", filters={"countries": ("IR",)}, sort="newest")
    text = encode(Cursor(request_key(request), ("2023-01-01", "a"), 10))
    assert attach(request, text).cursor.seen == 10
    # the page size may change between steps; the search may not
    assert request_key(SearchRequest(query="تحریم", filters={"countries": ("IR",)}, sort="newest", size=50)) \
        == request_key(request)
    with pytest.raises(CursorError, match="different search"):
        attach(SearchRequest(query="تحریم", sort="newest"), text)
