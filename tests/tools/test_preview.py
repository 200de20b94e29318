"""`lipsteeth preview` serves the built site compressed, as a production host would."""

from __future__ import annotations

import gzip
import http.server
import threading
import urllib.request

from lipsteeth.tools.preview import handler_for


def test_pages_are_served_gzipped_and_whole(tmp_path):
    """A page asked for with gzip comes back compressed and decompresses to the file."""
    (tmp_path / "events" / "x").mkdir(parents=True)
    page = "<!doctype html><title>x</title>" + "Kim Jong-il " * 200
    (tmp_path / "events" / "x" / "index.html").write_text(page, encoding="utf-8")
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler_for(tmp_path))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/events/x/"
        with urllib.request.urlopen(urllib.request.Request(url, headers={"Accept-Encoding": "gzip"})) as response:
            assert response.headers["Content-Encoding"] == "gzip"
            body = response.read()
        assert len(body) < len(page) and gzip.decompress(body).decode() == page
        with urllib.request.urlopen(url) as response:
            assert response.headers.get("Content-Encoding") is None and response.read().decode() == page
    finally:
        server.shutdown()
