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

from .. import forked
from ..atomic import Stored, WriteFailed, write_atomically
from .cache import code_fingerprint, matplotlib_version
from .png import PNG_END
from .style import PREVIEW_YEARS

Request = tuple[str, str, int | None, str]  # what a preview shows: title, section, year, site name


def key(title: str, section: str, year: int | None, site_name: str) -> str:
    """Everything a preview shows, and the code and library that draw it (charts' fingerprint
    covers this module): a change to either draws it again."""
    parts = [_drawn_with(), title, section, str(year), site_name, str(PREVIEW_YEARS)]
    return hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()


@functools.cache
def _drawn_with() -> str:
    """The code, the libraries and the fonts that draw a preview (looked up once: a package's version
    takes a while): Pillow, the CJK fonts' package, matplotlib, whose DejaVu Sans draws Latin text, and
    zlib-ng, which compresses the rows."""
    libraries = [version("pillow"), version("manimgx-fonts-cjk"), matplotlib_version(), version("zlib-ng")]
    return "\n".join([code_fingerprint(), *libraries])


class Store:
    """The previews of a build, from a folder shared by builds (and by processes: every write is
    atomic, and an entry pruned by another process is drawn again). `prune` removes the entries
    that no page of the build asked for."""

    def __init__(self, folder: Path | None):
        self.folder = folder
        self.used: set[str] = set()

    def get(self, title: str, section: str, year: int | None, site_name: str) -> bytes:
        """One preview: the stored one, else drawn and stored (a build asks for all of its at once:
        `cached`, then `drawn` for those missing)."""
        request = (title, section, year, site_name)
        [png] = self.cached([request])
        return png if png is not None else self.drawn([request])[0]

    def cached(self, requests: list[Request]) -> list[bytes | None]:
        """The stored preview of each request, in order, or None where none is stored. Every one
        asked for counts as used (`prune` keeps it), drawn later or not."""
        names = [key(*request) + ".png" for request in requests]
        self.used.update(names)
        return [self._read(name) for name in names]

    def drawn(self, requests: list[Request], workers: int | None = None) -> list[bytes]:
        """Each request's preview, drawn (see `draw_all`) and stored, in order."""
        if requests and self.folder is not None:
            self.folder.mkdir(parents=True, exist_ok=True)
        pngs = draw_all(requests, workers) if requests else []
        return [self._store(key(*request) + ".png", png) for request, png in zip(requests, pngs, strict=True)]

    def _read(self, name: str) -> Stored | None:
        if self.folder is None:
            return None
        with contextlib.suppress(FileNotFoundError):
            png = (self.folder / name).read_bytes()
            if png.endswith(PNG_END):  # not cut short by a power cut (entries are not forced to disk)
                return Stored(png, self.folder / name)
        return None

    def _store(self, name: str, png: bytes) -> bytes:
        """The preview, as stored (Stored: the generation step links the entry) or, where the cache
        cannot be written, as drawn (it costs only a redraw next time)."""
        if self.folder is None:
            return png
        with contextlib.suppress(WriteFailed):
            write_atomically(self.folder / name, png, durable=False)
            return Stored(png, self.folder / name)
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


# Below this many previews to draw, one process draws them all: starting workers would cost more than
# they save. Above it, a cold build (a fresh clone, CI without its cache) draws them on several processors.
PARALLEL_FROM = 64


def workers_for(count: int, spare: int = 0) -> int:
    """How many processes draw `count` previews: one per PARALLEL_FROM of them, on at most every
    processor but `spare` (below 2: drawn by the caller's own process)."""
    return min(count // PARALLEL_FROM, forked.processors() - spare)


def draw_all(requests: list[Request], workers: int | None = None) -> list[bytes]:
    """Each request's preview, drawn: on several forked processes when there are many (lipsteeth.forked)."""
    from . import previews  # imports Pillow and the fonts: only when a preview is drawn

    if workers is None:
        workers = workers_for(len(requests))
    if workers >= 2 and forked.can_fork():
        for section, site_name in dict.fromkeys((request[1], request[3]) for request in requests):
            previews.background(section, site_name)  # drawn once, here: the forked workers inherit them
    return forked.map_forked(lambda request: previews.draw(*request), requests, workers)
