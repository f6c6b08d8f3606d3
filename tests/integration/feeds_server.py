"""A real HTTP server on 127.0.0.1 (random port, in-process thread) serving feeds and pages the tests write,
with ETag / Last-Modified validators answered by 304 like a well-behaved news site."""

from __future__ import annotations

import hashlib
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class FeedSite:
    def __init__(self) -> None:
        self.files: dict[str, tuple[bytes, str]] = {}
        self.log: list[tuple[str, int]] = []  # (path, status) of every request
        self.delays: dict[str, float] = {}  # path -> seconds to wait before answering (a slow site)
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 (the http.server naming)
                time.sleep(site.delays.get(self.path, 0))
                found = site.files.get(self.path)
                if found is None:
                    self._answer(404, b"not found", "text/plain")
                    return
                body, content_type = found
                etag = '"' + hashlib.sha1(body).hexdigest()[:12] + '"'
                modified = "Wed, 10 May 2023 09:30:00 GMT"
                if self.headers.get("If-None-Match") == etag:
                    self._answer(304, b"", content_type, etag, modified)
                else:
                    self._answer(200, body, content_type, etag, modified)

            def _answer(self, status, body, content_type, etag=None, modified=None) -> None:
                site.log.append((self.path, status))
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                if etag:
                    self.send_header("ETag", etag)
                    self.send_header("Last-Modified", modified)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> FeedSite:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.delays.clear()
        self.server.shutdown()
        self.server.server_close()

    def put(self, path: str, body: str | bytes, content_type: str = "application/rss+xml; charset=utf-8") -> str:
        self.files[path] = (body.encode("utf-8") if isinstance(body, str) else body, content_type)
        return self.base + path

    def statuses(self, path: str) -> list[int]:
        return [status for p, status in self.log if p == path]
