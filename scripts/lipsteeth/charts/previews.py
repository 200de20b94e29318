"""Preview images for sharing (Open Graph and Twitter cards): each page's title over a timeline of
the record with the page's own year marked, drawn by our own code at build time and cached, so no
third-party service ever renders or serves them.

Cheap to draw and small to ship: the frame, the site's name, the section and the timeline are drawn
once per section (the background); a page adds only its title and its year's mark. Everything is
drawn straight into palette indices (no colour quantising), and the PNG compresses only the rows a
page changes (charts.png). Drawn with Pillow (which matplotlib already brings): a preview is a few
shapes and lines of text. A build whose previews are all cached never imports this module
(charts.preview_cache holds them), nor Pillow and the fonts with it.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from PIL import Image, ImageDraw

from . import lettering
from .png import Banded
from .style import OKABE_ITO, PREVIEW_YEARS, THEMES

WIDTH, HEIGHT = 1200, 630
FIRST_YEAR, LAST_YEAR = PREVIEW_YEARS  # the axis; a page's year outside it is drawn at the edge
LEFT, RIGHT, AXIS_Y = 70, WIDTH - 70, 540
TITLE = {"bold": True, "max_width": WIDTH - 2 * LEFT}
TITLE_TOP, TITLE_HEIGHT, LINE_SPACING = 190, 4 * 66, 66 / 54  # four lines at the largest size
TITLE_SIZES = (54, 46, 40, 34)  # a title too long for the lines that fit at one size tries the next
TITLE_ROWS = (TITLE_TOP - 10, TITLE_TOP + TITLE_HEIGHT + 16)  # the rows a title may draw in
MARK_RADIUS = 14
MARK_ROWS = (AXIS_Y - MARK_RADIUS, AXIS_Y + MARK_RADIUS + 1)  # the rows the year's mark draws in
_LIGHT = THEMES["light"]
# Shades of a text colour over the page for the letters' smooth edges: four keep the palette within
# 16 colours (two pixels to a byte) and the files small; more show little difference at this size.
LEVELS = 4


def _rgb(colour: str) -> tuple[int, int, int]:
    return tuple(int(colour[i : i + 2], 16) for i in (1, 3, 5))


def _mix(under: str, over: str, share: float) -> tuple[int, ...]:
    return tuple(round(a + (b - a) * share) for a, b in zip(_rgb(under), _rgb(over), strict=True))


@dataclass
class Ink:
    """A colour for letters: its shades over the page, as palette indices by a glyph's coverage."""

    first: int  # the palette index of its faintest shade; first + LEVELS - 1 is the colour itself

    @functools.cached_property
    def lut(self) -> list[int]:
        """Coverage 0-255 to palette index (0, the page, where nothing is drawn)."""
        return [0] + [self.first + min(LEVELS - 1, a * LEVELS // 256) for a in range(1, 256)]


PAGE, TEXT_INK, MUTED_INK = 0, Ink(1), Ink(1 + LEVELS)
TEXT, MUTED = TEXT_INK.first + LEVELS - 1, MUTED_INK.first + LEVELS - 1
VERMILLION, BLUE = 1 + 2 * LEVELS, 2 + 2 * LEVELS
PALETTE = bytes(
    channel
    for colour in [
        _rgb(_LIGHT.page),
        *(_mix(_LIGHT.page, _LIGHT.text, (k + 1) / LEVELS) for k in range(LEVELS)),
        *(_mix(_LIGHT.page, _LIGHT.muted, (k + 1) / LEVELS) for k in range(LEVELS)),
        _rgb(OKABE_ITO["vermillion"]),
        _rgb(OKABE_ITO["blue"]),
    ]
    for channel in colour
)
_BINARY = [0] + [255] * 255


def _inked(
    size: tuple[int, int], top: int, lines: list[tuple[int, int, str]], ink: Ink, *, bold: bool, points: int
) -> Image.Image:
    """Text lines, each (x, y of its top, text), drawn in the ink's shades (palette indices; 0, the
    page, where nothing is drawn) on an image of `size` that holds the preview's rows from `top`:
    rendered as coverage first, so the letters keep smooth edges in a palette."""
    coverage = Image.new("L", size)
    pen = ImageDraw.Draw(coverage)
    ascent = lettering.latin(bold, points).getmetrics()[0]
    for x, y, text in lines:
        for run in lettering.runs(text, bold, points):
            pen.text((x, y - top + ascent), run.text, font=run.font, fill=255, anchor="ls")
            x += run.width
    return coverage.point(ink.lut)


def _letter(canvas: Image.Image, lines: list[tuple[int, int, str]], ink: Ink, *, bold: bool, points: int) -> None:
    """Draw text lines over whatever `canvas` holds."""
    shaded = _inked(canvas.size, 0, lines, ink, bold=bold, points=points)
    canvas.paste(shaded, (0, 0), shaded.point(_BINARY))


@dataclass
class Background:
    """What every page of a section shares, drawn once: the frame, the names and the timeline."""

    canvas: Image.Image
    png: Banded


@functools.lru_cache(maxsize=32)
def background(section: str, site_name: str) -> Background:
    canvas = Image.new("L", (WIDTH, HEIGHT), PAGE)
    pen = ImageDraw.Draw(canvas)
    pen.rectangle((0, 0, WIDTH, 14), fill=VERMILLION)
    pen.rectangle((0, 14, WIDTH, 28), fill=BLUE)
    _letter(canvas, [(LEFT, 70, site_name)], TEXT_INK, bold=True, points=34)
    _letter(canvas, [(LEFT, 122, section)], MUTED_INK, bold=False, points=30)
    pen.line((LEFT, AXIS_Y, RIGHT, AXIS_Y), fill=MUTED, width=3)
    labels = Image.new("L", (WIDTH, HEIGHT))
    for tick in range(1950, LAST_YEAR + 1, 25):
        x = _x(tick)
        pen.line((x, AXIS_Y - 10, x, AXIS_Y + 10), fill=MUTED, width=3)
        ImageDraw.Draw(labels).text((x, AXIS_Y + 20), str(tick), font=lettering.latin(False, 24), fill=255, anchor="ma")
    canvas.paste(labels.point(MUTED_INK.lut), (0, 0), labels.point(_BINARY))
    return Background(canvas, Banded(canvas.tobytes(), WIDTH, PALETTE))


def _x(year: int) -> float:
    return LEFT + (RIGHT - LEFT) * (year - FIRST_YEAR) / (LAST_YEAR - FIRST_YEAR)


def max_lines(size: int) -> int:
    return int(TITLE_HEIGHT // (size * LINE_SPACING))


def title_lines(title: str) -> tuple[int, list[str]]:
    """The title as drawn: its size, and its lines, broken by drawn width: at the largest size
    that holds it whole in the lines that fit, or at the smallest ending in an ellipsis."""
    for size in TITLE_SIZES:
        lines = lettering.wrap(title, size=size, max_lines=max_lines(size), **TITLE)
        if not lines[-1].endswith(lettering.ELLIPSIS) or lettering.ELLIPSIS in title:
            return size, lines
    return size, lines


def canvas(title: str, section: str, year: int | None, site_name: str) -> tuple[Image.Image, list[tuple[int, int]]]:
    """The preview as palette indices (mode L): the section's background, the title and the mark;
    and the row ranges that differ from the background."""
    image = background(section, site_name).canvas.copy()
    changed = []
    size, wrapped = title_lines(title)
    lines = [(LEFT, TITLE_TOP + round(index * size * LINE_SPACING), line) for index, line in enumerate(wrapped)]
    # The title's rows are bare page in the background: its shaded letters replace them whole.
    band = _inked((WIDTH, TITLE_ROWS[1] - TITLE_ROWS[0]), TITLE_ROWS[0], lines, TEXT_INK, bold=TITLE["bold"], points=size)
    inked = band.getbbox()
    if inked:
        image.paste(band, (0, TITLE_ROWS[0]))
        changed.append((TITLE_ROWS[0] + inked[1], TITLE_ROWS[0] + inked[3]))
    if year is not None:
        x, r = _x(min(max(year, FIRST_YEAR), LAST_YEAR)), MARK_RADIUS
        ImageDraw.Draw(image).ellipse((x - r, AXIS_Y - r, x + r, AXIS_Y + r), fill=VERMILLION, outline=TEXT, width=3)
        changed.append(MARK_ROWS)
    return image, changed


def draw(title: str, section: str, year: int | None, site_name: str) -> bytes:
    """A 1200 × 630 palette PNG: the site's name, the page's section and title, and the record's
    years with `year` marked."""
    image, changed = canvas(title, section, year, site_name)
    return background(section, site_name).png.png(image.tobytes(), changed, shared=(MARK_ROWS,))
