"""Preview images for sharing (Open Graph and Twitter cards): each page's title over a timeline of
the record with the page's own year marked, drawn by our own code at build time and cached, so no
third-party service ever renders or serves them.

Drawn with Pillow (which matplotlib already brings) rather than matplotlib: a site has hundreds
of pages and a preview is a few shapes and lines of text.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.util
import io
import os
import textwrap
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from .style import OKABE_ITO, THEMES

WIDTH, HEIGHT = 1200, 630
FIRST_YEAR, LAST_YEAR = 1949, 2026  # the axis; a page's year outside it is drawn at the edge
VERSION = "1"  # bump to redraw every cached preview after changing how they look
_LIGHT = THEMES["light"]


@functools.cache
def _font(bold: bool, size: int) -> ImageFont.FreeTypeFont:
    """DejaVu Sans from matplotlib's own fonts (found without importing matplotlib)."""
    folder = Path(importlib.util.find_spec("matplotlib").submodule_search_locations[0]) / "mpl-data" / "fonts" / "ttf"
    return ImageFont.truetype(str(folder / ("DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf")), size)


def draw(title: str, section: str, year: int | None, site_name: str) -> bytes:
    """A 1200 × 630 PNG: the site's name, the page's section and title, and the record's years with
    `year` marked."""
    image = Image.new("RGB", (WIDTH, HEIGHT), _LIGHT.page)
    pen = ImageDraw.Draw(image)
    pen.rectangle((0, 0, WIDTH, 14), fill=OKABE_ITO["vermillion"])
    pen.rectangle((0, 14, WIDTH, 28), fill=OKABE_ITO["blue"])
    pen.text((70, 70), site_name, font=_font(True, 34), fill=_LIGHT.text)
    pen.text((70, 122), section, font=_font(False, 30), fill=_LIGHT.muted)
    lines = textwrap.wrap(title, width=34, max_lines=4, placeholder=" …") or [""]
    for index, line in enumerate(lines):
        pen.text((70, 190 + index * 66), line, font=_font(True, 54), fill=_LIGHT.text)
    _timeline(pen, year)
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


def _timeline(pen: ImageDraw.ImageDraw, year: int | None) -> None:
    left, right, y = 70, WIDTH - 70, 540
    pen.line((left, y, right, y), fill=_LIGHT.muted, width=3)
    for tick in range(1950, LAST_YEAR + 1, 25):
        x = _x(tick, left, right)
        pen.line((x, y - 10, x, y + 10), fill=_LIGHT.muted, width=3)
        pen.text((x, y + 20), str(tick), font=_font(False, 24), fill=_LIGHT.muted, anchor="ma")
    if year is not None:
        x = _x(min(max(year, FIRST_YEAR), LAST_YEAR), left, right)
        pen.ellipse((x - 14, y - 14, x + 14, y + 14), fill=OKABE_ITO["vermillion"], outline=_LIGHT.text, width=3)


def _x(year: int, left: int, right: int) -> float:
    return left + (right - left) * (year - FIRST_YEAR) / (LAST_YEAR - FIRST_YEAR)


def cached(cache_dir: Path | None, title: str, section: str, year: int | None, site_name: str) -> bytes:
    """The preview from the cache, or drawn and then cached; the key is everything it shows."""
    key = hashlib.sha256("\n".join([VERSION, title, section, str(year), site_name]).encode("utf-8")).hexdigest()
    stored = cache_dir / f"{key}.png" if cache_dir else None
    if stored and stored.is_file():
        return stored.read_bytes()
    png = draw(title, section, year, site_name)
    if stored:
        stored.parent.mkdir(parents=True, exist_ok=True)
        temporary = stored.with_suffix(".tmp")
        temporary.write_bytes(png)
        os.replace(temporary, stored)
    return png
