"""The charts for a build: each taken from the cache, or drawn when what it draws has changed.

Kept apart from `draw` so that a build whose charts are all cached never imports matplotlib
(about 0.4 s): the key is computed from the data and the code alone.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import hashlib
import json
from importlib.metadata import version
from pathlib import Path

from .. import urls
from ..analyse import analyses
from ..atomic import WriteFailed, write_atomically
from ..data.dataset import Dataset
from ..data.model import Event
from ..gcpause import gc_paused
from .style import CHARTS, lane_of

PACKAGE = Path(__file__).resolve().parents[1]
# Everything a chart may be drawn with: this subpackage and the stages before it (a test keeps
# charts from importing anything later). Whole folders, so a new or split module is never missed.
DRAWING_CODE = ("data", "analyse", "charts")

Drawings = dict[str, str]  # SVG by chart name, with urls.ROOT_PLACEHOLDER for the way to the site root


def drawing_code() -> list[Path]:
    return sorted(p for folder in DRAWING_CODE for p in (PACKAGE / folder).glob("*.py")) + [PACKAGE / "urls.py"]


@functools.cache
def code_fingerprint() -> str:
    """A hash of the drawing code's source, read as text (importing it would import matplotlib):
    any change to how charts are drawn or coloured redraws them, with no version to remember to bump."""
    digest = hashlib.sha256()
    for path in drawing_code():
        digest.update(path.relative_to(PACKAGE).as_posix().encode("utf-8") + b"\0" + path.read_bytes())
    return digest.hexdigest()


@gc_paused()
def draw_all(dataset: Dataset, cache_dir: Path | None) -> Drawings:
    """Every chart, taken from the cache or drawn (and then cached); matplotlib is imported only to draw."""
    chart_keys = keys(dataset, CHARTS, base=urls.ROOT_PLACEHOLDER, start_year=DEFAULT_START_YEAR)
    drawings = {}
    for name in CHARTS:
        drawings[name] = lookup(cache_dir, name, chart_keys[name])
        if drawings[name] is None:
            from .draw import draw_chart  # imports matplotlib, which takes a while: only when drawing

            drawings[name] = draw_chart(dataset, name, base=urls.ROOT_PLACEHOLDER, start_year=DEFAULT_START_YEAR)
            store(cache_dir, name, chart_keys[name], drawings[name])
    prune(cache_dir, chart_keys)
    return drawings


DEFAULT_START_YEAR = analyses.COMPLETE_FROM


def inputs(dataset: Dataset, name: str, start_year: int | None) -> list[Event]:
    """The events a chart draws (and so its cache key)."""
    if name == "record":
        start = dt.date(start_year, 1, 1) if start_year else dt.date.min
        return [e for e in dataset.events if lane_of(e) is not None and e.date.first_day() >= start]
    if name == "trade":  # the figures come from the series (in the key too), the marks from these events
        return [e for e in dataset.events if trade_marked(e)]
    if name in ("test-to-visit", "levels-per-year"):  # border closures shape the waits, and are shaded on the levels
        return [e for e in dataset.events if e.kind in ("visit", "nuclear-test") or e.border_closed]
    return [e for e in dataset.events if e.kind in ("visit", "nuclear-test")]


def trade_marked(event: Event) -> bool:
    """The events the trade chart marks: tests, steps of sanctions, border closures."""
    return (
        event.kind in ("nuclear-test", "sanctions")
        or (event.kind == "un-resolution" and event.new_sanctions)
        or event.border_closed
    )


def key(dataset: Dataset, name: str, *, base: str, start_year: int | None) -> str:
    """A hash of everything the chart depends on: its events, the leaders' roles, the options and code."""
    return keys(dataset, (name,), base=base, start_year=start_year)[name]


def keys(dataset: Dataset, names: tuple[str, ...], *, base: str, start_year: int | None) -> dict[str, str]:
    """`key` for several charts, writing out each event once however many charts draw it."""
    leaders = [p.model_dump(mode="json", by_alias=True) for p in dataset.people if any(r.leader for r in p.roles)]
    drawn = {name: inputs(dataset, name, start_year) for name in names}
    # Each event as JSON once (pydantic writes fields in the model's fixed order), however many charts draw it.
    written = {e.id: e.model_dump_json(by_alias=True) + "\n" for events in drawn.values() for e in events}
    found = {}
    for name, events in drawn.items():
        digest = hashlib.sha256(
            _json([code_fingerprint(), version("matplotlib"), name, base, start_year, leaders]).encode("utf-8")
        )
        for event in events:
            digest.update(written[event.id].encode("utf-8"))
        if name == "trade":
            for found_series in dataset.series:
                digest.update(found_series.model_dump_json(by_alias=True).encode("utf-8"))
        found[name] = digest.hexdigest()
    return found


def _json(value: object) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False) + "\n"


def lookup(cache_dir: Path | None, name: str, chart_key: str) -> str | None:
    """The cached chart, or None (also when another process pruned it a moment ago)."""
    if cache_dir is None:
        return None
    try:
        svg = (cache_dir / f"{name}-{chart_key}.svg").read_text(encoding="utf-8")
    except (FileNotFoundError, UnicodeDecodeError):
        return None
    return svg if svg.rstrip().endswith("</svg>") else None  # not cut short (entries are not forced to disk)


def store(cache_dir: Path | None, name: str, chart_key: str, svg: str) -> None:
    """Keep a chart, written atomically (a temporary file of this process's own, so
    two processes filling one cache never take each other's); a cache that cannot be written only
    costs a redraw next time."""
    if cache_dir is None:
        return
    cache_dir.mkdir(parents=True, exist_ok=True)
    stored = cache_dir / f"{name}-{chart_key}.svg"
    with contextlib.suppress(WriteFailed):
        write_atomically(stored, svg.encode("utf-8"), durable=False)


def prune(cache_dir: Path | None, chart_keys: dict[str, str]) -> None:
    """Remove every cached chart but the current versions (`chart_keys`, by chart name)."""
    if cache_dir is None or not cache_dir.is_dir():
        return
    current = {f"{name}-{chart_key}.svg" for name, chart_key in chart_keys.items()}
    for stored in cache_dir.glob("*.svg"):
        if stored.name not in current:
            stored.unlink(missing_ok=True)  # another process may have removed it first
