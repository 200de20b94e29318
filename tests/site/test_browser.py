"""The built site in a real browser: Debian's chromium driven by Playwright, served on 127.0.0.1.

.ci/run installs chromium with apt; locally, `apt-get install chromium` (or set LIPSTEETH_CHROMIUM
to another Chromium binary). Without a browser these tests fail in CI and skip elsewhere, saying why.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from lipsteeth.charts.style import THEMES
from lipsteeth.tools.screenshot import CHROMIUM_ARGS

pytestmark = [pytest.mark.slow, pytest.mark.browser]

playwright_api = pytest.importorskip("playwright.sync_api")
CHROMIUM = os.environ.get("LIPSTEETH_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
if not CHROMIUM:
    if os.environ.get("CI"):
        pytest.fail("CI must install Debian's chromium (see .ci/run)", pytrace=False)
    pytest.skip("no chromium on this machine: apt-get install chromium", allow_module_level=True)

# The flags a headless Chromium needs here (no sandbox as root, no background requests to other hosts,
# which would also break the "no request leaves 127.0.0.1" check): the screenshot command's own.
ARGS = list(CHROMIUM_ARGS)
PAGES = {
    "home": "",
    "timeline": "timeline/",
    "event": "events/2005-10-hu-jintao-visits-pyongyang/",
    "person": "people/kim-jong-il/",
    "year": "years/2009/",
    "kind": "kinds/nuclear-test/",
    "era": "eras/hu-jintao-kim-jong-il/",
    "claim": "claims/hu-jintao-visit-in-2006/",
    "claims": "claims/",
    "article": "article/",
    "analysis": "analysis/",
}


@pytest.fixture(scope="module")
def server(real_site):
    handler = functools.partial(_QuietHandler, directory=str(real_site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def browser():
    with playwright_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.errors = []
    page.requests = []
    page.on("console", lambda m: page.errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    page.on("request", lambda r: page.requests.append(r.url))
    yield page
    context.close()


@pytest.mark.parametrize("name", PAGES)
def test_page_renders_without_errors_and_asks_no_other_host(page, server, name):
    """Each kind of page loads with no console error, and every request stays on 127.0.0.1."""
    page.goto(server + PAGES[name], wait_until="networkidle")
    assert page.locator("h1").count() == 1
    assert page.errors == []
    hosts = {urlsplit(url).hostname for url in page.requests if not url.startswith(("data:", "blob:"))}
    assert hosts == {"127.0.0.1"}


def test_clicking_a_chart_mark_opens_its_event(page, server):
    """The record chart's marks are links: clicking one lands on that event's page."""
    page.goto(server, wait_until="networkidle")
    mark = page.locator("figure.lt-chart svg a").filter(has=page.locator("title")).first
    href = mark.get_attribute("href")
    mark.click()
    page.wait_for_load_state("networkidle")
    assert page.url == server + href
    assert page.locator("h1").count() == 1


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Kim Jong Il", "people/kim-jong-il/"),  # a romanization variant finds the person
        ("김정일", "people/kim-jong-il/"),  # so does the Korean script
        ("Chong-il Beijing 2000", "events/2000-05-kim-jong-il-visits-beijing/"),  # a variant finds his visit
        ("胡锦涛 Pyongyang 2005", "events/2005-10-hu-jintao-visits-pyongyang/"),  # Chinese script finds Hu's visit
    ],
)
def test_search_finds_by_any_spelling(page, server, query, expected):
    """The search box finds people and events by a romanization variant or a native-script name,
    among the first ten results."""
    page.goto(server, wait_until="networkidle")
    box = page.locator(".md-search__input")
    box.click()
    box.fill(query)
    box.press("End")  # the theme searches on key events; fill() alone sends none
    results = page.locator(".md-search-result__link")
    results.first.wait_for(timeout=10_000)
    hrefs = [results.nth(i).get_attribute("href").split("?")[0] for i in range(min(results.count(), 10))]
    assert server + expected in hrefs, hrefs


def test_dark_palette_shows_the_dark_chart(page, server):
    """Switching to the dark palette repaints the chart in the dark theme's colours: its text and
    North Korea's visits, whose light colours would be too dark on slate."""
    page.goto(server, wait_until="networkidle")
    text = page.locator("figure.lt-chart svg text").first
    visit = page.locator("figure.lt-chart svg a[data-event='2000-05-kim-jong-il-visits-beijing'] path").last  # its mark

    def colours() -> tuple[str, str]:
        return text.evaluate("e => getComputedStyle(e).fill"), visit.evaluate("e => getComputedStyle(e).fill")

    assert colours() == (rgb(THEMES["light"].text), rgb(THEMES["light"].colours["kp-visit"]))
    page.locator("label[for='__palette_1']").first.click()
    assert page.locator("body").get_attribute("data-md-color-scheme") == "slate"
    assert colours() == (rgb(THEMES["dark"].text), rgb(THEMES["dark"].colours["kp-visit"]))


