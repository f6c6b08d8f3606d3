"""HTTP for feeds and pages against a real server on 127.0.0.1: timeouts, errors, politeness, 304s."""

import time
from pathlib import Path

from search.intake.fetch import Fetcher, FetchError
from search.intake.watch import FeedConfig, FeedState, poll_feed
from tests.integration.feeds_server import FeedSite

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "intake"


def test_timeout_and_http_errors_are_fetch_errors_with_the_reason():
    with FeedSite() as site:
        slow = site.put("/slow.xml", "<rss/>")
        site.delays["/slow.xml"] = 2.0
        fetcher = Fetcher(timeout=0.5, per_host_delay=0)
        for url, reason in ((slow, "timed out"), (site.base + "/missing", "HTTP 404")):
            try:
                fetcher.get(url)
            except FetchError as error:
                assert reason in str(error)
            else:
                raise AssertionError(f"{url} should have failed")


def test_requests_to_one_host_are_spaced_and_validators_give_304():
    with FeedSite() as site:
        url = site.put("/feed.xml", "<rss version='2.0'><channel><title>t</title></channel></rss>")
        fetcher = Fetcher(timeout=5, per_host_delay=0.3)
        first = fetcher.get(url)
        started = time.monotonic()
        again = fetcher.get(url, etag=first.etag, last_modified=first.last_modified)
        assert time.monotonic() - started >= 0.25  # the per-host delay was kept
        assert first.status == 200 and again.not_modified and site.statuses("/feed.xml") == [200, 304]


def test_a_failing_feed_is_counted_and_recovers_next_round():
    batches = []
    with FeedSite() as site:
        url = site.base + "/later.xml"
        state = FeedState()
        feed = FeedConfig(url)
        outcome = poll_feed(feed, state, Fetcher(per_host_delay=0), batches.append)
        assert outcome.error and "HTTP 404" in outcome.line() and state.failures == 1
        site.put("/later.xml", (FIXTURES / "rss2.xml").read_bytes())
        outcome = poll_feed(feed, state, Fetcher(per_host_delay=0), batches.append)
    assert outcome.error is None and outcome.new == 2 and state.failures == 0 and len(batches[0]) == 2
