"""Text for the sharing images: fonts that cover every script a title may hold, and lines broken by
their drawn width, so no title is clipped and none draws as empty boxes.

Latin, Cyrillic and Greek are set in DejaVu Sans (matplotlib's own font, as in the charts); what it
lacks (Hangul, Hanzi, kana) in Noto Sans CJK, shipped in a pinned Python package. A character that
neither covers is left out rather than drawn as a box.
"""

from __future__ import annotations

import functools
import importlib.util
import re
from dataclasses import dataclass
from pathlib import Path

from fontTools.ttLib import TTFont
from PIL import ImageFont

ELLIPSIS = "…"
HANGUL = re.compile(r"[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]")
# The blocks Noto Sans CJK covers (reading its 65,000-entry map would cost a second a build).
CJK = re.compile(r"[\u1100-\u11ff\u2e80-\u2fdf\u3000-\u33ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]")
# Where a line may break: at spaces, and between two Chinese characters (not spaced); Korean
# spaces its words, and keeps them whole.
_PIECES = re.compile(r"\s+|[\u2e80-\u9fff\uf900-\ufaff]|[^\s\u2e80-\u9fff\uf900-\ufaff]+")
_CJK_FACES = {"KR": 1, "SC": 2}  # faces of the collection: Korean shapes for Hangul, simplified Chinese otherwise


def _package_folder(name: str) -> Path:
    """A package's folder, found without importing it."""
    return Path(importlib.util.find_spec(name).submodule_search_locations[0])


@functools.cache
def _dejavu_file(bold: bool) -> Path:
    folder = _package_folder("matplotlib") / "mpl-data" / "fonts" / "ttf"
    return folder / ("DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf")


@functools.cache
def _cjk_file() -> Path:
    return _package_folder("manimgx_fonts_cjk") / "NotoSansCJK-VF.otf.ttc"


@functools.cache
def _covered(path: Path) -> frozenset[int]:
    with TTFont(path, fontNumber=0, lazy=True) as font:
        return frozenset(font.getBestCmap())


@functools.cache
def latin(bold: bool, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(_dejavu_file(bold)), size)


@functools.cache
def _cjk(bold: bool, size: int, face: str) -> ImageFont.FreeTypeFont:
    font = ImageFont.truetype(str(_cjk_file()), size, index=_CJK_FACES[face])
    font.set_variation_by_name("Bold" if bold else "Regular")
    return font


@dataclass(frozen=True)
class Run:
    """A stretch of a line set in one font."""

    text: str
    font: ImageFont.FreeTypeFont

    @property
    def width(self) -> float:
        return self.font.getlength(self.text)


@functools.cache
def _latin_characters(bold: bool) -> frozenset[str]:
    """The characters DejaVu Sans draws, and the spaces: a title made of these alone is one run."""
    return frozenset(map(chr, _covered(_dejavu_file(bold)))) | frozenset(" \t\n\u00a0")


def runs(text: str, bold: bool, size: int) -> list[Run]:
    """`text` cut into runs by the font that covers each character; uncovered characters are left out."""
    if _latin_characters(bold).issuperset(text):  # most titles: one test of the whole text, not one per character
        return [Run(text, latin(bold, size))] if text else []
    return runs_by_character(text, bold, size)


def runs_by_character(text: str, bold: bool, size: int) -> list[Run]:
    """`runs`, deciding each character's font in turn."""
    latin_set = _covered(_dejavu_file(bold))
    face = "KR" if HANGUL.search(text) else "SC"
    found: list[Run] = []
    for character in text:
        code = ord(character)
        if code in latin_set or character.isspace():
            font = latin(bold, size)
        elif CJK.match(character):
            font = _cjk(bold, size, face)
        else:
            continue
        if found and found[-1].font is font:
            found[-1] = Run(found[-1].text + character, font)
        else:
            found.append(Run(character, font))
    return found


@functools.lru_cache(maxsize=4096)
def width(text: str, bold: bool, size: int) -> float:
    return sum(run.width for run in runs(text, bold, size))


def wrap(text: str, *, bold: bool, size: int, max_width: float, max_lines: int) -> list[str]:
    """`text` in at most `max_lines` lines, each no wider than `max_width` pixels once drawn; what
    does not fit ends the last line with an ellipsis."""
    lines: list[str] = []
    current = ""
    for piece in _PIECES.findall(" ".join(text.split())):
        if len(lines) > max_lines:  # enough to know the text is cut: stop measuring the rest
            break
        candidate = current + piece if current else piece.lstrip()
        if not candidate or width(candidate.rstrip(), bold, size) <= max_width:
            current = candidate
            continue
        if current.strip():
            lines.append(current.rstrip())
        current = piece.lstrip()
        while current and width(current, bold, size) > max_width and len(lines) <= max_lines:
            cut = _longest_prefix(current, bold, size, max_width)  # a word wider than a line is cut
            lines.append(current[:cut])
            current = current[cut:]
    if current.strip():
        lines.append(current.rstrip())
    if len(lines) <= max_lines:
        return lines or [""]
    kept = lines[:max_lines]
    kept[-1] = _ellipsised(" ".join(lines[max_lines - 1 :]), bold, size, max_width)
    return kept


def _longest_prefix(text: str, bold: bool, size: int, max_width: float) -> int:
    """How many characters of `text` fit in `max_width` (at least one), by bisection."""
    low, high = 1, len(text)
    while low < high:
        middle = (low + high + 1) // 2
        if width(text[:middle], bold, size) <= max_width:
            low = middle
        else:
            high = middle - 1
    return low


def _ellipsised(text: str, bold: bool, size: int, max_width: float) -> str:
    """As much of `text` as fits with an ellipsis after it, cut at a space where one is near."""
    room = max_width - width(" " + ELLIPSIS, bold, size)
    kept = text[: _longest_prefix(text, bold, size, room)]
    space = kept.rfind(" ")
    if space > len(kept) * 2 // 3:
        kept = kept[:space]
    return kept.rstrip(" ,;:–-") + " " + ELLIPSIS
