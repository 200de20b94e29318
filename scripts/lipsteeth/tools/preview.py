"""Serve a built site on 127.0.0.1 as a production host would: compressed with gzip.

For looking at `site/` after `make build`, and for Lighthouse runs (`make lighthouse`), whose
performance scores depend on compression the way readers' downloads do.
"""

from __future__ import annotations

import contextlib
import gzip
import http.server
import io
from pathlib import Path

COMPRESSED = (".html", ".css", ".js", ".json", ".svg", ".xml", ".csv")


def handler_for(root: Path) -> type[http.server.SimpleHTTPRequestHandler]:
    class Handler(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, directory=str(root), **kwargs)

        def log_message(self, *args):
            pass

        def send_head(self):
            path = Path(self.translate_path(self.path))
            if path.is_dir():
                path = path / "index.html"
            wants_gzip = "gzip" in self.headers.get("Accept-Encoding", "")
            if not (wants_gzip and path.is_file() and path.suffix in COMPRESSED) or not self.path.split("?")[0].endswith(
                ("/", path.suffix)
            ):
                return super().send_head()
            body = gzip.compress(path.read_bytes(), mtime=0)
            self.send_response(200)
            self.send_header("Content-Type", self.guess_type(str(path)))
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            return io.BytesIO(body)

    return Handler


def serve(root: Path, port: int) -> None:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler_for(root))
    print(f"serving {root} at http://127.0.0.1:{server.server_address[1]}/ (Ctrl-C to stop)", flush=True)
    with contextlib.suppress(KeyboardInterrupt):
        server.serve_forever()
