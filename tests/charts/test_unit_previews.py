"""A sharing image drawn for one title, without a build (charts.previews): a valid PNG of the expected
size, the same bytes for the same page, other bytes for another, and a stored one reused."""

from __future__ import annotations

import io
import struct
import zlib

import pytest
from PIL import Image

from lipsteeth.atomic import Stored
from lipsteeth.charts import preview_cache, previews
from lipsteeth.charts.png import PNG_END

SITE = "Lips and Teeth"
PAGE = ("Kim Jong-il makes a secret visit to Beijing", "Event", 2000, SITE)


def chunks(png: bytes) -> list[tuple[bytes, bytes]]:
    """The PNG's chunks, each (type, data), every checksum checked."""
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    found, at = [], 8
    while at < len(png):
        (length,) = struct.unpack(">I", png[at : at + 4])
        kind, data = png[at + 4 : at + 8], png[at + 8 : at + 8 + length]
        (crc,) = struct.unpack(">I", png[at + 8 + length : at + 12 + length])
        assert crc == zlib.crc32(kind + data), f"bad checksum in {kind!r}"
        found.append((kind, data))
        at += 12 + length
    return found


@pytest.fixture(scope="module")
def png() -> bytes:
    return previews.draw(*PAGE)


def test_a_preview_is_a_valid_png_of_the_card_size(png):
    """1200 × 630, 16 colours at two pixels a byte; the pixel stream (written in bands joined by hand)
    decompresses whole to exactly one filter byte and 600 bytes a row."""
    found = chunks(png)
    assert [kind for kind, _ in found] == [b"IHDR", b"PLTE", *[b"IDAT"] * (len(found) - 3), b"IEND"]
    width, height, bits, colour_type = struct.unpack(">IIBB", found[0][1][:10])
    assert (width, height, bits, colour_type) == (1200, 630, 4, 3)
    rows = zlib.decompress(b"".join(data for kind, data in found if kind == b"IDAT"))
    assert len(rows) == 630 * (1 + 1200 // 2)
    image = Image.open(io.BytesIO(png))
    image.load()
    assert (image.format, image.mode, image.size) == ("PNG", "P", (1200, 630))


def test_the_same_page_gives_the_same_bytes(png):
    """Drawn again, even from a background drawn afresh: a rebuild changes no file it need not."""
    previews.background.cache_clear()
    assert previews.draw(*PAGE) == png


@pytest.mark.parametrize(
    "other",
    [
        ("Kim Jong-il makes a secret visit to Beijin", "Event", 2000, SITE),
        ("Kim Jong-il makes a secret visit to Beijing", "Person", 2000, SITE),
        ("Kim Jong-il makes a secret visit to Beijing", "Event", 2001, SITE),
        ("Kim Jong-il makes a secret visit to Beijing", "Event", None, SITE),
        ("Kim Jong-il makes a secret visit to Beijing", "Event", 2000, "Lips & Teeth"),
    ],
    ids=["title", "section", "year", "no-year", "site-name"],
)
def test_another_page_gives_other_bytes_and_another_key(png, other):
    """Each thing a preview shows changes its picture, and the name it is stored under."""
    assert previews.draw(*other) != png
    assert preview_cache.key(*other) != preview_cache.key(*PAGE)


def test_the_key_is_the_same_for_the_same_page():
    assert preview_cache.key(*PAGE) == preview_cache.key(*PAGE)


def test_a_stored_preview_is_reused_by_the_next_build(tmp_path, png, monkeypatch):
    """The first build draws and stores it under its key; a later build (a new store on the same
    folder) reads it back without drawing."""
    assert preview_cache.Store(tmp_path).get(*PAGE) == png
    assert [p.name for p in tmp_path.iterdir()] == [preview_cache.key(*PAGE) + ".png"]

    def no_drawing(*page):
        raise AssertionError(f"drew {page} again")

    monkeypatch.setattr(previews, "draw", no_drawing)
    assert preview_cache.Store(tmp_path).get(*PAGE) == png


def test_a_preview_names_its_cache_entry_for_linking(tmp_path, png):
    """Drawn and stored, or read back, a preview carries the entry it is in (the generation step
    links that file into the site's sources instead of writing the bytes again)."""
    entry = tmp_path / (preview_cache.key(*PAGE) + ".png")
    for _ in ("drawn", "read back"):
        found = preview_cache.Store(tmp_path).get(*PAGE)
        assert isinstance(found, Stored) and found.origin == entry and entry.read_bytes() == found == png


def test_what_is_stored_is_what_is_served(tmp_path):
    """The store reads a whole entry back as it is (a changed entry is served changed: the key, not
    the bytes, decides when to draw again; only an entry cut short is drawn again)."""
    stored = b"stored" + PNG_END
    (tmp_path / (preview_cache.key(*PAGE) + ".png")).write_bytes(stored)
    assert preview_cache.Store(tmp_path).get(*PAGE) == stored


def test_without_a_folder_every_preview_is_drawn(png):
    store = preview_cache.Store(None)
    assert store.get(*PAGE) == png
    assert store.prune() == 0
