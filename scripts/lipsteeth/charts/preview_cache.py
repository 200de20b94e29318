"""The sharing images of a build, kept between builds: each looked up by a hash of everything it
shows and the code that draws it, and drawn (charts.previews) only when missing. Kept apart from the
drawing, as charts.cache is from charts.draw, so that a build whose previews are all cached never
imports Pillow and the fonts.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
from importlib.metadata import version
from pathlib import Path

from ..atomic import WriteFailed, write_atomically
from .cache import code_fingerprint
from .png import PNG_END


def key(title: str, section: str, year: int | None, site_name: str) -> str:
    """Everything a preview shows, and the code and library that draw it (charts' fingerprint
    covers this module): a change to either draws it again."""
    parts = [_drawn_with(), title, section, str(year), site_name]
    return hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()


@functools.cache
def _drawn_with() -> str:
    """The code and libraries that draw a preview (looked up once: a package's version takes a while)."""
    return "\n".join([code_fingerprint(), version("pillow"), version("manimgx-fonts-cjk")])


class Store:
    """The previews of a build, from a folder shared by builds (and by processes: every write is
    atomic, and an entry pruned by another process is drawn again). `prune` removes the entries
    that no page of the build asked for."""

    def __init__(self, folder: Path | None):
        self.folder = folder
        self.used: set[str] = set()

    def get(self, title: str, section: str, year: int | None, site_name: str) -> bytes:
        name = key(title, section, year, site_name) + ".png"
        self.used.add(name)
        if self.folder is None:
            return _draw(title, section, year, site_name)
        stored = self.folder / name
        with contextlib.suppress(FileNotFoundError):
            png = stored.read_bytes()
            if png.endswith(PNG_END):  # not cut short by a power cut (entries are not forced to disk)
                return png
        png = _draw(title, section, year, site_name)
        self.folder.mkdir(parents=True, exist_ok=True)
        with contextlib.suppress(WriteFailed):  # a cache that cannot be written costs only a redraw
            write_atomically(stored, png, durable=False)
        return png

    def prune(self) -> int:
        """Remove the stored previews no page asked for since the last prune; returns how many."""
        removed = 0
        if self.folder is not None and self.folder.is_dir():
            for stored in self.folder.glob("*.png"):
                if stored.name not in self.used:
                    stored.unlink(missing_ok=True)
                    removed += 1
        self.used.clear()
        return removed


def _draw(title: str, section: str, year: int | None, site_name: str) -> bytes:
    from . import previews  # imports Pillow and the fonts: only when a preview is drawn

    return previews.draw(title, section, year, site_name)
