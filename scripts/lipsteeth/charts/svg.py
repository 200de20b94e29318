"""The lxml pass that turns matplotlib's SVG into an inline-safe, linked, accessible fragment:
one link and title per event mark, unique ids, and colours as the schemes' CSS variables."""

from __future__ import annotations

import re

from lxml import etree

from .. import urls
from .style import ROLE_OF_STAND_IN, STAND_IN, variable

SVG = "http://www.w3.org/2000/svg"
XLINK = "http://www.w3.org/1999/xlink"
HREF = f"{{{XLINK}}}href"
_URL = re.compile(r"url\(#([^)]+)\)")


def finish_svg(svg: str, *, prefix: str, label: str, base: str, titles: dict[str, str]) -> str:
    """Make matplotlib's SVG safe to inline and usable: one link and one <title> per event mark
    (found by its link target, the event's URL), relative hrefs, unique ids, no fixed size, no
    page-wide CSS."""
    root = etree.fromstring(svg.encode("utf-8"), etree.XMLParser(resolve_entities=False, no_network=True))
    for name in ("width", "height"):
        root.attrib.pop(name, None)
    root.set("class", f"lt-chart {prefix.rstrip('-')}")
    root.set("aria-label", label)
    root.set("stroke-linejoin", "round")  # replaces matplotlib's <style>*{...}</style>, which would style the page
    root.set("stroke-linecap", "butt")
    for node in root.findall(f"{{{SVG}}}metadata") + root.findall(f".//{{{SVG}}}style"):
        parent = node.getparent()
        parent.remove(node)
        if parent.tag == f"{{{SVG}}}defs" and len(parent) == 0:
            parent.getparent().remove(parent)
    _link_marks(root, base, titles)
    _prefix_ids(root, prefix)
    _use_variables(root)
    return etree.tostring(root, encoding="unicode") + "\n"


def _link_marks(root: etree._Element, base: str, titles: dict[str, str]) -> None:
    """matplotlib wraps each linked item of a collection in <a xlink:href="events/<id>/" target="_blank">.
    Each event gets one link, in the same tab, with its tooltip: when several collections draw it
    (the record's span and its mark), the later parts move into the first link, after what it holds."""
    targets = {urls.event_url(event_id): event_id for event_id in titles}
    links: dict[str, etree._Element] = {}
    for link in list(root.iter(f"{{{SVG}}}a")):
        target = link.get(HREF)
        if target not in targets:
            raise ValueError(f"chart link to {target!r}, which is not an event drawn in this chart")
        event_id = targets[target]
        if event_id in links:
            parent = link.getparent()
            if parent.get("clip-path"):  # moving the part out of its group would unclip it
                raise ValueError(f"a clipped part of {event_id}'s mark cannot join its link")
            links[event_id].extend(list(link))
            parent.remove(link)
            if parent.tag == f"{{{SVG}}}g" and len(parent) == 0:  # the collection's group, now empty
                parent.getparent().remove(parent)
            continue
        links[event_id] = link
        link.attrib.clear()  # drops xlink:href and target="_blank"
        link.set("href", base + target)  # SVG 2 `href`: a plain link to browsers and crawlers
        link.set("class", "lt-chart-mark")
        link.set("data-event", event_id)
        title = etree.Element(f"{{{SVG}}}title")
        title.text = titles[event_id]  # lxml escapes the text
        link.insert(0, title)


def _prefix_ids(root: etree._Element, prefix: str) -> None:
    """Light and dark versions of several charts share a page, so every id gets a per-chart prefix."""
    ids = {node.get("id") for node in root.iter() if node.get("id")}
    for node in root.iter():
        if node.get("id"):
            node.set("id", prefix + node.get("id"))
        for attr, value in node.attrib.items():
            if attr == HREF and value.startswith("#") and value[1:] in ids:
                node.set(attr, f"#{prefix}{value[1:]}")
            elif "url(#" in value:
                node.set(attr, _URL.sub(lambda m: f"url(#{prefix}{m[1]})" if m[1] in ids else m[0], value))


def _use_variables(root: etree._Element) -> None:
    """Stand-in colours become CSS variables. var() works only in CSS, not in presentation
    attributes, so a colour in an attribute moves into the element's style."""
    for node in root.iter():
        for attr, value in list(node.attrib.items()):
            if not STAND_IN.search(value):
                continue
            if attr == "style":
                node.set("style", STAND_IN.sub(lambda m: variable(ROLE_OF_STAND_IN[m[0]]), value))
            elif attr in ("fill", "stroke"):
                del node.attrib[attr]
                style = node.get("style", "")
                node.set("style", f"{style}; {attr}: {variable(ROLE_OF_STAND_IN[value])}".lstrip("; "))
            else:
                raise ValueError(f"a chart colour in the {attr!r} attribute of <{etree.QName(node).localname}>")
