"""A crawl of the built site: every internal link and anchor resolves."""

from __future__ import annotations

import posixpath
from urllib.parse import unquote, urlsplit

import pytest
from lxml import html as lxml_html

from lipsteeth.analyse import analyses
from lipsteeth.data.validate import load_dataset

from .conftest import ROOT

pytestmark = pytest.mark.slow


def _pages(site):
    for path in sorted(site.rglob("*.html")):
        yield path.relative_to(site).as_posix(), lxml_html.fromstring(path.read_bytes())


def _target(site, page: str, href: str):
    """The file an internal href points at, and its fragment; None for external links."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or href.startswith(("mailto:", "#")) and not parts.fragment:
        return None
    path = unquote(parts.path)
    resolved = posixpath.normpath(posixpath.join(posixpath.dirname(page), path)) if path else page
    candidate = site / resolved
    if candidate.is_dir() or path.endswith("/"):
        candidate = candidate / "index.html"
    return candidate, parts.fragment


def test_every_internal_link_and_anchor_resolves(real_site):
    """Links between pages, and #anchors within them, all land somewhere that exists."""
    ids: dict = {}
    broken = []
    for page, tree in _pages(real_site):
        ids[(real_site / page).resolve()] = set(tree.xpath("//@id"))
    for page, tree in _pages(real_site):
        if page.startswith(("search/", "assets/")) or page == "404.html":
            continue
        # Chart marks are SVG links; they must resolve like any other link.
        for href in tree.xpath("//a/@href | //a/@*[name()='xlink:href']"):
            found = _target(real_site, page, href)
            if found is None:
                continue
            target, fragment = found
            if not target.exists():
                broken.append(f"{page}: {href} (no such page)")
            elif fragment and target.suffix == ".html" and fragment not in ids.get(target.resolve(), set()):
                broken.append(f"{page}: {href} (no such anchor)")
    assert broken == []


def test_from_an_event_page_every_neighbour_is_one_click_away(real_site):
    """An event page links to its people, year, kind, the events before and after it, and the
    nearest nuclear test on each side."""
    dataset = load_dataset(ROOT / "data")
    event = dataset.event_by_id["2005-10-hu-jintao-visits-pyongyang"]
    page = real_site / "events" / event.id / "index.html"
    hrefs = set(lxml_html.fromstring(page.read_bytes()).xpath("//article//a/@href"))
    previous, following = analyses.previous_and_next(dataset, event)
    same_before, same_after = analyses.previous_and_next(dataset, event, event.kind)
    test_before, test_after = analyses.nearest_of_kind(dataset, event, "nuclear-test")
    expected = {f"../../people/{p}/" for p in event.people} | {"../../years/2005/", "../../kinds/visit/"}
    expected |= {f"../{e.id}/" for e in (previous, following, same_before, same_after, test_before, test_after) if e}
    assert expected <= hrefs
    assert len(expected) >= 8


def test_every_chart_is_shown_once_beside_its_text_alternative(real_site):
    """Each chart drawn is inlined on a page, once, and its caption's link to the same facts as
    text resolves (the crawl above checks the target)."""
    from lipsteeth.charts.catalogue import CHARTS

    placed = {name: [] for name in CHARTS}
    for page, tree in _pages(real_site):
        for svg in tree.xpath("//figure[contains(@class, 'lt-chart')]//*[local-name()='svg']"):
            name = next(c.removeprefix("lt-") for c in svg.get("class").split() if c.removeprefix("lt-") in CHARTS)
            placed[name].append(page)
            assert svg.xpath("ancestor::figure[1]/figcaption//a/@href"), (page, name)
    assert placed == {
        "record": ["index.html", "timeline/index.html"],
        "test-to-visit": ["analysis/index.html"],
        "visits-per-year": ["analysis/index.html"],
        "trade": ["analysis/index.html"],
        "levels-per-year": ["analysis/index.html"],
    }