def rgb(colour: str) -> str:
    """'#56B4E9' as getComputedStyle writes it: 'rgb(86, 180, 233)'."""
    return "rgb({}, {}, {})".format(*(int(colour[i : i + 2], 16) for i in (1, 3, 5)))


@pytest.mark.parametrize("scheme", ["default", "slate"])
@pytest.mark.parametrize("name", PAGES)
def test_no_accessibility_violations(page, server, name, scheme):
    """axe-core finds nothing on one page of every type, in both palettes."""
    axe = pytest.importorskip("axe_playwright_python.sync_playwright")
    page.add_init_script(
        f"localStorage.setItem('/.__palette', JSON.stringify({{index: {0 if scheme == 'default' else 1}, color: {{scheme: '{scheme}'}}}}))"
    )
    page.goto(server + PAGES[name], wait_until="networkidle")
    assert page.locator("body").get_attribute("data-md-color-scheme") == scheme
    results = axe.Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


def test_keyboard_reaches_the_content_links(page, server):
    """Tabbing from the top reaches the links in the page body (skip link, then content)."""
    page.goto(server + PAGES["event"], wait_until="networkidle")
    reached = set()
    for _ in range(60):
        page.keyboard.press("Tab")
        reached.add(page.evaluate("document.activeElement && document.activeElement.getAttribute('href')"))
    assert "../../people/hu-jintao/" in reached


def test_the_readme_picture_is_the_home_page_as_drawn(real_site, tmp_path):
    """`lipsteeth screenshot` draws the home page at 1280×800 (a real picture: many colours, the
    site's title readable at the top), and the README shows the committed copy."""
    from PIL import Image

    from lipsteeth.cli import SCREENSHOT

    out = tmp_path / "home.png"
    # As a user runs it: a process of its own (this module's browser already holds Playwright's loop here).
    command = [sys.executable, "-m", "lipsteeth.cli", "screenshot", "--site-dir", str(real_site), "--out", str(out)]
    shot = subprocess.run(command, capture_output=True, text=True, check=False)
    assert shot.returncode == 0, shot.stderr
    with Image.open(out) as picture:
        assert picture.size == (1280, 800)
        assert len(picture.convert("RGB").getcolors(maxcolors=1 << 20)) > 50
    root = Path(__file__).resolve().parents[2]
    assert (root / SCREENSHOT).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert f"]({SCREENSHOT.as_posix()})" in (root / "README.md").read_text(encoding="utf-8")


def test_screenshot_without_a_built_site_says_so(tmp_path, capsys):
    from lipsteeth.cli import main

    assert main(["screenshot", "--site-dir", str(tmp_path), "--out", str(tmp_path / "x.png")]) == 2
    assert "no built site" in capsys.readouterr().err
    assert not (tmp_path / "x.png").exists()
