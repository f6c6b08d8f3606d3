"""HTTP GET for feeds and pages: conditional requests (ETag / Last-Modified), a timeout, a size cap and a
polite delay between requests to the same host. The only module of intake that talks to the network."""

from __future__ import annotations

import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from urllib.parse import urlsplit

USER_AGENT = "persian-news-search/0.1 (+news intake; polite, conditional requests)"
MAX_BYTES = 20 * 1024 * 1024


class FetchError(RuntimeError):
    """The address could not be fetched; the message says why (status, timeout, refused connection)."""


@dataclass(frozen=True)
class Response:
    url: str
    status: int  # 200, or 304 when the validators say nothing changed
    body: bytes = b""
    etag: str | None = None
    last_modified: str | None = None
    content_type: str = ""

    @property
    def not_modified(self) -> bool:
        return self.status == 304


@dataclass
class Fetcher:
    timeout: float = 20.0
    per_host_delay: float = 1.0
    _last_request: dict[str, float] = field(default_factory=dict)

    def _wait_for(self, host: str) -> None:
        last = self._last_request.get(host)
        if last is not None:
            pause = self.per_host_delay - (time.monotonic() - last)
            if pause > 0:
                time.sleep(pause)
        self._last_request[host] = time.monotonic()

    def get(self, url: str, etag: str | None = None, last_modified: str | None = None) -> Response:
        self._wait_for(urlsplit(url).netloc.lower())
        headers = {"User-Agent": USER_AGENT, "Accept": "*/*"}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        request = urllib.request.Request(url, headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as answer:
                body = answer.read(MAX_BYTES + 1)
                if len(body) > MAX_BYTES:
                    raise FetchError(f"{url}: larger than {MAX_BYTES // (1024 * 1024)} MB")
                return Response(answer.geturl(), answer.status, body, answer.headers.get("ETag"),
                                answer.headers.get("Last-Modified"), answer.headers.get("Content-Type", ""))
        except urllib.error.HTTPError as error:
            if error.code == 304:
                return Response(url, 304, b"", error.headers.get("ETag") or etag,
                                error.headers.get("Last-Modified") or last_modified)
            raise FetchError(f"{url}: HTTP {error.code} {error.reason}") from None
        except (urllib.error.URLError, TimeoutError, OSError) as error:
            reason = getattr(error, "reason", error)
            raise FetchError(f"{url}: {reason}") from None
