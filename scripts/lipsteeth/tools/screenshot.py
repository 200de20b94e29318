"""A picture of the built site for the README: the home page in Debian's Chromium, as a reader sees it.

`make screenshot` builds the site, serves it on 127.0.0.1 and saves the page as a PNG, written
atomically. Playwright drives the browser (the test extra installs it); no browser is downloaded.
"""

from __future__ import annotations

import os
import shutil
import threading
from contextlib import contextmanager
from http.server import ThreadingHTTPServer
from pathlib import Path

from ..atomic import write_atomically
from .preview import handler_for

# The flags a headless Chromium needs here: no sandbox as root, no background requests to other hosts.
CHROMIUM_ARGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)
VIEWPORT = {"width": 1280, "height": 800}


class NoBrowser(Exception):
    """No Chromium, or no Playwright, to take the picture with; the message says what to install."""


def chromium() -> str:
    found = os.environ.get("LIPSTEETH_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    if not found:
        raise NoBrowser("no Chromium found: install Debian's chromium (apt-get install chromium) or set LIPSTEETH_CHROMIUM")
    return found


@contextmanager
def served(site: Path):
    """The site on a free port of 127.0.0.1, for as long as the block runs."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler_for(site))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def take(site: Path, out: Path, page: str = "", *, dark: bool = False) -> Path:
    """Save `page` of the built `site` (its home page by default) as a PNG at `out`."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as exc:
        raise NoBrowser("Playwright is missing: run `make install`, which installs the test tools") from exc
    executable = chromium()
    with served(site) as address, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=list(CHROMIUM_ARGS))
        try:
            context = browser.new_context(viewport=VIEWPORT, color_scheme="dark" if dark else "light")
            view = context.new_page()
            view.goto(address + page, wait_until="networkidle")
            picture = view.screenshot(full_page=False)
        finally:
            browser.close()
    out.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(out, picture)
    return out
