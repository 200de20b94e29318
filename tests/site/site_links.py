"""The crawl of a built site shared by the tests that build one (MkDocs's, Zensical's): every
internal link and #anchor must land on something that exists."""

from __future__ import annotations

import posixpath
from pathlib import Path
from urllib.parse import unquote, urlsplit

from lxml import html as lxml_html


def pages(site: Path):
    """Each built page, as (its path in the site, its parsed tree)."""
    for path in sorted(site.rglob("*.html")):
        yield path.relative_to(site).as_posix(), lxml_html.fromstring(path.read_bytes())


def target(site: Path, page: str, href: str):
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


def broken_links(site: Path) -> list[str]:
    """Internal links and anchors that land nowhere, one line each. Chart marks are SVG links: they
    must resolve like any other."""
    ids = {(site / page).resolve(): set(tree.xpath("//@id")) for page, tree in pages(site)}
    broken = []
    for page, tree in pages(site):
        if page.startswith(("search/", "assets/")) or page == "404.html":
            continue
        for href in tree.xpath("//a/@href | //a/@*[name()='xlink:href']"):
            found = target(site, page, href)
            if found is None:
                continue
            file, fragment = found
            if not file.exists():
                broken.append(f"{page}: {href} (no such page)")
            elif fragment and file.suffix == ".html" and fragment not in ids.get(file.resolve(), set()):
                broken.append(f"{page}: {href} (no such anchor)")
    return broken
