"""The SVG pass without drawing a chart (charts.svg.finish_svg), on a small SVG shaped as matplotlib
writes one: one link and one title per event, unique ids, colours as CSS variables, nothing page-wide."""

from __future__ import annotations

import pytest
from lxml import etree

from lipsteeth.charts.style import STAND_INS, variable
from lipsteeth.charts.svg import SVG, XLINK, finish_svg

PAGE, TEXT = STAND_INS["page"], STAND_INS["text"]
BASE = "LT-ROOT/"
TITLES = {"a": "31 August 1998: <Taepodong> & more", "b": "29 May 2000: a visit"}


def matplotlib_svg(*, extra: str = "", a_clipped_again: bool = False) -> str:
    """What matplotlib writes for two events: event a is drawn twice (its span, then its mark)."""
    clip = ' clip-path="url(#p1)"' if a_clipped_again else ""
    return f"""<?xml version="1.0" encoding="utf-8" standalone="no"?>
<svg xmlns:xlink="{XLINK}" width="720pt" height="288pt" viewBox="0 0 720 288" xmlns="{SVG}" version="1.1">
 <metadata><title>chart</title></metadata>
 <defs><style type="text/css">*{{stroke-linejoin: round; stroke-linecap: butt}}</style></defs>
 <g id="figure_1">
  <g id="patch_1"><path d="M 0 0 L 720 0" style="fill: {PAGE}; stroke: {TEXT}"/></g>
  <defs><clipPath id="p1"><rect x="0" y="0" width="10" height="10"/></clipPath><path id="m1" d="M 0 1"/></defs>
  <g id="spans" clip-path="url(#p1)">
   <a xlink:href="events/a/" target="_blank"><path d="M 1 1" fill="{TEXT}"/></a>
  </g>
  <g id="marks"{clip}>
   <a xlink:href="events/a/" target="_blank"><circle r="2"/></a>
   <a xlink:href="events/b/" target="_blank"><circle r="3"/></a>
  </g>
  <g id="ends"><a xlink:href="events/b/" target="_blank"><circle r="4"/></a></g>
  <use xlink:href="#m1" x="3"/>
  <path d="M 2 2" clip-path="url(#elsewhere)"/>
  {extra}
 </g>
</svg>
"""


def finish(svg: str | None = None) -> str:
    return finish_svg(svg or matplotlib_svg(), prefix="lt-record-", label="The record, 1998 to 2006.", base=BASE, titles=TITLES)


def finished(svg: str | None = None) -> etree._Element:
    return etree.fromstring(finish(svg).encode("utf-8"))


def q(name: str) -> str:
    return f"{{{SVG}}}{name}"


def test_the_root_is_sized_by_its_page_and_labelled():
    root = finished()
    assert "width" not in root.attrib and "height" not in root.attrib
    assert root.get("viewBox") == "0 0 720 288"
    assert root.get("class") == "lt-chart lt-record"
    assert root.get("aria-label") == "The record, 1998 to 2006."


def test_nothing_page_wide_is_left():
    """matplotlib's <style> would style the whole page; its metadata is noise. A <defs> left empty goes too."""
    root = finished()
    assert root.findall(f".//{q('style')}") == [] and root.findall(q("metadata")) == []
    assert [len(d) for d in root.iter(q("defs"))] == [2]
    assert (root.get("stroke-linejoin"), root.get("stroke-linecap")) == ("round", "butt")


def test_each_event_has_one_link_with_its_title():
    root = finished()
    links = root.findall(f".//{q('a')}")
    assert [(a.get("href"), a.get("data-event"), a.get("class")) for a in links] == [
        (BASE + "events/a/", "a", "lt-chart-mark"),
        (BASE + "events/b/", "b", "lt-chart-mark"),
    ]
    assert [a[0].text for a in links] == [TITLES["a"], TITLES["b"]]
    assert all(a.get(f"{{{XLINK}}}href") is None and a.get("target") is None for a in links), "same tab, plain href"


def test_the_later_parts_of_a_mark_join_its_first_link():
    """Event a's mark joins its span's link, after it; the group b's second part left empty is removed."""
    root = finished()
    first, second = root.findall(f".//{q('a')}")
    assert [etree.QName(child).localname for child in first] == ["title", "path", "circle"]
    assert [child.get("r") for child in second if child.tag == q("circle")] == ["3", "4"]
    assert root.find(f".//{q('g')}[@id='lt-record-ends']") is None


def test_a_title_is_text_not_markup():
    out = finish()
    assert "&lt;Taepodong&gt; &amp; more" in out and "<Taepodong>" not in out


def test_every_id_and_every_reference_to_it_is_prefixed():
    """Light and dark copies share a page; a reference to an id the chart does not hold is left alone."""
    root = finished()
    ids = [node.get("id") for node in root.iter() if node.get("id")]
    assert ids and all(i.startswith("lt-record-") for i in ids)
    assert root.find(f".//{q('g')}[@id='lt-record-spans']").get("clip-path") == "url(#lt-record-p1)"
    assert root.find(f".//{q('use')}").get(f"{{{XLINK}}}href") == "#lt-record-m1"
    assert root.find(f".//{q('path')}[@d='M 2 2']").get("clip-path") == "url(#elsewhere)"


def test_stand_in_colours_become_the_schemes_variables():
    """In a style they are replaced; in a fill or stroke attribute they move into the style (var() works only in CSS)."""
    root = finished()
    assert root.find(f".//{q('g')}[@id='lt-record-patch_1']")[0].get("style") == (
        f"fill: {variable('page')}; stroke: {variable('text')}"
    )
    span = root.find(f".//{q('a')}")[1]
    assert span.get("fill") is None and span.get("style") == f"fill: {variable('text')}"
    out = etree.tostring(root, encoding="unicode")
    assert not [c for c in STAND_INS.values() if c in out]


def test_the_same_drawing_gives_the_same_bytes():
    """A cached chart and a fresh one are the same, so pages do not change between builds."""
    assert finish() == finish()


@pytest.mark.parametrize(
    ("svg", "message"),
    [
        (
            matplotlib_svg(extra='<a xlink:href="events/c/"><circle r="1"/></a>'),
            "chart link to 'events/c/', which is not an event drawn in this chart",
        ),
        (matplotlib_svg(a_clipped_again=True), "a clipped part of a's mark cannot join its link"),
        (matplotlib_svg(extra=f'<text x="1" color="{TEXT}">1998</text>'), "a chart colour in the 'color' attribute of <text>"),
    ],
    ids=["a-link-to-an-event-not-drawn", "a-clipped-part-would-be-unclipped", "a-colour-css-cannot-reach"],
)
def test_what_cannot_be_finished_safely_is_refused(svg, message):
    with pytest.raises(ValueError, match=message):
        finished(svg)
