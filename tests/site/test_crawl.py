"""A crawl of the built site: every internal link and anchor resolves."""

from __future__ import annotations

import pytest
from lxml import html as lxml_html

from lipsteeth.analyse import chronology
from lipsteeth.data.validate import load_dataset

from ..conftest import ROOT
from .site_links import broken_links, pages

pytestmark = pytest.mark.slow


def test_every_internal_link_and_anchor_resolves(real_site):
    """Links between pages, and #anchors within them, all land somewhere that exists."""
    assert broken_links(real_site) == []


def test_from_an_event_page_every_neighbour_is_one_click_away(real_site):
    """An event page links to its people, year, kind, the events before and after it, and the
    nearest nuclear test on each side."""
    dataset = load_dataset(ROOT / "data")
    event = dataset.event_by_id["2005-10-hu-jintao-visits-pyongyang"]
    page = real_site / "events" / event.id / "index.html"
    hrefs = set(lxml_html.fromstring(page.read_bytes()).xpath("//article//a/@href"))
    previous, following = chronology.previous_and_next(dataset, event)
    same_before, same_after = chronology.previous_and_next(dataset, event, event.kind)
    test_before, test_after = chronology.nearest_of_kind(dataset, event, "nuclear-test")
    expected = {f"../../people/{p}/" for p in event.people} | {"../../years/2005/", "../../kinds/visit/"}
    expected |= {f"../{e.id}/" for e in (previous, following, same_before, same_after, test_before, test_after) if e}
    assert expected <= hrefs
    assert len(expected) >= 8


def test_every_chart_is_shown_once_beside_its_text_alternative(real_site):
    """Each chart drawn is inlined on a page, once, and its caption's link to the same facts as
    text resolves (the crawl above checks the target)."""
    from lipsteeth.charts.catalogue import CHARTS

    placed = {name: [] for name in CHARTS}
    for page, tree in pages(real_site):
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
